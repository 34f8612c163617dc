/* runcmd.c — the run directory's `command` file: what was started, where,
 * and the prices every burn figure of the run uses.  Written once by
 * run_start, read by readers and by run_restart.  Beside it, `pricing`:
 * the GPU count chosen after the start (run_set_gpus), which readers follow.
 *
 * command, one JSON object: {"v":1,"argv":[...],"cwd":"...","name":"...",
 * "pty":false,"total_steps":0,"gpus":1,"gpu_source":"--gpus",
 * "grace_ms":10000,"sample_ms":2000,"gpu_mode":"rent","gpu_hourly":2500000,
 * ... (prices in micro-dollars)}; gpus -1: what NVML finds.
 * pricing: {"v":1,"gpus":8,"gpu_source":"plan","set_ms":1764390000123}.
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capdash/common.h"

int runcmd_write(const char *dir, const struct run_command *c, struct cd_err *err)
{
	char path[RUN_PATH_MAX];
	size_t cap = 4096, n;
	char *buf;
	struct jw w;
	int rc;

	for (int i = 0; i < c->argc; i++)
		cap += strlen(c->argv[i]) * 6 + 4;
	cap += strlen(c->cwd) * 6;
	if (!(buf = malloc(cap)))
		return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory"));
	jw_begin(&w, buf, cap);
	jw_int(&w, "v", 1);
	jw_strv(&w, "argv", c->argv);
	jw_str(&w, "cwd", c->cwd);
	jw_str(&w, "name", c->name);
	jw_bool(&w, "pty", c->pty);
	jw_int(&w, "total_steps", c->total_steps);
	jw_int(&w, "gpus", c->gpus);
	jw_str(&w, "gpu_source", run_gpu_source_name(c->gpu_source));
	jw_int(&w, "grace_ms", c->grace_ms);
	jw_int(&w, "sample_ms", c->sample_ms);
	jw_str(&w, "gpu_mode", c->prices.mode == BURN_BUY ? "buy" : "rent");
	jw_int(&w, "gpu_hourly", c->prices.gpu_hourly);
	jw_int(&w, "gpu_unit_cost", c->prices.gpu_unit_cost);
	jw_int(&w, "amortization_hours", c->prices.amortization_hours);
	jw_int(&w, "energy_kwh", c->prices.energy_kwh);
	jw_int(&w, "cpu_core_hourly", c->prices.cpu_core_hourly);
	jw_int(&w, "override_hourly", c->prices.override_hourly);
	jw_int(&w, "team_monthly", c->prices.team_monthly);
	if (c->rank)
		jw_int(&w, "rank", c->rank);
	n = jw_end(&w);
	if (!n || rundir_path(path, sizeof(path), dir, RUN_F_COMMAND)) {
		free(buf);
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("command too long to record"));
	}
	rc = cd_write_atomic(path, buf, n, err);
	free(buf);
	return rc;
}

static enum run_gpu_source source_of(const char *name)
{
	for (int s = RUN_GPUS_DETECTED; s <= RUN_GPUS_SLURM; s++)
		if (!strcmp(name, run_gpu_source_name((enum run_gpu_source)s)))
			return (enum run_gpu_source)s;
	return RUN_GPUS_DETECTED;
}

struct rd {
	struct run_command *c;
	bool nomem;
};

static void cmd_cb(const char *k, const struct jr_val *v, void *ctx)
{
	struct rd *rd = ctx;
	struct run_command *c = rd->c;
	int64_t n = jr_i64(v->num);

	if (v->type == JR_ARR_STR && !strcmp(k, "argv")) {
		char **nv = realloc(c->argv, (size_t)(c->argc + 2) * sizeof(*nv));
		if (!nv || !(nv[c->argc] = strdup(v->str))) {
			if (nv)
				c->argv = nv;
			rd->nomem = true;
			return;
		}
		c->argv = nv;
		nv[++c->argc] = NULL;
		return;
	}
	if (v->type == JR_STR) {
		if (!strcmp(k, "cwd"))
			snprintf(c->cwd, sizeof(c->cwd), "%s", v->str);
		else if (!strcmp(k, "name"))
			snprintf(c->name, sizeof(c->name), "%s", v->str);
		else if (!strcmp(k, "gpu_mode"))
			c->prices.mode = !strcmp(v->str, "buy") ? BURN_BUY : BURN_RENT;
		else if (!strcmp(k, "gpu_source"))
			c->gpu_source = source_of(v->str);
		return;
	}
	if (v->type != JR_NUM && v->type != JR_BOOL)
		return;
	if (!strcmp(k, "pty"))
		c->pty = n != 0;
	else if (!strcmp(k, "total_steps"))
		c->total_steps = n;
	else if (!strcmp(k, "gpus"))
		c->gpus = n;
	else if (!strcmp(k, "grace_ms"))
		c->grace_ms = (int)n;
	else if (!strcmp(k, "sample_ms"))
		c->sample_ms = (int)n;
	else if (!strcmp(k, "rank") && n >= 0 && n <= RUN_RANK_MAX)
		c->rank = (int)n;
	else if (!strcmp(k, "gpu_hourly"))
		c->prices.gpu_hourly = n;
	else if (!strcmp(k, "gpu_unit_cost"))
		c->prices.gpu_unit_cost = n;
	else if (!strcmp(k, "amortization_hours"))
		c->prices.amortization_hours = n;
	else if (!strcmp(k, "energy_kwh"))
		c->prices.energy_kwh = n;
	else if (!strcmp(k, "cpu_core_hourly"))
		c->prices.cpu_core_hourly = n;
	else if (!strcmp(k, "override_hourly"))
		c->prices.override_hourly = n;
	else if (!strcmp(k, "team_monthly"))
		c->prices.team_monthly = n;
}

int runcmd_read(const char *dir, struct run_command *c, struct cd_err *err)
{
	char path[RUN_PATH_MAX], *data;
	size_t len;
	struct rd rd = {c, false};
	struct cd_err e;

	memset(c, 0, sizeof(*c));
	c->prices.override_hourly = -1;
	if (rundir_path(path, sizeof(path), dir, RUN_F_COMMAND))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	if (cd_read_file(path, 4 << 20, &data, &len, &e)) {
		if (err)
			*err = e;
		return -1;
	}
	if (jr_parse(data, len, cmd_cb, &rd) || rd.nomem || c->argc == 0) {
		free(data);
		runcmd_done(c);
		return cd_err_set(err, rd.nomem ? CD_ERR_NOMEM : CD_ERR_SYNTAX, path, 1, 1,
		                  _("command: expected a JSON object with a non-empty argv"));
	}
	free(data);
	return 0;
}

void runcmd_done(struct run_command *c)
{
	for (int i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->argv);
	c->argv = NULL;
	c->argc = 0;
}

const char *run_gpu_source_name(enum run_gpu_source s)
{
	static const char *const names[] = {[RUN_GPUS_DETECTED] = "detected",
	                                    [RUN_GPUS_PLAN] = "plan",
	                                    [RUN_GPUS_FLAG] = "--gpus",
	                                    [RUN_GPUS_SLURM] = "slurm"};
	return (unsigned)s < CD_ARRAY_LEN(names) ? names[s] : "?";
}

int run_set_gpus(const char *dir, int64_t n, enum run_gpu_source src, struct cd_err *err)
{
	char path[RUN_PATH_MAX], buf[256];
	struct jw w;
	size_t len;

	if (n < 0 || n > BURN_GPUS_MAX)
		return cd_err_set(err, CD_ERR_RANGE, dir, 0, 0,
		                  _("gpus: expected a whole number from 0 to %d, got %lld"),
		                  BURN_GPUS_MAX, (long long)n);
	if ((unsigned)src > RUN_GPUS_SLURM)
		return cd_err_set(err, CD_ERR_RANGE, dir, 0, 0, _("gpu_source: unknown source %d"),
		                  (int)src);
	if (rundir_path(path, sizeof(path), dir, RUN_F_COMMAND) || access(path, F_OK))
		return cd_err_set(err, CD_ERR_IO, dir, 0, 0, _("not a run directory (no %s file)"),
		                  RUN_F_COMMAND);
	jw_begin(&w, buf, sizeof(buf));
	jw_int(&w, "v", 1);
	jw_int(&w, "gpus", n);
	jw_str(&w, "gpu_source", run_gpu_source_name(src));
	jw_int(&w, "set_ms", run_now_ms());
	len = jw_end(&w);
	if (rundir_path(path, sizeof(path), dir, RUN_F_PRICING))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	return cd_write_atomic(path, buf, len, err);
}

struct pricing {
	int64_t gpus;
	enum run_gpu_source src;
	bool has_gpus;
};

static void pricing_cb(const char *k, const struct jr_val *v, void *ctx)
{
	struct pricing *p = ctx;

	if (v->type == JR_NUM && !strcmp(k, "gpus")) {
		p->gpus = jr_i64(v->num);
		p->has_gpus = p->gpus >= 0 && p->gpus <= BURN_GPUS_MAX;
	} else if (v->type == JR_STR && !strcmp(k, "gpu_source")) {
		p->src = source_of(v->str);
	}
}

int runcmd_read_pricing(const char *dir, int64_t *gpus, enum run_gpu_source *src)
{
	char path[RUN_PATH_MAX], *data;
	size_t len;
	struct pricing p = {0, RUN_GPUS_PLAN, false};
	int rc;

	if (rundir_path(path, sizeof(path), dir, RUN_F_PRICING) || access(path, F_OK))
		return 1;
	if (cd_read_file(path, 65536, &data, &len, NULL))
		return -1;
	rc = jr_parse(data, len, pricing_cb, &p) || !p.has_gpus ? -1 : 0;
	free(data);
	if (rc == 0) {
		*gpus = p.gpus;
		*src = p.src;
	}
	return rc;
}
