/* runfmt.c — the training pane's status-line text and the ETA.  See
 * runfmt.h.  Must not compute money or touch curses; every function writes
 * only into the buffer it is given.  Start with runfmt_status.
 */
#include "runfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "uwidth.h"

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

int runfmt_width(const char *s)
{
	return uw_width(s);
}

/* Bytes of s that make its first cells cells (never inside a code point
 * nor half a wide character). */
static size_t bytes_for(const char *s, int cells)
{
	return uw_bytes_for(s, cells);
}

char *runfmt_fit(char *buf, size_t size, const char *s, int width, bool utf8)
{
	const char *mark = utf8 ? "\xe2\x80\xa6" : "...";
	int mw = utf8 ? 1 : 3;
	char tmp[1024];
	size_t cut, n;

	if (size == 0)
		return buf;
	if (width <= 0) {
		buf[0] = '\0';
		return buf;
	}
	if (runfmt_width(s) <= width)
		return put(buf, size, s);
	if (width <= mw) /* no room for a word and its mark: the mark alone */
		return put(buf, size, utf8 || width == 3 ? mark : "");
	/* The last blank at or before the room left for the mark ends a whole
	 * word; trailing separators (" ·", ",", ";") go with it. */
	cut = bytes_for(s, width - mw);
	n = cut;
	while (n > 0 && s[n] != ' ')
		n--;
	if (s[cut] == ' ')
		n = cut;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':' ||
	                 s[n - 1] == '|' || (unsigned char)s[n - 1] == 0xB7))
		n -= (unsigned char)s[n - 1] == 0xB7 && n >= 2 ? 2 : 1; /* "·" is C2 B7 */
	if (n == 0) /* one word wider than the room: cut it, and say so */
		n = cut;
	if (n > sizeof tmp - 4)
		n = sizeof tmp - 4;
	memcpy(tmp, s, n);
	snprintf(tmp + n, sizeof tmp - n, "%s", mark);
	return put(buf, size, tmp);
}

char *runfmt_join(char *buf, size_t size, const struct runfmt_field *f, size_t n, const char *sep,
                  int width, bool utf8)
{
	bool on[RUNFMT_FIELDS_MAX];
	char tmp[1024];

	if (n > RUNFMT_FIELDS_MAX)
		n = RUNFMT_FIELDS_MAX;
	for (size_t i = 0; i < n; i++)
		on[i] = f[i].text && f[i].text[0];
	for (;;) {
		size_t o = 0, left = 0, drop = n;
		int lowest = 0;

		tmp[0] = '\0';
		for (size_t i = 0; i < n; i++)
			if (on[i] && o < sizeof tmp) {
				o += (size_t)snprintf(tmp + o, sizeof tmp - o, "%s%s", o ? sep : "",
				                      f[i].text);
				left++;
			}
		if (runfmt_width(tmp) <= width || left <= 1)
			break;
		/* the least kept field goes; among equals the one further right */
		for (size_t i = 0; i < n; i++)
			if (on[i] && (drop == n || f[i].keep <= lowest)) {
				drop = i;
				lowest = f[i].keep;
			}
		on[drop] = false;
	}
	return runfmt_fit(buf, size, tmp, width, utf8);
}

char *runfmt_bytes(char *buf, size_t size, int64_t bytes)
{
	char tmp[RUNFMT_MAX];
	double b = (double)bytes;

	if (bytes < 0)
		return put(buf, size, "--");
	if (bytes < 1000)
		snprintf(tmp, sizeof tmp, "%lld B", (long long)bytes);
	else if (b < 1e6)
		snprintf(tmp, sizeof tmp, b < 9950 ? "%.1f KB" : "%.0f KB", b / 1e3);
	else if (b < 1e9)
		snprintf(tmp, sizeof tmp, b < 9.95e6 ? "%.1f MB" : "%.0f MB", b / 1e6);
	else
		snprintf(tmp, sizeof tmp, b < 9.95e9 ? "%.1f GB" : "%.0f GB", b / 1e9);
	return put(buf, size, tmp);
}

char *runfmt_status(char *buf, size_t size, const struct runfmt_status_in *in, int width, bool utf8)
{
	/* kept longest first: state, step, ETA, elapsed, epoch */
	char st[72], el[2 * RUNFMT_MAX + 24], step[2 * RUNFMT_MAX + 8], ep[2 * RUNFMT_MAX + 8];
	char eta[2 * RUNFMT_MAX + 8], a[2 * RUNFMT_MAX], b[RUNFMT_MAX];
	struct runfmt_field f[5] = {{st, 9}, {el, 2}, {step, 4}, {ep, 1}, {eta, 3}};

	el[0] = step[0] = ep[0] = eta[0] = '\0';
	snprintf(st, sizeof st, "%.60s", in->state ? in->state : "");
	if (isfinite(in->elapsed_s) && in->elapsed_s >= 0) {
		runfmt_duration(a, sizeof a, in->elapsed_s);
		if (isfinite(in->paused_s) && in->paused_s >= 1)
			snprintf(el, sizeof el, "%s active, %s paused", a,
			         runfmt_duration(b, sizeof b, in->paused_s));
		else
			snprintf(el, sizeof el, in->say_active ? "%s active" : "%s", a);
	}
	if (in->has_step) {
		snprintf(step, sizeof step, "step %s",
		         runfmt_step(a, sizeof a, in->step, in->total));
		if (!in->no_eta)
			snprintf(eta, sizeof eta, "ETA %s", runfmt_eta(a, sizeof a, in->eta_s));
	}
	if (isfinite(in->epoch) && in->epoch >= 0)
		snprintf(ep, sizeof ep, "epoch %s",
		         runfmt_epoch(a, sizeof a, in->epoch, in->epochs));
	return runfmt_join(buf, size, f, 5, utf8 ? " · " : " | ", width, utf8);
}
