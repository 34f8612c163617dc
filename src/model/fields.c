/* fields.c — the table of budget inputs: one row per field.
 *
 * One row per input (path, alias, label, unit, range, slider defaults, help)
 * drives validation, --set, sliders, sweep and seek, in the manner of tmux's
 * options table, and says which fields F depends on (budget_field_moves_f).
 * Keys and reads and writes through them are keys.c's.  Must not evaluate
 * the model (budget.c does) or do I/O.  Start at budget_fields[].
 *
 * Why these ranges (all inclusive) cannot overflow int64 (INT64_MAX is
 * 9.22e18).  Money is cents except the two unit prices, which are
 * micro-dollars (1 cent = 1e4 µ$); months are at most 240.
 *
 *   C, buy:  1e6 GPUs × 1e8 cents                       = 1e14 cents
 *   C, rent: gpus × hourly × hours = 1e6 × 1e9 µ$ × 744 = 7.44e17 µ$ a month;
 *            the utilisation (<= 1e6 millionths) is applied by parts,
 *            (x / 1e6) × u + round((x % 1e6) × u / 1e6), each < 7.5e17;
 *            times the months rented (<= 240) could reach 1.8e20, so the
 *            total is capped: monthly > 1e18 / months is refused (naming
 *            compute and the figures) before the product is formed, and
 *            the total <= 1e18 µ$ rounds to <= 1e14 cents, as buying.
 *   D:       1e10 samples × 1e8 µ$ ($100)               = 1e18 µ$, rounded
 *            once to <= 1e14 cents; spread, the running total D × k with
 *            k <= 240 is <= 2.4e16
 *   H:       32 roles × 1e5 people × 1e7 cents × 240    = 7.68e15 cents
 *            (one role: 2.4e14; one month of all roles: 3.2e13)
 *   O, and the lines outside: 32 lines × |1e11| cents × 240 months
 *            = ±7.68e14 cents each (a line once: ±1e11)
 *   direct = C + D + H + O <= 1e14 + 1e14 + 7.68e15 + 7.68e14 = 8.648e15
 *            < 8.7e15; below 0 (credits above the costs) is refused
 *   F = direct × 1e6 / α + β + outside, α >= 1000, the division done as
 *            q × 1e6 + round(rem × 1e6 / α) with rem < α <= 1e6 (rem × 2e6
 *            < 2e12): <= 8.648e18 + 1e11 + 7.68e14 < 8.71e18; below 0
 *            (credits outside above the rest) is refused
 *   cash (timeline.c): cash_at_start + raised <= 1e14 + max(1e14, F)
 *            < 8.72e18, and it moves by the months' burns, whose
 *            magnitudes add up to at most direct + β + |outside| < 8.8e15
 *            in all: |cash| < 8.73e18; the runway at the last burn is
 *            240 + cash / burn + 1 with cash >= 0 and burn >= 1 cent
 *   break-even: 20 × buy (<= 2e14) = 2e15, + the monthly rent in cents
 *            (<= 7.44e13), over 2 × that rent
 *
 * Elsewhere: a sweep row is one such evaluation; a sweep's (stop - start)
 * / step and budget_seek's midpoints stay within a field's range
 * (<= 2e14 wide); the ±10% of budget_sensitivity is (v ± 5) / 10 with |v|
 * <= 1e14.  gpu_hourly_cost enters F only when renting (above); burn.c and
 * forecast multiply it by time in their own bounds.  The scaling efficiency
 * (millionths, 5e4..1e6) never enters F.  raised and cash_at_start
 * (<= 1e14 cents, $1e12) never enter F either.
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"
#include "model_int.h"

#define DOLLARS(d) ((int64_t)(d)*100)
#define PRICE(d) ((int64_t)(d)*1000000) /* whole dollars in micro-dollars */

/* Slider ranges are defaults a scenario file may override; step is also the
 * "one step" of budget_sensitivity. */
/* clang-format off */
static const struct budget_field budget_fields[BF__COUNT] = {
	[BF_GPUS] = {
		.id = BF_GPUS, .path = "compute.gpus", .alias = "gpus", .label = N_("GPUs"),
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = 1000000,
		.slider_min = 0, .slider_max = 128, .step = 1,
		.help = "GPUs bought or rented (C = gpus x their price); a whole number from 0 to "
			"1,000,000",
	},
	[BF_GPU_UNIT_COST] = {
		.id = BF_GPU_UNIT_COST, .path = "compute.gpu_unit_cost", .alias = "gpu_unit_cost",
		.label = N_("GPU unit cost"), .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(1000000), .slider_min = 0, .slider_max = DOLLARS(500000),
		.step = DOLLARS(1000),
		.help = "purchase price per GPU, from $0 to $1,000,000 (cents allowed)",
	},
	[BF_GPU_HOURLY_COST] = {
		.id = BF_GPU_HOURLY_COST, .path = "compute.gpu_hourly_cost",
		.alias = "gpu_hourly_cost", .label = N_("GPU hourly cost"), .unit = BUDGET_UNIT_MICROS,
		.min = 0, .max = PRICE(1000), .slider_min = 0, .slider_max = PRICE(20),
		.step = 100000,
		.help = "rent per GPU-hour, from $0 to $1,000 (up to 6 decimals); prices training "
			"runs and forecasts, and C when compute.mode is rent",
	},
	[BF_SAMPLES] = {
		.id = BF_SAMPLES, .path = "data.samples", .alias = "samples", .label = N_("Samples"),
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = INT64_C(10000000000),
		.slider_min = 0, .slider_max = 100000000, .step = 10000, .log_scale = true,
		.help = "labelled samples (D = samples x label_cost); from 0 to 10,000,000,000",
	},
	[BF_LABEL_COST] = {
		.id = BF_LABEL_COST, .path = "data.label_cost", .alias = "label_cost",
		.label = N_("Label cost"), .unit = BUDGET_UNIT_MICROS, .min = 0, .max = PRICE(100),
		.slider_min = 0, .slider_max = PRICE(10), .step = 50000,
		.help = "labelling price per sample, from $0 to $100 (up to 6 decimals, "
			"$0.000001)",
	},
	[BF_MONTHS] = {
		.id = BF_MONTHS, .path = "people.months", .alias = "months", .label = N_("Months"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "the plan's horizon: roles, rent and monthly lines are paid within months "
			"1..N; from 0 to 240 (20 years)",
	},
	[BF_ALPHA] = {
		.id = BF_ALPHA, .path = "capital.alpha", .alias = "alpha",
		.label = N_("Allocation ratio"), .unit = BUDGET_UNIT_ALPHA, .min = BUDGET_ALPHA_MIN,
		.max = BUDGET_ALPHA_ONE, .slider_min = 50000, .slider_max = BUDGET_ALPHA_ONE,
		.step = 10000,
		.help = "alpha, the share of the raise spent on C+D+H (F = (C+D+H)/alpha + beta); "
			"from 0.001 to 1, up to 6 decimals",
	},
	[BF_FIXED_COSTS] = {
		.id = BF_FIXED_COSTS, .path = "capital.fixed_costs", .alias = "fixed_costs",
		.label = N_("Fixed costs"), .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(1000000000), .slider_min = 0, .slider_max = DOLLARS(50000000),
		.step = DOLLARS(100000),
		.help = "beta, costs outside the allocation added to F; from $0 to $1,000,000,000",
	},
	[BF_SCALING_EFFICIENCY] = {
		.id = BF_SCALING_EFFICIENCY, .path = "compute.scaling_efficiency",
		.alias = "scaling_efficiency", .label = N_("Scaling efficiency"),
		.unit = BUDGET_UNIT_ALPHA, .min = BUDGET_SCALING_MIN, .max = BUDGET_ALPHA_ONE,
		.slider_min = BUDGET_SCALING_MIN, .slider_max = BUDGET_ALPHA_ONE, .step = 10000,
		.help = "share of one GPU's throughput each GPU keeps when the plan's GPUs train "
			"together (1 = linear scaling); used by capdash forecast, not by F; "
			"from 0.05 to 1",
	},
	[BF_PURCHASE_MONTH] = {
		.id = BF_PURCHASE_MONTH, .path = "compute.purchase_month", .alias = "purchase_month",
		.label = N_("Purchase month"), .unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "buy: the month the GPUs are paid, from 1 to 240 (0 = month 1; past the "
			"horizon: its last month); does not change F",
	},
	[BF_RENT_FROM] = {
		.id = BF_RENT_FROM, .path = "compute.rent_from", .alias = "rent_from",
		.label = N_("Rent from"), .unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "rent: the first month the GPUs are rented, from 1 to 240 (0 = month 1)",
	},
	[BF_RENT_TO] = {
		.id = BF_RENT_TO, .path = "compute.rent_to", .alias = "rent_to",
		.label = N_("Rent to"), .unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "rent: the last month the GPUs are rented, from 1 to 240 (0 = the "
			"horizon's last month)",
	},
	[BF_HOURS_PER_MONTH] = {
		.id = BF_HOURS_PER_MONTH, .path = "compute.hours_per_month",
		.alias = "hours_per_month", .label = N_("Hours per month"), .unit = BUDGET_UNIT_COUNT,
		.min = 1, .max = 744, .slider_min = 1, .slider_max = 744, .step = 10,
		.help = "rent: GPU-hours paid per GPU and month, from 1 to 744 (default 730, "
			"8,760 h / 12)",
	},
	[BF_UTILISATION] = {
		.id = BF_UTILISATION, .path = "compute.utilisation", .alias = "utilisation",
		.label = N_("Utilisation"), .unit = BUDGET_UNIT_ALPHA, .min = 10000,
		.max = BUDGET_ALPHA_ONE, .slider_min = 10000, .slider_max = BUDGET_ALPHA_ONE,
		.step = 10000,
		.help = "rent: the share of those hours paid, from 0.01 to 1 (default 1)",
	},
	[BF_DATA_FROM] = {
		.id = BF_DATA_FROM, .path = "data.from", .alias = "data_from", .label = N_("Data from"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "the month D is paid (once) or the first month it is spread over, from 1 "
			"to 240 (0 = month 1); does not change F",
	},
	[BF_DATA_TO] = {
		.id = BF_DATA_TO, .path = "data.to", .alias = "data_to", .label = N_("Data to"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "spread: the last month D is spread over, from 1 to 240 (0 = the "
			"horizon's last month); does not change F",
	},
	[BF_RAISED] = {
		.id = BF_RAISED, .path = "capital.raised", .alias = "raised", .label = N_("Raised"),
		.unit = BUDGET_UNIT_CENTS, .min = 0, .max = DOLLARS(1000000000000),
		.slider_min = DOLLARS(100000), .slider_max = DOLLARS(1000000000),
		.step = DOLLARS(100000), .log_scale = true,
		.help = "the raise the plan spends month by month (default: F), from $0 to "
			"$1,000,000,000,000; moves the runway, not F",
	},
	[BF_CASH_AT_START] = {
		.id = BF_CASH_AT_START, .path = "capital.cash_at_start", .alias = "cash_at_start",
		.label = N_("Cash at start"), .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(1000000000000), .slider_min = 0, .slider_max = DOLLARS(100000000),
		.step = DOLLARS(100000),
		.help = "cash in the bank before the raise, from $0 to $1,000,000,000,000; moves "
			"the runway, not F",
	},
	[BF_ROLE_COUNT] = {
		.id = BF_ROLE_COUNT, .path = "people.roles.N.count", .label = N_("People"),
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = 100000,
		.slider_min = 0, .slider_max = 200, .step = 1,
		.help = "people in this role, from 0 to 100,000 (at most 32 roles)",
	},
	[BF_ROLE_SALARY] = {
		.id = BF_ROLE_SALARY, .path = "people.roles.N.monthly_salary",
		.label = N_("Monthly salary"), .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(100000), .slider_min = 0, .slider_max = DOLLARS(60000),
		.step = DOLLARS(500),
		.help = "fully loaded cost per person per month, from $0 to $100,000",
	},
	[BF_ROLE_START] = {
		.id = BF_ROLE_START, .path = "people.roles.N.start_month", .label = N_("Start month"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "the first month this role is paid, from 1 to 240 (0 = month 1)",
	},
	[BF_ROLE_END] = {
		.id = BF_ROLE_END, .path = "people.roles.N.end_month", .label = N_("End month"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "the last month this role is paid, from 1 to 240 (0 = the horizon's last "
			"month)",
	},
	[BF_COST_AMOUNT] = {
		.id = BF_COST_AMOUNT, .path = "other_costs.N.amount", .label = N_("Amount"),
		.unit = BUDGET_UNIT_CENTS, .min = -DOLLARS(1000000000), .max = DOLLARS(1000000000),
		.slider_min = -DOLLARS(1000000), .slider_max = DOLLARS(1000000),
		.step = DOLLARS(1000),
		.help = "this line's amount, per month or once, from -$1,000,000,000 (a credit) "
			"to $1,000,000,000",
	},
	[BF_COST_FROM] = {
		.id = BF_COST_FROM, .path = "other_costs.N.from", .label = N_("From month"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "the month a once line is paid, or a monthly line's first month, from 1 "
			"to 240 (0 = month 1)",
	},
	[BF_COST_TO] = {
		.id = BF_COST_TO, .path = "other_costs.N.to", .label = N_("To month"),
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "a monthly line's last month, from 1 to 240 (0 = the horizon's last "
			"month)",
	},
};
/* clang-format on */

const struct budget_field *budget_field_get(enum budget_field_id id)
{
	if ((unsigned)id >= BF__COUNT)
		return NULL;
	return &budget_fields[id];
}

bool model_is_role_field(enum budget_field_id id)
{
	return id == BF_ROLE_COUNT || id == BF_ROLE_SALARY || id == BF_ROLE_START ||
	       id == BF_ROLE_END;
}

bool model_is_cost_field(enum budget_field_id id)
{
	return id == BF_COST_AMOUNT || id == BF_COST_FROM || id == BF_COST_TO;
}

bool budget_field_moves_f(const struct budget_input *in, enum budget_field_id id)
{
	bool rent = in && in->compute_mode == BUDGET_RENT;

	switch (id) {
	case BF_GPU_UNIT_COST:
		return !rent;
	case BF_GPU_HOURLY_COST:
	case BF_RENT_FROM:
	case BF_RENT_TO:
	case BF_HOURS_PER_MONTH:
	case BF_UTILISATION:
		return rent;
	/* When a payment falls changes the timeline, never F; the raise and
	 * the cash are what F is compared with; forecast alone scales. */
	case BF_PURCHASE_MONTH:
	case BF_DATA_FROM:
	case BF_DATA_TO:
	case BF_RAISED:
	case BF_CASH_AT_START:
	case BF_SCALING_EFFICIENCY:
	case BF__COUNT:
		return false;
	case BF_GPUS:
	case BF_SAMPLES:
	case BF_LABEL_COST:
	case BF_MONTHS:
	case BF_ALPHA:
	case BF_FIXED_COSTS:
	case BF_ROLE_COUNT:
	case BF_ROLE_SALARY:
	case BF_ROLE_START:
	case BF_ROLE_END:
	case BF_COST_AMOUNT:
	case BF_COST_FROM:
	case BF_COST_TO:
		return true;
	}
	return false;
}

int budget_check(struct budget_key k, int64_t v, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	char name[64], lo[48], hi[48], got[48];

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("no such input"));
	if (v >= f->min && v <= f->max)
		return 0;
	budget_key_name(k, name, sizeof name);
	budget_value_display(f->unit, f->min, lo, sizeof lo);
	budget_value_display(f->unit, f->max, hi, sizeof hi);
	budget_value_display(f->unit, v, got, sizeof got);
	switch (f->unit) {
	case BUDGET_UNIT_COUNT:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("%s: expected a whole number from %s to %s, got %s"), name, lo,
		                  hi, got);
	case BUDGET_UNIT_MONTHS:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("%s: expected a whole number of months from %s to %s, got %s"),
		                  name, lo, hi, got);
	case BUDGET_UNIT_CENTS:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("%s: expected an amount from %s to %s, got %s"), name, lo, hi,
		                  got);
	case BUDGET_UNIT_MICROS:
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("%s: expected a price from %s to %s (up to 6 decimals), got %s"), name,
		        lo, hi, got);
	case BUDGET_UNIT_ALPHA:
		if (k.id != BF_ALPHA)
			return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
			                  _("%s: expected a fraction from %s to %s, got %s"), name,
			                  lo, hi, got);
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("%s: expected a ratio above 0 and at most %s (from %s), got %s"), name,
		        hi, lo, got);
	}
	return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0, _("%s: out of range"), name);
}
