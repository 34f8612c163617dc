/* cmd_sensitivity.c — `capdash sensitivity [FILE] [--step P%]`: each input
 * F depends on moved down and up by P%, F at both ends, largest swing first
 * (a tornado: a table, and in text a chart of bars either side of F).
 *
 * Every figure comes from tornado_compute (src/model/tornado.c); this file
 * only formats, and scales the bars to characters.  Must not exit.  Start
 * at cmd_sensitivity().
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"
#include "capdash/i18n.h"
#include "capdash/tornado.h"

#define BAR_HALF 20  /* characters each side of the chart's centre */
#define LABEL_MAX 30 /* the chart's label column: 30 + 1 + 41 + 8 < 80 */

static const char *const sens_help =
        N_("Usage: capdash sensitivity [FILE] [OPTION]...\n"
           "Move each input that capital F depends on down and up by a step (default\n"
           "10%) with every other input held, and print F at both ends, largest swing\n"
           "first: a tornado.  Money, prices and ratios move by exactly the step\n"
           "(rounded to the cent, micro-dollar or millionth); counts (GPUs, samples,\n"
           "people) by whole units, rounded away from zero (5 GPUs at 10%: 4 and 6);\n"
           "months by whole months, to the nearest.  An end stops at the input's range\n"
           "(a start or end month within the horizon) and is marked.\n"
           "\n"
           "  -p, --step P          the step in percent, 1 to 100, at most one decimal\n"
           "                        (10, 10%, 2.5%)\n"
           "  -s, --set KEY=VALUE   change an input first (repeatable)\n"
           "  -f, --format FORMAT   text (default: a table and a chart), json, csv or\n"
           "                        markdown\n"
           "  -u, --units UNITS     amounts in usd (default), k, m or wan; text and\n"
           "                        markdown only\n"
           "  -h, --help            show this help\n"
           "\n"
           "Examples:\n"
           "  capdash sensitivity\n"
           "  capdash sensitivity --step 20% --format json\n"
           "  capdash sensitivity scenarios/lab-8gpu-servers.yaml --format markdown\n"
           "\n"
           "Exit status: 0 ok, 2 usage error (a bad --step or --set), 65 bad scenario\n"
           "file, 66 the file could not be opened.\n");

/* What the Note column says about an item's ends: a count's step rounded
 * away from zero, a month's to the nearest, an end stopped at its range. */
static void note(const struct tornado_item *it, char *buf, size_t size)
{
	enum budget_unit unit = budget_field_get(it->key.id)->unit;
	const char *r = "";

	if (it->rounded)
		r = unit == BUDGET_UNIT_MONTHS ? _("whole months") : _("rounded away");
	if (it->low_clamped || it->high_clamped)
		snprintf(buf, size, "%s%s%s", r, *r ? "; " : "", _("range end"));
	else
		snprintf(buf, size, "%s", r);
}

static void sens_table(struct cli_table *t, const struct tornado_item *it, int n, bool machine,
                       enum money_style units)
{
	char v[6][48], key[64], nb[96];

	cli_table_init(t, machine ? 6 : 7);
	for (int c = 1; c < 6; c++)
		t->align[c] = CLI_RIGHT;
	if (machine)
		cli_table_row(t, (const char *[]){"key", "low_value", "high_value", "low_capital",
		                                  "high_capital", "swing"});
	else
		cli_table_row(t, (const char *[]){_("Input"), _("Low"), _("F at low"), _("High"),
		                                  _("F at high"), _("Swing"), _("Note")});
	for (int i = 0; i < n; i++) {
		enum budget_unit unit = budget_field_get(it[i].key.id)->unit;
		const int64_t m[3] = {it[i].low_capital, it[i].high_capital, it[i].swing};

		budget_key_name(it[i].key, key, sizeof key);
		if (machine) {
			if (unit == BUDGET_UNIT_MICROS) {
				price_decimal(it[i].low_value, v[0], sizeof v[0]);
				price_decimal(it[i].high_value, v[1], sizeof v[1]);
			} else {
				budget_value_str(unit, it[i].low_value, v[0], sizeof v[0]);
				budget_value_str(unit, it[i].high_value, v[1], sizeof v[1]);
			}
			for (int c = 0; c < 3; c++)
				money_decimal(m[c], v[c + 2], sizeof v[c + 2]);
			cli_table_row(t, (const char *[]){key, v[0], v[1], v[2], v[3], v[4]});
			continue;
		}
		budget_value_display(unit, it[i].low_value, v[0], sizeof v[0]);
		budget_value_display(unit, it[i].high_value, v[1], sizeof v[1]);
		for (int c = 0; c < 3; c++)
			money_format(m[c], units, v[c + 2], sizeof v[c + 2]);
		note(&it[i], nb, sizeof nb);
		cli_table_row(t, (const char *[]){key, v[0], v[2], v[1], v[3], v[4], nb});
	}
}

/* One bar's length in characters: d of the largest deviation top, over
 * BAR_HALF characters, at least one for any deviation at all. */
static int bar_len(int64_t d, int64_t top)
{
	int64_t a = d < 0 ? -d : d;
	int64_t len;

	if (!a || top <= 0)
		return 0;
	/* a <= top <= 8.71e18: scale in two parts so a × BAR_HALF cannot overflow. */
	len = a / top * BAR_HALF + (a % top) / (top / BAR_HALF + 1);
	return len < 1 ? 1 : len > BAR_HALF ? BAR_HALF : (int)len;
}

/* The text tornado: one row per input that moves F, '-' where F falls
 * below the centre (F now), '+' where it rises, in ASCII so any terminal
 * and any pipe shows it. */
static void sens_chart(FILE *out, const struct tornado_item *it, int n, int64_t capital)
{
	int64_t top = tornado_reach(it, n, capital);
	char key[64];

	if (!top)
		return;
	fprintf(out, "\n%*s%s\n", LABEL_MAX + 1 + BAR_HALF, "", "F");
	for (int i = 0; i < n; i++) {
		int64_t lo = it[i].low_capital < it[i].high_capital ? it[i].low_capital
		                                                    : it[i].high_capital;
		int64_t hi = it[i].low_capital < it[i].high_capital ? it[i].high_capital
		                                                    : it[i].low_capital;
		int l = bar_len(lo - capital, top), r = bar_len(hi - capital, top);
		char bar[2 * BAR_HALF + 2];

		if (!it[i].swing)
			continue;
		memset(bar, ' ', sizeof bar - 1);
		bar[sizeof bar - 1] = '\0';
		memset(bar + BAR_HALF - l, '-', (size_t)l);
		bar[BAR_HALF] = '|';
		memset(bar + BAR_HALF + 1, '+', (size_t)r);
		bar[BAR_HALF + 1 + r] = '\0'; /* no trailing blanks */
		budget_key_name(it[i].key, key, sizeof key);
		fprintf(out, "%-*.*s %s\n", LABEL_MAX, LABEL_MAX, key, bar);
	}
	fprintf(out, "%*s%s\n", LABEL_MAX + 1, "", _("- F falls, + F rises; | is F now"));
}

static void sens_json(const struct scenario *sc, const char *path, int step, int64_t capital,
                      const struct tornado_item *it, int n, FILE *out)
{
	struct cli_json j;
	char s[16], key[64];

	cli_json_begin_scenario(&j, out, sc, path);
	tornado_step_str(step, s, sizeof s);
	s[strlen(s) - 1] = '\0'; /* the number of percent, without '%' */
	cli_json_raw(&j, "step", s);
	cli_json_money(&j, "capital", capital);
	cli_json_open(&j, "items", '[');
	for (int i = 0; i < n; i++) {
		enum budget_unit unit = budget_field_get(it[i].key.id)->unit;

		cli_json_open(&j, NULL, '{');
		cli_json_str(&j, "key", budget_key_name(it[i].key, key, sizeof key));
		cli_json_value(&j, "low_value", unit, it[i].low_value);
		cli_json_value(&j, "high_value", unit, it[i].high_value);
		cli_json_money(&j, "low_capital", it[i].low_capital);
		cli_json_money(&j, "high_capital", it[i].high_capital);
		cli_json_money(&j, "swing", it[i].swing);
		cli_json_bool(&j, "whole_units", it[i].whole);
		cli_json_bool(&j, "clamped", it[i].low_clamped || it[i].high_clamped);
		cli_json_close(&j, '}');
	}
	cli_json_close(&j, ']');
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

static int sens_run(const struct scenario *sc, const char *path, int step, enum cli_format fmt,
                    enum money_style units, struct cli_ctx *ctx)
{
	struct tornado_item *it = malloc(TORNADO_MAX * sizeof *it);
	struct cli_table t;
	struct cd_err e;
	int64_t capital = 0;
	char f[48], s[16];
	int n, rc = 0;

	if (!it) {
		fputs("capdash: out of memory\n", ctx->err);
		return CD_EXIT_FAIL;
	}
	n = tornado_compute(&sc->in, step, it, TORNADO_MAX, &capital, &e);
	if (n < 0) {
		free(it);
		return cli_usage_error(ctx->err, "sensitivity", "%s", e.msg);
	}
	if (fmt == CLI_FMT_JSON) {
		sens_json(sc, path, step, capital, it, n, ctx->out);
		free(it);
		return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
	}
	sens_table(&t, it, n, fmt == CLI_FMT_CSV, units);
	if (fmt == CLI_FMT_CSV) {
		rc = cli_table_csv(&t, ctx->out);
	} else {
		money_format(capital, units, f, sizeof f);
		tornado_step_str(step, s, sizeof s);
		if (fmt == CLI_FMT_MARKDOWN) {
			fputs("**", ctx->out);
			cli_md_text(ctx->out, sc->name);
			fputs("**: ", ctx->out);
		} else {
			cli_print_title(ctx->out, sc, path);
		}
		fprintf(ctx->out, _("each input down and up by %s; F is %s now\n\n"), s, f);
		rc = fmt == CLI_FMT_MARKDOWN ? cli_table_markdown(&t, ctx->out)
		                             : cli_table_text(&t, ctx->out, true, NULL);
		if (rc == 0 && fmt == CLI_FMT_TEXT)
			sens_chart(ctx->out, it, n, capital);
	}
	cli_table_done(&t);
	free(it);
	return cli_finish_render(ctx->out, ctx->err, rc);
}

int cmd_sensitivity(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"step", required_argument, NULL, 'p'},   {"set", required_argument, NULL, 's'},
	        {"format", required_argument, NULL, 'f'}, {"units", required_argument, NULL, 'u'},
	        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	struct cli_view_opts o;
	struct scenario sc;
	struct cd_err e;
	const char *path = NULL;
	int c, status, step = TORNADO_STEP_DEFAULT;

	cli_view_opts_init(&o, 0xf);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:s:f:u:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(_(sens_help), ctx->out);
			status = cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
			goto out;
		}
		if (c == 'p') {
			if (tornado_step_parse(optarg, &step, &e) < 0) {
				status = cli_usage_error(ctx->err, "sensitivity", "%s", e.msg);
				goto out;
			}
			continue;
		}
		status = cli_view_opt(&o, c, optarg, "sensitivity", ctx->err);
		if (status < 0)
			status = cli_option_error(ctx->err, "sensitivity", c, argv, longopts);
		if (status)
			goto out;
	}
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "sensitivity", _("expected at most one FILE, got %d"),
		                argc - optind);
		goto out;
	}
	if (argc - optind == 1)
		path = argv[optind];
	if (cli_view_check_units(&o, "sensitivity", ctx->err))
		goto out;
	status = cli_view_load(&o, path, &sc, "sensitivity", ctx->err);
	if (status)
		goto out;
	status = sens_run(&sc, path, step, o.fmt, o.units, ctx);
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
