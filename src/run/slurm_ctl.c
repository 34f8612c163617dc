/* slurm_ctl.c — controls and adoption for Slurm runs (stubs until the
 * watcher lands; see run.h). */
#include "run_int.h"

int run_adopt(const char *dir, struct cd_err *err)
{
	(void)dir;
	(void)err;
	return 0;
}

int run_suspend(const char *dir, struct cd_err *err)
{
	return run_pause(dir, err);
}

int run_slurm_read(const char *dir, struct run_slurm_job *job, struct cd_err *err)
{
	(void)dir;
	(void)job;
	(void)err;
	return 1;
}
