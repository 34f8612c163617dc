/* fuzz_idx.c — capdash-train's dataset readers on arbitrary bytes.
 *
 * Input: byte 0 picks the reader (even: an IDX images/labels pair, odd: a
 * CIFAR-10 batch); byte 1 is a sample limit (0: all); for IDX, bytes 2-3
 * (big-endian) are the length of the images part, the labels file follows.
 * A reader must either fail with a message or return a set whose labels
 * are in range — never crash, hang or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/train/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct data_set *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		if (s->labels[i] >= s->classes)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct data_set s;
	struct cd_err err;
	uint32_t limit;

	if (size < 2)
		return 0;
	limit = data[1];
	if (data[0] & 1) {
		if (data_cifar_read_mem(data + 2, size - 2, "batch", limit, &s, &err) == 0) {
			check(&s);
			data_set_free(&s);
		} else if (!err.msg[0]) {
			abort();
		}
		return 0;
	}
	if (size < 4)
		return 0;
	{
		size_t il = (size_t)data[2] << 8 | data[3];
		const uint8_t *img = data + 4;
		size_t rest = size - 4;

		if (il > rest)
			il = rest;
		if (data_idx_read_mem(img, il, "images", img + il, rest - il, "labels", limit, &s,
		                      &err) == 0) {
			check(&s);
			data_set_free(&s);
		} else if (!err.msg[0]) {
			abort();
		}
	}
	return 0;
}
