/* cmd_runs.c — `capdash runs`: the list of training runs, one line each,
 * fitted to the terminal.
 *
 * States are said plainly ("stopped", "failed: exited with status 3",
 * "lost: supervisor gone 12s ago, training still running", "running; disk
 * full since 14:02:11"; for Slurm runs "pending: Slurm job 12 PENDING
 * (Resources)").  Losses share one precision down the column so
 * they can be compared at a glance.  On a terminal (or with COLUMNS set)
 * the STATE and COMMAND cells are shortened to fit, at a word boundary with
 * an ellipsis; piped output without COLUMNS is never cut, for scripts.
 * Must not: compute money (burn in the model does) or touch runs, beyond
 * starting a watcher for a Slurm run that has none (run_adopt).
 * Start at cmd_runs().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "capdash/run.h"

static const char runs_help[] =
        N_("Usage: capdash runs\n"
           "List training runs, oldest first: id, state (running, paused, stopping,\n"
           "finished, stopped, failed, lost; \"disk full\" when the run directory\n"
           "refuses writes), last step, last loss, money spent and the command.\n"
           "Slurm runs (capdash run --on slurm) are listed beside local ones with\n"
           "their job's state (pending, with Slurm's reason; running on its nodes,\n"
           "with the time left; COMPLETED, FAILED, CANCELLED, TIMEOUT, ...).  A\n"
           "Slurm run whose watcher is gone is given a new one.\n"
           "On a terminal, or when COLUMNS is set, lines are fitted to that width\n"
           "(long states and commands end in an ellipsis at a word boundary);\n"
           "otherwise they are never cut.\n");

#define STATE_MAX 320

struct row {
	char state[STATE_MAX], step[32], loss[48], cost[48];
	const char *id;
	char *command; /* heap */
	bool has_loss;
	double loss_v;
};

/* Columns to fit into: COLUMNS, else the terminal's width, else 0 (no
 * limit: a pipe or file gets whole lines). */
static int out_width(FILE *out)
{
	const char *e = getenv("COLUMNS");
	struct winsize ws;

	if (e && *e) {
		char *end;
		long n = strtol(e, &end, 10);
		if (!*end && n >= 20 && n <= 10000)
			return (int)n;
	}
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 0;
}

/* s cut to at most width columns at the last space or '/' that fits, then
 * an ellipsis.  s has room for 3 more bytes. */
static void fit(char *s, size_t width, bool utf8)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "...";
	size_t ellw = utf8 ? 1 : 3, keep = 0, cut = 0, w = 0;

	if (cli_display_width(s) <= width)
		return;
	if (width <= ellw) {
		s[0] = '\0';
		return;
	}
	/* walk code points until the text and the ellipsis would not fit */
	for (size_t i = 0; s[i];) {
		size_t n = 1;
		char save;
		while ((s[i + n] & 0xc0) == 0x80)
			n++;
		save = s[i + n];
		s[i + n] = '\0';
		w += cli_display_width(s + i);
		s[i + n] = save;
		if (w + ellw > width) {
			if (s[i] == ' ') /* the word before ends right here */
				cut = keep;
			break;
		}
		i += n;
		keep = i;
		if (s[i - 1] == ' ' || s[i - 1] == '/')
			cut = s[i - 1] == ' ' ? i - 1 : i;
	}
	/* A word is never cut in the middle: with no boundary that fits, only
	 * the ellipsis is left (the whole text is in `capdash attach`). */
	while (cut && s[cut - 1] == ' ')
		cut--;
	s[cut] = '\0';
	strcat(s, ell);
}

/* One precision for the whole LOSS column: four significant digits for
 * the smallest loss, fixed decimals so the points line up, exponent form
 * when the losses span too much for that. */
static void format_losses(struct row *rows, int n)
{
	double lo = INFINITY, hi = 0;
	int dec;
	bool expo;

	for (int i = 0; i < n; i++) {
		double a = fabs(rows[i].loss_v);
		if (!rows[i].has_loss || !isfinite(a))
			continue;
		if (a > 0 && a < lo)
			lo = a;
		if (a > hi)
			hi = a;
	}
	expo = hi >= 1e5 || (isfinite(lo) && lo < 1e-4);
	dec = isfinite(lo) ? 3 - (int)floor(log10(lo)) : 4;
	dec = dec < 1 ? 1 : dec > 6 ? 6 : dec;
	for (int i = 0; i < n; i++) {
		if (!rows[i].has_loss)
			snprintf(rows[i].loss, sizeof(rows[i].loss), "-");
		else if (!isfinite(rows[i].loss_v))
			snprintf(rows[i].loss, sizeof(rows[i].loss), "%s",
			         isnan(rows[i].loss_v) ? "nan"
			         : rows[i].loss_v > 0  ? "inf"
			                               : "-inf");
		else if (expo)
			snprintf(rows[i].loss, sizeof(rows[i].loss), "%.3e", rows[i].loss_v);
		else
			snprintf(rows[i].loss, sizeof(rows[i].loss), "%.*f", dec, rows[i].loss_v);
	}
}

/* "1.2 MB" */
static char *bytes_text(int64_t b, char *buf, size_t size)
{
	if (b < 1000)
		snprintf(buf, size, "%" PRId64 " bytes", b);
	else if (b < 1000000)
		snprintf(buf, size, "%.1f KB", (double)b / 1e3);
	else if (b < 1000000000)
		snprintf(buf, size, "%.1f MB", (double)b / 1e6);
	else
		snprintf(buf, size, "%.1f GB", (double)b / 1e9);
	return buf;
}

static void state_text(struct run_view *v, const struct run_progress *p, int64_t now, char *out,
                       size_t size)
{
	char why[256], a[32], b[48];
	size_t k;

	/* "pending: Slurm job 12 PENDING (Resources)", "failed: Slurm job 12
	 * FAILED, exit code 3", "stopped: Slurm job 12 CANCELLED" */
	if (p->slurm) {
		run_status_why(run_view_status(v), p->state, why, sizeof(why));
		snprintf(out, size, "%s: %s", run_state_name(p->state), why);
		if (p->slurm_left_ms >= 0) {
			k = strlen(out);
			snprintf(out + k, size - k, ", %s left",
			         run_dur_text(p->slurm_left_ms, a, sizeof(a)));
		}
		return;
	}
	switch (p->state) {
	case RUN_FAILED:
		snprintf(out, size, "failed: %s",
		         run_status_why(run_view_status(v), p->state, why, sizeof(why)));
		break;
	case RUN_STOPPED: /* "stopped", "stopped (SIGKILL after ...)" */
		run_status_why(run_view_status(v), p->state, out, size);
		break;
	case RUN_LOST:
		snprintf(out, size, "lost: supervisor gone %s%s%s",
		         p->last_heard_ms ? run_dur_text(now - p->last_heard_ms, a, sizeof(a)) : "",
		         p->last_heard_ms ? " ago" : "",
		         p->child_alive == 1   ? ", training still running"
		         : p->child_alive == 0 ? ", training ended"
		                               : "");
		break;
	default:
		snprintf(out, size, "%s", run_state_name(p->state));
		break;
	}
	k = strlen(out);
	if (p->disk_full && !run_view_status(v)->ended)
		snprintf(out + k, size - k, "; disk full since %s",
		         run_clock_text(p->disk_full_since_ms, now, a, sizeof(a)));
	else if (p->dropped_bytes > 0)
		snprintf(out + k, size - k, "; disk full: %s not stored",
		         bytes_text(p->dropped_bytes, b, sizeof(b)));
}

static void fill_row(struct row *r, const char *root, const char *id, int64_t now)
{
	char dir[RUN_PATH_MAX * 2];
	struct run_view *v;
	struct run_progress p;

	memset(r, 0, sizeof(*r));
	r->id = id;
	snprintf(dir, sizeof(dir), "%s/%s", root, id);
	/* A Slurm job whose watcher is gone is watched again (the list then
	 * shows what the new watcher finds at its first look). */
	run_adopt(dir, NULL);
	if (!(v = run_view_open(dir, NULL)) || run_view_update(v, NULL) < 0) {
		run_view_free(v);
		snprintf(r->state, sizeof(r->state), "unreadable");
		return;
	}
	run_view_progress(v, now, &p);
	/* room kept for fit()'s ellipsis */
	state_text(v, &p, now, r->state, sizeof(r->state) - 4);
	if (p.has_step)
		count_format(p.step, r->step, sizeof(r->step));
	else
		snprintf(r->step, sizeof(r->step), "-");
	r->has_loss = p.has_loss;
	r->loss_v = p.loss;
	if (p.burn_ok)
		burn_format(p.burn.spent, r->cost, sizeof(r->cost));
	else
		snprintf(r->cost, sizeof(r->cost), "-");
	if ((r->command = malloc(strlen(run_view_command(v)) + 4)))
		strcpy(r->command, run_view_command(v));
	run_view_free(v);
}

/* "/work/x/build/faketrain proto 20" → "faketrain proto 20": the program's
 * directory is the first thing to go when a command must be shortened.
 * Only a plain first word (no quotes) is touched. */
static void drop_dir(char *cmd)
{
	size_t first = strcspn(cmd, " ");
	char *slash = NULL;

	if (memchr(cmd, '\'', first))
		return;
	for (char *p = cmd; p < cmd + first; p++)
		if (*p == '/')
			slash = p;
	if (slash && slash[1] && slash[1] != ' ')
		memmove(cmd, slash + 1, strlen(slash + 1) + 1);
}

/* Shorten STATE and COMMAND so that every line fits width; the other
 * columns are short and never cut.  STATE gets the larger share: it is
 * what the list is read for. */
static void fit_rows(struct row *rows, int n, int width)
{
	static const char *const head[] = {"ID", "STEP", "LOSS", "COST"};
	size_t fixed[4], sw = strlen("STATE"), cw = strlen("COMMAND"), rest, stw, cmw;
	bool utf8 = cli_utf8();

	for (int c = 0; c < 4; c++)
		fixed[c] = strlen(head[c]);
	for (int i = 0; i < n; i++) {
		const char *cells[] = {rows[i].id, rows[i].step, rows[i].loss, rows[i].cost};
		for (int c = 0; c < 4; c++)
			if (cli_display_width(cells[c]) > fixed[c])
				fixed[c] = cli_display_width(cells[c]);
		if (cli_display_width(rows[i].state) > sw)
			sw = cli_display_width(rows[i].state);
		if (rows[i].command && cli_display_width(rows[i].command) > cw)
			cw = cli_display_width(rows[i].command);
	}
	rest = fixed[0] + fixed[1] + fixed[2] + fixed[3] + 5 * 2;
	rest = (size_t)width > rest ? (size_t)width - rest : 0;
	if (sw + cw <= rest)
		return;
	cw = strlen("COMMAND");
	for (int i = 0; i < n; i++)
		if (rows[i].command) {
			drop_dir(rows[i].command);
			if (cli_display_width(rows[i].command) > cw)
				cw = cli_display_width(rows[i].command);
		}
	if (sw + cw <= rest)
		return;
	stw = rest > 12 ? rest - 12 : 0; /* the command keeps 12 columns */
	if (stw < rest * 3 / 5)
		stw = rest * 3 / 5;
	if (stw > sw)
		stw = sw;
	if (stw < 10)
		stw = 10;
	cmw = rest > stw ? rest - stw : 0;
	if (cmw < 8)
		cmw = 8;
	for (int i = 0; i < n; i++) {
		fit(rows[i].state, stw, utf8);
		if (rows[i].command)
			fit(rows[i].command, cmw, utf8);
	}
}

int cmd_runs(int argc, char **argv, struct cli_ctx *ctx)
{
	char root[RUN_PATH_MAX], **ids;
	struct cd_err err;
	struct cli_table t;
	struct row *rows;
	int64_t now = run_now_ms();
	int n, width, rc;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(_(runs_help), ctx->out);
		return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
	}
	if (argc > 1)
		return cli_usage_error(ctx->err, "runs", _("unexpected argument \"%s\""), argv[1]);
	if (run_root(root, sizeof(root), &err) || (n = run_list(root, &ids, &err)) < 0) {
		cli_print_err(ctx->err, &err);
		return CD_EXIT_FAIL;
	}
	if (n == 0) {
		fprintf(ctx->err, "capdash: %s\n",
		        _("no runs yet (start one with: capdash run -- CMD)"));
		run_list_free(ids, n);
		return CD_EXIT_OK;
	}
	if (!(rows = calloc((size_t)n, sizeof(*rows)))) {
		run_list_free(ids, n);
		fprintf(ctx->err, "capdash: %s\n", _("out of memory"));
		return CD_EXIT_FAIL;
	}
	for (int i = 0; i < n; i++)
		fill_row(&rows[i], root, ids[i], now);
	format_losses(rows, n);
	if ((width = out_width(ctx->out)) > 0)
		fit_rows(rows, n, width);
	cli_table_init(&t, 6);
	t.align[2] = t.align[3] = t.align[4] = CLI_RIGHT;
	cli_table_row(&t, (const char *const[]){_("ID"), _("STATE"), _("STEP"), _("LOSS"),
	                                        _("COST"), _("COMMAND")});
	for (int i = 0; i < n; i++) {
		cli_table_row(&t, (const char *const[]){rows[i].id, rows[i].state, rows[i].step,
		                                        rows[i].loss, rows[i].cost,
		                                        rows[i].command ? rows[i].command : ""});
		free(rows[i].command);
	}
	free(rows);
	rc = cli_table_text(&t, ctx->out, true, "");
	cli_table_done(&t);
	run_list_free(ids, n);
	return cli_finish_render(ctx->out, ctx->err, rc);
}
