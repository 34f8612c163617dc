/* tornado.c — each input F depends on moved down and up by P%, F at both
 * ends, sorted by swing (tornado.h says how each unit moves and why).
 *
 * Every figure is an exact budget_eval of a copy of the input with one
 * field changed.  Must not do I/O or floating point.  Start at
 * tornado_compute().
 */
#include "capdash/tornado.h"
#include "model_int.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <stdlib.h>
#include <string.h>

/* F with k set to v; -1 when the plan does not evaluate there. */
static int capital_at(const struct budget_input *in, struct budget_key k, int64_t v,
                      int64_t *capital)
{
	struct budget_input tmp = *in;
	struct budget_result r;
	struct cd_err scratch;

	if (budget_set(&tmp, k, v, &scratch) < 0 || budget_eval(&tmp, &r, &scratch) < 0)
		return -1;
	*capital = r.capital;
	return 0;
}

/* The value nearest to `to`, going from `from` (which evaluates), at which
 * the plan still evaluates.  The valid values are an interval around the
 * current one (the limits are monotone in each input), so bisection finds
 * its end. */
static int64_t reach(const struct budget_input *in, struct budget_key k, int64_t from, int64_t to,
                     int64_t *capital)
{
	int64_t good = from, bad = to, c;

	if (capital_at(in, k, to, capital) == 0)
		return to;
	capital_at(in, k, from, capital);
	while (bad - good > 1 || good - bad > 1) {
		int64_t mid = good + (bad - good) / 2;

		if (capital_at(in, k, mid, &c) == 0) {
			good = mid;
			*capital = c;
		} else {
			bad = mid;
		}
	}
	return good;
}

static bool month_position(enum budget_field_id id)
{
	return id == BF_PURCHASE_MONTH || id == BF_RENT_FROM || id == BF_RENT_TO ||
	       id == BF_DATA_FROM || id == BF_DATA_TO || id == BF_ROLE_START || id == BF_ROLE_END ||
	       id == BF_COST_FROM || id == BF_COST_TO;
}

/* A month position's 0 read as the month it stands for (a start: 1, an
 * end: the horizon's last), so that it moves from where the plan is. */
static int64_t effective(const struct budget_input *in, struct budget_key k)
{
	int64_t v = budget_get(in, k);

	if (v || !month_position(k.id))
		return v;
	switch (k.id) {
	case BF_RENT_TO:
	case BF_DATA_TO:
	case BF_ROLE_END:
	case BF_COST_TO:
		return in->months;
	default:
		return 1;
	}
}

/* P% of |v| (step in tenths of a percent) in the field's unit: exact
 * fraction num/1000 rounded as the unit wants.  *rounded: it was not whole. */
static int64_t move_by(int64_t v, int step, enum budget_unit unit, bool *rounded)
{
	int64_t a = v < 0 ? -v : v;
	int64_t down = a / 1000 * step + a % 1000 * step / 1000; /* floor(a × step / 1000) */
	bool exact = a % 1000 * step % 1000 == 0;

	*rounded = !exact;
	if (unit == BUDGET_UNIT_COUNT)
		return exact ? down : down + 1;  /* whole units, away from zero */
	return model_scale_round(a, step, 1000); /* to the unit (or month), half away */
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi, bool *clamped)
{
	*clamped = v < lo || v > hi;
	return v < lo ? lo : v > hi ? hi : v;
}

static int item(const struct budget_input *in, struct budget_key k, int step,
                struct tornado_item *it, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	int64_t v = effective(in, k), d, lo = f->min, hi = f->max, to, c;
	bool cl;

	memset(it, 0, sizeof *it);
	it->key = k;
	it->value = v;
	it->whole = f->unit == BUDGET_UNIT_COUNT || f->unit == BUDGET_UNIT_MONTHS;
	if (month_position(k.id)) {
		lo = 1;
		hi = in->months > 1 ? in->months : 1;
	}
	if (capital_at(in, k, v, &c) < 0) /* v itself is the plan: it evaluates */
		return budget_eval(in, &(struct budget_result){0}, err) < 0 ? -1 : 0;
	d = move_by(v, step, f->unit, &it->rounded);
	if (!it->whole)
		it->rounded = false; /* money and ratios move exactly to their unit */

	to = clamp(v - d, lo, hi, &it->low_clamped);
	it->low_value = reach(in, k, v, to, &it->low_capital);
	it->low_clamped |= it->low_value != to;
	to = clamp(v + d, lo, hi, &cl);
	it->high_value = reach(in, k, v, to, &it->high_capital);
	it->high_clamped = cl || it->high_value != to;
	it->swing = it->high_capital - it->low_capital;
	if (it->swing < 0)
		it->swing = -it->swing;
	return 0;
}

/* Stable: by swing, largest first; equal swings keep the table's order
 * (insertion sort; a few hundred items at most). */
static void sort_items(struct tornado_item *it, int n)
{
	for (int i = 1; i < n; i++) {
		struct tornado_item x = it[i];
		int j = i;

		while (j > 0 && it[j - 1].swing < x.swing) {
			it[j] = it[j - 1];
			j--;
		}
		it[j] = x;
	}
}

int tornado_compute(const struct budget_input *in, int step, struct tornado_item *out, int max,
                    int64_t *capital, struct cd_err *err)
{
	struct budget_result base;
	struct budget_key keys[BUDGET_SENS_MAX];
	int n;

	if (step < TORNADO_STEP_MIN || step > TORNADO_STEP_MAX)
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0,
		                  "the step must be from 1%% to 100%% (one decimal at most), got "
		                  "%d.%d%%",
		                  step / 10, abs(step % 10));
	if (budget_eval(in, &base, err) < 0)
		return -1;
	n = model_keys_moving_f(in, keys, max < BUDGET_SENS_MAX ? max : BUDGET_SENS_MAX);
	for (int i = 0; i < n; i++)
		if (item(in, keys[i], step, &out[i], err) < 0)
			return -1;
	sort_items(out, n);
	if (capital)
		*capital = base.capital;
	return n;
}

int tornado_step_parse(const char *s, int *step, struct cd_err *err)
{
	const char *p = s;
	int64_t v = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && v < 100000) {
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	v *= 10;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		v += p[1] - '0';
		p += 2;
	}
	if (*p == '%')
		p++;
	if (!digits || *p || v < TORNADO_STEP_MIN || v > TORNADO_STEP_MAX)
		return cd_err_set(
		        err, CD_ERR_USAGE, NULL, 0, 0,
		        "--step: expected a percentage from 1%% to 100%% with at most one "
		        "decimal (10, 10%%, 2.5%%), got '%s'",
		        s);
	*step = (int)v;
	return 0;
}

char *tornado_step_str(int step, char *buf, size_t size)
{
	if (step % 10)
		snprintf(buf, size, "%d.%d%%", step / 10, step % 10);
	else
		snprintf(buf, size, "%d%%", step / 10);
	return buf;
}

int64_t tornado_reach(const struct tornado_item *it, int n, int64_t capital)
{
	int64_t top = 0;

	/* Both ends lie within [0, 8.71e18] (budget_eval's F), so each
	 * difference and its magnitude fit. */
	for (int i = 0; i < n; i++) {
		int64_t lo = it[i].low_capital - capital, hi = it[i].high_capital - capital;

		lo = lo < 0 ? -lo : lo;
		hi = hi < 0 ? -hi : hi;
		top = lo > top ? lo : top;
		top = hi > top ? hi : top;
	}
	return top;
}
