/* forecast.h — the plan meets the run: a measured training speed turned
 * into the time and the rent of training the plan's data on the plan's GPUs.
 *
 *   throughput      = median of the run's last FORECAST_WINDOW throughputs
 *                     (× batch when the run counts iterations, it/s)
 *   per_device      = throughput / run_devices
 *   plan_throughput = per_device × gpus × scaling_efficiency
 *   work            = samples × epochs        (tokens when the run says tok/s)
 *   train_seconds   = work / plan_throughput  (wall clock)
 *   gpu_hours       = train_seconds × gpus / 3600
 *   rent_cost       = gpu_hours × gpu_hourly  (cents, rounded once)
 *   breakeven_hours = C / (gpus × gpu_hourly) (hours of renting that cost C)
 *
 * Pure: no I/O, no globals.  Speeds and times are doubles (they are
 * measurements); money is not: the GPU time is rounded once to whole
 * GPU-milliseconds and the rent is an exact 128-bit product of that and the
 * micro-dollar price, rounded half away from zero to the cent.  Errors are
 * values (struct cd_err), never a NaN or a guess.
 *
 * Start at struct forecast_input and forecast_eval().
 */
#ifndef CAPDASH_FORECAST_H
#define CAPDASH_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

#define FORECAST_WINDOW 20       /* the median is over the last this many points */
#define FORECAST_MIN_POINTS 3    /* fewer is an error, not a guess */
#define FORECAST_EFF_ONE 1000000 /* scaling efficiency 1.0 (linear), millionths */
#define FORECAST_EFF_MIN 50000   /* 0.05 */
#define FORECAST_EPOCHS_MAX 1000000
#define FORECAST_BATCH_MAX INT64_C(1000000000)
#define FORECAST_DEVICES_MAX 1000000
#define FORECAST_HOURLY_MAX INT64_C(1000000000000) /* micro-dollars: $1,000,000/GPU-hour */
/* GPU-milliseconds a forecast may reach (about 3.2 million GPU-years): keeps
 * rent = gpu_ms × FORECAST_HOURLY_MAX / 3.6e10 below INT64_MAX cents. */
#define FORECAST_GPU_MS_MAX INT64_C(100000000000000000)

/* What the measured throughput counts. */
enum forecast_unit {
	FORECAST_UNIT_NONE, /* the run gave no unit: refused */
	FORECAST_SAMPLES,   /* samples/s (images, documents...) */
	FORECAST_TOKENS,    /* tok/s: data.samples is then read as tokens */
	FORECAST_ITERS      /* it/s: needs the batch size (samples per iteration) */
};

/* "samples/s", "tok/s", "it/s"; "" for NONE. */
const char *forecast_unit_name(enum forecast_unit u);

struct forecast_input {
	/* the run */
	double throughput; /* measured for the whole run, in unit per second, >= 0, finite */
	enum forecast_unit unit;
	int points;    /* how many points the median came from (reported only) */
	int64_t batch; /* samples per iteration: 1..FORECAST_BATCH_MAX for it/s, else ignored */
	int64_t run_devices; /* devices the run measured on, 1..FORECAST_DEVICES_MAX (CPU run: 1) */
	int64_t epochs;      /* passes over the data, 1..FORECAST_EPOCHS_MAX */
	/* the plan (forecast_plan fills these from a scenario) */
	int64_t gpus;         /* compute.gpus, 1..1,000,000 (0: nothing to train on, refused) */
	int64_t scaling_eff;  /* millionths, FORECAST_EFF_MIN..FORECAST_EFF_ONE */
	int64_t samples;      /* data.samples, 0..10,000,000,000 */
	int64_t gpu_hourly;   /* micro-dollars per GPU-hour, 0..FORECAST_HOURLY_MAX */
	int64_t plan_compute; /* C, cents, >= 0 */
};

struct forecast_result {
	double throughput;      /* samples (tokens) per second on the run: it/s × batch */
	double per_device;      /* throughput / run_devices */
	double plan_throughput; /* per_device × gpus × scaling efficiency */
	int64_t work;           /* samples × epochs */
	double train_seconds;   /* work / plan_throughput: wall clock on the plan's GPUs */
	int64_t gpu_ms;         /* train_seconds × gpus, GPU-milliseconds, rounded once */
	double gpu_hours;       /* gpu_ms / 3,600,000 */
	int64_t rent_cost;      /* cents: gpu_ms × gpu_hourly, rounded half away once */
	int64_t plan_compute;   /* cents: C, as given */
	bool has_breakeven;     /* false when gpu_hourly is 0: renting costs nothing */
	double breakeven_hours; /* C / (gpus × gpu_hourly) */
};

/* Fill the plan's part of in (gpus, scaling_eff, samples, gpu_hourly,
 * plan_compute) from a scenario's inputs and its evaluated result; the run's
 * part and epochs are left as they are.  The one place that knows how the
 * scenario stores its prices. */
void forecast_plan(struct forecast_input *in, const struct budget_input *plan,
                   const struct budget_result *r);

/* Compute every figure.  Validates first; on a bad input (zero or
 * non-finite throughput, it/s without a batch, a unit of NONE, gpus 0, a
 * value out of its range, a forecast past FORECAST_GPU_MS_MAX) fills err
 * with a message naming the value and what was expected, err->code
 * CD_ERR_RANGE (CD_ERR_USAGE for it/s without a batch), and returns -1; out
 * is then untouched.  Returns 0. */
int forecast_eval(const struct forecast_input *in, struct forecast_result *out, struct cd_err *err);

/* The median of the last FORECAST_WINDOW of rates[0..n) (oldest first; fewer
 * when n is smaller); an even count takes the mean of the two middle values.
 * Fewer than FORECAST_MIN_POINTS values: err (code CD_ERR_STATE) says how
 * many there are and how many are needed, returns -1.  Non-finite or
 * negative rates are refused the same way (CD_ERR_RANGE).  *used receives
 * the number of values the median is over (may be NULL).  Returns 0. */
int forecast_median(const double *rates, size_t n, double *out, int *used, struct cd_err *err);

#endif
