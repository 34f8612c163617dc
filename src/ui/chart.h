/* chart.h — the loss chart as text: point series in, a W×H grid of cells
 * out, drawn in braille (2×4 dots a cell, U+2800..U+28FF) or, without
 * UTF-8, in ASCII with three levels a cell ("'" top, "-" middle, "_" bottom,
 * "|" where a line crosses several).
 *
 * Pure: no curses, no I/O, no globals, no allocation.  The caller gives the
 * memory once (chart_mem_size) and renders into it every frame; the result
 * is one UTF-8 string per row plus, per cell, the id of the series that owns
 * it, so the UI paints spans with the theme's TR_CHART_* roles.
 *
 * Long runs stay cheap: each series is bucketed by dot column in one light
 * pass keeping min/max/first/last per column (so a one-point spike in a
 * million-point run still shows); everything after that is bounded by the
 * chart's size.  Feed it the bounded stores of series.h and a frame costs
 * the same at step 1,000 and at step 10,000,000.  Start with chart_render.
 */
#ifndef CAPDASH_CHART_H
#define CAPDASH_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "series.h"

#define CHART_MAX_SERIES 4
#define CHART_MAX_W 1024
#define CHART_MAX_H 256
#define CHART_LABEL_MAX 24
#define CHART_PAD_DEFAULT 0.05

/* How a curve is drawn, so that curves tell apart without colour too
 * (monochrome, NO_COLOR, --ascii):
 *   CHART_LINE  points joined into a solid line ("⠒⠒⠒", ASCII "---");
 *   CHART_DOTS  points only, in the left dot column of their cell, never
 *               joined: a dotted trail ("⠂⠂⠂", ASCII "- - -");
 *   CHART_MARKS one mark per cell holding a point, "◆" (ASCII "o"), for
 *               sparse series such as a validation loss per epoch. */
enum chart_style { CHART_LINE, CHART_DOTS, CHART_MARKS };

/* A short sample of a style for a legend: "⠒⠒", "⠂⠂", "◆" (ASCII "--",
 * "- ", "o"); its display width is returned in *cells. */
const char *chart_style_sample(enum chart_style st, bool ascii, int *cells);

/* One curve.  id (1..255) is the caller's colour key, returned per cell;
 * 0 means an empty cell.  Non-finite points are skipped (and, with log-y,
 * points <= 0). */
struct chart_series {
	const struct series_pt *pt;
	size_t n;
	uint8_t id;
};

struct chart_opts {
	bool logy;
	/* y padding above and below, as a fraction of the data's range (log
	 * range with logy): CHART_PAD_DEFAULT, or 0 to draw edge to edge. */
	double pad;
	/* x range: when x_fixed (the run's total is known), [x_lo, x_hi] and
	 * points beyond it sit in the edge columns; else the steps seen. */
	bool x_fixed;
	double x_lo, x_hi;
	/* A robust top: when the highest points (typically the first, high
	 * losses) would squash the rest, the top is clipped to just above the
	 * 90th percentile of the columns' highest values (see chart_render);
	 * clipped points run along the top row and the top label is marked.
	 * false: every point fits. */
	bool robust_y;
	/* How each series (by its index in chart_render's array) is drawn;
	 * zero: CHART_LINE. */
	enum chart_style style[CHART_MAX_SERIES];
};

struct chart_col; /* per dot column: min, max, first, last (chart.c) */

/* The chart's memory and its last render.  Read the labels and ranges
 * directly; everything else through the functions below. */
struct chart {
	int w, h; /* cells */
	bool ascii;
	int dw, dh;        /* dots: 2w × 4h (braille) or w × 3h (ASCII) */
	bool empty;        /* the last render had no drawable point */
	double y_lo, y_hi; /* value at the bottom and top edges (log10 with logy) */
	double x_lo, x_hi; /* step at the left and right edges */
	bool logy;
	bool clipped; /* robust_y cut the top: ytop starts with "▲" ("^" ASCII) */
	char ytop[CHART_LABEL_MAX], ybot[CHART_LABEL_MAX]; /* "2.30", "0.31" */
	char xlo[CHART_LABEL_MAX], xhi[CHART_LABEL_MAX];   /* "0", "9,380" */
	/* in the caller's memory: */
	struct chart_col *col;      /* per series: dw columns */
	uint8_t *has;               /* per series: dw flags */
	uint8_t *mask, *id, *smask; /* w × h: dots, owner, one series' dots */
	uint8_t *mark;              /* w × h: 1 where a CHART_MARKS mark stands */
	char *rows;                 /* h × (3w + 1) */
};

/* Bytes of memory chart_init needs for a w × h chart (0 for bad sizes:
 * w, h < 1 or over CHART_MAX_*). */
size_t chart_mem_size(int w, int h);

/* Bind c to mem (size bytes, suitably aligned for double: from malloc or a
 * double array) for a w × h chart.  Returns 0, or -1 when size is too
 * small or the sizes are bad.  No allocation; c keeps pointers into mem. */
int chart_init(struct chart *c, void *mem, size_t size, int w, int h, bool ascii);

/* Draw ns series (at most CHART_MAX_SERIES; later ones are ignored) into
 * c.  Later series have priority: where two share a cell, the cell shows
 * the later one's dots and id (pass raw, then smoothed, then validation).
 * The y range covers every drawable point of every series, padded, with
 * edges rounded outwards to the precision of the labels.  With robust_y
 * and at least CHART_ROBUST_MIN_COLS dot columns holding points, let q be
 * the 90th percentile of the columns' highest values and top = q + 25% of
 * (q - lowest) (in log10 with logy): when the full range is over 1.5 times
 * top - lowest, top is the chart's top instead.  Returns the number of
 * non-empty cells. */
#define CHART_ROBUST_MIN_COLS 20
int chart_render(struct chart *c, const struct chart_opts *o, const struct chart_series *s,
                 size_t ns);

/* Row r (0 = top) as a NUL-terminated UTF-8 string of exactly w cells
 * (empty cells are spaces). */
const char *chart_row(const struct chart *c, int r);
/* Owner of cell (r, col): a series id, or 0 for empty. */
uint8_t chart_cell_id(const struct chart *c, int r, int col);

/* Runs of cells with the same id along a row, for drawing with one colour
 * per run.  Zero *sp, then call until it returns false:
 *   struct chart_span sp = { 0 };
 *   while (chart_span_next(c, r, &sp))
 *       draw(x0 + sp.col, y0 + r, chart_row(c, r) + sp.off, sp.len, role_of(sp.id));
 */
struct chart_span {
	int col, ncols;  /* cells */
	size_t off, len; /* bytes within chart_row(c, r) */
	uint8_t id;
};
bool chart_span_next(const struct chart *c, int r, struct chart_span *sp);

/* The x axis line under the plot, exactly width cells: the left step at the
 * left, the right step at the right, "step" centred when it fits. */
char *chart_xaxis(const struct chart *c, char *buf, size_t size, int width);

/* A value with three significant digits, no exponent from 1e-4 to 1e6:
 * 2.3 -> "2.30", 0.3125 -> "0.313", 1234.5 -> "1235", 1.5e-6 -> "1.5e-06";
 * non-finite: "nan", "inf", "-inf". */
char *chart_fmt_value(char *buf, size_t size, double v);

/* One loss as the pane names it: "loss 0.334 (lowest 0.312)", with name
 * "val loss": "val loss 0.450 (lowest 0.398)"; the latest value, then the
 * lowest raw value seen.  false (buf "") before the first point. */
bool chart_summary_loss(char *buf, size_t size, const char *name, const struct series_loss *l);

/* "loss 0.334 (lowest 0.312) · val loss 0.450 (lowest 0.398)" (" | " for
 * " · " without UTF-8); val may be NULL or empty (left out).  "no loss yet"
 * before the first point.  Returns buf. */
char *chart_summary(char *buf, size_t size, const struct series_loss *train,
                    const struct series_loss *val, bool utf8);

#endif
