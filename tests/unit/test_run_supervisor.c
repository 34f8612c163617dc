/* test_run_supervisor.c — the supervisor and run directories, end to end
 * with the fake trainer (tests/helpers/faketrain.c): every way a child can
 * end, stop/pause/resume, 10 MB of output, escape sequences, detach and
 * re-attach without losing a record, restart, the run list, the heartbeat
 * and a supervisor killed with SIGKILL.
 * Each case waits by polling with a deadline, never a fixed long sleep, and
 * kills whatever run it left going when it fails (teardown), so a failed
 * assertion never leaves a process behind.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "capdash/run.h"
#include "testutil.h"

static char trainer[4096], root[4096];

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static int setup(void **state)
{
	const char *b = getenv("CAPDASH_BUILD");
	char tmpl[] = "/tmp/capdash-run-XXXXXX";

	(void)state;
	snprintf(trainer, sizeof(trainer), "%s/tests/helpers/faketrain", b ? b : "build");
	if (!mkdtemp(tmpl))
		return -1;
	snprintf(root, sizeof(root), "%s", tmpl);
	setenv("CAPDASH_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
	return 0;
}

/* Every run under root that is still going: its group and its supervisor
 * get SIGKILL.  Returns how many there were. */
static int kill_live_runs(void)
{
	DIR *d = opendir(root);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char dir[4400];
		struct run_status st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", root, e->d_name);
		if (run_status_read(dir, &st, NULL) || (!run_is_live(dir) && st.ended))
			continue;
		if (st.pgid > 1 && kill(-st.pgid, SIGKILL) == 0)
			n++;
		if (st.supervisor > 1 && run_is_live(dir) && kill(st.supervisor, SIGKILL) == 0)
			n++;
	}
	if (d)
		closedir(d);
	return n;
}

/* After each case: nothing of it may still run. */
static int teardown_case(void **state)
{
	(void)state;
	kill_live_runs();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kill_live_runs();
	return test_rmtree(root);
}

/* Start faketrain with up to 3 arguments. */
static void start(char *dir, const char *mode, const char *a, const char *b, int grace_ms)
{
	char *argv[] = {trainer, (char *)mode, (char *)a, (char *)b, NULL};
	struct run_spec spec;
	struct cd_err err;

	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.name = mode;
	spec.grace_ms = grace_ms;
	spec.sample_ms = 200;
	cd_err_clear(&err);
	if (run_start(&spec, dir, 4096, &err))
		fail_msg("run_start: %s", err.msg);
}

static void wait_end(const char *dir, struct run_status *st, long timeout_ms)
{
	for (long t = 0; t < timeout_ms; t += 10) {
		assert_int_equal(run_status_read(dir, st, NULL), 0);
		if (st->ended && !run_is_live(dir))
			return;
		msleep(10);
	}
	fail_msg("run in %s did not end within %ld ms", dir, timeout_ms);
}

static struct run_view *view(const char *dir)
{
	struct cd_err err;
	struct run_view *v = run_view_open(dir, &err);

	assert_non_null(v);
	assert_true(run_view_update(v, &err) >= 0);
	return v;
}

static void why_is(const char *dir, const char *want)
{
	struct run_view *v = view(dir);
	char why[256];

	run_status_why(run_view_status(v), run_view_state(v), why, sizeof(why));
	if (!strstr(why, want))
		fail_msg("why: got \"%s\", expected \"%s\"", why, want);
	run_view_free(v);
}

static void why_eq(const char *dir, const char *want)
{
	struct run_view *v = view(dir);
	char why[256];

	run_status_why(run_view_status(v), run_view_state(v), why, sizeof(why));
	if (strcmp(why, want))
		fail_msg("why: got \"%s\", expected exactly \"%s\"", why, want);
	run_view_free(v);
}

static enum run_state run_view_state_of_dir(const char *dir)
{
	struct run_view *v = view(dir);
	enum run_state s = run_view_state(v);

	run_view_free(v);
	return s;
}

/* The status file, as text, holds want. */
static void assert_status_has(const char *dir, const char *want)
{
	char path[4200], buf[4096];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/status", dir);
	assert_non_null(f = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (!strstr(buf, want))
		fail_msg("status lacks %s: %s", want, buf);
}

static void test_proto_points(void **state)
{
	char dir[4096], path[4200];
	struct run_status st;
	struct run_view *v;
	const struct run_point *pts;
	struct run_progress p;
	struct stat sb;

	(void)state;
	start(dir, "proto", "50", NULL, 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.exit_code, 0);
	assert_int_equal(st.signal, 0);
	assert_true(st.pgid > 1);
	v = view(dir);
	assert_int_equal(run_view_state(v), RUN_FINISHED);
	assert_int_equal(run_view_points(v, &pts), 50);
	for (int i = 0; i < 50; i++)
		assert_int_equal(pts[i].mp.step, i + 1);
	run_view_progress(v, run_now_ms(), &p);
	assert_int_equal(p.step, 50);
	assert_int_equal(p.total, 50);
	assert_int_equal(p.eta_ms, 0);
	assert_true(p.has_loss);
	assert_float_equal(p.loss, 2.0 / 51.0, 1e-4);
	assert_float_equal(p.best_loss, 2.0 / 51.0, 1e-4);
	assert_false(p.stalled);
	assert_true(strstr(run_view_command(v), "faketrain proto 50") != NULL);
	run_view_free(v);
	snprintf(path, sizeof(path), "%s/output.log", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 50 * 100);
	why_is(dir, "finished");
}

static void test_exit3(void **state)
{
	char dir[4096];
	struct run_status st;

	(void)state;
	start(dir, "exit3", NULL, NULL, 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.exit_code, 3);
	why_is(dir, "exited with status 3");
}

static void test_crash(void **state)
{
	char dir[4096];
	struct run_status st;

	(void)state;
	start(dir, "crash", NULL, NULL, 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.signal, SIGSEGV);
	why_is(dir, "crashed (SIGSEGV");
}

static void test_bad_path(void **state)
{
	char dir[4096], *argv[] = {"/nonexistent/trainer", "--x", NULL};
	struct run_spec spec;
	struct run_status st;

	(void)state;
	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	assert_int_equal(run_start(&spec, dir, sizeof(dir), NULL), 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.exec_errno, ENOENT);
	why_is(dir, "could not start: No such file or directory");
}

static pid_t read_pidfile(const char *path)
{
	for (int t = 0; t < 500; t++) {
		FILE *f = fopen(path, "r");
		int pid = 0;
		if (f) {
			int n = fscanf(f, "%d", &pid);
			fclose(f);
			if (n == 1 && pid > 0)
				return pid;
		}
		msleep(10);
	}
	fail_msg("no pid in %s", path);
	return -1;
}

static void test_oom_kill(void **state)
{
	char dir[4096], pf[4200];
	struct run_status st;

	(void)state;
	snprintf(pf, sizeof(pf), "%s/oom.pid", root);
	start(dir, "pidfile", pf, NULL, 0);
	assert_int_equal(kill(read_pidfile(pf), SIGKILL), 0);
	wait_end(dir, &st, 5000);
	why_is(dir, "killed (SIGKILL: out of memory?)");
}

static void test_stop_ignoring_term(void **state)
{
	char dir[4096];
	struct run_status st;
	struct cd_err err;
	struct run_view *v;
	const char *lines[4];

	(void)state;
	start(dir, "ignoreterm", NULL, NULL, 300);
	/* wait until it printed, so SIG_IGN is in place */
	v = view(dir);
	for (int t = 0; t < 300 && run_view_tail(v, lines, 1) == 0; t++) {
		msleep(10);
		run_view_update(v, NULL);
	}
	run_view_free(v);
	assert_int_equal(run_stop(dir, &err), 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.signal, SIGKILL);
	assert_true(st.stop_requested);
	why_is(dir, "stopped (SIGKILL after the grace period)");
	assert_int_equal(run_view_state_of_dir(dir), RUN_STOPPED);
	assert_int_equal(run_stop(dir, &err), -1); /* not running any more */
	assert_int_equal(err.code, CD_ERR_STATE);
}

/* Processes of group pgid that are not zombies (an orphaned zombie waits
 * for init to reap it, which some container inits do lazily). */
static int alive_in_group(pid_t pgid)
{
	char cmd[256], out[64] = "";
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ps -eo pgid=,stat= | awk '$1 == %d && $2 !~ /Z/' | wc -l",
	         (int)pgid);
	f = popen(cmd, "r");
	if (!f || !fgets(out, sizeof(out), f))
		fail_msg("ps failed");
	pclose(f);
	return atoi(out);
}

static void test_stop_kills_workers(void **state)
{
	char dir[4096];
	struct run_status st;

	(void)state;
	start(dir, "forkkids", NULL, NULL, 2000);
	msleep(200);
	assert_int_equal(run_status_read(dir, &st, NULL), 0);
	assert_int_equal(alive_in_group(st.pgid), 3);
	assert_int_equal(run_stop(dir, NULL), 0);
	wait_end(dir, &st, 5000);
	why_eq(dir, "stopped");
	assert_int_equal(run_view_state_of_dir(dir), RUN_STOPPED);
	/* the forked workers went with it */
	for (int t = 0; t < 100 && alive_in_group(st.pgid); t++)
		msleep(10);
	assert_int_equal(alive_in_group(st.pgid), 0);
}

static void test_big_output(void **state)
{
	char dir[4096], path[4200];
	struct run_status st;
	struct stat sb;
	struct run_view *v;
	const struct run_point *pts;

	(void)state;
	start(dir, "big", NULL, NULL, 0);
	wait_end(dir, &st, 10000);
	snprintf(path, sizeof(path), "%s/output.log", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 10 * 1024 * 1000);
	v = view(dir);
	assert_int_equal(run_view_points(v, &pts), 1);
	assert_int_equal(pts[0].mp.step, 7);
	run_view_free(v);
}

static void test_escapes_removed(void **state)
{
	char dir[4096];
	struct run_status st;
	struct run_view *v;
	const char *lines[64];
	size_t n;
	const struct run_point *pts;

	(void)state;
	start(dir, "escapes", NULL, NULL, 0);
	wait_end(dir, &st, 5000);
	v = view(dir);
	n = run_view_tail(v, lines, 64);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++)
		for (const char *p = lines[i]; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				fail_msg("control byte 0x%02x left in \"%s\"", *p, lines[i]);
	assert_string_equal(lines[n - 1], "plain bold end");
	assert_int_equal(run_view_points(v, &pts), 1);
	run_view_free(v);
}

static void test_pause_resume(void **state)
{
	char dir[4096];
	struct run_status st;
	struct run_view *v;
	int t;

	(void)state;
	start(dir, "proto", "100000", "10", 2000);
	v = view(dir);
	assert_int_equal(run_pause(dir, NULL), 0);
	for (t = 0; t < 300 && run_view_state(v) != RUN_PAUSED; t++) {
		msleep(10);
		run_view_update(v, NULL);
	}
	assert_int_equal(run_view_state(v), RUN_PAUSED);
	assert_true(run_view_status(v)->paused_since_ms > 0);
	msleep(150);
	assert_int_equal(run_resume(dir, NULL), 0);
	for (t = 0; t < 300 && run_view_state(v) != RUN_RUNNING; t++) {
		msleep(10);
		run_view_update(v, NULL);
	}
	assert_int_equal(run_view_state(v), RUN_RUNNING);
	assert_int_equal(run_stop(dir, NULL), 0);
	wait_end(dir, &st, 5000);
	run_view_update(v, NULL);
	/* stopped on purpose: not a failure */
	assert_int_equal(run_view_state(v), RUN_STOPPED);
	assert_true(st.paused_ms >= 150);
	assert_int_equal(st.paused_since_ms, 0);
	run_view_free(v);
	why_eq(dir, "stopped");
	assert_status_has(dir, "\"state\":\"stopped\"");
	assert_status_has(dir, "\"stopped\":true");
}

/* The viewer dies (SIGKILL) mid-run; a new viewer sees every record. */
static void test_detach_reattach(void **state)
{
	char dir[4096];
	struct run_status st;
	struct run_view *v;
	const struct run_point *pts;
	size_t n;
	pid_t viewer;
	int ws;

	(void)state;
	start(dir, "proto", "300", "3", 0);
	assert_int_equal(run_status_read(dir, &st, NULL), 0);
	/* the supervisor is in its own session, not our child */
	assert_true(st.supervisor > 0);
	assert_int_not_equal(getsid(st.supervisor), getsid(0));
	assert_int_equal(waitpid(st.supervisor, &ws, WNOHANG), -1);
	viewer = fork();
	if (viewer == 0) {
		struct run_view *cv = run_view_open(dir, NULL);
		for (;;) {
			run_view_update(cv, NULL);
			msleep(5);
		}
	}
	msleep(300);
	kill(viewer, SIGKILL);
	waitpid(viewer, &ws, 0);
	v = view(dir);
	n = run_view_points(v, &pts);
	assert_true(n < 300); /* still going when we re-attached */
	wait_end(dir, &st, 10000);
	run_view_update(v, NULL);
	n = run_view_points(v, &pts);
	assert_int_equal(n, 300);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pts[i].mp.step, (int64_t)i + 1);
	run_view_free(v);
	v = view(dir); /* and from scratch */
	assert_int_equal(run_view_points(v, &pts), 300);
	run_view_free(v);
}

static void test_stall_clock(void **state)
{
	char dir[4096];
	struct run_status st;
	struct run_view *v;
	struct run_progress p;
	int64_t iv1[] = {1000, 1000, 1000, 1000, 1000};
	int64_t iv2[] = {9000, 10000, 12000, 500000};

	(void)state;
	assert_int_equal(run_stall_after_ms(NULL, 0), RUN_STALL_MIN_MS);
	assert_int_equal(run_stall_after_ms(iv1, 5), 60000);
	assert_int_equal(run_stall_after_ms(iv2, 4), 110000);
	start(dir, "quiet", "20000", NULL, 300);
	v = view(dir);
	for (int t = 0; t < 300 && run_view_state(v) != RUN_RUNNING; t++) {
		msleep(10);
		run_view_update(v, NULL);
	}
	assert_int_equal(run_view_state(v), RUN_RUNNING);
	st = *run_view_status(v);
	run_view_progress(v, st.start_ms + 1000, &p);
	assert_false(p.stalled);
	run_view_progress(v, st.start_ms + 61000, &p);
	assert_true(p.stalled);
	assert_int_equal(p.stall_after_ms, 60000);
	assert_int_equal(p.eta_ms, -1); /* no total: unknown, not a guess */
	run_stop(dir, NULL);
	wait_end(dir, &st, 5000);
	run_view_free(v);
}

static void test_procstat_busy(void **state)
{
	char dir[4096];
	struct run_status st;
	struct procstat ps = {0};
	struct run_cpu c;
	struct run_view *v;

	(void)state;
	start(dir, "busy", "1500", NULL, 0);
	assert_int_equal(run_status_read(dir, &st, NULL), 0);
	assert_int_equal(procstat_sample(&ps, st.pgid, run_now_ms(), &c), 0);
	msleep(600);
	assert_int_equal(procstat_sample(&ps, st.pgid, run_now_ms(), &c), 0);
	assert_true(c.valid);
	/* ~100 on an idle machine; the bar is low because the suite shares
	 * two cores with sanitizer builds.  The idle child below reads ~0. */
	if (!(c.cpu_pct > 15.0 && c.cpu_pct < 150.0))
		fail_msg("cpu_pct %.1f, expected about 100", c.cpu_pct);
	assert_true(c.rss_bytes > 0);
	assert_int_equal(c.nproc, 1);
	assert_true(c.cpu_ms >= 90);
	wait_end(dir, &st, 5000);
	v = view(dir);
	assert_true(run_view_cpu(v)->valid); /* the supervisor sampled it too */
	assert_true(run_view_cpu(v)->cpu_ms >= 200);
	assert_string_equal(run_view_nogpu(v), "no NVIDIA GPU");
	run_view_free(v);
	assert_int_equal(procstat_sample(&ps, st.pgid, run_now_ms(), &c), -1);

	/* a sleeping child costs nothing */
	memset(&ps, 0, sizeof(ps));
	start(dir, "quiet", "5000", NULL, 300);
	assert_int_equal(run_status_read(dir, &st, NULL), 0);
	msleep(100);
	assert_int_equal(procstat_sample(&ps, st.pgid, run_now_ms(), &c), 0);
	msleep(400);
	assert_int_equal(procstat_sample(&ps, st.pgid, run_now_ms(), &c), 0);
	if (c.cpu_pct > 5.0)
		fail_msg("idle child: cpu_pct %.1f", c.cpu_pct);
	run_stop(dir, NULL);
	wait_end(dir, &st, 5000);
}

static void test_restart_and_list(void **state)
{
	char dir[4096], dir2[4096], found[4096];
	struct run_status st;
	struct cd_err err;
	char **ids;
	int n;

	(void)state;
	start(dir, "proto", "3", NULL, 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(run_restart(dir, dir2, sizeof(dir2), &err), 0);
	assert_string_not_equal(dir, dir2);
	wait_end(dir2, &st, 5000);
	assert_int_equal(st.exit_code, 0);
	n = run_list(root, &ids, &err);
	assert_true(n >= 2);
	assert_int_equal(run_resolve(root, NULL, found, sizeof(found), &err), 0);
	assert_string_equal(strrchr(found, '/'), strrchr(dir2, '/'));
	assert_int_equal(run_resolve(root, strrchr(dir2, '/') + 1, found, sizeof(found), &err), 0);
	assert_string_equal(found, dir2);
	assert_int_equal(run_resolve(root, "no-such-run", found, sizeof(found), &err), -1);
	assert_true(strstr(err.msg, "no run matches no-such-run") != NULL);
	assert_int_equal(run_resolve(root, "proto", found, sizeof(found), &err), -1);
	assert_true(strstr(err.msg, "matches") != NULL);
	run_list_free(ids, n);
}

static void test_safety(void **state)
{
	char *train[] = {"capdash-train", "--epochs", "1", NULL};
	char *evil[] = {"./capdash-train", NULL};
	char *py[] = {"python", "train.py", "--name", "a b", "it's", "\x1b[2J", NULL};
	char buf[256];

	(void)state;
	assert_false(run_needs_confirm(train, false));
	assert_true(run_needs_confirm(evil, false));
	assert_true(run_needs_confirm(py, false));
	assert_false(run_needs_confirm(py, true));
	assert_string_equal(run_argv_display(py, buf, sizeof(buf)),
	                    "python train.py --name 'a b' 'it'\\''s' '\\x1b[2J'");
	assert_string_equal(run_argv_display(py, buf, 12), "python t...");
}

static void test_pty(void **state)
{
	char dir[4096], *argv[] = {trainer, "tty", NULL};
	struct run_spec spec;
	struct run_status st;
	struct run_view *v;
	const char *lines[8];
	const struct run_point *pts;
	size_t n;

	(void)state;
	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.pty = true;
	assert_int_equal(run_start(&spec, dir, sizeof(dir), NULL), 0);
	wait_end(dir, &st, 5000);
	assert_int_equal(st.exit_code, 0);
	v = view(dir);
	n = run_view_tail(v, lines, 8);
	assert_true(n >= 1);
	assert_string_equal(lines[0], "stdout is a terminal");
	assert_int_equal(run_view_points(v, &pts), 1);
	run_view_free(v);
	/* and through the pipe it is not */
	start(dir, "tty", NULL, NULL, 0);
	wait_end(dir, &st, 5000);
	v = view(dir);
	assert_true(run_view_tail(v, lines, 8) >= 1);
	assert_string_equal(lines[0], "stdout is not a terminal");
	run_view_free(v);
	/* the child gets 0, 1, 2 and nothing of ours (the lock least of all) */
	for (int pty = 0; pty < 2; pty++) {
		char *fargv[] = {trainer, "fds", NULL};
		spec.argv = fargv;
		spec.pty = pty;
		assert_int_equal(run_start(&spec, dir, sizeof(dir), NULL), 0);
		wait_end(dir, &st, 5000);
		v = view(dir);
		assert_true(run_view_tail(v, lines, 8) >= 1);
		assert_string_equal(lines[0], "extra fds:");
		run_view_free(v);
	}
}

/* The seed scenario's prices reach the run: $2.49/GPU-hour, 15 people at
 * $30,000 a month. */
static void test_spec_from_scenario(void **state)
{
	struct scenario sc;
	struct run_spec spec;

	(void)state;
	scenario_builtin_seed(&sc);
	run_spec_init(&spec, &sc);
	assert_int_equal(spec.prices.mode, BURN_RENT);
	assert_int_equal(spec.prices.gpu_hourly, 2490000);
	assert_int_equal(spec.prices.gpu_unit_cost, INT64_C(200000000000));
	assert_int_equal(spec.prices.team_monthly, INT64_C(450000000000));
	assert_int_equal(spec.prices.override_hourly, -1);
	assert_int_equal(spec.gpus, -1);
	scenario_done(&sc);
}

static void test_formats(void **state)
{
	char dir[4096];
	struct run_status st;
	struct run_view *v;
	const struct run_point *pts;

	(void)state;
	start(dir, "formats", NULL, NULL, 0);
	wait_end(dir, &st, 5000);
	v = view(dir);
	/* every line is a loss line in its own format */
	assert_true(run_view_points(v, &pts) >= 3);
	run_view_free(v);
}

/* A command that catches SIGTERM and exits on its own after a stop was
 * still stopped by the person: "stopped", not "failed". */
static void test_stop_exit_codes(void **state)
{
	static const struct {
		const char *code, *why;
	} cases[] = {
	        {"143", "stopped"},
	        {"0", "stopped"},
	        {"3", "stopped (it exited with status 3)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char dir[4096];
		struct run_status st;
		struct run_view *v;
		const char *lines[2];
		start(dir, "termexit", cases[i].code, NULL, 5000);
		v = view(dir);
		/* the handler is in place once it printed */
		for (int t = 0; t < 300 && run_view_tail(v, lines, 1) == 0; t++) {
			msleep(10);
			run_view_update(v, NULL);
		}
		run_view_free(v);
		assert_int_equal(run_stop(dir, NULL), 0);
		wait_end(dir, &st, 5000);
		assert_int_equal(st.signal, 0);
		assert_int_equal(run_view_state_of_dir(dir), RUN_STOPPED);
		why_eq(dir, cases[i].why);
	}
}

/* kill -9 of the supervisor: the heartbeat stops, the run reads as lost
 * with what is known, and it stops costing money. */
static void test_supervisor_killed(void **state)
{
	char dir[4096], pf[4200], why[512], want[128], *argv[] = {trainer, "pidfile", pf, NULL};
	struct run_spec spec;
	struct run_status st, st2;
	struct run_view *v;
	struct run_progress p1, p2;
	int64_t now;
	int t;

	(void)state;
	snprintf(pf, sizeof(pf), "%s/lost.pid", root);
	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.name = "lost";
	spec.sample_ms = 100;
	spec.gpus = 1;
	spec.gpu_source = RUN_GPUS_FLAG;
	spec.prices.gpu_hourly = 3600000000; /* $3,600 per GPU-hour: $1 a second */
	assert_int_equal(run_start(&spec, dir, sizeof(dir), NULL), 0);
	read_pidfile(pf);
	assert_int_equal(run_status_read(dir, &st, NULL), 0);
	/* the heartbeat moves while the supervisor lives */
	for (t = 0; t < 300; t++) {
		assert_int_equal(run_status_read(dir, &st2, NULL), 0);
		if (st2.heard_ms > st.heard_ms && st.heard_ms > 0)
			break;
		msleep(10);
	}
	assert_true(st2.heard_ms > st.heard_ms);
	assert_int_equal(kill(st2.supervisor, SIGKILL), 0);
	for (t = 0; t < 300 && run_is_live(dir); t++)
		msleep(10);
	assert_false(run_is_live(dir));
	v = view(dir);
	assert_int_equal(run_view_state(v), RUN_LOST);
	now = run_now_ms();
	run_view_progress(v, now, &p1);
	run_view_progress(v, now + 60000, &p2);
	assert_int_equal(p1.child_alive, 1);
	assert_true(p1.last_heard_ms >= st2.heard_ms);
	assert_true(p1.elapsed_ms > 0);
	assert_int_equal(p1.elapsed_ms, p2.elapsed_ms); /* frozen at the last record */
	assert_true(p1.burn_ok && p1.burn.spent > 0);
	assert_int_equal(p1.burn.spent, p2.burn.spent);
	assert_int_equal(p1.gpus, 1);
	assert_int_equal(p1.gpu_source, RUN_GPUS_FLAG);
	run_status_why(run_view_status(v), RUN_LOST, why, sizeof(why));
	snprintf(want, sizeof(want), "supervisor (pid %d) gone; last heard from ",
	         (int)st2.supervisor);
	if (strncmp(why, want, strlen(want)))
		fail_msg("why: \"%s\"", why);
	snprintf(want, sizeof(want), "; the training process (pgid %d) is still running",
	         (int)st2.pgid);
	if (!strstr(why, want))
		fail_msg("why: \"%s\", expected \"%s\"", why, want);
	assert_null(strstr(why, "rebooted"));
	/* and once the group is gone too */
	assert_int_equal(kill(-st2.pgid, SIGKILL), 0);
	for (t = 0; t < 300 && run_child_alive(&st2); t++)
		msleep(10);
	run_view_update(v, NULL);
	run_view_progress(v, run_now_ms(), &p1);
	assert_int_equal(p1.child_alive, 0);
	run_status_why(run_view_status(v), RUN_LOST, why, sizeof(why));
	if (!strstr(why, "has ended"))
		fail_msg("why: \"%s\"", why);
	run_view_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(test_proto_points, teardown_case),
	        cmocka_unit_test_teardown(test_exit3, teardown_case),
	        cmocka_unit_test_teardown(test_crash, teardown_case),
	        cmocka_unit_test_teardown(test_bad_path, teardown_case),
	        cmocka_unit_test_teardown(test_oom_kill, teardown_case),
	        cmocka_unit_test_teardown(test_stop_ignoring_term, teardown_case),
	        cmocka_unit_test_teardown(test_stop_kills_workers, teardown_case),
	        cmocka_unit_test_teardown(test_big_output, teardown_case),
	        cmocka_unit_test_teardown(test_escapes_removed, teardown_case),
	        cmocka_unit_test_teardown(test_pause_resume, teardown_case),
	        cmocka_unit_test_teardown(test_detach_reattach, teardown_case),
	        cmocka_unit_test_teardown(test_stall_clock, teardown_case),
	        cmocka_unit_test_teardown(test_procstat_busy, teardown_case),
	        cmocka_unit_test_teardown(test_restart_and_list, teardown_case),
	        cmocka_unit_test_teardown(test_safety, teardown_case),
	        cmocka_unit_test_teardown(test_formats, teardown_case),
	        cmocka_unit_test_teardown(test_pty, teardown_case),
	        cmocka_unit_test_teardown(test_spec_from_scenario, teardown_case),
	        cmocka_unit_test_teardown(test_stop_exit_codes, teardown_case),
	        cmocka_unit_test_teardown(test_supervisor_killed, teardown_case),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
