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
	                                   "scaling_efficiency"};
	static const char *const modes[] = {"rent", "buy"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	int64_t x;
	int m;

	if (!cfg_map(c, map, "compute", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             "a mapping with gpus and gpu_unit_cost"))
		return;
	load_budget_value(c, v[0], "compute.gpus", (struct budget_key){BF_GPUS, 0}, &sc->in.gpus);
	load_budget_value(c, v[1], "compute.gpu_unit_cost",
	                  (struct budget_key){BF_GPU_UNIT_COST, 0}, &sc->in.gpu_unit_cost);
	load_budget_value(c, v[2], "compute.gpu_hourly_cost",
	                  (struct budget_key){BF_GPU_HOURLY_COST, 0}, &sc->in.gpu_hourly_cost);
	if (v[3] && (m = cfg_enum(c, v[3], "compute.mode", modes, 2)) >= 0)
		sc->burn.gpu_mode = m == 0 ? SCENARIO_GPU_RENT : SCENARIO_GPU_BUY;
	if (v[4] && cfg_int(c, v[4], "compute.amortization_hours", SCENARIO_AMORT_MIN,
	                    SCENARIO_AMORT_MAX, &x) == 0)
		sc->burn.amortization_hours = x;
	if (v[5] && cfg_micro(c, v[5], "compute.energy_cost_kwh", SCENARIO_ENERGY_MAX, &x) == 0)
		sc->burn.energy_cost_kwh = x;
	if (v[6] &&
	    cfg_micro(c, v[6], "compute.cpu_core_hourly_cost", SCENARIO_CPU_HOURLY_MAX, &x) == 0)
		sc->burn.cpu_core_hourly_cost = x;
	load_budget_value(c, v[7], "compute.scaling_efficiency",
	                  (struct budget_key){BF_SCALING_EFFICIENCY, 0},
	                  &sc->in.scaling_efficiency);
}

static void load_data(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"samples", "label_cost"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];

	if (!cfg_map(c, map, "data", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             "a mapping with samples and label_cost"))
		return;
	load_budget_value(c, v[0], "data.samples", (struct budget_key){BF_SAMPLES, 0},
	                  &sc->in.samples);
	load_budget_value(c, v[1], "data.label_cost", (struct budget_key){BF_LABEL_COST, 0},
	                  &sc->in.label_cost);
}

static void load_role(struct cfg_ctx *c, const struct ynode *map, int i, struct scenario *sc)
{
	static const char *const keys[] = {"name", "count", "monthly_salary"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];
	struct budget_role *r = &sc->in.roles[i];
	char path[64], sub[96];

	snprintf(path, sizeof path, "people.roles.%d", i);
	if (!cfg_map(c, map, path, keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1) | REQ(2),
	             "a mapping with name, count and monthly_salary"))
		return;
	snprintf(sub, sizeof sub, "%s.name", path);
	if (v[0] && cfg_text(c, v[0], sub, r->name, sizeof r->name) == 0 && !r->name[0])
		cfg_error(c, v[0], CD_ERR_TYPE, "%s: expected a role name, got \"\"", sub);
	snprintf(sub, sizeof sub, "%s.count", path);
	load_budget_value(c, v[1], sub, (struct budget_key){BF_ROLE_COUNT, i}, &r->count);
	snprintf(sub, sizeof sub, "%s.monthly_salary", path);
	load_budget_value(c, v[2], sub, (struct budget_key){BF_ROLE_SALARY, i}, &r->monthly_salary);
}

static void load_people(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"months", "roles"};
	const struct ynode *v[CD_ARRAY_LEN(keys)], *roles;
	char got[64];

	if (!cfg_map(c, map, "people", keys, CD_ARRAY_LEN(keys), v, REQ(0) | REQ(1),
	             "a mapping with months and roles"))
		return;
	load_budget_value(c, v[0], "people.months", (struct budget_key){BF_MONTHS, 0},
	                  &sc->in.months);
	roles = v[1];
	if (!roles || roles->kind == YN_ALIAS)
		return;
	if (roles->kind != YN_SEQ) {
		cfg_error(c, roles, CD_ERR_TYPE,
		          "people.roles: expected a list of roles (- name: ..., count: ..., "
		          "monthly_salary: ...), got %s",
		          cfg_got(roles, got, sizeof got));
		return;
	}
	if (roles->nkid > BUDGET_MAX_ROLES)
		cfg_error(c, roles->kid[BUDGET_MAX_ROLES], CD_ERR_LIMIT,
		          "people.roles: expected at most %d roles, got %zu", BUDGET_MAX_ROLES,
		          roles->nkid);
	for (size_t i = 0; i < roles->nkid && i < BUDGET_MAX_ROLES; i++)
		load_role(c, roles->kid[i], (int)i, sc);
	sc->in.nroles = roles->nkid < BUDGET_MAX_ROLES ? (int)roles->nkid : BUDGET_MAX_ROLES;
}

static void load_capital(struct cfg_ctx *c, const struct ynode *map, struct scenario *sc)
{
	static const char *const keys[] = {"alpha", "fixed_costs"};
	const struct ynode *v[CD_ARRAY_LEN(keys)];

	if (!cfg_map(c, map, "capital", keys, CD_ARRAY_LEN(keys), v, REQ(0),
	             "a mapping with alpha and fixed_costs"))
		return;
	load_budget_value(c, v[0], "capital.alpha", (struct budget_key){BF_ALPHA, 0},
	                  &sc->in.alpha);
	load_budget_value(c, v[1], "capital.fixed_costs", (struct budget_key){BF_FIXED_COSTS, 0},
	                  &sc->in.fixed_costs);
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
			          "run.sbatch: expected at most %d options, got %zu",
			          SCENARIO_RUN_MAX_SBATCH, n->nkid);
		else
			cfg_error(c, n, CD_ERR_TYPE,
			          "run.sbatch: expected a list of sbatch options such as "
			          "[--qos=high, --account=lab], got %s",
			          cfg_got(n, got, sizeof got));
		return;
	}
	run->sbatch = calloc(n->nkid + 1, sizeof *run->sbatch);
	if (!run->sbatch) {
		cfg_error(c, n, CD_ERR_NOMEM, "out of memory");
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
			          "%s: expected an sbatch option starting with '-' such as "
			          "--qos=high (no '\"'), got %s",
			          path, cfg_got(a, got, sizeof got));
			continue;
		}
		if (!(run->sbatch[run->nsbatch] = strdup(opt))) {
			cfg_error(c, a, CD_ERR_NOMEM, "out of memory");
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
			          "%s: only for Slurm runs (add on: slurm to run:)", names[i]);
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
		cfg_error(c, v[4], CD_ERR_TYPE,
		          "run.partition: expected a partition name (no blanks or quotes), got %s",
		          cfg_got(v[4], got, sizeof got));
		run->partition[0] = 0;
	}
	if (v[5] && cfg_text(c, v[5], "run.time", run->time, sizeof run->time) == 0 &&
	    !slurm_time_ok(run->time)) {
		cfg_error(
		        c, v[5], CD_ERR_TYPE,
		        "run.time: expected minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED "
		        "such as \"1:00:00\", got %s",
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
	             "a mapping with command (and gpus, total_steps, cost_per_hour, on: slurm "
	             "and its options)"))
		return;
	run->present = true;
	cmd = v[0];
	if (cmd && cmd->kind != YN_ALIAS &&
	    (cmd->kind != YN_SEQ || cmd->nkid == 0 || cmd->nkid > SCENARIO_RUN_MAX_ARGS)) {
		if (cmd->kind == YN_SEQ && cmd->nkid)
			cfg_error(c, cmd, CD_ERR_LIMIT,
			          "run.command: expected at most %d arguments, got %zu",
			          SCENARIO_RUN_MAX_ARGS, cmd->nkid);
		else
			cfg_error(c, cmd, CD_ERR_TYPE,
			          "run.command: expected a list of arguments such as "
			          "[capdash-train, --epochs, \"2\"], got %s",
			          cmd->kind == YN_SEQ ? "an empty list"
			                              : cfg_got(cmd, got, sizeof got));
	} else if (cmd && cmd->kind == YN_SEQ) {
		run->argv = calloc(cmd->nkid + 1, sizeof *run->argv);
		if (!run->argv) {
			cfg_error(c, cmd, CD_ERR_NOMEM, "out of memory");
			return;
		}
		for (size_t i = 0; i < cmd->nkid; i++) {
			const struct ynode *a = cmd->kid[i];

			snprintf(path, sizeof path, "run.command.%zu", i);
			if (a->kind != YN_SCALAR || cfg_is_null(a) || strlen(a->text) != a->len ||
			    (i == 0 && !a->len)) {
				if (a->kind != YN_ALIAS)
					cfg_error(c, a, CD_ERR_TYPE, "%s: expected %s, got %s",
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
				cfg_error(c, a, CD_ERR_NOMEM, "out of memory");
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
		          "currency: expected a 3-letter ISO 4217 code such as USD, got %s",
		          cfg_got(n, got, sizeof got));
		return;
	}
	memcpy(sc->currency, cur, sizeof cur);
}

static void scenario_defaults(struct scenario *sc, const char *file)
{
	memset(sc, 0, sizeof *sc);
	default_name(file, sc->name, sizeof sc->name);
	snprintf(sc->currency, sizeof sc->currency, "USD");
	sc->in.alpha = BUDGET_ALPHA_ONE;
	sc->in.scaling_efficiency = BUDGET_ALPHA_ONE; /* linear scaling */
	sc->burn.gpu_mode = SCENARIO_GPU_RENT;
	sc->burn.amortization_hours = SCENARIO_AMORT_DEFAULT;
	sc->burn.energy_cost_kwh = SCENARIO_ENERGY_DEFAULT;
	sc->burn.cpu_core_hourly_cost = 0;
}

void scenario_from_tree(struct cfg_ctx *c, const struct ynode *root, struct scenario *sc)
{
	static const char *const keys[] = {"name",    "currency", "compute", "data", "people",
	                                   "capital", "sliders",  "ranges",  "run"};
	static const char *const hints[] = {
	        "compute.gpus",        "compute.gpu_unit_cost", "compute.gpu_hourly_cost",
	        "compute.mode",        "data.samples",          "data.label_cost",
	        "people.months",       "people.roles",          "capital.alpha",
	        "capital.fixed_costs", "run.command",
	};
	const struct ynode *v[CD_ARRAY_LEN(keys)];

	if (!cfg_map_hint(c, root, "", keys, CD_ARRAY_LEN(keys), v,
	                  REQ(2) | REQ(3) | REQ(4) | REQ(5),
	                  "a scenario (a mapping with compute, data, people and capital)", hints,
	                  CD_ARRAY_LEN(hints)))
		return;
	if (v[0])
		cfg_text(c, v[0], "name", sc->name, sizeof sc->name);
	if (v[1])
		load_currency(c, v[1], sc);
	load_compute(c, v[2], sc);
	load_data(c, v[3], sc);
	load_people(c, v[4], sc);
	load_capital(c, v[5], sc);
	if (v[6] && v[7])
		cfg_error(c, v[7], CD_ERR_KEY,
		          "ranges: duplicate of sliders (expected one of sliders or ranges)");
	else if (v[6] || v[7])
		scenario_sliders(c, v[6] ? v[6] : v[7], v[6] ? "sliders" : "ranges", sc);
	if (v[8])
		load_run(c, v[8], sc);
}

int scenario_load_mem(const char *name, const char *data, size_t len, struct scenario *sc,
                      struct cd_errlist *errs)
{
	struct cfg_ctx c = {.file = name ? name : "<scenario>", .errs = errs};
	size_t from = errs ? errs->n : 0;
	struct ynode *root = NULL;

	scenario_defaults(sc, c.file);
	if (len > SCENARIO_MAX_BYTES) {
		cfg_error_at(&c, 1, 1, CD_ERR_LIMIT, "file is %zu bytes, the limit is %d", len,
		             SCENARIO_MAX_BYTES);
	} else if (ytree_parse(&c, data, len, &root) == 0 && !root) {
		cfg_error_at(&c, 1, 1, CD_ERR_SYNTAX,
		             "empty file (expected a scenario: a mapping with compute, data, "
		             "people and capital)");
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
