/* keys.c — the keys that name budget inputs ("compute.gpus", "gpus",
 * "people.roles.1.start_month", "other_costs.0.amount") and the range-checked
 * reads and writes through them.
 *
 * The fields table (fields.c) says what each input is; this file only maps
 * text to a struct budget_key and a key to its slot in struct budget_input.
 * Must not do I/O.  Start at budget_key_parse().
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"
#include "capdash/common.h"
#include "model_int.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

/* Extra names a person might type for --set. */
static const struct {
	const char *name;
	enum budget_field_id id;
} extra_aliases[] = {
        {"unit_cost", BF_GPU_UNIT_COST},
        {"hourly_cost", BF_GPU_HOURLY_COST},
        {"beta", BF_FIXED_COSTS},
        {"utilization", BF_UTILISATION},
        {"compute.utilization", BF_UTILISATION},
        {"data.month", BF_DATA_FROM},
};

/* Keys the scenario layer reads as text, not numbers: named so that --set
 * compute.mode=rent here gets a message saying what it is, not "unknown". */
static const char *const text_keys[] = {"compute.mode", "data.schedule"};

/* The leaves of a role and of an other_costs line, with their fields. */
struct leaf {
	const char *name;
	enum budget_field_id id;
};

static const struct leaf role_leaves[] = {
        {"count", BF_ROLE_COUNT},   {"monthly_salary", BF_ROLE_SALARY},
        {"salary", BF_ROLE_SALARY}, {"start_month", BF_ROLE_START},
        {"end_month", BF_ROLE_END}, {"start", BF_ROLE_START},
        {"end", BF_ROLE_END},
};

static const struct leaf cost_leaves[] = {
        {"amount", BF_COST_AMOUNT},
        {"month", BF_COST_FROM},
        {"from", BF_COST_FROM},
        {"to", BF_COST_TO},
};

/* A list of per-item keys: roles or other cost lines. */
struct item_list {
	const char *prefix; /* "people.roles" */
	const char *noun;   /* "role" */
	const char *plural; /* "roles" */
	const struct leaf *leaves;
	size_t nleaves;
	const char *numeric; /* for messages: "count, monthly_salary, start_month and end_month" */
	const char *text;    /* leaves the scenario layer reads as text */
};

static const struct item_list roles_list = {
        "people.roles",
        "role",
        "roles",
        role_leaves,
        CD_ARRAY_LEN(role_leaves),
        "count, monthly_salary, start_month and end_month",
        "name",
};

static const struct item_list costs_list = {
        "other_costs",
        "line",
        "other cost lines",
        cost_leaves,
        CD_ARRAY_LEN(cost_leaves),
        "amount, month, from and to",
        "name monthly once allocation",
};

char *budget_key_name(struct budget_key k, char *buf, size_t size)
{
	static const char *const leaf[BF__COUNT] = {
	        [BF_ROLE_COUNT] = "count",
	        [BF_ROLE_SALARY] = "monthly_salary",
	        [BF_ROLE_START] = "start_month",
	        [BF_ROLE_END] = "end_month",
	        [BF_COST_AMOUNT] = "amount",
	        [BF_COST_FROM] = "from",
	        [BF_COST_TO] = "to",
	};

	if (!size)
		return buf;
	if (model_is_role_field(k.id))
		snprintf(buf, size, "people.roles.%d.%s", k.role, leaf[k.id]);
	else if (model_is_cost_field(k.id))
		snprintf(buf, size, "other_costs.%d.%s", k.role, leaf[k.id]);
	else if ((unsigned)k.id < BF__COUNT)
		snprintf(buf, size, "%s", budget_field_get(k.id)->path);
	else
		snprintf(buf, size, "?");
	return buf;
}

static int list_count(const struct item_list *l, const struct budget_input *in)
{
	if (!in)
		return 0;
	return l == &roles_list ? in->nroles : in->ncosts;
}

/* Index n of list l in in, or -1 with a message naming the valid indices. */
static int item_index(const struct item_list *l, const char *digits, size_t len,
                      const struct budget_input *in, struct cd_err *err)
{
	int n = 0, count = list_count(l, in);

	for (size_t i = 0; i < len; i++) {
		if (digits[i] < '0' || digits[i] > '9' || n > BUDGET_MAX_ROLES * 10) {
			n = -1;
			break;
		}
		n = n * 10 + (digits[i] - '0');
	}
	if (len == 0)
		n = -1;
	if (n >= 0 && n < count)
		return n;
	if (count <= 0)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s.%.*s: no such %s (the scenario has no %s)"), l->prefix,
		                  (int)len, digits, l->noun, l->plural);
	if (count == 1)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s.%.*s: no such %s (the scenario has 1 %s, index 0)"),
		                  l->prefix, (int)len, digits, l->noun, l->noun);
	return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
	                  _("%s.%.*s: no such %s (the scenario has %d %s, 0..%d)"), l->prefix,
	                  (int)len, digits, l->noun, count, l->plural, count - 1);
}

/* Whether word is one of the space-separated words in list. */
static bool in_words(const char *word, const char *list)
{
	size_t n = strlen(word);

	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && !strncmp(p, word, n))
			return true;
		p += len + (e ? 1 : 0);
	}
	return false;
}

/* "N.leaf" after the list's prefix and its dot. */
static int parse_item_key(const struct item_list *l, const char *s, const struct budget_input *in,
                          struct budget_key *out, struct cd_err *err)
{
	const char *cands[8];
	const char *dot = strchr(s, '.');
	const char *leaf, *best;
	int idx;

	idx = item_index(l, s, dot ? (size_t)(dot - s) : strlen(s), in, err);
	if (idx < 0)
		return -1;
	if (!dot)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s.%d: expected %s.%d.%s (numeric keys are %s)"), l->prefix,
		                  idx, l->prefix, idx, l->leaves[0].name, l->numeric);
	leaf = dot + 1;
	for (size_t i = 0; i < l->nleaves; i++) {
		if (!strcmp(leaf, l->leaves[i].name)) {
			out->id = l->leaves[i].id;
			out->role = idx;
			return 0;
		}
	}
	if (in_words(leaf, l->text))
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s.%d.%s: not a number (numeric keys are %s)"), l->prefix, idx,
		                  leaf, l->numeric);
	for (size_t i = 0; i < l->nleaves && i < CD_ARRAY_LEN(cands); i++)
		cands[i] = l->leaves[i].name;
	best = cd_suggest(leaf, cands, l->nleaves < 8 ? l->nleaves : 8);
	if (best)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("unknown key \"%s.%d.%.40s\" (did you mean \"%s.%d.%s\"?)"),
		                  l->prefix, idx, leaf, l->prefix, idx, best);
	return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
	                  _("unknown key \"%s.%d.%.40s\" (%s keys are %s)"), l->prefix, idx, leaf,
	                  l->noun, l->numeric);
}

int budget_key_parse(const char *s, const struct budget_input *in, struct budget_key *out,
                     struct cd_err *err)
{
	const char *cands[2 * BF__COUNT + CD_ARRAY_LEN(extra_aliases) + 4];
	const char *best;
	size_t n = 0;

	if (!s || !*s)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("expected a key such as compute.gpus or gpus, got nothing"));
	for (int i = 0; i < BF__COUNT; i++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)i);

		if (model_is_role_field(f->id) || model_is_cost_field(f->id))
			continue;
		if (!strcmp(s, f->path) || (f->alias && !strcmp(s, f->alias))) {
			out->id = f->id;
			out->role = 0;
			return 0;
		}
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(extra_aliases); i++) {
		if (!strcmp(s, extra_aliases[i].name)) {
			out->id = extra_aliases[i].id;
			out->role = 0;
			return 0;
		}
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(text_keys); i++)
		if (!strcmp(s, text_keys[i]))
			return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("%s: not a number (%s)"),
			                  s, i == 0 ? "buy or rent" : "once or spread");
	if (!strncmp(s, "people.roles.", 13))
		return parse_item_key(&roles_list, s + 13, in, out, err);
	if (!strncmp(s, "roles.", 6))
		return parse_item_key(&roles_list, s + 6, in, out, err);
	if (!strncmp(s, "other_costs.", 12))
		return parse_item_key(&costs_list, s + 12, in, out, err);

	for (int i = 0; i < BF__COUNT; i++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)i);

		if (model_is_role_field(f->id) || model_is_cost_field(f->id))
			continue;
		cands[n++] = f->path;
		cands[n++] = f->alias;
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(extra_aliases); i++)
		cands[n++] = extra_aliases[i].name;
	cands[n++] = "people.roles.0.count";
	cands[n++] = "people.roles.0.monthly_salary";
	cands[n++] = "other_costs.0.amount";
	best = cd_suggest(s, cands, n);
	if (best)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("unknown key \"%.60s\" (did you mean \"%s\"?)"), s, best);
	return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
	                  _("unknown key \"%.40s\" (keys: gpus, samples, months, alpha, raised, "
	                    "the dotted paths of capdash-scenario(5), people.roles.N.count, "
	                    "other_costs.N.amount, ...)"),
	                  s);
}

/* The slot k names in in, or NULL when the role or line does not exist. */
static const int64_t *slot(const struct budget_input *in, struct budget_key k)
{
	const struct budget_role *r;
	const struct budget_cost *c;

	if (model_is_role_field(k.id)) {
		if (k.role < 0 || k.role >= in->nroles || k.role >= BUDGET_MAX_ROLES)
			return NULL;
		r = &in->roles[k.role];
		return k.id == BF_ROLE_COUNT    ? &r->count
		       : k.id == BF_ROLE_SALARY ? &r->monthly_salary
		       : k.id == BF_ROLE_START  ? &r->start_month
		                                : &r->end_month;
	}
	if (model_is_cost_field(k.id)) {
		if (k.role < 0 || k.role >= in->ncosts || k.role >= BUDGET_MAX_COSTS)
			return NULL;
		c = &in->costs[k.role];
		return k.id == BF_COST_AMOUNT ? &c->amount
		       : k.id == BF_COST_FROM ? &c->from
		                              : &c->to;
	}
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
	case BF_PURCHASE_MONTH:
		return &in->purchase_month;
	case BF_RENT_FROM:
		return &in->rent_from;
	case BF_RENT_TO:
		return &in->rent_to;
	case BF_HOURS_PER_MONTH:
		return &in->hours_per_month;
	case BF_UTILISATION:
		return &in->utilisation;
	case BF_DATA_FROM:
		return &in->data_from;
	case BF_DATA_TO:
		return &in->data_to;
	case BF_RAISED:
		return &in->raised;
	case BF_CASH_AT_START:
		return &in->cash_at_start;
	default:
		break;
	}
	return NULL;
}

/* Fields whose 0 is a stand-in read back as what it stands for, so that a
 * value read is always one budget_set takes (a slider starts at 730 hours,
 * not at 0).  Month fields keep their 0: an end of 0 follows the horizon. */
int64_t budget_get(const struct budget_input *in, struct budget_key k)
{
	const int64_t *p = slot(in, k);
	struct budget_result r;

	if (!p)
		return 0;
	if (k.id == BF_RAISED && !in->raised_set)
		return budget_eval(in, &r, NULL) == 0 ? r.capital : 0;
	if (k.id == BF_HOURS_PER_MONTH && *p == 0)
		return BUDGET_HOURS_PER_MONTH;
	if (k.id == BF_UTILISATION && *p == 0)
		return BUDGET_ALPHA_ONE;
	return *p;
}

int budget_set(struct budget_input *in, struct budget_key k, int64_t v, struct cd_err *err)
{
	const int64_t *p = slot(in, k);
	char digits[16];

	if (!p) {
		snprintf(digits, sizeof digits, "%d", k.role);
		if (model_is_role_field(k.id))
			return item_index(&roles_list, digits, strlen(digits), in, err);
		if (model_is_cost_field(k.id))
			return item_index(&costs_list, digits, strlen(digits), in, err);
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("no such input"));
	}
	if (budget_check(k, v, err) < 0)
		return -1;
	/* slot() hands out const pointers into in, which we own here. */
	*(int64_t *)p = v;
	if (k.id == BF_RAISED)
		in->raised_set = true;
	return 0;
}

const int *budget_input_order(size_t *n)
{
	static const int order[] = {
	        BF_GPUS,
	        BF_GPU_UNIT_COST,
	        BF_GPU_HOURLY_COST,
	        BF_SCALING_EFFICIENCY,
	        BUDGET_ORDER_MODE,
	        BF_PURCHASE_MONTH,
	        BF_RENT_FROM,
	        BF_RENT_TO,
	        BF_HOURS_PER_MONTH,
	        BF_UTILISATION,
	        BF_SAMPLES,
	        BF_LABEL_COST,
	        BUDGET_ORDER_SCHEDULE,
	        BF_DATA_FROM,
	        BF_DATA_TO,
	        BF_MONTHS,
	        BUDGET_ORDER_ROLES,
	        BUDGET_ORDER_COSTS,
	        BF_ALPHA,
	        BF_FIXED_COSTS,
	        BF_RAISED,
	        BF_CASH_AT_START,
	};
	/* Every scalar field once (all but the 4 per-role and 3 per-line
	 * fields) and the 4 places past the table: a new field cannot be left
	 * out unseen. */
	_Static_assert(sizeof order / sizeof order[0] == BF__COUNT - 7 + 4,
	               "budget_input_order: a field is missing from order[]");
	*n = sizeof order / sizeof order[0];
	return order;
}

int model_keys_moving_f(const struct budget_input *in, struct budget_key *keys, int max)
{
	int n = 0;

	for (int id = 0; id < BF__COUNT && n < max; id++) {
		int nkeys = 1;

		if (model_is_role_field((enum budget_field_id)id))
			nkeys = in->nroles;
		else if (model_is_cost_field((enum budget_field_id)id))
			nkeys = in->ncosts;
		if (!budget_field_moves_f(in, (enum budget_field_id)id))
			continue;
		for (int r = 0; r < nkeys && n < max; r++)
			keys[n++] = (struct budget_key){(enum budget_field_id)id, r};
	}
	return n;
}
