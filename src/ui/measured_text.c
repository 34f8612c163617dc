/* measured_text.c — the words of the budget pane's measured block, chosen to
 * fit: for each line the longest wording that fits the width is taken
 * ("Train 500,000 × 10 epochs on 5 GPUs" before "Train on 5 GPUs" before
 * "Train"), and notes ("start or attach a run …") are wrapped at blanks.
 *
 * Pure: no curses calls and no arithmetic on figures; every figure arrives
 * as text in struct measured_text (measured.c made it from the forecast
 * model).  The unit tests call it at many widths.  Start at measured_lines.
 */
#include "pane_run_int.h"
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#define NOTE_ROWS_MAX 3
#define WORDINGS 5

static void put(struct measured_line *l, const char *left, const char *right, bool dim)
{
	snprintf(l->left, sizeof l->left, "%s", left);
	snprintf(l->right, sizeof l->right, "%s", right);
	l->dim = dim;
}

/* The first of n wordings that fits beside right in width cells (one blank
 * between); the last one shortened at a word when none does. */
static void pick(struct measured_line *l, char w[][MEASURED_LINE], int n, const char *right,
                 int width, bool utf8)
{
	int room = width - glyphs_width(right) - (right[0] ? 1 : 0);

	for (int i = 0; i < n; i++)
		if (w[i][0] && glyphs_width(w[i]) <= room) {
			put(l, w[i], right, false);
			return;
		}
	if (room < 1) {
		/* the figure alone, it is what the line is for; a pane too narrow
		 * even for that shows nothing rather than a broken figure */
		put(l, "", glyphs_width(right) <= width ? right : "", false);
		return;
	}
	widget_fit(w[n - 1], room, utf8 ? "…" : "...", l->left, sizeof l->left);
	snprintf(l->right, sizeof l->right, "%s", right);
	l->dim = false;
}

/* The figure lines, in the order shown.  keep[i]: line i is shown. */
enum { ROW_RATE, ROW_TIME, ROW_RENT, ROW_BREAKEVEN, ROW__COUNT };

static void figure_line(const struct measured_text *t, int row, int width, bool utf8,
                        struct measured_line *l)
{
	char w[WORDINGS][MEASURED_LINE];
	int n = 0;

	memset(w, 0, sizeof w);
	switch (row) {
	case ROW_RATE:
		snprintf(w[n++], MEASURED_LINE, _("Measured (median of %d points, %s)"), t->npoints,
		         t->devices);
		snprintf(w[n++], MEASURED_LINE, _("Measured (%d points, %s)"), t->npoints,
		         t->devices);
		snprintf(w[n++], MEASURED_LINE, _("Measured (%d points)"), t->npoints);
		snprintf(w[n++], MEASURED_LINE, _("Measured"));
		pick(l, w, n, t->rate, width, utf8);
		break;
	case ROW_TIME:
		snprintf(w[n++], MEASURED_LINE, _("Train %s on %s, %s"), t->work, t->gpus,
		         t->scaling);
		snprintf(w[n++], MEASURED_LINE, _("Train %s on %s"), t->work, t->gpus);
		snprintf(w[n++], MEASURED_LINE, _("Train on %s"), t->gpus);
		snprintf(w[n++], MEASURED_LINE, _("Train"));
		pick(l, w, n, t->time, width, utf8);
		break;
	case ROW_RENT:
		snprintf(w[n++], MEASURED_LINE, _("Rent %s at %s"), t->gpu_hours, t->price);
		snprintf(w[n++], MEASURED_LINE, _("Rent %s"), t->gpu_hours);
		snprintf(w[n++], MEASURED_LINE, _("Rent"));
		pick(l, w, n, t->rent, width, utf8);
		break;
	default:
		snprintf(w[n++], MEASURED_LINE, _("Break-even: renting %s costs C after"), t->gpus);
		snprintf(w[n++], MEASURED_LINE, _("Break-even vs buying (C)"));
		snprintf(w[n++], MEASURED_LINE, _("Break-even vs C"));
		snprintf(w[n++], MEASURED_LINE, _("Break-even"));
		pick(l, w, n, t->breakeven, width, utf8);
		break;
	}
}

/* The note of a block without figures, longest wording first. */
static int note_wordings(const struct measured_text *t, bool utf8, char w[][MEASURED_LINE])
{
	const char *dots = utf8 ? "…" : "...";
	int n = 0;

	switch (t->state) {
	case MEASURED_NO_RUN:
		snprintf(w[n++], MEASURED_LINE,
		         _("Measured: start or attach a run to see measured figures (r starts one, "
		           "a "
		           "opens one)"));
		snprintf(w[n++], MEASURED_LINE,
		         _("Measured: start or attach a run to see measured figures"));
		snprintf(w[n++], MEASURED_LINE, _("Start or attach a run to see measured figures"));
		break;
	case MEASURED_WAITING:
		snprintf(w[n++], MEASURED_LINE,
		         _("Measured: measuring%s %d of %d points with a speed"), dots, t->points,
		         t->need);
		snprintf(w[n++], MEASURED_LINE, _("Measured: measuring%s %d of %d points"), dots,
		         t->points, t->need);
		snprintf(w[n++], MEASURED_LINE, _("Measuring%s %d of %d points"), dots, t->points,
		         t->need);
		break;
	default:
		snprintf(w[n++], MEASURED_LINE, _("Measured: %.140s"), t->why);
		snprintf(w[n++], MEASURED_LINE, _("%s"), t->why);
		break;
	}
	return n;
}

/* Rows s takes wrapped at width (NOTE_ROWS_MAX + 1: more than allowed). */
static int wrapped_rows(const char *s, int width)
{
	size_t off[NOTE_ROWS_MAX + 1], len[NOTE_ROWS_MAX + 1];
	int n = pane_run_wrap(s, width, off, len, NOTE_ROWS_MAX + 1);
	size_t end = n ? off[n - 1] + len[n - 1] : 0;

	while (s[end] == ' ')
		end++;
	return s[end] ? NOTE_ROWS_MAX + 1 : n;
}

static int note_lines(const struct measured_text *t, int width, int rows, bool utf8,
                      struct measured_line *out, int max)
{
	char w[WORDINGS][MEASURED_LINE];
	size_t off[NOTE_ROWS_MAX], len[NOTE_ROWS_MAX];
	int n = note_wordings(t, utf8, w), pick_i = n - 1, lines;
	char buf[MEASURED_LINE];

	if (rows > NOTE_ROWS_MAX)
		rows = NOTE_ROWS_MAX;
	if (rows > max)
		rows = max;
	/* a word longer than the row would be split by the wrap: such a row
	 * takes the shortened last wording instead */
	for (int i = 0; i < n; i++) {
		int r = wrapped_rows(w[i], width);
		bool long_word = false;

		for (const char *p = w[i]; *p;) {
			size_t wl = strcspn(p, " ");
			char word[MEASURED_LINE];

			snprintf(word, sizeof word, "%.*s", (int)wl, p);
			long_word |= glyphs_width(word) > width;
			p += wl;
			p += strspn(p, " ");
		}
		if (r <= rows && !long_word) {
			pick_i = i;
			break;
		}
	}
	lines = wrapped_rows(w[pick_i], width);
	if (lines > rows || glyphs_width(w[pick_i]) > width * rows) {
		/* even the shortest does not fit: one row, shortened at a word */
		widget_fit(w[pick_i], width, utf8 ? "…" : "...", buf, sizeof buf);
		put(&out[0], buf, "", true);
		return rows > 0 ? 1 : 0;
	}
	lines = pane_run_wrap(w[pick_i], width, off, len, rows);
	for (int i = 0; i < lines; i++) {
		char fit[MEASURED_LINE];

		snprintf(buf, sizeof buf, "%.*s", (int)len[i], w[pick_i] + off[i]);
		widget_fit(buf, width, utf8 ? "…" : "...", fit, sizeof fit);
		put(&out[i], fit, "", true);
	}
	return lines;
}

int measured_lines(const struct measured_text *t, int width, int rows, bool utf8,
                   struct measured_line *out, int max)
{
	/* which figure lines go first when rows are short: the time the plan
	 * takes, then its rent, the speed it comes from, the break-even */
	static const int order[ROW__COUNT] = {ROW_TIME, ROW_RENT, ROW_RATE, ROW_BREAKEVEN};
	bool keep[ROW__COUNT] = {false};
	int n = 0;

	if (rows > max)
		rows = max;
	if (rows < 1 || width < 1)
		return 0;
	if (t->state != MEASURED_OK)
		return note_lines(t, width, rows, utf8, out, max);
	for (int i = 0; i < ROW__COUNT && i < rows; i++)
		keep[order[i]] = true;
	for (int r = 0; r < ROW__COUNT; r++)
		if (keep[r])
			figure_line(t, r, width, utf8, &out[n++]);
	return n;
}

int measured_rows_wanted(const struct measured_text *t, int width, bool utf8)
{
	char w[WORDINGS][MEASURED_LINE];
	int n, r;

	if (width < 1)
		return 0;
	if (t->state == MEASURED_OK)
		return ROW__COUNT;
	n = note_wordings(t, utf8, w);
	for (int i = 0; i < n; i++)
		if ((r = wrapped_rows(w[i], width)) <= 2)
			return r; /* a short wording on two rows beats a long one on three */
	r = wrapped_rows(w[n - 1], width);
	return r > NOTE_ROWS_MAX ? NOTE_ROWS_MAX : r;
}
