// SPDX-License-Identifier: GPL-2.0
/*
 * umc_test_env.c - environment of the umc unit tests (see umc_test.h). Compiled with each
 * test in its kernel-world flags (umc headers shadow libc's sys/types.h, so no libc header
 * beyond umc_test.h's may be included: the two libc functions used are declared here).
 */
#include "umc_test.h"

#include <mte.h>
#include <umc/umc.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/kthread.h>

/* From libc (<stdlib.h>, <sched.h>), declared here: see the header comment. */
extern char *getenv(const char *name);
extern int sched_getaffinity(int pid, size_t cpusetsize, void *mask);

static bool env_failed;

int umc_test_result(int rc)
{
	return rc ? rc : env_failed ? 1 : 0;
}

int umc_test_setup(void **state)
{
	/* Quiet: errors only, unless MTE_LOG (read by mte_init) asks for more. */
	struct mte_options opts = { .log_levels = "*=3" };
	int rc;

	(void)state;
	rc = mte_init(&opts);
	if (rc) {
		print_error("umc_test_setup: mte_init failed: %d\n", rc);
		env_failed = true;
		return -1;
	}
	rc = umc_init();
	if (rc) {
		print_error("umc_test_setup: umc_init failed: %d\n", rc);
		mte_shutdown();
		env_failed = true;
		return -1;
	}
	return 0;
}

int umc_test_teardown(void **state)
{
	uint64_t live;

	(void)state;
	umc_exit();
	live = mte_shutdown();
	if (live) {
		print_error("umc_test_teardown: %llu bytes still allocated (leak)\n",
			(unsigned long long)live);
		env_failed = true;
		return -1;
	}
	return 0;
}

u64 umc_test_now_ns(void)
{
	return sys->time_monotonic_ns();
}

unsigned int umc_test_slowdown(void)
{
	const char *vg = getenv("DRBDUM_UNDER_VALGRIND");

	if (vg && *vg && *vg != '0')
		return 20;
#if defined(__SANITIZE_THREAD__)
	return 5;
#else
	return 1;
#endif
}

void umc_test_wait_asleep(struct task_struct *t)
{
	u64 limit = umc_test_now_ns() + 10ull * 1000000000ull * umc_test_slowdown();

	while (!(__atomic_load_n(&t->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_SLEEPING)) {
		if (umc_test_now_ns() > limit)
			fail_msg("task %s never went to sleep", t->comm);
		sys->thread_yield();
	}
}

int umc_test_idle_until_stop(int ret)
{
	flush_signals(current);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return ret;
}

unsigned long umc_test_affinity_word(void)
{
	unsigned long set[1024 / BITS_PER_LONG] = { 0 };  /* a glibc cpu_set_t */

	if (sched_getaffinity(0, sizeof(set), set) != 0)
		fail_msg("sched_getaffinity failed");
	return set[0];
}
