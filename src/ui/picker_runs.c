/* picker_runs.c — `a`: the runs in the picker, newest first, each with its
 * state, step, loss and cost; Enter opens the chosen one in the run pane,
 * Tab switches to the typed prompt (an id or a unique part of one).
 *
 * Read-only: only run.h's public reading API (run_list, run_view_*); the
 * money is the model's (burn_format of what run_view_progress priced).
 * Runs are read lazily by the picker's timer, visible rows first, so a
 * long history of runs opens at once.
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#include "capdash/run.h"
#include "pane_run_int.h"
#include "picker.h"
#include "runfmt.h"

static void runs_describe(struct ui_app *app, struct picker *p, int i)
{
	struct run_view *v;
	struct run_progress pr;
	struct cd_err err;
	char buf[RUNFMT_MAX + 16], why[600];

	(void)app;
	v = run_view_open(p->items[i].key, &err);
	if (!v || run_view_update(v, &err) < 0) {
		snprintf(why, sizeof why, _("unreadable: %s"), err.msg);
		picker_set_bad(p, i, why, NULL);
		run_view_free(v);
		return;
	}
	run_view_progress(v, run_now_ms(), &pr);
	picker_set(p, i, 1, run_view_command(v));
	picker_set(p, i, 2, run_state_name(pr.state));
	picker_set(p, i, 3, pr.has_step ? runfmt_step(buf, sizeof buf, pr.step, pr.total) : "-");
	if (pr.has_loss)
		snprintf(buf, sizeof buf, "%.4f", pr.loss);
	picker_set(p, i, 4, pr.has_loss ? buf : "-");
	picker_set(p, i, 5, pr.burn_ok ? burn_format(pr.burn.spent, buf, sizeof buf) : "-");
	run_view_free(v);
}

static void runs_choose(struct ui_app *app, const char *dir)
{
	if (pane_run_open_dir(app, dir) == 0) {
		const char *id = strrchr(dir, '/');

		app_message(app, false, _("opened run %s"), id ? id + 1 : dir);
	}
}

static void runs_typed(struct ui_app *app, const char *text)
{
	(void)text;
	pane_run_list_prompt(app);
}

static const struct picker_ops runs_ops = {runs_describe, runs_choose, runs_typed};

void picker_runs_open(struct ui_app *app)
{
	static const char *const head[] = {N_("Run"),  N_("Command"), N_("State"),
	                                   N_("Step"), N_("Loss"),    N_("Cost")};
	char root[RUN_PATH_MAX], dir[RUN_PATH_MAX + RUN_ID_MAX + 2], **ids;
	const char *now = app->run && app->run->v ? run_view_id(app->run->v) : NULL;
	struct picker *p;
	struct cd_err err;
	int n;

	if (run_root(root, sizeof root, &err) != 0 || (n = run_list(root, &ids, &err)) < 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	if (n == 0) {
		run_list_free(ids, n);
		app_message(app, false, _("no runs yet: r starts one"));
		return;
	}
	if (!(p = picker_new(_("Open a run"), 6, head, &runs_ops))) {
		run_list_free(ids, n);
		pane_run_list_prompt(app); /* out of memory: the plain prompt */
		return;
	}
	p->verb = _("open run");
	p->typed_hint = _("type an id");
	/* newest first: people look for the run they just started */
	for (int i = n - 1; i >= 0; i--) {
		int k;

		snprintf(dir, sizeof dir, "%s/%s", root, ids[i]);
		if ((k = picker_add(p, dir, ids[i])) >= 0)
			p->items[k].current = now && !strcmp(now, ids[i]);
	}
	run_list_free(ids, n);
	picker_show(app, p);
}
