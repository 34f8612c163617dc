/* parse_keys.c — what a metric's name means: the synonym table (loss,
 * train_loss, trl; val_loss, eval_loss, valid_loss; lr, learning_rate; step,
 * iter, global_step, num_updates; tok/s, samples/s, it/s; ...) with the
 * prefixes and suffixes loggers add, and mp_put(), which stores a value in
 * a point after checking it.
 *
 * Pure: const tables only.  Add a name by inserting it in sorted place in
 * base_names (the lookup is a binary search).  Start at ps_key().
 */
#include "parse_int.h"

#include <math.h>
#include <string.h>

struct name_id {
	const char *name;
	unsigned char len, id;
};

#define NAME(s, id)                                                                                \
	{                                                                                          \
		s, sizeof s - 1, id                                                                \
	}

/* Both tables are sorted in strcmp order, for a binary search.  Checked
 * before any prefix is taken off: */
static const struct name_id whole_names[] = {
        NAME("elapsed_time_per_iteration_(ms)", PK_STEP_TIME_MS),
        NAME("num_train_epochs", PK_EPOCHS_HINT),
        NAME("num_train_steps", PK_TOTAL_HINT),
        NAME("total_epochs", PK_EPOCHS_HINT),
        NAME("total_flos", PK_SUMMARY),
        NAME("total_optimization_steps", PK_TOTAL_HINT),
        NAME("total_steps", PK_TOTAL_HINT),
        NAME("train_iters", PK_TOTAL_HINT),
        NAME("train_num_updates", PK_SUMMARY),
        NAME("train_runtime", PK_SUMMARY),
        NAME("train_samples_per_second", PK_SUMMARY),
        NAME("train_steps", PK_TOTAL_HINT),
        NAME("train_steps_per_second", PK_SUMMARY),
        NAME("train_train_wall", PK_SUMMARY),
};

static const struct name_id base_names[] = {
        NAME("acc", PK_ACC),
        NAME("acc1", PK_ACC),
        NAME("acc@1", PK_ACC),
        NAME("accuracy", PK_ACC),
        NAME("batch_time", PK_STEP_TIME),
        NAME("binary_accuracy", PK_ACC),
        NAME("categorical_accuracy", PK_ACC),
        NAME("cur_lr", PK_LR),
        NAME("current_lr", PK_LR),
        NAME("currsamplespersec", PK_SAMPLES),
        NAME("dt", PK_STEP_TIME),
        NAME("epoch", PK_EPOCH),
        NAME("epochs", PK_EPOCHS_HINT),
        NAME("ex/s", PK_SAMPLES),
        NAME("global_step", PK_STEP),
        NAME("gnorm", PK_GRAD_NORM),
        NAME("grad_norm", PK_GRAD_NORM),
        NAME("gradient_norm", PK_GRAD_NORM),
        NAME("images/s", PK_SAMPLES),
        NAME("img/s", PK_SAMPLES),
        NAME("imgs/s", PK_SAMPLES),
        NAME("it/s", PK_ITS),
        NAME("iter", PK_STEP),
        NAME("iter/s", PK_ITS),
        NAME("iter_time", PK_STEP_TIME),
        NAME("iteration", PK_STEP),
        NAME("iters", PK_STEP),
        NAME("its", PK_ITS),
        NAME("learning_rate", PK_LR),
        NAME("lm_loss", PK_LOSS),
        NAME("loss", PK_LOSS),
        NAME("lr", PK_LR),
        NAME("lr_adam", PK_LR),
        NAME("lr_adamw", PK_LR),
        NAME("lr_sgd", PK_LR),
        NAME("max_epochs", PK_EPOCHS_HINT),
        NAME("max_iter", PK_TOTAL_HINT),
        NAME("max_iters", PK_TOTAL_HINT),
        NAME("max_steps", PK_TOTAL_HINT),
        NAME("max_update", PK_TOTAL_HINT),
        NAME("mfu", PK_MFU),
        NAME("ms", PK_STEP_TIME_MS),
        NAME("n_epochs", PK_EPOCHS_HINT),
        NAME("norm", PK_GRAD_NORM),
        NAME("num_epochs", PK_EPOCHS_HINT),
        NAME("num_iterations", PK_TOTAL_HINT),
        NAME("num_steps", PK_TOTAL_HINT),
        NAME("num_updates", PK_STEP),
        NAME("runningavgsamplespersec", PK_SAMPLES_AVG),
        NAME("samples/s", PK_SAMPLES),
        NAME("samples/sec", PK_SAMPLES),
        NAME("samples_per_s", PK_SAMPLES),
        NAME("samples_per_sec", PK_SAMPLES),
        NAME("samples_per_second", PK_SAMPLES),
        NAME("scheduled_epochs", PK_EPOCHS_HINT),
        NAME("sparse_categorical_accuracy", PK_ACC),
        NAME("step", PK_STEP),
        NAME("step/s", PK_ITS),
        NAME("step_time", PK_STEP_TIME),
        NAME("steps", PK_STEP),
        NAME("steps/s", PK_ITS),
        NAME("steps_per_second", PK_ITS),
        NAME("time_per_step", PK_STEP_TIME),
        NAME("tok/s", PK_TOKS),
        NAME("tok/sec", PK_TOKS),
        NAME("tok_per_sec", PK_TOKS),
        NAME("tokens/s", PK_TOKS),
        NAME("tokens/sec", PK_TOKS),
        NAME("tokens_per_s", PK_TOKS),
        NAME("tokens_per_sec", PK_TOKS),
        NAME("tokens_per_second", PK_TOKS),
        NAME("toks/s", PK_TOKS),
        NAME("top1", PK_ACC),
        NAME("total_loss", PK_LOSS),
        NAME("total_norm", PK_GRAD_NORM),
        NAME("tps", PK_TOKS),
        NAME("trainer/global_step", PK_STEP),
        NAME("trl", PK_LOSS),
        NAME("ups", PK_ITS),
        NAME("wps", PK_TOKS),
};

static enum pkey table_find(const struct name_id *t, size_t n, const char *k, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, ml = t[mid].len;
		size_t m = ml < len ? ml : len, i = 0;
		int c;

		while (i < m && t[mid].name[i] == k[i])
			i++;
		c = i < m ? (unsigned char)t[mid].name[i] - (unsigned char)k[i] : 0;

		if (c == 0)
			c = ml < len ? -1 : ml > len ? 1 : 0;
		if (c == 0)
			return (enum pkey)t[mid].id;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return PK_NONE;
}

#define TABLE_FIND(t, k, n) table_find(t, sizeof t / sizeof t[0], k, n)

static bool strip_n(const char **k, size_t *n, const char *pre, size_t l)
{

	if (*n > l && memcmp(*k, pre, l) == 0) {
		*k += l;
		*n -= l;
		return true;
	}
	return false;
}

#define strip(k, n, lit) strip_n(k, n, lit, sizeof lit - 1)

static bool strip_end_n(const char *k, size_t *n, const char *suf, size_t l)
{

	if (*n > l && memcmp(k + *n - l, suf, l) == 0) {
		*n -= l;
		return true;
	}
	return false;
}

#define strip_end(k, n, lit) strip_end_n(k, n, lit, sizeof lit - 1)

enum pkey ps_key(const char *k, size_t n)
{
	static const char *const val_pre[] = {"val_",  "val/",  "valid_", "validation_", "eval_",
	                                      "eval/", "test_", "test/",  "evaluation_"};
	static const char *const val_suf[] = {"/val", "/valid", "/eval", "/test"};
	char b[48];
	const char *s = b;
	bool val = false;
	enum pkey id;

	if (n == 0 || n >= sizeof b)
		return PK_NONE;
	for (size_t i = 0; i < n; i++) {
		char c = pc_lower(k[i]);

		b[i] = c == '-' || c == ' ' ? '_' : c;
	}
	id = b[0] == 'e' || b[0] == 'n' || b[0] == 't' ? TABLE_FIND(whole_names, b, n) : PK_NONE;
	if (id != PK_NONE)
		return id;
	if (b[0] == 'v' || b[0] == 'e' || b[0] == 't')
		for (size_t i = 0; i < sizeof val_pre / sizeof val_pre[0] && !val; i++)
			val = strip_n(&s, &n, val_pre[i], strlen(val_pre[i]));
	if (!val && memchr(s, '/', n))
		for (size_t i = 0; i < sizeof val_suf / sizeof val_suf[0] && !val; i++)
			val = strip_end_n(s, &n, val_suf[i], strlen(val_suf[i]));
	if (!val && b[0] == 't' && !strip(&s, &n, "train_") && !strip(&s, &n, "train/") &&
	    !strip(&s, &n, "training_"))
		strip(&s, &n, "tr_");
	if (!val && memchr(s, '/', n))
		strip_end(s, &n, "/train");
	id = TABLE_FIND(base_names, s, n);
	if (id == PK_NONE) {
		if (strip_end(s, &n, "_epoch"))
			return PK_NONE; /* Lightning's epoch mean: the _step value is the point */
		if (strip_end(s, &n, "_step"))
			id = TABLE_FIND(base_names, s, n);
	}
	if (!val)
		return id;
	switch (id) {
	case PK_LOSS:
		return PK_VAL_LOSS;
	case PK_ACC:
		return PK_VAL_ACC;
	case PK_STEP:
	case PK_EPOCH:
		return id; /* fairseq's valid_num_updates */
	default:
		return PK_NONE;
	}
}

static int rate_prio(enum metric_rate_unit u)
{
	return u == RATE_TOKENS ? 3 : u == RATE_SAMPLES ? 2 : u == RATE_ITERS ? 1 : 0;
}

static bool put_rate(struct metric_point *m, double v, enum metric_rate_unit u, bool weak)
{
	if (v < 0)
		return false;
	if (m->has & MP_THROUGHPUT) {
		if (weak || rate_prio(u) < rate_prio(m->rate_unit))
			return false;
	}
	m->throughput = v;
	m->rate_unit = u;
	m->has |= MP_THROUGHPUT;
	return true;
}

bool mp_put(struct metric_point *m, enum pkey id, double v)
{
	if (!isfinite(v)) {
		if (id == PK_LOSS || id == PK_VAL_LOSS || id == PK_ACC || id == PK_VAL_ACC)
			m->has |= MP_NONFINITE;
		return false;
	}
	switch (id) {
	case PK_STEP:
		if (v < 0 || v > 1e15)
			return false;
		m->step = (int64_t)v;
		m->has |= MP_STEP;
		return true;
	case PK_EPOCH:
		if (v < 0 || v > 1e9)
			return false;
		m->epoch = v;
		m->has |= MP_EPOCH;
		return true;
	case PK_LOSS:
		m->loss = v;
		m->has |= MP_LOSS;
		return true;
	case PK_VAL_LOSS:
		m->val_loss = v;
		m->has |= MP_VAL_LOSS;
		return true;
	case PK_ACC:
	case PK_VAL_ACC:
		if (v > 1 && v <= 100)
			v /= 100; /* a percentage */
		if (v < 0 || v > 1)
			return false;
		if (id == PK_ACC) {
			m->acc = v;
			m->has |= MP_ACC;
		} else {
			m->val_acc = v;
			m->has |= MP_VAL_ACC;
		}
		return true;
	case PK_LR:
		if (v < 0)
			return false;
		m->lr = v;
		m->has |= MP_LR;
		return true;
	case PK_TOKS:
		return put_rate(m, v, RATE_TOKENS, false);
	case PK_SAMPLES:
		return put_rate(m, v, RATE_SAMPLES, false);
	case PK_SAMPLES_AVG:
		return put_rate(m, v, RATE_SAMPLES, true);
	case PK_ITS:
		return put_rate(m, v, RATE_ITERS, false);
	case PK_MFU:
		if (v < 0 || v > 100)
			return false; /* nanoGPT prints -100% until it knows */
		m->mfu = v;
		m->has |= MP_MFU;
		return true;
	case PK_GRAD_NORM:
		if (v < 0)
			return false;
		m->grad_norm = v;
		m->has |= MP_GRAD_NORM;
		return true;
	case PK_STEP_TIME:
	case PK_STEP_TIME_MS:
		if (id == PK_STEP_TIME_MS)
			v /= 1e3;
		if (v <= 0 || v > 1e7)
			return false;
		m->step_time = v;
		m->has |= MP_STEP_TIME;
		return true;
	default:
		return false;
	}
}
