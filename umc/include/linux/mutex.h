/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mutex.h - sleeping mutual exclusion lock. Implemented in umc/src/mutex.c.
 *
 * Contract (Linux 6.1):
 *  - mutex_lock() may sleep (TASK_UNINTERRUPTIBLE); never call it with a spinlock held.
 *  - mutex_lock_interruptible() returns 0 with the lock held, or -EINTR (lock not held) when
 *    a signal is pending on entry or arrives while waiting; mutex_lock_killable() likewise for
 *    fatal signals (SIGKILL) only.
 *  - mutex_trylock() returns 1 if it took the lock, 0 otherwise; it never sleeps.
 *  - Only the owner may unlock (checked: a foreign unlock is reported with WARN_ONCE). Not
 *    recursive. mutex_is_locked() is a snapshot.
 *  - Fast path: one compare-and-swap; contended waiters queue in FIFO order and sleep with
 *    schedule(), so a signal (send_sig) wakes an interruptible waiter at once.
 *  - *_nested() and *_nest_lock() take the lock (the subclass is a lockdep annotation).
 */
#ifndef _UMC_LINUX_MUTEX_H
#define _UMC_LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>
#include <linux/atomic.h>

struct task_struct;

struct mutex {
	unsigned int state;         /* 0 free, 1 held, 2 held with (possible) waiters */
	spinlock_t wait_lock;       /* protects wait_list */
	struct task_struct *owner;  /* the holder (written by it after acquiring) */
	struct list_head wait_list; /* struct umc_mutex_waiter, FIFO */
};

#define __MUTEX_INITIALIZER(lockname) \
	{ .state = 0, .wait_lock = __SPIN_LOCK_UNLOCKED(lockname.wait_lock), .owner = NULL, \
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list) }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#define mutex_init(mutex) \
	do { static struct lock_class_key __key; __mutex_init((mutex), #mutex, &__key); } while (0)
#define mutex_destroy(mutex) do { (void)(mutex); } while (0)

void mutex_lock(struct mutex *lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);

#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_nest_lock(lock, nest_lock) mutex_lock(lock)
#define mutex_lock_io_nested(lock, subclass) mutex_lock_io(lock)

/*
 * atomic_dec_and_mutex_lock - decrement @cnt; if it reached 0 return 1 with @lock held,
 * else 0 without it. May sleep.
 */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

enum mutex_trylock_recursive_enum { MUTEX_TRYLOCK_FAILED = 0, MUTEX_TRYLOCK_SUCCESS = 1,
				    MUTEX_TRYLOCK_RECURSIVE };

#endif
