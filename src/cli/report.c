/* report.c — small output helpers shared by calc, sweep and seek: the unit an
 * amount is shown in, whether the terminal takes UTF-8 symbols, the title
 * line, and turning a failed write into an exit status.
 *
 * Amounts are formatted by the model (money_format); this file only picks the
 * style.  Must not do money arithmetic.
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

bool cli_utf8(void)
{
	static int known = -1;

	if (known < 0) {
		const char *cs;

		setlocale(LC_CTYPE, "");
		cs = nl_langinfo(CODESET);
		known = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	}
	return known == 1;
}

void cli_print_title(FILE *out, const struct scenario *sc, const char *path)
{
	const char *name = sc->name[0] ? sc->name : _("(unnamed scenario)");

	/* The name comes from a file: keep control bytes off the terminal. */
	for (const char *p = name; *p; p++)
		fputc((unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p, out);
	if (!path)
		fprintf(out, " %s\n", _("(built-in)"));
	else if (!strcmp(path, "-"))
		fprintf(out, " %s\n", _("(standard input)"));
	else
		fprintf(out, " (%s)\n", path);
}

int cli_finish_output(FILE *out, FILE *err, int status)
{
	if (fflush(out) != 0 || ferror(out)) {
		/* A reader that went away (head, a closed pager) is not worth a
		 * message, but the status still says the output is incomplete. */
		if (errno != EPIPE)
			fprintf(err, _("capdash: writing the output failed: %s\n"),
			        strerror(errno));
		return CD_EXIT_FAIL;
	}
	return status;
}

int cli_finish_render(FILE *out, FILE *err, int rc)
{
	if (rc < 0 && !ferror(out)) {
		fprintf(err, "capdash: %s\n", _("out of memory"));
		return CD_EXIT_FAIL;
	}
	return cli_finish_output(out, err, CD_EXIT_OK);
}
