/* nn_impl.h — the network's insides, private to src/train/ (and the tests
 * and bench that check them).  nn.c plans memory and runs a step; the layer
 * files below do the arithmetic on plain float arrays.
 *
 * Must not: allocate (except nn_threads_new), print, or know about files.
 * Start at struct nn below, then nn.c's nn_train_step.
 *
 * Layouts (row-major, PyTorch's, so checkpoints read like a state_dict):
 *   images / activations   (B, C, H, W)
 *   conv weight            (cout, cin*k*k), bias (cout)
 *   fc weight              (out, in), bias (out)
 *   im2col "col" matrix    (cin*k*k, S*oh*ow): sample s at column s*oh*ow
 */
#ifndef CAPDASH_TRAIN_NN_IMPL_H
#define CAPDASH_TRAIN_NN_IMPL_H

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#include "capdash/nn.h"

/* Elementwise hot loops get AVX-512, AVX2 and baseline copies; the
 * dynamic loader picks one for the CPU (an ifunc).  GCC only (clang 14
 * emits the dispatcher only in the calling file), and off under ASan:
 * elsewhere the portable loop runs. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__has_attribute) && \
        !defined(__SANITIZE_ADDRESS__)
#if __has_attribute(target_clones)
#define NN_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef NN_MULTIVERSION
#define NN_MULTIVERSION
#endif

/* Samples per im2col group: conv GEMMs see N = S*oh*ow columns (392 for
 * conv2), wide enough for the kernel, while conv2's col buffer (800 x 392
 * floats, 1.25 MB) stays inside one core's 2 MB L2.  Measured: 2 beats 4
 * (2.5 MB, spills to L3) and 1 (narrow GEMMs). */
#define NN_GROUP 2

/* ---- the thread pool (nn_threads.c) ---- */

struct nn_threads;
typedef void nn_task_fn(void *ctx, int tid, int nthreads);

/* n >= 1 workers including the caller; NULL if threads cannot start. */
struct nn_threads *nn_threads_new(int n);
void nn_threads_free(struct nn_threads *p);
/* Run fn(ctx, tid, n) on every worker (the caller is tid 0) and wait for
 * all of them.  Allocates nothing. */
void nn_threads_run(struct nn_threads *p, nn_task_fn *fn, void *ctx);
int nn_threads_count(const struct nn_threads *p);
/* [*lo, *hi): worker tid's share of n items, in contiguous order. */
void nn_split(int n, int tid, int nthreads, int *lo, int *hi);

/* ---- matrix multiply (nn_gemm.c) ---- */

/* The AVX-512 kernel's depth slice (a 32-lane panel of KC rows stays in
 * L1; 192 measured best of 128/192/256) and its scratch: a copied panel
 * plus up to 1020 rows of a transposed A slice; A B^T uses it to hold 32
 * rows of A transposed, so K up to NN_GEMM_WS/32 (6,312; deeper goes to
 * cblas). */
#define NN_GEMM_KC 192
#define NN_GEMM_WS (NN_GEMM_KC * 32 + 1020 * NN_GEMM_KC)

/* C (m x n, row stride ldc) := op(A) op(B) + beta C, beta 0 or 1; op(X) is
 * X or, with the flag, X transposed; row-major like cblas.  ws: scratch
 * of NN_GEMM_WS floats, one per concurrent caller. */
void nn_gemm(int ta, int tb, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
             float beta, float *c, int ldc, float *ws);
/* 1 when nn_gemm uses its own AVX-512 kernel, 0 when cblas. */
int nn_gemm_own_kernel(void);
/* Tests and bench: 0 forces cblas, 1 the own kernel (if the CPU can). */
void nn_gemm_force(int own);

/* ---- convolution by im2col + sgemm (nn_conv.c) ---- */

struct nn_conv {
	int cin, h, w;    /* input plane */
	int cout, k, pad; /* stride 1 */
	int oh, ow;       /* h + 2 pad - k + 1, w likewise */
};

void nn_conv_init(struct nn_conv *c, int cin, int h, int w, int cout, int k, int pad);
/* Rows of col for one sample: cin*k*k; columns: oh*ow. */
int nn_conv_rows(const struct nn_conv *c);
int nn_conv_npos(const struct nn_conv *c);

/* col[:, 0:npos] (row stride ldc) := the patches of one sample x. */
void nn_im2col(const struct nn_conv *c, const float *x, float *col, int ldc);
/* x := the sum of col's patches folded back (x overwritten). */
void nn_col2im(const struct nn_conv *c, const float *col, int ldc, float *x);

/* y (cout x ns*npos, row stride ldy) := W * col for ns samples x[0..ns)
 * (each cin*h*w floats apart); b added when non-NULL.  col: scratch of
 * rows x ldy floats, ldy >= ns*npos. */
void nn_conv_forward(const struct nn_conv *c, const float *x, int ns, const float *w,
                     const float *b, float *col, float *y, int ldy, float *ws);
/* Given dy (cout x ns*npos, stride ldy): dw += dy col^T, db += row sums of
 * dy, and, when dx is non-NULL, dx (ns samples) := the input gradient.
 * col: scratch as above (its contents are replaced). */
void nn_conv_backward(const struct nn_conv *c, const float *x, int ns, const float *w,
                      const float *dy, int ldy, float *dw, float *db, float *dx, float *col,
                      float *ws);

/* Sum of r[0..n) in a fixed order (16 interleaved partial sums). */
float nn_row_sum(const float *r, int n);

/* ---- conv2 computed directly, lanes along channels (nn_direct.c) ----
 * The same products as nn_conv_forward / nn_conv_backward (no bias in the
 * forward: the pool adds it) for the shapes nn_direct_ok accepts, without
 * the column matrix.  ws: nn_direct_ws(c, ns) floats per thread, which
 * also hold the rearranged weights (nn_direct_wt) and the weight gradient
 * accumulator (nn_direct_dwt, (cin*k*k, cout)) across calls. */
int nn_direct_ok(const struct nn_conv *c);
/* Tests and bench: 0 makes networks built afterwards use im2col + sgemm
 * for conv2 too; 1 (the default) lets nn_direct_ok decide. */
void nn_direct_force(int on);
size_t nn_direct_ws(const struct nn_conv *c, int ns);
float *nn_direct_wt(const struct nn_conv *c, float *ws);
float *nn_direct_dwt(const struct nn_conv *c, float *ws);
/* wt := w (cout, cin*k*k) transposed, for the forward. */
void nn_direct_wt_fwd(const struct nn_conv *c, const float *w, float *wt);
/* wd := w flipped in both taps and transposed to (cout*k*k, cin), for the
 * input gradient. */
void nn_direct_wt_bwd(const struct nn_conv *c, const float *w, float *wd);
/* dw (cout, cin*k*k) += dwt transposed. */
void nn_direct_dw_fold(const struct nn_conv *c, const float *dwt, float *dw);
/* y (cout x ns*npos, row stride ldy) := W * x for ns samples. */
void nn_direct_forward(const struct nn_conv *c, const float *x, int ns, const float *wt, float *y,
                       int ldy, float *ws);
/* Given dy (cout x ns*npos, stride ldy): nn_direct_dwt += the weight
 * gradient (transposed), db += row sums of dy, and when dx is non-NULL,
 * dx (ns samples) := the input gradient. */
void nn_direct_backward(const struct nn_conv *c, const float *x, int ns, const float *wd,
                        const float *dy, int ldy, float *db, float *dx, float *ws);

/* ---- 2x2 max-pool fused with bias and ReLU (nn_pool.c) ---- */

/* out[c][i][j] = max(0, b[c] + max of y's 2x2 window) for one sample whose
 * channel c plane starts at y + c*ldy (h x w, w floats a row).  arg records
 * the window position 0..3 that won, or NN_POOL_DEAD when the ReLU cut
 * it off (then no gradient flows).  Odd h or w: the last row/column is
 * dropped, as PyTorch does. b may be NULL. */
#define NN_POOL_DEAD 255
void nn_pool_forward(int ch, int h, int w, const float *y, int ldy, const float *b, float *out,
                     uint8_t *arg);
/* dy (channel planes ldy apart) := dout routed to the winners, 0 elsewhere. */
void nn_pool_backward(int ch, int h, int w, const float *dout, const uint8_t *arg, float *dy,
                      int ldy);

/* ---- fully connected (nn_fc.c); [o0, o1) restricts to some outputs ----
 * ws: NN_GEMM_WS floats of scratch, as for nn_gemm. */

/* y[:, o0:o1] = x w[o0:o1]^T + b[o0:o1], ReLU'd when relu; y has ld out. */
void nn_fc_forward(int n, int in, int out, const float *x, const float *w, const float *b, float *y,
                   int relu, int o0, int o1, float *ws);
/* dw[o0:o1] = dy[:, o0:o1]^T x, db[o0:o1] = column sums (overwritten). */
void nn_fc_backward_w(int n, int in, int out, const float *x, const float *dy, float *dw, float *db,
                      int o0, int o1, float *ws);
/* dx[r0:r1] = dy[r0:r1] w, then times (act > 0) when act is non-NULL (the
 * ReLU that produced act, the layer's input). */
void nn_fc_backward_x(int in, int out, const float *dy, const float *w, float *dx, const float *act,
                      int r0, int r1, float *ws);

/* ---- elementwise (nn_ops.c) ---- */

/* Mean softmax cross-entropy of n rows of logits; dlogits (may be NULL)
 * := its gradient; *correct (may be NULL) += argmax hits. */
float nn_softmax_ce(int n, int classes, const float *logits, const uint8_t *y, float *dlogits,
                    double *loss_sum, int64_t *correct);
/* PyTorch's SGD: g' = g + wd w; v = mu v + g'; w -= lr v, over [0, n). */
void nn_sgd(size_t n, float *w, const float *g, float *v, float lr, float mu, float wd);
/* dst[i] = sum of the nsrc arrays src[k][i] (fixed order k = 0..). */
void nn_sum_into(size_t n, float *dst, const float *const *src, int nsrc);

/* ---- the network (nn.c) ---- */

/* Parameter slots in the flat arrays, in checkpoint order: conv1.w, conv1.b,
 * conv2.w, conv2.b, fc1.w, fc1.b, fc2.w, fc2.b (the mlp has only the fc
 * ones). */
enum { NN_C1W, NN_C1B, NN_C2W, NN_C2B, NN_F1W, NN_F1B, NN_F2W, NN_F2B, NN_SLOTS };

/* The phases of a step, timed for the bench's breakdown. */
enum {
	NN_PH_CONV_FWD,
	NN_PH_FC_FWD,
	NN_PH_LOSS,
	NN_PH_FC_BWD,
	NN_PH_CONV_BWD,
	NN_PH_UPDATE,
	NN_PHASES
};

/* The conv layers' share of their phases, timed per thread (summed over
 * threads: thread-seconds) for the bench's per-layer GFLOP/s.  Each
 * includes its fused pool (forward) or pool gradient (backward). */
enum { NN_LT_CONV1_FWD, NN_LT_CONV2_FWD, NN_LT_CONV2_BWD, NN_LT_CONV1_BWD, NN_LAYER_TIMES };

/* The network's state (nn.c builds it, nn_step.c runs it); every
 * pointer is into the one block planned by nn_new. */
struct nn {
	struct nn_config cfg;
	struct nn_threads *pool;
	int nt;
	size_t nparam, off[NN_SLOTS], size[NN_SLOTS];
	size_t nconv; /* floats of the conv slots, which come first */
	void *block;  /* the one allocation behind every array below */
	float *params, *grads, *mom;
	float **part; /* nt per-thread conv gradient partials, nconv floats each */
	struct nn_conv c1, c2;
	int in0;    /* C*H*W of an input */
	int a1sz;   /* floats of one sample after pool 1 */
	int flat;   /* fc1 inputs */
	int hidden; /* fc1 outputs */
	float *a1, *a2, *h, *logits, *dlogits, *dh, *da2;
	uint8_t *m1, *m2;
	float **col, **ybuf, **da1, **ws; /* per-thread scratch */
	float **dws;                      /* per thread, with direct: nn_direct_ws floats */
	int direct;                       /* conv2 by nn_direct.c (decided in nn_new) */
	/* the current step */
	atomic_int next; /* the phase's next work item (dynamic scheduling) */
	const float *x;
	const uint8_t *y;
	int n;
	double ph[NN_PHASES];
	double (*lt)[NN_LAYER_TIMES]; /* per thread, see NN_LT_* */
	char desc[96];
};

/* Forward and backward without the update: fills nn_grads (every slot,
 * the per-thread conv partials summed) and returns the mean loss.  For
 * gradient checks; nn_train_step does the same work then the update. */
float nn_compute_grads(struct nn *net, const float *x, const uint8_t *y, int n);
float *nn_grads(struct nn *net);
/* Offset (in floats) and size of a slot in the flat arrays; size 0 when
 * the model has no such slot. */
size_t nn_slot_offset(const struct nn *net, int slot);
size_t nn_slot_size(const struct nn *net, int slot);
int nn_threads_used(const struct nn *net);

/* Seconds spent per phase since nn_new. */
void nn_phase_times(const struct nn *net, double t[NN_PHASES]);
/* Thread-seconds per conv layer since nn_new (NN_LT_*), and the floating-
 * point operations per sample of each (forward: 2 per multiply-add;
 * backward: the weight gradient, plus the input gradient for conv2). */
void nn_layer_times(const struct nn *net, double t[NN_LAYER_TIMES]);
double nn_layer_flops(const struct nn *net, int layer);

#endif
