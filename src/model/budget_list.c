/* budget_list.c — adding and removing roles and other cost lines: the pure
 * list edits behind the dashboard's +, - and rename.  Names are cut to fit
 * on a UTF-8 boundary, never mid-character.  Must not do I/O.
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"

#include <string.h>

/* Copy name into dst (size bytes), cut on a UTF-8 boundary. */
static void copy_name(char *dst, size_t size, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n >= size) {
		n = size - 1;
		/* Back off continuation bytes so no character is split. */
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, name, n);
	dst[n] = '\0';
}

int budget_role_add(struct budget_input *in, const char *name, struct cd_err *err)
{
	struct budget_role *r;

	if (in->nroles < 0 || in->nroles >= BUDGET_MAX_ROLES)
		return cd_err_set(err, CD_ERR_LIMIT, NULL, 0, 0,
		                  _("people.roles: at most %d roles (remove one first)"),
		                  BUDGET_MAX_ROLES);
	r = &in->roles[in->nroles];
	memset(r, 0, sizeof *r);
	copy_name(r->name, sizeof r->name, name);
	return in->nroles++;
}

int budget_role_remove(struct budget_input *in, int idx)
{
	if (idx < 0 || idx >= in->nroles || in->nroles > BUDGET_MAX_ROLES)
		return -1;
	memmove(&in->roles[idx], &in->roles[idx + 1],
	        (size_t)(in->nroles - idx - 1) * sizeof in->roles[0]);
	in->nroles--;
	memset(&in->roles[in->nroles], 0, sizeof in->roles[0]);
	return 0;
}

int budget_cost_add(struct budget_input *in, const char *name, bool monthly, struct cd_err *err)
{
	struct budget_cost *c;

	if (in->ncosts < 0 || in->ncosts >= BUDGET_MAX_COSTS)
		return cd_err_set(err, CD_ERR_LIMIT, NULL, 0, 0,
		                  _("other_costs: at most %d lines (remove one first)"),
		                  BUDGET_MAX_COSTS);
	if (!name || !*name)
		return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0,
		                  _("other_costs: a line needs a name such as Inference"));
	c = &in->costs[in->ncosts];
	memset(c, 0, sizeof *c);
	copy_name(c->name, sizeof c->name, name);
	c->monthly = monthly;
	return in->ncosts++;
}

int budget_cost_remove(struct budget_input *in, int idx)
{
	if (idx < 0 || idx >= in->ncosts || in->ncosts > BUDGET_MAX_COSTS)
		return -1;
	memmove(&in->costs[idx], &in->costs[idx + 1],
	        (size_t)(in->ncosts - idx - 1) * sizeof in->costs[0]);
	in->ncosts--;
	memset(&in->costs[in->ncosts], 0, sizeof in->costs[0]);
	return 0;
}
