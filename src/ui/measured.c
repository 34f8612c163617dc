/* measured.c — the budget pane's measured block: the speed the open run
 * measures, turned into the time and the rent of training the plan's data on
 * the GPU slider's count (capdash forecast, live), and the epochs slider
 * that goes with it.
 *
 * The run pane calls measured_run_update when it opens a run or reads new
 * records; the speed is measured then (run_measure_view, forecast_median)
 * and kept in app->meas.  Every draw asks the forecast model again with the
 * sliders as they are, so a slider step moves the block at once.  No money
 * arithmetic here: rent and break-even come from forecast_eval and become
 * text through money_format; the words are chosen in measured_text.c.
 * Start at measured_run_update, then measured_fill.
 */
#include "ui_int.h"

#include "capdash/run.h"
#include "runfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the epochs slider ---- */

/* The epochs key: an id past the model's fields (see ui_int.h). */
struct budget_key measured_epochs_key(void)
{
	return (struct budget_key){BF__COUNT, 0};
}

bool measured_is_epochs(struct budget_key k)
{
	return k.id == BF__COUNT;
}

struct slider_spec measured_epochs_spec(void)
{
	return (struct slider_spec){MEASURED_EPOCHS_MIN, MEASURED_EPOCHS_MAX, 1, true, false};
}

bool measured_set_epochs(struct ui_app *app, int64_t v, bool record)
{
	int64_t old = app->meas.epochs;

	if (v < MEASURED_EPOCHS_MIN || v > MEASURED_EPOCHS_MAX) {
		char got[32];

		app_message(app, true,
		            _("Epochs (run): expected a whole number from %d to 1,000, got %s"),
		            MEASURED_EPOCHS_MIN, count_format(v, got, sizeof got));
		return false;
	}
	if (v == old)
		return false;
	if (record &&
	    undo_push(&app->undo, (struct undo_entry){measured_epochs_key(), old, v, NULL}) != 0)
		app_message(app, true, _("out of memory: this change cannot be undone"));
	app->meas.epochs = v;
	app->meas.epochs_moved = true;
	app->dirty |= UI_DIRTY_BUDGET;
	return true;
}

/* ---- measuring the run ---- */

static bool ended(enum run_state s)
{
	return s == RUN_FINISHED || s == RUN_FAILED || s == RUN_LOST || s == RUN_STOPPED;
}

void measured_run_update(struct ui_app *app, const struct run_view *v)
{
	struct ui_measured *m = &app->meas, before = *m;
	struct run_measure rm;
	struct cd_err err;
	const char *id = run_view_id(v);
	double rate;
	int used;

	if (!m->run || strcmp(id, m->run_id) != 0) {
		/* another run: its own epochs, until the person moves the slider */
		snprintf(m->run_id, sizeof m->run_id, "%s", id);
		m->epochs = MEASURED_EPOCHS_MIN;
		m->epochs_moved = false;
	}
	if (!m->run) {
		m->run = true;
		app_rebuild_items(app); /* the epochs slider appears */
	}
	run_measure_view(v, &rm);
	if (!m->epochs_moved && rm.epochs > 0)
		m->epochs = rm.epochs > MEASURED_EPOCHS_MAX ? MEASURED_EPOCHS_MAX : rm.epochs;
	memset(&m->in, 0, sizeof m->in);
	m->why[0] = 0;
	m->points = rm.n;
	m->gpus = rm.gpus;
	if (forecast_median(rm.rates, (size_t)rm.n, &rate, &used, &err) != 0) {
		/* a live run may still report enough; an ended one will not */
		m->state = rm.n < FORECAST_MIN_POINTS && !ended(run_view_state(v))
		                   ? MEASURED_WAITING
		                   : MEASURED_REFUSED;
		snprintf(m->why, sizeof m->why, "%.150s", err.msg);
	} else {
		m->state = MEASURED_OK;
		m->in.throughput = rate;
		m->in.unit = rm.unit;
		m->in.points = used;
		m->in.run_devices = rm.devices;
	}
	/* the budget pane is redrawn with the run pane (loop.c), within its cap */
	if (memcmp(&before, m, sizeof before) != 0)
		m->stale = true;
	if (!before.run)
		app->dirty |= UI_DIRTY_BUDGET;
}

/* ---- text ---- */

static enum metric_rate_unit rate_unit_of(enum forecast_unit u)
{
	switch (u) {
	case FORECAST_TOKENS:
		return RATE_TOKENS;
	case FORECAST_ITERS:
		return RATE_ITERS;
	case FORECAST_SAMPLES:
		return RATE_SAMPLES;
	default:
		return RATE_NONE;
	}
}

/* Hours as people read them: "80,321 h", "12.5 h", "0.14 h". */
static char *hours_text(double h, const char *unit, char *buf, size_t size)
{
	char num[40];

	if (h >= 100)
		count_format((int64_t)llround(h), num, sizeof num);
	else if (h >= 10)
		snprintf(num, sizeof num, "%.1f", h);
	else
		snprintf(num, sizeof num, "%.2f", h);
	snprintf(buf, size, "%s %s", num, unit);
	return buf;
}

/* Wall-clock time: "1m40s", "2h05m", "3d04h"; past 1,000 days in years. */
static char *time_text(double seconds, char *buf, size_t size)
{
	char num[40];

	if (seconds < 0.5)
		snprintf(buf, size, "%s", _("under 1s"));
	else if (seconds < 1000.0 * 86400)
		run_dur_text((int64_t)llround(seconds * 1000), buf, size);
	else
		snprintf(buf, size, "%s years",
		         count_format((int64_t)llround(seconds / (365.25 * 86400)), num,
		                      sizeof num));
	return buf;
}

static const char *plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

void measured_fill(const struct ui_app *app, struct measured_text *t)
{
	const struct ui_measured *m = &app->meas;
	struct forecast_input in;
	struct forecast_result r;
	struct cd_err err;
	char a[48], b[48];

	memset(t, 0, sizeof *t);
	t->state = m->run ? m->state : MEASURED_NO_RUN;
	t->points = m->points;
	t->need = FORECAST_MIN_POINTS;
	snprintf(t->why, sizeof t->why, "%s", m->why);
	if (t->state != MEASURED_OK)
		return;
	if (!app->res_ok) {
		t->state = MEASURED_REFUSED;
		snprintf(t->why, sizeof t->why, "%s", _("inputs out of range"));
		return;
	}
	in = m->in;
	in.epochs = m->epochs;
	forecast_plan(&in, &app->sc.in, &app->res);
	/* the model's words name flags and fields; these two cases have a
	 * dashboard answer (the slider, or the command with --batch) */
	if (in.gpus == 0) {
		t->state = MEASURED_REFUSED;
		snprintf(t->why, sizeof t->why, "%s", _("the plan has no GPUs to train on"));
		return;
	}
	if (in.unit == FORECAST_ITERS) {
		t->state = MEASURED_REFUSED;
		snprintf(t->why, sizeof t->why,
		         "the run counts steps (it/s), not samples: capdash forecast --batch N "
		         "prices it");
		return;
	}
	if (forecast_eval(&in, &r, &err) != 0) {
		t->state = MEASURED_REFUSED;
		snprintf(t->why, sizeof t->why, "%.150s", err.msg);
		return;
	}
	runfmt_rate(t->rate, sizeof t->rate, r.throughput, rate_unit_of(in.unit), NULL);
	t->npoints = in.points;
	if (m->gpus > 0)
		snprintf(t->devices, sizeof t->devices, "%d GPU%s", m->gpus, plural(m->gpus));
	else
		snprintf(t->devices, sizeof t->devices, "%s", _("CPU as 1 device"));
	if (in.scaling_eff == FORECAST_EFF_ONE)
		snprintf(t->scaling, sizeof t->scaling, "%s", _("linear scaling"));
	else
		snprintf(t->scaling, sizeof t->scaling, _("scaling %s"),
		         budget_value_str(BUDGET_UNIT_ALPHA, in.scaling_eff, a, sizeof a));
	snprintf(t->work, sizeof t->work, "%s%s %s %s epoch%s",
	         count_format(in.samples, a, sizeof a), in.unit == FORECAST_TOKENS ? " tokens" : "",
	         app->utf8 ? "×" : "x", count_format(in.epochs, b, sizeof b), plural(in.epochs));
	snprintf(t->gpus, sizeof t->gpus, "%s GPU%s", count_format(in.gpus, a, sizeof a),
	         plural(in.gpus));
	time_text(r.train_seconds, t->time, sizeof t->time);
	hours_text(r.gpu_hours, "GPU-h", t->gpu_hours, sizeof t->gpu_hours);
	/* the price with the digits it has, as the price field shows it */
	snprintf(t->price, sizeof t->price, "%s/GPU-h",
	         price_format(app->sc.in.gpu_hourly_cost, b, sizeof b));
	money_format(r.rent_cost, ui_money(r.rent_cost < 100000 ? MONEY_CENTS : MONEY_WHOLE),
	             t->rent, sizeof t->rent);
	if (r.has_breakeven)
		hours_text(r.breakeven_hours, "h", t->breakeven, sizeof t->breakeven);
	else
		snprintf(t->breakeven, sizeof t->breakeven, "%s", _("never (no rent price)"));
}

/* ---- drawing ---- */

void measured_draw(struct ui_app *app, WINDOW *w, const struct measured_text *t, int y, int width,
                   int rows)
{
	struct measured_line l[4];
	int n = measured_lines(t, width, rows, app->utf8, l, 4);

	for (int i = 0; i < n; i++) {
		int rw = glyphs_width(l[i].right);

		wattrset(w, app->col.attr[l[i].dim ? TR_DIM : TR_TEXT]);
		mvwaddstr(w, y + i, 2, l[i].left);
		if (rw) {
			wattrset(w, app->col.attr[TR_TEXT] | A_BOLD);
			mvwaddstr(w, y + i, 2 + width - rw, l[i].right);
		}
	}
	wattrset(w, app->col.attr[TR_TEXT]);
	app->meas.stale = false;
}
