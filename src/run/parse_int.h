/* parse_int.h — what the parse*.c files and json_scan.c share: locale-free
 * number scanning, the metric-name synonym table, a key/value tokenizer and
 * the per-format recognisers.  Internal to src/run/; everything here is pure
 * (no I/O, no allocation, no mutable globals).
 */
#ifndef CAPDASH_PARSE_INT_H
#define CAPDASH_PARSE_INT_H

#include "capdash/parse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* logparse_state.flags */
enum {
	LPS_ZERO_EPOCH = 1u << 0, /* a bar desc said "Epoch 0": epochs there are 0-based */
	LPS_SAW_BAR = 1u << 1,    /* a main training bar was seen: its n is the step */
	LPS_LABEL_JUMP = 1u << 2  /* srun labels so far did not just count up by one */
};

/* What a metric name means (the synonym table in parse_util.c). */
enum pkey {
	PK_NONE,
	PK_STEP,
	PK_EPOCH,
	PK_LOSS,
	PK_VAL_LOSS,
	PK_ACC,
	PK_VAL_ACC,
	PK_LR,
	PK_TOKS,        /* tokens per second */
	PK_SAMPLES,     /* samples per second */
	PK_SAMPLES_AVG, /* a running average: used when no current rate is given */
	PK_ITS,         /* steps per second */
	PK_MFU,
	PK_GRAD_NORM,
	PK_STEP_TIME, /* seconds, or ms when the name or unit says so */
	PK_STEP_TIME_MS,
	PK_SUMMARY,    /* marks an end-of-training summary (train_runtime) */
	PK_TOTAL_HINT, /* max_iters, max_steps, ...: a settings line's total */
	PK_EPOCHS_HINT /* epochs, max_epochs, ... */
};

/* ---- scanning (parse_util.c) ---- */

static inline bool pc_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool pc_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char pc_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

const char *ps_skip_sp(const char *p, const char *end);

/* A number at p: sign, digits (thousands groups "4,376" allowed when each
 * group has three digits), fraction, exponent, or nan/inf/infinity in any
 * case.  Returns the end of it, or NULL when there is none. */
const char *ps_num(const char *p, const char *end, double *v);

/* A non-negative whole number (thousands groups allowed); NULL if none. */
const char *ps_int(const char *p, const char *end, int64_t *v);

/* Whether [p, end) starts with lit (ASCII case folded when ci). */
bool ps_starts(const char *p, const char *end, const char *lit, bool ci);

/* First occurrence of lit (n > 0 bytes) in [p, end), or NULL; ps_find()
 * takes a string literal. */
const char *ps_find_n(const char *p, const char *end, const char *lit, size_t n);
#define ps_find(p, end, lit) ps_find_n(p, end, lit, sizeof lit - 1)

/* The meaning of a metric name (case, '-', ' ' and '_' folded; "train_",
 * "val_"-style prefixes and Lightning's "_step" suffix understood). */
enum pkey ps_key(const char *k, size_t n);

/* Skips timestamps, log levels, "[Rank 0]"-style tags and logger names at the
 * start of a line ("[titan] 2024-06-21 10:10:10,123 - root - INFO - ",
 * "2024-01-01 | INFO | train_inner | ").  Returns where the message starts.
 * Rank tags among them ("[rank3]:", "[default0]:") are noted in *r. */
struct ps_rank;
const char *ps_skip_prefix(const char *p, const char *end, struct ps_rank *r);

/* ---- rank prefixes (parse_rank.c) ---- */

/* The ranks a line's prefixes named: rank is the innermost (-1: none);
 * outer_other is set when a local rank sits under a non-zero outer one
 * ("1: [default0]:"), which is no known global rank. */
struct ps_rank {
	int rank;
	bool outer_other;
};

void ps_rank_note(struct ps_rank *r, int rank, bool global);

/* A bracketed rank prefix at p ("[rank3]:", "[rank: 3]", "[Rank 3]",
 * "[1,3]<stdout>:", "[default3]:"): noted in *r; returns where the rest
 * starts, or NULL when p holds none. */
const char *ps_rank_tag(const char *p, const char *end, struct ps_rank *r);

/* srun --label's "3: " at the very start of a line, when the stream carries
 * labels (st->srun_labels, or decided from its first lines; that decision is
 * kept in st).  Returns where the rest starts (p when there is no label). */
const char *ps_srun_label(struct logparse_state *st, const char *p, const char *end,
                          struct ps_rank *r);

/* ---- key/value pairs (parse_util.c) ---- */

struct kv {
	const char *key;
	size_t klen;
	enum pkey id;    /* ps_key() of the key, with a qualifier word applied */
	const char *val; /* the value's text */
	size_t vlen;
	bool isnum;  /* val starts with a number */
	double num;  /* that number, scaled by its unit (ms -> s for times) */
	bool has_of; /* "100/5000": num is 100, of is 5000 */
	double of;
	bool spaced;  /* "key = value": the settings style */
	bool quoted;  /* the value was a quoted string */
	char unit[8]; /* what followed the number ("ms", "%", "s"), lower case */
};

/* Next pair at or after *pp within [*pp, end): key=value, key: value, or
 * (loose=true) key value for a known metric name.  Words qualify a name
 * ("val loss 2.2", "Test Acc: 0.9", "total steps 1000").  Returns false at
 * the end. */
bool ps_kv_next(const char **pp, const char *end, bool loose, struct kv *kv);

/* Puts a value into a point by key: checks it is finite (else MP_NONFINITE
 * for losses and accuracies), scales accuracies given in percent, drops a
 * negative MFU, converts times.  Returns whether a field was set. */
bool mp_put(struct metric_point *m, enum pkey id, double v);

/* ---- JSON objects and Python dict reprs (json_scan.c) ---- */

struct jscan {
	const char *p, *end;
	bool done;
};

enum jtype { JV_NUM, JV_STR, JV_NULL, JV_BOOL, JV_NEST, JV_WORD };

struct jpair {
	const char *key;
	size_t klen;
	char quote; /* the key's quote: '"', '\'' or 0 for a bare name */
	enum jtype type;
	double num;    /* JV_NUM: may be nan/inf */
	bool numstr;   /* JV_NUM written as a string ("16.475"), fairseq-style */
	const char *s; /* JV_STR: the text between the quotes, escapes left in */
	size_t slen;
};

/* Starts scanning the object whose '{' is at p. */
bool jscan_begin(struct jscan *j, const char *p, const char *end);

/* 1: *out holds the next pair; 0: the object ended; -1: it is malformed or
 * cut short.  Tolerant: single or double quotes, bare keys, nan/NaN/inf/
 * Infinity/None/True, numbers in strings, tensor(1.5, ...)/np.float64(1.5)
 * read as numbers, nested values skipped. */
int jscan_next(struct jscan *j, struct jpair *out);

/* ---- recognisers (parse_formats.c, parse_dict.c, parse.c) ----
 * Each returns 1 when it produced a point, 0 when the line is its format but
 * no point (a banner, an "Epoch 3/10" line, a secondary bar), -1 when the
 * line is not its format. */
int pf_dict(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);
int pf_tqdm(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);
int pf_keras(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);
int pf_nanogpt(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);
int pf_llmc(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);
int pf_timm(struct logparse_state *st, const char *p, const char *end, struct metric_point *m);

/* The step of a point that has none (HF dicts, generic lines): the main tqdm
 * bar's position when one is on screen, else a counter of such lines.
 * count=false for evaluation points, which belong to the last step. */
void parse_fill_step(struct logparse_state *st, struct metric_point *m, bool count);

#endif
