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

/* Fill sc from a parsed document (defaults already in sc). */
void scenario_from_tree(struct cfg_ctx *c, const struct ynode *root, struct scenario *sc);

/* The sliders: (or ranges:) section at n, named section in messages. */
void scenario_sliders(struct cfg_ctx *c, const struct ynode *n, const char *section,
                      struct scenario *sc);

/* The slider key of field id as written in files ("compute.gpus",
 * "people.roles.count"). */
const char *scenario_slider_path(enum budget_field_id id);

/* The same for themes (theme.c) and the user's config (userconf.c). */
void theme_from_tree(struct cfg_ctx *c, const struct ynode *root, struct theme *t);
void userconf_from_tree(struct cfg_ctx *c, const struct ynode *root, struct userconf *uc);
void userconf_defaults(struct userconf *uc);

#endif
