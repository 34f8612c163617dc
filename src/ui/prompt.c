/* prompt.c — the one-line editor on the bottom line: exact values,
 * filenames, and y/N questions.  While a prompt is open every key goes here;
 * Enter answers, Esc (or Ctrl-G) cancels.  The answer is handed to a
 * callback; this file never changes the budget itself. */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

void prompt_text(struct ui_app *app, const char *label, const char *init, ui_prompt_done done)
{
	struct ui_prompt *p = &app->prompt;

	p->kind = UI_PROMPT_TEXT;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->buf, sizeof p->buf, "%s", init ? init : "");
	p->len = strlen(p->buf);
	p->fresh = p->len > 0;
	p->cands = NULL;
	p->ncands = 0;
	p->cand = -1;
	p->done = done;
	app->status[0] = 0;
	app->dirty |= UI_DIRTY_BAR;
}

void prompt_yesno(struct ui_app *app, const char *label, ui_prompt_done done)
{
	prompt_text(app, label, "", done);
	app->prompt.kind = UI_PROMPT_YESNO;
}

static void finish(struct ui_app *app, const char *text, int answer)
{
	ui_prompt_done done = app->prompt.done;

	app->prompt.kind = UI_PROMPT_NONE;
	app->dirty |= UI_DIRTY_BAR;
	if (done)
		done(app, text, answer);
}

void prompt_key(struct ui_app *app, int key)
{
	struct ui_prompt *p = &app->prompt;
	char text[sizeof p->buf];

	app->dirty |= UI_DIRTY_BAR;
	if (p->kind == UI_PROMPT_YESNO) {
		finish(app, NULL, key == 27 ? 'n' : key);
		return;
	}
	switch (key) {
	case 27:
	case 7: /* Ctrl-G */
		finish(app, NULL, 0);
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		memcpy(text, p->buf, p->len + 1);
		finish(app, text, 0);
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		p->fresh = false;
		while (p->len > 0 && ((unsigned char)p->buf[p->len - 1] & 0xC0) == 0x80)
			p->len--;
		if (p->len > 0)
			p->len--;
		p->buf[p->len] = 0;
		return;
	case '\t':
		if (p->ncands > 0) {
			p->cand = (p->cand + 1) % p->ncands;
			snprintf(p->buf, sizeof p->buf, "%s", p->cands[p->cand]);
			p->len = strlen(p->buf);
			p->fresh = false;
		}
		return;
	case 21: /* Ctrl-U: clear */
		p->len = 0;
		p->buf[0] = 0;
		return;
	default:
		if (key >= 32 && key < 256 && key != 127 && p->fresh) {
			p->len = 0;
			p->buf[0] = 0;
			p->fresh = false;
		}
		if (key >= 32 && key < 256 && key != 127 && p->len + 1 < sizeof p->buf) {
			p->buf[p->len++] = (char)key;
			p->buf[p->len] = 0;
		}
	}
}

/* A question too long for the line keeps its end ("? y/N"), the part a
 * person must see to answer; the words before it are shortened at a word
 * boundary. */
static void yesno_draw(struct ui_app *app, WINDOW *w, const char *label, int cells)
{
	const char *q = strrchr(label, '?');
	char head[sizeof app->prompt.label];
	int tail;

	if (glyphs_width(label) <= cells || !q) {
		widget_text_fit(app, w, label, cells, false);
		return;
	}
	tail = glyphs_width(q);
	snprintf(head, sizeof head, "%.*s", (int)(q - label), label);
	if (cells - tail < 4) {
		widget_text_fit(app, w, label, cells, false);
		return;
	}
	widget_text_fit(app, w, head, cells - tail, false);
	waddstr(w, q);
}

void prompt_draw(struct ui_app *app, WINDOW *w)
{
	struct ui_prompt *p = &app->prompt;
	int width = getmaxx(w), lw = glyphs_width(p->label), room;
	const char *shown = p->buf;

	wattrset(w, app->col.attr[TR_STATUS]);
	wmove(w, 0, 1);
	if (p->kind == UI_PROMPT_YESNO) {
		yesno_draw(app, w, p->label, width - 2);
		return;
	}
	widget_text_fit(app, w, p->label, width - 2, false);
	room = width - 3 - lw;
	if (room < 2)
		return;
	while (uw_width(shown) > room - 1) { /* keep the end, where typing happens */
		int c;

		shown += uw_next(shown, &c);
	}
	wattrset(w, app->col.attr[p->fresh ? TR_SELECTED : TR_TEXT] | (p->fresh ? A_UNDERLINE : 0));
	waddstr(w, shown);
	wattrset(w, app->col.attr[TR_TEXT] | A_REVERSE);
	waddch(w, ' '); /* the cursor: drawn, so no cursor blink or moves are sent */
	wattrset(w, app->col.attr[TR_TEXT]);
}
