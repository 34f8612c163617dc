/* fuzz_scenario_edit.c — saving over a file by editing it in place, on
 * arbitrary bytes: whatever loads is changed (values, a role added or
 * removed, a range, the run section) in ways chosen by the input's own
 * bytes, edited with scenario_edit_text, and the edited text must load back
 * to exactly the changed scenario whenever an edit is made.  An unchanged
 * scenario must give the same bytes.  Corpus: tests/fuzz/corpus/scenario_edit/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/config/scenario_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario sc, back;
	uint32_t h = 2166136261u;
	char *text;

	if (scenario_load_mem("fuzz.yaml", (const char *)data, size, &sc, NULL) != 0)
		return 0;
	text = scenario_edit_text("fuzz.yaml", (const char *)data, size, &sc);
	if (!text || strlen(text) != size || memcmp(text, data, size))
		abort(); /* an unchanged scenario saves as the same bytes */
	free(text);
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	if (h & 1)
		sc.in.gpus = (h >> 4) % 1000;
	if (h & 2)
		sc.in.gpu_hourly_cost = (h >> 8) % 100000;
	if (h & 4)
		sc.in.alpha = 1000 + (h >> 3) % 999000;
	if (h & 8)
		sc.burn.gpu_mode =
		        sc.burn.gpu_mode == SCENARIO_GPU_BUY ? SCENARIO_GPU_RENT : SCENARIO_GPU_BUY;
	if ((h & 16) && sc.in.nroles > 0)
		sc.in.nroles--;
	else if ((h & 32) && sc.in.nroles < BUDGET_MAX_ROLES) {
		struct budget_role *r = &sc.in.roles[sc.in.nroles++];

		memcpy(r->name, "New: role", 10);
		r->count = 2;
		r->monthly_salary = 123456;
	}
	if (h & 64)
		sc.range[BF_GPUS] = (struct scenario_range){true, 0, 64 + (h >> 7) % 64, 1};
	if (h & 128)
		sc.range[BF_SAMPLES].set = false;
	if ((h & 256) && sc.run.present)
		sc.run.gpus_set = !sc.run.gpus_set, sc.run.gpus = 3;
	if (h & 512)
		snprintf(sc.name, sizeof sc.name, "x, [y]: #z");
	text = scenario_edit_text("fuzz.yaml", (const char *)data, size, &sc);
	if (text) {
		if (scenario_load_mem("fuzz.yaml", text, strlen(text), &back, NULL) != 0)
			abort(); /* an edit broke the file */
		if (!scenario_equal(&sc, &back))
			abort(); /* an edit says something else */ /* an edit says something else */
		scenario_done(&back);
		free(text);
	}
	scenario_done(&sc);
	return 0;
}
