/* test_proto.c — the protocol writer: exact lines for fixed inputs, JSON
 * escaping, non-finite numbers, cutting long strings, small buffers and a
 * decimal-comma locale. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capdash/proto.h"

static void test_step_line(void **state)
{
	char buf[PROTO_LINE_MAX];
	struct proto_step s = {100, 9380, 1, 10, 0.51234, 0.01, 1240.5, 5.21};
	size_t n = proto_fmt_step(buf, sizeof buf, &s);

	(void)state;
	assert_string_equal(buf,
	                    "{\"capdash\":1,\"event\":\"step\",\"step\":100,\"total_steps\":9380,"
	                    "\"epoch\":1,\"epochs\":10,\"loss\":0.51234,\"lr\":0.01,"
	                    "\"samples_per_s\":1240.5,\"elapsed\":5.21}\n");
	assert_int_equal(n, strlen(buf));
}

static void test_eval_end_info(void **state)
{
	char buf[PROTO_LINE_MAX];
	struct proto_eval e = {938, 1, 10, 0.3512, 0.8741, 48.3};

	(void)state;
	proto_fmt_eval(buf, sizeof buf, &e);
	assert_string_equal(
	        buf, "{\"capdash\":1,\"event\":\"eval\",\"step\":938,\"epoch\":1,"
	             "\"epochs\":10,\"val_loss\":0.3512,\"val_acc\":0.8741,\"elapsed\":48.3}\n");
	proto_fmt_end(buf, sizeof buf, 9380, 480.2, "ok");
	assert_string_equal(buf, "{\"capdash\":1,\"event\":\"end\",\"step\":9380,\"elapsed\":480.2,"
	                         "\"status\":\"ok\"}\n");
	proto_fmt_info(buf, sizeof buf, "say \"hi\"\\\n\t\x01 é");
	assert_string_equal(buf, "{\"capdash\":1,\"event\":\"info\",\"msg\":\"say "
	                         "\\\"hi\\\"\\\\\\n\\t\\u0001 é\"}\n");
}

static void test_start_line(void **state)
{
	char buf[PROTO_LINE_MAX];
	struct proto_start s = {.model = "cnn",
	                        .data = "fashion-mnist",
	                        .threads = 2,
	                        .batch = 64,
	                        .epochs = 10,
	                        .total_steps = 9380,
	                        .params = 3274634};

	(void)state;
	proto_fmt_start(buf, sizeof buf, &s);
	assert_string_equal(buf, "{\"capdash\":1,\"event\":\"start\",\"model\":\"cnn\","
	                         "\"data\":\"fashion-mnist\",\"threads\":2,\"batch\":64,"
	                         "\"epochs\":10,\"total_steps\":9380,\"params\":3274634}\n");
	s.step = 938;
	s.train_samples = 60000;
	s.lr = 0.01;
	s.momentum = 0.9;
	s.has_seed = 1;
	s.seed = UINT64_MAX;
	s.device = "cpu";
	proto_fmt_start(buf, sizeof buf, &s);
	assert_non_null(strstr(buf, ",\"step\":938,\"train_samples\":60000,\"lr\":0.01,"
	                            "\"momentum\":0.9,\"weight_decay\":0,"
	                            "\"seed\":18446744073709551615,\"device\":\"cpu\"}\n"));
}

static void test_non_finite_is_null(void **state)
{
	char buf[PROTO_LINE_MAX];
	struct proto_step s = {1, 2, 1, 1, NAN, 0.01, INFINITY, -INFINITY};

	(void)state;
	proto_fmt_step(buf, sizeof buf, &s);
	assert_non_null(
	        strstr(buf, "\"loss\":null,\"lr\":0.01,\"samples_per_s\":null,\"elapsed\":null}"));
}

static void test_long_strings_are_cut(void **state)
{
	char buf[PROTO_LINE_MAX], msg[4000], model[500];
	struct proto_start s = {.threads = 1};
	size_t n;

	(void)state;
	/* Every byte a control character: the worst case for escaping. */
	memset(msg, 1, sizeof msg - 1);
	msg[sizeof msg - 1] = '\0';
	n = proto_fmt_info(buf, sizeof buf, msg);
	assert_true(n > 0 && n < PROTO_LINE_MAX);
	assert_int_equal(buf[n - 1], '\n');
	assert_int_equal(buf[n - 2], '}');
	/* A multi-byte character is never split. */
	for (size_t i = 0; i + 2 < sizeof model; i += 2)
		memcpy(model + i, "\xc3\xa9", 2);
	model[sizeof model - 1] = '\0';
	model[sizeof model - 2] = '\0';
	s.model = s.data = s.device = model;
	n = proto_fmt_start(buf, sizeof buf, &s);
	assert_true(n > 0 && n < PROTO_LINE_MAX);
	assert_null(strstr(buf, "\xc3\""));
}

static void test_small_buffer_gets_nothing(void **state)
{
	char buf[40];
	struct proto_step s = {100, 9380, 1, 10, 0.5, 0.01, 1240.5, 5.21};

	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_int_equal(proto_fmt_step(buf, sizeof buf, &s), 0);
	assert_string_equal(buf, "");
	assert_int_equal(proto_fmt_step(buf, 0, &s), 0);
}

static void test_decimal_comma_locale(void **state)
{
	char buf[PROTO_LINE_MAX];
	struct proto_step s = {1, 2, 1, 1, 0.5, 0.25, 100.5, 1.5};
	const char *locs[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "C.UTF-8"};

	(void)state;
	for (size_t i = 0; i < sizeof locs / sizeof locs[0]; i++)
		if (setlocale(LC_NUMERIC, locs[i]))
			break;
	proto_fmt_step(buf, sizeof buf, &s);
	setlocale(LC_NUMERIC, "C");
	assert_non_null(
	        strstr(buf, "\"loss\":0.5,\"lr\":0.25,\"samples_per_s\":100.5,\"elapsed\":1.5}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_step_line),
	        cmocka_unit_test(test_eval_end_info),
	        cmocka_unit_test(test_start_line),
	        cmocka_unit_test(test_non_finite_is_null),
	        cmocka_unit_test(test_long_strings_are_cut),
	        cmocka_unit_test(test_small_buffer_gets_nothing),
	        cmocka_unit_test(test_decimal_comma_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
