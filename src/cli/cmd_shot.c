/* cmd_shot.c — `capdash shot`: a picture of the dashboard for a deck.
 *
 * Loads the scenario (or the built-in seed), applies --set, and has the UI
 * draw one frame without a terminal (ui_shot) into --out: .svg or .png
 * through cairo, .txt plain, .ans with ANSI colours.  Must not exit.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "capdash/i18n.h"
#include "capdash/shot.h"
#include "capdash/ui.h"

static const char shot_help[] =
        "Usage: capdash shot [FILE] --out PATH [OPTION]...\n"
        "Draw the dashboard on FILE (a scenario; default: the built-in seed) without\n"
        "a terminal and write the picture to PATH.  The format follows PATH's\n"
        "extension: .svg and .png (a picture, in the theme's colours), .txt (plain\n"
        "text) or .ans (text with ANSI colours).  In the dashboard, x does the same\n"
        "for the screen as it is (PNG and TXT).\n"
        "\n"
        "  -o, --out PATH        the file to write (replaced atomically)\n"
        "  -S, --size COLSxROWS  the screen's size in cells (default 120x40;\n"
        "                        20x6 to 500x200)\n"
        "  -t, --theme NAME|FILE colour theme (default, dark, light, high-contrast, ...)\n"
        "  -s, --set KEY=VALUE   change one input first (repeatable), as for calc\n"
        "  -h, --help            show this help\n"
        "\n"
        "Examples:\n"
        "  capdash shot --out plan.png\n"
        "  capdash shot scenarios/lab-8gpu-servers.yaml --theme dark --out plan.svg\n"
        "  capdash shot --set gpus=8 --size 100x30 --out eight.txt\n"
        "\n"
        "Exit status: 0 ok, 1 the picture could not be written, 2 usage error,\n"
        "65 bad scenario file, 66 the file could not be opened.\n";

#define SHOT_MIN_COLS 20
#define SHOT_MIN_ROWS 6
#define SHOT_MAX_COLS 500
#define SHOT_MAX_ROWS 200

static int parse_size(const char *s, int *cols, int *rows, FILE *err)
{
	char *end;
	long c, r;

	c = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		goto bad;
	s = end + 1;
	r = strtol(s, &end, 10);
	if (end == s || *end)
		goto bad;
	if (c < SHOT_MIN_COLS || c > SHOT_MAX_COLS || r < SHOT_MIN_ROWS || r > SHOT_MAX_ROWS)
		return cli_usage_error(
		        err, "shot",
		        _("--size %ldx%ld: columns must be %d to %d and rows %d to %d"), c, r,
		        SHOT_MIN_COLS, SHOT_MAX_COLS, SHOT_MIN_ROWS, SHOT_MAX_ROWS);
	*cols = (int)c;
	*rows = (int)r;
	return 0;
bad:
	return cli_usage_error(err, "shot", _("--size: expected COLSxROWS, such as 120x40"));
}

int cmd_shot(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"out", required_argument, NULL, 'o'},   {"size", required_argument, NULL, 'S'},
	        {"theme", required_argument, NULL, 't'}, {"set", required_argument, NULL, 's'},
	        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
	};
	struct ui_shot_options so = {.cols = 120, .rows = 40};
	struct cli_view_opts o;
	struct scenario sc;
	struct cd_err err;
	const char *path = NULL;
	char msg[700];
	int c, status;

	cli_view_opts_init(&o, 1u << CLI_FMT_TEXT);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:S:t:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			so.out = optarg;
			break;
		case 'S':
			if ((status = parse_size(optarg, &so.cols, &so.rows, ctx->err)) != 0)
				goto out;
			break;
		case 't':
			so.theme = optarg;
			break;
		case 'h':
			fputs(_(shot_help), ctx->out);
			status = cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
			goto out;
		case 's':
			status = cli_view_opt(&o, c, optarg, "shot", ctx->err);
			if (status)
				goto out;
			break;
		default:
			status = cli_option_error(ctx->err, "shot", c, argv, longopts);
			goto out;
		}
	}
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "shot",
		                _("shot takes one scenario file, got '%s' and '%s'"), argv[optind],
		                argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		path = argv[optind];
	if (!so.out || !*so.out) {
		cli_usage_error(ctx->err, "shot",
		                _("shot needs --out PATH (.svg, .png, .txt or .ans), such as: "
		                  "capdash shot --out plan.png"));
		goto out;
	}
	so.format = (int)shot_format_of(so.out);
	if (so.format == SHOT_FMT_NONE) {
		cli_usage_error(ctx->err, "shot", _("--out %s: the extension must be one of %s"),
		                so.out, shot_formats_list());
		goto out;
	}
	status = cli_view_load(&o, path, &sc, "shot", ctx->err);
	if (status)
		goto out;
	so.sc = &sc;
	so.path = path;
	if (ui_shot(&so, &err) != 0) {
		fprintf(ctx->err, "capdash: %s\n", cd_err_str(&err, msg, sizeof msg));
		status = err.code == CD_ERR_USAGE || err.code == CD_ERR_SYNTAX ||
		                         err.code == CD_ERR_KEY || err.code == CD_ERR_TYPE
		                 ? CD_EXIT_USAGE
		                 : CD_EXIT_FAIL;
	} else {
		status = CD_EXIT_OK;
	}
	scenario_done(&sc);
out:
	cli_sets_done(&o.sets);
	return status;
}
