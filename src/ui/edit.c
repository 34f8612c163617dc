/* edit.c — the plan's lists edited in the dashboard: + adds a role or a
 * cost line (asks which, then its name; a cost line then asks monthly or
 * once), - removes the selected one, r on its row (or F2 anywhere) renames
 * it.
 *
 * Each edit is one undo step holding the whole input before and after
 * (app_record_input, undo.c), so u and Ctrl-R give back names, order and
 * values exactly.  The list edits themselves are the model's
 * (budget_role_add, budget_cost_remove, ...); nothing here computes money.
 * Questions go through prompt.c, and its callbacks do the edit.  Start at
 * edit_add.
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

bool edit_line_at(const struct ui_app *app, int i, bool *cost, int *idx)
{
	struct budget_key k;
	bool is_cost;

	if (i < 0 || i >= app->nitems)
		return false;
	k = app->item[i].key;
	is_cost = k.id == BF_COST_AMOUNT || k.id == BF_COST_FROM || k.id == BF_COST_TO;
	if (!is_cost && k.id != BF_ROLE_COUNT && k.id != BF_ROLE_SALARY && k.id != BF_ROLE_START &&
	    k.id != BF_ROLE_END)
		return false;
	if (cost)
		*cost = is_cost;
	if (idx)
		*idx = k.role;
	return true;
}

static const char *dash(const struct ui_app *app)
{
	return app->utf8 ? "—" : "-";
}

/* text without its leading and trailing blanks, cut to fit size bytes at
 * a character boundary (a name is at most BUDGET_ROLE_NAME_MAX - 1 bytes). */
static void name_of(const char *text, char *out, size_t size)
{
	size_t n;

	while (*text == ' ' || *text == '\t')
		text++;
	n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* text[n], the first byte left out, began a character */
	}
	memcpy(out, text, n);
	out[n] = 0;
}

static const char *line_name(const struct ui_app *app, bool cost, int idx)
{
	return cost ? app->sc.in.costs[idx].name : app->sc.in.roles[idx].name;
}

/* After an edit: the undo step, the list, the figures, the new row selected. */
static void edited(struct ui_app *app, struct budget_key k, const struct budget_input *before,
                   const char *what)
{
	app_record_input(app, k, before, what);
	app_input_changed(app);
	for (int i = 0; i < app->nitems; i++)
		if (app->item[i].key.id == k.id && app->item[i].key.role == k.role) {
			app_select(app, i);
			break;
		}
}

/* ---- + ---- */

static void add_role_named(struct ui_app *app, const char *text, int answer)
{
	struct budget_input before = app->sc.in;
	char name[BUDGET_ROLE_NAME_MAX], what[96], salary[48];
	struct cd_err err;
	int idx;

	(void)answer;
	if (!text) {
		app_message(app, false, _("nothing added"));
		return;
	}
	name_of(text, name, sizeof name);
	if (!name[0]) {
		app_message(app, true, _("a role needs a name: nothing added"));
		return;
	}
	idx = budget_role_add(&app->sc.in, name, &err);
	if (idx < 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	/* The model adds it at $0 a month, where its count would move nothing:
	 * it starts at the salary of the role above it (a value copied, not
	 * computed; one undo step with the add). */
	if (idx > 0) {
		struct budget_key above = {BF_ROLE_SALARY, idx - 1}, its = {BF_ROLE_SALARY, idx};

		budget_set(&app->sc.in, its, budget_get(&app->sc.in, above), &err);
		app_value_str(app, its, salary, sizeof salary);
	}
	snprintf(what, sizeof what, _("added role %s"), name);
	edited(app, (struct budget_key){BF_ROLE_COUNT, idx}, &before, what);
	if (idx > 0)
		app_message(app, false,
		            _("added %s at %s/mo like %s %s %s sets how many, u undoes"), name,
		            salary, app->sc.in.roles[idx - 1].name, dash(app),
		            app->utf8 ? "←→" : "Left/Right");
	else
		app_message(app, false,
		            _("added %s %s %s sets how many, its salary is under Prices"), name,
		            dash(app), app->utf8 ? "←→" : "Left/Right");
}

static void add_cost_kind(struct ui_app *app, const char *text, int answer)
{
	struct budget_input before = app->sc.in;
	char what[96];
	struct cd_err err;
	bool monthly;
	int idx;

	(void)text;
	if (answer == 'm' || answer == 'M' || answer == '\n' || answer == '\r' ||
	    answer == KEY_ENTER)
		monthly = true;
	else if (answer == 'o' || answer == 'O')
		monthly = false;
	else {
		app_message(app, false, _("nothing added"));
		return;
	}
	idx = budget_cost_add(&app->sc.in, app->edit_name, monthly, &err);
	if (idx < 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	snprintf(what, sizeof what, _("added cost line %s"), app->edit_name);
	edited(app, (struct budget_key){BF_COST_AMOUNT, idx}, &before, what);
	app_message(app, false,
	            _("added %s (%s) %s Enter types its amount (- for a credit), u undoes"),
	            app->edit_name, monthly ? _("per month") : _("once"), dash(app));
}

static void add_cost_named(struct ui_app *app, const char *text, int answer)
{
	char q[160];

	(void)answer;
	if (!text) {
		app_message(app, false, _("nothing added"));
		return;
	}
	name_of(text, app->edit_name, sizeof app->edit_name);
	if (!app->edit_name[0]) {
		app_message(app, true, _("a cost line needs a name: nothing added"));
		return;
	}
	snprintf(q, sizeof q, "%s: paid monthly or once? (m/o, Enter: monthly)", app->edit_name);
	prompt_yesno(app, q, add_cost_kind);
}

static void add_kind(struct ui_app *app, const char *text, int answer)
{
	(void)text;
	if (answer == 'r' || answer == 'R') {
		if (app->sc.in.nroles >= BUDGET_MAX_ROLES) {
			app_message(app, true,
			            _("a plan has at most %d roles: remove one (-) first"),
			            BUDGET_MAX_ROLES);
			return;
		}
		prompt_text(app, _("name of the new role: "), "", add_role_named);
	} else if (answer == 'c' || answer == 'C') {
		if (app->sc.in.ncosts >= BUDGET_MAX_COSTS) {
			app_message(app, true,
			            _("a plan has at most %d cost lines: remove one (-) first"),
			            BUDGET_MAX_COSTS);
			return;
		}
		prompt_text(app, _("name of the new cost line: "), "", add_cost_named);
	} else {
		app_message(app, false, _("nothing added"));
	}
}

void edit_add(struct ui_app *app)
{
	prompt_yesno(app, _("add a role or a cost line? (r/c)"), add_kind);
}

/* ---- - ---- */

void edit_remove(struct ui_app *app)
{
	struct budget_input before = app->sc.in;
	char name[BUDGET_COST_NAME_MAX], what[96];
	bool cost;
	int idx, rc;

	if (!edit_line_at(app, app->sel, &cost, &idx)) {
		app_message(app, false, _("- removes a role or a cost line: select its row first"));
		return;
	}
	snprintf(name, sizeof name, "%s", line_name(app, cost, idx));
	rc = cost ? budget_cost_remove(&app->sc.in, idx) : budget_role_remove(&app->sc.in, idx);
	if (rc != 0) {
		app_message(app, true, _("%s was not removed"), name);
		return;
	}
	snprintf(what, sizeof what, _("removed %s"), name);
	/* the selection stays where it was: on the next role or line */
	app_record_input(app, app->item[app->sel].key, &before, what);
	app_input_changed(app);
	app_message(app, false, _("removed %s %s u to undo"), name, dash(app));
}

/* ---- rename ---- */

static void renamed(struct ui_app *app, const char *text, int answer)
{
	struct budget_input before = app->sc.in;
	char name[BUDGET_COST_NAME_MAX], old[BUDGET_COST_NAME_MAX], what[96];
	char *dst;
	bool cost;
	int idx;

	(void)answer;
	if (!text || !edit_line_at(app, app->sel, &cost, &idx))
		return;
	snprintf(old, sizeof old, "%s", line_name(app, cost, idx));
	name_of(text, name, cost ? BUDGET_COST_NAME_MAX : BUDGET_ROLE_NAME_MAX);
	if (!name[0]) {
		app_message(app, true, _("a name cannot be empty: %s keeps its name"), old);
		return;
	}
	if (strcmp(name, old) == 0)
		return;
	dst = cost ? app->sc.in.costs[idx].name : app->sc.in.roles[idx].name;
	memset(dst, 0, cost ? BUDGET_COST_NAME_MAX : BUDGET_ROLE_NAME_MAX);
	memcpy(dst, name, strlen(name));
	snprintf(what, sizeof what, _("renamed %.40s to %.40s"), old, name);
	app_record_input(app, app->item[app->sel].key, &before, what);
	app_input_changed(app);
	app_message(app, false, _("renamed %s to %s %s u to undo"), old, name, dash(app));
}

void edit_rename(struct ui_app *app)
{
	char label[80];
	bool cost;
	int idx;

	if (!edit_line_at(app, app->sel, &cost, &idx)) {
		app_message(app, false,
		            _("F2 renames a role or a cost line: select its row first"));
		return;
	}
	snprintf(label, sizeof label, _("rename %s: "), cost ? _("cost line") : _("role"));
	prompt_text(app, label, line_name(app, cost, idx), renamed);
}
