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

#define USD(d) ((int64_t)(d)*100) /* whole dollars in cents */

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

/* A start/end pair in range with the end, when given, at or after the
 * start. */
static void month_pair(int64_t *from, int64_t *to)
{
	*from = rng() % 2 ? rng_in(0, 24) : rng_in(0, 240);
	*to = rng() % 3 ? 0 : rng_in(*from ? *from : 1, 240);
}

static void random_input(struct budget_input *in)
{
	memset(in, 0, sizeof *in);
	for (int id = 0; id < BF_ROLE_COUNT; id++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)id);
		struct budget_key k = {(enum budget_field_id)id, 0};

		assert_int_equal(budget_set(in, k, rng_in(f->min, f->max), NULL), 0);
	}
	in->raised_set = rng() % 2;
	in->compute_mode = rng() % 3 ? BUDGET_BUY : BUDGET_RENT;
	if (rng() % 3 == 0)
		in->hours_per_month = 0;
	if (rng() % 3 == 0)
		in->utilisation = 0;
	month_pair(&in->rent_from, &in->rent_to);
	month_pair(&in->data_from, &in->data_to);
	in->data_spread = rng() % 2;
	in->nroles = (int)rng_in(0, BUDGET_MAX_ROLES);
	for (int r = 0; r < in->nroles; r++) {
		in->roles[r].count = rng_in(0, 100000);
		in->roles[r].monthly_salary = rng_in(0, 10000000);
		if (rng() % 2)
			month_pair(&in->roles[r].start_month, &in->roles[r].end_month);
	}
	in->ncosts = (int)rng_in(0, BUDGET_MAX_COSTS);
	for (int i = 0; i < in->ncosts; i++) {
		struct budget_cost *c = &in->costs[i];

		c->name[0] = 'c';
		c->amount = rng_in(0, INT64_C(100000000000)) * (rng() % 5 ? 1 : -1);
		c->monthly = rng() % 2;
		c->outside = rng() % 3 == 0;
		month_pair(&c->from, &c->to);
	}
}

/* Whether month m (1-based) is within start..end of a horizon of months,
 * with 0 = the defaults: written out month by month, apart from the
 * model's spans. */
static bool paid_in(int64_t m, int64_t start, int64_t end, int64_t months)
{
	return m >= (start ? start : 1) && m <= (end ? end : months) && m <= months;
}

/* The model recomputed in 128 bits, month by month: C (buy, or rent per
 * month in µ$ × the months rented, capped at 1e18 µ$), D, H, O inside and
 * outside, F; false where the model must refuse the sums. */
static bool reference(const struct budget_input *in, struct budget_result *out)
{
	i128 data = ((i128)in->samples * in->label_cost + 5000) / 10000;
	i128 compute = (i128)in->gpus * in->gpu_unit_cost, people = 0, other = 0, outside = 0;
	i128 direct, f;

	memset(out, 0, sizeof *out);
	if (in->compute_mode == BUDGET_RENT) {
		i128 hours = in->hours_per_month ? in->hours_per_month : 730;
		i128 util = in->utilisation ? in->utilisation : 1000000;
		i128 mu = ((i128)in->gpus * in->gpu_hourly_cost * hours * util + 500000) / 1000000;
		i128 n = 0;

		for (int64_t m = 1; m <= in->months; m++)
			n += paid_in(m, in->rent_from, in->rent_to, in->months);
		if (mu * n > (i128)INT64_C(1000000000000000000))
			return false;
		compute = (mu * n + 5000) / 10000;
	}
	for (int r = 0; r < in->nroles; r++) {
		const struct budget_role *role = &in->roles[r];
		i128 cost = 0;

		for (int64_t m = 1; m <= in->months; m++)
			if (paid_in(m, role->start_month, role->end_month, in->months)) {
				cost += (i128)role->count * role->monthly_salary;
				out->role_months[r]++;
			}
		out->role_cost[r] = (int64_t)cost;
		people += cost;
		out->headcount += role->count;
	}
	for (int i = 0; i < in->ncosts; i++) {
		const struct budget_cost *c = &in->costs[i];
		i128 t = 0;

		for (int64_t m = 1; m <= in->months; m++)
			if (c->monthly ? paid_in(m, c->from, c->to, in->months)
			               : m == (c->from ? c->from : 1))
				t += c->amount;
		out->cost_total[i] = (int64_t)t;
		*(c->outside ? &outside : &other) += t;
	}
	direct = compute + data + people + other;
	if (direct < 0)
		return false;
	f = (2 * direct * 1000000 + in->alpha) / (2 * (i128)in->alpha) + in->fixed_costs + outside;
	if (f < 0)
		return false;
	assert_true(f < (i128)INT64_C(8710000000000000000));
	out->compute = (int64_t)compute;
	out->data = (int64_t)data;
	out->people = (int64_t)people;
	out->other = (int64_t)other;
	out->outside = (int64_t)outside;
	out->direct = (int64_t)direct;
	out->capital = (int64_t)f;
	return true;
}

/* F by the reference; the input must be one the model accepts. */
static int64_t reference_capital(const struct budget_input *in)
{
	struct budget_result r;

	assert_true(reference(in, &r));
	return r.capital;
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
	                    "2,966.67\xe4\xb8\x87");
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
enum bound_setup { SEED, SEED_RENT, SEED_COST };

static const struct bound_case {
	struct budget_key key;
	int64_t min, max;
	const char *below, *above;
	enum bound_setup setup; /* hours and utilisation are checked when renting */
} bound_cases[] = {
        {{BF_GPUS, 0},
         0,
         1000000,
         "compute.gpus: expected a whole number from 0 to 1,000,000, got -1",
         "compute.gpus: expected a whole number from 0 to 1,000,000, got 1,000,001",
         SEED},
        {{BF_GPU_UNIT_COST, 0},
         0,
         INT64_C(100000000),
         "compute.gpu_unit_cost: expected an amount from $0 to $1,000,000, got -$0.01",
         "compute.gpu_unit_cost: expected an amount from $0 to $1,000,000, got $1,000,000.01",
         SEED},
        {{BF_GPU_HOURLY_COST, 0},
         0,
         INT64_C(1000000000),
         "compute.gpu_hourly_cost: expected a price from $0 to $1,000 (up to 6 decimals), got "
         "-$0.000001",
         "compute.gpu_hourly_cost: expected a price from $0 to $1,000 (up to 6 decimals), got "
         "$1,000.000001",
         SEED},
        {{BF_SAMPLES, 0},
         0,
         INT64_C(10000000000),
         "data.samples: expected a whole number from 0 to 10,000,000,000, got -1",
         "data.samples: expected a whole number from 0 to 10,000,000,000, got 10,000,000,001",
         SEED},
        {{BF_LABEL_COST, 0},
         0,
         INT64_C(100000000),
         "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got -$0.000001",
         "data.label_cost: expected a price from $0 to $100 (up to 6 decimals), got "
         "$100.000001",
         SEED},
        {{BF_MONTHS, 0},
         0,
         240,
         "people.months: expected a whole number of months from 0 to 240, got -1",
         "people.months: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_ALPHA, 0},
         1000,
         1000000,
         "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 0.000999",
         "capital.alpha: expected a ratio above 0 and at most 1 (from 0.001), got 1.000001",
         SEED},
        {{BF_FIXED_COSTS, 0},
         0,
         INT64_C(100000000000),
         "capital.fixed_costs: expected an amount from $0 to $1,000,000,000, got -$0.01",
         "capital.fixed_costs: expected an amount from $0 to $1,000,000,000, got "
         "$1,000,000,000.01",
         SEED},
        {{BF_ROLE_COUNT, 1},
         0,
         100000,
         "people.roles.1.count: expected a whole number from 0 to 100,000, got -1",
         "people.roles.1.count: expected a whole number from 0 to 100,000, got 100,001",
         SEED},
        {{BF_ROLE_SALARY, 0},
         0,
         INT64_C(10000000),
         "people.roles.0.monthly_salary: expected an amount from $0 to $100,000, got -$0.01",
         "people.roles.0.monthly_salary: expected an amount from $0 to $100,000, got $100,000.01",
         SEED},
        {{BF_PURCHASE_MONTH, 0},
         0,
         240,
         "compute.purchase_month: expected a whole number of months from 0 to 240, got -1",
         "compute.purchase_month: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_RENT_FROM, 0},
         0,
         240,
         "compute.rent_from: expected a whole number of months from 0 to 240, got -1",
         "compute.rent_from: expected a whole number of months from 0 to 240, got 241",
         SEED_RENT},
        {{BF_RENT_TO, 0},
         0,
         240,
         "compute.rent_to: expected a whole number of months from 0 to 240, got -1",
         "compute.rent_to: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_HOURS_PER_MONTH, 0},
         1,
         744,
         "compute.hours_per_month: expected a whole number from 1 to 744, got 0",
         "compute.hours_per_month: expected a whole number from 1 to 744, got 745",
         SEED_RENT},
        {{BF_UTILISATION, 0},
         10000,
         1000000,
         "compute.utilisation: expected a fraction from 0.01 to 1, got 0.009999",
         "compute.utilisation: expected a fraction from 0.01 to 1, got 1.000001",
         SEED_RENT},
        {{BF_DATA_FROM, 0},
         0,
         240,
         "data.from: expected a whole number of months from 0 to 240, got -1",
         "data.from: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_DATA_TO, 0},
         0,
         240,
         "data.to: expected a whole number of months from 0 to 240, got -1",
         "data.to: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_RAISED, 0},
         0,
         INT64_C(100000000000000),
         "capital.raised: expected an amount from $0 to $1,000,000,000,000, got -$0.01",
         "capital.raised: expected an amount from $0 to $1,000,000,000,000, got "
         "$1,000,000,000,000.01",
         SEED},
        {{BF_CASH_AT_START, 0},
         0,
         INT64_C(100000000000000),
         "capital.cash_at_start: expected an amount from $0 to $1,000,000,000,000, got -$0.01",
         "capital.cash_at_start: expected an amount from $0 to $1,000,000,000,000, got "
         "$1,000,000,000,000.01",
         SEED},
        {{BF_ROLE_START, 1},
         0,
         240,
         "people.roles.1.start_month: expected a whole number of months from 0 to 240, got -1",
         "people.roles.1.start_month: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_ROLE_END, 0},
         0,
         240,
         "people.roles.0.end_month: expected a whole number of months from 0 to 240, got -1",
         "people.roles.0.end_month: expected a whole number of months from 0 to 240, got 241",
         SEED},
        {{BF_COST_AMOUNT, 0},
         -INT64_C(100000000000),
         INT64_C(100000000000),
         "other_costs.0.amount: expected an amount from -$1,000,000,000 to $1,000,000,000, got "
         "-$1,000,000,000.01",
         "other_costs.0.amount: expected an amount from -$1,000,000,000 to $1,000,000,000, got "
         "$1,000,000,000.01",
         SEED_COST},
        {{BF_COST_FROM, 0},
         0,
         240,
         "other_costs.0.from: expected a whole number of months from 0 to 240, got -1",
         "other_costs.0.from: expected a whole number of months from 0 to 240, got 241",
         SEED_COST},
        {{BF_COST_TO, 0},
         0,
         240,
         "other_costs.0.to: expected a whole number of months from 0 to 240, got -1",
         "other_costs.0.to: expected a whole number of months from 0 to 240, got 241",
         SEED_COST},
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
		if (c->setup == SEED_RENT)
			in.compute_mode = BUDGET_RENT;
		if (c->setup == SEED_COST)
			assert_int_equal(budget_cost_add(&in, "Office", true, &err), 0);
		assert_int_equal(budget_set(&in, c->key, c->min, &err), 0);
		/* A credit of $1e9 a month is more than the seed costs. */
		assert_int_equal(budget_eval(&in, &r, &err), c->min < 0 ? -1 : 0);
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

/* Random inputs against the 128-bit reference: every figure equal, or both
 * refusing; F×α = direct×1e6 within the rounding; F never falls as a cost
 * rises, never rises as α does. */
static void test_properties(void **state)
{
	static const enum budget_field_id rising[] = {
	        BF_GPUS,       BF_GPU_UNIT_COST, BF_GPU_HOURLY_COST, BF_SAMPLES,
	        BF_LABEL_COST, BF_FIXED_COSTS,   BF_ROLE_COUNT,      BF_ROLE_SALARY,
	        BF_ROLE_END,   BF_COST_AMOUNT,   BF_HOURS_PER_MONTH, BF_UTILISATION,
	};
	int ok = 0;

	(void)state;
	rng_state = 20261129;
	for (int iter = 0; iter < 20000; iter++) {
		struct budget_input in, up;
		struct budget_result r, ref, r2;
		struct budget_key k = {BF_GPUS, 0};
		struct cd_err err;
		i128 lhs, rhs, diff;
		bool valid;
		int64_t s;

		random_input(&in);
		valid = reference(&in, &ref);
		assert_int_equal(budget_eval(&in, &r, &err), valid ? 0 : -1);
		if (!valid) {
			assert_true(!strncmp(err.msg, "compute: renting", 16) ||
			            !strncmp(err.msg, "other_costs: credits", 20));
			continue;
		}
		ok++;
		assert_memory_equal(&r, &ref, sizeof r);
		assert_int_equal(r.direct, r.compute + r.data + r.people + r.other);
		assert_true(r.capital >= 0);

		/* F×α = (C+D+H+O)×1e6 + (β + outside)×α within the rounding. */
		lhs = (i128)(r.capital - in.fixed_costs - r.outside) * in.alpha;
		rhs = (i128)r.direct * 1000000;
		diff = lhs > rhs ? lhs - rhs : rhs - lhs;
		assert_true(diff * 2 <= in.alpha);

		/* A cost input grows: F never decreases. */
		k.id = rising[rng() % (sizeof rising / sizeof rising[0])];
		if ((k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY || k.id == BF_ROLE_END) &&
		    in.nroles > 0)
			k.role = (int)(rng() % (uint64_t)in.nroles);
		else if (k.id == BF_COST_AMOUNT && in.ncosts > 0)
			k.role = (int)(rng() % (uint64_t)in.ncosts);
		else if (k.id >= BF_ROLE_COUNT)
			k.id = BF_SAMPLES;
		/* An end of 0 is the horizon's last month: bump explicit ends. */
		if (k.id == BF_ROLE_END && !in.roles[k.role].end_month)
			k.id = BF_SAMPLES;
		up = in;
		s = budget_field_get(k.id)->max;
		bump(&up, k, rng_in(1, s > 1 ? s : 1));
		if (reference(&up, &ref)) {
			assert_int_equal(budget_eval(&up, &r2, NULL), 0);
			assert_true(r2.capital >= r.capital);
		}

		/* α grows: F never increases. */
		up = in;
		k.id = BF_ALPHA;
		bump(&up, k, rng_in(1, 1000));
		if (reference(&up, &ref)) {
			assert_int_equal(budget_eval(&up, &r2, NULL), 0);
			assert_true(r2.capital <= r.capital);
		}
	}
	/* Most draws must be valid, or the checks above check little. */
	assert_true(ok > 12000);
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
        {"people.roles.1.start_month", BF_ROLE_START, 1, "people.roles.1.start_month"},
        {"people.roles.0.end_month", BF_ROLE_END, 0, "people.roles.0.end_month"},
        {"roles.1.start", BF_ROLE_START, 1, "people.roles.1.start_month"},
        {"other_costs.0.amount", BF_COST_AMOUNT, 0, "other_costs.0.amount"},
        {"other_costs.1.month", BF_COST_FROM, 1, "other_costs.1.from"},
        {"other_costs.1.from", BF_COST_FROM, 1, "other_costs.1.from"},
        {"other_costs.0.to", BF_COST_TO, 0, "other_costs.0.to"},
        {"compute.purchase_month", BF_PURCHASE_MONTH, 0, "compute.purchase_month"},
        {"purchase_month", BF_PURCHASE_MONTH, 0, "compute.purchase_month"},
        {"compute.rent_from", BF_RENT_FROM, 0, "compute.rent_from"},
        {"compute.rent_to", BF_RENT_TO, 0, "compute.rent_to"},
        {"compute.hours_per_month", BF_HOURS_PER_MONTH, 0, "compute.hours_per_month"},
        {"compute.utilisation", BF_UTILISATION, 0, "compute.utilisation"},
        {"compute.utilization", BF_UTILISATION, 0, "compute.utilisation"},
        {"utilization", BF_UTILISATION, 0, "compute.utilisation"},
        {"data.month", BF_DATA_FROM, 0, "data.from"},
        {"data.from", BF_DATA_FROM, 0, "data.from"},
        {"data.to", BF_DATA_TO, 0, "data.to"},
        {"capital.raised", BF_RAISED, 0, "capital.raised"},
        {"raised", BF_RAISED, 0, "capital.raised"},
        {"capital.cash_at_start", BF_CASH_AT_START, 0, "capital.cash_at_start"},
        {"cash_at_start", BF_CASH_AT_START, 0, "capital.cash_at_start"},
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
        {"people.roles.0", "people.roles.0: expected people.roles.0.count (numeric keys are "
                           "count, monthly_salary, start_month and end_month)"},
        {"people.roles.0.name", "people.roles.0.name: not a number (numeric keys are count, "
                                "monthly_salary, start_month and end_month)"},
        {"people.roles.0.start_mnth", "unknown key \"people.roles.0.start_mnth\" (did you mean "
                                      "\"people.roles.0.start_month\"?)"},
        {"other_costs.2.amount",
         "other_costs.2: no such line (the scenario has 2 other cost lines, 0..1)"},
        {"other_costs.0.name",
         "other_costs.0.name: not a number (numeric keys are amount, month, from and to)"},
        {"other_costs.0.allocation",
         "other_costs.0.allocation: not a number (numeric keys are amount, month, from and "
         "to)"},
        {"other_costs.0.amuont",
         "unknown key \"other_costs.0.amuont\" (did you mean \"other_costs.0.amount\"?)"},
        {"compute.mode", "compute.mode: not a number (buy or rent)"},
        {"data.schedule", "data.schedule: not a number (once or spread)"},
        {"capital.rasied", "unknown key \"capital.rasied\" (did you mean \"capital.raised\"?)"},
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
	assert_int_equal(budget_cost_add(&in, "Inference", true, &err), 0);
	assert_int_equal(budget_cost_add(&in, "Legal", false, &err), 1);
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
	in.ncosts = 1;
	assert_int_equal(budget_key_parse("other_costs.1.to", &in, &k, &err), -1);
	assert_string_equal(err.msg,
	                    "other_costs.1: no such line (the scenario has 1 line, index 0)");
	in.ncosts = 0;
	assert_int_equal(budget_key_parse("other_costs.0.amount", &in, &k, &err), -1);
	assert_string_equal(err.msg,
	                    "other_costs.0: no such line (the scenario has no other cost lines)");
	/* Every field's canonical name parses back to it. */
	budget_seed_example(&in);
	assert_int_equal(budget_cost_add(&in, "Office", true, &err), 0);
	for (int id = 0; id < BF__COUNT; id++) {
		struct budget_key want = {(enum budget_field_id)id, 0};

		budget_key_name(want, buf, sizeof buf);
		assert_int_equal(budget_key_parse(buf, &in, &k, &err), 0);
		assert_int_equal(k.id, id);
		assert_int_equal(k.role, 0);
	}
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

/* The raise reads as F until set; hours and utilisation read as their
 * defaults while 0; a memset input in BUY mode (hours 0) still evaluates. */
static void test_new_defaults(void **state)
{
	struct budget_input in;
	struct budget_result r;
	struct cd_err err;
	struct cd_errlist errs;
	struct budget_key raised = {BF_RAISED, 0}, hours = {BF_HOURS_PER_MONTH, 0},
	                  util = {BF_UTILISATION, 0};

	(void)state;
	budget_seed_example(&in);
	assert_false(in.raised_set);
	assert_int_equal(budget_get(&in, raised), INT64_C(2966666667));
	in.gpus = 8; /* F follows the plan until a raise is set */
	assert_int_equal(budget_get(&in, raised), INT64_C(3166666667));
	assert_int_equal(budget_set(&in, raised, USD(20000000), &err), 0);
	assert_true(in.raised_set);
	assert_int_equal(budget_get(&in, raised), USD(20000000));
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.capital, INT64_C(3166666667)); /* the raise never moves F */
	in.raised_set = false;
	in.gpus = -1; /* no F to read: 0 */
	assert_int_equal(budget_get(&in, raised), 0);

	budget_seed_example(&in);
	assert_int_equal(in.hours_per_month, 0);
	assert_int_equal(budget_get(&in, hours), 730);
	assert_int_equal(budget_get(&in, util), BUDGET_ALPHA_ONE);
	assert_int_equal(budget_set(&in, hours, 0, &err), -1);
	assert_string_equal(
	        err.msg, "compute.hours_per_month: expected a whole number from 1 to 744, got 0");
	assert_int_equal(budget_set(&in, util, 500000, &err), 0);
	assert_int_equal(budget_get(&in, util), 500000);

	memset(&in, 0, sizeof in);
	in.alpha = BUDGET_ALPHA_ONE;
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 1); /* scaling 0: validate only */
	assert_string_equal(
	        errs.v[0].msg,
	        "compute.scaling_efficiency: expected a fraction from 0.05 to 1, got 0");
	cd_errlist_done(&errs);
	in.compute_mode = BUDGET_RENT;
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	in.compute_mode = (enum budget_compute_mode)7;
	assert_int_equal(budget_eval(&in, &r, &err), -1);
	assert_string_equal(err.msg, "compute.mode: expected buy or rent, got 7");
}

static void test_moves_f(void **state)
{
	struct budget_input in;
	static const enum budget_field_id never[] = {
	        BF_SCALING_EFFICIENCY, BF_RAISED,    BF_CASH_AT_START,
	        BF_PURCHASE_MONTH,     BF_DATA_FROM, BF_DATA_TO,
	};
	static const enum budget_field_id rent_only[] = {
	        BF_GPU_HOURLY_COST, BF_RENT_FROM, BF_RENT_TO, BF_HOURS_PER_MONTH, BF_UTILISATION,
	};
	static const enum budget_field_id always[] = {
	        BF_GPUS,        BF_SAMPLES,    BF_LABEL_COST,  BF_MONTHS,     BF_ALPHA,
	        BF_FIXED_COSTS, BF_ROLE_COUNT, BF_ROLE_SALARY, BF_ROLE_START, BF_ROLE_END,
	        BF_COST_AMOUNT, BF_COST_FROM,  BF_COST_TO,
	};

	(void)state;
	budget_seed_example(&in);
	for (int rent = 0; rent < 2; rent++) {
		in.compute_mode = rent ? BUDGET_RENT : BUDGET_BUY;
		for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
			assert_false(budget_field_moves_f(&in, never[i]));
		for (size_t i = 0; i < sizeof rent_only / sizeof rent_only[0]; i++)
			assert_int_equal(budget_field_moves_f(&in, rent_only[i]), rent);
		for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
			assert_true(budget_field_moves_f(&in, always[i]));
		assert_int_equal(budget_field_moves_f(&in, BF_GPU_UNIT_COST), !rent);
	}
	assert_false(budget_field_moves_f(&in, BF__COUNT));
}

static void test_lists(void **state)
{
	struct budget_input in;
	struct budget_result r;
	struct cd_err err;
	char longname[80];

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_role_add(&in, "Founders", &err), 2);
	assert_int_equal(in.nroles, 3);
	assert_string_equal(in.roles[2].name, "Founders");
	assert_int_equal(in.roles[2].count, 0);
	assert_int_equal(in.roles[2].start_month, 0);
	assert_int_equal(budget_eval(&in, &r, &err), 0);
	assert_int_equal(r.capital, INT64_C(2966666667)); /* nobody yet */
	assert_int_equal(budget_role_remove(&in, 0), 0);
	assert_int_equal(in.nroles, 2);
	assert_string_equal(in.roles[0].name, "ML engineers");
	assert_string_equal(in.roles[1].name, "Founders");
	assert_int_equal(budget_role_remove(&in, 2), -1);
	assert_int_equal(budget_role_remove(&in, -1), -1);
	while (in.nroles < BUDGET_MAX_ROLES)
		assert_true(budget_role_add(&in, "x", &err) >= 0);
	assert_int_equal(budget_role_add(&in, "one too many", &err), -1);
	assert_string_equal(err.msg, "people.roles: at most 32 roles (remove one first)");

	/* Names are cut to 47 bytes on a UTF-8 boundary: 23 "é" (2 bytes each)
	 * and one more would be 48. */
	memset(longname, 0, sizeof longname);
	for (int i = 0; i < 24; i++)
		memcpy(longname + 2 * i, "\xc3\xa9", 2);
	budget_seed_example(&in);
	assert_int_equal(budget_cost_add(&in, longname, true, &err), 0);
	assert_int_equal(strlen(in.costs[0].name), 46);
	assert_true(in.costs[0].monthly);
	assert_false(in.costs[0].outside);
	assert_int_equal(budget_cost_add(&in, "", false, &err), -1);
	assert_string_equal(err.msg, "other_costs: a line needs a name such as Inference");
	assert_int_equal(budget_cost_add(&in, "Legal", false, &err), 1);
	assert_int_equal(budget_cost_remove(&in, 0), 0);
	assert_int_equal(in.ncosts, 1);
	assert_string_equal(in.costs[0].name, "Legal");
	assert_false(in.costs[0].monthly);
	assert_int_equal(budget_cost_remove(&in, 1), -1);
	while (in.ncosts < BUDGET_MAX_COSTS)
		assert_true(budget_cost_add(&in, "y", true, &err) >= 0);
	assert_int_equal(budget_cost_add(&in, "z", true, &err), -1);
	assert_string_equal(err.msg, "other_costs: at most 32 lines (remove one first)");
}

/* Every problem of the new inputs, each named. */
static void test_validate_plan(void **state)
{
	struct budget_input in;
	struct cd_errlist errs;
	struct cd_err err;

	(void)state;
	budget_seed_example(&in);
	assert_int_equal(budget_cost_add(&in, "Office", true, &err), 0);
	assert_int_equal(budget_cost_add(&in, "Legal", false, &err), 1);
	in.costs[0].name[0] = '\0';
	memset(in.costs[1].name, 'x', sizeof in.costs[1].name);
	in.costs[1].from = 7;
	in.costs[1].to = 2;
	in.roles[0].start_month = 3;
	in.roles[0].end_month = 2;
	in.data_to = 500;
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 5);
	assert_string_equal(errs.v[0].msg,
	                    "data.to: expected a whole number of months from 0 to 240, got 500");
	assert_string_equal(
	        errs.v[1].msg,
	        "people.roles.0.end_month: month 2 is before people.roles.0.start_month "
	        "(month 3); expected a month from 3 to 240, or 0 for the horizon's last");
	assert_string_equal(errs.v[2].msg,
	                    "other_costs.0.name: expected a name such as Inference, got nothing");
	assert_string_equal(errs.v[3].msg, "other_costs.1.name: expected at most 47 bytes");
	assert_string_equal(errs.v[4].msg,
	                    "other_costs.1.to: month 2 is before other_costs.1.from (month 7); "
	                    "expected a month from 7 to 240, or 0 for the horizon's last");
	cd_errlist_done(&errs);

	budget_seed_example(&in);
	in.ncosts = 33;
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 33); /* the count, then 32 nameless lines */
	assert_string_equal(errs.v[0].msg, "other_costs: expected from 0 to 32 lines, got 33");
	cd_errlist_done(&errs);

	/* Sums are checked once the fields are fine: one message. */
	budget_seed_example(&in);
	assert_int_equal(budget_cost_add(&in, "Grant", false, &err), 0);
	in.costs[0].amount = -USD(8900001);
	cd_errlist_init(&errs);
	assert_int_equal(budget_validate(&in, &errs), 1);
	assert_string_equal(errs.v[0].msg, "other_costs: credits exceed C+D+H by $1.00");
	cd_errlist_done(&errs);
	in.costs[0].amount = -USD(8900000); /* exactly the costs: direct = 0 is fine */
	assert_int_equal(budget_validate(&in, NULL), 0);
}

/* The rows of the per-role and per-line fields. */
static void test_item_fields(void **state)
{
	static const enum budget_field_id items[] = {
	        BF_ROLE_COUNT,  BF_ROLE_SALARY, BF_ROLE_START, BF_ROLE_END,
	        BF_COST_AMOUNT, BF_COST_FROM,   BF_COST_TO,
	};

	(void)state;
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		const struct budget_field *f = budget_field_get(items[i]);

		assert_int_equal(f->id, items[i]);
		assert_non_null(strstr(f->path, ".N."));
		assert_null(f->alias);
		assert_non_null(f->help);
		assert_non_null(f->label);
		assert_true(f->slider_min >= f->min && f->slider_max <= f->max);
		assert_true(f->step > 0 && f->slider_min < f->slider_max);
	}
	assert_true(budget_field_get(BF_COST_AMOUNT)->slider_min < 0);
	assert_true(budget_field_get(BF_RAISED)->log_scale);
	assert_int_equal(budget_field_get(BF_RAISED)->slider_min, USD(100000));
	assert_int_equal(budget_field_get(BF_RAISED)->slider_max, USD(1000000000));
	assert_int_equal(budget_field_get(BF_UTILISATION)->unit, BUDGET_UNIT_ALPHA);
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
	        cmocka_unit_test(test_new_defaults),
	        cmocka_unit_test(test_moves_f),
	        cmocka_unit_test(test_lists),
	        cmocka_unit_test(test_validate_plan),
	        cmocka_unit_test(test_item_fields),
	};

	return cmocka_run_group_tests_name("budget", tests, NULL, NULL);
}
