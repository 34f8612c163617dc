/* data_cifar.c — CIFAR-10's binary batches: data_batch_1.bin ...
 * data_batch_5.bin and test_batch.bin, each a run of 3,073-byte records
 * (1 label byte, then 1,024 red, 1,024 green and 1,024 blue bytes: already
 * (C, H, W), which is the layout the network wants).
 *
 * Must not print.  Errors name the file and the byte offset.  Start at
 * data_cifar_load().
 */
#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CIFAR_PIX 3072
#define CIFAR_REC (1 + CIFAR_PIX)
#define CIFAR_TRAIN_FILES 5

static int cifar_alloc(struct data_set *s, uint32_t n, const char *name, struct cd_err *err)
{
	memset(s, 0, sizeof *s);
	s->pixels = malloc((size_t)n * CIFAR_PIX);
	s->labels = malloc(n ? n : 1);
	if (!s->pixels || !s->labels) {
		data_set_free(s);
		return cd_err_set(err, CD_ERR_NOMEM, name, 0, 0, "out of memory for %u images", n);
	}
	s->channels = 3;
	s->height = s->width = 32;
	s->classes = DATA_CLASSES;
	s->n = 0;
	return 0;
}

/* Append up to `want` records of `in` (which holds `len` bytes) to s, then
 * read the rest of the file to its end, so damage past --limit (a size that
 * is not a whole number of records, a file that is not what its size says,
 * such as a gzipped batch, or a bad label) stops the run before training. */
static int cifar_read(struct data_in *in, uint64_t len, uint32_t want, struct data_set *s,
                      struct cd_err *err)
{
	uint64_t recs = len / CIFAR_REC, r;
	uint8_t rec[CIFAR_REC];

	if (len == 0)
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset 0: empty file, expected records of %d bytes", CIFAR_REC);
	if (len % CIFAR_REC)
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset %llu: truncated: the last record has %llu of %d bytes",
		                  (unsigned long long)(len / CIFAR_REC * CIFAR_REC),
		                  (unsigned long long)(len % CIFAR_REC), CIFAR_REC);
	for (r = 0; r < recs; r++) {
		size_t got;
		uint64_t at = in->off;

		if (data_in_read(in, rec, CIFAR_REC, &got, err) < 0)
			return -1;
		if (got < CIFAR_REC)
			return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
			                  "offset %llu: truncated: record %llu has %zu of %d bytes "
			                  "(the file's size says %llu records)",
			                  (unsigned long long)at, (unsigned long long)r + 1, got,
			                  CIFAR_REC, (unsigned long long)recs);
		if (rec[0] >= DATA_CLASSES)
			return cd_err_set(
			        err, CD_ERR_RANGE, in->name, 0, 0,
			        "offset %llu: label %u is out of range (expected 0 to %d)",
			        (unsigned long long)at, rec[0], DATA_CLASSES - 1);
		if (r < want) {
			s->labels[s->n] = rec[0];
			memcpy(s->pixels + (size_t)s->n * CIFAR_PIX, rec + 1, CIFAR_PIX);
			s->n++;
		}
	}
	{
		size_t got;
		uint64_t at = in->off;

		if (data_in_read(in, rec, 1, &got, err) < 0)
			return -1;
		if (got)
			return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
			                  "offset %llu: more data than the file's size of %llu "
			                  "bytes (a compressed batch? expected plain %d-byte "
			                  "records)",
			                  (unsigned long long)at, (unsigned long long)len,
			                  CIFAR_REC);
	}
	return 0;
}

int data_cifar_read_mem(const uint8_t *buf, size_t len, const char *name, uint32_t limit,
                        struct data_set *out, struct cd_err *err)
{
	struct data_in in;
	uint64_t n = len / CIFAR_REC;

	if (limit && limit < n)
		n = limit;
	if (cifar_alloc(out, (uint32_t)(n ? n : 1), name, err) < 0)
		return -1;
	data_in_mem(&in, buf, len, name);
	if (cifar_read(&in, len, (uint32_t)n, out, err) < 0) {
		data_set_free(out);
		return -1;
	}
	return 0;
}

/* Sizes of the files we will read, so one allocation holds the whole set. */
static int cifar_sizes(const char *const *paths, int nfiles, uint64_t *sizes, uint32_t limit,
                       uint32_t *total, struct cd_err *err)
{
	uint64_t sum = 0;
	struct stat st;

	for (int i = 0; i < nfiles; i++) {
		sizes[i] = 0;
		/* A file past the limit need not exist; when it does, its size
		 * must still be a whole number of records. */
		if (limit && sum >= limit) {
			if (stat(paths[i], &st) == 0 && S_ISREG(st.st_mode) &&
			    (st.st_size == 0 || st.st_size % CIFAR_REC))
				return cd_err_set(
				        err, CD_ERR_SYNTAX, paths[i], 0, 0,
				        "offset %llu: truncated: the last record has "
				        "%llu of %d bytes",
				        (unsigned long long)(st.st_size / CIFAR_REC * CIFAR_REC),
				        (unsigned long long)(st.st_size % CIFAR_REC), CIFAR_REC);
			continue;
		}
		if (stat(paths[i], &st) < 0)
			return cd_err_set(err, CD_ERR_IO, paths[i], 0, 0,
			                  "no such file (expected CIFAR-10's binary batches: "
			                  "data_batch_1.bin ... data_batch_5.bin, test_batch.bin)");
		if (!S_ISREG(st.st_mode))
			return cd_err_set(err, CD_ERR_IO, paths[i], 0, 0, "not a regular file");
		sizes[i] = (uint64_t)st.st_size;
		sum += sizes[i] / CIFAR_REC;
	}
	if (limit && sum > limit)
		sum = limit;
	if (sum * CIFAR_PIX > DATA_BYTES_MAX)
		return cd_err_set(err, CD_ERR_LIMIT, paths[0], 0, 0,
		                  "%llu records is more than the %llu-byte limit (use --limit)",
		                  (unsigned long long)sum, (unsigned long long)DATA_BYTES_MAX);
	*total = (uint32_t)sum;
	return 0;
}

static int cifar_load_files(const char *const *paths, int nfiles, uint32_t limit,
                            struct data_set *s, struct cd_err *err)
{
	uint64_t sizes[CIFAR_TRAIN_FILES];
	uint32_t total = 0;

	if (cifar_sizes(paths, nfiles, sizes, limit, &total, err) < 0 ||
	    cifar_alloc(s, total ? total : 1, paths[0], err) < 0)
		return -1;
	for (int i = 0; i < nfiles && s->n < total; i++) {
		struct data_in in;
		int rc;

		if (data_in_open(&in, paths[i], err) < 0)
			goto fail;
		rc = cifar_read(&in, sizes[i], total - s->n, s, err);
		data_in_close(&in);
		if (rc < 0)
			goto fail;
	}
	if (s->n == 0) {
		cd_err_set(err, CD_ERR_SYNTAX, paths[0], 0, 0,
		           "offset 0: no complete %d-byte record", CIFAR_REC);
		goto fail;
	}
	return 0;
fail:
	data_set_free(s);
	return -1;
}

int data_cifar_load(const char *dir, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                    struct cd_err *err)
{
	char buf[CIFAR_TRAIN_FILES][4096], tbuf[4096];
	const char *paths[CIFAR_TRAIN_FILES], *tpath = tbuf;

	for (int i = 0; i < CIFAR_TRAIN_FILES; i++) {
		snprintf(buf[i], sizeof buf[i], "%s/data_batch_%d.bin", dir, i + 1);
		paths[i] = buf[i];
	}
	snprintf(tbuf, sizeof tbuf, "%s/test_batch.bin", dir);
	if (cifar_load_files(paths, CIFAR_TRAIN_FILES, train_limit, &d->train, err) < 0 ||
	    cifar_load_files(&tpath, 1, test_limit, &d->test, err) < 0)
		return -1;
	return 0;
}
