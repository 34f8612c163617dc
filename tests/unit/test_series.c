/* test_series.c — the chart's point store and smoothing: exact points below
 * the cap, 2:1 decimation that keeps every group's lowest and highest point
 * (so spikes and dips survive a million points), a memory bound for any run
 * length, TensorBoard's debiased EMA against a hand computation, and the
 * min / last / best figures. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/series.h"

static bool has_point(const struct series *s, double x, double y)
{
	const struct series_pt *p = series_data(s);

	for (size_t i = 0; i < series_len(s); i++)
		if (p[i].x == x && p[i].y == y)
			return true;
	return false;
}

static void test_exact_below_cap(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_init(&s, 64), 0);
	for (int i = 0; i < 11; i++)
		assert_int_equal(series_push(&s, i, 10 - i), 0);
	assert_int_equal(series_len(&s), 11);
	for (int i = 0; i < 11; i++) {
		assert_true(series_data(&s)[i].x == i);
		assert_true(series_data(&s)[i].y == 10 - i);
	}
	assert_int_equal(s.count, 11);
	assert_true(s.min.y == 0 && s.min.x == 10);
	assert_true(s.max.y == 10 && s.max.x == 0);
	assert_true(s.last.x == 10);
	series_clear(&s);
	assert_int_equal(series_len(&s), 0);
	assert_int_equal(s.count, 0);
	series_done(&s);
}

static void test_decimation_exact(void **state)
{
	static const double y[8] = {5, 1, 4, 2, 8, 3, 7, 6};
	struct series s;
	const struct series_pt *p;

	(void)state;
	assert_int_equal(series_init(&s, 8), 0);
	for (int i = 0; i < 8; i++)
		series_push(&s, i, y[i]);
	/* Full at 8: each run of four became its highest and lowest, in step order. */
	assert_int_equal(series_len(&s), 4);
	p = series_data(&s);
	assert_true(p[0].x == 0 && p[0].y == 5);
	assert_true(p[1].x == 1 && p[1].y == 1);
	assert_true(p[2].x == 4 && p[2].y == 8);
	assert_true(p[3].x == 5 && p[3].y == 3);
	assert_int_equal(s.group, 4);
	/* A new point shows at once, as a pending group. */
	series_push(&s, 8, 9);
	assert_int_equal(series_len(&s), 5);
	assert_true(series_data(&s)[4].x == 8 && series_data(&s)[4].y == 9);
	series_push(&s, 9, 0.5);
	assert_int_equal(series_len(&s), 6);
	assert_true(series_data(&s)[4].y == 9 && series_data(&s)[5].y == 0.5);
	series_push(&s, 10, 4); /* in between: not kept */
	assert_int_equal(series_len(&s), 6);
	assert_false(has_point(&s, 10, 4));
	series_done(&s);
}

static void test_spikes_survive_a_million(void **state)
{
	struct series s;
	const struct series_pt *p;

	(void)state;
	assert_int_equal(series_init(&s, 1024), 0);
	for (int i = 0; i < 1000000; i++) {
		double y = 1.0 + 0.001 * (i % 7);

		if (i == 654321)
			y = 100;
		if (i == 777777)
			y = -5;
		assert_int_equal(series_push(&s, i, y), 0);
		assert_true(series_len(&s) <= 1024 + 2);
	}
	assert_true(s.alloc <= 1024 + 2);
	assert_true(has_point(&s, 654321, 100));
	assert_true(has_point(&s, 777777, -5));
	assert_int_equal(s.count, 1000000);
	assert_true(s.min.x == 777777 && s.max.x == 654321);
	assert_true(s.last.x == 999999);
	/* still in step order, still spread over the whole run */
	p = series_data(&s);
	for (size_t i = 1; i < series_len(&s); i++)
		assert_true(p[i].x > p[i - 1].x);
	assert_true(p[0].x < 1000 && p[series_len(&s) - 1].x > 999000);
	assert_true(series_len(&s) >= 512);
	series_done(&s);
}

static void test_nonfinite_skipped(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_init(&s, 16), 0);
	series_push(&s, 0, 1);
	series_push(&s, 1, NAN);
	series_push(&s, 2, INFINITY);
	series_push(&s, NAN, 3);
	series_push(&s, 4, 2);
	assert_int_equal(series_len(&s), 2);
	assert_int_equal(s.nonfinite, 3);
	assert_int_equal(s.count, 2);
	series_done(&s);
}

static void test_ema_by_hand(void **state)
{
	struct series_ema e;
	double v = -1;

	(void)state;
	series_ema_init(&e, 0.6);
	assert_true(series_ema_push(&e, 1, &v));
	assert_true(fabs(v - 1.0) < 1e-12); /* debiased: 0.4 / (1 - 0.6) */
	assert_true(series_ema_push(&e, 2, &v));
	assert_true(fabs(v - 1.625) < 1e-12); /* 1.04 / 0.64 */
	assert_false(series_ema_push(&e, NAN, &v));
	assert_false(series_ema_push(&e, -INFINITY, &v));
	assert_true(fabs(v - 1.625) < 1e-12);
	assert_true(series_ema_push(&e, 3, &v));
	assert_true(fabs(v - 1.824 / 0.784) < 1e-12);
	assert_int_equal(e.t, 3);

	series_ema_init(&e, 0);
	series_ema_push(&e, 7, &v);
	assert_true(v == 7);
	series_ema_push(&e, 3, &v);
	assert_true(v == 3);

	series_ema_init(&e, 2);
	assert_true(e.s == SERIES_SMOOTH_MAX);
	series_ema_init(&e, -1);
	assert_true(e.s == 0);
	series_ema_init(&e, NAN);
	assert_true(e.s == 0);
	/* s^t is flushed to 0 once it no longer matters, instead of sticking at
	 * the smallest denormal (which made every push ~50x slower) */
	series_ema_init(&e, 0.6);
	for (int i = 0; i < 2000; i++)
		series_ema_push(&e, 1.0, &v);
	assert_true(e.sp == 0);
	assert_true(fabs(v - 1.0) < 1e-12);
	/* the heaviest smoothing still starts at the first value, not near 0 */
	series_ema_init(&e, 0.999);
	series_ema_push(&e, 2.5, &v);
	assert_true(fabs(v - 2.5) < 1e-9);
}

static void test_loss_summary_and_resmooth(void **state)
{
	static const double y[] = {3, 2, 2.5, 1, 1.5, 1.2, NAN, 0.9};
	struct series_loss l, fresh;
	struct series_pt mn, last, best;

	(void)state;
	assert_int_equal(series_loss_init(&l, 64, 0.5), 0);
	assert_false(series_loss_summary(&l, &mn, &last, &best));
	for (size_t i = 0; i < sizeof y / sizeof y[0]; i++)
		series_loss_push(&l, (double)i, y[i]);
	assert_true(series_loss_summary(&l, &mn, &last, &best));
	assert_true(mn.y == 0.9 && mn.x == 7);
	assert_true(last.y == 0.9 && last.x == 7);
	assert_int_equal(series_len(&l.ema), 7);
	/* best is the lowest smoothed value: the last one here */
	assert_true(best.x == 7);
	assert_true(fabs(best.y - series_data(&l.ema)[6].y) < 1e-12);
	assert_true(best.y > 0.9);

	/* Changing the smoothing rebuilds the curve as if it had been set from the start. */
	assert_int_equal(series_loss_set_smoothing(&l, 0.8), 0);
	assert_int_equal(series_loss_init(&fresh, 64, 0.8), 0);
	for (size_t i = 0; i < sizeof y / sizeof y[0]; i++)
		series_loss_push(&fresh, (double)i, y[i]);
	assert_int_equal(series_len(&l.ema), series_len(&fresh.ema));
	for (size_t i = 0; i < series_len(&l.ema); i++)
		assert_true(fabs(series_data(&l.ema)[i].y - series_data(&fresh.ema)[i].y) < 1e-12);
	series_loss_push(&l, 8, 0.7);
	series_loss_push(&fresh, 8, 0.7);
	assert_true(fabs(series_data(&l.ema)[7].y - series_data(&fresh.ema)[7].y) < 1e-12);
	assert_true(fabs(l.best.y - fresh.best.y) < 1e-12);
	series_loss_done(&fresh);

	series_loss_clear(&l);
	assert_false(series_loss_summary(&l, NULL, NULL, NULL));
	series_loss_done(&l);
}

static void test_resmooth_after_decimation(void **state)
{
	struct series_loss l;
	double v;

	(void)state;
	assert_int_equal(series_loss_init(&l, 256, 0.9), 0);
	for (int i = 0; i < 100000; i++)
		series_loss_push(&l, i, 2.0 + (i % 2 ? 0.5 : -0.5));
	assert_int_equal(series_loss_set_smoothing(&l, 0.99), 0);
	assert_true(series_len(&l.ema) <= 258);
	/* a constant-mean signal stays near its mean after a rebuild */
	v = series_data(&l.ema)[series_len(&l.ema) - 1].y;
	assert_true(fabs(v - 2.0) < 0.1);
	series_loss_push(&l, 100000, 2.0);
	assert_true(fabs(l.ema.last.y - 2.0) < 0.1);
	series_loss_done(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact_below_cap),
	        cmocka_unit_test(test_decimation_exact),
	        cmocka_unit_test(test_spikes_survive_a_million),
	        cmocka_unit_test(test_nonfinite_skipped),
	        cmocka_unit_test(test_ema_by_hand),
	        cmocka_unit_test(test_loss_summary_and_resmooth),
	        cmocka_unit_test(test_resmooth_after_decimation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
