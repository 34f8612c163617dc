/* shot.h — pictures of a screen: a grid of cells and its writers.
 *
 * A grid is what a terminal shows: cols x rows cells, each one grapheme of
 * UTF-8 text (a wide one takes its cell and the next, which is marked
 * SHOT_CONT), a resolved foreground and background colour and attributes.
 * Nothing here knows curses: src/ui/shot_capture.c fills grids from what
 * ncurses holds on screen.  The writers turn a grid into plain text (.txt),
 * ANSI SGR text (.ans), SVG or PNG (through cairo, monospace font found by
 * fontconfig; box drawing, block elements and braille drawn as shapes, so
 * they show whatever the font has).  Files are written atomically.
 */
#ifndef CAPDASH_SHOT_H
#define CAPDASH_SHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"

struct shot_rgb {
	uint8_t r, g, b;
};

enum {
	SHOT_BOLD = 1u << 0,
	SHOT_DIM = 1u << 1,
	SHOT_UNDERLINE = 1u << 2,
	SHOT_WIDE = 1u << 3, /* the text takes this cell and the next */
	SHOT_CONT = 1u << 4  /* the right half of the wide cell before it */
};

#define SHOT_TEXT_MAX 24 /* one grapheme: a base and a few combining marks */

struct shot_cell {
	char text[SHOT_TEXT_MAX]; /* UTF-8; "" or " " for a blank cell */
	struct shot_rgb fg, bg;   /* reverse video already applied */
	unsigned attr;            /* SHOT_* */
};

struct shot_grid {
	int cols, rows;
	struct shot_cell *cell; /* rows * cols, row major */
	struct shot_rgb fg, bg; /* the screen's own colours (around the cells) */
};

/* A cols x rows grid of blanks in fg on bg.  Returns 0, or -1 (bad size,
 * out of memory). */
int shot_grid_init(struct shot_grid *g, int cols, int rows, struct shot_rgb fg, struct shot_rgb bg);
void shot_grid_done(struct shot_grid *g);
/* The cell at x, y, or NULL outside the grid. */
struct shot_cell *shot_grid_at(const struct shot_grid *g, int x, int y);
/* Put one grapheme at x, y; wide (two cells) marks the next cell SHOT_CONT
 * (a wide grapheme in the last column becomes a blank). */
void shot_grid_put(struct shot_grid *g, int x, int y, const char *text, struct shot_rgb fg,
                   struct shot_rgb bg, unsigned attr, bool wide);

/* The RGB of xterm palette index i (0-255). */
struct shot_rgb shot_palette(int i);

enum shot_format { SHOT_FMT_TXT, SHOT_FMT_ANS, SHOT_FMT_SVG, SHOT_FMT_PNG, SHOT_FMT_NONE };
/* From path's extension (case-insensitive): .txt .ans .svg .png, else
 * SHOT_FMT_NONE. */
enum shot_format shot_format_of(const char *path);
/* "txt, ans, svg, png": the extensions allowed, for messages. */
const char *shot_formats_list(void);

/* Plain text: one line per row, trailing blanks trimmed, '\n' after each.
 * ANSI: the same with SGR colours (24-bit when truecolor, else the 256
 * palette's nearest) and attributes, reset at each line's end.  *out is
 * malloc'd (free it), *len its length.  Returns 0 or -1 (no memory). */
int shot_text(const struct shot_grid *g, char **out, size_t *len);
int shot_ansi(const struct shot_grid *g, bool truecolor, char **out, size_t *len);

/* The pixel size of one cell in SVG and PNG pictures. */
#define SHOT_CELL_W 9
#define SHOT_CELL_H 18

/* Write g to path in format f (atomic).  Returns 0, or -1 with err set. */
int shot_write(const struct shot_grid *g, const char *path, enum shot_format f, struct cd_err *err);

#endif
