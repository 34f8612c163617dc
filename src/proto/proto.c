/* proto.c — the writer side of capdash's line protocol (see proto.h and
 * capdash-train(1)): one JSON object per line, "capdash" version first.
 *
 * Pure formatting into the caller's buffer: no I/O, no allocation, no
 * locale dependence (a decimal comma from LC_NUMERIC is mapped back to '.'
 * so a caller that ran setlocale() still writes valid JSON).  Start reading
 * at proto_fmt_step().
 */
#include "capdash/proto.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Strings are cut to this many bytes so every line fits PROTO_LINE_MAX even
 * when each byte needs a six-byte \u escape. */
#define PROTO_STR_MAX 32
#define PROTO_MSG_MAX 150

struct out {
	char *buf;
	size_t size, len; /* len may exceed size: then the line was cut */
};

static void out_raw(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->size)
			o->buf[o->len] = s[i];
}

static void out_str(struct out *o, const char *s)
{
	out_raw(o, s, strlen(s));
}

static void out_fmt(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out_fmt(struct out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		out_raw(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A JSON number, or null when not finite.  digits is the %g precision. */
static void out_num(struct out *o, const char *key, double v, int digits)
{
	char tmp[48];
	int n;

	out_fmt(o, ",\"%s\":", key);
	if (!isfinite(v)) {
		out_str(o, "null");
		return;
	}
	n = snprintf(tmp, sizeof tmp, "%.*g", digits, v);
	for (int i = 0; i < n; i++)
		if (!strchr("0123456789eE+-", tmp[i]))
			tmp[i] = '.';
	out_raw(o, tmp, (size_t)n);
}

static void out_int(struct out *o, const char *key, long long v)
{
	out_fmt(o, ",\"%s\":%lld", key, v);
}

/* A JSON string, escaped, cut at max bytes without splitting a UTF-8
 * sequence.  NULL is written as "". */
static void out_jstr(struct out *o, const char *key, const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	out_fmt(o, ",\"%s\":\"", key);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			out_raw(o, e, 2);
		} else if (c == '\n') {
			out_str(o, "\\n");
		} else if (c == '\t') {
			out_str(o, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			out_fmt(o, "\\u%04x", c);
		} else {
			out_raw(o, (const char *)&c, 1);
		}
	}
	out_str(o, "\"");
}

static void out_begin(struct out *o, char *buf, size_t size, const char *event)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	out_fmt(o, "{\"capdash\":%d,\"event\":\"%s\"", PROTO_VERSION, event);
}

/* Close the object.  A line that does not fit is never written half: the
 * buffer then holds an empty string and 0 is returned. */
static size_t out_end(struct out *o)
{
	out_str(o, "}\n");
	if (o->len + 1 > o->size) {
		if (o->size)
			o->buf[0] = '\0';
		return 0;
	}
	o->buf[o->len] = '\0';
	return o->len;
}

size_t proto_fmt_start(char *buf, size_t size, const struct proto_start *s)
{
	struct out o;

	out_begin(&o, buf, size, "start");
	out_jstr(&o, "model", s->model, PROTO_STR_MAX);
	out_jstr(&o, "data", s->data, PROTO_STR_MAX);
	out_int(&o, "threads", s->threads);
	out_int(&o, "batch", s->batch);
	out_int(&o, "epochs", s->epochs);
	out_int(&o, "total_steps", s->total_steps);
	out_int(&o, "params", s->params);
	if (s->step > 0)
		out_int(&o, "step", s->step);
	if (s->train_samples > 0)
		out_int(&o, "train_samples", s->train_samples);
	if (s->test_samples > 0)
		out_int(&o, "test_samples", s->test_samples);
	if (s->lr > 0) {
		out_num(&o, "lr", s->lr, 6);
		out_num(&o, "momentum", s->momentum, 6);
		out_num(&o, "weight_decay", s->weight_decay, 6);
	}
	if (s->has_seed)
		out_fmt(&o, ",\"seed\":%llu", (unsigned long long)s->seed);
	if (s->device)
		out_jstr(&o, "device", s->device, PROTO_STR_MAX);
	if (s->flops_per_sample > 0)
		out_num(&o, "flops_per_sample", s->flops_per_sample, 6);
	return out_end(&o);
}

size_t proto_fmt_step(char *buf, size_t size, const struct proto_step *s)
{
	struct out o;

	out_begin(&o, buf, size, "step");
	out_int(&o, "step", s->step);
	out_int(&o, "total_steps", s->total_steps);
	out_int(&o, "epoch", s->epoch);
	out_int(&o, "epochs", s->epochs);
	out_num(&o, "loss", s->loss, 6);
	out_num(&o, "lr", s->lr, 6);
	out_num(&o, "samples_per_s", s->samples_per_s, 6);
	out_num(&o, "elapsed", s->elapsed, 6);
	return out_end(&o);
}

size_t proto_fmt_eval(char *buf, size_t size, const struct proto_eval *e)
{
	struct out o;

	out_begin(&o, buf, size, "eval");
	out_int(&o, "step", e->step);
	out_int(&o, "epoch", e->epoch);
	out_int(&o, "epochs", e->epochs);
	out_num(&o, "val_loss", e->val_loss, 6);
	out_num(&o, "val_acc", e->val_acc, 6);
	out_num(&o, "elapsed", e->elapsed, 6);
	return out_end(&o);
}

size_t proto_fmt_info(char *buf, size_t size, const char *msg)
{
	struct out o;

	out_begin(&o, buf, size, "info");
	out_jstr(&o, "msg", msg, PROTO_MSG_MAX);
	return out_end(&o);
}

size_t proto_fmt_end(char *buf, size_t size, int64_t step, double elapsed, const char *status)
{
	struct out o;

	out_begin(&o, buf, size, "end");
	out_int(&o, "step", step);
	out_num(&o, "elapsed", elapsed, 6);
	out_jstr(&o, "status", status, PROTO_STR_MAX);
	return out_end(&o);
}
