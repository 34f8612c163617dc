/* data.h — the trainer's datasets: MNIST-format IDX files (gzipped or not),
 * CIFAR-10 binary batches and a generated synthetic set, held as bytes and
 * turned into normalised float batches on demand.
 *
 * Private to src/train/.  No printing: every failure is a struct cd_err
 * naming the file and the byte offset (code CD_ERR_IO: cannot open, the
 * caller exits 66; CD_ERR_SYNTAX/CD_ERR_RANGE/CD_ERR_LIMIT: bad data, 65;
 * CD_ERR_NOMEM).  Start with data_load(); the *_mem readers exist so the
 * fuzzers and tests can feed bytes without files.
 */
#ifndef CAPDASH_TRAIN_DATA_H
#define CAPDASH_TRAIN_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "capdash/err.h"

#define DATA_CLASSES 10
#define DATA_NAME_MAX 32
/* No set may hold more pixel bytes than this (guards against headers that
 * claim billions of images). */
#define DATA_BYTES_MAX ((uint64_t)2 << 30)

struct data_set {
	int channels, height, width, classes;
	uint32_t n;
	uint8_t *pixels; /* (n, C, H, W), 0..255; owned */
	uint8_t *labels; /* n, each < classes; owned */
};

enum data_format { DATA_MNIST, DATA_CIFAR10 };

struct data_opts {
	const char *dir; /* NULL: the synthetic set */
	enum data_format format;
	uint32_t train_limit, test_limit; /* first N samples; 0: all */
};

struct data_pair {
	char name[DATA_NAME_MAX]; /* "fashion-mnist" (the dir's name), "cifar10", "synthetic" */
	struct data_set train, test;
	float mean[3], std[3]; /* per channel, of the training pixels scaled to [0, 1] */
	float lut[3][256];     /* byte → normalised float, per channel */
};

/* Load (or generate) both sets, check they agree in shape, and compute the
 * normalisation.  On error *d is left empty (data_free is still safe). */
int data_load(const struct data_opts *o, struct data_pair *d, struct cd_err *err);
void data_free(struct data_pair *d);

/* x := the normalised images idx[0..n-1] of s, (n, C, H, W) floats;
 * y := their labels.  No allocation. */
void data_batch(const struct data_pair *d, const struct data_set *s, const uint32_t *idx, int n,
                float *x, uint8_t *y);

/* CRC32 of s's labels and pixels: a checkpoint records it so a resume on
 * different data is refused. */
uint32_t data_crc(const struct data_set *s);

/* Fill mean/std/lut of d from d->train. */
void data_normalise(struct data_pair *d);

/* Readers on memory (the file readers share their code).  name is used in
 * messages in place of a path.  limit 0: all.  The images/labels pair must
 * agree in count; out is allocated (free with data_set_free). */
int data_idx_read_mem(const uint8_t *img, size_t img_len, const char *img_name, const uint8_t *lbl,
                      size_t lbl_len, const char *lbl_name, uint32_t limit, struct data_set *out,
                      struct cd_err *err);
int data_cifar_read_mem(const uint8_t *buf, size_t len, const char *name, uint32_t limit,
                        struct data_set *out, struct cd_err *err);
void data_set_free(struct data_set *s);

/* A byte source shared by the readers: a gzip-or-plain file (zlib reads
 * both) or memory.  off counts uncompressed bytes consumed, for messages. */
struct data_in {
	void *gz;           /* gzFile, or NULL for memory */
	const uint8_t *mem; /* when gz is NULL */
	size_t mem_len;
	uint64_t off;
	const char *name;
};

/* Open path for reading (CD_ERR_IO naming it when it cannot be opened). */
int data_in_open(struct data_in *in, const char *path, struct cd_err *err);
void data_in_mem(struct data_in *in, const uint8_t *buf, size_t len, const char *name);
void data_in_close(struct data_in *in);
/* Read up to n bytes; *got says how many (fewer only at end of data).
 * -1 on a gzip error: "NAME: offset N: gzip: ...". */
int data_in_read(struct data_in *in, void *buf, size_t n, size_t *got, struct cd_err *err);

/* The loaders behind data_load. */
int data_idx_load(const char *dir, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                  struct cd_err *err);
int data_cifar_load(const char *dir, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                    struct cd_err *err);
/* 10 classes of oriented gratings at two frequencies with random phase,
 * position and contrast plus noise: learnable, not linearly separable, and
 * the same on every run (its own fixed seed).  cifar: 3×32×32, else 1×28×28.
 * 12,000 training and 2,000 test samples before limits. */
int data_synth_load(int cifar, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                    struct cd_err *err);

#endif
