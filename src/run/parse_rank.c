/* parse_rank.c — the rank prefixes multi-process launchers put before each
 * line, so the chart can follow one rank (rank 0 unless told otherwise) of a
 * run whose every process prints.
 *
 * Pure like the rest of the parser: no I/O, no allocation, no globals.
 * Start at ps_rank_tag() (the bracketed forms) and ps_srun_label().
 *
 * Forms and what their number means
 *   [rank3]:  [rank3]:[W1203 ...]   torch.distributed (c10d), global rank
 *   [rank: 3]                       Lightning's rank-prefixed messages, global
 *   [Rank 3]                        DeepSpeed's log_dist, global
 *   [1,3]<stdout>:                  OpenMPI's mpirun --tag-output, global (the 3)
 *   [default3]:                     torchrun's --tee/--redirects ("[ROLE3]:"),
 *                                   the LOCAL rank on its node
 *   "3: ", " 12: "                  srun --label, the task id: only at the very
 *                                   start of a line, and only in a stream known
 *                                   to be labelled (see ps_srun_label)
 * Nested prefixes ("1: [default0]:") name the line by the innermost one; a
 * local rank under a non-zero outer label ("1: [default0]:") is not the
 * global rank 0, so such a line follows no rank; a global form inside resets
 * that ("1: [default0]:[rank2]:" is rank 2).
 */
#include "parse_int.h"

#include <string.h>

#define RANK_MAX 1000000 /* more digits than this is data, not a rank */

/* Digits at p as a rank: the end of them, or NULL. */
static const char *rank_num(const char *p, const char *end, int *rank)
{
	long v = 0;
	const char *q = p;

	while (q < end && pc_digit(*q) && v < RANK_MAX) {
		v = v * 10 + (*q - '0');
		q++;
	}
	if (q == p || v >= RANK_MAX || (q < end && pc_digit(*q)))
		return NULL;
	*rank = (int)v;
	return q;
}

void ps_rank_note(struct ps_rank *r, int rank, bool global)
{
	if (global)
		r->outer_other = false;
	else if (r->rank > 0)
		r->outer_other = true;
	r->rank = rank;
}

const char *ps_rank_tag(const char *p, const char *end, struct ps_rank *r)
{
	const char *q = p + 1, *w, *n;
	int rank;

	if (p >= end || *p != '[')
		return NULL;
	/* "rank3", "rank: 3", "Rank 3", "RANK 3": a global rank */
	if (ps_starts(q, end, "rank", true)) {
		w = q + 4;
		if (w < end && *w == ':')
			w++;
		w = ps_skip_sp(w, end);
		n = rank_num(w, end, &rank);
		if (!n || n >= end || *n != ']')
			return NULL;
		n++;
		if (n < end && *n == ':')
			n++;
		ps_rank_note(r, rank, true);
		return n;
	}
	/* OpenMPI "[1,3]<stdout>:" (job, rank) */
	if (pc_digit(*q)) {
		int job;

		n = rank_num(q, end, &job);
		if (!n || n >= end || *n != ',')
			return NULL;
		n = rank_num(n + 1, end, &rank);
		if (!n || n >= end || *n != ']')
			return NULL;
		n++;
		if (ps_starts(n, end, "<stdout>:", false) || ps_starts(n, end, "<stderr>:", false))
			n += 9;
		else
			return NULL;
		ps_rank_note(r, rank, true);
		return n;
	}
	/* torchrun's "[default0]:": a role name, the local rank, and the ':'
	 * that tells it from data ("[step3]" is never followed by it) */
	for (w = q; w < end && (pc_alpha(*w) || *w == '_'); w++)
		;
	if (w - q < 3 || ps_starts(q, end, "epoch", true) || ps_starts(q, end, "step", true) ||
	    ps_starts(q, end, "iter", true))
		return NULL;
	n = rank_num(w, end, &rank);
	if (!n || n + 1 >= end || n[0] != ']' || n[1] != ':')
		return NULL;
	ps_rank_note(r, rank, false);
	return n + 2;
}

/* srun --label writes "%*d: " (the task id right-aligned to the width of
 * the largest), so a label is spaces, up to six digits, ':' and a space or
 * the end of the line (an empty line of the task).  *width counts the
 * bytes up to the ':'. */
static const char *srun_label(const char *p, const char *end, int *rank, int *width)
{
	const char *q = ps_skip_sp(p, end), *n;

	if (q - p > 6 || !(n = rank_num(q, end, rank)) || n - p > 7 || n >= end || *n != ':')
		return NULL;
	if (n + 1 < end && n[1] != ' ')
		return NULL; /* "10:10:10", "3:45" */
	*width = (int)(n - p);
	return n + 1 < end ? n + 2 : n + 1;
}

/* Whether lines carry srun labels is decided on the stream's first
 * non-empty lines, and kept for good:
 * - any unlabelled line, or one padded to another width (srun pads every
 *   label to one width), among them: not labelled;
 * - SRUN_DECIDE labelled lines whose numbers do not simply count up by one
 *   (a task repeats its label, tasks interleave): labelled;
 * - SRUN_COUNTER lines counting 1, 2, 3, ... ("12: loss 0.5", "13: loss
 *   0.4"): a script that prints its own step, not labels.
 * While deciding, a labelled line is taken as one: a plain counter line
 *   costs at most SRUN_COUNTER - 1 points before the stream is known to be
 *   unlabelled.  A script printing "1: loss ..." with a repeating number
 *   (its epoch) from its very first line is taken for a labelled stream:
 *   the one case this rule gets wrong.
 * st->srun_labels skips the decision (the Slurm watcher knows job.sh ran
 * srun --label). */
#define SRUN_DECIDE 3
#define SRUN_COUNTER 8

const char *ps_srun_label(struct logparse_state *st, const char *p, const char *end,
                          struct ps_rank *r)
{
	const char *q;
	int rank, width;

	if (st->srun_labels)
		st->label_mode = 1;
	if (st->label_mode < 0)
		return p;
	if (ps_skip_sp(p, end) >= end)
		return p; /* an empty line decides nothing */
	q = srun_label(p, end, &rank, &width);
	if (st->label_mode == 0) {
		if (!q || (st->label_lines && st->label_width != width)) {
			st->label_mode = -1;
			return p;
		}
		if (st->label_lines && rank != st->label_prev + 1)
			st->flags |= LPS_LABEL_JUMP;
		st->label_prev = rank;
		st->label_width = (unsigned char)width;
		st->label_lines++;
		if (st->label_lines >= SRUN_DECIDE && (st->flags & LPS_LABEL_JUMP))
			st->label_mode = 1;
		else if (st->label_lines >= SRUN_COUNTER) {
			st->label_mode = -1;
			return p;
		}
	}
	if (!q)
		return p; /* slurmstepd's own lines, "srun: error: ..." */
	ps_rank_note(r, rank, false);
	return q;
}
