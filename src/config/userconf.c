/* userconf.c — $XDG_CONFIG_HOME/capdash/config.yaml -> struct userconf.
 *
 * Every key is optional; a missing file means "all defaults".  Command-line
 * flags override what is here (the CLI's job, not this file's).  Must not
 * look up $XDG_CONFIG_HOME itself: callers pass the path.
 * Start at userconf_load().
 */
#include "scenario_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "capdash/common.h"

#define USERCONF_HZ_MAX 60

void userconf_defaults(struct userconf *uc)
{
	memset(uc, 0, sizeof *uc);
	uc->mouse = -1;
	uc->ascii = -1;
}

void userconf_from_tree(struct cfg_ctx *c, const struct ynode *root, struct userconf *uc)
{
	static const char *const keys[] = {"theme",      "scenario", "mouse",
	                                   "refresh_hz", "ascii",    "screenshots"};
	static const char *const shot_keys[] = {"dir"};
	const struct ynode *v[CD_ARRAY_LEN(keys)], *sv[1];
	int64_t hz;
	int b;

	if (!cfg_map(c, root, "", keys, CD_ARRAY_LEN(keys), v, 0,
	             "a config (a mapping with theme, scenario, mouse, refresh_hz, ascii, "
	             "screenshots)"))
		return;
	if (v[0])
		cfg_text(c, v[0], "theme", uc->theme, sizeof uc->theme);
	if (v[1])
		cfg_text(c, v[1], "scenario", uc->scenario, sizeof uc->scenario);
	if (v[2] && (b = cfg_bool(c, v[2], "mouse")) >= 0)
		uc->mouse = b;
	if (v[3] && cfg_int(c, v[3], "refresh_hz", 1, USERCONF_HZ_MAX, &hz) == 0)
		uc->refresh_hz = (int)hz;
	if (v[4] && (b = cfg_bool(c, v[4], "ascii")) >= 0)
		uc->ascii = b;
	/* where x writes its pictures: screenshots: { dir: PATH } */
	if (v[5] &&
	    cfg_map(c, v[5], "screenshots", shot_keys, 1, sv, 0,
	            "a mapping with dir (where x writes screenshots)") &&
	    sv[0])
		cfg_text(c, sv[0], "screenshots.dir", uc->screenshots_dir,
		         sizeof uc->screenshots_dir);
}

int userconf_load(const char *path, struct userconf *uc, struct cd_errlist *errs)
{
	struct cfg_ctx c = {.file = path, .errs = errs};
	size_t from = errs ? errs->n : 0;
	struct ynode *root = NULL;
	struct stat st;
	char *data;
	size_t len;

	userconf_defaults(uc);
	if (stat(path, &st) < 0 && errno == ENOENT)
		return 0;
	if (cfg_read_file(path, &data, &len, errs) < 0)
		return -1;
	/* An empty config (or one of comments only) is all defaults. */
	if (ytree_parse(&c, data, len, &root) == 0 && root && !cfg_is_null(root))
		userconf_from_tree(&c, root, uc);
	ytree_free(root);
	free(data);
	cfg_sort_errors(&c, from);
	if (c.nerr) {
		userconf_defaults(uc);
		return -1;
	}
	return 0;
}
