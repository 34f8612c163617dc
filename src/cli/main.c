/* main.c — capdash's entry point: pick the subcommand from the table
 * (commands.c) or open the dashboard, and exit with what it returned.
 *
 * The only place in capdash (with capdash-train's main) that ends the
 * process; everything below returns an exit status (CD_EXIT_*, err.h).  Must
 * not parse options itself: each command does.  Start here, then
 * commands.c.
 */
#include "cli.h"

#include "capdash/i18n.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {stdout, stderr};
	const struct cli_cmd *cmd = argc > 1 ? cli_cmd_find(argv[1]) : NULL;
	int status;

	cd_i18n_init();
	/* A command is the first word (capdash calc ...); anything else is the
	 * dashboard's command line, options and FILE in any order. */
	if (cmd)
		status = cmd->run(argc - 1, argv + 1, &ctx);
	else
		status = cli_dashboard(argc, argv, &ctx);
	exit(status);
}
