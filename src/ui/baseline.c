/* baseline.c — b pins the plan on screen as the baseline, B clears it.
 *
 * While pinned, the budget pane shows every input's and figure's change
 * against the pinned input instead of against the loaded scenario.  The
 * changes come from the model (budget_diff_figures, budget_diff_value); this
 * file only words them: a sign every reader sees ("+" / "−", "-" in ASCII,
 * so mono reads them) and whether the change is good (colour).  The baseline
 * is no undo step and undo does not move it.  Start at baseline_pin.
 */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "capdash/diff.h"

void baseline_pin(struct ui_app *app)
{
	time_t now = time(NULL);
	struct tm tm;
	bool again = app->bl_on;

	app->bl_in = app->sc.in;
	app->bl_on = true;
	if (localtime_r(&now, &tm))
		strftime(app->bl_time, sizeof app->bl_time, "%H:%M", &tm);
	else
		snprintf(app->bl_time, sizeof app->bl_time, "%s", _("now"));
	app_message(app, false,
	            again ? _("baseline pinned again at %s: changes now count from here (B clears)")
	                  : _("baseline pinned at %s: every change shows against it (B clears)"),
	            app->bl_time);
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
}

void baseline_clear(struct ui_app *app)
{
	if (!app->bl_on) {
		app_message(app, false, _("no baseline pinned (b pins one)"));
		return;
	}
	app->bl_on = false;
	app_message(app, false, _("baseline cleared: changes show against the loaded scenario"));
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
}

bool baseline_delta(const struct ui_app *app, struct budget_diff_delta *out)
{
	return app->bl_on &&
	       budget_diff_figures(&app->bl_in, &app->sc.in, NULL, NULL, out, NULL) == 0;
}

/* The sign a reader sees: "−" (U+2212) where UTF-8 is on, else "-". */
static void put_sign(const struct ui_app *app, const char *text, char *buf, size_t size)
{
	if (text[0] == '-' && app->utf8)
		snprintf(buf, size, "−%s", text + 1);
	else
		snprintf(buf, size, "%s", text);
}

char *baseline_money(const struct ui_app *app, int64_t cents, enum money_style style, char *buf,
                     size_t size)
{
	char d[48];

	put_sign(app, money_format_delta(cents, style, d, sizeof d), buf, size);
	return buf;
}

/* Inputs where more is better for the plan: α (less capital for the same
 * costs), the cash, a later start (fewer months paid).  For the rest, more
 * costs more. */
static bool more_is_good(enum budget_field_id id)
{
	switch (id) {
	case BF_ALPHA:
	case BF_SCALING_EFFICIENCY:
	case BF_RAISED:
	case BF_CASH_AT_START:
	case BF_ROLE_START:
	case BF_RENT_FROM:
	case BF_COST_FROM:
	case BF_DATA_FROM:
		return true;
	default:
		return false;
	}
}

int baseline_input_delta(const struct ui_app *app, struct budget_key k, char *buf, size_t size,
                         bool *good)
{
	const struct budget_field *f = budget_field_get(k.id);
	char m[48], t[56];
	int64_t d;

	buf[0] = '\0';
	*good = false;
	if (!app->bl_on || !f || measured_is_epochs(k))
		return 0;
	d = budget_diff_value(&app->bl_in, &app->sc.in, k);
	if (d == 0)
		return 0;
	switch (f->unit) {
	case BUDGET_UNIT_CENTS:
		/* cents only where the amount has them; the raise follows F to
		 * the cent, but reads in whole dollars beside F's own change */
		money_format_delta(
		        d, ui_money(d % 100 && k.id != BF_RAISED ? MONEY_CENTS : MONEY_WHOLE), t,
		        sizeof t);
		if (glyphs_width(t) > APP_VALUE_W)
			money_format_delta(d, ui_money(MONEY_COMPACT), t, sizeof t);
		break;
	case BUDGET_UNIT_MICROS:
		snprintf(t, sizeof t, "%s%s", d < 0 ? "-" : "+",
		         price_format(d < 0 ? -d : d, m, sizeof m));
		break;
	case BUDGET_UNIT_ALPHA:
		snprintf(t, sizeof t, "%s%s", d < 0 ? "-" : "+",
		         budget_value_display(BUDGET_UNIT_ALPHA, d < 0 ? -d : d, m, sizeof m));
		break;
	default:
		snprintf(t, sizeof t, "%s%s", d < 0 ? "-" : "+",
		         count_format(d < 0 ? -d : d, m, sizeof m));
	}
	put_sign(app, t, buf, size);
	*good = (d > 0) == more_is_good(k.id);
	return d > 0 ? 1 : -1;
}
