/* fields.c — the table of budget inputs and the keys that name them.
 *
 * One row per input (path, alias, label, unit, range, slider defaults, help)
 * drives validation, --set, sliders, sweep and seek, in the manner of tmux's
 * options table.  Must not evaluate the model (budget.c does) or do I/O.
 * Start at budget_fields[] and budget_key_parse().
 *
 * Why these ranges (all inclusive) cannot overflow int64.  Money is cents
 * except the two unit prices, which are micro-dollars (1 cent = 1e4 µ$):
 *   C <= 1e6 GPUs × 1e8 cents                      = 1e14 cents
 *   D: samples × label_cost is formed exactly in micro-dollars first,
 *      <= 1e10 samples × 1e8 µ$ ($100)             = 1e18 µ$ < INT64_MAX (9.22e18),
 *      then rounded half away from zero to cents   <= 1e14 cents
 *   H <= 32 roles × 1e5 people × 1e7 cents × 240   = 7.68e15 cents
 *   C + D + H                                      < 7.9e15 < 8e15
 *   F <= (C + D + H) × 1e6 / α, α >= 1000          < 7.9e18, + β (1e11)
 *                                                  < 7.9e18 < INT64_MAX (9.22e18)
 * and every intermediate product (one role's count × salary × months <=
 * 2.4e14, the remainder × 1e6 < 1e12 in budget_eval, the rounding's
 * 1e18 + 5e3) is smaller still.  Elsewhere: a sweep row is one such
 * evaluation; a sweep's (stop - start) / step and budget_seek's midpoints
 * stay within a field's range (<= 1e10); the ±10% of budget_sensitivity is
 * (v + 5) / 10 with v <= 1e10.  gpu_hourly_cost (<= 1e9 µ$ an hour) never
 * enters F; burn.c and forecast multiply it by time in their own bounds.
 * The scaling efficiency (millionths, 5e4..1e6) never enters F either.
 */
#include "capdash/budget.h"
#include "capdash/common.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

#define DOLLARS(d) ((int64_t)(d)*100)
#define PRICE(d) ((int64_t)(d)*1000000) /* whole dollars in micro-dollars */

/* Slider ranges are defaults a scenario file may override; step is also the
 * "one step" of budget_sensitivity. */
/* clang-format off */
static const struct budget_field budget_fields[BF__COUNT] = {
	[BF_GPUS] = {
		.id = BF_GPUS, .path = "compute.gpus", .alias = "gpus", .label = "GPUs",
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = 1000000,
		.slider_min = 0, .slider_max = 128, .step = 1,
		.help = "GPUs bought (C = gpus x gpu_unit_cost); a whole number from 0 to 1,000,000",
	},
	[BF_GPU_UNIT_COST] = {
		.id = BF_GPU_UNIT_COST, .path = "compute.gpu_unit_cost", .alias = "gpu_unit_cost",
		.label = "GPU unit cost", .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(1000000), .slider_min = 0, .slider_max = DOLLARS(500000),
		.step = DOLLARS(1000),
		.help = "purchase price per GPU, from $0 to $1,000,000 (cents allowed)",
	},
	[BF_GPU_HOURLY_COST] = {
		.id = BF_GPU_HOURLY_COST, .path = "compute.gpu_hourly_cost",
		.alias = "gpu_hourly_cost", .label = "GPU hourly cost", .unit = BUDGET_UNIT_MICROS,
		.min = 0, .max = PRICE(1000), .slider_min = 0, .slider_max = PRICE(20),
		.step = 100000,
		.help = "rent per GPU-hour, from $0 to $1,000 (up to 6 decimals); prices training "
			"runs and forecasts, not capital F",
	},
	[BF_SAMPLES] = {
		.id = BF_SAMPLES, .path = "data.samples", .alias = "samples", .label = "Samples",
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = INT64_C(10000000000),
		.slider_min = 0, .slider_max = 100000000, .step = 10000, .log_scale = true,
		.help = "labelled samples (D = samples x label_cost); from 0 to 10,000,000,000",
	},
	[BF_LABEL_COST] = {
		.id = BF_LABEL_COST, .path = "data.label_cost", .alias = "label_cost",
		.label = "Label cost", .unit = BUDGET_UNIT_MICROS, .min = 0, .max = PRICE(100),
		.slider_min = 0, .slider_max = PRICE(10), .step = 50000,
		.help = "labelling price per sample, from $0 to $100 (up to 6 decimals, "
			"$0.000001)",
	},
	[BF_MONTHS] = {
		.id = BF_MONTHS, .path = "people.months", .alias = "months", .label = "Months",
		.unit = BUDGET_UNIT_MONTHS, .min = 0, .max = 240,
		.slider_min = 0, .slider_max = 60, .step = 1,
		.help = "months of salaries in H, from 0 to 240 (20 years)",
	},
	[BF_ALPHA] = {
		.id = BF_ALPHA, .path = "capital.alpha", .alias = "alpha",
		.label = "Allocation ratio", .unit = BUDGET_UNIT_ALPHA, .min = BUDGET_ALPHA_MIN,
		.max = BUDGET_ALPHA_ONE, .slider_min = 50000, .slider_max = BUDGET_ALPHA_ONE,
		.step = 10000,
		.help = "alpha, the share of the raise spent on C+D+H (F = (C+D+H)/alpha + beta); "
			"from 0.001 to 1, up to 6 decimals",
	},
	[BF_FIXED_COSTS] = {
		.id = BF_FIXED_COSTS, .path = "capital.fixed_costs", .alias = "fixed_costs",
		.label = "Fixed costs", .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(1000000000), .slider_min = 0, .slider_max = DOLLARS(50000000),
		.step = DOLLARS(100000),
		.help = "beta, costs outside the allocation added to F; from $0 to $1,000,000,000",
	},
	[BF_SCALING_EFFICIENCY] = {
		.id = BF_SCALING_EFFICIENCY, .path = "compute.scaling_efficiency",
		.alias = "scaling_efficiency", .label = "Scaling efficiency",
		.unit = BUDGET_UNIT_ALPHA, .min = BUDGET_SCALING_MIN, .max = BUDGET_ALPHA_ONE,
		.slider_min = BUDGET_SCALING_MIN, .slider_max = BUDGET_ALPHA_ONE, .step = 10000,
		.help = "share of one GPU's throughput each GPU keeps when the plan's GPUs train "
			"together (1 = linear scaling); used by capdash forecast, not by F; "
			"from 0.05 to 1",
	},
	[BF_ROLE_COUNT] = {
		.id = BF_ROLE_COUNT, .path = "people.roles.N.count", .label = "People",
		.unit = BUDGET_UNIT_COUNT, .min = 0, .max = 100000,
		.slider_min = 0, .slider_max = 200, .step = 1,
		.help = "people in this role, from 0 to 100,000 (at most 32 roles)",
	},
	[BF_ROLE_SALARY] = {
		.id = BF_ROLE_SALARY, .path = "people.roles.N.monthly_salary",
		.label = "Monthly salary", .unit = BUDGET_UNIT_CENTS, .min = 0,
		.max = DOLLARS(100000), .slider_min = 0, .slider_max = DOLLARS(60000),
		.step = DOLLARS(500),
		.help = "fully loaded cost per person per month, from $0 to $100,000",
	},
};
/* clang-format on */

/* Extra short names a person might type for --set. */
static const struct {
	const char *name;
	enum budget_field_id id;
} budget_extra_aliases[] = {
        {"unit_cost", BF_GPU_UNIT_COST},
        {"hourly_cost", BF_GPU_HOURLY_COST},
        {"beta", BF_FIXED_COSTS},
};

const struct budget_field *budget_field_get(enum budget_field_id id)
{
	if ((unsigned)id >= BF__COUNT)
		return NULL;
	return &budget_fields[id];
}

static bool is_role_field(enum budget_field_id id)
{
	return id == BF_ROLE_COUNT || id == BF_ROLE_SALARY;
}

char *budget_key_name(struct budget_key k, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (k.id == BF_ROLE_COUNT)
		snprintf(buf, size, "people.roles.%d.count", k.role);
	else if (k.id == BF_ROLE_SALARY)
		snprintf(buf, size, "people.roles.%d.monthly_salary", k.role);
	else if ((unsigned)k.id < BF__COUNT)
		snprintf(buf, size, "%s", budget_fields[k.id].path);
	else
		snprintf(buf, size, "?");
	return buf;
}

int budget_check(struct budget_key k, int64_t v, struct cd_err *err)
{
	const struct budget_field *f = budget_field_get(k.id);
	char name[64], lo[48], hi[48], got[48];

	if (!f)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, "no such input");
	if (v >= f->min && v <= f->max)
		return 0;
	budget_key_name(k, name, sizeof name);
	budget_value_display(f->unit, f->min, lo, sizeof lo);
	budget_value_display(f->unit, f->max, hi, sizeof hi);
	budget_value_display(f->unit, v, got, sizeof got);
	switch (f->unit) {
	case BUDGET_UNIT_COUNT:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  "%s: expected a whole number from %s to %s, got %s", name, lo, hi,
		                  got);
	case BUDGET_UNIT_MONTHS:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  "%s: expected a whole number of months from %s to %s, got %s",
		                  name, lo, hi, got);
	case BUDGET_UNIT_CENTS:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  "%s: expected an amount from %s to %s, got %s", name, lo, hi,
		                  got);
	case BUDGET_UNIT_MICROS:
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  "%s: expected a price from %s to %s (up to 6 decimals), got %s",
		                  name, lo, hi, got);
	case BUDGET_UNIT_ALPHA:
		if (k.id == BF_SCALING_EFFICIENCY)
			return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
			                  "%s: expected a fraction from %s to %s, got %s", name, lo,
			                  hi, got);
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  "%s: expected a ratio above 0 and at most %s (from %s), got %s",
		                  name, hi, lo, got);
	}
	return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0, "%s: out of range", name);
}

/* Role index n of in, or -1 with a message naming the valid indices. */
static int role_index(const char *digits, size_t len, const struct budget_input *in,
                      struct cd_err *err)
{
	int n = 0, nroles = in ? in->nroles : 0;

	for (size_t i = 0; i < len; i++) {
		if (digits[i] < '0' || digits[i] > '9' || n > BUDGET_MAX_ROLES * 10) {
			n = -1;
			break;
		}
		n = n * 10 + (digits[i] - '0');
	}
	if (len == 0)
		n = -1;
	if (n >= 0 && n < nroles)
		return n;
	if (nroles == 0)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  "people.roles.%.*s: no such role (the scenario has no roles)",
		                  (int)len, digits);
	if (nroles == 1)
		return cd_err_set(
		        err, CD_ERR_KEY, NULL, 0, 0,
		        "people.roles.%.*s: no such role (the scenario has 1 role, index 0)",
		        (int)len, digits);
	return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
	                  "people.roles.%.*s: no such role (the scenario has %d roles, 0..%d)",
	                  (int)len, digits, nroles, nroles - 1);
}

/* "N.count" / "N.monthly_salary" after the "people.roles." prefix. */
static int parse_role_key(const char *s, const struct budget_input *in, struct budget_key *out,
                          struct cd_err *err)
{
	static const char *const leaves[] = {"count", "monthly_salary"};
	const char *dot = strchr(s, '.');
	const char *leaf, *best;
	int role;

	role = role_index(s, dot ? (size_t)(dot - s) : strlen(s), in, err);
	if (role < 0)
		return -1;
	if (!dot)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  "people.roles.%d: expected people.roles.%d.count or "
		                  "people.roles.%d.monthly_salary",
		                  role, role, role);
	leaf = dot + 1;
	if (!strcmp(leaf, "count")) {
		out->id = BF_ROLE_COUNT;
	} else if (!strcmp(leaf, "monthly_salary") || !strcmp(leaf, "salary")) {
		out->id = BF_ROLE_SALARY;
	} else {
		if (!strcmp(leaf, "name"))
			return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
			                  "people.roles.%d.name: not a number (numeric role keys "
			                  "are count and monthly_salary)",
			                  role);
		best = cd_suggest(leaf, leaves, CD_ARRAY_LEN(leaves));
		if (best)
			return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
			                  "unknown key \"people.roles.%d.%.40s\" (did you mean "
			                  "\"people.roles.%d.%s\"?)",
			                  role, leaf, role, best);
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  "unknown key \"people.roles.%d.%.40s\" (role keys are count and "
		                  "monthly_salary)",
		                  role, leaf);
	}
	out->role = role;
	return 0;
}

int budget_key_parse(const char *s, const struct budget_input *in, struct budget_key *out,
                     struct cd_err *err)
{
	const char *cands[2 * BF__COUNT + CD_ARRAY_LEN(budget_extra_aliases) + 2];
	const char *best;
	size_t n = 0;

	if (!s || !*s)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  "expected a key such as compute.gpus or gpus, got nothing");
	for (int i = 0; i < BF__COUNT; i++) {
		const struct budget_field *f = &budget_fields[i];

		if (is_role_field(f->id))
			continue;
		if (!strcmp(s, f->path) || (f->alias && !strcmp(s, f->alias))) {
			out->id = f->id;
			out->role = 0;
			return 0;
		}
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(budget_extra_aliases); i++) {
		if (!strcmp(s, budget_extra_aliases[i].name)) {
			out->id = budget_extra_aliases[i].id;
			out->role = 0;
			return 0;
		}
	}
	if (!strncmp(s, "people.roles.", 13))
		return parse_role_key(s + 13, in, out, err);
	if (!strncmp(s, "roles.", 6))
		return parse_role_key(s + 6, in, out, err);

	for (int i = 0; i < BF__COUNT; i++) {
		if (is_role_field(budget_fields[i].id))
			continue;
		cands[n++] = budget_fields[i].path;
		cands[n++] = budget_fields[i].alias;
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(budget_extra_aliases); i++)
		cands[n++] = budget_extra_aliases[i].name;
	cands[n++] = "people.roles.0.count";
	cands[n++] = "people.roles.0.monthly_salary";
	best = cd_suggest(s, cands, n);
	if (best)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  "unknown key \"%.60s\" (did you mean \"%s\"?)", s, best);
	return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
	                  "unknown key \"%.40s\" (keys: gpus, gpu_unit_cost, gpu_hourly_cost, "
	                  "samples, label_cost, months, alpha, fixed_costs, scaling_efficiency, "
	                  "people.roles.N.count, "
	                  "people.roles.N.monthly_salary, or their dotted paths)",
	                  s);
}

/* The slot k names in in, or NULL when the role does not exist. */
static const int64_t *slot(const struct budget_input *in, struct budget_key k)
{
	switch (k.id) {
	case BF_GPUS:
		return &in->gpus;
	case BF_GPU_UNIT_COST:
		return &in->gpu_unit_cost;
	case BF_GPU_HOURLY_COST:
		return &in->gpu_hourly_cost;
	case BF_SAMPLES:
		return &in->samples;
	case BF_LABEL_COST:
		return &in->label_cost;
	case BF_MONTHS:
		return &in->months;
	case BF_ALPHA:
		return &in->alpha;
	case BF_FIXED_COSTS:
		return &in->fixed_costs;
	case BF_SCALING_EFFICIENCY:
		return &in->scaling_efficiency;
	case BF_ROLE_COUNT:
	case BF_ROLE_SALARY:
		if (k.role < 0 || k.role >= in->nroles || k.role >= BUDGET_MAX_ROLES)
			return NULL;
		return k.id == BF_ROLE_COUNT ? &in->roles[k.role].count
		                             : &in->roles[k.role].monthly_salary;
	case BF__COUNT:
		break;
	}
	return NULL;
}

int64_t budget_get(const struct budget_input *in, struct budget_key k)
{
	const int64_t *p = slot(in, k);

	return p ? *p : 0;
}

int budget_set(struct budget_input *in, struct budget_key k, int64_t v, struct cd_err *err)
{
	const int64_t *p = slot(in, k);
	char digits[16];

	if (!p) {
		if (!is_role_field(k.id))
			return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, "no such input");
		snprintf(digits, sizeof digits, "%d", k.role);
		return role_index(digits, strlen(digits), in, err);
	}
	if (budget_check(k, v, err) < 0)
		return -1;
	/* slot() hands out const pointers into in, which we own here. */
	*(int64_t *)p = v;
	return 0;
}
