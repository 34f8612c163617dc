/* test_run_records.c — the run directory's files without a supervisor:
 * metrics.jsonl records round-trip, a half-written line waits for its end,
 * inotify wakes a reader, status round-trips and a run whose supervisor
 * vanished reads as lost, frozen at its last sign of life; ETA on active
 * time, states and their words, the GPU count's source, torn lines.  Uses src/run/run_int.h
 * (internal codec).
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/file.h>
#include <math.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/run/run_int.h"
#include "testutil.h"

static void test_point_roundtrip(void **state)
{
	struct metric_point mp = {0}, *q;
	struct run_record r;
	char buf[1024];
	size_t n;

	(void)state;
	mp.has = MP_STEP | MP_TOTAL | MP_EPOCH | MP_LOSS | MP_VAL_LOSS | MP_LR | MP_THROUGHPUT |
	         MP_MFU;
	mp.step = 1874;
	mp.total = 9380;
	mp.epoch = 0.25;
	mp.loss = 0.3124;
	mp.val_loss = NAN;
	mp.lr = 4.58e-05;
	mp.throughput = 1240.5;
	mp.rate_unit = RATE_TOKENS;
	mp.mfu = 34.5;
	mp.format = LOGFMT_NANOGPT;
	n = metrics_fmt_point(buf, sizeof(buf), 1764390000.123, &mp);
	assert_true(n > 0 && buf[n - 1] == '\n');
	assert_true(strstr(buf, "\"val_loss\":null") != NULL);
	assert_int_equal(metrics_parse(buf, n - 1, &r), 0);
	q = &r.mp;
	assert_int_equal(r.type, REC_POINT);
	assert_float_equal(r.t, 1764390000.123, 1e-3);
	assert_int_equal(q->has, mp.has & ~(unsigned)MP_VAL_LOSS); /* null = not reported */
	assert_int_equal(q->step, 1874);
	assert_int_equal(q->total, 9380);
	assert_float_equal(q->epoch, 0.25, 1e-12);
	assert_float_equal(q->loss, 0.3124, 1e-12);
	assert_float_equal(q->lr, 4.58e-05, 1e-15);
	assert_int_equal(q->rate_unit, RATE_TOKENS);
	assert_int_equal(q->format, LOGFMT_NANOGPT);
	assert_int_equal(metrics_parse("{\"v\":1,\"type\":", 15, &r), -1);
	assert_int_equal(metrics_parse("{\"v\":2,\"type\":\"future\",\"x\":[\"a\"]}", 33, &r), 0);
	assert_int_equal(r.type, REC_NONE);
}

static void test_json_strings(void **state)
{
	char buf[512], *argv[] = {"py", "a \"q\" \\ \n\x01 é", NULL};
	struct jw w;
	size_t n;

	(void)state;
	jw_begin(&w, buf, sizeof(buf));
	jw_strv(&w, "argv", argv);
	n = jw_end(&w);
	assert_string_equal(buf, "{\"argv\":[\"py\",\"a \\\"q\\\" \\\\ \\u000a\\u0001 é\"]}\n");
	assert_true(n > 0);
	jw_begin(&w, buf, 8);
	jw_str(&w, "k", "too long for the buffer");
	assert_int_equal(jw_end(&w), 0);
}

static void append(const char *dir, const char *s)
{
	char p[4200];
	int fd;

	snprintf(p, sizeof(p), "%s/metrics.jsonl", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_APPEND, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
}

static void test_follow_partial_and_lost(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", *argv[] = {"python", "train.py", NULL};
	struct run_command c = {0};
	struct run_status st = {0}, back;
	struct run_view *v;
	const struct run_point *pts;
	struct pollfd pf;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	c.argv = argv;
	c.argc = 2;
	c.gpus = 0;
	c.prices.override_hourly = -1;
	snprintf(c.cwd, sizeof(c.cwd), "/tmp");
	assert_int_equal(runcmd_write(tmpl, &c, NULL), 0);
	st.supervisor = 999999;
	st.pid = st.pgid = 999998;
	st.start_ms = 1000;
	assert_int_equal(run_status_write(tmpl, &st, NULL), 0);
	assert_int_equal(run_status_read(tmpl, &back, NULL), 0);
	assert_int_equal(back.pgid, 999998);
	assert_int_equal(back.start_ms, 1000);

	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	assert_string_equal(run_view_command(v), "python train.py");
	assert_true(run_view_update(v, NULL) & RUN_CHG_STATUS);
	assert_int_equal(run_view_state(v), RUN_LOST); /* no lock holder, no end */
	append(tmpl, "{\"v\":1,\"t\":2.5,\"type\":\"point\",\"step\":1,\"lo");
	assert_int_equal(run_view_update(v, NULL) & RUN_CHG_POINTS, 0);
	assert_int_equal(run_view_points(v, &pts), 0);
	append(tmpl,
	       "ss\":2.5}\n{\"v\":1,\"t\":3.5,\"type\":\"cpu\",\"cpu_pct\":150,\"rss_bytes\":1000,"
	       "\"nproc\":2,\"cpu_ms\":99}\n");
	if (run_view_fd(v) >= 0) {
		pf.fd = run_view_fd(v);
		pf.events = POLLIN;
		assert_int_equal(poll(&pf, 1, 1000), 1); /* inotify woke us */
	}
	assert_int_equal(run_view_update(v, NULL) & (RUN_CHG_POINTS | RUN_CHG_SAMPLES),
	                 RUN_CHG_POINTS | RUN_CHG_SAMPLES);
	assert_int_equal(run_view_points(v, &pts), 1);
	assert_float_equal(pts[0].mp.loss, 2.5, 0);
	assert_float_equal(run_view_cpu(v)->cpu_pct, 150, 0);
	assert_int_equal(run_view_cpu(v)->cpu_ms, 99);
	append(tmpl,
	       "garbage line\n{\"v\":1,\"t\":4,\"type\":\"point\",\"step\":2,\"loss\":1.5}\n");
	run_view_update(v, NULL);
	assert_int_equal(run_view_points(v, &pts), 2); /* a bad line is skipped */
	run_view_free(v);

	/* without inotify: no fd, a shorter poll period, the same records */
	setenv("CAPDASH_NO_INOTIFY", "1", 1);
	v = run_view_open(tmpl, NULL);
	unsetenv("CAPDASH_NO_INOTIFY");
	assert_non_null(v);
	assert_int_equal(run_view_fd(v), -1);
	assert_true(run_view_poll_ms(v) <= 250);
	assert_true(run_view_update(v, NULL) & RUN_CHG_POINTS);
	assert_int_equal(run_view_points(v, &pts), 2);
	append(tmpl, "{\"v\":1,\"t\":5,\"type\":\"point\",\"step\":3,\"loss\":1}\n");
	assert_true(run_view_update(v, NULL) & RUN_CHG_POINTS);
	assert_int_equal(run_view_points(v, &pts), 3);
	run_view_free(v);
	assert_int_equal(test_rmtree(tmpl), 0);
}

/* A live run (we hold its lock), an injected clock: ETA, best loss, stall
 * and burn computed from known points. */
static void test_progress_clock(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", *argv[] = {"train", NULL}, lock[4200];
	struct run_command c = {0};
	struct run_status st = {0};
	struct run_view *v;
	struct run_progress p;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	c.argv = argv;
	c.argc = 1;
	c.gpus = 2;
	c.total_steps = 100;
	c.prices.mode = BURN_RENT;
	c.prices.gpu_hourly = 1000000; /* $1 per GPU-hour */
	c.prices.override_hourly = -1;
	c.prices.team_monthly = INT64_C(730000000); /* $730 a month: $1/h */
	assert_int_equal(runcmd_write(tmpl, &c, NULL), 0);
	st.supervisor = getpid();
	st.pid = st.pgid = getpid();
	st.start_ms = 100000;
	assert_int_equal(run_status_write(tmpl, &st, NULL), 0);
	snprintf(lock, sizeof(lock), "%s/lock", tmpl);
	fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	append(tmpl, "{\"t\":100,\"type\":\"point\",\"step\":10,\"loss\":3}\n"
	             "{\"t\":105,\"type\":\"point\",\"step\":15,\"loss\":null}\n"
	             "{\"t\":110,\"type\":\"point\",\"step\":20,\"loss\":1}\n"
	             "{\"t\":111,\"type\":\"point\",\"val_loss\":2.5}\n"
	             "{\"t\":112,\"type\":\"point\",\"step\":22,\"loss\":2}\n");
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	run_view_update(v, NULL);
	assert_int_equal(run_view_state(v), RUN_RUNNING);
	run_view_progress(v, 112000, &p);
	assert_int_equal(p.step, 22);
	assert_int_equal(p.total, 100);    /* from --total-steps */
	assert_int_equal(p.eta_ms, 78000); /* 1 s/step over the window, 78 to go */
	assert_float_equal(p.loss, 2, 0);
	assert_float_equal(p.best_loss, 1, 0);
	assert_float_equal(p.val_loss, 2.5, 0);
	assert_int_equal(p.elapsed_ms, 12000);
	assert_false(p.stalled);
	assert_true(p.burn_ok);
	assert_int_equal(p.burn.per_hour, 2000000);
	assert_int_equal(p.burn.spent, 6667);             /* $2/h for 12 s */
	assert_int_equal(p.burn.projected, 6667 + 43333); /* + $2/h × 78 s */
	assert_int_equal(p.burn.team_per_hour, 1000000);
	/* 10 × median interval (3 s) is under a minute: the floor applies */
	assert_int_equal(p.stall_after_ms, 60000);
	run_view_progress(v, 112000 + 60001, &p);
	assert_true(p.stalled);
	assert_int_equal(p.quiet_ms, 60001);
	run_view_free(v);
	close(fd);
	assert_int_equal(test_rmtree(tmpl), 0);
}

static void test_smooth(void **state)
{
	double y[] = {1, 2, NAN, 3}, out[4], raw[2] = {5, 7};

	(void)state;
	run_smooth_ema(y, 4, 0.5, out);
	assert_float_equal(out[0], 1.0, 1e-12); /* debiased: starts at the value */
	assert_float_equal(out[1], 1.25 / 0.75, 1e-12);
	assert_float_equal(out[2], 1.25 / 0.75, 1e-12); /* NaN skipped */
	assert_float_equal(out[3], 2.125 / 0.875, 1e-12);
	run_smooth_ema(raw, 2, 0, raw); /* in place, no smoothing */
	assert_float_equal(raw[0], 5, 0);
	assert_float_equal(raw[1], 7, 0);
	run_smooth_ema(y + 2, 1, 0.6, out);
	assert_true(isnan(out[0]));
}

/* A run directory with a `command` (gpus, total, $3,600 per GPU-hour: $1 a
 * second per GPU) and status st, in a new temporary directory. */
static void make_run(char *tmpl, int64_t gpus, int64_t total, const struct run_status *st)
{
	char *argv[] = {"train", NULL};
	struct run_command c = {0};

	assert_non_null(mkdtemp(tmpl));
	c.argv = argv;
	c.argc = 1;
	c.gpus = gpus;
	c.gpu_source = gpus < 0 ? RUN_GPUS_DETECTED : RUN_GPUS_FLAG;
	c.total_steps = total;
	c.prices.mode = BURN_RENT;
	c.prices.gpu_hourly = INT64_C(3600000000);
	c.prices.override_hourly = -1;
	assert_int_equal(runcmd_write(tmpl, &c, NULL), 0);
	assert_int_equal(run_status_write(tmpl, st, NULL), 0);
}

static void remove_run(const char *tmpl)
{
	assert_int_equal(test_rmtree(tmpl), 0);
}

static int hold_lock(const char *dir)
{
	char lock[4200];
	int fd;

	snprintf(lock, sizeof(lock), "%s/lock", dir);
	fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	return fd;
}

/* Issue 12 #3: the ETA stands still while the run is paused, and the pause
 * does not slow the measured rate afterwards. */
static void test_eta_paused(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", line[256];
	struct run_status st = {0};
	struct run_view *v;
	struct run_progress p, q;
	int fd;

	(void)state;
	st.supervisor = st.pid = st.pgid = getpid();
	st.start_ms = 100000;
	make_run(tmpl, 1, 20, &st);
	fd = hold_lock(tmpl);
	for (int i = 0; i <= 10; i++) { /* 1 s a step */
		snprintf(line, sizeof(line), "{\"t\":%d,\"type\":\"point\",\"step\":%d}\n", 100 + i,
		         i);
		append(tmpl, line);
	}
	append(tmpl, "{\"t\":110.5,\"type\":\"state\",\"state\":\"paused\"}\n");
	st.paused = true;
	st.paused_since_ms = 110500;
	assert_int_equal(run_status_write(tmpl, &st, NULL), 0);
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	run_view_update(v, NULL);
	assert_int_equal(run_view_state(v), RUN_PAUSED);
	run_view_progress(v, 112000, &p);
	run_view_progress(v, 115000, &q);
	assert_int_equal(p.eta_ms, 9500); /* 10 steps at 1 s, 0.5 s of one done */
	assert_int_equal(q.eta_ms, p.eta_ms);
	assert_int_equal(q.elapsed_ms, 15000);
	assert_int_equal(q.active_ms, 10500);
	/* resumed at 120 after 9.5 s paused; one more step at 121 */
	append(tmpl, "{\"t\":120,\"type\":\"state\",\"state\":\"running\"}\n"
	             "{\"t\":121,\"type\":\"point\",\"step\":11}\n");
	st.paused = false;
	st.paused_since_ms = 0;
	st.paused_ms = 9500;
	assert_int_equal(run_status_write(tmpl, &st, NULL), 0);
	run_view_update(v, NULL);
	run_view_progress(v, 121000, &p);
	/* 11 steps in 11.5 active seconds, 9 to go: about 9.4 s, not the
	 * 17 s that counting the pause as work would give */
	assert_int_equal(p.eta_ms, 9409);
	assert_int_equal(p.active_ms, 11500);
	assert_int_equal(p.quiet_ms, 0);
	run_view_free(v);
	close(fd);
	remove_run(tmpl);
}

/* Issue 11: a run nobody supervises is timed and priced up to its last
 * sign of life, whatever the clock says. */
static void test_lost_run_frozen(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", why[512];
	struct run_status st = {0};
	struct run_view *v;
	struct run_progress p, q;

	(void)state;
	st.supervisor = 999999;
	st.pid = st.pgid = 999998;
	st.start_ms = 100000;
	st.heard_ms = 130000;
	make_run(tmpl, 2, 0, &st);
	append(tmpl, "{\"t\":110,\"type\":\"point\",\"step\":27,\"loss\":1}\n"
	             "{\"t\":125,\"type\":\"cpu\",\"cpu_pct\":100,\"cpu_ms\":5}\n");
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	run_view_update(v, NULL);
	assert_int_equal(run_view_state(v), RUN_LOST); /* no lock holder */
	run_view_progress(v, 200000, &p);
	run_view_progress(v, 900000, &q);
	assert_int_equal(p.elapsed_ms, 30000); /* start → heartbeat */
	assert_int_equal(q.elapsed_ms, 30000);
	assert_int_equal(p.burn.spent, 60000000); /* 2 GPUs × $1/s × 30 s */
	assert_int_equal(q.burn.spent, p.burn.spent);
	assert_int_equal(q.burn.cpu_per_hour, 0); /* nothing is burning */
	assert_int_equal(p.last_heard_ms, 130000);
	assert_false(p.stalled);
	/* a record newer than the heartbeat counts as a sign of life */
	append(tmpl, "{\"t\":140,\"type\":\"cpu\",\"cpu_pct\":100,\"cpu_ms\":9}\n");
	run_view_update(v, NULL);
	run_view_progress(v, 900000, &q);
	assert_int_equal(q.elapsed_ms, 40000);
	assert_int_equal(q.last_heard_ms, 140000);
	run_lost_text(run_view_status(v), 140000, 1, 152000, why, sizeof(why));
	assert_string_equal(why, "supervisor (pid 999999) gone; last heard from 12s ago at "
	                         "00:02:20; the training process (pgid 999998) is still running");
	run_lost_text(run_view_status(v), 140000, 0, 140000 + 3 * 86400000LL, why, sizeof(why));
	assert_string_equal(why, "supervisor (pid 999999) gone; last heard from 3d00h ago at "
	                         "1970-01-01 00:02; the training process (pgid 999998) has ended");
	run_lost_text(run_view_status(v), 0, -1, 1000, why, sizeof(why));
	assert_string_equal(why, "supervisor (pid 999999) gone without recording an end");
	run_view_free(v);
	remove_run(tmpl);
}

/* Issue 12 #6: the person's stop is not a failure, however the command
 * ended after it. */
static void test_states_and_why(void **state)
{
	static const struct {
		bool ended, stop, live;
		int code, sig, eno;
		enum run_state want;
		const char *why;
	} cases[] = {
	        {true, false, false, 0, 0, 0, RUN_FINISHED, "finished"},
	        {true, false, false, 3, 0, 0, RUN_FAILED, "exited with status 3"},
	        {true, false, false, 0, SIGSEGV, 0, RUN_FAILED,
	         "crashed (SIGSEGV: Segmentation fault)"},
	        {true, false, false, 0, SIGKILL, 0, RUN_FAILED, "killed (SIGKILL: out of memory?)"},
	        {true, false, false, 127, 0, 2, RUN_FAILED,
	         "could not start: No such file or directory"},
	        {true, true, false, 0, SIGTERM, 0, RUN_STOPPED, "stopped"},
	        {true, true, false, 143, 0, 0, RUN_STOPPED, "stopped"},
	        {true, true, false, 130, 0, 0, RUN_STOPPED, "stopped"},
	        {true, true, false, 0, 0, 0, RUN_STOPPED, "stopped"},
	        {true, true, false, 0, SIGKILL, 0, RUN_STOPPED,
	         "stopped (SIGKILL after the grace period)"},
	        {true, true, false, 3, 0, 0, RUN_STOPPED, "stopped (it exited with status 3)"},
	        {false, true, true, 0, 0, 0, RUN_STOPPING, "stopping"},
	        {false, false, true, 0, 0, 0, RUN_RUNNING, "running"},
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run_status st = {0};
		enum run_state s;
		st.pid = st.pgid = st.supervisor = 5;
		st.ended = cases[i].ended;
		st.stop_requested = cases[i].stop;
		st.exit_code = cases[i].code;
		st.signal = cases[i].sig;
		st.exec_errno = cases[i].eno;
		s = run_state_of(&st, cases[i].live);
		if (s != cases[i].want)
			fail_msg("case %zu: state %s, expected %s", i, run_state_name(s),
			         run_state_name(cases[i].want));
		run_status_why(&st, s, why, sizeof(why));
		if (strcmp(why, cases[i].why))
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, why, cases[i].why);
		assert_null(strstr(why, "after stop"));
	}
	assert_string_equal(run_state_name(RUN_STOPPED), "stopped");
}

/* Status: every field round-trips, the file is padded to a fixed size
 * (so that it can be rewritten on a full disk), an older unpadded file
 * without the new fields still loads, and a torn one leaves a reader with
 * its last good copy. */
static void test_status_file(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", path[4200];
	struct run_status st = {0}, back;
	struct run_view *v;
	struct stat sb;
	ino_t ino;
	FILE *f;

	(void)state;
	st.supervisor = 11;
	st.pid = st.pgid = 12;
	st.start_ms = 1000;
	st.heard_ms = 2000;
	st.paused_ms = 300;
	st.paused_since_ms = 1900;
	st.paused = true;
	st.disk_full_ms = 1500;
	st.dropped_bytes = 123456;
	st.write_errno = 28;
	make_run(tmpl, 1, 0, &st);
	snprintf(path, sizeof(path), "%s/status", tmpl);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 1024);
	assert_int_equal(run_status_read(tmpl, &back, NULL), 0);
	assert_memory_equal(&back, &st, sizeof(st));
	/* the supervisor's way: a twin made at start, swapped in on each write */
	assert_int_equal(run_status_init(tmpl, &st, NULL), 0);
	assert_int_equal(stat(path, &sb), 0);
	ino = sb.st_ino;
	st.dropped_bytes = 654321;
	assert_int_equal(run_status_put(tmpl, &st, false, NULL), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_not_equal(sb.st_ino, ino); /* the twin, now holding the news */
	assert_int_equal(sb.st_size, 1024);
	assert_int_equal(run_status_read(tmpl, &back, NULL), 0);
	assert_int_equal(back.dropped_bytes, 654321);
	snprintf(path, sizeof(path), "%s/.status.spare", tmpl);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_ino, ino);
	assert_int_equal(sb.st_size, 1024);
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	run_view_update(v, NULL);
	assert_int_equal(run_view_status(v)->dropped_bytes, 654321);
	/* torn: the reader keeps what it had */
	snprintf(path, sizeof(path), "%s/status", tmpl);
	assert_non_null(f = fopen(path, "w"));
	fputs("{\"v\":1,\"supervisor\":11,\"pid\":", f);
	fclose(f);
	assert_true(run_view_update(v, NULL) >= 0);
	assert_int_equal(run_view_status(v)->dropped_bytes, 654321);
	/* an older status file */
	assert_non_null(f = fopen(path, "w"));
	fputs("{\"v\":1,\"supervisor\":11,\"pid\":12,\"pgid\":12,\"start_ms\":1000,\"end_ms\":5000,"
	      "\"ended\":true,\"stop_requested\":false,\"paused\":false,\"exit_code\":0,"
	      "\"signal\":0,\"exec_errno\":0}\n",
	      f);
	fclose(f);
	assert_int_equal(run_status_read(tmpl, &back, NULL), 0);
	assert_true(back.ended);
	assert_int_equal(back.heard_ms, 0);
	assert_int_equal(back.dropped_bytes, 0);
	run_view_update(v, NULL);
	assert_int_equal(run_view_state(v), RUN_FINISHED);
	run_view_free(v);
	remove_run(tmpl);
}

/* Issue 12 #7: where the GPU count comes from, and switching it. */
static void test_set_gpus(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX";
	struct run_status st = {0};
	struct run_view *v;
	struct run_progress p;
	struct run_command c;
	struct cd_err err;

	(void)state;
	st.supervisor = st.pid = st.pgid = 5;
	st.start_ms = 100000;
	st.end_ms = 110000;
	st.ended = true;
	make_run(tmpl, -1, 0, &st); /* gpus -1: what NVML finds */
	append(tmpl, "{\"t\":100,\"type\":\"nogpu\",\"why\":\"no NVIDIA GPU\"}\n");
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	run_view_update(v, NULL);
	run_view_progress(v, 200000, &p);
	assert_int_equal(p.gpus, 0); /* none found: why $0.00 */
	assert_int_equal(p.gpu_source, RUN_GPUS_DETECTED);
	assert_int_equal(p.burn.gpu_per_hour, 0);
	assert_string_equal(run_view_nogpu(v), "no NVIDIA GPU");
	assert_int_equal(run_set_gpus(tmpl, 8, RUN_GPUS_PLAN, &err), 0);
	assert_true(run_view_update(v, NULL) & RUN_CHG_STATUS);
	run_view_progress(v, 200000, &p);
	assert_int_equal(p.gpus, 8);
	assert_int_equal(p.gpu_source, RUN_GPUS_PLAN);
	assert_int_equal(p.burn.spent, 80000000); /* 8 × $1/s × 10 s */
	assert_int_equal(run_set_gpus(tmpl, -1, RUN_GPUS_PLAN, &err), -1);
	assert_true(strstr(err.msg, "gpus: expected a whole number") != NULL);
	assert_int_equal(run_set_gpus("/nonexistent/run", 1, RUN_GPUS_PLAN, &err), -1);
	run_view_free(v);
	/* the source recorded at start */
	remove_run(tmpl);
	strcpy(tmpl, "/tmp/capdash-rec-XXXXXX");
	make_run(tmpl, 4, 0, &st);
	assert_int_equal(runcmd_read(tmpl, &c, NULL), 0);
	assert_int_equal(c.gpus, 4);
	assert_int_equal(c.gpu_source, RUN_GPUS_FLAG);
	runcmd_done(&c);
	assert_string_equal(run_gpu_source_name(RUN_GPUS_FLAG), "--gpus");
	remove_run(tmpl);
}

/* A torn last line (the disk filled mid-write in an older version) is not
 * a record and not an error. */
static void test_torn_last_line(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX";
	struct run_status st = {0};
	struct run_view *v;
	const struct run_point *pts;

	(void)state;
	st.supervisor = st.pid = st.pgid = 5;
	st.start_ms = 100000;
	st.end_ms = 110000;
	st.ended = true;
	make_run(tmpl, 0, 0, &st);
	append(tmpl, "{\"t\":101,\"type\":\"point\",\"step\":1}\n"
	             "{\"t\":102,\"type\":\"point\",\"step\":2}\n"
	             "{\"v\":1,\"t\":103,\"type\":\"point\",\"step\":3,\"lo");
	v = run_view_open(tmpl, NULL);
	assert_non_null(v);
	assert_true(run_view_update(v, NULL) >= 0);
	assert_int_equal(run_view_points(v, &pts), 2);
	assert_int_equal(run_view_state(v), RUN_FINISHED);
	run_view_free(v);
	remove_run(tmpl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_point_roundtrip),
	        cmocka_unit_test(test_json_strings),
	        cmocka_unit_test(test_follow_partial_and_lost),
	        cmocka_unit_test(test_progress_clock),
	        cmocka_unit_test(test_smooth),
	        cmocka_unit_test(test_eta_paused),
	        cmocka_unit_test(test_lost_run_frozen),
	        cmocka_unit_test(test_states_and_why),
	        cmocka_unit_test(test_status_file),
	        cmocka_unit_test(test_set_gpus),
	        cmocka_unit_test(test_torn_last_line),
	};
	/* times of day in the expected texts are UTC */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
