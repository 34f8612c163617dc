/* testutil.h — what several unit tests share: splitmix64, a fixed-seed
 * PRNG, so that every run checks the same "random" inputs and a failure can
 * be replayed.  Header-only: each test is its own program and keeps its own
 * seed and its own way of spreading values over a range.
 */
#ifndef CAPDASH_TESTUTIL_H
#define CAPDASH_TESTUTIL_H

#include <stdint.h>

/* The next splitmix64 value; advances *state. */
static inline uint64_t test_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

#endif
