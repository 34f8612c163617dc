/* budget.c — the capital model: validation, evaluation, the seed example.
 *
 *   C = gpus × gpu_unit_cost    D = samples × label_cost
 *   H = Σ roles count × monthly_salary × months
 *   F = (C + D + H) / α + β
 *
 * All in int64 cents, but D is formed in micro-dollars (label_cost is a
 * price in µ$) and rounded to the cent once; the α division rounds too, half
 * away from zero.  The
 * ranges in fields.c (see the overflow argument there) make every product
 * here safe once budget_validate has passed.  Must not do I/O or use floats.
 * Start at budget_eval().
 */
#include "capdash/budget.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

#define MILLION INT64_C(1000000)

void budget_seed_example(struct budget_input *in)
{
	memset(in, 0, sizeof *in);
	in->gpus = 5;
	in->gpu_unit_cost = INT64_C(20000000); /* $200,000 */
	in->gpu_hourly_cost = 0;               /* the seed buys, it does not rent */
	in->samples = 500000;
	in->label_cost = INT64_C(5000000); /* $5 in micro-dollars */
	in->months = 12;
	in->nroles = 2;
	snprintf(in->roles[0].name, sizeof in->roles[0].name, "Data scientists");
	in->roles[0].count = 10;
	in->roles[0].monthly_salary = INT64_C(3000000); /* $30,000 */
	snprintf(in->roles[1].name, sizeof in->roles[1].name, "ML engineers");
	in->roles[1].count = 5;
	in->roles[1].monthly_salary = INT64_C(3000000);
	in->alpha = 300000; /* 0.3 */
	in->fixed_costs = 0;
	in->scaling_efficiency = BUDGET_ALPHA_ONE; /* linear scaling */
}

/* Report one problem: into errs when given (validate: every problem), else
 * into first and stop (eval: the first problem is enough). */
static int report(struct cd_errlist *errs, struct cd_err *e, int *count)
{
	(*count)++;
	if (errs)
		cd_errlist_add(errs, e);
	return errs ? 0 : -1;
}

/* Walk every input; returns the number of problems (eval stops at one).
 * The scaling efficiency is checked only when validating: F does not use it,
 * and budget_eval must keep working for inputs built before it existed. */
static int check_all(const struct budget_input *in, struct cd_errlist *errs, struct cd_err *first)
{
	static const enum budget_field_id scalars[] = {
	        BF_GPUS,       BF_GPU_UNIT_COST, BF_GPU_HOURLY_COST, BF_SAMPLES,
	        BF_LABEL_COST, BF_MONTHS,        BF_ALPHA,           BF_FIXED_COSTS,
	};
	const struct budget_field *fc = budget_field_get(BF_ROLE_COUNT),
	                          *fs = budget_field_get(BF_ROLE_SALARY);
	struct cd_err local, *e = first ? first : &local;
	int count = 0, nroles = in->nroles;

	for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
		struct budget_key k = {scalars[i], 0};

		if (budget_check(k, budget_get(in, k), e) < 0 && report(errs, e, &count) < 0)
			return count;
	}
	if (errs && budget_check((struct budget_key){BF_SCALING_EFFICIENCY, 0},
	                         in->scaling_efficiency, e) < 0)
		report(errs, e, &count);
	if (nroles < 0 || nroles > BUDGET_MAX_ROLES) {
		cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
		           "people.roles: expected from 0 to %d roles, got %d", BUDGET_MAX_ROLES,
		           nroles);
		if (report(errs, e, &count) < 0)
			return count;
		nroles = nroles < 0 ? 0 : BUDGET_MAX_ROLES;
	}
	for (int r = 0; r < nroles; r++) {
		const struct budget_role *role = &in->roles[r];
		struct budget_key kc = {BF_ROLE_COUNT, r}, ks = {BF_ROLE_SALARY, r};

		if (!memchr(role->name, '\0', sizeof role->name)) {
			cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
			           "people.roles.%d.name: expected at most %d bytes", r,
			           BUDGET_ROLE_NAME_MAX - 1);
			if (report(errs, e, &count) < 0)
				return count;
		}
		/* Compare inline and only build a message on failure: with 32
		 * roles this loop is most of budget_eval's time. */
		if ((role->count < fc->min || role->count > fc->max) &&
		    budget_check(kc, role->count, e) < 0 && report(errs, e, &count) < 0)
			return count;
		if ((role->monthly_salary < fs->min || role->monthly_salary > fs->max) &&
		    budget_check(ks, role->monthly_salary, e) < 0 && report(errs, e, &count) < 0)
			return count;
	}
	return count;
}

int budget_validate(const struct budget_input *in, struct cd_errlist *errs)
{
	return check_all(in, errs, NULL);
}

int budget_eval(const struct budget_input *in, struct budget_result *out, struct cd_err *err)
{
	struct budget_result r;
	struct cd_err local;
	int64_t q, rem, a = in->alpha;

	if (check_all(in, NULL, err ? err : &local) > 0)
		return -1;
	memset(&r, 0, sizeof r);
	r.compute = in->gpus * in->gpu_unit_cost;
	/* Exact in micro-dollars (<= 1e18, see fields.c), then one rounding. */
	r.data = budget_micros_to_cents(in->samples * in->label_cost);
	for (int i = 0; i < in->nroles; i++) {
		r.role_cost[i] = in->roles[i].count * in->roles[i].monthly_salary * in->months;
		r.people += r.role_cost[i];
		r.headcount += in->roles[i].count;
	}
	r.direct = r.compute + r.data + r.people;
	/* direct × 1e6 could pass INT64_MAX, so divide first: direct = q·α + rem,
	 * direct·1e6/α = q·1e6 + rem·1e6/α, and only the last term is rounded
	 * (half away from zero; everything is >= 0 here). */
	q = r.direct / a;
	rem = r.direct % a;
	r.capital = q * MILLION + (2 * rem * MILLION + a) / (2 * a) + in->fixed_costs;
	*out = r;
	return 0;
}
