/* ui_main.c — the dashboard's entry point: read the config, the scenario and
 * the theme, set up the terminal and the signal self-pipe, run the loop, and
 * put the terminal back on every way out.
 *
 * Must not print (main does, through opt->warn and err) or exit.  Signal
 * handlers only write the signal number into the self-pipe; loop.c acts on
 * it.  Start at ui_main, then loop.c.
 */
#include "ui_int.h"
#include "seek_form.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sig_wfd = -1;

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (write(sig_wfd, &c, 1) < 0) {
		/* the pipe is full: the loop already has signals to read */
	}
	errno = saved;
}

static const int handled[] = {SIGWINCH, SIGTSTP, SIGCONT, SIGINT, SIGTERM, SIGHUP};
#define NHANDLED ((int)(sizeof handled / sizeof handled[0]))

static int signals_start(int fds[2], struct sigaction *old)
{
	struct sigaction sa;

	if (pipe(fds) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
		fcntl(fds[i], F_SETFL, O_NONBLOCK);
	}
	sig_wfd = fds[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	/* installed before curses starts, so ncurses leaves these signals to us */
	for (int i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &sa, &old[i]);
	return 0;
}

static void signals_stop(int fds[2], const struct sigaction *old)
{
	for (int i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &old[i], NULL);
	close(fds[0]);
	close(fds[1]);
	sig_wfd = -1;
}

static void warn(struct ui_app *app, const char *msg)
{
	if (app->opt.warn)
		app->opt.warn(msg);
	app_message(app, true, "%s", msg);
}

static void load_config(struct ui_app *app, struct userconf *uc)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4200], msg[700];
	struct cd_errlist errs;

	memset(uc, 0, sizeof *uc);
	uc->mouse = uc->ascii = -1;
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/capdash/config.yaml", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/capdash/config.yaml", home);
	else
		return;
	cd_errlist_init(&errs);
	if (userconf_load(path, uc, &errs) != 0) {
		for (size_t i = 0; i < errs.n; i++)
			warn(app, cd_err_str(&errs.v[i], msg, sizeof msg));
	}
	cd_errlist_done(&errs);
}

static int load_scenario(struct ui_app *app, const char *path, struct cd_err *err)
{
	struct scenario sc;
	struct cd_errlist errs;
	int rc;

	memset(&sc, 0, sizeof sc);
	if (!path || !*path) {
		scenario_builtin_seed(&sc);
		rc = app_init_scenario(app, &sc, NULL);
		scenario_done(&sc);
		return rc == 0 ? 0 : cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
	}
	cd_errlist_init(&errs);
	rc = app_load_scenario(app, path, &errs);
	if (rc == -1) {
		if (errs.n) {
			*err = errs.v[0];
			if (errs.n > 1) {
				size_t l = strlen(err->msg);

				snprintf(err->msg + l, sizeof err->msg - l,
				         " (%zu more problems: capdash validate %s)", errs.n - 1,
				         path);
			}
		} else {
			cd_err_set(err, CD_ERR_IO, path, 0, 0, "cannot load");
		}
	}
	cd_errlist_done(&errs);
	if (rc == -1)
		return -1;
	return rc == 0 ? 0 : cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* Keys terminals send that their terminfo entry may not describe (tmux with
 * TERM=screen, xterm's modified arrows, arrows in either cursor-key mode:
 * a terminal that ignored smkx, or a script). */
static void define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
	        {"\033[1;2D", KEY_SLEFT}, {"\033[1;2C", KEY_SRIGHT}, {"\033[H", KEY_HOME},
	        {"\033[F", KEY_END},      {"\033[1~", KEY_HOME},     {"\033[4~", KEY_END},
	        {"\033OH", KEY_HOME},     {"\033OF", KEY_END},       {"\033[7~", KEY_HOME},
	        {"\033[8~", KEY_END},     {"\033OP", KEY_F(1)},      {"\033[11~", KEY_F(1)},
	        {"\033[5~", KEY_PPAGE},   {"\033[6~", KEY_NPAGE},    {"\033[A", KEY_UP},
	        {"\033[B", KEY_DOWN},     {"\033[C", KEY_RIGHT},     {"\033[D", KEY_LEFT},
	        {"\033OA", KEY_UP},       {"\033OB", KEY_DOWN},      {"\033OC", KEY_RIGHT},
	        {"\033OD", KEY_LEFT},
	};

	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
	/* Mouse reports are parsed by mouse.c, whatever terminfo says. */
	keyok(KEY_MOUSE, FALSE);
}

static bool want_color(const struct ui_options *opt)
{
	const char *nc = getenv("NO_COLOR");

	return !opt->no_color && !(nc && *nc);
}

static void app_free(struct ui_app *app)
{
	scenario_done(&app->sc);
	scenario_done(&app->base);
	undo_done(&app->undo);
	seek_form_close(app);
	files_free(app);
	pane_run_done(app);
}

int ui_main(const struct ui_options *opt, struct cd_err *err)
{
	static struct ui_app app; /* one dashboard per process; keeps it off the stack */
	struct sigaction old[NHANDLED];
	struct userconf uc;
	struct cd_err terr;
	char msg[700];
	SCREEN *scr;
	int fds[2], rc;
	const char *cs, *theme;

	memset(&app, 0, sizeof app);
	app.opt = *opt;
	app.dragging = -1;
	cd_err_clear(err);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		           "the dashboard needs a terminal (for output to a file or pipe use: "
		           "capdash calc)");
		return CD_EXIT_USAGE;
	}
	setlocale(LC_ALL, "");
	/* numbers in files and the protocol keep their '.' (cd_i18n_init) */
	setlocale(LC_NUMERIC, "C");
	cs = nl_langinfo(CODESET);
	load_config(&app, &uc);
	app.utf8 = cs && strcmp(cs, "UTF-8") == 0 && !opt->ascii && uc.ascii != 1;
	app.g = glyphs_get(app.utf8);
	app.mouse = !opt->no_mouse && uc.mouse != 0;
	app.use_color = want_color(opt);
	snprintf(app.shot_dir, sizeof app.shot_dir, "%s", uc.screenshots_dir);
	app.refresh_hz = opt->refresh_hz > 0 ? opt->refresh_hz
	                 : uc.refresh_hz > 0 ? uc.refresh_hz
	                                     : 10;
	if (load_scenario(&app, opt->scenario_path ? opt->scenario_path : uc.scenario, err) != 0) {
		app_free(&app);
		return err->code == CD_ERR_IO ? CD_EXIT_NOINPUT : CD_EXIT_DATAERR;
	}
	if (signals_start(fds, old) != 0) {
		app_free(&app);
		cd_err_set(err, CD_ERR_IO, NULL, 0, 0, "pipe: %s", strerror(errno));
		return CD_EXIT_FAIL;
	}
	app.sig_rfd = fds[0];
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		signals_stop(fds, old);
		app_free(&app);
		cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0, "cannot use terminal type \"%s\"",
		           getenv("TERM") ? getenv("TERM") : "");
		return CD_EXIT_USAGE;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	if (app.use_color && has_colors()) {
		start_color();
		use_default_colors();
	}
	define_keys();
	theme = opt->theme ? opt->theme : uc.theme;
	if (ui_theme_set(&app, theme, &terr) != 0)
		warn(&app, cd_err_str(&terr, msg, sizeof msg));
	files_recovery_offer(&app);
	if (pane_run_init(&app) != 0)
		app_message(&app, true, "training pane: out of memory");
	rc = loop_run(&app); /* asks for the mouse after its first repaint */
	if (app.mouse_on)
		mouse_enable(&app, false);
	endwin();
	delscreen(scr);
	signals_stop(fds, old);
	if (rc == SIGTERM || rc == SIGHUP) {
		bool unsaved = app_modified(&app);

		if (unsaved && files_recovery_write(&app) != 0) {
			cd_err_set(err, CD_ERR_IO, NULL, 0, 0,
			           "terminated by signal %d; the unsaved changes could not be "
			           "written to "
			           "the recovery directory",
			           rc);
		} else if (unsaved) {
			cd_err_set(
			        err, CD_ERR_STATE, NULL, 0, 0,
			        "terminated by signal %d; unsaved changes kept for the next start",
			        rc);
		}
		app_free(&app);
		return unsaved ? CD_EXIT_FAIL : CD_EXIT_OK;
	}
	app_free(&app);
	return rc < 0 ? CD_EXIT_FAIL : CD_EXIT_OK;
}
