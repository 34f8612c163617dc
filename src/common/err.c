/* err.c — building and rendering struct cd_err values.
 *
 * Pure string work: no I/O, so every module (the budget model too) may use it.
 */
#include "capdash/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cd_err_set(struct cd_err *err, int code, const char *file, unsigned line, unsigned col,
               const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	err->line = line;
	err->col = col;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void cd_err_clear(struct cd_err *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

char *cd_err_str(const struct cd_err *err, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (!err->file[0])
		snprintf(buf, size, "%s", err->msg);
	else if (!err->line)
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else if (!err->col)
		snprintf(buf, size, "%s:%u: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, size, "%s:%u:%u: %s", err->file, err->line, err->col, err->msg);
	return buf;
}

void cd_errlist_init(struct cd_errlist *l)
{
	memset(l, 0, sizeof *l);
}

void cd_errlist_done(struct cd_errlist *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int cd_errlist_add(struct cd_errlist *l, const struct cd_err *e)
{
	if (l->n == CD_ERRLIST_MAX) {
		l->dropped++;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct cd_err *v;

		if (cap > CD_ERRLIST_MAX)
			cap = CD_ERRLIST_MAX;
		v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->dropped++;
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *e;
	return 0;
}
