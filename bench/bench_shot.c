/* bench_shot.c — the in-process cost of a 120x40 PNG picture: a grid filled
 * from a real screen (the TXT of `capdash shot`, argv[1]) with colours per
 * row, drawn and written by shot_write, against cairo painting and writing
 * a blank PNG of the same size in the same run (the PNG encoder's share).
 * Wall clock: writing the file is part of what x costs the person.
 * Prints key=value lines for bench/35-shot.sh. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchutil.h"
#include "capdash/shot.h"

#define RUNS 40

static int fill(struct shot_grid *g, const char *txt_path)
{
	static const struct shot_rgb fg = {229, 229, 229}, bg = {28, 28, 28},
	                             part[3] = {{95, 175, 255}, {215, 135, 215}, {135, 215, 135}};
	FILE *f = fopen(txt_path, "r");
	char line[4096];
	int y = 0;

	if (!f || shot_grid_init(g, 120, 40, fg, bg) != 0)
		return -1;
	while (y < 40 && fgets(line, sizeof line, f)) {
		const unsigned char *p = (const unsigned char *)line;

		for (int x = 0; x < 120 && *p && *p != '\n'; x++) {
			char cell[8];
			int n = *p < 0x80             ? 1
			        : (*p & 0xe0) == 0xc0 ? 2
			        : (*p & 0xf0) == 0xe0 ? 3
			                              : 4;

			memcpy(cell, p, (size_t)n);
			cell[n] = 0;
			shot_grid_put(g, x, y, cell, part[y % 3], bg, y % 5 == 0 ? SHOT_BOLD : 0,
			              false);
			p += n;
		}
		y++;
	}
	fclose(f);
	return 0;
}

static cairo_status_t sink(void *c, const unsigned char *d, unsigned int n)
{
	(void)d;
	*(size_t *)c += n;
	return CAIRO_STATUS_SUCCESS;
}

int main(int argc, char **argv)
{
	struct shot_grid g;
	struct cd_err err;
	double shot[RUNS], blank[RUNS];
	char out[300];

	if (argc != 3 || fill(&g, argv[1]) != 0) {
		fprintf(stderr, "usage: bench_shot SCREEN.txt OUTDIR\n");
		return 1;
	}
	snprintf(out, sizeof out, "%s/bench.png", argv[2]);
	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now_ns(CLOCK_MONOTONIC);
		cairo_surface_t *s;
		cairo_t *cr;
		size_t bytes = 0;

		if (shot_write(&g, out, SHOT_FMT_PNG, &err) != 0) {
			fprintf(stderr, "bench_shot: %s\n", err.msg);
			return 1;
		}
		shot[i] = (bench_now_ns(CLOCK_MONOTONIC) - t0) / 1e6;
		t0 = bench_now_ns(CLOCK_MONOTONIC);
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120 * SHOT_CELL_W,
		                               40 * SHOT_CELL_H);
		cr = cairo_create(s);
		cairo_set_source_rgb(cr, 0.11, 0.11, 0.11);
		cairo_paint(cr);
		cairo_destroy(cr);
		cairo_surface_write_to_png_stream(s, sink, &bytes);
		cairo_surface_destroy(s);
		blank[i] = (bench_now_ns(CLOCK_MONOTONIC) - t0) / 1e6;
	}
	printf("shot_ms=%.2f\nblank_ms=%.2f\n", bench_median(shot, RUNS),
	       bench_median(blank, RUNS));
	unlink(out);
	shot_grid_done(&g);
	return 0;
}
