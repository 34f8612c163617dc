/* runtext.h — the training pane's sentences: from what a reader knows about
 * a run (struct run_progress and its status) to the lines a person reads,
 * each fitted to the pane's width without cutting a word.
 *
 * Pure: no curses, no I/O, no globals, no money arithmetic (every figure
 * comes from burn_eval through run_view_progress and is printed with
 * burn_format; "why $0.00" is read from the prices, not computed).  Each
 * function writes a NUL-terminated line into the caller's buffer and
 * returns it.  Start with struct runtext_in, then runtext_status.
 */
#ifndef CAPDASH_RUNTEXT_H
#define CAPDASH_RUNTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/run.h"

struct runtext_in {
	const struct run_progress *p;
	const struct run_status *st;      /* supervisor pid, exec error, pause start */
	const struct burn_prices *prices; /* as recorded for the run; NULL: unknown */
	const char *command;              /* argv as recorded, one line */
	const char *why;                  /* run_status_why() for an ended run, or NULL */
	int64_t now_ms;                   /* Unix ms */
	int64_t plan_gpus;                /* the scenario's compute.gpus (offered when > 0) */
	const char *gpu_key;              /* the key that prices the run at plan_gpus: "G" */
	bool utf8;
};

/* How a line wants to be drawn; the pane maps it to a theme role. */
enum runtext_tone { RT_TEXT, RT_DIM, RT_GOOD, RT_WARN, RT_BAD, RT_ACCENT };

/* The state word: run_state_name, "stopped" for RUN_STOPPED. */
const char *runtext_state_word(enum run_state s);

/* "running · 4m12s · step 1,874/9,380 · epoch 2/10 · ETA 12m40s";
 * paused: "paused for 12s · 4m12s active · step …" (no ETA: nothing counts
 * down while nothing runs); ended: no ETA; a run that never started: no
 * elapsed time.  Times are active time when the reader knows it. */
char *runtext_status(char *buf, size_t size, const struct runtext_in *in, int width);

/* The line under the status, the most important thing first:
 *   lost     "supervisor (pid 4242) gone, last heard 12s ago; training
 *            process still running"
 *   stalled  "STALLED: no progress for 2m05s"
 *   disk     "disk full since 14:02 — 120 KB of output not stored; the run
 *            goes on"
 *   failed   "exited with status 3 · $ python train.py"
 *   else     "$ python train.py" (argv[0]'s directory left out when the
 *            line is too narrow for it)
 * *tone says how to draw it. */
char *runtext_note(char *buf, size_t size, const struct runtext_in *in, int width,
                   enum runtext_tone *tone);

/* A Slurm run's state, the first field of its note line: "Slurm job 1234
 * PENDING (Resources) · limit 1h00m", "Slurm job 1234 RUNNING on
 * gpu[01-02] · 42m10s left", "Slurm job 1234 FAILED, exit code 3",
 * "Slurm job 1234 submitted" (no answer from Slurm yet); on a narrow pane
 * "Slurm" goes, then the job id, then the nodes/reason/exit code, never
 * half a word.  "" for a local run.  *tone says how to draw it. */
char *runtext_slurm(char *buf, size_t size, const struct runtext_in *in, int width,
                    enum runtext_tone *tone);

/* What the run costs: "$2.49/h · spent $0.0123 · at finish $0.04";
 * paused: "paused, GPUs still cost $2.49/h · …"; ended: "spent $0.03 at
 * $2.49/h"; a zero rate says why: "$0.00/h — no GPU detected, CPU price
 * $0"; a command that never started: "nothing spent: …"; a job in
 * Slurm's queue: "queued: free until it runs, then $9.96/h · spent $0.00".
 * *tone says how to draw it. */
char *runtext_money(char *buf, size_t size, const struct runtext_in *in, int width,
                    enum runtext_tone *tone);

/* Where the price comes from and the team beside it: "5 GPUs (plan) · team
 * $616.44/h", "no GPU detected · team …", "1 GPU (detected) · …",
 * "$40.00/h set by run.cost_per_hour · …".  "" when there is nothing to say. */
char *runtext_basis(char *buf, size_t size, const struct runtext_in *in, int width);

/* The offer of the plan's GPU count when none was detected: "G prices this
 * run at the plan's 5 GPUs".  false (and buf "") when there is no offer:
 * GPUs were found, the count came from the plan or --gpus, a fixed price is
 * set, the plan has none, or the command never started. */
bool runtext_offer(char *buf, size_t size, const struct runtext_in *in, int width);

/* Local time of day of Unix ms: "14:02"; another day: "Dec 01 14:02". */
char *runtext_clock(char *buf, size_t size, int64_t unix_ms, int64_t now_ms);

#endif
