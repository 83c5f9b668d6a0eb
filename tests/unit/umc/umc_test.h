/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc_test.h - the first include of every umc unit test (tests/unit/umc/test_*.c).
 *
 * Pulls in the libc pieces cmocka needs, cmocka itself, then the kernel world's
 * <linux/kernel.h>; the test includes further kernel headers after this one. The helpers are
 * implemented in umc_test_env.c (linked into every umc test).
 *
 * Typical main():
 *     static const struct CMUnitTest tests[] = { cmocka_unit_test(test_x), ... };
 *     return UMC_TEST_RUN(tests);
 * which starts mte (quiet logs: errors only unless MTE_LOG says otherwise) and umc once for
 * the program, and at the end stops both and fails if any memory allocated through
 * sys->mem_alloc is still live.
 */
#ifndef UMC_TEST_H
#define UMC_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <setjmp.h>
#include <cmocka.h>

#include <linux/kernel.h>

struct task_struct;

/* cmocka group setup/teardown: mte_init + umc_init / umc_exit + mte_shutdown + leak check. */
int umc_test_setup(void **state);
int umc_test_teardown(void **state);
/* umc_test_result - @rc, or 1 if setup/teardown failed (cmocka does not count that). */
int umc_test_result(int rc);
#define UMC_TEST_RUN(tests) \
	umc_test_result(cmocka_run_group_tests(tests, umc_test_setup, umc_test_teardown))

/* Monotonic clock of the provider, in ns. */
u64 umc_test_now_ns(void);

/*
 * umc_test_slowdown - factor for timing margins: 1 normally, larger under valgrind
 * (DRBDUM_UNDER_VALGRIND set) or ThreadSanitizer. Only for upper bounds ("late by at most"):
 * lower bounds ("not early") are never relaxed.
 */
unsigned int umc_test_slowdown(void);

/*
 * umc_test_wait_asleep - return once @t is blocked in schedule() (its state carries the
 * sleeping mark), so a test can act on a waiter that is really asleep. Fails the test after
 * 10 s * slowdown. Yields the CPU between looks (test-only synchronisation).
 */
void umc_test_wait_asleep(struct task_struct *t);

/*
 * umc_test_idle_until_stop - for kthread functions: flush pending signals, sleep until
 * kthread_stop(), then return @ret (so kthread_stop() always finds the thread alive).
 */
int umc_test_idle_until_stop(int ret);

/* umc_test_affinity_word - first 64 bits of the calling thread's host CPU affinity. */
unsigned long umc_test_affinity_word(void);

#endif
