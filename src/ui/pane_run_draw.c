/* pane_run_draw.c — draws the training pane from struct pane_run: status
 * line, the note (command, or what is wrong), the burn figures and where
 * their GPU count comes from, the offer of the plan's GPUs, the loss
 * summary and throughput, the loss chart with its legend, CPU/GPU gauges
 * and the last lines of output.  The sentences come from runtext.c; every
 * line is fitted to the pane's width (runfmt_join/runfmt_fit), so nothing
 * is cut mid-word.
 *
 * Only draws: reads state, changes nothing but the chart's scratch memory
 * and the copy of the output tail it shows (pr->tail, re-taken at most every
 * PANE_RUN_TAIL_MS while output streams).
 * No money arithmetic (every figure comes from burn_eval through
 * run_view_progress and is printed with burn_format).  The child's output is
 * sanitised again here before it reaches the terminal.  Start at
 * pane_run_draw.
 */
#include "pane_run_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gauge.h"
#include "runfmt.h"
#include "runtext.h"
#include "tailfmt.h"

#define YLABEL_W 7 /* "0.313 " left of the chart */

static void line(WINDOW *w, int y, int x, int width, attr_t attr, const char *s)
{
	if (y < 0 || width <= 0)
		return;
	wattrset(w, attr);
	wmove(w, y, x);
	widget_text(w, s, width, false);
}

/* A child's line as the tail shows it, into buf: capdash protocol lines as
 * short text, and cleaned again, so nothing it prints may reach the
 * terminal as a control sequence. */
static void tail_text(const char *s, char *buf, size_t size)
{
	char human[PANE_RUN_TAIL_LINE];
	size_t n;

	if (tailfmt_line(s, human, sizeof human))
		s = human;
	n = strlen(s);
	if (n >= size) /* cut on a character boundary, not inside one */
		for (n = size - 1; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
			;
	memcpy(buf, s, n);
	buf[log_sanitize(buf, n)] = 0;
}

static enum theme_role state_role(const struct run_progress *p)
{
	switch (p->state) {
	case RUN_RUNNING:
		return p->stalled ? TR_WARN : TR_GOOD;
	case RUN_PAUSED:
	case RUN_STOPPING:
	case RUN_LOST:
		return TR_WARN;
	case RUN_FAILED:
		return TR_BAD;
	case RUN_PENDING: /* in a Slurm queue: waiting, not wrong */
		return TR_ACCENT;
	default:
		return TR_TEXT;
	}
}

static enum theme_role tone_role(enum runtext_tone t)
{
	static const enum theme_role roles[] = {
	        [RT_TEXT] = TR_TEXT, [RT_DIM] = TR_DIM, [RT_GOOD] = TR_GOOD,
	        [RT_WARN] = TR_WARN, [RT_BAD] = TR_BAD, [RT_ACCENT] = TR_ACCENT};
	return roles[t];
}

/* What the sentences of runtext.h are made from.  why is filled for a
 * failed run only: finished and stopped runs say it in the state. */
static void text_in(struct ui_app *app, struct pane_run *pr, struct runtext_in *in, char *why,
                    size_t wsize)
{
	const struct ui_key *g = keys_first(UA_RUN_GPUS);

	why[0] = 0;
	if (pr->prog.state == RUN_FAILED)
		run_status_why(run_view_status(pr->v), pr->prog.state, why, wsize);
	*in = (struct runtext_in){
	        .p = &pr->prog,
	        .st = run_view_status(pr->v),
	        .prices = run_view_prices(pr->v),
	        .command = run_view_command(pr->v),
	        .why = why,
	        .now_ms = run_now_ms(),
	        .plan_gpus = app->sc.in.gpus,
	        .gpu_key = g ? (app->utf8 || !g->ascii_name ? g->name : g->ascii_name) : NULL,
	        .utf8 = app->utf8,
	};
}

/* "loss 0.334 (lowest 0.312) · val loss 0.410 (lowest 0.398) · 1,240
 * samples/s"; on a narrow pane the val loss without its lowest, then the
 * rate and the val loss go, whole. */
static void draw_summary(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int width)
{
	char loss[128], val[128] = "", rate[RUNFMT_MAX] = "", buf[400];
	struct runfmt_field f[3] = {{loss, 5}, {val, 4}, {rate, 3}};
	const char *dot = app->utf8 ? " · " : " | ";

	if (!chart_summary_loss(loss, sizeof loss, _("loss"), &pr->train))
		snprintf(loss, sizeof loss, "%s", _("no loss yet"));
	if (chart_summary_loss(val, sizeof val, _("val loss"), &pr->val) &&
	    runfmt_width(loss) + 3 + runfmt_width(val) > width) {
		struct series_pt mn, last, best;
		char a[CHART_LABEL_MAX];

		series_loss_summary(&pr->val, &mn, &last, &best);
		snprintf(val, sizeof val, _("val loss %s"), chart_fmt_value(a, sizeof a, last.y));
	}
	if (pr->prog.has_throughput)
		runfmt_rate(rate, sizeof rate, pr->prog.throughput, pr->prog.rate_unit, NULL);
	runfmt_join(buf, sizeof buf, f, 3, dot, width, app->utf8);
	line(w, y, 2, width, app->col.attr[TR_TEXT], buf);
}

static enum theme_role chart_role(uint8_t id)
{
	return id == 1 ? TR_CHART_RAW : id == 2 ? TR_CHART_EMA : TR_CHART_VAL;
}

/* Series ids and styles: raw loss dotted, smoothed solid, val as marks, so
 * they tell apart in monochrome and ASCII too (the legend names them). */
static const struct {
	uint8_t id;
	enum chart_style style;
	const char *name, *short_name;
} series_look[] = {
        {1, CHART_DOTS, N_("raw loss"), N_("raw")},
        {2, CHART_LINE, N_("smoothed"), N_("smoothed")},
        {3, CHART_MARKS, N_("val loss"), N_("val")},
};

static bool chart_bind(struct ui_app *app, struct pane_run *pr, int cw, int ch)
{
	size_t need;

	if (pr->cw == cw && pr->ch == ch && pr->chart_ascii == !app->utf8)
		return true;
	pr->cw = pr->ch = 0;
	if (!(need = chart_mem_size(cw, ch)))
		return false;
	if (need > pr->chart_cap) {
		void *m = realloc(pr->chart_mem, need);

		if (!m)
			return false;
		pr->chart_mem = m;
		pr->chart_cap = need;
	}
	if (chart_init(&pr->chart, pr->chart_mem, pr->chart_cap, cw, ch, !app->utf8) != 0)
		return false;
	pr->cw = cw;
	pr->ch = ch;
	pr->chart_ascii = !app->utf8;
	return true;
}

/* "⠂⠂ raw loss  ⠒⠒ smoothed  ◆ val loss", each sample in its series'
 * colour; short names, then fewer entries, on a narrow pane. */
static void draw_legend(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int x, int width,
                        int nseries)
{
	for (int shortn = 0; shortn < 2; shortn++) {
		int need = 0, cx = x, cells;

		for (int i = 0; i < nseries; i++) {
			chart_style_sample(series_look[i].style, !app->utf8, &cells);
			need += (i ? 2 : 0) + cells + 1 +
			        glyphs_width(_(shortn ? series_look[i].short_name
			                              : series_look[i].name));
		}
		if (need > width && !shortn)
			continue;
		if (need > width)
			return; /* a legend cut in half would name the wrong thing */
		for (int i = 0; i < nseries; i++) {
			const char *smp =
			        chart_style_sample(series_look[i].style, !app->utf8, &cells);
			const char *nm =
			        _(shortn ? series_look[i].short_name : series_look[i].name);

			wattrset(w, app->col.attr[chart_role(series_look[i].id)]);
			mvwaddstr(w, y, cx + (i ? 2 : 0), smp);
			cx += (i ? 2 : 0) + cells;
			wattrset(w, app->col.attr[TR_DIM]);
			mvwprintw(w, y, cx, " %s", nm);
			cx += 1 + glyphs_width(nm);
		}
		return;
	}
	(void)pr;
}

static void draw_chart(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int h, int width,
                       int legend_y)
{
	struct chart_series s[3];
	struct chart_opts o = {.logy = pr->logy, .pad = CHART_PAD_DEFAULT, .robust_y = !pr->full_y};
	int cw = width - YLABEL_W, n = 0;
	char axis[CHART_MAX_W * 3 + 1];

	if (cw < 8 || h < 2 || !chart_bind(app, pr, cw, h))
		return;
	s[n++] = (struct chart_series){series_data(&pr->train.raw), series_len(&pr->train.raw), 1};
	s[n++] = (struct chart_series){series_data(&pr->train.ema), series_len(&pr->train.ema), 2};
	if (series_len(&pr->val.raw))
		s[n++] = (struct chart_series){series_data(&pr->val.raw), series_len(&pr->val.raw),
		                               3};
	for (int i = 0; i < n; i++)
		o.style[i] = series_look[i].style;
	if (pr->prog.total > 0) {
		o.x_fixed = true;
		o.x_lo = 0;
		o.x_hi = (double)pr->prog.total;
	}
	chart_render(&pr->chart, &o, s, (size_t)n);
	if (pr->chart.empty)
		return; /* the summary line above says "no loss yet" */
	line(w, y, 2, YLABEL_W - 1, app->col.attr[TR_DIM], pr->chart.ytop);
	line(w, y + h - 1, 2, YLABEL_W - 1, app->col.attr[TR_DIM], pr->chart.ybot);
	if (pr->logy && h > 2)
		line(w, y + h / 2, 2, YLABEL_W - 1, app->col.attr[TR_DIM], "log");
	for (int r = 0; r < h; r++) {
		struct chart_span sp = {0};
		const char *row = chart_row(&pr->chart, r);

		while (chart_span_next(&pr->chart, r, &sp)) {
			if (!sp.id)
				continue;
			wattrset(w, app->col.attr[chart_role(sp.id)]);
			mvwaddnstr(w, y + r, 2 + YLABEL_W + sp.col, row + sp.off, (int)sp.len);
		}
	}
	chart_xaxis(&pr->chart, axis, sizeof axis, cw);
	line(w, y + h, 2 + YLABEL_W, cw, app->col.attr[TR_DIM], axis);
	if (legend_y >= 0)
		draw_legend(app, pr, w, legend_y, 2 + YLABEL_W, cw, n);
}

static int draw_gauges(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int n, int width)
{
	const struct run_cpu *cpu = run_view_cpu(pr->v);
	const struct run_gpu *g;
	int ng = run_view_gpus(pr->v, &g), cells = (width - 21) / 2, row = 0;
	char a[GAUGE_BUF_SIZE(40)], b[GAUGE_BUF_SIZE(40)], buf[sizeof a + sizeof b + 16];

	if (cells > 40)
		cells = 40;
	if (cells < 4)
		cells = 4;
	gauge_format(a, sizeof a, "CPU", cpu->valid ? cpu->cpu_pct : -1, cells, app->utf8);
	if (ng == 0) {
		const char *why = run_view_nogpu(pr->v);
		enum run_state st = pr->prog.state;
		bool over = st == RUN_FINISHED || st == RUN_FAILED || st == RUN_STOPPED ||
		            st == RUN_LOST;
		/* "yet" only while a sample may still come */
		struct runfmt_field f[2] = {{a, 2},
		                            {why    ? why
		                             : over ? _("GPU: not sampled")
		                                    : _("GPU: not sampled yet"),
		                             1}};

		runfmt_join(buf, sizeof buf, f, 2, "   ", width, app->utf8);
		line(w, y, 2, width, app->col.attr[TR_TEXT], buf);
		return 1;
	}
	for (int i = 0; i < ng && row < n; i++, row++) {
		char label[8];

		snprintf(label, sizeof label, ng > 1 ? "G%d" : "GPU", i);
		gauge_format(b, sizeof b, label,
		             (g[i].has & RUN_GPU_UTIL) ? (double)g[i].util_pct : -1.0, cells,
		             app->utf8);
		if (row == 0)
			snprintf(buf, sizeof buf, "%s   %s", a, b);
		else
			snprintf(buf, sizeof buf, "%*s   %s", glyphs_width(a), "", b);
		line(w, y + row, 2, width, app->col.attr[TR_TEXT], buf);
	}
	return row;
}

/* s over up to max rows from y, broken at blanks (a word wider than the
 * pane is split: it continues on the next row).  Returns the rows used. */
static int draw_wrapped(WINDOW *w, int y, int max, int width, attr_t attr, const char *s)
{
	size_t off[64], len[64];
	int n = pane_run_wrap(s, width, off, len, max < 64 ? max : 64);

	for (int i = 0; i < n; i++) {
		char part[CHART_MAX_W * 4 + 1];
		size_t l = len[i] < sizeof part - 1 ? len[i] : sizeof part - 1;

		memcpy(part, s + off[i], l);
		part[l] = 0;
		line(w, y + i, 2, width, attr, part);
	}
	return n;
}

/* The command waiting for its y/N, whole, wrapped over the pane: what is
 * started is exactly what is shown. */
static void draw_pending(struct ui_app *app, struct pane_run *pr, WINDOW *w, int h, int width)
{
	char shown[4096], head[160];

	runfmt_fit(head, sizeof head, _("start this command? (y/N below)"), width, app->utf8);
	line(w, 2, 2, width, app->col.attr[TR_WARN] | A_BOLD, head);
	run_argv_display(pr->pending, shown, sizeof shown);
	draw_wrapped(w, 3, h - 4, width, app->col.attr[TR_TEXT], shown);
}

static void draw_empty(struct ui_app *app, struct pane_run *pr, WINDOW *w, int h, int width)
{
	const struct ui_key *k;
	static const struct {
		enum ui_action a;
		const char *what, *short_what;
	} hints[] = {
	        {UA_RUN_START, N_("start a run (the scenario's run.command, else capdash-train)"),
	         N_("start a run")},
	        {UA_RUN_COMMAND, N_("type a command to run"), N_("type a command")},
	        {UA_RUN_LIST, N_("open a past or running run"), N_("open a run")},
	};
	char buf[200], fitted[200], id[RUN_ID_MAX + 8];
	int y = 3;

	runfmt_fit(id, sizeof id, pr->v ? run_view_id(pr->v) : _("no run"), width, app->utf8);
	line(w, 1, 2, width, app->col.attr[TR_DIM], id);
	if (pr->pending) {
		draw_pending(app, pr, w, h, width);
		return;
	}
	if (pr->note[0])
		y += draw_wrapped(w, 2, 2, width, app->col.attr[TR_BAD], pr->note) - 1;
	for (size_t i = 0; i < sizeof hints / sizeof hints[0] && y < h - 1; i++, y++) {
		const char *name;

		if (!(k = keys_first(hints[i].a)))
			continue;
		name = app->utf8 || !k->ascii_name ? k->name : k->ascii_name;
		if (hints[i].a == UA_RUN_START && app_r_renames(app)) {
			/* r renames the selected role or line: say how to start one */
			snprintf(
			        buf, sizeof buf, "%-3s %s", name,
			        _("rename the selected role or line (on other rows: start a run)"));
			if (runfmt_width(buf) > width)
				snprintf(buf, sizeof buf, "%-3s %s", name, _("rename this row"));
		} else {
			snprintf(buf, sizeof buf, "%-3s %s", name, _(hints[i].what));
			if (runfmt_width(buf) > width)
				snprintf(buf, sizeof buf, "%-3s %s", name, _(hints[i].short_what));
		}
		runfmt_fit(fitted, sizeof fitted, buf, width, app->utf8);
		line(w, y, 2, width, app->col.attr[TR_TEXT], fitted);
	}
}

/* Take the run's last lines into pr->tail, human text for protocol lines
 * and sanitised, when the copy is older than PANE_RUN_TAIL_MS or the run is
 * not live (its last lines must show at once). */
static void take_tail(struct pane_run *pr)
{
	const char *lines[PANE_RUN_TAIL_MAX];
	int64_t now = loop_now_ms();
	enum run_state s = pr->prog.state;
	bool live = s == RUN_STARTING || s == RUN_RUNNING || s == RUN_STOPPING || s == RUN_PENDING;
	size_t n;

	if (live && pr->tail_ms > 0 && now - pr->tail_ms < PANE_RUN_TAIL_MS && now >= pr->tail_ms)
		return;
	pr->tail_ms = now > 0 ? now : 1;
	n = run_view_tail(pr->v, lines, PANE_RUN_TAIL_MAX);
	for (size_t i = 0; i < n; i++)
		tail_text(lines[i], pr->tail[i], sizeof pr->tail[i]);
	pr->ntail = (int)n;
}

/* The text lines over the chart: status, note, money, basis, offer. */
static void draw_lines(struct ui_app *app, struct pane_run *pr, WINDOW *w,
                       const struct pane_run_rows *rows, int width)
{
	struct runtext_in in;
	enum runtext_tone tone;
	char why[160], buf[1024];

	text_in(app, pr, &in, why, sizeof why);
	runtext_status(buf, sizeof buf, &in, width);
	line(w, 1 + rows->status, 2, width, app->col.attr[state_role(&pr->prog)] | A_BOLD, buf);
	if (rows->cmd >= 0) {
		runtext_note(buf, sizeof buf, &in, width, &tone);
		line(w, 1 + rows->cmd, 2, width,
		     app->col.attr[tone_role(tone)] | (tone == RT_WARN ? A_BOLD : 0), buf);
	}
	if (rows->money >= 0) {
		runtext_money(buf, sizeof buf, &in, width, &tone);
		line(w, 1 + rows->money, 2, width, app->col.attr[tone_role(tone)], buf);
	}
	if (rows->basis >= 0) {
		runtext_basis(buf, sizeof buf, &in, width);
		line(w, 1 + rows->basis, 2, width, app->col.attr[TR_DIM], buf);
	}
	if (rows->offer >= 0 && runtext_offer(buf, sizeof buf, &in, width))
		line(w, 1 + rows->offer, 2, width, app->col.attr[TR_WARN], buf);
}

bool pane_run_offers(struct ui_app *app, struct pane_run *pr)
{
	struct runtext_in in;
	char why[8], buf[8];

	if (!pr->v || !pr->prog_ok)
		return false;
	text_in(app, pr, &in, why, sizeof why);
	return runtext_offer(buf, sizeof buf, &in, 200);
}

void pane_run_draw(struct ui_app *app, struct pane_run *pr, WINDOW *w)
{
	struct pane_run_rows rows;
	const struct run_gpu *g;
	char title[RUN_ID_MAX + 32];
	int h, wd, width, ng;

	getmaxyx(w, h, wd);
	snprintf(title, sizeof title, _("Run%s%s%s"), pr->v ? ": " : "",
	         pr->v ? run_view_id(pr->v) : "",
	         app->lay.mode == UI_LAYOUT_TABBED ? _(" (Tab: budget)") : "");
	widget_box(app, w, title, false, app->tab == UI_PANE_RUN);
	width = wd - 4;
	if (h < 3 || width < 8)
		return;
	if (!pr->v || pr->pending) {
		draw_empty(app, pr, w, h, width);
		wattrset(w, app->col.attr[TR_TEXT]);
		return;
	}
	ng = run_view_gpus(pr->v, &g);
	pane_run_rows(h - 2, ng, pane_run_offers(app, pr), &rows);
	draw_lines(app, pr, w, &rows, width);
	if (rows.summary >= 0)
		draw_summary(app, pr, w, 1 + rows.summary, width);
	if (rows.chart_h > 0)
		draw_chart(app, pr, w, 1 + rows.chart_y, rows.chart_h, width,
		           rows.legend >= 0 ? 1 + rows.legend : -1);
	if (rows.gauge_n > 0)
		draw_gauges(app, pr, w, 1 + rows.gauge_y, rows.gauge_n, width);
	if (rows.tail_n > 0) {
		int first;

		take_tail(pr);
		first = pr->ntail > rows.tail_n ? pr->ntail - rows.tail_n : 0;
		for (int i = first; i < pr->ntail; i++) {
			char fitted[PANE_RUN_TAIL_LINE + 4];

			runfmt_fit(fitted, sizeof fitted, pr->tail[i], width, app->utf8);
			line(w, 1 + rows.tail_y + i - first, 2, width, app->col.attr[TR_DIM],
			     fitted);
		}
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}
