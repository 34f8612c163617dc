/* test_ui_app.c — the dashboard's state changes without a terminal: the
 * input list, a key press through the model (the seed's $29,666,667 and
 * $30,333,333), undo/redo, typed values good and bad, Home/End, the modified
 * flag and the values as displayed; presentation mode's selection; messages
 * that their owner takes down; the help lines and the key bar per pane. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/ui_int.h"
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
	test_app_close(&app);
	return 0;
}

static void type_keys(const char *s)
{
	for (; *s; s++)
		prompt_key(&app, (unsigned char)*s);
	prompt_key(&app, '\n');
}

/* The index of the item for (id, role), or -1. */
static int item_index(enum budget_field_id id, int role)
{
	for (int i = 0; i < app.nitems; i++)
		if (app.item[i].key.id == id && app.item[i].key.role == role)
			return i;
	return -1;
}

static void test_items(void **state)
{
	(void)state;
	assert_int_equal(app.sel, 0);
	assert_int_equal(app.item[0].key.id, BF_GPUS); /* GPUs first, selected */
	assert_int_equal(app.item[1].key.id, BF_SAMPLES);
	assert_true(app_spec(&app, app.item[1].key).log); /* dataset: log scale */
	assert_int_equal(app.item[2].key.id, BF_ROLE_COUNT);
	/* one start-month row, under the first role until another is selected */
	assert_int_equal(app.item[3].key.id, BF_ROLE_START);
	assert_int_equal(app.item[3].key.role, 0);
	assert_int_equal(app.item[4].key.id, BF_ROLE_COUNT);
	assert_int_equal(app.item[4].key.role, 1);
	assert_int_equal(app.item[5].key.id, BF_ALPHA);
	assert_int_equal(app.item[6].key.id, BF_RAISED);
	for (int i = 0; i < 7; i++)
		assert_int_equal(app.item[i].kind, UI_ITEM_SLIDER);
	for (int i = 7; i < app.nitems; i++)
		assert_int_equal(app.item[i].kind, UI_ITEM_PRICE);
	assert_int_equal(app.nitems, 7 + 7);
}

static void test_step_and_undo(void **state)
{
	(void)state;
	assert_true(app.res_ok);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	assert_false(app_modified(&app));
	app_do(&app, UA_INC);
	assert_int_equal(app.res.capital, INT64_C(3033333333));
	assert_int_equal(budget_delta(&app.res, &app.base_res), INT64_C(66666666));
	assert_true(app_modified(&app));
	app_do(&app, UA_UNDO);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	assert_false(app_modified(&app));
	app_do(&app, UA_REDO);
	assert_int_equal(app.res.capital, INT64_C(3033333333));
	app_do(&app, UA_UNDO);
	app_do(&app, UA_UNDO); /* nothing left: a message, no change */
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	assert_string_equal(app.status, "nothing to undo");
	app_do(&app, UA_INC10);
	assert_int_equal(budget_get(&app.sc.in, app.item[0].key), 15);
	app_do(&app, UA_MIN);
	assert_int_equal(budget_get(&app.sc.in, app.item[0].key), 0);
	app_do(&app, UA_MAX);
	assert_int_equal(budget_get(&app.sc.in, app.item[0].key),
	                 app_spec(&app, app.item[0].key).max);
	for (int i = 0; i < 3; i++)
		app_do(&app, UA_UNDO);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
}

static void test_typed_values(void **state)
{
	(void)state;
	app_do(&app, UA_TYPE);
	assert_int_equal(app.prompt.kind, UI_PROMPT_TEXT);
	assert_string_equal(app.prompt.buf, "5");
	type_keys("8"); /* replaces the value shown */
	assert_int_equal(app.prompt.kind, UI_PROMPT_NONE);
	assert_int_equal(app.res.capital, INT64_C(3166666667));
	app_do(&app, UA_TYPE);
	type_keys("abc");
	assert_true(app.status_err);
	assert_non_null(strstr(app.status, "GPUs"));
	assert_int_equal(app.res.capital, INT64_C(3166666667)); /* unchanged */
	app_do(&app, UA_TYPE);
	type_keys("-3");
	assert_true(app.status_err);
	assert_int_equal(budget_get(&app.sc.in, app.item[0].key), 8);
	app_do(&app, UA_TYPE);
	prompt_key(&app, '9');
	prompt_key(&app, 27); /* Esc cancels */
	assert_int_equal(budget_get(&app.sc.in, app.item[0].key), 8);
	app_do(&app, UA_UNDO);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	/* α, typed as a decimal */
	app.sel = item_index(BF_ALPHA, 0);
	app_do(&app, UA_TYPE);
	type_keys("0.5");
	assert_int_equal(app.res.capital, INT64_C(1780000000));
	app_do(&app, UA_UNDO);
	app.sel = 0;
}

static void test_display(void **state)
{
	char buf[64];
	struct budget_key alpha = {BF_ALPHA, 0}, samples = {BF_SAMPLES, 0};
	struct budget_key salary = {BF_ROLE_SALARY, 0}, unit = {BF_GPU_UNIT_COST, 0};

	(void)state;
	assert_string_equal(app_value_str(&app, alpha, buf, sizeof buf), "0.30");
	assert_string_equal(app_value_str(&app, samples, buf, sizeof buf), "500,000");
	assert_string_equal(app_value_str(&app, salary, buf, sizeof buf), "$30,000");
	assert_string_equal(app_value_str(&app, unit, buf, sizeof buf), "$200,000");
	assert_string_equal(app_label(&app, alpha, buf, sizeof buf), "α allocation");
	assert_non_null(strstr(app_label(&app, salary, buf, sizeof buf), "salary"));
}

/* Price fields take and show micro-dollars with the digits they have
 * (issue 8): 500,000 samples at $0.000002 is D = $1. */
static void test_price_fields(void **state)
{
	struct budget_key label = {BF_LABEL_COST, 0}, hourly = {BF_GPU_HOURLY_COST, 0};
	char buf[64];
	int at = -1;

	(void)state;
	for (int i = 0; i < app.nitems; i++)
		if (app.item[i].key.id == BF_LABEL_COST)
			at = i;
	assert_true(at >= 0);
	assert_string_equal(app_value_str(&app, label, buf, sizeof buf), "$5");
	assert_string_equal(app_value_str(&app, hourly, buf, sizeof buf), "$2.49");
	app.sel = at;
	app_do(&app, UA_TYPE);
	assert_string_equal(app.prompt.buf, "5");
	type_keys("0.000002");
	assert_false(app.status_err);
	assert_int_equal(budget_get(&app.sc.in, label), 2);
	assert_int_equal(app.res.data, 100);
	assert_string_equal(app_value_str(&app, label, buf, sizeof buf), "$0.000002");
	assert_string_equal(app_value_edit(&app, label, buf, sizeof buf), "0.000002");
	app_do(&app, UA_TYPE);
	type_keys("0.0000001"); /* a seventh decimal: refused, value kept */
	assert_true(app.status_err);
	assert_non_null(strstr(app.status, "6 decimals"));
	assert_int_equal(budget_get(&app.sc.in, label), 2);
	app_do(&app, UA_UNDO);
	assert_int_equal(app.res.capital, INT64_C(2966666667));
	app.sel = 0;
}

static void test_quit_asks(void **state)
{
	(void)state;
	app_do(&app, UA_QUIT);
	assert_true(app.quit); /* nothing to lose */
	app.quit = false;
	app_do(&app, UA_INC);
	app_do(&app, UA_QUIT);
	assert_false(app.quit);
	assert_int_equal(app.prompt.kind, UI_PROMPT_YESNO);
	prompt_key(&app, 'n');
	assert_false(app.quit);
	app_do(&app, UA_QUIT);
	prompt_key(&app, 'y');
	assert_true(app.quit);
	app.quit = false;
	app_do(&app, UA_UNDO);
}

static void test_present_selection(void **state)
{
	int salary = -1;
	int64_t before;

	(void)state;
	app.cols = 120;
	app.rows = 40;
	for (int i = 0; i < app.nitems; i++)
		if (app.item[i].key.id == BF_ROLE_SALARY && salary < 0)
			salary = i;
	assert_true(salary > 0);
	/* P from a price row: the selection moves onto a slider on screen */
	app.sel = salary;
	before = budget_get(&app.sc.in, app.item[salary].key);
	app_do(&app, UA_PRESENT);
	assert_true(app.present);
	assert_true(app.item[app.sel].main);
	assert_true(present_visible(&app, app.sel));
	app_do(&app, UA_INC); /* → moves what is on screen, not the salary */
	assert_int_equal(budget_get(&app.sc.in, app.item[salary].key), before);
	assert_true(app_modified(&app));
	for (int i = 0; i < 20; i++) {
		app_do(&app, UA_SEL_DOWN);
		assert_true(present_visible(&app, app.sel));
	}
	app_do(&app, UA_SEL_UP);
	assert_true(present_visible(&app, app.sel));
	/* leaving P: back on the salary row when the person did not move */
	app_do(&app, UA_PRESENT);
	app.sel = salary;
	app_do(&app, UA_PRESENT);
	app_do(&app, UA_PRESENT);
	assert_false(app.present);
	assert_int_equal(app.sel, salary);
	/* a short screen shows fewer sliders: only those are reachable */
	app.rows = 12;
	app_do(&app, UA_PRESENT);
	{
		int shown = 0;

		for (int i = 0; i < app.nitems; i++)
			shown += present_visible(&app, i);
		assert_true(shown >= 1 && shown < 4);
		for (int i = 0; i < 10; i++) {
			app_do(&app, UA_SEL_DOWN);
			assert_true(present_visible(&app, app.sel));
		}
	}
	app_do(&app, UA_PRESENT);
	app_do(&app, UA_UNDO);
	assert_false(app_modified(&app));
	app.present = false;
	app.sel = item_index(BF_RAISED, 0);
	app_do(&app, UA_SEL_DOWN);
	assert_int_equal(app.item[app.sel].kind, UI_ITEM_PRICE); /* reachable normally */
	app.sel = 0;
	app_do(&app, UA_SEL_UP);
	assert_int_equal(app.sel, app.nitems - 1); /* wraps */
	app.sel = 0;
}

/* α in one format: "0.30" and "1.00" on screen and in the prompt. */
static void test_alpha_format(void **state)
{
	char buf[64];
	struct budget_key alpha = {BF_ALPHA, 0};

	(void)state;
	assert_string_equal(app_value_edit(&app, alpha, buf, sizeof buf), "0.30");
	assert_true(app_set(&app, alpha, BUDGET_ALPHA_ONE, true));
	assert_string_equal(app_value_str(&app, alpha, buf, sizeof buf), "1.00");
	assert_string_equal(app_value_edit(&app, alpha, buf, sizeof buf), "1.00");
	assert_true(app_set(&app, alpha, 125000, true));
	assert_string_equal(app_value_str(&app, alpha, buf, sizeof buf), "0.125");
	app_do(&app, UA_UNDO);
	app_do(&app, UA_UNDO);
}

/* A field's error names it once, both ways. */
static void test_field_error(void **state)
{
	(void)state;
	app.sel = 0;
	app_do(&app, UA_TYPE);
	type_keys("2000000");
	assert_true(app.status_err);
	assert_ptr_equal(strstr(app.status, "GPUs (compute.gpus): expected"), app.status);
	assert_null(strstr(app.status + 1, "compute.gpus:"));
	assert_null(strstr(strstr(app.status, "GPUs") + 1, "GPUs"));
	app_do(&app, UA_TYPE);
	type_keys("abc");
	assert_ptr_equal(strstr(app.status, "GPUs (compute.gpus): "), app.status);
}

static void test_owned_messages(void **state)
{
	int run = 0, other = 0;

	(void)state;
	app_message_owned(&app, &run, false, "started %s", "train.py");
	assert_true(app_message_is(&app, &run));
	app_message_drop(&app, &other); /* not its message */
	assert_string_equal(app.status, "started train.py");
	app_message_drop(&app, &run); /* the run ended */
	assert_string_equal(app.status, "");
	app_message_owned(&app, &run, false, "stopping the run");
	app_message(&app, false, "saved"); /* a newer message from elsewhere */
	app_message_drop(&app, &run);
	assert_string_equal(app.status, "saved");
	assert_false(app_message_is(&app, &run));
	app_message_drop(&app, NULL);
	assert_string_equal(app.status, "saved");
	app.status[0] = 0;
}

static void test_help_lines(void **state)
{
	struct help_line l[128];
	int n, seen_z = 0, seen_stop = 0;

	(void)state;
	n = help_lines(&app, 30, l, 128);
	assert_true(n > UA_QUIT && n <= 128);
	for (int i = 0; i < n; i++) {
		const struct ui_action_info *info = keys_action(l[i].action);

		assert_true(glyphs_width(l[i].text) <= 30);
		seen_z += l[i].first && strstr(l[i].keys, "Ctrl-Z") != NULL;
		seen_stop += l[i].first && l[i].action == UA_RUN_STOP;
		if (l[i].first) { /* the parts, joined by spaces, are the whole line */
			char joined[512] = "";

			for (int j = i; j < n && (j == i || !l[j].first); j++) {
				if (j > i)
					strcat(joined, " ");
				strcat(joined, l[j].text);
			}
			assert_string_equal(joined, info->help);
		}
	}
	assert_int_equal(seen_z, 1);
	assert_int_equal(seen_stop, 1);
}

static void test_keybar(void **state)
{
	bool shown[16];
	int n;

	(void)state;
	app.lay.mode = UI_LAYOUT_WIDE;
	n = keybar_items(&app, UI_PANE_RUN, 200, shown, 16);
	for (int i = 0; i < n; i++)
		assert_true(shown[i]); /* room for all */
	n = keybar_items(&app, UI_PANE_RUN, 40, shown, 16);
	{
		int count = 0;

		for (int i = 0; i < n; i++)
			count += shown[i];
		assert_true(count >= 3 && count < n);
		assert_true(shown[n - 1]); /* quit stays */
		assert_true(shown[1]);     /* r run stays */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_items),
	        cmocka_unit_test(test_step_and_undo),
	        cmocka_unit_test(test_typed_values),
	        cmocka_unit_test(test_display),
	        cmocka_unit_test(test_price_fields),
	        cmocka_unit_test(test_quit_asks),
	        cmocka_unit_test(test_present_selection),
	        cmocka_unit_test(test_alpha_format),
	        cmocka_unit_test(test_field_error),
	        cmocka_unit_test(test_owned_messages),
	        cmocka_unit_test(test_help_lines),
	        cmocka_unit_test(test_keybar),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
