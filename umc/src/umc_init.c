// SPDX-License-Identifier: GPL-2.0
/*
 * umc_init.c - bring the kernel emulation up and down (umc/umc.h).
 *
 * The table lists every subsystem in init order; umc_exit() runs the exit hooks in reverse.
 * A workstream adding a subsystem adds one line here and its two declarations to umc.h.
 */
#include <linux/kernel.h>
#include <umc/umc.h>
#include <sys_service.h>

struct umc_subsys {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
};

static const struct umc_subsys subsystems[] = {
	{ "sched", umc_sched_init, umc_sched_exit },
	{ "mem", umc_mem_init, umc_mem_exit },             /* umc-mem: page arena */
	{ "timer", umc_timer_init, umc_timer_exit },       /* umc-mem: ktimers */
	{ "workqueue", umc_workqueue_init, umc_workqueue_exit }, /* umc-mem: system_wq & co */
	{ "block", umc_blk_init, umc_blk_exit },           /* drbd-block: bio sets, backing files */
};

static unsigned int started;  /* number of subsystems brought up */

int umc_init(void)
{
	if (!sys)
		return -EINVAL;
	if (started)
		return -EBUSY;
	for (unsigned int i = 0; i < ARRAY_SIZE(subsystems); i++) {
		int rc = subsystems[i].init();

		if (rc) {
			sys_logf(SYS_LOG_ERR, "umc", "umc_init: %s failed: %d", subsystems[i].name, rc);
			umc_exit();
			return rc;
		}
		started = i + 1;
	}
	return 0;
}

void umc_exit(void)
{
	while (started) {
		started--;
		if (subsystems[started].exit)
			subsystems[started].exit();
	}
}
