/* json.c — the little JSON the run directory needs: a writer for flat
 * objects (plus arrays of strings) and a reader for the same shape.
 *
 * Not a general JSON library: objects nest (status's "slurm" object; the
 * reader names their members "outer.inner"), arrays hold strings only.  Numbers are written with
 * "%.15g" in the C locale's format (we never call setlocale for LC_NUMERIC
 * outside the UI, which keeps "C").  Start at jw_begin() / jr_parse().
 * Not json_scan.c's jscan: it is tolerant (quotes, NaN, None, nested values,
 * trailing text) and leaves escapes in; files we write must read strictly.
 */
#include "run_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JR_DEPTH_MAX 4 /* objects within objects: status needs 1 */

static void put(struct jw *w, const char *s, size_t n)
{
	if (!w->ok || w->len + n + 1 > w->size) {
		w->ok = false;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static void puts_(struct jw *w, const char *s)
{
	put(w, s, strlen(s));
}

static void quoted(struct jw *w, const char *s)
{
	char esc[8];

	put(w, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(w, esc, 2);
		} else if (*p < 0x20 || *p == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			puts_(w, esc);
		} else {
			put(w, (const char *)p, 1);
		}
	}
	put(w, "\"", 1);
}

static void key(struct jw *w, const char *k)
{
	if (!w->first)
		put(w, ",", 1);
	w->first = false;
	quoted(w, k);
	put(w, ":", 1);
}

void jw_begin(struct jw *w, char *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->len = 0;
	w->ok = size > 0;
	w->first = true;
	put(w, "{", 1);
}

void jw_int(struct jw *w, const char *k, int64_t v)
{
	char n[32];

	key(w, k);
	snprintf(n, sizeof(n), "%lld", (long long)v);
	puts_(w, n);
}

void jw_num(struct jw *w, const char *k, double v)
{
	char n[40];

	key(w, k);
	if (!isfinite(v)) {
		puts_(w, "null");
		return;
	}
	snprintf(n, sizeof(n), "%.15g", v);
	puts_(w, n);
}

void jw_str(struct jw *w, const char *k, const char *s)
{
	key(w, k);
	quoted(w, s ? s : "");
}

void jw_bool(struct jw *w, const char *k, bool v)
{
	key(w, k);
	puts_(w, v ? "true" : "false");
}

void jw_strv(struct jw *w, const char *k, char *const *v)
{
	key(w, k);
	put(w, "[", 1);
	for (int i = 0; v && v[i]; i++) {
		if (i)
			put(w, ",", 1);
		quoted(w, v[i]);
	}
	put(w, "]", 1);
}

void jw_obj_begin(struct jw *w, const char *k)
{
	key(w, k);
	put(w, "{", 1);
	w->first = true;
}

void jw_obj_end(struct jw *w)
{
	put(w, "}", 1);
	w->first = false;
}

size_t jw_end(struct jw *w)
{
	put(w, "}\n", 2);
	return w->ok ? w->len : 0;
}

/* ---- reader ---- */

struct jr {
	const char *s, *end;
	char *tmp; /* unescape buffer, as long as the input */
};

static void ws(struct jr *r)
{
	while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r'))
		r->s++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Unescape a string at r->s (on the opening quote) into dst. */
static int str(struct jr *r, char *dst, size_t *n)
{
	size_t k = 0;

	if (r->s >= r->end || *r->s != '"')
		return -1;
	r->s++;
	while (r->s < r->end && *r->s != '"') {
		char c = *r->s++;
		if (c != '\\') {
			dst[k++] = c;
			continue;
		}
		if (r->s >= r->end)
			return -1;
		c = *r->s++;
		switch (c) {
		case 'n':
			dst[k++] = '\n';
			break;
		case 't':
			dst[k++] = '\t';
			break;
		case 'r':
			dst[k++] = '\r';
			break;
		case 'b':
			dst[k++] = '\b';
			break;
		case 'f':
			dst[k++] = '\f';
			break;
		case 'u': {
			unsigned u;
			if (r->end - r->s < 4 || hex4(r->s, &u))
				return -1;
			r->s += 4;
			/* Enough for what we write (control bytes); other code
			 * points are kept as UTF-8 of the BMP value. */
			if (u < 0x80) {
				dst[k++] = (char)u;
			} else if (u < 0x800) {
				dst[k++] = (char)(0xc0 | (u >> 6));
				dst[k++] = (char)(0x80 | (u & 0x3f));
			} else {
				dst[k++] = (char)(0xe0 | (u >> 12));
				dst[k++] = (char)(0x80 | ((u >> 6) & 0x3f));
				dst[k++] = (char)(0x80 | (u & 0x3f));
			}
			break;
		}
		default:
			dst[k++] = c;
			break;
		}
	}
	if (r->s >= r->end)
		return -1;
	r->s++;
	dst[k] = '\0';
	*n = k;
	return 0;
}

static bool word(struct jr *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->s) >= n && memcmp(r->s, w, n) == 0) {
		r->s += n;
		return true;
	}
	return false;
}

static int object(struct jr *r, char *kbuf, size_t kcap, size_t klen, char *sbuf, jr_cb cb,
                  void *ctx, int depth);

static int value(struct jr *r, char *k, size_t kcap, size_t klen, char *sbuf, jr_cb cb, void *ctx,
                 int depth)
{
	struct jr_val v = {0};

	ws(r);
	if (r->s >= r->end)
		return -1;
	if (*r->s == '{') {
		/* members are named "k.member": k, '.', then the member's key */
		if (depth >= JR_DEPTH_MAX || klen + 2 > kcap)
			return -1;
		k[klen] = '.';
		return object(r, k, kcap, klen + 1, sbuf, cb, ctx, depth + 1);
	}
	if (*r->s == '"') {
		if (str(r, sbuf, &v.slen))
			return -1;
		v.type = JR_STR;
		v.str = sbuf;
	} else if (*r->s == '[') {
		r->s++;
		ws(r);
		if (r->s < r->end && *r->s == ']') {
			r->s++;
			return 0;
		}
		for (v.idx = 0;; v.idx++) {
			ws(r);
			if (str(r, sbuf, &v.slen))
				return -1;
			v.type = JR_ARR_STR;
			v.str = sbuf;
			cb(k, &v, ctx);
			ws(r);
			if (r->s < r->end && *r->s == ',') {
				r->s++;
				continue;
			}
			if (r->s < r->end && *r->s == ']') {
				r->s++;
				return 0;
			}
			return -1;
		}
	} else if (word(r, "true")) {
		v.type = JR_BOOL;
		v.num = 1;
	} else if (word(r, "false")) {
		v.type = JR_BOOL;
	} else if (word(r, "null")) {
		v.type = JR_NULL;
	} else {
		char num[64], *e;
		size_t n = 0;
		while (r->s + n < r->end && n < sizeof(num) - 1 &&
		       strchr("0123456789+-.eE", r->s[n]) && r->s[n])
			n++;
		if (n == 0)
			return -1;
		memcpy(num, r->s, n);
		num[n] = '\0';
		v.num = strtod(num, &e);
		if (*e)
			return -1;
		r->s += n;
		v.type = isfinite(v.num) ? JR_NUM : JR_NULL; /* 1e999: not a value we can use */
	}
	cb(k, &v, ctx);
	return 0;
}

int64_t jr_i64(double v)
{
	if (!(v == v))
		return 0;
	if (v >= 9.2e18)
		return INT64_C(9200000000000000000);
	if (v <= -9.2e18)
		return -INT64_C(9200000000000000000);
	return (int64_t)v;
}

/* The members of an object at r->s (on its '{'); their keys are written
 * into kbuf from klen on, after the enclosing keys. */
static int object(struct jr *r, char *kbuf, size_t kcap, size_t klen, char *sbuf, jr_cb cb,
                  void *ctx, int depth)
{
	size_t n;

	ws(r);
	if (r->s >= r->end || *r->s != '{')
		return -1;
	r->s++;
	ws(r);
	if (r->s < r->end && *r->s == '}') {
		r->s++;
		return 0;
	}
	for (;;) {
		ws(r);
		/* a key is never longer than its source text */
		if (klen + (size_t)(r->end - r->s) + 1 > kcap || str(r, kbuf + klen, &n))
			return -1;
		ws(r);
		if (r->s >= r->end || *r->s != ':')
			return -1;
		r->s++;
		if (value(r, kbuf, kcap, klen + n, sbuf, cb, ctx, depth))
			return -1;
		kbuf[klen + n] = '\0';
		ws(r);
		if (r->s < r->end && *r->s == ',') {
			r->s++;
			continue;
		}
		if (r->s < r->end && *r->s == '}') {
			r->s++;
			return 0;
		}
		return -1;
	}
}

int jr_parse(const char *s, size_t len, jr_cb cb, void *ctx)
{
	struct jr r = {s, s + len, NULL};
	char kstack[512], sstack[1536], *kbuf = kstack, *sbuf = sstack;
	size_t kcap = sizeof(kstack);
	int rc = -1;

	/* Unescaped text is never longer than its source, except \uXXXX of
	 * a BMP code point (6 bytes → 3); short lines stay off the heap.
	 * Nested keys add their parents' names: at most the source again. */
	if (len >= sizeof(kstack) / 2) {
		kcap = 2 * len + 2;
		kbuf = malloc(kcap);
		sbuf = malloc(len * 3 + 1);
		if (!kbuf || !sbuf)
			goto out;
	}
	if (object(&r, kbuf, kcap, 0, sbuf, cb, ctx, 0) == 0) {
		ws(&r);
		rc = r.s == r.end ? 0 : -1;
	}
out:
	if (kbuf != kstack) {
		free(kbuf);
		free(sbuf);
	}
	return rc;
}
