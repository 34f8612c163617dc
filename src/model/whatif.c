/* whatif.c — sensitivity, one-input sweeps and goal seek over the model.
 *
 * Everything here re-evaluates the exact model (budget_eval) on a copy of the
 * input with one field changed, so every figure is exact and validated.  F is
 * monotone in every input (non-decreasing in each cost, non-increasing in α),
 * which makes goal seek an exact binary search over the field's integer
 * values.  Must not do I/O or floating point.  Start at budget_seek().
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"
#include "model_int.h"

#include <limits.h>
#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

/* F with k set to v (v already within the field's range). */
static int capital_at(const struct budget_input *in, struct budget_key k, int64_t v,
                      struct budget_result *res, struct cd_err *err)
{
	struct budget_input tmp = *in;

	if (budget_set(&tmp, k, v, err) < 0)
		return -1;
	return budget_eval(&tmp, res, err);
}

static int64_t clamp(int64_t v, const struct budget_field *f)
{
	return v < f->min ? f->min : v > f->max ? f->max : v;
}

/* The value nearest to `to`, from `from` (where in evaluates) towards it,
 * at which in still evaluates, and F there.  Every value in a field's range
 * is valid on its own, but a sum may not be: a credit line larger than the
 * costs, or rent past its cap.  Those limits are monotone in each input
 * (the valid values are an interval around the current one), so the last
 * valid value is found by bisection. */
static int64_t reach(const struct budget_input *in, struct budget_key k, int64_t from, int64_t to,
                     struct budget_result *res)
{
	struct budget_result r;
	struct cd_err scratch;
	int64_t good = from, bad = to;

	if (capital_at(in, k, to, res, &scratch) == 0)
		return to;
	capital_at(in, k, from, res, &scratch);
	while (bad - good > 1 || good - bad > 1) {
		/* Halve the distance without forming good + bad. */
		int64_t mid = good + (bad - good) / 2;

		if (capital_at(in, k, mid, &r, &scratch) == 0) {
			good = mid;
			*res = r;
		} else {
			bad = mid;
		}
	}
	return good;
}

/* A month field's 0 read as the month it stands for (a start: 1, an end:
 * the horizon's last), so that its sensitivity steps from where the plan
 * is, not from month 0.  Other values as they are. */
static int64_t effective(const struct budget_input *in, struct budget_key k)
{
	int64_t v = budget_get(in, k);

	if (v)
		return v;
	switch (k.id) {
	case BF_ROLE_START:
	case BF_COST_FROM:
	case BF_RENT_FROM:
		return 1;
	case BF_ROLE_END:
	case BF_COST_TO:
	case BF_RENT_TO:
		return in->months;
	default:
		return v;
	}
}

/* Fill one sensitivity row; base is F at the current input. */
static int sens_row(const struct budget_input *in, struct budget_key k, int64_t base,
                    struct budget_sens *row, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	struct budget_result r;
	int64_t v = effective(in, k);
	int64_t ten = v < 0 ? (v - 5) / 10 : (v + 5) / 10; /* 10%, half away */

	row->key = k;
	row->value = v;
	row->step = f->step;
	/* v itself evaluates (budget_eval passed); a move that would not (a
	 * credit above the costs) stops where the plan still evaluates. */
	if (capital_at(in, k, v, &r, err) < 0)
		return -1;
	reach(in, k, v, clamp(v + f->step, f), &r);
	row->d_step = r.capital - base;
	reach(in, k, v, clamp(v - ten, f), &r);
	row->d_minus10 = r.capital - base;
	reach(in, k, v, clamp(v + ten, f), &r);
	row->d_plus10 = r.capital - base;
	return 0;
}

/* Fields F ignores for this input (budget_field_moves_f: the hourly price
 * when buying, the raise, the cash, when D is paid, the scaling
 * efficiency, ...) are left out: their rows would read zero. */
int budget_sensitivity(const struct budget_input *in, struct budget_sens *out, int max,
                       struct cd_err *err)
{
	struct budget_result base;
	struct budget_key keys[BUDGET_SENS_MAX];
	int nkeys;

	if (budget_eval(in, &base, err) < 0)
		return -1;
	nkeys = model_keys_moving_f(in, keys, max < BUDGET_SENS_MAX ? max : BUDGET_SENS_MAX);
	for (int i = 0; i < nkeys; i++)
		if (sens_row(in, keys[i], base.capital, &out[i], err) < 0)
			return -1;
	return nkeys;
}

/* Whether k names an input of in (its role or line exists): budget_set's
 * message when not. */
static int key_exists(const struct budget_input *in, struct budget_key k, struct cd_err *err)
{
	struct budget_input tmp = *in;
	const struct budget_field *f = budget_field_get(k.id);

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("no such input"));
	return budget_set(&tmp, k, f->min, err);
}

int budget_sweep(const struct budget_input *in, struct budget_key k, int64_t start, int64_t stop,
                 int64_t step, struct budget_sweep_row *rows, size_t max, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	struct budget_result r;
	char name[64], a[48], b[48], c[48];
	uint64_t n;

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("no such input"));
	if (budget_eval(in, &r, err) < 0 || key_exists(in, k, err) < 0)
		return -1;
	budget_key_name(k, name, sizeof name);
	budget_value_display(f->unit, step, c, sizeof c);
	if (step <= 0)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  _("%s: expected a sweep step above 0, got %s"), name, c);
	if (budget_check(k, start, err) < 0 || budget_check(k, stop, err) < 0)
		return -1;
	budget_value_display(f->unit, start, a, sizeof a);
	budget_value_display(f->unit, stop, b, sizeof b);
	if (start > stop)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  _("%s: the sweep start %s is above its stop %s"), name, a, b);
	n = (uint64_t)(stop - start) / (uint64_t)step + 1;
	if (n > max || n > INT_MAX) {
		char rows_s[32], max_s[32];

		count_format((int64_t)n, rows_s, sizeof rows_s);
		count_format((int64_t)max, max_s, sizeof max_s);
		return cd_err_set(err, CD_ERR_LIMIT, NULL, 0, 0,
		                  _("%s: sweeping from %s to %s in steps of %s takes %s rows, the "
		                    "limit is %s (use a larger step)"),
		                  name, a, b, c, rows_s, max_s);
	}
	for (uint64_t i = 0; i < n; i++) {
		int64_t v = start + (int64_t)i * step;

		if (capital_at(in, k, v, &r, err) < 0)
			return -1;
		rows[i].value = v;
		rows[i].compute = r.compute;
		rows[i].data = r.data;
		rows[i].people = r.people;
		rows[i].direct = r.direct;
		rows[i].capital = r.capital;
	}
	return (int)n;
}

/* Whether F at v meets the goal. */
static int meets(const struct budget_input *in, struct budget_key k, int64_t v,
                 enum budget_goal goal, int64_t target, bool *ok, struct cd_err *err)
{
	struct budget_result r;

	if (capital_at(in, k, v, &r, err) < 0)
		return -1;
	*ok = goal == BUDGET_GOAL_AT_MOST ? r.capital <= target : r.capital >= target;
	return 0;
}

/* Binary search over [lo, hi] for the boundary of a monotone predicate.
 * want_last: the predicate holds on a prefix and we want its last value;
 * else it holds on a suffix and we want its first.  The caller has checked
 * that the predicate holds at the favourable end. */
static int bisect(const struct budget_input *in, struct budget_key k, enum budget_goal goal,
                  int64_t target, int64_t lo, int64_t hi, bool want_last, int64_t *answer,
                  struct cd_err *err)
{
	bool ok;

	while (lo < hi) {
		/* Round the midpoint towards the end that is not yet known good,
		 * so the interval always shrinks. */
		int64_t mid = want_last ? lo + (hi - lo + 1) / 2 : lo + (hi - lo) / 2;

		if (meets(in, k, mid, goal, target, &ok, err) < 0)
			return -1;
		if (want_last && ok)
			lo = mid;
		else if (want_last)
			hi = mid - 1;
		else if (ok)
			hi = mid;
		else
			lo = mid + 1;
	}
	*answer = lo;
	return 0;
}

/* Why F ignores k's field for in, for seek's refusal. */
static int ignored(const struct budget_input *in, struct budget_key k, const char *name,
                   struct cd_err *err)
{
	const char *why;

	switch (k.id) {
	case BF_GPU_HOURLY_COST:
		why = "it prices training runs; capital uses it only when compute.mode is rent";
		break;
	case BF_RENT_FROM:
	case BF_RENT_TO:
	case BF_HOURS_PER_MONTH:
	case BF_UTILISATION:
		why = "the plan buys its GPUs; capital uses it only when compute.mode is rent";
		break;
	case BF_GPU_UNIT_COST:
		why = "the plan rents its GPUs; capital uses it only when compute.mode is buy";
		break;
	case BF_SCALING_EFFICIENCY:
		why = "capdash forecast uses it";
		break;
	case BF_RAISED:
	case BF_CASH_AT_START:
		why = "it is the cash the plan spends month by month; it moves the runway";
		break;
	case BF_PURCHASE_MONTH:
	case BF_DATA_FROM:
	case BF_DATA_TO:
		why = "it moves when a cost is paid, not how much";
		break;
	default:
		why = "it does not change F for this plan";
		break;
	}
	(void)in;
	return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
	                  _("%s does not enter capital (%s); vary another input"), name, why);
}

/* The values seek tries: the field's range, but a month field's 0 (the
 * default, which stands for month 1 or the horizon's last) is left out and
 * months past the horizon, which all give the same F, are not tried. */
static void seek_range(const struct budget_input *in, struct budget_key k,
                       const struct budget_field *f, int64_t *lo, int64_t *hi)
{
	*lo = f->min;
	*hi = f->max;
	if (f->unit == BUDGET_UNIT_MONTHS && k.id != BF_MONTHS) {
		*lo = 1;
		*hi = in->months > 1 ? in->months : 1;
	}
}

int budget_seek(const struct budget_input *in, struct budget_key vary, enum budget_goal goal,
                int64_t target, int64_t *value, int64_t *capital, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(vary.id);
	struct budget_result r, at_lo, at_hi;
	bool decreasing, want_last, ok = false;
	int64_t end, answer, lo, hi, cur;
	char name[64], v[48], fs[48], ts[48];

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("no such input"));
	if (budget_eval(in, &r, err) < 0 || key_exists(in, vary, err) < 0)
		return -1;
	budget_key_name(vary, name, sizeof name);
	if (!budget_field_moves_f(in, vary.id))
		return ignored(in, vary, name, err);
	/* F rises with every cost and falls as α grows, as a start month moves
	 * later, or as a credit grows; which way it goes is read off the two
	 * ends.  "At most" wants the largest cost (smallest α) still under the
	 * target: a prefix of the values when F rises, a suffix when it falls;
	 * "at least" is the mirror image.  Where F is not monotone (more months
	 * with a credit line), the answer still meets the goal, as bisect keeps
	 * its known-good end. */
	seek_range(in, vary, f, &lo, &hi);
	cur = clamp(effective(in, vary), f);
	cur = cur < lo ? lo : cur > hi ? hi : cur;
	if (capital_at(in, vary, cur, &r, err) < 0)
		return -1;
	lo = reach(in, vary, cur, lo, &at_lo);
	hi = reach(in, vary, cur, hi, &at_hi);
	/* Where F is flat every value is an answer; α and the start months
	 * then keep their natural direction (the smallest α meeting "at
	 * most"), as they always had. */
	decreasing = at_lo.capital > at_hi.capital ||
	             (at_lo.capital == at_hi.capital &&
	              (vary.id == BF_ALPHA || vary.id == BF_ROLE_START || vary.id == BF_COST_FROM ||
	               vary.id == BF_RENT_FROM));
	want_last = (goal == BUDGET_GOAL_AT_MOST) != decreasing;
	end = want_last ? lo : hi;
	if (meets(in, vary, end, goal, target, &ok, err) < 0)
		return -1;
	if (!ok) {
		capital_at(in, vary, end, &r, err);
		budget_value_display(f->unit, end, v, sizeof v);
		budget_value_display(BUDGET_UNIT_CENTS, r.capital, fs, sizeof fs);
		budget_value_display(BUDGET_UNIT_CENTS, target, ts, sizeof ts);
		return cd_err_set(
		        err, CD_ERR_INFEASIBLE, NULL, 0, 0,
		        _("infeasible: even with %s = %s, capital is %s, %s the target %s"), name,
		        v, fs, goal == BUDGET_GOAL_AT_MOST ? "above" : "below", ts);
	}
	if (bisect(in, vary, goal, target, lo, hi, want_last, &answer, err) < 0)
		return -1;
	if (capital_at(in, vary, answer, &r, err) < 0)
		return -1;
	*value = answer;
	if (capital)
		*capital = r.capital;
	return 0;
}
