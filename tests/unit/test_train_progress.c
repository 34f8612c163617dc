/* test_train_progress.c — capdash-train's progress line: counts with
 * thousands separators, ETA formats, fitting the terminal width, and the
 * 10 Hz redraw throttle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/train/progress_bar.h"

static void test_count_and_eta(void **state)
{
	char b[32];

	(void)state;
	progress_bar_count(b, sizeof b, 0);
	assert_string_equal(b, "0");
	progress_bar_count(b, sizeof b, 999);
	assert_string_equal(b, "999");
	progress_bar_count(b, sizeof b, 1000);
	assert_string_equal(b, "1,000");
	progress_bar_count(b, sizeof b, 1234567);
	assert_string_equal(b, "1,234,567");
	progress_bar_count(b, sizeof b, -45000);
	assert_string_equal(b, "-45,000");
	progress_bar_eta(b, sizeof b, 59.4);
	assert_string_equal(b, "59s");
	progress_bar_eta(b, sizeof b, 252);
	assert_string_equal(b, "4m12s");
	progress_bar_eta(b, sizeof b, 3 * 3600 + 180);
	assert_string_equal(b, "3h03m");
	progress_bar_eta(b, sizeof b, -1);
	assert_string_equal(b, "--");
}

static void test_line(void **state)
{
	struct trainer_progress p = {1874, 9380, 2, 10, 0.31244, 1240.4, 90, 252};
	char b[512];
	size_t n;

	(void)state;
	n = progress_bar_fmt(b, sizeof b, 100, &p);
	assert_string_equal(b, "1,874/9,380 [======>                             ]  19% epoch 2/10 "
	                       "loss 0.3124 1,240 img/s ETA 4m12s");
	assert_int_equal(n, strlen(b));
	assert_true(n <= 100);
	/* Narrow: the bar goes, the figures stay; narrower still: cut. */
	n = progress_bar_fmt(b, sizeof b, 70, &p);
	assert_string_equal(b, "1,874/9,380  19% epoch 2/10 loss 0.3124 1,240 img/s ETA 4m12s");
	n = progress_bar_fmt(b, sizeof b, 30, &p);
	assert_int_equal(n, 30);
	assert_int_equal(strlen(b), 30);
	p.step = p.total_steps;
	progress_bar_fmt(b, sizeof b, 200, &p);
	assert_non_null(strstr(b, "[========================================] 100%"));
}

static void test_throttle(void **state)
{
	struct trainer_progress p = {5, 100, 1, 1, 1, 1, 1, 1};

	(void)state;
	assert_false(progress_bar_due(&p, 10.05, 10.0));
	assert_true(progress_bar_due(&p, 10.11, 10.0));
	p.step = 100;
	assert_true(progress_bar_due(&p, 10.01, 10.0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_count_and_eta),
	        cmocka_unit_test(test_line),
	        cmocka_unit_test(test_throttle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
