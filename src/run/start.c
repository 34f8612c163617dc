/* start.c — the caller's side of starting a run: a spec from a scenario,
 * the run directory and its `command` file, and the double fork that leaves
 * a supervisor (supervisor.c) running in a session of its own; for
 * --on slurm the job's submission (slurm_job.c) and its watcher
 * (slurm_watch.c) instead.
 *
 * Must not: touch the caller's signal dispositions, fds or process group
 * beyond the fork itself, or leave a zombie.  Start at run_start().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* run.on: slurm and its options; the strings stay the scenario's. */
static void slurm_from_scenario(struct run_slurm_spec *s, const struct scenario_run *r)
{
	/* out of int's range is out of run_slurm_check's too: it says so */
	s->on = true;
	s->nodes = r->nodes > INT_MAX ? INT_MAX : (int)r->nodes;
	s->gpus_per_node = r->gpus_per_node > INT_MAX ? INT_MAX : (int)r->gpus_per_node;
	s->cpus_per_task = r->cpus_per_task > INT_MAX ? INT_MAX : (int)r->cpus_per_task;
	s->partition = r->partition[0] ? r->partition : NULL;
	s->time = r->time[0] ? r->time : NULL;
	s->sbatch = (const char *const *)r->sbatch;
}

void run_spec_init(struct run_spec *spec, const struct scenario *sc)
{
	memset(spec, 0, sizeof(*spec));
	spec->gpus = -1;
	spec->prices.override_hourly = -1;
	spec->prices.amortization_hours = 26280;
	if (!sc)
		return;
	spec->prices.mode = sc->burn.gpu_mode == SCENARIO_GPU_BUY ? BURN_BUY : BURN_RENT;
	spec->prices.gpu_hourly = sc->in.gpu_hourly_cost; /* both micro-dollars */
	spec->prices.gpu_unit_cost = burn_micro_from_cents(sc->in.gpu_unit_cost);
	if (sc->burn.amortization_hours > 0)
		spec->prices.amortization_hours = sc->burn.amortization_hours;
	spec->prices.energy_kwh = sc->burn.energy_cost_kwh;
	spec->prices.cpu_core_hourly = sc->burn.cpu_core_hourly_cost;
	for (int i = 0; i < sc->in.nroles; i++)
		spec->prices.team_monthly += burn_micro_from_cents(sc->in.roles[i].count *
		                                                   sc->in.roles[i].monthly_salary);
	if (sc->run.present) {
		if (sc->run.gpus_set) {
			spec->gpus = sc->run.gpus;
			spec->gpu_source = RUN_GPUS_PLAN;
		}
		if (sc->run.total_steps_set)
			spec->total_steps = sc->run.total_steps;
		if (sc->run.cost_set)
			spec->prices.override_hourly = sc->run.cost_per_hour;
		if (sc->run.slurm)
			slurm_from_scenario(&spec->slurm, &sc->run);
		spec->rank = (int)sc->run.rank; /* loaded within 0..RUN_RANK_MAX */
	}
}

int run_spawn(const char *dir, void (*fn)(const char *, const void *, int), const void *arg,
              struct cd_err *err)
{
	int rp[2], ws;
	sigset_t all, old;
	pid_t p;
	char msg[256];
	ssize_t n;
	struct pollfd pf;

	if (pipe2(rp, O_CLOEXEC))
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, _("pipe: %s"), strerror(errno));
	/* No handler of the caller's may run in a child between fork and
	 * setting up its own. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	p = fork();
	if (p == 0) {
		close(rp[0]);
		if (setsid() < 0)
			_exit(1);
		p = fork();
		if (p != 0)
			_exit(p < 0 ? 1 : 0);
		fn(dir, arg, rp[1]);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(rp[1]);
	if (p < 0) {
		close(rp[0]);
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, _("fork: %s"), strerror(errno));
	}
	while (waitpid(p, &ws, 0) < 0 && errno == EINTR)
		;
	pf.fd = rp[0];
	pf.events = POLLIN;
	n = 0;
	if (poll(&pf, 1, 30000) > 0)
		n = read(rp[0], msg, sizeof(msg) - 1);
	close(rp[0]);
	if (n > 0 && msg[0] == 'R')
		return 0;
	msg[n > 0 ? n : 0] = '\0';
	return cd_err_set(err, CD_ERR_IO, dir, 0, 0, _("the supervisor did not start%s%s"),
	                  n > 1 ? ": " : "", n > 1 ? msg + 1 : "");
}

/* A run directory that never got a job is taken away again, so that a
 * refused sbatch leaves nothing in `capdash runs`. */
static void unmake(const char *dir)
{
	static const char *const files[] = {RUN_F_COMMAND, RUN_F_JOB, RUN_F_SLURM};
	char path[RUN_PATH_MAX];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (rundir_path(path, sizeof(path), dir, files[i]) == 0)
			unlink(path);
	rmdir(dir);
}

/* --on slurm: the directory, `command` (prices, argv), job.sh, sbatch,
 * slurm.json, then the watcher instead of a supervisor. */
static int start_slurm(const struct run_spec *spec, struct run_command *c, const char *root,
                       char *dir, size_t size, struct cd_err *err)
{
	struct run_slurm_job job;

	if (run_slurm_check(&spec->slurm, err))
		return -1;
	/* priced by what Slurm allocates; until then by what was asked */
	if (spec->gpus < 0) {
		int n = spec->slurm.nodes > 0 ? spec->slurm.nodes : 1;
		c->gpus = (int64_t)n * spec->slurm.gpus_per_node;
		c->gpu_source = RUN_GPUS_SLURM;
	}
	c->pty = false;
	if (rundir_create(root, c->name, run_now_ms(), dir, size, err) || runcmd_write(dir, c, err))
		return -1;
	if (slurm_submit(dir, c->argv, c->cwd, c->name, &spec->slurm, &job, err)) {
		unmake(dir);
		return -1;
	}
	return run_spawn(dir, slurm_watch_main, NULL, err);
}

int run_start(const struct run_spec *spec, char *dir, size_t size, struct cd_err *err)
{
	char root[RUN_PATH_MAX], abs[PATH_MAX];
	struct run_command c;
	const char *base;

	if (!spec->argv || !spec->argv[0] || !spec->argv[0][0])
		return cd_err_set(err, CD_ERR_USAGE, NULL, 0, 0, _("no command to run"));
	memset(&c, 0, sizeof(c));
	c.argv = (char **)spec->argv;
	while (c.argv[c.argc])
		c.argc++;
	if (spec->cwd)
		snprintf(c.cwd, sizeof(c.cwd), "%s", spec->cwd);
	else if (!getcwd(c.cwd, sizeof(c.cwd)))
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, _("getcwd: %s"), strerror(errno));
	base = strrchr(spec->argv[0], '/');
	snprintf(c.name, sizeof(c.name), "%s",
	         spec->name && spec->name[0] ? spec->name
	         : base                      ? base + 1
	                                     : spec->argv[0]);
	c.pty = spec->pty;
	c.total_steps = spec->total_steps;
	c.gpus = spec->gpus;
	c.gpu_source = spec->gpus < 0 ? RUN_GPUS_DETECTED : spec->gpu_source;
	c.grace_ms = spec->grace_ms > 0 ? spec->grace_ms : RUN_GRACE_MS_DEFAULT;
	c.sample_ms = spec->sample_ms > 0 ? spec->sample_ms : RUN_SAMPLE_MS_DEFAULT;
	c.prices = spec->prices;
	c.rank = spec->rank;
	if (spec->root)
		snprintf(root, sizeof(root), "%s", spec->root);
	else if (run_root(root, sizeof(root), err))
		return -1;
	/* The supervisor outlives our cwd; give it an absolute path. */
	if (!realpath(root, abs))
		return cd_err_set(err, CD_ERR_IO, root, 0, 0, "%s", strerror(errno));
	if (spec->slurm.on)
		return start_slurm(spec, &c, abs, dir, size, err);
	if (rundir_create(abs, c.name, run_now_ms(), dir, size, err) || runcmd_write(dir, &c, err))
		return -1;
	return run_spawn(dir, supervisor_main, &c, err);
}

int run_restart(const char *dir, char *newdir, size_t size, struct cd_err *err)
{
	struct run_command c;
	struct run_spec spec;
	char root[RUN_PATH_MAX], *slash;
	int rc;

	if (access(dir, F_OK) == 0 && slurm_is_run(dir))
		return slurm_resubmit(dir, newdir, size, err);
	if (runcmd_read(dir, &c, err))
		return -1;
	snprintf(root, sizeof(root), "%s", dir);
	if ((slash = strrchr(root, '/')))
		*slash = '\0';
	memset(&spec, 0, sizeof(spec));
	spec.argv = c.argv;
	spec.name = c.name;
	spec.cwd = c.cwd;
	spec.root = slash ? root : NULL;
	spec.pty = c.pty;
	spec.total_steps = c.total_steps;
	spec.gpus = c.gpus;
	spec.gpu_source = c.gpu_source;
	/* a count set after start (the plan's, say) is what the person chose */
	if (runcmd_read_pricing(dir, &spec.gpus, &spec.gpu_source) < 0) {
		runcmd_done(&c);
		return cd_err_set(err, CD_ERR_SYNTAX, dir, 0, 0, _("pricing: unreadable"));
	}
	spec.grace_ms = c.grace_ms;
	spec.sample_ms = c.sample_ms;
	spec.prices = c.prices;
	spec.rank = c.rank;
	rc = run_start(&spec, newdir, size, err);
	runcmd_done(&c);
	return rc;
}
