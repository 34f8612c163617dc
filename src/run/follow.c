/* follow.c — reading a run directory: open → load history → follow.
 *
 * The dashboard pane, `capdash attach`, `capdash runs` and the foreground
 * `capdash run` all read runs through struct run_view, so a live run and
 * one re-opened a week later are the same code path.  Appended files are
 * read from a remembered offset (a partial last line waits for the next
 * call); status is re-read when it changes.  inotify wakes the caller; where
 * it is missing the caller polls.  Never blocks, never writes.
 * Start at run_view_update(), then run_view_progress().
 */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAIL_MAX 64
#define TAIL_START_BYTES 65536 /* history of output.log shown on open */
#define IV_MAX 64              /* intervals kept for the stall rule */
#define ETA_WINDOW 20          /* points the rate is measured over */

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

/* The stall rule's floor: 60 s, or CAPDASH_STALL_MIN_MS (1 ms to 1 hour)
 * so that tests can see a stall without waiting a minute. */
static int64_t stall_min_env(void)
{
	const char *e = getenv("CAPDASH_STALL_MIN_MS");
	char *end;
	long long ms;

	if (!e || !*e)
		return RUN_STALL_MIN_MS;
	ms = strtoll(e, &end, 10);
	return *end || ms < 1 || ms > 3600000 ? RUN_STALL_MIN_MS : (int64_t)ms;
}

struct run_view *run_view_open(const char *dir, struct cd_err *err)
{
	struct run_view *v = calloc(1, sizeof(*v));
	const char *slash;

	if (!v) {
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	v->met_fd = v->log_fd = v->ino_fd = -1;
	v->child_alive = -1;
	snprintf(v->dir, sizeof(v->dir), "%s", dir);
	slash = strrchr(v->dir, '/');
	slash = slash && slash[1] ? slash + 1 : v->dir;
	/* ids are short; a longer name is cut rather than refused */
	memcpy(v->id, slash, strnlen(slash, sizeof(v->id) - 1));
	if (runcmd_read(dir, &v->cmd, err)) {
		free(v);
		return NULL;
	}
	run_argv_display(v->cmd.argv, v->cmdline, sizeof(v->cmdline));
	logline_init(&v->ll);
	v->stall_min_ms = stall_min_env();
	/* CAPDASH_NO_INOTIFY=1 takes the poll path, as on systems without it
	 * (and so the tests can cover it). */
	v->ino_fd = getenv("CAPDASH_NO_INOTIFY") ? -1 : inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (v->ino_fd >= 0 &&
	    inotify_add_watch(v->ino_fd, dir,
	                      IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
		close(v->ino_fd);
		v->ino_fd = -1;
	}
	return v;
}

void run_view_free(struct run_view *v)
{
	if (!v)
		return;
	if (v->ino_fd >= 0)
		close(v->ino_fd);
	if (v->met_fd >= 0)
		close(v->met_fd);
	if (v->log_fd >= 0)
		close(v->log_fd);
	for (size_t i = 0; i < v->ntail; i++)
		free(v->tail[i]);
	runcmd_done(&v->cmd);
	free(v->part);
	free(v->pts);
	free(v);
}

int run_view_fd(const struct run_view *v)
{
	return v->ino_fd;
}

int run_view_poll_ms(const struct run_view *v)
{
	return v->ino_fd >= 0 ? 1000 : 250;
}

static int open_in(struct run_view *v, const char *file)
{
	char path[RUN_PATH_MAX];

	if (rundir_path(path, sizeof(path), v->dir, file))
		return -1;
	return open(path, O_RDONLY | O_CLOEXEC);
}

static void add_interval(struct run_view *v, double dt)
{
	if (dt <= 0 || dt > 1e7)
		return;
	if (v->niv == IV_MAX) {
		memmove(v->iv, v->iv + 1, (IV_MAX - 1) * sizeof(v->iv[0]));
		v->niv--;
	}
	v->iv[v->niv++] = (int64_t)(dt * 1000.0);
}

static void accumulate(struct run_view *v, const struct metric_point *mp, size_t idx, double active)
{
	struct run_progress *a = &v->acc;

	v->last_active = active;
	if (mp->has & MP_STEP) {
		a->has_step = true;
		a->step = mp->step;
		v->step_active[v->nstep % ETA_WINDOW] = active;
		v->step_idx[v->nstep++ % ETA_WINDOW] = idx;
	}
	if (mp->has & MP_TOTAL)
		a->total = mp->total;
	if (mp->has & MP_EPOCH)
		a->epoch = mp->epoch;
	if (mp->has & MP_EPOCHS)
		a->epochs = mp->epochs;
	if (mp->has & MP_LOSS) {
		a->has_loss = true;
		a->loss = mp->loss;
		if (isfinite(mp->loss) && (!v->best_set || mp->loss < a->best_loss)) {
			a->best_loss = mp->loss;
			v->best_set = true;
		} else if (!v->best_set) {
			a->best_loss = mp->loss; /* nan until a finite loss comes */
		}
	}
	if (mp->has & MP_VAL_LOSS) {
		a->has_val_loss = true;
		a->val_loss = mp->val_loss;
		if (isfinite(mp->val_loss) &&
		    (!v->best_val_set || mp->val_loss < a->best_val_loss)) {
			a->best_val_loss = mp->val_loss;
			v->best_val_set = true;
		} else if (!v->best_val_set) {
			a->best_val_loss = mp->val_loss;
		}
	}
	if (mp->has & MP_THROUGHPUT) {
		a->has_throughput = true;
		a->throughput = mp->throughput;
		a->rate_unit = mp->rate_unit;
	}
}

/* Paused time before t (Unix s), as the state records tell it. */
static double rec_paused_at(const struct run_view *v, double t)
{
	double p = v->rec_paused_total;

	if (v->rec_paused_since > 0 && t > v->rec_paused_since)
		p += t - v->rec_paused_since;
	return p;
}

static int add_record(struct run_view *v, const struct run_record *r)
{
	if (r->t > v->last_rec_t)
		v->last_rec_t = r->t;
	switch (r->type) {
	case REC_STATE:
		if (!strcmp(r->text, "paused") && v->rec_paused_since <= 0) {
			v->rec_paused_since = r->t;
		} else if (!strcmp(r->text, "running") && v->rec_paused_since > 0) {
			if (r->t > v->rec_paused_since)
				v->rec_paused_total += r->t - v->rec_paused_since;
			v->rec_paused_since = 0;
		}
		break;
	case REC_POINT:
		if (v->npts == v->cap) {
			size_t nc = v->cap ? v->cap * 2 : 256;
			struct run_point *np = realloc(v->pts, nc * sizeof(*np));
			if (!np)
				return -1;
			v->pts = np;
			v->cap = nc;
		}
		if (v->npts)
			add_interval(v, r->t - v->pts[v->npts - 1].t);
		v->pts[v->npts].t = r->t;
		v->pts[v->npts].mp = r->mp;
		accumulate(v, &r->mp, v->npts, r->t - rec_paused_at(v, r->t));
		v->npts++;
		v->chg |= RUN_CHG_POINTS;
		break;
	case REC_CPU:
		v->cpu = r->cpu;
		v->chg |= RUN_CHG_SAMPLES;
		break;
	case REC_GPU:
		if (r->gpu.index >= 0 && r->gpu.index < RUN_GPU_MAX) {
			int i = r->gpu.index;
			if (!v->seen_gpu[i] && (r->gpu.has & RUN_GPU_ENERGY))
				v->energy0[i] = r->gpu.energy_mj;
			v->seen_gpu[i] = true;
			v->gpus[i] = r->gpu;
			v->chg |= RUN_CHG_SAMPLES;
		}
		break;
	case REC_NOGPU:
		snprintf(v->nogpu, sizeof(v->nogpu), "%s", r->text);
		v->chg |= RUN_CHG_SAMPLES;
		break;
	default:
		break;
	}
	return 0;
}

/* Append n bytes to the held partial line (a read ended mid-line). */
static int part_append(struct run_view *v, const char *s, size_t n, struct cd_err *err)
{
	size_t need = v->plen + n;

	if (need > v->pcap) {
		char *np = realloc(v->part, need);
		if (!np)
			return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
		v->part = np;
		v->pcap = need;
	}
	memcpy(v->part + v->plen, s, n);
	v->plen = need;
	return 0;
}

static int read_metrics(struct run_view *v, struct cd_err *err)
{
	char buf[65536];
	ssize_t n;

	if (v->met_fd < 0 && (v->met_fd = open_in(v, RUN_F_METRICS)) < 0)
		return 0; /* not created yet */
	while ((n = read(v->met_fd, buf, sizeof(buf))) > 0) {
		size_t start = 0;
		for (size_t i = 0; i < (size_t)n; i++) {
			struct run_record r;
			const char *line;
			size_t len;
			if (buf[i] != '\n')
				continue;
			if (v->plen) {
				if (part_append(v, buf + start, i - start, err))
					return -1;
				line = v->part;
				len = v->plen;
				v->plen = 0;
			} else {
				line = buf + start;
				len = i - start;
			}
			/* A garbled line (disk full mid-write) is skipped, not fatal. */
			if (metrics_parse(line, len, &r) == 0 && add_record(v, &r))
				return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "out of memory");
			start = i + 1;
		}
		if (start < (size_t)n && part_append(v, buf + start, (size_t)n - start, err))
			return -1;
	}
	return 0;
}

static void tail_cb(const char *line, size_t len, bool final, void *ctx)
{
	struct run_view *v = ctx;
	char *s = malloc(len + 1);

	if (!s)
		return;
	memcpy(s, line, len);
	s[log_sanitize(s, len)] = '\0';
	/* A bar redrawn with \r replaces itself instead of filling the tail. */
	if (v->tail_open && v->ntail) {
		free(v->tail[v->ntail - 1]);
		v->ntail--;
	}
	if (v->ntail == TAIL_MAX) {
		free(v->tail[0]);
		memmove(v->tail, v->tail + 1, (TAIL_MAX - 1) * sizeof(v->tail[0]));
		v->ntail--;
	}
	v->tail[v->ntail++] = s;
	v->tail_open = !final;
	v->chg |= RUN_CHG_OUTPUT;
}

static void read_output(struct run_view *v)
{
	char buf[65536];
	ssize_t n;

	if (v->log_fd < 0 && (v->log_fd = open_in(v, RUN_F_OUTPUT)) < 0)
		return;
	if (!v->log_started) {
		struct stat sb;
		v->log_started = true;
		/* Only the end of a long log is shown; skip to a line start. */
		if (fstat(v->log_fd, &sb) == 0 && sb.st_size > TAIL_START_BYTES) {
			lseek(v->log_fd, sb.st_size - TAIL_START_BYTES, SEEK_SET);
			while ((n = read(v->log_fd, buf, 1)) == 1 && buf[0] != '\n')
				;
		}
	}
	while ((n = read(v->log_fd, buf, sizeof(buf))) > 0)
		logline_feed(&v->ll, buf, (size_t)n, tail_cb, v);
}

/* true when path's inode or mtime differ from what was last read (and
 * remembers the new ones); false when unchanged or missing. */
static bool changed(const char *dir, const char *file, ino_t *ino, struct timespec *mt,
                    struct stat *sb)
{
	char path[RUN_PATH_MAX];

	if (rundir_path(path, sizeof(path), dir, file) || stat(path, sb))
		return false;
	return sb->st_ino != *ino || sb->st_mtim.tv_sec != mt->tv_sec ||
	       sb->st_mtim.tv_nsec != mt->tv_nsec;
}

static void read_pricing(struct run_view *v)
{
	struct stat sb;
	int64_t n;
	enum run_gpu_source src;

	if (!changed(v->dir, RUN_F_PRICING, &v->pr_ino, &v->pr_mt, &sb))
		return;
	/* a file being replaced is read again next time */
	if (runcmd_read_pricing(v->dir, &n, &src) != 0)
		return;
	v->pr_ino = sb.st_ino;
	v->pr_mt = sb.st_mtim;
	v->pr_set = true;
	v->pr_gpus = n;
	v->pr_src = src;
	v->chg |= RUN_CHG_STATUS;
}

static int read_status(struct run_view *v, struct cd_err *err)
{
	struct stat sb;
	struct run_status st;
	struct cd_err e;
	bool live = run_is_live(v->dir);

	if (live != v->live)
		v->chg |= RUN_CHG_STATUS;
	v->live = live;
	read_pricing(v);
	if (changed(v->dir, RUN_F_STATUS, &v->st_ino, &v->st_mt, &sb)) {
		if (run_status_read(v->dir, &st, &e)) {
			/* Overwritten in place on a full disk (status.c): keep the
			 * last good copy and read it again on the next update. */
			if (e.code == CD_ERR_SYNTAX)
				return 0;
			if (err)
				*err = e;
			return -1;
		}
		v->st = st;
		v->st_ino = sb.st_ino;
		v->st_mt = sb.st_mtim;
		v->chg |= RUN_CHG_STATUS;
	}
	v->child_alive = run_state_of(&v->st, v->live) == RUN_LOST ? run_child_alive(&v->st) : -1;
	return 0;
}

int run_view_update(struct run_view *v, struct cd_err *err)
{
	char ev[4096];

	if (v->ino_fd >= 0)
		while (read(v->ino_fd, ev, sizeof(ev)) > 0)
			;
	v->chg = 0;
	/* Status before data: a run seen as ended has all its data written. */
	if (read_status(v, err) || read_metrics(v, err))
		return -1;
	read_output(v);
	return (int)v->chg;
}

const char *run_view_dir(const struct run_view *v)
{
	return v->dir;
}
const char *run_view_id(const struct run_view *v)
{
	return v->id;
}
const char *run_view_command(const struct run_view *v)
{
	return v->cmdline;
}
const struct run_status *run_view_status(const struct run_view *v)
{
	return &v->st;
}
const struct burn_prices *run_view_prices(const struct run_view *v)
{
	return &v->cmd.prices;
}
const struct run_cpu *run_view_cpu(const struct run_view *v)
{
	return &v->cpu;
}
const char *run_view_nogpu(const struct run_view *v)
{
	return v->nogpu[0] ? v->nogpu : NULL;
}

enum run_state run_view_state(const struct run_view *v)
{
	return run_state_of(&v->st, v->live);
}

size_t run_view_points(const struct run_view *v, const struct run_point **pts)
{
	*pts = v->pts;
	return v->npts;
}

int run_view_gpus(const struct run_view *v, const struct run_gpu **gpus)
{
	int n = 0;

	/* Indices are dense from 0 in what the supervisor writes. */
	while (n < RUN_GPU_MAX && v->seen_gpu[n])
		n++;
	if (gpus)
		*gpus = v->gpus;
	return n;
}

size_t run_view_tail(const struct run_view *v, const char **lines, size_t n)
{
	size_t k = n < v->ntail ? n : v->ntail;

	for (size_t i = 0; i < k; i++)
		lines[i] = v->tail[v->ntail - k + i];
	return k;
}

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
	by_rec = (int64_t)(rec_paused_at(v, (double)end_ms / 1000.0) * 1000.0);
	return by_status > by_rec ? by_status : by_rec;
}

void run_view_progress(const struct run_view *v, int64_t now_ms, struct run_progress *p)
{
	const struct run_status *st = &v->st;
	struct burn_usage u;
	int ngpu = run_view_gpus(v, NULL);
	int64_t end, paused, active_now, heard = last_heard(v);
	bool live;

	p->state = run_view_state(v);
	live = v->live && !st->ended;
	/* A run nobody supervises any more is priced and timed up to its
	 * last sign of life, never up to now. */
	if (st->ended)
		end = st->end_ms;
	else if (live)
		end = now_ms;
	else
		end = heard > st->start_ms ? heard : st->start_ms;
	paused = st->start_ms ? paused_until(v, end) : 0;
	active_now = end - paused;
	fill_steps(v, active_now, p); /* first: it starts from the accumulated figures */
	p->elapsed_ms = st->start_ms && end > st->start_ms ? end - st->start_ms : 0;
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

	if (v->pr_set) {
		p->gpus = v->pr_gpus;
		p->gpu_source = v->pr_src;
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
