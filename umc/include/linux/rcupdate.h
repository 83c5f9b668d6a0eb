/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/rcupdate.h - RCU (umc/src/rcu.c, over the provider's RCU: sys->rcu_*).
 *
 * Readers: rcu_read_lock()/rcu_read_unlock() nest, never sleep, and may be used on any thread
 * that umc created or that announced itself (sys->thread_register; umc's task adoption does
 * this for foreign threads). The _bh and _sched flavours are the same section: as in Linux
 * since 4.20, one grace period covers all of them. A reader must not sleep.
 * Pointers: rcu_dereference*() is an acquire load (so that ThreadSanitizer sees the ordering
 * Linux gets from address dependencies); rcu_assign_pointer() is a release store.
 * Updaters: synchronize_rcu() sleeps until every reader that started before it has finished;
 * it must not be called inside a read-side section. call_rcu() never sleeps; its callback runs
 * on a provider thread after a grace period and must not sleep for long. rcu_barrier() waits
 * for all callbacks queued before it. kvfree_rcu(ptr, field) never sleeps; the one-argument
 * kvfree_rcu(ptr) may sleep (it falls back to synchronize_rcu() when it cannot allocate).
 */
#ifndef _UMC_LINUX_RCUPDATE_H
#define _UMC_LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/build_bug.h>
#include <asm/barrier.h>
/* drbd-block addition: Linux's rcupdate.h reaches kernel.h (IS_ALIGNED...) through
 * cpumask.h; drbd_interval.c (rbtree_augmented.h -> rbtree.h -> rcupdate.h) relies on it */
#include <linux/kernel.h>

void __rcu_read_lock(void);
void __rcu_read_unlock(void);

static inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

static inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

#define rcu_read_lock_bh() rcu_read_lock()
#define rcu_read_unlock_bh() rcu_read_unlock()
#define rcu_read_lock_sched() rcu_read_lock()
#define rcu_read_unlock_sched() rcu_read_unlock()
#define rcu_read_lock_sched_notrace() rcu_read_lock()
#define rcu_read_unlock_sched_notrace() rcu_read_unlock()

/* Lock-dependency checking is not built (as a Linux kernel without CONFIG_PROVE_RCU). */
#define rcu_read_lock_held() 1
#define rcu_read_lock_bh_held() 1
#define rcu_read_lock_sched_held() 1
#define rcu_read_lock_any_held() 1
#define rcu_is_watching() true
#define RCU_LOCKDEP_WARN(c, s) do { } while (0)
#define rcu_lockdep_assert(c, s) do { } while (0)

#define RCU_INITIALIZER(v) (typeof(*(v)) __force __rcu *)(v)

/* Reader side: an acquire load of the RCU-protected pointer. */
#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_dereference_check(p, c) rcu_dereference(p)
#define rcu_dereference_bh(p) rcu_dereference(p)
#define rcu_dereference_sched(p) rcu_dereference(p)
#define rcu_dereference_bh_check(p, c) rcu_dereference(p)
#define rcu_dereference_sched_check(p, c) rcu_dereference(p)
#define rcu_dereference_raw(p) rcu_dereference(p)
#define rcu_dereference_raw_check(p) rcu_dereference(p)
/* Update side (the update lock is held): no ordering needed. */
#define rcu_dereference_protected(p, c) __atomic_load_n(&(p), __ATOMIC_RELAXED)
/* The pointer's value only (not dereferenced). */
#define rcu_access_pointer(p) __atomic_load_n(&(p), __ATOMIC_RELAXED)
#define unrcu_pointer(p) (p)
#define rcu_pointer_handoff(p) (p)

/* Publish: everything written to *v before is visible to readers that see v. */
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (typeof(p))(v), __ATOMIC_RELEASE)
/* Initialise without ordering: NULL, or a structure that readers cannot see yet. */
#define RCU_INIT_POINTER(p, v) __atomic_store_n(&(p), (typeof(p))(v), __ATOMIC_RELAXED)
#define rcu_replace_pointer(rcu_ptr, ptr, c) ({ \
	typeof(ptr) __rcu_tmp = rcu_dereference_protected((rcu_ptr), (c)); \
	rcu_assign_pointer((rcu_ptr), (ptr)); \
	__rcu_tmp; })

void synchronize_rcu(void);
#define synchronize_rcu_expedited() synchronize_rcu()
#define synchronize_rcu_bh() synchronize_rcu()
#define synchronize_sched() synchronize_rcu()
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);

static inline void init_rcu_head(struct rcu_head *head) { (void)head; }
static inline void destroy_rcu_head(struct rcu_head *head) { (void)head; }
static inline void init_rcu_head_on_stack(struct rcu_head *head) { (void)head; }
static inline void destroy_rcu_head_on_stack(struct rcu_head *head) { (void)head; }

/*
 * kvfree_call_rcu - free memory from kmalloc/kvmalloc/vmalloc after a grace period.
 * @head != NULL: @head lies inside the object, and @func is not a function but the offset of
 * @head inside it (the two-argument kvfree_rcu below); never sleeps.
 * @head == NULL: @func is the object pointer itself (one-argument form); may sleep.
 */
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func);

#define __kvfree_rcu_offset_ok(off) ((off) < 4096)

#define kvfree_rcu_arg_2(ptr, rhf) \
	do { \
		typeof(ptr) ___p = (ptr); \
		BUILD_BUG_ON(!__kvfree_rcu_offset_ok(offsetof(typeof(*(ptr)), rhf))); \
		if (___p) \
			kvfree_call_rcu(&___p->rhf, \
					(rcu_callback_t)(unsigned long)offsetof(typeof(*(ptr)), rhf)); \
	} while (0)

#define kvfree_rcu_arg_1(ptr) \
	do { \
		typeof(ptr) ___p = (ptr); \
		if (___p) \
			kvfree_call_rcu(NULL, (rcu_callback_t)(void *)(___p)); \
	} while (0)

#define __KVFREE_RCU_PICK(_1, _2, NAME, ...) NAME
/* kvfree_rcu(ptr, rcu_head_field) or kvfree_rcu(ptr); kfree_rcu is the same. */
#define kvfree_rcu(...) __KVFREE_RCU_PICK(__VA_ARGS__, kvfree_rcu_arg_2, kvfree_rcu_arg_1)(__VA_ARGS__)
#define kfree_rcu(...) kvfree_rcu(__VA_ARGS__)
#define kvfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)
#define kfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)

#endif
