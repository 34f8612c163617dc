/* diff.c — compare two plans input by input and figure by figure (diff.h).
 *
 * Inputs are read with budget_get, so a value is compared as what it stands
 * for (hours_per_month 0 and 730 are one value).  The raise is compared only
 * when either side sets it: unset it follows F, whose change the results
 * already show.  Pure: no I/O.
 */
#include "capdash/diff.h"

#include <stdio.h>
#include <string.h>

static struct budget_diff_item *next_item(struct budget_diff *d)
{
	struct budget_diff_item *it = &d->items[d->n++];

	memset(it, 0, sizeof *it);
	return it;
}

static void add_value(struct budget_diff *d, const struct budget_input *a,
                      const struct budget_input *b, struct budget_key k)
{
	int64_t va = budget_get(a, k), vb = budget_get(b, k);
	struct budget_diff_item *it;

	if (va == vb)
		return;
	it = next_item(d);
	budget_key_name(k, it->key, sizeof it->key);
	it->kind = BUDGET_DIFF_VALUE;
	it->unit = budget_field_get(k.id)->unit;
	it->a = va;
	it->b = vb;
}

static void add_word(struct budget_diff *d, const char *key, const char *wa, const char *wb)
{
	struct budget_diff_item *it;

	if (!strcmp(wa, wb))
		return;
	it = next_item(d);
	snprintf(it->key, sizeof it->key, "%s", key);
	it->kind = BUDGET_DIFF_WORD;
	snprintf(it->a_word, sizeof it->a_word, "%s", wa);
	snprintf(it->b_word, sizeof it->b_word, "%s", wb);
}

static void add_only(struct budget_diff *d, const char *key, bool in_a, const char *name)
{
	struct budget_diff_item *it = next_item(d);

	snprintf(it->key, sizeof it->key, "%s", key);
	it->kind = in_a ? BUDGET_DIFF_ONLY_A : BUDGET_DIFF_ONLY_B;
	snprintf(in_a ? it->a_word : it->b_word, BUDGET_DIFF_WORD_MAX, "%s", name);
}

static void diff_roles(struct budget_diff *d, const struct budget_input *a,
                       const struct budget_input *b)
{
	static const enum budget_field_id ids[] = {BF_ROLE_COUNT, BF_ROLE_SALARY, BF_ROLE_START,
	                                           BF_ROLE_END};
	int n = a->nroles > b->nroles ? a->nroles : b->nroles;
	char key[BUDGET_DIFF_KEY_MAX];

	for (int r = 0; r < n; r++) {
		snprintf(key, sizeof key, "people.roles.%d", r);
		if (r >= b->nroles) {
			add_only(d, key, true, a->roles[r].name);
			continue;
		}
		if (r >= a->nroles) {
			add_only(d, key, false, b->roles[r].name);
			continue;
		}
		snprintf(key, sizeof key, "people.roles.%d.name", r);
		add_word(d, key, a->roles[r].name, b->roles[r].name);
		for (size_t f = 0; f < sizeof ids / sizeof ids[0]; f++)
			add_value(d, a, b, (struct budget_key){ids[f], r});
	}
}

static void diff_costs(struct budget_diff *d, const struct budget_input *a,
                       const struct budget_input *b)
{
	static const enum budget_field_id ids[] = {BF_COST_AMOUNT, BF_COST_FROM, BF_COST_TO};
	int n = a->ncosts > b->ncosts ? a->ncosts : b->ncosts;
	char key[BUDGET_DIFF_KEY_MAX];

	for (int c = 0; c < n; c++) {
		const struct budget_cost *ca = &a->costs[c], *cb = &b->costs[c];

		snprintf(key, sizeof key, "other_costs.%d", c);
		if (c >= b->ncosts) {
			add_only(d, key, true, ca->name);
			continue;
		}
		if (c >= a->ncosts) {
			add_only(d, key, false, cb->name);
			continue;
		}
		snprintf(key, sizeof key, "other_costs.%d.name", c);
		add_word(d, key, ca->name, cb->name);
		snprintf(key, sizeof key, "other_costs.%d.schedule", c);
		add_word(d, key, ca->monthly ? "monthly" : "once",
		         cb->monthly ? "monthly" : "once");
		snprintf(key, sizeof key, "other_costs.%d.allocation", c);
		add_word(d, key, ca->outside ? "outside" : "inside",
		         cb->outside ? "outside" : "inside");
		for (size_t f = 0; f < sizeof ids / sizeof ids[0]; f++)
			add_value(d, a, b, (struct budget_key){ids[f], c});
	}
}

int budget_diff_figures(const struct budget_input *a, const struct budget_input *b,
                        struct budget_result *ra, struct budget_result *rb,
                        struct budget_diff_delta *dl, struct cd_err *err)
{
	struct budget_result xa, xb;
	struct cd_err e;

	if (!ra)
		ra = &xa;
	if (!rb)
		rb = &xb;
	if (budget_eval(a, ra, &e) < 0)
		return cd_err_set(err, e.code, NULL, 0, 0, "A: %s", e.msg);
	if (budget_eval(b, rb, &e) < 0)
		return cd_err_set(err, e.code, NULL, 0, 0, "B: %s", e.msg);
	/* Each figure is within [-8.7e15, 8.71e18] (budget.h), so no difference
	 * of two can overflow. */
	dl->compute = rb->compute - ra->compute;
	dl->data = rb->data - ra->data;
	dl->people = rb->people - ra->people;
	dl->other = rb->other - ra->other;
	dl->outside = rb->outside - ra->outside;
	dl->direct = rb->direct - ra->direct;
	dl->capital = budget_delta(rb, ra);
	for (int r = 0; r < BUDGET_MAX_ROLES; r++)
		dl->role_cost[r] = (r < b->nroles ? rb->role_cost[r] : 0) -
		                   (r < a->nroles ? ra->role_cost[r] : 0);
	return 0;
}

int budget_diff_results(const struct budget_input *a, const struct budget_input *b,
                        struct budget_diff *out, struct cd_err *err)
{
	out->n = 0;
	return budget_diff_figures(a, b, &out->a, &out->b, &out->delta, err);
}

int budget_diff(const struct budget_input *a, const struct budget_input *b, struct budget_diff *out,
                struct cd_err *err)
{
	if (budget_diff_results(a, b, out, err) < 0)
		return -1;
	size_t norder;
	const int *order = budget_input_order(&norder);

	for (size_t i = 0; i < norder; i++) {
		int id = order[i];

		if (id == BUDGET_ORDER_MODE)
			add_word(out, "compute.mode",
			         a->compute_mode == BUDGET_RENT ? "rent" : "buy",
			         b->compute_mode == BUDGET_RENT ? "rent" : "buy");
		else if (id == BUDGET_ORDER_SCHEDULE)
			add_word(out, "data.schedule", a->data_spread ? "spread" : "once",
			         b->data_spread ? "spread" : "once");
		else if (id == BUDGET_ORDER_ROLES)
			diff_roles(out, a, b);
		else if (id == BUDGET_ORDER_COSTS)
			diff_costs(out, a, b);
		else if (id != BF_RAISED || a->raised_set || b->raised_set)
			add_value(out, a, b, (struct budget_key){(enum budget_field_id)id, 0});
	}
	return out->n;
}

int64_t budget_diff_value(const struct budget_input *a, const struct budget_input *b,
                          struct budget_key k)
{
	bool listed = k.id >= BF_ROLE_COUNT;
	bool cost = k.id >= BF_COST_AMOUNT;
	int na = cost ? a->ncosts : a->nroles, nb = cost ? b->ncosts : b->nroles;
	int64_t va = listed && k.role >= na ? 0 : budget_get(a, k);
	int64_t vb = listed && k.role >= nb ? 0 : budget_get(b, k);

	return vb - va;
}
