/* rng.c — splitmix64 and the per-epoch shuffle (see rng.h).
 *
 * Must stay bit-for-bit stable: checkpoints and the determinism tests rely
 * on the same seed giving the same order on every build.
 */
#include "rng.h"

void rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	/* Lemire's multiply-shift with rejection of the biased low zone. */
	uint64_t m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
	uint32_t lo = (uint32_t)m;

	if (lo < n) {
		uint32_t t = (uint32_t)-n % n;

		while (lo < t) {
			m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
			lo = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

float rng_unit(struct rng *r)
{
	return (float)(rng_next(r) >> 40) * (1.0f / 16777216.0f);
}

uint64_t rng_epoch_state(uint64_t seed, int64_t epoch)
{
	struct rng r;

	rng_seed(&r, seed ^ 0x53485546464C45ull); /* "SHUFFLE" */
	r.s += (uint64_t)epoch * 0xD1B54A32D192ED03ull;
	return rng_next(&r);
}

void rng_permute(uint32_t *perm, uint32_t n, uint64_t state)
{
	struct rng r;

	rng_seed(&r, state);
	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	for (uint32_t i = n; i > 1; i--) {
		uint32_t j = rng_below(&r, i);
		uint32_t t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}
