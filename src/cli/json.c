/* json.c — a small pretty-printing JSON writer for --format json.
 *
 * Numbers arrive as text the model made exactly (money_decimal,
 * budget_value_str), so no float is ever printed.  Strings are escaped
 * completely: quotes, backslashes, control bytes, U+2028/U+2029, and invalid
 * UTF-8 (replaced by U+FFFD) so the output is always valid JSON whatever a
 * scenario file held.  Must not decide the schema (the commands do).
 */
#include "cli.h"

#include <string.h>

#define JSON_MAX_DEPTH ((int)(sizeof((struct cli_json *)0)->first))

/* Length of a valid UTF-8 sequence at s (overlongs, surrogates and values
 * past U+10FFFF refused), or 0. */
static size_t utf8_valid(const unsigned char *s)
{
	unsigned long cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	cp = s[0] & (n == 2 ? 0x1fu : n == 3 ? 0x0fu : 0x07u);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void cli_json_escape(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', out);
	while (*p) {
		size_t n = utf8_valid(p);

		if (n == 0) {
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		if (n == 1) {
			switch (*p) {
			case '"':
				fputs("\\\"", out);
				break;
			case '\\':
				fputs("\\\\", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			default:
				if (*p < 0x20 || *p == 0x7f)
					fprintf(out, "\\u%04x", *p);
				else
					fputc(*p, out);
			}
		} else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		           (p[2] == 0xa8 || p[2] == 0xa9)) {
			/* Line and paragraph separators break JavaScript readers. */
			fprintf(out, "\\u%s", p[2] == 0xa8 ? "2028" : "2029");
		} else {
			fwrite(p, 1, n, out);
		}
		p += n;
	}
	fputc('"', out);
}

static void indent(struct cli_json *j)
{
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Separator, newline and indentation before a member, then its key. */
static void member(struct cli_json *j, const char *key)
{
	int d = j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1;

	if (j->depth > 0) {
		if (!j->first[d])
			fputc(',', j->out);
		j->first[d] = false;
		indent(j);
	}
	if (key) {
		cli_json_escape(j->out, key);
		fputs(": ", j->out);
	}
}

void cli_json_begin(struct cli_json *j, FILE *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

void cli_json_begin_scenario(struct cli_json *j, FILE *out, const struct scenario *sc,
                             const char *path)
{
	cli_json_begin(j, out);
	cli_json_open(j, NULL, '{');
	cli_json_int(j, "schema", 1);
	cli_json_str(j, "scenario", sc->name);
	cli_json_str(j, "file", path && strcmp(path, "-") ? path : NULL);
}

void cli_json_open(struct cli_json *j, const char *key, char bracket)
{
	member(j, key);
	fputc(bracket, j->out);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->first[j->depth + 1] = true;
	j->depth++;
}

void cli_json_close(struct cli_json *j, char bracket)
{
	int d = j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1;
	bool empty = j->first[d];

	j->depth--;
	if (!empty)
		indent(j);
	fputc(bracket, j->out);
}

void cli_json_raw(struct cli_json *j, const char *key, const char *json)
{
	member(j, key);
	fputs(json, j->out);
}

void cli_json_str(struct cli_json *j, const char *key, const char *s)
{
	member(j, key);
	if (s)
		cli_json_escape(j->out, s);
	else
		fputs("null", j->out);
}

void cli_json_int(struct cli_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->out, "%lld", (long long)v);
}

void cli_json_bool(struct cli_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
}

void cli_json_money(struct cli_json *j, const char *key, int64_t cents)
{
	char buf[48];

	cli_json_raw(j, key, money_decimal(cents, buf, sizeof buf));
}

void cli_json_value(struct cli_json *j, const char *key, enum budget_unit unit, int64_t v)
{
	char buf[48];

	if (unit == BUDGET_UNIT_CENTS)
		cli_json_money(j, key, v);
	else if (unit == BUDGET_UNIT_MICROS) /* a price: every digit it has */
		cli_json_raw(j, key, price_decimal(v, buf, sizeof buf));
	else
		cli_json_raw(j, key, budget_value_str(unit, v, buf, sizeof buf));
}

void cli_json_end(struct cli_json *j)
{
	fputc('\n', j->out);
}
