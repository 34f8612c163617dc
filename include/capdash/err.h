/* err.h — the one error value every capdash module returns.
 *
 * Library code never prints and never exits: it fills a struct cd_err and
 * returns -1 (or NULL).  Only main() (src/cli/, src/train/main.c) prints it,
 * as "FILE:LINE:COL: message" — or "FILE: message" when there is no position,
 * or just "message" when there is no file either.
 *
 * Line and column are 1-based; 0 means "unknown".  Validation that wants to
 * report every problem in a file uses struct cd_errlist.
 */
#ifndef CAPDASH_ERR_H
#define CAPDASH_ERR_H

#include <stddef.h>

/* Exit statuses shared by every command (documented in capdash(1)). */
enum {
	CD_EXIT_OK = 0,
	CD_EXIT_FAIL = 1,      /* runtime failure: I/O, a run that failed, ... */
	CD_EXIT_USAGE = 2,     /* bad command line */
	CD_EXIT_DATAERR = 65,  /* bad input data (sysexits EX_DATAERR) */
	CD_EXIT_NOINPUT = 66,  /* an input file could not be opened (EX_NOINPUT) */
	CD_EXIT_CANTCREAT = 73 /* an output file could not be written */
};

/* What kind of failure; lets callers pick an exit status without parsing text. */
enum cd_err_code {
	CD_ERR_NONE = 0,
	CD_ERR_RANGE,      /* a value outside its documented range */
	CD_ERR_TYPE,       /* wrong type: text where a number belongs, ... */
	CD_ERR_SYNTAX,     /* malformed file */
	CD_ERR_KEY,        /* unknown, missing or duplicate key */
	CD_ERR_IO,         /* open/read/write/rename failed */
	CD_ERR_NOMEM,      /* allocation failed */
	CD_ERR_LIMIT,      /* a size/depth/alias limit hit */
	CD_ERR_INFEASIBLE, /* goal seek: no value satisfies the target */
	CD_ERR_USAGE,      /* bad argument from the caller (command line) */
	CD_ERR_STATE       /* operation not valid now (run not live, ...) */
};

#define CD_ERR_FILE_MAX 256
#define CD_ERR_MSG_MAX 512

struct cd_err {
	int code; /* enum cd_err_code */
	char file[CD_ERR_FILE_MAX];
	unsigned line, col; /* 1-based; 0 = unknown */
	char msg[CD_ERR_MSG_MAX];
};

/* Fill err (if non-NULL) with a printf-style message; file may be NULL.
 * Always returns -1 so callers can write `return cd_err_set(...)`. */
int cd_err_set(struct cd_err *err, int code, const char *file, unsigned line, unsigned col,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Clear to "no error". */
void cd_err_clear(struct cd_err *err);

/* Render as "file:line:col: msg" (parts omitted when unknown) into buf.
 * Returns buf. */
char *cd_err_str(const struct cd_err *err, char *buf, size_t size);

/* A growable list of errors, for validators that report every problem.
 * Capped at CD_ERRLIST_MAX entries; later ones are counted in `dropped`. */
#define CD_ERRLIST_MAX 100
struct cd_errlist {
	struct cd_err *v;
	size_t n, cap;
	size_t dropped;
};

void cd_errlist_init(struct cd_errlist *l);
void cd_errlist_done(struct cd_errlist *l);
/* Append a copy of *e.  Returns 0, or -1 if memory ran out (then counted as dropped). */
int cd_errlist_add(struct cd_errlist *l, const struct cd_err *e);

#endif
