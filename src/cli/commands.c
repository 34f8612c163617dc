/* commands.c — the table of subcommands, `capdash --help` and `capdash help`.
 *
 * One row per command: name, handler, synopsis, one-line summary, in the
 * manner of tmux's cmd table.  A new command is a row here plus its handler
 * (declared in cli.h); the help listing follows the table, so it cannot
 * drift.  Must not parse command options (each handler does its own).
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <string.h>

#include "capdash/common.h"

/* Rows appear in `capdash --help` in this order. */
const struct cli_cmd cli_cmds[] = {
        {"calc", cmd_calc, "calc [FILE] [--set KEY=VALUE]... [--format F] [--units U]",
         N_("the capital breakdown: C, D, H, per role, C+D+H and F")},
        {"timeline", cmd_timeline, "timeline [FILE] [--set KEY=VALUE]... [--format F] [--units U]",
         N_("the plan month by month: C, D, H, O, burn, cash and the runway")},
        {"sweep", cmd_sweep, "sweep [FILE] KEY=START:STOP:STEP [--set KEY=VALUE]... [--format F]",
         N_("a data table of C, D, H and F over one input")},
        {"seek", cmd_seek,
         "seek [FILE] --target capital=N [--at-most|--at-least] --vary KEY [--set ...]",
         N_("goal seek: the value of one input that meets a capital target")},
        {"sensitivity", cmd_sensitivity,
         "sensitivity [FILE] [--step P%] [--set KEY=VALUE]... [--format F] [--units U]",
         N_("a tornado: F with each input moved down and up by P%, largest swing first")},
        {"diff", cmd_diff, "diff A B [--set KEY=VALUE]... [--format F] [--units U]",
         N_("compare two plans: the inputs that differ, C, D, H, C+D+H and F of each")},
        {"forecast", cmd_forecast,
         "forecast [FILE] [--run RUN] [--epochs N] [--batch N] [--run-devices N] [--set ...]",
         N_("the plan's training time, rent and break-even at a run's measured speed")},
        {"validate", cmd_validate, "validate [--quiet] FILE...",
         N_("check scenario, theme and config files; report every error")},
        {"run", cmd_run,
         "run [--name N] [--detach] [--pty] [--total-steps N] [--gpus N] [--scenario F] [--yes] "
         "-- CMD...",
         N_("start a training run and follow it (progress line on a terminal)")},
        {"runs", cmd_runs, "runs", N_("list training runs: state, step, loss, cost")},
        {"attach", cmd_attach, "attach [--summary] [RUN]",
         N_("open a run (default: the newest) in the dashboard, or print its history")},
        {"shot", cmd_shot,
         "shot [FILE] --out PATH [--size COLSxROWS] [--theme T] [--set KEY=VALUE]...",
         N_("a picture of the dashboard (.svg, .png, .txt, .ans) without a terminal")},
        {"help", cmd_help, "help [COMMAND]", N_("show the help of capdash or of one command")},
};
const size_t cli_ncmds = CD_ARRAY_LEN(cli_cmds);

const struct cli_cmd *cli_cmd_find(const char *name)
{
	for (size_t i = 0; i < cli_ncmds; i++)
		if (!strcmp(cli_cmds[i].name, name))
			return &cli_cmds[i];
	return NULL;
}

void cli_print_main_help(FILE *out)
{
	fputs(_("Usage: capdash [OPTION]... [FILE]\n"
	        "       capdash COMMAND [ARG]...\n"
	        "\n"
	        "How much capital an AI-model plan needs, and what its training runs cost.\n"
	        "With no COMMAND, open the dashboard on FILE (a scenario; default: the\n"
	        "config's scenario, else the built-in seed).  When standard input or output\n"
	        "is not a terminal, print the 'capdash calc' view instead.\n"
	        "\n"
	        "Commands:\n"),
	      out);
	for (size_t i = 0; i < cli_ncmds; i++)
		fprintf(out, "  %-10s %s\n", cli_cmds[i].name, _(cli_cmds[i].summary));
	fputs(_("\n"
	        "Dashboard options:\n"
	        "      --theme NAME|FILE  colour theme (default, dark, light, high-contrast, ...)\n"
	        "      --no-mouse         do not use the mouse\n"
	        "      --no-color         no colours (also when NO_COLOR is set)\n"
	        "      --ascii            ASCII drawing only, no UTF-8 box or block characters\n"
	        "      --refresh HZ       redraw at most HZ times a second (1-60, default 10)\n"
	        "      --yes              start the scenario's run.command without asking\n"
	        "      --run -- CMD...    start CMD as a training run in the run pane\n"
	        "\n"
	        "  -h, --help             show this help, or a command's with COMMAND --help\n"
	        "  -V, --version          show the version\n"
	        "\n"
	        "Exit status: 0 ok, 1 failure, 2 usage error, 65 bad input data,\n"
	        "66 an input file could not be opened.\n"
	        "Run 'capdash help COMMAND' for a command's options; see capdash(1).\n"),
	      out);
}

/* `capdash help [COMMAND]`: hands COMMAND its own --help, so each command's
 * help text exists once. */
int cmd_help(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *names[CD_ARRAY_LEN(cli_cmds)];
	const struct cli_cmd *c;
	const char *best;
	char *hargv[] = {NULL, "--help", NULL};

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_print_main_help(ctx->out);
		return CD_EXIT_OK;
	}
	if (argc > 2)
		return cli_usage_error(ctx->err, "help", _("help takes one command name, got %d"),
		                       argc - 1);
	c = cli_cmd_find(argv[1]);
	if (!c) {
		for (size_t i = 0; i < cli_ncmds; i++)
			names[i] = cli_cmds[i].name;
		best = cd_suggest(argv[1], names, cli_ncmds);
		if (best)
			return cli_usage_error(ctx->err, NULL,
			                       _("no command '%s' (did you mean '%s'?)"), argv[1],
			                       best);
		return cli_usage_error(ctx->err, NULL, _("no command '%s'"), argv[1]);
	}
	hargv[0] = (char *)c->name;
	return c->run(2, hargv, ctx);
}
