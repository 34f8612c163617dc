/* forecast.c — training time and rent of the plan's data at a measured
 * speed (the rules are in forecast.h).
 *
 * Pure: no I/O.  Speeds and times are doubles; the GPU time becomes whole
 * GPU-milliseconds once, and the rent is that times a micro-dollar price in
 * 128 bits, rounded half away from zero to the cent once.  Everything is
 * validated first, so no NaN, inf or wrapped number comes out.
 * Start at forecast_eval().
 */
#include "capdash/forecast.h"
#include "capdash/i18n.h"

#include <math.h>
#include <stdio.h> /* snprintf only: no I/O here */
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 fc_i128;

#define MS_PER_HOUR INT64_C(3600000)
#define MICRO_PER_CENT INT64_C(10000)
#define SAMPLES_MAX INT64_C(10000000000)
#define GPUS_MAX 1000000

const char *forecast_unit_name(enum forecast_unit u)
{
	switch (u) {
	case FORECAST_SAMPLES:
		return "samples/s";
	case FORECAST_TOKENS:
		return "tok/s";
	case FORECAST_ITERS:
		return "it/s";
	default:
		return "";
	}
}

void forecast_plan(struct forecast_input *in, const struct budget_input *plan,
                   const struct budget_result *r)
{
	in->gpus = plan->gpus;
	in->samples = plan->samples;
	in->gpu_hourly = plan->gpu_hourly_cost; /* micro-dollars, as the forecast's */
	/* 0 is an input built by hand without the field (the loader and the
	 * seed set 1.0): the default, linear scaling. */
	in->scaling_eff = plan->scaling_efficiency ? plan->scaling_efficiency : FORECAST_EFF_ONE;
	in->plan_compute = r->compute;
}

static int range(struct cd_err *err, const char *what, int64_t v, int64_t lo, int64_t hi)
{
	if (v >= lo && v <= hi)
		return 0;
	return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
	                  _("%s: expected a whole number from %lld to %lld, got %lld"), what,
	                  (long long)lo, (long long)hi, (long long)v);
}

static int validate(const struct forecast_input *in, struct cd_err *err)
{
	if (in->unit == FORECAST_UNIT_NONE || (unsigned)in->unit > FORECAST_ITERS)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("the run's throughput has no unit (samples/s, tok/s or it/s)"));
	if (!isfinite(in->throughput) || in->throughput <= 0)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("measured throughput: expected a speed above 0, got %g"),
		                  in->throughput);
	if (in->unit == FORECAST_ITERS && in->batch == 0)
		return cd_err_set(
		        err, CD_ERR_USAGE, NULL, 0, 0,
		        _("the run reports it/s (steps per second), not samples: give the "
		          "batch size with --batch N (samples per step)"));
	if (in->unit == FORECAST_ITERS &&
	    range(err, "batch size", in->batch, 1, FORECAST_BATCH_MAX))
		return -1;
	if (range(err, "run devices", in->run_devices, 1, FORECAST_DEVICES_MAX) ||
	    range(err, "epochs", in->epochs, 1, FORECAST_EPOCHS_MAX) ||
	    range(err, "data.samples", in->samples, 0, SAMPLES_MAX) ||
	    range(err, "compute.gpu_hourly_cost (micro-dollars)", in->gpu_hourly, 0,
	          FORECAST_HOURLY_MAX) ||
	    range(err, "compute.scaling_efficiency (millionths)", in->scaling_eff, FORECAST_EFF_MIN,
	          FORECAST_EFF_ONE) ||
	    range(err, "plan compute C (cents)", in->plan_compute, 0, INT64_MAX))
		return -1;
	if (in->gpus == 0)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("compute.gpus is 0: the plan has no GPU to train on"));
	return range(err, "compute.gpus", in->gpus, 1, GPUS_MAX);
}

/* a × b ÷ d rounded half away from zero; a, b, d >= 0, d > 0, a × b within
 * 128 bits (the callers' bounds see to it). */
static fc_i128 muldiv(fc_i128 a, fc_i128 b, fc_i128 d)
{
	fc_i128 n = a * b, q = n / d;

	if (2 * (n % d) >= d)
		q++;
	return q;
}

int forecast_eval(const struct forecast_input *in, struct forecast_result *out, struct cd_err *err)
{
	struct forecast_result r;
	double gpu_ms;

	if (validate(in, err))
		return -1;
	memset(&r, 0, sizeof r);
	r.throughput = in->throughput * (in->unit == FORECAST_ITERS ? (double)in->batch : 1.0);
	r.per_device = r.throughput / (double)in->run_devices;
	r.plan_throughput = r.per_device * (double)in->gpus * (double)in->scaling_eff /
	                    (double)FORECAST_EFF_ONE;
	if (!isfinite(r.throughput) || !(r.plan_throughput > 0))
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("measured throughput %g %s is out of range"), in->throughput,
		                  forecast_unit_name(in->unit));
	r.work = in->samples * in->epochs; /* <= 1e10 × 1e6 */
	r.train_seconds = (double)r.work / r.plan_throughput;
	gpu_ms = r.train_seconds * (double)in->gpus * 1000.0;
	if (!(gpu_ms <= (double)FORECAST_GPU_MS_MAX))
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("at %g %s the plan's data would take more than %lld GPU-years "
		                    "to train"),
		                  in->throughput, forecast_unit_name(in->unit),
		                  (long long)(FORECAST_GPU_MS_MAX / (MS_PER_HOUR * 24 * 365)));
	r.gpu_ms = llround(gpu_ms);
	r.gpu_hours = (double)r.gpu_ms / (double)MS_PER_HOUR;
	/* gpu_ms <= 1e17, gpu_hourly <= 1e12: the product is < 1e29, and the
	 * quotient below 2.8e18 cents. */
	r.rent_cost =
	        (int64_t)muldiv(r.gpu_ms, in->gpu_hourly, (fc_i128)MS_PER_HOUR * MICRO_PER_CENT);
	r.plan_compute = in->plan_compute;
	r.has_breakeven = in->gpu_hourly > 0;
	if (r.has_breakeven)
		r.breakeven_hours = (double)in->plan_compute * (double)MICRO_PER_CENT /
		                    ((double)in->gpus * (double)in->gpu_hourly);
	*out = r;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int forecast_median(const double *rates, size_t n, double *out, int *used, struct cd_err *err)
{
	double v[FORECAST_WINDOW];
	size_t k = n < FORECAST_WINDOW ? n : FORECAST_WINDOW;

	if (k < FORECAST_MIN_POINTS)
		return cd_err_set(err, CD_ERR_STATE, NULL, 0, 0,
		                  _("only %zu progress point%s with a throughput; at least %d are "
		                    "needed to measure the speed"),
		                  k, k == 1 ? "" : "s", FORECAST_MIN_POINTS);
	for (size_t i = 0; i < k; i++) {
		v[i] = rates[n - k + i];
		if (!isfinite(v[i]) || v[i] < 0)
			return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
			                  _("throughput: expected a speed of 0 or more, got %g"),
			                  v[i]);
	}
	qsort(v, k, sizeof v[0], cmp_double);
	*out = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	if (used)
		*used = (int)k;
	return 0;
}
