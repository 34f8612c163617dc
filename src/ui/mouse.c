/* mouse.c — mouse input in SGR 1006 mode (works past column 223, in xterm,
 * tmux and over SSH).  The reports are parsed here rather than by ncurses
 * because ncurses picks its report format from terminfo, and TERM=screen or
 * tmux-256color describe the old X10 format even when the terminal speaks
 * SGR.  A click selects a slider, a click or drag on its track sets the
 * value, the wheel steps it.  Turned off by --no-mouse or config.
 *
 * The mode request must reach the terminal while the dashboard runs: it is
 * written straight to the terminal (not through stdio, whose buffer a tty
 * only flushes at a newline or at exit), after ncurses has flushed its own
 * output, so it lands after the switch to the alternate screen. */
#include "ui_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* 1000: clicks, 1002: drags, 1006: SGR coordinates */
#define MOUSE_ON "\033[?1000h\033[?1002h\033[?1006h"
#define MOUSE_OFF "\033[?1006l\033[?1002l\033[?1000l"

static void term_write(const char *s)
{
	size_t len = strlen(s);

	fflush(stdout); /* anything stdio holds goes first */
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the terminal is gone: nothing to switch */
		s += n;
		len -= (size_t)n;
	}
}

void mouse_enable(struct ui_app *app, bool on)
{
	if (!app->mouse)
		return;
	term_write(on ? MOUSE_ON : MOUSE_OFF);
	app->mouse_on = on;
}

/* "b;x;yM" (press/drag) or "b;x;ym" (release); c is its first byte. */
static bool parse_sgr_from(WINDOW *w, int c, struct ui_mouse_ev *ev)
{
	int num[3] = {0, 0, 0}, k = 0;

	for (int guard = 0; guard < 32; guard++, c = wgetch(w)) {
		if (c >= '0' && c <= '9') {
			if (num[k] < 100000)
				num[k] = num[k] * 10 + (c - '0');
		} else if (c == ';' && k < 2) {
			k++;
		} else if ((c == 'M' || c == 'm') && k == 2) {
			ev->button = num[0] & ~(4 | 8 | 16 | 32);
			ev->drag = (num[0] & 32) != 0;
			ev->press = c == 'M';
			ev->x = num[1] - 1;
			ev->y = num[2] - 1;
			return true;
		} else {
			return false;
		}
	}
	return false;
}

bool mouse_parse_sgr(WINDOW *w, struct ui_mouse_ev *ev)
{
	return parse_sgr_from(w, wgetch(w), ev);
}

/* The three bytes after ESC [ M: button, column and row, each plus 32. */
static bool parse_x10_from(WINDOW *w, int b, struct ui_mouse_ev *ev)
{
	int x = wgetch(w), y = wgetch(w);

	if (b < 32 || x < 33 || y < 33 || b > 255 || x > 255 || y > 255)
		return false;
	b -= 32;
	ev->drag = (b & 32) != 0;
	ev->press = (b & 3) != 3; /* X10 reports every release as button 3 */
	ev->button = ev->press ? b & ~(4 | 8 | 16 | 32) : 0;
	ev->x = x - 33;
	ev->y = y - 33;
	return true;
}

bool mouse_parse_x10(WINDOW *w, struct ui_mouse_ev *ev)
{
	return parse_x10_from(w, wgetch(w), ev);
}

bool mouse_parse_rest(WINDOW *w, struct ui_mouse_ev *ev)
{
	int c = wgetch(w);

	if (c == '<') /* kmous said ESC [ only; the terminal speaks SGR */
		return mouse_parse_sgr(w, ev);
	if (c >= '0' && c <= '9')
		return parse_sgr_from(w, c, ev);
	return parse_x10_from(w, c, ev);
}

static int item_at(const struct ui_app *app, int x, int y, bool track_only)
{
	for (int i = 0; i < app->nitems; i++) {
		if (app->row_y[i] != y || x < app->row_x0[i] || x >= app->row_x1[i])
			continue;
		if (!track_only || (x >= app->track_x[i] && x < app->track_x[i] + app->track_w[i]))
			return i;
	}
	return -1;
}

static void set_from_track(struct ui_app *app, int i, int x)
{
	struct slider_spec s = app_spec(app, app->item[i].key);
	int pos = x - app->track_x[i];

	if (pos < 0)
		pos = 0;
	if (pos >= app->track_w[i])
		pos = app->track_w[i] - 1;
	app_set(app, app->item[i].key, slider_value_at(&s, pos, app->track_w[i]), true);
}

void mouse_event(struct ui_app *app, const struct ui_mouse_ev *ev)
{
	bool on_track;
	int i;

	if (app->help) {
		if (ev->button == 64 || ev->button == 65) { /* the wheel scrolls it */
			help_key(app, ev->button == 64 ? KEY_UP : KEY_DOWN);
			return;
		}
		app->help = false;
		app->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	if (ev->button == 64 || ev->button == 65) {
		i = item_at(app, ev->x, ev->y, false);
		if (i >= 0)
			app_select(app, i);
		app_do(app, ev->button == 64 ? UA_INC : UA_DEC);
		return;
	}
	if (ev->button != 0)
		return;
	if (!ev->press) {
		app->dragging = -1;
		return;
	}
	if (ev->drag && app->dragging >= 0) {
		set_from_track(app, app->dragging, ev->x);
		return;
	}
	i = item_at(app, ev->x, ev->y, false);
	if (i < 0)
		return;
	on_track = item_at(app, ev->x, ev->y, true) == i;
	/* the value first, from the track as drawn: selecting a role's row
	 * may move the start-month row and so the items' indices */
	if (on_track)
		set_from_track(app, i, ev->x);
	app_select(app, i);
	if (on_track)
		app->dragging = app->sel; /* the same input, at its index now */
}
