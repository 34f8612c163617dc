/* bench_model.c — how long one budget recompute takes, against a reference
 * measured in the same run: formatting a double with snprintf("%.2f"), the
 * cheapest thing a spreadsheet-like tool does per cell.  The plan month by
 * month (timeline_eval) is measured at the largest input the model takes
 * (240 months, 32 roles with start and end months, 32 cost lines, renting)
 * against budget_eval of that same input, in the same run.
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
#include "capdash/timeline.h"

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

#define TL_CALLS 20000

static double bench_timeline(struct budget_input *in)
{
	static struct timeline t; /* 12 KB */
	double per[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns();
		int64_t acc = 0;

		for (int i = 0; i < TL_CALLS; i++) {
			in->gpus = i & 63;
			if (timeline_eval(in, &t, NULL) == 0)
				acc += t.m[t.months - 1].cash + t.runway_at_last_burn;
		}
		sink = acc;
		per[b] = (now_ns() - t0) / TL_CALLS;
	}
	return bench_median(per, BATCHES);
}

/* The largest plan: every list full, every month used, renting. */
static void largest_plan(struct budget_input *in)
{
	budget_seed_example(in);
	in->months = 240;
	in->compute_mode = BUDGET_RENT;
	in->gpu_hourly_cost = 2490000;
	in->utilisation = 700000;
	in->rent_from = 3;
	in->data_spread = true;
	in->data_to = 24;
	in->nroles = BUDGET_MAX_ROLES;
	for (int i = 0; i < BUDGET_MAX_ROLES; i++) {
		snprintf(in->roles[i].name, sizeof in->roles[i].name, "Role %d", i);
		in->roles[i].count = 1 + i;
		in->roles[i].monthly_salary = 2500000;
		in->roles[i].start_month = 1 + i;
		in->roles[i].end_month = 200 + i;
	}
	in->ncosts = BUDGET_MAX_COSTS;
	for (int i = 0; i < BUDGET_MAX_COSTS; i++) {
		snprintf(in->costs[i].name, sizeof in->costs[i].name, "Line %d", i);
		in->costs[i].amount = (i % 5 == 4 ? -1 : 1) * INT64_C(100000) * (i + 1);
		in->costs[i].monthly = i % 3 != 0;
		in->costs[i].from = 1 + i;
		in->costs[i].to = in->costs[i].monthly ? 240 - i : 0;
		in->costs[i].outside = i % 4 == 0;
	}
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
	static struct budget_input seed, big, largest;
	double eval_seed, eval_big, money, ref, eval_largest, tl_largest;

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
	largest_plan(&largest);
	eval_largest = bench_eval(&largest);
	tl_largest = bench_timeline(&largest);

	printf("%-34s %12s %12s %10s %s\n", "figure", "capdash", "snprintf %.2f", "ratio", "bar");
	printf("%-34s %12.1f %12.1f %9.2fx < 1000 ns: %s\n", "budget_eval, seed (ns/call)",
	       eval_seed, ref, eval_seed / ref, eval_seed < 1000 ? "meets" : "MISSES");
	printf("%-34s %12.1f %12.1f %9.2fx < 1000 ns: %s\n", "budget_eval, 32 roles (ns/call)",
	       eval_big, ref, eval_big / ref, eval_big < 1000 ? "meets" : "MISSES");
	printf("%-34s %12.1f %12.1f %9.2fx -\n", "money_format cents (ns/call)", money, ref,
	       money / ref);
	printf("%-34s %12.1f %12.1f %9.2fx -\n", "budget_eval, largest plan (ns/call)",
	       eval_largest, ref, eval_largest / ref);
	printf("%-34s %12.1f %12.1f %9.2fx (against budget_eval of the same plan: %.1fx)\n",
	       "timeline_eval, largest (ns/call)", tl_largest, ref, tl_largest / ref,
	       tl_largest / eval_largest);
	printf("eval_ns=%.1f\neval32_ns=%.1f\nmoney_ns=%.1f\nreference_ns=%.1f\n", eval_seed,
	       eval_big, money, ref);
	printf("eval_largest_ns=%.1f\ntimeline_largest_ns=%.1f\ntimeline_over_eval=%.2f\n",
	       eval_largest, tl_largest, tl_largest / eval_largest);
	return 0;
}
