/* test_chart.c — the loss chart and the gauges as exact text: braille cells
 * for small known lines, ASCII levels, log-y, series priority and spans,
 * spikes surviving a million points, fixed x ranges, labels, the summary
 * line, and the CPU/GPU/memory gauges in UTF-8 and ASCII. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/chart.h"
#include "../../src/ui/gauge.h"
#include "../../src/ui/series.h"

struct fixture {
	struct chart c;
	double mem[4096];
};

static struct chart *mk(struct fixture *f, int w, int h, bool ascii)
{
	assert_true(chart_mem_size(w, h) <= sizeof f->mem);
	assert_int_equal(chart_init(&f->c, f->mem, sizeof f->mem, w, h, ascii), 0);
	return &f->c;
}

static int render(struct chart *c, const struct series_pt *p, size_t n, bool logy, double pad)
{
	struct chart_opts o = {.logy = logy, .pad = pad};
	struct chart_series s = {p, n, 1};

	return chart_render(c, &o, &s, 1);
}

static void test_falling_and_rising_lines(void **state)
{
	static const struct series_pt down[] = {{0, 4}, {1, 3}, {2, 2}, {3, 1}};
	static const struct series_pt up[] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
	struct fixture f;
	struct chart *c = mk(&f, 2, 1, false);

	(void)state;
	assert_int_equal(render(c, down, 4, false, 0), 2);
	assert_string_equal(chart_row(c, 0), "⠑⢄"); /* U+2811 U+2884 */
	assert_string_equal(c->ytop, "4.00");
	assert_string_equal(c->ybot, "1.00");
	assert_string_equal(c->xlo, "0");
	assert_string_equal(c->xhi, "3");
	assert_int_equal(render(c, up, 4, false, 0), 2);
	assert_string_equal(chart_row(c, 0), "⡠⠊"); /* U+2860 U+280A */
	assert_int_equal(chart_cell_id(c, 0, 0), 1);
	assert_int_equal(chart_cell_id(c, 0, 5), 0);
}

static void test_ascii_levels(void **state)
{
	static const struct series_pt down[] = {{0, 3}, {1, 2}, {2, 1}};
	static const struct series_pt cliff[] = {{0, 3}, {1, 3}, {2, 1}, {3, 1}};
	struct fixture f;
	struct chart *c = mk(&f, 3, 1, true);

	(void)state;
	render(c, down, 3, false, 0);
	assert_string_equal(chart_row(c, 0), "'-_");
	c = mk(&f, 4, 1, true);
	render(c, cliff, 4, false, 0);
	assert_string_equal(chart_row(c, 0), "''|_");
}

static void test_two_rows_braille(void **state)
{
	/* 0..7 falling over 1 cell wide, 2 rows: column 0 holds 7..4, column 1 3..0 */
	static const struct series_pt p[] = {{0, 7}, {0.4, 4}, {1, 3}, {1.4, 0}};
	struct fixture f;
	struct chart *c = mk(&f, 1, 2, false);

	(void)state;
	render(c, p, 4, false, 0);
	assert_string_equal(chart_row(c, 0), "⡇"); /* left column, all four dots */
	assert_string_equal(chart_row(c, 1), "⢸"); /* right column, all four dots */
	assert_string_equal(c->ytop, "7.00");
	assert_string_equal(c->ybot, "0.00");
}

static void test_log_y(void **state)
{
	static const struct series_pt p[] = {{0, 100}, {1, 10},  {2, 1}, {3, 0.1},
	                                     {4, -1},  {5, NAN}, {6, 0}};
	struct fixture f;
	struct chart *c = mk(&f, 2, 1, false);

	(void)state;
	/* a decade per step is a straight line in log-y; <= 0 and NaN are skipped */
	render(c, p, 7, true, 0);
	assert_string_equal(chart_row(c, 0), "⠑⢄");
	assert_string_equal(c->ytop, "100");
	assert_string_equal(c->ybot, "0.100");
	assert_string_equal(c->xhi, "3");
	/* in linear y the same points bend */
	render(c, p, 4, false, 0);
	assert_string_not_equal(chart_row(c, 0), "⠑⢄");
}

static void test_priority_and_spans(void **state)
{
	static const struct series_pt raw[] = {{0, 1}, {1, 2}, {2, 1}, {3, 2}};
	static const struct series_pt ema[] = {{0, 1.5}, {1, 1.5}};
	struct chart_series s[2] = {{raw, 4, 7}, {ema, 2, 9}};
	struct chart_opts o = {.pad = 0};
	struct chart_span sp = {0};
	struct fixture f;
	struct chart *c = mk(&f, 4, 1, false);
	const char *row;

	(void)state;
	chart_render(c, &o, s, 2);
	/* x 0..3 on 8 dot columns: ema covers cells 0..1, raw all four */
	assert_int_equal(chart_cell_id(c, 0, 0), 9);
	assert_int_equal(chart_cell_id(c, 0, 1), 9);
	assert_int_equal(chart_cell_id(c, 0, 2), 7);
	assert_int_equal(chart_cell_id(c, 0, 3), 7);
	row = chart_row(c, 0);
	assert_int_equal(strlen(row), 12);
	assert_true(chart_span_next(c, 0, &sp));
	assert_int_equal(sp.col, 0);
	assert_int_equal(sp.ncols, 2);
	assert_int_equal(sp.off, 0);
	assert_int_equal(sp.len, 6);
	assert_int_equal(sp.id, 9);
	assert_true(chart_span_next(c, 0, &sp));
	assert_int_equal(sp.col, 2);
	assert_int_equal(sp.ncols, 2);
	assert_int_equal(sp.off, 6);
	assert_int_equal(sp.len, 6);
	assert_int_equal(sp.id, 7);
	assert_false(chart_span_next(c, 0, &sp));
	/* the ema owns its cells: only its dots show there (1.5 of 1..2 rounds
	 * to the third dot row; step 1 is the left dot column of cell 1) */
	assert_memory_equal(row, "⠤⠄", 6);
}

/* Raw, smoothed and validation curves tell apart without colour: a solid
 * line, a dotted trail, marks; in braille and in ASCII. */
static void test_styles(void **state)
{
	static const struct series_pt flat[] = {{0, 1}, {1, 1}, {2, 1}, {3, 1}};
	static const struct {
		enum chart_style st;
		bool ascii;
		const char *want;
	} t[] = {
	        {CHART_LINE, false, "⠤⠤⠤⠤"},  {CHART_DOTS, false, "⠄⠄⠄⠄"},
	        {CHART_MARKS, false, "◆◆◆◆"}, {CHART_LINE, true, "----"},
	        {CHART_DOTS, true, "- - "},   {CHART_MARKS, true, "oooo"},
	};
	struct chart_series s = {flat, 4, 5};
	struct fixture f;
	int cells;

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct chart_opts o = {.pad = 0, .style = {t[i].st}};
		struct chart *c = mk(&f, 4, 1, t[i].ascii);
		struct chart_span sp = {0};

		chart_render(c, &o, &s, 1);
		assert_string_equal(chart_row(c, 0), t[i].want);
		/* spans cover the marks' bytes too */
		assert_true(chart_span_next(c, 0, &sp));
		if (t[i].st != CHART_DOTS) {
			assert_int_equal(sp.id, 5);
			assert_int_equal(sp.len, strlen(t[i].want));
		}
	}
	/* a later line over a mark takes the cell */
	{
		struct chart_series two[2] = {{flat, 4, 1}, {flat, 2, 2}};
		struct chart_opts o = {.pad = 0, .style = {CHART_MARKS, CHART_LINE}};
		struct chart *c = mk(&f, 4, 1, false);

		chart_render(c, &o, two, 2);
		assert_int_equal(chart_cell_id(c, 0, 0), 2);
		assert_int_equal(chart_cell_id(c, 0, 3), 1);
		assert_memory_equal(chart_row(c, 0) + strlen(chart_row(c, 0)) - 3, "◆", 3);
	}
	assert_string_equal(chart_style_sample(CHART_DOTS, false, &cells), "⠂⠂");
	assert_int_equal(cells, 2);
	assert_string_equal(chart_style_sample(CHART_MARKS, true, &cells), "o");
	assert_int_equal(cells, 1);
}

static void test_spans_with_gaps(void **state)
{
	static const struct series_pt p[] = {{0, 1}, {1, 1}};
	struct chart_opts o = {.x_fixed = true, .x_lo = 0, .x_hi = 9};
	struct chart_series s = {p, 2, 3};
	struct chart_span sp = {0};
	struct fixture f;
	struct chart *c = mk(&f, 5, 2, false);
	int n = 0, cols = 0;

	(void)state;
	chart_render(c, &o, &s, 1);
	/* the total is known: the line sits in the first cell of five */
	assert_string_equal(c->xhi, "9");
	for (int r = 0; r < 2; r++) {
		memset(&sp, 0, sizeof sp);
		while (chart_span_next(c, r, &sp)) {
			n++;
			cols += sp.ncols;
			if (sp.id == 0)
				assert_int_equal(sp.len, (size_t)sp.ncols);
		}
	}
	assert_int_equal(cols, 10);
	assert_true(n >= 3);
	assert_int_not_equal(chart_cell_id(c, 0, 0) | chart_cell_id(c, 1, 0), 0);
	for (int k = 1; k < 5; k++)
		assert_int_equal(chart_cell_id(c, 0, k) | chart_cell_id(c, 1, k), 0);
}

static void test_spike_in_a_million(void **state)
{
	size_t n = 1000000;
	struct series_pt *p = malloc(n * sizeof *p);
	struct series_loss l;
	struct fixture *f = malloc(sizeof *f);
	struct chart *c;
	struct chart_series s;
	struct chart_opts o = {.pad = 0.05};
	int spike_col = (int)(654321.0 * 160 / 999999) / 2, top = 0;

	(void)state;
	assert_non_null(p);
	assert_non_null(f);
	c = mk(f, 80, 12, false);
	for (size_t i = 0; i < n; i++)
		p[i] = (struct series_pt){(double)i, 1.0 + 0.01 * (double)(i % 3)};
	p[654321].y = 50;
	s = (struct chart_series){p, n, 1};
	chart_render(c, &o, &s, 1);
	for (int k = 0; k < 80; k++)
		top += chart_cell_id(c, 0, k) != 0;
	assert_int_not_equal(chart_cell_id(c, 0, spike_col), 0);
	assert_true(top <= 2);
	assert_string_equal(c->xhi, "1.00M");

	/* the same through the bounded store */
	assert_int_equal(series_loss_init(&l, 4096, 0.6), 0);
	for (size_t i = 0; i < n; i++)
		series_loss_push(&l, p[i].x, p[i].y);
	s = (struct chart_series){series_data(&l.raw), series_len(&l.raw), 1};
	chart_render(c, &o, &s, 1);
	assert_int_not_equal(chart_cell_id(c, 0, spike_col), 0);
	series_loss_done(&l);
	free(p);
	free(f);
}

static void test_empty_and_bad_sizes(void **state)
{
	static const struct series_pt p[] = {{0, NAN}, {1, INFINITY}};
	struct fixture f;
	struct chart *c;
	char buf[32];
	char small[8];

	(void)state;
	assert_int_equal(chart_mem_size(0, 5), 0);
	assert_int_equal(chart_mem_size(5, 0), 0);
	assert_int_equal(chart_mem_size(CHART_MAX_W + 1, 5), 0);
	assert_int_equal(chart_init(&f.c, small, sizeof small, 4, 4, false), -1);
	c = mk(&f, 3, 2, false);
	assert_string_equal(chart_row(c, 0), "   ");
	assert_int_equal(render(c, p, 2, false, 0.05), 0);
	assert_true(c->empty);
	assert_string_equal(chart_row(c, 1), "   ");
	assert_string_equal(c->ytop, "");
	assert_string_equal(chart_xaxis(c, buf, sizeof buf, 6), "      ");
	assert_string_equal(chart_row(c, 7), "");
}

static void test_labels_and_axis(void **state)
{
	static const struct series_pt p[] = {{0, 2.3}, {5000, 0.9}, {9380, 0.31}};
	static const struct series_pt flat[] = {{3, 5}};
	struct fixture f;
	struct chart *c = mk(&f, 20, 4, false);
	char buf[64];

	(void)state;
	render(c, p, 3, false, 0);
	assert_string_equal(c->ytop, "2.30");
	assert_string_equal(c->ybot, "0.31");
	assert_string_equal(chart_xaxis(c, buf, sizeof buf, 20), "0       step   9,380");
	/* padding widens the range; labels are rounded outwards */
	render(c, p, 3, false, 0.05);
	assert_string_equal(c->ytop, "2.40");
	assert_string_equal(c->ybot, "0.21");
	/* a single point still gets a range around it */
	render(c, flat, 1, false, 0.05);
	assert_string_equal(c->ytop, "5.25");
	assert_string_equal(c->ybot, "4.75");
	assert_false(c->empty);
	assert_string_equal(chart_xaxis(c, buf, sizeof buf, 5), "3   3");
	assert_string_equal(chart_xaxis(c, buf, sizeof buf, 2), " 3");
}

static void test_fmt_value_and_summary(void **state)
{
	static const struct {
		double v;
		const char *want;
	} t[] = {
	        {2.3, "2.30"}, {0.3126, "0.313"},   {1234.6, "1235"},   {9.996, "10.0"},
	        {0, "0"},      {1.5e-6, "1.5e-06"}, {123456, "123456"}, {-0.5, "-0.500"},
	        {NAN, "nan"},  {INFINITY, "inf"},   {12.34, "12.3"},
	};
	struct series_loss tr, val;
	char buf[128];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(chart_fmt_value(buf, sizeof buf, t[i].v), t[i].want);
	assert_int_equal(series_loss_init(&tr, 64, 0), 0);
	assert_int_equal(series_loss_init(&val, 64, 0), 0);
	assert_string_equal(chart_summary(buf, sizeof buf, &tr, &val, true), "no loss yet");
	series_loss_push(&tr, 1, 2.5);
	series_loss_push(&tr, 2, 0.312);
	series_loss_push(&tr, 3, 0.334);
	assert_string_equal(chart_summary(buf, sizeof buf, &tr, &val, true),
	                    "loss 0.334 (lowest 0.312)");
	series_loss_push(&val, 2, 0.41);
	series_loss_push(&val, 3, 0.398);
	series_loss_push(&val, 4, 0.45);
	/* each figure named once: which loss, latest and lowest */
	assert_string_equal(chart_summary(buf, sizeof buf, &tr, &val, false),
	                    "loss 0.334 (lowest 0.312) | val loss 0.450 (lowest 0.398)");
	assert_string_equal(chart_summary(buf, 12, &tr, NULL, false), "loss 0.334 ");
	assert_true(chart_summary_loss(buf, sizeof buf, "val loss", &val));
	assert_string_equal(buf, "val loss 0.450 (lowest 0.398)");
	series_loss_done(&tr);
	series_loss_done(&val);
}

static void test_gauges(void **state)
{
	char buf[GAUGE_BUF_SIZE(16)];

	(void)state;
	assert_int_equal(gauge_format(buf, sizeof buf, "GPU", 87, 10, true), 19);
	assert_string_equal(buf, "GPU  87% ████████▋ ");
	assert_int_equal(gauge_format(buf, sizeof buf, "GPU", 87, 12, false), 21);
	assert_string_equal(buf, "GPU  87% [########- ]");
	gauge_format(buf, sizeof buf, "GPU", 0, 4, true);
	assert_string_equal(buf, "GPU   0%     ");
	gauge_format(buf, sizeof buf, "GPU", 100, 4, true);
	assert_string_equal(buf, "GPU 100% ████");
	gauge_format(buf, sizeof buf, "CPU", 350, 4, false);
	assert_string_equal(buf, "CPU 350% [##]");
	gauge_format(buf, sizeof buf, "GPU", NAN, 4, true);
	assert_string_equal(buf, "GPU  --%     ");
	gauge_format(buf, sizeof buf, "GPU", 1.0 / 32 * 100, 4, true);
	assert_string_equal(buf, "GPU   3% ▏   ");
	gauge_format_mem(buf, sizeof buf, "VRAM", 45.2 * 1073741824.0, 80.0 * 1073741824.0, 8,
	                 true);
	assert_string_equal(buf, "VRAM ████▌    45.2/80.0 GiB");
	gauge_format_mem(buf, sizeof buf, "MEM", 256.0 * 1048576, 512.0 * 1048576, 6, false);
	assert_string_equal(buf, "MEM  [##  ] 256.0/512.0 MiB");
	gauge_format_mem(buf, sizeof buf, "RSS", 3.0 * 1073741824.0, 0, 4, true);
	assert_string_equal(buf, "RSS       3.0 GiB");
	/* too small a buffer: empty, never overrun */
	assert_int_equal(gauge_format(buf, 8, "GPU", 50, 10, true), 0);
	assert_string_equal(buf, "");
	assert_int_equal(gauge_bar(buf, sizeof buf, 0.5, 2, false), 0);
}

/* Hostile values never crash, and every row stays exactly w cells of valid
 * text, whatever the scale. */
static void test_extreme_values(void **state)
{
	static const double ys[] = {1e308, -1e308, 5e-324, 0, -0.0, 1e-300, 7, NAN, INFINITY, 3};
	static const double xs[] = {0, 1, -1e18, 1e18, 5, 5, 5, NAN, 2, 9e300};
	struct series_pt p[64];
	struct fixture f;
	struct chart *c;
	uint32_t r = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + round % 40;
		bool ascii = round & 1;
		struct chart_opts o = {.logy = round & 2,
		                       .pad = round % 3 ? 0.05 : 0,
		                       .x_fixed = round % 5 == 0,
		                       .x_lo = 0,
		                       .x_hi = 10};
		struct chart_series s = {p, n, 1};

		for (size_t i = 0; i < n; i++) {
			r = r * 1664525u + 1013904223u;
			p[i].x = xs[(r >> 8) % 10];
			p[i].y = ys[(r >> 16) % 10];
		}
		c = mk(&f, 1 + round % 7, 1 + round % 4, ascii);
		chart_render(c, &o, &s, 1);
		for (int row = 0; row < c->h; row++) {
			const char *t = chart_row(c, row);
			int cells = 0;

			for (; *t; t++)
				if (((unsigned char)*t & 0xC0) != 0x80)
					cells++;
			assert_int_equal(cells, c->w);
		}
		assert_true(strlen(c->ytop) < CHART_LABEL_MAX);
	}
}

/* The robust top: a loss that starts high and falls fast is not squashed
 * into the bottom rows; a steady line, a short series and robust_y off keep
 * every point; log-y clips too; the clipped top is marked. */
static void robust(struct chart *c, const struct series_pt *p, size_t n, bool logy, bool on)
{
	struct chart_opts o = {.logy = logy, .pad = CHART_PAD_DEFAULT, .robust_y = on};
	struct chart_series s = {p, n, 1};

	assert_true(chart_render(c, &o, &s, 1) > 0);
}

static void test_robust_range(void **state)
{
	static struct series_pt fall[1000], steady[1000], few[12];
	static struct fixture f;
	struct chart *c = mk(&f, 40, 8, false);

	(void)state;
	for (int i = 0; i < 1000; i++) {
		fall[i] = (struct series_pt){i, 0.3 + 2.0 * exp(-i / 10.0) + 0.02 * (i % 3)};
		steady[i] = (struct series_pt){i, 1.0 - i / 1000.0};
	}
	for (int i = 0; i < 12; i++)
		few[i] = (struct series_pt){i, i == 0 ? 5.0 : 0.5 - i * 0.01};

	robust(c, fall, 1000, false, false);
	assert_false(c->clipped);
	assert_true(c->y_hi >= 2.3);

	robust(c, fall, 1000, false, true);
	assert_true(c->clipped);
	assert_true(c->y_hi < 0.6); /* the tail's 0.30..0.34 band fills the chart */
	assert_true(c->y_lo <= 0.3);
	assert_true(c->y_hi > 0.34);
	assert_memory_equal(c->ytop, "\xe2\x96\xb2", 3);
	/* the first, clipped points run along the top row */
	assert_int_equal(chart_cell_id(c, 0, 0), 1);

	robust(c, steady, 1000, false, true);
	assert_false(c->clipped);
	assert_true(c->y_hi >= 1.0 && c->y_lo <= 0.001);

	robust(c, few, 12, false, true); /* too few columns to judge */
	assert_false(c->clipped);
	assert_true(c->y_hi >= 5.0);

	robust(c, fall, 1000, true, true);
	assert_true(c->logy && c->clipped);
	assert_true(c->y_hi < log10(1.0) && c->y_lo <= log10(0.3));

	c = mk(&f, 40, 8, true);
	robust(c, fall, 1000, false, true);
	assert_true(c->clipped);
	assert_int_equal(c->ytop[0], '^');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_falling_and_rising_lines),
	        cmocka_unit_test(test_ascii_levels),
	        cmocka_unit_test(test_two_rows_braille),
	        cmocka_unit_test(test_log_y),
	        cmocka_unit_test(test_priority_and_spans),
	        cmocka_unit_test(test_styles),
	        cmocka_unit_test(test_spans_with_gaps),
	        cmocka_unit_test(test_spike_in_a_million),
	        cmocka_unit_test(test_empty_and_bad_sizes),
	        cmocka_unit_test(test_labels_and_axis),
	        cmocka_unit_test(test_fmt_value_and_summary),
	        cmocka_unit_test(test_gauges),
	        cmocka_unit_test(test_extreme_values),
	        cmocka_unit_test(test_robust_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
