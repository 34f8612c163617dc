/* pane_present.c — presentation mode (P): F and the runway in block digits
 * (side by side when both fit, else F alone and the runway in words), the
 * C/D/H share bar and the four main sliders, for a projector.  Draw only;
 * the figures are the model's (budget_eval, timeline_eval), formatted by
 * money_format. */
#include "timeline_text.h"
#include "ui_int.h"

#include "capdash/diff.h"

#include <stdio.h>
#include <string.h>

/* The big figure: F in full, or compact when full does not fit; NULL when
 * the pane has no room for block digits. */
static const char *big_text(const struct ui_app *app, int h, int wd, char *full, char *compact)
{
	const char *big;
	int bw;

	if (h < UI_BIG_H + 12)
		return NULL;
	big = widget_bigdigits_width(full) <= wd - 4 ? full : compact;
	bw = widget_bigdigits_width(big);
	(void)app;
	return bw > 0 && bw <= wd - 4 ? big : NULL;
}

#define PAIR_GAP 8 /* cells between F and the runway in block digits */

/* Block digits for F and the runway side by side: F in full when both fit,
 * else F compact (*big set to it); false when the pair does not fit (F
 * alone is then drawn big) or there is no runway to show. */
static bool big_pair(int wd, const char *full, const char *compact, const char *runway,
                     const char **big)
{
	int rw = runway[0] ? widget_bigdigits_width(runway) : -1;

	if (rw <= 0)
		return false;
	if (widget_bigdigits_width(full) + PAIR_GAP + rw <= wd - 4) {
		*big = full;
		return true;
	}
	if (widget_bigdigits_width(compact) + PAIR_GAP + rw <= wd - 4) {
		*big = compact;
		return true;
	}
	return false;
}

/* Where the sliders start and how far apart they are, for a h x wd pane:
 * the one place that decides which sliders presentation mode shows. */
static int sliders_at(const struct ui_app *app, int h, int wd, int *step)
{
	char full[48], compact[48];
	int y = 2;

	money_format(app->res.capital, ui_money(MONEY_WHOLE), full, sizeof full);
	money_format(app->res.capital, ui_money(MONEY_COMPACT), compact, sizeof compact);
	ui_money_unit_cut(full); /* as present_draw's big digits */
	ui_money_unit_cut(compact);
	if (big_text(app, h, wd, full, compact))
		y += UI_BIG_H + 1;
	*step = h >= 30 ? 2 : 1;
	return y + 6; /* F and its change, a gap; the share bar, its legend, a gap */
}

bool present_visible(const struct ui_app *app, int i)
{
	struct ui_rect r = app->lay.pane[UI_PANE_PRESENT];
	int step, y, n = 0;

	if (i < 0 || i >= app->nitems || !app->item[i].main || r.h < 8 || r.w < 20 || !app->res_ok)
		return false;
	y = sliders_at(app, r.h, r.w, &step);
	for (int k = 0; k < i; k++)
		n += app->item[k].main;
	return y + n * step < r.h - 1;
}

static void present_draw(struct ui_app *app, WINDOW *w)
{
	static const enum theme_role roles[3] = {TR_COMPUTE, TR_DATA, TR_PEOPLE};
	char full[48], compact[48], label[128], val[96], delta[48], runway[32];
	char bfull[48], bcompact[48], caption[128];
	const char *unit;
	int h, wd, y = 2, x, step;
	int64_t d;
	bool both, pin;
	struct budget_diff_delta bd;
	const char *big, *name = app->sc.name[0] ? app->sc.name : _("untitled");

	getmaxyx(w, h, wd);
	widget_hits_clear(app);
	widget_box(app, w, name, app_modified(app), true);
	if (h < 8 || wd < 20 || !app->res_ok)
		return;
	money_format(app->res.capital, ui_money(MONEY_WHOLE), full, sizeof full);
	money_format(app->res.capital, ui_money(MONEY_COMPACT), compact, sizeof compact);
	runway[0] = 0;
	if (app->tl_ok)
		tlt_runway_big(&app->tl, runway, sizeof runway);
	/* big digits have no 万: the digits big, the unit in the caption */
	snprintf(bfull, sizeof bfull, "%s", full);
	snprintf(bcompact, sizeof bcompact, "%s", compact);
	unit = ui_money_unit_cut(bfull);
	ui_money_unit_cut(bcompact);
	if (unit)
		snprintf(caption, sizeof caption, "%s (%s)", _("Capital needed"), unit);
	else
		snprintf(caption, sizeof caption, "%s", _("Capital needed"));
	big = big_text(app, h, wd, bfull, bcompact);
	both = big && big_pair(wd, bfull, bcompact, runway, &big);
	if (both) {
		/* F and the runway side by side, each under its caption */
		int bw = widget_bigdigits_width(big), rw = widget_bigdigits_width(runway);
		int fx = (wd - bw - PAIR_GAP - rw) / 2, rx = fx + bw + PAIR_GAP;

		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, 1, fx, caption);
		mvwaddstr(w, 1, rx + 14 <= wd - 2 ? rx : wd - 2 - 14, _("Runway, months"));
		widget_bigdigits(app, w, y, fx, wd - 4, big, app->col.attr[TR_CAPITAL]);
		widget_bigdigits(app, w, y, rx, wd - 4, runway,
		                 app->col.attr[tlt_runs_out(&app->tl) ? TR_BAD : TR_GOOD]);
		y += UI_BIG_H + 1;
	} else {
		wattrset(w, app->col.attr[TR_DIM]);
		mvwaddstr(w, 1, 2, caption);
	}
	if (big && !both) {
		int bw = widget_bigdigits_width(big);

		widget_bigdigits(app, w, y, (wd - bw) / 2, wd - 4, big, app->col.attr[TR_CAPITAL]);
		y += UI_BIG_H + 1;
	}
	/* F in full; the runway in words when it is not in block digits */
	if (app->tl_ok)
		tlt_runway_short(&app->tl, runway, sizeof runway);
	if (strcmp(full, compact) != 0)
		snprintf(label, sizeof label, "%s  (%s)", full, compact);
	else /* 万 has one form */
		snprintf(label, sizeof label, "%s", full);
	if (!both && runway[0] && glyphs_width(label) + 3 + glyphs_width(runway) <= wd - 4) {
		int lx = (wd - glyphs_width(label) - 3 - glyphs_width(runway)) / 2;

		wattrset(w, app->col.attr[TR_CAPITAL] | A_BOLD);
		mvwaddstr(w, y, lx, label);
		wattrset(w, app->col.attr[tlt_runs_out(&app->tl) ? TR_BAD : TR_GOOD] | A_BOLD);
		mvwaddstr(w, y, lx + glyphs_width(label) + 3, runway);
	} else {
		wattrset(w, app->col.attr[TR_CAPITAL] | A_BOLD);
		mvwaddstr(w, y, (wd - glyphs_width(label)) / 2, label);
	}
	/* pinned (b): F's change against the baseline, from the model */
	pin = baseline_delta(app, &bd);
	d = pin ? bd.capital : budget_delta(&app->res, &app->base_res);
	money_format_delta(d, ui_money(MONEY_WHOLE), delta, sizeof delta);
	wattrset(w, app->col.attr[TR_DIM]);
	if (pin)
		snprintf(val, sizeof val, _("%s vs baseline %s"),
		         baseline_money(app, d, ui_money(MONEY_WHOLE), delta, sizeof delta),
		         app->bl_time);
	else if (d != 0)
		snprintf(val, sizeof val, _("%s vs loaded"), delta);
	else
		snprintf(val, sizeof val, "%s", app_modified(app) ? _("no change vs loaded") : "");
	mvwaddstr(w, y + 1, (wd - glyphs_width(val)) / 2, val);
	y += 3;
	{
		int64_t wts[3] = {app->res.compute, app->res.data, app->res.people};
		static const char *const names[3] = {N_("Compute"), N_("Data"), N_("People")};

		widget_bar(app, w, y, 4, wd - 8, wts, roles, 3);
		/* the legend: each part's fill beside its name (the colours alone
		 * say nothing on a mono screen) */
		wmove(w, y + 1, 4);
		for (int i = 0; i < 3; i++) {
			wattrset(w, app->col.attr[roles[i]]);
			waddstr(w, widget_share_fill(app, i));
			waddstr(w, " ");
			waddstr(w, _(names[i]));
			waddstr(w, "  ");
		}
	}
	y = sliders_at(app, h, wd, &step);
	for (int i = 0; i < app->nitems && y < h - 1; i++) {
		const struct ui_item *it = &app->item[i];
		struct slider_spec s;
		int tw;
		bool sel = i == app->sel;

		if (!it->main)
			continue;
		app_label(app, it->key, label, sizeof label);
		app_value_str(app, it->key, val, sizeof val);
		wattrset(w, app->col.attr[sel ? TR_SELECTED : TR_TEXT]);
		mvwaddstr(w, y, 2, sel ? app->g->sel : " ");
		widget_text_fit(app, w, label, 20, false);
		x = 24;
		tw = wd - x - 16;
		s = app_spec(app, it->key);
		if (tw >= 4)
			widget_slider(app, w, y, x, tw, &s, budget_get(&app->sc.in, it->key), sel);
		widget_hit(app, w, i, y, x, tw >= 4 ? tw : 0);
		wattrset(w, app->col.attr[TR_TEXT] | A_BOLD);
		mvwaddstr(w, y, wd - 2 - glyphs_width(val), val);
		y += step;
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

static bool present_key(struct ui_app *app, int key)
{
	(void)app;
	(void)key;
	return false;
}

const struct ui_pane_ops pane_present_ops = {
        .name = "present",
        .draw = present_draw,
        .key = present_key,
        .resize = NULL,
        .free = NULL,
};
