/* grid.c — the cell grid of a screen picture, the xterm palette and the
 * formats a picture may be written in.  Pure: no I/O, no curses. */
#include "capdash/shot.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int shot_grid_init(struct shot_grid *g, int cols, int rows, struct shot_rgb fg, struct shot_rgb bg)
{
	memset(g, 0, sizeof *g);
	if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000)
		return -1;
	g->cell = calloc((size_t)cols * (size_t)rows, sizeof *g->cell);
	if (!g->cell)
		return -1;
	g->cols = cols;
	g->rows = rows;
	g->fg = fg;
	g->bg = bg;
	for (int i = 0; i < cols * rows; i++) {
		g->cell[i].text[0] = ' ';
		g->cell[i].fg = fg;
		g->cell[i].bg = bg;
	}
	return 0;
}

void shot_grid_done(struct shot_grid *g)
{
	free(g->cell);
	memset(g, 0, sizeof *g);
}

struct shot_cell *shot_grid_at(const struct shot_grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->cols || y >= g->rows)
		return NULL;
	return &g->cell[(size_t)y * (size_t)g->cols + (size_t)x];
}

void shot_grid_put(struct shot_grid *g, int x, int y, const char *text, struct shot_rgb fg,
                   struct shot_rgb bg, unsigned attr, bool wide)
{
	struct shot_cell *c = shot_grid_at(g, x, y), *next;
	size_t n;

	if (!c)
		return;
	c->fg = fg;
	c->bg = bg;
	c->attr = attr & (SHOT_BOLD | SHOT_DIM | SHOT_UNDERLINE);
	n = text ? strlen(text) : 0;
	if (n == 0 || n >= sizeof c->text || (wide && x == g->cols - 1)) {
		c->text[0] = ' '; /* too long a cluster, or half a wide one */
		c->text[1] = 0;
		return;
	}
	memcpy(c->text, text, n + 1);
	if (wide) {
		c->attr |= SHOT_WIDE;
		next = shot_grid_at(g, x + 1, y);
		next->text[0] = 0;
		next->fg = fg;
		next->bg = bg;
		next->attr = SHOT_CONT | c->attr;
		next->attr &= ~(unsigned)SHOT_WIDE;
	}
}

static const uint8_t base16[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
};

struct shot_rgb shot_palette(int i)
{
	static const uint8_t cube[6] = {0, 95, 135, 175, 215, 255};

	if (i < 0 || i > 255)
		i = 7;
	if (i < 16)
		return (struct shot_rgb){base16[i][0], base16[i][1], base16[i][2]};
	if (i < 232) {
		i -= 16;
		return (struct shot_rgb){cube[i / 36], cube[(i / 6) % 6], cube[i % 6]};
	}
	{
		uint8_t v = (uint8_t)(8 + 10 * (i - 232));

		return (struct shot_rgb){v, v, v};
	}
}

enum shot_format shot_format_of(const char *path)
{
	static const char *const ext[] = {".txt", ".ans", ".svg", ".png"};
	size_t n = path ? strlen(path) : 0;

	for (int f = 0; f < 4; f++)
		if (n > 4 && strcasecmp(path + n - 4, ext[f]) == 0)
			return (enum shot_format)f;
	return SHOT_FMT_NONE;
}

const char *shot_formats_list(void)
{
	return ".svg, .png, .txt, .ans";
}
