/* test_cli_timeline.c — `capdash timeline` and calc's runway keys, run as a
 * user runs them (cli_spawn.h).  The expected months are worked out here by
 * hand from the seed's inputs (C and D paid in month 1, every role's
 * salaries each month it is paid, cash = raise - every burn so far), never
 * taken from the CLI or from timeline_eval.  Start at main().
 */
#include "cli_spawn.h"

#define MAXM 240

/* A plan month by month as this file works it out. */
struct want {
	int months;
	int64_t c[MAXM], d[MAXM], h[MAXM], o[MAXM], burn[MAXM], cash[MAXM];
	int64_t capital, compute, data, people, other, raised;
	int64_t runway, at_last; /* 0: none */
	int64_t peak;
	int peak_month;
};

/* Half away from zero, as the model rounds. */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

/* The seed with role r starting in month start[r] (0: month 1) and a raise
 * (-1: F).  C and D are paid in month 1 (the defaults); no other costs. */
static struct want work_out(int months, const int start[2], int64_t raised)
{
	struct budget_input in;
	struct want w;
	int64_t h = 0, cash;

	seed_input(&in);
	memset(&w, 0, sizeof w);
	w.months = months;
	w.compute = in.gpus * in.gpu_unit_cost;      /* 5 × $200,000 */
	w.data = in.samples * in.label_cost / 10000; /* 500,000 × $5, µ$ to cents */
	for (int m = 1; m <= months; m++) {
		int64_t hm = 0;

		for (int r = 0; r < in.nroles; r++)
			if (m >= (start[r] ? start[r] : 1))
				hm += in.roles[r].count * in.roles[r].monthly_salary;
		w.c[m - 1] = m == 1 ? w.compute : 0;
		w.d[m - 1] = m == 1 ? w.data : 0;
		w.h[m - 1] = hm;
		w.burn[m - 1] = w.c[m - 1] + w.d[m - 1] + hm;
		h += hm;
	}
	w.people = h;
	w.capital = div_round((w.compute + w.data + h) * 1000000, in.alpha);
	w.raised = raised < 0 ? w.capital : raised;
	cash = w.raised;
	for (int m = 0; m < months; m++) {
		cash -= w.burn[m];
		w.cash[m] = cash;
		if (cash < 0 && !w.runway)
			w.runway = m + 1;
		if (w.burn[m] > w.peak) {
			w.peak = w.burn[m];
			w.peak_month = m + 1;
		}
	}
	if (!w.runway && months > 0 && w.burn[months - 1] > 0)
		w.at_last = months + cash / w.burn[months - 1] + 1;
	return w;
}

static const int no_start[2] = {0, 0};

static char *money(int64_t cents, char *buf)
{
	return money_format(cents, MONEY_CENTS, buf, 48);
}

/* Month m's object in the JSON (its "month" member), or fail. */
static const char *json_month(const char *json, int m)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof pat, "\"month\": %d,", m);
	p = strstr(json, pat);
	if (!p) {
		print_error("no %s in:\n%s\n", pat, json);
		fail();
	}
	return p;
}

/* Where the top-level members after the months array start. */
static const char *json_after_months(const char *json)
{
	const char *p = strstr(json, "\n  \"runway_months\": ");

	assert_non_null(p);
	return p;
}

static void check_json(const char *json, const struct want *w)
{
	const char *top;
	char v[64];

	for (int m = 1; m <= w->months; m++) {
		const char *o = json_month(json, m);

		assert_money_json(o, "compute", w->c[m - 1]);
		assert_money_json(o, "data", w->d[m - 1]);
		assert_money_json(o, "people", w->h[m - 1]);
		assert_money_json(o, "other", w->o[m - 1]);
		assert_money_json(o, "burn", w->burn[m - 1]);
		assert_money_json(o, "cash", w->cash[m - 1]);
	}
	snprintf(v, sizeof v, "\"month\": %d,", w->months + 1);
	assert_null(strstr(json, v));
	top = json_after_months(json);
	json_value(top, "runway_months", v, sizeof v);
	if (w->runway)
		assert_int_equal(atoll(v), w->runway);
	else
		assert_string_equal(v, "null");
	json_value(top, "runway_at_last_burn", v, sizeof v);
	if (w->at_last)
		assert_int_equal(atoll(v), w->at_last);
	else
		assert_string_equal(v, "null");
	assert_money_json(top, "monthly_burn_peak", w->peak);
	json_value(top, "burn_peak_month", v, sizeof v);
	if (w->peak_month)
		assert_int_equal(atoll(v), w->peak_month);
	else
		assert_string_equal(v, "null");
	assert_money_json(top, "raised", w->raised);
	assert_money_json(top, "capital", w->capital);
	assert_money_json(top, "compute", w->compute);
	assert_money_json(top, "data", w->data);
	assert_money_json(top, "people", w->people);
}

/* ---- every format for the seed ---- */

static void test_json_seed(void **state)
{
	struct proc p = RUN("timeline", "--format", "json");
	struct want w = work_out(12, no_start, -1);
	const char *top;
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, p.out[0] == '{' && strcmp(p.out + strlen(p.out) - 2, "}\n") == 0);
	json_value(p.out, "schema", v, sizeof v);
	assert_string_equal(v, "1");
	json_value(p.out, "file", v, sizeof v);
	assert_string_equal(v, "null");
	/* The figures issue 13 names: burn $3,950,000 then $450,000, F as the
	 * raise, $20,766,666.67 left after 12 months, out in month 59. */
	assert_int_equal(w.burn[0], 395000000);
	assert_int_equal(w.burn[1], 45000000);
	assert_int_equal(w.cash[11], 2076666667);
	assert_int_equal(w.at_last, 59);
	check_json(p.out, &w);
	top = json_after_months(p.out);
	json_value(top, "raised_is_capital", v, sizeof v);
	assert_string_equal(v, "true");
	assert_money_json(top, "cash_at_start", 0);
	assert_money_json(top, "other", 0);
	assert_money_json(top, "outside", 0);
	/* 5 GPUs × $2.49 × 730 h = $9,088.50 a month against 5 × $200,000:
	 * 1,000,000 / 9,088.5 = 110.03 months. */
	assert_money_json(top, "rent_month", 5 * 2490000LL * 730 / 10000);
	assert_money_json(top, "buy_total", 100000000);
	json_value(top, "breakeven_months", v, sizeof v);
	assert_string_equal(v, "110.0");
	json_value(top, "compute_mode", v, sizeof v);
	assert_string_equal(v, "\"buy\"");
	proc_done(&p);
}

/* Each month's row, whitespace-separated: "1 $1,000,000.00 ...". */
static void test_text_seed(void **state)
{
	struct proc p = RUN("timeline");
	struct want w = work_out(12, no_start, -1);
	char a[48], b[48], c[48], d[48], line[512];
	const char *l;

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strstr(p.out, "Seed: image recognition (built-in)\n\n") == p.out);
	l = strstr(p.out, "Month");
	EXPECT(p, l != NULL);
	EXPECT(p, strstr(l, "Compute C") && strstr(l, "Data D") && strstr(l, "People H") &&
	                  strstr(l, "Other O") && strstr(l, "Burn") && strstr(l, "Cash"));
	for (int m = 1; m <= 12; m++) {
		const char *cells[7];
		char buf[7][48];
		int n = 0;

		l = strchr(l, '\n') + 1;
		snprintf(buf[0], sizeof buf[0], "%d", m);
		money(w.c[m - 1], buf[1]);
		money(w.d[m - 1], buf[2]);
		money(w.h[m - 1], buf[3]);
		money(w.o[m - 1], buf[4]);
		money(w.burn[m - 1], buf[5]);
		money(w.cash[m - 1], buf[6]);
		for (int i = 0; i < 7; i++)
			cells[i] = buf[i];
		/* Cells in order, separated by blanks only. */
		for (const char *q = l; *q != '\n'; n++) {
			size_t len = strlen(cells[n]);

			while (*q == ' ')
				q++;
			assert_true(n < 7);
			if (strncmp(q, cells[n], len) != 0) {
				print_error("month %d cell %d: want %s in: %.*s\n", m, n, cells[n],
				            (int)(strchr(l, '\n') - l), l);
				fail();
			}
			q += len;
		}
		assert_int_equal(n, 7);
	}
	snprintf(line, sizeof line,
	         "\nrunway: lasts the 12 months; at the last month's burn (%s) it would run out "
	         "in month %lld\n",
	         money(w.burn[11], a), (long long)w.at_last);
	EXPECT(p, strstr(p.out, line) != NULL);
	snprintf(line, sizeof line, "\nmonthly burn peak: %s in month 1\n", money(w.peak, a));
	EXPECT(p, strstr(p.out, line) != NULL);
	snprintf(line, sizeof line,
	         "\nraised: %s (capital.raised not set: the raise is F); cash at start: $0.00\n",
	         money(w.capital, a));
	EXPECT(p, strstr(p.out, line) != NULL);
	EXPECT(p, strstr(p.out, "\nrent or buy: renting the 5 GPUs costs $9,088.50 a month; buying "
	                        "them costs $1,000,000.00: break-even after 110.0 months (the "
	                        "plan buys)\n") != NULL);
	snprintf(line, sizeof line,
	         "\ncapital F: %s = (C %s + D %s + H %s + O $0.00) / \xce\xb1 0.3 + \xce\xb2 "
	         "$0.00\n",
	         money(w.capital, a), money(w.compute, b), money(w.data, c), money(w.people, d));
	EXPECT(p, strstr(p.out, line) != NULL);
	EXPECT(p, strstr(p.out, "cash runs out") == NULL);
	proc_done(&p);
}

static void test_csv_seed(void **state)
{
	static const char header[] = "month,compute,data,people,other,burn,cash\n";
	struct proc p = RUN("timeline", "--format", "csv");
	struct want w = work_out(12, no_start, -1);
	const char *l = p.out;
	int rows = 0;

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strncmp(p.out, header, sizeof header - 1) == 0);
	for (l = strchr(l, '\n') + 1; *l; l = strchr(l, '\n') + 1) {
		char want[400], v[6][48];

		rows++;
		snprintf(want, sizeof want, "%d,%s,%s,%s,%s,%s,%s\n", rows,
		         money_decimal(w.c[rows - 1], v[0], 48),
		         money_decimal(w.d[rows - 1], v[1], 48),
		         money_decimal(w.h[rows - 1], v[2], 48),
		         money_decimal(w.o[rows - 1], v[3], 48),
		         money_decimal(w.burn[rows - 1], v[4], 48),
		         money_decimal(w.cash[rows - 1], v[5], 48));
		assert_true(rows <= 12);
		assert_memory_equal(l, want, strlen(want));
	}
	assert_int_equal(rows, 12);
	proc_done(&p);

	/* One row per month of the horizon, whatever it is. */
	p = RUN("timeline", "--format", "csv", "--set", "months=30");
	EXPECT(p, p.status == 0);
	rows = 0;
	for (l = p.out; *l; l = strchr(l, '\n') + 1)
		rows++;
	assert_int_equal(rows, 31);
	EXPECT(p, strstr(p.out, "\n30,0,0,450000,0,450000,") != NULL);
	proc_done(&p);
}

static void test_markdown_seed(void **state)
{
	struct proc p = RUN("timeline", "--format", "markdown");
	struct want w = work_out(12, no_start, -1);
	char a[48], b[48], c[48], row[400];
	const char *t;
	int rows = 0;

	(void)state;
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, strncmp(p.out, "**Seed: image recognition** (built-in)\n\n", 40) == 0);
	t = strstr(p.out, "\n| Month | Compute C | Data D | People H | Other O | Burn | Cash |\n"
	                  "|---:|---:|---:|---:|---:|---:|---:|\n");
	EXPECT(p, t != NULL);
	for (const char *l = strchr(t + 1, '\n') + 1; *l == '|'; l = strchr(l, '\n') + 1)
		rows++;
	assert_int_equal(rows, 13); /* the separator and 12 months */
	snprintf(row, sizeof row, "\n| 12 | $0.00 | $0.00 | %s | $0.00 | %s | %s |\n",
	         money(w.h[11], a), money(w.burn[11], b), money(w.cash[11], c));
	EXPECT(p, strstr(p.out, row) != NULL);
	snprintf(row, sizeof row, "\n- runway: lasts the 12 months; at the last month's burn (%s)",
	         money(w.burn[11], a));
	EXPECT(p, strstr(p.out, row) != NULL);
	EXPECT(p, strstr(p.out, "\n- monthly burn peak: ") != NULL);
	EXPECT(p, strstr(p.out, "\n- rent or buy: ") != NULL);
	EXPECT(p, strstr(p.out, "\n- capital F: ") != NULL);
	proc_done(&p);

	p = RUN("timeline", "--format", "md", "--units", "m");
	EXPECT(p, p.status == 0 &&
	                  strstr(p.out, "| 1 | $1.00M | $2.50M | $0.45M | $0.00M | $3.95M |"));
	proc_done(&p);
}

/* ---- what the issue asks of it ---- */

/* The ML engineers (role 1) hired from month 4: months 1-3 pay the data
 * scientists only, and F falls by 3 months of their salaries / α. */
static void test_role_from_month_4(void **state)
{
	static const int start[2] = {0, 4};
	struct proc p =
	        RUN("timeline", "--set", "people.roles.1.start_month=4", "--format", "json");
	struct want w = work_out(12, start, -1);

	(void)state;
	EXPECT(p, p.status == 0);
	assert_int_equal(w.h[2], 30000000); /* 10 × $30,000 */
	assert_int_equal(w.h[3], 45000000); /* 15 × $30,000 */
	assert_int_equal(w.people, 495000000);
	check_json(p.out, &w);
	proc_done(&p);

	p = RUN("calc", "--set", "people.roles.1.start_month=4", "--format", "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "people", w.people);
	assert_money_json(p.out, "capital", w.capital);
	EXPECT(p, strstr(p.out, "\"cost\": 1350000\n") != NULL); /* 5 × $30,000 × 9 */
	proc_done(&p);

	p = RUN("calc", "--set", "people.roles.1.start_month=4");
	EXPECT(p, p.status == 0);
	EXPECT(p,
	       strstr(p.out, "5 \xc3\x97 $30,000/month \xc3\x97 9 months (months 4-12)") != NULL);
	EXPECT(p, strstr(p.out, "people.roles.1.start_month") != NULL);
	proc_done(&p);
}

/* A $5M raise runs out inside the horizon: month 1 burns $3.95M, then
 * $450,000 a month, so the cash is below zero at the end of month 4. */
static void test_raise_runs_out(void **state)
{
	struct proc p = RUN("timeline", "--set", "raised=5000000", "--format", "json");
	struct want w = work_out(12, no_start, 500000000);
	char a[48], line[256];
	const char *top;
	char v[64];
	int n;

	(void)state;
	EXPECT(p, p.status == 0);
	assert_int_equal(w.runway, 4);
	assert_true(w.cash[2] >= 0 && w.cash[3] < 0);
	check_json(p.out, &w);
	top = json_after_months(p.out);
	json_value(top, "raised_is_capital", v, sizeof v);
	assert_string_equal(v, "false");
	proc_done(&p);

	p = RUN("timeline", "--set", "capital.raised=5000000");
	EXPECT(p, p.status == 0);
	snprintf(line, sizeof line, "\nrunway: cash runs out in month 4 (%s at its end)\n",
	         money(w.cash[3], a));
	EXPECT(p, strstr(p.out, line) != NULL);
	EXPECT(p, strstr(p.out, "-$") != NULL); /* the negative cash is shown signed */
	/* The month it runs out is marked on its row, and only there. */
	snprintf(line, sizeof line, "%s  cash runs out\n", money(w.cash[3], a));
	EXPECT(p, strstr(p.out, line) != NULL);
	n = 0;
	for (const char *q = p.out; (q = strstr(q, "cash runs out\n")) != NULL; q++)
		n++;
	assert_int_equal(n, 1);
	snprintf(line, sizeof line, "\nraised: $5,000,000.00; cash at start: $0.00\n");
	EXPECT(p, strstr(p.out, line) != NULL);
	proc_done(&p);

	/* Cash at start counts as much as the raise. */
	p = RUN("timeline", "--set", "raised=3000000", "--set", "cash_at_start=2000000", "--format",
	        "json");
	EXPECT(p, p.status == 0);
	w = work_out(12, no_start, 500000000);
	w.raised = 300000000;
	check_json(p.out, &w);
	proc_done(&p);
}

/* Cash that outlasts the plan and a last month that burns nothing: no
 * runway at all, null in JSON. */
static void test_never_runs_out(void **state)
{
	struct proc p = RUN("timeline", "--set", "people.roles.0.count=0", "--set",
	                    "people.roles.1.count=0", "--format", "json");
	const char *top;
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0);
	top = json_after_months(p.out);
	json_value(top, "runway_months", v, sizeof v);
	assert_string_equal(v, "null");
	json_value(top, "runway_at_last_burn", v, sizeof v);
	assert_string_equal(v, "null");
	proc_done(&p);
	p = RUN("timeline", "--set", "people.roles.0.count=0", "--set", "people.roles.1.count=0");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\nrunway: lasts the 12 months and never runs out at the last "
	                        "month's burn ($0.00)\n") != NULL);
	proc_done(&p);
}

/* A plan of no months: no rows, nulls, and it says why. */
static void test_no_months(void **state)
{
	struct proc p = RUN("timeline", "--set", "months=0", "--format", "json");
	const char *top;
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\"months\": []") != NULL);
	top = json_after_months(p.out);
	json_value(top, "runway_months", v, sizeof v);
	assert_string_equal(v, "null");
	json_value(top, "burn_peak_month", v, sizeof v);
	assert_string_equal(v, "null");
	proc_done(&p);
	p = RUN("timeline", "--set", "months=0");
	EXPECT(p, p.status == 0 && strstr(p.out, "runway: no months in the plan") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--set", "months=0", "--format", "csv");
	EXPECT(p,
	       p.status == 0 && strcmp(p.out, "month,compute,data,people,other,burn,cash\n") == 0);
	proc_done(&p);
}

/* Other cost lines from a file: O is every line (inside or outside the
 * allocation) in the months it is paid, plus β in month 1. */
static void test_other_costs_file(void **state)
{
	static const char yaml[] =
	        "name: costs\n"
	        "compute: {gpus: 1, gpu_unit_cost: 1000}\n"
	        "data: {samples: 0, label_cost: 0}\n"
	        "people:\n  months: 4\n  roles:\n    - {name: A, count: 1, monthly_salary: 100}\n"
	        "other_costs:\n"
	        "  - {name: Inference, monthly: 20, from: 2, to: 3}\n"
	        "  - {name: Legal, once: 50, month: 4}\n"
	        "  - {name: Credits, monthly: -10, allocation: outside}\n"
	        "capital: {alpha: 0.5, fixed_costs: 7, raised: 2000}\n";
	/* Month by month in dollars: C 1000 in month 1, H 100 a month, O:
	 * β 7 - 10 credit in month 1, 20 - 10 in months 2-3, 50 - 10 in 4. */
	static const int64_t other[4] = {7 - 10, 20 - 10, 20 - 10, 50 - 10};
	char path[300];
	struct proc p;
	int64_t cash = 200000;

	(void)state;
	write_file("bad.yaml", yaml, path, sizeof path);
	p = RUN("timeline", path, "--format", "json");
	EXPECT(p, p.status == 0);
	for (int m = 1; m <= 4; m++) {
		const char *o = json_month(p.out, m);
		int64_t burn = (m == 1 ? 100000 : 0) + 10000 + other[m - 1] * 100;

		cash -= burn;
		assert_money_json(o, "compute", m == 1 ? 100000 : 0);
		assert_money_json(o, "people", 10000);
		assert_money_json(o, "other", other[m - 1] * 100);
		assert_money_json(o, "burn", burn);
		assert_money_json(o, "cash", cash);
	}
	/* F = (C + H + O inside) / α + β + outside = (1000 + 400 + 90) / 0.5
	 * + 7 - 40. */
	assert_money_json(json_after_months(p.out), "capital", (149000 * 2) + 700 - 4000);
	assert_money_json(json_after_months(p.out), "other", 9000);
	assert_money_json(json_after_months(p.out), "outside", -4000);
	proc_done(&p);
	p = RUN("calc", path, "--format", "json");
	EXPECT(p, p.status == 0);
	assert_money_json(strstr(p.out, "\"roles\""), "other", 9000);
	assert_money_json(strstr(p.out, "\"roles\""), "outside", -4000);
	proc_done(&p);
	p = RUN("calc", path);
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\nOther O ") != NULL);
	EXPECT(p, strstr(p.out, "  Inference ") != NULL);
	EXPECT(p, strstr(p.out, "\nDirect C+D+H+O ") != NULL);
	EXPECT(p, strstr(p.out, "\nOutside ") != NULL && strstr(p.out, "  Credits ") != NULL);
	EXPECT(p, strstr(p.out, "$7.00 - $40.00\n") != NULL); /* + β - the credits */
	proc_done(&p);
}

/* Amounts that are not whole cents a month (a rented GPU-month at 85%, D
 * spread over 7 months) are rounded on the running total: every column adds
 * up exactly to the total calc prints, and each month's burn and cash follow
 * from its cells. */
static void test_months_add_up(void **state)
{
	static const char yaml[] =
	        "name: odd cents\n"
	        "compute: {gpus: 3, gpu_unit_cost: 1000, gpu_hourly_cost: 2.333333, mode: rent,\n"
	        "          rent_from: 2, hours_per_month: 701, utilisation: 0.85}\n"
	        "data: {samples: 1000, label_cost: 0.333333, schedule: spread, from: 1, to: 7}\n"
	        "people:\n  months: 7\n  roles:\n"
	        "    - {name: A, count: 3, monthly_salary: 1000.01, start_month: 3, end_month: 5}\n"
	        "other_costs:\n"
	        "  - {name: X, monthly: 10.05, from: 2}\n"
	        "  - {name: Y, once: -3, month: 6, allocation: outside}\n"
	        "capital: {alpha: 0.7, fixed_costs: 1.5, cash_at_start: 100}\n";
	static const char *const cols[] = {"compute", "data", "people", "other", "burn"};
	char path[300];
	int64_t sum[5] = {0}, cash = 0, raised, start, total[4], fixed = 150;
	const char *top;
	struct proc p;

	(void)state;
	write_file("bad.yaml", yaml, path, sizeof path);
	p = RUN("timeline", path, "--format", "json");
	EXPECT(p, p.status == 0);
	top = json_after_months(p.out);
	raised = json_int(top, "raised", BUDGET_UNIT_CENTS);
	start = json_int(top, "cash_at_start", BUDGET_UNIT_CENTS);
	assert_int_equal(start, 10000);
	cash = raised + start;
	for (int m = 1; m <= 7; m++) {
		const char *o = json_month(p.out, m);
		int64_t v[5];

		for (int c = 0; c < 5; c++) {
			v[c] = json_int(o, cols[c], BUDGET_UNIT_CENTS);
			sum[c] += v[c];
		}
		assert_int_equal(v[4], v[0] + v[1] + v[2] + v[3]);
		cash -= v[4];
		assert_int_equal(json_int(o, "cash", BUDGET_UNIT_CENTS), cash);
		if (m == 1)
			assert_int_equal(v[0], 0); /* rented from month 2 */
	}
	total[0] = json_int(top, "compute", BUDGET_UNIT_CENTS);
	total[1] = json_int(top, "data", BUDGET_UNIT_CENTS);
	total[2] = json_int(top, "people", BUDGET_UNIT_CENTS);
	total[3] = json_int(top, "other", BUDGET_UNIT_CENTS) +
	           json_int(top, "outside", BUDGET_UNIT_CENTS) + fixed;
	for (int c = 0; c < 4; c++)
		assert_int_equal(sum[c], total[c]);
	/* D = 1000 × $0.333333 = $333.333 -> $333.33; H = 3 × $1,000.01 × 3. */
	assert_int_equal(total[1], 33333);
	assert_int_equal(total[2], 900009);
	/* 3 × $2.333333 × 701 h × 0.85 = $4,170.8327... a month, 6 months. */
	assert_int_equal(total[0], div_round(3 * 2333333LL * 701 * 85 * 6, 100 * 10000));
	proc_done(&p);
	p = RUN("calc", path, "--format", "json");
	EXPECT(p, p.status == 0);
	assert_money_json(p.out, "compute", total[0]);
	assert_money_json(p.out, "data", total[1]);
	proc_done(&p);
}

/* compute.mode=rent: C is paid month by month, 5 × $2.49 × 730 h. */
static void test_rent(void **state)
{
	struct proc p = RUN("timeline", "--set", "compute.mode=rent", "--format", "json");
	int64_t rent = 5 * 2490000LL * 730 / 10000; /* cents a month */
	const char *top;
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0);
	for (int m = 1; m <= 12; m++)
		assert_money_json(json_month(p.out, m), "compute", rent);
	top = json_after_months(p.out);
	assert_money_json(top, "compute", 12 * rent);
	json_value(top, "compute_mode", v, sizeof v);
	assert_string_equal(v, "\"rent\"");
	proc_done(&p);
	p = RUN("timeline", "--set", "compute.mode=rent");
	EXPECT(p, p.status == 0 && strstr(p.out, "(the plan rents)\n") != NULL);
	proc_done(&p);
	/* calc says how C is formed and shows the word inputs. */
	p = RUN("calc", "--set", "compute.mode=rent");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "5 GPUs \xc3\x97 $2.49/h \xc3\x97 730 h a month") != NULL);
	EXPECT(p, strstr(p.out, "rented months 1-12\n") != NULL);
	EXPECT(p, strstr(p.out, "\n  compute.mode ") != NULL && strstr(p.out, " rent  ") != NULL);
	EXPECT(p, strstr(p.out, "compute.purchase_month") == NULL); /* buying only */
	proc_done(&p);
	p = RUN("calc", "--format", "csv");
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "\ncompute.mode,Buy or rent the GPUs,buy,word\n") != NULL);
	EXPECT(p, strstr(p.out, "\ncompute.purchase_month,") != NULL);
	EXPECT(p, strstr(p.out, "\ncompute.rent_from,") == NULL); /* renting only */
	proc_done(&p);
}

/* ---- errors and exit statuses, as calc's ---- */

static void test_errors(void **state)
{
	char path[300], want[400];
	struct proc p = RUN("timeline", "--set", "raisd=1");

	(void)state;
	EXPECT(p, p.status == 2 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "did you mean \"raised\"") != NULL);
	EXPECT(p, strstr(p.err, "Try 'capdash timeline --help'.") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--set", "months=241");
	EXPECT(p, p.status == 2 && strstr(p.err, "people.months") != NULL &&
	                  strstr(p.err, "241") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--set", "people.roles.0.start_month=241");
	EXPECT(p, p.status == 2 && strstr(p.err, "people.roles.0.start_month") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--format", "xml");
	EXPECT(p, p.status == 2 &&
	                  strstr(p.err, "--format: expected text, json, csv or markdown") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--format", "jsn");
	EXPECT(p, p.status == 2 && strstr(p.err, "did you mean 'json'") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--format", "csv", "--units", "k");
	EXPECT(p, p.status == 2 && strstr(p.err, "--units") != NULL);
	proc_done(&p);
	p = RUN("timeline", "--bogus");
	EXPECT(p, p.status == 2 && strstr(p.err, "'--bogus'") != NULL);
	proc_done(&p);
	p = RUN("timeline", "a.yaml", "b.yaml");
	EXPECT(p, p.status == 2 && strstr(p.err, "one scenario file") != NULL);
	proc_done(&p);
	write_file("bad.yaml", bad_yaml, path, sizeof path);
	p = RUN("timeline", path);
	EXPECT(p, p.status == 65 && p.out[0] == '\0');
	snprintf(want, sizeof want, "%s:3:3: ", path);
	EXPECT(p, strstr(p.err, want) == p.err);
	proc_done(&p);
	snprintf(path, sizeof path, "%s/no-such.yaml", tmpdir);
	p = RUN("timeline", path);
	EXPECT(p, p.status == 66 && p.out[0] == '\0' && strstr(p.err, path) == p.err);
	proc_done(&p);
	/* An explicit end before its start: refused by the model, naming it. */
	p = RUN("timeline", "--set", "people.roles.0.start_month=5", "--set",
	        "people.roles.0.end_month=3");
	EXPECT(p, p.status == 65 && p.out[0] == '\0');
	EXPECT(p, strstr(p.err, "people.roles.0.end_month") != NULL);
	proc_done(&p);
}

static void test_stdin_and_file(void **state)
{
	char path[4200];
	struct scenario sc;
	struct cd_errlist errs;
	struct budget_result r;
	struct proc p;

	(void)state;
	snprintf(path, sizeof path, "%s/scenarios/seed-image-recognition.yaml", src);
	cd_errlist_init(&errs);
	assert_int_equal(scenario_load(path, &sc, &errs), 0);
	r = eval(&sc.in);
	p = RUN_IN(path, "timeline", "-", "--format", "json");
	EXPECT(p, p.status == 0 && strstr(p.out, "\"file\": null") != NULL);
	assert_money_json(json_after_months(p.out), "capital", r.capital);
	proc_done(&p);
	p = RUN("timeline", path);
	EXPECT(p, p.status == 0 && strstr(p.out, path) != NULL);
	proc_done(&p);
	scenario_done(&sc);
	cd_errlist_done(&errs);
}

/* ---- calc's new keys ---- */

static void test_calc_runway_keys(void **state)
{
	struct want w = work_out(12, no_start, -1);
	struct proc p = RUN("calc", "--format", "json");
	char v[64];

	(void)state;
	EXPECT(p, p.status == 0);
	/* The seed's keys keep their values and their place. */
	EXPECT(p, strstr(p.out, "\"people\": 5400000,\n  \"direct\": 8900000,\n  \"capital\": "
	                        "29666666.67,\n") != NULL);
	json_value(p.out, "runway_months", v, sizeof v);
	assert_string_equal(v, "null");
	json_value(p.out, "runway_at_last_burn", v, sizeof v);
	assert_int_equal(atoll(v), w.at_last);
	assert_money_json(p.out, "monthly_burn_peak", w.peak);
	json_value(p.out, "burn_peak_month", v, sizeof v);
	assert_string_equal(v, "1");
	proc_done(&p);

	w = work_out(12, no_start, 500000000);
	p = RUN("calc", "--format", "json", "--set", "raised=5000000");
	EXPECT(p, p.status == 0);
	json_value(p.out, "runway_months", v, sizeof v);
	assert_int_equal(atoll(v), w.runway);
	json_value(p.out, "runway_at_last_burn", v, sizeof v);
	assert_string_equal(v, "null");
	assert_money_json(p.out, "capital", w.capital); /* the raise never moves F */
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_json_seed),
	        cmocka_unit_test(test_text_seed),
	        cmocka_unit_test(test_csv_seed),
	        cmocka_unit_test(test_markdown_seed),
	        cmocka_unit_test(test_role_from_month_4),
	        cmocka_unit_test(test_raise_runs_out),
	        cmocka_unit_test(test_never_runs_out),
	        cmocka_unit_test(test_no_months),
	        cmocka_unit_test(test_other_costs_file),
	        cmocka_unit_test(test_months_add_up),
	        cmocka_unit_test(test_rent),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_stdin_and_file),
	        cmocka_unit_test(test_calc_runway_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
