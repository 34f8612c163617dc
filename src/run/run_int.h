/* run_int.h — what the files of src/run/ share and nobody else sees:
 * a tiny JSON writer and flat-object reader, the command/status files, the
 * metrics record codec and the supervisor entry point.  Not installed, not
 * included outside src/run/ (and the run tests).
 */
#ifndef CAPDASH_RUN_INT_H
#define CAPDASH_RUN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "capdash/run.h"

/* ---- json.c ---- */

/* Appending writer over a fixed buffer; overflow is sticky (ok = false). */
struct jw {
	char *buf;
	size_t size, len;
	bool ok, first;
};
void jw_begin(struct jw *w, char *buf, size_t size);
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_num(struct jw *w, const char *key, double v); /* non-finite → null */
void jw_str(struct jw *w, const char *key, const char *s);
void jw_bool(struct jw *w, const char *key, bool v);
void jw_strv(struct jw *w, const char *key, char *const *v); /* array of strings */
/* Closes the object and adds '\n'.  Returns the length, or 0 on overflow. */
size_t jw_end(struct jw *w);

enum jr_type { JR_NUM, JR_STR, JR_BOOL, JR_NULL, JR_ARR_STR };
/* One value of a flat object.  For JR_ARR_STR the callback runs once per
 * element with idx = 0, 1, ...  str is NUL-terminated unescaped text (valid
 * during the call); num holds numbers and booleans (1/0). */
struct jr_val {
	enum jr_type type;
	const char *str;
	size_t slen;
	double num;
	int idx;
};
typedef void (*jr_cb)(const char *key, const struct jr_val *v, void *ctx);
/* A JSON number as an integer, clamped (casting 1e300 to int64 is
 * undefined behaviour; files on disk are input like any other). */
int64_t jr_i64(double v);
/* Parse one flat JSON object (values: numbers, strings, true/false/null,
 * arrays of strings).  Returns 0, or -1 on anything else. */
int jr_parse(const char *s, size_t len, jr_cb cb, void *ctx);

/* ---- rundir.c ---- */
#define RUN_F_COMMAND "command"
#define RUN_F_OUTPUT "output.log"
#define RUN_F_METRICS "metrics.jsonl"
#define RUN_F_STATUS "status"
#define RUN_F_LOCK "lock"
#define RUN_F_SPARE ".status.spare" /* status's twin, swapped in on each write */
#define RUN_F_PRICING "pricing"     /* GPU count set after start (run_set_gpus) */
#define STATUS_SIZE 1024            /* bytes: the status file is padded to this */

int rundir_path(char *buf, size_t size, const char *dir, const char *file);
/* mkdir root/<YYYYmmdd-HHMMSS>-<name>[-N]; dir receives the path. */
int rundir_create(const char *root, const char *name, int64_t now_ms, char *dir, size_t size,
                  struct cd_err *err);

/* ---- status.c ---- */
/* Write status and its spare twin, both STATUS_SIZE bytes (at start, while
 * there is room).  0 or -1. */
int run_status_init(const char *dir, const struct run_status *st, struct cd_err *err);
/* Replace status atomically without needing free space (see status.c);
 * sync: fsync it (state changes; heartbeats need not).  0 or -1. */
int run_status_put(const char *dir, const struct run_status *st, bool sync, struct cd_err *err);
/* run_status_put with sync. */
int run_status_write(const char *dir, const struct run_status *st, struct cd_err *err);

/* ---- store.c: appending whole records to a file that may fill up ---- */
typedef ssize_t (*store_write_fn)(int fd, const void *buf, size_t n);
struct store {
	int fd;
	off_t good;              /* file size after the last whole append */
	bool torn;               /* a cut-off write could not be undone: the next append
	                            starts with '\n' so the fragment stays a line of its own */
	int err;                 /* errno of the last failed append; 0 after a success */
	store_write_fn write_fn; /* write(2); tests put a failing one here */
	int (*truncate_fn)(int fd, off_t size); /* ftruncate(2), likewise */
};
/* fd open with O_APPEND; its size now is the last good size. */
void store_init(struct store *s, int fd);
/* Append n bytes as one unit: all of them, or none (a short write is cut
 * back to the last good size with ftruncate, so a reader never sees half a
 * line).  Returns 0, or -1 with s->err (ENOSPC, EDQUOT, EFBIG, EIO...). */
int store_append(struct store *s, const void *buf, size_t n);

/* ---- runcmd.c: the `command` file ---- */
struct run_command {
	char **argv; /* heap, NULL-terminated */
	int argc;
	char cwd[RUN_PATH_MAX];
	char name[RUN_NAME_MAX];
	bool pty;
	int64_t total_steps, gpus;
	enum run_gpu_source gpu_source;
	int grace_ms, sample_ms;
	struct burn_prices prices;
};
int runcmd_write(const char *dir, const struct run_command *c, struct cd_err *err);
int runcmd_read(const char *dir, struct run_command *c, struct cd_err *err);
void runcmd_done(struct run_command *c);
/* dir/pricing, written by run_set_gpus: 0 with *gpus and *src, 1 when there
 * is none (the command's count holds), -1 when unreadable. */
int runcmd_read_pricing(const char *dir, int64_t *gpus, enum run_gpu_source *src);

/* ---- metrics.c ---- */
enum rec_type { REC_NONE, REC_POINT, REC_CPU, REC_GPU, REC_NOGPU, REC_STATE };
struct run_record {
	enum rec_type type;
	double t;
	struct metric_point mp;
	struct run_cpu cpu;
	struct run_gpu gpu;
	char text[96]; /* nogpu why / state name */
};
size_t metrics_fmt_point(char *buf, size_t size, double t, const struct metric_point *mp);
size_t metrics_fmt_cpu(char *buf, size_t size, double t, const struct run_cpu *c);
size_t metrics_fmt_gpu(char *buf, size_t size, double t, const struct run_gpu *g);
size_t metrics_fmt_text(char *buf, size_t size, double t, const char *type, const char *key,
                        const char *text);
/* Decode one line; unknown types give REC_NONE and 0.  -1 on bad JSON. */
int metrics_parse(const char *line, size_t len, struct run_record *r);

/* ---- follow.c / progress.c: the reader ---- */
#define TAIL_MAX 64
#define TAIL_START_BYTES 65536 /* history of output.log shown on open */
#define IV_MAX 64              /* intervals kept for the stall rule */
#define ETA_WINDOW 20          /* points the rate is measured over */

/* A reader's state: follow.c fills it from the run directory, progress.c
 * computes from it. */
struct run_view {
	char dir[RUN_PATH_MAX];
	char id[RUN_ID_MAX];
	char cmdline[1024];
	struct run_command cmd;
	struct run_status st;
	bool live;
	struct timespec st_mt, pr_mt;
	ino_t st_ino, pr_ino;
	int ino_fd;
	int child_alive; /* probed for a lost run on update; -1 otherwise */
	/* the GPU count that prices the run: `pricing`, else `command` */
	bool pr_set;
	int64_t pr_gpus;
	enum run_gpu_source pr_src;

	/* Pauses as the state records tell them (Unix s), so that each point
	 * knows the active (unpaused) time at which it came. */
	double rec_paused_since, rec_paused_total;
	double last_rec_t; /* the newest record of any type: the last sign of life */

	int met_fd;
	char *part;
	size_t plen, pcap;
	struct run_point *pts;
	size_t npts, cap;

	struct run_cpu cpu;
	struct run_gpu gpus[RUN_GPU_MAX];
	uint64_t energy0[RUN_GPU_MAX];
	bool seen_gpu[RUN_GPU_MAX];
	char nogpu[96];

	int log_fd;
	bool log_started;
	struct logline ll;
	char *tail[TAIL_MAX];
	size_t ntail;
	bool tail_open; /* the newest tail line is a redraw that may be replaced */
	unsigned chg;

	int64_t iv[IV_MAX];
	size_t niv;
	int64_t stall_min_ms; /* RUN_STALL_MIN_MS, or CAPDASH_STALL_MIN_MS (tests) */

	/* Kept as points arrive, so that progress costs O(1) per frame
	 * however long the history is. */
	struct run_progress acc;
	size_t step_idx[ETA_WINDOW];    /* the last points with a step, ring */
	double step_active[ETA_WINDOW]; /* their active time, Unix s minus pauses */
	double last_active;             /* the same for the newest point */
	size_t nstep;
	bool best_set, best_val_set;
};

/* Paused time before t (Unix s), as the state records tell it. */
double view_paused_at(const struct run_view *v, double t);

/* ---- supervisor.c ---- */
/* The supervisor's whole life; never returns (calls _exit). */
void supervisor_main(const char *dir, const struct run_command *c, int ready_fd)
        __attribute__((noreturn));

/* ---- control.c ---- */
/* SIGTERM+SIGCONT to the group now, SIGKILL later: used by the supervisor. */
void control_term_group(pid_t pgid);

#endif
