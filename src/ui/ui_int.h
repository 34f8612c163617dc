/* ui_int.h — what the files of src/ui/ share: the dashboard's state (struct
 * ui_app), the pane vtable, and the pure helpers (layout, slider maths,
 * colour degradation, undo) that the unit tests call without a terminal.
 *
 * Must not be included outside src/ui/ and tests/unit/test_ui_*.c: it pulls
 * in <curses.h>.  Start with struct ui_app, then loop.c.
 */
#ifndef CAPDASH_UI_INT_H
#define CAPDASH_UI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "capdash/budget.h"
#include "capdash/forecast.h"
#include "capdash/i18n.h"
#include "capdash/scenario.h"
#include "capdash/theme.h"
#include "capdash/timeline.h"
#include "capdash/ui.h"
#include "uwidth.h"

/* ---- layout (layout.c, pure) ---- */

struct ui_rect {
	int x, y, w, h; /* w == 0 or h == 0: not shown */
};

enum ui_layout_mode {
	UI_LAYOUT_WIDE,    /* budget left, run right (>= 120 columns) */
	UI_LAYOUT_STACKED, /* budget above run (narrow but tall) */
	UI_LAYOUT_TABBED,  /* one pane at a time, Tab switches */
	UI_LAYOUT_TINY     /* a one-line summary: below ~40x12 */
};

enum ui_pane_id { UI_PANE_BUDGET, UI_PANE_RUN, UI_PANE_PRESENT, UI_PANE__COUNT };

struct ui_layout {
	enum ui_layout_mode mode;
	struct ui_rect pane[UI_PANE__COUNT];
	struct ui_rect bar; /* the key bar / status / prompt line */
};

#define UI_WIDE_MIN_COLS 120
#define UI_STACK_MIN_ROWS 40
#define UI_TINY_COLS 40
#define UI_TINY_ROWS 12

/* Rectangles for a cols x rows screen.  tab picks the pane shown in tabbed
 * mode (UI_PANE_BUDGET or UI_PANE_RUN); present shows only the presentation
 * pane.  Every shown rectangle lies inside the screen and none overlap. */
void layout_compute(int cols, int rows, enum ui_pane_id tab, bool present, struct ui_layout *out);

/* ---- slider maths (widget_slider.c, pure) ---- */

struct slider_spec {
	int64_t min, max, step; /* in the field's unit; max > min, step > 0 */
	bool log;               /* log scale: steps follow 1-1.2-1.5-2-2.5-3-4-5-6-8 */
	/* Below one step, keys move along that series instead: a per-token
	 * price ($0.000002) on a slider stepping $0.05 stays reachable. */
	bool fine;
};

/* Knob cell for v on a track of width cells: 0 .. width-1 (clamped). */
int slider_pos(const struct slider_spec *s, int64_t v, int width);
/* The value a click on cell pos of a width-cell track means: the ends give
 * min and max exactly; in between, rounded to the step (linear) or to the
 * nearest series value (log). */
int64_t slider_value_at(const struct slider_spec *s, int pos, int width);
/* v moved n steps (negative: down), clamped to [min, max] — or to v itself
 * when v already lies outside that range on the side it moves towards. */
int64_t slider_step(const struct slider_spec *s, int64_t v, int n);

/* ---- colour (color.c) ---- */

/* Pure: the colour to use for c on a terminal with ncolors colours (8, 16,
 * 88, 256: a palette index; more: direct colour, 0xRRGGBB), or -1 for the
 * terminal's default colour. */
int color_degrade(const struct theme_color *c, int ncolors);
int color_rgb_to_256(int r, int g, int b);
int color_256_to_16(int index);

struct ui_colors {
	attr_t attr[TR__COUNT]; /* attributes and colour pair per role */
	bool color;             /* false: monochrome (attributes only) */
};
/* Pure part of the mono fallback: the attributes a role gets with no colour. */
attr_t color_mono_attr(const struct theme *t, enum theme_role r);
/* Make curses pairs for t (or mono attributes).  Needs curses started. */
void color_apply(const struct theme *t, bool use_color, struct ui_colors *out);

/* ---- glyphs (glyphs.c) ---- */

struct ui_glyphs {
	const char *h, *v, *tl, *tr, *bl, *br;
	const char *track, *fill, *knob, *block, *sel, *up, *down, *dot;
	const char *bigpix; /* one "pixel" of the big digits */
	const char
	        *share[4]; /* C, D, H, O parts of a share bar when colour cannot tell them apart */
	const char *point; /* a point of a line drawn over bars (the timeline's cash) */
	const char *ellipsis; /* marks text shortened to fit: "…" or "..." */
};
const struct ui_glyphs *glyphs_get(bool utf8);
/* Display width of UTF-8 s (every code point counted as one cell). */
int glyphs_width(const char *s);
/* The money style to show: MONEY_WAN (万/亿) in Chinese, else style (units.c). */
enum money_style ui_money(enum money_style style);
/* The 万 or 亿 that ends a Chinese amount, cut off text (big digits have no
 * glyph for it), or NULL when text has none. */
const char *ui_money_unit_cut(char *text);

/* ---- undo (undo.c, pure) ---- */

/* A change a (key, before, after) triple cannot say: a role or cost line
 * added, removed or renamed, or the raise's first move away from "= F".
 * The whole input before and after, so undo and redo give back names,
 * order and values exactly. */
struct undo_snap {
	struct budget_input before, after;
	char what[96]; /* "removed ML engineers": said when undone or redone */
};
struct undo_entry {
	struct budget_key key;  /* what to select once applied */
	int64_t before, after;  /* a plain value change (snap == NULL) */
	struct undo_snap *snap; /* or the whole input, owned by the undo list */
};
struct undo {
	struct undo_entry *v;
	size_t n, cap, pos; /* v[0..pos) applied, v[pos..n) redoable */
};
void undo_init(struct undo *u);
void undo_done(struct undo *u);
/* Record a change; drops (and frees) the redo tail.  Takes e.snap whatever
 * happens (freed on failure).  Returns 0 or -1 (no memory). */
int undo_push(struct undo *u, struct undo_entry e);
/* Record the whole input before and after as one step.  Returns 0 or -1. */
int undo_push_input(struct undo *u, struct budget_key k, const struct budget_input *before,
                    const struct budget_input *after, const char *what);
/* The entry to revert / re-apply, or false when there is none. */
bool undo_back(struct undo *u, struct undo_entry *out);
bool undo_forward(struct undo *u, struct undo_entry *out);

/* ---- keys (keys.c) ---- */

enum ui_action {
	UA_NONE,
	UA_SEL_UP,
	UA_SEL_DOWN,
	UA_DEC,
	UA_INC,
	UA_DEC10,
	UA_INC10,
	UA_MIN,
	UA_MAX,
	UA_ADD,    /* a role or a cost line (edit.c) */
	UA_REMOVE, /* the selected role or cost line */
	UA_RENAME, /* the selected role or cost line; r too, on such a row */
	UA_TYPE,
	UA_UNDO,
	UA_REDO,
	UA_SAVE,
	UA_SAVE_AS,
	UA_OPEN,
	UA_THEME,
	UA_PRESENT,
	UA_TIMELINE, /* m: the plan month by month in the run pane's place */
	UA_TORNADO,  /* t: the tornado chart in the budget pane (tornado.c) */
	UA_SHOT,     /* x: the screen as PNG and TXT (shot_capture.c) */
	/* b pins the plan on screen as the baseline, B clears it (baseline.c) */
	UA_BASELINE_PIN,
	UA_BASELINE_CLEAR,
	UA_SEEK, /* g: the goal seek form (seek_form.c) */
	UA_HELP,
	UA_TAB,
	UA_REDRAW,
	UA_QUIT,
	UA_SUSPEND, /* Ctrl-Z: back to the shell, fg resumes */
	/* the training pane (pane_run.c): handled by pane_run_do */
	UA_RUN_START,
	UA_RUN_COMMAND,
	UA_RUN_LIST,
	UA_RUN_PAUSE,
	UA_RUN_STOP,
	UA_RUN_RESTART,
	UA_RUN_SMOOTH_LESS,
	UA_RUN_SMOOTH_MORE,
	UA_RUN_LOGY,
	UA_RUN_FULLY,
	UA_RUN_GPUS, /* price the run at the plan's GPU count */
	UA__COUNT
};

struct ui_key {
	int key;                /* curses key code or character */
	const char *name;       /* as shown: "←", "h", "PgUp" */
	const char *ascii_name; /* when UTF-8 is off; NULL = name */
	enum ui_action action;
};

struct ui_action_info {
	enum ui_action action;
	const char *help; /* one line for the help overlay */
	const char *bar;  /* short label for the key bar, or NULL: not shown there */
};

const struct ui_key *keys_table(size_t *n);
const struct ui_key *keys_first(enum ui_action a);
const struct ui_action_info *keys_action(enum ui_action a);
enum ui_action keys_lookup(int key);

/* ---- the measured block (measured.c) ----
 *
 * Under the budget pane's figures: what training the plan's data takes at
 * the speed the open run measures (capdash forecast, live).  The figures come
 * from the forecast model; measured.c only chooses words that fit.
 *
 * Epochs is an input of the dashboard, not of the budget: F does not depend
 * on it and it is not saved (a scenario is the plan; epochs belong to the
 * recipe of the run being measured, as `capdash forecast --epochs N` takes
 * them).  Its slider is shown while a run is open, follows the run's own
 * epochs until the person moves it, and uses the other sliders' machinery
 * through a key whose id lies past the model's fields: app.c's accessors
 * (app_get, app_set, app_spec, app_label, app_value_*) ask
 * measured_is_epochs first and never hand that key to the model. */
#define MEASURED_EPOCHS_MIN 1
#define MEASURED_EPOCHS_MAX 1000
#define MEASURED_LINE 160

struct budget_key measured_epochs_key(void);
bool measured_is_epochs(struct budget_key k);
struct slider_spec measured_epochs_spec(void);

enum measured_state {
	MEASURED_NO_RUN,  /* no run open: say what is needed */
	MEASURED_WAITING, /* too few points with a throughput yet */
	MEASURED_REFUSED, /* the run cannot be measured, or the plan not priced: why */
	MEASURED_OK
};

/* Everything the block says, as text (the caller formats the figures from
 * the forecast model; nothing here is arithmetic). */
struct measured_text {
	enum measured_state state;
	int points, need;        /* WAITING: points with a throughput so far, of need */
	char why[MEASURED_LINE]; /* REFUSED: the reason */
	/* OK: */
	char rate[48];      /* "1,000 samples/s" */
	int npoints;        /* the median's points */
	char devices[48];   /* "1 GPU", "CPU as 1 device" */
	char scaling[32];   /* "linear scaling", "scaling 0.90" */
	char work[64];      /* "500,000 × 1 epoch" */
	char gpus[32];      /* "5 GPUs" */
	char time[32];      /* "1m40s" */
	char gpu_hours[32]; /* "0.14 GPU-h" */
	char price[32];     /* "$2.49/GPU-h" */
	char rent[48];      /* "$0.35" */
	char breakeven[48]; /* "80,321 h" */
};

/* One line of the block: left text from the left, right text (a figure,
 * may be "") at the right edge; dim lines are notes, not figures. */
struct measured_line {
	char left[MEASURED_LINE], right[64];
	bool dim; /* a note, not a figure */
};

/* Pure: the lines of t for a block width cells wide and at most rows tall
 * (rows >= 1).  Longer wordings are tried first; every line fits width
 * cells and no word is cut (a note too long for the room is wrapped at
 * blanks, or shortened at a word with ellipsis on its last row).  Returns the
 * lines written (<= rows, <= max). */
int measured_lines(const struct measured_text *t, int width, int rows, bool utf8,
                   struct measured_line *out, int max);

/* The rows the block would like at width: every figure, or the whole note. */
int measured_rows_wanted(const struct measured_text *t, int width, bool utf8);

struct ui_measured {
	bool run;          /* a run is open in the run pane: the epochs slider shows */
	char run_id[160];  /* which one: a new run resets the epochs */
	int64_t epochs;    /* the slider, in [MEASURED_EPOCHS_MIN, MEASURED_EPOCHS_MAX] */
	bool epochs_moved; /* moved by the person: no longer follows the run's epochs */
	bool stale;        /* the measurement changed: redraw the budget pane with the run pane */
	/* The run's speed as last measured: state WAITING (points of
	 * FORECAST_MIN_POINTS so far), REFUSED (why) or OK (in's run part:
	 * throughput, unit, points, run_devices; gpus 0: a CPU run). */
	enum measured_state state;
	int points;
	char why[MEASURED_LINE];
	struct forecast_input in;
	int gpus;
};

/* ---- the application ---- */

enum ui_item_kind { UI_ITEM_SLIDER, UI_ITEM_PRICE };

struct ui_item {
	struct budget_key key;
	enum ui_item_kind kind;
	bool main; /* one of the sliders shown in presentation mode */
};

/* GPUs, samples, epochs, α, raise; the prices (GPU unit and hourly cost,
 * label cost, months, fixed costs); a count and a salary per role, the one
 * start-month row, an amount per cost line; and room to spare. */
#define UI_MAX_ITEMS (16 + 2 * BUDGET_MAX_ROLES + 1 + BUDGET_MAX_COSTS)

enum {
	UI_DIRTY_BUDGET = 1u << UI_PANE_BUDGET,
	UI_DIRTY_RUN = 1u << UI_PANE_RUN,
	UI_DIRTY_PRESENT = 1u << UI_PANE_PRESENT,
	UI_DIRTY_BAR = 1u << 4,
	UI_DIRTY_LAYOUT = 1u << 5, /* rebuild windows, then everything */
	UI_DIRTY_FULL = 1u << 6,   /* the terminal may hold garbage: repaint all */
	UI_DIRTY_PICKER = 1u << 7  /* the open picker (picker_view.c) */
};

enum ui_prompt_kind { UI_PROMPT_NONE, UI_PROMPT_TEXT, UI_PROMPT_YESNO };

struct ui_app;
typedef void (*ui_prompt_done)(struct ui_app *app, const char *text, int answer);

struct ui_prompt {
	enum ui_prompt_kind kind;
	char label[160];
	char buf[512];
	size_t len;
	bool fresh;               /* the initial text: the first typed character replaces it */
	const char *const *cands; /* Tab cycles through these (filenames), or NULL */
	int ncands, cand;
	ui_prompt_done done; /* text: the typed text (NULL when cancelled); yes/no: answer key */
};

/* One pane: a small vtable registered in panes_table (loop.c). */
struct ui_pane_ops {
	const char *name;
	void (*draw)(struct ui_app *app, WINDOW *w);
	bool (*key)(struct ui_app *app, int key); /* true: handled */
	void (*resize)(struct ui_app *app, int w, int h);
	void (*free)(struct ui_app *app);
};
extern const struct ui_pane_ops pane_budget_ops, pane_run_ops, pane_present_ops, pane_timeline_ops;

struct ui_mouse_ev {
	int button; /* 0 left, 1 middle, 2 right, 64 wheel up, 65 wheel down */
	int x, y;   /* 0-based screen cell */
	bool press, drag;
};

/* Extra things the loop waits on (the run pane's files and pipes) and
 * one-shot timers (a redraw cap).  Callbacks run in the loop, never in a
 * signal handler; like key handlers they change state and set dirty bits. */
typedef void (*ui_fd_cb)(struct ui_app *app, int fd, short revents, void *ctx);
typedef void (*ui_timer_cb)(struct ui_app *app, void *ctx);
#define UI_MAX_WATCH 8
#define UI_MAX_TIMERS 4

struct ui_watch {
	int fd;
	short events;
	ui_fd_cb cb;
	void *ctx;
};

struct ui_timer {
	int64_t due_ms; /* CLOCK_MONOTONIC milliseconds; 0: unused */
	ui_timer_cb cb;
	void *ctx;
};

struct ui_app {
	struct ui_options opt;
	struct ui_watch watch[UI_MAX_WATCH];
	int nwatch;
	struct ui_timer timer[UI_MAX_TIMERS];
	int refresh_hz;       /* redraw cap for streaming updates: option, config, else 10 */
	struct scenario sc;   /* what is on screen */
	struct scenario base; /* as loaded or last saved: "modified" and the delta */
	struct budget_result res, base_res;
	bool res_ok;
	struct timeline tl; /* the plan month by month (timeline_eval of sc.in), when tl_ok */
	bool tl_ok;
	bool timeline;          /* m: the timeline view shows in the run pane's place */
	bool tornado;           /* t: the tornado chart in the budget pane (tornado.c) */
	enum ui_pane_id tl_tab; /* the tab before m, given back when the view closes */
	char path[4096];        /* "" for the built-in seed */
	struct stat st;         /* the file when loaded/saved, to notice changes on disk */
	bool unsaved;           /* modified even where no input differs (a recovered scenario) */
	bool have_st;

	struct ui_item item[UI_MAX_ITEMS];
	int nitems, sel, scroll;
	int cur_role; /* the role whose start-month row shows (the last one selected) */
	char edit_name[BUDGET_COST_NAME_MAX]; /* + asks a cost line's name, then monthly/once */
	int sel_before_present;               /* what P moved the selection from, or -1 */
	int sel_in_present;                   /* ... and to: leaving P restores it if still there */
	struct undo undo;

	struct theme theme;
	int theme_idx;
	struct ui_colors col;
	bool use_color, utf8, mouse;
	bool mouse_on; /* the terminal was asked for mouse reports (loop.c asks after a repaint) */
	const struct ui_glyphs *g;

	int cols, rows;
	struct ui_layout lay;
	enum ui_pane_id tab;
	WINDOW *win[UI_PANE__COUNT], *bar, *overlay;
	unsigned dirty;
	bool help, present, quit;
	int help_top; /* the overlay's first line shown */
	int exit_status;

	char status[256];
	bool status_err;
	const void *status_owner; /* who may take the message down (app_message_owned), or NULL */
	struct ui_prompt prompt;

	char pending[4096]; /* the path a yes/no question is about */
	char *names[64];    /* scenario files offered by o (owned) */
	int nnames;
	int sig_rfd;  /* self-pipe: signals arrive here as one byte each */
	int dragging; /* item index being dragged, or -1 */
	/* where each item was last drawn, in screen cells, for the mouse */
	int track_x[UI_MAX_ITEMS], track_y[UI_MAX_ITEMS], track_w[UI_MAX_ITEMS];
	int row_y[UI_MAX_ITEMS], row_x0[UI_MAX_ITEMS], row_x1[UI_MAX_ITEMS]; /* row_y -1: hidden */
	struct pane_run *run;    /* the training pane's state (pane_run.c), or NULL */
	struct ui_measured meas; /* the budget pane's measured block (measured.c) */
	/* the open list of o or a (picker_view.c), or NULL */
	struct picker *picker;
	struct seek_form *seek; /* g's goal seek form (seek_form.h), or NULL */
	char shot_dir[1024];    /* screenshots.dir of config.yaml: where x writes; "" = . */
	/* b: the pinned baseline (baseline.c).  While bl_on the budget pane's
	 * changes count from bl_in, not from the loaded scenario; undo leaves it. */
	bool bl_on;
	struct budget_input bl_in;
	char bl_time[8]; /* "14:02": when it was pinned */
};

/* tornado.c: the tornado chart (t) in rows rows from (y, x), width cells:
 * a title row, then one row per input that moves F, largest swing first. */
void tornado_draw(struct ui_app *app, WINDOW *w, int y, int x, int width, int rows);

/* app.c: state changes.  Every change goes through app_set so that undo,
 * the model and the dirty bits stay together. */
int app_init_scenario(struct ui_app *app, const struct scenario *sc, const char *path);
/* Load the scenario file at path and make it the app's.  Returns 0; -1 when
 * it cannot be loaded (errs, initialised by the caller, says why; the caller
 * reports it and frees errs); -2 when out of memory. */
int app_load_scenario(struct ui_app *app, const char *path, struct cd_errlist *errs);
void app_rebuild_items(struct ui_app *app);
/* Select item i (the mouse, ↑↓).  Selecting a role's row brings the
 * start-month row under that role's count; the selection stays on item i's
 * input (app->sel may then differ from i). */
void app_select(struct ui_app *app, int i);
/* After a list edit or an undo of one: the items again, the figures again,
 * every title (the '*'). */
void app_input_changed(struct ui_app *app);
/* One undo step from before to the input now (what: "added role X"). */
void app_record_input(struct ui_app *app, struct budget_key k, const struct budget_input *before,
                      const char *what);
/* Make in the input on screen as one undo step (nothing when the same). */
void app_replace_input(struct ui_app *app, const struct budget_input *in, const char *what);
/* The value of input k as on screen (the epochs slider's too). */
int64_t app_get(const struct ui_app *app, struct budget_key k);
bool app_set(struct ui_app *app, struct budget_key k, int64_t v, bool record);
void app_recompute(struct ui_app *app);
bool app_modified(const struct ui_app *app);
void app_message(struct ui_app *app, bool error, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Messages that stop being true.  A message shown with an owner (any
 * address that stands for the fact: the run, a flag in the pane's state)
 * stays until a key is pressed, another message replaces it, or the owner
 * calls app_message_drop once the fact is over ("started …" when the run
 * has ended, "stopping" once it has stopped).  app_message_drop takes down
 * only that owner's message: a newer message from elsewhere stays up. */
void app_message_owned(struct ui_app *app, const void *owner, bool error, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* True when the message on the status line was shown by owner. */
bool app_message_is(const struct ui_app *app, const void *owner);
void app_message_drop(struct ui_app *app, const void *owner);
struct slider_spec app_spec(const struct ui_app *app, struct budget_key k);
const char *app_label(const struct ui_app *app, struct budget_key k, char *buf, size_t size);
/* The value as the list shows it, at most APP_VALUE_W cells. */
#define APP_VALUE_W 12
char *app_value_str(const struct ui_app *app, struct budget_key k, char *buf, size_t size);
/* The value as the type-in prompt starts with it ("36250", "0.30"). */
char *app_value_edit(const struct ui_app *app, struct budget_key k, char *buf, size_t size);
/* Report a model message about k naming the field once, both ways. */
void app_field_error(struct ui_app *app, struct budget_key k, const char *msg);
/* Presentation mode: put the selection on a shown slider (false: none shows). */
bool app_present_select(struct ui_app *app);
void app_do(struct ui_app *app, enum ui_action a);
void app_quit(struct ui_app *app);
/* r renames (the selection is a role's or cost line's row, the budget in
 * focus) rather than starting a run. */
bool app_r_renames(const struct ui_app *app);

/* edit.c: +, - and rename of roles and cost lines */
/* True when item i is a role's row (count, start month, salary) or a cost
 * line's; *cost and *idx (either may be NULL) say which. */
bool edit_line_at(const struct ui_app *app, int i, bool *cost, int *idx);
void edit_add(struct ui_app *app);
void edit_remove(struct ui_app *app);
void edit_rename(struct ui_app *app);

/* prompt.c */
void prompt_text(struct ui_app *app, const char *label, const char *init, ui_prompt_done done);
void prompt_yesno(struct ui_app *app, const char *label, ui_prompt_done done);
void prompt_key(struct ui_app *app, int key);
void prompt_draw(struct ui_app *app, WINDOW *w);

/* files.c */
void files_save(struct ui_app *app, bool save_as);
void files_open(struct ui_app *app);
int files_recovery_write(struct ui_app *app);
void files_recovery_offer(struct ui_app *app);
void files_free(struct ui_app *app);
/* Directories searched for kind ("scenarios" or "themes"), in order; n set. */
int files_dirs(const char *kind, char dirs[][4096], int max);

/* theme cycling (color.c) */
int ui_theme_set(struct ui_app *app, const char *name_or_file, struct cd_err *err);
void ui_theme_cycle(struct ui_app *app);

/* mouse.c */
/* Ask the terminal to start (or stop) sending mouse reports, now: written
 * straight to it, so call it after ncurses has flushed (after doupdate) and
 * before endwin.  Nothing when the mouse is off (--no-mouse, config). */
void mouse_enable(struct ui_app *app, bool on);
/* Parse the rest of an SGR report after ESC [ <, reading keys from w.
 * Returns true and fills ev when a whole report was read. */
bool mouse_parse_sgr(WINDOW *w, struct ui_mouse_ev *ev);
/* The same for the old X10 form, after ESC [ M (three bytes). */
bool mouse_parse_x10(WINDOW *w, struct ui_mouse_ev *ev);
/* After KEY_MOUSE (terminfo's kmous matched ESC [ < or ESC [ M): either
 * form's rest, told apart by its first byte. */
bool mouse_parse_rest(WINDOW *w, struct ui_mouse_ev *ev);
void mouse_event(struct ui_app *app, const struct ui_mouse_ev *ev);

/* widgets */
/* Write at most cells cells of UTF-8 s (padding with spaces when pad);
 * returns the cells written. */
int widget_text(WINDOW *w, const char *s, int cells, bool pad);
/* Pure: s shortened to at most cells cells without cutting a word: whole
 * words then ellipsis ("Research…"); only a first word too long for the
 * room is cut, and then it ends in the ellipsis too.  out gets s unchanged
 * when it fits.  Returns out's width in cells. */
int widget_fit(const char *s, int cells, const char *ellipsis, char *out, size_t size);
/* widget_text of widget_fit(s): never a word cut short without a mark. */
int widget_text_fit(struct ui_app *app, WINDOW *w, const char *s, int cells, bool pad);
/* The fill of part i (0 C, 1 D, 2 H, 3 O) of the share bar: one block when
 * the theme's colours tell the parts apart, a different character each when
 * they cannot (mono theme, NO_COLOR, --ascii). */
const char *widget_share_fill(const struct ui_app *app, int i);
/* The colour role of part i: compute, data, people; O (other cost lines)
 * has no role of its own in themes and is drawn in warn's colour. */
enum theme_role widget_part_role(int i);
void widget_box(struct ui_app *app, WINDOW *w, const char *title, bool modified, bool focus);
void widget_slider(struct ui_app *app, WINDOW *w, int y, int x, int width,
                   const struct slider_spec *s, int64_t v, bool selected);
/* Remember that item i is drawn on row y of w (track at x, width cells;
 * width 0: no track), for mouse hits. */
void widget_hit(struct ui_app *app, WINDOW *w, int i, int y, int x, int width);
void widget_hits_clear(struct ui_app *app);
/* Split width cells among parts in proportion to their weights (largest
 * remainder; pure).  Returns the cells used (width when any weight > 0). */
int widget_bar_split(const int64_t *weights, int n, int width, int *cells);
void widget_bar(struct ui_app *app, WINDOW *w, int y, int x, int width, const int64_t *weights,
                const enum theme_role *roles, int n);
/* Big block digits of text (digits, "$", ",", ".", "KMB", "-") at y, x:
 * UI_BIG_H rows.  Returns the width used, or -1 when it does not fit. */
#define UI_BIG_H 5
int widget_bigdigits_width(const char *text);
/* The UI_BIG_H rows of c's bitmap ('#' lit), or NULL when there is none. */
const char *const *widget_bigdigits_glyph(char c);
int widget_bigdigits(struct ui_app *app, WINDOW *w, int y, int x, int maxw, const char *text,
                     attr_t attr);

/* pane_timeline.c: m opens or closes the timeline view (in the run pane's
 * place; in tabbed layouts it becomes the shown tab). */
void pane_timeline_toggle(struct ui_app *app);
/* loop.c: the pane drawn in slot p now (the timeline in the run pane's slot
 * while it is on). */
const struct ui_pane_ops *pane_ops(const struct ui_app *app, enum ui_pane_id p);

/* pane_present.c: true when item i is one of the sliders presentation
 * mode shows at the present layout (the selection must be one of them). */
bool present_visible(const struct ui_app *app, int i);

/* help overlay and key bar (help.c) */
struct help_line {
	enum ui_action action;
	bool first;     /* the action's first line: keys shows its keys */
	char keys[96];  /* "Shift-← PgUp H", or "" on a continuation line */
	char text[160]; /* the description, or its next part, ending at a word */
};
/* Pure: the overlay's lines, every action with a key, descriptions wrapped
 * at desc_w cells.  Returns the number of lines (more than max: cut). */
int help_lines(const struct ui_app *app, int desc_w, struct help_line *out, int max);
/* A key while the overlay is open: true when it scrolled (↑↓ j k PgUp PgDn
 * Space Home End); false for any other key, which closes the overlay. */
bool help_key(struct ui_app *app, int key);
void help_draw(struct ui_app *app);
/* Pure: which of the focused pane's key-bar items fit width cells (shown[i]
 * for item i, lowest priority left out first).  Returns the item count. */
int keybar_items(const struct ui_app *app, enum ui_pane_id focus, int width, bool *shown, int max);
void keybar_draw(struct ui_app *app, WINDOW *w);

/* pane_run.c: the training pane's life and actions */
/* Set up the pane and act on opt.attach_run / opt.run_argv (a run that
 * needs confirming asks first).  Returns 0 or -1 (no memory). */
int pane_run_init(struct ui_app *app);
void pane_run_done(struct ui_app *app);
/* Carry out one of the UA_RUN_* actions. */
void pane_run_do(struct ui_app *app, enum ui_action a);
/* Called first by app_quit: true when a live run needs a "leave it going /
 * stop it" answer (a question is then open, and app_quit is called again
 * once answered). */
bool pane_run_quit_asks(struct ui_app *app);

/* measured.c: the measured block's state changes and drawing */
struct run_view;
/* The epochs slider moved to v (one undo step when record); false when v
 * is refused (out of range: said on the status line) or unchanged. */
bool measured_set_epochs(struct ui_app *app, int64_t v, bool record);
/* The run pane opened v or read new records of it: measure it again; the
 * budget pane is redrawn with the run pane when the figures changed. */
void measured_run_update(struct ui_app *app, const struct run_view *v);
/* The block's text now: the measured rate with the sliders' GPUs, samples
 * and epochs, through the forecast model. */
void measured_fill(const struct ui_app *app, struct measured_text *t);
/* Draw t (from measured_fill) at row y of w, at most rows tall, width
 * cells from column 2. */
void measured_draw(struct ui_app *app, WINDOW *w, const struct measured_text *t, int y, int width,
                   int rows);

/* picker_view.c: the list of o and a over the panes (picker.h).  While
 * app->picker is set, loop.c gives it every key and mouse event and draws
 * it after the panes; picker_close (picker.h) ends it. */
struct picker;
void picker_key(struct ui_app *app, int key);
void picker_mouse(struct ui_app *app, const struct ui_mouse_ev *ev);
void picker_draw(struct ui_app *app);
/* picker_runs.c: a opens the list of runs */
void picker_runs_open(struct ui_app *app);
/* pane_run.c, for the run list: open the run in dir in the pane (0 or -1,
 * the pane says why), and the typed "open run" prompt. */
int pane_run_open_dir(struct ui_app *app, const char *dir);
void pane_run_list_prompt(struct ui_app *app);

/* shot_capture.c: x writes what ncurses holds on screen (curscr) as
 * capdash-YYYYmmdd-HHMMSS.png and .txt in app->shot_dir (else the current
 * directory) and says where on the status line. */
void shot_screen(struct ui_app *app);

/* baseline.c: b pins the input on screen as the baseline (again: re-pins),
 * B clears it.  The rest words the model's changes against it for the
 * budget pane: baseline_delta gives the figures' (false when none is pinned
 * or either side does not evaluate); baseline_input_delta an input's change
 * as text with its sign ("+3", "−$5,000"; "-" in ASCII), returning its sign
 * (0: unchanged or no baseline, buf "") and in *good whether it helps the
 * plan; baseline_money a money change with the same sign marks. */
struct budget_diff_delta;
void baseline_pin(struct ui_app *app);
void baseline_clear(struct ui_app *app);
bool baseline_delta(const struct ui_app *app, struct budget_diff_delta *out);
int baseline_input_delta(const struct ui_app *app, struct budget_key k, char *buf, size_t size,
                         bool *good);
char *baseline_money(const struct ui_app *app, int64_t cents, enum money_style style, char *buf,
                     size_t size);

/* loop.c */
int loop_run(struct ui_app *app);
/* Draw one whole frame now, as the loop's first (capdash shot: no loop). */
void loop_draw_frame(struct ui_app *app);
void loop_drop_windows(struct ui_app *app);
/* Draw what is marked dirty now, not at the loop's next turn (x: keys read
 * in the same batch, a theme switch above all, change curscr first). */
void loop_render_pending(struct ui_app *app);
void loop_relayout(struct ui_app *app);
/* Wait on fd too (POLLIN etc.).  Returns 0, or -1 when UI_MAX_WATCH are in use. */
int loop_watch(struct ui_app *app, int fd, short events, ui_fd_cb cb, void *ctx);
void loop_unwatch(struct ui_app *app, int fd);
/* Call cb once, in_ms from now.  Returns 0, or -1 when every timer is in use.
 * With no timers and nothing to read the loop sleeps in poll() forever. */
int loop_timer(struct ui_app *app, int in_ms, ui_timer_cb cb, void *ctx);
int64_t loop_now_ms(void);

#endif
