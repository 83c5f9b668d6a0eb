// SPDX-License-Identifier: GPL-2.0
/* test_spinlock.c - spinlock_t and rwlock_t (umc/src/spinlock.c). */
#include "umc_test.h"

#include <linux/spinlock.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>

/*
 * Exclusion check: every holder marks the section occupied and fails if it already was;
 * the counter is updated non-atomically (a lost update shows up in the total).
 */
struct excl {
	spinlock_t a, b;
	rwlock_t rw;
	unsigned int inside;
	unsigned long counter;
	unsigned int iters;
	unsigned int violations;
	struct completion done;
};

static void enter(struct excl *e)
{
	if (__atomic_exchange_n(&e->inside, 1, __ATOMIC_RELAXED))
		__atomic_fetch_add(&e->violations, 1, __ATOMIC_RELAXED);
	e->counter++;
	__atomic_store_n(&e->inside, 0, __ATOMIC_RELAXED);
}

/* Thread 1 takes b plainly; thread 2 takes a, then b with spin_lock_nested(). */
static int plain_b(void *arg)
{
	struct excl *e = arg;

	for (unsigned int i = 0; i < e->iters; i++) {
		spin_lock(&e->b);
		enter(e);
		spin_unlock(&e->b);
	}
	complete(&e->done);
	return umc_test_idle_until_stop(0);
}

static int nested_ab(void *arg)
{
	struct excl *e = arg;
	unsigned long flags;

	for (unsigned int i = 0; i < e->iters; i++) {
		spin_lock_irqsave(&e->a, flags);
		spin_lock_nested(&e->b, SINGLE_DEPTH_NESTING);
		enter(e);
		spin_unlock(&e->b);
		spin_unlock_irqrestore(&e->a, flags);
	}
	complete(&e->done);
	return umc_test_idle_until_stop(0);
}

static void run_pair(struct excl *e, int (*f1)(void *), int (*f2)(void *))
{
	struct task_struct *k1, *k2;

	init_completion(&e->done);
	k1 = kthread_run(f1, e, "lock1");
	k2 = kthread_run(f2, e, "lock2");
	assert_false(IS_ERR(k1));
	assert_false(IS_ERR(k2));
	wait_for_completion(&e->done);
	wait_for_completion(&e->done);
	assert_int_equal(kthread_stop(k1), 0);
	assert_int_equal(kthread_stop(k2), 0);
}

static void test_spin_lock_nested_excludes(void **state)
{
	struct excl e = { .iters = umc_test_slowdown() > 1 ? 20000 : 500000 };

	spin_lock_init(&e.a);
	spin_lock_init(&e.b);
	run_pair(&e, plain_b, nested_ab);
	assert_int_equal(e.violations, 0);
	assert_int_equal(e.counter, 2ul * e.iters);
	assert_false(spin_is_locked(&e.a));
	assert_false(spin_is_locked(&e.b));
}

static int irq_forms(void *arg)
{
	struct excl *e = arg;

	for (unsigned int i = 0; i < e->iters; i++) {
		if (i & 1) {
			spin_lock_irq(&e->b);
			enter(e);
			spin_unlock_irq(&e->b);
		} else {
			spin_lock_bh(&e->b);
			enter(e);
			spin_unlock_bh(&e->b);
		}
	}
	complete(&e->done);
	return umc_test_idle_until_stop(0);
}

static void test_irq_and_bh_forms_exclude(void **state)
{
	struct excl e = { .iters = umc_test_slowdown() > 1 ? 20000 : 500000 };

	spin_lock_init(&e.b);
	run_pair(&e, irq_forms, plain_b);
	assert_int_equal(e.violations, 0);
	assert_int_equal(e.counter, 2ul * e.iters);
}

static void test_trylock_and_state(void **state)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags = 123;

	assert_false(spin_is_locked(&l));
	assert_true(spin_trylock(&l));
	assert_true(spin_is_locked(&l));
	assert_false(spin_trylock(&l));
	assert_spin_locked(&l);
	spin_unlock(&l);
	spin_lock_irqsave(&l, flags);
	assert_int_equal(flags, 0);
	assert_false(spin_trylock_irqsave(&l, flags));
	spin_unlock_irqrestore(&l, flags);
	assert_false(spin_is_locked(&l));
}

/* Readers share, a writer excludes readers and writers. */
static int writer(void *arg)
{
	struct excl *e = arg;

	for (unsigned int i = 0; i < e->iters; i++) {
		write_lock_bh(&e->rw);
		enter(e);
		write_unlock_bh(&e->rw);
		read_lock(&e->rw);
		if (__atomic_load_n(&e->inside, __ATOMIC_RELAXED))
			__atomic_fetch_add(&e->violations, 1, __ATOMIC_RELAXED);
		read_unlock(&e->rw);
	}
	complete(&e->done);
	return umc_test_idle_until_stop(0);
}

static void test_rwlock(void **state)
{
	struct excl e = { .iters = umc_test_slowdown() > 1 ? 10000 : 200000 };

	rwlock_init(&e.rw);
	read_lock(&e.rw);
	assert_true(read_trylock(&e.rw));   /* readers share */
	assert_false(write_trylock(&e.rw)); /* writers wait for readers */
	read_unlock(&e.rw);
	read_unlock(&e.rw);
	assert_true(write_trylock(&e.rw));
	assert_false(read_trylock(&e.rw));
	write_unlock(&e.rw);

	run_pair(&e, writer, writer);
	assert_int_equal(e.violations, 0);
	assert_int_equal(e.counter, 2ul * e.iters);
}

static int atomic_dec_lock_fn(void *arg)
{
	struct excl *e = arg;

	for (unsigned int i = 0; i < e->iters; i++) {
		spin_lock(&e->a);
		enter(e);
		spin_unlock(&e->a);
	}
	complete(&e->done);
	return umc_test_idle_until_stop(0);
}

static void test_atomic_dec_and_lock(void **state)
{
	struct excl e = { .iters = 1000 };
	atomic_t cnt = ATOMIC_INIT(2);

	spin_lock_init(&e.a);
	assert_int_equal(atomic_dec_and_lock(&cnt, &e.a), 0);
	assert_false(spin_is_locked(&e.a));
	assert_int_equal(atomic_dec_and_lock(&cnt, &e.a), 1);
	assert_true(spin_is_locked(&e.a));
	spin_unlock(&e.a);
	/* and the lock still works for others afterwards */
	run_pair(&e, atomic_dec_lock_fn, atomic_dec_lock_fn);
	assert_int_equal(e.counter, 2000);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spin_lock_nested_excludes),
		cmocka_unit_test(test_irq_and_bh_forms_exclude),
		cmocka_unit_test(test_trylock_and_state),
		cmocka_unit_test(test_rwlock),
		cmocka_unit_test(test_atomic_dec_and_lock),
	};
	return UMC_TEST_RUN(tests);
}
