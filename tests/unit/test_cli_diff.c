/* test_cli_diff.c — capdash diff, run as a user runs it (cli_spawn.h): the
 * issue's example (the seed against a copy with 8 GPUs) in every format,
 * '-' and 'seed' as either side, --set on both sides, and the errors.  The
 * figures expected come from the model in this process.  Start at main().
 */
#include "cli_spawn.h"

/* The seed's own file with compute.gpus 5 → 8, written to the scratch
 * directory as b8.yaml; path receives where. */
static void write_gpus8(char *path, size_t size)
{
	char seed_path[4200], *text, *p;

	snprintf(seed_path, sizeof seed_path, "%s/scenarios/seed-image-recognition.yaml", src);
	text = slurp(seed_path);
	p = strstr(text, "gpus: 5\n");
	assert_non_null(p);
	p[6] = '8';
	write_file("b8.yaml", text, path, size);
	free(text);
}

static void test_example_json(void **state)
{
	struct budget_input a, b;
	struct budget_result ra, rb;
	char path[400];
	struct proc p;

	(void)state;
	write_gpus8(path, sizeof path);
	p = RUN("diff", "seed", path, "--format", "json");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"schema\": 1,\n") != NULL);
	EXPECT(p, strstr(p.out, "\"a\": \"seed\",\n") != NULL);
	EXPECT(p, strstr(p.out, "\"changed\": [\n    {\n      \"key\": \"compute.gpus\",\n"
	                        "      \"a\": 5,\n      \"b\": 8\n    }\n  ],") != NULL);
	seed_input(&a);
	b = a;
	b.gpus = 8;
	ra = eval(&a);
	rb = eval(&b);
	{
		const char *res = strstr(p.out, "\"results\""), *rbp,
		           *dl = strstr(p.out, "\"delta\"");

		assert_non_null(res);
		assert_non_null(dl);
		assert_money_json(res, "capital", ra.capital);
		rbp = strstr(res, "\"b\": {");
		assert_non_null(rbp);
		assert_money_json(rbp, "capital", rb.capital);
		assert_money_json(rbp, "compute", rb.compute);
		assert_money_json(dl, "compute", ((int64_t)600000 * 100));
		assert_money_json(dl, "capital", ((int64_t)2000000 * 100));
		assert_money_json(dl, "data", 0);
		assert_money_json(dl, "direct", rb.direct - ra.direct);
	}
	proc_done(&p);
	/* Swapped: every delta changes sign. */
	p = RUN("diff", path, "seed", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"capital\": -2000000\n") != NULL);
	proc_done(&p);
	unlink(path);
}

static void test_text_and_markdown(void **state)
{
	char path[400];
	struct proc p;

	(void)state;
	write_gpus8(path, sizeof path);
	p = RUN("diff", "seed", path);
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "1 input differs:\n") != NULL);
	EXPECT(p, strstr(p.out, "  compute.gpus  5  8\n") != NULL);
	EXPECT(p, strstr(p.out, "Compute C      $1,000,000.00   $1,600,000.00    +$600,000.00\n") !=
	                  NULL);
	EXPECT(p, strstr(p.out, "Capital F     $29,666,666.67  $31,666,666.67  +$2,000,000.00\n") !=
	                  NULL);
	proc_done(&p);
	p = RUN("diff", "seed", path, "--format", "markdown", "--units", "m");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "| compute.gpus | 5 | 8 |\n") != NULL);
	EXPECT(p, strstr(p.out, "| Capital F | $29.67M | $31.67M | +$2.00M |\n") != NULL);
	proc_done(&p);
	/* The same plan twice: nothing differs, exit 0 all the same. */
	p = RUN("diff", "seed", "seed");
	EXPECT(p, p.status == 0 && strstr(p.out, "No input differs.\n") != NULL);
	EXPECT(p, strstr(p.out, "Capital F     $29,666,666.67  $29,666,666.67  +$0.00\n") != NULL);
	proc_done(&p);
	unlink(path);
}

static void test_stdin_and_set(void **state)
{
	char path[400];
	struct proc p;

	(void)state;
	write_gpus8(path, sizeof path);
	p = RUN_IN(path, "diff", "seed", "-", "--format", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"b\": \"-\",\n") != NULL);
	EXPECT(p, strstr(p.out, "\"key\": \"compute.gpus\"") != NULL);
	proc_done(&p);
	/* --set applies to both: gpus=8 on both sides leaves nothing changed;
	 * alpha=0.5 on both halves the ΔF of 8 GPUs: 600,000 / 0.5. */
	p = RUN_IN(path, "diff", "-", "seed", "--set", "gpus=8", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"changed\": [],\n") != NULL);
	proc_done(&p);
	p = RUN("diff", "seed", path, "--set", "alpha=0.5", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"capital\": 1200000\n") != NULL);
	proc_done(&p);
	unlink(path);
}

/* The lab plan has a third role the seed lacks and renames the first:
 * one item each, null on the side without the role. */
static void test_roles(void **state)
{
	char lab[4200];
	struct proc p;

	(void)state;
	snprintf(lab, sizeof lab, "%s/scenarios/lab-8gpu-servers.yaml", src);
	p = RUN("diff", "seed", lab, "--format", "json");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"key\": \"people.roles.2\",\n      \"a\": null,\n"
	                        "      \"b\": \"Infrastructure\"\n") != NULL);
	EXPECT(p, strstr(p.out, "\"key\": \"people.roles.0.name\",\n      \"a\": \"Data "
	                        "scientists\",\n") != NULL);
	EXPECT(p, strstr(p.out, "\"key\": \"data.label_cost\",\n      \"a\": 5,\n      \"b\": "
	                        "0.5\n") != NULL);
	proc_done(&p);
	p = RUN("diff", lab, "seed");
	EXPECT(p, p.status == 0 && strstr(p.out, "  people.roles.2 ") != NULL);
	EXPECT(p, strstr(p.out, "13 inputs differ:\n") != NULL);
	proc_done(&p);
	p = RUN("diff", "seed", "seed", "--format", "markdown");
	EXPECT(p,
	       p.status == 0 && strstr(p.out, "### Changed inputs\n\nNo input differs.\n") != NULL);
	proc_done(&p);
}

static void test_errors(void **state)
{
	char path[400], missing[400];
	struct proc p;

	(void)state;
	write_file("bad.yaml", bad_yaml, path, sizeof path);
	p = RUN("diff", "seed", path);
	EXPECT(p, p.status == 65);
	{
		char want[512];

		snprintf(want, sizeof want, "%s:3:3: ", path);
		EXPECT(p, strstr(p.err, want) != NULL);
	}
	proc_done(&p);
	snprintf(missing, sizeof missing, "%s/no-such.yaml", tmpdir);
	p = RUN("diff", missing, "seed");
	EXPECT(p, p.status == 66);
	proc_done(&p);
	p = RUN("diff", "seed");
	EXPECT(p, p.status == 2 && strstr(p.err, "two scenarios") != NULL);
	proc_done(&p);
	p = RUN("diff", "-", "-");
	EXPECT(p, p.status == 2 && strstr(p.err, "only one of A and B") != NULL);
	proc_done(&p);
	p = RUN("diff", "seed", "seed", "--format", "csv");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("diff", "seed", "seed", "--frobnicate");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("diff", "seed", "seed", "--set", "gpus=-1");
	EXPECT(p, p.status == 2 && strstr(p.err, "--set gpus=-1") != NULL);
	proc_done(&p);
	p = RUN("diff", "seed", "seed", "-f", "json", "--units", "m");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("diff", "--help");
	EXPECT(p, p.status == 0 && strstr(p.out, "BOTH plans") != NULL);
	proc_done(&p);
	p = RUN("--help");
	EXPECT(p, p.status == 0 && strstr(p.out, "  diff ") != NULL);
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_example_json),  cmocka_unit_test(test_text_and_markdown),
	        cmocka_unit_test(test_stdin_and_set), cmocka_unit_test(test_roles),
	        cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
