/* nn_step.c — one training step, evaluation, and the phases they hand to
 * the thread pool (the list is at the top of nn.c).  Must not allocate,
 * print or do I/O.  Start at nn_train_step.
 */
#include "nn_impl.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

/* ---- the phases ---- */

#define P(net, slot) ((net)->params + (net)->off[slot])
#define G(net, slot) ((net)->grads + (net)->off[slot])

/* Work items are handed out one at a time from an atomic counter rather
 * than split evenly up front: the cores may be shared with other programs,
 * and a thread that gets less of its core then simply takes fewer items.
 * One thread takes them in order, so its runs stay bit-identical. */
static int next_item(struct nn *net)
{
	return atomic_fetch_add_explicit(&net->next, 1, memory_order_relaxed);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Add the time since *t to thread tid's layer l; *t := now. */
static void lap(struct nn *net, int tid, int l, double *t)
{
	double t1 = now();

	net->lt[tid][l] += t1 - *t;
	*t = t1;
}

#define FC_COLS 256 /* fc1 outputs per item: few transposes of its input */

/* Batch rows per fc1 input-gradient item: a thread's share, in whole
 * 12-row kernel tiles; every item copies all of fc1's weights panel by
 * panel, so items must be few and each panel feed several tiles. */
static int fc_rows(const struct nn *net)
{
	int share = (net->n + net->nt - 1) / net->nt;

	return (share + 11) / 12 * 12;
}
#define UPD_CHUNK 32768

static void conv_fwd_task(void *ctx, int tid, int nt)
{
	struct nn *net = ctx;
	int n1 = nn_conv_npos(&net->c1), n2 = nn_conv_npos(&net->c2);
	int groups = (net->n + NN_GROUP - 1) / NN_GROUP;
	float *col = net->col[tid], *y = net->ybuf[tid];

	(void)nt;
	if (net->direct)
		nn_direct_wt_fwd(&net->c2, P(net, NN_C2W), nn_direct_wt(&net->c2, net->dws[tid]));
	for (int g = next_item(net); g < groups; g = next_item(net)) {
		int s = g * NN_GROUP, ns = net->n - s < NN_GROUP ? net->n - s : NN_GROUP;
		double t = now();

		nn_conv_forward(&net->c1, net->x + (size_t)s * net->in0, ns, P(net, NN_C1W), NULL,
		                col, y, ns * n1, net->ws[tid]);
		for (int j = 0; j < ns; j++)
			nn_pool_forward(32, net->c1.oh, net->c1.ow, y + j * n1, ns * n1,
			                P(net, NN_C1B), net->a1 + (size_t)(s + j) * net->a1sz,
			                net->m1 + (size_t)(s + j) * net->a1sz);
		lap(net, tid, NN_LT_CONV1_FWD, &t);
		if (net->direct)
			nn_direct_forward(&net->c2, net->a1 + (size_t)s * net->a1sz, ns,
			                  nn_direct_wt(&net->c2, net->dws[tid]), y, ns * n2,
			                  net->dws[tid]);
		else
			nn_conv_forward(&net->c2, net->a1 + (size_t)s * net->a1sz, ns,
			                P(net, NN_C2W), NULL, col, y, ns * n2, net->ws[tid]);
		for (int j = 0; j < ns; j++)
			nn_pool_forward(64, net->c2.oh, net->c2.ow, y + j * n2, ns * n2,
			                P(net, NN_C2B), net->a2 + (size_t)(s + j) * net->flat,
			                net->m2 + (size_t)(s + j) * net->flat);
		lap(net, tid, NN_LT_CONV2_FWD, &t);
	}
}

static const float *fc_input(const struct nn *net)
{
	return net->cfg.arch == NN_CNN ? net->a2 : net->x;
}

static void fc_fwd_task(void *ctx, int tid, int nt)
{
	struct nn *net = ctx;
	int items = (net->hidden + FC_COLS - 1) / FC_COLS;

	(void)nt;
	for (int i = next_item(net); i < items; i = next_item(net)) {
		int o0 = i * FC_COLS, o1 = o0 + FC_COLS < net->hidden ? o0 + FC_COLS : net->hidden;

		nn_fc_forward(net->n, net->flat, net->hidden, fc_input(net), P(net, NN_F1W),
		              P(net, NN_F1B), net->h, 1, o0, o1, net->ws[tid]);
	}
}

static void fc_bwd_task(void *ctx, int tid, int nt)
{
	struct nn *net = ctx;
	int wi = (net->hidden + FC_COLS - 1) / FC_COLS;
	int rows = fc_rows(net);
	int xi = net->cfg.arch == NN_CNN ? (net->n + rows - 1) / rows : 0;

	(void)nt;
	for (int i = next_item(net); i < wi + xi; i = next_item(net)) {
		if (i < wi) {
			int o0 = i * FC_COLS;
			int o1 = o0 + FC_COLS < net->hidden ? o0 + FC_COLS : net->hidden;

			nn_fc_backward_w(net->n, net->flat, net->hidden, fc_input(net), net->dh,
			                 G(net, NN_F1W), G(net, NN_F1B), o0, o1, net->ws[tid]);
		} else {
			int r0 = (i - wi) * rows, r1 = r0 + rows < net->n ? r0 + rows : net->n;

			nn_fc_backward_x(net->flat, net->hidden, net->dh, P(net, NN_F1W), net->da2,
			                 NULL, r0, r1, net->ws[tid]);
		}
	}
}

static void conv_bwd_task(void *ctx, int tid, int nt)
{
	struct nn *net = ctx;
	int n1 = nn_conv_npos(&net->c1), n2 = nn_conv_npos(&net->c2);
	int groups = (net->n + NN_GROUP - 1) / NN_GROUP;
	float *col = net->col[tid], *y = net->ybuf[tid], *da1 = net->da1[tid];
	float *part = net->part[tid];

	(void)nt;
	memset(part, 0, sizeof *part * net->nconv);
	if (net->direct) {
		nn_direct_wt_bwd(&net->c2, P(net, NN_C2W), nn_direct_wt(&net->c2, net->dws[tid]));
		memset(nn_direct_dwt(&net->c2, net->dws[tid]), 0,
		       sizeof(float) * net->size[NN_C2W]);
	}
	for (int g = next_item(net); g < groups; g = next_item(net)) {
		int s = g * NN_GROUP, ns = net->n - s < NN_GROUP ? net->n - s : NN_GROUP;
		double t = now();

		for (int j = 0; j < ns; j++)
			nn_pool_backward(
			        64, net->c2.oh, net->c2.ow, net->da2 + (size_t)(s + j) * net->flat,
			        net->m2 + (size_t)(s + j) * net->flat, y + j * n2, ns * n2);
		if (net->direct)
			nn_direct_backward(&net->c2, net->a1 + (size_t)s * net->a1sz, ns,
			                   nn_direct_wt(&net->c2, net->dws[tid]), y, ns * n2,
			                   part + net->off[NN_C2B], da1, net->dws[tid]);
		else
			nn_conv_backward(&net->c2, net->a1 + (size_t)s * net->a1sz, ns,
			                 P(net, NN_C2W), y, ns * n2, part + net->off[NN_C2W],
			                 part + net->off[NN_C2B], da1, col, net->ws[tid]);
		lap(net, tid, NN_LT_CONV2_BWD, &t);
		for (int j = 0; j < ns; j++)
			nn_pool_backward(32, net->c1.oh, net->c1.ow, da1 + (size_t)j * net->a1sz,
			                 net->m1 + (size_t)(s + j) * net->a1sz, y + j * n1,
			                 ns * n1);
		nn_conv_backward(&net->c1, net->x + (size_t)s * net->in0, ns, P(net, NN_C1W), y,
		                 ns * n1, part + net->off[NN_C1W], part + net->off[NN_C1B], NULL,
		                 col, net->ws[tid]);
		lap(net, tid, NN_LT_CONV1_BWD, &t);
	}
	if (net->direct)
		nn_direct_dw_fold(&net->c2, nn_direct_dwt(&net->c2, net->dws[tid]),
		                  part + net->off[NN_C2W]);
}

/* Sum the conv partials into grads over [lo, hi) of the conv prefix. */
static void reduce_conv(struct nn *net, size_t lo, size_t hi)
{
	const float *src[256];

	if (hi <= lo)
		return;
	for (int t = 0; t < net->nt; t++)
		src[t] = net->part[t] + lo;
	nn_sum_into(hi - lo, net->grads + lo, src, net->nt);
}

/* Item i of the parameter passes: [lo, hi); conv partials summed there;
 * with update, then the SGD step. */
static void param_items(struct nn *net, int update)
{
	size_t items = (net->nparam + UPD_CHUNK - 1) / UPD_CHUNK;

	for (int i = next_item(net); (size_t)i < items; i = next_item(net)) {
		size_t lo = (size_t)i * UPD_CHUNK;
		size_t hi = lo + UPD_CHUNK < net->nparam ? lo + UPD_CHUNK : net->nparam;

		if (net->cfg.arch == NN_CNN)
			reduce_conv(net, lo, hi < net->nconv ? hi : net->nconv);
		if (update)
			nn_sgd(hi - lo, net->params + lo, net->grads + lo, net->mom + lo,
			       net->cfg.lr, net->cfg.momentum, net->cfg.weight_decay);
	}
}

static void reduce_task(void *ctx, int tid, int nt)
{
	(void)tid, (void)nt;
	param_items(ctx, 0);
}

static void update_task(void *ctx, int tid, int nt)
{
	(void)tid, (void)nt;
	param_items(ctx, 1);
}

static void run_phase(struct nn *net, nn_task_fn *fn)
{
	atomic_store_explicit(&net->next, 0, memory_order_relaxed);
	nn_threads_run(net->pool, fn, net);
}

static void timed(struct nn *net, int phase, nn_task_fn *fn, double *t)
{
	double t1;

	run_phase(net, fn);
	t1 = now();
	net->ph[phase] += t1 - *t;
	*t = t1;
}

/* Forward through the logits; with train, the loss's gradient back to
 * dh as well.  Returns the mean loss. */
static float forward(struct nn *net, int train, double *loss_sum, int64_t *correct, double *t)
{
	float loss;
	double t1;

	if (net->cfg.arch == NN_CNN)
		timed(net, NN_PH_CONV_FWD, conv_fwd_task, t);
	timed(net, NN_PH_FC_FWD, fc_fwd_task, t);
	nn_fc_forward(net->n, net->hidden, net->cfg.classes, net->h, P(net, NN_F2W), P(net, NN_F2B),
	              net->logits, 0, 0, net->cfg.classes, net->ws[0]);
	loss = nn_softmax_ce(net->n, net->cfg.classes, net->logits, net->y,
	                     train ? net->dlogits : NULL, loss_sum, correct);
	if (train) {
		nn_fc_backward_w(net->n, net->hidden, net->cfg.classes, net->h, net->dlogits,
		                 G(net, NN_F2W), G(net, NN_F2B), 0, net->cfg.classes, net->ws[0]);
		nn_fc_backward_x(net->hidden, net->cfg.classes, net->dlogits, P(net, NN_F2W),
		                 net->dh, net->h, 0, net->n, net->ws[0]);
	}
	t1 = now();
	net->ph[NN_PH_LOSS] += t1 - *t;
	*t = t1;
	return loss;
}

static float backprop(struct nn *net, const float *x, const uint8_t *y, int n, double *t)
{
	float loss;

	net->x = x;
	net->y = y;
	net->n = n > net->cfg.batch ? net->cfg.batch : n;
	loss = forward(net, 1, NULL, NULL, t);
	timed(net, NN_PH_FC_BWD, fc_bwd_task, t);
	if (net->cfg.arch == NN_CNN)
		timed(net, NN_PH_CONV_BWD, conv_bwd_task, t);
	return loss;
}

/* A label outside 0..classes-1 would index past the logits; the loaders
 * check labels, so this only catches a caller's bug, loudly (NaN). */
static int labels_ok(const struct nn *net, const uint8_t *y, int n)
{
	for (int i = 0; i < n; i++)
		if (y[i] >= net->cfg.classes)
			return 0;
	return 1;
}

float nn_train_step(struct nn *net, const float *x, const uint8_t *y, int n)
{
	double t = now();
	float loss;

	if (n <= 0)
		return 0;
	if (!labels_ok(net, y, n))
		return NAN;
	loss = backprop(net, x, y, n, &t);
	timed(net, NN_PH_UPDATE, update_task, &t);
	return loss;
}

float nn_compute_grads(struct nn *net, const float *x, const uint8_t *y, int n)
{
	double t = now();
	float loss;

	if (n <= 0)
		return 0;
	if (!labels_ok(net, y, n))
		return NAN;
	loss = backprop(net, x, y, n, &t);
	run_phase(net, reduce_task);
	return loss;
}

void nn_eval(struct nn *net, const float *x, const uint8_t *y, int n, double *loss_sum,
             int64_t *correct)
{
	double t = now();

	if (!labels_ok(net, y, n)) {
		*loss_sum += NAN;
		return;
	}
	for (int off = 0; off < n; off += net->cfg.batch) {
		net->x = x + (size_t)off * net->in0;
		net->y = y + off;
		net->n = n - off < net->cfg.batch ? n - off : net->cfg.batch;
		forward(net, 0, loss_sum, correct, &t);
	}
}
