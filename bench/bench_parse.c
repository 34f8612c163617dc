/* bench_parse.c — how fast a child's output is turned into points: the
 * whole pipeline (logline_feed in 64 KiB reads + logparse_line per line)
 * over a file, against a reference measured in the same run over the same
 * bytes in memory: splitting them into lines with memchr, the least any
 * line-based reader does.  Also logline alone.
 *
 * Usage: bench_parse FILE.  Prints MB/s (median of RUNS) and the ratio to
 * the reference; the bar (pipeline >= 100 MB/s) is reported, never
 * enforced by exit status.  Times are this thread's CPU time, so a machine
 * busy with other work slows the figures less than wall-clock time would
 * (caches and a shared core still do).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capdash/parse.h"

#define RUNS 5
#define CHUNK 65536

static volatile size_t sink;

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct count {
	struct logparse_state st;
	size_t lines, points, bytes;
	bool parse;
};

static void on_line(const char *line, size_t len, bool final, void *ctx)
{
	struct count *c = ctx;
	struct metric_point m;

	(void) final;
	c->lines++;
	c->bytes += len;
	if (c->parse && logparse_line(&c->st, line, len, &m))
		c->points++;
}

static size_t run_memchr(const char *buf, size_t n)
{
	size_t lines = 0, sum = 0;
	const char *p = buf, *end = buf + n, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		sum += (size_t)(nl - p);
		lines++;
		p = nl + 1;
	}
	sink = sum;
	return lines;
}

static struct count run_pipeline(const char *buf, size_t n, bool parse)
{
	static struct logline ll;
	struct count c;

	memset(&c, 0, sizeof c);
	c.parse = parse;
	logline_init(&ll);
	for (size_t i = 0; i < n; i += CHUNK)
		logline_feed(&ll, buf + i, n - i < CHUNK ? n - i : CHUNK, on_line, &c);
	logline_flush(&ll, on_line, &c);
	sink = c.bytes;
	return c;
}

static double median_mbs(double *t, size_t n)
{
	qsort(t, RUNS, sizeof *t, cmp_double);
	return (double)n / 1e6 / t[RUNS / 2];
}

int main(int argc, char **argv)
{
	FILE *f;
	char *buf;
	long sz;
	size_t n, ref_lines = 0;
	double tr[RUNS], tl[RUNS], tp[RUNS], ref, lo, pipe;
	struct count c = {0};

	if (argc != 2) {
		fprintf(stderr, "usage: bench_parse FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) <= 0) {
		fprintf(stderr, "bench_parse: %s: cannot read\n", argv[1]);
		return 1;
	}
	n = (size_t)sz;
	buf = malloc(n);
	rewind(f);
	if (!buf || fread(buf, 1, n, f) != n) {
		fprintf(stderr, "bench_parse: %s: cannot read\n", argv[1]);
		return 1;
	}
	fclose(f);
	for (int r = 0; r < RUNS; r++) {
		double t0 = cpu_s();

		ref_lines = run_memchr(buf, n);
		tr[r] = cpu_s() - t0;
		t0 = cpu_s();
		run_pipeline(buf, n, false);
		tl[r] = cpu_s() - t0;
		t0 = cpu_s();
		c = run_pipeline(buf, n, true);
		tp[r] = cpu_s() - t0;
	}
	ref = median_mbs(tr, n);
	lo = median_mbs(tl, n);
	pipe = median_mbs(tp, n);
	printf("corpus: %.1f MB, %zu lines (%zu after redraws), %zu points\n", (double)n / 1e6,
	       ref_lines, c.lines, c.points);
	printf("%-34s %9.0f MB/s\n", "reference: memchr line split", ref);
	printf("%-34s %9.0f MB/s  (%.3f x reference)\n", "logline only", lo, lo / ref);
	printf("%-34s %9.0f MB/s  (%.3f x reference)\n", "logline + logparse (pipeline)", pipe,
	       pipe / ref);
	printf("bar: pipeline >= 100 MB/s: %s\n", pipe >= 100 ? "met" : "NOT MET");
	free(buf);
	return 0;
}
