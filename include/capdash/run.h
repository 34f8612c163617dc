/* run.h — training runs: start a supervised child, keep everything it does in
 * a run directory, and read that directory back (live or finished).
 *
 * A run is a directory  $XDG_STATE_HOME/capdash/runs/<YYYYmmdd-HHMMSS>-<name>/
 * (default ~/.local/state/...) holding
 *   command        JSON: argv, cwd, name, total_steps, gpus and the prices used
 *   output.log     the child's raw stdout+stderr, appended as it comes
 *   metrics.jsonl  one JSON object per line (schema below), appended, flushed
 *   status         JSON: supervisor pid, child pid and pgid, start/end times,
 *                  exit code or signal, exec errno; replaced atomically
 *   lock           flock()ed by the supervisor for its whole life: a run whose
 *                  lock can be taken is not live, whatever status says
 *
 * The supervisor is a small process of its own (double fork + setsid), so a
 * dropped SSH connection or a crash of capdash leaves the run going and loses
 * no data.  Readers (the dashboard, `capdash attach`, `capdash runs`) only read
 * the directory: a live run and a re-opened one are the same code path.
 *
 * metrics.jsonl schema, version 1 (stable export format; readers ignore
 * unknown keys and unknown "type"s; absent keys mean "not reported"):
 *   {"v":1,"t":1764390000.123,"type":"point","step":100,"total":9380,
 *    "epoch":1,"epochs":10,"loss":0.5123,"val_loss":0.61,"acc":0.81,
 *    "val_acc":0.79,"lr":0.001,"throughput":1240.5,"rate_unit":"samples/s",
 *    "mfu":34.5,"grad_norm":1.2,"step_time":0.0123,"format":"nanogpt"}
 *   {"v":1,"t":...,"type":"cpu","cpu_pct":197.5,"rss_bytes":64000000,
 *    "nproc":3,"cpu_ms":123456}
 *   {"v":1,"t":...,"type":"gpu","index":0,"name":"NVIDIA H200","util_pct":97,
 *    "mem_util_pct":40,"mem_used":1234,"mem_total":5678,"power_mw":350000,
 *    "energy_mj":123456789,"temp_c":61}
 *   {"v":1,"t":...,"type":"nogpu","why":"no NVIDIA GPU"}
 *   {"v":1,"t":...,"type":"state","state":"paused"|"running"|"stopping"}
 * t is Unix time in seconds (millisecond precision); rate_unit is one of
 * "samples/s", "tok/s", "it/s"; mem_* are bytes; cpu_ms is the process
 * group's CPU time so far.
 *
 * Nothing here draws or uses curses.  Start reading at run_start() and
 * struct run_view.
 */
#ifndef CAPDASH_RUN_H
#define CAPDASH_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "capdash/burn.h"
#include "capdash/err.h"
#include "capdash/forecast.h"
#include "capdash/parse.h"
#include "capdash/scenario.h"

#define RUN_PATH_MAX 4096
#define RUN_ID_MAX 160
#define RUN_NAME_MAX 64
#define RUN_GPU_MAX 16
#define RUN_GRACE_MS_DEFAULT 10000 /* SIGTERM → SIGKILL */
#define RUN_SAMPLE_MS_DEFAULT 2000 /* CPU/GPU sample period */
#define RUN_STALL_MIN_MS 60000     /* stall alert: at least this quiet */

/* ---- where runs live ---- */

/* $XDG_STATE_HOME/capdash/runs (or ~/.local/state/...), created if missing.
 * Returns 0 or -1. */
int run_root(char *buf, size_t size, struct cd_err *err);

/* Turn what a person typed into a run directory: NULL or "" → the newest
 * run; a path to a directory → itself; an id or a unique prefix/suffix of
 * one (e.g. "-mnist") → that run under root (NULL root: run_root()).
 * Errors: "no runs yet", "no run matches X", "X matches 3 runs: ...". */
int run_resolve(const char *root, const char *spec, char *dir, size_t size, struct cd_err *err);

/* The ids under root, newest last (ids sort by time).  *ids is a heap array
 * of heap strings: free with run_list_free.  Returns the count or -1. */
int run_list(const char *root, char ***ids, struct cd_err *err);
void run_list_free(char **ids, int n);

/* ---- starting ---- */

/* Where the GPU count that prices a run comes from: NVML at start, the
 * plan's compute.gpus (offered when none is detected), --gpus N, or what
 * Slurm allocated to the job (scontrol show job -d). */
enum run_gpu_source { RUN_GPUS_DETECTED, RUN_GPUS_PLAN, RUN_GPUS_FLAG, RUN_GPUS_SLURM };
/* "detected", "plan", "--gpus", "slurm" */
const char *run_gpu_source_name(enum run_gpu_source s);

/* ---- Slurm runs (the job runs on the cluster; a watcher here) ----
 *
 * A Slurm run has the same run directory, plus
 *   job.sh       the batch script: #SBATCH lines from the options (output
 *                to output.log, appended), then `srun` of argv, quoted
 *   slurm.json   {"v":1,"job_id":123,"cluster":"c","submit_ms":...,
 *                 "nodes":2,"gpus_per_node":8,"cpus_per_task":16,
 *                 "partition":"gpu","time":"1:00:00","sbatch":["--qos=x"],
 *                 "poll_ms":5000,"jobs":["120","123"]}  (jobs: every job
 *                 this run submitted, oldest first; job_id is the last)
 * The supervisor is a watcher instead: it holds the lock, tails output.log
 * (written by slurmd) into metrics.jsonl, asks Slurm for the job's state at
 * most every poll_ms (one shared squeue for all runs under a root) and
 * writes it into status as the "slurm" object (struct run_slurm_state).
 * The run directory must be on a filesystem the compute nodes see. */
#define RUN_RANK_MAX 65535 /* run_spec.rank */
#define RUN_SLURM_POLL_MS_DEFAULT 5000
#define RUN_SLURM_POLL_MS_MIN 1000
#define RUN_SLURM_JOBS_MAX 64 /* job ids kept in slurm.json's history */

struct run_slurm_spec {
	bool on;                   /* false: a local run; the rest is ignored */
	int nodes;                 /* --nodes; 0: not given (Slurm's default, 1) */
	int gpus_per_node;         /* --gpus-per-node; 0: not given */
	int cpus_per_task;         /* --cpus-per-task; 0: not given */
	const char *partition;     /* --partition; NULL: the cluster's default */
	const char *time;          /* --time in Slurm's syntax: "30", "1:00:00",
	                              "2-00:00:00"; NULL: the partition's limit */
	const char *const *sbatch; /* more sbatch options, NULL-terminated, each
	                              one "#SBATCH" line ("--qos=high"); may be NULL */
	int poll_ms;               /* 0: $CAPDASH_SLURM_POLL_MS, else the default */
};

/* Check the options before anything is written: numbers in range, time in
 * Slurm's syntax, no newline or '"' in a value, each sbatch option starting
 * with '-'.  err names the option ("--time: expected minutes, M:S, H:M:S,
 * D-H, D-H:M or D-H:M:S, got \"1h\"").  Returns 0 or -1. */
int run_slurm_check(const struct run_slurm_spec *s, struct cd_err *err);

/* Slurm's job state as the watcher last saw it, kept in status under
 * "slurm".  job_id 0: not a Slurm run. */
struct run_slurm_state {
	int64_t job_id;
	char cluster[64];
	char state[24];  /* Slurm's word: "PENDING", "RUNNING", "COMPLETED", "FAILED",
	                    "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", ...;
	                    "" before the first answer */
	char reason[64]; /* why pending or why ended ("Resources", "JobHeldUser",
	                    "NonZeroExitCode"); "" for Slurm's "None" */
	char nodes[128]; /* NodeList ("gpu[01-04]"); "" while pending; cut with "..." */
	int nnodes;      /* NumNodes; 0 unknown */
	int64_t submit_ms, start_ms, end_ms; /* Unix ms as Slurm says; 0 unknown */
	int64_t time_limit_ms;               /* 0: no limit or unknown */
	int64_t gpus, cpus;                  /* allocated, all nodes; -1 unknown */
	int exit_code, exit_signal;          /* ExitCode=N:S once ended */
	int njobs;                           /* jobs submitted so far (restarts + 1) */
};

/* What slurm.json says (the submission).  Strings are NUL-terminated. */
struct run_slurm_job {
	int64_t job_id; /* the current (last submitted) job */
	char cluster[64];
	int64_t submit_ms;
	int nodes, gpus_per_node, cpus_per_task, poll_ms;
	char partition[64], time[32];
	int njobs;
	int64_t jobs[RUN_SLURM_JOBS_MAX]; /* oldest first */
};

/* Read dir/slurm.json.  Returns 0, 1 when dir is not a Slurm run (no
 * slurm.json), -1 when it is unreadable. */
int run_slurm_read(const char *dir, struct run_slurm_job *job, struct cd_err *err);

/* A watcher for a Slurm run nobody watches (killed, rebooted login node)
 * whose job has not been seen to end: started like run_start's supervisor,
 * continuing output.log where the last one stopped.  Returns 1 when one
 * was started, 0 when none is needed (a local run, live, or ended), -1 on
 * error.  capdash attach, capdash runs and the dashboard call it. */
int run_adopt(const char *dir, struct cd_err *err);

struct run_spec {
	char *const *argv;   /* NULL-terminated; argv[0] is looked up in PATH */
	const char *name;    /* NULL: basename of argv[0]; sanitised into the id */
	const char *cwd;     /* NULL: the current directory */
	const char *root;    /* NULL: run_root() */
	bool pty;            /* child output through a pseudo-terminal, not a pipe */
	int64_t total_steps; /* 0: from the output, else unknown */
	int grace_ms;        /* 0: RUN_GRACE_MS_DEFAULT */
	int sample_ms;       /* 0: RUN_SAMPLE_MS_DEFAULT */
	/* Prices recorded in `command` and used for every burn figure of this
	 * run.  gpus < 0: the number of GPUs NVML finds at start. */
	struct burn_prices prices;
	int64_t gpus;
	enum run_gpu_source gpu_source; /* recorded with gpus in `command` */
	/* Output whose lines carry a rank ("[rank3]:", srun --label's "3: "):
	 * the rank whose lines make the points (parse.h); 0 by default. */
	int rank;
	/* slurm.on: submit argv to Slurm instead of running it here. */
	struct run_slurm_spec slurm;
};

/* A spec from a scenario's prices, gpus, total_steps and team salaries
 * (argv and the rest left to the caller).  sc may be NULL: no prices. */
void run_spec_init(struct run_spec *spec, const struct scenario *sc);

/* Create the run directory, write `command`, start the supervisor and return
 * once it holds the lock and has forked the child (an exec failure is then
 * recorded in status by the supervisor, not returned here).  dir receives the
 * run directory.  The caller's signal dispositions, fds and process group are
 * untouched; the supervisor is not the caller's child (no zombie to reap).
 * Returns 0 or -1 (directory not writable, fork failed, ...). */
int run_start(const struct run_spec *spec, char *dir, size_t size, struct cd_err *err);

/* A new run with the argv, cwd, name and prices recorded in dir's `command`
 * (the old run is not touched: stop it first).  Returns 0 or -1.
 * A Slurm run is resubmitted instead: the same job.sh as a new job in the
 * same directory (newdir = dir), its id added to slurm.json's history; the
 * old job must have ended. */
int run_restart(const char *dir, char *newdir, size_t size, struct cd_err *err);

/* Safety: true when argv must be shown and confirmed (y/N) before it is
 * started — every command from a file, unless yes or argv[0] is capdash-train. */
bool run_needs_confirm(char *const *argv, bool yes);

/* argv as one line a person can read and paste into a shell: arguments with
 * spaces or quotes are single-quoted, control characters shown as \xNN.
 * Returns buf (cut with "..." when too small). */
char *run_argv_display(char *const *argv, char *buf, size_t size);

/* ---- status ---- */

enum run_state {
	RUN_STARTING, /* directory made, supervisor not yet reporting */
	RUN_RUNNING,
	RUN_PAUSED,
	RUN_STOPPING, /* stop asked, child not yet gone */
	RUN_FINISHED, /* child exited 0 */
	RUN_FAILED,   /* exit != 0, signal, or exec failure */
	RUN_LOST,     /* no supervisor holds the lock and no end was written */
	RUN_STOPPED,  /* ended after the person asked it to stop (not a failure) */
	RUN_PENDING   /* Slurm: queued, not yet running (status.slurm.reason says why) */
};

struct run_status {
	pid_t supervisor, pid, pgid;
	int64_t start_ms, end_ms; /* Unix ms; end_ms 0 while running */
	bool ended;
	bool stop_requested; /* the end was asked for (stop/kill) */
	bool paused;
	int exit_code;  /* valid when ended && !signal && !exec_errno */
	int signal;     /* the child died of this signal, else 0 */
	int exec_errno; /* the child never started: exec's errno */
	/* Written by the supervisor; 0 in status files from older versions. */
	int64_t heard_ms;        /* Unix ms of the supervisor's last status write (heartbeat) */
	int64_t paused_ms;       /* total time paused before the current pause, ms */
	int64_t paused_since_ms; /* Unix ms the current pause began; 0: not paused */
	int64_t disk_full_ms;    /* Unix ms since when the run directory refuses writes
	                            (ENOSPC/EDQUOT); 0: writes succeed */
	int64_t dropped_bytes;   /* output and records that could not be stored */
	int write_errno;         /* why writes fail while disk_full_ms is set (ENOSPC, EIO...) */
	/* Slurm runs (slurm.job_id != 0): the job as last seen, and how far
	 * the watcher has read output.log (for people: a watcher that takes
	 * over reads it again from the start, skipping the points stored). */
	struct run_slurm_state slurm;
	int64_t log_offset;
};

/* Read dir/status.  A missing status (supervisor not started yet) gives a
 * zeroed st and 0.  Returns 0 or -1 on an unreadable/garbled file. */
int run_status_read(const char *dir, struct run_status *st, struct cd_err *err);

/* true while a supervisor holds dir/lock. */
bool run_is_live(const char *dir);

/* The state from status and the lock. */
enum run_state run_state_of(const struct run_status *st, bool live);
const char *run_state_name(enum run_state s); /* "running", "finished", ... */

/* Slurm's state word as a run state (pure): PENDING → RUN_PENDING (held:
 * RUN_PAUSED), RUNNING/CONFIGURING/COMPLETING → RUN_RUNNING, SUSPENDED →
 * RUN_PAUSED, COMPLETED → RUN_FINISHED, CANCELLED → RUN_STOPPED, FAILED,
 * TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, BOOT_FAIL, DEADLINE, PREEMPTED →
 * RUN_FAILED; unknown words → RUN_RUNNING.  reason may be NULL. */
enum run_state run_slurm_run_state(const char *state, const char *reason);

/* true for Slurm's final states (the job left or is leaving the queue). */
bool run_slurm_final(const char *state);

/* Why a run ended, for people: "exited with status 3", "killed (SIGKILL:
 * out of memory?)", "crashed (SIGSEGV: segmentation fault)", "could not
 * start: No such file or directory", "stopped", "stopped (SIGKILL after the
 * grace period)", "finished"; for RUN_LOST run_lost_text() at the current
 * time, with the process group probed (run_child_alive).  Returns buf. */
char *run_status_why(const struct run_status *st, enum run_state s, char *buf, size_t size);

/* A lost run in words, pure: "supervisor (pid 812) gone; last heard from
 * 12s ago at 14:02:11; the training process (pgid 815) is still running"
 * (or "has ended"; nothing about it when child_alive is -1).  last_heard_ms
 * and now_ms are Unix ms; last_heard_ms 0: "gone without recording an end".
 * Returns buf. */
char *run_lost_text(const struct run_status *st, int64_t last_heard_ms, int child_alive,
                    int64_t now_ms, char *buf, size_t size);

/* when_ms as a time of day ("14:02:11"), or with the date when it is more
 * than 20 hours before now_ms ("2026-12-01 14:02").  Local time.  Returns buf. */
char *run_clock_text(int64_t when_ms, int64_t now_ms, char *buf, size_t size);

/* A duration for people: "12s", "3m12s", "2h05m", "3d04h".  Returns buf. */
char *run_dur_text(int64_t ms, char *buf, size_t size);

/* Is the run's process group still there?  1 yes, 0 no (or the pgid now
 * belongs to a process started long after the run), -1 unknown (no pgid). */
int run_child_alive(const struct run_status *st);

/* ---- controls (from any process; the run must be live) ---- */

/* SIGSTOP / SIGCONT to the child's whole process group.
 * Slurm runs: a PENDING job is held (scontrol hold) and released
 * (scontrol release); a RUNNING one is refused with "Slurm pauses a running
 * job only for an operator (scontrol suspend)": see run_suspend. */
int run_pause(const char *dir, struct cd_err *err);
int run_resume(const char *dir, struct cd_err *err);
/* Only when the person asked for it: scontrol suspend on a running Slurm
 * job (usually refused unless they are an operator: Slurm's message is
 * returned).  run_resume undoes it.  A local run: run_pause. */
int run_suspend(const char *dir, struct cd_err *err);
/* Ask the supervisor to end the run: SIGTERM (and SIGCONT) to the group,
 * SIGKILL after the grace period; returns at once.  A run whose supervisor
 * is gone gets SIGTERM from here.
 * Slurm runs: scancel (Slurm sends SIGTERM to the job's steps, SIGKILL
 * KillWait seconds later; #SBATCH --signal asks for an earlier warning). */
int run_stop(const char *dir, struct cd_err *err);

/* Price the run with n GPUs from now on (and for what it has spent):
 * records n and src in the run directory atomically, for live and ended
 * runs alike.  Returns 0 or -1. */
int run_set_gpus(const char *dir, int64_t n, enum run_gpu_source src, struct cd_err *err);

/* ---- telemetry (the supervisor samples; tests and tools may call) ---- */

struct run_cpu {
	bool valid;
	double cpu_pct; /* 100 = one core busy */
	int64_t rss_bytes;
	int nproc;      /* processes in the group */
	int64_t cpu_ms; /* group CPU time, accumulated across samples */
};

/* Sampling state between calls: zero-initialise. */
struct procstat {
	int64_t last_ticks, last_ms, total_ms;
	bool primed;
};

/* Sum CPU time and RSS of every process in process group pgid from /proc.
 * cpu_pct is over the time since the previous call (0 on the first).
 * Returns 0, or -1 when no process of the group is left. */
int procstat_sample(struct procstat *ps, pid_t pgid, int64_t now_ms, struct run_cpu *out);

struct run_gpu {
	unsigned has; /* RUN_GPU_* bits: which fields NVML answered */
	int index;
	char name[96];
	unsigned util_pct, mem_util_pct, temp_c;
	uint64_t mem_used, mem_total; /* bytes */
	unsigned power_mw;
	uint64_t energy_mj; /* since the driver loaded */
};
enum {
	RUN_GPU_NAME = 1u << 0,
	RUN_GPU_UTIL = 1u << 1,
	RUN_GPU_MEM = 1u << 2,
	RUN_GPU_POWER = 1u << 3,
	RUN_GPU_ENERGY = 1u << 4,
	RUN_GPU_TEMP = 1u << 5
};

/* NVML loaded with dlopen at run time ($CAPDASH_NVML_LIB, else
 * "libnvidia-ml.so.1"): _v2 symbols with v1 fallbacks, every field
 * optional.  nvml_open returns NULL with a reason in why ("no NVIDIA GPU"
 * when the library or a device is missing).  nvml_sample fills up to max
 * GPUs and returns how many. */
struct nvml;
struct nvml *nvml_open(char *why, size_t size);
int nvml_count(const struct nvml *n);
int nvml_sample(struct nvml *n, struct run_gpu *out, int max);
void nvml_close(struct nvml *n);

/* ---- reading a run: open → load history → follow ---- */

/* One metrics.jsonl "point" with its time. */
struct run_point {
	double t; /* Unix seconds */
	struct metric_point mp;
};

/* What a reader knows now about the run's progress, money and health. */
struct run_progress {
	enum run_state state;
	int64_t elapsed_ms; /* start → end (or now) */
	bool has_step;
	int64_t step, total; /* total 0: unknown */
	double epoch;
	int64_t epochs;
	int64_t eta_ms; /* -1: unknown */
	bool has_loss, has_val_loss;
	double loss, best_loss, val_loss, best_val_loss;
	bool has_throughput;
	double throughput;
	enum metric_rate_unit rate_unit;
	bool stalled;           /* live, not paused, and no progress for stall_after_ms */
	int64_t stall_after_ms; /* max(60 s, 10 × median time between points) */
	int64_t quiet_ms;       /* since the last point (or start) */
	struct burn_result burn;
	bool burn_ok;
	/* Where burn's GPU count came from, and the count. */
	enum run_gpu_source gpu_source;
	int64_t gpus;
	/* Paused time excluded: what ETA and throughput are measured against. */
	int64_t active_ms;
	/* The run directory is full: since when (Unix ms), and what was dropped. */
	bool disk_full;
	int64_t disk_full_since_ms, dropped_bytes;
	/* RUN_LOST: when the supervisor was last heard from (its last status
	 * write or record, Unix ms) and whether the child's process group is
	 * still alive (1), gone (0) or unknown (-1). */
	int64_t last_heard_ms;
	int child_alive;
	/* Slurm runs: time left of the job's time limit at now (-1: no limit,
	 * not running, or not a Slurm run).  Burn counts only the time the job
	 * was RUNNING (pending is free) with the allocated GPUs and CPUs. */
	bool slurm;
	int64_t slurm_left_ms;
};

struct run_view;

/* Open a run directory for reading (nothing is read yet).  NULL on error
 * (not a run directory: no `command`). */
struct run_view *run_view_open(const char *dir, struct cd_err *err);
void run_view_free(struct run_view *v);

/* An fd to poll() for POLLIN: it becomes readable when the run directory
 * changes (inotify).  -1 when inotify is not available (or
 * CAPDASH_NO_INOTIFY is set): then call
 * run_view_update every run_view_poll_ms() instead.  Either way the caller
 * should also wake at least once a second while the run is live (stall
 * timer, status changes a lock alone shows). */
int run_view_fd(const struct run_view *v);
int run_view_poll_ms(const struct run_view *v);

/* Read everything new: the first call loads the whole history, later calls
 * only what was appended.  Drains run_view_fd.  Never blocks.  Returns a
 * mask of RUN_CHG_* (0: nothing new) or -1 on a read error. */
enum {
	RUN_CHG_POINTS = 1u << 0,
	RUN_CHG_SAMPLES = 1u << 1, /* CPU/GPU */
	RUN_CHG_OUTPUT = 1u << 2,
	RUN_CHG_STATUS = 1u << 3
};
int run_view_update(struct run_view *v, struct cd_err *err);

const char *run_view_dir(const struct run_view *v);
const char *run_view_id(const struct run_view *v);
/* argv as recorded ("python train.py --lr 3e-4"), for titles. */
const char *run_view_command(const struct run_view *v);
const struct run_status *run_view_status(const struct run_view *v);
enum run_state run_view_state(const struct run_view *v);

/* Every point so far, oldest first (the array moves on update). */
size_t run_view_points(const struct run_view *v, const struct run_point **pts);

/* Latest CPU sample; GPU samples (returns the count, *gpus may be NULL);
 * why there are none ("no NVIDIA GPU") when the supervisor said so. */
const struct run_cpu *run_view_cpu(const struct run_view *v);
int run_view_gpus(const struct run_view *v, const struct run_gpu **gpus);
const char *run_view_nogpu(const struct run_view *v);

/* The last n output lines (at most 64 kept), escape sequences and control
 * characters removed, \r redraws applied; lines[0] is the oldest. */
size_t run_view_tail(const struct run_view *v, const char **lines, size_t n);

/* Progress, ETA, stall and burn at now_ms (Unix ms; injectable for tests). */
void run_view_progress(const struct run_view *v, int64_t now_ms, struct run_progress *p);

/* The prices recorded for this run. */
const struct burn_prices *run_view_prices(const struct run_view *v);

/* Stall rule as a pure function: a run is stalled when quiet for
 * max(RUN_STALL_MIN_MS, 10 × the median of the last intervals between
 * progress points, in ms; n of them).  Intervals between points rather than
 * per-step times: a script that logs every 1,000 steps would otherwise look
 * stalled between every two of its lines. */
int64_t run_stall_after_ms(const int64_t *intervals_ms, size_t n);

/* The chart's smoothed line (TensorBoard's debiased EMA): out[i] for y[i],
 * smoothing w in [0, 1) (0: the raw values; 0.6 is TensorBoard's default).
 * Non-finite y (a NaN loss) are skipped: out repeats the previous value
 * (NaN before the first finite one).  out may be y. */
void run_smooth_ema(const double *y, size_t n, double smoothing, double *out);

/* Wall clock in Unix ms. */
int64_t run_now_ms(void);

/* ---- measured speed (measure.c): what `capdash forecast` and the budget
 * pane's measured block start from ---- */

/* Bytes of metrics.jsonl run_measure_read looks at, from the end, at most. */
#define RUN_MEASURE_TAIL_MAX (8 << 20)

struct run_measure {
	/* Throughputs of the newest points that carry one in `unit` (points in
	 * another unit are passed over), oldest first; n of them. */
	double rates[FORECAST_WINDOW];
	int n;
	enum forecast_unit unit; /* the newest such point's; NONE when it named none */
	int64_t epochs;          /* total epochs the newest point that says so reported (read:
	                            among the lines read; view: anywhere); 0: none */
	int gpus;                /* distinct GPU indices in the telemetry read; 0: a CPU run */
	int64_t devices;         /* gpus, or 1 for a CPU run ("counted as 1 device") */
	int64_t bytes_read;      /* of metrics.jsonl (run_measure_read only) */
	int64_t file_size;       /* of metrics.jsonl when it was read */
};

/* The measured speed of the run in dir from the tail of its metrics.jsonl
 * only: blocks are read backwards from the end and lines parsed newest first
 * until FORECAST_WINDOW points with a throughput and the newest GPU/CPU
 * sample are found, or RUN_MEASURE_TAIL_MAX bytes were looked at — never the
 * whole of a long file.  Garbled lines (a torn last write) are skipped.  A
 * missing metrics.jsonl gives n = 0 and 0.  Returns 0, or -1 when dir is not
 * readable. */
int run_measure_read(const char *dir, struct run_measure *m, struct cd_err *err);

/* The same from an open view whose points are already in memory (the
 * dashboard): no I/O, and at most the newest 65,536 points looked at.  GPUs
 * are the ones run_view_gpus reports. */
void run_measure_view(const struct run_view *v, struct run_measure *m);

#endif
