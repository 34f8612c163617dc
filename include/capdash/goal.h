/* goal.h — goal seek for the dashboard's g form: a target on capital F or
 * on the direct cost C+D+H+O, at most, at least or equal to an amount,
 * reached by varying one input with every other held fixed.
 *
 * budget_seek (budget.h) seeks F <= and F >=; this adds the direct cost and
 * "=" (the value whose figure comes closest to the target, saying whether it
 * is exact).  Exact like budget_seek: a binary search over the input's whole
 * values, each step an exact budget_eval.  Pure: no I/O, no floats.
 */
#ifndef CAPDASH_GOAL_H
#define CAPDASH_GOAL_H

#include <stdbool.h>
#include <stdint.h>

#include "capdash/budget.h"

enum goal_measure {
	GOAL_CAPITAL, /* F */
	GOAL_DIRECT   /* C + D + H + O */
};

enum goal_rel {
	GOAL_AT_MOST,  /* measure <= target */
	GOAL_AT_LEAST, /* measure >= target */
	GOAL_EQUAL     /* measure == target, else the nearest */
};

struct goal_answer {
	int64_t value;   /* the input at the answer (infeasible: at the end nearest the goal) */
	int64_t reached; /* the measure there, cents */
	int64_t capital; /* F there, cents */
	int64_t direct;  /* C+D+H+O there, cents */
	bool exact;      /* reached == target */
	int64_t miss;    /* reached - target: by how much the answer misses (0 when exact) */
};

/* Seek vary's value for the goal (measure rel target, target in cents).
 * AT_MOST / AT_LEAST: the value meeting the goal that comes closest to the
 * target (for F exactly budget_seek's answer).  EQUAL: the value whose
 * measure is nearest the target (a tie keeps the one at or under it);
 * exact says whether it hits it.  Fields the measure ignores are refused
 * with CD_ERR_USAGE and the reason (budget_seek's for F; α, β and lines
 * outside the allocation for the direct cost).  When no value meets an
 * AT_MOST / AT_LEAST goal: -1 with CD_ERR_INFEASIBLE, a message naming the
 * end that comes closest and by how much it misses, and *out filled for
 * that end.  Returns 0 or -1. */
int goal_seek(const struct budget_input *in, struct budget_key vary, enum goal_measure m,
              enum goal_rel rel, int64_t target, struct goal_answer *out, struct cd_err *err);

#endif
