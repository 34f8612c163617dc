/* cmd_validate.c — `capdash validate FILE...`: check scenario, theme and
 * config files and report every problem in each.
 *
 * The kind of each file is decided by config_validate_kind (src/config/);
 * this file only prints.  Good files say "FILE: ok (KIND)" unless --quiet.
 * The exit status is 65 when any file has bad data, else 66 when any could
 * not be opened, else 0.  Must not exit.
 */
#include "cli.h"
#include "capdash/i18n.h"

static const char validate_help[] =
        N_("Usage: capdash validate [--quiet] FILE...\n"
           "Check scenario, theme and config files and print every problem, one per\n"
           "line, as FILE:LINE:COL: message.  Each file's kind is recognised from its\n"
           "contents: a theme has a top-level roles: mapping, a config file is named\n"
           "config.yaml, anything else is a scenario.\n"
           "\n"
           "  -q, --quiet   print nothing for good files (errors are still printed)\n"
           "  -h, --help    show this help\n"
           "\n"
           "Exit status: 0 all files good, 65 a file has bad data, 66 a file could not\n"
           "be opened (when no file has bad data), 2 usage error.\n");

static const char *kind_name(enum config_kind k)
{
	switch (k) {
	case CONFIG_KIND_SCENARIO:
		return N_("scenario");
	case CONFIG_KIND_THEME:
		return N_("theme");
	case CONFIG_KIND_USERCONF:
		return N_("config");
	}
	return N_("file");
}

int cmd_validate(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"quiet", no_argument, NULL, 'q'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	bool quiet = false, bad = false, unreadable = false;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(_(validate_help), ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		default:
			return cli_option_error(ctx->err, "validate", c, argv, longopts);
		}
	}
	if (optind >= argc)
		return cli_usage_error(ctx->err, "validate",
		                       _("validate needs at least one file (capdash validate "
		                         "scenarios/*.yaml)"));
	for (int i = optind; i < argc; i++) {
		struct cd_errlist errs;
		enum config_kind kind = CONFIG_KIND_SCENARIO;

		cd_errlist_init(&errs);
		if (config_validate_kind(argv[i], &errs, &kind) == 0) {
			if (!quiet)
				fprintf(ctx->out, _("%s: ok (%s)\n"), argv[i], _(kind_name(kind)));
		} else if (cli_print_errors(&errs, argv[i], ctx->err) == CD_EXIT_NOINPUT) {
			unreadable = true;
		} else {
			bad = true;
		}
		cd_errlist_done(&errs);
	}
	return cli_finish_output(ctx->out, ctx->err,
	                         bad          ? CD_EXIT_DATAERR
	                         : unreadable ? CD_EXIT_NOINPUT
	                                      : CD_EXIT_OK);
}
