/* timeline_text.c — the timeline view's cells and sentences (timeline_text.h).
 *
 * Pure: scales the model's figures to rows and cells, picks the grouping
 * and the wordings that fit; never adds or divides money for a figure a
 * person reads (those come from timeline_eval / timeline_group and are
 * written by money_format).  Start at tlt_columns.
 */
#include "timeline_text.h"

#include <stdio.h>
#include <string.h>

#include "capdash/budget.h"
#include "capdash/i18n.h"
#include "uwidth.h"

#define CAND_LEN 256 /* one wording: up to four figures and their words */

static int glyph_cells(const char *s)
{
	return uw_width(s);
}

static int groups_of(int months, int per)
{
	return (months + per - 1) / per;
}

bool tlt_columns(int months, int plot_w, struct tlt_cols *out)
{
	static const int pers[] = {1, 3, 12};

	memset(out, 0, sizeof *out);
	if (months < 1 || plot_w < 1)
		return false;
	for (size_t i = 0; i < sizeof pers / sizeof pers[0]; i++) {
		int n = groups_of(months, pers[i]), slot;

		if (n * TLT_MIN_SLOT > plot_w)
			continue;
		slot = plot_w / n;
		if (slot > 1 + TLT_MAX_BAR)
			slot = 1 + TLT_MAX_BAR;
		*out = (struct tlt_cols){pers[i], n, slot, 1, slot - 1};
		return true;
	}
	/* years still too many for a two-cell bar: one cell and a gap, then
	 * one cell each, then only the years that fit */
	out->per = 12;
	out->n = groups_of(months, 12);
	if (out->n * 2 <= plot_w) {
		out->slot_w = 2;
		out->gap = 1;
	} else {
		out->slot_w = 1;
		out->gap = 0;
		if (out->n > plot_w)
			out->n = plot_w;
	}
	out->bar_w = out->slot_w - out->gap;
	return true;
}

int tlt_slot_x(const struct tlt_cols *c, int g)
{
	return g * c->slot_w;
}

int tlt_group_of(const struct tlt_cols *c, int64_t month)
{
	int64_t g;

	if (month < 1 || c->per < 1)
		return -1;
	g = (month - 1) / c->per;
	return g < c->n ? (int)g : -1;
}

int tlt_marker_x(const struct tlt_cols *c, int64_t runway_month)
{
	int g = tlt_group_of(c, runway_month);

	return g < 0 ? -1 : tlt_slot_x(c, g);
}

int tlt_bar_height(int64_t burn, int64_t peak, int rows)
{
	long double exact;
	int h;

	if (burn <= 0 || peak <= 0 || rows <= 0)
		return 0;
	exact = (long double)burn * rows / (long double)peak;
	h = (int)(exact + 0.5L);
	if (h < 1)
		h = 1;
	return h > rows ? rows : h;
}

void tlt_bar_parts(const struct timeline_month *g, int height, int rows[TLT_PARTS])
{
	const int64_t amount[TLT_PARTS] = {g->compute, g->data, g->people, g->other};
	long double total = 0, rem[TLT_PARTS];
	int used = 0;

	for (int i = 0; i < TLT_PARTS; i++)
		total += amount[i] > 0 ? (long double)amount[i] : 0;
	/* largest remainder, as the share bar splits its cells */
	for (int i = 0; i < TLT_PARTS; i++) {
		long double exact =
		        total > 0 && amount[i] > 0 && height > 0 ? amount[i] * height / total : 0;

		rows[i] = (int)exact;
		rem[i] = exact - rows[i];
		used += rows[i];
	}
	while (total > 0 && used < height) {
		int best = 0;

		for (int i = 1; i < TLT_PARTS; i++)
			if (rem[i] > rem[best])
				best = i;
		rows[best]++;
		rem[best] = -1;
		used++;
	}
}

int tlt_cash_row(int64_t v, int64_t lo, int64_t hi, int rows)
{
	long double exact;
	int r;

	if (rows <= 1 || hi <= lo)
		return 0;
	if (v <= lo)
		return 0;
	if (v >= hi)
		return rows - 1;
	exact = (long double)(v - lo) * (rows - 1) / (long double)(hi - lo);
	r = (int)(exact + 0.5L);
	return r > rows - 1 ? rows - 1 : r;
}

char *tlt_group_label(int per, int g, char *buf, size_t size)
{
	if (per == 3)
		snprintf(buf, size, "Q%d", g + 1);
	else if (per == 12)
		snprintf(buf, size, "Y%d", g + 1);
	else
		snprintf(buf, size, "%d", g * per + 1);
	return buf;
}

const char *tlt_group_word(int per)
{
	return per == 3 ? _("by quarter") : per == 12 ? _("by year") : _("by month");
}

int tlt_label_xs(const struct tlt_cols *c, int plot_w, int *x, int max)
{
	char label[16];
	int end = -1, shown = 0, n = c->n < max ? c->n : max;

	for (int g = 0; g < n; g++) {
		int at = tlt_slot_x(c, g) + c->gap;
		int w = glyph_cells(tlt_group_label(c->per, g, label, sizeof label));

		x[g] = -1;
		if (at <= end || at + w > plot_w)
			continue; /* it would touch the label before it, or leave the plot */
		x[g] = at;
		end = at + w;
		shown++;
	}
	/* the last group's label says how far the plan goes: it displaces the
	 * one before it rather than being left out */
	if (n > 1 && x[n - 1] < 0) {
		int at = tlt_slot_x(c, n - 1) + c->gap;
		int w = glyph_cells(tlt_group_label(c->per, n - 1, label, sizeof label));

		if (at + w <= plot_w) {
			for (int g = n - 2; g >= 0; g--) {
				int gw;

				if (x[g] < 0)
					continue;
				gw = glyph_cells(tlt_group_label(c->per, g, label, sizeof label));
				if (x[g] + gw < at)
					break;
				x[g] = -1;
				shown--;
			}
			x[n - 1] = at;
			shown++;
		}
	}
	return shown;
}

bool tlt_runs_out(const struct timeline *t)
{
	return t->months > 0 && t->runway_month > 0;
}

static const char *months_word(int64_t n)
{
	return n == 1 ? _("month") : _("months");
}

/* The first of n wordings that fits width, else "". */
static char *first_fit(char (*cand)[CAND_LEN], int n, int width, char *buf, size_t size)
{
	for (int i = 0; i < n; i++)
		if (cand[i][0] && glyph_cells(cand[i]) <= width) {
			snprintf(buf, size, "%s", cand[i]);
			return buf;
		}
	if (size)
		buf[0] = 0;
	return buf;
}

char *tlt_runway_text(const struct timeline *t, int width, char *buf, size_t size)
{
	char cand[5][CAND_LEN];
	long long m = t->months, r = t->runway_month, l = t->runway_at_last_burn;

	memset(cand, 0, sizeof cand);
	if (m <= 0) {
		snprintf(cand[0], sizeof cand[0], _("runway: no months in the plan"));
		snprintf(cand[1], sizeof cand[1], _("no months"));
	} else if (r > 0) {
		snprintf(cand[0], sizeof cand[0], _("runway: cash runs out in month %lld"), r);
		snprintf(cand[1], sizeof cand[1], _("cash runs out in month %lld"), r);
		snprintf(cand[2], sizeof cand[2], _("runs out in month %lld"), r);
		snprintf(cand[3], sizeof cand[3], _("out in month %lld"), r);
	} else if (l > 0) {
		snprintf(cand[0], sizeof cand[0],
		         _("runway: lasts the %lld %s (at the last burn, until month %lld)"), m,
		         months_word(m), l);
		snprintf(cand[1], sizeof cand[1],
		         _("lasts the %lld %s (at the last burn, until month %lld)"), m,
		         months_word(m), l);
		snprintf(cand[2], sizeof cand[2], _("lasts the %lld %s (until month %lld)"), m,
		         months_word(m), l);
		snprintf(cand[3], sizeof cand[3], _("lasts the %lld %s"), m, months_word(m));
		snprintf(cand[4], sizeof cand[4], _("lasts %lld mo"), m);
	} else {
		snprintf(cand[0], sizeof cand[0],
		         _("runway: lasts the %lld %s (never runs out at the last burn)"), m,
		         months_word(m));
		snprintf(cand[1], sizeof cand[1], _("lasts the %lld %s, never runs out"), m,
		         months_word(m));
		snprintf(cand[2], sizeof cand[2], _("never runs out"));
	}
	return first_fit(cand, 5, width, buf, size);
}

char *tlt_runway_short(const struct timeline *t, char *buf, size_t size)
{
	if (t->months <= 0)
		snprintf(buf, size, "%s", "");
	else if (t->runway_month > 0)
		snprintf(buf, size, _("Runway %lld mo"), (long long)t->runway_month);
	else
		snprintf(buf, size, _("Runway > %lld mo"), (long long)t->months);
	return buf;
}

char *tlt_runway_big(const struct timeline *t, char *buf, size_t size)
{
	if (t->months <= 0)
		snprintf(buf, size, "%s", "");
	else if (t->runway_month > 0)
		snprintf(buf, size, "%lld", (long long)t->runway_month);
	else
		snprintf(buf, size, "%lld+", (long long)t->months);
	return buf;
}

char *tlt_breakeven_text(const struct timeline *t, int64_t gpus, int width, char *buf, size_t size)
{
	char cand[4][CAND_LEN], rent[48], buy[48], n[32], months[32];

	memset(cand, 0, sizeof cand);
	/* 万/亿 in Chinese, as every amount on the dashboard (ui_money) */
	money_format(t->rent_month, cd_i18n_is_zh() ? MONEY_WAN : MONEY_WHOLE, rent, sizeof rent);
	money_format(t->buy_total, cd_i18n_is_zh() ? MONEY_WAN : MONEY_WHOLE, buy, sizeof buy);
	count_format(gpus, n, sizeof n);
	if (t->breakeven_tenths < 0) {
		snprintf(cand[0], sizeof cand[0],
		         _("rent or buy: renting costs %s/mo (no hourly price): no break-even"),
		         rent);
		snprintf(cand[1], sizeof cand[1], _("rent %s/mo: no break-even"), rent);
		return first_fit(cand, 4, width, buf, size);
	}
	/* tenths of a month, written with their point: not money */
	snprintf(months, sizeof months, "%lld.%lld", (long long)(t->breakeven_tenths / 10),
	         (long long)(t->breakeven_tenths % 10));
	snprintf(cand[0], sizeof cand[0],
	         _("rent or buy: renting the %s %s costs %s/mo, buying them %s: the same after "
	           "%s months"),
	         n, gpus == 1 ? _("GPU") : _("GPUs"), rent, buy, months);
	snprintf(cand[1], sizeof cand[1], _("rent %s/mo, buy %s: break-even %s months"), rent, buy,
	         months);
	snprintf(cand[2], sizeof cand[2], _("rent %s/mo, buy %s: even at %s mo"), rent, buy,
	         months);
	snprintf(cand[3], sizeof cand[3], _("rent = buy after %s months"), months);
	return first_fit(cand, 4, width, buf, size);
}

void tlt_headline_fit(int x, int width, int cw, int dw, int rw, bool *compact, bool *delta,
                      bool *runway)
{
	/* the sets tried, most first: runway, change, compact F */
	static const bool sets[][3] = {
	        {true, true, true},   {false, true, true},   {true, false, true},
	        {false, false, true}, {true, true, false},   {false, true, false},
	        {true, false, false}, {false, false, false},
	};
	int room = width - x + 1;

	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		bool c = sets[i][0] && cw > 0, d = sets[i][1] && dw > 0, r = sets[i][2] && rw > 0;
		int need = 0;

		if (sets[i][0] != c || sets[i][1] != d || sets[i][2] != r)
			continue; /* a set with something there is none of */
		need += c ? cw : 0;
		need += d ? (need ? 2 : 0) + dw : 0;
		need += r ? (need ? 2 : 0) + rw : 0;
		if (need <= room) {
			*compact = c;
			*delta = d;
			*runway = r;
			return;
		}
	}
	*compact = *delta = *runway = false;
}
