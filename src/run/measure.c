/* measure.c — how fast a run goes, for the forecast: the throughputs of its
 * newest progress points, the epochs it reported and the GPUs its telemetry
 * saw (run_measure_read, run_measure_view).
 *
 * run_measure_read must stay cheap on a run with a million points: it reads
 * metrics.jsonl backwards in blocks from the end and parses lines newest
 * first, stopping as soon as it has FORECAST_WINDOW points with a throughput
 * and the newest CPU/GPU sample (the supervisor writes a sample as one cpu
 * record followed by one gpu record per GPU), and never looks further back
 * than RUN_MEASURE_TAIL_MAX bytes.  Lines longer than LINE_MAX are not
 * metrics records and are skipped without being buffered.  Must not write,
 * and must not compute money (the model's forecast does).
 * Start at run_measure_read().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK 65536
#define LINE_MAX 16384      /* records are well under 1 KiB; longer is garbage */
#define VIEW_SCAN_MAX 65536 /* points run_measure_view looks back over, at most */

/* What has been found so far, newest first. */
struct macc {
	double rates[FORECAST_WINDOW]; /* newest first */
	int n;
	enum forecast_unit unit;
	bool unit_set;
	int64_t epochs;
	bool gpu_seen[RUN_GPU_MAX];
	bool telemetry_done;
	bool gpu_in_run; /* the record just before (newer) was a gpu record */
};

static enum forecast_unit unit_of(enum metric_rate_unit u)
{
	switch (u) {
	case RATE_SAMPLES:
		return FORECAST_SAMPLES;
	case RATE_TOKENS:
		return FORECAST_TOKENS;
	case RATE_ITERS:
		return FORECAST_ITERS;
	default:
		return FORECAST_UNIT_NONE;
	}
}

/* One point, newer points first.  The newest point with a throughput sets
 * the unit; older ones in another unit are passed over, so that a run that
 * switched from it/s to samples/s is not measured as a mix of both. */
static void take_point(struct macc *a, const struct metric_point *mp)
{
	if ((mp->has & MP_EPOCHS) && !a->epochs && mp->epochs > 0)
		a->epochs = mp->epochs;
	if (!(mp->has & MP_THROUGHPUT) || !isfinite(mp->throughput) || mp->throughput < 0 ||
	    a->n == FORECAST_WINDOW)
		return;
	if (!a->unit_set) {
		a->unit = unit_of(mp->rate_unit);
		a->unit_set = true;
	} else if (unit_of(mp->rate_unit) != a->unit) {
		return;
	}
	a->rates[a->n++] = mp->throughput;
}

static void take_record(struct macc *a, const struct run_record *r)
{
	bool gpu = r->type == REC_GPU;

	switch (r->type) {
	case REC_POINT:
		take_point(a, &r->mp);
		break;
	case REC_GPU:
		if (r->gpu.index >= 0 && r->gpu.index < RUN_GPU_MAX && !a->telemetry_done)
			a->gpu_seen[r->gpu.index] = true;
		break;
	case REC_CPU:
	case REC_NOGPU:
		/* the cpu record opens a sample: its gpu records, newer, are in */
		a->telemetry_done = true;
		break;
	default:
		break;
	}
	/* No cpu record (the group had gone): a run of gpu records is the sample. */
	if (!gpu && a->gpu_in_run)
		a->telemetry_done = true;
	a->gpu_in_run = gpu;
}

static void finish(const struct macc *a, struct run_measure *m)
{
	m->n = a->n;
	for (int i = 0; i < a->n; i++)
		m->rates[i] = a->rates[a->n - 1 - i];
	m->unit = a->unit;
	m->epochs = a->epochs;
	m->gpus = 0;
	for (int i = 0; i < RUN_GPU_MAX; i++)
		m->gpus += a->gpu_seen[i];
	m->devices = m->gpus ? m->gpus : 1;
}

static void take_line(struct macc *a, const char *s, size_t len)
{
	struct run_record r;

	/* a garbled line (a torn write) is skipped, as follow.c does */
	if (len && metrics_parse(s, len, &r) == 0)
		take_record(a, &r);
}

int run_measure_read(const char *dir, struct run_measure *m, struct cd_err *err)
{
	char path[RUN_PATH_MAX], blk[BLOCK], line[LINE_MAX];
	struct macc a;
	struct stat sb;
	off_t pos, stop;
	size_t ls = LINE_MAX; /* line holds line[ls..LINE_MAX) */
	bool too_long = false;
	int fd;

	memset(m, 0, sizeof(*m));
	memset(&a, 0, sizeof(a));
	m->devices = 1;
	if (rundir_path(path, sizeof(path), dir, RUN_F_METRICS))
		return cd_err_set(err, CD_ERR_IO, dir, 0, 0, _("run directory path too long"));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0; /* no point yet */
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(errno));
	}
	if (fstat(fd, &sb)) {
		int e = errno;
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(e));
	}
	m->file_size = sb.st_size;
	pos = sb.st_size;
	stop = pos > RUN_MEASURE_TAIL_MAX ? pos - RUN_MEASURE_TAIL_MAX : 0;
	while (pos > stop && !(a.n == FORECAST_WINDOW && a.telemetry_done)) {
		size_t want = (size_t)(pos - stop < BLOCK ? pos - stop : BLOCK);
		ssize_t got = pread(fd, blk, want, pos - (off_t)want);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			int e = got < 0 ? errno : EIO;
			close(fd);
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(e));
		}
		/* a short read of a regular file: take what came, from its end */
		pos -= got;
		m->bytes_read += got;
		for (ssize_t i = got - 1; i >= 0; i--) {
			if (blk[i] != '\n') {
				if (ls == 0)
					too_long = true;
				else
					line[--ls] = blk[i];
				continue;
			}
			if (!too_long)
				take_line(&a, line + ls, LINE_MAX - ls);
			ls = LINE_MAX;
			too_long = false;
			if (a.n == FORECAST_WINDOW && a.telemetry_done)
				break;
		}
	}
	/* The file's first line has no newline before it; a line cut by the
	 * byte limit is not whole and is left alone. */
	if (pos == 0 && !too_long && !(a.n == FORECAST_WINDOW && a.telemetry_done))
		take_line(&a, line + ls, LINE_MAX - ls);
	close(fd);
	finish(&a, m);
	return 0;
}

void run_measure_view(const struct run_view *v, struct run_measure *m)
{
	const struct run_point *pts;
	size_t n = run_view_points(v, &pts);
	struct macc a;

	memset(m, 0, sizeof(*m));
	memset(&a, 0, sizeof(a));
	/* Called per frame: a run whose points stopped carrying a throughput
	 * is looked at only so far back, as the file reader's byte limit does. */
	for (size_t i = n; i-- > 0 && a.n < FORECAST_WINDOW && n - i <= VIEW_SCAN_MAX;)
		take_point(&a, &pts[i].mp);
	finish(&a, m);
	/* the view keeps the newest epochs reported, however far back */
	m->epochs = v->acc.epochs > 0 ? v->acc.epochs : 0;
	m->gpus = run_view_gpus(v, NULL);
	m->devices = m->gpus ? m->gpus : 1;
}
