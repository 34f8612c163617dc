/* diff.h — two plans side by side: which inputs differ and how every figure
 * moves (capdash diff, the dashboard's baseline).
 *
 * Pure: no I/O.  Roles and other_costs lines are matched by index (the file's
 * order), so a rename shows as a changed name, not as one removed and one
 * added; a role or line only one side has is listed once as such.  Every
 * figure and delta comes from budget_eval, so screens never subtract money.
 * Start at struct budget_diff and budget_diff().
 */
#ifndef CAPDASH_DIFF_H
#define CAPDASH_DIFF_H

#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

/* Items a diff can hold: every scalar field and word, and every field, name
 * and word of every role and line. */
#define BUDGET_DIFF_MAX (BF__COUNT + 2 + 5 * BUDGET_MAX_ROLES + 6 * BUDGET_MAX_COSTS)
#define BUDGET_DIFF_KEY_MAX 48
#define BUDGET_DIFF_WORD_MAX 64

enum budget_diff_kind {
	BUDGET_DIFF_VALUE,  /* a number in its unit: a, b */
	BUDGET_DIFF_WORD,   /* a word or a name: a_word, b_word ("buy" / "rent") */
	BUDGET_DIFF_ONLY_A, /* a role or line only A has: a_word is its name */
	BUDGET_DIFF_ONLY_B  /* ... only B has: b_word is its name */
};

struct budget_diff_item {
	char key[BUDGET_DIFF_KEY_MAX]; /* "compute.gpus", "people.roles.2", "compute.mode" */
	enum budget_diff_kind kind;
	enum budget_unit unit; /* BUDGET_DIFF_VALUE */
	int64_t a, b;          /* BUDGET_DIFF_VALUE: the values in unit (budget_get) */
	char a_word[BUDGET_DIFF_WORD_MAX], b_word[BUDGET_DIFF_WORD_MAX];
};

/* The figures' changes, B minus A, in cents. */
struct budget_diff_delta {
	int64_t compute, data, people, other, outside, direct, capital;
	/* Per role index: B's cost minus A's; a role only one side has counts
	 * as 0 on the other side. */
	int64_t role_cost[BUDGET_MAX_ROLES];
};

struct budget_diff {
	int n;
	struct budget_diff_item items[BUDGET_DIFF_MAX];
	struct budget_result a, b;
	struct budget_diff_delta delta;
};

/* Compare a and b.  Both must evaluate: on a bad input fills err (its message
 * prefixed "A: " or "B: ") and returns -1.  Returns the number of differing
 * inputs (out->n), in the order capdash calc lists inputs: compute, data,
 * months, the roles, the other cost lines, α, β, the cash. */
int budget_diff(const struct budget_input *a, const struct budget_input *b, struct budget_diff *out,
                struct cd_err *err);

/* Only the figures: results of both and their deltas (for a screen that
 * redraws on every slider step).  out->n is 0.  Same errors. */
int budget_diff_results(const struct budget_input *a, const struct budget_input *b,
                        struct budget_diff *out, struct cd_err *err);

/* The same without the items, for a screen that redraws on every slider
 * step: ra and rb receive both results (either may be NULL), dl B - A. */
int budget_diff_figures(const struct budget_input *a, const struct budget_input *b,
                        struct budget_result *ra, struct budget_result *rb,
                        struct budget_diff_delta *dl, struct cd_err *err);

/* Input b minus input a for one field (cents, counts or millionths as the
 * field's unit): what the baseline row shows.  Both read with budget_get; a
 * key whose role or line one side lacks reads 0 there. */
int64_t budget_diff_value(const struct budget_input *a, const struct budget_input *b,
                          struct budget_key k);

#endif
