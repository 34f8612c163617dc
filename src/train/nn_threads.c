/* nn_threads.c — a tiny persistent thread pool for the network's phases.
 *
 * Workers are started once (nn_new) and parked between phases; a phase is
 * one nn_threads_run call, which the caller joins as worker 0.  A worker
 * spins briefly before it sleeps on a condition variable, because a step
 * hands out a handful of phases a few milliseconds apart and waking a
 * sleeping thread costs tens of microseconds; it must not spin long,
 * because the cores may be shared.  Must not allocate in nn_threads_run.
 */
#include "nn_impl.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define SPIN_ROUNDS 20000

struct nn_threads {
	int n;
	pthread_t *tids;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	atomic_uint gen;    /* bumped once per phase */
	atomic_int pending; /* workers still running this phase */
	int quit;
	nn_task_fn *fn;
	void *ctx;
};

struct start {
	struct nn_threads *p;
	int tid;
};

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static void *worker(void *arg)
{
	struct nn_threads *p = ((struct start *)arg)->p;
	int tid = ((struct start *)arg)->tid;
	unsigned seen = 0;

	free(arg);
	for (;;) {
		unsigned g = atomic_load_explicit(&p->gen, memory_order_acquire);

		for (int i = 0; g == seen && i < SPIN_ROUNDS; i++) {
			cpu_relax();
			g = atomic_load_explicit(&p->gen, memory_order_acquire);
		}
		if (g == seen) {
			pthread_mutex_lock(&p->mu);
			while ((g = atomic_load(&p->gen)) == seen && !p->quit)
				pthread_cond_wait(&p->go, &p->mu);
			pthread_mutex_unlock(&p->mu);
		}
		if (p->quit)
			return NULL;
		seen = g;
		p->fn(p->ctx, tid, p->n);
		if (atomic_fetch_sub_explicit(&p->pending, 1, memory_order_acq_rel) == 1) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_signal(&p->done);
			pthread_mutex_unlock(&p->mu);
		}
	}
}

struct nn_threads *nn_threads_new(int n)
{
	struct nn_threads *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->n = n < 1 ? 1 : n;
	p->tids = calloc((size_t)p->n, sizeof *p->tids);
	if (!p->tids) {
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_init(&p->gen, 0);
	atomic_init(&p->pending, 0);
	for (int i = 1; i < p->n; i++) {
		struct start *s = malloc(sizeof *s);

		if (!s || (s->p = p, s->tid = i, pthread_create(&p->tids[i], NULL, worker, s))) {
			free(s);
			p->n = i; /* join only those started */
			nn_threads_free(p);
			return NULL;
		}
	}
	return p;
}

void nn_threads_free(struct nn_threads *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	atomic_fetch_add(&p->gen, 1);
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (int i = 1; i < p->n; i++)
		pthread_join(p->tids[i], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
	free(p->tids);
	free(p);
}

void nn_threads_run(struct nn_threads *p, nn_task_fn *fn, void *ctx)
{
	if (p->n == 1) {
		fn(ctx, 0, 1);
		return;
	}
	p->fn = fn;
	p->ctx = ctx;
	atomic_store(&p->pending, p->n - 1);
	pthread_mutex_lock(&p->mu);
	atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	fn(ctx, 0, p->n);
	for (int i = 0; atomic_load(&p->pending) && i < SPIN_ROUNDS; i++)
		cpu_relax();
	if (atomic_load(&p->pending)) {
		pthread_mutex_lock(&p->mu);
		while (atomic_load(&p->pending))
			pthread_cond_wait(&p->done, &p->mu);
		pthread_mutex_unlock(&p->mu);
	}
}

int nn_threads_count(const struct nn_threads *p)
{
	return p->n;
}

void nn_split(int n, int tid, int nthreads, int *lo, int *hi)
{
	int q = n / nthreads, r = n % nthreads;

	*lo = tid * q + (tid < r ? tid : r);
	*hi = *lo + q + (tid < r);
}
