// SPDX-License-Identifier: GPL-2.0
/* Conformance: futex wait/wake/timeout, RCU grace periods, rcu_call, rcu_barrier. */
#include "mte_test.h"

static void test_futex_value_mismatch(void **state)
{
	uint32_t word = 5;
	assert_int_equal(sys->futex_wait(&word, 4, 0), -EAGAIN);
}

static void test_futex_timeout_not_early(void **state)
{
	uint32_t word = 0;
	for (int i = 0; i < 5; i++) {
		uint64_t deadline = sys->time_monotonic_ns() + (uint64_t)(i + 1) * MS;
		int rc;
		do
			rc = sys->futex_wait(&word, 0, deadline);
		while (rc == 0);
		assert_int_equal(rc, -ETIMEDOUT);
		assert_true(sys->time_monotonic_ns() >= deadline);
	}
}

struct waker {
	uint32_t word;
	uint64_t woke_at;
};

static void waker_fn(void *p)
{
	struct waker *w = p;
	sleep_ns(20 * MS);
	__atomic_store_n(&w->word, 1, __ATOMIC_RELEASE);
	w->woke_at = sys->time_monotonic_ns();
	sys->futex_wake(&w->word, INT32_MAX);
}

static void test_futex_wake(void **state)
{
	struct waker w = { 0 };
	struct sys_thread *t;
	uint64_t start = sys->time_monotonic_ns();
	assert_int_equal(sys->thread_create(&t, "waker", waker_fn, &w), 0);
	while (!__atomic_load_n(&w.word, __ATOMIC_ACQUIRE)) {
		int rc = sys->futex_wait(&w.word, 0, start + slow(10 * SEC));
		assert_true(rc == 0 || rc == -EAGAIN);
	}
	assert_true(sys->time_monotonic_ns() >= start + 20 * MS);
	sys->thread_join(t);
	/* waking with nobody waiting is harmless */
	sys->futex_wake(&w.word, 1);
}

/* ------------------------------------------------------------------------ RCU */

struct reader {
	struct completion inside;
	uint32_t exited;       /* set right before rcu_read_unlock */
	uint64_t hold_ns;
};

static void reader_fn(void *p)
{
	struct reader *r = p;
	sys->rcu_read_lock();
	complete(&r->inside);
	sleep_ns(r->hold_ns);
	__atomic_store_n(&r->exited, 1, __ATOMIC_RELEASE);
	sys->rcu_read_unlock();
}

static void test_synchronize_waits_for_reader(void **state)
{
	struct reader r = { .hold_ns = 100 * MS };
	struct sys_thread *t;
	completion_init(&r.inside);
	assert_int_equal(sys->thread_create(&t, "reader", reader_fn, &r), 0);
	assert_true(wait_for(&r.inside, slow(10 * SEC)));
	uint64_t t0 = sys->time_monotonic_ns();
	sys->rcu_synchronize();
	assert_int_equal(__atomic_load_n(&r.exited, __ATOMIC_ACQUIRE), 1);
	assert_true(sys->time_monotonic_ns() > t0);
	sys->thread_join(t);
	/* with no reader a grace period completes promptly */
	sys->rcu_synchronize();
}

struct cb_state {
	void *head[4];
	struct reader *r;
	uint32_t reader_done_at_cb;
	struct completion ran;
};

static void rcu_cb(void *p)
{
	struct cb_state *s = p;
	s->reader_done_at_cb = s->r ? __atomic_load_n(&s->r->exited, __ATOMIC_ACQUIRE) : 1;
	complete(&s->ran);
}

static void test_rcu_call_after_grace_period(void **state)
{
	struct reader r = { .hold_ns = 100 * MS };
	struct cb_state s = { .r = &r };
	struct sys_thread *t;
	completion_init(&r.inside);
	completion_init(&s.ran);
	assert_int_equal(sys->thread_create(&t, "reader", reader_fn, &r), 0);
	assert_true(wait_for(&r.inside, slow(10 * SEC)));
	sys->rcu_call(s.head, rcu_cb, &s);
	assert_true(wait_for(&s.ran, slow(10 * SEC)));
	assert_int_equal(s.reader_done_at_cb, 1);
	sys->thread_join(t);
}

static void test_rcu_barrier(void **state)
{
	enum { N = 100 };
	static struct cb_state s[N];
	for (int i = 0; i < N; i++) {
		completion_init(&s[i].ran);
		s[i].r = NULL;
		sys->rcu_call(s[i].head, rcu_cb, &s[i]);
	}
	sys->rcu_barrier();
	for (int i = 0; i < N; i++)
		assert_true(completion_done(&s[i].ran));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_futex_value_mismatch),
		cmocka_unit_test(test_futex_timeout_not_early),
		cmocka_unit_test(test_futex_wake),
		cmocka_unit_test(test_synchronize_waits_for_reader),
		cmocka_unit_test(test_rcu_call_after_grace_period),
		cmocka_unit_test(test_rcu_barrier),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
