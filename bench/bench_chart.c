/* bench_chart.c — what the loss chart costs on a long run, against a
 * reference measured in the same run: memcpy of the same points (the least
 * any pass over them can cost).
 *
 * Figures (median over BATCHES batches):
 *   - render 1,000,000 raw points into an 80×12 braille chart (ns/render);
 *   - the same run kept in the bounded store (SERIES_DEFAULT_MAX points),
 *     raw + smoothed series (ns/render) — what the pane does per frame;
 *   - appending one point to the store with its EMA (ns/point);
 *   - memcpy of the million points (ns/render-equivalent, ns/point).
 * Every result feeds a volatile sink.  Prints a table and key=value lines;
 * nothing is enforced by exit status.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/ui/chart.h"
#include "../src/ui/series.h"
#include "benchutil.h"

#define BATCHES 9
#define NPTS 1000000
#define W 80
#define H 12

static volatile double sink;

static double now_ns(void)
{
	return bench_now_ns(CLOCK_THREAD_CPUTIME_ID);
}

/* A loss-like curve: exponential decay, deterministic noise, rare spikes. */
static void make_points(struct series_pt *p, size_t n)
{
	uint32_t r = 12345;

	for (size_t i = 0; i < n; i++) {
		r = r * 1664525u + 1013904223u;
		p[i].x = (double)i;
		p[i].y = 0.3 + 2.0 * exp(-(double)i / 200000.0) +
		         0.05 * (double)(r >> 8) / 16777216.0;
		if (r % 100003 == 0)
			p[i].y += 3;
	}
}

static double bench_render(struct chart *c, const struct chart_series *s, size_t ns, int reps)
{
	double per[BATCHES];
	struct chart_opts o = {.pad = 0.05};

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns(), acc = 0;

		for (int i = 0; i < reps; i++) {
			o.logy = i & 1; /* both paths */
			acc += chart_render(c, &o, s, ns);
		}
		sink = acc;
		per[b] = (now_ns() - t0) / reps;
	}
	return bench_median(per, BATCHES);
}

static double bench_append(const struct series_pt *p, size_t n, struct series_loss *l)
{
	double per[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		double t0;

		series_loss_clear(l);
		t0 = now_ns();
		for (size_t i = 0; i < n; i++)
			series_loss_push(l, p[i].x, p[i].y);
		per[b] = (now_ns() - t0) / (double)n;
		sink = l->e.acc;
	}
	return bench_median(per, BATCHES);
}

static double bench_memcpy(const struct series_pt *p, struct series_pt *q, size_t n)
{
	double per[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns();

		memcpy(q, p, n * sizeof *p);
		sink = q[b * 7].y;
		per[b] = now_ns() - t0;
	}
	return bench_median(per, BATCHES);
}

int main(void)
{
	struct series_pt *p = malloc(NPTS * sizeof *p), *q = malloc(NPTS * sizeof *q);
	size_t msize = chart_mem_size(W, H);
	void *mem = malloc(msize);
	struct series_loss l;
	struct chart c;
	struct chart_series raw, kept[2];
	double r_raw, r_kept, app, ref;

	if (!p || !q || !mem || chart_init(&c, mem, msize, W, H, false) != 0 ||
	    series_loss_init(&l, SERIES_DEFAULT_MAX, 0.6) != 0) {
		fprintf(stderr, "bench_chart: out of memory\n");
		return 1;
	}
	make_points(p, NPTS);
	ref = bench_memcpy(p, q, NPTS);
	app = bench_append(p, NPTS, &l);
	raw = (struct chart_series){p, NPTS, 1};
	r_raw = bench_render(&c, &raw, 1, 5);
	kept[0] = (struct chart_series){series_data(&l.raw), series_len(&l.raw), 1};
	kept[1] = (struct chart_series){series_data(&l.ema), series_len(&l.ema), 2};
	r_kept = bench_render(&c, kept, 2, 200);

	printf("%-44s %12s %12s %9s %s\n", "figure", "capdash", "memcpy", "ratio", "note");
	printf("%-44s %12.0f %12.0f %8.2fx one pass over 16 MB\n",
	       "render 1,000,000 raw points, 80x12 (ns)", r_raw, ref, r_raw / ref);
	printf("%-44s %12.0f %12.0f %8.4fx %zu+%zu kept points\n",
	       "render the bounded store, raw+EMA (ns)", r_kept, ref, r_kept / ref,
	       series_len(&l.raw), series_len(&l.ema));
	printf("%-44s %12.2f %12.2f %8.2fx store: %zu KiB for any run length\n",
	       "append one point + EMA (ns/point)", app, ref / NPTS, app / (ref / NPTS),
	       2 * (SERIES_DEFAULT_MAX + 2) * (sizeof(struct series_pt) + sizeof(double) / 2) /
	               1024);
	printf("%-44s %12.4f %12s %9s %s\n", "a core at 10 redraws/s, bounded store (%)",
	       r_kept * 10 / 1e9 * 100, "-", "-", "per chart");
	printf("render_raw_ns=%.0f\nrender_kept_ns=%.0f\nappend_ns=%.2f\nmemcpy_ns=%.0f\n", r_raw,
	       r_kept, app, ref);
	series_loss_done(&l);
	free(mem);
	free(p);
	free(q);
	return 0;
}
