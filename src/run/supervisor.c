/* supervisor.c — start a command detached from the screen and keep
 * everything it does in its run directory.
 *
 * run_start() double-forks a supervisor into its own session (so a dropped
 * SSH connection or capdash dying does not touch it).  The supervisor holds
 * the run's lock, starts the child without a shell in its own process group,
 * with stdout+stderr through one pipe (or a pty), appends the raw bytes to
 * output.log, parses them into metrics.jsonl, samples CPU/GPU, and records
 * how the child ended in status.  It must not print, and it never returns:
 * it _exits when the child and its output are done.
 * Start at run_start(), then supervise().
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
#include <time.h>
#include <unistd.h>

#define LEFTOVER_MS 2000 /* after the child exits, wait this long for its workers' EOF */

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

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* disk full: the run goes on, the log has a gap */
		p += w;
		n -= (size_t)w;
	}
}

/* Everything the supervisor loop touches. */
struct sup {
	const char *dir;
	const struct run_command *c;
	struct run_status st;
	int log_fd, met_fd;
	struct logline ll;
	struct logparse_state ps;
	char mbuf[65536];
	size_t mlen;
	struct procstat pstat;
	struct nvml *nvml;
};

static void met_flush(struct sup *s)
{
	write_all(s->met_fd, s->mbuf, s->mlen);
	s->mlen = 0;
}

static void met_add(struct sup *s, const char *rec, size_t n)
{
	if (!n)
		return;
	if (s->mlen + n > sizeof(s->mbuf))
		met_flush(s);
	memcpy(s->mbuf + s->mlen, rec, n);
	s->mlen += n;
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
	run_status_write(s->dir, &s->st, NULL);
}

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
}

static void reap(struct sup *s, bool *done)
{
	int ws;
	pid_t p;

	while ((p = waitpid(s->st.pid, &ws, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
		if (WIFSTOPPED(ws) && !s->st.paused) {
			s->st.paused = true;
			record_state(s, "paused");
		} else if (WIFCONTINUED(ws) && s->st.paused) {
			s->st.paused = false;
			record_state(s, "running");
		} else if (WIFEXITED(ws) || WIFSIGNALED(ws)) {
			s->st.exit_code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 0;
			s->st.signal = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
			s->st.paused = false;
			*done = true;
		}
	}
}

static void supervise(struct sup *s, int out_fd, int sig_r)
{
	const struct run_command *c = s->c;
	int64_t next_sample = mono_ms(), kill_at = -1, child_end = -1;
	bool done = false, eof = false;
	static char buf[65536];

	while (!done || !eof) {
		struct pollfd pf[2] = {{sig_r, POLLIN, 0}, {out_fd, POLLIN, 0}};
		int64_t now = mono_ms(), wait = next_sample - now;

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
					kill_at = mono_ms() + c->grace_ms;
				}
			}
			reap(s, &done);
			if (done && child_end < 0)
				child_end = mono_ms();
		}
		if (!eof && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t n = read(out_fd, buf, sizeof(buf));
			if (n > 0) {
				write_all(s->log_fd, buf, (size_t)n);
				logline_feed(&s->ll, buf, (size_t)n, on_line, s);
				met_flush(s);
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				eof = true; /* EIO on a pty whose slave closed */
			}
		}
		now = mono_ms();
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
	met_flush(s);
}

/* Child side of the fork: never returns.  heap is the supervisor's state,
 * freed on failure so that a checker sees no leak in the failed child. */
static void exec_child(const struct run_command *c, int out_fd, const char *slave, int err_w,
                       void *heap)
{
	int e, null_fd;
	sigset_t none;
	struct sigaction sa;

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
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execvp(c->argv[0], c->argv);
fail:
	e = errno;
	write_all(err_w, (const char *)&e, sizeof(e));
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

static void fail_ready(int ready_fd, const char *what)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "E%s: %s", what, strerror(errno));

	write_all(ready_fd, msg, n > 0 ? (size_t)n : 0);
	_exit(1);
}

static int open_out(const char *dir, const char *file, int flags)
{
	char path[RUN_PATH_MAX];

	if (rundir_path(path, sizeof(path), dir, file))
		return -1;
	return open(path, flags | O_CLOEXEC, 0600);
}

void supervisor_main(const char *dir, const struct run_command *c, int ready_fd)
{
	struct sup *s = calloc(1, sizeof(*s));
	int sp[2], ep[2], out[2] = {-1, -1}, lock_fd, nul, e;
	char slave[128] = "", why[128];
	struct sigaction sa;
	sigset_t none;
	ssize_t n;

	close_other_fds(ready_fd);
	nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		if (nul > 2)
			close(nul);
	}
	if (!s)
		fail_ready(ready_fd, "out of memory");
	/* The caller's handlers (a UI's SIGWINCH, ...) mean nothing here. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	s->dir = dir;
	s->c = c;
	if ((lock_fd = open_out(dir, RUN_F_LOCK, O_RDWR | O_CREAT)) < 0 ||
	    flock(lock_fd, LOCK_EX | LOCK_NB))
		fail_ready(ready_fd, "cannot lock the run directory");
	s->log_fd = open_out(dir, RUN_F_OUTPUT, O_WRONLY | O_CREAT | O_APPEND);
	s->met_fd = open_out(dir, RUN_F_METRICS, O_WRONLY | O_CREAT | O_APPEND);
	if (s->log_fd < 0 || s->met_fd < 0)
		fail_ready(ready_fd, "cannot create the run's files");

	if (pipe2(sp, O_CLOEXEC | O_NONBLOCK) || pipe2(ep, O_CLOEXEC))
		fail_ready(ready_fd, "pipe");
	sig_w = sp[1];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART; /* no SA_NOCLDSTOP: pause/resume are seen */
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);

	if (c->pty) {
		int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		struct winsize wsz = {.ws_row = 40, .ws_col = 120};
		if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, slave, sizeof(slave)))
			fail_ready(ready_fd, "cannot open a pseudo-terminal");
		ioctl(m, TIOCSWINSZ, &wsz);
		out[0] = m;
	} else if (pipe2(out, O_CLOEXEC)) {
		fail_ready(ready_fd, "pipe");
	}

	s->st.supervisor = getpid();
	s->st.start_ms = run_now_ms();
	s->st.pid = fork();
	if (s->st.pid == 0)
		exec_child(c, out[1], c->pty ? slave : NULL, ep[1], s);
	if (s->st.pid < 0)
		fail_ready(ready_fd, "fork");
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
		run_status_write(dir, &s->st, NULL);
		write_all(ready_fd, "R", 1);
		free(s);
		_exit(0);
	}
	run_status_write(dir, &s->st, NULL);
	write_all(ready_fd, "R", 1);
	close(ready_fd);
	if (chdir("/")) {
		/* only to let the caller's directory be unmounted; harmless */
	}

	s->nvml = nvml_open(why, sizeof(why));
	if (!s->nvml) {
		char rec[256];
		met_add(s, rec, metrics_fmt_text(rec, sizeof(rec), now_t(), "nogpu", "why", why));
	}
	supervise(s, out[0], sp[0]);
	s->st.ended = true;
	s->st.paused = false;
	s->st.end_ms = run_now_ms();
	run_status_write(dir, &s->st, NULL);
	nvml_close(s->nvml);
	free(s);
	_exit(0);
}

/* ---- the caller's side ---- */

void run_spec_init(struct run_spec *spec, const struct scenario *sc)
{
	memset(spec, 0, sizeof(*spec));
	spec->gpus = -1;
	spec->prices.override_hourly = -1;
	spec->prices.amortization_hours = 26280;
	if (!sc)
		return;
	spec->prices.mode = sc->burn.gpu_mode == SCENARIO_GPU_BUY ? BURN_BUY : BURN_RENT;
	spec->prices.gpu_hourly = burn_micro_from_cents(sc->in.gpu_hourly_cost);
	spec->prices.gpu_unit_cost = burn_micro_from_cents(sc->in.gpu_unit_cost);
	if (sc->burn.amortization_hours > 0)
		spec->prices.amortization_hours = sc->burn.amortization_hours;
	spec->prices.energy_kwh = sc->burn.energy_cost_kwh;
	spec->prices.cpu_core_hourly = sc->burn.cpu_core_hourly_cost;
	for (int i = 0; i < sc->in.nroles; i++)
		spec->prices.team_monthly += burn_micro_from_cents(sc->in.roles[i].count *
		                                                   sc->in.roles[i].monthly_salary);
	if (sc->run.present) {
		if (sc->run.gpus_set)
			spec->gpus = sc->run.gpus;
		if (sc->run.total_steps_set)
			spec->total_steps = sc->run.total_steps;
		if (sc->run.cost_set)
			spec->prices.override_hourly = sc->run.cost_per_hour;
	}
}

static int spawn(const char *dir, const struct run_command *c, struct cd_err *err)
{
	int rp[2], ws;
	sigset_t all, old;
	pid_t p;
	char msg[256];
	ssize_t n;
	struct pollfd pf;

	if (pipe2(rp, O_CLOEXEC))
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, "pipe: %s", strerror(errno));
	/* No handler of the caller's may run in a child between fork and
	 * setting up its own. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	p = fork();
	if (p == 0) {
		close(rp[0]);
		if (setsid() < 0)
			_exit(1);
		p = fork();
		if (p != 0)
			_exit(p < 0 ? 1 : 0);
		supervisor_main(dir, c, rp[1]);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(rp[1]);
	if (p < 0) {
		close(rp[0]);
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, "fork: %s", strerror(errno));
	}
	while (waitpid(p, &ws, 0) < 0 && errno == EINTR)
		;
	pf.fd = rp[0];
	pf.events = POLLIN;
	n = 0;
	if (poll(&pf, 1, 30000) > 0)
		n = read(rp[0], msg, sizeof(msg) - 1);
	close(rp[0]);
	if (n > 0 && msg[0] == 'R')
		return 0;
	msg[n > 0 ? n : 0] = '\0';
	return cd_err_set(err, CD_ERR_IO, dir, 0, 0, "the supervisor did not start%s%s",
	                  n > 1 ? ": " : "", n > 1 ? msg + 1 : "");
}

int run_start(const struct run_spec *spec, char *dir, size_t size, struct cd_err *err)
{
	char root[RUN_PATH_MAX], abs[PATH_MAX];
	struct run_command c;
	const char *base;

	if (!spec->argv || !spec->argv[0] || !spec->argv[0][0])
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0, "no command to run");
	memset(&c, 0, sizeof(c));
	c.argv = (char **)spec->argv;
	while (c.argv[c.argc])
		c.argc++;
	if (spec->cwd)
		snprintf(c.cwd, sizeof(c.cwd), "%s", spec->cwd);
	else if (!getcwd(c.cwd, sizeof(c.cwd)))
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, "getcwd: %s", strerror(errno));
	base = strrchr(spec->argv[0], '/');
	snprintf(c.name, sizeof(c.name), "%s",
	         spec->name && spec->name[0] ? spec->name
	         : base                      ? base + 1
	                                     : spec->argv[0]);
	c.pty = spec->pty;
	c.total_steps = spec->total_steps;
	c.gpus = spec->gpus;
	c.grace_ms = spec->grace_ms > 0 ? spec->grace_ms : RUN_GRACE_MS_DEFAULT;
	c.sample_ms = spec->sample_ms > 0 ? spec->sample_ms : RUN_SAMPLE_MS_DEFAULT;
	c.prices = spec->prices;
	if (spec->root)
		snprintf(root, sizeof(root), "%s", spec->root);
	else if (run_root(root, sizeof(root), err))
		return -1;
	/* The supervisor outlives our cwd; give it an absolute path. */
	if (!realpath(root, abs))
		return cd_err_set(err, CD_ERR_IO, root, 0, 0, "%s", strerror(errno));
	if (rundir_create(abs, c.name, run_now_ms(), dir, size, err) || runcmd_write(dir, &c, err))
		return -1;
	return spawn(dir, &c, err);
}

int run_restart(const char *dir, char *newdir, size_t size, struct cd_err *err)
{
	struct run_command c;
	struct run_spec spec;
	char root[RUN_PATH_MAX], *slash;
	int rc;

	if (runcmd_read(dir, &c, err))
		return -1;
	snprintf(root, sizeof(root), "%s", dir);
	if ((slash = strrchr(root, '/')))
		*slash = '\0';
	memset(&spec, 0, sizeof(spec));
	spec.argv = c.argv;
	spec.name = c.name;
	spec.cwd = c.cwd;
	spec.root = slash ? root : NULL;
	spec.pty = c.pty;
	spec.total_steps = c.total_steps;
	spec.gpus = c.gpus;
	spec.grace_ms = c.grace_ms;
	spec.sample_ms = c.sample_ms;
	spec.prices = c.prices;
	rc = run_start(&spec, newdir, size, err);
	runcmd_done(&c);
	return rc;
}
