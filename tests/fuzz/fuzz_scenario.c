/* fuzz_scenario.c — scenario_load_mem on arbitrary bytes must never crash,
 * hang or leak; whatever loads must render with scenario_to_yaml and load
 * back to the same numbers.  Corpus: tests/fuzz/corpus/scenario/ (the
 * presets and the bad files). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capdash/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_errlist errs;
	struct scenario sc, back;
	char *yaml;

	cd_errlist_init(&errs);
	if (scenario_load_mem("fuzz.yaml", (const char *)data, size, &sc, &errs) == 0) {
		yaml = scenario_to_yaml(&sc);
		if (yaml) {
			if (scenario_load_mem("again.yaml", yaml, strlen(yaml), &back, NULL) != 0 ||
			    memcmp(&back.in, &sc.in, sizeof sc.in) != 0 ||
			    back.run.argc != sc.run.argc)
				abort(); /* a loaded scenario must survive a save */
			scenario_done(&back);
			free(yaml);
		}
	} else if (errs.n == 0) {
		abort(); /* a refusal always says why */
	}
	scenario_done(&sc);
	cd_errlist_done(&errs);
	return 0;
}
