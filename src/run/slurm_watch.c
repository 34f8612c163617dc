/* slurm_watch.c — the watcher: a Slurm run's supervisor.  The job runs on
 * the cluster; this process, double-forked like supervisor.c's, holds the
 * run's lock and keeps the run directory as a local run's would be kept:
 * it tails output.log (slurmd writes it) into metrics.jsonl with the same
 * parser, and writes the job's state into status.
 *
 * Cost: it reads new output every 2 s while the job writes some (less and
 * less often, down to once per poll interval, while it is quiet; one read
 * and one write of records a time) and
 * learns the job's state once per poll interval (5 s by default).  The state comes from
 * one squeue for all of the user's jobs, shared by every watcher under the
 * same runs root through a cache file refreshed under flock by whichever
 * watcher is due first (slurm_cache.c); only a job that left the queue, or
 * started running, costs an scontrol (and, when scontrol no longer knows
 * it, an sacct) of its own.  It never busy-waits.
 * Adoption: a watcher started later (run_adopt) reads output.log again
 * from its start, counting off the points this one stored, and continues
 * after them: nothing lost, nothing doubled, the parser's state restored.
 * Must not print; never returns.  Start at slurm_watch_main(), then watch().
 */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define READ_MS 2500      /* output.log is read at most this often (or the poll's) */
#define DRAIN_MS 3000     /* after the job ends: output that is still arriving */
#define GONE_MS 15000     /* a job missing from squeue and unknown to scontrol/sacct */
#define SCONTROL_MS 30000 /* timeout for one Slurm command */

struct watch {
	const char *dir;
	char root[RUN_PATH_MAX];
	struct run_slurm_job job;
	struct run_status st;
	struct store met;
	int log_fd;
	struct logline ll;
	struct logparse_state ps;
	bool alloc_known;      /* scontrol -d has told the allocation of this job */
	bool final;            /* Slurm says the job ended */
	int64_t missing_since; /* mono ms: not in squeue nor known to scontrol */
	int64_t last_cache_t;  /* the squeue answer last used (its Unix ms) */
	int64_t read_offset;   /* output.log read so far */
	int64_t skip;          /* points in metrics.jsonl not yet met again in output.log */
	char mbuf[16384];      /* records not yet written (met_put) */
	size_t mlen;
	char buf[65536];
};

static void status_now(struct watch *w, bool sync)
{
	w->st.heard_ms = run_now_ms();
	run_status_put(w->dir, &w->st, sync, NULL);
}

static double now_t(void)
{
	return (double)run_now_ms() / 1000.0;
}

static void met_flush(struct watch *w)
{
	size_t n = w->mlen;

	w->mlen = 0;
	/* a full disk drops the records (and says so in status); the job
	 * does not wait for us */
	if (n && store_append(&w->met, w->mbuf, n)) {
		w->st.dropped_bytes += (int64_t)n;
		if (!w->st.disk_full_ms)
			w->st.disk_full_ms = run_now_ms();
		w->st.write_errno = w->met.err;
	} else if (n && w->st.disk_full_ms) {
		w->st.disk_full_ms = 0;
		w->st.write_errno = 0;
	}
}

/* Records wait in mbuf until the read that made them is done: one write
 * for a burst of lines. */
static void met_put(struct watch *w, const char *rec, size_t n)
{
	if (w->mlen + n > sizeof(w->mbuf))
		met_flush(w);
	if (n > sizeof(w->mbuf))
		return;
	memcpy(w->mbuf + w->mlen, rec, n);
	w->mlen += n;
}

static void on_line(const char *line, size_t len, bool final, void *ctx)
{
	struct watch *w = ctx;
	struct metric_point mp;
	char rec[1024];

	memset(&mp, 0, sizeof(mp));
	(void) final;
	if (logparse_line(&w->ps, line, len, &mp)) {
		/* points an earlier watcher already stored are only counted:
		 * replaying output.log restores the parser's state exactly */
		if (w->skip > 0) {
			w->skip--;
			return;
		}
		met_put(w, rec, metrics_fmt_point(rec, sizeof(rec), now_t(), &mp));
	}
}

static void record_state(struct watch *w, const char *state)
{
	char rec[256];

	met_put(w, rec, metrics_fmt_text(rec, sizeof(rec), now_t(), "state", "state", state));
	met_flush(w);
}

/* New output since the last read.  Returns true when there was some. */
static bool read_output(struct watch *w)
{
	char path[RUN_PATH_MAX];
	bool any = false;
	ssize_t n;

	if (w->log_fd < 0) {
		if (rundir_path(path, sizeof(path), w->dir, RUN_F_OUTPUT))
			return false;
		/* slurmd creates it when the job starts */
		if ((w->log_fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			return false;
	}
	/* a short read is the end for now: no second read to hear it */
	while ((n = pread(w->log_fd, w->buf, sizeof(w->buf), w->read_offset)) > 0) {
		logline_feed(&w->ll, w->buf, (size_t)n, on_line, w);
		w->read_offset += n;
		w->st.log_offset = w->read_offset; /* for people: how far it has read */
		any = true;
		if ((size_t)n < sizeof(w->buf))
			break;
	}
	met_flush(w);
	return any;
}

/* Points in metrics.jsonl: what earlier watchers of this run stored. */
static int64_t stored_points(const char *dir)
{
	static const char key[] = "\"type\":\"point\"";
	const size_t kl = sizeof(key) - 1;
	char path[RUN_PATH_MAX], buf[65536 + sizeof(key)];
	size_t keep = 0;
	int64_t n = 0;
	ssize_t got;
	int fd;

	if (rundir_path(path, sizeof(path), dir, RUN_F_METRICS) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	/* the writer (metrics.c) always spells it this way; a key cut by a
	 * read boundary is kept for the next read */
	while ((got = read(fd, buf + keep, sizeof(buf) - keep - 1)) > 0) {
		size_t len = keep + (size_t)got;
		buf[len] = '\0';
		for (char *p = buf; (p = memmem(p, len - (size_t)(p - buf), key, kl)); p += kl)
			n++;
		keep = len < kl - 1 ? len : kl - 1;
		memmove(buf, buf + len - keep, keep);
	}
	close(fd);
	return n;
}

/* Apply what Slurm said; true when something a reader shows changed. */
static bool apply(struct watch *w, const struct run_slurm_state *ns)
{
	struct run_slurm_state *sl = &w->st.slurm;
	bool was_susp = !strcmp(sl->state, "SUSPENDED"), susp = !strcmp(ns->state, "SUSPENDED");
	bool chg = strcmp(sl->state, ns->state) || strcmp(sl->reason, ns->reason) ||
	           strcmp(sl->nodes, ns->nodes) || sl->gpus != ns->gpus ||
	           sl->start_ms != ns->start_ms || sl->end_ms != ns->end_ms;
	int64_t now = run_now_ms();

	*sl = *ns;
	/* a suspended job's pause is kept like a local run's, so ETA and
	 * throughput leave it out */
	if (susp && !was_susp) {
		w->st.paused = true;
		w->st.paused_since_ms = now;
		record_state(w, "paused");
	} else if (!susp && was_susp) {
		w->st.paused = false;
		w->st.paused_ms += now - w->st.paused_since_ms;
		w->st.paused_since_ms = 0;
		record_state(w, "running");
	}
	return chg;
}

static int run_cmd(const struct watch *w, char *const argv[], char *out, size_t size)
{
	char errs[1024];
	int e;

	return slurm_exec_on(w->job.cluster, argv, out, size, errs, sizeof(errs), SCONTROL_MS, &e);
}

/* scontrol show job -d: 0 read, 1 Slurm no longer knows the job, -1 no answer. */
static int ask_scontrol(struct watch *w, struct run_slurm_state *ns)
{
	char id[32], *out = malloc(65536);
	char *argv[] = {"scontrol", "show", "job", "-d", id, NULL};
	int rc;

	if (!out)
		return -1;
	snprintf(id, sizeof(id), "%lld", (long long)w->job.job_id);
	rc = run_cmd(w, argv, out, 65536);
	if (rc == 0 && slurm_parse_scontrol(out, ns) == 0) {
		free(out);
		return 0;
	}
	free(out);
	return rc > 0 ? 1 : -1;
}

/* sacct, where accounting exists: 1 found, 0 not. */
static int ask_sacct(struct watch *w, struct run_slurm_state *ns)
{
	char id[32], out[8192];
	char *argv[] = {"sacct", "-n", "-P", "-X",
	                "-j",    id,   "-o", "JobID,State,ExitCode,Start,End,NodeList",
	                NULL};

	snprintf(id, sizeof(id), "%lld", (long long)w->job.job_id);
	if (run_cmd(w, argv, out, sizeof(out)) != 0)
		return 0;
	return slurm_parse_sacct(out, w->job.job_id, ns);
}

/* One look at the job: the shared squeue answer, scontrol when it is
 * running for the first time (the allocation: GPUs and CPUs, for the
 * price) or gone from the queue (how it ended). */
/* output.log cut shorter than what was read (by a person): start over. */
static void check_truncated(struct watch *w)
{
	if (w->log_fd >= 0 && lseek(w->log_fd, 0, SEEK_END) < w->read_offset) {
		w->read_offset = 0;
		logline_init(&w->ll);
	}
}

static void poll_job(struct watch *w, int max_age_ms)
{
	struct run_slurm_state ns = w->st.slurm;
	int found = slurm_cache_lookup(w->root, w->job.cluster, w->job.job_id, w->job.poll_ms,
	                               w->job.submit_ms, max_age_ms, &ns, &w->last_cache_t);
	bool chg;

	if (found < 0)
		return; /* no fresh answer: try at the next poll */
	if (found && !run_slurm_final(ns.state)) {
		w->missing_since = 0;
		if (strcmp(ns.state, "PENDING") && !w->alloc_known && ask_scontrol(w, &ns) == 0)
			w->alloc_known = strcmp(ns.state, "PENDING") != 0;
		if (apply(w, &ns))
			status_now(w, true);
		return;
	}
	/* ended or gone: scontrol has the exit code and the end time */
	switch (ask_scontrol(w, &ns)) {
	case 0:
		break;
	case 1:
		if (ask_sacct(w, &ns))
			break;
		if (!w->missing_since)
			w->missing_since = run_mono_ms();
		if (run_mono_ms() - w->missing_since < GONE_MS)
			return;
		/* Nothing knows the job any more: it ended while nobody looked
		 * (MinJobAge passed, no accounting).  Say so rather than wait. */
		snprintf(ns.state, sizeof(ns.state), "%s", "UNKNOWN");
		snprintf(ns.reason, sizeof(ns.reason), "%s", "Slurm no longer knows the job");
		apply(w, &ns);
		w->final = true;
		return;
	default:
		return;
	}
	chg = apply(w, &ns);
	if (run_slurm_final(ns.state))
		w->final = true;
	if (chg)
		status_now(w, true);
}

static void cancel_job(struct watch *w)
{
	char id[32], out[512];
	char *argv[] = {"scancel", id, NULL};

	snprintf(id, sizeof(id), "%lld", (long long)w->job.job_id);
	run_cmd(w, argv, out, sizeof(out));
}

static void watch(struct watch *w, int sig_r)
{
	int64_t next_read = run_mono_ms(), next_poll = run_mono_ms(), drain_until = -1, soon = -1;
	/* Half the poll interval (2.5 s by default), so that every other read
	 * falls on a poll and shares its wake; a person who asked for a short
	 * poll gets output as often. */
	const int fast_ms = w->job.poll_ms / 2 > READ_MS ? READ_MS
	                    : w->job.poll_ms / 2 < 1000  ? w->job.poll_ms
	                                                 : w->job.poll_ms / 2;
	int read_ms = fast_ms;

	for (;;) {
		struct pollfd pf = {sig_r, POLLIN, 0};
		int64_t now = run_mono_ms(), wait = next_read < next_poll ? next_read : next_poll;

		wait -= now;
		if (poll(&pf, 1, (int)(wait > 0 ? wait : 0)) < 0 && errno != EINTR)
			break;
		if (pf.revents & POLLIN) {
			unsigned char sigs[64];
			ssize_t n = read(sig_r, sigs, sizeof(sigs));
			for (ssize_t i = 0; i < n; i++)
				if ((sigs[i] == SIGTERM || sigs[i] == SIGINT) && !w->final &&
				    !w->st.stop_requested) {
					w->st.stop_requested = true;
					record_state(w, "stopping");
					status_now(w, true);
					cancel_job(w);
					next_poll = run_mono_ms() + 1000;
				}
		}
		now = run_mono_ms();
		if (now >= next_read) {
			bool got = read_output(w);
			/* quiet output is looked at less and less often, up to the
			 * poll interval: a silent or queued job costs one wake per
			 * interval, a talking one is shown within a second */
			read_ms = got                            ? fast_ms
			          : read_ms * 2 < w->job.poll_ms ? read_ms * 2
			                                         : w->job.poll_ms;
			if (got) {
				/* output from a job we think is queued: it started */
				if (!w->final && (!w->st.slurm.state[0] ||
				                  !strcmp(w->st.slurm.state, "PENDING"))) {
					next_poll = soon = now;
					next_read = now; /* the grid starts again here */
				}
			}
			/* on the grid the poll is on, unless it fell behind */
			next_read += read_ms;
			if (next_read <= now)
				next_read = now + read_ms;
		}
		if (!w->final && now >= next_poll) {
			check_truncated(w);
			poll_job(w, soon >= 0 ? fast_ms : w->job.poll_ms);
			soon = -1;
			status_now(w, false);
			next_poll += w->job.poll_ms;
			if (next_poll <= run_mono_ms())
				next_poll = run_mono_ms() + w->job.poll_ms;
			if (w->final)
				drain_until = run_mono_ms() + DRAIN_MS;
		}
		if (w->final && run_mono_ms() >= drain_until)
			break;
	}
	read_output(w);
	logline_flush(&w->ll, on_line, w);
	met_flush(w);
}

void slurm_watch_main(const char *dir, const void *arg, int ready_fd)
{
	struct watch *w = calloc(1, sizeof(*w));
	sigset_t none;
	char path[RUN_PATH_MAX], rec[256], *slash;
	int lock_fd, sig_r;

	(void)arg;
	sup_daemonize(ready_fd);
	if (!w)
		sup_fail_ready(ready_fd, "out of memory");
	w->dir = dir;
	w->log_fd = -1;
	snprintf(w->root, sizeof(w->root), "%s", dir);
	if ((slash = strrchr(w->root, '/')))
		*slash = '\0';
	if (rundir_path(path, sizeof(path), dir, RUN_F_LOCK) ||
	    (lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
	    flock(lock_fd, LOCK_EX | LOCK_NB))
		sup_fail_ready(ready_fd, "cannot lock the run directory");
	if (slurm_json_read(dir, &w->job, NULL, NULL) != 0)
		sup_fail_ready(ready_fd, "slurm.json unreadable");
	/* several nodes: job.sh ran srun --label, every line says its task */
	w->ps.srun_labels = w->job.nodes > 1;
	{
		struct run_command c;

		if (runcmd_read(dir, &c, NULL) == 0) {
			w->ps.rank = c.rank;
			runcmd_done(&c);
		}
	}
	if (rundir_path(path, sizeof(path), dir, RUN_F_METRICS))
		sup_fail_ready(ready_fd, "path too long");
	store_init(&w->met, open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
	if (w->met.fd < 0)
		sup_fail_ready(ready_fd, "cannot create the run's files");
	if (sup_signals(&sig_r, false))
		sup_fail_ready(ready_fd, "pipe");

	/* What an earlier watcher of this job knew (adoption) stays; a new
	 * job (first start, restart) starts its Slurm state afresh.  Every
	 * watcher reads output.log from its start with a fresh parser, so the
	 * parser's state (epochs, steps it counts itself) is what it was; the
	 * points already in metrics.jsonl are met again and not stored twice. */
	run_status_read(dir, &w->st, NULL);
	w->skip = stored_points(dir);
	if (w->st.slurm.job_id != w->job.job_id) {
		memset(&w->st, 0, sizeof(w->st));
		w->st.slurm.job_id = w->job.job_id;
		w->st.slurm.gpus = w->st.slurm.cpus = -1;
		w->st.slurm.submit_ms = w->job.submit_ms;
		w->st.start_ms = w->job.submit_ms;
		met_put(w, rec,
		        metrics_fmt_text(rec, sizeof(rec), now_t(), "nogpu", "why",
		                         "the job runs on Slurm's nodes: no GPU telemetry here"));
		met_flush(w);
	} else {
		/* the last watcher may have asked for the allocation already */
		w->alloc_known = w->st.slurm.gpus >= 0 && w->st.slurm.start_ms > 0;
	}
	snprintf(w->st.slurm.cluster, sizeof(w->st.slurm.cluster), "%s", w->job.cluster);
	w->st.slurm.njobs = w->job.njobs;
	w->st.supervisor = getpid();
	w->st.pid = w->st.pgid = 0;
	w->st.heard_ms = run_now_ms();
	if (run_status_init(dir, &w->st, NULL))
		run_status_write(dir, &w->st, NULL);
	logline_init(&w->ll);
	sup_write_all(ready_fd, "R", 1);
	close(ready_fd);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (chdir("/")) {
		/* only so the caller's directory can be unmounted */
	}
	watch(w, sig_r);
	w->st.ended = true;
	w->st.paused = false;
	w->st.end_ms = w->st.slurm.end_ms ? w->st.slurm.end_ms : run_now_ms();
	w->st.exit_code = w->st.slurm.exit_code;
	w->st.signal = w->st.slurm.exit_signal;
	status_now(w, true);
	free(w);
	_exit(0);
}
