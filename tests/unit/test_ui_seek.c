/* test_ui_seek.c — g's goal seek form (seek_form.c) through its key paths,
 * without a terminal: open, fill, seek, apply as one undo step, undo
 * restores, Esc changes nothing; infeasible, refused and badly typed goals;
 * the relation, the direct-cost target and the input to vary chosen with
 * the arrows; amounts typed as $28M, 28,000,000 and 2966.67万. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/seek_form.h"
#include "uiapp.h"

static struct ui_app app;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(test_app_open(&app), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	seek_form_close(&app);
	test_app_close(&app);
	return 0;
}

static void keys(const char *s)
{
	for (; *s; s++)
		seek_form_key(&app, (unsigned char)*s);
}

static void test_open(void **state)
{
	(void)state;
	app_do(&app, UA_SEEK);
	assert_non_null(app.seek);
	assert_true(app.seek->nvary >= 7);
	assert_int_equal(app.seek->vary[0].id, BF_GPUS); /* GPUs first, chosen */
	assert_int_equal(app.seek->cur, 0);
	for (int i = 0; i < app.seek->nvary; i++) /* F ignores the raise: not offered */
		assert_int_not_equal(app.seek->vary[i].id, BF_RAISED);
	assert_string_equal(app.seek->amount, "29666666.67"); /* F now */
	assert_int_equal(app.seek->row, SEEK_ROW_AMOUNT);
	assert_int_equal(app.seek->measure, GOAL_CAPITAL);
	assert_int_equal(app.seek->rel, GOAL_AT_MOST);
}

static void test_run_apply_undo(void **state)
{
	(void)state;
	app_do(&app, UA_SEEK);
	keys("28000000\n"); /* the first character replaces F's amount */
	assert_non_null(app.seek);
	assert_int_equal(app.seek->state, SEEK_ANSWER);
	assert_int_equal(app.seek->ans.value, 2);
	assert_int_equal(app.seek->ans.capital, INT64_C(2766666667));
	/* seeking changes nothing yet */
	assert_int_equal(app.sc.in.gpus, 5);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	assert_false(app_modified(&app));
	seek_form_key(&app, '\n'); /* Enter again applies */
	assert_null(app.seek);
	assert_int_equal(app.sc.in.gpus, 2);
	assert_int_equal(app.res.capital, INT64_C(2766666667));
	assert_true(app.res.capital <= 2800000000);
	assert_true(app_modified(&app));
	assert_non_null(strstr(app.status, "GPUs"));
	assert_int_equal(app.undo.pos, 1); /* one step */
	app_do(&app, UA_UNDO);
	assert_int_equal(app.sc.in.gpus, 5);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	assert_false(app_modified(&app));
	assert_int_equal(app.undo.pos, 0);
}

static void test_escape(void **state)
{
	struct budget_input before = app.sc.in;

	(void)state;
	app_do(&app, UA_SEEK);
	keys("30000000");
	seek_form_key(&app, KEY_UP); /* relation: >= */
	seek_form_key(&app, KEY_RIGHT);
	seek_form_key(&app, '\n');
	assert_int_equal(app.seek->state, SEEK_ANSWER);
	assert_int_equal(app.seek->ans.value, 6);
	seek_form_key(&app, 27);
	assert_null(app.seek);
	assert_memory_equal(&app.sc.in, &before, sizeof before);
	assert_false(app_modified(&app));
	assert_int_equal(app.undo.n, 0);
}

static void test_infeasible(void **state)
{
	(void)state;
	app_do(&app, UA_SEEK);
	keys("$25M\n");
	assert_int_equal(app.seek->state, SEEK_FAILED);
	assert_non_null(strstr(app.seek->msg, "compute.gpus = 0"));
	assert_non_null(strstr(app.seek->msg, "above the target $25,000,000 by $1,333,333.33"));
	seek_form_key(&app, '\n'); /* Enter does not apply a failed goal */
	assert_non_null(app.seek);
	assert_int_equal(app.sc.in.gpus, 5);
	assert_int_equal(app.undo.n, 0);
	/* a field changed: the message goes until the next seek */
	seek_form_key(&app, KEY_BACKSPACE);
	assert_int_equal(app.seek->state, SEEK_EDITING);
	assert_string_equal(app.seek->amount, "$25");
	keys("abc\n");
	assert_int_equal(app.seek->state, SEEK_FAILED);
	assert_memory_equal(app.seek->msg, "amount: ", 8);
}

static void test_amount_forms(void **state)
{
	static const char *const forms[] = {"$28M", "28,000,000", "2800万"};

	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		app_do(&app, UA_SEEK);
		keys(forms[i]);
		keys("\n");
		assert_int_equal(app.seek->state, SEEK_ANSWER);
		assert_int_equal(app.seek->target, 2800000000);
		assert_int_equal(app.seek->ans.value, 2);
		seek_form_key(&app, 27);
	}
}

static void test_direct_equal_and_vary(void **state)
{
	(void)state;
	app_do(&app, UA_SEEK);
	seek_form_key(&app, KEY_UP);   /* relation */
	seek_form_key(&app, KEY_LEFT); /* <= wraps back to = */
	assert_int_equal(app.seek->rel, GOAL_EQUAL);
	seek_form_key(&app, KEY_UP); /* target */
	seek_form_key(&app, KEY_RIGHT);
	assert_int_equal(app.seek->measure, GOAL_DIRECT);
	seek_form_key(&app, '\t');
	seek_form_key(&app, '\t'); /* amount */
	keys("10000000\n");
	/* C+D+H+O = $10M: 10 and 11 GPUs both miss by $100,000, the one under */
	assert_int_equal(app.seek->state, SEEK_ANSWER);
	assert_int_equal(app.seek->ans.value, 10);
	assert_false(app.seek->ans.exact);
	assert_int_equal(app.seek->ans.miss, -10000000);
	/* vary the dataset: C+D+H+O = $9M is exactly 520,000 samples */
	seek_form_key(&app, KEY_DOWN);
	assert_int_equal(app.seek->row, SEEK_ROW_VARY);
	seek_form_key(&app, KEY_RIGHT);
	assert_int_equal(app.seek->vary[app.seek->cur].id, BF_SAMPLES);
	assert_int_equal(app.seek->state, SEEK_EDITING); /* the answer went with the change */
	seek_form_key(&app, KEY_UP);                     /* back to the amount */
	seek_form_key(&app, 21);                         /* Ctrl-U */
	keys("9000000\n");
	assert_int_equal(app.seek->state, SEEK_ANSWER);
	assert_int_equal(app.seek->ans.value, 520000);
	assert_true(app.seek->ans.exact);
	seek_form_key(&app, '\n');
	assert_null(app.seek);
	assert_int_equal(app.sc.in.samples, 520000);
	assert_int_equal(app.res.direct, 900000000);
	app_do(&app, UA_UNDO);
	assert_int_equal(app.sc.in.samples, 500000);
}

static void test_refused(void **state)
{
	(void)state;
	app_do(&app, UA_SEEK);
	seek_form_key(&app, KEY_UP);
	seek_form_key(&app, KEY_UP);
	seek_form_key(&app, KEY_RIGHT); /* direct cost */
	seek_form_key(&app, KEY_UP);    /* vary (wraps) */
	assert_int_equal(app.seek->row, SEEK_ROW_VARY);
	for (int i = 0; i < app.seek->nvary && app.seek->vary[app.seek->cur].id != BF_ALPHA; i++)
		seek_form_key(&app, KEY_RIGHT);
	assert_int_equal(app.seek->vary[app.seek->cur].id, BF_ALPHA);
	seek_form_key(&app, '\n');
	assert_int_equal(app.seek->state, SEEK_FAILED);
	assert_non_null(strstr(app.seek->msg, "does not enter the direct cost"));
	assert_int_equal(app.undo.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_open, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_run_apply_undo, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_escape, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_infeasible, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_amount_forms, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_direct_equal_and_vary, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
