/* parse.c — logparse_line(): which recogniser a line goes to, the generic
 * key=value / key: value fallback, and the rules every point follows.
 *
 * Must stay pure and fast: no I/O, no allocation, no globals; a line is
 * scanned a few times at most.  Start at logparse_line(); the per-format
 * recognisers are in parse_formats.c and parse_dict.c.
 *
 * Rules
 * - Every line is parsed on its own (the state only adds context: the epoch
 *   from a Keras "Epoch 3/10" line, a total announced at start-up), so the
 *   first line of any format already gives a point; nothing is held back
 *   while a format is being recognised.
 * - Progress line or settings line.  A line becomes a point only when it
 *   has a progress shape: a bar (tqdm, Keras), a counter anchor ("iter N:",
 *   "step N/M", "Train: E [i/n]"), a log record (an object whose values are
 *   all numbers, or that has a step/epoch), or — for the generic fallback —
 *   a metric (loss, val_loss, acc, val_acc or a throughput; grad norm, MFU
 *   and lr alone are not enough) plus at least one more known numeric field
 *   ("step=10 loss=2.3",
 *   "Epoch [1/5], Step [100/600], Loss: 0.2264", "loss=0.5 acc=0.9").
 *   A settings line never becomes a point: one with a single assignment
 *   ("learning_rate = 1e-3", "max_iters = 5000", "loss: cross_entropy", a
 *   YAML or JSON dump line), any "key = value" with spaces around '=', a
 *   quoted string value (loss='ce'), anything inside Name(key=...)
 *   (Namespace(...), TrainingArguments(...)), a dict holding strings,
 *   booleans or lists without a step/epoch key.  Settings lines still teach
 *   the state a total (max_iters, max_steps, total_steps, "Total
 *   optimization steps = 5,625") and a number of epochs (epochs,
 *   max_epochs, "Num Epochs = 3"), used when a point has a step but no total.
 * - Steps.  A point's step is the global optimiser step where the log lets
 *   us know it: Keras and per-epoch tqdm bars give (epoch-1)*per_epoch + n,
 *   timm epoch*per_epoch + i + 1.  HF dicts and generic lines without a
 *   step take the main tqdm bar's position when one is on screen, else a
 *   counter of such lines; evaluation points take the last step seen.
 * - Totals give progress: a point has MP_TOTAL only when the log (or a
 *   settings line) said it; otherwise the step alone, and the dashboard
 *   asks for --total-steps.
 * - Evaluation lines of the generic kind ("Test set: Average loss: ...",
 *   "Validation: ...", fairseq's "valid on 'valid' subset | loss ...") give
 *   val_loss/val_acc at the last step seen.
 * - Not training: tqdm bars of downloads, dataset maps, tokenisers, loading,
 *   validation/test/prediction (by description or unit: B/s, examples/s),
 *   a second bar with a different total inside training (HF's evaluation
 *   bar), HF's final {'train_runtime': ...} summary and fairseq's per-epoch
 *   "train_" summary (epoch means, not steps).
 * - Values: only finite numbers; nan/inf in a loss sets MP_NONFINITE.
 *   Accuracies above 1 are percentages.  A negative MFU means unknown.
 * - Ranks.  A rank prefix ("[rank3]:", torchrun's "[default3]:", srun
 *   --label's "3: ", parse_rank.c lists them all) is stripped before the
 *   format is recognised, and only the followed rank's lines (st->rank,
 *   rank 0 by default) give points or touch the state; lines without one
 *   always do.  srun's bare "3: " is trusted only in a stream whose first
 *   non-empty lines all carry one and do not merely count up (or when the
 *   caller says so).
 */
#include "parse_int.h"

#include <string.h>

const char *logformat_name(enum logformat f)
{
	static const char *const names[] = {[LOGFMT_UNKNOWN] = "unknown",
	                                    [LOGFMT_CAPDASH] = "capdash",
	                                    [LOGFMT_HF] = "hf",
	                                    [LOGFMT_TQDM] = "tqdm",
	                                    [LOGFMT_LIGHTNING] = "lightning",
	                                    [LOGFMT_KERAS] = "keras",
	                                    [LOGFMT_NANOGPT] = "nanogpt",
	                                    [LOGFMT_LLMC] = "llmc",
	                                    [LOGFMT_TORCHTITAN] = "torchtitan",
	                                    [LOGFMT_TIMM] = "timm",
	                                    [LOGFMT_FAIRSEQ] = "fairseq",
	                                    [LOGFMT_DEEPSPEED] = "deepspeed",
	                                    [LOGFMT_GENERIC] = "generic"};

	if ((unsigned)f >= sizeof names / sizeof names[0])
		return "unknown";
	return names[f];
}

void parse_fill_step(struct logparse_state *st, struct metric_point *m, bool count)
{
	if (m->has & MP_STEP)
		return;
	if (st->flags & LPS_SAW_BAR) {
		m->step = st->last_step;
		if (st->last_total > 0 && !(m->has & MP_TOTAL)) {
			m->total = st->last_total;
			m->has |= MP_TOTAL;
		}
	} else if (count) {
		m->step = ++st->implicit_step;
	} else if (st->last_step > 0) {
		m->step = st->last_step;
	} else {
		return;
	}
	m->has |= MP_STEP;
}

/* Name(key=...): a config object's repr such as Namespace(lr=0.001, ...). */
static bool call_repr(const char *p, const char *end)
{
	for (const char *q = p; (q = memchr(q, '(', (size_t)(end - q))) != NULL; q++) {
		const char *k = q + 1;

		if (q == p || !(pc_alpha(q[-1]) || pc_digit(q[-1]) || q[-1] == '_'))
			continue;
		while (k < end && (pc_alpha(*k) || pc_digit(*k) || *k == '_'))
			k++;
		if (k > q + 1 && k < end && *k == '=' && pc_alpha(q[1]))
			return true;
	}
	return false;
}

static void take_hint(struct logparse_state *st, const struct kv *kv)
{
	if (!kv->isnum || kv->num < 1)
		return;
	if (kv->id == PK_TOTAL_HINT && kv->num < 1e15)
		st->total_hint = (int64_t)kv->num;
	else if (kv->id == PK_EPOCHS_HINT && kv->num < 1e9)
		st->epochs = (int64_t)kv->num;
}

static bool is_metric(enum pkey id)
{
	switch (id) {
	case PK_LOSS:
	case PK_VAL_LOSS:
	case PK_ACC:
	case PK_VAL_ACC:
	case PK_TOKS:
	case PK_SAMPLES:
	case PK_SAMPLES_AVG:
	case PK_ITS:
		return true;
	default:
		return false;
	}
}

/* DeepSpeed's own lines: "[Rank 0] step=10, skipped=0, lr=[0.0001],
 * mom=[(0.9, 0.999)]" and "epoch=0/micro_step=10/global_step=10,
 * RunningAvgSamplesPerSec=123.4, CurrSamplesPerSec=130.2, ...". */
static int pf_deepspeed(const char *p, const char *end, struct metric_point *m)
{
	struct kv kv;
	const char *q = p;

	if (!memchr(p, '=', (size_t)(end - p)) ||
	    (!(ps_find(p, end, "skipped=") && ps_find(p, end, "step=")) &&
	     !ps_find(p, end, "SamplesPerSec=")))
		return -1;
	while (ps_kv_next(&q, end, false, &kv)) {
		if (!kv.isnum)
			continue;
		if (kv.klen >= 11 && memcmp(kv.key + kv.klen - 11, "global_step", 11) == 0)
			mp_put(m, PK_STEP, kv.num); /* in "epoch=0/micro_step=10/global_step=10" */
		else if (kv.id != PK_EPOCH)
			mp_put(m, kv.id, kv.num);
	}
	if (!(m->has & (MP_STEP | MP_THROUGHPUT | MP_LOSS))) {
		memset(m, 0, sizeof *m);
		return 0;
	}
	m->format = LOGFMT_DEEPSPEED;
	return 1;
}

static int pf_generic(struct logparse_state *st, const char *p, const char *end,
                      struct metric_point *m)
{
	struct kv kv;
	const char *q = p;
	int pairs = 0, known = 0, metrics = 0;
	bool settings = call_repr(p, end), titan = false, step_of = false, epoch_of = false,
	     summary = false;
	/* "Test set: Average loss: 0.03, Accuracy: 9890/10000 (99%)", fairseq's
	 * "epoch 001 | valid on 'valid' subset | loss 8.1 | ...": evaluation. */
	bool val = ps_starts(p, end, "test", true) || ps_starts(p, end, "valid", true) ||
	           ps_starts(p, end, "eval", true) || ps_find(p, end, "valid on ");
	double step_total = 0, epochs = 0;

	while (ps_kv_next(&q, end, true, &kv)) {
		pairs++;
		if (kv.quoted || kv.spaced)
			settings = true;
		take_hint(st, &kv);
		if (!kv.isnum || kv.id == PK_NONE)
			continue;
		if (kv.id == PK_SUMMARY)
			summary = true;
		if (kv.klen == 3 && memcmp(kv.key, "tps", 3) == 0)
			titan = true;
		if (val && (kv.id == PK_LOSS || kv.id == PK_ACC))
			kv.id = kv.id == PK_LOSS ? PK_VAL_LOSS : PK_VAL_ACC;
		if ((kv.id == PK_ACC || kv.id == PK_VAL_ACC) && kv.has_of && kv.of > 0)
			kv.num /= kv.of; /* "Accuracy: 9890/10000" */
		if (mp_put(m, kv.id, kv.num)) {
			known++;
			metrics += is_metric(kv.id);
			if (kv.id == PK_STEP && kv.has_of) {
				step_of = true;
				step_total = kv.of;
			} else if (kv.id == PK_EPOCH && kv.has_of) {
				epoch_of = true;
				epochs = kv.of;
			}
		}
	}
	if (settings || summary || pairs < 2 || metrics < 1 || known < 2) {
		memset(m, 0, sizeof *m);
		return settings || pairs == 1 ? 0 : -1;
	}
	if (epoch_of && epochs >= 1 && epochs < 1e9) {
		m->epochs = (int64_t)epochs;
		m->has |= MP_EPOCHS;
	}
	if (step_of && step_total >= 1 && step_total < 1e15) {
		int64_t per = (int64_t)step_total;

		/* "Epoch [2/5], Step [100/600]": a per-epoch step made global */
		if (epoch_of && (m->has & MP_EPOCH) && m->epoch >= 1) {
			m->step += ((int64_t)m->epoch - 1) * per;
			if (m->has & MP_EPOCHS) {
				m->total = m->epochs * per;
				m->has |= MP_TOTAL;
			}
		} else {
			m->total = per;
			m->has |= MP_TOTAL;
		}
	}
	parse_fill_step(st, m, (m->has & (MP_LOSS | MP_ACC | MP_THROUGHPUT)) != 0);
	m->format = titan || ps_find(p, end, "[titan]") ? LOGFMT_TORCHTITAN : LOGFMT_GENERIC;
	return 1;
}

/* The fields a point gets from context, and the state it leaves. */
static void finish(struct logparse_state *st, struct metric_point *m)
{
	if ((m->has & MP_STEP) && !(m->has & MP_TOTAL) && st->total_hint > 0 &&
	    st->total_hint >= m->step) {
		m->total = st->total_hint;
		m->has |= MP_TOTAL;
	}
	if ((m->has & MP_EPOCH) && !(m->has & MP_EPOCHS) && st->epochs > 0 &&
	    m->epoch <= (double)st->epochs) {
		m->epochs = st->epochs;
		m->has |= MP_EPOCHS;
	}
	if ((m->has & MP_STEP_TIME) && !(m->has & MP_THROUGHPUT)) {
		m->throughput = 1.0 / m->step_time;
		m->rate_unit = RATE_ITERS;
		m->has |= MP_THROUGHPUT;
	}
	if (m->has & MP_STEP)
		st->last_step = m->step;
	if (m->has & MP_TOTAL)
		st->last_total = m->total;
	st->format = m->format;
}

static bool is_point(const struct metric_point *m)
{
	return (m->has & (MP_LOSS | MP_VAL_LOSS | MP_ACC | MP_VAL_ACC | MP_STEP | MP_TOTAL |
	                  MP_THROUGHPUT)) != 0;
}

bool logparse_line(struct logparse_state *st, const char *line, size_t len,
                   struct metric_point *out)
{
	const char *p = line, *end = line + len, *brace;
	struct ps_rank rank = {.rank = -1};
	int r = -1;

	memset(out, 0, sizeof *out);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	p = ps_srun_label(st, p, end, &rank);
	p = ps_skip_prefix(p, end, &rank);
	st->line_rank = rank.rank;
	/* another rank's line: it stays in output.log (the tail shows it) but
	 * must not move this rank's steps, bars or totals */
	if (rank.rank >= 0 && (rank.rank != st->rank || rank.outer_other))
		return false;
	if (p >= end)
		return false;
	switch (*p) {
	case '{':
		r = pf_dict(st, p, end, out);
		break;
	case 'E':
		r = pf_keras(st, p, end, out);
		break;
	case 'i':
		r = pf_nanogpt(st, p, end, out);
		break;
	case 's':
		r = pf_nanogpt(st, p, end, out);
		if (r < 0)
			r = pf_llmc(st, p, end, out);
		break;
	case 'v':
		r = pf_llmc(st, p, end, out);
		break;
	case 'T':
		r = pf_timm(st, p, end, out);
		break;
	default:
		if (pc_digit(*p))
			r = pf_keras(st, p, end, out);
		break;
	}
	if (r < 0)
		r = pf_tqdm(st, p, end, out);
	if (r < 0 && (brace = memchr(p, '{', (size_t)(end - p))) != NULL && brace + 1 < end &&
	    (brace[1] == '\'' || brace[1] == '"'))
		r = pf_dict(st, brace, end, out);
	if (r < 0)
		r = pf_deepspeed(p, end, out);
	if (r < 0)
		r = pf_generic(st, p, end, out);
	if (r <= 0 || !is_point(out)) {
		memset(out, 0, sizeof *out);
		return false;
	}
	finish(st, out);
	return true;
}
