/* seek_form.c — g: the goal seek form (seek_form.h).  The search and every
 * figure are goal_seek's (src/model/goal.c); this file keeps the form's
 * fields, turns keys into changes of them, applies an answer through
 * app_set (one undo step) and draws the box.  No money is computed here.
 */
#include "seek_form.h"

#include "capdash/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *rel_text(const struct ui_app *app, enum goal_rel r)
{
	if (r == GOAL_AT_MOST)
		return app->utf8 ? "≤" : "<=";
	if (r == GOAL_AT_LEAST)
		return app->utf8 ? "≥" : ">=";
	return "=";
}

static const char *measure_text(enum goal_measure m)
{
	return m == GOAL_CAPITAL ? _("capital F") : _("direct cost C+D+H+O");
}

void seek_form_open(struct ui_app *app)
{
	struct seek_form *s;

	if (app->seek)
		return;
	s = calloc(1, sizeof *s);
	if (!s) {
		app_message(app, true, "%s", _("out of memory"));
		return;
	}
	/* The inputs the sliders know, in their order (GPUs first), less what
	 * F ignores for this plan (the raise, the cash, the hourly price when
	 * buying) and the epochs slider, which is not an input of the plan. */
	for (int i = 0; i < app->nitems; i++) {
		struct budget_key k = app->item[i].key;

		if (measured_is_epochs(k) || !budget_field_moves_f(&app->sc.in, k.id))
			continue;
		s->vary[s->nvary++] = k;
	}
	s->measure = GOAL_CAPITAL;
	s->rel = GOAL_AT_MOST;
	if (app->res_ok)
		budget_value_str(BUDGET_UNIT_CENTS, app->res.capital, s->amount, sizeof s->amount);
	s->len = strlen(s->amount);
	s->fresh = s->len > 0;
	s->row = SEEK_ROW_AMOUNT;
	app->seek = s;
	app->dirty |= UI_DIRTY_BAR;
}

void seek_form_close(struct ui_app *app)
{
	struct seek_form *s = app->seek;

	if (!s)
		return;
	if (s->win)
		delwin((WINDOW *)s->win);
	free(s);
	app->seek = NULL;
	/* what was under the box: repaint it all, as the picker does */
	app->dirty |= UI_DIRTY_LAYOUT;
}

static void changed(struct seek_form *s)
{
	s->state = SEEK_EDITING;
	s->msg[0] = 0;
}

static void cycle(struct seek_form *s, int d)
{
	switch (s->row) {
	case SEEK_ROW_TARGET:
		s->measure = s->measure == GOAL_CAPITAL ? GOAL_DIRECT : GOAL_CAPITAL;
		break;
	case SEEK_ROW_REL:
		s->rel = (enum goal_rel)(((int)s->rel + 3 + d) % 3);
		break;
	case SEEK_ROW_VARY:
		if (s->nvary > 0)
			s->cur = (s->cur + s->nvary + d) % s->nvary;
		break;
	default:
		return;
	}
	changed(s);
}

static void run(struct ui_app *app)
{
	struct seek_form *s = app->seek;
	struct cd_err err;

	if (s->nvary == 0) {
		s->state = SEEK_FAILED;
		snprintf(s->msg, sizeof s->msg, "%s", _("no input to vary"));
		return;
	}
	if (budget_value_parse(s->amount, BUDGET_UNIT_CENTS, &s->target, &err) < 0) {
		s->state = SEEK_FAILED;
		snprintf(s->msg, sizeof s->msg, _("amount: %s"), err.msg);
		return;
	}
	if (goal_seek(&app->sc.in, s->vary[s->cur], s->measure, s->rel, s->target, &s->ans, &err) <
	    0) {
		s->state = SEEK_FAILED;
		snprintf(s->msg, sizeof s->msg, "%s", err.msg);
		return;
	}
	s->state = SEEK_ANSWER;
}

/* Set the input to the answer (one undo step) and close the form. */
static void apply(struct ui_app *app)
{
	struct budget_key k = app->seek->vary[app->seek->cur];
	struct goal_answer ans = app->seek->ans;
	char label[96], v[48], f[48];

	app_label(app, k, label, sizeof label);
	budget_value_display(budget_field_get(k.id)->unit, ans.value, v, sizeof v);
	money_format(ans.capital, MONEY_WHOLE, f, sizeof f);
	seek_form_close(app);
	if (app_get(app, k) == ans.value)
		app_message(app, false, _("goal seek: %s is already %s (F %s)"), label, v, f);
	else if (app_set(app, k, ans.value, true))
		app_message(app, false, _("goal seek: %s set to %s, F %s (u undoes)"), label, v, f);
}

void seek_form_key(struct ui_app *app, int key)
{
	struct seek_form *s = app->seek;

	app->dirty |= UI_DIRTY_BAR;
	switch (key) {
	case 27:
	case 7: /* Ctrl-G */
		seek_form_close(app);
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (s->state == SEEK_ANSWER) {
			apply(app);
			return;
		}
		run(app);
		return;
	case '\t':
	case KEY_DOWN:
		s->row = (enum seek_row)((s->row + 1) % SEEK_ROW__COUNT);
		return;
	case KEY_BTAB:
	case KEY_UP:
		s->row = (enum seek_row)((s->row + SEEK_ROW__COUNT - 1) % SEEK_ROW__COUNT);
		return;
	case KEY_LEFT:
	case KEY_RIGHT:
		cycle(s, key == KEY_LEFT ? -1 : 1);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (s->row != SEEK_ROW_AMOUNT)
			return;
		s->fresh = false;
		while (s->len > 0 && ((unsigned char)s->amount[s->len - 1] & 0xC0) == 0x80)
			s->len--;
		if (s->len > 0)
			s->len--;
		s->amount[s->len] = 0;
		changed(s);
		return;
	case 21: /* Ctrl-U: clear */
		if (s->row != SEEK_ROW_AMOUNT)
			return;
		s->len = 0;
		s->amount[0] = 0;
		s->fresh = false;
		changed(s);
		return;
	default:
		if (key < 32 || key >= 256 || key == 127)
			return;
		/* A digit or '$' typed on another row goes to the amount, where
		 * it can only mean one thing. */
		if (s->row != SEEK_ROW_AMOUNT) {
			if (!((key >= '0' && key <= '9') || key == '$'))
				return;
			s->row = SEEK_ROW_AMOUNT;
		}
		if (s->fresh) {
			s->len = 0;
			s->amount[0] = 0;
			s->fresh = false;
		}
		if (s->len + 1 < sizeof s->amount) {
			s->amount[s->len++] = (char)key;
			s->amount[s->len] = 0;
		}
		changed(s);
	}
}

/* Split s into lines of at most width cells at blanks (a word longer than
 * the line is cut).  Returns the lines written, at most max. */
static int wrap(const char *s, int width, char out[][256], int max)
{
	int n = 0;

	while (*s && n < max) {
		const char *brk = NULL, *p = s;
		char line[256];
		size_t len;

		while (*s == ' ')
			s++;
		p = s;
		for (;;) {
			const char *e = strchr(p, ' ');
			size_t l = e ? (size_t)(e - s) : strlen(s);

			snprintf(line, sizeof line, "%.*s", (int)l, s);
			if (glyphs_width(line) > width)
				break;
			brk = e ? e : s + strlen(s);
			if (!e)
				break;
			p = e + 1;
		}
		if (!brk) { /* one word wider than the line: cut it at a character */
			brk = s;
			while (*brk) {
				const char *q = brk + 1;

				while (((unsigned char)*q & 0xC0) == 0x80)
					q++;
				snprintf(line, sizeof line, "%.*s", (int)(q - s), s);
				if (glyphs_width(line) > width)
					break;
				brk = q;
			}
			if (brk == s)
				brk = s + 1;
		}
		len = (size_t)(brk - s);
		snprintf(out[n++], 256, "%.*s", (int)(len > 255 ? 255 : len), s);
		s = brk;
	}
	return n;
}

/* One field: its name, then its value between ◂ ▸ when it is a choice. */
static void field(struct ui_app *app, WINDOW *w, int y, int width, enum seek_row row,
                  const char *name, const char *value, bool choice)
{
	const struct seek_form *s = app->seek;
	bool focus = s->row == row;
	char text[256];

	wattrset(w, app->col.attr[focus ? TR_SELECTED : TR_DIM] | (focus ? A_BOLD : 0));
	mvwaddstr(w, y, 2, focus ? app->g->sel : " ");
	waddstr(w, " ");
	widget_text(w, name, 10, true);
	if (choice)
		snprintf(text, sizeof text, "%s %s %s", app->utf8 ? "◂" : "<", value,
		         app->utf8 ? "▸" : ">");
	else
		snprintf(text, sizeof text, "%s", value);
	wattrset(w, app->col.attr[focus ? TR_SELECTED : TR_TEXT]);
	widget_text_fit(app, w, text, width - 15, false);
	if (!choice && focus) {
		wattrset(w, app->col.attr[TR_TEXT] | A_REVERSE);
		waddch(w, ' '); /* the cursor, drawn */
	}
}

void seek_form_draw(struct ui_app *app)
{
	struct seek_form *s = app->seek;
	WINDOW *w;
	int width = app->cols - 4 < 64 ? app->cols - 4 : 64;
	int height = 15, y, inner;
	char label[96], a[48], b[48], line[256], lines[6][256];

	if (app->rows - 2 < height)
		height = app->rows - 2;
	if (width < 30 || height < 10)
		return;
	if (!s->win || s->win_w != width || s->win_h != height) {
		if (s->win)
			delwin((WINDOW *)s->win);
		s->win = newwin(height, width, (app->rows - 1 - height) / 2,
		                (app->cols - width) / 2);
		s->win_w = width;
		s->win_h = height;
		if (!s->win)
			return;
	}
	w = (WINDOW *)s->win;
	inner = width - 4;
	wbkgdset(w, ' ' | app->col.attr[TR_TEXT]);
	werase(w);
	widget_box(app, w, _("Goal seek"), false, true);
	field(app, w, 1, width, SEEK_ROW_TARGET, _("Target"), measure_text(s->measure), true);
	field(app, w, 2, width, SEEK_ROW_REL, _("Relation"), rel_text(app, s->rel), true);
	field(app, w, 3, width, SEEK_ROW_AMOUNT, _("Amount"), s->amount, false);
	if (s->nvary > 0)
		app_label(app, s->vary[s->cur], label, sizeof label);
	else
		snprintf(label, sizeof label, "-");
	field(app, w, 4, width, SEEK_ROW_VARY, _("Vary"), label, true);
	y = 6;
	if (s->state == SEEK_ANSWER) {
		struct budget_key k = s->vary[s->cur];
		enum budget_unit unit = budget_field_get(k.id)->unit;

		budget_value_display(unit, s->ans.value, a, sizeof a);
		app_value_str(app, k, b, sizeof b);
		snprintf(line, sizeof line, _("%s = %s  (now %s)"), label, a, b);
		wattrset(w, app->col.attr[TR_ACCENT] | A_BOLD);
		wmove(w, y++, 2);
		widget_text_fit(app, w, line, inner, false);
		money_format(s->ans.capital, MONEY_WHOLE, a, sizeof a);
		money_format(app->res.capital, MONEY_WHOLE, b, sizeof b);
		snprintf(line, sizeof line, _("F %s  (now %s)"), a, b);
		wattrset(w, app->col.attr[TR_CAPITAL] | A_BOLD);
		wmove(w, y++, 2);
		widget_text_fit(app, w, line, inner, false);
		money_format(s->ans.direct, MONEY_WHOLE, a, sizeof a);
		money_format(app->res.direct, MONEY_WHOLE, b, sizeof b);
		snprintf(line, sizeof line, _("C+D+H+O %s  (now %s)"), a, b);
		wattrset(w, app->col.attr[TR_TEXT]);
		wmove(w, y++, 2);
		widget_text_fit(app, w, line, inner, false);
		if (s->ans.exact) {
			snprintf(line, sizeof line, "%s", _("exactly the target"));
		} else {
			const char *fmt;

			money_format(s->ans.miss < 0 ? -s->ans.miss : s->ans.miss, MONEY_WHOLE, a,
			             sizeof a);
			/* "=" found no value that hits the target: say it is the nearest */
			if (s->rel == GOAL_EQUAL)
				fmt = s->ans.miss < 0
				              ? _("not exact: the nearest, %s under the target")
				              : _("not exact: the nearest, %s over the target");
			else
				fmt = s->ans.miss < 0 ? _("%s under the target")
				                      : _("%s over the target");
			snprintf(line, sizeof line, fmt, a);
		}
		wattrset(w, app->col.attr[TR_DIM]);
		wmove(w, y++, 2);
		widget_text_fit(app, w, line, inner, false);
	} else if (s->state == SEEK_FAILED) {
		int n = wrap(s->msg, inner, lines, height - 9 > 6 ? 6 : height - 9);

		wattrset(w, app->col.attr[TR_BAD] | (app->col.color ? 0 : A_BOLD));
		for (int i = 0; i < n; i++)
			mvwaddstr(w, y++, 2, lines[i]);
	}
	wattrset(w, app->col.attr[TR_DIM]);
	wmove(w, height - 2, 2);
	widget_text_fit(
	        app, w,
	        s->state == SEEK_ANSWER
	                ? (app->utf8 ? _("Enter applies (one undo step) · Esc leaves the plan")
	                             : _("Enter applies (one undo step), Esc leaves the plan"))
	                : (app->utf8 ? _("Tab/↑↓ field · ←→ choice · Enter seeks · Esc leaves")
	                             : _("Tab field, Left/Right choice, Enter seeks, Esc leaves")),
	        inner, false);
	wnoutrefresh(w);
}
