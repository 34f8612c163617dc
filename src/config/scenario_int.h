/* scenario_int.h — what the scenario files share inside src/config/:
 * defaults and ranges of the keys the budget field table does not cover
 * (burn prices, run section), and the section walkers split across files.
 * Not for use outside src/config/.
 */
#ifndef CAPDASH_CONFIG_SCENARIO_INT_H
#define CAPDASH_CONFIG_SCENARIO_INT_H

#include "capdash/scenario.h"
#include "capdash/theme.h"
#include "ytree.h"

#define SCENARIO_AMORT_DEFAULT 26280 /* hours: 3 years */
#define SCENARIO_AMORT_MIN 1
#define SCENARIO_AMORT_MAX 1000000                   /* hours: ~114 years */
#define SCENARIO_ENERGY_DEFAULT 150000               /* micro-dollars per kWh: $0.15 */
#define SCENARIO_ENERGY_MAX INT64_C(100000000)       /* $100 per kWh */
#define SCENARIO_CPU_HOURLY_MAX INT64_C(100000000)   /* $100 per core-hour */
#define SCENARIO_RUN_COST_MAX INT64_C(1000000000000) /* $1,000,000 per hour */
#define SCENARIO_STEPS_MAX INT64_C(1000000000000)    /* 10^12 steps */

/* sc emptied and set to what a file that leaves every optional key out
 * means; file gives the default name. */
void scenario_defaults(struct scenario *sc, const char *file);

/* Fill sc from a parsed document (defaults already in sc). */
void scenario_from_tree(struct cfg_ctx *c, const struct ynode *root, struct scenario *sc);

/* The sliders: (or ranges:) section at n, named section in messages. */
void scenario_sliders(struct cfg_ctx *c, const struct ynode *n, const char *section,
                      struct scenario *sc);

/* The {min, max, step} mapping that sets field id's range inside a loaded
 * sliders: section (nested, dotted or aliased), or NULL. */
const struct ynode *scenario_slider_spec(const struct ynode *sliders, enum budget_field_id id);

/* sc written as the text of a file that loaded as base: base's bytes with
 * only the changed values replaced and the keys that are new inserted, so
 * comments, key order, quoting and layout stay (scenario_edit.c).  file
 * names the file in the reload.  NULL when the change cannot be made in
 * place (the caller then writes the whole document) or on no memory. */
char *scenario_edit_text(const char *file, const char *base, size_t len, const struct scenario *sc);

/* Whether a and b hold the same scenario (what a file can say). */
bool scenario_equal(const struct scenario *a, const struct scenario *b);
/* Whether two other_costs lines say the same (what a file can say). */
bool scenario_same_cost(const struct budget_cost *a, const struct budget_cost *b);
bool scenario_same_argv(const struct scenario_run *a, const struct scenario_run *b);
/* The Slurm options of run: (on: slurm and the rest) and its rank are the
 * same. */
bool scenario_same_slurm(const struct scenario_run *a, const struct scenario_run *b);

/* s as a YAML scalar that loads back as the same text: plain when that is
 * unambiguous, else double-quoted and escaped (scenario_text.c). */
void scenario_yaml_str(const char *s, char *buf, size_t size);

/* v in unit u as YAML, written the way old (a scalar, or NULL) was: "$",
 * thousands separators, two decimals of cents, a percentage.  Quoted when
 * it holds a ','. */
void scenario_yaml_num(const struct ynode *old, enum budget_unit u, int64_t v, char *buf,
                       size_t size);

/* Micro-dollars (a price per hour or kWh) as dollars, "$" when old had it. */
void scenario_yaml_micro(const struct ynode *old, int64_t v, char *buf, size_t size);

/* The slider key of field id as written in files ("compute.gpus",
 * "people.roles.count"). */
const char *scenario_slider_path(enum budget_field_id id);

/* The same for themes (theme.c) and the user's config (userconf.c). */
void theme_from_tree(struct cfg_ctx *c, const struct ynode *root, struct theme *t);
void userconf_from_tree(struct cfg_ctx *c, const struct ynode *root, struct userconf *uc);
void userconf_defaults(struct userconf *uc);

#endif
