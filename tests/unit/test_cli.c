/* test_cli.c — the capdash command line, run as a user runs it: the built
 * binary is started with posix_spawn (cli_spawn.h) and its stdout, stderr and
 * exit status are checked.  calc (every format, --set forms and errors, bad
 * and missing files, standard input), help of every command in the table,
 * --version, unknown commands and the dashboard's not-a-terminal fallback.
 * Expected figures come from the model evaluated in this process, never from
 * the CLI.  sweep/seek/validate: test_cli_whatif.c; pure helpers:
 * test_cli_format.c.  Start at main().
 */
#include "cli_spawn.h"

/* ---- calc: the done-when figures ---- */

static void test_calc_json_seed(void **state)
{
	struct proc p = RUN("calc", "--format", "json");
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strstr(p.out, "\"capital\": 29666666.67,") != NULL);
	EXPECT(p, strstr(p.out, "\"compute\": 1000000,") != NULL);
	EXPECT(p, strstr(p.out, "\"data\": 2500000,") != NULL);
	EXPECT(p, strstr(p.out, "\"people\": 5400000,") != NULL);
	EXPECT(p, strstr(p.out, "\"direct\": 8900000,") != NULL);
	json_value(p.out, "schema", v, sizeof v);
	assert_string_equal(v, "1");
	json_value(p.out, "alpha", v, sizeof v);
	assert_string_equal(v, "0.3");
	json_value(p.out, "fixed_costs", v, sizeof v);
	assert_string_equal(v, "0");
	json_value(p.out, "gpus", v, sizeof v);
	assert_string_equal(v, "5");
	json_value(p.out, "gpu_unit_cost", v, sizeof v);
	assert_string_equal(v, "200000");
	json_value(p.out, "scenario", v, sizeof v);
	assert_string_equal(v, "\"Seed: image recognition\"");
	EXPECT(p, strstr(p.out, "\"name\": \"Data scientists\"") != NULL);
	EXPECT(p, strstr(p.out, "\"cost\": 3600000\n") != NULL);
	EXPECT(p, strstr(p.out, "\"cost\": 1800000\n") != NULL);
	EXPECT(p, p.out[0] == '{' && strcmp(p.out + strlen(p.out) - 2, "}\n") == 0);
	proc_done(&p);
}

static void test_calc_set_gpus(void **state)
{
	struct proc p = RUN("calc", "--set", "gpus=8", "--format", "json");

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"compute\": 1600000,") != NULL);
	EXPECT(p, strstr(p.out, "\"capital\": 31666666.67,") != NULL);
	EXPECT(p, strstr(p.out, "\"gpus\": 8,") != NULL);
	proc_done(&p);
}

static void test_calc_units_wan(void **state)
{
	struct proc p = RUN("calc", "--units", "wan");

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "2,966.67\xe4\xb8\x87") != NULL);
	EXPECT(p, strstr(p.out, "540.00\xe4\xb8\x87") != NULL);
	proc_done(&p);
}

static void test_calc_text(void **state)
{
	struct proc p = RUN("calc");

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strstr(p.out, "Seed: image recognition (built-in)\n") == p.out);
	EXPECT(p, strstr(p.out, "$29,666,666.67") != NULL);
	EXPECT(p, strstr(p.out, "$8,900,000.00") != NULL);
	EXPECT(p, strstr(p.out, "Data scientists") != NULL);
	EXPECT(p, strstr(p.out, "$3,600,000.00") != NULL);
	EXPECT(p, strstr(p.out, "$1,800,000.00") != NULL);
	EXPECT(p, strstr(p.out, "compute.gpus") != NULL);
	proc_done(&p);
}

/* Every amount column lines up: the '.' of each breakdown amount is in the
 * same column (display columns, the locale is UTF-8). */
static void test_calc_text_aligned(void **state)
{
	struct proc p = RUN("calc", "--units", "wan");
	long col = -1;
	int rows = 0;

	(void)state;
	EXPECT(p, p.status == 0);
	for (const char *line = p.out; *line; line = strchr(line, '\n') + 1) {
		const char *w = strstr(line, "\xe4\xb8\x87"); /* 万 */
		const char *eol = strchr(line, '\n');
		char buf[256];
		size_t len;

		if (!w || w > eol)
			continue;
		len = (size_t)(w - line);
		assert_true(len < sizeof buf);
		memcpy(buf, line, len);
		buf[len] = '\0';
		if (col < 0)
			col = (long)cli_display_width(buf);
		assert_int_equal((long)cli_display_width(buf), col);
		rows++;
	}
	assert_true(rows >= 6);
	proc_done(&p);
}

static void test_calc_ascii_locale(void **state)
{
	struct proc p;

	(void)state;
	setenv("LC_ALL", "C", 1);
	p = RUN("calc");
	setenv("LC_ALL", "C.UTF-8", 1);
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "/ alpha + beta") != NULL);
	EXPECT(p, strstr(p.out, "5 GPUs x $200,000") != NULL);
	proc_done(&p);
}

/* ---- --set forms, checked against the model in this process ---- */

static const struct set_case {
	const char *arg;
	enum budget_field_id id;
	int role;
	int64_t v;
} set_cases[] = {
        {"gpus=8", BF_GPUS, 0, 8},
        {"compute.gpus=8", BF_GPUS, 0, 8},
        {"capital.alpha=0.25", BF_ALPHA, 0, 250000},
        {"alpha=0.25", BF_ALPHA, 0, 250000},
        {"people.roles.0.count=12", BF_ROLE_COUNT, 0, 12},
        {"people.roles.1.monthly_salary=25000.50", BF_ROLE_SALARY, 1, 2500050},
        {"samples=1,000,000", BF_SAMPLES, 0, 1000000},
        {"data.samples=5e5", BF_SAMPLES, 0, 500000},
        {"months=18", BF_MONTHS, 0, 18},
        {"compute.gpu_unit_cost=$250,000", BF_GPU_UNIT_COST, 0, 25000000},
        {"capital.fixed_costs=1000000", BF_FIXED_COSTS, 0, 100000000},
        {"data.label_cost=0.25", BF_LABEL_COST, 0, 250000}, /* micro-dollars */
        {"label_cost=0.000002", BF_LABEL_COST, 0, 2},
        {"label_cost=$0.000001", BF_LABEL_COST, 0, 1},
        {"label_cost=100", BF_LABEL_COST, 0, 100000000},
        {"gpu_hourly_cost=2.490001", BF_GPU_HOURLY_COST, 0, 2490001},
        {"scaling_efficiency=0.05", BF_SCALING_EFFICIENCY, 0, 50000},
};

static void test_calc_set_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
		const struct set_case *c = &set_cases[i];
		struct proc p = RUN("calc", "--format", "json", "--set", c->arg);
		struct budget_input in;
		struct budget_result r;
		struct budget_key k = {c->id, c->role};

		seed_input(&in);
		assert_int_equal(budget_set(&in, k, c->v, NULL), 0);
		r = eval(&in);
		EXPECT(p, p.status == 0);
		assert_money_json(p.out, "compute", r.compute);
		assert_money_json(p.out, "data", r.data);
		assert_money_json(p.out, "people", r.people);
		assert_money_json(p.out, "capital", r.capital);
		proc_done(&p);
	}
}

static void test_calc_set_repeated_in_order(void **state)
{
	struct proc p = RUN("calc", "--format", "json", "--set", "gpus=8", "-s", "gpus=10",
	                    "--set=alpha=0.5");
	struct budget_input in;

	(void)state;
	seed_input(&in);
	in.gpus = 10;
	in.alpha = 500000;
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "capital", eval(&in).capital);
	proc_done(&p);
}

static void test_calc_bad_set_key(void **state)
{
	struct proc p = RUN("calc", "--set", "gpu=8");

	(void)state;
	EXPECT(p, p.status == 2 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "capdash: ") == p.err);
	EXPECT(p, strstr(p.err, "\"gpu\"") != NULL);
	EXPECT(p, strstr(p.err, "did you mean \"gpus\"") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "capital.alpah=0.2");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean \"capital.alpha\"") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "people.roles.7.count=1");
	EXPECT(p, p.status == 2 && strstr(p.err, "people.roles.7") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "gpus");
	EXPECT(p, p.status == 2 && strstr(p.err, "KEY=VALUE") != NULL);
	proc_done(&p);
}

static void test_calc_bad_set_value(void **state)
{
	struct proc p = RUN("calc", "--set", "gpus=2000000");

	(void)state;
	EXPECT(p, p.status == 2 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "compute.gpus") != NULL);
	EXPECT(p, strstr(p.err, "from 0 to 1,000,000") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "alpha=0");
	EXPECT(p, p.status == 2 && strstr(p.err, "capital.alpha") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "alpha=1.5");
	EXPECT(p, p.status == 2 && strstr(p.err, "at most 1") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "gpus=abc");
	EXPECT(p, p.status == 2 && strstr(p.err, "\"abc\"") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "gpus=-1");
	EXPECT(p, p.status == 2 && strstr(p.err, "gpus") != NULL);
	proc_done(&p);
}

/* Issue 8: prices below a cent.  D = 1e10 × $0.000002 = $20,000 exactly;
 * the price is echoed with the digits it has in every format and unit. */
static void test_calc_micro_prices(void **state)
{
	static const char *const units[] = {"usd", "k", "m", "wan"};
	struct proc p = RUN("calc", "--set", "label_cost=0.000002", "--set", "samples=10000000000",
	                    "--format", "json");
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0);
	json_value(p.out, "data", v, sizeof v);
	assert_string_equal(v, "20000");
	json_value(p.out, "label_cost", v, sizeof v);
	assert_string_equal(v, "0.000002");
	json_value(p.out, "gpu_hourly_cost", v, sizeof v);
	assert_string_equal(v, "2.49");
	json_value(p.out, "scaling_efficiency", v, sizeof v);
	assert_string_equal(v, "1");
	proc_done(&p);

	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		p = RUN("calc", "--set", "label_cost=0.000002", "--units", units[i]);
		EXPECT(p, p.status == 0);
		EXPECT(p, strstr(p.out, "500,000 samples") != NULL);
		EXPECT(p, strstr(p.out, " $0.000002\n") != NULL); /* the inputs row */
		EXPECT(p, strstr(p.out, "samples \xc3\x97 $0.000002") != NULL ||
		                  strstr(p.out, "samples x $0.000002") != NULL);
		EXPECT(p, strstr(p.out, " $2.49 ") != NULL);
		proc_done(&p);
		p = RUN("calc", "--set", "label_cost=0.000002", "--units", units[i], "--format",
		        "markdown");
		EXPECT(p, p.status == 0);
		EXPECT(p, strstr(p.out, "| $0.000002 |") != NULL);
		EXPECT(p, strstr(p.out, "× $0.000002") != NULL);
		proc_done(&p);
	}
	p = RUN("calc", "--set", "label_cost=0.000002", "--format", "csv");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\ndata.label_cost,Label cost,0.000002,USD\n") != NULL);
	EXPECT(p, strstr(p.out, "\ncompute.gpu_hourly_cost,") != NULL);
	EXPECT(p, strstr(p.out, ",2.49,USD\n") != NULL);
	EXPECT(p, strstr(p.out, "\ndata,Data D,1,USD\n") != NULL); /* 500,000 × 2 µ$ = $1 */
	proc_done(&p);
}

/* More than six decimals is refused, naming the field, the precision and
 * the value: exit 2 for --set, 65 with FILE:LINE:COL for a file. */
static void test_calc_micro_refused(void **state)
{
	static const char yaml[] = "compute: {gpus: 1, gpu_unit_cost: 1}\n"
	                           "data: {samples: 1, label_cost: 0.0000001}\n"
	                           "people: {months: 1, roles: []}\n"
	                           "capital: {alpha: 1}\n";
	char path[300], want[600];
	struct proc p = RUN("calc", "--set", "label_cost=0.0000001");

	(void)state;
	EXPECT(p, p.status == 2 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "label_cost") != NULL);
	EXPECT(p, strstr(p.err, "at most 6 decimals") != NULL);
	EXPECT(p, strstr(p.err, "\"0.0000001\"") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "gpu_hourly_cost=1.0000001");
	EXPECT(p, p.status == 2 && strstr(p.err, "at most 6 decimals") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "label_cost=100.000001");
	EXPECT(p, p.status == 2 && strstr(p.err, "from $0 to $100") != NULL &&
	                  strstr(p.err, "$100.000001") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set", "scaling_efficiency=0.04");
	EXPECT(p, p.status == 2 && strstr(p.err, "from 0.05 to 1, got 0.04") != NULL);
	proc_done(&p);
	write_file("micro.yaml", yaml, path, sizeof path);
	p = RUN("calc", path);
	EXPECT(p, p.status == 65 && p.out[0] == '\0');
	snprintf(want, sizeof want,
	         "%s:2:32: data.label_cost: expected a price with at most 6 decimals (whole "
	         "micro-dollars, $0.000001), got \"0.0000001\"\n",
	         path);
	EXPECT(p, strcmp(p.err, want) == 0);
	proc_done(&p);
}

/* ---- formats ---- */

/* Fields of one CSV line (no quoted commas in the lines checked). */
static int csv_fields(const char *line)
{
	int n = 1, quoted = 0;

	for (; *line && *line != '\n'; line++) {
		if (*line == '"')
			quoted = !quoted;
		else if (*line == ',' && !quoted)
			n++;
	}
	return n;
}

static void test_calc_csv(void **state)
{
	struct proc p = RUN("calc", "--format", "csv");
	const char *line;
	int lines = 0;

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strncmp(p.out, "key,label,value,unit\n", 21) == 0);
	EXPECT(p, strstr(p.out, "\ncapital,Capital F,29666666.67,USD\n") != NULL);
	EXPECT(p, strstr(p.out, "\ncompute.gpus,GPUs,5,count\n") != NULL);
	EXPECT(p, strstr(p.out, "\ncapital.alpha,") != NULL);
	EXPECT(p, strstr(p.out, "\npeople.roles.0.cost,Data scientists,3600000,USD\n") != NULL);
	for (line = p.out; *line; line = strchr(line, '\n') + 1) {
		assert_int_equal(csv_fields(line), 4);
		lines++;
	}
	assert_true(lines >= 19);
	proc_done(&p);
}

static void test_calc_markdown(void **state)
{
	struct proc p = RUN("calc", "--format", "markdown");
	const char *t;

	(void)state;
	EXPECT(p, p.status == 0);
	t = strstr(p.out, "\n| Item | Amount | How |\n|:---|---:|:---|\n");
	EXPECT(p, t != NULL);
	EXPECT(p, strstr(p.out, "| Capital F | $29,666,666.67 |") != NULL);
	EXPECT(p, strstr(p.out, "| H: Data scientists | $3,600,000.00 |") != NULL);
	/* every table line has 3 cells: 4 pipes */
	for (const char *l = t + 1; *l == '|'; l = strchr(l, '\n') + 1) {
		int pipes = 0;

		for (const char *c = l; *c != '\n'; c++)
			pipes += *c == '|' && (c == l || c[-1] != '\\');
		assert_int_equal(pipes, 4);
	}
	proc_done(&p);
	p = RUN("calc", "--format", "markdown", "--units", "m");
	EXPECT(p, p.status == 0 && strstr(p.out, "| Capital F | $29.67M |") != NULL);
	proc_done(&p);
}

static void test_calc_bad_options(void **state)
{
	struct proc p = RUN("calc", "--format", "jsno");

	(void)state;
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean 'json'") != NULL);
	proc_done(&p);
	p = RUN("calc", "--fromat", "json");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean '--format'") != NULL);
	proc_done(&p);
	p = RUN("calc", "--units", "yen");
	EXPECT(p, p.status == 2 && strstr(p.err, "usd, k, m or wan") != NULL);
	proc_done(&p);
	p = RUN("calc", "--format", "json", "--units", "k");
	EXPECT(p, p.status == 2 && strstr(p.err, "--units") != NULL);
	proc_done(&p);
	p = RUN("calc", "--set");
	EXPECT(p, p.status == 2 && strstr(p.err, "needs a value") != NULL);
	proc_done(&p);
}

/* ---- files ---- */

static void test_calc_bad_file(void **state)
{
	char path[300], want[400];
	struct proc p;

	(void)state;
	write_file("bad.yaml", bad_yaml, path, sizeof path);
	p = RUN("calc", path);
	EXPECT(p, p.status == 65 && p.out[0] == '\0');
	snprintf(want, sizeof want, "%s:3:3: ", path);
	EXPECT(p, strstr(p.err, want) == p.err);
	snprintf(want, sizeof want, "\n%s:4:", path);
	EXPECT(p, strstr(p.err, want) != NULL);
	snprintf(want, sizeof want, "\n%s:12:", path);
	EXPECT(p, strstr(p.err, want) != NULL);
	proc_done(&p);
}

static void test_calc_missing_file(void **state)
{
	char path[300];
	struct proc p;

	(void)state;
	snprintf(path, sizeof path, "%s/no-such.yaml", tmpdir);
	p = RUN("calc", path);
	EXPECT(p, p.status == 66 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, path) == p.err);
	proc_done(&p);
	p = RUN("calc", tmpdir); /* a directory */
	EXPECT(p, p.status == 66 && strstr(p.err, tmpdir) != NULL);
	proc_done(&p);
}

static void test_calc_file_and_stdin(void **state)
{
	char path[4200];
	struct scenario sc;
	struct cd_errlist errs;
	struct budget_result r;
	struct proc p;

	(void)state;
	snprintf(path, sizeof path, "%s/scenarios/lab-8gpu-servers.yaml", src);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load(path, &sc, &errs), 0);
	r = eval(&sc.in);
	p = RUN("calc", path, "--format", "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "capital", r.capital);
	assert_money_json(p.out, "people", r.people);
	proc_done(&p);
	p = RUN_IN(path, "calc", "-", "--format", "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "capital", r.capital);
	EXPECT(p, strstr(p.out, "\"file\": null") != NULL);
	proc_done(&p);
	scenario_done(&sc);
	cd_errlist_done(&errs);
}

static void test_calc_json_escapes_names(void **state)
{
	char path[300];
	struct proc p;

	(void)state;
	write_file("quotes.yaml",
	           "name: 'He said \"hi\" \\ ok'\n"
	           "compute: {gpus: 1, gpu_unit_cost: 10}\n"
	           "data: {samples: 1, label_cost: 1}\n"
	           "people:\n  months: 1\n  roles:\n    - {name: 'a\"b', count: 1, "
	           "monthly_salary: 1}\n"
	           "capital: {alpha: 1, fixed_costs: 0}\n",
	           path, sizeof path);
	p = RUN("calc", path, "--format", "json");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"scenario\": \"He said \\\"hi\\\" \\\\ ok\"") != NULL);
	EXPECT(p, strstr(p.out, "\"name\": \"a\\\"b\"") != NULL);
	proc_done(&p);
}

static void test_write_error(void **state)
{
	struct proc p = run_to(NULL, "/dev/full", (const char *const[]){"calc", NULL});

	(void)state;
	EXPECT(p, p.status == 1 && strstr(p.err, "capdash: writing the output failed") != NULL);
	proc_done(&p);
}

/* ---- help, version, commands ---- */

static void test_help_every_command(void **state)
{
	(void)state;
	for (size_t i = 0; i < cli_ncmds; i++) {
		const char *name = cli_cmds[i].name;
		struct proc p = RUN(name, "--help");
		struct proc q = RUN("help", name);
		char want[64];

		snprintf(want, sizeof want, "Usage: capdash %s", name);
		if (!strcmp(name, "help"))
			snprintf(want, sizeof want, "Usage: capdash");
		EXPECT(p, p.status == 0 && strstr(p.out, want) == p.out && p.err[0] == '\0');
		EXPECT(q, q.status == 0 && strcmp(p.out, q.out) == 0);
		proc_done(&p);
		proc_done(&q);
	}
}

static void test_main_help_lists_commands(void **state)
{
	struct proc p = RUN("--help");

	(void)state;
	EXPECT(p, p.status == 0 && strstr(p.out, "Usage: capdash") == p.out);
	for (size_t i = 0; i < cli_ncmds; i++) {
		char want[64];

		snprintf(want, sizeof want, "\n  %s ", cli_cmds[i].name);
		EXPECT(p, strstr(p.out, want) != NULL);
		EXPECT(p, strstr(p.out, cli_cmds[i].summary) != NULL);
	}
	proc_done(&p);
}

static void test_version(void **state)
{
	struct proc p = RUN("--version");

	(void)state;
	EXPECT(p, p.status == 0 && strncmp(p.out, "capdash ", 8) == 0);
	EXPECT(p, p.out[8] >= '0' && p.out[8] <= '9');
	proc_done(&p);
}

static void test_unknown_command(void **state)
{
	struct proc p = RUN("clac");

	(void)state;
	EXPECT(p, p.status == 2 && strstr(p.err, "unknown command 'clac' (did you mean 'calc'?)"));
	proc_done(&p);
	p = RUN("valdiate", "x");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean 'validate'"));
	proc_done(&p);
	p = RUN("frobnicate");
	EXPECT(p, p.status == 2 && strstr(p.err, "'frobnicate'") != NULL);
	proc_done(&p);
	p = RUN("help", "sweeep");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean 'sweep'"));
	proc_done(&p);
	p = RUN("--bogus");
	EXPECT(p, p.status == 2 && strstr(p.err, "'--bogus'"));
	proc_done(&p);
	p = RUN("--no-color", "calc");
	EXPECT(p, p.status == 2 && strstr(p.err, "put it first"));
	proc_done(&p);
}

static void test_dashboard_not_a_terminal(void **state)
{
	char path[4200];
	struct proc p = RUN("--no-mouse");

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.err, "capdash: not a terminal; showing 'capdash calc'") == p.err);
	EXPECT(p, strstr(p.out, "$29,666,666.67") != NULL);
	proc_done(&p);
	snprintf(path, sizeof path, "%s/scenarios/finetune-shop-cloud.yaml", src);
	p = RUN(path, "--theme", "dark");
	EXPECT(p, p.status == 0 && strstr(p.out, path) != NULL && strstr(p.err, path) != NULL);
	proc_done(&p);
	p = RUN("--refresh", "0");
	EXPECT(p, p.status == 2 && strstr(p.err, "1 to 60") != NULL);
	proc_done(&p);
	p = RUN("--run");
	EXPECT(p, p.status == 2 && strstr(p.err, "--run needs the command after '--'") != NULL);
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_calc_json_seed),
	        cmocka_unit_test(test_calc_set_gpus),
	        cmocka_unit_test(test_calc_units_wan),
	        cmocka_unit_test(test_calc_text),
	        cmocka_unit_test(test_calc_text_aligned),
	        cmocka_unit_test(test_calc_ascii_locale),
	        cmocka_unit_test(test_calc_set_forms),
	        cmocka_unit_test(test_calc_set_repeated_in_order),
	        cmocka_unit_test(test_calc_bad_set_key),
	        cmocka_unit_test(test_calc_bad_set_value),
	        cmocka_unit_test(test_calc_micro_prices),
	        cmocka_unit_test(test_calc_micro_refused),
	        cmocka_unit_test(test_calc_csv),
	        cmocka_unit_test(test_calc_markdown),
	        cmocka_unit_test(test_calc_bad_options),
	        cmocka_unit_test(test_calc_bad_file),
	        cmocka_unit_test(test_calc_missing_file),
	        cmocka_unit_test(test_calc_file_and_stdin),
	        cmocka_unit_test(test_calc_json_escapes_names),
	        cmocka_unit_test(test_write_error),
	        cmocka_unit_test(test_help_every_command),
	        cmocka_unit_test(test_main_help_lists_commands),
	        cmocka_unit_test(test_version),
	        cmocka_unit_test(test_unknown_command),
	        cmocka_unit_test(test_dashboard_not_a_terminal),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
