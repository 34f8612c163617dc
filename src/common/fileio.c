/* fileio.c — bounded whole-file reads and atomic replacing writes.
 *
 * Every writer of user data (scenarios, checkpoints, run status, recovery
 * files) goes through cd_write_atomic so a crash or a full disk can never
 * leave a truncated file where a good one was.
 */
#include "capdash/common.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cd_read_file(const char *path, size_t max_bytes, char **data, size_t *len, struct cd_err *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s",
		                  errno == ENOENT ? "no such file" : strerror(errno));
	if (fstat(fd, &st) < 0) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "is a directory, expected a file");
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "not a regular file");
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		close(fd);
		return cd_err_set(err, CD_ERR_LIMIT, path, 0, 0,
		                  "file is %lld bytes, the limit is %zu", (long long)st.st_size,
		                  max_bytes);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0, "out of memory");
	}
	/* The file may grow between fstat and read: never read past the plan. */
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			close(fd);
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
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

int cd_write_atomic(const char *path, const void *data, size_t len, struct cd_err *err)
{
	char tmp[4096], dir[4096];
	struct stat st;
	mode_t mode = 0644;
	int fd, e, dfd;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "path too long");
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cd_err_set(err, CD_ERR_IO, path, 0, 0, "is a directory");
		mode = st.st_mode & 07777;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0,
		                  "cannot create a temporary file beside it: %s", strerror(errno));
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "write failed: %s", strerror(e));
	}
	if (close(fd) < 0) {
		e = errno;
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "write failed: %s", strerror(e));
	}
	if (rename(tmp, path) < 0) {
		e = errno;
		unlink(tmp);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "rename failed: %s", strerror(e));
	}
	/* Make the rename itself durable; a failure here loses nothing. */
	snprintf(dir, sizeof dir, "%s", path);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}
