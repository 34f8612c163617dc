/* cmd_forecast.c — `capdash forecast`: the plan meets the run.  At the speed
 * a run measures now, how long does training the plan's data take on the
 * plan's GPUs, what does that GPU time cost to rent, and after how many
 * hours would renting have cost as much as buying (C)?
 *
 * The run is read by run_measure_read (only the tail of its metrics.jsonl);
 * every figure comes from the model's forecast_eval; this file parses the
 * options, says where each input came from, and prints text, JSON (schema 1,
 * documented in capdash(1)) or Markdown.  No money arithmetic here, and no
 * exit.  Start at cmd_forecast().
 */
#include "cli.h"
#include "capdash/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/forecast.h"
#include "capdash/run.h"

static const char forecast_help[] =
        N_("Usage: capdash forecast [FILE] [OPTION]...\n"
           "Turn a run's measured speed into the plan's training time and rent: the\n"
           "median throughput of the run's last 20 progress points, per device, scaled\n"
           "to the plan's compute.gpus and compute.scaling_efficiency, applied to\n"
           "data.samples x epochs; then the GPU-hours, their rent at\n"
           "compute.gpu_hourly_cost, the plan's compute C, and the break-even: the\n"
           "hours of renting compute.gpus GPUs that cost as much as buying them.\n"
           "FILE is a scenario (capdash-scenario(5)); without one, the built-in seed\n"
           "example; '-' reads standard input.  Only the end of the run's\n"
           "metrics.jsonl is read, however long it is.\n"
           "\n"
           "  -r, --run RUN         the run: an id, a unique part of one, or a run\n"
           "                        directory (default: the newest run)\n"
           "  -e, --epochs N        passes over the data (default: the epochs the run\n"
           "                        reported, else 1)\n"
           "  -b, --batch N         samples per step, for a run that reports it/s\n"
           "      --run-devices N   devices the run measured on (default: the GPUs in\n"
           "                        its telemetry; a CPU run counts as 1 device)\n"
           "  -s, --set KEY=VALUE   change one scenario input first (repeatable), as\n"
           "                        in calc: gpus=10, gpu_hourly_cost=2.49, samples=1e6\n"
           "  -f, --format FORMAT   text (default), json or markdown\n"
           "  -h, --help            show this help\n"
           "\n"
           "Throughput in samples/s is matched against data.samples; tok/s reads\n"
           "data.samples as tokens; it/s needs --batch.  Scaling efficiency 1 (the\n"
           "default) is linear scaling: twice the GPUs, half the time.\n"
           "\n"
           "Examples:\n"
           "  capdash forecast --epochs 10 --set gpu_hourly_cost=2.49\n"
           "  capdash forecast plan.yaml --run -mnist --format json\n"
           "\n"
           "Exit status: 0 ok, 1 the run has too few points with a throughput (3 are\n"
           "needed) or none with a unit, 2 usage error (a bad option or --set, it/s\n"
           "without --batch), 65 bad scenario file or a plan that cannot train (no\n"
           "GPUs), 66 the file or the run could not be found or read.\n");

/* Where a count came from, for the text's third column. */
struct fc_opts {
	struct cli_view_opts v;
	const char *run;
	int64_t epochs, batch, devices; /* 0: not given */
};

struct fc_ctx {
	const struct scenario *sc;
	const char *path;
	char run_id[RUN_ID_MAX];
	char run_state[48];
	const struct run_measure *m;
	const struct fc_opts *o;
	struct forecast_input in;
	struct forecast_result r;
};

/* A count option: the same number syntax as --set (1,000, 1e3, 10k). */
static int count_opt(const char *arg, const char *name, int64_t max, int64_t *out, FILE *err)
{
	struct cd_err e;
	char hi[32];

	if (budget_value_parse(arg, BUDGET_UNIT_COUNT, out, &e) < 0)
		return cli_usage_error(err, "forecast", _("%s: %s"), name, e.msg);
	if (*out < 1 || *out > max)
		return cli_usage_error(err, "forecast",
		                       _("%s: expected a whole number from 1 to %s, got %s"), name,
		                       count_format(max, hi, sizeof hi), arg);
	return 0;
}

static int parse_opts(struct fc_opts *o, int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option longopts[] = {
	        {"run", required_argument, NULL, 'r'},
	        {"epochs", required_argument, NULL, 'e'},
	        {"batch", required_argument, NULL, 'b'},
	        {"run-devices", required_argument, NULL, 'D'},
	        {"set", required_argument, NULL, 's'},
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c, status;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:e:b:s:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(forecast_help), ctx->out);
			return cli_finish_output(ctx->out, ctx->err, CD_EXIT_OK);
		case 'r':
			o->run = optarg;
			continue;
		case 'e':
			status = count_opt(optarg, "--epochs", FORECAST_EPOCHS_MAX, &o->epochs,
			                   ctx->err);
			break;
		case 'b':
			status = count_opt(optarg, "--batch", FORECAST_BATCH_MAX, &o->batch,
			                   ctx->err);
			break;
		case 'D':
			status = count_opt(optarg, "--run-devices", FORECAST_DEVICES_MAX,
			                   &o->devices, ctx->err);
			break;
		case 's':
		case 'f':
			status = cli_view_opt(&o->v, c, optarg, "forecast", ctx->err);
			break;
		default:
			return cli_option_error(ctx->err, "forecast", c, argv, longopts);
		}
		if (status)
			return status;
	}
	return -1;
}

/* A speed or a time for people: "1,000", "12.5", "0.0417"; whole numbers
 * from 100 up, three significant digits below. */
static char *num_text(double x, char *buf, size_t size)
{
	if (x >= 100 && x < 9e18)
		return count_format(llround(x), buf, size);
	snprintf(buf, size, "%.3g", x);
	return buf;
}

/* Hours with three decimals and thousands separators ("1.389",
 * "1,234.500"); three significant digits below one ("0.00266"). */
static char *hours_text(double h, char *buf, size_t size)
{
	char whole[32];
	int64_t milli = llround(h * 1000);

	if (h < 1) {
		snprintf(buf, size, "%.3g", h);
		return buf;
	}

	snprintf(buf, size, "%s.%03d", count_format(milli / 1000, whole, sizeof whole),
	         (int)(milli % 1000));
	return buf;
}

/* JSON numbers for measured quantities: three decimals from 1 up (trailing
 * zeros dropped), six significant digits below. */
static void json_num(struct cli_json *j, const char *key, double x)
{
	char buf[64];

	if (fabs(x) >= 1 && fabs(x) < 1e15) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "%.3f", x);
		while (n && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n && buf[n - 1] == '.')
			buf[--n] = '\0';
	} else {
		snprintf(buf, sizeof buf, "%.6g", x);
	}
	cli_json_raw(j, key, buf);
}

static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The work's unit: "samples", or "tokens" for a tok/s run. */
static const char *work_unit(const struct fc_ctx *f)
{
	return f->in.unit == FORECAST_TOKENS ? "tokens" : "samples";
}

static const char *speed_unit(const struct fc_ctx *f)
{
	return f->in.unit == FORECAST_TOKENS ? "tok/s" : "samples/s";
}

static void rows(struct cli_table *t, const struct fc_ctx *f, const char *times)
{
	const struct forecast_input *in = &f->in;
	const struct forecast_result *r = &f->r;
	const struct fc_opts *o = f->o;
	char v[96], how[256], a[48], b[48], c[48], d[48];

	snprintf(v, sizeof v, "%s %s", num_text(in->throughput, a, sizeof a),
	         forecast_unit_name(in->unit));
	if (in->unit == FORECAST_ITERS)
		snprintf(how, sizeof how,
		         _("median of the last %d points %s batch %s = %s samples/s"), in->points,
		         times, count_format(in->batch, b, sizeof b),
		         num_text(r->throughput, c, sizeof c));
	else
		snprintf(how, sizeof how, _("median of the last %d points with a throughput"),
		         in->points);
	cli_table_row(t, (const char *[]){_("Measured throughput"), v, how});

	count_format(in->run_devices, v, sizeof v);
	if (o->devices)
		snprintf(how, sizeof how, "--run-devices");
	else if (f->m->gpus)
		snprintf(how, sizeof how, _("%s in the run's telemetry"),
		         plural(f->m->gpus, _("GPU"), _("GPUs")));
	else
		snprintf(how, sizeof how, "%s", _("CPU run, counted as 1 device"));
	cli_table_row(t, (const char *[]){_("Run devices"), v, how});

	snprintf(v, sizeof v, "%s %s", num_text(r->per_device, a, sizeof a), speed_unit(f));
	cli_table_row(t, (const char *[]){_("Per device"), v, NULL});

	count_format(in->gpus, v, sizeof v);
	cli_table_row(t, (const char *[]){_("Plan GPUs"), v, "compute.gpus"});

	budget_value_display(BUDGET_UNIT_ALPHA, in->scaling_eff, v, sizeof v);
	cli_table_row(t, (const char *[]){_("Scaling efficiency"), v,
	                                  in->scaling_eff == FORECAST_EFF_ONE
	                                          ? _("1 is linear scaling (the default)")
	                                          : "compute.scaling_efficiency"});

	snprintf(v, sizeof v, "%s %s", num_text(r->plan_throughput, a, sizeof a), speed_unit(f));
	snprintf(how, sizeof how, _("per device %s %s %s %s"), times,
	         count_format(in->gpus, b, sizeof b), times,
	         budget_value_display(BUDGET_UNIT_ALPHA, in->scaling_eff, c, sizeof c));
	cli_table_row(t, (const char *[]){_("Plan throughput"), v, how});

	snprintf(v, sizeof v, "%s %s", count_format(r->work, a, sizeof a), work_unit(f));
	snprintf(how, sizeof how, "%s %s %s %s %s (%s)", count_format(in->samples, b, sizeof b),
	         work_unit(f), times, count_format(in->epochs, c, sizeof c),
	         plural(in->epochs, _("epoch"), _("epochs")),
	         o->epochs      ? "--epochs"
	         : f->m->epochs ? _("the run's own epochs")
	                        : _("the run reported none: 1"));
	cli_table_row(t, (const char *[]){_("Work"), v, how});

	snprintf(v, sizeof v, "%s s", num_text(r->train_seconds, a, sizeof a));
	snprintf(how, sizeof how, _("%s wall clock on %s %s"),
	         run_dur_text(r->train_seconds < 9e15 ? llround(r->train_seconds * 1000) : 0, b,
	                      sizeof b),
	         count_format(in->gpus, c, sizeof c), plural(in->gpus, _("GPU"), _("GPUs")));
	cli_table_row(t, (const char *[]){_("Training time"), v, how});

	hours_text(r->gpu_hours, v, sizeof v);
	cli_table_row(t, (const char *[]){_("GPU-hours"), v, NULL});

	money_format(r->rent_cost, MONEY_CENTS, v, sizeof v);
	snprintf(how, sizeof how, _("%s GPU-hours %s %s/GPU-hour (compute.gpu_hourly_cost)"),
	         hours_text(r->gpu_hours, a, sizeof a), times,
	         price_format(in->gpu_hourly, b, sizeof b));
	cli_table_row(t, (const char *[]){_("Rent"), v, how});

	money_format(r->plan_compute, MONEY_CENTS, v, sizeof v);
	snprintf(how, sizeof how, "%s %s %s %s", count_format(f->sc->in.gpus, a, sizeof a),
	         plural(f->sc->in.gpus, _("GPU"), _("GPUs")), times,
	         budget_value_display(BUDGET_UNIT_CENTS, f->sc->in.gpu_unit_cost, b, sizeof b));
	cli_table_row(t, (const char *[]){_("Plan compute C"), v, how});

	if (r->has_breakeven) {
		snprintf(v, sizeof v, _("%s hours"), num_text(r->breakeven_hours, a, sizeof a));
		snprintf(how, sizeof how, _("C / (%s GPUs %s %s/h), about %s years"),
		         count_format(in->gpus, b, sizeof b), times,
		         price_format(in->gpu_hourly, c, sizeof c),
		         num_text(r->breakeven_hours / (24 * 365), d, sizeof d));
	} else {
		snprintf(v, sizeof v, "-");
		snprintf(how, sizeof how, "%s", _("no rent price: set compute.gpu_hourly_cost"));
	}
	cli_table_row(t, (const char *[]){_("Break-even"), v, how});
}

static int forecast_text(const struct fc_ctx *f, bool markdown, FILE *out)
{
	struct cli_table t;
	int rc;

	cli_table_init(&t, 3);
	t.align[1] = CLI_RIGHT;
	cli_table_row(&t, (const char *[]){_("Item"), _("Value"), _("How")});
	rows(&t, f, markdown || cli_utf8() ? "×" : "x");
	if (markdown) {
		fputs("**", out);
		cli_md_text(out, f->sc->name[0] ? f->sc->name : "(unnamed scenario)");
		fputs(_("** meets run "), out);
		cli_md_text(out, f->run_id);
		fprintf(out, " (%s)\n\n", f->run_state);
		rc = cli_table_markdown(&t, out);
	} else {
		cli_print_title(out, f->sc, f->path);
		fprintf(out, _("Run %s (%s)\n\n"), f->run_id, f->run_state);
		rc = cli_table_text(&t, out, false, NULL);
	}
	cli_table_done(&t);
	return rc;
}

static void forecast_json(const struct fc_ctx *f, FILE *out)
{
	const struct forecast_input *in = &f->in;
	const struct forecast_result *r = &f->r;
	struct cli_json j;

	cli_json_begin(&j, out);
	cli_json_open(&j, NULL, '{');
	cli_json_int(&j, "schema", 1);
	cli_json_str(&j, "scenario", f->sc->name);
	cli_json_str(&j, "run", f->run_id);
	json_num(&j, "throughput", in->throughput);
	cli_json_str(&j, "rate_unit", forecast_unit_name(in->unit));
	cli_json_int(&j, "points", in->points);
	cli_json_int(&j, "run_devices", in->run_devices);
	json_num(&j, "per_device_throughput", r->per_device);
	cli_json_int(&j, "gpus", in->gpus);
	cli_json_value(&j, "scaling_efficiency", BUDGET_UNIT_ALPHA, in->scaling_eff);
	cli_json_int(&j, "samples", in->samples);
	cli_json_int(&j, "epochs", in->epochs);
	json_num(&j, "train_seconds", r->train_seconds);
	json_num(&j, "gpu_hours", r->gpu_hours);
	cli_json_money(&j, "rent_cost", r->rent_cost);
	cli_json_money(&j, "plan_compute", r->plan_compute);
	if (r->has_breakeven)
		json_num(&j, "breakeven_hours", r->breakeven_hours);
	else
		cli_json_raw(&j, "breakeven_hours", "null");
	cli_json_close(&j, '}');
	cli_json_end(&j);
}

/* The run's id (its directory's name) and state, for the title. */
static void describe_run(struct fc_ctx *f, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	struct run_status st;

	const char *id = slash && slash[1] ? slash + 1 : dir;
	size_t n = strnlen(id, sizeof f->run_id - 1);

	/* ids are short; a longer directory name is cut, as follow.c does */
	memcpy(f->run_id, id, n);
	f->run_id[n] = '\0';
	if (run_status_read(dir, &st, NULL))
		snprintf(f->run_state, sizeof f->run_state, "state unknown");
	else
		snprintf(f->run_state, sizeof f->run_state, "%s",
		         run_state_name(run_state_of(&st, run_is_live(dir))));
}

/* Measure the run and fill f->in's run part.  Returns 0 or an exit status
 * (reported). */
static int measure(struct fc_ctx *f, struct run_measure *m, const char *dir, FILE *err)
{
	struct cd_err e;
	double rate;
	int used;

	if (run_measure_read(dir, m, &e)) {
		cli_print_err(err, &e);
		return CD_EXIT_NOINPUT;
	}
	if (m->n == 0) {
		fprintf(err,
		        _("capdash: run %s has no progress point with a throughput yet "
		          "(samples/s, tok/s or it/s); at least %d are needed\n"),
		        f->run_id, FORECAST_MIN_POINTS);
		return CD_EXIT_FAIL;
	}
	if (forecast_median(m->rates, (size_t)m->n, &rate, &used, &e)) {
		fprintf(err, "capdash: run %s: %s\n", f->run_id, e.msg);
		return CD_EXIT_FAIL;
	}
	if (m->unit == FORECAST_UNIT_NONE) {
		fprintf(err,
		        _("capdash: run %s reports a throughput without a unit (samples/s, tok/s "
		          "or it/s): it cannot be matched against data.samples\n"),
		        f->run_id);
		return CD_EXIT_FAIL;
	}
	if (m->unit == FORECAST_ITERS && !f->o->batch)
		return cli_usage_error(
		        err, "forecast",
		        _("run %s reports it/s (steps per second), not samples: give "
		          "the batch size with --batch N (samples per step)"),
		        f->run_id);
	if (!(rate > 0)) {
		fprintf(err,
		        _("capdash: run %s: the measured throughput is 0 (median of %d points)\n"),
		        f->run_id, used);
		return CD_EXIT_FAIL;
	}
	f->in.throughput = rate;
	f->in.unit = m->unit;
	f->in.points = used;
	f->in.batch = m->unit == FORECAST_ITERS ? f->o->batch : 0;
	f->in.run_devices = f->o->devices ? f->o->devices : m->devices;
	f->in.epochs = f->o->epochs ? f->o->epochs : m->epochs > 0 ? m->epochs : 1;
	if (f->in.epochs > FORECAST_EPOCHS_MAX)
		f->in.epochs = FORECAST_EPOCHS_MAX;
	return 0;
}

static int forecast_run(struct fc_opts *o, const char *path, struct cli_ctx *ctx)
{
	struct scenario sc;
	struct budget_result br;
	struct run_measure m;
	struct fc_ctx f;
	struct cd_err e;
	char dir[RUN_PATH_MAX];
	int status, rc = 0;

	status = cli_view_load(&o->v, path, &sc, "forecast", ctx->err);
	if (status)
		return status;
	memset(&f, 0, sizeof f);
	f.sc = &sc;
	f.path = path;
	f.o = o;
	f.m = &m;
	if (budget_eval(&sc.in, &br, &e) < 0) {
		cli_print_err(ctx->err, &e);
		status = CD_EXIT_DATAERR;
		goto out;
	}
	if (run_resolve(NULL, o->run, dir, sizeof dir, &e)) {
		cli_print_err(ctx->err, &e);
		status = CD_EXIT_NOINPUT;
		goto out;
	}
	describe_run(&f, dir);
	if ((status = measure(&f, &m, dir, ctx->err)))
		goto out;
	forecast_plan(&f.in, &sc.in, &br);
	if (forecast_eval(&f.in, &f.r, &e)) {
		if (e.code == CD_ERR_USAGE) {
			status = cli_usage_error(ctx->err, "forecast", _("%s"), e.msg);
		} else {
			fprintf(ctx->err, _("capdash: cannot forecast: %s\n"), e.msg);
			status = CD_EXIT_DATAERR;
		}
		goto out;
	}
	if (o->batch && m.unit != FORECAST_ITERS)
		fprintf(ctx->err, _("capdash: --batch ignored: the run reports %s\n"),
		        forecast_unit_name(m.unit));
	if (o->v.fmt == CLI_FMT_JSON)
		forecast_json(&f, ctx->out);
	else
		rc = forecast_text(&f, o->v.fmt == CLI_FMT_MARKDOWN, ctx->out);
	status = cli_finish_render(ctx->out, ctx->err, rc);
out:
	scenario_done(&sc);
	return status;
}

int cmd_forecast(int argc, char **argv, struct cli_ctx *ctx)
{
	struct fc_opts o;
	const char *path = NULL;
	int status;

	memset(&o, 0, sizeof o);
	cli_view_opts_init(&o.v,
	                   (1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON) | (1u << CLI_FMT_MARKDOWN));
	status = parse_opts(&o, argc, argv, ctx);
	if (status >= 0)
		goto out;
	status = CD_EXIT_USAGE;
	if (argc - optind > 1) {
		cli_usage_error(ctx->err, "forecast",
		                _("forecast takes one scenario file, got '%s' and '%s' (a run is "
		                  "picked with --run)"),
		                argv[optind], argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		path = argv[optind];
	status = forecast_run(&o, path, ctx);
out:
	cli_sets_done(&o.v.sets);
	return status;
}
