/* test_diff.c — budget_diff: which inputs differ and by how much every
 * figure moves, against deltas worked out by hand from the seed (5 GPUs at
 * $200,000, 500,000 images at $5, 10 + 5 people at $30,000 for 12 months,
 * α 0.3).  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/budget.h"
#include "capdash/diff.h"

#define USD(d) ((int64_t)(d)*100) /* whole dollars in cents */

static struct budget_diff *d;

static int setup(void **state)
{
	(void)state;
	d = malloc(sizeof *d);
	return d ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(d);
	return 0;
}

static void set(struct budget_input *in, const char *key, int64_t v)
{
	struct budget_key k;
	struct cd_err err;

	assert_int_equal(budget_key_parse(key, in, &k, &err), 0);
	assert_int_equal(budget_set(in, k, v, &err), 0);
}

static const struct budget_diff_item *find(const char *key)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->items[i].key, key))
			return &d->items[i];
	return NULL;
}

static void test_same_plan(void **state)
{
	struct budget_input a, b;

	(void)state;
	budget_seed_example(&a);
	budget_seed_example(&b);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 0);
	assert_int_equal(d->delta.capital, 0);
	assert_int_equal(d->delta.compute, 0);
	assert_int_equal(d->a.capital, USD(29666666) + 67);
	assert_int_equal(d->b.capital, d->a.capital);
}

/* The example: 5 → 8 GPUs is C +$600,000 and F +$600,000 / 0.3. */
static void test_gpus(void **state)
{
	struct budget_input a, b;
	const struct budget_diff_item *it;

	(void)state;
	budget_seed_example(&a);
	b = a;
	set(&b, "compute.gpus", 8);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 1);
	it = find("compute.gpus");
	assert_non_null(it);
	assert_int_equal(it->kind, BUDGET_DIFF_VALUE);
	assert_int_equal(it->unit, BUDGET_UNIT_COUNT);
	assert_int_equal(it->a, 5);
	assert_int_equal(it->b, 8);
	assert_int_equal(d->delta.compute, USD(600000));
	assert_int_equal(d->delta.data, 0);
	assert_int_equal(d->delta.people, 0);
	assert_int_equal(d->delta.direct, USD(600000));
	assert_int_equal(d->delta.capital, USD(2000000));
	assert_int_equal(d->b.capital, USD(31666666) + 67);
	/* B - A: swapping the sides turns every sign. */
	assert_int_equal(budget_diff(&b, &a, d, NULL), 1);
	assert_int_equal(d->delta.capital, -USD(2000000));
	assert_int_equal(find("compute.gpus")->a, 8);
}

/* Several fields at once, in calc's order (compute before data before the
 * roles before α); α 0.3 → 0.25 with 8 GPUs: F = 9,500,000 / 0.25. */
static void test_order_and_alpha(void **state)
{
	struct budget_input a, b;

	(void)state;
	budget_seed_example(&a);
	b = a;
	set(&b, "capital.alpha", 250000);
	set(&b, "people.roles.1.monthly_salary", USD(20000));
	set(&b, "compute.gpus", 8);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 3);
	assert_string_equal(d->items[0].key, "compute.gpus");
	assert_string_equal(d->items[1].key, "people.roles.1.monthly_salary");
	assert_int_equal(d->items[1].unit, BUDGET_UNIT_CENTS);
	assert_int_equal(d->items[1].a, USD(30000));
	assert_int_equal(d->items[1].b, USD(20000));
	assert_string_equal(d->items[2].key, "capital.alpha");
	assert_int_equal(d->items[2].b, 250000);
	/* H: 5 × $10,000 less × 12 months. */
	assert_int_equal(d->delta.people, -USD(600000));
	assert_int_equal(d->delta.role_cost[0], 0);
	assert_int_equal(d->delta.role_cost[1], -USD(600000));
	/* F: (1,600,000 + 2,500,000 + 4,800,000) / 0.25 = 35,600,000. */
	assert_int_equal(d->b.capital, USD(35600000));
	assert_int_equal(d->delta.capital, USD(35600000) - USD(29666666) - 67);
}

static void test_role_added_and_removed(void **state)
{
	struct budget_input a, b;
	const struct budget_diff_item *it;
	int r;

	(void)state;
	budget_seed_example(&a);
	b = a;
	r = budget_role_add(&b, "Interns", NULL);
	assert_int_equal(r, 2);
	b.roles[r].count = 2;
	b.roles[r].monthly_salary = USD(5000);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 1);
	it = find("people.roles.2");
	assert_non_null(it);
	assert_int_equal(it->kind, BUDGET_DIFF_ONLY_B);
	assert_string_equal(it->b_word, "Interns");
	/* 2 × $5,000 × 12 = $120,000; F + $400,000. */
	assert_int_equal(d->delta.people, USD(120000));
	assert_int_equal(d->delta.role_cost[2], USD(120000));
	assert_int_equal(d->delta.capital, USD(400000));

	b = a;
	assert_int_equal(budget_role_remove(&b, 1), 0);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 1);
	it = find("people.roles.1");
	assert_non_null(it);
	assert_int_equal(it->kind, BUDGET_DIFF_ONLY_A);
	assert_string_equal(it->a_word, a.roles[1].name);
	/* ML engineers: 5 × $30,000 × 12 = $1,800,000 gone; F - $6,000,000. */
	assert_int_equal(d->delta.role_cost[1], -USD(1800000));
	assert_int_equal(d->delta.people, -USD(1800000));
	assert_int_equal(d->delta.capital, -USD(6000000));
	assert_int_equal(budget_diff_value(&a, &b, (struct budget_key){BF_ROLE_COUNT, 1}), -5);
}

/* Words and names: matched by index, a rename is a changed name. */
static void test_words(void **state)
{
	struct budget_input a, b;
	const struct budget_diff_item *it;

	(void)state;
	budget_seed_example(&a);
	b = a;
	b.data_spread = true;
	strcpy(b.roles[0].name, "Researchers");
	assert_int_equal(budget_diff(&a, &b, d, NULL), 2);
	it = find("data.schedule");
	assert_non_null(it);
	assert_int_equal(it->kind, BUDGET_DIFF_WORD);
	assert_string_equal(it->a_word, "once");
	assert_string_equal(it->b_word, "spread");
	it = find("people.roles.0.name");
	assert_non_null(it);
	assert_string_equal(it->b_word, "Researchers");
	/* Spreading D moves no figure. */
	assert_int_equal(d->delta.data, 0);
	assert_int_equal(d->delta.capital, 0);

	b = a;
	b.compute_mode = BUDGET_RENT;
	b.gpu_hourly_cost = 2000000; /* $2 an hour */
	assert_true(budget_diff(&a, &b, d, NULL) >= 1);
	it = find("compute.mode");
	assert_non_null(it);
	assert_string_equal(it->a_word, "buy");
	assert_string_equal(it->b_word, "rent");
	/* 5 GPUs × $2 × 730 h × 12 months = $87,600 instead of $1,000,000. */
	assert_int_equal(d->b.compute, USD(87600));
	assert_int_equal(d->delta.compute, USD(87600) - USD(1000000));
}

/* An other cost line only B has, inside the allocation: O and F move. */
static void test_cost_line(void **state)
{
	struct budget_input a, b;
	const struct budget_diff_item *it;
	int c;

	(void)state;
	budget_seed_example(&a);
	b = a;
	c = budget_cost_add(&b, "Office", true, NULL);
	assert_int_equal(c, 0);
	b.costs[c].amount = USD(1000);
	assert_int_equal(budget_diff(&a, &b, d, NULL), 1);
	it = find("other_costs.0");
	assert_non_null(it);
	assert_int_equal(it->kind, BUDGET_DIFF_ONLY_B);
	assert_int_equal(d->delta.other, USD(12000));
	assert_int_equal(d->delta.direct, USD(12000));
	assert_int_equal(d->delta.capital, USD(40000));

	/* Both have it; B moves it outside: a word, and F drops by O/α - O. */
	a = b;
	b.costs[c].outside = true;
	assert_int_equal(budget_diff(&a, &b, d, NULL), 1);
	it = find("other_costs.0.allocation");
	assert_non_null(it);
	assert_string_equal(it->b_word, "outside");
	assert_int_equal(d->delta.outside, USD(12000));
	assert_int_equal(d->delta.capital, USD(12000) - USD(40000));
}

static void test_bad_side(void **state)
{
	struct budget_input a, b;
	struct cd_err err;

	(void)state;
	budget_seed_example(&a);
	b = a;
	b.gpus = -3;
	assert_int_equal(budget_diff(&a, &b, d, &err), -1);
	assert_non_null(strstr(err.msg, "B: compute.gpus"));
	assert_int_equal(budget_diff(&b, &a, d, &err), -1);
	assert_non_null(strstr(err.msg, "A: compute.gpus"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_same_plan),
	        cmocka_unit_test(test_gpus),
	        cmocka_unit_test(test_order_and_alpha),
	        cmocka_unit_test(test_role_added_and_removed),
	        cmocka_unit_test(test_words),
	        cmocka_unit_test(test_cost_line),
	        cmocka_unit_test(test_bad_side),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
