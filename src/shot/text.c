/* text.c — a grid as plain text and as ANSI SGR text.  Pure. */
#include "capdash/shot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void puts_(struct sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static int finish(struct sbuf *b, char **out, size_t *len)
{
	if (!b->p && !b->oom)
		put(b, "", 0);
	if (b->oom) {
		free(b->p);
		return -1;
	}
	*out = b->p;
	*len = b->n;
	return 0;
}

static bool blank(const struct shot_cell *c)
{
	return c->text[0] == 0 || (c->text[0] == ' ' && c->text[1] == 0);
}

/* The last column of row y holding anything but a blank, or -1. */
static int row_end(const struct shot_grid *g, int y)
{
	for (int x = g->cols - 1; x >= 0; x--) {
		const struct shot_cell *c = shot_grid_at(g, x, y);

		if (!blank(c) && !(c->attr & SHOT_CONT))
			return (c->attr & SHOT_WIDE) ? x + 1 : x;
	}
	return -1;
}

int shot_text(const struct shot_grid *g, char **out, size_t *len)
{
	struct sbuf b = {0};

	for (int y = 0; y < g->rows; y++) {
		int end = row_end(g, y);

		for (int x = 0; x <= end; x++) {
			const struct shot_cell *c = shot_grid_at(g, x, y);

			if (c->attr & SHOT_CONT)
				continue;
			puts_(&b, c->text[0] ? c->text : " ");
		}
		put(&b, "\n", 1);
	}
	return finish(&b, out, len);
}

static bool same_rgb(struct shot_rgb a, struct shot_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static int nearest256(struct shot_rgb c)
{
	int best = 16, bestd = 1 << 30;

	for (int i = 16; i < 256; i++) {
		struct shot_rgb p = shot_palette(i);
		int dr = p.r - c.r, dg = p.g - c.g, db = p.b - c.b, d = dr * dr + dg * dg + db * db;

		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

static void sgr_color(struct sbuf *b, int base, struct shot_rgb c, bool truecolor)
{
	char s[40];

	if (truecolor)
		snprintf(s, sizeof s, ";%d;2;%d;%d;%d", base, c.r, c.g, c.b);
	else
		snprintf(s, sizeof s, ";%d;5;%d", base, nearest256(c));
	puts_(b, s);
}

int shot_ansi(const struct shot_grid *g, bool truecolor, char **out, size_t *len)
{
	struct sbuf b = {0};

	for (int y = 0; y < g->rows; y++) {
		const struct shot_cell *prev = NULL;
		int end = row_end(g, y);

		/* blanks at the end keep their background: a coloured bar reaches
		 * the edge as on screen */
		for (int x = end + 1; x < g->cols; x++) {
			const struct shot_cell *c = shot_grid_at(g, x, y);

			if (!same_rgb(c->bg, g->bg))
				end = x;
		}
		for (int x = 0; x <= end; x++) {
			const struct shot_cell *c = shot_grid_at(g, x, y);

			if (c->attr & SHOT_CONT)
				continue;
			if (!prev || !same_rgb(prev->fg, c->fg) || !same_rgb(prev->bg, c->bg) ||
			    (prev->attr & 7u) != (c->attr & 7u)) {
				puts_(&b, "\033[0");
				if (c->attr & SHOT_BOLD)
					puts_(&b, ";1");
				if (c->attr & SHOT_DIM)
					puts_(&b, ";2");
				if (c->attr & SHOT_UNDERLINE)
					puts_(&b, ";4");
				sgr_color(&b, 38, c->fg, truecolor);
				sgr_color(&b, 48, c->bg, truecolor);
				puts_(&b, "m");
				prev = c;
			}
			puts_(&b, c->text[0] ? c->text : " ");
		}
		puts_(&b, "\033[0m\n");
	}
	return finish(&b, out, len);
}
