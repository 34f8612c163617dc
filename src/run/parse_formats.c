/* parse_formats.c — recognisers for progress lines with a fixed shape: tqdm
 * bars (and Lightning's, which are tqdm with "Epoch N:" and a postfix),
 * Keras 2/3 progress bars and "Epoch 3/10" lines, nanoGPT, llm.c and timm.
 *
 * Each looks for its anchor at the start of the message (after the logging
 * prefix) or, for tqdm, the "%|" / "it [" of a bar, and gives up cheaply
 * (-1) otherwise.  Pure; steps are made global across epochs here (see
 * parse.c's opening comment for the rules).
 */
#include "parse_int.h"

#include <string.h>

/* Whole number with an optional SI suffix (tqdm's unit_scale: "1.2k"). */
static const char *num_si(const char *p, const char *end, double *v, bool *si)
{
	const char *q = ps_num(p, end, v);

	*si = false;
	if (!q)
		return NULL;
	if (q < end && (*q == 'k' || *q == 'M' || *q == 'G' || *q == 'T')) {
		*v *= *q == 'k' ? 1e3 : *q == 'M' ? 1e6 : *q == 'G' ? 1e9 : 1e12;
		*si = true;
		q++;
	}
	return q;
}

static bool desc_denied(const char *p, const char *end)
{
	static const char *const deny[] = {
	        "download", "map",       "filter",     "token",   "load",    "generat", "resolv",
	        "fetch",    "extract",   "preprocess", "sav",     "upload",  "sanity",  "validat",
	        "evaluat",  "eval",      "test",       "predict", "convert", "comput",  "writ",
	        "shuffl",   "pack",      "group",      "cast",    "creat",   "shard",   "prepar",
	        "process",  "inference", "infer"};

	for (const char *q = p; q < end; q++)
		for (size_t i = 0; i < sizeof deny / sizeof deny[0]; i++)
			if (pc_lower(*q) == deny[i][0] && ps_starts(q, end, deny[i], true))
				return true;
	return false;
}

/* "Epoch 3", "Epoch 3/10", "epoch [3/10]" in a bar's description. */
static bool desc_epoch(const char *p, const char *end, int64_t *e, int64_t *ee, bool *exact)
{
	const char *q;

	*ee = 0;
	for (q = p; q < end; q++)
		if (pc_lower(*q) == 'e' && ps_starts(q, end, "epoch", true))
			break;
	if (q >= end)
		return false;
	*exact = q == p;
	q += 5;
	while (q < end && (*q == ' ' || *q == ':' || *q == '[' || *q == '='))
		q++;
	q = ps_int(q, end, e);
	if (!q)
		return false;
	if (q < end && *q == '/') {
		if (!ps_int(q + 1, end, ee))
			*ee = 0;
		*exact = false;
	}
	return true;
}

/* The rate in a tqdm bracket: "36.1it/s", "1.23s/it", "?it/s",
 * "25000.00 examples/s".  Returns false for a unit that is not training
 * (bytes, dataset examples, files). */
static bool tqdm_rate(const char *p, const char *end, struct metric_point *m)
{
	double v = 0;
	bool si, inverse = false, known;
	const char *q = p, *u, *ue;

	if (q < end && *q == '?')
		q++;
	else if (!(q = num_si(q, end, &v, &si)))
		return true;
	known = q > p && *p != '?';
	q = ps_skip_sp(q, end);
	if (q < end && *q == 's' && q + 1 < end && q[1] == '/') {
		inverse = true;
		q += 2;
	}
	u = q;
	while (q < end && pc_alpha(*q))
		q++;
	ue = q;
	if (ue - u >= 1 &&
	    (ue[-1] == 'B' || ps_starts(u, ue, "ex", false) || ps_starts(u, ue, "ba", false) ||
	     ps_starts(u, ue, "file", false) || ps_starts(u, ue, "shard", false)))
		return false;
	if (!known || v <= 0)
		return true;
	if (inverse) {
		mp_put(m, PK_STEP_TIME, v);
	} else if (ps_starts(u, ue, "tok", false)) {
		mp_put(m, PK_TOKS, v);
	} else if (ps_starts(u, ue, "sample", false) || ps_starts(u, ue, "img", false)) {
		mp_put(m, PK_SAMPLES, v);
	} else {
		mp_put(m, PK_ITS, v);
	}
	return true;
}

/* Lightning's postfix keeps showing the last validation result on every
 * redraw: report it once, when it changes. */
static void postfix_val(struct logparse_state *st, struct metric_point *m)
{
	if (m->has & MP_VAL_LOSS) {
		if (m->val_loss == st->last_val_loss)
			m->has &= ~(unsigned)MP_VAL_LOSS;
		else
			st->last_val_loss = m->val_loss;
	}
	if (m->has & MP_VAL_ACC) {
		if (m->val_acc == st->last_val_acc)
			m->has &= ~(unsigned)MP_VAL_ACC;
		else
			st->last_val_acc = m->val_acc;
	}
}

int pf_tqdm(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	const char *pct, *desc_end, *q, *open, *close;
	double n, total = 0;
	bool si1 = false, si2 = false, lightning = false, has_e, exact = false;
	int64_t e = 0, ee = 0, T, N;

	if (!memchr(p, '[', (size_t)(end - p)))
		return -1; /* every bar has its [elapsed...] */
	pct = memchr(p, '|', (size_t)(end - p)) ? ps_find(p, end, "%|") : NULL;
	if (pct) {
		const char *bar_end;

		desc_end = pct;
		while (desc_end > p && (pc_digit(desc_end[-1]) || desc_end[-1] == '.'))
			desc_end--;
		if (desc_end == pct)
			return -1;
		bar_end = memchr(pct + 2, '|', (size_t)(end - pct - 2));
		if (!bar_end)
			return -1;
		q = num_si(ps_skip_sp(bar_end + 1, end), end, &n, &si1);
		if (!q || q >= end || *q != '/')
			return -1;
		if (q + 1 < end && q[1] == '?')
			q += 2;
		else if (!(q = num_si(q + 1, end, &total, &si2)))
			return -1;
	} else {
		const char *it = ps_find(p, end, "it [");

		if (!it || it == p || !pc_digit(it[-1]))
			return -1;
		desc_end = it;
		while (desc_end > p && (pc_digit(desc_end[-1]) || desc_end[-1] == '.' ||
		                        desc_end[-1] == 'k' || desc_end[-1] == 'M'))
			desc_end--;
		if (!num_si(desc_end, it, &n, &si1))
			return -1;
		q = it + 2;
	}
	q = ps_skip_sp(q, end);
	if (q >= end || *q != '[' || q + 2 >= end || !pc_digit(q[1]))
		return -1;
	open = q + 1;
	close = end;
	for (const char *r = end; r > open; r--)
		if (r[-1] == ']') {
			close = r - 1;
			break;
		}
	/* [elapsed<remaining, rate, postfix] */
	{
		const char *c1 = memchr(open, ',', (size_t)(close - open));
		const char *rate = c1 ? ps_skip_sp(c1 + 1, close) : close;
		const char *rate_end = rate;

		while (rate_end < close && *rate_end != ',')
			rate_end++;
		if (!tqdm_rate(rate, rate_end, m)) {
			memset(m, 0, sizeof *m);
			return 0;
		}
		/* postfix: k=v, k=v */
		{
			const char *r = rate_end;
			struct kv kv;

			while (ps_kv_next(&r, close, false, &kv)) {
				if (kv.klen == 5 && memcmp(kv.key, "v_num", 5) == 0)
					lightning = true;
				if (kv.isnum && kv.id != PK_STEP && kv.id != PK_EPOCH)
					mp_put(m, kv.id, kv.num);
			}
		}
	}
	if (desc_end > p && desc_denied(p, desc_end)) {
		memset(m, 0, sizeof *m);
		return 0;
	}
	if (si1 || si2 || n < 0 || n > 1e15 || total < 0 || total > 1e15) {
		memset(m, 0, sizeof *m);
		return 0;
	}
	N = (int64_t)n;
	T = (int64_t)total;
	has_e = desc_epoch(p, desc_end, &e, &ee, &exact);
	if (has_e) {
		int64_t base, ep, epochs;

		if (e == 0)
			st->flags |= LPS_ZERO_EPOCH;
		base = (st->flags & LPS_ZERO_EPOCH) ? 0 : 1;
		ep = e - base + 1 > 0 ? e - base + 1 : 1;
		epochs = ee > 0 ? ee : st->epochs;
		m->epoch = (double)ep;
		m->has |= MP_EPOCH;
		if (epochs > 0) {
			m->epochs = epochs;
			m->has |= MP_EPOCHS;
		}
		m->step = T > 0 ? (ep - 1) * T + N : N;
		if (T > 0 && epochs > 0) {
			m->total = epochs * T;
			m->has |= MP_TOTAL;
		}
		lightning |= exact;
	} else if (T > 0) {
		if (!st->bar_total)
			st->bar_total = T;
		else if (T != st->bar_total) {
			memset(m, 0, sizeof *m); /* an evaluation bar inside training */
			return 0;
		}
		if (N < st->bar_n)
			st->bar_restarts++;
		st->bar_n = N;
		m->step = st->bar_restarts * T + N;
		if (!st->bar_restarts || st->epochs > 0) {
			m->total = st->bar_restarts ? st->epochs * T : T;
			m->has |= MP_TOTAL;
		}
	} else {
		m->step = N;
	}
	m->has |= MP_STEP;
	st->flags |= LPS_SAW_BAR;
	postfix_val(st, m);
	m->format = lightning ? LOGFMT_LIGHTNING : LOGFMT_TQDM;
	return 1;
}

/* Seconds per step from Keras's "3ms/step", "500us/step", "2s/step". */
static void keras_step_time(const char *p, const char *end, struct metric_point *m)
{
	const char *f = ps_find(p, end, "/step"), *s;
	double v, scale = 1;

	if (!f)
		return;
	s = f;
	if (s - p >= 2 && (ps_starts(s - 2, f, "ms", false) || ps_starts(s - 2, f, "us", false))) {
		scale = s[-2] == 'm' ? 1e-3 : 1e-6;
		s -= 2;
	} else if (s - p >= 1 && s[-1] == 's') {
		s -= 1;
	} else {
		return;
	}
	while (s > p && (pc_digit(s[-1]) || s[-1] == '.'))
		s--;
	if (ps_num(s, f, &v))
		mp_put(m, PK_STEP_TIME, v * scale);
}

int pf_keras(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	int64_t cur, target = 0;
	const char *q;
	struct kv kv;

	if (*p == 'E') {
		int64_t e, ee;

		if (!ps_starts(p, end, "Epoch ", false) || !(q = ps_int(p + 6, end, &e)) ||
		    q >= end || *q != '/' || !(q = ps_int(q + 1, end, &ee)) || q != end)
			return -1;
		st->epoch = e;
		st->epochs = ee;
		st->format = LOGFMT_KERAS;
		return 0;
	}
	if (!(q = ps_int(p, end, &cur)) || q >= end || *q != '/')
		return -1;
	q++;
	if (ps_starts(q, end, "Unknown", false))
		q += 7;
	else if (!(q = ps_int(q, end, &target)))
		return -1;
	if (!(ps_starts(q, end, " [", false) && q + 2 < end && strchr("=>.", q[2])) &&
	    !ps_starts(q, end, " \xe2\x94\x81", false) && !ps_starts(q, end, " - ", false))
		return -1;
	keras_step_time(q, end, m);
	while (ps_kv_next(&q, end, false, &kv))
		if (kv.isnum && kv.id != PK_STEP && kv.id != PK_EPOCH && kv.id != PK_STEP_TIME)
			mp_put(m, kv.id, kv.num);
	m->format = LOGFMT_KERAS;
	if (st->epoch > 0 && target > 0 && !st->bar_total)
		st->bar_total = target; /* the first bar after "Epoch 1/N" is training */
	if (st->epoch > 0 && target > 0 && target != st->bar_total) {
		/* model.evaluate() after fit(): its loss and accuracy are validation */
		double loss = m->loss, acc = m->acc;
		unsigned had = m->has;

		m->has &= ~(unsigned)(MP_LOSS | MP_ACC);
		if (had & MP_LOSS)
			mp_put(m, PK_VAL_LOSS, loss);
		if (had & MP_ACC)
			mp_put(m, PK_VAL_ACC, acc);
		if (!(m->has & (MP_VAL_LOSS | MP_VAL_ACC))) {
			memset(m, 0, sizeof *m);
			return 0;
		}
		m->has &= MP_VAL_LOSS | MP_VAL_ACC;
		parse_fill_step(st, m, false);
		return 1;
	}
	if (st->epoch > 0 && target > 0) {
		m->step = (st->epoch - 1) * target + cur;
		m->epoch = (double)st->epoch;
		m->has |= MP_EPOCH;
		if (st->epochs > 0) {
			m->total = st->epochs * target;
			m->epochs = st->epochs;
			m->has |= MP_TOTAL | MP_EPOCHS;
		}
	} else {
		m->step = cur;
		if (target > 0) {
			m->total = target;
			m->has |= MP_TOTAL;
		}
	}
	m->has |= MP_STEP;
	m->format = LOGFMT_KERAS;
	return 1;
}

/* nanoGPT: "iter 100: loss 2.3456, time 12.34ms, mfu 34.56%" and the eval
 * line "step 200: train loss 2.1234, val loss 2.2345" (its train loss is an
 * estimate over eval_iters, not a step's loss: only val_loss is taken). */
int pf_nanogpt(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	const char *q, *f;
	int64_t step;
	double v;
	bool iter = ps_starts(p, end, "iter ", false);

	(void)st;
	if (!iter && !ps_starts(p, end, "step ", false))
		return -1;
	q = ps_int(ps_skip_sp(p + 5, end), end, &step);
	if (!q || q >= end || *q != ':')
		return -1;
	if (iter) {
		if (!(f = ps_find(q, end, " loss ")) || !ps_num(f + 6, end, &v))
			return -1;
		mp_put(m, PK_LOSS, v);
		if ((f = ps_find(q, end, " time ")) && ps_num(f + 6, end, &v)) {
			const char *u = ps_num(f + 6, end, &v);

			mp_put(m, PK_STEP_TIME, ps_starts(u, end, "ms", false) ? v / 1e3 : v);
		}
		if ((f = ps_find(q, end, " mfu ")) && ps_num(f + 5, end, &v))
			mp_put(m, PK_MFU, v);
	} else {
		if (!(f = ps_find(q, end, "val loss ")) || !ps_num(f + 9, end, &v))
			return -1;
		mp_put(m, PK_VAL_LOSS, v);
	}
	mp_put(m, PK_STEP, (double)step);
	m->format = LOGFMT_NANOGPT;
	return 1;
}

/* llm.c: "step 10/40: train loss 4.12 (123.45 ms, 3000 tok/s)", the older
 * "step 10: train loss 4.12 (took 123.4 ms)", the pipe form
 * "step    1/74 | loss 7.57 | norm 12.3 | lr 6e-06 | 105.52 ms | 48.5% bf16
 * MFU | 154321 tok/s" and "val loss 4.5". */
int pf_llmc(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	const char *q;
	int64_t step, total = 0;
	struct kv kv;

	if (ps_starts(p, end, "val loss ", false)) {
		double v;

		q = ps_num(p + 9, end, &v);
		if (!q || ps_skip_sp(q, end) != end)
			return -1;
		mp_put(m, PK_VAL_LOSS, v);
		parse_fill_step(st, m, false);
		m->format = LOGFMT_LLMC;
		return 1;
	}
	if (!ps_starts(p, end, "step ", false))
		return -1;
	q = ps_int(ps_skip_sp(p + 5, end), end, &step);
	if (!q)
		return -1;
	if (q < end && *q == '/' && !(q = ps_int(q + 1, end, &total)))
		return -1;
	if (!(q < end && *q == ':') && !ps_starts(q, end, " |", false))
		return -1;
	if (*q == ':' && ps_find(q, end, "val loss "))
		return -1; /* nanoGPT's eval line */
	while (ps_kv_next(&q, end, true, &kv))
		if (kv.isnum && kv.id != PK_STEP && kv.id != PK_EPOCH)
			mp_put(m, kv.id, kv.num);
	{
		const char *f = ps_find(p, end, "MFU");

		if (f) {
			const char *pc = f;

			while (pc > p && pc[-1] != '%' && pc[-1] != '|')
				pc--;
			if (pc > p && pc[-1] == '%') {
				const char *s = pc - 1;
				double v;

				while (s > p && (pc_digit(s[-1]) || s[-1] == '.' || s[-1] == '-'))
					s--;
				if (ps_num(s, pc - 1, &v))
					mp_put(m, PK_MFU, v); /* negative: unknown, dropped */
			}
		}
	}
	if (!(m->has & (MP_LOSS | MP_THROUGHPUT | MP_STEP_TIME))) {
		memset(m, 0, sizeof *m);
		return -1;
	}
	mp_put(m, PK_STEP, (double)step);
	if (total > 0) {
		m->total = total;
		m->has |= MP_TOTAL;
	}
	m->format = LOGFMT_LLMC;
	return 1;
}

/* timm: "Train: 3 [ 100/1251 (  8%)]  Loss: 3.21 (3.40)  Time: 0.5s,  256/s
 * (0.52s,  246/s)  LR: 1.000e-03  Data: 0.01 (0.02)", epochs 0-based,
 * batch index 0-based; "Test: [  48/48]  ...  Loss: 0.81 (0.90)  Acc@1:
 * 81.2 (79.1)" gives a validation point from its running means on the last
 * batch only. */
int pf_timm(struct logparse_state *st, const char *p, const char *end, struct metric_point *m)
{
	bool train = ps_starts(p, end, "Train: ", false);
	int64_t e = 0, idx, per;
	const char *q, *f;
	double v;

	if (train) {
		q = ps_int(p + 7, end, &e);
		if (!q)
			return -1;
		q = ps_skip_sp(q, end);
	} else if (ps_starts(p, end, "Test: [", false) ||
	           ps_starts(p, end, "Test (EMA): [", false)) {
		q = memchr(p, '[', (size_t)(end - p));
	} else {
		return -1;
	}
	if (!q || q >= end || *q != '[')
		return -1;
	q = ps_int(ps_skip_sp(q + 1, end), end, &idx);
	if (!q || q >= end || *q != '/' || !(q = ps_int(q + 1, end, &per)) || per <= 0)
		return -1;
	if (!train) {
		if (idx != per)
			return 0;
		if ((f = ps_find(q, end, "Loss:")) && (f = ps_find(f, end, "(")) &&
		    ps_num(f + 1, end, &v))
			mp_put(m, PK_VAL_LOSS, v);
		if ((f = ps_find(q, end, "Acc@1:")) && (f = ps_find(f, end, "(")) &&
		    ps_num(f + 1, end, &v))
			mp_put(m, PK_VAL_ACC, v / 100);
		if (!(m->has & (MP_VAL_LOSS | MP_VAL_ACC)))
			return 0;
		parse_fill_step(st, m, false);
		m->format = LOGFMT_TIMM;
		return 1;
	}
	if ((f = ps_find(q, end, "Loss:")) && ps_num(ps_skip_sp(f + 5, end), end, &v))
		mp_put(m, PK_LOSS, v);
	if ((f = ps_find(q, end, "Time:"))) {
		const char *u = ps_num(ps_skip_sp(f + 5, end), end, &v), *r;

		if (u) {
			mp_put(m, PK_STEP_TIME, v);
			r = ps_skip_sp(u < end && *u == 's' ? u + 1 : u, end);
			if (r < end && *r == ',' && (u = ps_num(ps_skip_sp(r + 1, end), end, &v)) &&
			    ps_starts(u, end, "/s", false))
				mp_put(m, PK_SAMPLES, v);
		}
	}
	if ((f = ps_find(q, end, "LR:")) && ps_num(ps_skip_sp(f + 3, end), end, &v))
		mp_put(m, PK_LR, v);
	m->step = e * per + idx + 1;
	m->epoch = (double)(e + 1);
	m->has |= MP_STEP | MP_EPOCH;
	if (st->epochs > 0) {
		m->epochs = st->epochs;
		m->total = st->epochs * per;
		m->has |= MP_EPOCHS | MP_TOTAL;
	}
	m->format = LOGFMT_TIMM;
	return 1;
}
