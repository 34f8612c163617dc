/* validate.c — `capdash validate FILE`: which kind of file is it, and is it
 * right?
 *
 * A theme has a top-level roles: mapping; a user config is called
 * config.yaml or holds only config keys; anything else is checked as a
 * scenario.  The file is read and parsed once.  Start at config_validate().
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

static bool has_key(const struct ynode *map, const char *key)
{
	for (size_t p = 0; p + 1 < map->nkid; p += 2)
		if (map->kid[p]->kind == YN_SCALAR && !strcmp(map->kid[p]->text, key))
			return true;
	return false;
}

/* A scenario section wins, then a theme's roles:, then any config key; a
 * file with none of them is checked as a scenario (and told what it lacks). */
static enum config_kind detect(const char *path, const struct ynode *root)
{
	static const char *const sc_keys[] = {"compute", "data",     "people",
	                                      "capital", "sliders",  "ranges",
	                                      "run",     "currency", "other_costs"};
	static const char *const uc_keys[] = {"theme", "scenario", "mouse", "refresh_hz", "ascii"};
	const char *base = strrchr(path, '/');
	bool uc = false;

	base = base ? base + 1 : path;
	if (!strcmp(base, "config.yaml") || !strcmp(base, "config.yml"))
		return CONFIG_KIND_USERCONF;
	if (!root || root->kind != YN_MAP)
		return CONFIG_KIND_SCENARIO;
	for (size_t i = 0; i < CD_ARRAY_LEN(sc_keys); i++)
		if (has_key(root, sc_keys[i]))
			return CONFIG_KIND_SCENARIO;
	if (has_key(root, "roles"))
		return CONFIG_KIND_THEME;
	for (size_t i = 0; i < CD_ARRAY_LEN(uc_keys); i++)
		uc |= has_key(root, uc_keys[i]);
	return uc ? CONFIG_KIND_USERCONF : CONFIG_KIND_SCENARIO;
}

int config_validate_kind(const char *path, struct cd_errlist *errs, enum config_kind *kind)
{
	struct cfg_ctx c = {.file = path, .errs = errs};
	size_t from = errs ? errs->n : 0;
	struct ynode *root = NULL;
	enum config_kind k;
	char *data;
	size_t len;
	int parsed;

	if (kind)
		*kind = CONFIG_KIND_SCENARIO;
	if (cfg_read_file(path, &data, &len, errs) < 0)
		return -1;
	parsed = ytree_parse(&c, data, len, &root);
	k = detect(path, root);
	if (kind)
		*kind = k;
	if (parsed == 0 && !root && k != CONFIG_KIND_USERCONF) {
		cfg_error_at(
		        &c, 1, 1, CD_ERR_SYNTAX, _("%s"),
		        k == CONFIG_KIND_THEME
		                ? "empty file (expected a theme: a mapping with name and roles)"
		                : "empty file (expected a scenario: a mapping with compute, "
		                  "data, people and capital)");
	} else if (root && k == CONFIG_KIND_THEME) {
		struct theme t;

		memset(&t, 0, sizeof t);
		theme_from_tree(&c, root, &t);
	} else if (root && k == CONFIG_KIND_USERCONF) {
		struct userconf uc;

		userconf_defaults(&uc);
		if (!cfg_is_null(root))
			userconf_from_tree(&c, root, &uc);
	} else if (root) {
		struct scenario sc;

		scenario_defaults(&sc, path);
		scenario_from_tree(&c, root, &sc);
		scenario_done(&sc);
	}
	ytree_free(root);
	free(data);
	cfg_sort_errors(&c, from);
	return c.nerr ? -1 : 0;
}

int config_validate(const char *path, struct cd_errlist *errs)
{
	return config_validate_kind(path, errs, NULL);
}
