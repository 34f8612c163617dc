/* shot_capture.c — pictures of the dashboard: what ncurses holds on screen
 * (curscr) read into a shot grid (src/shot/), for x in the dashboard and for
 * `capdash shot`, which draws one frame on a terminal of its own that writes
 * to /dev/null (nothing reaches the person's tty).
 *
 * Colours come back from the colour pairs the theme made (color.c), so the
 * picture has exactly the cells and colours the person sees; the terminal's
 * default colours become the theme's text colours, else a dark screen.
 * Start at shot_screen (x) or ui_shot (the command).
 */
#include "ui_int.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "capdash/i18n.h"
#include "capdash/shot.h"

/* A terminal's default colours when the theme leaves them to it: xterm's. */
static const struct shot_rgb default_fg = {229, 229, 229}, default_bg = {0, 0, 0};

static struct shot_rgb theme_rgb(const struct theme_color *c, struct shot_rgb dflt)
{
	if (c->kind == TC_RGB)
		return (struct shot_rgb){c->r, c->g, c->b};
	if (c->kind == TC_INDEX)
		return shot_palette(c->index);
	return dflt;
}

/* The colour curses colour number n stands for. */
static struct shot_rgb curses_rgb(int n, struct shot_rgb dflt)
{
	if (n < 0)
		return dflt;
	if (COLORS > 256 && n >= 8) /* direct colour: 0xRRGGBB */
		return (struct shot_rgb){(uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
	return shot_palette(n);
}

static void cell_utf8(const wchar_t *wc, char *out, size_t size)
{
	mbstate_t ms;
	size_t n = 0;

	memset(&ms, 0, sizeof ms);
	for (int i = 0; wc[i] && i < CCHARW_MAX; i++) {
		char mb[MB_LEN_MAX];
		size_t k = wcrtomb(mb, wc[i], &ms);

		if (k == (size_t)-1 || n + k >= size)
			break;
		memcpy(out + n, mb, k);
		n += k;
	}
	out[n] = 0;
	if (!n)
		snprintf(out, size, " ");
}

/* The screen as it stands (curscr) into g, made here at the screen's size. */
static int capture(const struct ui_app *app, struct shot_grid *g)
{
	struct shot_rgb fg0 = theme_rgb(&app->theme.role[TR_TEXT].fg, default_fg);
	struct shot_rgb bg0 = theme_rgb(&app->theme.role[TR_TEXT].bg, default_bg);
	int rows, cols;

	if (!app->col.color) {
		fg0 = default_fg; /* mono: the terminal's own colours */
		bg0 = default_bg;
	}
	getmaxyx(curscr, rows, cols);
	if (shot_grid_init(g, cols, rows, fg0, bg0) != 0)
		return -1;
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t attrs = 0;
			short pair = 0;
			int ipair = 0, f = -1, b = -1, w;
			unsigned at = 0;
			struct shot_rgb fg, bg, t;
			char text[SHOT_TEXT_MAX];

			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				continue;
			memset(wc, 0, sizeof wc);
			if (getcchar(&cc, wc, &attrs, &pair, &ipair) == ERR)
				continue;
			if (ipair <= 0)
				ipair = pair;
			if (ipair > 0)
				extended_pair_content(ipair, &f, &b);
			fg = curses_rgb(f, fg0);
			bg = curses_rgb(b, bg0);
			if (attrs & A_REVERSE) {
				t = fg;
				fg = bg;
				bg = t;
			}
			if (attrs & A_BOLD)
				at |= SHOT_BOLD;
			if (attrs & A_DIM)
				at |= SHOT_DIM;
			if (attrs & A_UNDERLINE)
				at |= SHOT_UNDERLINE;
			cell_utf8(wc, text, sizeof text);
			w = wc[0] ? wcwidth(wc[0]) : 1;
			shot_grid_put(g, x, y, text, fg, bg, at, w == 2);
			if (w == 2)
				x++; /* curscr's next cell is this one's right half */
		}
	return 0;
}

/* "capdash-20261202-170500" in dir ("" = here), with -2, -3 ... when a
 * picture of that second is there already.  Returns the name's length or -1. */
static int shot_name(const char *dir, char *out, size_t size)
{
	char stamp[40], png[4200];
	time_t now = time(NULL);
	struct tm tm;
	const char *home = getenv("HOME");

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "capdash-%Y%m%d-%H%M%S", &tm);
	for (int k = 1; k < 100; k++) {
		char suffix[8] = "";

		if (k > 1)
			snprintf(suffix, sizeof suffix, "-%d", k);
		if (!dir[0])
			snprintf(out, size, "%s%s", stamp, suffix);
		else if (dir[0] == '~' && dir[1] == '/' && home)
			snprintf(out, size, "%s/%s/%s%s", home, dir + 2, stamp, suffix);
		else
			snprintf(out, size, "%s%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			         stamp, suffix);
		snprintf(png, sizeof png, "%s.png", out);
		if (access(png, F_OK) != 0)
			return (int)strlen(out);
	}
	return -1;
}

void shot_screen(struct ui_app *app)
{
	struct shot_grid g;
	struct cd_err err;
	char base[4100], path[4200], msg[700];

	cd_err_clear(&err);
	if (shot_name(app->shot_dir, base, sizeof base) < 0) {
		app_message(app, true, _("screenshot: too many pictures this second"));
		return;
	}
	/* keys before x in the same read are not drawn yet; a new theme's
	 * pairs have even blanked curscr's cells that use them */
	loop_render_pending(app);
	if (capture(app, &g) != 0) {
		app_message(app, true, _("screenshot: out of memory"));
		return;
	}
	snprintf(path, sizeof path, "%s.png", base);
	if (shot_write(&g, path, SHOT_FMT_PNG, &err) == 0) {
		snprintf(path, sizeof path, "%s.txt", base);
		if (shot_write(&g, path, SHOT_FMT_TXT, &err) == 0)
			cd_err_clear(&err);
	}
	shot_grid_done(&g);
	if (err.code != CD_ERR_NONE)
		app_message(app, true, _("screenshot: %s"), cd_err_str(&err, msg, sizeof msg));
	else
		app_message(app, false, _("screenshot: %s.png and .txt"), base);
}

/* ---- capdash shot: one frame without a terminal ---- */

static SCREEN *headless_term(FILE *out, FILE *in)
{
	/* direct colour gives the theme's exact #rrggbb where terminfo has it */
	static const char *const terms[] = {"xterm-direct", "xterm-256color", "xterm"};
	SCREEN *s = NULL;

	for (size_t i = 0; i < sizeof terms / sizeof terms[0] && !s; i++)
		s = newterm(terms[i], out, in);
	return s;
}

int ui_shot(const struct ui_shot_options *o, struct cd_err *err)
{
	struct ui_app *app = calloc(1, sizeof *app);
	char *old_locale = NULL;
	const char *cs, *lc;
	struct shot_grid g;
	struct cd_err terr;
	FILE *out = NULL, *in = NULL;
	SCREEN *scr = NULL;
	int rc = -1;

	cd_err_clear(err);
	if (!app)
		return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "%s", _("out of memory"));
	/* a picture is drawn in UTF-8 whatever this terminal speaks */
	lc = setlocale(LC_CTYPE, NULL);
	old_locale = lc ? strdup(lc) : NULL;
	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	cs = nl_langinfo(CODESET);
	app->opt.theme = o->theme;
	app->opt.no_mouse = true;
	app->dragging = -1;
	app->utf8 = cs && strcmp(cs, "UTF-8") == 0 && !o->ascii;
	app->g = glyphs_get(app->utf8);
	app->use_color = !o->no_color;
	app->refresh_hz = 10;
	if (app_init_scenario(app, o->sc, o->path) != 0) {
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "%s", _("out of memory"));
		goto done;
	}
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (!out || !in) {
		cd_err_set(err, CD_ERR_IO, "/dev/null", 0, 0, "%s", strerror(errno));
		goto done;
	}
	use_env(FALSE); /* LINES and COLUMNS of this shell are not the picture's */
	scr = headless_term(out, in);
	if (!scr) {
		cd_err_set(err, CD_ERR_STATE, NULL, 0, 0, "%s",
		           _("no terminfo entry for xterm-256color"));
		goto done;
	}
	resizeterm(o->rows, o->cols);
	if (app->use_color && has_colors()) {
		start_color();
		use_default_colors();
	}
	if (ui_theme_set(app, o->theme, &terr) != 0 && o->theme && *o->theme) {
		*err = terr;
		err->code = CD_ERR_USAGE; /* the person's --theme: exit 2 */
		goto done;
	}
	if (pane_run_init(app) != 0) {
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "%s", _("out of memory"));
		goto done;
	}
	loop_draw_frame(app);
	if (capture(app, &g) != 0) {
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "%s", _("out of memory"));
		goto done;
	}
	rc = shot_write(&g, o->out, o->format, err);
	shot_grid_done(&g);
done:
	if (scr) {
		loop_drop_windows(app);
		endwin();
		delscreen(scr);
	}
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	pane_run_done(app);
	undo_done(&app->undo);
	files_free(app);
	scenario_done(&app->sc);
	scenario_done(&app->base);
	free(app);
	if (old_locale) {
		setlocale(LC_CTYPE, old_locale);
		free(old_locale);
	}
	return rc;
}
