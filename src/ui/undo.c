/* undo.c — unlimited undo/redo of budget changes.  A value change is a
 * (key, before, after) triple: 40 bytes, so holding an arrow key for an hour
 * costs little.  A list edit (a role or cost line added, removed, renamed)
 * holds the whole input before and after (struct undo_snap, ~11 kB), taken
 * only on those rare steps.  Pure: the caller applies what it gets back. */
#include "ui_int.h"

#include <stdio.h>
#include <stdlib.h>

void undo_init(struct undo *u)
{
	u->v = NULL;
	u->n = u->cap = u->pos = 0;
}

/* Free the snapshots of v[from..n) and forget those entries. */
static void drop_from(struct undo *u, size_t from)
{
	for (size_t i = from; i < u->n; i++)
		free(u->v[i].snap);
	u->n = from;
}

void undo_done(struct undo *u)
{
	drop_from(u, 0);
	free(u->v);
	undo_init(u);
}

int undo_push(struct undo *u, struct undo_entry e)
{
	drop_from(u, u->pos); /* a new change ends what could be redone */
	if (u->pos == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		struct undo_entry *v = realloc(u->v, cap * sizeof *v);

		if (!v) {
			free(e.snap);
			return -1;
		}
		u->v = v;
		u->cap = cap;
	}
	u->v[u->pos++] = e;
	u->n = u->pos;
	return 0;
}

int undo_push_input(struct undo *u, struct budget_key k, const struct budget_input *before,
                    const struct budget_input *after, const char *what)
{
	struct undo_snap *s = malloc(sizeof *s);

	if (!s)
		return -1;
	s->before = *before;
	s->after = *after;
	snprintf(s->what, sizeof s->what, "%s", what ? what : "");
	return undo_push(u, (struct undo_entry){k, 0, 0, s});
}

bool undo_back(struct undo *u, struct undo_entry *out)
{
	if (u->pos == 0)
		return false;
	*out = u->v[--u->pos];
	return true;
}

bool undo_forward(struct undo *u, struct undo_entry *out)
{
	if (u->pos == u->n)
		return false;
	*out = u->v[u->pos++];
	return true;
}
