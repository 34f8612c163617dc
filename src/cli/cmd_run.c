/* cmd_run.c — `capdash run` and `capdash attach`: training runs from the
 * command line, for scripts, CI and SSH without the screen (`capdash runs`
 * is cmd_runs.c).
 *
 * Everything about processes and run directories is src/run/ (run.h); money
 * is src/model/burn.c.  This file parses options, asks before starting a
 * command that came from a file, and prints: a one-line progress bar on a
 * terminal, plain lines otherwise.  Must not fork, exec or exit.
 * Start at cmd_run(), then follow().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "capdash/run.h"
#include "capdash/ui.h"

static const char run_help[] =
        N_("Usage: capdash run [OPTION]... -- CMD [ARG]...\n"
           "       capdash run --scenario FILE [OPTION]...   (the scenario's run.command)\n"
           "Start CMD as a training run and follow it: a progress line on a terminal\n"
           "(step/total, loss, ETA, $ spent), plain lines otherwise.  The run is kept\n"
           "by a supervisor of its own, so it goes on if this command, the terminal or\n"
           "the SSH connection goes away: 'capdash attach' finds it again.  Its files\n"
           "are in $XDG_STATE_HOME/capdash/runs/ID/.\n"
           "\n"
           "  -n, --name NAME        name for the run id (default: the command's name)\n"
           "  -d, --detach           start it and return at once; print the run id\n"
           "      --pty              give CMD a pseudo-terminal (tools that only show\n"
           "                         progress on a terminal)\n"
           "      --total-steps N    total steps, for output that shows none (ETA)\n"
           "      --gpus N           GPUs the run uses, for its cost (default: the\n"
           "                         number NVML finds, 0 on a machine without one)\n"
           "      --rank N           output from several ranks (\"[rank3]:\", srun\n"
           "                         --label's \"3: \"): chart rank N's lines (default 0)\n"
           "  -s, --scenario FILE    prices (and run.command) from this scenario\n"
           "                         (default: the built-in seed scenario's prices)\n"
           "  -y, --yes              start a scenario's run.command without asking\n"
           "  -h, --help             show this help\n"
           "\n"
           "On a Slurm cluster (from a login node):\n"
           "      --on slurm         submit CMD as a Slurm job (sbatch) instead of running\n"
           "                         it here; capdash watches it from here\n"
           "      --nodes N          nodes (sbatch --nodes)\n"
           "      --gpus-per-node G  GPUs on each node (sbatch --gpus-per-node)\n"
           "      --cpus-per-task C  CPUs for each task (sbatch --cpus-per-task)\n"
           "      --partition P      partition (default: the cluster's)\n"
           "      --time T           time limit: minutes, H:M:S or D-H:M:S\n"
           "      --sbatch OPT       any other sbatch option, as one #SBATCH line\n"
           "                         (--sbatch=--qos=high; repeat for more)\n"
           "      --poll S           ask Slurm for the job's state every S seconds\n"
           "                         (default 5, at least 1; $CAPDASH_SLURM_POLL_MS)\n"
           "The job script (job.sh), slurm.json and output.log are in the run\n"
           "directory, which must be on a filesystem the compute nodes see.  The run\n"
           "costs money only while the job is RUNNING (pending time is free), for the\n"
           "GPUs and CPUs Slurm allocated.  Ctrl-C cancels the job (scancel: Slurm\n"
           "sends SIGTERM, then SIGKILL after its KillWait).\n"
           "\n"
           "Ctrl-C stops the run (SIGTERM to its process group, SIGKILL after 10 s);\n"
           "it is then listed as stopped, not failed.  To keep a run going after the\n"
           "terminal closes, start it with --detach.\n"
           "Exit status: CMD's own status when it exits, 128+N when signal N killed it,\n"
           "127 when it could not be started, 0 with --detach, 1 on other failures,\n"
           "2 usage error.\n");

static const char attach_help[] =
        N_("Usage: capdash attach [--summary] [RUN]\n"
           "Open RUN (an id, a unique part of one, or a run directory; default: the\n"
           "newest) in the dashboard with its whole history, live or finished.  When\n"
           "standard input or output is not a terminal, print its summary and every\n"
           "recorded point instead.  A Slurm run whose watcher is gone (killed,\n"
           "rebooted login node) gets a new one, which continues its output.log.\n"
           "\n"
           "      --summary   print the summary only, not every point\n"
           "  -h, --help      show this help\n");

static volatile sig_atomic_t got_int, got_hup;

static void on_sig(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_int = 1;
}

/* run_dur_text, with "unknown" for an ETA nobody can tell. */
static char *fmt_dur(int64_t ms, char *buf, size_t size)
{
	if (ms < 0) {
		snprintf(buf, size, "%s", _("unknown"));
		return buf;
	}
	return run_dur_text(ms, buf, size);
}

/* "step 1,874/9,380  loss 0.3124  ETA 4m12s  $0.03 spent  $0.10/h";
 * a Slurm run's starts with its job: "PENDING (Resources)", "RUNNING on
 * gpu[01-02], 52m left". */
static void progress_text(const struct run_progress *p, const struct run_status *st, char *buf,
                          size_t size)
{
	char a[32], b[32], d[32], m1[48], m2[48];
	size_t k = 0;

#define ADDF(...)                                                                                  \
	do {                                                                                       \
		int n_ = snprintf(buf + k, size - k, __VA_ARGS__);                                 \
		if (n_ > 0)                                                                        \
			k = (size_t)n_ < size - k ? k + (size_t)n_ : size - 1;                     \
	} while (0)
	buf[0] = '\0';
	if (p->slurm && st && st->slurm.state[0] && !st->ended) {
		const struct run_slurm_state *sl = &st->slurm;
		ADDF("%s", sl->state);
		if (sl->reason[0] && p->state != RUN_RUNNING)
			ADDF(" (%s)", sl->reason);
		else if (sl->nodes[0])
			ADDF(_(" on %s"), sl->nodes);
		if (p->slurm_left_ms >= 0)
			ADDF(_(", %s left"), run_dur_text(p->slurm_left_ms, d, sizeof(d)));
		if (!p->has_step && (p->state == RUN_PENDING || p->state == RUN_PAUSED))
			return; /* queued: nothing ran yet, nothing to say about steps or money */
		ADDF("  ");
	}
	if (p->has_step && p->total > 0)
		ADDF(_("step %s/%s"), count_format(p->step, a, sizeof(a)),
		     count_format(p->total, b, sizeof(b)));
	else if (p->has_step)
		ADDF(_("step %s"), count_format(p->step, a, sizeof(a)));
	else
		ADDF("%s", _("step -"));
	if (p->has_loss)
		ADDF(_("  loss %.4g"), p->loss);
	if (p->has_val_loss)
		ADDF(_("  val %.4g"), p->val_loss);
	if (p->state == RUN_RUNNING || p->state == RUN_PAUSED)
		ADDF(_("  ETA %s"), fmt_dur(p->eta_ms, d, sizeof(d)));
	if (p->state == RUN_PENDING)
		; /* nothing spent, nothing burning: the queue is free */
	else if (p->burn_ok && (p->state == RUN_RUNNING || p->state == RUN_PAUSED))
		ADDF(_("  %s spent  %s/h"), burn_format(p->burn.spent, m1, sizeof(m1)),
		     burn_format(p->burn.per_hour, m2, sizeof(m2)));
	else if (p->burn_ok)
		ADDF(_("  %s spent"), burn_format(p->burn.spent, m1, sizeof(m1)));
	/* $0 GPU cost says why: no GPU was found, or 0 was asked for */
	if (p->burn_ok && p->gpus == 0 && p->state != RUN_PENDING)
		ADDF(_(" (0 GPUs, %s)"), p->gpu_source == RUN_GPUS_DETECTED
		                                 ? _("none detected")
		                                 : run_gpu_source_name(p->gpu_source));
	if (p->disk_full && p->state != RUN_FINISHED && p->state != RUN_FAILED &&
	    p->state != RUN_STOPPED)
		ADDF(_("  DISK FULL since %s"),
		     run_clock_text(p->disk_full_since_ms, run_now_ms(), d, sizeof(d)));
	if (p->state == RUN_PAUSED)
		ADDF("%s",
		     p->burn.paused_cost ? _("  (paused, GPUs still cost)") : _("  (paused)"));
	if (p->stalled)
		ADDF(_("  STALLED: no progress for %s"), fmt_dur(p->quiet_ms, d, sizeof(d)));
#undef ADDF
}

static int term_cols(FILE *out)
{
	struct winsize ws;

	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
		return ws.ws_col;
	return 80;
}

/* One line, redrawn in place: a bar when there is a total, then the text. */
static void draw_bar(FILE *out, const struct run_progress *p, const struct run_status *st)
{
	char text[512], bar[64];
	int cols = term_cols(out), width = 0;

	progress_text(p, st, text, sizeof(text));
	if (p->has_step && p->total > 0 && cols >= 60) {
		int w = 20, fill = (int)(p->step >= p->total ? w : p->step * w / p->total);
		bar[0] = '[';
		for (int i = 0; i < w; i++)
			bar[1 + i] = i < fill ? '#' : '-';
		bar[w + 1] = ']';
		bar[w + 2] = ' ';
		bar[w + 3] = '\0';
		width = w + 3;
	} else {
		bar[0] = '\0';
	}
	/* Never wrap: a wrapped line cannot be redrawn with \r.  A byte is at
	 * most a cell, so a byte limit is safe; it must not split a UTF-8
	 * character (a translation's). */
	int room = cols - 1 - width > 0 ? cols - 1 - width : 0;
	if ((size_t)room < strlen(text))
		while (room > 0 && ((unsigned char)text[room] & 0xC0) == 0x80)
			room--;
	fprintf(out, "\r%s%.*s\033[K", bar, room, text);
	fflush(out);
}

/* The exit status a shell would give: the child's own. */
static int child_status(const struct run_status *st, enum run_state s)
{
	if (s == RUN_FINISHED)
		return 0;
	if (st->exec_errno)
		return 127;
	if (st->signal)
		return 128 + st->signal;
	if (st->ended && st->exit_code)
		return st->exit_code;
	return CD_EXIT_FAIL;
}

static void summary(FILE *out, struct run_view *v)
{
	struct run_progress p;
	char text[512], why[256], d[32];

	run_view_progress(v, run_now_ms(), &p);
	progress_text(&p, run_view_status(v), text, sizeof(text));
	run_status_why(run_view_status(v), p.state, why, sizeof(why));
	/* a lost run's story is long: on a line of its own */
	if (p.state == RUN_LOST)
		fprintf(out, _("run %s lost after %s: %s\n  %s\n"), run_view_id(v),
		        fmt_dur(p.elapsed_ms, d, sizeof(d)), text, why);
	else
		fprintf(out, _("run %s %s after %s: %s\n"), run_view_id(v), why,
		        fmt_dur(p.elapsed_ms, d, sizeof(d)), text);
}

/* The Slurm state differs from the one last printed. */
static bool slurm_changed(const struct run_view *v, const char *last)
{
	return strcmp(run_view_status(v)->slurm.state, last) != 0;
}

/* Follow dir until the run ends (or SIGHUP: leave it going). */
static int follow(const char *dir, struct cli_ctx *ctx)
{
	struct cd_err err;
	struct run_view *v = run_view_open(dir, &err);
	bool tty = isatty(fileno(ctx->out)), stop_sent = false, drawn = false;
	int64_t last_draw = 0, last_line = 0;
	size_t last_npts = 0;
	int64_t slurm_end_seen = 0;
	char last_slurm[sizeof(((struct run_status *)0)->slurm.state)] = "";
	struct sigaction sa, old_int, old_term, old_hup;
	int status;

	if (!v) {
		cli_print_err(ctx->err, &err);
		return CD_EXIT_FAIL;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	got_int = got_hup = 0;
	fprintf(ctx->out, _("run %s: %s\n"), run_view_id(v), run_view_command(v));
	if (run_view_status(v)->slurm.job_id && run_view_status(v)->slurm.cluster[0])
		fprintf(ctx->out, _("Slurm job %lld on cluster %s\n"),
		        (long long)run_view_status(v)->slurm.job_id,
		        run_view_status(v)->slurm.cluster);
	else if (run_view_status(v)->slurm.job_id)
		fprintf(ctx->out, _("Slurm job %lld\n"),
		        (long long)run_view_status(v)->slurm.job_id);
	fflush(ctx->out);
	for (;;) {
		struct pollfd pf = {run_view_fd(v), POLLIN, 0};
		struct run_progress p;
		const struct run_point *pts;
		int64_t now;
		enum run_state s;
		size_t npts;

		if (run_view_update(v, &err) < 0) {
			cli_print_err(ctx->err, &err);
			break;
		}
		s = run_view_state(v);
		now = run_now_ms();
		npts = run_view_points(v, &pts);
		if (got_hup)
			break; /* the terminal is gone; the run is not ours to end */
		/* Ctrl-C is the person's stop, through the same path as the
		 * dashboard's (the run is then "stopped", not "failed"). */
		if (got_int && !stop_sent) {
			if (run_stop(dir, &err) == 0) {
				const struct run_status *st = run_view_status(v);
				char job[128] = "";
				stop_sent = true;
				if (st->slurm.job_id)
					snprintf(job, sizeof(job),
					         _(" (scancel of Slurm job %lld)"),
					         (long long)st->slurm.job_id);
				fprintf(ctx->err,
				        _("%scapdash: stopping run %s%s (to keep a run going after "
				          "the terminal closes, start it with capdash run "
				          "--detach)\n"),
				        drawn ? "\n" : "", run_view_id(v), job);
				drawn = false;
			} else if (s != RUN_STARTING) {
				stop_sent = true; /* it ended meanwhile */
			}
		}
		/* a Slurm job that ended: its watcher reads the last output
		 * before it says it is done (or is gone) */
		if ((s == RUN_FINISHED || s == RUN_FAILED || s == RUN_LOST || s == RUN_STOPPED) &&
		    (!run_view_status(v)->slurm.job_id || run_view_status(v)->ended ||
		     s == RUN_LOST || (slurm_end_seen && now - slurm_end_seen > 30000)))
			break;
		if (s == RUN_FINISHED || s == RUN_FAILED || s == RUN_STOPPED) {
			if (!slurm_end_seen)
				slurm_end_seen = now;
		}
		run_view_progress(v, now, &p);
		if (tty && now - last_draw >= 100) {
			draw_bar(ctx->out, &p, run_view_status(v));
			drawn = true;
			last_draw = now;
		} else if (!tty && (npts != last_npts || slurm_changed(v, last_slurm)) &&
		           now - last_line >= 2000) {
			char text[512];
			progress_text(&p, run_view_status(v), text, sizeof(text));
			fprintf(ctx->out, "%s\n", text);
			fflush(ctx->out);
			last_line = now;
			last_npts = npts;
			snprintf(last_slurm, sizeof(last_slurm), "%s",
			         run_view_status(v)->slurm.state);
		}
		if (pf.fd >= 0)
			poll(&pf, 1, 200);
		else
			poll(NULL, 0, run_view_poll_ms(v) < 200 ? run_view_poll_ms(v) : 200);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	if (got_hup) {
		run_view_free(v);
		return CD_EXIT_OK;
	}
	if (drawn)
		fputs("\r\033[K", ctx->out);
	summary(ctx->out, v);
	status = child_status(run_view_status(v), run_view_state(v));
	run_view_free(v);
	return status;
}

/* A command from a file is shown and confirmed on a terminal, else refused. */
static bool confirm(char *const *argv, const char *from, bool yes, struct cli_ctx *ctx)
{
	char shown[2048], answer[16];

	if (!run_needs_confirm(argv, yes))
		return true;
	run_argv_display(argv, shown, sizeof(shown));
	if (!isatty(STDIN_FILENO) || !isatty(fileno(ctx->err))) {
		fprintf(ctx->err,
		        "capdash: %s: run.command needs confirmation and there is no terminal to "
		        "ask:\n"
		        "  %s\n(add --yes to start it without asking)\n",
		        from, shown);
		return false;
	}
	fprintf(ctx->err, _("%s wants to run:\n  %s\nStart it? [y/N] "), from, shown);
	fflush(ctx->err);
	if (!fgets(answer, sizeof(answer), stdin))
		return false;
	return answer[0] == 'y' || answer[0] == 'Y';
}

/* Long options without a short form. */
enum {
	OPT_ON = 256,
	OPT_NODES,
	OPT_GPN,
	OPT_CPT,
	OPT_PARTITION,
	OPT_TIME,
	OPT_SBATCH,
	OPT_POLL,
	OPT_RANK
};
#define RUN_CLI_SBATCH_MAX 32

static int parse_count(const char *s, const char *opt, int64_t *out, struct cli_ctx *ctx)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > INT64_C(1000000000000))
		return cli_usage_error(ctx->err, "run",
		                       _("%s: expected a whole number >= 0, got \"%s\""), opt, s);
	*out = v;
	return 0;
}

/* Options given on the command line replace the scenario's; on: -1 not
 * given, 0 --on local, 1 --on slurm. */
static void merge_slurm(struct run_slurm_spec *to, const struct run_slurm_spec *cli, int on)
{
	if (on >= 0)
		to->on = on == 1;
	if (cli->nodes)
		to->nodes = cli->nodes;
	if (cli->gpus_per_node)
		to->gpus_per_node = cli->gpus_per_node;
	if (cli->cpus_per_task)
		to->cpus_per_task = cli->cpus_per_task;
	if (cli->partition)
		to->partition = cli->partition;
	if (cli->time)
		to->time = cli->time;
	if (cli->sbatch)
		to->sbatch = cli->sbatch;
	if (cli->poll_ms)
		to->poll_ms = cli->poll_ms;
}

static int slurm_usage(const struct run_spec *spec, bool slurm_opt, bool pty, struct cli_ctx *ctx)
{
	struct cd_err err;

	if (slurm_opt && !spec->slurm.on)
		return cli_usage_error(ctx->err, "run",
		                       _("--nodes, --gpus-per-node, --cpus-per-task, --partition, "
		                         "--time, --sbatch and --poll go with --on slurm"));
	if (spec->slurm.on && pty)
		return cli_usage_error(ctx->err, "run", _("--pty does not go with --on slurm"));
	if (spec->slurm.on && run_slurm_check(&spec->slurm, &err))
		return cli_usage_error(ctx->err, "run", _("%s"), err.msg);
	return 0;
}

int cmd_run(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"name", required_argument, NULL, 'n'},
	        {"detach", no_argument, NULL, 'd'},
	        {"pty", no_argument, NULL, 'P'},
	        {"total-steps", required_argument, NULL, 'T'},
	        {"gpus", required_argument, NULL, 'G'},
	        {"scenario", required_argument, NULL, 's'},
	        {"yes", no_argument, NULL, 'y'},
	        {"help", no_argument, NULL, 'h'},
	        {"on", required_argument, NULL, OPT_ON},
	        {"nodes", required_argument, NULL, OPT_NODES},
	        {"gpus-per-node", required_argument, NULL, OPT_GPN},
	        {"cpus-per-task", required_argument, NULL, OPT_CPT},
	        {"partition", required_argument, NULL, OPT_PARTITION},
	        {"time", required_argument, NULL, OPT_TIME},
	        {"sbatch", required_argument, NULL, OPT_SBATCH},
	        {"poll", required_argument, NULL, OPT_POLL},
	        {"rank", required_argument, NULL, OPT_RANK},
	        {NULL, 0, NULL, 0},
	};
	const char *name = NULL, *scen = NULL, *sbatch[RUN_CLI_SBATCH_MAX + 1] = {NULL}, *oname;
	bool detach = false, pty = false, yes = false, slurm_opt = false;
	int64_t total = -1, gpus = -1, num, rank = -1; /* -1: the scenario's run.rank */
	int nsbatch = 0, on = -1;
	struct run_slurm_spec slurm;
	struct scenario sc;
	struct run_spec spec;
	char dir[RUN_PATH_MAX];
	char *const *cmd;
	struct cd_err err;
	int c, rc;

	memset(&slurm, 0, sizeof(slurm));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:n:ds:yh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ON:
			if (strcmp(optarg, "slurm") && strcmp(optarg, "local"))
				return cli_usage_error(
				        ctx->err, "run",
				        _("--on: expected slurm or local, got \"%s\""), optarg);
			on = !strcmp(optarg, "slurm");
			break;
		case OPT_NODES:
		case OPT_GPN:
		case OPT_CPT:
		case OPT_POLL:
			oname = c == OPT_NODES ? "--nodes"
			        : c == OPT_GPN ? "--gpus-per-node"
			        : c == OPT_CPT ? "--cpus-per-task"
			                       : "--poll";
			if ((rc = parse_count(optarg, oname, &num, ctx)))
				return rc;
			if (num == 0 && c != OPT_GPN)
				return cli_usage_error(
				        ctx->err, "run",
				        _("%s: expected a whole number from 1, got 0"), oname);
			if (num > 1000000)
				num = 1000000; /* run_slurm_check says what the range is */
			if (c == OPT_NODES)
				slurm.nodes = (int)num;
			else if (c == OPT_GPN)
				slurm.gpus_per_node = (int)num;
			else if (c == OPT_CPT)
				slurm.cpus_per_task = (int)num;
			else
				slurm.poll_ms = num > 3600 ? 3600001 : (int)num * 1000;
			slurm_opt = true;
			break;
		case OPT_PARTITION:
			slurm.partition = optarg;
			slurm_opt = true;
			break;
		case OPT_TIME:
			slurm.time = optarg;
			slurm_opt = true;
			break;
		case OPT_SBATCH:
			if (nsbatch == RUN_CLI_SBATCH_MAX)
				return cli_usage_error(ctx->err, "run",
				                       _("--sbatch: at most %d options"),
				                       RUN_CLI_SBATCH_MAX);
			sbatch[nsbatch++] = optarg;
			slurm.sbatch = sbatch;
			slurm_opt = true;
			break;
		case 'n':
			name = optarg;
			break;
		case 'd':
			detach = true;
			break;
		case 'P':
			pty = true;
			break;
		case 's':
			scen = optarg;
			break;
		case 'y':
			yes = true;
			break;
		case 'T':
			if ((rc = parse_count(optarg, "--total-steps", &total, ctx)))
				return rc;
			break;
		case 'G':
			if ((rc = parse_count(optarg, "--gpus", &gpus, ctx)))
				return rc;
			break;
		case OPT_RANK:
			if ((rc = parse_count(optarg, "--rank", &rank, ctx)))
				return rc;
			if (rank > RUN_RANK_MAX)
				return cli_usage_error(
				        ctx->err, "run",
				        _("--rank: expected a whole number from 0 to %d, "
				          "got %lld"),
				        RUN_RANK_MAX, (long long)rank);
			break;
		case 'h':
			fputs(_(run_help), ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		default:
			return cli_option_error(ctx->err, "run", c, argv, longopts);
		}
	}
	if (slurm_opt && on == 0)
		return cli_usage_error(ctx->err, "run",
		                       _("--nodes, --gpus-per-node, --cpus-per-task, --partition, "
		                         "--time, --sbatch and --poll go with --on slurm"));
	if ((rc = cli_load_scenario(scen, &sc, ctx->err)))
		return rc;
	cmd = optind < argc ? argv + optind : NULL;
	if (!cmd) {
		if (!scen || !sc.run.present || !sc.run.argv) {
			scenario_done(&sc);
			return cli_usage_error(
			        ctx->err, "run",
			        _("no command to run (capdash run -- python train.py)"));
		}
		cmd = sc.run.argv;
		if (!confirm(cmd, scen, yes, ctx)) {
			scenario_done(&sc);
			return CD_EXIT_FAIL;
		}
	}
	run_spec_init(&spec, &sc);
	/* the command line's options over the scenario's run section */
	merge_slurm(&spec.slurm, &slurm, on);
	if ((rc = slurm_usage(&spec, slurm_opt, pty, ctx))) {
		scenario_done(&sc);
		return rc;
	}
	spec.argv = cmd;
	spec.name = name;
	spec.pty = pty;
	if (rank >= 0)
		spec.rank = (int)rank;
	if (total >= 0)
		spec.total_steps = total;
	if (gpus >= 0) {
		spec.gpus = gpus;
		spec.gpu_source = RUN_GPUS_FLAG;
	}
	rc = run_start(&spec, dir, sizeof(dir), &err);
	scenario_done(&sc);
	if (rc) {
		cli_print_err(ctx->err, &err);
		return CD_EXIT_FAIL;
	}
	if (detach) {
		const char *id = strrchr(dir, '/');
		fprintf(ctx->out, "%s\n", id ? id + 1 : dir);
		fprintf(ctx->err, _("capdash: run started in %s\n  follow it: capdash attach %s\n"),
		        dir, id ? id + 1 : dir);
		return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
	}
	return cli_finish_output(ctx->out, ctx->err, follow(dir, ctx));
}

static void print_history(FILE *out, struct run_view *v)
{
	const struct run_point *pts;
	size_t n = run_view_points(v, &pts);

	for (size_t i = 0; i < n; i++) {
		const struct metric_point *mp = &pts[i].mp;
		fprintf(out, "%.3f", pts[i].t);
		if (mp->has & MP_STEP)
			fprintf(out, " step=%" PRId64, mp->step);
		if (mp->has & MP_TOTAL)
			fprintf(out, " total=%" PRId64, mp->total);
		if (mp->has & MP_EPOCH)
			fprintf(out, " epoch=%g", mp->epoch);
		if (mp->has & MP_LOSS)
			fprintf(out, " loss=%g", mp->loss);
		if (mp->has & MP_VAL_LOSS)
			fprintf(out, " val_loss=%g", mp->val_loss);
		if (mp->has & MP_ACC)
			fprintf(out, " acc=%g", mp->acc);
		if (mp->has & MP_VAL_ACC)
			fprintf(out, " val_acc=%g", mp->val_acc);
		if (mp->has & MP_LR)
			fprintf(out, " lr=%g", mp->lr);
		if (mp->has & MP_THROUGHPUT)
			fprintf(out, " throughput=%g", mp->throughput);
		fputc('\n', out);
	}
}

int cmd_attach(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"summary", no_argument, NULL, 'S'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	bool only_summary = false;
	char dir[RUN_PATH_MAX];
	struct cd_err err;
	struct run_view *v;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'S':
			only_summary = true;
			break;
		case 'h':
			fputs(_(attach_help), ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		default:
			return cli_option_error(ctx->err, "attach", c, argv, longopts);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error(ctx->err, "attach", _("one run at a time (got %d)"),
		                       argc - optind);
	if (run_resolve(NULL, optind < argc ? argv[optind] : NULL, dir, sizeof(dir), &err)) {
		cli_print_err(ctx->err, &err);
		return CD_EXIT_NOINPUT;
	}
	/* a Slurm job nobody watches any more gets a watcher again */
	switch (run_adopt(dir, &err)) {
	case 1:
		fprintf(ctx->err,
		        _("capdash: %s: its watcher was gone; a new one follows the Slurm job\n"),
		        strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
		break;
	case -1:
		cli_print_err(ctx->err, &err);
		break;
	default:
		break;
	}
	if (isatty(STDIN_FILENO) && isatty(fileno(ctx->out))) {
		struct ui_options opt;
		int rc;
		memset(&opt, 0, sizeof(opt));
		opt.attach_run = dir;
		rc = ui_main(&opt, &err);
		if (rc != CD_EXIT_OK)
			cli_print_err(ctx->err, &err);
		return rc;
	}
	if (!(v = run_view_open(dir, &err)) || run_view_update(v, &err) < 0) {
		run_view_free(v);
		cli_print_err(ctx->err, &err);
		return CD_EXIT_NOINPUT;
	}
	fprintf(ctx->out, "command: %s\n", run_view_command(v));
	if (!only_summary)
		print_history(ctx->out, v);
	summary(ctx->out, v);
	run_view_free(v);
	return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
}
