/* test_slurm.c — Slurm runs without a cluster: job.sh's quoting (the
 * script run through /bin/sh with srun swapped for printf must give back
 * the hostile argv byte for byte), the parsers on text captured from a real
 * Slurm 22.05 (tests/data/slurm/), state mapping, durations, host lists,
 * GRES/TRES GPU counts, the status file's nested "slurm" object, slurm.json,
 * option checks, and pricing that counts only RUNNING time with the
 * allocated GPUs and CPUs; and the watcher itself against a fake Slurm
 * (scripts in PATH): points from output.log, the state and allocation,
 * a killed watcher adopted without a point doubled, the end.  The e2e
 * tests (tests/e2e/slurm*.sh) run the same code against a real cluster.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/run/run_int.h"
#include "capdash/common.h"
#include "testutil.h"

static char *slurp(const char *name)
{
	char path[512], *data;
	size_t len;

	snprintf(path, sizeof(path), "tests/data/slurm/%s", name);
	if (getenv("CAPDASH_SRC"))
		snprintf(path, sizeof(path), "%s/tests/data/slurm/%s", getenv("CAPDASH_SRC"), name);
	assert_int_equal(cd_read_file(path, 1 << 20, &data, &len, NULL), 0);
	return data;
}

static void blank(struct run_slurm_state *o)
{
	memset(o, 0, sizeof(*o));
	o->gpus = o->cpus = -1;
}

/* Run script with /bin/sh; its stdout into out (NUL-separated words). */
static size_t run_sh(const char *script, char *out, size_t size)
{
	int p[2];
	pid_t pid;
	size_t n = 0;
	ssize_t k;
	int ws;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (n < size && (k = read(p[0], out + n, size - n)) > 0)
		n += (size_t)k;
	close(p[0]);
	waitpid(pid, &ws, 0);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	return n;
}

static void test_script_quoting(void **state)
{
	char *const argv[] = {"/usr/bin/python3",
	                      "train.py",
	                      "--name=it's a \"test\"",
	                      "$HOME and $(id) and `id`",
	                      "two\nlines",
	                      "",
	                      "back\\slash \\' ;|&<>*?[a]{b,c}~",
	                      "'",
	                      "''\\''",
	                      "\t tab",
	                      NULL};
	struct run_slurm_spec s = {.on = true,
	                           .nodes = 2,
	                           .gpus_per_node = 8,
	                           .cpus_per_task = 4,
	                           .partition = "gpu",
	                           .time = "1:00:00",
	                           .sbatch = (const char *const[]){"--qos=high", NULL}};
	struct cd_err err;
	char *text = slurm_script("/runs/20261202-1-x", argv, "/home/me/my proj", "x", &s, &err);
	char *exec, out[4096], *script;
	size_t n, off = 0;
	int i = 0;

	(void)state;
	assert_non_null(text);
	assert_non_null(strstr(text, "#SBATCH --output=/runs/20261202-1-x/output.log\n"));
	assert_non_null(strstr(text, "#SBATCH --error=/runs/20261202-1-x/output.log\n"));
	assert_non_null(strstr(text, "#SBATCH --open-mode=append\n"));
	assert_non_null(strstr(text, "#SBATCH --chdir=\"/home/me/my proj\"\n"));
	assert_non_null(strstr(text, "#SBATCH --nodes=2\n#SBATCH --gpus-per-node=8\n"));
	assert_non_null(strstr(text, "#SBATCH --cpus-per-task=4\n"));
	assert_non_null(strstr(text, "#SBATCH --partition=gpu\n#SBATCH --time=1:00:00\n"));
	assert_non_null(strstr(text, "#SBATCH --qos=high\n"));
	assert_non_null(strstr(text, "export SRUN_CPUS_PER_TASK=4\n"));
	/* several nodes: each line says its rank */
	exec = strstr(text, "exec srun --label '/usr/bin/python3' 'train.py'");
	assert_non_null(exec);
	/* The whole script through sh with srun swapped for printf: every
	 * argument comes back as it was, whatever it holds. */
	script = malloc(strlen(text) + 64);
	assert_non_null(script);
	memcpy(script, text, (size_t)(exec - text));
	strcpy(script + (exec - text), "exec printf '%s\\0'");
	strcat(script, exec + strlen("exec srun --label"));
	n = run_sh(script, out, sizeof(out));
	while (off < n && argv[i]) {
		assert_string_equal(out + off, argv[i]);
		off += strlen(argv[i]) + 1;
		i++;
	}
	assert_null(argv[i]);
	assert_int_equal(off, n);
	free(script);
	free(text);

	/* one node: no --label; '%' in the output path is doubled for Slurm */
	memset(&s, 0, sizeof(s));
	text = slurm_script("/runs/50%-x", argv, "/w", "x", &s, &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "--output=/runs/50%%-x/output.log"));
	assert_non_null(strstr(text, "\nexec srun '/usr/bin/python3'"));
	assert_null(strstr(text, "SRUN_CPUS"));
	free(text);
	/* a path sbatch cannot take is refused, not mangled */
	assert_null(slurm_script("/runs/x", argv, "/w/\"q\"", "x", &s, &err));
	assert_non_null(strstr(err.msg, "\""));
}

static void test_sh_quote(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
	        {"plain", "'plain'"}, {"", "''"},         {"it's", "'it'\\''s'"},
	        {"$x", "'$x'"},       {"a\nb", "'a\nb'"},
	};
	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(t); i++) {
		char *q = slurm_sh_quote(t[i].in);
		assert_string_equal(q, t[i].out);
		free(q);
	}
}

static void test_durations(void **state)
{
	static const struct {
		const char *s;
		int rc;
		int64_t ms;
	} t[] = {
	        {"30", 0, 30 * 60000},
	        {"1:00", 0, 60000}, /* M:S, as squeue prints --time=1 */
	        {"1:00:00", 0, 3600000},
	        {"2-00", 0, 2 * 86400000LL},
	        {"1-02:03", 0, (86400 + 2 * 3600 + 3 * 60) * 1000LL},
	        {"1-02:03:04", 0, (86400 + 2 * 3600 + 3 * 60 + 4) * 1000LL},
	        {"365-00:00:00", 0, 365 * 86400000LL},
	        {"UNLIMITED", 0, 0},
	        {"1h", -1, 0},
	        {"", -1, 0},
	        {"1:2:3:4", -1, 0},
	        {"-5", -1, 0},
	        {"1--2", -1, 0},
	};
	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(t); i++) {
		int64_t ms = -7;
		assert_int_equal(slurm_parse_duration(t[i].s, &ms), t[i].rc);
		if (!t[i].rc)
			assert_int_equal(ms, t[i].ms);
	}
}

static void test_hostlists_and_gres(void **state)
{
	static const struct {
		const char *s;
		int n;
	} h[] = {
	        {"localhost", 1},      {"gpu[01-04,07],cpu1", 6},
	        {"n[1-2]-ib[3-4]", 4}, {"", 0},
	        {"(null)", 0},         {"a,b,c", 3},
	        {"n[3-1]", -1},        {"n[1-", -1},
	};
	static const struct {
		const char *s;
		int64_t n;
	} g[] = {
	        {"gpu:2(IDX:0-1)", 2},
	        {"gpu:a100:4(IDX:0,2-3,5)", 4},
	        {"gres:gpu:2", 2},
	        {"gres/gpu:8", 8},
	        {"gres/gpu=3", 3},
	        {"gres/gpu:a100=2", 2},
	        {"gpu", 1},
	        {"gpu:a100", 1},
	        {"gres:mps:100,gres:gpu:2", 2},
	        {"gpu:1(IDX:0),gpu:h100:1(IDX:1)", 2},
	        {"N/A", 0},
	        {"", 0},
	        {"gpux:3", 0},
	};
	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(h); i++)
		assert_int_equal(slurm_hostlist_count(h[i].s), h[i].n);
	for (size_t i = 0; i < CD_ARRAY_LEN(g); i++)
		assert_int_equal(slurm_gres_gpus(g[i].s), g[i].n);
}

static int64_t local_ms(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = s,
	                .tm_isdst = -1};
	return (int64_t)mktime(&tm) * 1000;
}

static void test_scontrol(void **state)
{
	struct run_slurm_state o;
	char *t;

	(void)state;
	/* running with 2 GPUs: the per-node GRES line, not TRES (no slurmdbd) */
	blank(&o);
	t = slurp("scontrol-running-gpu2.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_string_equal(o.state, "RUNNING");
	assert_string_equal(o.reason, "");
	assert_string_equal(o.nodes, "localhost");
	assert_int_equal(o.nnodes, 1);
	assert_int_equal(o.gpus, 2);
	assert_int_equal(o.cpus, 1);
	assert_true(o.start_ms > 0);
	assert_int_equal(o.end_ms, 0);        /* the future end of a running job is a guess */
	assert_int_equal(o.time_limit_ms, 0); /* 365 days: the partition's "infinite" */
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_RUNNING);

	/* completed: GRES= is empty now; TresPerNode still says 2 */
	blank(&o);
	t = slurp("scontrol-completed.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_int_equal(o.job_id, 1);
	assert_string_equal(o.state, "COMPLETED");
	assert_int_equal(o.gpus, 2);
	assert_int_equal(o.start_ms, local_ms(2026, 12, 2, 13, 42, 21));
	assert_int_equal(o.end_ms, local_ms(2026, 12, 2, 13, 42, 25));
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_FINISHED);

	blank(&o);
	t = slurp("scontrol-failed-exit3.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_string_equal(o.state, "FAILED");
	assert_string_equal(o.reason, "NonZeroExitCode");
	assert_int_equal(o.exit_code, 3);
	assert_int_equal(o.exit_signal, 0);
	assert_int_equal(o.gpus, 0);
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_FAILED);

	blank(&o);
	t = slurp("scontrol-cancelled.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_string_equal(o.state, "CANCELLED");
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_STOPPED);

	blank(&o);
	t = slurp("scontrol-held.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_string_equal(o.state, "PENDING");
	assert_string_equal(o.reason, "JobHeldUser");
	assert_int_equal(o.start_ms, 0);
	assert_string_equal(o.nodes, "");
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_PAUSED);

	blank(&o);
	t = slurp("scontrol-pending-resources.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), 0);
	free(t);
	assert_string_equal(o.reason, "Resources");
	assert_int_equal(o.gpus, 2); /* asked for, per node: the price once it runs */
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_PENDING);

	blank(&o);
	t = slurp("scontrol-invalid.txt");
	assert_int_equal(slurm_parse_scontrol(t, &o), -1);
	free(t);
}

static void test_squeue_sacct_sbatch(void **state)
{
	struct run_slurm_state o;
	char *t = slurp("squeue-all.txt"), cl[64];
	int64_t id;

	(void)state;
	blank(&o);
	assert_int_equal(slurm_parse_squeue(t, 9, &o), 1);
	assert_string_equal(o.state, "PENDING");
	assert_string_equal(o.reason, "Resources");
	assert_int_equal(o.start_ms, 0); /* Slurm's guess of a start is not a start */
	assert_int_equal(o.gpus, 2);
	blank(&o);
	assert_int_equal(slurm_parse_squeue(t, 5, &o), 1);
	assert_string_equal(o.state, "RUNNING");
	assert_int_equal(o.time_limit_ms, 60000);
	assert_int_equal(o.start_ms, local_ms(2026, 12, 2, 13, 44, 9));
	assert_int_equal(o.end_ms, 0);
	blank(&o);
	assert_int_equal(slurm_parse_squeue(t, 3, &o), 1);
	assert_string_equal(o.state, "FAILED");
	assert_int_equal(o.end_ms, local_ms(2026, 12, 2, 13, 43, 34));
	blank(&o);
	assert_int_equal(slurm_parse_squeue(t, 8, &o), 1);
	assert_int_equal(run_slurm_run_state(o.state, o.reason), RUN_PAUSED);
	/* job 1 must not match job 10, 11, ... nor a job missing */
	assert_int_equal(slurm_parse_squeue("10|RUNNING|None|n|1|1|N/A|N/A|N/A|1:00|N/A\n", 1, &o),
	                 0);
	assert_int_equal(slurm_parse_squeue(t, 42, &o), 0);
	free(t);

	/* sacct -P (no accounting on the test cluster: the text is Slurm's
	 * documented format) */
	blank(&o);
	assert_int_equal(slurm_parse_sacct("12|CANCELLED by 1000|0:15|2026-12-02T10:00:00|"
	                                   "2026-12-02T11:00:00|gpu[01-02]\n",
	                                   12, &o),
	                 1);
	assert_string_equal(o.state, "CANCELLED");
	assert_int_equal(o.exit_signal, 15);
	assert_int_equal(o.nnodes, 2);
	assert_int_equal(o.end_ms - o.start_ms, 3600000);
	assert_int_equal(slurm_parse_sacct("", 12, &o), 0);

	assert_int_equal(slurm_parse_sbatch("42\n", &id, cl, sizeof(cl)), 0);
	assert_int_equal(id, 42);
	assert_string_equal(cl, "");
	assert_int_equal(slurm_parse_sbatch("43;gpucluster\n", &id, cl, sizeof(cl)), 0);
	assert_int_equal(id, 43);
	assert_string_equal(cl, "gpucluster");
	assert_int_equal(slurm_parse_sbatch("sbatch: error: x\n", &id, cl, sizeof(cl)), -1);
	assert_int_equal(slurm_parse_sbatch("", &id, cl, sizeof(cl)), -1);
}

static void test_state_map(void **state)
{
	static const struct {
		const char *st, *reason;
		enum run_state rs;
		bool final;
	} t[] = {
	        {"PENDING", "Resources", RUN_PENDING, false},
	        {"PENDING", "JobHeldAdmin", RUN_PAUSED, false},
	        {"CONFIGURING", "None", RUN_RUNNING, false},
	        {"RUNNING", "JobHeldAdmin", RUN_RUNNING, false},
	        {"COMPLETING", "", RUN_RUNNING, false},
	        {"SUSPENDED", "", RUN_PAUSED, false},
	        {"COMPLETED", "", RUN_FINISHED, true},
	        {"FAILED", "NonZeroExitCode", RUN_FAILED, true},
	        {"CANCELLED", "", RUN_STOPPED, true},
	        {"TIMEOUT", "TimeLimit", RUN_FAILED, true},
	        {"OUT_OF_MEMORY", "", RUN_FAILED, true},
	        {"NODE_FAIL", "", RUN_FAILED, true},
	        {"PREEMPTED", "", RUN_FAILED, true},
	};
	struct run_status st;
	char why[256];

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(t); i++) {
		assert_int_equal(run_slurm_run_state(t[i].st, t[i].reason), t[i].rs);
		assert_int_equal(run_slurm_final(t[i].st), t[i].final);
	}
	assert_string_equal(run_state_name(RUN_PENDING), "pending");
	assert_string_equal(run_gpu_source_name(RUN_GPUS_SLURM), "slurm");

	/* through status: live watcher, ended, watcher gone */
	memset(&st, 0, sizeof(st));
	st.slurm.job_id = 7;
	assert_int_equal(run_state_of(&st, true), RUN_PENDING); /* submitted, not yet seen */
	snprintf(st.slurm.state, sizeof(st.slurm.state), "RUNNING");
	snprintf(st.slurm.nodes, sizeof(st.slurm.nodes), "gpu[01-02]");
	assert_int_equal(run_state_of(&st, true), RUN_RUNNING);
	assert_int_equal(run_state_of(&st, false), RUN_LOST);
	assert_non_null(strstr(run_status_why(&st, RUN_RUNNING, why, sizeof(why)),
	                       "Slurm job 7 RUNNING on gpu[01-02]"));
	assert_non_null(strstr(run_status_why(&st, RUN_LOST, why, sizeof(why)), "capdash attach"));
	st.stop_requested = true;
	assert_int_equal(run_state_of(&st, true), RUN_STOPPING);
	st.stop_requested = false;
	snprintf(st.slurm.state, sizeof(st.slurm.state), "FAILED");
	st.slurm.exit_code = 3;
	st.ended = true;
	assert_int_equal(run_state_of(&st, false), RUN_FAILED);
	assert_string_equal(run_status_why(&st, RUN_FAILED, why, sizeof(why)),
	                    "Slurm job 7 FAILED, exit code 3");
	snprintf(st.slurm.state, sizeof(st.slurm.state), "CANCELLED");
	st.slurm.exit_code = 143; /* the script's status after SIGTERM: noise here */
	assert_int_equal(run_state_of(&st, false), RUN_STOPPED);
	assert_string_equal(run_status_why(&st, RUN_STOPPED, why, sizeof(why)),
	                    "Slurm job 7 CANCELLED");
	snprintf(st.slurm.state, sizeof(st.slurm.state), "TIMEOUT");
	st.slurm.exit_code = 0;
	st.slurm.time_limit_ms = 60000;
	assert_string_equal(run_status_why(&st, RUN_FAILED, why, sizeof(why)),
	                    "Slurm job 7 TIMEOUT (time limit 1m00s)");
}

static void test_check_options(void **state)
{
	struct run_slurm_spec s;
	struct cd_err err;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.on = true;
	assert_int_equal(run_slurm_check(&s, &err), 0);
	s.time = "1h";
	assert_int_equal(run_slurm_check(&s, &err), -1);
	assert_non_null(strstr(err.msg, "--time"));
	assert_non_null(strstr(err.msg, "\"1h\""));
	s.time = "2-12:00:00";
	assert_int_equal(run_slurm_check(&s, &err), 0);
	s.sbatch = (const char *const[]){"--qos=high", "qos=low", NULL};
	assert_int_equal(run_slurm_check(&s, &err), -1);
	assert_non_null(strstr(err.msg, "qos=low"));
	s.sbatch = (const char *const[]){"--comment=a\nb", NULL};
	assert_int_equal(run_slurm_check(&s, &err), -1);
	s.sbatch = NULL;
	s.partition = "gpu debug";
	assert_int_equal(run_slurm_check(&s, &err), -1);
	assert_non_null(strstr(err.msg, "--partition"));
	s.partition = NULL;
	s.nodes = -1;
	assert_int_equal(run_slurm_check(&s, &err), -1);
	assert_non_null(strstr(err.msg, "--nodes"));
	s.nodes = 0;
	s.poll_ms = 10;
	assert_int_equal(run_slurm_check(&s, &err), -1);
}

static void test_json_files(void **state)
{
	char dir[64], *sbatch[RUN_SLURM_OPTS_MAX + 1];
	const char *opts[] = {"--comment=say \"hi\" \\ there", "--qos=high", NULL};
	struct run_slurm_job j, r;
	struct run_status st, back;
	struct cd_err err;

	(void)state;
	assert_int_equal(test_scratch_dir(dir, sizeof(dir), "capdash-slurm"), 0);
	memset(&j, 0, sizeof(j));
	j.job_id = 123;
	snprintf(j.cluster, sizeof(j.cluster), "c1");
	j.submit_ms = 1796218940856;
	j.nodes = 2;
	j.gpus_per_node = 8;
	j.poll_ms = 3000;
	snprintf(j.time, sizeof(j.time), "1:00:00");
	j.njobs = 2;
	j.jobs[0] = 120;
	j.jobs[1] = 123;
	assert_int_equal(run_slurm_read(dir, &r, &err), 1); /* not a Slurm run */
	assert_int_equal(slurm_json_write(dir, &j, opts, &err), 0);
	assert_int_equal(slurm_json_read(dir, &r, sbatch, &err), 0);
	assert_int_equal(r.job_id, 123);
	assert_string_equal(r.cluster, "c1");
	assert_int_equal(r.submit_ms, j.submit_ms);
	assert_int_equal(r.nodes, 2);
	assert_int_equal(r.gpus_per_node, 8);
	assert_int_equal(r.poll_ms, 3000);
	assert_string_equal(r.time, "1:00:00");
	assert_int_equal(r.njobs, 2);
	assert_int_equal(r.jobs[0], 120);
	assert_string_equal(sbatch[0], opts[0]);
	assert_string_equal(sbatch[1], opts[1]);
	assert_null(sbatch[2]);
	for (int i = 0; sbatch[i]; i++)
		free(sbatch[i]);
	assert_true(slurm_is_run(dir));

	/* status with the nested "slurm" object, the longest node list */
	memset(&st, 0, sizeof(st));
	st.supervisor = 99;
	st.start_ms = 1;
	st.log_offset = 123456789;
	st.slurm.job_id = 123;
	snprintf(st.slurm.state, sizeof(st.slurm.state), "PENDING");
	snprintf(st.slurm.reason, sizeof(st.slurm.reason), "ReqNodeNotAvail,_\"quoted\"");
	memset(st.slurm.nodes, 'n', sizeof(st.slurm.nodes) - 1);
	st.slurm.gpus = 16;
	st.slurm.cpus = -1;
	st.slurm.time_limit_ms = 3600000;
	st.slurm.njobs = 2;
	assert_int_equal(run_status_init(dir, &st, &err), 0);
	assert_int_equal(run_status_read(dir, &back, &err), 0);
	assert_int_equal(back.supervisor, 99);
	assert_int_equal(back.log_offset, 123456789);
	assert_int_equal(back.slurm.job_id, 123);
	assert_string_equal(back.slurm.state, "PENDING");
	assert_string_equal(back.slurm.reason, st.slurm.reason);
	assert_string_equal(back.slurm.nodes, st.slurm.nodes);
	assert_int_equal(back.slurm.gpus, 16);
	assert_int_equal(back.slurm.cpus, -1);
	assert_int_equal(back.slurm.time_limit_ms, 3600000);
	assert_int_equal(back.slurm.njobs, 2);
	assert_int_equal(test_rmtree(dir), 0);
}

/* A Slurm run directory by hand: $2/GPU-hour, $0.01/core-hour. */
static void make_run(const char *dir, const struct run_status *st)
{
	struct run_command c;
	struct run_slurm_job j;
	char *argv[] = {"train", NULL};

	memset(&c, 0, sizeof(c));
	c.argv = argv;
	c.argc = 1;
	snprintf(c.name, sizeof(c.name), "train");
	c.gpus = 0;
	c.gpu_source = RUN_GPUS_SLURM;
	c.prices.gpu_hourly = 2000000;
	c.prices.cpu_core_hourly = 10000;
	c.prices.override_hourly = -1;
	c.prices.amortization_hours = 26280;
	assert_int_equal(runcmd_write(dir, &c, NULL), 0);
	memset(&j, 0, sizeof(j));
	j.job_id = st->slurm.job_id;
	j.njobs = 1;
	j.jobs[0] = j.job_id;
	assert_int_equal(slurm_json_write(dir, &j, NULL, NULL), 0);
	assert_int_equal(run_status_init(dir, st, NULL), 0);
}

static void progress_of(const char *dir, int64_t now, struct run_progress *p)
{
	struct run_view *v = run_view_open(dir, NULL);

	assert_non_null(v);
	assert_true(run_view_update(v, NULL) >= 0);
	run_view_progress(v, now, p);
	run_view_free(v);
}

static void test_pricing(void **state)
{
	char dir[64], lock[128];
	const int64_t t0 = INT64_C(1796200000000), hour = 3600000;
	struct run_status st;
	struct run_progress p;
	int fd;

	(void)state;
	assert_int_equal(test_scratch_dir(dir, sizeof(dir), "capdash-slurm"), 0);

	/* queued for 2 h, then ran 1 h on 2 GPUs and 4 cores: only the hour
	 * is billed: 2 × $2 + 4 × $0.01 */
	memset(&st, 0, sizeof(st));
	st.supervisor = 1;
	st.start_ms = t0 - 2 * hour; /* submitted */
	st.ended = true;
	st.end_ms = t0 + hour;
	st.slurm.job_id = 5;
	snprintf(st.slurm.state, sizeof(st.slurm.state), "COMPLETED");
	st.slurm.submit_ms = t0 - 2 * hour;
	st.slurm.start_ms = t0;
	st.slurm.end_ms = t0 + hour;
	st.slurm.gpus = 2;
	st.slurm.cpus = 4;
	make_run(dir, &st);
	progress_of(dir, t0 + 5 * hour, &p);
	assert_true(p.slurm);
	assert_int_equal(p.state, RUN_FINISHED);
	assert_int_equal(p.elapsed_ms, hour);
	assert_int_equal(p.gpus, 2);
	assert_int_equal(p.gpu_source, RUN_GPUS_SLURM);
	assert_true(p.burn_ok);
	assert_int_equal(p.burn.spent, 4000000 + 40000);
	assert_int_equal(p.slurm_left_ms, -1);

	/* cancelled while pending: nothing ran, nothing is owed */
	st.slurm.start_ms = 0;
	st.slurm.end_ms = t0;
	snprintf(st.slurm.state, sizeof(st.slurm.state), "CANCELLED");
	make_run(dir, &st);
	progress_of(dir, t0 + 5 * hour, &p);
	assert_int_equal(p.state, RUN_STOPPED);
	assert_int_equal(p.elapsed_ms, 0);
	assert_int_equal(p.burn.spent, 0);

	/* live (we hold the lock as a watcher would): pending is free and
	 * burns nothing; running burns the allocation, with the time left */
	snprintf(lock, sizeof(lock), "%s/lock", dir);
	fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0 && flock(fd, LOCK_EX) == 0);
	memset(&st, 0, sizeof(st));
	st.supervisor = 1;
	st.start_ms = t0;
	st.slurm.job_id = 6;
	snprintf(st.slurm.state, sizeof(st.slurm.state), "PENDING");
	snprintf(st.slurm.reason, sizeof(st.slurm.reason), "Resources");
	st.slurm.gpus = 8;
	st.slurm.cpus = 8;
	st.slurm.time_limit_ms = 2 * hour;
	make_run(dir, &st);
	progress_of(dir, t0 + hour, &p);
	assert_int_equal(p.state, RUN_PENDING);
	assert_int_equal(p.burn.spent, 0);
	assert_int_equal(p.burn.cpu_per_hour, 0);
	assert_int_equal(p.slurm_left_ms, -1);
	snprintf(st.slurm.state, sizeof(st.slurm.state), "RUNNING");
	st.slurm.reason[0] = '\0';
	st.slurm.start_ms = t0 + hour;
	make_run(dir, &st);
	progress_of(dir, t0 + hour + hour / 2, &p);
	assert_int_equal(p.state, RUN_RUNNING);
	assert_int_equal(p.elapsed_ms, hour / 2);
	assert_int_equal(p.burn.spent, 8 * 1000000 + 4 * 10000); /* half an hour */
	assert_int_equal(p.burn.gpu_per_hour, 16000000);
	assert_int_equal(p.slurm_left_ms, hour + hour / 2);
	close(fd);
	assert_int_equal(test_rmtree(dir), 0);
}

/* The Slurm commands are run without a shell, their streams kept apart;
 * a job of another cluster gets -M. */
static void test_exec(void **state)
{
	char out[256], errs[256], line[128];
	int e;

	(void)state;
	assert_int_equal(slurm_exec_on("c1", (char *[]){"echo", "show", "job", NULL}, out,
	                               sizeof(out), errs, sizeof(errs), 5000, &e),
	                 0);
	assert_string_equal(out, "-M c1 show job\n");
	assert_int_equal(slurm_exec_on("", (char *[]){"echo", "$HOME", NULL}, out, sizeof(out),
	                               errs, sizeof(errs), 5000, &e),
	                 0);
	assert_string_equal(out, "$HOME\n");
	assert_int_equal(
	        slurm_exec((char *[]){"sh", "-c",
	                              "echo out; echo 'sbatch: error: Batch job submission "
	                              "failed: Invalid partition name specified' >&2; exit 1",
	                              NULL},
	                   out, sizeof(out), errs, sizeof(errs), 5000, &e),
	        1);
	assert_string_equal(out, "out\n");
	assert_string_equal(slurm_err_text(errs, line, sizeof(line)),
	                    "Batch job submission failed: Invalid partition name specified");
	assert_int_equal(slurm_exec((char *[]){"capdash-no-such-command", NULL}, out, sizeof(out),
	                            errs, sizeof(errs), 5000, &e),
	                 -1);
	assert_int_equal(e, ENOENT);
	/* a command that hangs is killed at the timeout */
	assert_int_equal(slurm_exec((char *[]){"sleep", "10", NULL}, out, sizeof(out), errs,
	                            sizeof(errs), 300, &e),
	                 -1);
	assert_non_null(strstr(errs, "did not answer"));
}

/* ---- the watcher against a fake Slurm (no cluster needed) ----
 * sbatch, squeue, scontrol and scancel are small scripts in a directory put
 * first in PATH: the job's state is a file the test writes (state), and
 * the test writes output.log itself, as slurmd would. */

static void write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

static void append_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* The fake job's state: squeue's line and scontrol's record from it. */
static void set_job(const char *bin, const char *state, const char *exit)
{
	char sq[256], sc[1024];

	snprintf(sq, sizeof(sq),
	         "4242|%s|None|node[1-2]|2|8|2026-12-02T10:00:00|2026-12-02T10:00:01|N/A|1:00:00|"
	         "gres:gpu:4\n",
	         state);
	snprintf(sc, sizeof(sc),
	         "JobId=4242 JobName=t\n   JobState=%s Reason=None Dependency=(null)\n"
	         "   ExitCode=%s\n   StartTime=2026-12-02T10:00:01 EndTime=2026-12-02T10:05:01\n"
	         "   NodeList=node[1-2]\n   NumNodes=2 NumCPUs=8 NumTasks=2\n"
	         "   TRES=cpu=8,node=2,billing=8\n   JOB_GRES=gpu:8\n"
	         "     Nodes=node[1-2] CPU_IDs=0-3 Mem=0 GRES=gpu:4(IDX:0-3)\n"
	         "   TresPerNode=gres:gpu:4\n",
	         state, exit);
	write_file(bin, "squeue.out", sq, 0644);
	write_file(bin, "scontrol.out", sc, 0644);
}

static bool wait_for(const char *dir, bool (*cond)(const char *dir), int ms)
{
	for (int t = 0; t < ms; t += 50) {
		if (cond(dir))
			return true;
		usleep(50000);
	}
	return cond(dir);
}

static int points_in(const char *dir)
{
	char path[512], *data, *p;
	size_t len;
	int n = 0;

	snprintf(path, sizeof(path), "%s/metrics.jsonl", dir);
	if (cd_read_file(path, 1 << 20, &data, &len, NULL))
		return 0;
	for (p = data; (p = strstr(p, "\"type\":\"point\"")); p++)
		n++;
	free(data);
	return n;
}

static bool has_5_points(const char *dir)
{
	return points_in(dir) == 5;
}

static bool has_8_points(const char *dir)
{
	return points_in(dir) == 8;
}

static bool is_running(const char *dir)
{
	struct run_status st;

	return run_status_read(dir, &st, NULL) == 0 && !strcmp(st.slurm.state, "RUNNING") &&
	       st.slurm.gpus == 8;
}

static bool has_ended(const char *dir)
{
	struct run_status st;

	return run_status_read(dir, &st, NULL) == 0 && st.ended;
}

static bool not_live(const char *dir)
{
	return !run_is_live(dir);
}

static void test_watcher_fake_slurm(void **state)
{
	char root[64], bin[128], path[8192], dir[RUN_PATH_MAX], line[128];
	char *const argv[] = {"train", "--lr", "3e-4", NULL};
	const char *old_path = getenv("PATH");
	char *saved = old_path ? strdup(old_path) : NULL;
	struct run_spec spec;
	struct run_status st;
	struct cd_err err;
	int64_t sup;

	(void)state;
	assert_int_equal(test_scratch_dir(root, sizeof(root), "capdash-fakeslurm"), 0);
	snprintf(bin, sizeof(bin), "%s/bin", root);
	assert_int_equal(mkdir(bin, 0700), 0);
	snprintf(path, sizeof(path), "#!/bin/sh\necho 4242\n");
	write_file(bin, "sbatch", path, 0755);
	snprintf(path, sizeof(path), "#!/bin/sh\ncat '%s/squeue.out'\n", bin);
	write_file(bin, "squeue", path, 0755);
	snprintf(path, sizeof(path), "#!/bin/sh\ncat '%s/scontrol.out'\n", bin);
	write_file(bin, "scontrol", path, 0755);
	snprintf(path, sizeof(path), "#!/bin/sh\ntouch '%s/cancelled'\n", bin);
	write_file(bin, "scancel", path, 0755);
	write_file(bin, "sacct", "#!/bin/sh\nexit 1\n", 0755);
	snprintf(path, sizeof(path), "%s:%s", bin, old_path ? old_path : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	set_job(bin, "PENDING", "0:0");

	run_spec_init(&spec, NULL);
	spec.argv = argv;
	spec.root = root;
	spec.slurm.on = true;
	spec.slurm.nodes = 2;
	spec.slurm.gpus_per_node = 4;
	spec.slurm.poll_ms = 1000;
	assert_int_equal(run_start(&spec, dir, sizeof(dir), &err), 0);
	assert_true(run_is_live(dir));

	/* slurmd writes the output; the watcher turns it into points */
	set_job(bin, "RUNNING", "0:0");
	snprintf(path, sizeof(path), "%s/output.log", dir);
	for (int i = 1; i <= 5; i++) {
		snprintf(line, sizeof(line), "step %d/8 loss %.3f\n", i, 2.0 / i);
		append_file(path, line);
	}
	assert_true(wait_for(dir, has_5_points, 8000));
	assert_true(wait_for(dir, is_running, 8000));
	assert_int_equal(run_status_read(dir, &st, &err), 0);
	assert_string_equal(st.slurm.nodes, "node[1-2]");
	assert_int_equal(st.slurm.nnodes, 2);
	assert_int_equal(st.slurm.cpus, 8);

	/* the watcher killed; a new one continues without doubling a point */
	sup = st.supervisor;
	assert_int_equal(kill((pid_t)sup, SIGKILL), 0);
	assert_true(wait_for(dir, not_live, 5000));
	assert_int_equal(run_adopt(dir, &err), 1);
	assert_int_equal(run_adopt(dir, &err), 0); /* one is enough */
	append_file(path, "step 6/8 loss 0.3\nstep 7/8 loss 0.28\nstep 8/8 loss 0.25\n");
	assert_true(wait_for(dir, has_8_points, 8000));

	/* it ends: state, exit code and every point kept */
	set_job(bin, "COMPLETED", "0:0");
	assert_true(wait_for(dir, has_ended, 15000));
	assert_int_equal(run_status_read(dir, &st, &err), 0);
	assert_int_equal(run_state_of(&st, run_is_live(dir)), RUN_FINISHED);
	assert_int_equal(points_in(dir), 8);
	assert_true(wait_for(dir, not_live, 5000));

	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	assert_int_equal(test_rmtree(root), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_script_quoting), cmocka_unit_test(test_sh_quote),
	        cmocka_unit_test(test_durations),      cmocka_unit_test(test_hostlists_and_gres),
	        cmocka_unit_test(test_scontrol),       cmocka_unit_test(test_squeue_sacct_sbatch),
	        cmocka_unit_test(test_state_map),      cmocka_unit_test(test_check_options),
	        cmocka_unit_test(test_json_files),     cmocka_unit_test(test_pricing),
	        cmocka_unit_test(test_exec),           cmocka_unit_test(test_watcher_fake_slurm),
	};

	/* Slurm prints local time; the captured text is from a UTC machine,
	 * and the expected values are computed in the same zone */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
