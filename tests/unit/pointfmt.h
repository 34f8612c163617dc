/* pointfmt.h — a parsed point as one line of text, the format of the
 * sample logs' .expected files (tests/data/logs/): what test_parse and
 * test_parse_rank compare.  Header-only, like testutil.h.
 */
#ifndef CAPDASH_TEST_POINTFMT_H
#define CAPDASH_TEST_POINTFMT_H

#include <stdio.h>

#include "capdash/parse.h"

/* One point as a line: "fmt=hf step=3 total=1000 loss=2.119 ...", fields
 * in a fixed order, numbers with %.6g. */
static inline void test_point_text(char *b, size_t n, const struct metric_point *m)
{
	static const char *const rates[] = {"", "samples", "tok", "it"};
	size_t o = 0;

#define ADD(...) (o += (size_t)snprintf(b + o, o < n ? n - o : 0, __VA_ARGS__))
	ADD("fmt=%s", logformat_name(m->format));
	if (m->has & MP_STEP)
		ADD(" step=%lld", (long long)m->step);
	if (m->has & MP_TOTAL)
		ADD(" total=%lld", (long long)m->total);
	if (m->has & MP_EPOCH)
		ADD(" epoch=%.6g", m->epoch);
	if (m->has & MP_EPOCHS)
		ADD(" epochs=%lld", (long long)m->epochs);
	if (m->has & MP_LOSS)
		ADD(" loss=%.6g", m->loss);
	if (m->has & MP_VAL_LOSS)
		ADD(" val_loss=%.6g", m->val_loss);
	if (m->has & MP_ACC)
		ADD(" acc=%.6g", m->acc);
	if (m->has & MP_VAL_ACC)
		ADD(" val_acc=%.6g", m->val_acc);
	if (m->has & MP_LR)
		ADD(" lr=%.6g", m->lr);
	if (m->has & MP_THROUGHPUT)
		ADD(" rate=%.6g/%s", m->throughput, rates[m->rate_unit]);
	if (m->has & MP_MFU)
		ADD(" mfu=%.6g", m->mfu);
	if (m->has & MP_GRAD_NORM)
		ADD(" gnorm=%.6g", m->grad_norm);
	if (m->has & MP_STEP_TIME)
		ADD(" dt=%.6g", m->step_time);
	if (m->has & MP_NONFINITE)
		ADD(" nonfinite");
#undef ADD
}

#endif
