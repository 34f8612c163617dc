/* uiapp.h — the dashboard state the UI unit tests start from: the built-in
 * seed scenario loaded into a zeroed struct ui_app with UTF-8 glyphs, as
 * ui_main would leave it before the first frame (no curses).  Header-only,
 * like testutil.h.
 */
#ifndef CAPDASH_TEST_UIAPP_H
#define CAPDASH_TEST_UIAPP_H

#include <string.h>

#include "../../src/ui/ui_int.h"

/* 0, or -1 when the seed does not load. */
static inline int test_app_open(struct ui_app *app)
{
	struct scenario sc;
	int rc;

	memset(app, 0, sizeof *app);
	app->g = glyphs_get(true);
	app->utf8 = true;
	scenario_builtin_seed(&sc);
	rc = app_init_scenario(app, &sc, NULL);
	scenario_done(&sc);
	return rc;
}

static inline void test_app_close(struct ui_app *app)
{
	scenario_done(&app->sc);
	scenario_done(&app->base);
	undo_done(&app->undo);
}

#endif
