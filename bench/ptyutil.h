/* ptyutil.h — the pieces ptybench and watchbench share: a monotonic clock,
 * a process's CPU ticks from /proc, and reading what a pty has for us.
 *
 * Static inline so each bench program (built from one .c file) takes its own
 * copy; it must not grow state, and prints only why a start failed.  Start
 * with ptyu_spawn and ptyu_drain.
 */
#ifndef CAPDASH_BENCH_PTYUTIL_H
#define CAPDASH_BENCH_PTYUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Start argv[0] on a new pty of size *ws, its master non-blocking in *fd.
 * Returns the child's pid, or -1 (and perror) when the pty cannot be made;
 * a child that cannot exec says why on the pty and exits 127. */
static inline pid_t ptyu_spawn(char **argv, struct winsize *ws, int *fd)
{
	pid_t pid = forkpty(fd, NULL, NULL, ws);

	if (pid < 0) {
		perror("forkpty");
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) | O_NONBLOCK);
	return pid;
}

/* Monotonic seconds. */
static inline double ptyu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* utime + stime of pid, in clock ticks; -1 when it is gone. */
static inline long ptyu_cpu_ticks(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof buf, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	p = strrchr(buf, ')');
	if (!p ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)(ut + st);
}

/* CPU percent from ticks t0 to t1 over secs seconds. */
static inline double ptyu_cpu_pct(long t0, long t1, double secs)
{
	return 100.0 * (double)(t1 - t0) / (double)sysconf(_SC_CLK_TCK) / secs;
}

/* Read whatever the non-blocking fd has within timeout_ms.  Returns bytes
 * read, 0 on a quiet timeout, -1 when the program has gone and nothing came.
 * *last_byte (if given) gets the time of the last read that brought bytes;
 * *closed (if given) is set when the slave side closed (EIO), so a caller can
 * tell "all read" from "read, then gone". */
static inline long ptyu_drain(int fd, int timeout_ms, double *last_byte, int *closed)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	char buf[65536];
	long total = 0;

	if (closed)
		*closed = 0;
	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	for (;;) {
		ssize_t got = read(fd, buf, sizeof buf);

		if (got > 0) {
			total += got;
			if (last_byte)
				*last_byte = ptyu_now();
			continue;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return total;
		if (closed)
			*closed = 1;
		return total ? total : -1;
	}
}

#endif
