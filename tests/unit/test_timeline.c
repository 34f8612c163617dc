/* test_timeline.c — the plan month by month: hand-computed months for the
 * seed, a late hire, renting, D spread, other cost lines, β, the runway;
 * refusals (end before start, rent past its cap, credits above the costs);
 * the extremes at every maximum checked against 128-bit arithmetic; and, on
 * random inputs, months that add up to the totals exactly.  Start at main().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/timeline.h"

#include "testutil.h"

__extension__ typedef __int128 i128;

#define USD(d) ((int64_t)(d)*100) /* whole dollars in cents */

static uint64_t rng_state;

static uint64_t rng(void)
{
	return test_splitmix64(&rng_state);
}

/* Uniform in [lo, hi], often near lo or at an end. */
static int64_t rng_in(int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo), r = rng();

	switch (r % 6) {
	case 0:
		return lo;
	case 1:
		return hi;
	case 2:
	case 3: {
		uint64_t cap = span >> (rng() % 64);

		return lo + (int64_t)(rng() % (cap + 1));
	}
	}
	return lo + (int64_t)(rng() % (span + 1));
}

static struct timeline tl; /* 12 KB: kept off the stack */

static void eval_ok(const struct budget_input *in)
{
	struct cd_err err = {0};

	if (timeline_eval(in, &tl, &err) != 0)
		fail_msg("timeline_eval: %s", err.msg);
}

static int64_t col_sum(const struct timeline *t, size_t member)
{
	int64_t s = 0;

	for (int i = 0; i < t->months; i++)
		s += *(const int64_t *)((const char *)&t->m[i] + member);
	return s;
}

#define SUM(field) col_sum(&tl, offsetof(struct timeline_month, field))

/* The seed (F = $29,666,666.67, raised = F): month 1 pays C $1,000,000, D
 * $2,500,000 and a month of the 15 people, 15 × $30,000 = $450,000, so
 * $3,950,000; months 2..12 $450,000.  cash(12) = 29,666,666.67 - 3,950,000
 * - 11 × 450,000 = $20,766,666.67: the plan keeps the (1 - α) share it
 * never spends.  At $450,000 a month that lasts 46 more months (46.15), so
 * the cash would fall below zero in month 12 + 46 + 1 = 59. */
static void test_seed(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	eval_ok(&in);
	assert_int_equal(tl.months, 12);
	assert_int_equal(tl.res.capital, INT64_C(2966666667));
	assert_int_equal(tl.res.people, USD(5400000));
	assert_int_equal(tl.raised, INT64_C(2966666667));
	assert_int_equal(tl.cash_at_start, 0);
	assert_int_equal(tl.m[0].compute, USD(1000000));
	assert_int_equal(tl.m[0].data, USD(2500000));
	assert_int_equal(tl.m[0].people, USD(450000));
	assert_int_equal(tl.m[0].other, 0);
	assert_int_equal(tl.m[0].burn, USD(3950000));
	assert_int_equal(tl.m[0].cash, INT64_C(2571666667));
	for (int i = 1; i < 12; i++) {
		assert_int_equal(tl.m[i].compute, 0);
		assert_int_equal(tl.m[i].data, 0);
		assert_int_equal(tl.m[i].burn, USD(450000));
	}
	assert_int_equal(tl.m[11].cash, INT64_C(2076666667));
	assert_int_equal(tl.runway_month, 0);
	assert_int_equal(tl.runway_at_last_burn, 59);
	assert_int_equal(tl.burn_peak, USD(3950000));
	assert_int_equal(tl.burn_peak_month, 1);
	/* The seed prices no GPU-hour: renting costs nothing, no break-even. */
	assert_int_equal(tl.rent_month, 0);
	assert_int_equal(tl.buy_total, USD(1000000));
	assert_int_equal(tl.breakeven_tenths, -1);

	/* Bought in month 3 instead: C moves, F does not. */
	in.purchase_month = 3;
	eval_ok(&in);
	assert_int_equal(tl.m[0].compute, 0);
	assert_int_equal(tl.m[2].compute, USD(1000000));
	assert_int_equal(tl.res.capital, INT64_C(2966666667));
	assert_int_equal(tl.burn_peak, USD(2950000)); /* month 1: D + H */
	assert_int_equal(tl.burn_peak_month, 1);
	/* Past the horizon: paid in its last month, still adding up to C. */
	in.purchase_month = 200;
	eval_ok(&in);
	assert_int_equal(tl.m[11].compute, USD(1000000));
	assert_int_equal(SUM(compute), USD(1000000));
}

/* The ML engineers (5 × $30,000) hired from month 4: H = 10 × 30,000 × 12 +
 * 5 × 30,000 × 9 = $4,950,000; F = (1,000,000 + 2,500,000 + 4,950,000) /
 * 0.3 = $28,166,666.67. */
static void test_role_from_month_4(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	in.roles[1].start_month = 4;
	eval_ok(&in);
	assert_int_equal(tl.res.people, USD(4950000));
	assert_int_equal(tl.res.role_months[0], 12);
	assert_int_equal(tl.res.role_months[1], 9);
	assert_int_equal(tl.res.role_cost[1], USD(1350000));
	assert_int_equal(tl.res.capital, INT64_C(2816666667));
	for (int i = 0; i < 3; i++)
		assert_int_equal(tl.m[i].people, USD(300000));
	for (int i = 3; i < 12; i++)
		assert_int_equal(tl.m[i].people, USD(450000));
	assert_int_equal(SUM(people), USD(4950000));

	/* An explicit end at the horizon, or past it, is the default end. */
	in.roles[1].end_month = 12;
	eval_ok(&in);
	assert_int_equal(tl.res.people, USD(4950000));
	in.roles[1].end_month = 30;
	eval_ok(&in);
	assert_int_equal(tl.res.people, USD(4950000));
	/* Months 4..6 only: 5 × 30,000 × 3. */
	in.roles[1].end_month = 6;
	eval_ok(&in);
	assert_int_equal(tl.res.role_months[1], 3);
	assert_int_equal(tl.m[5].people, USD(450000));
	assert_int_equal(tl.m[6].people, USD(300000));
	/* A start after the horizon pays nothing, and is no error. */
	in.roles[1].start_month = 13;
	in.roles[1].end_month = 0;
	eval_ok(&in);
	assert_int_equal(tl.res.role_months[1], 0);
	assert_int_equal(tl.res.people, USD(3600000));
	/* The ends follow the months slider. */
	in.roles[1].start_month = 0;
	in.months = 24;
	eval_ok(&in);
	assert_int_equal(tl.res.role_months[1], 24);
	assert_int_equal(tl.res.people, USD(10800000));
}

/* Renting 1 GPU at $2.49 an hour, 730 hours, utilisation 0.333: $605.2941
 * a month, not whole cents.  Rented in months 2..4, the running total is
 * 60,529.41, 121,058.82, 181,588.23 cents, rounded 60,529, 121,059,
 * 181,588: the months pay 60,529, 60,530 and 60,529 cents, C = $1,815.88. */
static void test_rent(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	in.compute_mode = BUDGET_RENT;
	in.gpus = 1;
	in.gpu_hourly_cost = 2490000;
	in.utilisation = 333000;
	in.rent_from = 2;
	in.rent_to = 4;
	eval_ok(&in);
	assert_int_equal(tl.m[0].compute, 0);
	assert_int_equal(tl.m[1].compute, 60529);
	assert_int_equal(tl.m[2].compute, 60530);
	assert_int_equal(tl.m[3].compute, 60529);
	assert_int_equal(tl.m[4].compute, 0);
	assert_int_equal(tl.res.compute, 181588);
	assert_int_equal(SUM(compute), 181588);
	/* F = (1,815.88 + 2,500,000 + 5,400,000) / 0.3 = $26,339,386.27 */
	assert_int_equal(tl.res.capital, INT64_C(2633938627));
	/* rent_month: $605.2941 -> $605.29; buy $200,000: 330.42 months */
	assert_int_equal(tl.rent_month, 60529);
	assert_int_equal(tl.buy_total, USD(200000));
	assert_int_equal(tl.breakeven_tenths, 3304);

	/* The seed's 5 GPUs at $2.49 × 730 h × 0.7 = $6,361.95 a month, for
	 * the whole horizon (rent_from/to 0): C = 12 × 6,361.95. */
	budget_seed_example(&in);
	in.compute_mode = BUDGET_RENT;
	in.gpu_hourly_cost = 2490000;
	in.utilisation = 700000;
	eval_ok(&in);
	for (int i = 0; i < 12; i++)
		assert_int_equal(tl.m[i].compute, 636195);
	assert_int_equal(tl.res.compute, 7634340);
	/* hours_per_month and utilisation 0 read as 730 and 1 when renting. */
	in.utilisation = 0;
	in.hours_per_month = 0;
	eval_ok(&in);
	assert_int_equal(tl.rent_month, 908850); /* 5 × 2.49 × 730 */
	assert_int_equal(tl.res.compute, 12 * 908850);
	/* Buying the same 5 GPUs ($1,000,000) costs 110.03 months of rent. */
	assert_int_equal(tl.breakeven_tenths, 1100);
	in.hours_per_month = 100;
	eval_ok(&in);
	assert_int_equal(tl.rent_month, 124500);
	/* Rent moves F; buying would not look at the price. */
	/* F = (14,940 + 7,900,000) / 0.3 = $26,383,133.33 */
	assert_int_equal(tl.res.capital, INT64_C(2638313333));
	/* Rented from month 10 to 30 of a 12-month plan: 3 months. */
	in.rent_from = 10;
	in.rent_to = 30;
	eval_ok(&in);
	assert_int_equal(tl.res.compute, 3 * 124500);
	assert_int_equal(tl.m[8].compute, 0);
	assert_int_equal(tl.m[9].compute, 124500);
	/* From after the horizon: nothing rented, C = 0. */
	in.rent_from = 13;
	in.rent_to = 0;
	eval_ok(&in);
	assert_int_equal(tl.res.compute, 0);
	assert_int_equal(SUM(compute), 0);
}

/* Break-even in tenths, half up: 1 cent bought against 4 cents a month of
 * rent is 0.25 months, 2.5 tenths -> 3. */
static void test_breakeven_rounding(void **state)
{
	struct budget_input in;

	(void)state;
	memset(&in, 0, sizeof in);
	in.alpha = BUDGET_ALPHA_ONE;
	in.months = 1;
	in.gpus = 1;
	in.gpu_unit_cost = 1;
	in.gpu_hourly_cost = 40000; /* $0.04 */
	in.hours_per_month = 1;     /* BUY: not validated, but used when in range */
	eval_ok(&in);
	assert_int_equal(tl.rent_month, 4);
	assert_int_equal(tl.breakeven_tenths, 3);
	in.gpu_unit_cost = 6; /* 6 / 4 = 1.5 months = 15 tenths */
	eval_ok(&in);
	assert_int_equal(tl.breakeven_tenths, 15);
	/* Out of range in BUY mode: the default 730 hours, no error. */
	in.hours_per_month = 100000;
	eval_ok(&in);
	assert_int_equal(tl.rent_month, 2920);
	/* 1e6 GPUs at $1e6 against $1,000 an hour for 744 h: 1.34 months. */
	in.gpus = 1000000;
	in.gpu_unit_cost = USD(1000000);
	in.gpu_hourly_cost = INT64_C(1000000000);
	in.hours_per_month = 744;
	eval_ok(&in);
	assert_int_equal(tl.rent_month, INT64_C(74400000000000));
	assert_int_equal(tl.buy_total, INT64_C(100000000000000));
	assert_int_equal(tl.breakeven_tenths, 13); /* 13.44 */
}

/* D = 13 cents (13 samples at $0.01) spread over months 2..6: the running
 * total 2.6, 5.2, 7.8, 10.4, 13 rounds to 3, 5, 8, 10, 13, so the months
 * pay 3, 2, 3, 2, 3.  The seed's $2,500,000 over 12 months: 20,833,333.33
 * a month, paid 20,833,333, 20,833,334, 20,833,333, ... (the running
 * total's third is .33, .67, .00): month 11 pays 20,833,334, month 12
 * 20,833,333. */
static void test_data_spread(void **state)
{
	struct budget_input in;
	static const int64_t expect[] = {0, 3, 2, 3, 2, 3, 0};

	(void)state;
	budget_seed_example(&in);
	in.samples = 13;
	in.label_cost = 10000;
	in.data_spread = true;
	in.data_from = 2;
	in.data_to = 6;
	eval_ok(&in);
	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
		assert_int_equal(tl.m[i].data, expect[i]);
	assert_int_equal(SUM(data), 13);

	budget_seed_example(&in);
	in.data_spread = true;
	eval_ok(&in);
	assert_int_equal(tl.m[0].data, 20833333);
	assert_int_equal(tl.m[1].data, 20833334);
	assert_int_equal(tl.m[2].data, 20833333);
	assert_int_equal(tl.m[10].data, 20833334);
	assert_int_equal(tl.m[11].data, 20833333);
	assert_int_equal(SUM(data), USD(2500000));
	assert_int_equal(tl.res.capital, INT64_C(2966666667)); /* F ignores the schedule */
	/* Once, in month 3 (data.month). */
	in.data_spread = false;
	in.data_from = 3;
	eval_ok(&in);
	assert_int_equal(tl.m[0].data, 0);
	assert_int_equal(tl.m[2].data, USD(2500000));
	/* Spread from month 10 to 20 of 12: months 10..12. */
	in.data_spread = true;
	in.data_from = 10;
	in.data_to = 20;
	eval_ok(&in);
	assert_int_equal(tl.m[8].data, 0);
	assert_int_equal(tl.m[9].data, 83333333);
	assert_int_equal(tl.m[10].data, 83333334);
	assert_int_equal(tl.m[11].data, 83333333);
}

static void add_cost(struct budget_input *in, const char *name, int64_t amount, bool monthly,
                     int64_t from, int64_t to, bool outside)
{
	struct cd_err err;
	int i = budget_cost_add(in, name, monthly, &err);

	assert_true(i >= 0);
	in->costs[i].amount = amount;
	in->costs[i].from = from;
	in->costs[i].to = to;
	in->costs[i].outside = outside;
}

/* The seed plus: Inference $20,000 a month in months 3..12 and Legal
 * $50,000 once in month 1, inside (O = 200,000 + 50,000 = $250,000); Cloud
 * credits -$10,000 a month outside (-$120,000); β $100,000.
 * F = (8,900,000 + 250,000) / 0.3 + 100,000 - 120,000 = $30,480,000.
 * Other per month: m1 50,000 - 10,000 + 100,000 = 140,000; m2 -10,000;
 * m3..12 10,000.  Burn: 4,090,000, 440,000, then 460,000: 9,130,000 in
 * all; cash(12) = 30,480,000 - 9,130,000 = $21,350,000, which at 460,000 a
 * month lasts 46 more months (46.4): month 59. */
static void test_other_lines(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	in.fixed_costs = USD(100000);
	add_cost(&in, "Inference", USD(20000), true, 3, 12, false);
	add_cost(&in, "Legal", USD(50000), false, 1, 0, false);
	add_cost(&in, "Cloud credits", -USD(10000), true, 0, 0, true);
	add_cost(&in, "Late", USD(999), false, 13, 0, false); /* past the horizon */
	eval_ok(&in);
	assert_int_equal(tl.res.other, USD(250000));
	assert_int_equal(tl.res.outside, -USD(120000));
	assert_int_equal(tl.res.direct, USD(9150000));
	assert_int_equal(tl.res.capital, USD(30480000));
	assert_int_equal(tl.res.cost_total[0], USD(200000));
	assert_int_equal(tl.res.cost_total[1], USD(50000));
	assert_int_equal(tl.res.cost_total[2], -USD(120000));
	assert_int_equal(tl.res.cost_total[3], 0);
	assert_int_equal(tl.m[0].other, USD(140000));
	assert_int_equal(tl.m[1].other, -USD(10000));
	for (int i = 2; i < 12; i++)
		assert_int_equal(tl.m[i].other, USD(10000));
	assert_int_equal(tl.m[0].burn, USD(4090000));
	assert_int_equal(tl.m[1].burn, USD(440000));
	assert_int_equal(tl.m[11].burn, USD(460000));
	assert_int_equal(SUM(other), tl.res.other + tl.res.outside + in.fixed_costs);
	assert_int_equal(tl.m[11].cash, USD(21350000));
	assert_int_equal(tl.runway_month, 0);
	assert_int_equal(tl.runway_at_last_burn, 59);
}

/* Raised $5,000,000 against the seed's burn: cash 1,050,000, 600,000,
 * 150,000, then -300,000 in month 4.  With $300,000 in the bank first,
 * month 4 ends at exactly $0 (not below) and month 5 at -$450,000. */
static void test_runway(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_set(&in, (struct budget_key){BF_RAISED, 0}, USD(5000000), NULL), 0);
	assert_true(in.raised_set);
	eval_ok(&in);
	assert_int_equal(tl.raised, USD(5000000));
	assert_int_equal(tl.res.capital, INT64_C(2966666667)); /* the raise is not F */
	assert_int_equal(tl.m[2].cash, USD(150000));
	assert_int_equal(tl.m[3].cash, -USD(300000));
	assert_int_equal(tl.runway_month, 4);
	assert_int_equal(tl.runway_at_last_burn, 0);
	in.cash_at_start = USD(300000);
	eval_ok(&in);
	assert_int_equal(tl.m[3].cash, 0);
	assert_int_equal(tl.runway_month, 5);
	assert_int_equal(tl.m[11].cash, USD(5300000) - USD(3950000) - 11 * USD(450000));

	/* A last month that burns nothing: the cash never runs out. */
	budget_seed_example(&in);
	in.roles[0].end_month = 6;
	in.roles[1].end_month = 6;
	eval_ok(&in);
	assert_int_equal(tl.m[11].burn, 0);
	assert_int_equal(tl.runway_month, 0);
	assert_int_equal(tl.runway_at_last_burn, 0);
	/* A credit in the last month: burn < 0, never either. */
	add_cost(&in, "Grant", -USD(1000), false, 12, 0, true);
	eval_ok(&in);
	assert_int_equal(tl.m[11].burn, -USD(1000));
	assert_int_equal(tl.runway_at_last_burn, 0);
	/* Exactly enough for the last burn to end at 0: still lasts one more
	 * month at that burn (cash(12) / L = 0 -> month 13). */
	budget_seed_example(&in);
	in.raised_set = true;
	in.raised = USD(3950000) + 11 * USD(450000);
	eval_ok(&in);
	assert_int_equal(tl.m[11].cash, 0);
	assert_int_equal(tl.runway_month, 0);
	assert_int_equal(tl.runway_at_last_burn, 13);
}

static void test_months_zero(void **state)
{
	struct budget_input in;
	struct timeline_month g[4];

	(void)state;
	budget_seed_example(&in);
	in.months = 0;
	eval_ok(&in);
	assert_int_equal(tl.months, 0);
	assert_int_equal(tl.res.people, 0);
	assert_int_equal(tl.res.capital, INT64_C(1166666667)); /* (1,000,000 + 2,500,000) / 0.3 */
	assert_int_equal(tl.runway_month, 0);
	assert_int_equal(tl.runway_at_last_burn, 0);
	assert_int_equal(tl.burn_peak, 0);
	assert_int_equal(tl.burn_peak_month, 0);
	assert_int_equal(timeline_group(&tl, 3, g, 4), 0);
}

static void test_group(void **state)
{
	struct budget_input in;
	struct timeline_month g[8];

	(void)state;
	budget_seed_example(&in);
	in.roles[1].start_month = 4;
	eval_ok(&in);
	assert_int_equal(timeline_group(&tl, 3, g, 8), 4);
	/* Q1: C + D + 3 × $300,000; Q2: 3 × $450,000. */
	assert_int_equal(g[0].compute, USD(1000000));
	assert_int_equal(g[0].data, USD(2500000));
	assert_int_equal(g[0].people, USD(900000));
	assert_int_equal(g[0].burn, USD(4400000));
	assert_int_equal(g[0].cash, tl.m[2].cash);
	assert_int_equal(g[1].people, USD(1350000));
	assert_int_equal(g[1].burn, USD(1350000));
	assert_int_equal(g[3].cash, tl.m[11].cash);
	/* 12 months by 5: 5, 5, 2; the last group ends at month 12. */
	assert_int_equal(timeline_group(&tl, 5, g, 8), 3);
	assert_int_equal(g[2].people, USD(900000));
	assert_int_equal(g[2].cash, tl.m[11].cash);
	assert_int_equal(timeline_group(&tl, 1, g, 8), 8); /* cut at max */
	assert_int_equal(g[7].burn, tl.m[7].burn);
	assert_int_equal(timeline_group(&tl, 0, g, 8), 0);
	assert_int_equal(timeline_group(&tl, 12, g, 8), 1);
	assert_int_equal(g[0].burn, SUM(burn));
}

/* Refusals leave out untouched and name the field. */
static void expect_refused(const struct budget_input *in, const char *msg)
{
	struct cd_err err = {0};

	memset(&tl, 0x5a, sizeof tl);
	assert_int_equal(timeline_eval(in, &tl, &err), -1);
	assert_string_equal(err.msg, msg);
	assert_int_equal(tl.runway_month, INT64_C(0x5a5a5a5a5a5a5a5a));
}

static void test_refused(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	in.roles[1].start_month = 5;
	in.roles[1].end_month = 3;
	expect_refused(&in,
	               "people.roles.1.end_month: month 3 is before people.roles.1.start_month "
	               "(month 5); expected a month from 5 to 240, or 0 for the horizon's last");
	budget_seed_example(&in);
	in.rent_from = 6;
	in.rent_to = 2;
	expect_refused(&in, "compute.rent_to: month 2 is before compute.rent_from (month 6); "
	                    "expected a month from 6 to 240, or 0 for the horizon's last");
	budget_seed_example(&in);
	in.data_from = 4;
	in.data_to = 3;
	expect_refused(&in, "data.to: month 3 is before data.from (month 4); expected a month "
	                    "from 4 to 240, or 0 for the horizon's last");
	budget_seed_example(&in);
	add_cost(&in, "Office", USD(1000), true, 9, 8, false);
	expect_refused(&in, "other_costs.0.to: month 8 is before other_costs.0.from (month 9); "
	                    "expected a month from 9 to 240, or 0 for the horizon's last");
	budget_seed_example(&in);
	in.roles[0].end_month = 241;
	expect_refused(&in, "people.roles.0.end_month: expected a whole number of months from 0 "
	                    "to 240, got 241");
	/* Credits larger than C + D + H: $8,900,000 of costs, $9,000,000 off. */
	budget_seed_example(&in);
	add_cost(&in, "Grant", -USD(9000000), false, 1, 0, false);
	expect_refused(&in, "other_costs: credits exceed C+D+H by $100,000.00");
	/* Outside credits larger than F. */
	budget_seed_example(&in);
	add_cost(&in, "Grant", -USD(30000000), false, 1, 0, true);
	expect_refused(&in, "other_costs: credits outside the allocation exceed the capital by "
	                    "$333,333.33");
	/* Hours checked when renting only. */
	budget_seed_example(&in);
	in.hours_per_month = 745;
	eval_ok(&in);
	in.compute_mode = BUDGET_RENT;
	expect_refused(&in, "compute.hours_per_month: expected a whole number from 1 to 744, got "
	                    "745");
	in.hours_per_month = 0;
	in.utilisation = 9999;
	expect_refused(&in,
	               "compute.utilisation: expected a fraction from 0.01 to 1, got 0.009999");
}

/* Rent at its cap: $1,000 an hour × 1e6 GPUs × 500 h = $5e11 a month; two
 * months are exactly $1e12 (accepted, C = 1e14 cents), three are refused. */
static void test_rent_cap(void **state)
{
	struct budget_input in;

	(void)state;
	budget_seed_example(&in);
	in.compute_mode = BUDGET_RENT;
	in.gpus = 1000000;
	in.gpu_hourly_cost = INT64_C(1000000000);
	in.hours_per_month = 500;
	in.rent_to = 2;
	eval_ok(&in);
	assert_int_equal(tl.res.compute, INT64_C(100000000000000));
	assert_int_equal(tl.m[0].compute, INT64_C(50000000000000));
	assert_int_equal(tl.m[1].compute, INT64_C(50000000000000));
	in.rent_to = 3;
	expect_refused(&in, "compute: renting 1,000,000 GPUs at $1,000 an hour, 500 hours a month "
	                    "at utilisation 1 for 3 months costs more than $1,000,000,000,000 (the "
	                    "most C can be)");
	/* Every rent input at its maximum, 240 months: refused, not wrapped. */
	in.hours_per_month = 744;
	in.months = 240;
	in.rent_to = 0;
	expect_refused(&in, "compute: renting 1,000,000 GPUs at $1,000 an hour, 744 hours a month "
	                    "at utilisation 1 for 240 months costs more than $1,000,000,000,000 "
	                    "(the most C can be)");
}

/* Every input at its maximum: 32 roles, 32 lines at +$1e9 a month inside,
 * 240 months, the smallest α, the largest β, cash at start $1e12 and the
 * raise left at F.  direct = 1e14 + 1e14 + 7.68e15 + 7.68e14 = 8.648e15;
 * F = 8.648e15 × 1000 + 1e11 = 8.6480001e18: no sum may wrap. */
static void test_extremes(void **state)
{
	static struct budget_input in;
	i128 cash;

	(void)state;
	memset(&in, 0, sizeof in);
	in.gpus = 1000000;
	in.gpu_unit_cost = USD(1000000);
	in.samples = INT64_C(10000000000);
	in.label_cost = INT64_C(100000000);
	in.months = 240;
	in.alpha = BUDGET_ALPHA_MIN;
	in.fixed_costs = USD(1000000000);
	in.cash_at_start = USD(1000000000000);
	in.purchase_month = 240;
	in.data_from = 240;
	in.nroles = BUDGET_MAX_ROLES;
	for (int i = 0; i < BUDGET_MAX_ROLES; i++) {
		in.roles[i].count = 100000;
		in.roles[i].monthly_salary = USD(100000);
		in.roles[i].end_month = 240;
	}
	for (int i = 0; i < BUDGET_MAX_COSTS; i++)
		add_cost(&in, "Max", USD(1000000000), true, 1, 240, false);
	eval_ok(&in);
	assert_int_equal(tl.res.direct, INT64_C(8648000000000000));
	assert_int_equal(tl.res.capital, INT64_C(8648000100000000000));
	assert_int_equal(tl.raised, tl.res.capital);
	assert_int_equal(SUM(compute), tl.res.compute);
	assert_int_equal(SUM(data), tl.res.data);
	assert_int_equal(tl.m[239].compute, INT64_C(100000000000000));
	assert_int_equal(tl.m[239].data, INT64_C(100000000000000));
	assert_int_equal(SUM(people), tl.res.people);
	assert_int_equal(SUM(other), tl.res.other + in.fixed_costs);
	cash = (i128)in.cash_at_start + tl.res.capital - tl.res.direct - in.fixed_costs;
	assert_true(cash == tl.m[239].cash);
	/* Last burn: H + O + C + D in month 240 = 3.2e13 + 3.2e12 + 2e14. */
	assert_int_equal(tl.m[239].burn, INT64_C(235200000000000));
	assert_true((i128)tl.runway_at_last_burn == 240 + cash / tl.m[239].burn + 1);

	/* Half the lines outside the allocation: F = (direct - out) / α + β + out. */
	for (int i = 0; i < BUDGET_MAX_COSTS; i += 2)
		in.costs[i].outside = true;
	eval_ok(&in);
	assert_int_equal(tl.res.outside, INT64_C(384000000000000));
	assert_int_equal(tl.res.capital,
	                 (INT64_C(8648000000000000) - INT64_C(384000000000000)) * 1000 +
	                         USD(1000000000) + INT64_C(384000000000000));

	/* A last burn of one cent against ~8.6e18 of cash: the runway at that
	 * burn is ~8.6e18 months, exact and not wrapped. */
	for (int i = 0; i < BUDGET_MAX_COSTS; i++)
		in.costs[i].to = 239;
	for (int i = 0; i < BUDGET_MAX_ROLES; i++)
		in.roles[i].end_month = 239;
	in.purchase_month = 1;
	in.data_from = 1;
	in.roles[0].end_month = 0;
	in.roles[0].count = 1;
	in.roles[0].monthly_salary = 1;
	eval_ok(&in);
	assert_int_equal(tl.m[239].burn, 1);
	assert_int_equal(tl.runway_month, 0);
	cash = (i128)in.cash_at_start + tl.res.capital - SUM(burn);
	assert_true(cash == tl.m[239].cash);
	assert_true(cash > INT64_C(7900000000000000000));
	assert_true((i128)tl.runway_at_last_burn == 240 + cash + 1);
}

/* A random valid input: every field in range, ends at or after starts. */
static void month_pair(int64_t *from, int64_t *to)
{
	*from = rng() % 3 ? rng_in(0, 30) : rng_in(0, 240);
	*to = rng() % 3 ? 0 : rng_in(*from ? *from : 1, 240);
}

static void random_input(struct budget_input *in)
{
	memset(in, 0, sizeof *in);
	in->gpus = rng_in(0, 1000000);
	in->gpu_unit_cost = rng_in(0, USD(1000000));
	in->gpu_hourly_cost = rng_in(0, INT64_C(1000000000));
	in->samples = rng_in(0, INT64_C(10000000000));
	in->label_cost = rng_in(0, INT64_C(100000000));
	in->months = rng() % 4 ? rng_in(0, 36) : rng_in(0, 240);
	in->alpha = rng_in(BUDGET_ALPHA_MIN, BUDGET_ALPHA_ONE);
	in->fixed_costs = rng_in(0, USD(1000000000));
	in->compute_mode = rng() % 2 ? BUDGET_RENT : BUDGET_BUY;
	in->purchase_month = rng_in(0, 240);
	month_pair(&in->rent_from, &in->rent_to);
	in->hours_per_month = rng() % 3 ? rng_in(1, 744) : 0;
	in->utilisation = rng() % 3 ? rng_in(10000, BUDGET_ALPHA_ONE) : 0;
	in->data_spread = rng() % 2;
	month_pair(&in->data_from, &in->data_to);
	in->raised_set = rng() % 2;
	in->raised = rng_in(0, USD(1000000000000));
	in->cash_at_start = rng_in(0, USD(1000000000000));
	in->nroles = (int)rng_in(0, BUDGET_MAX_ROLES);
	for (int i = 0; i < in->nroles; i++) {
		in->roles[i].count = rng_in(0, 100000);
		in->roles[i].monthly_salary = rng_in(0, USD(100000));
		month_pair(&in->roles[i].start_month, &in->roles[i].end_month);
	}
	in->ncosts = (int)rng_in(0, BUDGET_MAX_COSTS);
	for (int i = 0; i < in->ncosts; i++) {
		struct budget_cost *c = &in->costs[i];

		c->name[0] = 'x';
		c->amount = rng_in(0, USD(1000000000)) * (rng() % 4 ? 1 : -1);
		c->monthly = rng() % 2;
		c->outside = rng() % 3 == 0;
		month_pair(&c->from, &c->to);
	}
}

/* On random inputs: each column adds up to its total exactly, the cash is
 * the raise less the running burn, the runway is the first month below
 * zero, the peak is the first largest burn. */
static void test_random_sums(void **state)
{
	int ok = 0;

	(void)state;
	rng_state = 20261202;
	for (int iter = 0; iter < 20000; iter++) {
		struct budget_input in;
		struct budget_result r;
		struct cd_err err;
		int64_t cash, runway = 0, peak = 0;
		int peak_month = 0;

		random_input(&in);
		if (budget_eval(&in, &r, &err) < 0) {
			/* Only the sums may refuse a field-valid input. */
			assert_true(!strncmp(err.msg, "compute: renting", 16) ||
			            !strncmp(err.msg, "other_costs: credits", 20));
			assert_int_equal(timeline_eval(&in, &tl, &err), -1);
			continue;
		}
		ok++;
		eval_ok(&in);
		assert_memory_equal(&tl.res, &r, sizeof r);
		if (in.months > 0) {
			assert_int_equal(SUM(compute), r.compute);
			assert_int_equal(SUM(data), r.data);
			assert_int_equal(SUM(other), r.other + r.outside + in.fixed_costs);
		}
		assert_int_equal(SUM(people), r.people);
		cash = in.cash_at_start + (in.raised_set ? in.raised : r.capital);
		for (int m = 0; m < tl.months; m++) {
			const struct timeline_month *x = &tl.m[m];

			assert_int_equal(x->burn, x->compute + x->data + x->people + x->other);
			assert_true(x->compute >= 0 && x->data >= 0 && x->people >= 0);
			cash -= x->burn;
			assert_int_equal(x->cash, cash);
			if (cash < 0 && !runway)
				runway = m + 1;
			if (!peak_month || x->burn > peak) {
				peak = x->burn;
				peak_month = m + 1;
			}
		}
		assert_int_equal(tl.runway_month, runway);
		assert_int_equal(tl.burn_peak, peak);
		assert_int_equal(tl.burn_peak_month, peak_month);
		if (!runway && tl.months && tl.m[tl.months - 1].burn > 0)
			assert_true((i128)tl.runway_at_last_burn ==
			            (i128)tl.months + cash / tl.m[tl.months - 1].burn + 1);
		else
			assert_int_equal(tl.runway_at_last_burn, 0);
	}
	/* Most draws must be valid, or the loop above checks little. */
	assert_true(ok > 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_seed),        cmocka_unit_test(test_role_from_month_4),
	        cmocka_unit_test(test_rent),        cmocka_unit_test(test_breakeven_rounding),
	        cmocka_unit_test(test_data_spread), cmocka_unit_test(test_other_lines),
	        cmocka_unit_test(test_runway),      cmocka_unit_test(test_months_zero),
	        cmocka_unit_test(test_group),       cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_rent_cap),    cmocka_unit_test(test_extremes),
	        cmocka_unit_test(test_random_sums),
	};

	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
