/* fileio.c — bounded whole-file reads and atomic replacing writes.
 *
 * Every writer of user data (scenarios, checkpoints, run status, recovery
 * files) goes through cd_write_atomic so a crash or a full disk can never
 * leave a truncated file where a good one was.
 */
#include "capdash/common.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cd_read_file(const char *path, size_t max_bytes, char **data, size_t *len, struct cd_err *err)
{
	struct stat st;
	char *buf, *nb;
	size_t got = 0, cap, lim;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("%s"),
		                  errno == ENOENT ? "no such file" : strerror(errno));
	if (fstat(fd, &st) < 0) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("%s"), strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("is a directory, expected a file"));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("not a regular file"));
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		close(fd);
		return cd_err_set(err, CD_ERR_LIMIT, path, 0, 0,
		                  _("file is %lld bytes, the limit is %zu"), (long long)st.st_size,
		                  max_bytes);
	}
	/* st_size is only a hint: files in /proc and /sys say 0 and still hold
	 * text, and a file may grow after fstat.  Read to the end, but never
	 * more than max_bytes + 1 (that one byte is how "too large" is known). */
	lim = max_bytes < SIZE_MAX - 2 ? max_bytes + 2 : SIZE_MAX;
	cap = (size_t)st.st_size + 1 < 4096 ? 4096 : (size_t)st.st_size + 1;
	if (cap > lim)
		cap = lim;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0, _("out of memory"));
	}
	for (;;) {
		ssize_t r;

		if (got + 1 == cap) {
			size_t ncap = cap > lim / 2 ? lim : cap * 2;

			if (ncap == cap)
				break;
			nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				close(fd);
				return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0,
				                  _("out of memory"));
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + got, cap - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			close(fd);
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("%s"), strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got > max_bytes)
			break;
	}
	close(fd);
	if (got > max_bytes) {
		free(buf);
		return cd_err_set(err, CD_ERR_LIMIT, path, 0, 0,
		                  _("file is larger than the limit of %zu bytes"), max_bytes);
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Follow path through symbolic links to the file that really holds the
 * data (which need not exist yet: a dangling link names where to create it).
 * A rename over the link itself would replace the link with a plain file and
 * leave its target as it was. */
static int resolve_links(const char *path, char *out, size_t size, struct cd_err *err)
{
	char link[4096], next[8192];
	struct stat st;

	if (snprintf(out, size, "%s", path) >= (int)size)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("path too long"));
	for (int hops = 0; lstat(out, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		ssize_t n;

		if (hops == 40)
			return cd_err_set(err, CD_ERR_IO, path, 0, 0,
			                  _("too many levels of symbolic links"));
		n = readlink(out, link, sizeof link - 1);
		if (n < 0)
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("cannot read the link: %s"),
			                  strerror(errno));
		link[n] = '\0';
		if (link[0] == '/') {
			snprintf(next, sizeof next, "%s", link);
		} else {
			char dir[4096];

			snprintf(dir, sizeof dir, "%s", out);
			snprintf(next, sizeof next, "%s/%s", dirname(dir), link);
		}
		if (strlen(next) >= size)
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("path too long"));
		memcpy(out, next, strlen(next) + 1);
	}
	return 0;
}

int cd_write_atomic(const char *path, const void *data, size_t len, struct cd_err *err)
{
	char tmp[4096], dir[4096], real[4096];
	struct stat st;
	mode_t mode = 0644;
	int fd, e, dfd;

	if (resolve_links(path, real, sizeof real, err) < 0)
		return -1;
	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", real) >= (int)sizeof tmp)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("path too long"));
	if (stat(real, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("is a directory"));
		mode = st.st_mode & 07777;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0,
		                  _("cannot create a temporary file beside it: %s"),
		                  strerror(errno));
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("write failed: %s"), strerror(e));
	}
	if (close(fd) < 0) {
		e = errno;
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("write failed: %s"), strerror(e));
	}
	if (rename(tmp, real) < 0) {
		e = errno;
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, _("rename failed: %s"), strerror(e));
	}
	/* Make the rename itself durable; a failure here loses nothing. */
	snprintf(dir, sizeof dir, "%s", real);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}
