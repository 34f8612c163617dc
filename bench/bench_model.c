/* bench_model.c — how long one budget recompute takes, against a reference
 * measured in the same run: formatting a double with snprintf("%.2f"), the
 * cheapest thing a spreadsheet-like tool does per cell.
 *
 * Each figure is the median over BATCHES batches of CALLS calls, in ns per
 * call.  The input changes every call and every result feeds a volatile sink,
 * so the compiler can neither hoist nor drop the work.  Prints a table; the
 * bar (eval < 1 µs) is reported, never enforced by exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "capdash/budget.h"

#define BATCHES 15
#define CALLS 200000

static volatile int64_t sink;

static double now_ns(void)
{
	return bench_now_ns(CLOCK_MONOTONIC);
}

static double bench_eval(struct budget_input *in)
{
	double per[BATCHES];
	struct budget_result r;

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns();
		int64_t acc = 0;

		for (int i = 0; i < CALLS; i++) {
			in->gpus = i & 63; /* a slider moving */
			if (budget_eval(in, &r, NULL) == 0)
				acc += r.capital;
		}
		sink = acc;
		per[b] = (now_ns() - t0) / CALLS;
	}
	return bench_median(per, BATCHES);
}

static double bench_money(void)
{
	double per[BATCHES];
	char buf[48];

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns();
		int64_t acc = 0;

		for (int i = 0; i < CALLS; i++) {
			money_format(INT64_C(2966666667) + i, MONEY_CENTS, buf, sizeof buf);
			acc += buf[3];
		}
		sink = acc;
		per[b] = (now_ns() - t0) / CALLS;
	}
	return bench_median(per, BATCHES);
}

static double bench_reference(void)
{
	double per[BATCHES];
	char buf[48];

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns();
		int64_t acc = 0;

		for (int i = 0; i < CALLS; i++) {
			snprintf(buf, sizeof buf, "%.2f", 29666666.67 + i);
			acc += buf[3];
		}
		sink = acc;
		per[b] = (now_ns() - t0) / CALLS;
	}
	return bench_median(per, BATCHES);
}

int main(void)
{
	struct budget_input seed, big;
	double eval_seed, eval_big, money, ref;

	budget_seed_example(&seed);
	/* The worst case the model allows: 32 roles. */
	budget_seed_example(&big);
	big.nroles = BUDGET_MAX_ROLES;
	for (int i = 0; i < BUDGET_MAX_ROLES; i++) {
		snprintf(big.roles[i].name, sizeof big.roles[i].name, "Role %d", i);
		big.roles[i].count = 1 + i;
		big.roles[i].monthly_salary = 2500000;
	}
	ref = bench_reference();
	eval_seed = bench_eval(&seed);
	eval_big = bench_eval(&big);
	money = bench_money();

	printf("%-34s %12s %12s %10s %s\n", "figure", "capdash", "snprintf %.2f", "ratio", "bar");
	printf("%-34s %12.1f %12.1f %9.2fx < 1000 ns: %s\n", "budget_eval, seed (ns/call)",
	       eval_seed, ref, eval_seed / ref, eval_seed < 1000 ? "meets" : "MISSES");
	printf("%-34s %12.1f %12.1f %9.2fx < 1000 ns: %s\n", "budget_eval, 32 roles (ns/call)",
	       eval_big, ref, eval_big / ref, eval_big < 1000 ? "meets" : "MISSES");
	printf("%-34s %12.1f %12.1f %9.2fx -\n", "money_format cents (ns/call)", money, ref,
	       money / ref);
	printf("eval_ns=%.1f\neval32_ns=%.1f\nmoney_ns=%.1f\nreference_ns=%.1f\n", eval_seed,
	       eval_big, money, ref);
	return 0;
}
