/* fuzz_parse.c — logline + logparse + log_sanitize on arbitrary bytes.
 *
 * Input: byte 0 sets the feed chunk size (1..256), the rest is a child's
 * output.  Every line logline gives must fit LOGLINE_MAX, be NUL-terminated
 * and hold no control bytes; every point logparse gives must hold only
 * finite values and sane counters; log_sanitize must leave no ESC, C0 or
 * C1 control.  The raw input is also parsed as one line (the parser must
 * not trust that it was cleaned).  Any breach aborts.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_point(const struct metric_point *m)
{
	const double v[] = {m->epoch, m->loss,       m->val_loss, m->acc,       m->val_acc,
	                    m->lr,    m->throughput, m->mfu,      m->grad_norm, m->step_time};

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (!isfinite(v[i]))
			abort();
	if (m->step < 0 || m->total < 0 || m->epochs < 0)
		abort();
	if (((m->has & MP_ACC) && (m->acc < 0 || m->acc > 1)) ||
	    ((m->has & MP_VAL_ACC) && (m->val_acc < 0 || m->val_acc > 1)) ||
	    ((m->has & MP_MFU) && m->mfu < 0) || ((m->has & MP_STEP_TIME) && m->step_time <= 0))
		abort();
	if (m->format == LOGFMT_UNKNOWN || !logformat_name(m->format))
		abort();
}

static void on_line(const char *line, size_t len, bool final, void *ctx)
{
	struct logparse_state *st = ctx;
	struct metric_point m;

	(void) final;
	if (len > LOGLINE_MAX || line[len] != '\0')
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			abort();
		if (c == 0xc2 && i + 1 < len && (unsigned char)line[i + 1] < 0xa0)
			abort(); /* a C1 control in UTF-8 form */
	}
	if (logparse_line(st, line, len, &m))
		check_point(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logline *ll;
	struct logparse_state st = {0};
	struct metric_point m;
	size_t chunk, n;
	char *copy;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	size--;
	ll = malloc(sizeof *ll);
	copy = malloc(size + 1);
	if (!ll || !copy)
		abort();
	logline_init(ll);
	for (size_t i = 0; i < size; i += chunk)
		logline_feed(ll, (const char *)data + i, size - i < chunk ? size - i : chunk,
		             on_line, &st);
	logline_flush(ll, on_line, &st);

	if (logparse_line(&st, (const char *)data, size, &m))
		check_point(&m);

	memcpy(copy, data, size);
	n = log_sanitize(copy, size);
	if (n > size)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)copy[i];

		if (c < 0x20 || c == 0x7f)
			abort();
		if (c == 0xc2 && i + 1 < n && (unsigned char)copy[i + 1] < 0xa0)
			abort();
	}
	free(copy);
	free(ll);
	return 0;
}
