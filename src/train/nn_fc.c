/* nn_fc.c — fully connected layers through nn_gemm, each call limited
 * to a range of outputs (forward, weight gradient) or of batch rows (input
 * gradient) so the thread pool can split one layer without copies.
 * Must not allocate.  Weight layout (out, in), as PyTorch's nn.Linear.
 */
#include "nn_impl.h"

void nn_fc_forward(int n, int in, int out, const float *x, const float *w, const float *b, float *y,
                   int relu, int o0, int o1, float *ws)
{
	int m = o1 - o0;

	if (m <= 0 || n <= 0)
		return;
	nn_gemm(0, 1, n, m, in, x, in, w + (size_t)o0 * in, in, 0.0f, y + o0, out, ws);
	for (int r = 0; r < n; r++) {
		float *row = y + (size_t)r * out;

		if (relu)
			for (int o = o0; o < o1; o++) {
				float v = row[o] + b[o];

				row[o] = v > 0 ? v : 0.0f;
			}
		else
			for (int o = o0; o < o1; o++)
				row[o] += b[o];
	}
}

void nn_fc_backward_w(int n, int in, int out, const float *x, const float *dy, float *dw, float *db,
                      int o0, int o1, float *ws)
{
	int m = o1 - o0;

	if (m <= 0)
		return;
	nn_gemm(1, 0, m, in, n, dy + o0, out, x, in, 0.0f, dw + (size_t)o0 * in, in, ws);
	for (int o = o0; o < o1; o++)
		db[o] = 0;
	for (int r = 0; r < n; r++) {
		const float *row = dy + (size_t)r * out;

		for (int o = o0; o < o1; o++)
			db[o] += row[o];
	}
}

void nn_fc_backward_x(int in, int out, const float *dy, const float *w, float *dx, const float *act,
                      int r0, int r1, float *ws)
{
	int n = r1 - r0;

	if (n <= 0)
		return;
	nn_gemm(0, 0, n, in, out, dy + (size_t)r0 * out, out, w, in, 0.0f, dx + (size_t)r0 * in, in,
	        ws);
	if (act)
		for (size_t i = (size_t)r0 * in; i < (size_t)r1 * in; i++)
			dx[i] = act[i] > 0 ? dx[i] : 0.0f;
}
