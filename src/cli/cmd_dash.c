/* cmd_dash.c — `capdash [OPTION]... [FILE]`: the program's own options
 * (--help, --version) and the dashboard's, then ui_main().
 *
 * When standard input or output is not a terminal the dashboard cannot run,
 * so the calc view of the same scenario is printed instead, with a note on
 * stderr.  A word that is neither a command nor an existing file is a usage
 * error with a did-you-mean ("capdash clac").  Must not touch curses (the UI
 * does) and must not exit.  Start at cli_dashboard().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/ui.h"

#ifndef CAPDASH_VERSION
#define CAPDASH_VERSION "unknown"
#endif

enum { OPT_NO_MOUSE = 256, OPT_NO_COLOR, OPT_ASCII, OPT_REFRESH, OPT_YES, OPT_RUN, OPT_THEME };

static const struct option dash_longopts[] = {
        {"theme", required_argument, NULL, OPT_THEME},
        {"no-mouse", no_argument, NULL, OPT_NO_MOUSE},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"no-colour", no_argument, NULL, OPT_NO_COLOR},
        {"ascii", no_argument, NULL, OPT_ASCII},
        {"refresh", required_argument, NULL, OPT_REFRESH},
        {"yes", no_argument, NULL, OPT_YES},
        {"run", no_argument, NULL, OPT_RUN},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

/* ui_options.warn: problems found before the screen starts. */
static void dash_warn(const char *msg)
{
	fprintf(stderr, "%s\n", msg);
}

/* A word that names no command and no file, and does not look like a path,
 * was meant as a command. */
static int not_a_command(const char *word, FILE *err)
{
	const char *names[64];
	const char *best;
	size_t n = 0, len = strlen(word);
	struct stat st;

	if (strchr(word, '/') || (len > 5 && !strcmp(word + len - 5, ".yaml")) ||
	    (len > 4 && !strcmp(word + len - 4, ".yml")) || stat(word, &st) == 0 || errno != ENOENT)
		return 0;
	for (size_t i = 0; i < cli_ncmds && n < CD_ARRAY_LEN(names); i++)
		names[n++] = cli_cmds[i].name;
	best = cd_suggest(word, names, n);
	if (best)
		return cli_usage_error(err, NULL, _("unknown command '%s' (did you mean '%s'?)"),
		                       word, best);
	return cli_usage_error(err, NULL, _("'%s' is neither a command nor a scenario file"), word);
}

static int parse_refresh(const char *s, int *hz, FILE *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 60) {
		cli_usage_error(err, NULL,
		                _("--refresh: expected a whole number of redraws a "
		                  "second from 1 to 60, got '%s'"),
		                s);
		return -1;
	}
	*hz = (int)v;
	return 0;
}

/* Not on a terminal: what the dashboard would show, as text. */
static int dash_fallback(const char *path, struct cli_ctx *ctx)
{
	struct scenario sc;
	int status;

	fprintf(ctx->err,
	        _("capdash: not a terminal; showing 'capdash calc%s%s' (use 'capdash "
	          "calc' in scripts)\n"),
	        path ? " " : "", path ? path : "");
	status = cli_load_scenario(path, &sc, ctx->err);
	if (status)
		return status;
	/* what capdash calc would show: 万 when messages are Chinese */
	status = cli_calc_view(&sc, path, CLI_FMT_TEXT, cd_i18n_is_zh() ? MONEY_WAN : MONEY_CENTS,
	                       ctx);
	scenario_done(&sc);
	return status;
}

/* Everything after the first "--" is the --run command; the options before
 * it are parsed as usual.  Returns the count of words before it. */
static int split_run(int argc, char **argv, char ***run_argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			*run_argv = argv + i + 1;
			return i;
		}
	*run_argv = NULL;
	return argc;
}

int cli_dashboard(int argc, char **argv, struct cli_ctx *ctx)
{
	struct ui_options opt = {0};
	char **after = NULL;
	bool run = false;
	const char *path = NULL;
	struct cd_err err;
	struct scenario sc;
	int c, status, nopt = split_run(argc, argv, &after);

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(nopt, argv, ":hV", dash_longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_print_main_help(ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		case 'V':
			fputs("capdash " CAPDASH_VERSION "\n", ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		case OPT_THEME:
			opt.theme = optarg;
			break;
		case OPT_NO_MOUSE:
			opt.no_mouse = true;
			break;
		case OPT_NO_COLOR:
			opt.no_color = true;
			break;
		case OPT_ASCII:
			opt.ascii = true;
			break;
		case OPT_REFRESH:
			if (parse_refresh(optarg, &opt.refresh_hz, ctx->err) < 0)
				return CD_EXIT_USAGE;
			break;
		case OPT_YES:
			opt.yes = true;
			break;
		case OPT_RUN:
			run = true;
			break;
		default:
			return cli_option_error(ctx->err, NULL, c, argv, dash_longopts);
		}
	}
	/* Words after a "--" without --run are files, as "--" means anywhere. */
	if (!run && after) {
		if (optind < nopt || after[0] == NULL || after[1] != NULL)
			return cli_usage_error(ctx->err, NULL,
			                       after[0] ? "the dashboard takes one "
			                                  "scenario file"
			                                : "nothing after '--' (for a "
			                                  "training run: capdash --run -- CMD...)");
		path = after[0];
	} else if (optind < nopt) {
		path = argv[optind];
		if (cli_cmd_find(path))
			return cli_usage_error(ctx->err, NULL,
			                       _("'%s' is a command: put it first (capdash %s "
			                         "[OPTION]...)"),
			                       path, path);
		status = not_a_command(path, ctx->err);
		if (status)
			return status;
		if (nopt - optind > 1)
			return cli_usage_error(ctx->err, NULL,
			                       _("the dashboard takes one scenario file, got '%s' "
			                         "and '%s'"),
			                       argv[optind], argv[optind + 1]);
	}
	if (run && (!after || !after[0]))
		return cli_usage_error(ctx->err, NULL,
		                       _("--run needs the command after '--' (capdash --run -- "
		                         "python train.py)"));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if (run)
			return cli_usage_error(
			        ctx->err, NULL,
			        _("--run needs a terminal; in scripts use 'capdash run "
			          "-- CMD...'"));
		return dash_fallback(path, ctx);
	}
	if (path && !strcmp(path, "-"))
		return cli_usage_error(ctx->err, NULL,
		                       _("the dashboard reads the keyboard from "
		                         "standard input; give a scenario file, not '-'"));
	/* Every problem in the file is reported here, before the screen
	 * starts; the dashboard then loads a file known to be good. */
	if (path) {
		status = cli_load_scenario(path, &sc, ctx->err);
		if (status)
			return status;
		scenario_done(&sc);
	}
	opt.scenario_path = path;
	opt.run_argv = run ? after : NULL;
	opt.warn = dash_warn;
	cd_err_clear(&err);
	status = ui_main(&opt, &err);
	if (status && err.msg[0])
		cli_print_err(ctx->err, &err);
	return status;
}
