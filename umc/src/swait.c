// SPDX-License-Identifier: GPL-2.0
/*
 * swait.c - simple wait queues (linux/swait.h). All waiters are exclusive; a woken waiter is
 * dequeued by the waker (under the queue lock), and finish_swait() takes the lock only if
 * its entry still looks queued (same publication rule as wait.c).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/swait.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

void __init_swait_queue_head(struct swait_queue_head *q, const char *name,
			     struct lock_class_key *key)
{
	raw_spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->task_list);
}

static void swait_dequeue(struct swait_queue *w)
{
	__list_del_entry(&w->task_list);
	w->task_list.prev = &w->task_list;
	__atomic_store_n(&w->task_list.next, &w->task_list, __ATOMIC_RELEASE);
}

void swake_up_locked(struct swait_queue_head *q)
{
	struct swait_queue *curr;

	if (list_empty(&q->task_list))
		return;
	curr = list_first_entry(&q->task_list, struct swait_queue, task_list);
	wake_up_process(curr->task);
	swait_dequeue(curr);
}

void swake_up_all_locked(struct swait_queue_head *q)
{
	while (!list_empty(&q->task_list))
		swake_up_locked(q);
}

void swake_up_one(struct swait_queue_head *q)
{
	raw_spin_lock(&q->lock);
	swake_up_locked(q);
	raw_spin_unlock(&q->lock);
}

void swake_up_all(struct swait_queue_head *q)
{
	raw_spin_lock(&q->lock);
	swake_up_all_locked(q);
	raw_spin_unlock(&q->lock);
}

static void enqueue_locked(struct swait_queue_head *q, struct swait_queue *wait)
{
	wait->task = current;
	if (list_empty(&wait->task_list))
		list_add_tail(&wait->task_list, &q->task_list);
}

void prepare_to_swait_exclusive(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
	raw_spin_lock(&q->lock);
	enqueue_locked(q, wait);
	set_current_state(state);
	raw_spin_unlock(&q->lock);
}

long prepare_to_swait_event(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
	long ret = 0;

	raw_spin_lock(&q->lock);
	if (signal_pending_state(state, current)) {
		/* Leave. The caller re-tests its condition before giving up, so a waiter chosen
		 * by a wake-up still consumes what it was woken for. */
		if (!list_empty(&wait->task_list))
			swait_dequeue(wait);
		ret = -ERESTARTSYS;
	} else {
		enqueue_locked(q, wait);
		set_current_state(state);
	}
	raw_spin_unlock(&q->lock);
	return ret;
}

void __finish_swait(struct swait_queue_head *q, struct swait_queue *wait)
{
	__set_current_state(TASK_RUNNING);
	if (!list_empty(&wait->task_list))
		swait_dequeue(wait);
}

void finish_swait(struct swait_queue_head *q, struct swait_queue *wait)
{
	__set_current_state(TASK_RUNNING);
	if (__atomic_load_n(&wait->task_list.next, __ATOMIC_ACQUIRE) != &wait->task_list) {
		raw_spin_lock(&q->lock);
		if (!list_empty(&wait->task_list))
			swait_dequeue(wait);
		raw_spin_unlock(&q->lock);
	}
}
