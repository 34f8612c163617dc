/* fuzz_theme.c — theme_load_mem and theme_color_parse on arbitrary bytes:
 * no crash, hang or leak; a refused theme says why and leaves the built-in
 * default in place.  Corpus: tests/fuzz/corpus/theme/ (the shipped themes
 * and the bad theme files). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_errlist errs;
	struct theme_color c;
	struct theme t;
	char *s;

	cd_errlist_init(&errs);
	if (theme_load_mem("fuzz.yaml", (const char *)data, size, &t, &errs) != 0 &&
	    (errs.n == 0 || strcmp(t.name, "default") != 0))
		abort();
	cd_errlist_done(&errs);
	s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
		if (theme_color_parse(s, &c) == 0 && c.kind == TC_INDEX &&
		    (c.index < 0 || c.index > 255))
			abort();
		free(s);
	}
	return 0;
}
