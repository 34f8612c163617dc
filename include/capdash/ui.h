/* ui.h — the full-screen dashboard, as seen from main().
 *
 * The only entry point into src/ui/.  Everything curses stays behind it.
 */
#ifndef CAPDASH_UI_H
#define CAPDASH_UI_H

#include <stdbool.h>

#include "capdash/err.h"

struct ui_options {
	const char *scenario_path; /* NULL: config's scenario, else the built-in seed */
	const char *theme;         /* name or file; NULL: config's, else "default" */
	bool no_mouse, no_color, ascii;
	int refresh_hz;         /* 0: config's, else 10 */
	const char *attach_run; /* run directory/id to open in the run pane, or NULL */
	char *const *run_argv;  /* `capdash --run -- CMD...`, or NULL */
	bool yes;               /* start a scenario's run.command without asking */
	/* Non-fatal problems found before the screen starts (a bad theme or
	 * config file: "FILE:LINE:COL: ..."), one call each, for main to print
	 * on stderr.  NULL: they only show in the status line. */
	void (*warn)(const char *msg);
};

/* capdash shot: one frame of the dashboard on sc, drawn without a terminal
 * (nothing is written to the person's tty) and written to out. */
struct scenario;
struct ui_shot_options {
	const struct scenario *sc; /* loaded, --set applied */
	const char *path;          /* sc's file as given, or NULL (built-in) */
	const char *theme;         /* name or file; NULL: the built-in default */
	int cols, rows;
	bool no_color, ascii;
	const char *out; /* the picture's file */
	int format;      /* enum shot_format (capdash/shot.h) */
};
int ui_shot(const struct ui_shot_options *o, struct cd_err *err);

/* Run the dashboard until the user quits.  Restores the terminal on every
 * path.  Returns an exit status (CD_EXIT_*); on failure fills err. */
int ui_main(const struct ui_options *opt, struct cd_err *err);

#endif
