/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/swait.h - simple wait queues (the base of struct completion). Implemented in
 * umc/src/swait.c. A simple queue holds only tasks, and every waiter is exclusive:
 * swake_up_one() wakes the first waiter, swake_up_all() all of them. Same sleeping rules as
 * linux/wait.h (lost-wakeup free, signals end interruptible waits with -ERESTARTSYS).
 * swake_up_*() never block; swait_event_*() may sleep.
 */
#ifndef _UMC_LINUX_SWAIT_H
#define _UMC_LINUX_SWAIT_H

#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <asm/current.h>

struct swait_queue_head {
	raw_spinlock_t lock;
	struct list_head task_list;
};

struct swait_queue {
	struct task_struct *task;
	struct list_head task_list;
};

#define __SWAITQUEUE_INITIALIZER(name) { .task = current, .task_list = LIST_HEAD_INIT((name).task_list) }
#define DECLARE_SWAITQUEUE(name) struct swait_queue name = __SWAITQUEUE_INITIALIZER(name)
#define __SWAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock), .task_list = LIST_HEAD_INIT((name).task_list) }
#define DECLARE_SWAIT_QUEUE_HEAD(name) struct swait_queue_head name = __SWAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_SWAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_SWAIT_QUEUE_HEAD(name)

void __init_swait_queue_head(struct swait_queue_head *q, const char *name, struct lock_class_key *key);
#define init_swait_queue_head(q) \
	do { static struct lock_class_key __key; __init_swait_queue_head((q), #q, &__key); } while (0)

static inline int swait_active(struct swait_queue_head *wq)
{
	return !list_empty(&wq->task_list);
}
static inline bool swq_has_sleeper(struct swait_queue_head *wq)
{
	smp_mb();
	return swait_active(wq);
}

void swake_up_one(struct swait_queue_head *q);
void swake_up_all(struct swait_queue_head *q);
/* swake_up_locked / swake_up_all_locked - with q->lock held. */
void swake_up_locked(struct swait_queue_head *q);
void swake_up_all_locked(struct swait_queue_head *q);

void prepare_to_swait_exclusive(struct swait_queue_head *q, struct swait_queue *wait, int state);
long prepare_to_swait_event(struct swait_queue_head *q, struct swait_queue *wait, int state);
void __finish_swait(struct swait_queue_head *q, struct swait_queue *wait);
void finish_swait(struct swait_queue_head *q, struct swait_queue *wait);

#define __umc_swait_event(wq, cond, state, init_ret, sleep_cmd) ({ \
	struct swait_queue __sw; \
	long __wret = (init_ret); \
	__sw.task = current; \
	INIT_LIST_HEAD(&__sw.task_list); \
	for (;;) { \
		long __wsig = prepare_to_swait_event(&(wq), &__sw, (state)); \
		if (cond) \
			break; \
		if (__wsig) { \
			__wret = __wsig; \
			break; \
		} \
		sleep_cmd; \
	} \
	finish_swait(&(wq), &__sw); \
	__wret; })

#define swait_event_exclusive(wq, condition) \
	do { \
		if (condition) \
			break; \
		(void)__umc_swait_event(wq, condition, TASK_UNINTERRUPTIBLE, 0, schedule()); \
	} while (0)

#define swait_event_timeout_exclusive(wq, condition, timeout) ({ \
	long __ret = (timeout); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_swait_event(wq, __umc_cond_timeout(condition, __wret), \
					  TASK_UNINTERRUPTIBLE, __ret, \
					  __wret = schedule_timeout(__wret)); \
	__ret; })

#define swait_event_interruptible_exclusive(wq, condition) ({ \
	int __ret = 0; \
	if (!(condition)) \
		__ret = __umc_swait_event(wq, condition, TASK_INTERRUPTIBLE, 0, schedule()); \
	__ret; })

#define swait_event_interruptible_timeout_exclusive(wq, condition, timeout) ({ \
	long __ret = (timeout); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_swait_event(wq, __umc_cond_timeout(condition, __wret), \
					  TASK_INTERRUPTIBLE, __ret, \
					  __wret = schedule_timeout(__wret)); \
	__ret; })

#define swait_event_idle_exclusive(wq, condition) \
	do { \
		if (condition) \
			break; \
		(void)__umc_swait_event(wq, condition, TASK_IDLE, 0, schedule()); \
	} while (0)

#endif
