/* test_goal.c — goal_seek (goal.h) against hand-computed answers on the
 * seed (C $1M, D $2.5M, H $5.4M, α 0.3: F = (7.9M + 0.2M × gpus) / 0.3,
 * C+D+H = 7.9M + 0.2M × gpus): each relation on F and on the direct cost,
 * "=" exact, nearest and on a tie, both ends infeasible with the shortfall,
 * the refusals, and F <= / >= agreeing with budget_seek everywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/budget.h"
#include "capdash/goal.h"
#include "testutil.h"

static const struct budget_key gpus = {BF_GPUS, 0};

static struct goal_answer seek_ok(enum goal_measure m, enum goal_rel rel, struct budget_key k,
                                  int64_t target)
{
	struct budget_input in;
	struct goal_answer a;
	struct cd_err err;

	budget_seed_example(&in);
	memset(&a, 0x55, sizeof a);
	if (goal_seek(&in, k, m, rel, target, &a, &err) != 0)
		fail_msg("goal_seek failed: %s", err.msg);
	return a;
}

static void test_capital_bounds(void **state)
{
	struct goal_answer a;

	(void)state;
	/* F <= $28M: 7.9M + 0.2M g <= 8.4M, g <= 2.5 -> 2, F = 8.3M / 0.3 */
	a = seek_ok(GOAL_CAPITAL, GOAL_AT_MOST, gpus, 2800000000);
	assert_int_equal(a.value, 2);
	assert_int_equal(a.capital, INT64_C(2766666667));
	assert_int_equal(a.reached, a.capital);
	assert_int_equal(a.direct, 830000000);
	assert_false(a.exact);
	assert_int_equal(a.miss, INT64_C(2766666667) - 2800000000);
	/* F >= $30M: g >= 5.5 -> 6, F = 9.1M / 0.3 */
	a = seek_ok(GOAL_CAPITAL, GOAL_AT_LEAST, gpus, 3000000000);
	assert_int_equal(a.value, 6);
	assert_int_equal(a.capital, INT64_C(3033333333));
	/* α: F <= $20M needs α >= 8.9M / 20M = 0.445 exactly */
	a = seek_ok(GOAL_CAPITAL, GOAL_AT_MOST, (struct budget_key){BF_ALPHA, 0}, 2000000000);
	assert_int_equal(a.value, 445000);
	assert_int_equal(a.capital, 2000000000);
	assert_true(a.exact);
	assert_int_equal(a.miss, 0);
}

static void test_capital_equal(void **state)
{
	struct goal_answer a;

	(void)state;
	a = seek_ok(GOAL_CAPITAL, GOAL_EQUAL, gpus, INT64_C(3033333333)); /* F at 6 GPUs */
	assert_int_equal(a.value, 6);
	assert_true(a.exact);
	/* $30.1M: 5 GPUs misses by $433,333.33, 6 by $233,333.33 */
	a = seek_ok(GOAL_CAPITAL, GOAL_EQUAL, gpus, 3010000000);
	assert_int_equal(a.value, 6);
	assert_false(a.exact);
	assert_int_equal(a.miss, INT64_C(3033333333) - 3010000000);
	/* $29.9M: 5 misses by $233,333.33, 6 by $433,333.33 */
	a = seek_ok(GOAL_CAPITAL, GOAL_EQUAL, gpus, 2990000000);
	assert_int_equal(a.value, 5);
	assert_int_equal(a.miss, INT64_C(2966666667) - 2990000000);
	/* $30M lies halfway (to the cent: 29,666,666.67 and 30,333,333.33): the
	 * tie keeps the value under the target */
	a = seek_ok(GOAL_CAPITAL, GOAL_EQUAL, gpus, 3000000000);
	assert_int_equal(a.value, 5);
	/* below every F: the nearest is the smallest, 0 GPUs at $26,333,333.33 */
	a = seek_ok(GOAL_CAPITAL, GOAL_EQUAL, gpus, 100);
	assert_int_equal(a.value, 0);
	assert_int_equal(a.capital, INT64_C(2633333333));
	assert_false(a.exact);
}

static void test_direct(void **state)
{
	struct goal_answer a;

	(void)state;
	/* C+D+H <= $9M: g <= 5.5 -> 5 ($8.9M); F follows */
	a = seek_ok(GOAL_DIRECT, GOAL_AT_MOST, gpus, 900000000);
	assert_int_equal(a.value, 5);
	assert_int_equal(a.direct, 890000000);
	assert_int_equal(a.reached, 890000000);
	assert_int_equal(a.capital, INT64_C(2966666667));
	/* >= $10M: g >= 10.5 -> 11 ($10.1M) */
	a = seek_ok(GOAL_DIRECT, GOAL_AT_LEAST, gpus, 1000000000);
	assert_int_equal(a.value, 11);
	assert_int_equal(a.direct, 1010000000);
	/* = $10M: 10 and 11 GPUs both miss by $100,000: the one under */
	a = seek_ok(GOAL_DIRECT, GOAL_EQUAL, gpus, 1000000000);
	assert_int_equal(a.value, 10);
	assert_false(a.exact);
	assert_int_equal(a.miss, -10000000);
	/* samples at $5: D <= 9M - 6.4M = 2.6M, 520,000 samples exactly */
	a = seek_ok(GOAL_DIRECT, GOAL_EQUAL, (struct budget_key){BF_SAMPLES, 0}, 900000000);
	assert_int_equal(a.value, 520000);
	assert_true(a.exact);
	/* a role's count: each data scientist costs $360,000; <= $7.5M means
	 * $1.4M less, 3.9 people: 4 fewer, 6 left, $7.46M */
	a = seek_ok(GOAL_DIRECT, GOAL_AT_MOST, (struct budget_key){BF_ROLE_COUNT, 0}, 750000000);
	assert_int_equal(a.value, 6);
	assert_int_equal(a.direct, 746000000);
}

static void test_infeasible(void **state)
{
	struct budget_input in;
	struct goal_answer a;
	struct cd_err err;

	(void)state;
	budget_seed_example(&in);
	/* 0 GPUs still costs $26,333,333.33 */
	assert_int_equal(goal_seek(&in, gpus, GOAL_CAPITAL, GOAL_AT_MOST, 2500000000, &a, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_INFEASIBLE);
	assert_int_equal(a.value, 0);
	assert_int_equal(a.miss, INT64_C(133333333));
	assert_string_equal(err.msg, "infeasible: even with compute.gpus = 0, capital is "
	                             "$26,333,333.33, above the target $25,000,000 by "
	                             "$1,333,333.33");
	/* the other end: α at its smallest, 0.001, gives F = $8.9B */
	assert_int_equal(goal_seek(&in, (struct budget_key){BF_ALPHA, 0}, GOAL_CAPITAL,
	                           GOAL_AT_LEAST, INT64_C(1000000000000), &a, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_INFEASIBLE);
	assert_int_equal(a.value, 1000);
	assert_int_equal(a.miss, -INT64_C(110000000000));
	assert_string_equal(err.msg, "infeasible: even with capital.alpha = 0.001, capital is "
	                             "$8,900,000,000, below the target $10,000,000,000 by "
	                             "$1,100,000,000");
	/* direct cost: 0 GPUs leave $7.9M */
	assert_int_equal(goal_seek(&in, gpus, GOAL_DIRECT, GOAL_AT_MOST, 600000000, &a, &err), -1);
	assert_int_equal(err.code, CD_ERR_INFEASIBLE);
	assert_int_equal(a.miss, 190000000);
	assert_string_equal(err.msg, "infeasible: even with compute.gpus = 0, the direct cost "
	                             "C+D+H+O is $7,900,000, above the target $6,000,000 by "
	                             "$1,900,000");
	/* "=" is never infeasible: the nearest is the answer */
	assert_int_equal(goal_seek(&in, gpus, GOAL_CAPITAL, GOAL_EQUAL, 2500000000, &a, &err), 0);
	assert_int_equal(a.value, 0);
}

static void test_refused(void **state)
{
	struct budget_input in;
	struct goal_answer a;
	struct cd_err err;

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(goal_seek(&in, (struct budget_key){BF_ALPHA, 0}, GOAL_DIRECT, GOAL_AT_MOST,
	                           900000000, &a, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_USAGE);
	assert_non_null(strstr(err.msg, "capital.alpha does not enter the direct cost"));
	assert_int_equal(goal_seek(&in, (struct budget_key){BF_FIXED_COSTS, 0}, GOAL_DIRECT,
	                           GOAL_AT_MOST, 900000000, &a, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_USAGE);
	/* β does move F */
	assert_int_equal(goal_seek(&in, (struct budget_key){BF_FIXED_COSTS, 0}, GOAL_CAPITAL,
	                           GOAL_AT_MOST, 3000000000, &a, &err),
	                 0);
	assert_int_equal(a.value, 33333333); /* $30M - $29,666,666.67 */
	/* F ignores the scaling efficiency: budget_seek's refusal */
	assert_int_equal(goal_seek(&in, (struct budget_key){BF_SCALING_EFFICIENCY, 0}, GOAL_CAPITAL,
	                           GOAL_AT_MOST, 3000000000, &a, &err),
	                 -1);
	assert_int_equal(err.code, CD_ERR_USAGE);
	assert_non_null(strstr(err.msg, "does not enter capital"));
	assert_int_equal(goal_seek(&in, gpus, GOAL_CAPITAL, GOAL_AT_MOST, -1, &a, &err), -1);
	assert_int_equal(err.code, CD_ERR_RANGE);
}

/* F <= and >= are budget_seek's answers for every field F moves, at
 * targets around the seed's F (found and infeasible alike). */
static void test_agrees_with_budget_seek(void **state)
{
	static const int64_t targets[] = {0, 2000000000, 2966666667, 3000000000, 5000000000};
	struct budget_input in;
	int checked = 0;

	(void)state;
	budget_seed_example(&in);
	for (int id = 0; id < BF__COUNT; id++) {
		struct budget_key k = {(enum budget_field_id)id, 0};

		if (!budget_field_moves_f(&in, k.id) || k.id == BF_COST_AMOUNT ||
		    k.id == BF_COST_FROM || k.id == BF_COST_TO)
			continue;
		for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
			for (int g = 0; g < 2; g++) {
				struct goal_answer a;
				struct cd_err e1, e2;
				int64_t v = -1, f = -1;
				int r1 = budget_seek(&in, k,
				                     g ? BUDGET_GOAL_AT_LEAST : BUDGET_GOAL_AT_MOST,
				                     targets[t], &v, &f, &e1);
				int r2 = goal_seek(&in, k, GOAL_CAPITAL,
				                   g ? GOAL_AT_LEAST : GOAL_AT_MOST, targets[t], &a,
				                   &e2);

				assert_int_equal(r1, r2);
				if (r1 == 0) {
					assert_int_equal(a.value, v);
					assert_int_equal(a.capital, f);
				} else {
					assert_int_equal(e1.code, e2.code);
				}
				checked++;
			}
	}
	assert_true(checked >= 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_capital_bounds),
	        cmocka_unit_test(test_capital_equal),
	        cmocka_unit_test(test_direct),
	        cmocka_unit_test(test_infeasible),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_agrees_with_budget_seek),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
