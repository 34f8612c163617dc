/* parse_dict.c — lines that are one object: capdash's protocol (proto.h),
 * HuggingFace Trainer's dict reprs and fairseq's json log lines (numbers as
 * strings), plus any other JSON-lines logger that uses the usual names.
 *
 * Decides what is a point and what is not: a hyperparameter dict, a
 * protocol "start" line or HF's final train_runtime summary is not.
 * Pure; start at pf_dict().
 */
#include "parse_int.h"

#include <string.h>

static bool key_is(const struct jpair *jp, const char *k)
{
	return strlen(k) == jp->klen && memcmp(jp->key, k, jp->klen) == 0;
}

static bool str_is(const struct jpair *jp, const char *s)
{
	return jp->type == JV_STR && strlen(s) == jp->slen && memcmp(jp->s, s, jp->slen) == 0;
}

/* {"capdash":1,"event":...}: the protocol, read as far as its known fields go. */
static int proto_line(struct logparse_state *st, struct jscan *j, struct metric_point *m)
{
	struct jpair jp;
	int r, ev = 0; /* 1 start, 2 step, 3 eval */
	int64_t total = 0, epochs = 0;

	while ((r = jscan_next(j, &jp)) == 1) {
		if (key_is(&jp, "event")) {
			ev = str_is(&jp, "start")  ? 1
			     : str_is(&jp, "step") ? 2
			     : str_is(&jp, "eval") ? 3
			                           : 4;
			continue;
		}
		if (jp.type != JV_NUM)
			continue; /* null: not finite, left unset */
		if (key_is(&jp, "step"))
			mp_put(m, PK_STEP, jp.num);
		else if (key_is(&jp, "total_steps") && jp.num >= 1 && jp.num < 1e15)
			total = (int64_t)jp.num;
		else if (key_is(&jp, "epoch"))
			mp_put(m, PK_EPOCH, jp.num);
		else if (key_is(&jp, "epochs") && jp.num >= 1 && jp.num < 1e9)
			epochs = (int64_t)jp.num;
		else if (key_is(&jp, "loss"))
			mp_put(m, PK_LOSS, jp.num);
		else if (key_is(&jp, "val_loss"))
			mp_put(m, PK_VAL_LOSS, jp.num);
		else if (key_is(&jp, "val_acc"))
			mp_put(m, PK_VAL_ACC, jp.num);
		else if (key_is(&jp, "lr"))
			mp_put(m, PK_LR, jp.num);
		else if (key_is(&jp, "samples_per_s"))
			mp_put(m, PK_SAMPLES, jp.num);
	}
	if (ev == 1) {
		if (total)
			st->total_hint = total;
		if (epochs)
			st->epochs = epochs;
		memset(m, 0, sizeof *m);
		return 0;
	}
	if (ev != 2 && ev != 3) {
		memset(m, 0, sizeof *m);
		return 0;
	}
	if (ev == 3)
		m->has &= ~(unsigned)MP_LOSS;
	if (total) {
		m->total = total;
		m->has |= MP_TOTAL;
	}
	if (epochs) {
		m->epochs = epochs;
		m->has |= MP_EPOCHS;
	}
	m->format = LOGFMT_CAPDASH;
	return 1;
}

int pf_dict(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	struct jscan j;
	struct jpair jp;
	int r, npairs = 0;
	bool all_numeric = true, summary = false, numstr = false, counter = false, single = false,
	     fairseq_keys = false;
	int64_t total_hint = 0, epochs_hint = 0;

	if (!jscan_begin(&j, p, end))
		return -1;
	while ((r = jscan_next(&j, &jp)) == 1) {
		enum pkey id;

		if (npairs++ == 0) {
			if (key_is(&jp, "capdash") && jp.type == JV_NUM && jp.num >= 1)
				return proto_line(st, &j, m);
			single = jp.quote == '\'';
		}
		if (jp.type != JV_NUM) {
			all_numeric = false;
			continue;
		}
		numstr |= jp.numstr;
		if (key_is(&jp, "num_updates") || key_is(&jp, "wps") || key_is(&jp, "ups"))
			fairseq_keys = true;
		id = ps_key(jp.key, jp.klen);
		switch (id) {
		case PK_SUMMARY:
			summary = true;
			break;
		case PK_TOTAL_HINT:
			if (jp.num >= 1 && jp.num < 1e15)
				total_hint = (int64_t)jp.num;
			break;
		case PK_EPOCHS_HINT:
			if (jp.num >= 1 && jp.num < 1e9)
				epochs_hint = (int64_t)jp.num;
			break;
		case PK_STEP:
		case PK_EPOCH:
			counter = true;
			mp_put(m, id, jp.num);
			break;
		default:
			mp_put(m, id, jp.num);
			break;
		}
	}
	if (r < 0 && npairs == 0)
		return -1;
	/* A hyperparameter dict has strings, booleans or lists; a log record
	 * has a metric and either a counter or nothing but numbers. */
	if (total_hint)
		st->total_hint = total_hint;
	if (epochs_hint)
		st->epochs = epochs_hint;
	if (summary || !(m->has & (MP_LOSS | MP_VAL_LOSS | MP_ACC | MP_VAL_ACC | MP_NONFINITE)) ||
	    !(all_numeric || counter)) {
		memset(m, 0, sizeof *m);
		return 0;
	}
	m->format = single ? LOGFMT_HF : (numstr || fairseq_keys) ? LOGFMT_FAIRSEQ : LOGFMT_GENERIC;
	parse_fill_step(st, m,
	                (m->has & (MP_LOSS | MP_ACC)) || ((m->has & MP_NONFINITE) &&
	                                                  !(m->has & (MP_VAL_LOSS | MP_VAL_ACC))));
	return 1;
}
