/* i18n.h — translated text: _() and N_() for every user-visible string, and
 * the one call main() makes to pick the language.
 *
 * Wrap labels, messages, help lines and CLI text output in _("...") and
 * mark static tables of strings with N_("...") (then pass each through _()
 * where it is shown).  Do NOT wrap JSON/CSV/YAML keys, key names inside error
 * messages ("compute.gpus: ..." keeps its key in English), log or protocol
 * text, or file formats.  A printf format keeps its conversions: the
 * translation must have the same ones in the same order (msgfmt --check).
 *
 * The catalog is po/zh_CN.po, built into $(BUILD)/locale by `make`; `make
 * test` fails when a wrapped message has no translation (tests/check-po).
 * Before cd_i18n_init() runs (as in unit tests) _() returns its argument.
 */
#ifndef CAPDASH_I18N_H
#define CAPDASH_I18N_H

#include <stdbool.h>

/* The translation of msgid in the "capdash" text domain, or msgid itself
 * when there is none (English, no catalog, no locale).  Never NULL.  The
 * result is static: do not free or modify it. */
const char *cd_tr(const char *msgid);

/* Singular/plural pair: the translation of one (n == 1) or many. */
const char *cd_ntr(const char *one, const char *many, unsigned long n);

#define _(s) cd_tr(s)
#define N_(s) s
#define NG_(one, many, n) cd_ntr(one, many, n)

/* Call once at the top of main(), before anything prints.  Sets the locale
 * from the environment (LC_ALL, LC_MESSAGES, LANG...) for messages, character
 * classes and wide characters, but keeps LC_NUMERIC "C": numbers in files,
 * JSON, the protocol and strtod/printf must keep their '.' whatever the
 * locale says.  Finds the catalog in, first found: $CAPDASH_LOCALEDIR, the
 * directory "locale" beside the running program (an uninstalled build, so
 * tests run without `make install`), then the install's LOCALEDIR. */
void cd_i18n_init(void);

/* True when messages are shown in Chinese (LC_MESSAGES is zh_*).  The
 * CLI and the dashboard use it to choose the default money units (万/亿);
 * the budget model itself never asks (its caller passes the choice in). */
bool cd_i18n_is_zh(void);

#endif
