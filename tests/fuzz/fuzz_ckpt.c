/* fuzz_ckpt.c — capdash-train's checkpoint reader on arbitrary bytes: it
 * must refuse with a message or accept a file whose size and CRC agree with
 * its header, then load it identically a second time. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../src/train/ckpt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ckpt_info info;
	struct cd_err err;
	float *p, *m;
	FILE *f;
	int rc;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	rc = ckpt_read_info_fp(f, "fuzz", &info, &err);
	fclose(f);
	if (rc < 0) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	if (size != 256 + 8 * info.param_count + 4)
		abort();
	p = malloc(info.param_count * sizeof *p);
	m = malloc(info.param_count * sizeof *m);
	f = fmemopen((void *)data, size, "rb");
	if (p && m && f && ckpt_load_fp(f, "fuzz", &info, p, m, &err) < 0)
		abort();
	if (f)
		fclose(f);
	free(p);
	free(m);
	return 0;
}
