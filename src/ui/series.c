/* series.c — bounded point stores with min/max-keeping 2:1 decimation, and
 * TensorBoard's debiased EMA.  See series.h for the contract.
 *
 * Layout of a store: pt[0 .. n) holds committed pairs, each the lowest and
 * the highest of `group` consecutive raw points, in step order.  The group
 * being filled is written straight into pt[n], pt[n+1] on every push, so
 * readers get one contiguous array with no copy.  When n reaches cap the
 * store merges neighbouring pairs (four points become two) and doubles
 * group: memory is capped and the cost per push stays O(1) amortised.
 * Must not draw or allocate per push once the cap is reached.
 */
#include "series.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SERIES_FIRST_ALLOC 64

int series_init(struct series *s, size_t max_points)
{
	size_t first;

	memset(s, 0, sizeof *s);
	if (max_points < 8)
		max_points = 8;
	s->cap = (max_points + 3) / 4 * 4;
	s->group = 2;
	first = s->cap + 2 < SERIES_FIRST_ALLOC ? s->cap + 2 : SERIES_FIRST_ALLOC;
	s->pt = malloc(first * sizeof *s->pt);
	s->mean = malloc((first / 2 + 1) * sizeof *s->mean);
	if (!s->pt || !s->mean) {
		series_done(s);
		return -1;
	}
	s->alloc = first;
	return 0;
}

void series_done(struct series *s)
{
	free(s->pt);
	free(s->mean);
	s->pt = NULL;
	s->mean = NULL;
	s->alloc = s->n = 0;
}

void series_clear(struct series *s)
{
	s->n = 0;
	s->group = 2;
	s->pend = 0;
	s->count = s->nonfinite = 0;
}

/* The lowest and highest of a run of points, written back in step order so
 * the chart's "last value per column" stays meaningful. */
static void keep_extremes(const struct series_pt *in, size_t k, struct series_pt *out)
{
	size_t lo = 0, hi = 0;

	for (size_t i = 1; i < k; i++) {
		if (in[i].y < in[lo].y)
			lo = i;
		if (in[i].y >= in[hi].y)
			hi = i;
	}
	if (lo == hi)
		hi = lo == 0 ? k - 1 : 0;
	if (lo < hi) {
		out[0] = in[lo];
		out[1] = in[hi];
	} else {
		out[0] = in[hi];
		out[1] = in[lo];
	}
}

static void decimate(struct series *s)
{
	size_t out = 0;

	for (size_t i = 0; i + 4 <= s->n; i += 4, out += 2) {
		struct series_pt tmp[4];

		memcpy(tmp, s->pt + i, sizeof tmp);
		keep_extremes(tmp, 4, s->pt + out);
		s->mean[out / 2] = (s->mean[i / 2] + s->mean[i / 2 + 1]) / 2;
	}
	s->n = out;
	s->group *= 2;
}

static int ensure(struct series *s, size_t need)
{
	size_t a;
	struct series_pt *p;
	double *m;

	if (need <= s->alloc)
		return 0;
	a = s->alloc ? s->alloc : SERIES_FIRST_ALLOC;
	while (a < need)
		a *= 2;
	if (a > s->cap + 2)
		a = s->cap + 2;
	p = realloc(s->pt, a * sizeof *p);
	if (!p)
		return -1;
	s->pt = p;
	m = realloc(s->mean, (a / 2 + 1) * sizeof *m);
	if (!m)
		return -1; /* pt grew but alloc did not: the next push retries */
	s->mean = m;
	s->alloc = a;
	return 0;
}

static void write_pending(struct series *s)
{
	if (s->pend == 1) {
		s->pt[s->n] = s->plo;
	} else if (s->plo.x <= s->phi.x) {
		s->pt[s->n] = s->plo;
		s->pt[s->n + 1] = s->phi;
	} else {
		s->pt[s->n] = s->phi;
		s->pt[s->n + 1] = s->plo;
	}
}

static void update_stats(struct series *s, struct series_pt p)
{
	if (s->count == 0)
		s->first = s->min = s->max = p;
	if (p.y < s->min.y)
		s->min = p;
	if (p.y >= s->max.y)
		s->max = p;
	s->last = p;
	s->count++;
}

int series_push(struct series *s, double x, double y)
{
	struct series_pt p = {x, y};

	if (!isfinite(x) || !isfinite(y)) {
		s->nonfinite++;
		return 0;
	}
	update_stats(s, p);
	if (ensure(s, s->n + 2) != 0)
		return -1;
	if (s->pend == 0) {
		s->plo = s->phi = p;
		s->psum = 0;
	} else if (s->pend == 1) {
		/* two points: keep both, the lower as plo */
		if (p.y < s->plo.y) {
			s->phi = s->plo;
			s->plo = p;
		} else {
			s->phi = p;
		}
	} else {
		if (p.y < s->plo.y)
			s->plo = p;
		if (p.y >= s->phi.y)
			s->phi = p;
	}
	s->pend++;
	s->psum += y;
	write_pending(s);
	if (s->pend == s->group) {
		s->mean[s->n / 2] = s->psum / (double)s->group;
		s->n += 2;
		s->pend = 0;
		if (s->n >= s->cap)
			decimate(s);
	}
	return 0;
}

double series_pair_mean(const struct series *s, size_t i)
{
	return i < s->n / 2 ? s->mean[i] : NAN;
}

size_t series_len(const struct series *s)
{
	return s->n + (s->pend > 2 ? 2 : (size_t)s->pend);
}

const struct series_pt *series_data(const struct series *s)
{
	return s->pt;
}

void series_ema_init(struct series_ema *e, double smoothing)
{
	if (!(smoothing >= 0)) /* also NaN */
		smoothing = 0;
	if (smoothing > SERIES_SMOOTH_MAX)
		smoothing = SERIES_SMOOTH_MAX;
	e->s = smoothing;
	e->acc = 0;
	e->sp = 1;
	e->t = 0;
}

bool series_ema_push(struct series_ema *e, double y, double *out)
{
	double debias;

	if (!isfinite(y))
		return false;
	e->acc = e->s * e->acc + (1 - e->s) * y;
	/* Flush s^t to 0 once 1 − s^t == 1: left alone it sticks at the smallest
	 * denormal (x·0.6 rounds back up), making every later push ~50× slower. */
	e->sp = e->sp * e->s < 1e-20 ? 0 : e->sp * e->s;
	e->t++;
	debias = 1 - e->sp;
	*out = debias > 0 ? e->acc / debias : y;
	return true;
}

int series_loss_init(struct series_loss *l, size_t max_points, double smoothing)
{
	memset(l, 0, sizeof *l);
	series_ema_init(&l->e, smoothing);
	if (series_init(&l->raw, max_points) != 0 || series_init(&l->ema, max_points) != 0)
		return -1;
	return 0;
}

void series_loss_done(struct series_loss *l)
{
	series_done(&l->raw);
	series_done(&l->ema);
}

void series_loss_clear(struct series_loss *l)
{
	series_clear(&l->raw);
	series_clear(&l->ema);
	series_ema_init(&l->e, l->e.s);
	l->has_best = false;
}

static int push_smoothed(struct series_loss *l, double x, double v)
{
	if (!l->has_best || v < l->best.y) {
		l->best.x = x;
		l->best.y = v;
		l->has_best = true;
	}
	return series_push(&l->ema, x, v);
}

int series_loss_push(struct series_loss *l, double x, double y)
{
	double v;
	int rc = series_push(&l->raw, x, y);

	if (!isfinite(x) || !series_ema_push(&l->e, y, &v))
		return rc;
	return push_smoothed(l, x, v) != 0 ? -1 : rc;
}

/* Feed a block of k equal values v: acc' = s^k·acc + (1 − s^k)·v, which is
 * k single pushes folded into one. */
static bool ema_block(struct series_ema *e, double v, uint64_t k, double *out)
{
	double sk = pow(e->s, (double)k);

	if (!isfinite(v) || k == 0)
		return false;
	e->acc = sk * e->acc + (1 - sk) * v;
	e->sp = e->sp * sk < 1e-20 ? 0 : e->sp * sk;
	e->t += k;
	*out = 1 - e->sp > 0 ? e->acc / (1 - e->sp) : v;
	return true;
}

int series_loss_set_smoothing(struct series_loss *l, double smoothing)
{
	const struct series *r = &l->raw;
	const struct series_pt *p = series_data(r);
	size_t len = series_len(r);
	int rc = 0;
	double v;

	series_ema_init(&l->e, smoothing);
	series_clear(&l->ema);
	l->has_best = false;
	if (r->count <= len) {
		/* Nothing decimated yet: every raw point is here, rebuild exactly. */
		for (size_t i = 0; i < len; i++)
			if (series_ema_push(&l->e, p[i].y, &v) && push_smoothed(l, p[i].x, v) != 0)
				rc = -1;
		return rc;
	}
	for (size_t i = 0; i < r->n / 2; i++)
		if (ema_block(&l->e, series_pair_mean(r, i), r->group, &v) &&
		    push_smoothed(l, p[2 * i + 1].x, v) != 0)
			rc = -1;
	if (r->pend > 0 && ema_block(&l->e, r->psum / (double)r->pend, r->pend, &v) &&
	    push_smoothed(l, r->last.x, v) != 0)
		rc = -1;
	return rc;
}

bool series_loss_summary(const struct series_loss *l, struct series_pt *min, struct series_pt *last,
                         struct series_pt *best)
{
	if (l->raw.count == 0)
		return false;
	if (min)
		*min = l->raw.min;
	if (last)
		*last = l->raw.last;
	if (best)
		*best = l->has_best ? l->best : l->raw.min;
	return true;
}
