/* progress.c — formats capdash-train's progress line (see progress_bar.h).
 *
 * ASCII only, so it is right on any terminal and in any locale; the caller
 * prefixes '\r' and clears to the end of line.  Must not print.
 */
#include "progress_bar.h"

#include <stdio.h>
#include <string.h>

void progress_bar_count(char *buf, size_t size, long long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%lld", v < 0 ? -v : v), o = 0;
	char out[48];

	if (v < 0)
		out[o++] = '-';
	for (int i = 0; i < n; i++) {
		out[o++] = tmp[i];
		if ((n - i - 1) % 3 == 0 && i != n - 1)
			out[o++] = ',';
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

void progress_bar_eta(char *buf, size_t size, double s)
{
	long long t;

	if (!(s >= 0) || s > 99 * 3600.0 * 24) {
		snprintf(buf, size, "--");
		return;
	}
	t = (long long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, size, "%lldh%02lldm", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(buf, size, "%lldm%02llds", t / 60, t % 60);
	else
		snprintf(buf, size, "%llds", t);
}

int progress_bar_due(const struct trainer_progress *p, double now, double last)
{
	return p->step >= p->total_steps || now - last >= PROGRESS_BAR_INTERVAL;
}

size_t progress_bar_fmt(char *buf, size_t size, int width, const struct trainer_progress *p)
{
	char step[32], total[32], rate[32], eta[16], head[80], tail[160];
	double frac = p->total_steps > 0 ? (double)p->step / (double)p->total_steps : 0;
	int hl, tl, bar, n;

	if (size == 0)
		return 0;
	progress_bar_count(step, sizeof step, p->step);
	progress_bar_count(total, sizeof total, p->total_steps);
	progress_bar_count(rate, sizeof rate, (long long)(p->samples_per_s + 0.5));
	progress_bar_eta(eta, sizeof eta, p->eta);
	frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	hl = snprintf(head, sizeof head, "%s/%s", step, total);
	tl = snprintf(tail, sizeof tail, "%3d%% epoch %lld/%lld loss %.4f %s img/s ETA %s",
	              (int)(frac * 100), (long long)p->epoch, (long long)p->epochs, p->loss, rate,
	              eta);
	bar = width - hl - tl - 4; /* " [" "] " */
	if (bar > 40)
		bar = 40;
	if (bar >= 10) {
		int fill = (int)(frac * bar + 0.5);
		char b[48];

		for (int i = 0; i < bar; i++)
			b[i] = i < fill ? '=' : ' ';
		if (fill > 0 && fill < bar)
			b[fill - 1] = '>';
		b[bar] = '\0';
		n = snprintf(buf, size, "%s [%s] %s", head, b, tail);
	} else {
		n = snprintf(buf, size, "%s %s", head, tail);
	}
	if (n < 0)
		n = 0;
	if (width > 0 && n > width)
		n = width;
	if ((size_t)n >= size)
		n = (int)size - 1;
	buf[n] = '\0';
	return (size_t)n;
}
