/* bench_nn.c — the network's training speed, measured on nn_train_step
 * directly (no data loading): samples/s, GFLOP/s against this machine's
 * FMA peak measured in the same run, a per-phase breakdown and peak RSS.
 *
 *   bench_nn [mlp|cnn|cifar] [threads] [seconds]
 *
 * The peak is an AVX-512 (or AVX2) FMA loop on every thread at once, 16
 * independent accumulators so latency never limits it.  Output: one
 * "key value" line per figure, for bench/40-trainer.sh to read.
 */
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "capdash/nn.h"
#include "../src/train/nn_impl.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds of the whole process, every thread. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define FMA_ITERS 20000000L

/* Explicit FMA intrinsics: -std=c11 turns off contraction of a*b+c. */
#define FMA_LOOP(T, SET1, FMADD, ADD, CVT)                                                         \
	T m = SET1(0.999999f), c = SET1(1e-7f);                                                    \
	T a0 = SET1(0.1f), a1 = SET1(0.2f), a2 = SET1(0.3f), a3 = SET1(0.4f);                      \
	T a4 = SET1(0.5f), a5 = SET1(0.6f), a6 = SET1(0.7f), a7 = SET1(0.8f);                      \
	T a8 = SET1(0.9f), a9 = SET1(1.0f), a10 = SET1(1.1f), a11 = SET1(1.2f);                    \
	T a12 = SET1(1.3f), a13 = SET1(1.4f), a14 = SET1(1.5f), a15 = SET1(1.6f);                  \
	for (long it = 0; it < iters; it++) {                                                      \
		a0 = FMADD(a0, m, c), a1 = FMADD(a1, m, c);                                        \
		a2 = FMADD(a2, m, c), a3 = FMADD(a3, m, c);                                        \
		a4 = FMADD(a4, m, c), a5 = FMADD(a5, m, c);                                        \
		a6 = FMADD(a6, m, c), a7 = FMADD(a7, m, c);                                        \
		a8 = FMADD(a8, m, c), a9 = FMADD(a9, m, c);                                        \
		a10 = FMADD(a10, m, c), a11 = FMADD(a11, m, c);                                    \
		a12 = FMADD(a12, m, c), a13 = FMADD(a13, m, c);                                    \
		a14 = FMADD(a14, m, c), a15 = FMADD(a15, m, c);                                    \
	}                                                                                          \
	a0 = ADD(ADD(ADD(a0, a1), ADD(a2, a3)), ADD(ADD(a4, a5), ADD(a6, a7)));                    \
	a8 = ADD(ADD(ADD(a8, a9), ADD(a10, a11)), ADD(ADD(a12, a13), ADD(a14, a15)));              \
	return (double)CVT(ADD(a0, a8));

__attribute__((target("avx512f,fma"))) static double fma512(long iters)
{
	FMA_LOOP(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_cvtss_f32)
}

__attribute__((target("avx2,fma"))) static double fma256(long iters)
{
	FMA_LOOP(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, _mm256_cvtss_f32)
}

static int use512;
static volatile double sink;

static void *fma_thread(void *arg)
{
	(void)arg;
	sink += use512 ? fma512(FMA_ITERS) : fma256(FMA_ITERS);
	return NULL;
}

/* GFLOP/s of nthreads FMA loops running together. */
static double measure_peak(int nthreads)
{
	pthread_t t[64];
	double t0 = now(), dt;

	for (int i = 1; i < nthreads; i++)
		pthread_create(&t[i], NULL, fma_thread, NULL);
	fma_thread(NULL);
	for (int i = 1; i < nthreads; i++)
		pthread_join(t[i], NULL);
	dt = now() - t0;
	return (double)FMA_ITERS * 16 * (use512 ? 16 : 8) * 2 * nthreads / dt / 1e9;
}

int main(int argc, char **argv)
{
	const char *model = argc > 1 ? argv[1] : "cnn";
	int threads = argc > 2 ? atoi(argv[2]) : 2;
	double secs = argc > 3 ? atof(argv[3]) : 5, t0, dt, ph[NN_PHASES], tot = 0;
	struct nn_config c = {NN_CNN, 1, 28, 28, 10, 64, 1, 0.01f, 0.9f, 0};
	struct cd_err err;
	struct nn *net;
	float *x;
	uint8_t *y;
	long steps = 0;
	int nsets = 8;
	struct rusage ru;
	double lt[NN_LAYER_TIMES], lbefore[NN_LAYER_TIMES];
	static const char *lnames[NN_LAYER_TIMES] = {"conv1_fwd", "conv2_fwd", "conv2_bwd",
	                                             "conv1_bwd"};
	static const char *names[NN_PHASES] = {"conv_fwd", "fc_fwd",   "loss_fc2",
	                                       "fc1_bwd",  "conv_bwd", "update"};

	__builtin_cpu_init();
	use512 = __builtin_cpu_supports("avx512f");
	if (!__builtin_cpu_supports("avx2") && !use512) {
		fprintf(stderr, "bench_nn: needs AVX2 for the peak loop\n");
		return 1;
	}
	c.threads = threads < 1 ? 1 : threads;
	/* CAPDASH_NN_GEMM=blas: measure the cblas path instead of our kernel */
	if (getenv("CAPDASH_NN_GEMM") && !strcmp(getenv("CAPDASH_NN_GEMM"), "blas"))
		nn_gemm_force(0);
	/* CAPDASH_NN_CONV=im2col: conv2 by im2col + sgemm, as before nn_direct.c */
	if (getenv("CAPDASH_NN_CONV") && !strcmp(getenv("CAPDASH_NN_CONV"), "im2col"))
		nn_direct_force(0);
	if (!strcmp(model, "mlp"))
		c.arch = NN_MLP;
	else if (!strcmp(model, "cifar"))
		c.channels = 3, c.height = c.width = 32;
	net = nn_new(&c, 42, &err);
	if (!net) {
		fprintf(stderr, "bench_nn: %s\n", err.msg);
		return 1;
	}
	size_t in = (size_t)c.channels * c.height * c.width;
	x = malloc(sizeof *x * in * c.batch * nsets);
	y = malloc((size_t)c.batch * nsets);
	if (!x || !y)
		return 1;
	/* A learnable synthetic set: class k brightens band k of the image. */
	srand(7);
	for (int i = 0; i < c.batch * nsets; i++) {
		y[i] = (uint8_t)(rand() % 10);
		for (size_t j = 0; j < in; j++)
			x[i * in + j] = (float)((double)rand() / RAND_MAX) - 0.5f +
			                ((int)(j * 10 / in) == y[i] ? 1.0f : 0.0f);
	}
	for (int i = 0; i < 5; i++) /* warm up: caches, first-touch pages */
		nn_train_step(net, x, y, c.batch);
	double before[NN_PHASES];
	nn_phase_times(net, before);
	nn_layer_times(net, lbefore);
	t0 = now();
	double c0 = cpu_now();
	float loss = 0;
	do {
		int k = (int)(steps % nsets);

		loss = nn_train_step(net, x + (size_t)k * c.batch * in, y + k * c.batch, c.batch);
		steps++;
	} while ((dt = now() - t0) < secs);
	double cpu = cpu_now() - c0;
	nn_phase_times(net, ph);
	nn_layer_times(net, lt);
	double sps = (double)steps * c.batch / dt, gf = sps * nn_flops_per_sample(net) / 1e9;
	double peak = measure_peak(c.threads);

	getrusage(RUSAGE_SELF, &ru);
	printf("gemm %s\n", nn_gemm_own_kernel() ? "own-avx512" : "cblas");
	printf("conv2 %s\n", net->direct ? "direct" : "im2col");
	printf("model %s\nthreads %d\ndescribe %s\nsteps %ld\nloss %.4f\n", model, c.threads,
	       nn_describe(net), steps, loss);
	/* CPU time per step: on a shared machine the wall-clock rate moves
	 * with the other load, the CPU time much less. */
	printf("cpu_ms_per_step %.3f\n", cpu / steps * 1e3);
	printf("samples_per_s %.1f\ngflops %.1f\npeak_gflops %.1f\npeak_frac %.3f\n", sps, gf, peak,
	       gf / peak);
	for (int i = 0; i < NN_PHASES; i++)
		tot += ph[i] - before[i];
	for (int i = 0; i < NN_PHASES; i++)
		printf("phase_%s_ms %.3f %.1f%%\n", names[i], (ph[i] - before[i]) / steps * 1e3,
		       100 * (ph[i] - before[i]) / tot);
	/* Per layer: GFLOP/s per thread-second of the layer's own work (so
	 * comparable across thread counts with the per-core FMA peak). */
	for (int l = 0; l < NN_LAYER_TIMES && c.arch == NN_CNN; l++)
		printf("layer_%s_gflops %.1f %.3f\n", lnames[l],
		       nn_layer_flops(net, l) * steps * c.batch / (lt[l] - lbefore[l]) / 1e9,
		       (lt[l] - lbefore[l]) / steps * 1e3);
	for (int f = 0; f < 2 && c.arch == NN_CNN; f++) {
		int p = f ? NN_PH_FC_BWD : NN_PH_FC_FWD;
		double fl = 2.0 * (f ? 2 : 1) * c.batch * steps * nn_slot_size(net, NN_F1W);

		printf("layer_%s_gflops %.1f %.3f\n", f ? "fc1_bwd" : "fc1_fwd",
		       fl / (ph[p] - before[p]) / 1e9 / c.threads,
		       (ph[p] - before[p]) / steps * 1e3);
	}
	printf("peak_rss_mb %.1f\n", ru.ru_maxrss / 1024.0);
	nn_free(net);
	free(x);
	free(y);
	return 0;
}
