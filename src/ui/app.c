/* app.c — the dashboard's state changes: load a scenario, change one input
 * (with undo), recompute through the model, and what each key action does.
 *
 * Handlers here only change state and set dirty bits; nothing is drawn (that
 * is loop.c's render, once per iteration).  No money arithmetic: every figure
 * comes from budget_eval and every delta from budget_delta.
 */
#include "ui_int.h"
#include "seek_form.h"

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
	if (app->cur_role >= in->nroles)
		app->cur_role = in->nroles > 0 ? in->nroles - 1 : 0;
	if (app->cur_role < 0)
		app->cur_role = 0;
	add_item(app, BF_GPUS, 0, UI_ITEM_SLIDER, true);
	add_item(app, BF_SAMPLES, 0, UI_ITEM_SLIDER, true);
	if (app->meas.run)
		add_item(app, measured_epochs_key().id, 0, UI_ITEM_SLIDER, false);
	for (int r = 0; r < in->nroles; r++) {
		add_item(app, BF_ROLE_COUNT, r, UI_ITEM_SLIDER, r == 0);
		/* one start-month row, under the role last selected: the list
		 * does not grow by a row per role */
		if (r == app->cur_role)
			add_item(app, BF_ROLE_START, r, UI_ITEM_SLIDER, false);
	}
	for (int c = 0; c < in->ncosts; c++)
		add_item(app, BF_COST_AMOUNT, c, UI_ITEM_SLIDER, false);
	add_item(app, BF_ALPHA, 0, UI_ITEM_SLIDER, true);
	add_item(app, BF_RAISED, 0, UI_ITEM_SLIDER, false);
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

bool app_r_renames(const struct ui_app *app)
{
	return !app->present && app->tab == UI_PANE_BUDGET && app->sel < app->nitems &&
	       edit_line_at(app, app->sel, NULL, NULL);
}

void app_select(struct ui_app *app, int i)
{
	struct budget_key k;
	bool renamed_before = app_r_renames(app);

	if (i < 0 || i >= app->nitems)
		return;
	app->sel = i;
	/* the run pane's hint says what r does: keep it true */
	if (app_r_renames(app) != renamed_before)
		app->dirty |= UI_DIRTY_RUN;
	k = app->item[i].key;
	if ((k.id == BF_ROLE_COUNT || k.id == BF_ROLE_SALARY) && k.role != app->cur_role) {
		app->cur_role = k.role;
		app_rebuild_items(app); /* the start-month row moves; sel follows k */
	}
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
}

int64_t app_get(const struct ui_app *app, struct budget_key k)
{
	int64_t v;

	if (measured_is_epochs(k))
		return app->meas.epochs;
	v = budget_get(&app->sc.in, k);
	/* a start left at its default (0) is month 1, as the model reads it */
	if (k.id == BF_ROLE_START && v == 0)
		v = 1;
	return v;
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
	/* the same input month by month: the headline's runway, P, the view */
	app->tl_ok = app->res_ok && timeline_eval(&app->sc.in, &app->tl, &err) == 0;
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT | (app->timeline ? UI_DIRTY_RUN : 0);
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
	app->cur_role = 0;
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

static bool roles_same(const struct budget_role *a, const struct budget_role *b)
{
	return strcmp(a->name, b->name) == 0 && a->count == b->count &&
	       a->monthly_salary == b->monthly_salary && a->start_month == b->start_month &&
	       a->end_month == b->end_month;
}

static bool costs_same(const struct budget_cost *a, const struct budget_cost *b)
{
	return strcmp(a->name, b->name) == 0 && a->amount == b->amount &&
	       a->monthly == b->monthly && a->from == b->from && a->to == b->to &&
	       a->outside == b->outside;
}

/* Field by field (not memcmp: padding and the bytes after a name's end
 * may differ between equal inputs).  Lists compare names and order too:
 * a role added and removed again is no change. */
static bool inputs_same(const struct budget_input *a, const struct budget_input *b)
{
	if (a->gpus != b->gpus || a->gpu_unit_cost != b->gpu_unit_cost ||
	    a->gpu_hourly_cost != b->gpu_hourly_cost || a->samples != b->samples ||
	    a->label_cost != b->label_cost || a->months != b->months || a->alpha != b->alpha ||
	    a->fixed_costs != b->fixed_costs || a->scaling_efficiency != b->scaling_efficiency ||
	    a->compute_mode != b->compute_mode || a->purchase_month != b->purchase_month ||
	    a->rent_from != b->rent_from || a->rent_to != b->rent_to ||
	    a->hours_per_month != b->hours_per_month || a->utilisation != b->utilisation ||
	    a->data_spread != b->data_spread || a->data_from != b->data_from ||
	    a->data_to != b->data_to || a->raised_set != b->raised_set ||
	    (a->raised_set && a->raised != b->raised) || a->cash_at_start != b->cash_at_start ||
	    a->nroles != b->nroles || a->ncosts != b->ncosts)
		return false;
	for (int r = 0; r < a->nroles; r++)
		if (!roles_same(&a->roles[r], &b->roles[r]))
			return false;
	for (int c = 0; c < a->ncosts; c++)
		if (!costs_same(&a->costs[c], &b->costs[c]))
			return false;
	return true;
}

bool app_modified(const struct ui_app *app)
{
	return app->unsaved || !inputs_same(&app->sc.in, &app->base.in);
}

void app_input_changed(struct ui_app *app)
{
	app_rebuild_items(app);
	app_recompute(app);
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_RUN | UI_DIRTY_PRESENT; /* titles show '*' */
}

void app_record_input(struct ui_app *app, struct budget_key k, const struct budget_input *before,
                      const char *what)
{
	if (undo_push_input(&app->undo, k, before, &app->sc.in, what) != 0)
		app_message(app, true, _("out of memory: this change cannot be undone"));
}

void app_replace_input(struct ui_app *app, const struct budget_input *in, const char *what)
{
	struct budget_input before = app->sc.in;

	if (inputs_same(&before, in))
		return;
	app->sc.in = *in;
	app_record_input(app, app->item[app->sel].key, &before, what);
	app_input_changed(app);
}

bool app_set(struct ui_app *app, struct budget_key k, int64_t v, bool record)
{
	struct cd_err err;
	int64_t old;
	bool was = app_modified(app);
	/* The raise's first move leaves "= F" (raised_set): a value cannot say
	 * that, so that step keeps the whole input. */
	bool snap = k.id == BF_RAISED && !app->sc.in.raised_set;
	struct budget_input before;

	if (measured_is_epochs(k))
		return measured_set_epochs(app, v, record);
	old = budget_get(&app->sc.in, k); /* as stored: 0 for a default month */
	if (v == old || v == app_get(app, k))
		return false; /* as stored or as shown (0 and month 1 are one start) */
	if (snap)
		before = app->sc.in;
	if (budget_set(&app->sc.in, k, v, &err) != 0) {
		app_field_error(app, k, err.msg);
		return false;
	}
	if (record && snap)
		app_record_input(app, k, &before, "raise set");
	else if (record && undo_push(&app->undo, (struct undo_entry){k, old, v, NULL}) != 0)
		app_message(app, true, _("out of memory: this change cannot be undone"));
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
	/* a role's start: months 1 .. the horizon, following the months field */
	if (k.id == BF_ROLE_START && !app->sc.range[BF_ROLE_START].set)
		return (struct slider_spec){1, app->sc.in.months > 1 ? app->sc.in.months : 2, 1,
		                            false, false};
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
	const struct budget_cost *cost = k.id == BF_COST_AMOUNT ? &app->sc.in.costs[k.role] : NULL;

	if (measured_is_epochs(k))
		snprintf(buf, size, "%s", _("Epochs (run)"));
	else if (k.id == BF_ROLE_COUNT)
		snprintf(buf, size, "%s", role);
	else if (k.id == BF_ROLE_START) /* right under its role's count */
		snprintf(buf, size, "%s", _("  starts month"));
	else if (cost) /* the line's name, so a person knows which one */
		snprintf(buf, size, "%s%s", cost->name, cost->monthly ? _("/mo") : _(" once"));
	else if (k.id == BF_RAISED) /* until moved the raise is F itself */
		snprintf(buf, size, "%s", app->sc.in.raised_set ? _("Raise") : _("Raise = F"));
	else if (k.id == BF_SAMPLES)
		snprintf(buf, size, "%s", _("Dataset (samples)"));
	else if (k.id == BF_ALPHA)
		snprintf(buf, size, _("%s allocation"), app->utf8 ? "α" : "alpha");
	else if (k.id == BF_ROLE_SALARY)
		snprintf(buf, size, _("%s salary/mo"), role);
	else
		snprintf(buf, size, "%s", _(f->label));
	return buf;
}

/* The label in a prompt or a message, where no row above says whose start
 * month it is: "Data scientists start month", not "  starts month". */
static const char *text_label(const struct ui_app *app, struct budget_key k, char *buf, size_t size)
{
	if (k.id == BF_ROLE_START && k.role >= 0 && k.role < app->sc.in.nroles)
		snprintf(buf, size, _("%s start month"), app->sc.in.roles[k.role].name);
	else
		app_label(app, k, buf, size);
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

	text_label(app, k, label, sizeof label);
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
		/* the value column holds APP_VALUE_W cells: a raise of
		 * $29,666,666.67 shows as $29,666,667, $1,000,000,000 as $1.00B */
		money_format(v, ui_money(v % 100 ? MONEY_CENTS : MONEY_WHOLE), buf, size);
		if (glyphs_width(buf) > APP_VALUE_W)
			money_format(v, ui_money(MONEY_WHOLE), buf, size);
		if (glyphs_width(buf) > APP_VALUE_W)
			money_format(v, ui_money(MONEY_COMPACT), buf, size);
		return buf;
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

/* "F" typed for the raise: back to following F (one undo step). */
static void raise_follow_f(struct ui_app *app)
{
	struct budget_input before = app->sc.in;

	if (!app->sc.in.raised_set) {
		app_message(app, false, _("the raise already follows F"));
		return;
	}
	app->sc.in.raised_set = false;
	app_record_input(app, (struct budget_key){BF_RAISED, 0}, &before, "raise = F");
	app_input_changed(app);
	app_message(app, false, _("the raise follows F again"));
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
	text_label(app, k, label, sizeof label);
	while (*text == ' ')
		text++;
	if (k.id == BF_RAISED &&
	    (strcmp(text, "F") == 0 || strcmp(text, "=F") == 0 || strcmp(text, "= F") == 0)) {
		raise_follow_f(app);
		return;
	}
	if (budget_value_parse(text, f ? f->unit : BUDGET_UNIT_COUNT, &v, &err) != 0) {
		app_field_error(app, k, err.msg);
		return;
	}
	if (app_set(app, k, v, true))
		app_message(app, false, _("%s set to %s"), label,
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
	prompt_yesno(app, _("Unsaved changes. Quit without saving? y/N (s: save and quit)"),
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

/* The index of k's item, or -1 when it is not in the list. */
static int item_of(const struct ui_app *app, struct budget_key k)
{
	for (int i = 0; i < app->nitems; i++)
		if (app->item[i].key.id == k.id && app->item[i].key.role == k.role)
			return i;
	return -1;
}

static void apply_undo(struct ui_app *app, bool redo)
{
	struct undo_entry e;
	struct cd_err err;

	if (!(redo ? undo_forward(&app->undo, &e) : undo_back(&app->undo, &e))) {
		app_message(app, false, "%s", redo ? _("nothing to redo") : _("nothing to undo"));
		return;
	}
	if (e.snap) { /* a list edit: the whole input as it was */
		app->sc.in = redo ? e.snap->after : e.snap->before;
		app_input_changed(app);
		app_select(app, item_of(app, e.key));
		if (e.snap->what[0])
			app_message(app, false, "%s: %s", redo ? _("redone") : _("undone"),
			            e.snap->what);
		return;
	}
	if (measured_is_epochs(e.key)) {
		measured_set_epochs(app, redo ? e.after : e.before, false);
	} else if (budget_set(&app->sc.in, e.key, redo ? e.after : e.before, &err) != 0) {
		/* the value was valid before, so this cannot fail; report it if it does */
		app_message(app, true, "%s", err.msg);
		return;
	}
	app_select(app, item_of(app, e.key));
	app_recompute(app);
	app->dirty |= UI_DIRTY_RUN;
}

static void type_selected(struct ui_app *app)
{
	struct budget_key k = app->item[app->sel].key;
	char label[96], val[64], title[200];

	text_label(app, k, label, sizeof label);
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
	case UA_SEL_DOWN: {
		int to = app->sel;

		/* presentation mode shows only some sliders: skip the rest */
		for (int i = 0; i < app->nitems; i++) {
			int d = a == UA_SEL_UP ? app->nitems - 1 : 1;

			to = (to + d) % app->nitems;
			if (!app->present || present_visible(app, to))
				break;
		}
		app_select(app, to);
		break;
	}
	case UA_ADD:
	case UA_REMOVE:
	case UA_RENAME:
		if (app->present) {
			app_message(app, true,
			            _("presentation mode shows the plan: P leaves it to edit"));
			break;
		}
		if (a == UA_ADD)
			edit_add(app);
		else if (a == UA_REMOVE)
			edit_remove(app);
		else
			edit_rename(app);
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
			            _("no slider fits on screen: enlarge the terminal or "
			              "press P"));
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
	case UA_TIMELINE:
		pane_timeline_toggle(app);
		break;
	case UA_TORNADO:
		app->tornado = !app->tornado;
		app->dirty |= UI_DIRTY_BUDGET;
		break;
	case UA_SHOT:
		shot_screen(app);
		break;
	case UA_BASELINE_PIN:
		baseline_pin(app);
		break;
	case UA_BASELINE_CLEAR:
		baseline_clear(app);
		break;
	case UA_SEEK:
		seek_form_open(app);
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
		/* on a role's or cost line's row, with the budget in focus, r renames */
		if (app_r_renames(app)) {
			edit_rename(app);
			break;
		}
		pane_run_do(app, a);
		break;
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
