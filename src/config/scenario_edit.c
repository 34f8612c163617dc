/* scenario_edit.c — saving a scenario over the file it came from by editing
 * that file's text in place.
 *
 * libyaml's events carry no comments, so a file rendered from the struct
 * loses them, and gains every key with a default.  Instead the file is
 * parsed again (ytree keeps each value's byte span), the loaded scenario is
 * compared with the one to save, and only the differences become edits:
 * a changed value is replaced at its span, a key the file lacked is inserted
 * at the end of its section (matching indentation, or inside the braces of a
 * flow mapping), a role is appended or removed in the list's own style.  What
 * cannot be said that way (a run section or slider range taken away, a block
 * list of roles emptied) gives NULL, and scenario_save.c writes the whole
 * document instead.  Must not write files.  Start at scenario_edit_text().
 */
#include "scenario_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

void ed_add_at(struct editor *e, size_t beg, size_t end, const char *text, unsigned depth)
{
	if (e->fail)
		return;
	if (e->n == EDIT_MAX || beg > end || end > e->len || !(e->v[e->n].text = strdup(text))) {
		e->fail = true;
		return;
	}
	e->v[e->n].beg = beg;
	e->v[e->n].end = end;
	e->v[e->n].seq = e->n;
	e->v[e->n].depth = depth;
	e->n++;
}

void ed_add(struct editor *e, size_t beg, size_t end, const char *text)
{
	ed_add_at(e, beg, end, text, 0);
}

/* Just past the line break that ends the line holding offset p - 1: where a
 * line inserted after something that ends at p goes. */
size_t ed_line_after(const struct editor *e, size_t p)
{
	if (p > 0 && e->t[p - 1] == '\n')
		return p;
	while (p < e->len && e->t[p] != '\n')
		p++;
	return p < e->len ? p + 1 : p;
}

size_t ed_line_start(const struct editor *e, size_t p)
{
	while (p > 0 && e->t[p - 1] != '\n')
		p--;
	return p;
}

/* Only blanks and at most one "- " between the start of p's line and p. */
bool ed_starts_line(const struct editor *e, size_t p, bool dash_ok)
{
	for (size_t i = ed_line_start(e, p); i < p; i++) {
		if (e->t[i] == '-' && dash_ok) {
			dash_ok = false;
			continue;
		}
		if (e->t[i] != ' ')
			return false;
	}
	return true;
}

/* ---- edits on the tree ---- */

const struct ynode *ed_get(const struct ynode *map, const char *key, size_t *idx)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t p = 0; p + 1 < map->nkid; p += 2)
		if (map->kid[p]->kind == YN_SCALAR && !strcmp(map->kid[p]->text, key)) {
			if (idx)
				*idx = p;
			return map->kid[p + 1];
		}
	return NULL;
}

void ed_replace(struct editor *e, const struct ynode *n, const char *text)
{
	char buf[8400];

	if (n->kind != YN_SCALAR && !(n->kind == YN_SEQ || n->kind == YN_MAP)) {
		e->fail = true;
		return;
	}
	/* An empty value has no span to replace; a block scalar's span takes
	 * its line break along. */
	if (n->beg >= n->end) {
		e->fail = true;
		return;
	}
	if (n->style == '|' || n->style == '>') {
		snprintf(buf, sizeof buf, "%s%s", text, e->nl);
		text = buf;
	}
	ed_add(e, n->beg, n->end, text);
}

/* "indent" spaces into buf. */
char *ed_spaces(unsigned n, char *buf, size_t size)
{
	if (n >= size)
		n = (unsigned)size - 1;
	memset(buf, ' ', n);
	buf[n] = '\0';
	return buf;
}

/* Add key: value (value already YAML text) at the end of map. */
void ed_insert(struct editor *e, const struct ynode *map, const char *key, const char *value)
{
	char text[2400], ind[64];
	size_t at;
	bool no_nl;

	if (!map || map->kind != YN_MAP) {
		e->fail = true;
		return;
	}
	if (map->flow) {
		if (map->nkid) {
			snprintf(text, sizeof text, ", %s: %s", key, value);
			ed_add(e, map->kid[map->nkid - 1]->end, map->kid[map->nkid - 1]->end, text);
		} else {
			snprintf(text, sizeof text, "%s: %s", key, value);
			ed_add(e, map->beg + 1, map->beg + 1, text);
		}
		return;
	}
	at = ed_line_after(e, map->end);
	/* A file that ends without a line break gets one before the new line. */
	no_nl = at == e->len && e->len && e->t[e->len - 1] != '\n';
	snprintf(text, sizeof text, "%s%s%s: %s%s", no_nl ? e->nl : "",
	         ed_spaces(map->col - 1, ind, sizeof ind), key, value, no_nl ? "" : e->nl);
	/* A section and the sections around it can end at one offset: what
	 * goes into the inner one must come before what goes after it. */
	ed_add_at(e, at, at, text, map->col);
}

/* Remove the pair at index p (key) of map. */
void ed_delete(struct editor *e, const struct ynode *map, size_t p)
{
	const struct ynode *k = map->kid[p], *v = map->kid[p + 1];

	if (map->flow) {
		if (p > 0)
			ed_add(e, map->kid[p - 1]->end, v->end, "");
		else if (map->nkid > 2)
			ed_add(e, k->beg, map->kid[2]->beg, "");
		else
			ed_add(e, k->beg, v->end, "");
		return;
	}
	if (!ed_starts_line(e, k->beg, false) || map->nkid <= 2) {
		e->fail = true;
		return;
	}
	ed_add(e, ed_line_start(e, k->beg), ed_line_after(e, v->end), "");
}

/* Replace key's value in map when it changed, insert it when the file
 * lacked it, remove it when it is no longer set (want == NULL). */
void ed_set(struct editor *e, const struct ynode *map, const char *key, bool changed,
            const char *want)
{
	size_t p;
	const struct ynode *v = ed_get(map, key, &p);

	if (!changed)
		return;
	if (!want) {
		if (v)
			ed_delete(e, map, p);
		return;
	}
	if (v)
		ed_replace(e, v, want);
	else
		ed_insert(e, map, key, want);
}

void ed_num(struct editor *e, const struct ynode *map, const char *key, enum budget_unit u,
            int64_t was, int64_t now)
{
	char buf[80];

	if (was == now)
		return;
	scenario_yaml_num(ed_get(map, key, NULL), u, now, buf, sizeof buf);
	ed_set(e, map, key, true, buf);
}

static void ed_micro(struct editor *e, const struct ynode *map, const char *key, int64_t was,
                     int64_t now)
{
	char buf[80];

	if (was == now)
		return;
	scenario_yaml_micro(ed_get(map, key, NULL), now, buf, sizeof buf);
	ed_set(e, map, key, true, buf);
}

void ed_str(struct editor *e, const struct ynode *map, const char *key, const char *was,
            const char *now)
{
	char buf[1100];

	if (!strcmp(was, now))
		return;
	scenario_yaml_str(now, buf, sizeof buf);
	ed_set(e, map, key, true, buf);
}

/* ---- sections ---- */

static void range_text(enum budget_field_id id, const struct scenario_range *r, char *buf,
                       size_t size)
{
	const struct budget_field *f = budget_field_get(id);
	char lo[48], hi[48], st[48];

	scenario_yaml_num(NULL, f->unit, r->min, lo, sizeof lo);
	scenario_yaml_num(NULL, f->unit, r->max, hi, sizeof hi);
	scenario_yaml_num(NULL, f->unit, r->step, st, sizeof st);
	if (r->step == f->step)
		snprintf(buf, size, "{min: %s, max: %s}", lo, hi);
	else
		snprintf(buf, size, "{min: %s, max: %s, step: %s}", lo, hi, st);
}

/* The map holding node n as a value, with n's key index in *p. */
static const struct ynode *parent_of(const struct ynode *in, const struct ynode *n, size_t *p)
{
	if (!in || (in->kind != YN_MAP && in->kind != YN_SEQ))
		return NULL;
	for (size_t i = 0; i < in->nkid; i++) {
		const struct ynode *r;

		if (in->kind == YN_MAP && i % 2 == 1 && in->kid[i] == n) {
			*p = i - 1;
			return in;
		}
		if ((r = parent_of(in->kid[i], n, p)))
			return r;
	}
	return NULL;
}

static void edit_sliders(struct editor *e, const struct ynode *root, const struct scenario *was,
                         const struct scenario *now)
{
	const struct ynode *s = ed_get(root, "sliders", NULL);
	char buf[2000], r[300];
	size_t n = 0, p;

	if (!s)
		s = ed_get(root, "ranges", NULL);
	for (int id = 0; id < BF__COUNT; id++) {
		const struct scenario_range *a = &was->range[id], *b = &now->range[id];
		enum budget_unit u = budget_field_get((enum budget_field_id)id)->unit;
		const struct ynode *spec, *parent;

		if (a->set == b->set &&
		    (!a->set || (a->min == b->min && a->max == b->max && a->step == b->step)))
			continue;
		if (!b->set) {
			spec = scenario_slider_spec(s, (enum budget_field_id)id);
			parent = spec ? parent_of(s, spec, &p) : NULL;
			if (!parent)
				e->fail = true;
			else
				ed_delete(e, parent, p);
			continue;
		}
		range_text((enum budget_field_id)id, b, r, sizeof r);
		if (!a->set) {
			if (s) {
				ed_insert(e, s, scenario_slider_path((enum budget_field_id)id), r);
			} else {
				n += (size_t)snprintf(
				        buf + n, sizeof buf - n, "%s%s: %s", n ? ", " : "{",
				        scenario_slider_path((enum budget_field_id)id), r);
				if (n >= sizeof buf)
					e->fail = true;
			}
			continue;
		}
		spec = scenario_slider_spec(s, (enum budget_field_id)id);
		if (!spec) {
			e->fail = true;
			continue;
		}
		ed_num(e, spec, "min", u, a->min, b->min);
		ed_num(e, spec, "max", u, a->max, b->max);
		ed_num(e, spec, "step", u, a->step, b->step);
	}
	if (n && !e->fail) {
		snprintf(buf + n, sizeof buf - n, "}");
		ed_insert(e, root, "sliders", buf);
	}
}

static void command_text(const struct scenario_run *run, char *buf, size_t size)
{
	size_t n = 0;

	n += (size_t)snprintf(buf, size, "[");
	for (int i = 0; i < run->argc && n < size; i++) {
		char a[1100];

		scenario_yaml_str(run->argv[i], a, sizeof a);
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", a);
	}
	if (n < size)
		snprintf(buf + n, size - n, "]");
}

static void edit_run(struct editor *e, const struct ynode *root, const struct scenario_run *a,
                     const struct scenario_run *b)
{
	const struct ynode *run = ed_get(root, "run", NULL);
	char buf[8192], x[80];
	size_t n, p;

	if (!a->present && !b->present)
		return;
	if (!b->present) {
		if (ed_get(root, "run", &p))
			ed_delete(e, root, p);
		return;
	}
	/* Slurm options and the rank are not edited in place: the whole file
	 * is written */
	if (!scenario_same_slurm(a, b) || (!a->present && (b->slurm || b->rank))) {
		e->fail = true;
		return;
	}
	if (!a->present) {
		command_text(b, buf, sizeof buf);
		n = strlen(buf);
		memmove(buf + 10, buf, n + 1);
		memcpy(buf, "{command: ", 10);
		n += 10;
		if (b->gpus_set)
			n += (size_t)snprintf(buf + n, sizeof buf - n, ", gpus: %lld",
			                      (long long)b->gpus);
		if (b->total_steps_set)
			n += (size_t)snprintf(buf + n, sizeof buf - n, ", total_steps: %lld",
			                      (long long)b->total_steps);
		if (b->cost_set) {
			scenario_yaml_micro(NULL, b->cost_per_hour, x, sizeof x);
			n += (size_t)snprintf(buf + n, sizeof buf - n, ", cost_per_hour: %s", x);
		}
		if (n + 2 >= sizeof buf) {
			e->fail = true;
			return;
		}
		snprintf(buf + n, sizeof buf - n, "}");
		ed_insert(e, root, "run", buf);
		return;
	}
	if (!scenario_same_argv(a, b)) {
		const struct ynode *cmd = ed_get(run, "command", NULL);

		command_text(b, buf, sizeof buf);
		if (cmd)
			ed_replace(e, cmd, buf);
		else
			e->fail = true;
	}
	scenario_yaml_num(ed_get(run, "gpus", NULL), BUDGET_UNIT_COUNT, b->gpus, x, sizeof x);
	ed_set(e, run, "gpus", a->gpus_set != b->gpus_set || (b->gpus_set && a->gpus != b->gpus),
	       b->gpus_set ? x : NULL);
	scenario_yaml_num(ed_get(run, "total_steps", NULL), BUDGET_UNIT_COUNT, b->total_steps, x,
	                  sizeof x);
	ed_set(e, run, "total_steps",
	       a->total_steps_set != b->total_steps_set ||
	               (b->total_steps_set && a->total_steps != b->total_steps),
	       b->total_steps_set ? x : NULL);
	scenario_yaml_micro(ed_get(run, "cost_per_hour", NULL), b->cost_per_hour, x, sizeof x);
	ed_set(e, run, "cost_per_hour",
	       a->cost_set != b->cost_set || (b->cost_set && a->cost_per_hour != b->cost_per_hour),
	       b->cost_set ? x : NULL);
}

/* ---- putting it together ---- */

static int cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;

	if (a->beg != b->beg)
		return a->beg < b->beg ? -1 : 1;
	if (a->depth != b->depth)
		return a->depth > b->depth ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static char *apply(struct editor *e)
{
	size_t size = e->len + 1, at = 0, n = 0;
	char *out;

	qsort(e->v, e->n, sizeof e->v[0], cmp_edit);
	for (size_t i = 0; i < e->n; i++) {
		if (i && e->v[i].beg < e->v[i - 1].end)
			return NULL; /* two edits of one span: not expressible */
		size += strlen(e->v[i].text);
	}
	out = malloc(size);
	if (!out)
		return NULL;
	for (size_t i = 0; i < e->n; i++) {
		size_t k = strlen(e->v[i].text);

		memcpy(out + n, e->t + at, e->v[i].beg - at);
		n += e->v[i].beg - at;
		memcpy(out + n, e->v[i].text, k);
		n += k;
		at = e->v[i].end;
	}
	memcpy(out + n, e->t + at, e->len - at);
	n += e->len - at;
	out[n] = '\0';
	return out;
}

/* compute.mode, and whether the scenario can say what it holds: without
 * the key the plan buys and runs are priced as rented; with it both follow
 * it (scenario_set_compute_mode).  Anything else cannot be written. */
static void edit_mode(struct editor *e, const struct ynode *compute, const struct scenario *a,
                      const struct scenario *b)
{
	enum scenario_gpu_mode runs =
	        b->in.compute_mode == BUDGET_RENT ? SCENARIO_GPU_RENT : SCENARIO_GPU_BUY;

	if (b->mode_given
	            ? b->burn.gpu_mode != runs
	            : b->in.compute_mode != BUDGET_BUY || b->burn.gpu_mode != SCENARIO_GPU_RENT) {
		e->fail = true;
		return;
	}
	ed_set(e, compute, "mode",
	       a->mode_given != b->mode_given ||
	               (b->mode_given && a->in.compute_mode != b->in.compute_mode),
	       b->mode_given ? (b->in.compute_mode == BUDGET_RENT ? "rent" : "buy") : NULL);
}

/* The key the file uses for a value it may spell two ways. */
static const char *spelled(const struct ynode *map, const char *key, const char *other)
{
	return !ed_get(map, key, NULL) && ed_get(map, other, NULL) ? other : key;
}

/* Remove key from map when the file has it. */
static void drop(struct editor *e, const struct ynode *map, const char *key)
{
	size_t p;

	if (ed_get(map, key, &p))
		ed_delete(e, map, p);
}

/* data: once (month) or spread (schedule: spread, from, to). */
static void edit_data(struct editor *e, const struct ynode *data, const struct budget_input *x,
                      const struct budget_input *y)
{
	char buf[48];

	if (x->data_spread == y->data_spread) {
		ed_num(e, data, y->data_spread ? "from" : "month", BUDGET_UNIT_MONTHS, x->data_from,
		       y->data_from);
		if (y->data_spread)
			ed_num(e, data, "to", BUDGET_UNIT_MONTHS, x->data_to, y->data_to);
		return;
	}
	ed_set(e, data, "schedule", true,
	       y->data_spread ? "spread" : (ed_get(data, "schedule", NULL) ? "once" : NULL));
	drop(e, data, x->data_spread ? "from" : "month");
	if (x->data_spread)
		drop(e, data, "to");
	if (y->data_from) {
		snprintf(buf, sizeof buf, "%lld", (long long)y->data_from);
		ed_insert(e, data, y->data_spread ? "from" : "month", buf);
	}
	if (y->data_spread && y->data_to) {
		snprintf(buf, sizeof buf, "%lld", (long long)y->data_to);
		ed_insert(e, data, "to", buf);
	}
}

static void edit_capital(struct editor *e, const struct ynode *capital,
                         const struct budget_input *x, const struct budget_input *y)
{
	char buf[80];

	ed_num(e, capital, "alpha", BUDGET_UNIT_ALPHA, x->alpha, y->alpha);
	ed_num(e, capital, "fixed_costs", BUDGET_UNIT_CENTS, x->fixed_costs, y->fixed_costs);
	scenario_yaml_num(ed_get(capital, "raised", NULL), BUDGET_UNIT_CENTS, y->raised, buf,
	                  sizeof buf);
	ed_set(e, capital, "raised",
	       x->raised_set != y->raised_set || (y->raised_set && x->raised != y->raised),
	       y->raised_set ? buf : NULL);
	ed_num(e, capital, "cash_at_start", BUDGET_UNIT_CENTS, x->cash_at_start, y->cash_at_start);
}

static void edit_all(struct editor *e, const struct ynode *root, const struct scenario *a,
                     const struct scenario *b)
{
	const struct ynode *compute = ed_get(root, "compute", NULL),
	                   *data = ed_get(root, "data", NULL);
	const struct ynode *people = ed_get(root, "people", NULL),
	                   *capital = ed_get(root, "capital", NULL);
	const struct budget_input *x = &a->in, *y = &b->in;

	ed_str(e, root, "name", a->name, b->name);
	ed_str(e, root, "currency", a->currency, b->currency);
	ed_num(e, compute, "gpus", BUDGET_UNIT_COUNT, x->gpus, y->gpus);
	ed_num(e, compute, "gpu_unit_cost", BUDGET_UNIT_CENTS, x->gpu_unit_cost, y->gpu_unit_cost);
	ed_num(e, compute, "gpu_hourly_cost", BUDGET_UNIT_MICROS, x->gpu_hourly_cost,
	       y->gpu_hourly_cost);
	edit_mode(e, compute, a, b);
	ed_num(e, compute, "amortization_hours", BUDGET_UNIT_COUNT, a->burn.amortization_hours,
	       b->burn.amortization_hours);
	ed_micro(e, compute, "energy_cost_kwh", a->burn.energy_cost_kwh, b->burn.energy_cost_kwh);
	ed_micro(e, compute, "cpu_core_hourly_cost", a->burn.cpu_core_hourly_cost,
	         b->burn.cpu_core_hourly_cost);
	ed_num(e, compute, "scaling_efficiency", BUDGET_UNIT_ALPHA, x->scaling_efficiency,
	       y->scaling_efficiency);
	ed_num(e, compute, "purchase_month", BUDGET_UNIT_MONTHS, x->purchase_month,
	       y->purchase_month);
	ed_num(e, compute, "rent_from", BUDGET_UNIT_MONTHS, x->rent_from, y->rent_from);
	ed_num(e, compute, "rent_to", BUDGET_UNIT_MONTHS, x->rent_to, y->rent_to);
	ed_num(e, compute, "hours_per_month", BUDGET_UNIT_COUNT, x->hours_per_month,
	       y->hours_per_month);
	ed_num(e, compute, spelled(compute, "utilisation", "utilization"), BUDGET_UNIT_ALPHA,
	       x->utilisation, y->utilisation);
	ed_num(e, data, "samples", BUDGET_UNIT_COUNT, x->samples, y->samples);
	ed_num(e, data, "label_cost", BUDGET_UNIT_MICROS, x->label_cost, y->label_cost);
	edit_data(e, data, x, y);
	ed_num(e, people, "months", BUDGET_UNIT_MONTHS, x->months, y->months);
	edit_roles(e, people, x, y);
	edit_costs(e, root, x, y);
	edit_capital(e, capital, x, y);
	edit_sliders(e, root, a, b);
	edit_run(e, root, &a->run, &b->run);
}

/* Whether what a file can say of sc loads: the ends a once D or a line
 * paid once keeps in memory are not written, so not judged.  What would
 * not load (credits over C+D+H once a role is gone) is not edited in;
 * scenario_save then refuses it with the model's reason. */
static bool scenario_says_valid(const struct scenario *sc)
{
	struct budget_input *in = malloc(sizeof *in);
	bool ok;

	if (!in)
		return false;
	*in = sc->in;
	if (!in->data_spread)
		in->data_to = 0;
	for (int i = 0; i < in->ncosts && i < BUDGET_MAX_COSTS; i++)
		if (!in->costs[i].monthly)
			in->costs[i].to = 0;
	ok = budget_validate(in, NULL) == 0;
	free(in);
	return ok;
}

char *scenario_edit_text(const char *file, const char *base, size_t len, const struct scenario *sc)
{
	struct cfg_ctx c = {.file = file};
	struct ynode *root = NULL;
	struct scenario old;
	struct editor *e;
	char *out = NULL;

	if (!scenario_says_valid(sc) || scenario_load_mem(file, base, len, &old, NULL) < 0)
		return NULL;
	e = calloc(1, sizeof *e);
	if (e && ytree_parse(&c, base, len, &root) == 0 && root && root->kind == YN_MAP) {
		e->t = base;
		e->len = len;
		e->nl = len > 1 && memmem(base, len, "\r\n", 2) ? "\r\n" : "\n";
		edit_all(e, root, &old, sc);
		if (!e->fail)
			out = apply(e);
	}
	if (e)
		for (size_t i = 0; i < e->n; i++)
			free(e->v[i].text);
	free(e);
	ytree_free(root);
	scenario_done(&old);
	return out;
}
