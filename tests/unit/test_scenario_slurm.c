/* test_scenario_slurm.c — the run: section's Slurm options (on: slurm,
 * nodes, gpus_per_node, cpus_per_task, partition, time, sbatch): loaded,
 * refused with FILE:LINE:COL messages, rendered and loaded back equal,
 * copied, and kept by a save that edits the file in place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/scenario.h"
#include "../../src/config/scenario_int.h"
#include "testutil.h"

#define HEAD                                                                                       \
	"name: slurm\n"                                                                            \
	"compute: {gpus: 8, gpu_unit_cost: 200000}   # rented\n"                                   \
	"data: {samples: 500000, label_cost: 5}\n"                                                 \
	"people: {months: 12, roles: [{name: Eng, count: 2, monthly_salary: 9000}]}\n"             \
	"capital: {alpha: 0.3}\n"

#define GOOD                                                                                       \
	HEAD "run:\n"                                                                              \
	     "  command: [torchrun, --nproc-per-node=4, train.py]   # the real one\n"              \
	     "  on: slurm\n"                                                                       \
	     "  nodes: 2\n"                                                                        \
	     "  gpus_per_node: 4\n"                                                                \
	     "  cpus_per_task: 16\n"                                                               \
	     "  partition: gpu\n"                                                                  \
	     "  time: 1:00:00\n"                                                                   \
	     "  sbatch: [--qos=high, \"--account=lab one\"]\n"                                     \
	     "  rank: 2\n"

static char *joined(const struct cd_errlist *l)
{
	size_t n = 1;
	char *s;

	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i].file) + strlen(l->v[i].msg) + 32;
	s = calloc(n, 1);
	assert_non_null(s);
	for (size_t i = 0; i < l->n; i++)
		snprintf(s + strlen(s), n - strlen(s), "%s:%u:%u: %s\n", l->v[i].file, l->v[i].line,
		         l->v[i].col, l->v[i].msg);
	return s;
}

static void test_load(void **state)
{
	struct scenario sc, copy;
	struct cd_errlist errs;

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("g.yaml", GOOD, strlen(GOOD), &sc, &errs), 0);
	assert_true(sc.run.present && sc.run.slurm);
	assert_int_equal(sc.run.nodes, 2);
	assert_int_equal(sc.run.gpus_per_node, 4);
	assert_int_equal(sc.run.cpus_per_task, 16);
	assert_string_equal(sc.run.partition, "gpu");
	assert_string_equal(sc.run.time, "1:00:00");
	assert_int_equal(sc.run.nsbatch, 2);
	assert_string_equal(sc.run.sbatch[0], "--qos=high");
	assert_string_equal(sc.run.sbatch[1], "--account=lab one");
	assert_null(sc.run.sbatch[2]);
	assert_int_equal(sc.run.argc, 3);
	assert_int_equal(sc.run.rank, 2);

	/* a deep copy: the lists are the copy's own */
	assert_int_equal(scenario_copy(&copy, &sc), 0);
	assert_ptr_not_equal(copy.run.sbatch, sc.run.sbatch);
	assert_true(scenario_equal(&copy, &sc));
	scenario_done(&sc);
	assert_string_equal(copy.run.sbatch[1], "--account=lab one");
	scenario_done(&copy);

	/* on: local, or no on:, is a local run */
	static const char local[] = HEAD "run: {command: [python, t.py], on: local}\n";
	assert_int_equal(scenario_load_mem("l.yaml", local, strlen(local), &sc, &errs), 0);
	assert_false(sc.run.slurm);
	assert_null(sc.run.sbatch);
	scenario_done(&sc);
	assert_int_equal(errs.n, 0);
	cd_errlist_done(&errs);
}

static void test_bad(void **state)
{
	static const char bad[] = HEAD "run:\n"
	                               "  command: [python, t.py]\n"
	                               "  on: slurmm\n"
	                               "  nodes: 2\n";
	static const char bad2[] = HEAD "run:\n"
	                                "  command: [python, t.py]\n"
	                                "  on: slurm\n"
	                                "  nodes: 0\n"
	                                "  gpus_per_node: 2000\n"
	                                "  cpus_per_task: two\n"
	                                "  partition: \"gpu a\"\n"
	                                "  time: 1h\n"
	                                "  sbatch: [--qos=high, qos=low, \"--x=\\\"y\\\"\"]\n";
	static const char bad3[] = HEAD "run:\n"
	                                "  command: [python, t.py]\n"
	                                "  time: \"30\"\n";
	static const char bad4[] = HEAD "run: {command: [python], on: slurm, sbatch: --qos=high}\n";
	struct scenario sc;
	struct cd_errlist errs;
	char *got;

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("b.yaml", bad, strlen(bad), &sc, &errs), -1);
	got = joined(&errs);
	assert_string_equal(got, "b.yaml:8:7: run.on: expected local or slurm, got \"slurmm\" "
	                         "(did you mean \"slurm\"?)\n");
	free(got);
	cd_errlist_done(&errs);

	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("b2.yaml", bad2, strlen(bad2), &sc, &errs), -1);
	got = joined(&errs);
	assert_string_equal(
	        got,
	        "b2.yaml:9:10: run.nodes: expected a whole number from 1 to 100,000, got 0\n"
	        "b2.yaml:10:18: run.gpus_per_node: expected a whole number from 0 to 1,024, got "
	        "2,000\n"
	        "b2.yaml:11:18: run.cpus_per_task: expected a whole number such as 500000, 500,000 "
	        "or 5e5, "
	        "got \"two\"\n"
	        "b2.yaml:12:14: run.partition: expected a partition name (no blanks or quotes), "
	        "got \"gpu a\"\n"
	        "b2.yaml:13:9: run.time: expected minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or "
	        "UNLIMITED such as \"1:00:00\", got \"1h\"\n"
	        "b2.yaml:14:24: run.sbatch.1: expected an sbatch option starting with '-' such as "
	        "--qos=high (no '\"'), got \"qos=low\"\n"
	        "b2.yaml:14:33: run.sbatch.2: expected an sbatch option starting with '-' such as "
	        "--qos=high (no '\"'), got \"--x=\"y\"\"\n");
	free(got);
	cd_errlist_done(&errs);

	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("b3.yaml", bad3, strlen(bad3), &sc, &errs), -1);
	got = joined(&errs);
	assert_string_equal(got,
	                    "b3.yaml:8:9: run.time: only for Slurm runs (add on: slurm to run:)\n");
	free(got);
	cd_errlist_done(&errs);

	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("b4.yaml", bad4, strlen(bad4), &sc, &errs), -1);
	got = joined(&errs);
	assert_non_null(strstr(got, "b4.yaml:6:"));
	assert_non_null(strstr(got, "run.sbatch: expected a list of sbatch options"));
	free(got);
	cd_errlist_done(&errs);
}

/* Slurm's time forms, and what is not one. */
static void test_time_forms(void **state)
{
	static const char *const ok[] = {"30",      "5:00",       "1:00:00",   "2-0",
	                                 "2-12:00", "2-12:00:00", "UNLIMITED", "infinite"};
	static const char *const no[] = {"1h", "-5", "1:2:3:4", "2-", "1:", ":30", "1 h", "2--1"};
	char text[512];
	struct scenario sc;
	struct cd_errlist errs;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0] + sizeof no / sizeof no[0]; i++) {
		bool good = i < sizeof ok / sizeof ok[0];
		const char *t = good ? ok[i] : no[i - sizeof ok / sizeof ok[0]];

		snprintf(text, sizeof text, HEAD "run: {command: [a], on: slurm, time: \"%s\"}\n",
		         t);
		cd_errlist_init(&errs);
		if (scenario_load_mem("t.yaml", text, strlen(text), &sc, &errs) != (good ? 0 : -1))
			fail_msg("time \"%s\": want %s", t, good ? "accepted" : "refused");
		if (good)
			assert_string_equal(sc.run.time, t);
		scenario_done(&sc);
		cd_errlist_done(&errs);
	}
}

/* Rendered whole and loaded back: the same scenario. */
static void test_round_trip(void **state)
{
	struct scenario sc, back;
	struct cd_errlist errs;
	char *yaml;

	(void)state;
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load_mem("g.yaml", GOOD, strlen(GOOD), &sc, &errs), 0);
	yaml = scenario_to_yaml(&sc);
	assert_non_null(yaml);
	assert_non_null(strstr(yaml, "  on: slurm\n"));
	assert_non_null(strstr(yaml, "  sbatch: [\"--qos=high\", \"--account=lab one\"]\n"));
	assert_int_equal(scenario_load_mem("y.yaml", yaml, strlen(yaml), &back, &errs), 0);
	assert_true(scenario_equal(&sc, &back));
	/* and a change is seen */
	back.run.nodes = 3;
	assert_false(scenario_equal(&sc, &back));
	back.run.nodes = sc.run.nodes;
	back.run.rank = 0;
	assert_false(scenario_equal(&sc, &back));
	free(yaml);
	scenario_done(&sc);
	scenario_done(&back);
	cd_errlist_done(&errs);
}

/* Saving over the file keeps the Slurm options (and the comments when only
 * the budget changed); a changed option is written too. */
static void test_save(void **state)
{
	char dir[64], path[128], *text;
	struct scenario sc, back;
	struct cd_errlist errs;
	struct cd_err err;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(test_scratch_dir(dir, sizeof dir, "capdash-scslurm"), 0);
	snprintf(path, sizeof path, "%s/s.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(GOOD, f);
	fclose(f);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load(path, &sc, &errs), 0);
	sc.in.gpus = 16;
	assert_int_equal(scenario_save(path, &sc, &err), 0);
	assert_int_equal(cfg_read_file(path, &text, &len, &errs), 0);
	assert_non_null(strstr(text, "# the real one"));
	assert_non_null(strstr(text, "gpus: 16"));
	free(text);
	assert_int_equal(scenario_load(path, &back, &errs), 0);
	assert_true(scenario_equal(&sc, &back));
	scenario_done(&back);

	snprintf(sc.run.time, sizeof sc.run.time, "2-00:00:00");
	sc.run.nodes = 4;
	assert_int_equal(scenario_save(path, &sc, &err), 0);
	assert_int_equal(scenario_load(path, &back, &errs), 0);
	assert_true(scenario_equal(&sc, &back));
	assert_string_equal(back.run.time, "2-00:00:00");
	assert_int_equal(back.run.nodes, 4);
	scenario_done(&back);
	scenario_done(&sc);
	assert_int_equal(errs.n, 0);
	cd_errlist_done(&errs);
	assert_int_equal(test_rmtree(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_load),       cmocka_unit_test(test_bad),
	        cmocka_unit_test(test_time_forms), cmocka_unit_test(test_round_trip),
	        cmocka_unit_test(test_save),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
