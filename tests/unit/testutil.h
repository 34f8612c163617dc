/* testutil.h — what several unit tests share: splitmix64, a fixed-seed
 * PRNG, so that every run checks the same "random" inputs and a failure can
 * be replayed; and making and removing a scratch directory tree.
 * Header-only: each test is its own program and keeps its own seed and its
 * own way of spreading values over a range.
 */
#ifndef CAPDASH_TESTUTIL_H
#define CAPDASH_TESTUTIL_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The next splitmix64 value; advances *state. */
static inline uint64_t test_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static inline int test_rmtree_one(const char *path, const struct stat *st, int type,
                                  struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* For tests that read the tree's files by relative path: change to
 * $CAPDASH_SRC (when set) and make /tmp/<tag>.XXXXXX in dir.  0 or -1. */
static inline int test_scratch_dir(char *dir, size_t size, const char *tag)
{
	const char *src = getenv("CAPDASH_SRC");

	if (src && chdir(src) != 0)
		return -1;
	snprintf(dir, size, "/tmp/%s.XXXXXX", tag);
	return mkdtemp(dir) ? 0 : -1;
}

/* rm -rf dir, without quoting a path for a shell: 0, or -1 when something
 * could not be removed.  Does not follow symbolic links. */
static inline int test_rmtree(const char *dir)
{
	return nftw(dir, test_rmtree_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

#endif
