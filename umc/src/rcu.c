// SPDX-License-Identifier: GPL-2.0
/*
 * rcu.c - RCU (linux/rcupdate.h) over the provider's RCU (sys->rcu_*, liburcu in mte).
 *
 * Read-side sections map 1:1 to sys->rcu_read_lock/unlock; threads are registered by the
 * provider (umc threads) or by umc's task adoption (foreign threads). call_rcu keeps the
 * callback in head->func and passes head->sys_priv (4 pointers, reserved in
 * struct callback_head for this) as the provider's storage; callbacks run on a provider
 * thread.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <sys_service.h>

/*
 * ThreadSanitizer cannot see the provider's grace periods (liburcu synchronises through
 * uninstrumented atomics and futexes), so it would report every free after a grace period as
 * racing with the readers that finished before. Tell it what RCU guarantees: the end of each
 * read-side section happens before the end of the grace periods (synchronize_rcu returning,
 * callbacks running), and callbacks happen before rcu_barrier returns.
 */
#ifdef __SANITIZE_THREAD__
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static char rcu_tsan_readers, rcu_tsan_callbacks;
#define tsan_release(a) __tsan_release(a)
#define tsan_acquire(a) __tsan_acquire(a)
#else
#define tsan_release(a) do { } while (0)
#define tsan_acquire(a) do { } while (0)
#endif

void __rcu_read_lock(void)
{
	sys->rcu_read_lock();
}

void __rcu_read_unlock(void)
{
	tsan_release(&rcu_tsan_readers);
	sys->rcu_read_unlock();
}

void synchronize_rcu(void)
{
	might_sleep();
	sys->rcu_synchronize();
	tsan_acquire(&rcu_tsan_readers);
}

/* Every callback of this file runs through here (on a provider thread). */
static void rcu_run(sys_fn fn, void *arg)
{
	tsan_acquire(&rcu_tsan_readers);
	fn(arg);
	tsan_release(&rcu_tsan_callbacks);
}

static void rcu_call_fn(void *arg)
{
	struct rcu_head *head = arg;

	head->func(head);
}

static void rcu_trampoline(void *arg)
{
	rcu_run(rcu_call_fn, arg);
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	sys->rcu_call(head->sys_priv, rcu_trampoline, head);
}

void rcu_barrier(void)
{
	might_sleep();
	sys->rcu_barrier();
	tsan_acquire(&rcu_tsan_callbacks);
}

/* kvfree_rcu(ptr, field): head->func holds the offset of the head inside the object. */
static void kvfree_offset_fn(void *arg)
{
	struct rcu_head *head = arg;

	kvfree((char *)head - (unsigned long)head->func);
}

static void kvfree_offset_cb(void *arg)
{
	rcu_run(kvfree_offset_fn, arg);
}

/* kvfree_rcu(ptr): a separately allocated head carries the pointer. */
struct kvfree_headless {
	struct rcu_head head;
	void *ptr;
};

static void kvfree_headless_fn(void *arg)
{
	struct kvfree_headless *h = arg;

	kvfree(h->ptr);
	sys->mem_free(h);
}

static void kvfree_headless_cb(void *arg)
{
	rcu_run(kvfree_headless_fn, arg);
}

void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	struct kvfree_headless *h;

	if (head) {
		head->func = func;
		sys->rcu_call(head->sys_priv, kvfree_offset_cb, head);
		return;
	}
	/* One-argument form: may sleep, as in Linux (kvfree_rcu_mightsleep). */
	h = sys->mem_alloc(sizeof(*h), 0, "kvfree_rcu");
	if (h) {
		h->ptr = (void *)func;
		sys->rcu_call(h->head.sys_priv, kvfree_headless_cb, h);
		return;
	}
	synchronize_rcu();
	kvfree((void *)func);
}
