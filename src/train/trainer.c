/* trainer.c — the training loop behind capdash-train (see trainer.h).
 *
 * The batch order of epoch e depends only on (seed, e) (rng_epoch_state),
 * and the network's whole state is its parameters and momentum, so a
 * checkpoint taken at any step boundary resumes bit-identically with one
 * thread.  Nothing here allocates after trainer_run's first lines, and nothing
 * prints: lines go to the sink.
 */
#include "trainer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capdash/proto.h"

#include "rng.h"

double trainer_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int64_t trainer_steps_per_epoch(uint32_t n, int batch)
{
	return ((int64_t)n + batch - 1) / batch;
}

struct loop {
	struct nn *net;
	const struct data_pair *d;
	const struct trainer_cfg *cfg;
	const struct trainer_sink *sink;
	volatile sig_atomic_t *stop;
	float *x;       /* (batch, C, H, W) */
	uint8_t *y;     /* batch */
	uint32_t *perm; /* train.n: this epoch's order */
	uint32_t *idx;  /* batch: test indices */
	char line[PROTO_LINE_MAX];
};

static int emit(struct loop *l, size_t len, struct cd_err *err)
{
	if (len && l->sink->line(l->sink->ctx, l->line, len) < 0)
		return cd_err_set(err, CD_ERR_IO, "stdout", 0, 0,
		                  "cannot write the progress lines");
	return 0;
}

static int save(struct loop *l, int64_t step, struct cd_err *err)
{
	struct ckpt_info ck = l->cfg->ck;
	int64_t spe = trainer_steps_per_epoch(l->d->train.n, l->cfg->batch);

	if (!l->cfg->checkpoint)
		return 0;
	ck.step = (uint64_t)step;
	ck.shuffle_state = rng_epoch_state(l->cfg->seed, step / spe);
	return ckpt_save(l->cfg->checkpoint, &ck, nn_params(l->net), nn_momentum(l->net), err);
}

/* Mean loss and accuracy on the test set; 1 if stopped midway. */
static int evaluate(struct loop *l, double *loss, double *acc)
{
	const struct data_set *t = &l->d->test;
	uint32_t n = t->n, b = (uint32_t)l->cfg->batch;
	double sum = 0;
	int64_t correct = 0;

	if (l->cfg->test_batches_max && (uint64_t)l->cfg->test_batches_max * b < n)
		n = l->cfg->test_batches_max * b;
	for (uint32_t off = 0; off < n; off += b) {
		uint32_t k = n - off < b ? n - off : b;

		if (*l->stop)
			return 1;
		for (uint32_t j = 0; j < k; j++)
			l->idx[j] = off + j;
		data_batch(l->d, t, l->idx, (int)k, l->x, l->y);
		nn_eval(l->net, l->x, l->y, (int)k, &sum, &correct);
	}
	*loss = sum / n;
	*acc = (double)correct / n;
	return 0;
}

static int epoch_end(struct loop *l, int64_t step, int64_t epoch, struct trainer_result *res,
                     struct cd_err *err)
{
	struct proto_eval ev = {0};

	if (save(l, step, err) < 0)
		return -1;
	if (evaluate(l, &ev.val_loss, &ev.val_acc))
		return 0;
	ev.step = step;
	ev.epoch = epoch;
	ev.epochs = l->cfg->epochs;
	ev.elapsed = trainer_now() - l->cfg->t0;
	res->val_acc = ev.val_acc;
	return emit(l, proto_fmt_eval(l->line, sizeof l->line, &ev), err);
}

static int train(struct loop *l, struct trainer_result *res, struct cd_err *err)
{
	const struct trainer_cfg *c = l->cfg;
	const struct data_set *tr = &l->d->train;
	int64_t spe = trainer_steps_per_epoch(tr->n, c->batch);
	int64_t total = spe * c->epochs, step = c->start_step, epoch_built = -1;
	double t_run = trainer_now(), t_win = t_run, eval_time = 0;
	double loss_sum = 0, loss_ema = -1;
	int64_t win_steps = 0, win_samples = 0, run_samples = 0;

	while (step < total) {
		int64_t e = step / spe, i = step % spe;
		uint32_t off = (uint32_t)(i * c->batch);
		int nb = (int)(tr->n - off < (uint32_t)c->batch ? tr->n - off : (uint32_t)c->batch);
		float loss;

		if (*l->stop) {
			res->status = TRAINER_STOPPED;
			break;
		}
		if (e != epoch_built) {
			rng_permute(l->perm, tr->n, rng_epoch_state(c->seed, e));
			epoch_built = e;
		}
		data_batch(l->d, tr, l->perm + off, nb, l->x, l->y);
		loss = nn_train_step(l->net, l->x, l->y, nb);
		step++;
		res->step = step;
		if (!isfinite(loss))
			return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
			                  "the loss became %s at step %lld: training diverged (try "
			                  "a lower --lr)",
			                  isnan(loss) ? "NaN" : "infinite", (long long)step);
		loss_sum += loss;
		loss_ema = loss_ema < 0 ? loss : 0.95 * loss_ema + 0.05 * loss;
		win_steps++;
		win_samples += nb;
		run_samples += nb;
		if (l->sink->progress) {
			double now = trainer_now(), busy = now - t_run - eval_time;
			struct trainer_progress p = {
			        step,
			        total,
			        e + 1,
			        c->epochs,
			        loss_ema,
			        busy > 0 ? run_samples / busy : 0,
			        now - c->t0,
			        busy > 0 ? (double)(total - step) * busy / (double)(step - c->start_step) : -1};

			l->sink->progress(l->sink->ctx, &p);
		}
		if (step % c->log_every == 0 || step == total) {
			double now = trainer_now();
			struct proto_step ps = {step,
			                        total,
			                        e + 1,
			                        c->epochs,
			                        loss_sum / (double)win_steps,
			                        c->lr,
			                        now > t_win ? win_samples / (now - t_win) : 0,
			                        now - c->t0};

			if (emit(l, proto_fmt_step(l->line, sizeof l->line, &ps), err) < 0)
				return -1;
			loss_sum = 0;
			win_steps = win_samples = 0;
			t_win = now;
		}
		if (step % spe == 0) {
			double t = trainer_now();

			if (epoch_end(l, step, e + 1, res, err) < 0)
				return -1;
			eval_time += trainer_now() - t;
			t_win += trainer_now() - t;
		}
	}
	if (res->status == TRAINER_STOPPED && save(l, step, err) < 0)
		return -1;
	return 0;
}

int trainer_run(struct nn *net, const struct data_pair *d, const struct trainer_cfg *cfg,
                const struct trainer_sink *sink, volatile sig_atomic_t *stop,
                struct trainer_result *res, struct cd_err *err)
{
	const struct data_set *tr = &d->train;
	size_t per = (size_t)tr->channels * tr->height * tr->width;
	struct loop l = {net, d, cfg, sink, stop, NULL, NULL, NULL, NULL, {0}};
	int rc;

	memset(res, 0, sizeof *res);
	res->status = TRAINER_DONE;
	res->step = cfg->start_step;
	res->val_acc = -1;
	l.x = malloc(per * (size_t)cfg->batch * sizeof *l.x);
	l.y = malloc((size_t)cfg->batch);
	l.perm = malloc((size_t)tr->n * sizeof *l.perm);
	l.idx = malloc((size_t)cfg->batch * sizeof *l.idx);
	if (!l.x || !l.y || !l.perm || !l.idx)
		rc = cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0,
		                "out of memory for the batch buffers");
	else
		rc = train(&l, res, err);
	res->elapsed = trainer_now() - cfg->t0;
	free(l.x);
	free(l.y);
	free(l.perm);
	free(l.idx);
	return rc;
}
