/* draw.c — a grid as a PNG or SVG picture through cairo.
 *
 * Cells are SHOT_CELL_W x SHOT_CELL_H pixels.  Backgrounds first (runs of
 * one colour as one rectangle, so no seams), then each cell's glyph: box
 * drawing, block elements and braille dots as shapes (they must line up
 * cell to cell and show whatever the font has), other text through the
 * monospace font fontconfig finds ("DejaVu Sans Mono"), wide characters
 * through a font fontconfig picks for them (Noto CJK when installed).
 * The SVG carries the screen's text in its <desc>, so a deck's search and a
 * screen reader find the words that cairo draws as glyph outlines.
 */
#include "capdash/common.h"
#include "capdash/i18n.h"
#include "capdash/shot.h"

#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define FONT_FAMILY "DejaVu Sans Mono"
#define FONT_SIZE 15.0
#define MAX_FALLBACK 4

struct pen {
	cairo_t *cr;
	cairo_font_face_t *regular, *bold;
	cairo_font_face_t *fb[MAX_FALLBACK];
	FcCharSet *fbset[MAX_FALLBACK];
	int nfb;
	double ascent, descent;
	double advance;          /* of ASCII in the regular face */
	cairo_font_face_t *face; /* the face set on cr now */
};

static uint32_t utf8_first(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80)
		return p[0];
	if ((p[0] & 0xe0) == 0xc0 && p[1])
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	if ((p[0] & 0xf0) == 0xe0 && p[1] && p[2])
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	if ((p[0] & 0xf8) == 0xf0 && p[1] && p[2] && p[3])
		return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
		       (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	return 0xfffd;
}

static void source(cairo_t *cr, struct shot_rgb c)
{
	cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

static struct shot_rgb mix(struct shot_rgb a, struct shot_rgb b)
{
	return (struct shot_rgb){(uint8_t)((a.r + b.r) / 2), (uint8_t)((a.g + b.g) / 2),
	                         (uint8_t)((a.b + b.b) / 2)};
}

/* ---- box drawing: four arms from the cell's centre ---- */

/* Arms up, right, down, left: 0 none, 1 light, 2 heavy, 3 double. */
static const struct {
	uint16_t cp;
	char arms[5];
} boxes[] = {
        {0x2500, "0101"}, {0x2501, "0202"}, {0x2502, "1010"}, {0x2503, "2020"}, {0x2504, "0101"},
        {0x2505, "0202"}, {0x2506, "1010"}, {0x2507, "2020"}, {0x2508, "0101"}, {0x2509, "0202"},
        {0x250a, "1010"}, {0x250b, "2020"}, {0x250c, "0110"}, {0x250d, "0210"}, {0x250e, "0120"},
        {0x250f, "0220"}, {0x2510, "0011"}, {0x2511, "0012"}, {0x2512, "0021"}, {0x2513, "0022"},
        {0x2514, "1100"}, {0x2515, "1200"}, {0x2516, "2100"}, {0x2517, "2200"}, {0x2518, "1001"},
        {0x2519, "1002"}, {0x251a, "2001"}, {0x251b, "2002"}, {0x251c, "1110"}, {0x251d, "1210"},
        {0x251e, "2110"}, {0x251f, "1120"}, {0x2520, "2120"}, {0x2521, "2210"}, {0x2522, "1220"},
        {0x2523, "2220"}, {0x2524, "1011"}, {0x2525, "1012"}, {0x2526, "2011"}, {0x2527, "1021"},
        {0x2528, "2021"}, {0x2529, "2012"}, {0x252a, "1022"}, {0x252b, "2022"}, {0x252c, "0111"},
        {0x252d, "0112"}, {0x252e, "0211"}, {0x252f, "0212"}, {0x2530, "0121"}, {0x2531, "0122"},
        {0x2532, "0221"}, {0x2533, "0222"}, {0x2534, "1101"}, {0x2535, "1102"}, {0x2536, "1201"},
        {0x2537, "1202"}, {0x2538, "2101"}, {0x2539, "2102"}, {0x253a, "2201"}, {0x253b, "2202"},
        {0x253c, "1111"}, {0x254b, "2222"}, {0x254c, "0101"}, {0x254d, "0202"}, {0x254e, "1010"},
        {0x254f, "2020"}, {0x2550, "0303"}, {0x2551, "3030"}, {0x2552, "0310"}, {0x2553, "0130"},
        {0x2554, "0330"}, {0x2555, "0013"}, {0x2556, "0031"}, {0x2557, "0033"}, {0x2558, "1300"},
        {0x2559, "3100"}, {0x255a, "3300"}, {0x255b, "1003"}, {0x255c, "3001"}, {0x255d, "3003"},
        {0x255e, "1310"}, {0x255f, "3130"}, {0x2560, "3330"}, {0x2561, "1013"}, {0x2562, "3031"},
        {0x2563, "3033"}, {0x2564, "0313"}, {0x2565, "0131"}, {0x2566, "0333"}, {0x2567, "1303"},
        {0x2568, "3101"}, {0x2569, "3303"}, {0x256a, "1313"}, {0x256b, "3131"}, {0x256c, "3333"},
        {0x256d, "0110"}, {0x256e, "0011"}, {0x256f, "1001"}, {0x2570, "1100"}, {0x2574, "0001"},
        {0x2575, "1000"}, {0x2576, "0100"}, {0x2577, "0010"}, {0x2578, "0002"}, {0x2579, "2000"},
        {0x257a, "0200"}, {0x257b, "0020"}, {0x257c, "0201"}, {0x257d, "1020"}, {0x257e, "0102"},
        {0x257f, "2010"},
};

static const char *box_arms(uint32_t cp)
{
	for (size_t i = 0; i < CD_ARRAY_LEN(boxes); i++)
		if (boxes[i].cp == cp)
			return boxes[i].arms;
	return NULL;
}

static void box(cairo_t *cr, double x, double y, const char *arms)
{
	/* centred on a pixel's middle: odd-width lines cover whole pixels, crisp */
	double cx = x + SHOT_CELL_W / 2 + 0.5, cy = y + SHOT_CELL_H / 2 + 0.5;
	static const int dx[4] = {0, 1, 0, -1}, dy[4] = {-1, 0, 1, 0};

	for (int a = 0; a < 4; a++) {
		int k = arms[a] - '0';
		double ex = a == 1 ? x + SHOT_CELL_W : a == 3 ? x : cx;
		double ey = a == 0 ? y : a == 2 ? y + SHOT_CELL_H : cy;

		if (!k)
			continue;
		if (k == 3) {
			/* two lines 2 px either side of the centre line, reaching
			 * past the centre so corners close */
			for (int s = -1; s <= 1; s += 2) {
				double ox = dy[a] ? 2.0 * s : 0, oy = dx[a] ? 2.0 * s : 0;

				cairo_move_to(cr, cx + ox - dx[a] * 2.0, cy + oy - dy[a] * 2.0);
				cairo_line_to(cr, ex + ox, ey + oy);
			}
			cairo_set_line_width(cr, 1.0);
		} else {
			double w = k == 2 ? 3.0 : 1.0;

			/* from a half width past the centre: the arms meet without a notch */
			cairo_move_to(cr, cx - dx[a] * w / 2, cy - dy[a] * w / 2);
			cairo_line_to(cr, ex, ey);
			cairo_set_line_width(cr, w);
		}
		cairo_stroke(cr);
	}
}

/* ---- block elements U+2580..U+259F ---- */

static void rect(cairo_t *cr, double x, double y, double fx0, double fy0, double fx1, double fy1)
{
	cairo_rectangle(cr, x + fx0 * SHOT_CELL_W, y + fy0 * SHOT_CELL_H, (fx1 - fx0) * SHOT_CELL_W,
	                (fy1 - fy0) * SHOT_CELL_H);
	cairo_fill(cr);
}

static void block(cairo_t *cr, double x, double y, uint32_t cp)
{
	/* quadrants: bit 0 upper left, 1 upper right, 2 lower left, 3 lower right */
	static const uint8_t quad[10] = {4,         8,         1, 1 | 4 | 8, 1 | 8,
	                                 1 | 2 | 4, 1 | 2 | 8, 2, 2 | 4,     2 | 4 | 8};

	if (cp == 0x2580) {
		rect(cr, x, y, 0, 0, 1, 0.5);
	} else if (cp >= 0x2581 && cp <= 0x2588) {
		rect(cr, x, y, 0, 1 - (cp - 0x2580) / 8.0, 1, 1);
	} else if (cp >= 0x2589 && cp <= 0x258f) {
		rect(cr, x, y, 0, 0, (0x2590 - cp) / 8.0, 1);
	} else if (cp == 0x2590) {
		rect(cr, x, y, 0.5, 0, 1, 1);
	} else if (cp >= 0x2591 && cp <= 0x2593) {
		/* shades: the foreground at a quarter, half, three quarters */
		cairo_save(cr);
		cairo_rectangle(cr, x, y, SHOT_CELL_W, SHOT_CELL_H);
		cairo_clip(cr);
		cairo_paint_with_alpha(cr, (cp - 0x2590) / 4.0);
		cairo_restore(cr);
	} else if (cp == 0x2594) {
		rect(cr, x, y, 0, 0, 1, 1 / 8.0);
	} else if (cp == 0x2595) {
		rect(cr, x, y, 7 / 8.0, 0, 1, 1);
	} else if (cp >= 0x2596 && cp <= 0x259f) {
		uint8_t q = quad[cp - 0x2596];

		if (q & 1)
			rect(cr, x, y, 0, 0, 0.5, 0.5);
		if (q & 2)
			rect(cr, x, y, 0.5, 0, 1, 0.5);
		if (q & 4)
			rect(cr, x, y, 0, 0.5, 0.5, 1);
		if (q & 8)
			rect(cr, x, y, 0.5, 0.5, 1, 1);
	}
}

/* ---- braille U+2800..U+28FF: 2 x 4 dots ---- */

static void braille(cairo_t *cr, double x, double y, uint32_t cp)
{
	static const int bitcol[8] = {0, 0, 0, 1, 1, 1, 0, 1}, bitrow[8] = {0, 1, 2, 0, 1, 2, 3, 3};
	unsigned bits = cp - 0x2800;

	for (int b = 0; b < 8; b++) {
		double px, py;

		if (!(bits & (1u << b)))
			continue;
		px = x + SHOT_CELL_W * (2 * bitcol[b] + 1) / 4.0;
		py = y + SHOT_CELL_H * (2 * bitrow[b] + 1) / 8.0;
		cairo_rectangle(cr, px - 1.25, py - 1.25, 2.5, 2.5);
	}
	cairo_fill(cr);
}

/* ---- text ---- */

/* The face for a wide character: a font fontconfig says has it (cached). */
static cairo_font_face_t *fallback_face(struct pen *p, uint32_t cp)
{
	FcPattern *pat, *match;
	FcCharSet *cs, *have = NULL;
	FcResult res;

	for (int i = 0; i < p->nfb; i++)
		if (FcCharSetHasChar(p->fbset[i], cp))
			return p->fb[i];
	if (p->nfb == MAX_FALLBACK)
		return p->regular;
	pat = FcNameParse((const FcChar8 *)"monospace");
	cs = FcCharSetCreate();
	if (!pat || !cs) {
		if (pat)
			FcPatternDestroy(pat);
		if (cs)
			FcCharSetDestroy(cs);
		return p->regular;
	}
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcCharSetDestroy(cs);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	if (!match)
		return p->regular;
	if (FcPatternGetCharSet(match, FC_CHARSET, 0, &have) != FcResultMatch ||
	    !FcCharSetHasChar(have, cp)) {
		FcPatternDestroy(match);
		return p->regular; /* nothing has it: what the main font draws */
	}
	p->fbset[p->nfb] = FcCharSetCopy(have);
	p->fb[p->nfb] = cairo_ft_font_face_create_for_pattern(match);
	FcPatternDestroy(match);
	return p->fb[p->nfb++];
}

static void text(struct pen *p, const struct shot_cell *c, double x, double y, uint32_t cp)
{
	cairo_t *cr = p->cr;
	double w = (c->attr & SHOT_WIDE) ? 2.0 * SHOT_CELL_W : SHOT_CELL_W, adv;
	cairo_font_face_t *face = (c->attr & SHOT_WIDE)   ? fallback_face(p, cp)
	                          : (c->attr & SHOT_BOLD) ? p->bold
	                                                  : p->regular;
	cairo_text_extents_t ext;

	/* a face change costs a font lookup: only when the face changes */
	if (face != p->face) {
		cairo_set_font_face(cr, face);
		cairo_set_font_size(cr, FONT_SIZE);
		p->face = face;
	}
	/* ASCII in the monospace face is one advance wide: no need to measure */
	if (cp < 0x80 && !(c->attr & SHOT_WIDE)) {
		adv = p->advance;
	} else {
		cairo_text_extents(cr, c->text, &ext);
		adv = ext.x_advance;
	}
	cairo_move_to(cr, x + (adv < w ? (w - adv) / 2 : 0),
	              y + (SHOT_CELL_H - p->ascent - p->descent) / 2 + p->ascent);
	if (adv <= w + 0.5) {
		cairo_show_text(cr, c->text);
		return;
	}
	/* keep to the cell: a glyph wider than it is squeezed, never spills */
	cairo_save(cr);
	cairo_translate(cr, x, 0);
	cairo_scale(cr, w / adv, 1);
	cairo_translate(cr, -x, 0);
	cairo_move_to(cr, x, y + (SHOT_CELL_H - p->ascent - p->descent) / 2 + p->ascent);
	cairo_show_text(cr, c->text);
	cairo_restore(cr);
}

static void draw_grid(struct pen *p, const struct shot_grid *g)
{
	cairo_t *cr = p->cr;
	cairo_font_extents_t fe;

	source(cr, g->bg);
	cairo_paint(cr);
	for (int y = 0; y < g->rows; y++)
		for (int x = 0; x < g->cols;) {
			struct shot_rgb bg = shot_grid_at(g, x, y)->bg;
			int x1 = x + 1;

			while (x1 < g->cols && !memcmp(&shot_grid_at(g, x1, y)->bg, &bg, sizeof bg))
				x1++;
			source(cr, bg);
			cairo_rectangle(cr, x * SHOT_CELL_W, y * SHOT_CELL_H,
			                (x1 - x) * SHOT_CELL_W, SHOT_CELL_H);
			cairo_fill(cr);
			x = x1;
		}
	cairo_set_font_face(cr, p->regular);
	cairo_set_font_size(cr, FONT_SIZE);
	cairo_font_extents(cr, &fe);
	p->ascent = fe.ascent;
	p->descent = fe.descent;
	p->face = p->regular;
	{
		cairo_text_extents_t ext;

		cairo_text_extents(cr, "M", &ext);
		p->advance = ext.x_advance;
	}
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (int y = 0; y < g->rows; y++)
		for (int x = 0; x < g->cols; x++) {
			const struct shot_cell *c = shot_grid_at(g, x, y);
			double px = x * SHOT_CELL_W, py = y * SHOT_CELL_H;
			uint32_t cp;
			const char *arms;

			if (c->attr & SHOT_CONT)
				continue;
			source(cr, (c->attr & SHOT_DIM) ? mix(c->fg, c->bg) : c->fg);
			if (c->attr & SHOT_UNDERLINE) {
				cairo_rectangle(
				        cr, px, py + SHOT_CELL_H - 2,
				        (c->attr & SHOT_WIDE) ? 2 * SHOT_CELL_W : SHOT_CELL_W, 1);
				cairo_fill(cr);
			}
			if (!c->text[0] || (c->text[0] == ' ' && !c->text[1]))
				continue;
			cp = utf8_first(c->text);
			if (cp >= 0x2800 && cp <= 0x28ff)
				braille(cr, px, py, cp);
			else if (cp >= 0x2580 && cp <= 0x259f)
				block(cr, px, py, cp);
			else if ((arms = box_arms(cp)) != NULL)
				box(cr, px, py, arms);
			else
				text(p, c, px, py, cp);
		}
}

static int pen_start(struct pen *p, cairo_surface_t *s)
{
	memset(p, 0, sizeof *p);
	p->cr = cairo_create(s);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		return -1;
	p->regular = cairo_toy_font_face_create(FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
	                                        CAIRO_FONT_WEIGHT_NORMAL);
	p->bold = cairo_toy_font_face_create(FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
	                                     CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_antialias(p->cr, CAIRO_ANTIALIAS_DEFAULT);
	return 0;
}

static int pen_done(struct pen *p)
{
	int rc = cairo_status(p->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;

	for (int i = 0; i < p->nfb; i++) {
		cairo_font_face_destroy(p->fb[i]);
		FcCharSetDestroy(p->fbset[i]);
	}
	cairo_font_face_destroy(p->regular);
	cairo_font_face_destroy(p->bold);
	cairo_destroy(p->cr);
	return rc;
}

/* ---- output ---- */

struct mem {
	unsigned char *p;
	size_t n, cap;
	bool oom;
};

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct mem *m = closure;

	if (m->n + len > m->cap) {
		size_t cap = m->cap ? m->cap : 65536;
		unsigned char *p;

		while (cap < m->n + len)
			cap *= 2;
		p = realloc(m->p, cap);
		if (!p) {
			m->oom = true;
			return CAIRO_STATUS_NO_MEMORY;
		}
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->n, data, len);
	m->n += len;
	return CAIRO_STATUS_SUCCESS;
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void png_chunk(struct mem *m, const char *type, const unsigned char *data, size_t n)
{
	unsigned char b[8];
	uLong crc = crc32(0L, (const Bytef *)type, 4);

	if (n)
		crc = crc32(crc, data, (uInt)n);
	put_be32(b, (uint32_t)n);
	memcpy(b + 4, type, 4);
	mem_write(m, b, 8);
	if (n)
		mem_write(m, data, (unsigned)n);
	put_be32(b, (uint32_t)crc);
	mem_write(m, b, 4);
}

/* The surface as an 8-bit RGB PNG.  Not cairo's writer: a screen is flat
 * colour, and 'sub' filtered rows under zlib's run-length strategy encode
 * several times faster than libpng's defaults, for a file of about the
 * same size (x must not make the person wait). */
static int png_encode(cairo_surface_t *s, struct mem *m)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	size_t rowlen = 1 + 3 * (size_t)w;
	unsigned char ihdr[13], *row = malloc(rowlen), out[65536];
	struct mem idat = {0};
	z_stream zs;
	int rc = -1, zrc = Z_OK;

	memset(&zs, 0, sizeof zs);
	/* row by row into a small window: a whole raw copy of the picture
	 * would cost more in page faults than the encoding itself */
	if (!row || !px || deflateInit2(&zs, 1, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK) {
		free(row);
		return -1;
	}
	for (int y = 0; y <= h && zrc == Z_OK; y++) {
		int flush = y == h ? Z_FINISH : Z_NO_FLUSH;

		if (y < h) {
			const uint32_t *src =
			        (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
			unsigned char *d = row, prev[3] = {0, 0, 0};

			*d++ = 1; /* filter: sub */
			for (int x = 0; x < w; x++) {
				unsigned char c[3] = {(unsigned char)(src[x] >> 16),
				                      (unsigned char)(src[x] >> 8),
				                      (unsigned char)src[x]};

				for (int k = 0; k < 3; k++) {
					*d++ = (unsigned char)(c[k] - prev[k]);
					prev[k] = c[k];
				}
			}
			zs.next_in = row;
			zs.avail_in = (uInt)rowlen;
		}
		do {
			zs.next_out = out;
			zs.avail_out = sizeof out;
			zrc = deflate(&zs, flush);
			mem_write(&idat, out, (unsigned)(sizeof out - zs.avail_out));
		} while (zs.avail_out == 0 && zrc == Z_OK);
		if (flush == Z_FINISH)
			zrc = zrc == Z_STREAM_END ? Z_OK : Z_DATA_ERROR;
		else if (zrc == Z_BUF_ERROR)
			zrc = Z_OK; /* no progress possible: the row is all in */
	}
	deflateEnd(&zs);
	free(row);
	if (zrc != Z_OK || idat.oom) {
		free(idat.p);
		return -1;
	}
	put_be32(ihdr, (uint32_t)w);
	put_be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;  /* bits per channel */
	ihdr[9] = 2;  /* RGB */
	ihdr[10] = 0; /* deflate */
	ihdr[11] = 0; /* adaptive filtering */
	ihdr[12] = 0; /* no interlace */
	mem_write(m, sig, 8);
	png_chunk(m, "IHDR", ihdr, 13);
	png_chunk(m, "IDAT", idat.p, idat.n);
	png_chunk(m, "IEND", NULL, 0);
	rc = m->oom ? -1 : 0;
	free(idat.p);
	return rc;
}

static int render_png(const struct shot_grid *g, struct mem *m)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, g->cols * SHOT_CELL_W,
	                                                g->rows * SHOT_CELL_H);
	struct pen p;
	int rc = -1;

	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && pen_start(&p, s) == 0) {
		draw_grid(&p, g);
		rc = pen_done(&p);
		cairo_surface_flush(s);
		if (rc == 0)
			rc = png_encode(s, m);
	}
	cairo_surface_destroy(s);
	return rc;
}

static void mem_put(struct mem *m, const char *s, size_t n)
{
	if (mem_write(m, (const unsigned char *)s, (unsigned)n) != CAIRO_STATUS_SUCCESS)
		m->oom = true;
}

/* The screen's text, XML-escaped, as the picture's <desc>. */
static void svg_desc(const struct shot_grid *g, struct mem *m)
{
	char *txt;
	size_t n;

	if (shot_text(g, &txt, &n) != 0) {
		m->oom = true;
		return;
	}
	mem_put(m, "<desc>", 6);
	for (size_t i = 0; i < n; i++) {
		const char *e = txt[i] == '<'   ? "&lt;"
		                : txt[i] == '>' ? "&gt;"
		                : txt[i] == '&' ? "&amp;"
		                                : NULL;

		if (e)
			mem_put(m, e, strlen(e));
		else
			mem_put(m, &txt[i], 1);
	}
	mem_put(m, "</desc>\n", 8);
	free(txt);
}

static int render_svg(const struct shot_grid *g, struct mem *m)
{
	struct mem raw = {0};
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(
	        mem_write, &raw, g->cols * SHOT_CELL_W, g->rows * SHOT_CELL_H);
	struct pen p;
	int rc = -1;
	char *open_end;

	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && pen_start(&p, s) == 0) {
		draw_grid(&p, g);
		rc = pen_done(&p);
	}
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || raw.oom)
		rc = -1;
	cairo_surface_destroy(s);
	if (rc == 0) {
		mem_put(&raw, "", 1); /* NUL for strstr */
		open_end = strstr((char *)raw.p, "<svg");
		open_end = open_end ? strchr(open_end, '>') : NULL;
		if (!open_end) {
			rc = -1;
		} else {
			size_t head = (size_t)(open_end + 1 - (char *)raw.p);

			mem_put(m, (char *)raw.p, head);
			mem_put(m, "\n", 1);
			svg_desc(g, m);
			mem_put(m, (char *)raw.p + head, raw.n - 1 - head);
			rc = m->oom ? -1 : 0;
		}
	}
	free(raw.p);
	return rc;
}

int shot_write(const struct shot_grid *g, const char *path, enum shot_format f, struct cd_err *err)
{
	struct mem m = {0};
	char *buf = NULL;
	size_t len = 0;
	int rc;

	switch (f) {
	case SHOT_FMT_TXT:
		rc = shot_text(g, &buf, &len);
		break;
	case SHOT_FMT_ANS:
		rc = shot_ansi(g, true, &buf, &len);
		break;
	case SHOT_FMT_PNG:
		rc = render_png(g, &m);
		buf = (char *)m.p;
		len = m.n;
		break;
	case SHOT_FMT_SVG:
		rc = render_svg(g, &m);
		buf = (char *)m.p;
		len = m.n;
		break;
	default:
		return cd_err_set(err, CD_ERR_USAGE, path, 0, 0,
		                  _("cannot tell the picture's format: use one of %s"),
		                  shot_formats_list());
	}
	if (rc != 0) {
		free(buf);
		return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0, "%s",
		                  _("cannot draw the picture"));
	}
	rc = cd_write_atomic(path, buf, len, err);
	free(buf);
	return rc;
}
