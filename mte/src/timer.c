// SPDX-License-Identifier: GPL-2.0
/*
 * timer.c - one-shot timers: a binary min-heap of deadlines per loop (arm, cancel and fire
 * are O(log n)), driven by the loop's timerfd programmed with an absolute CLOCK_MONOTONIC
 * deadline. A timer runs only when the monotonic clock read on the loop thread is at or
 * past its deadline, so it can never fire early.
 *
 * The heap array always has room for every timer created on the loop (grown in
 * timer_create), so timer_arm never allocates and never fails.
 */
#include <string.h>
#include <sys/timerfd.h>

#include "mte_loop.h"

struct sys_timer {
	struct sys_event_loop *loop;
	sys_fn fn;
	void *arg;
	uint64_t deadline;
	size_t idx;    /* position in loop->heap, NOT_QUEUED when not pending */
};

#define NOT_QUEUED SIZE_MAX

static inline void lock(struct sys_event_loop *loop)
{
	pthread_mutex_lock(&loop->lock);
}

static inline void unlock(struct sys_event_loop *loop)
{
	pthread_mutex_unlock(&loop->lock);
}

static inline void heap_set(struct sys_event_loop *loop, size_t i, struct sys_timer *t)
{
	loop->heap[i] = t;
	t->idx = i;
}

static void sift_up(struct sys_event_loop *loop, size_t i)
{
	struct sys_timer *t = loop->heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (loop->heap[parent]->deadline <= t->deadline)
			break;
		heap_set(loop, i, loop->heap[parent]);
		i = parent;
	}
	heap_set(loop, i, t);
}

static void sift_down(struct sys_event_loop *loop, size_t i)
{
	struct sys_timer *t = loop->heap[i];
	size_t n = loop->nheap;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && loop->heap[c + 1]->deadline < loop->heap[c]->deadline)
			c++;
		if (t->deadline <= loop->heap[c]->deadline)
			break;
		heap_set(loop, i, loop->heap[c]);
		i = c;
	}
	heap_set(loop, i, t);
}

static void heap_remove(struct sys_event_loop *loop, struct sys_timer *t)
{
	size_t i = t->idx;
	struct sys_timer *last = loop->heap[--loop->nheap];
	t->idx = NOT_QUEUED;
	if (last == t)
		return;
	heap_set(loop, i, last);
	if (i > 0 && loop->heap[(i - 1) / 2]->deadline > last->deadline)
		sift_up(loop, i);
	else
		sift_down(loop, i);
}

static void tfd_program(struct sys_event_loop *loop, uint64_t deadline)
{
	struct itimerspec its = { 0 };
	its.it_value.tv_sec = (time_t)(deadline / 1000000000u);
	its.it_value.tv_nsec = (long)(deadline % 1000000000u);
	if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
		its.it_value.tv_nsec = 1; /* 0 would disarm */
	if (timerfd_settime(loop->tfd, TFD_TIMER_ABSTIME, &its, NULL))
		mte_panic("timerfd_settime failed");
	loop->tfd_deadline = deadline ? deadline : 1;
}

void mte_timers_program(struct sys_event_loop *loop)
{
	if (!loop->nheap)
		return;
	uint64_t d = loop->heap[0]->deadline;
	if (loop->tfd_deadline != d)
		tfd_program(loop, d);
}

void mte_timers_fd_fired(struct sys_event_loop *loop)
{
	loop->tfd_deadline = 0;
}

void mte_timers_run_expired(struct sys_event_loop *loop)
{
	uint64_t now = mte_time_monotonic_ns();
	for (int budget = 64; budget > 0 && loop->nheap; budget--) {
		struct sys_timer *t = loop->heap[0];
		if (t->deadline > now) {
			now = mte_time_monotonic_ns();
			if (t->deadline > now)
				break;
		}
		heap_remove(loop, t);
		loop->running = t;
		sys_fn fn = t->fn;
		void *arg = t->arg;
		unlock(loop);
		fn(arg); /* may free t */
		lock(loop);
		loop->running = NULL;
		mte_loop_callback_done(loop);
	}
}

int mte_timer_create(struct sys_timer **out, struct sys_event_loop *loop, sys_fn fn, void *arg)
{
	struct sys_timer *t = mte_mem_zalloc(sizeof(*t), 0, "mte.timer");
	if (!t)
		return -ENOMEM;
	loop = mte_loop_or_default(loop);
	t->loop = loop;
	t->fn = fn;
	t->arg = arg;
	t->idx = NOT_QUEUED;
	lock(loop);
	while (loop->ntimers + 1 > loop->heap_cap) {
		size_t cap = loop->heap_cap ? 2 * loop->heap_cap : 16;
		unlock(loop);
		struct sys_timer **heap = mte_mem_alloc(cap * sizeof(*heap), 0, "mte.timerheap");
		if (!heap) {
			mte_mem_free(t);
			return -ENOMEM;
		}
		lock(loop);
		struct sys_timer **old = NULL;
		if (cap > loop->heap_cap) {
			if (loop->nheap)
				memcpy(heap, loop->heap, loop->nheap * sizeof(*heap));
			old = loop->heap;
			loop->heap = heap;
			loop->heap_cap = cap;
		} else {
			old = heap; /* someone else grew it meanwhile */
		}
		unlock(loop);
		mte_mem_free(old);
		lock(loop);
	}
	loop->ntimers++;
	unlock(loop);
	*out = t;
	return 0;
}

bool mte_timer_arm(struct sys_timer *t, uint64_t deadline_ns)
{
	struct sys_event_loop *loop = t->loop;
	lock(loop);
	bool was = t->idx != NOT_QUEUED;
	uint64_t old = t->deadline;
	t->deadline = deadline_ns;
	if (was) {
		if (deadline_ns < old)
			sift_up(loop, t->idx);
		else
			sift_down(loop, t->idx);
	} else {
		loop->heap[loop->nheap++] = t;
		sift_up(loop, loop->nheap - 1);
	}
	/* a sleeping loop waits for the timerfd: bring it forward if this is now the earliest */
	if (loop->sleeping && t->idx == 0 &&
	    (!loop->tfd_deadline || deadline_ns < loop->tfd_deadline))
		tfd_program(loop, deadline_ns);
	unlock(loop);
	return was;
}

bool mte_timer_cancel(struct sys_timer *t)
{
	struct sys_event_loop *loop = t->loop;
	lock(loop);
	bool was = t->idx != NOT_QUEUED;
	if (was)
		heap_remove(loop, t);
	unlock(loop);
	return was;
}

bool mte_timer_cancel_sync(struct sys_timer *t)
{
	struct sys_event_loop *loop = t->loop;
	lock(loop);
	bool was = t->idx != NOT_QUEUED;
	if (was)
		heap_remove(loop, t);
	mte_loop_wait_idle(loop, t);
	/* the callback that was running may have re-armed the timer (as del_timer_sync allows):
	 * disarm that too, or a destroyed timer would stay in the heap */
	if (t->idx != NOT_QUEUED)
		heap_remove(loop, t);
	unlock(loop);
	return was;
}

bool mte_timer_pending(struct sys_timer *t)
{
	struct sys_event_loop *loop = t->loop;
	lock(loop);
	bool was = t->idx != NOT_QUEUED;
	unlock(loop);
	return was;
}

void mte_timer_destroy(struct sys_timer *t)
{
	if (!t)
		return;
	struct sys_event_loop *loop = t->loop;
	mte_timer_cancel_sync(t);
	lock(loop);
	loop->ntimers--;
	unlock(loop);
	mte_mem_free(t);
}
