/* value.c — exact decimal text <-> a field's integer unit.
 *
 * "1,000.50" dollars becomes 100050 cents, "0.000002" a price of 2
 * micro-dollars and "0.3" becomes α 300000 without
 * strtod: the digits are shifted as text, so nothing is ever rounded.  Must
 * not check ranges (budget_set/budget_check do) and must not touch floats.
 * Money alone may carry a sign.  Start at budget_value_parse().
 */
#include "capdash/budget.h"
#include "capdash/i18n.h"

#include <ctype.h>
#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>
#include <strings.h>

/* Longer input is certainly garbage or overflow; it is quoted shortened. */
#define VALUE_QUOTE_MAX 40

/* Powers of ten that shift the digits into the unit: cents are hundredths of
 * a dollar, unit prices are millionths of a dollar, α is in millionths. */
static int unit_scale(enum budget_unit unit)
{
	switch (unit) {
	case BUDGET_UNIT_CENTS:
		return 2;
	case BUDGET_UNIT_ALPHA:
	case BUDGET_UNIT_MICROS:
		return 6;
	case BUDGET_UNIT_COUNT:
	case BUDGET_UNIT_MONTHS:
		break;
	}
	return 0;
}

static const char *expected(enum budget_unit unit)
{
	switch (unit) {
	case BUDGET_UNIT_COUNT:
		return _("a whole number such as 500000, 500,000 or 5e5");
	case BUDGET_UNIT_MONTHS:
		return _("a whole number of months such as 12");
	case BUDGET_UNIT_CENTS:
		return _("an amount in dollars such as 200000, $1,000.50 or 0.25");
	case BUDGET_UNIT_ALPHA:
		return _("a ratio such as 0.3 or 30%");
	case BUDGET_UNIT_MICROS:
		return _("a price in dollars such as 2.49, $5 or 0.000002");
	}
	return _("a number");
}

/* s quoted for a message: shortened, control bytes shown as '?'. */
static char *quote(const char *s, char *buf, size_t size)
{
	size_t n = 0, len = strlen(s);

	buf[n++] = '"';
	for (size_t i = 0; i < len && i < VALUE_QUOTE_MAX && n + 5 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (len > VALUE_QUOTE_MAX && n + 5 < size) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return buf;
}

/* Append one digit to *v; -1 when the result would pass INT64_MAX. */
static int push_digit(int64_t *v, int d)
{
	if (*v > (INT64_MAX - d) / 10)
		return -1;
	*v = *v * 10 + d;
	return 0;
}

/* 1-based character position of p in s, for "the ',' at character 4". */
static unsigned char_pos(const char *s, const char *p)
{
	unsigned n = 1;

	for (; s < p; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The units capdash prints after money ("$29.67M", "2,966.67万", "2.97亿"),
 * as powers of ten.  Counts take them too ("2M" samples). */
static const struct {
	const char *text;
	int exp10;
} unit_suffixes[] = {
        {"k", 3},
        {"K", 3},
        {"m", 6},
        {"M", 6},
        {"b", 9},
        {"B", 9},
        {"t", 12},
        {"T", 12},
        {"\xe4\xb8\x87", 4}, /* 万 */
        {"\xe4\xba\xbf", 8}, /* 亿 */
};

/* The power of ten of the unit suffix in [p, end), -1 when it is none. */
static int suffix_exp(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	for (size_t i = 0; i < sizeof unit_suffixes / sizeof unit_suffixes[0]; i++)
		if (strlen(unit_suffixes[i].text) == n && !memcmp(p, unit_suffixes[i].text, n))
			return unit_suffixes[i].exp10;
	return -1;
}

static int sep_error(struct cd_err *err, enum budget_unit unit, const char *q, const char *s,
                     const char *at, const char *why)
{
	unsigned pos = char_pos(s, at);

	cd_err_set(err, CD_ERR_TYPE, NULL, 0, pos,
	           _("expected %s, got %s: the '%c' at character %u %s"), expected(unit), q, *at,
	           pos, why);
	return -1;
}

int budget_value_parse(const char *s, enum budget_unit unit, int64_t *out, struct cd_err *err)
{
	char q[VALUE_QUOTE_MAX + 8], mant[64];
	const char *p, *end, *last_sep = NULL, *first_digit = NULL;
	size_t nmant = 0;
	int nfrac = 0, ndigits = 0, group = 0, shift, exp10 = 0, suffix = 0;
	int64_t v = 0;
	bool seen_point = false, percent = false, negative = false;
	char sep = 0;

	if (!s)
		s = "";
	p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (p == end)
		return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0, _("expected %s, got nothing"),
		                  expected(unit));
	quote(s, q, sizeof q);
	/* Money may be negative (a credit line, "-$500"); whether a field
	 * takes it is its range's business (budget_check), which then says
	 * "expected an amount from $0 to ...". */
	if (unit == BUDGET_UNIT_CENTS && (*p == '-' || *p == '+'))
		negative = *p++ == '-';
	else if (*p == '-' || *p == '+')
		return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
		                  _("expected %s, with no sign (values are 0 or more), got %s"),
		                  expected(unit), q);
	if ((unit == BUDGET_UNIT_CENTS || unit == BUDGET_UNIT_MICROS) && *p == '$')
		p++;
	if (unit == BUDGET_UNIT_ALPHA && end[-1] == '%') {
		percent = true;
		end--;
	}
	if ((size_t)(end - p) >= 3 && (!strncasecmp(p, "nan", 3) || !strncasecmp(p, "inf", 3)))
		return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0,
		                  _("expected %s, got %s (not a finite number)"), expected(unit),
		                  q);

	/* Digits, grouped in threes by ',' or '_' before the point, then an
	 * optional fraction.  A separator anywhere else is refused rather than
	 * dropped: "1,0" is not 10 and a European "2,5" is not 25. */
	for (; p < end; p++) {
		if (isdigit((unsigned char)*p)) {
			if (!first_digit)
				first_digit = p;
			ndigits++;
			if (seen_point)
				nfrac++;
			else
				group++;
			if (nmant == 0 && *p == '0' && !seen_point)
				continue;
			if (nmant == sizeof mant)
				return cd_err_set(
				        err, CD_ERR_RANGE, NULL, 0, 0,
				        _("expected %s, got %s, which is too large or too long"),
				        expected(unit), q);
			mant[nmant++] = *p;
		} else if (*p == ',' || *p == '_') {
			if (seen_point)
				return sep_error(
				        err, unit, q, s, p,
				        _("stands after the decimal point (separators group "
				          "whole digits in threes, as in 1,000,000.50)"));
			if (sep && *p != sep)
				return sep_error(err, unit, q, s, p,
				                 _("mixes ',' and '_' (use one separator)"));
			if (!ndigits || p + 1 >= end || !isdigit((unsigned char)p[1]))
				return sep_error(err, unit, q, s, p,
				                 _("must stand between digits (as in 1,000,000)"));
			if (!last_sep && (group > 3 || *first_digit == '0'))
				return sep_error(err, unit, q, s, p,
				                 _("does not separate groups of three digits "
				                   "(as in 1,000,000; a decimal point is '.')"));
			if (last_sep && group != 3)
				return sep_error(err, unit, q, s, last_sep,
				                 _("does not separate groups of three digits "
				                   "(as in 1,000,000; a decimal point is '.')"));
			sep = *p;
			last_sep = p;
			group = 0;
		} else if (*p == '.' && !seen_point) {
			if (last_sep && group != 3)
				return sep_error(err, unit, q, s, last_sep,
				                 _("does not separate groups of three digits "
				                   "(as in 1,000,000; a decimal point is '.')"));
			seen_point = true;
		} else {
			break;
		}
	}
	if (ndigits == 0)
		return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0, _("expected %s, got %s"),
		                  expected(unit), q);
	if (last_sep && !seen_point && group != 3)
		return sep_error(err, unit, q, s, last_sep,
		                 _("does not separate groups of three digits "
		                   "(as in 1,000,000; a decimal point is '.')"));
	if (p < end && (*p == 'e' || *p == 'E')) {
		const char *e = p + 1;

		if (unit != BUDGET_UNIT_COUNT)
			return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0,
			                  _("expected %s (scientific notation such as 5e5 is "
			                    "accepted for counts only), got %s"),
			                  expected(unit), q);
		if (e < end && *e == '+')
			e++;
		if (e == end || !isdigit((unsigned char)*e))
			return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0, _("expected %s, got %s"),
			                  expected(unit), q);
		for (; e < end && isdigit((unsigned char)*e); e++)
			if (exp10 < 1000)
				exp10 = exp10 * 10 + (*e - '0');
		p = e;
	} else if (p < end && unit != BUDGET_UNIT_ALPHA && unit != BUDGET_UNIT_MONTHS) {
		const char *u = p;

		while (u < end && (*u == ' ' || *u == '\t'))
			u++;
		suffix = u < end ? suffix_exp(u, end) : -1;
		if (suffix < 0 && u < end && isalpha((unsigned char)*u)) {
			const char *w = u;

			while (w < end && isalpha((unsigned char)*w))
				w++;
			if (w == end)
				return cd_err_set(
				        err, CD_ERR_TYPE, NULL, 0, char_pos(s, u),
				        _("expected %s, got %s: unknown unit \"%.*s\" "
				          "(expected k, M, B, T or \xe4\xb8\x87, as in 40M)"),
				        expected(unit), q, (int)(w - u > 8 ? 8 : w - u), u);
		}
		if (suffix >= 0) {
			exp10 = suffix;
			p = end;
		}
	}
	if (p != end)
		return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0, _("expected %s, got %s"),
		                  expected(unit), q);

	/* value = mant × 10^shift; a negative shift drops digits that must be 0. */
	shift = exp10 - nfrac + unit_scale(unit) - (percent ? 2 : 0);
	while (shift < 0 && nmant > 0) {
		if (mant[nmant - 1] != '0') {
			if (unit == BUDGET_UNIT_CENTS)
				return cd_err_set(
				        err, CD_ERR_TYPE, NULL, 0, 0,
				        _("expected at most 2 decimals (whole cents), got %s"), q);
			if (unit == BUDGET_UNIT_MICROS)
				return cd_err_set(
				        err, CD_ERR_TYPE, NULL, 0, 0,
				        _("expected a price with at most 6 decimals (whole "
				          "micro-dollars, $0.000001), got %s"),
				        q);
			if (unit == BUDGET_UNIT_ALPHA)
				return cd_err_set(
				        err, CD_ERR_TYPE, NULL, 0, 0,
				        _("expected a ratio with at most 6 decimals (%s), got %s"),
				        percent ? _("4 for a percentage") : "0.000001", q);
			return cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0,
			                  _("expected a whole number, got %s"), q);
		}
		nmant--;
		shift++;
	}
	for (size_t i = 0; i < nmant; i++)
		if (push_digit(&v, mant[i] - '0') < 0)
			goto too_large;
	for (; nmant > 0 && shift > 0; shift--)
		if (push_digit(&v, 0) < 0)
			goto too_large;
	*out = negative ? -v : v;
	return 0;
too_large:
	return cd_err_set(err, CD_ERR_RANGE, NULL, 0, 0,
	                  _("expected %s, got %s, which is too large"), expected(unit), q);
}

/* v / 10^scale as a decimal with trailing zeros of the fraction dropped. */
static char *put_scaled(int64_t v, int scale, char *buf, size_t size)
{
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t one = 1;
	char frac[16];
	int n;

	for (int i = 0; i < scale; i++)
		one *= 10;
	n = snprintf(frac, sizeof frac, "%0*llu", scale, (unsigned long long)(m % one));
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	snprintf(buf, size, "%s%llu%s%s", v < 0 ? "-" : "", (unsigned long long)(m / one),
	         n ? "." : "", frac);
	return buf;
}

char *budget_value_str(enum budget_unit unit, int64_t v, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (unit == BUDGET_UNIT_COUNT || unit == BUDGET_UNIT_MONTHS)
		snprintf(buf, size, "%lld", (long long)v);
	else
		put_scaled(v, unit_scale(unit), buf, size);
	return buf;
}

char *budget_value_display(enum budget_unit unit, int64_t v, char *buf, size_t size)
{
	if (!size)
		return buf;
	switch (unit) {
	case BUDGET_UNIT_COUNT:
	case BUDGET_UNIT_MONTHS:
		return count_format(v, buf, size);
	case BUDGET_UNIT_CENTS:
		return money_format(v, v % 100 ? MONEY_CENTS : MONEY_WHOLE, buf, size);
	case BUDGET_UNIT_ALPHA:
		return put_scaled(v, 6, buf, size);
	case BUDGET_UNIT_MICROS:
		return price_format(v, buf, size);
	}
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}
