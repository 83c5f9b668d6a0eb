// SPDX-License-Identifier: GPL-2.0
/*
 * rwsem.c - reader/writer semaphores (linux/rwsem.h) on the reader/writer word of
 * spinlock.c, sleeping on its futex without spinning.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	*sem = (struct rw_semaphore)__RWSEM_INITIALIZER(*sem);
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	if (!umc_rw_read_trylock(&sem->core))
		umc_rw_read_lock_slow(&sem->core, false);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	return umc_rw_read_trylock(&sem->core);
}

void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	if (!umc_rw_write_trylock(&sem->core))
		umc_rw_write_lock_slow(&sem->core, false);
}

int down_write_trylock(struct rw_semaphore *sem)
{
	return umc_rw_write_trylock(&sem->core);
}

void up_read(struct rw_semaphore *sem)
{
	umc_rw_read_unlock(&sem->core);
}

void up_write(struct rw_semaphore *sem)
{
	umc_rw_write_unlock(&sem->core);
}

void downgrade_write(struct rw_semaphore *sem)
{
	/* Writer -> one reader in a single step: no writer can get in between. */
	__atomic_store_n(&sem->core.cnt, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&sem->core.waiters, __ATOMIC_SEQ_CST))
		umc_rw_wake(&sem->core);
}
