/* tornado.h — sensitivity for a tornado chart: each input that moves F
 * moved down and up by P%, F at both ends, sorted by swing.
 *
 * P is in tenths of a percent (TORNADO_STEP_DEFAULT == 100 == 10%), from
 * 1% to 100% (10..1000), so "2.5%" is 25.  How each unit moves:
 *   - money (cents), unit prices (micro-dollars) and ratios (α, utilisation
 *     in millionths): by exactly P% of the value, rounded half away from
 *     zero to the unit (a cent, a micro-dollar, a millionth);
 *   - counts (GPUs, samples, people, hours): by whole units, the P% rounded
 *     AWAY from zero, so 5 GPUs at 10% move to 4 and 6, never stay at 5;
 *     `whole` and `rounded` say so;
 *   - months: by whole months, the P% rounded half away from zero to the
 *     NEAREST month (12 months at 10% -> 11 and 13).  Rounding a month up
 *     would move a 12-month horizon by 17%, past every other input, which
 *     is not what "10%" means to the reader; `whole` says they moved by
 *     whole months.
 * Each end is clamped to the field's range (a month position also to
 * 1..months) and to the last value at which the plan still evaluates (a
 * credit above the costs, rent past its cap); `low_clamped` and
 * `high_clamped` say so.
 *
 * Pure: no I/O, no floats; every F is an exact budget_eval.
 */
#ifndef CAPDASH_TORNADO_H
#define CAPDASH_TORNADO_H

#include <stdbool.h>
#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

#define TORNADO_STEP_DEFAULT 100 /* tenths of a percent: 10% */
#define TORNADO_STEP_MIN 10      /* 1% */
#define TORNADO_STEP_MAX 1000    /* 100% */
#define TORNADO_MAX BUDGET_SENS_MAX

struct tornado_item {
	struct budget_key key;
	int64_t value;                     /* now, in the field's unit (a month's 0 as the month) */
	int64_t low_value, high_value;     /* value moved down / up, in the field's unit */
	int64_t low_capital, high_capital; /* F at each end, cents */
	int64_t swing;                     /* |high_capital - low_capital|, cents */
	bool whole;                        /* a count or months: moved by whole units */
	bool rounded;                      /* P% of the value was not whole: rounded */
	bool low_clamped, high_clamped;    /* an end stopped at a range end or validity */
};

/* Fill up to max items, one per input F depends on for in (the fields
 * table's order, each role's and each line's fields), then sort by swing,
 * largest first, ties in the table's order.  *capital receives F now (may
 * be NULL).  step outside TORNADO_STEP_MIN..MAX is CD_ERR_USAGE naming the
 * range; an invalid in is the model's error.  Returns the count or -1. */
int tornado_compute(const struct budget_input *in, int step, struct tornado_item *out, int max,
                    int64_t *capital, struct cd_err *err);

/* Parse "10", "10%", "2.5%" (at most one decimal) into tenths of a percent
 * within TORNADO_STEP_MIN..MAX.  Returns 0, or -1 with err naming the range. */
/* The largest distance, in cents, between capital and F at either end of
 * any of the n items: the half-width a chart scales its bars to (0 when
 * nothing moves). */
int64_t tornado_reach(const struct tornado_item *it, int n, int64_t capital);

int tornado_step_parse(const char *s, int *step, struct cd_err *err);

/* "10%", "2.5%". Returns buf. */
char *tornado_step_str(int step, char *buf, size_t size);

#endif
