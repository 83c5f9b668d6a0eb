// SPDX-License-Identifier: GPL-2.0
/*
 * workqueue.c - workqueues (linux/workqueue.h).
 *
 * Every queue owns its worker kthreads (named after the queue). All queue, worker and work
 * state changes happen under one spinlock, wq_lock. Idle workers sleep on their own futex
 * word (worker->wake); whoever waits for something else (flush_work, cancel_work_sync,
 * flush_workqueue, drain, a concurrent cancel) sleeps on the global futex word wq_event_seq
 * and re-checks its condition under wq_lock whenever a work item finishes or is removed.
 *
 * Work item state: work->data holds the queue it was last queued on plus the PENDING,
 * CANCELING and DELAYED bits. PENDING is set under wq_lock when the item is queued (or its
 * delay timer armed, or a canceler claims it) and cleared under wq_lock with a full-barrier
 * read-modify-write just before the function runs. queue_work's lockless "already pending"
 * test is also a read-modify-write, so when it returns false the pending instance is ordered
 * after everything the caller did before.
 *
 * Per-item exactness: a flush_work waiter attaches a barrier to the item (pending instance)
 * or to the worker running it (running instance); the worker moves the item's barriers to
 * itself when it starts the item and completes them when the function returns, without ever
 * touching the item afterwards (the function may have freed it). flush_workqueue waits until
 * no item queued up to its call (queueing stamps) is queued or running.
 *
 * Concurrency: a non-ordered queue keeps one worker idle whenever it can (spawned by the
 * worker that just became busy, never by queue_work), up to max_active workers, so a
 * sleeping item never blocks the others. Like Linux, an item never runs on two workers of
 * one queue at once: a collision is handed to the worker already running it.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <umc/umc.h>
#include <sys_service.h>

#define WQ_NAME_LEN 32

struct umc_wq_barrier {
	struct umc_wq_barrier *next;
	bool done;
};

struct umc_worker {
	struct workqueue_struct *wq;
	struct task_struct *task;
	struct list_head node;      /* wq->workers */
	struct list_head idle_node; /* wq->idle, while idle */
	struct list_head busy_node; /* busy_workers, while running an item */
	struct list_head scheduled; /* items that collided with the one running here */
	struct work_struct *current_work;
	work_func_t current_func;
	unsigned long current_stamp;
	struct umc_wq_barrier *flushers; /* waiting for the running instance */
	u32 wake;                   /* futex: sleeps on it while idle */
	bool idle;
	bool stop;
};

struct workqueue_struct {
	char name[WQ_NAME_LEN];
	unsigned int flags;
	int max_active;
	struct list_head pending;   /* queued items, FIFO */
	struct list_head workers;
	struct list_head idle;      /* idle workers */
	int nr_workers, nr_idle, nr_spawning, nr_running;
	unsigned long stamp;        /* stamp of the last queued item */
	int draining;
	bool destroying;
};

static DEFINE_SPINLOCK(wq_lock);
static LIST_HEAD(busy_workers);
static u32 wq_event_seq;
static unsigned int wq_event_waiters;
static int wq_live;

struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;
struct workqueue_struct *system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq;

/* ---- helpers (wq_lock held unless said otherwise) ---- */

static unsigned long work_data(struct work_struct *work)
{
	return (unsigned long)__atomic_load_n(&work->data.counter, __ATOMIC_RELAXED);
}

static void set_work_data(struct work_struct *work, struct workqueue_struct *wq,
			  unsigned long bits)
{
	__atomic_store_n(&work->data.counter, (long)((unsigned long)wq | bits), __ATOMIC_SEQ_CST);
}

static struct workqueue_struct *work_wq(struct work_struct *work)
{
	return (struct workqueue_struct *)(work_data(work) & ~(unsigned long)WORK_STRUCT_FLAG_MASK);
}

/* Sleep on wq_event_seq once; the caller re-checks its condition. */
static void wq_wait(void)
{
	u32 seq = __atomic_load_n(&wq_event_seq, __ATOMIC_RELAXED);

	wq_event_waiters++;
	spin_unlock(&wq_lock);
	sys->futex_wait(&wq_event_seq, seq, 0);
	spin_lock(&wq_lock);
	wq_event_waiters--;
}

static void wq_event(void)
{
	if (wq_event_waiters) {
		__atomic_add_fetch(&wq_event_seq, 1, __ATOMIC_RELEASE);
		sys->futex_wake(&wq_event_seq, INT_MAX);
	}
}

static void complete_barriers(struct umc_wq_barrier *b)
{
	for (; b; b = b->next)
		b->done = true;
}

static void wait_barrier(struct umc_wq_barrier *b)
{
	while (!b->done)
		wq_wait();
}

/* The worker of any queue running @work now (same function: the memory was not reused). */
static struct umc_worker *find_busy_worker(struct work_struct *work)
{
	struct umc_worker *w;

	list_for_each_entry(w, &busy_workers, busy_node)
		if (w->current_work == work && w->current_func == work->func)
			return w;
	return NULL;
}

static struct umc_worker *find_wq_worker_running(struct workqueue_struct *wq,
						 struct work_struct *work)
{
	struct umc_worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work == work && w->current_func == work->func)
			return w;
	return NULL;
}

static struct umc_worker *current_worker(void)
{
	struct task_struct *me = current;
	struct umc_worker *w;

	list_for_each_entry(w, &busy_workers, busy_node)
		if (w->task == me)
			return w;
	return NULL;
}

static void wake_worker(struct workqueue_struct *wq)
{
	struct umc_worker *w;

	if (!wq->nr_idle)
		return; /* all busy: the next one to finish picks the item up */
	w = list_first_entry(&wq->idle, struct umc_worker, idle_node);
	list_del(&w->idle_node);
	wq->nr_idle--;
	w->idle = false;
	__atomic_add_fetch(&w->wake, 1, __ATOMIC_RELEASE);
	sys->futex_wake(&w->wake, 1);
}

static void insert_work(struct workqueue_struct *wq, struct work_struct *work)
{
	work->umc_stamp = ++wq->stamp;
	list_add_tail(&work->entry, &wq->pending);
	wake_worker(wq);
}

/* Queue @work (not pending) on @wq. */
static bool __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (unlikely(wq->draining || wq->destroying)) {
		struct umc_worker *w = current_worker();

		/* While draining, only the queue's own items may requeue (Linux's rule). */
		if (WARN_ON_ONCE(!w || w->wq != wq || wq->destroying))
			return false;
	}
	set_work_data(work, wq, WORK_STRUCT_PENDING);
	insert_work(wq, work);
	return true;
}

/* ---- workers ---- */

static int worker_fn(void *arg);

/* Start one worker for @wq (wq->nr_spawning was raised by the caller). May sleep. */
static int start_worker(struct workqueue_struct *wq)
{
	struct umc_worker *w = kzalloc(sizeof(*w), GFP_KERNEL);
	struct task_struct *task;

	if (w) {
		w->wq = wq;
		INIT_LIST_HEAD(&w->scheduled);
		INIT_LIST_HEAD(&w->idle_node);
		INIT_LIST_HEAD(&w->busy_node);
		task = kthread_create(worker_fn, w, "%s", wq->name);
		if (IS_ERR(task)) {
			kfree(w);
			w = NULL;
		} else {
			/* our reference: destroy_workqueue's kthread_stop may come after the
			 * worker returned */
			get_task_struct(task);
			w->task = task;
		}
	}
	spin_lock(&wq_lock);
	wq->nr_spawning--;
	if (w) {
		list_add_tail(&w->node, &wq->workers);
		wq->nr_workers++;
	}
	spin_unlock(&wq_lock);
	if (!w) {
		pr_err_once("umc: cannot start a worker for workqueue %s\n", wq->name);
		return -ENOMEM;
	}
	wake_up_process(w->task);
	return 0;
}

/* Run @work on @w: wq_lock held on entry and on return, dropped around the function. */
static void process_one(struct umc_worker *w, struct work_struct *work)
{
	struct workqueue_struct *wq = w->wq;
	struct umc_wq_barrier *b, **tail;
	bool spawn;

	list_del_init(&work->entry);
	w->current_work = work;
	w->current_func = work->func;
	w->current_stamp = work->umc_stamp;
	/* barriers of the pending instance now wait for this run */
	for (tail = &w->flushers; *tail; tail = &(*tail)->next)
		;
	*tail = work->umc_flushers;
	work->umc_flushers = NULL;
	list_add(&w->busy_node, &busy_workers);
	wq->nr_running++;
	__atomic_fetch_and(&work->data.counter, ~(long)WORK_STRUCT_PENDING, __ATOMIC_SEQ_CST);
	spawn = !wq->nr_idle && !wq->nr_spawning && !wq->destroying &&
		wq->nr_workers < wq->max_active;
	if (spawn)
		wq->nr_spawning++;
	spin_unlock(&wq_lock);

	if (spawn)
		start_worker(wq);
	w->current_func(work);

	spin_lock(&wq_lock);
	list_del_init(&w->busy_node);
	wq->nr_running--;
	w->current_work = NULL;
	w->current_func = NULL;
	b = w->flushers;
	w->flushers = NULL;
	complete_barriers(b);
	wq_event();
}

static int worker_fn(void *arg)
{
	struct umc_worker *w = arg;
	struct workqueue_struct *wq = w->wq;
	struct umc_worker *other;
	struct work_struct *work;
	u32 seq;

	spin_lock(&wq_lock);
	for (;;) {
		if (w->idle) { /* woken spuriously or to stop: leave the idle list */
			list_del_init(&w->idle_node);
			wq->nr_idle--;
			w->idle = false;
		}
		if (!list_empty(&w->scheduled)) {
			work = list_first_entry(&w->scheduled, struct work_struct, entry);
		} else if (!list_empty(&wq->pending)) {
			work = list_first_entry(&wq->pending, struct work_struct, entry);
			other = find_wq_worker_running(wq, work);
			if (other && other != w) {
				list_move_tail(&work->entry, &other->scheduled);
				continue;
			}
		} else {
			if (w->stop)
				break;
			seq = __atomic_load_n(&w->wake, __ATOMIC_RELAXED);
			w->idle = true;
			list_add(&w->idle_node, &wq->idle);
			wq->nr_idle++;
			spin_unlock(&wq_lock);
			sys->futex_wait(&w->wake, seq, 0);
			spin_lock(&wq_lock);
			continue;
		}
		process_one(w, work);
	}
	spin_unlock(&wq_lock);
	return 0;
}

/* ---- queues ---- */

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list args;

	might_sleep();
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return NULL;
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	if ((flags & WQ_UNBOUND) && max_active == 1)
		flags |= __WQ_ORDERED;
	if (flags & __WQ_ORDERED)
		max_active = 1;
	if (max_active <= 0)
		max_active = WQ_DFL_ACTIVE;
	if (max_active > WQ_MAX_ACTIVE)
		max_active = WQ_MAX_ACTIVE;
	wq->flags = flags;
	wq->max_active = max_active;
	INIT_LIST_HEAD(&wq->pending);
	INIT_LIST_HEAD(&wq->workers);
	INIT_LIST_HEAD(&wq->idle);
	wq->nr_spawning = 1;
	if (start_worker(wq)) {
		kfree(wq);
		return NULL;
	}
	spin_lock(&wq_lock);
	wq_live++;
	spin_unlock(&wq_lock);
	return wq;
}

/* Lowest stamp of an item of @wq that is queued or running; ULONG_MAX if none. */
static unsigned long wq_min_inflight(struct workqueue_struct *wq)
{
	unsigned long min = ULONG_MAX;
	struct work_struct *work;
	struct umc_worker *w;

	if (!list_empty(&wq->pending)) {
		work = list_first_entry(&wq->pending, struct work_struct, entry);
		min = work->umc_stamp;
	}
	list_for_each_entry(w, &wq->workers, node) {
		if (w->current_work && w->current_stamp < min)
			min = w->current_stamp;
		if (!list_empty(&w->scheduled)) {
			work = list_first_entry(&w->scheduled, struct work_struct, entry);
			if (work->umc_stamp < min)
				min = work->umc_stamp;
		}
	}
	return min;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long target;

	might_sleep();
	spin_lock(&wq_lock);
	target = wq->stamp;
	while (wq_min_inflight(wq) <= target)
		wq_wait();
	spin_unlock(&wq_lock);
}

void drain_workqueue(struct workqueue_struct *wq)
{
	might_sleep();
	spin_lock(&wq_lock);
	wq->draining++;
	while (wq_min_inflight(wq) != ULONG_MAX)
		wq_wait();
	wq->draining--;
	spin_unlock(&wq_lock);
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	struct umc_worker *w, *n;

	drain_workqueue(wq);
	spin_lock(&wq_lock);
	wq->destroying = true;
	/* Drained: no item runs, so no worker is being started any more. */
	WARN_ON(wq->nr_spawning || wq->nr_running);
	list_for_each_entry(w, &wq->workers, node) {
		w->stop = true;
		__atomic_add_fetch(&w->wake, 1, __ATOMIC_RELEASE);
		sys->futex_wake(&w->wake, 1);
	}
	wq_live--;
	spin_unlock(&wq_lock);
	list_for_each_entry_safe(w, n, &wq->workers, node) {
		kthread_stop(w->task);
		put_task_struct(w->task);
		kfree(w);
	}
	kfree(wq);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	bool ret = false;

	(void)cpu;
	/* A read-modify-write, not a load: see the file comment. */
	if (__atomic_fetch_or(&work->data.counter, 0, __ATOMIC_SEQ_CST) & WORK_STRUCT_PENDING)
		return false;
	spin_lock(&wq_lock);
	if (!(work_data(work) & WORK_STRUCT_PENDING))
		ret = __queue_work(wq, work);
	spin_unlock(&wq_lock);
	return ret;
}

/* ---- per-item flush and cancel ---- */

bool flush_work(struct work_struct *work)
{
	struct umc_wq_barrier b = { .next = NULL, .done = false };
	unsigned long data;
	struct umc_worker *w;

	might_sleep();
	spin_lock(&wq_lock);
	data = work_data(work);
	if ((data & WORK_STRUCT_PENDING) &&
	    !(data & (WORK_STRUCT_CANCELING | WORK_STRUCT_DELAYED))) {
		b.next = work->umc_flushers; /* the pending instance */
		work->umc_flushers = &b;
	} else if ((w = find_busy_worker(work))) {
		b.next = w->flushers; /* the running instance */
		w->flushers = &b;
	} else {
		spin_unlock(&wq_lock);
		return false;
	}
	wait_barrier(&b);
	spin_unlock(&wq_lock);
	return true;
}

/* Take a pending instance off its queue or timer (lock held); true if there was one. */
static bool grab_pending(struct work_struct *work)
{
	unsigned long data = work_data(work);

	if (!(data & WORK_STRUCT_PENDING))
		return false;
	if (data & WORK_STRUCT_DELAYED) {
		/* If the timer already fired, its handler finds DELAYED cleared and does nothing. */
		timer_delete(&to_delayed_work(work)->timer);
	} else {
		list_del_init(&work->entry);
		/* flush_work waiters of a cancelled instance have nothing left to wait for */
		complete_barriers(work->umc_flushers);
		work->umc_flushers = NULL;
	}
	set_work_data(work, work_wq(work), 0);
	wq_event(); /* flush_workqueue/drain waiters may be done now */
	return true;
}

static bool __cancel_work(struct work_struct *work, bool sync)
{
	struct umc_wq_barrier b;
	struct umc_worker *w;
	bool ret;

	spin_lock(&wq_lock);
	/* Another cancel_work_sync owns the item: wait for it, as Linux does. */
	while (work_data(work) & WORK_STRUCT_CANCELING)
		wq_wait();
	ret = grab_pending(work);
	if (sync) {
		/* Claim the pending bit so that nobody queues the item while we wait. */
		set_work_data(work, work_wq(work), WORK_STRUCT_PENDING | WORK_STRUCT_CANCELING);
		while ((w = find_busy_worker(work)) && w->task != current) {
			b.done = false;
			b.next = w->flushers;
			w->flushers = &b;
			wait_barrier(&b);
		}
		set_work_data(work, work_wq(work), 0);
		wq_event();
	}
	spin_unlock(&wq_lock);
	return ret;
}

bool cancel_work_sync(struct work_struct *work)
{
	might_sleep();
	return __cancel_work(work, true);
}

bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

struct work_struct *current_work(void)
{
	struct umc_worker *w;
	struct work_struct *work = NULL;

	spin_lock(&wq_lock);
	w = current_worker();
	if (w)
		work = w->current_work;
	spin_unlock(&wq_lock);
	return work;
}

/* ---- delayed work ---- */

void umc_delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);
	struct work_struct *work = &dwork->work;

	spin_lock(&wq_lock);
	/* Not ours if cancelled meanwhile (DELAYED cleared) or re-armed (timer pending again). */
	if ((work_data(work) & WORK_STRUCT_DELAYED) && !timer_pending(t)) {
		set_work_data(work, dwork->wq, WORK_STRUCT_PENDING);
		insert_work(dwork->wq, work);
	}
	spin_unlock(&wq_lock);
}

/* Queue @dwork (not pending) after @delay jiffies (lock held). */
static void __queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				 unsigned long delay)
{
	if (!delay) {
		__queue_work(wq, &dwork->work);
		return;
	}
	dwork->wq = wq;
	set_work_data(&dwork->work, wq, WORK_STRUCT_PENDING | WORK_STRUCT_DELAYED);
	mod_timer(&dwork->timer, jiffies + delay);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	bool ret = false;

	(void)cpu;
	spin_lock(&wq_lock);
	if (!(work_data(&dwork->work) & WORK_STRUCT_PENDING)) {
		__queue_delayed_work(wq, dwork, delay);
		ret = true;
	}
	spin_unlock(&wq_lock);
	return ret;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay)
{
	struct work_struct *work = &dwork->work;
	unsigned long data;
	bool ret = false;

	(void)cpu;
	spin_lock(&wq_lock);
	data = work_data(work);
	if (data & WORK_STRUCT_CANCELING)
		goto out; /* being cancelled: nothing to modify (Linux returns false too) */
	if (data & WORK_STRUCT_PENDING) {
		ret = true;
		if (data & WORK_STRUCT_DELAYED)
			timer_delete(&dwork->timer);
		else
			list_del_init(&work->entry); /* keep flush_work waiters: it is requeued */
		set_work_data(work, work_wq(work), 0);
	}
	__queue_delayed_work(wq, dwork, delay);
out:
	spin_unlock(&wq_lock);
	return ret;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	struct work_struct *work = &dwork->work;

	spin_lock(&wq_lock);
	if (work_data(work) & WORK_STRUCT_DELAYED) {
		timer_delete(&dwork->timer);
		set_work_data(work, dwork->wq, WORK_STRUCT_PENDING);
		insert_work(dwork->wq, work);
	}
	spin_unlock(&wq_lock);
	return flush_work(work);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	might_sleep();
	return __cancel_work(&dwork->work, true);
}

/* ---- system queues ---- */

int umc_workqueue_init(void)
{
	system_wq = alloc_workqueue("events", 0, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_MAX_ACTIVE);
	if (!system_wq || !system_long_wq || !system_unbound_wq) {
		umc_workqueue_exit();
		return -ENOMEM;
	}
	/* umc workers are unbound, never frozen and have no priorities: same queue. */
	system_highpri_wq = system_wq;
	system_freezable_wq = system_wq;
	system_power_efficient_wq = system_wq;
	return 0;
}

void umc_workqueue_exit(void)
{
	struct workqueue_struct **q[] = { &system_wq, &system_long_wq, &system_unbound_wq };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(q); i++) {
		if (*q[i])
			destroy_workqueue(*q[i]);
		*q[i] = NULL;
	}
	system_highpri_wq = system_freezable_wq = system_power_efficient_wq = NULL;
	spin_lock(&wq_lock);
	if (wq_live)
		pr_warn("umc: %d workqueues were not destroyed before exit\n", wq_live);
	spin_unlock(&wq_lock);
}
