// SPDX-License-Identifier: GPL-2.0
/*
 * timer.c - kernel timers (linux/timer.h) on one umc timer base.
 *
 * Pending timers form a pairing heap (min-heap on expires, intrusive: timer_list carries
 * first-child / next-sibling / prev links, so arming never allocates and a timer needs no
 * destructor). One kthread, "ktimers", sleeps on the futex base.wake_seq until the earliest
 * deadline and runs expired handlers one at a time with no lock held. Arming a timer that
 * becomes the earliest bumps wake_seq and wakes ktimers if it sleeps past the new deadline.
 * base.running names the timer whose handler runs; timer_delete_sync sleeps on base.done_seq,
 * which ktimers bumps after each handler when sync waiters are registered.
 *
 * jiffies is the monotonic clock in ms (linux/jiffies.h). As with Linux's timer wheel, whose
 * buckets round the expiry up to the next tick, a handler runs once time_after(jiffies,
 * expires) holds: from monotonic_ns >= (expires + 1) * NSEC_PER_JIFFY on, never earlier.
 * Callers rely on it: DRBD's request timer re-arms for the exact jiffy a request becomes late
 * and then checks time_after(now, that jiffy).
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <umc/umc.h>
#include <sys_service.h>

static struct {
	spinlock_t lock;
	struct timer_list *root;    /* pairing heap of pending timers */
	struct timer_list *running; /* timer whose handler runs now */
	u32 wake_seq;               /* futex: ktimers sleeps on it */
	bool sleeping;              /* ktimers sleeps (or is about to) until sleep_deadline */
	u64 sleep_deadline;         /* ns; U64_MAX: no timer pending */
	u32 done_seq;               /* futex: timer_delete_sync waiters sleep on it */
	unsigned int sync_waiters;
	bool stop;
	struct task_struct *thread;
} base = { .lock = __SPIN_LOCK_UNLOCKED(base.lock) };

/* ---- pairing heap (base.lock held) ---- */

static struct timer_list *heap_meld(struct timer_list *a, struct timer_list *b)
{
	struct timer_list *t;

	if (!a)
		return b;
	if (!b)
		return a;
	if (b->expires < a->expires) {
		t = a;
		a = b;
		b = t;
	}
	/* b becomes the first child of a */
	b->umc_next = a->umc_child;
	if (a->umc_child)
		a->umc_child->umc_prev = b;
	b->umc_prev = a;
	a->umc_child = b;
	return a;
}

/* Meld a sibling list into one heap: pair left to right, then meld right to left. */
static struct timer_list *heap_merge_pairs(struct timer_list *first)
{
	struct timer_list *stack = NULL, *root = NULL, *a, *b;

	while (first) {
		a = first;
		b = a->umc_next;
		first = b ? b->umc_next : NULL;
		a->umc_next = a->umc_prev = NULL;
		if (b)
			b->umc_next = b->umc_prev = NULL;
		a = heap_meld(a, b);
		a->umc_next = stack; /* push */
		stack = a;
	}
	while (stack) {
		a = stack;
		stack = a->umc_next;
		a->umc_next = NULL;
		root = heap_meld(root, a);
	}
	return root;
}

static void heap_insert(struct timer_list *t)
{
	t->umc_child = t->umc_next = t->umc_prev = NULL;
	base.root = heap_meld(base.root, t);
}

static void heap_remove(struct timer_list *t)
{
	struct timer_list *sub;

	if (t == base.root) {
		base.root = heap_merge_pairs(t->umc_child);
	} else {
		if (t->umc_prev->umc_child == t)
			t->umc_prev->umc_child = t->umc_next; /* t was the first child */
		else
			t->umc_prev->umc_next = t->umc_next;
		if (t->umc_next)
			t->umc_next->umc_prev = t->umc_prev;
		sub = heap_merge_pairs(t->umc_child);
		base.root = heap_meld(base.root, sub);
	}
	t->umc_child = t->umc_next = t->umc_prev = NULL;
}

/* ---- arming and disarming (base.lock held) ---- */

/* the start of the first tick after @expires, in monotonic ns (U64_MAX: not representable) */
static u64 expires_to_ns(unsigned long expires)
{
	if (expires >= U64_MAX / NSEC_PER_JIFFY)
		return U64_MAX;
	return ((u64)expires + 1) * NSEC_PER_JIFFY;
}

static void detach(struct timer_list *t)
{
	heap_remove(t);
	__atomic_store_n(&t->umc_pending, 0, __ATOMIC_RELAXED);
}

static void arm(struct timer_list *t, unsigned long expires)
{
	if (t->umc_pending)
		heap_remove(t);
	WRITE_ONCE(t->expires, expires);
	heap_insert(t);
	__atomic_store_n(&t->umc_pending, 1, __ATOMIC_RELAXED);
	if (base.root == t && base.sleeping && expires_to_ns(expires) < base.sleep_deadline) {
		base.sleeping = false;
		__atomic_add_fetch(&base.wake_seq, 1, __ATOMIC_RELEASE);
		sys->futex_wake(&base.wake_seq, 1);
	}
}

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key)
{
	(void)name;
	(void)key;
	timer->umc_child = timer->umc_next = timer->umc_prev = NULL;
	timer->function = func;
	timer->flags = flags & ~TIMER_CPUMASK;
	__atomic_store_n(&timer->umc_pending, 0, __ATOMIC_RELAXED);
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;
	int was;

	/* Linux's shortcut: re-arming for the same time changes nothing. */
	if (timer_pending(timer) && READ_ONCE(timer->expires) == expires)
		return 1;
	spin_lock_irqsave(&base.lock, flags);
	was = timer->umc_pending;
	arm(timer, expires);
	spin_unlock_irqrestore(&base.lock, flags);
	return was;
}

int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&base.lock, flags);
	was = timer->umc_pending;
	if (was)
		arm(timer, expires);
	spin_unlock_irqrestore(&base.lock, flags);
	return was;
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&base.lock, flags);
	was = timer->umc_pending;
	if (!was || expires < timer->expires)
		arm(timer, expires);
	spin_unlock_irqrestore(&base.lock, flags);
	return was;
}

void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	mod_timer(timer, timer->expires);
}

int timer_delete(struct timer_list *timer)
{
	unsigned long flags;
	int was = 0;

	if (!timer_pending(timer))
		return 0;
	spin_lock_irqsave(&base.lock, flags);
	if (timer->umc_pending) {
		detach(timer);
		was = 1;
	}
	spin_unlock_irqrestore(&base.lock, flags);
	return was;
}

int try_to_del_timer_sync(struct timer_list *timer)
{
	unsigned long flags;
	int ret = -1;

	spin_lock_irqsave(&base.lock, flags);
	if (base.running != timer) {
		ret = timer->umc_pending;
		if (ret)
			detach(timer);
	}
	spin_unlock_irqrestore(&base.lock, flags);
	return ret;
}

int timer_delete_sync(struct timer_list *timer)
{
	unsigned long flags;
	int ret;
	u32 seq;

	if (current == base.thread) {
		/* From a timer handler: Linux would deadlock on its own handler. */
		WARN_ON_ONCE(base.running == timer);
		return timer_delete(timer);
	}
	might_sleep();
	spin_lock_irqsave(&base.lock, flags);
	while (base.running == timer) {
		seq = __atomic_load_n(&base.done_seq, __ATOMIC_RELAXED);
		base.sync_waiters++;
		spin_unlock_irqrestore(&base.lock, flags);
		sys->futex_wait(&base.done_seq, seq, 0);
		spin_lock_irqsave(&base.lock, flags);
		base.sync_waiters--;
	}
	/* The handler may have re-armed the timer while we waited. */
	ret = timer->umc_pending;
	if (ret)
		detach(timer);
	spin_unlock_irqrestore(&base.lock, flags);
	return ret;
}

/* ---- the timer thread ---- */

static int ktimers_fn(void *unused)
{
	struct timer_list *t;
	void (*fn)(struct timer_list *);
	u64 now, deadline;
	u32 seq;

	(void)unused;
	spin_lock_irq(&base.lock);
	while (!base.stop) {
		t = base.root;
		now = sys->time_monotonic_ns();
		if (t && expires_to_ns(t->expires) <= now) {
			detach(t);
			base.running = t;
			fn = t->function;
			spin_unlock_irq(&base.lock);
			fn(t);
			spin_lock_irq(&base.lock);
			base.running = NULL;
			if (base.sync_waiters) {
				__atomic_add_fetch(&base.done_seq, 1, __ATOMIC_RELEASE);
				sys->futex_wake(&base.done_seq, INT_MAX);
			}
			continue;
		}
		deadline = t ? expires_to_ns(t->expires) : U64_MAX;
		seq = __atomic_load_n(&base.wake_seq, __ATOMIC_RELAXED);
		base.sleeping = true;
		base.sleep_deadline = deadline;
		spin_unlock_irq(&base.lock);
		/* 0 = no deadline (also for "never": expires beyond the u64 ns range) */
		sys->futex_wait(&base.wake_seq, seq, deadline == U64_MAX ? 0 : deadline);
		spin_lock_irq(&base.lock);
		base.sleeping = false;
	}
	spin_unlock_irq(&base.lock);
	return 0;
}

int umc_timer_init(void)
{
	struct task_struct *k;

	base.root = NULL;
	base.running = NULL;
	base.sleeping = false;
	base.stop = false;
	base.sync_waiters = 0;
	k = kthread_run(ktimers_fn, NULL, "ktimers");
	if (IS_ERR(k)) {
		pr_err("umc: cannot start the timer thread: %ld\n", PTR_ERR(k));
		return PTR_ERR(k);
	}
	get_task_struct(k); /* ktimers returns on base.stop, before kthread_stop */
	base.thread = k;
	return 0;
}

void umc_timer_exit(void)
{
	unsigned long flags;
	unsigned int left = 0;
	struct timer_list *t;

	if (!base.thread)
		return;
	spin_lock_irqsave(&base.lock, flags);
	base.stop = true;
	__atomic_add_fetch(&base.wake_seq, 1, __ATOMIC_RELEASE);
	sys->futex_wake(&base.wake_seq, 1);
	/* Timers still pending never fire; forget them so that their memory may go. */
	while ((t = base.root)) {
		detach(t);
		left++;
	}
	spin_unlock_irqrestore(&base.lock, flags);
	kthread_stop(base.thread);
	put_task_struct(base.thread);
	base.thread = NULL;
	if (left)
		pr_warn("umc: %u timers were still pending at exit\n", left);
}
