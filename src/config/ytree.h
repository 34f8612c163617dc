/* ytree.h — a small, bounded YAML document tree for the config loaders
 * (private to src/config/).
 *
 * ytree_parse turns libyaml events into nodes with 1-based positions and
 * refuses, with a FILE:LINE:COL error, what a config file never needs and an
 * attacker would use: invalid UTF-8 and control bytes, more than one
 * document, nesting deeper than SCENARIO_MAX_DEPTH, more than YTREE_MAX_NODES
 * values, anchors and aliases (never expanded, so a "billion laughs" file
 * costs nothing), tags other than YAML's standard ones (!foo).  A UTF-8 byte
 * order mark at the start is skipped.  cfg_* are the helpers every schema walker shares: error
 * reporting, key tables with did-you-mean, scalar conversions.
 * Start at struct ynode and ytree_parse().
 */
#ifndef CAPDASH_CONFIG_YTREE_H
#define CAPDASH_CONFIG_YTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

#define YTREE_MAX_NODES 100000

enum ynode_kind {
	YN_SCALAR,
	YN_MAP, /* kids alternate key, value */
	YN_SEQ,
	YN_ALIAS /* refused; reported once by the parser, skipped by walkers */
};

struct ynode {
	enum ynode_kind kind;
	unsigned line, col; /* 1-based */
	bool quoted;        /* scalar written in quotes or as a block: never null/bool */
	bool flow;          /* collection written as {...} or [...] */
	char style;         /* scalar: 0 plain, '\'' or '"' quoted, '|' or '>' block */
	/* Byte offsets of what was written in the parsed text (BOM included):
	 * a scalar's quotes, a flow collection's brackets; a block collection
	 * from its first item to the end of its last.  scenario_save.c edits
	 * files in place at these. */
	size_t beg, end;
	char *text; /* scalar: NUL-terminated */
	size_t len; /* scalar: bytes, may hold an escaped NUL */
	struct ynode **kid;
	size_t nkid, cap;
};

/* Where errors go while one file is checked. */
struct cfg_ctx {
	const char *file;
	struct cd_errlist *errs;
	int nerr;         /* errors found in this file (also those dropped) */
	const char *text; /* set by ytree_parse: the parsed bytes, for positions inside values */
	size_t text_len;
};

/* Parse data (len bytes, need not be NUL-terminated) into a tree.  Returns 0
 * with *root set (NULL for an empty file or one holding only comments), or -1
 * after reporting through c.  After a refused anchor or alias *root may still
 * be set (aliases as YN_ALIAS) so the rest of the file can be checked; the
 * caller frees it either way. */
int ytree_parse(struct cfg_ctx *c, const char *data, size_t len, struct ynode **root);
void ytree_free(struct ynode *n);

/* Report one problem at n's position (line 1, col 1 when n is NULL). */
void cfg_error(struct cfg_ctx *c, const struct ynode *n, int code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
void cfg_error_at(struct cfg_ctx *c, unsigned line, unsigned col, int code, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

/* The same at character off (0-based) of n's value, when the value is written as it reads (a plain
 * or quoted scalar on one line, no escapes); else at n's position. */
void cfg_error_in(struct cfg_ctx *c, const struct ynode *n, size_t off, int code, const char *fmt,
                  ...) __attribute__((format(printf, 5, 6)));

/* The first bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C) in s: its code point, with *off its byte offset; 0 when
 * none.  These reorder text on a terminal, so a name holding one can show
 * as something else. */
uint32_t cfg_bidi_find(const char *s, size_t len, size_t *off);

/* "right-to-left override" and so on, for messages. */
const char *cfg_bidi_name(uint32_t cp);

/* Sort the errors appended since index from by position (a walker visits keys
 * in schema order; people read files top to bottom). */
void cfg_sort_errors(struct cfg_ctx *c, size_t from);

/* "a mapping", "a list", "nothing", "\"text\"": how a message names what it got. */
const char *cfg_got(const struct ynode *n, char *buf, size_t size);

/* A plain scalar YAML reads as null ("", "~", "null"). */
bool cfg_is_null(const struct ynode *n);

/* Walk map (at dotted path; "" at the top): for each key find it in keys[],
 * store its value in vals[] (NULL when absent) and report unknown keys (with
 * did-you-mean), non-scalar keys and duplicates.  Keys whose bit is set in
 * required and that are absent are reported at the map.  Returns false (after
 * reporting) when map is not a mapping; vals are then all NULL. */
bool cfg_map(struct cfg_ctx *c, const struct ynode *map, const char *path, const char *const *keys,
             size_t n, const struct ynode **vals, uint32_t required, const char *expect);

/* The same; an unknown key that matches no key but is the last part of one
 * of hints (full dotted paths) gets that path as its did-you-mean. */
bool cfg_map_hint(struct cfg_ctx *c, const struct ynode *map, const char *path,
                  const char *const *keys, size_t n, const struct ynode **vals, uint32_t required,
                  const char *expect, const char *const *hints, size_t nhints);

/* path + "." + key, or key when path is "". */
void cfg_join(char *buf, size_t size, const char *path, const char *key);

/* A scalar value of one budget unit, parsed exactly (budget_value_parse) and
 * range-checked against field k (budget_check), messages prefixed with path.
 * Returns 0 with *out set, or -1 after reporting. */
int cfg_budget_value(struct cfg_ctx *c, const struct ynode *n, const char *path,
                     struct budget_key k, int64_t *out);

/* Text into field k's unit, as budget_value_parse; a field whose range goes
 * below 0 (an other_costs amount) also takes a leading '-'.  Returns 0 or -1
 * with e (e->col: the 1-based character of a misplaced separator, or 0). */
int cfg_value_parse(const char *text, struct budget_key k, int64_t *out, struct cd_err *e);

/* "a whole number", "an amount in dollars", ...: what a value of unit u is
 * called in messages. */
const char *cfg_unit_expect(enum budget_unit u);

/* A whole number in [min, max].  Returns 0 or -1 after reporting. */
int cfg_int(struct cfg_ctx *c, const struct ynode *n, const char *path, int64_t min, int64_t max,
            int64_t *out);

/* Dollars with up to 6 decimals ("0.15", "$2.49") as micro-dollars in
 * [0, max].  Returns 0 or -1 after reporting. */
int cfg_micro(struct cfg_ctx *c, const struct ynode *n, const char *path, int64_t max,
              int64_t *out);

/* A text value (no NUL or control bytes) of at most size-1 bytes, copied into
 * buf.  Returns 0 or -1 after reporting. */
int cfg_text(struct cfg_ctx *c, const struct ynode *n, const char *path, char *buf, size_t size);

/* Report and return -1 when scalar n holds a bidirectional control; else 0. */
int cfg_text_bidi(struct cfg_ctx *c, const struct ynode *n, const char *path);

/* true/false (also yes/no, on/off).  Returns 0/1, or -1 after reporting. */
int cfg_bool(struct cfg_ctx *c, const struct ynode *n, const char *path);

/* Index of n's text in names[], or -1 after reporting (with did-you-mean). */
int cfg_enum(struct cfg_ctx *c, const struct ynode *n, const char *path, const char *const *names,
             size_t count);

/* Read the config file at path (at most SCENARIO_MAX_BYTES) into a heap
 * buffer *data of *len bytes, for every loader of src/config/.  On failure
 * add the error to errs (when not NULL) and return -1: a size refusal points
 * at 1:1 like any FILE:LINE:COL error; "no such file" has no position. */
int cfg_read_file(const char *path, char **data, size_t *len, struct cd_errlist *errs);

/* Every byte sequence in s is valid UTF-8. */
bool cfg_utf8_ok(const char *s, size_t len);

#endif
