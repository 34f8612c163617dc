/* opts.c — option handling shared by the subcommands: usage errors worded
 * one way, --format and --units words, and --set KEY=VALUE.
 *
 * --set goes through the model's own key and value parsers (budget_key_parse,
 * budget_value_parse, budget_set), so the CLI accepts exactly what a scenario
 * file and the dashboard accept and reports the same ranges.  Must not do
 * money arithmetic.  Start at cli_sets_apply().
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

const char *cli_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = cd_closest(word, cands, n);
	size_t len = strlen(word);

	/* cd_closest counts two swapped neighbours ("clac") as two edits; a
	 * person makes that slip as one. */
	for (size_t i = 0; !best && i < n; i++) {
		size_t j = 0;

		if (!cands[i] || strlen(cands[i]) != len)
			continue;
		while (j < len && word[j] == cands[i][j])
			j++;
		if (j + 1 < len && word[j] == cands[i][j + 1] && word[j + 1] == cands[i][j] &&
		    !strcmp(word + j + 2, cands[i] + j + 2))
			best = cands[i];
	}
	return best;
}

int cli_usage_error(FILE *err, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("capdash: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(err, "\nTry 'capdash %s --help'.\n", cmd);
	else
		fputs("\nTry 'capdash --help'.\n", err);
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
			return cli_usage_error(err, cmd, "option '-%c' needs a value", optopt);
		return cli_usage_error(err, cmd, "option '%s' needs a value", arg);
	}
	if (optopt && arg[0] == '-' && arg[1] != '-')
		return cli_usage_error(err, cmd, "unknown option '-%c'", optopt);
	/* "--fromat=json" is matched on "fromat". */
	len = strcspn(arg + 2, "=");
	if (len >= sizeof word)
		len = sizeof word - 1;
	memcpy(word, arg + 2, len);
	word[len] = '\0';
	for (const struct option *o = longopts; o && o->name && n < CD_ARRAY_LEN(names); o++)
		names[n++] = o->name;
	best = arg[0] == '-' && arg[1] == '-' ? cli_suggest(word, names, n) : NULL;
	if (best)
		return cli_usage_error(err, cmd, "unknown option '%s' (did you mean '--%s'?)", arg,
				       best);
	return cli_usage_error(err, cmd, "unknown option '%s'", arg);
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
	best = cli_suggest(s, names, n);
	if (best)
		cli_usage_error(err, cmd, "--format: expected %s, got '%s' (did you mean '%s'?)",
				list, s, best);
	else
		cli_usage_error(err, cmd, "--format: expected %s, got '%s'", list, s);
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
	best = cli_suggest(s, names, CD_ARRAY_LEN(names));
	if (best)
		cli_usage_error(err, cmd,
				"--units: expected usd, k, m or wan, got '%s' (did you "
				"mean '%s'?)",
				s, best);
	else
		cli_usage_error(err, cmd, "--units: expected usd, k, m or wan, got '%s'", s);
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

/* One KEY=VALUE.  The model's messages already name the field and say what
 * was expected; the CLI adds which argument it was. */
static int set_one(const char *arg, struct budget_input *in, const char *cmd, FILE *err)
{
	const char *eq = strchr(arg, '=');
	char key[128];
	struct budget_key k;
	struct cd_err e;
	int64_t v;
	size_t len;

	if (!eq)
		return cli_usage_error(err, cmd,
				       "--set: expected KEY=VALUE such as gpus=8 or "
				       "capital.alpha=0.25, got '%s'",
				       arg);
	len = (size_t)(eq - arg);
	if (len >= sizeof key)
		return cli_usage_error(err, cmd, "--set: unknown key '%.40s...'", arg);
	memcpy(key, arg, len);
	key[len] = '\0';
	if (budget_key_parse(key, in, &k, &e) < 0)
		return cli_usage_error(err, cmd, "--set %s: %s", arg, e.msg);
	if (budget_value_parse(eq + 1, budget_field_get(k.id)->unit, &v, &e) < 0)
		return cli_usage_error(err, cmd, "--set %s: %s: %s", arg, key, e.msg);
	if (budget_set(in, k, v, &e) < 0)
		return cli_usage_error(err, cmd, "--set %s: %s", arg, e.msg);
	return 0;
}

int cli_sets_apply(const struct cli_sets *s, struct budget_input *in, const char *cmd, FILE *err)
{
	for (size_t i = 0; i < s->n; i++) {
		int rc = set_one(s->v[i], in, cmd, err);

		if (rc)
			return rc;
	}
	return 0;
}
