/* timeline.c — the plan month by month: what is paid in each month, the
 * cash left at its end, the runway, and rent against buy.
 *
 * The totals are budget_eval's; this file only places them in months, so
 * F never depends on it.  Amounts that are not whole cents a month (the
 * rent, in micro-dollars; D spread over months) are paid on the running
 * total: month k pays round(total to k) - round(total to k-1), so the months
 * add up to the total exactly, cent for cent.  A payment F holds in full (C
 * when buying, D) whose month is past the horizon is paid in the horizon's
 * last month, so that the months still add up to F's figures; a role,
 * rented month or other cost line past the horizon is simply not paid (and
 * not in F either).  β is paid in month 1.
 *
 * Bounds (fields.c has the full argument): every monthly figure is at most
 * C or D (<= 1e14 cents) or 32 × 1e12 (H) or 32 × 1e11 + 1e11 (O); the cash
 * starts at <= 1e14 + 8.71e18 and moves by at most the sum of the months'
 * magnitudes (< 8.7e15 + 7.7e14), so it stays within ±8.72e18; the runway
 * at the last burn is at most 240 + 8.72e18 + 1.  No I/O, no floats.  Start
 * at timeline_eval().
 */
#include "capdash/timeline.h"
#include "model_int.h"

#include <string.h>

static void place_compute(const struct budget_input *in, struct timeline *t)
{
	int64_t months = in->months, prev = 0, mu, at;
	struct model_span s;

	if (in->compute_mode != BUDGET_RENT) {
		at = model_month_in(in->purchase_month, months);
		if (at)
			t->m[at - 1].compute += t->res.compute;
		return;
	}
	/* mu × s.n <= MODEL_RENT_CAP_MICROS: budget_eval refused more. */
	s = model_span(in->rent_from, in->rent_to, months);
	mu = model_rent_month_micros(in);
	for (int64_t k = 1; k <= s.n; k++) {
		int64_t cum = budget_micros_to_cents(mu * k);

		t->m[s.first + k - 2].compute += cum - prev;
		prev = cum;
	}
}

static void place_data(const struct budget_input *in, struct timeline *t)
{
	int64_t months = in->months;
	int64_t first = model_month_in(in->data_from, months), last;

	if (!first)
		return;
	if (!in->data_spread) {
		t->m[first - 1].data += t->res.data;
		return;
	}
	/* Validation keeps an explicit data_to >= data_from, so after both are
	 * cut at the horizon last >= first still holds. */
	last = in->data_to > 0 && in->data_to < months ? in->data_to : months;
	if (last < first)
		last = first;
	for (int64_t k = 1, n = last - first + 1, prev = 0; k <= n; k++) {
		int64_t cum = model_scale_round(t->res.data, k, n); /* D × k <= 2.4e16 */

		t->m[first + k - 2].data += cum - prev;
		prev = cum;
	}
}

/* Roles and monthly lines are paid the same amount every month of their
 * span: each adds its amount where the span starts and takes it off after
 * it ends, and one running sum over the months pays them all, so the cost
 * is roles + lines + months, not their product.  The running sums stay
 * within one month of everything: <= 3.2e13 (people), ±3.2e12 (lines). */
static void place_people_other(const struct budget_input *in, struct timeline *t)
{
	int64_t people[TIMELINE_MAX_MONTHS + 1] = {0}, other[TIMELINE_MAX_MONTHS + 1] = {0};
	int64_t months = in->months, run_people = 0, run_other = 0;

	for (int i = 0; i < in->nroles; i++) {
		const struct budget_role *r = &in->roles[i];
		struct model_span s = model_span(r->start_month, r->end_month, months);
		int64_t pay = r->count * r->monthly_salary;

		if (s.n) {
			people[s.first - 1] += pay;
			people[s.last] -= pay;
		}
	}
	for (int i = 0; i < in->ncosts; i++) {
		const struct budget_cost *c = &in->costs[i];

		if (c->monthly) {
			struct model_span s = model_span(c->from, c->to, months);

			if (s.n) {
				other[s.first - 1] += c->amount;
				other[s.last] -= c->amount;
			}
		} else {
			int64_t at = c->from > 0 ? c->from : 1;

			if (at <= months)
				t->m[at - 1].other += c->amount;
		}
	}
	for (int64_t m = 0; m < months; m++) {
		run_people += people[m];
		run_other += other[m];
		t->m[m].people += run_people;
		t->m[m].other += run_other;
	}
	if (months > 0)
		t->m[0].other += in->fixed_costs;
}

/* Burn, cash, runway and the peak, once every month is placed. */
static void cash_and_runway(struct timeline *t)
{
	int64_t cash = t->cash_at_start + t->raised, last;

	for (int i = 0; i < t->months; i++) {
		struct timeline_month *m = &t->m[i];

		m->burn = m->compute + m->data + m->people + m->other;
		cash -= m->burn;
		m->cash = cash;
		if (cash < 0 && !t->runway_month)
			t->runway_month = i + 1;
		if (!t->burn_peak_month || m->burn > t->burn_peak) {
			t->burn_peak = m->burn;
			t->burn_peak_month = i + 1;
		}
	}
	if (t->runway_month || t->months == 0)
		return;
	/* cash >= 0 here (no month went below), last > 0: the quotient is at
	 * most 8.72e18 and the sum cannot wrap. */
	last = t->m[t->months - 1].burn;
	if (last > 0)
		t->runway_at_last_burn = t->months + cash / last + 1;
}

/* Rent against buy for the plan's GPUs, whatever compute.mode says. */
static void rent_or_buy(const struct budget_input *in, struct timeline *t)
{
	t->rent_month = budget_micros_to_cents(model_rent_month_micros(in)); /* <= 7.44e13 */
	t->buy_total = in->gpus * in->gpu_unit_cost;                         /* <= 1e14 */
	/* Tenths of buy / rent, rounded half up: 20 × buy <= 2e15 fits. */
	t->breakeven_tenths =
	        t->rent_month > 0 ? (20 * t->buy_total + t->rent_month) / (2 * t->rent_month) : -1;
}

int timeline_eval(const struct budget_input *in, struct timeline *out, struct cd_err *err)
{
	struct budget_result res;

	if (budget_eval(in, &res, err) < 0)
		return -1;
	/* From here nothing can fail, so out is only touched on success. */
	memset(out, 0, sizeof *out);
	out->res = res;
	out->months = (int)in->months;
	out->raised = in->raised_set ? in->raised : res.capital;
	out->cash_at_start = in->cash_at_start;
	place_compute(in, out);
	place_data(in, out);
	place_people_other(in, out);
	cash_and_runway(out);
	rent_or_buy(in, out);
	return 0;
}

int timeline_group(const struct timeline *t, int per, struct timeline_month *out, int max)
{
	int n = 0;

	if (per < 1)
		return 0;
	for (int first = 0; first < t->months && n < max; first += per, n++) {
		int last = first + per < t->months ? first + per : t->months;
		struct timeline_month g = {0};

		for (int i = first; i < last; i++) {
			g.compute += t->m[i].compute;
			g.data += t->m[i].data;
			g.people += t->m[i].people;
			g.other += t->m[i].other;
			g.burn += t->m[i].burn;
		}
		g.cash = t->m[last - 1].cash;
		out[n] = g;
	}
	return n;
}
