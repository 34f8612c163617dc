/* picker_view.c — the list widget on screen: a box over the panes with a
 * filter line, column headings, the rows and the keys as hints in its
 * bottom border.  While app->picker is set, loop.c hands every key and
 * mouse event here and draws the box after the panes.
 *
 * Rows are described (a scenario loaded, a run read) by a zero-delay timer
 * that does at most PICKER_TICK_MS of work and re-arms itself, rows on
 * screen first: opening a folder of a thousand files costs one frame, keys
 * are read between ticks, and once every row is described nothing runs
 * (idle stays idle).  Drawing never reads a file.  The pure parts are in
 * picker.c.
 */
#include "ui_int.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "picker.h"

static void schedule(struct ui_app *app);

/* The next row to describe: one on screen, else the first in order. */
static int next_undescribed(struct picker *p)
{
	for (int r = 0; r < p->page && p->top + r < p->nshown; r++) {
		int i = p->shown[p->top + r];

		if (!p->items[i].described)
			return i;
	}
	while (p->next < p->n && p->items[p->next].described)
		p->next++;
	return p->next < p->n ? p->next : -1;
}

static bool on_screen(const struct picker *p, int i)
{
	for (int r = 0; r < p->page && p->top + r < p->nshown; r++)
		if (p->shown[p->top + r] == i)
			return true;
	return false;
}

static void tick(struct ui_app *app, void *ctx)
{
	struct picker *p = app->picker;
	int64_t until = loop_now_ms() + PICKER_TICK_MS;
	bool seen = false, any = false;
	int i;

	(void)ctx;
	if (!p)
		return;
	p->armed = false;
	do {
		if ((i = next_undescribed(p)) < 0)
			break;
		p->ops->describe(app, p, i);
		p->items[i].described = true; /* a describe that set nothing must not loop */
		seen |= on_screen(p, i);
		any = true;
	} while (loop_now_ms() < until);
	/* a name just learnt may match the filter */
	if (any && p->flen) {
		picker_refilter(p);
		seen = true;
	}
	if (seen)
		app->dirty |= UI_DIRTY_PICKER;
	schedule(app);
}

static void schedule(struct ui_app *app)
{
	struct picker *p = app->picker;

	if (!p || p->armed || next_undescribed(p) < 0)
		return;
	if (loop_timer(app, 0, tick, NULL) == 0) {
		p->armed = true;
		return;
	}
	/* every timer in use: describe what is on screen now, so no row
	 * stays blank; the rest follow on the next key */
	for (int r = 0; r < p->page && p->top + r < p->nshown; r++) {
		int i = p->shown[p->top + r];

		if (!p->items[i].described) {
			p->ops->describe(app, p, i);
			p->items[i].described = true;
		}
	}
	app->dirty |= UI_DIRTY_PICKER;
}

void picker_show(struct ui_app *app, struct picker *p)
{
	if (app->picker)
		picker_close(app);
	app->picker = p;
	for (int k = 0; k < p->nshown; k++)
		if (p->items[p->shown[k]].current)
			p->sel = k;
	picker_scroll(p);
	app->dirty |= UI_DIRTY_PICKER | UI_DIRTY_BAR;
	schedule(app);
}

void picker_close(struct ui_app *app)
{
	struct picker *p = app->picker;

	if (!p)
		return;
	if (p->win)
		delwin((WINDOW *)p->win);
	picker_free(p);
	app->picker = NULL;
	/* what was under the box: repaint it all, as the help overlay does */
	app->dirty |= UI_DIRTY_LAYOUT;
}

static void choose(struct ui_app *app)
{
	struct picker *p = app->picker;
	struct picker_item *it = picker_selected(p);
	void (*fn)(struct ui_app *, const char *) = p->ops->choose;
	char key[8192];

	if (!it)
		return;
	if (!it->described) {
		p->ops->describe(app, p, (int)(it - p->items));
		it->described = true;
	}
	if (it->bad) {
		app_message(app, true, "%s", it->why ? it->why : "cannot be opened");
		return;
	}
	snprintf(key, sizeof key, "%s", it->key);
	picker_close(app);
	fn(app, key);
}

static void to_typed(struct ui_app *app, const char *more)
{
	struct picker *p = app->picker;
	void (*fn)(struct ui_app *, const char *) = p->ops->typed;
	char text[PICKER_FILTER_MAX + 8];

	snprintf(text, sizeof text, "%s%s", p->filter, more);
	picker_close(app);
	fn(app, text);
}

void picker_key(struct ui_app *app, int key)
{
	struct picker *p = app->picker;
	int page = p->page > 1 ? p->page - 1 : 1;

	app->dirty |= UI_DIRTY_PICKER;
	switch (key) {
	case 27:
	case 7: /* Ctrl-G */
		picker_close(app);
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		choose(app);
		return;
	case KEY_UP:
		picker_move(p, -1);
		break;
	case KEY_DOWN:
		picker_move(p, 1);
		break;
	case KEY_PPAGE:
		picker_move(p, -page);
		break;
	case KEY_NPAGE:
		picker_move(p, page);
		break;
	case KEY_HOME:
		picker_move(p, INT_MIN);
		break;
	case KEY_END:
		picker_move(p, INT_MAX);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		picker_filter_back(p);
		break;
	case 21: /* Ctrl-U */
		picker_filter_clear(p);
		break;
	case KEY_RESIZE:
		return;
	case '\t':
		if (p->ops->typed) {
			to_typed(app, "");
			return;
		}
		break;
	default:
		if (key == '/' && p->ops->typed) {
			to_typed(app, "/");
			return;
		}
		if (key >= 32 && key < 256 && key != 127) {
			char b[2] = {(char)key, 0};

			picker_filter_add(p, b);
		}
	}
	schedule(app);
}

void picker_mouse(struct ui_app *app, const struct ui_mouse_ev *ev)
{
	struct picker *p = app->picker;
	int r = ev->y - p->list_y;

	app->dirty |= UI_DIRTY_PICKER;
	if (ev->button == 64 || ev->button == 65) {
		picker_move(p, ev->button == 64 ? -3 : 3);
	} else if (ev->button == 0 && ev->press && !ev->drag && r >= 0 && r < p->page &&
	           ev->x >= p->list_x && ev->x < p->list_x + p->list_w && p->top + r < p->nshown) {
		/* a click selects; a click on the selected row chooses it */
		if (p->top + r == p->sel) {
			choose(app);
			return;
		}
		p->sel = p->top + r;
		picker_scroll(p);
	}
	schedule(app);
}

/* ---- drawing ---- */

static void put(WINDOW *w, int y, int x, const char *s)
{
	mvwaddstr(w, y, x, s);
}

static void put_fit(struct ui_app *app, WINDOW *w, int y, int x, const char *s, int room,
                    bool from_left, bool right)
{
	char buf[1024];
	int n;

	if (room <= 0 || !s)
		return;
	n = picker_fit(s, room, app->utf8, from_left, buf, sizeof buf);
	put(w, y, right ? x + room - n : x, buf);
}

static void draw_hints(struct ui_app *app, struct picker *p, WINDOW *w, int y, int width)
{
	const char *sep = app->utf8 ? " \xc2\xb7 " : "  ";
	char move[32], enter[64], tab[96], all[256];

	snprintf(move, sizeof move, _("%s move"),
	         app->utf8 ? "\xe2\x86\x91\xe2\x86\x93" : "Up/Down");
	snprintf(enter, sizeof enter, _("Enter %s"), p->verb ? p->verb : _("open"));
	snprintf(tab, sizeof tab, _("Tab %s"), p->typed_hint ? p->typed_hint : "");
	/* the least needed go first: moving, then typing a path */
	for (int drop = 0; drop < 3; drop++) {
		snprintf(all, sizeof all, _(" %s%s%s%s%s%sEsc cancel "), drop < 2 ? move : "",
		         drop < 2 ? sep : "", enter, sep, drop < 1 && p->typed_hint ? tab : "",
		         drop < 1 && p->typed_hint ? sep : "");
		if (glyphs_width(all) <= width - 4 || drop == 2)
			break;
	}
	wattrset(w, app->col.attr[TR_DIM]);
	put_fit(app, w, y, 2, all, width - 4, false, false);
}

static void draw_filter(struct ui_app *app, struct picker *p, WINDOW *w, int width)
{
	char count[64];
	int cw, room;

	if (p->more)
		snprintf(count, sizeof count, _("%d of %d (+%d not listed)"), p->nshown, p->n,
		         p->more);
	else
		snprintf(count, sizeof count, _("%d of %d"), p->nshown, p->n);
	cw = glyphs_width(count);
	wattrset(w, app->col.attr[TR_DIM]);
	put(w, 1, 2, _("Filter: "));
	room = width - 2 - 10 - cw - 3;
	wattrset(w, app->col.attr[TR_TEXT]);
	if (room > 1) {
		const char *shown = p->filter;

		while (glyphs_width(shown) > room - 1)
			shown++; /* keep the end, where typing happens */
		while (((unsigned char)*shown & 0xC0) == 0x80)
			shown++;
		waddstr(w, shown);
		wattrset(w, app->col.attr[TR_TEXT] | A_REVERSE);
		waddch(w, ' '); /* the cursor, drawn: no cursor moves are sent */
		if (!p->flen && room > 20) {
			wattrset(w, app->col.attr[TR_DIM]);
			waddstr(w, _(" type to filter"));
		}
	}
	if (width - 2 - cw > 12) {
		wattrset(w, app->col.attr[TR_DIM]);
		put(w, 1, width - 2 - cw, count);
	}
}

static void draw_row(struct ui_app *app, struct picker *p, WINDOW *w, int y, int idx, const int *wc,
                     int width)
{
	const struct picker_item *it = &p->items[p->shown[idx]];
	bool sel = idx == p->sel;
	attr_t rev = sel ? A_REVERSE : 0;
	attr_t text = (sel ? app->col.attr[TR_SELECTED] : app->col.attr[TR_TEXT]) | rev;
	int x = 3, right = width - 2, xr;
	const char *ell = app->utf8 ? "\xe2\x80\xa6" : "...";

	wattrset(w, text);
	mvwhline(w, y, 1, ' ', width - 2);
	put(w, y, 1, sel ? app->g->sel : " ");
	put_fit(app, w, y, x, it->col[0], wc[0], false, false);
	x += wc[0] + 2;
	/* right-hand figures, from the right edge in */
	xr = right;
	for (int c = p->ncols - 1; c >= 2; c--) {
		if (!wc[c])
			continue;
		xr -= wc[c];
		if (!it->bad) {
			wattrset(w, app->col.attr[it->described ? TR_TEXT : TR_DIM] | rev);
			put_fit(app, w, y, xr, it->described ? it->col[c] : ell, wc[c], false,
			        true);
		}
		xr -= 2;
	}
	if (it->bad) {
		/* why it cannot be opened, over the detail and the figures */
		wattrset(w, app->col.attr[TR_BAD] | rev);
		put_fit(app, w, y, x, it->brief, right - x, false, false);
		return;
	}
	if (wc[1]) {
		wattrset(w, app->col.attr[sel ? TR_SELECTED : TR_DIM] | rev);
		put_fit(app, w, y, x, it->col[1], wc[1], p->detail_left, false);
	}
}

void picker_draw(struct ui_app *app)
{
	struct picker *p = app->picker;
	int avail = app->lay.mode == UI_LAYOUT_TINY ? app->rows : app->rows - 1;
	int h = p->n + 5, width, y0, x0, wc[PICKER_COLS], list_y, head;
	WINDOW *w;

	if (h < 9)
		h = 9;
	if (h > avail)
		h = avail;
	width = app->cols >= 84 ? app->cols - 4 : app->cols;
	if (width > 124)
		width = 124;
	if (p->win)
		delwin((WINDOW *)p->win);
	p->win = NULL;
	if (h < 3 || width < 16)
		return;
	y0 = (avail - h) / 2;
	x0 = (app->cols - width) / 2;
	p->win = w = newwin(h, width, y0, x0);
	if (!w)
		return;
	leaveok(w, TRUE);
	wbkgdset(w, ' ' | app->col.attr[TR_TEXT]);
	werase(w);
	widget_box(app, w, p->title, false, true);
	draw_filter(app, p, w, width);
	head = h >= 6;
	list_y = 2 + head;
	p->page = h - 1 - list_y > 0 ? h - 1 - list_y : 1;
	picker_scroll(p);
	p->list_y = y0 + list_y;
	p->list_x = x0 + 1;
	p->list_w = width - 2;
	picker_layout(p, width - 5, wc);
	if (head) {
		int x = 3 + wc[0] + 2, xr = width - 2;

		wattrset(w, app->col.attr[TR_DIM] | A_UNDERLINE);
		put_fit(app, w, 2, 3, _(p->head[0]), wc[0], false, false);
		if (wc[1])
			put_fit(app, w, 2, x, _(p->head[1]), wc[1], false, false);
		for (int c = p->ncols - 1; c >= 2; c--) {
			if (!wc[c])
				continue;
			xr -= wc[c];
			put_fit(app, w, 2, xr, _(p->head[c]), wc[c], false, true);
			xr -= 2;
		}
	}
	if (p->nshown == 0) {
		char msg[300];

		if (p->n == 0)
			snprintf(msg, sizeof msg, "%s", p->empty ? p->empty : _("nothing here"));
		else
			snprintf(msg, sizeof msg, "nothing matches \"%s\"", p->filter);
		wattrset(w, app->col.attr[TR_DIM]);
		put_fit(app, w, list_y, 3, msg, width - 5, false, false);
	}
	for (int r = 0; r < p->page && p->top + r < p->nshown; r++)
		draw_row(app, p, w, list_y + r, p->top + r, wc, width);
	if (p->nshown > p->page) {
		/* more above / below: the border says so */
		wattrset(w, app->col.attr[TR_BORDER]);
		if (p->top > 0)
			put(w, list_y, width - 1, app->g->up);
		if (p->top + p->page < p->nshown)
			put(w, list_y + p->page - 1, width - 1, app->g->down);
	}
	draw_hints(app, p, w, h - 1, width);
	wattrset(w, app->col.attr[TR_TEXT]);
	wnoutrefresh(w);
}
