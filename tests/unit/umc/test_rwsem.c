// SPDX-License-Identifier: GPL-2.0
/* test_rwsem.c - reader/writer semaphores (umc/src/rwsem.c). */
#include "umc_test.h"

#include <linux/rwsem.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_RWSEM(sem);

struct rw {
	unsigned int iters, writers_inside, readers_inside, violations;
	unsigned long counter;
	struct completion done;
};

static int rw_fn(void *arg)
{
	struct rw *r = arg;

	for (unsigned int i = 0; i < r->iters; i++) {
		down_write(&sem);
		if (__atomic_fetch_add(&r->writers_inside, 1, __ATOMIC_SEQ_CST) ||
		    __atomic_load_n(&r->readers_inside, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&r->violations, 1, __ATOMIC_SEQ_CST);
		r->counter++;
		__atomic_fetch_sub(&r->writers_inside, 1, __ATOMIC_SEQ_CST);
		up_write(&sem);

		down_read(&sem);
		__atomic_fetch_add(&r->readers_inside, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&r->writers_inside, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&r->violations, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_sub(&r->readers_inside, 1, __ATOMIC_SEQ_CST);
		up_read(&sem);
	}
	complete(&r->done);
	return umc_test_idle_until_stop(0);
}

static void test_readers_share_writer_excludes(void **state)
{
	struct rw r = { .iters = umc_test_slowdown() > 1 ? 3000 : 100000 };
	struct task_struct *k[2];

	down_read(&sem);
	assert_true(down_read_trylock(&sem));
	assert_false(down_write_trylock(&sem));
	assert_true(rwsem_is_locked(&sem));
	up_read(&sem);
	up_read(&sem);
	assert_false(rwsem_is_locked(&sem));

	init_completion(&r.done);
	for (int i = 0; i < 2; i++) {
		k[i] = kthread_run(rw_fn, &r, "rw%d", i);
		assert_false(IS_ERR(k[i]));
	}
	wait_for_completion(&r.done);
	wait_for_completion(&r.done);
	for (int i = 0; i < 2; i++)
		assert_int_equal(kthread_stop(k[i]), 0);
	assert_int_equal(r.violations, 0);
	assert_int_equal(r.counter, 2ul * r.iters);
}

static void test_downgrade(void **state)
{
	down_write(&sem);
	assert_false(down_read_trylock(&sem));
	downgrade_write(&sem);
	assert_true(down_read_trylock(&sem)); /* now shared */
	assert_false(down_write_trylock(&sem));
	up_read(&sem);
	up_read(&sem);
	assert_true(down_write_trylock(&sem));
	up_write(&sem);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readers_share_writer_excludes),
		cmocka_unit_test(test_downgrade),
	};
	return UMC_TEST_RUN(tests);
}
