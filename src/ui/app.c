/* app.c — the dashboard's state changes: load a scenario, change one input
 * (with undo), recompute through the model, and what each key action does.
 *
 * Handlers here only change state and set dirty bits; nothing is drawn (that
 * is loop.c's render, once per iteration).  No money arithmetic: every figure
 * comes from budget_eval and every delta from budget_delta.
 */
#include "ui_int.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void add_item(struct ui_app *app, enum budget_field_id id, int role, enum ui_item_kind kind,
                     bool main_slider)
{
	struct ui_item *it;

	if (app->nitems >= UI_MAX_ITEMS)
		return;
	it = &app->item[app->nitems++];
	it->key.id = id;
	it->key.role = role;
	it->kind = kind;
	it->main = main_slider;
}

void app_rebuild_items(struct ui_app *app)
{
	const struct budget_input *in = &app->sc.in;
	/* the selection stays on its input when one appears or goes (epochs) */
	struct budget_key was =
	        app->sel < app->nitems ? app->item[app->sel].key : (struct budget_key){BF_GPUS, 0};

	app->nitems = 0;
	add_item(app, BF_GPUS, 0, UI_ITEM_SLIDER, true);
	add_item(app, BF_SAMPLES, 0, UI_ITEM_SLIDER, true);
	if (app->meas.run)
		add_item(app, measured_epochs_key().id, 0, UI_ITEM_SLIDER, false);
	for (int r = 0; r < in->nroles; r++)
		add_item(app, BF_ROLE_COUNT, r, UI_ITEM_SLIDER, r == 0);
	add_item(app, BF_ALPHA, 0, UI_ITEM_SLIDER, true);
	add_item(app, BF_GPU_UNIT_COST, 0, UI_ITEM_PRICE, false);
	add_item(app, BF_GPU_HOURLY_COST, 0, UI_ITEM_PRICE, false);
	add_item(app, BF_LABEL_COST, 0, UI_ITEM_PRICE, false);
	for (int r = 0; r < in->nroles; r++)
		add_item(app, BF_ROLE_SALARY, r, UI_ITEM_PRICE, false);
	add_item(app, BF_MONTHS, 0, UI_ITEM_PRICE, false);
	add_item(app, BF_FIXED_COSTS, 0, UI_ITEM_PRICE, false);
	for (int i = 0; i < app->nitems; i++)
		if (app->item[i].key.id == was.id && app->item[i].key.role == was.role)
			app->sel = i;
	if (app->sel >= app->nitems)
		app->sel = 0;
}

int64_t app_get(const struct ui_app *app, struct budget_key k)
{
	if (measured_is_epochs(k))
		return app->meas.epochs;
	return budget_get(&app->sc.in, k);
}

__attribute__((format(printf, 4, 0))) static void message_v(struct ui_app *app, const void *owner,
                                                            bool error, const char *fmt, va_list ap)
{
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	app->status_err = error;
	app->status_owner = owner;
	app->dirty |= UI_DIRTY_BAR;
}

void app_message(struct ui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_v(app, NULL, error, fmt, ap);
	va_end(ap);
}

void app_message_owned(struct ui_app *app, const void *owner, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_v(app, owner, error, fmt, ap);
	va_end(ap);
}

bool app_message_is(const struct ui_app *app, const void *owner)
{
	return owner && app->status[0] && app->status_owner == owner;
}

void app_message_drop(struct ui_app *app, const void *owner)
{
	if (!app_message_is(app, owner))
		return;
	app->status[0] = 0;
	app->status_err = false;
	app->status_owner = NULL;
	app->dirty |= UI_DIRTY_BAR;
}

void app_recompute(struct ui_app *app)
{
	struct cd_err err;

	app->res_ok = budget_eval(&app->sc.in, &app->res, &err) == 0;
	if (!app->res_ok)
		app_message(app, true, "%s", err.msg);
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
}

int app_init_scenario(struct ui_app *app, const struct scenario *sc, const char *path)
{
	struct cd_err err;
	struct scenario a, b;

	if (scenario_copy(&a, sc) != 0)
		return -1;
	if (scenario_copy(&b, sc) != 0) {
		scenario_done(&a);
		return -1;
	}
	if (budget_eval(&b.in, &app->base_res, &err) != 0)
		memset(&app->base_res, 0, sizeof app->base_res);
	scenario_done(&app->sc);
	scenario_done(&app->base);
	app->sc = a;
	app->base = b;
	snprintf(app->path, sizeof app->path, "%s", path ? path : "");
	app->have_st = path && stat(path, &app->st) == 0;
	undo_done(&app->undo);
	app->unsaved = false;
	app->sel = 0;
	app->scroll = 0;
	app->sel_before_present = -1;
	app_rebuild_items(app);
	app_recompute(app);
	app->dirty |= UI_DIRTY_LAYOUT;
	return 0;
}

int app_load_scenario(struct ui_app *app, const char *path, struct cd_errlist *errs)
{
	struct scenario sc;
	int rc;

	memset(&sc, 0, sizeof sc);
	if (scenario_load(path, &sc, errs) != 0) {
		scenario_done(&sc);
		return -1;
	}
	rc = app_init_scenario(app, &sc, path);
	scenario_done(&sc);
	return rc == 0 ? 0 : -2;
}

bool app_modified(const struct ui_app *app)
{
	if (app->unsaved)
		return true;
	for (int i = 0; i < app->nitems; i++)
		if (!measured_is_epochs(app->item[i].key) &&
		    budget_get(&app->sc.in, app->item[i].key) !=
		            budget_get(&app->base.in, app->item[i].key))
			return true;
	return false;
}

bool app_set(struct ui_app *app, struct budget_key k, int64_t v, bool record)
{
	struct cd_err err;
	int64_t old = budget_get(&app->sc.in, k);
	bool was = app_modified(app);

	if (measured_is_epochs(k))
		return measured_set_epochs(app, v, record);
	if (v == old)
		return false;
	if (budget_set(&app->sc.in, k, v, &err) != 0) {
		app_field_error(app, k, err.msg);
		return false;
	}
	if (record && undo_push(&app->undo, (struct undo_entry){k, old, v}) != 0)
		app_message(app, true, "out of memory: this change cannot be undone");
	app_recompute(app);
	if (was != app_modified(app))
		app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_RUN; /* titles show '*' */
	return true;
}

struct slider_spec app_spec(const struct ui_app *app, struct budget_key k)
{
	struct scenario_range r;
	const struct budget_field *f;
	struct slider_spec s;

	if (measured_is_epochs(k))
		return measured_epochs_spec();
	r = scenario_range_for(&app->sc, k);
	f = budget_field_get(k.id);
	s.min = r.min;
	s.max = r.max > r.min ? r.max : r.min + 1;
	s.step = r.step > 0 ? r.step : 1;
	s.log = f->log_scale;
	s.fine = f->unit == BUDGET_UNIT_MICROS;
	return s;
}

const char *app_label(const struct ui_app *app, struct budget_key k, char *buf, size_t size)
{
	const struct budget_field *f = budget_field_get(k.id);
	const char *role = k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY
	                           ? app->sc.in.roles[k.role].name
	                           : NULL;

	if (measured_is_epochs(k))
		snprintf(buf, size, "Epochs (run)");
	else if (k.id == BF_ROLE_COUNT)
		snprintf(buf, size, "%s", role);
	else if (k.id == BF_SAMPLES)
		snprintf(buf, size, "Dataset (samples)");
	else if (k.id == BF_ALPHA)
		snprintf(buf, size, "%s allocation", app->utf8 ? "α" : "alpha");
	else if (k.id == BF_ROLE_SALARY)
		snprintf(buf, size, "%s salary/mo", role);
	else
		snprintf(buf, size, "%s", f->label);
	return buf;
}

/* α with two decimals at least, wherever the dashboard shows it ("0.30",
 * "1.00", "0.125"): the model's text ("0.3", "1") padded, not recomputed. */
static char *alpha_str(int64_t v, char *buf, size_t size)
{
	const char *dot;
	size_t len;

	budget_value_str(BUDGET_UNIT_ALPHA, v, buf, size);
	dot = strchr(buf, '.');
	len = strlen(buf);
	if (!dot && len + 3 < size)
		strcat(buf, ".00");
	else if (dot && strlen(dot) == 2 && len + 1 < size)
		strcat(buf, "0");
	return buf;
}

char *app_value_edit(const struct ui_app *app, struct budget_key k, char *buf, size_t size)
{
	const struct budget_field *f = budget_field_get(k.id);
	int64_t v = app_get(app, k);

	if (!f) /* epochs */
		return count_format(v, buf, size);
	if (f->unit == BUDGET_UNIT_ALPHA)
		return alpha_str(v, buf, size);
	return budget_value_str(f->unit, v, buf, size);
}

/* A model message about field k, "compute.gpus: expected …", said once with
 * both names: "GPUs (compute.gpus): expected …". */
void app_field_error(struct ui_app *app, struct budget_key k, const char *msg)
{
	char label[96], name[64];
	size_t n;

	app_label(app, k, label, sizeof label);
	budget_key_name(k, name, sizeof name);
	n = strlen(name);
	if (strncmp(msg, name, n) == 0 && msg[n] == ':')
		msg += n + 1 + (msg[n + 1] == ' ');
	app_message(app, true, "%s (%s): %s", label, name, msg);
}

char *app_value_str(const struct ui_app *app, struct budget_key k, char *buf, size_t size)
{
	const struct budget_field *f = budget_field_get(k.id);
	int64_t v = app_get(app, k);

	if (!f) /* epochs */
		return count_format(v, buf, size);
	switch (f->unit) {
	case BUDGET_UNIT_CENTS:
		return money_format(v, v % 100 ? MONEY_CENTS : MONEY_WHOLE, buf, size);
	case BUDGET_UNIT_MICROS: /* a price: every digit it has, "$0.000002" */
		return price_format(v, buf, size);
	case BUDGET_UNIT_ALPHA:
		return alpha_str(v, buf, size);
	case BUDGET_UNIT_MONTHS:
	case BUDGET_UNIT_COUNT:
	default:
		return count_format(v, buf, size);
	}
}

static void typed_value(struct ui_app *app, const char *text, int answer)
{
	struct budget_key k = app->item[app->sel].key;
	const struct budget_field *f = budget_field_get(k.id);
	struct cd_err err;
	int64_t v;
	char label[96], val[64];

	(void)answer;
	if (!text)
		return;
	app_label(app, k, label, sizeof label);
	if (budget_value_parse(text, f ? f->unit : BUDGET_UNIT_COUNT, &v, &err) != 0) {
		app_field_error(app, k, err.msg);
		return;
	}
	if (app_set(app, k, v, true))
		app_message(app, false, "%s set to %s", label,
		            app_value_str(app, k, val, sizeof val));
}

static void quit_answer(struct ui_app *app, const char *text, int answer)
{
	(void)text;
	if (answer == 'y' || answer == 'Y') {
		app->quit = true;
	} else if (answer == 's') {
		files_save(app, false);
		if (!app_modified(app))
			app->quit = true;
	}
}

void app_quit(struct ui_app *app)
{
	if (pane_run_quit_asks(app))
		return;
	if (!app_modified(app)) {
		app->quit = true;
		return;
	}
	prompt_yesno(app, "Unsaved changes. Quit without saving? y/N (s: save and quit)",
	             quit_answer);
}

static void step_selected(struct ui_app *app, int n, int end)
{
	struct budget_key k = app->item[app->sel].key;
	struct slider_spec s = app_spec(app, k);
	int64_t v = app_get(app, k);

	if (end < 0)
		v = s.min;
	else if (end > 0)
		v = s.max;
	else
		v = slider_step(&s, v, n);
	app_set(app, k, v, true);
}

static void apply_undo(struct ui_app *app, bool redo)
{
	struct undo_entry e;
	struct cd_err err;

	if (!(redo ? undo_forward(&app->undo, &e) : undo_back(&app->undo, &e))) {
		app_message(app, false, redo ? "nothing to redo" : "nothing to undo");
		return;
	}
	if (measured_is_epochs(e.key)) {
		measured_set_epochs(app, redo ? e.after : e.before, false);
	} else if (budget_set(&app->sc.in, e.key, redo ? e.after : e.before, &err) != 0) {
		/* the value was valid before, so this cannot fail; report it if it does */
		app_message(app, true, "%s", err.msg);
		return;
	}
	for (int i = 0; i < app->nitems; i++)
		if (app->item[i].key.id == e.key.id && app->item[i].key.role == e.key.role)
			app->sel = i;
	app_recompute(app);
	app->dirty |= UI_DIRTY_RUN;
}

static void type_selected(struct ui_app *app)
{
	struct budget_key k = app->item[app->sel].key;
	char label[96], val[64], title[200];

	app_label(app, k, label, sizeof label);
	app_value_edit(app, k, val, sizeof val);
	snprintf(title, sizeof title, "%s: ", label);
	prompt_text(app, title, val, typed_value);
}

/* In presentation mode the selection is on a slider on screen: the first
 * shown one at or above it, else the first shown.  False when none shows. */
bool app_present_select(struct ui_app *app)
{
	for (int i = app->sel; i >= 0; i--)
		if (present_visible(app, i)) {
			app->sel = i;
			return true;
		}
	for (int i = 0; i < app->nitems; i++)
		if (present_visible(app, i)) {
			app->sel = i;
			return true;
		}
	return false;
}

/* P moves the selection onto a shown slider and remembers from where;
 * leaving P puts it back unless the person selected something else. */
static void present_selection(struct ui_app *app)
{
	if (app->present) {
		layout_compute(app->cols, app->rows, app->tab, true, &app->lay);
		app->sel_before_present = app->sel;
		app_present_select(app);
		app->sel_in_present = app->sel;
		return;
	}
	if (app->sel_before_present >= 0 && app->sel == app->sel_in_present &&
	    app->sel_before_present < app->nitems)
		app->sel = app->sel_before_present;
	app->sel_before_present = -1;
}

void app_do(struct ui_app *app, enum ui_action a)
{

	switch (a) {
	case UA_SEL_UP:
	case UA_SEL_DOWN:
		/* presentation mode shows only some sliders: skip the rest */
		for (int i = 0; i < app->nitems; i++) {
			int d = a == UA_SEL_UP ? app->nitems - 1 : 1;

			app->sel = (app->sel + d) % app->nitems;
			if (!app->present || present_visible(app, app->sel))
				break;
		}
		app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
		break;
	case UA_DEC:
	case UA_INC:
	case UA_DEC10:
	case UA_INC10:
	case UA_MIN:
	case UA_MAX:
	case UA_TYPE:
		if (app->present && !present_visible(app, app->sel) && !app_present_select(app)) {
			app_message(app, true,
			            "no slider fits on screen: enlarge the terminal or "
			            "press P");
			break;
		}
		if (a == UA_MIN || a == UA_MAX) {
			step_selected(app, 0, a == UA_MIN ? -1 : 1);
			break;
		}
		if (a == UA_TYPE) {
			type_selected(app);
			break;
		}
		step_selected(app,
		              (a == UA_DEC || a == UA_DEC10 ? -1 : 1) *
		                      (a == UA_DEC10 || a == UA_INC10 ? 10 : 1),
		              0);
		break;
	case UA_UNDO:
	case UA_REDO:
		apply_undo(app, a == UA_REDO);
		break;
	case UA_SAVE:
	case UA_SAVE_AS:
		files_save(app, a == UA_SAVE_AS);
		break;
	case UA_OPEN:
		files_open(app);
		break;
	case UA_THEME:
		ui_theme_cycle(app);
		break;
	case UA_PRESENT:
		app->present = !app->present;
		app->dirty |= UI_DIRTY_LAYOUT;
		present_selection(app);
		break;
	case UA_SUSPEND:
		/* as the terminal's own Ctrl-Z would: loop.c suspends on the signal */
		raise(SIGTSTP);
		break;
	case UA_HELP:
		app->help = !app->help;
		app->help_top = 0;
		app->dirty |= UI_DIRTY_LAYOUT;
		break;
	case UA_TAB:
		app->tab = app->tab == UI_PANE_BUDGET ? UI_PANE_RUN : UI_PANE_BUDGET;
		app->dirty |= UI_DIRTY_LAYOUT;
		break;
	case UA_REDRAW:
		app->dirty |= UI_DIRTY_LAYOUT | UI_DIRTY_FULL;
		break;
	case UA_QUIT:
		app_quit(app);
		break;
	case UA_RUN_START:
	case UA_RUN_COMMAND:
	case UA_RUN_LIST:
	case UA_RUN_PAUSE:
	case UA_RUN_STOP:
	case UA_RUN_RESTART:
	case UA_RUN_SMOOTH_LESS:
	case UA_RUN_SMOOTH_MORE:
	case UA_RUN_LOGY:
	case UA_RUN_FULLY:
	case UA_RUN_GPUS:
		pane_run_do(app, a);
		break;
	case UA_NONE:
	case UA__COUNT:
		break;
	}
}
