/* slurm_job.c — submitting a run to Slurm: the batch script (job.sh), the
 * sbatch call and the record of it (slurm.json).
 *
 * job.sh holds everything the job needs, so that a restart resubmits it
 * unchanged: #SBATCH lines (output appended to the run's output.log, the
 * working directory, the options), then `exec srun` of the command with
 * every argument single-quoted for sh ('\'' for a quote inside).  No shell
 * ever sees capdash's own command line.
 * Must not: watch the job (slurm_watch.c) or print.
 * Start at slurm_submit().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"

#define SBATCH_TIMEOUT_MS 60000

/* A growing string; a failed allocation is sticky. */
struct sb {
	char *p;
	size_t len, cap;
	bool nomem;
};

static void sb_put(struct sb *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 1024;
		char *np;
		while (nc < b->len + n + 1)
			nc *= 2;
		if (!(np = realloc(b->p, nc))) {
			b->nomem = true;
			return;
		}
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_fmt(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_fmt(struct sb *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		sb_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

char *slurm_sh_quote(const char *arg)
{
	struct sb b = {0};

	/* Inside single quotes sh takes every byte as it is, newlines
	 * included; only the quote itself needs closing, escaping, reopening. */
	sb_put(&b, "'", 1);
	for (const char *p = arg; *p; p++) {
		if (*p == '\'')
			sb_str(&b, "'\\''");
		else
			sb_put(&b, p, 1);
	}
	sb_put(&b, "'", 1);
	if (b.nomem) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* A path for an #SBATCH line: '%' doubled (Slurm's filename patterns),
 * double quotes when it holds a space (sbatch splits the line on them). */
static void sbatch_path(struct sb *b, const char *opt, const char *path, bool pattern)
{
	bool q = strchr(path, ' ') || strchr(path, '\t');

	sb_fmt(b, "#SBATCH %s=", opt);
	if (q)
		sb_put(b, "\"", 1);
	for (const char *p = path; *p; p++)
		sb_str(b, pattern && *p == '%' ? "%%" : (char[2]){*p, 0});
	if (q)
		sb_put(b, "\"", 1);
	sb_put(b, "\n", 1);
}

static bool path_ok(const char *p)
{
	return !strpbrk(p, "\"\n\r");
}

char *slurm_script(const char *dir, char *const *argv, const char *cwd, const char *name,
                   const struct run_slurm_spec *s, struct cd_err *err)
{
	struct sb b = {0};
	char out[RUN_PATH_MAX];

	if (rundir_path(out, sizeof(out), dir, RUN_F_OUTPUT)) {
		cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
		return NULL;
	}
	if (!path_ok(out) || !path_ok(cwd)) {
		cd_err_set(err, CD_ERR_USAGE, dir, 0, 0,
		           _("Slurm cannot take a path with '\"' or a newline in an #SBATCH line"));
		return NULL;
	}
	sb_str(&b, "#!/bin/sh\n"
	           "# Written by capdash run --on slurm; capdash restart submits it again as it "
	           "is.\n");
	sb_fmt(&b, "#SBATCH --job-name=%s\n", name);
	/* stderr with stdout, appended: a restart's output follows the first
	 * job's in the one file the parser, the chart and attach read */
	sbatch_path(&b, "--output", out, !strchr(out, '\\'));
	sbatch_path(&b, "--error", out, !strchr(out, '\\'));
	sb_str(&b, "#SBATCH --open-mode=append\n");
	sbatch_path(&b, "--chdir", cwd, false);
	if (s->nodes > 0)
		sb_fmt(&b, "#SBATCH --nodes=%d\n", s->nodes);
	if (s->gpus_per_node > 0)
		sb_fmt(&b, "#SBATCH --gpus-per-node=%d\n", s->gpus_per_node);
	if (s->cpus_per_task > 0)
		sb_fmt(&b, "#SBATCH --cpus-per-task=%d\n", s->cpus_per_task);
	if (s->partition)
		sb_fmt(&b, "#SBATCH --partition=%s\n", s->partition);
	if (s->time)
		sb_fmt(&b, "#SBATCH --time=%s\n", s->time);
	for (int i = 0; s->sbatch && s->sbatch[i]; i++) {
		sb_str(&b, "#SBATCH ");
		sb_str(&b, s->sbatch[i]);
		sb_str(&b, "\n");
	}
	sb_str(&b, "export PYTHONUNBUFFERED=1\n");
	/* since Slurm 22.05 srun no longer takes --cpus-per-task from sbatch */
	if (s->cpus_per_task > 0)
		sb_fmt(&b, "export SRUN_CPUS_PER_TASK=%d\n", s->cpus_per_task);
	/* several nodes: each line says its task ("0: step 10 ..."), so the
	 * chart can follow rank 0 */
	sb_str(&b, s->nodes > 1 ? "exec srun --label" : "exec srun");
	for (int i = 0; argv[i]; i++) {
		char *q = slurm_sh_quote(argv[i]);
		if (!q) {
			b.nomem = true;
			break;
		}
		sb_put(&b, " ", 1);
		sb_str(&b, q);
		free(q);
	}
	sb_put(&b, "\n", 1);
	if (b.nomem) {
		free(b.p);
		cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory"));
		return NULL;
	}
	return b.p;
}

/* ---- slurm.json ---- */

int slurm_json_write(const char *dir, const struct run_slurm_job *j, const char *const *sbatch,
                     struct cd_err *err)
{
	char path[RUN_PATH_MAX], *buf, *ids[RUN_SLURM_JOBS_MAX + 1], idtxt[RUN_SLURM_JOBS_MAX][24];
	size_t cap = 8192, n;
	struct jw w;
	int rc;

	for (int i = 0; sbatch && sbatch[i]; i++)
		cap += strlen(sbatch[i]) * 6 + 4;
	if (!(buf = malloc(cap)))
		return cd_err_set(err, CD_ERR_NOMEM, NULL, 0, 0, _("out of memory"));
	for (int i = 0; i < j->njobs && i < RUN_SLURM_JOBS_MAX; i++) {
		snprintf(idtxt[i], sizeof(idtxt[i]), "%lld", (long long)j->jobs[i]);
		ids[i] = idtxt[i];
	}
	ids[j->njobs < RUN_SLURM_JOBS_MAX ? j->njobs : RUN_SLURM_JOBS_MAX] = NULL;
	jw_begin(&w, buf, cap);
	jw_int(&w, "v", 1);
	jw_int(&w, "job_id", j->job_id);
	jw_str(&w, "cluster", j->cluster);
	jw_int(&w, "submit_ms", j->submit_ms);
	jw_int(&w, "nodes", j->nodes);
	jw_int(&w, "gpus_per_node", j->gpus_per_node);
	jw_int(&w, "cpus_per_task", j->cpus_per_task);
	jw_str(&w, "partition", j->partition);
	jw_str(&w, "time", j->time);
	jw_strv(&w, "sbatch", (char *const *)sbatch);
	jw_int(&w, "poll_ms", j->poll_ms);
	jw_strv(&w, "jobs", ids);
	n = jw_end(&w);
	if (!n || rundir_path(path, sizeof(path), dir, RUN_F_SLURM)) {
		free(buf);
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("slurm.json too long"));
	}
	rc = cd_write_atomic(path, buf, n, err);
	free(buf);
	return rc;
}

struct jrd {
	struct run_slurm_job *j;
	char **sbatch; /* heap copies when wanted, else NULL */
	int nsbatch;
	bool nomem;
};

static void job_cb(const char *k, const struct jr_val *v, void *ctx)
{
	struct jrd *r = ctx;
	struct run_slurm_job *j = r->j;
	int64_t n = jr_i64(v->num);

	if (v->type == JR_ARR_STR) {
		if (!strcmp(k, "jobs") && j->njobs < RUN_SLURM_JOBS_MAX)
			j->jobs[j->njobs++] = strtoll(v->str, NULL, 10);
		else if (!strcmp(k, "sbatch") && r->sbatch && r->nsbatch < RUN_SLURM_OPTS_MAX &&
		         !r->nomem)
			r->nomem = !(r->sbatch[r->nsbatch++] = strdup(v->str));
		return;
	}
	if (v->type == JR_STR) {
		if (!strcmp(k, "cluster"))
			snprintf(j->cluster, sizeof(j->cluster), "%s", v->str);
		else if (!strcmp(k, "partition"))
			snprintf(j->partition, sizeof(j->partition), "%s", v->str);
		else if (!strcmp(k, "time"))
			snprintf(j->time, sizeof(j->time), "%s", v->str);
		return;
	}
	if (v->type != JR_NUM)
		return;
	if (!strcmp(k, "job_id"))
		j->job_id = n;
	else if (!strcmp(k, "submit_ms"))
		j->submit_ms = n;
	else if (!strcmp(k, "nodes"))
		j->nodes = (int)n;
	else if (!strcmp(k, "gpus_per_node"))
		j->gpus_per_node = (int)n;
	else if (!strcmp(k, "cpus_per_task"))
		j->cpus_per_task = (int)n;
	else if (!strcmp(k, "poll_ms"))
		j->poll_ms = (int)n;
}

int slurm_json_read(const char *dir, struct run_slurm_job *j, char **sbatch, struct cd_err *err)
{
	char path[RUN_PATH_MAX], *data;
	size_t len;
	struct jrd r = {j, sbatch, 0, false};
	struct cd_err e;

	memset(j, 0, sizeof(*j));
	if (sbatch)
		memset(sbatch, 0, (RUN_SLURM_OPTS_MAX + 1) * sizeof(*sbatch));
	if (rundir_path(path, sizeof(path), dir, RUN_F_SLURM))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	if (access(path, F_OK))
		return 1;
	if (cd_read_file(path, 1 << 20, &data, &len, &e)) {
		if (err)
			*err = e;
		return -1;
	}
	if (jr_parse(data, len, job_cb, &r) || r.nomem || j->job_id <= 0) {
		free(data);
		for (int i = 0; sbatch && sbatch[i]; i++)
			free(sbatch[i]);
		return cd_err_set(err, r.nomem ? CD_ERR_NOMEM : CD_ERR_SYNTAX, path, 1, 1,
		                  _("slurm.json: expected a JSON object with a job_id"));
	}
	free(data);
	if (j->poll_ms < RUN_SLURM_POLL_MS_MIN)
		j->poll_ms = RUN_SLURM_POLL_MS_DEFAULT;
	return 0;
}

int run_slurm_read(const char *dir, struct run_slurm_job *job, struct cd_err *err)
{
	return slurm_json_read(dir, job, NULL, err);
}

/* ---- sbatch ---- */

int slurm_sbatch(const char *dir, int64_t *job_id, char *cluster, size_t size, struct cd_err *err)
{
	char script[RUN_PATH_MAX], out[1024], errs[4096], line[512];
	char *argv[] = {"sbatch", "--parsable", script, NULL};
	int e, rc;

	if (rundir_path(script, sizeof(script), dir, RUN_F_JOB))
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	rc = slurm_exec(argv, out, sizeof(out), errs, sizeof(errs), SBATCH_TIMEOUT_MS, &e);
	if (rc < 0 && e == ENOENT)
		return cd_err_set(
		        err, CD_ERR_USAGE, NULL, 0, 0,
		        _("sbatch is not in PATH: --on slurm needs Slurm's commands "
		          "(sbatch, squeue, scontrol, scancel) where capdash runs, such as "
		          "a login node"));
	if (rc < 0 && e)
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, _("cannot run sbatch: %s"),
		                  strerror(e));
	if (rc != 0)
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0, _("sbatch failed: %s"),
		                  errs[0] ? slurm_err_text(errs, line, sizeof(line))
		                          : "no message (exit status)");
	if (slurm_parse_sbatch(out, job_id, cluster, size))
		return cd_err_set(err, CD_ERR_IO, NULL, 0, 0,
		                  _("sbatch printed no job id: \"%.120s\""), out);
	return 0;
}

int slurm_submit(const char *dir, char *const *argv, const char *cwd, const char *name,
                 const struct run_slurm_spec *s, struct run_slurm_job *j, struct cd_err *err)
{
	char path[RUN_PATH_MAX], *text;
	const char *env = getenv("CAPDASH_SLURM_POLL_MS");
	int rc;

	if (run_slurm_check(s, err))
		return -1;
	if (!(text = slurm_script(dir, argv, cwd, name, s, err)))
		return -1;
	if (rundir_path(path, sizeof(path), dir, RUN_F_JOB)) {
		free(text);
		return cd_err_set(err, CD_ERR_LIMIT, dir, 0, 0, _("path too long"));
	}
	rc = cd_write_atomic(path, text, strlen(text), err);
	free(text);
	if (rc || chmod(path, 0700))
		return rc ? -1 : cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s", strerror(errno));
	memset(j, 0, sizeof(*j));
	j->nodes = s->nodes;
	j->gpus_per_node = s->gpus_per_node;
	j->cpus_per_task = s->cpus_per_task;
	snprintf(j->partition, sizeof(j->partition), "%s", s->partition ? s->partition : "");
	snprintf(j->time, sizeof(j->time), "%s", s->time ? s->time : "");
	j->poll_ms = s->poll_ms;
	if (!j->poll_ms && env && *env)
		j->poll_ms = atoi(env);
	if (j->poll_ms < RUN_SLURM_POLL_MS_MIN || j->poll_ms > 3600000)
		j->poll_ms = RUN_SLURM_POLL_MS_DEFAULT;
	if (slurm_sbatch(dir, &j->job_id, j->cluster, sizeof(j->cluster), err))
		return -1;
	/* after sbatch answered: a squeue asked later must list the job */
	j->submit_ms = run_now_ms();
	j->jobs[j->njobs++] = j->job_id;
	return slurm_json_write(dir, j, s->sbatch, err);
}
