/* test_parse_rank.c — rank-prefixed lines (parse_rank.c): every prefix form
 * on lines as torchrun, torch.distributed, srun --label, DeepSpeed,
 * Lightning DDP and OpenMPI print them; which rank a point comes from
 * (rank 0 by default, st.rank otherwise); srun's bare "3: " told from a
 * script's own "12: loss ..." counter; the sample logs of every format
 * interleaved with a second rank's copy giving exactly their .expected; and
 * run_spec.rank through a real supervisor into metrics.jsonl.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include <cmocka.h>

#include "capdash/parse.h"
#include "capdash/run.h"
#include "pointfmt.h"
#include "testutil.h"

/* The few fields these tests look at, as one line. */
static void fmt_point(char *b, size_t n, const struct metric_point *m)
{
	size_t o = 0;

#define ADD(...) (o += (size_t)snprintf(b + o, o < n ? n - o : 0, __VA_ARGS__))
	ADD("fmt=%s", logformat_name(m->format));
	if (m->has & MP_STEP)
		ADD(" step=%lld", (long long)m->step);
	if (m->has & MP_TOTAL)
		ADD(" total=%lld", (long long)m->total);
	if (m->has & MP_EPOCH)
		ADD(" epoch=%.6g", m->epoch);
	if (m->has & MP_LOSS)
		ADD(" loss=%.6g", m->loss);
	if (m->has & MP_VAL_LOSS)
		ADD(" val_loss=%.6g", m->val_loss);
	if (m->has & MP_ACC)
		ADD(" acc=%.6g", m->acc);
	if (m->has & MP_LR)
		ADD(" lr=%.6g", m->lr);
	if (m->has & MP_THROUGHPUT)
		ADD(" rate=%.6g", m->throughput);
#undef ADD
}

static const char *parse_str(struct logparse_state *st, const char *line)
{
	static char out[512];
	struct metric_point m;

	if (logparse_line(st, line, strlen(line), &m))
		fmt_point(out, sizeof out, &m);
	else
		snprintf(out, sizeof out, "-");
	return out;
}

struct rank_case {
	const char *line;
	int rank;         /* st.rank */
	bool srun;        /* st.srun_labels */
	int line_rank;    /* what st.line_rank must say after it */
	const char *want; /* "-": no point */
};

/* Each on a fresh state. */
static const struct rank_case cases[] = {
        /* torchrun --tee 3: "[ROLE LOCAL_RANK]:" */
        {"[default0]:iter 100: loss 2.3456, time 12.3ms, mfu 34.5%", 0, false, 0,
         "fmt=nanogpt step=100 loss=2.3456 rate=81.3008"},
        {"[default1]:iter 100: loss 2.3501, time 12.4ms, mfu 34.4%", 0, false, 1, "-"},
        {"[default1]:iter 100: loss 2.3501, time 12.4ms, mfu 34.4%", 1, false, 1,
         "fmt=nanogpt step=100 loss=2.3501 rate=80.6452"},
        {"[default0]:{'loss': 2.119, 'grad_norm': 1.23, 'learning_rate': 4.58e-05, 'epoch': 0.25}",
         0, false, 0, "fmt=hf step=1 epoch=0.25 loss=2.119 lr=4.58e-05"},
        {"[trainer3]:step=10 loss=2.3 lr=0.001", 3, false, 3,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
        /* torch.distributed's own prefix, with and without a glog tag */
        {"[rank0]:[W1203 10:00:00.123456 ProcessGroupNCCL.cpp:4115] [PG ID 0 PG GUID 0 Rank 0]  "
         "using GPU 0 to perform barrier as devices used by this process are currently unknown.",
         0, false, 0, "-"},
        {"[rank1]:step 10/40: train loss 4.12 (123.45 ms, 3000 tok/s)", 0, false, 1, "-"},
        {"[rank0]:step 10/40: train loss 4.12 (123.45 ms, 3000 tok/s)", 0, false, 0,
         "fmt=llmc step=10 total=40 loss=4.12 rate=3000"},
        {"[rank1]: Traceback (most recent call last):", 0, false, 1, "-"},
        /* DeepSpeed log_dist(ranks=[-1]): every rank logs, after the timestamp */
        {"[2024-06-21 10:00:10,000] [INFO] [logging.py:96:log_dist] [Rank 0] step=10, skipped=0, "
         "lr=[0.0001], mom=[(0.9, 0.999)]",
         0, false, 0, "fmt=deepspeed step=10 lr=0.0001"},
        {"[2024-06-21 10:00:10,000] [INFO] [logging.py:96:log_dist] [Rank 1] step=10, skipped=0, "
         "lr=[0.0001], mom=[(0.9, 0.999)]",
         0, false, 1, "-"},
        /* Lightning DDP */
        {"[rank: 1] Seed set to 42", 0, false, 1, "-"},
        {"[rank: 0] step=5 loss=0.7 acc=0.5", 0, false, 0, "fmt=generic step=5 loss=0.7 acc=0.5"},
        {"LOCAL_RANK: 1 - CUDA_VISIBLE_DEVICES: [0,1]", 0, false, -1, "-"},
        /* OpenMPI mpirun --tag-output */
        {"[1,0]<stdout>:step=10 loss=2.3 lr=0.001", 0, false, 0,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
        {"[1,2]<stderr>:step=10 loss=2.3 lr=0.001", 0, false, 2, "-"},
        /* srun --label, known labelled (the Slurm watcher says so) */
        {"0: iter 10: loss 3.2, time 12ms, mfu 30%", 0, true, 0,
         "fmt=nanogpt step=10 loss=3.2 rate=83.3333"},
        {"1: iter 10: loss 3.3, time 12ms, mfu 30%", 0, true, 1, "-"},
        {" 0: step=10 loss=2.3 lr=0.001", 0, true, 0, "fmt=generic step=10 loss=2.3 lr=0.001"},
        {"12: step=10 loss=2.4 lr=0.001", 12, true, 12, "fmt=generic step=10 loss=2.4 lr=0.001"},
        {"srun: error: node2: task 1: Exited with exit code 1", 0, true, -1, "-"},
        /* srun label around torchrun: node 1's local rank 0 is not rank 0 */
        {"0: [default0]:step=10 loss=2.3 lr=0.001", 0, true, 0,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
        {"1: [default0]:step=10 loss=2.3 lr=0.001", 0, true, 0, "-"},
        {"1: [default0]:[rank2]:step=10 loss=2.3 lr=0.001", 2, true, 2,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
        /* not prefixes */
        {"[1/10] step=10 loss=2.3 lr=0.001", 0, false, -1, "fmt=generic step=10 loss=2.3 lr=0.001"},
        {"[epoch3]: step=10 loss=2.3 lr=0.001", 0, false, -1,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
        {"10:10:10 step=10 loss=2.3 lr=0.001", 0, true, -1,
         "fmt=generic step=10 loss=2.3 lr=0.001"},
};

static void test_rank_cases(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct logparse_state st = {.rank = cases[i].rank, .srun_labels = cases[i].srun};
		const char *got = parse_str(&st, cases[i].line);

		if (strcmp(got, cases[i].want) != 0 || st.line_rank != cases[i].line_rank) {
			print_error("line: %s (rank %d)\n want: %s (line rank %d)\n  got: %s (line "
			            "rank %d)\n",
			            cases[i].line, cases[i].rank, cases[i].want, cases[i].line_rank,
			            got, st.line_rank);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Another rank's lines must not move the followed rank's bar or counter:
 * HF dicts take their step from the bar. */
static void test_other_rank_leaves_state(void **state)
{
	struct logparse_state st = {0};

	(void)state;
	assert_string_equal(parse_str(&st, "[default0]: 25%|██▌       | 250/1000 [00:30<01:30, "
	                                   "8.2it/s]"),
	                    "fmt=tqdm step=250 total=1000 rate=8.2");
	assert_string_equal(parse_str(&st, "[default1]: 90%|█████████ | 900/1000 [00:30<01:30, "
	                                   "8.2it/s]"),
	                    "-");
	assert_string_equal(parse_str(&st, "[default0]:{'loss': 2.1, 'learning_rate': 4e-05, "
	                                   "'epoch': 0.25}"),
	                    "fmt=hf step=250 total=1000 epoch=0.25 loss=2.1 lr=4e-05");
}

/* srun labels without being told: decided from the first lines. */
static void test_srun_auto(void **state)
{
	struct logparse_state st = {0};
	char line[128];

	(void)state;
	/* two tasks, interleaved: labelled from the start */
	assert_string_equal(parse_str(&st, "0: Using device cuda:0"), "-");
	assert_string_equal(parse_str(&st, "1: Using device cuda:1"), "-");
	assert_string_equal(parse_str(&st, "0: step=1 loss=2.5 lr=0.001"),
	                    "fmt=generic step=1 loss=2.5 lr=0.001");
	assert_int_equal(st.label_mode, 1);
	assert_string_equal(parse_str(&st, "1: step=1 loss=2.6 lr=0.001"), "-");
	/* slurmstepd's own line has no label and changes nothing */
	assert_string_equal(parse_str(&st, "slurmstepd: error: *** STEP 42.0 ON n1 CANCELLED ***"),
	                    "-");
	assert_string_equal(parse_str(&st, "0: step=2 loss=2.4 lr=0.001"),
	                    "fmt=generic step=2 loss=2.4 lr=0.001");

	/* a single task: the same label again and again */
	memset(&st, 0, sizeof st);
	for (int i = 1; i <= 4; i++) {
		snprintf(line, sizeof line, "0: step=%d loss=2.%d lr=0.001", i, i);
		assert_true(strcmp(parse_str(&st, line), "-") != 0);
	}
	assert_int_equal(st.label_mode, 1);

	/* an unlabelled first line: not labelled for good, "0: " stays text */
	memset(&st, 0, sizeof st);
	assert_string_equal(parse_str(&st, "starting"), "-");
	assert_string_equal(parse_str(&st, "1: step=1 loss=2.5 lr=0.001"),
	                    "fmt=generic step=1 loss=2.5 lr=0.001");
	assert_int_equal(st.label_mode, -1);
	assert_int_equal(st.line_rank, -1);

	/* padded to different widths: not srun */
	memset(&st, 0, sizeof st);
	parse_str(&st, "0: step=1 loss=2.5 lr=0.001");
	parse_str(&st, " 0: step=1 loss=2.5 lr=0.001");
	assert_int_equal(st.label_mode, -1);
}

/* A script's own counter, "12: loss=... acc=...": numbers counting up by one
 * are not labels; at most the first few points are lost to the doubt. */
static void test_srun_counter(void **state)
{
	struct logparse_state st = {0};
	char line[128];
	int points = 0;

	(void)state;
	for (int i = 1; i <= 20; i++) {
		snprintf(line, sizeof line, "%d: loss=0.%02d acc=0.5", i, 90 - i);
		if (strcmp(parse_str(&st, line), "-") != 0)
			points++;
	}
	assert_int_equal(st.label_mode, -1);
	assert_int_equal(points, 20 - 7);
	/* the same from 0 (counted as rank 0 while in doubt) */
	memset(&st, 0, sizeof st);
	points = 0;
	for (int i = 0; i < 20; i++) {
		snprintf(line, sizeof line, "%d: loss=0.%02d acc=0.5", i, 90 - i);
		if (strcmp(parse_str(&st, line), "-") != 0)
			points++;
	}
	assert_int_equal(st.label_mode, -1);
	assert_int_equal(points, 20 - 6);
}

/* ---- the sample logs with rank prefixes ---- */

static const char *const corpus[] = {"capdash", "hf",        "tqdm",   "lightning",  "keras2",
                                     "keras3",  "nanogpt",   "llmc",   "torchtitan", "timm",
                                     "fairseq", "deepspeed", "generic"};

struct lines {
	char *buf;
	size_t len, cap;
};

static void collect_cb(const char *line, size_t len, bool final, void *ctx)
{
	struct lines *l = ctx;

	(void) final;
	if (l->len + len + 2 > l->cap) {
		l->cap = (l->len + len + 2) * 2;
		l->buf = realloc(l->buf, l->cap);
		assert_non_null(l->buf);
	}
	memcpy(l->buf + l->len, line, len);
	l->len += len;
	l->buf[l->len++] = '\n';
	l->buf[l->len] = '\0';
}

static char *read_all(const char *name, const char *ext)
{
	const char *src = getenv("CAPDASH_SRC");
	char path[4096];
	FILE *f;
	char *b;
	long sz;

	snprintf(path, sizeof path, "%s/tests/data/logs/%s.%s", src ? src : ".", name, ext);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)sz + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)sz, f), (size_t)sz);
	b[sz] = '\0';
	fclose(f);
	return b;
}

/* A line as rank r prints it: DeepSpeed names its rank itself. */
static int rank_line(char *b, size_t n, const char *pfx, int r, const char *p, int len)
{
	const char *tag = memchr(p, '[', (size_t)len);

	while (tag && tag + 8 <= p + len && memcmp(tag, "[Rank 0]", 8) != 0)
		tag = memchr(tag + 1, '[', (size_t)(p + len - tag - 1));
	if (!tag || tag + 8 > p + len)
		return snprintf(b, n, "%s%.*s", pfx, len, p);
	return snprintf(b, n, "%s%.*s[Rank %d]%.*s", pfx, (int)(tag - p), p, r,
	                (int)(p + len - tag - 8), tag + 8);
}

/* Two ranks print the same log; the second's copy comes right after each
 * of the first's lines (the worst case: unfiltered, every point would come
 * twice and move the step counters).  pfx0/pfx1 are their prefixes, r0/r1
 * their global ranks. */
static void parse_ranked(const char *lines, const char *pfx0, const char *pfx1, int r0, int r1,
                         int follow, char *out, size_t size)
{
	struct logparse_state st = {.rank = follow};
	struct metric_point m;
	char line[LOGLINE_MAX + 64], b[512];
	size_t o = 0;

	out[0] = '\0';
	for (const char *p = lines, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		for (int r = 0; r < 2; r++) {
			int n = rank_line(line, sizeof line, r ? pfx1 : pfx0, r ? r1 : r0, p,
			                  (int)(nl - p));

			if (!logparse_line(&st, line, (size_t)n, &m))
				continue;
			test_point_text(b, sizeof b, &m);
			o += (size_t)snprintf(out + o, size - o, "%s\n", b);
			assert_true(o < size);
		}
	}
}

static void test_corpus_ranked(void **state)
{
	static const struct {
		const char *pfx0, *pfx1;
		int r0, r1, follow;
	} forms[] = {
	        {"0: ", "1: ", 0, 1, 0},
	        {" 0: ", "11: ", 0, 11, 0},
	        {"[default0]:", "[default1]:", 0, 1, 0},
	        {"[rank0]:", "[rank1]:", 0, 1, 0},
	        {"[1,0]<stdout>:", "[1,1]<stdout>:", 0, 1, 0},
	        {"0: [default0]:", "1: [default0]:", 0, 1, 0},
	        {"[rank1]:", "[rank0]:", 1, 0, 1},
	        {"[default0]:", "[default1]:", 0, 1, 1},
	};
	static char got[1 << 16];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
		char *log = read_all(corpus[i], "log"), *want = read_all(corpus[i], "expected");
		struct lines l = {0};
		struct logline ll;

		logline_init(&ll);
		logline_feed(&ll, log, strlen(log), collect_cb, &l);
		logline_flush(&ll, collect_cb, &l);
		assert_non_null(l.buf);
		for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
			parse_ranked(l.buf, forms[f].pfx0, forms[f].pfx1, forms[f].r0, forms[f].r1,
			             forms[f].follow, got, sizeof got);
			if (strcmp(got, want) != 0) {
				print_error(
				        "%s with \"%s\"/\"%s\", following rank %d: points differ\n"
				        "--- want\n%s--- got\n%s",
				        corpus[i], forms[f].pfx0, forms[f].pfx1, forms[f].follow,
				        want, got);
				bad++;
			}
		}
		free(l.buf);
		free(log);
		free(want);
	}
	assert_int_equal(bad, 0);
}

/* ---- run_spec.rank, end to end through the supervisor ---- */

static char *slurp(const char *dir, const char *name)
{
	char path[4400];
	FILE *f;
	char *b = calloc(1, 65536);
	size_t n;

	assert_non_null(b);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return b;
	n = fread(b, 1, 65535, f);
	b[n] = 0;
	fclose(f);
	return b;
}

/* A command printing two ranks' lines, run with rank; returns its dir. */
static void run_ranked(const char *root, int rank, char *dir)
{
	char *argv[] = {"/bin/sh", "-c",
	                "printf '[rank0]:step=1 loss=2.5 lr=0.1\\n[rank1]:step=1 loss=9.5 lr=0.1\\n"
	                "[rank1]:step=2 loss=9.25 lr=0.1\\n[rank0]:step=2 loss=2.25 lr=0.1\\n'",
	                NULL};
	struct run_spec spec;
	struct run_status st;
	struct cd_err err;

	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.name = rank ? "rank1" : "rank0";
	spec.sample_ms = 200;
	spec.rank = rank;
	if (run_start(&spec, dir, 4096, &err))
		fail_msg("run_start: %s", err.msg);
	for (int i = 0; i < 500; i++) {
		struct timespec ts = {0, 10000000};

		assert_int_equal(run_status_read(dir, &st, NULL), 0);
		if (st.ended && !run_is_live(dir))
			return;
		nanosleep(&ts, NULL);
	}
	fail_msg("the run did not end in 5 s");
}

static void test_run_rank(void **state)
{
	char root[] = "/tmp/capdash-rank-XXXXXX", dir[4096];
	char *met, *cmd, *log;

	(void)state;
	setenv("CAPDASH_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
	assert_non_null(mkdtemp(root));

	run_ranked(root, 0, dir);
	met = slurp(dir, "metrics.jsonl");
	cmd = slurp(dir, "command");
	assert_non_null(strstr(met, "\"loss\":2.5"));
	assert_non_null(strstr(met, "\"loss\":2.25"));
	assert_null(strstr(met, "\"loss\":9.5"));
	assert_null(strstr(cmd, "\"rank\"")); /* the default is not written */
	free(met);
	free(cmd);

	run_ranked(root, 1, dir);
	met = slurp(dir, "metrics.jsonl");
	cmd = slurp(dir, "command");
	log = slurp(dir, "output.log");
	assert_non_null(strstr(met, "\"loss\":9.5"));
	assert_non_null(strstr(met, "\"loss\":9.25"));
	assert_null(strstr(met, "\"loss\":2.5"));
	assert_non_null(strstr(cmd, "\"rank\":1"));
	/* output.log keeps every rank's lines as they came */
	assert_non_null(strstr(log, "[rank0]:step=1 loss=2.5"));
	assert_non_null(strstr(log, "[rank1]:step=2 loss=9.25"));
	free(met);
	free(cmd);
	free(log);
	assert_int_equal(test_rmtree(root), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rank_cases),
	        cmocka_unit_test(test_other_rank_leaves_state),
	        cmocka_unit_test(test_srun_auto),
	        cmocka_unit_test(test_srun_counter),
	        cmocka_unit_test(test_corpus_ranked),
	        cmocka_unit_test(test_run_rank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
