// SPDX-License-Identifier: GPL-2.0
/*
 * rcu.c - RCU on liburcu's memb flavour (membarrier-based readers: no fences on the read
 * side). rcu_call stores a struct rcu_head plus the caller's fn/arg in the 4-pointer area the
 * caller provides; callbacks run on liburcu's call_rcu thread, which is registered with the
 * flavour by liburcu itself.
 */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>

#include "mte_internal.h"

struct mte_rcu_head {
	struct rcu_head head;
	sys_fn fn;
	void *arg;
};
_Static_assert(sizeof(struct mte_rcu_head) <= 4 * sizeof(void *),
	       "rcu_call head area is 4 pointers (sys_service.h)");

/* ThreadSanitizer: read-side sections "release" into this object at unlock, a grace period
 * "acquires" it, so frees after synchronize are ordered after the readers' accesses. */
static char rcu_tsan_gp;
/* callbacks release into this object when done; rcu_barrier acquires it */
static char rcu_tsan_barrier;

void mte_rcu_register(void)
{
	urcu_memb_register_thread();
}

void mte_rcu_unregister(void)
{
	urcu_memb_unregister_thread();
}

void mte_rcu_read_lock(void)
{
	urcu_memb_read_lock();
}

void mte_rcu_read_unlock(void)
{
	MTE_TSAN_RELEASE(&rcu_tsan_gp);
	urcu_memb_read_unlock();
}

void mte_rcu_synchronize(void)
{
	urcu_memb_synchronize_rcu();
	MTE_TSAN_ACQUIRE(&rcu_tsan_gp);
}

static void rcu_trampoline(struct rcu_head *head)
{
	struct mte_rcu_head *h = (struct mte_rcu_head *)head;
	MTE_TSAN_ACQUIRE(h);
	MTE_TSAN_ACQUIRE(&rcu_tsan_gp);
	h->fn(h->arg);
	MTE_TSAN_RELEASE(&rcu_tsan_barrier);
}

void mte_rcu_call(void *head, sys_fn fn, void *arg)
{
	struct mte_rcu_head *h = head;
	h->fn = fn;
	h->arg = arg;
	MTE_TSAN_RELEASE(h);
	urcu_memb_call_rcu(&h->head, rcu_trampoline);
}

void mte_rcu_barrier(void)
{
	urcu_memb_barrier();
	MTE_TSAN_ACQUIRE(&rcu_tsan_barrier);
}
