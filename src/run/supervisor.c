/* supervisor.c — the process that keeps a run: it starts the command
 * detached from the screen and keeps everything it does in its run directory.
 *
 * run_start() (start.c) double-forks it into its own session (so a dropped
 * SSH connection or capdash dying does not touch it).  The supervisor holds
 * the run's lock, starts the child without a shell in its own process group,
 * with stdout+stderr through one pipe (or a pty), appends the raw bytes to
 * output.log, parses them into metrics.jsonl, samples CPU/GPU, writes a
 * heartbeat into status every sample period, and records how the child
 * ended there.
 * A full disk must never cost the run: the supervisor keeps draining the
 * child's output whatever the writes do, keeps metrics records while it
 * can and drops (and counts) what it cannot store, says "disk full since"
 * in status (which needs no free space, status.c), and tries again once a
 * second.  It must not print, and it never returns: it _exits when the
 * child and its output are done.
 * Start at supervisor_main(), then supervise().
 */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEFTOVER_MS 2000   /* after the child exits, wait this long for its workers' EOF */
#define DISK_RETRY_MS 1000 /* a full disk is tried again this often */

static int sig_w = -1;

static void on_signal(int sig)
{
	int e = errno;
	unsigned char b = (unsigned char)sig;

	if (write(sig_w, &b, 1) < 0) {
		/* full pipe: a byte is already waiting, nothing lost */
	}
	errno = e;
}

int sup_signals(int *sig_r, bool child)
{
	struct sigaction sa;
	int sp[2];

	if (pipe2(sp, O_CLOEXEC | O_NONBLOCK))
		return -1;
	sig_w = sp[1];
	*sig_r = sp[0];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART; /* no SA_NOCLDSTOP: pause/resume are seen */
	if (child)
		sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	/* past RLIMIT_FSIZE a write fails with EFBIG instead of killing us */
	sigaction(SIGXFSZ, &sa, NULL);
	return 0;
}

void sup_child_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void sup_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* only pipes to our own parent: nothing to do about it */
		p += w;
		n -= (size_t)w;
	}
}

/* Everything the supervisor loop touches. */
struct sup {
	const char *dir;
	const struct run_command *c;
	struct run_status st;
	struct store log, met;
	struct logline ll;
	struct logparse_state ps;
	char mbuf[65536]; /* metrics records not yet stored (kept while the disk is full) */
	size_t mlen;
	int64_t retry_at; /* monotonic ms: the next try at a full disk */
	int64_t log_gap;  /* output bytes dropped since output.log last took a write */
	struct procstat pstat;
	struct nvml *nvml;
};

/* Write status, with the heartbeat.  Failure changes nothing for the run. */
static void status_now(struct sup *s, bool sync)
{
	s->st.heard_ms = run_now_ms();
	run_status_put(s->dir, &s->st, sync, NULL);
}

/* The disk refuses writes (e = errno) or takes them again (e = 0): said in
 * status at once, since that is what a person looks at. */
static void disk_state(struct sup *s, int e)
{
	if (e) {
		s->retry_at = run_mono_ms() + DISK_RETRY_MS;
		if (!s->st.disk_full_ms || s->st.write_errno != e) {
			s->st.disk_full_ms = s->st.disk_full_ms ? s->st.disk_full_ms : run_now_ms();
			s->st.write_errno = e;
			status_now(s, true);
		}
	} else if (s->st.disk_full_ms) {
		s->st.disk_full_ms = 0;
		s->st.write_errno = 0;
		status_now(s, true);
	}
}

/* While the disk is full, writes are tried again once a DISK_RETRY_MS, not
 * for every chunk: each failed try costs system calls, and the child's
 * output must keep flowing. */
static bool may_write(const struct sup *s)
{
	return !s->st.disk_full_ms || run_mono_ms() >= s->retry_at;
}

static void met_flush(struct sup *s)
{
	if (!s->mlen || !may_write(s))
		return;
	if (store_append(&s->met, s->mbuf, s->mlen) == 0) {
		s->mlen = 0;
		disk_state(s, 0);
	} else {
		disk_state(s, s->met.err);
	}
}

/* Records wait in mbuf while the disk is full; what does not fit is
 * dropped and counted, never half-written. */
static void met_add(struct sup *s, const char *rec, size_t n)
{
	if (!n)
		return;
	if (s->mlen + n > sizeof(s->mbuf))
		met_flush(s);
	if (s->mlen + n > sizeof(s->mbuf)) {
		s->st.dropped_bytes += (int64_t)n;
		return;
	}
	memcpy(s->mbuf + s->mlen, rec, n);
	s->mlen += n;
}

static void log_add(struct sup *s, const char *buf, size_t n)
{
	if (!may_write(s)) {
		s->st.dropped_bytes += (int64_t)n;
		s->log_gap += (int64_t)n;
		return;
	}
	/* Whoever reads output.log (or the pane's tail) learns where the
	 * hole is, once there is room to say it. */
	if (s->log_gap) {
		char note[160];
		int k = snprintf(note, sizeof(note),
		                 "\n[capdash: %lld bytes of output not stored here: %s]\n",
		                 (long long)s->log_gap,
		                 strerror(s->st.write_errno ? s->st.write_errno : ENOSPC));
		if (k > 0 && store_append(&s->log, note, (size_t)k) == 0)
			s->log_gap = 0;
	}
	if (!s->log_gap && store_append(&s->log, buf, n) == 0) {
		disk_state(s, 0);
	} else {
		s->st.dropped_bytes += (int64_t)n;
		s->log_gap += (int64_t)n;
		disk_state(s, s->log.err ? s->log.err : ENOSPC);
	}
}

static double now_t(void)
{
	return (double)run_now_ms() / 1000.0;
}

static void on_line(const char *line, size_t len, bool final, void *ctx)
{
	struct sup *s = ctx;
	struct metric_point mp;
	char rec[1024];

	(void) final;
	memset(&mp, 0, sizeof(mp));
	if (logparse_line(&s->ps, line, len, &mp))
		met_add(s, rec, metrics_fmt_point(rec, sizeof(rec), now_t(), &mp));
}

static void record_state(struct sup *s, const char *state)
{
	char rec[256];

	met_add(s, rec, metrics_fmt_text(rec, sizeof(rec), now_t(), "state", "state", state));
	met_flush(s);
	status_now(s, true);
}

/* Every sample period: CPU/GPU records, a try at a full disk, and the
 * heartbeat that tells a reader the supervisor is alive. */
static void sample(struct sup *s)
{
	struct run_cpu cpu;
	struct run_gpu g[RUN_GPU_MAX];
	char rec[1024];
	int n;

	if (procstat_sample(&s->pstat, s->st.pgid, run_now_ms(), &cpu) == 0)
		met_add(s, rec, metrics_fmt_cpu(rec, sizeof(rec), now_t(), &cpu));
	n = nvml_sample(s->nvml, g, RUN_GPU_MAX);
	for (int i = 0; i < n; i++)
		met_add(s, rec, metrics_fmt_gpu(rec, sizeof(rec), now_t(), &g[i]));
	met_flush(s);
	status_now(s, false);
}

static void reap(struct sup *s, bool *done)
{
	int ws;
	pid_t p;

	while ((p = waitpid(s->st.pid, &ws, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
		int64_t now = run_now_ms();
		if (WIFSTOPPED(ws) && !s->st.paused) {
			s->st.paused = true;
			s->st.paused_since_ms = now;
			record_state(s, "paused");
		} else if (WIFCONTINUED(ws) && s->st.paused) {
			s->st.paused = false;
			s->st.paused_ms += now - s->st.paused_since_ms;
			s->st.paused_since_ms = 0;
			record_state(s, "running");
		} else if (WIFEXITED(ws) || WIFSIGNALED(ws)) {
			s->st.exit_code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 0;
			s->st.signal = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
			if (s->st.paused) /* killed while stopped */
				s->st.paused_ms += now - s->st.paused_since_ms;
			s->st.paused = false;
			s->st.paused_since_ms = 0;
			*done = true;
		}
	}
}

static void supervise(struct sup *s, int out_fd, int sig_r)
{
	const struct run_command *c = s->c;
	int64_t next_sample = run_mono_ms(), kill_at = -1, child_end = -1;
	bool done = false, eof = false;
	static char buf[65536];

	while (!done || !eof) {
		struct pollfd pf[2] = {{sig_r, POLLIN, 0}, {out_fd, POLLIN, 0}};
		int64_t now = run_mono_ms(), wait = next_sample - now;

		if (kill_at >= 0 && kill_at - now < wait)
			wait = kill_at - now;
		if (done && child_end + LEFTOVER_MS - now < wait)
			wait = child_end + LEFTOVER_MS - now;
		if (wait < 0)
			wait = 0;
		if (poll(pf, eof ? 1 : 2, (int)wait) < 0 && errno != EINTR)
			break;
		if (pf[0].revents & POLLIN) {
			unsigned char sigs[64];
			ssize_t n = read(sig_r, sigs, sizeof(sigs));
			for (ssize_t i = 0; i < n; i++) {
				if ((sigs[i] == SIGTERM || sigs[i] == SIGINT) && !done &&
				    !s->st.stop_requested) {
					s->st.stop_requested = true;
					record_state(s, "stopping");
					control_term_group(s->st.pgid);
					kill_at = run_mono_ms() + c->grace_ms;
				}
			}
			reap(s, &done);
			if (done && child_end < 0)
				child_end = run_mono_ms();
		}
		if (!eof && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t n = read(out_fd, buf, sizeof(buf));
			if (n > 0) {
				log_add(s, buf, (size_t)n);
				logline_feed(&s->ll, buf, (size_t)n, on_line, s);
				met_flush(s);
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				eof = true; /* EIO on a pty whose slave closed */
			}
		}
		now = run_mono_ms();
		if (!done && now >= next_sample) {
			sample(s);
			next_sample = now + c->sample_ms;
		}
		if (kill_at >= 0 && now >= kill_at && !done) {
			kill(-s->st.pgid, SIGKILL);
			kill_at = -1;
		}
		/* Workers the child left behind keep the pipe open; they are part
		 * of the run and go with it. */
		if (done && !eof && now >= child_end + LEFTOVER_MS) {
			kill(-s->st.pgid, SIGKILL);
			child_end = now; /* and drain what they had written */
		}
	}
	logline_flush(&s->ll, on_line, s);
	s->retry_at = 0; /* one last try, whenever the previous one was */
	met_flush(s);
	s->st.dropped_bytes += (int64_t)s->mlen;
	s->mlen = 0;
}

/* Child side of the fork: never returns.  heap is the supervisor's state,
 * freed on failure so that a checker sees no leak in the failed child. */
static void exec_child(const struct run_command *c, int out_fd, const char *slave, int err_w,
                       void *heap)
{
	int e, null_fd;

	if (slave) {
		int sfd;
		setsid(); /* own session and group; the pty becomes its terminal */
		sfd = open(slave, O_RDWR | O_CLOEXEC); /* dup2 below keeps 1 and 2 */
		if (sfd < 0)
			goto fail;
		ioctl(sfd, TIOCSCTTY, 0);
		out_fd = sfd;
	} else {
		setpgid(0, 0);
	}
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		goto fail;
	if (c->cwd[0] && chdir(c->cwd))
		goto fail;
	setenv("PYTHONUNBUFFERED", "1", 1);
	sup_child_signals();
	execvp(c->argv[0], c->argv);
fail:
	e = errno;
	sup_write_all(err_w, (const char *)&e, sizeof(e));
	free(heap);
	_exit(127);
}

static void close_other_fds(int keep)
{
	long max = sysconf(_SC_OPEN_MAX);

	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		if (fd != keep)
			close(fd);
}

void sup_fail_ready(int ready_fd, const char *what)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "E%s: %s", what, strerror(errno));

	sup_write_all(ready_fd, msg, n > 0 ? (size_t)n : 0);
	_exit(1);
}

static int open_out(const char *dir, const char *file, int flags)
{
	char path[RUN_PATH_MAX];

	if (rundir_path(path, sizeof(path), dir, file))
		return -1;
	return open(path, flags | O_CLOEXEC, 0600);
}

void sup_daemonize(int keep_fd)
{
	struct sigaction sa;
	int nul;

	close_other_fds(keep_fd);
	nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		if (nul > 2)
			close(nul);
	}
	/* The caller's handlers (a UI's SIGWINCH, ...) mean nothing here. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
}

void supervisor_main(const char *dir, const void *arg, int ready_fd)
{
	const struct run_command *c = arg;
	struct sup *s = calloc(1, sizeof(*s));
	int sig_r, ep[2], out[2] = {-1, -1}, lock_fd, e;
	char slave[128] = "", why[128];
	sigset_t none;
	ssize_t n;

	sup_daemonize(ready_fd);
	if (!s)
		sup_fail_ready(ready_fd, "out of memory");
	s->dir = dir;
	s->c = c;
	s->ps.rank = c->rank; /* the chart follows this rank's lines */
	if ((lock_fd = open_out(dir, RUN_F_LOCK, O_RDWR | O_CREAT)) < 0 ||
	    flock(lock_fd, LOCK_EX | LOCK_NB))
		sup_fail_ready(ready_fd, "cannot lock the run directory");
	store_init(&s->log, open_out(dir, RUN_F_OUTPUT, O_WRONLY | O_CREAT | O_APPEND));
	store_init(&s->met, open_out(dir, RUN_F_METRICS, O_WRONLY | O_CREAT | O_APPEND));
	if (s->log.fd < 0 || s->met.fd < 0)
		sup_fail_ready(ready_fd, "cannot create the run's files");

	if (sup_signals(&sig_r, true) || pipe2(ep, O_CLOEXEC))
		sup_fail_ready(ready_fd, "pipe");

	if (c->pty) {
		int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		struct winsize wsz = {.ws_row = 40, .ws_col = 120};
		if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, slave, sizeof(slave)))
			sup_fail_ready(ready_fd, "cannot open a pseudo-terminal");
		ioctl(m, TIOCSWINSZ, &wsz);
		out[0] = m;
	} else if (pipe2(out, O_CLOEXEC)) {
		sup_fail_ready(ready_fd, "pipe");
	}

	s->st.supervisor = getpid();
	s->st.start_ms = run_now_ms();
	s->st.pid = fork();
	if (s->st.pid == 0)
		exec_child(c, out[1], c->pty ? slave : NULL, ep[1], s);
	if (s->st.pid < 0)
		sup_fail_ready(ready_fd, "fork");
	if (!c->pty)
		setpgid(s->st.pid, s->st.pid); /* both sides, so neither races */
	s->st.pgid = s->st.pid;
	if (out[1] >= 0)
		close(out[1]);
	close(ep[1]);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	do
		n = read(ep[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(ep[0]);
	logline_init(&s->ll);
	if (n == (ssize_t)sizeof(e)) {
		int ws;
		waitpid(s->st.pid, &ws, 0);
		s->st.exec_errno = e;
		s->st.exit_code = 127;
		s->st.ended = true;
		s->st.end_ms = run_now_ms();
		s->st.heard_ms = s->st.end_ms;
		if (run_status_init(dir, &s->st, NULL))
			run_status_write(dir, &s->st, NULL);
		sup_write_all(ready_fd, "R", 1);
		free(s);
		_exit(0);
	}
	s->st.heard_ms = run_now_ms();
	/* No room even for status: the run goes on all the same, and status
	 * writes keep being tried (run_status_put's fallbacks). */
	if (run_status_init(dir, &s->st, NULL))
		run_status_write(dir, &s->st, NULL);
	sup_write_all(ready_fd, "R", 1);
	close(ready_fd);
	if (chdir("/")) {
		/* only to let the caller's directory be unmounted; harmless */
	}

	s->nvml = nvml_open(why, sizeof(why));
	if (!s->nvml) {
		char rec[256];
		met_add(s, rec, metrics_fmt_text(rec, sizeof(rec), now_t(), "nogpu", "why", why));
	}
	supervise(s, out[0], sig_r);
	s->st.ended = true;
	s->st.paused = false;
	s->st.end_ms = run_now_ms();
	status_now(s, true);
	nvml_close(s->nvml);
	free(s);
	_exit(0);
}
