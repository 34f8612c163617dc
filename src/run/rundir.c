/* rundir.c — the run directory: where it is, what it is called, the list of
 * runs and the lock that tells a live run from a dead one (the status file
 * is status.c's).
 *
 * Must not: start processes (supervisor.c) or interpret metrics (follow.c).
 * Start at run_root() and run_resolve().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capdash/common.h"

int64_t run_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t run_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rundir_path(char *buf, size_t size, const char *dir, const char *file)
{
	int n = snprintf(buf, size, "%s/%s", dir, file);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int mkdir_p(char *path, struct cd_err *err)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) && errno != EEXIST) {
			int e = errno;
			*p = '/';
			return cd_err_set(err, CD_ERR_IO, path, 0, 0,
			                  _("cannot create directory: %s"), strerror(e));
		}
		*p = '/';
	}
	if (mkdir(path, 0700) && errno != EEXIST)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("cannot create directory: %s"),
		                  strerror(errno));
	return 0;
}

int run_root(char *buf, size_t size, struct cd_err *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (state && state[0] == '/')
		n = snprintf(buf, size, "%s/capdash/runs", state);
	else if (home && home[0])
		n = snprintf(buf, size, "%s/.local/state/capdash/runs", home);
	else
		return cd_err_set(
		        err, CD_ERR_IO, NULL, 0, 0,
		        _("neither XDG_STATE_HOME nor HOME is set: nowhere to keep runs"));
	if (n < 0 || (size_t)n >= size)
		return cd_err_set(err, CD_ERR_LIMIT, NULL, 0, 0, _("run directory path too long"));
	return mkdir_p(buf, err);
}

/* Keep ids portable and safe to paste: letters, digits, '.', '_', '-'. */
static void sanitise(const char *name, char *out, size_t size)
{
	size_t k = 0;

	for (const char *p = name; *p && k + 1 < size; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		if (!ok && k && out[k - 1] == '-')
			continue;
		out[k++] = ok ? c : '-';
	}
	while (k && out[k - 1] == '-')
		k--;
	out[k] = '\0';
	if (!k || out[0] == '.')
		snprintf(out, size, "run");
}

int rundir_create(const char *root, const char *name, int64_t now_ms, char *dir, size_t size,
                  struct cd_err *err)
{
	char clean[RUN_NAME_MAX], stamp[32];
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	sanitise(name, clean, sizeof(clean));
	localtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (int i = 1; i < 1000; i++) {
		int n = i == 1 ? snprintf(dir, size, "%s/%s-%s", root, stamp, clean)
		               : snprintf(dir, size, "%s/%s-%s-%d", root, stamp, clean, i);
		if (n < 0 || (size_t)n >= size)
			return cd_err_set(err, CD_ERR_LIMIT, root, 0, 0,
			                  _("run directory path too long"));
		if (mkdir(dir, 0700) == 0)
			return 0;
		if (errno != EEXIST)
			return cd_err_set(err, CD_ERR_IO, dir, 0, 0,
			                  _("cannot create run directory: %s"), strerror(errno));
	}
	return cd_err_set(err, CD_ERR_LIMIT, root, 0, 0, _("too many runs named %s this second"),
	                  clean);
}

/* Ids start with their second; runs started within one second are ordered
 * by when their command file was written. */
struct ent {
	char *id;
	struct timespec t;
};

static int cmp_ent(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int c = strncmp(x->id, y->id, 15);

	if (c)
		return c;
	if (x->t.tv_sec != y->t.tv_sec)
		return x->t.tv_sec < y->t.tv_sec ? -1 : 1;
	if (x->t.tv_nsec != y->t.tv_nsec)
		return x->t.tv_nsec < y->t.tv_nsec ? -1 : 1;
	return strcmp(x->id, y->id);
}

int run_list(const char *root, char ***ids, struct cd_err *err)
{
	char rbuf[RUN_PATH_MAX], path[RUN_PATH_MAX];
	DIR *d;
	struct dirent *e;
	struct ent *v = NULL;
	char **out;
	int n = 0, cap = 0;

	if (!root) {
		if (run_root(rbuf, sizeof(rbuf), err))
			return -1;
		root = rbuf;
	}
	*ids = NULL;
	d = opendir(root);
	if (!d)
		return errno == ENOENT
		               ? 0
		               : cd_err_set(err, CD_ERR_IO, root, 0, 0, "%s", strerror(errno));
	while ((e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s/" RUN_F_COMMAND, root, e->d_name) >=
		            (int)sizeof(path) ||
		    stat(path, &st))
			continue;
		if (n == cap) {
			int nc = cap ? cap * 2 : 16;
			struct ent *nv = realloc(v, (size_t)nc * sizeof(*v));
			if (!nv)
				goto nomem;
			v = nv;
			cap = nc;
		}
		v[n].t = st.st_mtim;
		if (!(v[n].id = strdup(e->d_name)))
			goto nomem;
		n++;
	}
	closedir(d);
	if (n)
		qsort(v, (size_t)n, sizeof(*v), cmp_ent);
	if (!(out = malloc((size_t)(n ? n : 1) * sizeof(*out))))
		goto nomem_closed;
	for (int i = 0; i < n; i++)
		out[i] = v[i].id;
	free(v);
	*ids = out;
	return n;
nomem:
	closedir(d);
nomem_closed:
	for (int i = 0; i < n; i++)
		free(v[i].id);
	free(v);
	return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory listing runs"));
}

void run_list_free(char **ids, int n)
{
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

int run_resolve(const char *root, const char *spec, char *dir, size_t size, struct cd_err *err)
{
	char rbuf[RUN_PATH_MAX], path[RUN_PATH_MAX];
	char **ids;
	int n, hit = -1, nhits = 0;
	struct stat st;

	if (spec && spec[0] && strchr(spec, '/')) {
		if (rundir_path(path, sizeof(path), spec, RUN_F_COMMAND) || stat(path, &st))
			return cd_err_set(err, CD_ERR_IO, spec, 0, 0,
			                  _("not a run directory (no %s file)"), RUN_F_COMMAND);
		snprintf(dir, size, "%s", spec);
		return 0;
	}
	if (!root) {
		if (run_root(rbuf, sizeof(rbuf), err))
			return -1;
		root = rbuf;
	}
	if ((n = run_list(root, &ids, err)) < 0)
		return -1;
	if (n == 0) {
		run_list_free(ids, n);
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0,
		                  _("no runs yet (start one with: capdash run -- CMD)"));
	}
	if (!spec || !spec[0]) {
		hit = n - 1;
		nhits = 1;
	} else {
		for (int i = 0; i < n; i++) {
			size_t li = strlen(ids[i]), ls = strlen(spec);
			if (strcmp(ids[i], spec) == 0) {
				hit = i;
				nhits = 1;
				break;
			}
			if (strncmp(ids[i], spec, ls) == 0 ||
			    (li >= ls && strcmp(ids[i] + li - ls, spec) == 0) ||
			    strstr(ids[i], spec)) {
				/* The newest of several matches is what a person means
				 * by "mnist" only when it is unambiguous. */
				hit = i;
				nhits++;
			}
		}
	}
	if (nhits != 1) {
		if (nhits)
			cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
			           _("%s matches %d runs (say more, e.g. %s)"), spec, nhits,
			           ids[hit]);
		else
			cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
			           _("no run matches %s (capdash runs lists them)"), spec);
		run_list_free(ids, n);
		return -1;
	}
	snprintf(dir, size, "%s/%s", root, ids[hit]);
	run_list_free(ids, n);
	return 0;
}

bool run_is_live(const char *dir)
{
	char path[RUN_PATH_MAX];
	int fd;
	bool live;

	if (rundir_path(path, sizeof(path), dir, RUN_F_LOCK))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* flock locks belong to the open file, so our own probe never
	 * conflicts with itself and is gone when we close. */
	live = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return live;
}
