// SPDX-License-Identifier: GPL-2.0
/*
 * mutex.c - sleeping mutexes (linux/mutex.h).
 *
 * state: 0 free, 1 held, 2 held and the wait list may be non-empty. The fast path is one CAS
 * 0 -> 1. A contended locker queues itself (FIFO, under wait_lock), then loops: exchange the
 * state with 2 (acquired if it was 0), else set its task state and schedule(). Unlocking a
 * state-2 mutex wakes the first queued waiter. While the list is non-empty the state stays
 * 2, so every unlock wakes somebody; a waiter that leaves because of a signal passes the
 * wake-up on to the next one, so none is lost. Waiters sleep with schedule(), which is what
 * lets send_sig() interrupt mutex_lock_interruptible().
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>

struct umc_mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->state = 0;
	spin_lock_init(&lock->wait_lock);
	lock->owner = NULL;
	INIT_LIST_HEAD(&lock->wait_list);
}

static inline bool mutex_try_fast(struct mutex *lock)
{
	unsigned int free = 0;

	return __atomic_compare_exchange_n(&lock->state, &free, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void mutex_set_owner(struct mutex *lock)
{
	__atomic_store_n(&lock->owner, current, __ATOMIC_RELAXED);
}

/* Wake the first waiter; wait_lock held. */
static void wake_first_waiter(struct mutex *lock)
{
	struct umc_mutex_waiter *w;

	if (list_empty(&lock->wait_list))
		return;
	w = list_first_entry(&lock->wait_list, struct umc_mutex_waiter, list);
	wake_up_process(w->task);
}

/*
 * Slow path. @state: TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE.
 * Returns 0 with the lock held or -EINTR.
 */
static int mutex_lock_slow(struct mutex *lock, unsigned int state)
{
	struct umc_mutex_waiter waiter = { .task = current };
	int ret = 0;

	spin_lock(&lock->wait_lock);
	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		if (__atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE) == 0)
			break;
		if (signal_pending_state(state, waiter.task)) {
			ret = -EINTR;
			break;
		}
		set_current_state(state);
		spin_unlock(&lock->wait_lock);
		schedule();
		spin_lock(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	list_del(&waiter.list);
	if (ret) {
		/* We may have consumed the wake-up meant to hand the lock on. */
		if (__atomic_load_n(&lock->state, __ATOMIC_SEQ_CST) == 0)
			wake_first_waiter(lock);
	} else {
		if (list_empty(&lock->wait_list))
			__atomic_store_n(&lock->state, 1, __ATOMIC_RELAXED);
		mutex_set_owner(lock);
	}
	spin_unlock(&lock->wait_lock);
	return ret;
}

void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (likely(mutex_try_fast(lock))) {
		mutex_set_owner(lock);
		return;
	}
	mutex_lock_slow(lock, TASK_UNINTERRUPTIBLE);
}

void mutex_lock_io(struct mutex *lock)
{
	mutex_lock(lock);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	might_sleep();
	if (likely(mutex_try_fast(lock))) {
		mutex_set_owner(lock);
		return 0;
	}
	return mutex_lock_slow(lock, TASK_INTERRUPTIBLE);
}

int mutex_lock_killable(struct mutex *lock)
{
	might_sleep();
	if (likely(mutex_try_fast(lock))) {
		mutex_set_owner(lock);
		return 0;
	}
	return mutex_lock_slow(lock, TASK_KILLABLE);
}

int mutex_trylock(struct mutex *lock)
{
	if (!mutex_try_fast(lock))
		return 0;
	mutex_set_owner(lock);
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	WARN_ONCE(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != current,
		  "mutex_unlock by a task that does not own the mutex");
	__atomic_store_n(&lock->owner, NULL, __ATOMIC_RELAXED);
	if (likely(__atomic_exchange_n(&lock->state, 0, __ATOMIC_RELEASE) == 1))
		return;
	spin_lock(&lock->wait_lock);
	wake_first_waiter(lock);
	spin_unlock(&lock->wait_lock);
}

bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0;
}

int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	if (atomic_add_unless(cnt, -1, 1))
		return 0;
	mutex_lock(lock);
	if (!atomic_dec_and_test(cnt)) {
		mutex_unlock(lock);
		return 0;
	}
	return 1;
}
