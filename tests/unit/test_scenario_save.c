/* test_scenario_save.c — saving a scenario over its file edits that file in
 * place (issue 12): comments, key order, quoting, flow and block styles,
 * BOM and CRLF stay; only changed values are rewritten and keys the person
 * set are inserted; a file saved unchanged is byte-identical; a new file is
 * minimal.  Saving through a symbolic link writes the target and keeps the
 * link (issue 11).  Every case compares the whole text written.
 * Runs from the repository root (tests/run does; CAPDASH_SRC too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/scenario.h"
#include "testutil.h"

static char tmpdir[256];

static char *slurp(const char *path)
{
	struct cd_err e;
	char *data;
	size_t len;

	if (cd_read_file(path, 1 << 24, &data, &len, &e) < 0)
		fail_msg("%s: %s", path, e.msg);
	return data;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void load(const char *path, struct scenario *sc)
{
	struct cd_errlist errs;
	char line[1024];

	cd_errlist_init(&errs);
	if (scenario_load(path, sc, &errs) != 0)
		fail_msg("%s: %s", path,
		         errs.n ? cd_err_str(&errs.v[0], line, sizeof line) : "did not load");
	cd_errlist_done(&errs);
}

typedef void (*mutate_fn)(struct scenario *sc);

/* Write orig, load it, change it with f, save it over itself: the file must
 * then read exactly want (and load back to the changed scenario). */
static void edit_case(const char *orig, mutate_fn f, const char *want)
{
	char path[512], *got;
	struct scenario sc, back;
	struct cd_err e;

	snprintf(path, sizeof path, "%s/edit.yaml", tmpdir);
	put(path, orig);
	load(path, &sc);
	f(&sc);
	if (scenario_save(path, &sc, &e) != 0)
		fail_msg("save: %s", e.msg);
	got = slurp(path);
	if (strcmp(got, want) != 0)
		fail_msg("--- want\n%s--- got\n%s", want, got);
	load(path, &back);
	assert_int_equal(back.in.gpus, sc.in.gpus);
	assert_int_equal(back.in.nroles, sc.in.nroles);
	free(got);
	scenario_done(&back);
	scenario_done(&sc);
}

static void nothing(struct scenario *sc)
{
	(void)sc;
}

/* Every preset saved unchanged is the same bytes. */
static void test_unchanged_is_identical(void **state)
{
	const char *const files[] = {
	        "scenarios/seed-image-recognition.yaml", "scenarios/finetune-shop-cloud.yaml",
	        "scenarios/lab-8gpu-servers.yaml", "scenarios/runway-seed-round.yaml",
	        "scenarios/zh-image-recognition.yaml"};

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(files); i++) {
		char *orig = slurp(files[i]);

		edit_case(orig, nothing, orig);
		free(orig);
	}
}

/* The Chinese preset (issue 9): names and comments in Chinese load, are
 * edited (scenario_set with a 万 amount, a role renamed in Chinese) and saved in place;
 * the file loads back to the edited scenario and keeps its comments. */
static void test_chinese_round_trip(void **state)
{
	char path[512], *orig, *got;
	struct scenario sc, back;
	struct cd_err e;

	(void)state;
	orig = slurp("scenarios/zh-image-recognition.yaml");
	snprintf(path, sizeof path, "%s/zh.yaml", tmpdir);
	put(path, orig);
	load(path, &sc);
	assert_string_equal(sc.name, "种子轮：图像识别");
	assert_int_equal(sc.in.nroles, 2);
	assert_string_equal(sc.in.roles[0].name, "数据科学家");
	assert_string_equal(sc.in.roles[1].name, "机器学习工程师");
	if (scenario_set(&sc, "compute.gpus", "8", &e) != 0 ||
	    scenario_set(&sc, "people.roles.0.monthly_salary", "3.5万", &e) != 0)
		fail_msg("set: %s", e.msg);
	snprintf(sc.in.roles[1].name, sizeof sc.in.roles[1].name, "深度学习工程师");
	if (scenario_save(path, &sc, &e) != 0)
		fail_msg("save: %s", e.msg);
	got = slurp(path);
	/* comments kept, values replaced where they stood */
	assert_non_null(strstr(got, "# 种子文档 4.3 节的示例，中文版"));
	assert_non_null(strstr(got, "  gpus: 8\n"));
	assert_non_null(strstr(got, "    - name: 深度学习工程师\n"));
	assert_non_null(strstr(got, "monthly_salary: 35000    # 每人每月（美元）\n"));
	assert_non_null(strstr(got, "gpu_unit_cost: 200000        # 每块 GPU 的价格（美元）\n"));
	load(path, &back);
	assert_string_equal(back.name, sc.name);
	assert_int_equal(back.in.gpus, 8);
	assert_int_equal(back.in.roles[0].monthly_salary, 3500000);
	assert_string_equal(back.in.roles[0].name, "数据科学家");
	assert_string_equal(back.in.roles[1].name, "深度学习工程师");
	assert_int_equal(back.in.nroles, sc.in.nroles);
	assert_int_equal(back.in.roles[1].count, 5);
	free(got);
	free(orig);
	scenario_done(&back);
	scenario_done(&sc);
}

#define BLOCK                                                                                      \
	"# Our plan. Prices checked in May.\n"                                                     \
	"name: Plan A\n"                                                                           \
	"compute:\n"                                                                               \
	"  gpus: 8            # one server\n"                                                      \
	"  gpu_unit_cost: \"$200,000\"\n"                                                          \
	"\n"                                                                                       \
	"# data next\n"                                                                            \
	"data:\n"                                                                                  \
	"  samples: 1,000,000\n"                                                                   \
	"  label_cost: 0.50\n"                                                                     \
	"people:\n"                                                                                \
	"  months: 12\n"                                                                           \
	"  roles:\n"                                                                               \
	"    - name: Engineers   # the core team\n"                                                \
	"      count: 4\n"                                                                         \
	"      monthly_salary: 20000\n"                                                            \
	"    - name: Labelers\n"                                                                   \
	"      count: 2\n"                                                                         \
	"      monthly_salary: 5000\n"                                                             \
	"capital:\n"                                                                               \
	"  alpha: 30%\n"                                                                           \
	"# the end\n"

static void change_values(struct scenario *sc)
{
	sc->in.gpus = 16;
	sc->in.gpu_unit_cost = 25000050; /* $250,000.50 */
	sc->in.samples = 2500000;
	sc->in.label_cost = 750000; /* micro-dollars */
	sc->in.alpha = 250000;
	sc->in.roles[1].count = 3;
	snprintf(sc->in.roles[0].name, sizeof sc->in.roles[0].name, "R&D: core");
}

/* Changed values are replaced where they stand, in the style they had
 * ($, separators, cents, %); comments, blank lines and order stay. */
static void test_values_in_place(void **state)
{
	(void)state;
	edit_case(BLOCK, change_values,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 16            # one server\n"
	          "  gpu_unit_cost: \"$250,000.50\"\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: \"2,500,000\"\n"
	          "  label_cost: 0.75\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: \"R&D: core\"   # the core team\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "    - name: Labelers\n"
	          "      count: 3\n"
	          "      monthly_salary: 5000\n"
	          "capital:\n"
	          "  alpha: 25%\n"
	          "# the end\n");
}

static void add_keys(struct scenario *sc)
{
	sc->in.gpu_hourly_cost = 2500000;
	sc->in.fixed_costs = 1000000;
	scenario_set_compute_mode(sc, BUDGET_BUY);
	snprintf(sc->currency, sizeof sc->currency, "EUR");
}

/* A key the file lacked goes at the end of its section, indented like its
 * neighbours; nothing else appears (no amortization_hours, no step). */
static void test_new_keys_block(void **state)
{
	(void)state;
	edit_case(BLOCK, add_keys,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 8            # one server\n"
	          "  gpu_unit_cost: \"$200,000\"\n"
	          "  gpu_hourly_cost: 2.5\n"
	          "  mode: buy\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: 1,000,000\n"
	          "  label_cost: 0.50\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: Engineers   # the core team\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "    - name: Labelers\n"
	          "      count: 2\n"
	          "      monthly_salary: 5000\n"
	          "capital:\n"
	          "  alpha: 30%\n"
	          "  fixed_costs: 10000\n"
	          "currency: EUR\n"
	          "# the end\n");
}

static void micro_prices(struct scenario *sc)
{
	sc->in.label_cost = 2;              /* $0.000002 */
	sc->in.gpu_hourly_cost = 1234567;   /* $1.234567 */
	sc->in.scaling_efficiency = 850000; /* 0.85 */
}

/* Prices below a cent keep every digit; the two-decimal style of the old
 * value does not round them (issue 8); scaling_efficiency is a new key. */
static void test_micro_prices_in_place(void **state)
{
	(void)state;
	edit_case("name: p\n"
	          "compute: {gpus: 1, gpu_unit_cost: 1, gpu_hourly_cost: \"$2.49\"}\n"
	          "data:\n"
	          "  samples: 1e10\n"
	          "  label_cost: 0.50   # per token\n"
	          "people: {months: 1, roles: []}\n"
	          "capital: {alpha: 1}\n",
	          micro_prices,
	          "name: p\n"
	          "compute: {gpus: 1, gpu_unit_cost: 1, gpu_hourly_cost: $1.234567, "
	          "scaling_efficiency: 0.85}\n"
	          "data:\n"
	          "  samples: 1e10\n"
	          "  label_cost: 0.000002   # per token\n"
	          "people: {months: 1, roles: []}\n"
	          "capital: {alpha: 1}\n");
}

#define FLOW                                                                                       \
	"name: flow\n"                                                                             \
	"compute: {gpus: 5, gpu_unit_cost: 200000}   # rented\n"                                   \
	"data: {samples: 500000, label_cost: 0.05}\n"                                              \
	"people: {months: 12, roles: [{name: Eng, count: 2, monthly_salary: 9000}]}\n"             \
	"capital: {alpha: 0.3}"

static void flow_change(struct scenario *sc)
{
	sc->in.gpus = 6;
	sc->in.gpu_hourly_cost = 1990000;
	sc->in.nroles = 2;
	snprintf(sc->in.roles[1].name, sizeof sc->in.roles[1].name, "Ops, night");
	sc->in.roles[1].count = 1;
	sc->in.roles[1].monthly_salary = 700000;
	sc->range[BF_GPUS] = (struct scenario_range){true, 0, 64, 1};
}

/* In flow mappings and lists new keys and items go inside the brackets; a
 * file without a final line break still gets a well-formed new line. */
static void test_flow_style(void **state)
{
	(void)state;
	edit_case(FLOW, flow_change,
	          "name: flow\n"
	          "compute: {gpus: 6, gpu_unit_cost: 200000, gpu_hourly_cost: 1.99}   # rented\n"
	          "data: {samples: 500000, label_cost: 0.05}\n"
	          "people: {months: 12, roles: [{name: Eng, count: 2, monthly_salary: 9000}, "
	          "{name: \"Ops, night\", count: 1, monthly_salary: 7000}]}\n"
	          "capital: {alpha: 0.3}\n"
	          "sliders: {compute.gpus: {min: 0, max: 64}}");
}

static void drop_role(struct scenario *sc)
{
	sc->in.nroles = 1;
}

static void add_role(struct scenario *sc)
{
	struct budget_role *r = &sc->in.roles[sc->in.nroles++];

	snprintf(r->name, sizeof r->name, "Manager");
	r->count = 1;
	r->monthly_salary = 1500000;
}

/* Roles added and removed in the list's own style. */
static void test_role_count(void **state)
{
	(void)state;
	edit_case(BLOCK, drop_role,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 8            # one server\n"
	          "  gpu_unit_cost: \"$200,000\"\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: 1,000,000\n"
	          "  label_cost: 0.50\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: Engineers   # the core team\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "capital:\n"
	          "  alpha: 30%\n"
	          "# the end\n");
	edit_case(BLOCK, add_role,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 8            # one server\n"
	          "  gpu_unit_cost: \"$200,000\"\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: 1,000,000\n"
	          "  label_cost: 0.50\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: Engineers   # the core team\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "    - name: Labelers\n"
	          "      count: 2\n"
	          "      monthly_salary: 5000\n"
	          "    - name: Manager\n"
	          "      count: 1\n"
	          "      monthly_salary: 15000\n"
	          "capital:\n"
	          "  alpha: 30%\n"
	          "# the end\n");
	edit_case(FLOW, add_role,
	          "name: flow\n"
	          "compute: {gpus: 5, gpu_unit_cost: 200000}   # rented\n"
	          "data: {samples: 500000, label_cost: 0.05}\n"
	          "people: {months: 12, roles: [{name: Eng, count: 2, monthly_salary: 9000}, "
	          "{name: Manager, count: 1, monthly_salary: 15000}]}\n"
	          "capital: {alpha: 0.3}");
}

static void gpus_12(struct scenario *sc)
{
	sc->in.gpus = 12;
	sc->in.gpu_hourly_cost = 3000000;
}

/* A BOM and CRLF line ends stay, and new lines use CRLF too. */
static void test_bom_crlf(void **state)
{
	(void)state;
	edit_case("\xef\xbb\xbf# plan\r\ncompute:\r\n  gpus: 8\r\n  gpu_unit_cost: 200000\r\n"
	          "data: {samples: 5, label_cost: 1}\r\npeople: {months: 1, roles: []}\r\n"
	          "capital: {alpha: 1}\r\n",
	          gpus_12,
	          "\xef\xbb\xbf# plan\r\ncompute:\r\n  gpus: 12\r\n  gpu_unit_cost: 200000\r\n"
	          "  gpu_hourly_cost: 3\r\n"
	          "data: {samples: 5, label_cost: 1}\r\npeople: {months: 1, roles: []}\r\n"
	          "capital: {alpha: 1}\r\n");
}

static void run_change(struct scenario *sc)
{
	free(sc->run.argv[1]);
	sc->run.argv[1] = strdup("--epochs=3");
	sc->run.gpus_set = false;
	sc->run.total_steps_set = true;
	sc->run.total_steps = 900;
}

/* The run command is rewritten as a flow list; run.gpus taken away goes,
 * line and all; a comment on the line above stays. */
static void test_run_section(void **state)
{
	(void)state;
	edit_case("compute: {gpus: 5, gpu_unit_cost: 200000}\n"
	          "data: {samples: 5, label_cost: 1}\n"
	          "people: {months: 1, roles: []}\n"
	          "capital: {alpha: 1}\n"
	          "run:\n"
	          "  command:\n"
	          "    - capdash-train\n"
	          "    - --epochs=2\n"
	          "  # one GPU is enough\n"
	          "  gpus: 1\n"
	          "  cost_per_hour: 2.5\n",
	          run_change,
	          "compute: {gpus: 5, gpu_unit_cost: 200000}\n"
	          "data: {samples: 5, label_cost: 1}\n"
	          "people: {months: 1, roles: []}\n"
	          "capital: {alpha: 1}\n"
	          "run:\n"
	          "  command:\n"
	          "    [capdash-train, --epochs=3]\n"
	          "  # one GPU is enough\n"
	          "  cost_per_hour: 2.5\n"
	          "  total_steps: 900\n");
}

static void empty_roles(struct scenario *sc)
{
	sc->in.nroles = 0;
	sc->in.gpus = 3;
}

/* A block list of roles emptied becomes "roles: []" in place. */
static void test_empty_roles(void **state)
{
	(void)state;
	edit_case(BLOCK, empty_roles,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 3            # one server\n"
	          "  gpu_unit_cost: \"$200,000\"\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: 1,000,000\n"
	          "  label_cost: 0.50\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles: []\n"
	          "capital:\n"
	          "  alpha: 30%\n"
	          "# the end\n");
}

/* Runs priced as bought while the plan has no compute.mode: no file says
 * that (a mode given is both's), so the edit is not made in place. */
static void runs_bought(struct scenario *sc)
{
	sc->burn.gpu_mode = SCENARIO_GPU_BUY;
	sc->in.gpus = 3;
}

/* A change that cannot be made in place still saves: the whole document is
 * written, minimal. */
static void test_fallback(void **state)
{
	(void)state;
	edit_case(BLOCK, runs_bought,
	          "name: \"Plan A\"\n"
	          "\n"
	          "compute:\n"
	          "  gpus: 3\n"
	          "  gpu_unit_cost: 200000\n"
	          "  mode: buy\n"
	          "\n"
	          "data:\n"
	          "  samples: 1000000\n"
	          "  label_cost: 0.5\n"
	          "\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: \"Engineers\"\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "    - name: \"Labelers\"\n"
	          "      count: 2\n"
	          "      monthly_salary: 5000\n"
	          "\n"
	          "capital:\n"
	          "  alpha: 0.3\n");
}

/* ---- the plan over time (issue 13) ---- */

static void plan_keys(struct scenario *sc)
{
	sc->in.roles[0].end_month = 10;
	sc->in.roles[1].start_month = 3;
	scenario_set_compute_mode(sc, BUDGET_RENT);
	sc->in.gpu_hourly_cost = 2490000;
	sc->in.rent_to = 10;
	sc->in.utilisation = 700000;
	sc->in.data_spread = true;
	sc->in.data_from = 2;
	sc->in.data_to = 6;
	sc->in.raised_set = true;
	sc->in.raised = 500000000;
	sc->in.cash_at_start = 10000000;
}

/* The new keys go where their sections end, comments stay. */
static void test_plan_keys_in_place(void **state)
{
	(void)state;
	edit_case(BLOCK, plan_keys,
	          "# Our plan. Prices checked in May.\n"
	          "name: Plan A\n"
	          "compute:\n"
	          "  gpus: 8            # one server\n"
	          "  gpu_unit_cost: \"$200,000\"\n"
	          "  gpu_hourly_cost: 2.49\n"
	          "  mode: rent\n"
	          "  rent_to: 10\n"
	          "  utilisation: 0.7\n"
	          "\n"
	          "# data next\n"
	          "data:\n"
	          "  samples: 1,000,000\n"
	          "  label_cost: 0.50\n"
	          "  schedule: spread\n"
	          "  from: 2\n"
	          "  to: 6\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    - name: Engineers   # the core team\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "      end_month: 10\n"
	          "    - name: Labelers\n"
	          "      count: 2\n"
	          "      monthly_salary: 5000\n"
	          "      start_month: 3\n"
	          "capital:\n"
	          "  alpha: 30%\n"
	          "  raised: 5000000\n"
	          "  cash_at_start: 100000\n"
	          "# the end\n");
}

#define TEAM                                                                                       \
	"name: Team\n"                                                                             \
	"compute: {gpus: 1, gpu_unit_cost: 1000}\n"                                                \
	"data: {samples: 1, label_cost: 1, schedule: spread, from: 2, to: 3}\n"                    \
	"people:\n"                                                                                \
	"  months: 12\n"                                                                           \
	"  roles:\n"                                                                               \
	"    # founders first\n"                                                                   \
	"    - name: Founders\n"                                                                   \
	"      count: 2\n"                                                                         \
	"      monthly_salary: 15000\n"                                                            \
	"    - name: Interns     # summer only\n"                                                  \
	"      count: 3\n"                                                                         \
	"      monthly_salary: 3000\n"                                                             \
	"      start_month: 6\n"                                                                   \
	"      end_month: 8\n"                                                                     \
	"    - name: Engineers   # hired after the round\n"                                        \
	"      count: 4\n"                                                                         \
	"      monthly_salary: 20000\n"                                                            \
	"      start_month: 4\n"                                                                   \
	"other_costs:\n"                                                                           \
	"  # what the product costs to run\n"                                                      \
	"  - {name: Inference, monthly: 8000, from: 7}\n"                                          \
	"  - name: Legal        # once, at incorporation\n"                                        \
	"    once: 25000\n"                                                                        \
	"    allocation: outside\n"                                                                \
	"  - {name: Credits, monthly: -5000, to: 6}   # cloud credits\n"                           \
	"capital:\n"                                                                               \
	"  alpha: 0.5\n"                                                                           \
	"  raised: 2000000\n"

/* What the dashboard's +, - and r do: the middle role removed (its lines
 * and comment go, the others stay as they are), one renamed, one added. */
static void team_edits(struct scenario *sc)
{
	struct cd_err e;
	int i;

	assert_int_equal(budget_role_remove(&sc->in, 1), 0);
	snprintf(sc->in.roles[0].name, sizeof sc->in.roles[0].name, "Founders & CEO");
	i = budget_role_add(&sc->in, "Designers", &e);
	assert_int_equal(i, 2);
	sc->in.roles[i].count = 1;
	sc->in.roles[i].monthly_salary = 900000;
	sc->in.roles[i].start_month = 5;
	assert_int_equal(budget_cost_remove(&sc->in, 0), 0);
	sc->in.costs[0].amount = 3000000; /* Legal: $30,000 */
	sc->in.costs[0].outside = false;  /* inside again */
	sc->in.costs[1].monthly = false;  /* the credits: once, in month 2 */
	sc->in.costs[1].from = 2;
	i = budget_cost_add(&sc->in, "Office", true, &e);
	assert_int_equal(i, 2);
	sc->in.costs[i].amount = 400000;
	sc->in.costs[i].from = 3;
	sc->in.raised_set = false; /* the raise is F again */
}

static void test_list_edits(void **state)
{
	(void)state;
	edit_case(TEAM, team_edits,
	          "name: Team\n"
	          "compute: {gpus: 1, gpu_unit_cost: 1000}\n"
	          "data: {samples: 1, label_cost: 1, schedule: spread, from: 2, to: 3}\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles:\n"
	          "    # founders first\n"
	          "    - name: Founders & CEO\n"
	          "      count: 2\n"
	          "      monthly_salary: 15000\n"
	          "    - name: Engineers   # hired after the round\n"
	          "      count: 4\n"
	          "      monthly_salary: 20000\n"
	          "      start_month: 4\n"
	          "    - name: Designers\n"
	          "      count: 1\n"
	          "      monthly_salary: 9000\n"
	          "      start_month: 5\n"
	          "other_costs:\n"
	          "  # what the product costs to run\n"
	          "  - name: Legal        # once, at incorporation\n"
	          "    once: 30000\n"
	          "    allocation: inside\n"
	          "  - {name: Credits, once: -5000, month: 2}   # cloud credits\n"
	          "  - {name: Office, monthly: 4000, from: 3}\n"
	          "capital:\n"
	          "  alpha: 0.5\n");
}

static void flow_lists(struct scenario *sc)
{
	struct cd_err e;
	int i;

	assert_int_equal(budget_role_remove(&sc->in, 0), 0);
	i = budget_role_add(&sc->in, "Ops", &e);
	sc->in.roles[i].count = 1;
	sc->in.roles[i].end_month = 6;
	i = budget_cost_add(&sc->in, "Storage", true, &e);
	sc->in.costs[i].amount = 50000;
	sc->in.costs[i].outside = true;
}

/* Flow lists: the first role removed with its comma, items added inside
 * the brackets; a new other_costs section goes after people. */
static void test_flow_lists(void **state)
{
	(void)state;
	edit_case("compute: {gpus: 1, gpu_unit_cost: 1000}\n"
	          "data: {samples: 1, label_cost: 1}\n"
	          "people: {months: 12, roles: [{name: A, count: 1, monthly_salary: 1}, "
	          "{name: B, count: 2, monthly_salary: 2}]}\n"
	          "# capital next\n"
	          "capital: {alpha: 1}\n",
	          flow_lists,
	          "compute: {gpus: 1, gpu_unit_cost: 1000}\n"
	          "data: {samples: 1, label_cost: 1}\n"
	          "people: {months: 12, roles: [{name: B, count: 2, monthly_salary: 2}, "
	          "{name: Ops, count: 1, monthly_salary: 0, end_month: 6}]}\n"
	          "other_costs:\n"
	          "  - {name: Storage, monthly: 500, allocation: outside}\n"
	          "# capital next\n"
	          "capital: {alpha: 1}\n");
}

static void no_costs(struct scenario *sc)
{
	sc->in.ncosts = 0;
	sc->in.nroles = 0;
	sc->in.data_spread = false;
	sc->in.data_from = 4;
}

/* Every line removed: the section goes, the roles are [] (a comment
 * inside the list stays); data back to once, in month 4, saying so. */
static void test_lists_emptied(void **state)
{
	(void)state;
	edit_case(TEAM, no_costs,
	          "name: Team\n"
	          "compute: {gpus: 1, gpu_unit_cost: 1000}\n"
	          "data: {samples: 1, label_cost: 1, schedule: once, month: 4}\n"
	          "people:\n"
	          "  months: 12\n"
	          "  roles: []\n"
	          "    # founders first\n"
	          "capital:\n"
	          "  alpha: 0.5\n"
	          "  raised: 2000000\n");
}

/* A scenario the model refuses (credits over C+D+H once the team and the
 * inference line are gone) is not saved, in place or whole: the file stays
 * and the error says why. */
static void test_invalid_not_saved(void **state)
{
	char path[512], *got;
	struct scenario sc;
	struct cd_err e;

	(void)state;
	snprintf(path, sizeof path, "%s/credits.yaml", tmpdir);
	put(path, TEAM);
	load(path, &sc);
	sc.in.nroles = 0;
	assert_int_equal(budget_cost_remove(&sc.in, 0), 0);
	assert_int_equal(scenario_save(path, &sc, &e), -1);
	assert_non_null(strstr(e.msg, "other_costs: credits exceed C+D+H by $28,999.00"));
	got = slurp(path);
	assert_string_equal(got, TEAM);
	free(got);
	scenario_done(&sc);
}

/* Random +, - and rename on the roles and cost lines of a commented file:
 * each save is made in place (the comments stay) and loads back as the
 * scenario saved. */
static void test_random_list_edits(void **state)
{
	uint64_t seed = 7;
	char path[512], *got;

	(void)state;
	snprintf(path, sizeof path, "%s/random.yaml", tmpdir);
	put(path, TEAM);
	for (int round = 0; round < 200; round++) {
		struct scenario sc, back;
		struct cd_err e;
		int n = 1 + (int)(test_splitmix64(&seed) % 4);

		load(path, &sc);
		for (int k = 0; k < n; k++) {
			uint64_t r = test_splitmix64(&seed);
			struct budget_input *in = &sc.in;
			char name[32];
			int i;

			snprintf(name, sizeof name, "R%d.%d", round, k);
			switch (r % 6) {
			case 0:
				if ((i = budget_role_add(in, name, &e)) >= 0)
					in->roles[i].count = (int64_t)(r >> 8) % 9,
					in->roles[i].start_month = (int64_t)(r >> 16) % 12;
				break;
			case 1:
				if (in->nroles > 1)
					budget_role_remove(in,
					                   (int)((r >> 8) % (uint64_t)in->nroles));
				break;
			case 2:
				if (in->nroles)
					snprintf(in->roles[(r >> 8) % (uint64_t)in->nroles].name,
					         BUDGET_ROLE_NAME_MAX, "%s", name);
				break;
			case 3:
				if ((i = budget_cost_add(in, name, r >> 9 & 1, &e)) >= 0)
					in->costs[i].amount = (int64_t)(r >> 12) % 100000,
					in->costs[i].outside = r >> 10 & 1;
				break;
			case 4:
				if (in->ncosts)
					budget_cost_remove(in,
					                   (int)((r >> 8) % (uint64_t)in->ncosts));
				break;
			default:
				if (in->ncosts) {
					struct budget_cost *o =
					        &in->costs[(r >> 8) % (uint64_t)in->ncosts];

					snprintf(o->name, sizeof o->name, "%s", name);
					o->monthly = r >> 20 & 1;
					o->from = (int64_t)(r >> 24) % 5;
				}
			}
		}
		if (scenario_save(path, &sc, &e) != 0)
			fail_msg("round %d: %s", round, e.msg);
		load(path, &back);
		assert_int_equal(back.in.nroles, sc.in.nroles);
		for (int i = 0; i < sc.in.nroles; i++) {
			assert_string_equal(back.in.roles[i].name, sc.in.roles[i].name);
			assert_int_equal(back.in.roles[i].count, sc.in.roles[i].count);
			assert_int_equal(back.in.roles[i].start_month, sc.in.roles[i].start_month);
		}
		assert_int_equal(back.in.ncosts, sc.in.ncosts);
		for (int i = 0; i < sc.in.ncosts; i++) {
			assert_string_equal(back.in.costs[i].name, sc.in.costs[i].name);
			assert_int_equal(back.in.costs[i].amount, sc.in.costs[i].amount);
			assert_int_equal(back.in.costs[i].monthly, sc.in.costs[i].monthly);
			assert_int_equal(back.in.costs[i].from, sc.in.costs[i].from);
			assert_int_equal(back.in.costs[i].outside, sc.in.costs[i].outside);
		}
		got = slurp(path);
		if (!strstr(got, "# founders first\n"))
			fail_msg("round %d: not saved in place:\n%s", round, got);
		free(got);
		scenario_done(&back);
		scenario_done(&sc);
	}
}

/* A new file holds only the required keys and those set away from their
 * defaults: no amortization_hours, energy_cost_kwh or default step. */
static void test_new_file_minimal(void **state)
{
	char path[512], *got;
	struct scenario sc, back;
	struct cd_err e;

	(void)state;
	snprintf(path, sizeof path, "%s/new.yaml", tmpdir);
	unlink(path);
	scenario_builtin_seed(&sc);
	sc.range[BF_GPUS] = (struct scenario_range){true, 0, 64, 1};
	sc.range[BF_ALPHA] = (struct scenario_range){true, 100000, 1000000, 50000};
	assert_int_equal(scenario_save(path, &sc, &e), 0);
	got = slurp(path);
	assert_null(strstr(got, "amortization_hours"));
	assert_null(strstr(got, "energy_cost_kwh"));
	assert_null(strstr(got, "cpu_core_hourly_cost"));
	assert_null(strstr(got, "#"));
	assert_non_null(strstr(got, "compute.gpus: {min: 0, max: 64}\n"));
	assert_non_null(strstr(got, "capital.alpha: {min: 0.1, max: 1, step: 0.05}\n"));
	load(path, &back);
	assert_int_equal(back.burn.amortization_hours, sc.burn.amortization_hours);
	assert_int_equal(back.range[BF_GPUS].step, sc.range[BF_GPUS].step);
	free(got);
	scenario_done(&back);
	scenario_done(&sc);
}

/* Saving through a symbolic link (absolute, relative, or a chain) changes
 * the file it points to and leaves the link a link; it used to replace the
 * link with a new file and leave the target as it was while saying
 * "saved".  A dangling link creates its target. */
static void test_save_through_symlink(void **state)
{
	char dir[512], target[600], link1[600], link2[600], dangling[600], *got;
	struct scenario sc, back;
	struct stat st;
	struct cd_err e;

	(void)state;
	snprintf(dir, sizeof dir, "%s/real", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(target, sizeof target, "%s/plan.yaml", dir);
	snprintf(link1, sizeof link1, "%s/link.yaml", tmpdir);
	snprintf(link2, sizeof link2, "%s/link2.yaml", tmpdir);
	put(target, BLOCK);
	assert_int_equal(symlink(target, link1), 0);
	assert_int_equal(symlink("link.yaml", link2), 0); /* relative, to a link */
	load(link2, &sc);
	sc.in.gpus = 24;
	assert_int_equal(scenario_save(link2, &sc, &e), 0);
	assert_int_equal(lstat(link1, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(link2, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	load(target, &back);
	assert_int_equal(back.in.gpus, 24);
	scenario_done(&back);
	got = slurp(target);
	assert_non_null(strstr(got, "# the end\n")); /* edited in place */
	free(got);

	snprintf(dangling, sizeof dangling, "%s/dangling.yaml", tmpdir);
	assert_int_equal(symlink("real/created.yaml", dangling), 0);
	assert_int_equal(scenario_save(dangling, &sc, &e), 0);
	assert_int_equal(lstat(dangling, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	snprintf(target, sizeof target, "%s/created.yaml", dir);
	load(target, &back);
	assert_int_equal(back.in.gpus, 24);
	scenario_done(&back);
	scenario_done(&sc);
}

static int setup(void **state)
{
	(void)state;
	return test_scratch_dir(tmpdir, sizeof tmpdir, "capdash-test-save");
}

static int teardown(void **state)
{
	(void)state;
	return test_rmtree(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_unchanged_is_identical),
	        cmocka_unit_test(test_chinese_round_trip),
	        cmocka_unit_test(test_values_in_place),
	        cmocka_unit_test(test_new_keys_block),
	        cmocka_unit_test(test_micro_prices_in_place),
	        cmocka_unit_test(test_flow_style),
	        cmocka_unit_test(test_role_count),
	        cmocka_unit_test(test_bom_crlf),
	        cmocka_unit_test(test_run_section),
	        cmocka_unit_test(test_empty_roles),
	        cmocka_unit_test(test_fallback),
	        cmocka_unit_test(test_plan_keys_in_place),
	        cmocka_unit_test(test_list_edits),
	        cmocka_unit_test(test_flow_lists),
	        cmocka_unit_test(test_lists_emptied),
	        cmocka_unit_test(test_invalid_not_saved),
	        cmocka_unit_test(test_random_list_edits),
	        cmocka_unit_test(test_new_file_minimal),
	        cmocka_unit_test(test_save_through_symlink),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
