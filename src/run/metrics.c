/* metrics.c — metrics.jsonl records: point, cpu, gpu, nogpu and state
 * lines, formatted by the supervisor and decoded by readers.  The schema is
 * documented in run.h and is a stable export format: add keys, never change
 * the meaning of one.
 *
 * Pure formatting/decoding: no files here.  Start at metrics_fmt_point().
 */
#include "run_int.h"

#include <stdio.h>
#include <string.h>

static const char *const rate_names[] = {[RATE_NONE] = "",
                                         [RATE_SAMPLES] = "samples/s",
                                         [RATE_TOKENS] = "tok/s",
                                         [RATE_ITERS] = "it/s"};

static void head(struct jw *w, char *buf, size_t size, double t, const char *type)
{
	jw_begin(w, buf, size);
	jw_int(w, "v", 1);
	jw_num(w, "t", t);
	jw_str(w, "type", type);
}

size_t metrics_fmt_point(char *buf, size_t size, double t, const struct metric_point *mp)
{
	struct jw w;

	head(&w, buf, size, t, "point");
	if (mp->has & MP_STEP)
		jw_int(&w, "step", mp->step);
	if (mp->has & MP_TOTAL)
		jw_int(&w, "total", mp->total);
	if (mp->has & MP_EPOCH)
		jw_num(&w, "epoch", mp->epoch);
	if (mp->has & MP_EPOCHS)
		jw_int(&w, "epochs", mp->epochs);
	if (mp->has & MP_LOSS)
		jw_num(&w, "loss", mp->loss);
	if (mp->has & MP_VAL_LOSS)
		jw_num(&w, "val_loss", mp->val_loss);
	if (mp->has & MP_ACC)
		jw_num(&w, "acc", mp->acc);
	if (mp->has & MP_VAL_ACC)
		jw_num(&w, "val_acc", mp->val_acc);
	if (mp->has & MP_LR)
		jw_num(&w, "lr", mp->lr);
	if (mp->has & MP_THROUGHPUT) {
		jw_num(&w, "throughput", mp->throughput);
		if ((unsigned)mp->rate_unit < 4 && mp->rate_unit != RATE_NONE)
			jw_str(&w, "rate_unit", rate_names[mp->rate_unit]);
	}
	if (mp->has & MP_MFU)
		jw_num(&w, "mfu", mp->mfu);
	if (mp->has & MP_GRAD_NORM)
		jw_num(&w, "grad_norm", mp->grad_norm);
	if (mp->has & MP_STEP_TIME)
		jw_num(&w, "step_time", mp->step_time);
	if ((unsigned)mp->format <= LOGFMT_GENERIC)
		jw_str(&w, "format", logformat_name(mp->format));
	return jw_end(&w);
}

size_t metrics_fmt_cpu(char *buf, size_t size, double t, const struct run_cpu *c)
{
	struct jw w;

	head(&w, buf, size, t, "cpu");
	jw_num(&w, "cpu_pct", c->cpu_pct);
	jw_int(&w, "rss_bytes", c->rss_bytes);
	jw_int(&w, "nproc", c->nproc);
	jw_int(&w, "cpu_ms", c->cpu_ms);
	return jw_end(&w);
}

size_t metrics_fmt_gpu(char *buf, size_t size, double t, const struct run_gpu *g)
{
	struct jw w;

	head(&w, buf, size, t, "gpu");
	jw_int(&w, "index", g->index);
	if (g->has & RUN_GPU_NAME)
		jw_str(&w, "name", g->name);
	if (g->has & RUN_GPU_UTIL) {
		jw_int(&w, "util_pct", g->util_pct);
		jw_int(&w, "mem_util_pct", g->mem_util_pct);
	}
	if (g->has & RUN_GPU_MEM) {
		jw_int(&w, "mem_used", (int64_t)g->mem_used);
		jw_int(&w, "mem_total", (int64_t)g->mem_total);
	}
	if (g->has & RUN_GPU_POWER)
		jw_int(&w, "power_mw", g->power_mw);
	if (g->has & RUN_GPU_ENERGY)
		jw_int(&w, "energy_mj", (int64_t)g->energy_mj);
	if (g->has & RUN_GPU_TEMP)
		jw_int(&w, "temp_c", g->temp_c);
	return jw_end(&w);
}

size_t metrics_fmt_text(char *buf, size_t size, double t, const char *type, const char *key,
                        const char *text)
{
	struct jw w;

	head(&w, buf, size, t, type);
	jw_str(&w, key, text);
	return jw_end(&w);
}

static void rec_cb(const char *k, const struct jr_val *v, void *ctx)
{
	struct run_record *r = ctx;
	struct metric_point *mp = &r->mp;
	double x = v->num;

	if (v->type == JR_STR) {
		if (!strcmp(k, "type")) {
			r->type = !strcmp(v->str, "point")   ? REC_POINT
			          : !strcmp(v->str, "cpu")   ? REC_CPU
			          : !strcmp(v->str, "gpu")   ? REC_GPU
			          : !strcmp(v->str, "nogpu") ? REC_NOGPU
			          : !strcmp(v->str, "state") ? REC_STATE
			                                     : REC_NONE;
		} else if (!strcmp(k, "rate_unit")) {
			for (unsigned i = 1; i < 4; i++)
				if (!strcmp(v->str, rate_names[i]))
					mp->rate_unit = (enum metric_rate_unit)i;
		} else if (!strcmp(k, "format")) {
			for (unsigned i = 0; i <= LOGFMT_GENERIC; i++)
				if (!strcmp(v->str, logformat_name((enum logformat)i)))
					mp->format = (enum logformat)i;
		} else if (!strcmp(k, "name")) {
			snprintf(r->gpu.name, sizeof(r->gpu.name), "%s", v->str);
			r->gpu.has |= RUN_GPU_NAME;
		} else if (!strcmp(k, "why") || !strcmp(k, "state")) {
			snprintf(r->text, sizeof(r->text), "%s", v->str);
		}
		return;
	}
	if (v->type != JR_NUM)
		return; /* null: not reported */
	/* Keys are shared between record types only where they mean the same. */
	if (!strcmp(k, "t"))
		r->t = x;
	else if (!strcmp(k, "step")) {
		mp->step = jr_i64(x);
		mp->has |= MP_STEP;
	} else if (!strcmp(k, "total")) {
		mp->total = jr_i64(x);
		mp->has |= MP_TOTAL;
	} else if (!strcmp(k, "epoch")) {
		mp->epoch = x;
		mp->has |= MP_EPOCH;
	} else if (!strcmp(k, "epochs")) {
		mp->epochs = jr_i64(x);
		mp->has |= MP_EPOCHS;
	} else if (!strcmp(k, "loss")) {
		mp->loss = x;
		mp->has |= MP_LOSS;
	} else if (!strcmp(k, "val_loss")) {
		mp->val_loss = x;
		mp->has |= MP_VAL_LOSS;
	} else if (!strcmp(k, "acc")) {
		mp->acc = x;
		mp->has |= MP_ACC;
	} else if (!strcmp(k, "val_acc")) {
		mp->val_acc = x;
		mp->has |= MP_VAL_ACC;
	} else if (!strcmp(k, "lr")) {
		mp->lr = x;
		mp->has |= MP_LR;
	} else if (!strcmp(k, "throughput")) {
		mp->throughput = x;
		mp->has |= MP_THROUGHPUT;
	} else if (!strcmp(k, "mfu")) {
		mp->mfu = x;
		mp->has |= MP_MFU;
	} else if (!strcmp(k, "grad_norm")) {
		mp->grad_norm = x;
		mp->has |= MP_GRAD_NORM;
	} else if (!strcmp(k, "step_time")) {
		mp->step_time = x;
		mp->has |= MP_STEP_TIME;
	} else if (!strcmp(k, "cpu_pct")) {
		r->cpu.cpu_pct = x;
		r->cpu.valid = true;
	} else if (!strcmp(k, "rss_bytes"))
		r->cpu.rss_bytes = jr_i64(x);
	else if (!strcmp(k, "nproc"))
		r->cpu.nproc = (int)(x > -2e9 && x < 2e9 ? x : -1);
	else if (!strcmp(k, "cpu_ms"))
		r->cpu.cpu_ms = jr_i64(x);
	else if (!strcmp(k, "index"))
		r->gpu.index = (int)(x > -2e9 && x < 2e9 ? x : -1);
	else if (!strcmp(k, "util_pct")) {
		r->gpu.util_pct = (unsigned)(x > 0 && x < 4e9 ? x : 0);
		r->gpu.has |= RUN_GPU_UTIL;
	} else if (!strcmp(k, "mem_util_pct"))
		r->gpu.mem_util_pct = (unsigned)(x > 0 && x < 4e9 ? x : 0);
	else if (!strcmp(k, "mem_used")) {
		r->gpu.mem_used = (uint64_t)(x > 0 ? jr_i64(x) : 0);
		r->gpu.has |= RUN_GPU_MEM;
	} else if (!strcmp(k, "mem_total"))
		r->gpu.mem_total = (uint64_t)(x > 0 ? jr_i64(x) : 0);
	else if (!strcmp(k, "power_mw")) {
		r->gpu.power_mw = (unsigned)(x > 0 && x < 4e9 ? x : 0);
		r->gpu.has |= RUN_GPU_POWER;
	} else if (!strcmp(k, "energy_mj")) {
		r->gpu.energy_mj = (uint64_t)(x > 0 ? jr_i64(x) : 0);
		r->gpu.has |= RUN_GPU_ENERGY;
	} else if (!strcmp(k, "temp_c")) {
		r->gpu.temp_c = (unsigned)(x > 0 && x < 4e9 ? x : 0);
		r->gpu.has |= RUN_GPU_TEMP;
	}
}

int metrics_parse(const char *line, size_t len, struct run_record *r)
{
	memset(r, 0, sizeof(*r));
	if (jr_parse(line, len, rec_cb, r)) {
		r->type = REC_NONE;
		return -1;
	}
	return 0;
}
