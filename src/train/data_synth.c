/* data_synth.c — a generated, learnable image set so capdash-train runs
 * where no dataset is installed.
 *
 * Class k is a sinusoidal grating at angle (k mod 5) × 36° with 3 (k < 5) or
 * 6 cycles per image, under a Gaussian window whose centre, phase and
 * contrast vary per sample, plus uniform noise.  A random phase means no
 * single template matches a class, so a linear model does poorly and a
 * hidden layer or a convolution does well.  Generated from a fixed seed: the
 * same set on every run and every machine with the same libm.
 */
#include "data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define SYNTH_TRAIN 12000
#define SYNTH_TEST 2000
#define SYNTH_SEED 0x43415044415348ull /* "CAPDASH" */

static void synth_sample(struct rng *r, int k, int c, int h, int w, uint8_t *px)
{
	const float pi = 3.14159265f;
	float ang = ((float)k + (rng_unit(r) - 0.5f) * 0.6f) * pi / 10.0f;
	float freq = (3.0f + (float)(k % 3) * 0.75f) * 2.0f * pi / (float)w;
	float phase = rng_unit(r) * 2.0f * pi;
	float amp = 0.4f + 0.6f * rng_unit(r);
	float cy = (float)h / 2 + (rng_unit(r) - 0.5f) * (float)h / 3;
	float cx = (float)w / 2 + (rng_unit(r) - 0.5f) * (float)w / 3;
	float sigma2 = 2.0f * ((float)w / 5) * ((float)w / 5);
	float ca = cosf(ang), sa = sinf(ang);

	for (int ch = 0; ch < c; ch++) {
		/* Colour sets: a class-dependent tint when there are 3 channels. */
		float tint = c == 1 ? 1.0f : 0.6f + 0.4f * (float)((k + ch) % 3) / 2.0f;

		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float dy = (float)y - cy, dx = (float)x - cx;
				float env = expf(-(dx * dx + dy * dy) / sigma2);
				float g = cosf(freq * (dx * ca + dy * sa) + phase);
				float v = 128.0f + 110.0f * tint * amp * env * g +
				          (rng_unit(r) - 0.5f) * 120.0f;

				v = v < 0 ? 0 : v > 255 ? 255 : v;
				px[((size_t)ch * h + y) * w + x] = (uint8_t)v;
			}
	}
}

static int synth_set(struct rng *r, int cifar, uint32_t n, struct data_set *s, struct cd_err *err)
{
	int c = cifar ? 3 : 1, hw = cifar ? 32 : 28;
	size_t per = (size_t)c * hw * hw;

	memset(s, 0, sizeof *s);
	s->pixels = malloc(per * n);
	s->labels = malloc(n);
	if (!s->pixels || !s->labels) {
		data_set_free(s);
		return cd_err_set(err, CD_ERR_NOMEM, "synthetic", 0, 0,
		                  "out of memory for %u images", n);
	}
	s->channels = c;
	s->height = s->width = hw;
	s->classes = DATA_CLASSES;
	s->n = n;
	for (uint32_t i = 0; i < n; i++) {
		int k = (int)rng_below(r, DATA_CLASSES);

		s->labels[i] = (uint8_t)k;
		synth_sample(r, k, c, hw, hw, s->pixels + per * i);
	}
	return 0;
}

int data_synth_load(int cifar, uint32_t train_limit, uint32_t test_limit, struct data_pair *d,
                    struct cd_err *err)
{
	struct rng r;
	uint32_t ntr = train_limit && train_limit < SYNTH_TRAIN ? train_limit : SYNTH_TRAIN;
	uint32_t nte = test_limit && test_limit < SYNTH_TEST ? test_limit : SYNTH_TEST;

	/* Train and test come from separate streams so a --limit on one does
	 * not change the other. */
	rng_seed(&r, SYNTH_SEED);
	if (synth_set(&r, cifar, ntr, &d->train, err) < 0)
		return -1;
	rng_seed(&r, SYNTH_SEED ^ 0x7E57ull);
	return synth_set(&r, cifar, nte, &d->test, err);
}
