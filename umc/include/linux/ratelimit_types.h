/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/ratelimit_types.h - struct ratelimit_state and DEFINE_RATELIMIT_STATE
 * (umc/src/ratelimit.c implements ___ratelimit).
 *
 * ___ratelimit(rs, func): allows @burst calls per @interval jiffies and refuses the rest
 * (returns 0). When a new interval starts after refusals, it logs
 * "<func>: <n> callbacks suppressed" at KERN_WARNING (unless RATELIMIT_MSG_ON_RELEASE).
 * interval == 0 disables limiting. The state lock is only try-locked: a caller that finds it
 * held is refused, as in the kernel. Never sleeps; callable with spinlocks held.
 */
#ifndef _UMC_LINUX_RATELIMIT_TYPES_H
#define _UMC_LINUX_RATELIMIT_TYPES_H

#include <linux/bits.h>
#include <linux/spinlock_types.h>
#include <linux/jiffies.h>

#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST 10

/* do not print "callbacks suppressed" from ___ratelimit; ratelimit_state_exit reports */
#define RATELIMIT_MSG_ON_RELEASE BIT(0)

struct ratelimit_state {
	raw_spinlock_t lock; /* protects the fields below */
	int interval;        /* jiffies; 0 = no limit */
	int burst;
	int printed;
	int missed;
	unsigned long begin; /* jiffies at the start of the current interval; 0 = not started */
	unsigned long flags;
};

#define RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, flags_init) { \
	.lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock), \
	.interval = interval_init, \
	.burst = burst_init, \
	.flags = flags_init, \
}

#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) \
	RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, 0)

#define RATELIMIT_STATE_INIT_DISABLED RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init) \
	struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#endif
