/* burn.h — what a training run costs: $/h now, $ spent, $ at finish.
 *
 * Money, so it lives in the model: pure, no I/O, int64 only.  Prices and
 * results are micro-dollars (1e-6 $) so that a CPU run's $0.0042/h and a
 * 1,000-GPU cluster's $2,500/h are both exact; divisions round half away
 * from zero.  Money on screens goes through burn_format().
 *
 *   rent:  gpu $/h  = gpus × gpu_hourly
 *   buy:   gpu $/h  = gpus × gpu_unit_cost ÷ amortization_hours
 *          energy   = NVML energy (mJ) × energy_kwh ÷ 3.6e9, $/h from power
 *   cpu:   core-hours used (group CPU time) × cpu_core_hourly
 *   team:  monthly salaries ÷ 730 hours
 *   projected at finish = spent + $/h × ETA
 * GPUs rented or owned cost money while a run is paused: elapsed time, not
 * busy time, is what is charged.  An override price replaces all of it.
 */
#ifndef CAPDASH_BURN_H
#define CAPDASH_BURN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"

enum burn_mode { BURN_RENT, BURN_BUY };

#define BURN_HOURS_PER_MONTH 730
#define BURN_PRICE_MAX INT64_C(1000000000000000) /* micro-dollars: $1e9 */
#define BURN_GPUS_MAX 1000000
#define BURN_MS_MAX INT64_C(3153600000000) /* 100 years */

struct burn_prices {
	enum burn_mode mode;
	int64_t gpu_hourly;         /* micro-dollars per GPU-hour (rent) */
	int64_t gpu_unit_cost;      /* micro-dollars per GPU (buy) */
	int64_t amortization_hours; /* buy: hours over which a GPU is paid off, > 0 */
	int64_t energy_kwh;         /* micro-dollars per kWh (buy) */
	int64_t cpu_core_hourly;    /* micro-dollars per core-hour */
	int64_t override_hourly;    /* micro-dollars per hour for the whole run; -1: none */
	int64_t team_monthly;       /* micro-dollars: Σ monthly salaries */
};

struct burn_usage {
	int64_t gpus;       /* GPUs the run holds */
	int64_t elapsed_ms; /* wall time since start, paused time included */
	int64_t eta_ms;     /* -1: unknown */
	bool paused;
	int64_t cpu_ms;         /* CPU time used so far (core-ms) */
	int64_t cpu_millicores; /* CPU in use now: 1000 = one busy core */
	bool has_energy;
	int64_t energy_mj; /* energy used since the run started, mJ */
	bool has_power;
	int64_t power_mw; /* draw now, mW, all of the run's GPUs */
};

struct burn_result {
	int64_t per_hour; /* micro-dollars per hour now */
	int64_t gpu_per_hour, energy_per_hour, cpu_per_hour;
	int64_t spent;         /* micro-dollars so far */
	int64_t projected;     /* spent + per_hour × ETA; -1 when ETA unknown */
	int64_t team_per_hour; /* team_monthly ÷ 730 */
	bool paused_cost;      /* paused, yet per_hour > 0 (GPUs still cost) */
};

/* Fill r.  Rejects negative or oversized inputs (prices > BURN_PRICE_MAX,
 * gpus > BURN_GPUS_MAX, times > BURN_MS_MAX, amortization_hours <= 0 when
 * buying) with err naming the field.  Returns 0 or -1. */
int burn_eval(const struct burn_prices *p, const struct burn_usage *u, struct burn_result *r,
              struct cd_err *err);

/* Prices in micro-dollars from the scenario's units: cents → micro. */
int64_t burn_micro_from_cents(int64_t cents);

/* micro-dollars for people: "$1,234.57" from $1 up (to the cent),
 * "$0.0042" below (to 1/100 of a cent), "$0.00" for zero, "-" prefixed when
 * negative.  Returns buf (48 bytes always suffice). */
char *burn_format(int64_t micro, char *buf, size_t size);

#endif
