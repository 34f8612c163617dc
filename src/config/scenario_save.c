/* scenario_save.c — struct scenario -> YAML text and file; copies, cleanup,
 * slider ranges and the built-in seed.
 *
 * Saving over a scenario file edits that file in place (scenario_edit.c), so
 * its comments, order and layout stay and only what changed is written.  A
 * new file (or one that cannot be edited in place) gets a minimal document:
 * the required keys and those that differ from their defaults, every string
 * double-quoted and escaped, every number written exactly by
 * budget_value_str.  Either text is loaded back before it is written: one
 * that would not load back the same is refused, so a saved file is always
 * one capdash can open.  Writes go through cd_write_atomic.  Start at
 * scenario_save().
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

/* Generated at build time from scenarios/seed-image-recognition.yaml
 * (mk/config.mk). */
extern const unsigned char scenario_seed_yaml_bytes[];
#define scenario_seed_yaml_text ((const char *)scenario_seed_yaml_bytes)

struct sbuf {
	char *p;
	size_t n, cap;
	bool failed;
};

static void sb_put(struct sbuf *b, const char *s, size_t len)
{
	if (b->failed)
		return;
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *p;

		while (cap < b->n + len + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, len);
	b->n += len;
	b->p[b->n] = '\0';
}

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof tmp) {
		b->failed = true;
		return;
	}
	sb_put(b, tmp, (size_t)k);
}

/* A YAML double-quoted string: always safe, whatever the text. */
static void sb_str(struct sbuf *b, const char *s)
{
	sb_put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};

			sb_put(b, esc, 2);
		} else if (c < 0x20 || c == 0x7f) {
			sb_printf(b, "\\x%02x", c);
		} else {
			sb_put(b, s, 1);
		}
	}
	sb_put(b, "\"", 1);
}

static const char *val(enum budget_unit u, int64_t v, char *buf, size_t size)
{
	return budget_value_str(u, v, buf, size);
}

/* Micro-dollars as dollars: the α unit is millionths too. */
static const char *micro(int64_t v, char *buf, size_t size)
{
	return budget_value_str(BUDGET_UNIT_ALPHA, v, buf, size);
}

static void render_sliders(struct sbuf *b, const struct scenario *sc)
{
	char lo[48], hi[48], st[48];
	bool any = false;

	for (int id = 0; id < BF__COUNT; id++) {
		const struct scenario_range *r = &sc->range[id];
		enum budget_unit u = budget_field_get((enum budget_field_id)id)->unit;

		if (!r->set)
			continue;
		if (!any)
			sb_printf(b, "\nsliders:\n");
		any = true;
		/* A step left out is the field's own. */
		if (r->step == budget_field_get((enum budget_field_id)id)->step)
			sb_printf(b, "  %s: {min: %s, max: %s}\n",
			          scenario_slider_path((enum budget_field_id)id),
			          val(u, r->min, lo, sizeof lo), val(u, r->max, hi, sizeof hi));
		else
			sb_printf(b, "  %s: {min: %s, max: %s, step: %s}\n",
			          scenario_slider_path((enum budget_field_id)id),
			          val(u, r->min, lo, sizeof lo), val(u, r->max, hi, sizeof hi),
			          val(u, r->step, st, sizeof st));
	}
}

/* A month key, left out at 0 (its default). */
static void render_month(struct sbuf *b, const char *key, int64_t month)
{
	if (month)
		sb_printf(b, "%s: %lld\n", key, (long long)month);
}

/* other_costs: one flow mapping a line, only what differs from the
 * defaults. */
static void render_costs(struct sbuf *b, const struct budget_input *in)
{
	char x[48];

	if (in->ncosts <= 0)
		return;
	sb_printf(b, "\nother_costs:\n");
	for (int i = 0; i < in->ncosts && i < BUDGET_MAX_COSTS; i++) {
		const struct budget_cost *o = &in->costs[i];

		sb_printf(b, "  - {name: ");
		sb_str(b, o->name);
		sb_printf(b, ", %s: %s", o->monthly ? "monthly" : "once",
		          val(BUDGET_UNIT_CENTS, o->amount, x, sizeof x));
		if (o->from)
			sb_printf(b, ", %s: %lld", o->monthly ? "from" : "month",
			          (long long)o->from);
		if (o->monthly && o->to)
			sb_printf(b, ", to: %lld", (long long)o->to);
		if (o->outside)
			sb_printf(b, ", allocation: outside");
		sb_printf(b, "}\n");
	}
}

static void render_run(struct sbuf *b, const struct scenario_run *run)
{
	char x[48];

	if (!run->present)
		return;
	sb_printf(b, "\nrun:\n  command: [");
	for (int i = 0; i < run->argc; i++) {
		if (i)
			sb_put(b, ", ", 2);
		sb_str(b, run->argv[i]);
	}
	sb_printf(b, "]\n");
	if (run->gpus_set)
		sb_printf(b, "  gpus: %s\n", val(BUDGET_UNIT_COUNT, run->gpus, x, sizeof x));
	if (run->total_steps_set)
		sb_printf(b, "  total_steps: %s\n",
		          val(BUDGET_UNIT_COUNT, run->total_steps, x, sizeof x));
	if (run->cost_set)
		sb_printf(b, "  cost_per_hour: %s\n", micro(run->cost_per_hour, x, sizeof x));
	if (run->rank)
		sb_printf(b, "  rank: %lld\n", (long long)run->rank);
	if (!run->slurm)
		return;
	sb_printf(b, "  on: slurm\n");
	if (run->nodes)
		sb_printf(b, "  nodes: %lld\n", (long long)run->nodes);
	if (run->gpus_per_node)
		sb_printf(b, "  gpus_per_node: %lld\n", (long long)run->gpus_per_node);
	if (run->cpus_per_task)
		sb_printf(b, "  cpus_per_task: %lld\n", (long long)run->cpus_per_task);
	if (run->partition[0]) {
		sb_printf(b, "  partition: ");
		sb_str(b, run->partition);
		sb_printf(b, "\n");
	}
	if (run->time[0]) {
		sb_printf(b, "  time: ");
		sb_str(b, run->time);
		sb_printf(b, "\n");
	}
	if (run->nsbatch) {
		sb_printf(b, "  sbatch: [");
		for (int i = 0; i < run->nsbatch; i++) {
			if (i)
				sb_put(b, ", ", 2);
			sb_str(b, run->sbatch[i]);
		}
		sb_printf(b, "]\n");
	}
}

char *scenario_to_yaml(const struct scenario *sc)
{
	const struct budget_input *in = &sc->in;
	struct sbuf b = {0};
	char x[48];

	/* Required keys always; the others only when they differ from the
	 * defaults scenario.c gives a file that leaves them out. */
	sb_printf(&b, "name: ");
	sb_str(&b, sc->name);
	if (strcmp(sc->currency, "USD")) {
		sb_printf(&b, "\ncurrency: ");
		sb_str(&b, sc->currency);
	}
	sb_printf(&b, "\n\ncompute:\n");
	sb_printf(&b, "  gpus: %s\n", val(BUDGET_UNIT_COUNT, in->gpus, x, sizeof x));
	sb_printf(&b, "  gpu_unit_cost: %s\n",
	          val(BUDGET_UNIT_CENTS, in->gpu_unit_cost, x, sizeof x));
	if (in->gpu_hourly_cost)
		sb_printf(&b, "  gpu_hourly_cost: %s\n",
		          val(BUDGET_UNIT_MICROS, in->gpu_hourly_cost, x, sizeof x));
	/* Given, the mode is the plan's; a scenario built without it that
	 * prices runs as bought says buy (the plan then buys too: the same C). */
	if (sc->mode_given || in->compute_mode == BUDGET_RENT)
		sb_printf(&b, "  mode: %s\n", in->compute_mode == BUDGET_RENT ? "rent" : "buy");
	else if (sc->burn.gpu_mode == SCENARIO_GPU_BUY)
		sb_printf(&b, "  mode: buy\n");
	render_month(&b, "  purchase_month", in->purchase_month);
	render_month(&b, "  rent_from", in->rent_from);
	render_month(&b, "  rent_to", in->rent_to);
	if (in->hours_per_month)
		sb_printf(&b, "  hours_per_month: %s\n",
		          val(BUDGET_UNIT_COUNT, in->hours_per_month, x, sizeof x));
	if (in->utilisation)
		sb_printf(&b, "  utilisation: %s\n",
		          val(BUDGET_UNIT_ALPHA, in->utilisation, x, sizeof x));
	if (sc->burn.amortization_hours != SCENARIO_AMORT_DEFAULT)
		sb_printf(&b, "  amortization_hours: %s\n",
		          val(BUDGET_UNIT_COUNT, sc->burn.amortization_hours, x, sizeof x));
	if (sc->burn.energy_cost_kwh != SCENARIO_ENERGY_DEFAULT)
		sb_printf(&b, "  energy_cost_kwh: %s\n",
		          micro(sc->burn.energy_cost_kwh, x, sizeof x));
	if (sc->burn.cpu_core_hourly_cost)
		sb_printf(&b, "  cpu_core_hourly_cost: %s\n",
		          micro(sc->burn.cpu_core_hourly_cost, x, sizeof x));
	if (in->scaling_efficiency != BUDGET_ALPHA_ONE)
		sb_printf(&b, "  scaling_efficiency: %s\n",
		          val(BUDGET_UNIT_ALPHA, in->scaling_efficiency, x, sizeof x));
	sb_printf(&b, "\ndata:\n  samples: %s\n", val(BUDGET_UNIT_COUNT, in->samples, x, sizeof x));
	sb_printf(&b, "  label_cost: %s\n", val(BUDGET_UNIT_MICROS, in->label_cost, x, sizeof x));
	if (in->data_spread) {
		sb_printf(&b, "  schedule: spread\n");
		render_month(&b, "  from", in->data_from);
		render_month(&b, "  to", in->data_to);
	} else {
		render_month(&b, "  month", in->data_from);
	}
	sb_printf(&b, "\npeople:\n  months: %s\n",
	          val(BUDGET_UNIT_MONTHS, in->months, x, sizeof x));
	sb_printf(&b, "  roles:%s\n", in->nroles > 0 ? "" : " []");
	for (int i = 0; i < in->nroles && i < BUDGET_MAX_ROLES; i++) {
		sb_printf(&b, "    - name: ");
		sb_str(&b, in->roles[i].name);
		sb_printf(&b, "\n      count: %s\n",
		          val(BUDGET_UNIT_COUNT, in->roles[i].count, x, sizeof x));
		sb_printf(&b, "      monthly_salary: %s\n",
		          val(BUDGET_UNIT_CENTS, in->roles[i].monthly_salary, x, sizeof x));
		render_month(&b, "      start_month", in->roles[i].start_month);
		render_month(&b, "      end_month", in->roles[i].end_month);
	}
	render_costs(&b, in);
	sb_printf(&b, "\ncapital:\n  alpha: %s\n", val(BUDGET_UNIT_ALPHA, in->alpha, x, sizeof x));
	if (in->fixed_costs)
		sb_printf(&b, "  fixed_costs: %s\n",
		          val(BUDGET_UNIT_CENTS, in->fixed_costs, x, sizeof x));
	if (in->raised_set)
		sb_printf(&b, "  raised: %s\n", val(BUDGET_UNIT_CENTS, in->raised, x, sizeof x));
	if (in->cash_at_start)
		sb_printf(&b, "  cash_at_start: %s\n",
		          val(BUDGET_UNIT_CENTS, in->cash_at_start, x, sizeof x));
	render_sliders(&b, sc);
	render_run(&b, &sc->run);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* Load text back as path would load; 0 when it gives sc (exact: same
 * true), else -1 with the first problem in err. */
static int check_text(const char *path, const char *text, const struct scenario *sc, bool exact,
                      struct cd_err *err)
{
	struct cd_errlist errs;
	struct scenario back;
	int rc = 0;

	cd_errlist_init(&errs);
	if (scenario_load_mem(path, text, strlen(text), &back, &errs) < 0) {
		if (errs.n)
			cd_err_set(err, errs.v[0].code ? errs.v[0].code : CD_ERR_RANGE, path, 0, 0,
			           _("not saved, the scenario is not valid: %s"), errs.v[0].msg);
		else
			cd_err_set(err, CD_ERR_RANGE, path, 0, 0,
			           _("not saved, the scenario is not valid"));
		rc = -1;
	} else if (exact && !scenario_equal(sc, &back)) {
		cd_err_set(err, CD_ERR_RANGE, path, 0, 0,
		           _("not saved, the text does not load back"));
		rc = -1;
	}
	if (rc == 0)
		scenario_done(&back);
	cd_errlist_done(&errs);
	return rc;
}

int scenario_save(const char *path, const struct scenario *sc, struct cd_err *err)
{
	struct cd_err e;
	char *base, *text = NULL;
	size_t len;
	int rc;

	/* Over an existing scenario file: edit it in place, keeping its
	 * comments, when the edited text loads back as exactly sc. */
	if (cd_read_file(path, SCENARIO_MAX_BYTES, &base, &len, &e) == 0) {
		text = scenario_edit_text(path, base, len, sc);
		free(base);
		if (text && check_text(path, text, sc, true, &e) < 0) {
			free(text);
			text = NULL;
		}
	}
	if (!text) {
		text = scenario_to_yaml(sc);
		if (!text)
			return cd_err_set(err, CD_ERR_NOMEM, path, 0, 0, _("out of memory"));
		/* Refuse to write what would not open again (a value out of
		 * range, a name that is not UTF-8): the old file stays. */
		if (check_text(path, text, sc, false, err) < 0) {
			free(text);
			return -1;
		}
	}
	rc = cd_write_atomic(path, text, strlen(text), err);
	free(text);
	return rc;
}

/* A NULL-terminated list of n strings, copied; *out NULL when src is. */
static int strv_dup(char *const *src, int n, char ***out)
{
	char **v;

	*out = NULL;
	if (!src)
		return 0;
	if (!(v = calloc((size_t)n + 1, sizeof *v)))
		return -1;
	for (int i = 0; i < n; i++) {
		v[i] = strdup(src[i]);
		if (!v[i]) {
			while (i-- > 0)
				free(v[i]);
			free(v);
			return -1;
		}
	}
	*out = v;
	return 0;
}

static void strv_free(char **v, int n)
{
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int scenario_copy(struct scenario *dst, const struct scenario *src)
{
	char **argv, **sbatch;

	if (strv_dup(src->run.argv, src->run.argc, &argv) < 0)
		return -1;
	if (strv_dup(src->run.sbatch, src->run.nsbatch, &sbatch) < 0) {
		strv_free(argv, src->run.argc);
		return -1;
	}
	if (dst != src)
		memcpy(dst, src, sizeof *dst);
	dst->run.argv = argv;
	dst->run.sbatch = sbatch;
	return 0;
}

void scenario_done(struct scenario *sc)
{
	if (!sc)
		return;
	strv_free(sc->run.argv, sc->run.argc);
	strv_free(sc->run.sbatch, sc->run.nsbatch);
	memset(sc, 0, sizeof *sc);
}

/* Whether k names something in (a role or cost line that is there). */
static bool scenario_key_exists(const struct budget_input *in, struct budget_key k)
{
	switch (k.id) {
	case BF_ROLE_COUNT:
	case BF_ROLE_SALARY:
	case BF_ROLE_START:
	case BF_ROLE_END:
		return k.role >= 0 && k.role < in->nroles;
	case BF_COST_AMOUNT:
	case BF_COST_FROM:
	case BF_COST_TO:
		return k.role >= 0 && k.role < in->ncosts;
	default:
		return (unsigned)k.id < BF__COUNT;
	}
}

struct scenario_range scenario_range_for(const struct scenario *sc, struct budget_key k)
{
	const struct budget_field *f = budget_field_get(k.id);
	struct scenario_range r = {false, 0, 0, 1};
	int64_t v;

	if (!f)
		return r;
	if (sc->range[k.id].set)
		return sc->range[k.id];
	r.min = f->slider_min;
	r.max = f->slider_max;
	r.step = f->step;
	/* A default range always shows the scenario's own value. */
	if (scenario_key_exists(&sc->in, k)) {
		v = budget_get(&sc->in, k);
		if (v > r.max && v <= f->max)
			r.max = v;
		if (v < r.min && v >= f->min)
			r.min = v;
	}
	return r;
}

const char *scenario_builtin_seed_yaml(void)
{
	return scenario_seed_yaml_text;
}

void scenario_builtin_seed(struct scenario *sc)
{
	const char *t = scenario_seed_yaml_text;

	/* The text is part of the binary and tested to load; the fallback only
	 * keeps a broken build from handing out an empty scenario. */
	if (scenario_load_mem("seed-image-recognition.yaml", t, strlen(t), sc, NULL) < 0) {
		memset(sc, 0, sizeof *sc);
		snprintf(sc->name, sizeof sc->name, "Seed: image recognition");
		snprintf(sc->currency, sizeof sc->currency, "USD");
		budget_seed_example(&sc->in);
		sc->burn.amortization_hours = SCENARIO_AMORT_DEFAULT;
		sc->burn.energy_cost_kwh = SCENARIO_ENERGY_DEFAULT;
	}
}
