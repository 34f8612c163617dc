/* help.c — the help overlay (? / F1) and the key bar, both generated from
 * the key table in keys.c: a key shown here is a key that works.
 *
 * The overlay lists every action with all its keys; descriptions wrap at a
 * word onto more lines, and the list scrolls (↑↓ PgUp PgDn Home End) when the
 * screen is short.  The key bar shows the keys of the focused pane, fewest
 * first to go when the line is narrow; the line doubles as the status and
 * prompt line.  help_lines is pure (the unit tests call it).  Start at
 * help_draw. */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

static const char *keyname_of(const struct ui_app *app, const struct ui_key *k)
{
	return !app->utf8 && k->ascii_name ? k->ascii_name : k->name;
}

/* "←/h" for an action: every distinct key name, joined. */
static void action_keys(const struct ui_app *app, enum ui_action a, char *buf, size_t size)
{
	size_t n, len = 0;
	const struct ui_key *t = keys_table(&n);

	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = keyname_of(app, &t[i]);
		char have[112], want[40];

		if (t[i].action != a)
			continue;
		/* whole names: "R" is not there just because "Ctrl-R" is */
		snprintf(have, sizeof have, " %s ", buf);
		snprintf(want, sizeof want, " %s ", name);
		if (strstr(have, want))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
		                        len ? " " : "", name);
		if (len >= size)
			break;
	}
}

/* Bytes of s that fit in cells cells, ending at a word (at least one word
 * unless it alone is too long: then cut there). */
static size_t wrap_at(const char *s, int cells)
{
	size_t last_space = 0, i = 0;
	int n = 0;

	while (s[i]) {
		int c;
		size_t len = uw_next(s + i, &c);

		if (n + c > cells)
			break;
		if (s[i] == ' ')
			last_space = i;
		i += len;
		n += c;
	}
	/* Chinese has no blanks: a line may end beside any wide character */
	if (!s[i] || s[i] == ' ' || uw_wide(s + i) || (i >= 3 && uw_wide(s + i - 3)))
		return i;
	return last_space ? last_space : i;
}

int help_lines(const struct ui_app *app, int desc_w, struct help_line *out, int max)
{
	int n = 0;

	for (int a = UA_NONE + 1; a < UA__COUNT; a++) {
		const struct ui_action_info *info = keys_action((enum ui_action)a);
		const char *d = info && info->help ? _(info->help) : "";
		bool first = true;

		if (!info || !info->help || !keys_first((enum ui_action)a))
			continue;
		while (first || *d) {
			size_t len = desc_w > 0 ? wrap_at(d, desc_w) : strlen(d);

			if (n < max) {
				out[n].action = (enum ui_action)a;
				out[n].first = first;
				snprintf(out[n].text, sizeof out[n].text, "%.*s", (int)len, d);
				if (first)
					action_keys(app, (enum ui_action)a, out[n].keys,
					            sizeof out[n].keys);
				else
					out[n].keys[0] = 0;
			}
			n++;
			d += len;
			while (*d == ' ')
				d++;
			first = false;
		}
	}
	return n;
}

/* The widest key list, so descriptions line up after it. */
static int keys_width(const struct ui_app *app)
{
	int w = 0;

	for (int a = UA_NONE + 1; a < UA__COUNT; a++) {
		char keys[96];
		int n;

		action_keys(app, (enum ui_action)a, keys, sizeof keys);
		n = glyphs_width(keys);
		if (n > w)
			w = n;
	}
	return w;
}

/* Geometry of the overlay for the screen now: box size, key column, rows
 * of list. */
static void help_geometry(const struct ui_app *app, int *rows, int *width, int *kw, int *list_h)
{
	/* On a narrow screen the overlay covers the panes' borders too: a box
	 * one cell inside them would draw doubled corners ("┌┌"). */
	*width = app->cols <= 80 ? app->cols : 78;
	*kw = keys_width(app);
	if (*kw > *width / 3)
		*kw = *width / 3;
	*rows = app->rows - 1;
	if (*rows > 60)
		*rows = 60;
	*list_h = *rows - 3; /* frame top and bottom, the footer */
}

bool help_key(struct ui_app *app, int key)
{
	struct help_line lines[2 * UA__COUNT + 16];
	int rows, width, kw, list_h, n, old = app->help_top;

	help_geometry(app, &rows, &width, &kw, &list_h);
	n = help_lines(app, width - kw - 6, lines, (int)(sizeof lines / sizeof lines[0]));
	switch (key) {
	case KEY_UP:
	case 'k':
		app->help_top--;
		break;
	case KEY_DOWN:
	case 'j':
		app->help_top++;
		break;
	case KEY_PPAGE:
		app->help_top -= list_h > 1 ? list_h - 1 : 1;
		break;
	case KEY_NPAGE:
	case ' ':
		app->help_top += list_h > 1 ? list_h - 1 : 1;
		break;
	case KEY_HOME:
		app->help_top = 0;
		break;
	case KEY_END:
		app->help_top = n;
		break;
	default:
		return false; /* the caller closes the overlay */
	}
	if (app->help_top > n - list_h)
		app->help_top = n - list_h;
	if (app->help_top < 0)
		app->help_top = 0;
	if (app->help_top != old)
		app->dirty |= UI_DIRTY_LAYOUT; /* what the overlay covered, then it */
	return true;
}

void help_draw(struct ui_app *app)
{
	struct help_line lines[2 * UA__COUNT + 16];
	int rows, width, kw, list_h, n, y = 1;
	char foot[128];
	WINDOW *w;

	help_geometry(app, &rows, &width, &kw, &list_h);
	if (rows < 4 || width < 12)
		return;
	n = help_lines(app, width - kw - 6, lines, (int)(sizeof lines / sizeof lines[0]));
	if (n > (int)(sizeof lines / sizeof lines[0]))
		n = (int)(sizeof lines / sizeof lines[0]);
	if (n < list_h) { /* all of it fits: no taller than needed */
		rows = n + 3;
		list_h = n;
	}
	if (app->help_top > n - list_h)
		app->help_top = n - list_h > 0 ? n - list_h : 0;
	if (app->overlay)
		delwin(app->overlay);
	app->overlay = w = newwin(rows, width, (app->rows - 1 - rows) / 2, (app->cols - width) / 2);
	if (!w)
		return;
	leaveok(w, TRUE);
	wbkgdset(w, ' ' | app->col.attr[TR_TEXT]);
	werase(w);
	widget_box(app, w, _("Keys"), false, true);
	for (int i = app->help_top; i < n && y <= list_h; i++, y++) {
		wattrset(w, app->col.attr[TR_KEYBAR_KEY]);
		wmove(w, y, 2);
		widget_text_fit(app, w, lines[i].keys, kw, false);
		wattrset(w, app->col.attr[TR_TEXT]);
		wmove(w, y, 2 + kw + 2);
		widget_text_fit(app, w, lines[i].text, width - kw - 6, false);
	}
	if (n > list_h)
		snprintf(foot, sizeof foot, _(" %d-%d of %d  %s PgUp PgDn scroll  q Esc close "),
		         app->help_top + 1, app->help_top + list_h, n,
		         app->utf8 ? "↑↓" : "Up Down");
	else
		snprintf(foot, sizeof foot, "%s", _(" q Esc close "));
	wattrset(w, app->col.attr[TR_DIM]);
	wmove(w, rows - 2, 2);
	widget_text_fit(app, w, foot, width - 4, false);
	wnoutrefresh(w);
}

/* ---- the key bar ---- */

/* The bar's items for the focused pane.  prio: 1 stays longest; the items
 * show in table order, the lowest priorities left out first. */
struct bar_item {
	enum ui_action action, pair;
	const char *label;
	int prio;
	bool on_line; /* shown only on a role's or cost line's row */
};

static const struct bar_item budget_bar[] = {
        {UA_HELP, UA_NONE, N_("help"), 2, false},
        {UA_INC, UA_DEC, N_("adjust"), 1, false},
        {UA_SEL_DOWN, UA_SEL_UP, N_("select"), 1, false},
        {UA_TYPE, UA_NONE, N_("type"), 3, false},
        {UA_RUN_START, UA_NONE, N_("rename"), 2, true}, /* r, on such a row */
        {UA_ADD, UA_NONE, N_("add"), 4, false},
        {UA_REMOVE, UA_NONE, N_("remove"), 5, true},
        {UA_UNDO, UA_NONE, N_("undo"), 3, false},
        {UA_SAVE, UA_NONE, N_("save"), 2, false},
        {UA_OPEN, UA_NONE, N_("open"), 4, false},
        {UA_TAB, UA_NONE, N_("run pane"), 4, false},
        {UA_THEME, UA_NONE, N_("theme"), 6, false},
        {UA_PRESENT, UA_NONE, N_("present"), 5, false},
        {UA_TIMELINE, UA_NONE, N_("timeline"), 6, false},
        {UA_QUIT, UA_NONE, N_("quit"), 1, false},
};

static const struct bar_item run_bar[] = {
        {UA_HELP, UA_NONE, "help", 2, false},
        {UA_RUN_START, UA_NONE, "run", 1, false},
        {UA_RUN_COMMAND, UA_NONE, "command", 3, false},
        {UA_RUN_LIST, UA_NONE, "runs", 3, false},
        {UA_RUN_PAUSE, UA_NONE, "pause", 2, false},
        {UA_RUN_STOP, UA_NONE, "stop", 2, false},
        {UA_RUN_RESTART, UA_NONE, "restart", 5, false},
        {UA_RUN_SMOOTH_MORE, UA_RUN_SMOOTH_LESS, "smooth", 6, false},
        {UA_RUN_LOGY, UA_NONE, "log-y", 6, false},
        {UA_TAB, UA_NONE, "budget", 4, false},
        {UA_QUIT, UA_NONE, "quit", 1, false},
};

static void bar_keys(const struct ui_app *app, const struct bar_item *b, char *buf, size_t size)
{
	const struct ui_key *k = keys_first(b->action);
	const struct ui_key *p = b->pair ? keys_first(b->pair) : NULL;
	bool arrows = p && app->utf8 && glyphs_width(keyname_of(app, p)) == 1 &&
	              glyphs_width(keyname_of(app, k)) == 1 && (k->key >= KEY_MIN);

	/* "←→" for arrow pairs, "[ ]"-style for others */
	snprintf(buf, size, "%s%s%s", p ? keyname_of(app, p) : "", p && !arrows ? "/" : "",
	         k ? keyname_of(app, k) : "");
}

/* Tab's label says where it goes: the run pane, the timeline in its place,
 * or from the timeline back to the budget. */
static const char *bar_label(const struct ui_app *app, const struct bar_item *b)
{
	if (b->action != UA_TAB || !app->timeline)
		return _(b->label);
	return app->tab == UI_PANE_RUN ? _("budget") : _("timeline");
}

int keybar_items(const struct ui_app *app, enum ui_pane_id focus, int width, bool *shown, int max)
{
	const struct bar_item *t = focus == UI_PANE_RUN ? run_bar : budget_bar;
	int n = focus == UI_PANE_RUN ? (int)(sizeof run_bar / sizeof run_bar[0])
	                             : (int)(sizeof budget_bar / sizeof budget_bar[0]);
	int used = 0;

	for (int i = 0; i < n && i < max; i++)
		shown[i] = false;
	for (int prio = 1; prio <= 6; prio++)
		for (int i = 0; i < n && i < max; i++) {
			char keys[48];
			int need;

			/* Tab matters more when the other pane is hidden */
			int p = t[i].action == UA_TAB && app->lay.mode == UI_LAYOUT_TABBED
			                ? 2
			                : t[i].prio;

			if (p != prio)
				continue;
			if (t[i].on_line && (focus != UI_PANE_BUDGET || app->present ||
			                     !edit_line_at(app, app->sel, NULL, NULL)))
				continue;
			if (t[i].action == UA_TAB && app->lay.mode != UI_LAYOUT_TABBED &&
			    app->lay.mode != UI_LAYOUT_WIDE)
				continue;
			bar_keys(app, &t[i], keys, sizeof keys);
			need = 1 + glyphs_width(keys) + 1 + glyphs_width(bar_label(app, &t[i])) + 1;
			if (used + need <= width) {
				shown[i] = true;
				used += need;
			}
		}
	return n;
}

void keybar_draw(struct ui_app *app, WINDOW *w)
{
	/* the timeline view moves the budget's inputs: the budget's keys */
	enum ui_pane_id focus = app->present || (app->timeline && app->tab == UI_PANE_RUN)
	                                ? UI_PANE_BUDGET
	                                : app->tab;
	const struct bar_item *t = focus == UI_PANE_RUN ? run_bar : budget_bar;
	bool shown[16];
	int width = getmaxx(w), n;

	wbkgdset(w, ' ' | app->col.attr[TR_KEYBAR]);
	werase(w);
	if (app->prompt.kind != UI_PROMPT_NONE) {
		prompt_draw(app, w);
		return;
	}
	if (app->status[0]) {
		wattrset(w, app->col.attr[app->status_err ? TR_BAD : TR_STATUS]);
		wmove(w, 0, 1);
		widget_text_fit(app, w, app->status, width - 2, false);
		return;
	}
	n = keybar_items(app, focus, width, shown, 16);
	wmove(w, 0, 0);
	for (int i = 0; i < n; i++) {
		char keys[48];

		if (!shown[i])
			continue;
		bar_keys(app, &t[i], keys, sizeof keys);
		waddstr(w, " ");
		wattrset(w, app->col.attr[TR_KEYBAR_KEY]);
		waddstr(w, keys);
		wattrset(w, app->col.attr[TR_KEYBAR]);
		waddstr(w, " ");
		waddstr(w, bar_label(app, &t[i]));
		waddstr(w, " ");
	}
	wattrset(w, app->col.attr[TR_KEYBAR]);
}
