/* progress_bar.h — the one-line progress display capdash-train redraws on a
 * terminal's stderr: "1,874/9,380 [=====>    ] 20% epoch 2/10 loss 0.3124
 * 1,240 img/s ETA 4m12s".
 *
 * Pure formatting and timing decisions; main.c does the writing.
 */
#ifndef CAPDASH_TRAIN_PROGRESS_BAR_H
#define CAPDASH_TRAIN_PROGRESS_BAR_H

#include <stddef.h>

#include "trainer.h"

/* Redraws at most this often (seconds): 10 Hz. */
#define PROGRESS_BAR_INTERVAL 0.1

/* Format p into buf as one line of at most width columns (no '\r', no
 * newline); the bar shrinks, then goes, on narrow terminals.  Returns the
 * length. */
size_t progress_bar_fmt(char *buf, size_t size, int width, const struct trainer_progress *p);

/* Whether to redraw now: the last step always, otherwise only when
 * PROGRESS_BAR_INTERVAL has passed since `last` (both in seconds). */
int progress_bar_due(const struct trainer_progress *p, double now, double last);

/* "4m12s", "1h03m", "59s", "--" for unknown (< 0): into buf. */
void progress_bar_eta(char *buf, size_t size, double seconds);

/* 1234567 → "1,234,567". */
void progress_bar_count(char *buf, size_t size, long long v);

#endif
