/* common.h — small helpers shared by every module: suggestions for typos,
 * bounded file reads and atomic file writes.
 *
 * The budget model may use cd_closest() (pure); the file helpers do I/O and
 * must not be called from src/model/.
 */
#ifndef CAPDASH_COMMON_H
#define CAPDASH_COMMON_H

#include <stddef.h>

#include "capdash/err.h"

#define CD_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The candidate closest to word by edit distance, or NULL when none is close
 * enough to be a plausible typo (distance > max(1, strlen(word) / 3)).
 * Case-insensitive.  Used for "did you mean gpus?". */
const char *cd_closest(const char *word, const char *const *cands, size_t n);

/* The did-you-mean of every message: cd_closest, or else a candidate that
 * differs from word by one swap of two neighbouring letters ("alpah",
 * "clac"), which edit distance counts as two edits but a person makes as one
 * slip.  NULL when neither finds one. */
const char *cd_suggest(const char *word, const char *const *cands, size_t n);

/* Read a whole regular file into a NUL-terminated heap buffer.  Refuses
 * directories, devices and files larger than max_bytes (checked with fstat
 * before reading, so a 100 MB file costs nothing; a file whose size fstat
 * does not know, as in /proc, is read to its end but never past
 * max_bytes + 1).  On success *data is owned
 * by the caller (free()), *len excludes the terminating NUL.  Errors name the
 * file: "no such file", "is a directory", "file is 104857600 bytes, the limit
 * is 1048576", ...  Returns 0 or -1 (err->code CD_ERR_IO or CD_ERR_LIMIT). */
int cd_read_file(const char *path, size_t max_bytes, char **data, size_t *len, struct cd_err *err);

/* Replace path's contents with data, atomically: write a temporary file in the
 * same directory, fsync it, rename it over path, fsync the directory.  On any
 * failure the old file is untouched and the temporary is removed.  The new
 * file keeps the old one's permission bits (0644 when new).  When path is a
 * symbolic link (or a chain of them) the file it points to is replaced and
 * the link stays, the temporary file being made beside that target.
 * Returns 0 or -1. */
int cd_write_atomic(const char *path, const void *data, size_t len, struct cd_err *err);

#endif
