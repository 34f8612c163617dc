/* test_ui_measured.c — the budget pane's measured block without a terminal:
 * its words at every width (each line fits, no word cut, the figures kept),
 * which lines stay on short panes, the notes before a run and while
 * measuring, the figures through the forecast model as the GPU, dataset and
 * epochs sliders move (the issue's example: 1,000 samples/s on the CPU, the
 * seed scenario, 10 epochs → 16m40s, 1.39 GPU-h, $3.46, 80,321 h), and the
 * epochs slider: shown only with a run, log scale 1–1,000, one undo step,
 * never marks the scenario modified. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/ui_int.h"
#include "uiapp.h"

static struct ui_app app;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(test_app_open(&app), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_app_close(&app);
	return 0;
}

/* A run open and measured at rate samples/s on one CPU (as the run pane
 * leaves app->meas after measured_run_update). */
static void measured_run(double rate, int64_t epochs)
{
	app.meas.run = true;
	app.meas.epochs = epochs;
	app.meas.state = MEASURED_OK;
	app.meas.points = 20;
	app.meas.gpus = 0;
	memset(&app.meas.in, 0, sizeof app.meas.in);
	app.meas.in.throughput = rate;
	app.meas.in.unit = FORECAST_SAMPLES;
	app.meas.in.points = 20;
	app.meas.in.run_devices = 1;
	app_rebuild_items(&app);
}

static struct measured_text figures(void)
{
	struct measured_text t;

	memset(&t, 0, sizeof t);
	t.state = MEASURED_OK;
	snprintf(t.rate, sizeof t.rate, "1,000 samples/s");
	t.npoints = 20;
	snprintf(t.devices, sizeof t.devices, "CPU as 1 device");
	snprintf(t.scaling, sizeof t.scaling, "linear scaling");
	snprintf(t.work, sizeof t.work, "500,000 × 10 epochs");
	snprintf(t.gpus, sizeof t.gpus, "5 GPUs");
	snprintf(t.time, sizeof t.time, "16m40s");
	snprintf(t.gpu_hours, sizeof t.gpu_hours, "1.39 GPU-h");
	snprintf(t.price, sizeof t.price, "$2.49/GPU-h");
	snprintf(t.rent, sizeof t.rent, "$3.46");
	snprintf(t.breakeven, sizeof t.breakeven, "80,321 h");
	return t;
}

static int line_width(const struct measured_line *l)
{
	/* a blank between them when both are there */
	return glyphs_width(l->left) + (l->left[0] && l->right[0] ? 1 : 0) + glyphs_width(l->right);
}

/* Every word of every line is a whole word of the widest wording, or ends
 * in the ellipsis (shortened on purpose). */
static void assert_no_cut(const struct measured_text *t, const struct measured_line *l, int n)
{
	struct measured_line wide[4];
	char all[4096] = " ";
	int nw = measured_lines(t, 1000, 4, true, wide, 4);

	for (int i = 0; i < nw; i++) {
		strcat(all, wide[i].left);
		strcat(all, " ");
	}
	/* the short wordings' words too: they are not cut, only shorter */
	strcat(all,
	       " Measured Train on Rent Break-even vs buying (C) C Start Measuring… (20 points) ");
	for (int i = 0; i < n; i++) {
		char buf[MEASURED_LINE], *save = NULL;

		snprintf(buf, sizeof buf, "%s", l[i].left);
		for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char want[200];
			size_t len = strlen(w);

			if (len >= 3 && !strcmp(w + len - 3, "…"))
				continue;
			snprintf(want, sizeof want, " %s ", w);
			if (!strstr(all, want) && !strchr(w, '(') && !strchr(w, ')')) {
				print_error("word \"%s\" of \"%s\" is not a whole word\n", w,
				            l[i].left);
				fail();
			}
		}
	}
}

static void test_figures_fit_every_width(void **state)
{
	struct measured_text t = figures();
	struct measured_line l[4];

	(void)state;
	for (int width = 12; width <= 130; width++) {
		for (int rows = 1; rows <= 4; rows++) {
			int n = measured_lines(&t, width, rows, true, l, 4);

			assert_int_equal(n, rows);
			for (int i = 0; i < n; i++) {
				assert_true(line_width(&l[i]) <= width);
				assert_false(l[i].dim);
				/* the narrowest pane (40 columns) leaves 36: every
				 * figure is there whole */
				if (width >= 36)
					assert_true(l[i].right[0] != 0);
			}
			assert_no_cut(&t, l, n);
		}
	}
}

static void test_figures_wordings(void **state)
{
	struct measured_text t = figures();
	struct measured_line l[4];
	int n;

	(void)state;
	/* the wide budget pane (120 columns): everything said */
	n = measured_lines(&t, 56, 4, true, l, 4);
	assert_int_equal(n, 4);
	assert_string_equal(l[0].right, "1,000 samples/s");
	assert_string_equal(l[1].left, "Train 500,000 × 10 epochs on 5 GPUs");
	assert_string_equal(l[1].right, "16m40s");
	assert_string_equal(l[2].left, "Rent 1.39 GPU-h at $2.49/GPU-h");
	assert_string_equal(l[2].right, "$3.46");
	assert_string_equal(l[3].right, "80,321 h");
	/* 80 columns: the longest wordings */
	n = measured_lines(&t, 76, 4, true, l, 4);
	assert_string_equal(l[0].left, "Measured (median of 20 points, CPU as 1 device)");
	assert_string_equal(l[1].left, "Train 500,000 × 10 epochs on 5 GPUs, linear scaling");
	assert_string_equal(l[3].left, "Break-even: renting 5 GPUs costs C after");
	/* narrow: short words, the figures whole */
	n = measured_lines(&t, 24, 4, true, l, 4);
	assert_string_equal(l[0].left, "Measured");
	assert_string_equal(l[1].left, "Train on 5 GPUs");
	assert_string_equal(l[1].right, "16m40s");
	assert_string_equal(l[3].left, "Break-even vs C");
}

static void test_short_panes_keep_time_first(void **state)
{
	struct measured_text t = figures();
	struct measured_line l[4];

	(void)state;
	assert_int_equal(measured_lines(&t, 60, 1, true, l, 4), 1);
	assert_string_equal(l[0].right, "16m40s"); /* the time the plan takes */
	assert_int_equal(measured_lines(&t, 60, 2, true, l, 4), 2);
	assert_string_equal(l[0].right, "16m40s");
	assert_string_equal(l[1].right, "$3.46"); /* then its rent, in screen order */
	assert_int_equal(measured_lines(&t, 60, 3, true, l, 4), 3);
	assert_string_equal(l[0].right, "1,000 samples/s");
	assert_int_equal(measured_rows_wanted(&t, 60, true), 4);
	assert_int_equal(measured_lines(&t, 60, 0, true, l, 4), 0);
}

static void test_notes(void **state)
{
	struct measured_text t;
	struct measured_line l[4];
	char joined[512];
	int n;

	(void)state;
	memset(&t, 0, sizeof t);
	t.state = MEASURED_NO_RUN;
	n = measured_lines(&t, 76, 1, true, l, 4);
	assert_int_equal(n, 1);
	assert_true(l[0].dim);
	assert_non_null(strstr(l[0].left, "start or attach a run to see measured figures"));
	/* no figure, made up or otherwise */
	assert_null(strpbrk(l[0].left, "$0123456789"));
	/* narrow: wrapped at blanks over the rows it has */
	for (int width = 8; width <= 100; width++) {
		for (int rows = 1; rows <= 3; rows++) {
			n = measured_lines(&t, width, rows, true, l, 4);
			assert_true(n >= 1 && n <= rows);
			for (int i = 0; i < n; i++)
				assert_true(glyphs_width(l[i].left) <= width);
			assert_no_cut(&t, l, n);
		}
	}
	n = measured_lines(&t, 30, 3, true, l, 4);
	joined[0] = 0;
	for (int i = 0; i < n; i++) {
		strcat(joined, l[i].left);
		strcat(joined, " ");
	}
	assert_non_null(strstr(joined, "start or attach a run to see measured figures"));

	t.state = MEASURED_WAITING;
	t.points = 2;
	t.need = 3;
	n = measured_lines(&t, 56, 1, true, l, 4);
	assert_non_null(strstr(l[0].left, "measuring… 2 of 3 points"));
	n = measured_lines(&t, 56, 1, false, l, 4);
	assert_non_null(strstr(l[0].left, "measuring... 2 of 3 points"));
	assert_null(strstr(l[0].left, "…")); /* ASCII screens get ASCII */

	t.state = MEASURED_REFUSED;
	snprintf(t.why, sizeof t.why, "the run reports it/s: the batch size is needed");
	n = measured_lines(&t, 76, 2, true, l, 4);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].left, "Measured: the run reports it/s: the batch size is needed");
}

static void test_no_run_no_figures(void **state)
{
	struct measured_text t;

	(void)state;
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_NO_RUN);
	assert_string_equal(t.time, "");
	assert_string_equal(t.rent, "");
	app.meas.run = true;
	app.meas.state = MEASURED_WAITING;
	app.meas.points = 2;
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_WAITING);
	assert_int_equal(t.points, 2);
	assert_int_equal(t.need, 3);
	assert_string_equal(t.time, "");
}

static void test_figures_follow_the_sliders(void **state)
{
	struct measured_text t;
	struct budget_key gpus = {BF_GPUS, 0}, samples = {BF_SAMPLES, 0};

	(void)state;
	measured_run(1000, 1);
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_OK);
	assert_string_equal(t.rate, "1,000 samples/s");
	assert_string_equal(t.devices, "CPU as 1 device");
	assert_string_equal(t.gpus, "5 GPUs");
	assert_string_equal(t.time, "1m40s"); /* 500,000 / (1,000 × 5) s */
	assert_true(app_set(&app, gpus, 10, true));
	measured_fill(&app, &t);
	assert_string_equal(t.time, "50s"); /* twice the GPUs: half the time */
	assert_true(app_set(&app, samples, 1000000, true));
	measured_fill(&app, &t);
	assert_string_equal(t.time, "1m40s"); /* twice the data: twice the time */
	assert_string_equal(t.work, "1,000,000 × 1 epoch");
	assert_true(app_set(&app, measured_epochs_key(), 3, true));
	measured_fill(&app, &t);
	assert_string_equal(t.time, "5m00s");
	assert_string_equal(t.work, "1,000,000 × 3 epochs");
	assert_true(app_set(&app, gpus, 0, true));
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_REFUSED); /* nothing to train on: said, not guessed */
	assert_string_equal(t.why, "the plan has no GPUs to train on");
	assert_true(app_set(&app, gpus, 5, true));
	app.meas.in.unit = FORECAST_ITERS; /* steps, not samples: the dashboard has no batch */
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_REFUSED);
	assert_non_null(strstr(t.why, "--batch"));
	assert_string_equal(t.time, "");
}

/* The issue's worked example, as the dashboard shows it. */
static void test_issue_example(void **state)
{
	struct measured_text t;

	(void)state;
	measured_run(1000, 10);
	measured_fill(&app, &t);
	assert_int_equal(t.state, MEASURED_OK);
	assert_string_equal(t.time, "16m40s"); /* 1,000 s */
	assert_string_equal(t.gpu_hours, "1.39 GPU-h");
	assert_string_equal(t.price, "$2.49/GPU-h");
	assert_string_equal(t.rent, "$3.46");
	assert_string_equal(t.breakeven, "80,321 h");
	assert_string_equal(t.scaling, "linear scaling");
}

static void test_epochs_slider(void **state)
{
	struct budget_key ek = measured_epochs_key();
	struct slider_spec s;
	char buf[96];

	(void)state;
	for (int i = 0; i < app.nitems; i++)
		assert_false(measured_is_epochs(app.item[i].key)); /* no run: no slider */
	app.sel = 2;                                               /* Data scientists */
	measured_run(1000, 10);
	assert_true(measured_is_epochs(app.item[2].key));
	assert_int_equal(app.item[2].kind, UI_ITEM_SLIDER);
	assert_false(app.item[2].main);
	assert_int_equal(app.item[3].key.id, BF_ROLE_COUNT);
	assert_int_equal(app.sel, 3); /* still on Data scientists */
	assert_string_equal(app_label(&app, ek, buf, sizeof buf), "Epochs (run)");
	assert_string_equal(app_value_str(&app, ek, buf, sizeof buf), "10");
	s = app_spec(&app, ek);
	assert_int_equal(s.min, 1);
	assert_int_equal(s.max, 1000);
	assert_true(s.log);

	app.sel = 2;
	app_do(&app, UA_INC);
	assert_int_equal(app_get(&app, ek), 12); /* log steps: 10, 12, 15, 20 */
	assert_true(app.meas.epochs_moved);
	assert_false(app_modified(&app)); /* not an input of the plan */
	app_do(&app, UA_INC);
	assert_int_equal(app_get(&app, ek), 15);
	app_do(&app, UA_UNDO); /* one step per move */
	assert_int_equal(app_get(&app, ek), 12);
	app_do(&app, UA_UNDO);
	assert_int_equal(app_get(&app, ek), 10);
	app_do(&app, UA_REDO);
	assert_int_equal(app_get(&app, ek), 12);
	app_do(&app, UA_MAX);
	assert_int_equal(app_get(&app, ek), 1000);
	app_do(&app, UA_MIN);
	assert_int_equal(app_get(&app, ek), 1);
	assert_int_equal(slider_value_at(&s, 0, 30), 1);
	assert_int_equal(slider_value_at(&s, 29, 30), 1000);

	/* typed, good and out of range */
	app_do(&app, UA_TYPE);
	assert_string_equal(app.prompt.buf, "1");
	for (const char *k = "250\n"; *k; k++)
		prompt_key(&app, (unsigned char)*k);
	assert_int_equal(app_get(&app, ek), 250);
	assert_false(app_set(&app, ek, 0, true));
	assert_true(app.status_err);
	assert_non_null(strstr(app.status, "1 to 1,000"));
	assert_false(app_set(&app, ek, 1001, true));
	assert_int_equal(app_get(&app, ek), 250);
	/* nothing of it is in the scenario */
	assert_false(app_modified(&app));
	assert_int_equal(app.sc.in.gpus, app.base.in.gpus);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_figures_fit_every_width, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_figures_wordings, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_short_panes_keep_time_first, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_no_run_no_figures, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_figures_follow_the_sliders, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_issue_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_epochs_slider, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
