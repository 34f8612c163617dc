/* procstat.c — CPU% and RSS of a run's whole process group, from /proc.
 *
 * A training script forks data-loader workers; the run's cost is all of
 * them, so we sum every process whose pgrp is the run's pgid.  CPU time of
 * workers that already exited is lost to us; we accumulate only positive
 * deltas so the total never runs backwards.  Linux only; elsewhere the
 * sample is simply invalid.  Start at procstat_sample().
 */
#include "run_int.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Fields of /proc/PID/stat after the ")" that ends comm (which may hold
 * spaces and parentheses): state(3) ppid pgrp ... utime(14) stime(15) ...
 * rss(24), numbered as in proc(5). */
static int read_stat(const char *pid, pid_t *pgrp, int64_t *ticks, int64_t *rss_pages)
{
	char path[64], buf[1024], *p;
	int fd;
	ssize_t n;
	long long v[25] = {0};

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (!(p = strrchr(buf, ')')))
		return -1;
	p++;
	/* p now at " S ppid pgrp ..."; field 3 is the state letter. */
	while (*p == ' ')
		p++;
	if (!*p)
		return -1;
	p++;
	for (int f = 4; f <= 24; f++) {
		char *e;
		v[f] = strtoll(p, &e, 10);
		if (e == p)
			return -1;
		p = e;
	}
	*pgrp = (pid_t)v[5];
	*ticks = v[14] + v[15];
	*rss_pages = v[24];
	return 0;
}

int procstat_sample(struct procstat *ps, pid_t pgid, int64_t now_ms, struct run_cpu *out)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int64_t ticks = 0, pages = 0;
	int nproc = 0;
	long hz = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);

	memset(out, 0, sizeof(*out));
	if (!d || hz <= 0 || pgid <= 0) {
		if (d)
			closedir(d);
		return -1;
	}
	while ((e = readdir(d))) {
		pid_t pg;
		int64_t t, r;
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (read_stat(e->d_name, &pg, &t, &r) || pg != pgid)
			continue;
		ticks += t;
		pages += r;
		nproc++;
	}
	closedir(d);
	if (!nproc)
		return -1;
	if (ps->primed) {
		int64_t dt = ticks - ps->last_ticks, dms = now_ms - ps->last_ms;
		if (dt > 0) {
			ps->total_ms += dt * 1000 / hz;
			if (dms > 0)
				out->cpu_pct =
				        100.0 * ((double)dt * 1000.0 / (double)hz) / (double)dms;
		}
	} else {
		ps->total_ms = ticks * 1000 / hz;
		ps->primed = true;
	}
	ps->last_ticks = ticks;
	ps->last_ms = now_ms;
	out->valid = true;
	out->rss_bytes = pages * page;
	out->nproc = nproc;
	out->cpu_ms = ps->total_ms;
	return 0;
}
