/* table.c — one grid of strings, written as an aligned text table, a
 * Markdown pipe table or CSV.
 *
 * calc and sweep build a table of already-formatted cells and pick a
 * renderer, so the three formats cannot disagree about what is shown.  Text
 * alignment counts terminal columns, not bytes (万 is two columns, × one).
 * Must not format numbers (the model's money_format does).  Start at
 * cli_table_row() and cli_table_text().
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void cli_table_init(struct cli_table *t, int ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols < CLI_TABLE_MAXCOLS ? ncols : CLI_TABLE_MAXCOLS;
}

void cli_table_done(struct cli_table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void cli_table_row(struct cli_table *t, const char *const *cells)
{
	size_t base;

	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **v = realloc(t->cells, cap * (size_t)t->ncols * sizeof *v);

		if (!v) {
			t->oom = true;
			return;
		}
		t->cells = v;
		t->cap = cap;
	}
	base = t->nrows * (size_t)t->ncols;
	for (int c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";

		t->cells[base + (size_t)c] = strdup(s);
		if (!t->cells[base + (size_t)c])
			t->oom = true;
	}
	t->nrows++;
}

/* Decode one UTF-8 sequence at s; returns its length (1 for a bad byte,
 * which then counts as one column). */
static size_t utf8_next(const unsigned char *s, unsigned long *cp)
{
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = s[0] & 0x1fu;
		n = 2;
	} else if ((s[0] & 0xf0) == 0xe0) {
		*cp = s[0] & 0x0fu;
		n = 3;
	} else if ((s[0] & 0xf8) == 0xf0) {
		*cp = s[0] & 0x07u;
		n = 4;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3fu);
	}
	return n;
}

/* East Asian wide and fullwidth ranges: enough for 万 and CJK role names. */
static int cp_width(unsigned long cp)
{
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	if (cp >= 0x300 && cp <= 0x36f) /* combining marks */
		return 0;
	return 1;
}

size_t cli_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		unsigned long cp;

		p += utf8_next(p, &cp);
		w += (size_t)cp_width(cp);
	}
	return w;
}

static const char *cell(const struct cli_table *t, size_t r, int c)
{
	return t->cells[r * (size_t)t->ncols + (size_t)c];
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

int cli_table_text(const struct cli_table *t, FILE *out, bool header, const char *indent)
{
	size_t width[CLI_TABLE_MAXCOLS] = {0};
	size_t from = header ? 0 : 1;

	if (t->oom)
		return -1;
	for (size_t r = from; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t w = cli_display_width(cell(t, r, c));

			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = from; r < t->nrows; r++) {
		int last = t->ncols - 1;

		/* Trailing empty cells would only leave trailing blanks. */
		while (last > 0 && !cell(t, r, last)[0])
			last--;
		fputs(indent ? indent : "", out);
		for (int c = 0; c <= last; c++) {
			const char *s = cell(t, r, c);
			size_t gap = width[c] - cli_display_width(s);

			if (c)
				fputs("  ", out);
			if (t->align[c] == CLI_RIGHT)
				pad(out, gap);
			fputs(s, out);
			if (t->align[c] == CLI_LEFT && c < last)
				pad(out, gap);
		}
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

/* A cell inside a pipe table: '|' and the markers that start emphasis, code,
 * links or HTML escaped ('_' inside words is left alone so paths such as
 * people.roles.0.monthly_salary stay readable); line breaks and other
 * control bytes become spaces. */
void cli_md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fputc(' ', out);
		else if (strchr("\\|*`[]<", c))
			fprintf(out, "\\%c", c);
		else
			fputc(c, out);
	}
}

int cli_table_markdown(const struct cli_table *t, FILE *out)
{
	if (t->oom)
		return -1;
	for (size_t r = 0; r < t->nrows; r++) {
		fputc('|', out);
		for (int c = 0; c < t->ncols; c++) {
			fputc(' ', out);
			cli_md_text(out, cell(t, r, c));
			fputs(" |", out);
		}
		fputc('\n', out);
		if (r == 0) {
			fputc('|', out);
			for (int c = 0; c < t->ncols; c++)
				fputs(t->align[c] == CLI_RIGHT ? "---:|" : ":---|", out);
			fputc('\n', out);
		}
	}
	return ferror(out) ? -1 : 0;
}

/* RFC 4180: quote a field holding a comma, quote or line break; double the
 * quotes inside. */
static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

int cli_table_csv(const struct cli_table *t, FILE *out)
{
	if (t->oom)
		return -1;
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, cell(t, r, c));
		}
		/* RFC 4180 lines end in CRLF, but every tool a founder pipes
		 * this into (awk, cut, spreadsheets) takes LF. */
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
