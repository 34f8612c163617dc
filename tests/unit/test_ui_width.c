/* test_ui_width.c — display width of Chinese text: a CJK character takes two
 * cells, and fitting, wrapping or cutting never splits a UTF-8 sequence nor
 * leaves half a wide character.  Runs in the "C" locale (wcwidth says -1
 * there for anything past ASCII) and again in C.UTF-8 where it exists, so
 * both paths of uw_next are checked. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/pane_run_int.h"
#include "../../src/ui/picker.h"
#include "../../src/ui/runfmt.h"
#include "../../src/ui/ui_int.h"
#include "../../src/ui/uwidth.h"

/* True when every byte of s up to its end starts or continues a whole
 * UTF-8 sequence (no sequence cut short at the end). */
static bool whole_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;

		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

static void widths(void)
{
	assert_int_equal(uw_width(""), 0);
	assert_int_equal(uw_width("GPUs"), 4);
	assert_int_equal(uw_width("算力"), 4);
	assert_int_equal(uw_width("数据 D"), 6);
	assert_int_equal(uw_width("2,966.67万"), 10);
	assert_int_equal(uw_width("─│●…"), 4); /* box and marks: one cell each */
	assert_int_equal(uw_width_n("算力成本", 6), 4);
	assert_int_equal(glyphs_width("人员成本 H"), 10);
	assert_int_equal(runfmt_width("训练 第3轮"), 10);
	assert_true(uw_wide("万"));
	assert_false(uw_wide("a"));
	assert_false(uw_wide("─"));
}

static void test_width_c_locale(void **state)
{
	(void)state;
	setlocale(LC_CTYPE, "C");
	widths();
}

static void test_width_utf8_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "zh_CN.UTF-8"))
		skip();
	widths();
	setlocale(LC_CTYPE, "C");
}

static void test_bytes_for_never_halves(void **state)
{
	(void)state;
	assert_int_equal(uw_bytes_for("算力成本", 4), 6);
	assert_int_equal(uw_bytes_for("算力成本", 5), 6); /* not half of 成 */
	assert_int_equal(uw_bytes_for("算力成本", 1), 0);
	assert_int_equal(uw_bytes_for("a算", 2), 1);
	assert_int_equal(uw_bytes_for("a算", 3), 4);
	assert_int_equal(uw_bytes_for("abc", 10), 3);
}

static void test_fit_counts_cells(void **state)
{
	char out[128];

	(void)state;
	/* 8 cells: fits whole */
	assert_int_equal(widget_fit("算力成本", 8, "…", out, sizeof out), 8);
	assert_string_equal(out, "算力成本");
	/* 7 cells: three characters would take 6 + 1 for the mark */
	assert_int_equal(widget_fit("算力成本", 7, "…", out, sizeof out), 7);
	assert_string_equal(out, "算力成…");
	/* 6 cells: two and the mark (5); a third would be 7 */
	assert_int_equal(widget_fit("算力成本", 6, "…", out, sizeof out), 5);
	assert_string_equal(out, "算力…");
	/* mixed: a blank still ends a word */
	widget_fit("每月 工资 salary", 12, "…", out, sizeof out);
	assert_true(glyphs_width(out) <= 12);
	assert_true(whole_utf8(out, strlen(out)));
	for (int cells = 0; cells < 20; cells++) {
		widget_fit("数据科学家 月薪 Data scientists", cells, "...", out, sizeof out);
		assert_true(glyphs_width(out) <= cells);
		assert_true(whole_utf8(out, strlen(out)));
	}
}

static void test_runfmt_fit_cells(void **state)
{
	char out[128];

	(void)state;
	for (int cells = 1; cells < 24; cells++) {
		runfmt_fit(out, sizeof out, "训练中 第 3 轮 剩余时间 12 分钟", cells, true);
		assert_true(runfmt_width(out) <= cells);
		assert_true(whole_utf8(out, strlen(out)));
	}
	runfmt_fit(out, sizeof out, "训练中", 4, true);
	assert_string_equal(out, "训…"); /* 2 + 1: 训练 and the mark would be 5 */
}

static void test_picker_fit_cells(void **state)
{
	char out[128];

	(void)state;
	for (int cells = 0; cells < 30; cells++)
		for (int left = 0; left < 2; left++) {
			int n = picker_fit("方案/中文 公司/预算 计划.yaml", cells, true, left, out,
			                   sizeof out);

			assert_true(n <= cells);
			assert_int_equal(n, glyphs_width(out));
			assert_true(whole_utf8(out, strlen(out)));
		}
}

static void test_wrap_cells(void **state)
{
	const char *s = "按下空格键开始训练，按 q 退出";
	size_t off[16], len[16];
	int n;

	(void)state;
	for (int width = 2; width < 32; width++) {
		size_t total = 0;

		n = pane_run_wrap(s, width, off, len, 16);
		assert_true(n >= 1);
		for (int i = 0; i < n; i++) {
			assert_true(uw_width_n(s + off[i], len[i]) <= width);
			assert_true(whole_utf8(s + off[i], len[i]));
			total += len[i];
		}
		assert_true(total + 2 >= strlen(s)); /* only blanks dropped */
	}
	/* 10 cells: five characters a row, no blank needed to break */
	n = pane_run_wrap("按下空格键开始训练", 10, off, len, 16);
	assert_int_equal(n, 2);
	assert_int_equal(len[0], 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_width_c_locale),
	        cmocka_unit_test(test_width_utf8_locale),
	        cmocka_unit_test(test_bytes_for_never_halves),
	        cmocka_unit_test(test_fit_counts_cells),
	        cmocka_unit_test(test_runfmt_fit_cells),
	        cmocka_unit_test(test_picker_fit_cells),
	        cmocka_unit_test(test_wrap_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
