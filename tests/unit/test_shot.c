/* test_shot.c — the cell grid and its writers (src/shot/): text, ANSI, PNG
 * (read back with cairo: size, a known cell's background, a block glyph's
 * pixels, braille dots, a box line) and SVG (size, the text in <desc>). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capdash/common.h"
#include "capdash/shot.h"
#include "capdash/theme.h"

static const struct shot_rgb white = {255, 255, 255}, black = {0, 0, 0}, red = {200, 10, 20},
                             blue = {10, 20, 210};

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/capdash-test-shot-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	static const char *const names[] = {"a.png", "a.svg", "a.txt", "a.ans", "config.yaml"};
	char p[400];

	(void)state;
	for (size_t i = 0; i < CD_ARRAY_LEN(names); i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* A 10x3 grid: "Hi F" on row 0 (F in red on blue at column 3), a full block
 * at 0,1, a wide 中 at 2,1, braille with all dots at 5,1, ─ at 7,1. */
static void sample(struct shot_grid *g)
{
	assert_int_equal(shot_grid_init(g, 10, 3, white, black), 0);
	shot_grid_put(g, 0, 0, "H", white, black, 0, false);
	shot_grid_put(g, 1, 0, "i", white, black, SHOT_BOLD, false);
	shot_grid_put(g, 3, 0, "F", red, blue, 0, false);
	shot_grid_put(g, 0, 1, "█", red, black, 0, false);
	shot_grid_put(g, 2, 1, "中", white, black, 0, true);
	shot_grid_put(g, 5, 1, "⣿", white, black, 0, false);
	shot_grid_put(g, 7, 1, "─", white, black, 0, false);
}

static void grid_put_wide(void **state)
{
	struct shot_grid g;

	(void)state;
	sample(&g);
	assert_true(shot_grid_at(&g, 2, 1)->attr & SHOT_WIDE);
	assert_true(shot_grid_at(&g, 3, 1)->attr & SHOT_CONT);
	assert_null(shot_grid_at(&g, 10, 0));
	assert_null(shot_grid_at(&g, -1, 0));
	/* a wide grapheme cannot start in the last column */
	shot_grid_put(&g, 9, 2, "中", white, black, 0, true);
	assert_string_equal(shot_grid_at(&g, 9, 2)->text, " ");
	shot_grid_done(&g);
	assert_int_equal(shot_grid_init(&g, 0, 3, white, black), -1);
}

static void formats(void **state)
{
	(void)state;
	assert_int_equal(shot_format_of("a.png"), SHOT_FMT_PNG);
	assert_int_equal(shot_format_of("x/a.SVG"), SHOT_FMT_SVG);
	assert_int_equal(shot_format_of("a.txt"), SHOT_FMT_TXT);
	assert_int_equal(shot_format_of("a.ans"), SHOT_FMT_ANS);
	assert_int_equal(shot_format_of("a.jpg"), SHOT_FMT_NONE);
	assert_int_equal(shot_format_of("png"), SHOT_FMT_NONE);
	assert_int_equal(shot_palette(196).r, 255);
	assert_int_equal(shot_palette(196).g, 0);
	assert_int_equal(shot_palette(232).r, 8);
}

static void text_trims(void **state)
{
	struct shot_grid g;
	char *t;
	size_t n;

	(void)state;
	sample(&g);
	assert_int_equal(shot_text(&g, &t, &n), 0);
	assert_string_equal(t, "Hi F\n█ 中 ⣿ ─\n\n");
	assert_int_equal(n, strlen(t));
	free(t);
	shot_grid_done(&g);
}

static void ansi_colours(void **state)
{
	struct shot_grid g;
	char *t;
	size_t n;

	(void)state;
	sample(&g);
	assert_int_equal(shot_ansi(&g, true, &t, &n), 0);
	/* F: red on blue, 24-bit; i: bold */
	assert_non_null(strstr(t, "\033[0;38;2;200;10;20;48;2;10;20;210mF"));
	assert_non_null(strstr(t, "\033[0;1;38;2;255;255;255;48;2;0;0;0mi"));
	assert_non_null(strstr(t, "\033[0m\n"));
	free(t);
	assert_int_equal(shot_ansi(&g, false, &t, &n), 0);
	assert_non_null(strstr(t, ";48;5;")); /* the 256 palette */
	assert_null(strstr(t, ";2;200;10;20"));
	free(t);
	shot_grid_done(&g);
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	return *(uint32_t *)(d + y * stride + x * 4) & 0xffffffu;
}

static void png_pixels(void **state)
{
	struct shot_grid g;
	struct cd_err err;
	cairo_surface_t *s;
	char p[400];
	int lit = 0;

	(void)state;
	sample(&g);
	snprintf(p, sizeof p, "%s/a.png", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_PNG, &err), 0);
	s = cairo_image_surface_create_from_png(p);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 10 * SHOT_CELL_W);
	assert_int_equal(cairo_image_surface_get_height(s), 3 * SHOT_CELL_H);
	/* F's cell: a corner pixel is the blue background */
	assert_int_equal(pixel(s, 3 * SHOT_CELL_W + 1, 1), 0x0a14d2u);
	/* and its glyph put some red in the cell */
	for (int y = 0; y < SHOT_CELL_H; y++)
		for (int x = 0; x < SHOT_CELL_W; x++)
			lit += (pixel(s, 3 * SHOT_CELL_W + x, y) >> 16) > 0x80;
	assert_true(lit > 5);
	/* the full block: every pixel of its cell red */
	for (int y = 0; y < SHOT_CELL_H; y++)
		for (int x = 0; x < SHOT_CELL_W; x++)
			assert_int_equal(pixel(s, x, SHOT_CELL_H + y), 0xc80a14u);
	/* braille ⣿: the dot of the first column, third row; black between */
	assert_int_equal(
	        pixel(s, 5 * SHOT_CELL_W + SHOT_CELL_W / 4, SHOT_CELL_H + 5 * SHOT_CELL_H / 8),
	        0xffffffu);
	assert_int_equal(pixel(s, 5 * SHOT_CELL_W + SHOT_CELL_W / 2, SHOT_CELL_H + SHOT_CELL_H / 4),
	                 0u);
	/* ─: a line through the cell's middle row from edge to edge */
	assert_int_equal(pixel(s, 7 * SHOT_CELL_W, SHOT_CELL_H + SHOT_CELL_H / 2), 0xffffffu);
	assert_int_equal(pixel(s, 8 * SHOT_CELL_W - 1, SHOT_CELL_H + SHOT_CELL_H / 2), 0xffffffu);
	assert_int_equal(pixel(s, 7 * SHOT_CELL_W + 4, SHOT_CELL_H + 2), 0u);
	/* the rows below: background */
	assert_int_equal(pixel(s, 50, 2 * SHOT_CELL_H + 9), 0u);
	cairo_surface_destroy(s);
	shot_grid_done(&g);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void svg_text_and_size(void **state)
{
	struct shot_grid g;
	struct cd_err err;
	char p[400], *t;

	(void)state;
	sample(&g);
	shot_grid_put(&g, 5, 0, "<", white, black, 0, false);
	snprintf(p, sizeof p, "%s/a.svg", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_SVG, &err), 0);
	t = slurp(p);
	assert_non_null(strstr(t, "<svg"));
	assert_non_null(strstr(t, "width=\"90pt\""));
	assert_non_null(strstr(t, "height=\"54pt\""));
	assert_non_null(strstr(t, "<desc>Hi F &lt;\n█ 中 ⣿ ─"));
	assert_non_null(strstr(t, "</svg>"));
	free(t);
	/* txt and ans through shot_write too */
	snprintf(p, sizeof p, "%s/a.txt", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_TXT, &err), 0);
	t = slurp(p);
	assert_string_equal(t, "Hi F <\n█ 中 ⣿ ─\n\n");
	free(t);
	snprintf(p, sizeof p, "%s/a.ans", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_ANS, &err), 0);
	t = slurp(p);
	assert_non_null(strstr(t, "\033[0;38;2;200;10;20;48;2;10;20;210mF"));
	free(t);
	/* no such format; a directory that is not there */
	assert_int_equal(shot_write(&g, p, SHOT_FMT_NONE, &err), -1);
	assert_non_null(strstr(err.msg, ".png"));
	snprintf(p, sizeof p, "%s/no/such/dir/a.png", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_PNG, &err), -1);
	assert_int_equal(access(p, F_OK), -1);
	shot_grid_done(&g);
}

/* Wide characters come from a font fontconfig finds for them (make deps
 * installs a CJK one): 中 and 国 differ, and each spans both its cells.
 * Drawn with a font that lacks them they would be the same missing-glyph
 * box. */
static void cjk_fallback(void **state)
{
	struct shot_grid g;
	struct cd_err err;
	cairo_surface_t *s;
	char p[400];
	int differ = 0, left = 0, right = 0;

	(void)state;
	assert_int_equal(shot_grid_init(&g, 4, 1, white, black), 0);
	shot_grid_put(&g, 0, 0, "中", white, black, 0, true);
	shot_grid_put(&g, 2, 0, "国", white, black, 0, true);
	snprintf(p, sizeof p, "%s/a.png", dir);
	assert_int_equal(shot_write(&g, p, SHOT_FMT_PNG, &err), 0);
	s = cairo_image_surface_create_from_png(p);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	for (int y = 0; y < SHOT_CELL_H; y++)
		for (int x = 0; x < 2 * SHOT_CELL_W; x++) {
			uint32_t a = pixel(s, x, y), b = pixel(s, 2 * SHOT_CELL_W + x, y);

			differ += a != b;
			if (a > 0x808080u)
				*(x < SHOT_CELL_W ? &left : &right) += 1;
		}
	assert_true(differ > 10);
	assert_true(left > 3);
	assert_true(right > 3);
	cairo_surface_destroy(s);
	shot_grid_done(&g);
}

/* screenshots.dir in config.yaml: read, and a wrong key or shape refused
 * with its place and the allowed key. */
static void config_screenshots_dir(void **state)
{
	struct userconf uc;
	struct cd_errlist errs;
	char p[400];
	FILE *f;

	(void)state;
	snprintf(p, sizeof p, "%s/config.yaml", dir);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("theme: dark\nscreenshots:\n  dir: ~/shots\n", f);
	fclose(f);
	cd_errlist_init(&errs);
	assert_int_equal(userconf_load(p, &uc, &errs), 0);
	assert_string_equal(uc.screenshots_dir, "~/shots");
	assert_string_equal(uc.theme, "dark");
	cd_errlist_done(&errs);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("screenshots:\n  folder: /tmp\n", f);
	fclose(f);
	cd_errlist_init(&errs);
	assert_int_equal(userconf_load(p, &uc, &errs), -1);
	assert_true(errs.n >= 1);
	assert_int_equal(errs.v[0].line, 2);
	assert_non_null(strstr(errs.v[0].msg, "folder"));
	assert_string_equal(uc.screenshots_dir, "");
	cd_errlist_done(&errs);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("screenshots: /tmp\n", f);
	fclose(f);
	cd_errlist_init(&errs);
	assert_int_equal(userconf_load(p, &uc, &errs), -1);
	assert_non_null(strstr(errs.v[0].msg, "dir"));
	cd_errlist_done(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(grid_put_wide),
	        cmocka_unit_test(formats),
	        cmocka_unit_test(text_trims),
	        cmocka_unit_test(ansi_colours),
	        cmocka_unit_test(png_pixels),
	        cmocka_unit_test(svg_text_and_size),
	        cmocka_unit_test(config_screenshots_dir),
	        cmocka_unit_test(cjk_fallback),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
