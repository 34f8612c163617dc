/* test_tornado.c — tornado_compute against hand-computed figures: the
 * seed's whole ordering at 10% (α first), counts rounded away from zero,
 * months to the nearest month, money and ratios exact to their unit,
 * clamping at range ends and at the last valid value, roles and cost lines,
 * and the --step parser.  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/tornado.h"

#define USD(d) ((int64_t)(d)*100) /* whole dollars in cents */

static struct tornado_item items[TORNADO_MAX];

static const struct tornado_item *find(int n, enum budget_field_id id, int role)
{
	for (int i = 0; i < n; i++)
		if (items[i].key.id == id && items[i].key.role == role)
			return &items[i];
	fail_msg("no item for field %d role %d", (int)id, role);
	return NULL;
}

/* The seed at 10%: every item's ends and swing worked out by hand from
 * C = 5 × $200,000, D = 500,000 × $5, H = 15 × $30,000 × 12, α = 0.3. */
static void test_seed_order(void **state)
{
	struct budget_input in;
	struct cd_err e;
	int64_t f = 0;
	int n;
	/* key, role, low, high, F low, F high, swing (cents) */
	static const struct {
		enum budget_field_id id;
		int role;
		int64_t lo, hi, flo, fhi, swing;
	} want[] = {
	        {BF_ALPHA, 0, 270000, 330000, 3296296296, 2696969697, 599326599},
	        {BF_MONTHS, 0, 11, 13, 2816666667, 3116666667, 300000000},
	        {BF_ROLE_COUNT, 0, 9, 11, 2846666667, 3086666667, 240000000},
	        {BF_ROLE_COUNT, 1, 4, 6, 2846666667, 3086666667, 240000000},
	        {BF_ROLE_SALARY, 0, USD(27000), USD(33000), 2846666667, 3086666667, 240000000},
	        {BF_SAMPLES, 0, 450000, 550000, 2883333333, 3050000000, 166666667},
	        {BF_LABEL_COST, 0, 4500000, 5500000, 2883333333, 3050000000, 166666667},
	        {BF_GPUS, 0, 4, 6, 2900000000, 3033333333, 133333333},
	        {BF_ROLE_SALARY, 1, USD(27000), USD(33000), 2906666667, 3026666667, 120000000},
	        {BF_ROLE_END, 0, 11, 12, 2866666667, 2966666667, 100000000},
	        {BF_GPU_UNIT_COST, 0, USD(180000), USD(220000), 2933333333, 3000000000, 66666667},
	        {BF_ROLE_END, 1, 11, 12, 2916666667, 2966666667, 50000000},
	        {BF_FIXED_COSTS, 0, 0, 0, 2966666667, 2966666667, 0},
	        {BF_ROLE_START, 0, 1, 1, 2966666667, 2966666667, 0},
	        {BF_ROLE_START, 1, 1, 1, 2966666667, 2966666667, 0},
	};

	(void)state;
	budget_seed_example(&in);
	n = tornado_compute(&in, TORNADO_STEP_DEFAULT, items, TORNADO_MAX, &f, &e);
	assert_int_equal(n, (int)(sizeof want / sizeof want[0]));
	assert_int_equal(f, 2966666667);
	for (int i = 0; i < n; i++) {
		const struct tornado_item *it = &items[i];

		assert_int_equal(it->key.id, want[i].id);
		assert_int_equal(it->key.role, want[i].role);
		assert_int_equal(it->low_value, want[i].lo);
		assert_int_equal(it->high_value, want[i].hi);
		assert_int_equal(it->low_capital, want[i].flo);
		assert_int_equal(it->high_capital, want[i].fhi);
		assert_int_equal(it->swing, want[i].swing);
	}
	/* α: a ratio, exact; not a whole-unit move. */
	assert_false(items[0].whole);
	assert_false(items[0].rounded);
	/* 5 GPUs ± 0.5 -> 4 and 6, rounded away from zero and flagged. */
	assert_true(find(n, BF_GPUS, 0)->whole);
	assert_true(find(n, BF_GPUS, 0)->rounded);
	/* 10 people ± 1 exactly: whole, not rounded. */
	assert_true(find(n, BF_ROLE_COUNT, 0)->whole);
	assert_false(find(n, BF_ROLE_COUNT, 0)->rounded);
	/* The end month (0: the horizon's 12) cannot pass the horizon. */
	assert_true(find(n, BF_ROLE_END, 0)->high_clamped);
	assert_false(find(n, BF_ROLE_END, 0)->low_clamped);
	assert_int_equal(find(n, BF_ROLE_END, 0)->value, 12);
}

/* Counts round away from zero at every step size; money exactly. */
static void test_rounding(void **state)
{
	struct budget_input in;
	struct cd_err e;
	int n;
	const struct tornado_item *g;

	(void)state;
	budget_seed_example(&in);
	in.gpus = 1;          /* 1% of 1 GPU is 0.01: still a whole GPU each way */
	in.gpu_unit_cost = 5; /* 5 cents: 10% is half a cent, half away -> 1 cent */
	n = tornado_compute(&in, 10, items, TORNADO_MAX, NULL, &e);
	assert_true(n > 0);
	g = find(n, BF_GPUS, 0);
	assert_int_equal(g->low_value, 0);
	assert_int_equal(g->high_value, 2);
	assert_true(g->rounded);
	n = tornado_compute(&in, 100, items, TORNADO_MAX, NULL, &e);
	g = find(n, BF_GPU_UNIT_COST, 0);
	assert_int_equal(g->low_value, 4);
	assert_int_equal(g->high_value, 6);
	assert_false(g->rounded);
	/* 2.5% of α 0.3 = 0.0075 exactly. */
	budget_seed_example(&in);
	n = tornado_compute(&in, 25, items, TORNADO_MAX, NULL, &e);
	g = find(n, BF_ALPHA, 0);
	assert_int_equal(g->low_value, 292500);
	assert_int_equal(g->high_value, 307500);
	/* 12 months at 2.5% is 0.3 of a month: to the nearest, no move; at
	 * 25% 3 months exactly; at 15% 1.8 -> 2 (nearest). */
	assert_int_equal(find(n, BF_MONTHS, 0)->low_value, 12);
	assert_int_equal(find(n, BF_MONTHS, 0)->swing, 0);
	n = tornado_compute(&in, 250, items, TORNADO_MAX, NULL, &e);
	assert_int_equal(find(n, BF_MONTHS, 0)->low_value, 9);
	assert_false(find(n, BF_MONTHS, 0)->rounded);
	n = tornado_compute(&in, 150, items, TORNADO_MAX, NULL, &e);
	assert_int_equal(find(n, BF_MONTHS, 0)->low_value, 10);
	assert_int_equal(find(n, BF_MONTHS, 0)->high_value, 14);
	assert_true(find(n, BF_MONTHS, 0)->rounded);
	/* 15% of 5 GPUs is 0.75 -> 1; of 10 people 1.5 -> 2 (away). */
	assert_int_equal(find(n, BF_GPUS, 0)->high_value, 6);
	assert_int_equal(find(n, BF_ROLE_COUNT, 0)->low_value, 8);
	assert_int_equal(find(n, BF_ROLE_COUNT, 0)->high_value, 12);
}

/* Ends clamp to the field's range: α 1.0 cannot go above 1; 100% of 5 GPUs
 * goes down to 0, not below. */
static void test_clamp(void **state)
{
	struct budget_input in;
	struct cd_err e;
	int n;
	const struct tornado_item *a;

	(void)state;
	budget_seed_example(&in);
	in.alpha = BUDGET_ALPHA_ONE;
	n = tornado_compute(&in, 1000, items, TORNADO_MAX, NULL, &e);
	a = find(n, BF_ALPHA, 0);
	assert_int_equal(a->low_value, BUDGET_ALPHA_MIN); /* 1.0 - 100% = 0, clamped */
	assert_true(a->low_clamped);
	assert_int_equal(a->high_value, BUDGET_ALPHA_ONE);
	assert_true(a->high_clamped);
	assert_int_equal(a->high_capital, USD(8900000));
	a = find(n, BF_GPUS, 0);
	assert_int_equal(a->low_value, 0);
	assert_int_equal(a->high_value, 10);
	assert_false(a->low_clamped);
}

/* A credit line (a negative amount) moves by 10% of its size each way, and
 * a third role's count counts; a credit that would exceed the costs stops at
 * the last value that evaluates and says so. */
static void test_roles_lines(void **state)
{
	struct budget_input in;
	struct cd_err e;
	int n, idx;
	const struct tornado_item *c;

	(void)state;
	budget_seed_example(&in);
	idx = budget_cost_add(&in, "grant", false, &e);
	assert_true(idx >= 0);
	in.costs[idx].amount = -USD(1000000); /* a $1M credit inside the allocation */
	idx = budget_role_add(&in, "Ops", &e);
	assert_true(idx >= 0);
	in.roles[idx].count = 3;
	in.roles[idx].monthly_salary = USD(10000);
	n = tornado_compute(&in, 100, items, TORNADO_MAX, NULL, &e);
	c = find(n, BF_COST_AMOUNT, 0);
	assert_int_equal(c->low_value, -USD(1100000));
	assert_int_equal(c->high_value, -USD(900000));
	/* direct = 8.9M + 0.36M - 1M = 8.26M; ∓$100k -> 8.16M and 8.36M. */
	assert_int_equal(c->low_capital, 2720000000);
	assert_int_equal(c->high_capital, 2786666667);
	assert_int_equal(c->swing, 66666667);
	/* 3 people ± 0.3 -> 2 and 4: $120k a person-year -> F ± $400,000. */
	c = find(n, BF_ROLE_COUNT, 2);
	assert_int_equal(c->low_value, 2);
	assert_int_equal(c->high_value, 4);
	assert_int_equal(c->swing, 80000000);

	/* A credit near the costs: -$8.9M + 100% would be -$17.8M, past the
	 * costs of $9.26M; it stops at the last value that evaluates. */
	in.costs[0].amount = -USD(8000000);
	n = tornado_compute(&in, 1000, items, TORNADO_MAX, NULL, &e);
	c = find(n, BF_COST_AMOUNT, 0);
	assert_true(c->low_clamped);
	assert_true(c->low_value > -USD(16000000));
	assert_true(c->low_value <= -USD(8000000));
	assert_int_equal(c->high_value, 0);
	assert_false(c->high_clamped);
}

static void test_errors(void **state)
{
	struct budget_input in;
	struct cd_err e;

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(tornado_compute(&in, 9, items, TORNADO_MAX, NULL, &e), -1);
	assert_int_equal(e.code, CD_ERR_USAGE);
	assert_non_null(strstr(e.msg, "1% to 100%"));
	assert_int_equal(tornado_compute(&in, 1001, items, TORNADO_MAX, NULL, &e), -1);
	in.alpha = 0;
	assert_int_equal(tornado_compute(&in, 100, items, TORNADO_MAX, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "capital.alpha"));
}

static void test_step_parse(void **state)
{
	struct cd_err e;
	int s = 0;
	char buf[16];

	(void)state;
	assert_int_equal(tornado_step_parse("10", &s, &e), 0);
	assert_int_equal(s, 100);
	assert_int_equal(tornado_step_parse("2.5%", &s, &e), 0);
	assert_int_equal(s, 25);
	assert_int_equal(tornado_step_parse("100%", &s, &e), 0);
	assert_int_equal(s, 1000);
	assert_string_equal(tornado_step_str(25, buf, sizeof buf), "2.5%");
	assert_string_equal(tornado_step_str(100, buf, sizeof buf), "10%");
	static const char *const bad[] = {
	        "0.5", "101", "1.25", "", "%", "abc", "-5", "10%%", "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(tornado_step_parse(bad[i], &s, &e), -1);
		assert_non_null(strstr(e.msg, "from 1% to 100%"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_seed_order), cmocka_unit_test(test_rounding),
	        cmocka_unit_test(test_clamp),      cmocka_unit_test(test_roles_lines),
	        cmocka_unit_test(test_errors),     cmocka_unit_test(test_step_parse),
	};

	return cmocka_run_group_tests_name("tornado", tests, NULL, NULL);
}
