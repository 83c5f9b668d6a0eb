// SPDX-License-Identifier: GPL-2.0
/* Conformance: timers never fire early, fire in deadline order, re-arm, cancel(_sync). */
#include "mte_test.h"

struct tctx {
	struct sys_timer *timer;
	uint64_t deadline;
	uint64_t fired_at;
	uint32_t early;
	uint32_t *order_ctr;
	uint32_t order;
	uint32_t fires;
	uint64_t sleep;
	uint32_t in_callback;
	struct completion started;
	int rearm;        /* re-arm from the callback this many times */
	uint64_t period;
	bool cancel_self;
	bool cancel_self_ret;
};

static void timer_fn(void *p)
{
	struct tctx *c = p;
	uint64_t now = sys->time_monotonic_ns();
	__atomic_store_n(&c->in_callback, 1, __ATOMIC_RELEASE);
	if (now < c->deadline)
		c->early++;
	c->fired_at = now;
	if (c->order_ctr)
		c->order = __atomic_add_fetch(c->order_ctr, 1, __ATOMIC_RELAXED);
	complete(&c->started);
	if (c->sleep)
		sleep_ns(c->sleep);
	if (c->rearm > 0) {
		c->rearm--;
		c->deadline = now + c->period;
		assert_false(sys->timer_arm(c->timer, c->deadline));
	}
	if (c->cancel_self) {
		c->deadline = now + SEC;
		sys->timer_arm(c->timer, c->deadline);
		c->cancel_self_ret = sys->timer_cancel_sync(c->timer);
	}
	__atomic_store_n(&c->in_callback, 0, __ATOMIC_RELEASE);
	counter_inc(&c->fires);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_order_and_never_early(void **state)
{
	enum { N = 300 };
	static struct tctx c[N];
	uint32_t order = 0;
	uint64_t seed = 0x1234567887654321ull;
	uint64_t base = sys->time_monotonic_ns() + 2 * MS;
	memset(c, 0, sizeof(c));
	for (int i = 0; i < N; i++) {
		c[i].order_ctr = &order;
		completion_init(&c[i].started);
		assert_int_equal(sys->timer_create(&c[i].timer, NULL, timer_fn, &c[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		/* distinct deadlines spread over 60 ms, some sub-microsecond apart */
		c[i].deadline = base + (rnd(&seed) % (60 * MS)) + (uint64_t)i;
		assert_false(sys->timer_arm(c[i].timer, c[i].deadline));
	}
	for (int i = 0; i < N; i++)
		assert_true(counter_wait(&c[i].fires, 1, slow(10 * SEC)));
	for (int i = 0; i < N; i++) {
		assert_int_equal(c[i].early, 0);
		assert_true(c[i].fired_at >= c[i].deadline);
		assert_false(sys->timer_pending(c[i].timer));
		for (int j = 0; j < N; j++)
			if (c[j].deadline < c[i].deadline)
				assert_true(c[j].order < c[i].order);
	}
	for (int i = 0; i < N; i++)
		sys->timer_destroy(c[i].timer);
}

static void test_past_deadline_fires(void **state)
{
	struct tctx c = { 0 };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	c.deadline = 1; /* long past */
	sys->timer_arm(c.timer, c.deadline);
	assert_true(counter_wait(&c.fires, 1, slow(5 * SEC)));
	sys->timer_destroy(c.timer);
}

static void test_rearm_moves(void **state)
{
	struct tctx c = { 0 };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	uint64_t now = sys->time_monotonic_ns();
	c.deadline = now + 10 * SEC;
	assert_false(sys->timer_arm(c.timer, c.deadline));
	/* move earlier: returns "was pending" */
	c.deadline = now + 20 * MS;
	assert_true(sys->timer_arm(c.timer, c.deadline));
	assert_true(counter_wait(&c.fires, 1, slow(5 * SEC)));
	assert_int_equal(c.early, 0);
	/* move later: the first deadline must not fire */
	now = sys->time_monotonic_ns();
	c.deadline = now + 10 * MS;
	sys->timer_arm(c.timer, c.deadline);
	c.deadline = now + 60 * MS;
	assert_true(sys->timer_arm(c.timer, c.deadline));
	assert_true(counter_wait(&c.fires, 2, slow(5 * SEC)));
	assert_int_equal(c.early, 0);
	assert_true(c.fired_at >= now + 60 * MS);
	sys->timer_destroy(c.timer);
}

static void test_periodic_rearm_from_callback(void **state)
{
	struct tctx c = { .rearm = 4, .period = 5 * MS };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	uint64_t start = sys->time_monotonic_ns();
	c.deadline = start + 5 * MS;
	sys->timer_arm(c.timer, c.deadline);
	assert_true(counter_wait(&c.fires, 5, slow(5 * SEC)));
	assert_int_equal(c.early, 0);
	assert_true(sys->time_monotonic_ns() >= start + 25 * MS);
	sys->timer_destroy(c.timer);
}

static void test_cancel(void **state)
{
	struct tctx c = { 0 };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	assert_false(sys->timer_cancel(c.timer));
	c.deadline = sys->time_monotonic_ns() + 30 * MS;
	sys->timer_arm(c.timer, c.deadline);
	assert_true(sys->timer_cancel(c.timer));
	assert_false(sys->timer_pending(c.timer));
	assert_false(sys->timer_cancel(c.timer));
	/* a later timer on the same loop fires: the cancelled one did not */
	struct tctx later = { 0 };
	completion_init(&later.started);
	assert_int_equal(sys->timer_create(&later.timer, NULL, timer_fn, &later), 0);
	later.deadline = c.deadline + 20 * MS;
	sys->timer_arm(later.timer, later.deadline);
	assert_true(counter_wait(&later.fires, 1, slow(5 * SEC)));
	assert_int_equal(c.fires, 0);
	sys->timer_destroy(later.timer);
	sys->timer_destroy(c.timer);
}

static void test_cancel_sync_waits_for_callback(void **state)
{
	struct tctx c = { .sleep = 100 * MS };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	c.deadline = sys->time_monotonic_ns() + MS;
	sys->timer_arm(c.timer, c.deadline);
	assert_true(wait_for(&c.started, slow(5 * SEC)));
	uint64_t t0 = sys->time_monotonic_ns();
	assert_false(sys->timer_cancel_sync(c.timer));
	/* the callback had to finish its sleep before cancel_sync returned */
	assert_int_equal(__atomic_load_n(&c.in_callback, __ATOMIC_ACQUIRE), 0);
	assert_int_equal(__atomic_load_n(&c.fires, __ATOMIC_ACQUIRE), 1);
	assert_true(sys->time_monotonic_ns() >= c.fired_at + 100 * MS);
	(void)t0;
	sys->timer_destroy(c.timer);
}

static void test_cancel_sync_from_callback(void **state)
{
	struct tctx c = { .cancel_self = true };
	completion_init(&c.started);
	assert_int_equal(sys->timer_create(&c.timer, NULL, timer_fn, &c), 0);
	c.deadline = sys->time_monotonic_ns() + MS;
	sys->timer_arm(c.timer, c.deadline);
	assert_true(counter_wait(&c.fires, 1, slow(5 * SEC)));
	assert_true(c.cancel_self_ret);
	assert_false(sys->timer_pending(c.timer));
	sys->timer_destroy(c.timer);
}

static void test_timers_on_own_loop(void **state)
{
	struct sys_event_loop *loop;
	struct tctx a = { 0 }, b = { 0 };
	completion_init(&a.started);
	completion_init(&b.started);
	assert_int_equal(sys->event_loop_create(&loop, "tloop"), 0);
	assert_int_equal(sys->timer_create(&a.timer, loop, timer_fn, &a), 0);
	assert_int_equal(sys->timer_create(&b.timer, NULL, timer_fn, &b), 0);
	uint64_t now = sys->time_monotonic_ns();
	a.deadline = now + 15 * MS;
	b.deadline = now + 10 * MS;
	sys->timer_arm(a.timer, a.deadline);
	sys->timer_arm(b.timer, b.deadline);
	assert_true(counter_wait(&a.fires, 1, slow(5 * SEC)));
	assert_true(counter_wait(&b.fires, 1, slow(5 * SEC)));
	assert_int_equal(a.early + b.early, 0);
	sys->timer_destroy(a.timer);
	sys->timer_destroy(b.timer);
	sys->event_loop_destroy(loop);
}

/* A timer callback may free its own timer. */
struct self_timer {
	struct sys_timer *timer;
	struct completion done;
};

static void self_free_fn(void *p)
{
	struct self_timer *s = p;
	sys->timer_destroy(s->timer);
	complete(&s->done);
}

static void test_destroy_from_callback(void **state)
{
	struct self_timer s;
	completion_init(&s.done);
	assert_int_equal(sys->timer_create(&s.timer, NULL, self_free_fn, &s), 0);
	sys->timer_arm(s.timer, sys->time_monotonic_ns() + MS);
	assert_true(wait_for(&s.done, slow(5 * SEC)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_never_early),
		cmocka_unit_test(test_past_deadline_fires),
		cmocka_unit_test(test_rearm_moves),
		cmocka_unit_test(test_periodic_rearm_from_callback),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_cancel_sync_waits_for_callback),
		cmocka_unit_test(test_cancel_sync_from_callback),
		cmocka_unit_test(test_timers_on_own_loop),
		cmocka_unit_test(test_destroy_from_callback),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
