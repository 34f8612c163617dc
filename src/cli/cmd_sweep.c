/* cmd_sweep.c — `capdash sweep [FILE] KEY=START:STOP:STEP`: a spreadsheet
 * data table of C, D, H, C+D+H and F over one input.
 *
 * The values are parsed in the key's own unit (dollars for prices, a ratio
 * for α, whole numbers for counts), and the rows come from budget_sweep, so
 * every figure is an exact evaluation of the model.  Must not exit or do
 * money arithmetic.  Start at cmd_sweep().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <stdlib.h>
#include <string.h>

/* More rows than anyone reads; a larger sweep asks for a larger step. */
#define SWEEP_MAX_ROWS 10000

static const char sweep_help[] =
        N_("Usage: capdash sweep [FILE] KEY=START:STOP:STEP [OPTION]...\n"
           "Evaluate the plan for KEY = START, START+STEP, ... up to STOP and print one\n"
           "row per value: the value, C, D, H, C+D+H and F.  KEY is any --set key\n"
           "(gpus, samples, alpha, months, compute.gpu_unit_cost,\n"
           "people.roles.0.count, ...); the values are in its unit: whole numbers,\n"
           "dollars (250000, 0.25) or a ratio (0.25).  At most 10,000 rows.\n"
           "\n"
           "  -s, --set KEY=VALUE   change another input first (repeatable)\n"
           "  -f, --format FORMAT   text (default), json, csv or markdown\n"
           "  -u, --units UNITS     amounts in usd (default), k, m or wan; text and\n"
           "                        markdown only\n"
           "  -h, --help            show this help\n"
           "\n"
           "Examples:\n"
           "  capdash sweep gpus=0:40:5\n"
           "  capdash sweep alpha=0.2:0.5:0.05 --format csv\n"
           "  capdash sweep scenarios/finetune-shop-cloud.yaml people.months=6:24:6\n"
           "\n"
           "Exit status: 0 ok, 2 usage error (bad KEY, values or range), 65 bad\n"
           "scenario file, 66 the file could not be opened.\n");

struct sweep_spec {
	char key[128];
	const char *part[3]; /* START, STOP, STEP texts (inside buf) */
	char buf[256];
};

/* Split KEY=START:STOP:STEP; the pieces are checked once the scenario is
 * loaded (role keys depend on it). */
static int spec_split(const char *s, struct sweep_spec *sp, FILE *err)
{
	const char *eq = strchr(s, '=');
	char *a, *b;

	if (!eq || (size_t)(eq - s) >= sizeof sp->key || strlen(eq + 1) >= sizeof sp->buf)
		goto bad;
	memcpy(sp->key, s, (size_t)(eq - s));
	sp->key[eq - s] = '\0';
	strcpy(sp->buf, eq + 1);
	a = strchr(sp->buf, ':');
	b = a ? strchr(a + 1, ':') : NULL;
	if (!a || !b || strchr(b + 1, ':'))
		goto bad;
	*a = *b = '\0';
	sp->part[0] = sp->buf;
	sp->part[1] = a + 1;
	sp->part[2] = b + 1;
	return 0;
bad:
	cli_usage_error(err, "sweep",
	                _("expected KEY=START:STOP:STEP such as gpus=0:40:5, got '%s'"), s);
	return -1;
}

static void sweep_table(struct cli_table *t, const char *key, enum budget_unit unit,
                        const struct budget_sweep_row *rows, int n, bool machine,
                        enum money_style units)
{
	char v[6][48];

	cli_table_init(t, 6);
	for (int c = 0; c < 6; c++)
		t->align[c] = CLI_RIGHT;
	if (machine)
		cli_table_row(
		        t, (const char *[]){key, "compute", "data", "people", "direct", "capital"});
	else
		cli_table_row(t, (const char *[]){key, _("Compute C"), _("Data D"), _("People H"),
		                                  "C+D+H", _("Capital F")});
	for (int i = 0; i < n; i++) {
		const int64_t m[5] = {rows[i].compute, rows[i].data, rows[i].people, rows[i].direct,
		                      rows[i].capital};

		if (machine)
			budget_value_str(unit, rows[i].value, v[0], sizeof v[0]);
		else
			budget_value_display(unit, rows[i].value, v[0], sizeof v[0]);
		for (int c = 0; c < 5; c++)
			if (machine)
				money_decimal(m[c], v[c + 1], sizeof v[c + 1]);
			else
				money_format(m[c], units, v[c + 1], sizeof v[c + 1]);
		cli_table_row(t, (const char *[]){v[0], v[1], v[2], v[3], v[4], v[5]});
	}
}

static void sweep_json(const struct scenario *sc, const char *path, const char *key,
                       enum budget_unit unit, const int64_t range[3],
                       const struct budget_sweep_row *rows, int n, FILE *out)
{
	struct cli_json j;

	cli_json_begin_scenario(&j, out, sc, path);
	cli_json_str(&j, "key", key);
	cli_json_value(&j, "start", unit, range[0]);
	cli_json_value(&j, "stop", unit, range[1]);
	cli_json_value(&j, "step", unit, range[2]);
	cli_json_open(&j, "rows", '[');
	for (int i = 0; i < n; i++) {
		cli_json_open(&j, NULL, '{');
		cli_json_value(&j, "value", unit, rows[i].value);
		cli_json_money(&j, "compute", rows[i].compute);
		cli_json_money(&j, "data", rows[i].data);
		cli_json_money(&j, "people", rows[i].people);
		cli_json_money(&j, "direct", rows[i].direct);
		cli_json_money(&j, "capital", rows[i].capital);
		cli_json_close(&j, '}');
	}
	cli_json_close(&j, ']');
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

/* Key and values checked against the loaded scenario, then the table. */
static int sweep_run(const struct scenario *sc, const char *path, const struct sweep_spec *sp,
                     enum cli_format fmt, enum money_style units, struct cli_ctx *ctx)
{
	static const char *const names[3] = {"START", "STOP", "STEP"};
	struct budget_sweep_row *rows;
	struct budget_key k;
	enum budget_unit unit;
	struct cd_err e;
	struct cli_table t;
	int64_t range[3];
	char key[64], a[48], b[48], c[48];
	int n, rc = 0;

	if (budget_key_parse(sp->key, &sc->in, &k, &e) < 0)
		return cli_usage_error(ctx->err, "sweep", _("%s"), e.msg);
	unit = budget_field_get(k.id)->unit;
	budget_key_name(k, key, sizeof key);
	for (int i = 0; i < 3; i++)
		if (budget_value_parse(sp->part[i], unit, &range[i], &e) < 0)
			return cli_usage_error(ctx->err, "sweep", _("%s %s: %s"), key, names[i],
			                       e.msg);
	rows = malloc(SWEEP_MAX_ROWS * sizeof *rows);
	if (!rows) {
		fprintf(ctx->err, "capdash: %s\n", _("out of memory"));
		return CD_EXIT_FAIL;
	}
	n = budget_sweep(&sc->in, k, range[0], range[1], range[2], rows, SWEEP_MAX_ROWS, &e);
	if (n < 0) {
		free(rows);
		return cli_usage_error(ctx->err, "sweep", _("%s"), e.msg);
	}
	if (fmt == CLI_FMT_JSON) {
		sweep_json(sc, path, key, unit, range, rows, n, ctx->out);
	} else {
		sweep_table(&t, key, unit, rows, n, fmt == CLI_FMT_CSV, units);
		if (fmt == CLI_FMT_CSV) {
			rc = cli_table_csv(&t, ctx->out);
		} else {
			budget_value_display(unit, range[0], a, sizeof a);
			budget_value_display(unit, range[1], b, sizeof b);
			budget_value_display(unit, range[2], c, sizeof c);
			if (fmt == CLI_FMT_MARKDOWN) {
				fputs("**", ctx->out);
				cli_md_text(ctx->out, sc->name);
				fputs("**: ", ctx->out);
			} else {
				cli_print_title(ctx->out, sc, path);
			}
			fprintf(ctx->out, _("%s from %s to %s in steps of %s\n\n"), key, a, b, c);
			rc = fmt == CLI_FMT_MARKDOWN ? cli_table_markdown(&t, ctx->out)
			                             : cli_table_text(&t, ctx->out, true, NULL);
		}
		cli_table_done(&t);
	}
	free(rows);
	return cli_finish_render(ctx->out, ctx->err, rc);
}

int cmd_sweep(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_view_opts o;
	struct sweep_spec sp;
	struct scenario sc;
	const char *path = NULL, *spec;
	int status;

	cli_view_opts_init(&o, 0xf);
	status = cli_view_getopt(&o, argc, argv, "sweep", sweep_help, ctx);
	if (status >= 0)
		goto out;
	status = CD_EXIT_USAGE;
	if (optind >= argc || argc - optind > 2) {
		cli_usage_error(ctx->err, "sweep",
		                _("expected [FILE] KEY=START:STOP:STEP, such as: capdash sweep "
		                  "gpus=0:40:5"));
		goto out;
	}
	if (argc - optind == 2)
		path = argv[optind++];
	spec = argv[optind];
	if (cli_view_check_units(&o, "sweep", ctx->err))
		goto out;
	if (spec_split(spec, &sp, ctx->err) < 0)
		goto out;
	status = cli_view_load(&o, path, &sc, "sweep", ctx->err);
	if (status)
		goto out;
	status = sweep_run(&sc, path, &sp, o.fmt, o.units, ctx);
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
