/* slurm_text.c — Slurm's words as capdash's (stubs; see run.h). */
#include "run_int.h"

#include <string.h>

int run_slurm_check(const struct run_slurm_spec *s, struct cd_err *err)
{
	(void)s;
	(void)err;
	return 0;
}

bool run_slurm_final(const char *state)
{
	static const char *const fin[] = {"COMPLETED",     "FAILED",    "CANCELLED", "TIMEOUT",
	                                  "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE",
	                                  "PREEMPTED",     "REVOKED"};
	for (size_t i = 0; i < sizeof(fin) / sizeof(fin[0]); i++)
		if (!strcmp(state, fin[i]))
			return true;
	return false;
}

enum run_state run_slurm_run_state(const char *state, const char *reason)
{
	if (!strcmp(state, "PENDING") || !strcmp(state, "REQUEUED") ||
	    !strcmp(state, "REQUEUE_HOLD") || !strcmp(state, "REQUEUE_FED"))
		return reason && !strncmp(reason, "JobHeld", 7) ? RUN_PAUSED : RUN_PENDING;
	if (!strcmp(state, "SUSPENDED") || !strcmp(state, "STOPPED"))
		return RUN_PAUSED;
	if (!strcmp(state, "COMPLETED"))
		return RUN_FINISHED;
	if (!strcmp(state, "CANCELLED"))
		return RUN_STOPPED;
	if (run_slurm_final(state))
		return RUN_FAILED;
	return RUN_RUNNING;
}
