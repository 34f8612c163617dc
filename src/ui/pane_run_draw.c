/* pane_run_draw.c — draws the training pane from struct pane_run: status
 * line, command or why the run ended, the burn figures, the loss summary
 * and throughput, the braille loss chart, CPU/GPU gauges and the last lines
 * of output.
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

/* The field separator runfmt_status and chart_summary use too. */
static const char *sep(const struct ui_app *app)
{
	return app->utf8 ? " · " : " | ";
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
	default:
		return TR_TEXT;
	}
}

static void draw_status(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int width)
{
	const struct run_progress *p = &pr->prog;
	struct runfmt_status_in in = {
	        .state = run_state_name(p->state),
	        .elapsed_s = (double)p->elapsed_ms / 1000.0,
	        .has_step = p->has_step,
	        .step = p->step,
	        .total = p->total,
	        .epoch = p->epoch > 0 ? p->epoch : -1,
	        .epochs = p->epochs,
	        .eta_s = p->eta_ms >= 0 ? (double)p->eta_ms / 1000.0 : -1,
	};
	char buf[320];

	runfmt_status(buf, sizeof buf, &in, width, app->utf8);
	line(w, y, 2, width, app->col.attr[state_role(p)] | A_BOLD, buf);
}

static void draw_cmd(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int width)
{
	const struct run_progress *p = &pr->prog;
	char buf[400], why[160];

	if (p->stalled) {
		char d[RUNFMT_MAX];

		snprintf(buf, sizeof buf, "STALLED: no progress for %s",
		         runfmt_duration(d, sizeof d, (double)p->quiet_ms / 1000.0));
		line(w, y, 2, width, app->col.attr[TR_WARN] | A_BOLD, buf);
	} else if (p->state == RUN_FINISHED || p->state == RUN_FAILED || p->state == RUN_LOST) {
		run_status_why(run_view_status(pr->v), p->state, why, sizeof why);
		snprintf(buf, sizeof buf, "%s%s%s", why, sep(app), run_view_command(pr->v));
		line(w, y, 2, width, app->col.attr[p->state == RUN_FINISHED ? TR_GOOD : TR_BAD],
		     buf);
	} else {
		snprintf(buf, sizeof buf, "$ %s", run_view_command(pr->v));
		line(w, y, 2, width, app->col.attr[TR_DIM], buf);
	}
}

static void draw_money(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int width)
{
	const struct burn_result *b = &pr->prog.burn;
	char ph[48], sp[48], pj[48], tm[48], buf[320];
	const char *dot = sep(app);

	if (!pr->prog.burn_ok) {
		line(w, y, 2, width, app->col.attr[TR_DIM], "burn: prices not usable");
		return;
	}
	burn_format(b->per_hour, ph, sizeof ph);
	burn_format(b->spent, sp, sizeof sp);
	if (b->projected >= 0)
		burn_format(b->projected, pj, sizeof pj);
	else
		snprintf(pj, sizeof pj, "unknown");
	burn_format(b->team_per_hour, tm, sizeof tm);
	if (pr->prog.state == RUN_FINISHED || pr->prog.state == RUN_FAILED ||
	    pr->prog.state == RUN_LOST) {
		snprintf(buf, sizeof buf, "spent %s at %s/h%steam %s/h", sp, ph, dot, tm);
		line(w, y, 2, width, app->col.attr[TR_ACCENT], buf);
		return;
	}
	/* paused GPUs still cost: said first, so a narrow pane keeps it */
	snprintf(buf, sizeof buf, "%s%s/h%sspent %s%sat finish %s%steam %s/h",
	         b->paused_cost ? "paused, GPUs still cost " : "", ph, dot, sp, dot, pj, dot, tm);
	line(w, y, 2, width, app->col.attr[b->paused_cost ? TR_WARN : TR_ACCENT], buf);
}

static void draw_summary(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int width)
{
	char sum[256], rate[RUNFMT_MAX], buf[320];

	chart_summary(sum, sizeof sum, &pr->train, pr->val.raw.count ? &pr->val : NULL, app->utf8);
	if (pr->prog.has_throughput) {
		runfmt_rate(rate, sizeof rate, pr->prog.throughput, pr->prog.rate_unit, NULL);
		snprintf(buf, sizeof buf, "%s%s%s", rate, sep(app), sum);
	} else {
		snprintf(buf, sizeof buf, "%s", sum);
	}
	line(w, y, 2, width, app->col.attr[TR_TEXT], buf);
}

static enum theme_role chart_role(uint8_t id)
{
	return id == 1 ? TR_CHART_RAW : id == 2 ? TR_CHART_EMA : TR_CHART_VAL;
}

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

static void draw_chart(struct ui_app *app, struct pane_run *pr, WINDOW *w, int y, int h, int width)
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
	if (pr->prog.total > 0) {
		o.x_fixed = true;
		o.x_lo = 0;
		o.x_hi = (double)pr->prog.total;
	}
	chart_render(&pr->chart, &o, s, (size_t)n);
	if (pr->chart.empty) {
		line(w, y + h / 2, 2 + YLABEL_W, cw, app->col.attr[TR_DIM], "no loss yet");
		return;
	}
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

		snprintf(buf, sizeof buf, "%s   %s", a, why ? why : "GPU: not sampled yet");
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

/* The command waiting for its y/N, whole, wrapped over the pane: what is
 * started is exactly what is shown. */
static void draw_pending(struct ui_app *app, struct pane_run *pr, WINDOW *w, int h, int width)
{
	char shown[4096];
	size_t len, off = 0;
	int y = 3;

	line(w, 2, 2, width, app->col.attr[TR_WARN] | A_BOLD, "start this command? (y/N below)");
	run_argv_display(pr->pending, shown, sizeof shown);
	len = strlen(shown);
	while (off < len && y < h - 1) {
		char part[CHART_MAX_W + 1];
		size_t n = len - off < (size_t)width ? len - off : (size_t)width;

		if (n > CHART_MAX_W)
			n = CHART_MAX_W;
		memcpy(part, shown + off, n);
		part[n] = 0;
		line(w, y++, 2, width, app->col.attr[TR_TEXT], part);
		off += n;
	}
}

static void draw_empty(struct ui_app *app, struct pane_run *pr, WINDOW *w, int h, int width)
{
	const struct ui_key *k;
	static const struct {
		enum ui_action a;
		const char *what;
	} hints[] = {
	        {UA_RUN_START, "start a run (the scenario's run.command, else capdash-train)"},
	        {UA_RUN_COMMAND, "type a command to run"},
	        {UA_RUN_LIST, "open a past or running run"},
	};
	char buf[200];
	int y = 3;

	line(w, 1, 2, width, app->col.attr[TR_DIM], pr->v ? run_view_id(pr->v) : "no run");
	if (pr->pending) {
		draw_pending(app, pr, w, h, width);
		return;
	}
	if (pr->note[0])
		line(w, 2, 2, width, app->col.attr[TR_BAD], pr->note);
	for (size_t i = 0; i < sizeof hints / sizeof hints[0] && y < h - 1; i++, y++) {
		if (!(k = keys_first(hints[i].a)))
			continue;
		snprintf(buf, sizeof buf, "%-3s %s", k->name, hints[i].what);
		line(w, y, 2, width, app->col.attr[TR_TEXT], buf);
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
	bool live = s == RUN_STARTING || s == RUN_RUNNING || s == RUN_STOPPING;
	size_t n;

	if (live && pr->tail_ms > 0 && now - pr->tail_ms < PANE_RUN_TAIL_MS && now >= pr->tail_ms)
		return;
	pr->tail_ms = now > 0 ? now : 1;
	n = run_view_tail(pr->v, lines, PANE_RUN_TAIL_MAX);
	for (size_t i = 0; i < n; i++)
		tail_text(lines[i], pr->tail[i], sizeof pr->tail[i]);
	pr->ntail = (int)n;
}

void pane_run_draw(struct ui_app *app, struct pane_run *pr, WINDOW *w)
{
	struct pane_run_rows rows;
	const struct run_gpu *g;
	char title[RUN_ID_MAX + 32];
	int h, wd, width, ng;

	getmaxyx(w, h, wd);
	snprintf(title, sizeof title, "Run%s%s%s", pr->v ? ": " : "",
	         pr->v ? run_view_id(pr->v) : "",
	         app->lay.mode == UI_LAYOUT_TABBED ? " (Tab: budget)" : "");
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
	pane_run_rows(h - 2, ng, &rows);
	draw_status(app, pr, w, 1 + rows.status, width);
	if (rows.cmd >= 0)
		draw_cmd(app, pr, w, 1 + rows.cmd, width);
	if (rows.money >= 0)
		draw_money(app, pr, w, 1 + rows.money, width);
	if (rows.summary >= 0)
		draw_summary(app, pr, w, 1 + rows.summary, width);
	if (rows.chart_h > 0)
		draw_chart(app, pr, w, 1 + rows.chart_y, rows.chart_h, width);
	if (rows.gauge_n > 0)
		draw_gauges(app, pr, w, 1 + rows.gauge_y, rows.gauge_n, width);
	if (rows.tail_n > 0) {
		int first;

		take_tail(pr);
		first = pr->ntail > rows.tail_n ? pr->ntail - rows.tail_n : 0;
		for (int i = first; i < pr->ntail; i++)
			line(w, 1 + rows.tail_y + i - first, 2, width, app->col.attr[TR_DIM],
			     pr->tail[i]);
	}
	wattrset(w, app->col.attr[TR_TEXT]);
}
