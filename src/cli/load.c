/* load.c — loading the scenario a command works on and printing what was
 * wrong with it.
 *
 * Errors are printed compiler-style, "FILE:LINE:COL: message", one per line,
 * every one the loader found; their codes decide the exit status (66 when the
 * file could not be opened, 65 for bad data).  Control bytes in messages are
 * shown as '?' so a hostile file cannot drive the terminal through stderr.
 * Start at cli_load_scenario().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

#define STDIN_NAME "<stdin>"

/* s with control bytes (other than tab) replaced, so stderr stays text. */
static void put_clean(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		fputc(c < 0x20 && c != '\t' ? '?' : c == 0x7f ? '?' : c, f);
	}
}

void cli_print_err(FILE *err, const struct cd_err *e)
{
	char buf[CD_ERR_FILE_MAX + CD_ERR_MSG_MAX + 32];

	if (!e->file[0])
		fputs("capdash: ", err);
	put_clean(err, cd_err_str(e, buf, sizeof buf));
	fputc('\n', err);
}

int cli_print_errors(const struct cd_errlist *errs, const char *file, FILE *err)
{
	int status = CD_EXIT_DATAERR;

	for (size_t i = 0; i < errs->n; i++) {
		cli_print_err(err, &errs->v[i]);
		if (errs->v[i].code == CD_ERR_IO)
			status = CD_EXIT_NOINPUT;
	}
	if (errs->dropped) {
		fputs("capdash: ", err);
		put_clean(err, file ? file : _("input"));
		fprintf(err,
		        NG_(": %zu more error not shown\n", ": %zu more errors not shown\n",
		            errs->dropped),
		        errs->dropped);
	}
	if (!errs->n && !errs->dropped) {
		fputs("capdash: ", err);
		put_clean(err, file ? file : _("input"));
		fputs(_(": could not be loaded\n"), err);
	}
	return status;
}

/* Standard input, up to the scenario size limit plus one byte so that a
 * larger input is refused by the loader with its usual message. */
static int read_stdin(char **data, size_t *len, FILE *err)
{
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap);

	if (!buf) {
		fprintf(err, "capdash: " STDIN_NAME ": %s\n", _("out of memory"));
		return CD_EXIT_FAIL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *nb;

			if (cap > SCENARIO_MAX_BYTES)
				break;
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fprintf(err, "capdash: " STDIN_NAME ": %s\n", _("out of memory"));
				return CD_EXIT_FAIL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (got == 0) {
			if (ferror(stdin)) {
				free(buf);
				fprintf(err, "capdash: " STDIN_NAME ": %s\n", _("read error"));
				return CD_EXIT_NOINPUT;
			}
			break;
		}
	}
	*data = buf;
	*len = n;
	return 0;
}

int cli_load_scenario(const char *path, struct scenario *sc, FILE *err)
{
	struct cd_errlist errs;
	char *data = NULL;
	size_t len = 0;
	int rc, status = 0;

	if (!path) {
		scenario_builtin_seed(sc);
		return 0;
	}
	cd_errlist_init(&errs);
	if (!strcmp(path, "-")) {
		status = read_stdin(&data, &len, err);
		if (status)
			return status;
		rc = scenario_load_mem(STDIN_NAME, data, len, sc, &errs);
		free(data);
	} else {
		rc = scenario_load(path, sc, &errs);
	}
	if (rc < 0)
		status = cli_print_errors(&errs, strcmp(path, "-") ? path : STDIN_NAME, err);
	cd_errlist_done(&errs);
	return status;
}
