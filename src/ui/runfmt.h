/* runfmt.h — text for the training pane's status line: durations, counts,
 * step/total, epochs, throughput, and the ETA from recent throughput.
 *
 * Pure: no curses, no I/O, no globals, no allocation.  Every formatter writes
 * a NUL-terminated string into the caller's buffer (truncated, never
 * overrun, when it is too small) and returns the caller's buffer.  No money:
 * burn figures come from the model (burn.h).  Start with runfmt_status.
 */
#ifndef CAPDASH_RUNFMT_H
#define CAPDASH_RUNFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/parse.h"

/* Enough for any single formatter below except runfmt_status. */
#define RUNFMT_MAX 48

/* "42s", "4m12s", "1h03m", "2d04h" (truncated, never rounded up, so a
 * countdown never shows more time than is left).  Negative or non-finite:
 * "--". */
char *runfmt_duration(char *buf, size_t size, double seconds);

/* The ETA: a duration, or "unknown" when eta_s < 0 or not finite. */
char *runfmt_eta(char *buf, size_t size, double eta_s);

/* 1874 -> "1,874"; -1234567 -> "-1,234,567". */
char *runfmt_count(char *buf, size_t size, int64_t v);

/* Up to 99,999 in full ("9,380"), then "123k", "1.23M", "12.3G". */
char *runfmt_count_short(char *buf, size_t size, int64_t v);

/* "1,874/9,380", or "1,874" when total <= 0. */
char *runfmt_step(char *buf, size_t size, int64_t step, int64_t total);

/* "2/10"; a fractional epoch (HF's 0.25) keeps up to two decimals:
 * "0.25/3"; "2" when epochs <= 0. */
char *runfmt_epoch(char *buf, size_t size, double epoch, int64_t epochs);

/* Throughput with its unit: "12.3 it/s", "1,240 samples/s", "3.1k tok/s",
 * "245k tok/s"; below 1 it/s tqdm's way: "2.5 s/it".  noun overrides the
 * unit's word ("img" gives "img/s"); NULL keeps "samples", "tok", "it".
 * Token rates go compact from 1,000, the others from 100,000.
 * Non-finite or negative rate: "--". */
char *runfmt_rate(char *buf, size_t size, double rate, enum metric_rate_unit unit,
                  const char *noun);

/* The ETA from recent throughput.  Feed it (time, step) as points arrive;
 * the rate is Σ Δstep / Σ Δt over the last RUNFMT_ETA_N samples no older
 * than window_s seconds, where
 *   - time the caller marked as paused (runfmt_eta_pause) is not counted,
 *   - an interval longer than max(stall_s, 10 × the median interval) is a
 *     stall or a pause nobody told us about, and is left out entirely,
 *   - a step going backwards (a restart from a checkpoint) starts afresh.
 * So a pause or a long evaluation does not make the ETA jump to days, and
 * a burst of buffered lines does not make it jump to zero. */
#define RUNFMT_ETA_N 64

struct runfmt_eta_state {
	double t[RUNFMT_ETA_N]; /* seconds, any monotonic origin */
	double step[RUNFMT_ETA_N];
	double paused[RUNFMT_ETA_N]; /* paused seconds inside the interval ending here */
	unsigned head, len;
	double window_s, stall_s;
	bool is_paused;
	double pause_since, pause_acc;
};

/* window_s <= 0: 120 s; stall_s <= 0: 60 s. */
void runfmt_eta_init(struct runfmt_eta_state *e, double window_s, double stall_s);
void runfmt_eta_push(struct runfmt_eta_state *e, double t, int64_t step);
/* The run was paused (true) or resumed (false) at time t. */
void runfmt_eta_pause(struct runfmt_eta_state *e, double t, bool paused);
/* Steps per second, or -1 when unknown (fewer than two usable samples). */
double runfmt_eta_rate(const struct runfmt_eta_state *e);
/* Seconds to reach total at the current rate from the last step seen; 0 when
 * there; -1 (unknown) when total <= 0 or the rate is unknown. */
double runfmt_eta_seconds(const struct runfmt_eta_state *e, int64_t total);

/* The status line, fields dropped from the least important end until it
 * fits in width cells:
 *   "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s"
 * (" | " instead of " · " when utf8 is false).  Fields: state (required),
 * elapsed (< 0: left out), step/total (has_step), epoch (epoch < 0: left
 * out), ETA (eta_s; shown as "unknown" when a step is known).  Drop order:
 * epoch, elapsed, ETA, step.  Returns buf. */
struct runfmt_status_in {
	const char *state;
	double elapsed_s;
	bool has_step;
	int64_t step, total;
	double epoch;
	int64_t epochs;
	double eta_s;
};
char *runfmt_status(char *buf, size_t size, const struct runfmt_status_in *in, int width,
                    bool utf8);

#endif
