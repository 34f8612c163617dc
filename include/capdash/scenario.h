/* scenario.h — scenario files: YAML <-> struct scenario.
 *
 * A scenario is a budget_input plus what a screen and a run need around it:
 * a name, slider ranges, burn prices and an optional run section.  The
 * implementation (src/config/) is the only user of <yaml.h>; callers see plain
 * structs.  The schema is documented in man/capdash-scenario.5.
 *
 * Loading reports every problem in the file, each as
 *   FILE:LINE:COL: key: what is wrong (expected ..., got ...)
 * and never crashes, hangs or allocates without bound on hostile input
 * (size, depth and alias limits below).
 */
#ifndef CAPDASH_SCENARIO_H
#define CAPDASH_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "capdash/budget.h"
#include "capdash/err.h"

#define SCENARIO_NAME_MAX 128
#define SCENARIO_MAX_BYTES (1024 * 1024) /* larger files are refused unread */
#define SCENARIO_MAX_DEPTH 16            /* nesting deeper than this is refused */
#define SCENARIO_RUN_MAX_ARGS 256
#define SCENARIO_RUN_MAX_SBATCH 64 /* run.sbatch entries */

/* Optional per-input slider range; set == false means "use the field default". */
struct scenario_range {
	bool set;
	int64_t min, max, step; /* in the field's unit */
};

enum scenario_gpu_mode {
	SCENARIO_GPU_RENT, /* burn = GPUs × gpu_hourly_cost */
	SCENARIO_GPU_BUY   /* burn = amortised unit cost + energy */
};

/* Prices used to turn a training run into money (issue: training runs). */
struct scenario_burn {
	enum scenario_gpu_mode gpu_mode; /* compute.mode: rent | buy */
	int64_t amortization_hours;      /* compute.amortization_hours, default 26280 (3 years) */
	int64_t energy_cost_kwh;         /* compute.energy_cost_kwh, micro-dollars per kWh */
	int64_t cpu_core_hourly_cost; /* compute.cpu_core_hourly_cost, micro-dollars per core-hour
	                               */
};

/* The optional run: section. */
struct scenario_run {
	bool present;
	int argc;
	char **argv; /* run.command: argv list, NULL-terminated, owned */
	bool gpus_set;
	int64_t gpus; /* run.gpus: GPUs this run uses (default: all / none) */
	bool total_steps_set;
	int64_t total_steps; /* run.total_steps, for outputs without a total */
	bool cost_set;
	int64_t cost_per_hour; /* run.cost_per_hour: micro-dollars per hour, overrides the burn
	                          model */
	/* run.on: slurm submits the command to a Slurm cluster with these
	 * options (capdash-scenario(5)); they are refused without it. */
	bool slurm;
	int64_t nodes, gpus_per_node, cpus_per_task; /* 0: not given */
	char partition[64];                          /* "": the cluster's default */
	char time[32]; /* Slurm's syntax ("30", "1:00:00", "2-00:00:00"); "": the partition's */
	char **sbatch; /* more #SBATCH options, NULL-terminated, owned; NULL: none */
	int nsbatch;
	int64_t rank; /* run.rank: whose rank-prefixed lines make the chart (0-65535) */
};

struct scenario {
	char name[SCENARIO_NAME_MAX];
	char currency[8]; /* ISO 4217, "USD" (only USD is formatted specially) */
	struct budget_input in;
	/* compute.mode was given (in the file, by --set or the dashboard): the
	 * plan (in.compute_mode) and the run prices (burn.gpu_mode) both follow
	 * it.  When false the plan buys (BUDGET_BUY) and runs are priced at
	 * gpu_hourly_cost (SCENARIO_GPU_RENT), as files written before the
	 * plan over time mean.  Change the three together with
	 * scenario_set_compute_mode. */
	bool mode_given;
	struct scenario_range range[BF__COUNT]; /* role ranges apply to every role */
	struct scenario_burn burn;
	struct scenario_run run;
};

/* Set compute.mode: the plan's C (in.compute_mode), the run prices
 * (burn.gpu_mode) and mode_given, so that the scenario saves and loads back
 * as it is. */
void scenario_set_compute_mode(struct scenario *sc, enum budget_compute_mode mode);

/* One KEY=VALUE of --set (and anything else that sets an input by name):
 * the model's numeric keys (budget_key_parse: "gpus", "capital.raised",
 * "people.roles.0.start_month", "other_costs.1.amount", ...) through
 * budget_value_parse and budget_set (an amount that may be negative, an
 * other_costs amount, may start with '-'), and the keys whose values are
 * words: compute.mode=buy|rent, data.schedule=once|spread,
 * other_costs.N.allocation=inside|outside and
 * other_costs.N.schedule=monthly|once.  On error returns -1 with err->msg
 * naming the key and saying what was expected ("compute.mode: expected rent
 * or buy, got \"lease\""); sc is then unchanged. */
int scenario_set(struct scenario *sc, const char *key, const char *value, struct cd_err *err);

/* The built-in seed scenario (compiled in): identical to
 * scenarios/seed-image-recognition.yaml. */
void scenario_builtin_seed(struct scenario *sc);

/* The YAML text of the built-in scenario (for `capdash calc` with no file and
 * for writing a starter file). */
const char *scenario_builtin_seed_yaml(void);

/* Load path.  On success returns 0 and fills sc (free with scenario_done).
 * On failure returns -1 and appends every problem to errs, each with file,
 * line and column; sc is then left empty (safe to scenario_done). */
int scenario_load(const char *path, struct scenario *sc, struct cd_errlist *errs);

/* The same, from memory; name is used as the file name in messages. */
int scenario_load_mem(const char *name, const char *data, size_t len, struct scenario *sc,
                      struct cd_errlist *errs);

/* Write sc to path atomically (temp file beside it, fsync, rename).  The file
 * loads back to an equal scenario.  Returns 0 or -1 (old file untouched). */
int scenario_save(const char *path, const struct scenario *sc, struct cd_err *err);

/* Render sc as YAML into a heap string (caller frees).  NULL on no memory. */
char *scenario_to_yaml(const struct scenario *sc);

/* Deep copy (run.argv included).  Returns 0 or -1 on no memory. */
int scenario_copy(struct scenario *dst, const struct scenario *src);

/* Free what scenario_load/scenario_copy allocated; leaves sc zeroed. */
void scenario_done(struct scenario *sc);

/* Slider range for k: the file's (set == true), else the field's default
 * (set == false), widened when needed so it includes the scenario's current
 * value of k. */
struct scenario_range scenario_range_for(const struct scenario *sc, struct budget_key k);

/* ---- capdash validate ---- */

/* Which kind a file is taken for: named config.yaml -> USERCONF; a top-level
 * scenario section (compute, data, people, capital, other_costs, sliders,
 * ranges, run, currency) -> SCENARIO; else a top-level roles: -> THEME; else any config
 * key (theme, scenario, mouse, refresh_hz, ascii) -> USERCONF; else
 * SCENARIO (and the errors say what a scenario lacks). */
enum config_kind {
	CONFIG_KIND_SCENARIO,
	CONFIG_KIND_THEME,   /* theme.h: theme_load */
	CONFIG_KIND_USERCONF /* theme.h: userconf_load */
};

/* Check any capdash YAML file: detect its kind (above; anything else is a
 * scenario) and append every problem to errs as FILE:LINE:COL messages.
 * Returns 0 when the file is good, -1 otherwise. */
int config_validate(const char *path, struct cd_errlist *errs);

/* The same, also telling which kind the file was taken for (kind may be
 * NULL). */
int config_validate_kind(const char *path, struct cd_errlist *errs, enum config_kind *kind);

#endif
