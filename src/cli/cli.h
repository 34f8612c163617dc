/* cli.h — private to src/cli/: the command table, the shared pieces every
 * subcommand uses (options, scenario loading, --set, output formats) and the
 * small table/JSON writers.
 *
 * Handlers print to the streams they are given and return an exit status
 * (CD_EXIT_*); they never exit.  Only main.c exits.  Adding a command is one
 * row in cli_cmds[] (commands.c) plus its handler.  Start at struct cli_cmd,
 * then commands.c and main.c.
 */
#ifndef CAPDASH_CLI_H
#define CAPDASH_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capdash/budget.h"
#include "capdash/err.h"
#include "capdash/scenario.h"

/* Output formats and money units shared by calc, sweep and seek. */
enum cli_format { CLI_FMT_TEXT, CLI_FMT_JSON, CLI_FMT_CSV, CLI_FMT_MARKDOWN };

/* What a handler gets: its arguments (argv[0] is the command name, as for a
 * program) and where to write. */
struct cli_ctx {
	FILE *out, *err;
};

/* One subcommand.  usage is the synopsis after "capdash " ("calc [FILE]
 * [OPTION]..."); summary is the one line shown by `capdash --help`. */
struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_ctx *ctx);
	const char *usage;
	const char *summary;
};

/* The table (commands.c) and its length. */
extern const struct cli_cmd cli_cmds[];
extern const size_t cli_ncmds;

/* The row named name, or NULL. */
const struct cli_cmd *cli_cmd_find(const char *name);

/* The handlers (one file each). */
int cmd_calc(int argc, char **argv, struct cli_ctx *ctx);
/* The plan month by month (cmd_timeline.c). */
int cmd_timeline(int argc, char **argv, struct cli_ctx *ctx);
/* timeline_eval of in into a new heap timeline (*out, the caller frees it).
 * Returns 0, or an exit status after saying why on ctx->err (out of memory,
 * or the model's error). */
struct timeline;
int cli_timeline_new(const struct budget_input *in, struct cli_ctx *ctx, struct timeline **out);
int cmd_sweep(int argc, char **argv, struct cli_ctx *ctx);
int cmd_seek(int argc, char **argv, struct cli_ctx *ctx);
/* Each input moved down and up by P%: a tornado (cmd_sensitivity.c). */
int cmd_sensitivity(int argc, char **argv, struct cli_ctx *ctx);
/* Two plans side by side (cmd_diff.c). */
int cmd_diff(int argc, char **argv, struct cli_ctx *ctx);
int cmd_validate(int argc, char **argv, struct cli_ctx *ctx);
int cmd_help(int argc, char **argv, struct cli_ctx *ctx);
/* A picture of the dashboard (cmd_shot.c). */
int cmd_shot(int argc, char **argv, struct cli_ctx *ctx);
/* Training runs (cmd_run.c). */
int cmd_run(int argc, char **argv, struct cli_ctx *ctx);
int cmd_runs(int argc, char **argv, struct cli_ctx *ctx);
int cmd_attach(int argc, char **argv, struct cli_ctx *ctx);
/* The plan meets the run (cmd_forecast.c). */
int cmd_forecast(int argc, char **argv, struct cli_ctx *ctx);

/* `capdash [OPTION]... [FILE]`: the dashboard, or the calc view when not on a
 * terminal (cmd_dash.c).  argv[0] is the program name. */
int cli_dashboard(int argc, char **argv, struct cli_ctx *ctx);

/* The calc view of sc (already loaded, --set applied) in one format; path as
 * given on the command line (NULL: built-in).  Used by calc and by the
 * dashboard when not on a terminal.  Returns an exit status. */
int cli_calc_view(const struct scenario *sc, const char *path, enum cli_format fmt,
                  enum money_style units, struct cli_ctx *ctx);

/* `capdash --help`: the program's usage with every command of the table. */
void cli_print_main_help(FILE *out);

/* ---- options (opts.c) ---- */

/* Parse --format / --units words.  On a bad word print a usage error for cmd
 * (with a did-you-mean) and return -1.  allowed is a bit set of
 * (1 << CLI_FMT_*). */
int cli_parse_format(const char *s, unsigned allowed, enum cli_format *out, const char *cmd,
                     FILE *err);
int cli_parse_units(const char *s, enum money_style *out, const char *cmd, FILE *err);

/* Print "capdash: <fmt>" and a "Try 'capdash CMD --help'." line to err;
 * returns CD_EXIT_USAGE. */
int cli_usage_error(FILE *err, const char *cmd, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The getopt_long loop's error cases, worded the same for every command:
 * unknown option (with did-you-mean over longopts), missing argument.
 * c is what getopt_long returned ('?' or ':'); argv/optind as it left them.
 * Returns CD_EXIT_USAGE. */
int cli_option_error(FILE *err, const char *cmd, int c, char **argv, const struct option *longopts);

/* The --set arguments of one command, applied after the scenario loads. */
struct cli_sets {
	const char **v;
	size_t n, cap;
};

void cli_sets_done(struct cli_sets *s);
/* Remember one --set argument (pointer kept, not copied).  -1 on no memory. */
int cli_sets_add(struct cli_sets *s, const char *arg);

/* Apply every KEY=VALUE to sc (scenario_set), in order.  A bad one prints a
 * usage error naming the key (unknown key with did-you-mean, bad value, out
 * of range) and returns CD_EXIT_USAGE; sc may then be partly changed.
 * Returns 0 or an exit status. */
int cli_sets_apply(const struct cli_sets *s, struct scenario *sc, const char *cmd, FILE *err);

/* The options calc, sweep and seek share (--set, --format, --units), so that
 * all three take and refuse them in the same words. */
struct cli_view_opts {
	enum cli_format fmt;
	enum money_style units;
	bool units_set;
	unsigned formats; /* the --format words allowed: bit set of (1 << CLI_FMT_*) */
	struct cli_sets sets;
};

/* Defaults: text, cents (万 when messages are Chinese, cd_i18n_is_zh),
 * no --set; formats as above.  Free with
 * cli_sets_done(&o->sets). */
void cli_view_opts_init(struct cli_view_opts *o, unsigned formats);

/* Take getopt_long's c when it is 's' (--set), 'f' (--format) or 'u'
 * (--units), with arg its optarg.  Returns 0 when taken, -1 when c is none
 * of them (the caller's own option), or an exit status already reported
 * (CD_EXIT_USAGE for a bad word, CD_EXIT_FAIL when out of memory). */
int cli_view_opt(struct cli_view_opts *o, int c, const char *arg, const char *cmd, FILE *err);

/* The whole option loop of a command whose options are exactly these three
 * and --help (calc, sweep): getopt_long over argv, help printed to ctx->out.
 * Returns -1 when the operands start at optind, or an exit status to return
 * now (CD_EXIT_OK after --help; errors already reported). */
int cli_view_getopt(struct cli_view_opts *o, int argc, char **argv, const char *cmd,
                    const char *help, struct cli_ctx *ctx);

/* After the options: --units with a format that is always in dollars is a
 * usage error.  Returns 0 or CD_EXIT_USAGE (reported). */
int cli_view_check_units(const struct cli_view_opts *o, const char *cmd, FILE *err);

/* Load path (as cli_load_scenario) and apply o's --set arguments.  Returns 0
 * with sc loaded (free with scenario_done), or an exit status already
 * reported with nothing left to free. */
int cli_view_load(const struct cli_view_opts *o, const char *path, struct scenario *sc,
                  const char *cmd, FILE *err);

/* ---- scenarios (load.c) ---- */

/* Load path into sc; NULL means the built-in seed scenario and "-" standard
 * input.  Every problem is printed to err as FILE:LINE:COL: ...  Returns 0,
 * CD_EXIT_DATAERR (bad file) or CD_EXIT_NOINPUT (cannot be opened/read). */
int cli_load_scenario(const char *path, struct scenario *sc, FILE *err);

/* Print every error of errs (and how many were dropped) to err, one per
 * line, as FILE:LINE:COL: message.  Returns the exit status they call for:
 * CD_EXIT_NOINPUT when one is an I/O error, else CD_EXIT_DATAERR. */
int cli_print_errors(const struct cd_errlist *errs, const char *file, FILE *err);

/* Print one error as "capdash: FILE:LINE:COL: msg" (parts omitted when
 * unknown). */
void cli_print_err(FILE *err, const struct cd_err *e);

/* ---- tables (table.c): text, markdown and CSV from one set of cells ---- */

enum cli_align { CLI_LEFT, CLI_RIGHT };

#define CLI_TABLE_MAXCOLS 8

/* A grid of strings, copied in; the first row added is the header. */
struct cli_table {
	int ncols;
	enum cli_align align[CLI_TABLE_MAXCOLS];
	char **cells; /* nrows * ncols, owned */
	size_t nrows, cap;
	bool oom; /* an allocation failed: rendering reports it */
};

void cli_table_init(struct cli_table *t, int ncols);
void cli_table_done(struct cli_table *t);
/* Append a row of t->ncols strings (NULL = empty).  Allocation failure is
 * remembered in t->oom and reported by the renderers. */
void cli_table_row(struct cli_table *t, const char *const *cells);

/* Render.  text: columns padded to their display width (UTF-8 aware, CJK
 * wide), two spaces apart, header included when header is true, each line
 * prefixed by indent.  markdown: a pipe table with escaped cells.  csv: RFC
 * 4180.  Return 0, or -1 when t->oom or a write failed. */
int cli_table_text(const struct cli_table *t, FILE *out, bool header, const char *indent);
int cli_table_markdown(const struct cli_table *t, FILE *out);
int cli_table_csv(const struct cli_table *t, FILE *out);

/* Write s as Markdown text (the escaping of a table cell). */
void cli_md_text(FILE *out, const char *s);

/* Columns a UTF-8 string takes on a terminal (CJK and fullwidth count 2). */
size_t cli_display_width(const char *s);

/* ---- JSON (json.c): a small streaming writer, pretty-printed ---- */

struct cli_json {
	FILE *out;
	int depth;
	bool first[16]; /* no member written yet at this depth */
};

void cli_json_begin(struct cli_json *j, FILE *out);
/* Open/close an object or array; key is NULL inside arrays. */
void cli_json_open(struct cli_json *j, const char *key, char bracket);
void cli_json_close(struct cli_json *j, char bracket);
/* A member whose value is already JSON text (a number from money_decimal). */
void cli_json_raw(struct cli_json *j, const char *key, const char *json);
/* A string member, escaped (invalid UTF-8 becomes U+FFFD); NULL is null. */
void cli_json_str(struct cli_json *j, const char *key, const char *s);
void cli_json_int(struct cli_json *j, const char *key, int64_t v);
void cli_json_bool(struct cli_json *j, const char *key, bool v);
/* Money in cents as dollars ("29666666.67"). */
void cli_json_money(struct cli_json *j, const char *key, int64_t cents);
/* An input in its unit as a JSON number ("0.3", "200000", "5"). */
void cli_json_value(struct cli_json *j, const char *key, enum budget_unit unit, int64_t v);
void cli_json_end(struct cli_json *j);
/* Begin a command's JSON document: open the top object and write the members
 * every command's output starts with (schema, scenario name, file; file is
 * null for the built-in scenario and for stdin "-"). */
void cli_json_begin_scenario(struct cli_json *j, FILE *out, const struct scenario *sc,
                             const char *path);

/* The runway members calc and timeline share (cmd_timeline.c):
 * runway_months and runway_at_last_burn (null when none), monthly_burn_peak
 * (dollars) and burn_peak_month (null with no months). */
struct timeline;
void cli_json_runway(struct cli_json *j, const struct timeline *t);

/* Write s as a JSON string literal, quotes included. */
void cli_json_escape(FILE *out, const char *s);

/* ---- shared output bits (report.c) ---- */

/* Whether text output may use UTF-8 symbols (×, α, β): the locale's codeset. */
bool cli_utf8(void);

/* The scenario's name and where it came from ("built-in" for NULL). */
void cli_print_title(FILE *out, const struct scenario *sc, const char *path);

/* Flush out and turn a write error (full disk, closed pipe) into a message
 * and CD_EXIT_FAIL.  Returns status unchanged when all went well. */
int cli_finish_output(FILE *out, FILE *err, int status);

/* The same after a table renderer (cli_table_*) returned rc: -1 with no
 * write error on out means it ran out of memory, which is reported and gives
 * CD_EXIT_FAIL.  Otherwise as cli_finish_output(out, err, CD_EXIT_OK). */
int cli_finish_render(FILE *out, FILE *err, int rc);

#endif
