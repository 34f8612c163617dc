/* bench_forecast.c — `capdash forecast` must stay fast on a run with a
 * million points because it reads only the tail of metrics.jsonl.  Times
 * run_measure_read (the forecast's reader; median of 21 reads) against the
 * reference measured in the same run: opening the run and loading its whole
 * history (run_view_update, what `capdash attach` does), and says how many
 * bytes each read.  Both must give the same 20 rates.
 *
 * Usage: bench_forecast RUN_DIR
 */
#include <stdio.h>
#include <string.h>

#include "capdash/forecast.h"
#include "capdash/run.h"
#include "benchutil.h"

#define REPS 21

int main(int argc, char **argv)
{
	struct run_measure m, mv;
	struct run_view *v;
	struct cd_err e;
	double t[REPS], t0, full_ms, tail_ms, rate;
	int used;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_forecast RUN_DIR\n");
		return 2;
	}
	for (int i = 0; i < REPS; i++) {
		t0 = bench_now_ns(CLOCK_MONOTONIC);
		if (run_measure_read(argv[1], &m, &e)) {
			fprintf(stderr, "bench_forecast: %s\n", e.msg);
			return 1;
		}
		t[i] = (bench_now_ns(CLOCK_MONOTONIC) - t0) / 1e6;
	}
	tail_ms = bench_median(t, REPS);
	if (forecast_median(m.rates, (size_t)m.n, &rate, &used, &e)) {
		fprintf(stderr, "bench_forecast: %s\n", e.msg);
		return 1;
	}
	t0 = bench_now_ns(CLOCK_MONOTONIC);
	if (!(v = run_view_open(argv[1], &e)) || run_view_update(v, &e) < 0) {
		fprintf(stderr, "bench_forecast: %s\n", e.msg);
		return 1;
	}
	full_ms = (bench_now_ns(CLOCK_MONOTONIC) - t0) / 1e6;
	run_measure_view(v, &mv);
	run_view_free(v);
	if (mv.n != m.n || memcmp(mv.rates, m.rates, sizeof m.rates) || mv.gpus != m.gpus) {
		fprintf(stderr, "bench_forecast: the tail and the whole history disagree\n");
		return 1;
	}
	printf("%-34s %10.3f ms  %lld of %lld bytes read (%.4f%%)\n", "forecast tail read (median)",
	       tail_ms, (long long)m.bytes_read, (long long)m.file_size,
	       100.0 * (double)m.bytes_read / (double)(m.file_size ? m.file_size : 1));
	printf("%-34s %10.3f ms  all %lld bytes\n", "reference: whole history load", full_ms,
	       (long long)m.file_size);
	printf("%-34s %10.0fx faster; %d points, median %g %s, %d GPUs\n", "tail vs whole",
	       full_ms / (tail_ms > 0 ? tail_ms : 1e-6), used, rate, forecast_unit_name(m.unit),
	       m.gpus);
	return 0;
}
