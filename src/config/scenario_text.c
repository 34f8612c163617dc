/* scenario_text.c — scenario values as YAML text that reads back as the
 * same value, for in-place saves (scenario_edit.c); and the equality a
 * save is checked with.
 *
 * Numbers are written exactly (budget_value_str, money_format), in the
 * style the value they replace had; strings plain when that is
 * unambiguous, else double-quoted.  Must not touch files.
 */
#include "scenario_int.h"

#include <stdio.h>
#include <string.h>

#include "capdash/common.h"

/* s as a YAML scalar that reads back as the same text: plain when that is
 * unambiguous, else double-quoted. */
void scenario_yaml_str(const char *s, char *buf, size_t size)
{
	static const char *const special[] = {"null", "Null", "NULL", "~",   "true", "false",
	                                      "yes",  "no",   "on",   "off", "True", "False"};
	/* "-" and "?" start a plain scalar unless a blank follows ("--epochs"). */
	bool plain = *s && s[0] != ' ' && s[strlen(s) - 1] != ' ' &&
	             !strchr(":!&*#|>'\"%@`,[]{}", s[0]) &&
	             !((s[0] == '-' || s[0] == '?') && (s[1] == ' ' || s[1] == '\0'));
	size_t n = 0;

	for (const char *p = s; plain && *p; p++)
		if (strchr(",[]{}#\"'\\", *p) || (unsigned char)*p < 0x20 || *p == 0x7f ||
		    (*p == ':' && (p[1] == ' ' || p[1] == '\0')))
			plain = false;
	for (size_t i = 0; plain && i < CD_ARRAY_LEN(special); i++)
		if (!strcmp(s, special[i]))
			plain = false;
	if (plain) {
		snprintf(buf, size, "%s", s);
		return;
	}
	buf[n++] = '"';
	for (; *s && n + 6 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf[n++] = '\\';
			buf[n++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
		} else {
			buf[n++] = (char)c;
		}
	}
	buf[n++] = '"';
	buf[n] = '\0';
}

/* s without every c in it. */
static void drop_char(char *s, char c)
{
	size_t k = 0;

	for (size_t i = 0; s[i]; i++)
		if (s[i] != c)
			s[k++] = s[i];
	s[k] = '\0';
}

/* v in unit u, written the way the old value was: a "$", thousands
 * separators, two decimals of cents, a percentage.  Quoted when it holds a
 * ',' (a plain one would end a flow mapping's value). */
void scenario_yaml_num(const struct ynode *old, enum budget_unit u, int64_t v, char *buf,
                       size_t size)
{
	const char *o = old && old->kind == YN_SCALAR ? old->text : "";
	const char *point = strchr(o, '.');
	bool dollar = strchr(o, '$') != NULL, comma = strchr(o, ',') != NULL;
	char s[64];

	/* A price in whole cents is written as money is ("2.50" stays two
	 * decimals); a finer one needs every digit it has. */
	if (u == BUDGET_UNIT_MICROS && v % BUDGET_MICROS_PER_CENT == 0) {
		u = BUDGET_UNIT_CENTS;
		v /= BUDGET_MICROS_PER_CENT;
	}
	if (u == BUDGET_UNIT_MICROS) {
		price_format(v, s, sizeof s);
		if (!comma)
			drop_char(s, ',');
		if (!dollar)
			memmove(s, s + 1, strlen(s));
	} else if (u == BUDGET_UNIT_CENTS && (comma || (point && strlen(point + 1) == 2))) {
		money_format(v,
		             comma ? (v % 100 || point ? MONEY_CENTS : MONEY_WHOLE) : MONEY_CENTS,
		             s, sizeof s);
		/* money_format groups: the old value had no separators. */
		if (!comma)
			drop_char(s, ',');
		if (!dollar)
			memmove(s, s + 1, strlen(s));
	} else if (u == BUDGET_UNIT_COUNT && comma) {
		count_format(v, s, sizeof s);
	} else if (u == BUDGET_UNIT_ALPHA && strchr(o, '%')) {
		budget_value_str(BUDGET_UNIT_ALPHA, v * 100, s, sizeof s - 1);
		strcat(s, "%");
	} else {
		budget_value_str(u, v, s, sizeof s);
		if (dollar && u == BUDGET_UNIT_CENTS) {
			memmove(s + 1, s, strlen(s) + 1);
			s[0] = '$';
		}
	}
	snprintf(buf, size, strchr(s, ',') ? "\"%s\"" : "%s", s);
}

/* Micro-dollars (prices per hour or kWh) the way the old value was. */
void scenario_yaml_micro(const struct ynode *old, int64_t v, char *buf, size_t size)
{
	char s[64];

	budget_value_str(BUDGET_UNIT_ALPHA, v, s, sizeof s);
	snprintf(buf, size, "%s%s",
	         old && old->kind == YN_SCALAR && strchr(old->text, '$') ? "$" : "", s);
}

bool scenario_same_argv(const struct scenario_run *a, const struct scenario_run *b)
{
	if (a->argc != b->argc)
		return false;
	for (int i = 0; i < a->argc; i++)
		if (strcmp(a->argv[i], b->argv[i]))
			return false;
	return true;
}

bool scenario_same_slurm(const struct scenario_run *a, const struct scenario_run *b)
{
	if (a->slurm != b->slurm || a->nodes != b->nodes || a->gpus_per_node != b->gpus_per_node ||
	    a->cpus_per_task != b->cpus_per_task || strcmp(a->partition, b->partition) ||
	    strcmp(a->time, b->time) || a->nsbatch != b->nsbatch || a->rank != b->rank)
		return false;
	for (int i = 0; i < a->nsbatch; i++)
		if (strcmp(a->sbatch[i], b->sbatch[i]))
			return false;
	return true;
}

bool scenario_same_cost(const struct budget_cost *a, const struct budget_cost *b)
{
	/* A line paid once has no end a file could hold. */
	return !strcmp(a->name, b->name) && a->amount == b->amount && a->monthly == b->monthly &&
	       a->from == b->from && (!a->monthly || a->to == b->to) && a->outside == b->outside;
}

/* The keys of the plan over time: compute's mode and months, data's
 * schedule, other_costs, the raise and the cash. */
static bool scenario_same_plan(const struct scenario *a, const struct scenario *b)
{
	const struct budget_input *x = &a->in, *y = &b->in;

	if (a->mode_given != b->mode_given || x->compute_mode != y->compute_mode ||
	    x->purchase_month != y->purchase_month || x->rent_from != y->rent_from ||
	    x->rent_to != y->rent_to || x->hours_per_month != y->hours_per_month ||
	    x->utilisation != y->utilisation || x->data_spread != y->data_spread ||
	    x->data_from != y->data_from || (x->data_spread && x->data_to != y->data_to) ||
	    x->raised_set != y->raised_set || (x->raised_set && x->raised != y->raised) ||
	    x->cash_at_start != y->cash_at_start || x->ncosts != y->ncosts)
		return false;
	for (int i = 0; i < x->ncosts; i++)
		if (!scenario_same_cost(&x->costs[i], &y->costs[i]))
			return false;
	return true;
}

static bool same_range(const struct scenario_range *a, const struct scenario_range *b)
{
	return a->set == b->set &&
	       (!a->set || (a->min == b->min && a->max == b->max && a->step == b->step));
}

bool scenario_equal(const struct scenario *a, const struct scenario *b)
{
	const struct budget_input *x = &a->in, *y = &b->in;

	if (strcmp(a->name, b->name) || strcmp(a->currency, b->currency) || x->gpus != y->gpus ||
	    x->gpu_unit_cost != y->gpu_unit_cost || x->gpu_hourly_cost != y->gpu_hourly_cost ||
	    x->samples != y->samples || x->label_cost != y->label_cost || x->months != y->months ||
	    x->alpha != y->alpha || x->fixed_costs != y->fixed_costs || x->nroles != y->nroles ||
	    x->scaling_efficiency != y->scaling_efficiency)
		return false;
	for (int i = 0; i < x->nroles; i++)
		if (strcmp(x->roles[i].name, y->roles[i].name) ||
		    x->roles[i].count != y->roles[i].count ||
		    x->roles[i].monthly_salary != y->roles[i].monthly_salary ||
		    x->roles[i].start_month != y->roles[i].start_month ||
		    x->roles[i].end_month != y->roles[i].end_month)
			return false;
	if (!scenario_same_plan(a, b))
		return false;
	for (int id = 0; id < BF__COUNT; id++)
		if (!same_range(&a->range[id], &b->range[id]))
			return false;
	if (a->burn.gpu_mode != b->burn.gpu_mode ||
	    a->burn.amortization_hours != b->burn.amortization_hours ||
	    a->burn.energy_cost_kwh != b->burn.energy_cost_kwh ||
	    a->burn.cpu_core_hourly_cost != b->burn.cpu_core_hourly_cost)
		return false;
	if (a->run.present != b->run.present)
		return false;
	if (!a->run.present)
		return true;
	return scenario_same_argv(&a->run, &b->run) && scenario_same_slurm(&a->run, &b->run) &&
	       a->run.gpus_set == b->run.gpus_set &&
	       (!a->run.gpus_set || a->run.gpus == b->run.gpus) &&
	       a->run.total_steps_set == b->run.total_steps_set &&
	       (!a->run.total_steps_set || a->run.total_steps == b->run.total_steps) &&
	       a->run.cost_set == b->run.cost_set &&
	       (!a->run.cost_set || a->run.cost_per_hour == b->run.cost_per_hour);
}
