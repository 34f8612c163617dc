/* test_ckpt.c — capdash-train's checkpoints: exact round trip, atomic
 * replacement, every kind of damage refused (bit flips, truncation, wrong
 * magic or version, trailing bytes), mismatched runs refused; and, through
 * the real training loop, determinism and resume equivalence: a run stopped
 * and resumed gives the same losses, bit for bit, as one that never stopped
 * (one thread, same seed). */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/train/ckpt.h"
#include "../../src/train/data.h"
#include "../../src/train/trainer.h"
#include "testutil.h"

#define COUNT 20000 /* more than one I/O chunk */

static char tmpdir[256], path[512];
static float params[COUNT], mom[COUNT];

static struct ckpt_info sample_info(void)
{
	struct ckpt_info i = {0};

	i.arch = 1;
	i.channels = 1;
	i.height = 28;
	i.width = 28;
	i.classes = 10;
	i.batch = 64;
	i.param_count = COUNT;
	i.step = 1234;
	i.train_samples = 60000;
	i.seed = 0xDEADBEEFCAFEull;
	i.shuffle_state = 42;
	i.data_crc = 0x12345678;
	i.epochs = 10;
	i.lr = 0.01f;
	i.momentum = 0.9f;
	i.weight_decay = 5e-4f;
	snprintf(i.data, sizeof i.data, "fashion-mnist");
	return i;
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/cdckpt.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/run.ckpt", tmpdir);
	for (int i = 0; i < COUNT; i++) {
		params[i] = sinf((float)i) * 3.0f;
		mom[i] = (float)i * -1e-3f;
	}
	params[7] = -0.0f;
	params[8] = 1e-40f; /* subnormal */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rmtree(tmpdir);
}

static size_t file_size(const char *p)
{
	struct stat st;

	assert_int_equal(stat(p, &st), 0);
	return (size_t)st.st_size;
}

static void save_sample(void)
{
	struct ckpt_info i = sample_info();
	struct cd_err err = {0};

	assert_int_equal(ckpt_save(path, &i, params, mom, &err), 0);
}

static void test_round_trip(void **state)
{
	struct ckpt_info want = sample_info(), got;
	struct cd_err err = {0};
	static float p2[COUNT], m2[COUNT];
	DIR *d;
	struct dirent *e;
	int files = 0;

	(void)state;
	save_sample();
	assert_int_equal(file_size(path), 256 + 8 * COUNT + 4);
	assert_int_equal(ckpt_read_info(path, &got, &err), 0);
	assert_memory_equal(&got, &want, sizeof got);
	assert_int_equal(ckpt_load(path, &got, p2, m2, &err), 0);
	assert_memory_equal(p2, params, sizeof params);
	assert_memory_equal(m2, mom, sizeof mom);
	/* Saving again replaces the file, keeps its mode, leaves no temporary. */
	assert_int_equal(chmod(path, 0600), 0);
	save_sample();
	{
		struct stat st;

		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	d = opendir(tmpdir);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			files++;
	closedir(d);
	assert_int_equal(files, 1);
}

static void test_save_failure_keeps_old(void **state)
{
	struct ckpt_info i = sample_info();
	struct cd_err err = {0};
	char bad[600];

	(void)state;
	snprintf(bad, sizeof bad, "%s/no/such/dir/x.ckpt", tmpdir);
	assert_int_equal(ckpt_save(bad, &i, params, mom, &err), -1);
	assert_int_equal(err.code, CD_ERR_IO);
	assert_string_equal(err.file, bad);
	assert_non_null(strstr(err.msg, "cannot create a temporary file"));
	/* A checkpoint path that is a directory: the rename fails, nothing lost. */
	snprintf(bad, sizeof bad, "%s/adir", tmpdir);
	assert_int_equal(mkdir(bad, 0755), 0);
	assert_int_equal(ckpt_save(bad, &i, params, mom, &err), -1);
	assert_non_null(strstr(err.msg, "cannot write"));
	rmdir(bad);
}

/* ckpt_probe finds before training what ckpt_save would find after an
 * epoch, and leaves nothing behind when the directory is fine. */
static void test_probe(void **state)
{
	struct cd_err err = {0};
	char bad[600], file[700];
	struct dirent *e;
	int entries = 0;
	DIR *d;

	(void)state;
	snprintf(bad, sizeof bad, "%s/no/such/dir/x.ckpt", tmpdir);
	assert_int_equal(ckpt_probe(bad, &err), -1);
	assert_int_equal(err.code, CD_ERR_IO);
	assert_string_equal(err.file, bad);
	assert_non_null(strstr(err.msg, "No such file or directory"));
	/* A parent that is a regular file. */
	snprintf(file, sizeof file, "%s/plain", tmpdir);
	fclose(fopen(file, "w"));
	snprintf(bad, sizeof bad, "%s/plain/x.ckpt", tmpdir);
	assert_int_equal(ckpt_probe(bad, &err), -1);
	assert_non_null(strstr(err.msg, "Not a directory"));
	unlink(file);
	snprintf(bad, sizeof bad, "%s/adir", tmpdir);
	assert_int_equal(mkdir(bad, 0755), 0);
	assert_int_equal(ckpt_probe(bad, &err), -1);
	assert_non_null(strstr(err.msg, "is a directory"));
	/* A read-only directory stops everyone but root (who may write it). */
	if (geteuid() != 0) {
		snprintf(file, sizeof file, "%s/x.ckpt", bad);
		assert_int_equal(chmod(bad, 0555), 0);
		assert_int_equal(ckpt_probe(file, &err), -1);
		assert_non_null(strstr(err.msg, "Permission denied"));
		chmod(bad, 0755);
	}
	rmdir(bad);
	snprintf(file, sizeof file, "%s/probe.ckpt", tmpdir);
	assert_int_equal(ckpt_probe(file, &err), 0);
	d = opendir(tmpdir);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strstr(e->d_name, "probe"))
			entries++;
	closedir(d);
	assert_int_equal(entries, 0);
}

/* Apply damage to a fresh checkpoint and expect read_info to refuse it
 * with a message containing want. */
static void expect_refused(long flip_at, size_t cut_to, const uint8_t *append, const char *want)
{
	struct ckpt_info got;
	struct cd_err err = {0};
	char buf[1024];
	FILE *f;

	save_sample();
	if (flip_at >= 0) {
		int c;

		f = fopen(path, "r+b");
		assert_non_null(f);
		fseek(f, flip_at, SEEK_SET);
		c = fgetc(f);
		fseek(f, flip_at, SEEK_SET);
		fputc(c ^ 0x10, f);
		fclose(f);
	}
	if (cut_to)
		assert_int_equal(truncate(path, (off_t)cut_to - 1), 0);
	if (append) {
		f = fopen(path, "ab");
		fputc(*append, f);
		fclose(f);
	}
	assert_int_equal(ckpt_read_info(path, &got, &err), -1);
	assert_int_equal(err.code, CD_ERR_SYNTAX);
	cd_err_str(&err, buf, sizeof buf);
	if (!strstr(buf, want))
		fail_msg("got \"%s\", want \"%s\"", buf, want);
}

static void test_damage_refused(void **state)
{
	size_t end = 256 + 8 * COUNT;
	const uint8_t zero = 0;

	(void)state;
	expect_refused(0, 0, NULL,
	               "run.ckpt: offset 0: not a capdash-train checkpoint (wrong magic)");
	expect_refused(
	        8, 0, NULL,
	        "offset 8: checkpoint format version 17, this capdash-train reads version 1");
	expect_refused(12, 0, NULL, "offset 12: header size 272, expected 256");
	expect_refused(44, 0, NULL, "offset 40: parameter count");
	/* Bit flips in the model shape, the step, the parameters, the momentum
	 * and the checksum itself: all caught by the CRC. */
	expect_refused(20, 0, NULL, "checksum mismatch");
	expect_refused(48, 0, NULL, "checksum mismatch");
	expect_refused(256 + 4 * 1000 + 2, 0, NULL, "checksum mismatch");
	expect_refused(256 + 4 * COUNT + 4 * 19999, 0, NULL, "checksum mismatch");
	expect_refused((long)end + 3, 0, NULL, "offset 160256: checksum mismatch");
	/* Truncations (cut_to is the new length + 1). */
	expect_refused(-1, 1, NULL, "offset 0: not a capdash-train checkpoint");
	expect_refused(-1, 13, NULL,
	               "offset 12: truncated: the header is 256 bytes, the file has 12");
	expect_refused(-1, 101, NULL, "offset 100: truncated: the header is 256 bytes");
	expect_refused(-1, 257, NULL,
	               "offset 256: truncated: expected 80000 more bytes of parameters");
	expect_refused(-1, end + 1, NULL, "truncated: the 4-byte checksum is missing");
	expect_refused(-1, end + 4, NULL,
	               "offset 160259: truncated: the 4-byte checksum is missing");
	expect_refused(-1, 0, &zero, "offset 160260: unexpected data after the checksum");
}

static void test_missing_file(void **state)
{
	struct ckpt_info got;
	struct cd_err err = {0};
	char p[600];

	(void)state;
	snprintf(p, sizeof p, "%s/none.ckpt", tmpdir);
	assert_int_equal(ckpt_read_info(p, &got, &err), -1);
	assert_int_equal(err.code, CD_ERR_IO);
	assert_string_equal(err.msg, "no such file");
}

static void test_mismatch_refused(void **state)
{
	struct ckpt_info a = sample_info(), b;
	struct cd_err err = {0};

	(void)state;
	assert_int_equal(ckpt_match(&a, &a, "c", &err), 0);
#define MISMATCH(field, val, want)                                                                 \
	do {                                                                                       \
		b = a;                                                                             \
		b.field = val;                                                                     \
		assert_int_equal(ckpt_match(&a, &b, "c", &err), -1);                               \
		assert_int_equal(err.code, CD_ERR_STATE);                                          \
		if (!strstr(err.msg, want))                                                        \
			fail_msg("%s: got \"%s\"", #field, err.msg);                               \
	} while (0)
	MISMATCH(arch, 0, "model: the checkpoint is for cnn, this run is mlp");
	MISMATCH(
	        channels, 3,
	        "shape: the checkpoint is for 1x28x28 inputs and 10 classes, this run has 3x28x28");
	MISMATCH(height, 32, "shape:");
	MISMATCH(classes, 7, "shape:");
	MISMATCH(param_count, 5, "params: the checkpoint has 20000 parameters, this model has 5");
	MISMATCH(batch, 32,
	         "batch: the checkpoint was trained with --batch 64, this run asks for 32");
	MISMATCH(seed, 2, "seed:");
	MISMATCH(train_samples, 1000,
	         "limit: the checkpoint was trained on 60000 samples, this run has 1000");
	MISMATCH(data_crc, 1, "data: the training files differ");
	b = a;
	snprintf(b.data, sizeof b.data, "mnist");
	assert_int_equal(ckpt_match(&a, &b, "c", &err), -1);
	assert_non_null(strstr(
	        err.msg, "data: the checkpoint was trained on fashion-mnist, this run uses mnist"));
#undef MISMATCH
}

/* ---- through the training loop (needs the real network) ---- */

#define MAX_STEPS 64

struct capture {
	double loss[MAX_STEPS + 1]; /* by step; NAN: no line */
	int stop_at;                /* set *stop after this step's line */
	volatile sig_atomic_t *stop;
	int evals;
};

static int cap_line(void *ctx, const char *line, size_t len)
{
	struct capture *c = ctx;
	const char *s = strstr(line, "\"event\":\"step\""), *l;
	long step;

	(void)len;
	if (strstr(line, "\"event\":\"eval\""))
		c->evals++;
	if (!s)
		return 0;
	step = strtol(strstr(line, "\"step\":") + 7, NULL, 10);
	l = strstr(line, "\"loss\":");
	assert_non_null(l);
	assert_true(step >= 1 && step <= MAX_STEPS);
	c->loss[step] = strtod(l + 7, NULL);
	if (c->stop_at && step == c->stop_at)
		*c->stop = 1;
	return 0;
}

static struct data_pair data;

static void run(struct capture *c, const char *ckpt, int resume)
{
	struct nn_config nc = {NN_MLP, 1, 28, 28, 10, 32, 1, 0.05f, 0.9f, 1e-4f};
	struct trainer_cfg tc = {0};
	struct trainer_result res;
	struct cd_err err = {0};
	struct nn *net = nn_new(&nc, 7, &err);
	volatile sig_atomic_t stop = 0;
	struct trainer_sink sink = {cap_line, NULL, c};

	assert_non_null(net);
	for (int i = 0; i <= MAX_STEPS; i++)
		c->loss[i] = NAN;
	c->stop = &stop;
	tc.epochs = 2;
	tc.batch = 32;
	tc.log_every = 1;
	tc.seed = 7;
	tc.lr = nc.lr;
	tc.checkpoint = ckpt;
	tc.t0 = trainer_now();
	tc.ck.arch = NN_MLP;
	tc.ck.param_count = nn_param_count(net);
	tc.ck.batch = 32;
	if (resume) {
		struct ckpt_info info;

		assert_int_equal(ckpt_read_info(ckpt, &info, &err), 0);
		assert_int_equal(ckpt_load(ckpt, &info, nn_params(net), nn_momentum(net), &err), 0);
		tc.start_step = (int64_t)info.step;
	}
	assert_int_equal(trainer_run(net, &data, &tc, &sink, &stop, &res, &err), 0);
	assert_int_equal(res.status, c->stop_at ? TRAINER_STOPPED : TRAINER_DONE);
	nn_free(net);
}

static void test_determinism_and_resume(void **state)
{
	struct data_opts o = {NULL, DATA_MNIST, 512, 64};
	struct cd_err err = {0};
	static struct capture a, b, stopped, resumed;
	char ck[600];

	(void)state;
	assert_int_equal(data_load(&o, &data, &err), 0);
	snprintf(ck, sizeof ck, "%s/loop.ckpt", tmpdir);
	run(&a, NULL, 0);
	run(&b, NULL, 0);
	/* 512 / 32 = 16 steps an epoch, 2 epochs. */
	assert_int_equal(a.evals, 2);
	for (int s = 1; s <= 32; s++) {
		assert_false(isnan(a.loss[s]));
		assert_true(a.loss[s] == b.loss[s]);
	}
	assert_true(isnan(a.loss[33]));
	/* Stop in the middle of epoch 1, then resume from the checkpoint. */
	stopped.stop_at = 21;
	run(&stopped, ck, 0);
	assert_true(isnan(stopped.loss[22]));
	run(&resumed, ck, 1);
	assert_true(isnan(resumed.loss[21]));
	for (int s = 22; s <= 32; s++) {
		if (resumed.loss[s] != a.loss[s])
			fail_msg("step %d: resumed loss %.9g, uninterrupted %.9g", s,
			         resumed.loss[s], a.loss[s]);
	}
	/* And the losses do fall on this learnable set. */
	assert_true(a.loss[32] < a.loss[1]);
	data_free(&data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_round_trip),
	        cmocka_unit_test(test_save_failure_keeps_old),
	        cmocka_unit_test(test_probe),
	        cmocka_unit_test(test_damage_refused),
	        cmocka_unit_test(test_missing_file),
	        cmocka_unit_test(test_mismatch_refused),
	        cmocka_unit_test(test_determinism_and_resume),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
