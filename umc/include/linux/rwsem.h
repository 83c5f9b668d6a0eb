/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/rwsem.h - reader/writer semaphores. Implemented in umc/src/rwsem.c.
 *
 * Contract (Linux 6.1, with this difference): down_read()/down_write() may sleep
 * (uninterruptible; futex wait on the semaphore's word, no spinning) and must not be called
 * with a spinlock held. Readers are preferred: a reader enters whenever no writer holds the
 * semaphore, so a steady stream of readers can delay a writer (the kernel hands off to
 * waiting writers). down_*_trylock() return 1 on success, 0 otherwise. downgrade_write()
 * turns the held write lock into a read lock without letting a writer in between.
 * The killable/interruptible variants are not provided (nothing umc builds uses them).
 */
#ifndef _UMC_LINUX_RWSEM_H
#define _UMC_LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>

struct rw_semaphore {
	struct umc_rwcore core;
};

#define __RWSEM_INITIALIZER(name) { .core = __UMC_RWCORE_INIT }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
#define init_rwsem(sem) \
	do { static struct lock_class_key __key; __init_rwsem((sem), #sem, &__key); } while (0)

void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

/* rwsem_is_locked - true while a reader or writer holds @sem (snapshot). */
static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->core.cnt, __ATOMIC_RELAXED) != 0;
}
static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->core.waiters, __ATOMIC_RELAXED) != 0;
}

#define down_read_nested(sem, subclass) down_read(sem)
#define down_write_nested(sem, subclass) down_write(sem)
#define down_read_non_owner(sem) down_read(sem)
#define up_read_non_owner(sem) up_read(sem)
#define down_write_nest_lock(sem, nest_lock) down_write(sem)

#endif
