/* model_int.h — what the model's files share inside src/model/: the months
 * a payment covers (0 = default resolved, cut at the horizon), the monthly
 * rent, and the per-role / per-line key helpers.  Not for use outside
 * src/model/.
 */
#ifndef CAPDASH_MODEL_MODEL_INT_H
#define CAPDASH_MODEL_MODEL_INT_H

#include "capdash/budget.h"

/* Renting costs at most this much in micro-dollars over the horizon
 * ($1,000,000,000,000, the most buying can cost: 1e6 GPUs × $1e6). */
#define MODEL_RENT_CAP_MICROS INT64_C(1000000000000000000)

/* Months first..last of the plan (1-based, within 1..months); empty when
 * last < first (then n == 0). */
struct model_span {
	int64_t first, last, n;
};

/* A start..end pair of month fields resolved against the horizon: start 0
 * is month 1, end 0 the horizon's last month, an end past the horizon is
 * cut, a start past it gives an empty span. */
struct model_span model_span(int64_t start, int64_t end, int64_t months);

/* The month a one-off payment that F holds in full (C bought, D once) is
 * paid: month (0 = 1), or the horizon's last month when month is past it.
 * 0 when there are no months. */
int64_t model_month_in(int64_t month, int64_t months);

/* hours_per_month and utilisation as renting uses them: 0 (and, in BUY
 * mode where they are not validated, anything out of range) is the
 * default. */
int64_t model_hours(const struct budget_input *in);
int64_t model_utilisation(const struct budget_input *in);

/* What renting the plan's GPUs costs a month, in micro-dollars rounded half
 * up to the micro-dollar: gpus × gpu_hourly_cost × hours × utilisation.
 * <= 1e6 × 1e9 × 744 = 7.44e17 (fields.c); in must be validated. */
int64_t model_rent_month_micros(const struct budget_input *in);

/* round(n × num / den) half up, for n >= 0, 0 <= num, den > 0, formed as
 * (n / den) × num + round((n % den) × num / den) so that n × num itself
 * never has to fit: only (n / den) × num and (n % den) × num (< den × num)
 * must. */
int64_t model_scale_round(int64_t n, int64_t num, int64_t den);

/* Whether id is a per-role field (BF_ROLE_*) or a per-line field
 * (BF_COST_*): those need budget_key.role. */
bool model_is_role_field(enum budget_field_id id);
bool model_is_cost_field(enum budget_field_id id);

/* Every input of in that F depends on (budget_field_moves_f), in the fields
 * table's order, one key per role and per cost line for their fields: the
 * rows of sensitivity and of the tornado.  Fills at most max; returns how
 * many. */
int model_keys_moving_f(const struct budget_input *in, struct budget_key *keys, int max);

#endif
