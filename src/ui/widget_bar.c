/* widget_bar.c — pane frames and proportional bars (the C/D/H shares).
 *
 * widget_bar_split is pure: it turns weights (cents, counts: any scale) into
 * whole cells by largest remainder, so the parts always add up to the width.
 * It scales, it does not produce money.
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

int widget_bar_split(const int64_t *weights, int n, int width, int *cells)
{
	long double total = 0;
	long double rem[8];
	int used = 0;

	if (n > 8)
		n = 8;
	for (int i = 0; i < n; i++)
		total += weights[i] > 0 ? (long double)weights[i] : 0;
	for (int i = 0; i < n; i++) {
		long double exact = total > 0 && weights[i] > 0 ? weights[i] * width / total : 0;

		cells[i] = (int)exact;
		rem[i] = exact - cells[i];
		used += cells[i];
	}
	while (total > 0 && used < width) {
		int best = 0;

		for (int i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		cells[best]++;
		rem[best] = -1;
		used++;
	}
	return used;
}

const char *widget_share_fill(const struct ui_app *app, int i)
{
	if ((app->col.color && app->utf8) || i < 0 || i > 3)
		return app->g->block;
	return app->g->share[i];
}

enum theme_role widget_part_role(int i)
{
	static const enum theme_role roles[4] = {TR_COMPUTE, TR_DATA, TR_PEOPLE, TR_WARN};

	return i >= 0 && i < 4 ? roles[i] : TR_TEXT;
}

void widget_bar(struct ui_app *app, WINDOW *w, int y, int x, int width, const int64_t *weights,
                const enum theme_role *roles, int n)
{
	int cells[8];

	if (width <= 0)
		return;
	widget_bar_split(weights, n, width, cells);
	wmove(w, y, x);
	for (int i = 0; i < n && i < 8; i++) {
		const char *fill = n == 3 || n == 4 ? widget_share_fill(app, i) : app->g->block;

		wattrset(w, app->col.attr[roles[i]]);
		for (int c = 0; c < cells[i]; c++)
			waddstr(w, fill);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}

/* Bytes of the first n cells of UTF-8 s (never half a wide character). */
static size_t cells_bytes(const char *s, int n)
{
	return uw_bytes_for(s, n);
}

int widget_fit(const char *s, int cells, const char *ellipsis, char *out, size_t size)
{
	int ew = glyphs_width(ellipsis), room = cells - ew, cut = -1, n = 0;
	size_t len;

	if (!size)
		return 0;
	if (cells <= 0) {
		out[0] = 0;
		return 0;
	}
	if (glyphs_width(s) <= cells) {
		snprintf(out, size, "%s", s);
		return glyphs_width(out);
	}
	if (room <= 0) { /* not even the mark fits: show nothing rather than a stub */
		out[0] = 0;
		return 0;
	}
	/* the last word end that leaves room for the mark (in cells); Chinese
	 * has no blanks, so a wide character ends a word too */
	for (const char *p = s; *p && n <= room;) {
		int c;
		size_t step = uw_next(p, &c);

		if (*p == ' ' && n > 0 && p[-1] != ' ')
			cut = n;
		else if (c == 2 && n + c <= room)
			cut = n + c;
		n += c;
		p += step;
	}
	len = cells_bytes(s, cut > 0 ? cut : room);
	while (cut > 0 && len > 0 && s[len - 1] == ' ')
		len--;
	snprintf(out, size, "%.*s%s", (int)len, s, ellipsis);
	return glyphs_width(out);
}

int widget_text_fit(struct ui_app *app, WINDOW *w, const char *s, int cells, bool pad)
{
	char buf[512];

	widget_fit(s, cells, app->g->ellipsis, buf, sizeof buf);
	return widget_text(w, buf, cells, pad);
}

int widget_text(WINDOW *w, const char *s, int cells, bool pad)
{
	int n = 0;

	while (*s && n < cells) {
		int c;
		size_t len = uw_next(s, &c);

		if (n + c > cells) /* half a wide character would not show: stop */
			break;
		waddnstr(w, s, (int)len);
		s += len;
		n += c;
	}
	for (; pad && n < cells; n++)
		waddch(w, ' ');
	return n;
}

void widget_box(struct ui_app *app, WINDOW *w, const char *title, bool modified, bool focus)
{
	const struct ui_glyphs *g = app->g;
	int h, wd, tw;

	getmaxyx(w, h, wd);
	if (h < 2 || wd < 2)
		return;
	wattrset(w, app->col.attr[TR_BORDER] | (focus ? A_BOLD : 0));
	mvwaddstr(w, 0, 0, g->tl);
	for (int x = 1; x < wd - 1; x++)
		waddstr(w, g->h);
	waddstr(w, g->tr);
	for (int y = 1; y < h - 1; y++) {
		mvwaddstr(w, y, 0, g->v);
		mvwaddstr(w, y, wd - 1, g->v);
	}
	mvwaddstr(w, h - 1, 0, g->bl);
	for (int x = 1; x < wd - 1; x++)
		waddstr(w, g->h);
	/* the bottom-right cell of the screen must not scroll it */
	mvwaddstr(w, h - 1, wd - 1, g->br);
	if (title && wd > 6) {
		wattrset(w, app->col.attr[TR_TITLE]);
		mvwaddstr(w, 0, 1, " ");
		tw = widget_text(w, title, wd - 5, false);
		if (modified && tw < wd - 5)
			waddstr(w, "*");
		waddstr(w, " ");
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}
