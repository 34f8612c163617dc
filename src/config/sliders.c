/* sliders.c — the optional sliders: (or ranges:) section of a scenario.
 *
 * Each input may get its own slider range and step:
 *   sliders:
 *     compute.gpus: {min: 0, max: 64, step: 1}
 *     data: {samples: {min: 10000, max: 10000000}}
 * Dotted and nested keys mean the same; short aliases (gpus, alpha) work too.
 * A mapping holding min, max or step is a range; anything else is a level of
 * nesting.  Values are in the input's own unit and checked against its field
 * range; min <= max and step > 0.  Start at scenario_sliders().
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <string.h>

#include "capdash/common.h"

#define SLIDER_PATH_MAX 200

static const char *const slider_paths[BF__COUNT] = {
        [BF_GPUS] = "compute.gpus",
        [BF_GPU_UNIT_COST] = "compute.gpu_unit_cost",
        [BF_GPU_HOURLY_COST] = "compute.gpu_hourly_cost",
        [BF_SAMPLES] = "data.samples",
        [BF_LABEL_COST] = "data.label_cost",
        [BF_MONTHS] = "people.months",
        [BF_ALPHA] = "capital.alpha",
        [BF_FIXED_COSTS] = "capital.fixed_costs",
        [BF_SCALING_EFFICIENCY] = "compute.scaling_efficiency",
        [BF_PURCHASE_MONTH] = "compute.purchase_month",
        [BF_RENT_FROM] = "compute.rent_from",
        [BF_RENT_TO] = "compute.rent_to",
        [BF_HOURS_PER_MONTH] = "compute.hours_per_month",
        [BF_UTILISATION] = "compute.utilisation",
        [BF_DATA_FROM] = "data.from",
        [BF_DATA_TO] = "data.to",
        [BF_RAISED] = "capital.raised",
        [BF_CASH_AT_START] = "capital.cash_at_start",
        [BF_ROLE_COUNT] = "people.roles.count",
        [BF_ROLE_SALARY] = "people.roles.monthly_salary",
        [BF_ROLE_START] = "people.roles.start_month",
        [BF_ROLE_END] = "people.roles.end_month",
        [BF_COST_AMOUNT] = "other_costs.amount",
        [BF_COST_FROM] = "other_costs.from",
        [BF_COST_TO] = "other_costs.to",
};

/* Other spellings a file may use for a slider key, as the sections do. */
static const struct {
	const char *path;
	enum budget_field_id id;
} slider_synonyms[] = {
        {"data.month", BF_DATA_FROM},
        {"compute.utilization", BF_UTILISATION},
        {"other_costs.month", BF_COST_FROM},
};

const char *scenario_slider_path(enum budget_field_id id)
{
	return (unsigned)id < BF__COUNT ? slider_paths[id] : NULL;
}

struct slider_walk {
	struct cfg_ctx *c;
	const char *section;
	struct scenario *sc;
	unsigned first_line[BF__COUNT]; /* 0: not given yet */
};

static int find_field(const char *path)
{
	for (int id = 0; id < BF__COUNT; id++) {
		const struct budget_field *f = budget_field_get((enum budget_field_id)id);

		if (!strcmp(path, slider_paths[id]) || (f->alias && !strcmp(path, f->alias)))
			return id;
	}
	for (size_t i = 0; i < CD_ARRAY_LEN(slider_synonyms); i++)
		if (!strcmp(path, slider_synonyms[i].path))
			return (int)slider_synonyms[i].id;
	return -1;
}

/* One {min, max, step} for the input at path; key is where it was named. */
static void apply(struct slider_walk *w, const struct ynode *key, const char *path,
                  const struct ynode *spec)
{
	static const char *const keys[] = {"min", "max", "step"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	char full[SLIDER_PATH_MAX + 64], sub[SLIDER_PATH_MAX + 80];
	const struct budget_field *f;
	struct scenario_range r;
	struct budget_key k;
	int id = find_field(path), bad = 0;
	int64_t x[3];

	cfg_join(full, sizeof full, w->section, path);
	if (id < 0) {
		const char *best = NULL;

		if (!(w->c->errs && w->c->errs->n >= CD_ERRLIST_MAX))
			best = cd_suggest(path, slider_paths, BF__COUNT);
		if (best)
			cfg_error(w->c, key, CD_ERR_KEY,
			          _("%s: unknown input (did you mean \"%s\"?)"), full, best);
		else
			cfg_error(w->c, key, CD_ERR_KEY,
			          _("%s: unknown input (expected an input such as compute.gpus, "
			            "data.samples, people.roles.count or capital.alpha)"),
			          full);
		return;
	}
	if (w->first_line[id]) {
		cfg_error(w->c, key, CD_ERR_KEY, _("%s: duplicate range (first given at line %u)"),
		          full, w->first_line[id]);
		return;
	}
	w->first_line[id] = key ? key->line : 1;
	if (!cfg_map(w->c, spec, full, keys, 3, v, 0, _("a range {min, max, step}")))
		return;
	f = budget_field_get((enum budget_field_id)id);
	k = (struct budget_key){(enum budget_field_id)id, 0};
	x[0] = f->slider_min, x[1] = f->slider_max, x[2] = f->step;
	for (int i = 0; i < 3; i++) {
		snprintf(sub, sizeof sub, "%s.%s", full, keys[i]);
		if (v[i] && cfg_budget_value(w->c, v[i], sub, k, &x[i]) < 0)
			bad = 1;
	}
	if (bad)
		return;
	/* A range given on one side only keeps the default on the other unless
	 * that would cross it. */
	if (v[0] && !v[1] && x[1] < x[0])
		x[1] = f->max < x[0] ? x[0] : (f->slider_max > x[0] ? f->slider_max : f->max);
	if (v[1] && !v[0] && x[0] > x[1])
		x[0] = f->min;
	if (x[0] > x[1]) {
		char lo[48], hi[48];

		cfg_error(w->c, v[0], CD_ERR_RANGE,
		          _("%s: expected min <= max, got min %s and max %s"), full,
		          budget_value_str(f->unit, x[0], lo, sizeof lo),
		          budget_value_str(f->unit, x[1], hi, sizeof hi));
		return;
	}
	if (x[2] <= 0) {
		snprintf(sub, sizeof sub, "%s.step", full);
		cfg_error(w->c, v[2], CD_ERR_RANGE, _("%s: expected a step above 0, got 0"), sub);
		return;
	}
	r.set = true;
	r.min = x[0], r.max = x[1], r.step = x[2];
	w->sc->range[id] = r;
}

static bool is_range(const struct ynode *n)
{
	if (n->kind != YN_MAP)
		return false;
	for (size_t p = 0; p + 1 < n->nkid; p += 2) {
		const struct ynode *k = n->kid[p];

		if (k->kind == YN_SCALAR && (!strcmp(k->text, "min") || !strcmp(k->text, "max") ||
		                             !strcmp(k->text, "step")))
			return true;
	}
	return false;
}

static void walk(struct slider_walk *w, const struct ynode *key, const char *prefix,
                 const struct ynode *n)
{
	char path[SLIDER_PATH_MAX + 1], full[SLIDER_PATH_MAX + 64], got[64];

	if (n->kind == YN_ALIAS)
		return;
	if (*prefix && (is_range(n) || find_field(prefix) >= 0)) {
		apply(w, key, prefix, n);
		return;
	}
	if (n->kind != YN_MAP) {
		cfg_join(full, sizeof full, w->section, prefix);
		cfg_error(w->c, n, CD_ERR_TYPE,
		          _("%s: expected a range {min, max, step} or a mapping of inputs, got %s"),
		          full, cfg_got(n, got, sizeof got));
		return;
	}
	for (size_t p = 0; p + 1 < n->nkid; p += 2) {
		const struct ynode *k = n->kid[p];

		if (k->kind == YN_ALIAS)
			continue;
		if (k->kind != YN_SCALAR || strlen(k->text) != k->len ||
		    strlen(prefix) + 1 + k->len > SLIDER_PATH_MAX) {
			cfg_join(full, sizeof full, w->section, prefix);
			cfg_error(w->c, k, CD_ERR_KEY, _("%s: expected an input name, got %s"),
			          full, cfg_got(k, got, sizeof got));
			continue;
		}
		cfg_join(path, sizeof path, prefix, k->text);
		walk(w, k, path, n->kid[p + 1]);
	}
}

/* The walk of walk() without the checks: the range mapping of field id. */
static const struct ynode *find_spec(const struct ynode *n, const char *prefix, int id)
{
	char path[SLIDER_PATH_MAX + 1];

	if (n->kind == YN_ALIAS)
		return NULL;
	if (*prefix && (is_range(n) || find_field(prefix) >= 0))
		return find_field(prefix) == id && n->kind == YN_MAP ? n : NULL;
	if (n->kind != YN_MAP)
		return NULL;
	for (size_t p = 0; p + 1 < n->nkid; p += 2) {
		const struct ynode *k = n->kid[p], *r;

		if (k->kind != YN_SCALAR || strlen(k->text) != k->len ||
		    strlen(prefix) + 1 + k->len > SLIDER_PATH_MAX)
			continue;
		cfg_join(path, sizeof path, prefix, k->text);
		if ((r = find_spec(n->kid[p + 1], path, id)))
			return r;
	}
	return NULL;
}

const struct ynode *scenario_slider_spec(const struct ynode *sliders, enum budget_field_id id)
{
	return sliders ? find_spec(sliders, "", (int)id) : NULL;
}

void scenario_sliders(struct cfg_ctx *c, const struct ynode *n, const char *section,
                      struct scenario *sc)
{
	struct slider_walk w;

	memset(&w, 0, sizeof w);
	w.c = c;
	w.section = section;
	w.sc = sc;
	if (cfg_is_null(n))
		return;
	walk(&w, NULL, "", n);
}
