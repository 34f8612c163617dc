/* test_train_data.c — capdash-train's dataset readers on small fixture files
 * the tests write themselves (never the real 30 MB dataset): IDX gzipped
 * and plain, CIFAR-10 batches, every bad-file case with its message, the
 * synthetic set, normalisation, batches and the shuffle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "../../src/train/data.h"
#include "../../src/train/rng.h"
#include "testutil.h"

#define N 5
#define R 3
#define C 4

static char tmpdir[256];

static uint8_t img_file[16 + N * R * C];
static uint8_t lbl_file[8 + N];

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A valid pair: N images of R×C, pixel (i, j) = i * 16 + j, labels i * 2. */
static void make_pair(void)
{
	memcpy(img_file, "\0\0\x08\x03", 4);
	be32(img_file + 4, N);
	be32(img_file + 8, R);
	be32(img_file + 12, C);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < R * C; j++)
			img_file[16 + i * R * C + j] = (uint8_t)(i * 16 + j);
	memcpy(lbl_file, "\0\0\x08\x01", 4);
	be32(lbl_file + 4, N);
	for (int i = 0; i < N; i++)
		lbl_file[8 + i] = (uint8_t)(i * 2);
}

static void write_file(const char *name, const void *buf, size_t len, int gz)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if (gz) {
		gzFile f = gzopen(path, "wb");

		assert_non_null(f);
		assert_int_equal(gzwrite(f, buf, (unsigned)len), (int)len);
		assert_int_equal(gzclose(f), Z_OK);
	} else {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(buf, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
}

static void clean_dir(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'/*", tmpdir);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/cdtrain.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	make_pair();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rmtree(tmpdir);
}

static void write_all_four(int gz)
{
	write_file(gz ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte", img_file,
	           sizeof img_file, gz);
	write_file(gz ? "train-labels-idx1-ubyte.gz" : "train-labels-idx1-ubyte", lbl_file,
	           sizeof lbl_file, gz);
	write_file(gz ? "t10k-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte", img_file,
	           sizeof img_file, gz);
	write_file(gz ? "t10k-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte", lbl_file,
	           sizeof lbl_file, gz);
}

static void check_pair(const struct data_set *s, uint32_t n)
{
	assert_int_equal(s->n, n);
	assert_int_equal(s->channels, 1);
	assert_int_equal(s->height, R);
	assert_int_equal(s->width, C);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(s->labels[i], i * 2);
		for (int j = 0; j < R * C; j++)
			assert_int_equal(s->pixels[i * R * C + j], i * 16 + j);
	}
}

static void test_idx_gz_and_plain(void **state)
{
	for (int gz = 0; gz < 2; gz++) {
		struct data_opts o = {tmpdir, DATA_MNIST, 0, 3};
		struct data_pair d;
		struct cd_err err = {0};

		(void)state;
		clean_dir();
		write_all_four(gz);
		assert_int_equal(data_load(&o, &d, &err), 0);
		check_pair(&d.train, N);
		check_pair(&d.test, 3);
		assert_true(strncmp(d.name, "cdtrain.", 8) == 0);
		data_free(&d);
	}
}

/* Load from memory and expect an error whose text contains want. */
static void expect_idx(const uint8_t *img, size_t il, const uint8_t *lbl, size_t ll, uint32_t limit,
                       const char *want)
{
	struct data_set s;
	struct cd_err err = {0};
	char buf[1024];

	assert_int_equal(data_idx_read_mem(img, il, "img", lbl, ll, "lbl", limit, &s, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, want))
		fail_msg("got \"%s\", want \"%s\"", buf, want);
	assert_null(s.pixels);
}

static void test_idx_bad_files(void **state)
{
	uint8_t img[sizeof img_file], lbl[sizeof lbl_file], big[sizeof lbl_file + 1];

	(void)state;
	memcpy(img, img_file, sizeof img);
	memcpy(lbl, lbl_file, sizeof lbl);
	img[0] = 0x1f;
	expect_idx(img, sizeof img, lbl, sizeof lbl, 0,
	           "img: offset 0: not an IDX file (magic 1f 00 08 03, expected 00 00 08 03)");
	memcpy(img, img_file, sizeof img);
	img[2] = 0x0d;
	expect_idx(img, sizeof img, lbl, sizeof lbl, 0,
	           "img: offset 2: IDX data type 0x0d is not supported");
	expect_idx(lbl, sizeof lbl, lbl, sizeof lbl, 0,
	           "img: offset 3: 1 dimensions, expected 3 (an images file)");
	expect_idx(img_file, 10, lbl, sizeof lbl, 0,
	           "img: offset 10: truncated: expected a 16-byte IDX header, got 10 bytes");
	expect_idx(img_file, sizeof img_file, lbl, sizeof lbl - 2, 0,
	           "lbl: offset 8: truncated: expected 5 labels, got 3");
	expect_idx(img_file, sizeof img_file - 1, lbl, sizeof lbl, 0,
	           "img: offset 16: truncated: expected 5 images of 3x4 (60 bytes), got 59 bytes");
	be32(lbl + 4, N - 1);
	expect_idx(img_file, sizeof img_file, lbl, sizeof lbl, 0,
	           "lbl: offset 4: 4 labels, but img has 5 images");
	memcpy(lbl, lbl_file, sizeof lbl);
	lbl[8 + 3] = 10;
	expect_idx(img_file, sizeof img_file, lbl, sizeof lbl, 0,
	           "lbl: offset 11: label 10 is out of range (expected 0 to 9)");
	memcpy(big, lbl_file, sizeof lbl_file);
	big[sizeof big - 1] = 0;
	expect_idx(img_file, sizeof img_file, big, sizeof big, 0,
	           "lbl: offset 13: unexpected data after the last of the 5 labels");
	memcpy(img, img_file, sizeof img);
	be32(img + 8, 0);
	expect_idx(img, sizeof img, lbl_file, sizeof lbl_file, 0,
	           "img: offset 8: image size 0x4 is out of range");
	be32(img + 8, 1024);
	be32(img + 12, 1024);
	be32(img + 4, 4000);
	memcpy(big, lbl_file, sizeof lbl_file);
	be32(big + 4, 4000);
	expect_idx(img, sizeof img, big, sizeof big, 0, "is more than the 2147483648-byte limit");
}

/* A limit reads fewer items but still checks each file to its end: damage
 * past the limit is refused with the whole file's counts. */
static void test_idx_limit_checks_whole_file(void **state)
{
	struct data_set s;
	struct cd_err err = {0};
	uint8_t lbl[sizeof lbl_file], big[sizeof img_file + 1];

	(void)state;
	assert_int_equal(data_idx_read_mem(img_file, sizeof img_file, "img", lbl_file,
	                                   sizeof lbl_file, "lbl", 2, &s, &err),
	                 0);
	check_pair(&s, 2);
	data_set_free(&s);
	expect_idx(img_file, sizeof img_file, lbl_file, sizeof lbl_file - 1, 2,
	           "lbl: offset 8: truncated: expected 5 labels, got 4");
	expect_idx(img_file, sizeof img_file - 20, lbl_file, sizeof lbl_file, 2,
	           "img: offset 16: truncated: expected 5 images of 3x4 (60 bytes), got 40 bytes");
	memcpy(lbl, lbl_file, sizeof lbl);
	lbl[8 + 4] = 200;
	expect_idx(img_file, sizeof img_file, lbl, sizeof lbl, 2,
	           "lbl: offset 12: label 200 is out of range (expected 0 to 9)");
	memcpy(big, img_file, sizeof img_file);
	big[sizeof big - 1] = 0;
	expect_idx(big, sizeof big, lbl_file, sizeof lbl_file, 2,
	           "img: offset 76: unexpected data after the last of the 5 images");
}

/* The same through files, gzipped: a .gz cut short past the limit, or with
 * a bad CRC in its trailer, is refused; --limit does not hide it. */
static void test_idx_limit_gz_truncated(void **state)
{
	struct data_opts o = {tmpdir, DATA_MNIST, 2, 2};
	struct data_pair d;
	struct cd_err err = {0};
	char path[512], buf[1024];
	uint8_t gzbuf[4096];
	size_t n;
	FILE *f;

	(void)state;
	clean_dir();
	write_all_four(1);
	assert_int_equal(data_load(&o, &d, &err), 0);
	check_pair(&d.train, 2);
	data_free(&d);

	/* Uncompressed, the images file ends 20 bytes early. */
	write_file("train-images-idx3-ubyte.gz", img_file, sizeof img_file - 20, 1);
	assert_int_equal(data_load(&o, &d, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, "train-images-idx3-ubyte.gz: offset 16: truncated: expected 5 images "
	                 "of 3x4 (60 bytes), got 40 bytes"))
		fail_msg("got \"%s\"", buf);
	assert_int_equal(err.code, CD_ERR_SYNTAX);

	/* The compressed stream itself cut short (its trailer lost). */
	write_all_four(1);
	snprintf(path, sizeof path, "%s/t10k-labels-idx1-ubyte.gz", tmpdir);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(gzbuf, 1, sizeof gzbuf, f);
	fclose(f);
	assert_true(n > 20);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(gzbuf, 1, n - 6, f), n - 6);
	fclose(f);
	assert_int_equal(data_load(&o, &d, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, "t10k-labels-idx1-ubyte.gz: offset ") ||
	    !strstr(buf, "gzip: unexpected end of file"))
		fail_msg("got \"%s\"", buf);

	/* Whole, but a flipped bit in the CRC trailer. */
	gzbuf[n - 6] ^= 0x40;
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(gzbuf, 1, n, f), n);
	fclose(f);
	assert_int_equal(data_load(&o, &d, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, "t10k-labels-idx1-ubyte.gz: offset ") || !strstr(buf, ": gzip: "))
		fail_msg("got \"%s\"", buf);
}

static void test_idx_file_errors(void **state)
{
	struct data_opts o = {tmpdir, DATA_MNIST, 0, 0};
	struct data_pair d;
	struct cd_err err = {0};
	char path[512], buf[1024];
	uint8_t gzbuf[4096];
	size_t n;
	FILE *f;

	(void)state;
	clean_dir();
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_int_equal(err.code, CD_ERR_IO);
	assert_non_null(strstr(err.file, "train-images-idx3-ubyte.gz"));
	assert_non_null(strstr(err.msg, "no such file"));

	o.dir = "/nonexistent/capdash";
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_string_equal(err.msg, "no such directory");
	o.dir = tmpdir;

	/* A corrupt gzip stream: a bit flipped in the compressed data. */
	write_all_four(1);
	snprintf(path, sizeof path, "%s/train-labels-idx1-ubyte.gz", tmpdir);
	f = fopen(path, "r+b");
	assert_non_null(f);
	n = fread(gzbuf, 1, sizeof gzbuf, f);
	assert_true(n > 20);
	gzbuf[n - 6] ^= 0x40; /* inside the CRC trailer */
	rewind(f);
	assert_int_equal(fwrite(gzbuf, 1, n, f), n);
	fclose(f);
	assert_int_equal(data_load(&o, &d, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	assert_non_null(strstr(buf, "train-labels-idx1-ubyte.gz: offset "));
	assert_non_null(strstr(buf, ": gzip: "));
	assert_int_equal(err.code, CD_ERR_SYNTAX);

	/* A truncated gzip file. */
	f = fopen(path, "wb");
	gzbuf[n - 6] ^= 0x40;
	assert_int_equal(fwrite(gzbuf, 1, n - 10, f), n - 10);
	fclose(f);
	assert_int_equal(data_load(&o, &d, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	assert_non_null(strstr(buf, "train-labels-idx1-ubyte.gz: offset "));
	assert_non_null(strstr(buf, "gzip: unexpected end of file"));

	/* Test images of another size than the training images. */
	clean_dir();
	write_all_four(0);
	{
		uint8_t other[16 + N * 2 * 2];

		memcpy(other, img_file, 16);
		be32(other + 8, 2);
		be32(other + 12, 2);
		memset(other + 16, 7, sizeof other - 16);
		write_file("t10k-images-idx3-ubyte", other, sizeof other, 0);
	}
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_non_null(strstr(err.msg, "test images are 2x2 but training images are 3x4"));
}

/* CIFAR-10: records of 1 label byte + 3072 pixel bytes. */
static void write_cifar(const char *name, int n, int label_base)
{
	size_t len = (size_t)n * 3073;
	uint8_t *b = malloc(len);

	assert_non_null(b);
	for (int i = 0; i < n; i++) {
		b[(size_t)i * 3073] = (uint8_t)((label_base + i) % 10);
		memset(b + (size_t)i * 3073 + 1, i + label_base, 3072);
	}
	write_file(name, b, len, 0);
	free(b);
}

static void test_cifar(void **state)
{
	struct data_opts o = {tmpdir, DATA_CIFAR10, 0, 0};
	struct data_pair d;
	struct cd_err err = {0};
	char name[512];

	(void)state;
	clean_dir();
	for (int k = 1; k <= 5; k++) {
		snprintf(name, sizeof name, "data_batch_%d.bin", k);
		write_cifar(name, 3, k * 10);
	}
	write_cifar("test_batch.bin", 2, 100);
	assert_int_equal(data_load(&o, &d, &err), 0);
	assert_int_equal(d.train.n, 15);
	assert_int_equal(d.train.channels, 3);
	assert_int_equal(d.train.height, 32);
	assert_int_equal(d.test.n, 2);
	assert_string_equal(d.name, "cifar10");
	/* Record 4 is the second of data_batch_2: label (20 + 1) % 10. */
	assert_int_equal(d.train.labels[4], 1);
	assert_int_equal(d.train.pixels[4 * 3072 + 3071], 21);
	assert_int_equal(d.test.labels[1], 1);
	data_free(&d);

	/* A limit stops before the missing files are needed. */
	snprintf(name, sizeof name, "%s/data_batch_5.bin", tmpdir);
	unlink(name);
	o.train_limit = 4;
	assert_int_equal(data_load(&o, &d, &err), 0);
	assert_int_equal(d.train.n, 4);
	data_free(&d);
	/* ...but a file the limit does reach is read to its end, and one it
	 * does not reach must still be a whole number of records. */
	write_cifar("data_batch_5.bin", 1, 0);
	snprintf(name, sizeof name, "%s/data_batch_5.bin", tmpdir);
	assert_int_equal(truncate(name, 3073 - 7), 0);
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_non_null(strstr(err.file, "data_batch_5.bin"));
	assert_string_equal(err.msg, "offset 0: truncated: the last record has 3066 of 3073 bytes");
	unlink(name);
	snprintf(name, sizeof name, "%s/data_batch_2.bin", tmpdir);
	assert_int_equal(truncate(name, 3 * 3073 - 1), 0);
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_non_null(strstr(err.file, "data_batch_2.bin"));
	assert_string_equal(err.msg,
	                    "offset 6146: truncated: the last record has 3072 of 3073 bytes");
	write_cifar("data_batch_2.bin", 3, 20);
	o.train_limit = 0;
	assert_int_equal(data_load(&o, &d, &err), -1);
	assert_int_equal(err.code, CD_ERR_IO);
	assert_non_null(strstr(err.file, "data_batch_5.bin"));
}

static void expect_cifar(const uint8_t *b, size_t len, const char *want)
{
	struct data_set s;
	struct cd_err err = {0};
	char buf[1024];

	assert_int_equal(data_cifar_read_mem(b, len, "batch", 0, &s, &err), -1);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, want))
		fail_msg("got \"%s\", want \"%s\"", buf, want);
}

static void test_cifar_bad(void **state)
{
	uint8_t *b = calloc(2, 3073);
	struct data_set s;
	struct cd_err err = {0};

	(void)state;
	assert_non_null(b);
	expect_cifar(b, 0, "batch: offset 0: empty file");
	expect_cifar(b, 3073 + 100,
	             "batch: offset 3073: truncated: the last record has 100 of 3073 bytes");
	expect_cifar(b, 10, "batch: offset 0: truncated: the last record has 10 of 3073 bytes");
	b[3073] = 12;
	expect_cifar(b, 2 * 3073, "batch: offset 3073: label 12 is out of range (expected 0 to 9)");
	b[3073] = 9;
	/* Past a limit of 1 record: the file's size and labels still count. */
	assert_int_equal(data_cifar_read_mem(b, 2 * 3073 - 5, "batch", 1, &s, &err), -1);
	assert_string_equal(err.msg,
	                    "offset 3073: truncated: the last record has 3068 of 3073 bytes");
	b[3073] = 11;
	assert_int_equal(data_cifar_read_mem(b, 2 * 3073, "batch", 1, &s, &err), -1);
	assert_string_equal(err.msg, "offset 3073: label 11 is out of range (expected 0 to 9)");
	b[3073] = 9;
	assert_int_equal(data_cifar_read_mem(b, 2 * 3073, "batch", 1, &s, &err), 0);
	assert_int_equal(s.n, 1);
	data_set_free(&s);
	assert_int_equal(data_cifar_read_mem(b, 2 * 3073, "batch", 0, &s, &err), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.labels[1], 9);
	data_set_free(&s);
	free(b);
}

static void test_synthetic(void **state)
{
	struct data_opts o = {NULL, DATA_MNIST, 500, 100};
	struct data_pair a, b;
	struct cd_err err = {0};
	int counts[10] = {0};

	(void)state;
	assert_int_equal(data_load(&o, &a, &err), 0);
	assert_int_equal(data_load(&o, &b, &err), 0);
	assert_string_equal(a.name, "synthetic");
	assert_int_equal(a.train.n, 500);
	assert_int_equal(a.test.n, 100);
	assert_int_equal(a.train.height, 28);
	/* Deterministic, and train differs from test. */
	assert_int_equal(data_crc(&a.train), data_crc(&b.train));
	assert_memory_not_equal(a.train.pixels, a.test.pixels, 784 * 100);
	for (uint32_t i = 0; i < a.train.n; i++)
		counts[a.train.labels[i]]++;
	for (int k = 0; k < 10; k++)
		assert_true(counts[k] > 20);
	/* Normalised to mean 0, std 1 over the training set. */
	{
		double s = 0, sq = 0;
		float x[784];
		uint8_t y;
		uint32_t idx;

		for (uint32_t i = 0; i < a.train.n; i++) {
			idx = i;
			data_batch(&a, &a.train, &idx, 1, x, &y);
			assert_int_equal(y, a.train.labels[i]);
			for (int j = 0; j < 784; j++) {
				s += x[j];
				sq += (double)x[j] * x[j];
			}
		}
		s /= 500.0 * 784;
		sq = sq / (500.0 * 784) - s * s;
		assert_true(s > -1e-3 && s < 1e-3);
		assert_true(sq > 0.999 && sq < 1.001);
	}
	data_free(&a);
	data_free(&b);
	o.format = DATA_CIFAR10;
	assert_int_equal(data_load(&o, &a, &err), 0);
	assert_int_equal(a.train.channels, 3);
	assert_int_equal(a.train.width, 32);
	data_free(&a);
}

static void test_batch_values(void **state)
{
	struct data_pair d;
	struct cd_err err = {0};
	uint32_t idx[2] = {4, 1};
	float x[2 * R * C];
	uint8_t y[2];

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(data_idx_read_mem(img_file, sizeof img_file, "i", lbl_file,
	                                   sizeof lbl_file, "l", 0, &d.train, &err),
	                 0);
	data_normalise(&d);
	/* Pixels 0..75 (i * 16 + j): check the mean directly. */
	{
		double m = 0;

		for (int i = 0; i < N * R * C; i++)
			m += img_file[16 + i] / 255.0;
		m /= N * R * C;
		assert_float_equal(d.mean[0], m, 1e-6);
	}
	data_batch(&d, &d.train, idx, 2, x, y);
	assert_int_equal(y[0], 8);
	assert_int_equal(y[1], 2);
	assert_float_equal(x[0], (64 / 255.0 - d.mean[0]) / d.std[0], 1e-5);
	assert_float_equal(x[R * C + 5], (21 / 255.0 - d.mean[0]) / d.std[0], 1e-5);
	data_free(&d);
}

static void test_shuffle(void **state)
{
	uint32_t a[1000], b[1000], seen[1000] = {0};
	struct rng r;

	(void)state;
	rng_permute(a, 1000, rng_epoch_state(1, 0));
	rng_permute(b, 1000, rng_epoch_state(1, 0));
	assert_memory_equal(a, b, sizeof a);
	for (int i = 0; i < 1000; i++)
		seen[a[i]]++;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(seen[i], 1);
	rng_permute(b, 1000, rng_epoch_state(1, 1));
	assert_memory_not_equal(a, b, sizeof a);
	rng_permute(b, 1000, rng_epoch_state(2, 0));
	assert_memory_not_equal(a, b, sizeof a);
	/* The stream is fixed: a change would break old checkpoints. */
	rng_seed(&r, 0);
	assert_true(rng_next(&r) == 0xE220A8397B1DCDAFull);
	for (int i = 0; i < 10000; i++)
		assert_true(rng_below(&r, 7) < 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_idx_gz_and_plain),
	        cmocka_unit_test(test_idx_bad_files),
	        cmocka_unit_test(test_idx_limit_checks_whole_file),
	        cmocka_unit_test(test_idx_limit_gz_truncated),
	        cmocka_unit_test(test_idx_file_errors),
	        cmocka_unit_test(test_cifar),
	        cmocka_unit_test(test_cifar_bad),
	        cmocka_unit_test(test_synthetic),
	        cmocka_unit_test(test_batch_values),
	        cmocka_unit_test(test_shuffle),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
