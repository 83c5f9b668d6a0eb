// SPDX-License-Identifier: GPL-2.0
/* Conformance: clocks, threads (names, slots, ids, affinity), random bytes. */
#include <sched.h>
#include <time.h>

#include "mte_test.h"

static void test_clocks(void **state)
{
	uint64_t a = sys->time_monotonic_ns();
	sleep_ns(2 * MS);
	uint64_t b = sys->time_monotonic_ns();
	assert_true(b >= a + 2 * MS);
	uint64_t rt = sys->time_realtime_ns();
	uint64_t now = (uint64_t)time(NULL);
	assert_true(rt / SEC + 2 >= now && rt / SEC <= now + 2);
}

struct thread_arg {
	char name[16];
	void *slot_seen_before;
	void *slot_seen_after;
	int tid;
	int expect_cpu;
	int cpu_seen;
};

static void thread_fn(void *p)
{
	struct thread_arg *a = p;
	sys->thread_get_name(a->name, sizeof(a->name));
	a->slot_seen_before = sys->thread_slot_get();
	sys->thread_slot_set(a);
	a->slot_seen_after = sys->thread_slot_get();
	a->tid = sys->thread_id();
	/* provider threads are RCU-registered: a read-side section must work */
	sys->rcu_read_lock();
	sys->rcu_read_unlock();
	if (a->expect_cpu >= 0) {
		unsigned long mask = 1ul << a->expect_cpu;
		if (sys->thread_set_affinity(&mask, 64) == 0)
			a->cpu_seen = sched_getcpu();
	}
}

static void test_thread_name_slot(void **state)
{
	struct thread_arg a = { .expect_cpu = -1 };
	struct sys_thread *t;
	sys->thread_slot_set(&a + 1);
	assert_int_equal(sys->thread_create(&t, "test_worker_name_long", thread_fn, &a), 0);
	assert_int_equal(sys->thread_join(t), 0);
	assert_string_equal(a.name, "test_worker_nam"); /* 15 chars */
	assert_null(a.slot_seen_before);
	assert_ptr_equal(a.slot_seen_after, &a);
	assert_ptr_equal(sys->thread_slot_get(), &a + 1); /* ours untouched */
	assert_true(a.tid > 0);
	assert_int_not_equal(a.tid, sys->thread_id());
	sys->thread_slot_set(NULL);

	char name[16];
	sys->thread_set_name("renamed");
	sys->thread_get_name(name, sizeof(name));
	assert_string_equal(name, "renamed");
}

static void test_affinity(void **state)
{
	unsigned int n = sys->cpu_count();
	assert_true(n >= 1);
	unsigned long none = 0;
	assert_int_equal(sys->thread_set_affinity(&none, 64), -EINVAL);
	/* pin a thread to the last CPU we may use */
	cpu_set_t set;
	assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
	int last = -1;
	for (int i = 0; i < 64; i++)
		if (CPU_ISSET(i, &set))
			last = i;
	assert_true(last >= 0);
	struct thread_arg a = { .expect_cpu = last, .cpu_seen = -1 };
	struct sys_thread *t;
	assert_int_equal(sys->thread_create(&t, "pinned", thread_fn, &a), 0);
	sys->thread_join(t);
	assert_int_equal(a.cpu_seen, last);
}

static void test_many_threads(void **state)
{
	struct thread_arg args[16];
	struct sys_thread *t[16];
	memset(args, 0, sizeof(args));
	for (int i = 0; i < 16; i++) {
		args[i].expect_cpu = -1;
		assert_int_equal(sys->thread_create(&t[i], "many", thread_fn, &args[i]), 0);
	}
	for (int i = 0; i < 16; i++)
		assert_int_equal(sys->thread_join(t[i]), 0);
	for (int i = 0; i < 16; i++) {
		assert_ptr_equal(args[i].slot_seen_after, &args[i]);
		for (int j = 0; j < i; j++)
			assert_int_not_equal(args[i].tid, args[j].tid);
	}
}

static void test_register_foreign_thread(void **state)
{
	/* idempotent registration of the calling thread */
	sys->thread_register();
	sys->thread_register();
	sys->rcu_read_lock();
	sys->rcu_read_lock(); /* nests */
	sys->rcu_read_unlock();
	sys->rcu_read_unlock();
	sys->thread_yield();
}

static void test_random(void **state)
{
	unsigned char a[64], b[64], zero[64] = { 0 };
	sys->random_bytes(a, sizeof(a));
	sys->random_bytes(b, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a));
	assert_memory_not_equal(a, zero, sizeof(a));
	sys->random_bytes(a, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clocks),
		cmocka_unit_test(test_thread_name_slot),
		cmocka_unit_test(test_affinity),
		cmocka_unit_test(test_many_threads),
		cmocka_unit_test(test_register_foreign_thread),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
