/* runcmd.c — the run directory's `command` file: what was started, where,
 * and the prices every burn figure of the run uses.  Written once by
 * run_start, read by readers and by run_restart.
 *
 * JSON, one object: {"v":1,"argv":[...],"cwd":"...","name":"...","pty":false,
 * "total_steps":0,"gpus":1,"grace_ms":10000,"sample_ms":2000,
 * "gpu_mode":"rent","gpu_hourly":2500000,... (prices in micro-dollars)}.
 */
#include "run_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
	jw_begin(&w, buf, cap);
	jw_int(&w, "v", 1);
	jw_strv(&w, "argv", c->argv);
	jw_str(&w, "cwd", c->cwd);
	jw_str(&w, "name", c->name);
	jw_bool(&w, "pty", c->pty);
	jw_int(&w, "total_steps", c->total_steps);
	jw_int(&w, "gpus", c->gpus);
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
	n = jw_end(&w);
	if (!n || rundir_path(path, sizeof(path), dir, RUN_F_COMMAND)) {
		free(buf);
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, "command too long to record");
	}
	rc = cd_write_atomic(path, buf, n, err);
	free(buf);
	return rc;
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
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, "path too long");
	if (cd_read_file(path, 4 << 20, &data, &len, &e)) {
		if (err)
			*err = e;
		return -1;
	}
	if (jr_parse(data, len, cmd_cb, &rd) || rd.nomem || c->argc == 0) {
		free(data);
		runcmd_done(c);
		return cd_err_set(err, rd.nomem ? CD_ERR_NOMEM : CD_ERR_SYNTAX, path, 1, 1,
		                  "command: expected a JSON object with a non-empty argv");
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
