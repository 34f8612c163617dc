/* json_scan.c — a small tolerant reader of one-line objects: JSON (capdash's
 * protocol, fairseq's json log format) and Python dict reprs (HuggingFace
 * Trainer's {'loss': nan, ...}).  It walks the pairs of the outer object in
 * place; nested values are skipped, not built.
 *
 * Must not allocate, recurse or read past end: a line is untrusted bytes.
 * Start at jscan_next().
 * Not json.c's jr_parse: that is strict (one Python repr or NaN fails the
 * line) and unescapes into buffers it may malloc, which this file must not.
 */
#include "parse_int.h"

#include <string.h>

bool jscan_begin(struct jscan *j, const char *p, const char *end)
{
	if (p >= end || *p != '{')
		return false;
	j->p = p + 1;
	j->end = end;
	j->done = false;
	return true;
}

/* A quoted string at p (p[0] is the quote); returns the byte after the
 * closing quote or NULL when the line ends first. */
static const char *skip_string(const char *p, const char *end)
{
	char q = *p++;

	while (p < end && *p != q) {
		if (*p == '\\')
			p++;
		p++;
	}
	return p < end ? p + 1 : NULL;
}

/* A nested {...} [...] (...) value, quotes respected, depth counted in a
 * variable rather than by recursion. */
static const char *skip_nested(const char *p, const char *end)
{
	int depth = 0;

	while (p < end) {
		char c = *p;

		if (c == '"' || c == '\'') {
			p = skip_string(p, end);
			if (!p)
				return NULL;
			continue;
		}
		if (c == '{' || c == '[' || c == '(')
			depth++;
		else if (c == '}' || c == ']' || c == ')')
			if (--depth == 0)
				return p + 1;
		p++;
	}
	return NULL;
}

static bool word_char(char c)
{
	return pc_alpha(c) || pc_digit(c) || c == '_' || c == '.';
}

static bool word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

static const char *value(const char *p, const char *end, struct jpair *out)
{
	const char *q;

	if (p >= end)
		return NULL;
	if (*p == '"' || *p == '\'') {
		q = skip_string(p, end);
		if (!q)
			return NULL;
		out->type = JV_STR;
		out->s = p + 1;
		out->slen = (size_t)(q - 1 - out->s);
		/* fairseq writes every number as a string */
		{
			const char *a = ps_skip_sp(out->s, q - 1), *e;

			e = ps_num(a, q - 1, &out->num);
			if (e && ps_skip_sp(e, q - 1) == q - 1) {
				out->type = JV_NUM;
				out->numstr = true;
			}
		}
		return q;
	}
	if (*p == '{' || *p == '[' || *p == '(') {
		out->type = JV_NEST;
		return skip_nested(p, end);
	}
	q = ps_num(p, end, &out->num);
	if (q && (q == end || !word_char(*q))) {
		out->type = JV_NUM;
		return q;
	}
	if (!pc_alpha(*p) && *p != '_')
		return NULL;
	q = p;
	while (q < end && word_char(*q))
		q++;
	{
		size_t n = (size_t)(q - p);

		if (word_is(p, n, "true") || word_is(p, n, "false") || word_is(p, n, "True") ||
		    word_is(p, n, "False")) {
			out->type = JV_BOOL;
			return q;
		}
		if (word_is(p, n, "null") || word_is(p, n, "None")) {
			out->type = JV_NULL;
			return q;
		}
		if (word_is(p, n, "NaN") || word_is(p, n, "Infinity")) {
			out->type = JV_NUM;
			ps_num(p, q, &out->num);
			return q;
		}
	}
	out->type = JV_WORD;
	if (q < end && *q == '(') {
		/* tensor(1.5, device='cuda:0'), np.float64(0.25) */
		const char *a = ps_skip_sp(q + 1, end), *e = ps_num(a, end, &out->num);

		if (e && e < end && (*e == ',' || *e == ')'))
			out->type = JV_NUM;
		return skip_nested(q, end);
	}
	return q;
}

int jscan_next(struct jscan *j, struct jpair *out)
{
	const char *p = j->p, *end = j->end;

	if (j->done)
		return 0;
	memset(out, 0, sizeof *out);
	p = ps_skip_sp(p, end);
	if (p < end && *p == '}') {
		j->done = true;
		j->p = p + 1;
		return 0;
	}
	if (p >= end)
		return -1;
	if (*p == '"' || *p == '\'') {
		const char *q = skip_string(p, end);

		if (!q)
			return -1;
		out->quote = *p;
		out->key = p + 1;
		out->klen = (size_t)(q - 1 - out->key);
		p = q;
	} else if (pc_alpha(*p) || *p == '_') {
		out->key = p;
		while (p < end && word_char(*p))
			p++;
		out->klen = (size_t)(p - out->key);
	} else {
		return -1;
	}
	p = ps_skip_sp(p, end);
	if (p >= end || *p != ':')
		return -1;
	p = value(ps_skip_sp(p + 1, end), end, out);
	if (!p)
		return -1;
	p = ps_skip_sp(p, end);
	if (p < end && *p == ',')
		p++;
	else if (p >= end || *p != '}')
		return -1;
	j->p = p;
	return 1;
}
