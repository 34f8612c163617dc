/* parse.h — recognising training progress in a child's raw output.
 *
 * Two layers:
 *   logline_*  turns raw bytes into logical lines: handles \r and \b redraws
 *              (a tqdm/Keras bar redrawn in place yields its latest state as a
 *              line), strips ANSI/OSC escapes, drops NULs, replaces invalid
 *              UTF-8, caps a line at LOGLINE_MAX bytes (the rest is skipped,
 *              never buffered without bound).
 *   logparse_line  a pure function: one clean line (+ the small per-stream
 *              state in struct logparse_state) -> zero or one metric_point.
 *
 * Recognised: capdash's own protocol (proto.h), HuggingFace Trainer dicts,
 * tqdm, Lightning, Keras 2/3, nanoGPT, llm.c, torchtitan, timm, fairseq JSON,
 * DeepSpeed, and a generic key=value / key: value fallback with synonyms.
 * Settings dumps (Namespace(...), "lr = 1e-3") never become points.
 * No I/O, no allocation in logparse_line.
 */
#ifndef CAPDASH_PARSE_H
#define CAPDASH_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGLINE_MAX 4096 /* longer lines are cut here; the rest is skipped */

/* Which fields of a metric_point are set. */
enum {
	MP_STEP = 1u << 0,
	MP_TOTAL = 1u << 1,  /* total steps */
	MP_EPOCH = 1u << 2,  /* epoch (may be fractional: HF's 0.25) */
	MP_EPOCHS = 1u << 3, /* total epochs */
	MP_LOSS = 1u << 4,
	MP_VAL_LOSS = 1u << 5,
	MP_ACC = 1u << 6,     /* training accuracy, 0..1 */
	MP_VAL_ACC = 1u << 7, /* validation/test accuracy, 0..1 */
	MP_LR = 1u << 8,
	MP_THROUGHPUT = 1u << 9,
	MP_MFU = 1u << 10, /* 0..100 %; negative values in logs mean unknown and are not set */
	MP_GRAD_NORM = 1u << 11,
	MP_STEP_TIME = 1u << 12, /* seconds per step */
	MP_NONFINITE = 1u << 13  /* the line had a nan/inf loss or accuracy: that
	                          * field is left unset (a point holds only finite
	                          * values); a dashboard may warn "loss is nan" */
};

enum metric_rate_unit {
	RATE_NONE,
	RATE_SAMPLES, /* samples/s, img/s */
	RATE_TOKENS,  /* tok/s */
	RATE_ITERS    /* it/s (steps per second) */
};

enum logformat {
	LOGFMT_UNKNOWN,
	LOGFMT_CAPDASH,
	LOGFMT_HF,
	LOGFMT_TQDM,
	LOGFMT_LIGHTNING,
	LOGFMT_KERAS,
	LOGFMT_NANOGPT,
	LOGFMT_LLMC,
	LOGFMT_TORCHTITAN,
	LOGFMT_TIMM,
	LOGFMT_FAIRSEQ,
	LOGFMT_DEEPSPEED,
	LOGFMT_GENERIC
};

struct metric_point {
	unsigned has; /* MP_* bits */
	int64_t step, total;
	double epoch;
	int64_t epochs;
	double loss, val_loss, acc, val_acc, lr;
	double throughput; /* per second, in rate_unit */
	enum metric_rate_unit rate_unit;
	double mfu, grad_norm, step_time;
	enum logformat format; /* which recogniser produced it */
};

/* Per-stream memory the pure parser may consult: the last epoch seen on an
 * "Epoch 3/10" line (Keras, Lightning), the format recognised so far, a step
 * counter for formats without one (HF dicts).  Zero-initialise to start. */
struct logparse_state {
	enum logformat format;
	int64_t epoch, epochs;
	int64_t implicit_step;
	int64_t last_step;
	/* Added by the implementation; all zero at the start too. */
	int64_t last_total;   /* total of the last point that had one */
	int64_t total_hint;   /* "max_iters = 5000", "Total optimization steps = 5,625" */
	int64_t bar_total;    /* the main tqdm bar's total (secondary bars are ignored) */
	int64_t bar_n;        /* its last position */
	int64_t bar_restarts; /* times it restarted from a lower n (epochs without a desc) */
	double last_val_loss, last_val_acc; /* what a Lightning postfix last showed */
	unsigned flags;                     /* LPS_* (parse.c) */
	/* Ranks (src/run/parse_rank.c).  Set by the caller before the first
	 * line (zero is the default): */
	int rank;         /* the rank whose lines give points: a line prefixed by
	                   * another rank ("[rank3]:", "3: ", "[default3]:") gives
	                   * none; unprefixed lines always count */
	bool srun_labels; /* lines start with srun --label's "3: " for sure;
	                   * false: decided from the stream's first lines */
	/* Set by logparse_line: */
	int line_rank;          /* the rank the last line's prefix named, -1: none */
	signed char label_mode; /* srun labels: 0 deciding, 1 yes, -1 no */
	unsigned char label_lines, label_width;
	int label_prev;
};

/* Parse one clean line (no \r, \n or escapes; len bytes, need not be
 * NUL-terminated).  Returns true and fills *out when the line is a progress
 * point (it has a loss, an accuracy, a step/total or a throughput on a
 * progress line); false otherwise (*out is then zeroed).  Updates st.
 * Units: epoch is 1-based (HF's fractional epoch is passed through as is),
 * acc/val_acc in 0..1 (percentages are divided by 100), lr as printed,
 * step_time in seconds.  The rules (what is a progress line, how steps are
 * made global across epochs) are in src/run/parse.c's opening comment. */
bool logparse_line(struct logparse_state *st, const char *line, size_t len,
                   struct metric_point *out);

const char *logformat_name(enum logformat f);

/* Line assembly from raw bytes. */
struct logline {
	char buf[LOGLINE_MAX + 1];
	size_t len;    /* bytes in the current (unfinished) line */
	size_t cursor; /* write position after \r / \b */
	int esc;       /* escape-sequence scanner state */
	bool overflow; /* current line was cut at LOGLINE_MAX */
	/* Added by the implementation; zeroed by logline_init. */
	bool cr;             /* a \r was seen: the next visible byte starts a redraw */
	unsigned char u8[4]; /* a UTF-8 sequence split across feeds */
	unsigned char u8len, u8need;
};

void logline_init(struct logline *ll);

/* Feed raw bytes.  cb is called once per logical line: at '\n', and also at a
 * '\r' that redraws a line (so progress bars report as they move), with the
 * cleaned text.  final=true on the '\n'.  Returns the number of lines
 * emitted.  line is NUL-terminated and valid UTF-8 (invalid bytes become
 * U+FFFD), holds no control bytes (a tab becomes a space) and is valid only
 * during the call.  A redraw is reported when the first visible byte after
 * the '\r' arrives, so "\r\n" is one final line and a bar cleared with
 * spaces yields no blank redraw.  '\b' steps back one character; text
 * written after it replaces the rest of the line. */
typedef void (*logline_cb)(const char *line, size_t len, bool final, void *ctx);
size_t logline_feed(struct logline *ll, const char *buf, size_t len, logline_cb cb, void *ctx);

/* Emit whatever is pending (at end of stream) as a final line; nothing if
 * the line is empty.  The struct is ready for a new stream afterwards. */
void logline_flush(struct logline *ll, logline_cb cb, void *ctx);

/* Remove every terminal escape sequence and control character (except \t,
 * which becomes a space) from s in place, for drawing a child's text safely.
 * Returns the new length. */
size_t log_sanitize(char *s, size_t len);

#endif
