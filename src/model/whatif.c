/* whatif.c — sensitivity, one-input sweeps and goal seek over the model.
 *
 * Everything here re-evaluates the exact model (budget_eval) on a copy of the
 * input with one field changed, so every figure is exact and validated.  F is
 * monotone in every input (non-decreasing in each cost, non-increasing in α),
 * which makes goal seek an exact binary search over the field's integer
 * values.  Must not do I/O or floating point.  Start at budget_seek().
 */
#include "capdash/budget.h"

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

/* Fill one sensitivity row; base is F at the current input. */
static int sens_row(const struct budget_input *in, struct budget_key k, int64_t base,
                    struct budget_sens *row, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	struct budget_result r;
	int64_t v = budget_get(in, k), ten = (v + 5) / 10; /* 10%, half away */

	row->key = k;
	row->value = v;
	row->step = f->step;
	if (capital_at(in, k, clamp(v + f->step, f), &r, err) < 0)
		return -1;
	row->d_step = r.capital - base;
	if (capital_at(in, k, clamp(v - ten, f), &r, err) < 0)
		return -1;
	row->d_minus10 = r.capital - base;
	if (capital_at(in, k, clamp(v + ten, f), &r, err) < 0)
		return -1;
	row->d_plus10 = r.capital - base;
	return 0;
}

/* The GPU hourly price and the scaling efficiency are left out: they price
 * and size training runs and never enter F, so their rows would read zero. */
int budget_sensitivity(const struct budget_input *in, struct budget_sens *out, int max,
                       struct cd_err *err)
{
	struct budget_result base;
	int n = 0;

	if (budget_eval(in, &base, err) < 0)
		return -1;
	for (int id = 0; id < BF__COUNT && n < max; id++) {
		int nkeys = (id == BF_ROLE_COUNT || id == BF_ROLE_SALARY) ? in->nroles : 1;

		if (id == BF_GPU_HOURLY_COST || id == BF_SCALING_EFFICIENCY)
			continue;
		for (int r = 0; r < nkeys && n < max; r++) {
			struct budget_key k = {(enum budget_field_id)id, r};

			if (sens_row(in, k, base.capital, &out[n], err) < 0)
				return -1;
			n++;
		}
	}
	return n;
}

int budget_sweep(const struct budget_input *in, struct budget_key k, int64_t start, int64_t stop,
                 int64_t step, struct budget_sweep_row *rows, size_t max, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	struct budget_result r;
	char name[64], a[48], b[48], c[48];
	uint64_t n;

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, "no such input");
	if (budget_eval(in, &r, err) < 0 || capital_at(in, k, budget_get(in, k), &r, err) < 0)
		return -1;
	budget_key_name(k, name, sizeof name);
	budget_value_display(f->unit, step, c, sizeof c);
	if (step <= 0)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  "%s: expected a sweep step above 0, got %s", name, c);
	if (budget_check(k, start, err) < 0 || budget_check(k, stop, err) < 0)
		return -1;
	budget_value_display(f->unit, start, a, sizeof a);
	budget_value_display(f->unit, stop, b, sizeof b);
	if (start > stop)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  "%s: the sweep start %s is above its stop %s", name, a, b);
	n = (uint64_t)(stop - start) / (uint64_t)step + 1;
	if (n > max || n > INT_MAX) {
		char rows_s[32], max_s[32];

		count_format((int64_t)n, rows_s, sizeof rows_s);
		count_format((int64_t)max, max_s, sizeof max_s);
		return cd_err_set(err, CD_ERR_LIMIT, NULL, 0, 0,
		                  "%s: sweeping from %s to %s in steps of %s takes %s rows, the "
		                  "limit is %s (use a larger step)",
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

int budget_seek(const struct budget_input *in, struct budget_key vary, enum budget_goal goal,
                int64_t target, int64_t *value, int64_t *capital, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(vary.id);
	struct budget_result r;
	bool decreasing, want_last, ok = false;
	int64_t end, answer;
	char name[64], v[48], fs[48], ts[48];

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, "no such input");
	if (budget_eval(in, &r, err) < 0 || capital_at(in, vary, budget_get(in, vary), &r, err) < 0)
		return -1;
	budget_key_name(vary, name, sizeof name);
	if (vary.id == BF_GPU_HOURLY_COST)
		return cd_err_set(
		        err, CD_ERR_USAGE, NULL, 0, 0,
		        "%s does not enter capital (it prices training runs); vary another input",
		        name);
	if (vary.id == BF_SCALING_EFFICIENCY)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  "%s does not enter capital (capdash forecast uses it); vary "
		                  "another input",
		                  name);
	/* F rises with every cost and falls as α grows.  "At most" wants the
	 * largest cost (smallest α) still under the target: a prefix of the
	 * costs, a suffix of the αs; "at least" is the mirror image. */
	decreasing = vary.id == BF_ALPHA;
	want_last = (goal == BUDGET_GOAL_AT_MOST) != decreasing;
	end = want_last ? f->min : f->max;
	if (meets(in, vary, end, goal, target, &ok, err) < 0)
		return -1;
	if (!ok) {
		capital_at(in, vary, end, &r, err);
		budget_value_display(f->unit, end, v, sizeof v);
		budget_value_display(BUDGET_UNIT_CENTS, r.capital, fs, sizeof fs);
		budget_value_display(BUDGET_UNIT_CENTS, target, ts, sizeof ts);
		return cd_err_set(err, CD_ERR_INFEASIBLE, NULL, 0, 0,
		                  "infeasible: even with %s = %s, capital is %s, %s the target %s",
		                  name, v, fs, goal == BUDGET_GOAL_AT_MOST ? "above" : "below", ts);
	}
	if (bisect(in, vary, goal, target, f->min, f->max, want_last, &answer, err) < 0)
		return -1;
	if (capital_at(in, vary, answer, &r, err) < 0)
		return -1;
	*value = answer;
	if (capital)
		*capital = r.capital;
	return 0;
}
