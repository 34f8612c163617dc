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
/* A nested object: members written between these two go inside it. */
void jw_obj_begin(struct jw *w, const char *key);
void jw_obj_end(struct jw *w);
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
/* Parse one JSON object (values: numbers, strings, true/false/null,
 * arrays of strings, objects up to 4 deep whose members are reported as
 * "outer.inner").  Returns 0, or -1 on anything else. */
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
#define STATUS_SIZE_SLURM 2048      /* ... and a Slurm run's (its "slurm" object) */
#define STATUS_SIZE_MAX STATUS_SIZE_SLURM

int rundir_path(char *buf, size_t size, const char *dir, const char *file);
/* Monotonic ms, for timers (the wall clock is run_now_ms). */
int64_t run_mono_ms(void);
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
	int rank; /* "rank" (absent: 0): the rank the parser follows */
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
void supervisor_main(const char *dir, const void *c, int ready_fd) __attribute__((noreturn));

/* ---- slurm_text.c: Slurm's output as data (pure) ---- */
/* squeue -o for the shared poll; slurm_parse_squeue reads its lines. */
#define SLURM_SQUEUE_FORMAT "%i|%T|%r|%N|%D|%C|%V|%S|%e|%l|%b"
/* Slurm's durations (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S; UNLIMITED → 0). */
int slurm_parse_duration(const char *s, int64_t *ms);
/* "2026-12-02T13:45:00" (local time) → Unix ms; "Unknown", "N/A" → 0. */
int slurm_parse_time(const char *s, int64_t *ms);
/* Hosts in a host list ("gpu[01-04,07],cpu1" → 6); -1 when malformed. */
int slurm_hostlist_count(const char *list);
/* GPUs in GRES/TRES text ("gpu:2(IDX:0-1)", "gres:gpu:a100:2", "gres/gpu=2"). */
int64_t slurm_gres_gpus(const char *gres);
/* The line of job_id in SLURM_SQUEUE_FORMAT output into o: 1 found, 0 not. */
int slurm_parse_squeue(const char *text, int64_t job_id, struct run_slurm_state *o);
/* scontrol show job -d ID into o (state, reason, exit code, times, nodes,
 * allocated CPUs and GPUs).  0, or -1 when it is not a job's record. */
int slurm_parse_scontrol(const char *text, struct run_slurm_state *o);
/* sacct -n -P -X -o JobID,State,ExitCode,Start,End,NodeList: 1 found, 0 not. */
int slurm_parse_sacct(const char *text, int64_t job_id, struct run_slurm_state *o);
/* sbatch --parsable: "123" or "123;cluster".  0 or -1. */
int slurm_parse_sbatch(const char *out, int64_t *job_id, char *cluster, size_t size);

/* ---- slurm_exec.c ---- */
/* Run argv (PATH lookup, no shell, stdin /dev/null): stdout into out and
 * stderr into errbuf (NUL-terminated, cut to fit).  Killed after
 * timeout_ms.  Returns its exit status (128+N for signal N), or -1 when it
 * could not run (*exec_errno: ENOENT when not in PATH) or timed out. */
int slurm_exec(char *const argv[], char *out, size_t outsz, char *errbuf, size_t errsz,
               int timeout_ms, int *exec_errno);
/* slurm_exec with "-M cluster" after argv[0] when cluster is not "". */
int slurm_exec_on(const char *cluster, char *const argv[], char *out, size_t outsz, char *errbuf,
                  size_t errsz, int timeout_ms, int *exec_errno);
/* The last non-empty line of a command's stderr.  Returns buf. */
char *slurm_err_text(const char *errbuf, char *buf, size_t size);

/* ---- slurm_job.c: job.sh, sbatch, slurm.json ---- */
#define RUN_F_JOB "job.sh"
#define RUN_F_SLURM "slurm.json"
#define RUN_SLURM_OPTS_MAX 64 /* --sbatch options kept */
/* arg single-quoted for sh ('\'' for a quote); heap, NULL when out of memory. */
char *slurm_sh_quote(const char *arg);
/* job.sh's text (heap) for argv run in cwd from dir; NULL with err. */
char *slurm_script(const char *dir, char *const *argv, const char *cwd, const char *name,
                   const struct run_slurm_spec *s, struct cd_err *err);
/* sbatch --parsable dir/job.sh: the job id and cluster ("" when none). */
int slurm_sbatch(const char *dir, int64_t *job_id, char *cluster, size_t size, struct cd_err *err);
/* Write job.sh, submit it and write slurm.json; j receives the record. */
int slurm_submit(const char *dir, char *const *argv, const char *cwd, const char *name,
                 const struct run_slurm_spec *s, struct run_slurm_job *j, struct cd_err *err);
/* slurm.json, atomically; sbatch: the options to record (may be NULL). */
int slurm_json_write(const char *dir, const struct run_slurm_job *j, const char *const *sbatch,
                     struct cd_err *err);
/* Read slurm.json; sbatch (RUN_SLURM_OPTS_MAX + 1 slots, or NULL) gets heap
 * copies of the options, NULL-terminated.  0, 1 (none), -1. */
int slurm_json_read(const char *dir, struct run_slurm_job *j, char **sbatch, struct cd_err *err);

/* ---- slurm_cache.c ---- */
/* The job's line in the shared squeue answer under root (asked again
 * when older than max_age_ms: poll_ms normally, less when the watcher has
 * reason to look sooner) into ns: 1 found, 0 not in an answer asked after
 * submit_ms (it left the queue), -1 no usable answer (older than about 3
 * poll_ms).  *used_t: the answer's time. */
int slurm_cache_lookup(const char *root, const char *cluster, int64_t job_id, int poll_ms,
                       int64_t submit_ms, int max_age_ms, struct run_slurm_state *ns,
                       int64_t *used_t);

/* ---- slurm_watch.c ---- */
/* The watcher's whole life (arg unused); never returns. */
void slurm_watch_main(const char *dir, const void *arg, int ready_fd) __attribute__((noreturn));

/* ---- supervisor.c: what the watcher shares with the supervisor ---- */
/* A detached daemon's start: every fd but keep closed, 0-2 on /dev/null,
 * default signal dispositions. */
void sup_daemonize(int keep_fd);
/* "E<what>: <strerror>" to the starter, then _exit(1). */
void sup_fail_ready(int ready_fd, const char *what) __attribute__((noreturn));
void sup_write_all(int fd, const char *p, size_t n);
/* The daemon's signals: SIGTERM and SIGINT (and SIGCHLD when it has a
 * child of its own to reap) become a byte on a self-pipe whose read end is
 * *sig_r (non-blocking); SIGHUP, SIGPIPE and SIGXFSZ are ignored.  One per
 * process.  0, or -1 when no pipe can be made. */
int sup_signals(int *sig_r, bool child);
/* In a forked child before exec: every disposition back to the default and
 * no signal blocked. */
void sup_child_signals(void);
/* Start fn(dir, arg, ready_fd) double-forked in a session of its own and
 * wait until it says it is ready (start.c). */
int run_spawn(const char *dir, void (*fn)(const char *, const void *, int), const void *arg,
              struct cd_err *err);

/* ---- slurm_ctl.c ---- */
bool slurm_is_run(const char *dir); /* dir has slurm.json */
int slurm_stop(const char *dir, struct cd_err *err);
/* hold a pending job; suspend a running one only when suspend is set */
int slurm_pause(const char *dir, bool suspend, struct cd_err *err);
int slurm_resume(const char *dir, struct cd_err *err); /* release or resume */
/* submit job.sh again; newdir = dir */
int slurm_resubmit(const char *dir, char *newdir, size_t size, struct cd_err *err);

/* ---- control.c ---- */
/* SIGTERM+SIGCONT to the group now, SIGKILL later: used by the supervisor. */
void control_term_group(pid_t pgid);

#endif
