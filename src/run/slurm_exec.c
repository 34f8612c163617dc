/* slurm_exec.c — running one of Slurm's commands (sbatch, squeue, scontrol,
 * sacct, scancel) and keeping what it printed.
 *
 * No shell: argv goes to execvp as it is.  stdout and stderr are kept
 * apart (sbatch's message on failure is its stderr), each cut at its
 * buffer's size; a command that hangs (slurmctld unreachable) is killed
 * after the timeout.  The caller's signal dispositions and mask are left
 * alone; the child starts with default ones.  Must not: print, or wait for
 * any child but its own.  Start at slurm_exec().
 */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void child(char *const argv[], int out_w, int err_w, int ex_w)
{
	int nul = open("/dev/null", O_RDONLY | O_CLOEXEC), e;

	sup_child_signals();
	if (nul < 0 || dup2(nul, 0) < 0 || dup2(out_w, 1) < 0 || dup2(err_w, 2) < 0)
		_exit(126);
	execvp(argv[0], argv);
	e = errno;
	if (write(ex_w, &e, sizeof(e)) < 0) {
		/* the parent then sees only the exit status */
	}
	_exit(127);
}

/* Append what fd has into buf (len so far), dropping what does not fit.
 * Returns false at EOF or error. */
static bool drain(int fd, char *buf, size_t size, size_t *len)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	if (size && *len + 1 < size) {
		size_t k = (size_t)n < size - 1 - *len ? (size_t)n : size - 1 - *len;
		memcpy(buf + *len, tmp, k);
		*len += k;
		buf[*len] = '\0';
	}
	return true;
}

int slurm_exec(char *const argv[], char *out, size_t outsz, char *errbuf, size_t errsz,
               int timeout_ms, int *exec_errno)
{
	int op[2], ep[2], xp[2], ws = 0, e = 0;
	size_t ol = 0, el = 0;
	sigset_t all, old;
	pid_t pid;
	int64_t deadline = run_mono_ms() + timeout_ms;
	bool oo = true, eo = true, killed = false;

	*exec_errno = 0;
	if (outsz)
		out[0] = '\0';
	if (errsz)
		errbuf[0] = '\0';
	if (pipe2(op, O_CLOEXEC))
		return -1;
	if (pipe2(ep, O_CLOEXEC)) {
		close(op[0]);
		close(op[1]);
		return -1;
	}
	if (pipe2(xp, O_CLOEXEC)) {
		close(op[0]);
		close(op[1]);
		close(ep[0]);
		close(ep[1]);
		return -1;
	}
	/* no handler of the caller's may run in the child before exec */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0)
		child(argv, op[1], ep[1], xp[1]);
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(op[1]);
	close(ep[1]);
	close(xp[1]);
	if (pid < 0) {
		close(op[0]);
		close(ep[0]);
		close(xp[0]);
		return -1;
	}
	while (oo || eo) {
		struct pollfd pf[2] = {{oo ? op[0] : -1, POLLIN, 0}, {eo ? ep[0] : -1, POLLIN, 0}};
		int64_t left = deadline - run_mono_ms();
		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		if (poll(pf, 2, (int)left) < 0 && errno != EINTR)
			break;
		if (oo && (pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
			oo = drain(op[0], out, outsz, &ol);
		if (eo && (pf[1].revents & (POLLIN | POLLHUP | POLLERR)))
			eo = drain(ep[0], errbuf, errsz, &el);
	}
	close(op[0]);
	close(ep[0]);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (read(xp[0], &e, sizeof(e)) == (ssize_t)sizeof(e))
		*exec_errno = e;
	close(xp[0]);
	if (*exec_errno)
		return -1;
	if (killed) {
		if (errsz)
			snprintf(errbuf, errsz, "%s did not answer within %d s", argv[0],
			         timeout_ms / 1000);
		return -1;
	}
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	return 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
}

int slurm_exec_on(const char *cluster, char *const argv[], char *out, size_t outsz, char *errbuf,
                  size_t errsz, int timeout_ms, int *exec_errno)
{
	char *av[32];
	int n = 0, k = 0;

	if (!cluster || !cluster[0])
		return slurm_exec(argv, out, outsz, errbuf, errsz, timeout_ms, exec_errno);
	while (argv[n])
		n++;
	if (n + 3 > (int)(sizeof(av) / sizeof(av[0])))
		return -1;
	/* a job of another cluster (sbatch --clusters) is only known there */
	av[k++] = argv[0];
	av[k++] = "-M";
	av[k++] = (char *)cluster;
	for (int i = 1; i <= n; i++)
		av[k++] = argv[i];
	return slurm_exec(av, out, outsz, errbuf, errsz, timeout_ms, exec_errno);
}

char *slurm_err_text(const char *errbuf, char *buf, size_t size)
{
	size_t n = strlen(errbuf);

	/* one line for people: the last non-empty line, which is where the
	 * Slurm commands put their verdict */
	while (n && (errbuf[n - 1] == '\n' || errbuf[n - 1] == ' '))
		n--;
	{
		const char *start = errbuf + n, *colon;
		while (start > errbuf && start[-1] != '\n')
			start--;
		/* "sbatch: error: Batch job submission failed: ..." → what
		 * follows "error: "; the caller names the command */
		colon = memchr(start, ':', (size_t)(errbuf + n - start));
		if (colon && !strncmp(colon, ": error: ", 9) &&
		    !memchr(start, ' ', (size_t)(colon - start)))
			start = colon + 9;
		snprintf(buf, size, "%.*s", (int)(errbuf + n - start), start);
	}
	return buf;
}
