/* cmd_diff.c — `capdash diff A B`: two plans side by side.
 *
 * Loads both scenarios (a file, '-' for standard input, or 'seed'), applies
 * the same --set to each, asks the model (budget_diff) which inputs differ
 * and how C, D, H, C+D+H and F move, and prints that as text, JSON (schema 1,
 * capdash(1)) or Markdown.  Exit 0 whether or not they differ: the figures
 * are the point.  No arithmetic on money here.  Start at cmd_diff().
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/diff.h"
#include "capdash/i18n.h"

static const char diff_help[] =
        N_("Usage: capdash diff A B [OPTION]...\n"
           "Compare two plans: the inputs that differ (key, A, B), then compute C,\n"
           "data D, people H, C+D+H and capital F of each with the difference B - A.\n"
           "A and B are scenario files (capdash-scenario(5)); 'seed' is the built-in\n"
           "seed example and '-' reads standard input (for one of them only).  Roles\n"
           "and other cost lines are matched by their place in the list.  The exit\n"
           "status is 0 whether or not the plans differ.\n"
           "\n"
           "  -s, --set KEY=VALUE   change one input of BOTH plans first (repeatable),\n"
           "                        as for 'capdash calc': compute.gpus=8, alpha=0.25\n"
           "  -f, --format FORMAT   text (default), json or markdown\n"
           "  -u, --units UNITS     amounts in usd (default, to the cent), k, m or wan;\n"
           "                        text and markdown only: json is always in dollars\n"
           "  -h, --help            show this help\n"
           "\n"
           "Examples:\n"
           "  capdash diff seed scenarios/lab-8gpu-servers.yaml\n"
           "  capdash diff seed plan.yaml --format json\n"
           "  capdash diff a.yaml b.yaml --set alpha=0.25\n"
           "\n"
           "Exit status: 0 ok (the plans may differ), 2 usage error, 65 bad scenario\n"
           "file, 66 a file could not be opened.\n");

/* One side of an item as text: its value in its unit, a word, or "-" for
 * a role or line that side lacks. */
static void side_text(const struct budget_diff_item *it, bool b, char *buf, size_t size)
{
	switch (it->kind) {
	case BUDGET_DIFF_VALUE:
		budget_value_display(it->unit, b ? it->b : it->a, buf, size);
		break;
	case BUDGET_DIFF_WORD:
		snprintf(buf, size, "%s", b ? it->b_word : it->a_word);
		break;
	case BUDGET_DIFF_ONLY_A:
		snprintf(buf, size, "%s", b ? "-" : it->a_word);
		break;
	case BUDGET_DIFF_ONLY_B:
		snprintf(buf, size, "%s", b ? it->b_word : "-");
		break;
	}
	/* Names come from files: keep control bytes off the terminal. */
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

static void changed_table(struct cli_table *t, const struct budget_diff *d)
{
	char a[BUDGET_DIFF_WORD_MAX + 48], b[BUDGET_DIFF_WORD_MAX + 48];

	cli_table_init(t, 3);
	cli_table_row(t, (const char *[]){_("Input"), "A", "B"});
	for (int i = 0; i < d->n; i++) {
		side_text(&d->items[i], false, a, sizeof a);
		side_text(&d->items[i], true, b, sizeof b);
		cli_table_row(t, (const char *[]){d->items[i].key, a, b});
	}
}

static void figure_row(struct cli_table *t, const char *label, int64_t a, int64_t b, int64_t delta,
                       enum money_style units)
{
	char sa[48], sb[48], sd[48];

	cli_table_row(t, (const char *[]){label, money_format(a, units, sa, sizeof sa),
	                                  money_format(b, units, sb, sizeof sb),
	                                  money_format_delta(delta, units, sd, sizeof sd)});
}

/* C, D, H, (O), the direct sum and F; O and the outside lines only when
 * either plan has other cost lines, as calc shows them. */
static void figures_table(struct cli_table *t, const struct budget_diff *d, bool costs,
                          enum money_style units)
{
	const struct budget_result *a = &d->a, *b = &d->b;
	const struct budget_diff_delta *dl = &d->delta;

	cli_table_init(t, 4);
	t->align[1] = t->align[2] = t->align[3] = CLI_RIGHT;
	cli_table_row(t, (const char *[]){"", "A", "B", "B - A"});
	figure_row(t, _("Compute C"), a->compute, b->compute, dl->compute, units);
	figure_row(t, _("Data D"), a->data, b->data, dl->data, units);
	figure_row(t, _("People H"), a->people, b->people, dl->people, units);
	if (costs)
		figure_row(t, _("Other O"), a->other, b->other, dl->other, units);
	figure_row(t, costs ? _("Direct C+D+H+O") : _("Direct C+D+H"), a->direct, b->direct,
	           dl->direct, units);
	if (costs)
		figure_row(t, _("Outside"), a->outside, b->outside, dl->outside, units);
	figure_row(t, _("Capital F"), a->capital, b->capital, dl->capital, units);
}

static void json_side(struct cli_json *j, const struct budget_diff_item *it, bool b)
{
	const char *key = b ? "b" : "a";

	switch (it->kind) {
	case BUDGET_DIFF_VALUE:
		cli_json_value(j, key, it->unit, b ? it->b : it->a);
		break;
	case BUDGET_DIFF_WORD:
		cli_json_str(j, key, b ? it->b_word : it->a_word);
		break;
	case BUDGET_DIFF_ONLY_A:
		cli_json_str(j, key, b ? NULL : it->a_word);
		break;
	case BUDGET_DIFF_ONLY_B:
		cli_json_str(j, key, b ? it->b_word : NULL);
		break;
	}
}

static void json_figures(struct cli_json *j, const char *key, int64_t compute, int64_t data,
                         int64_t people, int64_t direct, int64_t capital)
{
	cli_json_open(j, key, '{');
	cli_json_money(j, "compute", compute);
	cli_json_money(j, "data", data);
	cli_json_money(j, "people", people);
	cli_json_money(j, "direct", direct);
	cli_json_money(j, "capital", capital);
	cli_json_close(j, '}');
}

static int diff_json(const struct budget_diff *d, const char *na, const char *nb,
                     struct cli_ctx *ctx)
{
	struct cli_json j;

	cli_json_begin(&j, ctx->out);
	cli_json_open(&j, NULL, '{');
	cli_json_int(&j, "schema", 1);
	cli_json_str(&j, "a", na);
	cli_json_str(&j, "b", nb);
	cli_json_open(&j, "changed", '[');
	for (int i = 0; i < d->n; i++) {
		cli_json_open(&j, NULL, '{');
		cli_json_str(&j, "key", d->items[i].key);
		json_side(&j, &d->items[i], false);
		json_side(&j, &d->items[i], true);
		cli_json_close(&j, '}');
	}
	cli_json_close(&j, ']');
	cli_json_open(&j, "results", '{');
	json_figures(&j, "a", d->a.compute, d->a.data, d->a.people, d->a.direct, d->a.capital);
	json_figures(&j, "b", d->b.compute, d->b.data, d->b.people, d->b.direct, d->b.capital);
	cli_json_close(&j, '}');
	json_figures(&j, "delta", d->delta.compute, d->delta.data, d->delta.people, d->delta.direct,
	             d->delta.capital);
	cli_json_close(&j, '}');
	cli_json_end(&j);
	return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
}

static int diff_view(const struct budget_diff *d, const struct scenario *sa,
                     const struct scenario *sb, const char *na, const char *nb,
                     const struct cli_view_opts *o, struct cli_ctx *ctx)
{
	bool costs = sa->in.ncosts > 0 || sb->in.ncosts > 0;
	struct cli_table ch, fig;
	int rc = 0;

	if (o->fmt == CLI_FMT_JSON)
		return diff_json(d, na, nb, ctx);
	changed_table(&ch, d);
	figures_table(&fig, d, costs, o->units);
	if (o->fmt == CLI_FMT_MARKDOWN) {
		fputs("## A: ", ctx->out);
		cli_md_text(ctx->out, na);
		fputs("; B: ", ctx->out);
		cli_md_text(ctx->out, nb);
		fprintf(ctx->out, "\n\n### %s\n\n", _("Changed inputs"));
		if (d->n)
			rc |= cli_table_markdown(&ch, ctx->out);
		else
			fprintf(ctx->out, "%s\n", _("No input differs."));
		fprintf(ctx->out, "\n### %s\n\n", _("Figures"));
		rc |= cli_table_markdown(&fig, ctx->out);
	} else {
		fputs("A: ", ctx->out);
		cli_print_title(ctx->out, sa, strcmp(na, "seed") ? na : NULL);
		fputs("B: ", ctx->out);
		cli_print_title(ctx->out, sb, strcmp(nb, "seed") ? nb : NULL);
		fputc('\n', ctx->out);
		if (d->n) {
			fprintf(ctx->out,
			        NG_("%d input differs:\n", "%d inputs differ:\n",
			            (unsigned long)d->n),
			        d->n);
			rc |= cli_table_text(&ch, ctx->out, true, "  ");
		} else {
			fprintf(ctx->out, "%s\n", _("No input differs."));
		}
		fputc('\n', ctx->out);
		rc |= cli_table_text(&fig, ctx->out, true, "  ");
	}
	cli_table_done(&ch);
	cli_table_done(&fig);
	return cli_finish_render(ctx->out, ctx->err, rc);
}

int cmd_diff(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_view_opts o;
	struct scenario *sa = NULL, *sb = NULL;
	struct budget_diff *d = NULL;
	const char *na, *nb;
	struct cd_err err;
	int status;

	cli_view_opts_init(&o,
	                   (1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_MARKDOWN));
	status = cli_view_getopt(&o, argc, argv, "diff", diff_help, ctx);
	if (status >= 0)
		goto out;
	status = CD_EXIT_USAGE;
	if (argc - optind != 2) {
		cli_usage_error(ctx->err, "diff",
		                _("diff takes two scenarios (a file, 'seed' or '-'), got %d"),
		                argc - optind);
		goto out;
	}
	na = argv[optind];
	nb = argv[optind + 1];
	if (!strcmp(na, "-") && !strcmp(nb, "-")) {
		cli_usage_error(ctx->err, "diff",
		                _("only one of A and B can be '-' (standard input)"));
		goto out;
	}
	if (cli_view_check_units(&o, "diff", ctx->err))
		goto out;
	status = CD_EXIT_FAIL;
	sa = calloc(1, sizeof *sa);
	sb = calloc(1, sizeof *sb);
	d = malloc(sizeof *d);
	if (!sa || !sb || !d) {
		fprintf(ctx->err, "capdash: diff: %s\n", _("out of memory"));
		goto out;
	}
	status = cli_view_load(&o, strcmp(na, "seed") ? na : NULL, sa, "diff", ctx->err);
	if (status)
		goto out;
	status = cli_view_load(&o, strcmp(nb, "seed") ? nb : NULL, sb, "diff", ctx->err);
	if (status) {
		scenario_done(sa);
		goto out;
	}
	if (budget_diff(&sa->in, &sb->in, d, &err) < 0) {
		cli_print_err(ctx->err, &err);
		status = CD_EXIT_DATAERR;
	} else {
		status = diff_view(d, sa, sb, na, nb, &o, ctx);
	}
	scenario_done(sa);
	scenario_done(sb);
out:
	free(sa);
	free(sb);
	free(d);
	cli_sets_done(&o.sets);
	return status;
}
