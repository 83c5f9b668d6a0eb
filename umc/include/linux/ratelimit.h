/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/ratelimit.h - ratelimit state helpers (see ratelimit_types.h for the contract;
 * umc/src/ratelimit.c).
 */
#ifndef _UMC_LINUX_RATELIMIT_H
#define _UMC_LINUX_RATELIMIT_H

#include <linux/ratelimit_types.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/bug.h>

static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	memset(rs, 0, sizeof(*rs));
	raw_spin_lock_init(&rs->lock);
	rs->interval = interval;
	rs->burst = burst;
}

static inline void ratelimit_default_init(struct ratelimit_state *rs)
{
	ratelimit_state_init(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
}

/* ratelimit_state_exit - with RATELIMIT_MSG_ON_RELEASE: report what was suppressed. */
void ratelimit_state_exit(struct ratelimit_state *rs);

static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = flags;
}

#define WARN_ON_RATELIMIT(condition, state) ({ \
	bool __rtn_cond = !!(condition); \
	WARN_ON(__rtn_cond && __ratelimit(state)); \
	__rtn_cond; })

#define WARN_RATELIMIT(condition, format, ...) ({ \
	static DEFINE_RATELIMIT_STATE(_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST); \
	int rtn = !!(condition); \
	if (unlikely(rtn && __ratelimit(&_rs))) \
		WARN(rtn, format, ##__VA_ARGS__); \
	rtn; })

#endif
