/* test_ui_picker.c — the pure half of the list widget behind o and a:
 * case-insensitive filtering on every column, the selection kept across
 * filters, selection and scroll arithmetic (PgUp/PgDn/Home/End, no blank
 * rows at the bottom), column widths that give way in order, text fitted
 * at a word boundary (never a mid-word cut, ASCII "..." too), control bytes
 * kept off the screen, and how paths are shown. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/picker.h"

static struct picker *make(int n)
{
	static const char *const head[] = {"Name", "File", "F"};
	struct picker *p = picker_new("t", 3, head, NULL);
	char key[32], name[32];

	assert_non_null(p);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "dir/file%02d.yaml", i);
		snprintf(name, sizeof name, "Plan %02d", i);
		assert_int_equal(picker_add(p, key, name), i);
		assert_int_equal(picker_set(p, i, 1, key), 0);
	}
	return p;
}

static void test_match(void **state)
{
	static const struct {
		const char *hay, *needle;
		bool want;
	} t[] = {
	        {"Seed: image recognition", "IMAGE", true},
	        {"Seed: image recognition", "seed:", true},
	        {"lab-8gpu-servers.yaml", "8GPU", true},
	        {"lab", "labs", false},
	        {"anything", "", true},
	        {"", "x", false},
	        {"Research lab", "lab ", false},
	        {"aab", "ab", true},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_int_equal(picker_match(t[i].hay, t[i].needle), t[i].want);
	assert_false(picker_match(NULL, "x"));
}

static void test_filter_keeps_selection(void **state)
{
	struct picker *p = make(12);

	(void)state;
	assert_int_equal(p->nshown, 12);
	assert_int_equal(p->sel, 0);
	picker_move(p, 5); /* "Plan 05" */
	assert_string_equal(picker_selected(p)->col[0], "Plan 05");
	picker_filter_add(p, "0");
	/* 00..10 match by name; the selected one is still selected */
	assert_int_equal(p->nshown, 11);
	assert_string_equal(picker_selected(p)->col[0], "Plan 05");
	picker_filter_add(p, "1");
	assert_int_equal(p->nshown, 1);
	assert_string_equal(picker_selected(p)->col[0], "Plan 01");
	picker_filter_add(p, "x");
	assert_int_equal(p->nshown, 0);
	assert_null(picker_selected(p));
	picker_move(p, 1); /* nothing to move over: no crash, nothing selected */
	assert_null(picker_selected(p));
	picker_filter_back(p);
	picker_filter_back(p);
	picker_filter_back(p);
	assert_int_equal(p->nshown, 12);
	/* the path column is searched too, case-insensitively */
	picker_filter_add(p, "FILE11");
	assert_int_equal(p->nshown, 1);
	assert_string_equal(picker_selected(p)->col[0], "Plan 11");
	picker_filter_clear(p);
	assert_int_equal(p->nshown, 12);
	picker_free(p);
}

static void test_current_selected_first(void **state)
{
	struct picker *p = make(5);

	(void)state;
	p->items[3].current = true;
	p->sel = -1;
	assert_int_equal(picker_refilter(p), 0);
	assert_string_equal(picker_selected(p)->col[0], "Plan 03");
	picker_free(p);
}

static void test_move_and_scroll(void **state)
{
	struct picker *p = make(50);

	(void)state;
	p->page = 10;
	picker_move(p, 9);
	assert_int_equal(p->sel, 9);
	assert_int_equal(p->top, 0);
	picker_move(p, 1); /* one past the page: scrolls by one */
	assert_int_equal(p->sel, 10);
	assert_int_equal(p->top, 1);
	picker_move(p, 9); /* PgDn */
	assert_int_equal(p->sel, 19);
	assert_int_equal(p->top, 10);
	picker_move(p, INT_MAX); /* End */
	assert_int_equal(p->sel, 49);
	assert_int_equal(p->top, 40);
	picker_move(p, -3);
	assert_int_equal(p->sel, 46);
	assert_int_equal(p->top, 40);
	picker_move(p, INT_MIN); /* Home */
	assert_int_equal(p->sel, 0);
	assert_int_equal(p->top, 0);
	picker_move(p, -1); /* clamped */
	assert_int_equal(p->sel, 0);
	/* a page that grows (a taller terminal): no blank rows left at the end */
	picker_move(p, INT_MAX);
	p->page = 30;
	picker_scroll(p);
	assert_int_equal(p->top, 20);
	/* a filter that leaves fewer rows than the page starts at the top */
	picker_filter_add(p, "Plan 4");
	assert_int_equal(p->nshown, 10);
	assert_int_equal(p->top, 0);
	assert_string_equal(picker_selected(p)->col[0], "Plan 49");
	picker_free(p);
}

static void test_cap(void **state)
{
	static const char *const head[] = {"a", "b"};
	struct picker *p = picker_new("t", 2, head, NULL);
	char key[32];

	(void)state;
	for (int i = 0; i < PICKER_MAX_ITEMS + 7; i++) {
		snprintf(key, sizeof key, "k%d", i);
		picker_add(p, key, NULL);
	}
	assert_int_equal(p->n, PICKER_MAX_ITEMS);
	assert_int_equal(p->more, 7);
	assert_string_equal(p->items[0].col[0], "k0"); /* no name: the key */
	picker_free(p);
}

static void test_sanitise(void **state)
{
	struct picker *p = make(1);

	(void)state;
	assert_int_equal(picker_set(p, 0, 0,
	                            "evil\033]0;title\007name\x9b"
	                            "2J"),
	                 0);
	assert_string_equal(p->items[0].col[0], "evil?]0;title?name?2J");
	/* C1 controls in UTF-8 form, an overlong and a cut sequence */
	assert_int_equal(picker_set(p, 0, 0,
	                            "a\xc2\x9b"
	                            "b\xc0\xaf"
	                            "c\xe4\xb8"),
	                 0);
	assert_string_equal(p->items[0].col[0], "a??b??c??");
	/* real UTF-8 passes */
	assert_int_equal(picker_set(p, 0, 0, "种子轮 · α"), 0);
	assert_string_equal(p->items[0].col[0], "种子轮 · α");
	assert_int_equal(picker_set_bad(p, 0, "x\ny", NULL), 0);
	assert_true(p->items[0].bad);
	assert_string_equal(p->items[0].why, "x?y");
	assert_string_equal(p->items[0].brief, "x?y");
	assert_int_equal(picker_set_bad(p, 0, "f.yaml:3:1: bad", "line 3: bad"), 0);
	assert_string_equal(p->items[0].why, "f.yaml:3:1: bad");
	assert_string_equal(p->items[0].brief, "line 3: bad");
	picker_free(p);
}

static void test_fit(void **state)
{
	static const struct {
		const char *s;
		int room;
		bool utf8, left;
		const char *want;
	} t[] = {
	        {"Seed: image recognition", 40, true, false, "Seed: image recognition"},
	        {"Seed: image recognition", 23, true, false, "Seed: image recognition"},
	        {"Seed: image recognition", 22, true, false, "Seed: image…"},
	        {"Seed: image recognition", 12, true, false, "Seed: image…"},
	        {"Seed: image recognition", 11, true, false, "Seed:…"},
	        {"Seed: image recognition", 14, false, false, "Seed: image..."},
	        {"Seed: image recognition", 13, false, false, "Seed:..."},
	        {"Research lab (4 x 8xH100 servers)", 20, true, false, "Research lab (4 x…"},
	        {"finetune-shop-cloud", 15, true, false, "finetune-shop…"},
	        {"Supercalifragilistic", 8, true, false, "…"},
	        {"Supercalifragilistic", 2, false, false, ""},
	        {"scenarios/lab-8gpu-servers.yaml", 24, true, true, "…/lab-8gpu-servers.yaml"},
	        {"scenarios/lab-8gpu-servers.yaml", 22, true, true, "…lab-8gpu-servers.yaml"},
	        {"scenarios/lab-8gpu-servers.yaml", 20, true, true, "…8gpu-servers.yaml"},
	        {"scenarios/lab-8gpu-servers.yaml", 5, true, true, "…yaml"},
	        {"scenarios/lab-8gpu-servers.yaml", 4, true, true, "…"},
	        {"~/plans/seed.yaml", 12, false, true, "...seed.yaml"},
	        {"~/plans/seed.yaml", 13, false, true, ".../seed.yaml"},
	        {"abc", 0, true, false, ""},
	};
	char out[128];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int n = picker_fit(t[i].s, t[i].room, t[i].utf8, t[i].left, out, sizeof out);
		int cells = 0;

		for (const char *c = out; *c; c++)
			cells += ((unsigned char)*c & 0xC0) != 0x80;
		print_message("%zu: '%s' in %d -> '%s'\n", i, t[i].s, t[i].room, out);
		assert_string_equal(out, t[i].want);
		assert_int_equal(n, cells);
		assert_true(n <= (t[i].room > 0 ? t[i].room : 0));
	}
}

/* Every cut of a sentence at every width: what is shown before the
 * ellipsis is always whole words of it. */
static void test_fit_never_mid_word(void **state)
{
	const char *s = "Fine-tuning shop (rented H100s) with a long name";
	char out[128];

	(void)state;
	for (int room = 1; room < 60; room++) {
		size_t k;

		picker_fit(s, room, false, false, out, sizeof out);
		k = strlen(out);
		if (k >= 3 && !strcmp(out + k - 3, "...")) {
			k -= 3;
			assert_memory_equal(out, s, k);
			/* the next character of s ends a word */
			assert_true(k == 0 || strchr(" -_.,:/", s[k]) != NULL);
		} else {
			assert_string_equal(out, room >= (int)strlen(s) ? s : "");
		}
	}
}

static void test_layout(void **state)
{
	static const char *const head[] = {"Run", "Command", "State", "Step", "Loss", "Cost"};
	struct picker *p = picker_new("t", 6, head, NULL);
	int w[PICKER_COLS], shown;

	(void)state;
	assert_int_equal(picker_add(p, "/r/20261202-015432-faketrain", "20261202-015432-faketrain"),
	                 0);
	picker_set(p, 0, 1, "faketrain proto 20");
	picker_set(p, 0, 2, "finished");
	picker_set(p, 0, 3, "20/20");
	picker_set(p, 0, 4, "0.1234");
	picker_set(p, 0, 5, "$0.0042");
	/* wide: everything, the detail takes the rest */
	shown = picker_layout(p, 115, w);
	assert_int_equal(shown, 6);
	assert_int_equal(w[0], 25);
	assert_int_equal(w[2], 8);
	assert_int_equal(w[3], 5);
	assert_int_equal(w[4], 6);
	assert_int_equal(w[5], 7);
	assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 2 * 5, 115);
	/* 80 columns: the detail shrinks, the name keeps its width */
	shown = picker_layout(p, 75, w);
	assert_int_equal(shown, 6);
	assert_int_equal(w[0], 25);
	assert_int_equal(w[1], 14);
	/* narrower: the detail goes before any figure, the name before it */
	shown = picker_layout(p, 50, w);
	assert_int_equal(shown, 5);
	assert_int_equal(w[1], 0);
	assert_int_equal(w[0], 16);
	assert_int_equal(w[5], 7);
	/* very narrow: the last figures give way to the name */
	shown = picker_layout(p, 30, w);
	assert_true(w[0] >= PICKER_NAME_MIN);
	assert_int_equal(w[5], 0);
	assert_true(shown >= 1);
	{
		int sum = w[0];

		for (int c = 1; c < 6; c++)
			sum += w[c] ? w[c] + 2 : 0;
		assert_true(sum <= 30);
	}
	/* a very long name leaves the detail a third of the room */
	picker_set(p, 0, 0, "a name so long that it would take every cell of the row if let");
	shown = picker_layout(p, 115, w);
	assert_int_equal(w[0], 54);
	assert_int_equal(w[1], 81 - 54 - 2);
	picker_free(p);
}

static void test_path_display(void **state)
{
	static const struct {
		const char *path, *cwd, *home, *want;
	} t[] = {
	        {"./x.yaml", "/work/main", "/home/u", "x.yaml"},
	        {"scenarios//lab.yaml", "/work/main", "/home/u", "scenarios/lab.yaml"},
	        {"/work/main/build/../scenarios/./seed.yaml", "/work/main", "/home/u",
	         "scenarios/seed.yaml"},
	        {"/home/u/.config/capdash/scenarios/mine.yaml", "/work/main", "/home/u",
	         "~/.config/capdash/scenarios/mine.yaml"},
	        {"/home/u/plan.yaml", "/home/u", "/home/u", "plan.yaml"}, /* cwd before ~ */
	        {"/home/user2/plan.yaml", "/work", "/home/u", "/home/user2/plan.yaml"},
	        {"/usr/local/share/capdash/scenarios/a.yaml", "/work/main", "/home/u",
	         "/usr/local/share/capdash/scenarios/a.yaml"},
	        {"../other/p.yaml", "/work/main", NULL, "/work/other/p.yaml"},
	        {"/etc/p.yaml", "/", "", "/etc/p.yaml"},
	        {"/work/mainly/p.yaml", "/work/main", NULL, "/work/mainly/p.yaml"},
	        {"a/./b//c.yaml", NULL, NULL, "a/b/c.yaml"},
	        {"/x/y.yaml", "/work/main/", "/home/u/", "/x/y.yaml"},
	        {"/work/main/z.yaml", "/work//main/", NULL, "z.yaml"},
	};
	char out[512];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		picker_path_display(t[i].path, t[i].cwd, t[i].home, out, sizeof out);
		print_message("%zu: %s -> %s\n", i, t[i].path, out);
		assert_string_equal(out, t[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_match),
	        cmocka_unit_test(test_filter_keeps_selection),
	        cmocka_unit_test(test_current_selected_first),
	        cmocka_unit_test(test_move_and_scroll),
	        cmocka_unit_test(test_cap),
	        cmocka_unit_test(test_sanitise),
	        cmocka_unit_test(test_fit),
	        cmocka_unit_test(test_fit_never_mid_word),
	        cmocka_unit_test(test_layout),
	        cmocka_unit_test(test_path_display),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
