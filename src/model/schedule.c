/* schedule.c — when things are paid: month fields resolved against the
 * horizon, and the monthly rent.  Shared by budget_eval (the totals) and
 * timeline_eval (the same totals month by month), so the two can never
 * disagree about which months count.  Pure arithmetic; no I/O.
 */
#include "model_int.h"

#define MILLION INT64_C(1000000)

struct model_span model_span(int64_t start, int64_t end, int64_t months)
{
	struct model_span s;

	s.first = start > 0 ? start : 1;
	s.last = end > 0 && end < months ? end : months;
	s.n = s.last >= s.first ? s.last - s.first + 1 : 0;
	return s;
}

int64_t model_month_in(int64_t month, int64_t months)
{
	if (months <= 0)
		return 0;
	if (month <= 0)
		return 1;
	return month < months ? month : months;
}

int64_t model_hours(const struct budget_input *in)
{
	const struct budget_field *f = budget_field_get(BF_HOURS_PER_MONTH);
	int64_t h = in->hours_per_month;

	return h >= f->min && h <= f->max ? h : BUDGET_HOURS_PER_MONTH;
}

int64_t model_utilisation(const struct budget_input *in)
{
	const struct budget_field *f = budget_field_get(BF_UTILISATION);
	int64_t u = in->utilisation;

	return u >= f->min && u <= f->max ? u : BUDGET_ALPHA_ONE;
}

int64_t model_scale_round(int64_t n, int64_t num, int64_t den)
{
	return n / den * num + (2 * (n % den) * num + den) / (2 * den);
}

int64_t model_rent_month_micros(const struct budget_input *in)
{
	/* gpus × price × hours <= 1e6 × 1e9 × 744 = 7.44e17 µ$ fits; times the
	 * utilisation (<= 1e6) would not, so it is applied by parts. */
	int64_t full = in->gpus * in->gpu_hourly_cost * model_hours(in);

	return model_scale_round(full, model_utilisation(in), MILLION);
}
