// SPDX-License-Identifier: GPL-2.0
/*
 * completion.c - completions (linux/completion.h) on a simple wait queue.
 *
 * done counts complete() calls not yet consumed (UINT_MAX: complete_all()). Waiters queue
 * under the queue lock and sleep with schedule_timeout(); complete() wakes and dequeues the
 * first waiter. Whoever finds done != 0 under the lock consumes one, also a waiter whose
 * sleep ended by timeout or signal at the same moment, so no complete() is ever lost.
 * `done` is accessed atomically because completion_done()/try_wait_for_completion() peek at
 * it without the lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

static inline unsigned int done_read(struct completion *x)
{
	return __atomic_load_n(&x->done, __ATOMIC_RELAXED);
}

static inline void done_write(struct completion *x, unsigned int v)
{
	__atomic_store_n(&x->done, v, __ATOMIC_RELAXED);
}

void complete(struct completion *x)
{
	raw_spin_lock(&x->wait.lock);
	if (done_read(x) != UINT_MAX)
		done_write(x, done_read(x) + 1);
	swake_up_locked(&x->wait);
	raw_spin_unlock(&x->wait.lock);
}

void complete_all(struct completion *x)
{
	raw_spin_lock(&x->wait.lock);
	done_write(x, UINT_MAX);
	swake_up_all_locked(&x->wait);
	raw_spin_unlock(&x->wait.lock);
}

/*
 * Wait in @state for at most @timeout jiffies. Returns the jiffies left (>= 1; @timeout itself
 * for MAX_SCHEDULE_TIMEOUT) after consuming a completion, 0 on timeout, -ERESTARTSYS if a
 * signal relevant to @state arrived first.
 */
static long wait_common(struct completion *x, long timeout, unsigned int state)
{
	struct swait_queue wait;

	might_sleep();
	raw_spin_lock(&x->wait.lock);
	if (!done_read(x)) {
		wait.task = current;
		INIT_LIST_HEAD(&wait.task_list);
		do {
			if (signal_pending_state(state, wait.task)) {
				timeout = -ERESTARTSYS;
				break;
			}
			if (list_empty(&wait.task_list))
				list_add_tail(&wait.task_list, &x->wait.task_list);
			set_current_state(state);
			raw_spin_unlock(&x->wait.lock);
			timeout = schedule_timeout(timeout);
			raw_spin_lock(&x->wait.lock);
		} while (!done_read(x) && timeout);
		__finish_swait(&x->wait, &wait);
		if (!done_read(x)) {
			raw_spin_unlock(&x->wait.lock);
			return timeout;
		}
	}
	if (done_read(x) != UINT_MAX)
		done_write(x, done_read(x) - 1);
	raw_spin_unlock(&x->wait.lock);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	wait_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

void wait_for_completion_io(struct completion *x)
{
	wait_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return wait_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	return wait_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? (int)t : 0;
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return wait_common(x, timeout, TASK_INTERRUPTIBLE);
}

int wait_for_completion_killable(struct completion *x)
{
	long t = wait_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);

	return t == -ERESTARTSYS ? (int)t : 0;
}

int wait_for_completion_state(struct completion *x, unsigned int state)
{
	long t = wait_common(x, MAX_SCHEDULE_TIMEOUT, state);

	return t == -ERESTARTSYS ? (int)t : 0;
}

long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
	return wait_common(x, timeout, TASK_KILLABLE);
}

bool try_wait_for_completion(struct completion *x)
{
	bool ret = true;

	if (!done_read(x))
		return false;
	raw_spin_lock(&x->wait.lock);
	if (!done_read(x))
		ret = false;
	else if (done_read(x) != UINT_MAX)
		done_write(x, done_read(x) - 1);
	raw_spin_unlock(&x->wait.lock);
	return ret;
}

bool completion_done(struct completion *x)
{
	if (!done_read(x))
		return false;
	/* Let a complete() that is still waking its waiter finish before the caller frees @x. */
	raw_spin_lock(&x->wait.lock);
	raw_spin_unlock(&x->wait.lock);
	return true;
}
