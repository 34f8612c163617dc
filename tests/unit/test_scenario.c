/* test_scenario.c — scenario files: the seed and the presets, every bad file
 * in tests/data/bad/ against its .expected messages, hostile inputs made at
 * run time (100 MB, 10,000-deep, alias bombs), save/load round trips over
 * random scenarios, and atomic saves that fail without touching the old
 * file.  Runs from the repository root (tests/run does; CAPDASH_SRC too).
 * Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/scenario.h"
#include "capdash/theme.h"

#include "testutil.h"

#define BAD_DIR "tests/data/bad"

static char tmpdir[256];

/* Every message of errs, one per line, as capdash prints them. */
static char *joined(const struct cd_errlist *errs)
{
	size_t cap = 256 + errs->n * (CD_ERR_FILE_MAX + CD_ERR_MSG_MAX + 32), n = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	s[0] = '\0';
	for (size_t i = 0; i < errs->n; i++) {
		char line[CD_ERR_FILE_MAX + CD_ERR_MSG_MAX + 32];

		cd_err_str(&errs->v[i], line, sizeof line);
		n += (size_t)snprintf(s + n, cap - n, "%s\n", line);
	}
	return s;
}

static char *slurp(const char *path)
{
	struct cd_err e;
	char *data;
	size_t len;

	if (cd_read_file(path, 1 << 24, &data, &len, &e) < 0)
		fail_msg("%s: %s", path, e.msg);
	return data;
}

static void load_ok(const char *path, struct scenario *sc)
{
	struct cd_errlist errs;

	cd_errlist_init(&errs);
	if (scenario_load(path, sc, &errs) != 0) {
		char *m = joined(&errs);

		fail_msg("%s did not load:\n%s", path, m);
	}
	assert_int_equal(errs.n, 0);
	cd_errlist_done(&errs);
}

static void assert_same(const struct scenario *a, const struct scenario *b)
{
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->currency, b->currency);
	assert_int_equal(a->in.gpus, b->in.gpus);
	assert_int_equal(a->in.gpu_unit_cost, b->in.gpu_unit_cost);
	assert_int_equal(a->in.gpu_hourly_cost, b->in.gpu_hourly_cost);
	assert_int_equal(a->in.samples, b->in.samples);
	assert_int_equal(a->in.label_cost, b->in.label_cost);
	assert_int_equal(a->in.months, b->in.months);
	assert_int_equal(a->in.alpha, b->in.alpha);
	assert_int_equal(a->in.fixed_costs, b->in.fixed_costs);
	assert_int_equal(a->in.scaling_efficiency, b->in.scaling_efficiency);
	assert_int_equal(a->in.nroles, b->in.nroles);
	for (int i = 0; i < a->in.nroles; i++) {
		assert_string_equal(a->in.roles[i].name, b->in.roles[i].name);
		assert_int_equal(a->in.roles[i].count, b->in.roles[i].count);
		assert_int_equal(a->in.roles[i].monthly_salary, b->in.roles[i].monthly_salary);
		assert_int_equal(a->in.roles[i].start_month, b->in.roles[i].start_month);
		assert_int_equal(a->in.roles[i].end_month, b->in.roles[i].end_month);
	}
	assert_int_equal(a->mode_given, b->mode_given);
	assert_int_equal(a->in.compute_mode, b->in.compute_mode);
	assert_int_equal(a->in.purchase_month, b->in.purchase_month);
	assert_int_equal(a->in.rent_from, b->in.rent_from);
	assert_int_equal(a->in.rent_to, b->in.rent_to);
	assert_int_equal(a->in.hours_per_month, b->in.hours_per_month);
	assert_int_equal(a->in.utilisation, b->in.utilisation);
	assert_int_equal(a->in.data_spread, b->in.data_spread);
	assert_int_equal(a->in.data_from, b->in.data_from);
	assert_int_equal(a->in.data_to, b->in.data_to);
	assert_int_equal(a->in.raised_set, b->in.raised_set);
	assert_int_equal(a->in.raised, b->in.raised);
	assert_int_equal(a->in.cash_at_start, b->in.cash_at_start);
	assert_int_equal(a->in.ncosts, b->in.ncosts);
	for (int i = 0; i < a->in.ncosts; i++) {
		const struct budget_cost *x = &a->in.costs[i], *y = &b->in.costs[i];

		assert_string_equal(x->name, y->name);
		assert_int_equal(x->amount, y->amount);
		assert_int_equal(x->monthly, y->monthly);
		assert_int_equal(x->from, y->from);
		assert_int_equal(x->to, y->to);
		assert_int_equal(x->outside, y->outside);
	}
	for (int id = 0; id < BF__COUNT; id++) {
		assert_int_equal(a->range[id].set, b->range[id].set);
		if (!a->range[id].set)
			continue;
		assert_int_equal(a->range[id].min, b->range[id].min);
		assert_int_equal(a->range[id].max, b->range[id].max);
		assert_int_equal(a->range[id].step, b->range[id].step);
	}
	assert_int_equal(a->burn.gpu_mode, b->burn.gpu_mode);
	assert_int_equal(a->burn.amortization_hours, b->burn.amortization_hours);
	assert_int_equal(a->burn.energy_cost_kwh, b->burn.energy_cost_kwh);
	assert_int_equal(a->burn.cpu_core_hourly_cost, b->burn.cpu_core_hourly_cost);
	assert_int_equal(a->run.present, b->run.present);
	assert_int_equal(a->run.argc, b->run.argc);
	for (int i = 0; i < a->run.argc; i++)
		assert_string_equal(a->run.argv[i], b->run.argv[i]);
	if (a->run.argv)
		assert_null(a->run.argv[a->run.argc]);
	assert_int_equal(a->run.gpus_set, b->run.gpus_set);
	assert_int_equal(a->run.gpus, b->run.gpus);
	assert_int_equal(a->run.total_steps_set, b->run.total_steps_set);
	assert_int_equal(a->run.total_steps, b->run.total_steps);
	assert_int_equal(a->run.cost_set, b->run.cost_set);
	assert_int_equal(a->run.cost_per_hour, b->run.cost_per_hour);
}

/* ---- the seed and the presets ---- */

static void test_seed_file(void **state)
{
	struct budget_result r;
	struct scenario sc;
	struct cd_err e;

	(void)state;
	load_ok("scenarios/seed-image-recognition.yaml", &sc);
	assert_string_equal(sc.name, "Seed: image recognition");
	assert_string_equal(sc.currency, "USD");
	assert_int_equal(sc.in.gpus, 5);
	assert_int_equal(sc.in.gpu_unit_cost, 20000000);
	assert_int_equal(sc.in.gpu_hourly_cost, 2490000); /* $2.49 in micro-dollars */
	assert_int_equal(sc.in.samples, 500000);
	assert_int_equal(sc.in.label_cost, 5000000);
	assert_int_equal(sc.in.scaling_efficiency, 1000000); /* left out: linear */
	assert_int_equal(sc.in.months, 12);
	assert_int_equal(sc.in.nroles, 2);
	assert_string_equal(sc.in.roles[0].name, "Data scientists");
	assert_int_equal(sc.in.roles[0].count, 10);
	assert_int_equal(sc.in.roles[0].monthly_salary, 3000000);
	assert_string_equal(sc.in.roles[1].name, "ML engineers");
	assert_int_equal(sc.in.roles[1].count, 5);
	assert_int_equal(sc.in.roles[1].monthly_salary, 3000000);
	assert_int_equal(sc.in.alpha, 300000);
	assert_int_equal(sc.in.fixed_costs, 0);
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_int_equal(r.compute, INT64_C(100000000));
	assert_int_equal(r.data, INT64_C(250000000));
	assert_int_equal(r.people, INT64_C(540000000));
	assert_int_equal(r.capital, INT64_C(2966666667));
	scenario_done(&sc);
}

static void test_builtin_seed(void **state)
{
	struct scenario a, b;
	char *file = slurp("scenarios/seed-image-recognition.yaml");

	(void)state;
	/* The compiled-in text is the file, byte for byte. */
	assert_string_equal(scenario_builtin_seed_yaml(), file);
	free(file);
	scenario_builtin_seed(&a);
	load_ok("scenarios/seed-image-recognition.yaml", &b);
	assert_same(&a, &b);
	scenario_done(&a);
	scenario_done(&b);
}

static void test_presets(void **state)
{
	struct budget_result r;
	struct scenario sc;
	struct cd_err e;
	DIR *d = opendir("scenarios");
	struct dirent *de;
	int n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		char path[512];

		if (!strstr(de->d_name, ".yaml"))
			continue;
		snprintf(path, sizeof path, "scenarios/%s", de->d_name);
		load_ok(path, &sc);
		assert_true(sc.name[0] != '\0');
		assert_true(sc.in.nroles > 0);
		assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
		assert_true(r.capital > 0);
		scenario_done(&sc);
		n++;
	}
	closedir(d);
	assert_true(n >= 3);

	load_ok("scenarios/finetune-shop-cloud.yaml", &sc);
	assert_int_equal(sc.in.gpu_unit_cost, 2619240);        /* "26192.40" exactly */
	assert_int_equal(sc.burn.cpu_core_hourly_cost, 40000); /* $0.04 in micro-dollars */
	assert_true(sc.run.present);
	assert_int_equal(sc.run.argc, 5);
	assert_string_equal(sc.run.argv[0], "capdash-train");
	assert_string_equal(sc.run.argv[4], "2");
	assert_true(sc.range[BF_GPUS].set);
	assert_int_equal(sc.range[BF_GPUS].max, 64);
	scenario_done(&sc);

	load_ok("scenarios/lab-8gpu-servers.yaml", &sc);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_BUY);
	assert_int_equal(sc.burn.energy_cost_kwh, 120000);
	/* Nested and dotted slider keys, one side given. */
	assert_int_equal(sc.range[BF_GPUS].step, 8);
	assert_int_equal(sc.range[BF_ROLE_COUNT].max, 40);
	assert_int_equal(sc.range[BF_ROLE_COUNT].min, 0);
	assert_int_equal(sc.range[BF_ALPHA].min, 100000);
	assert_int_equal(sc.range[BF_ALPHA].step, 50000);
	scenario_done(&sc);
}

static void test_money_strings_exact(void **state)
{
	static const char text[] = "name: money\n"
	                           "compute: {gpus: \"1_000\", gpu_unit_cost: \"$200,000.50\"}\n"
	                           "data: {samples: 5e5, label_cost: '0.07'}\n"
	                           "people:\n  months: 12\n  roles: []\n"
	                           "capital: {alpha: 30%, fixed_costs: \"$1,000,000\"}\n";
	struct scenario sc;
	struct cd_errlist errs;

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("m.yaml", text, strlen(text), &sc, &errs), 0);
	assert_int_equal(sc.in.gpus, 1000);
	assert_int_equal(sc.in.gpu_unit_cost, 20000050);
	assert_int_equal(sc.in.samples, 500000);
	assert_int_equal(sc.in.label_cost, 70000);
	assert_int_equal(sc.in.alpha, 300000);
	assert_int_equal(sc.in.fixed_costs, 100000000);
	assert_int_equal(sc.in.nroles, 0);
	/* Defaults of what the file leaves out. */
	assert_string_equal(sc.currency, "USD");
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_RENT);
	assert_int_equal(sc.burn.amortization_hours, 26280);
	assert_int_equal(sc.burn.energy_cost_kwh, 150000);
	assert_false(sc.run.present);
	scenario_done(&sc);
	cd_errlist_done(&errs);
}

/* Unit prices take six decimals of a dollar; the scaling efficiency is a
 * fraction from 0.05 to 1 (issue 8). */
static void test_micro_prices(void **state)
{
	static const char text[] = "compute:\n"
	                           "  gpus: 8\n"
	                           "  gpu_unit_cost: 30000\n"
	                           "  gpu_hourly_cost: \"$0.000139\"\n"
	                           "  scaling_efficiency: 0.85\n"
	                           "data: {samples: 10000000000, label_cost: 0.000002}\n"
	                           "people: {months: 1, roles: []}\ncapital: {alpha: 1}\n";
	static const char bad[] = "compute:\n"
	                          "  gpus: 8\n"
	                          "  gpu_unit_cost: 30000\n"
	                          "  gpu_hourly_cost: 2.4900001\n"
	                          "  scaling_efficiency: 0.04\n"
	                          "data: {samples: 1, label_cost: 0.0000001}\n"
	                          "people: {months: 1, roles: []}\ncapital: {alpha: 1}\n"
	                          "sliders: {compute.scaling_efficiency: {max: 1.5}}\n";
	struct budget_result r;
	struct scenario sc;
	struct cd_errlist errs;
	struct cd_err e;
	char *got;

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("p.yaml", text, strlen(text), &sc, &errs), 0);
	assert_int_equal(sc.in.gpu_hourly_cost, 139);
	assert_int_equal(sc.in.label_cost, 2);
	assert_int_equal(sc.in.scaling_efficiency, 850000);
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_int_equal(r.data, 2000000); /* 1e10 × $0.000002 = $20,000 */
	scenario_done(&sc);

	assert_int_equal(scenario_load_mem("b.yaml", bad, strlen(bad), &sc, &errs), -1);
	got = joined(&errs);
	assert_string_equal(
	        got, "b.yaml:4:20: compute.gpu_hourly_cost: expected a price with at most 6 "
	             "decimals (whole micro-dollars, $0.000001), got \"2.4900001\"\n"
	             "b.yaml:5:23: compute.scaling_efficiency: expected a fraction from 0.05 to "
	             "1, got 0.04\n"
	             "b.yaml:6:32: data.label_cost: expected a price with at most 6 decimals "
	             "(whole micro-dollars, $0.000001), got \"0.0000001\"\n"
	             "b.yaml:9:45: sliders.compute.scaling_efficiency.max: expected a fraction "
	             "from 0.05 to 1, got 1.5\n");
	free(got);
	cd_errlist_done(&errs);
}

static void test_default_name(void **state)
{
	static const char text[] = "compute: {gpus: 1, gpu_unit_cost: 1}\n"
	                           "data: {samples: 1, label_cost: 1}\n"
	                           "people: {months: 1, roles: []}\ncapital: {alpha: 1}\n";
	struct scenario sc;

	(void)state;
	assert_int_equal(scenario_load_mem("dir/my-plan.yaml", text, strlen(text), &sc, NULL), 0);
	assert_string_equal(sc.name, "my-plan");
	scenario_done(&sc);
}

static void round_trip(const struct scenario *sc);

/* ---- the plan over time (issue 13) ---- */

#define PLAN_YAML                                                                                  \
	"name: plan\n"                                                                             \
	"compute:\n"                                                                               \
	"  gpus: 4\n"                                                                              \
	"  gpu_unit_cost: 30000\n"                                                                 \
	"  gpu_hourly_cost: 2.5\n"                                                                 \
	"  mode: rent\n"                                                                           \
	"  purchase_month: 2\n"                                                                    \
	"  rent_from: 3\n"                                                                         \
	"  rent_to: 10\n"                                                                          \
	"  hours_per_month: 500\n"                                                                 \
	"  utilization: 80%\n"                                                                     \
	"data: {samples: 1000, label_cost: 1, schedule: spread, from: 2, to: 6}\n"                 \
	"people:\n"                                                                                \
	"  months: 12\n"                                                                           \
	"  roles:\n"                                                                               \
	"    - {name: Eng, count: 2, monthly_salary: 10000, start_month: 4, end_month: 9}\n"       \
	"    - {name: Ops, count: 1, monthly_salary: 5000}\n"                                      \
	"other_costs:\n"                                                                           \
	"  - {name: Inference, monthly: \"$20,000\", from: 3, to: 12}\n"                           \
	"  - {name: Legal, once: 50000, month: 1}\n"                                               \
	"  - {name: Cloud credits, monthly: -10000, allocation: outside}\n"                        \
	"capital: {alpha: 0.5, raised: 20M, cash_at_start: 250000}\n"

/* Every new key loads into its field, in its unit. */
static void test_plan_keys(void **state)
{
	const char *y = PLAN_YAML;
	struct budget_result r;
	struct scenario sc;
	struct cd_err e;

	(void)state;
	assert_int_equal(scenario_load_mem("p.yaml", y, strlen(y), &sc, NULL), 0);
	assert_true(sc.mode_given);
	assert_int_equal(sc.in.compute_mode, BUDGET_RENT);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_RENT);
	assert_int_equal(sc.in.purchase_month, 2);
	assert_int_equal(sc.in.rent_from, 3);
	assert_int_equal(sc.in.rent_to, 10);
	assert_int_equal(sc.in.hours_per_month, 500);
	assert_int_equal(sc.in.utilisation, 800000);
	assert_true(sc.in.data_spread);
	assert_int_equal(sc.in.data_from, 2);
	assert_int_equal(sc.in.data_to, 6);
	assert_int_equal(sc.in.roles[0].start_month, 4);
	assert_int_equal(sc.in.roles[0].end_month, 9);
	assert_int_equal(sc.in.roles[1].start_month, 0);
	assert_int_equal(sc.in.roles[1].end_month, 0);
	assert_int_equal(sc.in.ncosts, 3);
	assert_string_equal(sc.in.costs[0].name, "Inference");
	assert_true(sc.in.costs[0].monthly);
	assert_int_equal(sc.in.costs[0].amount, 2000000);
	assert_int_equal(sc.in.costs[0].from, 3);
	assert_int_equal(sc.in.costs[0].to, 12);
	assert_false(sc.in.costs[0].outside);
	assert_false(sc.in.costs[1].monthly);
	assert_int_equal(sc.in.costs[1].amount, 5000000);
	assert_int_equal(sc.in.costs[1].from, 1);
	assert_int_equal(sc.in.costs[2].amount, -1000000);
	assert_true(sc.in.costs[2].outside);
	assert_true(sc.in.raised_set);
	assert_int_equal(sc.in.raised, INT64_C(2000000000));
	assert_int_equal(sc.in.cash_at_start, 25000000);
	/* C = 4 GPUs × $2.50 × 500 h × 0.8 × 8 months = $32,000: the rent. */
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_int_equal(r.compute, 3200000);
	round_trip(&sc);
	scenario_done(&sc);
}

/* No compute.mode: the plan buys (its F is the seed's) and runs are priced
 * as rented; mode: buy makes both buy. */
static void test_mode_absent_or_buy(void **state)
{
	const char *y = "compute: {gpus: 5, gpu_unit_cost: 200000, gpu_hourly_cost: 2.49}\n"
	                "data: {samples: 1, label_cost: 1}\npeople: {months: 1, roles: []}\n"
	                "capital: {alpha: 1}\n";
	const char *b = "compute: {gpus: 5, gpu_unit_cost: 200000, mode: buy}\n"
	                "data: {samples: 1, label_cost: 1}\npeople: {months: 1, roles: []}\n"
	                "capital: {alpha: 1}\n";
	struct scenario sc;
	char *text;

	(void)state;
	assert_int_equal(scenario_load_mem("a.yaml", y, strlen(y), &sc, NULL), 0);
	assert_false(sc.mode_given);
	assert_int_equal(sc.in.compute_mode, BUDGET_BUY);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_RENT);
	text = scenario_to_yaml(&sc);
	assert_null(strstr(text, "mode"));
	free(text);
	scenario_done(&sc);
	assert_int_equal(scenario_load_mem("b.yaml", b, strlen(b), &sc, NULL), 0);
	assert_true(sc.mode_given);
	assert_int_equal(sc.in.compute_mode, BUDGET_BUY);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_BUY);
	round_trip(&sc);
	scenario_done(&sc);
}

/* The seed and the presets keep their F; the fine-tuning shop now rents
 * (16 GPUs × $2.99 × 730 h × 12 months, what its gpu_unit_cost held). */
static void test_presets_plan(void **state)
{
	struct budget_result r;
	struct scenario sc;
	struct cd_err e;

	(void)state;
	load_ok("scenarios/seed-image-recognition.yaml", &sc);
	assert_false(sc.mode_given);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_RENT);
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_int_equal(r.capital, INT64_C(2966666667));
	scenario_done(&sc);
	load_ok("scenarios/finetune-shop-cloud.yaml", &sc);
	assert_int_equal(sc.in.compute_mode, BUDGET_RENT);
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_int_equal(r.compute, 41907840);
	assert_int_equal(r.compute, sc.in.gpus * sc.in.gpu_unit_cost);
	scenario_done(&sc);
	load_ok("scenarios/runway-seed-round.yaml", &sc);
	assert_true(sc.in.ncosts >= 3);
	assert_true(sc.in.raised_set);
	assert_int_equal(sc.in.compute_mode, BUDGET_RENT);
	assert_int_equal(budget_eval(&sc.in, &r, &e), 0);
	assert_true(r.outside != 0);
	scenario_done(&sc);
}

static void set_ok(struct scenario *sc, const char *k, const char *v)
{
	struct cd_err e;

	if (scenario_set(sc, k, v, &e) != 0)
		fail_msg("%s=%s: %s", k, v, e.msg);
}

static void set_bad(struct scenario *sc, const char *k, const char *v, const char *want)
{
	struct cd_err e;

	assert_int_equal(scenario_set(sc, k, v, &e), -1);
	assert_string_equal(e.msg, want);
}

/* --set: word keys set what they name (compute.mode all three fields);
 * numbers go through the model; errors name the key. */
static void test_scenario_set(void **state)
{
	const char *y = PLAN_YAML;
	struct scenario sc;

	(void)state;
	scenario_builtin_seed(&sc);
	set_ok(&sc, "compute.mode", "rent");
	assert_true(sc.mode_given);
	assert_int_equal(sc.in.compute_mode, BUDGET_RENT);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_RENT);
	set_ok(&sc, "compute.mode", "buy");
	assert_int_equal(sc.in.compute_mode, BUDGET_BUY);
	assert_int_equal(sc.burn.gpu_mode, SCENARIO_GPU_BUY);
	set_bad(&sc, "compute.mode", "lease", "compute.mode: expected rent or buy, got \"lease\"");
	set_bad(&sc, "compute.mode", "rnet",
	        "compute.mode: expected rent or buy, got \"rnet\" (did you mean \"rent\"?)");
	set_ok(&sc, "data.schedule", "spread");
	assert_true(sc.in.data_spread);
	set_ok(&sc, "data.to", "6");
	assert_int_equal(sc.in.data_to, 6);
	set_ok(&sc, "data.schedule", "once");
	assert_int_equal(sc.in.data_to, 0); /* a once D has no end */
	set_bad(&sc, "data.to", "6",
	        "data.to: only with data.schedule spread (set data.schedule=spread first; a once "
	        "D is paid in data.month)");
	set_ok(&sc, "people.roles.1.start_month", "4");
	assert_int_equal(sc.in.roles[1].start_month, 4);
	set_ok(&sc, "capital.raised", "$20M");
	assert_true(sc.in.raised_set);
	assert_int_equal(sc.in.raised, INT64_C(2000000000));
	set_bad(&sc, "people.roles.1.end_month", "241",
	        "people.roles.1.end_month: expected a whole number of months from 0 to 240, got "
	        "241");
	set_bad(&sc, "other_costs.0.allocation", "outside",
	        "other_costs.0: no such line (the scenario has no other cost lines)");
	scenario_done(&sc);

	assert_int_equal(scenario_load_mem("p.yaml", y, strlen(y), &sc, NULL), 0);
	set_ok(&sc, "other_costs.1.allocation", "outside");
	assert_true(sc.in.costs[1].outside);
	set_ok(&sc, "other_costs.1.schedule", "monthly");
	assert_true(sc.in.costs[1].monthly);
	set_ok(&sc, "other_costs.2.amount", "-$5,000");
	assert_int_equal(sc.in.costs[2].amount, -500000);
	set_bad(&sc, "other_costs.2.allocation", "beside",
	        "other_costs.2.allocation: expected inside or outside, got \"beside\" (did you "
	        "mean \"inside\"?)");
	set_bad(&sc, "other_costs.0.amount", "2,5",
	        "other_costs.0.amount: expected an amount in dollars such as 200000, $1,000.50 or "
	        "0.25, got \"2,5\": the ',' at character 2 does not separate groups of three "
	        "digits (as in 1,000,000; a decimal point is '.')");
	scenario_done(&sc);
}

/* Slider ranges for the new inputs, under their paths. */
static void test_plan_sliders(void **state)
{
	const char *y = "compute: {gpus: 1, gpu_unit_cost: 1}\n"
	                "data: {samples: 1, label_cost: 1}\n"
	                "people: {months: 12, roles: []}\ncapital: {alpha: 1}\n"
	                "sliders:\n"
	                "  people.roles.start_month: {min: 1, max: 24}\n"
	                "  other_costs.amount: {min: -50000, max: 50000, step: 500}\n"
	                "  capital: {raised: {min: 1M, max: 100M}}\n"
	                "  data.month: {max: 6}\n";
	struct scenario sc;

	(void)state;
	assert_int_equal(scenario_load_mem("s.yaml", y, strlen(y), &sc, NULL), 0);
	assert_true(sc.range[BF_ROLE_START].set);
	assert_int_equal(sc.range[BF_ROLE_START].max, 24);
	assert_int_equal(sc.range[BF_COST_AMOUNT].min, -5000000);
	assert_int_equal(sc.range[BF_COST_AMOUNT].step, 50000);
	assert_int_equal(sc.range[BF_RAISED].max, INT64_C(10000000000));
	assert_int_equal(sc.range[BF_DATA_FROM].max, 6);
	round_trip(&sc);
	scenario_done(&sc);
}

/* ---- the bad corpus ---- */

static void check_bad(const char *file)
{
	char path[512], exp_path[512], *expected, *got, *got2;
	struct cd_errlist errs, errs2;
	struct scenario sc;
	struct theme t;
	struct userconf uc;
	int rc;

	snprintf(path, sizeof path, BAD_DIR "/%s", file);
	snprintf(exp_path, sizeof exp_path, BAD_DIR "/%.*s.expected",
	         (int)(strlen(file) - strlen(".yaml")), file);
	expected = slurp(exp_path);
	cd_errlist_init(&errs);
	if (!strncmp(file, "theme-", 6))
		rc = theme_load(path, &t, &errs);
	else if (!strncmp(file, "config-", 7))
		rc = userconf_load(path, &uc, &errs);
	else
		rc = scenario_load(path, &sc, &errs);
	got = joined(&errs);
	if (strcmp(got, expected) != 0)
		fail_msg("%s: messages differ\n--- expected\n%s--- got\n%s", path, expected, got);
	assert_int_equal(rc, -1);
	assert_true(errs.n > 0);
	for (size_t i = 0; i < errs.n; i++) {
		/* FILE:LINE:COL, every one. */
		assert_string_equal(errs.v[i].file, path);
		assert_true(errs.v[i].line >= 1);
		assert_true(errs.v[i].col >= 1);
	}
	/* `capdash validate` finds the kind itself and says the same. */
	cd_errlist_init(&errs2);
	assert_int_equal(config_validate(path, &errs2), -1);
	got2 = joined(&errs2);
	if (strcmp(got2, expected) != 0)
		fail_msg("%s: config_validate differs\n--- expected\n%s--- got\n%s", path, expected,
		         got2);
	free(expected);
	free(got);
	free(got2);
	cd_errlist_done(&errs);
	cd_errlist_done(&errs2);
}

static void test_bad_corpus(void **state)
{
	DIR *d = opendir(BAD_DIR);
	struct dirent *de;
	int n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
			continue;
		check_bad(de->d_name);
		n++;
	}
	closedir(d);
	assert_true(n >= 30);
}

/* Every .expected has its .yaml: a corpus file cannot go missing unseen. */
static void test_bad_corpus_pairs(void **state)
{
	DIR *d = opendir(BAD_DIR);
	struct dirent *de;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[512];

		if (len < 10 || strcmp(de->d_name + len - 9, ".expected"))
			continue;
		snprintf(path, sizeof path, BAD_DIR "/%.*s.yaml", (int)(len - 9), de->d_name);
		if (access(path, R_OK) != 0)
			fail_msg("%s has no %s", de->d_name, path);
	}
	closedir(d);
}

/* One error message for a file made at run time. */
static void expect_one(const char *path, const char *want)
{
	struct cd_errlist errs;
	struct scenario sc;
	char line[1024];

	cd_errlist_init(&errs);
	assert_int_equal(scenario_load(path, &sc, &errs), -1);
	assert_int_equal(errs.n, 1);
	cd_err_str(&errs.v[0], line, sizeof line);
	assert_string_equal(line, want);
	cd_errlist_done(&errs);
	cd_errlist_init(&errs);
	assert_int_equal(config_validate(path, &errs), -1);
	assert_int_equal(errs.n, 1);
	cd_err_str(&errs.v[0], line, sizeof line);
	assert_string_equal(line, want);
	cd_errlist_done(&errs);
}

static void write_file(const char *path, const char *data, size_t len)
{
	struct cd_err e;

	if (cd_write_atomic(path, data, len, &e) != 0)
		fail_msg("%s: %s", path, e.msg);
}

static void test_missing_and_directory(void **state)
{
	char path[512], want[1024];

	(void)state;
	snprintf(path, sizeof path, "%s/no-such.yaml", tmpdir);
	snprintf(want, sizeof want, "%s: no such file", path);
	expect_one(path, want);
	snprintf(want, sizeof want, "%s: is a directory, expected a file", tmpdir);
	expect_one(tmpdir, want);
}

/* A 100 MB file is refused from its size alone (sparse: costs no disk). */
static void test_huge_file(void **state)
{
	char path[512], want[1024];
	int fd;

	(void)state;
	snprintf(path, sizeof path, "%s/huge.yaml", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 100 * 1024 * 1024), 0);
	close(fd);
	snprintf(want, sizeof want, "%s:1:1: file is 104857600 bytes, the limit is %d", path,
	         SCENARIO_MAX_BYTES);
	expect_one(path, want);
	unlink(path);
}

/* 10,000 levels of flow nesting, lists and mappings: refused at level 17. */
static void test_deep_nesting(void **state)
{
	const size_t depth = 10000;
	char path[512], want[1024];
	char *buf = malloc(depth * 6 + 16);
	size_t n = 0;

	(void)state;
	assert_non_null(buf);
	n += (size_t)sprintf(buf, "x: ");
	for (size_t i = 0; i < depth; i++)
		buf[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		buf[n++] = ']';
	buf[n++] = '\n';
	snprintf(path, sizeof path, "%s/deep-list.yaml", tmpdir);
	write_file(path, buf, n);
	snprintf(want, sizeof want, "%s:1:19: nesting too deep (the limit is %d levels)", path,
	         SCENARIO_MAX_DEPTH);
	expect_one(path, want);

	n = 0;
	for (size_t i = 0; i < depth; i++) {
		memcpy(buf + n, "{a: ", 4);
		n += 4;
	}
	buf[n++] = '1';
	for (size_t i = 0; i < depth; i++)
		buf[n++] = '}';
	buf[n++] = '\n';
	snprintf(path, sizeof path, "%s/deep-map.yaml", tmpdir);
	write_file(path, buf, n);
	snprintf(want, sizeof want, "%s:1:65: nesting too deep (the limit is %d levels)", path,
	         SCENARIO_MAX_DEPTH);
	expect_one(path, want);
	free(buf);
}

/* 30 levels of 10 aliases each would expand to 10^30 nodes: refused at the
 * first anchor, never expanded. */
static void test_alias_bomb(void **state)
{
	char *buf = malloc(64 * 1024), path[512], want[1024];
	size_t n = 0;
	struct cd_errlist errs;
	struct scenario sc;

	(void)state;
	assert_non_null(buf);
	n += (size_t)sprintf(buf + n, "l0: &l0 [lol]\n");
	for (int lv = 1; lv < 30; lv++) {
		n += (size_t)sprintf(buf + n, "l%d: &l%d [", lv, lv);
		for (int k = 0; k < 10; k++)
			n += (size_t)sprintf(buf + n, "%s*l%d", k ? "," : "", lv - 1);
		n += (size_t)sprintf(buf + n, "]\n");
	}
	snprintf(path, sizeof path, "%s/bomb.yaml", tmpdir);
	write_file(path, buf, n);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load(path, &sc, &errs), -1);
	snprintf(want, sizeof want,
	         "&l0: anchors and aliases are not supported (expected each value written out, "
	         "got an anchor)");
	{
		bool found = false;

		for (size_t i = 0; i < errs.n; i++)
			if (!strcmp(errs.v[i].msg, want) && errs.v[i].line == 1 &&
			    errs.v[i].col == 5)
				found = true;
		assert_true(found);
	}
	cd_errlist_done(&errs);
	free(buf);
}

/* Memory too large for a scenario is refused before parsing. */
static void test_mem_limit(void **state)
{
	size_t len = SCENARIO_MAX_BYTES + 1;
	char *buf = calloc(1, len);
	struct cd_errlist errs;
	struct scenario sc;

	(void)state;
	assert_non_null(buf);
	memset(buf, ' ', len);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("big", buf, len, &sc, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].code, CD_ERR_LIMIT);
	cd_errlist_done(&errs);
	free(buf);
}

/* Many errors: the list is capped, the rest counted, and it stays fast
 * (100,000 unknown keys would be 10^5 edit distances otherwise). */
static void test_error_cap(void **state)
{
	size_t cap = 1024 * 1024, n = 0;
	char *buf = malloc(cap);
	struct cd_errlist errs;
	struct scenario sc;

	(void)state;
	assert_non_null(buf);
	for (int i = 0; i < 40000; i++)
		n += (size_t)sprintf(buf + n, "k%d: 1\n", i);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("many", buf, n, &sc, &errs), -1);
	assert_int_equal(errs.n, CD_ERRLIST_MAX);
	assert_true(errs.dropped > 1000);
	cd_errlist_done(&errs);

	/* Past YTREE's node limit (100,000 values) the parse stops at once. */
	for (int i = 40000; i < 60000; i++)
		n += (size_t)sprintf(buf + n, "k%d: 1\n", i);
	assert_true(n < cap);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("many", buf, n, &sc, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.v[0].msg, "too many values (the limit is 100000)");
	cd_errlist_done(&errs);
	free(buf);
}

/* ---- saving ---- */

static uint64_t rng_state = 42;

static uint64_t rng(void)
{
	return test_splitmix64(&rng_state);
}

static int64_t rng_in(int64_t lo, int64_t hi)
{
	switch (rng() % 4) {
	case 0:
		return lo;
	case 1:
		return hi;
	}
	return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

/* Text that needs escaping: quotes, backslashes, YAML indicators, UTF-8. */
static void rng_text(char *buf, size_t size)
{
	static const char *const parts[] = {"a",  "Z",  " ",  "\"",   "\\",   ":",   "#", "- ",
	                                    "&x", "*y", "万", "é",    "'",    "{",   "}", "[",
	                                    ",",  "%",  "@",  "null", "true", "0x1", "~", "!"};
	size_t n = 0, want = (size_t)rng_in(1, (int64_t)size - 1);

	buf[0] = '\0';
	while (n < want) {
		const char *p = parts[rng() % CD_ARRAY_LEN(parts)];
		size_t k = strlen(p);

		if (n + k >= size)
			break;
		memcpy(buf + n, p, k);
		n += k;
		buf[n] = '\0';
	}
	if (!buf[0])
		snprintf(buf, size, "x");
}

static void random_scenario(struct scenario *sc)
{
	memset(sc, 0, sizeof *sc);
	rng_text(sc->name, sizeof sc->name);
	snprintf(sc->currency, sizeof sc->currency, "%s", rng() % 2 ? "USD" : "EUR");
	for (int id = 0; id < BF_ROLE_COUNT; id++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)id);
		struct budget_key k = {(enum budget_field_id)id, 0};

		assert_int_equal(budget_set(&sc->in, k, rng_in(f->min, f->max), NULL), 0);
	}
	/* An explicit end never before its start (the loader refuses that). */
	if (sc->in.rent_to && sc->in.rent_to < sc->in.rent_from)
		sc->in.rent_to = sc->in.rent_from;
	if ((sc->in.data_spread = rng() % 2) == false)
		sc->in.data_to = 0; /* a once D has no end a file can say */
	else if (sc->in.data_to && sc->in.data_to < sc->in.data_from)
		sc->in.data_to = sc->in.data_from;
	if (rng() % 2)
		sc->in.raised_set = false, sc->in.raised = 0;
	sc->in.nroles = (int)rng_in(0, BUDGET_MAX_ROLES);
	for (int r = 0; r < sc->in.nroles; r++) {
		struct budget_role *role = &sc->in.roles[r];

		rng_text(role->name, sizeof role->name);
		role->count = rng_in(0, 100000);
		role->monthly_salary = rng_in(0, 10000000);
		role->start_month = rng_in(0, 240);
		role->end_month = rng() % 2 ? 0 : rng_in(role->start_month, 240);
	}
	sc->in.ncosts = (int)rng_in(0, BUDGET_MAX_COSTS);
	for (int i = 0; i < sc->in.ncosts; i++) {
		struct budget_cost *o = &sc->in.costs[i];

		rng_text(o->name, sizeof o->name);
		o->amount = rng_in(INT64_C(-100000000000), INT64_C(100000000000));
		o->monthly = rng() % 2;
		o->from = rng_in(0, 240);
		o->to = o->monthly && rng() % 2 ? rng_in(o->from, 240) : 0;
		o->outside = rng() % 2;
	}
	switch (rng() % 3) {
	case 0: /* no compute.mode: the plan buys, runs are priced as rented */
		sc->burn.gpu_mode = SCENARIO_GPU_RENT;
		break;
	case 1:
		scenario_set_compute_mode(sc, BUDGET_RENT);
		/* rented, the plan's C must stay within $1e12 */
		sc->in.gpus = rng_in(0, 100);
		sc->in.gpu_hourly_cost = rng_in(0, 10000000);
		break;
	default:
		scenario_set_compute_mode(sc, BUDGET_BUY);
	}
	/* Credits larger than C+D+H do not load: make them costs. */
	if (budget_validate(&sc->in, NULL) != 0)
		for (int i = 0; i < sc->in.ncosts; i++)
			if (sc->in.costs[i].amount < 0)
				sc->in.costs[i].amount = -sc->in.costs[i].amount;
	assert_int_equal(budget_validate(&sc->in, NULL), 0);
	for (int id = 0; id < BF__COUNT; id++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)id);

		if (rng() % 2)
			continue;
		sc->range[id].set = true;
		sc->range[id].min = rng_in(f->min, f->max);
		sc->range[id].max = rng_in(sc->range[id].min, f->max);
		sc->range[id].step = rng_in(f->min > 0 ? f->min : 1, f->max);
	}
	sc->burn.amortization_hours = rng_in(1, 1000000);
	sc->burn.energy_cost_kwh = rng_in(0, 100000000);
	sc->burn.cpu_core_hourly_cost = rng_in(0, 100000000);
	if (rng() % 2) {
		sc->run.present = true;
		sc->run.argc = (int)rng_in(1, 6);
		sc->run.argv = calloc((size_t)sc->run.argc + 1, sizeof *sc->run.argv);
		assert_non_null(sc->run.argv);
		for (int i = 0; i < sc->run.argc; i++) {
			char arg[40];

			rng_text(arg, sizeof arg);
			sc->run.argv[i] = strdup(arg);
		}
		if ((sc->run.gpus_set = rng() % 2))
			sc->run.gpus = rng_in(0, 1000000);
		if ((sc->run.total_steps_set = rng() % 2))
			sc->run.total_steps = rng_in(1, INT64_C(1000000000000));
		if ((sc->run.cost_set = rng() % 2))
			sc->run.cost_per_hour = rng_in(0, INT64_C(1000000000000));
	}
}

static void round_trip(const struct scenario *sc)
{
	struct cd_errlist errs;
	struct scenario back;
	char *yaml = scenario_to_yaml(sc);

	assert_non_null(yaml);
	cd_errlist_init(&errs);
	if (scenario_load_mem("rt.yaml", yaml, strlen(yaml), &back, &errs) != 0) {
		char *m = joined(&errs);

		fail_msg("rendered scenario does not load:\n%s\n%s", m, yaml);
	}
	assert_same(sc, &back);
	scenario_done(&back);
	cd_errlist_done(&errs);
	free(yaml);
}

static void test_round_trip_presets(void **state)
{
	const char *const files[] = {
	        "scenarios/seed-image-recognition.yaml", "scenarios/finetune-shop-cloud.yaml",
	        "scenarios/lab-8gpu-servers.yaml", "scenarios/runway-seed-round.yaml",
	        "scenarios/zh-image-recognition.yaml"};
	struct scenario sc, copy;

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(files); i++) {
		load_ok(files[i], &sc);
		round_trip(&sc);
		assert_int_equal(scenario_copy(&copy, &sc), 0);
		scenario_done(&sc); /* the copy owns its own argv */
		round_trip(&copy);
		scenario_done(&copy);
	}
}

static void test_round_trip_random(void **state)
{
	(void)state;
	for (int i = 0; i < 300; i++) {
		struct scenario sc;

		random_scenario(&sc);
		round_trip(&sc);
		scenario_done(&sc);
	}
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_save_atomic(void **state)
{
	char dir[512], path[600], blocker[600], inner[700], *before, *after;
	struct scenario sc, back;
	struct cd_err e;

	(void)state;
	snprintf(dir, sizeof dir, "%s/save", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof path, "%s/plan.yaml", dir);
	scenario_builtin_seed(&sc);
	assert_int_equal(scenario_save(path, &sc, &e), 0);
	load_ok(path, &back);
	assert_same(&sc, &back);
	scenario_done(&back);

	/* An invalid scenario is refused and the old file stays as it was. */
	before = slurp(path);
	sc.in.gpus = -1;
	assert_int_equal(scenario_save(path, &sc, &e), -1);
	assert_non_null(strstr(e.msg, "compute.gpus"));
	after = slurp(path);
	assert_string_equal(before, after);
	free(after);
	assert_int_equal(count_entries(dir), 1); /* no temporary left behind */

	/* A write that cannot happen (the path is a directory; the parent is a
	 * file) fails and touches nothing. */
	sc.in.gpus = 7;
	snprintf(inner, sizeof inner, "%s/sub", dir);
	assert_int_equal(mkdir(inner, 0755), 0);
	assert_int_equal(scenario_save(inner, &sc, &e), -1);
	snprintf(blocker, sizeof blocker, "%s/plan.yaml/x.yaml", dir);
	assert_int_equal(scenario_save(blocker, &sc, &e), -1);
	assert_int_equal(e.code, CD_ERR_IO);
	after = slurp(path);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(count_entries(dir), 2);

	/* A good save replaces the file whole. */
	assert_int_equal(scenario_save(path, &sc, &e), 0);
	load_ok(path, &back);
	assert_int_equal(back.in.gpus, 7);
	scenario_done(&back);
	scenario_done(&sc);
}

static void test_range_for(void **state)
{
	struct scenario sc;
	struct scenario_range r;

	(void)state;
	load_ok("scenarios/lab-8gpu-servers.yaml", &sc);
	r = scenario_range_for(&sc, (struct budget_key){BF_GPUS, 0});
	assert_true(r.set);
	assert_int_equal(r.max, 256);
	r = scenario_range_for(&sc, (struct budget_key){BF_SAMPLES, 0});
	assert_false(r.set);
	assert_int_equal(r.min, budget_field_get(BF_SAMPLES)->slider_min);
	assert_int_equal(r.step, budget_field_get(BF_SAMPLES)->step);
	/* A default range stretches to show the scenario's own value. */
	sc.in.samples = INT64_C(5000000000);
	r = scenario_range_for(&sc, (struct budget_key){BF_SAMPLES, 0});
	assert_int_equal(r.max, INT64_C(5000000000));
	scenario_done(&sc);
}

/* ---- input that used to be misread (issue 11) ---- */

#define PLAIN_YAML                                                                                 \
	"name: plan\n"                                                                             \
	"compute: {gpus: 5, gpu_unit_cost: \"$1,000\"}\n"                                          \
	"data: {samples: 500000, label_cost: 0.05}\n"                                              \
	"people:\n  months: 12\n  roles:\n    - {name: Eng, count: 2, monthly_salary: 9000}\n"     \
	"capital: {alpha: 0.3}\n"

/* With a byte order mark, with CRLF line ends, or both, a file reads the
 * same; a BOM used to be a syntax error at 2:1. */
static void test_bom_and_crlf(void **state)
{
	const char *plain = PLAIN_YAML;
	char crlf[1024], bom[1100];
	struct scenario a, b;
	struct cd_errlist errs;
	size_t n = 0;

	(void)state;
	for (const char *p = plain; *p; p++) {
		if (*p == '\n')
			crlf[n++] = '\r';
		crlf[n++] = *p;
	}
	crlf[n] = '\0';
	assert_int_equal(scenario_load_mem("p.yaml", plain, strlen(plain), &a, NULL), 0);
	snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", plain);
	assert_int_equal(scenario_load_mem("p.yaml", bom, strlen(bom), &b, NULL), 0);
	assert_same(&a, &b);
	scenario_done(&b);
	snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", crlf);
	assert_int_equal(scenario_load_mem("p.yaml", bom, strlen(bom), &b, NULL), 0);
	assert_same(&a, &b);
	scenario_done(&b);
	scenario_done(&a);
	/* Positions after a BOM count as an editor shows them. */
	snprintf(bom, sizeof bom, "\xef\xbb\xbfname: [x]\n");
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("p.yaml", bom, strlen(bom), &a, &errs), -1);
	for (n = 0; n < errs.n && strncmp(errs.v[n].msg, "name:", 5); n++)
		;
	assert_true(n < errs.n);
	assert_int_equal(errs.v[n].line, 1);
	assert_int_equal(errs.v[n].col, 7);
	cd_errlist_done(&errs);
}

/* YAML's own tags are allowed (and change nothing); others are refused
 * (tests/data/bad/tag-unknown.yaml). */
static void test_standard_tags(void **state)
{
	const char *y = "name: !!str yes\n"
	                "compute: !!map {gpus: !!int 5, gpu_unit_cost: ! 200000}\n"
	                "data: {samples: !!float 500000, label_cost: 0.05}\n"
	                "people: {months: 12, roles: !!seq []}\n"
	                "capital: {alpha: 0.3}\n";
	struct scenario sc;

	(void)state;
	assert_int_equal(scenario_load_mem("t.yaml", y, strlen(y), &sc, NULL), 0);
	assert_string_equal(sc.name, "yes");
	assert_int_equal(sc.in.gpus, 5);
	assert_int_equal(sc.in.gpu_unit_cost, 20000000);
	scenario_done(&sc);
}

/* Files in /proc say they are 0 bytes long; they used to read as "empty
 * file".  Their text is read to the end, within the limit. */
static void test_proc_file(void **state)
{
	struct cd_errlist errs;
	struct scenario sc;
	struct cd_err e;
	char *data, *all;
	size_t len;

	(void)state;
	assert_int_equal(cd_read_file("/proc/self/status", 1 << 20, &data, &len, &e), 0);
	assert_true(len > 100);
	assert_non_null(strstr(data, "Name:"));
	free(data);
	/* Past the limit: refused, whatever st_size said. */
	assert_int_equal(cd_read_file("/proc/self/status", 50, &data, &len, &e), -1);
	assert_int_equal(e.code, CD_ERR_LIMIT);
	assert_null(data);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load("/proc/self/status", &sc, &errs), -1);
	all = joined(&errs);
	assert_null(strstr(all, "empty file"));
	assert_non_null(strstr(all, "/proc/self/status:1:"));
	free(all);
	cd_errlist_done(&errs);
}

static int setup(void **state)
{
	(void)state;
	return test_scratch_dir(tmpdir, sizeof tmpdir, "capdash-test-scenario");
}

static int teardown(void **state)
{
	(void)state;
	return test_rmtree(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_seed_file),
	        cmocka_unit_test(test_builtin_seed),
	        cmocka_unit_test(test_presets),
	        cmocka_unit_test(test_money_strings_exact),
	        cmocka_unit_test(test_micro_prices),
	        cmocka_unit_test(test_default_name),
	        cmocka_unit_test(test_plan_keys),
	        cmocka_unit_test(test_mode_absent_or_buy),
	        cmocka_unit_test(test_presets_plan),
	        cmocka_unit_test(test_scenario_set),
	        cmocka_unit_test(test_plan_sliders),
	        cmocka_unit_test(test_bad_corpus),
	        cmocka_unit_test(test_bad_corpus_pairs),
	        cmocka_unit_test(test_missing_and_directory),
	        cmocka_unit_test(test_huge_file),
	        cmocka_unit_test(test_deep_nesting),
	        cmocka_unit_test(test_alias_bomb),
	        cmocka_unit_test(test_mem_limit),
	        cmocka_unit_test(test_error_cap),
	        cmocka_unit_test(test_round_trip_presets),
	        cmocka_unit_test(test_round_trip_random),
	        cmocka_unit_test(test_save_atomic),
	        cmocka_unit_test(test_range_for),
	        cmocka_unit_test(test_bom_and_crlf),
	        cmocka_unit_test(test_standard_tags),
	        cmocka_unit_test(test_proc_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
