/* store.c — appending whole records to a run file on a disk that may be
 * full.
 *
 * The supervisor appends output chunks to output.log and JSON lines to
 * metrics.jsonl.  A full disk (ENOSPC, EDQUOT, EFBIG under RLIMIT_FSIZE) or
 * an I/O error can cut a write short; left alone, the file would end in
 * half a JSON line and the next record would be glued to it.  Here an
 * append is all or nothing: a short write is cut back to the last good size
 * with ftruncate (shrinking needs no space), and if even that fails the
 * next append first ends the fragment with '\n' so readers skip it as one
 * garbled line.  What to do with data that could not be stored (keep it,
 * drop it, count it) is the caller's choice.
 * Must not: retry by itself or block (the supervisor must keep draining the
 * child's output).  Start at store_append().
 */
#include "run_int.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

void store_init(struct store *s, int fd)
{
	struct stat sb;

	s->fd = fd;
	s->good = fd >= 0 && fstat(fd, &sb) == 0 ? sb.st_size : 0;
	s->torn = false;
	s->err = 0;
	s->write_fn = write;
	s->truncate_fn = ftruncate;
}

/* Write all of p or fail; returns how much was written before failing. */
static size_t put(struct store *s, const char *p, size_t n, int *e)
{
	size_t done = 0;

	*e = 0;
	while (done < n) {
		ssize_t w = s->write_fn(s->fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*e = w < 0 ? errno : ENOSPC; /* 0 from write(2): no room */
			break;
		}
		done += (size_t)w;
	}
	return done;
}

int store_append(struct store *s, const void *buf, size_t n)
{
	size_t done;
	int e;

	if (s->fd < 0) {
		s->err = EBADF;
		return -1;
	}
	if (s->torn) {
		if (put(s, "\n", 1, &e) != 1) {
			s->err = e;
			return -1;
		}
		s->torn = false;
		s->good++;
	}
	done = put(s, buf, n, &e);
	if (!e) {
		s->good += (off_t)n;
		s->err = 0;
		return 0;
	}
	if (done && s->truncate_fn(s->fd, s->good)) {
		s->good += (off_t)done; /* the fragment stays; end it next time */
		s->torn = true;
	}
	s->err = e;
	return -1;
}
