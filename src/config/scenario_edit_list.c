/* scenario_edit_list.c — the lists of a scenario file edited in place:
 * people.roles and other_costs.
 *
 * The dashboard adds a role or cost line at the end, removes the selected
 * one from anywhere and renames it.  The file's items and the scenario's are
 * matched up first (the cheapest alignment: an item kept costs what changed
 * in it, one added or removed costs more than a rename), so a line removed
 * from the middle takes its own lines and comments along instead of every
 * later item being rewritten one place up.  Kept items are edited key by
 * key; removed ones are cut out with their lines (block) or their comma
 * (flow); new ones are written in the list's own style.  Must not write
 * files.  Start at edit_list().
 */
#include "scenario_edit.h"

#include <stdio.h>
#include <string.h>

#include "capdash/common.h"

#define LIST_MAX (BUDGET_MAX_ROLES > BUDGET_MAX_COSTS ? BUDGET_MAX_ROLES : BUDGET_MAX_COSTS)
/* The price of a step: adding or removing an item 5; keeping one with a new
 * name or new values 2; with both it is another item, dearer than removing
 * it and adding the new one. */
#define COST_ADD 5
#define COST_CHANGE 2
#define COST_OTHER (2 * COST_ADD + 1)

/* What differs between two kinds of list. */
struct list_ops {
	size_t size; /* bytes of one item */
	/* 0 when equal, else the price of keeping a as b (COST_*). */
	int (*cost)(const void *a, const void *b);
	void (*edit)(struct editor *e, const struct ynode *map, const void *a, const void *b);
	/* One item as a flow mapping; as block lines (key: indentation of the
	 * keys, lines end with nl). */
	void (*flow)(const void *item, char *buf, size_t size);
	void (*block)(const void *item, const char *dash, const char *key, const char *nl,
	              char *buf, size_t size);
};

static int change_cost(bool name, bool values)
{
	return name && values ? COST_OTHER : (name || values) * COST_CHANGE;
}

/* ---- roles ---- */

static int role_cost(const void *pa, const void *pb)
{
	const struct budget_role *a = pa, *b = pb;

	return change_cost(strcmp(a->name, b->name) != 0,
	                   a->count != b->count || a->monthly_salary != b->monthly_salary ||
	                           a->start_month != b->start_month ||
	                           a->end_month != b->end_month);
}

static void role_edit(struct editor *e, const struct ynode *m, const void *pa, const void *pb)
{
	const struct budget_role *a = pa, *b = pb;

	ed_str(e, m, "name", a->name, b->name);
	ed_num(e, m, "count", BUDGET_UNIT_COUNT, a->count, b->count);
	ed_num(e, m, "monthly_salary", BUDGET_UNIT_CENTS, a->monthly_salary, b->monthly_salary);
	ed_num(e, m, "start_month", BUDGET_UNIT_MONTHS, a->start_month, b->start_month);
	ed_num(e, m, "end_month", BUDGET_UNIT_MONTHS, a->end_month, b->end_month);
}

/* The keys of a role as "key: value" pairs; sep goes between them. */
static void role_pairs(const struct budget_role *r, const char *sep, char *buf, size_t size)
{
	char name[600], count[48], pay[48];
	size_t n;

	scenario_yaml_str(r->name, name, sizeof name);
	scenario_yaml_num(NULL, BUDGET_UNIT_COUNT, r->count, count, sizeof count);
	scenario_yaml_num(NULL, BUDGET_UNIT_CENTS, r->monthly_salary, pay, sizeof pay);
	n = (size_t)snprintf(buf, size, "name: %s%scount: %s%smonthly_salary: %s", name, sep, count,
	                     sep, pay);
	if (r->start_month && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%sstart_month: %lld", sep,
		                      (long long)r->start_month);
	if (r->end_month && n < size)
		snprintf(buf + n, size - n, "%send_month: %lld", sep, (long long)r->end_month);
}

static void role_flow(const void *item, char *buf, size_t size)
{
	char pairs[900];

	role_pairs(item, ", ", pairs, sizeof pairs);
	snprintf(buf, size, "{%s}", pairs);
}

static void role_block(const void *item, const char *dash, const char *key, const char *nl,
                       char *buf, size_t size)
{
	char sep[80], pairs[1200];

	snprintf(sep, sizeof sep, "%s%s", nl, key);
	role_pairs(item, sep, pairs, sizeof pairs);
	snprintf(buf, size, "%s%s%s", dash, pairs, nl);
}

static const struct list_ops role_ops = {sizeof(struct budget_role), role_cost, role_edit,
                                         role_flow, role_block};

/* ---- other_costs ---- */

static int cost_cost(const void *pa, const void *pb)
{
	const struct budget_cost *a = pa, *b = pb;

	return change_cost(strcmp(a->name, b->name) != 0,
	                   a->amount != b->amount || a->monthly != b->monthly ||
	                           a->from != b->from || (b->monthly && a->to != b->to) ||
	                           a->outside != b->outside);
}

/* Rename key old to now in map (the value stays where it is). */
static void rename_key(struct editor *e, const struct ynode *map, const char *old, const char *now)
{
	size_t p;

	if (strcmp(old, now) && ed_get(map, old, &p))
		ed_add(e, map->kid[p]->beg, map->kid[p]->end, now);
}

static void cost_edit(struct editor *e, const struct ynode *m, const void *pa, const void *pb)
{
	const struct budget_cost *a = pa, *b = pb;
	const char *amount = a->monthly ? "monthly" : "once",
	           *month = a->monthly ? "from" : "month";
	const struct ynode *v;
	char buf[80];
	size_t p;

	ed_str(e, m, "name", a->name, b->name);
	/* Paid monthly or once: the key says which, so it is renamed in place
	 * (from becomes month and back); a once line has no end. */
	rename_key(e, m, amount, b->monthly ? "monthly" : "once");
	if (a->amount != b->amount && (v = ed_get(m, amount, NULL))) {
		scenario_yaml_num(v, BUDGET_UNIT_CENTS, b->amount, buf, sizeof buf);
		ed_replace(e, v, buf);
	}
	if ((v = ed_get(m, month, NULL))) {
		rename_key(e, m, month, b->monthly ? "from" : "month");
		if (a->from != b->from) {
			snprintf(buf, sizeof buf, "%lld", (long long)b->from);
			ed_replace(e, v, buf);
		}
	} else if (b->from) {
		snprintf(buf, sizeof buf, "%lld", (long long)b->from);
		ed_insert(e, m, b->monthly ? "from" : "month", buf);
	}
	if (b->monthly)
		ed_num(e, m, "to", BUDGET_UNIT_MONTHS, a->monthly ? a->to : 0, b->to);
	else if (ed_get(m, "to", &p))
		ed_delete(e, m, p);
	if (a->outside != b->outside)
		ed_set(e, m, "allocation", true,
		       b->outside ? "outside" : (ed_get(m, "allocation", NULL) ? "inside" : NULL));
}

static void cost_pairs(const struct budget_cost *o, const char *sep, char *buf, size_t size)
{
	char name[600], amount[64];
	size_t n;

	scenario_yaml_str(o->name, name, sizeof name);
	scenario_yaml_num(NULL, BUDGET_UNIT_CENTS, o->amount, amount, sizeof amount);
	n = (size_t)snprintf(buf, size, "name: %s%s%s: %s", name, sep,
	                     o->monthly ? "monthly" : "once", amount);
	if (o->from && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s%s: %lld", sep,
		                      o->monthly ? "from" : "month", (long long)o->from);
	if (o->monthly && o->to && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%sto: %lld", sep, (long long)o->to);
	if (o->outside && n < size)
		snprintf(buf + n, size - n, "%sallocation: outside", sep);
}

static void cost_flow(const void *item, char *buf, size_t size)
{
	char pairs[900];

	cost_pairs(item, ", ", pairs, sizeof pairs);
	snprintf(buf, size, "{%s}", pairs);
}

static void cost_block(const void *item, const char *dash, const char *key, const char *nl,
                       char *buf, size_t size)
{
	char sep[80], pairs[1200];

	snprintf(sep, sizeof sep, "%s%s", nl, key);
	cost_pairs(item, sep, pairs, sizeof pairs);
	snprintf(buf, size, "%s%s%s", dash, pairs, nl);
}

static const struct list_ops cost_ops = {sizeof(struct budget_cost), cost_cost, cost_edit,
                                         cost_flow, cost_block};

/* ---- the alignment ---- */

enum step { KEEP, DROP, ADD };

/* The cheapest way from the file's n items to the scenario's m: steps in
 * order, *nsteps of them. */
static void align(const struct list_ops *ops, const void *was, int n, const void *now, int m,
                  enum step *steps, int *nsteps)
{
	int best[LIST_MAX + 1][LIST_MAX + 1];
	const char *a = was, *b = now;
	int i, j, k = 0;

	for (i = n; i >= 0; i--)
		for (j = m; j >= 0; j--) {
			int c = INT32_MAX / 2;

			if (i == n && j == m)
				c = 0;
			if (i < n && best[i + 1][j] + COST_ADD < c)
				c = best[i + 1][j] + COST_ADD;
			if (j < m && best[i][j + 1] + COST_ADD < c)
				c = best[i][j + 1] + COST_ADD;
			if (i < n && j < m) {
				int keep =
				        best[i + 1][j + 1] + ops->cost(a + (size_t)i * ops->size,
				                                       b + (size_t)j * ops->size);

				if (keep <= c)
					c = keep;
			}
			best[i][j] = c;
		}
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m &&
		    best[i][j] == best[i + 1][j + 1] + ops->cost(a + (size_t)i * ops->size,
		                                                 b + (size_t)j * ops->size)) {
			steps[k++] = KEEP, i++, j++;
		} else if (i < n && best[i][j] == best[i + 1][j] + COST_ADD) {
			steps[k++] = DROP, i++;
		} else {
			steps[k++] = ADD, j++;
		}
	}
	*nsteps = k;
}

/* key: the list's key in its parent map (for "roles: []"). */
static void edit_list(struct editor *e, const struct ynode *key, const struct ynode *seq,
                      const struct list_ops *ops, const void *was, int n, const void *now, int m)
{
	enum step steps[2 * LIST_MAX];
	const char *a = was, *b = now;
	int nsteps, i = 0, j = 0, kept_before = 0, last = -1;
	bool any_kept = false;
	char buf[2400], item[1200], d[64], k[64];

	if (!seq || seq->kind != YN_SEQ || seq->nkid != (size_t)n) {
		e->fail = true;
		return;
	}
	align(ops, was, n, now, m, steps, &nsteps);
	for (int s = 0; s < nsteps; s++)
		any_kept |= steps[s] == KEEP;
	/* A block list left empty would read as nothing: it becomes []. */
	if (!seq->flow && m == 0) {
		if (!key || key->end >= e->len || e->t[key->end] != ':' ||
		    !ed_starts_line(e, seq->kid[0]->beg, true)) {
			e->fail = true;
			return;
		}
		ed_add(e, key->end + 1, key->end + 1, " []");
		ed_add(e, ed_line_start(e, seq->kid[0]->beg),
		       ed_line_after(e, seq->kid[n - 1]->end), "");
		return;
	}
	/* Where new block items go and how they are indented: like the
	 * items there are, else like a flow item on its own "- " line. */
	ed_spaces(seq->col - 1, d, sizeof d);
	for (int s = 0; s < nsteps; s++) {
		const struct ynode *it = i < n ? seq->kid[i] : NULL;

		if (steps[s] == KEEP) {
			if (it->kind != YN_MAP)
				e->fail = true;
			else
				ops->edit(e, it, a + (size_t)i * ops->size,
				          b + (size_t)j * ops->size);
			kept_before++, last = i, i++, j++;
		} else if (steps[s] == DROP) {
			if (seq->flow) {
				/* With its comma: the one before it when something is
				 * kept before it, else the one after it. */
				if (kept_before)
					ed_add(e, seq->kid[i - 1]->end, it->end, "");
				else if (i + 1 < n)
					ed_add(e, it->beg, seq->kid[i + 1]->beg, "");
				else
					ed_add(e, it->beg, it->end, "");
			} else if (!ed_starts_line(e, it->beg, true)) {
				e->fail = true;
			} else {
				ed_add(e, ed_line_start(e, it->beg), ed_line_after(e, it->end), "");
			}
			last = i, i++;
		} else {
			const void *x = b + (size_t)j * ops->size;
			bool front = kept_before == 0;
			size_t at;

			if (seq->flow) {
				ops->flow(x, item, sizeof item);
				if (front) {
					/* Before every kept item: at the list's start. */
					at = n ? seq->kid[0]->beg : seq->beg + 1;
					snprintf(buf, sizeof buf, "%s%s", item,
					         any_kept || j + 1 < m ? ", " : "");
					ed_add_at(e, at, at, buf, 1000);
				} else {
					at = seq->kid[last]->end;
					snprintf(buf, sizeof buf, ", %s", item);
					ed_add_at(e, at, at, buf, 0);
				}
				j++;
				continue;
			}
			if (seq->kid[0]->kind == YN_MAP && !seq->kid[0]->flow) {
				char gap[64];
				unsigned kc = seq->kid[0]->col - 1, dc = seq->col - 1;

				ed_spaces(kc > dc + 1 ? kc - dc - 1 : 1, gap, sizeof gap);
				snprintf(buf, sizeof buf, "%s-%s", d, gap);
				ops->block(x, buf, ed_spaces(kc, k, sizeof k), e->nl, item,
				           sizeof item);
			} else {
				char fl[1000];

				ops->flow(x, fl, sizeof fl);
				snprintf(item, sizeof item, "%s- %s%s", d, fl, e->nl);
			}
			at = last < 0 ? ed_line_start(e, seq->kid[0]->beg)
			              : ed_line_after(e, seq->kid[last]->end);
			if (at == e->len && e->len && e->t[at - 1] != '\n')
				ed_add_at(e, at, at, e->nl, seq->col + 1);
			ed_add_at(e, at, at, item, last < 0 ? 1000 : seq->col);
			j++;
		}
	}
}

void edit_roles(struct editor *e, const struct ynode *people, const struct budget_input *was,
                const struct budget_input *now)
{
	size_t p;
	const struct ynode *rs = ed_get(people, "roles", &p);

	edit_list(e, rs ? people->kid[p] : NULL, rs, &role_ops, was->roles, was->nroles, now->roles,
	          now->nroles);
}

void edit_costs(struct editor *e, const struct ynode *root, const struct budget_input *was,
                const struct budget_input *now)
{
	const struct ynode *cs, *people;
	char buf[LIST_MAX * 700], item[1200];
	size_t p, n = 0, at;

	if (was->ncosts == 0 && now->ncosts == 0)
		return;
	cs = ed_get(root, "other_costs", &p);
	if (cs && now->ncosts == 0 && !cs->flow) {
		ed_delete(e, root, p); /* the whole section */
		return;
	}
	if (cs) {
		edit_list(e, root->kid[p], cs, &cost_ops, was->costs, was->ncosts, now->costs,
		          now->ncosts);
		return;
	}
	/* A new section: after people (or at the end), a flow mapping a line. */
	for (int i = 0; i < now->ncosts && n < sizeof buf; i++) {
		cost_flow(&now->costs[i], item, sizeof item);
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
		                      root->flow ? (i ? ", " : "[") : "  - ", item);
		if (n < sizeof buf)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s",
			                      root->flow ? "" : e->nl);
	}
	if (n >= sizeof buf - 8) {
		e->fail = true;
		return;
	}
	if (root->flow) {
		snprintf(buf + n, sizeof buf - n, "]");
		ed_insert(e, root, "other_costs", buf);
		return;
	}
	people = ed_get(root, "people", NULL);
	at = people ? ed_line_after(e, people->end) : ed_line_after(e, root->end);
	if (at == e->len && e->len && e->t[at - 1] != '\n')
		ed_add_at(e, at, at, e->nl, 1);
	snprintf(item, sizeof item, "other_costs:%s", e->nl);
	ed_add_at(e, at, at, item, 1);
	ed_add_at(e, at, at, buf, 1);
}
