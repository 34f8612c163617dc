/* scenario_edit.h — the in-place editor of scenario_edit.c, shared with
 * scenario_edit_list.c (roles and other_costs lines added, removed and
 * renamed).  Private to src/config/.
 *
 * An editor holds the base text and a list of edits (replace [beg, end) with
 * text); nothing is written until every edit is known, so two edits of one
 * span make the whole edit fail (and the caller writes the document anew).
 */
#ifndef CAPDASH_CONFIG_SCENARIO_EDIT_H
#define CAPDASH_CONFIG_SCENARIO_EDIT_H

#include "scenario_int.h"

#define EDIT_MAX 4096

struct edit {
	size_t beg, end; /* replace base[beg, end) */
	unsigned depth;  /* at one offset the deeper insertion goes first */
	size_t seq;      /* then the order they were made in */
	char *text;
};

struct editor {
	const char *t; /* the base text */
	size_t len;
	const char *nl; /* "\n" or "\r\n", as the file has it */
	struct edit v[EDIT_MAX];
	size_t n;
	bool fail;
};

/* Replace base[beg, end) with text; at one offset deeper insertions go
 * first, then in the order made. */
void ed_add_at(struct editor *e, size_t beg, size_t end, const char *text, unsigned depth);
void ed_add(struct editor *e, size_t beg, size_t end, const char *text);

/* Just past the line break of the line holding p - 1; the start of p's line. */
size_t ed_line_after(const struct editor *e, size_t p);
size_t ed_line_start(const struct editor *e, size_t p);

/* Only blanks (and one "- " when dash_ok) before p on its line. */
bool ed_starts_line(const struct editor *e, size_t p, bool dash_ok);

/* The value of key in map (its key index in *idx), or NULL. */
const struct ynode *ed_get(const struct ynode *map, const char *key, size_t *idx);

/* n blanks into buf. */
char *ed_spaces(unsigned n, char *buf, size_t size);

/* Replace a value; add key: value at the end of map; remove the pair at p. */
void ed_replace(struct editor *e, const struct ynode *n, const char *text);
void ed_insert(struct editor *e, const struct ynode *map, const char *key, const char *value);
void ed_delete(struct editor *e, const struct ynode *map, size_t p);

/* Replace, insert or (want NULL) remove key's value when changed. */
void ed_set(struct editor *e, const struct ynode *map, const char *key, bool changed,
            const char *want);

/* key's value when it changed from was to now: a number in u (written in
 * the old value's style), a string. */
void ed_num(struct editor *e, const struct ynode *map, const char *key, enum budget_unit u,
            int64_t was, int64_t now);
void ed_str(struct editor *e, const struct ynode *map, const char *key, const char *was,
            const char *now);

/* people.roles and other_costs (scenario_edit_list.c): items matched up
 * between the file and the scenario, so that a role removed from the middle
 * takes its own lines along and a renamed one keeps them. */
void edit_roles(struct editor *e, const struct ynode *people, const struct budget_input *was,
                const struct budget_input *now);
void edit_costs(struct editor *e, const struct ynode *root, const struct budget_input *was,
                const struct budget_input *now);

#endif
