/* burn.c — the money a training run burns (see burn.h for the rules).
 *
 * Pure: no I/O, no floats.  Products go through 128-bit intermediates so
 * that price × time cannot wrap; every division rounds half away from zero.
 * Start at burn_eval().
 */
#include "capdash/burn.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <string.h>

#include "capdash/budget.h"

__extension__ typedef __int128 burn_i128;

#define MS_PER_HOUR INT64_C(3600000)
#define MJ_PER_KWH INT64_C(3600000000) /* 1 kWh = 3.6e6 J = 3.6e9 mJ */
#define MW_PER_KW INT64_C(1000000)

/* a × b ÷ d in 128 bits, rounded half away from zero; d > 0.  Inputs are
 * bounded by validate() so a × b cannot wrap 128 bits. */
static burn_i128 muldiv(burn_i128 a, burn_i128 b, burn_i128 d)
{
	burn_i128 n = a * b;
	burn_i128 q = n / d, r = n % d;

	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	return q;
}

static int check(struct cd_err *err, const char *what, int64_t v, int64_t max)
{
	if (v < 0 || v > max)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("%s: expected a number from 0 to %lld, got %lld"), what,
		                  (long long)max, (long long)v);
	return 0;
}

static int validate(const struct burn_prices *p, const struct burn_usage *u, struct cd_err *err)
{
	if (check(err, "gpu_hourly", p->gpu_hourly, BURN_PRICE_MAX) ||
	    check(err, "gpu_unit_cost", p->gpu_unit_cost, BURN_PRICE_MAX) ||
	    check(err, "energy_kwh", p->energy_kwh, BURN_PRICE_MAX) ||
	    check(err, "cpu_core_hourly", p->cpu_core_hourly, BURN_PRICE_MAX) ||
	    check(err, "team_monthly", p->team_monthly, BURN_PRICE_MAX) ||
	    check(err, "amortization_hours", p->amortization_hours, BURN_MS_MAX) ||
	    check(err, "gpus", u->gpus, BURN_GPUS_MAX) ||
	    check(err, "elapsed_ms", u->elapsed_ms, BURN_MS_MAX) ||
	    check(err, "cpu_ms", u->cpu_ms, BURN_MS_MAX * 1024) ||
	    check(err, "cpu_millicores", u->cpu_millicores, INT64_C(1) << 30) ||
	    (u->has_energy && check(err, "energy_mj", u->energy_mj, INT64_C(1) << 60)) ||
	    (u->has_power && check(err, "power_mw", u->power_mw, INT64_C(1) << 40)))
		return -1;
	if (p->override_hourly != -1 &&
	    check(err, "override_hourly", p->override_hourly, BURN_PRICE_MAX))
		return -1;
	if (u->eta_ms != -1 && check(err, "eta_ms", u->eta_ms, BURN_MS_MAX))
		return -1;
	if (p->mode != BURN_RENT && p->mode != BURN_BUY)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0, _("mode: expected rent or buy"));
	if (p->mode == BURN_BUY && p->amortization_hours == 0 && p->override_hourly < 0)
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("amortization_hours: expected more than 0 hours when buying GPUs"));
	return 0;
}

static bool fits(burn_i128 v)
{
	return v >= INT64_MIN && v <= INT64_MAX;
}

int burn_eval(const struct burn_prices *p, const struct burn_usage *u, struct burn_result *r,
              struct cd_err *err)
{
	burn_i128 gph = 0, eph = 0, cph = 0, spent = 0, proj = -1;

	if (validate(p, u, err))
		return -1;
	memset(r, 0, sizeof(*r));
	if (p->override_hourly >= 0) {
		gph = p->override_hourly;
		spent = muldiv(gph, u->elapsed_ms, MS_PER_HOUR);
	} else {
		/* A rented or owned GPU costs by the wall-clock hour, busy or
		 * paused; energy and CPU cost what was actually drawn and used. */
		if (p->mode == BURN_RENT) {
			gph = (burn_i128)p->gpu_hourly * u->gpus;
			spent = muldiv(gph, u->elapsed_ms, MS_PER_HOUR);
		} else {
			gph = muldiv(p->gpu_unit_cost, u->gpus, p->amortization_hours);
			spent = muldiv((burn_i128)p->gpu_unit_cost * u->gpus, u->elapsed_ms,
			               (burn_i128)p->amortization_hours * MS_PER_HOUR);
			if (u->has_energy)
				spent += muldiv(u->energy_mj, p->energy_kwh, MJ_PER_KWH);
			if (u->has_power && !u->paused)
				eph = muldiv(u->power_mw, p->energy_kwh, MW_PER_KW);
		}
		spent += muldiv(u->cpu_ms, p->cpu_core_hourly, MS_PER_HOUR);
		if (!u->paused)
			cph = muldiv(u->cpu_millicores, p->cpu_core_hourly, 1000);
	}
	if (u->eta_ms >= 0)
		proj = spent + muldiv(gph + eph + cph, u->eta_ms, MS_PER_HOUR);
	if (!fits(gph + eph + cph) || !fits(spent) || !fits(proj))
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("run cost: the figures are too large to represent"));
	r->gpu_per_hour = (int64_t)gph;
	r->energy_per_hour = (int64_t)eph;
	r->cpu_per_hour = (int64_t)cph;
	r->per_hour = (int64_t)(gph + eph + cph);
	r->spent = (int64_t)spent;
	r->projected = (int64_t)proj;
	r->team_per_hour = (int64_t)muldiv(p->team_monthly, 1, BURN_HOURS_PER_MONTH);
	r->paused_cost = u->paused && r->per_hour > 0;
	return 0;
}

int64_t burn_micro_from_cents(int64_t cents)
{
	return cents * 10000;
}

char *burn_format(int64_t micro, char *buf, size_t size)
{
	const char *sign = micro < 0 ? "-" : "";
	int64_t a = micro < 0 ? -micro : micro;

	if (size == 0)
		return buf;
	if (a == 0) {
		snprintf(buf, size, "$0.00");
	} else if (a >= 1000000) {
		char m[48];
		money_format((int64_t)muldiv(a, 1, 10000), MONEY_CENTS, m, sizeof(m));
		snprintf(buf, size, "%s%s", sign, m);
	} else {
		int64_t t = (int64_t)muldiv(a, 1, 100); /* ten-thousandths of a dollar */
		if (t >= 10000)
			snprintf(buf, size, "%s$1.00", sign);
		else
			snprintf(buf, size, "%s$0.%04lld", sign, (long long)t);
	}
	return buf;
}
