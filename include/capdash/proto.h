/* proto.h — capdash's line protocol: how capdash-train (and any script that
 * wants to) reports progress.  Documented for users in capdash-train(1).
 *
 * One JSON object per line on stdout, UTF-8, no embedded newlines, always
 * with "capdash": PROTO_VERSION first.  Fields ("event" decides which):
 *
 *   {"capdash":1,"event":"start","model":"cnn","data":"fashion-mnist",
 *    "threads":2,"batch":64,"epochs":10,"total_steps":9380,"params":3274634,
 *    "train_samples":60000,"test_samples":10000,"lr":0.01,"momentum":0.9,
 *    "weight_decay":0,"seed":1,"device":"cpu","flops_per_sample":83300000}
 *      optional: "step" (the first step's predecessor when resuming; absent
 *      or 0 on a fresh run) and every field after "params"
 *   {"capdash":1,"event":"step","step":100,"total_steps":9380,"epoch":1,
 *    "epochs":10,"loss":0.51234,"lr":0.01,"samples_per_s":1240.5,"elapsed":5.21}
 *   {"capdash":1,"event":"eval","step":938,"epoch":1,"epochs":10,
 *    "val_loss":0.3512,"val_acc":0.8741,"elapsed":48.3}
 *   {"capdash":1,"event":"info","msg":"no dataset installed: using synthetic data"}
 *   {"capdash":1,"event":"end","step":9380,"elapsed":480.2,"status":"ok"}
 *      status: "ok" | "interrupted" | "error"
 *
 * Readers ignore unknown fields and events; a higher version is read as far
 * as its known fields go.  Numbers are plain JSON numbers; non-finite values
 * are written as null.
 *
 * The writer side lives in src/proto/ (pure: formats into a caller's buffer).
 */
#ifndef CAPDASH_PROTO_H
#define CAPDASH_PROTO_H

#include <stddef.h>
#include <stdint.h>

#define PROTO_VERSION 1
#define PROTO_LINE_MAX 1024

struct proto_step {
	int64_t step, total_steps;
	int64_t epoch, epochs;                   /* 1-based epoch */
	double loss, lr, samples_per_s, elapsed; /* elapsed: seconds since start */
};

struct proto_eval {
	int64_t step, epoch, epochs;
	double val_loss, val_acc, elapsed; /* val_acc in 0..1 */
};

struct proto_start {
	const char *model, *data;
	int threads;
	int64_t batch, epochs, total_steps, params;
	/* Optional: written only when > 0 (step, counts, lr, flops), non-NULL
	 * (device) or has_seed.  momentum and weight_decay go with lr. */
	int64_t step, train_samples, test_samples;
	double lr, momentum, weight_decay, flops_per_sample;
	const char *device;
	int has_seed;
	uint64_t seed;
};

/* Each formats one protocol line, '\n' included, into buf (PROTO_LINE_MAX is
 * always enough: strings are cut, at a UTF-8 boundary, to 32 bytes — 150 for
 * an info msg) and returns its length.  A buffer too small for the line gets
 * "" and 0: a line is never written half.  Numbers use 6 significant digits
 * whatever LC_NUMERIC says. */
size_t proto_fmt_start(char *buf, size_t size, const struct proto_start *s);
size_t proto_fmt_step(char *buf, size_t size, const struct proto_step *s);
size_t proto_fmt_eval(char *buf, size_t size, const struct proto_eval *e);
size_t proto_fmt_info(char *buf, size_t size, const char *msg);
size_t proto_fmt_end(char *buf, size_t size, int64_t step, double elapsed, const char *status);

#endif
