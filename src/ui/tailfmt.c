/* tailfmt.c — capdash protocol lines as short human text for the training
 * pane's output tail (tailfmt.h).
 *
 * A small scanner for flat JSON objects, enough for what capdash-train
 * writes: string, number, true/false/null values; nested values are
 * skipped.  Anything it cannot read is "not a protocol line", and the
 * caller shows the line as it is.  Numbers are read without strtod, so a
 * locale set for the terminal cannot change them.  Start at tailfmt_line.
 */
#include "tailfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "capdash/i18n.h"
#include "runfmt.h"

#define TF_STR 160 /* longest string kept (msg, names); longer ones are cut */

struct tf_fields {
	bool is_proto;
	char event[16], msg[TF_STR], model[48], data[48], status[24];
	double step, total, epoch, epochs, loss, val_loss, val_acc;
	unsigned has; /* TF_* bits */
};

enum {
	TF_STEP = 1u << 0,
	TF_TOTAL = 1u << 1,
	TF_EPOCH = 1u << 2,
	TF_EPOCHS = 1u << 3,
	TF_LOSS = 1u << 4,
	TF_VLOSS = 1u << 5,
	TF_VACC = 1u << 6
};

static const char *ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A JSON string at s (on '"'): its text, escapes decoded as far as ASCII
 * goes (\uXXXX becomes '?'), into buf; returns the end, NULL if malformed. */
static const char *str(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (s++; *s && *s != '"'; s++) {
		char c = *s;

		if (c == '\\') {
			c = *++s;
			if (!c)
				return NULL;
			if (c == 'u') {
				for (int i = 0; i < 4; i++)
					if (!*++s)
						return NULL;
				c = '?';
			} else if (c == 'n' || c == 't' || c == 'r') {
				c = ' ';
			} else if (c == 'b' || c == 'f') {
				continue;
			}
		}
		if (n + 1 < size)
			buf[n++] = c;
	}
	if (size)
		buf[n] = 0;
	return *s == '"' ? s + 1 : NULL;
}

/* A JSON number at s, locale-free; returns the end, NULL if none. */
static const char *num(const char *s, double *v)
{
	double m = 0, scale = 1;
	int neg = 0, ex = 0, eneg = 0, digits = 0;

	if (*s == '-')
		neg = 1, s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		m = m * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++)
			m += (*s - '0') * (scale /= 10);
	if (!digits)
		return NULL;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			eneg = *s++ == '-';
		if (*s < '0' || *s > '9')
			return NULL;
		for (; *s >= '0' && *s <= '9'; s++)
			ex = ex < 400 ? ex * 10 + (*s - '0') : ex;
	}
	*v = (neg ? -m : m) * pow(10, eneg ? -ex : ex);
	return s;
}

/* Skips a nested object or array at s; strings inside may hold brackets. */
static const char *skip_nested(const char *s)
{
	int depth = 0;
	char tmp[2];

	while (*s) {
		if (*s == '"') {
			if (!(s = str(s, tmp, sizeof tmp)))
				return NULL;
			continue;
		}
		if (*s == '{' || *s == '[')
			depth++;
		else if ((*s == '}' || *s == ']') && --depth == 0)
			return s + 1;
		s++;
	}
	return NULL;
}

static void put_num(struct tf_fields *f, const char *key, double v)
{
	static const struct {
		const char *key;
		size_t off;
		unsigned bit;
	} k[] = {
	        {"step", offsetof(struct tf_fields, step), TF_STEP},
	        {"total_steps", offsetof(struct tf_fields, total), TF_TOTAL},
	        {"epoch", offsetof(struct tf_fields, epoch), TF_EPOCH},
	        {"epochs", offsetof(struct tf_fields, epochs), TF_EPOCHS},
	        {"loss", offsetof(struct tf_fields, loss), TF_LOSS},
	        {"val_loss", offsetof(struct tf_fields, val_loss), TF_VLOSS},
	        {"val_acc", offsetof(struct tf_fields, val_acc), TF_VACC},
	};

	if (!strcmp(key, "capdash")) {
		f->is_proto = v >= 1;
		return;
	}
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (!strcmp(key, k[i].key) && isfinite(v)) {
			memcpy((char *)f + k[i].off, &v, sizeof v);
			f->has |= k[i].bit;
		}
}

static void put_str(struct tf_fields *f, const char *key, const char *v)
{
	char *dst = !strcmp(key, "event")    ? f->event
	            : !strcmp(key, "msg")    ? f->msg
	            : !strcmp(key, "model")  ? f->model
	            : !strcmp(key, "data")   ? f->data
	            : !strcmp(key, "status") ? f->status
	                                     : NULL;
	size_t size = dst == f->event    ? sizeof f->event
	              : dst == f->msg    ? sizeof f->msg
	              : dst == f->status ? sizeof f->status
	                                 : sizeof f->model;

	if (dst)
		snprintf(dst, size, "%s", v);
}

/* The whole line must be one object: {"k":v,...} and nothing after. */
static bool scan(const char *s, struct tf_fields *f)
{
	char key[32], sval[TF_STR];

	memset(f, 0, sizeof *f);
	s = ws(s);
	if (*s++ != '{')
		return false;
	s = ws(s);
	if (*s == '}')
		return false;
	for (;;) {
		double v;

		if (*s != '"' || !(s = str(s, key, sizeof key)))
			return false;
		s = ws(s);
		if (*s++ != ':')
			return false;
		s = ws(s);
		if (*s == '"') {
			if (!(s = str(s, sval, sizeof sval)))
				return false;
			put_str(f, key, sval);
		} else if (*s == '{' || *s == '[') {
			if (!(s = skip_nested(s)))
				return false;
		} else if (!strncmp(s, "null", 4) || !strncmp(s, "true", 4)) {
			s += 4;
		} else if (!strncmp(s, "false", 5)) {
			s += 5;
		} else {
			if (!(s = num(s, &v)))
				return false;
			put_num(f, key, v);
		}
		s = ws(s);
		if (*s == '}')
			break;
		if (*s++ != ',')
			return false;
		s = ws(s);
	}
	return *ws(s + 1) == 0;
}

static int64_t whole(double v)
{
	return v > 9e15 ? (int64_t)9e15 : v < -9e15 ? (int64_t)-9e15 : (int64_t)v;
}

static void fmt_step(const struct tf_fields *f, char *out, size_t size)
{
	char st[2 * RUNFMT_MAX], loss[40] = "";

	if (f->has & TF_STEP)
		runfmt_step(st, sizeof st, whole(f->step), f->has & TF_TOTAL ? whole(f->total) : 0);
	else
		snprintf(st, sizeof st, "?");
	if (f->has & TF_LOSS)
		snprintf(loss, sizeof loss, _("  loss %.4f"), f->loss);
	snprintf(out, size, _("step %s%s"), st, loss);
}

static void fmt_eval(const struct tf_fields *f, char *out, size_t size)
{
	char ep[40] = "", vl[40] = "", va[40] = "";

	if (f->has & TF_EPOCH)
		snprintf(ep, sizeof ep, _("epoch %lld"), (long long)whole(f->epoch));
	else if (f->has & TF_STEP)
		snprintf(ep, sizeof ep, _("step %lld"), (long long)whole(f->step));
	else
		snprintf(ep, sizeof ep, "%s", _("eval"));
	if (f->has & TF_VLOSS)
		snprintf(vl, sizeof vl, _("  val loss %.4f"),
		         f->val_loss); /* as the summary names it */
	if (f->has & TF_VACC)
		snprintf(va, sizeof va, _("  val acc %.1f%%"), f->val_acc * 100.0);
	snprintf(out, size, "%s%s%s", ep, vl, va);
}

static void fmt_start(const struct tf_fields *f, char *out, size_t size)
{
	char what[120], ep[40] = "", steps[2 * RUNFMT_MAX + 16] = "", n[RUNFMT_MAX];

	if (f->data[0])
		snprintf(what, sizeof what, _("%s on %s"), f->model[0] ? f->model : _("training"),
		         f->data);
	else
		snprintf(what, sizeof what, "%s", f->model[0] ? f->model : _("training"));
	if (f->has & TF_EPOCHS)
		snprintf(ep, sizeof ep,
		         NG_(", %lld epoch", ", %lld epochs", (unsigned long)whole(f->epochs)),
		         (long long)whole(f->epochs));
	if (f->has & TF_TOTAL)
		snprintf(steps, sizeof steps,
		         NG_(", %s step", ", %s steps", (unsigned long)whole(f->total)),
		         runfmt_count(n, sizeof n, whole(f->total)));
	snprintf(out, size, _("start: %s%s%s"), what, ep, steps);
}

bool tailfmt_line(const char *line, char *out, size_t size)
{
	struct tf_fields f;

	if (!size || !scan(line, &f) || !f.is_proto)
		return false;
	if (!strcmp(f.event, "step"))
		fmt_step(&f, out, size);
	else if (!strcmp(f.event, "eval"))
		fmt_eval(&f, out, size);
	else if (!strcmp(f.event, "info"))
		snprintf(out, size, "%s", f.msg);
	else if (!strcmp(f.event, "start"))
		fmt_start(&f, out, size);
	else if (!strcmp(f.event, "end"))
		if (f.status[0] && strcmp(f.status, "ok"))
			snprintf(out, size, _("ended: %s"), f.status);
		else
			snprintf(out, size, "%s", _("done"));
	else
		return false;
	return true;
}
