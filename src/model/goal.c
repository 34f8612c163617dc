/* goal.c — goal seek on capital F or the direct cost C+D+H+O, at most, at
 * least or equal to a target (goal.h), for the dashboard's g form.
 *
 * The search is budget_seek's (whatif.c), generalised to a second measure:
 * each figure is monotone in every input, its direction is read off the two
 * ends of the input's range, and a binary search over whole values finds
 * the boundary, each step an exact budget_eval.  Refusals of inputs F
 * ignores are budget_seek's own, so the CLI and the form say the same.
 * No I/O, no floats.  Start at goal_seek().
 */
#include "capdash/goal.h"
#include "capdash/i18n.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

/* The measure and F with k set to v, or -1 when the plan does not evaluate. */
static int measure_at(const struct budget_input *in, struct budget_key k, int64_t v,
                      enum goal_measure m, struct goal_answer *at)
{
	struct budget_input tmp = *in;
	struct budget_result r;

	if (budget_set(&tmp, k, v, NULL) < 0 || budget_eval(&tmp, &r, NULL) < 0)
		return -1;
	at->value = v;
	at->capital = r.capital;
	at->direct = r.direct;
	at->reached = m == GOAL_CAPITAL ? r.capital : r.direct;
	return 0;
}

static bool meets(enum goal_rel rel, int64_t reached, int64_t target)
{
	return rel == GOAL_AT_MOST ? reached <= target : reached >= target;
}

/* The values tried: the field's range, but a month field other than the
 * horizon over months 1..months, as budget_seek does (0 stands for month 1
 * or the horizon's last; months past the horizon all give the same). */
static void value_range(const struct budget_input *in, struct budget_key k, int64_t *lo,
                        int64_t *hi)
{
	const struct budget_field *f = budget_field_get(k.id);

	*lo = f->min;
	*hi = f->max;
	if (f->unit == BUDGET_UNIT_MONTHS && k.id != BF_MONTHS) {
		*lo = 1;
		*hi = in->months > 1 ? in->months : 1;
	}
}

/* Where the input stands now, within [lo, hi] (a month's 0 is month 1 for
 * a start, the horizon for an end). */
static int64_t current(const struct budget_input *in, struct budget_key k, int64_t lo, int64_t hi)
{
	int64_t v = budget_get(in, k);

	if (v == 0 && budget_field_get(k.id)->unit == BUDGET_UNIT_MONTHS && k.id != BF_MONTHS) {
		bool end = k.id == BF_ROLE_END || k.id == BF_COST_TO || k.id == BF_RENT_TO ||
		           k.id == BF_DATA_TO;

		v = end ? in->months : 1;
	}
	return v < lo ? lo : v > hi ? hi : v;
}

/* The value nearest `to`, going from `from` (which evaluates), at which the
 * plan still evaluates: the valid values are an interval around the current
 * one (a credit above the costs, rent past its cap lie outside it). */
static int64_t reach(const struct budget_input *in, struct budget_key k, int64_t from, int64_t to,
                     enum goal_measure m, struct goal_answer *at)
{
	struct goal_answer a;
	int64_t good = from, bad = to;

	if (measure_at(in, k, to, m, at) == 0)
		return to;
	measure_at(in, k, from, m, at);
	while (bad - good > 1 || good - bad > 1) {
		int64_t mid = good + (bad - good) / 2; /* no good + bad: no overflow */

		if (measure_at(in, k, mid, m, &a) == 0) {
			good = mid;
			*at = a;
		} else {
			bad = mid;
		}
	}
	return good;
}

/* Inputs that do not enter C+D+H+O although they move F. */
static int direct_ignores(const struct budget_input *in, struct budget_key k, struct cd_err *err)
{
	const char *why = NULL;
	char name[64];

	if (k.id == BF_ALPHA)
		why = _("it divides the direct cost into F");
	else if (k.id == BF_FIXED_COSTS)
		why = _("it is added to F outside the allocation");
	else if ((k.id == BF_COST_AMOUNT || k.id == BF_COST_FROM || k.id == BF_COST_TO) &&
	         k.role >= 0 && k.role < in->ncosts && in->costs[k.role].outside)
		why = _("the line lies outside the allocation: it is added to F like β");
	if (!why)
		return 0;
	budget_key_name(k, name, sizeof name);
	return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
	                  _("%s does not enter the direct cost C+D+H+O (%s); vary another input"),
	                  name, why);
}

/* AT_MOST or AT_LEAST: 0 with *out the answer, or -1 with *out at the end
 * nearest the goal and the infeasible message. */
static int seek_bound(const struct budget_input *in, struct budget_key k, enum goal_measure m,
                      enum goal_rel rel, int64_t target, struct goal_answer *out,
                      struct cd_err *err)
{
	struct goal_answer at_lo, at_hi, a;
	int64_t lo, hi, cur;
	bool decreasing, want_last;

	value_range(in, k, &lo, &hi);
	cur = current(in, k, lo, hi);
	if (measure_at(in, k, cur, m, &a) < 0)
		return cd_err_set(err, CD_ERR_STATE, NULL, 0, 0, _("the plan does not evaluate"));
	lo = reach(in, k, cur, lo, m, &at_lo);
	hi = reach(in, k, cur, hi, m, &at_hi);
	/* Flat: every value is an answer; α and start months keep budget_seek's
	 * natural direction. */
	decreasing =
	        at_lo.reached > at_hi.reached ||
	        (at_lo.reached == at_hi.reached && (k.id == BF_ALPHA || k.id == BF_ROLE_START ||
	                                            k.id == BF_COST_FROM || k.id == BF_RENT_FROM));
	/* "At most" wants the last value still under the target when the
	 * measure rises (a prefix), the first when it falls; "at least" the
	 * mirror image. */
	want_last = (rel == GOAL_AT_MOST) != decreasing;
	*out = want_last ? at_lo : at_hi;
	if (!meets(rel, out->reached, target)) {
		char name[64], v[48], got[48], t[48], by[48];
		const char *fmt;

		out->exact = false;
		out->miss = out->reached - target;
		budget_key_name(k, name, sizeof name);
		budget_value_display(budget_field_get(k.id)->unit, out->value, v, sizeof v);
		budget_value_display(BUDGET_UNIT_CENTS, out->reached, got, sizeof got);
		budget_value_display(BUDGET_UNIT_CENTS, target, t, sizeof t);
		budget_value_display(BUDGET_UNIT_CENTS, out->miss < 0 ? -out->miss : out->miss, by,
		                     sizeof by);
		/* One whole sentence per case, so a translation can order it. */
		if (m == GOAL_CAPITAL && rel == GOAL_AT_MOST)
			fmt = _("infeasible: even with %s = %s, capital is %s, above the target %s "
			        "by %s");
		else if (m == GOAL_CAPITAL)
			fmt = _("infeasible: even with %s = %s, capital is %s, below the target %s "
			        "by %s");
		else if (rel == GOAL_AT_MOST)
			fmt = _("infeasible: even with %s = %s, the direct cost C+D+H+O is %s, "
			        "above "
			        "the target %s by %s");
		else
			fmt = _("infeasible: even with %s = %s, the direct cost C+D+H+O is %s, "
			        "below "
			        "the target %s by %s");
		return cd_err_set(err, CD_ERR_INFEASIBLE, NULL, 0, 0, fmt, name, v, got, t, by);
	}
	while (lo < hi) {
		/* Round towards the end not yet known good, so the interval shrinks. */
		int64_t mid = want_last ? lo + (hi - lo + 1) / 2 : lo + (hi - lo) / 2;
		bool ok;

		if (measure_at(in, k, mid, m, &a) < 0)
			return cd_err_set(err, CD_ERR_STATE, NULL, 0, 0,
			                  _("the plan does not evaluate"));
		ok = meets(rel, a.reached, target);
		if (want_last && ok)
			lo = mid;
		else if (want_last)
			hi = mid - 1;
		else if (ok)
			hi = mid;
		else
			lo = mid + 1;
	}
	measure_at(in, k, lo, m, out);
	out->miss = out->reached - target;
	out->exact = out->miss == 0;
	return 0;
}

int goal_seek(const struct budget_input *in, struct budget_key vary, enum goal_measure m,
              enum goal_rel rel, int64_t target, struct goal_answer *out, struct cd_err *err)
{
	struct goal_answer under, over;
	int64_t v, f;
	int ru, ro;

	/* budget_seek's checks and refusals (no such input, an input F
	 * ignores): a goal every value meets, so only a refusal fails. */
	if (budget_seek(in, vary, BUDGET_GOAL_AT_MOST, INT64_MAX, &v, &f, err) < 0)
		return -1;
	if (target < 0) {
		char t[48];

		budget_value_display(BUDGET_UNIT_CENTS, target, t, sizeof t);
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("target: expected an amount from $0, got %s"), t);
	}
	if (m == GOAL_DIRECT && direct_ignores(in, vary, err) < 0)
		return -1;
	if (rel != GOAL_EQUAL)
		return seek_bound(in, vary, m, rel, target, out, err);
	/* "=": the nearest value at or under the target and the nearest at or
	 * over it; at least one exists, as the range's two ends bracket every
	 * target the measure does not reach. */
	ru = seek_bound(in, vary, m, GOAL_AT_MOST, target, &under, NULL);
	ro = seek_bound(in, vary, m, GOAL_AT_LEAST, target, &over, NULL);
	if (ru == 0 && (ro < 0 || (target - under.reached) <= (over.reached - target)))
		*out = under;
	else
		*out = over;
	out->miss = out->reached - target;
	out->exact = out->miss == 0;
	return 0;
}
