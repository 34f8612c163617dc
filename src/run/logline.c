/* logline.c — a child's raw output bytes -> clean logical lines, and
 * log_sanitize() for drawing a child's text safely.
 *
 * Bytes go through three small machines: a UTF-8 decoder (invalid bytes
 * become U+FFFD), a terminal escape scanner over code points (CSI, OSC/DCS/
 * SOS/PM/APC strings ended by BEL or ST, two- and three-byte ESC sequences,
 * C1 controls written as UTF-8) and a line editor (\n ends a line, \r starts
 * a redraw, \b steps back).  Lines are cut at LOGLINE_MAX bytes and the rest
 * is skipped: memory use is the struct, whatever a child prints.
 * Must not allocate or do I/O.  Start reading at logline_feed().
 */
#include "capdash/parse.h"

#include <stdint.h>
#include <string.h>

#define REPL "\xEF\xBF\xBD" /* U+FFFD */

enum esc_state {
	ES_TEXT,
	ES_ESC,    /* after ESC */
	ES_INTER,  /* ESC + intermediates (ESC ( B) */
	ES_CSI,    /* ESC [ or U+009B: parameters until a final byte */
	ES_STR,    /* OSC, DCS, SOS, PM, APC: dropped until BEL / ST */
	ES_STR_ESC /* ESC inside a string: ST if '\\' follows */
};

enum esc_action { ACT_NONE, ACT_TEXT, ACT_CTRL };

/* One code point through the escape scanner.  ACT_TEXT: a printable code
 * point; ACT_CTRL: a C0 control the caller acts on or drops.  A string is
 * also ended by \n (not what a terminal does, but a stray ESC ] must not
 * swallow the rest of a run's output); a malformed sequence ends at the
 * first byte that cannot belong to it, which is then read as usual. */
static enum esc_action esc_feed(int *st, unsigned cp)
{
	for (;;) {
		switch (*st) {
		case ES_TEXT:
			if (cp == 0x1b) {
				*st = ES_ESC;
				return ACT_NONE;
			}
			if (cp == 0x9b) {
				*st = ES_CSI;
				return ACT_NONE;
			}
			if (cp == 0x9d || cp == 0x90 || cp == 0x98 || cp == 0x9e || cp == 0x9f) {
				*st = ES_STR;
				return ACT_NONE;
			}
			if (cp < 0x20)
				return ACT_CTRL;
			if (cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
				return ACT_NONE;
			return ACT_TEXT;
		case ES_ESC:
			if (cp == '[') {
				*st = ES_CSI;
				return ACT_NONE;
			}
			if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_') {
				*st = ES_STR;
				return ACT_NONE;
			}
			if (cp == 0x1b)
				return ACT_NONE;
			if (cp >= 0x20 && cp <= 0x2f) {
				*st = ES_INTER;
				return ACT_NONE;
			}
			*st = ES_TEXT;
			if (cp >= 0x30 && cp <= 0x7e)
				return ACT_NONE;
			continue;
		case ES_INTER:
			if (cp >= 0x20 && cp <= 0x2f)
				return ACT_NONE;
			*st = ES_TEXT;
			if (cp >= 0x30 && cp <= 0x7e)
				return ACT_NONE;
			continue;
		case ES_CSI:
			if (cp >= 0x20 && cp <= 0x3f)
				return ACT_NONE;
			*st = ES_TEXT;
			if (cp >= 0x40 && cp <= 0x7e)
				return ACT_NONE;
			continue;
		case ES_STR:
			if (cp == 0x07 || cp == 0x9c || cp == 0x18 || cp == 0x1a) {
				*st = ES_TEXT;
				return ACT_NONE;
			}
			if (cp == 0x1b) {
				*st = ES_STR_ESC;
				return ACT_NONE;
			}
			if (cp == '\n') {
				*st = ES_TEXT;
				continue;
			}
			return ACT_NONE;
		default: /* ES_STR_ESC */
			if (cp == '\\') {
				*st = ES_TEXT;
				return ACT_NONE;
			}
			*st = ES_ESC;
			continue;
		}
	}
}

/* Length of the UTF-8 sequence a lead byte starts (0: not a lead byte). */
static unsigned u8_need(unsigned char c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Whether c may follow the bytes in u[0..n) (no overlongs, surrogates or
 * code points past U+10FFFF). */
static int u8_cont_ok(const unsigned char *u, unsigned n, unsigned char c)
{
	if ((c & 0xc0) != 0x80)
		return 0;
	if (n == 1) {
		if (u[0] == 0xe0)
			return c >= 0xa0;
		if (u[0] == 0xed)
			return c <= 0x9f;
		if (u[0] == 0xf0)
			return c >= 0x90;
		if (u[0] == 0xf4)
			return c <= 0x8f;
	}
	return 1;
}

static unsigned u8_decode(const unsigned char *u, unsigned n)
{
	unsigned cp = u[0] & (0x7f >> n);

	for (unsigned i = 1; i < n; i++)
		cp = cp << 6 | (u[i] & 0x3f);
	return cp;
}

struct sink {
	struct logline *ll;
	logline_cb cb;
	void *ctx;
	size_t lines;
};

static int all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return 0;
	return 1;
}

static void emit(struct sink *k, bool final)
{
	struct logline *ll = k->ll;

	ll->buf[ll->len] = '\0';
	k->cb(ll->buf, ll->len, final, k->ctx);
	k->lines++;
	ll->len = ll->cursor = 0;
	ll->overflow = false;
	ll->cr = false;
}

/* Visible text at the cursor.  After a \r the line so far is reported as a
 * redraw first.  A multi-byte character (whole=true) is kept whole or not at
 * all, so a cut line is still valid UTF-8. */
static void put(struct sink *k, const char *s, size_t n, bool whole)
{
	struct logline *ll = k->ll;
	size_t room;

	if (ll->cr) {
		if (ll->len && !all_blank(ll->buf, ll->len))
			emit(k, false);
		ll->len = ll->cursor = 0;
		ll->overflow = false;
		ll->cr = false;
	}
	ll->len = ll->cursor;
	if (ll->overflow)
		return;
	room = LOGLINE_MAX - ll->cursor;
	if (n > room) {
		ll->overflow = true;
		if (whole)
			return;
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* never split a character */
	}
	memcpy(ll->buf + ll->cursor, s, n);
	ll->cursor += n;
	ll->len = ll->cursor;
}

static void control(struct sink *k, unsigned c)
{
	struct logline *ll = k->ll;

	switch (c) {
	case '\n':
		emit(k, true);
		break;
	case '\r':
		ll->cr = true;
		break;
	case '\b':
		if (ll->cr)
			break;
		while (ll->cursor > 0) {
			ll->cursor--;
			if (((unsigned char)ll->buf[ll->cursor] & 0xc0) != 0x80)
				break;
		}
		break;
	case '\t':
		put(k, " ", 1, true);
		break;
	default:
		break; /* NUL, BEL and the rest: dropped */
	}
}

static void codepoint(struct sink *k, unsigned cp, const char *bytes, size_t n)
{
	switch (esc_feed(&k->ll->esc, cp)) {
	case ACT_TEXT:
		put(k, bytes, n, true);
		break;
	case ACT_CTRL:
		control(k, cp);
		break;
	default:
		break;
	}
}

static void byte(struct sink *k, unsigned char c)
{
	struct logline *ll = k->ll;

	if (ll->u8need) {
		if (u8_cont_ok(ll->u8, ll->u8len, c)) {
			ll->u8[ll->u8len++] = c;
			if (ll->u8len == ll->u8need) {
				unsigned n = ll->u8need;

				ll->u8need = ll->u8len = 0;
				codepoint(k, u8_decode(ll->u8, n), (const char *)ll->u8, n);
			}
			return;
		}
		ll->u8need = ll->u8len = 0;
		codepoint(k, 0xfffd, REPL, 3);
	}
	if (c < 0x80) {
		char ch = (char)c;

		codepoint(k, c, &ch, 1);
	} else if (u8_need(c)) {
		ll->u8[0] = c;
		ll->u8len = 1;
		ll->u8need = (unsigned char)u8_need(c);
	} else {
		codepoint(k, 0xfffd, REPL, 3);
	}
}

void logline_init(struct logline *ll)
{
	memset(ll, 0, sizeof *ll);
}

/* Whether none of 8 bytes is a control, DEL or non-ASCII (SWAR). */
static int ascii8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t x, d;

	memcpy(&x, p, 8);
	d = x ^ (0x7f * ones);
	return !((x & high) | ((x - 0x20 * ones) & ~x & high) | ((d - ones) & ~d & high));
}

/* Length of the run of plain text at p: printable ASCII and whole, valid
 * UTF-8 characters other than C1 controls. */
static size_t plain_run(const unsigned char *p, size_t len)
{
	size_t j = 0;

	for (;;) {
		while (j + 8 <= len && ascii8(p + j))
			j += 8;
		while (j < len && p[j] >= 0x20 && p[j] < 0x7f)
			j++;
		if (j < len && p[j] >= 0xc2) {
			unsigned n = u8_need(p[j]), k;

			if (n == 0 || j + n > len || (p[j] == 0xc2 && p[j + 1] < 0xa0))
				return j;
			for (k = 1; k < n; k++)
				if (!u8_cont_ok(p + j, k, p[j + k]))
					return j;
			j += n;
			continue;
		}
		return j;
	}
}

size_t logline_feed(struct logline *ll, const char *buf, size_t len, logline_cb cb, void *ctx)
{
	struct sink k = {ll, cb, ctx, 0};
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		if (ll->esc == ES_TEXT && !ll->u8need) {
			size_t n = plain_run(p + i, len - i);

			if (n) {
				put(&k, buf + i, n, false);
				i += n;
				continue;
			}
			if (p[i] < 0x20 && p[i] != 0x1b) {
				control(&k, p[i++]); /* \n, \r, \b, \t; the rest dropped */
				continue;
			}
		}
		byte(&k, p[i++]);
	}
	return k.lines;
}

void logline_flush(struct logline *ll, logline_cb cb, void *ctx)
{
	struct sink k = {ll, cb, ctx, 0};

	if (ll->u8need) {
		ll->u8need = ll->u8len = 0;
		if (ll->esc == ES_TEXT)
			put(&k, REPL, 3, true);
	}
	if (ll->len)
		emit(&k, true);
	logline_init(ll);
}

size_t log_sanitize(char *s, size_t len)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, o = 0;
	int st = ES_TEXT;

	while (i < len) {
		unsigned n = p[i] < 0x80 ? 1 : u8_need(p[i]), cp, k;

		for (k = 1; k < n; k++)
			if (i + k >= len || !u8_cont_ok(p + i, k, p[i + k]))
				break;
		if (n == 0 || k < n) {
			/* Invalid byte: '?' keeps the text in place (U+FFFD is longer). */
			if (esc_feed(&st, 0xfffd) == ACT_TEXT)
				s[o++] = '?';
			i++;
			continue;
		}
		cp = n == 1 ? p[i] : u8_decode(p + i, n);
		switch (esc_feed(&st, cp)) {
		case ACT_TEXT:
			memmove(s + o, s + i, n);
			o += n;
			break;
		case ACT_CTRL:
			if (cp == '\t')
				s[o++] = ' ';
			break;
		default:
			break;
		}
		i += n;
	}
	return o;
}
