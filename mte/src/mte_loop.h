/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mte_loop.h - the event loop object shared by event_loop.c (tasks, fd watches, the loop
 * thread) and timer.c (the per-loop timer heap).
 *
 * Locking: everything in struct sys_event_loop except the fds and `name` is protected by
 * `lock`. Callbacks run without the lock, one at a time, on the loop thread; `running` names
 * the task, fd watch or timer whose callback runs. The loop never touches that object after
 * its callback returned, so a callback may destroy (free) its own task, watch or timer, as
 * kernel work items and timers may. A thread that must wait for a running callback sleeps on
 * the futex word `done_seq`, which the loop bumps after every callback (and wakes only when
 * `waiters` is non-zero).
 */
#ifndef MTE_LOOP_H
#define MTE_LOOP_H

#include <pthread.h>
#include <sys/epoll.h>

#include "mte_internal.h"

#define MTE_LOOP_EVENTS 64

struct mte_list {
	struct mte_list *prev, *next;
};

struct sys_event_loop {
	pthread_mutex_t lock;
	int epfd, evfd, tfd;
	struct sys_thread *thread;
	char name[16];
	bool stop;
	bool sleeping;      /* in epoll_wait that only an event, the eventfd or timerfd ends */
	bool woken;         /* an eventfd write is outstanding for this sleep */
	bool polling;       /* in epoll_wait (the events array is being filled without lock) */
	struct mte_list tasks; /* pending tasks, FIFO */
	const void *running;   /* object whose callback runs now, NULL between callbacks */
	uint32_t done_seq;  /* futex: bumped after each callback */
	uint32_t waiters;   /* threads sleeping on done_seq */
	uint32_t poll_epoch;  /* futex: bumped when an epoll_wait returned */
	uint32_t poll_waiters;
	struct epoll_event events[MTE_LOOP_EVENTS];
	int nevents;        /* valid entries of events[] being dispatched */
	/* timers (timer.c) */
	struct sys_timer **heap;
	size_t nheap, heap_cap, ntimers;
	uint64_t tfd_deadline; /* deadline the timerfd is programmed to, 0 = none */
	char evfd_tag, tfd_tag;  /* epoll data.ptr markers for the internal fds */
};

struct sys_event_loop *mte_loop_or_default(struct sys_event_loop *loop);
/* lock held: wait until @obj's callback is not running (not when called on the loop's own
 * thread: there it is either not running or the caller is that callback) */
void mte_loop_wait_idle(struct sys_event_loop *loop, const void *obj);
/* lock held: a callback finished; wake cancel_sync waiters */
void mte_loop_callback_done(struct sys_event_loop *loop);
/* lock held: make a sleeping loop thread return from epoll_wait; returns true if the caller
 * must write the eventfd after unlocking (mte_loop_kick) */
bool mte_loop_need_kick(struct sys_event_loop *loop);
void mte_loop_kick(struct sys_event_loop *loop);

/* timer.c, lock held */
void mte_timers_run_expired(struct sys_event_loop *loop);
/* program the timerfd for the earliest deadline before the loop sleeps */
void mte_timers_program(struct sys_event_loop *loop);
void mte_timers_fd_fired(struct sys_event_loop *loop);

#endif /* MTE_LOOP_H */
