/* nn_conv.c — stride-1 convolution as im2col + one sgemm per group of
 * samples (nn_gemm; the caller parallelises over groups, so each
 * sgemm runs single-threaded on one core).
 *
 * Must not allocate: the caller passes the col scratch.  Start at
 * nn_conv_forward.  The input gradient goes through col2im (a gather would
 * read k*k times more: the conv's dx would need im2col of the cout-channel
 * dy, 2x larger than this col for conv2 of the cnn).
 */
#include "nn_impl.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX512_PATH 1
#endif

void nn_conv_init(struct nn_conv *c, int cin, int h, int w, int cout, int k, int pad)
{
	c->cin = cin;
	c->h = h;
	c->w = w;
	c->cout = cout;
	c->k = k;
	c->pad = pad;
	c->oh = h + 2 * pad - k + 1;
	c->ow = w + 2 * pad - k + 1;
}

int nn_conv_rows(const struct nn_conv *c)
{
	return c->cin * c->k * c->k;
}

int nn_conv_npos(const struct nn_conv *c)
{
	return c->oh * c->ow;
}

/* The output columns [lo, hi) whose input column ox + kx - pad is inside. */
static void valid_cols(const struct nn_conv *c, int kx, int *lo, int *hi)
{
	int a = c->pad - kx, b = c->w + c->pad - kx;

	*lo = a < 0 ? 0 : a;
	*hi = b > c->ow ? c->ow : b;
	if (*hi < *lo)
		*hi = *lo;
}

static void im2col_any(const struct nn_conv *c, const float *x, float *col, int ldc)
{
	int k = c->k, ow = c->ow;

	for (int ch = 0; ch < c->cin; ch++)
		for (int ky = 0; ky < k; ky++)
			for (int kx = 0; kx < k; kx++) {
				float *row = col + (size_t)((ch * k + ky) * k + kx) * (size_t)ldc;
				int lo, hi;

				valid_cols(c, kx, &lo, &hi);
				for (int oy = 0; oy < c->oh; oy++) {
					int iy = oy + ky - c->pad;
					float *d = row + oy * ow;

					if (iy < 0 || iy >= c->h) {
						memset(d, 0, sizeof *d * (size_t)ow);
						continue;
					}
					const float *s =
					        x + ((size_t)ch * c->h + iy) * c->w + kx - c->pad;
					for (int ox = 0; ox < lo; ox++)
						d[ox] = 0;
					for (int ox = lo; ox < hi; ox++)
						d[ox] = s[ox];
					for (int ox = hi; ox < ow; ox++)
						d[ox] = 0;
				}
			}
}

static void col2im_any(const struct nn_conv *c, const float *col, int ldc, float *x)
{
	int k = c->k, ow = c->ow;

	memset(x, 0, sizeof *x * (size_t)c->cin * c->h * c->w);
	for (int ch = 0; ch < c->cin; ch++)
		for (int ky = 0; ky < k; ky++)
			for (int kx = 0; kx < k; kx++) {
				const float *row =
				        col + (size_t)((ch * k + ky) * k + kx) * (size_t)ldc;
				int lo, hi;

				valid_cols(c, kx, &lo, &hi);
				/* even rows, then odd: a row's masked store must not
				 * overlap the next row's load, or the load waits for
				 * the store to retire (a failed store forward) */
				for (int o = 0; o < c->oh; o++) {
					int oy = o < (c->oh + 1) / 2
					                 ? 2 * o
					                 : 2 * (o - (c->oh + 1) / 2) + 1;
					int iy = oy + ky - c->pad;

					if (iy < 0 || iy >= c->h)
						continue;
					float *d =
					        x + ((size_t)ch * c->h + iy) * c->w + kx - c->pad;
					const float *s = row + oy * ow;
					for (int ox = lo; ox < hi; ox++)
						d[ox] += s[ox];
				}
			}
}

#ifdef HAVE_AVX512_PATH
/* Rows of up to 32 outputs (this network's 28, 14, 32, 16): each output
 * row is two masked loads and stores, the mask doing the padding. */
static __mmask16 lanes(int lo, int hi, int base)
{
	unsigned m = 0;

	for (int i = 0; i < 16; i++)
		if (base + i >= lo && base + i < hi)
			m |= 1u << i;
	return (__mmask16)m;
}

__attribute__((target("avx512f"))) static void im2col_512(const struct nn_conv *c, const float *x,
                                                          float *col, int ldc)
{
	int k = c->k, ow = c->ow;
	__mmask16 w0 = lanes(0, ow, 0), w1 = lanes(0, ow, 16);
	__m512 z = _mm512_setzero_ps();
	int full = ow > 16 ? 32 : 16;

	for (int ch = 0; ch < c->cin; ch++)
		for (int ky = 0; ky < k; ky++)
			for (int kx = 0; kx < k; kx++) {
				float *row = col + (size_t)((ch * k + ky) * k + kx) * (size_t)ldc;
				int lo, hi;

				valid_cols(c, kx, &lo, &hi);
				__mmask16 v0 = lanes(lo, hi, 0), v1 = lanes(lo, hi, 16);

				for (int oy = 0; oy < c->oh; oy++) {
					int iy = oy + ky - c->pad;
					float *d = row + oy * ow;

					if (iy < 0 || iy >= c->h) {
						_mm512_mask_storeu_ps(d, w0, z);
						_mm512_mask_storeu_ps(d + 16, w1, z);
						continue;
					}
					const float *s =
					        x + ((size_t)ch * c->h + iy) * c->w + kx - c->pad;
					__m512 a0 = _mm512_maskz_loadu_ps(v0, s);
					__m512 a1 = _mm512_maskz_loadu_ps(v1, s + 16);

					/* Full stores spill past the row into the next
					 * ones, which later iterations rewrite; masked
					 * where the spill would leave this sample. */
					if (oy * ow + full <= c->oh * ow) {
						_mm512_storeu_ps(d, a0);
						if (ow > 16)
							_mm512_storeu_ps(d + 16, a1);
						continue;
					}
					_mm512_mask_storeu_ps(d, w0, a0);
					_mm512_mask_storeu_ps(d + 16, w1, a1);
				}
			}
}

__attribute__((target("avx512f"))) static void col2im_512(const struct nn_conv *c, const float *col,
                                                          int ldc, float *x)
{
	int k = c->k, ow = c->ow;

	memset(x, 0, sizeof *x * (size_t)c->cin * c->h * c->w);
	for (int ch = 0; ch < c->cin; ch++)
		for (int ky = 0; ky < k; ky++)
			for (int kx = 0; kx < k; kx++) {
				const float *row =
				        col + (size_t)((ch * k + ky) * k + kx) * (size_t)ldc;
				int lo, hi;

				valid_cols(c, kx, &lo, &hi);
				__mmask16 v0 = lanes(lo, hi, 0), v1 = lanes(lo, hi, 16);

				/* even rows, then odd: a row's masked store must not
				 * overlap the next row's load, or the load waits for
				 * the store to retire (a failed store forward) */
				for (int o = 0; o < c->oh; o++) {
					int oy = o < (c->oh + 1) / 2
					                 ? 2 * o
					                 : 2 * (o - (c->oh + 1) / 2) + 1;
					int iy = oy + ky - c->pad;

					if (iy < 0 || iy >= c->h)
						continue;
					float *d =
					        x + ((size_t)ch * c->h + iy) * c->w + kx - c->pad;
					const float *s = row + oy * ow;
					__m512 a0 = _mm512_add_ps(_mm512_maskz_loadu_ps(v0, d),
					                          _mm512_maskz_loadu_ps(v0, s));
					__m512 a1 =
					        _mm512_add_ps(_mm512_maskz_loadu_ps(v1, d + 16),
					                      _mm512_maskz_loadu_ps(v1, s + 16));
					_mm512_mask_storeu_ps(d, v0, a0);
					_mm512_mask_storeu_ps(d + 16, v1, a1);
				}
			}
}

static int fast_rows(const struct nn_conv *c)
{
	static int avx512 = -1;

	if (avx512 < 0) {
		__builtin_cpu_init();
		avx512 = __builtin_cpu_supports("avx512f") ? 1 : 0;
	}
	return avx512 && c->ow <= 32;
}
#endif

void nn_im2col(const struct nn_conv *c, const float *x, float *col, int ldc)
{
#ifdef HAVE_AVX512_PATH
	if (fast_rows(c)) {
		im2col_512(c, x, col, ldc);
		return;
	}
#endif
	im2col_any(c, x, col, ldc);
}

void nn_col2im(const struct nn_conv *c, const float *col, int ldc, float *x)
{
#ifdef HAVE_AVX512_PATH
	if (fast_rows(c)) {
		col2im_512(c, col, ldc, x);
		return;
	}
#endif
	col2im_any(c, col, ldc, x);
}

/* Sum of r[0..n) in 16 interleaved partial sums: independent lanes, so
 * the compiler vectorises it without reordering any one sum. */
NN_MULTIVERSION
float nn_row_sum(const float *r, int n)
{
	float part[16] = {0}, sum = 0;
	int j = 0;

	for (; j + 16 <= n; j += 16)
		for (int l = 0; l < 16; l++)
			part[l] += r[j + l];
	for (; j < n; j++)
		sum += r[j];
	for (int l = 0; l < 16; l++)
		sum += part[l];
	return sum;
}

void nn_conv_forward(const struct nn_conv *c, const float *x, int ns, const float *w,
                     const float *b, float *col, float *y, int ldy, float *ws)
{
	int rows = nn_conv_rows(c), npos = nn_conv_npos(c);
	size_t in = (size_t)c->cin * c->h * c->w;

	for (int s = 0; s < ns; s++)
		nn_im2col(c, x + s * in, col + s * npos, ldy);
	nn_gemm(0, 0, c->cout, ns * npos, rows, w, rows, col, ldy, 0.0f, y, ldy, ws);
	if (b)
		for (int o = 0; o < c->cout; o++) {
			float *r = y + (size_t)o * ldy;

			for (int j = 0; j < ns * npos; j++)
				r[j] += b[o];
		}
}

void nn_conv_backward(const struct nn_conv *c, const float *x, int ns, const float *w,
                      const float *dy, int ldy, float *dw, float *db, float *dx, float *col,
                      float *ws)
{
	int rows = nn_conv_rows(c), npos = nn_conv_npos(c), n = ns * npos;
	size_t in = (size_t)c->cin * c->h * c->w;

	for (int s = 0; s < ns; s++)
		nn_im2col(c, x + s * in, col + s * npos, ldy);
	nn_gemm(0, 1, c->cout, rows, n, dy, ldy, col, ldy, 1.0f, dw, rows, ws);
	for (int o = 0; o < c->cout; o++)
		db[o] += nn_row_sum(dy + (size_t)o * ldy, n);
	if (!dx)
		return;
	nn_gemm(1, 0, rows, n, c->cout, w, rows, dy, ldy, 0.0f, col, ldy, ws);
	for (int s = 0; s < ns; s++)
		nn_col2im(c, col + s * npos, ldy, dx + s * in);
}
