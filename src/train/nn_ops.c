/* nn_ops.c — the loss and the elementwise passes over all parameters
 * (momentum SGD, summing the threads' conv gradients).
 *
 * The parameter passes stream 13 MB arrays each step, so they are
 * compiled for AVX-512, AVX2 and baseline x86-64 and the loader picks
 * one for this CPU at run time (NN_MULTIVERSION in nn_impl.h; the
 * portable loop elsewhere).  Must not allocate.
 */
#include "nn_impl.h"

#include <math.h>

float nn_softmax_ce(int n, int classes, const float *logits, const uint8_t *y, float *dlogits,
                    double *loss_sum, int64_t *correct)
{
	double total = 0;

	for (int r = 0; r < n; r++) {
		const float *l = logits + (size_t)r * classes;
		float m = l[0], s = 0;
		int best = 0;

		for (int c = 1; c < classes; c++)
			if (l[c] > m)
				m = l[c], best = c;
		for (int c = 0; c < classes; c++)
			s += expf(l[c] - m);
		total += (double)(m + logf(s) - l[y[r]]);
		if (correct)
			*correct += best == y[r];
		if (dlogits) {
			float *d = dlogits + (size_t)r * classes;

			for (int c = 0; c < classes; c++)
				d[c] = expf(l[c] - m) / s / (float)n;
			d[y[r]] -= 1.0f / (float)n;
		}
	}
	if (loss_sum)
		*loss_sum += total;
	return n > 0 ? (float)(total / n) : 0.0f;
}

NN_MULTIVERSION
void nn_sgd(size_t n, float *restrict w, const float *restrict g, float *restrict v, float lr,
            float mu, float wd)
{
	for (size_t i = 0; i < n; i++) {
		float vi = mu * v[i] + (g[i] + wd * w[i]);

		v[i] = vi;
		w[i] -= lr * vi;
	}
}

NN_MULTIVERSION
void nn_sum_into(size_t n, float *restrict dst, const float *const *src, int nsrc)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[0][i];
	for (int k = 1; k < nsrc; k++) {
		const float *restrict s = src[k];

		for (size_t i = 0; i < n; i++)
			dst[i] += s[i];
	}
}
