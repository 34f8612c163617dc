/* undo.c — unlimited undo/redo of budget changes, as (key, before, after)
 * triples: 24 bytes a change, so holding an arrow key for an hour costs
 * little.  Pure: the caller applies what it gets back. */
#include "ui_int.h"

#include <stdlib.h>

void undo_init(struct undo *u)
{
	u->v = NULL;
	u->n = u->cap = u->pos = 0;
}

void undo_done(struct undo *u)
{
	free(u->v);
	undo_init(u);
}

int undo_push(struct undo *u, struct undo_entry e)
{
	if (u->pos == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		struct undo_entry *v = realloc(u->v, cap * sizeof *v);

		if (!v)
			return -1;
		u->v = v;
		u->cap = cap;
	}
	u->v[u->pos++] = e;
	u->n = u->pos;
	return 0;
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
