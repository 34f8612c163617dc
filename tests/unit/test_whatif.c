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

/* F computed independently of budget_eval (D: micro-dollars, rounded half up
 * to the cent; everything is >= 0). */
static int64_t reference_capital(const struct budget_input *in)
{
	i128 direct = (i128)in->gpus * in->gpu_unit_cost +
	              ((i128)in->samples * in->label_cost + 5000) / 10000;

	for (int r = 0; r < in->nroles; r++)
		direct += (i128)in->roles[r].count * in->roles[r].monthly_salary * in->months;
	return (int64_t)((2 * direct * 1000000 + in->alpha) / (2 * (i128)in->alpha) +
	                 in->fixed_costs);
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
	        {BF_ROLE_COUNT, 1}, {BF_ROLE_SALARY, 0},   {BF_ROLE_SALARY, 1},
	};
	struct budget_sens rows[BUDGET_SENS_MAX];
	struct budget_input in;
	struct cd_err err;
	int n;

	(void)state;
	budget_seed_example(&in);
	n = budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err);
	assert_int_equal(n, 11);
	for (int i = 0; i < n; i++) {
		const struct budget_field *f = budget_field_get(order[i].id);
		int64_t base = reference_capital(&in), v, ten;

		assert_int_equal(rows[i].key.id, order[i].id);
		assert_int_equal(rows[i].key.role, order[i].role);
		v = budget_get(&in, rows[i].key);
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

	/* Clamped at the top: α = 1 cannot step further. */
	in.alpha = BUDGET_ALPHA_ONE;
	assert_int_equal(budget_sensitivity(&in, rows, BUDGET_SENS_MAX, &err), 11);
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
	                             "training runs); vary another input");
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
	bool found = false, want_last = (goal == BUDGET_GOAL_AT_MOST) != (k.id == BF_ALPHA);
	struct budget_result r;

	for (int64_t v = f->min; v <= f->max; v++) {
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
	} keys[] = {{BF_MONTHS, 0}, {BF_ALPHA, 0}, {BF_ROLE_COUNT, 1}, {BF_GPUS, 0}};
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
		for (int id = 0; id < BF_ROLE_COUNT; id++) {
			struct budget_key s = {(enum budget_field_id)id, 0};
			const struct budget_field *sf = budget_field_get(s.id);

			assert_int_equal(budget_set(&in, s, rng_in(sf->min, sf->max), NULL), 0);
		}
		for (int r = 0; r < in.nroles; r++) {
			in.roles[r].count = rng_in(0, 100000);
			in.roles[r].monthly_salary = rng_in(0, 10000000);
		}
		do
			k.id = (enum budget_field_id)(rng() % BF__COUNT);
		while (k.id == BF_GPU_HOURLY_COST || k.id == BF_SCALING_EFFICIENCY);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_sensitivity_seed), cmocka_unit_test(test_sweep),
	        cmocka_unit_test(test_seek_seed),        cmocka_unit_test(test_seek_brute_force),
	        cmocka_unit_test(test_seek_random),
	};

	return cmocka_run_group_tests_name("whatif", tests, NULL, NULL);
}
