/* ptybench.c — run a terminal program on a pseudo-terminal, the way a person
 * would, and measure what they would feel: time to the first full frame, time
 * and bytes for one key press to reach the screen, bytes and CPU while idle,
 * and resident memory.
 *
 *   ptybench [--cols N] [--rows N] [--steps N] [--key SEQ] [--back SEQ]
 *            [--idle SECONDS] [--quit SEQ] [--pre SEQ] -- CMD [ARG...]
 *
 * --pre is typed once after the first frame (a view to measure in, such as
 * the tornado chart's t), its frame awaited and not counted.
 *
 * A "frame" ends when the program has written nothing for a quiet gap
 * (100 ms for the first frame, 40 ms after a key); its time is that of its
 * last byte, so the gap itself is not counted.  Key presses alternate between
 * --key and --back so a slider never runs into its end.  Output is one
 * `name=value` line per figure, for bench scripts to read.
 *
 * This is a measuring tool, not a test: it asserts nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ptyutil.h"

#define MAX_STEPS 2000

struct pty_run {
	int fd;
	pid_t pid;
	double last_byte; /* seconds, monotonic */
	long bytes;       /* since the last reset */
};

/* Read whatever is there within timeout_ms; returns bytes read, 0 on a quiet
 * timeout, -1 when the program has gone. */
static long drain(struct pty_run *r, int timeout_ms)
{
	int closed;
	long total = ptyu_drain(r->fd, timeout_ms, &r->last_byte, &closed);

	if (!closed)
		r->bytes += total; /* EIO: the slave side closed; not counted */
	return total;
}

/* Wait for output to start (up to start_ms) and then to stop for quiet_ms.
 * Returns 0, or -1 if nothing came. */
static int wait_frame(struct pty_run *r, int start_ms, int quiet_ms)
{
	long got = drain(r, start_ms);

	if (got <= 0)
		return -1;
	while ((got = drain(r, quiet_ms)) > 0)
		;
	return 0;
}

static long status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, flen) && line[flen] == ':')
			kb = atol(line + flen + 1);
	fclose(f);
	return kb;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* "\e[C" style escapes in key arguments, so scripts can pass arrows. */
static size_t unescape(const char *s, char *out, size_t size)
{
	size_t n = 0;

	while (*s && n + 1 < size) {
		if (s[0] == '\\' && s[1] == 'e') {
			out[n++] = 27;
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'r') {
			out[n++] = '\r';
			s += 2;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	return n;
}

static void usage(void)
{
	fputs("usage: ptybench [--cols N] [--rows N] [--steps N] [--key SEQ] [--back SEQ]\n"
	      "                [--idle SECONDS] [--quit SEQ] [--pre SEQ] -- CMD [ARG...]\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	const char *key = "\\e[C", *back = "\\e[D", *quit = "q", *pre = "";
	static double step_ms[MAX_STEPS];
	static long step_bytes[MAX_STEPS];
	char keybuf[64], backbuf[64], quitbuf[64], prebuf[64];
	int steps = 50, idle_s = 10, i, status, done = 0, misses = 0;
	struct pty_run r = {0};
	double t0;
	long c0, c1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (i + 1 >= argc) {
			usage();
			return 2;
		}
		if (!strcmp(argv[i], "--cols"))
			ws.ws_col = (unsigned short)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--rows"))
			ws.ws_row = (unsigned short)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--steps"))
			steps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--key"))
			key = argv[++i];
		else if (!strcmp(argv[i], "--back"))
			back = argv[++i];
		else if (!strcmp(argv[i], "--idle"))
			idle_s = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--quit"))
			quit = argv[++i];
		else if (!strcmp(argv[i], "--pre"))
			pre = argv[++i];
		else {
			usage();
			return 2;
		}
	}
	if (i >= argc || steps < 0 || steps > MAX_STEPS || idle_s < 0) {
		usage();
		return 2;
	}
	unescape(key, keybuf, sizeof keybuf);
	unescape(back, backbuf, sizeof backbuf);
	unescape(quit, quitbuf, sizeof quitbuf);
	unescape(pre, prebuf, sizeof prebuf);

	t0 = ptyu_now();
	r.pid = ptyu_spawn(argv + i, &ws, &r.fd);
	if (r.pid < 0)
		return 1;

	if (wait_frame(&r, 5000, 100) < 0) {
		fprintf(stderr, "ptybench: no output from %s\n", argv[i]);
		kill(r.pid, SIGKILL);
		return 1;
	}
	printf("first_frame_ms=%.2f\nfirst_frame_bytes=%ld\n", (r.last_byte - t0) * 1e3, r.bytes);
	if (prebuf[0] && write(r.fd, prebuf, strlen(prebuf)) == (ssize_t)strlen(prebuf))
		wait_frame(&r, 1000, 100);

	for (int s = 0; s < steps; s++) {
		const char *k = s % 2 ? backbuf : keybuf;
		double sent;

		r.bytes = 0;
		sent = ptyu_now();
		if (write(r.fd, k, strlen(k)) < 0)
			break;
		if (wait_frame(&r, 1000, 40) < 0) {
			misses++;
			step_ms[done] = 1000;
			step_bytes[done++] = 0;
			continue;
		}
		step_ms[done] = (r.last_byte - sent) * 1e3;
		step_bytes[done++] = r.bytes;
	}
	if (done) {
		qsort(step_ms, (size_t)done, sizeof *step_ms, cmp_double);
		qsort(step_bytes, (size_t)done, sizeof *step_bytes, cmp_long);
		printf("steps=%d\nstep_misses=%d\n", done, misses);
		printf("step_ms_median=%.3f\nstep_ms_p90=%.3f\n", step_ms[done / 2],
		       step_ms[(done * 9) / 10]);
		printf("step_bytes_median=%ld\nstep_bytes_max=%ld\n", step_bytes[done / 2],
		       step_bytes[done - 1]);
	}

	if (idle_s > 0) {
		double t;

		drain(&r, 200);
		r.bytes = 0;
		c0 = ptyu_cpu_ticks(r.pid);
		t = ptyu_now();
		while (ptyu_now() - t < idle_s)
			if (drain(&r, 100) < 0)
				break;
		c1 = ptyu_cpu_ticks(r.pid);
		printf("idle_s=%d\nidle_bytes=%ld\n", idle_s, r.bytes);
		if (c0 >= 0 && c1 >= 0)
			printf("idle_cpu_pct=%.3f\n", ptyu_cpu_pct(c0, c1, idle_s));
	}
	printf("rss_kb=%ld\nhwm_kb=%ld\n", status_kb(r.pid, "VmRSS"), status_kb(r.pid, "VmHWM"));

	if (write(r.fd, quitbuf, strlen(quitbuf)) < 0)
		perror("write");
	for (int w = 0; w < 20; w++) {
		drain(&r, 50);
		if (waitpid(r.pid, &status, WNOHANG) == r.pid)
			return 0;
	}
	kill(r.pid, SIGKILL);
	waitpid(r.pid, &status, 0);
	return 0;
}
