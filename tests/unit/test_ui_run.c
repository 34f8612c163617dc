/* test_ui_run.c — the training pane's pure helpers: splitting a typed
 * command into argv (quotes, escapes, errors), the redraw cap, how the
 * pane's rows are shared at every height (with and without the GPU offer),
 * wrapping at blanks, and that every run action is in the key table with
 * help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/pane_run_int.h"

static void expect_split(const char *line, const char *const *want)
{
	char **argv, why[64];
	int n = pane_run_split(line, &argv, why, sizeof why), k = 0;

	while (want[k])
		k++;
	assert_int_equal(n, k);
	for (int i = 0; i < k; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[k]);
	pane_run_argv_free(argv);
}

static void test_split_words(void **state)
{
	(void)state;
	expect_split("python train.py", (const char *[]){"python", "train.py", NULL});
	expect_split("  a \t b  ", (const char *[]){"a", "b", NULL});
	expect_split("x 'two words' \"say \\\"hi\\\"\" c\\ d",
	             (const char *[]){"x", "two words", "say \"hi\"", "c d", NULL});
	expect_split("a'b'\"c\"", (const char *[]){"abc", NULL});
	expect_split("'' x", (const char *[]){"", "x", NULL});
	expect_split("a b c d e f g h i j k",
	             (const char *[]){"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", NULL});
}

static void test_split_errors(void **state)
{
	char **argv = (char **)1, why[64];

	(void)state;
	assert_int_equal(pane_run_split("", &argv, why, sizeof why), -1);
	assert_null(argv);
	assert_string_equal(why, "no command");
	assert_int_equal(pane_run_split("   ", &argv, why, sizeof why), -1);
	assert_int_equal(pane_run_split("echo 'oops", &argv, why, sizeof why), -1);
	assert_non_null(strstr(why, "unterminated"));
	assert_int_equal(pane_run_split("echo \"oops", &argv, why, sizeof why), -1);
	assert_non_null(strstr(why, "unterminated"));
}

static void test_argv_dup(void **state)
{
	char *const in[] = {"a", "b c", NULL};
	char **d = pane_run_argv_dup(in);

	(void)state;
	assert_non_null(d);
	assert_string_equal(d[0], "a");
	assert_string_equal(d[1], "b c");
	assert_null(d[2]);
	assert_ptr_not_equal(d[0], in[0]);
	pane_run_argv_free(d);
	pane_run_argv_free(NULL);
}

static void test_cap(void **state)
{
	(void)state;
	assert_int_equal(pane_run_cap_wait(1000, 0, 10), 0);    /* never drawn */
	assert_int_equal(pane_run_cap_wait(1000, 950, 10), 50); /* 100 ms period */
	assert_int_equal(pane_run_cap_wait(1000, 900, 10), 0);
	assert_int_equal(pane_run_cap_wait(1000, 990, 50), 10);  /* 20 ms period */
	assert_int_equal(pane_run_cap_wait(1000, 990, 0), 90);   /* 0: 10 Hz */
	assert_int_equal(pane_run_cap_wait(1000, 2000, 10), 0);  /* clock went back */
	assert_int_equal(pane_run_cap_wait(1000, 999, 5000), 0); /* period floors at 1 ms */
}

static void test_rows_fit(void **state)
{
	(void)state;
	for (int offer = 0; offer <= 1; offer++)
		for (int g = 0; g <= 4; g++)
			for (int h = 0; h <= 120; h++) {
				struct pane_run_rows r;
				int used = 0;

				pane_run_rows(h, g, offer, &r);
				if (h > 0)
					assert_int_equal(r.status, 0);
				/* the text lines come in screen order, one after another */
				{
					const int order[] = {r.status, r.cmd,   r.money,
					                     r.basis,  r.offer, r.summary};

					for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
						if (order[i] >= 0) {
							assert_int_equal(order[i], used);
							used = order[i] + 1;
						}
				}
				if (!offer)
					assert_int_equal(r.offer, -1);
				if (r.chart_h > 0) {
					assert_true(r.chart_h >= 3);
					assert_int_equal(r.chart_y, used);
					used = r.chart_y + r.chart_h + 1;
				}
				if (r.legend >= 0) {
					assert_true(r.chart_h > 0);
					assert_int_equal(r.legend, used);
					used = r.legend + 1;
				}
				if (r.gauge_n > 0) {
					assert_true(r.gauge_y >= used);
					assert_true(r.gauge_n <= (g < 1 ? 1 : g));
					used = r.gauge_y + r.gauge_n;
				}
				if (r.tail_n > 0) {
					assert_true(r.tail_y >= used);
					assert_true(r.tail_n <= PANE_RUN_TAIL_MAX);
					used = r.tail_y + r.tail_n;
				}
				assert_true(used <= h);
			}
}

static void test_rows_priorities(void **state)
{
	struct pane_run_rows r;

	(void)state;
	pane_run_rows(4, 1, false, &r); /* short: text lines only */
	assert_int_equal(r.chart_h, 0);
	assert_int_equal(r.money, 2);
	assert_int_equal(r.basis, -1);
	pane_run_rows(6, 1, true, &r); /* the basis line before the offer */
	assert_int_equal(r.basis, 3);
	assert_int_equal(r.offer, -1);
	pane_run_rows(12, 1, false, &r); /* chart, legend and a gauge, no tail */
	assert_true(r.chart_h >= 3);
	assert_true(r.legend > r.chart_y + r.chart_h);
	assert_int_equal(r.gauge_n, 1);
	assert_int_equal(r.tail_n, 0);
	pane_run_rows(12, 1, true, &r); /* the offer takes a row from the chart */
	assert_int_equal(r.offer, 4);
	assert_int_equal(r.summary, 5);
	pane_run_rows(38, 2, false, &r); /* a tall pane: everything, chart largest */
	assert_int_equal(r.gauge_n, 2);
	assert_true(r.legend >= 0);
	assert_true(r.tail_n > 0);
	assert_true(r.chart_h > r.tail_n);
}

static void expect_wrap(const char *s, int width, const char *const *want)
{
	size_t off[16], len[16];
	int n = pane_run_wrap(s, width, off, len, 16), k = 0;

	while (want[k])
		k++;
	assert_int_equal(n, k);
	for (int i = 0; i < n; i++) {
		assert_int_equal(len[i], strlen(want[i]));
		assert_memory_equal(s + off[i], want[i], len[i]);
	}
}

static void test_wrap(void **state)
{
	(void)state;
	/* at blanks; a word longer than a row is split (it goes on below) */
	expect_wrap("/opt/x/train.py --lr 3e-4 'two words'", 16,
	            (const char *const[]){"/opt/x/train.py", "--lr 3e-4 'two", "words'", NULL});
	expect_wrap("abcdefghij klm", 4, (const char *const[]){"abcd", "efgh", "ij", "klm", NULL});
	expect_wrap("  fits  ", 10, (const char *const[]){"fits", NULL});
	expect_wrap("", 10, (const char *const[]){NULL});
	/* UTF-8: cells, not bytes */
	expect_wrap("\xc3\xa9t\xc3\xa9 \xc3\xa0", 3,
	            (const char *const[]){"\xc3\xa9t\xc3\xa9", "\xc3\xa0", NULL});
}

static void test_keys_listed(void **state)
{
	(void)state;
	for (int a = UA_RUN_START; a <= UA_RUN_GPUS; a++) {
		const struct ui_key *k = keys_first((enum ui_action)a);

		assert_non_null(k);
		assert_int_equal(keys_lookup(k->key), a);
		assert_non_null(keys_action((enum ui_action)a)->help);
	}
	assert_int_equal(keys_lookup('p'), UA_RUN_PAUSE);
	assert_int_equal(keys_lookup('X'), UA_RUN_STOP); /* x takes screenshots */
	assert_int_equal(keys_lookup('x'), UA_SHOT);
	assert_int_equal(keys_lookup('R'), UA_RUN_RESTART);
	assert_int_equal(keys_lookup('G'), UA_RUN_GPUS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_split_words), cmocka_unit_test(test_split_errors),
	        cmocka_unit_test(test_argv_dup),    cmocka_unit_test(test_cap),
	        cmocka_unit_test(test_rows_fit),    cmocka_unit_test(test_rows_priorities),
	        cmocka_unit_test(test_wrap),        cmocka_unit_test(test_keys_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
