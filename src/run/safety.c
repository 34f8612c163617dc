/* safety.c — a command from a file is shown and confirmed before it runs.
 *
 * A scenario file from someone else can carry run.command; capdash must
 * never start it unseen.  These two functions are the whole rule, shared by
 * `capdash run` and the dashboard, which each do their own asking.
 */
#include "capdash/run.h"

#include <stdio.h>
#include <string.h>

bool run_needs_confirm(char *const *argv, bool yes)
{
	const char *base;

	if (yes)
		return false;
	if (!argv || !argv[0])
		return true;
	base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	/* Only the bare name: "./evil/capdash-train" is not ours either. */
	return !(strcmp(base, "capdash-train") == 0 && base == argv[0]);
}

static bool plain(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		            "-_./=:,+@%",
		            *s))
			return false;
	return true;
}

char *run_argv_display(char *const *argv, char *buf, size_t size)
{
	size_t k = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
#define ADD(c)                                                                                     \
	do {                                                                                       \
		if (k + 1 >= size)                                                                 \
			goto full;                                                                 \
		buf[k++] = (c);                                                                    \
	} while (0)
	for (int i = 0; argv && argv[i]; i++) {
		bool q = !plain(argv[i]);
		if (i)
			ADD(' ');
		if (q)
			ADD('\'');
		for (const unsigned char *p = (const unsigned char *)argv[i]; *p; p++) {
			if (*p == '\'') {
				ADD('\'');
				ADD('\\');
				ADD('\'');
				ADD('\'');
			} else if (*p < 0x20 || *p == 0x7f) {
				char hx[8];
				snprintf(hx, sizeof(hx), "\\x%02x", *p);
				for (char *h = hx; *h; h++)
					ADD(*h);
			} else {
				ADD((char)*p);
			}
		}
		if (q)
			ADD('\'');
	}
	buf[k] = '\0';
	return buf;
full:
	if (size > 4)
		memcpy(buf + size - 4, "...", 4);
	else
		buf[size - 1] = '\0';
	return buf;
#undef ADD
}
