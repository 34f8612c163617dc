/* test_cli_format.c — the output helpers of src/cli/, in-process: JSON string
 * escaping (control bytes, invalid UTF-8, U+2028), the text/Markdown/CSV
 * table renderers and terminal display width.  Start at main().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli/cli.h"

static char *capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, arg);
	fclose(f);
	return buf;
}

static void escape_fn(FILE *f, const void *s)
{
	cli_json_escape(f, s);
}

static void test_json_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	        {"plain", "\"plain\""},
	        {"q\"b\\s/", "\"q\\\"b\\\\s/\""},
	        {"nl\ntab\tcr\r", "\"nl\\ntab\\tcr\\r\""},
	        {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
	        {"bad \xff\xfe end", "\"bad \\ufffd\\ufffd end\""},
	        {"overlong \xc0\xaf", "\"overlong \\ufffd\\ufffd\""},
	        {"surrogate \xed\xa0\x80", "\"surrogate \\ufffd\\ufffd\\ufffd\""},
	        {"cut \xe4\xb8", "\"cut \\ufffd\\ufffd\""},
	        {"\xe4\xb8\x87 wan", "\"\xe4\xb8\x87 wan\""},
	        {"ls \xe2\x80\xa8", "\"ls \\u2028\""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = capture(escape_fn, cases[i].in);

		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void csv_fn(FILE *f, const void *t)
{
	assert_int_equal(cli_table_csv(t, f), 0);
}

static void md_fn(FILE *f, const void *t)
{
	assert_int_equal(cli_table_markdown(t, f), 0);
}

static void text_fn(FILE *f, const void *t)
{
	assert_int_equal(cli_table_text(t, f, true, "> "), 0);
}

static void test_table_renderers(void **state)
{
	struct cli_table t;
	char *got;

	(void)state;
	cli_table_init(&t, 2);
	t.align[1] = CLI_RIGHT;
	cli_table_row(&t, (const char *[]){"name", "v"});
	cli_table_row(&t, (const char *[]){"a,b", "1"});
	cli_table_row(&t, (const char *[]){"say \"x\"", "22"});
	cli_table_row(&t, (const char *[]){"x|y*\n", "\xe4\xb8\x87"});
	got = capture(csv_fn, &t);
	assert_string_equal(got, "name,v\n\"a,b\",1\n\"say \"\"x\"\"\",22\n\"x|y*\n\","
	                         "\xe4\xb8\x87\n");
	free(got);
	got = capture(md_fn, &t);
	assert_string_equal(got, "| name | v |\n|:---|---:|\n| a,b | 1 |\n| say \"x\" | 22 |\n"
	                         "| x\\|y\\*  | \xe4\xb8\x87 |\n");
	free(got);
	cli_table_done(&t);
	cli_table_init(&t, 2);
	t.align[1] = CLI_RIGHT;
	cli_table_row(&t, (const char *[]){"k", "value"});
	cli_table_row(&t, (const char *[]){"long key", "\xe4\xb8\x87"});
	cli_table_row(&t, (const char *[]){"b", "123"});
	got = capture(text_fn, &t);
	assert_string_equal(got,
	                    "> k         value\n> long key     \xe4\xb8\x87\n> b           123\n");
	free(got);
	cli_table_done(&t);
}

static void test_display_width(void **state)
{
	(void)state;
	assert_int_equal(cli_display_width(""), 0);
	assert_int_equal(cli_display_width("abc"), 3);
	assert_int_equal(cli_display_width("2966.67\xe4\xb8\x87"), 9);
	assert_int_equal(cli_display_width("5 \xc3\x97 \xce\xb1"), 5); /* 5 × α */
	assert_int_equal(cli_display_width("\xff"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_json_escape),
	        cmocka_unit_test(test_table_renderers),
	        cmocka_unit_test(test_display_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
