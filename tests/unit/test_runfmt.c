/* test_runfmt.c — the training pane's status-line text as tables (durations,
 * counts, steps, epochs, rates) and the ETA from recent throughput: steady
 * runs, announced and unannounced pauses, bursts of buffered lines, restarts
 * from a checkpoint, the window, and the width-fitted status line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <time.h>

#include "../../src/ui/runfmt.h"
#include "../../src/ui/runtext.h"

static void test_durations(void **state)
{
	static const struct {
		double s;
		const char *want;
	} t[] = {
	        {0, "0s"},
	        {42, "42s"},
	        {59.9, "59s"},
	        {60, "1m00s"},
	        {252, "4m12s"},
	        {3599, "59m59s"},
	        {3600, "1h00m"},
	        {3780, "1h03m"},
	        {86399, "23h59m"},
	        {100800, "1d04h"},
	        {187140, "2d03h"},
	        {190800, "2d05h"},
	        {8640000, "100d00h"},
	        {-1, "--"},
	        {NAN, "--"},
	        {INFINITY, "--"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(runfmt_duration(buf, sizeof buf, t[i].s), t[i].want);
	assert_string_equal(runfmt_eta(buf, sizeof buf, -1), "unknown");
	assert_string_equal(runfmt_eta(buf, sizeof buf, NAN), "unknown");
	assert_string_equal(runfmt_eta(buf, sizeof buf, 90), "1m30s");
	assert_string_equal(runfmt_duration(buf, 3, 252), "4m"); /* truncated, terminated */
}

static void test_counts(void **state)
{
	static const struct {
		int64_t v;
		const char *full, *brief;
	} t[] = {
	        {0, "0", "0"},
	        {999, "999", "999"},
	        {1000, "1,000", "1,000"},
	        {1874, "1,874", "1,874"},
	        {99999, "99,999", "99,999"},
	        {100000, "100,000", "100k"},
	        {123456, "123,456", "123k"},
	        {999999, "999,999", "1.00M"},
	        {1234567, "1,234,567", "1.23M"},
	        {12345678, "12,345,678", "12.3M"},
	        {-1234567, "-1,234,567", "-1.23M"},
	        {INT64_MIN, "-9,223,372,036,854,775,808", "-9.22E"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_string_equal(runfmt_count(buf, sizeof buf, t[i].v), t[i].full);
		assert_string_equal(runfmt_count_short(buf, sizeof buf, t[i].v), t[i].brief);
	}
	assert_string_equal(runfmt_step(buf, sizeof buf, 1874, 9380), "1,874/9,380");
	assert_string_equal(runfmt_step(buf, sizeof buf, 1874, 0), "1,874");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 2, 10), "2/10");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 0.25, 3), "0.25/3");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, 1.5, 0), "1.5");
	assert_string_equal(runfmt_epoch(buf, sizeof buf, NAN, 3), "--");
}

static void test_rates(void **state)
{
	static const struct {
		double r;
		enum metric_rate_unit u;
		const char *noun, *want;
	} t[] = {
	        {12.34, RATE_ITERS, NULL, "12.3 it/s"},
	        {1240, RATE_SAMPLES, "img", "1,240 img/s"},
	        {1240, RATE_SAMPLES, NULL, "1,240 samples/s"},
	        {3100, RATE_TOKENS, NULL, "3.1k tok/s"},
	        {12345, RATE_TOKENS, NULL, "12.3k tok/s"},
	        {245000, RATE_TOKENS, NULL, "245k tok/s"},
	        {1.5e6, RATE_TOKENS, NULL, "1.50M tok/s"},
	        {150000, RATE_SAMPLES, NULL, "150k samples/s"},
	        {99999, RATE_SAMPLES, NULL, "99,999 samples/s"},
	        {0.4, RATE_ITERS, NULL, "2.5 s/it"},
	        {0.5, RATE_SAMPLES, NULL, "0.5 samples/s"},
	        {0, RATE_ITERS, NULL, "0.0 it/s"},
	        {99.96, RATE_ITERS, NULL, "100 it/s"},
	        {-1, RATE_ITERS, NULL, "--"},
	        {NAN, RATE_TOKENS, NULL, "--"},
	};
	char buf[RUNFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(runfmt_rate(buf, sizeof buf, t[i].r, t[i].u, t[i].noun),
		                    t[i].want);
}

static void test_eta_steady(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	runfmt_eta_init(&e, 0, 0);
	assert_true(runfmt_eta_rate(&e) < 0);
	assert_true(runfmt_eta_seconds(&e, 2000) < 0);
	runfmt_eta_push(&e, 1000, 0);
	assert_true(runfmt_eta_rate(&e) < 0); /* one sample: no rate yet */
	for (int t = 1; t <= 100; t++)
		runfmt_eta_push(&e, 1000 + t, 10 * t);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
	assert_true(fabs(runfmt_eta_seconds(&e, 2000) - 100) < 1e-6);
	assert_true(runfmt_eta_seconds(&e, 0) < 0);    /* no total: unknown */
	assert_true(runfmt_eta_seconds(&e, 500) == 0); /* already there */
	/* a line repeating the step (an eval line) changes nothing */
	runfmt_eta_push(&e, 1130, 1000);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
}

static void test_eta_pauses(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	/* announced: paused 30 s of a 31 s interval */
	runfmt_eta_init(&e, 0, 0);
	for (int t = 0; t < 20; t++)
		runfmt_eta_push(&e, t, 10 * t);
	runfmt_eta_pause(&e, 19.5, true);
	runfmt_eta_pause(&e, 49.5, false);
	runfmt_eta_push(&e, 50, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);

	/* unannounced 100 s gap: longer than max(60 s, 10 × median), left out */
	runfmt_eta_init(&e, 0, 0);
	for (int t = 0; t < 20; t++)
		runfmt_eta_push(&e, t, 10 * t);
	runfmt_eta_push(&e, 119, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
	/* the same gap announced as a pause, then resumed: counted as 0 s */
	runfmt_eta_pause(&e, 120, true);
	runfmt_eta_pause(&e, 220, false);
	runfmt_eta_push(&e, 221, 220);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);
}

static void test_eta_bursts_restart_window(void **state)
{
	struct runfmt_eta_state e;

	(void)state;
	/* pipe-buffered: lines arrive in bursts with the same time */
	runfmt_eta_init(&e, 0, 0);
	runfmt_eta_push(&e, 0, 0);
	runfmt_eta_push(&e, 0, 1);
	runfmt_eta_push(&e, 0, 2);
	runfmt_eta_push(&e, 10, 100);
	runfmt_eta_push(&e, 10, 101);
	runfmt_eta_push(&e, 10, 102);
	runfmt_eta_push(&e, 20, 200);
	assert_true(fabs(runfmt_eta_rate(&e) - 10) < 1e-9);

	/* a restart from a checkpoint: the step goes back, start afresh */
	runfmt_eta_push(&e, 30, 50);
	assert_true(runfmt_eta_rate(&e) < 0);
	runfmt_eta_push(&e, 32, 60);
	assert_true(fabs(runfmt_eta_rate(&e) - 5) < 1e-9);

	/* only the last window_s seconds count: the run sped up */
	runfmt_eta_init(&e, 10, 0);
	for (int t = 0; t <= 50; t++)
		runfmt_eta_push(&e, t, t);
	for (int t = 51; t <= 60; t++)
		runfmt_eta_push(&e, t, 50 + 2 * (t - 50));
	assert_true(fabs(runfmt_eta_rate(&e) - 2) < 1e-9);
	/* more samples than the ring holds: still fine */
	for (int t = 61; t <= 500; t++)
		runfmt_eta_push(&e, t, 70 + 3 * (t - 60));
	assert_true(fabs(runfmt_eta_rate(&e) - 3) < 1e-9);
	assert_true(fabs(runfmt_eta_seconds(&e, 1390 + 300) - 100) < 1e-6);
}

static void test_status_line(void **state)
{
	struct runfmt_status_in in = {
	        .state = "running",
	        .elapsed_s = 252,
	        .has_step = true,
	        .step = 1874,
	        .total = 9380,
	        .epoch = 2,
	        .epochs = 10,
	        .eta_s = 760,
	};
	char buf[256];

	(void)state;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, false),
	                    "running | 4m12s | step 1,874/9,380 | epoch 2/10 | ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 48, true),
	                    "running · 4m12s · step 1,874/9,380 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 40, true),
	                    "running · step 1,874/9,380 · ETA 12m40s");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 30, true),
	                    "running · step 1,874/9,380");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 10, true), "running");
	/* too narrow even for the state: cut, and marked as cut */
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 5, true), "runn…");
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 0, true), "");
	in.total = 0;
	in.eta_s = -1;
	in.epoch = -1;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "running · 4m12s · step 1,874 · ETA unknown");
	in.has_step = false;
	in.elapsed_s = -1;
	in.state = "starting";
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true), "starting");
	assert_string_equal(runfmt_status(buf, 5, &in, 200, true), "star");
}

/* Paused and ended runs: no countdown; paused time said apart. */
static void test_status_paused_ended(void **state)
{
	struct runfmt_status_in in = {
	        .state = "running",
	        .elapsed_s = 252,
	        .paused_s = 63,
	        .has_step = true,
	        .step = 1874,
	        .total = 9380,
	        .epoch = -1,
	        .eta_s = 760,
	};
	char buf[256];

	(void)state;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "running · 4m12s active, 1m03s paused · step 1,874/9,380 · ETA 12m40s");
	in.state = "paused for 5s";
	in.paused_s = 0;
	in.say_active = true;
	in.no_eta = true;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, true),
	                    "paused for 5s · 4m12s active · step 1,874/9,380");
	in.state = "stopped";
	in.say_active = false;
	assert_string_equal(runfmt_status(buf, sizeof buf, &in, 200, false),
	                    "stopped | 4m12s | step 1,874/9,380");
}

static void test_fit_and_join(void **state)
{
	static const struct {
		const char *s;
		int width;
		bool utf8;
		const char *want;
	} t[] = {
	        {"fits exactly", 12, true, "fits exactly"},
	        {"val loss 0.410 (lowest 0.398)", 20, true, "val loss 0.410…"},
	        {"val loss 0.410 (lowest 0.398)", 20, false, "val loss 0.410..."},
	        /* a separator before the cut goes too */
	        {"$2.49/h · spent $0.01 · at finish $0.04", 24, true, "$2.49/h · spent $0.01…"},
	        {"team $616.44/h, more", 16, true, "team $616.44/h…"},
	        /* one word wider than the room: cut inside, and marked */
	        {"/work/main/build/tests/helpers/faketrain", 12, true, "/work/main/…"},
	        {"abc", 1, true, "…"},
	        {"abc", 0, true, ""},
	        {"héllo wörld", 8, true, "héllo…"},
	};
	struct runfmt_field f[4] = {{"loss 0.334 (lowest 0.312)", 5},
	                            {"val loss 0.410 (lowest 0.398)", 4},
	                            {"1,000 samples/s", 3},
	                            {"", 9}};
	char buf[256];

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(runfmt_fit(buf, sizeof buf, t[i].s, t[i].width, t[i].utf8),
		                    t[i].want);
	assert_string_equal(runfmt_join(buf, sizeof buf, f, 4, " · ", 200, true),
	                    "loss 0.334 (lowest 0.312) · val loss 0.410 (lowest 0.398) · 1,000 "
	                    "samples/s");
	/* too wide: the least kept field goes first, whole */
	assert_string_equal(runfmt_join(buf, sizeof buf, f, 4, " · ", 60, true),
	                    "loss 0.334 (lowest 0.312) · val loss 0.410 (lowest 0.398)");
	assert_string_equal(runfmt_join(buf, sizeof buf, f, 4, " · ", 40, true),
	                    "loss 0.334 (lowest 0.312)");
	assert_string_equal(runfmt_join(buf, sizeof buf, f, 4, " · ", 16, true), "loss 0.334…");
	assert_int_equal(runfmt_width("a · b"), 5);
	assert_string_equal(runfmt_bytes(buf, sizeof buf, 512), "512 B");
	assert_string_equal(runfmt_bytes(buf, sizeof buf, 1500), "1.5 KB");
	assert_string_equal(runfmt_bytes(buf, sizeof buf, 120000), "120 KB");
	assert_string_equal(runfmt_bytes(buf, sizeof buf, 3400000), "3.4 MB");
	assert_string_equal(runfmt_bytes(buf, sizeof buf, -1), "--");
}

/* ---- the pane's sentences (runtext.h) ---- */

#define NOW_MS INT64_C(1796220150000) /* 2026-12-02 14:02:30 UTC */

struct rt_case {
	struct run_progress p;
	struct run_status st;
	struct burn_prices pr;
	struct runtext_in in;
};

/* A run at step 1,874 of 9,380 after 4m12s, no GPU found, the seed's
 * prices (rent $2.49/GPU-hour, CPU free), a team of $616.44/h. */
static void rt_init(struct rt_case *c, enum run_state s)
{
	memset(c, 0, sizeof *c);
	c->p.state = s;
	c->p.elapsed_ms = 252000;
	c->p.has_step = true;
	c->p.step = 1874;
	c->p.total = 9380;
	c->p.epoch = 2;
	c->p.epochs = 10;
	c->p.eta_ms = 760000;
	c->p.burn_ok = true;
	c->p.burn.team_per_hour = 616440000;
	c->p.burn.projected = -1;
	c->p.gpu_source = RUN_GPUS_DETECTED;
	c->p.child_alive = -1;
	c->st.supervisor = 4242;
	c->st.start_ms = NOW_MS - 252000;
	c->pr.mode = BURN_RENT;
	c->pr.gpu_hourly = 2490000;
	c->pr.override_hourly = -1;
	c->in = (struct runtext_in){.p = &c->p,
	                            .st = &c->st,
	                            .prices = &c->pr,
	                            .command = "python train.py --lr 3e-4",
	                            .now_ms = NOW_MS,
	                            .plan_gpus = 5,
	                            .gpu_key = "G",
	                            .utf8 = true};
}

static const char *note(struct rt_case *c, enum runtext_tone *tone, int width)
{
	static char buf[512];

	return runtext_note(buf, sizeof buf, &c->in, width, tone);
}

static void test_runtext_states(void **state)
{
	struct rt_case c;
	enum runtext_tone tone;
	char buf[512];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	rt_init(&c, RUN_RUNNING);
	assert_string_equal(runtext_status(buf, sizeof buf, &c.in, 200),
	                    "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s");
	assert_string_equal(note(&c, &tone, 200), "$ python train.py --lr 3e-4");
	assert_int_equal(tone, RT_DIM);
	/* paused: how long this pause is, the active time, no countdown */
	rt_init(&c, RUN_PAUSED);
	c.p.elapsed_ms = 257000;
	c.p.active_ms = 252000;
	c.st.paused_since_ms = NOW_MS - 5000;
	assert_string_equal(runtext_status(buf, sizeof buf, &c.in, 200),
	                    "paused for 5s · 4m12s active · step 1,874/9,380 · epoch 2/10");
	/* running again after a pause: active time and paused time apart */
	c.p.state = RUN_RUNNING;
	c.p.elapsed_ms = 315000;
	c.st.paused_since_ms = 0;
	assert_string_equal(runtext_status(buf, sizeof buf, &c.in, 200),
	                    "running · 4m12s active, 1m03s paused · step 1,874/9,380 · epoch "
	                    "2/10 · ETA 12m40s");
	/* stopped by the person: "stopped", once, and no failure */
	rt_init(&c, RUN_STOPPED);
	c.in.why = "exited with status 143 after stop";
	assert_string_equal(runtext_status(buf, sizeof buf, &c.in, 200),
	                    "stopped · 4m12s · step 1,874/9,380 · epoch 2/10");
	assert_string_equal(note(&c, &tone, 200), "$ python train.py --lr 3e-4");
	assert_int_not_equal(tone, RT_BAD);
	/* finished: said once, in the state */
	rt_init(&c, RUN_FINISHED);
	c.in.why = "finished";
	assert_string_equal(note(&c, &tone, 200), "$ python train.py --lr 3e-4");
	/* a command that never started: why, no time, the command */
	rt_init(&c, RUN_FAILED);
	c.p.has_step = false;
	c.p.epoch = 0;
	c.p.elapsed_ms = 0;
	c.st.exec_errno = ENOENT;
	c.in.command = "/nonexistent/train";
	c.in.why = "could not start: No such file or directory";
	assert_string_equal(runtext_status(buf, sizeof buf, &c.in, 200), "failed");
	assert_string_equal(note(&c, &tone, 200),
	                    "could not start: No such file or directory · $ /nonexistent/train");
	assert_int_equal(tone, RT_BAD);
	/* narrower: the program's name rather than losing the command */
	assert_string_equal(note(&c, &tone, 56),
	                    "could not start: No such file or directory · $ train");
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "nothing spent: the command never started");
	assert_false(runtext_offer(buf, sizeof buf, &c.in, 200));
	/* lost: what is known, from the reader's fields */
	rt_init(&c, RUN_LOST);
	c.p.last_heard_ms = NOW_MS - 12000;
	c.p.child_alive = 1;
	assert_string_equal(
	        note(&c, &tone, 200),
	        "supervisor (pid 4242) gone, last heard 12s ago; training process still running");
	assert_int_equal(tone, RT_BAD);
	/* narrower: shorter forms that keep the pid and the training's fate */
	assert_string_equal(
	        note(&c, &tone, 70),
	        "supervisor (pid 4242) gone, last heard 12s ago; training still running");
	assert_string_equal(note(&c, &tone, 56),
	                    "supervisor pid 4242 gone 12s ago; training still running");
	assert_string_equal(note(&c, &tone, 47), "supervisor gone 12s ago; training still running");
	assert_string_equal(note(&c, &tone, 45), "supervisor gone; training still running");
	c.p.child_alive = 0;
	assert_string_equal(
	        note(&c, &tone, 200),
	        "supervisor (pid 4242) gone, last heard 12s ago; training process ended");
	c.p.child_alive = -1;
	assert_string_equal(note(&c, &tone, 200), "supervisor (pid 4242) gone, last heard 12s ago");
	/* disk full: plainly, and that the run goes on */
	rt_init(&c, RUN_RUNNING);
	c.p.disk_full = true;
	c.p.disk_full_since_ms = NOW_MS - 30000;
	c.p.dropped_bytes = 120000;
	assert_string_equal(note(&c, &tone, 200),
	                    "disk full since 14:02 — 120 KB of output not stored; the run goes on");
	assert_int_equal(tone, RT_WARN);
	assert_string_equal(note(&c, &tone, 40), "disk full since 14:02, 120 KB not stored");
	/* ended after a full disk: what was lost stays said */
	c.p.state = RUN_FINISHED;
	assert_string_equal(note(&c, &tone, 200),
	                    "120 KB of output not stored (disk full) · $ python "
	                    "train.py --lr 3e-4");
	/* a long path: the program's name, not its directory */
	rt_init(&c, RUN_RUNNING);
	c.in.command = "/work/main/build/tests/helpers/faketrain proto 3000 40";
	assert_string_equal(note(&c, &tone, 40), "$ faketrain proto 3000 40");
	assert_string_equal(runtext_clock(buf, sizeof buf, NOW_MS - 86400000, NOW_MS),
	                    "Dec 01 14:02");
}

static void test_runtext_money(void **state)
{
	struct rt_case c;
	enum runtext_tone tone;
	char buf[512];

	(void)state;
	/* no GPU found, CPU free: $0.00 says why, and the plan's count is offered */
	rt_init(&c, RUN_RUNNING);
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "$0.00/h — no GPU detected, CPU price $0 · spent $0.00");
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200), "team $616.44/h");
	assert_true(runtext_offer(buf, sizeof buf, &c.in, 200));
	assert_string_equal(buf, "G prices this run at the plan's 5 GPUs");
	assert_true(runtext_offer(buf, sizeof buf, &c.in, 30));
	assert_string_equal(buf, "G: plan's 5 GPUs");
	c.in.plan_gpus = 0; /* nothing to offer */
	assert_false(runtext_offer(buf, sizeof buf, &c.in, 200));
	assert_string_equal(buf, "");
	/* CPU priced: a rate, and where the GPU count comes from */
	rt_init(&c, RUN_RUNNING);
	c.pr.cpu_core_hourly = 50000;
	c.p.burn.per_hour = 40000;
	c.p.burn.spent = 300;
	c.p.burn.projected = 9000;
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "$0.0400/h · spent $0.0003 · at finish $0.0090");
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200),
	                    "no GPU detected · team $616.44/h");
	/* priced at the plan's GPUs */
	rt_init(&c, RUN_RUNNING);
	c.p.gpus = 5;
	c.p.gpu_source = RUN_GPUS_PLAN;
	c.p.burn.per_hour = 12450000;
	c.p.burn.spent = 1230000;
	c.p.burn.projected = 4560000;
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "$12.45/h · spent $1.23 · at finish $4.56");
	assert_int_equal(tone, RT_ACCENT);
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200),
	                    "5 GPUs (plan) · team $616.44/h");
	assert_false(runtext_offer(buf, sizeof buf, &c.in, 200));
	c.p.gpus = 8;
	c.p.gpu_source = RUN_GPUS_FLAG;
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200),
	                    "8 GPUs (--gpus) · team $616.44/h");
	c.p.gpus = 1;
	c.p.gpu_source = RUN_GPUS_DETECTED;
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200),
	                    "1 GPU (detected) · team $616.44/h");
	/* paused GPUs still cost: said first */
	c.p.state = RUN_PAUSED;
	c.p.burn.paused_cost = true;
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "paused, GPUs still cost $12.45/h · spent $1.23 · at finish $4.56");
	assert_int_equal(tone, RT_WARN);
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 50, &tone),
	                    "paused, GPUs still cost $12.45/h · spent $1.23");
	/* ended: what it cost */
	c.p.state = RUN_FINISHED;
	c.p.burn.paused_cost = false;
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "spent $1.23 at $12.45/h");
	rt_init(&c, RUN_STOPPED);
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "spent $0.00 — no GPU detected, CPU price $0");
	/* a fixed price: the GPU count does not matter, nothing is offered */
	rt_init(&c, RUN_RUNNING);
	c.pr.override_hourly = 40000000;
	c.p.burn.per_hour = 40000000;
	assert_string_equal(runtext_basis(buf, sizeof buf, &c.in, 200),
	                    "$40.00/h set by run.cost_per_hour · team $616.44/h");
	assert_false(runtext_offer(buf, sizeof buf, &c.in, 200));
	c.in.utf8 = false;
	c.pr.override_hourly = -1;
	c.p.burn.per_hour = 0;
	assert_string_equal(runtext_money(buf, sizeof buf, &c.in, 200, &tone),
	                    "$0.00/h - no GPU detected, CPU price $0 | spent $0.00");
}

/* s without a leading "(" or trailing "),;:", into out: a shorter form
 * may drop the brackets or end a clause elsewhere. */
static const char *bare(const char *s, char *out, size_t size)
{
	size_t n;

	if (*s == '(')
		s++;
	snprintf(out, size, "%s", s);
	n = strlen(out);
	while (n > 0 && strchr("),;:", out[n - 1]))
		out[--n] = 0;
	return out;
}

/* Every token of a fitted line is a whole token of the full line, or ends
 * in the cut mark: nothing is cut short without saying so. */
static void expect_whole_words(const char *full, const char *cut, int width)
{
	char c[512], f[512], *save = NULL;

	assert_true(runfmt_width(cut) <= width);
	snprintf(c, sizeof c, "%s", cut);
	for (char *tok = strtok_r(c, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(tok);
		bool found = false;
		char *s2 = NULL;

		if (n >= 3 && !strcmp(tok + n - 3, "\xe2\x80\xa6"))
			continue;
		snprintf(f, sizeof f, "%s", full);
		for (char *ft = strtok_r(f, " ", &s2); ft; ft = strtok_r(NULL, " ", &s2)) {
			char a[128], b[128];

			if (!strcmp(bare(ft, a, sizeof a), bare(tok, b, sizeof b)))
				found = true;
		}
		if (!found)
			fail_msg("width %d: \"%s\" in \"%s\" is not a whole word of \"%s\"", width,
			         tok, cut, full);
	}
}

static void test_runtext_narrow(void **state)
{
	static const enum run_state states[] = {RUN_RUNNING, RUN_PAUSED, RUN_STOPPED, RUN_FAILED,
	                                        RUN_LOST};
	struct rt_case c;
	enum runtext_tone tone;
	char full[512], cut[512];

	(void)state;
	for (size_t k = 0; k < sizeof states / sizeof states[0]; k++)
		for (int disk = 0; disk < 2; disk++)
			for (int w = 4; w <= 90; w++) {
				rt_init(&c, states[k]);
				c.in.why = "exited with status 3";
				c.p.last_heard_ms = NOW_MS - 12000;
				c.p.child_alive = 1;
				c.p.disk_full = disk;
				c.p.disk_full_since_ms = NOW_MS - 1000;
				c.p.dropped_bytes = disk ? 4096 : 0;
				c.st.paused_since_ms = states[k] == RUN_PAUSED ? NOW_MS - 3000 : 0;
				runtext_status(full, sizeof full, &c.in, 400);
				expect_whole_words(full, runtext_status(cut, sizeof cut, &c.in, w),
				                   w);
				runtext_note(full, sizeof full, &c.in, 400, &tone);
				runtext_note(cut, sizeof cut, &c.in, w, &tone);
				/* the command and the disk note have shorter forms of their own */
				if (strncmp(full, "$ ", 2) != 0 &&
				    strncmp(full, "disk full", 9) != 0)
					expect_whole_words(full, cut, w);
				assert_true(runfmt_width(cut) <= w);
				runtext_money(full, sizeof full, &c.in, 400, &tone);
				expect_whole_words(
				        full, runtext_money(cut, sizeof cut, &c.in, w, &tone), w);
				runtext_basis(full, sizeof full, &c.in, 400);
				expect_whole_words(full, runtext_basis(cut, sizeof cut, &c.in, w),
				                   w);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_durations),
	        cmocka_unit_test(test_counts),
	        cmocka_unit_test(test_rates),
	        cmocka_unit_test(test_eta_steady),
	        cmocka_unit_test(test_eta_pauses),
	        cmocka_unit_test(test_eta_bursts_restart_window),
	        cmocka_unit_test(test_status_line),
	        cmocka_unit_test(test_status_paused_ended),
	        cmocka_unit_test(test_fit_and_join),
	        cmocka_unit_test(test_runtext_states),
	        cmocka_unit_test(test_runtext_money),
	        cmocka_unit_test(test_runtext_narrow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
