/* main.c — capdash-train: options, data, network, checkpoints and the
 * training loop wired together; the protocol on stdout, messages and the
 * progress bar on stderr.
 *
 * The only file of the trainer that prints or exits.  Options are rows of
 * one table (name, argument, range, help); everything else is a call into
 * data.c, ckpt.c, trainer.c or nn.h.  Exit statuses are in capdash-train(1).
 * Start at main().
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/err.h"
#include "capdash/i18n.h"
#include "capdash/nn.h"
#include "capdash/proto.h"

#include "ckpt.h"
#include "data.h"
#include "trainer.h"
#include "progress_bar.h"

#define PROG "capdash-train"
#define DEFAULT_DATASETS "/usr/share/datasets"
#define EXIT_SIGINT 130
#define EXIT_SIGTERM 143

enum opt_id {
	O_MODEL,
	O_DATA,
	O_FORMAT,
	O_EPOCHS,
	O_BATCH,
	O_LR,
	O_MOMENTUM,
	O_WD,
	O_THREADS,
	O_SEED,
	O_LIMIT,
	O_TEST_LIMIT,
	O_LOG_EVERY,
	O_CHECKPOINT,
	O_RESUME,
	O_QUIET,
	O_NO_PROGRESS,
	O_HELP,
	O_VERSION,
	O_COUNT
};

enum opt_kind { K_FLAG, K_INT, K_REAL, K_TEXT };

struct opt_row {
	enum opt_id id;
	const char *name;
	char short_name;
	enum opt_kind kind;
	double min, max; /* K_INT, K_REAL: inclusive range */
	const char *arg, *help;
};

static const struct opt_row opt_table[] = {
        {O_MODEL, "model", 'm', K_TEXT, 0, 0, "mlp|cnn", N_("network (default cnn)")},
        {O_DATA, "data", 'd', K_TEXT, 0, 0, "DIR|synthetic",
         N_("dataset directory (default: Fashion-MNIST if installed, else synthetic)")},
        {O_FORMAT, "format", 'f', K_TEXT, 0, 0, "mnist|cifar10",
         N_("files in DIR (default mnist)")},
        {O_EPOCHS, "epochs", 'e', K_INT, 1, 100000, "N",
         N_("passes over the training set (default 10)")},
        {O_BATCH, "batch", 'b', K_INT, 1, 4096, "N", N_("samples per step (default 64)")},
        {O_LR, "lr", 0, K_REAL, 1e-9, 10, "X", N_("learning rate (default 0.01)")},
        {O_MOMENTUM, "momentum", 0, K_REAL, 0, 0.999999, "X",
         N_("SGD momentum, 0 to <1 (default 0.9)")},
        {O_WD, "weight-decay", 0, K_REAL, 0, 1, "X", N_("L2 weight decay (default 0)")},
        {O_THREADS, "threads", 'j', K_INT, 1, 256, "N",
         N_("worker threads (default: online CPUs for cnn, 1 for mlp)")},
        {O_SEED, "seed", 's', K_INT, 0, 9007199254740992.0, "N",
         N_("seed for initialisation and shuffling (default 1)")},
        {O_LIMIT, "limit", 'n', K_INT, 1, 4294967295.0, "N",
         N_("use only the first N training samples")},
        {O_TEST_LIMIT, "test-limit", 0, K_INT, 1, 4294967295.0, "N",
         N_("evaluate on only the first N test samples")},
        {O_LOG_EVERY, "log-every", 0, K_INT, 1, 1000000000, "N",
         N_("steps between progress lines (default 100)")},
        {O_CHECKPOINT, "checkpoint", 'c', K_TEXT, 0, 0, "FILE",
         N_("save after every epoch and when stopped")},
        {O_RESUME, "resume", 'r', K_FLAG, 0, 0, NULL, N_("continue from --checkpoint FILE")},
        {O_QUIET, "quiet", 'q', K_FLAG, 0, 0, NULL, N_("nothing on stderr but errors")},
        {O_NO_PROGRESS, "no-progress", 0, K_FLAG, 0, 0, NULL, N_("no progress bar on stderr")},
        {O_HELP, "help", 'h', K_FLAG, 0, 0, NULL, N_("show this help")},
        {O_VERSION, "version", 'V', K_FLAG, 0, 0, NULL, N_("show the version")},
};

struct opts {
	int set[O_COUNT]; /* given on the command line */
	const char *text[O_COUNT];
	double num[O_COUNT];
};

/* SIGINT/SIGTERM number, polled by the loop at step boundaries. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void usage(FILE *f)
{
	fprintf(f,
	        _("usage: %s [OPTION]...\n"
	          "Train a neural network on the CPU and report progress as capdash protocol\n"
	          "lines (one JSON object per line) on stdout.\n\n"),
	        PROG);
	for (size_t i = 0; i < CD_ARRAY_LEN(opt_table); i++) {
		const struct opt_row *r = &opt_table[i];
		char left[64];

		snprintf(left, sizeof left, "%c%c%s--%s%s%s", r->short_name ? '-' : ' ',
		         r->short_name ? r->short_name : ' ', r->short_name ? ", " : "  ", r->name,
		         r->arg ? " " : "", r->arg ? r->arg : "");
		fprintf(f, "  %-30s %s\n", left, _(r->help));
	}
	fputs(_("\nExit status: 0 done, 1 failure, 2 usage, 65 bad data or checkpoint,\n"
	        "66 cannot open input, 73 cannot write checkpoint, 130/143 stopped by\n"
	        "SIGINT/SIGTERM (checkpoint saved).  See capdash-train(1).\n"),
	      f);
}

static int die_usage(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, _("\nTry '%s --help'.\n"), PROG);
	return CD_EXIT_USAGE;
}

static const struct opt_row *opt_find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < CD_ARRAY_LEN(opt_table); i++)
		if (strlen(opt_table[i].name) == len && !strncmp(opt_table[i].name, name, len))
			return &opt_table[i];
	return NULL;
}

static const struct opt_row *opt_find_short(char c)
{
	for (size_t i = 0; i < CD_ARRAY_LEN(opt_table); i++)
		if (opt_table[i].short_name == c)
			return &opt_table[i];
	return NULL;
}

static int opt_value(struct opts *o, const struct opt_row *r, const char *v)
{
	char *end;
	double x;

	if (r->kind == K_TEXT) {
		if (!*v)
			return die_usage(_("--%s: expected %s, got an empty string"), r->name,
			                 r->arg);
		o->text[r->id] = v;
		return 0;
	}
	errno = 0;
	if (r->kind == K_INT) {
		unsigned long long u = strtoull(v, &end, 10);

		x = (double)u;
		if (!*v || *end || errno || v[0] == '-' || v[0] == '+' || x < r->min ||
		    x > r->max) {
			fprintf(stderr, PROG ": ");
			fprintf(stderr,
			        _("--%s: expected a whole number from %.0f to %.0f, got \"%s\"\n"),
			        r->name, r->min, r->max, v);
			return CD_EXIT_USAGE;
		}
		o->num[r->id] = x;
		o->text[r->id] = v;
		return 0;
	}
	x = strtod(v, &end);
	if (!*v || *end || errno || !isfinite(x) || x < r->min || x > r->max) {
		fprintf(stderr, PROG ": ");
		fprintf(stderr, _("--%s: expected a number from %g to %g, got \"%s\"\n"), r->name,
		        r->min, r->max, v);
		return CD_EXIT_USAGE;
	}
	o->num[r->id] = x;
	return 0;
}

/* Parse argv into o; non-zero is the exit status to leave with (-1: done,
 * --help or --version printed). */
static int opts_parse(int argc, char **argv, struct opts *o)
{
	const char *names[CD_ARRAY_LEN(opt_table)];

	for (size_t i = 0; i < CD_ARRAY_LEN(opt_table); i++)
		names[i] = opt_table[i].name;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		const struct opt_row *r;
		int rc;

		if (a[0] != '-' || !a[1])
			return die_usage(_("unexpected argument \"%s\"%s"), a,
			                 " (options start with --)");
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			r = opt_find_long(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
			if (!r) {
				char word[64];
				const char *near;

				snprintf(word, sizeof word, "%.*s",
				         (int)(eq ? eq - a - 2 : (long)strlen(a + 2)), a + 2);
				near = cd_closest(word, names, CD_ARRAY_LEN(names));
				fprintf(stderr, PROG ": ");
				fprintf(stderr, _("unknown option --%s"), word);
				if (near)
					fprintf(stderr, _(" (did you mean --%s?)"), near);
				fprintf(stderr, _("\nTry '%s --help'.\n"), PROG);
				return CD_EXIT_USAGE;
			}
			if (eq)
				val = eq + 1;
		} else {
			r = opt_find_short(a[1]);
			if (!r || (a[2] && r->kind == K_FLAG))
				return die_usage(_("unknown option %s%s"), a, "");
			if (a[2])
				val = a + 2; /* -j2 */
		}
		if (r->kind == K_FLAG) {
			if (val)
				return die_usage(_("--%s takes no value%s"), r->name, "");
		} else if (!val) {
			if (i + 1 >= argc)
				return die_usage(_("--%s needs a value (%s)"), r->name, r->arg);
			val = argv[++i];
		}
		o->set[r->id] = 1;
		if (r->kind != K_FLAG && (rc = opt_value(o, r, val)))
			return rc;
		if (r->id == O_HELP) {
			usage(stdout);
			return -1;
		}
		if (r->id == O_VERSION) {
			printf(PROG " " CAPDASH_VERSION " (capdash protocol %d)\n", PROTO_VERSION);
			return -1;
		}
	}
	return 0;
}

/* Everything the run needs, resolved from options, defaults and (with
 * --resume) the checkpoint. */
struct run {
	struct nn_config nc;
	struct data_opts dopt;
	const char *model, *checkpoint;
	int epochs, log_every, quiet, bar, resume;
	uint64_t seed;
	int synthetic_default;
	char default_dir[4096];
	struct ckpt_info saved; /* with resume */
};

static int opts_check(const struct opts *o, struct run *r)
{
	const char *m = o->set[O_MODEL] ? o->text[O_MODEL] : "cnn";
	const char *fmt = o->set[O_FORMAT] ? o->text[O_FORMAT] : "mnist";
	const char *ds = getenv("CAPDASH_DATASETS");
	struct stat st;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (strcmp(m, "mlp") && strcmp(m, "cnn"))
		return die_usage(_("--model: expected mlp or cnn, got \"%s\"%s"), m, "");
	if (strcmp(fmt, "mnist") && strcmp(fmt, "cifar10"))
		return die_usage(_("--format: expected mnist or cifar10, got \"%s\"%s"), fmt, "");
	if (o->set[O_RESUME] && !o->set[O_CHECKPOINT])
		return die_usage(_("--resume needs --checkpoint FILE%s%s"), "", "");
	r->model = m;
	r->nc.arch = strcmp(m, "mlp") ? NN_CNN : NN_MLP;
	r->dopt.format = strcmp(fmt, "cifar10") ? DATA_MNIST : DATA_CIFAR10;
	r->epochs = o->set[O_EPOCHS] ? (int)o->num[O_EPOCHS] : 10;
	r->nc.batch = o->set[O_BATCH] ? (int)o->num[O_BATCH] : 64;
	r->nc.lr = o->set[O_LR] ? (float)o->num[O_LR] : 0.01f;
	r->nc.momentum = o->set[O_MOMENTUM] ? (float)o->num[O_MOMENTUM] : 0.9f;
	r->nc.weight_decay = o->set[O_WD] ? (float)o->num[O_WD] : 0.0f;
	/* Measured: the mlp's small matrices gain nothing from a second thread. */
	r->nc.threads = o->set[O_THREADS]      ? (int)o->num[O_THREADS]
	                : r->nc.arch == NN_MLP ? 1
	                                       : (int)(cpus > 0 ? (cpus < 64 ? cpus : 64) : 1);
	r->seed = o->set[O_SEED] ? strtoull(o->text[O_SEED], NULL, 10) : 1;
	r->dopt.train_limit = o->set[O_LIMIT] ? (uint32_t)o->num[O_LIMIT] : 0;
	r->dopt.test_limit = o->set[O_TEST_LIMIT] ? (uint32_t)o->num[O_TEST_LIMIT] : 0;
	r->log_every = o->set[O_LOG_EVERY] ? (int)o->num[O_LOG_EVERY] : 100;
	r->checkpoint = o->text[O_CHECKPOINT];
	r->resume = o->set[O_RESUME];
	r->quiet = o->set[O_QUIET];
	r->bar = !r->quiet && !o->set[O_NO_PROGRESS] && isatty(STDERR_FILENO);
	if (o->set[O_DATA] && strcmp(o->text[O_DATA], "synthetic")) {
		r->dopt.dir = o->text[O_DATA];
	} else if (!o->set[O_DATA] && r->dopt.format == DATA_MNIST) {
		snprintf(r->default_dir, sizeof r->default_dir, "%s/fashion-mnist",
		         ds && *ds ? ds : DEFAULT_DATASETS);
		if (stat(r->default_dir, &st) == 0 && S_ISDIR(st.st_mode))
			r->dopt.dir = r->default_dir;
		else
			r->synthetic_default = 1;
	} else if (!o->set[O_DATA]) {
		return die_usage(_("--format cifar10 needs --data DIR (or --data synthetic)%s%s"),
		                 "", "");
	}
	return 0;
}

/* With --resume: read and check the checkpoint, then take from it what the
 * command line left open; what it set must agree (checked again, with the
 * data, by ckpt_match). */
static int resume_options(const struct opts *o, struct run *r, struct cd_err *err)
{
	struct ckpt_info *s = &r->saved;

	if (ckpt_read_info(r->checkpoint, s, err) < 0)
		return -1;
	if (!o->set[O_MODEL]) {
		r->nc.arch = s->arch ? NN_CNN : NN_MLP;
		r->model = s->arch ? "cnn" : "mlp";
		if (!o->set[O_THREADS] && r->nc.arch == NN_MLP)
			r->nc.threads = 1;
	}
	if (!o->set[O_BATCH])
		r->nc.batch = (int)s->batch;
	if (!o->set[O_SEED])
		r->seed = s->seed;
	if (!o->set[O_LR])
		r->nc.lr = s->lr;
	if (!o->set[O_MOMENTUM])
		r->nc.momentum = s->momentum;
	if (!o->set[O_WD])
		r->nc.weight_decay = s->weight_decay;
	if (!o->set[O_EPOCHS])
		r->epochs = (int)s->epochs;
	/* A synthetic run resumes on synthetic data without being told. */
	if (!o->set[O_DATA] && !strcmp(s->data, "synthetic")) {
		r->dopt.dir = NULL;
		r->synthetic_default = 0;
	}
	if (!o->set[O_LIMIT] && s->train_samples <= UINT32_MAX)
		r->dopt.train_limit = (uint32_t)s->train_samples;
	return 0;
}

static int exit_for_load(const struct cd_err *e)
{
	return e->code == CD_ERR_IO      ? CD_EXIT_NOINPUT
	       : e->code == CD_ERR_NOMEM ? CD_EXIT_FAIL
	                                 : CD_EXIT_DATAERR;
}

static void print_err(const struct cd_err *e)
{
	char buf[CD_ERR_FILE_MAX + CD_ERR_MSG_MAX + 16];

	fprintf(stderr, PROG ": %s\n", cd_err_str(e, buf, sizeof buf));
}

/* The stdout sink: one flushed line each; the bar line is cleared first so
 * the two never mix on a terminal. */
struct out {
	int bar, bar_shown, width;
	double bar_last;
};

static int out_line(void *ctx, const char *line, size_t len)
{
	struct out *o = ctx;

	if (o->bar_shown && isatty(STDOUT_FILENO)) {
		fputs("\r\033[K", stderr);
		o->bar_shown = 0;
	}
	if (fwrite(line, 1, len, stdout) != len || fflush(stdout) != 0)
		return -1;
	return 0;
}

static void out_progress(void *ctx, const struct trainer_progress *p)
{
	struct out *o = ctx;
	double now = trainer_now();
	char buf[512];

	if (!o->bar || !progress_bar_due(p, now, o->bar_last))
		return;
	progress_bar_fmt(buf, sizeof buf, o->width - 1, p);
	fprintf(stderr, "\r%s\033[K", buf);
	fflush(stderr);
	o->bar_last = now;
	o->bar_shown = 1;
}

static void say(const struct run *r, struct out *o, const char *msg)
{
	char line[PROTO_LINE_MAX];

	out_line(o, line, proto_fmt_info(line, sizeof line, msg));
	if (!r->quiet)
		fprintf(stderr, PROG ": %s\n", msg);
}

static int term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static void install_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	/* A second Ctrl-C kills at once; the atomic save keeps the old
	 * checkpoint whole even then. */
	sa.sa_flags = SA_RESTART | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	/* A shell starts background jobs with SIGINT ignored so that Ctrl-C
	 * does not reach them; keep it that way. */
	if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void fill_ckpt(const struct run *r, const struct data_pair *d, struct nn *net,
                      struct ckpt_info *ck)
{
	memset(ck, 0, sizeof *ck);
	ck->arch = (uint32_t)r->nc.arch;
	ck->channels = (uint32_t)d->train.channels;
	ck->height = (uint32_t)d->train.height;
	ck->width = (uint32_t)d->train.width;
	ck->classes = (uint32_t)d->train.classes;
	ck->batch = (uint32_t)r->nc.batch;
	ck->param_count = nn_param_count(net);
	ck->train_samples = d->train.n;
	ck->seed = r->seed;
	ck->data_crc = data_crc(&d->train);
	ck->epochs = (uint32_t)r->epochs;
	ck->lr = r->nc.lr;
	ck->momentum = r->nc.momentum;
	ck->weight_decay = r->nc.weight_decay;
	snprintf(ck->data, sizeof ck->data, "%s", d->name);
}

static void write_start(const struct run *r, const struct data_pair *d, struct nn *net,
                        const struct trainer_cfg *lc, struct out *o)
{
	char line[PROTO_LINE_MAX];
	struct proto_start s = {0};

	s.model = r->model;
	s.data = d->name;
	s.threads = r->nc.threads;
	s.batch = r->nc.batch;
	s.epochs = r->epochs;
	s.total_steps = trainer_steps_per_epoch(d->train.n, r->nc.batch) * r->epochs;
	s.params = (int64_t)nn_param_count(net);
	s.step = lc->start_step;
	s.train_samples = d->train.n;
	s.test_samples = d->test.n;
	s.lr = r->nc.lr;
	s.momentum = r->nc.momentum;
	s.weight_decay = r->nc.weight_decay;
	s.has_seed = 1;
	s.seed = r->seed;
	s.device = "cpu";
	s.flops_per_sample = nn_flops_per_sample(net);
	out_line(o, line, proto_fmt_start(line, sizeof line, &s));
}

static int finish(struct out *o, const struct trainer_result *res, const char *status)
{
	char line[PROTO_LINE_MAX];

	if (o->bar_shown) {
		fputs("\n", stderr);
		o->bar_shown = 0;
	}
	return out_line(o, line, proto_fmt_end(line, sizeof line, res->step, res->elapsed, status));
}

/* Load, build, resume, train.  Returns the exit status. */
static int train_main(const struct opts *opts, struct run *r)
{
	struct cd_err err = {0};
	struct data_pair d;
	struct nn *net = NULL;
	struct trainer_cfg lc = {0};
	struct trainer_result res = {0};
	struct out o = {r->bar, 0, term_width(), -1};
	char msg[768];
	int rc;

	lc.t0 = trainer_now();
	if (r->resume && resume_options(opts, r, &err) < 0) {
		print_err(&err);
		return exit_for_load(&err);
	}
	if (r->checkpoint && ckpt_probe(r->checkpoint, &err) < 0) {
		print_err(&err);
		return CD_EXIT_CANTCREAT;
	}
	if (data_load(&r->dopt, &d, &err) < 0) {
		print_err(&err);
		return exit_for_load(&err);
	}
	if (r->synthetic_default) {
		snprintf(msg, sizeof msg,
		         "no dataset at %.600s (install dataset-fashion-mnist): using synthetic "
		         "data",
		         r->default_dir);
		say(r, &o, msg);
	}
	r->nc.channels = d.train.channels;
	r->nc.height = d.train.height;
	r->nc.width = d.train.width;
	r->nc.classes = d.train.classes;
	net = nn_new(&r->nc, r->seed, &err);
	if (!net) {
		print_err(&err);
		data_free(&d);
		return CD_EXIT_FAIL;
	}
	fill_ckpt(r, &d, net, &lc.ck);
	if (r->resume) {
		if (ckpt_match(&r->saved, &lc.ck, r->checkpoint, &err) < 0 ||
		    ckpt_load(r->checkpoint, &r->saved, nn_params(net), nn_momentum(net), &err) <
		            0) {
			print_err(&err);
			rc = err.code == CD_ERR_IO ? CD_EXIT_NOINPUT : CD_EXIT_DATAERR;
			goto out;
		}
		lc.start_step = (int64_t)r->saved.step;
	}
	lc.epochs = r->epochs;
	lc.batch = r->nc.batch;
	lc.log_every = r->log_every;
	lc.seed = r->seed;
	lc.lr = r->nc.lr;
	lc.checkpoint = r->checkpoint;
	write_start(r, &d, net, &lc, &o);
	if (r->resume) {
		snprintf(msg, sizeof msg, "resumed from %.600s at step %lld", r->checkpoint,
		         (long long)lc.start_step);
		say(r, &o, msg);
	}
	if (!r->quiet) {
		fprintf(stderr, PROG ": ");
		fprintf(stderr,
		        NG_("%s on %s (%u training, %u test samples), %d thread\n",
		            "%s on %s (%u training, %u test samples), %d threads\n",
		            (unsigned long)r->nc.threads),
		        nn_describe(net), d.name, d.train.n, d.test.n, r->nc.threads);
	}
	install_signals();
	if (trainer_run(net, &d, &lc, &(struct trainer_sink){out_line, out_progress, &o},
	                &stop_signal, &res, &err) < 0) {
		finish(&o, &res, "error");
		print_err(&err);
		rc = !strcmp(err.file, "stdout") ? CD_EXIT_FAIL
		     : err.code == CD_ERR_IO     ? CD_EXIT_CANTCREAT
		                                 : CD_EXIT_FAIL;
		goto out;
	}
	if (res.status == TRAINER_STOPPED) {
		finish(&o, &res, "interrupted");
		if (!r->quiet) {
			fprintf(stderr, PROG ": ");
			fprintf(stderr, _("stopped by %s at step %lld%s%s\n"),
			        stop_signal == SIGINT ? "SIGINT" : "SIGTERM", (long long)res.step,
			        r->checkpoint ? _("; checkpoint saved to ") : "",
			        r->checkpoint ? r->checkpoint : "");
		}
		rc = stop_signal == SIGINT ? EXIT_SIGINT : EXIT_SIGTERM;
		goto out;
	}
	rc = finish(&o, &res, "ok") < 0 ? CD_EXIT_FAIL : CD_EXIT_OK;
	if (!r->quiet && res.val_acc >= 0) {
		fprintf(stderr, PROG ": ");
		fprintf(stderr, _("done: %lld steps in %.1f s, test accuracy %.2f%%\n"),
		        (long long)res.step, res.elapsed, 100 * res.val_acc);
	}
out:
	nn_free(net);
	data_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct run r = {0};
	int rc;

	cd_i18n_init();
	if ((rc = opts_parse(argc, argv, &o)))
		return rc < 0 ? CD_EXIT_OK : rc;
	if ((rc = opts_check(&o, &r)))
		return rc;
	return train_main(&o, &r);
}
