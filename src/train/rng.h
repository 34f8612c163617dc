/* rng.h — the trainer's shuffle and synthetic-data random numbers
 * (private to src/train/; nn*.c seeds its own initialisation).
 *
 * splitmix64: tiny, fast, and its whole state is one uint64_t, so a
 * checkpoint can record it exactly.  Not for anything security related.
 */
#ifndef CAPDASH_TRAIN_RNG_H
#define CAPDASH_TRAIN_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n), n >= 1, without modulo bias. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform in [0, 1). */
float rng_unit(struct rng *r);

/* The state that shuffles epoch `epoch` (0-based) of a run seeded `seed`:
 * each epoch's order depends only on (seed, epoch), so a resumed run can
 * rebuild it without replaying earlier epochs. */
uint64_t rng_epoch_state(uint64_t seed, int64_t epoch);

/* perm := a uniformly random permutation of 0..n-1 (Fisher–Yates) drawn
 * from state. */
void rng_permute(uint32_t *perm, uint32_t n, uint64_t state);

#endif
