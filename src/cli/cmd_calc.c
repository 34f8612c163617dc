/* cmd_calc.c — `capdash calc`: the capital breakdown of one scenario.
 *
 * Loads the scenario (or the built-in seed), applies --set, asks the model
 * for every figure and prints them as text, JSON (schema 1, documented in
 * capdash(1)), CSV or Markdown.  Every number is formatted by the model;
 * this file does no arithmetic on money.  Must not exit.  Start at
 * cmd_calc(), then cli_calc_view().
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/i18n.h"
#include "capdash/timeline.h"

static const char calc_help[] =
        N_("Usage: capdash calc [FILE] [OPTION]...\n"
           "Print the capital a plan needs: compute C, data D, people H (per role),\n"
           "other costs O (per line, when there are any), C+D+H+O and\n"
           "F = (C+D+H+O) / alpha + beta + the lines outside the allocation, then the\n"
           "inputs; month by month, see 'capdash timeline'.  FILE is a scenario\n"
           "(capdash-scenario(5)); without one, the built-in seed example; '-' reads\n"
           "standard input.\n"
           "\n"
           "  -s, --set KEY=VALUE   change one input first (repeatable): a dotted path\n"
           "                        such as compute.gpus=8, capital.alpha=0.25,\n"
           "                        people.roles.0.count=12, people.roles.1.start_month=4\n"
           "                        or compute.mode=rent, or an alias: gpus, samples,\n"
           "                        alpha, months, gpu_unit_cost, label_cost, fixed_costs,\n"
           "                        raised, cash_at_start; the prices label_cost and\n"
           "                        gpu_hourly_cost take up to 6 decimals of a dollar\n"
           "                        (label_cost=0.000002)\n"
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
           "66 the file could not be opened.\n");

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

/* "months 4-12" when a month pair is not at its defaults (0: month 1 and the
 * horizon's last); empty otherwise.  Only labels: the months paid come from
 * the model (role_months). */
static void month_span(int64_t from, int64_t to, int64_t months, char *buf, size_t size)
{
	int64_t last = to == 0 || to > months ? months : to;

	if (from == 0 && to == 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, _(" (months %lld-%lld)"), (long long)(from ? from : 1),
		         (long long)last);
}

/* Control bytes from a file name would drive the terminal. */
static void clean_label(char *label)
{
	for (char *p = label; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

/* The compute row: bought (the seed) or rented. */
static void compute_row(struct cli_table *t, const struct budget_input *in,
                        const struct budget_result *r, enum money_style units,
                        const struct calc_sym *sym)
{
	char amount[48], a[48], b[48], c[48], d[48], how[256];

	count_format(in->gpus, a, sizeof a);
	if (in->compute_mode == BUDGET_RENT) {
		int64_t to =
		        in->rent_to == 0 || in->rent_to > in->months ? in->months : in->rent_to;

		count_format(in->hours_per_month ? in->hours_per_month : BUDGET_HOURS_PER_MONTH, c,
		             sizeof c);
		budget_value_display(BUDGET_UNIT_ALPHA,
		                     in->utilisation ? in->utilisation : BUDGET_ALPHA_ONE, d,
		                     sizeof d);
		snprintf(how, sizeof how,
		         _("%s %s %s %s/h %s %s h a month %s utilisation %s, rented months "
		           "%lld-%lld"),
		         a, plural(in->gpus, _("GPU"), _("GPUs")), sym->times,
		         price_format(in->gpu_hourly_cost, b, sizeof b), sym->times, c, sym->times,
		         d, (long long)(in->rent_from ? in->rent_from : 1), (long long)to);
	} else {
		snprintf(how, sizeof how, "%s %s %s %s", a, plural(in->gpus, _("GPU"), _("GPUs")),
		         sym->times,
		         budget_value_display(BUDGET_UNIT_CENTS, in->gpu_unit_cost, b, sizeof b));
	}
	cli_table_row(t, (const char *[]){_("Compute C"),
	                                  money_format(r->compute, units, amount, sizeof amount),
	                                  how});
}

/* One row per other cost line, after O (inside) or F (outside). */
static void cost_rows(struct cli_table *t, const struct budget_input *in,
                      const struct budget_result *r, enum money_style units, const char *prefix,
                      bool outside)
{
	for (int i = 0; i < in->ncosts; i++) {
		const struct budget_cost *co = &in->costs[i];
		char amount[48], a[48], span[64], how[256], label[BUDGET_COST_NAME_MAX + 8];

		if (co->outside != outside)
			continue;
		snprintf(label, sizeof label, "%s%s", prefix,
		         co->name[0] ? co->name : _("(unnamed)"));
		clean_label(label);
		budget_value_display(BUDGET_UNIT_CENTS, co->amount, a, sizeof a);
		if (co->monthly) {
			month_span(co->from, co->to, in->months, span, sizeof span);
			snprintf(how, sizeof how, _("%s/month%s%s"), a, span,
			         outside ? _(", outside the allocation") : "");
		} else {
			snprintf(how, sizeof how, _("%s once, in month %lld%s"), a,
			         (long long)(co->from ? co->from : 1),
			         outside ? _(", outside the allocation") : "");
		}
		cli_table_row(t, (const char *[]){label,
		                                  money_format(r->cost_total[i], units, amount,
		                                               sizeof amount),
		                                  how});
	}
}

/* label | amount | how it was computed.  Without other cost lines the rows
 * and their words are the seed's (C, D, H, C+D+H, F). */
static void breakdown_rows(struct cli_table *t, const struct scenario *sc,
                           const struct budget_result *r, enum money_style units,
                           const struct calc_sym *sym, const char *role_prefix)
{
	const struct budget_input *in = &sc->in;
	bool costs = in->ncosts > 0;
	char amount[48], a[48], b[48], c[48], d[48], span[64], how[256],
	        label[BUDGET_ROLE_NAME_MAX + 8];

	compute_row(t, in, r, units, sym);
	snprintf(how, sizeof how, "%s %s %s %s", count_format(in->samples, a, sizeof a),
	         plural(in->samples, _("sample"), _("samples")), sym->times,
	         price_format(in->label_cost, b, sizeof b));
	cli_table_row(t,
	              (const char *[]){_("Data D"),
	                               money_format(r->data, units, amount, sizeof amount), how});
	snprintf(how, sizeof how, _("%s %s over %s %s"), count_format(r->headcount, a, sizeof a),
	         plural(r->headcount, _("person"), _("people")),
	         count_format(in->months, b, sizeof b),
	         plural(in->months, _("month"), _("months")));
	cli_table_row(t,
	              (const char *[]){_("People H"),
	                               money_format(r->people, units, amount, sizeof amount), how});
	for (int i = 0; i < in->nroles; i++) {
		const struct budget_role *role = &in->roles[i];

		snprintf(label, sizeof label, "%s%s", role_prefix,
		         role->name[0] ? role->name : _("(unnamed)"));
		clean_label(label);
		month_span(role->start_month, role->end_month, in->months, span, sizeof span);
		snprintf(how, sizeof how, _("%s %s %s/month %s %s %s%s"),
		         count_format(role->count, a, sizeof a), sym->times,
		         budget_value_display(BUDGET_UNIT_CENTS, role->monthly_salary, b, sizeof b),
		         sym->times, count_format(r->role_months[i], c, sizeof c),
		         plural(r->role_months[i], _("month"), _("months")), span);
		cli_table_row(t, (const char *[]){label,
		                                  money_format(r->role_cost[i], units, amount,
		                                               sizeof amount),
		                                  how});
	}
	if (costs) {
		cli_table_row(t,
		              (const char *[]){_("Other O"),
		                               money_format(r->other, units, amount, sizeof amount),
		                               _("other cost lines inside the allocation")});
		cost_rows(t, in, r, units, role_prefix[0] == ' ' ? role_prefix : "O: ", false);
	}
	cli_table_row(t, (const char *[]){costs ? _("Direct C+D+H+O") : _("Direct C+D+H"),
	                                  money_format(r->direct, units, amount, sizeof amount),
	                                  NULL});
	if (costs) {
		cli_table_row(
		        t, (const char *[]){_("Outside"),
		                            money_format(r->outside, units, amount, sizeof amount),
		                            _("other cost lines outside the allocation")});
		cost_rows(t, in, r, units, role_prefix[0] == ' ' ? role_prefix : _("Outside: "),
		          true);
		money_format(r->outside < 0 ? -r->outside : r->outside, units, d, sizeof d);
		snprintf(how, sizeof how, _("(C+D+H+O) / %s + %s + outside = %s / %s + %s %s %s"),
		         sym->alpha, sym->beta, money_format(r->direct, units, a, sizeof a),
		         budget_value_display(BUDGET_UNIT_ALPHA, in->alpha, b, sizeof b),
		         money_format(in->fixed_costs, units, c, sizeof c),
		         r->outside < 0 ? "-" : "+", d);
	} else
		snprintf(how, sizeof how, "(C+D+H) / %s + %s = %s / %s + %s", sym->alpha, sym->beta,
		         money_format(r->direct, units, a, sizeof a),
		         budget_value_display(BUDGET_UNIT_ALPHA, in->alpha, b, sizeof b),
		         money_format(in->fixed_costs, units, c, sizeof c));
	cli_table_row(t, (const char *[]){_("Capital F"),
	                                  money_format(r->capital, units, amount, sizeof amount),
	                                  how});
}

/* Translated for text and markdown; CSV keeps its English labels, as a
 * file format must not change with the reader's language. */
#define L(s) (tr ? _(s) : (s))

/* The two word-valued inputs (--set compute.mode=rent, data.schedule=spread)
 * are no budget field: they ride in the inputs list as ids past the table. */
#define WORD_MODE ((enum budget_field_id)BUDGET_ORDER_MODE)
#define WORD_SCHEDULE ((enum budget_field_id)BUDGET_ORDER_SCHEDULE)

static bool is_word(struct budget_key k)
{
	return k.id == WORD_MODE || k.id == WORD_SCHEDULE;
}

/* A word input's key, value and what it is. */
static void word_input(const struct budget_input *in, struct budget_key k, bool tr,
                       const char **key, const char **value, const char **what)
{
	if (k.id == WORD_MODE) {
		*key = "compute.mode";
		*value = in->compute_mode == BUDGET_RENT ? "rent" : "buy";
		*what = L("Buy or rent the GPUs");
	} else {
		*key = "data.schedule";
		*value = in->data_spread ? "spread" : "once";
		*what = L("Pay D once or spread over months");
	}
}

/* Whether an input applies to this plan: the rent months, hours and
 * utilisation only when renting, the purchase month only when buying, the
 * last data month only when D is spread.  The others always do. */
static bool input_applies(const struct budget_input *in, enum budget_field_id id)
{
	bool rent = in->compute_mode == BUDGET_RENT;

	switch (id) {
	case BF_PURCHASE_MONTH:
		return !rent;
	case BF_RENT_FROM:
	case BF_RENT_TO:
	case BF_HOURS_PER_MONTH:
	case BF_UTILISATION:
		return rent;
	case BF_DATA_TO:
		return in->data_spread;
	default:
		return true;
	}
}

/* Every input in the order a reader expects: compute (the scaling
 * efficiency after the hourly price, then when it is paid), data, months,
 * the roles, the other cost lines, then α and β and the cash.  keys must
 * hold INPUT_KEYS_MAX.  Returns the count. */
#define INPUT_KEYS_MAX (BF__COUNT + 2 + 4 * BUDGET_MAX_ROLES + 3 * BUDGET_MAX_COSTS)
static int input_keys(const struct budget_input *in, struct budget_key *keys)
{
	static const enum budget_field_id role_ids[] = {BF_ROLE_COUNT, BF_ROLE_SALARY,
	                                                BF_ROLE_START, BF_ROLE_END};
	static const enum budget_field_id cost_ids[] = {BF_COST_AMOUNT, BF_COST_FROM, BF_COST_TO};
	size_t norder;
	const int *order = budget_input_order(&norder);
	int n = 0;

	for (size_t i = 0; i < norder; i++) {
		enum budget_field_id id = (enum budget_field_id)order[i];

		if (order[i] == BUDGET_ORDER_ROLES) {
			for (int r = 0; r < in->nroles; r++)
				for (size_t f = 0; f < sizeof role_ids / sizeof role_ids[0]; f++)
					keys[n++] = (struct budget_key){role_ids[f], r};
		} else if (order[i] == BUDGET_ORDER_COSTS) {
			for (int c = 0; c < in->ncosts; c++)
				for (size_t f = 0; f < sizeof cost_ids / sizeof cost_ids[0]; f++)
					if (cost_ids[f] != BF_COST_TO || in->costs[c].monthly)
						keys[n++] = (struct budget_key){cost_ids[f], c};
		} else if (input_applies(in, id)) {
			keys[n++] = (struct budget_key){id, 0};
		}
	}
	return n;
}

/* What an input is, for the third column ("Data scientists, people"). */
static void input_what(const struct budget_input *in, struct budget_key k, bool tr,
                       const struct calc_sym *sym, char *buf, size_t size)
{
	const struct budget_field *f = budget_field_get(k.id);

	switch (k.id) {
	case BF_ROLE_COUNT:
	case BF_ROLE_SALARY:
	case BF_ROLE_START:
	case BF_ROLE_END:
		snprintf(buf, size, "%s, %s", in->roles[k.role].name,
		         k.id == BF_ROLE_COUNT    ? L("people")
		         : k.id == BF_ROLE_SALARY ? L("salary a month")
		         : k.id == BF_ROLE_START  ? L("first month paid")
		                                  : L("last month paid"));
		break;
	case BF_COST_AMOUNT:
	case BF_COST_FROM:
	case BF_COST_TO:
		snprintf(buf, size, "%s, %s", in->costs[k.role].name,
		         k.id == BF_COST_AMOUNT
		                 ? (in->costs[k.role].monthly ? L("a month") : L("once"))
		         : k.id == BF_COST_TO        ? L("last month")
		         : in->costs[k.role].monthly ? L("first month")
		                                     : L("month paid"));
		break;
	case BF_ALPHA:
	case BF_FIXED_COSTS:
		snprintf(buf, size, "%s %s", L(f->label),
		         k.id == BF_ALPHA ? sym->alpha : sym->beta);
		break;
	case BF_GPU_HOURLY_COST:
		snprintf(buf, size, "%s (%s)", L(f->label),
		         in->compute_mode == BUDGET_RENT ? L("rent, in F")
		                                         : L("prices runs, not in F"));
		break;
	case BF_SCALING_EFFICIENCY:
		snprintf(buf, size, L("%s (forecast, not in F)"), L(f->label));
		break;
	case BF_RAISED:
		snprintf(buf, size, "%s (%s)", L(f->label),
		         in->raised_set ? L("not in F") : L("not set: F; not in F"));
		break;
	case BF_CASH_AT_START:
		snprintf(buf, size, L("%s (not in F)"), L(f->label));
		break;
	default:
		snprintf(buf, size, "%s", L(f->label));
	}
	clean_label(buf);
}

/* What 0 stands for in a field where 0 is the default (the month fields, the
 * rent's hours and utilisation), or -1 when 0 is itself the value. */
static int64_t zero_means(const struct budget_input *in, enum budget_field_id id)
{
	switch (id) {
	case BF_PURCHASE_MONTH:
	case BF_RENT_FROM:
	case BF_DATA_FROM:
	case BF_ROLE_START:
	case BF_COST_FROM:
		return 1;
	case BF_RENT_TO:
	case BF_DATA_TO:
	case BF_ROLE_END:
	case BF_COST_TO:
		return in->months;
	case BF_HOURS_PER_MONTH:
		return BUDGET_HOURS_PER_MONTH;
	case BF_UTILISATION:
		return BUDGET_ALPHA_ONE;
	default:
		return -1;
	}
}

/* An input's value as the text table shows it: one left at 0 for its
 * default shows what it stands for, "12 (default)". */
static void input_display(const struct budget_input *in, struct budget_key k, char *buf,
                          size_t size)
{
	enum budget_unit unit = budget_field_get(k.id)->unit;
	int64_t v = budget_get(in, k), dflt = zero_means(in, k.id);
	char d[48];

	if (v == 0 && dflt >= 0)
		snprintf(buf, size, _("%s (default)"),
		         budget_value_display(unit, dflt, d, sizeof d));
	else
		budget_value_display(unit, v, buf, size);
}

/* One row per input: its --set key, its value as shown, what it is. */
static void input_rows(struct cli_table *t, const struct budget_input *in,
                       const struct calc_sym *sym)
{
	struct budget_key keys[INPUT_KEYS_MAX];
	int n = input_keys(in, keys);

	for (int i = 0; i < n; i++) {
		char key[64], val[64], what[BUDGET_ROLE_NAME_MAX + 48];

		if (is_word(keys[i])) {
			const char *wk, *wv, *ww;

			word_input(in, keys[i], true, &wk, &wv, &ww);
			cli_table_row(t, (const char *[]){wk, wv, ww});
			continue;
		}
		budget_key_name(keys[i], key, sizeof key);
		input_display(in, keys[i], val, sizeof val);
		input_what(in, keys[i], true, sym, what, sizeof what);
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
	cli_table_row(&t, (const char *[]){_("Item"), _("Amount"), _("How")});
	/* Markdown drops leading blanks in a cell, so roles say whose they are. */
	breakdown_rows(&t, sc, r, units, &sym, markdown ? "H: " : "  ");
	cli_table_init(&in, 3);
	in.align[1] = CLI_RIGHT;
	cli_table_row(&in, (const char *[]){_("Input (--set KEY=VALUE)"), _("Value"), _("What")});
	input_rows(&in, &sc->in, &sym);
	if (markdown) {
		fputs("**", out);
		cli_md_text(out, sc->name[0] ? sc->name : _("(unnamed scenario)"));
		fputs("** ", out);
		cli_md_text(out, !path                ? _("(built-in)")
		                 : !strcmp(path, "-") ? _("(standard input)")
		                                      : path);
		fputs("\n\n", out);
		rc |= cli_table_markdown(&t, out);
		fputc('\n', out);
		rc |= cli_table_markdown(&in, out);
	} else {
		cli_print_title(out, sc, path);
		fputc('\n', out);
		rc |= cli_table_text(&t, out, false, NULL);
		fprintf(out, "\n%s\n", _("Inputs (change with --set KEY=VALUE)"));
		rc |= cli_table_text(&in, out, false, "  ");
	}
	cli_table_done(&t);
	cli_table_done(&in);
	return rc;
}

/* Schema 1 only gains keys: the plan-over-time ones (other, outside, the
 * runway) come after the seed's, so a reader of the old keys sees them
 * unchanged and in place. */
static void calc_json(const struct scenario *sc, const char *path, const struct timeline *t,
                      FILE *out)
{
	const struct budget_input *in = &sc->in;
	const struct budget_result *r = &t->res;
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
	cli_json_money(&j, "other", r->other);
	cli_json_money(&j, "outside", r->outside);
	cli_json_str(&j, "compute_mode", in->compute_mode == BUDGET_RENT ? "rent" : "buy");
	cli_json_runway(&j, t);
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
	/* Without other cost lines the rows are the seed's. */
	if (sc->in.ncosts > 0) {
		cli_table_row(&t, (const char *[]){"other", "Other O",
		                                   money_decimal(r->other, v, sizeof v), "USD"});
		cli_table_row(&t, (const char *[]){"outside", "Outside the allocation",
		                                   money_decimal(r->outside, v, sizeof v), "USD"});
		for (int i = 0; i < sc->in.ncosts; i++) {
			snprintf(key, sizeof key, "other_costs.%d.total", i);
			cli_table_row(&t,
			              (const char *[]){key, sc->in.costs[i].name,
			                               money_decimal(r->cost_total[i], v, sizeof v),
			                               "USD"});
		}
	}
	cli_table_row(&t, (const char *[]){"direct",
	                                   sc->in.ncosts > 0 ? "Direct C+D+H+O" : "Direct C+D+H",
	                                   money_decimal(r->direct, v, sizeof v), "USD"});
	cli_table_row(&t, (const char *[]){"capital", "Capital F",
	                                   money_decimal(r->capital, v, sizeof v), "USD"});
	for (int i = 0; i < n; i++) {
		enum budget_unit unit;

		if (is_word(keys[i])) {
			const char *wk, *wv, *ww;

			word_input(&sc->in, keys[i], false, &wk, &wv, &ww);
			cli_table_row(&t, (const char *[]){wk, ww, wv, "word"});
			continue;
		}
		unit = budget_field_get(keys[i].id)->unit;
		budget_key_name(keys[i], key, sizeof key);
		input_what(&sc->in, keys[i], false, &sym, what, sizeof what);
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
	struct timeline *t;
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
		/* The runway keys need the months; the text keeps to F. */
		if ((rc = cli_timeline_new(&sc->in, ctx, &t)))
			return rc;
		calc_json(sc, path, t, ctx->out);
		free(t);
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
		cli_usage_error(ctx->err, "calc",
		                _("calc takes one scenario file, got '%s' and '%s'"), argv[optind],
		                argv[optind + 1]);
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
