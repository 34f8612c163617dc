/* budget.h — the capital model (section 4 of the seed, made exact).
 *
 *   C = gpus × gpu_unit_cost (buy)      D = samples × label_cost
 *     or gpus × gpu_hourly_cost × hours_per_month × utilisation × months rented (rent)
 *   H = Σ roles count × monthly_salary × the months the role is paid
 *   O = Σ other cost lines inside the allocation (monthly × their months, or once)
 *   F = (C + D + H + O) / α + β + Σ other cost lines outside the allocation
 *
 * With every new input at its default (buy, roles paid from month 1 to the
 * horizon, no other cost lines) this is the seed's model exactly.  The same
 * plan month by month (burn, cash, runway) is timeline.h.
 *
 * Pure: no I/O, no globals, no libyaml, no curses.  Money is int64_t cents;
 * every division rounds half away from zero to the cent.  The two unit
 * prices that can be below a cent (data.label_cost, compute.gpu_hourly_cost)
 * are int64_t micro-dollars (BUDGET_UNIT_MICROS): D is computed exactly in
 * micro-dollars and rounded to the cent once.  α and the scaling efficiency
 * are fixed point in millionths (0.3 == 300000) so that no float ever
 * touches money.
 *
 * Every input has a documented range (budget_field_get) chosen so that no sum
 * or product can overflow (the argument is in src/model/fields.c): C+D+H+O <
 * 8.7e15 cents and F < 8.71e18 < INT64_MAX even at the smallest α.  Values
 * outside the range are refused with an error naming the field, the range
 * and the value.
 *
 * Start reading at struct budget_input and budget_eval().
 */
#ifndef CAPDASH_BUDGET_H
#define CAPDASH_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"

#define BUDGET_MAX_ROLES 32
#define BUDGET_ROLE_NAME_MAX 48
#define BUDGET_ALPHA_ONE 1000000     /* α == 1.0 in millionths */
#define BUDGET_ALPHA_MIN 1000        /* α == 0.001: the smallest α accepted */
#define BUDGET_SCALING_MIN 50000     /* scaling efficiency 0.05, in millionths */
#define BUDGET_MICROS_PER_CENT 10000 /* micro-dollars in one cent */
#define BUDGET_MAX_COSTS 32          /* other_costs: lines */
#define BUDGET_COST_NAME_MAX 48
#define BUDGET_HOURS_PER_MONTH 730 /* compute.hours_per_month's default: 8,760 h / 12 */

/* Month fields (start, end, from, to, purchase) are 1-based months of the
 * plan, 1..240.  0 means the default: month 1 for a start, the horizon's
 * last month (`months`) for an end, so that an end follows the months slider.
 * An end beyond the horizon is cut at the horizon; a start after it pays
 * nothing.  An explicit end before its start is refused. */

struct budget_role {
	char name[BUDGET_ROLE_NAME_MAX]; /* UTF-8, "Data scientists" */
	int64_t count;                   /* whole people */
	int64_t monthly_salary;          /* cents per person per month */
	int64_t start_month;             /* first month paid; 0 = 1 */
	int64_t end_month;               /* last month paid; 0 = the horizon's last */
};

enum budget_compute_mode {
	BUDGET_BUY = 0, /* C = gpus × gpu_unit_cost, paid in purchase_month (the seed) */
	BUDGET_RENT = 1 /* C = gpus × gpu_hourly_cost × hours × utilisation, each month rented */
};

/* One line of other_costs: inference, storage, office, legal, or a credit
 * (a negative amount). */
struct budget_cost {
	char name[BUDGET_COST_NAME_MAX]; /* UTF-8 */
	int64_t amount;                  /* cents: per month when monthly, else once; may be < 0 */
	bool monthly;                    /* false: paid once, in month `from` */
	int64_t from;                    /* once: the month paid; monthly: the first; 0 = 1 */
	int64_t to;                      /* monthly: the last month; 0 = the horizon's last */
	bool outside;                    /* outside the allocation: added to F like β */
};

struct budget_input {
	int64_t gpus;            /* whole GPUs */
	int64_t gpu_unit_cost;   /* cents per GPU (purchase price) */
	int64_t gpu_hourly_cost; /* micro-dollars per GPU-hour (rent: run burn, forecast; not F) */
	int64_t samples;         /* labelled samples (images, documents, ...) */
	int64_t label_cost;      /* micro-dollars per sample ($0.000002 == 2) */
	int64_t months;          /* the plan's horizon: months 1..months */
	int nroles;
	struct budget_role roles[BUDGET_MAX_ROLES];
	int64_t alpha;       /* millionths, in [BUDGET_ALPHA_MIN, BUDGET_ALPHA_ONE] */
	int64_t fixed_costs; /* cents: β, outside the allocation (paid in month 1) */
	/* Millionths in [BUDGET_SCALING_MIN, BUDGET_ALPHA_ONE], 1000000 == linear
	 * scaling: the share of per-device throughput each added GPU keeps.
	 * Used by capdash forecast, never by F. */
	int64_t scaling_efficiency;

	/* ---- the plan over time (timeline.h); zero values are the defaults ---- */
	enum budget_compute_mode compute_mode;
	int64_t purchase_month;  /* buy: the month C is paid; 0 = 1 */
	int64_t rent_from;       /* rent: first month rented; 0 = 1 */
	int64_t rent_to;         /* rent: last month rented; 0 = the horizon's last */
	int64_t hours_per_month; /* rent: GPU-hours per GPU and month, 1..744; 0 = 730 */
	int64_t utilisation;     /* rent: millionths of those hours paid, 0.01..1; 0 = 1 */
	bool data_spread;        /* false: D paid once, in data_from; true: evenly over from..to */
	int64_t data_from;       /* 0 = 1 */
	int64_t data_to;         /* spread: last month; 0 = the horizon's last */
	int ncosts;
	struct budget_cost costs[BUDGET_MAX_COSTS];
	bool raised_set;       /* false: the raise is F */
	int64_t raised;        /* cents: capital.raised, when raised_set */
	int64_t cash_at_start; /* cents: capital.cash_at_start, cash before the raise */
};

struct budget_result {
	int64_t compute;                     /* C, cents */
	int64_t data;                        /* D, cents */
	int64_t people;                      /* H, cents */
	int64_t other;                       /* O: other cost lines inside the allocation, cents */
	int64_t outside;                     /* other cost lines outside the allocation, cents */
	int64_t direct;                      /* C + D + H + O, cents */
	int64_t capital;                     /* F, cents */
	int64_t headcount;                   /* Σ role counts */
	int64_t role_cost[BUDGET_MAX_ROLES]; /* cents, each role over the months it is paid */
	int64_t role_months[BUDGET_MAX_ROLES]; /* the months each role is paid */
	int64_t cost_total[BUDGET_MAX_COSTS];  /* cents, each other cost line over the horizon */
};

/* The seed's worked example (4.3): 5 GPUs at $200,000, 500,000 images at $5,
 * 10 data scientists and 5 ML engineers at $30,000/month for 12 months,
 * α = 0.3, β = 0, scaling efficiency 1.  F = $29,666,666.67. */
void budget_seed_example(struct budget_input *in);

/* Compute every figure.  Validates first: on a bad input fills err (naming
 * the first bad field, its range and its value) and returns -1; out is then
 * untouched.  Never produces a NaN, an inf or a wrapped number. */
int budget_eval(const struct budget_input *in, struct budget_result *out, struct cd_err *err);

/* Check every input against its range; append one error per problem to errs
 * (err.file empty, err.msg like "compute.gpus: expected a whole number from 0
 * to 1,000,000, got -3").  Returns the number of problems. */
int budget_validate(const struct budget_input *in, struct cd_errlist *errs);

/* ---- fields: one table drives validation, --set, sliders, sweep and seek ---- */

enum budget_unit {
	BUDGET_UNIT_COUNT,  /* whole number */
	BUDGET_UNIT_CENTS,  /* money: cents, written as dollars with up to 2 decimals */
	BUDGET_UNIT_ALPHA,  /* millionths, written as a decimal in (0, 1] (α, scaling) */
	BUDGET_UNIT_MONTHS, /* whole months */
	BUDGET_UNIT_MICROS  /* unit prices: micro-dollars, written as dollars with up to 6 decimals
	                     */
};

enum budget_field_id {
	BF_GPUS,
	BF_GPU_UNIT_COST,
	BF_GPU_HOURLY_COST,
	BF_SAMPLES,
	BF_LABEL_COST,
	BF_MONTHS,
	BF_ALPHA,
	BF_FIXED_COSTS,
	BF_SCALING_EFFICIENCY, /* forecast only: F ignores it */
	BF_PURCHASE_MONTH,     /* compute.purchase_month */
	BF_RENT_FROM,          /* compute.rent_from */
	BF_RENT_TO,            /* compute.rent_to */
	BF_HOURS_PER_MONTH,    /* compute.hours_per_month */
	BF_UTILISATION,        /* compute.utilisation (millionths, BUDGET_UNIT_ALPHA) */
	BF_DATA_FROM,          /* data.month (once) / data.from (spread) */
	BF_DATA_TO,            /* data.to */
	BF_RAISED,             /* capital.raised: the timeline's cash, never F */
	BF_CASH_AT_START,      /* capital.cash_at_start: the timeline's cash, never F */
	BF_ROLE_COUNT,         /* per role: needs budget_key.role */
	BF_ROLE_SALARY,        /* per role: needs budget_key.role */
	BF_ROLE_START,         /* people.roles.N.start_month */
	BF_ROLE_END,           /* people.roles.N.end_month */
	BF_COST_AMOUNT,        /* other_costs.N.amount: budget_key.role is the line */
	BF_COST_FROM,          /* other_costs.N.month / .from */
	BF_COST_TO,            /* other_costs.N.to */
	BF__COUNT
};

struct budget_field {
	enum budget_field_id id;
	const char *path;  /* YAML path: "compute.gpus"; roles use "people.roles.N.count" */
	const char *alias; /* short --set name ("gpus") or NULL */
	const char *label; /* for screens: "GPUs" */
	enum budget_unit unit;
	int64_t min, max;                     /* inclusive range, in the field's unit */
	int64_t slider_min, slider_max, step; /* default slider range and step */
	bool log_scale;                       /* slider moves on a log scale (dataset size) */
	const char *help;                     /* one line */
};

/* The row for id (never NULL for id < BF__COUNT). */
const struct budget_field *budget_field_get(enum budget_field_id id);

/* A field of one particular input: role is the role index for BF_ROLE_*
 * and the other_costs line index for BF_COST_*. */
struct budget_key {
	enum budget_field_id id;
	int role;
};

/* Inputs in the order a reader expects them, the one order of calc's
 * inputs table and diff's changes: compute (the scaling efficiency after the
 * hourly price, then when it is paid), data, months, the roles, the other
 * cost lines, then α, β and the cash.  Entries are scalar field ids, or past
 * the table: the two word inputs (compute.mode, data.schedule) and where
 * each role's and each cost line's fields go.  Returns the table; *n is its
 * length. */
enum {
	BUDGET_ORDER_MODE = BF__COUNT,
	BUDGET_ORDER_SCHEDULE,
	BUDGET_ORDER_ROLES,
	BUDGET_ORDER_COSTS
};
const int *budget_input_order(size_t *n);

/* Whether F depends on k's field for this input (the hourly price only when
 * renting; raised, cash_at_start and the scaling efficiency never).  Seek,
 * sweep's headline and sensitivity skip or refuse what F ignores. */
bool budget_field_moves_f(const struct budget_input *in, enum budget_field_id id);

/* Add a role or cost line at the end (count 0 / amount $0, months at their
 * defaults, name as given, cut to fit on a UTF-8 boundary); returns its
 * index, or -1 with err when the list is full.  Remove shifts the rest down.
 * Pure list edits for the dashboard's +, - and rename. */
int budget_role_add(struct budget_input *in, const char *name, struct cd_err *err);
int budget_role_remove(struct budget_input *in, int idx);
int budget_cost_add(struct budget_input *in, const char *name, bool monthly, struct cd_err *err);
int budget_cost_remove(struct budget_input *in, int idx);

/* Parse a key: a dotted path ("compute.gpus", "capital.alpha",
 * "people.roles.0.count", "people.roles.1.monthly_salary") or an alias
 * ("gpus", "samples", "alpha", "months").  Role indices must exist in in.
 * Unknown keys fail with a did-you-mean when one is close.  Returns 0 or -1. */
int budget_key_parse(const char *s, const struct budget_input *in, struct budget_key *out,
                     struct cd_err *err);

/* Canonical dotted name of k ("people.roles.0.count"). Returns buf. */
char *budget_key_name(struct budget_key k, char *buf, size_t size);

/* Read or range-checked write of one input.  budget_set returns -1 with a
 * range error (field, range, value) and leaves in untouched when v is out of
 * range, or a "no such role/line" error when k's index does not exist.
 * budget_get reads what a field stands for, so that what it returns is a
 * value budget_set takes: capital.raised is F (budget_eval; 0 when in is
 * invalid) until set, and setting it sets raised_set; hours_per_month and
 * utilisation read 730 and 1 while 0.  Month fields read as stored (0 = the
 * default, which for an end follows the horizon). */
int64_t budget_get(const struct budget_input *in, struct budget_key k);
int budget_set(struct budget_input *in, struct budget_key k, int64_t v, struct cd_err *err);

/* Range check of v for field k (the role index is not looked at).  Returns 0,
 * or -1 with err (code CD_ERR_RANGE) like "compute.gpus: expected a whole
 * number from 0 to 1,000,000, got -3".  The one source of range messages:
 * budget_set, budget_validate and the scenario loader all use it. */
int budget_check(struct budget_key k, int64_t v, struct cd_err *err);

/* v the way messages and screens show it: "1,000,000", "$250", "$1,000.50",
 * "0.3", "$0.000002" (micro-dollars).  Returns buf. */
char *budget_value_display(enum budget_unit unit, int64_t v, char *buf, size_t size);

/* Parse text into a field's unit, exactly (no floats): "200000", "0.25"
 * (money → cents; up to 6 decimals → micro-dollars for BUDGET_UNIT_MICROS),
 * "0.3" (α → 300000), "1,000,000", "1_000_000" and "5e5"
 * for counts; a leading "$" on money; the units capdash prints after money
 * and counts ("40M", "$29.67M", "250k", "1.5B", "2T", "2966.67万").
 * A ',' or '_' must separate groups of three whole digits ("1,0", "2,5" and
 * "1,00,0" are refused, never read as 10, 25 or 1000); err->col is then the
 * 1-based character of the bad separator (0 for other errors).  Money
 * (BUDGET_UNIT_CENTS) may carry a sign ("-500", "-$500": a credit line;
 * budget_check then refuses it for fields from $0); other units reject
 * signs.  Rejects NaN, inf, too many decimals, unknown units and overflow with a
 * message saying what was expected.  Range is not checked here (budget_set
 * does that). */
int budget_value_parse(const char *s, enum budget_unit unit, int64_t *out, struct cd_err *err);

/* Write v in its unit the way a person types it: "5", "200000", "0.25",
 * "0.3".  Returns buf. */
char *budget_value_str(enum budget_unit unit, int64_t v, char *buf, size_t size);

/* F(now) - F(then) in cents: the change a screen shows next to F ("▲
 * +$666,667").  Both results come from budget_eval, so F is within
 * [0, 8.71e18] and the difference cannot overflow. */
int64_t budget_delta(const struct budget_result *now, const struct budget_result *then);

/* ---- money formatting: the one place money becomes text ---- */

enum money_style {
	MONEY_WHOLE,   /* $29,666,667 (rounded half away to the dollar) */
	MONEY_CENTS,   /* $29,666,666.67 */
	MONEY_COMPACT, /* $29.67M, $950.00K, $1.20B, $12.35 */
	MONEY_K,       /* $29,666.67K */
	MONEY_M,       /* $29.67M (always millions) */
	MONEY_WAN      /* 2,966.67万 (10^4 dollars, two decimals, grouped), and from
	                * 1亿 (10^8 dollars, after rounding) 2.97亿: the default
	                * of Chinese (zh) messages */
};

/* Format cents; negative values get a leading '-' ("-$1,000").  Returns buf.
 * A buffer of 48 bytes always suffices. */
char *money_format(int64_t cents, enum money_style style, char *buf, size_t size);

/* Signed change for deltas: "+$666,667", "-$1,000", "+$0" (MONEY_WHOLE
 * rules).  Returns buf. */
char *money_format_delta(int64_t cents, enum money_style style, char *buf, size_t size);

/* Whole number with thousands separators: "500,000". Returns buf. */
char *count_format(int64_t n, char *buf, size_t size);

/* Cents as a dollar decimal for machine output: "29666666.67", "1000000",
 * "-0.5" (trailing zeros of the cents dropped, JSON-safe).  Returns buf. */
char *money_decimal(int64_t cents, char *buf, size_t size);

/* A unit price in micro-dollars with the digits it has: "$0.000002",
 * "$2.49", "$5", "$1,000".  The same in every money style: a price is never
 * scaled to K, M or 万, which would lose its digits.  Returns buf; 48 bytes
 * always suffice. */
char *price_format(int64_t micros, char *buf, size_t size);

/* Micro-dollars as a dollar decimal for machine output: "0.000002", "2.49",
 * "5" (trailing zeros dropped, JSON-safe).  Returns buf. */
char *price_decimal(int64_t micros, char *buf, size_t size);

/* Micro-dollars to cents, rounded half away from zero ($0.005 -> 1 cent,
 * -$0.005 -> -1 cent).  Exact for every int64. */
int64_t budget_micros_to_cents(int64_t micros);

/* ---- what-if tools ---- */

/* How F moves with each input: one step of the field's default step, and
 * ±10% of the current value (rounded to the field's unit, clamped to its
 * range).  Deltas are F(new) - F(current), in cents. */
struct budget_sens {
	struct budget_key key;
	int64_t value, step;         /* value: a month field's 0 read as the month it stands for */
	int64_t d_step;              /* F(value + step) - F */
	int64_t d_minus10, d_plus10; /* F(value ∓ 10%) - F */
};

/* Rows budget_sensitivity can produce at most. */
#define BUDGET_SENS_MAX (BF_ROLE_COUNT + 4 * BUDGET_MAX_ROLES + 3 * BUDGET_MAX_COSTS)

/* Fill up to max rows (one per scalar field, per role field of each role
 * and per line field of each other_costs line), ordered as the fields
 * table, leaving out what F ignores for this input (budget_field_moves_f).
 * A move that would make the plan invalid (a credit above the costs, rent
 * past its cap) stops at the last value that evaluates.  ±10% of a
 * negative amount is × 0.9 and × 1.1.  Returns the number of rows or -1. */
int budget_sensitivity(const struct budget_input *in, struct budget_sens *out, int max,
                       struct cd_err *err);

struct budget_sweep_row {
	int64_t value;                                  /* the swept input, in its unit */
	int64_t compute, data, people, direct, capital; /* cents */
};

/* Evaluate at start, start+step, ... up to and including stop (step > 0,
 * start <= stop, all within the field's range, at most max rows — more is an
 * error saying how many it would take).  Returns the number of rows or -1. */
int budget_sweep(const struct budget_input *in, struct budget_key k, int64_t start, int64_t stop,
                 int64_t step, struct budget_sweep_row *rows, size_t max, struct cd_err *err);

enum budget_goal {
	BUDGET_GOAL_AT_MOST, /* keep F <= target */
	BUDGET_GOAL_AT_LEAST /* make F >= target */
};

/* Goal seek on one input, every other held fixed.  For AT_MOST: the value that
 * keeps F <= target and comes closest to it (the largest value for a cost
 * input, the smallest α or start month).  For AT_LEAST: the smallest cost
 * input / largest α with F >= target.  Exact: F is monotone in each input
 * (rising or falling, read off the two ends), so this is a binary search
 * over the field's whole values, each step an exact evaluation.  Month
 * fields are searched over months 1..months (0 and months past the horizon
 * add nothing); values where the plan would not evaluate (a credit above
 * the costs, rent past its cap) are left out.  A field F ignores for this
 * input (budget_field_moves_f) is refused with CD_ERR_USAGE saying why.
 * When no value works, returns -1 with err->code CD_ERR_INFEASIBLE and a
 * message saying why.  *capital receives F at the answer (may be NULL). */
int budget_seek(const struct budget_input *in, struct budget_key vary, enum budget_goal goal,
                int64_t target, int64_t *value, int64_t *capital, struct cd_err *err);

#endif
