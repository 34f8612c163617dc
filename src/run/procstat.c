/* procstat.c — CPU% and RSS of a run's whole process group, from /proc.
 *
 * A training script forks data-loader workers; the run's cost is all of
 * them, so we sum every process whose pgrp is the run's pgid.  CPU time of
 * workers that already exited is lost to us; we accumulate only positive
 * deltas so the total never runs backwards.  Linux only; elsewhere the
 * sample is simply invalid.  run_child_alive() asks the same files whether
 * a lost run's group is still there.  Start at procstat_sample().
 */
#include "run_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Fields of /proc/PID/stat after the ")" that ends comm (which may hold
 * spaces and parentheses): state(3) ppid pgrp ... utime(14) stime(15) ...
 * rss(24), numbered as in proc(5). */
struct pstat {
	char state;
	pid_t pgrp;
	int64_t ticks, rss_pages, start_ticks; /* start: clock ticks after boot */
};

static int read_stat(const char *pid, struct pstat *o)
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
	o->state = *p++;
	for (int f = 4; f <= 24; f++) {
		char *e;
		v[f] = strtoll(p, &e, 10);
		if (e == p)
			return -1;
		p = e;
	}
	o->pgrp = (pid_t)v[5];
	o->ticks = v[14] + v[15];
	o->rss_pages = v[24];
	o->start_ticks = v[22];
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
		struct pstat ps1;
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (read_stat(e->d_name, &ps1) || ps1.pgrp != pgid)
			continue;
		ticks += ps1.ticks;
		pages += ps1.rss_pages;
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

/* Unix ms of boot, from /proc/stat's btime; 0 when unknown. */
static int64_t boot_ms(void)
{
	FILE *f = fopen("/proc/stat", "re");
	char line[256];
	long long bt = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &bt) == 1)
			break;
	fclose(f);
	return (int64_t)bt * 1000;
}

int run_child_alive(const struct run_status *st)
{
	DIR *d;
	struct dirent *e;
	long hz = sysconf(_SC_CLK_TCK);
	int64_t boot = boot_ms();
	int alive = 0;

	if (st->pgid <= 1)
		return -1;
	if (kill(-st->pgid, 0) && errno == ESRCH)
		return 0;
	if (!(d = opendir("/proc")))
		return 1; /* the group answers kill(): assume it is the run's */
	/* A member that is not a zombie and started with or after the run
	 * (the pgid may be someone else's after a reboot). */
	while (!alive && (e = readdir(d))) {
		struct pstat p;
		int64_t started;
		if (!isdigit((unsigned char)e->d_name[0]) || read_stat(e->d_name, &p) ||
		    p.pgrp != st->pgid || p.state == 'Z')
			continue;
		started = hz > 0 && boot ? boot + p.start_ticks * 1000 / hz : 0;
		alive = !started || !st->start_ms || started >= st->start_ms - 60000;
	}
	closedir(d);
	return alive;
}
