/* cfg.c — what every schema walker shares: key tables with did-you-mean,
 * duplicates and required keys; scalars turned into values exactly, with
 * "path: expected ..., got ..." messages.
 *
 * Must not know any particular schema (scenario.c, theme.c, userconf.c do)
 * and must not parse floating point: numbers go through budget_value_parse.
 * Start at cfg_map().
 */
#include "ytree.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "capdash/common.h"
#include "capdash/scenario.h"

#define CFG_SHOW_MAX 40
#define CFG_MAP_MAX_KEYS 64

/* s for a message: shortened, control bytes and bidirectional controls as
 * '?' (a message must read as it is written). */
static void show(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0, off;

	for (size_t i = 0; i < len && i < CFG_SHOW_MAX && n + 4 < size; i++) {
		unsigned char ch = (unsigned char)s[i];
		size_t seq = ch >= 0xe0 ? 3 : 2; /* the length of a bidi control */

		if (ch >= 0xc0 && seq <= len - i && cfg_bidi_find(s + i, seq, &off)) {
			buf[n++] = '?';
			i += seq - 1;
			continue;
		}
		buf[n++] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	/* Never cut a UTF-8 sequence in half. */
	while (n > 0 && len > CFG_SHOW_MAX && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0 && len > CFG_SHOW_MAX && ((unsigned char)buf[n - 1] & 0xc0) == 0xc0)
		n--;
	if (len > CFG_SHOW_MAX && n + 4 < size) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
}

const char *cfg_got(const struct ynode *n, char *buf, size_t size)
{
	char s[CFG_SHOW_MAX + 8];

	if (!n || cfg_is_null(n))
		snprintf(buf, size, "nothing");
	else if (n->kind == YN_MAP)
		snprintf(buf, size, "a mapping");
	else if (n->kind == YN_SEQ)
		snprintf(buf, size, "a list");
	else if (n->kind == YN_ALIAS)
		snprintf(buf, size, "an alias");
	else {
		show(n->text, n->len, s, sizeof s);
		snprintf(buf, size, "\"%s\"", s);
	}
	return buf;
}

bool cfg_is_null(const struct ynode *n)
{
	if (!n || n->kind != YN_SCALAR || n->quoted)
		return false;
	return !strcmp(n->text, "") || !strcmp(n->text, "~") || !strcmp(n->text, "null") ||
	       !strcmp(n->text, "Null") || !strcmp(n->text, "NULL");
}

void cfg_join(char *buf, size_t size, const char *path, const char *key)
{
	if (path && *path)
		snprintf(buf, size, "%s.%s", path, key);
	else
		snprintf(buf, size, "%s", key);
}

void cfg_sort_errors(struct cfg_ctx *c, size_t from)
{
	struct cd_err *v;

	if (!c->errs)
		return;
	v = c->errs->v;
	for (size_t i = from + 1; i < c->errs->n; i++) {
		struct cd_err e = v[i];
		size_t j = i;

		while (j > from && (v[j - 1].line > e.line ||
		                    (v[j - 1].line == e.line && v[j - 1].col > e.col))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = e;
	}
}

/* "a, b or c" into buf. */
static void list_words(const char *const *w, size_t n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int k = snprintf(buf + used, size - used, "%s%s",
		                 i == 0 ? "" : (i + 1 == n ? " or " : ", "), w[i]);

		if (k < 0)
			break;
		used += (size_t)k;
	}
}

bool cfg_map(struct cfg_ctx *c, const struct ynode *map, const char *path, const char *const *keys,
             size_t n, const struct ynode **vals, uint32_t required, const char *expect)
{
	return cfg_map_hint(c, map, path, keys, n, vals, required, expect, NULL, 0);
}

/* A full path in hints whose last part is word ("gpus" -> "compute.gpus"). */
static const char *hint_for(const char *word, const char *const *hints, size_t nhints)
{
	for (size_t i = 0; i < nhints; i++) {
		const char *dot = strrchr(hints[i], '.');

		if (dot && !strcmp(dot + 1, word))
			return hints[i];
	}
	return NULL;
}

bool cfg_map_hint(struct cfg_ctx *c, const struct ynode *map, const char *path,
                  const char *const *keys, size_t n, const struct ynode **vals, uint32_t required,
                  const char *expect, const char *const *hints, size_t nhints)
{
	uint32_t suggested = 0;
	char name[256], got[64], shown[CFG_SHOW_MAX + 8], words[400];
	unsigned first[CFG_MAP_MAX_KEYS];

	if (n > CFG_MAP_MAX_KEYS)
		n = CFG_MAP_MAX_KEYS;
	for (size_t i = 0; i < n; i++)
		vals[i] = NULL;
	if (!map || map->kind == YN_ALIAS)
		return false;
	if (map->kind != YN_MAP) {
		cfg_error(c, map, CD_ERR_TYPE, _("%s%sexpected %s, got %s"), path,
		          *path ? ": " : "", expect, cfg_got(map, got, sizeof got));
		return false;
	}
	for (size_t p = 0; p + 1 < map->nkid; p += 2) {
		const struct ynode *k = map->kid[p], *v = map->kid[p + 1];
		const char *best;
		size_t i;

		if (k->kind == YN_ALIAS)
			continue;
		if (k->kind != YN_SCALAR || strlen(k->text) != k->len) {
			cfg_error(c, k, CD_ERR_KEY, _("%s%sexpected a key name, got %s"), path,
			          *path ? ": " : "", cfg_got(k, got, sizeof got));
			continue;
		}
		show(k->text, k->len, shown, sizeof shown);
		cfg_join(name, sizeof name, path, shown);
		for (i = 0; i < n; i++)
			if (!strcmp(k->text, keys[i]))
				break;
		if (i < n && vals[i]) {
			cfg_error(c, k, CD_ERR_KEY, _("%s: duplicate key (first given at line %u)"),
			          name, first[i]);
			continue;
		}
		if (i < n) {
			vals[i] = v;
			first[i] = k->line;
			continue;
		}
		/* Past the cap nobody reads the message: skip the edit distances. */
		if (c->errs && c->errs->n >= CD_ERRLIST_MAX) {
			cfg_error(c, k, CD_ERR_KEY, _("%s: unknown key"), name);
			continue;
		}
		best = cd_suggest(k->text, keys, n);
		if (!best)
			best = hint_for(k->text, hints, nhints);
		if (best) {
			cfg_error(c, k, CD_ERR_KEY, _("%s: unknown key (did you mean \"%s\"?)"),
			          name, best);
			/* The suggestion already says where the missing key went. */
			for (size_t j = 0; j < n && j < 32; j++)
				if (keys[j] == best)
					suggested |= UINT32_C(1) << j;
		} else {
			list_words(keys, n, words, sizeof words);
			cfg_error(c, k, CD_ERR_KEY, _("%s: unknown key (expected %s)"), name,
			          words);
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((required >> i & 1) && !(suggested >> i & 1) && !vals[i]) {
			cfg_join(name, sizeof name, path, keys[i]);
			cfg_error(c, map, CD_ERR_KEY, _("%s: required key is missing"), name);
		}
	return true;
}

/* The scalar text of n for a value; -1 after reporting when n is no scalar. */
static int scalar(struct cfg_ctx *c, const struct ynode *n, const char *path, const char *expect,
                  const char **text)
{
	char got[64];

	if (n->kind == YN_ALIAS)
		return -1;
	if (n->kind != YN_SCALAR) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s"), path, expect,
		          cfg_got(n, got, sizeof got));
		return -1;
	}
	if (strlen(n->text) != n->len) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got text with a NUL byte"), path,
		          expect);
		return -1;
	}
	*text = cfg_is_null(n) ? "" : n->text;
	return 0;
}

/* YAML's spellings of infinity and NaN (.inf, -.Inf, .NaN, ...). */
static bool yaml_nonfinite(const struct ynode *n)
{
	const char *t = n->text;

	if (n->quoted)
		return false;
	if (*t == '-' || *t == '+')
		t++;
	return !strcasecmp(t, ".inf") || !strcasecmp(t, ".nan");
}

const char *cfg_unit_expect(enum budget_unit u)
{
	switch (u) {
	case BUDGET_UNIT_COUNT:
		return "a whole number";
	case BUDGET_UNIT_MONTHS:
		return "a whole number of months";
	case BUDGET_UNIT_CENTS:
		return "an amount in dollars";
	case BUDGET_UNIT_ALPHA:
		return "a ratio";
	case BUDGET_UNIT_MICROS:
		return "a price in dollars";
	}
	return "a number";
}

/* A budget_value_parse error: at the character it names (e->col, such as a
 * bad ','), else at the value. */
static void value_error(struct cfg_ctx *c, const struct ynode *n, const struct cd_err *e,
                        const char *path)
{
	if (e->col)
		cfg_error_in(c, n, e->col - 1, e->code, _("%s: %s"), path, e->msg);
	else
		cfg_error(c, n, e->code, _("%s: %s"), path, e->msg);
}

int cfg_value_parse(const char *text, struct budget_key k, int64_t *out, struct cd_err *e)
{
	const struct budget_field *f = budget_field_get(k.id);
	const char *p = text;
	int64_t v;

	while (*p == ' ')
		p++;
	/* budget_value_parse reads no sign: a field that may be negative (an
	 * other_costs amount: a credit) takes a leading '-' here. */
	if (f->min >= 0 || *p != '-')
		return budget_value_parse(text, f->unit, out, e);
	if (p[1] == '-' || p[1] == '+' || budget_value_parse(p + 1, f->unit, &v, e) < 0) {
		if (p[1] == '-' || p[1] == '+')
			cd_err_set(e, CD_ERR_TYPE, NULL, 0, 0, _("expected %s, got \"%.40s\""),
			           cfg_unit_expect(f->unit), text);
		else if (e->col)
			e->col += (unsigned)(p + 1 - text);
		return -1;
	}
	*out = -v;
	return 0;
}

int cfg_budget_value(struct cfg_ctx *c, const struct ynode *n, const char *path,
                     struct budget_key k, int64_t *out)
{
	const struct budget_field *f = budget_field_get(k.id);
	const char *text, *rest;
	struct cd_err e;
	int64_t v;

	if (scalar(c, n, path, cfg_unit_expect(f->unit), &text) < 0)
		return -1;
	if (yaml_nonfinite(n)) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s (not a finite number)"),
		          path, cfg_unit_expect(f->unit), n->text);
		return -1;
	}
	if (cfg_value_parse(text, k, &v, &e) < 0) {
		/* e.col: the character the parser stopped at, such as a bad ','. */
		value_error(c, n, &e, path);
		return -1;
	}
	if (budget_check(k, v, &e) < 0) {
		/* budget_check names the field itself; the file's path is the one
		 * a reader can find (sliders.compute.gpus.max, ...). */
		rest = strstr(e.msg, ": ");
		cfg_error(c, n, e.code, _("%s: %s"), path, rest ? rest + 2 : e.msg);
		return -1;
	}
	*out = v;
	return 0;
}

int cfg_int(struct cfg_ctx *c, const struct ynode *n, const char *path, int64_t min, int64_t max,
            int64_t *out)
{
	char lo[32], hi[32], got[32];
	const char *text;
	struct cd_err e;
	int64_t v;

	if (scalar(c, n, path, _("a whole number"), &text) < 0)
		return -1;
	if (yaml_nonfinite(n)) {
		cfg_error(c, n, CD_ERR_TYPE,
		          _("%s: expected a whole number, got %s (not a finite number)"), path,
		          n->text);
		return -1;
	}
	if (budget_value_parse(text, BUDGET_UNIT_COUNT, &v, &e) < 0) {
		value_error(c, n, &e, path);
		return -1;
	}
	if (v < min || v > max) {
		cfg_error(c, n, CD_ERR_RANGE,
		          _("%s: expected a whole number from %s to %s, got %s"), path,
		          count_format(min, lo, sizeof lo), count_format(max, hi, sizeof hi),
		          count_format(v, got, sizeof got));
		return -1;
	}
	*out = v;
	return 0;
}

int cfg_micro(struct cfg_ctx *c, const struct ynode *n, const char *path, int64_t max, int64_t *out)
{
	static const char expect[] = "an amount in dollars with up to 6 decimals such as 0.15";
	char hi[48], got[48], shown[CFG_SHOW_MAX + 8];
	const char *text, *p;
	struct cd_err e;
	int64_t v;

	if (scalar(c, n, path, _("an amount in dollars"), &text) < 0)
		return -1;
	if (yaml_nonfinite(n)) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s (not a finite number)"),
		          path, expect, n->text);
		return -1;
	}
	/* The α unit is exactly "millionths of one": parse dollars with it. */
	for (p = text; *p == ' '; p++)
		;
	if (*p == '$')
		p++;
	if (*p == '-' || *p == '+') {
		show(text, strlen(text), shown, sizeof shown);
		cfg_error(c, n, CD_ERR_RANGE, _("%s: expected %s, with no sign, got \"%s\""), path,
		          expect, shown);
		return -1;
	}
	e.col = 0;
	if (strchr(p, '%') || budget_value_parse(p, BUDGET_UNIT_ALPHA, &v, &e) < 0) {
		const char *why = e.col ? strstr(e.msg, "\": the '") : NULL;

		show(text, strlen(text), shown, sizeof shown);
		/* A misplaced separator: point at it and say why. */
		if (why && (why = strstr(why + 9, " does not")) == NULL)
			why = " is misplaced (separators group whole digits in threes)";
		if (e.col && why)
			cfg_error_in(c, n, (size_t)(p - text) + e.col - 1, CD_ERR_TYPE,
			             _("%s: expected %s, got \"%s\": the '%c'%s"), path, expect,
			             shown, p[e.col - 1], why);
		else
			cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got \"%s\""), path, expect,
			          shown);
		return -1;
	}
	if (v > max) {
		cfg_error(c, n, CD_ERR_RANGE, _("%s: expected an amount from $0 to $%s, got $%s"),
		          path, budget_value_str(BUDGET_UNIT_ALPHA, max, hi, sizeof hi),
		          budget_value_str(BUDGET_UNIT_ALPHA, v, got, sizeof got));
		return -1;
	}
	*out = v;
	return 0;
}

int cfg_text_bidi(struct cfg_ctx *c, const struct ynode *n, const char *path)
{
	size_t off, chars = 0;
	uint32_t cp = cfg_bidi_find(n->text, n->len, &off);

	if (!cp)
		return 0;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)n->text[i] & 0xc0) != 0x80)
			chars++;
	cfg_error_in(c, n, chars, CD_ERR_TYPE,
	             _("%s: contains U+%04X (%s), a bidirectional control that makes text show "
	               "in another order than it reads (expected plain text)"),
	             path, (unsigned)cp, cfg_bidi_name(cp));
	return -1;
}

int cfg_text(struct cfg_ctx *c, const struct ynode *n, const char *path, char *buf, size_t size)
{
	char got[64];
	const char *text;

	if (scalar(c, n, path, _("text"), &text) < 0)
		return -1;
	if (cfg_is_null(n)) {
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected text, got %s"), path,
		          cfg_got(n, got, sizeof got));
		return -1;
	}
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			cfg_error(c, n, CD_ERR_TYPE,
			          _("%s: expected text without control characters, got %s"), path,
			          cfg_got(n, got, sizeof got));
			return -1;
		}
	if (cfg_text_bidi(c, n, path) < 0)
		return -1;
	if (n->len >= size) {
		cfg_error(c, n, CD_ERR_RANGE, _("%s: expected at most %zu bytes of text, got %zu"),
		          path, size - 1, n->len);
		return -1;
	}
	memcpy(buf, text, n->len + 1);
	return 0;
}

int cfg_bool(struct cfg_ctx *c, const struct ynode *n, const char *path)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no",
	                                                                       "off"};
	const char *text;
	char got[64];

	if (scalar(c, n, path, _("true or false"), &text) < 0)
		return -1;
	for (size_t i = 0; i < CD_ARRAY_LEN(yes); i++) {
		if (!n->quoted && !strcasecmp(text, yes[i]))
			return 1;
		if (!n->quoted && !strcasecmp(text, no[i]))
			return 0;
	}
	cfg_error(c, n, CD_ERR_TYPE, _("%s: expected true or false, got %s"), path,
	          cfg_got(n, got, sizeof got));
	return -1;
}

int cfg_enum(struct cfg_ctx *c, const struct ynode *n, const char *path, const char *const *names,
             size_t count)
{
	char words[256], got[64];
	const char *text, *best;

	list_words(names, count, words, sizeof words);
	if (scalar(c, n, path, words, &text) < 0)
		return -1;
	for (size_t i = 0; i < count; i++)
		if (!strcmp(text, names[i]))
			return (int)i;
	best = *text ? cd_suggest(text, names, count) : NULL;
	if (best)
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s (did you mean \"%s\"?)"),
		          path, words, cfg_got(n, got, sizeof got), best);
	else
		cfg_error(c, n, CD_ERR_TYPE, _("%s: expected %s, got %s"), path, words,
		          cfg_got(n, got, sizeof got));
	return -1;
}

int cfg_read_file(const char *path, char **data, size_t *len, struct cd_errlist *errs)
{
	struct cd_err e;

	if (cd_read_file(path, SCENARIO_MAX_BYTES, data, len, &e) < 0) {
		if (e.code == CD_ERR_LIMIT)
			e.line = e.col = 1;
		if (errs)
			cd_errlist_add(errs, &e);
		return -1;
	}
	return 0;
}
