/* smooth.c — the loss chart's smoothed line: TensorBoard's debiased
 * exponential moving average, as a pure function over a series.
 *
 * Debiasing divides by 1 - w^k (k = finite values seen), so the line starts
 * at the first value instead of creeping up from zero.  No I/O, no state.
 */
#include "capdash/run.h"

#include <math.h>

void run_smooth_ema(const double *y, size_t n, double smoothing, double *out)
{
	double w = smoothing >= 0 && smoothing < 1 ? smoothing : 0, last = 0, wk = 1, prev = NAN;

	for (size_t i = 0; i < n; i++) {
		if (isfinite(y[i])) {
			last = last * w + (1 - w) * y[i];
			wk *= w;
			prev = wk < 1 ? last / (1 - wk) : y[i];
		}
		out[i] = prev;
	}
}
