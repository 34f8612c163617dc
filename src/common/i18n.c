/* i18n.c — gettext behind _() and the locale set-up of cd_i18n_init().
 *
 * Only main() calls cd_i18n_init(); every other module just calls cd_tr()
 * through _(), which is harmless before it (gettext then returns msgid).
 * The catalog directory is searched so that an uninstalled build
 * ($(BUILD)/capdash beside $(BUILD)/locale) and the tests find it.
 */
#include "capdash/i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CAPDASH_LOCALEDIR
#define CAPDASH_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "capdash"

const char *cd_tr(const char *msgid)
{
	/* gettext("") is the catalog's header, never what a caller means. */
	if (!msgid || !*msgid)
		return msgid ? msgid : "";
	return dgettext(DOMAIN, msgid);
}

const char *cd_ntr(const char *one, const char *many, unsigned long n)
{
	return dngettext(DOMAIN, one, many, n);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "<directory of /proc/self/exe>/locale" into buf when it is a directory. */
static bool beside_program(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	if ((size_t)snprintf(buf, size, "%s/locale", exe) >= size)
		return false;
	return is_dir(buf);
}

/* "C", "POSIX", "C.UTF-8": no language at all. */
static bool plain_c(const char *lang)
{
	return !lang || !strcmp(lang, "C") || !strcmp(lang, "POSIX") || !strncmp(lang, "C.", 2);
}

void cd_i18n_init(void)
{
	const char *env = getenv("CAPDASH_LOCALEDIR");
	char here[PATH_MAX + 8];
	const char *dir = CAPDASH_LOCALEDIR;

	setlocale(LC_ALL, "");
	/* Numbers are read and written in files, JSON and the protocol with
	 * strtod/printf: a decimal comma would corrupt them. */
	setlocale(LC_NUMERIC, "C");
	/* gettext ignores LANGUAGE under "C" but not under "C.UTF-8": a
	 * LANGUAGE=zh_CN left in the environment would then translate the
	 * words of a C.UTF-8 run (as the tests use) but not its money units. */
	if (plain_c(setlocale(LC_MESSAGES, NULL)))
		unsetenv("LANGUAGE");
	if (env && *env)
		dir = env;
	else if (beside_program(here, sizeof here))
		dir = here;
	bindtextdomain(DOMAIN, dir);
	textdomain(DOMAIN);
	/* Load the catalog now, so that _() in the budget model later reads
	 * memory only (the model does no I/O of its own). */
	(void)dgettext(DOMAIN, "");
}

bool cd_i18n_is_zh(void)
{
	const char *lang = setlocale(LC_MESSAGES, NULL), *pref = getenv("LANGUAGE");

	if (plain_c(lang))
		return false;
	/* gettext takes the first language of LANGUAGE over the locale's */
	if (pref && *pref)
		return strncmp(pref, "zh", 2) == 0;
	return strncmp(lang, "zh", 2) == 0;
}
