// SPDX-License-Identifier: GPL-2.0
/*
 * event_loop.c - event loops (one epoll thread each), tasks and fd watches.
 *
 * Loop thread: run the pending tasks (FIFO), then the expired timers, then epoll_wait: with
 * timeout 0 if tasks are still pending, else until an fd, the eventfd (new task, stop) or the
 * timerfd (earliest timer deadline) is ready. fd watches are level-triggered; a disabled
 * watch is removed from the epoll set (epoll would report HUP/ERR even for an empty mask).
 *
 * The eventfd is written only when the loop sleeps and nobody wrote it yet for this sleep,
 * so a busy loop takes task hand-offs without a syscall.
 *
 * Destroying an fd watch from another thread while the loop is in epoll_wait: the returned
 * event array may already point at the watch, so the destroyer waits for that epoll_wait to
 * return (poll_epoch) and then clears matching entries before the loop dispatches them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "mte_loop.h"

struct sys_event_task {
	struct mte_list node;
	struct sys_event_loop *loop;
	sys_fn fn;
	void *arg;
	bool pending;
};

struct sys_event_fd {
	struct sys_event_loop *loop;
	int fd;
	uint32_t events;   /* enabled SYS_EV_* mask */
	bool registered;   /* in the epoll set */
	sys_fd_fn fn;
	void *arg;
};

static __thread struct sys_event_loop *current_loop;
static struct sys_event_loop *default_loop, *aio_loop;

struct sys_event_loop *mte_current_loop(void)
{
	return current_loop;
}

struct sys_event_loop *mte_default_loop(void)
{
	return default_loop;
}

struct sys_event_loop *mte_aio_loop(void)
{
	return aio_loop;
}

struct sys_event_loop *mte_loop_or_default(struct sys_event_loop *loop)
{
	return loop ? loop : default_loop;
}

static inline void list_init(struct mte_list *l)
{
	l->prev = l->next = l;
}

static inline void list_add_tail(struct mte_list *n, struct mte_list *head)
{
	n->prev = head->prev;
	n->next = head;
	head->prev->next = n;
	head->prev = n;
}

static inline void list_del(struct mte_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->prev = n->next = n;
}

static inline void lock(struct sys_event_loop *loop)
{
	pthread_mutex_lock(&loop->lock);
}

static inline void unlock(struct sys_event_loop *loop)
{
	pthread_mutex_unlock(&loop->lock);
}

void mte_loop_wait_idle(struct sys_event_loop *loop, const void *obj)
{
	while (loop->running == obj && current_loop != loop) {
		uint32_t seq = __atomic_load_n(&loop->done_seq, __ATOMIC_RELAXED);
		loop->waiters++;
		unlock(loop);
		mte_futex_wait(&loop->done_seq, seq, 0);
		lock(loop);
		loop->waiters--;
	}
}

void mte_loop_callback_done(struct sys_event_loop *loop)
{
	__atomic_add_fetch(&loop->done_seq, 1, __ATOMIC_RELEASE);
	if (loop->waiters)
		mte_futex_wake(&loop->done_seq, INT_MAX);
}

bool mte_loop_need_kick(struct sys_event_loop *loop)
{
	if (!loop->sleeping || loop->woken)
		return false;
	loop->woken = true;
	return true;
}

void mte_loop_kick(struct sys_event_loop *loop)
{
	uint64_t one = 1;
	while (write(loop->evfd, &one, sizeof(one)) < 0 && errno == EINTR)
		;
}

static void drain_fd(int fd)
{
	uint64_t v;
	while (read(fd, &v, sizeof(v)) < 0 && errno == EINTR)
		;
}

/* Run up to a batch of pending tasks. Lock held. */
static void run_tasks(struct sys_event_loop *loop)
{
	for (int budget = 64; budget > 0 && loop->tasks.next != &loop->tasks; budget--) {
		struct sys_event_task *t = (struct sys_event_task *)loop->tasks.next;
		list_del(&t->node);
		t->pending = false;
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

static void dispatch_events(struct sys_event_loop *loop)
{
	for (int i = 0; i < loop->nevents; i++) {
		void *p = loop->events[i].data.ptr;
		if (!p)
			continue; /* watch destroyed meanwhile */
		if (p == &loop->evfd_tag) {
			drain_fd(loop->evfd);
			continue;
		}
		if (p == &loop->tfd_tag) {
			drain_fd(loop->tfd);
			mte_timers_fd_fired(loop);
			continue;
		}
		struct sys_event_fd *w = p;
		uint32_t rev = loop->events[i].events & (w->events | SYS_EV_ERR | SYS_EV_HUP);
		if (!w->events || !rev)
			continue;
		loop->running = w;
		sys_fd_fn fn = w->fn;
		void *arg = w->arg;
		unlock(loop);
		fn(arg, rev); /* may destroy w */
		lock(loop);
		loop->running = NULL;
		mte_loop_callback_done(loop);
	}
	loop->nevents = 0;
}

static void loop_main(void *arg)
{
	struct sys_event_loop *loop = arg;
	current_loop = loop;
	lock(loop);
	while (!loop->stop) {
		run_tasks(loop);
		mte_timers_run_expired(loop);
		if (loop->stop)
			break;
		bool idle = loop->tasks.next == &loop->tasks;
		if (idle)
			mte_timers_program(loop);
		loop->polling = true;
		loop->sleeping = idle;
		unlock(loop);
		int n = epoll_wait(loop->epfd, loop->events, MTE_LOOP_EVENTS, idle ? -1 : 0);
		int err = errno;
		lock(loop);
		loop->polling = false;
		loop->sleeping = false;
		loop->woken = false;
		loop->nevents = n > 0 ? n : 0;
		__atomic_add_fetch(&loop->poll_epoch, 1, __ATOMIC_RELEASE);
		if (loop->poll_waiters)
			mte_futex_wake(&loop->poll_epoch, INT_MAX);
		if (n < 0 && err != EINTR) {
			char msg[96];
			snprintf(msg, sizeof(msg), "event loop %s: epoll_wait: %s", loop->name,
				 strerror(err));
			mte_panic(msg);
		}
		dispatch_events(loop);
	}
	unlock(loop);
	current_loop = NULL;
}

static int epoll_add_internal(struct sys_event_loop *loop, int fd, void *tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = tag };
	return epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

int mte_event_loop_create(struct sys_event_loop **out, const char *name)
{
	struct sys_event_loop *loop = mte_mem_zalloc(sizeof(*loop), 64, "mte.loop");
	int rc;
	if (!loop)
		return -ENOMEM;
	pthread_mutex_init(&loop->lock, NULL);
	list_init(&loop->tasks);
	snprintf(loop->name, sizeof(loop->name), "%s", name ? name : "mte_loop");
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	loop->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	loop->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (loop->epfd < 0 || loop->evfd < 0 || loop->tfd < 0) {
		rc = -errno;
		goto fail;
	}
	rc = epoll_add_internal(loop, loop->evfd, &loop->evfd_tag);
	if (!rc)
		rc = epoll_add_internal(loop, loop->tfd, &loop->tfd_tag);
	if (!rc)
		rc = mte_thread_create(&loop->thread, loop->name, loop_main, loop);
	if (rc)
		goto fail;
	*out = loop;
	return 0;
fail:
	if (loop->epfd >= 0)
		close(loop->epfd);
	if (loop->evfd >= 0)
		close(loop->evfd);
	if (loop->tfd >= 0)
		close(loop->tfd);
	pthread_mutex_destroy(&loop->lock);
	mte_mem_free(loop);
	return rc;
}

void mte_event_loop_destroy(struct sys_event_loop *loop)
{
	if (!loop)
		return;
	if (current_loop == loop)
		mte_panic("event_loop_destroy called on the loop's own thread");
	lock(loop);
	if (loop->tasks.next != &loop->tasks || loop->ntimers)
		MTE_LOG(SYS_LOG_ERR, "event loop %s destroyed with %s still attached", loop->name,
			loop->ntimers ? "timers" : "pending tasks");
	loop->stop = true;
	bool kick = mte_loop_need_kick(loop) || loop->polling;
	unlock(loop);
	if (kick)
		mte_loop_kick(loop);
	mte_thread_join(loop->thread);
	close(loop->epfd);
	close(loop->evfd);
	close(loop->tfd);
	pthread_mutex_destroy(&loop->lock);
	mte_mem_free(loop->heap);
	mte_mem_free(loop);
}

/* ---------------------------------------------------------------------------- tasks */

int mte_task_create(struct sys_event_task **out, struct sys_event_loop *loop, sys_fn fn,
		    void *arg)
{
	struct sys_event_task *t = mte_mem_zalloc(sizeof(*t), 0, "mte.task");
	if (!t)
		return -ENOMEM;
	list_init(&t->node);
	t->loop = mte_loop_or_default(loop);
	t->fn = fn;
	t->arg = arg;
	*out = t;
	return 0;
}

bool mte_task_schedule(struct sys_event_task *t)
{
	struct sys_event_loop *loop = t->loop;
	bool kick = false, was_idle;
	lock(loop);
	was_idle = !t->pending;
	if (was_idle) {
		t->pending = true;
		list_add_tail(&t->node, &loop->tasks);
		kick = mte_loop_need_kick(loop);
	}
	unlock(loop);
	if (kick)
		mte_loop_kick(loop);
	return was_idle;
}

bool mte_task_cancel_sync(struct sys_event_task *t)
{
	struct sys_event_loop *loop = t->loop;
	lock(loop);
	bool was = t->pending;
	if (was) {
		list_del(&t->node);
		t->pending = false;
	}
	mte_loop_wait_idle(loop, t);
	/* the callback that was running may have scheduled the task again: unschedule that too */
	if (t->pending) {
		list_del(&t->node);
		t->pending = false;
	}
	unlock(loop);
	return was;
}

void mte_task_destroy(struct sys_event_task *t)
{
	if (!t)
		return;
	mte_task_cancel_sync(t);
	mte_mem_free(t);
}

/* ------------------------------------------------------------------------- fd watches */

int mte_fd_watch_create(struct sys_event_fd **out, struct sys_event_loop *loop, int fd,
			sys_fd_fn fn, void *arg)
{
	struct sys_event_fd *w = mte_mem_zalloc(sizeof(*w), 0, "mte.fdwatch");
	if (!w)
		return -ENOMEM;
	w->loop = mte_loop_or_default(loop);
	w->fd = fd;
	w->fn = fn;
	w->arg = arg;
	/* surface epoll's verdict on the fd now (EBADF, EPERM for regular files) */
	struct epoll_event ev = { .events = 0, .data.ptr = w };
	if (epoll_ctl(w->loop->epfd, EPOLL_CTL_ADD, fd, &ev)) {
		int rc = -errno;
		mte_mem_free(w);
		return rc;
	}
	epoll_ctl(w->loop->epfd, EPOLL_CTL_DEL, fd, NULL);
	*out = w;
	return 0;
}

int mte_fd_watch_enable(struct sys_event_fd *w, uint32_t events)
{
	struct sys_event_loop *loop = w->loop;
	int rc = 0;
	lock(loop);
	if (!events) {
		if (w->registered && epoll_ctl(loop->epfd, EPOLL_CTL_DEL, w->fd, NULL))
			rc = -errno;
		w->registered = false;
	} else {
		struct epoll_event ev = { .events = events, .data.ptr = w };
		if (epoll_ctl(loop->epfd, w->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, w->fd,
			      &ev))
			rc = -errno;
		else
			w->registered = true;
	}
	w->events = rc ? 0 : events;
	unlock(loop);
	return rc;
}

void mte_fd_watch_disable_sync(struct sys_event_fd *w)
{
	struct sys_event_loop *loop = w->loop;
	lock(loop);
	w->events = 0;
	if (w->registered)
		epoll_ctl(loop->epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->registered = false;
	mte_loop_wait_idle(loop, w);
	unlock(loop);
}

void mte_fd_watch_destroy(struct sys_event_fd *w)
{
	if (!w)
		return;
	struct sys_event_loop *loop = w->loop;
	mte_fd_watch_disable_sync(w);
	lock(loop);
	/* an epoll_wait in progress may return this watch: let that one return (later ones
	 * cannot, the fd is out of the set), then forget the entries */
	uint32_t seq = __atomic_load_n(&loop->poll_epoch, __ATOMIC_RELAXED);
	while (loop->polling && current_loop != loop &&
	       __atomic_load_n(&loop->poll_epoch, __ATOMIC_RELAXED) == seq) {
		bool kick = mte_loop_need_kick(loop);
		loop->poll_waiters++;
		unlock(loop);
		if (kick)
			mte_loop_kick(loop);
		mte_futex_wait(&loop->poll_epoch, seq, 0);
		lock(loop);
		loop->poll_waiters--;
	}
	for (int i = 0; i < loop->nevents; i++)
		if (loop->events[i].data.ptr == w)
			loop->events[i].data.ptr = NULL;
	unlock(loop);
	mte_mem_free(w);
}

/* ------------------------------------------------------------------- provider loops */

int mte_loops_start(void)
{
	int rc = mte_event_loop_create(&default_loop, "mte_loop");
	if (rc)
		return rc;
	rc = mte_event_loop_create(&aio_loop, "mte_aio");
	if (rc) {
		mte_event_loop_destroy(default_loop);
		default_loop = NULL;
	}
	return rc;
}

void mte_loops_stop(void)
{
	mte_event_loop_destroy(aio_loop);
	mte_event_loop_destroy(default_loop);
	aio_loop = default_loop = NULL;
}
