/* parse_util.c — the scanning pieces every recogniser uses: numbers without
 * strtod (a UI that called setlocale() must not turn "0.5" into 0),
 * logging-prefix skipping and a tolerant key/value tokenizer.  The names
 * those keys may have are in parse_keys.c.
 *
 * Pure: no I/O, no allocation, no mutable state.  Start at ps_kv_next().
 */
#include "parse_int.h"

#include <math.h>
#include <string.h>

const char *ps_skip_sp(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

bool ps_starts(const char *p, const char *end, const char *lit, bool ci)
{
	for (; *lit; lit++, p++) {
		if (p >= end)
			return false;
		if (ci ? pc_lower(*p) != pc_lower(*lit) : *p != *lit)
			return false;
	}
	return true;
}

const char *ps_find_n(const char *p, const char *end, const char *lit, size_t n)
{
	if (p >= end || (size_t)(end - p) < n)
		return NULL;
	for (const char *q = p; (q = memchr(q, lit[0], (size_t)(end - q) - n + 1)) != NULL; q++)
		if (memcmp(q + 1, lit + 1, n - 1) == 0)
			return q;
	return NULL;
}

/* "4,376": a comma and exactly three digits, then no fourth. */
static bool thousands_group(const char *p, const char *end)
{
	return p + 3 < end + 0 && *p == ',' && pc_digit(p[1]) && pc_digit(p[2]) && pc_digit(p[3]) &&
	       (p + 4 >= end || !pc_digit(p[4]));
}

static const double pow10_tab[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static double scale10(double v, int e)
{
	while (e > 22) {
		v *= 1e22;
		e -= 22;
	}
	while (e < -22) {
		v /= 1e22;
		e += 22;
	}
	return e >= 0 ? v * pow10_tab[e] : v / pow10_tab[-e];
}

const char *ps_num(const char *p, const char *end, double *v)
{
	const char *q = p;
	bool neg = false, any = false;
	uint64_t mant = 0;
	int exp10 = 0, sig = 0, intdigits = 0;

	if (q < end && (*q == '-' || *q == '+')) {
		neg = *q == '-';
		q++;
	}
	if (q < end && (*q == 'n' || *q == 'N') && ps_starts(q, end, "nan", true) &&
	    !(q + 3 < end && pc_alpha(q[3]))) {
		*v = NAN;
		return q + 3;
	}
	if (q < end && (*q == 'i' || *q == 'I') && ps_starts(q, end, "inf", true)) {
		size_t n = ps_starts(q, end, "infinity", true) ? 8 : 3;

		if (q + n < end && pc_alpha(q[n]))
			return NULL;
		*v = neg ? -INFINITY : INFINITY;
		return q + n;
	}
	for (bool grouped = false;; grouped = true) {
		while (q < end && pc_digit(*q)) {
			any = true;
			intdigits++;
			if (sig < 19) {
				mant = mant * 10 + (uint64_t)(*q - '0');
				if (mant)
					sig++;
			} else {
				exp10++;
			}
			q++;
		}
		/* Thousands groups only after a first group of 1-3 digits
		 * ("60,000", "4,376"). */
		if (any && thousands_group(q, end) && (grouped || intdigits <= 3)) {
			q++;
			continue;
		}
		break;
	}
	if (q < end && *q == '.') {
		const char *f = q + 1;

		while (f < end && pc_digit(*f)) {
			any = true;
			if (sig < 19) {
				mant = mant * 10 + (uint64_t)(*f - '0');
				if (mant)
					sig++;
				exp10--;
			}
			f++;
		}
		if (any)
			q = f;
	}
	if (!any)
		return NULL;
	if (q < end && (*q == 'e' || *q == 'E')) {
		const char *e = q + 1;
		bool eneg = false;
		int ev = 0;

		if (e < end && (*e == '-' || *e == '+')) {
			eneg = *e == '-';
			e++;
		}
		if (e < end && pc_digit(*e)) {
			while (e < end && pc_digit(*e)) {
				if (ev < 10000)
					ev = ev * 10 + (*e - '0');
				e++;
			}
			exp10 += eneg ? -ev : ev;
			q = e;
		}
	}
	if (exp10 > 400)
		exp10 = 400;
	if (exp10 < -400)
		exp10 = -400;
	*v = mant ? scale10((double)mant, exp10) : 0.0;
	if (neg)
		*v = -*v;
	return q;
}

const char *ps_int(const char *p, const char *end, int64_t *v)
{
	double d;
	const char *q;

	if (p >= end || !pc_digit(*p))
		return NULL;
	q = p;
	while (q < end && (pc_digit(*q) || thousands_group(q, end)))
		q++;
	if (!ps_num(p, q, &d) || d > 4e18)
		return NULL;
	*v = (int64_t)d;
	return q;
}

static bool is_level(const char *p, const char *end, const char **after)
{
	static const char *const levels[] = {"INFO",  "WARNING",  "WARN",   "ERROR",
	                                     "DEBUG", "CRITICAL", "NOTICE", "TRACE"};

	if (!strchr("IWEDCNT", *p))
		return false;
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		size_t l = strlen(levels[i]);

		if (ps_starts(p, end, levels[i], false) &&
		    (p + l == end || p[l] == ' ' || p[l] == ':' || p[l] == ']' || p[l] == '|')) {
			*after = p + l;
			return true;
		}
	}
	return false;
}

/* 2024-06-21[ T]10:10:10[,.]123[Z] or 10:10:10[.123] */
static const char *skip_timestamp(const char *p, const char *end)
{
	const char *q = p;

	if (end - q >= 10 && pc_digit(q[0]) && pc_digit(q[1]) && pc_digit(q[2]) && pc_digit(q[3]) &&
	    q[4] == '-' && pc_digit(q[5]) && pc_digit(q[6]) && q[7] == '-' && pc_digit(q[8]) &&
	    pc_digit(q[9])) {
		q += 10;
		if (q + 1 < end && (*q == ' ' || *q == 'T') && pc_digit(q[1]))
			q++;
		else
			return q;
	}
	if (end - q >= 5 && pc_digit(q[0]) && pc_digit(q[1]) && q[2] == ':' && pc_digit(q[3]) &&
	    pc_digit(q[4])) {
		q += 5;
		if (q + 2 < end && *q == ':' && pc_digit(q[1]) && pc_digit(q[2]))
			q += 3;
		if (q + 1 < end && (*q == ',' || *q == '.') && pc_digit(q[1]))
			for (q++; q < end && pc_digit(*q); q++)
				;
		if (q < end && *q == 'Z')
			q++;
		return q;
	}
	return q == p ? p : q;
}

/* "[...]" that holds a timestamp, a level, a rank or a source location, not
 * data such as "[1/10]" or a Keras bar. */
static const char *skip_tag(const char *p, const char *end)
{
	const char *q = p + 1, *close;
	size_t n;

	close = memchr(q, ']', (size_t)(end - q) < 80 ? (size_t)(end - q) : 80);
	if (!close)
		return p;
	n = (size_t)(close - q);
	if (ps_starts(q, close, "epoch", true) || ps_starts(q, close, "step", true) ||
	    ps_starts(q, close, "iter", true) || n == 0)
		return p;
	for (const char *r = q; r < close; r++)
		if (!(pc_alpha(*r) || pc_digit(*r) || strchr("_ .:,-+", *r)))
			return p;
	close++;
	if (close < end && *close == ':')
		close++;
	return close;
}

const char *ps_skip_prefix(const char *p, const char *end, struct ps_rank *rank)
{
	bool stripped = false;

	for (int round = 0; round < 10; round++) {
		const char *q, *a;

		p = ps_skip_sp(p, end);
		if (p >= end)
			break;
		q = p;
		if (*p == '[' && (a = ps_rank_tag(p, end, rank)) != NULL)
			q = a;
		else if (*p == '[')
			q = skip_tag(p, end);
		else if (end - p > 6 && strchr("IWEF", *p) && pc_digit(p[1]) && pc_digit(p[2]) &&
		         pc_digit(p[3]) && pc_digit(p[4]) && p[5] == ' ') {
			/* glog: "I1129 10:00:00.123456 12345 file.cc:42] " */
			const char *r =
			        memchr(p, ']', (size_t)(end - p) < 96 ? (size_t)(end - p) : 96);

			if (r)
				q = r + 1;
		} else if (pc_digit(*p))
			q = skip_timestamp(p, end);
		else if (is_level(p, end, &a)) {
			q = a;
			/* Python's default "INFO:root:message" */
			if (q < end && *q == ':') {
				const char *r = q + 1;

				while (r < end &&
				       (pc_alpha(*r) || pc_digit(*r) || *r == '_' || *r == '.'))
					r++;
				q = r < end && *r == ':' && r > q + 1 ? r + 1 : q + 1;
			}
		} else if (stripped && (*p == '-' || *p == '|') && p + 1 < end && p[1] == ' ') {
			q = p + 2;
		} else if (stripped && (pc_alpha(*p) || *p == '_')) {
			/* a logger name between separators: "root - ", "train_inner | " */
			const char *r = p;

			while (r < end && (pc_alpha(*r) || pc_digit(*r) || *r == '_' || *r == '.'))
				r++;
			if (r + 2 < end && r[0] == ' ' && (r[1] == '-' || r[1] == '|') &&
			    r[2] == ' ')
				q = r + 3;
		}
		if (q == p)
			break;
		stripped = true;
		p = q;
	}
	return p;
}

static bool key_start(char c)
{
	return pc_alpha(c) || c == '_';
}

static bool key_char(char c)
{
	return pc_alpha(c) || pc_digit(c) || c == '_' || c == '.' || c == '/' || c == '@' ||
	       c == '-';
}

static bool rate_slash(const char *q, const char *end)
{
	if (ps_starts(q, end, "/s", false))
		return q + 2 >= end || !key_char(q[2]);
	if (ps_starts(q, end, "/it", false))
		return q + 3 >= end || !key_char(q[3]);
	return false;
}

/* The value after a separator: an optional '[' / '(' (DeepSpeed's lr=[1e-4]),
 * a quoted string or a number with its unit and an optional "/total". */
static const char *kv_value(const char *p, const char *end, struct kv *kv)
{
	const char *q;
	int open = 0;
	size_t u = 0;

	p = ps_skip_sp(p, end);
	while (p < end && (*p == '[' || *p == '(') && open < 2) {
		p = ps_skip_sp(p + 1, end);
		open++;
	}
	kv->val = p;
	if (p < end && (*p == '\'' || *p == '"')) {
		char quote = *p++;

		kv->val = p;
		while (p < end && *p != quote)
			p++;
		kv->vlen = (size_t)(p - kv->val);
		kv->quoted = true;
		return p < end ? p + 1 : p;
	}
	q = ps_num(p, end, &kv->num);
	if (!q) {
		while (p < end && !strchr(" ,;|)]}", *p))
			p++;
		kv->vlen = (size_t)(p - kv->val);
		return p;
	}
	kv->isnum = true;
	if (q < end && *q == '/') {
		const char *r = ps_skip_sp(q + 1, end), *s;
		double of;

		if ((s = ps_num(r, end, &of)) != NULL) {
			kv->has_of = true;
			kv->of = of;
			q = s;
		}
	}
	/* A unit: letters and '%', and "/s" or "/it" as in "36.1it/s" (not
	 * DeepSpeed's "epoch=0/micro_step=10"). */
	while (q < end && u + 1 < sizeof kv->unit &&
	       (pc_alpha(*q) || *q == '%' || rate_slash(q, end)))
		kv->unit[u++] = pc_lower(*q++);
	kv->unit[u] = '\0';
	kv->vlen = (size_t)(q - kv->val);
	return q;
}

static bool qualifier_word(const char *w, size_t n)
{
	static const char *const words[] = {"train",        "training", "val",        "valid",
	                                    "validation",   "eval",     "evaluation", "test",
	                                    "total",        "max",      "num",        "learning",
	                                    "grad",         "gradient", "lm",         "scheduled",
	                                    "optimization", "global",   "elapsed",    "current"};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && ps_starts(w, w + n, words[i], true))
			return true;
	return false;
}

/* Joins up to two qualifier words to a name ("learning rate", "Total
 * optimization steps") and looks the longest known form up. */
static enum pkey qualified(const char *w[2], const size_t wl[2], const char *k, size_t kl)
{
	char b[48];

	if (!w[1] || !qualifier_word(w[1], wl[1]))
		return ps_key(k, kl);

	for (int nw = 2; nw >= 1; nw--) {
		size_t n = 0;
		bool ok = true;

		for (int i = 2 - nw; i < 2 && ok; i++) {
			if (!w[i] || n + wl[i] + 1 >= sizeof b) {
				ok = false;
				break;
			}
			memcpy(b + n, w[i], wl[i]);
			n += wl[i];
			b[n++] = '_';
		}
		if (!ok || n + kl >= sizeof b)
			continue;
		memcpy(b + n, k, kl);
		n += kl;
		enum pkey id = ps_key(b, n);
		if (id != PK_NONE)
			return id;
	}
	return ps_key(k, kl);
}

static void kv_units(struct kv *kv)
{
	if (kv->id == PK_STEP_TIME_MS) {
		kv->num /= 1e3;
		kv->id = PK_STEP_TIME;
	} else if (kv->id == PK_STEP_TIME) {
		if (strncmp(kv->unit, "ms", 2) == 0)
			kv->num /= 1e3;
		else if (strncmp(kv->unit, "us", 2) == 0)
			kv->num /= 1e6;
	}
}

/* "3000 tok/s", "105.52 ms", "256/s", "36.1it/s": a number then a unit
 * that names the quantity. */
static bool value_first(const char *p, const char *end, const char **after, struct kv *kv)
{
	const char *q = ps_num(p, end, &kv->num), *u;

	if (!q || !pc_digit(*p))
		return false;
	*after = q;
	u = q < end && *q == ' ' ? q + 1 : q;
	if (u < end && *u == '/' && u + 1 < end && u[1] == 's' &&
	    (u + 2 == end || !key_char(u[2]))) {
		kv->key = "samples/s";
		kv->klen = 9;
		kv->id = PK_SAMPLES;
		*after = u + 2;
	} else {
		const char *e = u;

		while (e < end && key_char(*e))
			e++;
		kv->id = ps_key(u, (size_t)(e - u));
		if (kv->id != PK_TOKS && kv->id != PK_SAMPLES && kv->id != PK_ITS &&
		    kv->id != PK_STEP_TIME_MS)
			return false;
		kv->key = u;
		kv->klen = (size_t)(e - u);
		*after = e;
	}
	kv->val = p;
	kv->vlen = (size_t)(q - p);
	kv->isnum = true;
	kv_units(kv);
	return true;
}

bool ps_kv_next(const char **pp, const char *end, bool loose, struct kv *kv)
{
	const char *p = *pp;
	/* The plain words just before p, one space apart: they may qualify
	 * the next name ("val loss", "Total optimization steps"). */
	const char *w[2] = {NULL, NULL};
	size_t wl[2] = {0, 0};
	const char *chain_end = NULL;

	while (p < end) {
		const char *ks, *ke, *q;
		bool adj;

		if (!key_start(*p)) {
			if (pc_digit(*p) && (p == *pp || !key_char(p[-1]))) {
				memset(kv, 0, sizeof *kv);
				if (loose && value_first(p, end, &q, kv)) {
					*pp = q;
					return true;
				}
				while (p < end && key_char(*p))
					p++;
				continue;
			}
			p++;
			continue;
		}
		ks = p;
		while (p < end && key_char(*p))
			p++;
		ke = p;
		while (ke > ks + 1 && (ke[-1] == '.' || ke[-1] == '-' || ke[-1] == '/'))
			ke--;
		adj = chain_end && chain_end + 1 == ks && *chain_end == ' ';
		memset(kv, 0, sizeof *kv);
		kv->key = ks;
		kv->klen = (size_t)(ke - ks);
		q = ps_skip_sp(ke, end);
		if (q < end && ((*q == '=' && (q + 1 >= end || q[1] != '=')) ||
		                (*q == ':' && (q + 1 >= end || (q[1] != ':' && q[1] != '/'))))) {
			kv->spaced = *q == '=' && q > ke && q + 1 < end && q[1] == ' ';
			kv->id = adj ? qualified(w, wl, ks, kv->klen) : ps_key(ks, kv->klen);
			p = kv_value(q + 1, end, kv);
			kv_units(kv);
			*pp = p;
			return true;
		}
		if (loose && ke == p && q > ke && q < end &&
		    (pc_digit(*q) || (*q == '[' && q + 1 < end) ||
		     ((*q == '-' || *q == '.') && q + 1 < end && pc_digit(q[1])))) {
			kv->id = adj ? qualified(w, wl, ks, kv->klen) : ps_key(ks, kv->klen);
			if (kv->id != PK_NONE) {
				const char *r = kv_value(q, end, kv);

				if (kv->isnum) {
					kv_units(kv);
					*pp = r;
					return true;
				}
			}
		}
		if (!adj)
			w[1] = NULL;
		w[0] = w[1];
		wl[0] = wl[1];
		w[1] = ks;
		wl[1] = (size_t)(p - ks);
		chain_end = p;
	}
	*pp = p;
	return false;
}
