/* runfmt.c — the training pane's status-line text and the ETA.  See
 * runfmt.h.  Must not compute money or touch curses; every function writes
 * only into the buffer it is given.  Start with runfmt_status.
 */
#include "runfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static char *put(char *buf, size_t size, const char *s)
{
	if (size > 0)
		snprintf(buf, size, "%s", s);
	return buf;
}

char *runfmt_duration(char *buf, size_t size, double seconds)
{
	char tmp[RUNFMT_MAX];
	uint64_t s;

	if (!isfinite(seconds) || seconds < 0)
		return put(buf, size, "--");
	if (seconds > 9.0e15)
		seconds = 9.0e15;
	s = (uint64_t)seconds;
	if (s < 60)
		snprintf(tmp, sizeof tmp, "%us", (unsigned)s);
	else if (s < 3600)
		snprintf(tmp, sizeof tmp, "%um%02us", (unsigned)(s / 60), (unsigned)(s % 60));
	else if (s < 86400)
		snprintf(tmp, sizeof tmp, "%uh%02um", (unsigned)(s / 3600),
		         (unsigned)(s % 3600 / 60));
	else
		snprintf(tmp, sizeof tmp, "%llud%02uh", (unsigned long long)(s / 86400),
		         (unsigned)(s % 86400 / 3600));
	return put(buf, size, tmp);
}

char *runfmt_eta(char *buf, size_t size, double eta_s)
{
	if (!isfinite(eta_s) || eta_s < 0)
		return put(buf, size, "unknown");
	return runfmt_duration(buf, size, eta_s);
}

char *runfmt_count(char *buf, size_t size, int64_t v)
{
	char digits[24], tmp[RUNFMT_MAX];
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
	size_t o = 0;

	if (v < 0)
		tmp[o++] = '-';
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	return put(buf, size, tmp);
}

/* x (>= 0) scaled by k/M/G/T with three significant digits: "123k",
 * "1.23M".  Rounding that reaches 1000 moves to the next unit. */
static void short_units(char *tmp, size_t size, double x, const char *sign)
{
	static const char unit[] = "kMGTPE";
	int u = 0;

	x /= 1000;
	for (;;) {
		double r = x < 10 ? round(x * 100) / 100 : x < 100 ? round(x * 10) / 10 : round(x);

		if (r < 1000 || u == (int)sizeof unit - 2) {
			snprintf(tmp, size,
			         r < 10    ? "%s%.2f%c"
			         : r < 100 ? "%s%.1f%c"
			                   : "%s%.0f%c",
			         sign, r, unit[u]);
			return;
		}
		x /= 1000;
		u++;
	}
}

char *runfmt_count_short(char *buf, size_t size, int64_t v)
{
	char tmp[RUNFMT_MAX];

	if (v > -100000 && v < 100000)
		return runfmt_count(buf, size, v);
	short_units(tmp, sizeof tmp, fabs((double)v), v < 0 ? "-" : "");
	return put(buf, size, tmp);
}

char *runfmt_step(char *buf, size_t size, int64_t step, int64_t total)
{
	char a[RUNFMT_MAX], b[RUNFMT_MAX], tmp[2 * RUNFMT_MAX];

	runfmt_count(a, sizeof a, step);
	if (total <= 0)
		return put(buf, size, a);
	snprintf(tmp, sizeof tmp, "%s/%s", a, runfmt_count(b, sizeof b, total));
	return put(buf, size, tmp);
}

/* %.2f without trailing zeros: 0.25 -> "0.25", 1.50 -> "1.5", 2 -> "2". */
static void trim_decimal(char *tmp, size_t size, double v)
{
	size_t n;

	snprintf(tmp, size, "%.2f", v);
	n = strlen(tmp);
	while (n > 0 && tmp[n - 1] == '0')
		tmp[--n] = '\0';
	if (n > 0 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
}

char *runfmt_epoch(char *buf, size_t size, double epoch, int64_t epochs)
{
	char e[RUNFMT_MAX], tmp[2 * RUNFMT_MAX];

	if (!isfinite(epoch) || fabs(epoch) > 1e15)
		return put(buf, size, "--");
	trim_decimal(e, sizeof e, epoch);
	if (epochs <= 0)
		return put(buf, size, e);
	snprintf(tmp, sizeof tmp, "%s/%lld", e, (long long)epochs);
	return put(buf, size, tmp);
}

char *runfmt_rate(char *buf, size_t size, double rate, enum metric_rate_unit unit, const char *noun)
{
	char num[RUNFMT_MAX], tmp[2 * RUNFMT_MAX];
	const char *w = noun                   ? noun
	                : unit == RATE_TOKENS  ? "tok"
	                : unit == RATE_SAMPLES ? "samples"
	                                       : "it";
	double compact_from = unit == RATE_TOKENS ? 1000 : 100000;

	if (!isfinite(rate) || rate < 0)
		return put(buf, size, "--");
	if (rate > 0 && rate < 1 && (unit == RATE_ITERS || unit == RATE_NONE)) {
		snprintf(tmp, sizeof tmp, "%.1f s/%s", 1 / rate, w);
		return put(buf, size, tmp);
	}
	if (rate < 99.95)
		snprintf(num, sizeof num, "%.1f", rate);
	else if (rate < compact_from)
		runfmt_count(num, sizeof num, (int64_t)llround(rate));
	else if (rate < 99950)
		snprintf(num, sizeof num, "%.1fk", rate / 1000);
	else
		short_units(num, sizeof num, rate, "");
	snprintf(tmp, sizeof tmp, "%s %s/s", num, w);
	return put(buf, size, tmp);
}

void runfmt_eta_init(struct runfmt_eta_state *e, double window_s, double stall_s)
{
	memset(e, 0, sizeof *e);
	e->window_s = window_s > 0 ? window_s : 120;
	e->stall_s = stall_s > 0 ? stall_s : 60;
}

static unsigned slot(const struct runfmt_eta_state *e, unsigned back)
{
	return (e->head + RUNFMT_ETA_N - 1 - back) % RUNFMT_ETA_N;
}

void runfmt_eta_push(struct runfmt_eta_state *e, double t, int64_t step)
{
	double paused = e->pause_acc, s = (double)step;
	unsigned k;

	if (!isfinite(t))
		return;
	if (e->is_paused && t > e->pause_since) {
		paused += t - e->pause_since;
		e->pause_since = t;
	}
	if (e->len > 0) {
		unsigned last = slot(e, 0);

		if (s == e->step[last])
			return; /* an eval line or a redraw at the same step: no progress */
		if (s < e->step[last] || t < e->t[last])
			e->len = 0; /* a restart from a checkpoint: start afresh */
	}
	e->pause_acc = 0;
	k = e->head;
	e->t[k] = t;
	e->step[k] = s;
	e->paused[k] = paused;
	e->head = (e->head + 1) % RUNFMT_ETA_N;
	if (e->len < RUNFMT_ETA_N)
		e->len++;
}

void runfmt_eta_pause(struct runfmt_eta_state *e, double t, bool paused)
{
	if (!isfinite(t) || paused == e->is_paused)
		return;
	if (paused)
		e->pause_since = t;
	else if (t > e->pause_since)
		e->pause_acc += t - e->pause_since;
	e->is_paused = paused;
}

static double interval(const struct runfmt_eta_state *e, unsigned back)
{
	unsigned a = slot(e, back + 1), b = slot(e, back);
	double dt = e->t[b] - e->t[a] - e->paused[b];

	return dt > 0 ? dt : 0;
}

double runfmt_eta_rate(const struct runfmt_eta_state *e)
{
	double dts[RUNFMT_ETA_N], med, limit, tlast, sum_dt = 0, sum_ds = 0;
	unsigned n = e->len > 0 ? e->len - 1 : 0; /* intervals */

	if (n == 0)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		double v = interval(e, i);
		unsigned j = i;

		for (; j > 0 && dts[j - 1] > v; j--) /* insertion sort: n < 64 */
			dts[j] = dts[j - 1];
		dts[j] = v;
	}
	med = dts[n / 2];
	limit = 10 * med > e->stall_s ? 10 * med : e->stall_s;
	tlast = e->t[slot(e, 0)];
	for (unsigned i = 0; i < n; i++) {
		double dt = interval(e, i);

		if (i > 0 && e->t[slot(e, i + 1)] < tlast - e->window_s)
			break; /* older than the window; the newest interval always counts */
		if (dt > limit)
			continue;
		sum_dt += dt;
		sum_ds += e->step[slot(e, i)] - e->step[slot(e, i + 1)];
	}
	if (sum_dt <= 0 || sum_ds <= 0)
		return -1;
	return sum_ds / sum_dt;
}

double runfmt_eta_seconds(const struct runfmt_eta_state *e, int64_t total)
{
	double rate, left;

	if (total <= 0 || e->len == 0)
		return -1;
	left = (double)total - e->step[slot(e, 0)];
	if (left <= 0)
		return 0;
	rate = runfmt_eta_rate(e);
	return rate > 0 ? left / rate : -1;
}

/* Display width: code points, every one a cell (the status line holds no
 * wide characters). */
static int width_of(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

enum { F_STATE, F_ELAPSED, F_STEP, F_EPOCH, F_ETA, F__N };

char *runfmt_status(char *buf, size_t size, const struct runfmt_status_in *in, int width, bool utf8)
{
	static const int drop_order[] = {F_EPOCH, F_ELAPSED, F_ETA, F_STEP};
	char f[F__N][2 * RUNFMT_MAX + 8], tmp[F__N * (2 * RUNFMT_MAX + 12)];
	char a[2 * RUNFMT_MAX];
	const char *sep = utf8 ? " · " : " | ";
	bool on[F__N] = {false};
	size_t o, cut;
	int cells;

	snprintf(f[F_STATE], sizeof f[F_STATE], "%.60s", in->state ? in->state : "");
	on[F_STATE] = true;
	if (isfinite(in->elapsed_s) && in->elapsed_s >= 0) {
		runfmt_duration(f[F_ELAPSED], sizeof f[F_ELAPSED], in->elapsed_s);
		on[F_ELAPSED] = true;
	}
	if (in->has_step) {
		snprintf(f[F_STEP], sizeof f[F_STEP], "step %s",
		         runfmt_step(a, sizeof a, in->step, in->total));
		snprintf(f[F_ETA], sizeof f[F_ETA], "ETA %s", runfmt_eta(a, sizeof a, in->eta_s));
		on[F_STEP] = on[F_ETA] = true;
	}
	if (isfinite(in->epoch) && in->epoch >= 0) {
		snprintf(f[F_EPOCH], sizeof f[F_EPOCH], "epoch %s",
		         runfmt_epoch(a, sizeof a, in->epoch, in->epochs));
		on[F_EPOCH] = true;
	}
	for (size_t d = 0;; d++) {
		o = 0;
		tmp[0] = '\0';
		for (int i = 0; i < F__N; i++)
			if (on[i])
				o += (size_t)snprintf(tmp + o, sizeof tmp - o, "%s%s", o ? sep : "",
				                      f[i]);
		if (width_of(tmp) <= width || d == sizeof drop_order / sizeof drop_order[0])
			break;
		on[drop_order[d]] = false;
	}
	/* Still too wide (a tiny pane): cut at a code-point boundary. */
	cells = 0;
	for (cut = 0; tmp[cut]; cut++) {
		if (((unsigned char)tmp[cut] & 0xC0) != 0x80 && cells++ == (width > 0 ? width : 0))
			break;
	}
	tmp[cut] = '\0';
	return put(buf, size, tmp);
}
