/* series.h — bounded point stores for the loss chart, and the smoothing the
 * chart draws beside the raw loss.
 *
 * struct series keeps (x = step, y = value) points in memory that never
 * exceeds its cap, however long the run: when the store is full every group
 * of raw points is halved 2:1 by keeping only its lowest and its highest
 * point, so a spike or a dip survives any amount of decimation.  It also
 * keeps exact running figures (count, first, last, min, max) over every
 * point ever pushed.  struct series_ema is TensorBoard's debiased
 * exponential moving average.  struct series_loss bundles both: a raw store,
 * a store of the smoothed values, and the best (lowest) smoothed value.
 *
 * Pure: no curses, no I/O, no globals; allocation only in _init and while
 * a store grows towards its cap.  Start with series_loss_push.
 */
#ifndef CAPDASH_SERIES_H
#define CAPDASH_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct series_pt {
	double x, y; /* step, value */
};

struct series {
	struct series_pt *pt;      /* committed points, then 0..2 pending ones */
	size_t n;                  /* committed points (always even) */
	size_t alloc;              /* allocated slots, <= cap + 2 */
	size_t cap;                /* most committed points kept (a multiple of 4) */
	uint64_t group;            /* raw points per committed pair (2, 4, 8 ...) */
	uint64_t pend;             /* raw points in the pending group */
	struct series_pt plo, phi; /* pending group's lowest and highest */
	double *mean;              /* per committed pair: the mean of its raw points */
	double psum;               /* sum of the pending group's values */
	/* Exact figures over every finite point ever pushed. */
	uint64_t count;
	uint64_t nonfinite;                     /* NaN/inf points: not stored, counted */
	struct series_pt first, last, min, max; /* valid when count > 0 */
};

#define SERIES_DEFAULT_MAX 8192 /* points: about 160 KiB per store */

/* Start an empty store that never holds more than max_points points (rounded
 * up to a multiple of 4, at least 8).  Allocates a first small block.
 * Returns 0, or -1 when memory is short (s is then empty but safe to _done). */
int series_init(struct series *s, size_t max_points);
void series_done(struct series *s);
/* Forget every point; keeps the memory and the cap. */
void series_clear(struct series *s);

/* Append one point.  Non-finite x or y is counted in s->nonfinite and not
 * stored.  Returns 0, or -1 when the store could not grow (the point still
 * counts in the running figures; the store keeps what it had). */
int series_push(struct series *s, double x, double y);

/* The mean of committed pair i (points 2i and 2i+1), which stands for
 * s->group raw points: what smoothing is rebuilt from. */
double series_pair_mean(const struct series *s, size_t i);

/* The points to draw, oldest first: at most cap + 2 of them.  The pointer is
 * valid until the next push or clear. */
size_t series_len(const struct series *s);
const struct series_pt *series_data(const struct series *s);

/* TensorBoard's smoothing: acc = s·acc + (1−s)·y, shown as acc / (1 − s^t)
 * where t counts the finite values seen (the debias keeps the first values
 * from being pulled towards 0).  s = 0 shows the raw value. */
struct series_ema {
	double s;   /* smoothing in [0, 0.999] */
	double acc; /* biased accumulator */
	double sp;  /* s^t, kept as a product so t needs no pow() */
	uint64_t t;
};

#define SERIES_SMOOTH_MAX 0.999

void series_ema_init(struct series_ema *e, double smoothing);
/* Feed y.  Non-finite y is skipped (returns false, *out untouched); else the
 * debiased value goes to *out and the function returns true. */
bool series_ema_push(struct series_ema *e, double y, double *out);

/* A loss curve: raw points, their smoothed curve, and the summary figures. */
struct series_loss {
	struct series raw, ema;
	struct series_ema e;
	bool has_best;
	struct series_pt best; /* lowest smoothed value and its step */
};

int series_loss_init(struct series_loss *l, size_t max_points, double smoothing);
void series_loss_done(struct series_loss *l);
void series_loss_clear(struct series_loss *l);
/* Push one (step, loss).  Returns 0 or -1 (no memory, as series_push). */
int series_loss_push(struct series_loss *l, double x, double y);

/* Change the smoothing (clamped to [0, 0.999]) and recompute the smoothed
 * curve and best.  Exact while no decimation has happened; after that the
 * history is rebuilt from the mean of each kept group (a block of `group`
 * equal values: smoothing s^group per block), which is close whenever the
 * smoothing spans fewer steps than the run; new points are exact again
 * from then on.  Returns 0 or -1 (no memory). */
int series_loss_set_smoothing(struct series_loss *l, double smoothing);

/* Figures for the "min / last / best" line.  Any pointer may be NULL.
 * Returns false when no finite point has been pushed. */
bool series_loss_summary(const struct series_loss *l, struct series_pt *min, struct series_pt *last,
                         struct series_pt *best);

#endif
