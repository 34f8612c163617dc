/* status.c — the run's status file: how the child is doing and how it ended,
 * written by the supervisor, read by everyone; and the words for it.
 *
 * The file must stay writable when the disk is full, because that is
 * exactly when a person needs to read "disk full since ..." in it.  So it
 * is always STATUS_SIZE bytes (STATUS_SIZE_SLURM for a Slurm run: a run
 * never changes kind) (JSON, spaces, '\n') and has a twin of the
 * same size, .status.spare, made while there was room: a write fills the
 * twin in place (its blocks exist: nothing to allocate) and swaps the two
 * names with renameat2(RENAME_EXCHANGE), which is atomic for readers and
 * needs no free space either.  Where the exchange is not supported the
 * usual temporary file + rename is tried, then an in-place overwrite.
 * Readers accept status files of any size (older versions wrote them
 * unpadded) and keep their last good copy when a read looks torn.
 * Must not: start or signal processes (control.c) other than probing
 * whether a lost run's process group is still there.
 * Start at run_status_put(), then run_state_of().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capdash/common.h"

#define RUN_SLURM_TEXT(f) sizeof(((struct run_status *)0)->slurm.f)

static void status_cb(const char *k, const struct jr_val *v, void *ctx)
{
	static const struct {
		const char *key;
		size_t off;
		char kind; /* 'p' pid_t, 'l' int64_t, 'b' bool, 'i' int */
	} fields[] = {
	        {"supervisor", offsetof(struct run_status, supervisor), 'p'},
	        {"pid", offsetof(struct run_status, pid), 'p'},
	        {"pgid", offsetof(struct run_status, pgid), 'p'},
	        {"start_ms", offsetof(struct run_status, start_ms), 'l'},
	        {"end_ms", offsetof(struct run_status, end_ms), 'l'},
	        {"ended", offsetof(struct run_status, ended), 'b'},
	        {"stop_requested", offsetof(struct run_status, stop_requested), 'b'},
	        {"paused", offsetof(struct run_status, paused), 'b'},
	        {"exit_code", offsetof(struct run_status, exit_code), 'i'},
	        {"signal", offsetof(struct run_status, signal), 'i'},
	        {"exec_errno", offsetof(struct run_status, exec_errno), 'i'},
	        {"heard_ms", offsetof(struct run_status, heard_ms), 'l'},
	        {"paused_ms", offsetof(struct run_status, paused_ms), 'l'},
	        {"paused_since_ms", offsetof(struct run_status, paused_since_ms), 'l'},
	        {"disk_full_ms", offsetof(struct run_status, disk_full_ms), 'l'},
	        {"dropped_bytes", offsetof(struct run_status, dropped_bytes), 'l'},
	        {"write_errno", offsetof(struct run_status, write_errno), 'i'},
	        {"log_offset", offsetof(struct run_status, log_offset), 'l'},
	        {"slurm.job_id", offsetof(struct run_status, slurm.job_id), 'l'},
	        {"slurm.nnodes", offsetof(struct run_status, slurm.nnodes), 'i'},
	        {"slurm.submit_ms", offsetof(struct run_status, slurm.submit_ms), 'l'},
	        {"slurm.start_ms", offsetof(struct run_status, slurm.start_ms), 'l'},
	        {"slurm.end_ms", offsetof(struct run_status, slurm.end_ms), 'l'},
	        {"slurm.time_limit_ms", offsetof(struct run_status, slurm.time_limit_ms), 'l'},
	        {"slurm.gpus", offsetof(struct run_status, slurm.gpus), 'l'},
	        {"slurm.cpus", offsetof(struct run_status, slurm.cpus), 'l'},
	        {"slurm.exit_code", offsetof(struct run_status, slurm.exit_code), 'i'},
	        {"slurm.exit_signal", offsetof(struct run_status, slurm.exit_signal), 'i'},
	        {"slurm.njobs", offsetof(struct run_status, slurm.njobs), 'i'},
	};
	static const struct {
		const char *key;
		size_t off, size;
	} texts[] = {
	        {"slurm.cluster", offsetof(struct run_status, slurm.cluster),
	         RUN_SLURM_TEXT(cluster)},
	        {"slurm.state", offsetof(struct run_status, slurm.state), RUN_SLURM_TEXT(state)},
	        {"slurm.reason", offsetof(struct run_status, slurm.reason), RUN_SLURM_TEXT(reason)},
	        {"slurm.nodes", offsetof(struct run_status, slurm.nodes), RUN_SLURM_TEXT(nodes)},
	};
	char *base = ctx;
	int64_t n = jr_i64(v->num);

	if (v->type == JR_STR) {
		for (size_t i = 0; i < CD_ARRAY_LEN(texts); i++)
			if (!strcmp(k, texts[i].key))
				snprintf(base + texts[i].off, texts[i].size, "%s", v->str);
		return;
	}
	if (v->type != JR_NUM && v->type != JR_BOOL)
		return;
	for (size_t i = 0; i < CD_ARRAY_LEN(fields); i++) {
		char *f = base + fields[i].off;
		if (strcmp(k, fields[i].key))
			continue;
		if (fields[i].kind == 'p')
			*(pid_t *)(void *)f = (pid_t)n;
		else if (fields[i].kind == 'l')
			*(int64_t *)(void *)f = n;
		else if (fields[i].kind == 'b')
			*(bool *)(void *)f = n != 0;
		else
			*(int *)(void *)f = (int)n;
		return;
	}
}

int run_status_read(const char *dir, struct run_status *st, struct cd_err *err)
{
	char path[RUN_PATH_MAX], *data;
	size_t len;
	struct cd_err e;

	memset(st, 0, sizeof(*st));
	if (rundir_path(path, sizeof(path), dir, RUN_F_STATUS))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	if (access(path, F_OK))
		return 0;
	if (cd_read_file(path, 65536, &data, &len, &e)) {
		if (err)
			*err = e;
		return -1;
	}
	if (jr_parse(data, len, status_cb, st)) {
		free(data);
		memset(st, 0, sizeof(*st));
		return cd_err_set(err, CD_ERR_SYNTAX, path, 1, 1, _("status: not a JSON object"));
	}
	free(data);
	return 0;
}

static size_t status_size(const struct run_status *st)
{
	return st->slurm.job_id ? STATUS_SIZE_SLURM : STATUS_SIZE;
}

/* The padded JSON text of st: exactly status_size(st) bytes. */
static int status_format(const struct run_status *st, char *buf)
{
	const size_t size = status_size(st);
	struct jw w;
	size_t n;
	enum run_state s = run_state_of(st, !st->ended);

	jw_begin(&w, buf, size);
	jw_int(&w, "v", 1);
	jw_str(&w, "state", run_state_name(s));
	jw_bool(&w, "stopped", s == RUN_STOPPED);
	jw_int(&w, "supervisor", st->supervisor);
	jw_int(&w, "pid", st->pid);
	jw_int(&w, "pgid", st->pgid);
	jw_int(&w, "start_ms", st->start_ms);
	jw_int(&w, "end_ms", st->end_ms);
	jw_bool(&w, "ended", st->ended);
	jw_bool(&w, "stop_requested", st->stop_requested);
	jw_bool(&w, "paused", st->paused);
	jw_int(&w, "exit_code", st->exit_code);
	jw_int(&w, "signal", st->signal);
	jw_int(&w, "exec_errno", st->exec_errno);
	jw_int(&w, "heard_ms", st->heard_ms);
	jw_int(&w, "paused_ms", st->paused_ms);
	jw_int(&w, "paused_since_ms", st->paused_since_ms);
	jw_int(&w, "disk_full_ms", st->disk_full_ms);
	jw_int(&w, "dropped_bytes", st->dropped_bytes);
	jw_int(&w, "write_errno", st->write_errno);
	if (st->slurm.job_id) {
		const struct run_slurm_state *sl = &st->slurm;
		jw_int(&w, "log_offset", st->log_offset);
		jw_obj_begin(&w, "slurm");
		jw_int(&w, "job_id", sl->job_id);
		jw_str(&w, "cluster", sl->cluster);
		jw_str(&w, "state", sl->state);
		jw_str(&w, "reason", sl->reason);
		jw_str(&w, "nodes", sl->nodes);
		jw_int(&w, "nnodes", sl->nnodes);
		jw_int(&w, "submit_ms", sl->submit_ms);
		jw_int(&w, "start_ms", sl->start_ms);
		jw_int(&w, "end_ms", sl->end_ms);
		jw_int(&w, "time_limit_ms", sl->time_limit_ms);
		jw_int(&w, "gpus", sl->gpus);
		jw_int(&w, "cpus", sl->cpus);
		jw_int(&w, "exit_code", sl->exit_code);
		jw_int(&w, "exit_signal", sl->exit_signal);
		jw_int(&w, "njobs", sl->njobs);
		jw_obj_end(&w);
	}
	n = jw_end(&w);
	if (!n || n > size)
		return -1;
	/* jw_end's '\n' moves to the end; spaces between are JSON whitespace */
	memset(buf + n - 1, ' ', size - n);
	buf[size - 1] = '\n';
	return 0;
}

static int put_in_place(const char *path, const char *buf, size_t size, bool sync)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t w;

	if (fd < 0)
		return -1;
	w = pwrite(fd, buf, size, 0);
	if (w == (ssize_t)size && sync)
		fsync(fd);
	close(fd);
	return w == (ssize_t)size ? 0 : -1;
}

int run_status_init(const char *dir, const struct run_status *st, struct cd_err *err)
{
	char path[RUN_PATH_MAX], spare[RUN_PATH_MAX], buf[STATUS_SIZE_MAX];

	if (rundir_path(path, sizeof(path), dir, RUN_F_STATUS) ||
	    rundir_path(spare, sizeof(spare), dir, RUN_F_SPARE))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	if (status_format(st, buf))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("status too long"));
	/* Both files get their blocks now, while there is room. */
	if (cd_write_atomic(spare, buf, status_size(st), err))
		return -1;
	return cd_write_atomic(path, buf, status_size(st), err);
}

int run_status_put(const char *dir, const struct run_status *st, bool sync, struct cd_err *err)
{
	char path[RUN_PATH_MAX], spare[RUN_PATH_MAX], buf[STATUS_SIZE_MAX];
	struct cd_err e;

	if (rundir_path(path, sizeof(path), dir, RUN_F_STATUS) ||
	    rundir_path(spare, sizeof(spare), dir, RUN_F_SPARE))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	if (status_format(st, buf))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("status too long"));
	if (put_in_place(spare, buf, status_size(st), sync) == 0 &&
	    renameat2(AT_FDCWD, spare, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
		return 0;
	if (cd_write_atomic(path, buf, status_size(st), &e) == 0)
		return 0;
	/* No room for a temporary file: the same size over the old text
	 * needs no new blocks.  A reader may see it half written; it keeps
	 * its previous copy then (follow.c). */
	if (put_in_place(path, buf, status_size(st), sync) == 0)
		return 0;
	if (err)
		*err = e;
	return -1;
}

int run_status_write(const char *dir, const struct run_status *st, struct cd_err *err)
{
	return run_status_put(dir, st, true, err);
}

/* A Slurm run: the job's state as the watcher last saw it.  A watcher that
 * is gone before the end leaves the run lost (run_adopt starts another). */
static enum run_state slurm_state_of(const struct run_status *st, bool live)
{
	const struct run_slurm_state *sl = &st->slurm;

	if (st->ended) {
		if (run_slurm_final(sl->state))
			return run_slurm_run_state(sl->state, sl->reason);
		return st->stop_requested ? RUN_STOPPED : RUN_FAILED;
	}
	if (!live)
		return RUN_LOST;
	if (!sl->state[0])
		return st->stop_requested ? RUN_STOPPING : RUN_PENDING;
	if (st->stop_requested && !run_slurm_final(sl->state))
		return RUN_STOPPING;
	/* ended in Slurm (the watcher may still be reading the last output:
	 * status.ended says when all is in) */
	return run_slurm_run_state(sl->state, sl->reason);
}

enum run_state run_state_of(const struct run_status *st, bool live)
{
	if (st->slurm.job_id)
		return slurm_state_of(st, live);
	if (st->ended) {
		if (st->exec_errno)
			return RUN_FAILED;
		if (st->stop_requested)
			return RUN_STOPPED;
		return st->exit_code == 0 && !st->signal ? RUN_FINISHED : RUN_FAILED;
	}
	if (!live)
		return st->supervisor ? RUN_LOST : RUN_STARTING;
	if (st->stop_requested)
		return RUN_STOPPING;
	if (st->paused)
		return RUN_PAUSED;
	return st->pid ? RUN_RUNNING : RUN_STARTING;
}

const char *run_state_name(enum run_state s)
{
	static const char *const names[] = {
	        [RUN_STARTING] = "starting", [RUN_RUNNING] = "running",   [RUN_PAUSED] = "paused",
	        [RUN_STOPPING] = "stopping", [RUN_FINISHED] = "finished", [RUN_FAILED] = "failed",
	        [RUN_LOST] = "lost",         [RUN_STOPPED] = "stopped",   [RUN_PENDING] = "pending",
	};
	return (unsigned)s < CD_ARRAY_LEN(names) && names[s] ? names[s] : "?";
}

char *run_dur_text(int64_t ms, char *buf, size_t size)
{
	int64_t s = ms > 0 ? (ms + 500) / 1000 : 0;

	if (s < 60)
		snprintf(buf, size, "%" PRId64 "s", s);
	else if (s < 3600)
		snprintf(buf, size, "%" PRId64 "m%02" PRId64 "s", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, size, "%" PRId64 "h%02" PRId64 "m", s / 3600, s / 60 % 60);
	else
		snprintf(buf, size, "%" PRId64 "d%02" PRId64 "h", s / 86400, s / 3600 % 24);
	return buf;
}

char *run_clock_text(int64_t when_ms, int64_t now_ms, char *buf, size_t size)
{
	time_t t = (time_t)(when_ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	/* the time of day alone is ambiguous beyond a day */
	strftime(buf, size, now_ms - when_ms < 20 * 3600 * 1000 ? "%H:%M:%S" : "%Y-%m-%d %H:%M",
	         &tm);
	return buf;
}

char *run_lost_text(const struct run_status *st, int64_t last_heard_ms, int child_alive,
                    int64_t now_ms, char *buf, size_t size)
{
	char ago[32], at[32], child[96] = "";

	if (child_alive >= 0 && st->pgid > 1)
		snprintf(child, sizeof(child), "; the training process (pgid %d) %s", (int)st->pgid,
		         child_alive ? "is still running" : "has ended");
	if (last_heard_ms > 0)
		snprintf(buf, size, "supervisor (pid %d) gone; last heard from %s ago at %s%s",
		         (int)st->supervisor,
		         run_dur_text(now_ms - last_heard_ms, ago, sizeof(ago)),
		         run_clock_text(last_heard_ms, now_ms, at, sizeof(at)), child);
	else
		snprintf(buf, size, "supervisor (pid %d) gone without recording an end%s",
		         (int)st->supervisor, child);
	return buf;
}

/* A Slurm run in words: "Slurm job 123 PENDING (Resources)", "... RUNNING
 * on node[1-2]", "... FAILED, exit code 3", "... TIMEOUT (limit 1m00s)". */
static char *slurm_why(const struct run_status *st, enum run_state s, char *buf, size_t size)
{
	const struct run_slurm_state *sl = &st->slurm;
	char d[32], extra[200] = "";

	if (s == RUN_LOST) {
		snprintf(buf, size,
		         "watcher (pid %d) gone; Slurm job %lld was %s when last seen %s ago "
		         "(capdash attach starts a new watcher)",
		         (int)st->supervisor, (long long)sl->job_id,
		         sl->state[0] ? sl->state : "submitted",
		         run_dur_text(run_now_ms() - (st->heard_ms ? st->heard_ms : st->start_ms),
		                      d, sizeof(d)));
		return buf;
	}
	if (!sl->state[0]) {
		snprintf(buf, size, "Slurm job %lld submitted", (long long)sl->job_id);
		return buf;
	}
	/* a cancelled or timed-out job's status is only the signal it was
	 * sent: not worth saying */
	bool failed = !strcmp(sl->state, "FAILED");

	if (failed && !sl->exit_signal)
		snprintf(extra, sizeof(extra), ", exit code %d", sl->exit_code);
	else if (failed)
		snprintf(extra, sizeof(extra), ", signal %d (SIG%s)", sl->exit_signal,
		         sigabbrev_np(sl->exit_signal) ? sigabbrev_np(sl->exit_signal) : "?");
	else if (!strcmp(sl->state, "TIMEOUT") && sl->time_limit_ms > 0)
		snprintf(extra, sizeof(extra), " (time limit %s)",
		         run_dur_text(sl->time_limit_ms, d, sizeof(d)));
	else if ((!st->ended || !run_slurm_final(sl->state)) && sl->reason[0] && s != RUN_RUNNING)
		snprintf(extra, sizeof(extra), " (%s)", sl->reason);
	else if (!st->ended && sl->nodes[0] && !run_slurm_final(sl->state))
		snprintf(extra, sizeof(extra), " on %s", sl->nodes);
	snprintf(buf, size, "Slurm job %lld %s%s", (long long)sl->job_id, sl->state, extra);
	return buf;
}

char *run_status_why(const struct run_status *st, enum run_state s, char *buf, size_t size)
{
	const char *abbrev = st->signal ? sigabbrev_np(st->signal) : NULL;
	const char *desc = st->signal ? sigdescr_np(st->signal) : NULL;

	if (st->slurm.job_id)
		return slurm_why(st, s, buf, size);
	if (s == RUN_LOST)
		return run_lost_text(st, st->heard_ms ? st->heard_ms : st->start_ms,
		                     run_child_alive(st), run_now_ms(), buf, size);
	if (!st->ended)
		snprintf(buf, size, "%s", run_state_name(s));
	else if (st->exec_errno)
		snprintf(buf, size, "could not start: %s", strerror(st->exec_errno));
	else if (s == RUN_STOPPED) {
		/* Our SIGTERM, or the command's own exit after catching it. */
		bool plain =
		        st->signal == SIGTERM || st->signal == SIGINT || st->signal == SIGHUP ||
		        (!st->signal && (st->exit_code == 0 || st->exit_code == 128 + SIGTERM ||
		                         st->exit_code == 128 + SIGINT));
		if (plain)
			snprintf(buf, size, "stopped");
		else if (st->signal == SIGKILL)
			snprintf(buf, size, "stopped (SIGKILL after the grace period)");
		else if (st->signal)
			snprintf(buf, size, "stopped (it ended with SIG%s)", abbrev ? abbrev : "?");
		else
			snprintf(buf, size, "stopped (it exited with status %d)", st->exit_code);
	} else if (st->signal == SIGKILL)
		snprintf(buf, size, "killed (SIGKILL: out of memory?)");
	else if (st->signal)
		snprintf(buf, size, "%s (SIG%s: %s)",
		         st->signal == SIGTERM || st->signal == SIGINT || st->signal == SIGHUP
		                 ? "killed"
		                 : "crashed",
		         abbrev ? abbrev : "?", desc ? desc : "unknown signal");
	else if (st->exit_code)
		snprintf(buf, size, "exited with status %d", st->exit_code);
	else
		snprintf(buf, size, "finished");
	return buf;
}
