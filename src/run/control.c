/* control.c — pause, resume and stop a run from any process.
 *
 * Signals go to the child's whole process group so forked workers stop and
 * die too.  A pgid read from a file could belong to someone else after a
 * reboot, so nothing is signalled unless the run's lock is held (the
 * supervisor is alive, hence the group is still its child's).
 * Slurm runs go to slurm_ctl.c (scancel, scontrol hold/release).
 * Start at run_stop().
 */
#include "run_int.h"
#include "capdash/i18n.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

static int live_status(const char *dir, struct run_status *st, struct cd_err *err)
{
	if (run_status_read(dir, st, err))
		return -1;
	if (!run_is_live(dir) || st->ended)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0, _("the run is not running"));
	if (st->pgid <= 1)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0,
		                  _("the run has not started its command yet"));
	return 0;
}

static int group_signal(const char *dir, int sig, struct cd_err *err)
{
	struct run_status st;

	if (live_status(dir, &st, err))
		return -1;
	if (kill(-st.pgid, sig) && errno != ESRCH)
		return cd_err_set(err, CD_ERR_STATE, dir, 0, 0, _("cannot signal the run: %s"),
		                  strerror(errno));
	return 0;
}

int run_pause(const char *dir, struct cd_err *err)
{
	if (slurm_is_run(dir))
		return slurm_pause(dir, false, err);
	return group_signal(dir, SIGSTOP, err);
}

int run_resume(const char *dir, struct cd_err *err)
{
	if (slurm_is_run(dir))
		return slurm_resume(dir, err);
	return group_signal(dir, SIGCONT, err);
}

void control_term_group(pid_t pgid)
{
	if (pgid <= 1)
		return;
	kill(-pgid, SIGTERM);
	/* A stopped process keeps SIGTERM pending until it runs again. */
	kill(-pgid, SIGCONT);
}

int run_stop(const char *dir, struct cd_err *err)
{
	struct run_status st;

	if (slurm_is_run(dir))
		return slurm_stop(dir, err);
	if (live_status(dir, &st, err))
		return -1;
	/* The supervisor owns the grace timer, so the SIGKILL still comes if
	 * whoever asked quits at once. */
	if (st.supervisor > 1 && kill(st.supervisor, SIGTERM) == 0)
		return 0;
	control_term_group(st.pgid);
	return 0;
}
