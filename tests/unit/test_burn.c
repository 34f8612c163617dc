/* test_burn.c — the run-cost arithmetic (src/model/burn.c), table-driven:
 * rent, buy (amortisation + energy), CPU, paused, override, team burn,
 * projections, bad inputs, overflow, and the formatting of micro-dollars.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/burn.h"

#define USD(x) ((int64_t)((x)*1000000.0 + 0.5)) /* test literals only */
#define HOUR INT64_C(3600000)

struct row {
	const char *what;
	struct burn_prices p;
	struct burn_usage u;
	int64_t per_hour, spent, projected, team;
	bool paused_cost;
};

static const struct row rows[] = {
        {"rent 2 GPUs at $2.50 for 90 min, 30 min to go",
         {BURN_RENT, USD(2.5), 0, 26280, 0, 0, -1, 0},
         {2, 90 * 60000, 30 * 60000, false, 0, 0, false, 0, false, 0},
         USD(5),
         USD(7.5),
         USD(10),
         0,
         false},
        {"rent, paused: the GPUs still cost",
         {BURN_RENT, USD(2.5), 0, 26280, 0, USD(0.05), -1, 0},
         {1, HOUR, -1, true, 0, 4000, false, 0, false, 0},
         USD(2.5),
         USD(2.5),
         -1,
         0,
         true},
        {"buy one $30,000 GPU over 26,280 h, 1 kWh at $0.15, drawing 360 W",
         {BURN_BUY, 0, USD(30000), 26280, USD(0.15), 0, -1, 0},
         {1, HOUR, 0, false, 0, 0, true, INT64_C(3600000000), true, 360000},
         /* 30000e6 / 26280 = 1141552.51 → 1141553; + 0.36 kW × $0.15 */
         1141553 + 54000,
         1141553 + 150000,
         1141553 + 150000,
         0,
         false},
        {"CPU: 2 busy cores at $0.05/core-hour, half a core-hour used",
         {BURN_RENT, USD(2.5), 0, 26280, 0, USD(0.05), -1, 0},
         {0, 15 * 60000, 15 * 60000, false, 1800000, 2000, false, 0, false, 0},
         USD(0.1),
         USD(0.025),
         USD(0.025) + USD(0.025),
         0,
         false},
        {"team: 15 people at $30,000/month → $616.44/h",
         {BURN_RENT, 0, 0, 26280, 0, 0, -1, USD(450000)},
         {0, 0, -1, false, 0, 0, false, 0, false, 0},
         0,
         0,
         -1,
         616438356,
         false},
        {"override $1.00/h for 30 min",
         {BURN_BUY, USD(9), USD(9), 0, 0, 0, USD(1), 0},
         {8, 30 * 60000, HOUR, false, 0, 0, false, 0, false, 0},
         USD(1),
         USD(0.5),
         USD(1.5),
         0,
         false},
        {"sub-cent: 1 core at $0.0042/h for 1 minute",
         {BURN_RENT, 0, 0, 26280, 0, 4200, -1, 0},
         {0, 60000, -1, false, 60000, 1000, false, 0, false, 0},
         4200,
         70,
         -1,
         0,
         false},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct burn_result res;
		struct cd_err err;

		if (burn_eval(&r->p, &r->u, &res, &err))
			fail_msg("%s: %s", r->what, err.msg);
		if (res.per_hour != r->per_hour || res.spent != r->spent ||
		    res.projected != r->projected || res.team_per_hour != r->team ||
		    res.paused_cost != r->paused_cost)
			fail_msg("%s: got per_hour %lld spent %lld projected %lld team %lld paused "
			         "%d",
			         r->what, (long long)res.per_hour, (long long)res.spent,
			         (long long)res.projected, (long long)res.team_per_hour,
			         res.paused_cost);
	}
}

static void test_bad_inputs(void **state)
{
	struct burn_prices p = {BURN_RENT, USD(1), 0, 26280, 0, 0, -1, 0};
	struct burn_usage u = {1, HOUR, -1, false, 0, 0, false, 0, false, 0};
	struct burn_result r;
	struct cd_err err;

	(void)state;
	u.gpus = -1;
	assert_int_equal(burn_eval(&p, &u, &r, &err), -1);
	assert_true(strstr(err.msg, "gpus: expected") != NULL);
	u.gpus = 1;
	p.mode = BURN_BUY;
	p.amortization_hours = 0;
	assert_int_equal(burn_eval(&p, &u, &r, &err), -1);
	assert_true(strstr(err.msg, "amortization_hours") != NULL);
	p.amortization_hours = 26280;
	u.eta_ms = -5;
	assert_int_equal(burn_eval(&p, &u, &r, &err), -1);
	assert_true(strstr(err.msg, "eta_ms") != NULL);
	/* every input at its maximum: refused, never wrapped */
	p.mode = BURN_RENT;
	p.gpu_hourly = BURN_PRICE_MAX;
	u.gpus = BURN_GPUS_MAX;
	u.elapsed_ms = BURN_MS_MAX;
	u.eta_ms = BURN_MS_MAX;
	assert_int_equal(burn_eval(&p, &u, &r, &err), -1);
	assert_true(strstr(err.msg, "too large") != NULL);
}

static void test_format(void **state)
{
	char b[48];

	(void)state;
	assert_string_equal(burn_format(0, b, sizeof(b)), "$0.00");
	assert_string_equal(burn_format(4200, b, sizeof(b)), "$0.0042");
	assert_string_equal(burn_format(USD(0.1), b, sizeof(b)), "$0.1000");
	assert_string_equal(burn_format(999999, b, sizeof(b)), "$1.00");
	assert_string_equal(burn_format(USD(5), b, sizeof(b)), "$5.00");
	assert_string_equal(burn_format(1234567890, b, sizeof(b)), "$1,234.57");
	assert_string_equal(burn_format(-4200, b, sizeof(b)), "-$0.0042");
	assert_int_equal(burn_micro_from_cents(250), USD(2.5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_table),
	        cmocka_unit_test(test_bad_inputs),
	        cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
