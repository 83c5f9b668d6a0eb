// SPDX-License-Identifier: GPL-2.0
/*
 * proc.c - proc_run: posix_spawn the program (glibc reports exec failures such as ENOENT as
 * the spawn result), then waitpid for it. The child gets the caller's signal mask reset and
 * default dispositions, so helpers behave as if started from a shell.
 */
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mte_internal.h"

int mte_proc_run(const char *const *argv, const char *const *envp)
{
	static const char *const empty_env[] = { NULL };
	posix_spawnattr_t attr;
	sigset_t none, all;
	pid_t pid;

	if (!argv || !argv[0] || argv[0][0] != '/')
		return -EINVAL;
	/* report a missing program as -errno even where the spawn cannot (valgrind turns the
	 * vfork-style spawn into a fork whose exec failure becomes exit status 127) */
	if (access(argv[0], X_OK))
		return -errno;
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	int rc = posix_spawn(&pid, argv[0], NULL, &attr, (char *const *)argv,
			     (char *const *)(envp ? envp : empty_env));
	posix_spawnattr_destroy(&attr);
	if (rc)
		return -rc;
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -ECHILD;
}
