/* test_whatif.c — sensitivity, sweep and goal seek, checked against a 128-bit
 * reference of F and against brute force over whole ranges.  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/budget.h"

#include "testutil.h"

__extension__ typedef __int128 i128;

#define USD(d) ((int64_t)(d)*100) /* whole dollars in cents */

/* Whether month m is paid within start..end (0 = the defaults), month by
 * month, apart from the model's own spans. */
static bool paid_in(int64_t m, int64_t start, int64_t end, int64_t months)
{
	return m >= (start ? start : 1) && m <= (end ? end : months) && m <= months;
}

/* F computed independently of budget_eval, month by month in 128 bits (D
 * and the rent in micro-dollars, rounded half up to the cent); the input
 * must be one the model accepts. */
static int64_t reference_capital(const struct budget_input *in)
{
	i128 direct = ((i128)in->samples * in->label_cost + 5000) / 10000, outside = 0, mu, n = 0;

	if (in->compute_mode == BUDGET_RENT) {
		mu = ((i128)in->gpus * in->gpu_hourly_cost *
		              (in->hours_per_month ? in->hours_per_month : 730) *
		              (in->utilisation ? in->utilisation : 1000000) +
		      500000) /
		     1000000;
		for (int64_t m = 1; m <= in->months; m++)
			n += paid_in(m, in->rent_from, in->rent_to, in->months);
		direct += (mu * n + 5000) / 10000;
	} else {
		direct += (i128)in->gpus * in->gpu_unit_cost;
	}
	for (int64_t m = 1; m <= in->months; m++) {
		for (int r = 0; r < in->nroles; r++)
			if (paid_in(m, in->roles[r].start_month, in->roles[r].end_month,
			            in->months))
				direct += (i128)in->roles[r].count * in->roles[r].monthly_salary;
		for (int i = 0; i < in->ncosts; i++) {
			const struct budget_cost *c = &in->costs[i];

			if (c->monthly ? paid_in(m, c->from, c->to, in->months)
			               : m == (c->from ? c->from : 1))
				*(c->outside ? &outside : &direct) += c->amount;
		}
	}
	assert_true(direct >= 0);
	return (int64_t)((2 * direct * 1000000 + in->alpha) / (2 * (i128)in->alpha) +
	                 in->fixed_costs + outside);
}

static int64_t ref_at(const struct budget_input *in, struct budget_key k, int64_t v)
{
	struct budget_input t = *in;

	assert_int_equal(budget_set(&t, k, v, NULL), 0);
	return reference_capital(&t);
}

static uint64_t rng_state = 7;

static uint64_t rng(void)
{
	return test_splitmix64(&rng_state);
}

static int64_t rng_in(int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) >> (rng() % 40);

	return lo + (int64_t)(rng() % (span + 1));
}

static void test_sensitivity_seed(void **state)
{
	static const struct {
		enum budget_field_id id;
		int role;
	} order[] = {
	        /* the hourly price and the scaling efficiency never enter F */
	        {BF_GPUS, 0},       {BF_GPU_UNIT_COST, 0}, {BF_SAMPLES, 0},     {BF_LABEL_COST, 0},
	        {BF_MONTHS, 0},     {BF_ALPHA, 0},         {BF_FIXED_COSTS, 0}, {BF_ROLE_COUNT, 0},
	        {BF_ROLE_COUNT, 1}, {BF_ROLE_SALARY, 0},   {BF_ROLE_SALARY, 1}, {BF_ROLE_START, 0},
	        {BF_ROLE_START, 1}, {BF_ROLE_END, 0},      {BF_ROLE_END, 1},
	        /* the raise, the cash and when C and D are paid never enter F;
	         * the rent inputs only when renting */
	};
	struct budget_sens rows[BUDGET_SENS_MAX];
	struct budget_input in;
	struct cd_err err;
	int n;

	(void)state;
	budget_seed_example(&in);
	n = budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err);
	assert_int_equal(n, 15);
	for (int i = 0; i < n; i++) {
		const struct budget_field *f = budget_field_get(order[i].id);
		int64_t base = reference_capital(&in), v, ten;

		assert_int_equal(rows[i].key.id, order[i].id);
		assert_int_equal(rows[i].key.role, order[i].role);
		v = budget_get(&in, rows[i].key);
		/* A month field's 0 steps from the month it stands for. */
		if (order[i].id == BF_ROLE_START)
			v = 1;
		if (order[i].id == BF_ROLE_END)
			v = 12;
		ten = (v + 5) / 10;
		assert_int_equal(rows[i].value, v);
		assert_int_equal(rows[i].step, f->step);
		assert_int_equal(
		        rows[i].d_step,
		        ref_at(&in, rows[i].key, v + f->step > f->max ? f->max : v + f->step) -
		                base);
		assert_int_equal(rows[i].d_minus10,
		                 ref_at(&in, rows[i].key, v - ten < f->min ? f->min : v - ten) -
		                         base);
		assert_int_equal(rows[i].d_plus10, ref_at(&in, rows[i].key, v + ten) - base);
	}
	/* One more GPU: +$666,666.66 (F(6) - F(5), each rounded to the cent). */
	assert_int_equal(rows[0].d_step, 66666666);
	assert_int_equal(rows[0].d_minus10, -66666667); /* 5 - 10% rounds to 4 */
	/* α 0.30 -> 0.31: F = 8.9M / 0.31 = $28,709,677.42. */
	assert_int_equal(rows[5].d_step, INT64_C(2870967742) - INT64_C(2966666667));
	assert_int_equal(rows[5].d_plus10, INT64_C(2696969697) - INT64_C(2966666667));
	/* β is zero: ±10% of nothing moves nothing; a step adds $100,000. */
	assert_int_equal(rows[6].d_step, 10000000);
	assert_int_equal(rows[6].d_minus10, 0);
	assert_int_equal(rows[6].d_plus10, 0);

	/* Data scientists start a month later: 10 × $30,000 less, / 0.3. */
	assert_int_equal(rows[11].d_step, -USD(1000000));
	/* An end a month past the horizon changes nothing; 10% earlier (12 -
	 * 1 = month 11) saves a month of the ML engineers, -$500,000. */
	assert_int_equal(rows[14].value, 12);
	assert_int_equal(rows[14].d_step, 0);
	assert_int_equal(rows[14].d_minus10, -USD(500000));

	/* Clamped at the top: α = 1 cannot step further. */
	in.alpha = BUDGET_ALPHA_ONE;
	assert_int_equal(budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err), 15);
	assert_int_equal(rows[5].d_step, 0);
	assert_int_equal(rows[5].d_plus10, 0);
	assert_true(rows[5].d_minus10 > 0);

	assert_int_equal(budget_sensitivity(&in, rows, 3, &err), 3);
	in.gpus = -1;
	assert_int_equal(budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err), -1);
	assert_string_equal(err.msg,
	                    "compute.gpus: expected a whole number from 0 to 1,000,000, got -1");
}

static void test_sweep(void **state)
{
	struct budget_sweep_row rows[64];
	struct budget_input in;
	struct budget_key gpus = {BF_GPUS, 0}, alpha = {BF_ALPHA, 0}, salary = {BF_ROLE_SALARY, 1};
	struct cd_err err;
	int n;

	(void)state;
	budget_seed_example(&in);
	n = budget_sweep(&in, gpus, 0, 20, 3, rows, 64, &err);
	assert_int_equal(n, 7); /* 0, 3, ..., 18: stop only when on the grid */
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].value, 3 * i);
		assert_int_equal(rows[i].compute, 3 * i * INT64_C(20000000));
		assert_int_equal(rows[i].data, 250000000);
		assert_int_equal(rows[i].people, 540000000);
		assert_int_equal(rows[i].direct, rows[i].compute + 790000000);
		assert_int_equal(rows[i].capital, ref_at(&in, gpus, 3 * i));
	}
	assert_int_equal(rows[5].capital, 3633333333); /* gpus 15: $10.9M / 0.3 */

	n = budget_sweep(&in, alpha, 100000, 1000000, 50000, rows, 64, &err);
	assert_int_equal(n, 19);
	assert_int_equal(rows[18].value, 1000000);
	assert_int_equal(rows[18].capital, 890000000);
	assert_int_equal(rows[0].capital, 8900000000);
	for (int i = 0; i < n; i++)
		assert_int_equal(rows[i].capital, ref_at(&in, alpha, rows[i].value));

	n = budget_sweep(&in, salary, 0, 3000000, 1000000, rows, 64, &err);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].people, 360000000);
	assert_int_equal(rows[3].people, 540000000);

	n = budget_sweep(&in, gpus, 7, 7, 1, rows, 64, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].compute, 140000000);

	assert_int_equal(budget_sweep(&in, gpus, 0, 10, 0, rows, 64, &err), -1);
	assert_string_equal(err.msg, "compute.gpus: expected a sweep step above 0, got 0");
	assert_int_equal(budget_sweep(&in, gpus, 10, 0, 1, rows, 64, &err), -1);
	assert_string_equal(err.msg, "compute.gpus: the sweep start 10 is above its stop 0");
	assert_int_equal(budget_sweep(&in, gpus, 0, 2000000, 100000, rows, 64, &err), -1);
	assert_string_equal(
	        err.msg,
	        "compute.gpus: expected a whole number from 0 to 1,000,000, got 2,000,000");
	assert_int_equal(budget_sweep(&in, alpha, 0, 1000000, 100000, rows, 64, &err), -1);
	assert_int_equal(err.code, CD_ERR_RANGE);
	assert_int_equal(budget_sweep(&in, gpus, 0, 1000000, 1, rows, 64, &err), -1);
	assert_int_equal(err.code, CD_ERR_LIMIT);
	assert_string_equal(err.msg, "compute.gpus: sweeping from 0 to 1,000,000 in steps of 1 "
	                             "takes 1,000,001 rows, the limit is 64 (use a larger step)");
	salary.role = 4;
	assert_int_equal(budget_sweep(&in, salary, 0, 10, 1, rows, 64, &err), -1);
	assert_string_equal(err.msg,
	                    "people.roles.4: no such role (the scenario has 2 roles, 0..1)");
}

/* The largest label cost (µ$) with F <= target, by a plain scan from $0. */
static int64_t ref_seek_label(const struct budget_input *in, int64_t target)
{
	struct budget_key k = {BF_LABEL_COST, 0};
	int64_t v = 0;

	while (ref_at(in, k, v + 1) <= target)
		v++;
	return v;
}

static void test_seek_seed(void **state)
{
	struct budget_input in;
	struct budget_key gpus = {BF_GPUS, 0}, alpha = {BF_ALPHA, 0},
	                  hourly = {BF_GPU_HOURLY_COST, 0};
	struct cd_err err;
	int64_t v, f;

	(void)state;
	budget_seed_example(&in);
	/* (g × $200k + $7.9M) / 0.3 <= $30M  <=>  g <= 5.5 */
	assert_int_equal(budget_seek(&in, gpus, BUDGET_GOAL_AT_MOST, 3000000000, &v, &f, &err), 0);
	assert_int_equal(v, 5);
	assert_int_equal(f, 2966666667);
	assert_int_equal(budget_seek(&in, gpus, BUDGET_GOAL_AT_LEAST, 3000000000, &v, &f, &err), 0);
	assert_int_equal(v, 6);
	assert_int_equal(f, 3033333333);
	/* α needed for a $20M raise: 8.9 / 20 = 0.445 exactly. */
	assert_int_equal(budget_seek(&in, alpha, BUDGET_GOAL_AT_MOST, 2000000000, &v, &f, &err), 0);
	assert_int_equal(v, 445000);
	assert_int_equal(f, 2000000000);
	assert_int_equal(budget_seek(&in, alpha, BUDGET_GOAL_AT_LEAST, 2000000000, &v, NULL, &err),
	                 0);
	assert_int_equal(v, 445000);
	assert_int_equal(budget_seek(&in, alpha, BUDGET_GOAL_AT_LEAST, 2000000001, &v, NULL, &err),
	                 0);
	assert_int_equal(v, 444999);

	assert_int_equal(budget_seek(&in, gpus, BUDGET_GOAL_AT_MOST, 2000000000, &v, &f, &err), -1);
	assert_int_equal(err.code, CD_ERR_INFEASIBLE);
	assert_string_equal(err.msg, "infeasible: even with compute.gpus = 0, capital is "
	                             "$26,333,333.33, above the target $20,000,000");
	assert_int_equal(budget_seek(&in, alpha, BUDGET_GOAL_AT_MOST, 800000000, &v, &f, &err), -1);
	assert_string_equal(err.msg, "infeasible: even with capital.alpha = 1, capital is "
	                             "$8,900,000, above the target $8,000,000");
	assert_int_equal(
	        budget_seek(&in, alpha, BUDGET_GOAL_AT_LEAST, INT64_C(1000000000000), &v, &f, &err),
	        -1);
	assert_string_equal(err.msg, "infeasible: even with capital.alpha = 0.001, capital is "
	                             "$8,900,000,000, below the target $10,000,000,000");
	assert_int_equal(budget_seek(&in, hourly, BUDGET_GOAL_AT_MOST, 2000000000, &v, &f, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_USAGE);
	assert_string_equal(err.msg, "compute.gpu_hourly_cost does not enter capital (it prices "
	                             "training runs; capital uses it only when compute.mode is "
	                             "rent); vary another input");
	assert_int_equal(budget_seek(&in, (struct budget_key){BF_SCALING_EFFICIENCY, 0},
	                             BUDGET_GOAL_AT_MOST, 2000000000, &v, &f, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_USAGE);
	assert_string_equal(err.msg, "compute.scaling_efficiency does not enter capital "
	                             "(capdash forecast uses it); vary another input");

	/* A price below a cent: the search lands on the exact micro-dollar.
	 * 500,000 samples × v µ$ = 50v cents of D; F = (C+H + 50v) / 0.3 =
	 * $21,335,000 exactly at v = 1,000 ($0.001), just above it at 1,001. */
	in.label_cost = 2;
	assert_int_equal(budget_seek(&in, (struct budget_key){BF_LABEL_COST, 0},
	                             BUDGET_GOAL_AT_MOST, 2133500000, &v, &f, &err),
	                 0);
	assert_int_equal(v, 1000);
	assert_int_equal(v, ref_seek_label(&in, 2133500000));
	assert_int_equal(f, 2133500000);
	assert_int_equal(f, ref_at(&in, (struct budget_key){BF_LABEL_COST, 0}, v));
}

/* The answer a full scan of [lo, hi] gives: for costs, "at most" is the last
 * value under the target and "at least" the first over it; α mirrors. */
static bool brute_seek(struct budget_input in, struct budget_key k, enum budget_goal goal,
                       int64_t target, int64_t *answer)
{
	const struct budget_field *f = budget_field_get(k.id);
	bool decreasing = k.id == BF_ALPHA || k.id == BF_ROLE_START;
	bool found = false, want_last = (goal == BUDGET_GOAL_AT_MOST) != decreasing;
	struct budget_result r;
	/* Month fields: the months of the plan, not 0 (a stand-in) or past it. */
	int64_t lo = f->unit == BUDGET_UNIT_MONTHS && k.id != BF_MONTHS ? 1 : f->min;
	int64_t hi = f->unit == BUDGET_UNIT_MONTHS && k.id != BF_MONTHS ? in.months : f->max;

	for (int64_t v = lo; v <= hi; v++) {
		bool ok;

		assert_int_equal(budget_set(&in, k, v, NULL), 0);
		assert_int_equal(budget_eval(&in, &r, NULL), 0);
		ok = goal == BUDGET_GOAL_AT_MOST ? r.capital <= target : r.capital >= target;
		if (ok && (want_last || !found))
			*answer = v;
		found = found || ok;
	}
	return found;
}

static void test_seek_brute_force(void **state)
{
	static const struct {
		enum budget_field_id id;
		int role;
	} keys[] = {{BF_MONTHS, 0}, {BF_ALPHA, 0},      {BF_ROLE_COUNT, 1},
	            {BF_GPUS, 0},   {BF_ROLE_START, 1}, {BF_ROLE_END, 0}};
	static const int64_t targets[] = {1500000000, 2966666667, 2966666666, 6000000000};

	(void)state;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		struct budget_key k = {keys[i].id, keys[i].role};

		for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
			for (int g = 0; g < 2; g++) {
				enum budget_goal goal =
				        g ? BUDGET_GOAL_AT_LEAST : BUDGET_GOAL_AT_MOST;
				struct budget_input in;
				struct cd_err err;
				int64_t want = -1, got = -1, f;
				bool feasible;
				int rc;

				/* The 1e6-value scans are the slow ones: one target each. */
				if ((k.id == BF_ALPHA || k.id == BF_GPUS) && t != 1)
					continue;
				budget_seed_example(&in);
				feasible = brute_seek(in, k, goal, targets[t], &want);
				rc = budget_seek(&in, k, goal, targets[t], &got, &f, &err);
				assert_int_equal(rc, feasible ? 0 : -1);
				if (feasible) {
					assert_int_equal(got, want);
					assert_int_equal(f, ref_at(&in, k, got));
				} else {
					assert_int_equal(err.code, CD_ERR_INFEASIBLE);
				}
			}
		}
	}
}

/* Over random inputs, fields and targets: the answer meets the goal and the
 * next value in the direction the search pushes does not (or is out of
 * range) — with F monotone, exactly what a full scan would find. */
static void test_seek_random(void **state)
{
	(void)state;
	for (int iter = 0; iter < 3000; iter++) {
		struct budget_input in;
		struct budget_key k;
		const struct budget_field *f;
		enum budget_goal goal = (rng() & 1) ? BUDGET_GOAL_AT_LEAST : BUDGET_GOAL_AT_MOST;
		struct cd_err err;
		int64_t target, v, cap, next;
		bool want_last;
		int rc;

		budget_seed_example(&in);
		for (int id = 0; id <= BF_SCALING_EFFICIENCY; id++) {
			struct budget_key s = {(enum budget_field_id)id, 0};
			const struct budget_field *sf = budget_field_get(s.id);

			assert_int_equal(budget_set(&in, s, rng_in(sf->min, sf->max), NULL), 0);
		}
		for (int r = 0; r < in.nroles; r++) {
			in.roles[r].count = rng_in(0, 100000);
			in.roles[r].monthly_salary = rng_in(0, 10000000);
		}
		/* The seed's own fields, with which F rises (falls with α) over
		 * the whole range; the plan-over-time fields are in
		 * test_seek_plan and test_seek_brute_force. */
		do
			k.id = (enum budget_field_id)(rng() % BF__COUNT);
		while (!budget_field_moves_f(&in, k.id) ||
		       (k.id > BF_SCALING_EFFICIENCY && k.id != BF_ROLE_COUNT &&
		        k.id != BF_ROLE_SALARY));
		k.role = (int)(rng() % 2);
		f = budget_field_get(k.id);
		target = ref_at(&in, k, rng_in(f->min, f->max)) + (int64_t)(rng() % 3) - 1;

		rc = budget_seek(&in, k, goal, target, &v, &cap, &err);
		want_last = (goal == BUDGET_GOAL_AT_MOST) != (k.id == BF_ALPHA);
		if (rc < 0) {
			int64_t end = want_last ? f->min : f->max;

			assert_int_equal(err.code, CD_ERR_INFEASIBLE);
			cap = ref_at(&in, k, end);
			assert_true(goal == BUDGET_GOAL_AT_MOST ? cap > target : cap < target);
			continue;
		}
		assert_int_equal(cap, ref_at(&in, k, v));
		assert_true(goal == BUDGET_GOAL_AT_MOST ? cap <= target : cap >= target);
		next = want_last ? v + 1 : v - 1;
		if (next >= f->min && next <= f->max) {
			int64_t c2 = ref_at(&in, k, next);

			assert_true(goal == BUDGET_GOAL_AT_MOST ? c2 > target : c2 < target);
		}
	}
}

static void add_line(struct budget_input *in, const char *name, int64_t amount, bool monthly)
{
	struct cd_err err;
	int i = budget_cost_add(in, name, monthly, &err);

	assert_true(i >= 0);
	in->costs[i].amount = amount;
}

/* Seek on the plan-over-time fields, by hand.  With the ML engineers (5 ×
 * $30,000) from month s: F = (7,100,000 + 150,000 × (13 - s)) / 0.3. */
static void test_seek_plan(void **state)
{
	struct budget_input in;
	struct budget_key start = {BF_ROLE_START, 1}, end = {BF_ROLE_END, 1},
	                  amount = {BF_COST_AMOUNT, 0};
	struct cd_err err;
	int64_t v, f;
	static const struct {
		enum budget_field_id id;
		bool rent;
		const char *msg;
	} refused[] = {
	        {BF_RAISED, false,
	         "capital.raised does not enter capital (it is the cash the plan spends month by "
	         "month; it moves the runway); vary another input"},
	        {BF_CASH_AT_START, false,
	         "capital.cash_at_start does not enter capital (it is the cash the plan spends "
	         "month by month; it moves the runway); vary another input"},
	        {BF_DATA_FROM, false,
	         "data.from does not enter capital (it moves when a cost is paid, not how much); "
	         "vary another input"},
	        {BF_PURCHASE_MONTH, false,
	         "compute.purchase_month does not enter capital (it moves when a cost is paid, "
	         "not how much); vary another input"},
	        {BF_RENT_FROM, false,
	         "compute.rent_from does not enter capital (the plan buys its GPUs; capital uses "
	         "it only when compute.mode is rent); vary another input"},
	        {BF_HOURS_PER_MONTH, false,
	         "compute.hours_per_month does not enter capital (the plan buys its GPUs; capital "
	         "uses it only when compute.mode is rent); vary another input"},
	        {BF_GPU_UNIT_COST, true,
	         "compute.gpu_unit_cost does not enter capital (the plan rents its GPUs; capital "
	         "uses it only when compute.mode is buy); vary another input"},
	};

	(void)state;
	budget_seed_example(&in);
	/* s = 4: $28,166,666.67; s = 3: $28,666,666.67. */
	assert_int_equal(budget_seek(&in, start, BUDGET_GOAL_AT_MOST, USD(28500000), &v, &f, &err),
	                 0);
	assert_int_equal(v, 4);
	assert_int_equal(f, INT64_C(2816666667));
	assert_int_equal(budget_seek(&in, start, BUDGET_GOAL_AT_LEAST, USD(28500000), &v, &f, &err),
	                 0);
	assert_int_equal(v, 3);
	assert_int_equal(f, INT64_C(2866666667));
	/* End e: F = (7,100,000 + 150,000 e) / 0.3; e = 9 is $28,166,666.67. */
	assert_int_equal(budget_seek(&in, end, BUDGET_GOAL_AT_MOST, USD(28500000), &v, &f, &err),
	                 0);
	assert_int_equal(v, 9);
	assert_int_equal(f, INT64_C(2816666667));
	/* Any end at or past the horizon is as good as 12: seek stays in it. */
	assert_int_equal(budget_seek(&in, end, BUDGET_GOAL_AT_MOST, USD(40000000), &v, &f, &err),
	                 0);
	assert_int_equal(v, 12);

	/* A line of $a once, inside: F = (8,900,000 + a) / 0.3. */
	add_line(&in, "Legal", 0, false);
	assert_int_equal(budget_seek(&in, amount, BUDGET_GOAL_AT_MOST, USD(30000000), &v, &f, &err),
	                 0);
	assert_int_equal(v, USD(100000));
	assert_int_equal(f, USD(30000000));
	/* A credit: a = 6,000,000 - 8,900,000 = -$2,900,000, F = $20M. */
	assert_int_equal(
	        budget_seek(&in, amount, BUDGET_GOAL_AT_LEAST, USD(20000000), &v, &f, &err), 0);
	assert_int_equal(v, -USD(2900000));
	assert_int_equal(f, USD(20000000));
	/* At most 1 cent: the largest credit the costs allow, -$8,900,000
	 * (direct = 0), not the field's -$1e9, which would be refused. */
	assert_int_equal(budget_seek(&in, amount, BUDGET_GOAL_AT_MOST, 1, &v, &f, &err), 0);
	assert_int_equal(v, -USD(8900000));
	assert_int_equal(f, 0);
	/* Above what the line can reach: infeasible, at its largest
	 * (1,008,900,000 / 0.3). */
	assert_int_equal(
	        budget_seek(&in, amount, BUDGET_GOAL_AT_LEAST, USD(4000000000), &v, &f, &err), -1);
	assert_int_equal(err.code, CD_ERR_INFEASIBLE);
	assert_string_equal(err.msg, "infeasible: even with other_costs.0.amount = "
	                             "$1,000,000,000, capital is $3,363,000,000, below the "
	                             "target $4,000,000,000");

	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		budget_seed_example(&in);
		in.compute_mode = refused[i].rent ? BUDGET_RENT : BUDGET_BUY;
		assert_int_equal(budget_seek(&in, (struct budget_key){refused[i].id, 0},
		                             BUDGET_GOAL_AT_MOST, USD(20000000), &v, &f, &err),
		                 -1);
		assert_int_equal(err.code, CD_ERR_USAGE);
		assert_string_equal(err.msg, refused[i].msg);
	}

	/* Renting, the hourly price moves F: 5 GPUs × 730 h × 12 months at
	 * $h: F = (43,800 h + 7,900,000) / 0.3 <= $30M  <=>  h <= $25.11. */
	budget_seed_example(&in);
	in.compute_mode = BUDGET_RENT;
	assert_int_equal(budget_seek(&in, (struct budget_key){BF_GPU_HOURLY_COST, 0},
	                             BUDGET_GOAL_AT_MOST, USD(30000000), &v, &f, &err),
	                 0);
	assert_int_equal(v, 25114155); /* $25.114155: 43,800 × 25.114155 = 1,099,999.989 */
	assert_true(f <= USD(30000000));
	in.gpu_hourly_cost = v + 1;
	assert_true(reference_capital(&in) > USD(30000000));
	in.gpu_hourly_cost = v;
	assert_int_equal(f, reference_capital(&in));
}

/* Sensitivity and sweep with the new fields: renting adds the rent rows,
 * a credit line gets rows with a signed 10%, and a sweep of the raise (F
 * ignores it) is flat. */
static void test_whatif_plan(void **state)
{
	struct budget_sens rows[BUDGET_SENS_MAX];
	struct budget_sweep_row sw[8];
	struct budget_input in;
	struct cd_err err;
	int n, found = 0;

	(void)state;
	budget_seed_example(&in);
	in.compute_mode = BUDGET_RENT;
	in.gpu_hourly_cost = 2490000;
	add_line(&in, "Credits", -USD(10000), true);
	n = budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err);
	/* 15 of the seed - unit cost + hourly, rent from/to, hours,
	 * utilisation + the line's amount, from, to. */
	assert_int_equal(n, 15 - 1 + 5 + 3);
	for (int i = 0; i < n; i++) {
		assert_true(budget_field_moves_f(&in, rows[i].key.id));
		if (rows[i].key.id == BF_COST_AMOUNT) {
			/* -$10,000 a month × 0.9 and × 1.1: $1,000 less or more
			 * credit for 12 months, / 0.3 */
			assert_int_equal(rows[i].value, -USD(10000));
			assert_int_equal(rows[i].d_minus10, USD(40000));
			assert_int_equal(rows[i].d_plus10, -USD(40000));
			found++;
		}
		if (rows[i].key.id == BF_HOURS_PER_MONTH) {
			assert_int_equal(rows[i].value, 730);
			found++;
		}
	}
	assert_int_equal(found, 2);

	budget_seed_example(&in);
	n = budget_sweep(&in, (struct budget_key){BF_RAISED, 0}, 0, USD(30000000), USD(10000000),
	                 sw, 8, &err);
	assert_int_equal(n, 4);
	for (int i = 0; i < n; i++)
		assert_int_equal(sw[i].capital, INT64_C(2966666667));
	n = budget_sweep(&in, (struct budget_key){BF_ROLE_END, 0}, 1, 12, 11, sw, 8, &err);
	assert_int_equal(n, 2);
	/* Data scientists for 1 month: (8,900,000 - 11 × 300,000) / 0.3. */
	assert_int_equal(sw[0].capital, USD(18666666) + 67);
	assert_int_equal(sw[1].capital, INT64_C(2966666667));
	assert_int_equal(
	        budget_sweep(&in, (struct budget_key){BF_COST_AMOUNT, 0}, 0, 1, 1, sw, 8, &err),
	        -1);
	assert_string_equal(err.msg,
	                    "other_costs.0: no such line (the scenario has no other cost lines)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_sensitivity_seed), cmocka_unit_test(test_sweep),
	        cmocka_unit_test(test_seek_seed),        cmocka_unit_test(test_seek_brute_force),
	        cmocka_unit_test(test_seek_random),      cmocka_unit_test(test_seek_plan),
	        cmocka_unit_test(test_whatif_plan),
	};

	return cmocka_run_group_tests_name("whatif", tests, NULL, NULL);
}
