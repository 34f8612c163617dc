/* timeline_text.h — the timeline view's (m) arithmetic of cells: how months
 * become columns (one per month, else quarters, else years), how tall each
 * stacked bar is and how its C, D, H and O parts share that height, where
 * the cash line and the runout marker go, and the sentences that fit.
 *
 * Pure: no curses, no I/O, no globals.  No money is made here: every figure
 * is the timeline model's (timeline_eval, timeline_group) and every amount
 * printed is money_format's; amounts are only scaled to rows and cells.
 * pane_timeline.c draws what these functions decide.  Start at
 * tlt_columns.
 */
#ifndef CAPDASH_TIMELINE_TEXT_H
#define CAPDASH_TIMELINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/timeline.h"

/* Cells a column group wants at least: a gap, then a bar two cells wide
 * (room for a label such as "12" or "Q3" under it). */
#define TLT_MIN_SLOT 3
/* A bar wider than this reads as a block, not a month. */
#define TLT_MAX_BAR 4
#define TLT_PARTS 4 /* C, D, H, O: the order the bar stacks them, from the bottom */

struct tlt_cols {
	int per;    /* months per group: 1 (a column a month), 3 (quarters), 12 (years) */
	int n;      /* groups drawn (all of them unless even years do not fit) */
	int slot_w; /* cells per group: gap cells, then the bar */
	int gap;    /* 1, or 0 when the groups are packed one cell each */
	int bar_w;  /* slot_w - gap */
};

/* The columns for months months on a plot plot_w cells wide: the finest
 * grouping of month, quarter, year whose groups each get TLT_MIN_SLOT
 * cells (wider bars, up to TLT_MAX_BAR, when there is room); years in
 * narrower slots when even they do not fit, and as many years as fit when
 * one cell each is too much.  False (out zeroed) for months < 1 or a plot
 * narrower than one cell. */
bool tlt_columns(int months, int plot_w, struct tlt_cols *out);

/* The first cell of group g (its gap), counted from the plot's left edge;
 * its bar starts gap cells later. */
int tlt_slot_x(const struct tlt_cols *c, int g);

/* The group that holds month (1-based), or -1 when it is not drawn. */
int tlt_group_of(const struct tlt_cols *c, int64_t month);

/* The plot column of the runout marker for runway_month (the timeline's
 * runway_month: 0 when the cash lasts): the gap before the bar of the
 * group that holds that month, or its bar's first cell when there is no
 * gap.  -1 when there is nothing to mark or the month is not drawn. */
int tlt_marker_x(const struct tlt_cols *c, int64_t runway_month);

/* Rows of a bar for burn when peak (the largest group burn) fills rows:
 * rounded to the nearest row, at least 1 for any burn > 0, 0 for burn <= 0
 * or peak <= 0, at most rows. */
int tlt_bar_height(int64_t burn, int64_t peak, int rows);

/* Rows of each part (C, D, H, O) in a bar height rows tall, in proportion
 * to the part's amount in g (a negative part, a credit, gets none); the
 * parts sum to height whenever any part is > 0, else all are 0. */
void tlt_bar_parts(const struct timeline_month *g, int height, int rows[TLT_PARTS]);

/* The row (0 = bottom, rows - 1 = top) of cash v on a scale lo..hi
 * (lo <= hi); v outside is clamped; lo == hi puts it on row 0. */
int tlt_cash_row(int64_t v, int64_t lo, int64_t hi, int rows);

/* The label of group g: "7" (month 7), "Q3", "Y2".  Returns buf. */
char *tlt_group_label(int per, int g, char *buf, size_t size);
/* "by month", "by quarter", "by year". */
const char *tlt_group_word(int per);

/* Where each group's label starts (x[g], plot cells, the bar's first
 * cell), or -1 for a label left out because it would touch the one
 * before it; the last group's label is kept when it can be (the one before
 * it gives way).  Returns the number of labels shown. */
int tlt_label_xs(const struct tlt_cols *c, int plot_w, int *x, int max);

/* The runway, as a sentence that fits width cells (longer wordings first,
 * "" when none fits):
 *   "runway: cash runs out in month 9"          runway_month 9
 *   "runway: lasts the 12 months (at the last burn, until month 59)"
 *   "runway: lasts the 12 months (never runs out at the last burn)"
 * Returns buf. */
char *tlt_runway_text(const struct timeline *t, int width, char *buf, size_t size);
/* Whether t says the cash runs out within the plan. */
bool tlt_runs_out(const struct timeline *t);
/* The headline's short form: "Runway 9 mo", "Runway > 12 mo"; "" with no
 * months. */
char *tlt_runway_short(const struct timeline *t, char *buf, size_t size);
/* The figure for block digits: "9", "12+" (+: more than the horizon);
 * "" with no months. */
char *tlt_runway_big(const struct timeline *t, char *buf, size_t size);

/* The rent-or-buy line for the plan's gpus, fitted to width (longer
 * wordings first, "" when none fits):
 *   "rent or buy: renting the 5 GPUs costs $36,500/mo, buying them
 *    $1,000,000: the same after 27.4 months"
 *   "rent $36,500/mo, buy $1,000,000: break-even 27.4 months"
 * and when renting costs nothing, "rent or buy: renting costs $0/mo (no
 * hourly price): no break-even".  Money from money_format; the months
 * from breakeven_tenths (an integer in tenths, written with its point).
 * Returns buf. */
char *tlt_breakeven_text(const struct timeline *t, int64_t gpus, int width, char *buf, size_t size);

/* The F line of the budget pane: after F, from column x to column width
 * (both inclusive), the compact F (cw cells), the change (dw cells; 0:
 * none to show) and the runway (rw cells, at the right edge; 0: none),
 * two cells apart.  The runway goes first, then the change, then the
 * compact F: each flag says whether it is shown. */
void tlt_headline_fit(int x, int width, int cw, int dw, int rw, bool *compact, bool *delta,
                      bool *runway);

#endif
