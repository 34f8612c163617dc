/* test_i18n.c — the language set-up of cd_i18n_init (issue 9): Chinese
 * messages from the catalog beside the build, LC_NUMERIC kept "C" whatever
 * the environment says, cd_i18n_is_zh and the CLI's default money units
 * that follow it.  Needs the zh_CN.UTF-8 locale (make deps) and the built
 * catalog ($CAPDASH_BUILD/locale).  Start at main().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/i18n.h"
#include "../../src/cli/cli.h"

static void lang(const char *l)
{
	char dir[4096];
	const char *b = getenv("CAPDASH_BUILD");

	snprintf(dir, sizeof dir, "%s/locale", b ? b : "build");
	setenv("CAPDASH_LOCALEDIR", dir, 1);
	unsetenv("LANGUAGE");
	setenv("LC_ALL", l, 1);
	cd_i18n_init();
}

static int need_zh(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "zh_CN.UTF-8")) {
		fprintf(stderr, "test_i18n: no zh_CN.UTF-8 locale (run make deps)\n");
		return -1;
	}
	setlocale(LC_ALL, "C");
	return 0;
}

static void test_translates_in_chinese_only(void **state)
{
	(void)state;
	lang("zh_CN.UTF-8");
	assert_true(cd_i18n_is_zh());
	assert_string_equal(_("Capital F"), "融资额 F");
	assert_string_equal(_(""), "");
	assert_string_equal(_("no message by this name"), "no message by this name");
	lang("C.UTF-8");
	assert_false(cd_i18n_is_zh());
	assert_string_equal(_("Capital F"), "Capital F");
}

/* LANGUAGE picks the words only under a real locale, and the money units
 * follow the words. */
static void test_language_variable(void **state)
{
	(void)state;
	lang("C.UTF-8");
	setenv("LANGUAGE", "zh_CN", 1);
	cd_i18n_init();
	assert_false(cd_i18n_is_zh());
	assert_string_equal(_("Capital F"), "Capital F");
	lang("zh_CN.UTF-8");
	setenv("LANGUAGE", "en", 1);
	cd_i18n_init();
	assert_false(cd_i18n_is_zh());
	assert_string_equal(_("Capital F"), "Capital F");
	unsetenv("LANGUAGE");
	lang("C.UTF-8");
}

/* Files, JSON and the protocol print and parse numbers with '.'. */
static void test_numeric_stays_c(void **state)
{
	char buf[32];

	(void)state;
	lang("zh_CN.UTF-8");
	assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
	assert_string_equal(localeconv()->decimal_point, ".");
	snprintf(buf, sizeof buf, "%.2f", 0.25);
	assert_string_equal(buf, "0.25");
	assert_true(strtod("0.5", NULL) == 0.5);
	lang("C.UTF-8");
}

static int default_units(void)
{
	struct cli_view_opts o;
	int units;

	cli_view_opts_init(&o, 1u << CLI_FMT_TEXT);
	units = (int)o.units;
	cli_sets_done(&o.sets);
	return units;
}

static void test_default_units_follow_language(void **state)
{
	(void)state;
	lang("zh_CN.UTF-8");
	assert_int_equal(default_units(), MONEY_WAN);
	lang("C.UTF-8");
	assert_int_equal(default_units(), MONEY_CENTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_translates_in_chinese_only),
	        cmocka_unit_test(test_language_variable),
	        cmocka_unit_test(test_numeric_stays_c),
	        cmocka_unit_test(test_default_units_follow_language),
	};

	return cmocka_run_group_tests_name("i18n", tests, need_zh, NULL);
}
