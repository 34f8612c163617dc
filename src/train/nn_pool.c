/* nn_pool.c — 2x2 stride-2 max-pool fused with the conv's bias and ReLU.
 *
 * max(0, b + max(window)) equals ReLU-then-pool of the biased conv output
 * (both are monotone, and the bias is one constant per channel), but it
 * touches the large conv output once and the ReLU runs on a quarter of
 * the values.  The winner's position (one byte) is all backward needs.
 * Must not allocate.  Start at nn_pool_forward.
 */
#include "nn_impl.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX512_PATH 1
#endif

static void pool_forward_any(int ch, int h, int w, const float *y, int ldy, const float *b,
                             float *out, uint8_t *arg)
{
	int oh = h / 2, ow = w / 2;

	for (int c = 0; c < ch; c++) {
		const float *p = y + (size_t)c * ldy;
		float bias = b ? b[c] : 0.0f;
		float *o = out + (size_t)c * oh * ow;
		uint8_t *a = arg + (size_t)c * oh * ow;

		for (int i = 0; i < oh; i++) {
			const float *r0 = p + 2 * i * w, *r1 = r0 + w;

			/* branch-free, ties to the first, so it vectorises */
			for (int j = 0; j < ow; j++) {
				float p0 = r0[2 * j], p1 = r0[2 * j + 1];
				float p2 = r1[2 * j], p3 = r1[2 * j + 1];
				float top = p1 > p0 ? p1 : p0, bot = p3 > p2 ? p3 : p2;
				int kt = p1 > p0, kb = 2 + (p3 > p2);
				float m = bot > top ? bot : top, v = m + bias;
				int k = bot > top ? kb : kt;

				o[i * ow + j] = v > 0 ? v : 0.0f;
				a[i * ow + j] = (uint8_t)(v > 0 ? k : NN_POOL_DEAD);
			}
		}
	}
}

static void pool_backward_any(int ch, int h, int w, const float *dout, const uint8_t *arg,
                              float *dy, int ldy)
{
	int oh = h / 2, ow = w / 2;

	for (int c = 0; c < ch; c++) {
		float *p = dy + (size_t)c * ldy;
		const float *d = dout + (size_t)c * oh * ow;
		const uint8_t *a = arg + (size_t)c * oh * ow;

		if ((h | w) & 1)
			memset(p, 0, sizeof *p * (size_t)h * w);
		for (int i = 0; i < oh; i++) {
			float *r0 = p + 2 * i * w, *r1 = r0 + w;

			for (int j = 0; j < ow; j++) {
				int k = a[i * ow + j];
				float g = d[i * ow + j];

				r0[2 * j] = k == 0 ? g : 0.0f;
				r0[2 * j + 1] = k == 1 ? g : 0.0f;
				r1[2 * j] = k == 2 ? g : 0.0f;
				r1[2 * j + 1] = k == 3 ? g : 0.0f;
			}
		}
	}
}

#ifdef HAVE_AVX512_PATH
/* Rows up to 32 wide (this network's 28, 14, 32, 16): a row pair is two
 * masked loads each, split into even and odd columns by a permute. */
__attribute__((target("avx512f"))) static void pool_forward_512(int ch, int h, int w,
                                                                const float *y, int ldy,
                                                                const float *b, float *out,
                                                                uint8_t *arg)
{
	int oh = h / 2, ow = w / 2;
	__mmask16 l0 = (__mmask16)(w >= 16 ? 0xffff : (1u << w) - 1);
	__mmask16 l1 = (__mmask16)(w >= 32 ? 0xffff : w <= 16 ? 0 : (1u << (w - 16)) - 1);
	__mmask16 om = (__mmask16)((1u << ow) - 1);
	__m512i ev = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
	__m512i od = _mm512_add_epi32(ev, _mm512_set1_epi32(1));
	__m512 zero = _mm512_setzero_ps();
	__m512i one = _mm512_set1_epi32(1), two = _mm512_set1_epi32(2);
	__m512i dead = _mm512_set1_epi32(NN_POOL_DEAD);

	for (int c = 0; c < ch; c++) {
		const float *p = y + (size_t)c * ldy;
		__m512 bias = _mm512_set1_ps(b ? b[c] : 0.0f);
		float *o = out + (size_t)c * oh * ow;
		uint8_t *a = arg + (size_t)c * oh * ow;

		for (int i = 0; i < oh; i++) {
			const float *r0 = p + 2 * i * w, *r1 = r0 + w;
			__m512 t0 = _mm512_maskz_loadu_ps(l0, r0),
			       t1 = _mm512_maskz_loadu_ps(l1, r0 + 16);
			__m512 u0 = _mm512_maskz_loadu_ps(l0, r1),
			       u1 = _mm512_maskz_loadu_ps(l1, r1 + 16);
			__m512 p0 = _mm512_permutex2var_ps(t0, ev, t1),
			       p1 = _mm512_permutex2var_ps(t0, od, t1);
			__m512 p2 = _mm512_permutex2var_ps(u0, ev, u1),
			       p3 = _mm512_permutex2var_ps(u0, od, u1);
			__mmask16 kt = _mm512_cmp_ps_mask(p1, p0, _CMP_GT_OQ);
			__mmask16 kb = _mm512_cmp_ps_mask(p3, p2, _CMP_GT_OQ);
			__m512 top = _mm512_mask_blend_ps(kt, p0, p1),
			       bot = _mm512_mask_blend_ps(kb, p2, p3);
			__mmask16 kv = _mm512_cmp_ps_mask(bot, top, _CMP_GT_OQ);
			__m512 v = _mm512_add_ps(_mm512_mask_blend_ps(kv, top, bot), bias);
			__mmask16 live = _mm512_cmp_ps_mask(v, zero, _CMP_GT_OQ);
			__m512i k = _mm512_mask_blend_epi32(
			        kv, _mm512_maskz_mov_epi32(kt, one),
			        _mm512_add_epi32(two, _mm512_maskz_mov_epi32(kb, one)));

			_mm512_mask_storeu_ps(o + i * ow, om, _mm512_maskz_mov_ps(live, v));
			_mm512_mask_cvtepi32_storeu_epi8(a + i * ow, om,
			                                 _mm512_mask_blend_epi32(live, dead, k));
		}
	}
}

__attribute__((target("avx512f,avx512bw,avx512vl"))) static void
pool_backward_512(int ch, int h, int w, const float *dout, const uint8_t *arg, float *dy, int ldy)
{
	int oh = h / 2, ow = w / 2;
	__mmask16 l0 = (__mmask16)(w >= 16 ? 0xffff : (1u << w) - 1);
	__mmask16 l1 = (__mmask16)(w >= 32 ? 0xffff : w <= 16 ? 0 : (1u << (w - 16)) - 1);
	__mmask16 om = (__mmask16)((1u << ow) - 1);
	/* interleave: lanes 0..15 of (even, odd) -> columns 0..31 */
	__m512i lo = _mm512_set_epi32(23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
	__m512i hi = _mm512_set_epi32(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8);

	for (int c = 0; c < ch; c++) {
		float *p = dy + (size_t)c * ldy;
		const float *d = dout + (size_t)c * oh * ow;
		const uint8_t *a = arg + (size_t)c * oh * ow;

		if ((h | w) & 1)
			memset(p, 0, sizeof *p * (size_t)h * w);
		for (int i = 0; i < oh; i++) {
			__m512 g = _mm512_maskz_loadu_ps(om, d + i * ow);
			__m512i k = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(om, a + i * ow));
			__m512 g0 = _mm512_maskz_mov_ps(
			        _mm512_cmpeq_epi32_mask(k, _mm512_set1_epi32(0)), g);
			__m512 g1 = _mm512_maskz_mov_ps(
			        _mm512_cmpeq_epi32_mask(k, _mm512_set1_epi32(1)), g);
			__m512 g2 = _mm512_maskz_mov_ps(
			        _mm512_cmpeq_epi32_mask(k, _mm512_set1_epi32(2)), g);
			__m512 g3 = _mm512_maskz_mov_ps(
			        _mm512_cmpeq_epi32_mask(k, _mm512_set1_epi32(3)), g);
			float *r0 = p + 2 * i * w, *r1 = r0 + w;

			_mm512_mask_storeu_ps(r0, l0, _mm512_permutex2var_ps(g0, lo, g1));
			_mm512_mask_storeu_ps(r0 + 16, l1, _mm512_permutex2var_ps(g0, hi, g1));
			_mm512_mask_storeu_ps(r1, l0, _mm512_permutex2var_ps(g2, lo, g3));
			_mm512_mask_storeu_ps(r1 + 16, l1, _mm512_permutex2var_ps(g2, hi, g3));
		}
	}
}

static int fast_rows(int w)
{
	static int avx512 = -1;

	if (avx512 < 0) {
		__builtin_cpu_init();
		avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
		         __builtin_cpu_supports("avx512vl");
	}
	return avx512 && w <= 32;
}
#endif

void nn_pool_forward(int ch, int h, int w, const float *y, int ldy, const float *b, float *out,
                     uint8_t *arg)
{
#ifdef HAVE_AVX512_PATH
	if (fast_rows(w)) {
		pool_forward_512(ch, h, w, y, ldy, b, out, arg);
		return;
	}
#endif
	pool_forward_any(ch, h, w, y, ldy, b, out, arg);
}

void nn_pool_backward(int ch, int h, int w, const float *dout, const uint8_t *arg, float *dy,
                      int ldy)
{
#ifdef HAVE_AVX512_PATH
	if (fast_rows(w)) {
		pool_backward_512(ch, h, w, dout, arg, dy, ldy);
		return;
	}
#endif
	pool_backward_any(ch, h, w, dout, arg, dy, ldy);
}
