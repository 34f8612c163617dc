/* theme.c — theme files: the YAML tree -> struct theme, colour specs, the
 * built-in default theme.
 *
 * A role maps to a style; a role left out takes the text role's colours, and
 * a style that leaves out fg or bg takes the text role's.  Every problem is
 * reported (unknown roles and colour names with did-you-mean); on failure the
 * caller gets the built-in default.  Turning styles into curses pairs is the
 * UI's job, not this file's.  Start at theme_load_mem().
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "capdash/common.h"
#include "capdash/theme.h"

static const char *const role_names[TR__COUNT] = {
        [TR_TEXT] = "text",
        [TR_DIM] = "dim",
        [TR_ACCENT] = "accent",
        [TR_TITLE] = "title",
        [TR_BORDER] = "border",
        [TR_SELECTED] = "selected",
        [TR_TRACK] = "track",
        [TR_FILL] = "fill",
        [TR_KNOB] = "knob",
        [TR_COMPUTE] = "compute",
        [TR_DATA] = "data",
        [TR_PEOPLE] = "people",
        [TR_CAPITAL] = "capital",
        [TR_GOOD] = "good",
        [TR_BAD] = "bad",
        [TR_WARN] = "warn",
        [TR_KEYBAR] = "keybar",
        [TR_KEYBAR_KEY] = "keybar_key",
        [TR_STATUS] = "status",
        [TR_CHART_RAW] = "chart_raw",
        [TR_CHART_EMA] = "chart_ema",
        [TR_CHART_VAL] = "chart_val",
};

/* Index = palette number for the first 16; grey/gray are bright-black. */
static const char *const color_names[] = {
        "black",        "red",           "green",       "yellow",         "blue",
        "magenta",      "cyan",          "white",       "bright-black",   "bright-red",
        "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white", "grey",          "gray",        "default",
};

const char *theme_role_name(enum theme_role r)
{
	return (unsigned)r < TR__COUNT ? role_names[r] : NULL;
}

static struct theme_color idx(int i)
{
	return (struct theme_color){TC_INDEX, i, 0, 0, 0};
}

void theme_builtin_default(struct theme *t)
{
	/* Palette indices 0–15 and "default" only: the terminal's own colours,
	 * so the theme follows light and dark terminals alike.  Must equal
	 * themes/default.yaml (test_theme checks). */
	static const struct {
		enum theme_role r;
		int fg; /* -1: default */
		bool bold, reverse, dim;
	} rows[] = {
	        {TR_TEXT, -1, 0, 0, 0},     {TR_DIM, -1, 0, 0, 1},
	        {TR_ACCENT, 6, 1, 0, 0},    {TR_TITLE, -1, 1, 0, 0},
	        {TR_BORDER, -1, 0, 0, 1},   {TR_SELECTED, 6, 1, 0, 0},
	        {TR_TRACK, -1, 0, 0, 1},    {TR_FILL, 6, 0, 0, 0},
	        {TR_KNOB, -1, 1, 1, 0},     {TR_COMPUTE, 4, 0, 0, 0},
	        {TR_DATA, 5, 0, 0, 0},      {TR_PEOPLE, 2, 0, 0, 0},
	        {TR_CAPITAL, 6, 1, 0, 0},   {TR_GOOD, 2, 0, 0, 0},
	        {TR_BAD, 1, 0, 0, 0},       {TR_WARN, 3, 1, 0, 0},
	        {TR_KEYBAR, -1, 0, 1, 0},   {TR_KEYBAR_KEY, -1, 1, 1, 0},
	        {TR_STATUS, -1, 0, 0, 0},   {TR_CHART_RAW, -1, 0, 0, 1},
	        {TR_CHART_EMA, 6, 0, 0, 0}, {TR_CHART_VAL, 5, 0, 0, 0},
	};

	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	for (size_t i = 0; i < CD_ARRAY_LEN(rows); i++) {
		struct theme_style *s = &t->role[rows[i].r];

		if (rows[i].fg >= 0)
			s->fg = idx(rows[i].fg);
		s->bold = rows[i].bold;
		s->reverse = rows[i].reverse;
		s->dim = rows[i].dim;
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int theme_color_parse(const char *s, struct theme_color *out)
{
	struct theme_color c = {TC_DEFAULT, 0, 0, 0, 0};
	size_t n = strlen(s);

	if (s[0] == '#') {
		int h[6];

		if (n != 7)
			return -1;
		for (int i = 0; i < 6; i++)
			if ((h[i] = hexval((unsigned char)s[i + 1])) < 0)
				return -1;
		c.kind = TC_RGB;
		c.r = (uint8_t)(h[0] * 16 + h[1]);
		c.g = (uint8_t)(h[2] * 16 + h[3]);
		c.b = (uint8_t)(h[4] * 16 + h[5]);
	} else if (n > 0 && n <= 3 && strspn(s, "0123456789") == n) {
		c.kind = TC_INDEX;
		c.index = atoi(s);
		if (c.index > 255)
			return -1;
	} else {
		size_t i;

		for (i = 0; i < CD_ARRAY_LEN(color_names); i++)
			if (!strcasecmp(s, color_names[i]))
				break;
		if (i == CD_ARRAY_LEN(color_names))
			return -1;
		if (!strcmp(color_names[i], "default"))
			c.kind = TC_DEFAULT;
		else
			c = idx(i < 16 ? (int)i : 8);
	}
	*out = c;
	return 0;
}

/* One colour value; reports what is allowed, with did-you-mean for names. */
static int load_color(struct cfg_ctx *c, const struct ynode *n, const char *path,
                      struct theme_color *out)
{
	static const char expect[] =
	        "a colour: default, a name such as red or bright-blue, 0-255 or #rrggbb";
	char got[64];
	const char *best;

	if (n->kind == YN_ALIAS)
		return -1;
	if (n->kind != YN_SCALAR || cfg_is_null(n) || strlen(n->text) != n->len) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s"), path, expect,
		          cfg_got(n, got, sizeof got));
		return -1;
	}
	if (theme_color_parse(n->text, out) == 0)
		return 0;
	if (n->text[0] == '#') {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected #rrggbb (6 hex digits), got %s"), path,
		          cfg_got(n, got, sizeof got));
	} else if (n->len && strspn(n->text, "0123456789") == n->len) {
		cfg_error(c, n, CD_ERR_RANGE,
		          _("%s: expected a colour index from 0 to 255, got %s"), path,
		          cfg_got(n, got, sizeof got));
	} else if ((best = cd_suggest(n->text, color_names, CD_ARRAY_LEN(color_names)))) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: unknown colour %s (did you mean \"%s\"?)"),
		          path, cfg_got(n, got, sizeof got), best);
	} else {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s"), path, expect,
		          cfg_got(n, got, sizeof got));
	}
	return -1;
}

/* One role: a colour alone ("text: white") or {fg, bg, bold, ...}. */
static void load_style(struct cfg_ctx *c, const struct ynode *n, const char *path,
                       const struct theme_style *base, struct theme_style *s)
{
	static const char *const keys[] = {"fg", "bg", "bold", "reverse", "underline", "dim"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	bool *flags[] = {&s->bold, &s->reverse, &s->underline, &s->dim};
	char sub[128];

	memset(s, 0, sizeof *s);
	s->fg = base->fg;
	s->bg = base->bg;
	if (n->kind == YN_SCALAR) {
		load_color(c, n, path, &s->fg);
		return;
	}
	if (!cfg_map(c, n, path, keys, CD_ARRAY_LEN(keys), v, 0,
	             _("a colour or a style {fg, bg, bold, reverse, underline, dim}")))
		return;
	for (int i = 0; i < 2; i++) {
		snprintf(sub, sizeof sub, "%s.%s", path, keys[i]);
		if (v[i])
			load_color(c, v[i], sub, i == 0 ? &s->fg : &s->bg);
	}
	for (int i = 2; i < 6; i++) {
		int b;

		snprintf(sub, sizeof sub, "%s.%s", path, keys[i]);
		if (v[i] && (b = cfg_bool(c, v[i], sub)) >= 0)
			*flags[i - 2] = b;
	}
}

void theme_from_tree(struct cfg_ctx *c, const struct ynode *root, struct theme *t)
{
	static const char *const keys[] = {"name", "roles"};
	const struct ynode *v[2], *rv[TR__COUNT];
	struct theme_style plain;
	char path[64];

	if (!cfg_map(c, root, "", keys, 2, v, 1u << 1,
	             _("a theme (a mapping with name and roles)")))
		return;
	if (v[0])
		cfg_text(c, v[0], "name", t->name, sizeof t->name);
	if (!cfg_map(c, v[1], "roles", role_names, TR__COUNT, rv, 0,
	             _("a mapping of roles such as text, title and knob to colours")))
		return;
	memset(&plain, 0, sizeof plain);
	if (rv[TR_TEXT])
		load_style(c, rv[TR_TEXT], "roles.text", &plain, &t->role[TR_TEXT]);
	for (int r = 0; r < TR__COUNT; r++) {
		if (r == TR_TEXT)
			continue;
		if (rv[r]) {
			snprintf(path, sizeof path, "roles.%s", role_names[r]);
			load_style(c, rv[r], path, &t->role[TR_TEXT], &t->role[r]);
		} else {
			t->role[r] = t->role[TR_TEXT];
			t->role[r].bold = t->role[r].reverse = false;
			t->role[r].underline = t->role[r].dim = false;
		}
	}
}

/* The name a theme gets when its file gives none: the file's stem. */
static void stem(const char *file, char *buf, size_t size)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strcspn(base, ".");
	if (n >= size)
		n = size - 1;
	memcpy(buf, base, n);
	buf[n] = '\0';
}

int theme_load_mem(const char *name, const char *data, size_t len, struct theme *t,
                   struct cd_errlist *errs)
{
	struct cfg_ctx c = {.file = name ? name : "<theme>", .errs = errs};
	size_t from = errs ? errs->n : 0;
	struct ynode *root = NULL;

	memset(t, 0, sizeof *t);
	stem(c.file, t->name, sizeof t->name);
	if (len > SCENARIO_MAX_BYTES)
		cfg_error_at(&c, 1, 1, CD_ERR_LIMIT, _("file is %zu bytes, the limit is %d"), len,
		             SCENARIO_MAX_BYTES);
	else if (ytree_parse(&c, data, len, &root) == 0 && !root)
		cfg_error_at(&c, 1, 1, CD_ERR_SYNTAX,
		             _("empty file (expected a theme: a mapping with name and roles)"));
	else if (root)
		theme_from_tree(&c, root, t);
	ytree_free(root);
	cfg_sort_errors(&c, from);
	if (c.nerr) {
		theme_builtin_default(t);
		return -1;
	}
	return 0;
}

int theme_load(const char *path, struct theme *t, struct cd_errlist *errs)
{
	char *data;
	size_t len;
	int rc;

	if (cfg_read_file(path, &data, &len, errs) < 0) {
		theme_builtin_default(t);
		return -1;
	}
	rc = theme_load_mem(path, data, len, t, errs);
	free(data);
	return rc;
}
