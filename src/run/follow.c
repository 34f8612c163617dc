/* follow.c — reading a run directory: open → load history → follow.
 *
 * The dashboard pane, `capdash attach`, `capdash runs` and the foreground
 * `capdash run` all read runs through struct run_view, so a live run and
 * one re-opened a week later are the same code path.  Appended files are
 * read from a remembered offset (a partial last line waits for the next
 * call); status is re-read when it changes.  inotify wakes the caller; where
 * it is missing the caller polls.  Never blocks, never writes.
 * What the view means at a given time is progress.c's.
 * Start at run_view_update().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

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
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory"));
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
double view_paused_at(const struct run_view *v, double t)
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
		accumulate(v, &r->mp, v->npts, r->t - view_paused_at(v, r->t));
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
			return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory"));
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
				return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0,
				                  _("out of memory"));
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
