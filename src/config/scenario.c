/* scenario.c — scenario files: the YAML tree -> struct scenario.
 *
 * One walker per section, each driven by a key table; every problem in the
 * file is reported (a bad value never stops the walk) and the errors are
 * sorted by position at the end.  Numbers are parsed from their text exactly
 * and range-checked by the budget model's field table, so ranges and their
 * messages live in one place.  Must not do arithmetic on money or print.
 * Start at scenario_load_mem().  Writing is scenario_save.c's job.
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "capdash/common.h"

/* Bits of a key table's "required" mask. */
#define REQ(i) (UINT32_C(1) << (i))

static void load_budget_value(struct cfg_ctx *c, const struct ynode *n, const char *path,
                              struct budget_key k, int64_t *dst)
{
	int64_t v;

	if (n && cfg_budget_value(c, n, path, k, &v) == 0)
		*dst = v;
}

static void load_compute(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"gpus",
	                                   "gpu_unit_cost",
	                                   "gpu_hourly_cost",
	                                   "mode",
	                                   "amortization_hours",
	                                   "energy_cost_kwh",
	                                   "cpu_core_hourly_cost",
	                                   "scaling_efficiency",
	                                   "purchase_month",
	                                   "rent_from",
	                                   "rent_to",
	                                   "hours_per_month",
	                                   "utilisation",
	                                   "utilization"};
	static const char *const modes[] = {"rent", "buy"};
	const struct ynode *v[CD_ARRAY_LEN(keys)], *util;
	struct budget_input *in = &sc->in;
	int64_t x;
	int m;

	if (!cfg_map(c, map, "compute", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             _("a mapping with gpus and gpu_unit_cost")))
		return;
	load_budget_value(c, v[0], "compute.gpus", (struct budget_key){BF_GPUS, 0}, &in->gpus);
	load_budget_value(c, v[1], "compute.gpu_unit_cost",
	                  (struct budget_key){BF_GPU_UNIT_COST, 0}, &in->gpu_unit_cost);
	load_budget_value(c, v[2], "compute.gpu_hourly_cost",
	                  (struct budget_key){BF_GPU_HOURLY_COST, 0}, &in->gpu_hourly_cost);
	/* Given, the plan and the run prices follow it; absent, the plan buys
	 * and runs are priced at gpu_hourly_cost (scenario_defaults), which is
	 * what every file written before the plan over time meant. */
	if (v[3] && (m = cfg_enum(c, v[3], "compute.mode", modes, 2)) >= 0)
		scenario_set_compute_mode(sc, m == 0 ? BUDGET_RENT : BUDGET_BUY);
	if (v[4] && cfg_int(c, v[4], "compute.amortization_hours", SCENARIO_AMORT_MIN,
	                    SCENARIO_AMORT_MAX, &x) == 0)
		sc->burn.amortization_hours = x;
	if (v[5] && cfg_micro(c, v[5], "compute.energy_cost_kwh", SCENARIO_ENERGY_MAX, &x) == 0)
		sc->burn.energy_cost_kwh = x;
	if (v[6] &&
	    cfg_micro(c, v[6], "compute.cpu_core_hourly_cost", SCENARIO_CPU_HOURLY_MAX, &x) == 0)
		sc->burn.cpu_core_hourly_cost = x;
	load_budget_value(c, v[7], "compute.scaling_efficiency",
	                  (struct budget_key){BF_SCALING_EFFICIENCY, 0}, &in->scaling_efficiency);
	/* Both sets of keys are read whatever the mode, so that a plan can be
	 * switched between buying and renting (--set compute.mode=rent) with its
	 * months at hand. */
	load_budget_value(c, v[8], "compute.purchase_month",
	                  (struct budget_key){BF_PURCHASE_MONTH, 0}, &in->purchase_month);
	load_budget_value(c, v[9], "compute.rent_from", (struct budget_key){BF_RENT_FROM, 0},
	                  &in->rent_from);
	load_budget_value(c, v[10], "compute.rent_to", (struct budget_key){BF_RENT_TO, 0},
	                  &in->rent_to);
	load_budget_value(c, v[11], "compute.hours_per_month",
	                  (struct budget_key){BF_HOURS_PER_MONTH, 0}, &in->hours_per_month);
	util = v[12] ? v[12] : v[13];
	if (v[12] && v[13])
		cfg_error(c, v[13], CD_ERR_KEY,
		          _("compute.utilization: duplicate of compute.utilisation (give one)"));
	load_budget_value(c, util, v[12] ? "compute.utilisation" : "compute.utilization",
	                  (struct budget_key){BF_UTILISATION, 0}, &in->utilisation);
}

static void load_data(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"samples", "label_cost", "schedule",
	                                   "month",   "from",       "to"};
	static const char *const schedules[] = {"once", "spread"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	struct budget_input *in = &sc->in;
	int spread = 0;

	if (!cfg_map(c, map, "data", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             _("a mapping with samples and label_cost")))
		return;
	load_budget_value(c, v[0], "data.samples", (struct budget_key){BF_SAMPLES, 0},
	                  &in->samples);
	load_budget_value(c, v[1], "data.label_cost", (struct budget_key){BF_LABEL_COST, 0},
	                  &in->label_cost);
	if (v[2] && (spread = cfg_enum(c, v[2], "data.schedule", schedules, 2)) < 0)
		return; /* month, from and to are not judged against a wrong schedule */
	in->data_spread = spread == 1;
	if (v[3] && spread)
		cfg_error(
		        c, v[3], CD_ERR_KEY,
		        _("data.month: only with schedule: once (a spread D is paid from data.from "
		          "to data.to)"));
	else
		load_budget_value(c, v[3], "data.month", (struct budget_key){BF_DATA_FROM, 0},
		                  &in->data_from);
	for (int i = 4; i < 6; i++) {
		char path[32];

		snprintf(path, sizeof path, "data.%s", keys[i]);
		if (v[i] && !spread)
			cfg_error(c, v[i], CD_ERR_KEY,
			          _("%s: only with schedule: spread (add schedule: spread to data, "
			            "or "
			            "give the month D is paid as data.month)"),
			          path);
		else
			load_budget_value(
			        c, v[i], path,
			        (struct budget_key){i == 4 ? BF_DATA_FROM : BF_DATA_TO, 0},
			        i == 4 ? &in->data_from : &in->data_to);
	}
}

static void load_role(struct cfg_ctx *c, const struct ynode *map, int i, struct scenario *sc)
{
	static const char *const keys[] = {"name", "count", "monthly_salary", "start_month",
	                                   "end_month"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	struct budget_role *r = &sc->in.roles[i];
	char path[64], sub[96];

	snprintf(path, sizeof path, "people.roles.%d", i);
	if (!cfg_map(c, map, path, keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1) | REQ(2),
	             _("a mapping with name, count and monthly_salary")))
		return;
	snprintf(sub, sizeof sub, "%s.name", path);
	if (v[0] && cfg_text(c, v[0], sub, r->name, sizeof r->name) == 0 && !r->name[0])
		cfg_error(c, v[0], CD_ERR_TYPE, _("%s: expected a role name, got \"\""), sub);
	snprintf(sub, sizeof sub, "%s.count", path);
	load_budget_value(c, v[1], sub, (struct budget_key){BF_ROLE_COUNT, i}, &r->count);
	snprintf(sub, sizeof sub, "%s.monthly_salary", path);
	load_budget_value(c, v[2], sub, (struct budget_key){BF_ROLE_SALARY, i}, &r->monthly_salary);
	snprintf(sub, sizeof sub, "%s.start_month", path);
	load_budget_value(c, v[3], sub, (struct budget_key){BF_ROLE_START, i}, &r->start_month);
	snprintf(sub, sizeof sub, "%s.end_month", path);
	load_budget_value(c, v[4], sub, (struct budget_key){BF_ROLE_END, i}, &r->end_month);
}

static void load_people(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"months", "roles"};
	const struct ynode *v[CD_ARRAY_LEN(keys)], *roles;
	char got[64];

	if (!cfg_map(c, map, "people", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             _("a mapping with months and roles")))
		return;
	load_budget_value(c, v[0], "people.months", (struct budget_key){BF_MONTHS, 0},
	                  &sc->in.months);
	roles = v[1];
	if (!roles || roles->kind == YN_ALIAS)
		return;
	if (roles->kind != YN_SEQ) {
		cfg_error(c, roles, CD_ERR_TYPE,
		          _("people.roles: expected a list of roles (- name: ..., count: ..., "
		            "monthly_salary: ...), got %s"),
		          cfg_got(roles, got, sizeof got));
		return;
	}
	if (roles->nkid > BUDGET_MAX_ROLES)
		cfg_error(c, roles->kid[BUDGET_MAX_ROLES], CD_ERR_LIMIT,
		          _("people.roles: expected at most %d roles, got %zu"), BUDGET_MAX_ROLES,
		          roles->nkid);
	for (size_t i = 0; i < roles->nkid && i < BUDGET_MAX_ROLES; i++)
		load_role(c, roles->kid[i], (int)i, sc);
	sc->in.nroles = roles->nkid < BUDGET_MAX_ROLES ? (int)roles->nkid : BUDGET_MAX_ROLES;
}

/* A key of map that reads as a misspelt monthly or once: its did-you-mean
 * already says what is missing. */
static bool amount_misspelt(const struct ynode *map, const char *const *keys, size_t nkeys)
{
	static const char *const amounts[] = {"monthly", "once"};

	for (size_t p = 0; p + 1 < map->nkid; p += 2) {
		const struct ynode *k = map->kid[p];
		bool known = false;

		for (size_t i = 0; i < nkeys && k->kind == YN_SCALAR; i++)
			known |= !strcmp(k->text, keys[i]);
		if (k->kind == YN_SCALAR && !known && cd_suggest(k->text, amounts, 2))
			return true;
	}
	return false;
}

/* One line of other_costs: {name, monthly | once, month (once) or from/to
 * (monthly), allocation}. */
static void load_cost(struct cfg_ctx *c, const struct ynode *map, int i, struct scenario *sc)
{
	static const char *const keys[] = {"name", "monthly", "once",      "month",
	                                   "from", "to",      "allocation"};
	static const char *const allocs[] = {"inside", "outside"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	struct budget_cost *o = &sc->in.costs[i];
	char path[64], sub[96];
	bool once;
	int a;

	snprintf(path, sizeof path, "other_costs.%d", i);
	if (!cfg_map(c, map, path, keys, CD_ARRAY_LEN(keys), v, REQ(0),
	             _("a mapping with name and monthly or once")))
		return;
	snprintf(sub, sizeof sub, "%s.name", path);
	if (v[0] && cfg_text(c, v[0], sub, o->name, sizeof o->name) == 0 && !o->name[0])
		cfg_error(c, v[0], CD_ERR_TYPE,
		          _("%s: expected a name such as Inference, got \"\""), sub);
	if (v[1] && v[2]) {
		cfg_error(c, v[2], CD_ERR_KEY,
		          _("%s.once: a line is paid monthly or once, not both (got monthly at "
		            "line %u)"),
		          path, v[1]->line);
		return;
	}
	if (!v[1] && !v[2]) {
		if (!amount_misspelt(map, keys, CD_ARRAY_LEN(keys)))
			cfg_error(c, map, CD_ERR_KEY,
			          _("%s: expected the amount as monthly: or once:, got %s"), path,
			          v[3] || v[4] || v[5] ? "months without an amount" : "neither");
		return;
	}
	once = v[2] != NULL;
	o->monthly = !once;
	snprintf(sub, sizeof sub, "%s.%s", path, once ? "once" : "monthly");
	load_budget_value(c, once ? v[2] : v[1], sub, (struct budget_key){BF_COST_AMOUNT, i},
	                  &o->amount);
	if (v[3] && !once)
		cfg_error(c, v[3], CD_ERR_KEY,
		          _("%s.month: only for a line paid once (this line is monthly: give its "
		            "months as from and to)"),
		          path);
	for (int k = 4; k < 6; k++)
		if (v[k] && once)
			cfg_error(c, v[k], CD_ERR_KEY,
			          _("%s.%s: only for a monthly line (this line is paid once: give "
			            "its "
			            "month as month)"),
			          path, keys[k]);
	snprintf(sub, sizeof sub, "%s.%s", path, once ? "month" : "from");
	load_budget_value(c, once ? v[3] : v[4], sub, (struct budget_key){BF_COST_FROM, i},
	                  &o->from);
	snprintf(sub, sizeof sub, "%s.to", path);
	if (!once)
		load_budget_value(c, v[5], sub, (struct budget_key){BF_COST_TO, i}, &o->to);
	snprintf(sub, sizeof sub, "%s.allocation", path);
	if (v[6] && (a = cfg_enum(c, v[6], sub, allocs, 2)) >= 0)
		o->outside = a == 1;
}

static void load_costs(struct cfg_ctx *c, const struct ynode *n, struct scenario *sc)
{
	char got[64];

	if (n->kind == YN_ALIAS || cfg_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cfg_error(
		        c, n, CD_ERR_TYPE,
		        _("other_costs: expected a list of cost lines (- {name: ..., monthly: ...} "
		          "or - {name: ..., once: ..., month: ...}), got %s"),
		        cfg_got(n, got, sizeof got));
		return;
	}
	if (n->nkid > BUDGET_MAX_COSTS)
		cfg_error(c, n->kid[BUDGET_MAX_COSTS], CD_ERR_LIMIT,
		          _("other_costs: expected at most %d lines, got %zu"), BUDGET_MAX_COSTS,
		          n->nkid);
	for (size_t i = 0; i < n->nkid && i < BUDGET_MAX_COSTS; i++)
		load_cost(c, n->kid[i], (int)i, sc);
	sc->in.ncosts = n->nkid < BUDGET_MAX_COSTS ? (int)n->nkid : BUDGET_MAX_COSTS;
}

static void load_capital(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"alpha", "fixed_costs", "raised", "cash_at_start"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];

	if (!cfg_map(c, map, "capital", keys, CD_ARRAY_LEN(keys), v, REQ(0),
	             _("a mapping with alpha and fixed_costs")))
		return;
	load_budget_value(c, v[0], "capital.alpha", (struct budget_key){BF_ALPHA, 0},
	                  &sc->in.alpha);
	load_budget_value(c, v[1], "capital.fixed_costs", (struct budget_key){BF_FIXED_COSTS, 0},
	                  &sc->in.fixed_costs);
	if (v[2] && cfg_budget_value(c, v[2], "capital.raised", (struct budget_key){BF_RAISED, 0},
	                             &sc->in.raised) == 0)
		sc->in.raised_set = true;
	load_budget_value(c, v[3], "capital.cash_at_start",
	                  (struct budget_key){BF_CASH_AT_START, 0}, &sc->in.cash_at_start);
}

/* Slurm's --time: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED
 * (the run module checks it again before submitting). */
static bool slurm_time_ok(const char *s)
{
	const char *p = s, *dash = strchr(s, '-');
	int groups = 0;

	if (!strcasecmp(s, "UNLIMITED") || !strcasecmp(s, "INFINITE"))
		return true;
	if (dash) {
		if (dash == s)
			return false;
		for (; p < dash; p++)
			if (*p < '0' || *p > '9')
				return false;
		p++;
	}
	for (;;) {
		const char *d = p;

		while (*p >= '0' && *p <= '9' && p - d < 9)
			p++;
		if (p == d)
			return false;
		groups++;
		if (*p != ':')
			break;
		p++;
	}
	return !*p && groups <= 3;
}

static void load_sbatch(struct cfg_ctx *c, const struct ynode *n, struct scenario_run *run)
{
	char got[64], path[64];

	if (n->kind == YN_ALIAS)
		return;
	if (n->kind != YN_SEQ || n->nkid > SCENARIO_RUN_MAX_SBATCH) {
		if (n->kind == YN_SEQ)
			cfg_error(c, n, CD_ERR_LIMIT,
			          _("run.sbatch: expected at most %d options, got %zu"),
			          SCENARIO_RUN_MAX_SBATCH, n->nkid);
		else
			cfg_error(c, n, CD_ERR_TYPE,
			          _("run.sbatch: expected a list of sbatch options such as "
			            "[--qos=high, --account=lab], got %s"),
			          cfg_got(n, got, sizeof got));
		return;
	}
	run->sbatch = calloc(n->nkid + 1, sizeof *run->sbatch);
	if (!run->sbatch) {
		cfg_error(c, n, CD_ERR_NOMEM, _("out of memory"));
		return;
	}
	for (size_t i = 0; i < n->nkid; i++) {
		const struct ynode *a = n->kid[i];
		char opt[256];

		snprintf(path, sizeof path, "run.sbatch.%zu", i);
		if (a->kind == YN_ALIAS || cfg_text(c, a, path, opt, sizeof opt) < 0)
			continue;
		/* each becomes one "#SBATCH ..." line of job.sh */
		if (opt[0] != '-' || strchr(opt, '"')) {
			cfg_error(c, a, CD_ERR_TYPE,
			          _("%s: expected an sbatch option starting with '-' such as "
			            "--qos=high (no '\"'), got %s"),
			          path, cfg_got(a, got, sizeof got));
			continue;
		}
		if (!(run->sbatch[run->nsbatch] = strdup(opt))) {
			cfg_error(c, a, CD_ERR_NOMEM, _("out of memory"));
			return;
		}
		run->nsbatch++;
	}
}

/* on, nodes, gpus_per_node, cpus_per_task, partition, time, sbatch: v[0..6]. */
static void load_slurm(struct cfg_ctx *c, const struct ynode *const *v, struct scenario_run *run)
{
	static const char *const ons[] = {"local", "slurm"};
	static const char *const names[] = {
	        "run.on",        "run.nodes", "run.gpus_per_node", "run.cpus_per_task",
	        "run.partition", "run.time",  "run.sbatch"};
	char got[64];
	int64_t x;

	if (v[0]) {
		int on = cfg_enum(c, v[0], "run.on", ons, CD_ARRAY_LEN(ons));

		run->slurm = on == 1;
		if (on < 0)
			return; /* the options are not judged against a wrong on: */
	}
	for (int i = 1; i < 7 && !run->slurm; i++)
		if (v[i]) {
			cfg_error(c, v[i], CD_ERR_TYPE,
			          _("%s: only for Slurm runs (add on: slurm to run:)"), names[i]);
			return;
		}
	if (v[1] && cfg_int(c, v[1], "run.nodes", 1, 100000, &x) == 0)
		run->nodes = x;
	if (v[2] && cfg_int(c, v[2], "run.gpus_per_node", 0, 1024, &x) == 0)
		run->gpus_per_node = x;
	if (v[3] && cfg_int(c, v[3], "run.cpus_per_task", 1, 100000, &x) == 0)
		run->cpus_per_task = x;
	if (v[4] &&
	    cfg_text(c, v[4], "run.partition", run->partition, sizeof run->partition) == 0 &&
	    (!run->partition[0] || strpbrk(run->partition, " '\\\""))) {
		cfg_error(
		        c, v[4], CD_ERR_TYPE,
		        _("run.partition: expected a partition name (no blanks or quotes), got %s"),
		        cfg_got(v[4], got, sizeof got));
		run->partition[0] = 0;
	}
	if (v[5] && cfg_text(c, v[5], "run.time", run->time, sizeof run->time) == 0 &&
	    !slurm_time_ok(run->time)) {
		cfg_error(c, v[5], CD_ERR_TYPE,
		          _("run.time: expected minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or "
		            "UNLIMITED "
		            "such as \"1:00:00\", got %s"),
		          cfg_got(v[5], got, sizeof got));
		run->time[0] = 0;
	}
	if (v[6])
		load_sbatch(c, v[6], run);
}

static void load_run(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"command",   "gpus",  "total_steps",   "cost_per_hour",
	                                   "on",        "nodes", "gpus_per_node", "cpus_per_task",
	                                   "partition", "time",  "sbatch",        "rank"};
	const struct ynode *v[CD_ARRAY_LEN(keys)], *cmd;
	struct scenario_run *run = &sc->run;
	char got[64], path[64];
	int64_t x;

	if (!cfg_map(c, map, "run", keys, CD_ARRAY_LEN(keys), v, REQ(0),
	             _("a mapping with command (and gpus, total_steps, cost_per_hour, on: slurm "
	               "and its options)")))
		return;
	run->present = true;
	cmd = v[0];
	if (cmd && cmd->kind != YN_ALIAS &&
	    (cmd->kind != YN_SEQ || cmd->nkid == 0 || cmd->nkid > SCENARIO_RUN_MAX_ARGS)) {
		if (cmd->kind == YN_SEQ && cmd->nkid)
			cfg_error(c, cmd, CD_ERR_LIMIT,
			          _("run.command: expected at most %d arguments, got %zu"),
			          SCENARIO_RUN_MAX_ARGS, cmd->nkid);
		else
			cfg_error(c, cmd, CD_ERR_TYPE,
			          _("run.command: expected a list of arguments such as "
			            "[capdash-train, --epochs, \"2\"], got %s"),
			          cmd->kind == YN_SEQ ? "an empty list"
			                              : cfg_got(cmd, got, sizeof got));
	} else if (cmd && cmd->kind == YN_SEQ) {
		run->argv = calloc(cmd->nkid + 1, sizeof *run->argv);
		if (!run->argv) {
			cfg_error(c, cmd, CD_ERR_NOMEM, _("out of memory"));
			return;
		}
		for (size_t i = 0; i < cmd->nkid; i++) {
			const struct ynode *a = cmd->kid[i];

			snprintf(path, sizeof path, "run.command.%zu", i);
			if (a->kind != YN_SCALAR || cfg_is_null(a) || strlen(a->text) != a->len ||
			    (i == 0 && !a->len)) {
				if (a->kind != YN_ALIAS)
					cfg_error(c, a, CD_ERR_TYPE, _("%s: expected %s, got %s"),
					          path, i == 0 ? "a program name" : "an argument",
					          a->kind == YN_SCALAR && !cfg_is_null(a) && a->len
					                  ? "text with a NUL byte"
					                  : cfg_got(a, got, sizeof got));
				continue;
			}
			/* The command is shown before it runs: it must read as it is. */
			if (cfg_text_bidi(c, a, path) < 0)
				continue;
			run->argv[run->argc] = strdup(a->text);
			if (!run->argv[run->argc]) {
				cfg_error(c, a, CD_ERR_NOMEM, _("out of memory"));
				return;
			}
			run->argc++;
		}
	}
	if (v[1] && cfg_budget_value(c, v[1], "run.gpus", (struct budget_key){BF_GPUS, 0}, &x) == 0)
		run->gpus_set = true, run->gpus = x;
	if (v[2] && cfg_int(c, v[2], "run.total_steps", 1, SCENARIO_STEPS_MAX, &x) == 0)
		run->total_steps_set = true, run->total_steps = x;
	if (v[3] && cfg_micro(c, v[3], "run.cost_per_hour", SCENARIO_RUN_COST_MAX, &x) == 0)
		run->cost_set = true, run->cost_per_hour = x;
	load_slurm(c, v + 4, run);
	if (v[11] && cfg_int(c, v[11], "run.rank", 0, 65535, &x) == 0)
		run->rank = x;
}

/* The default name: the file name without its directory and ".yaml". */
static void default_name(const char *file, char *buf, size_t size)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".yaml"))
		n -= 5;
	else if (n > 4 && !strcmp(base + n - 4, ".yml"))
		n -= 4;
	if (n >= size)
		n = size - 1;
	memcpy(buf, base, n);
	buf[n] = '\0';
	/* A name shows on screens: keep it one line of printable text. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	if (!cfg_utf8_ok(buf, n) || cfg_bidi_find(buf, n, NULL))
		snprintf(buf, size, "scenario");
}

static void load_currency(struct cfg_ctx *c, const struct ynode *n, struct scenario *sc)
{
	char cur[sizeof sc->currency], got[64];

	if (cfg_text(c, n, "currency", cur, sizeof cur) < 0)
		return;
	if (strlen(cur) != 3 || cur[0] < 'A' || cur[0] > 'Z' || cur[1] < 'A' || cur[1] > 'Z' ||
	    cur[2] < 'A' || cur[2] > 'Z') {
		cfg_error(c, n, CD_ERR_TYPE,
		          _("currency: expected a 3-letter ISO 4217 code such as USD, got %s"),
		          cfg_got(n, got, sizeof got));
		return;
	}
	memcpy(sc->currency, cur, sizeof cur);
}

void scenario_defaults(struct scenario *sc, const char *file)
{
	memset(sc, 0, sizeof *sc);
	default_name(file, sc->name, sizeof sc->name);
	snprintf(sc->currency, sizeof sc->currency, "USD");
	sc->in.alpha = BUDGET_ALPHA_ONE;
	sc->in.scaling_efficiency = BUDGET_ALPHA_ONE; /* linear scaling */
	sc->in.compute_mode = BUDGET_BUY;             /* no compute.mode: the plan buys ... */
	sc->burn.gpu_mode = SCENARIO_GPU_RENT;        /* ... and runs are priced as rented */
	sc->burn.amortization_hours = SCENARIO_AMORT_DEFAULT;
	sc->burn.energy_cost_kwh = SCENARIO_ENERGY_DEFAULT;
	sc->burn.cpu_core_hourly_cost = 0;
}

void scenario_set_compute_mode(struct scenario *sc, enum budget_compute_mode mode)
{
	sc->mode_given = true;
	sc->in.compute_mode = mode;
	sc->burn.gpu_mode = mode == BUDGET_RENT ? SCENARIO_GPU_RENT : SCENARIO_GPU_BUY;
}

/* The node a dotted model path names ("people.roles.1.end_month"), with the
 * file's own spelling of the path in spelled and *full true when every part
 * was found; else the deepest node found (a key left at its default). */
static const struct ynode *node_at(const struct ynode *root, const char *path, char *spelled,
                                   size_t size, bool *full)
{
	/* The model's names for what files may spell another way. */
	static const char *const same[][2] = {{"from", "month"},
	                                      {"utilisation", "utilization"},
	                                      {"amount", "monthly"},
	                                      {"amount", "once"}};
	const struct ynode *n = root;
	size_t used = 0;

	spelled[0] = '\0';
	while (*path) {
		size_t len = strcspn(path, ".");
		const struct ynode *next = NULL;
		const char *word = NULL;
		char part[64];

		snprintf(part, sizeof part, "%.*s", (int)len, path);
		if (n->kind == YN_SEQ) {
			char *end;
			unsigned long i = strtoul(part, &end, 10);

			if (*part && !*end && i < n->nkid)
				next = n->kid[i], word = part;
		} else if (n->kind == YN_MAP) {
			for (size_t k = 0; k <= CD_ARRAY_LEN(same) && !next; k++) {
				const char *w = k ? same[k - 1][1] : part;

				if (k > 0 && strcmp(part, same[k - 1][0]))
					continue;
				for (size_t p = 0; p + 1 < n->nkid && !next; p += 2)
					if (n->kid[p]->kind == YN_SCALAR &&
					    !strcmp(n->kid[p]->text, w))
						next = n->kid[p + 1], word = w;
			}
		}
		if (!next) {
			*full = false;
			return n;
		}
		used += (size_t)snprintf(spelled + used, size - used, "%s%s", used ? "." : "",
		                         word);
		if (used >= size)
			used = size - 1;
		n = next;
		path += len + (path[len] == '.');
	}
	*full = true;
	return n;
}

/* What no single value shows (an end before its start) and whatever else
 * the model's budget_validate finds in the whole input, reported at the
 * value it names in the model's own words, those --set and the dashboard
 * give. */
static void cross_check(struct cfg_ctx *c, const struct ynode *root, const struct scenario *sc)
{
	struct cd_errlist errs;

	cd_errlist_init(&errs);
	budget_validate(&sc->in, &errs);
	for (size_t i = 0; i < errs.n; i++) {
		const char *msg = errs.v[i].msg, *colon = strstr(msg, ": ");
		int code = errs.v[i].code ? errs.v[i].code : CD_ERR_RANGE;
		char path[128], spelled[160];
		const struct ynode *n;
		bool full, dup = false;

		snprintf(path, sizeof path, "%.*s", colon ? (int)(colon - msg) : 0, msg);
		n = node_at(root, path, spelled, sizeof spelled, &full);
		/* A value already refused keeps its default, which the model may
		 * refuse too: say it once. */
		for (size_t k = 0; c->errs && k < c->errs->n; k++)
			dup |= !strcmp(c->errs->v[k].file, c->file) &&
			       c->errs->v[k].line == n->line && c->errs->v[k].col == n->col;
		if (dup)
			continue;
		if (colon && full && strcmp(path, spelled))
			cfg_error(c, n, code, _("%s: %s"), spelled, colon + 2);
		else
			cfg_error(c, n, code, _("%s"), msg);
	}
	cd_errlist_done(&errs);
}

void scenario_from_tree(struct cfg_ctx *c, const struct ynode *root, struct scenario *sc)
{
	static const char *const keys[] = {"name",    "currency", "compute", "data", "people",
	                                   "capital", "sliders",  "ranges",  "run",  "other_costs"};
	static const char *const hints[] = {
	        "compute.gpus",
	        "compute.gpu_unit_cost",
	        "compute.gpu_hourly_cost",
	        "compute.mode",
	        "compute.purchase_month",
	        "compute.rent_from",
	        "compute.rent_to",
	        "compute.hours_per_month",
	        "compute.utilisation",
	        "data.samples",
	        "data.label_cost",
	        "data.schedule",
	        "people.months",
	        "people.roles",
	        "capital.alpha",
	        "capital.fixed_costs",
	        "capital.raised",
	        "capital.cash_at_start",
	        "run.command",
	};
	const struct ynode *v[CD_ARRAY_LEN(keys)];

	if (!cfg_map_hint(c, root, "", keys, CD_ARRAY_LEN(keys), v,
	                  REQ(2) | REQ(3) | REQ(4) | REQ(5),
	                  _("a scenario (a mapping with compute, data, people and capital)"), hints,
	                  CD_ARRAY_LEN(hints)))
		return;
	if (v[0])
		cfg_text(c, v[0], "name", sc->name, sizeof sc->name);
	if (v[1])
		load_currency(c, v[1], sc);
	load_compute(c, v[2], sc);
	load_data(c, v[3], sc);
	load_people(c, v[4], sc);
	if (v[9])
		load_costs(c, v[9], sc);
	load_capital(c, v[5], sc);
	if (v[6] && v[7])
		cfg_error(c, v[7], CD_ERR_KEY,
		          _("ranges: duplicate of sliders (expected one of sliders or ranges)"));
	else if (v[6] || v[7])
		scenario_sliders(c, v[6] ? v[6] : v[7], v[6] ? "sliders" : "ranges", sc);
	if (v[8])
		load_run(c, v[8], sc);
	cross_check(c, root, sc);
}

int scenario_load_mem(const char *name, const char *data, size_t len, struct scenario *sc,
                      struct cd_errlist *errs)
{
	struct cfg_ctx c = {.file = name ? name : "<scenario>", .errs = errs};
	size_t from = errs ? errs->n : 0;
	struct ynode *root = NULL;

	scenario_defaults(sc, c.file);
	if (len > SCENARIO_MAX_BYTES) {
		cfg_error_at(&c, 1, 1, CD_ERR_LIMIT, _("file is %zu bytes, the limit is %d"), len,
		             SCENARIO_MAX_BYTES);
	} else if (ytree_parse(&c, data, len, &root) == 0 && !root) {
		cfg_error_at(&c, 1, 1, CD_ERR_SYNTAX,
		             _("empty file (expected a scenario: a mapping with compute, data, "
		               "people and capital)"));
	} else if (root) {
		scenario_from_tree(&c, root, sc);
	}
	ytree_free(root);
	cfg_sort_errors(&c, from);
	if (c.nerr) {
		scenario_done(sc);
		return -1;
	}
	return 0;
}

int scenario_load(const char *path, struct scenario *sc, struct cd_errlist *errs)
{
	char *data;
	size_t len;
	int rc;

	memset(sc, 0, sizeof *sc);
	if (cfg_read_file(path, &data, &len, errs) < 0)
		return -1;
	rc = scenario_load_mem(path, data, len, sc, errs);
	free(data);
	return rc;
}
