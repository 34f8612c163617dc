/* test_cli_zh.c — capdash in Chinese (issue 9): with LC_ALL=zh_CN.UTF-8 the
 * text output and messages come from po/zh_CN.po (the catalog beside the
 * built program), amounts default to 万 (--units usd still gives dollars),
 * JSON and CSV are the same bytes as in English, table columns line up by
 * display width, and an error keeps FILE:LINE:COL and the key in English.
 * Needs the zh_CN.UTF-8 locale (make deps generates it).  Start at main().
 */
#include "cli_spawn.h"

#include <locale.h>

#include <wchar.h>

#include "capdash/common.h"

#define WAN "\xe4\xb8\x87"

static int zh_setup(void **state)
{
	if (setup(state) != 0)
		return -1;
	if (!setlocale(LC_ALL, "zh_CN.UTF-8")) {
		fprintf(stderr, "test_cli_zh: no zh_CN.UTF-8 locale (run make deps)\n");
		return -1;
	}
	setlocale(LC_ALL, "C");
	unsetenv("LANGUAGE");
	return 0;
}

static void zh(void)
{
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
}

static void en(void)
{
	setenv("LC_ALL", "C.UTF-8", 1);
}

/* The line of text that contains needle, NUL-terminated into buf. */
static const char *line_with(const char *text, const char *needle, char *buf, size_t size)
{
	const char *at = strstr(text, needle), *bol, *eol;
	size_t n;

	if (!at)
		return NULL;
	for (bol = at; bol > text && bol[-1] != '\n'; bol--)
		;
	eol = strchr(at, '\n');
	n = eol ? (size_t)(eol - bol) : strlen(bol);
	if (n >= size)
		n = size - 1;
	memcpy(buf, bol, n);
	buf[n] = '\0';
	return buf;
}

static void test_calc_text_in_chinese(void **state)
{
	struct proc p;
	char line[512];

	(void)state;
	zh();
	p = RUN("calc");
	en();
	EXPECT(p, p.status == 0 && p.err[0] == '\0');
	EXPECT(p, line_with(p.out, "融资额 F", line, sizeof line) != NULL);
	EXPECT(p, strstr(line, "2,966.67" WAN) != NULL);
	EXPECT(p, strstr(p.out, "算力 C") && strstr(p.out, "数据 D") && strstr(p.out, "人力 H"));
	EXPECT(p, strstr(p.out, "100.00" WAN) && strstr(p.out, "540.00" WAN));
	EXPECT(p, strstr(p.out, "输入（用 --set KEY=VALUE 修改）") != NULL);
	/* keys stay English */
	EXPECT(p, strstr(p.out, "compute.gpus") != NULL);
	EXPECT(p, strstr(p.out, "Capital F") == NULL && strchr(line, '$') == NULL);
	proc_done(&p);
}

static void test_units_usd_still_dollars(void **state)
{
	struct proc p;
	char line[512];

	(void)state;
	zh();
	p = RUN("calc", "--units", "usd");
	en();
	EXPECT(p, p.status == 0);
	EXPECT(p, line_with(p.out, "融资额 F", line, sizeof line) != NULL);
	EXPECT(p, strstr(line, "$29,666,666.67") != NULL);
	EXPECT(p, strstr(p.out, WAN) == NULL);
	proc_done(&p);
	/* and 亿 from 1亿 dollars: 500 GPUs at $200,000 are $100M of C */
	zh();
	p = RUN("calc", "--set", "gpus=500");
	en();
	EXPECT(p, p.status == 0);
	EXPECT(p, line_with(p.out, "算力 C", line, sizeof line) != NULL);
	EXPECT(p, strstr(line, "1.00\xe4\xba\xbf") != NULL); /* 亿 */
	proc_done(&p);
}

/* A file format does not change with the reader's language. */
static void test_json_csv_unchanged(void **state)
{
	static const char *const fmts[] = {"json", "csv"};

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(fmts); i++) {
		struct proc a, b;

		a = RUN("calc", "scenarios/zh-image-recognition.yaml", "--format", fmts[i]);
		zh();
		b = RUN("calc", "scenarios/zh-image-recognition.yaml", "--format", fmts[i]);
		en();
		EXPECT(b, a.status == 0 && b.status == 0);
		EXPECT(b, strcmp(a.out, b.out) == 0);
		EXPECT(b, strstr(b.out, WAN) == NULL);
		proc_done(&a);
		proc_done(&b);
	}
}

/* Every line with an amount ends its amount at the same display column. */
static void test_columns_by_display_width(void **state)
{
	struct proc p;
	int col = -1, rows = 0;

	(void)state;
	setlocale(LC_CTYPE, "zh_CN.UTF-8");
	zh();
	p = RUN("calc", "scenarios/zh-image-recognition.yaml");
	en();
	EXPECT(p, p.status == 0);
	EXPECT(p, strstr(p.out, "数据科学家") && strstr(p.out, "机器学习工程师"));
	for (const char *l = p.out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *w = strstr(l, WAN), *eol = strchr(l, '\n');
		wchar_t wbuf[256];
		char buf[512];
		size_t len;
		int cols;

		if (!w || (eol && w > eol))
			continue;
		/* only the amount column: the first 万 of the line */
		len = (size_t)(w - l);
		assert_true(len < sizeof buf);
		memcpy(buf, l, len);
		buf[len] = '\0';
		assert_true(mbstowcs(wbuf, buf, 256) != (size_t)-1);
		cols = wcswidth(wbuf, 256);
		if (col < 0)
			col = cols;
		EXPECT(p, cols == col);
		rows++;
	}
	EXPECT(p, rows >= 7);
	setlocale(LC_CTYPE, "C");
	proc_done(&p);
}

static void test_error_keeps_position_and_key(void **state)
{
	char path[400], want[600];
	FILE *f;
	struct proc p;

	(void)state;
	snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("compute:\n  gpus: -3\n  gpu_unit_cost: 1\ndata:\n  samples: 1\n  label_cost: 1\n"
	      "people:\n  months: 12\n  roles: []\ncapital:\n  alpha: 0.3\n",
	      f);
	assert_int_equal(fclose(f), 0);
	zh();
	p = RUN("calc", path);
	en();
	EXPECT(p, p.status == 65);
	snprintf(want, sizeof want, "%s:2:9: compute.gpus: 应为整数", path);
	EXPECT(p, strstr(p.err, want) != NULL);
	EXPECT(p, strstr(p.err, "实际为 \"-3\"") != NULL);
	proc_done(&p);
	/* a range error found by the model's validation: its position, the key
	 * once, then the explanation */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("compute:\n  gpus: 2000000\n  gpu_unit_cost: 1\ndata:\n  samples: 1\n"
	      "  label_cost: 1\npeople:\n  months: 12\n  roles: []\ncapital:\n  alpha: 0.3\n",
	      f);
	assert_int_equal(fclose(f), 0);
	zh();
	p = RUN("calc", path);
	en();
	EXPECT(p, p.status == 65);
	snprintf(want, sizeof want,
	         "%s:2:9: compute.gpus: 应为 0 到 1,000,000 之间的整数，实际为 2,000,000\n", path);
	EXPECT(p, strstr(p.err, want) != NULL);
	proc_done(&p);
	zh();
	p = RUN("calc", "--units", "xx");
	en();
	EXPECT(p, p.status == 2);
	EXPECT(p, strstr(p.err, "--units: 应为 usd、k、m 或 wan，实际为 'xx'") != NULL);
	EXPECT(p, strstr(p.err, "请试试 'capdash calc --help'") != NULL);
	proc_done(&p);
}

static void test_help_in_chinese(void **state)
{
	struct proc p;

	(void)state;
	zh();
	p = RUN("calc", "--help");
	en();
	EXPECT(p, p.status == 0 && strstr(p.out, "用法：capdash calc") != NULL);
	proc_done(&p);
	p = RUN("calc", "--help");
	EXPECT(p, p.status == 0 && strstr(p.out, "Usage: capdash calc") != NULL);
	proc_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_calc_text_in_chinese),
	        cmocka_unit_test(test_units_usd_still_dollars),
	        cmocka_unit_test(test_json_csv_unchanged),
	        cmocka_unit_test(test_columns_by_display_width),
	        cmocka_unit_test(test_error_keeps_position_and_key),
	        cmocka_unit_test(test_help_in_chinese),
	};

	return cmocka_run_group_tests_name("cli_zh", tests, zh_setup, teardown);
}
