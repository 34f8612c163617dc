/* gauge.c — text gauges with eighth-block resolution.  See gauge.h.  Must not
 * touch curses or compute money; it only writes the caller's buffer. */
#include "gauge.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Partial cells, 1/8 .. 7/8 of a block, then the full block. */
static const char *const eighths[9] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};

static double clamp01(double f)
{
	if (!isfinite(f) || f < 0)
		return 0;
	return f > 1 ? 1 : f;
}

int gauge_bar(char *buf, size_t size, double frac, int cells, bool utf8)
{
	size_t o = 0;
	int inner = utf8 ? cells : cells - 2;
	long e;

	if (size > 0)
		buf[0] = '\0';
	if (inner < 1 || size < (size_t)cells * 3 + 1)
		return 0;
	e = (long)floor(clamp01(frac) * inner * 8 + 1e-9); /* eighths, never rounded up */
	if (!utf8)
		buf[o++] = '[';
	for (int i = 0; i < inner; i++) {
		long part = e - 8L * i;

		if (part >= 8) {
			o += (size_t)sprintf(buf + o, "%s", utf8 ? eighths[8] : "#");
		} else if (part > 0 && utf8) {
			o += (size_t)sprintf(buf + o, "%s", eighths[part]);
		} else if (part >= 4) {
			buf[o++] = '-';
		} else {
			buf[o++] = ' ';
		}
	}
	if (!utf8)
		buf[o++] = ']';
	buf[o] = '\0';
	return cells;
}

static int finish(char *buf, size_t size, const char *head, const char *bar, const char *tail,
                  int cols)
{
	int n = snprintf(buf, size, "%s%s%s", head, bar, tail);

	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	return cols;
}

int gauge_format(char *buf, size_t size, const char *label, double pct, int cells, bool utf8)
{
	char head[32], bar[GAUGE_BUF_SIZE(256)];
	int hc, bc;

	if (cells > 256)
		cells = 256;
	if (isfinite(pct) && pct >= 0 && pct < 1e6)
		hc = snprintf(head, sizeof head, "%-3.8s %3.0f%% ", label ? label : "", pct);
	else
		hc = snprintf(head, sizeof head, "%-3.8s  --%% ", label ? label : "");
	bc = gauge_bar(bar, sizeof bar, isfinite(pct) ? pct / 100 : 0, cells, utf8);
	return finish(buf, size, head, bar, "", hc + bc);
}

int gauge_format_mem(char *buf, size_t size, const char *label, double used, double total,
                     int cells, bool utf8)
{
	char head[32], bar[GAUGE_BUF_SIZE(256)], tail[48];
	double unit = 1024.0 * 1024 * 1024, ref = total > 0 ? total : used;
	const char *un = "GiB";
	int hc, bc, tc;

	if (cells > 256)
		cells = 256;
	if (!isfinite(used) || used < 0)
		used = 0;
	if (isfinite(ref) && ref < unit) {
		unit = 1024.0 * 1024;
		un = "MiB";
	}
	hc = snprintf(head, sizeof head, "%-4.8s ", label ? label : "");
	bc = gauge_bar(bar, sizeof bar, total > 0 ? used / total : 0, cells, utf8);
	if (isfinite(total) && total > 0 && total < 1e18)
		tc = snprintf(tail, sizeof tail, " %.1f/%.1f %s", used / unit, total / unit, un);
	else
		tc = snprintf(tail, sizeof tail, " %.1f %s", fmin(used, 1e18) / unit, un);
	return finish(buf, size, head, bar, tail, hc + bc + tc);
}
