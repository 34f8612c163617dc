/* data_idx.c — MNIST-format IDX files (MNIST, Fashion-MNIST, KMNIST, ...):
 * an images file (magic 00 00 08 03, count, rows, cols, then bytes) and a
 * labels file (00 00 08 01, count, then bytes), gzipped or not.
 *
 * Must not print.  Every error names the file and the byte offset where the
 * problem is.  Start at data_idx_load().
 */
#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Header fields of one IDX file. */
struct idx_head {
	int ndims;
	uint32_t dims[3];
	uint64_t body; /* offset where the data starts */
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Read and check the header of an IDX file that must have `ndims`
 * dimensions (3: images, 1: labels). */
static int idx_head_read(struct data_in *in, int ndims, struct idx_head *h, struct cd_err *err)
{
	uint8_t b[16];
	size_t got, want = 4 + 4 * (size_t)ndims;

	if (data_in_read(in, b, want, &got, err) < 0)
		return -1;
	if (got >= 4 && (b[0] || b[1] || b[3] < 1 || b[3] > 3))
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset 0: not an IDX file (magic %02x %02x %02x %02x, expected "
		                  "00 00 08 %02x)",
		                  b[0], b[1], b[2], b[3], ndims);
	if (got >= 4 && b[2] != 0x08)
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset 2: IDX data type 0x%02x is not supported (expected 0x08, "
		                  "unsigned bytes)",
		                  b[2]);
	if (got >= 4 && b[3] != ndims)
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset 3: %d dimensions, expected %d (%s)", b[3], ndims,
		                  ndims == 3 ? "an images file" : "a labels file");
	if (got < want)
		return cd_err_set(
		        err, CD_ERR_SYNTAX, in->name, 0, 0,
		        "offset %zu: truncated: expected a %zu-byte IDX header, got %zu bytes", got,
		        want, got);
	h->ndims = ndims;
	for (int i = 0; i < ndims; i++)
		h->dims[i] = be32(b + 4 + 4 * i);
	h->body = want;
	return 0;
}

/* After the last byte we use: when the whole file was read, anything more
 * means the header and the data disagree. */
static int idx_check_end(struct data_in *in, const char *what, uint32_t n, struct cd_err *err)
{
	uint8_t extra;
	size_t got;
	uint64_t at = in->off;

	if (data_in_read(in, &extra, 1, &got, err) < 0)
		return -1;
	if (got)
		return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
		                  "offset %llu: unexpected data after the last of the %u %s the "
		                  "header announces",
		                  (unsigned long long)at, n, what);
	return 0;
}

/* Past the first n_read items, read (and discard) the rest of the file that
 * the header announces, so a file damaged beyond --limit is refused before
 * training as surely as one read in full: truncation, a gzip stream cut
 * short or failing its CRC, extra data, and (for labels) out-of-range
 * values all stop here.  Streams in small chunks: the skipped part is never
 * held. */
static int idx_check_rest(struct data_in *in, const struct idx_head *h, uint64_t n_read,
                          struct cd_err *err)
{
	uint8_t buf[32768];
	uint64_t item = h->ndims == 3 ? (uint64_t)h->dims[1] * h->dims[2] : 1;
	uint64_t left = (h->dims[0] - n_read) * item, done = n_read * item;
	const char *what = h->ndims == 3 ? "images" : "labels";

	while (left) {
		size_t want = left < sizeof buf ? (size_t)left : sizeof buf, got;
		uint64_t at = in->off;

		if (data_in_read(in, buf, want, &got, err) < 0)
			return -1;
		if (h->ndims == 1)
			for (size_t i = 0; i < got; i++)
				if (buf[i] >= DATA_CLASSES)
					return cd_err_set(err, CD_ERR_RANGE, in->name, 0, 0,
					                  "offset %llu: label %u is out of range "
					                  "(expected 0 to %d)",
					                  (unsigned long long)(at + i), buf[i],
					                  DATA_CLASSES - 1);
		done += got;
		left -= got;
		if (got < want) {
			if (h->ndims == 1)
				return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
				                  "offset %llu: truncated: expected %u labels, got "
				                  "%llu",
				                  (unsigned long long)h->body, h->dims[0],
				                  (unsigned long long)done);
			return cd_err_set(err, CD_ERR_SYNTAX, in->name, 0, 0,
			                  "offset %llu: truncated: expected %u images of %ux%u "
			                  "(%llu bytes), got %llu bytes",
			                  (unsigned long long)h->body, h->dims[0], h->dims[1],
			                  h->dims[2], (unsigned long long)(h->dims[0] * item),
			                  (unsigned long long)done);
		}
	}
	return idx_check_end(in, what, h->dims[0], err);
}

/* Read both files of a pair into out: the first `limit` items (all when 0),
 * and every file checked to its last byte even when limit reads fewer. */
static int idx_read_pair(struct data_in *img, struct data_in *lbl, uint32_t limit,
                         struct data_set *out, struct cd_err *err)
{
	struct idx_head hi, hl;
	uint32_t n;
	uint64_t px, bytes;
	size_t got;

	memset(out, 0, sizeof *out);
	if (idx_head_read(img, 3, &hi, err) < 0 || idx_head_read(lbl, 1, &hl, err) < 0)
		return -1;
	if (hi.dims[0] == 0)
		return cd_err_set(err, CD_ERR_RANGE, img->name, 0, 0,
		                  "offset 4: the header says 0 images");
	if (hi.dims[1] < 1 || hi.dims[1] > 1024 || hi.dims[2] < 1 || hi.dims[2] > 1024)
		return cd_err_set(err, CD_ERR_RANGE, img->name, 0, 0,
		                  "offset 8: image size %ux%u is out of range (expected 1 to 1024 "
		                  "on each side)",
		                  hi.dims[1], hi.dims[2]);
	if (hl.dims[0] != hi.dims[0])
		return cd_err_set(err, CD_ERR_SYNTAX, lbl->name, 0, 0,
		                  "offset 4: %u labels, but %s has %u images", hl.dims[0],
		                  img->name, hi.dims[0]);
	n = limit && limit < hi.dims[0] ? limit : hi.dims[0];
	px = (uint64_t)hi.dims[1] * hi.dims[2];
	bytes = px * n;
	if (bytes > DATA_BYTES_MAX)
		return cd_err_set(err, CD_ERR_LIMIT, img->name, 0, 0,
		                  "offset 4: %u images of %ux%u is more than the %llu-byte limit "
		                  "(use --limit)",
		                  n, hi.dims[1], hi.dims[2], (unsigned long long)DATA_BYTES_MAX);
	out->pixels = malloc((size_t)bytes);
	out->labels = malloc(n);
	if (!out->pixels || !out->labels) {
		data_set_free(out);
		return cd_err_set(err, CD_ERR_NOMEM, img->name, 0, 0, "out of memory for %u images",
		                  n);
	}
	out->channels = 1;
	out->height = (int)hi.dims[1];
	out->width = (int)hi.dims[2];
	out->classes = DATA_CLASSES;
	out->n = n;

	if (data_in_read(lbl, out->labels, n, &got, err) < 0)
		goto fail;
	if (got < n) {
		cd_err_set(err, CD_ERR_SYNTAX, lbl->name, 0, 0,
		           "offset %llu: truncated: expected %u labels, got %zu",
		           (unsigned long long)hl.body, hl.dims[0], got);
		goto fail;
	}
	for (uint32_t i = 0; i < n; i++)
		if (out->labels[i] >= DATA_CLASSES) {
			cd_err_set(err, CD_ERR_RANGE, lbl->name, 0, 0,
			           "offset %llu: label %u is out of range (expected 0 to %d)",
			           (unsigned long long)(hl.body + i), out->labels[i],
			           DATA_CLASSES - 1);
			goto fail;
		}
	if (data_in_read(img, out->pixels, (size_t)bytes, &got, err) < 0)
		goto fail;
	if (got < bytes) {
		cd_err_set(err, CD_ERR_SYNTAX, img->name, 0, 0,
		           "offset %llu: truncated: expected %u images of %ux%u (%llu bytes), got "
		           "%zu bytes",
		           (unsigned long long)hi.body, hi.dims[0], hi.dims[1], hi.dims[2],
		           (unsigned long long)(px * hi.dims[0]), got);
		goto fail;
	}
	if (idx_check_rest(lbl, &hl, n, err) < 0 || idx_check_rest(img, &hi, n, err) < 0)
		goto fail;
	return 0;
fail:
	data_set_free(out);
	return -1;
}

int data_idx_read_mem(const uint8_t *img, size_t img_len, const char *img_name, const uint8_t *lbl,
                      size_t lbl_len, const char *lbl_name, uint32_t limit, struct data_set *out,
                      struct cd_err *err)
{
	struct data_in a, b;

	data_in_mem(&a, img, img_len, img_name);
	data_in_mem(&b, lbl, lbl_len, lbl_name);
	return idx_read_pair(&a, &b, limit, out, err);
}

/* The names MNIST-format files go by: the standard one, gzipped or not, and
 * the dotted variant some mirrors use. */
static int idx_find(const char *dir, const char *stem, char *path, size_t size, struct cd_err *err)
{
	static const char *const forms[] = {"%s/%s-idx%d-ubyte.gz", "%s/%s-idx%d-ubyte",
	                                    "%s/%s.idx%d-ubyte.gz", "%s/%s.idx%d-ubyte"};
	int dims = strstr(stem, "images") ? 3 : 1;
	struct stat st;

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		snprintf(path, size, forms[i], dir, stem, dims);
		if (stat(path, &st) == 0)
			return 0;
	}
	snprintf(path, size, forms[0], dir, stem, dims);
	return cd_err_set(
	        err, CD_ERR_IO, path, 0, 0,
	        "no such file (nor %s-idx%d-ubyte, uncompressed): not an MNIST-format directory",
	        stem, dims);
}

static int idx_load_pair(const char *dir, const char *img_stem, const char *lbl_stem,
                         uint32_t limit, struct data_set *out, struct cd_err *err)
{
	char ip[4096], lp[4096];
	struct data_in img, lbl;
	int rc;

	if (idx_find(dir, img_stem, ip, sizeof ip, err) < 0 ||
	    idx_find(dir, lbl_stem, lp, sizeof lp, err) < 0)
		return -1;
	if (data_in_open(&img, ip, err) < 0)
		return -1;
	if (data_in_open(&lbl, lp, err) < 0) {
		data_in_close(&img);
		return -1;
	}
	rc = idx_read_pair(&img, &lbl, limit, out, err);
	data_in_close(&img);
	data_in_close(&lbl);
	return rc;
}

int data_idx_load(const char *dir, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                  struct cd_err *err)
{
	if (idx_load_pair(dir, "train-images", "train-labels", train_limit, &d->train, err) < 0 ||
	    idx_load_pair(dir, "t10k-images", "t10k-labels", test_limit, &d->test, err) < 0)
		return -1;
	if (d->test.height != d->train.height || d->test.width != d->train.width)
		return cd_err_set(err, CD_ERR_SYNTAX, dir, 0, 0,
		                  "test images are %dx%d but training images are %dx%d",
		                  d->test.height, d->test.width, d->train.height, d->train.width);
	return 0;
}
