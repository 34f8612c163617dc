/* nn.c — the network's construction (one allocation plan, He
 * initialisation) and accessors (see include/capdash/nn.h); a training
 * step is in nn_step.c.  A cnn step runs six phases, each one
 * nn_threads_run:
 *   conv forward   items of NN_GROUP samples:
 *                  im2col → sgemm → fused bias+ReLU+maxpool, twice
 *   fc1 forward    items of 256 of its 1024 outputs
 *   loss           fc2, softmax-CE and fc2's backward, on the caller alone
 *   fc1 backward   weight gradient by output rows, input gradient by
 *                  batch rows
 *   conv backward  sample groups again; each thread adds its conv weight
 *                  gradients into its own partial buffer
 *   update         chunks of the parameters: the partials summed (in
 *                  thread order) then SGD
 * Threads take items as they go (nn_step.c's next_item()).
 * The mlp skips the conv phases.  Must not allocate after nn_new, print, or
 * do I/O.  Start at nn_new, then nn_step.c's nn_train_step.
 */
#include "nn_impl.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 64

/* ---- the allocation plan: a bump allocator run twice (size, then place) ---- */

struct plan {
	char *base;
	size_t used;
};

static void *take(struct plan *p, size_t bytes)
{
	void *r = p->base ? p->base + p->used : NULL;

	p->used += (bytes + ALIGN - 1) / ALIGN * ALIGN;
	return r;
}

#define TAKE(p, type, count) ((type *)take((p), sizeof(type) * (size_t)(count)))

static void lay_out(struct nn *net, struct plan *p)
{
	int t, nt = net->nt, g = NN_GROUP, b = net->cfg.batch;
	size_t colsz = 0, ysz = 0;

	net->params = TAKE(p, float, net->nparam);
	net->grads = TAKE(p, float, net->nparam);
	net->mom = TAKE(p, float, net->nparam);
	net->h = TAKE(p, float, (size_t)b * net->hidden);
	net->dh = TAKE(p, float, (size_t)b * net->hidden);
	net->logits = TAKE(p, float, (size_t)b * net->cfg.classes);
	net->dlogits = TAKE(p, float, (size_t)b * net->cfg.classes);
	net->part = TAKE(p, float *, nt);
	net->col = TAKE(p, float *, nt);
	net->ybuf = TAKE(p, float *, nt);
	net->da1 = TAKE(p, float *, nt);
	net->ws = TAKE(p, float *, nt);
	net->dws = TAKE(p, float *, nt);
	net->lt = (double(*)[NN_LAYER_TIMES])take(p, sizeof(double[NN_LAYER_TIMES]) * (size_t)nt);
	for (t = 0; t < nt; t++) {
		float *ws = TAKE(p, float, NN_GEMM_WS);

		if (p->base)
			net->ws[t] = ws;
	}
	if (net->cfg.arch != NN_CNN)
		return;
	net->a1 = TAKE(p, float, (size_t)b * net->a1sz);
	net->m1 = TAKE(p, uint8_t, (size_t)b * net->a1sz);
	net->a2 = TAKE(p, float, (size_t)b * net->flat);
	net->m2 = TAKE(p, uint8_t, (size_t)b * net->flat);
	net->da2 = TAKE(p, float, (size_t)b * net->flat);
	colsz = (size_t)nn_conv_rows(&net->c1) * nn_conv_npos(&net->c1);
	/* With the direct conv2 the column matrix serves conv1 alone. */
	if (!net->direct && (size_t)nn_conv_rows(&net->c2) * nn_conv_npos(&net->c2) > colsz)
		colsz = (size_t)nn_conv_rows(&net->c2) * nn_conv_npos(&net->c2);
	ysz = (size_t)net->c1.cout * nn_conv_npos(&net->c1);
	if ((size_t)net->c2.cout * nn_conv_npos(&net->c2) > ysz)
		ysz = (size_t)net->c2.cout * nn_conv_npos(&net->c2);
	for (t = 0; t < nt; t++) {
		float *part = TAKE(p, float, net->nconv);
		float *col = TAKE(p, float, colsz *g);
		float *y = TAKE(p, float, ysz *g);
		float *da1 = TAKE(p, float, (size_t)net->a1sz *g);
		float *dws = net->direct ? TAKE(p, float, nn_direct_ws(&net->c2, g)) : NULL;

		if (p->base) {
			net->dws[t] = dws;
			net->part[t] = part;
			net->col[t] = col;
			net->ybuf[t] = y;
			net->da1[t] = da1;
		}
	}
}

/* ---- initialisation: splitmix64 + Box-Muller, He normal ---- */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in (0, 1]: never 0, so log() below is finite. */
static double unit_open(uint64_t *s)
{
	return ((double)(splitmix64(s) >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}

/* N(0, gain/fan_in): He et al.'s gain 2 for a layer a ReLU follows, gain
 * 1 for the last one (no ReLU: the same derivation gives 1), which keeps
 * the first logits near zero and the first loss near ln(classes). */
static void he_init(float *w, size_t n, int fan_in, double gain, uint64_t *s)
{
	double sd = sqrt(gain / fan_in);

	for (size_t i = 0; i < n; i += 2) {
		double r = sqrt(-2.0 * log(unit_open(s))), a = 2 * M_PI * unit_open(s);

		w[i] = (float)(sd * r * cos(a));
		if (i + 1 < n)
			w[i + 1] = (float)(sd * r * sin(a));
	}
}

/* ---- construction ---- */

static int check_config(const struct nn_config *c, struct cd_err *err)
{
	const char *bad = NULL;

	if (c->arch != NN_MLP && c->arch != NN_CNN)
		bad = "arch: expected mlp or cnn";
	else if (c->channels < 1 || c->channels > 64)
		bad = "channels: expected 1..64";
	else if (c->height < 4 || c->height > 1024 || c->width < 4 || c->width > 1024)
		bad = "image size: expected 4..1024 pixels a side";
	else if (c->classes < 2 || c->classes > 256)
		bad = "classes: expected 2..256";
	else if (c->batch < 1 || c->batch > 65536)
		bad = "batch: expected 1..65536";
	else if (c->threads < 1 || c->threads > 256)
		bad = "threads: expected 1..256";
	else if (!(c->lr >= 0) || !isfinite(c->lr))
		bad = "lr: expected a finite number >= 0";
	else if (!(c->momentum >= 0 && c->momentum < 1))
		bad = "momentum: expected 0 <= momentum < 1";
	else if (!(c->weight_decay >= 0) || !isfinite(c->weight_decay))
		bad = "weight decay: expected a finite number >= 0";
	if (bad)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0, "network: %s", bad);
	return 0;
}

static void plan_slots(struct nn *net)
{
	const struct nn_config *c = &net->cfg;
	size_t s[NN_SLOTS] = {0}, off = 0;

	net->in0 = c->channels * c->height * c->width;
	if (c->arch == NN_CNN) {
		nn_conv_init(&net->c1, c->channels, c->height, c->width, 32, 5, 2);
		nn_conv_init(&net->c2, 32, net->c1.oh / 2, net->c1.ow / 2, 64, 5, 2);
		net->a1sz = 32 * (net->c1.oh / 2) * (net->c1.ow / 2);
		net->flat = 64 * (net->c2.oh / 2) * (net->c2.ow / 2);
		net->hidden = 1024;
		s[NN_C1W] = (size_t)32 * nn_conv_rows(&net->c1);
		s[NN_C1B] = 32;
		s[NN_C2W] = (size_t)64 * nn_conv_rows(&net->c2);
		s[NN_C2B] = 64;
	} else {
		net->flat = net->in0;
		net->hidden = 256;
	}
	s[NN_F1W] = (size_t)net->hidden * net->flat;
	s[NN_F1B] = (size_t)net->hidden;
	s[NN_F2W] = (size_t)c->classes * net->hidden;
	s[NN_F2B] = (size_t)c->classes;
	for (int i = 0; i < NN_SLOTS; i++) {
		net->off[i] = off;
		net->size[i] = s[i];
		off += s[i];
	}
	net->nparam = off;
	net->nconv = net->off[NN_F1W];
}

static void describe(struct nn *net)
{
	char num[32], grouped[48];
	int len = snprintf(num, sizeof num, "%zu", net->nparam), j = 0;

	for (int i = 0; i < len; i++) {
		grouped[j++] = num[i];
		if ((len - i - 1) % 3 == 0 && i < len - 1)
			grouped[j++] = ',';
	}
	grouped[j] = 0;
	snprintf(net->desc, sizeof net->desc, "%s %dx%dx%d \xe2\x86\x92 %d, %s params",
	         net->cfg.arch == NN_CNN ? "cnn" : "mlp", net->cfg.channels, net->cfg.height,
	         net->cfg.width, net->cfg.classes, grouped);
}

struct nn *nn_new(const struct nn_config *cfg, uint64_t seed, struct cd_err *err)
{
	struct nn *net;
	struct plan p = {0};
	static const int fan_slot[] = {NN_C1W, NN_C2W, NN_F1W, NN_F2W};

	if (check_config(cfg, err) < 0)
		return NULL;
	net = calloc(1, sizeof *net);
	if (!net)
		goto nomem;
	net->cfg = *cfg;
	net->nt = cfg->threads;
	plan_slots(net);
	net->direct = cfg->arch == NN_CNN && nn_direct_ok(&net->c2);
	lay_out(net, &p);
	if (posix_memalign(&net->block, ALIGN, p.used))
		goto nomem;
	memset(net->block, 0, p.used);
	p.base = net->block;
	p.used = 0;
	lay_out(net, &p);
	net->pool = nn_threads_new(net->nt);
	if (!net->pool) {
		nn_free(net);
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "network: cannot start %d threads",
		           cfg->threads);
		return NULL;
	}
	/* The pool parallelises; OpenBLAS threads (the fallback's) would fight
	 * it for the cores. */
	openblas_set_num_threads(1);
	nn_gemm_own_kernel();
	for (size_t i = 0; i < sizeof fan_slot / sizeof *fan_slot; i++) {
		int s = fan_slot[i];
		size_t rows = s == NN_C1W   ? 32
		              : s == NN_C2W ? 64
		              : s == NN_F1W ? (size_t)net->hidden
		                            : (size_t)cfg->classes;

		if (net->size[s])
			he_init(net->params + net->off[s], net->size[s], (int)(net->size[s] / rows),
			        s == NN_F2W ? 1.0 : 2.0, &seed);
	}
	describe(net);
	return net;
nomem:
	nn_free(net);
	cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, "network: out of memory");
	return NULL;
}

void nn_free(struct nn *net)
{
	if (!net)
		return;
	if (net->pool)
		nn_threads_free(net->pool);
	free(net->block);
	free(net);
}

/* ---- accessors ---- */

void nn_set_lr(struct nn *net, float lr)
{
	net->cfg.lr = lr;
}

size_t nn_param_count(const struct nn *net)
{
	return net->nparam;
}

float *nn_params(struct nn *net)
{
	return net->params;
}

float *nn_momentum(struct nn *net)
{
	return net->mom;
}

float *nn_grads(struct nn *net)
{
	return net->grads;
}

size_t nn_slot_offset(const struct nn *net, int slot)
{
	return net->off[slot];
}

size_t nn_slot_size(const struct nn *net, int slot)
{
	return net->size[slot];
}

int nn_threads_used(const struct nn *net)
{
	return net->nt;
}

void nn_phase_times(const struct nn *net, double t[NN_PHASES])
{
	memcpy(t, net->ph, sizeof net->ph);
}

void nn_layer_times(const struct nn *net, double t[NN_LAYER_TIMES])
{
	for (int l = 0; l < NN_LAYER_TIMES; l++) {
		t[l] = 0;
		for (int i = 0; i < net->nt; i++)
			t[l] += net->lt[i][l];
	}
}

double nn_layer_flops(const struct nn *net, int layer)
{
	double c1, c2;

	if (net->cfg.arch != NN_CNN)
		return 0;
	c1 = 2.0 * net->c1.cout * nn_conv_rows(&net->c1) * nn_conv_npos(&net->c1);
	c2 = 2.0 * net->c2.cout * nn_conv_rows(&net->c2) * nn_conv_npos(&net->c2);
	switch (layer) {
	case NN_LT_CONV1_FWD:
	case NN_LT_CONV1_BWD:
		return c1;
	case NN_LT_CONV2_FWD:
		return c2;
	case NN_LT_CONV2_BWD:
		return 2 * c2;
	}
	return 0;
}

double nn_flops_per_sample(const struct nn *net)
{
	double f = 2.0 * ((double)net->size[NN_F1W] + (double)net->size[NN_F2W]);

	if (net->cfg.arch == NN_CNN)
		f += 2.0 * ((double)net->size[NN_C1W] * nn_conv_npos(&net->c1) +
		            (double)net->size[NN_C2W] * nn_conv_npos(&net->c2));
	/* forward + input gradient + weight gradient: 3x the forward's
	 * multiply-adds, the convention behind issue 5's 83.3 MFLOP (the
	 * first layer's input gradient is counted though never computed). */
	return 3.0 * f;
}

const char *nn_describe(const struct nn *net)
{
	return net->desc;
}
