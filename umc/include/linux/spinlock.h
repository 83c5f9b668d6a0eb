/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/spinlock.h - spinlocks and reader/writer spinlocks. Slow paths in umc/src/spinlock.c.
 *
 * Contract (as in Linux 6.1, with these differences stated):
 *  - spin_lock() never sleeps in the kernel sense (the task state is untouched), but a
 *    contended lock spins briefly and then waits on a host futex on the lock word, so a
 *    preempted holder never makes waiters burn CPU or livelock. Holders must not sleep
 *    (schedule(), mutex_lock()...), exactly as in the kernel.
 *  - There are no interrupts or bottom halves (see irqflags.h): the _irq, _irqsave and _bh
 *    forms take the same lock; the saved flags are 0.
 *  - spin_lock_nested()/spin_lock_irqsave_nested() take the lock: the subclass is a lockdep
 *    annotation only. Exclusion is always real.
 *  - Not recursive: taking a held lock again from the same thread deadlocks, as in the kernel.
 *  - rwlock_t (read_lock/write_lock...) is reader-preferring, like the kernel's rwlock for
 *    readers in interrupt context: a reader gets in whenever no writer holds the lock, so
 *    recursive read_lock() is safe. Contended acquirers spin briefly, then futex-wait.
 */
#ifndef _UMC_LINUX_SPINLOCK_H
#define _UMC_LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/bug.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>

/* Out-of-line slow paths (umc/src/spinlock.c). */
void umc_spin_lock_slow(unsigned int *word);
void umc_spin_unlock_wake(unsigned int *word);
void umc_rw_read_lock_slow(struct umc_rwcore *rw, bool spin);
void umc_rw_write_lock_slow(struct umc_rwcore *rw, bool spin);
void umc_rw_wake(struct umc_rwcore *rw);

static __always_inline bool umc_raw_spin_trylock(raw_spinlock_t *l)
{
	unsigned int free = 0;
	return __atomic_compare_exchange_n(&l->val, &free, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static __always_inline void umc_raw_spin_lock(raw_spinlock_t *l)
{
	if (likely(umc_raw_spin_trylock(l)))
		return;
	umc_spin_lock_slow(&l->val);
}

static __always_inline void umc_raw_spin_unlock(raw_spinlock_t *l)
{
	if (unlikely(__atomic_exchange_n(&l->val, 0, __ATOMIC_RELEASE) == 2))
		umc_spin_unlock_wake(&l->val);
}

static __always_inline int umc_raw_spin_is_locked(raw_spinlock_t *l)
{
	return __atomic_load_n(&l->val, __ATOMIC_RELAXED) != 0;
}

/* ---- raw_spinlock_t */
#define raw_spin_lock_init(l) do { *(l) = (raw_spinlock_t)__RAW_SPIN_LOCK_UNLOCKED(l); } while (0)
#define raw_spin_lock(l) umc_raw_spin_lock(l)
#define raw_spin_unlock(l) umc_raw_spin_unlock(l)
#define raw_spin_trylock(l) umc_raw_spin_trylock(l)
#define raw_spin_is_locked(l) umc_raw_spin_is_locked(l)
#define raw_spin_lock_nested(l, subclass) umc_raw_spin_lock(l)
#define raw_spin_lock_irq(l) umc_raw_spin_lock(l)
#define raw_spin_unlock_irq(l) umc_raw_spin_unlock(l)
#define raw_spin_lock_bh(l) umc_raw_spin_lock(l)
#define raw_spin_unlock_bh(l) umc_raw_spin_unlock(l)
#define raw_spin_lock_irqsave(l, flags) \
	do { typecheck(unsigned long, flags); (flags) = 0; umc_raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irqrestore(l, flags) \
	do { typecheck(unsigned long, flags); (void)(flags); umc_raw_spin_unlock(l); } while (0)

/* ---- spinlock_t */
static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}

#define spin_lock_init(l) do { *(l) = (spinlock_t)__SPIN_LOCK_UNLOCKED(l); } while (0)

static __always_inline void spin_lock(spinlock_t *l) { umc_raw_spin_lock(&l->rlock); }
static __always_inline void spin_unlock(spinlock_t *l) { umc_raw_spin_unlock(&l->rlock); }
static __always_inline int spin_trylock(spinlock_t *l) { return umc_raw_spin_trylock(&l->rlock); }
static __always_inline void spin_lock_irq(spinlock_t *l) { umc_raw_spin_lock(&l->rlock); }
static __always_inline void spin_unlock_irq(spinlock_t *l) { umc_raw_spin_unlock(&l->rlock); }
static __always_inline void spin_lock_bh(spinlock_t *l) { umc_raw_spin_lock(&l->rlock); }
static __always_inline void spin_unlock_bh(spinlock_t *l) { umc_raw_spin_unlock(&l->rlock); }
static __always_inline int spin_trylock_bh(spinlock_t *l) { return umc_raw_spin_trylock(&l->rlock); }
static __always_inline int spin_trylock_irq(spinlock_t *l) { return umc_raw_spin_trylock(&l->rlock); }
static __always_inline int spin_is_locked(spinlock_t *l) { return umc_raw_spin_is_locked(&l->rlock); }
static __always_inline int spin_is_contended(spinlock_t *l)
{
	return __atomic_load_n(&l->rlock.val, __ATOMIC_RELAXED) == 2;
}

#define spin_lock_irqsave(l, flags) \
	do { typecheck(unsigned long, flags); (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { typecheck(unsigned long, flags); (void)(flags); spin_unlock(l); } while (0)
#define spin_trylock_irqsave(l, flags) ({ (flags) = 0; spin_trylock(l); })

/* Subclass and nest_lock are lockdep annotations: the lock is always taken. */
#define spin_lock_nested(l, subclass) spin_lock(l)
#define spin_lock_nest_lock(l, nest_lock) spin_lock(l)
#define spin_lock_bh_nested(l, subclass) spin_lock(l)
#define spin_lock_irqsave_nested(l, flags, subclass) spin_lock_irqsave(l, flags)

/* Always checked (BUG() when the lock is free); the kernel checks only with lockdep. */
#define assert_spin_locked(l) BUG_ON(!spin_is_locked(l))
#define assert_raw_spin_locked(l) BUG_ON(!raw_spin_is_locked(l))

/*
 * atomic_dec_and_lock - decrement @atomic; if it reached 0 return true with @lock held,
 * else return false without it. May spin on @lock.
 */
static inline int atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock(lock);
	return 0;
}
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	({ (flags) = 0; atomic_dec_and_lock(atomic, lock); })

/* ---- rwlock_t (reader-preferring; see the header comment) */
#define rwlock_init(l) do { *(l) = (rwlock_t)__RW_LOCK_UNLOCKED(l); } while (0)

static __always_inline bool umc_rw_read_trylock(struct umc_rwcore *rw)
{
	unsigned int c = __atomic_load_n(&rw->cnt, __ATOMIC_RELAXED);
	while (!(c & UMC_RW_WRITER)) {
		if (__atomic_compare_exchange_n(&rw->cnt, &c, c + 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	}
	return false;
}

static __always_inline bool umc_rw_write_trylock(struct umc_rwcore *rw)
{
	unsigned int free = 0;
	return __atomic_compare_exchange_n(&rw->cnt, &free, UMC_RW_WRITER, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static __always_inline void umc_rw_read_unlock(struct umc_rwcore *rw)
{
	if (__atomic_sub_fetch(&rw->cnt, 1, __ATOMIC_SEQ_CST) == 0 &&
	    __atomic_load_n(&rw->waiters, __ATOMIC_SEQ_CST))
		umc_rw_wake(rw);
}

static __always_inline void umc_rw_write_unlock(struct umc_rwcore *rw)
{
	__atomic_store_n(&rw->cnt, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&rw->waiters, __ATOMIC_SEQ_CST))
		umc_rw_wake(rw);
}

static __always_inline void read_lock(rwlock_t *l)
{
	if (!umc_rw_read_trylock(&l->core))
		umc_rw_read_lock_slow(&l->core, true);
}
static __always_inline void write_lock(rwlock_t *l)
{
	if (!umc_rw_write_trylock(&l->core))
		umc_rw_write_lock_slow(&l->core, true);
}
static __always_inline void read_unlock(rwlock_t *l) { umc_rw_read_unlock(&l->core); }
static __always_inline void write_unlock(rwlock_t *l) { umc_rw_write_unlock(&l->core); }
static __always_inline int read_trylock(rwlock_t *l) { return umc_rw_read_trylock(&l->core); }
static __always_inline int write_trylock(rwlock_t *l) { return umc_rw_write_trylock(&l->core); }

#define read_lock_irq(l) read_lock(l)
#define read_unlock_irq(l) read_unlock(l)
#define read_lock_bh(l) read_lock(l)
#define read_unlock_bh(l) read_unlock(l)
#define write_lock_irq(l) write_lock(l)
#define write_unlock_irq(l) write_unlock(l)
#define write_lock_bh(l) write_lock(l)
#define write_unlock_bh(l) write_unlock(l)
#define read_lock_irqsave(l, flags) \
	do { typecheck(unsigned long, flags); (flags) = 0; read_lock(l); } while (0)
#define read_unlock_irqrestore(l, flags) \
	do { typecheck(unsigned long, flags); (void)(flags); read_unlock(l); } while (0)
#define write_lock_irqsave(l, flags) \
	do { typecheck(unsigned long, flags); (flags) = 0; write_lock(l); } while (0)
#define write_unlock_irqrestore(l, flags) \
	do { typecheck(unsigned long, flags); (void)(flags); write_unlock(l); } while (0)
#define write_lock_nested(l, subclass) write_lock(l)

#endif
