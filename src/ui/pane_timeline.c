/* pane_timeline.c — the timeline view (m): the plan month by month as
 * stacked bars (C, D, H, O, in the share bar's colours and fills), the cash
 * left as a line over them on its own scale, the month the cash runs out
 * marked, and the rent-or-buy break-even.
 *
 * It takes the run pane's place while on (the budget's sliders stay on
 * screen and a slider step redraws it at once: app_recompute marks the run
 * pane's slot dirty); in tabbed layouts it is the other tab, and shows the
 * selected input as a slider on its first row so ←→ still move the plan.
 * Draw only: the figures are app->tl (timeline_eval, timeline_group), the
 * cells and the wordings are timeline_text.c's.  Start at timeline_draw.
 */
#include "timeline_text.h"
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#define PLOT_MAX_H 24 /* taller bars add nothing a person reads */

static const char *const part_names[TLT_PARTS] = {N_("Compute"), N_("Data"), N_("People"),
                                                  N_("Other")};
static const char *const part_letters[TLT_PARTS] = {"C", "D", "H", "O"};

void pane_timeline_toggle(struct ui_app *app)
{
	if (app->present && !app->timeline) {
		/* presentation mode is one pane: the view would open unseen */
		app_message(app, false,
		            _("the timeline shows beside the budget: P leaves presentation mode"));
		return;
	}
	app->timeline = !app->timeline;
	if (app->timeline) {
		app->tl_tab = app->tab;
		if (app->lay.mode == UI_LAYOUT_TABBED)
			app->tab = UI_PANE_RUN; /* the view is the run pane's tab */
	} else if (app->lay.mode == UI_LAYOUT_TABBED) {
		app->tab = app->tl_tab;
	}
	app->dirty |= UI_DIRTY_LAYOUT;
}

/* The legend, the widest wording that fits: each part's fill beside its
 * name (the colours alone say nothing on a mono screen), then the cash
 * line's point. */
static void draw_legend(struct ui_app *app, WINDOW *w, int y, int x, int width, int per)
{
	char bars[64], cash[32];
	int variant, need;

	snprintf(bars, sizeof bars, _("burn per %s, left"),
	         per == 3    ? _("quarter")
	         : per == 12 ? _("year")
	                     : _("month"));
	for (variant = 0; variant < 3; variant++) {
		need = 0;
		for (int i = 0; i < TLT_PARTS; i++)
			need += 2 + glyphs_width(variant < 2 ? _(part_names[i]) : part_letters[i]) +
			        2;
		snprintf(cash, sizeof cash, "%s", variant == 2 ? _("cash") : _("cash, right"));
		need += 2 + glyphs_width(cash);
		if (variant == 0)
			need += glyphs_width(bars) + 4;
		if (need <= width)
			break;
	}
	if (variant == 3)
		return;
	wmove(w, y, x);
	for (int i = 0; i < TLT_PARTS; i++) {
		wattrset(w, app->col.attr[widget_part_role(i)]);
		waddstr(w, widget_share_fill(app, i));
		waddstr(w, " ");
		waddstr(w, variant < 2 ? _(part_names[i]) : part_letters[i]);
		waddstr(w, "  ");
	}
	if (variant == 0) {
		wattrset(w, app->col.attr[TR_DIM]);
		waddstr(w, "(");
		waddstr(w, bars);
		waddstr(w, ")  ");
	}
	wattrset(w, app->col.attr[TR_CAPITAL]);
	waddstr(w, app->g->point);
	waddstr(w, " ");
	waddstr(w, cash);
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* In tabbed layouts the sliders are on the other tab: the selected input
 * as a slider here, so that ←→ move the plan while the view shows. */
static void draw_selected(struct ui_app *app, WINDOW *w, int y, int x, int width)
{
	const struct ui_item *it;
	char label[96], val[64];
	int lw, vw, tw;

	if (app->sel < 0 || app->sel >= app->nitems)
		return;
	widget_hits_clear(app);
	it = &app->item[app->sel];
	app_label(app, it->key, label, sizeof label);
	app_value_str(app, it->key, val, sizeof val);
	vw = glyphs_width(val);
	lw = glyphs_width(label);
	if (lw > width / 3)
		lw = width / 3;
	wattrset(w, app->col.attr[TR_SELECTED]);
	mvwaddstr(w, y, x, app->g->sel);
	widget_text_fit(app, w, label, lw, true);
	tw = width - 1 - lw - 1 - 1 - vw;
	if (it->kind == UI_ITEM_SLIDER && tw >= 4) {
		struct slider_spec s = app_spec(app, it->key);
		int tx = x + 1 + lw + 1;

		widget_slider(app, w, y, tx, tw, &s, app_get(app, it->key), true);
		widget_hit(app, w, app->sel, y, tx, tw);
	} else {
		widget_hit(app, w, app->sel, y, 0, 0);
	}
	wattrset(w, app->col.attr[TR_TEXT] | A_BOLD);
	mvwaddstr(w, y, x + width - vw, val);
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* The bottom line: the runway; when the cash runs out, the sentence stands
 * beside a ▲ under the marker's column. */
static void draw_runway(struct ui_app *app, WINDOW *w, int y, int x, int width, int mark_x)
{
	const struct timeline *t = &app->tl;
	char text[160];
	int tw;

	if (!tlt_runs_out(t) || mark_x < 0) {
		tlt_runway_text(t, width, text, sizeof text);
		wattrset(w, app->col.attr[tlt_runs_out(t) ? TR_BAD : TR_GOOD]);
		mvwaddstr(w, y, x, text);
		wattrset(w, app->col.attr[TR_TEXT]);
		return;
	}
	/* "▲ cash runs out in month 9" from the marker, or the sentence
	 * ending in the ▲ when there is more room to the left */
	tlt_runway_text(t, width - 2, text, sizeof text);
	if (!strncmp(text, "runway: ", 8))
		memmove(text, text + 8, strlen(text + 8) + 1);
	tw = glyphs_width(text);
	wattrset(w, app->col.attr[TR_BAD] | A_BOLD);
	if (mark_x + 2 + tw <= width) {
		mvwaddstr(w, y, x + mark_x, app->g->up);
		waddstr(w, " ");
		waddstr(w, text);
	} else if (mark_x - 2 - tw >= 0) {
		mvwaddstr(w, y, x + mark_x - 2 - tw, text);
		waddstr(w, " ");
		waddstr(w, app->g->up);
	} else {
		mvwaddstr(w, y, x, text);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

struct plot {
	int y, h;          /* rows: the top one, how many */
	int x, w;          /* plot cells */
	int left_w, right; /* the left axis labels' width; x of the right axis */
	int64_t peak;      /* the largest group burn: fills h */
	int64_t lo, hi;    /* the cash scale */
};

static void draw_axes(struct ui_app *app, WINDOW *w, const struct plot *p, int x0,
                      const char *burn_top, const char *cash_top, const char *cash_lo,
                      const char *zero, int zero_row)
{
	wattrset(w, app->col.attr[TR_DIM]);
	for (int r = 0; r < p->h; r++) {
		mvwaddstr(w, p->y + r, p->x - 1, app->g->v);
		if (p->right > 0)
			mvwaddstr(w, p->y + r, p->right, app->g->v);
	}
	mvwaddstr(w, p->y, x0 + p->left_w - glyphs_width(burn_top), burn_top);
	mvwaddstr(w, p->y + p->h - 1, x0 + p->left_w - glyphs_width(zero), zero);
	if (p->right > 0) {
		wattrset(w, app->col.attr[TR_CAPITAL]);
		mvwaddstr(w, p->y, p->right + 1, cash_top);
		mvwaddstr(w, p->y + p->h - 1, p->right + 1, cash_lo);
		if (zero_row > 0 && zero_row < p->h - 1)
			mvwaddstr(w, p->y + p->h - 1 - zero_row, p->right + 1, zero);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

static void draw_groups(struct ui_app *app, WINDOW *w, const struct plot *p,
                        const struct tlt_cols *c, const struct timeline_month *grp, int mark_x)
{
	int bottom = p->y + p->h - 1;

	if (mark_x >= 0) {
		wattrset(w, app->col.attr[TR_BAD] | A_BOLD);
		for (int r = 0; r < p->h; r++)
			mvwaddstr(w, p->y + r, p->x + mark_x, app->g->v);
	}
	for (int g = 0; g < c->n; g++) {
		int bx = p->x + tlt_slot_x(c, g) + c->gap, y = bottom;
		int parts[TLT_PARTS], height = tlt_bar_height(grp[g].burn, p->peak, p->h);

		tlt_bar_parts(&grp[g], height, parts);
		for (int i = 0; i < TLT_PARTS; i++) {
			wattrset(w, app->col.attr[widget_part_role(i)]);
			for (int r = 0; r < parts[i]; r++, y--) {
				wmove(w, y, bx);
				for (int k = 0; k < c->bar_w; k++)
					waddstr(w, widget_share_fill(app, i));
			}
		}
	}
	/* the cash line last: over the bars, across each group's cells */
	wattrset(w, app->col.attr[TR_CAPITAL] | A_BOLD);
	for (int g = 0; g < c->n; g++) {
		int y = bottom - tlt_cash_row(grp[g].cash, p->lo, p->hi, p->h);

		wmove(w, y, p->x + tlt_slot_x(c, g));
		for (int k = 0; k < c->slot_w; k++)
			waddstr(w, app->g->point);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

static void draw_labels(struct ui_app *app, WINDOW *w, int y, const struct plot *p,
                        const struct tlt_cols *c, int runout_group)
{
	int xs[TIMELINE_MAX_MONTHS];
	char label[16];

	tlt_label_xs(c, p->w, xs, TIMELINE_MAX_MONTHS);
	for (int g = 0; g < c->n; g++) {
		if (xs[g] < 0)
			continue;
		wattrset(w, app->col.attr[g == runout_group ? TR_BAD : TR_DIM]);
		mvwaddstr(w, y, p->x + xs[g], tlt_group_label(c->per, g, label, sizeof label));
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

struct scale_text {
	char burn_top[48], zero[48], cash_top[48], cash_lo[48];
};

/* The scales of ng groups (the largest burn fills the plot; the cash from
 * its lowest, or 0, to its highest, or 0), their labels, and the plot's
 * cells once the labels have theirs (x .. x+width-1 in all). */
static void scale(const struct timeline_month *grp, int ng, int x, int width, struct plot *p,
                  struct scale_text *st)
{
	int rw;

	p->peak = p->lo = p->hi = 0;
	for (int g = 0; g < ng; g++) {
		/* the largest and smallest of the model's figures: no sums */
		if (grp[g].burn > p->peak)
			p->peak = grp[g].burn;
		if (grp[g].cash > p->hi)
			p->hi = grp[g].cash;
		if (grp[g].cash < p->lo)
			p->lo = grp[g].cash;
	}
	money_format(p->peak, ui_money(MONEY_COMPACT), st->burn_top, sizeof st->burn_top);
	money_format(0, ui_money(MONEY_WHOLE), st->zero, sizeof st->zero);
	money_format(p->hi, ui_money(p->hi ? MONEY_COMPACT : MONEY_WHOLE), st->cash_top,
	             sizeof st->cash_top);
	money_format(p->lo, ui_money(p->lo ? MONEY_COMPACT : MONEY_WHOLE), st->cash_lo,
	             sizeof st->cash_lo);
	p->left_w = glyphs_width(st->burn_top);
	if (glyphs_width(st->zero) > p->left_w)
		p->left_w = glyphs_width(st->zero);
	rw = glyphs_width(st->cash_top);
	if (glyphs_width(st->cash_lo) > rw)
		rw = glyphs_width(st->cash_lo);
	p->x = x + p->left_w + 1;
	p->w = width - p->left_w - 1 - 1 - rw;
	p->right = p->x + p->w;
	if (p->w < TLT_MIN_SLOT * 4) { /* no room for the cash scale's labels */
		p->w = width - p->left_w - 1;
		p->right = 0;
	}
}

/* Where the plot goes across x .. x+width-1: the grouping, the groups'
 * figures, the scales and their labels.  The grouping decides the scales,
 * whose labels take cells from the plot, which may call for another
 * grouping: settled in a few rounds.  False when there is nothing to plot. */
static bool plan_plot(const struct timeline *t, int x, int width, struct tlt_cols *c,
                      struct timeline_month *grp, struct plot *p, struct scale_text *st)
{
	int ng = 0, avail = width;

	for (int round = 0; round < 3; round++) {
		struct tlt_cols again;

		if (!tlt_columns(t->months, avail, c))
			return false;
		ng = timeline_group(t, c->per, grp, TIMELINE_MAX_MONTHS);
		scale(grp, ng, x, width, p, st);
		if (tlt_columns(t->months, p->w, &again) && again.per == c->per) {
			*c = again;
			break;
		}
		avail = p->w;
	}
	if (c->n > ng)
		c->n = ng;
	if (c->n * c->slot_w > p->w) /* did not settle: the groups that fit */
		c->n = p->w / c->slot_w;
	if (c->n * c->slot_w + 1 < p->w) {
		/* bars at their widest leave cells over: the cash scale
		 * follows the last bar (and a gap) rather than the pane's edge */
		p->w = c->n * c->slot_w + 1;
		if (p->right > 0)
			p->right = p->x + p->w;
	}
	return c->n > 0;
}

/* The plot in rows p->y .. p->y+p->h-1 and the group labels on the row
 * under it.  Returns the runout marker's column from x, or -1. */
static int draw_plot(struct ui_app *app, WINDOW *w, int x, struct plot *p, const struct tlt_cols *c,
                     const struct timeline_month *grp, const struct scale_text *st)
{
	const struct timeline *t = &app->tl;
	int zero_row = p->lo < 0 ? tlt_cash_row(0, p->lo, p->hi, p->h) : 0;
	int mark_x = tlt_marker_x(c, t->runway_month);

	draw_axes(app, w, p, x, st->burn_top, st->cash_top, st->cash_lo, st->zero, zero_row);
	draw_groups(app, w, p, c, grp, mark_x);
	draw_labels(app, w, p->y + p->h, p, c, tlt_group_of(c, t->runway_month));
	return mark_x >= 0 ? mark_x + p->x - x : -1;
}

static void timeline_draw(struct ui_app *app, WINDOW *w)
{
	struct timeline_month grp[TIMELINE_MAX_MONTHS];
	struct tlt_cols c;
	struct plot p;
	struct scale_text st;
	char title[128], line[160];
	int h, wd, y = 1, x = 2, width, rows, mark_x = -1;
	bool tabbed = app->lay.mode == UI_LAYOUT_TABBED, plot;
	const char *what;

	getmaxyx(w, h, wd);
	width = wd - 4;
	rows = h - 2;
	memset(&p, 0, sizeof p);
	plot = app->tl_ok && width >= 16 && plan_plot(&app->tl, x, width, &c, grp, &p, &st);
	/* the longest title that fits the frame (widget_box cuts at wd - 5) */
	what = plot ? tlt_group_word(c.per) : _("month by month");
	snprintf(title, sizeof title, _("Timeline %s %s%s"), app->g->dot, what,
	         tabbed ? _(" (Tab: budget, m: run)") : _(" (m: run pane)"));
	if (glyphs_width(title) > wd - 5)
		snprintf(title, sizeof title, _("Timeline %s %s"), app->g->dot, what);
	if (glyphs_width(title) > wd - 5)
		snprintf(title, sizeof title, "%s", _("Timeline"));
	widget_box(app, w, title, false, app->tab == UI_PANE_RUN);
	if (rows < 2 || width < 16)
		return;
	if (!app->win[UI_PANE_BUDGET] && !app->present) {
		draw_selected(app, w, y++, x, width);
		rows--;
	}
	if (!plot) {
		wattrset(w, app->col.attr[app->tl_ok ? TR_DIM : TR_BAD]);
		wmove(w, y, x);
		widget_text_fit(app, w,
		                !app->tl_ok
		                        ? _("inputs out of range: see the status line")
		                        : _("no months in the plan: the months slider sets them"),
		                width, false);
		wattrset(w, app->col.attr[TR_TEXT]);
		return;
	}
	/* the plot and the two lines under it (labels, runway) come first;
	 * the legend and the rent-or-buy line while 4 plot rows stay */
	p.h = rows - 2;
	if (p.h - 1 >= 4) {
		draw_legend(app, w, y++, x, width, c.per);
		p.h--;
	}
	if (p.h - 1 >= 4) {
		tlt_breakeven_text(&app->tl, app->sc.in.gpus, width, line, sizeof line);
		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, y++, x, line);
		p.h--;
	}
	if (p.h > PLOT_MAX_H)
		p.h = PLOT_MAX_H;
	if (p.h >= 1) {
		p.y = y;
		mark_x = draw_plot(app, w, x, &p, &c, grp, &st);
		y += p.h + 1;
	}
	draw_runway(app, w, y, x, width, mark_x);
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* Esc closes the view whichever pane has the focus (loop.c asks here
 * first); with the focus on the view, the input keys act on the budget's
 * selection and the view redraws with it (the budget may be hidden). */
static bool timeline_key(struct ui_app *app, int key)
{
	enum ui_action a;

	if (key == 27) {
		pane_timeline_toggle(app);
		return true;
	}
	if (app->present || app->tab != UI_PANE_RUN)
		return false;
	a = keys_lookup(key);
	if (a >= UA_SEL_UP && a <= UA_TYPE) {
		app_do(app, a);
		app->dirty |= UI_DIRTY_RUN;
		return true;
	}
	return false;
}

const struct ui_pane_ops pane_timeline_ops = {
        .name = "timeline",
        .draw = timeline_draw,
        .key = timeline_key,
        .resize = NULL,
        .free = NULL,
};
