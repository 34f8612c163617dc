/* test_run_records.c — the run directory's files without a supervisor:
 * metrics.jsonl records round-trip, a half-written line waits for its end,
 * inotify wakes a reader, status round-trips and a run whose supervisor
 * vanished reads as lost.  Uses src/run/run_int.h (internal codec).
 */
#include <fcntl.h>
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
	char cmd[256];

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
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
	assert_int_equal(system(cmd), 0);
}

/* A live run (we hold its lock), an injected clock: ETA, best loss, stall
 * and burn computed from known points. */
static void test_progress_clock(void **state)
{
	char tmpl[] = "/tmp/capdash-rec-XXXXXX", *argv[] = {"train", NULL}, lock[4200], cmd[256];
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
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
	assert_int_equal(system(cmd), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_point_roundtrip),
	        cmocka_unit_test(test_json_strings),
	        cmocka_unit_test(test_follow_partial_and_lost),
	        cmocka_unit_test(test_progress_clock),
	        cmocka_unit_test(test_smooth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
