/* test_budget.c — the capital model: the seed example, every input's range
 * and its message, keys, get/set, and properties over random inputs checked
 * against 128-bit reference arithmetic.  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/budget.h"

#include "testutil.h"

__extension__ typedef __int128 i128;

static uint64_t rng_state;

/* splitmix64: a fixed-seed PRNG so every run checks the same inputs. */
static uint64_t rng(void)
{
	return test_splitmix64(&rng_state);
}

/* Uniform in [lo, hi], but half the time on a log scale and now and then at
 * an end, so small values and the bounds both show up. */
static int64_t rng_in(int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo), r = rng();

	switch (r % 8) {
	case 0:
		return lo;
	case 1:
		return hi;
	case 2:
	case 3:
	case 4: {
		uint64_t cap = span >> (rng() % 64);

		return lo + (int64_t)(cap == UINT64_MAX ? rng() : rng() % (cap + 1));
	}
	}
	return lo + (int64_t)(rng() % (span + 1));
}

static void random_input(struct budget_input *in)
{
	memset(in, 0, sizeof *in);
	for (int id = 0; id < BF_ROLE_COUNT; id++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)id);
		struct budget_key k = {(enum budget_field_id)id, 0};

		assert_int_equal(budget_set(in, k, rng_in(f->min, f->max), NULL), 0);
	}
	in->nroles = (int)rng_in(0, BUDGET_MAX_ROLES);
	for (int r = 0; r < in->nroles; r++) {
		in->roles[r].count = rng_in(0, 100000);
		in->roles[r].monthly_salary = rng_in(0, 10000000);
	}
}

/* F computed independently in 128 bits; D in micro-dollars rounded half
 * up to the cent (everything is >= 0). */
static int64_t reference_capital(const struct budget_input *in)
{
	i128 data = ((i128)in->samples * in->label_cost + 5000) / 10000;
	i128 direct = (i128)in->gpus * in->gpu_unit_cost + data, num, f;

	for (int r = 0; r < in->nroles; r++)
		direct += (i128)in->roles[r].count * in->roles[r].monthly_salary * in->months;
	num = direct * 1000000;
	f = (2 * num + in->alpha) / (2 * (i128)in->alpha);
	return (int64_t)(f + in->fixed_costs);
}

/* The slot of k in in, independent of budget_get/budget_set. */
static int64_t *field_ptr(struct budget_input *in, struct budget_key k)
{
	switch (k.id) {
	case BF_GPUS:
		return &in->gpus;
	case BF_GPU_UNIT_COST:
		return &in->gpu_unit_cost;
	case BF_GPU_HOURLY_COST:
		return &in->gpu_hourly_cost;
	case BF_SAMPLES:
		return &in->samples;
	case BF_LABEL_COST:
		return &in->label_cost;
	case BF_MONTHS:
		return &in->months;
	case BF_ALPHA:
		return &in->alpha;
	case BF_FIXED_COSTS:
		return &in->fixed_costs;
	case BF_SCALING_EFFICIENCY:
		return &in->scaling_efficiency;
	case BF_PURCHASE_MONTH:
		return &in->purchase_month;
	case BF_RENT_FROM:
		return &in->rent_from;
	case BF_RENT_TO:
		return &in->rent_to;
	case BF_HOURS_PER_MONTH:
		return &in->hours_per_month;
	case BF_UTILISATION:
		return &in->utilisation;
	case BF_DATA_FROM:
		return &in->data_from;
	case BF_DATA_TO:
		return &in->data_to;
	case BF_RAISED:
		return &in->raised;
	case BF_CASH_AT_START:
		return &in->cash_at_start;
	case BF_ROLE_COUNT:
		return &in->roles[k.role].count;
	case BF_ROLE_START:
		return &in->roles[k.role].start_month;
	case BF_ROLE_END:
		return &in->roles[k.role].end_month;
	case BF_COST_AMOUNT:
		return &in->costs[k.role].amount;
	case BF_COST_FROM:
		return &in->costs[k.role].from;
	case BF_COST_TO:
		return &in->costs[k.role].to;
	case BF_ROLE_SALARY:
	case BF__COUNT:
		break;
	}
	return &in->roles[k.role].monthly_salary;
}

static void test_seed_example(void **state)
{
	struct budget_input in;
	struct budget_result r;
	struct cd_err err;
	char buf[64];

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.compute, INT64_C(100000000));
	assert_int_equal(r.data, INT64_C(250000000));
	assert_int_equal(r.people, INT64_C(540000000));
	assert_int_equal(r.direct, INT64_C(890000000));
	assert_int_equal(r.capital, INT64_C(2966666667));
	assert_int_equal(r.headcount, 15);
	assert_int_equal(r.role_cost[0], INT64_C(360000000));
	assert_int_equal(r.role_cost[1], INT64_C(180000000));
	assert_int_equal(in.nroles, 2);
	assert_string_equal(in.roles[0].name, "Data scientists");
	assert_string_equal(in.roles[1].name, "ML engineers");
	assert_int_equal(in.roles[0].count, 10);
	assert_int_equal(in.roles[1].count, 5);
	assert_int_equal(in.roles[1].monthly_salary, INT64_C(3000000));
	assert_int_equal(in.months, 12);
	assert_int_equal(in.alpha, 300000);
	assert_int_equal(in.fixed_costs, 0);
	assert_int_equal(in.label_cost, INT64_C(5000000)); /* $5 in micro-dollars */
	assert_int_equal(in.scaling_efficiency, BUDGET_ALPHA_ONE);

	assert_string_equal(money_format(r.compute, MONEY_WHOLE, buf, sizeof buf), "$1,000,000");
	assert_string_equal(money_format(r.data, MONEY_WHOLE, buf, sizeof buf), "$2,500,000");
	assert_string_equal(money_format(r.people, MONEY_WHOLE, buf, sizeof buf), "$5,400,000");
	assert_string_equal(money_format(r.direct, MONEY_WHOLE, buf, sizeof buf), "$8,900,000");
	assert_string_equal(money_format(r.capital, MONEY_WHOLE, buf, sizeof buf), "$29,666,667");
	assert_string_equal(money_format(r.capital, MONEY_CENTS, buf, sizeof buf),
	                    "$29,666,666.67");
	assert_string_equal(money_format(r.capital, MONEY_COMPACT, buf, sizeof buf), "$29.67M");
	assert_string_equal(money_format(r.capital, MONEY_K, buf, sizeof buf), "$29,666.67K");
	assert_string_equal(money_format(r.capital, MONEY_M, buf, sizeof buf), "$29.67M");
	assert_string_equal(money_format(r.capital, MONEY_WAN, buf, sizeof buf),
	                    "2966.67\xe4\xb8\x87");
	assert_string_equal(money_format(r.people, MONEY_WAN, buf, sizeof buf),
	                    "540.00\xe4\xb8\x87");
	assert_string_equal(money_decimal(r.capital, buf, sizeof buf), "29666666.67");
	assert_string_equal(money_decimal(r.compute, buf, sizeof buf), "1000000");

	in.gpus = 8;
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.compute, INT64_C(160000000));
	assert_int_equal(r.capital, INT64_C(3166666667));
	assert_string_equal(money_format(r.compute, MONEY_WHOLE, buf, sizeof buf), "$1,600,000");
	assert_string_equal(money_format(r.capital, MONEY_CENTS, buf, sizeof buf),
	                    "$31,666,666.67");
}

/* Each input at its bounds is accepted; one unit past either is refused
 * with a message naming the field, the range and the value. */
static const struct bound_case {
	struct budget_key key;
	int64_t min, max;
	const char *below, *above;
} bound_cases[] = {
        {{BF_GPUS, 0},
         0,
         1000000,
         "compute.gpus: expected a whole number from 0 to 1,000,000, got -1",
         "compute.gpus: expected a whole number from 0 to 1,000,000, got 1,000,001"},
        {{BF_GPU_UNIT_COST, 0},
         0,
         INT64_C(100000000),
         "compute.gpu_unit_cost: expected an amount from $0 to $1,000,000, got -$0.01",
         "compute.gpu_unit_cost: expected an amount from $0 to $1,000,000, got $1,000,000.01"},
        {{BF_GPU_HOURLY_COST, 0},
         0,
         INT64_C(1000000000),
         "compute.gpu_hourly_cost: expected a price from $0 to $1,000 (up to 6 decimals), got "
         "-$0.000001",
         "compute.gpu_hourly_cost: expected a price from $0 to $1,000 (up to 6 decimals), got "
         "$1,000.000001"},
        {{BF_SAMPLES, 0},
         0,
         INT64_C(10000000000),
         "data.samples: expected a whole number from 0 to 10,000,000,000, got -1",
         "data.samples: expected a whole number from 0 to 10,000,000,000, got 10,000,000,001"},
        {{BF_LABEL_COST, 0},
         0,
         INT64_C(100000000),
         "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got -$0.000001",
         "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got "
         "$100.000001"},
        {{BF_MONTHS, 0},
         0,
         240,
         "people.months: expected a whole number of months from 0 to 240, got -1",
         "people.months: expected a whole number of months from 0 to 240, got 241"},
        {{BF_ALPHA, 0},
         1000,
         1000000,
         "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 0.000999",
         "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 1.000001"},
        {{BF_FIXED_COSTS, 0},
         0,
         INT64_C(100000000000),
         "capital.fixed_costs: expected an amount from $0 to $1,000,000,000, got -$0.01",
         "capital.fixed_costs: expected an amount from $0 to $1,000,000,000, got "
         "$1,000,000,000.01"},
        {{BF_ROLE_COUNT, 1},
         0,
         100000,
         "people.roles.1.count: expected a whole number from 0 to 100,000, got -1",
         "people.roles.1.count: expected a whole number from 0 to 100,000, got 100,001"},
        {{BF_ROLE_SALARY, 0},
         0,
         INT64_C(10000000),
         "people.roles.0.monthly_salary: expected an amount from $0 to $100,000, got -$0.01",
         "people.roles.0.monthly_salary: expected an amount from $0 to $100,000, got $100,000.01"},
};

static void test_bounds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bound_cases / sizeof bound_cases[0]; i++) {
		const struct bound_case *c = &bound_cases[i];
		const struct budget_field *f = budget_field_get(c->key.id);
		struct budget_input in, before;
		struct budget_result r;
		struct cd_err err;
		struct cd_errlist errs;

		assert_int_equal(f->min, c->min);
		assert_int_equal(f->max, c->max);
		budget_seed_example(&in);
		assert_int_equal(budget_set(&in, c->key, c->min, &err), 0);
		assert_int_equal(budget_eval(&in, &r, &err), 0);
		assert_int_equal(budget_set(&in, c->key, c->max, &err), 0);
		assert_int_equal(budget_eval(&in, &r, &err), 0);
		assert_int_equal(r.capital, reference_capital(&in));

		before = in;
		assert_int_equal(budget_set(&in, c->key, c->min - 1, &err), -1);
		assert_int_equal(err.code, CD_ERR_RANGE);
		assert_string_equal(err.msg, c->below);
		assert_int_equal(budget_set(&in, c->key, c->max + 1, &err), -1);
		assert_string_equal(err.msg, c->above);
		assert_memory_equal(&in, &before, sizeof in);

		/* The same messages from eval (first problem) and validate (all),
		 * with the bad value written behind budget_set's back. */
		*field_ptr(&in, c->key) = c->max + 1;
		memset(&r, 0x5a, sizeof r);
		assert_int_equal(budget_eval(&in, &r, &err), -1);
		assert_string_equal(err.msg, c->above);
		assert_int_equal(r.capital, INT64_C(0x5a5a5a5a5a5a5a5a)); /* untouched */
		cd_errlist_init(&errs);
		assert_int_equal(budget_validate(&in, &errs), 1);
		assert_int_equal(errs.n, 1);
		assert_string_equal(errs.v[0].msg, c->above);
		assert_string_equal(errs.v[0].file, "");
		cd_errlist_done(&errs);
	}
}

static void test_brief_messages(void **state)
{
	struct budget_input in;
	struct cd_err err;
	struct budget_key gpus = {BF_GPUS, 0}, label = {BF_LABEL_COST, 0}, alpha = {BF_ALPHA, 0};

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_set(&in, gpus, -3, &err), -1);
	assert_string_equal(err.msg,
	                    "compute.gpus: expected a whole number from 0 to 1,000,000, got -3");
	assert_int_equal(budget_set(&in, label, INT64_C(250000000), &err), -1);
	assert_string_equal(
	        err.msg,
	        "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got $250");
	assert_int_equal(budget_set(&in, alpha, 0, &err), -1);
	assert_string_equal(
	        err.msg,
	        "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 0");
	assert_int_equal(budget_set(&in, alpha, -300000, &err), -1);
	assert_string_equal(
	        err.msg,
	        "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got -0.3");
}

static void test_validate_every_problem(void **state)
{
	struct budget_input in;
	struct cd_errlist errs;
	struct budget_result r;
	struct cd_err err;

	(void)state;
	budget_seed_example(&in);
	in.gpus = -1;
	in.label_cost = INT64_C(250000000);
	in.alpha = 0;
	in.roles[1].count = -2;
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 4);
	assert_int_equal(errs.n, 4);
	assert_string_equal(errs.v[0].msg,
	                    "compute.gpus: expected a whole number from 0 to 1,000,000, got -1");
	assert_string_equal(
	        errs.v[1].msg,
	        "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got $250");
	assert_string_equal(
	        errs.v[2].msg,
	        "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 0");
	assert_string_equal(
	        errs.v[3].msg,
	        "people.roles.1.count: expected a whole number from 0 to 100,000, got -2");
	cd_errlist_done(&errs);
	assert_int_equal(budget_eval(&in, &r, &err), -1);
	assert_string_equal(err.msg,
	                    "compute.gpus: expected a whole number from 0 to 1,000,000, got -1");

	budget_seed_example(&in);
	in.nroles = BUDGET_MAX_ROLES + 1;
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 1);
	assert_string_equal(errs.v[0].msg, "people.roles: expected from 0 to 32 roles, got 33");
	cd_errlist_done(&errs);
	budget_seed_example(&in);
	memset(in.roles[0].name, 'x', sizeof in.roles[0].name);
	assert_int_equal(budget_eval(&in, &r, &err), -1);
	assert_string_equal(err.msg, "people.roles.0.name: expected at most 47 bytes");
	budget_seed_example(&in);
	assert_int_equal(budget_validate(&in, NULL), 0);
}

/* Every input at its maximum with 32 roles and the smallest α: the largest F
 * the model can produce, still exact and below INT64_MAX. */
static void test_extremes(void **state)
{
	struct budget_input in;
	struct budget_result r;
	struct cd_err err;

	(void)state;
	memset(&in, 0, sizeof in);
	for (int id = 0; id < BF_ROLE_COUNT; id++) {
		struct budget_key k = {(enum budget_field_id)id, 0};

		*field_ptr(&in, k) = budget_field_get(k.id)->max;
	}
	in.alpha = BUDGET_ALPHA_MIN;
	in.nroles = BUDGET_MAX_ROLES;
	for (int i = 0; i < BUDGET_MAX_ROLES; i++) {
		in.roles[i].count = 100000;
		in.roles[i].monthly_salary = 10000000;
	}
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.compute, INT64_C(100000000000000));
	assert_int_equal(r.data, INT64_C(100000000000000));
	assert_int_equal(r.people, INT64_C(7680000000000000));
	assert_int_equal(r.direct, INT64_C(7880000000000000));
	assert_true(r.direct < INT64_C(8000000000000000));
	assert_int_equal(r.capital, INT64_C(7880000000000000000) + INT64_C(100000000000));
	assert_int_equal(r.capital, reference_capital(&in));
	assert_int_equal(r.headcount, 3200000);
}

/* Rounding of the one division: half a cent rounds up (away from zero). */
static void test_rounding(void **state)
{
	struct budget_input in;
	struct budget_result r;

	(void)state;
	memset(&in, 0, sizeof in);
	in.gpus = 1;
	in.alpha = 400000;    /* F = C / 0.4 = 2.5 C */
	in.gpu_unit_cost = 1; /* 2.5 cents -> 3 */
	assert_int_equal(budget_eval(&in, &r, NULL), 0);
	assert_int_equal(r.capital, 3);
	in.gpu_unit_cost = 3; /* 7.5 -> 8 */
	assert_int_equal(budget_eval(&in, &r, NULL), 0);
	assert_int_equal(r.capital, 8);
	in.alpha = 300000; /* 1 / 0.3 = 3.33 -> 3; 2 / 0.3 = 6.67 -> 7 */
	in.gpu_unit_cost = 1;
	assert_int_equal(budget_eval(&in, &r, NULL), 0);
	assert_int_equal(r.capital, 3);
	in.gpu_unit_cost = 2;
	assert_int_equal(budget_eval(&in, &r, NULL), 0);
	assert_int_equal(r.capital, 7);
}

/* D = samples × label_cost: exact in micro-dollars, rounded to the cent
 * once, half away from zero (by hand: 3 × $0.000005 = $0.000015 = 0.0015
 * cents -> 0; 1,000 × $0.000005 = $0.005 -> 1 cent, where rounding each
 * sample first would give 0). */
static const struct data_case {
	int64_t samples, label_micros, cents;
} data_cases[] = {
        {3, 5, 0},
        {1000, 5, 1},
        {1, 1, 0},
        {1, 4999, 0},                          /* $0.004999 */
        {1, 5000, 1},                          /* $0.005: half a cent rounds up */
        {2, 2500, 1},                          /* 5,000 µ$ exactly */
        {3, 1667, 1},                          /* 5,001 µ$ */
        {1, 14999, 1},                         /* $0.014999 */
        {1, 15000, 2},                         /* $0.015 */
        {999, 5, 0},                           /* 4,995 µ$ */
        {7, 2490000, 1743},                    /* 7 × $2.49 = $17.43 */
        {500000, 5000000, INT64_C(250000000)}, /* the seed: $2,500,000 */
        {INT64_C(10000000000), 2, 2000000},    /* 1e10 tokens × $0.000002 = $20,000 */
        {INT64_C(10000000000), 1, 1000000},    /* the smallest price: $10,000 */
        {INT64_C(10000000000), INT64_C(100000000), INT64_C(100000000000000)}, /* 1e18 µ$ */
        {0, INT64_C(100000000), 0},
        {INT64_C(10000000000), 0, 0},
};

static void test_data_micro_dollars(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof data_cases / sizeof data_cases[0]; i++) {
		const struct data_case *c = &data_cases[i];
		struct budget_input in;
		struct budget_result r;
		struct cd_err err;

		budget_seed_example(&in);
		in.samples = c->samples;
		in.label_cost = c->label_micros;
		assert_int_equal(budget_eval(&in, &r, &err), 0);
		assert_int_equal(r.data, c->cents);
		assert_int_equal(r.direct, r.compute + c->cents + r.people);
		assert_int_equal(r.capital, reference_capital(&in));
	}
}

/* The bounds of fields.c's overflow argument, at their extremes: the
 * micro-dollar product of the largest inputs fits int64 with room to round,
 * and one more micro-dollar of price is refused rather than wrapped. */
static void test_overflow_bounds(void **state)
{
	const struct budget_field *samples = budget_field_get(BF_SAMPLES),
	                          *label = budget_field_get(BF_LABEL_COST),
	                          *hourly = budget_field_get(BF_GPU_HOURLY_COST);
	struct budget_input in;
	struct budget_result r;
	struct cd_err err;

	(void)state;
	assert_int_equal(samples->max, INT64_C(10000000000));
	assert_int_equal(label->max, INT64_C(100000000)); /* $100 */
	assert_int_equal(label->unit, BUDGET_UNIT_MICROS);
	assert_int_equal(hourly->unit, BUDGET_UNIT_MICROS);
	assert_int_equal(hourly->max, INT64_C(1000000000)); /* $1,000 */
	assert_true(samples->max <= (INT64_MAX - 5000) / label->max);
	assert_true((i128)samples->max * label->max == (i128)INT64_C(1000000000000000000));

	budget_seed_example(&in);
	in.samples = samples->max;
	in.label_cost = label->max;
	in.alpha = BUDGET_ALPHA_MIN;
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.data, INT64_C(100000000000000)); /* $1e12 */
	assert_int_equal(r.capital, reference_capital(&in));
	in.label_cost = label->max + 1;
	assert_int_equal(budget_eval(&in, &r, &err), -1);
	assert_int_equal(err.code, CD_ERR_RANGE);
	assert_string_equal(err.msg, "data.label_cost: expected a price from $0 to $100 (up to 6 "
	                             "decimals), got $100.000001");
	in.label_cost = label->max;
	in.samples = samples->max + 1;
	assert_int_equal(budget_eval(&in, &r, &err), -1);
	assert_int_equal(err.code, CD_ERR_RANGE);
}

/* compute.scaling_efficiency: a fraction 0.05..1 in millionths, default 1;
 * validated, but never part of F. */
static void test_scaling_efficiency(void **state)
{
	const struct budget_field *f = budget_field_get(BF_SCALING_EFFICIENCY);
	struct budget_key k = {BF_SCALING_EFFICIENCY, 0}, parsed;
	struct budget_input in;
	struct budget_result r, r2;
	struct cd_errlist errs;
	struct cd_err err;

	(void)state;
	assert_string_equal(f->path, "compute.scaling_efficiency");
	assert_string_equal(f->alias, "scaling_efficiency");
	assert_int_equal(f->unit, BUDGET_UNIT_ALPHA);
	assert_int_equal(f->min, 50000);
	assert_int_equal(f->max, 1000000);
	assert_non_null(strstr(f->help, "forecast"));
	budget_seed_example(&in);
	assert_int_equal(budget_key_parse("scaling_efficiency", &in, &parsed, &err), 0);
	assert_int_equal(parsed.id, BF_SCALING_EFFICIENCY);
	assert_int_equal(budget_key_parse("compute.scaling_efficiency", &in, &parsed, &err), 0);
	assert_int_equal(parsed.id, BF_SCALING_EFFICIENCY);

	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(budget_set(&in, k, 50000, &err), 0);
	assert_int_equal(budget_get(&in, k), 50000);
	assert_int_equal(budget_eval(&in, &r2, &err), 0);
	assert_int_equal(r2.capital, r.capital); /* F does not use it */
	assert_int_equal(budget_set(&in, k, 49999, &err), -1);
	assert_string_equal(err.msg,
	                    "compute.scaling_efficiency: expected a fraction from 0.05 to 1, got "
	                    "0.049999");
	assert_int_equal(budget_set(&in, k, 1000001, &err), -1);
	assert_string_equal(err.msg,
	                    "compute.scaling_efficiency: expected a fraction from 0.05 to 1, got "
	                    "1.000001");
	assert_int_equal(budget_get(&in, k), 50000);

	/* Validate names it; eval, which F alone concerns, does not. */
	in.scaling_efficiency = 0;
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 1);
	assert_string_equal(
	        errs.v[0].msg,
	        "compute.scaling_efficiency: expected a fraction from 0.05 to 1, got 0");
	cd_errlist_done(&errs);
	assert_int_equal(budget_eval(&in, &r2, &err), 0);
	assert_int_equal(r2.capital, r.capital);
}

static void bump(struct budget_input *in, struct budget_key k, int64_t by)
{
	const struct budget_field *f = budget_field_get(k.id);
	int64_t v = budget_get(in, k);

	v = v > f->max - by ? f->max : v + by;
	assert_int_equal(budget_set(in, k, v, NULL), 0);
}

static void test_properties(void **state)
{
	(void)state;
	rng_state = 20261129;
	for (int iter = 0; iter < 20000; iter++) {
		struct budget_input in, up;
		struct budget_result r, r2;
		struct budget_key k;
		i128 lhs, rhs, diff;
		int64_t s;

		random_input(&in);
		assert_int_equal(budget_eval(&in, &r, NULL), 0);
		assert_int_equal(r.capital, reference_capital(&in));
		assert_int_equal(r.direct, r.compute + r.data + r.people);
		assert_true(r.capital >= 0);

		/* F×α = (C+D+H)×1e6 + β×α within the rounding: |error| <= α/2. */
		lhs = (i128)(r.capital - in.fixed_costs) * in.alpha;
		rhs = (i128)r.direct * 1000000;
		diff = lhs > rhs ? lhs - rhs : rhs - lhs;
		assert_true(diff * 2 <= in.alpha);

		/* A cost input grows: F never decreases. */
		k.id = (enum budget_field_id)(rng() % BF__COUNT);
		k.role = 0;
		if (k.id == BF_ALPHA)
			k.id = BF_GPUS;
		if ((k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY) && in.nroles == 0)
			k.id = BF_SAMPLES;
		else if (k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY)
			k.role = (int)(rng() % (uint64_t)in.nroles);
		up = in;
		s = budget_field_get(k.id)->max;
		bump(&up, k, rng_in(1, s > 1 ? s : 1));
		assert_int_equal(budget_eval(&up, &r2, NULL), 0);
		assert_true(r2.capital >= r.capital);

		/* α grows: F never increases. */
		up = in;
		k.id = BF_ALPHA;
		bump(&up, k, rng_in(1, 1000));
		assert_int_equal(budget_eval(&up, &r2, NULL), 0);
		assert_true(r2.capital <= r.capital);
	}
}

static const struct key_case {
	const char *text;
	enum budget_field_id id;
	int role;
	const char *name; /* canonical */
} key_cases[] = {
        {"gpus", BF_GPUS, 0, "compute.gpus"},
        {"compute.gpus", BF_GPUS, 0, "compute.gpus"},
        {"gpu_unit_cost", BF_GPU_UNIT_COST, 0, "compute.gpu_unit_cost"},
        {"unit_cost", BF_GPU_UNIT_COST, 0, "compute.gpu_unit_cost"},
        {"hourly_cost", BF_GPU_HOURLY_COST, 0, "compute.gpu_hourly_cost"},
        {"compute.gpu_hourly_cost", BF_GPU_HOURLY_COST, 0, "compute.gpu_hourly_cost"},
        {"samples", BF_SAMPLES, 0, "data.samples"},
        {"data.label_cost", BF_LABEL_COST, 0, "data.label_cost"},
        {"label_cost", BF_LABEL_COST, 0, "data.label_cost"},
        {"months", BF_MONTHS, 0, "people.months"},
        {"people.months", BF_MONTHS, 0, "people.months"},
        {"alpha", BF_ALPHA, 0, "capital.alpha"},
        {"capital.alpha", BF_ALPHA, 0, "capital.alpha"},
        {"fixed_costs", BF_FIXED_COSTS, 0, "capital.fixed_costs"},
        {"beta", BF_FIXED_COSTS, 0, "capital.fixed_costs"},
        {"people.roles.0.count", BF_ROLE_COUNT, 0, "people.roles.0.count"},
        {"people.roles.1.monthly_salary", BF_ROLE_SALARY, 1, "people.roles.1.monthly_salary"},
        {"people.roles.1.salary", BF_ROLE_SALARY, 1, "people.roles.1.monthly_salary"},
        {"roles.1.count", BF_ROLE_COUNT, 1, "people.roles.1.count"},
};

static const struct key_error_case {
	const char *text, *msg;
} key_error_cases[] = {
        {"gpu", "unknown key \"gpu\" (did you mean \"gpus\"?)"},
        {"compute.gpu", "unknown key \"compute.gpu\" (did you mean \"compute.gpus\"?)"},
        {"alpah", "unknown key \"alpah\" (did you mean \"alpha\"?)"},
        {"people.roles.7.count", "people.roles.7: no such role (the scenario has 2 roles, 0..1)"},
        {"people.roles.2.count", "people.roles.2: no such role (the scenario has 2 roles, 0..1)"},
        {"people.roles.-1.count", "people.roles.-1: no such role (the scenario has 2 roles, 0..1)"},
        {"people.roles.x.count", "people.roles.x: no such role (the scenario has 2 roles, 0..1)"},
        {"people.roles.0.cuont",
         "unknown key \"people.roles.0.cuont\" (did you mean \"people.roles.0.count\"?)"},
        {"people.roles.0",
         "people.roles.0: expected people.roles.0.count or people.roles.0.monthly_salary"},
        {"people.roles.0.name",
         "people.roles.0.name: not a number (numeric role keys are count and monthly_salary)"},
        {"", "expected a key such as compute.gpus or gpus, got nothing"},
};

static void test_keys(void **state)
{
	struct budget_input in;
	struct budget_key k;
	struct cd_err err;
	char buf[64];

	(void)state;
	budget_seed_example(&in);
	for (size_t i = 0; i < sizeof key_cases / sizeof key_cases[0]; i++) {
		const struct key_case *c = &key_cases[i];

		assert_int_equal(budget_key_parse(c->text, &in, &k, &err), 0);
		assert_int_equal(k.id, c->id);
		assert_int_equal(k.role, c->role);
		assert_string_equal(budget_key_name(k, buf, sizeof buf), c->name);
		assert_int_equal(budget_key_parse(buf, &in, &k, &err), 0);
		assert_int_equal(k.id, c->id);
	}
	for (size_t i = 0; i < sizeof key_error_cases / sizeof key_error_cases[0]; i++) {
		assert_int_equal(budget_key_parse(key_error_cases[i].text, &in, &k, &err), -1);
		assert_int_equal(err.code, CD_ERR_KEY);
		assert_string_equal(err.msg, key_error_cases[i].msg);
	}
	assert_int_equal(budget_key_parse("zzzzzzzzzz", &in, &k, &err), -1);
	assert_non_null(strstr(err.msg, "unknown key \"zzzzzzzzzz\" (keys: gpus,"));
	in.nroles = 1;
	assert_int_equal(budget_key_parse("people.roles.1.count", &in, &k, &err), -1);
	assert_string_equal(err.msg,
	                    "people.roles.1: no such role (the scenario has 1 role, index 0)");
	in.nroles = 0;
	assert_int_equal(budget_key_parse("people.roles.0.count", &in, &k, &err), -1);
	assert_string_equal(err.msg, "people.roles.0: no such role (the scenario has no roles)");
}

static void test_get_set(void **state)
{
	struct budget_input in;
	struct budget_key k = {BF_ROLE_SALARY, 1};
	struct cd_err err;

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_get(&in, k), INT64_C(3000000));
	assert_int_equal(budget_set(&in, k, 2500000, &err), 0);
	assert_int_equal(in.roles[1].monthly_salary, 2500000);
	assert_int_equal(in.roles[0].monthly_salary, 3000000);
	k.role = 5;
	assert_int_equal(budget_get(&in, k), 0);
	assert_int_equal(budget_set(&in, k, 1, &err), -1);
	assert_string_equal(err.msg,
	                    "people.roles.5: no such role (the scenario has 2 roles, 0..1)");
	for (int id = 0; id < BF_ROLE_COUNT; id++) {
		struct budget_key s = {(enum budget_field_id)id, 0};
		const struct budget_field *f = budget_field_get(s.id);

		assert_int_equal(f->id, id);
		assert_non_null(f->alias);
		assert_non_null(f->help);
		assert_true(f->slider_min >= f->min && f->slider_max <= f->max);
		assert_true(f->step > 0 && f->slider_min < f->slider_max);
		assert_int_equal(budget_set(&in, s, f->slider_max, &err), 0);
		assert_int_equal(budget_get(&in, s), f->slider_max);
	}
	assert_null(budget_field_get(BF__COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_seed_example),
	        cmocka_unit_test(test_bounds),
	        cmocka_unit_test(test_brief_messages),
	        cmocka_unit_test(test_validate_every_problem),
	        cmocka_unit_test(test_extremes),
	        cmocka_unit_test(test_rounding),
	        cmocka_unit_test(test_data_micro_dollars),
	        cmocka_unit_test(test_overflow_bounds),
	        cmocka_unit_test(test_scaling_efficiency),
	        cmocka_unit_test(test_properties),
	        cmocka_unit_test(test_keys),
	        cmocka_unit_test(test_get_set),
	};

	return cmocka_run_group_tests_name("budget", tests, NULL, NULL);
}
