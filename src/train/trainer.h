/* trainer.h — capdash-train's training loop: epochs of shuffled batches, one
 * SGD step each, protocol lines every N steps, an evaluation and a
 * checkpoint after each epoch, a clean stop when asked.
 *
 * Private to src/train/.  No printing: lines go to the caller's sink, so
 * main.c writes them to stdout and the tests capture them.  Start at
 * trainer_run().
 */
#ifndef CAPDASH_TRAIN_TRAINER_H
#define CAPDASH_TRAIN_TRAINER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"
#include "capdash/nn.h"

#include "ckpt.h"
#include "data.h"

struct trainer_progress {
	int64_t step, total_steps, epoch, epochs; /* epoch: 1-based */
	double loss;                              /* moving average (about 20 steps) */
	double samples_per_s;                     /* since this run started */
	double elapsed, eta;                      /* seconds; eta < 0: unknown */
};

struct trainer_sink {
	/* One protocol line, '\n' included.  Returning -1 (stdout gone) stops
	 * the run with an error. */
	int (*line)(void *ctx, const char *line, size_t len);
	/* After every step, for a progress display (may be NULL). */
	void (*progress)(void *ctx, const struct trainer_progress *p);
	void *ctx;
};

struct trainer_cfg {
	int epochs, batch, log_every;
	uint64_t seed;
	float lr;
	uint32_t test_batches_max; /* 0: evaluate on the whole test set */
	const char *checkpoint;    /* NULL: no checkpoints */
	int64_t start_step;        /* > 0 when resuming */
	double t0;                 /* trainer_now() when the run started */
	/* The checkpoint header to write: everything but step and
	 * shuffle_state, which the loop fills. */
	struct ckpt_info ck;
};

enum trainer_status { TRAINER_DONE, TRAINER_STOPPED };

struct trainer_result {
	enum trainer_status status;
	int64_t step;   /* steps done when the loop returned */
	double val_acc; /* the last evaluation's; < 0 if none */
	double elapsed;
};

/* Steps in one epoch: ceil(train samples / batch). */
int64_t trainer_steps_per_epoch(uint32_t n, int batch);
/* Seconds on a monotonic clock. */
double trainer_now(void);

/* Train net on d->train from cfg->start_step to cfg->epochs epochs.  *stop
 * is polled at every step boundary (and between evaluation batches): when it
 * becomes non-zero the loop saves a checkpoint (if configured) and returns
 * with status TRAINER_STOPPED.  Allocates its batch buffers once, at entry.
 * -1 on an error (checkpoint write: CD_ERR_IO with the path; the sink
 * failing; a non-finite loss: CD_ERR_RANGE). */
int trainer_run(struct nn *net, const struct data_pair *d, const struct trainer_cfg *cfg,
                const struct trainer_sink *sink, volatile sig_atomic_t *stop,
                struct trainer_result *res, struct cd_err *err);

#endif
