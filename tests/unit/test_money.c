/* test_money.c — money formatting in every style (negatives, zero, rounding
 * edges, int64 extremes) and exact value parsing/printing with its error
 * messages and a round trip.  Start at main(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/budget.h"

#include "testutil.h"

#define WAN "\xe4\xb8\x87"
#define YI "\xe4\xba\xbf"

static const struct money_case {
	int64_t cents;
	enum money_style style;
	const char *want;
} money_cases[] = {
        {0, MONEY_WHOLE, "$0"},
        {0, MONEY_CENTS, "$0.00"},
        {0, MONEY_COMPACT, "$0.00"},
        {0, MONEY_K, "$0.00K"},
        {0, MONEY_M, "$0.00M"},
        {0, MONEY_WAN, "0.00" WAN},
        /* dollars round half away from zero */
        {49, MONEY_WHOLE, "$0"},
        {50, MONEY_WHOLE, "$1"},
        {150, MONEY_WHOLE, "$2"},
        {250, MONEY_WHOLE, "$3"},
        {-49, MONEY_WHOLE, "$0"},
        {-50, MONEY_WHOLE, "-$1"},
        {-250, MONEY_WHOLE, "-$3"},
        {99999950, MONEY_WHOLE, "$1,000,000"},
        {99999949, MONEY_WHOLE, "$999,999"},
        {2966666667, MONEY_WHOLE, "$29,666,667"},
        {-100000, MONEY_WHOLE, "-$1,000"},
        {1, MONEY_CENTS, "$0.01"},
        {-1, MONEY_CENTS, "-$0.01"},
        {100050, MONEY_CENTS, "$1,000.50"},
        {2966666667, MONEY_CENTS, "$29,666,666.67"},
        {-2966666667, MONEY_CENTS, "-$29,666,666.67"},
        /* compact: cents below $1,000, then K/M/B/T with two decimals */
        {1235, MONEY_COMPACT, "$12.35"},
        {99999, MONEY_COMPACT, "$999.99"},
        {100000, MONEY_COMPACT, "$1.00K"},
        {95000000, MONEY_COMPACT, "$950.00K"},
        {99999499, MONEY_COMPACT, "$999.99K"},
        {99999500, MONEY_COMPACT, "$1.00M"},
        {2966666667, MONEY_COMPACT, "$29.67M"},
        {-2966666667, MONEY_COMPACT, "-$29.67M"},
        {INT64_C(120000000000), MONEY_COMPACT, "$1.20B"},
        {INT64_C(100000000000000), MONEY_COMPACT, "$1.00T"},
        {INT64_MAX, MONEY_COMPACT, "$92,233.72T"},
        {INT64_MIN, MONEY_COMPACT, "-$92,233.72T"},
        {2966666667, MONEY_K, "$29,666.67K"},
        {500, MONEY_K, "$0.01K"},
        {499, MONEY_K, "$0.00K"},
        {-499, MONEY_K, "$0.00K"},
        {-500, MONEY_K, "-$0.01K"},
        {2966666667, MONEY_M, "$29.67M"},
        {INT64_C(1234567890000), MONEY_M, "$12,345.68M"},
        {4999, MONEY_M, "$0.00M"},
        /* 万: thousands separators on the 万 figure; 亿 from 1亿 dollars
         * after rounding to hundredths of 万 (issue 9). */
        {2966666667, MONEY_WAN, "2,966.67" WAN},
        {540000000, MONEY_WAN, "540.00" WAN},
        {-2966666667, MONEY_WAN, "-2,966.67" WAN},
        {5000, MONEY_WAN, "0.01" WAN},
        {4999, MONEY_WAN, "0.00" WAN},
        {999990000, MONEY_WAN, "999.99" WAN},
        {1000000000, MONEY_WAN, "1,000.00" WAN},
        {INT64_C(9999990000), MONEY_WAN, "9,999.99" WAN}, /* $99,999,900 */
        {INT64_C(9999994999), MONEY_WAN, "9,999.99" WAN}, /* rounds down */
        {INT64_C(9999995000), MONEY_WAN, "1.00" YI},      /* rounds to 1亿 */
        {INT64_C(10000000000), MONEY_WAN, "1.00" YI},     /* $100,000,000 */
        {INT64_C(-10000000000), MONEY_WAN, "-1.00" YI},
        {INT64_C(29666666667), MONEY_WAN, "2.97" YI}, /* $296,666,666.67 */
        {INT64_C(10049999999), MONEY_WAN, "1.00" YI},
        {INT64_C(10050000000), MONEY_WAN, "1.01" YI},
        {INT64_C(100000000000000), MONEY_WAN, "10,000.00" YI}, /* $1T */
        {INT64_MAX, MONEY_WAN, "922,337,203.69" YI},
        {INT64_MIN, MONEY_WAN, "-922,337,203.69" YI},
        {INT64_MAX, MONEY_WHOLE, "$92,233,720,368,547,758"},
        {INT64_MIN, MONEY_WHOLE, "-$92,233,720,368,547,758"},
        {INT64_MAX, MONEY_CENTS, "$92,233,720,368,547,758.07"},
        {INT64_MIN, MONEY_CENTS, "-$92,233,720,368,547,758.08"},
};

static void test_money_format(void **state)
{
	char buf[48];

	(void)state;
	for (size_t i = 0; i < sizeof money_cases / sizeof money_cases[0]; i++) {
		const struct money_case *c = &money_cases[i];

		assert_string_equal(money_format(c->cents, c->style, buf, sizeof buf), c->want);
	}
	/* Truncation is safe and terminated; size 0 writes nothing. */
	memset(buf, 'x', sizeof buf);
	assert_string_equal(money_format(2966666667, MONEY_CENTS, buf, 5), "$29,");
	assert_int_equal(buf[5], 'x');
	money_format(1, MONEY_CENTS, buf, 0);
	assert_int_equal(buf[0], '$');
}

static const struct money_case delta_cases[] = {
        {66666700, MONEY_WHOLE, "+$666,667"},
        {-100000, MONEY_WHOLE, "-$1,000"},
        {0, MONEY_WHOLE, "+$0"},
        {-49, MONEY_WHOLE, "+$0"},
        {-49, MONEY_CENTS, "-$0.49"},
        {150000000, MONEY_COMPACT, "+$1.50M"},
        {-2966666667, MONEY_WAN, "-2,966.67" WAN},
        {2966666667, MONEY_WAN, "+2,966.67" WAN},
        {INT64_C(-10000000000), MONEY_WAN, "-1.00" YI},
        {-4999, MONEY_WAN, "+0.00" WAN},
        {INT64_MIN, MONEY_WHOLE, "-$92,233,720,368,547,758"},
};

static void test_money_delta(void **state)
{
	char buf[48];

	(void)state;
	for (size_t i = 0; i < sizeof delta_cases / sizeof delta_cases[0]; i++) {
		const struct money_case *c = &delta_cases[i];

		assert_string_equal(money_format_delta(c->cents, c->style, buf, sizeof buf),
		                    c->want);
	}
}

static void test_count_and_decimal(void **state)
{
	static const struct {
		int64_t v;
		const char *count, *decimal;
	} cases[] = {
	        {0, "0", "0"},
	        {1, "1", "0.01"},
	        {-1, "-1", "-0.01"},
	        {10, "10", "0.1"},
	        {50, "50", "0.5"},
	        {-50, "-50", "-0.5"},
	        {999, "999", "9.99"},
	        {1000, "1,000", "10"},
	        {500000, "500,000", "5000"},
	        {100000000, "100,000,000", "1000000"},
	        {2966666667, "2,966,666,667", "29666666.67"},
	        {-1234567, "-1,234,567", "-12345.67"},
	        {INT64_MAX, "9,223,372,036,854,775,807", "92233720368547758.07"},
	        {INT64_MIN, "-9,223,372,036,854,775,808", "-92233720368547758.08"},
	};
	char buf[48];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(count_format(cases[i].v, buf, sizeof buf), cases[i].count);
		assert_string_equal(money_decimal(cases[i].v, buf, sizeof buf), cases[i].decimal);
	}
}

static const struct parse_case {
	const char *text;
	enum budget_unit unit;
	int64_t want;
} parse_cases[] = {
        {"5", BUDGET_UNIT_COUNT, 5},
        {"0", BUDGET_UNIT_COUNT, 0},
        {"007", BUDGET_UNIT_COUNT, 7},
        {" 8 ", BUDGET_UNIT_COUNT, 8},
        {"500000", BUDGET_UNIT_COUNT, 500000},
        {"500,000", BUDGET_UNIT_COUNT, 500000},
        /* what MONEY_WAN prints reads back (issue 9) */
        {"2,966.67" WAN, BUDGET_UNIT_CENTS, INT64_C(2966670000)},
        {"2.97" YI, BUDGET_UNIT_CENTS, INT64_C(29700000000)},
        {"1_000_000", BUDGET_UNIT_COUNT, 1000000},
        {"5e5", BUDGET_UNIT_COUNT, 500000},
        {"5E5", BUDGET_UNIT_COUNT, 500000},
        {"1e+3", BUDGET_UNIT_COUNT, 1000},
        {"1.5e6", BUDGET_UNIT_COUNT, 1500000},
        {"0e999", BUDGET_UNIT_COUNT, 0},
        {"5.0", BUDGET_UNIT_COUNT, 5},
        {"10000000000", BUDGET_UNIT_COUNT, INT64_C(10000000000)},
        {"9223372036854775807", BUDGET_UNIT_COUNT, INT64_MAX},
        {"12", BUDGET_UNIT_MONTHS, 12},
        {"200000", BUDGET_UNIT_CENTS, 20000000},
        {"0.25", BUDGET_UNIT_CENTS, 25},
        {".5", BUDGET_UNIT_CENTS, 50},
        {"$5", BUDGET_UNIT_CENTS, 500},
        {"$1,000.50", BUDGET_UNIT_CENTS, 100050},
        {"1.2300", BUDGET_UNIT_CENTS, 123},
        {"0.05", BUDGET_UNIT_CENTS, 5},
        {"92233720368547758.07", BUDGET_UNIT_CENTS, INT64_MAX},
        {"0.3", BUDGET_UNIT_ALPHA, 300000},
        {".3", BUDGET_UNIT_ALPHA, 300000},
        {"1", BUDGET_UNIT_ALPHA, 1000000},
        {"0.001", BUDGET_UNIT_ALPHA, 1000},
        {"0.000001", BUDGET_UNIT_ALPHA, 1},
        {"30%", BUDGET_UNIT_ALPHA, 300000},
        {"12.5%", BUDGET_UNIT_ALPHA, 125000},
        /* Separators only in groups of three (issue 11). */
        {"1,000,000", BUDGET_UNIT_COUNT, 1000000},
        {"1,000", BUDGET_UNIT_COUNT, 1000},
        {"12,345", BUDGET_UNIT_COUNT, 12345},
        {"$123,456.75", BUDGET_UNIT_CENTS, 12345675},
        {"0.5", BUDGET_UNIT_CENTS, 50},
        /* The units capdash prints (issue 12), exactly, no floats. */
        {"40M", BUDGET_UNIT_CENTS, INT64_C(4000000000)},
        {"40m", BUDGET_UNIT_CENTS, INT64_C(4000000000)},
        {"$29.67M", BUDGET_UNIT_CENTS, INT64_C(2967000000)},
        {"$1.23456789M", BUDGET_UNIT_CENTS, INT64_C(123456789)},
        {"$500.00K", BUDGET_UNIT_CENTS, 50000000},
        {"250k", BUDGET_UNIT_CENTS, 25000000},
        {"2966.67\xe4\xb8\x87", BUDGET_UNIT_CENTS, INT64_C(2966670000)},
        {"1.5B", BUDGET_UNIT_CENTS, INT64_C(150000000000)},
        {"2 M", BUDGET_UNIT_CENTS, INT64_C(200000000)},
        {"$1,000k", BUDGET_UNIT_CENTS, INT64_C(100000000)},
        {"2M", BUDGET_UNIT_COUNT, 2000000},
        {"1.5k", BUDGET_UNIT_COUNT, 1500},
        /* Unit prices: micro-dollars, up to 6 decimals (issue 8). */
        {"0", BUDGET_UNIT_MICROS, 0},
        {"0.000001", BUDGET_UNIT_MICROS, 1},
        {"$0.000002", BUDGET_UNIT_MICROS, 2},
        {"0.0000010", BUDGET_UNIT_MICROS, 1}, /* a trailing zero is not a 7th digit */
        {"2.49", BUDGET_UNIT_MICROS, 2490000},
        {"$5", BUDGET_UNIT_MICROS, 5000000},
        {"100", BUDGET_UNIT_MICROS, 100000000},
        {"100.000001", BUDGET_UNIT_MICROS, 100000001}, /* range is budget_check's */
        {"$1,000.123456", BUDGET_UNIT_MICROS, INT64_C(1000123456)},
        {"1.5k", BUDGET_UNIT_MICROS, INT64_C(1500000000)},
        {"9223372036854.775807", BUDGET_UNIT_MICROS, INT64_MAX},
        /* Money may be negative: a credit line (issue 13). */
        {"-500", BUDGET_UNIT_CENTS, -50000},
        {"-$500", BUDGET_UNIT_CENTS, -50000},
        {"+$5", BUDGET_UNIT_CENTS, 500},
        {" -$1,000.50 ", BUDGET_UNIT_CENTS, -100050},
        {"-1.5M", BUDGET_UNIT_CENTS, INT64_C(-150000000)},
        {"-0", BUDGET_UNIT_CENTS, 0},
        {"-92233720368547758.07", BUDGET_UNIT_CENTS, -INT64_MAX},
};

#define COUNT_EXP "a whole number such as 500000, 500,000 or 5e5"
#define MONEY_EXP "an amount in dollars such as 200000, $1,000.50 or 0.25"
#define ALPHA_EXP "a ratio such as 0.3 or 30%"
#define PRICE_EXP "a price in dollars such as 2.49, $5 or 0.000002"
#define PRICE_DEC                                                                                  \
	"expected a price with at most 6 decimals (whole micro-dollars, $0.000001), got \""
#define GROUPS "does not separate groups of three digits (as in 1,000,000; a decimal point is '.')"
#define BETWEEN "must stand between digits (as in 1,000,000)"
#define UNITS "(expected k, M, B, T or \xe4\xb8\x87, as in 40M)"

static const struct parse_error_case {
	const char *text;
	enum budget_unit unit;
	int code;
	const char *msg;
} parse_error_cases[] = {
        {"", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected " COUNT_EXP ", got nothing"},
        {"   ", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got nothing"},
        {"-", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"-\""},
        {"--5", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"--5\""},
        {"$-5", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"$-5\""},
        {"-0.001", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected at most 2 decimals (whole cents), got \"-0.001\""},
        {"-92233720368547758.08", BUDGET_UNIT_CENTS, CD_ERR_RANGE,
         "expected " MONEY_EXP ", got \"-92233720368547758.08\", which is too large"},
        {"-1", BUDGET_UNIT_COUNT, CD_ERR_RANGE,
         "expected " COUNT_EXP ", with no sign (values are 0 or more), got \"-1\""},
        {"+1", BUDGET_UNIT_COUNT, CD_ERR_RANGE,
         "expected " COUNT_EXP ", with no sign (values are 0 or more), got \"+1\""},
        {"nan", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"nan\" (not a finite number)"},
        {"inf", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"inf\" (not a finite number)"},
        {"Infinity", BUDGET_UNIT_ALPHA, CD_ERR_TYPE,
         "expected " ALPHA_EXP ", got \"Infinity\" (not a finite number)"},
        {"2.5", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected a whole number, got \"2.5\""},
        {"1.5e0", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected a whole number, got \"1.5e0\""},
        {"12abc", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"12abc\": unknown unit \"abc\" " UNITS},
        {"abc", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected " COUNT_EXP ", got \"abc\""},
        {"1,,000", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1,,000\": the ',' at character 2 " BETWEEN},
        {"5,", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"5,\": the ',' at character 2 " BETWEEN},
        {",5", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \",5\": the ',' at character 1 " BETWEEN},
        /* Issue 11: these were read as 1000, 10, 1000 and 25. */
        {"$1,00,0", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"$1,00,0\": the ',' at character 3 " GROUPS},
        {"1,0", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1,0\": the ',' at character 2 " GROUPS},
        {"1,00,0", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1,00,0\": the ',' at character 2 " GROUPS},
        {"2,5", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"2,5\": the ',' at character 2 " GROUPS},
        {"1,0000", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1,0000\": the ',' at character 2 " GROUPS},
        {"1234,567", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1234,567\": the ',' at character 5 " GROUPS},
        {"0,500", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"0,500\": the ',' at character 2 " GROUPS},
        {"1,000,00.5", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"1,000,00.5\": the ',' at character 6 " GROUPS},
        {"1_0", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP ", got \"1_0\": the '_' at character 2 " GROUPS},
        {"1,000_000", BUDGET_UNIT_COUNT, CD_ERR_TYPE,
         "expected " COUNT_EXP
         ", got \"1,000_000\": the '_' at character 6 mixes ',' and '_' (use one separator)"},
        {"1.000,5", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP
         ", got \"1.000,5\": the ',' at character 6 stands after the decimal point "
         "(separators group whole digits in threes, as in 1,000,000.50)"},
        {"40q", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"40q\": unknown unit \"q\" " UNITS},
        {"40 mio", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP ", got \"40 mio\": unknown unit \"mio\" " UNITS},
        {"$1.234567891M", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected at most 2 decimals (whole cents), got \"$1.234567891M\""},
        {"12M", BUDGET_UNIT_MONTHS, CD_ERR_TYPE,
         "expected a whole number of months such as 12, got \"12M\""},
        {"0.3k", BUDGET_UNIT_ALPHA, CD_ERR_TYPE, "expected " ALPHA_EXP ", got \"0.3k\""},
        {"e5", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected " COUNT_EXP ", got \"e5\""},
        {"5e", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected " COUNT_EXP ", got \"5e\""},
        {"9223372036854775808", BUDGET_UNIT_COUNT, CD_ERR_RANGE,
         "expected " COUNT_EXP ", got \"9223372036854775808\", which is too large"},
        {"1e19", BUDGET_UNIT_COUNT, CD_ERR_RANGE,
         "expected " COUNT_EXP ", got \"1e19\", which is too large"},
        {"1.234", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected at most 2 decimals (whole cents), got \"1.234\""},
        {"0.005", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected at most 2 decimals (whole cents), got \"0.005\""},
        {"1e6", BUDGET_UNIT_CENTS, CD_ERR_TYPE,
         "expected " MONEY_EXP
         " (scientific notation such as 5e5 is accepted for counts only), got \"1e6\""},
        {"$-5", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"$-5\""},
        {"$", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"$\""},
        {"1 000", BUDGET_UNIT_CENTS, CD_ERR_TYPE, "expected " MONEY_EXP ", got \"1 000\""},
        {"92233720368547758.08", BUDGET_UNIT_CENTS, CD_ERR_RANGE,
         "expected " MONEY_EXP ", got \"92233720368547758.08\", which is too large"},
        {"0.1234567", BUDGET_UNIT_ALPHA, CD_ERR_TYPE,
         "expected a ratio with at most 6 decimals (0.000001), got \"0.1234567\""},
        {"-0.3", BUDGET_UNIT_ALPHA, CD_ERR_RANGE,
         "expected " ALPHA_EXP ", with no sign (values are 0 or more), got \"-0.3\""},
        {"0.3x", BUDGET_UNIT_ALPHA, CD_ERR_TYPE, "expected " ALPHA_EXP ", got \"0.3x\""},
        {"$0.3", BUDGET_UNIT_ALPHA, CD_ERR_TYPE, "expected " ALPHA_EXP ", got \"$0.3\""},
        {"1.5", BUDGET_UNIT_MONTHS, CD_ERR_TYPE, "expected a whole number, got \"1.5\""},
        {"1e1", BUDGET_UNIT_MONTHS, CD_ERR_TYPE,
         "expected a whole number of months such as 12 (scientific notation such as 5e5 is "
         "accepted for counts only), got \"1e1\""},
        {"1\x01", BUDGET_UNIT_COUNT, CD_ERR_TYPE, "expected " COUNT_EXP ", got \"1?\""},
        {"0.0000001", BUDGET_UNIT_MICROS, CD_ERR_TYPE, PRICE_DEC "0.0000001\""},
        {"$0.0000015", BUDGET_UNIT_MICROS, CD_ERR_TYPE, PRICE_DEC "$0.0000015\""},
        {"2.4900001", BUDGET_UNIT_MICROS, CD_ERR_TYPE, PRICE_DEC "2.4900001\""},
        {"-0.000001", BUDGET_UNIT_MICROS, CD_ERR_RANGE,
         "expected " PRICE_EXP ", with no sign (values are 0 or more), got \"-0.000001\""},
        {"2e-6", BUDGET_UNIT_MICROS, CD_ERR_TYPE,
         "expected " PRICE_EXP
         " (scientific notation such as 5e5 is accepted for counts only), got \"2e-6\""},
        {"0,000002", BUDGET_UNIT_MICROS, CD_ERR_TYPE,
         "expected " PRICE_EXP ", got \"0,000002\": the ',' at character 2 " GROUPS},
        {"9223372036854.775808", BUDGET_UNIT_MICROS, CD_ERR_RANGE,
         "expected " PRICE_EXP ", got \"9223372036854.775808\", which is too large"},
        {"1234567890123456789012345678901234567890123", BUDGET_UNIT_COUNT, CD_ERR_RANGE,
         "expected " COUNT_EXP
         ", got \"1234567890123456789012345678901234567890...\", which is too large"},
};

static void test_value_parse(void **state)
{
	struct cd_err err;
	int64_t v;

	(void)state;
	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const struct parse_case *c = &parse_cases[i];

		v = -42;
		if (budget_value_parse(c->text, c->unit, &v, &err) != 0)
			fail_msg("\"%s\": %s", c->text, err.msg);
		assert_int_equal(v, c->want);
	}
	for (size_t i = 0; i < sizeof parse_error_cases / sizeof parse_error_cases[0]; i++) {
		const struct parse_error_case *c = &parse_error_cases[i];

		v = -42;
		assert_int_equal(budget_value_parse(c->text, c->unit, &v, &err), -1);
		assert_string_equal(err.msg, c->msg);
		assert_int_equal(err.code, c->code);
		assert_int_equal(v, -42);
	}
	assert_int_equal(budget_value_parse(NULL, BUDGET_UNIT_COUNT, &v, NULL), -1);
}

static void test_value_str(void **state)
{
	static const struct {
		enum budget_unit unit;
		int64_t v;
		const char *str, *display;
	} cases[] = {
	        {BUDGET_UNIT_COUNT, 500000, "500000", "500,000"},
	        {BUDGET_UNIT_MONTHS, 12, "12", "12"},
	        {BUDGET_UNIT_CENTS, 20000000, "200000", "$200,000"},
	        {BUDGET_UNIT_CENTS, 25, "0.25", "$0.25"},
	        {BUDGET_UNIT_CENTS, 100050, "1000.5", "$1,000.50"},
	        {BUDGET_UNIT_CENTS, -1, "-0.01", "-$0.01"},
	        {BUDGET_UNIT_ALPHA, 300000, "0.3", "0.3"},
	        {BUDGET_UNIT_ALPHA, 1000000, "1", "1"},
	        {BUDGET_UNIT_ALPHA, 1000, "0.001", "0.001"},
	        {BUDGET_UNIT_ALPHA, 1, "0.000001", "0.000001"},
	        {BUDGET_UNIT_ALPHA, 0, "0", "0"},
	        {BUDGET_UNIT_MICROS, 0, "0", "$0"},
	        {BUDGET_UNIT_MICROS, 1, "0.000001", "$0.000001"},
	        {BUDGET_UNIT_MICROS, 2, "0.000002", "$0.000002"},
	        {BUDGET_UNIT_MICROS, 2490000, "2.49", "$2.49"},
	        {BUDGET_UNIT_MICROS, 2500000, "2.5", "$2.50"},
	        {BUDGET_UNIT_MICROS, 5000000, "5", "$5"},
	        {BUDGET_UNIT_MICROS, 100000000, "100", "$100"},
	        {BUDGET_UNIT_MICROS, 100000001, "100.000001", "$100.000001"},
	        {BUDGET_UNIT_MICROS, INT64_C(1000000000), "1000", "$1,000"},
	        {BUDGET_UNIT_MICROS, INT64_C(1000120000), "1000.12", "$1,000.12"},
	        {BUDGET_UNIT_MICROS, -1, "-0.000001", "-$0.000001"},
	};
	char buf[48];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(budget_value_str(cases[i].unit, cases[i].v, buf, sizeof buf),
		                    cases[i].str);
		assert_string_equal(
		        budget_value_display(cases[i].unit, cases[i].v, buf, sizeof buf),
		        cases[i].display);
	}
}

static uint64_t rng_state = 42;

static uint64_t rng(void)
{
	return test_splitmix64(&rng_state);
}

/* Printing then parsing gives back the same value, for every unit, across
 * the whole non-negative int64 range (log-spread so small values occur). */
static void test_value_round_trip(void **state)
{
	static const enum budget_unit units[] = {
	        BUDGET_UNIT_COUNT, BUDGET_UNIT_MONTHS, BUDGET_UNIT_CENTS,
	        BUDGET_UNIT_ALPHA, BUDGET_UNIT_MICROS,
	};
	char buf[48];
	struct cd_err err;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		enum budget_unit u = units[i % 5];
		int64_t v = (int64_t)(rng() >> (1 + rng() % 63)), back = -1;

		budget_value_str(u, v, buf, sizeof buf);
		if (budget_value_parse(buf, u, &back, &err) != 0)
			fail_msg("\"%s\": %s", buf, err.msg);
		assert_int_equal(back, v);
		if (u == BUDGET_UNIT_CENTS) {
			money_format(v, MONEY_CENTS, buf, sizeof buf);
			assert_int_equal(budget_value_parse(buf, u, &back, &err), 0);
			assert_int_equal(back, v);
		} else if (u == BUDGET_UNIT_MICROS) {
			/* What screens show reads back: "$1,000.000002". */
			price_format(v, buf, sizeof buf);
			assert_int_equal(budget_value_parse(buf, u, &back, &err), 0);
			assert_int_equal(back, v);
			price_decimal(v, buf, sizeof buf);
			assert_int_equal(budget_value_parse(buf, u, &back, &err), 0);
			assert_int_equal(back, v);
		} else if (u == BUDGET_UNIT_COUNT) {
			count_format(v, buf, sizeof buf);
			assert_int_equal(budget_value_parse(buf, u, &back, &err), 0);
			assert_int_equal(back, v);
		}
	}
}

/* A price prints with the digits it has, the same in every money style. */
static void test_price_format(void **state)
{
	static const struct {
		int64_t micros;
		const char *shown, *decimal;
	} cases[] = {
	        {0, "$0", "0"},
	        {1, "$0.000001", "0.000001"},
	        {2, "$0.000002", "0.000002"},
	        {10, "$0.00001", "0.00001"},
	        {5000, "$0.005", "0.005"},
	        {10000, "$0.01", "0.01"},
	        {100000, "$0.10", "0.1"},
	        {2490000, "$2.49", "2.49"},
	        {2499999, "$2.499999", "2.499999"},
	        {5000000, "$5", "5"},
	        {100000000, "$100", "100"},
	        {INT64_C(1000000000), "$1,000", "1000"},
	        {INT64_C(1234567890123), "$1,234,567.890123", "1234567.890123"},
	        {-2, "-$0.000002", "-0.000002"},
	        {INT64_MAX, "$9,223,372,036,854.775807", "9223372036854.775807"},
	        {INT64_MIN, "-$9,223,372,036,854.775808", "-9223372036854.775808"},
	};
	char buf[48];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(price_format(cases[i].micros, buf, sizeof buf), cases[i].shown);
		assert_string_equal(price_decimal(cases[i].micros, buf, sizeof buf),
		                    cases[i].decimal);
	}
	assert_string_equal(price_format(2, buf, 4), "$0."); /* truncated, terminated */
}

/* Micro-dollars to cents: half a cent rounds away from zero. */
static void test_micros_to_cents(void **state)
{
	static const int64_t cases[][2] = {
	        {0, 0},
	        {1, 0},
	        {4999, 0},
	        {5000, 1},
	        {14999, 1},
	        {15000, 2},
	        {-4999, 0},
	        {-5000, -1},
	        {-15000, -2},
	        {INT64_C(1000000000000000000), INT64_C(100000000000000)},
	        {INT64_MAX, INT64_C(922337203685478)},
	        {INT64_MIN, INT64_C(-922337203685478)},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(budget_micros_to_cents(cases[i][0]), cases[i][1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_money_format),      cmocka_unit_test(test_money_delta),
	        cmocka_unit_test(test_count_and_decimal), cmocka_unit_test(test_value_parse),
	        cmocka_unit_test(test_value_str),         cmocka_unit_test(test_value_round_trip),
	        cmocka_unit_test(test_price_format),      cmocka_unit_test(test_micros_to_cents),
	};

	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
