/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/completion.h - completions. Implemented in umc/src/completion.c.
 *
 * Linux 6.1 semantics: complete() lets one waiter (present or future) through, complete_all()
 * lets everybody through until reinit_completion(). Return values:
 *   wait_for_completion_timeout / _io_timeout: 0 on timeout, else jiffies left (>= 1)
 *   wait_for_completion_interruptible / _killable: 0, or -ERESTARTSYS on a signal
 *   wait_for_completion_interruptible_timeout / _killable_timeout: -ERESTARTSYS, 0 on
 *       timeout, else jiffies left (>= 1)
 *   try_wait_for_completion: true if it consumed a completion without sleeping
 *   completion_done: true if a wait would not sleep (snapshot)
 * wait_for_completion*() may sleep; complete*() never block and may be called with spinlocks
 * held and from provider callbacks (timers, I/O completions).
 */
#ifndef _UMC_LINUX_COMPLETION_H
#define _UMC_LINUX_COMPLETION_H

#include <linux/swait.h>

struct completion {
	unsigned int done;            /* UINT_MAX after complete_all() */
	struct swait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) { 0, __SWAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define COMPLETION_INITIALIZER_ONSTACK_MAP(work, map) (*({ init_completion(&work); &work; }))
#define COMPLETION_INITIALIZER_ONSTACK(work) (*({ init_completion(&work); &work; }))
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)
#define DECLARE_COMPLETION_ONSTACK_MAP(work, map) DECLARE_COMPLETION(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_swait_queue_head(&x->wait);
}

/* reinit_completion - forget past complete() calls; no waiter may be present. */
static inline void reinit_completion(struct completion *x)
{
	__atomic_store_n(&x->done, 0, __ATOMIC_RELAXED);
}

void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
int __must_check wait_for_completion_interruptible(struct completion *x);
int __must_check wait_for_completion_killable(struct completion *x);
int __must_check wait_for_completion_state(struct completion *x, unsigned int state);
unsigned long __must_check wait_for_completion_timeout(struct completion *x, unsigned long timeout);
unsigned long __must_check wait_for_completion_io_timeout(struct completion *x, unsigned long timeout);
long __must_check wait_for_completion_interruptible_timeout(struct completion *x,
							    unsigned long timeout);
long __must_check wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);

void complete(struct completion *x);
void complete_all(struct completion *x);

#endif
