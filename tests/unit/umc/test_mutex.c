// SPDX-License-Identifier: GPL-2.0
/* test_mutex.c - struct mutex (umc/src/mutex.c). */
#include "umc_test.h"

#include <linux/mutex.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

static DEFINE_MUTEX(static_mutex);

struct shared {
	struct mutex m;
	unsigned long counter;
	unsigned int inside, violations, iters;
	int result;
	int allow;
	bool killable;
	struct completion done;
};

static int hammer(void *arg)
{
	struct shared *s = arg;

	for (unsigned int i = 0; i < s->iters; i++) {
		if (i % 3 == 0) {
			while (!mutex_trylock(&s->m))
				mutex_lock(&s->m), mutex_unlock(&s->m);
		} else {
			mutex_lock(&s->m);
		}
		if (__atomic_exchange_n(&s->inside, 1, __ATOMIC_RELAXED))
			__atomic_fetch_add(&s->violations, 1, __ATOMIC_RELAXED);
		s->counter++;
		__atomic_store_n(&s->inside, 0, __ATOMIC_RELAXED);
		mutex_unlock(&s->m);
	}
	complete(&s->done);
	return umc_test_idle_until_stop(0);
}

static void test_mutual_exclusion(void **state)
{
	enum { N = 3 };
	struct shared s = { .iters = umc_test_slowdown() > 1 ? 3000 : 100000 };
	struct task_struct *k[N];

	mutex_init(&s.m);
	init_completion(&s.done);
	for (int i = 0; i < N; i++) {
		k[i] = kthread_run(hammer, &s, "hammer%d", i);
		assert_false(IS_ERR(k[i]));
	}
	for (int i = 0; i < N; i++)
		wait_for_completion(&s.done);
	for (int i = 0; i < N; i++)
		assert_int_equal(kthread_stop(k[i]), 0);
	assert_int_equal(s.violations, 0);
	assert_int_equal(s.counter, (unsigned long)N * s.iters);
	assert_false(mutex_is_locked(&s.m));
}

static void test_trylock_is_locked(void **state)
{
	assert_false(mutex_is_locked(&static_mutex));
	assert_int_equal(mutex_trylock(&static_mutex), 1);
	assert_true(mutex_is_locked(&static_mutex));
	assert_int_equal(mutex_trylock(&static_mutex), 0);
	mutex_unlock(&static_mutex);
	assert_false(mutex_is_locked(&static_mutex));
	mutex_lock(&static_mutex);
	assert_ptr_equal(static_mutex.owner, current);
	mutex_unlock(&static_mutex);
}

static int interruptible_locker(void *arg)
{
	struct shared *s = arg;

	allow_kernel_signal(s->allow);
	if (s->killable)
		s->result = mutex_lock_killable(&s->m);
	else
		s->result = mutex_lock_interruptible(&s->m);
	if (s->result == 0)
		mutex_unlock(&s->m);
	complete(&s->done);
	return umc_test_idle_until_stop(0);
}

static void run_interrupt(bool killable, int sig)
{
	struct shared s = { .allow = sig, .killable = killable };
	struct task_struct *k;

	mutex_init(&s.m);
	init_completion(&s.done);
	mutex_lock(&s.m);
	k = kthread_run(interruptible_locker, &s, "locker");
	assert_false(IS_ERR(k));
	umc_test_wait_asleep(k);
	send_sig(sig, k, 1);
	wait_for_completion(&s.done);
	assert_int_equal(s.result, -EINTR);
	assert_true(mutex_is_locked(&s.m)); /* still ours */
	assert_true(list_empty(&s.m.wait_list));
	mutex_unlock(&s.m);
	assert_false(mutex_is_locked(&s.m));
	assert_int_equal(kthread_stop(k), 0);
}

static void test_lock_interruptible_eintr(void **state)
{
	run_interrupt(false, SIGHUP);
	run_interrupt(true, SIGKILL);
}

static void test_pending_signal_and_free_mutex(void **state)
{
	struct mutex m;

	mutex_init(&m);
	send_sig(SIGUSR1, current, 0);
	/* free mutex: taken despite the pending signal (the kernel's fast path) */
	assert_int_equal(mutex_lock_interruptible(&m), 0);
	mutex_unlock(&m);
	flush_signals(current);
}

/* Waiters queued behind an interrupted one still get the lock: no lost hand-off. */
struct chain {
	struct mutex *m;
	int got;
	struct completion done;
};

static int chain_waiter(void *arg)
{
	struct chain *c = arg;

	mutex_lock(c->m);
	c->got++;
	mutex_unlock(c->m);
	complete(&c->done);
	return umc_test_idle_until_stop(0);
}

static void test_interrupted_waiter_passes_handoff(void **state)
{
	struct shared s = { .allow = SIGHUP };
	struct chain c = { .m = &s.m, .got = 0 };
	struct task_struct *ki, *kw[2];

	mutex_init(&s.m);
	init_completion(&s.done);
	init_completion(&c.done);
	mutex_lock(&s.m);
	/* the interruptible waiter queues first, two plain waiters behind it */
	ki = kthread_run(interruptible_locker, &s, "intr");
	assert_false(IS_ERR(ki));
	umc_test_wait_asleep(ki);
	for (int i = 0; i < 2; i++) {
		kw[i] = kthread_run(chain_waiter, &c, "chain%d", i);
		assert_false(IS_ERR(kw[i]));
		umc_test_wait_asleep(kw[i]);
	}
	send_sig(SIGHUP, ki, 1);
	wait_for_completion(&s.done);
	assert_int_equal(s.result, -EINTR);
	mutex_unlock(&s.m);
	wait_for_completion(&c.done);
	wait_for_completion(&c.done);
	assert_int_equal(c.got, 2);
	assert_false(mutex_is_locked(&s.m));
	assert_int_equal(kthread_stop(ki), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(kthread_stop(kw[i]), 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutual_exclusion),
		cmocka_unit_test(test_trylock_is_locked),
		cmocka_unit_test(test_lock_interruptible_eintr),
		cmocka_unit_test(test_pending_signal_and_free_mutex),
		cmocka_unit_test(test_interrupted_waiter_passes_handoff),
	};
	return UMC_TEST_RUN(tests);
}
