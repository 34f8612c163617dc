/* test_ui_baseline.c — b and B without a terminal: what the budget pane's
 * changes count from.  Pinning, a step on GPUs (C +$200,000, F +$666,666.66
 * exactly, the GPUs row "+1"), b again re-pins, undo moves the plan and not
 * the baseline, B clears; signs in UTF-8 and ASCII.  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/diff.h"
#include "../../src/ui/ui_int.h"
#include "uiapp.h"

static struct ui_app app;

static int setup(void **state)
{
	(void)state;
	return test_app_open(&app);
}

static int teardown(void **state)
{
	(void)state;
	test_app_close(&app);
	return 0;
}

static const struct budget_key gpus = {BF_GPUS, 0};

static void test_unpinned(void **state)
{
	struct budget_diff_delta dl;
	char buf[64];
	bool good;

	(void)state;
	assert_false(app.bl_on);
	assert_false(baseline_delta(&app, &dl));
	assert_true(app_set(&app, gpus, 6, true));
	/* no baseline: no change on any row, whatever the plan did */
	assert_int_equal(baseline_input_delta(&app, gpus, buf, sizeof buf, &good), 0);
	assert_string_equal(buf, "");
	app_do(&app, UA_UNDO);
	assert_int_equal(app.sc.in.gpus, 5);
}

static void test_pin_step_undo_clear(void **state)
{
	struct budget_diff_delta dl;
	char buf[64];
	bool good;

	(void)state;
	app_do(&app, UA_BASELINE_PIN);
	assert_true(app.bl_on);
	assert_non_null(strstr(app.status, "baseline pinned at"));
	assert_true(baseline_delta(&app, &dl));
	assert_int_equal(dl.capital, 0);

	assert_true(app_set(&app, gpus, 6, true));
	assert_true(baseline_delta(&app, &dl));
	assert_int_equal(dl.compute, 20000000); /* $200,000 */
	assert_int_equal(dl.capital, 66666666); /* $30,333,333.33 - $29,666,666.67 */
	assert_int_equal(dl.direct, 20000000);
	assert_int_equal(dl.people, 0);
	assert_int_equal(baseline_input_delta(&app, gpus, buf, sizeof buf, &good), 1);
	assert_string_equal(buf, "+1");
	assert_false(good); /* more GPUs cost more */
	/* the raise follows F: its change reads in whole dollars, as F's */
	assert_int_equal(baseline_input_delta(&app, (struct budget_key){BF_RAISED, 0}, buf,
	                                      sizeof buf, &good),
	                 1);
	assert_string_equal(buf, "+$666,667");

	/* b again: the changes count from 6 GPUs now */
	app_do(&app, UA_BASELINE_PIN);
	assert_non_null(strstr(app.status, "pinned again"));
	assert_true(baseline_delta(&app, &dl));
	assert_int_equal(dl.capital, 0);
	assert_int_equal(app.bl_in.gpus, 6);

	/* undo moves the plan back to 5, the baseline stays at 6 */
	app_do(&app, UA_UNDO);
	assert_int_equal(app.sc.in.gpus, 5);
	assert_true(app.bl_on);
	assert_int_equal(app.bl_in.gpus, 6);
	assert_true(baseline_delta(&app, &dl));
	assert_int_equal(dl.capital, -66666666);
	assert_int_equal(baseline_input_delta(&app, gpus, buf, sizeof buf, &good), -1);
	assert_string_equal(buf, "\xe2\x88\x92"
	                         "1"); /* U+2212 minus */
	assert_true(good);
	baseline_money(&app, dl.compute, MONEY_WHOLE, buf, sizeof buf);
	assert_string_equal(buf, "\xe2\x88\x92$200,000");
	app.utf8 = false;
	baseline_money(&app, dl.compute, MONEY_WHOLE, buf, sizeof buf);
	assert_string_equal(buf, "-$200,000");
	baseline_input_delta(&app, gpus, buf, sizeof buf, &good);
	assert_string_equal(buf, "-1");
	app.utf8 = true;

	/* α: more is better for the plan, and shows in its unit */
	assert_true(app_set(&app, (struct budget_key){BF_ALPHA, 0}, 350000, true));
	assert_int_equal(baseline_input_delta(&app, (struct budget_key){BF_ALPHA, 0}, buf,
	                                      sizeof buf, &good),
	                 1);
	assert_string_equal(buf, "+0.05");
	assert_true(good);
	app_do(&app, UA_UNDO);

	app_do(&app, UA_BASELINE_CLEAR);
	assert_false(app.bl_on);
	assert_non_null(strstr(app.status, "baseline cleared"));
	assert_false(baseline_delta(&app, &dl));
	app_do(&app, UA_BASELINE_CLEAR);
	assert_non_null(strstr(app.status, "no baseline pinned"));
}

/* A role added after pinning: its count shows against 0. */
static void test_role_added(void **state)
{
	struct budget_diff_delta dl;
	struct budget_input before = app.sc.in;
	char buf[64];
	bool good;
	int r;

	(void)state;
	app_do(&app, UA_BASELINE_PIN);
	r = budget_role_add(&app.sc.in, "Interns", NULL);
	assert_int_equal(r, 2);
	app.sc.in.roles[r].count = 2;
	app.sc.in.roles[r].monthly_salary = 500000; /* $5,000 */
	app_record_input(&app, (struct budget_key){BF_ROLE_COUNT, r}, &before,
	                 "added role Interns");
	app_input_changed(&app);
	assert_true(baseline_delta(&app, &dl));
	assert_int_equal(dl.people, 12000000); /* 2 × $5,000 × 12 */
	assert_int_equal(dl.role_cost[2], 12000000);
	assert_int_equal(baseline_input_delta(&app, (struct budget_key){BF_ROLE_COUNT, r}, buf,
	                                      sizeof buf, &good),
	                 1);
	assert_string_equal(buf, "+2");
	app_do(&app, UA_BASELINE_CLEAR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_unpinned),
	        cmocka_unit_test(test_pin_step_undo_clear),
	        cmocka_unit_test(test_role_added),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
