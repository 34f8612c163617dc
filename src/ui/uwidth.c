/* uwidth.c — display width of UTF-8 text by wcwidth.
 *
 * wcwidth answers for the current LC_CTYPE; where it cannot (a non-UTF-8
 * locale such as the unit tests' "C", where it says -1 for anything past
 * ASCII) the East Asian wide ranges still count two cells, so a layout
 * worked out there is never narrower than the screen draws it. */
#include "uwidth.h"

#include <wchar.h>

/* Unicode East Asian Wide and Fullwidth blocks (the ones CJK text uses). */
static bool wide_cp(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* The code point at s and its length in bytes; a bad sequence is one byte
 * of one cell (shown as the terminal shows it, never joined to the next). */
static size_t decode(const unsigned char *s, unsigned long *cp)
{
	size_t len = s[0] < 0x80             ? 1
	             : (s[0] & 0xE0) == 0xC0 ? 2
	             : (s[0] & 0xF0) == 0xE0 ? 3
	             : (s[0] & 0xF8) == 0xF0 ? 4
	                                     : 0;
	unsigned long c;

	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	c = len == 1 ? s[0] : len == 2 ? s[0] & 0x1Fu : len == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = c << 6 | (s[i] & 0x3Fu);
	}
	*cp = c;
	return len;
}

size_t uw_next(const char *s, int *cells)
{
	unsigned long cp;
	size_t len;
	int w;

	if (!*s) {
		*cells = 0;
		return 0;
	}
	len = decode((const unsigned char *)s, &cp);
	if (cp < 0x80) {
		*cells = cp >= 0x20 && cp != 0x7F ? 1 : 0;
		return len;
	}
	w = wcwidth((wchar_t)cp);
	*cells = w >= 0 ? w : wide_cp(cp) ? 2 : 1;
	return len;
}

int uw_width_n(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n && s[i]) {
		int c;

		i += uw_next(s + i, &c);
		w += c;
	}
	return w;
}

int uw_width(const char *s)
{
	return uw_width_n(s, (size_t)-1);
}

size_t uw_bytes_for(const char *s, int cells)
{
	size_t i = 0;
	int w = 0;

	while (s[i]) {
		int c;
		size_t len = uw_next(s + i, &c);

		if (w + c > cells)
			break;
		w += c;
		i += len;
	}
	return i;
}

bool uw_wide(const char *s)
{
	int c;

	uw_next(s, &c);
	return c == 2;
}
