/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/timer.h - kernel timers (umc/src/timer.c).
 *
 * A timer_list needs no host resources and no destructor: pending timers sit in one umc timer
 * base (a pairing heap ordered by expiry under a spinlock) that a single umc kernel thread,
 * "ktimers", serves: it sleeps on a futex until the earliest deadline and runs expired
 * handlers one at a time, without any lock held. A timer fires when `jiffies` (the monotonic
 * clock in ms, see linux/jiffies.h) has reached timer->expires: never earlier; later by the
 * host's wake-up latency plus the run time of handlers ahead of it.
 *
 * Contract (Linux 6.1):
 *  - handlers must not sleep (they run in "softirq" context in Linux; here they hold up
 *    every other timer while they run);
 *  - mod_timer/add_timer/timer_delete never sleep and may be called with spinlocks held and
 *    from a timer handler (also the timer's own: re-arming is allowed);
 *  - timer_delete_sync may sleep: it waits until the handler is not running, also when the
 *    handler re-arms the timer. It must not be called from the timer's own handler (Linux
 *    deadlocks; umc warns and only deactivates) nor with a lock the handler takes;
 *  - after timer_delete_sync returned, the memory of the timer may be freed;
 *  - timer_setup on a pending timer corrupts the base, as in Linux.
 */
#ifndef _UMC_LINUX_TIMER_H
#define _UMC_LINUX_TIMER_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/container_of.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>

struct lock_class_key;

struct timer_list {
	/* umc timer base: pairing-heap links (first child, next sibling, previous sibling or
	 * parent); valid while pending; protected by the base lock */
	struct timer_list *umc_child, *umc_next, *umc_prev;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
	/* nonzero while pending (in the base); written under the base lock */
	u32 umc_pending;
};

#define TIMER_CPUMASK 0x0003FFFF
#define TIMER_MIGRATING 0x00040000
#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00200000
#define TIMER_IRQSAFE 0x00400000
#define TIMER_INIT_FLAGS (TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) { \
		.umc_child = NULL, .umc_next = NULL, .umc_prev = NULL, .expires = 0, \
		.function = (_function), .flags = (_flags), .umc_pending = 0 }
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

/*
 * init_timer_key - initialise @timer (not pending) with handler @func and @flags
 * (TIMER_DEFERRABLE, TIMER_PINNED, TIMER_IRQSAFE are accepted; umc treats all timers alike).
 * @name and @key are lockdep annotations and are ignored.
 */
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key);

#define timer_setup(timer, callback, flags) init_timer_key((timer), (callback), (flags), NULL, NULL)
#define timer_setup_on_stack(timer, callback, flags) timer_setup(timer, callback, flags)
static inline void destroy_timer_on_stack(struct timer_list *timer) { (void)timer; }

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)

/* timer_pending - is the timer armed (not yet fired or deleted)? Lockless snapshot. */
static inline int timer_pending(const struct timer_list *timer)
{
	return __atomic_load_n(&timer->umc_pending, __ATOMIC_RELAXED) != 0;
}

/* mod_timer - (re)arm @timer for @expires; returns 1 if it was pending, else 0. */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* mod_timer_pending - as mod_timer, but only if the timer is pending (else nothing). */
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
/* timer_reduce - as mod_timer, but a pending timer is only ever moved earlier. */
int timer_reduce(struct timer_list *timer, unsigned long expires);
/* add_timer - arm a timer that is not pending, for timer->expires (WARN if pending). */
void add_timer(struct timer_list *timer);
/* timer_delete - deactivate; returns 1 if it was pending. Does not wait for the handler. */
int timer_delete(struct timer_list *timer);
/* try_to_del_timer_sync - deactivate unless the handler runs: 1/0 as timer_delete, or -1
 * (nothing done) when the handler is running. Never sleeps. */
int try_to_del_timer_sync(struct timer_list *timer);
/* timer_delete_sync - deactivate and wait for a running handler; 1 if it was pending. */
int timer_delete_sync(struct timer_list *timer);

static inline int del_timer(struct timer_list *timer)
{
	return timer_delete(timer);
}

static inline int del_timer_sync(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}

#define del_singleshot_timer_sync(t) timer_delete_sync(t)

#endif
