/* nn_gemm.c — single-precision matrix multiply for the network's layers:
 * an AVX-512 kernel of our own where the CPU has it, OpenBLAS's cblas
 * otherwise.
 *
 * Why our own: Debian's OpenBLAS picks its kernels from the CPU model, and
 * on a virtual CPU that only says "Intel Xeon Processor" it falls back to
 * its Prescott (SSE3) kernels, 4x slower, unless OPENBLAS_CORETYPE is set
 * by hand.  The kernel here keys on the AVX-512 flag (checked once, at run
 * time) instead.  A 12x32 register-blocked micro-kernel (24 zmm
 * accumulators: 12 broadcast rows times 32 vector lanes) reads both
 * operands with strides; only what the cache needs is copied (see
 * gemm_rows), not both operands as BLAS does: with this network's
 * batch-64 shapes one side is small, and packing the large side would
 * cost as much as the arithmetic it feeds.  A B^T (both operands
 * k-contiguous) transposes the small A and broadcasts B in place.
 *
 * Must not allocate or spawn threads: the caller passes the packing
 * scratch (NN_GEMM_WS floats) and runs one call per thread.
 */
#include "nn_impl.h"

#include <cblas.h>
#include <stddef.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX512_PATH 1
#endif

#define MR 12
#define NR 32
#define KC NN_GEMM_KC
#define MCH 1020 /* rows of transposed A copied per slice: 85 tiles */

static int can_own = -1, use_own;

int nn_gemm_own_kernel(void)
{
	if (can_own < 0) {
#ifdef HAVE_AVX512_PATH
		__builtin_cpu_init();
		can_own = __builtin_cpu_supports("avx512f") ? 1 : 0;
#else
		can_own = 0;
#endif
		use_own = can_own;
	}
	return use_own;
}

void nn_gemm_force(int own)
{
	nn_gemm_own_kernel();
	use_own = own && can_own;
}

#ifdef HAVE_AVX512_PATH

/* One 12 x 32 tile: 12 "broadcast rows" (row r, step p at a[o[r] + p*ka])
 * times a kc x 32 "vector panel" (step p at b + p*kb, 32 lanes).  The
 * tile goes to c[r*ldc + v], or with ct to c[v*ldc + r] (a transposed
 * tile, scattered).  mr rows and nr lanes are real; acc adds to c.  nrow
 * (a constant: 4, 8 or 12) is how many rows are computed at all, so a
 * remainder tile (conv2's 64 = 5*12 + 4 outputs) does not pay for 12. */
#define ROWS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define DECL(i) __m512 c##i##a = _mm512_setzero_ps(), c##i##b = _mm512_setzero_ps();
#define OFFS(i) const ptrdiff_t o##i = packed ? (i) : (ptrdiff_t)((i) < mr ? (i) : mr - 1) * sa;
#define STEP(i)                                                                                    \
	if (i < nrow) {                                                                            \
		__m512 av = _mm512_set1_ps(a[o##i]);                                               \
		c##i##a = _mm512_fmadd_ps(av, b0, c##i##a);                                        \
		c##i##b = _mm512_fmadd_ps(av, b1, c##i##b);                                        \
	}
#define STORE(i)                                                                                   \
	if (i < nrow && i < mr) {                                                                  \
		if (!ct) {                                                                         \
			float *r = c + (size_t)(i)*ldc;                                            \
			if (acc) {                                                                 \
				c##i##a = _mm512_add_ps(c##i##a, _mm512_maskz_loadu_ps(m0, r));    \
				c##i##b =                                                          \
				        _mm512_add_ps(c##i##b, _mm512_maskz_loadu_ps(m1, r + 16)); \
			}                                                                          \
			_mm512_mask_storeu_ps(r, m0, c##i##a);                                     \
			_mm512_mask_storeu_ps(r + 16, m1, c##i##b);                                \
		} else {                                                                           \
			float *r = c + (i);                                                        \
			if (acc) {                                                                 \
				c##i##a = _mm512_add_ps(                                           \
				        c##i##a, _mm512_mask_i32gather_ps(z, m0, ix0, r, 4));      \
				c##i##b = _mm512_add_ps(                                           \
				        c##i##b, _mm512_mask_i32gather_ps(z, m1, ix1, r, 4));      \
			}                                                                          \
			_mm512_mask_i32scatter_ps(r, m0, ix0, c##i##a, 4);                         \
			_mm512_mask_i32scatter_ps(r, m1, ix1, c##i##b, 4);                         \
		}                                                                                  \
	}

static inline __attribute__((always_inline, target("avx512f"))) void
kernel_body(int kc, const float *a, ptrdiff_t sa, ptrdiff_t ka, const float *b, ptrdiff_t kb,
            float *c, int ldc, int mr, int nr, int acc, int ct, int packed, int nrow)
{
	__mmask16 m0 = nr >= 16 ? 0xffff : (__mmask16)((1u << nr) - 1);
	__mmask16 m1 = nr >= 32 ? 0xffff : nr <= 16 ? 0 : (__mmask16)((1u << (nr - 16)) - 1);
	__m512i ix0 = _mm512_mullo_epi32(
	        _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
	        _mm512_set1_epi32(ldc));
	__m512i ix1 = _mm512_add_epi32(ix0, _mm512_set1_epi32(16 * ldc));
	__m512 z = _mm512_setzero_ps();

	ROWS(OFFS)
	ROWS(DECL)
#pragma GCC unroll 2
	for (int p = 0; p < kc; p++) {
		__m512 b0 = _mm512_maskz_loadu_ps(m0, b), b1 = _mm512_maskz_loadu_ps(m1, b + 16);

		ROWS(STEP)
		a += ka;
		b += kb;
	}
	ROWS(STORE)
}

/* The two shapes in use, each compiled with its strides as constants:
 * A packed by gemm_rows (12 per step, rows padded, so no clamping), and
 * A B^T's rows of B read in place, sa apart. */
__attribute__((target("avx512f"))) static void
kernel_packed(int kc, const float *a, const float *b, float *c, int ldc, int mr, int nr, int acc)
{
	if (mr > 8)
		kernel_body(kc, a, 1, MR, b, NR, c, ldc, mr, nr, acc, 0, 1, 12);
	else if (mr > 4)
		kernel_body(kc, a, 1, MR, b, NR, c, ldc, mr, nr, acc, 0, 1, 8);
	else
		kernel_body(kc, a, 1, MR, b, NR, c, ldc, mr, nr, acc, 0, 1, 4);
}

__attribute__((target("avx512f"))) static void kernel_t(int kc, const float *a, ptrdiff_t sa,
                                                        const float *b, float *c, int ldc, int mr,
                                                        int nr, int acc)
{
	if (mr > 8)
		kernel_body(kc, a, sa, 1, b, NR, c, ldc, mr, nr, acc, 1, 0, 12);
	else if (mr > 4)
		kernel_body(kc, a, sa, 1, b, NR, c, ldc, mr, nr, acc, 1, 0, 8);
	else
		kernel_body(kc, a, sa, 1, b, NR, c, ldc, mr, nr, acc, 1, 0, 4);
}

/* bp (kc x NR) := kc rows of nr <= NR floats, ldb apart. */
__attribute__((target("avx512f"))) static void copy_panel(int kc, const float *b, ptrdiff_t ldb,
                                                          int nr, float *bp)
{
	__mmask16 m0 = nr >= 16 ? 0xffff : (__mmask16)((1u << nr) - 1);
	__mmask16 m1 = nr >= 32 ? 0xffff : nr <= 16 ? 0 : (__mmask16)((1u << (nr - 16)) - 1);

	for (int p = 0; p < kc; p++, b += ldb, bp += NR) {
		_mm512_storeu_ps(bp, _mm512_maskz_loadu_ps(m0, b));
		_mm512_storeu_ps(bp + 16, _mm512_maskz_loadu_ps(m1, b + 16));
	}
}

/* d (kc x MR) := kc rows of A (lda apart), rows <= MR floats of each:
 * one masked load and store per step.  Lanes past rows are zero (the
 * kernels' spare rows compute on them but never store). */
__attribute__((target("avx512f"))) static void pack_at(int kc, const float *a, int lda, int rows,
                                                       float *d)
{
	__mmask16 m = (__mmask16)((1u << rows) - 1);

	for (int p = 0; p < kc; p++, a += lda, d += MR)
		_mm512_mask_storeu_ps(d, 0x0fff, _mm512_maskz_loadu_ps(m, a));
}

/* d (kc x MR) := rows <= MR rows of A, lda apart, transposed: one gather
 * per step instead of twelve loads and stores (11 * lda fits an int:
 * lda is at most a layer's width here). */
__attribute__((target("avx512f"))) static void pack_a(int kc, const float *a, int lda, int rows,
                                                      float *d)
{
	__mmask16 m = (__mmask16)((1u << rows) - 1);
	__m512i ix = _mm512_mullo_epi32(
	        _mm512_set_epi32(0, 0, 0, 0, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
	        _mm512_set1_epi32(lda));
	__m512 z = _mm512_setzero_ps();

	for (int p = 0; p < kc; p++, d += MR)
		_mm512_mask_storeu_ps(d, 0x0fff, _mm512_mask_i32gather_ps(z, m, ix, a + p, 4));
}

/* A B^T's tiles: broadcast rows of B in place, lanes from the transposed
 * A in ws; the whole depth at once, so each transposed tile is scattered
 * into C once. */
static void tiles_t(int mb, int nv, int k, const float *a, ptrdiff_t sa, const float *b, float *c,
                    int ldc, int acc)
{
	for (int jr = 0; jr < nv; jr += NR)
		for (int ir = 0; ir < mb; ir += MR)
			kernel_t(k, a + ir * sa, sa, b + jr, c + (size_t)jr * ldc + ir, ldc,
			         mb - ir < MR ? mb - ir : MR, nv - jr < NR ? nv - jr : NR, acc);
}

/* op(A) B for B k x n row-major.  Per KC-deep slice, each 32-lane panel
 * of B is copied into ws first: B's row stride can map a panel's rows
 * onto a few L1 sets (fc1's 12,544-byte rows use 16 of 64), and the
 * copy is reused by every 12-row tile.  A transposed is copied too (12
 * contiguous floats per step, so its 4 KB-apart steps do not collide);
 * A as stored is read in place (12 contiguous streams). */
static void gemm_rows(int ta, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
                      int acc0, float *c, int ldc, float *ws)
{
	float *bp = ws, *ap = ws + KC * NR;

	for (int pc = 0; pc < k; pc += KC) {
		int kc = k - pc < KC ? k - pc : KC, acc = acc0 || pc > 0;

		for (int ic = 0; ic < m; ic += MCH) {
			int mc = m - ic < MCH ? m - ic : MCH;

			for (int ir = 0; ir < mc; ir += MR) {
				int rows = mc - ir < MR ? mc - ir : MR;
				float *d = ap + (size_t)ir * kc;

				if (ta)
					pack_at(kc, a + (size_t)pc * lda + ic + ir, lda, rows, d);
				else
					pack_a(kc, a + (size_t)(ic + ir) * lda + pc, lda, rows, d);
			}
			for (int jr = 0; jr < n; jr += NR) {
				int cols = n - jr < NR ? n - jr : NR;

				copy_panel(kc, b + (size_t)pc * ldb + jr, ldb, cols, bp);
				for (int ir = 0; ir < mc; ir += MR) {
					int mr = mc - ir < MR ? mc - ir : MR;
					float *t = c + (size_t)(ic + ir) * ldc + jr;

					kernel_packed(kc, ap + (size_t)ir * kc, bp, t, ldc, mr,
					              cols, acc);
				}
			}
		}
	}
}

/* ws[p*NR + l] := a[l*lda + p] for l < rows, p < k: 16x16 blocks moved
 * through a small buffer so both reads and writes stay contiguous. */
static void transpose_rows(const float *a, int lda, int rows, int k, float *ws)
{
	for (int p0 = 0; p0 < k; p0 += 16) {
		int pn = k - p0 < 16 ? k - p0 : 16;

		for (int l = 0; l < rows; l++) {
			const float *s = a + (size_t)l * lda + p0;

			for (int p = 0; p < pn; p++)
				ws[(p0 + p) * NR + l] = s[p];
		}
	}
}

/* C = A B^T with A m x k and B n x k, both k-contiguous: the lanes must
 * run along m, so NR rows of A at a time are transposed into ws, and
 * the rows of B are broadcast in place; the tiles land transposed. */
static void gemm_nt(int m, int n, int k, const float *a, int lda, const float *b, int ldb, int acc,
                    float *c, int ldc, float *ws)
{
	for (int i0 = 0; i0 < m; i0 += NR) {
		int rows = m - i0 < NR ? m - i0 : NR;

		transpose_rows(a + (size_t)i0 * lda, lda, rows, k, ws);
		tiles_t(n, rows, k, b, ldb, ws, c + (size_t)i0 * ldc, ldc, acc);
	}
}

static int own_gemm(int ta, int tb, int m, int n, int k, const float *a, int lda, const float *b,
                    int ldb, int acc, float *c, int ldc, float *ws)
{
	if (!tb) {
		gemm_rows(ta, m, n, k, a, lda, b, ldb, acc, c, ldc, ws);
		return 0;
	}
	if (ta || (size_t)k * NR > NN_GEMM_WS)
		return -1;
	gemm_nt(m, n, k, a, lda, b, ldb, acc, c, ldc, ws);
	return 0;
}
#endif

void nn_gemm(int ta, int tb, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
             float beta, float *c, int ldc, float *ws)
{
	if (m <= 0 || n <= 0)
		return;
	if (k <= 0) {
		if (beta == 0)
			for (int i = 0; i < m; i++)
				memset(c + (size_t)i * ldc, 0, sizeof *c * (size_t)n);
		return;
	}
#ifdef HAVE_AVX512_PATH
	if (nn_gemm_own_kernel() &&
	    own_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta != 0, c, ldc, ws) == 0)
		return;
#endif
	(void)ws;
	cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
	            m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}
