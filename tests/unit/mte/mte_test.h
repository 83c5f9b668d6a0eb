/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mte_test.h - helpers of the sys_service conformance suite. The tests use only
 * sys_service.h (through `sys`) and mte.h (to start a provider), so another provider can run
 * the same files by replacing mte_test_start().
 */
#ifndef MTE_TEST_H
#define MTE_TEST_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mte.h"
#include "sys_service.h"

#define MS 1000000ull
#define SEC 1000000000ull

/* Timing bounds are stretched under valgrind (set by the CMake helper). */
static inline uint64_t slow(uint64_t ns)
{
	const char *v = getenv("DRBDUM_UNDER_VALGRIND");
	return v && *v == '1' ? ns * 20 : ns;
}

static inline int mte_test_start(void **state)
{
	(void)state;
	return mte_init(NULL);
}

static inline int mte_test_stop(void **state)
{
	(void)state;
	return mte_shutdown() == 0 ? 0 : -1;
}

/* A one-shot event another thread can wait for (futex based). */
struct completion {
	uint32_t done;
};

static inline void completion_init(struct completion *c)
{
	__atomic_store_n(&c->done, 0, __ATOMIC_RELAXED);
}

static inline void complete(struct completion *c)
{
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	sys->futex_wake(&c->done, INT32_MAX);
}

static inline bool completion_done(struct completion *c)
{
	return __atomic_load_n(&c->done, __ATOMIC_ACQUIRE) != 0;
}

/* Wait until completed or @timeout_ns passed; returns true if completed. */
static inline bool wait_for(struct completion *c, uint64_t timeout_ns)
{
	uint64_t deadline = sys->time_monotonic_ns() + timeout_ns;
	while (!completion_done(c)) {
		if (sys->futex_wait(&c->done, 0, deadline) == -ETIMEDOUT)
			return completion_done(c);
	}
	return true;
}

/* A counter waited for until it reaches a target. */
static inline void counter_inc(uint32_t *ctr)
{
	__atomic_add_fetch(ctr, 1, __ATOMIC_RELEASE);
	sys->futex_wake(ctr, INT32_MAX);
}

static inline bool counter_wait(uint32_t *ctr, uint32_t target, uint64_t timeout_ns)
{
	uint64_t deadline = sys->time_monotonic_ns() + timeout_ns;
	for (;;) {
		uint32_t v = __atomic_load_n(ctr, __ATOMIC_ACQUIRE);
		if (v >= target)
			return true;
		if (sys->futex_wait(ctr, v, deadline) == -ETIMEDOUT)
			return __atomic_load_n(ctr, __ATOMIC_ACQUIRE) >= target;
	}
}

/* Sleep the calling thread for @ns without a provider-independent call: a futex wait on a
 * word nobody wakes, until the deadline. */
static inline void sleep_ns(uint64_t ns)
{
	uint32_t never = 0;
	uint64_t deadline = sys->time_monotonic_ns() + ns;
	while (sys->futex_wait(&never, 0, deadline) != -ETIMEDOUT)
		;
}

#endif /* MTE_TEST_H */
