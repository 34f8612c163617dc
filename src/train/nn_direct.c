/* nn_direct.c — the cnn's second convolution (5x5, stride 1, 64 outputs)
 * computed directly, without im2col: AVX-512 lanes run along output
 * channels, so conv2's 64 channels sit in four registers and each input
 * value is broadcast once per kernel tap.  The three products of a
 * training step are all this one pattern:
 *   forward   y[co][p]  = sum over (ci, ky, kx) of W[co][ci,ky,kx] x[ci][p + (ky, kx)]
 *   input     dx[ci][p] = the same over (co, ky, kx) with W flipped and
 *             transposed, applied to dy padded by k - 1 - pad
 *   weights   dW[co][ci,ky,kx] = sum over p of dy[co][p] x[ci][p + (ky, kx)]
 * so no column matrix is built (conv2's was 1.25 MB per two samples, written
 * and read back for each of the three) and nothing is folded back (col2im).
 *
 * Used where nn_direct_ok says so (AVX-512 and the shapes below);
 * elsewhere nn_conv.c's im2col + sgemm path runs.  Must not allocate: the
 * caller passes scratch of nn_direct_ws floats.  Sums run in a fixed order,
 * so one thread is bit-identical from run to run.  Start at
 * nn_direct_forward.
 */
#include "nn_impl.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(NN_NO_DIRECT)
#include <immintrin.h>
#define HAVE_DIRECT 1
#endif

#define K 5    /* the only kernel size compiled here */
#define LO 64  /* output-channel lanes per forward / weight-gradient tile */
#define LI 32  /* input-channel lanes per input-gradient tile */
#define NPF 6  /* pixels per forward tile: 6 x 4 registers */
#define NPB 12 /* pixels per input-gradient tile: 12 x 2 registers */

/* Padded planes: a row of the padded input is w + 2 pad floats. */
static int pad_in(const struct nn_conv *c)
{
	return c->pad;
}

static int pad_dy(const struct nn_conv *c)
{
	return c->k - 1 - c->pad;
}

static size_t xp_floats(const struct nn_conv *c)
{
	return (size_t)c->cin * (c->h + 2 * pad_in(c)) * (c->w + 2 * pad_in(c));
}

static size_t dyp_floats(const struct nn_conv *c)
{
	return (size_t)c->cout * (c->oh + 2 * pad_dy(c)) * (c->ow + 2 * pad_dy(c));
}

/* Like nn_gemm's choice of kernel, a process-wide switch read when a
 * network is built: the tests and the bench compare the two paths. */
static int direct_off;

void nn_direct_force(int on)
{
	direct_off = !on;
}

int nn_direct_ok(const struct nn_conv *c)
{
#ifdef HAVE_DIRECT
	return !direct_off && nn_gemm_own_kernel() && c->k == K && c->pad <= K - 1 &&
	       c->cout % LO == 0 && c->cin % LI == 0 && c->oh >= 1 && c->ow >= 1;
#else
	(void)c;
	return 0;
#endif
}

size_t nn_direct_ws(const struct nn_conv *c, int ns)
{
	size_t w = (size_t)c->cout * nn_conv_rows(c);

	/* wt, dwt, ns padded inputs, ns transposed dy, one padded dy */
	return 2 * w + (size_t)ns * xp_floats(c) + (size_t)ns * nn_conv_npos(c) * c->cout +
	       dyp_floats(c);
}

/* Scratch layout (floats): [0, W) the rearranged weights, [W, 2W) the
 * weight-gradient accumulator, then the padded inputs, the transposed dy,
 * the padded dy. */
float *nn_direct_wt(const struct nn_conv *c, float *ws)
{
	(void)c;
	return ws;
}

float *nn_direct_dwt(const struct nn_conv *c, float *ws)
{
	return ws + (size_t)c->cout * nn_conv_rows(c);
}

static float *xp_of(const struct nn_conv *c, float *ws, int s)
{
	return ws + 2 * (size_t)c->cout * nn_conv_rows(c) + (size_t)s * xp_floats(c);
}

static float *dyt_of(const struct nn_conv *c, float *ws, int ns, int s)
{
	return xp_of(c, ws, ns) + (size_t)s * nn_conv_npos(c) * c->cout;
}

static float *dyp_of(const struct nn_conv *c, float *ws, int ns)
{
	return dyt_of(c, ws, ns, ns);
}

void nn_direct_wt_fwd(const struct nn_conv *c, const float *w, float *wt)
{
	int rows = nn_conv_rows(c);

	for (int co = 0; co < c->cout; co++)
		for (int r = 0; r < rows; r++)
			wt[(size_t)r * c->cout + co] = w[(size_t)co * rows + r];
}

void nn_direct_wt_bwd(const struct nn_conv *c, const float *w, float *wd)
{
	int k = c->k, rows = nn_conv_rows(c);

	for (int co = 0; co < c->cout; co++)
		for (int ci = 0; ci < c->cin; ci++)
			for (int ky = 0; ky < k; ky++)
				for (int kx = 0; kx < k; kx++)
					wd[((size_t)(co * k + ky) * k + kx) * c->cin + ci] =
					        w[(size_t)co * rows + (ci * k + (k - 1 - ky)) * k +
					          (k - 1 - kx)];
}

void nn_direct_dw_fold(const struct nn_conv *c, const float *dwt, float *dw)
{
	int rows = nn_conv_rows(c);

	for (int co = 0; co < c->cout; co++)
		for (int r = 0; r < rows; r++)
			dw[(size_t)co * rows + r] += dwt[(size_t)r * c->cout + co];
}

/* dst (ch planes of (h + 2p) x (w + 2p)) := src (ch planes h x w, planes
 * sstride apart) with a border of p zeros. */
static void pad_planes(const float *src, size_t sstride, int ch, int h, int w, int p, float *dst)
{
	int rw = w + 2 * p;

	memset(dst, 0, sizeof *dst * (size_t)ch * (h + 2 * p) * rw);
	for (int c = 0; c < ch; c++)
		for (int y = 0; y < h; y++)
			memcpy(dst + ((size_t)c * (h + 2 * p) + y + p) * rw + p,
			       src + c * sstride + (size_t)y * w, sizeof *dst * (size_t)w);
}

#ifdef HAVE_DIRECT

/* One tile: np output pixels of one row (consecutive, at in + j) times
 * nv*16 lanes of output channels.  in points at the tap (0, 0) of the
 * first pixel in channel 0 of the padded input (channels chs apart, rows
 * rs apart); w at the tile's first lane of tap (0, 0) of channel 0, taps
 * ld floats apart.  The result is scattered to out[lane * ldo + j] for
 * j < np.  np and nv are constants at every call, so the accumulators stay
 * in registers. */
static inline __attribute__((always_inline, target("avx512f"))) void
tile(int nv, int np, const float *in, int nch, int chs, int rs, const float *w, int ld, float *out,
     int ldo)
{
	__m512 acc[NPB][4];
	__m512i ix = _mm512_mullo_epi32(
	        _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
	        _mm512_set1_epi32(ldo));

#pragma GCC unroll 12
	for (int j = 0; j < np; j++)
#pragma GCC unroll 4
		for (int v = 0; v < nv; v++)
			acc[j][v] = _mm512_setzero_ps();
	for (int ch = 0; ch < nch; ch++, in += chs)
		for (int ky = 0; ky < K; ky++) {
			const float *r = in + ky * rs;

#pragma GCC unroll 5
			for (int kx = 0; kx < K; kx++, w += ld) {
				__m512 wv[4];

#pragma GCC unroll 4
				for (int v = 0; v < nv; v++)
					wv[v] = _mm512_loadu_ps(w + 16 * v);
#pragma GCC unroll 12
				for (int j = 0; j < np; j++) {
					__m512 b = _mm512_set1_ps(r[kx + j]);

#pragma GCC unroll 4
					for (int v = 0; v < nv; v++)
						acc[j][v] = _mm512_fmadd_ps(b, wv[v], acc[j][v]);
				}
			}
		}
#pragma GCC unroll 12
	for (int j = 0; j < np; j++)
#pragma GCC unroll 4
		for (int v = 0; v < nv; v++)
			_mm512_i32scatter_ps(out + (size_t)16 * v * ldo + j, ix, acc[j][v], 4);
}

#define FWD_CASE(n)                                                                                \
	case n:                                                                                    \
		tile(4, n, in, nch, chs, rs, w, ld, out, ldo);                                     \
		break;
#define BWD_CASE(n)                                                                                \
	case n:                                                                                    \
		tile(2, n, in, nch, chs, rs, w, ld, out, ldo);                                     \
		break;

__attribute__((target("avx512f"))) static void tile_fwd(int np, const float *in, int nch, int chs,
                                                        int rs, const float *w, int ld, float *out,
                                                        int ldo)
{
	switch (np) {
		FWD_CASE(1)
		FWD_CASE(2)
		FWD_CASE(3)
		FWD_CASE(4)
		FWD_CASE(5)
		FWD_CASE(6)
	}
}

__attribute__((target("avx512f"))) static void tile_bwd(int np, const float *in, int nch, int chs,
                                                        int rs, const float *w, int ld, float *out,
                                                        int ldo)
{
	switch (np) {
		BWD_CASE(1)
		BWD_CASE(2)
		BWD_CASE(3)
		BWD_CASE(4)
		BWD_CASE(5)
		BWD_CASE(6)
		BWD_CASE(7)
		BWD_CASE(8)
		BWD_CASE(9)
		BWD_CASE(10)
		BWD_CASE(11)
		BWD_CASE(12)
	}
}

/* out (lanes planes ldo apart, rows of ow) := the conv of the padded
 * planes in (nch channels of (oh + k - 1) x rs) with w (taps of ld floats,
 * lanes wide at w), row by row in near-equal tiles of at most npmax. */
static void conv_rows(int fwd, const float *in, int nch, int oh, int ow, int rs, const float *w,
                      int ld, int lanes, float *out, int ldo)
{
	int npmax = fwd ? NPF : NPB, tiles = (ow + npmax - 1) / npmax;
	int chs = (oh + K - 1) * rs;

	for (int l0 = 0; l0 < ld; l0 += lanes)
		for (int oy = 0; oy < oh; oy++)
			for (int t = 0, x0 = 0; t < tiles; t++) {
				int np = (ow - x0) / (tiles - t);
				const float *i = in + (size_t)oy * rs + x0;
				float *o = out + (size_t)l0 * ldo + (size_t)oy * ow + x0;

				if (fwd)
					tile_fwd(np, i, nch, chs, rs, w + l0, ld, o, ldo);
				else
					tile_bwd(np, i, nch, chs, rs, w + l0, ld, o, ldo);
				x0 += np;
			}
}

/* dwt[(ci, ky, kx)][co] += sum over the ns samples' pixels p of
 * x[ci][p + (ky, kx)] dy[co][p]: per (ci, ky), 5 taps times 64 lanes in
 * 20 registers over every pixel. */
__attribute__((target("avx512f"))) static void dw_direct(const struct nn_conv *c, float *ws, int ns,
                                                         float *dwt)
{
	int rs = c->w + 2 * pad_in(c), chs = (c->h + 2 * pad_in(c)) * rs, npos = nn_conv_npos(c);

	for (int co0 = 0; co0 < c->cout; co0 += LO)
		for (int ci = 0; ci < c->cin; ci++)
			for (int ky = 0; ky < K; ky++) {
				__m512 acc[K][4];

#pragma GCC unroll 5
				for (int kx = 0; kx < K; kx++)
#pragma GCC unroll 4
					for (int v = 0; v < 4; v++)
						acc[kx][v] = _mm512_setzero_ps();
				for (int s = 0; s < ns; s++) {
					const float *x =
					        xp_of(c, ws, s) + (size_t)ci * chs + ky * rs;
					const float *d = dyt_of(c, ws, ns, s) + co0;

					for (int oy = 0; oy < c->oh; oy++, x += rs)
						for (int ox = 0; ox < c->ow; ox++, d += c->cout) {
							__m512 dv[4];

#pragma GCC unroll 4
							for (int v = 0; v < 4; v++)
								dv[v] = _mm512_loadu_ps(d + 16 * v);
#pragma GCC unroll 5
							for (int kx = 0; kx < K; kx++) {
								__m512 b =
								        _mm512_set1_ps(x[ox + kx]);

#pragma GCC unroll 4
								for (int v = 0; v < 4; v++)
									acc[kx][v] =
									        _mm512_fmadd_ps(
									                b, dv[v],
									                acc[kx][v]);
							}
						}
				}
#pragma GCC unroll 5
				for (int kx = 0; kx < K; kx++) {
					float *o = dwt +
					           ((size_t)(ci * K + ky) * K + kx) * c->cout + co0;

#pragma GCC unroll 4
					for (int v = 0; v < 4; v++)
						_mm512_storeu_ps(
						        o + 16 * v,
						        _mm512_add_ps(_mm512_loadu_ps(o + 16 * v),
						                      acc[kx][v]));
				}
			}
	(void)npos;
}
#endif

void nn_direct_forward(const struct nn_conv *c, const float *x, int ns, const float *wt, float *y,
                       int ldy, float *ws)
{
#ifdef HAVE_DIRECT
	int p = pad_in(c), rs = c->w + 2 * p, npos = nn_conv_npos(c);
	size_t in = (size_t)c->cin * c->h * c->w;
	float *xp = xp_of(c, ws, 0);

	for (int s = 0; s < ns; s++) {
		pad_planes(x + s * in, (size_t)c->h * c->w, c->cin, c->h, c->w, p, xp);
		conv_rows(1, xp, c->cin, c->oh, c->ow, rs, wt, c->cout, LO, y + (size_t)s * npos,
		          ldy);
	}
#else
	(void)c, (void)x, (void)ns, (void)wt, (void)y, (void)ldy, (void)ws;
#endif
}

void nn_direct_backward(const struct nn_conv *c, const float *x, int ns, const float *wd,
                        const float *dy, int ldy, float *db, float *dx, float *ws)
{
#ifdef HAVE_DIRECT
	int p = pad_in(c), q = pad_dy(c), npos = nn_conv_npos(c);
	size_t in = (size_t)c->cin * c->h * c->w;
	float *dyp = dyp_of(c, ws, ns);

	for (int o = 0; o < c->cout; o++)
		db[o] += nn_row_sum(dy + (size_t)o * ldy, ns * npos);
	for (int s = 0; s < ns; s++) {
		const float *d = dy + (size_t)s * npos;
		float *t = dyt_of(c, ws, ns, s);

		pad_planes(x + s * in, (size_t)c->h * c->w, c->cin, c->h, c->w, p, xp_of(c, ws, s));
		for (int co = 0; co < c->cout; co++)
			for (int i = 0; i < npos; i++)
				t[(size_t)i * c->cout + co] = d[(size_t)co * ldy + i];
		if (dx) {
			pad_planes(d, (size_t)ldy, c->cout, c->oh, c->ow, q, dyp);
			conv_rows(0, dyp, c->cout, c->h, c->w, c->ow + 2 * q, wd, c->cin, LI,
			          dx + s * in, c->h * c->w);
		}
	}
	dw_direct(c, ws, ns, nn_direct_dwt(c, ws));
#else
	(void)c, (void)x, (void)ns, (void)wd, (void)dy, (void)ldy, (void)db, (void)dx, (void)ws;
#endif
}
