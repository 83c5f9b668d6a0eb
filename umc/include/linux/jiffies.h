/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/jiffies.h - the kernel tick counter. Out-of-line helpers in umc/src/jiffies.c.
 *
 * HZ is 1000 (one jiffy = 1 ms). `jiffies` is not a variable that a timer interrupt
 * increments: it is a macro that reads the provider's monotonic clock
 * (sys->time_monotonic_ns() / NSEC_PER_JIFFY), so it is always current, 64 bits wide and
 * never wraps or goes back. It starts at the host's monotonic time (not INITIAL_JIFFIES).
 * The time_after() family keeps the kernel's signed-difference definition, which is exact
 * for 64-bit values that never wrap. Conversions round up to whole jiffies like the kernel's
 * (msecs_to_jiffies(1) == 1); values of MAX_JIFFY_OFFSET or more mean "forever".
 * Everything here may be called from any context and never blocks.
 */
#ifndef _UMC_LINUX_JIFFIES_H
#define _UMC_LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <sys_service.h>

#define HZ CONFIG_HZ
#define USER_HZ 100
#define CLOCKS_PER_SEC USER_HZ

#ifndef MSEC_PER_SEC
#define MSEC_PER_SEC 1000L
#define USEC_PER_MSEC 1000L
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_SEC 1000000000L
#endif

#define NSEC_PER_JIFFY (NSEC_PER_SEC / HZ)
#define TICK_NSEC NSEC_PER_JIFFY
#define TICK_USEC (USEC_PER_SEC / HZ)

/* Largest timeout in jiffies that means a finite time; larger is "forever". */
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#define INITIAL_JIFFIES 0UL

/* get_jiffies_64 - the current jiffies count (monotonic clock in ms). Never blocks. */
static inline u64 get_jiffies_64(void)
{
	return sys->time_monotonic_ns() / NSEC_PER_JIFFY;
}

/* Reads the clock on every use; not an lvalue. */
#define jiffies ((unsigned long)get_jiffies_64())
#define jiffies_64 get_jiffies_64()

#define time_after(a, b) \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) && ((long)((b) - (a)) < 0))
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) \
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) && ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

#define time_after64(a, b) \
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((b) - (a)) < 0))
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b) \
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b) time_after_eq64(b, a)
#define time_in_range64(a, b, c) (time_after_eq64(a, b) && time_before_eq64(a, c))

#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)
#define time_is_before_jiffies64(a) time_after64(get_jiffies_64(), a)
#define time_is_after_jiffies64(a) time_before64(get_jiffies_64(), a)

/* Conversions (umc/src/jiffies.c). Results of at least MAX_JIFFY_OFFSET mean "forever". */
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
u64 jiffies64_to_nsecs(u64 j);
u64 jiffies64_to_msecs(u64 j);
unsigned long __msecs_to_jiffies(const unsigned int m);
unsigned long __usecs_to_jiffies(const unsigned int u);
unsigned long nsecs_to_jiffies(u64 n);
u64 nsecs_to_jiffies64(u64 n);
clock_t jiffies_to_clock_t(unsigned long x);
unsigned long clock_t_to_jiffies(unsigned long x);
u64 jiffies_64_to_clock_t(u64 x);

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * NSEC_PER_JIFFY;
}

/* msecs_to_jiffies - @m ms as jiffies, rounded up; m > INT_MAX gives MAX_JIFFY_OFFSET. */
static __always_inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return __msecs_to_jiffies(m);
}

/* usecs_to_jiffies - @u us as jiffies, rounded up; u > INT_MAX gives MAX_JIFFY_OFFSET. */
static __always_inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return __usecs_to_jiffies(u);
}

#endif
