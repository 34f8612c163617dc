/* benchutil.h — timing pieces the in-process bench programs share: a clock
 * in nanoseconds and the median of a set of batch timings.
 *
 * Static inline so each bench program (built from one .c file) takes its own
 * copy; it must not grow state or print.  Each program picks its own clock
 * (wall or thread CPU time) and says why.
 */
#ifndef CAPDASH_BENCH_BENCHUTIL_H
#define CAPDASH_BENCH_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

/* Nanoseconds on clock clk (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID, ...). */
static inline double bench_now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of v[0..n-1], n > 0; sorts v in place. */
static inline double bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return v[n / 2];
}

#endif
