/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/spinlock_types.h - spinlock_t, raw_spinlock_t and rwlock_t (types only).
 * Operations: linux/spinlock.h (implemented in umc/src/spinlock.c).
 *
 * A spinlock is one 32-bit word: 0 free, 1 held, 2 held and somebody may sleep on it
 * (a host futex on the word). Kept at 4 bytes so embedding structures stay small.
 */
#ifndef _UMC_LINUX_SPINLOCK_TYPES_H
#define _UMC_LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep.h>

typedef struct raw_spinlock {
	unsigned int val;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(name) { .val = 0 }
#define __RAW_SPIN_LOCK_INITIALIZER(name) __RAW_SPIN_LOCK_UNLOCKED(name)
#define __SPIN_LOCK_UNLOCKED(name) { .rlock = __RAW_SPIN_LOCK_UNLOCKED(name) }
#define __SPIN_LOCK_INITIALIZER(name) __SPIN_LOCK_UNLOCKED(name)
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define DEFINE_RAW_SPINLOCK(name) raw_spinlock_t name = __RAW_SPIN_LOCK_UNLOCKED(name)

/*
 * The reader/writer word shared by rwlock_t and struct rw_semaphore:
 * @cnt: number of readers, or UMC_RW_WRITER when a writer holds it;
 * @seq: futex word, bumped by every release that finds @waiters != 0;
 * @waiters: threads sleeping (or about to sleep) on @seq.
 */
struct umc_rwcore {
	unsigned int cnt;
	unsigned int seq;
	unsigned int waiters;
};
#define UMC_RW_WRITER 0x80000000u
#define __UMC_RWCORE_INIT { .cnt = 0, .seq = 0, .waiters = 0 }

typedef struct {
	struct umc_rwcore core;
} rwlock_t;

#define __RW_LOCK_UNLOCKED(name) { .core = __UMC_RWCORE_INIT }
#define DEFINE_RWLOCK(name) rwlock_t name = __RW_LOCK_UNLOCKED(name)

#endif
