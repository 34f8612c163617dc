/* test_tailfmt.c — capdash protocol lines as the output tail shows them:
 * each event's human form (as capdash-train writes them, and with fields
 * missing or null), and lines that must be left alone (other formats, near
 * misses, malformed JSON, trailing text), plus truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/tailfmt.h"

static void expect(const char *line, const char *want)
{
	char out[256];

	memset(out, 'x', sizeof out);
	assert_true(tailfmt_line(line, out, sizeof out));
	assert_string_equal(out, want);
}

static void test_events(void **state)
{
	(void)state;
	expect("{\"capdash\":1,\"event\":\"step\",\"step\":6180,\"total_steps\":9380,\"epoch\":7,"
	       "\"epochs\":10,\"loss\":0.24712,\"lr\":0.01,\"samples_per_s\":1240.5,\"elapsed\":5."
	       "21}",
	       "step 6,180/9,380  loss 0.2471");
	expect("{\"capdash\":1,\"event\":\"eval\",\"step\":1876,\"epoch\":2,\"epochs\":10,"
	       "\"val_loss\":0.3512,\"val_acc\":0.8741,\"elapsed\":48.3}",
	       "epoch 2  val loss 0.3512  val acc 87.4%");
	expect("{\"capdash\":1,\"event\":\"info\",\"msg\":\"no dataset installed: using synthetic "
	       "data\"}",
	       "no dataset installed: using synthetic data");
	expect("{\"capdash\":1,\"event\":\"end\",\"step\":9380,\"elapsed\":480.2,\"status\":"
	       "\"ok\"}",
	       "done");
	expect("{\"capdash\":1,\"event\":\"end\",\"status\":\"interrupted\"}",
	       "ended: interrupted");
	expect("{\"capdash\":1,\"event\":\"start\",\"model\":\"cnn\",\"data\":\"fashion-mnist\","
	       "\"threads\":2,\"batch\":64,\"epochs\":10,\"total_steps\":9380,\"params\":3274634}",
	       "start: cnn on fashion-mnist, 10 epochs, 9,380 steps");
	/* one of each: no plural "s" */
	expect("{\"capdash\":1,\"event\":\"start\",\"model\":\"mlp\",\"epochs\":1,"
	       "\"total_steps\":1}",
	       "start: mlp, 1 epoch, 1 step");
}

static void test_partial_fields(void **state)
{
	(void)state;
	/* no total: the step alone; a null (non-finite) loss is left out */
	expect("{\"capdash\":1,\"event\":\"step\",\"step\":12,\"loss\":null}", "step 12");
	expect(" { \"capdash\" : 2 , \"event\" : \"step\" , \"step\" : 1.2e3 , \"loss\" : 2.5E-1 "
	       "} ",
	       "step 1,200  loss 0.2500");
	expect("{\"capdash\":1,\"event\":\"eval\",\"step\":938,\"val_acc\":1}",
	       "step 938  val acc 100.0%");
	/* unknown fields of any kind, nested ones too, are skipped */
	expect("{\"capdash\":1,\"extra\":{\"a\":[1,\"}\"]},\"ok\":true,\"event\":\"info\","
	       "\"msg\":\"a \\\"quoted\\\" word\\nnext\"}",
	       "a \"quoted\" word next");
}

static void test_left_alone(void **state)
{
	static const char *const lines[] = {
	        "",
	        "step 10 loss=0.5",
	        "{'loss': 2.119, 'grad_norm': 1.5, 'learning_rate': 4.58e-05, 'epoch': 0.25}",
	        "{\"epoch\": 1, \"loss\": \"16.475\", \"num_updates\": \"1\"}", /* fairseq */
	        "{\"capdash\":0,\"event\":\"step\",\"step\":1}",
	        "{\"capdash\":1,\"event\":\"mystery\",\"step\":1}",
	        "{\"capdash\":1,\"event\":\"step\",\"step\":1} and more",
	        "{\"capdash\":1,\"event\":\"step\",\"step\":1",
	        "{\"capdash\":1,\"event\":\"step\",\"step\":}",
	        "{\"capdash\":1,\"event\":\"info\",\"msg\":\"unterminated}",
	        "{}",
	        "[1,2]",
	};
	char out[64] = "untouched";

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		assert_false(tailfmt_line(lines[i], out, sizeof out));
		assert_string_equal(out, "untouched");
	}
}

static void test_truncates(void **state)
{
	char out[8];

	(void)state;
	assert_true(tailfmt_line("{\"capdash\":1,\"event\":\"step\",\"step\":6180,"
	                         "\"total_steps\":9380,\"loss\":0.2}",
	                         out, sizeof out));
	assert_string_equal(out, "step 6,");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_events),
	        cmocka_unit_test(test_partial_fields),
	        cmocka_unit_test(test_left_alone),
	        cmocka_unit_test(test_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
