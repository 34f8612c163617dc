/* bench_run.c — can the supervisor keep up with a child printing 100,000
 * lines a second?  A fake trainer prints N progress lines as fast as it
 * can; we time it piped into `cat > file` (the reference: the cost of just
 * moving the bytes) and under the supervisor (log + parse + metrics.jsonl),
 * then re-open the run and count the points (nothing may be lost).
 *
 *   bench_run [N]     N lines (default 1,000,000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capdash/run.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	const char *b = getenv("CAPDASH_BUILD");
	char trainer[4096], nbuf[32], cmd[8400], tmpl[] = "/tmp/capdash-bench-XXXXXX", dir[4096];
	char *targv[] = {trainer, "lines", nbuf, NULL};
	struct run_spec spec;
	struct run_status st;
	struct run_view *v;
	const struct run_point *pts;
	struct cd_err err;
	double t0, t_cat, t_sup, t_load;
	size_t npts;
	int rc;

	snprintf(trainer, sizeof(trainer), "%s/tests/helpers/faketrain", b ? b : "build");
	snprintf(nbuf, sizeof(nbuf), "%ld", n);
	if (access(trainer, X_OK) || !mkdtemp(tmpl)) {
		fprintf(stderr, "bench_run: %s missing (make test-bins) or no /tmp\n", trainer);
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "'%s' lines %ld | cat > '%s/ref.log'", trainer, n, tmpl);
	t0 = now_s();
	rc = system(cmd);
	t_cat = now_s() - t0;
	if (rc) {
		fprintf(stderr, "bench_run: reference failed\n");
		return 1;
	}

	setenv("CAPDASH_NVML_LIB", "/nonexistent", 1);
	run_spec_init(&spec, NULL);
	spec.argv = targv;
	spec.root = tmpl;
	t0 = now_s();
	if (run_start(&spec, dir, sizeof(dir), &err)) {
		fprintf(stderr, "bench_run: %s\n", err.msg);
		return 1;
	}
	for (;;) {
		struct timespec ts = {0, 2000000};
		if (run_status_read(dir, &st, NULL) == 0 && st.ended && !run_is_live(dir))
			break;
		nanosleep(&ts, NULL);
	}
	t_sup = now_s() - t0;

	t0 = now_s();
	v = run_view_open(dir, &err);
	if (!v || run_view_update(v, &err) < 0) {
		fprintf(stderr, "bench_run: %s\n", err.msg);
		return 1;
	}
	npts = run_view_points(v, &pts);
	t_load = now_s() - t0;
	run_view_free(v);

	printf("  child output           %ld lines\n", n);
	printf("  reference (| cat)      %.3f s   %10.0f lines/s\n", t_cat, (double)n / t_cat);
	printf("  supervisor             %.3f s   %10.0f lines/s   (%.1fx the reference's time)\n",
	       t_sup, (double)n / t_sup, t_sup / t_cat);
	printf("  points recorded        %zu of %ld\n", npts, n);
	printf("  re-attach load         %.3f s   %10.0f points/s\n", t_load,
	       (double)npts / t_load);
	printf("  bar: >= 100,000 lines/s kept up with, none lost: %s\n",
	       (double)n / t_sup >= 100000 && npts == (size_t)n ? "ok" : "NOT MET");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
	rc = system(cmd);
	return rc != 0;
}
