/* widget_slider.c — a slider: value <-> knob position, steps, and drawing.
 *
 * The maths (slider_pos, slider_value_at, slider_step) is pure and unit
 * tested; widget_slider() only paints.  Sliders move counts and prices, never
 * compute money.  Log-scale sliders (dataset size) step through the series
 * 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade, so ten steps are x10.
 */
#include "ui_int.h"

#include <math.h>

static const int series[] = {10, 12, 15, 20, 25, 30, 40, 50, 60, 80}; /* tenths */
#define NSERIES ((int)(sizeof series / sizeof series[0]))

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* t in [0, 1] along the track. */
static double frac_of(const struct slider_spec *s, int64_t v)
{
	double span = (double)(s->max - s->min);

	v = clamp64(v, s->min, s->max);
	if (span <= 0)
		return 0;
	if (s->log)
		return log1p((double)(v - s->min)) / log1p(span);
	return (double)(v - s->min) / span;
}

int slider_pos(const struct slider_spec *s, int64_t v, int width)
{
	if (width <= 1)
		return 0;
	return (int)lround(frac_of(s, v) * (width - 1));
}

/* The series value nearest to v (v >= 10), by ratio. */
static int64_t series_nearest(double v)
{
	double best = 0, bestd = INFINITY;
	double dec = pow(10, floor(log10(v)) - 1);

	for (int d = -1; d <= 1; d++) {
		for (int i = 0; i < NSERIES; i++) {
			double c = series[i] * dec * pow(10, d);
			double dist = fabs(log(c / v));

			if (c >= 1 && dist < bestd) {
				bestd = dist;
				best = c;
			}
		}
	}
	return (int64_t)llround(best);
}

int64_t slider_value_at(const struct slider_spec *s, int pos, int width)
{
	double t;
	int64_t v;

	if (width <= 1 || pos <= 0)
		return s->min;
	if (pos >= width - 1)
		return s->max;
	t = (double)pos / (width - 1);
	if (s->log) {
		double x = expm1(t * log1p((double)(s->max - s->min)));

		v = s->min + (int64_t)llround(x);
		if (v >= 10)
			v = series_nearest((double)v);
	} else {
		double x = t * (double)(s->max - s->min) / (double)s->step;

		v = s->min + (int64_t)llround(x) * s->step;
	}
	return clamp64(v, s->min, s->max);
}

/* Next series value strictly above (dir > 0) or below v. */
static int64_t series_next(int64_t v, int dir)
{
	int64_t dec = 1, best = dir > 0 ? INT64_MAX : 0;

	if (v < 10 && dir > 0)
		return v + 1;
	if (v <= 10 && dir < 0)
		return v - 1;
	while (dec <= INT64_MAX / 1000 && dec <= v)
		dec *= 10;
	/* candidates from the decade below v's to the one above it */
	for (int64_t d = dec / 100 ? dec / 100 : 1; d <= dec; d *= 10) {
		for (int i = 0; i < NSERIES; i++) {
			int64_t c = series[i] * d / 10;

			if (c < 1)
				continue;
			if (dir > 0 && c > v && c < best)
				best = c;
			if (dir < 0 && c < v && c > best)
				best = c;
		}
	}
	if (dir > 0 && best == INT64_MAX)
		best = v + 1;
	return best;
}

int64_t slider_step(const struct slider_spec *s, int64_t v, int n)
{
	int64_t lo = v < s->min ? v : s->min;
	int64_t hi = v > s->max ? v : s->max;

	if (n > 0 && v >= hi)
		return v;
	if (n < 0 && v <= lo)
		return v;
	if (s->log) {
		int dir = n > 0 ? 1 : -1;

		for (int i = 0; i < (n > 0 ? n : -n); i++) {
			int64_t next = series_next(v, dir);

			if ((dir > 0 && next - v < s->step) || (dir < 0 && v - next < s->step))
				next = v + dir * s->step;
			v = clamp64(next, lo, hi);
		}
		return v;
	}
	if (s->fine && v > 0 && (n > 0 ? v < s->step : v <= s->step)) {
		int dir = n > 0 ? 1 : -1;

		for (int i = 0; i < (n > 0 ? n : -n) && v > 0 && v < s->step + (dir < 0); i++)
			v = series_next(v, dir);
		if (v > s->step)
			v = s->step; /* back on the step grid */
		return clamp64(v, lo, hi);
	}
	if (n > 0 && (hi - v) / n < s->step)
		return hi;
	if (n < 0 && (v - lo) / -n < s->step)
		return lo;
	return clamp64(v + (int64_t)n * s->step, lo, hi);
}

void widget_slider(struct ui_app *app, WINDOW *w, int y, int x, int width,
                   const struct slider_spec *s, int64_t v, bool selected)
{
	int k = slider_pos(s, v, width);
	attr_t fill = app->col.attr[TR_FILL], track = app->col.attr[TR_TRACK];
	attr_t knob = app->col.attr[TR_KNOB];

	if (width <= 0)
		return;
	if (selected)
		knob |= A_BOLD;
	wmove(w, y, x);
	wattrset(w, fill);
	for (int i = 0; i < k; i++)
		waddstr(w, app->g->fill);
	wattrset(w, knob);
	waddstr(w, app->g->knob);
	wattrset(w, track);
	for (int i = k + 1; i < width; i++)
		waddstr(w, app->g->track);
	wattrset(w, app->col.attr[TR_TEXT]);
}

void widget_hits_clear(struct ui_app *app)
{
	for (int i = 0; i < UI_MAX_ITEMS; i++) {
		app->track_w[i] = 0;
		app->row_y[i] = -1;
	}
}

void widget_hit(struct ui_app *app, WINDOW *w, int i, int y, int x, int width)
{
	int by, bx;

	getbegyx(w, by, bx);
	app->row_y[i] = by + y;
	app->row_x0[i] = bx;
	app->row_x1[i] = bx + getmaxx(w);
	app->track_x[i] = bx + x;
	app->track_y[i] = by + y;
	app->track_w[i] = width;
}
