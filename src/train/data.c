/* data.c — choosing a loader, normalisation and batch assembly for the
 * trainer's datasets (see data.h).
 *
 * data_batch() runs every step: it must not allocate.  Must not print.
 */
#include "data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

void data_set_free(struct data_set *s)
{
	free(s->pixels);
	free(s->labels);
	memset(s, 0, sizeof *s);
}

void data_free(struct data_pair *d)
{
	data_set_free(&d->train);
	data_set_free(&d->test);
}

/* The directory's own name names the data: "fashion-mnist", "mnist", ... */
static void data_name_from_dir(char *name, size_t size, const char *dir)
{
	size_t n = strlen(dir);
	const char *b;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	b = dir + n;
	while (b > dir && b[-1] != '/')
		b--;
	n -= (size_t)(b - dir);
	if (n == 0 || n >= size || (n == 1 && b[0] == '.') || (n == 2 && !strncmp(b, "..", 2)))
		snprintf(name, size, "mnist-format");
	else
		snprintf(name, size, "%.*s", (int)n, b);
}

void data_normalise(struct data_pair *d)
{
	const struct data_set *s = &d->train;
	size_t hw = (size_t)s->height * s->width;

	for (int c = 0; c < s->channels && c < 3; c++) {
		uint64_t hist[256] = {0};
		double sum = 0, sq = 0, cnt = 0, mean, var;

		for (uint32_t i = 0; i < s->n; i++) {
			const uint8_t *p = s->pixels + ((size_t)i * s->channels + c) * hw;

			for (size_t j = 0; j < hw; j++)
				hist[p[j]]++;
		}
		for (int v = 0; v < 256; v++) {
			sum += (double)hist[v] * v / 255.0;
			sq += (double)hist[v] * (v / 255.0) * (v / 255.0);
			cnt += (double)hist[v];
		}
		mean = cnt > 0 ? sum / cnt : 0;
		var = cnt > 0 ? sq / cnt - mean * mean : 0;
		/* A constant image set has no spread: scale by 1, not by 1/0. */
		d->mean[c] = (float)mean;
		d->std[c] = var > 1e-12 ? (float)sqrt(var) : 1.0f;
		for (int v = 0; v < 256; v++)
			d->lut[c][v] = ((float)v / 255.0f - d->mean[c]) / d->std[c];
	}
}

int data_load(const struct data_opts *o, struct data_pair *d, struct cd_err *err)
{
	struct stat st;
	int rc;

	memset(d, 0, sizeof *d);
	if (!o->dir) {
		snprintf(d->name, sizeof d->name, "synthetic");
		rc = data_synth_load(o->format == DATA_CIFAR10, o->train_limit, o->test_limit, d,
		                     err);
	} else {
		if (stat(o->dir, &st) < 0)
			return cd_err_set(err, CD_ERR_IO, o->dir, 0, 0, "%s",
			                  errno == ENOENT ? "no such directory" : strerror(errno));
		if (!S_ISDIR(st.st_mode))
			return cd_err_set(err, CD_ERR_IO, o->dir, 0, 0,
			                  "not a directory (--data takes the directory that holds "
			                  "the files)");
		if (o->format == DATA_CIFAR10) {
			snprintf(d->name, sizeof d->name, "cifar10");
			rc = data_cifar_load(o->dir, o->train_limit, o->test_limit, d, err);
		} else {
			data_name_from_dir(d->name, sizeof d->name, o->dir);
			rc = data_idx_load(o->dir, o->train_limit, o->test_limit, d, err);
		}
	}
	if (rc < 0) {
		data_free(d);
		return -1;
	}
	data_normalise(d);
	return 0;
}

void data_batch(const struct data_pair *d, const struct data_set *s, const uint32_t *idx, int n,
                float *x, uint8_t *y)
{
	size_t hw = (size_t)s->height * s->width, per = hw * s->channels;

	for (int i = 0; i < n; i++) {
		const uint8_t *p = s->pixels + per * idx[i];
		float *o = x + per * i;

		for (int c = 0; c < s->channels; c++) {
			const float *lut = d->lut[c < 3 ? c : 2];

			for (size_t j = 0; j < hw; j++)
				o[c * hw + j] = lut[p[c * hw + j]];
		}
		y[i] = s->labels[idx[i]];
	}
}

uint32_t data_crc(const struct data_set *s)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	size_t bytes = (size_t)s->n * s->channels * s->height * s->width;

	crc = crc32_z(crc, s->labels, s->n);
	crc = crc32_z(crc, s->pixels, bytes);
	return (uint32_t)crc;
}
