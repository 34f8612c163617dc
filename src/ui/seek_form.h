/* seek_form.h — g: the goal seek form (seek_form.c).  A small box over the
 * panes: a target (capital F or the direct cost C+D+H+O), a relation
 * (≤ ≥ =), an amount and the input to vary.  Enter seeks (goal.h) and shows
 * the answer beside the current value; Enter again applies it as one undo
 * step; Esc closes it with nothing changed.  While app->seek is set, loop.c
 * gives it every key and draws it after the panes.
 */
#ifndef CAPDASH_UI_SEEK_FORM_H
#define CAPDASH_UI_SEEK_FORM_H

#include "capdash/goal.h"
#include "ui_int.h"

enum seek_row { SEEK_ROW_TARGET, SEEK_ROW_REL, SEEK_ROW_AMOUNT, SEEK_ROW_VARY, SEEK_ROW__COUNT };

enum seek_state {
	SEEK_EDITING, /* nothing sought yet, or a field changed since */
	SEEK_ANSWER,  /* ans holds the answer: Enter applies it */
	SEEK_FAILED   /* msg says why (infeasible, refused, a bad amount) */
};

struct seek_form {
	enum seek_row row; /* the field with the focus */
	enum goal_measure measure;
	enum goal_rel rel;
	char amount[64]; /* as typed; budget_value_parse reads it */
	size_t len;
	bool fresh; /* the initial amount: the first typed character replaces it */
	struct budget_key vary[UI_MAX_ITEMS]; /* the app's items F depends on, GPUs first */
	int nvary, cur;                       /* cur: the chosen one */
	enum seek_state state;
	struct goal_answer ans;
	int64_t target;
	char msg[512]; /* SEEK_FAILED: why */
	void *win;     /* the box's WINDOW, or NULL (never in unit tests) */
	int win_w, win_h;
};

/* Open the form (the vary list from the app's items, the amount the F now). */
void seek_form_open(struct ui_app *app);
/* Close it; nothing changes. */
void seek_form_close(struct ui_app *app);
void seek_form_key(struct ui_app *app, int key);
void seek_form_draw(struct ui_app *app);

#endif
