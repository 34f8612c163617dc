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

/* Run the dashboard until the user quits.  Restores the terminal on every
 * path.  Returns an exit status (CD_EXIT_*); on failure fills err. */
int ui_main(const struct ui_options *opt, struct cd_err *err);

#endif
