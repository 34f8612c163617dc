/* test_cli_sensitivity.c — capdash sensitivity, run as a user runs it
 * (cli_spawn.h): the example (the seed at 10%: alpha first, F from
 * $32,962,962.96 to $26,969,696.97) in every format, --step, --set, and the
 * errors.  Start at main().
 */
#include "cli_spawn.h"

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_json(void **state)
{
	struct proc p;
	const char *second;

	(void)state;
	p = RUN("sensitivity", "--format", "json");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"schema\": 1,\n") != NULL);
	EXPECT(p, strstr(p.out, "\"step\": 10,\n") != NULL);
	EXPECT(p, strstr(p.out, "\"capital\": 29666666.67,\n") != NULL);
	/* alpha first, with both ends exactly as the issue says. */
	EXPECT(p, strstr(p.out, "\"items\": [\n    {\n      \"key\": \"capital.alpha\",\n"
	                        "      \"low_value\": 0.27,\n      \"high_value\": 0.33,\n"
	                        "      \"low_capital\": 32962962.96,\n"
	                        "      \"high_capital\": 26969696.97,\n"
	                        "      \"swing\": 5993265.99,\n") != NULL);
	/* then the horizon, 12 months to 11 and 13 (whole months). */
	second = strstr(p.out, "\"key\": \"people.months\"");
	EXPECT(p, second != NULL && second > strstr(p.out, "capital.alpha"));
	assert_money_json(second, "low_capital", 2816666667);
	assert_money_json(second, "high_capital", 3116666667);
	/* Every input F depends on for the seed: 7 scalars and 4 per role. */
	EXPECT(p, count(p.out, "\"key\": ") == 15);
	proc_done(&p);
}

static void test_step_and_set(void **state)
{
	struct proc p;
	const char *g;

	(void)state;
	/* 20% of 5 GPUs is exactly 1; of alpha 0.06. */
	p = RUN("sensitivity", "--step", "20%", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"step\": 20,\n") != NULL);
	EXPECT(p, strstr(p.out, "\"low_value\": 0.24,\n      \"high_value\": 0.36,") != NULL);
	proc_done(&p);
	/* 5% of 10 GPUs is half a GPU: a whole one each way, rounded away. */
	p = RUN("sensitivity", "--set", "gpus=10", "--step", "5", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"step\": 5,\n") != NULL);
	g = strstr(p.out, "\"key\": \"compute.gpus\"");
	EXPECT(p, g != NULL);
	EXPECT(p, strstr(g, "\"low_value\": 9,\n      \"high_value\": 11,") ==
	                  strstr(g, "\"low_value\""));
	EXPECT(p, strstr(g, "\"whole_units\": true") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "--step", "2.5%", "-f", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"step\": 2.5,\n") != NULL);
	EXPECT(p, strstr(p.out, "\"low_value\": 0.2925,") != NULL);
	proc_done(&p);
}

static void test_text_csv_markdown(void **state)
{
	struct proc p;
	const char *chart;

	(void)state;
	p = RUN("sensitivity");
	EXPECT(p, p.status == 0);
	EXPECT(p,
	       strstr(p.out, "each input down and up by 10%; F is $29,666,666.67 now\n") != NULL);
	EXPECT(p, strstr(p.out, "\ncapital.alpha                      0.27  $32,962,962.96      "
	                        "0.33  $26,969,696.97  $5,993,265.99\n") != NULL);
	EXPECT(p, strstr(p.out, "compute.gpus                          4  $29,000,000.00         "
	                        "6  $30,333,333.33  $1,333,333.33  rounded away\n") != NULL);
	/* The chart: every line in
	 * 80 columns. */
	chart = strstr(p.out, "\n\n                                                   F\n");
	EXPECT(p, chart != NULL);
	/* F falls by $2.70M at the high alpha, rises by $3.30M (the longest
	 * bar, 20 characters) at the low one: 16 characters left. */
	EXPECT(p, strstr(chart, "\ncapital.alpha                      ----------------|"
	                        "++++++++++++++++++++\n") != NULL);
	for (const char *l = chart + 2; *l;) {
		const char *e = strchr(l, '\n');

		EXPECT(p, e != NULL && e - l <= 80);
		l = e + 1;
	}
	proc_done(&p);

	p = RUN("sensitivity", "-f", "csv");
	EXPECT(p, p.status == 0);
	EXPECT(p, strncmp(p.out,
	                  "key,low_value,high_value,low_capital,high_capital,swing\n"
	                  "capital.alpha,0.27,0.33,32962962.96,26969696.97,5993265.99\n"
	                  "people.months,11,13,",
	                  120) == 0);
	EXPECT(p, strstr(p.out, "data.label_cost,4.5,5.5,") != NULL);
	proc_done(&p);

	p = RUN("sensitivity", "-f", "markdown", "--units", "m");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "| Input | Low | F at low | High | F at high | Swing | Note |\n") !=
	                  NULL);
	EXPECT(p,
	       strstr(p.out, "| capital.alpha | 0.27 | $32.96M | 0.33 | $26.97M | $5.99M |  |\n") !=
	               NULL);
	proc_done(&p);
}

static void test_errors(void **state)
{
	static const char *const bad_steps[] = {"0", "101", "0.5", "1.25", "ten", "-10"};
	struct proc p;
	char path[400];

	(void)state;
	for (size_t i = 0; i < sizeof bad_steps / sizeof bad_steps[0]; i++) {
		p = RUN("sensitivity", "--step", bad_steps[i]);
		EXPECT(p, p.status == 2 && strstr(p.err, "from 1% to 100%") != NULL);
		EXPECT(p, p.out[0] == '\0');
		proc_done(&p);
	}
	p = RUN("sensitivity", "--step");
	EXPECT(p, p.status == 2 && strstr(p.err, "needs a value") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "--format", "xml");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("sensitivity", "-f", "json", "--units", "m");
	EXPECT(p, p.status == 2 && strstr(p.err, "--units") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "a.yaml", "b.yaml");
	EXPECT(p, p.status == 2);
	proc_done(&p);
	p = RUN("sensitivity", "--set", "gpus=-1");
	EXPECT(p, p.status == 2 && strstr(p.err, "--set gpus=-1") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "/nonexistent/x.yaml");
	EXPECT(p, p.status == 66);
	proc_done(&p);
	write_file("bad.yaml", bad_yaml, path, sizeof path);
	p = RUN("sensitivity", path);
	EXPECT(p, p.status == 65 && strstr(p.err, "bad.yaml:") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "--stpe", "5");
	EXPECT(p, p.status == 2 && strstr(p.err, "--step") != NULL);
	proc_done(&p);
	p = RUN("sensitivity", "--help");
	EXPECT(p, p.status == 0 && strstr(p.out, "--step P") != NULL);
	proc_done(&p);
	p = RUN("--help");
	EXPECT(p, p.status == 0 && strstr(p.out, "  sensitivity ") != NULL);
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_json),
	        cmocka_unit_test(test_step_and_set),
	        cmocka_unit_test(test_text_csv_markdown),
	        cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
