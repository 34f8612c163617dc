/* test_ui_timeline.c — the timeline view's pure parts (timeline_text.c): the
 * grouping chosen per plot width (months, quarters, years), bars whose parts
 * sum to the bar, the runout marker's column, the cash line's rows, labels
 * that never touch, sentences that fit their width, and what the budget
 * pane's F line keeps when the room is short.  Plus the seed through the
 * real model, grouped by quarter, drawn as the view would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/timeline_text.h"
#include "../../src/ui/ui_int.h"

static void test_columns_grouping(void **state)
{
	struct tlt_cols c;

	(void)state;
	/* 12 months on 61 cells: a column each, bars as wide as allowed */
	assert_true(tlt_columns(12, 61, &c));
	assert_int_equal(c.per, 1);
	assert_int_equal(c.n, 12);
	assert_int_equal(c.slot_w, 5);
	assert_int_equal(c.bar_w, 4);
	/* 24 months need 72 cells: at 72 by month, one cell less by quarter */
	assert_true(tlt_columns(24, 72, &c));
	assert_int_equal(c.per, 1);
	assert_int_equal(c.slot_w, 3);
	assert_true(tlt_columns(24, 71, &c));
	assert_int_equal(c.per, 3);
	assert_int_equal(c.n, 8);
	/* 80x24's plot (61 cells) for a 24-month plan: quarters */
	assert_true(tlt_columns(24, 61, &c));
	assert_int_equal(c.per, 3);
	/* 240 months: 80 quarters do not fit 61 cells, 20 years do */
	assert_true(tlt_columns(240, 61, &c));
	assert_int_equal(c.per, 12);
	assert_int_equal(c.n, 20);
	assert_int_equal(c.slot_w, 3);
	/* narrower: years one cell and a gap, then one cell each, then cut */
	assert_true(tlt_columns(240, 40, &c));
	assert_int_equal(c.per, 12);
	assert_int_equal(c.slot_w, 2);
	assert_int_equal(c.gap, 1);
	assert_true(tlt_columns(240, 25, &c));
	assert_int_equal(c.slot_w, 1);
	assert_int_equal(c.gap, 0);
	assert_int_equal(c.n, 20);
	assert_true(tlt_columns(240, 15, &c));
	assert_int_equal(c.n, 15);
	/* 13 months by quarter: the last quarter holds one month */
	assert_true(tlt_columns(13, 20, &c));
	assert_int_equal(c.per, 3);
	assert_int_equal(c.n, 5);
	assert_false(tlt_columns(0, 61, &c));
	assert_false(tlt_columns(12, 0, &c));
}

static void test_columns_always_fit(void **state)
{
	(void)state;
	for (int months = 1; months <= TIMELINE_MAX_MONTHS; months++)
		for (int w = 1; w <= 200; w++) {
			struct tlt_cols c;

			assert_true(tlt_columns(months, w, &c));
			assert_true(c.n >= 1);
			assert_true(c.n * c.slot_w <= w);
			assert_int_equal(c.bar_w, c.slot_w - c.gap);
			assert_true(c.bar_w >= 1 && c.bar_w <= TLT_MAX_BAR);
			/* every month is drawn unless even one cell a year is too much */
			if (w >= (months + 11) / 12)
				assert_true(c.n * c.per >= months);
			/* the finest grouping that fits: a finer one would not */
			if (c.per == 3)
				assert_true(months * TLT_MIN_SLOT > w);
			if (c.per == 12)
				assert_true((months + 2) / 3 * TLT_MIN_SLOT > w);
		}
}

static void test_bar_height(void **state)
{
	(void)state;
	assert_int_equal(tlt_bar_height(395000000, 395000000, 16), 16);
	assert_int_equal(tlt_bar_height(45000000, 395000000, 16), 2); /* 1.82 */
	assert_int_equal(tlt_bar_height(1, 395000000, 16), 1);        /* never lost */
	assert_int_equal(tlt_bar_height(0, 395000000, 16), 0);
	assert_int_equal(tlt_bar_height(-5, 395000000, 16), 0); /* credits exceed costs */
	assert_int_equal(tlt_bar_height(100, 0, 16), 0);
	assert_int_equal(tlt_bar_height(100, 200, 9), 5); /* 4.5 rounds up */
	assert_int_equal(tlt_bar_height(100, 300, 9), 3);
}

static void test_bar_parts_sum(void **state)
{
	/* the seed's month 1: C 1,000,000, D 2,500,000, H 450,000 */
	struct timeline_month m = {100000000, 250000000, 45000000, 0, 395000000, 0};
	int rows[TLT_PARTS];

	(void)state;
	tlt_bar_parts(&m, 16, rows);
	/* exact 4.05, 10.13, 1.82: floors 4+10+1, the largest remainder (H) +1 */
	assert_int_equal(rows[0], 4);
	assert_int_equal(rows[1], 10);
	assert_int_equal(rows[2], 2);
	assert_int_equal(rows[3], 0);
	for (int h = 0; h <= 40; h++)
		for (int64_t o = -300000000; o <= 300000000; o += 37500000) {
			struct timeline_month g = {3 * h * 1000 + 7, 12345, 0, o, 0, 0};
			int sum = 0;

			tlt_bar_parts(&g, h, rows);
			for (int i = 0; i < TLT_PARTS; i++) {
				assert_true(rows[i] >= 0);
				sum += rows[i];
			}
			assert_int_equal(sum, h);
			assert_int_equal(rows[2], 0); /* H is 0: no rows */
			if (o <= 0)
				assert_int_equal(rows[3], 0); /* a credit is no part of the bar */
		}
	memset(&m, 0, sizeof m);
	m.other = -100;
	tlt_bar_parts(&m, 7, rows);
	assert_int_equal(rows[0] + rows[1] + rows[2] + rows[3], 0);
}

static void test_marker_column(void **state)
{
	struct tlt_cols c;

	(void)state;
	assert_true(tlt_columns(12, 36, &c)); /* by month, slot 3 */
	assert_int_equal(tlt_marker_x(&c, 9), 24);
	assert_int_equal(tlt_marker_x(&c, 1), 0);
	assert_int_equal(tlt_marker_x(&c, 0), -1);  /* the cash lasts */
	assert_int_equal(tlt_marker_x(&c, 13), -1); /* not drawn */
	assert_true(tlt_columns(24, 61, &c));       /* by quarter, slot 5 */
	assert_int_equal(c.slot_w, 5);
	assert_int_equal(tlt_marker_x(&c, 8), 10); /* month 8 is in Q3 */
	assert_int_equal(tlt_marker_x(&c, 7), 10);
	assert_int_equal(tlt_marker_x(&c, 6), 5);
	assert_int_equal(tlt_group_of(&c, 24), 7);
	/* the marker stands in the gap before its group's bar */
	assert_int_equal(tlt_marker_x(&c, 8) + c.gap, tlt_slot_x(&c, 2) + c.gap);
	assert_true(tlt_columns(240, 20, &c)); /* packed: no gap, the bar's cell */
	assert_int_equal(c.gap, 0);
	assert_int_equal(tlt_marker_x(&c, 30), 2);
}

static void test_cash_row(void **state)
{
	(void)state;
	assert_int_equal(tlt_cash_row(0, 0, 1000, 10), 0);
	assert_int_equal(tlt_cash_row(1000, 0, 1000, 10), 9);
	assert_int_equal(tlt_cash_row(500, 0, 1000, 10), 5); /* 4.5 rounds up */
	assert_int_equal(tlt_cash_row(-730, -730, 215, 16), 0);
	assert_int_equal(tlt_cash_row(0, -730, 215, 16), 12); /* 11.59 */
	assert_int_equal(tlt_cash_row(5000, 0, 1000, 10), 9); /* clamped */
	assert_int_equal(tlt_cash_row(-5, 0, 1000, 10), 0);
	assert_int_equal(tlt_cash_row(7, 7, 7, 10), 0);
	assert_int_equal(tlt_cash_row(7, 0, 10, 1), 0);
	for (int64_t v = 0; v <= 1000; v += 10)
		assert_true(tlt_cash_row(v, 0, 1000, 10) <= tlt_cash_row(v + 10, 0, 1000, 10));
}

static int label_w(int per, int g)
{
	char b[16];

	return (int)strlen(tlt_group_label(per, g, b, sizeof b));
}

static void test_labels(void **state)
{
	char b[16];
	int x[TIMELINE_MAX_MONTHS];

	(void)state;
	assert_string_equal(tlt_group_label(1, 6, b, sizeof b), "7");
	assert_string_equal(tlt_group_label(3, 2, b, sizeof b), "Q3");
	assert_string_equal(tlt_group_label(12, 1, b, sizeof b), "Y2");
	assert_string_equal(tlt_group_word(3), "by quarter");
	assert_string_equal(tlt_group_word(1), "by month");
	assert_string_equal(tlt_group_word(12), "by year");
	for (int months = 1; months <= TIMELINE_MAX_MONTHS; months += 7)
		for (int w = 4; w <= 160; w += 3) {
			struct tlt_cols c;
			int shown, count = 0, last = -1;

			tlt_columns(months, w, &c);
			shown = tlt_label_xs(&c, w, x, TIMELINE_MAX_MONTHS);
			for (int g = 0; g < c.n; g++) {
				if (x[g] < 0)
					continue;
				count++;
				assert_true(x[g] + label_w(c.per, g) <= w); /* inside the plot */
				if (last >= 0) /* a blank between labels */
					assert_true(x[last] + label_w(c.per, last) < x[g]);
				last = g;
			}
			assert_int_equal(shown, count);
			/* with a slot wider than every label, all show */
			if (c.slot_w - c.gap >= label_w(c.per, c.n - 1))
				assert_int_equal(shown, c.n);
		}
	/* by month on one cell and a gap: "1" .. "10", then "11" would touch
	 * "10": the last label stays and "10" gives way to it */
	{
		struct tlt_cols c = {1, 11, 2, 1, 1};

		assert_int_equal(tlt_label_xs(&c, 23, x, TIMELINE_MAX_MONTHS), 10);
		assert_int_equal(x[0], 1);
		assert_int_equal(x[1], 3); /* "2" after "1" and a blank */
		assert_int_equal(x[8], 17);
		assert_int_equal(x[9], -1);
		assert_int_equal(x[10], 21);
	}
}

static struct timeline lasting(void)
{
	struct timeline t;

	memset(&t, 0, sizeof t);
	t.months = 12;
	t.runway_month = 0;
	t.runway_at_last_burn = 59;
	t.rent_month = 908900;     /* $9,089 */
	t.buy_total = 100000000;   /* $1,000,000 */
	t.breakeven_tenths = 1100; /* 110.0 months */
	return t;
}

static void test_runway_text(void **state)
{
	struct timeline t = lasting();
	char b[256];

	(void)state;
	assert_string_equal(tlt_runway_text(&t, 120, b, sizeof b),
	                    "runway: lasts the 12 months (at the last burn, until month 59)");
	assert_string_equal(tlt_runway_text(&t, 40, b, sizeof b),
	                    "lasts the 12 months (until month 59)");
	assert_string_equal(tlt_runway_short(&t, b, sizeof b), "Runway > 12 mo");
	assert_string_equal(tlt_runway_big(&t, b, sizeof b), "12+");
	assert_false(tlt_runs_out(&t));
	t.runway_month = 9;
	t.runway_at_last_burn = 0;
	assert_true(tlt_runs_out(&t));
	assert_string_equal(tlt_runway_text(&t, 120, b, sizeof b),
	                    "runway: cash runs out in month 9");
	assert_string_equal(tlt_runway_text(&t, 25, b, sizeof b), "cash runs out in month 9");
	assert_string_equal(tlt_runway_short(&t, b, sizeof b), "Runway 9 mo");
	assert_string_equal(tlt_runway_big(&t, b, sizeof b), "9");
	t.runway_month = 0;
	assert_string_equal(tlt_runway_text(&t, 120, b, sizeof b),
	                    "runway: lasts the 12 months (never runs out at the last burn)");
	t.months = 0;
	assert_string_equal(tlt_runway_short(&t, b, sizeof b), "");
	/* every wording fits, at every width */
	for (int which = 0; which < 3; which++)
		for (int w = 0; w <= 90; w++) {
			t = lasting();
			t.runway_month = which == 0 ? 9 : 0;
			t.runway_at_last_burn = which == 1 ? 59 : 0;
			tlt_runway_text(&t, w, b, sizeof b);
			assert_true((int)strlen(b) <= w);
			if (w >= 20)
				assert_true(b[0] != 0);
		}
}

static void test_breakeven_text(void **state)
{
	struct timeline t = lasting();
	char b[256];

	(void)state;
	assert_string_equal(tlt_breakeven_text(&t, 5, 200, b, sizeof b),
	                    "rent or buy: renting the 5 GPUs costs $9,089/mo, buying them "
	                    "$1,000,000: the same after 110.0 months");
	assert_string_equal(tlt_breakeven_text(&t, 5, 56, b, sizeof b),
	                    "rent $9,089/mo, buy $1,000,000: break-even 110.0 months");
	t.breakeven_tenths = 274;
	assert_string_equal(tlt_breakeven_text(&t, 1, 30, b, sizeof b),
	                    "rent = buy after 27.4 months");
	tlt_breakeven_text(&t, 1, 200, b, sizeof b);
	assert_non_null(strstr(b, "the 1 GPU costs"));
	t.breakeven_tenths = -1;
	t.rent_month = 0;
	assert_string_equal(tlt_breakeven_text(&t, 5, 200, b, sizeof b),
	                    "rent or buy: renting costs $0/mo (no hourly price): no break-even");
	for (int w = 0; w <= 120; w++) {
		tlt_breakeven_text(&t, 5, w, b, sizeof b);
		assert_true((int)strlen(b) <= w);
	}
}

static void test_headline_fit(void **state)
{
	bool c, d, r;

	(void)state;
	/* 120x40's budget pane (width 58, after F at 29): $29.67M, ▲ +$666,667,
	 * Runway > 12 mo do not all fit; the compact F gives way */
	tlt_headline_fit(29, 58, 7, 11, 14, &c, &d, &r);
	assert_false(c);
	assert_true(d);
	assert_true(r);
	/* as loaded (no change to show): compact F and the runway */
	tlt_headline_fit(29, 58, 7, 0, 14, &c, &d, &r);
	assert_true(c);
	assert_false(d);
	assert_true(r);
	/* 80 columns: everything */
	tlt_headline_fit(29, 78, 7, 11, 14, &c, &d, &r);
	assert_true(c && d && r);
	/* a 40-column pane: room for the change alone */
	tlt_headline_fit(29, 40, 7, 11, 14, &c, &d, &r);
	assert_false(c);
	assert_true(d);
	assert_false(r);
	/* no runway (no months): the old order, compact then change */
	tlt_headline_fit(29, 58, 7, 11, 0, &c, &d, &r);
	assert_true(c && d);
	assert_false(r);
	tlt_headline_fit(29, 20, 7, 11, 14, &c, &d, &r);
	assert_false(c || d || r);
}

/* The seed through the model, as the view at 80x24 groups it. */
static void test_seed_by_quarter(void **state)
{
	static struct timeline t;
	struct budget_input in;
	struct timeline_month grp[TIMELINE_MAX_MONTHS];
	struct tlt_cols c;
	struct cd_err err;
	int64_t peak = 0;
	int ng, rows[TLT_PARTS];

	(void)state;
	budget_seed_example(&in);
	in.months = 24;
	assert_int_equal(timeline_eval(&in, &t, &err), 0);
	assert_true(tlt_columns((int)t.months, 61, &c));
	assert_int_equal(c.per, 3);
	ng = timeline_group(&t, c.per, grp, TIMELINE_MAX_MONTHS);
	assert_int_equal(ng, c.n);
	for (int g = 0; g < ng; g++)
		if (grp[g].burn > peak)
			peak = grp[g].burn;
	assert_int_equal(peak, grp[0].burn); /* Q1 holds C and D */
	assert_int_equal(tlt_bar_height(grp[0].burn, peak, 16), 16);
	tlt_bar_parts(&grp[0], 16, rows);
	assert_int_equal(rows[0] + rows[1] + rows[2] + rows[3], 16);
	assert_true(rows[1] > rows[0]); /* D $2.5M over C $1M */
	for (int g = 1; g < ng; g++) {
		tlt_bar_parts(&grp[g], tlt_bar_height(grp[g].burn, peak, 16), rows);
		assert_int_equal(rows[0] + rows[1], 0); /* people only after Q1 */
		assert_true(rows[2] > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_columns_grouping), cmocka_unit_test(test_columns_always_fit),
	        cmocka_unit_test(test_bar_height),       cmocka_unit_test(test_bar_parts_sum),
	        cmocka_unit_test(test_marker_column),    cmocka_unit_test(test_cash_row),
	        cmocka_unit_test(test_labels),           cmocka_unit_test(test_runway_text),
	        cmocka_unit_test(test_breakeven_text),   cmocka_unit_test(test_headline_fit),
	        cmocka_unit_test(test_seed_by_quarter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
