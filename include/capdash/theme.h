/* theme.h — colour themes and the user's config file: YAML <-> plain structs.
 *
 * A theme maps colour roles (what a thing is: the title, a slider's knob, the
 * compute share of a bar) to a style (foreground, background, attributes).
 * Parsing lives in src/config/ (the only user of <yaml.h>); turning styles
 * into curses colour pairs, and degrading truecolour → 256 → 16 → 8 → mono,
 * is the UI's job (src/ui/).
 *
 * Theme file (themes/NAME.yaml):
 *   name: dark
 *   roles:
 *     text:   { fg: white, bg: default }
 *     title:  { fg: "#ffaf00", bold: true }
 *     knob:   { fg: 214, reverse: true }
 * Colours: "default" (the terminal's own), the 8 names black red green yellow
 * blue magenta cyan white, their "bright-" forms, "grey"/"gray", an index
 * 0–255, or "#rrggbb".  Roles left out inherit from "text".
 */
#ifndef CAPDASH_THEME_H
#define CAPDASH_THEME_H

#include <stdbool.h>
#include <stdint.h>

#include "capdash/err.h"

enum theme_role {
	TR_TEXT,       /* ordinary text; also the pane background */
	TR_DIM,        /* secondary text, units, hints */
	TR_ACCENT,     /* highlighted figures (F) */
	TR_TITLE,      /* pane titles */
	TR_BORDER,     /* box lines */
	TR_SELECTED,   /* the selected slider's label */
	TR_TRACK,      /* slider track, unfilled part */
	TR_FILL,       /* slider track, filled part */
	TR_KNOB,       /* slider knob */
	TR_COMPUTE,    /* C in bars and breakdown */
	TR_DATA,       /* D */
	TR_PEOPLE,     /* H */
	TR_CAPITAL,    /* F */
	TR_GOOD,       /* a change that lowers cost, a healthy run */
	TR_BAD,        /* a change that raises cost, a failed run */
	TR_WARN,       /* stalls, warnings */
	TR_KEYBAR,     /* bottom key bar text */
	TR_KEYBAR_KEY, /* the key names in the key bar */
	TR_STATUS,     /* status / message line */
	TR_CHART_RAW,  /* loss chart: raw series */
	TR_CHART_EMA,  /* loss chart: smoothed series */
	TR_CHART_VAL,  /* loss chart: validation series */
	TR__COUNT
};

enum theme_color_kind {
	TC_DEFAULT, /* the terminal's default colour */
	TC_INDEX,   /* palette index 0–255 (0–15: the terminal's own 16) */
	TC_RGB      /* #rrggbb */
};

struct theme_color {
	enum theme_color_kind kind;
	int index;       /* TC_INDEX */
	uint8_t r, g, b; /* TC_RGB */
};

struct theme_style {
	struct theme_color fg, bg;
	bool bold, reverse, underline, dim;
};

#define THEME_NAME_MAX 64

struct theme {
	char name[THEME_NAME_MAX];
	struct theme_style role[TR__COUNT];
};

/* "text", "knob", ... as written in theme files; NULL for a bad role. */
const char *theme_role_name(enum theme_role r);

/* The built-in "default" theme: the terminal's own 16 colours only, so it
 * follows light and dark terminals. */
void theme_builtin_default(struct theme *t);

/* Load a theme file.  Every problem is appended to errs as FILE:LINE:COL
 * (unknown role with did-you-mean, bad colour with what is allowed, ...).
 * On failure t holds the built-in default.  Returns 0 or -1. */
int theme_load(const char *path, struct theme *t, struct cd_errlist *errs);
int theme_load_mem(const char *name, const char *data, size_t len, struct theme *t,
                   struct cd_errlist *errs);

/* Parse one colour spec ("bright-red", "214", "#ffaf00", "default").
 * Returns 0 or -1. */
int theme_color_parse(const char *s, struct theme_color *out);

/* ---- $XDG_CONFIG_HOME/capdash/config.yaml ---- */

struct userconf {
	char theme[256];            /* name or path; "" = default */
	char scenario[1024];        /* path; "" = built-in seed */
	int mouse;                  /* -1 unset, 0 off, 1 on */
	int refresh_hz;             /* 0 unset; else 1–60, the redraw cap */
	int ascii;                  /* -1 unset, 0, 1 */
	char screenshots_dir[1024]; /* screenshots.dir: where x writes; "" = the current directory
	                             */
};

/* Load the config file at path.  A missing file is not an error (defaults,
 * returns 0); a bad one appends FILE:LINE:COL errors and returns -1. */
int userconf_load(const char *path, struct userconf *uc, struct cd_errlist *errs);

#endif
