/* test_cli_shot.c — `capdash shot`: each format written from the built
 * program (no terminal: stdin /dev/null, stdout a file), the PNG's size
 * following --size, --set and --theme reaching the picture, and the
 * refusals (bad size, bad extension, no --out, unknown theme) with exit 2. */
#include "cli_spawn.h"

#include <cairo.h>

static void shot_path(const char *name, char *p, size_t size)
{
	snprintf(p, size, "%s/%s", tmpdir, name);
	unlink(p);
}

static void txt_has_the_dashboard(void **state)
{
	char p[400], *t;
	struct proc r;

	(void)state;
	shot_path("s.txt", p, sizeof p);
	r = RUN("shot", "--out", p);
	EXPECT(r, r.status == 0);
	EXPECT(r, r.out[0] == 0); /* nothing printed: no terminal codes on stdout */
	t = slurp(p);
	assert_non_null(strstr(t, "Capital  F    $29,666,667"));
	assert_non_null(strstr(t, "Budget"));
	/* 40 rows */
	{
		int lines = 0;

		for (char *c = t; *c; c++)
			lines += *c == '\n';
		assert_int_equal(lines, 40);
	}
	free(t);
	proc_done(&r);
	/* --set reaches the picture: 8 GPUs raise F to $31,666,666.67 -> $31,666,667 */
	r = RUN("shot", "--set", "gpus=8", "--size", "100x30", "--out", p);
	EXPECT(r, r.status == 0);
	t = slurp(p);
	assert_non_null(strstr(t, "$31,666,667"));
	assert_null(strstr(t, "$29,666,667"));
	free(t);
	proc_done(&r);
	unlink(p);
}

static void png_size_follows(void **state)
{
	char p[400];
	struct proc r;
	cairo_surface_t *s;

	(void)state;
	shot_path("s.png", p, sizeof p);
	r = RUN("shot", "--size", "90x30", "--out", p);
	EXPECT(r, r.status == 0);
	s = cairo_image_surface_create_from_png(p);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 90 * 9);
	assert_int_equal(cairo_image_surface_get_height(s), 30 * 18);
	cairo_surface_destroy(s);
	proc_done(&r);
	unlink(p);
}

static void svg_and_ans(void **state)
{
	char p[400], *t;
	struct proc r;

	(void)state;
	shot_path("s.svg", p, sizeof p);
	r = RUN("shot", "--theme", "dark", "--out", p);
	EXPECT(r, r.status == 0);
	t = slurp(p);
	assert_non_null(strstr(t, "width=\"1080pt\""));
	assert_non_null(strstr(t, "Capital  F    $29,666,667"));
	free(t);
	proc_done(&r);
	unlink(p);
	shot_path("s.ans", p, sizeof p);
	r = RUN("shot", "--theme", "dark", "--out", p);
	EXPECT(r, r.status == 0);
	t = slurp(p);
	assert_non_null(strstr(t, "\033[0;"));
	assert_non_null(strstr(t, "$29,666,667"));
	free(t);
	proc_done(&r);
	unlink(p);
}

static void refusals(void **state)
{
	char p[400];
	struct proc r;

	(void)state;
	shot_path("s.jpg", p, sizeof p);
	r = RUN("shot", "--out", p);
	EXPECT(r, r.status == 2 && strstr(r.err, ".svg, .png, .txt, .ans"));
	assert_int_equal(access(p, F_OK), -1);
	proc_done(&r);
	shot_path("s.png", p, sizeof p);
	r = RUN("shot", "--size", "120by40", "--out", p);
	EXPECT(r, r.status == 2 && strstr(r.err, "COLSxROWS"));
	proc_done(&r);
	r = RUN("shot", "--size", "5x40", "--out", p);
	EXPECT(r, r.status == 2 && strstr(r.err, "columns must be 20 to 500"));
	proc_done(&r);
	r = RUN("shot");
	EXPECT(r, r.status == 2 && strstr(r.err, "--out"));
	proc_done(&r);
	r = RUN("shot", "--theme", "no-such-theme", "--out", p);
	EXPECT(r, r.status == 2 && strstr(r.err, "no-such-theme"));
	assert_int_equal(access(p, F_OK), -1);
	proc_done(&r);
	r = RUN("shot", "--set", "gpus=banana", "--out", p);
	EXPECT(r, r.status == 2 && strstr(r.err, "gpus"));
	proc_done(&r);
	r = RUN("shot", "/no/such/scenario.yaml", "--out", p);
	EXPECT(r, r.status == 66);
	proc_done(&r);
	r = RUN("shot", "--out", "/no/such/dir/s.png");
	EXPECT(r, r.status == 1 && strstr(r.err, "/no/such/dir"));
	proc_done(&r);
	r = RUN("shot", "--help");
	EXPECT(r, r.status == 0 && strstr(r.out, "--size COLSxROWS"));
	proc_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(txt_has_the_dashboard),
	        cmocka_unit_test(png_size_follows),
	        cmocka_unit_test(svg_and_ans),
	        cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
