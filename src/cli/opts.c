/* opts.c — option handling shared by the subcommands: usage errors worded
 * one way, --format and --units words, --set KEY=VALUE, and the three taken
 * together as calc, sweep and seek take them (cli_view_*).
 *
 * --set goes through scenario_set (the model's own key and value parsers,
 * budget_key_parse, budget_value_parse, budget_set, and the scenario's
 * word-valued keys such as compute.mode=rent), so the CLI accepts exactly
 * what a scenario file and the dashboard accept and reports the same
 * ranges.  Must not do money arithmetic.  Start at cli_sets_apply().
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"
#include "capdash/i18n.h"

int cli_usage_error(FILE *err, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("capdash: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(err, _("\nTry 'capdash %s --help'.\n"), cmd);
	else
		fputs(_("\nTry 'capdash --help'.\n"), err);
	return CD_EXIT_USAGE;
}

int cli_option_error(FILE *err, const char *cmd, int c, char **argv, const struct option *longopts)
{
	const char *names[64];
	char word[64];
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const char *best;
	size_t n = 0, len;

	if (c == ':') {
		if (optopt && optopt < 256 && arg[0] == '-' && arg[1] != '-')
			return cli_usage_error(err, cmd, _("option '-%c' needs a value"), optopt);
		return cli_usage_error(err, cmd, _("option '%s' needs a value"), arg);
	}
	if (optopt && arg[0] == '-' && arg[1] != '-')
		return cli_usage_error(err, cmd, _("unknown option '-%c'"), optopt);
	/* "--fromat=json" is matched on "fromat". */
	len = strcspn(arg + 2, "=");
	if (len >= sizeof word)
		len = sizeof word - 1;
	memcpy(word, arg + 2, len);
	word[len] = '\0';
	for (const struct option *o = longopts; o && o->name && n < CD_ARRAY_LEN(names); o++)
		names[n++] = o->name;
	best = arg[0] == '-' && arg[1] == '-' ? cd_suggest(word, names, n) : NULL;
	if (best)
		return cli_usage_error(err, cmd, _("unknown option '%s' (did you mean '--%s'?)"),
		                       arg, best);
	return cli_usage_error(err, cmd, _("unknown option '%s'"), arg);
}

static const char *const format_names[] = {"text", "json", "csv", "markdown"};

int cli_parse_format(const char *s, unsigned allowed, enum cli_format *out, const char *cmd,
                     FILE *err)
{
	const char *names[CD_ARRAY_LEN(format_names)];
	char list[64] = "";
	size_t n = 0;
	const char *best;

	for (size_t i = 0; i < CD_ARRAY_LEN(format_names); i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (!strcmp(s, format_names[i]) || (i == CLI_FMT_MARKDOWN && !strcmp(s, "md"))) {
			*out = (enum cli_format)i;
			return 0;
		}
		names[n++] = format_names[i];
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(list, i + 1 == n ? " or " : ", ");
		strcat(list, names[i]);
	}
	best = cd_suggest(s, names, n);
	if (best)
		cli_usage_error(err, cmd, _("--format: expected %s, got '%s' (did you mean '%s'?)"),
		                list, s, best);
	else
		cli_usage_error(err, cmd, _("--format: expected %s, got '%s'"), list, s);
	return -1;
}

int cli_parse_units(const char *s, enum money_style *out, const char *cmd, FILE *err)
{
	static const struct {
		const char *name;
		enum money_style style;
	} units[] = {
	        {"usd", MONEY_CENTS},
	        {"k", MONEY_K},
	        {"m", MONEY_M},
	        {"wan", MONEY_WAN},
	};
	const char *names[CD_ARRAY_LEN(units)];
	const char *best;

	for (size_t i = 0; i < CD_ARRAY_LEN(units); i++) {
		names[i] = units[i].name;
		if (!strcmp(s, units[i].name) ||
		    (units[i].style == MONEY_WAN && !strcmp(s, "万"))) {
			*out = units[i].style;
			return 0;
		}
	}
	best = cd_suggest(s, names, CD_ARRAY_LEN(names));
	if (best)
		cli_usage_error(err, cmd,
		                _("--units: expected usd, k, m or wan, got '%s' (did you "
		                  "mean '%s'?)"),
		                s, best);
	else
		cli_usage_error(err, cmd, _("--units: expected usd, k, m or wan, got '%s'"), s);
	return -1;
}

void cli_sets_done(struct cli_sets *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

int cli_sets_add(struct cli_sets *s, const char *arg)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		const char **v = realloc(s->v, cap * sizeof *v);

		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = arg;
	return 0;
}

/* One KEY=VALUE.  scenario_set's messages already name the field and say
 * what was expected; the CLI adds which argument it was. */
static int set_one(const char *arg, struct scenario *sc, const char *cmd, FILE *err)
{
	const char *eq = strchr(arg, '=');
	char key[128];
	struct cd_err e;
	size_t len;

	if (!eq)
		return cli_usage_error(err, cmd,
		                       _("--set: expected KEY=VALUE such as gpus=8 or "
		                         "capital.alpha=0.25, got '%s'"),
		                       arg);
	len = (size_t)(eq - arg);
	if (len >= sizeof key)
		return cli_usage_error(err, cmd, _("--set: unknown key '%.40s...'"), arg);
	memcpy(key, arg, len);
	key[len] = '\0';
	if (scenario_set(sc, key, eq + 1, &e) < 0)
		return cli_usage_error(err, cmd, _("--set %s: %s"), arg, e.msg);
	return 0;
}

int cli_sets_apply(const struct cli_sets *s, struct scenario *sc, const char *cmd, FILE *err)
{
	for (size_t i = 0; i < s->n; i++) {
		int rc = set_one(s->v[i], sc, cmd, err);

		if (rc)
			return rc;
	}
	return 0;
}

void cli_view_opts_init(struct cli_view_opts *o, unsigned formats)
{
	/* Chinese readers count money in 万 and 亿 (issue 9); --units usd
	 * still gives dollars.  JSON and CSV are dollars whatever this says. */
	*o = (struct cli_view_opts){.fmt = CLI_FMT_TEXT,
	                            .units = cd_i18n_is_zh() ? MONEY_WAN : MONEY_CENTS,
	                            .formats = formats};
}

int cli_view_opt(struct cli_view_opts *o, int c, const char *arg, const char *cmd, FILE *err)
{
	switch (c) {
	case 's':
		if (cli_sets_add(&o->sets, arg) < 0) {
			fprintf(err, "capdash: %s\n", _("out of memory"));
			return CD_EXIT_FAIL;
		}
		return 0;
	case 'f':
		return cli_parse_format(arg, o->formats, &o->fmt, cmd, err) < 0 ? CD_EXIT_USAGE : 0;
	case 'u':
		if (cli_parse_units(arg, &o->units, cmd, err) < 0)
			return CD_EXIT_USAGE;
		o->units_set = true;
		return 0;
	default:
		return -1;
	}
}

int cli_view_getopt(struct cli_view_opts *o, int argc, char **argv, const char *cmd,
                    const char *help, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"set", required_argument, NULL, 's'},
	        {"format", required_argument, NULL, 'f'},
	        {"units", required_argument, NULL, 'u'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c, status;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:f:u:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(_(help), ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		}
		status = cli_view_opt(o, c, optarg, cmd, ctx->err);
		if (status < 0)
			return cli_option_error(ctx->err, cmd, c, argv, longopts);
		if (status)
			return status;
	}
	return -1;
}

int cli_view_check_units(const struct cli_view_opts *o, const char *cmd, FILE *err)
{
	if (!o->units_set || o->fmt == CLI_FMT_TEXT || o->fmt == CLI_FMT_MARKDOWN)
		return 0;
	/* Name only the formats this command has. */
	if (o->formats & (1u << CLI_FMT_MARKDOWN))
		return cli_usage_error(err, cmd,
		                       _("--units applies to text and markdown; json and csv are "
		                         "always in dollars"));
	return cli_usage_error(err, cmd, _("--units applies to text; json is always in dollars"));
}

int cli_view_load(const struct cli_view_opts *o, const char *path, struct scenario *sc,
                  const char *cmd, FILE *err)
{
	int status = cli_load_scenario(path, sc, err);

	if (status)
		return status;
	status = cli_sets_apply(&o->sets, sc, cmd, err);
	if (status)
		scenario_done(sc);
	return status;
}
