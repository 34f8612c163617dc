/* ckpt.h — capdash-train's checkpoint files: one self-checking file with
 * the whole training state, written atomically.
 *
 * Layout (version 1, little-endian, documented in capdash-train(1)):
 *   0    8  magic "\x89CDCKPT\n"
 *   8    4  format version (1)          12   4  header size (256)
 *   16   4  arch (0 mlp, 1 cnn)         20  12  channels, height, width
 *   32   4  classes                     36   4  batch
 *   40   8  parameter count N           48   8  steps done
 *   56   8  training samples            64   8  seed
 *   72   8  shuffle state of the current epoch
 *   80   4  CRC32 of the training data  84   4  epochs planned
 *   88  12  lr, momentum, weight decay (float32)
 *   100  4  zero                        104 32  data name, NUL padded
 *   136 ..255 zero
 *   256  4N parameters (float32)  256+4N  4N momentum (float32)
 *   256+8N 4 CRC32 (zlib) of every byte before it
 *
 * Private to src/train/.  No printing.  Errors: CD_ERR_IO (cannot open or
 * write), CD_ERR_SYNTAX (not a valid checkpoint), CD_ERR_STATE (valid but
 * for another run).  Start at ckpt_save() / ckpt_read_info().
 */
#ifndef CAPDASH_TRAIN_CKPT_H
#define CAPDASH_TRAIN_CKPT_H

#include <stdint.h>
#include <stdio.h>

#include "capdash/err.h"

#define CKPT_VERSION 1
#define CKPT_HEADER 256
#define CKPT_NAME_MAX 32
/* A header claiming more parameters than this is refused before anything
 * is read (the cnn on CIFAR-10 has about 4.3 million). */
#define CKPT_PARAMS_MAX ((uint64_t)1 << 28)

struct ckpt_info {
	uint32_t arch, channels, height, width, classes, batch;
	uint64_t param_count, step, train_samples, seed, shuffle_state;
	uint32_t data_crc, epochs;
	float lr, momentum, weight_decay;
	char data[CKPT_NAME_MAX]; /* NUL-terminated */
};

/* Write info, params[param_count] and momentum[param_count] to path
 * atomically (temporary file in the same directory, fsync, rename, fsync
 * of the directory): a crash leaves the old checkpoint or the new one,
 * never a mix.  Allocates nothing. */
int ckpt_save(const char *path, const struct ckpt_info *info, const float *params,
              const float *momentum, struct cd_err *err);

/* Whether ckpt_save(path) can create its temporary file: creates and
 * removes one beside path.  -1 (CD_ERR_IO, with the system's reason) for a
 * missing or unwritable directory, a parent that is not a directory, or a
 * path that is a directory.  Called before the first step so a run does not
 * train an epoch only to find it cannot save. */
int ckpt_probe(const char *path, struct cd_err *err);

/* Read and check a whole checkpoint — magic, version, header fields, size,
 * CRC — without keeping its arrays.  0 and *info filled, or -1. */
int ckpt_read_info(const char *path, struct ckpt_info *info, struct cd_err *err);
int ckpt_read_info_fp(FILE *f, const char *name, struct ckpt_info *info, struct cd_err *err);

/* Read the arrays of a checkpoint already checked by ckpt_read_info into
 * params/momentum (info->param_count floats each), verifying the CRC again
 * as it goes: -1 if the file changed in between (then the arrays hold
 * garbage and must not be used). */
int ckpt_load(const char *path, const struct ckpt_info *info, float *params, float *momentum,
              struct cd_err *err);
int ckpt_load_fp(FILE *f, const char *name, const struct ckpt_info *info, float *params,
                 float *momentum, struct cd_err *err);

/* -1 (CD_ERR_STATE, naming the first field that differs: "model: the
 * checkpoint is for mlp, this run is cnn") unless the checkpoint `saved`
 * belongs to the run described by `want`: same arch, shape, classes,
 * parameter count, batch, seed, data name, sample count and data CRC. */
int ckpt_match(const struct ckpt_info *saved, const struct ckpt_info *want, const char *path,
               struct cd_err *err);

#endif
