/* suggest.c — "did you mean ...?" by edit distance.  Pure; no I/O. */
#include "capdash/common.h"

#include <ctype.h>
#include <string.h>

#define SUGGEST_MAX_LEN 64

/* Levenshtein distance with two rows; words longer than SUGGEST_MAX_LEN are
 * never close to anything we suggest. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t prev[SUGGEST_MAX_LEN + 1], cur[SUGGEST_MAX_LEN + 1];

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) !=
			              tolower((unsigned char)b[j - 1]);
			size_t best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

const char *cd_closest(const char *word, const char *const *cands, size_t n)
{
	size_t limit = strlen(word) / 3, best_d = (size_t)-1;
	const char *best = NULL;

	if (limit < 1)
		limit = 1;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (!cands[i])
			continue;
		d = edit_distance(word, cands[i]);
		/* A prefix ("gpu" for "gpus") is a plausible slip even when long. */
		if (d > limit && strncasecmp(cands[i], word, strlen(word)) == 0 &&
		    strlen(word) >= 3)
			d = limit;
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

const char *cd_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = cd_closest(word, cands, n);
	size_t len = strlen(word);

	if (best)
		return best;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		if (!cands[i] || strlen(cands[i]) != len)
			continue;
		while (j < len && word[j] == cands[i][j])
			j++;
		if (j + 1 < len && word[j] == cands[i][j + 1] && word[j + 1] == cands[i][j] &&
		    !strcmp(word + j + 2, cands[i] + j + 2))
			return cands[i];
	}
	return NULL;
}
