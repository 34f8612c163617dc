/* timeline.h — the plan month by month: what is paid each month, the cash
 * left, and the runway.
 *
 * F (budget.h) stays the headline: the timeline spreads the same C, D, H and
 * O over months 1..months and adds cash.  Pure: no I/O, no floats; money is
 * int64 cents.  Every month's figures sum exactly to the budget's totals:
 * amounts that are not whole cents per month (a rented GPU-month, D spread
 * over months) are rounded on the running total, so month k pays
 * round(total up to k) - round(total up to k-1).  A payment F holds in
 * full (C when buying, D) whose month is past the horizon is paid in the
 * horizon's last month, so the months still add up to C and D; roles,
 * rented months and other cost lines past the horizon are not paid and
 * not in F.  With months = 0 there are no months (F still holds C and D).
 *
 *   burn(m) = C(m) + D(m) + H(m) + O(m)      (O(m): every other cost line,
 *                                             inside or outside the
 *                                             allocation, and β in month 1)
 *   cash(0) = cash_at_start + raised          (raised: capital.raised, or F)
 *   cash(m) = cash(m-1) - burn(m)
 *   runway  = the first month m with cash(m) < 0
 *
 * When the cash lasts the horizon, runway_at_last_burn says in which month
 * it would fall below zero if the last month's burn went on.
 */
#ifndef CAPDASH_TIMELINE_H
#define CAPDASH_TIMELINE_H

#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

#define TIMELINE_MAX_MONTHS 240 /* people.months' maximum */

struct timeline_month {
	int64_t compute, data, people, other; /* cents paid in the month (other may be < 0) */
	int64_t burn;                         /* their sum */
	int64_t cash;                         /* at the month's end; may be < 0 */
};

struct timeline {
	struct budget_result res;                     /* budget_eval of the same input */
	int months;                                   /* months shown: in->months */
	struct timeline_month m[TIMELINE_MAX_MONTHS]; /* m[0] is month 1 */
	int64_t raised;                               /* cents: capital.raised, or F */
	int64_t cash_at_start;                        /* cents */
	/* The first month whose end cash is below zero (1..months), or 0 when
	 * the cash lasts the horizon. */
	int64_t runway_month;
	/* When runway_month is 0: the month (> months) in which the cash would
	 * fall below zero if the last month's burn went on; 0 when it never
	 * would (that burn is <= 0, or there are no months). */
	int64_t runway_at_last_burn;
	int64_t burn_peak;   /* the largest monthly burn, cents (0 with no months) */
	int burn_peak_month; /* its month (the first if tied), 0 with no months */
	/* Rent or buy, for the plan's GPUs whatever compute.mode says:
	 * rent_month is what renting them costs a month (gpus × hourly price ×
	 * hours × utilisation, rounded to the cent), buy_total what buying
	 * costs (gpus × unit cost); breakeven_tenths the months of renting that
	 * cost as much as buying, in tenths of a month rounded half up, or -1
	 * when renting costs nothing. */
	int64_t rent_month, buy_total, breakeven_tenths;
};

/* Evaluate in month by month.  Validates as budget_eval does (same errors);
 * on failure returns -1 with err and leaves out untouched. */
int timeline_eval(const struct budget_input *in, struct timeline *out, struct cd_err *err);

/* Months grouped per months at a time (3: quarters) for narrow screens:
 * compute, data, people, other and burn summed, cash as at the group's last
 * month.  Fills at most max groups (the last may be shorter); returns how
 * many, or 0 when per < 1. */
int timeline_group(const struct timeline *t, int per, struct timeline_month *out, int max);

#endif
