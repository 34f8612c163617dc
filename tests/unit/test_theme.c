/* test_theme.c — themes and the user's config: every shipped theme loads and
 * keeps its promise (default: the terminal's 16 colours only; mono: no
 * colour at all; solarized: #rrggbb), the built-in default equals
 * themes/default.yaml, colour specs, inheritance from "text", a bad file
 * falling back to the default, config.yaml, and kind detection for
 * `capdash validate`.  Bad theme files with their messages are checked by
 * test_scenario's corpus run (tests/data/bad/theme-*.yaml).  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/scenario.h"
#include "capdash/theme.h"

static const char *const shipped[] = {"default",       "dark",           "light",
                                      "high-contrast", "solarized-dark", "mono"};

static void load_ok(const char *path, struct theme *t)
{
	struct cd_errlist errs;
	char line[1024];

	cd_errlist_init(&errs);
	if (theme_load(path, t, &errs) != 0)
		fail_msg("%s: %s", path,
		         errs.n ? cd_err_str(&errs.v[0], line, sizeof line) : "failed");
	assert_int_equal(errs.n, 0);
	cd_errlist_done(&errs);
}

static bool same_color(struct theme_color a, struct theme_color b)
{
	if (a.kind != b.kind)
		return false;
	if (a.kind == TC_INDEX)
		return a.index == b.index;
	if (a.kind == TC_RGB)
		return a.r == b.r && a.g == b.g && a.b == b.b;
	return true;
}

static bool same_style(const struct theme_style *a, const struct theme_style *b)
{
	return same_color(a->fg, b->fg) && same_color(a->bg, b->bg) && a->bold == b->bold &&
	       a->reverse == b->reverse && a->underline == b->underline && a->dim == b->dim;
}

/* Visible: either the colours differ or an attribute makes the text show. */
static bool readable(const struct theme_style *s)
{
	return !same_color(s->fg, s->bg) || s->fg.kind == TC_DEFAULT || s->reverse;
}

static void test_shipped_themes_load(void **state)
{
	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(shipped); i++) {
		char path[256];
		struct theme t;

		snprintf(path, sizeof path, "themes/%s.yaml", shipped[i]);
		load_ok(path, &t);
		assert_string_equal(t.name, shipped[i]);
		for (int r = 0; r < TR__COUNT; r++)
			if (!readable(&t.role[r]))
				fail_msg("%s: role %s has the same fg and bg", path,
				         theme_role_name((enum theme_role)r));
		/* The things that must stand out do, in every theme. */
		assert_false(same_style(&t.role[TR_KNOB], &t.role[TR_TRACK]));
		assert_false(same_style(&t.role[TR_SELECTED], &t.role[TR_TEXT]));
	}
}

static void test_default_matches_builtin(void **state)
{
	struct theme file, built;

	(void)state;
	load_ok("themes/default.yaml", &file);
	theme_builtin_default(&built);
	assert_string_equal(file.name, built.name);
	for (int r = 0; r < TR__COUNT; r++)
		if (!same_style(&file.role[r], &built.role[r]))
			fail_msg("role %s differs between themes/default.yaml and the built-in",
			         theme_role_name((enum theme_role)r));
	/* Only the terminal's own 16 colours. */
	for (int r = 0; r < TR__COUNT; r++) {
		const struct theme_color *c[2] = {&built.role[r].fg, &built.role[r].bg};

		for (int k = 0; k < 2; k++) {
			assert_true(c[k]->kind != TC_RGB);
			if (c[k]->kind == TC_INDEX)
				assert_true(c[k]->index >= 0 && c[k]->index <= 15);
		}
	}
}

static void test_theme_promises(void **state)
{
	struct theme t;

	(void)state;
	load_ok("themes/mono.yaml", &t);
	for (int r = 0; r < TR__COUNT; r++) {
		assert_int_equal(t.role[r].fg.kind, TC_DEFAULT);
		assert_int_equal(t.role[r].bg.kind, TC_DEFAULT);
	}
	assert_true(t.role[TR_KNOB].reverse);
	assert_true(t.role[TR_SELECTED].bold);

	load_ok("themes/solarized-dark.yaml", &t);
	assert_int_equal(t.role[TR_TEXT].bg.kind, TC_RGB);
	assert_int_equal(t.role[TR_TEXT].bg.r, 0x00);
	assert_int_equal(t.role[TR_TEXT].bg.g, 0x2b);
	assert_int_equal(t.role[TR_TEXT].bg.b, 0x36);

	load_ok("themes/high-contrast.yaml", &t);
	assert_true(t.role[TR_CAPITAL].bold);
	assert_true(t.role[TR_KNOB].bold);
	assert_int_equal(t.role[TR_TEXT].fg.index, 15);
	assert_int_equal(t.role[TR_TEXT].bg.index, 0);
}

static void test_color_parse(void **state)
{
	static const struct {
		const char *s;
		int rc;
		enum theme_color_kind kind;
		int index;
		uint8_t r, g, b;
	} rows[] = {
	        {"default", 0, TC_DEFAULT, 0, 0, 0, 0},
	        {"black", 0, TC_INDEX, 0, 0, 0, 0},
	        {"white", 0, TC_INDEX, 7, 0, 0, 0},
	        {"bright-red", 0, TC_INDEX, 9, 0, 0, 0},
	        {"bright-white", 0, TC_INDEX, 15, 0, 0, 0},
	        {"grey", 0, TC_INDEX, 8, 0, 0, 0},
	        {"Gray", 0, TC_INDEX, 8, 0, 0, 0},
	        {"0", 0, TC_INDEX, 0, 0, 0, 0},
	        {"214", 0, TC_INDEX, 214, 0, 0, 0},
	        {"255", 0, TC_INDEX, 255, 0, 0, 0},
	        {"#ffaf00", 0, TC_RGB, 0, 0xff, 0xaf, 0x00},
	        {"#A0b1C2", 0, TC_RGB, 0, 0xa0, 0xb1, 0xc2},
	        {"256", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"1000", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"-1", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"#fff", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"#gggggg", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"#ffaf000", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"bleu", -1, TC_DEFAULT, 0, 0, 0, 0},
	        {"bright-", -1, TC_DEFAULT, 0, 0, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(rows); i++) {
		struct theme_color c = {TC_DEFAULT, -7, 1, 2, 3};
		int rc = theme_color_parse(rows[i].s, &c);

		if (rc != rows[i].rc)
			fail_msg("theme_color_parse(\"%s\") returned %d", rows[i].s, rc);
		if (rc)
			continue;
		assert_int_equal(c.kind, rows[i].kind);
		if (c.kind == TC_INDEX)
			assert_int_equal(c.index, rows[i].index);
		if (c.kind == TC_RGB) {
			assert_int_equal(c.r, rows[i].r);
			assert_int_equal(c.g, rows[i].g);
			assert_int_equal(c.b, rows[i].b);
		}
	}
}

static void test_role_names(void **state)
{
	(void)state;
	for (int r = 0; r < TR__COUNT; r++) {
		assert_non_null(theme_role_name((enum theme_role)r));
		for (int q = 0; q < r; q++)
			assert_string_not_equal(theme_role_name((enum theme_role)r),
			                        theme_role_name((enum theme_role)q));
	}
	assert_null(theme_role_name(TR__COUNT));
	assert_string_equal(theme_role_name(TR_KEYBAR_KEY), "keybar_key");
}

static void test_inherit_from_text(void **state)
{
	static const char text[] = "roles:\n"
	                           "  text: {fg: white, bg: 234}\n"
	                           "  title: {fg: yellow, bold: true}\n"
	                           "  knob: bright-red\n";
	struct theme t;

	(void)state;
	assert_int_equal(theme_load_mem("x/my-theme.yaml", text, strlen(text), &t, NULL), 0);
	assert_string_equal(t.name, "my-theme");
	/* title keeps its fg, takes text's bg */
	assert_int_equal(t.role[TR_TITLE].fg.index, 3);
	assert_int_equal(t.role[TR_TITLE].bg.index, 234);
	assert_true(t.role[TR_TITLE].bold);
	/* a bare colour is the fg */
	assert_int_equal(t.role[TR_KNOB].fg.index, 9);
	assert_int_equal(t.role[TR_KNOB].bg.index, 234);
	/* a role left out is text, without attributes */
	assert_true(same_style(&t.role[TR_STATUS], &t.role[TR_TEXT]));
	assert_false(t.role[TR_ACCENT].bold);
}

static void test_bad_theme_falls_back(void **state)
{
	static const char text[] = "name: broken\nroles:\n  text: {fg: purple}\n";
	struct cd_errlist errs;
	struct theme t, def;
	char line[1024];

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(theme_load_mem("broken.yaml", text, strlen(text), &t, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(cd_err_str(&errs.v[0], line, sizeof line),
	                    "broken.yaml:3:14: roles.text.fg: expected a colour: default, a name "
	                    "such as red or bright-blue, 0-255 or #rrggbb, got \"purple\"");
	theme_builtin_default(&def);
	assert_string_equal(t.name, "default");
	for (int r = 0; r < TR__COUNT; r++)
		assert_true(same_style(&t.role[r], &def.role[r]));
	cd_errlist_done(&errs);

	cd_errlist_init(&errs);
	assert_int_equal(theme_load("themes/no-such-theme.yaml", &t, &errs), -1);
	assert_string_equal(cd_err_str(&errs.v[0], line, sizeof line),
	                    "themes/no-such-theme.yaml: no such file");
	assert_string_equal(t.name, "default");
	cd_errlist_done(&errs);
}

static void write_tmp(char *path, size_t size, const char *name, const char *text)
{
	struct cd_err e;

	snprintf(path, size, "/tmp/capdash-test-theme-%d", (int)getpid());
	mkdir(path, 0700);
	snprintf(path, size, "/tmp/capdash-test-theme-%d/%s", (int)getpid(), name);
	assert_int_equal(cd_write_atomic(path, text, strlen(text), &e), 0);
}

static void test_userconf(void **state)
{
	static const char good[] = "# my settings\ntheme: solarized-dark\nmouse: off\n"
	                           "refresh_hz: 30\nascii: true\nscenario: ~/plans/a.yaml\n";
	struct cd_errlist errs;
	struct userconf uc;
	char path[256];

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(userconf_load("/nonexistent/capdash/config.yaml", &uc, &errs), 0);
	assert_int_equal(errs.n, 0);
	assert_string_equal(uc.theme, "");
	assert_string_equal(uc.scenario, "");
	assert_int_equal(uc.mouse, -1);
	assert_int_equal(uc.refresh_hz, 0);
	assert_int_equal(uc.ascii, -1);

	write_tmp(path, sizeof path, "config.yaml", good);
	assert_int_equal(userconf_load(path, &uc, &errs), 0);
	assert_string_equal(uc.theme, "solarized-dark");
	assert_string_equal(uc.scenario, "~/plans/a.yaml");
	assert_int_equal(uc.mouse, 0);
	assert_int_equal(uc.refresh_hz, 30);
	assert_int_equal(uc.ascii, 1);
	unlink(path);

	write_tmp(path, sizeof path, "empty.yaml", "# nothing set yet\n");
	assert_int_equal(userconf_load(path, &uc, &errs), 0);
	assert_int_equal(uc.mouse, -1);
	unlink(path);

	write_tmp(path, sizeof path, "bad.yaml", "mouse: on\nrefresh: 10\n");
	assert_int_equal(userconf_load(path, &uc, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.v[0].msg, "refresh: unknown key (did you mean \"refresh_hz\"?)");
	assert_int_equal(uc.mouse, -1); /* a bad file leaves every default */
	unlink(path);
	cd_errlist_done(&errs);
}

/* Issue 11 for themes and config.yaml: a BOM is skipped (it was a syntax
 * error at 2:1), a bidi control in a name is refused with its column, a
 * custom tag is refused, and refresh_hz reads separators like any number. */
static void test_hardened_input(void **state)
{
	static const char bom[] = "\xef\xbb\xbfname: bom\nroles:\n  text: {fg: red}\n";
	static const char bidi[] = "name: \"ab\xe2\x80\xae"
	                           "cd\"\nroles: {}\n";
	static const char tag[] = "name: t\nroles:\n  text: !color {fg: red}\n";
	struct cd_errlist errs;
	struct userconf uc;
	struct theme t;
	char path[256], line[1024];

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(theme_load_mem("bom.yaml", bom, strlen(bom), &t, &errs), 0);
	assert_string_equal(t.name, "bom");
	assert_int_equal(theme_load_mem("bidi.yaml", bidi, strlen(bidi), &t, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(cd_err_str(&errs.v[0], line, sizeof line),
	                    "bidi.yaml:1:10: name: contains U+202E (right-to-left override), a "
	                    "bidirectional control that makes text show in another order than it "
	                    "reads (expected plain text)");
	cd_errlist_done(&errs);
	cd_errlist_init(&errs);
	assert_int_equal(theme_load_mem("tag.yaml", tag, strlen(tag), &t, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].line, 3);
	assert_int_equal(errs.v[0].col, 9);
	assert_non_null(strstr(errs.v[0].msg, "!color: unknown tag"));
	cd_errlist_done(&errs);

	cd_errlist_init(&errs);
	write_tmp(path, sizeof path, "config.yaml", "\xef\xbb\xbfrefresh_hz: 30\n");
	assert_int_equal(userconf_load(path, &uc, &errs), 0);
	assert_int_equal(uc.refresh_hz, 30);
	unlink(path);
	write_tmp(path, sizeof path, "config.yaml", "refresh_hz: 3,0\n");
	assert_int_equal(userconf_load(path, &uc, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].col, 14);
	assert_non_null(strstr(errs.v[0].msg, "does not separate groups of three digits"));
	unlink(path);
	cd_errlist_done(&errs);
}

static void test_validate_kinds(void **state)
{
	struct cd_errlist errs;
	enum config_kind kind;
	char path[256];

	(void)state;
	cd_errlist_init(&errs);
	for (size_t i = 0; i < CD_ARRAY_LEN(shipped); i++) {
		snprintf(path, sizeof path, "themes/%s.yaml", shipped[i]);
		assert_int_equal(config_validate_kind(path, &errs, &kind), 0);
		assert_int_equal(kind, CONFIG_KIND_THEME);
	}
	assert_int_equal(
	        config_validate_kind("scenarios/seed-image-recognition.yaml", &errs, &kind), 0);
	assert_int_equal(kind, CONFIG_KIND_SCENARIO);
	write_tmp(path, sizeof path, "prefs.yaml", "theme: dark\n");
	assert_int_equal(config_validate_kind(path, &errs, &kind), 0);
	assert_int_equal(kind, CONFIG_KIND_USERCONF);
	unlink(path);
	write_tmp(path, sizeof path, "config.yaml", "");
	assert_int_equal(config_validate_kind(path, &errs, &kind), 0);
	assert_int_equal(kind, CONFIG_KIND_USERCONF);
	unlink(path);
	assert_int_equal(errs.n, 0);
	cd_errlist_done(&errs);
}

static int setup(void **state)
{
	const char *src = getenv("CAPDASH_SRC");

	(void)state;
	return src && chdir(src) != 0 ? -1 : 0;
}

static int teardown(void **state)
{
	char dir[128];

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/capdash-test-theme-%d", (int)getpid());
	return rmdir(dir) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_shipped_themes_load),
	        cmocka_unit_test(test_default_matches_builtin),
	        cmocka_unit_test(test_theme_promises),
	        cmocka_unit_test(test_color_parse),
	        cmocka_unit_test(test_role_names),
	        cmocka_unit_test(test_inherit_from_text),
	        cmocka_unit_test(test_bad_theme_falls_back),
	        cmocka_unit_test(test_userconf),
	        cmocka_unit_test(test_validate_kinds),
	        cmocka_unit_test(test_hardened_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
