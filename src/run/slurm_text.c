/* slurm_text.c — Slurm's words and command output as data: the job states
 * and what they mean for a run, durations ("1-02:00:00"), timestamps,
 * host lists ("gpu[01-04]"), GPU counts in GRES/TRES text, and the output
 * of squeue, scontrol show job, sacct and sbatch --parsable.
 *
 * Pure: no I/O, no processes, no allocation.  Text comes from Slurm 22.05
 * (Debian 12) and later; unknown keys and states are passed over.  The
 * tests feed it text captured from a real cluster (tests/unit/test_slurm.c).
 * Start at slurm_parse_scontrol() and slurm_parse_squeue().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capdash/common.h"

bool run_slurm_final(const char *state)
{
	static const char *const fin[] = {
	        "COMPLETED", "FAILED",   "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL",
	        "BOOT_FAIL", "DEADLINE", "PREEMPTED", "REVOKED", "SPECIAL_EXIT",
	};
	for (size_t i = 0; i < CD_ARRAY_LEN(fin); i++)
		if (!strcmp(state, fin[i]))
			return true;
	return false;
}

enum run_state run_slurm_run_state(const char *state, const char *reason)
{
	if (!strcmp(state, "PENDING") || !strcmp(state, "REQUEUED") ||
	    !strcmp(state, "REQUEUE_HOLD") || !strcmp(state, "REQUEUE_FED") ||
	    !strcmp(state, "RESV_DEL_HOLD"))
		/* a held job is paused the way a pending one can be */
		return reason && !strncmp(reason, "JobHeld", 7) ? RUN_PAUSED : RUN_PENDING;
	if (!strcmp(state, "SUSPENDED") || !strcmp(state, "STOPPED"))
		return RUN_PAUSED;
	if (!strcmp(state, "COMPLETED"))
		return RUN_FINISHED;
	if (!strcmp(state, "CANCELLED"))
		return RUN_STOPPED;
	if (run_slurm_final(state))
		return RUN_FAILED;
	return RUN_RUNNING; /* RUNNING, CONFIGURING, COMPLETING, SIGNALING, STAGE_OUT */
}

/* A whole number of at most 9 digits at *p; -1 when there is none. */
static long digits(const char **p)
{
	long v = 0;
	int n = 0;

	while (isdigit((unsigned char)**p) && n < 9) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n && !isdigit((unsigned char)**p) ? v : -1;
}

int slurm_parse_duration(const char *s, int64_t *ms)
{
	const char *p = s;
	long f[3], days = 0, v;
	int n = 0;
	bool has_days = false;

	*ms = 0;
	if (!strcmp(s, "UNLIMITED") || !strcmp(s, "INFINITE") || !strcmp(s, "Partition_Limit") ||
	    !strcmp(s, "NOT_SET") || !strcmp(s, "N/A"))
		return 0;
	if ((v = digits(&p)) < 0)
		return -1;
	if (*p == '-') {
		has_days = true;
		days = v;
		p++;
		if ((v = digits(&p)) < 0)
			return -1;
	}
	f[n++] = v;
	while (*p == ':' && n < 3) {
		p++;
		if ((v = digits(&p)) < 0)
			return -1;
		f[n++] = v;
	}
	if (*p)
		return -1;
	/* Slurm: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S */
	if (has_days)
		*ms = ((int64_t)days * 86400 + (int64_t)f[0] * 3600 + (n > 1 ? f[1] * 60 : 0) +
		       (n > 2 ? f[2] : 0)) *
		      1000;
	else if (n == 1)
		*ms = (int64_t)f[0] * 60000;
	else if (n == 2)
		*ms = ((int64_t)f[0] * 60 + f[1]) * 1000;
	else
		*ms = ((int64_t)f[0] * 3600 + (int64_t)f[1] * 60 + f[2]) * 1000;
	return 0;
}

int slurm_parse_time(const char *s, int64_t *ms)
{
	struct tm tm;
	const char *end;
	time_t t;

	*ms = 0;
	if (!s[0] || !strcmp(s, "Unknown") || !strcmp(s, "N/A") || !strcmp(s, "None") ||
	    !strcmp(s, "(null)"))
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end || *end)
		return -1;
	tm.tm_isdst = -1; /* Slurm prints local time */
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*ms = (int64_t)t * 1000;
	return 0;
}

int slurm_hostlist_count(const char *list)
{
	/* more hosts than any cluster has means the text is not a host list */
	const int64_t max = 10000000;
	int64_t total = 0;
	const char *p = list;

	if (!list[0] || !strcmp(list, "(null)") || !strcmp(list, "None"))
		return 0;
	while (*p) {
		int64_t mult = 1;
		/* one host name, possibly with one or more [ranges] */
		while (*p && *p != ',') {
			if (*p == '[') {
				int64_t n = 0;
				p++;
				while (*p && *p != ']') {
					long a = digits(&p), b;
					if (a < 0)
						return -1;
					b = a;
					if (*p == '-') {
						p++;
						if ((b = digits(&p)) < 0 || b < a)
							return -1;
					}
					n += b - a + 1;
					if (n > max)
						return -1;
					if (*p == ',')
						p++;
					else if (*p != ']')
						return -1;
				}
				if (*p != ']')
					return -1;
				mult *= n;
				if (mult > max)
					return -1;
			}
			p++;
		}
		total += mult;
		if (total > max)
			return -1;
		if (*p == ',')
			p++;
	}
	return (int)total;
}

int64_t slurm_gres_gpus(const char *gres)
{
	int64_t total = 0;
	const char *p = gres;

	/* "gpu:2(IDX:0-1)", "gpu:a100:2(IDX:0,2)", "gres:gpu:2", "gres/gpu:2",
	 * "gres/gpu=2", "gres/gpu:a100=2", "gpu" (one), several joined by ','
	 * (a ',' inside "(IDX:0,2)" is not a separator) */
	while (*p) {
		char item[128], *q, *last;
		size_t n = 0;
		int depth = 0;
		long long v;
		char *e;

		while (p[n] && (depth || p[n] != ',')) {
			depth += p[n] == '(' ? 1 : p[n] == ')' ? -1 : 0;
			n++;
		}
		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		p += n;
		if (*p == ',')
			p++;
		*strchrnul(item, '(') = '\0';
		q = item;
		if (!strncmp(q, "gres:", 5) || !strncmp(q, "gres/", 5))
			q += 5;
		if (strncmp(q, "gpu", 3) || (q[3] && q[3] != ':' && q[3] != '='))
			continue;
		last = strrchr(q, ':');
		if (strrchr(q, '=') > last)
			last = strrchr(q, '=');
		if (!last) {
			total += 1;
			continue;
		}
		errno = 0;
		v = strtoll(last + 1, &e, 10);
		if (e == last + 1 || *e || errno || v < 0 || v > BURN_GPUS_MAX)
			total += 1; /* "gpu:a100": a type named, one of it */
		else
			total += v;
	}
	return total;
}

/* A partition without a limit shows its "infinite" as 365 days. */
static int64_t limit_of(int64_t ms)
{
	return ms >= INT64_C(365) * 86400 * 1000 ? 0 : ms;
}

/* Copy src into dst of size, "..." at the end when it is cut. */
static void put_text(char *dst, size_t size, const char *src, size_t n)
{
	if (n < size) {
		memcpy(dst, src, n);
		dst[n] = '\0';
	} else {
		memcpy(dst, src, size - 4);
		memcpy(dst + size - 4, "...", 4);
	}
}

static void put_reason(char *dst, size_t size, const char *src, size_t n)
{
	if ((n == 4 && !memcmp(src, "None", 4)) || (n == 6 && !memcmp(src, "(null)", 6)))
		n = 0;
	put_text(dst, size, src, n);
}

static void put_nodes(struct run_slurm_state *o, const char *src, size_t n)
{
	char tmp[4096];

	if ((n == 6 && !memcmp(src, "(null)", 6)) || (n == 4 && !memcmp(src, "None", 4)) ||
	    (n == 3 && !memcmp(src, "N/A", 3)))
		n = 0;
	put_text(o->nodes, sizeof(o->nodes), src, n);
	snprintf(tmp, sizeof(tmp), "%.*s", (int)n, src);
	if (n && !o->nnodes) {
		int c = slurm_hostlist_count(tmp);
		o->nnodes = c > 0 ? c : 0;
	}
}

/* "3:0" → 3 and 0. */
static void exit_pair(const char *s, struct run_slurm_state *o)
{
	char *e;

	o->exit_code = (int)strtol(s, &e, 10);
	o->exit_signal = *e == ':' ? (int)strtol(e + 1, NULL, 10) : 0;
}

/* Slurm's state may carry more words: "CANCELLED by 1000", "CANCELLED+". */
static void put_state(struct run_slurm_state *o, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (isupper((unsigned char)s[k]) || s[k] == '_'))
		k++;
	put_text(o->state, sizeof(o->state), s, k);
}

/* Field i (0-based) of a '|'-separated line [line, end): its start and length. */
static bool field(const char *line, const char *end, int i, const char **f, size_t *n)
{
	const char *p = line;

	for (int k = 0; k < i; k++) {
		p = memchr(p, '|', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	*f = p;
	*n = strcspn(p, "|\n");
	if (p + *n > end)
		*n = (size_t)(end - p);
	return true;
}

static int64_t field_time(const char *f, size_t n)
{
	char b[64];
	int64_t ms;

	snprintf(b, sizeof(b), "%.*s", (int)n, f);
	return slurm_parse_time(b, &ms) ? 0 : ms;
}

static int64_t field_i64(const char *f, size_t n)
{
	char b[32];

	snprintf(b, sizeof(b), "%.*s", (int)n, f);
	return strtoll(b, NULL, 10);
}

/* Find the line of job_id in text whose lines start with "ID|".  Returns
 * the line's start and sets *end, or NULL. */
static const char *find_job_line(const char *text, int64_t job_id, const char **end)
{
	char id[32];
	int k = snprintf(id, sizeof(id), "%lld|", (long long)job_id);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, id, (size_t)k)) {
			*end = strchrnul(p, '\n');
			return p;
		}
	}
	return NULL;
}

int slurm_parse_squeue(const char *text, int64_t job_id, struct run_slurm_state *o)
{
	const char *line, *end, *f;
	size_t n;
	char b[128];

	if (!(line = find_job_line(text, job_id, &end)))
		return 0;
	/* SLURM_SQUEUE_FORMAT: %i|%T|%r|%N|%D|%C|%V|%S|%e|%l|%b */
	if (field(line, end, 1, &f, &n))
		put_state(o, f, n);
	if (field(line, end, 2, &f, &n))
		put_reason(o->reason, sizeof(o->reason), f, n);
	if (field(line, end, 4, &f, &n))
		o->nnodes = (int)field_i64(f, n);
	if (field(line, end, 3, &f, &n))
		put_nodes(o, f, n);
	if (field(line, end, 5, &f, &n) && o->cpus < 0)
		o->cpus = field_i64(f, n);
	if (field(line, end, 6, &f, &n))
		o->submit_ms = field_time(f, n);
	/* a pending job's StartTime is only Slurm's guess */
	if (field(line, end, 7, &f, &n) && run_slurm_run_state(o->state, NULL) != RUN_PENDING &&
	    strcmp(o->state, "PENDING"))
		o->start_ms = field_time(f, n);
	if (field(line, end, 8, &f, &n) && run_slurm_final(o->state))
		o->end_ms = field_time(f, n);
	if (field(line, end, 9, &f, &n)) {
		int64_t ms;
		snprintf(b, sizeof(b), "%.*s", (int)n, f);
		if (slurm_parse_duration(b, &ms) == 0)
			o->time_limit_ms = limit_of(ms);
	}
	if (field(line, end, 10, &f, &n) && o->gpus < 0) {
		snprintf(b, sizeof(b), "%.*s", (int)n, f);
		if (strstr(b, "gpu"))
			o->gpus = slurm_gres_gpus(b) * (o->nnodes > 0 ? o->nnodes : 1);
	}
	return 1;
}

/* The value of key on [p, end) ("Key=value ..."), matched as a whole
 * word. */
static bool kv(const char *p, const char *end, const char *key, const char **v, size_t *n)
{
	size_t kl = strlen(key);

	for (const char *q = p; q + kl < end; q++) {
		if ((q == p || isspace((unsigned char)q[-1])) && !strncmp(q, key, kl) &&
		    q[kl] == '=') {
			*v = q + kl + 1;
			*n = 0;
			while (*v + *n < end && !isspace((unsigned char)(*v)[*n]))
				(*n)++;
			return true;
		}
	}
	return false;
}

int slurm_parse_scontrol(const char *text, struct run_slurm_state *o)
{
	const char *end = text + strlen(text), *v;
	size_t n;
	char b[4096];
	int64_t ms, node_gpus = 0, tres_gpus = -1;
	bool node_lines = false;

	if (!kv(text, end, "JobId", &v, &n))
		return -1;
	o->job_id = field_i64(v, n);
	if (kv(text, end, "JobState", &v, &n))
		put_state(o, v, n);
	if (kv(text, end, "Reason", &v, &n))
		put_reason(o->reason, sizeof(o->reason), v, n);
	if (kv(text, end, "ExitCode", &v, &n)) {
		snprintf(b, sizeof(b), "%.*s", (int)n, v);
		exit_pair(b, o);
	}
	if (kv(text, end, "NumNodes", &v, &n))
		o->nnodes = (int)field_i64(v, n);
	if (kv(text, end, "NodeList", &v, &n))
		put_nodes(o, v, n);
	if (kv(text, end, "NumCPUs", &v, &n))
		o->cpus = field_i64(v, n);
	if (kv(text, end, "SubmitTime", &v, &n))
		o->submit_ms = field_time(v, n);
	if (kv(text, end, "StartTime", &v, &n) && strcmp(o->state, "PENDING"))
		o->start_ms = field_time(v, n);
	if (kv(text, end, "EndTime", &v, &n) && run_slurm_final(o->state))
		o->end_ms = field_time(v, n);
	if (kv(text, end, "TimeLimit", &v, &n)) {
		snprintf(b, sizeof(b), "%.*s", (int)n, v);
		if (slurm_parse_duration(b, &ms) == 0)
			o->time_limit_ms = limit_of(ms);
	}
	/* GPUs: the per-node allocation lines of -d ("Nodes=n[1-2] ...
	 * GRES=gpu:2(IDX:0-1)") say what each node holds; else the TRES the
	 * job was given (gres/gpu=N, only with AccountingStorageTRES); else
	 * what it asked for per node. */
	for (const char *line = text; *line;) {
		const char *le = strchrnul(line, '\n'), *nv, *gv;
		size_t nn, gn;
		/* after the end the lines stay with an empty GRES= */
		if (kv(line, le, "Nodes", &nv, &nn) && kv(line, le, "GRES", &gv, &gn) && gn &&
		    strncmp(gv, "(null)", 6)) {
			char nodes[1024], gres[256];
			int c;
			snprintf(nodes, sizeof(nodes), "%.*s", (int)nn, nv);
			snprintf(gres, sizeof(gres), "%.*s", (int)gn, gv);
			c = slurm_hostlist_count(nodes);
			node_gpus += slurm_gres_gpus(gres) * (c > 0 ? c : 1);
			node_lines = true;
		}
		line = *le ? le + 1 : le;
	}
	if (kv(text, end, "AllocTRES", &v, &n) || kv(text, end, "TRES", &v, &n)) {
		snprintf(b, sizeof(b), "%.*s", (int)n, v);
		for (char *t = strtok(b, ","); t; t = strtok(NULL, ","))
			if (!strncmp(t, "gres/gpu=", 9) || !strncmp(t, "gres/gpu:", 9)) {
				if (!strncmp(t, "gres/gpu=", 9)) /* the untyped total */
					tres_gpus = strtoll(t + 9, NULL, 10);
			}
	}
	if (node_lines)
		o->gpus = node_gpus;
	else if (tres_gpus >= 0)
		o->gpus = tres_gpus;
	else if (kv(text, end, "TresPerNode", &v, &n)) {
		snprintf(b, sizeof(b), "%.*s", (int)n, v);
		o->gpus = slurm_gres_gpus(b) * (o->nnodes > 0 ? o->nnodes : 1);
	} else if (o->gpus < 0)
		o->gpus = 0;
	return 0;
}

int slurm_parse_sacct(const char *text, int64_t job_id, struct run_slurm_state *o)
{
	const char *line, *end, *f;
	size_t n;
	char b[64];

	/* sacct -n -P -X -o JobID,State,ExitCode,Start,End,NodeList */
	if (!(line = find_job_line(text, job_id, &end)))
		return 0;
	if (field(line, end, 1, &f, &n))
		put_state(o, f, n);
	if (field(line, end, 2, &f, &n)) {
		snprintf(b, sizeof(b), "%.*s", (int)n, f);
		exit_pair(b, o);
	}
	if (field(line, end, 3, &f, &n))
		o->start_ms = field_time(f, n);
	if (field(line, end, 4, &f, &n))
		o->end_ms = field_time(f, n);
	if (field(line, end, 5, &f, &n))
		put_nodes(o, f, n);
	return 1;
}

int slurm_parse_sbatch(const char *out, int64_t *job_id, char *cluster, size_t size)
{
	const char *p = out;
	long long id;
	char *e;

	while (isspace((unsigned char)*p))
		p++;
	errno = 0;
	id = strtoll(p, &e, 10);
	if (e == p || errno || id <= 0)
		return -1;
	*job_id = id;
	cluster[0] = '\0';
	if (*e == ';') {
		size_t n = strcspn(e + 1, " \t\r\n");
		put_text(cluster, size, e + 1, n);
	}
	return 0;
}

/* ---- checking the options ---- */

static bool clean_text(const char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '"' || (unsigned char)*s < 0x20)
			return false;
	return true;
}

int run_slurm_check(const struct run_slurm_spec *s, struct cd_err *err)
{
	int64_t ms;

	if (s->nodes < 0 || s->nodes > 100000)
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("--nodes: expected a whole number from 1 to 100000, got %d"),
		                  s->nodes);
	if (s->gpus_per_node < 0 || s->gpus_per_node > 1024)
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("--gpus-per-node: expected a whole number from 0 to 1024, got %d"),
		        s->gpus_per_node);
	if (s->cpus_per_task < 0 || s->cpus_per_task > 100000)
		return cd_err_set(
		        err, CD_ERR_RANGE, NULL, 0, 0,
		        _("--cpus-per-task: expected a whole number from 1 to 100000, got %d"),
		        s->cpus_per_task);
	if (s->poll_ms && (s->poll_ms < RUN_SLURM_POLL_MS_MIN || s->poll_ms > 3600000))
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("poll: expected %d ms to 1 hour, got %d ms"),
		                  RUN_SLURM_POLL_MS_MIN, s->poll_ms);
	if (s->time && (slurm_parse_duration(s->time, &ms) || !strcmp(s->time, "N/A")))
		return cd_err_set(err, CD_ERR_SYNTAX, NULL, 0, 0,
		                  _("--time: expected minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S or "
		                    "UNLIMITED, got \"%s\""),
		                  s->time);
	if (s->partition &&
	    (!s->partition[0] || !clean_text(s->partition) || strpbrk(s->partition, " \t'\\")))
		return cd_err_set(err, CD_ERR_SYNTAX, NULL, 0, 0,
		                  _("--partition: expected a partition name, got \"%s\""),
		                  s->partition);
	for (int i = 0; s->sbatch && s->sbatch[i]; i++)
		if (s->sbatch[i][0] != '-' || !clean_text(s->sbatch[i]))
			return cd_err_set(err, CD_ERR_SYNTAX, NULL, 0, 0,
			                  _("--sbatch: expected an sbatch option such as "
			                    "--qos=high (one line, no '\"'), got \"%s\""),
			                  s->sbatch[i]);
	return 0;
}
