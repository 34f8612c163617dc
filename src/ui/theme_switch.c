/* theme_switch.c — finding, loading and cycling themes (t, --theme).
 *
 * A theme is named ("dark": themes/dark.yaml in the usual directories,
 * "default": built in) or given as a file.  A bad file never stops the
 * dashboard: its FILE:LINE:COL error goes to the status line and the
 * built-in default is used.  Parsing itself is theme_load's (src/config/).
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const cycle[] = {"default",       "dark",           "light",
                                    "high-contrast", "solarized-dark", "mono"};
#define NCYCLE ((int)(sizeof cycle / sizeof cycle[0]))

static bool is_file(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0);
}

/* Path of the theme called name, or "" when no directory has it. */
static void find_theme(const char *name, char *path, size_t size)
{
	char dirs[6][4096];
	int nd = files_dirs("themes", dirs, 6);

	path[0] = 0;
	for (int i = 0; i < nd; i++) {
		snprintf(path, size, "%.4000s/%.100s.yaml", dirs[i], name);
		if (access(path, R_OK) == 0)
			return;
	}
	path[0] = 0;
}

int ui_theme_set(struct ui_app *app, const char *spec, struct cd_err *err)
{
	struct cd_errlist errs;
	struct theme t;
	char path[4200];
	int rc = 0;

	cd_err_clear(err);
	if (!spec || !*spec)
		spec = "default";
	if (is_file(spec)) {
		snprintf(path, sizeof path, "%s", spec);
	} else {
		find_theme(spec, path, sizeof path);
		if (!path[0] && strcmp(spec, "default") != 0) {
			cd_err_set(
			        err, CD_ERR_IO, NULL, 0, 0,
			        "no theme called \"%s\" (themes/%s.yaml not found); using default",
			        spec, spec);
			rc = -1;
		}
	}
	if (!path[0]) {
		theme_builtin_default(&t);
	} else {
		cd_errlist_init(&errs);
		if (theme_load(path, &t, &errs) != 0) {
			if (errs.n)
				*err = errs.v[0];
			else
				cd_err_set(err, CD_ERR_SYNTAX, path, 0, 0, "bad theme file");
			theme_builtin_default(&t);
			rc = -1;
		}
		cd_errlist_done(&errs);
	}
	app->theme = t;
	app->theme_idx = 0;
	for (int i = 0; i < NCYCLE; i++)
		if (strcmp(cycle[i], spec) == 0 || strcmp(cycle[i], t.name) == 0)
			app->theme_idx = i;
	color_apply(&app->theme, app->use_color && strcmp(t.name, "mono") != 0, &app->col);
	app->dirty |= UI_DIRTY_LAYOUT;
	return rc;
}

void ui_theme_cycle(struct ui_app *app)
{
	struct cd_err err;
	char path[4200], msg[700];
	int from = app->theme_idx;

	for (int k = 1; k <= NCYCLE; k++) {
		const char *name = cycle[(from + k) % NCYCLE];

		if (strcmp(name, "default") != 0) {
			find_theme(name, path, sizeof path);
			if (!path[0])
				continue; /* not installed: skip it */
		}
		if (ui_theme_set(app, name, &err) != 0)
			app_message(app, true, "%s", cd_err_str(&err, msg, sizeof msg));
		else
			app_message(app, false, _("theme: %s%s"), name,
			            app->col.color || !strcmp(name, "mono") ? ""
			                                                    : " (no colour here)");
		app->theme_idx = (from + k) % NCYCLE; /* even when it failed: t moves on */
		return;
	}
}
