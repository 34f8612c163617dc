/* test_nn_grad.c — finite-difference gradient checks for every layer of
 * the network (conv, max-pool+ReLU, fc, ReLU, softmax cross-entropy) and
 * for the whole cnn and mlp through nn_compute_grads, plus a check that
 * the checker itself fails on a deliberately wrong gradient.
 *
 * Each layer's objective is L = sum(r * output) for a fixed random r,
 * accumulated in double, so dL/doutput = r and central differences of a
 * linear layer are exact up to float rounding.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/train/nn_impl.h"

static uint64_t rs = 12345;
static float ws[NN_GEMM_WS];

static float frand(void) /* uniform in [-1, 1) */
{
	rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
	return (float)((rs >> 40) & 0xffffff) / 8388608.0f - 1.0f;
}

static void fill(float *a, size_t n, float scale)
{
	for (size_t i = 0; i < n; i++)
		a[i] = scale * frand();
}

static double dot(const float *a, const float *r, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += (double)a[i] * r[i];
	return s;
}

/* The objective as a function of the array being checked. */
typedef double objective_fn(void *ctx);

/* Indices skipped and checked by fd_check: a ReLU or max-pool kink
 * within eps of the point makes the one-sided differences disagree, and
 * there a central difference proves nothing.  Tests bound the share. */
static int kinks, checked;

/* Compare grad[i] with central differences of f over every index i of p
 * (or every step-th); returns how many disagree. */
static int fd_check(objective_fn *f, void *ctx, float *p, const float *grad, size_t n, size_t step,
                    float eps, double atol, double rtol)
{
	int bad = 0;
	double mid = f(ctx);

	for (size_t i = 0; i < n; i += step) {
		float keep = p[i];
		double up, down, fd, h;

		p[i] = keep + eps;
		up = f(ctx);
		p[i] = keep - eps;
		down = f(ctx);
		p[i] = keep;
		h = (double)(keep + eps) - (double)(keep - eps);
		fd = (up - down) / h;
		checked++;
		if (fabs((up - mid) - (mid - down)) * 2 / h > atol + rtol * fabs(fd)) {
			kinks++;
			continue;
		}
		if (fabs(fd - grad[i]) > atol + rtol * fabs(fd)) {
			if (bad < 3)
				print_message("  index %zu: analytic %.6g, numeric %.6g\n", i,
				              (double)grad[i], fd);
			bad++;
		}
	}
	return bad;
}

/* ---- conv ---- */

struct conv_case {
	struct nn_conv c;
	int ns;
	float *x, *w, *b, *col, *y, *r;
};

static double conv_obj(void *ctx)
{
	struct conv_case *k = ctx;
	int npos = nn_conv_npos(&k->c);

	nn_conv_forward(&k->c, k->x, k->ns, k->w, k->b, k->col, k->y, k->ns * npos, ws);
	return dot(k->y, k->r, (size_t)k->c.cout * k->ns * npos);
}

static void check_conv(int cin, int hw, int cout, int kk, int pad, int ns)
{
	struct conv_case k;
	size_t nx, nw, ny, ncol;
	float *dw, *db, *dx;

	nn_conv_init(&k.c, cin, hw, hw, cout, kk, pad);
	k.ns = ns;
	nx = (size_t)ns * cin * hw * hw;
	nw = (size_t)cout * nn_conv_rows(&k.c);
	ny = (size_t)cout * ns * nn_conv_npos(&k.c);
	ncol = (size_t)nn_conv_rows(&k.c) * ns * nn_conv_npos(&k.c);
	k.x = malloc(nx * 4), k.w = malloc(nw * 4), k.b = malloc((size_t)cout * 4);
	k.col = malloc(ncol * 4), k.y = malloc(ny * 4), k.r = malloc(ny * 4);
	dw = calloc(nw, 4), db = calloc((size_t)cout, 4), dx = malloc(nx * 4);
	fill(k.x, nx, 1), fill(k.w, nw, 0.5f), fill(k.b, (size_t)cout, 0.5f), fill(k.r, ny, 1);
	nn_conv_backward(&k.c, k.x, ns, k.w, k.r, ns * nn_conv_npos(&k.c), dw, db, dx, k.col, ws);
	assert_int_equal(fd_check(conv_obj, &k, k.w, dw, nw, 1, 1e-2f, 1e-3, 1e-3), 0);
	assert_int_equal(fd_check(conv_obj, &k, k.b, db, (size_t)cout, 1, 1e-2f, 1e-3, 1e-3), 0);
	assert_int_equal(fd_check(conv_obj, &k, k.x, dx, nx, 1, 1e-2f, 1e-3, 1e-3), 0);
	/* backward accumulates: a second call doubles dw and db */
	{
		float w0 = dw[1], b0 = db[0];

		nn_conv_backward(&k.c, k.x, ns, k.w, k.r, ns * nn_conv_npos(&k.c), dw, db, NULL,
		                 k.col, ws);
		assert_float_equal(dw[1], 2 * w0, 1e-4 * (1 + fabsf(w0)));
		assert_float_equal(db[0], 2 * b0, 1e-4 * (1 + fabsf(b0)));
	}
	free(k.x), free(k.w), free(k.b), free(k.col), free(k.y), free(k.r);
	free(dw), free(db), free(dx);
}

static void test_conv(void **state)
{
	(void)state;
	check_conv(2, 6, 3, 3, 1, 1);
	check_conv(3, 8, 4, 5, 2, 3); /* the model's 5x5 pad 2, a group of 3 */
	check_conv(1, 7, 2, 3, 0, 2); /* no padding, odd size */
}

/* ---- conv2's direct path against im2col + sgemm ---- */

static void assert_close(const float *a, const float *b, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (!(fabsf(a[i] - b[i]) <= 1e-4f * (1 + fabsf(b[i]))))
			fail_msg("%s[%zu]: direct %g, im2col %g", what, i, a[i], b[i]);
}

static void check_direct(int cin, int hw, int cout, int pad, int ns)
{
	struct nn_conv c;
	size_t nx, nw, ny, ncol;
	float *x, *w, *y0, *y1, *dy, *col, *dw0, *dw1, *db0, *db1, *dx0, *dx1, *dws;

	nn_conv_init(&c, cin, hw, hw, cout, 5, pad);
	assert_true(nn_direct_ok(&c));
	nx = (size_t)ns * cin * hw * hw;
	nw = (size_t)cout * nn_conv_rows(&c);
	ny = (size_t)cout * ns * nn_conv_npos(&c);
	ncol = (size_t)nn_conv_rows(&c) * ns * nn_conv_npos(&c);
	x = malloc(nx * 4), w = malloc(nw * 4), y0 = malloc(ny * 4), y1 = malloc(ny * 4);
	dy = malloc(ny * 4), col = malloc(ncol * 4), dx0 = malloc(nx * 4), dx1 = malloc(nx * 4);
	dw0 = calloc(nw, 4), dw1 = calloc(nw, 4), db0 = calloc((size_t)cout, 4);
	db1 = calloc((size_t)cout, 4), dws = malloc(nn_direct_ws(&c, ns) * 4);
	fill(x, nx, 1), fill(w, nw, 0.5f), fill(dy, ny, 1);

	nn_conv_forward(&c, x, ns, w, NULL, col, y0, ns * nn_conv_npos(&c), ws);
	nn_direct_wt_fwd(&c, w, nn_direct_wt(&c, dws));
	nn_direct_forward(&c, x, ns, nn_direct_wt(&c, dws), y1, ns * nn_conv_npos(&c), dws);
	assert_close(y1, y0, ny, "y");

	nn_conv_backward(&c, x, ns, w, dy, ns * nn_conv_npos(&c), dw0, db0, dx0, col, ws);
	nn_direct_wt_bwd(&c, w, nn_direct_wt(&c, dws));
	memset(nn_direct_dwt(&c, dws), 0, nw * 4);
	nn_direct_backward(&c, x, ns, nn_direct_wt(&c, dws), dy, ns * nn_conv_npos(&c), db1, dx1,
	                   dws);
	nn_direct_dw_fold(&c, nn_direct_dwt(&c, dws), dw1);
	assert_close(dx1, dx0, nx, "dx");
	assert_close(dw1, dw0, nw, "dw");
	assert_close(db1, db0, (size_t)cout, "db");
	free(x), free(w), free(y0), free(y1), free(dy), free(col), free(dx0), free(dx1);
	free(dw0), free(dw1), free(db0), free(db1), free(dws);
}

static void test_direct_conv(void **state)
{
	struct nn_conv c;

	(void)state;
	nn_conv_init(&c, 32, 14, 14, 64, 5, 2);
	if (!nn_direct_ok(&c)) {
		print_message("  skip: no AVX-512 here, conv2 runs by im2col\n");
		return;
	}
	check_direct(32, 14, 64, 2, 2); /* the Fashion-MNIST cnn's conv2, a group of 2 */
	check_direct(32, 16, 64, 2, 1); /* the CIFAR-10 cnn's */
	check_direct(64, 9, 128, 0, 3); /* no padding, odd size, two lane blocks */
	check_direct(32, 13, 64, 4, 1); /* full padding, ragged tiles */
	/* Forced off, as the tests of the other path need it. */
	nn_direct_force(0);
	assert_false(nn_direct_ok(&c));
	nn_direct_force(1);
}

/* ---- max-pool fused with bias and ReLU ---- */

struct pool_case {
	int ch, h, w;
	float *y, *b, *out, *r;
	uint8_t *arg;
};

static double pool_obj(void *ctx)
{
	struct pool_case *k = ctx;

	nn_pool_forward(k->ch, k->h, k->w, k->y, k->h * k->w, k->b, k->out, k->arg);
	return dot(k->out, k->r, (size_t)k->ch * (k->h / 2) * (k->w / 2));
}

static void check_pool(int ch, int h, int w)
{
	struct pool_case k = {ch, h, w, NULL, NULL, NULL, NULL, NULL};
	size_t n = (size_t)ch * h * w, no = (size_t)ch * (h / 2) * (w / 2);
	float *dy = malloc(n * 4);

	k.y = malloc(n * 4), k.b = calloc((size_t)ch, 4), k.out = malloc(no * 4);
	k.r = malloc(no * 4), k.arg = malloc(no);
	/* distinct values 0.05 apart, none within 0.025 of the ReLU's kink,
	 * so a perturbation of 1e-3 never changes a winner */
	for (size_t i = 0; i < n; i++)
		k.y[i] = 0.05f * (float)((i * 7919) % n) - 0.025f - 0.05f * (float)(n / 2);
	fill(k.r, no, 1);
	pool_obj(&k);
	nn_pool_backward(ch, h, w, k.r, k.arg, dy, h * w);
	assert_int_equal(fd_check(pool_obj, &k, k.y, dy, n, 1, 1e-3f, 1e-3, 1e-3), 0);
	free(k.y), free(k.b), free(k.out), free(k.r), free(k.arg), free(dy);
}

static void test_pool(void **state)
{
	(void)state;
	check_pool(3, 6, 6);
	check_pool(2, 5, 7); /* odd: last row and column dropped */
}

/* ---- two fc layers with the ReLU between them ---- */

struct fc_case {
	int n, in, hid, out;
	float *x, *w1, *b1, *h, *w2, *b2, *y, *r;
};

static double fc_obj(void *ctx)
{
	struct fc_case *k = ctx;

	nn_fc_forward(k->n, k->in, k->hid, k->x, k->w1, k->b1, k->h, 1, 0, k->hid, ws);
	nn_fc_forward(k->n, k->hid, k->out, k->h, k->w2, k->b2, k->y, 0, 0, k->out, ws);
	return dot(k->y, k->r, (size_t)k->n * k->out);
}

static void test_fc_relu(void **state)
{
	struct fc_case k = {5, 7, 9, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
	size_t nx = (size_t)k.n * k.in, nh = (size_t)k.n * k.hid, ny = (size_t)k.n * k.out;
	float *dw1, *db1, *dw2, *db2, *dh, *dx;

	(void)state;
	k.x = malloc(nx * 4), k.w1 = malloc((size_t)k.hid * k.in * 4),
	k.b1 = malloc((size_t)k.hid * 4);
	k.h = malloc(nh * 4), k.w2 = malloc((size_t)k.out * k.hid * 4),
	k.b2 = malloc((size_t)k.out * 4);
	k.y = malloc(ny * 4), k.r = malloc(ny * 4);
	dw1 = malloc((size_t)k.hid * k.in * 4), db1 = malloc((size_t)k.hid * 4);
	dw2 = malloc((size_t)k.out * k.hid * 4), db2 = malloc((size_t)k.out * 4);
	dh = malloc(nh * 4), dx = malloc(nx * 4);
	fill(k.x, nx, 1), fill(k.w1, (size_t)k.hid * k.in, 0.7f), fill(k.b1, (size_t)k.hid, 0.3f);
	fill(k.w2, (size_t)k.out * k.hid, 0.7f), fill(k.b2, (size_t)k.out, 0.3f), fill(k.r, ny, 1);
	fc_obj(&k);
	nn_fc_backward_w(k.n, k.hid, k.out, k.h, k.r, dw2, db2, 0, k.out, ws);
	/* split in two output ranges and two row ranges, as the threads do */
	nn_fc_backward_x(k.hid, k.out, k.r, k.w2, dh, k.h, 0, 2, ws);
	nn_fc_backward_x(k.hid, k.out, k.r, k.w2, dh, k.h, 2, k.n, ws);
	nn_fc_backward_w(k.n, k.in, k.hid, k.x, dh, dw1, db1, 0, 4, ws);
	nn_fc_backward_w(k.n, k.in, k.hid, k.x, dh, dw1, db1, 4, k.hid, ws);
	nn_fc_backward_x(k.in, k.hid, dh, k.w1, dx, NULL, 0, k.n, ws);
	assert_int_equal(
	        fd_check(fc_obj, &k, k.w2, dw2, (size_t)k.out * k.hid, 1, 1e-3f, 1e-3, 1e-3), 0);
	assert_int_equal(fd_check(fc_obj, &k, k.b2, db2, (size_t)k.out, 1, 1e-3f, 1e-3, 1e-3), 0);
	assert_int_equal(
	        fd_check(fc_obj, &k, k.w1, dw1, (size_t)k.hid * k.in, 1, 1e-3f, 1e-3, 1e-3), 0);
	assert_int_equal(fd_check(fc_obj, &k, k.b1, db1, (size_t)k.hid, 1, 1e-3f, 1e-3, 1e-3), 0);
	assert_int_equal(fd_check(fc_obj, &k, k.x, dx, nx, 1, 1e-3f, 1e-3, 1e-3), 0);
	/* the ReLU matters here: some hidden units are off */
	{
		int off = 0;

		for (size_t i = 0; i < nh; i++)
			off += k.h[i] == 0;
		assert_true(off > 0 && off < (int)nh);
	}
	free(k.x), free(k.w1), free(k.b1), free(k.h), free(k.w2), free(k.b2), free(k.y), free(k.r);
	free(dw1), free(db1), free(dw2), free(db2), free(dh), free(dx);
}

/* ---- softmax cross-entropy ---- */

struct ce_case {
	float logits[4 * 5];
	uint8_t y[4];
};

static double ce_obj(void *ctx)
{
	struct ce_case *k = ctx;
	double sum = 0;

	nn_softmax_ce(4, 5, k->logits, k->y, NULL, &sum, NULL);
	return sum / 4;
}

static void test_softmax_ce(void **state)
{
	struct ce_case k = {{0}, {0, 3, 4, 1}};
	float d[20];
	double sum = 0;
	int64_t correct = 0;
	float loss;

	(void)state;
	fill(k.logits, 20, 2);
	loss = nn_softmax_ce(4, 5, k.logits, k.y, d, &sum, &correct);
	assert_float_equal(loss, sum / 4, 1e-6);
	assert_int_equal(fd_check(ce_obj, &k, k.logits, d, 20, 1, 1e-3f, 2e-4, 1e-3), 0);
	/* uniform logits: loss ln(5), and the first class wins ties */
	memset(k.logits, 0, sizeof k.logits);
	correct = 0;
	loss = nn_softmax_ce(4, 5, k.logits, k.y, NULL, NULL, &correct);
	assert_float_equal(loss, logf(5), 1e-6);
	assert_int_equal(correct, 1);
	/* large logits do not overflow */
	k.logits[0] = 1000, k.logits[1] = -1000;
	loss = nn_softmax_ce(1, 5, k.logits, k.y, d, NULL, NULL);
	assert_true(isfinite(loss) && loss < 1e-3);
}

/* ---- the whole network ---- */

struct net_case {
	struct nn *net;
	float *x;
	uint8_t *y;
	int n;
};

static double net_obj(void *ctx)
{
	struct net_case *k = ctx;
	double sum = 0;
	int64_t correct = 0;

	nn_eval(k->net, k->x, k->y, k->n, &sum, &correct);
	return sum / k->n;
}

static int check_net(enum nn_arch arch, int threads, int break_it)
{
	struct nn_config c = {arch, 2, 8, 8, 3, 5, threads, 0.01f, 0.9f, 0};
	struct net_case k = {NULL, NULL, NULL, 5};
	size_t nx = (size_t)k.n * 2 * 8 * 8;
	struct cd_err err;
	float *g, *gcopy;
	size_t np;
	int bad = 0;

	k.net = nn_new(&c, 99, &err);
	assert_non_null(k.net);
	k.x = malloc(nx * 4), k.y = malloc((size_t)k.n);
	fill(k.x, nx, 1);
	for (int i = 0; i < k.n; i++)
		k.y[i] = (uint8_t)(i % 3);
	np = nn_param_count(k.net);
	nn_compute_grads(k.net, k.x, k.y, k.n);
	g = nn_grads(k.net);
	gcopy = malloc(np * 4);
	memcpy(gcopy, g, np * 4);
	if (break_it) /* a plausible bug: conv2's weight gradient off by 10% */
		for (size_t i = 0; i < nn_slot_size(k.net, NN_C2W); i++)
			gcopy[nn_slot_offset(k.net, NN_C2W) + i] *= 1.1f;
	for (int s = 0; s < NN_SLOTS; s++) {
		size_t off = nn_slot_offset(k.net, s), sz = nn_slot_size(k.net, s);

		if (!sz)
			continue;
		bad += fd_check(net_obj, &k, nn_params(k.net) + off, gcopy + off, sz,
		                sz > 200 ? sz / 97 : 1, 1e-3f, 2e-3, 3e-2);
	}
	free(gcopy), free(k.x), free(k.y);
	nn_free(k.net);
	return bad;
}

static void test_whole_net(void **state)
{
	(void)state;
	kinks = checked = 0;
	assert_int_equal(check_net(NN_CNN, 1, 0), 0);
	assert_int_equal(check_net(NN_CNN, 2, 0), 0); /* per-thread partials summed */
	assert_int_equal(check_net(NN_MLP, 1, 0), 0);
	print_message("  %d of %d points skipped at a kink\n", kinks, checked);
	assert_true(checked > 600 && kinks * 20 < checked);
}

static void test_checker_can_fail(void **state)
{
	(void)state;
	assert_true(check_net(NN_CNN, 1, 1) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_conv),
	        cmocka_unit_test(test_direct_conv),
	        cmocka_unit_test(test_pool),
	        cmocka_unit_test(test_fc_relu),
	        cmocka_unit_test(test_softmax_ce),
	        cmocka_unit_test(test_whole_net),
	        cmocka_unit_test(test_checker_can_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
