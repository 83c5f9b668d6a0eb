// SPDX-License-Identifier: GPL-2.0
/*
 * spinlock.c - contended paths of spinlock_t and rwlock_t (linux/spinlock.h) and the
 * reader/writer word shared with rw_semaphore (rwsem.c).
 *
 * spinlock word: 0 free, 1 held, 2 held and a waiter may sleep on the futex. A contended
 * locker spins a bounded number of times (the holder is usually about to release), then
 * marks the word 2 and futex-waits; unlock of a word that was 2 wakes one waiter. A waiter
 * that wakes takes the lock with 2 (it cannot know whether others still sleep), which costs
 * at most one spare wake-up.
 *
 * reader/writer word: see struct umc_rwcore. Sleepers count themselves in @waiters, read
 * @seq, re-test the lock and futex-wait on @seq; every release that sees waiters bumps @seq
 * and wakes them all (they re-compete). seq_cst ordering of (waiters++, lock test) against
 * (lock release, waiters test) makes a lost wake-up impossible.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <sys_service.h>

/* How often a contended locker re-tests before sleeping (each try ~ a pause instruction). */
#define UMC_SPIN_TRIES 100

static inline void cpu_relax_once(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	barrier();
#endif
}

void umc_spin_lock_slow(unsigned int *word)
{
	unsigned int v;

	for (int i = 0; i < UMC_SPIN_TRIES; i++) {
		v = __atomic_load_n(word, __ATOMIC_RELAXED);
		if (v == 0 && __atomic_compare_exchange_n(word, &v, 1, false, __ATOMIC_ACQUIRE,
							  __ATOMIC_RELAXED))
			return;
		cpu_relax_once();
	}
	v = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	while (v != 0) {
		sys->futex_wait(word, 2, 0);
		v = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	}
}

void umc_spin_unlock_wake(unsigned int *word)
{
	sys->futex_wake(word, 1);
}

void umc_rw_wake(struct umc_rwcore *rw)
{
	__atomic_fetch_add(&rw->seq, 1, __ATOMIC_SEQ_CST);
	sys->futex_wake(&rw->seq, INT_MAX);
}

/* Sleep until @rw may have changed; returns after a wake-up or if it changed already. */
static void rw_wait(struct umc_rwcore *rw, bool write)
{
	unsigned int seq;
	unsigned int c;

	__atomic_fetch_add(&rw->waiters, 1, __ATOMIC_SEQ_CST);
	seq = __atomic_load_n(&rw->seq, __ATOMIC_SEQ_CST);
	c = __atomic_load_n(&rw->cnt, __ATOMIC_SEQ_CST);
	if (write ? c != 0 : (c & UMC_RW_WRITER) != 0)
		sys->futex_wait(&rw->seq, seq, 0);
	__atomic_fetch_sub(&rw->waiters, 1, __ATOMIC_SEQ_CST);
}

void umc_rw_read_lock_slow(struct umc_rwcore *rw, bool spin)
{
	for (int i = 0; spin && i < UMC_SPIN_TRIES; i++) {
		if (umc_rw_read_trylock(rw))
			return;
		cpu_relax_once();
	}
	while (!umc_rw_read_trylock(rw))
		rw_wait(rw, false);
}

void umc_rw_write_lock_slow(struct umc_rwcore *rw, bool spin)
{
	for (int i = 0; spin && i < UMC_SPIN_TRIES; i++) {
		if (umc_rw_write_trylock(rw))
			return;
		cpu_relax_once();
	}
	while (!umc_rw_write_trylock(rw))
		rw_wait(rw, true);
}
