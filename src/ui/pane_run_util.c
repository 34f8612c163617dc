/* pane_run_util.c — the training pane's pure helpers: splitting a typed
 * command into argv, the redraw cap, and how the pane's rows are shared.
 *
 * No curses calls, no I/O, no globals: tests/unit/test_ui_run.c drives these
 * directly.  Start at pane_run_split.
 */
#include "pane_run_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pane_run_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

char **pane_run_argv_dup(char *const *argv)
{
	size_t n = 0;
	char **out;

	while (argv[n])
		n++;
	if (!(out = calloc(n + 1, sizeof *out)))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(out[i] = strdup(argv[i]))) {
			pane_run_argv_free(out);
			return NULL;
		}
	return out;
}

static int fail(char **argv, char *word, char *why, size_t size, const char *msg)
{
	free(word);
	pane_run_argv_free(argv);
	snprintf(why, size, "%s", msg);
	return -1;
}

int pane_run_split(const char *line, char ***out, char *why, size_t size)
{
	size_t len = strlen(line), n = 0, cap = 8;
	char **argv = calloc(cap + 1, sizeof *argv), *word;
	const char *s = line;

	*out = NULL;
	if (!argv)
		return fail(NULL, NULL, why, size, "out of memory");
	/* a word is never longer than the line, so one buffer per word suffices */
	for (;;) {
		size_t wl = 0;
		bool have = false;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (!(word = malloc(len + 1)))
			return fail(argv, NULL, why, size, "out of memory");
		while (*s && *s != ' ' && *s != '\t') {
			have = true;
			if (*s == '\'') {
				const char *e = strchr(s + 1, '\'');

				if (!e)
					return fail(argv, word, why, size, "unterminated ' quote");
				memcpy(word + wl, s + 1, (size_t)(e - s - 1));
				wl += (size_t)(e - s - 1);
				s = e + 1;
			} else if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
						s++;
					word[wl++] = *s;
				}
				if (*s != '"')
					return fail(argv, word, why, size, "unterminated \" quote");
				s++;
			} else if (*s == '\\' && s[1]) {
				word[wl++] = s[1];
				s += 2;
			} else {
				word[wl++] = *s++;
			}
		}
		word[wl] = 0;
		if (!have) {
			free(word);
			continue;
		}
		if (n == cap) {
			char **nv = realloc(argv, (2 * cap + 1) * sizeof *argv);

			if (!nv)
				return fail(argv, word, why, size, "out of memory");
			argv = nv;
			cap *= 2;
		}
		argv[n++] = word;
		argv[n] = NULL;
	}
	if (n == 0)
		return fail(argv, NULL, why, size, "no command");
	*out = argv;
	return (int)n;
}

/* A whole number from lo to hi, or -1. */
static long opt_num(const char *s, long lo, long hi)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > hi)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

int pane_run_opts(char *const *argv, struct pane_run_opts *o, char *why, size_t size)
{
	static const struct {
		const char *name;
		long lo, hi; /* numbers; hi 0: text */
	} opts[] = {
	        {"--on", 0, 0},
	        {"--nodes", 1, 100000},
	        {"--gpus-per-node", 0, 1024},
	        {"--cpus-per-task", 1, 100000},
	        {"--partition", 0, 0},
	        {"--time", 0, 0},
	        {"--sbatch", 0, 0},
	        {"--rank", 0, RUN_RANK_MAX},
	};
	int i = 0, nsb = 0;

	memset(o, 0, sizeof *o);
	o->on = o->rank = -1;
	for (; argv[i]; i++) {
		const char *a = argv[i], *eq = strchr(a, '='), *val;
		size_t n = eq ? (size_t)(eq - a) : strlen(a);
		size_t k;
		long num = 0;

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		for (k = 0; k < sizeof opts / sizeof opts[0]; k++)
			if (strlen(opts[k].name) == n && !strncmp(a, opts[k].name, n))
				break;
		if (k == sizeof opts / sizeof opts[0])
			break; /* the command */
		val = eq ? eq + 1 : argv[i + 1];
		if (!val) {
			snprintf(why, size, "%s: expected a value", opts[k].name);
			return -1;
		}
		if (!eq)
			i++;
		if (opts[k].hi && (num = opt_num(val, opts[k].lo, opts[k].hi)) < 0) {
			snprintf(why, size,
			         "%s: expected a whole number from %ld to %ld, got \"%.40s\"",
			         opts[k].name, opts[k].lo, opts[k].hi, val);
			return -1;
		}
		switch (k) {
		case 0:
			if (strcmp(val, "slurm") && strcmp(val, "local")) {
				snprintf(why, size, "--on: expected slurm or local, got \"%.40s\"",
				         val);
				return -1;
			}
			o->on = !strcmp(val, "slurm");
			continue;
		case 7:
			o->rank = (int)num;
			continue;
		case 1:
			o->slurm.nodes = (int)num;
			break;
		case 2:
			o->slurm.gpus_per_node = (int)num;
			break;
		case 3:
			o->slurm.cpus_per_task = (int)num;
			break;
		case 4:
			o->slurm.partition = val;
			break;
		case 5:
			o->slurm.time = val;
			break;
		default:
			if (nsb == PANE_RUN_SBATCH_MAX) {
				snprintf(why, size, "--sbatch: at most %d of them",
				         PANE_RUN_SBATCH_MAX);
				return -1;
			}
			o->sbatch[nsb++] = val;
			o->slurm.sbatch = o->sbatch;
			break;
		}
		o->slurm_opts = true;
	}
	o->slurm.on = o->on == 1;
	if (!argv[i]) {
		snprintf(why, size, "no command after the options");
		return -1;
	}
	o->cmd = i;
	return 0;
}

int pane_run_merge(const struct scenario_run *sc, const struct pane_run_opts *typed,
                   struct run_slurm_spec *slurm, int *rank, char *why, size_t size)
{
	const struct run_slurm_spec *t = typed ? &typed->slurm : NULL;

	memset(slurm, 0, sizeof *slurm);
	*rank = 0;
	if (sc->present) {
		slurm->on = sc->slurm;
		slurm->nodes = (int)sc->nodes;
		slurm->gpus_per_node = (int)sc->gpus_per_node;
		slurm->cpus_per_task = (int)sc->cpus_per_task;
		slurm->partition = sc->partition[0] ? sc->partition : NULL;
		slurm->time = sc->time[0] ? sc->time : NULL;
		slurm->sbatch = (const char *const *)sc->sbatch;
		*rank = (int)sc->rank;
	}
	if (!typed)
		return 0;
	if (typed->on >= 0)
		slurm->on = typed->on == 1;
	if (t->nodes)
		slurm->nodes = t->nodes;
	if (t->gpus_per_node)
		slurm->gpus_per_node = t->gpus_per_node;
	if (t->cpus_per_task)
		slurm->cpus_per_task = t->cpus_per_task;
	if (t->partition)
		slurm->partition = t->partition;
	if (t->time)
		slurm->time = t->time;
	if (t->sbatch)
		slurm->sbatch = t->sbatch;
	if (typed->rank >= 0)
		*rank = typed->rank;
	if (typed->slurm_opts && !slurm->on) {
		snprintf(why, size,
		         "--nodes, --gpus-per-node, --cpus-per-task, --partition, --time and "
		         "--sbatch go with --on slurm");
		return -1;
	}
	return 0;
}

int pane_run_cap_wait(int64_t now_ms, int64_t last_ms, int hz)
{
	int64_t period = 1000 / (hz > 0 ? hz : 10), since = now_ms - last_ms;

	if (period < 1)
		period = 1;
	if (last_ms <= 0 || since >= period || since < 0)
		return 0;
	return (int)(period - since);
}

int pane_run_wrap(const char *s, int width, size_t *off, size_t *len, int max)
{
	size_t i = 0;
	int n = 0;

	if (width < 1)
		return 0;
	while (s[i] == ' ')
		i++;
	while (s[i] && n < max) {
		size_t j = i, brk = 0;
		int cells = 0;

		/* walk width cells; remember the last blank */
		while (s[j]) {
			int c;
			size_t step = uw_next(s + j, &c);

			if (cells + c > width && cells > 0)
				break;
			if (s[j] == ' ')
				brk = j;
			j += step;
			cells += c;
		}
		/* Chinese has no blanks: a row may end beside any wide character */
		if (s[j] && s[j] != ' ' && !uw_wide(s + j) && !(j >= 3 && uw_wide(s + j - 3)) &&
		    brk > i)
			j = brk; /* end at the last blank, the word goes on the next row */
		off[n] = i;
		len[n] = j - i;
		while (len[n] > 0 && s[i + len[n] - 1] == ' ')
			len[n]--;
		n++;
		i = j;
		while (s[i] == ' ')
			i++;
	}
	return n;
}

void pane_run_rows(int h, int ngauges, bool offer, struct pane_run_rows *r)
{
	int y = 0, left;
	bool has_cmd = h >= 3, has_money = h >= 4, has_sum = h >= 5, has_basis = h >= 6;
	bool has_offer = offer && h >= 7;

	memset(r, 0, sizeof *r);
	r->status = r->cmd = r->money = r->basis = r->offer = r->summary = r->legend = -1;
	if (h <= 0)
		return;
	r->status = y++;
	if (has_cmd)
		r->cmd = y++;
	if (has_money)
		r->money = y++;
	if (has_basis)
		r->basis = y++;
	if (has_offer)
		r->offer = y++;
	if (has_sum)
		r->summary = y++;
	left = h - y;
	/* the chart first needs 3 rows plus its axis; its legend, gauges and
	 * the output tail only come once the chart has room to be read */
	if (left >= 4) {
		int g = ngauges < 1 ? 1 : ngauges, tail = 0, legend = left >= 6;

		if (left >= 4 + legend + g + 1 + 2)
			r->gauge_n = g;
		else if (left >= 4 + legend + 1 + 1)
			r->gauge_n = 1;
		if (left >= 12 + r->gauge_n)
			tail = (left - r->gauge_n) / 3;
		if (tail > PANE_RUN_TAIL_MAX)
			tail = PANE_RUN_TAIL_MAX;
		r->chart_y = y;
		r->chart_h = left - 1 - legend - r->gauge_n - (r->gauge_n ? 1 : 0) -
		             (tail ? tail + 1 : 0);
		y += r->chart_h + 1;
		if (legend)
			r->legend = y++;
		if (r->gauge_n) {
			r->gauge_y = y + 1;
			y += 1 + r->gauge_n;
		}
		if (tail) {
			r->tail_y = y + 1;
			r->tail_n = tail;
		}
	}
}
