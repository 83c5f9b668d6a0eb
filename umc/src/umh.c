// SPDX-License-Identifier: GPL-2.0
/*
 * umh.c - call_usermodehelper over sys->proc_run (linux/umh.h).
 * The kernel returns the helper's wait status: exit code << 8 (DRBD reads (ret >> 8) & 0xff).
 * sys->proc_run reports 128 + signal for a program killed by a signal; that is returned as
 * an exit code like any other (a shell reports it the same way).
 */
#include <linux/umh.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <umc/module.h>
#include <sys_service.h>

static bool helpers_enabled = true;

void umc_usermodehelper_set_enabled(bool enabled)
{
	WRITE_ONCE(helpers_enabled, enabled);
}

int call_usermodehelper(const char *path, char **argv, char **envp, int wait)
{
	static const char *const empty_env[] = { NULL };
	int ret;

	if (!path)
		return -EINVAL;
	if (!READ_ONCE(helpers_enabled)) {
		pr_info_once("usermode helpers are disabled: not running %s\n", path);
		return -EBUSY;
	}
	if (!path[0])
		return 0;
	if ((wait & ~(UMH_KILLABLE | UMH_FREEZABLE)) != UMH_WAIT_PROC) {
		pr_warn_once("call_usermodehelper: only UMH_WAIT_PROC is supported\n");
		return -EOPNOTSUPP;
	}
	if (!argv || !argv[0] || strcmp(argv[0], path)) {
		/* proc_run executes argv[0]: give it @path there, as execve(path, argv) would */
		const char *args[16];
		int i;

		args[0] = path;
		for (i = 1; argv && argv[0] && argv[i] && i < 15; i++)
			args[i] = argv[i];
		args[i] = NULL;
		ret = sys->proc_run(args, envp ? (const char *const *)envp : empty_env);
	} else {
		ret = sys->proc_run((const char *const *)argv,
				    envp ? (const char *const *)envp : empty_env);
	}
	if (ret < 0) {
		pr_warn("usermode helper %s could not be started: %d\n", path, ret);
		return ret;
	}
	return (ret & 0xff) << 8;
}
