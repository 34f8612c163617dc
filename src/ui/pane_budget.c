/* pane_budget.c — the budget pane: one slider per input (GPUs, dataset size,
 * the run's epochs while a run is open, each role with the selected role's
 * start month under it, each other cost line, α, the raise), the price fields, and
 * the figures C, D, H, C+D+H and F with the change from the loaded scenario
 * and a bar of the C/D/H shares; under them the measured block (measured.c).
 *
 * Draw only: every figure is what budget_eval returned and every string of
 * money is what money_format made.  The input list scrolls to keep the
 * selection visible; the figures stay at the bottom.  Start at budget_draw.
 */
#include "timeline_text.h"
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#include "capdash/diff.h"

#define LABEL_W 17
#define VALUE_W APP_VALUE_W
#define DELTA_W APP_VALUE_W /* the change against a pinned baseline (baseline.c) */

enum line_kind { LINE_ITEM, LINE_TEAM, LINE_BLANK, LINE_HEADING };

struct line {
	enum line_kind kind;
	int item;
};

/* A role's slider rows: its count, and the start month under the role
 * last selected.  The Team line follows the last of them. */
static bool role_row(const struct ui_app *app, int i)
{
	return i < app->nitems &&
	       (app->item[i].key.id == BF_ROLE_COUNT || app->item[i].key.id == BF_ROLE_START);
}

static int build_lines(const struct ui_app *app, struct line *out, int max)
{
	int n = 0;

	for (int i = 0; i < app->nitems && n < max - 3; i++) {
		const struct ui_item *it = &app->item[i];

		if (it->kind == UI_ITEM_PRICE &&
		    (i == 0 || app->item[i - 1].kind != UI_ITEM_PRICE)) {
			out[n++] = (struct line){LINE_BLANK, -1};
			out[n++] = (struct line){LINE_HEADING, -1};
		}
		out[n++] = (struct line){LINE_ITEM, i};
		if (role_row(app, i) && !role_row(app, i + 1))
			out[n++] = (struct line){LINE_TEAM, -1};
	}
	return n;
}

static void put_right(WINDOW *w, int y, int x, int width, const char *s)
{
	int len = glyphs_width(s);

	if (len > width) {
		mvwaddstr(w, y, x, s);
		return;
	}
	mvwaddstr(w, y, x + width - len, s);
}

/* The label column: as wide as the longest slider label, so that no name is
 * shortened while the track can give up cells; at most two fifths of the
 * row (a longer name is shortened at a word, with an ellipsis). */
static int label_width(const struct ui_app *app, int width)
{
	int lw = width >= 50 ? LABEL_W : width / 3, cap = width * 2 / 5;
	char label[96];

	for (int i = 0; i < app->nitems; i++) {
		int n;

		if (app->item[i].kind != UI_ITEM_SLIDER)
			continue;
		n = glyphs_width(app_label(app, app->item[i].key, label, sizeof label));
		if (n > lw)
			lw = n < cap ? n : cap > lw ? cap : lw;
	}
	return lw;
}

static void draw_item(struct ui_app *app, WINDOW *w, int y, int width, int idx)
{
	const struct ui_item *it = &app->item[idx];
	bool sel = idx == app->sel;
	char label[96], val[64];
	int lw = label_width(app, width);
	int vw = VALUE_W, tw;

	app_label(app, it->key, label, sizeof label);
	app_value_str(app, it->key, val, sizeof val);
	wattrset(w, app->col.attr[sel ? TR_SELECTED : TR_TEXT]);
	mvwaddstr(w, y, 1, sel ? app->g->sel : " ");
	if (it->kind == UI_ITEM_PRICE) {
		int room = width - vw - 2;
		/* pinned: the change against the baseline left of the value */
		bool change = app->bl_on && room - DELTA_W - 1 >= lw;
		char dt[64];
		bool good;

		if (change)
			room -= DELTA_W + 1;
		wattrset(w, app->col.attr[sel ? TR_SELECTED : TR_DIM]);
		widget_text_fit(app, w, label, room, true);
		if (change && baseline_input_delta(app, it->key, dt, sizeof dt, &good)) {
			wattrset(w, app->col.attr[good ? TR_GOOD : TR_BAD]);
			put_right(w, y, 1 + width - vw - 1 - DELTA_W, DELTA_W, dt);
		}
		wattrset(w, app->col.attr[TR_TEXT] | (sel ? A_BOLD : 0));
		put_right(w, y, 1 + width - vw, vw, val);
		widget_hit(app, w, idx, y, 0, 0);
		return;
	}
	widget_text_fit(app, w, label, lw, true);
	tw = width - 1 - lw - 1 - 1 - vw;
	if (app->bl_on && tw >= DELTA_W + 1) {
		/* the change against the baseline between the track and the
		 * value; the track gives up the cells (all of them when short) */
		char dt[64];
		bool good;
		int sign = baseline_input_delta(app, it->key, dt, sizeof dt, &good);

		tw -= DELTA_W + 1;
		if (sign) {
			wattrset(w, app->col.attr[good ? TR_GOOD : TR_BAD]);
			put_right(w, y, 1 + width - vw - 1 - DELTA_W, DELTA_W, dt);
		}
	}
	if (tw >= 4) {
		struct slider_spec s = app_spec(app, it->key);
		int tx = 1 + 1 + lw + 1;

		widget_slider(app, w, y, tx, tw, &s, app_get(app, it->key), sel);
		widget_hit(app, w, idx, y, tx, tw);
	} else {
		widget_hit(app, w, idx, y, 0, 0);
	}
	wattrset(w, app->col.attr[TR_TEXT] | (sel ? A_BOLD : 0));
	put_right(w, y, 1 + width - vw, vw, val);
}

static void draw_line(struct ui_app *app, WINDOW *w, int y, int width, const struct line *l)
{
	char buf[64], num[32];

	switch (l->kind) {
	case LINE_ITEM:
		draw_item(app, w, y, width, l->item);
		break;
	case LINE_TEAM:
		wattrset(w, app->col.attr[TR_DIM]);
		snprintf(buf, sizeof buf, _("%s people"),
		         count_format(app->res_ok ? app->res.headcount : 0, num, sizeof num));
		mvwaddstr(w, y, 2, _("Team"));
		put_right(w, y, 1 + width - VALUE_W - 8, VALUE_W + 8, buf);
		break;
	case LINE_HEADING:
		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, y, 2, _("Prices (Enter to type)"));
		break;
	case LINE_BLANK:
		break;
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* A figure's change against the baseline, DELTA_W cells at x: signed
 * ("+$600,000", "−$1,000"), red when it costs more, green when less. */
static void draw_change(struct ui_app *app, WINDOW *w, int y, int x, int64_t cents)
{
	char buf[64];

	baseline_money(app, cents, ui_money(MONEY_WHOLE), buf, sizeof buf);
	if (glyphs_width(buf) > DELTA_W)
		baseline_money(app, cents, ui_money(MONEY_COMPACT), buf, sizeof buf);
	wattrset(w, app->col.attr[cents > 0 ? TR_BAD : cents < 0 ? TR_GOOD : TR_DIM]);
	put_right(w, y, x, DELTA_W, buf);
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* part: 0 C, 1 D, 2 H, 3 O — its bar uses that part's share-bar fill, so
 * these rows are the share bar's legend even without colour.  A credit (O
 * below zero) has no bar. */
static void draw_figure(struct ui_app *app, WINDOW *w, int y, int width, const char *name, int part,
                        enum theme_role role, int64_t cents, int64_t total, const int64_t *delta)
{
	char buf[48];
	int bx = 1 + 11 + 15 + 2, bw = width - (bx - 1);

	wattrset(w, app->col.attr[role]);
	mvwaddstr(w, y, 2, name);
	wattrset(w, app->col.attr[TR_TEXT]);
	put_right(w, y, 1 + 11, 15, money_format(cents, ui_money(MONEY_WHOLE), buf, sizeof buf));
	if (delta && bw >= DELTA_W) {
		draw_change(app, w, y, bx, *delta);
		bx += DELTA_W + 2;
		bw -= DELTA_W + 2;
	}
	if (bw >= 4 && total > 0 && cents > 0) {
		int64_t wts[2] = {cents, total > cents ? total - cents : 0};
		int cells[2];

		/* a bar as long as this part's share of C+D+H */
		widget_bar_split(wts, 2, bw, cells);
		wattrset(w, app->col.attr[role]);
		wmove(w, y, bx);
		for (int i = 0; i < cells[0]; i++)
			waddstr(w, widget_share_fill(app, part));
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* Rows the figures need: C, D, H, C+D+H, F; plus the formula and the share
 * bar when there is room. */
static int figures_rows(int inner_h, int nlines, int extra)
{
	int spare = inner_h - nlines;

	if (inner_h >= 24 || spare >= 8 + extra)
		return 8 + extra;
	return spare > 5 + extra ? spare : 5 + extra;
}

/* The formula as the plan has it: O once there are other cost lines, the
 * lines outside the allocation after β. */
static const char *formula(const struct ui_app *app, bool other)
{
	bool outside = app->res.outside != 0;

	if (!other)
		return app->utf8 ? "F = (C+D+H)/α + β" : "F = (C+D+H)/alpha + beta";
	if (!outside)
		return app->utf8 ? "F = (C+D+H+O)/α + β" : "F = (C+D+H+O)/alpha + beta";
	return app->utf8 ? _("F = (C+D+H+O)/α + β + outside")
	                 : _("F = (C+D+H+O)/alpha + beta + outside");
}

static void draw_figures(struct ui_app *app, WINDOW *w, int y, int width, int rows)
{
	const struct budget_result *r = &app->res;
	char full[48], compact[48], delta[64], runway[48];
	bool show_compact, show_delta, show_runway;
	bool other = app->sc.in.ncosts > 0;
	struct budget_diff_delta bd;
	bool pin = baseline_delta(app, &bd); /* changes against the baseline */
	int64_t d;
	int x;

	if (!app->res_ok) {
		wattrset(w, app->col.attr[TR_BAD]);
		mvwaddstr(w, y + 2, 2, _("inputs out of range: see the status line"));
		return;
	}
	rows -= other; /* the O row: the thresholds below are for the rest */
	if (rows >= 7)
		y++; /* a gap between the inputs and the figures */
	draw_figure(app, w, y++, width, _("Compute  C"), 0, TR_COMPUTE, r->compute, r->direct,
	            pin ? &bd.compute : NULL);
	draw_figure(app, w, y++, width, _("Data     D"), 1, TR_DATA, r->data, r->direct,
	            pin ? &bd.data : NULL);
	draw_figure(app, w, y++, width, _("People   H"), 2, TR_PEOPLE, r->people, r->direct,
	            pin ? &bd.people : NULL);
	if (other) /* the lines inside the allocation; outside ones are in F */
		draw_figure(app, w, y++, width, _("Other    O"), 3, widget_part_role(3), r->other,
		            r->direct, pin ? &bd.other : NULL);
	wattrset(w, app->col.attr[TR_DIM]);
	mvwaddstr(w, y, 2, other ? "C+D+H+O" : "C+D+H");
	wattrset(w, app->col.attr[TR_TEXT]);
	put_right(w, y, 1 + 11, 15,
	          money_format(r->direct, ui_money(MONEY_WHOLE), full, sizeof full));
	if (pin && width - (1 + 11 + 15 + 1) >= DELTA_W)
		draw_change(app, w, y, 1 + 11 + 15 + 2, bd.direct);
	y++;
	if (rows >= 8) {
		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, y++, 2, formula(app, other));
	}
	money_format(r->capital, ui_money(MONEY_WHOLE), full, sizeof full);
	money_format(r->capital, ui_money(MONEY_COMPACT), compact, sizeof compact);
	/* pinned: the change against the baseline, else against the file */
	d = pin ? bd.capital : budget_delta(&app->res, &app->base_res);
	if (pin)
		baseline_money(app, d, ui_money(MONEY_WHOLE), delta, sizeof delta);
	else
		money_format_delta(d, ui_money(MONEY_WHOLE), delta, sizeof delta);
	wattrset(w, app->col.attr[TR_CAPITAL]);
	mvwaddstr(w, y, 2, _("Capital  F"));
	wattrset(w, app->col.attr[TR_CAPITAL] | A_BOLD);
	put_right(w, y, 1 + 11, 15, full);
	wattrset(w, app->col.attr[TR_ACCENT]);
	x = 1 + 11 + 15 + 2;
	/* beside F: its compact form, the change (as loaded: nothing to say;
	 * edited back to the same F: "no change") and the runway at the right
	 * edge, which stays when the room is short */
	runway[0] = 0;
	if (app->tl_ok)
		tlt_runway_short(&app->tl, runway, sizeof runway);
	if (!strcmp(compact, full))
		compact[0] = 0; /* 万 has one form: F once is enough */
	tlt_headline_fit(x, width, glyphs_width(compact),
	                 d                   ? 2 + glyphs_width(delta)
	                 : pin               ? glyphs_width(delta)
	                 : app_modified(app) ? glyphs_width(_("no change"))
	                                     : 0,
	                 glyphs_width(runway), &show_compact, &show_delta, &show_runway);
	if (show_compact && compact[0]) {
		mvwaddstr(w, y, x, compact);
		x += glyphs_width(compact) + 2;
	}
	wattrset(w, app->col.attr[d > 0 ? TR_BAD : d < 0 ? TR_GOOD : TR_DIM]);
	if (show_delta && d == 0 && pin) {
		mvwaddstr(w, y, x, delta); /* "+$0": the baseline's F exactly */
	} else if (show_delta && d == 0) {
		mvwaddstr(w, y, x, _("no change"));
	} else if (show_delta) {
		mvwaddstr(w, y, x, d < 0 ? app->g->down : app->g->up);
		waddstr(w, " ");
		waddstr(w, delta);
	}
	if (show_runway) {
		wattrset(w, tlt_runs_out(&app->tl) ? app->col.attr[TR_BAD] | A_BOLD
		                                   : app->col.attr[TR_GOOD]);
		mvwaddstr(w, y, width + 1 - glyphs_width(runway), runway);
	}
	y++;
	if (rows >= 6) {
		int64_t wts[4] = {r->compute, r->data, r->people, r->other};
		enum theme_role roles[4] = {TR_COMPUTE, TR_DATA, TR_PEOPLE, widget_part_role(3)};

		/* O is a share of the bar only while it is a cost, not a credit */
		widget_bar(app, w, y, 2, width - 2, wts, roles, r->other > 0 ? 4 : 3);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* Rows of the measured block (measured.c) and whether a blank row goes
 * above it.  It takes rows the inputs and the smallest figures leave; when
 * there are none it takes them from the input list (which scrolls): all
 * its figures, or one row of its note, at most a third of the room. */
static int measured_rows(const struct measured_text *t, int want, int inner_h, int nl, bool *gap)
{
	int room = inner_h - 5, free = room - nl, least = t->state == MEASURED_OK ? want : 1;

	*gap = false;
	if (want <= 0 || room < 2)
		return 0;
	if (free >= want + 1) {
		*gap = true;
		return want;
	}
	if (free >= want)
		return want;
	if (least < free)
		least = free;
	if (least > room / 3)
		least = room / 3 > 0 ? room / 3 : 1;
	return least;
}

/* F again in block digits when the pane has rows to spare. */
static void draw_big_f(struct ui_app *app, WINDOW *w, int y, int rows, int width)
{
	char text[48];
	const char *unit;
	int bw, uw = 4; /* room for " 万" before it is known */

	if (!app->res_ok || rows < UI_BIG_H + 1)
		return;
	money_format(app->res.capital, ui_money(MONEY_WHOLE), text, sizeof text);
	unit = ui_money_unit_cut(text);
	bw = widget_bigdigits_width(text);
	if (bw < 0 || bw + uw > width - 2) {
		money_format(app->res.capital, ui_money(MONEY_COMPACT), text, sizeof text);
		unit = ui_money_unit_cut(text);
		bw = widget_bigdigits_width(text);
	}
	uw = unit ? 1 + glyphs_width(unit) : 0;
	if (bw > 0 && bw + uw <= width - 2) {
		int x = 1 + (width - bw - uw) / 2, by = y + (rows - UI_BIG_H) / 2;

		widget_bigdigits(app, w, by, x, width - 2, text, app->col.attr[TR_CAPITAL]);
		if (unit) { /* 万/亿 has no big glyph: written beside the last row */
			wattrset(w, app->col.attr[TR_CAPITAL]);
			mvwaddstr(w, by + UI_BIG_H - 1, x + bw + 1, unit);
			wattrset(w, app->col.attr[TR_TEXT]);
		}
	}
}

static void budget_draw(struct ui_app *app, WINDOW *w)
{
	struct line lines[UI_MAX_ITEMS + 8];
	struct measured_text mt;
	int h, wd, inner_h, width, nl, fig, list_h, sel_line = 0, spare, meas;
	bool gap;
	char title[SCENARIO_NAME_MAX + 64];
	const char *name = app->sc.name[0] ? app->sc.name : _("untitled");

	getmaxyx(w, h, wd);
	snprintf(title, sizeof title, _("Budget %s %s%s%s%s"), app->g->dot, name,
	         app_modified(app) ? "*" : "", app->lay.mode == UI_LAYOUT_TABBED ? " " : "",
	         app->lay.mode != UI_LAYOUT_TABBED ? ""
	         : app->timeline                   ? _("(Tab: timeline)")
	                                           : _("(Tab: run)"));
	if (app->bl_on) {
		/* what the changes count from: the whole words, or the shortest */
		size_t n = strlen(title);
		char pinned[64];

		snprintf(pinned, sizeof pinned, _(" %s vs baseline %s"), app->g->dot, app->bl_time);
		if (glyphs_width(title) + glyphs_width(pinned) > wd - 5)
			snprintf(pinned, sizeof pinned, _(" %s vs baseline"), app->g->dot);
		if (glyphs_width(title) + glyphs_width(pinned) <= wd - 5)
			snprintf(title + n, sizeof title - n, "%s", pinned);
	}
	widget_box(app, w, title, false, app->tab == UI_PANE_BUDGET);
	inner_h = h - 2;
	width = wd - 2;
	if (inner_h < 1 || width < 10)
		return;
	widget_hits_clear(app);
	nl = build_lines(app, lines, (int)(sizeof lines / sizeof lines[0]));
	measured_fill(app, &mt);
	meas = measured_rows(&mt, measured_rows_wanted(&mt, width - 2, app->utf8), inner_h, nl,
	                     &gap);
	fig = figures_rows(inner_h - meas - gap, nl, app->sc.in.ncosts > 0);
	if (fig > inner_h - meas - gap)
		fig = inner_h - meas - gap;
	if (fig < 0)
		fig = 0;
	if (app->tornado) {
		/* t: the chart takes the figures' place, and half the pane
		 * from a long input list (which scrolls); F heads the chart */
		meas = 0;
		gap = false;
		fig = inner_h - nl > inner_h / 2 ? inner_h - nl : inner_h - inner_h / 2;
	}
	list_h = inner_h - fig - meas - gap;
	if (list_h > nl)
		list_h = nl; /* the figures follow the inputs; spare rows go below */
	spare = inner_h - fig - meas - gap - list_h;
	for (int i = 0; i < nl; i++)
		if (lines[i].kind == LINE_ITEM && lines[i].item == app->sel)
			sel_line = i;
	if (sel_line < app->scroll)
		app->scroll = sel_line;
	if (list_h > 0 && sel_line >= app->scroll + list_h)
		app->scroll = sel_line - list_h + 1;
	if (app->scroll > nl - list_h)
		app->scroll = nl - list_h > 0 ? nl - list_h : 0;
	/* a list that scrolls gives its last column to the ▲ ▼ markers, so a
	 * marker never stands on a value */
	for (int i = 0; i < list_h && app->scroll + i < nl; i++)
		draw_line(app, w, 1 + i, nl > list_h ? width - 2 : width, &lines[app->scroll + i]);
	if (app->scroll > 0 || app->scroll + list_h < nl) {
		wattrset(w, app->col.attr[TR_DIM]);
		if (app->scroll > 0)
			mvwaddstr(w, 1, wd - 2, app->g->up);
		if (app->scroll + list_h < nl && list_h > 0)
			mvwaddstr(w, list_h, wd - 2, app->g->down);
	}
	if (app->tornado) {
		tornado_draw(app, w, 1 + list_h + (fig > 8), 2, width - 2, fig - (fig > 8));
		return;
	}
	draw_figures(app, w, 1 + list_h, width, fig);
	if (meas > 0)
		measured_draw(app, w, &mt, 1 + list_h + fig + gap, width - 2, meas);
	draw_big_f(app, w, 1 + list_h + fig + meas + gap, spare, width);
}

static bool budget_key(struct ui_app *app, int key)
{
	(void)app;
	(void)key;
	return false; /* every budget key is in the shared key table */
}

const struct ui_pane_ops pane_budget_ops = {
        .name = "budget",
        .draw = budget_draw,
        .key = budget_key,
        .resize = NULL,
        .free = NULL,
};
