/* tornado.c — t: the tornado chart in the budget pane.  One row per input
 * that moves F (largest swing first, as many as fit): its name, F at the
 * end where F is lower, bars left and right of a centre line that stands
 * for F now, and F at the end where it is higher ("$26.97M ... $32.96M").
 *
 * Every figure comes from tornado_compute (the model), evaluated again on
 * each draw so the chart follows the sliders; this file only scales the
 * deviations to cells and picks words.  Counts and months say that they
 * moved by whole units ("GPUs 4↔6").  Without colour the two sides differ
 * by their fill ('-' where F falls, '+' where it rises).  Start at
 * tornado_draw().
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#include "capdash/i18n.h"
#include "capdash/tornado.h"

#define MONEY_W 8 /* "$950.00K", "$26.97M": a compact amount */

/* The row's name: the slider's label, a start or end month with its role,
 * and for counts and months the two whole values ("GPUs 4↔6"). */
static void row_label(const struct ui_app *app, const struct tornado_item *it, char *buf,
                      size_t size)
{
	char name[96], lo[32], hi[32];
	const struct budget_input *in = &app->sc.in;

	if ((it->key.id == BF_ROLE_START || it->key.id == BF_ROLE_END) && it->key.role < in->nroles)
		snprintf(name, sizeof name,
		         it->key.id == BF_ROLE_START ? _("%s start") : _("%s end"),
		         in->roles[it->key.role].name);
	else
		app_label(app, it->key, name, sizeof name);
	if (!it->whole) {
		snprintf(buf, size, "%s", name);
		return;
	}
	count_format(it->low_value, lo, sizeof lo);
	count_format(it->high_value, hi, sizeof hi);
	snprintf(buf, size, "%s %s%s%s", name, lo, app->utf8 ? "↔" : "<>", hi);
}

/* Cells for a deviation d of the largest, top, over half cells; one at
 * least for any deviation at all. */
static int cells(int64_t d, int64_t top, int half)
{
	int64_t a = d < 0 ? -d : d, n;

	if (!a || top <= 0 || half <= 0)
		return 0;
	/* a <= top: in two parts so that a × half cannot overflow */
	n = a / top * half + (a % top) / (top / half + 1);
	return n < 1 ? 1 : n > half ? half : (int)n;
}

static void fill(struct ui_app *app, WINDOW *w, int n, bool rise)
{
	bool solid = app->use_color && app->utf8;
	const char *g = solid ? "█" : rise ? "+" : "-";

	wattrset(w, app->col.attr[rise ? TR_BAD : TR_GOOD]);
	for (int i = 0; i < n; i++)
		waddstr(w, g);
}

void tornado_draw(struct ui_app *app, WINDOW *w, int y, int x, int width, int rows)
{
	struct tornado_item it[TORNADO_MAX];
	struct cd_err e;
	int64_t capital = 0, top = 0;
	char head[128], f[48], step[16], label[200], a[48], b[48];
	int n, lw, half, shown = 0;

	if (rows < 1 || width < 30)
		return;
	n = tornado_compute(&app->sc.in, TORNADO_STEP_DEFAULT, it, TORNADO_MAX, &capital, &e);
	wattrset(w, app->col.attr[TR_DIM]);
	if (n < 0) {
		mvwaddnstr(w, y, x, _("tornado: inputs out of range"), width);
		return;
	}
	money_format(capital, MONEY_COMPACT, f, sizeof f);
	tornado_step_str(TORNADO_STEP_DEFAULT, step, sizeof step);
	snprintf(head, sizeof head, _("Tornado: each input %s%s, F %s (t hides)"),
	         app->utf8 ? "±" : "+/-", step, f);
	wmove(w, y, x);
	widget_text_fit(app, w, head, width, false);
	top = tornado_reach(it, n, capital);
	/* label | F low | bars | F high: the label keeps 22 cells where it
	 * can ("Data scientists 9↔11"), the bars take the rest, 14 a side at most */
	half = (width - 2 * MONEY_W - 3 - 22) / 2;
	half = half < 3 ? 3 : half > 14 ? 14 : half;
	lw = width - (2 * half + 1) - 2 * MONEY_W - 3;
	if (lw < 6)
		return;
	for (int i = 0; i < n && shown < rows - 1; i++) {
		int64_t flo = it[i].low_capital < it[i].high_capital ? it[i].low_capital
		                                                     : it[i].high_capital;
		int64_t fhi = it[i].low_capital < it[i].high_capital ? it[i].high_capital
		                                                     : it[i].low_capital;
		int l = cells(flo - capital, top, half), r = cells(fhi - capital, top, half);
		int yy = y + 1 + shown, bx = x + lw + 1 + MONEY_W + 1;

		if (!it[i].swing)
			break; /* sorted: the rest move F not at all */
		row_label(app, &it[i], label, sizeof label);
		wattrset(w, app->col.attr[TR_TEXT]);
		wmove(w, yy, x);
		widget_text_fit(app, w, label, lw, true);
		money_format(flo, MONEY_COMPACT, a, sizeof a);
		money_format(fhi, MONEY_COMPACT, b, sizeof b);
		wattrset(w, app->col.attr[TR_DIM]);
		mvwprintw(w, yy, x + lw + 1, "%*s", MONEY_W, a);
		wmove(w, yy, bx + half - l);
		fill(app, w, l, false);
		wattrset(w, app->col.attr[TR_CAPITAL]);
		mvwaddstr(w, yy, bx + half, app->g->v);
		fill(app, w, r, true);
		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, yy, bx + half + 1 + half + 1, b);
		shown++;
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}
