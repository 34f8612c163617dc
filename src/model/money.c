/* money.c — the one place where cents (and micro-dollar prices) become text.
 *
 * Every style rounds half away from zero and works on the unsigned magnitude,
 * so INT64_MIN formats without overflow.  Must not do money arithmetic for
 * anyone else and must not use floating point.  Start at money_format().
 */
#include "capdash/budget.h"
#include "capdash/common.h"

#include <stdio.h> /* snprintf only: no I/O here */
#include <string.h>

/* Hundredths of 万 (10^4 dollars) and of 亿 (10^8 dollars), in cents; 1亿
 * is 1,000,000 hundredths of 万. */
#define WAN_HUNDREDTH UINT64_C(10000)
#define YI_HUNDREDTH UINT64_C(100000000)
#define YI_IN_WAN_HUNDREDTHS UINT64_C(1000000)

/* |v| without the INT64_MIN overflow. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* n / d rounded half away from zero (n is a magnitude; d > 0 and even, so
 * n + d / 2 cannot wrap for n <= 2^63). */
static uint64_t div_round(uint64_t n, uint64_t d)
{
	return (n + d / 2) / d;
}

/* Decimal digits of n into out with a ',' every three digits when grouped.
 * out must hold 27 bytes.  Returns out. */
static char *digits(uint64_t n, int grouped, char *out)
{
	char tmp[32];
	size_t len = 0, k = 0;

	do {
		if (grouped && k && k % 3 == 0)
			tmp[len++] = ',';
		tmp[len++] = (char)('0' + n % 10);
		n /= 10;
		k++;
	} while (n);
	for (size_t i = 0; i < len; i++)
		out[i] = tmp[len - 1 - i];
	out[len] = '\0';
	return out;
}

/* "<sign><prefix><int>.<frac><suffix>" where the value is hundredths of a
 * unit; frac is always two digits. */
static char *put_hundredths(char *buf, size_t size, const char *sign, const char *prefix,
                            uint64_t hundredths, int grouped, const char *suffix)
{
	char d[32];

	snprintf(buf, size, "%s%s%s.%02u%s", sign, prefix, digits(hundredths / 100, grouped, d),
	         (unsigned)(hundredths % 100), suffix);
	return buf;
}

/* Format the magnitude m (cents) with sign text already decided. */
static char *format_mag(uint64_t m, const char *sign, enum money_style style, char *buf,
                        size_t size)
{
	static const struct {
		uint64_t cents; /* one unit, in cents */
		const char *suffix;
	} units[] = {
	        {UINT64_C(100000), "K"},
	        {UINT64_C(100000000), "M"},
	        {UINT64_C(100000000000), "B"},
	        {UINT64_C(100000000000000), "T"},
	};
	char d[32];
	size_t u;

	switch (style) {
	case MONEY_WHOLE:
		snprintf(buf, size, "%s$%s", sign, digits(div_round(m, 100), 1, d));
		return buf;
	case MONEY_CENTS:
		return put_hundredths(buf, size, sign, "$", m, 1, "");
	case MONEY_K:
		return put_hundredths(buf, size, sign, "$", div_round(m, 1000), 1, "K");
	case MONEY_M:
		return put_hundredths(buf, size, sign, "$", div_round(m, 1000000), 1, "M");
	case MONEY_WAN:
		/* 万 (10^4 dollars) with two decimals and thousands separators on
		 * the 万 figure, as Chinese readers write it; from 1亿 (10^8
		 * dollars, after rounding: $99,999,950 is 1.00亿, not
		 * 10,000.00万) 亿 with two decimals. */
		if (div_round(m, WAN_HUNDREDTH) < YI_IN_WAN_HUNDREDTHS)
			return put_hundredths(buf, size, sign, "", div_round(m, WAN_HUNDREDTH), 1,
			                      "\xe4\xb8\x87"); /* 万 */
		return put_hundredths(buf, size, sign, "", div_round(m, YI_HUNDREDTH), 1,
		                      "\xe4\xba\xbf"); /* 亿 */
	case MONEY_COMPACT:
		if (m < units[0].cents)
			return put_hundredths(buf, size, sign, "$", m, 0, "");
		/* Pick the unit after rounding, so $999,999 reads "$1.00M"
		 * rather than "$1000.00K". */
		for (u = 0; u + 1 < CD_ARRAY_LEN(units); u++)
			if (div_round(m, units[u].cents / 100) < 100000)
				break;
		return put_hundredths(buf, size, sign, "$", div_round(m, units[u].cents / 100), 1,
		                      units[u].suffix);
	}
	snprintf(buf, size, "?");
	return buf;
}

/* Whether m rounds to zero in style, so that it gets no '-' ("$0", not
 * "-$0").  Compact values of $1,000 and more never round to zero. */
static int shows_zero(uint64_t m, enum money_style style)
{
	switch (style) {
	case MONEY_WHOLE:
		return div_round(m, 100) == 0;
	case MONEY_K:
		return div_round(m, 1000) == 0;
	case MONEY_M:
		return div_round(m, 1000000) == 0;
	case MONEY_WAN:
		return div_round(m, 10000) == 0;
	case MONEY_CENTS:
	case MONEY_COMPACT:
		break;
	}
	return m == 0;
}

char *money_format(int64_t cents, enum money_style style, char *buf, size_t size)
{
	uint64_t m = magnitude(cents);

	if (!size)
		return buf;
	return format_mag(m, cents < 0 && !shows_zero(m, style) ? "-" : "", style, buf, size);
}

char *money_format_delta(int64_t cents, enum money_style style, char *buf, size_t size)
{
	uint64_t m = magnitude(cents);

	if (!size)
		return buf;
	return format_mag(m, cents < 0 && !shows_zero(m, style) ? "-" : "+", style, buf, size);
}

char *count_format(int64_t n, char *buf, size_t size)
{
	char d[32];

	if (size)
		snprintf(buf, size, "%s%s", n < 0 ? "-" : "", digits(magnitude(n), 1, d));
	return buf;
}

char *money_decimal(int64_t cents, char *buf, size_t size)
{
	uint64_t m = magnitude(cents);
	unsigned c = (unsigned)(m % 100);
	char d[32];

	if (!size)
		return buf;
	digits(m / 100, 0, d);
	if (c == 0)
		snprintf(buf, size, "%s%s", cents < 0 ? "-" : "", d);
	else if (c % 10 == 0)
		snprintf(buf, size, "%s%s.%u", cents < 0 ? "-" : "", d, c / 10);
	else
		snprintf(buf, size, "%s%s.%02u", cents < 0 ? "-" : "", d, c);
	return buf;
}

/* The fraction of a dollar in micro-dollars (< 1e6) as decimals with trailing
 * zeros dropped, but at least min_digits of them: 490000 -> "49", 2 ->
 * "000002".  frac must hold 8 bytes. */
static char *micro_fraction(unsigned f, int min_digits, char *frac)
{
	int n = 6;

	snprintf(frac, 8, "%06u", f);
	while (n > min_digits && frac[n - 1] == '0')
		n--;
	frac[n] = '\0';
	return frac;
}

/* A price with every digit it has: the whole dollars (with thousands
 * separators when grouped) after sign, and the fraction with trailing zeros
 * dropped but at least min_frac digits. */
static char *price_text(int64_t micros, const char *dollar, int grouped, int min_frac, char *buf,
                        size_t size)
{
	uint64_t m = magnitude(micros);
	unsigned f = (unsigned)(m % 1000000);
	char d[32], frac[8];

	if (!size)
		return buf;
	digits(m / 1000000, grouped, d);
	if (f == 0)
		snprintf(buf, size, "%s%s%s", micros < 0 ? "-" : "", dollar, d);
	else
		snprintf(buf, size, "%s%s%s.%s", micros < 0 ? "-" : "", dollar, d,
		         micro_fraction(f, min_frac, frac));
	return buf;
}

/* Whole dollars stay whole ("$5"); anything finer shows at least the cents
 * ("$2.50") and then every digit it has ("$0.000002"). */
char *price_format(int64_t micros, char *buf, size_t size)
{
	return price_text(micros, "$", 1, 2, buf, size);
}

char *price_decimal(int64_t micros, char *buf, size_t size)
{
	return price_text(micros, "", 0, 1, buf, size);
}

int64_t budget_micros_to_cents(int64_t micros)
{
	uint64_t c = div_round(magnitude(micros), BUDGET_MICROS_PER_CENT);

	/* |INT64_MIN| / 1e4 fits easily, so the negation cannot overflow. */
	return micros < 0 ? -(int64_t)c : (int64_t)c;
}
