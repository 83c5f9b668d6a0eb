/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/wait.h - wait queues and the wait_event*() family. Implemented in umc/src/wait.c.
 *
 * Semantics are Linux 6.1's:
 *  - A wait queue head is a spinlock and a list of entries. wake_up*() walk the list under
 *    the lock and call each entry's function; exclusive entries (WQ_FLAG_EXCLUSIVE, added at
 *    the tail) count against nr_exclusive and the walk stops after that many were woken.
 *    An entry whose task was already running does not count (as try_to_wake_up() returns 0).
 *  - wait_event*(wq, condition) re-test @condition after every wake-up; the condition is
 *    evaluated with the task state set, so a wake-up between the test and the sleep is never
 *    lost. Return values:
 *      wait_event, _lock_irq, _cmd, io_wait_event: none (void)
 *      _timeout, _lock_irq_timeout: 0 if @condition is still false when the timeout elapsed,
 *          else the remaining jiffies (at least 1)
 *      _interruptible, _killable, _interruptible_lock_irq: 0, or -ERESTARTSYS if a signal
 *          (for _killable: SIGKILL) is pending
 *      _interruptible_timeout, _interruptible_lock_irq_timeout: -ERESTARTSYS, 0 on
 *          timeout, else the remaining jiffies (at least 1)
 *    Timeouts never expire early (see schedule_timeout() in linux/sched.h).
 *  - wake_up*() never block and may be called with any spinlock held except the queue's own
 *    (the *_locked forms expect it held). wait_event*() may sleep; call them without
 *    spinlocks held (the _lock_irq forms drop and retake the given lock around the sleep).
 */
#ifndef _UMC_LINUX_WAIT_H
#define _UMC_LINUX_WAIT_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/errno.h>
#include <asm/current.h>

typedef struct wait_queue_entry wait_queue_entry_t;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags,
				 void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags,
			  void *key);

#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02
#define WQ_FLAG_BOOKMARK 0x04
#define WQ_FLAG_CUSTOM 0x08
#define WQ_FLAG_DONE 0x10
#define WQ_FLAG_PRIORITY 0x20

struct wait_queue_entry {
	unsigned int flags;
	void *private;           /* the waiting task for default/autoremove functions */
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAITQUEUE_INITIALIZER(name, tsk) \
	{ .private = (tsk), .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);
#define init_waitqueue_head(wq_head) \
	do { static struct lock_class_key __key; __init_waitqueue_head((wq_head), #wq_head, &__key); } while (0)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/* waitqueue_active - lockless "anybody waiting?": needs a barrier pairing on the waker side. */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_single_sleeper(struct wait_queue_head *wq_head)
{
	return list_is_singular(&wq_head->head);
}

/* wq_has_sleeper - waitqueue_active() preceded by a full barrier. */
static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	smp_mb();
	return waitqueue_active(wq_head);
}

/* Queue manipulation with the queue's lock held by the caller. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	list_add(&wq_entry->entry, &wq_head->head);
}
static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}
static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq_head,
					      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
}
static inline void __add_wait_queue_entry_tail_exclusive(struct wait_queue_head *wq_head,
							 struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue_entry_tail(wq_head, wq_entry);
}
static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	list_del(&wq_entry->entry);
}

/* Queue manipulation taking the queue's lock. */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/* Wake-ups. @mode: task states to wake (TASK_NORMAL, TASK_INTERRUPTIBLE). */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);

#define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr) __wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x) __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x) __wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x) __wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr) __wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x) __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x) __wake_up_sync((x), TASK_INTERRUPTIBLE)
#define poll_to_key(m) ((void *)(uintptr_t)(__poll_t)(m))
#define key_to_poll(m) ((__poll_t)(uintptr_t)(void *)(m))
#define wake_up_poll(x, m) __wake_up(x, TASK_NORMAL, 1, poll_to_key(m))
#define wake_up_locked_poll(x, m) __wake_up_locked_key((x), TASK_NORMAL, poll_to_key(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, poll_to_key(m))
#define wake_up_interruptible_sync_poll(x, m) __wake_up_sync_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))
#define wake_up_interruptible_sync_poll_locked(x, m) \
	__wake_up_locked_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))

/* Manual waiting: DEFINE_WAIT + prepare_to_wait*() + schedule*() + finish_wait(). */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);

#define DEFINE_WAIT_FUNC(name, function) \
	struct wait_queue_entry name = { .private = current, .func = function, \
					 .entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

/* init_wait_entry - (re)initialise @wq_entry for current with autoremove_wake_function. */
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
#define init_wait(wait) \
	do { (wait)->private = current; (wait)->func = autoremove_wake_function; \
	     INIT_LIST_HEAD(&(wait)->entry); (wait)->flags = 0; } while (0)

/*
 * prepare_to_wait - queue @wq_entry (if not queued) and set current's state to @state.
 * prepare_to_wait_exclusive - same as an exclusive waiter at the tail; returns true if the
 * queue was empty before.
 * prepare_to_wait_event - as prepare_to_wait (exclusive if the entry says so), but if a
 * signal relevant to @state is pending, dequeue and return -ERESTARTSYS instead.
 * finish_wait - set TASK_RUNNING and dequeue @wq_entry if a waker did not already.
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			       int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/*
 * wait_woken - sleep in @mode until woken_wake_function() marked @wq_entry (or @timeout);
 * the pattern used by socket waits (sk_wait_event). Returns the remaining timeout.
 */
long wait_woken(struct wait_queue_entry *wq_entry, unsigned mode, long timeout);

/* ---- the wait_event family ------------------------------------------------------------ */

/*
 * Core loop: queue, set @state, test @cond; sleep with @sleep_cmd until @cond holds or, for
 * interruptible states, a signal arrives (result -ERESTARTSYS). Always dequeues.
 */
#define __umc_wait_event(wq_head, cond, state, exclusive, init_ret, sleep_cmd) ({ \
	struct wait_queue_entry __we; \
	long __wret = (init_ret); \
	init_wait_entry(&__we, (exclusive) ? WQ_FLAG_EXCLUSIVE : 0); \
	for (;;) { \
		long __wsig = prepare_to_wait_event(&(wq_head), &__we, (state)); \
		if (cond) \
			break; \
		if (__wsig) { /* only for states a signal may end */ \
			__wret = __wsig; \
			break; \
		} \
		sleep_cmd; \
	} \
	finish_wait(&(wq_head), &__we); \
	__wret; })

/* For timeouts: true when done (condition holds or time is up); makes a true condition
 * report at least 1 jiffy left, as the kernel does. */
#define __umc_cond_timeout(cond, ret) ({ \
	bool __c = (cond); \
	if (__c && !(ret)) \
		(ret) = 1; \
	__c || !(ret); })

#define __wait_event(wq_head, condition) \
	(void)__umc_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule())

/* wait_event - sleep (uninterruptibly) until @condition is true. */
#define wait_event(wq_head, condition) \
	do { \
		might_sleep(); \
		if (condition) \
			break; \
		__wait_event(wq_head, condition); \
	} while (0)

#define __io_wait_event(wq_head, condition) \
	(void)__umc_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, io_schedule())
#define io_wait_event(wq_head, condition) \
	do { \
		might_sleep(); \
		if (condition) \
			break; \
		__io_wait_event(wq_head, condition); \
	} while (0)

#define wait_event_idle(wq_head, condition) \
	do { \
		might_sleep(); \
		if (!(condition)) \
			(void)__umc_wait_event(wq_head, condition, TASK_IDLE, 0, 0, schedule()); \
	} while (0)
#define wait_event_idle_exclusive(wq_head, condition) \
	do { \
		might_sleep(); \
		if (!(condition)) \
			(void)__umc_wait_event(wq_head, condition, TASK_IDLE, 1, 0, schedule()); \
	} while (0)

#define __wait_event_timeout(wq_head, condition, timeout) \
	__umc_wait_event(wq_head, __umc_cond_timeout(condition, __wret), TASK_UNINTERRUPTIBLE, 0, \
			 timeout, __wret = schedule_timeout(__wret))

/* wait_event_timeout - returns 0 if @condition was false after @timeout, else jiffies left. */
#define wait_event_timeout(wq_head, condition, timeout) ({ \
	long __ret = (timeout); \
	might_sleep(); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __wait_event_timeout(wq_head, condition, __ret); \
	__ret; })

#define wait_event_idle_timeout(wq_head, condition, timeout) ({ \
	long __ret = (timeout); \
	might_sleep(); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_wait_event(wq_head, __umc_cond_timeout(condition, __wret), TASK_IDLE, 0, \
					 __ret, __wret = schedule_timeout(__wret)); \
	__ret; })

#define __wait_event_cmd(wq_head, condition, cmd1, cmd2) \
	(void)__umc_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			       do { cmd1; schedule(); cmd2; } while (0))

/* wait_event_cmd - as wait_event, running @cmd1 before and @cmd2 after each sleep. */
#define wait_event_cmd(wq_head, condition, cmd1, cmd2) \
	do { \
		if (condition) \
			break; \
		__wait_event_cmd(wq_head, condition, cmd1, cmd2); \
	} while (0)

#define wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2) \
	do { \
		if (condition) \
			break; \
		(void)__umc_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 1, 0, \
				       do { cmd1; schedule(); cmd2; } while (0)); \
	} while (0)

#define __wait_event_interruptible(wq_head, condition) \
	__umc_wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule())

/* wait_event_interruptible - 0 when @condition is true, -ERESTARTSYS on a signal. */
#define wait_event_interruptible(wq_head, condition) ({ \
	int __ret = 0; \
	might_sleep(); \
	if (!(condition)) \
		__ret = __wait_event_interruptible(wq_head, condition); \
	__ret; })

#define wait_event_interruptible_exclusive(wq_head, condition) ({ \
	int __ret = 0; \
	might_sleep(); \
	if (!(condition)) \
		__ret = __umc_wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 1, 0, schedule()); \
	__ret; })

#define __wait_event_interruptible_timeout(wq_head, condition, timeout) \
	__umc_wait_event(wq_head, __umc_cond_timeout(condition, __wret), TASK_INTERRUPTIBLE, 0, \
			 timeout, __wret = schedule_timeout(__wret))

/* wait_event_interruptible_timeout - jiffies left (>= 1), 0 on timeout, -ERESTARTSYS. */
#define wait_event_interruptible_timeout(wq_head, condition, timeout) ({ \
	long __ret = (timeout); \
	might_sleep(); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __wait_event_interruptible_timeout(wq_head, condition, __ret); \
	__ret; })

/* wait_event_killable - 0 when @condition is true, -ERESTARTSYS on SIGKILL. */
#define wait_event_killable(wq_head, condition) ({ \
	int __ret = 0; \
	might_sleep(); \
	if (!(condition)) \
		__ret = __umc_wait_event(wq_head, condition, TASK_KILLABLE, 0, 0, schedule()); \
	__ret; })

#define wait_event_killable_timeout(wq_head, condition, timeout) ({ \
	long __ret = (timeout); \
	might_sleep(); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_wait_event(wq_head, __umc_cond_timeout(condition, __wret), \
					 TASK_KILLABLE, 0, __ret, \
					 __wret = schedule_timeout(__wret)); \
	__ret; })

/* The _lock_irq forms: called and returning with @lock held; it is dropped while asleep. */
#define __wait_event_lock_irq(wq_head, condition, lock, cmd) \
	(void)__umc_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			       do { spin_unlock_irq(&(lock)); cmd; schedule(); \
				    spin_lock_irq(&(lock)); } while (0))

#define wait_event_lock_irq_cmd(wq_head, condition, lock, cmd) \
	do { \
		if (condition) \
			break; \
		__wait_event_lock_irq(wq_head, condition, lock, cmd); \
	} while (0)

#define wait_event_lock_irq(wq_head, condition, lock) \
	do { \
		if (condition) \
			break; \
		__wait_event_lock_irq(wq_head, condition, lock, ); \
	} while (0)

#define wait_event_interruptible_lock_irq_cmd(wq_head, condition, lock, cmd) ({ \
	int __ret = 0; \
	if (!(condition)) \
		__ret = __umc_wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, \
					 do { spin_unlock_irq(&(lock)); cmd; schedule(); \
					      spin_lock_irq(&(lock)); } while (0)); \
	__ret; })

#define wait_event_interruptible_lock_irq(wq_head, condition, lock) \
	wait_event_interruptible_lock_irq_cmd(wq_head, condition, lock, )

#define __umc_wait_event_lock_irq_timeout(wq_head, condition, lock, timeout, state) \
	__umc_wait_event(wq_head, __umc_cond_timeout(condition, __wret), state, 0, timeout, \
			 do { spin_unlock_irq(&(lock)); __wret = schedule_timeout(__wret); \
			      spin_lock_irq(&(lock)); } while (0))

#define wait_event_lock_irq_timeout(wq_head, condition, lock, timeout) ({ \
	long __ret = (timeout); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_wait_event_lock_irq_timeout(wq_head, condition, lock, __ret, \
							  TASK_UNINTERRUPTIBLE); \
	__ret; })

#define wait_event_interruptible_lock_irq_timeout(wq_head, condition, lock, timeout) ({ \
	long __ret = (timeout); \
	if (!__umc_cond_timeout(condition, __ret)) \
		__ret = __umc_wait_event_lock_irq_timeout(wq_head, condition, lock, __ret, \
							  TASK_INTERRUPTIBLE); \
	__ret; })

#endif
