/* layout.c — where each pane goes for a given terminal size.
 *
 * Pure: no curses calls, no state; loop.c asks on every resize and builds
 * windows from the answer.  Never refuses a size: wide terminals get the
 * budget and run panes side by side, narrow-but-tall ones stack them, 80x24
 * gets one pane at a time (Tab switches), and below ~40x12 the caller shows
 * a one-line summary.  The last line is always the key bar / status line.
 */
#include "ui_int.h"

#include <string.h>

static struct ui_rect rect(int x, int y, int w, int h)
{
	struct ui_rect r = {x, y, w, h};

	if (w <= 0 || h <= 0)
		r.w = r.h = 0;
	return r;
}

void layout_compute(int cols, int rows, enum ui_pane_id tab, bool present, struct ui_layout *out)
{
	int body;

	memset(out, 0, sizeof *out);
	if (cols < 1)
		cols = 1;
	if (rows < 1)
		rows = 1;
	if (cols < UI_TINY_COLS || rows < UI_TINY_ROWS) {
		out->mode = UI_LAYOUT_TINY;
		out->bar = rect(0, 0, cols, 1);
		return;
	}
	body = rows - 1;
	out->bar = rect(0, rows - 1, cols, 1);
	if (present) {
		out->mode = UI_LAYOUT_TABBED;
		out->pane[UI_PANE_PRESENT] = rect(0, 0, cols, body);
		return;
	}
	if (cols >= UI_WIDE_MIN_COLS) {
		int left = cols / 2;

		out->mode = UI_LAYOUT_WIDE;
		out->pane[UI_PANE_BUDGET] = rect(0, 0, left, body);
		out->pane[UI_PANE_RUN] = rect(left, 0, cols - left, body);
	} else if (rows >= UI_STACK_MIN_ROWS) {
		int top = body * 3 / 5;

		out->mode = UI_LAYOUT_STACKED;
		out->pane[UI_PANE_BUDGET] = rect(0, 0, cols, top);
		out->pane[UI_PANE_RUN] = rect(0, top, cols, body - top);
	} else {
		out->mode = UI_LAYOUT_TABBED;
		out->pane[tab == UI_PANE_RUN ? UI_PANE_RUN : UI_PANE_BUDGET] =
		        rect(0, 0, cols, body);
	}
}
