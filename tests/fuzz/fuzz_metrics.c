/* fuzz_metrics.c — the run directory's JSON reader (metrics.jsonl lines,
 * status and command objects) on arbitrary bytes: each input is split into
 * lines and every line decoded as a metrics record; the whole input is also
 * parsed as one flat object.  Must never crash, hang or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/run/run_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count(const char *key, const struct jr_val *v, void *ctx)
{
	size_t *n = ctx;

	*n += strlen(key) + (v->str ? v->slen : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	struct run_record r;
	size_t n = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		metrics_parse(s, len, &r);
		s += len + 1;
	}
	jr_parse((const char *)data, size, count, &n);
	return 0;
}
