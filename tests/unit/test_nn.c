/* test_nn.c — the network as the trainer uses it (nn.h): the loss falls,
 * a fixed seed gives a fixed loss, one thread is bit-identical run to
 * run and more threads agree within float tolerance, a step allocates
 * nothing, bad configurations are refused; and nn_gemm (both paths)
 * against a double-precision reference.  Gradients: test_nn_grad.c.
 */
#include <malloc.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/train/nn_impl.h"

#define NS 96 /* samples in the fixed set */

static float xs[NS * 28 * 28];
static uint8_t ys[NS];

/* A learnable set: class k (of 10) brightens rows 2k+3..2k+5, on noise. */
static void make_set(void)
{
	uint64_t s = 99;

	for (int i = 0; i < NS; i++) {
		ys[i] = (uint8_t)(i * 7 % 10);
		for (int j = 0; j < 28 * 28; j++) {
			int row = j / 28;

			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			xs[i * 784 + j] =
			        (float)((s >> 40) & 0xffff) / 65536.0f * 0.5f +
			        (row >= 2 * ys[i] + 3 && row < 2 * ys[i] + 6 ? 1.0f : 0.0f);
		}
	}
}

static struct nn *mk(enum nn_arch arch, int threads, int batch, uint64_t seed)
{
	struct nn_config c = {arch, 1, 28, 28, 10, batch, threads, 0.01f, 0.9f, 0};
	struct cd_err err;
	struct nn *net = nn_new(&c, seed, &err);

	assert_non_null(net);
	return net;
}

/* Train `steps` steps over the fixed set in order; returns the last loss. */
static float train(struct nn *net, int steps, int batch, float *first)
{
	float loss = 0;

	for (int s = 0; s < steps; s++) {
		int off = s * batch % NS;

		loss = nn_train_step(net, xs + off * 784, ys + off, batch);
		if (s == 0 && first != NULL)
			*first = loss;
	}
	return loss;
}

static void test_loss_falls(void **state)
{
	for (int a = 0; a < 2; a++) {
		struct nn *net = mk(a ? NN_CNN : NN_MLP, 1, 32, 5);
		float first = 0, last = train(net, 60, 32, &first);
		double sum = 0;
		int64_t correct = 0;

		(void)state;
		print_message("  %s: loss %.4f -> %.4f\n", a ? "cnn" : "mlp", first, last);
		assert_true(first > 1.5f && first < 4.0f); /* about ln 10 at init */
		assert_true(last < 0.25f * first);
		nn_eval(net, xs, ys, NS, &sum, &correct);
		assert_true(correct >= NS * 9 / 10);
		nn_free(net);
	}
}

/* The values below are what this code computed (seed 7, one thread);
 * the tolerance covers rounding differences between the AVX-512 kernel
 * and cblas, not a changed initialisation or step. */
static void fixed_seed(int own)
{
	struct nn *net = mk(NN_CNN, 1, 16, 7);
	float first = 0, last;

	nn_gemm_force(own);
	last = train(net, 5, 16, &first);
	print_message("  cnn seed 7: first %.6f, fifth %.6f\n", first, last);
	assert_float_equal(first, 3.050588f, 2e-4);
	assert_float_equal(last, 0.711856f, 2e-3);
	nn_free(net);
	net = mk(NN_MLP, 1, 16, 7);
	last = train(net, 5, 16, &first);
	print_message("  mlp seed 7: first %.6f, fifth %.6f\n", first, last);
	assert_float_equal(first, 2.439320f, 2e-4);
	assert_float_equal(last, 1.922792f, 2e-3);
	nn_free(net);
	nn_gemm_force(1);
}

static void test_fixed_seed_loss(void **state)
{
	(void)state;
	fixed_seed(1); /* the AVX-512 kernel (where the CPU has it) */
	fixed_seed(0); /* cblas */
}

static void test_determinism(void **state)
{
	struct nn *a = mk(NN_CNN, 1, 16, 11), *b = mk(NN_CNN, 1, 16, 11),
	          *c = mk(NN_CNN, 1, 16, 12);
	size_t n = nn_param_count(a);

	(void)state;
	assert_memory_equal(nn_params(a), nn_params(b), n * sizeof(float));
	assert_memory_not_equal(nn_params(a), nn_params(c), n * sizeof(float));
	train(a, 8, 16, NULL);
	train(b, 8, 16, NULL);
	assert_memory_equal(nn_params(a), nn_params(b), n * sizeof(float));
	assert_memory_equal(nn_momentum(a), nn_momentum(b), n * sizeof(float));
	nn_free(a), nn_free(b), nn_free(c);
}

static void test_threads_agree(void **state)
{
	int counts[] = {2, 3};

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		struct nn *a = mk(NN_CNN, 1, 16, 3), *b = mk(NN_CNN, counts[t], 16, 3);
		float la = train(a, 6, 16, NULL), lb = train(b, 6, 16, NULL);
		size_t n = nn_param_count(a);
		double worst = 0;

		assert_float_equal(la, lb, 1e-4 * (1 + fabsf(la)));
		for (size_t i = 0; i < n; i++) {
			double d = fabs((double)nn_params(a)[i] - nn_params(b)[i]);

			worst = d > worst ? d : worst;
		}
		print_message(
		        "  %d threads: loss %.6f vs %.6f, largest parameter difference %.2g\n",
		        counts[t], la, lb, worst);
		assert_true(worst < 1e-4);
		/* and a multi-threaded run repeats itself to within tolerance */
		nn_free(a), nn_free(b);
	}
}

static void test_no_allocation_per_step(void **state)
{
	for (int a = 0; a < 2; a++) {
		struct nn *net = mk(a ? NN_CNN : NN_MLP, 2, 32, 1);
		struct mallinfo2 before, after;
		double sum = 0;
		int64_t correct = 0;

		(void)state;
		train(net, 1, 32, NULL); /* first use of each code path */
		nn_eval(net, xs, ys, 32, &sum, &correct);
		before = mallinfo2();
		train(net, 5, 32, NULL);
		nn_eval(net, xs, ys, NS, &sum, &correct);
		after = mallinfo2();
		assert_int_equal(before.uordblks, after.uordblks);
		assert_int_equal(before.hblkhd, after.hblkhd);
		assert_int_equal(before.hblks, after.hblks);
		nn_free(net);
	}
}

static void test_eval_matches_step(void **state)
{
	struct nn *net = mk(NN_CNN, 2, 32, 4);
	double sum = 0;
	int64_t correct = 0;
	float loss;

	(void)state;
	nn_eval(net, xs, ys, 32, &sum, &correct);
	loss = nn_train_step(net, xs, ys, 32);
	assert_float_equal(loss, sum / 32, 1e-5);
	assert_true(correct >= 0 && correct <= 32);
	/* a label out of range is a caller's bug: NaN, and no update */
	{
		uint8_t bad[32];
		float keep = nn_params(net)[0];
		double s2 = 0;

		memcpy(bad, ys, 32);
		bad[5] = 10;
		assert_true(isnan(nn_train_step(net, xs, bad, 32)));
		assert_true(nn_params(net)[0] == keep);
		nn_eval(net, xs, bad, 32, &s2, &correct);
		assert_true(isnan(s2));
	}
	/* n larger than the batch is evaluated in batches */
	sum = 0;
	correct = 0;
	nn_eval(net, xs, ys, NS, &sum, &correct);
	assert_true(sum > 0 && correct <= NS);
	nn_free(net);
}

static void test_sgd_semantics(void **state)
{
	float w = 1.0f, g = 0.5f, v = 0.2f;

	(void)state;
	/* PyTorch: v = mu v + (g + wd w) = 0.18 + 0.5 + 0.01; w -= lr v */
	nn_sgd(1, &w, &g, &v, 0.1f, 0.9f, 0.01f);
	assert_float_equal(v, 0.69f, 1e-6);
	assert_float_equal(w, 0.931f, 1e-6);
	/* lr 0 leaves the parameters alone */
	{
		struct nn *net = mk(NN_MLP, 1, 16, 2);
		size_t n = nn_param_count(net);
		float *copy = malloc(n * sizeof *copy);

		memcpy(copy, nn_params(net), n * sizeof *copy);
		nn_set_lr(net, 0);
		train(net, 2, 16, NULL);
		assert_memory_equal(copy, nn_params(net), n * sizeof *copy);
		free(copy);
		nn_free(net);
	}
}

static void test_shapes_and_describe(void **state)
{
	struct nn_config c = {NN_CNN, 3, 32, 32, 10, 8, 1, 0.01f, 0.9f, 0};
	struct cd_err err;
	struct nn *net = mk(NN_CNN, 1, 8, 1);

	(void)state;
	assert_int_equal(nn_param_count(net), 3274634);
	assert_string_equal(nn_describe(net), "cnn 1x28x28 \xe2\x86\x92 10, 3,274,634 params");
	assert_float_equal(nn_flops_per_sample(net) / 1e6, 83.3, 0.05);
	nn_free(net);
	net = mk(NN_MLP, 1, 8, 1);
	assert_int_equal(nn_param_count(net), 784 * 256 + 256 + 2560 + 10);
	nn_free(net);
	net = nn_new(&c, 1, &err); /* CIFAR-10: fc1 takes 64x8x8 = 4096 */
	assert_non_null(net);
	assert_int_equal(nn_slot_size(net, NN_F1W), 4096 * 1024);
	assert_int_equal(nn_param_count(net), 2432 + 51264 + 4195328 + 10250);
	nn_free(net);
}

static void test_bad_config(void **state)
{
	struct nn_config good = {NN_CNN, 1, 28, 28, 10, 64, 1, 0.01f, 0.9f, 0}, c;
	struct cd_err err;

	(void)state;
	c = good, c.threads = 0;
	assert_null(nn_new(&c, 1, &err));
	assert_non_null(strstr(err.msg, "threads"));
	c = good, c.batch = 0;
	assert_null(nn_new(&c, 1, &err));
	assert_non_null(strstr(err.msg, "batch"));
	c = good, c.momentum = 1.0f;
	assert_null(nn_new(&c, 1, &err));
	assert_non_null(strstr(err.msg, "momentum"));
	c = good, c.lr = NAN;
	assert_null(nn_new(&c, 1, &err));
	c = good, c.classes = 300;
	assert_null(nn_new(&c, 1, &err));
	c = good, c.height = 2;
	assert_null(nn_new(&c, 1, &err));
}

/* ---- nn_gemm against a double reference, both paths, awkward sizes ---- */

static int check_gemm(int ta, int tb, int m, int n, int k, float beta)
{
	static float ws[NN_GEMM_WS] __attribute__((aligned(64)));
	int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2, bad = 0;
	float *a = malloc(sizeof(float) * (size_t)(ta ? k : m) * lda);
	float *b = malloc(sizeof(float) * (size_t)(tb ? n : k) * ldb);
	float *c = malloc(sizeof(float) * (size_t)m * ldc),
	      *c0 = malloc(sizeof(float) * (size_t)m * ldc);
	uint64_t s = (uint64_t)(m * 31 + n * 7 + k);

	for (size_t i = 0; i < (size_t)(ta ? k : m) * lda; i++)
		s = s * 6364136223846793005ULL + 1, a[i] = (float)((s >> 41) % 2001) / 1000.0f - 1;
	for (size_t i = 0; i < (size_t)(tb ? n : k) * ldb; i++)
		s = s * 6364136223846793005ULL + 1, b[i] = (float)((s >> 41) % 2001) / 1000.0f - 1;
	for (size_t i = 0; i < (size_t)m * ldc; i++)
		c0[i] = c[i] = (float)(i % 13) - 6;
	nn_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc, ws);
	for (int i = 0; i < m; i++)
		for (int j = 0; j < ldc; j++) {
			double r = 0;

			if (j >= n) { /* padding past n is never written */
				bad += c[i * ldc + j] != c0[i * ldc + j];
				continue;
			}
			for (int p = 0; p < k; p++)
				r += (double)(ta ? a[p * lda + i] : a[i * lda + p]) *
				     (tb ? b[j * ldb + p] : b[p * ldb + j]);
			r += beta * c0[i * ldc + j];
			bad += fabs(r - c[i * ldc + j]) > 1e-4 * (1 + sqrt((double)k) + fabs(r));
		}
	free(a), free(b), free(c), free(c0);
	return bad;
}

static void test_gemm(void **state)
{
	static const int ms[] = {1, 13, 64, 70}, ns[] = {1, 17, 33, 100}, ks[] = {1, 25, 300};

	(void)state;
	for (int own = 1; own >= 0; own--) {
		nn_gemm_force(own);
		for (int t = 0; t < 4; t++)
			for (size_t i = 0; i < 4; i++)
				for (size_t j = 0; j < 4; j++)
					for (size_t p = 0; p < 3; p++)
						assert_int_equal(
						        check_gemm(t >> 1, t & 1, ms[i], ns[j],
						                   ks[p],
						                   (i + j) % 2 ? 1.0f : 0.0f),
						        0);
		/* more rows than one transposed-A slice; A B^T too deep for
		 * the scratch (cblas takes over) */
		assert_int_equal(check_gemm(1, 0, 1030, 40, 200, 1.0f), 0);
		assert_int_equal(check_gemm(0, 0, 1030, 40, 200, 0.0f), 0);
		assert_int_equal(check_gemm(0, 1, 3, 5, NN_GEMM_WS / 32 + 100, 0.0f), 0);
	}
	nn_gemm_force(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_gemm),
	        cmocka_unit_test(test_loss_falls),
	        cmocka_unit_test(test_fixed_seed_loss),
	        cmocka_unit_test(test_determinism),
	        cmocka_unit_test(test_threads_agree),
	        cmocka_unit_test(test_no_allocation_per_step),
	        cmocka_unit_test(test_eval_matches_step),
	        cmocka_unit_test(test_sgd_semantics),
	        cmocka_unit_test(test_shapes_and_describe),
	        cmocka_unit_test(test_bad_config),
	};

	make_set();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
