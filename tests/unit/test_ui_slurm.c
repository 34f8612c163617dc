/* test_ui_slurm.c — the training pane's Slurm pieces without a terminal:
 * runtext_slurm (the job's line: state, reason, nodes, time left) and how
 * the note line carries it at every width without cutting a word, and
 * pane_run_opts (capdash run's options typed before a command in the
 * dashboard's run prompt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/pane_run_int.h"
#include "../../src/ui/runfmt.h"
#include "../../src/ui/runtext.h"

#define NOW_MS INT64_C(1796220150000)

struct sl_case {
	struct run_progress p;
	struct run_status st;
	struct runtext_in in;
};

static void sl_init(struct sl_case *c, enum run_state s, const char *state)
{
	memset(c, 0, sizeof *c);
	c->p.state = s;
	c->p.slurm = true;
	c->p.slurm_left_ms = -1;
	c->p.child_alive = -1;
	c->st.slurm.job_id = 1234;
	c->st.slurm.gpus = c->st.slurm.cpus = -1;
	snprintf(c->st.slurm.state, sizeof c->st.slurm.state, "%s", state);
	c->in = (struct runtext_in){.p = &c->p,
	                            .st = &c->st,
	                            .command = "torchrun --nproc-per-node=4 train.py",
	                            .now_ms = NOW_MS,
	                            .utf8 = true};
}

static const char *slurm(struct sl_case *c, int width, enum runtext_tone *tone)
{
	static char buf[512];

	return runtext_slurm(buf, sizeof buf, &c->in, width, tone);
}

static void test_slurm_line(void **state)
{
	struct sl_case c;
	enum runtext_tone tone;
	char note[512];

	(void)state;
	sl_init(&c, RUN_PENDING, "PENDING");
	snprintf(c.st.slurm.reason, sizeof c.st.slurm.reason, "Resources");
	c.st.slurm.time_limit_ms = 3600000;
	assert_string_equal(slurm(&c, 200, &tone),
	                    "Slurm job 1234 PENDING (Resources) \xc2\xb7 limit 1h00m");
	assert_int_equal(tone, RT_ACCENT);
	assert_string_equal(slurm(&c, 30, &tone), "job 1234 PENDING (Resources)");
	assert_string_equal(slurm(&c, 20, &tone), "PENDING (Resources)");
	assert_string_equal(slurm(&c, 10, &tone), "PENDING");
	/* the money of a queued job: nothing yet, and what it will cost */
	c.p.burn_ok = true;
	c.p.burn.per_hour = 9960000;
	c.p.burn.projected = -1;
	assert_string_equal(runtext_money(note, sizeof note, &c.in, 200, &tone),
	                    "queued: free until it runs, then $9.96/h \xc2\xb7 spent $0.00");
	assert_string_equal(runtext_money(note, sizeof note, &c.in, 40, &tone),
	                    "queued: free until it runs, then $9.96/h");
	/* the status line of a queued job: how long it waits, no countdown */
	c.p.elapsed_ms = 130000;
	c.p.eta_ms = 500000;
	c.p.has_step = false;
	assert_string_equal(runtext_status(note, sizeof note, &c.in, 200),
	                    "pending \xc2\xb7 2m10s");
	/* a queued job holds no GPU yet: the basis says so, not "no GPU detected" */
	c.p.gpus = 0;
	c.p.gpu_source = RUN_GPUS_SLURM;
	assert_string_equal(runtext_basis(note, sizeof note, &c.in, 200), "no GPU allocated yet");
	c.p.state = RUN_FINISHED;
	assert_string_equal(runtext_basis(note, sizeof note, &c.in, 200), "no GPU allocated");
	c.p.state = RUN_PENDING;

	sl_init(&c, RUN_RUNNING, "RUNNING");
	snprintf(c.st.slurm.nodes, sizeof c.st.slurm.nodes, "gpu[01-02]");
	c.p.slurm_left_ms = 42 * 60000 + 10000;
	assert_string_equal(slurm(&c, 200, &tone),
	                    "Slurm job 1234 RUNNING on gpu[01-02] \xc2\xb7 42m10s left");
	assert_int_equal(tone, RT_TEXT);
	assert_string_equal(slurm(&c, 30, &tone), "job 1234 RUNNING \xc2\xb7 42m10s left");
	/* no limit: no time */
	c.p.slurm_left_ms = -1;
	assert_string_equal(slurm(&c, 200, &tone), "Slurm job 1234 RUNNING on gpu[01-02]");

	sl_init(&c, RUN_FAILED, "FAILED");
	c.st.slurm.exit_code = 3;
	assert_string_equal(slurm(&c, 200, &tone), "Slurm job 1234 FAILED, exit code 3");
	assert_int_equal(tone, RT_BAD);

	sl_init(&c, RUN_FAILED, "TIMEOUT");
	c.st.slurm.time_limit_ms = 60000;
	assert_string_equal(slurm(&c, 200, &tone), "Slurm job 1234 TIMEOUT (limit 1m00s)");
	assert_int_equal(tone, RT_BAD);

	sl_init(&c, RUN_STOPPED, "CANCELLED");
	assert_string_equal(slurm(&c, 200, &tone), "Slurm job 1234 CANCELLED");
	assert_int_equal(tone, RT_WARN);
	sl_init(&c, RUN_FINISHED, "COMPLETED");
	slurm(&c, 200, &tone);
	assert_int_equal(tone, RT_GOOD);
	sl_init(&c, RUN_STARTING, "");
	assert_string_equal(slurm(&c, 200, &tone), "Slurm job 1234 submitted");

	/* the note line: Slurm first, the command in what is left */
	sl_init(&c, RUN_PENDING, "PENDING");
	snprintf(c.st.slurm.reason, sizeof c.st.slurm.reason, "Priority");
	runtext_note(note, sizeof note, &c.in, 200, &tone);
	assert_string_equal(note, "Slurm job 1234 PENDING (Priority) \xc2\xb7 $ torchrun "
	                          "--nproc-per-node=4 train.py");
	assert_int_equal(tone, RT_ACCENT);
	runtext_note(note, sizeof note, &c.in, 40, &tone);
	assert_string_equal(note, "Slurm job 1234 PENDING (Priority)");
	/* a local run has no Slurm line */
	c.st.slurm.job_id = 0;
	assert_string_equal(slurm(&c, 200, &tone), "");
	runtext_note(note, sizeof note, &c.in, 200, &tone);
	assert_string_equal(note, "$ torchrun --nproc-per-node=4 train.py");
}

/* A word without the punctuation around it: "(Resources)" -> "Resources". */
static const char *bare(char *w)
{
	size_t n;

	while (*w == '(')
		w++;
	n = strlen(w);
	while (n && (w[n - 1] == ',' || w[n - 1] == ')'))
		w[--n] = 0;
	return w;
}

/* At every width: within it, and every word shown is a whole word of the
 * full line. */
static void expect_words(const char *full, const char *cut, int width)
{
	char c[512], f[512], *s1 = NULL;

	assert_true(runfmt_width(cut) <= width);
	snprintf(c, sizeof c, "%s", cut);
	for (char *tok = strtok_r(c, " ", &s1); tok; tok = strtok_r(NULL, " ", &s1)) {
		char *s2 = NULL;
		bool found = false;

		snprintf(f, sizeof f, "%s", full);
		for (char *ft = strtok_r(f, " ", &s2); ft; ft = strtok_r(NULL, " ", &s2))
			if (!strcmp(bare(ft), bare(tok)))
				found = true;
		if (!found && strcmp(tok, "\xe2\x80\xa6"))
			fail_msg("width %d: \"%s\" in \"%s\" is not a whole word of \"%s\"", width,
			         tok, cut, full);
	}
}

static void test_slurm_narrow(void **state)
{
	static const char *const states[] = {"PENDING", "RUNNING",   "FAILED",
	                                     "TIMEOUT", "CANCELLED", ""};
	struct sl_case c;
	enum runtext_tone tone;
	char full[512], cut[512];

	(void)state;
	for (size_t k = 0; k < sizeof states / sizeof states[0]; k++)
		for (int w = 9; w <= 90; w++) {
			sl_init(&c, RUN_RUNNING, states[k]);
			snprintf(c.st.slurm.reason, sizeof c.st.slurm.reason, "QOSMaxGRESPerUser");
			snprintf(c.st.slurm.nodes, sizeof c.st.slurm.nodes, "gpu-a100-[001-004]");
			c.st.slurm.exit_code = 137;
			c.st.slurm.time_limit_ms = 2 * 86400000LL;
			c.p.slurm_left_ms = 86400000LL + 3600000;
			runtext_slurm(full, sizeof full, &c.in, 400, &tone);
			expect_words(full, runtext_slurm(cut, sizeof cut, &c.in, w, &tone), w);
			runtext_note(cut, sizeof cut, &c.in, w, &tone);
			assert_true(runfmt_width(cut) <= w);
		}
}

static int opts(const char *line, struct pane_run_opts *o, char *why, char ***argv)
{
	char w[200];

	assert_true(pane_run_split(line, argv, w, sizeof w) > 0);
	return pane_run_opts(*argv, o, why, 200);
}

static void test_prompt_opts(void **state)
{
	struct pane_run_opts o;
	char why[200], **argv;

	(void)state;
	/* a plain command: a local run, the command from its first word */
	assert_int_equal(opts("python train.py --nodes 3", &o, why, &argv), 0);
	assert_false(o.slurm.on);
	assert_int_equal(o.cmd, 0);
	pane_run_argv_free(argv);

	assert_int_equal(opts("--on slurm --nodes 2 --gpus-per-node=4 --cpus-per-task 8 "
	                      "--partition gpu --time 1:00:00 --sbatch --qos=high "
	                      "--sbatch=--account=lab -- torchrun train.py --nodes 9",
	                      &o, why, &argv),
	                 0);
	assert_true(o.slurm.on);
	assert_int_equal(o.on, 1);
	assert_int_equal(o.slurm.nodes, 2);
	assert_int_equal(o.slurm.gpus_per_node, 4);
	assert_int_equal(o.slurm.cpus_per_task, 8);
	assert_string_equal(o.slurm.partition, "gpu");
	assert_string_equal(o.slurm.time, "1:00:00");
	assert_string_equal(o.slurm.sbatch[0], "--qos=high");
	assert_string_equal(o.slurm.sbatch[1], "--account=lab");
	assert_null(o.slurm.sbatch[2]);
	assert_string_equal(argv[o.cmd], "torchrun");
	assert_string_equal(argv[o.cmd + 3], "9");
	pane_run_argv_free(argv);

	/* without "--": the first word that is no option is the command */
	assert_int_equal(opts("--on slurm python t.py", &o, why, &argv), 0);
	assert_string_equal(argv[o.cmd], "python");
	pane_run_argv_free(argv);

	assert_int_equal(opts("--on slurm --nodes two -- a", &o, why, &argv), -1);
	assert_string_equal(why, "--nodes: expected a whole number from 1 to 100000, got \"two\"");
	pane_run_argv_free(argv);
	assert_int_equal(opts("--rank 3 python t.py", &o, why, &argv), 0);
	assert_int_equal(o.rank, 3);
	assert_int_equal(o.on, -1);
	assert_false(o.slurm_opts);
	pane_run_argv_free(argv);
	assert_int_equal(opts("--rank 70000 python t.py", &o, why, &argv), -1);
	assert_string_equal(why, "--rank: expected a whole number from 0 to 65535, got \"70000\"");
	pane_run_argv_free(argv);
	assert_int_equal(opts("--on cloud a", &o, why, &argv), -1);
	assert_string_equal(why, "--on: expected slurm or local, got \"cloud\"");
	pane_run_argv_free(argv);
	assert_int_equal(opts("--on slurm --", &o, why, &argv), -1);
	assert_string_equal(why, "no command after the options");
	pane_run_argv_free(argv);
	assert_int_equal(opts("--on slurm --time", &o, why, &argv), -1);
	assert_string_equal(why, "--time: expected a value");
	pane_run_argv_free(argv);
}

/* The scenario's run: section, then what was typed, field by field. */
static void test_merge(void **state)
{
	static char part[] = "gpu", *sb[] = {"--qos=high", NULL};
	struct scenario_run sc = {.present = true,
	                          .slurm = true,
	                          .nodes = 2,
	                          .gpus_per_node = 4,
	                          .sbatch = sb,
	                          .nsbatch = 1,
	                          .rank = 1};
	struct run_slurm_spec s;
	struct pane_run_opts o;
	char why[200], **argv;
	int rank;

	(void)state;
	snprintf(sc.partition, sizeof sc.partition, "%s", part);
	snprintf(sc.time, sizeof sc.time, "1:00:00");
	/* nothing typed: the scenario's */
	assert_int_equal(pane_run_merge(&sc, NULL, &s, &rank, why, sizeof why), 0);
	assert_true(s.on);
	assert_int_equal(s.nodes, 2);
	assert_string_equal(s.partition, "gpu");
	assert_string_equal(s.time, "1:00:00");
	assert_string_equal(s.sbatch[0], "--qos=high");
	assert_int_equal(rank, 1);
	/* typed options replace only what they name */
	assert_int_equal(opts("--nodes 8 --time 30 --rank 0 -- python t.py", &o, why, &argv), 0);
	assert_int_equal(pane_run_merge(&sc, &o, &s, &rank, why, sizeof why), 0);
	assert_true(s.on);
	assert_int_equal(s.nodes, 8);
	assert_int_equal(s.gpus_per_node, 4);
	assert_string_equal(s.time, "30");
	assert_string_equal(s.partition, "gpu");
	assert_int_equal(rank, 0);
	pane_run_argv_free(argv);
	/* --on local turns Slurm off; Slurm options with it are refused */
	assert_int_equal(opts("--on local python t.py", &o, why, &argv), 0);
	assert_int_equal(pane_run_merge(&sc, &o, &s, &rank, why, sizeof why), 0);
	assert_false(s.on);
	pane_run_argv_free(argv);
	assert_int_equal(opts("--on local --nodes 2 python t.py", &o, why, &argv), 0);
	assert_int_equal(pane_run_merge(&sc, &o, &s, &rank, why, sizeof why), -1);
	assert_string_equal(why, "--nodes, --gpus-per-node, --cpus-per-task, --partition, --time "
	                         "and --sbatch go with --on slurm");
	pane_run_argv_free(argv);
	/* a scenario without a run section: local unless typed */
	memset(&sc, 0, sizeof sc);
	assert_int_equal(opts("--nodes 2 -- a", &o, why, &argv), 0);
	assert_int_equal(pane_run_merge(&sc, &o, &s, &rank, why, sizeof why), -1);
	pane_run_argv_free(argv);
	assert_int_equal(opts("--on slurm --nodes 2 -- a", &o, why, &argv), 0);
	assert_int_equal(pane_run_merge(&sc, &o, &s, &rank, why, sizeof why), 0);
	assert_true(s.on);
	assert_int_equal(s.nodes, 2);
	assert_int_equal(rank, 0);
	pane_run_argv_free(argv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_slurm_line),
	        cmocka_unit_test(test_slurm_narrow),
	        cmocka_unit_test(test_prompt_opts),
	        cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
