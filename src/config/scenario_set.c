/* scenario_set.c — one KEY=VALUE of --set applied to a scenario.
 *
 * Numbers go through the model's own key and value parsers and its range
 * check (budget_key_parse, budget_value_parse, budget_set), so --set accepts
 * exactly what a scenario file and the dashboard accept and reports the
 * same ranges.  The few keys whose values are words (compute.mode,
 * data.schedule, a cost line's allocation and schedule) are the scenario's
 * and handled here.  Must not print or do money arithmetic.  Start at
 * scenario_set().
 */
#include "scenario_int.h"
#include "capdash/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/common.h"

/* Index of value in words, or -1 with err "key: expected a or b, got ...". */
static int word_of(const char *key, const char *value, const char *const *words, size_t n,
                   struct cd_err *err)
{
	const char *best;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(value, words[i]))
			return (int)i;
	best = *value ? cd_suggest(value, words, n) : NULL;
	if (best)
		cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0,
		           _("%s: expected %s or %s, got \"%.40s\" (did you mean \"%s\"?)"), key,
		           words[0], words[1], value, best);
	else
		cd_err_set(err, CD_ERR_TYPE, NULL, 0, 0, _("%s: expected %s or %s, got \"%.40s\""),
		           key, words[0], words[1], value);
	return -1;
}

/* "other_costs.N.<field>": the line index, checked against in, or -1. */
static int cost_line(const char *key, const char *field, const struct budget_input *in,
                     struct cd_err *err)
{
	const char *p = key + strlen("other_costs.");
	char *end;
	long i;

	if (strncmp(key, "other_costs.", 12) || *p < '0' || *p > '9')
		return -1;
	i = strtol(p, &end, 10);
	if (*end != '.' || strcmp(end + 1, field))
		return -1;
	if (i >= in->ncosts) {
		char any[48];
		struct budget_key k;

		/* The model says which lines there are, in its words. */
		snprintf(any, sizeof any, "other_costs.%ld.amount", i);
		if (budget_key_parse(any, in, &k, err) == 0)
			cd_err_set(err, CD_ERR_KEY, NULL, 0, 0, _("%s: no such line"), key);
		return -2;
	}
	return (int)i;
}

/* The keys whose values are words.  Returns 1 when key is one of them (0
 * or -1 done), 0 when it is not. */
static int set_word(struct scenario *sc, const char *key, const char *value, int *rc,
                    struct cd_err *err)
{
	static const char *const modes[] = {"rent", "buy"}, *const scheds[] = {"once", "spread"},
	                         *const allocs[] = {"inside", "outside"},
	                         *const kinds[] = {"monthly", "once"};
	int i, w;

	*rc = -1;
	if (!strcmp(key, "compute.mode") || !strcmp(key, "mode")) {
		if ((w = word_of("compute.mode", value, modes, 2, err)) >= 0) {
			scenario_set_compute_mode(sc, w == 0 ? BUDGET_RENT : BUDGET_BUY);
			*rc = 0;
		}
		return 1;
	}
	if (!strcmp(key, "data.schedule")) {
		if ((w = word_of("data.schedule", value, scheds, 2, err)) >= 0) {
			/* A once D has no end; one left behind would still be
			 * checked against the month it is paid in. */
			sc->in.data_spread = w == 1;
			if (!sc->in.data_spread)
				sc->in.data_to = 0;
			*rc = 0;
		}
		return 1;
	}
	if ((i = cost_line(key, "allocation", &sc->in, err)) != -1) {
		if (i >= 0 && (w = word_of(key, value, allocs, 2, err)) >= 0) {
			sc->in.costs[i].outside = w == 1;
			*rc = 0;
		}
		return 1;
	}
	if ((i = cost_line(key, "schedule", &sc->in, err)) != -1) {
		if (i >= 0 && (w = word_of(key, value, kinds, 2, err)) >= 0) {
			sc->in.costs[i].monthly = w == 0;
			if (w == 1)
				sc->in.costs[i].to = 0;
			*rc = 0;
		}
		return 1;
	}
	return 0;
}

int scenario_set(struct scenario *sc, const char *key, const char *value, struct cd_err *err)
{
	struct budget_key k;
	struct cd_err e;
	char why[CD_ERR_MSG_MAX];
	int64_t v;
	int rc;

	if (set_word(sc, key, value, &rc, &e)) {
		if (rc < 0 && err)
			*err = e;
		return rc;
	}
	if (!strcmp(key, "compute.utilization"))
		key = "compute.utilisation"; /* as files may spell it */
	if (budget_key_parse(key, &sc->in, &k, &e) < 0) {
		if (err)
			*err = e;
		return -1;
	}
	if (cfg_value_parse(value, k, &v, &e) < 0) {
		snprintf(why, sizeof why, "%s", e.msg);
		cd_err_set(err, e.code, NULL, 0, 0, _("%s: %s"), key, why);
		return -1;
	}
	/* An end that only a spread D or a monthly line has would be lost when
	 * the scenario is saved: refuse it rather than drop it. */
	if (k.id == BF_DATA_TO && !sc->in.data_spread)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s: only with data.schedule spread (set data.schedule=spread "
		                    "first; a once D is paid in data.month)"),
		                  key);
	if (k.id == BF_COST_TO && k.role >= 0 && k.role < sc->in.ncosts &&
	    !sc->in.costs[k.role].monthly)
		return cd_err_set(err, CD_ERR_KEY, NULL, 0, 0,
		                  _("%s: only for a monthly line (this one is paid once, in its "
		                    "month)"),
		                  key);
	if (budget_set(&sc->in, k, v, &e) < 0) {
		if (err)
			*err = e;
		return -1;
	}
	return 0;
}
