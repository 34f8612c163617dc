/* watchbench.c — run a terminal program on a pseudo-terminal and measure
 * what it costs to leave it watching something: the CPU it uses and the
 * bytes it writes to the terminal over a window of seconds after its first
 * frame, beside the CPU of other processes (a reference) over the same
 * window.
 *
 *   watchbench [--cols N] [--rows N] [--settle S] [--secs S] [--also PID]...
 *              -- CMD [ARG...]
 *
 * Unlike ptybench it never waits for the program to go quiet (a dashboard
 * watching a live run never does): the window starts --settle seconds after
 * the first byte.  Output is one `name=value` line per figure.  At the end
 * the pty is closed (a hangup, as a dropped SSH connection) and the program
 * killed if it is still there.  A measuring tool: it asserts nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ptyutil.h"

#define MAX_ALSO 4

/* Read what is there for up to ms; bytes read, -1 when the program is gone. */
static long pump(int fd, int ms)
{
	return ptyu_drain(fd, ms, NULL, NULL);
}

static void usage(void)
{
	fputs("usage: watchbench [--cols N] [--rows N] [--settle S] [--secs S] [--also PID]...\n"
	      "                  -- CMD [ARG...]\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	double settle = 1, secs = 10, t0, tf, ts;
	pid_t also[MAX_ALSO], pid;
	long a0[MAX_ALSO], c0, c1, bytes = 0, got;
	int nalso = 0, fd, i, status;

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
		else if (!strcmp(argv[i], "--settle"))
			settle = atof(argv[++i]);
		else if (!strcmp(argv[i], "--secs"))
			secs = atof(argv[++i]);
		else if (!strcmp(argv[i], "--also") && nalso < MAX_ALSO)
			also[nalso++] = (pid_t)atoi(argv[++i]);
		else {
			usage();
			return 2;
		}
	}
	if (i >= argc || secs <= 0 || settle < 0) {
		usage();
		return 2;
	}
	t0 = ptyu_now();
	if ((pid = ptyu_spawn(argv + i, &ws, &fd)) < 0)
		return 1;
	while ((got = pump(fd, 5000)) == 0 && ptyu_now() - t0 < 5)
		;
	if (got <= 0) {
		fprintf(stderr, "watchbench: no output from %s\n", argv[i]);
		kill(pid, SIGKILL);
		return 1;
	}
	tf = ptyu_now();
	printf("first_output_ms=%.1f\n", (tf - t0) * 1e3);
	while (ptyu_now() - tf < settle)
		if (pump(fd, 50) < 0)
			break;

	c0 = ptyu_cpu_ticks(pid);
	for (int k = 0; k < nalso; k++)
		a0[k] = ptyu_cpu_ticks(also[k]);
	ts = ptyu_now();
	while (ptyu_now() - ts < secs) {
		if ((got = pump(fd, 50)) < 0)
			break;
		bytes += got;
	}
	c1 = ptyu_cpu_ticks(pid);
	secs = ptyu_now() - ts;
	printf("secs=%.2f\nbytes=%ld\nbytes_per_s=%.1f\n", secs, bytes, (double)bytes / secs);
	if (c0 >= 0 && c1 >= 0)
		printf("cpu_pct=%.3f\n", ptyu_cpu_pct(c0, c1, secs));
	for (int k = 0; k < nalso; k++) {
		long a1 = ptyu_cpu_ticks(also[k]);

		if (a0[k] >= 0 && a1 >= 0)
			printf("also_%d_cpu_pct=%.3f\n", k, ptyu_cpu_pct(a0[k], a1, secs));
	}
	close(fd); /* a hangup: the watcher goes, whatever it watched stays */
	for (int w = 0; w < 40; w++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 0;
		usleep(50000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}
