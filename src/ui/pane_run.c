/* pane_run.c — the training pane: which run is on screen, how it is kept up
 * to date, and what its keys do (start, open, pause/resume, stop, restart,
 * smoothing, log-y, the quit question).
 *
 * The pane is a reader of run directories (run.h): runs are started through
 * run_start and live on in their own supervisor, so quitting or a dropped
 * terminal leaves them going.  Updates arrive on run_view_fd (inotify) or a
 * poll timer; handlers only read and set dirty bits, and the redraw is capped
 * at app->refresh_hz.  No timer is set while nothing is live, so an idle
 * dashboard makes no wakeups.  Never starts a command from a file without
 * showing its argv and asking (run_needs_confirm); a command the person
 * typed (in the pane or after `capdash --run --`) starts at once.  Drawing is in
 * pane_run_draw.c.  Start at pane_run_init, then on_change.
 */
#include "pane_run_int.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TICK_MS 1000 /* live runs: elapsed, spent and the stall rule move by the second */

static void arm_tick(struct ui_app *app);

static struct pane_run *st(struct ui_app *app)
{
	return app->run;
}

/* ---- redraw, capped ---- */

static void cap_fire(struct ui_app *app, void *ctx)
{
	struct pane_run *pr = ctx;

	pr->cap_armed = false;
	pr->last_draw_ms = loop_now_ms();
	app->dirty |= UI_DIRTY_RUN;
}

static void want_draw(struct ui_app *app, struct pane_run *pr)
{
	int wait = pane_run_cap_wait(loop_now_ms(), pr->last_draw_ms, app->refresh_hz);

	if (wait == 0) {
		pr->last_draw_ms = loop_now_ms();
		app->dirty |= UI_DIRTY_RUN;
	} else if (!pr->cap_armed) {
		pr->cap_armed = loop_timer(app, wait, cap_fire, pr) == 0;
		if (!pr->cap_armed)
			app->dirty |= UI_DIRTY_RUN;
	}
}

/* ---- messages that stop being true ---- */

static bool ended_state(enum run_state s)
{
	return s == RUN_FINISHED || s == RUN_FAILED || s == RUN_LOST || s == RUN_STOPPED;
}

/* A status message about the run on screen ("started …", "stopping the
 * run"): true only until the run ends, so it is shown as the pane's own
 * (app_message_owned) and taken down then. */
static void say_while_live(struct ui_app *app, struct pane_run *pr, const char *msg)
{
	app_message_owned(app, &pr->said_for, false, "%s", msg);
}

/* Take down what say_while_live put up once it is no longer true: the run
 * ended, or another run is opened.  A message someone else put up since
 * stays (app_message_drop takes down only ours). */
static void retire_said(struct ui_app *app, struct pane_run *pr)
{
	if (pr->v && !ended_state(pr->prog.state))
		return;
	app_message_drop(app, &pr->said_for);
}

/* ---- reading the run ---- */

static void push_points(struct pane_run *pr)
{
	const struct run_point *pts;
	size_t n = run_view_points(pr->v, &pts);

	if (!pr->series_ok)
		return;
	for (; pr->seen < n; pr->seen++) {
		const struct metric_point *mp = &pts[pr->seen].mp;
		double x = (mp->has & MP_STEP) ? (double)mp->step : (double)pr->seen;

		if (mp->has & MP_LOSS)
			series_loss_push(&pr->train, x, mp->loss);
		if (mp->has & MP_VAL_LOSS)
			series_loss_push(&pr->val, x, mp->val_loss);
	}
}

static void refresh_progress(struct ui_app *app, struct pane_run *pr)
{
	bool was = pr->prog.stalled;

	run_view_progress(pr->v, run_now_ms(), &pr->prog);
	pr->prog_ok = true;
	if (pr->prog.stalled && !was && !pr->rung) {
		beep(); /* once per stall */
		pr->rung = true;
	}
	if (!pr->prog.stalled)
		pr->rung = false;
	(void)app;
}

/* Read what is new; redraw when something changed or the clock matters. */
static void on_change(struct ui_app *app, struct pane_run *pr, bool tick)
{
	struct cd_err err;
	int chg;

	if (!pr->v)
		return;
	chg = run_view_update(pr->v, &err);
	if (chg < 0) {
		snprintf(pr->note, sizeof pr->note, "%.500s", err.msg);
		chg = 0;
	}
	if (chg & RUN_CHG_POINTS)
		push_points(pr);
	if (chg || !app->meas.run)
		measured_run_update(app, pr->v); /* the budget pane's measured block */
	refresh_progress(app, pr);
	retire_said(app, pr);
	if (chg || tick)
		want_draw(app, pr);
	arm_tick(app);
}

static void on_fd(struct ui_app *app, int fd, short revents, void *ctx)
{
	(void)fd;
	(void)revents;
	on_change(app, ctx, false);
}

static void on_tick(struct ui_app *app, void *ctx)
{
	struct pane_run *pr = ctx;

	pr->tick_armed = false;
	on_change(app, pr, true);
}

static bool live_state(enum run_state s)
{
	return s == RUN_STARTING || s == RUN_RUNNING || s == RUN_PAUSED || s == RUN_STOPPING ||
	       s == RUN_PENDING; /* a Slurm job in the queue: its watcher holds the lock */
}

/* A live run wakes us every second (inotify) or every poll period; so
 * does a lost one (its "last heard" grows, its training may end); an ended
 * one never does. */
static void arm_tick(struct ui_app *app)
{
	struct pane_run *pr = st(app);
	int ms;

	if (!pr || !pr->v || pr->tick_armed ||
	    !(live_state(pr->prog.state) || pr->prog.state == RUN_LOST))
		return;
	ms = pr->fd >= 0 ? TICK_MS : run_view_poll_ms(pr->v);
	pr->tick_armed = loop_timer(app, ms, on_tick, pr) == 0;
}

static void close_view(struct ui_app *app, struct pane_run *pr)
{
	if (pr->fd >= 0)
		loop_unwatch(app, pr->fd);
	pr->fd = -1;
	run_view_free(pr->v);
	pr->v = NULL;
	pr->seen = 0;
	pr->ntail = 0;
	pr->tail_ms = 0;
	pr->rung = false;
	pr->prog_ok = false;
	memset(&pr->prog, 0, sizeof pr->prog);
	if (pr->series_ok) {
		series_loss_clear(&pr->train);
		series_loss_clear(&pr->val);
	}
}

static int open_dir(struct ui_app *app, const char *dir)
{
	struct pane_run *pr = st(app);
	struct cd_err err;
	struct run_view *v;

	/* a Slurm run whose watcher died (capdash killed, the login node
	 * rebooted) gets a new one; nothing happens for the others */
	if (run_adopt(dir, &err) < 0)
		app_message(app, true, "%s", err.msg);
	v = run_view_open(dir, &err);
	if (!v) {
		snprintf(pr->note, sizeof pr->note, _("cannot open %.400s: %.500s"), dir, err.msg);
		app_message(app, true, "%s", pr->note);
		app->dirty |= UI_DIRTY_RUN;
		return -1;
	}
	close_view(app, pr);
	retire_said(app, pr); /* about the run that was on screen */
	pr->v = v;
	pr->note[0] = 0;
	pr->fd = run_view_fd(v);
	if (pr->fd >= 0 && loop_watch(app, pr->fd, POLLIN, on_fd, pr) != 0)
		pr->fd = -1; /* no slot: the poll timer does the work */
	pr->last_draw_ms = 0;
	on_change(app, pr, true);
	app->dirty |= UI_DIRTY_RUN;
	return 0;
}

/* ---- starting ---- */

/* The options of a run started now: the scenario's run: section with
 * what was typed over it (typed: NULL for none).  false, said, when they
 * do not go together or Slurm would refuse them. */
static bool run_options(struct ui_app *app, const struct pane_run_opts *typed,
                        struct run_spec *spec)
{
	struct cd_err err;
	char why[200];

	if (pane_run_merge(&app->sc.run, typed, &spec->slurm, &spec->rank, why, sizeof why) < 0) {
		app_message(app, true, _("command: %s"), why);
		return false;
	}
	if (spec->slurm.on && run_slurm_check(&spec->slurm, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		return false;
	}
	return true;
}

static void start_now(struct ui_app *app, char *const *argv, const struct pane_run_opts *typed)
{
	struct pane_run *pr = st(app);
	struct run_spec spec;
	struct cd_err err;
	char dir[RUN_PATH_MAX], shown[256];

	run_spec_init(&spec, &app->sc);
	spec.argv = argv;
	if (!run_options(app, typed, &spec))
		return;
	if (run_start(&spec, dir, sizeof dir, &err) != 0) {
		snprintf(pr->note, sizeof pr->note, _("could not start %.256s: %.500s"),
		         run_argv_display(argv, shown, sizeof shown), err.msg);
		app_message(app, true, "%s", pr->note);
		app->dirty |= UI_DIRTY_RUN;
		return;
	}
	if (open_dir(app, dir) == 0) {
		char msg[300];

		snprintf(msg, sizeof msg, "%s %s",
		         spec.slurm.on ? _("submitted to Slurm:") : _("started"),
		         run_argv_display(argv, shown, sizeof shown));
		say_while_live(app, pr, msg);
		on_change(app, pr, true); /* a command that failed at once: not "started" */
	}
}

static void confirm_answer(struct ui_app *app, const char *text, int answer)
{
	struct pane_run *pr = st(app);
	char **argv = pr->pending;

	(void)text;
	pr->pending = NULL;
	if (!argv)
		return;
	if (answer == 'y' || answer == 'Y')
		start_now(app, argv, NULL); /* the scenario's command, its options */
	else
		app_message(app, false, _("not started"));
	pane_run_argv_free(argv);
}

/* Start argv, asking first when it came from a file without --yes;
 * commands typed (in the pane, or after capdash --run --) are the person's
 * own and start at once. */
static void start_argv(struct ui_app *app, char *const *argv, bool ask,
                       const struct pane_run_opts *typed)
{
	struct pane_run *pr = st(app);
	char shown[96], label[sizeof app->prompt.label];

	if (!ask || !run_needs_confirm(argv, app->opt.yes)) {
		start_now(app, argv, typed);
		return;
	}
	if (app->prompt.kind != UI_PROMPT_NONE) {
		app_message(app, true, _("answer the open question first"));
		return;
	}
	pane_run_argv_free(pr->pending);
	if (!(pr->pending = pane_run_argv_dup(argv))) {
		app_message(app, true, _("out of memory"));
		return;
	}
	run_argv_display(argv, shown, sizeof shown);
	/* the whole argv is in the pane (a long one cannot fit on this line) */
	snprintf(label, sizeof label, _("Start %.96s%s (in full in the run pane)? y/N"), shown,
	         app->sc.run.present && app->sc.run.slurm ? _(" on Slurm") : "");
	app->dirty |= UI_DIRTY_RUN;
	prompt_yesno(app, label, confirm_answer);
}

/* capdash-train beside this program (/proc/self/exe), else from PATH. */
static void trainer_path(char *buf, size_t size)
{
	char exe[RUN_PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	snprintf(buf, size, "capdash-train");
	if (n <= 0)
		return;
	exe[n] = 0;
	if (!(slash = strrchr(exe, '/')))
		return;
	*slash = 0;
	if ((size_t)snprintf(buf, size, "%s/capdash-train", exe) < size && access(buf, X_OK) == 0)
		return;
	snprintf(buf, size, "capdash-train");
}

static void start_default(struct ui_app *app)
{
	char path[RUN_PATH_MAX];
	/* real training that ends in well under a minute on a laptop CPU */
	char *argv[] = {path,          "--model", "mlp",           "--epochs", "10",
	                "--log-every", "20",      "--no-progress", NULL};

	if (app->sc.run.present && app->sc.run.argv && app->sc.run.argv[0]) {
		start_argv(app, app->sc.run.argv, true, NULL);
		return;
	}
	trainer_path(path, sizeof path);
	start_argv(app, argv, false, NULL);
}

static void typed_command(struct ui_app *app, const char *text, int answer)
{
	struct pane_run_opts o;
	char **argv, why[200];

	(void)answer;
	if (!text)
		return;
	if (pane_run_split(text, &argv, why, sizeof why) < 0) {
		app_message(app, true, _("command: %s"), why);
		return;
	}
	/* "--on slurm --nodes 2 -- python train.py": capdash run's options */
	if (pane_run_opts(argv, &o, why, sizeof why) < 0)
		app_message(app, true, _("command: %s"), why);
	else
		start_argv(app, argv + o.cmd, false, &o);
	pane_run_argv_free(argv);
}

/* ---- the run list ---- */

static void list_answer(struct ui_app *app, const char *text, int answer)
{
	struct pane_run *pr = st(app);
	char dir[RUN_PATH_MAX];
	struct cd_err err;

	(void)answer;
	if (text && run_resolve(NULL, text, dir, sizeof dir, &err) != 0)
		app_message(app, true, "%s", err.msg);
	else if (text)
		open_dir(app, dir);
	run_list_free(pr->ids, pr->nids);
	pr->ids = NULL;
	pr->nids = 0;
}

static void open_list(struct ui_app *app)
{
	struct pane_run *pr = st(app);
	char root[RUN_PATH_MAX];
	struct cd_err err;
	int n;

	if (run_root(root, sizeof root, &err) != 0 || (n = run_list(root, &pr->ids, &err)) < 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	pr->nids = n;
	if (n == 0) {
		run_list_free(pr->ids, n);
		pr->ids = NULL;
		app_message(app, false, _("no runs yet: r starts one"));
		return;
	}
	/* newest first, as people look for the run they just started */
	for (int i = 0; i < n / 2; i++) {
		char *t = pr->ids[i];

		pr->ids[i] = pr->ids[n - 1 - i];
		pr->ids[n - 1 - i] = t;
	}
	prompt_text(app, _("open run (Tab: next of the list): "), pr->ids[0], list_answer);
	app->prompt.cands = (const char *const *)pr->ids;
	app->prompt.ncands = n;
	app->prompt.cand = 0;
}

int pane_run_open_dir(struct ui_app *app, const char *dir)
{
	return open_dir(app, dir);
}

void pane_run_list_prompt(struct ui_app *app)
{
	open_list(app);
}

/* ---- controls ---- */

static bool need_live(struct ui_app *app, struct pane_run *pr)
{
	if (!pr->v) {
		app_message(app, false, _("no run: r starts one, a opens one"));
		return false;
	}
	if (!run_is_live(run_view_dir(pr->v))) {
		app_message(app, false, _("the run is not live (%s)"),
		            run_state_name(run_view_state(pr->v)));
		return false;
	}
	return true;
}

static void stop_answer(struct ui_app *app, const char *text, int answer)
{
	struct pane_run *pr = st(app);
	struct cd_err err;

	(void)text;
	if (!(answer == 'y' || answer == 'Y') || !pr->v)
		return;
	if (run_stop(run_view_dir(pr->v), &err) != 0)
		app_message(app, true, _("stop: %s"), err.msg);
	else
		say_while_live(app, pr, _("stopping the run"));
	on_change(app, pr, true);
}

static bool is_slurm(struct pane_run *pr)
{
	const struct run_status *s = pr->v ? run_view_status(pr->v) : NULL;

	return s && s->slurm.job_id > 0;
}

static void suspend_answer(struct ui_app *app, const char *text, int answer)
{
	struct pane_run *pr = st(app);
	struct cd_err err;

	(void)text;
	if (answer != 'y' && answer != 'Y') {
		app_message(app, false, _("not paused: the job runs on"));
		return;
	}
	if (!pr->v)
		return;
	if (run_suspend(run_view_dir(pr->v), &err) != 0)
		app_message(app, true, _("suspend: %s"), err.msg);
	else
		say_while_live(app, pr, _("suspended (scontrol suspend)"));
	on_change(app, pr, true);
}

static void restart(struct ui_app *app, struct pane_run *pr)
{
	char dir[RUN_PATH_MAX];
	struct cd_err err;

	if (!pr->v) {
		app_message(app, false, _("no run to restart: r starts one"));
		return;
	}
	if (run_is_live(run_view_dir(pr->v))) {
		app_message(app, false, _("the run is still going: X stops it first"));
		return;
	}
	if (run_restart(run_view_dir(pr->v), dir, sizeof dir, &err) != 0) {
		app_message(app, true, _("restart: %s"), err.msg);
		return;
	}
	if (open_dir(app, dir) == 0)
		say_while_live(app, pr, _("restarted"));
}

static void set_smoothing(struct ui_app *app, struct pane_run *pr, double d)
{
	double s = pr->smoothing + d;

	s = s < 0 ? 0 : s > 0.99 ? 0.99 : s;
	pr->smoothing = (double)(int)(s * 100 + 0.5) / 100; /* no drift from repeated steps */
	if (pr->series_ok) {
		series_loss_set_smoothing(&pr->train, pr->smoothing);
		series_loss_set_smoothing(&pr->val, pr->smoothing);
	}
	app_message(app, false, _("smoothing %.2f"), pr->smoothing);
	app->dirty |= UI_DIRTY_RUN;
}

/* G: price the run at the plan's GPU count, as offered when none was
 * detected (the offer line says so; without it the key explains why not). */
static void price_at_plan(struct ui_app *app, struct pane_run *pr)
{
	struct cd_err err;
	long long n = (long long)app->sc.in.gpus;

	if (!pr->v) {
		app_message(app, false, _("no run to price: r starts one"));
		return;
	}
	if (!pane_run_offers(app, pr)) {
		if (pr->prog.gpus > 0)
			app_message(app, false, _("the run is priced at %lld GPU%s (%s)"),
			            (long long)pr->prog.gpus, pr->prog.gpus == 1 ? "" : "s",
			            run_gpu_source_name(pr->prog.gpu_source));
		else
			app_message(app, false, _("the plan has no GPUs to price the run at"));
		return;
	}
	if (run_set_gpus(run_view_dir(pr->v), app->sc.in.gpus, RUN_GPUS_PLAN, &err) != 0) {
		app_message(app, true, "G: %s", err.msg);
		return;
	}
	app_message(app, false, _("the run is priced at the plan's %lld GPU%s"), n,
	            n == 1 ? "" : "s");
	on_change(app, pr, true);
	app->dirty |= UI_DIRTY_RUN;
}

void pane_run_do(struct ui_app *app, enum ui_action a)
{
	struct pane_run *pr = st(app);
	struct cd_err err;

	if (!pr)
		return;
	switch (a) {
	case UA_RUN_START:
		if (pr->v && run_is_live(run_view_dir(pr->v)))
			app_message(app, false, _("a run is going: X stops it, a opens another"));
		else
			start_default(app);
		break;
	case UA_RUN_COMMAND:
		prompt_text(app, _("command to run: "), "", typed_command);
		break;
	case UA_RUN_LIST:
		picker_runs_open(app);
		break;
	case UA_RUN_PAUSE:
		if (!need_live(app, pr))
			break;
		if (run_view_state(pr->v) == RUN_PAUSED ? run_resume(run_view_dir(pr->v), &err)
		                                        : run_pause(run_view_dir(pr->v), &err)) {
			/* a running Slurm job: only scontrol suspend, which needs an
			 * operator on most clusters; tried only when asked */
			if (is_slurm(pr) && run_view_state(pr->v) == RUN_RUNNING &&
			    app->prompt.kind == UI_PROMPT_NONE)
				prompt_yesno(
				        app,
				        _("Slurm pauses a running job only by scontrol suspend (an "
				          "operator's right on most clusters): try it? y/N"),
				        suspend_answer);
			else
				app_message(app, true, "%s", err.msg);
		}
		on_change(app, pr, true);
		break;
	case UA_RUN_STOP:
		if (need_live(app, pr))
			prompt_yesno(app,
			             is_slurm(pr) ? _("Cancel the Slurm job (scancel)? y/N")
			                          : _("Stop the run (SIGTERM, then SIGKILL)? y/N"),
			             stop_answer);
		break;
	case UA_RUN_RESTART:
		restart(app, pr);
		break;
	case UA_RUN_GPUS:
		price_at_plan(app, pr);
		break;
	case UA_RUN_SMOOTH_LESS:
	case UA_RUN_SMOOTH_MORE:
		set_smoothing(app, pr, a == UA_RUN_SMOOTH_MORE ? 0.05 : -0.05);
		break;
	case UA_RUN_LOGY:
		pr->logy = !pr->logy;
		app_message(app, false, _("loss chart: %s scale"), pr->logy ? "log" : "linear");
		app->dirty |= UI_DIRTY_RUN;
		break;
	case UA_RUN_FULLY:
		pr->full_y = !pr->full_y;
		app_message(app, false, _("loss chart: %s%s"),
		            pr->full_y ? _("full y range")
		                       : _("high first losses clipped, marked "),
		            pr->full_y  ? ""
		            : app->utf8 ? "\xe2\x96\xb2"
		                        : "^");
		app->dirty |= UI_DIRTY_RUN;
		break;
	default:
		break;
	}
}

/* ---- quitting ---- */

static void quit_answer(struct ui_app *app, const char *text, int answer)
{
	struct pane_run *pr = st(app);
	struct cd_err err;

	(void)text;
	if (answer == 's' || answer == 'S') {
		if (run_stop(run_view_dir(pr->v), &err) != 0) {
			app_message(app, true, _("stop: %s"), err.msg);
			return;
		}
	} else if (answer != 'l' && answer != 'L') {
		return; /* Esc or anything else: stay */
	}
	pr->quit_answered = true;
	app_quit(app);
	if (!app->quit)
		pr->quit_answered = false; /* the unsaved question was declined */
}

bool pane_run_quit_asks(struct ui_app *app)
{
	struct pane_run *pr = st(app);

	if (!pr || !pr->v || pr->quit_answered || !run_is_live(run_view_dir(pr->v)))
		return false;
	prompt_yesno(app,
	             _("A run is going: l leave it going (capdash attach), s stop it, Esc stay"),
	             quit_answer);
	return true;
}

/* ---- life ---- */

int pane_run_init(struct ui_app *app)
{
	struct pane_run *pr = calloc(1, sizeof *pr);
	char dir[RUN_PATH_MAX];
	struct cd_err err;

	if (!pr)
		return -1;
	pr->fd = -1;
	pr->smoothing = PANE_RUN_SMOOTH_DEFAULT;
	pr->series_ok = series_loss_init(&pr->train, SERIES_DEFAULT_MAX, pr->smoothing) == 0 &&
	                series_loss_init(&pr->val, SERIES_DEFAULT_MAX, pr->smoothing) == 0;
	app->run = pr;
	if (app->opt.attach_run) {
		if (run_resolve(NULL, app->opt.attach_run, dir, sizeof dir, &err) != 0)
			app_message(app, true, "%s", err.msg);
		else
			open_dir(app, dir);
	} else if (app->opt.run_argv && app->opt.run_argv[0]) {
		/* typed on capdash's own command line: the person's own choice,
		 * like a command typed into the pane; only a command from a file
		 * (the scenario's run.command) is shown and asked about */
		start_argv(app, app->opt.run_argv, false, NULL);
	}
	return pr->series_ok ? 0 : -1;
}

void pane_run_done(struct ui_app *app)
{
	struct pane_run *pr = st(app);

	if (!pr)
		return;
	close_view(app, pr);
	series_loss_done(&pr->train);
	series_loss_done(&pr->val);
	free(pr->chart_mem);
	pane_run_argv_free(pr->pending);
	run_list_free(pr->ids, pr->nids);
	free(pr);
	app->run = NULL;
}

static void run_draw(struct ui_app *app, WINDOW *w)
{
	if (app->run)
		pane_run_draw(app, app->run, w);
}

const struct ui_pane_ops pane_run_ops = {
        .name = "run",
        .draw = run_draw,
        .key = NULL,
        .resize = NULL,
        .free = NULL,
};
