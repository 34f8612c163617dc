/* picker.h — the one list widget behind `o` (scenarios) and `a` (runs): a
 * filter line, rows with a name, a detail (path or command) and right-hand
 * figures, a selection that scrolls, and the pure arithmetic under it.
 *
 * Rows are described lazily: a picker starts with only each row's key (a
 * path, a run id) and asks its ops to describe rows from a zero-delay timer,
 * rows on screen first, a few milliseconds at a time, so a folder of a
 * thousand scenarios opens at once and keys are never held up.  Nothing here
 * knows what a scenario or a run is; files.c and picker_runs.c do.
 *
 * The pure half (items, filter, selection and scroll, column widths, text
 * fitting, path display) needs no terminal: tests/unit/test_ui_picker.c.
 * Start at struct picker.
 */
#ifndef CAPDASH_UI_PICKER_H
#define CAPDASH_UI_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#define PICKER_MAX_ITEMS 1000 /* rows kept; more are counted in `more` */
#define PICKER_FILTER_MAX 128
#define PICKER_COLS 6       /* name, detail, then up to 4 right-aligned figures */
#define PICKER_TICK_MS 8    /* describing work per timer tick, milliseconds */
#define PICKER_NAME_MIN 12  /* the name column never gets narrower than this */
#define PICKER_DETAIL_MIN 8 /* a detail column narrower than this is left out */
#define PICKER_RIGHT_MAX 24 /* widest a right-hand figure column gets */

struct ui_app;
struct picker;

struct picker_item {
	char *key;              /* what choosing hands back: a path, a run id (owned) */
	char *col[PICKER_COLS]; /* display text, sanitised (owned; NULL: empty) */
	char *why;              /* bad: why it cannot be chosen, said on Enter (owned) */
	char *brief;            /* bad: the same, short, shown in the row (owned) */
	bool described;         /* cols filled by ops->describe */
	bool bad;               /* cannot be chosen (a file that does not load) */
	bool current;           /* the one open now: marked, selected first */
};

struct picker_ops {
	/* Fill item i (picker_set, picker_set_bad) — may read files; never
	 * draws.  The item counts as described afterwards, whatever it set. */
	void (*describe)(struct ui_app *app, struct picker *p, int i);
	/* Enter on a good item.  The picker is already closed; key is a copy. */
	void (*choose)(struct ui_app *app, const char *key);
	/* Tab, or '/' typed: switch to a typed prompt starting with text
	 * (NULL: Tab and '/' are ordinary keys). */
	void (*typed)(struct ui_app *app, const char *text);
};

struct picker {
	char title[64];
	const char *head[PICKER_COLS]; /* column headings (static strings; NULL: none) */
	int ncols;                     /* columns used, 2..PICKER_COLS */
	const char *verb;              /* the Enter hint: "open", "open run" */
	const char *typed_hint;        /* the Tab hint: "type a path"; NULL: none */
	const char *empty;             /* what to say when there are no rows */
	bool detail_left;              /* cut the detail keeping its end (paths) */
	const struct picker_ops *ops;
	char filter[PICKER_FILTER_MAX];
	size_t flen;
	struct picker_item *items;
	int n, cap;
	int more;   /* found beyond PICKER_MAX_ITEMS, not listed */
	int *shown; /* indexes into items that match the filter, in order */
	int nshown;
	int sel;                    /* index into shown; -1: nothing shown */
	int top;                    /* first shown row drawn */
	int page;                   /* rows the list had at the last draw (>= 1) */
	int next;                   /* describing: first item not yet looked at in order */
	bool armed;                 /* a describing tick is scheduled */
	void *win;                  /* the curses window of the last draw (picker_view.c) */
	int list_y, list_x, list_w; /* where rows were drawn, screen cells, for the mouse */
};

/* ---- pure ---- */

/* A picker with no items (title copied; head, verb, empty and ops are kept
 * as pointers).  Returns NULL when out of memory. */
struct picker *picker_new(const char *title, int ncols, const char *const *head,
                          const struct picker_ops *ops);
void picker_free(struct picker *p);
/* Append an item with key and an initial name (may be NULL: the key).
 * Returns its index, -1 when out of memory, -2 when full (counted in more). */
int picker_add(struct picker *p, const char *key, const char *name);
/* Set column c of item i (text is copied with control bytes and broken
 * UTF-8 replaced by '?'; NULL empties it).  Returns 0 or -1 (no memory). */
int picker_set(struct picker *p, int i, int c, const char *text);

/* Item i cannot be chosen: why says so in full (on Enter), brief in its
 * row (NULL: why).  Both copied, sanitised.  Returns 0 or -1. */
int picker_set_bad(struct picker *p, int i, const char *why, const char *brief);

/* Case-insensitive (ASCII) substring; an empty needle matches everything. */
bool picker_match(const char *hay, const char *needle);
/* Rebuild shown from the filter, keeping the selected item selected when it
 * still matches (else the first row, or the current item when no row was
 * selected).  Returns 0 or -1 (no memory: shown left as it was). */
int picker_refilter(struct picker *p);
/* Move the selection by delta rows (clamped to the list; INT_MIN/INT_MAX
 * for Home/End) and scroll so it is on screen. */
void picker_move(struct picker *p, int delta);
/* Scroll: top such that sel lies in [top, top + page) and no empty rows
 * show below the last item while there are rows above. */
void picker_scroll(struct picker *p);
/* The item selected, or NULL. */
struct picker_item *picker_selected(struct picker *p);
/* The filter: add text (a key's UTF-8 byte), drop the last character,
 * clear.  Each refilters. */
void picker_filter_add(struct picker *p, const char *text);
void picker_filter_back(struct picker *p);
void picker_filter_clear(struct picker *p);

/* Column widths for a row of width cells (the selection marker excluded):
 * right-hand columns as wide as their widest described text or heading,
 * dropped from the last while the name would get fewer than
 * PICKER_NAME_MIN cells; the name as wide as its widest text up to its
 * share; the detail the rest, or 0 below PICKER_DETAIL_MIN.  Gaps of 2
 * between shown columns are not counted in w[].  Returns the columns
 * shown (a column with w[c] == 0 is hidden). */
int picker_layout(const struct picker *p, int width, int w[PICKER_COLS]);

/* Fit UTF-8 s into cells cells (one per code point): as it is when it
 * fits, else cut at a word boundary (a blank, or before / - _ . , :) with
 * an ellipsis ("…", or "..." when !utf8) where the cut is.  from_left keeps
 * the end instead ("…/scenarios/lab.yaml").  A single word longer than the
 * room gives the ellipsis alone: never a mid-word cut.  Returns the cells
 * of out. */
int picker_fit(const char *s, int cells, bool utf8, bool from_left, char *out, size_t size);

/* How a file's path is shown: made absolute against cwd, "." and ".."
 * components and repeated slashes removed, then relative to cwd when under
 * it, "~/..." when under home, else absolute.  cwd and home may be NULL or
 * "".  Returns out. */
char *picker_path_display(const char *path, const char *cwd, const char *home, char *out,
                          size_t size);

/* ---- with the dashboard (picker.c) ---- */

/* Make p the open picker (replacing any), select the current item, and start
 * describing rows.  Takes ownership of p. */
void picker_show(struct ui_app *app, struct picker *p);
void picker_close(struct ui_app *app);

#endif
