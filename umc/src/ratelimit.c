// SPDX-License-Identifier: GPL-2.0
/*
 * ratelimit.c - ___ratelimit with the kernel's semantics (see <linux/ratelimit_types.h>):
 * @burst calls pass per @interval jiffies; refused calls are counted and reported as
 * "<func>: <n> callbacks suppressed" when the next interval starts. A caller that finds the
 * state locked is refused instead of waiting. Never sleeps.
 */
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/printk.h>
#include <linux/sched.h>

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	int interval = READ_ONCE(rs->interval);
	int burst = READ_ONCE(rs->burst);
	int ret;

	if (!interval)
		return 1;
	if (!raw_spin_trylock(&rs->lock))
		return 0;

	if (!rs->begin)
		rs->begin = jiffies;
	if (time_is_before_jiffies(rs->begin + interval)) {
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			printk_deferred(KERN_WARNING "%s: %d callbacks suppressed\n", func,
					rs->missed);
			rs->missed = 0;
		}
		rs->begin = jiffies;
		rs->printed = 0;
	}
	if (burst && burst > rs->printed) {
		rs->printed++;
		ret = 1;
	} else {
		rs->missed++;
		ret = 0;
	}
	raw_spin_unlock(&rs->lock);
	return ret;
}

void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE))
		return;
	if (rs->missed) {
		pr_warn("%s: %d output lines suppressed due to ratelimiting\n", current->comm,
			rs->missed);
		rs->missed = 0;
	}
}
