/* test_runfmt.c — the training pane's status-line text as tables (durations,
 * counts, steps, epochs, rates) and the ETA from recent throughput: steady
 * runs, announced and unannounced pauses, bursts of buffered lines, restarts
 * from a checkpoint, the window, and the width-fitted status line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/runfmt.h"

static void test_durations(void **state)
{
	static const struct {
		double s;
		const char *want;
	} t[] = {
	        {0, "0s"},
	        {42, "42s"},
	        {59.9, "59s"},
	        {60, "1m00s"},
	        {252, "4m12s"},
	        {3599, "59m59s"},
	        {3600, "1h00m"},
	        {3780, "1h03m"},
	        {86399, "23h59m"},
	        {100800, "1d04h"},
	        {187140, "2d03h"},
	        {190800, "2d05h"},
	        {8640000, "100d00h"},
	        {-1, "--"},
	        {NAN, "--"},
	        {INFINITY, "--"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(runfmt_duration(buf, sizeof buf, t[i].s), t[i].want);
	assert_string_equal(runfmt_eta(buf, sizeof buf, -1), "unknown");
	assert_string_equal(runfmt_eta(buf, sizeof buf, NAN), "unknown");
	assert_string_equal(runfmt_eta(buf, sizeof buf, 90), "1m30s");
	assert_string_equal(runfmt_duration(buf, 3, 252), "4m"); /* truncated, terminated */
}

static void test_counts(void **state)
{
	static const struct {
		int64_t v;
		const char *full, *brief;
	} t[] = {
	        {0, "0", "0"},
	        {999, "999", "999"},
	        {1000, "1,000", "1,000"},
	        {1874, "1,874", "1,874"},
	        {99999, "99,999", "99,999"},
	        {100000, "100,000", "100k"},
	        {123456, "123,456", "123k"},
	        {999999, "999,999", "1.00M"},
	        {1234567, "1,234,567", "1.23M"},
	        {12345678, "12,345,678", "12.3M"},
	        {-1234567, "-1,234,567", "-1.23M"},
	        {INT64_MIN, "-9,223,372,036,854,775,808", "-9.22E"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_string_equal(runfmt_count(buf, sizeof buf, t[i].v), t[i].full);
		assert_string_equal(runfmt_count_short(buf, sizeof buf, t[i].v), t[i].brief);
	}
	assert_string_equal(runfmt_step(buf, sizeof buf, 1874, 9380), "1,874/9,380");
	assert_string_equal(runfmt_step(buf, sizeof buf, 1874, 0), "1,874");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 2, 10), "2/10");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 0.25, 3), "0.25/3");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 1.5, 0), "1.5");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, NAN, 3), "--");
}

static void test_rates(void **state)
{
	static const struct {
		double r;
		enum metric_rate_unit u;
		const char *noun, *want;
	} t[] = {
	        {12.34, RATE_ITERS, NULL, "12.3 it/s"},
	        {1240, RATE_SAMPLES, "img", "1,240 img/s"},
	        {1240, RATE_SAMPLES, NULL, "1,240 samples/s"},
	        {3100, RATE_TOKENS, NULL, "3.1k tok/s"},
	        {12345, RATE_TOKENS, NULL, "12.3k tok/s"},
	        {245000, RATE_TOKENS, NULL, "245k tok/s"},
	        {1.5e6, RATE_TOKENS, NULL, "1.50M tok/s"},
	        {150000, RATE_SAMPLES, NULL, "150k samples/s"},
	        {99999, RATE_SAMPLES, NULL, "99,999 samples/s"},
	        {0.4, RATE_ITERS, NULL, "2.5 s/it"},
	        {0.5, RATE_SAMPLES, NULL, "0.5 samples/s"},
	        {0, RATE_ITERS, NULL, "0.0 it/s"},
	        {99.96, RATE_ITERS, NULL, "100 it/s"},
	        {-1, RATE_ITERS, NULL, "--"},
	        {NAN, RATE_TOKENS, NULL, "--"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(runfmt_rate(buf, sizeof buf, t[i].r, t[i].u, t[i].noun),
		                    t[i].want);
}

static void test_eta_steady(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	runfmt_eta_init(&e, 0, 0);
	assert_true(runfmt_eta_rate(&e) < 0);
	assert_true(runfmt_eta_seconds(&e, 2000) < 0);
	runfmt_eta_push(&e, 1000, 0);
	assert_true(runfmt_eta_rate(&e) < 0); /* one sample: no rate yet */
	for (int t = 1; t <= 100; t++)
		runfmt_eta_push(&e, 1000 + t, 10 * t);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
	assert_true(fabs(runfmt_eta_seconds(&e, 2000) - 100) < 1e-6);
	assert_true(runfmt_eta_seconds(&e, 0) < 0);    /* no total: unknown */
	assert_true(runfmt_eta_seconds(&e, 500) == 0); /* already there */
	/* a line repeating the step (an eval line) changes nothing */
	runfmt_eta_push(&e, 1130, 1000);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
}

static void test_eta_pauses(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	/* announced: paused 30 s of a 31 s interval */
	runfmt_eta_init(&e, 0, 0);
	for (int t = 0; t < 20; t++)
		runfmt_eta_push(&e, t, 10 * t);
	runfmt_eta_pause(&e, 19.5, true);
	runfmt_eta_pause(&e, 49.5, false);
	runfmt_eta_push(&e, 50, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);

	/* unannounced 100 s gap: longer than max(60 s, 10 × median), left out */
	runfmt_eta_init(&e, 0, 0);
	for (int t = 0; t < 20; t++)
		runfmt_eta_push(&e, t, 10 * t);
	runfmt_eta_push(&e, 119, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
	/* the same gap announced as a pause, then resumed: counted as 0 s */
	runfmt_eta_pause(&e, 120, true);
	runfmt_eta_pause(&e, 220, false);
	runfmt_eta_push(&e, 221, 220);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
}

static void test_eta_bursts_restart_window(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	/* pipe-buffered: lines arrive in bursts with the same time */
	runfmt_eta_init(&e, 0, 0);
	runfmt_eta_push(&e, 0, 0);
	runfmt_eta_push(&e, 0, 1);
	runfmt_eta_push(&e, 0, 2);
	runfmt_eta_push(&e, 10, 100);
	runfmt_eta_push(&e, 10, 101);
	runfmt_eta_push(&e, 10, 102);
	runfmt_eta_push(&e, 20, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);

	/* a restart from a checkpoint: the step goes back, start afresh */
	runfmt_eta_push(&e, 30, 50);
	assert_true(runfmt_eta_rate(&e) < 0);
	runfmt_eta_push(&e, 32, 60);
	assert_true(fabs(runfmt_eta_rate(&e) - 5) < 1e-9);

	/* only the last window_s seconds count: the run sped up */
	runfmt_eta_init(&e, 10, 0);
	for (int t = 0; t <= 50; t++)
		runfmt_eta_push(&e, t, t);
	for (int t = 51; t <= 60; t++)
		runfmt_eta_push(&e, t, 50 + 2 * (t - 50));
	assert_true(fabs(runfmt_eta_rate(&e) - 2) < 1e-9);
	/* more samples than the ring holds: still fine */
	for (int t = 61; t <= 500; t++)
		runfmt_eta_push(&e, t, 70 + 3 * (t - 60));
	assert_true(fabs(runfmt_eta_rate(&e) - 3) < 1e-9);
	assert_true(fabs(runfmt_eta_seconds(&e, 1390 + 300) - 100) < 1e-6);
}

static void test_status_line(void **state)
{
	struct runfmt_status_in in = {
	        .state = "running",
	        .elapsed_s = 252,
	        .has_step = true,
	        .step = 1874,
	        .total = 9380,
	        .epoch = 2,
	        .epochs = 10,
	        .eta_s = 760,
	};
	char buf[256];

	(void)state;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, false),
	                    "running | 4m12s | step 1,874/9,380 | epoch 2/10 | ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 48, true),
	                    "running · 4m12s · step 1,874/9,380 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 40, true),
	                    "running · step 1,874/9,380 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 30, true),
	                    "running · step 1,874/9,380");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 10, true), "running");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 5, true), "runni");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 0, true), "");
	in.total = 0;
	in.eta_s = -1;
	in.epoch = -1;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "running · 4m12s · step 1,874 · ETA unknown");
	in.has_step = false;
	in.elapsed_s = -1;
	in.state = "starting";
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true), "starting");
	assert_string_equal(runfmt_status(buf, 5, &in, 200, true), "star");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_durations),
	        cmocka_unit_test(test_counts),
	        cmocka_unit_test(test_rates),
	        cmocka_unit_test(test_eta_steady),
	        cmocka_unit_test(test_eta_pauses),
	        cmocka_unit_test(test_eta_bursts_restart_window),
	        cmocka_unit_test(test_status_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
