/* runtext.c — the training pane's sentences (runtext.h).
 *
 * Every line is built as fields with a priority or as a list of shorter
 * forms, then fitted (runfmt_join, runfmt_fit): a narrow pane loses whole
 * fields, never half a word.  Must not draw, read files or do money
 * arithmetic.  Start at runtext_status.
 */
#include "runtext.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "capdash/i18n.h"
#include "runfmt.h"

static bool ended(enum run_state s)
{
	return s == RUN_FINISHED || s == RUN_FAILED || s == RUN_LOST || s == RUN_STOPPED;
}

static const char *sep(const struct runtext_in *in)
{
	return in->utf8 ? " · " : " | ";
}

static const char *dash(const struct runtext_in *in)
{
	return in->utf8 ? " \xe2\x80\x94 " : " - ";
}

/* The first of n shorter and shorter forms that fits, else the last one
 * fitted. */
static char *first_fit(char *buf, size_t size, const char *const *forms, size_t n, int width,
                       bool utf8)
{
	for (size_t i = 0; i < n; i++)
		if (forms[i] && runfmt_width(forms[i]) <= width)
			return runfmt_fit(buf, size, forms[i], width, utf8);
	return runfmt_fit(buf, size, n ? forms[n - 1] : "", width, utf8);
}

/* Shown, never parsed: the status file keeps run_state_name's words. */
const char *runtext_state_word(enum run_state s)
{
	switch (s) {
	case RUN_STARTING:
		return _("starting");
	case RUN_RUNNING:
		return _("running");
	case RUN_PAUSED:
		return _("paused");
	case RUN_STOPPING:
		return _("stopping");
	case RUN_FINISHED:
		return _("finished");
	case RUN_FAILED:
		return _("failed");
	case RUN_LOST:
		return _("lost");
	case RUN_STOPPED:
		return _("stopped");
	case RUN_PENDING:
		return _("pending");
	}
	return run_state_name(s);
}

char *runtext_status(char *buf, size_t size, const struct runtext_in *in, int width)
{
	const struct run_progress *p = in->p;
	int64_t active = p->active_ms > 0 && p->active_ms <= p->elapsed_ms ? p->active_ms : -1;
	char state[RUNFMT_MAX + 24], d[RUNFMT_MAX];
	struct runfmt_status_in s = {
	        .state = state,
	        .elapsed_s = (double)(active >= 0 ? active : p->elapsed_ms) / 1000.0,
	        .paused_s = active >= 0 ? (double)(p->elapsed_ms - active) / 1000.0 : 0,
	        .has_step = p->has_step,
	        .step = p->step,
	        .total = p->total,
	        .epoch = p->epoch > 0 ? p->epoch : -1,
	        .epochs = p->epochs,
	        .eta_s = p->eta_ms >= 0 ? (double)p->eta_ms / 1000.0 : -1,
	        /* queued in Slurm: nothing runs, nothing counts down */
	        .no_eta = p->state == RUN_PAUSED || p->state == RUN_STOPPING ||
	                  p->state == RUN_PENDING || ended(p->state),
	};

	snprintf(state, sizeof state, "%s", runtext_state_word(p->state));
	if (p->state == RUN_PAUSED) {
		/* the state says how long this pause is; the clock what ran */
		if (in->st && in->st->paused_since_ms > 0 && in->now_ms >= in->st->paused_since_ms)
			snprintf(state, sizeof state, _("paused for %s"),
			         runfmt_duration(d, sizeof d,
			                         (double)(in->now_ms - in->st->paused_since_ms) /
			                                 1000.0));
		s.paused_s = 0;
		s.say_active = active >= 0;
	}
	if (in->st && in->st->exec_errno)
		s.elapsed_s = -1; /* it never ran: no time to speak of */
	return runfmt_status(buf, size, &s, width, in->utf8);
}

/* "$ cmd", with argv[0] as its last path component when the whole line
 * does not fit: the program's name says more than its directory. */
static void cmd_text(const struct runtext_in *in, int width, char *out, size_t size)
{
	const char *c = in->command ? in->command : "", *end, *base = c;

	snprintf(out, size, "$ %s", c);
	if (runfmt_width(out) <= width || *c == '\'')
		return;
	end = strchr(c, ' ');
	if (!end)
		end = c + strlen(c);
	for (const char *q = c; q < end; q++)
		if (*q == '/')
			base = q + 1;
	snprintf(out, size, "$ %s", base);
}

/* "120 KB of output not stored (disk full)", or "" when nothing was lost. */
static void dropped_text(const struct runtext_in *in, bool still, char *out, size_t size)
{
	char b[RUNFMT_MAX];

	out[0] = '\0';
	if (in->p->dropped_bytes > 0)
		snprintf(out, size,
		         still ? _("%s of output not stored (disk full)")
		               : _("%s of output not stored (disk was full)"),
		         runfmt_bytes(b, sizeof b, in->p->dropped_bytes));
}

static char *note_lost(char *buf, size_t size, const struct runtext_in *in, int width)
{
	const struct run_progress *p = in->p;
	char who[64], ago[RUNFMT_MAX + 16] = "", d[RUNFMT_MAX], f[5][200];
	const char *forms[5] = {f[0], f[1], f[2], f[3], f[4]};
	const char *child = p->child_alive == 1 ? _("still running") : _("ended");

	if (in->st && in->st->supervisor > 0)
		snprintf(who, sizeof who, _("supervisor (pid %lld) gone"),
		         (long long)in->st->supervisor);
	else
		snprintf(who, sizeof who, "%s", _("supervisor gone"));
	if (p->last_heard_ms > 0 && in->now_ms >= p->last_heard_ms)
		runfmt_duration(ago, sizeof ago, (double)(in->now_ms - p->last_heard_ms) / 1000.0);
	if (ago[0])
		snprintf(d, sizeof d, _(", last heard %.20s ago"), ago);
	else
		snprintf(d, sizeof d, "%s", _(" without a word"));
	if (p->child_alive < 0) { /* nothing known of the training process */
		snprintf(f[0], sizeof f[0], "%s%s", who, d);
		snprintf(f[1], sizeof f[1], _("supervisor gone%s"), d);
		return first_fit(buf, size, forms, 2, width, in->utf8);
	}
	snprintf(f[0], sizeof f[0], _("%s%s; training process %s"), who, d, child);
	snprintf(f[1], sizeof f[1], _("%s%s; training %s"), who, d, child);
	/* "gone 12s ago": when it was last heard, said shortly */
	if (ago[0]) {
		snprintf(f[2], sizeof f[2], _("supervisor pid %lld gone %s ago; training %s"),
		         (long long)(in->st ? in->st->supervisor : 0), ago, child);
		snprintf(f[3], sizeof f[3], _("supervisor gone %s ago; training %s"), ago, child);
	} else {
		snprintf(f[2], sizeof f[2], _("supervisor pid %lld gone; training %s"),
		         (long long)(in->st ? in->st->supervisor : 0), child);
		snprintf(f[3], sizeof f[3], _("supervisor gone; training %s"), child);
	}
	snprintf(f[4], sizeof f[4], _("supervisor gone; training %s"), child);
	return first_fit(buf, size, forms, 5, width, in->utf8);
}

static char *note_disk(char *buf, size_t size, const struct runtext_in *in, int width)
{
	char at[32], b[RUNFMT_MAX], f0[200], f1[200], f2[120], f3[64];
	const char *forms[] = {f0, f1, f2, f3};

	runtext_clock(at, sizeof at, in->p->disk_full_since_ms, in->now_ms);
	runfmt_bytes(b, sizeof b, in->p->dropped_bytes);
	if (in->p->dropped_bytes > 0) {
		snprintf(f0, sizeof f0,
		         _("disk full since %s%s%s of output not stored; the run goes on"), at,
		         dash(in), b);
		snprintf(f1, sizeof f1, _("disk full since %s%s%s not stored; the run goes on"), at,
		         dash(in), b);
		snprintf(f2, sizeof f2, _("disk full since %s, %s not stored"), at, b);
	} else {
		snprintf(f0, sizeof f0, _("disk full since %s%soutput not stored; the run goes on"),
		         at, dash(in));
		snprintf(f1, sizeof f1, _("disk full since %s; the run goes on"), at);
		snprintf(f2, sizeof f2, _("disk full since %s"), at);
	}
	snprintf(f3, sizeof f3, "%s", _("disk full"));
	return first_fit(buf, size, forms, 4, width, in->utf8);
}

static enum runtext_tone slurm_tone(const char *state)
{
	static const char *const bad[] = {"FAILED",    "TIMEOUT",  "OUT_OF_MEMORY", "NODE_FAIL",
	                                  "BOOT_FAIL", "DEADLINE", "PREEMPTED"};

	if (!strcmp(state, "COMPLETED"))
		return RT_GOOD;
	if (!strcmp(state, "PENDING"))
		return RT_ACCENT;
	if (!strcmp(state, "CANCELLED") || !strcmp(state, "SUSPENDED"))
		return RT_WARN;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (!strcmp(state, bad[i]))
			return RT_BAD;
	return RT_TEXT;
}

char *runtext_slurm(char *buf, size_t size, const struct runtext_in *in, int width,
                    enum runtext_tone *tone)
{
	const struct run_slurm_state *s = in->st ? &in->st->slurm : NULL;
	char lng[200], shrt[32], when[RUNFMT_MAX + 16] = "", d[RUNFMT_MAX], id[24], f[7][300];
	const char *forms[7] = {f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
	bool running;
	const char *state;

	*tone = RT_TEXT;
	if (!s || s->job_id <= 0) {
		if (size)
			buf[0] = 0;
		return buf;
	}
	state = s->state[0] ? s->state : _("submitted");
	*tone = s->state[0] ? slurm_tone(state) : RT_ACCENT;
	snprintf(id, sizeof id, "%lld", (long long)s->job_id);
	snprintf(shrt, sizeof shrt, "%s", state);
	snprintf(lng, sizeof lng, "%s", state);
	if (!strcmp(state, "RUNNING")) {
		if (s->nodes[0])
			snprintf(lng, sizeof lng, _("RUNNING on %s"), s->nodes);
		if (in->p->slurm_left_ms >= 0)
			snprintf(when, sizeof when, _("%s left"),
			         runfmt_duration(d, sizeof d,
			                         (double)in->p->slurm_left_ms / 1000.0));
	} else if (!strcmp(state, "PENDING")) {
		if (s->reason[0])
			snprintf(lng, sizeof lng, "PENDING (%s)", s->reason);
		if (s->time_limit_ms > 0)
			snprintf(when, sizeof when, _("limit %s"),
			         runfmt_duration(d, sizeof d, (double)s->time_limit_ms / 1000.0));
	} else if (!strcmp(state, "FAILED") && (s->exit_code || s->exit_signal)) {
		if (s->exit_signal)
			snprintf(lng, sizeof lng, _("FAILED, signal %d"), s->exit_signal);
		else
			snprintf(lng, sizeof lng, _("FAILED, exit code %d"), s->exit_code);
	} else if (!strcmp(state, "TIMEOUT") && s->time_limit_ms > 0) {
		snprintf(lng, sizeof lng, _("TIMEOUT (limit %s)"),
		         runfmt_duration(d, sizeof d, (double)s->time_limit_ms / 1000.0));
	}
	/* narrower: "Slurm" goes, then the job id; then a running job keeps
	 * its time left over its nodes, the others their reason or exit code
	 * over the time limit */
	running = !strcmp(state, "RUNNING");
#define WHEN when[0] ? sep(in) : "", when
	snprintf(f[0], sizeof f[0], _("Slurm job %s %s%s%s"), id, lng, WHEN);
	snprintf(f[1], sizeof f[1], _("job %s %s%s%s"), id, lng, WHEN);
	snprintf(f[2], sizeof f[2], "%s%s%s", lng, WHEN);
	if (running) {
		snprintf(f[3], sizeof f[3], _("job %s %s%s%s"), id, shrt, WHEN);
		snprintf(f[4], sizeof f[4], "%s%s%s", shrt, WHEN);
	} else {
		snprintf(f[3], sizeof f[3], _("job %s %s"), id, lng);
		snprintf(f[4], sizeof f[4], "%s", lng);
	}
	snprintf(f[5], sizeof f[5], "%s%s%s", shrt, WHEN);
#undef WHEN
	snprintf(f[6], sizeof f[6], "%s", shrt);
	return first_fit(buf, size, forms, 7, width, in->utf8);
}

char *runtext_note(char *buf, size_t size, const struct runtext_in *in, int width,
                   enum runtext_tone *tone)
{
	const struct run_progress *p = in->p;
	char cmd[1024], drop[120], d[RUNFMT_MAX], stall[RUNFMT_MAX + 32], slurm[400];
	struct runfmt_field f[3] = {{NULL, 3}, {drop, 2}, {cmd, 1}};

	if (p->state == RUN_LOST) {
		*tone = RT_BAD;
		return note_lost(buf, size, in, width);
	}
	if (p->stalled) {
		*tone = RT_WARN;
		snprintf(stall, sizeof stall, _("STALLED: no progress for %s"),
		         runfmt_duration(d, sizeof d, (double)p->quiet_ms / 1000.0));
		return runfmt_fit(buf, size, stall, width, in->utf8);
	}
	if (p->disk_full && !ended(p->state)) {
		*tone = RT_WARN;
		return note_disk(buf, size, in, width);
	}
	dropped_text(in, p->disk_full, drop, sizeof drop);
	*tone = drop[0] ? RT_WARN : RT_DIM;
	if (in->st && in->st->slurm.job_id > 0) {
		enum runtext_tone st;

		/* Slurm's word first (it says why a job failed, too); the
		 * command gets what is left */
		runtext_slurm(slurm, sizeof slurm, in,
		              width - (drop[0] ? runfmt_width(drop) + 3 : 0), &st);
		f[0].text = slurm;
		if (!drop[0])
			*tone = st;
	} else if (p->state == RUN_FAILED && in->why && in->why[0]) {
		/* a failed run says why once; finished and stopped say it in the state */
		f[0].text = in->why;
		*tone = RT_BAD;
	}
	/* the command gets what the other fields leave, in its short form if need be */
	cmd_text(in,
	         width - (f[0].text ? runfmt_width(f[0].text) + 3 : 0) -
	                 (drop[0] ? runfmt_width(drop) + 3 : 0),
	         cmd, sizeof cmd);
	return runfmt_join(buf, size, f, 3, sep(in), width, in->utf8);
}

/* Why the rate is $0.00, from the prices and the GPU count: "no GPU
 * detected, CPU price $0".  "" when nothing explains it. */
/* Why a run is priced with no GPU, by where its count came from.  A Slurm
 * job holds none until it runs: "no GPU detected" would be wrong there. */
static const char *no_gpu_why(const struct run_progress *p)
{
	switch (p->gpu_source) {
	case RUN_GPUS_PLAN:
		return _("the plan has 0 GPUs");
	case RUN_GPUS_FLAG:
		return "--gpus 0";
	case RUN_GPUS_SLURM:
		return p->state == RUN_PENDING ? _("no GPU allocated yet") : _("no GPU allocated");
	case RUN_GPUS_DETECTED:
		break;
	}
	return _("no GPU detected");
}

static void zero_why(const struct runtext_in *in, char *out, size_t size)
{
	const struct burn_prices *pr = in->prices;
	const struct run_progress *p = in->p;
	const char *gpu = NULL, *cpu = NULL;

	out[0] = '\0';
	if (!pr)
		return;
	if (pr->override_hourly == 0) {
		snprintf(out, size, "%s", _("run.cost_per_hour is $0"));
		return;
	}
	if (p->gpus <= 0)
		gpu = no_gpu_why(p);
	else if ((pr->mode == BURN_RENT && pr->gpu_hourly == 0) ||
	         (pr->mode == BURN_BUY && pr->gpu_unit_cost == 0 && pr->energy_kwh == 0))
		gpu = _("GPU price $0");
	if (pr->cpu_core_hourly == 0)
		cpu = _("CPU price $0");
	else if (!ended(p->state))
		cpu = _("CPU idle");
	snprintf(out, size, "%s%s%s", gpu ? gpu : "", gpu && cpu ? _(", ") : "", cpu ? cpu : "");
}

char *runtext_money(char *buf, size_t size, const struct runtext_in *in, int width,
                    enum runtext_tone *tone)
{
	const struct run_progress *p = in->p;
	const struct burn_result *b = &p->burn;
	char ph[48], sp[48], pj[48], why[96], rate[200], spent[200], fin[64], f0[200];
	struct runfmt_field f[3] = {{rate, 5}, {spent, 4}, {fin, 2}};

	*tone = RT_ACCENT;
	if (!p->burn_ok) {
		*tone = RT_DIM;
		return runfmt_fit(buf, size, _("cost unknown: the run's prices are not usable"),
		                  width, in->utf8);
	}
	if (in->st && in->st->exec_errno) {
		*tone = RT_DIM;
		return runfmt_fit(buf, size, _("nothing spent: the command never started"), width,
		                  in->utf8);
	}
	burn_format(b->per_hour, ph, sizeof ph);
	burn_format(b->spent, sp, sizeof sp);
	zero_why(in, why, sizeof why);
	if (ended(p->state)) {
		const char *forms[2] = {f0, spent};

		if (b->spent == 0 && why[0]) {
			snprintf(f0, sizeof f0, _("spent $0.00%s%s"), dash(in), why);
			return runfmt_fit(buf, size, f0, width, in->utf8);
		}
		snprintf(spent, sizeof spent, _("spent %s"), sp);
		snprintf(f0, sizeof f0, _("spent %s at %s/h"), sp, ph);
		return first_fit(buf, size, b->per_hour > 0 ? forms : forms + 1,
		                 b->per_hour > 0 ? 2 : 1, width, in->utf8);
	}
	fin[0] = '\0';
	if (in->st && in->st->slurm.job_id > 0 &&
	    (p->state == RUN_PENDING || !strcmp(in->st->slurm.state, "PENDING"))) {
		/* Slurm bills a job from its start: time in the queue is free */
		if (b->per_hour > 0)
			snprintf(rate, sizeof rate, _("queued: free until it runs, then %s/h"), ph);
		else
			snprintf(rate, sizeof rate, "%s", _("queued: free until it runs"));
		snprintf(spent, sizeof spent, _("spent %s"), sp);
		return runfmt_join(buf, size, f, 2, sep(in), width, in->utf8);
	} else if (b->per_hour == 0 && why[0]) {
		snprintf(rate, sizeof rate, "$0.00/h%s%s", dash(in), why);
	} else if (b->paused_cost) {
		/* said first, so a narrow pane keeps it */
		snprintf(rate, sizeof rate, _("paused, GPUs still cost %s/h"), ph);
		*tone = RT_WARN;
	} else {
		snprintf(rate, sizeof rate, "%s/h", ph);
	}
	snprintf(spent, sizeof spent, _("spent %s"), sp);
	if (b->per_hour > 0)
		snprintf(fin, sizeof fin, _("at finish %s"),
		         b->projected >= 0 ? burn_format(b->projected, pj, sizeof pj)
		                           : _("unknown"));
	return runfmt_join(buf, size, f, 3, sep(in), width, in->utf8);
}

char *runtext_basis(char *buf, size_t size, const struct runtext_in *in, int width)
{
	const struct run_progress *p = in->p;
	char gpu[160] = "", team[96] = "", m[48];
	struct runfmt_field f[2] = {{gpu, 3}, {team, 2}};

	if (in->prices && in->prices->override_hourly >= 0)
		snprintf(gpu, sizeof gpu, _("%s/h set by run.cost_per_hour"),
		         burn_format(in->prices->override_hourly, m, sizeof m));
	else if (p->gpus > 0)
		snprintf(gpu, sizeof gpu,
		         NG_("%lld GPU (%s)", "%lld GPUs (%s)", (unsigned long)p->gpus),
		         (long long)p->gpus, run_gpu_source_name(p->gpu_source));
	else if (!(p->burn_ok && p->burn.per_hour == 0)) /* a $0.00 rate already says why */
		snprintf(gpu, sizeof gpu, "%s", no_gpu_why(p));
	if (p->burn_ok && p->burn.team_per_hour > 0)
		snprintf(team, sizeof team, _("team %s/h"),
		         burn_format(p->burn.team_per_hour, m, sizeof m));
	return runfmt_join(buf, size, f, 2, sep(in), width, in->utf8);
}

bool runtext_offer(char *buf, size_t size, const struct runtext_in *in, int width)
{
	const struct run_progress *p = in->p;
	char f0[160], f1[120], f2[80];
	const char *forms[] = {f0, f1, f2};
	const char *k = in->gpu_key;
	long long n = (long long)in->plan_gpus;
	unsigned long un = (unsigned long)n;

	if (size)
		buf[0] = '\0';
	if (p->gpus > 0 || p->gpu_source != RUN_GPUS_DETECTED || in->plan_gpus <= 0 || !k ||
	    (in->prices && in->prices->override_hourly >= 0) || (in->st && in->st->exec_errno))
		return false;
	snprintf(f0, sizeof f0,
	         NG_("%s prices this run at the plan's %lld GPU",
	             "%s prices this run at the plan's %lld GPUs", un),
	         k, n);
	snprintf(f1, sizeof f1,
	         NG_("%s: price it at the plan's %lld GPU", "%s: price it at the plan's %lld GPUs",
	             un),
	         k, n);
	snprintf(f2, sizeof f2, NG_("%s: plan's %lld GPU", "%s: plan's %lld GPUs", un), k, n);
	first_fit(buf, size, forms, 3, width, in->utf8);
	return true;
}

char *runtext_clock(char *buf, size_t size, int64_t unix_ms, int64_t now_ms)
{
	time_t t = (time_t)(unix_ms / 1000), n = (time_t)(now_ms / 1000);
	struct tm a, b;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (unix_ms <= 0 || !localtime_r(&t, &a) || !localtime_r(&n, &b))
		snprintf(buf, size, "?");
	else if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
		strftime(buf, size, "%H:%M", &a);
	else
		strftime(buf, size, "%b %d %H:%M", &a);
	return buf;
}
