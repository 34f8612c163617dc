/* slurm_cache.c — one squeue for every Slurm run being watched.
 *
 * Each watcher needs its job's state every poll interval; twenty watchers
 * each running squeue would cost twenty squeue processes (and twenty RPCs
 * to slurmctld) per interval.  Instead the answer of one
 * `squeue -h -t all -u UID -o FORMAT` is kept in ROOT/.slurm-squeue with
 * the time it was asked, and whichever watcher finds it older than its
 * interval takes ROOT/.slurm-squeue.lock (flock, never waiting: if someone
 * holds it, they are asking), asks again and replaces the file atomically.
 * The others read the file.  -t all keeps jobs that just ended (for
 * Slurm's MinJobAge) in the answer.
 * Must not: block on the lock, or run more than one squeue per interval.
 * Start at slurm_cache_lookup().
 */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "capdash/common.h"

#define CACHE_FILE ".slurm-squeue"
#define CACHE_LOCK ".slurm-squeue.lock"
#define CACHE_MAX (4 << 20) /* bytes of squeue output kept */
#define SQUEUE_TIMEOUT_MS 30000
#define EARLY_MS 250 /* a watcher waking this much early still counts as due */

/* The cached answer: heap text after the header, and its time.  -1 when
 * there is none. */
static int cache_read(const char *path, char **text, int64_t *t)
{
	char *data;
	size_t len;
	long long ms;
	int k = 0;

	*text = NULL;
	if (cd_read_file(path, CACHE_MAX + 256, &data, &len, NULL))
		return -1;
	if (sscanf(data, "capdash-squeue 1 %lld\n%n", &ms, &k) != 1 || k <= 0) {
		free(data);
		return -1;
	}
	memmove(data, data + k, len - (size_t)k + 1);
	*text = data;
	*t = ms;
	return 0;
}

static int cache_refresh(const char *path, const char *cluster)
{
	char uid[32], fmt[] = SLURM_SQUEUE_FORMAT, errs[1024], head[64];
	char *argv[] = {"squeue", "-h", "-t", "all", "-u", uid, "-o", fmt, NULL};
	char *out = malloc(CACHE_MAX + 64);
	int64_t t = run_now_ms(); /* before asking: jobs submitted later may be missing */
	int e, rc, k;

	if (!out)
		return -1;
	snprintf(uid, sizeof(uid), "%u", (unsigned)getuid());
	k = snprintf(head, sizeof(head), "capdash-squeue 1 %" PRId64 "\n", t);
	memcpy(out, head, (size_t)k);
	rc = slurm_exec_on(cluster, argv, out + k, CACHE_MAX, errs, sizeof(errs), SQUEUE_TIMEOUT_MS,
	                   &e);
	if (rc == 0)
		rc = cd_write_atomic(path, out, strlen(out), NULL);
	free(out);
	return rc == 0 ? 0 : -1;
}

int slurm_cache_lookup(const char *root, const char *cluster, int64_t job_id, int poll_ms,
                       int64_t submit_ms, int max_age_ms, struct run_slurm_state *ns,
                       int64_t *used_t)
{
	char path[RUN_PATH_MAX], lock[RUN_PATH_MAX], name[128], *text = NULL;
	int64_t t = 0, now = run_now_ms();
	int rc, fd;

	/* one answer per cluster (sbatch --clusters sends jobs elsewhere);
	 * cluster names are plain words, but a '/' must not make a path */
	snprintf(name, sizeof(name), "%s%s%s", CACHE_FILE, cluster[0] ? "-" : "", cluster);
	for (char *c = name; *c; c++)
		if (*c == '/')
			*c = '_';
	if (rundir_path(path, sizeof(path), root, name) ||
	    rundir_path(lock, sizeof(lock), root, CACHE_LOCK))
		return -1;
	if (cache_read(path, &text, &t) || now - t >= max_age_ms - EARLY_MS || t < submit_ms) {
		fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			/* someone may have asked while we read */
			free(text);
			text = NULL;
			if (cache_read(path, &text, &t) ||
			    run_now_ms() - t >= max_age_ms - EARLY_MS || t < submit_ms) {
				free(text);
				text = NULL;
				if (cache_refresh(path, cluster) == 0)
					cache_read(path, &text, &t);
			}
		}
		if (fd >= 0)
			close(fd); /* and the lock with it */
	}
	/* an answer asked before the job existed, or too old to trust
	 * (squeue failing: slurmctld down) says nothing */
	if (!text || t < submit_ms || run_now_ms() - t > 3 * (int64_t)poll_ms + 30000) {
		free(text);
		return -1;
	}
	rc = slurm_parse_squeue(text, job_id, ns);
	free(text);
	*used_t = t;
	return rc;
}
