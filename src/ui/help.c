/* help.c — the help overlay (? / F1) and the key bar, both generated from
 * the key table in keys.c: a key shown here is a key that works.
 * The key bar line doubles as the status line and the prompt line. */
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

		if (t[i].action != a || strstr(buf, name))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
		                        len ? " " : "", name);
		if (len >= size)
			break;
	}
}

void help_draw(struct ui_app *app)
{
	int rows = UA__COUNT - 1 + 4, width = 64, y = 2;
	WINDOW *w;

	if (rows > app->rows - 1)
		rows = app->rows - 1;
	if (width > app->cols)
		width = app->cols;
	if (app->overlay)
		delwin(app->overlay);
	app->overlay = w = newwin(rows, width, (app->rows - 1 - rows) / 2, (app->cols - width) / 2);
	if (!w)
		return;
	leaveok(w, TRUE);
	wbkgdset(w, ' ' | app->col.attr[TR_TEXT]);
	werase(w);
	widget_box(app, w, "Keys", false, true);
	for (int a = UA_NONE + 1; a < UA__COUNT && y < rows - 1; a++) {
		const struct ui_action_info *info = keys_action((enum ui_action)a);
		char keys[96];

		action_keys(app, (enum ui_action)a, keys, sizeof keys);
		wattrset(w, app->col.attr[TR_KEYBAR_KEY]);
		wmove(w, y, 2);
		widget_text(w, keys, 22, false);
		wattrset(w, app->col.attr[TR_TEXT]);
		if (width > 28)
			mvwaddnstr(w, y, 26, info->help, width - 28);
		y++;
	}
	wattrset(w, app->col.attr[TR_DIM]);
	if (y < rows - 1)
		mvwaddnstr(w, rows - 1, 2, " any key closes ", width - 4);
	wnoutrefresh(w);
}

void keybar_draw(struct ui_app *app, WINDOW *w)
{
	size_t n;
	const struct ui_bar_item *b = keys_bar(&n);
	int width = getmaxx(w), last_w;

	wbkgdset(w, ' ' | app->col.attr[TR_KEYBAR]);
	werase(w);
	if (app->prompt.kind != UI_PROMPT_NONE) {
		prompt_draw(app, w);
		return;
	}
	if (app->status[0]) {
		wattrset(w, app->col.attr[app->status_err ? TR_BAD : TR_STATUS]);
		mvwaddnstr(w, 0, 1, app->status, width - 2);
		return;
	}
	last_w = n ? 1 + glyphs_width(keyname_of(app, keys_first(b[n - 1].action))) + 1 +
	                         glyphs_width(keys_action(b[n - 1].action)->bar) + 1
	           : 0;
	wmove(w, 0, 0);
	/* the last item (quit) always shows: the others give way to it */
	for (size_t i = 0; i < n; i++) {
		const struct ui_action_info *info = keys_action(b[i].action);
		const struct ui_key *k = keys_first(b[i].action);
		const struct ui_key *p = b[i].pair ? keys_first(b[i].pair) : NULL;
		char keys[48];
		int need;

		snprintf(keys, sizeof keys, "%s%s%s", p ? keyname_of(app, p) : "",
		         p && !app->utf8 ? "/" : "", keyname_of(app, k));
		need = 1 + glyphs_width(keys) + 1 + glyphs_width(info->bar) + 1;
		if (getcurx(w) + need + (i + 1 < n ? last_w : 0) > width) {
			if (i + 1 >= n)
				break;
			i = n - 2; /* skip to the last */
			continue;
		}
		waddstr(w, " ");
		wattrset(w, app->col.attr[TR_KEYBAR_KEY]);
		waddstr(w, keys);
		wattrset(w, app->col.attr[TR_KEYBAR]);
		waddstr(w, " ");
		waddstr(w, info->bar);
		waddstr(w, " ");
	}
	wattrset(w, app->col.attr[TR_KEYBAR]);
}
