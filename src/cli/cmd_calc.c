/* cmd_calc.c — `capdash calc`: the capital breakdown of one scenario.
 *
 * Loads the scenario (or the built-in seed), applies --set, asks the model
 * for every figure and prints them as text, JSON (schema 1, documented in
 * capdash(1)), CSV or Markdown.  Every number is formatted by the model;
 * this file does no arithmetic on money.  Must not exit.  Start at
 * cmd_calc(), then cli_calc_view().
 */
#include "cli.h"

#include <string.h>

static const char calc_help[] =
        "Usage: capdash calc [FILE] [OPTION]...\n"
        "Print the capital a plan needs: compute C, data D, people H (per role),\n"
        "C+D+H and F = (C+D+H) / alpha + beta, then the inputs.  FILE is a scenario\n"
        "(capdash-scenario(5)); without one, the built-in seed example; '-' reads\n"
        "standard input.\n"
        "\n"
        "  -s, --set KEY=VALUE   change one input first (repeatable): a dotted path\n"
        "                        such as compute.gpus=8, capital.alpha=0.25 or\n"
        "                        people.roles.0.count=12, or an alias: gpus, samples,\n"
        "                        alpha, months, gpu_unit_cost, label_cost, fixed_costs;\n"
        "                        the prices label_cost and gpu_hourly_cost take up to\n"
        "                        6 decimals of a dollar (label_cost=0.000002)\n"
        "  -f, --format FORMAT   text (default), json, csv or markdown\n"
        "  -u, --units UNITS     amounts in usd (default, to the cent), k, m or wan\n"
        "                        (10,000 dollars, as the seed writes); text and\n"
        "                        markdown only: json and csv are always in dollars\n"
        "  -h, --help            show this help\n"
        "\n"
        "Examples:\n"
        "  capdash calc --set gpus=8\n"
        "  capdash calc scenarios/lab-8gpu-servers.yaml --format json\n"
        "  capdash calc --units wan\n"
        "\n"
        "Exit status: 0 ok, 2 usage error (a bad --set), 65 bad scenario file,\n"
        "66 the file could not be opened.\n";

/* "×" or "x", "α" or "alpha": what the terminal can show. */
struct calc_sym {
	const char *times, *alpha, *beta;
};

static struct calc_sym calc_symbols(void)
{
	if (cli_utf8())
		return (struct calc_sym){"×", "α", "β"};
	return (struct calc_sym){"x", "alpha", "beta"};
}

static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* label | amount | how it was computed. */
static void breakdown_rows(struct cli_table *t, const struct scenario *sc,
                           const struct budget_result *r, enum money_style units,
                           const struct calc_sym *sym, const char *role_prefix)
{
	const struct budget_input *in = &sc->in;
	char amount[48], a[48], b[48], c[48], how[256], label[BUDGET_ROLE_NAME_MAX + 8];

	snprintf(how, sizeof how, "%s %s %s %s", count_format(in->gpus, a, sizeof a),
	         plural(in->gpus, "GPU", "GPUs"), sym->times,
	         budget_value_display(BUDGET_UNIT_CENTS, in->gpu_unit_cost, b, sizeof b));
	cli_table_row(t, (const char *[]){"Compute C",
	                                  money_format(r->compute, units, amount, sizeof amount),
	                                  how});
	snprintf(how, sizeof how, "%s %s %s %s", count_format(in->samples, a, sizeof a),
	         plural(in->samples, "sample", "samples"), sym->times,
	         price_format(in->label_cost, b, sizeof b));
	cli_table_row(t,
	              (const char *[]){"Data D",
	                               money_format(r->data, units, amount, sizeof amount), how});
	snprintf(how, sizeof how, "%s %s over %s %s", count_format(r->headcount, a, sizeof a),
	         plural(r->headcount, "person", "people"), count_format(in->months, b, sizeof b),
	         plural(in->months, "month", "months"));
	cli_table_row(t,
	              (const char *[]){"People H",
	                               money_format(r->people, units, amount, sizeof amount), how});
	for (int i = 0; i < in->nroles; i++) {
		const struct budget_role *role = &in->roles[i];

		snprintf(label, sizeof label, "%s%s", role_prefix,
		         role->name[0] ? role->name : "(unnamed)");
		for (char *p = label; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
		snprintf(how, sizeof how, "%s %s %s/month %s %s %s",
		         count_format(role->count, a, sizeof a), sym->times,
		         budget_value_display(BUDGET_UNIT_CENTS, role->monthly_salary, b, sizeof b),
		         sym->times, count_format(in->months, c, sizeof c),
		         plural(in->months, "month", "months"));
		cli_table_row(t, (const char *[]){label,
		                                  money_format(r->role_cost[i], units, amount,
		                                               sizeof amount),
		                                  how});
	}
	cli_table_row(t, (const char *[]){"Direct C+D+H",
	                                  money_format(r->direct, units, amount, sizeof amount),
	                                  NULL});
	snprintf(how, sizeof how, "(C+D+H) / %s + %s = %s / %s + %s", sym->alpha, sym->beta,
	         money_format(r->direct, units, a, sizeof a),
	         budget_value_display(BUDGET_UNIT_ALPHA, in->alpha, b, sizeof b),
	         money_format(in->fixed_costs, units, c, sizeof c));
	cli_table_row(t, (const char *[]){"Capital F",
	                                  money_format(r->capital, units, amount, sizeof amount),
	                                  how});
}

/* Every input in the order a reader expects: compute (the scaling
 * efficiency after the hourly price), data, months, the roles, then α and β.
 * keys must hold INPUT_KEYS_MAX.  Returns the count. */
#define INPUT_KEYS_MAX (BF__COUNT + 2 * BUDGET_MAX_ROLES)
static int input_keys(const struct budget_input *in, struct budget_key *keys)
{
	int n = 0;

	for (int id = 0; id < BF__COUNT; id++) {
		if (id == BF_ROLE_COUNT || id == BF_ROLE_SALARY || id == BF_SCALING_EFFICIENCY)
			continue;
		if (id == BF_ALPHA)
			for (int r = 0; r < in->nroles; r++) {
				keys[n++] = (struct budget_key){BF_ROLE_COUNT, r};
				keys[n++] = (struct budget_key){BF_ROLE_SALARY, r};
			}
		keys[n++] = (struct budget_key){(enum budget_field_id)id, 0};
		if (id == BF_GPU_HOURLY_COST)
			keys[n++] = (struct budget_key){BF_SCALING_EFFICIENCY, 0};
	}
	return n;
}

/* What an input is, for the third column ("Data scientists, people"). */
static void input_what(const struct budget_input *in, struct budget_key k,
                       const struct calc_sym *sym, char *buf, size_t size)
{
	const struct budget_field *f = budget_field_get(k.id);

	if (k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY)
		snprintf(buf, size, "%s, %s", in->roles[k.role].name,
		         k.id == BF_ROLE_COUNT ? "people" : "salary a month");
	else if (k.id == BF_ALPHA || k.id == BF_FIXED_COSTS)
		snprintf(buf, size, "%s %s", f->label, k.id == BF_ALPHA ? sym->alpha : sym->beta);
	else if (k.id == BF_GPU_HOURLY_COST)
		snprintf(buf, size, "%s (prices runs, not in F)", f->label);
	else if (k.id == BF_SCALING_EFFICIENCY)
		snprintf(buf, size, "%s (forecast, not in F)", f->label);
	else
		snprintf(buf, size, "%s", f->label);
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

/* One row per input: its --set key, its value as shown, what it is. */
static void input_rows(struct cli_table *t, const struct budget_input *in,
                       const struct calc_sym *sym)
{
	struct budget_key keys[INPUT_KEYS_MAX];
	int n = input_keys(in, keys);

	for (int i = 0; i < n; i++) {
		enum budget_unit unit = budget_field_get(keys[i].id)->unit;
		char key[64], val[48], what[BUDGET_ROLE_NAME_MAX + 48];

		budget_key_name(keys[i], key, sizeof key);
		budget_value_display(unit, budget_get(in, keys[i]), val, sizeof val);
		input_what(in, keys[i], sym, what, sizeof what);
		cli_table_row(t, (const char *[]){key, val, what});
	}
}

static int calc_text(const struct scenario *sc, const char *path, const struct budget_result *r,
                     enum money_style units, bool markdown, FILE *out)
{
	struct calc_sym sym = calc_symbols();
	struct cli_table t, in;
	int rc = 0;

	if (markdown)
		sym = (struct calc_sym){"×", "α", "β"};
	cli_table_init(&t, 3);
	t.align[1] = CLI_RIGHT;
	cli_table_row(&t, (const char *[]){"Item", "Amount", "How"});
	/* Markdown drops leading blanks in a cell, so roles say whose they are. */
	breakdown_rows(&t, sc, r, units, &sym, markdown ? "H: " : "  ");
	cli_table_init(&in, 3);
	in.align[1] = CLI_RIGHT;
	cli_table_row(&in, (const char *[]){"Input (--set KEY=VALUE)", "Value", "What"});
	input_rows(&in, &sc->in, &sym);
	if (markdown) {
		fputs("**", out);
		cli_md_text(out, sc->name[0] ? sc->name : "(unnamed scenario)");
		fputs("** ", out);
		cli_md_text(out, !path                ? "(built-in)"
		                 : !strcmp(path, "-") ? "(standard input)"
		                                      : path);
		fputs("\n\n", out);
		rc |= cli_table_markdown(&t, out);
		fputc('\n', out);
		rc |= cli_table_markdown(&in, out);
	} else {
		cli_print_title(out, sc, path);
		fputc('\n', out);
		rc |= cli_table_text(&t, out, false, NULL);
		fputs("\nInputs (change with --set KEY=VALUE)\n", out);
		rc |= cli_table_text(&in, out, false, "  ");
	}
	cli_table_done(&t);
	cli_table_done(&in);
	return rc;
}

static void calc_json(const struct scenario *sc, const char *path, const struct budget_result *r,
                      FILE *out)
{
	const struct budget_input *in = &sc->in;
	struct cli_json j;

	cli_json_begin_scenario(&j, out, sc, path);
	cli_json_str(&j, "currency", sc->currency[0] ? sc->currency : "USD");
	cli_json_money(&j, "compute", r->compute);
	cli_json_money(&j, "data", r->data);
	cli_json_money(&j, "people", r->people);
	cli_json_money(&j, "direct", r->direct);
	cli_json_money(&j, "capital", r->capital);
	cli_json_value(&j, "alpha", BUDGET_UNIT_ALPHA, in->alpha);
	cli_json_money(&j, "fixed_costs", in->fixed_costs);
	cli_json_int(&j, "gpus", in->gpus);
	cli_json_money(&j, "gpu_unit_cost", in->gpu_unit_cost);
	cli_json_value(&j, "gpu_hourly_cost", BUDGET_UNIT_MICROS, in->gpu_hourly_cost);
	cli_json_value(&j, "scaling_efficiency", BUDGET_UNIT_ALPHA, in->scaling_efficiency);
	cli_json_int(&j, "samples", in->samples);
	cli_json_value(&j, "label_cost", BUDGET_UNIT_MICROS, in->label_cost);
	cli_json_int(&j, "months", in->months);
	cli_json_int(&j, "headcount", r->headcount);
	cli_json_open(&j, "roles", '[');
	for (int i = 0; i < in->nroles; i++) {
		cli_json_open(&j, NULL, '{');
		cli_json_str(&j, "name", in->roles[i].name);
		cli_json_int(&j, "count", in->roles[i].count);
		cli_json_money(&j, "monthly_salary", in->roles[i].monthly_salary);
		cli_json_money(&j, "cost", r->role_cost[i]);
		cli_json_close(&j, '}');
	}
	cli_json_close(&j, ']');
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

/* key,label,value,unit: results first, then every input, in dollars. */
static int calc_csv(const struct scenario *sc, const struct budget_result *r, FILE *out)
{
	static const struct calc_sym sym = {"x", "alpha", "beta"};
	static const char *const unit_names[] = {
	        [BUDGET_UNIT_COUNT] = "count", [BUDGET_UNIT_CENTS] = "USD",
	        [BUDGET_UNIT_ALPHA] = "ratio", [BUDGET_UNIT_MONTHS] = "months",
	        [BUDGET_UNIT_MICROS] = "USD",
	};
	struct budget_key keys[INPUT_KEYS_MAX];
	int n = input_keys(&sc->in, keys), rc;
	struct cli_table t;
	char v[48], key[64], what[BUDGET_ROLE_NAME_MAX + 48];

	cli_table_init(&t, 4);
	cli_table_row(&t, (const char *[]){"key", "label", "value", "unit"});
	cli_table_row(&t, (const char *[]){"compute", "Compute C",
	                                   money_decimal(r->compute, v, sizeof v), "USD"});
	cli_table_row(
	        &t, (const char *[]){"data", "Data D", money_decimal(r->data, v, sizeof v), "USD"});
	cli_table_row(&t, (const char *[]){"people", "People H",
	                                   money_decimal(r->people, v, sizeof v), "USD"});
	for (int i = 0; i < sc->in.nroles; i++) {
		snprintf(key, sizeof key, "people.roles.%d.cost", i);
		cli_table_row(&t,
		              (const char *[]){key, sc->in.roles[i].name,
		                               money_decimal(r->role_cost[i], v, sizeof v), "USD"});
	}
	cli_table_row(&t, (const char *[]){"direct", "Direct C+D+H",
	                                   money_decimal(r->direct, v, sizeof v), "USD"});
	cli_table_row(&t, (const char *[]){"capital", "Capital F",
	                                   money_decimal(r->capital, v, sizeof v), "USD"});
	for (int i = 0; i < n; i++) {
		enum budget_unit unit = budget_field_get(keys[i].id)->unit;

		budget_key_name(keys[i], key, sizeof key);
		input_what(&sc->in, keys[i], &sym, what, sizeof what);
		budget_value_str(unit, budget_get(&sc->in, keys[i]), v, sizeof v);
		cli_table_row(&t, (const char *[]){key, what, v, unit_names[unit]});
	}
	rc = cli_table_csv(&t, out);
	cli_table_done(&t);
	return rc;
}

int cli_calc_view(const struct scenario *sc, const char *path, enum cli_format fmt,
                  enum money_style units, struct cli_ctx *ctx)
{
	struct budget_result r;
	struct cd_err e;
	int rc = 0;

	if (budget_eval(&sc->in, &r, &e) < 0) {
		cli_print_err(ctx->err, &e);
		return CD_EXIT_DATAERR;
	}
	switch (fmt) {
	case CLI_FMT_TEXT:
	case CLI_FMT_MARKDOWN:
		rc = calc_text(sc, path, &r, units, fmt == CLI_FMT_MARKDOWN, ctx->out);
		break;
	case CLI_FMT_JSON:
		calc_json(sc, path, &r, ctx->out);
		break;
	case CLI_FMT_CSV:
		rc = calc_csv(sc, &r, ctx->out);
		break;
	}
	return cli_finish_render(ctx->out, ctx->err, rc);
}

int cmd_calc(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_view_opts o;
	struct scenario sc;
	const char *path = NULL;
	int status;

	cli_view_opts_init(&o, 0xf);
	status = cli_view_getopt(&o, argc, argv, "calc", calc_help, ctx);
	if (status >= 0)
		goto out;
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "calc", "calc takes one scenario file, got '%s' and '%s'",
		                argv[optind], argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		path = argv[optind];
	if (cli_view_check_units(&o, "calc", ctx->err))
		goto out;
	status = cli_view_load(&o, path, &sc, "calc", ctx->err);
	if (status)
		goto out;
	status = cli_calc_view(&sc, path, o.fmt, o.units, ctx);
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
