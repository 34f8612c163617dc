/* chart.c — point series to braille/ASCII cells.  See chart.h.
 *
 * A render is four steps, each bounded by the chart's size except the first:
 *   1. bucket: one pass over each series' points, keeping per dot column
 *      the lowest, highest, first and last value (raw values: log10 is
 *      monotonic, so it is applied per column, not per point);
 *   2. range: the y range over every bucket, padded, edges rounded out to
 *      the labels' precision so "2.40" at the top means exactly 2.40;
 *   3. raster: per column a vertical stroke from min to max, and a line from
 *      the previous column's last value to this one's first, into a scratch
 *      dot mask; then the series takes over the cells it touches;
 *   4. encode: dot masks to UTF-8 (U+2800 + mask) or ASCII levels.
 * Must not allocate, draw, or keep state between renders beyond *c.
 */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "capdash/i18n.h"

#include "runfmt.h"

struct chart_col {
	double mn, mx, first, last;
};

/* Braille dot bits by (dot column, dot row) inside a cell. */
static const uint8_t braille_bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
/* ASCII: three levels a cell, top = bit 0. */
static const char ascii_glyph[8] = {' ', '\'', '-', '|', '_', '|', '|', '|'};

#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

static bool bad_size(int w, int h)
{
	return w < 1 || h < 1 || w > CHART_MAX_W || h > CHART_MAX_H;
}

/* Dot columns: the braille width, enough for ASCII too. */
size_t chart_mem_size(int w, int h)
{
	size_t dw = 2 * (size_t)w, cells = (size_t)w * (size_t)h;

	if (bad_size(w, h))
		return 0;
	return ALIGN8(CHART_MAX_SERIES * dw * sizeof(struct chart_col)) +
	       ALIGN8(CHART_MAX_SERIES * dw) + 4 * ALIGN8(cells) + (size_t)h * (3 * (size_t)w + 1);
}

int chart_init(struct chart *c, void *mem, size_t size, int w, int h, bool ascii)
{
	size_t need = chart_mem_size(w, h), dw = 2 * (size_t)w, cells = (size_t)w * (size_t)h;
	unsigned char *p = mem;

	memset(c, 0, sizeof *c);
	if (need == 0 || size < need || !mem)
		return -1;
	c->w = w;
	c->h = h;
	c->ascii = ascii;
	c->dw = ascii ? w : 2 * w;
	c->dh = ascii ? 3 * h : 4 * h;
	c->col = (struct chart_col *)(void *)p;
	p += ALIGN8(CHART_MAX_SERIES * dw * sizeof(struct chart_col));
	c->has = p;
	p += ALIGN8(CHART_MAX_SERIES * dw);
	c->mask = p;
	p += ALIGN8(cells);
	c->id = p;
	p += ALIGN8(cells);
	c->smask = p;
	p += ALIGN8(cells);
	c->mark = p;
	p += ALIGN8(cells);
	c->rows = (char *)p;
	c->empty = true;
	for (int r = 0; r < h; r++) {
		char *row = c->rows + (size_t)r * (3 * (size_t)w + 1);

		memset(row, ' ', (size_t)w);
		row[w] = '\0';
	}
	return 0;
}

static bool drawable(double y, bool logy)
{
	return isfinite(y) && (!logy || y > 0);
}

static void x_range(struct chart *c, const struct chart_opts *o, const struct chart_series *s,
                    size_t ns)
{
	double lo = INFINITY, hi = -INFINITY;

	if (o->x_fixed && isfinite(o->x_lo) && isfinite(o->x_hi) && o->x_hi > o->x_lo) {
		c->x_lo = o->x_lo;
		c->x_hi = o->x_hi;
		return;
	}
	for (size_t k = 0; k < ns; k++)
		for (size_t i = 0; i < s[k].n; i++) {
			double x = s[k].pt[i].x;

			if (!isfinite(x) || !drawable(s[k].pt[i].y, o->logy))
				continue;
			if (x < lo)
				lo = x;
			if (x > hi)
				hi = x;
		}
	c->x_lo = lo <= hi ? lo : 0;
	c->x_hi = lo <= hi ? hi : 0;
}

/* One pass over a series: its per-column summary.  The loop every render
 * spends its time in, kept branch-light. */
static void bucket(struct chart *c, const struct chart_series *s, struct chart_col *col,
                   uint8_t *has, bool logy)
{
	double scale = c->x_hi > c->x_lo ? c->dw / (c->x_hi - c->x_lo) : 0, x0 = c->x_lo;
	int last = c->dw - 1;

	memset(has, 0, (size_t)c->dw);
	for (size_t i = 0; i < s->n; i++) {
		double y = s->pt[i].y, fx = (s->pt[i].x - x0) * scale;
		struct chart_col *b;
		int k;

		if (!drawable(y, logy) || !isfinite(fx))
			continue;
		k = fx <= 0 ? 0 : fx >= last ? last : (int)fx;
		b = col + k;
		if (!has[k]) {
			has[k] = 1;
			b->mn = b->mx = b->first = b->last = y;
			continue;
		}
		b->mn = y < b->mn ? y : b->mn; /* minsd/maxsd: noisy losses defeat branches */
		b->mx = y > b->mx ? y : b->mx;
		b->last = y;
	}
}

/* Decimals that give the labels three significant digits and still tell the
 * top from the bottom; -1 for magnitudes better written with an exponent. */
static int label_decimals(double lo, double hi)
{
	double m = fmax(fabs(lo), fabs(hi)), range = hi - lo;
	int d;

	if (m == 0)
		return 0;
	if (!(m >= 1e-4 && m < 1e6) || !isfinite(range))
		return -1;
	d = 2 - (int)floor(log10(m));
	if (range > 0) {
		int rd = 1 - (int)floor(log10(range));

		if (rd > d)
			d = rd;
	}
	return d < 0 ? 0 : d > 8 ? 8 : d;
}

static void y_range(struct chart *c, const struct chart_opts *o, double lo, double hi, bool nonneg)
{
	double pad = isfinite(o->pad) && o->pad >= 0 ? fmin(o->pad, 1) : 0.05, range = hi - lo;
	int d;

	if (range <= 0) {
		double spread = o->logy ? 0.05 : lo != 0 ? fabs(lo) * 0.05 : 0.5;

		lo -= spread;
		hi += spread;
	} else {
		lo -= range * pad;
		hi += range * pad;
	}
	if (!o->logy && nonneg && lo < 0)
		lo = 0;
	if (o->logy) {
		chart_fmt_value(c->ytop, sizeof c->ytop, pow(10, hi));
		chart_fmt_value(c->ybot, sizeof c->ybot, pow(10, lo));
	} else if ((d = label_decimals(lo, hi)) >= 0) {
		double k = pow(10, d);

		hi = ceil(hi * k - 1e-6) / k;
		lo = floor(lo * k + 1e-6) / k;
		snprintf(c->ytop, sizeof c->ytop, "%.*f", d, hi);
		snprintf(c->ybot, sizeof c->ybot, "%.*f", d, lo);
	} else {
		snprintf(c->ytop, sizeof c->ytop, "%.3g", hi);
		snprintf(c->ybot, sizeof c->ybot, "%.3g", lo);
	}
	c->y_lo = lo;
	c->y_hi = hi;
}

static int ydot(const struct chart *c, double v)
{
	double f;

	if (c->logy)
		v = log10(v);
	f = (c->y_hi - v) / (c->y_hi - c->y_lo) * (c->dh - 1);
	if (!(f > 0))
		return 0;
	return f >= c->dh - 1 ? c->dh - 1 : (int)(f + 0.5);
}

static void dot(struct chart *c, int x, int y)
{
	uint8_t *m;

	if (c->ascii) {
		m = c->smask + (size_t)(y / 3) * (size_t)c->w + (size_t)x;
		*m |= (uint8_t)(1u << (y % 3));
	} else {
		m = c->smask + (size_t)(y / 4) * (size_t)c->w + (size_t)(x / 2);
		*m |= braille_bit[x % 2][y % 4];
	}
}

/* Bresenham: every dot between (x0, y0) and (x1, y1), both ends included. */
static void line(struct chart *c, int x0, int y0, int x1, int y1)
{
	int dx = x1 > x0 ? x1 - x0 : x0 - x1, sx = x0 < x1 ? 1 : -1;
	int dy = y1 > y0 ? y0 - y1 : y1 - y0, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;

	for (;;) {
		int e2 = 2 * err;

		dot(c, x0, y0);
		if (x0 == x1 && y0 == y1)
			return;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

static void raster(struct chart *c, const struct chart_col *col, const uint8_t *has, uint8_t id,
                   enum chart_style style)
{
	size_t cells = (size_t)c->w * (size_t)c->h;
	int prev = -1, per = c->ascii ? 1 : 2;

	memset(c->smask, 0, cells);
	for (int k = 0; k < c->dw; k++) {
		if (!has[k])
			continue;
		if (style == CHART_MARKS) {
			/* one mark where the column's last value falls */
			size_t cell =
			        (size_t)(ydot(c, col[k].last) / (c->ascii ? 3 : 4)) * (size_t)c->w +
			        (size_t)(k / per);

			c->mark[cell] = 1;
			c->mask[cell] = 0xFF;
			c->id[cell] = id;
			continue;
		}
		if (style == CHART_LINE && prev >= 0)
			line(c, prev, ydot(c, col[prev].last), k, ydot(c, col[k].first));
		for (int y = ydot(c, col[k].mx), y1 = ydot(c, col[k].mn); y <= y1; y++)
			/* dots: every other dot column only (braille: the left one of
			 * each cell; ASCII: every other cell), so the trail is dotted */
			dot(c, style == CHART_DOTS ? k & ~1 : k, y);
		prev = k;
	}
	for (size_t i = 0; i < cells; i++)
		if (c->smask[i]) {
			c->mask[i] = c->smask[i];
			c->id[i] = id;
			c->mark[i] = 0;
		}
}

const char *chart_style_sample(enum chart_style st, bool ascii, int *cells)
{
	*cells = st == CHART_MARKS ? 1 : 2;
	if (st == CHART_MARKS)
		return ascii ? "o" : "\xe2\x97\x86";
	if (st == CHART_DOTS)
		return ascii ? "- " : "\xe2\xa0\x82\xe2\xa0\x82";
	return ascii ? "--" : "\xe2\xa0\x92\xe2\xa0\x92";
}

static int encode(struct chart *c)
{
	int used = 0;

	for (int r = 0; r < c->h; r++) {
		char *row = c->rows + (size_t)r * (3 * (size_t)c->w + 1);
		const uint8_t *m = c->mask + (size_t)r * (size_t)c->w;
		size_t o = 0;

		for (int k = 0; k < c->w; k++) {
			if (!m[k]) {
				row[o++] = ' ';
				continue;
			}
			used++;
			if (c->mark[(size_t)r * (size_t)c->w + (size_t)k]) {
				if (c->ascii) {
					row[o++] = 'o';
				} else { /* U+25C6 ◆ */
					row[o++] = (char)0xE2;
					row[o++] = (char)0x97;
					row[o++] = (char)0x86;
				}
			} else if (c->ascii) {
				row[o++] = ascii_glyph[m[k] & 7];
			} else {
				row[o++] = (char)0xE2;
				row[o++] = (char)(0xA0 | (m[k] >> 6));
				row[o++] = (char)(0x80 | (m[k] & 0x3F));
			}
		}
		row[o] = '\0';
	}
	return used;
}

/* The smallest v in [lo, hi] with at least need column maxima <= v, by
 * bisection: no sorting, so no memory beyond the chart's. */
static double col_quantile(const struct chart *c, size_t ns, size_t need, double lo, double hi)
{
	for (int it = 0; it < 48 && hi - lo > 1e-12 * fmax(fabs(hi), 1e-300); it++) {
		double mid = lo + (hi - lo) / 2;
		size_t k = 0;

		for (size_t j = 0; j < ns; j++) {
			const struct chart_col *col = c->col + j * (size_t)c->dw;
			const uint8_t *has = c->has + j * (size_t)c->dw;

			for (int i = 0; i < c->dw; i++)
				k += has[i] && col[i].mx <= mid;
		}
		if (k >= need)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* The robust top (chart.h), in raw values; hi when nothing is clipped. */
static double robust_top(const struct chart *c, size_t ns, double lo, double hi, bool logy)
{
	size_t n = 0;
	double q, tlo, tq, top;

	for (size_t j = 0; j < ns; j++)
		for (int i = 0; i < c->dw; i++)
			n += c->has[j * (size_t)c->dw + (size_t)i] != 0;
	if (n < CHART_ROBUST_MIN_COLS || !(hi > lo))
		return hi;
	q = col_quantile(c, ns, (n * 9 + 9) / 10, lo, hi);
	tlo = logy ? log10(lo) : lo;
	tq = logy ? log10(q) : q;
	top = tq + 0.25 * (tq - tlo);
	if (!(top > tlo) || (logy ? log10(hi) : hi) - tlo <= 1.5 * (top - tlo))
		return hi;
	return logy ? pow(10, top) : top;
}

static void mark_clipped(struct chart *c)
{
	const char *m = c->ascii ? "^" : "\xe2\x96\xb2";
	size_t ml = strlen(m), n = strnlen(c->ytop, CHART_LABEL_MAX - 1 - ml);

	memmove(c->ytop + ml, c->ytop, n);
	memcpy(c->ytop, m, ml);
	c->ytop[ml + n] = 0;
}

int chart_render(struct chart *c, const struct chart_opts *o, const struct chart_series *s,
                 size_t ns)
{
	size_t cells = (size_t)c->w * (size_t)c->h;
	double lo = INFINITY, hi = -INFINITY;

	if (!c->rows)
		return 0;
	if (ns > CHART_MAX_SERIES)
		ns = CHART_MAX_SERIES;
	c->logy = o->logy;
	memset(c->mask, 0, cells);
	memset(c->id, 0, cells);
	memset(c->mark, 0, cells);
	x_range(c, o, s, ns);
	for (size_t k = 0; k < ns; k++) {
		struct chart_col *col = c->col + k * (size_t)c->dw;
		uint8_t *has = c->has + k * (size_t)c->dw;

		bucket(c, &s[k], col, has, o->logy);
		for (int i = 0; i < c->dw; i++)
			if (has[i]) {
				lo = fmin(lo, col[i].mn);
				hi = fmax(hi, col[i].mx);
			}
	}
	c->empty = !(lo <= hi);
	c->clipped = false;
	c->ytop[0] = c->ybot[0] = c->xlo[0] = c->xhi[0] = '\0';
	if (c->empty)
		return encode(c);
	if (o->robust_y) {
		double top = robust_top(c, ns, lo, hi, o->logy);

		c->clipped = top < hi;
		hi = top;
	}
	y_range(c, o, o->logy ? log10(lo) : lo, o->logy ? log10(hi) : hi, lo >= 0);
	if (c->clipped)
		mark_clipped(c);
	runfmt_count_short(c->xlo, sizeof c->xlo,
	                   (int64_t)llround(fmax(fmin(c->x_lo, 9e18), -9e18)));
	runfmt_count_short(c->xhi, sizeof c->xhi,
	                   (int64_t)llround(fmax(fmin(c->x_hi, 9e18), -9e18)));
	for (size_t k = 0; k < ns; k++)
		raster(c, c->col + k * (size_t)c->dw, c->has + k * (size_t)c->dw, s[k].id,
		       o->style[k]);
	return encode(c);
}

const char *chart_row(const struct chart *c, int r)
{
	if (!c->rows || r < 0 || r >= c->h)
		return "";
	return c->rows + (size_t)r * (3 * (size_t)c->w + 1);
}

uint8_t chart_cell_id(const struct chart *c, int r, int col)
{
	if (!c->rows || r < 0 || r >= c->h || col < 0 || col >= c->w)
		return 0;
	return c->id[(size_t)r * (size_t)c->w + (size_t)col];
}

bool chart_span_next(const struct chart *c, int r, struct chart_span *sp)
{
	size_t base = (size_t)r * (size_t)c->w;
	int k = sp->col + sp->ncols;

	if (!c->rows || r < 0 || r >= c->h || k >= c->w)
		return false;
	sp->off += sp->len;
	sp->col = k;
	sp->id = c->id[base + (size_t)k];
	sp->ncols = 0;
	sp->len = 0;
	for (; k < c->w && c->id[base + (size_t)k] == sp->id; k++) {
		sp->ncols++;
		sp->len += c->mask[base + (size_t)k] && !c->ascii ? 3 : 1;
	}
	return true;
}

char *chart_xaxis(const struct chart *c, char *buf, size_t size, int width)
{
	size_t a = strlen(c->xlo), b = strlen(c->xhi), w;

	if (size == 0)
		return buf;
	w = width > 0 ? (size_t)width : 0;
	if (w > size - 1)
		w = size - 1;
	memset(buf, ' ', w);
	buf[w] = '\0';
	if (c->empty)
		return buf;
	if (a + b + 1 <= w) {
		memcpy(buf, c->xlo, a);
		memcpy(buf + w - b, c->xhi, b);
		if (a + b + 4 + 2 <= w && w >= 4) {
			size_t mid = (w - 4) / 2;

			if (mid > a && mid + 4 < w - b)
				memcpy(buf + mid, "step", 4);
		}
	} else if (b <= w) {
		memcpy(buf + w - b, c->xhi, b);
	}
	return buf;
}

char *chart_fmt_value(char *buf, size_t size, double v)
{
	double a = fabs(v);
	int mag, d;

	if (size == 0)
		return buf;
	if (isnan(v))
		snprintf(buf, size, "nan");
	else if (isinf(v))
		snprintf(buf, size, v > 0 ? "inf" : "-inf");
	else if (a == 0)
		snprintf(buf, size, "0");
	else if (a < 1e-4 || a >= 1e6)
		snprintf(buf, size, "%.3g", v);
	else {
		mag = (int)floor(log10(a));
		d = 2 - mag;
		if (d < 0)
			d = 0;
		/* 9.996 rounds to 10.00: one digit fewer keeps three significant */
		if (d > 0 && round(a * pow(10, d)) >= pow(10, d + mag + 1) * 1.0)
			d--;
		snprintf(buf, size, "%.*f", d, v);
	}
	return buf;
}

bool chart_summary_loss(char *buf, size_t size, const char *name, const struct series_loss *l)
{
	struct series_pt mn, last, best;
	char a[CHART_LABEL_MAX], b[CHART_LABEL_MAX];

	if (size == 0)
		return false;
	buf[0] = '\0';
	if (!l || !series_loss_summary(l, &mn, &last, &best))
		return false;
	snprintf(buf, size, _("%s %s (lowest %s)"), name, chart_fmt_value(a, sizeof a, last.y),
	         chart_fmt_value(b, sizeof b, mn.y));
	return true;
}

char *chart_summary(char *buf, size_t size, const struct series_loss *train,
                    const struct series_loss *val, bool utf8)
{
	char t[2 * CHART_LABEL_MAX + 32], v[2 * CHART_LABEL_MAX + 32];
	bool ht = chart_summary_loss(t, sizeof t, _("loss"), train);
	bool hv = chart_summary_loss(v, sizeof v, _("val loss"), val);

	if (size == 0)
		return buf;
	if (!ht && !hv)
		snprintf(buf, size, "%s", _("no loss yet"));
	else
		snprintf(buf, size, "%s%s%s", t, ht && hv ? (utf8 ? " · " : " | ") : "", v);
	return buf;
}
