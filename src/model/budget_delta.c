/* budget_delta.c — the change in capital between two evaluations, so that
 * screens never subtract money themselves.  Pure. */
#include "capdash/budget.h"

int64_t budget_delta(const struct budget_result *now, const struct budget_result *then)
{
	return now->capital - then->capital;
}
