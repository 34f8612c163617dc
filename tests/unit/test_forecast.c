/* test_forecast.c — the plan meets the run: forecast_eval's arithmetic
 * (exact cases, rounding of the rent to the cent, the bounds at their
 * extremes, every refusal), forecast_median, the tail reader
 * run_measure_read on awkward metrics.jsonl files, run_measure_view, and
 * `capdash forecast` run as a user runs it on a fabricated run directory
 * (the hand example among them).
 */
/* testutil.h first: its helpers' locals would shadow cli_spawn.h's statics */
#include "testutil.h"

#include "cli_spawn.h"

#include <math.h>

#include "../../src/run/run_int.h" /* metrics_parse, for the forward reading */
#include "capdash/forecast.h"
#include "capdash/run.h"

static char root[800]; /* XDG_STATE_HOME of the spawned capdash */

/* ---- forecast_eval ---- */

/* The example: 1,000 samples/s on one CPU, the seed plan (5 GPUs,
 * 500,000 samples, C = $1,000,000), 10 epochs, $2.49/GPU-hour. */
static struct forecast_input hand_example(void)
{
	return (struct forecast_input){
	        .throughput = 1000,
	        .unit = FORECAST_SAMPLES,
	        .points = 20,
	        .run_devices = 1,
	        .epochs = 10,
	        .gpus = 5,
	        .scaling_eff = FORECAST_EFF_ONE,
	        .samples = 500000,
	        .gpu_hourly = 2490000,
	        .plan_compute = 100000000,
	};
}

static void test_hand_example(void **state)
{
	struct forecast_input in = hand_example();
	struct forecast_result r;
	struct cd_err e;

	(void)state;
	assert_int_equal(forecast_eval(&in, &r, &e), 0);
	assert_true(r.per_device == 1000);
	assert_true(r.plan_throughput == 5000);
	assert_int_equal(r.work, 5000000);
	assert_true(r.train_seconds == 1000);
	assert_int_equal(r.gpu_ms, 5000000);
	assert_true(fabs(r.gpu_hours - 1.3888889) < 1e-6);
	assert_int_equal(r.rent_cost, 346); /* 5,000 GPU-s × $2.49/h = $3.4583 */
	assert_int_equal(r.plan_compute, 100000000);
	assert_true(r.has_breakeven);
	assert_int_equal(llround(r.breakeven_hours), 80321); /* $1e6 / ($2.49 × 5) */
}

/* Each row changes one input of the hand example; the time and the rent
 * must move exactly as the formula says. */
static void test_exact_cases(void **state)
{
	static const struct {
		const char *what;
		enum forecast_unit unit;
		double throughput;
		int64_t batch, devices, gpus, eff, epochs;
		double seconds;
		int64_t rent;
	} rows[] = {
	        {"baseline", FORECAST_SAMPLES, 1000, 0, 1, 5, 1000000, 10, 1000, 346},
	        {"twice the GPUs: half the time, same GPU-hours", FORECAST_SAMPLES, 1000, 0, 1, 10,
	         1000000, 10, 500, 346},
	        {"8 devices measured: per device 125", FORECAST_SAMPLES, 1000, 0, 8, 5, 1000000, 10,
	         8000, 2767},
	        {"scaling 0.5: twice the time", FORECAST_SAMPLES, 1000, 0, 1, 5, 500000, 10, 2000,
	         692},
	        {"it/s × batch 50", FORECAST_ITERS, 20, 50, 1, 5, 1000000, 10, 1000, 346},
	        {"tok/s reads samples as tokens", FORECAST_TOKENS, 1000, 0, 1, 5, 1000000, 1, 100,
	         35},
	        {"batch ignored for samples/s", FORECAST_SAMPLES, 1000, 7, 1, 5, 1000000, 10, 1000,
	         346},
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct forecast_input in = hand_example();
		struct forecast_result r;
		struct cd_err e;

		in.unit = rows[i].unit;
		in.throughput = rows[i].throughput;
		in.batch = rows[i].batch;
		in.run_devices = rows[i].devices;
		in.gpus = rows[i].gpus;
		in.scaling_eff = rows[i].eff;
		in.epochs = rows[i].epochs;
		if (forecast_eval(&in, &r, &e))
			fail_msg("%s: %s", rows[i].what, e.msg);
		if (fabs(r.train_seconds - rows[i].seconds) > 1e-9 || r.rent_cost != rows[i].rent)
			fail_msg("%s: %g s, %lld cents; expected %g s, %lld cents", rows[i].what,
			         r.train_seconds, (long long)r.rent_cost, rows[i].seconds,
			         (long long)rows[i].rent);
	}
}

/* One GPU-hour exactly: 3,600 samples at 1 sample/s on 1 GPU. */
static int64_t rent_of_one_hour(int64_t hourly)
{
	struct forecast_input in = hand_example();
	struct forecast_result r;

	in.throughput = 1;
	in.gpus = 1;
	in.samples = 3600;
	in.epochs = 1;
	in.gpu_hourly = hourly;
	assert_int_equal(forecast_eval(&in, &r, NULL), 0);
	assert_int_equal(r.gpu_ms, 3600000);
	return r.rent_cost;
}

static void test_rent_rounding(void **state)
{
	(void)state;
	assert_int_equal(rent_of_one_hour(0), 0);
	assert_int_equal(rent_of_one_hour(4999), 0); /* $0.004999 */
	assert_int_equal(rent_of_one_hour(5000), 1); /* half a cent rounds away */
	assert_int_equal(rent_of_one_hour(14999), 1);
	assert_int_equal(rent_of_one_hour(15000), 2);
	assert_int_equal(rent_of_one_hour(2), 0); /* $0.000002 */
	assert_int_equal(rent_of_one_hour(2490000), 249);
}

/* The largest forecast accepted, at the largest price: the 128-bit product
 * must not wrap, and one GPU-millisecond more is refused. */
static void test_bounds(void **state)
{
	struct forecast_input in = hand_example();
	struct forecast_result r;
	struct cd_err e;

	(void)state;
	in.gpus = 1;
	in.samples = INT64_C(10000000000);
	in.epochs = FORECAST_EPOCHS_MAX;
	in.throughput = 100; /* 1e16 samples / 100 per s = 1e14 s = 1e17 GPU-ms */
	in.gpu_hourly = FORECAST_HOURLY_MAX;
	assert_int_equal(forecast_eval(&in, &r, &e), 0);
	assert_int_equal(r.gpu_ms, FORECAST_GPU_MS_MAX);
	/* 1e17 ms × 1e12 µ$/h ÷ 3.6e10 = 2,777,777,777,777,777,777.78 cents */
	assert_int_equal(r.rent_cost, INT64_C(2777777777777777778));
	in.throughput = 99.99;
	assert_int_equal(forecast_eval(&in, &r, &e), -1);
	assert_int_equal(e.code, CD_ERR_RANGE);
	assert_non_null(strstr(e.msg, "GPU-years"));
	in.throughput = 1e-300;
	assert_int_equal(forecast_eval(&in, &r, &e), -1);
	/* nothing to train: zero work is 0 s and $0, not an error */
	in = hand_example();
	in.samples = 0;
	assert_int_equal(forecast_eval(&in, &r, &e), 0);
	assert_true(r.train_seconds == 0);
	assert_int_equal(r.rent_cost, 0);
}

static void test_no_rent_price(void **state)
{
	struct forecast_input in = hand_example();
	struct forecast_result r;

	(void)state;
	in.gpu_hourly = 0;
	assert_int_equal(forecast_eval(&in, &r, NULL), 0);
	assert_false(r.has_breakeven);
	assert_int_equal(r.rent_cost, 0);
	assert_true(r.train_seconds == 1000);
}

static void test_refusals(void **state)
{
	static const struct {
		const char *field, *msg;
		int code;
	} rows[] = {
	        {"throughput 0", "expected a speed above 0", CD_ERR_RANGE},
	        {"throughput nan", "expected a speed above 0", CD_ERR_RANGE},
	        {"throughput inf", "expected a speed above 0", CD_ERR_RANGE},
	        {"throughput -1", "expected a speed above 0", CD_ERR_RANGE},
	        {"unit none", "no unit", CD_ERR_RANGE},
	        {"it/s no batch", "--batch N", CD_ERR_USAGE},
	        {"it/s batch too big", "batch size: expected a whole number from 1", CD_ERR_RANGE},
	        {"devices 0", "run devices: expected a whole number from 1 to 1000000, got 0",
	         CD_ERR_RANGE},
	        {"epochs 0", "epochs: expected a whole number from 1", CD_ERR_RANGE},
	        {"epochs too many", "epochs: expected a whole number from 1 to 1000000",
	         CD_ERR_RANGE},
	        {"gpus 0", "compute.gpus is 0", CD_ERR_RANGE},
	        {"gpus too many", "compute.gpus: expected", CD_ERR_RANGE},
	        {"eff 0.04", "compute.scaling_efficiency", CD_ERR_RANGE},
	        {"eff 1.1", "compute.scaling_efficiency", CD_ERR_RANGE},
	        {"samples -1", "data.samples", CD_ERR_RANGE},
	        {"hourly too high", "compute.gpu_hourly_cost", CD_ERR_RANGE},
	        {"C negative", "plan compute C", CD_ERR_RANGE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct forecast_input in = hand_example();
		struct forecast_result r = {.rent_cost = -42};
		struct cd_err e;

		switch (i) {
		case 0:
			in.throughput = 0;
			break;
		case 1:
			in.throughput = NAN;
			break;
		case 2:
			in.throughput = INFINITY;
			break;
		case 3:
			in.throughput = -1;
			break;
		case 4:
			in.unit = FORECAST_UNIT_NONE;
			break;
		case 5:
			in.unit = FORECAST_ITERS;
			break;
		case 6:
			in.unit = FORECAST_ITERS;
			in.batch = FORECAST_BATCH_MAX + 1;
			break;
		case 7:
			in.run_devices = 0;
			break;
		case 8:
			in.epochs = 0;
			break;
		case 9:
			in.epochs = FORECAST_EPOCHS_MAX + 1;
			break;
		case 10:
			in.gpus = 0;
			break;
		case 11:
			in.gpus = 1000001;
			break;
		case 12:
			in.scaling_eff = FORECAST_EFF_MIN - 1;
			break;
		case 13:
			in.scaling_eff = FORECAST_EFF_ONE + 1;
			break;
		case 14:
			in.samples = -1;
			break;
		case 15:
			in.gpu_hourly = FORECAST_HOURLY_MAX + 1;
			break;
		case 16:
			in.plan_compute = -1;
			break;
		}
		if (forecast_eval(&in, &r, &e) != -1)
			fail_msg("%s: accepted", rows[i].field);
		if (!strstr(e.msg, rows[i].msg) || e.code != rows[i].code)
			fail_msg("%s: got \"%s\" (code %d)", rows[i].field, e.msg, e.code);
		assert_int_equal(r.rent_cost, -42); /* out untouched */
	}
}

static void test_plan_from_scenario(void **state)
{
	struct budget_input plan;
	struct budget_result br;
	struct forecast_input in = {0};

	(void)state;
	seed_input(&plan);
	plan.gpu_hourly_cost = 2490000;
	plan.scaling_efficiency = 900000;
	br = eval(&plan);
	forecast_plan(&in, &plan, &br);
	assert_int_equal(in.gpus, 5);
	assert_int_equal(in.samples, 500000);
	assert_int_equal(in.gpu_hourly, 2490000);
	assert_int_equal(in.scaling_eff, 900000);
	assert_int_equal(in.plan_compute, br.compute);
	plan.scaling_efficiency = 0; /* an input built by hand: linear */
	forecast_plan(&in, &plan, &br);
	assert_int_equal(in.scaling_eff, FORECAST_EFF_ONE);
	assert_string_equal(forecast_unit_name(FORECAST_TOKENS), "tok/s");
	assert_string_equal(forecast_unit_name(FORECAST_ITERS), "it/s");
	assert_string_equal(forecast_unit_name(FORECAST_UNIT_NONE), "");
}

/* ---- forecast_median ---- */

static void test_median(void **state)
{
	double odd[] = {5, 1, 4, 2, 3}, even[] = {10, 40, 20, 30}, three[] = {7, 7, 9};
	double many[30], bad[] = {1, NAN, 3}, m;
	int used;
	struct cd_err e;

	(void)state;
	assert_int_equal(forecast_median(odd, 5, &m, &used, &e), 0);
	assert_true(m == 3);
	assert_int_equal(used, 5);
	assert_int_equal(forecast_median(even, 4, &m, &used, &e), 0);
	assert_true(m == 25);
	assert_int_equal(forecast_median(three, 3, &m, NULL, &e), 0);
	assert_true(m == 7);
	/* only the last 20 count: the 10 oldest are huge outliers */
	for (int i = 0; i < 30; i++)
		many[i] = i < 10 ? 1e9 : i; /* last 20: 10..29, median 19.5 */
	assert_int_equal(forecast_median(many, 30, &m, &used, &e), 0);
	assert_true(m == 19.5);
	assert_int_equal(used, 20);
	assert_int_equal(forecast_median(odd, 2, &m, &used, &e), -1);
	assert_int_equal(e.code, CD_ERR_STATE);
	assert_non_null(strstr(e.msg, "only 2 progress points"));
	assert_non_null(strstr(e.msg, "at least 3"));
	assert_int_equal(forecast_median(odd, 1, &m, &used, &e), -1);
	assert_non_null(strstr(e.msg, "only 1 progress point with"));
	assert_int_equal(forecast_median(NULL, 0, &m, &used, &e), -1);
	assert_int_equal(forecast_median(bad, 3, &m, &used, &e), -1);
	assert_int_equal(e.code, CD_ERR_RANGE);
}

/* ---- run_measure_read: the tail reader ---- */

static char scratch[300];

static void put_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[1200];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* A run directory under root/ (or scratch when root is NULL) named name. */
static void make_run(const char *base, const char *name, char *dir, size_t size)
{
	snprintf(dir, size, "%s/%s", base, name);
	assert_int_equal(mkdir(dir, 0700), 0);
	static const char cmd[] = "{\"argv\":[\"python\",\"train.py\"]}\n";

	put_file(dir, "command", cmd, sizeof cmd - 1);
}

/* Text that grows as needed. */
struct sb {
	char *s;
	size_t n, cap;
};

static void sb_add(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->n + (size_t)k + 1 > b->cap) {
		b->cap = (b->n + (size_t)k + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

static void point(struct sb *b, int i, double tp, const char *unit)
{
	sb_add(b, "{\"v\":1,\"t\":%d.5,\"type\":\"point\",\"step\":%d,\"throughput\":%g", i, i, tp);
	if (unit)
		sb_add(b, ",\"rate_unit\":\"%s\"", unit);
	sb_add(b, "}\n");
}

static void sample(struct sb *b, int i, int ngpu)
{
	sb_add(b,
	       "{\"v\":1,\"t\":%d.6,\"type\":\"cpu\",\"cpu_pct\":99,\"rss_bytes\":1,\"nproc\":1,"
	       "\"cpu_ms\":1}\n",
	       i);
	for (int g = 0; g < ngpu; g++)
		sb_add(b, "{\"v\":1,\"t\":%d.6,\"type\":\"gpu\",\"index\":%d,\"util_pct\":97}\n", i,
		       g);
}

static void measure(const char *name, struct sb *b, struct run_measure *m)
{
	char dir[800];
	struct cd_err e;

	make_run(scratch, name, dir, sizeof dir);
	put_file(dir, "metrics.jsonl", b->s ? b->s : "", b->n);
	if (run_measure_read(dir, m, &e))
		fail_msg("%s: %s", name, e.msg);
	free(b->s);
	*b = (struct sb){0};
}

static void test_tail_many_points(void **state)
{
	struct sb b = {0};
	struct run_measure m;

	(void)state;
	sb_add(&b, "{\"v\":1,\"t\":1,\"type\":\"nogpu\",\"why\":\"no NVIDIA GPU\"}\n");
	for (int i = 1; i <= 100; i++) {
		point(&b, i, i, "samples/s");
		if (i % 10 == 0)
			sample(&b, i, 0);
	}
	measure("many", &b, &m);
	assert_int_equal(m.n, 20);
	for (int i = 0; i < 20; i++)
		assert_true(m.rates[i] == 81 + i); /* oldest first */
	assert_int_equal(m.unit, FORECAST_SAMPLES);
	assert_int_equal(m.gpus, 0);
	assert_int_equal(m.devices, 1);
	assert_int_equal(m.epochs, 0);
	assert_true(m.bytes_read > 0 && m.bytes_read <= m.file_size);
}

static void test_tail_few_points_no_newline(void **state)
{
	struct sb b = {0};
	struct run_measure m;

	(void)state;
	for (int i = 1; i <= 5; i++)
		point(&b, i, 100 * i, "tok/s");
	b.n--; /* the last line has no newline */
	b.s[b.n] = '\0';
	measure("few", &b, &m);
	assert_int_equal(m.n, 5);
	assert_true(m.rates[0] == 100 && m.rates[4] == 500);
	assert_int_equal(m.unit, FORECAST_TOKENS);
	assert_int_equal(m.bytes_read, m.file_size); /* short: all of it */
}

static void test_tail_garbage_and_long_lines(void **state)
{
	struct sb b = {0};
	struct run_measure m;

	(void)state;
	point(&b, 1, 11, "samples/s");
	/* a line far longer than any record, and a torn half-record */
	for (int i = 0; i < 200000; i++)
		sb_add(&b, "%c", 'x');
	sb_add(&b, "\n{\"v\":1,\"t\":2,\"type\":\"point\",\"thro\n");
	point(&b, 3, 13, "samples/s");
	sb_add(&b, "not json at all\n\n\n");
	/* a valid record of 12 KB that spans a block boundary of the reader */
	sb_add(&b,
	       "{\"v\":1,\"t\":4,\"type\":\"point\",\"throughput\":14,\"rate_unit\":\"samples/s\","
	       "\"pad\":\"");
	for (int i = 0; i < 12000; i++)
		sb_add(&b, "p");
	sb_add(&b, "\"}\n");
	sb_add(&b, "\x01\xff\xfe garbage bytes\n");
	point(&b, 5, 15, "samples/s");
	measure("garbage", &b, &m);
	assert_int_equal(m.n, 4);
	assert_true(m.rates[0] == 11 && m.rates[1] == 13 && m.rates[2] == 14 && m.rates[3] == 15);
}

static void test_tail_units_gpus_epochs(void **state)
{
	struct sb b = {0};
	struct run_measure m;

	(void)state;
	/* older points in it/s, newer in samples/s: only the newer unit counts */
	for (int i = 1; i <= 10; i++)
		point(&b, i, 5, "it/s");
	sample(&b, 10, 8);
	for (int i = 11; i <= 14; i++) {
		sb_add(&b,
		       "{\"v\":1,\"t\":%d,\"type\":\"point\",\"epoch\":2,\"epochs\":%d,"
		       "\"throughput\":640,\"rate_unit\":\"samples/s\"}\n",
		       i, i == 14 ? 7 : 3);
	}
	point(&b, 15, 320, NULL); /* no unit: a different unit, passed over */
	measure("units", &b, &m);
	assert_int_equal(m.unit, FORECAST_UNIT_NONE);
	assert_int_equal(m.n, 1);

	for (int i = 1; i <= 10; i++)
		point(&b, i, 5, "it/s");
	sample(&b, 10, 8);
	for (int i = 11; i <= 14; i++)
		sb_add(&b,
		       "{\"v\":1,\"t\":%d,\"type\":\"point\",\"epoch\":2,\"epochs\":%d,"
		       "\"throughput\":640,\"rate_unit\":\"samples/s\"}\n",
		       i, i == 14 ? 7 : 3);
	measure("units2", &b, &m);
	assert_int_equal(m.unit, FORECAST_SAMPLES);
	assert_int_equal(m.n, 4);
	assert_int_equal(m.epochs, 7); /* the newest report */
	assert_int_equal(m.gpus, 8);
	assert_int_equal(m.devices, 8);
}

/* A long file: only its end is read, and the newest sample's GPUs count
 * (an older sample with more GPUs lies beyond what is read). */
static void test_tail_reads_only_the_end(void **state)
{
	struct sb b = {0};
	struct run_measure m;
	char dir[800];

	(void)state;
	sample(&b, 0, 4);
	for (int i = 1; i <= 50000; i++) {
		point(&b, i, 1000, "samples/s");
		if (i % 200 == 0)
			sample(&b, i, 2);
	}
	measure("long", &b, &m);
	assert_int_equal(m.n, 20);
	assert_int_equal(m.gpus, 2);
	assert_true(m.file_size > 3000000);
	assert_true(m.bytes_read <= 2 * 65536);

	/* no metrics.jsonl yet */
	make_run(scratch, "empty", dir, sizeof dir);
	assert_int_equal(run_measure_read(dir, &m, NULL), 0);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.devices, 1);
}

/* A file with no telemetry at all stops at RUN_MEASURE_TAIL_MAX. */
static void test_tail_cap(void **state)
{
	struct sb b = {0};
	struct run_measure m;

	(void)state;
	point(&b, 0, 1, "samples/s");
	for (int i = 1; i <= 180000; i++)
		sb_add(&b, "{\"v\":1,\"t\":%d,\"type\":\"point\",\"step\":%d,\"loss\":0.5}\n", i,
		       i);
	for (int i = 0; i < 25; i++)
		point(&b, i, 2, "samples/s");
	measure("cap", &b, &m);
	assert_true(m.file_size > RUN_MEASURE_TAIL_MAX);
	assert_int_equal(m.bytes_read, RUN_MEASURE_TAIL_MAX);
	assert_int_equal(m.n, 20);
	assert_true(m.rates[0] == 2);
}

/* What the tail reader must find, worked out forwards over the whole text:
 * the throughputs of the newest points in the newest point's unit. */
static int forward_rates(const char *text, size_t len, double *rates, enum forecast_unit *unit)
{
	double all[4096];
	enum forecast_unit units[4096];
	int n = 0, k = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (text + i)) : len - i;
		struct run_record r;

		if (l < 16384 && metrics_parse(text + i, l, &r) == 0 && r.type == REC_POINT &&
		    (r.mp.has & MP_THROUGHPUT) && isfinite(r.mp.throughput) &&
		    r.mp.throughput >= 0 && n < 4096) {
			all[n] = r.mp.throughput;
			units[n++] = r.mp.rate_unit == RATE_SAMPLES  ? FORECAST_SAMPLES
			             : r.mp.rate_unit == RATE_TOKENS ? FORECAST_TOKENS
			             : r.mp.rate_unit == RATE_ITERS  ? FORECAST_ITERS
			                                             : FORECAST_UNIT_NONE;
		}
		i += l + 1;
	}
	*unit = n ? units[n - 1] : FORECAST_UNIT_NONE;
	for (int i = n - 1; i >= 0 && k < FORECAST_WINDOW; i--)
		if (units[i] == *unit)
			rates[k++] = all[i];
	/* oldest first, as run_measure_read gives them */
	for (int i = 0; i < k / 2; i++) {
		double t = rates[i];
		rates[i] = rates[k - 1 - i];
		rates[k - 1 - i] = t;
	}
	return k;
}

/* Random files (points in three units and none, samples, garbage, long
 * lines, blank lines, a last line with or without its newline) read
 * backwards in blocks must give what a forward reading gives. */
static void test_tail_matches_forward_reading(void **state)
{
	static const char *const units[] = {"samples/s", "tok/s", "it/s", NULL};
	uint64_t seed = 20261202;

	(void)state;
	for (int f = 0; f < 150; f++) {
		struct sb b = {0};
		struct run_measure m;
		double want[FORECAST_WINDOW];
		enum forecast_unit wunit;
		char name[32], *text;
		size_t len;
		int lines = (int)(test_splitmix64(&seed) % 400), wn;

		for (int i = 0; i < lines; i++) {
			uint64_t r = test_splitmix64(&seed);

			switch (r % 10) {
			case 0:
				sample(&b, i, (int)(r >> 8) % 4);
				break;
			case 1: /* a torn line, or garbage */
				sb_add(&b, "{\"v\":1,\"type\":\"point\",\"throughput\":%d\n", i);
				break;
			case 2: /* long: up to 40 KB, beyond the reader's line limit */
				for (uint64_t k = (r >> 8) % 40000; k > 0; k--)
					sb_add(&b, "z");
				sb_add(&b, "\n");
				break;
			case 3:
				sb_add(&b, "\n");
				break;
			case 4: /* a point with no throughput */
				sb_add(&b, "{\"v\":1,\"t\":%d,\"type\":\"point\",\"loss\":1}\n", i);
				break;
			default: /* mostly samples/s, so 20 of them are often there */
				point(&b, i, (double)((r >> 16) % 100000) / 8,
				      (r >> 8) % 8 < 5 ? units[0] : units[(r >> 12) % 4]);
				break;
			}
		}
		if (b.n && test_splitmix64(&seed) % 2)
			b.s[--b.n] = '\0'; /* no newline at the end */
		text = b.s;
		len = b.n;
		wn = forward_rates(text ? text : "", len, want, &wunit);
		b.s = text ? strdup(text) : NULL; /* measure() frees it */
		snprintf(name, sizeof name, "rand%d", f);
		measure(name, &b, &m);
		if (m.n != wn ||
		    (wn && (m.unit != wunit || memcmp(m.rates, want, (size_t)wn * sizeof want[0]))))
			fail_msg("file %d (%zu bytes): %d rates in unit %d, expected %d in unit %d",
			         f, len, m.n, m.unit, wn, wunit);
		free(text);
	}
}

/* The dashboard's path: the same answer from an open view. */
static void test_measure_view(void **state)
{
	struct sb b = {0};
	struct run_measure m, f;
	struct run_view *v;
	char dir[800];

	(void)state;
	sb_add(&b, "{\"v\":1,\"t\":1,\"type\":\"point\",\"epochs\":4}\n");
	for (int i = 1; i <= 40; i++)
		point(&b, i, i, "samples/s");
	sample(&b, 40, 3);
	make_run(scratch, "view", dir, sizeof dir);
	put_file(dir, "metrics.jsonl", b.s, b.n);
	free(b.s);
	assert_int_equal(run_measure_read(dir, &f, NULL), 0);
	v = run_view_open(dir, NULL);
	assert_non_null(v);
	assert_true(run_view_update(v, NULL) >= 0);
	run_measure_view(v, &m);
	assert_int_equal(m.n, 20);
	assert_int_equal(memcmp(m.rates, f.rates, sizeof m.rates), 0);
	assert_int_equal(m.unit, FORECAST_SAMPLES);
	assert_int_equal(m.gpus, 3);
	assert_int_equal(m.devices, 3);
	assert_int_equal(m.epochs, 4); /* the view keeps it from the first point */
	run_view_free(v);
}

/* ---- capdash forecast ---- */

static void cli_run(const char *name, int n, double tp, const char *unit, int ngpu)
{
	struct sb b = {0};
	char dir[800];

	make_run(root, name, dir, sizeof dir);
	if (!ngpu)
		sb_add(&b, "{\"v\":1,\"t\":1,\"type\":\"nogpu\",\"why\":\"no NVIDIA GPU\"}\n");
	for (int i = 1; i <= n; i++) {
		point(&b, i, tp, unit);
		if (i % 5 == 0)
			sample(&b, i, ngpu);
	}
	put_file(dir, "metrics.jsonl", b.s ? b.s : "", b.n);
	free(b.s);
}

static void test_cli_no_runs(void **state)
{
	struct proc p = RUN("forecast");

	(void)state;
	EXPECT(p, p.status == 66 && strstr(p.err, "no runs yet"));
	proc_done(&p);
}

static void test_cli_hand_example(void **state)
{
	struct proc p, q;

	(void)state;
	cli_run("20261202-100000-cpu", 30, 1000, "samples/s", 0);
	p = RUN("forecast", "--epochs", "10", "--set", "gpu_hourly_cost=2.49");
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strstr(p.out, "1,000 samples/s") && strstr(p.out, "last 20 points"));
	EXPECT(p, strstr(p.out, "CPU run, counted as 1 device"));
	EXPECT(p, strstr(p.out, "linear scaling (the default)"));
	EXPECT(p, strstr(p.out, "1,000 s") && strstr(p.out, "1.389") && strstr(p.out, "$3.46"));
	EXPECT(p, strstr(p.out, "80,321 hours") && strstr(p.out, "$1,000,000.00"));
	q = RUN("forecast", "--epochs", "10", "--set", "gpu_hourly_cost=2.49", "--format", "json");
	EXPECT(q, q.status == 0);
	EXPECT(q, strstr(q.out, "\"schema\": 1,") &&
	                  strstr(q.out, "\"run\": \"20261202-100000-cpu\""));
	EXPECT(q,
	       strstr(q.out, "\"train_seconds\": 1000,") && strstr(q.out, "\"gpu_hours\": 1.389,"));
	EXPECT(q, strstr(q.out, "\"rent_cost\": 3.46,") &&
	                  strstr(q.out, "\"plan_compute\": 1000000,"));
	EXPECT(q, strstr(q.out, "\"breakeven_hours\": 80321.285\n"));
	EXPECT(q,
	       strstr(q.out, "\"rate_unit\": \"samples/s\"") && strstr(q.out, "\"points\": 20,"));
	EXPECT(q,
	       strstr(q.out, "\"run_devices\": 1,") && strstr(q.out, "\"scaling_efficiency\": 1,"));
	proc_done(&p);
	proc_done(&q);
}

/* Exactly the keys the schema documents, in its order. */
static void test_cli_json_keys(void **state)
{
	static const char *const keys[] = {
	        "schema",
	        "scenario",
	        "run",
	        "throughput",
	        "rate_unit",
	        "points",
	        "run_devices",
	        "per_device_throughput",
	        "gpus",
	        "scaling_efficiency",
	        "samples",
	        "epochs",
	        "train_seconds",
	        "gpu_hours",
	        "rent_cost",
	        "plan_compute",
	        "breakeven_hours",
	};
	struct proc p;
	const char *s;
	size_t k = 0;

	(void)state;
	cli_run("20261202-100500-keys", 3, 10, "samples/s", 0);
	p = RUN("forecast", "--run", "-keys", "--format", "json", "--set", "gpu_hourly_cost=0");
	EXPECT(p, p.status == 0);
	for (s = strstr(p.out, "\n  \""); s; s = strstr(s + 1, "\n  \"")) {
		char want[64];

		assert_true(k < sizeof keys / sizeof keys[0]);
		snprintf(want, sizeof want, "\n  \"%s\": ", keys[k++]);
		EXPECT(p, strncmp(s, want, strlen(want)) == 0);
	}
	assert_int_equal(k, sizeof keys / sizeof keys[0]);
	EXPECT(p, strstr(p.out, "\"breakeven_hours\": null")); /* no rent price */
	proc_done(&p);
}

static void test_cli_gpus_devices_markdown(void **state)
{
	struct proc p, q, r;

	(void)state;
	cli_run("20261202-110000-gpu", 25, 8000, "samples/s", 8);
	p = RUN("forecast", "--run", "-gpu", "--set", "gpus=10", "--set", "scaling_efficiency=0.5");
	/* 8,000/s over 8 GPUs = 1,000 per device; × 10 × 0.5 = 5,000/s; 500,000 samples: 100 s */
	EXPECT(p, p.status == 0 && strstr(p.out, "  8  GPUs in the run's telemetry"));
	EXPECT(p, strstr(p.out, "1,000 samples/s") && strstr(p.out, "100 s"));
	EXPECT(p, strstr(p.out, "compute.scaling_efficiency") && !strstr(p.out, "(the default)"));
	q = RUN("forecast", "--run", "-gpu", "--run-devices", "2", "--format", "markdown");
	EXPECT(q, q.status == 0 && strstr(q.out, "| Run devices | 2 | --run-devices |"));
	EXPECT(q, strstr(q.out, "| Per device | 4,000 samples/s |"));
	r = RUN("forecast", "--run", "-gpu", "--set", "gpus=0");
	EXPECT(r, r.status == 65 && strstr(r.err, "compute.gpus is 0"));
	proc_done(&p);
	proc_done(&q);
	proc_done(&r);
}

static void test_cli_refusals(void **state)
{
	static const struct {
		const char *args[6];
		int status;
		const char *msg;
	} rows[] = {
	        {{"--run", "-iters"}, 2, "--batch N"},
	        {{"--run", "-two"}, 1, "only 2 progress points with a throughput"},
	        {{"--run", "-none"}, 1, "no progress point with a throughput"},
	        {{"--run", "-nounit"}, 1, "without a unit"},
	        {{"--run", "nosuch"}, 66, "no run matches"},
	        {{"--epochs", "0"}, 2, "--epochs: expected a whole number from 1 to 1,000,000"},
	        {{"--epochs", "ten"}, 2, "--epochs"},
	        {{"--batch", "-3"}, 2, "--batch"},
	        {{"--run-devices", "2000000"}, 2, "--run-devices"},
	        {{"--format", "csv"}, 2, "--format: expected text, json or markdown"},
	        {{"--set", "gpus=abc"}, 2, "--set gpus=abc"},
	        {{"--epohcs", "3"}, 2, "did you mean '--epochs'"},
	        {{"a.yaml", "b.yaml"}, 2, "one scenario file"},
	        {{"/nonexistent/plan.yaml"}, 66, "plan.yaml"},
	};
	struct proc p;

	(void)state;
	cli_run("20261202-120000-iters", 10, 20, "it/s", 0);
	cli_run("20261202-120001-two", 2, 20, "samples/s", 0);
	cli_run("20261202-120002-none", 0, 0, NULL, 0);
	cli_run("20261202-120003-nounit", 5, 20, NULL, 0);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *argv[8] = {"forecast"};

		for (int k = 0; k < 6 && rows[i].args[k]; k++)
			argv[k + 1] = rows[i].args[k];
		p = run_to(NULL, NULL, argv);
		if (p.status != rows[i].status || !strstr(p.err, rows[i].msg)) {
			print_error("row %zu: exit %d\n%s", i, p.status, p.err);
			fail();
		}
		proc_done(&p);
	}
	/* it/s with --batch: 20 it/s × 50 = 1,000 samples/s */
	p = RUN("forecast", "--run", "-iters", "--batch", "50", "--format", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"per_device_throughput\": 1000,"));
	EXPECT(p, strstr(p.out, "\"throughput\": 20,") && strstr(p.out, "\"rate_unit\": \"it/s\""));
	proc_done(&p);
}

static int group_setup(void **state)
{
	const char *t = getenv("TMPDIR");
	char state_home[400], capdash[500];

	if (setup(state))
		return -1;
	snprintf(scratch, sizeof scratch, "%s/capdash-test-forecast-XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(scratch))
		return -1;
	/* the spawned capdash finds its runs here */
	snprintf(state_home, sizeof state_home, "%s/state", scratch);
	snprintf(capdash, sizeof capdash, "%s/capdash", state_home);
	snprintf(root, sizeof root, "%s/runs", capdash);
	setenv("XDG_STATE_HOME", state_home, 1);
	return mkdir(state_home, 0700) || mkdir(capdash, 0700) || mkdir(root, 0700) ? -1 : 0;
}

static int group_teardown(void **state)
{
	test_rmtree(scratch);
	return teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_hand_example),
	        cmocka_unit_test(test_exact_cases),
	        cmocka_unit_test(test_rent_rounding),
	        cmocka_unit_test(test_bounds),
	        cmocka_unit_test(test_no_rent_price),
	        cmocka_unit_test(test_refusals),
	        cmocka_unit_test(test_plan_from_scenario),
	        cmocka_unit_test(test_median),
	        cmocka_unit_test(test_tail_many_points),
	        cmocka_unit_test(test_tail_few_points_no_newline),
	        cmocka_unit_test(test_tail_garbage_and_long_lines),
	        cmocka_unit_test(test_tail_units_gpus_epochs),
	        cmocka_unit_test(test_tail_reads_only_the_end),
	        cmocka_unit_test(test_tail_cap),
	        cmocka_unit_test(test_tail_matches_forward_reading),
	        cmocka_unit_test(test_measure_view),
	        cmocka_unit_test(test_cli_no_runs),
	        cmocka_unit_test(test_cli_hand_example),
	        cmocka_unit_test(test_cli_json_keys),
	        cmocka_unit_test(test_cli_gpus_devices_markdown),
	        cmocka_unit_test(test_cli_refusals),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
