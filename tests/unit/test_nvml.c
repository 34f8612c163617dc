/* test_nvml.c — GPU telemetry through a fake libnvidia-ml.so.1 built by the
 * test suite (tests/helpers/libfakenvml.c): every field, v1-only symbols,
 * missing telemetry symbols, no library, no device; and a supervised run
 * whose GPU samples move the burn figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "capdash/run.h"
#include "testutil.h"

static char build[4096];

static void use_lib(const char *variant)
{
	char p[4200];

	snprintf(p, sizeof(p), "%s/tests/%s/libnvidia-ml.so.1", build, variant);
	setenv("CAPDASH_NVML_LIB", p, 1);
}

static int setup(void **state)
{
	const char *b = getenv("CAPDASH_BUILD");

	(void)state;
	snprintf(build, sizeof(build), "%s", b ? b : "build");
	unsetenv("FAKENVML_COUNT");
	return 0;
}

static void test_all_fields(void **state)
{
	char why[128] = "";
	struct run_gpu g[4];
	struct nvml *n;
	uint64_t e0;

	(void)state;
	use_lib("fake-nvml");
	n = nvml_open(why, sizeof(why));
	if (!n)
		fail_msg("nvml_open: %s", why);
	assert_int_equal(nvml_count(n), 2);
	assert_int_equal(nvml_sample(n, g, 4), 2);
	assert_int_equal(g[0].has, RUN_GPU_NAME | RUN_GPU_UTIL | RUN_GPU_MEM | RUN_GPU_POWER |
	                                   RUN_GPU_ENERGY | RUN_GPU_TEMP);
	assert_string_equal(g[0].name, "Fake GPU 80GB");
	assert_int_equal(g[0].util_pct, 50);
	assert_int_equal(g[1].util_pct, 51);
	assert_int_equal(g[1].index, 1);
	assert_int_equal(g[0].mem_total, 80ull << 30);
	assert_int_equal(g[0].mem_used, 20ull << 30);
	assert_int_equal(g[0].power_mw, 250000);
	assert_int_equal(g[0].temp_c, 61);
	e0 = g[0].energy_mj;
	assert_int_equal(nvml_sample(n, g, 1), 1); /* max respected */
	assert_true(g[0].energy_mj > e0);
	nvml_close(n);
}

static void test_v1_fallback(void **state)
{
	char why[128] = "";
	struct run_gpu g[4];
	struct nvml *n;

	(void)state;
	use_lib("fake-nvml-v1");
	n = nvml_open(why, sizeof(why));
	if (!n)
		fail_msg("nvml_open (v1): %s", why);
	assert_int_equal(nvml_sample(n, g, 4), 2);
	assert_true(g[0].has & RUN_GPU_POWER);
	nvml_close(n);
}

static void test_missing_symbols(void **state)
{
	char why[128] = "";
	struct run_gpu g[4];
	struct nvml *n;

	(void)state;
	use_lib("fake-nvml-min");
	n = nvml_open(why, sizeof(why));
	assert_non_null(n);
	assert_int_equal(nvml_sample(n, g, 4), 2);
	assert_int_equal(g[0].has, RUN_GPU_NAME); /* everything else: not reported */
	nvml_close(n);
}

static void test_no_library_no_device(void **state)
{
	char why[128] = "";

	(void)state;
	setenv("CAPDASH_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
	assert_null(nvml_open(why, sizeof(why)));
	assert_string_equal(why, "no NVIDIA GPU");
	use_lib("fake-nvml");
	setenv("FAKENVML_COUNT", "0", 1);
	why[0] = '\0';
	assert_null(nvml_open(why, sizeof(why)));
	assert_string_equal(why, "no NVIDIA GPU");
	unsetenv("FAKENVML_COUNT");
	assert_int_equal(nvml_sample(NULL, NULL, 0), 0);
	nvml_close(NULL);
}

/* A bought GPU: amortisation plus the energy NVML reports since start. */
static void test_run_burn_moves(void **state)
{
	char tmpl[] = "/tmp/capdash-nvml-XXXXXX", dir[4096], trainer[4200];
	char *argv[] = {trainer, "proto", "40", "20", NULL};
	struct run_spec spec;
	struct run_status st;
	struct run_view *v;
	const struct run_gpu *g;
	struct run_progress p;
	struct timespec ts = {0, 20000000};

	(void)state;
	use_lib("fake-nvml");
	assert_non_null(mkdtemp(tmpl));
	snprintf(trainer, sizeof(trainer), "%s/tests/helpers/faketrain", build);
	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = tmpl;
	spec.sample_ms = 100;
	spec.prices.mode = BURN_BUY;
	spec.prices.gpu_unit_cost = INT64_C(30000000000);
	spec.prices.amortization_hours = 26280;
	spec.prices.energy_kwh = 150000;
	assert_int_equal(run_start(&spec, dir, sizeof(dir), NULL), 0);
	for (int t = 0; t < 500; t++) {
		assert_int_equal(run_status_read(dir, &st, NULL), 0);
		if (st.ended && !run_is_live(dir))
			break;
		nanosleep(&ts, NULL);
	}
	assert_true(st.ended);
	v = run_view_open(dir, NULL);
	assert_non_null(v);
	assert_true(run_view_update(v, NULL) > 0);
	assert_int_equal(run_view_gpus(v, &g), 2);
	assert_string_equal(g[0].name, "Fake GPU 80GB");
	assert_null(run_view_nogpu(v));
	run_view_progress(v, run_now_ms(), &p);
	assert_true(p.burn_ok);
	/* 2 GPUs found (gpus = -1: what NVML finds) at $30,000 / 26,280 h */
	assert_int_equal(p.burn.gpu_per_hour, 2283105);
	assert_true(p.burn.spent > 0);
	run_view_free(v);
	assert_int_equal(test_rmtree(tmpl), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_all_fields),      cmocka_unit_test(test_v1_fallback),
	        cmocka_unit_test(test_missing_symbols), cmocka_unit_test(test_no_library_no_device),
	        cmocka_unit_test(test_run_burn_moves),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
