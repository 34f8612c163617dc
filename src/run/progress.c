/* progress.c — what a reader knows about a run at a given time: steps,
 * ETA, stall, elapsed and active time, disk and supervisor health, and the
 * burn (priced by the model).  Pure over the view's accumulated state and
 * now_ms (injected by tests): no I/O.
 *
 * Time: a run that is live is measured up to now; one that ended up to its
 * end; one nobody supervises any more (lost) up to its last sign of life,
 * so that it stops costing.  Paused time counts toward neither the ETA nor
 * the stall rule: points carry their active time (follow.c), and now is
 * put on the same clock.
 * Slurm runs are timed and priced from the job's StartTime: pending is
 * free; GPUs and CPUs are those Slurm allocated (status's slurm object).
 * Start at run_view_progress().
 */
#include "run_int.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int64_t stall_rule(const int64_t *iv, size_t n, int64_t min_ms)
{
	int64_t s[IV_MAX], med;

	if (n == 0)
		return min_ms;
	if (n > IV_MAX) {
		iv += n - IV_MAX;
		n = IV_MAX;
	}
	memcpy(s, iv, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_i64);
	med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	return med * 10 > min_ms ? med * 10 : min_ms;
}

int64_t run_stall_after_ms(const int64_t *iv, size_t n)
{
	return stall_rule(iv, n, RUN_STALL_MIN_MS);
}

/* Steps, total and ETA.  active_now_ms is now in the run's active time
 * (Unix ms minus the time paused), the clock the points' active times are
 * on: a pause stops it, so the ETA stands still while the run is paused and
 * the pause does not slow the measured rate. */
static void fill_steps(const struct run_view *v, int64_t active_now_ms, struct run_progress *p)
{
	const struct run_point *last = NULL, *first = NULL;
	double last_at = 0, first_at = 0;
	enum run_state state = p->state;

	*p = v->acc; /* every field not set below is zero there */
	p->state = state;
	if (v->nstep) {
		size_t k = v->nstep < ETA_WINDOW ? v->nstep : ETA_WINDOW;
		size_t li = (v->nstep - 1) % ETA_WINDOW, fi = (v->nstep - k) % ETA_WINDOW;
		last = &v->pts[v->step_idx[li]];
		first = &v->pts[v->step_idx[fi]];
		last_at = v->step_active[li];
		first_at = v->step_active[fi];
	}
	if (!p->total && v->cmd.total_steps > 0)
		p->total = v->cmd.total_steps;
	p->eta_ms = -1;
	if (p->state == RUN_FINISHED)
		p->eta_ms = 0;
	else if (p->total > 0 && last && p->step >= p->total)
		p->eta_ms = 0;
	else if (p->total > 0 && last && first && last != first && last->mp.step > first->mp.step &&
	         (p->state == RUN_RUNNING || p->state == RUN_PAUSED || p->state == RUN_STOPPING)) {
		double ms_per_step =
		        (last_at - first_at) * 1000.0 / (double)(last->mp.step - first->mp.step);
		double eta = ms_per_step * (double)(p->total - p->step);
		/* Active time since the last point already counts toward the next. */
		eta -= (double)active_now_ms - last_at * 1000.0;
		p->eta_ms = eta > 0 && eta < 3e12 ? (int64_t)eta : eta > 0 ? -1 : 0;
	}
}

/* Unix ms of the last sign of life: the supervisor's heartbeat or its
 * newest record. */
static int64_t last_heard(const struct run_view *v)
{
	int64_t rec = (int64_t)(v->last_rec_t * 1000.0);

	return rec > v->st.heard_ms ? rec : v->st.heard_ms;
}

/* Paused time up to end_ms: from status (paused_ms, paused_since_ms) or,
 * when that says less (older files, dropped writes), from the records. */
static int64_t paused_until(const struct run_view *v, int64_t end_ms)
{
	const struct run_status *st = &v->st;
	int64_t by_status = st->paused_ms, by_rec;

	if (st->paused_since_ms > 0 && end_ms > st->paused_since_ms)
		by_status += end_ms - st->paused_since_ms;
	by_rec = (int64_t)(view_paused_at(v, (double)end_ms / 1000.0) * 1000.0);
	return by_status > by_rec ? by_status : by_rec;
}

void run_view_progress(const struct run_view *v, int64_t now_ms, struct run_progress *p)
{
	const struct run_status *st = &v->st;
	const struct run_slurm_state *sl = &st->slurm;
	struct burn_usage u;
	int ngpu = run_view_gpus(v, NULL);
	int64_t end, paused, active_now, heard = last_heard(v), start = st->start_ms;
	bool live, slurm = sl->job_id != 0;

	p->state = run_view_state(v);
	live = v->live && !st->ended;
	/* A Slurm job's clock (and its bill) starts when it starts running:
	 * time in the queue is free. */
	if (slurm)
		start = sl->start_ms;
	/* A run nobody supervises any more is priced and timed up to its
	 * last sign of life, never up to now. */
	if (st->ended || (slurm && sl->end_ms && run_slurm_final(sl->state)))
		end = slurm && sl->end_ms ? sl->end_ms : st->end_ms;
	else if (live)
		end = now_ms;
	else
		end = heard > start ? heard : start;
	if (slurm && !start)
		end = 0;
	paused = start ? paused_until(v, end) : 0;
	active_now = end - paused;
	fill_steps(v, active_now, p); /* first: it starts from the accumulated figures */
	p->elapsed_ms = start && end > start ? end - start : 0;
	p->active_ms = p->elapsed_ms > paused ? p->elapsed_ms - paused : 0;

	p->stall_after_ms = stall_rule(v->iv, v->niv, v->stall_min_ms);
	if (v->npts)
		p->quiet_ms = (int64_t)((double)active_now - v->last_active * 1000.0);
	else
		p->quiet_ms = p->active_ms;
	if (p->quiet_ms < 0)
		p->quiet_ms = 0;
	p->stalled = p->state == RUN_RUNNING && p->quiet_ms > p->stall_after_ms;

	p->disk_full = st->disk_full_ms != 0;
	p->disk_full_since_ms = st->disk_full_ms;
	p->dropped_bytes = st->dropped_bytes;
	p->last_heard_ms = heard;
	p->child_alive = p->state == RUN_LOST ? v->child_alive : -1;

	p->slurm = slurm;
	p->slurm_left_ms = -1;
	if (slurm && sl->time_limit_ms > 0 && start && live &&
	    (p->state == RUN_RUNNING || p->state == RUN_PAUSED) && !run_slurm_final(sl->state))
		p->slurm_left_ms =
		        start + sl->time_limit_ms > now_ms ? start + sl->time_limit_ms - now_ms : 0;
	if (v->pr_set) {
		p->gpus = v->pr_gpus;
		p->gpu_source = v->pr_src;
	} else if (slurm && sl->gpus >= 0) {
		p->gpus = sl->gpus; /* what Slurm allocated (or, pending, what was asked) */
		p->gpu_source = RUN_GPUS_SLURM;
	} else if (v->cmd.gpus >= 0) {
		p->gpus = v->cmd.gpus;
		p->gpu_source = v->cmd.gpu_source;
	} else {
		p->gpus = ngpu;
		p->gpu_source = RUN_GPUS_DETECTED;
	}

	memset(&u, 0, sizeof(u));
	u.gpus = p->gpus;
	u.elapsed_ms = p->elapsed_ms;
	u.eta_ms = p->eta_ms;
	u.paused = p->state == RUN_PAUSED;
	u.cpu_ms = v->cpu.cpu_ms;
	if (live && v->cpu.cpu_pct > 0)
		u.cpu_millicores = (int64_t)(v->cpu.cpu_pct * 10.0 + 0.5);
	if (slurm) {
		/* the allocated cores are billed whether busy or not */
		int64_t cpus = sl->cpus > 0 ? sl->cpus : 0;
		u.cpu_ms = cpus * p->elapsed_ms;
		u.cpu_millicores = live && p->state == RUN_RUNNING ? cpus * 1000 : 0;
		ngpu = 0; /* no telemetry from the nodes */
	}
	for (int i = 0; i < ngpu; i++) {
		const struct run_gpu *g = &v->gpus[i];
		/* the counter restarts when the driver reloads: count from there */
		if ((g->has & RUN_GPU_ENERGY) && g->energy_mj >= v->energy0[i]) {
			u.has_energy = true;
			u.energy_mj += (int64_t)(g->energy_mj - v->energy0[i]);
		}
		if ((g->has & RUN_GPU_POWER) && live) {
			u.has_power = true;
			u.power_mw += g->power_mw;
		}
	}
	p->burn_ok = burn_eval(&v->cmd.prices, &u, &p->burn, NULL) == 0;
}
