// SPDX-License-Identifier: GPL-2.0
/* test_timer.c - kernel timers (umc/src/timer.c). */
#include "umc_test.h"

#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#define MS (1000ull * 1000ull)
#define LONG_WAIT msecs_to_jiffies(10000 * umc_test_slowdown())

struct probe {
	struct timer_list timer;
	struct completion fired;
	unsigned long fired_jiffies;
	u64 fired_ns;
	int count;
	int rearm_until;   /* re-arm from the handler while count < this */
	int order;         /* firing position, for ordering tests */
};

static int fire_seq;

static void probe_fn(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);

	p->fired_ns = umc_test_now_ns();
	p->fired_jiffies = jiffies;
	p->order = __atomic_fetch_add(&fire_seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_add_fetch(&p->count, 1, __ATOMIC_SEQ_CST) < p->rearm_until)
		mod_timer(&p->timer, jiffies + 1);
	complete(&p->fired);
}

static void probe_init(struct probe *p)
{
	memset(p, 0, sizeof(*p));
	timer_setup(&p->timer, probe_fn, 0);
	init_completion(&p->fired);
}

static void test_mod_del_return_values(void **state)
{
	struct probe p;

	(void)state;
	probe_init(&p);
	assert_false(timer_pending(&p.timer));
	assert_int_equal(mod_timer(&p.timer, jiffies + 10000), 0);
	assert_true(timer_pending(&p.timer));
	assert_int_equal(mod_timer(&p.timer, jiffies + 20000), 1);
	assert_int_equal(mod_timer_pending(&p.timer, jiffies + 30000), 1);
	assert_int_equal(timer_reduce(&p.timer, jiffies + 40000), 1); /* later: unchanged */
	assert_true(p.timer.expires < jiffies + 35000);
	assert_int_equal(timer_delete(&p.timer), 1);
	assert_false(timer_pending(&p.timer));
	assert_int_equal(del_timer(&p.timer), 0);
	assert_int_equal(mod_timer_pending(&p.timer, jiffies + 10), 0);
	assert_false(timer_pending(&p.timer));
	assert_int_equal(del_timer_sync(&p.timer), 0);
	p.timer.expires = jiffies + 10000;
	add_timer(&p.timer);
	assert_true(timer_pending(&p.timer));
	assert_int_equal(try_to_del_timer_sync(&p.timer), 1);
	assert_int_equal(p.count, 0);
}

/* Fires once, in the tick after expires as Linux does (time_after(jiffies, expires) holds in
 * the handler), and not much later. */
static void test_fires_on_time_never_early(void **state)
{
	struct probe p;
	unsigned long expires;
	u64 t0;

	(void)state;
	probe_init(&p);
	t0 = umc_test_now_ns();
	expires = jiffies + msecs_to_jiffies(30);
	mod_timer(&p.timer, expires);
	assert_int_not_equal(wait_for_completion_timeout(&p.fired, LONG_WAIT), 0);
	assert_int_equal(p.count, 1);
	assert_false(timer_pending(&p.timer));
	assert_true(time_after(p.fired_jiffies, expires));
	assert_true(p.fired_ns >= ((u64)expires + 1) * (NSEC_PER_SEC / HZ));
	assert_true(p.fired_ns - t0 >= 29 * MS);
	assert_true(p.fired_ns - t0 <= (30 + 200ull * umc_test_slowdown()) * MS);
	/* an expiry in the past fires at once */
	reinit_completion(&p.fired);
	mod_timer(&p.timer, jiffies - 5);
	assert_int_not_equal(wait_for_completion_timeout(&p.fired, LONG_WAIT), 0);
	assert_int_equal(p.count, 2);
}

/* Many timers with random expiries fire in expiry order; deleted ones never fire. */
#define NT 64
static void test_many_timers_in_order(void **state)
{
	struct probe *p = kcalloc(NT, sizeof(*p), GFP_KERNEL);
	unsigned long now = jiffies;
	int i, fired = 0;

	(void)state;
	assert_non_null(p);
	fire_seq = 0;
	for (i = 0; i < NT; i++) {
		probe_init(&p[i]);
		mod_timer(&p[i].timer, now + 20 + get_random_u32() % 60);
	}
	/* move some, delete some */
	for (i = 0; i < NT; i += 4)
		mod_timer(&p[i].timer, now + 20 + get_random_u32() % 60);
	for (i = 1; i < NT; i += 8)
		assert_int_equal(del_timer(&p[i].timer), 1);
	for (i = 0; i < NT; i++) {
		if (i % 8 == 1)
			continue;
		assert_int_not_equal(wait_for_completion_timeout(&p[i].fired, LONG_WAIT), 0);
		fired++;
	}
	for (i = 0; i < NT; i++) {
		if (i % 8 == 1) {
			assert_int_equal(p[i].count, 0);
			continue;
		}
		assert_int_equal(p[i].count, 1);
		assert_true(time_after(p[i].fired_jiffies, p[i].timer.expires));
	}
	/* firing order follows expiry order */
	for (i = 0; i < NT; i++) {
		int j;

		for (j = 0; j < NT; j++) {
			if (i % 8 == 1 || j % 8 == 1)
				continue;
			if (p[i].timer.expires < p[j].timer.expires)
				assert_true(p[i].order < p[j].order);
		}
	}
	assert_int_equal(fired, NT - NT / 8);
	kfree(p);
}

/* del_timer_sync waits for the handler that is running. */
struct slow {
	struct timer_list timer;
	struct completion in_handler, release, deleted;
	int handler_done;
	int done_at_delete;
	int del_ret;
};

static void slow_fn(struct timer_list *t)
{
	struct slow *s = from_timer(s, t, timer);

	complete(&s->in_handler);
	/* Test only: a handler must not sleep; this one blocks to keep "running" observable. */
	wait_for_completion(&s->release);
	__atomic_store_n(&s->handler_done, 1, __ATOMIC_SEQ_CST);
}

static int deleter_fn(void *arg)
{
	struct slow *s = arg;

	s->del_ret = del_timer_sync(&s->timer);
	s->done_at_delete = __atomic_load_n(&s->handler_done, __ATOMIC_SEQ_CST);
	complete(&s->deleted);
	return umc_test_idle_until_stop(0);
}

static void test_del_timer_sync_waits_for_handler(void **state)
{
	struct slow s;
	struct task_struct *k;

	(void)state;
	memset(&s, 0, sizeof(s));
	timer_setup(&s.timer, slow_fn, 0);
	init_completion(&s.in_handler);
	init_completion(&s.release);
	init_completion(&s.deleted);
	mod_timer(&s.timer, jiffies);
	wait_for_completion(&s.in_handler);
	assert_false(timer_pending(&s.timer));
	assert_int_equal(try_to_del_timer_sync(&s.timer), -1);
	k = kthread_run(deleter_fn, &s, "deleter");
	assert_false(IS_ERR(k));
	assert_int_equal(wait_for_completion_timeout(&s.deleted, msecs_to_jiffies(100)), 0);
	complete(&s.release);
	assert_int_not_equal(wait_for_completion_timeout(&s.deleted, LONG_WAIT), 0);
	assert_int_equal(s.done_at_delete, 1);
	assert_int_equal(s.del_ret, 0);
	assert_int_equal(kthread_stop(k), 0);
}

/* A handler may re-arm its own timer; del_timer_sync stops the chain for good. */
static void test_rearm_from_handler(void **state)
{
	struct probe p;
	int count;

	(void)state;
	probe_init(&p);
	p.rearm_until = 5;
	mod_timer(&p.timer, jiffies + 1);
	while (__atomic_load_n(&p.count, __ATOMIC_SEQ_CST) < 5)
		assert_int_not_equal(wait_for_completion_timeout(&p.fired, LONG_WAIT), 0);
	assert_int_equal(p.count, 5);
	assert_false(timer_pending(&p.timer));

	/* endless chain */
	p.rearm_until = INT_MAX;
	mod_timer(&p.timer, jiffies + 1);
	assert_int_not_equal(wait_for_completion_timeout(&p.fired, LONG_WAIT), 0);
	assert_int_not_equal(wait_for_completion_timeout(&p.fired, LONG_WAIT), 0);
	del_timer_sync(&p.timer);
	assert_false(timer_pending(&p.timer));
	count = p.count;
	reinit_completion(&p.fired);
	assert_int_equal(wait_for_completion_timeout(&p.fired, msecs_to_jiffies(30)), 0);
	assert_int_equal(p.count, count);
}

/* An earlier timer armed while the timer thread sleeps towards a later one fires on time. */
static void test_earlier_timer_wakes_thread(void **state)
{
	struct probe late, early;
	u64 t0;

	(void)state;
	probe_init(&late);
	probe_init(&early);
	mod_timer(&late.timer, jiffies + msecs_to_jiffies(5000));
	t0 = umc_test_now_ns();
	mod_timer(&early.timer, jiffies + msecs_to_jiffies(20));
	assert_int_not_equal(wait_for_completion_timeout(&early.fired, LONG_WAIT), 0);
	assert_true(umc_test_now_ns() - t0 <= (20 + 200ull * umc_test_slowdown()) * MS);
	assert_int_equal(late.count, 0);
	assert_int_equal(del_timer_sync(&late.timer), 1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mod_del_return_values),
		cmocka_unit_test(test_fires_on_time_never_early),
		cmocka_unit_test(test_many_timers_in_order),
		cmocka_unit_test(test_del_timer_sync_waits_for_handler),
		cmocka_unit_test(test_rearm_from_handler),
		cmocka_unit_test(test_earlier_timer_wakes_thread),
	};

	return UMC_TEST_RUN(tests);
}
