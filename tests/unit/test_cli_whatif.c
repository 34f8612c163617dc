/* test_cli_whatif.c — capdash sweep, seek and validate, run as a user runs
 * them (cli_spawn.h).  Every sweep row is compared with budget_eval in this
 * process; every seek answer is checked by evaluating the model at the answer
 * and at the neighbouring value, which must miss the target.  Start at main().
 */
#include "cli_spawn.h"

/* ---- sweep ---- */

static void test_sweep_rows_match_model(void **state)
{
	static const struct {
		const char *spec;
		enum budget_field_id id;
		int64_t start, step;
		int rows;
	} cases[] = {
	        {"gpus=0:20:5", BF_GPUS, 0, 5, 5},
	        {"capital.alpha=0.2:0.5:0.05", BF_ALPHA, 200000, 50000, 7},
	        {"compute.gpu_unit_cost=100000:300000:50000", BF_GPU_UNIT_COST, 10000000, 5000000,
	         5},
	        {"people.roles.1.count=0:9:3", BF_ROLE_COUNT, 0, 3, 4},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct proc p = RUN("sweep", cases[i].spec, "--format", "csv");
		struct budget_input in;
		const char *line;
		int n = 0;

		EXPECT(p, p.status == 0);
		line = strchr(p.out, '\n') + 1;
		for (; *line; line = strchr(line, '\n') + 1, n++) {
			struct budget_key k = {cases[i].id, cases[i].id == BF_ROLE_COUNT ? 1 : 0};
			struct budget_result r;
			char want[256], v[48], m[5][48];

			seed_input(&in);
			assert_int_equal(
			        budget_set(&in, k, cases[i].start + n * cases[i].step, NULL), 0);
			r = eval(&in);
			budget_value_str(budget_field_get(k.id)->unit, budget_get(&in, k), v,
			                 sizeof v);
			snprintf(want, sizeof want, "%s,%s,%s,%s,%s,%s\n", v,
			         money_decimal(r.compute, m[0], sizeof m[0]),
			         money_decimal(r.data, m[1], sizeof m[1]),
			         money_decimal(r.people, m[2], sizeof m[2]),
			         money_decimal(r.direct, m[3], sizeof m[3]),
			         money_decimal(r.capital, m[4], sizeof m[4]));
			EXPECT(p, strncmp(line, want, strlen(want)) == 0);
		}
		assert_int_equal(n, cases[i].rows);
		proc_done(&p);
	}
}

static void test_sweep_formats(void **state)
{
	struct proc p = RUN("sweep", "gpus=0:10:5");

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "compute.gpus from 0 to 10 in steps of 5\n") != NULL);
	EXPECT(p, strstr(p.out, "Capital F") != NULL);
	EXPECT(p, strstr(p.out, "$33,000,000.00") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpus=0:10:5", "--format", "json");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"key\": \"compute.gpus\"") != NULL);
	EXPECT(p, strstr(p.out, "\"capital\": 33000000\n") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpus=0:10:5", "--format", "markdown", "--units", "wan");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "| 10 | 200.00\xe4\xb8\x87 |") != NULL);
	proc_done(&p);
	p = RUN("sweep", "--set", "alpha=0.5", "gpus=5:5:1", "--format", "csv");
	EXPECT(p, p.status == 0 && strstr(p.out, "\n5,1000000,2500000,5400000,8900000,17800000\n"));
	proc_done(&p);
}

static void test_sweep_errors(void **state)
{
	struct proc p = RUN("sweep", "gpus=0:5");

	(void)state;
	EXPECT(p, p.status == 2 && strstr(p.err, "KEY=START:STOP:STEP") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpux=0:5:1");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean \"gpus\"") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpus=5:0:1");
	EXPECT(p, p.status == 2 && strstr(p.err, "above its stop") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpus=0:1000000:1");
	EXPECT(p, p.status == 2 && strstr(p.err, "limit") != NULL);
	proc_done(&p);
	p = RUN("sweep", "alpha=0:0.5:0.1");
	EXPECT(p, p.status == 2 && strstr(p.err, "capital.alpha") != NULL);
	proc_done(&p);
	p = RUN("sweep", "gpus=x:5:1");
	EXPECT(p, p.status == 2 && strstr(p.err, "START") != NULL);
	proc_done(&p);
	p = RUN("sweep");
	EXPECT(p, p.status == 2);
	proc_done(&p);
}

/* ---- seek: verified by evaluating at the answer and next to it ---- */

static void test_seek_answers(void **state)
{
	static const struct {
		const char *vary, *target, *goal;
		enum budget_field_id id;
		int64_t target_cents;
		int64_t nudge; /* the neighbour that must miss */
	} cases[] = {
	        {"gpus", "capital=40000000", "--at-most", BF_GPUS, 4000000000, +1},
	        {"gpus", "40000000", "--at-least", BF_GPUS, 4000000000, -1},
	        {"alpha", "capital=20000000", "--at-most", BF_ALPHA, 2000000000, -1},
	        {"capital.alpha", "capital=$20,000,000", "--at-least", BF_ALPHA, 2000000000, +1},
	        {"samples", "capital=30000000", "--at-most", BF_SAMPLES, 3000000000, +1},
	        {"people.roles.0.count", "capital=33333333.33", "--at-most", BF_ROLE_COUNT,
	         3333333333, +1},
	        {"compute.gpu_unit_cost", "capital=35000000", "--at-most", BF_GPU_UNIT_COST,
	         3500000000, +1},
	        /* The units capdash prints (issue 12), read exactly. */
	        {"gpus", "capital=40M", "--at-most", BF_GPUS, 4000000000, +1},
	        {"gpus", "capital=$39.67M", "--at-most", BF_GPUS, 3967000000, +1},
	        {"samples", "capital=30000k", "--at-most", BF_SAMPLES, 3000000000, +1},
	        {"gpus", "capital=3966.67\xe4\xb8\x87", "--at-least", BF_GPUS, 3966670000, -1},
	        {"alpha", "capital=20m", "--at-most", BF_ALPHA, 2000000000, -1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct proc p = RUN("seek", "--target", cases[i].target, cases[i].goal, "--vary",
		                    cases[i].vary, "--format", "json");
		bool at_most = !strcmp(cases[i].goal, "--at-most");
		struct budget_key k = {cases[i].id, 0};
		enum budget_unit unit = budget_field_get(k.id)->unit;
		struct budget_input in;
		struct budget_result r;
		int64_t v;

		EXPECT(p, p.status == 0);
		v = json_int(p.out, "value", unit);
		seed_input(&in);
		assert_int_equal(budget_set(&in, k, v, NULL), 0);
		r = eval(&in);
		assert_true(at_most ? r.capital <= cases[i].target_cents
		                    : r.capital >= cases[i].target_cents);
		assert_money_json(p.out, "capital", r.capital);
		assert_int_equal(budget_set(&in, k, v + cases[i].nudge, NULL), 0);
		r = eval(&in);
		assert_true(at_most ? r.capital > cases[i].target_cents
		                    : r.capital < cases[i].target_cents);
		proc_done(&p);
	}
}

static void test_seek_text(void **state)
{
	struct proc p = RUN("seek", "--target", "capital=40000000", "--vary", "gpus");

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "compute.gpus = 20 ") != NULL);
	EXPECT(p, strstr(p.out, "$39,666,666.67") != NULL);
	EXPECT(p, strstr(p.out, "$40,333,333.33  misses the target") != NULL);
	proc_done(&p);
}

static void test_seek_infeasible(void **state)
{
	struct proc p = RUN("seek", "--target", "capital=20000000", "--vary", "gpus");

	(void)state;
	EXPECT(p, p.status == 1 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "capdash: infeasible: ") == p.err);
	EXPECT(p, strstr(p.err, "compute.gpus") != NULL);
	proc_done(&p);
}

static void test_seek_usage(void **state)
{
	struct proc p = RUN("seek", "--vary", "gpus");

	(void)state;
	EXPECT(p, p.status == 2 && strstr(p.err, "--target") != NULL);
	proc_done(&p);
	p = RUN("seek", "--target", "capital=1", "--vary", "gpu");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean \"gpus\"") != NULL);
	proc_done(&p);
	p = RUN("seek", "--target", "runway=1", "--vary", "gpus");
	EXPECT(p, p.status == 2 && strstr(p.err, "only capital") != NULL);
	proc_done(&p);
	p = RUN("seek", "--target", "1", "--vary", "gpus", "--at-most", "--at-least");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("seek", "--target", "1", "--vary", "gpus", "--format", "csv");
	EXPECT(p, p.status == 2 && strstr(p.err, "text or json") != NULL);
	proc_done(&p);
	p = RUN("seek", "--target", "capital=40q", "--vary", "gpus");
	EXPECT(p, p.status == 2 && strstr(p.err, "unknown unit \"q\"") != NULL);
	proc_done(&p);
}

/* Separators are never dropped (issue 11): --set gpus=1,0 was 10 and
 * gpus=1,00,0 was 1000; a sweep range and a seek target follow the same rule. */
static void test_separators_refused(void **state)
{
	static const char *const bad[][4] = {
	        {"calc", "--set", "gpus=1,0", ""},
	        {"calc", "--set", "gpus=1,00,0", ""},
	        {"calc", "--set", "label_cost=2,5", ""},
	        {"sweep", "gpus=0:1,0:1", "", ""},
	        {"seek", "--target", "capital=4,00,00,000", "--vary"},
	};
	struct proc p;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (!strcmp(bad[i][0], "seek"))
			p = RUN(bad[i][0], bad[i][1], bad[i][2], bad[i][3], "gpus");
		else if (!bad[i][2][0])
			p = RUN(bad[i][0], bad[i][1]);
		else
			p = RUN(bad[i][0], bad[i][1], bad[i][2]);
		EXPECT(p, p.status == 2);
		EXPECT(p, strstr(p.err, "does not separate groups of three digits") != NULL);
		proc_done(&p);
	}
	p = RUN("calc", "--set", "gpus=1,000", "--set", "gpu_unit_cost=$1,000.50", "--format",
	        "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "gpu_unit_cost", 100050);
	proc_done(&p);
	/* Money typed in the units capdash prints (issue 12). */
	p = RUN("calc", "--set", "gpu_unit_cost=$2.5k", "--set", "label_cost=0.5", "--format",
	        "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "gpu_unit_cost", 250000);
	proc_done(&p);
	p = RUN("sweep", "gpu_unit_cost=100k:300k:50k", "--format", "csv");
	EXPECT(p, p.status == 0 && strstr(p.out, "\n300000,") != NULL);
	proc_done(&p);
}

/* ---- validate ---- */

static void test_validate(void **state)
{
	char good[4200], bad[300], missing[300], want[4300];
	struct proc p;

	(void)state;
	snprintf(good, sizeof good, "%s/scenarios/seed-image-recognition.yaml", src);
	write_file("bad.yaml", bad_yaml, bad, sizeof bad);
	snprintf(missing, sizeof missing, "%s/missing.yaml", tmpdir);

	p = RUN("validate", good);
	snprintf(want, sizeof want, "%s: ok (scenario)\n", good);
	EXPECT(p, p.status == 0 && strcmp(p.out, want) == 0 && p.err[0] == '\0');
	proc_done(&p);
	p = RUN("validate", "--quiet", good);
	EXPECT(p, p.status == 0 && p.out[0] == '\0' && p.err[0] == '\0');
	proc_done(&p);

	p = RUN("validate", good, bad);
	EXPECT(p, p.status == 65 && strstr(p.out, ": ok (scenario)") != NULL);
	snprintf(want, sizeof want, "%s:3:3: ", bad);
	EXPECT(p, strstr(p.err, want) == p.err);
	snprintf(want, sizeof want, "%s:12:", bad);
	EXPECT(p, strstr(p.err, want) != NULL);
	proc_done(&p);

	p = RUN("validate", missing);
	EXPECT(p, p.status == 66 && strstr(p.err, missing) != NULL);
	proc_done(&p);
	p = RUN("validate", missing, bad);
	EXPECT(p, p.status == 65);
	proc_done(&p);
	p = RUN("validate");
	EXPECT(p, p.status == 2);
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_sweep_rows_match_model),
	        cmocka_unit_test(test_sweep_formats),
	        cmocka_unit_test(test_sweep_errors),
	        cmocka_unit_test(test_seek_answers),
	        cmocka_unit_test(test_seek_text),
	        cmocka_unit_test(test_seek_infeasible),
	        cmocka_unit_test(test_seek_usage),
	        cmocka_unit_test(test_separators_refused),
	        cmocka_unit_test(test_validate),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
