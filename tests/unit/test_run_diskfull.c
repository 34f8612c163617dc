/* test_run_diskfull.c — a full disk never costs the run.
 *
 * First the appending writer (src/run/store.c) with a write(2) that runs
 * out of room part way (ENOSPC injected through its write_fn seam): appends
 * are whole or absent, a cut-off write is truncated back, a fragment that
 * cannot be truncated is ended with '\n' before the next record, and
 * appends work again once there is room.  Then, when running as root, the
 * real supervisor on a 200 KB tmpfs in a private mount namespace: a child
 * printing 20,000 lines is never killed, status says "disk full since" and
 * how much was dropped, metrics.jsonl holds only whole lines, and a run
 * whose disk frees up mid-way stores its later points again.  Without root
 * (or without mount) those cases are skipped with a message.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/run/run_int.h"
#include "testutil.h"

static char tmp[4096], trainer[4096];
static bool have_tmpfs;
static const char *no_tmpfs_why = "";

/* ---- the writer, with an injected ENOSPC ---- */

static size_t room;      /* bytes the fake disk still takes */
static bool trunc_fails; /* ftruncate fails too (EIO) */

static ssize_t full_write(int fd, const void *buf, size_t n)
{
	ssize_t w;

	if (room == 0) {
		errno = ENOSPC;
		return -1;
	}
	/* a short write first, as a filesystem with a few bytes left does */
	w = write(fd, buf, n < room ? n : room);
	if (w > 0)
		room -= (size_t)w;
	return w;
}

static int failing_truncate(int fd, off_t size)
{
	if (trunc_fails) {
		errno = EIO;
		return -1;
	}
	return ftruncate(fd, size);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 1 << 22);

	assert_non_null(f);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 22) - 1, f);
	fclose(f);
	return buf;
}

static void test_store_whole_lines(void **state)
{
	char path[4200], want[4096] = "", line[64];
	struct store s;
	size_t len;
	char *got;
	int ok = 0, failed = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/store.jsonl", tmp);
	store_init(&s, open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600));
	s.write_fn = full_write;
	s.truncate_fn = failing_truncate;
	room = 100;
	for (int i = 0; i < 20; i++) {
		int n = snprintf(line, sizeof(line), "{\"v\":1,\"i\":%d}\n", i);
		if (store_append(&s, line, (size_t)n) == 0) {
			strcat(want, line);
			ok++;
		} else {
			assert_int_equal(s.err, ENOSPC);
			failed++;
		}
	}
	assert_true(ok > 0 && failed > 0);
	got = slurp(path, &len);
	/* what is in the file is exactly the appends that succeeded */
	assert_string_equal(got, want);
	assert_int_equal(s.good, (off_t)strlen(want));
	free(got);

	/* room again: appends resume, still whole */
	room = 1000;
	assert_int_equal(store_append(&s, "{\"v\":1,\"i\":99}\n", 15), 0);
	strcat(want, "{\"v\":1,\"i\":99}\n");
	assert_int_equal(s.err, 0);
	got = slurp(path, &len);
	assert_string_equal(got, want);
	free(got);

	/* a cut-off write that cannot be truncated: the fragment is ended
	 * with '\n' before the next record, so it stays one garbled line */
	room = 5;
	trunc_fails = true;
	assert_int_equal(store_append(&s, "{\"v\":1,\"i\":100}\n", 16), -1);
	assert_true(s.torn);
	room = 1000;
	trunc_fails = false;
	assert_int_equal(store_append(&s, "{\"v\":1,\"i\":101}\n", 16), 0);
	strcat(want, "{\"v\":\n{\"v\":1,\"i\":101}\n");
	got = slurp(path, &len);
	assert_string_equal(got, want);
	free(got);
	close(s.fd);

	store_init(&s, -1);
	assert_int_equal(store_append(&s, "x\n", 2), -1);
	assert_int_equal(s.err, EBADF);
}

/* ---- the supervisor on a small tmpfs ---- */

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static void start(const char *root, char *dir, char **argv)
{
	struct run_spec spec;
	struct cd_err err;

	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.sample_ms = 100;
	if (run_start(&spec, dir, 4096, &err))
		fail_msg("run_start: %s", err.msg);
}

static void wait_end(const char *dir, struct run_status *st, long timeout_ms)
{
	for (long t = 0; t < timeout_ms; t += 20) {
		if (run_status_read(dir, st, NULL) == 0 && st->ended && !run_is_live(dir))
			return;
		msleep(20);
	}
	fail_msg("run in %s did not end within %ld ms", dir, timeout_ms);
}

/* Every line of metrics.jsonl ends with '\n' and parses; returns the count
 * of points and the last point's step. */
static int check_metrics(const char *dir, int64_t *last_step)
{
	char path[4200];
	size_t len, start = 0;
	char *buf;
	int points = 0;

	snprintf(path, sizeof(path), "%s/metrics.jsonl", dir);
	buf = slurp(path, &len);
	if (len && buf[len - 1] != '\n')
		fail_msg("metrics.jsonl ends in half a line: ...%s",
		         buf + (len > 80 ? len - 80 : 0));
	for (size_t i = 0; i < len; i++) {
		struct run_record r;
		if (buf[i] != '\n')
			continue;
		if (metrics_parse(buf + start, i - start, &r))
			fail_msg("a torn line in metrics.jsonl: %.*s", (int)(i - start),
			         buf + start);
		if (r.type == REC_POINT) {
			points++;
			*last_step = r.mp.step;
		}
		start = i + 1;
	}
	free(buf);
	return points;
}

static void kill_run(const char *dir)
{
	struct run_status st;

	if (run_status_read(dir, &st, NULL) == 0 && !st.ended) {
		if (st.pgid > 1)
			kill(-st.pgid, SIGKILL);
		if (st.supervisor > 1 && run_is_live(dir))
			kill(st.supervisor, SIGKILL);
	}
}

static void test_supervisor_full_disk(void **state)
{
	char root[4200], dir[4096], why[256], *argv[] = {trainer, "noisy", "20000", "0", NULL};
	struct run_status st;
	struct run_view *v;
	struct run_progress p;
	int64_t last = 0;

	(void)state;
	if (!have_tmpfs) {
		printf("skipped: supervisor on a 200 KB tmpfs (%s)\n", no_tmpfs_why);
		skip();
	}
	snprintf(root, sizeof(root), "%s/small/a", tmp);
	start(root, dir, argv);
	wait_end(dir, &st, 60000);
	/* the child ran to its end, untouched */
	assert_int_equal(st.signal, 0);
	assert_int_equal(st.exit_code, 0);
	assert_true(st.dropped_bytes > 0);
	assert_true(st.disk_full_ms >= st.start_ms);
	assert_int_equal(st.write_errno, ENOSPC);
	assert_true(check_metrics(dir, &last) > 0);
	v = run_view_open(dir, NULL);
	assert_non_null(v);
	assert_true(run_view_update(v, NULL) >= 0);
	assert_int_equal(run_view_state(v), RUN_FINISHED);
	run_view_progress(v, run_now_ms(), &p);
	assert_true(p.disk_full);
	assert_int_equal(p.dropped_bytes, st.dropped_bytes);
	run_status_why(run_view_status(v), run_view_state(v), why, sizeof(why));
	assert_string_equal(why, "finished");
	run_view_free(v);
	kill_run(dir);
}

/* The disk fills, then frees: "disk full" comes and goes in status and
 * the points after it are stored again. */
static void test_supervisor_disk_recovers(void **state)
{
	char root[4200], dir[4096], filler[4200], buf[4096];
	char *argv[] = {trainer, "noisy", "300", "10", NULL};
	struct run_status st;
	int64_t last = 0, full_since = 0;
	int fd, t;

	(void)state;
	if (!have_tmpfs) {
		printf("skipped: supervisor on a 200 KB tmpfs (%s)\n", no_tmpfs_why);
		skip();
	}
	snprintf(root, sizeof(root), "%s/small/b", tmp);
	start(root, dir, argv);
	/* fill what is left */
	snprintf(filler, sizeof(filler), "%s/small/b/filler", tmp);
	fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	while (write(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	for (t = 0; t < 500 && !full_since; t++) {
		assert_int_equal(run_status_read(dir, &st, NULL), 0);
		full_since = st.disk_full_ms;
		msleep(10);
	}
	if (!full_since) {
		kill_run(dir);
		fail_msg("status never said the disk was full");
	}
	assert_false(st.ended);
	assert_int_equal(unlink(filler), 0);
	for (t = 0; t < 500; t++) {
		assert_int_equal(run_status_read(dir, &st, NULL), 0);
		if (!st.disk_full_ms)
			break;
		msleep(10);
	}
	assert_int_equal(st.disk_full_ms, 0); /* writes resumed */
	wait_end(dir, &st, 30000);
	assert_int_equal(st.exit_code, 0);
	assert_int_equal(st.signal, 0);
	assert_true(check_metrics(dir, &last) > 0);
	assert_int_equal(last, 300); /* the last point came after the disk freed */
	kill_run(dir);
}

/* After each case: no run of it may still be going, even when it failed. */
static int teardown_case(void **state)
{
	const char *sub[] = {"small/a", "small/b"};

	(void)state;
	for (int i = 0; i < 2; i++) {
		char root[4200], dir[4600];
		DIR *d;
		struct dirent *e;
		snprintf(root, sizeof(root), "%s/%s", tmp, sub[i]);
		if (!(d = opendir(root)))
			continue;
		while ((e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(dir, sizeof(dir), "%s/%s", root, e->d_name);
				kill_run(dir);
			}
		closedir(d);
	}
	return 0;
}

static int setup(void **state)
{
	const char *b = getenv("CAPDASH_BUILD");
	char path[4200];

	(void)state;
	snprintf(trainer, sizeof(trainer), "%s/tests/helpers/faketrain", b ? b : "build");
	snprintf(tmp, sizeof(tmp), "/tmp/capdash-full-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	setenv("CAPDASH_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
	snprintf(path, sizeof(path), "%s/small", tmp);
	if (mkdir(path, 0700))
		return -1;
	/* A private mount namespace: the two 200 KB tmpfs (one per case) are
	 * ours alone and go away with this process and the runs it started. */
	if (geteuid() != 0)
		no_tmpfs_why = "not root";
	else if (unshare(CLONE_NEWNS) || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL))
		no_tmpfs_why = "no private mount namespace";
	else
		have_tmpfs = true;
	for (int i = 0; have_tmpfs && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/small/%c", tmp, 'a' + i);
		if (mkdir(path, 0700) ||
		    mount("capdash-test", path, "tmpfs", 0, "size=200k,mode=0700")) {
			no_tmpfs_why = "cannot mount a tmpfs";
			have_tmpfs = false;
		}
	}
	return 0;
}

static int teardown(void **state)
{
	char path[4200];

	(void)state;
	for (int i = 0; have_tmpfs && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/small/%c", tmp, 'a' + i);
		umount2(path, MNT_DETACH);
	}
	return test_rmtree(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_store_whole_lines),
	        cmocka_unit_test_teardown(test_supervisor_full_disk, teardown_case),
	        cmocka_unit_test_teardown(test_supervisor_disk_recovers, teardown_case),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
