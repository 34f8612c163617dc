/* pane_run_int.h — what the training pane's files share: its state, and the
 * pure helpers (command splitting, the redraw cap, the pane's row budget)
 * that tests/unit/test_ui_run.c calls without a terminal.
 *
 * Only for src/ui/pane_run*.c and the unit test.  pane_run.c owns the state
 * (opening runs, reading them, timers, actions); pane_run_draw.c only draws
 * it.  Start at struct pane_run.
 */
#ifndef CAPDASH_PANE_RUN_INT_H
#define CAPDASH_PANE_RUN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capdash/run.h"
#include "chart.h"
#include "series.h"
#include "ui_int.h"

#define PANE_RUN_SMOOTH_DEFAULT 0.6
#define PANE_RUN_TAIL_MAX 8
#define PANE_RUN_TAIL_LINE 256 /* bytes of a tail line kept for drawing */
#define PANE_RUN_TAIL_MS 500   /* a streaming output tail moves at most 2 times a second */

struct pane_run {
	struct run_view *v;   /* the run on screen, or NULL */
	int fd;               /* run_view_fd being watched, or -1 */
	bool tick_armed;      /* the once-a-second (or poll) timer is set */
	bool cap_armed;       /* a deferred redraw (refresh cap) is set */
	int64_t last_draw_ms; /* monotonic: when the pane was last marked dirty */
	struct run_progress prog;
	bool prog_ok;

	struct series_loss train, val;
	bool series_ok;
	size_t seen; /* run points already pushed into the series */
	double smoothing;
	bool logy;
	bool full_y; /* Y: every point fits, no clipped top */

	void *chart_mem;
	size_t chart_cap;
	struct chart chart;
	int cw, ch; /* chart cells the memory is bound to; 0: none */
	bool chart_ascii;

	/* The output tail as last drawn: lines scrolling at 10 Hz cannot be
	 * read and cost most of the bytes sent while watching, so a live run's
	 * tail is re-taken at most every PANE_RUN_TAIL_MS. */
	char tail[PANE_RUN_TAIL_MAX][PANE_RUN_TAIL_LINE];
	int ntail;
	int64_t tail_ms; /* monotonic: when tail was taken; 0: take it now */

	bool rung;          /* the stall bell has sounded for this stall */
	bool quit_answered; /* "leave it going / stop it" was answered */
	char **pending;     /* argv waiting for its y/N (owned), or NULL */
	char **ids;         /* run ids offered by the run list (owned) */
	int nids;
	char note[1024]; /* why the last start/open failed, shown in the pane */
	/* The owner token of the status messages that are true only while
	 * the run on screen is live ("started …", "stopping the run"): taken
	 * down with app_message_drop once it ends (pane_run.c). */
	char said_for;
};

/* Split a typed command line into argv: words separated by blanks;
 * '...' is literal, "..." allows \" and \\, a backslash outside quotes
 * takes the next character as it is.  *argv is a NULL-terminated heap
 * array of heap strings (free with pane_run_argv_free).  Returns argc
 * (>= 1), or -1 with a reason in why ("unterminated quote", "no command",
 * "out of memory"). */
int pane_run_split(const char *line, char ***argv, char *why, size_t size);
char **pane_run_argv_dup(char *const *argv);
void pane_run_argv_free(char **argv);

/* The options a typed command may start with, as `capdash run` takes them:
 * --on slurm|local, --nodes N, --gpus-per-node G, --cpus-per-task C,
 * --partition P, --time T, --sbatch OPT (again for more), --rank N;
 * "--opt=value" too.  "--" or the first word that is not one of them ends
 * them.  Strings in o point into argv. */
#define PANE_RUN_SBATCH_MAX 16
struct pane_run_opts {
	int on;                                      /* --on: -1 not given, 0 local, 1 slurm */
	struct run_slurm_spec slurm;                 /* the Slurm options typed (0: not) */
	bool slurm_opts;                             /* one of them was typed */
	const char *sbatch[PANE_RUN_SBATCH_MAX + 1]; /* slurm.sbatch points here */
	int rank;                                    /* --rank: -1 not given */
	int cmd;                                     /* argv[cmd] is the command */
};
/* 0, or -1 with why ("--nodes: expected a whole number from 1 to 100000,
 * got \"two\"", "no command after the options"). */
int pane_run_opts(char *const *argv, struct pane_run_opts *o, char *why, size_t size);

/* What a run starts with: the scenario's run: section (its Slurm options
 * and rank, when run.present), then the typed options over it field by
 * field, as `capdash run -s FILE` does (typed: NULL for none).  Strings
 * point into sc and typed.  0, or -1 with why when Slurm options were typed
 * for a run that is not on Slurm. */
int pane_run_merge(const struct scenario_run *sc, const struct pane_run_opts *typed,
                   struct run_slurm_spec *slurm, int *rank, char *why, size_t size);

/* The redraw cap: milliseconds to wait before the pane may be redrawn again
 * (0: now), given the last redraw and the cap in Hz (<= 0: 10). */
int pane_run_cap_wait(int64_t now_ms, int64_t last_ms, int hz);

/* How the pane's inner rows (h, inside the box) are shared out.  From the
 * top: status, note (the command, or what is wrong), money, basis (where
 * the price comes from, the team), the offer of the plan's GPU count (when
 * offer), the loss summary, the chart with its axis and legend, gauges and
 * the output tail.  Sections are dropped, least useful first (output tail,
 * gauges, legend, chart, offer, basis), on short panes; the status, note,
 * money and summary lines stay while there is room. */
struct pane_run_rows {
	int status, cmd, money, basis, offer, summary; /* row of each line, or -1 */
	int chart_y, chart_h; /* chart rows (then one axis row); h 0: none */
	int legend;           /* the legend's row (under the axis), or -1 */
	int gauge_y, gauge_n;
	int tail_y, tail_n;
};
void pane_run_rows(int h, int ngauges, bool offer, struct pane_run_rows *r);

/* Break s into at most max rows of width cells at blanks (a word wider
 * than width is split where the row ends): row i is s[off[i]] for len[i]
 * bytes, blanks at the break left out.  Returns the rows. */
int pane_run_wrap(const char *s, int width, size_t *off, size_t *len, int max);

/* pane_run_draw.c: the whole pane into w (already erased). */
void pane_run_draw(struct ui_app *app, struct pane_run *pr, WINDOW *w);
/* true when the pane offers to price the run at the plan's GPU count (no
 * GPU detected, the plan has some): the G key then does it. */
bool pane_run_offers(struct ui_app *app, struct pane_run *pr);

#endif
