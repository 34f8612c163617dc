/* cmd_timeline.c — `capdash timeline`: the plan month by month.
 *
 * One row per month of the horizon (C, D, H, O paid that month, the burn and
 * the cash left at the month's end), then the runway, the monthly burn peak,
 * the cash the plan starts with, rent or buy for the plan's GPUs and F.
 * Every figure comes from timeline_eval (timeline.h); this file only formats
 * them: text, JSON (schema 1, documented in capdash(1)), CSV or Markdown.
 * The one computation here is splitting a count of tenths of a month into
 * its whole and decimal digits.  No exit.  Start at cmd_timeline().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/timeline.h"

static const char timeline_help[] =
        N_("Usage: capdash timeline [FILE] [OPTION]...\n"
           "Print the plan month by month: for each month of people.months, what is\n"
           "paid for compute C, data D, people H and other costs O (every other cost\n"
           "line and the fixed costs beta, which are paid in month 1), the month's burn\n"
           "and the cash left at its end (cash at start + the raise - every burn so\n"
           "far; it may go below zero).  Then the runway (the first month the cash is\n"
           "below zero, or the month it would be at the last month's burn), the\n"
           "largest monthly burn, the raise (capital.raised; F when not set), rent or\n"
           "buy for the plan's GPUs with its break-even, and F.  FILE is a scenario\n"
           "(capdash-scenario(5)); without one, the built-in seed example; '-' reads\n"
           "standard input.\n"
           "\n"
           "  -s, --set KEY=VALUE   change one input first (repeatable), as in calc:\n"
           "                        raised=20000000, people.roles.1.start_month=4,\n"
           "                        compute.mode=rent, months=24\n"
           "  -f, --format FORMAT   text (default), json, csv or markdown\n"
           "  -u, --units UNITS     amounts in usd (default, to the cent), k, m or wan;\n"
           "                        text and markdown only: json and csv are always in\n"
           "                        dollars\n"
           "  -h, --help            show this help\n"
           "\n"
           "Examples:\n"
           "  capdash timeline --set raised=20000000\n"
           "  capdash timeline --set people.roles.1.start_month=4 --format csv\n"
           "  capdash timeline scenarios/lab-8gpu-servers.yaml --format json\n"
           "\n"
           "Exit status: 0 ok, 2 usage error (a bad --set), 65 bad scenario file,\n"
           "66 the file could not be opened.\n");

/* "110.0": tenths of a month as a decimal with one digit, grouped in text. */
static char *tenths_text(int64_t tenths, bool grouped, char *buf, size_t size)
{
	char whole[32];

	if (grouped)
		count_format(tenths / 10, whole, sizeof whole);
	else
		snprintf(whole, sizeof whole, "%lld", (long long)(tenths / 10));
	snprintf(buf, size, "%s.%d", whole, (int)(tenths % 10));
	return buf;
}

static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- the lines under the table, shared by text and Markdown ---- */

static void runway_line(const struct timeline *t, enum money_style units, FILE *out)
{
	char a[48], b[32];

	fputs(_("runway: "), out);
	if (t->months == 0) {
		fputs(_("no months in the plan (people.months is 0)\n"), out);
		return;
	}
	if (t->runway_month > 0) {
		fprintf(out, _("cash runs out in month %lld (%s at its end)\n"),
		        (long long)t->runway_month,
		        money_format(t->m[t->runway_month - 1].cash, units, a, sizeof a));
		return;
	}
	money_format(t->m[t->months - 1].burn, units, a, sizeof a);
	count_format(t->months, b, sizeof b);
	if (t->runway_at_last_burn > 0)
		fprintf(out,
		        _("lasts the %s %s; at the last month's burn (%s) it would run out in "
		          "month %lld\n"),
		        b, plural(t->months, _("month"), _("months")), a,
		        (long long)t->runway_at_last_burn);
	else
		fprintf(out,
		        _("lasts the %s %s and never runs out at the last month's burn (%s)\n"), b,
		        plural(t->months, _("month"), _("months")), a);
}

static void peak_line(const struct timeline *t, enum money_style units, FILE *out)
{
	char a[48];

	if (t->burn_peak_month == 0) {
		fputs(_("monthly burn peak: none (no months)\n"), out);
		return;
	}
	fprintf(out, _("monthly burn peak: %s in month %d\n"),
	        money_format(t->burn_peak, units, a, sizeof a), t->burn_peak_month);
}

static void cash_line(const struct timeline *t, const struct budget_input *in,
                      enum money_style units, FILE *out)
{
	char a[48], b[48];

	fprintf(out, _("raised: %s%s; cash at start: %s\n"),
	        money_format(t->raised, units, a, sizeof a),
	        in->raised_set ? "" : _(" (capital.raised not set: the raise is F)"),
	        money_format(t->cash_at_start, units, b, sizeof b));
}

static void rent_line(const struct timeline *t, const struct budget_input *in,
                      enum money_style units, FILE *out)
{
	char n[32], a[48], b[48], c[48];
	const char *mode = in->compute_mode == BUDGET_RENT ? _("rents") : _("buys");

	if (in->gpus == 0) {
		fputs(_("rent or buy: the plan has no GPUs\n"), out);
		return;
	}
	count_format(in->gpus, n, sizeof n);
	money_format(t->rent_month, units, a, sizeof a);
	money_format(t->buy_total, units, b, sizeof b);
	if (t->breakeven_tenths < 0)
		fprintf(out,
		        _("rent or buy: renting the %s %s costs %s a month: no break-even; buying "
		          "them costs %s (the plan %s)\n"),
		        n, plural(in->gpus, _("GPU"), _("GPUs")), a, b, mode);
	else
		fprintf(out,
		        _("rent or buy: renting the %s %s costs %s a month; buying them costs %s: "
		          "break-even after %s months (the plan %s)\n"),
		        n, plural(in->gpus, _("GPU"), _("GPUs")), a, b,
		        tenths_text(t->breakeven_tenths, true, c, sizeof c), mode);
}

static void capital_line(const struct timeline *t, const struct budget_input *in,
                         enum money_style units, bool utf8, FILE *out)
{
	const struct budget_result *r = &t->res;
	char f[48], c[48], d[48], h[48], o[48], al[48], be[48], ou[48];

	fprintf(out, _("capital F: %s = (C %s + D %s + H %s + O %s) / %s %s + %s %s"),
	        money_format(r->capital, units, f, sizeof f),
	        money_format(r->compute, units, c, sizeof c),
	        money_format(r->data, units, d, sizeof d),
	        money_format(r->people, units, h, sizeof h),
	        money_format(r->other, units, o, sizeof o), utf8 ? "α" : "alpha",
	        budget_value_display(BUDGET_UNIT_ALPHA, in->alpha, al, sizeof al),
	        utf8 ? "β" : "beta", money_format(in->fixed_costs, units, be, sizeof be));
	if (r->outside != 0)
		fprintf(out, _(" %s outside %s"), r->outside < 0 ? "-" : "+",
		        money_format(r->outside < 0 ? -r->outside : r->outside, units, ou,
		                     sizeof ou));
	fputc('\n', out);
}

static void summary_lines(const struct timeline *t, const struct budget_input *in,
                          enum money_style units, bool utf8, const char *bullet, FILE *out)
{
	fputs(bullet, out);
	runway_line(t, units, out);
	fputs(bullet, out);
	peak_line(t, units, out);
	fputs(bullet, out);
	cash_line(t, in, units, out);
	fputs(bullet, out);
	rent_line(t, in, units, out);
	fputs(bullet, out);
	capital_line(t, in, units, utf8, out);
}

/* ---- the table ---- */

/* One row per month.  machine: CSV headers and dollar decimals; otherwise
 * the money style, and a note column marking the month the cash runs out
 * (only when it does, so a plan that lasts has no empty column). */
static void month_table(struct cli_table *tab, const struct timeline *t, bool machine,
                        enum money_style units)
{
	bool note = !machine && t->runway_month > 0;
	char v[7][48];

	cli_table_init(tab, note ? 8 : 7);
	for (int c = 0; c < 7; c++)
		tab->align[c] = CLI_RIGHT;
	if (machine)
		cli_table_row(tab, (const char *[]){"month", "compute", "data", "people", "other",
		                                    "burn", "cash"});
	else
		cli_table_row(tab, (const char *[]){_("Month"), _("Compute C"), _("Data D"),
		                                    _("People H"), _("Other O"), _("Burn"),
		                                    _("Cash"), ""});
	for (int i = 0; i < t->months; i++) {
		const struct timeline_month *m = &t->m[i];
		const int64_t cents[6] = {m->compute, m->data, m->people,
		                          m->other,   m->burn, m->cash};

		snprintf(v[0], sizeof v[0], "%d", i + 1);
		for (int c = 0; c < 6; c++)
			if (machine)
				money_decimal(cents[c], v[c + 1], sizeof v[c + 1]);
			else
				money_format(cents[c], units, v[c + 1], sizeof v[c + 1]);
		cli_table_row(tab, (const char *[]){v[0], v[1], v[2], v[3], v[4], v[5], v[6],
		                                    i + 1 == t->runway_month ? _("cash runs out")
		                                                             : NULL});
	}
}

/* ---- JSON ---- */

/* null for 0 ("none"), else the whole number. */
static void json_int_or_null(struct cli_json *j, const char *key, int64_t v)
{
	if (v > 0)
		cli_json_int(j, key, v);
	else
		cli_json_raw(j, key, "null");
}

void cli_json_runway(struct cli_json *j, const struct timeline *t)
{
	json_int_or_null(j, "runway_months", t->runway_month);
	json_int_or_null(j, "runway_at_last_burn", t->runway_month ? 0 : t->runway_at_last_burn);
	cli_json_money(j, "monthly_burn_peak", t->burn_peak);
	json_int_or_null(j, "burn_peak_month", t->burn_peak_month);
}

static void timeline_json(const struct scenario *sc, const char *path, const struct timeline *t,
                          FILE *out)
{
	const struct budget_result *r = &t->res;
	struct cli_json j;
	char buf[48];

	cli_json_begin_scenario(&j, out, sc, path);
	cli_json_open(&j, "months", '[');
	for (int i = 0; i < t->months; i++) {
		const struct timeline_month *m = &t->m[i];

		cli_json_open(&j, NULL, '{');
		cli_json_int(&j, "month", i + 1);
		cli_json_money(&j, "compute", m->compute);
		cli_json_money(&j, "data", m->data);
		cli_json_money(&j, "people", m->people);
		cli_json_money(&j, "other", m->other);
		cli_json_money(&j, "burn", m->burn);
		cli_json_money(&j, "cash", m->cash);
		cli_json_close(&j, '}');
	}
	cli_json_close(&j, ']');
	cli_json_runway(&j, t);
	cli_json_money(&j, "raised", t->raised);
	cli_json_bool(&j, "raised_is_capital", !sc->in.raised_set);
	cli_json_money(&j, "cash_at_start", t->cash_at_start);
	cli_json_money(&j, "capital", r->capital);
	cli_json_money(&j, "compute", r->compute);
	cli_json_money(&j, "data", r->data);
	cli_json_money(&j, "people", r->people);
	cli_json_money(&j, "other", r->other);
	cli_json_money(&j, "outside", r->outside);
	cli_json_str(&j, "compute_mode", sc->in.compute_mode == BUDGET_RENT ? "rent" : "buy");
	cli_json_money(&j, "rent_month", t->rent_month);
	cli_json_money(&j, "buy_total", t->buy_total);
	if (t->breakeven_tenths < 0)
		cli_json_raw(&j, "breakeven_months", "null");
	else
		cli_json_raw(&j, "breakeven_months",
		             tenths_text(t->breakeven_tenths, false, buf, sizeof buf));
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

/* ---- the command ---- */

int cli_timeline_new(const struct budget_input *in, struct cli_ctx *ctx, struct timeline **out)
{
	struct timeline *t = malloc(sizeof *t);
	struct cd_err e;

	if (!t) {
		fputs("capdash: out of memory\n", ctx->err);
		return CD_EXIT_FAIL;
	}
	if (timeline_eval(in, t, &e) < 0) {
		free(t);
		cli_print_err(ctx->err, &e);
		return CD_EXIT_DATAERR;
	}
	*out = t;
	return 0;
}

static int timeline_view(const struct scenario *sc, const char *path, enum cli_format fmt,
                         enum money_style units, struct cli_ctx *ctx)
{
	struct timeline *t;
	struct cli_table tab;
	int rc = cli_timeline_new(&sc->in, ctx, &t);

	if (rc)
		return rc;
	switch (fmt) {
	case CLI_FMT_JSON:
		timeline_json(sc, path, t, ctx->out);
		break;
	case CLI_FMT_CSV:
		month_table(&tab, t, true, units);
		rc = cli_table_csv(&tab, ctx->out);
		cli_table_done(&tab);
		break;
	case CLI_FMT_MARKDOWN:
		fputs("**", ctx->out);
		cli_md_text(ctx->out, sc->name[0] ? sc->name : _("(unnamed scenario)"));
		fputs("** ", ctx->out);
		cli_md_text(ctx->out, !path                ? _("(built-in)")
		                      : !strcmp(path, "-") ? _("(standard input)")
		                                           : path);
		fputs("\n\n", ctx->out);
		month_table(&tab, t, false, units);
		rc = cli_table_markdown(&tab, ctx->out);
		cli_table_done(&tab);
		fputc('\n', ctx->out);
		summary_lines(t, &sc->in, units, true, "- ", ctx->out);
		break;
	case CLI_FMT_TEXT:
		cli_print_title(ctx->out, sc, path);
		fputc('\n', ctx->out);
		month_table(&tab, t, false, units);
		rc = cli_table_text(&tab, ctx->out, true, NULL);
		cli_table_done(&tab);
		fputc('\n', ctx->out);
		summary_lines(t, &sc->in, units, cli_utf8(), "", ctx->out);
		break;
	}
	free(t);
	return cli_finish_render(ctx->out, ctx->err, rc);
}

int cmd_timeline(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_view_opts o;
	struct scenario sc;
	const char *path = NULL;
	int status;

	cli_view_opts_init(&o, 0xf);
	status = cli_view_getopt(&o, argc, argv, "timeline", timeline_help, ctx);
	if (status >= 0)
		goto out;
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "timeline",
		                _("timeline takes one scenario file, got '%s' and '%s'"),
		                argv[optind], argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		path = argv[optind];
	if (cli_view_check_units(&o, "timeline", ctx->err))
		goto out;
	status = cli_view_load(&o, path, &sc, "timeline", ctx->err);
	if (status)
		goto out;
	status = timeline_view(&sc, path, o.fmt, o.units, ctx);
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
