/* color.c — theme styles -> curses attributes, and theme switching.
 *
 * Degrades what a theme asks for to what the terminal has: #rrggbb as is on
 * a direct-colour terminal, else the nearest of the 256-colour cube, 256 -> the 16 ANSI colours, 16
 * -> 8, and with no colour at all (NO_COLOR, --no-color, TERM=vt100) to attributes only:
 * reverse-video knob, bold selection and titles.  The degradation functions are pure and unit
 * tested; color_apply is the only curses part. Themes are parsed by src/config/ (theme_load);
 * nothing here reads YAML.
 */
#include "ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xterm's 16 base colours, for nearest-colour matching. */
static const unsigned char base16[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
};

static const int cube[6] = {0, 95, 135, 175, 215, 255};

static void rgb_of_256(int i, int rgb[3])
{
	if (i < 16) {
		for (int k = 0; k < 3; k++)
			rgb[k] = base16[i][k];
	} else if (i < 232) {
		i -= 16;
		rgb[0] = cube[i / 36];
		rgb[1] = cube[(i / 6) % 6];
		rgb[2] = cube[i % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (i - 232);
	}
}

static int dist2(const int a[3], int r, int g, int b)
{
	int dr = a[0] - r, dg = a[1] - g, db = a[2] - b;

	return dr * dr + dg * dg + db * db;
}

static int cube_level(int c)
{
	int best = 0;

	for (int k = 1; k < 6; k++)
		if (abs(cube[k] - c) < abs(cube[best] - c))
			best = k;
	return best;
}

int color_rgb_to_256(int r, int g, int b)
{
	int ci = 16 + 36 * cube_level(r) + 6 * cube_level(g) + cube_level(b);
	int grey = (r + g + b) / 3, gi, rgb[3];

	gi = grey < 8 ? 232 : grey > 238 ? 255 : 232 + (grey - 8 + 5) / 10;
	if (gi > 255)
		gi = 255;
	rgb_of_256(ci, rgb);
	{
		int dc = dist2(rgb, r, g, b), g3[3];

		rgb_of_256(gi, g3);
		return dist2(g3, r, g, b) < dc ? gi : ci;
	}
}

int color_256_to_16(int index)
{
	int rgb[3], best = 0, bestd = 1 << 30;

	if (index < 16)
		return index;
	rgb_of_256(index, rgb);
	for (int i = 0; i < 16; i++) {
		int d = dist2(rgb, base16[i][0], base16[i][1], base16[i][2]);

		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

int color_degrade(const struct theme_color *c, int ncolors)
{
	int idx;

	if (c->kind == TC_DEFAULT || ncolors < 8)
		return -1;
	if (ncolors > 256) {
		/* direct colour (TERM=xterm-direct): colours are 0xRRGGBB, except
		 * that 0-7 still name the terminal's own palette */
		int rgb[3];

		if (c->kind == TC_RGB)
			return c->r << 16 | c->g << 8 | c->b;
		if (c->index < 8)
			return c->index;
		rgb_of_256(c->index, rgb);
		return rgb[0] << 16 | rgb[1] << 8 | rgb[2];
	}
	idx = c->kind == TC_RGB ? color_rgb_to_256(c->r, c->g, c->b) : c->index;
	if (idx < 0 || idx > 255)
		return -1;
	if (ncolors >= 256 || (idx < 16 && idx < ncolors)) /* 88-colour palettes differ above 15 */
		return idx;
	idx = color_256_to_16(idx);
	if (ncolors >= 16)
		return idx;
	return idx >= 8 ? idx - 8 : idx; /* bright -> normal */
}

static attr_t style_attr(const struct theme_style *s)
{
	attr_t a = A_NORMAL;

	if (s->bold)
		a |= A_BOLD;
	if (s->reverse)
		a |= A_REVERSE;
	if (s->underline)
		a |= A_UNDERLINE;
	if (s->dim)
		a |= A_DIM;
	return a;
}

attr_t color_mono_attr(const struct theme *t, enum theme_role r)
{
	attr_t a = style_attr(&t->role[r]);

	/* Without colour these are the only cues left; they must survive any theme. */
	switch (r) {
	case TR_KNOB:
		return a | A_REVERSE;
	case TR_TRACK:
	case TR_FILL:
		return a & ~A_REVERSE; /* a reversed track would hide the knob */
	case TR_SELECTED:
	case TR_TITLE:
	case TR_CAPITAL:
	case TR_KEYBAR_KEY:
	case TR_STATUS:
		return a | A_BOLD;
	default:
		return a;
	}
}

void color_apply(const struct theme *t, bool use_color, struct ui_colors *out)
{
	int n = use_color && has_colors() ? COLORS : 0;
	int text_bg;

	out->color = n >= 8;
	if (!out->color) {
		for (int r = 0; r < TR__COUNT; r++)
			out->attr[r] = color_mono_attr(t, (enum theme_role)r);
		return;
	}
	text_bg = color_degrade(&t->role[TR_TEXT].bg, n);
	for (int r = 0; r < TR__COUNT; r++) {
		const struct theme_style *s = &t->role[r];
		int fg = color_degrade(&s->fg, n), bg = color_degrade(&s->bg, n);

		if (bg < 0)
			bg = text_bg; /* a role without a background sits on the pane's */
		if (fg < 0 && r != TR_TEXT)
			fg = color_degrade(&t->role[TR_TEXT].fg, n);
		init_extended_pair(r + 1, fg, bg); /* int colours: direct colour fits */
		out->attr[r] = style_attr(s) | COLOR_PAIR(r + 1);
	}
}
