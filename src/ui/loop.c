/* loop.c — the one event loop: poll() over the keyboard and the signal
 * self-pipe, then one render for whatever the handlers marked dirty.
 *
 * Other sources (the run pane's files) join with loop_watch, timers with
 * loop_timer.  Rules that keep it cheap: poll waits forever when no timer
 * is set (no cursor blink, no ticks: idle costs 0 bytes and 0 CPU); a pane is redrawn
 * only when its dirty bit is set, and then ncurses sends only the cells that
 * differ (wnoutrefresh per window, one doupdate); the screen is cleared only
 * after a resize, a suspend or Ctrl-L.  Start at loop_run.
 */
#include "ui_int.h"
#include "seek_form.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static const struct ui_pane_ops *const panes_table[UI_PANE__COUNT] = {
        [UI_PANE_BUDGET] = &pane_budget_ops,
        [UI_PANE_RUN] = &pane_run_ops,
        [UI_PANE_PRESENT] = &pane_present_ops,
};

const struct ui_pane_ops *pane_ops(const struct ui_app *app, enum ui_pane_id p)
{
	if (p == UI_PANE_RUN && app->timeline)
		return &pane_timeline_ops; /* m: in the run pane's place */
	return panes_table[p];
}

static WINDOW *inwin; /* a 1x1 pad: reading keys from it never repaints anything */

static void drop_windows(struct ui_app *app)
{
	for (int p = 0; p < UI_PANE__COUNT; p++) {
		if (app->win[p])
			delwin(app->win[p]);
		app->win[p] = NULL;
	}
	if (app->bar)
		delwin(app->bar);
	if (app->overlay)
		delwin(app->overlay);
	app->bar = app->overlay = NULL;
}

void loop_relayout(struct ui_app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	layout_compute(app->cols, app->rows, app->tab, app->present, &app->lay);
	if (app->present && !present_visible(app, app->sel))
		app_present_select(app); /* a smaller screen hid the selected slider */
	drop_windows(app);
	for (int p = 0; p < UI_PANE__COUNT; p++) {
		struct ui_rect r = app->lay.pane[p];

		if (r.w <= 0 || r.h <= 0)
			continue;
		app->win[p] = newwin(r.h, r.w, r.y, r.x);
		if (app->win[p]) {
			leaveok(app->win[p], TRUE);
			if (panes_table[p]->resize)
				panes_table[p]->resize(app, r.w, r.h);
		}
	}
	if (app->lay.mode == UI_LAYOUT_TINY)
		app->bar = newwin(app->rows, app->cols, 0, 0); /* the whole screen: clears it */
	else
		app->bar = newwin(1, app->lay.bar.w, app->lay.bar.y, 0);
	if (app->bar)
		leaveok(app->bar, TRUE);
	widget_hits_clear(app);
	/* a mode change leaves old cells behind: start from a blank screen */
	werase(stdscr);
	wnoutrefresh(stdscr);
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_RUN | UI_DIRTY_PRESENT | UI_DIRTY_BAR;
}

static void draw_tiny(struct ui_app *app)
{
	char f[48], line[160];

	wbkgdset(app->bar, ' ' | app->col.attr[TR_TEXT]);
	werase(app->bar);
	if (app->res_ok)
		money_format(app->res.capital, ui_money(MONEY_COMPACT), f, sizeof f);
	else
		snprintf(f, sizeof f, "?");
	if (app->prompt.kind != UI_PROMPT_NONE)
		snprintf(line, sizeof line, "%s", app->prompt.label);
	else
		snprintf(line, sizeof line, _("F %s%s  q quits  %dx%d: enlarge"), f,
		         app_modified(app) ? "*" : "", app->cols, app->rows);
	wattrset(app->bar, app->col.attr[TR_CAPITAL]);
	mvwaddnstr(app->bar, 0, 0, line, app->cols);
	wnoutrefresh(app->bar);
}

static void render(struct ui_app *app)
{
	bool full = app->dirty & UI_DIRTY_FULL;

	if (full)
		clearok(curscr, TRUE);
	if (app->dirty & UI_DIRTY_LAYOUT)
		loop_relayout(app);
	if (!app->bar) {
		app->dirty = 0;
		return;
	}
	if (app->lay.mode == UI_LAYOUT_TINY) {
		draw_tiny(app);
	} else {
		bool below = false;

		/* a new measured speed shows in the budget pane when the run pane
		 * is redrawn: both at the run pane's refresh cap */
		if ((app->dirty & UI_DIRTY_RUN) && app->meas.stale)
			app->dirty |= UI_DIRTY_BUDGET;
		for (int p = 0; p < UI_PANE__COUNT; p++) {
			WINDOW *w = app->win[p];

			if (!w || !(app->dirty & (1u << p)))
				continue;
			wbkgdset(w, ' ' | app->col.attr[TR_TEXT]);
			werase(w);
			pane_ops(app, (enum ui_pane_id)p)->draw(app, w);
			wnoutrefresh(w);
			below = true;
		}
		if (app->dirty & UI_DIRTY_BAR) {
			keybar_draw(app, app->bar);
			wnoutrefresh(app->bar);
			below = true;
		}
		if (app->help && (below || !app->overlay))
			help_draw(app);
	}
	if (app->picker)
		picker_draw(app); /* over the panes: o and a's list */
	if (app->seek && app->lay.mode != UI_LAYOUT_TINY)
		seek_form_draw(app); /* g's form, over the panes */
	doupdate();
	/* after doupdate: the alternate screen is on and ncurses' bytes are out.
	 * A full repaint follows a resume or Ctrl-L, when a terminal may have
	 * been reset, so the request goes again then. */
	if (app->mouse && (!app->mouse_on || full))
		mouse_enable(app, true);
	app->dirty = 0;
}

void loop_draw_frame(struct ui_app *app)
{
	app->dirty |= UI_DIRTY_LAYOUT | UI_DIRTY_FULL;
	render(app);
}

void loop_render_pending(struct ui_app *app)
{
	if (app->dirty)
		render(app);
}

void loop_drop_windows(struct ui_app *app)
{
	drop_windows(app);
}

static void resize_now(struct ui_app *app)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	app->dirty |= UI_DIRTY_LAYOUT | UI_DIRTY_FULL;
}

static void suspend(struct ui_app *app)
{
	struct sigaction sa, old;

	mouse_enable(app, false);
	endwin();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP); /* stops here until fg */
	sigaction(SIGTSTP, &old, NULL);
	resize_now(app); /* the repaint asks for the mouse again */
}

static void on_mouse(struct ui_app *app, const struct ui_mouse_ev *ev)
{
	if (!app->mouse || app->prompt.kind)
		return;
	if (app->seek)
		return; /* the form is keys only; not the panes under it */
	if (app->picker)
		picker_mouse(app, ev); /* not the panes under it */
	else
		mouse_event(app, ev);
}

static void on_key(struct ui_app *app, int c)
{
	struct ui_mouse_ev ev;
	const struct ui_pane_ops *ops;
	enum ui_pane_id focus;
	enum ui_action a;

	if (c == KEY_RESIZE)
		return; /* the SIGWINCH path already relaid out */
	if (c == KEY_MOUSE) {
		/* terminfo's kmous matched the report's start (xterm-256color:
		 * ESC [ <; screen, tmux: ESC [ M): the rest is still to read */
		if (mouse_parse_rest(inwin, &ev))
			on_mouse(app, &ev);
		return;
	}
	if (c == 27) {
		int c2 = wgetch(inwin);

		if (c2 == '[') {
			int c3 = wgetch(inwin);

			if (c3 == '<' || c3 == 'M') {
				if (c3 == '<' ? mouse_parse_sgr(inwin, &ev)
				              : mouse_parse_x10(inwin, &ev))
					on_mouse(app, &ev);
				return;
			}
			while (c3 != ERR && !(c3 >= 0x40 && c3 <= 0x7e))
				c3 = wgetch(inwin); /* an unknown sequence: swallow it */
			return;
		}
		if (c2 != ERR)
			return; /* Alt-something: nothing is bound to it */
	}
	if (app->status[0] && app->prompt.kind == UI_PROMPT_NONE) {
		app->status[0] = 0;
		app->dirty |= UI_DIRTY_BAR;
	}
	if (app->prompt.kind != UI_PROMPT_NONE) {
		prompt_key(app, c);
		if (app->lay.mode == UI_LAYOUT_TINY)
			app->dirty |= UI_DIRTY_BAR;
		return;
	}
	if (app->picker) {
		picker_key(app, c);
		return;
	}
	if (app->seek) {
		seek_form_key(app, c);
		return;
	}
	if (app->help) {
		if (help_key(app, c))
			return;
		app->help = false; /* q, Esc or any other key closes it */
		app->dirty |= UI_DIRTY_LAYOUT;
		return;
	}
	if (app->lay.mode == UI_LAYOUT_TINY) {
		a = keys_lookup(c);
		if (a == UA_QUIT || a == UA_REDRAW || a == UA_UNDO || a == UA_SAVE)
			app_do(app, a);
		app->dirty |= UI_DIRTY_BAR;
		return;
	}
	focus = app->present ? UI_PANE_PRESENT : app->tab;
	ops = pane_ops(app, focus);
	/* Esc closes the timeline view wherever the focus is */
	if (app->timeline && !app->present && c == 27)
		ops = &pane_timeline_ops;
	if (ops->key && ops->key(app, c))
		return;
	a = keys_lookup(c);
	if (a >= UA_SEL_UP && a <= UA_TYPE && !app->win[UI_PANE_BUDGET] && !app->present) {
		app_message(app, false, _("the budget is hidden: Tab shows it"));
		return;
	}
	app_do(app, a);
}

static int on_signals(struct ui_app *app)
{
	unsigned char sigs[64];
	ssize_t n = read(app->sig_rfd, sigs, sizeof sigs);
	bool winch = false;

	for (ssize_t i = 0; i < n; i++) {
		switch (sigs[i]) {
		case SIGWINCH:
			winch = true; /* a storm of them becomes one relayout */
			break;
		case SIGTSTP:
			suspend(app);
			break;
		case SIGCONT:
			winch = true;
			break;
		case SIGINT:
			app_quit(app);
			break;
		case SIGTERM:
		case SIGHUP:
			return sigs[i];
		default:
			break;
		}
	}
	if (winch)
		resize_now(app);
	return 0;
}

int64_t loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int loop_watch(struct ui_app *app, int fd, short events, ui_fd_cb cb, void *ctx)
{
	if (app->nwatch >= UI_MAX_WATCH)
		return -1;
	app->watch[app->nwatch++] = (struct ui_watch){fd, events, cb, ctx};
	return 0;
}

void loop_unwatch(struct ui_app *app, int fd)
{
	for (int i = 0; i < app->nwatch; i++)
		if (app->watch[i].fd == fd) {
			app->watch[i] = app->watch[--app->nwatch];
			i--;
		}
}

int loop_timer(struct ui_app *app, int in_ms, ui_timer_cb cb, void *ctx)
{
	for (int i = 0; i < UI_MAX_TIMERS; i++)
		if (!app->timer[i].due_ms) {
			app->timer[i] = (struct ui_timer){
			        loop_now_ms() + (in_ms > 0 ? in_ms : 0) + 1, cb, ctx};
			return 0;
		}
	return -1;
}

/* poll()'s timeout: until the next timer, or forever when there is none. */
static int next_timeout(const struct ui_app *app)
{
	int64_t now = loop_now_ms(), best = -1;

	for (int i = 0; i < UI_MAX_TIMERS; i++) {
		int64_t left;

		if (!app->timer[i].due_ms)
			continue;
		left = app->timer[i].due_ms - now;
		if (left < 0)
			left = 0;
		if (best < 0 || left < best)
			best = left;
	}
	return best > INT32_MAX ? INT32_MAX : (int)best;
}

static void run_timers(struct ui_app *app)
{
	int64_t now = loop_now_ms();

	for (int i = 0; i < UI_MAX_TIMERS; i++) {
		struct ui_timer t = app->timer[i];

		if (!t.due_ms || t.due_ms > now)
			continue;
		app->timer[i].due_ms = 0; /* one-shot: the callback may re-arm it */
		t.cb(app, t.ctx);
	}
}

int loop_run(struct ui_app *app)
{
	struct pollfd fds[2 + UI_MAX_WATCH];
	int rc = 0, nw;

	inwin = newpad(1, 1);
	if (!inwin)
		return -1;
	keypad(inwin, TRUE);
	nodelay(inwin, TRUE);
	app->dirty |= UI_DIRTY_LAYOUT;
	while (!app->quit) {
		if (app->dirty)
			render(app);
		fds[0] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
		fds[1] = (struct pollfd){.fd = app->sig_rfd, .events = POLLIN};
		nw = app->nwatch;
		for (int i = 0; i < nw; i++)
			fds[2 + i] = (struct pollfd){.fd = app->watch[i].fd,
			                             .events = app->watch[i].events};
		if (poll(fds, (nfds_t)(2 + nw), next_timeout(app)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		run_timers(app);
		for (int i = 0; i < nw && i < app->nwatch; i++)
			if (fds[2 + i].revents && app->watch[i].fd == fds[2 + i].fd)
				app->watch[i].cb(app, fds[2 + i].fd, fds[2 + i].revents,
				                 app->watch[i].ctx);
		if (fds[1].revents & POLLIN) {
			int sig = on_signals(app);

			if (sig) {
				rc = sig;
				break;
			}
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* the terminal went away (a dropped SSH connection): like SIGHUP */
			rc = SIGHUP;
			break;
		}
		if (fds[0].revents & POLLIN) {
			int c;

			while (!app->quit && (c = wgetch(inwin)) != ERR)
				on_key(app, c);
		}
	}
	delwin(inwin);
	inwin = NULL;
	drop_windows(app);
	for (int p = 0; p < UI_PANE__COUNT; p++)
		if (panes_table[p]->free)
			panes_table[p]->free(app);
	return rc;
}
