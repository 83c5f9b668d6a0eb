/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/workqueue.h - workqueues (umc/src/workqueue.c).
 *
 * Each workqueue has its own umc kernel threads ("kworker/<name>"): an ordered queue
 * (alloc_ordered_workqueue, create_singlethread_workqueue, max_active 1) has exactly one and
 * runs its items one at a time in queueing order. Other queues start one worker and add one
 * whenever every worker is busy, up to max_active (default 256), so an item that sleeps
 * never keeps the others from running; workers stay until destroy_workqueue. Like Linux,
 * a work item never runs on two workers of the same queue at once.
 * All state changes happen under one lock; waiting sleeps on a futex (no polling).
 *
 * Contract (Linux 6.1):
 *  - queue_work/queue_delayed_work/schedule_work never sleep (callable with spinlocks held
 *    and from timer handlers); they return false if the item was already pending, in which
 *    case that pending instance runs after the call.
 *  - The pending bit is cleared just before the function is called: the function may requeue
 *    or free its work item; umc never touches the item after the function returned.
 *  - flush_work waits for the last queueing of that item to finish (not for the whole queue);
 *    returns false if it was idle. cancel_work_sync removes a pending instance, waits for a
 *    running one, returns whether it was pending; queueing the item while it cancels fails.
 *    flush_workqueue waits for everything queued before the call; destroy_workqueue drains
 *    (items may requeue themselves while it drains) and stops the workers.
 *    All of these sleep: never call them with a spinlock held or from a timer handler, nor
 *    for the queue or item that the calling work function itself runs on (deadlock, as in
 *    Linux).
 */
#ifndef _UMC_LINUX_WORKQUEUE_H
#define _UMC_LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/timer.h>

struct work_struct;
struct workqueue_struct;
struct umc_wq_barrier;
typedef void (*work_func_t)(struct work_struct *work);

/* work_struct.data bits (the rest holds the queue it was last queued on) */
enum {
	WORK_STRUCT_PENDING_BIT = 0, /* queued, timer armed, or claimed by cancel */
	WORK_STRUCT_CANCELING_BIT = 1, /* cancel_work_sync holds the pending bit */
	WORK_STRUCT_DELAYED_BIT = 2, /* delayed_work: waiting for its timer */
	WORK_STRUCT_FLAG_BITS = 4,
	WORK_STRUCT_PENDING = 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_CANCELING = 1 << WORK_STRUCT_CANCELING_BIT,
	WORK_STRUCT_DELAYED = 1 << WORK_STRUCT_DELAYED_BIT,
	WORK_STRUCT_FLAG_MASK = (1 << WORK_STRUCT_FLAG_BITS) - 1,
	WORK_CPU_UNBOUND = 64,
};

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	/* umc: flush_work waiters of the pending instance, and its queueing stamp (for
	 * flush_workqueue); both protected by the workqueue lock */
	struct umc_wq_barrier *umc_flushers;
	unsigned long umc_stamp;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

#define WORK_DATA_INIT() ATOMIC_LONG_INIT(0)
#define __WORK_INITIALIZER(n, f) { \
	.data = WORK_DATA_INIT(), .entry = { &(n).entry, &(n).entry }, .func = (f), \
	.umc_flushers = NULL, .umc_stamp = 0 }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)

void umc_delayed_work_timer_fn(struct timer_list *t);
#define __DELAYED_WORK_INITIALIZER(n, f, tflags) { \
	.work = __WORK_INITIALIZER((n).work, (f)), \
	.timer = __TIMER_INITIALIZER(umc_delayed_work_timer_fn, (tflags)), .wq = NULL, .cpu = 0 }
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)

static inline void __init_work(struct work_struct *work, work_func_t func)
{
	atomic_long_set(&work->data, 0);
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->umc_flushers = NULL;
	work->umc_stamp = 0;
}

#define INIT_WORK(_work, _func) __init_work((_work), (_func))
#define INIT_WORK_ONSTACK(_work, _func) __init_work((_work), (_func))
#define PREPARE_WORK(_work, _func) do { (_work)->func = (_func); } while (0)
static inline void destroy_work_on_stack(struct work_struct *work) { (void)work; }

#define INIT_DELAYED_WORK(_dwork, _func) \
	do { \
		__init_work(&(_dwork)->work, (_func)); \
		timer_setup(&(_dwork)->timer, umc_delayed_work_timer_fn, 0); \
		(_dwork)->wq = NULL; \
		(_dwork)->cpu = 0; \
	} while (0)
#define INIT_DEFERRABLE_WORK(_dwork, _func) INIT_DELAYED_WORK(_dwork, _func)
static inline void destroy_delayed_work_on_stack(struct delayed_work *work) { (void)work; }

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define work_data_bits(work) ((unsigned long *)(&(work)->data.counter))
/* work_pending - is the item queued (or its delay timer armed)? Lockless snapshot. */
#define work_pending(work) \
	((__atomic_load_n(&(work)->data.counter, __ATOMIC_RELAXED) & WORK_STRUCT_PENDING) != 0)
#define delayed_work_pending(w) work_pending(&(w)->work)

/* alloc_workqueue flags (umc: WQ_MEM_RECLAIM keeps a worker ready at all times, which umc
 * queues always do; WQ_UNBOUND, WQ_HIGHPRI, WQ_CPU_INTENSIVE, WQ_FREEZABLE and WQ_SYSFS are
 * accepted without effect: umc workers are unbound host threads) */
enum {
	WQ_UNBOUND = 1 << 1,
	WQ_FREEZABLE = 1 << 2,
	WQ_MEM_RECLAIM = 1 << 3,
	WQ_HIGHPRI = 1 << 4,
	WQ_CPU_INTENSIVE = 1 << 5,
	WQ_SYSFS = 1 << 6,
	WQ_POWER_EFFICIENT = 1 << 7,
	__WQ_DRAINING = 1 << 16,
	__WQ_ORDERED = 1 << 17,
	__WQ_LEGACY = 1 << 18,
	__WQ_ORDERED_EXPLICIT = 1 << 19,
	WQ_MAX_ACTIVE = 512,
	WQ_MAX_UNBOUND_PER_CPU = 4,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};

/*
 * alloc_workqueue - a new queue named by @fmt (printf); @max_active 0 means WQ_DFL_ACTIVE;
 * __WQ_ORDERED (or max_active 1 with WQ_UNBOUND, as Linux 6.1 treats it) makes it ordered.
 * Starts its first worker thread. Returns NULL on failure. May sleep.
 */
__printf(1, 4) struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
							int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | __WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_workqueue(name) alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name) \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) \
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

/* destroy_workqueue - drain, stop the workers, free. NULL is not allowed. Sleeps. */
void destroy_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
void flush_workqueue(struct workqueue_struct *wq);
#define __flush_workqueue(wq) flush_workqueue(wq)

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay);
/* mod_delayed_work_on - queue, or move the timer of a pending delayed item; returns whether
 * it was pending before. */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
/* cancel_work - remove a pending instance without waiting for a running one. */
bool cancel_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
/* current_work - the item the calling worker thread is running, or NULL. */
struct work_struct *current_work(void);

static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

/* System queues, created by umc_init: all concurrent (non-ordered). */
extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

#define flush_scheduled_work() flush_workqueue(system_wq)

#endif
