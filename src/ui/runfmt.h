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

/* Display cells of UTF-8 s: one per code point (the pane's text holds no
 * wide characters). */
int runfmt_width(const char *s);

/* s in at most width cells: whole when it fits, else cut after the last
 * whole word that leaves room for "…" ("..." without UTF-8), separators
 * before the cut dropped ("a · b · c" -> "a · b…").  Only a first word
 * wider than the room is cut inside, and then marked too: nothing is ever
 * cut mid-word without saying so.  Returns buf. */
char *runfmt_fit(char *buf, size_t size, const char *s, int width, bool utf8);

/* Fields joined by sep into width cells: while the line is too wide the
 * field with the lowest keep goes (among equals the rightmost), so what
 * matters most stays; a last field still too wide is runfmt_fit.  Fields
 * with NULL or "" text are absent.  At most RUNFMT_FIELDS_MAX fields. */
#define RUNFMT_FIELDS_MAX 12
struct runfmt_field {
	const char *text;
	int keep;
};
char *runfmt_join(char *buf, size_t size, const struct runfmt_field *f, size_t n, const char *sep,
                  int width, bool utf8);

/* 512 -> "512 B", 120000 -> "120 KB", 3400000 -> "3.4 MB" (decimal units,
 * as disk sizes are sold); negative: "--". */
char *runfmt_bytes(char *buf, size_t size, int64_t bytes);

/* The status line, fields dropped from the least important end until it
 * fits in width cells:
 *   "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s"
 * (" | " instead of " · " when utf8 is false).  Fields: state (required),
 * elapsed (< 0: left out; with paused_s >= 1 it reads "4m12s active, 1m03s
 * paused"; "4m12s active" with say_active), step/total (has_step), epoch (epoch < 0: left out), ETA
 * (eta_s; "unknown" when a step is known; left out with no_eta: a paused or ended run has no
 * countdown).  Drop order: epoch, elapsed, ETA, step; a state too wide for the line is runfmt_fit.
 * Returns buf. */
struct runfmt_status_in {
	const char *state;
	double elapsed_s; /* active time: paused time left out */
	double paused_s;  /* time paused so far (< 1: not mentioned) */
	bool say_active;  /* "4m12s active" even without paused_s (the run is paused now) */
	bool has_step;
	int64_t step, total;
	double epoch;
	int64_t epochs;
	double eta_s;
	bool no_eta;
};
char *runfmt_status(char *buf, size_t size, const struct runfmt_status_in *in, int width,
                    bool utf8);

#endif
