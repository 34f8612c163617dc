/* test_ui_layout.c — layouts for every size from 20x8 to 300x100: every
 * rectangle inside the screen, none overlapping, the key bar on the last
 * line, the right mode at the documented thresholds; the key table (every
 * action has a key and help, no key bound twice); colour degradation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/ui_int.h"

static bool inside(struct ui_rect r, int cols, int rows)
{
	return r.x >= 0 && r.y >= 0 && r.x + r.w <= cols && r.y + r.h <= rows;
}

static bool overlap(struct ui_rect a, struct ui_rect b)
{
	if (!a.w || !a.h || !b.w || !b.h)
		return false;
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void check_layout(int cols, int rows, enum ui_pane_id tab, bool present)
{
	struct ui_layout l;
	struct ui_rect all[UI_PANE__COUNT + 1];
	int shown = 0;

	layout_compute(cols, rows, tab, present, &l);
	for (int p = 0; p < UI_PANE__COUNT; p++)
		all[p] = l.pane[p];
	all[UI_PANE__COUNT] = l.bar;
	for (int i = 0; i <= UI_PANE__COUNT; i++) {
		assert_true(inside(all[i], cols, rows));
		if (all[i].w && all[i].h)
			shown++;
		for (int j = i + 1; j <= UI_PANE__COUNT; j++)
			assert_false(overlap(all[i], all[j]));
	}
	assert_int_equal(l.bar.h, 1);
	assert_int_equal(l.bar.w, cols);
	if (l.mode == UI_LAYOUT_TINY) {
		assert_true(cols < UI_TINY_COLS || rows < UI_TINY_ROWS);
		assert_int_equal(shown, 1);
		return;
	}
	assert_int_equal(l.bar.y, rows - 1);
	if (present) {
		assert_int_equal(l.pane[UI_PANE_PRESENT].h, rows - 1);
		return;
	}
	assert_true(l.pane[UI_PANE_BUDGET].w > 0 || l.pane[UI_PANE_RUN].w > 0);
	if (cols >= UI_WIDE_MIN_COLS) {
		assert_int_equal(l.mode, UI_LAYOUT_WIDE);
		assert_int_equal(l.pane[UI_PANE_BUDGET].w + l.pane[UI_PANE_RUN].w, cols);
		assert_int_equal(l.pane[UI_PANE_BUDGET].x, 0); /* budget left */
	} else if (l.mode == UI_LAYOUT_TABBED) {
		assert_int_equal(shown, 2);
		assert_true(tab == UI_PANE_RUN ? l.pane[UI_PANE_RUN].w == cols
		                               : l.pane[UI_PANE_BUDGET].w == cols);
	} else {
		assert_int_equal(l.mode, UI_LAYOUT_STACKED);
		assert_true(l.pane[UI_PANE_BUDGET].h >= 23); /* room for every budget row */
	}
}

static void test_layout_all_sizes(void **state)
{
	(void)state;
	for (int c = 20; c <= 300; c++)
		for (int r = 8; r <= 100; r++) {
			check_layout(c, r, UI_PANE_BUDGET, false);
			check_layout(c, r, UI_PANE_RUN, false);
			check_layout(c, r, UI_PANE_BUDGET, true);
		}
	check_layout(1, 1, UI_PANE_BUDGET, false);
}

static void test_layout_thresholds(void **state)
{
	struct ui_layout l;

	(void)state;
	layout_compute(80, 24, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_TABBED);
	layout_compute(120, 40, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_WIDE);
	layout_compute(119, 60, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_STACKED);
	layout_compute(40, 12, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_TABBED);
	layout_compute(39, 12, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_TINY);
	layout_compute(40, 11, UI_PANE_BUDGET, false, &l);
	assert_int_equal(l.mode, UI_LAYOUT_TINY);
}

static void test_key_table(void **state)
{
	size_t n;
	const struct ui_key *t = keys_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_non_null(t[i].name);
		assert_true(t[i].action > UA_NONE && t[i].action < UA__COUNT);
		assert_int_equal(keys_lookup(t[i].key), t[i].action);
		for (size_t j = i + 1; j < n; j++)
			assert_int_not_equal(t[i].key, t[j].key); /* no key bound twice */
	}
	for (int a = UA_NONE + 1; a < UA__COUNT; a++) {
		const struct ui_action_info *info = keys_action((enum ui_action)a);

		assert_non_null(info);
		assert_int_equal(info->action, a);
		assert_non_null(info->help);
		assert_true(strlen(info->help) > 3);
		assert_non_null(keys_first((enum ui_action)a)); /* every action has a key */
	}
	assert_int_equal(keys_lookup(26), UA_SUSPEND); /* Ctrl-Z, when it arrives as a key */
	assert_int_equal(keys_lookup('q'), UA_QUIT);
	assert_int_equal(keys_lookup(KEY_RIGHT), UA_INC);
	assert_int_equal(keys_lookup('l'), UA_INC);
	assert_int_equal(keys_lookup(KEY_SRIGHT), UA_INC10);
	assert_int_equal(keys_lookup(KEY_NPAGE), UA_INC10);
	assert_int_equal(keys_lookup('u'), UA_UNDO);
	assert_int_equal(keys_lookup(18), UA_REDO); /* Ctrl-R */
	assert_int_equal(keys_lookup(KEY_F(1)), UA_HELP);
	assert_int_equal(keys_lookup('?'), UA_HELP);
	assert_int_equal(keys_lookup(KEY_F(12)), UA_NONE); /* unbound */
}

static void test_color_degrade(void **state)
{
	struct theme_color def = {TC_DEFAULT, 0, 0, 0, 0};
	struct theme_color idx = {TC_INDEX, 214, 0, 0, 0};
	struct theme_color red = {TC_INDEX, 9, 0, 0, 0};
	struct theme_color rgb = {TC_RGB, 0, 0xff, 0xaf, 0x00};
	struct theme_color grey = {TC_RGB, 0, 0x80, 0x80, 0x80};

	(void)state;
	assert_int_equal(color_degrade(&def, 256), -1);
	assert_int_equal(color_degrade(&idx, 256), 214);
	assert_int_equal(color_rgb_to_256(0xff, 0xaf, 0x00), 214); /* #ffaf00 is cube 214 */
	assert_int_equal(color_degrade(&rgb, 256), 214);
	assert_int_equal(color_degrade(&grey, 256), 244);
	assert_int_equal(color_rgb_to_256(0, 0, 0), 16);
	assert_int_equal(color_degrade(&idx, 16), 3); /* orange -> yellow */
	assert_int_equal(color_degrade(&idx, 8), 3);  /* -> yellow */
	assert_int_equal(color_degrade(&red, 16), 9);
	assert_int_equal(color_degrade(&red, 8), 1);
	assert_int_equal(color_degrade(&idx, 2), -1);             /* no colour: terminal default */
	assert_int_equal(color_degrade(&rgb, 1 << 24), 0xffaf00); /* truecolour kept */
	assert_int_equal(color_degrade(&idx, 1 << 24), 0xffaf00); /* 214 as RGB */
	assert_int_equal(color_degrade(&red, 1 << 24), 0xff0000);
	assert_int_equal(color_degrade(&def, 1 << 24), -1);
	assert_int_equal(color_256_to_16(196), 9); /* pure red */
	assert_int_equal(color_256_to_16(21), 4);  /* pure blue -> blue */
	for (int i = 0; i < 256; i++) {
		struct theme_color c = {TC_INDEX, i, 0, 0, 0};

		assert_true(color_degrade(&c, 8) >= 0 && color_degrade(&c, 8) < 8);
		assert_true(color_degrade(&c, 16) >= 0 && color_degrade(&c, 16) < 16);
		assert_int_equal(color_degrade(&c, 256), i);
	}
}

static void test_color_mono(void **state)
{
	struct theme t;

	(void)state;
	memset(&t, 0, sizeof t);
	/* whatever the theme says, without colour the knob is reverse video and
	 * the selection bold */
	assert_true(color_mono_attr(&t, TR_KNOB) & A_REVERSE);
	assert_true(color_mono_attr(&t, TR_SELECTED) & A_BOLD);
	assert_false(color_mono_attr(&t, TR_TEXT) & A_REVERSE);
	t.role[TR_TRACK].reverse = true;
	t.role[TR_TRACK].dim = true;
	assert_true(color_mono_attr(&t, TR_TRACK) & A_DIM); /* the theme's own cues stay */
	assert_false(color_mono_attr(&t, TR_TRACK) & A_REVERSE);
	t.role[TR_TEXT].underline = true;
	assert_true(color_mono_attr(&t, TR_TEXT) & A_UNDERLINE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_layout_all_sizes), cmocka_unit_test(test_layout_thresholds),
	        cmocka_unit_test(test_key_table),        cmocka_unit_test(test_color_degrade),
	        cmocka_unit_test(test_color_mono),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
