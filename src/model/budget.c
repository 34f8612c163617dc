/* budget.c — the capital model: validation, evaluation, the seed example.
 *
 *   C = gpus × gpu_unit_cost (buy), or the monthly rent × the months rented
 *   D = samples × label_cost
 *   H = Σ roles count × monthly_salary × the months the role is paid
 *   O = Σ other cost lines inside the allocation
 *   F = (C + D + H + O) / α + β + Σ other cost lines outside it
 *
 * All in int64 cents, but D and the rent are formed in micro-dollars (their
 * prices are in µ$) and rounded to the cent once; the α division rounds
 * too, half away from zero.  Which months count (a role's start and end,
 * the months rented, a line's from and to) is schedule.c's, shared with
 * timeline.c.  The ranges in fields.c (see the overflow argument there)
 * make every product here safe once the fields are checked; the two sums
 * that can still go wrong (rent past $1e12, credits above the costs) are
 * refused with a message.  Must not do I/O or use floats.  Start at
 * budget_eval().
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"
#include "model_int.h"

#include <stddef.h>
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

/* The range check of one value, the message built only on failure: with 32
 * roles and 32 lines these loops are most of budget_eval's time. */
static int check_in(const struct budget_field *f, struct budget_key k, int64_t v,
                    struct cd_errlist *errs, struct cd_err *e, int *count)
{
	if (v >= f->min && v <= f->max)
		return 0;
	budget_check(k, v, e);
	return report(errs, e, count);
}

static int check_one(struct budget_key k, int64_t v, struct cd_errlist *errs, struct cd_err *e,
                     int *count)
{
	return check_in(budget_field_get(k.id), k, v, errs, e, count);
}

/* An explicit end month before its start: refused naming the end field. */
static int check_order(struct budget_key start, int64_t from, struct budget_key end, int64_t to,
                       struct cd_errlist *errs, struct cd_err *e, int *count)
{
	char sname[64], ename[64];

	if (!to || !from || to >= from)
		return 0;
	budget_key_name(start, sname, sizeof sname);
	budget_key_name(end, ename, sizeof ename);
	cd_err_set(e, CD_ERR_RANGE, NULL, 0, 0,
	           _("%s: month %lld is before %s (month %lld); expected a month from %lld to 240, "
	             "or 0 for the horizon's last"),
	           ename, (long long)to, sname, (long long)from, (long long)from);
	return report(errs, e, count);
}

#define CHECK(call)                                                                                \
	do {                                                                                       \
		if ((call) < 0)                                                                    \
			return count;                                                              \
	} while (0)

static int check_roles(const struct budget_input *in, struct cd_errlist *errs, struct cd_err *e,
                       int count)
{
	int nroles = in->nroles;

	if (nroles < 0 || nroles > BUDGET_MAX_ROLES) {
		cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
		           _("people.roles: expected from 0 to %d roles, got %d"), BUDGET_MAX_ROLES,
		           nroles);
		CHECK(report(errs, e, &count));
		nroles = nroles < 0 ? 0 : BUDGET_MAX_ROLES;
	}
	const struct budget_field *fc = budget_field_get(BF_ROLE_COUNT),
	                          *fs = budget_field_get(BF_ROLE_SALARY),
	                          *fm = budget_field_get(BF_ROLE_START);

	for (int r = 0; r < nroles; r++) {
		const struct budget_role *role = &in->roles[r];
		struct budget_key ks = {BF_ROLE_START, r}, ke = {BF_ROLE_END, r};

		if (!memchr(role->name, '\0', sizeof role->name)) {
			cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
			           _("people.roles.%d.name: expected at most %d bytes"), r,
			           BUDGET_ROLE_NAME_MAX - 1);
			CHECK(report(errs, e, &count));
		}
		CHECK(check_in(fc, (struct budget_key){BF_ROLE_COUNT, r}, role->count, errs, e,
		               &count));
		CHECK(check_in(fs, (struct budget_key){BF_ROLE_SALARY, r}, role->monthly_salary,
		               errs, e, &count));
		/* start and end months share one range */
		CHECK(check_in(fm, ks, role->start_month, errs, e, &count));
		CHECK(check_in(fm, ke, role->end_month, errs, e, &count));
		CHECK(check_order(ks, role->start_month, ke, role->end_month, errs, e, &count));
	}
	return count;
}

static int check_costs(const struct budget_input *in, struct cd_errlist *errs, struct cd_err *e,
                       int count)
{
	int ncosts = in->ncosts;

	if (ncosts < 0 || ncosts > BUDGET_MAX_COSTS) {
		cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
		           _("other_costs: expected from 0 to %d lines, got %d"), BUDGET_MAX_COSTS,
		           ncosts);
		CHECK(report(errs, e, &count));
		ncosts = ncosts < 0 ? 0 : BUDGET_MAX_COSTS;
	}
	const struct budget_field *fa = budget_field_get(BF_COST_AMOUNT),
	                          *fm = budget_field_get(BF_COST_FROM);

	for (int i = 0; i < ncosts; i++) {
		const struct budget_cost *c = &in->costs[i];
		struct budget_key kf = {BF_COST_FROM, i}, kt = {BF_COST_TO, i};

		if (!memchr(c->name, '\0', sizeof c->name)) {
			cd_err_set(e, CD_ERR_LIMIT, NULL, 0, 0,
			           _("other_costs.%d.name: expected at most %d bytes"), i,
			           BUDGET_COST_NAME_MAX - 1);
			CHECK(report(errs, e, &count));
		} else if (!c->name[0]) {
			cd_err_set(e, CD_ERR_TYPE, NULL, 0, 0,
			           _("other_costs.%d.name: expected a name such as Inference, got "
			             "nothing"),
			           i);
			CHECK(report(errs, e, &count));
		}
		CHECK(check_in(fa, (struct budget_key){BF_COST_AMOUNT, i}, c->amount, errs, e,
		               &count));
		CHECK(check_in(fm, kf, c->from, errs, e, &count));
		CHECK(check_in(fm, kt, c->to, errs, e, &count));
		CHECK(check_order(kf, c->from, kt, c->to, errs, e, &count));
	}
	return count;
}

/* Walk every input; returns the number of problems (eval stops at one).
 * The scaling efficiency is checked only when validating: F does not use
 * it, and budget_eval must keep working for inputs built before it existed.
 * For the same reason hours_per_month and utilisation are checked only
 * when renting, and 0 stands for their default. */
static int check_all(const struct budget_input *in, struct cd_errlist *errs, struct cd_err *first)
{
	/* Read in place, not through budget_get: this runs on every recompute. */
	static const struct {
		enum budget_field_id id;
		size_t at;
	} scalars[] = {
	        {BF_GPUS, offsetof(struct budget_input, gpus)},
	        {BF_GPU_UNIT_COST, offsetof(struct budget_input, gpu_unit_cost)},
	        {BF_GPU_HOURLY_COST, offsetof(struct budget_input, gpu_hourly_cost)},
	        {BF_SAMPLES, offsetof(struct budget_input, samples)},
	        {BF_LABEL_COST, offsetof(struct budget_input, label_cost)},
	        {BF_MONTHS, offsetof(struct budget_input, months)},
	        {BF_ALPHA, offsetof(struct budget_input, alpha)},
	        {BF_FIXED_COSTS, offsetof(struct budget_input, fixed_costs)},
	        {BF_PURCHASE_MONTH, offsetof(struct budget_input, purchase_month)},
	        {BF_RENT_FROM, offsetof(struct budget_input, rent_from)},
	        {BF_RENT_TO, offsetof(struct budget_input, rent_to)},
	        {BF_DATA_FROM, offsetof(struct budget_input, data_from)},
	        {BF_DATA_TO, offsetof(struct budget_input, data_to)},
	        {BF_CASH_AT_START, offsetof(struct budget_input, cash_at_start)},
	};
	struct cd_err local, *e = first ? first : &local;
	int count = 0;

	for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
		struct budget_key k = {scalars[i].id, 0};
		int64_t v;

		memcpy(&v, (const char *)in + scalars[i].at, sizeof v);
		CHECK(check_one(k, v, errs, e, &count));
	}
	if (in->raised_set)
		CHECK(check_one((struct budget_key){BF_RAISED, 0}, in->raised, errs, e, &count));
	if (errs)
		check_one((struct budget_key){BF_SCALING_EFFICIENCY, 0}, in->scaling_efficiency,
		          errs, e, &count);
	if (in->compute_mode != BUDGET_BUY && in->compute_mode != BUDGET_RENT) {
		cd_err_set(e, CD_ERR_RANGE, NULL, 0, 0,
		           _("compute.mode: expected buy or rent, got %d"), (int)in->compute_mode);
		CHECK(report(errs, e, &count));
	}
	if (in->compute_mode == BUDGET_RENT) {
		if (in->hours_per_month)
			CHECK(check_one((struct budget_key){BF_HOURS_PER_MONTH, 0},
			                in->hours_per_month, errs, e, &count));
		if (in->utilisation)
			CHECK(check_one((struct budget_key){BF_UTILISATION, 0}, in->utilisation,
			                errs, e, &count));
	}
	CHECK(check_order((struct budget_key){BF_RENT_FROM, 0}, in->rent_from,
	                  (struct budget_key){BF_RENT_TO, 0}, in->rent_to, errs, e, &count));
	CHECK(check_order((struct budget_key){BF_DATA_FROM, 0}, in->data_from,
	                  (struct budget_key){BF_DATA_TO, 0}, in->data_to, errs, e, &count));
	count = check_roles(in, errs, e, count);
	if (count && !errs)
		return count;
	return check_costs(in, errs, e, count);
}

/* C when renting: the monthly rent (µ$) times the months rented, rounded to
 * the cent once; more than MODEL_RENT_CAP_MICROS is refused. */
static int rent_total(const struct budget_input *in, int64_t *cents, struct cd_err *err)
{
	struct model_span s = model_span(in->rent_from, in->rent_to, in->months);
	int64_t mu = model_rent_month_micros(in);
	char g[32], p[48], h[32], u[32];

	if (s.n > 0 && mu > MODEL_RENT_CAP_MICROS / s.n) {
		count_format(in->gpus, g, sizeof g);
		price_format(in->gpu_hourly_cost, p, sizeof p);
		count_format(model_hours(in), h, sizeof h);
		budget_value_str(BUDGET_UNIT_ALPHA, model_utilisation(in), u, sizeof u);
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("compute: renting %s GPUs at %s an hour, %s hours a month at "
		                    "utilisation %s for %lld months costs more than "
		                    "$1,000,000,000,000 (the most C can be)"),
		                  g, p, h, u, (long long)s.n);
	}
	*cents = budget_micros_to_cents(mu * s.n);
	return 0;
}

/* The totals once every field is in range (fields.c bounds each sum). */
static int totals(const struct budget_input *in, struct budget_result *r, struct cd_err *err)
{
	char x[48];

	memset(r, 0, sizeof *r);
	if (in->compute_mode == BUDGET_RENT) {
		if (rent_total(in, &r->compute, err) < 0)
			return -1;
	} else {
		r->compute = in->gpus * in->gpu_unit_cost;
	}
	/* Exact in micro-dollars (<= 1e18, see fields.c), then one rounding. */
	r->data = budget_micros_to_cents(in->samples * in->label_cost);
	for (int i = 0; i < in->nroles; i++) {
		const struct budget_role *role = &in->roles[i];

		r->role_months[i] = model_span(role->start_month, role->end_month, in->months).n;
		r->role_cost[i] = role->count * role->monthly_salary * r->role_months[i];
		r->people += r->role_cost[i];
		r->headcount += role->count;
	}
	for (int i = 0; i < in->ncosts; i++) {
		const struct budget_cost *c = &in->costs[i];

		if (c->monthly)
			r->cost_total[i] = c->amount * model_span(c->from, c->to, in->months).n;
		else
			r->cost_total[i] =
			        (c->from > 0 ? c->from : 1) <= in->months ? c->amount : 0;
		if (c->outside)
			r->outside += r->cost_total[i];
		else
			r->other += r->cost_total[i];
	}
	r->direct = r->compute + r->data + r->people + r->other;
	if (r->direct < 0)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("other_costs: credits exceed C+D+H by %s"),
		                  money_format(-r->direct, MONEY_CENTS, x, sizeof x));
	return 0;
}

int budget_validate(const struct budget_input *in, struct cd_errlist *errs)
{
	struct budget_result r;
	struct cd_err e;
	int n = check_all(in, errs, NULL);

	/* The sums are only safe, and only meaningful, once every field is. */
	if (n == 0 && budget_eval(in, &r, &e) < 0) {
		if (errs)
			cd_errlist_add(errs, &e);
		n = 1;
	}
	return n;
}

int budget_eval(const struct budget_input *in, struct budget_result *out, struct cd_err *err)
{
	struct budget_result r;
	struct cd_err local;
	int64_t q, rem, a = in->alpha;
	char x[48];

	if (!err)
		err = &local;
	if (check_all(in, NULL, err) > 0 || totals(in, &r, err) < 0)
		return -1;
	/* direct × 1e6 could pass INT64_MAX, so divide first: direct = q·α + rem,
	 * direct·1e6/α = q·1e6 + rem·1e6/α, and only the last term is rounded
	 * (half away from zero; direct >= 0 here). */
	q = r.direct / a;
	rem = r.direct % a;
	r.capital = q * MILLION + (2 * rem * MILLION + a) / (2 * a) + in->fixed_costs + r.outside;
	if (r.capital < 0)
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("other_costs: credits outside the allocation exceed the capital "
		          "by %s"),
		        money_format(-r.capital, MONEY_CENTS, x, sizeof x));
	*out = r;
	return 0;
}
