/* data_in.c — one byte-reading interface over gzip/plain files (zlib's gz*
 * reads both) and memory, so the IDX and CIFAR readers are the same code in
 * the trainer and in the fuzzers.
 *
 * Must not print; errors name the file and the uncompressed offset.
 */
#include "data.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int data_in_open(struct data_in *in, const char *path, struct cd_err *err)
{
	struct stat st;
	gzFile gz;
	int fd;

	memset(in, 0, sizeof *in);
	in->name = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s",
		                  errno == ENOENT ? "no such file" : strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "is a directory, expected a file");
	}
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0, "out of memory");
	}
	gzbuffer(gz, 128 * 1024);
	in->gz = gz;
	return 0;
}

void data_in_mem(struct data_in *in, const uint8_t *buf, size_t len, const char *name)
{
	memset(in, 0, sizeof *in);
	in->mem = buf;
	in->mem_len = len;
	in->name = name;
}

void data_in_close(struct data_in *in)
{
	if (in->gz)
		gzclose_r((gzFile)in->gz);
	in->gz = NULL;
}

int data_in_read(struct data_in *in, void *buf, size_t n, size_t *got, struct cd_err *err)
{
	*got = 0;
	if (!in->gz) {
		size_t left = in->off < in->mem_len ? in->mem_len - (size_t)in->off : 0;
		size_t k = n < left ? n : left;

		if (k)
			memcpy(buf, in->mem + in->off, k);
		in->off += k;
		*got = k;
		return 0;
	}
	while (*got < n) {
		/* gzread takes unsigned int: read in bounded chunks. */
		size_t want = n - *got > (1u << 30) ? (1u << 30) : n - *got;
		int r = gzread((gzFile)in->gz, (char *)buf + *got, (unsigned)want);
		int zerr = Z_OK;
		const char *msg;

		if (r > 0) {
			*got += (size_t)r;
			in->off += (uint64_t)r;
			continue;
		}
		msg = gzerror((gzFile)in->gz, &zerr);
		if (r < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
			if (zerr == Z_BUF_ERROR)
				msg = "unexpected end of file (the compressed file is truncated)";
			else if (zerr == Z_ERRNO)
				msg = strerror(errno);
			return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
			                  "offset %llu: gzip: %s", (unsigned long long)in->off,
			                  msg);
		}
		break; /* clean end of data */
	}
	return 0;
}
