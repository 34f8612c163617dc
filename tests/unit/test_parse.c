/* test_parse.c — the log parser: single lines from every format against the
 * point they must give (table-driven), settings lines that must give none,
 * the sample logs in tests/data/logs/ through logline + logparse against
 * their .expected files (fed whole, byte by byte and in odd chunks: the
 * same points each time), logline's redraws, escapes, UTF-8 and caps, and
 * log_sanitize.
 *
 * CAPDASH_PARSE_DUMP=name prints what tests/data/logs/name.log gives, in the
 * .expected form, for writing a new sample (review it by eye first).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/parse.h"
#include "../../src/run/parse_int.h"
#include "pointfmt.h"

static bool parse_str(struct logparse_state *st, const char *line, char *out, size_t n)
{
	struct metric_point m;
	bool ok = logparse_line(st, line, strlen(line), &m);

	if (ok)
		test_point_text(out, n, &m);
	else
		snprintf(out, n, "-");
	return ok;
}

struct line_case {
	const char *line;
	const char *want; /* "-" for no point */
};

/* Each line parsed on a fresh state: a format is recognised from its first
 * line. */
static const struct line_case first_lines[] = {
        {"{'loss': 2.119, 'grad_norm': 1.23, 'learning_rate': 4.58e-05, 'epoch': 0.25}",
         "fmt=hf step=1 epoch=0.25 loss=2.119 lr=4.58e-05 gnorm=1.23"},
        {"{'loss': inf, 'learning_rate': 4e-05, 'epoch': 0.5}",
         "fmt=hf step=1 epoch=0.5 lr=4e-05 nonfinite"},
        {"{'eval_loss': 0.35, 'eval_accuracy': 0.87, 'eval_runtime': 2.5, 'epoch': 1.0}",
         "fmt=hf epoch=1 val_loss=0.35 val_acc=0.87"},
        {"{'train_runtime': 120.5, 'train_samples_per_second': 132.8, 'train_loss': 1.98, 'epoch': "
         "2.0}",
         "-"},
        {"{'lr': 0.001, 'epochs': 10, 'loss': 'ce'}", "-"},
        {"{\"capdash\":1,\"event\":\"step\",\"step\":100,\"total_steps\":9380,\"epoch\":1,"
         "\"epochs\":10,\"loss\":0.51234,\"lr\":0.01,\"samples_per_s\":1240.5,\"elapsed\":5.21}",
         "fmt=capdash step=100 total=9380 epoch=1 epochs=10 loss=0.51234 lr=0.01 "
         "rate=1240.5/samples"},
        {"{\"capdash\":1,\"event\":\"start\",\"total_steps\":9380}", "-"},
        {" 45%|████▌     | 450/1000 [00:12<00:15, 36.1it/s, loss=0.234]",
         "fmt=tqdm step=450 total=1000 loss=0.234 rate=36.1/it"},
        {"Epoch 3:  45%|████▌     | 450/1000 [00:12<00:15, 1.25s/it, v_num=0, train_loss=0.512]",
         "fmt=lightning step=2450 epoch=3 loss=0.512 rate=0.8/it dt=1.25"},
        {"Downloading: 45%|████▌     | 450M/1.00G [00:12<00:15, 36.1MB/s]", "-"},
        {"1500/1875 [=======================>......] - ETA: 3s - loss: 0.3121 - accuracy: 0.8912",
         "fmt=keras step=1500 total=1875 loss=0.3121 acc=0.8912"},
        {"1875/1875 ━━━━━━━━━━━━━━━━━━━━ 5s 3ms/step - accuracy: 0.8912 - loss: 0.3121 - "
         "val_accuracy: 0.87 - val_loss: 0.35",
         "fmt=keras step=1875 total=1875 loss=0.3121 val_loss=0.35 acc=0.8912 val_acc=0.87 "
         "rate=333.333/it dt=0.003"},
        {"iter 100: loss 2.3456, time 12.3ms, mfu 34.5%",
         "fmt=nanogpt step=100 loss=2.3456 rate=81.3008/it mfu=34.5 dt=0.0123"},
        {"iter 0: loss 4.2655, time 29766.38ms, mfu -100.00%",
         "fmt=nanogpt step=0 loss=4.2655 rate=0.0335949/it dt=29.7664"},
        {"step 200: train loss 2.1, val loss 2.2", "fmt=nanogpt step=200 val_loss=2.2"},
        {"step 10/40: train loss 4.12 (123.45 ms, 3000 tok/s)",
         "fmt=llmc step=10 total=40 loss=4.12 rate=3000/tok dt=0.12345"},
        {"step 10/40: train loss 4.12 (acc 0.25) (123.45 ms, 3000 tok/s)",
         "fmt=llmc step=10 total=40 loss=4.12 acc=0.25 rate=3000/tok dt=0.12345"},
        {"step    1/74 | loss 7.577 | norm 12.3 | lr 6.00e-06 | 105.52 ms | 48.5% bf16 MFU | "
         "154321 tok/s",
         "fmt=llmc step=1 total=74 loss=7.577 lr=6e-06 rate=154321/tok mfu=48.5 gnorm=12.3 "
         "dt=0.10552"},
        {"[titan] 2024-06-21 10:10:10,123 - root - INFO - step: 20  loss: 11.83  memory: "
         "12.3GiB(34%)  tps: 4,376  mfu: 25.6%",
         "fmt=torchtitan step=20 loss=11.83 rate=4376/tok mfu=25.6"},
        {"Train: 3 [ 100/1251 (  8%)]  Loss: 3.21 (3.40)  Time: 0.5s, 256/s  LR: 1.000e-03  Data: "
         "0.01",
         "fmt=timm step=3854 epoch=4 loss=3.21 lr=0.001 rate=256/samples dt=0.5"},
        {"2024-01-01 10:00:00 | INFO | train_inner | {\"epoch\": 1, \"update\": 0.5, \"loss\": "
         "\"16.475\", "
         "\"nll_loss\": \"16.4\", \"lr\": \"1e-05\", \"num_updates\": \"1\"}",
         "fmt=fairseq step=1 epoch=1 loss=16.475 lr=1e-05"},
        {"[2024-06-21 10:00:10,000] [INFO] [logging.py:96:log_dist] [Rank 0] step=10, skipped=0, "
         "lr=[0.0001], mom=[(0.9, 0.999)]",
         "fmt=deepspeed step=10 lr=0.0001"},
        {"[2024-06-21 10:00:10,001] [INFO] [timer.py:260:stop] "
         "epoch=0/micro_step=10/global_step=10, "
         "RunningAvgSamplesPerSec=123.4, CurrSamplesPerSec=130.2, MemAllocated=1.2GB",
         "fmt=deepspeed step=10 rate=130.2/samples"},
        {"step=100 loss=2.3456 lr=0.0006 tok/s=51234",
         "fmt=generic step=100 loss=2.3456 lr=0.0006 rate=51234/tok"},
        {"global_step: 7 | train_loss: 1.95 | learning_rate: 2.9e-4 | samples/s: 812.5",
         "fmt=generic step=7 loss=1.95 lr=0.00029 rate=812.5/samples"},
        {"it=5 trl=0.9 eval_loss=1.1 valid_loss=1.2", "fmt=generic step=1 loss=0.9 val_loss=1.2"},
        {"Epoch [2/5], Step [100/600], Loss: 0.2264",
         "fmt=generic step=700 total=3000 epoch=2 epochs=5 loss=0.2264"},
        {"Test set: Average loss: 0.0335, Accuracy: 9890/10000 (99%)",
         "fmt=generic val_loss=0.0335 val_acc=0.989"},
        {"epoch 001 | valid on 'valid' subset | loss 8.1 | nll_loss 7.9 | ppl 238.9 | num_updates "
         "100",
         "fmt=generic step=100 epoch=1 val_loss=8.1"},
        /* settings: never points */
        {"Namespace(lr=0.001, epochs=10, loss='ce')", "-"},
        {"TrainingArguments(output_dir=out, learning_rate=5e-05, logging_steps=500)", "-"},
        {"learning_rate = 1e-3", "-"},
        {"max_iters = 5000", "-"},
        {"loss: cross_entropy", "-"},
        {"  loss: 0.5", "-"},
        {"\"loss\": 0.5,", "-"},
        {"loss = 0.5, acc = 0.9", "-"},
        {"lr=0.001 loss='ce' step=0", "-"},
        {"lr=0.001 epochs=10 batch_size=64 grad_norm=1.0 mfu=0", "-"},
        {"{\"lr\": 0.001, \"epochs\": 10, \"batch_size\": 32}", "-"},
        {"args: {'lr': 0.001, 'loss': 'ce', 'step': 0}", "-"},
        {"model:", "-"},
        {"Epoch 1: val_loss improved from inf to 0.35000, saving model to best.h5", "-"},
        {"Epoch 3/10", "-"},
        {"", "-"},
        {"   ", "-"},
        {"Traceback (most recent call last):", "-"},
};

static void test_first_lines(void **state)
{
	char got[512];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof first_lines / sizeof first_lines[0]; i++) {
		struct logparse_state st = {0};

		parse_str(&st, first_lines[i].line, got, sizeof got);
		if (strcmp(got, first_lines[i].want) != 0) {
			print_error("line: %s\n want: %s\n  got: %s\n", first_lines[i].line,
			            first_lines[i].want, got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Lines that depend on what came before. */
static void test_context(void **state)
{
	struct logparse_state st = {0};
	char got[512];

	(void)state;
	/* Keras: the epoch line makes steps global. */
	assert_false(parse_str(&st, "Epoch 3/10", got, sizeof got));
	parse_str(&st, "100/200 [====>.........................] - ETA: 3s - loss: 0.5", got,
	          sizeof got);
	assert_string_equal(got, "fmt=keras step=500 total=2000 epoch=3 epochs=10 loss=0.5");

	/* nanoGPT: max_iters from the settings dump gives the total. */
	memset(&st, 0, sizeof st);
	assert_false(parse_str(&st, "max_iters = 5000", got, sizeof got));
	parse_str(&st, "iter 10: loss 3.2, time 12ms, mfu 30%", got, sizeof got);
	assert_string_equal(
	        got, "fmt=nanogpt step=10 total=5000 loss=3.2 rate=83.3333/it mfu=30 dt=0.012");

	/* HF: the bar's position is the dict's step; an eval bar is ignored. */
	memset(&st, 0, sizeof st);
	assert_true(parse_str(&st, " 25%|██▌       | 250/1000 [00:30<01:30, 8.2it/s]", got,
	                      sizeof got));
	assert_false(
	        parse_str(&st, " 50%|█████     | 32/63 [00:01<00:01, 25.1it/s]", got, sizeof got));
	parse_str(&st, "{'loss': 2.1, 'learning_rate': 4e-05, 'epoch': 0.25}", got, sizeof got);
	assert_string_equal(got, "fmt=hf step=250 total=1000 epoch=0.25 loss=2.1 lr=4e-05");

	/* HF without a bar: a counter, evaluation at the last step. */
	memset(&st, 0, sizeof st);
	parse_str(&st, "{'loss': 2.1, 'epoch': 0.1}", got, sizeof got);
	parse_str(&st, "{'loss': 2.0, 'epoch': 0.2}", got, sizeof got);
	assert_string_equal(got, "fmt=hf step=2 epoch=0.2 loss=2");
	parse_str(&st, "{'eval_loss': 1.9, 'epoch': 0.2}", got, sizeof got);
	assert_string_equal(got, "fmt=hf step=2 epoch=0.2 val_loss=1.9");

	/* A bar without a desc that restarts: epochs counted, steps global. */
	memset(&st, 0, sizeof st);
	parse_str(&st, "100%|██████████| 10/10 [00:01<00:00, 9.9it/s]", got, sizeof got);
	parse_str(&st, " 50%|█████     | 5/10 [00:00<00:00, 9.9it/s]", got, sizeof got);
	assert_string_equal(got, "fmt=tqdm step=15 rate=9.9/it");

	/* Lightning's sticky postfix: val_loss reported once. */
	memset(&st, 0, sizeof st);
	parse_str(&st, "Epoch 0: 100%|█| 10/10 [00:01<00:00, 9.9it/s, v_num=0, val_loss=0.4]", got,
	          sizeof got);
	assert_string_equal(got, "fmt=lightning step=10 epoch=1 val_loss=0.4 rate=9.9/it");
	parse_str(&st,
	          "Epoch 1:  50%|█| 5/10 [00:01<00:00, 9.9it/s, v_num=0, loss=0.3, val_loss=0.4]",
	          got, sizeof got);
	assert_string_equal(got, "fmt=lightning step=15 epoch=2 loss=0.3 rate=9.9/it");
}

/* The synonyms the issue lists, and the prefixes/suffixes loggers add. */
static void test_synonyms(void **state)
{
	static const struct {
		const char *name;
		enum pkey id;
	} cases[] = {
	        {"loss", PK_LOSS},
	        {"train_loss", PK_LOSS},
	        {"trl", PK_LOSS},
	        {"Train/Loss", PK_LOSS},
	        {"train_loss_step", PK_LOSS},
	        {"lm loss", PK_LOSS},
	        {"val_loss", PK_VAL_LOSS},
	        {"eval_loss", PK_VAL_LOSS},
	        {"valid_loss", PK_VAL_LOSS},
	        {"validation_loss", PK_VAL_LOSS},
	        {"loss/val", PK_VAL_LOSS},
	        {"test_loss", PK_VAL_LOSS},
	        {"lr", PK_LR},
	        {"learning_rate", PK_LR},
	        {"Learning Rate", PK_LR},
	        {"step", PK_STEP},
	        {"iter", PK_STEP},
	        {"global_step", PK_STEP},
	        {"num_updates", PK_STEP},
	        {"iteration", PK_STEP},
	        {"valid_num_updates", PK_STEP},
	        {"tok/s", PK_TOKS},
	        {"tokens_per_sec", PK_TOKS},
	        {"tps", PK_TOKS},
	        {"samples/s", PK_SAMPLES},
	        {"img/s", PK_SAMPLES},
	        {"CurrSamplesPerSec", PK_SAMPLES},
	        {"it/s", PK_ITS},
	        {"acc", PK_ACC},
	        {"accuracy", PK_ACC},
	        {"val_accuracy", PK_VAL_ACC},
	        {"eval_accuracy", PK_VAL_ACC},
	        {"Acc@1", PK_ACC},
	        {"grad_norm", PK_GRAD_NORM},
	        {"gnorm", PK_GRAD_NORM},
	        {"mfu", PK_MFU},
	        {"train_runtime", PK_SUMMARY},
	        {"max_iters", PK_TOTAL_HINT},
	        {"max_steps", PK_TOTAL_HINT},
	        {"epochs", PK_EPOCHS_HINT},
	        {"train_loss_epoch", PK_NONE},
	        {"eval_runtime", PK_NONE},
	        {"loss_scale", PK_NONE},
	        {"lossy", PK_NONE},
	        {"", PK_NONE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (ps_key(cases[i].name, strlen(cases[i].name)) != cases[i].id)
			fail_msg("%s: got %d, want %d", cases[i].name,
			         ps_key(cases[i].name, strlen(cases[i].name)), cases[i].id);
}

static const char *num(const char *s, double *v)
{
	return ps_num(s, s + strlen(s), v);
}

static void test_numbers(void **state)
{
	static const struct {
		const char *in;
		double want;
		size_t used;
	} cases[] = {
	        {"0.5", 0.5, 3},
	        {"4,376 ", 4376, 5},
	        {"60,000,000", 6e7, 10},
	        {"1,23", 1, 1},
	        {"1234,567", 1234, 4},
	        {"1.000E-04", 1e-4, 9},
	        {"7.234567E+00", 7.234567, 12},
	        {".5x", 0.5, 2},
	        {"-3", -3, 2},
	        {"1e", 1, 1},
	        {"2.5e-3ms", 2.5e-3, 6},
	        {"12345678901234567890123", 1.2345678901234568e22, 23},
	        {"0.000000000000000000000001", 1e-24, 26},
	};
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *in = cases[i].in, *e = ps_num(in, in + strlen(in), &v);

		assert_non_null(e);
		if ((size_t)(e - in) != cases[i].used ||
		    fabs(v - cases[i].want) > 1e-12 * fabs(cases[i].want))
			fail_msg("%s: got %.17g (%zu bytes)", in, v, (size_t)(e - in));
	}
	assert_non_null(num("nan,", &v));
	assert_true(isnan(v));
	assert_non_null(num("-inf", &v));
	assert_true(isinf(v) && v < 0);
	assert_non_null(num("Infinity", &v));
	assert_true(isinf(v) && v > 0);
	assert_non_null(num("1e999", &v));
	assert_true(isinf(v));
	assert_null(num("nano", &v));
	assert_null(num("-", &v));
	assert_null(num(".", &v));
}

/* A tqdm bar on stderr and a print on stdout share the line. */
static void test_interleaved(void **state)
{
	struct logparse_state st = {0};
	char got[512];

	(void)state;
	parse_str(&st,
	          "Epoch 1:  45%|████▌     | 450/1000 [00:12<00:15, 36.1it/s, loss=0.234]"
	          "/usr/lib/python3/warnings.py:1: UserWarning: x [y]",
	          got, sizeof got);
	assert_string_equal(got, "fmt=lightning step=450 epoch=1 loss=0.234 rate=36.1/it");
	memset(&st, 0, sizeof st);
	parse_str(&st, "W1129 10:00:00.123 warn.cc:1] iter 5: loss 2.5, time 10.0ms, mfu 3.0%", got,
	          sizeof got);
	assert_string_equal(got, "fmt=nanogpt step=5 loss=2.5 rate=100/it mfu=3 dt=0.01");
	parse_str(&st, "2024-06-21 10:00:00,123 INFO iter 5: loss 2.5, time 10.0ms, mfu 3.0%", got,
	          sizeof got);
	assert_string_equal(got, "fmt=nanogpt step=5 loss=2.5 rate=100/it mfu=3 dt=0.01");
}

/* ---- logline ---- */

struct collect {
	char text[16384];
	size_t len;
	int finals, redraws;
};

static void collect_cb(const char *line, size_t len, bool final, void *ctx)
{
	struct collect *c = ctx;

	assert_true(len <= LOGLINE_MAX);
	assert_int_equal(line[len], '\0');
	for (size_t i = 0; i < len; i++)
		assert_true((unsigned char)line[i] >= 0x20 && line[i] != 0x7f);
	if (c->len + len + 2 < sizeof c->text) {
		memcpy(c->text + c->len, line, len);
		c->len += len;
		c->text[c->len++] = final ? '\n' : '|';
		c->text[c->len] = '\0';
	}
	if (final)
		c->finals++;
	else
		c->redraws++;
}

static void feed_str(struct logline *ll, struct collect *c, const char *s, size_t n)
{
	logline_feed(ll, s, n, collect_cb, c);
}

static const struct {
	const char *in;
	size_t n; /* 0: strlen */
	const char *want;
} logline_cases[] = {
        {"a\nb\n", 0, "a\nb\n"},
        {"a\r\nb\r\n", 0, "a\nb\n"},
        {"\r 10%\r 20%\r 30%\n", 0, " 10%| 20%| 30%\n"},
        {"bar 1\r"
         "          \r"
         "text\n",
         0, "bar 1|text\n"},
        {"ab\bX\n", 0, "aX\n"},
        {"12/99 [==]\b\b\b\b\b\b\b\b\b\b\r13/99 [===]\n", 0, "12/99 [==]|13/99 [===]\n"},
        {"\xe2\x94\x81\xe2\x94\x81\b\bX\n", 0, "X\n"},
        {"\x1b[1m1875/1875\x1b[0m \x1b[32mok\x1b[0m\n", 0, "1875/1875 ok\n"},
        {"a\x1b]0;title\x07"
         "b\x1b]2;t2\x1b\\c\n",
         0, "abc\n"},
        {"a\x1bP1$r0m\x1b\\b\x1b(Bc\x1b"
         "7d\n",
         0, "abcd\n"},
        {"a\xc2\x9b"
         "31mb\xc2\x9d"
         "0;x\xc2\x9c"
         "c\xc2\x85"
         "d\n",
         0, "abcd\n"},
        {"a\x00"
         "b\x07"
         "c\x7f"
         "d\te\n",
         9, "abcd e\n"},
        {"a\xff"
         "b\xc3\n",
         0,
         "a\xef\xbf\xbd"
         "b\xef\xbf\xbd\n"},
        {"\xed\xa0\x80"
         "x\n",
         0,
         "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
         "x\n"},
        {"\x1b]unterminated\nnext\n", 0, "\nnext\n"},
        {"\x1b[31\nred\n", 0, "\nred\n"},
        {"tail without newline", 0, "tail without newline\n"},
};

static void run_logline(const char *in, size_t n, size_t chunk, struct collect *c)
{
	struct logline ll;

	memset(c, 0, sizeof *c);
	logline_init(&ll);
	for (size_t i = 0; i < n; i += chunk)
		feed_str(&ll, c, in + i, n - i < chunk ? n - i : chunk);
	logline_flush(&ll, collect_cb, c);
}

static void test_logline_cases(void **state)
{
	static struct collect c;

	(void)state;
	for (size_t i = 0; i < sizeof logline_cases / sizeof logline_cases[0]; i++) {
		size_t n = logline_cases[i].n ? logline_cases[i].n : strlen(logline_cases[i].in);
		const size_t chunks[] = {n ? n : 1, 1, 2, 3};

		for (size_t k = 0; k < 4; k++) {
			run_logline(logline_cases[i].in, n, chunks[k], &c);
			if (strcmp(c.text, logline_cases[i].want) != 0)
				fail_msg("case %zu chunk %zu: got \"%s\" want \"%s\"", i, chunks[k],
				         c.text, logline_cases[i].want);
		}
	}
}

static void test_logline_long(void **state)
{
	static char big[1 << 20];
	static struct collect c;
	struct logline ll;
	size_t n = sizeof big;

	(void)state;
	memset(big, 'x', n);
	memcpy(big, "step=1 loss=2 ", 14);
	big[n - 3] = '\n';
	big[n - 2] = 'z';
	big[n - 1] = '\n';
	memset(&c, 0, sizeof c);
	logline_init(&ll);
	for (size_t i = 0; i < n; i += 65536)
		logline_feed(&ll, big + i, n - i < 65536 ? n - i : 65536, collect_cb, &c);
	assert_int_equal(c.finals, 2);
	assert_int_equal(c.len, LOGLINE_MAX + 1 + 2);
	assert_memory_equal(c.text + LOGLINE_MAX, "\nz\n", 3);
	{
		struct logparse_state st = {0};
		struct metric_point m;

		assert_true(logparse_line(&st, c.text, LOGLINE_MAX, &m));
		assert_true(m.step == 1 && m.loss == 2);
	}

	/* A cut never splits a UTF-8 character. */
	memset(&c, 0, sizeof c);
	logline_init(&ll);
	for (int i = 0; i < LOGLINE_MAX; i++)
		logline_feed(&ll, "\xe2\x96\x88", 3, collect_cb, &c);
	logline_feed(&ll, "\n", 1, collect_cb, &c);
	assert_int_equal(c.len, (LOGLINE_MAX / 3) * 3 + 1);
}

static void test_sanitize(void **state)
{
	char s[256];
	size_t n;

	(void)state;
	strcpy(s, "a\x1b[2J\x1b[H\x1b]0;pwned\x07"
	          "b\x1b]8;;http://x\x1b\\c\r\n\td\x9b"
	          "31me"
	          "\xc2\x9b"
	          "31mf\x1bPq#0\x1b\\g\x1b"
	          "ch\x01\x7f"
	          "i\xc3\xa9\xe2\x94\x81");
	n = log_sanitize(s, strlen(s));
	s[n] = '\0';
	assert_string_equal(s, "abc d?31mefghi\xc3\xa9\xe2\x94\x81");
	for (size_t i = 0; i < n; i++)
		assert_true((unsigned char)s[i] != 0x1b && (unsigned char)s[i] >= 0x20);
	strcpy(s, "\x1b");
	assert_int_equal(log_sanitize(s, 1), 0);
}

/* ---- the sample logs ---- */

static const char *const corpus[] = {"capdash", "hf",        "tqdm",   "lightning",  "keras2",
                                     "keras3",  "nanogpt",   "llmc",   "torchtitan", "timm",
                                     "fairseq", "deepspeed", "generic"};

struct run {
	struct logparse_state st;
	char out[16384];
	size_t len;
};

static void run_cb(const char *line, size_t len, bool final, void *ctx)
{
	struct run *r = ctx;
	struct metric_point m;
	char b[512];

	(void) final;
	if (!logparse_line(&r->st, line, len, &m))
		return;
	assert_true(isfinite(m.loss) && isfinite(m.val_loss) && isfinite(m.acc) && isfinite(m.lr));
	test_point_text(b, sizeof b, &m);
	r->len += (size_t)snprintf(r->out + r->len, sizeof r->out - r->len, "%s\n", b);
	assert_true(r->len < sizeof r->out);
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long sz;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)sz + 1);
	if (b && fread(b, 1, (size_t)sz, f) != (size_t)sz) {
		free(b);
		b = NULL;
	}
	fclose(f);
	if (b) {
		b[sz] = '\0';
		*n = (size_t)sz;
	}
	return b;
}

static void parse_log(const char *data, size_t n, size_t chunk, struct run *r)
{
	struct logline ll;

	memset(r, 0, sizeof *r);
	logline_init(&ll);
	for (size_t i = 0; i < n; i += chunk)
		logline_feed(&ll, data + i, n - i < chunk ? n - i : chunk, run_cb, r);
	logline_flush(&ll, run_cb, r);
}

static void log_path(char *b, size_t n, const char *name, const char *ext)
{
	const char *src = getenv("CAPDASH_SRC");

	snprintf(b, n, "%s/tests/data/logs/%s.%s", src ? src : ".", name, ext);
}

static void test_corpus(void **state)
{
	static struct run r, r2;
	char path[4096];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
		size_t n = 0, en = 0;
		char *log, *want;

		log_path(path, sizeof path, corpus[i], "log");
		log = read_all(path, &n);
		assert_non_null(log);
		log_path(path, sizeof path, corpus[i], "expected");
		want = read_all(path, &en);
		assert_non_null(want);
		parse_log(log, n, n ? n : 1, &r);
		if (strcmp(r.out, want) != 0) {
			print_error("%s: points differ\n--- want\n%s--- got\n%s", corpus[i], want,
			            r.out);
			bad++;
		}
		assert_true(en > 0); /* every sample gives points */
		for (size_t chunk = 1; chunk < 8; chunk += 3) {
			parse_log(log, n, chunk, &r2);
			if (strcmp(r.out, r2.out) != 0) {
				print_error("%s: fed in %zu-byte chunks gives other points\n",
				            corpus[i], chunk);
				bad++;
			}
		}
		free(log);
		free(want);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_first_lines),  cmocka_unit_test(test_context),
	        cmocka_unit_test(test_synonyms),     cmocka_unit_test(test_numbers),
	        cmocka_unit_test(test_interleaved),  cmocka_unit_test(test_logline_cases),
	        cmocka_unit_test(test_logline_long), cmocka_unit_test(test_sanitize),
	        cmocka_unit_test(test_corpus),
	};
	const char *dump = getenv("CAPDASH_PARSE_DUMP");

	if (dump) {
		static struct run r;
		char path[4096];
		size_t n = 0;
		char *log;

		log_path(path, sizeof path, dump, "log");
		log = read_all(path, &n);
		if (!log)
			return 1;
		parse_log(log, n, n ? n : 1, &r);
		fputs(r.out, stdout);
		free(log);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
