/* slurm_ctl.c — controls for Slurm runs, and adoption.
 *
 * stop = scancel (through the watcher when there is one, so that it
 * records that the person asked); pause = scontrol hold while the job is
 * pending, release to resume; a running job is only suspended when the
 * person asked for exactly that (run_suspend): Slurm lets only operators
 * suspend jobs, and saying so plainly beats a surprise.  restart = the
 * same job.sh submitted again in the same run directory.  Adoption starts
 * a new watcher for a job nobody watches.
 * Must not: signal processes other than the run's own watcher.
 * Start at run_adopt().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CTL_TIMEOUT_MS 30000

bool slurm_is_run(const char *dir)
{
	char path[RUN_PATH_MAX];

	return rundir_path(path, sizeof(path), dir, RUN_F_SLURM) == 0 && access(path, F_OK) == 0;
}

/* scancel/scontrol on the run's current job; Slurm's message in err. */
static int slurm_cmd(const char *dir, const char *cluster, const char *what, char *const *argv,
                     struct cd_err *err)
{
	char out[1024], errs[2048], line[512];
	int e, rc = slurm_exec_on(cluster, argv, out, sizeof(out), errs, sizeof(errs),
	                          CTL_TIMEOUT_MS, &e);

	if (rc < 0 && e == ENOENT)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0, _("%s is not in PATH"), argv[0]);
	if (rc != 0)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0, _("%s failed: %s"), what,
		                  errs[0] ? slurm_err_text(errs, line, sizeof(line))
		                          : "no message");
	return 0;
}

static int job_cmd(const char *dir, const struct run_slurm_state *sl, const char *a, const char *b,
                   struct cd_err *err)
{
	int64_t job_id = sl->job_id;
	char id[32], what[64];
	char *argv[4];

	snprintf(id, sizeof(id), "%lld", (long long)job_id);
	argv[0] = (char *)a;
	argv[1] = b ? (char *)b : id;
	argv[2] = b ? id : NULL;
	argv[3] = NULL;
	snprintf(what, sizeof(what), "%s%s%s", a, b ? " " : "", b ? b : "");
	return slurm_cmd(dir, sl->cluster, what, argv, err);
}

/* The job of a Slurm run that has not ended, with its status. */
static int open_job(const char *dir, struct run_status *st, struct cd_err *err)
{
	if (run_status_read(dir, st, err))
		return -1;
	if (!st->slurm.job_id) {
		struct run_slurm_job j;
		if (slurm_json_read(dir, &j, NULL, err))
			return -1;
		st->slurm.job_id = j.job_id;
		snprintf(st->slurm.cluster, sizeof(st->slurm.cluster), "%s", j.cluster);
	}
	if (st->ended || run_slurm_final(st->slurm.state))
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0, _("Slurm job %lld has ended (%s)"),
		                  (long long)st->slurm.job_id,
		                  st->slurm.state[0] ? st->slurm.state : "state unknown");
	return 0;
}

int slurm_stop(const char *dir, struct cd_err *err)
{
	struct run_status st;

	if (open_job(dir, &st, err))
		return -1;
	/* the watcher cancels and records that it was asked */
	if (run_is_live(dir) && st.supervisor > 1 && kill(st.supervisor, SIGTERM) == 0)
		return 0;
	return job_cmd(dir, &st.slurm, "scancel", NULL, err);
}

/* Is the job held now?  1 yes, 0 no, -1 unknown.  Slurm 22.05's scontrol
 * hold/release on a job pending for PartitionConfig does what it was asked
 * and still fails with that reason's message, so the outcome is looked at
 * rather than the exit status believed. */
static int held_now(const struct run_slurm_state *sl)
{
	char id[32], *out = malloc(65536), errs[512];
	char *argv[] = {"scontrol", "show", "job", id, NULL};
	struct run_slurm_state o;
	int e, rc = -1;

	if (!out)
		return -1;
	snprintf(id, sizeof(id), "%lld", (long long)sl->job_id);
	memset(&o, 0, sizeof(o));
	if (slurm_exec_on(sl->cluster, argv, out, 65536, errs, sizeof(errs), CTL_TIMEOUT_MS, &e) ==
	            0 &&
	    slurm_parse_scontrol(out, &o) == 0)
		rc = !strncmp(o.reason, "JobHeld", 7);
	free(out);
	return rc;
}

static int hold(const char *dir, const struct run_slurm_state *sl, bool on, struct cd_err *err)
{
	struct cd_err e;

	if (job_cmd(dir, sl, "scontrol", on ? "hold" : "release", &e) == 0 ||
	    held_now(sl) == (on ? 1 : 0))
		return 0;
	if (err)
		*err = e;
	return -1;
}

int slurm_pause(const char *dir, bool suspend, struct cd_err *err)
{
	struct run_status st;

	if (open_job(dir, &st, err))
		return -1;
	if (!strcmp(st.slurm.state, "PENDING") || !st.slurm.state[0])
		return hold(dir, &st.slurm, true, err);
	if (!suspend)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0,
		                  _("Slurm job %lld is %s: Slurm pauses a running job only for an "
		                    "operator (scontrol suspend); stop it instead, or ask for a "
		                    "suspend explicitly"),
		                  (long long)st.slurm.job_id, st.slurm.state);
	return job_cmd(dir, &st.slurm, "scontrol", "suspend", err);
}

int slurm_resume(const char *dir, struct cd_err *err)
{
	struct run_status st;

	if (open_job(dir, &st, err))
		return -1;
	if (!strcmp(st.slurm.state, "SUSPENDED"))
		return job_cmd(dir, &st.slurm, "scontrol", "resume", err);
	return hold(dir, &st.slurm, false, err);
}

int slurm_resubmit(const char *dir, char *newdir, size_t size, struct cd_err *err)
{
	struct run_status st;
	struct run_slurm_job j;
	char *sbatch[RUN_SLURM_OPTS_MAX + 1];
	int64_t id;
	int rc;

	if (run_status_read(dir, &st, err))
		return -1;
	if (!st.ended && (run_is_live(dir) || !run_slurm_final(st.slurm.state)))
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0,
		                  _("Slurm job %lld has not ended: stop it first"),
		                  (long long)st.slurm.job_id);
	if (slurm_json_read(dir, &j, sbatch, err))
		return -1;
	rc = slurm_sbatch(dir, &id, j.cluster, sizeof(j.cluster), err);
	if (rc == 0) {
		if (j.njobs == RUN_SLURM_JOBS_MAX) { /* the oldest goes */
			memmove(j.jobs, j.jobs + 1, (RUN_SLURM_JOBS_MAX - 1) * sizeof(j.jobs[0]));
			j.njobs--;
		}
		j.jobs[j.njobs++] = id;
		j.job_id = id;
		j.submit_ms = run_now_ms();
		rc = slurm_json_write(dir, &j, (const char *const *)sbatch, err);
	}
	for (int i = 0; sbatch[i]; i++)
		free(sbatch[i]);
	if (rc)
		return -1;
	snprintf(newdir, size, "%s", dir);
	return run_spawn(dir, slurm_watch_main, NULL, err);
}

int run_adopt(const char *dir, struct cd_err *err)
{
	struct run_status st;
	struct cd_err e;

	if (!slurm_is_run(dir) || run_is_live(dir))
		return 0;
	if (run_status_read(dir, &st, err))
		return -1;
	if (st.ended)
		return 0;
	if (run_spawn(dir, slurm_watch_main, NULL, &e)) {
		/* someone else adopted it first: that is as good */
		if (run_is_live(dir))
			return 0;
		if (err)
			*err = e;
		return -1;
	}
	return 1;
}

int run_suspend(const char *dir, struct cd_err *err)
{
	if (slurm_is_run(dir))
		return slurm_pause(dir, true, err);
	return run_pause(dir, err);
}
