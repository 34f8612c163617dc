/* bench_exec.c — run a command N times and report its wall time from spawn
 * to exit: median, minimum, mean and maximum.
 *
 *   bench_exec [-n RUNS] [-w WARMUP] [-q] -- CMD [ARG]...
 *
 * Prints key=value lines on stdout (runs=, median_ms=, min_ms=, mean_ms=,
 * max_ms=, failures=) for bench scripts to pick up with sed.  The command
 * runs with stdin, stdout and stderr on /dev/null, so only its own work is
 * timed, not a terminal's.  Warm-up runs fill the page cache and are not
 * counted.  Exits 1 when any counted run fails (non-zero status or a
 * signal), so a broken binary cannot produce a fast figure.  Reusable by any
 * bench/NN-*.sh that times a whole program against a reference program run
 * the same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One run: wall milliseconds, or a negative number when it failed. */
static double run_once(char **argv)
{
	posix_spawn_file_actions_t fa;
	double t0, t1;
	pid_t pid;
	int ws, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "bench_exec: %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	t1 = now_ms();
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		return -1;
	return t1 - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int usage(void)
{
	fputs("usage: bench_exec [-n RUNS] [-w WARMUP] [-q] -- CMD [ARG]...\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	long runs = 100, warmup = 5;
	int c, failures = 0, quiet = 0;
	double *t, sum = 0, median;

	while ((c = getopt(argc, argv, "+n:w:q")) != -1) {
		switch (c) {
		case 'n':
			runs = strtol(optarg, NULL, 10);
			break;
		case 'w':
			warmup = strtol(optarg, NULL, 10);
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc || runs < 1 || runs > 1000000 || warmup < 0)
		return usage();
	t = malloc((size_t)runs * sizeof *t);
	if (!t)
		return 1;
	for (long i = 0; i < warmup; i++)
		run_once(argv + optind);
	for (long i = 0; i < runs; i++) {
		t[i] = run_once(argv + optind);
		if (t[i] < 0) {
			failures++;
			t[i] = 0;
		}
		sum += t[i];
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("runs=%ld\nmedian_ms=%.3f\nmin_ms=%.3f\nmean_ms=%.3f\nmax_ms=%.3f\nfailures=%d\n",
	       runs, median, t[0], sum / (double)runs, t[runs - 1], failures);
	if (failures && !quiet)
		fprintf(stderr, "bench_exec: %d of %ld runs of %s failed\n", failures, runs,
		        argv[optind]);
	free(t);
	return failures ? 1 : 0;
}
