/* test_ui_widgets.c — the dashboard's pure parts: slider value <-> position
 * (linear and log, both ends, rounding), slider steps, the share-bar split,
 * big-digit widths and the dollar's stroke, undo/redo, the glyph tables,
 * text fitted at a word and the share-bar fills without colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/ui_int.h"

static void test_slider_linear_ends(void **state)
{
	struct slider_spec s = {0, 128, 1, false, false};

	(void)state;
	assert_int_equal(slider_pos(&s, 0, 26), 0);
	assert_int_equal(slider_pos(&s, 128, 26), 25);
	assert_int_equal(slider_pos(&s, 64, 26), 13); /* 12.5 rounds half away */
	assert_int_equal(slider_pos(&s, -5, 26), 0);  /* clamped */
	assert_int_equal(slider_pos(&s, 1000, 26), 25);
	assert_int_equal(slider_value_at(&s, 0, 26), 0);
	assert_int_equal(slider_value_at(&s, 25, 26), 128);
	assert_int_equal(slider_value_at(&s, 99, 26), 128);
	assert_int_equal(slider_value_at(&s, 1, 26), 5);   /* 5.12 -> 5 */
	assert_int_equal(slider_value_at(&s, 13, 26), 67); /* 66.56 -> 67 */
	assert_int_equal(slider_pos(&s, 5, 1), 0);
	assert_int_equal(slider_value_at(&s, 0, 1), 0);
}

static void test_slider_linear_roundtrip(void **state)
{
	struct slider_spec s = {50000, 1000000, 10000, false, false}; /* α in millionths */

	(void)state;
	for (int w = 2; w <= 200; w += 7)
		for (int p = 0; p < w; p++) {
			int64_t v = slider_value_at(&s, p, w);

			assert_true(v >= s.min && v <= s.max);
			assert_true(v == s.max || (v - s.min) % s.step == 0);
			/* the value a cell means is drawn in a cell at most one away */
			assert_true(abs(slider_pos(&s, v, w) - p) <= 1);
		}
}

static void test_slider_log(void **state)
{
	struct slider_spec s = {0, 100000000, 10000, true, false};

	(void)state;
	assert_int_equal(slider_value_at(&s, 0, 40), 0);
	assert_int_equal(slider_value_at(&s, 39, 40), 100000000);
	assert_int_equal(slider_pos(&s, 0, 40), 0);
	assert_int_equal(slider_pos(&s, 100000000, 40), 39);
	/* log: one million sits about 3/4 of the way, not at 1% */
	assert_true(slider_pos(&s, 1000000, 40) >= 27 && slider_pos(&s, 1000000, 40) <= 31);
	/* cells in between land on the 1-1.2-1.5-2-2.5-3-4-5-6-8 series */
	for (int p = 1; p < 39; p++) {
		int64_t v = slider_value_at(&s, p, 40), m = v;

		while (m >= 100)
			m /= 10;
		if (v >= 10)
			assert_true(m == 10 || m == 12 || m == 15 || m == 20 || m == 25 ||
			            m == 30 || m == 40 || m == 50 || m == 60 || m == 80);
		assert_true(p == 1 || v >= slider_value_at(&s, p - 1, 40)); /* monotonic */
	}
}

static void test_slider_steps(void **state)
{
	struct slider_spec gpus = {0, 128, 1, false, false};
	struct slider_spec data = {0, 100000000, 10000, true, false};

	(void)state;
	assert_int_equal(slider_step(&gpus, 5, 1), 6);
	assert_int_equal(slider_step(&gpus, 5, -1), 4);
	assert_int_equal(slider_step(&gpus, 5, 10), 15);
	assert_int_equal(slider_step(&gpus, 5, -10), 0);    /* clamped at min */
	assert_int_equal(slider_step(&gpus, 125, 10), 128); /* clamped at max */
	assert_int_equal(slider_step(&gpus, 500, 1), 500);  /* typed above max: stays */
	assert_int_equal(slider_step(&gpus, 500, -1), 499); /* and can come down */
	assert_int_equal(slider_step(&data, 500000, 1), 600000);
	assert_int_equal(slider_step(&data, 500000, -1), 400000);
	assert_int_equal(slider_step(&data, 500000, 10), 5000000); /* ten steps: x10 */
	assert_int_equal(slider_step(&data, 800000, 1), 1000000);
	assert_int_equal(slider_step(&data, 550000, 1), 600000); /* off-series: next up */
	assert_int_equal(slider_step(&data, 550000, -1), 500000);
	assert_int_equal(slider_step(&data, 0, 1), 10000); /* at least one field step */
	assert_int_equal(slider_step(&data, 80000000, 5), 100000000);
}

/* A price slider stepping $0.05 (50,000 micro-dollars): from below one step
 * the keys walk the 1-1.2-1.5-... series, so a per-token price is reachable,
 * and they come back onto the step grid above it. */
static void test_slider_fine_prices(void **state)
{
	struct slider_spec p = {0, 10000000, 50000, false, true};
	struct slider_spec coarse = {0, 10000000, 50000, false, false};

	(void)state;
	assert_int_equal(slider_step(&p, 2, 1), 3);
	assert_int_equal(slider_step(&p, 2, -1), 1);
	assert_int_equal(slider_step(&p, 1, -1), 0);
	assert_int_equal(slider_step(&p, 12, 1), 15);
	assert_int_equal(slider_step(&p, 40000, 1), 50000);  /* series 50,000 = the step */
	assert_int_equal(slider_step(&p, 45000, 1), 50000);  /* off-series: next, capped */
	assert_int_equal(slider_step(&p, 50000, -1), 40000); /* into the fine zone */
	assert_int_equal(slider_step(&p, 50000, 1), 100000); /* above it: linear */
	assert_int_equal(slider_step(&p, 0, 1), 50000);      /* from zero: one step */
	assert_int_equal(slider_step(&p, 2, 100), 50000);    /* many steps end on the grid */
	assert_int_equal(slider_step(&coarse, 2, 1), 50002);
}

static void test_bar_split(void **state)
{
	int64_t w[3] = {100000000, 250000000, 540000000}; /* C, D, H of the seed */
	int64_t zero[3] = {0, 0, 0};
	int cells[3];

	(void)state;
	assert_int_equal(widget_bar_split(w, 3, 89, cells), 89);
	assert_int_equal(cells[0], 10);
	assert_int_equal(cells[1], 25);
	assert_int_equal(cells[2], 54);
	assert_int_equal(widget_bar_split(w, 3, 7, cells), 7);
	assert_int_equal(cells[0] + cells[1] + cells[2], 7);
	assert_int_equal(widget_bar_split(zero, 3, 10, cells), 0);
	assert_int_equal(cells[0] + cells[1] + cells[2], 0);
	/* huge cents do not overflow */
	w[0] = INT64_C(4000000000000000);
	assert_int_equal(widget_bar_split(w, 3, 300, cells), 300);
	assert_int_equal(cells[0], 300);
}

static void test_bigdigits(void **state)
{
	(void)state;
	assert_int_equal(widget_bigdigits_width("1"), 6);
	assert_int_equal(widget_bigdigits_width("$29,666,667"), 72);
	assert_int_equal(widget_bigdigits_width("$29.67M"), 48); /* fits 80 columns */
	assert_int_equal(widget_bigdigits_width("abc"), -1);
}

/* A column lit in every row of c's bitmap: a stroke from top to bottom. */
static bool has_stroke(char c)
{
	const char *const *rows = widget_bigdigits_glyph(c);
	size_t w = strlen(rows[0]);

	for (size_t x = 0; x < w; x++) {
		int lit = 0;

		for (int r = 0; r < UI_BIG_H; r++)
			lit += rows[r][x] == '#';
		if (lit == UI_BIG_H)
			return true;
	}
	return false;
}

/* The dollar must not read as S or 5: a vertical stroke through all rows
 * (which the S-shaped 5 lacks), and not the 5's bitmap; the same bitmap is
 * drawn with a block or '#', so the ASCII form has the stroke too. */
static void test_bigdigits_dollar(void **state)
{
	const char *const *d = widget_bigdigits_glyph('$'), *const *five =
	                                                            widget_bigdigits_glyph('5');
	bool same = true;

	(void)state;
	assert_non_null(d);
	assert_true(has_stroke('$'));
	assert_false(has_stroke('5'));
	for (int r = 0; r < UI_BIG_H; r++) {
		assert_int_equal(strlen(d[r]), strlen(d[0]));
		same = same && strcmp(d[r], five[r]) == 0;
	}
	assert_false(same);
	assert_string_equal(glyphs_get(false)->bigpix, "#");
}

static void test_fit(void **state)
{
	char out[64];

	(void)state;
	/* fits: unchanged */
	assert_int_equal(widget_fit("ML engineers", 17, "…", out, sizeof out), 12);
	assert_string_equal(out, "ML engineers");
	/* too long: whole words, then the mark; never "Research scientis" */
	assert_int_equal(widget_fit("Research scientists", 17, "…", out, sizeof out), 9);
	assert_string_equal(out, "Research…");
	widget_fit("Research scientists salary/mo", 22, "...", out, sizeof out);
	assert_string_equal(out, "Research scientists...");
	widget_fit("a b c d", 4, "…", out, sizeof out);
	assert_string_equal(out, "a b…");
	/* one word longer than the room: cut, but marked */
	widget_fit("Infrastructure", 8, "…", out, sizeof out);
	assert_string_equal(out, "Infrast…");
	widget_fit("Infrastructure", 8, "...", out, sizeof out);
	assert_string_equal(out, "Infra...");
	/* no room even for the mark */
	assert_int_equal(widget_fit("Infrastructure", 2, "...", out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(widget_fit("xy", 0, "…", out, sizeof out), 0);
	/* UTF-8 counts cells, not bytes */
	assert_int_equal(widget_fit("α allocation share", 13, "…", out, sizeof out), 13);
	assert_string_equal(out, "α allocation…");
}

static void test_share_fills(void **state)
{
	static struct ui_app app;

	(void)state;
	app.g = glyphs_get(true);
	app.utf8 = true;
	app.col.color = true; /* colours tell the parts apart: one block */
	for (int i = 0; i < 3; i++)
		assert_string_equal(widget_share_fill(&app, i), "█");
	app.col.color = false; /* mono, NO_COLOR: three fills */
	assert_string_equal(widget_share_fill(&app, 0), "█");
	assert_string_equal(widget_share_fill(&app, 1), "▓");
	assert_string_equal(widget_share_fill(&app, 2), "░");
	app.g = glyphs_get(false); /* --ascii, with or without colour */
	app.utf8 = false;
	app.col.color = true;
	assert_string_equal(widget_share_fill(&app, 0), "#");
	assert_string_equal(widget_share_fill(&app, 1), "=");
	assert_string_equal(widget_share_fill(&app, 2), ".");
}

static void test_undo(void **state)
{
	struct undo u;
	struct undo_entry e;
	struct budget_key k = {BF_GPUS, 0};

	(void)state;
	undo_init(&u);
	assert_false(undo_back(&u, &e));
	for (int i = 0; i < 1000; i++)
		assert_int_equal(undo_push(&u, (struct undo_entry){k, i, i + 1, NULL}), 0);
	assert_true(undo_back(&u, &e));
	assert_int_equal(e.before, 999);
	assert_true(undo_back(&u, &e));
	assert_int_equal(e.before, 998);
	assert_true(undo_forward(&u, &e));
	assert_int_equal(e.after, 999);
	assert_int_equal(undo_push(&u, (struct undo_entry){k, 999, 5, NULL}), 0); /* drops redo */
	assert_false(undo_forward(&u, &e));
	for (int i = 0; i < 1000; i++)
		assert_true(undo_back(&u, &e));
	assert_false(undo_back(&u, &e));
	assert_int_equal(e.before, 0);
	undo_done(&u);
}

/* Whole-input steps (list edits): held beside value steps, handed back
 * with both inputs, freed when a new change drops them from the redo tail
 * (the ASan and valgrind runs would see a leak). */
static void test_undo_snapshots(void **state)
{
	struct undo u;
	struct undo_entry e;
	struct budget_input a, b;
	struct budget_key k = {BF_ROLE_COUNT, 2};
	struct cd_err err;

	(void)state;
	budget_seed_example(&a);
	b = a;
	assert_int_equal(budget_role_add(&b, "Researchers", &err), 2);
	undo_init(&u);
	assert_int_equal(undo_push(&u, (struct undo_entry){{BF_GPUS, 0}, 5, 6, NULL}), 0);
	assert_int_equal(undo_push_input(&u, k, &a, &b, "added role Researchers"), 0);
	assert_true(undo_back(&u, &e));
	assert_non_null(e.snap);
	assert_int_equal(e.key.role, 2);
	assert_int_equal(e.snap->before.nroles, 2);
	assert_int_equal(e.snap->after.nroles, 3);
	assert_string_equal(e.snap->after.roles[2].name, "Researchers");
	assert_string_equal(e.snap->what, "added role Researchers");
	assert_true(undo_forward(&u, &e));
	assert_non_null(e.snap);
	assert_true(undo_back(&u, &e));
	assert_true(undo_back(&u, &e));
	assert_null(e.snap); /* the value step below it */
	assert_int_equal(e.before, 5);
	/* a new change drops both redo steps, the snapshot freed */
	assert_int_equal(undo_push(&u, (struct undo_entry){{BF_GPUS, 0}, 5, 7, NULL}), 0);
	assert_false(undo_forward(&u, &e));
	assert_int_equal(u.n, 1);
	assert_int_equal(undo_push_input(&u, k, &b, &a, "removed Researchers"), 0);
	undo_done(&u); /* frees the one still held */
	assert_int_equal(u.n, 0);
}

static void test_glyphs(void **state)
{
	const struct ui_glyphs *a = glyphs_get(false), *g = glyphs_get(true);

	(void)state;
	for (const char *s = a->h; *s; s++)
		assert_true((unsigned char)*s < 128);
	assert_true((unsigned char)a->knob[0] < 128 && (unsigned char)a->fill[0] < 128);
	assert_string_equal(g->knob, "●");
	assert_int_equal(glyphs_width("▲ +$0"), 5);
	assert_int_equal(glyphs_width(g->block), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_slider_linear_ends),
	        cmocka_unit_test(test_slider_linear_roundtrip),
	        cmocka_unit_test(test_slider_log),
	        cmocka_unit_test(test_slider_steps),
	        cmocka_unit_test(test_slider_fine_prices),
	        cmocka_unit_test(test_bar_split),
	        cmocka_unit_test(test_bigdigits),
	        cmocka_unit_test(test_undo),
	        cmocka_unit_test(test_undo_snapshots),
	        cmocka_unit_test(test_glyphs),
	        cmocka_unit_test(test_bigdigits_dollar),
	        cmocka_unit_test(test_fit),
	        cmocka_unit_test(test_share_fills),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
