/* cmd_seek.c — `capdash seek`: the value of one input that meets a capital
 * target ("the most GPUs a $40M raise pays for", "the α a $20M raise needs").
 *
 * The search is budget_seek's (exact, over the field's whole values); this
 * file parses the goal, prints the answer with F at the answer and at the
 * neighbouring value that misses the target, so the boundary can be seen.
 * Must not exit or do money arithmetic.  Start at cmd_seek().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <string.h>

static const char seek_help[] =
        N_("Usage: capdash seek [FILE] --target capital=N --vary KEY [OPTION]...\n"
           "Find the value of KEY, every other input held, that keeps capital F at most\n"
           "N (the largest cost, or the smallest alpha, that fits the raise) or, with\n"
           "--at-least, makes F at least N.  The search is exact.\n"
           "\n"
           "  -t, --target capital=N  the target F in dollars (capital= may be left out);\n"
           "                          40000000, $40,000,000, 40M, $29.67M and 2966.67\xe4\xb8\x87\n"
           "                          are read exactly\n"
           "      --at-most           keep F <= N (default)\n"
           "      --at-least          make F >= N\n"
           "  -v, --vary KEY          the input to change: gpus, samples, alpha, months,\n"
           "                          compute.gpu_unit_cost, people.roles.0.count, ...\n"
           "  -s, --set KEY=VALUE     change another input first (repeatable)\n"
           "  -f, --format FORMAT     text (default) or json\n"
           "  -u, --units UNITS       amounts in usd (default), k, m or wan; text only\n"
           "  -h, --help              show this help\n"
           "\n"
           "Examples:\n"
           "  capdash seek --target capital=40M --vary gpus\n"
           "  capdash seek --target capital=20000000 --vary alpha\n"
           "\n"
           "Exit status: 0 found, 1 infeasible (no value in the input's range works;\n"
           "the reason on stderr), 2 usage error, 65 bad scenario file, 66 the file\n"
           "could not be opened.\n");

enum { OPT_AT_MOST = 256, OPT_AT_LEAST };

struct seek_req {
	const char *target_text, *vary_text;
	int64_t target; /* cents */
	enum budget_goal goal;
	bool goal_set;
};

/* "capital=N", "F=N" or plain "N", in dollars. */
static int parse_target(const char *s, int64_t *cents, FILE *err)
{
	const char *eq = strchr(s, '=');
	struct cd_err e;

	if (eq) {
		size_t len = (size_t)(eq - s);

		if (!((len == 7 && !strncmp(s, "capital", 7)) || (len == 1 && s[0] == 'F')))
			return cli_usage_error(err, "seek",
			                       _("--target: only capital can be a target "
			                         "(--target capital=N), got '%.*s'"),
			                       (int)(len > 40 ? 40 : len), s);
		s = eq + 1;
	}
	if (budget_value_parse(s, BUDGET_UNIT_CENTS, cents, &e) < 0)
		return cli_usage_error(err, "seek", _("--target: %s"), e.msg);
	return 0;
}

/* F with k set to v, or -1 when v is outside k's range. */
static int capital_at(const struct budget_input *in, struct budget_key k, int64_t v,
                      int64_t *capital)
{
	struct budget_input tmp = *in;
	struct budget_result r;

	if (budget_set(&tmp, k, v, NULL) < 0 || budget_eval(&tmp, &r, NULL) < 0)
		return -1;
	*capital = r.capital;
	return 0;
}

static bool meets(enum budget_goal goal, int64_t capital, int64_t target)
{
	return goal == BUDGET_GOAL_AT_MOST ? capital <= target : capital >= target;
}

static void seek_text(const struct scenario *sc, const char *path, struct budget_key k,
                      const struct seek_req *rq, int64_t value, int64_t capital,
                      enum money_style units, FILE *out)
{
	enum budget_unit unit = budget_field_get(k.id)->unit;
	int64_t now = budget_get(&sc->in, k), f;
	struct cli_table t;
	char key[64], v[48], m[48], tgt[48];
	const char *which = NULL;

	budget_key_name(k, key, sizeof key);
	cli_print_title(out, sc, path);
	fprintf(out, _("Goal: capital F %s %s, varying %s\n\n"),
	        rq->goal == BUDGET_GOAL_AT_MOST ? _("at most") : _("at least"),
	        money_format(rq->target, units, tgt, sizeof tgt), key);
	cli_table_init(&t, 3);
	t.align[0] = t.align[1] = CLI_RIGHT;
	cli_table_row(&t, (const char *[]){key, _("Capital F"), ""});
	/* Whichever neighbour misses the goal shows where the boundary is. */
	for (int d = -1; d <= 1; d++) {
		const char *note = d == 0 ? _("the answer") : _("misses the target");

		if (d &&
		    (value + d < budget_field_get(k.id)->min ||
		     value + d > budget_field_get(k.id)->max ||
		     capital_at(&sc->in, k, value + d, &f) < 0 || meets(rq->goal, f, rq->target)))
			continue;
		if (d == 0)
			f = capital;
		else
			which = d > 0 ? _("largest") : _("smallest");
		budget_value_display(unit, value + d, v, sizeof v);
		cli_table_row(&t, (const char *[]){v, money_format(f, units, m, sizeof m), note});
	}
	if (!which)
		which = value == budget_field_get(k.id)->max ? _("largest") : _("smallest");
	if (capital_at(&sc->in, k, now, &f) == 0) {
		budget_value_display(unit, now, v, sizeof v);
		cli_table_row(&t,
		              (const char *[]){v, money_format(f, units, m, sizeof m), _("now")});
	}
	budget_value_display(unit, value, v, sizeof v);
	fprintf(out, _("%s = %s (the %s value that meets the goal)\n\n"), key, v, which);
	cli_table_text(&t, out, true, "  ");
	cli_table_done(&t);
}

static void seek_json(const struct scenario *sc, const char *path, struct budget_key k,
                      const struct seek_req *rq, int64_t value, int64_t capital, FILE *out)
{
	enum budget_unit unit = budget_field_get(k.id)->unit;
	struct cli_json j;
	char key[64];
	int64_t f;

	cli_json_begin_scenario(&j, out, sc, path);
	cli_json_str(&j, "vary", budget_key_name(k, key, sizeof key));
	cli_json_str(&j, "goal", rq->goal == BUDGET_GOAL_AT_MOST ? "at_most" : "at_least");
	cli_json_money(&j, "target", rq->target);
	cli_json_value(&j, "value", unit, value);
	cli_json_money(&j, "capital", capital);
	cli_json_value(&j, "current_value", unit, budget_get(&sc->in, k));
	if (capital_at(&sc->in, k, budget_get(&sc->in, k), &f) == 0)
		cli_json_money(&j, "current_capital", f);
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

static int seek_run(const struct scenario *sc, const char *path, const struct seek_req *rq,
                    enum cli_format fmt, enum money_style units, struct cli_ctx *ctx)
{
	struct budget_key k;
	struct cd_err e;
	int64_t value, capital;

	if (budget_key_parse(rq->vary_text, &sc->in, &k, &e) < 0)
		return cli_usage_error(ctx->err, "seek", _("--vary: %s"), e.msg);
	if (budget_seek(&sc->in, k, rq->goal, rq->target, &value, &capital, &e) < 0) {
		if (e.code == CD_ERR_INFEASIBLE) {
			cli_print_err(ctx->err, &e);
			return CD_EXIT_FAIL;
		}
		if (e.code == CD_ERR_USAGE || e.code == CD_ERR_KEY)
			return cli_usage_error(ctx->err, "seek", _("%s"), e.msg);
		cli_print_err(ctx->err, &e);
		return CD_EXIT_DATAERR;
	}
	if (fmt == CLI_FMT_JSON)
		seek_json(sc, path, k, rq, value, capital, ctx->out);
	else
		seek_text(sc, path, k, rq, value, capital, units, ctx->out);
	return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
}

int cmd_seek(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"target", required_argument, NULL, 't'},
	        {"at-most", no_argument, NULL, OPT_AT_MOST},
	        {"at-least", no_argument, NULL, OPT_AT_LEAST},
	        {"vary", required_argument, NULL, 'v'},
	        {"set", required_argument, NULL, 's'},
	        {"format", required_argument, NULL, 'f'},
	        {"units", required_argument, NULL, 'u'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct seek_req rq = {.goal = BUDGET_GOAL_AT_MOST};
	struct cli_view_opts o;
	struct scenario sc;
	const char *path = NULL;
	int c, status;

	cli_view_opts_init(&o, (1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:v:s:f:u:h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			rq.target_text = optarg;
			break;
		case 'v':
			rq.vary_text = optarg;
			break;
		case OPT_AT_MOST:
		case OPT_AT_LEAST:
			if (rq.goal_set && rq.goal != (c == OPT_AT_MOST ? BUDGET_GOAL_AT_MOST
			                                                : BUDGET_GOAL_AT_LEAST)) {
				status = cli_usage_error(
				        ctx->err, "seek",
				        _("--at-most and --at-least exclude each other"));
				goto out;
			}
			rq.goal = c == OPT_AT_MOST ? BUDGET_GOAL_AT_MOST : BUDGET_GOAL_AT_LEAST;
			rq.goal_set = true;
			break;
		case 'h':
			fputs(_(seek_help), ctx->out);
			status = cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
			goto out;
		default:
			status = cli_view_opt(&o, c, optarg, "seek", ctx->err);
			if (status < 0)
				status = cli_option_error(ctx->err, "seek", c, argv, longopts);
			if (status)
				goto out;
		}
	}
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "seek",
		                _("seek takes one scenario file, got '%s' and '%s'"), argv[optind],
		                argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		path = argv[optind];
	if (!rq.target_text || !rq.vary_text) {
		cli_usage_error(ctx->err, "seek",
		                _("seek needs --target capital=N and --vary KEY, such as: capdash "
		                  "seek --target capital=40000000 --vary gpus"));
		goto out;
	}
	if (cli_view_check_units(&o, "seek", ctx->err))
		goto out;
	if (parse_target(rq.target_text, &rq.target, ctx->err))
		goto out;
	status = cli_view_load(&o, path, &sc, "seek", ctx->err);
	if (status)
		goto out;
	status = seek_run(&sc, path, &rq, o.fmt, o.units, ctx);
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
