/* uwidth.h — display width of UTF-8 text: how many terminal cells it takes.
 *
 * Layout counts cells, never bytes or code points: a CJK character takes
 * two cells, a combining mark none.  Cutting to a width never splits a UTF-8
 * sequence nor leaves half a wide character.  No ncurses here, so the text
 * helpers (runfmt, tailfmt, timeline_text) and the unit tests can use it. */
#ifndef CAPDASH_UI_UWIDTH_H
#define CAPDASH_UI_UWIDTH_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of the character at s (1 for a stray or bad byte, 0 at the end)
 * and, through cells, the cells it takes (0, 1 or 2). */
size_t uw_next(const char *s, int *cells);

/* Cells of all of s. */
int uw_width(const char *s);

/* Cells of the first n bytes of s. */
int uw_width_n(const char *s, size_t n);

/* Bytes of the longest start of s that fits in cells cells, whole
 * characters only. */
size_t uw_bytes_for(const char *s, int cells);

/* True when the character at s is wide (two cells): a line may break
 * before or after it, as Chinese has no blanks between words. */
bool uw_wide(const char *s);

#endif
