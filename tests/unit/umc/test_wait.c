// SPDX-License-Identifier: GPL-2.0
/* test_wait.c - wait queues and the wait_event family (umc/src/wait.c). */
#include "umc_test.h"

#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>

#define MS (1000ull * 1000ull)

static DECLARE_WAIT_QUEUE_HEAD(wq);

static void test_wait_event_timeout_times_out_on_time(void **state)
{
	int cond = 0;
	u64 t0 = umc_test_now_ns();
	long r = wait_event_timeout(wq, READ_ONCE(cond), msecs_to_jiffies(60));
	u64 el = umc_test_now_ns() - t0;

	assert_int_equal(r, 0);
	assert_true(el >= 60 * MS);                                /* not early */
	assert_true(el <= (60 + 100ull * umc_test_slowdown()) * MS); /* late by a bounded margin */
	assert_true(list_empty(&wq.head));
	assert_int_equal(get_current_state(), TASK_RUNNING);
}

static void test_wait_event_timeout_condition_already_true(void **state)
{
	int cond = 1;

	assert_int_equal(wait_event_timeout(wq, cond, 500), 500);
	/* A true condition with no time left still reports success (1). */
	assert_int_equal(wait_event_timeout(wq, cond, 0), 1);
	cond = 0;
	assert_int_equal(wait_event_timeout(wq, cond, 0), 0);
	assert_int_equal(wait_event_interruptible_timeout(wq, 1, 77), 77);
}

struct setter {
	wait_queue_head_t *wq;
	int *cond;
	unsigned int delay_ms;
	spinlock_t *lock;       /* set the condition under this lock if non-NULL */
};

static int setter_fn(void *arg)
{
	struct setter *s = arg;

	schedule_timeout_uninterruptible(msecs_to_jiffies(s->delay_ms));
	if (s->lock)
		spin_lock_irq(s->lock);
	WRITE_ONCE(*s->cond, 1);
	if (s->lock)
		spin_unlock_irq(s->lock);
	wake_up(s->wq);
	return umc_test_idle_until_stop(0);
}

static void test_wait_event_timeout_returns_remaining(void **state)
{
	int cond = 0;
	struct setter s = { .wq = &wq, .cond = &cond, .delay_ms = 40 };
	struct task_struct *k = kthread_run(setter_fn, &s, "setter");
	u64 t0 = umc_test_now_ns(), el_ms;
	long r;

	assert_false(IS_ERR(k));
	r = wait_event_timeout(wq, READ_ONCE(cond), msecs_to_jiffies(5000));
	el_ms = (umc_test_now_ns() - t0) / MS;
	assert_true(READ_ONCE(cond));
	assert_true(r > 0);
	/* remaining == timeout - elapsed, give or take the rounding of one jiffy */
	assert_true((u64)r <= 5000 - el_ms + 1);
	assert_true((u64)r + el_ms + 2 >= 5000);
	assert_true(el_ms >= 39);
	assert_int_equal(kthread_stop(k), 0);
}

static void test_wait_event_and_lock_irq(void **state)
{
	DEFINE_SPINLOCK(lock);
	int cond = 0;
	struct setter s = { .wq = &wq, .cond = &cond, .delay_ms = 10, .lock = &lock };
	struct task_struct *k = kthread_run(setter_fn, &s, "setter");

	assert_false(IS_ERR(k));
	spin_lock_irq(&lock);
	wait_event_lock_irq(wq, cond, lock);
	assert_true(spin_is_locked(&lock)); /* returns with the lock held */
	spin_unlock_irq(&lock);
	assert_int_equal(kthread_stop(k), 0);

	/* timeout form: times out (0) with the lock held again */
	cond = 0;
	spin_lock_irq(&lock);
	assert_int_equal(wait_event_lock_irq_timeout(wq, cond, lock, 20), 0);
	assert_true(spin_is_locked(&lock));
	spin_unlock_irq(&lock);
}

static void test_wait_event_cmd(void **state)
{
	int cond = 0, before = 0, after = 0;
	struct setter s = { .wq = &wq, .cond = &cond, .delay_ms = 10 };
	struct task_struct *k = kthread_run(setter_fn, &s, "setter");

	assert_false(IS_ERR(k));
	wait_event_cmd(wq, READ_ONCE(cond), before++, after++);
	assert_true(before >= 1);
	assert_int_equal(before, after);
	assert_int_equal(kthread_stop(k), 0);
	/* condition already true: the commands never run */
	before = after = 0;
	wait_event_cmd(wq, 1, before++, after++);
	assert_int_equal(before + after, 0);
}

/* Exclusive waiters: wake_up() wakes every non-exclusive waiter and exactly one exclusive. */
struct xwaiter {
	bool exclusive;
	struct task_struct *task;
	unsigned int *woken;
	struct completion *one_woke;
};

static int xwaiter_fn(void *arg)
{
	struct xwaiter *w = arg;
	DEFINE_WAIT(wait);

	if (w->exclusive)
		prepare_to_wait_exclusive(&wq, &wait, TASK_UNINTERRUPTIBLE);
	else
		prepare_to_wait(&wq, &wait, TASK_UNINTERRUPTIBLE);
	schedule();
	finish_wait(&wq, &wait);
	__atomic_fetch_add(w->woken, 1, __ATOMIC_SEQ_CST);
	complete(w->one_woke);
	return umc_test_idle_until_stop(0);
}

static unsigned int queued_entries(void)
{
	unsigned int n = 0;
	struct list_head *p;

	spin_lock(&wq.lock);
	list_for_each(p, &wq.head)
		n++;
	spin_unlock(&wq.lock);
	return n;
}

static void test_exclusive_wakeup_wakes_one(void **state)
{
	enum { NX = 3 };
	struct xwaiter w[NX + 1];
	unsigned int woken = 0;
	struct completion one_woke;

	init_completion(&one_woke);
	for (int i = 0; i <= NX; i++) {
		w[i] = (struct xwaiter){ .exclusive = i < NX, .woken = &woken, .one_woke = &one_woke };
		w[i].task = kthread_run(xwaiter_fn, &w[i], "xw%d", i);
		assert_false(IS_ERR(w[i].task));
	}
	for (int i = 0; i <= NX; i++)
		umc_test_wait_asleep(w[i].task);
	assert_int_equal(queued_entries(), NX + 1);

	wake_up(&wq); /* the non-exclusive waiter and one exclusive one */
	wait_for_completion(&one_woke);
	wait_for_completion(&one_woke);
	assert_int_equal(__atomic_load_n(&woken, __ATOMIC_SEQ_CST), 2);
	/* Exactly NX - 1 exclusive waiters still queued and asleep. */
	assert_int_equal(queued_entries(), NX - 1);

	wake_up_nr(&wq, 1);
	wait_for_completion(&one_woke);
	assert_int_equal(queued_entries(), NX - 2);

	wake_up_all(&wq);
	for (int i = 0; i < NX - 2; i++)
		wait_for_completion(&one_woke);
	assert_int_equal(__atomic_load_n(&woken, __ATOMIC_SEQ_CST), NX + 1);
	assert_int_equal(queued_entries(), 0);
	for (int i = 0; i <= NX; i++)
		assert_int_equal(kthread_stop(w[i].task), 0);
}

/* Lost wake-up stress through wait_event / wake_up in both directions. */
struct ping {
	wait_queue_head_t wq;
	unsigned int turn;
	unsigned int rounds;
};

static int ping_b(void *arg)
{
	struct ping *p = arg;

	for (unsigned int i = 0; i < p->rounds; i++) {
		wait_event(p->wq, __atomic_load_n(&p->turn, __ATOMIC_ACQUIRE) == 1);
		__atomic_store_n(&p->turn, 0, __ATOMIC_RELEASE);
		wake_up(&p->wq);
	}
	return umc_test_idle_until_stop(5);
}

static void test_lost_wakeup_stress(void **state)
{
	struct ping p = { .turn = 0 };
	struct task_struct *k;

	init_waitqueue_head(&p.wq);
	p.rounds = umc_test_slowdown() > 1 ? 2000 : 50000;
	k = kthread_run(ping_b, &p, "ping_b");
	assert_false(IS_ERR(k));
	for (unsigned int i = 0; i < p.rounds; i++) {
		wait_event(p.wq, __atomic_load_n(&p.turn, __ATOMIC_ACQUIRE) == 0);
		__atomic_store_n(&p.turn, 1, __ATOMIC_RELEASE);
		wake_up(&p.wq);
	}
	wait_event(p.wq, __atomic_load_n(&p.turn, __ATOMIC_ACQUIRE) == 0);
	assert_int_equal(kthread_stop(k), 5);
}

/* wait_woken / woken_wake_function: the pattern of socket waits. */
static int woken_setter(void *arg)
{
	wake_up_interruptible(&wq);
	return umc_test_idle_until_stop(0);
}

static void test_wait_woken(void **state)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct task_struct *k;
	long left;

	add_wait_queue(&wq, &wait);
	/* Nothing wakes us: the full timeout passes. */
	assert_int_equal(wait_woken(&wait, TASK_INTERRUPTIBLE, 10), 0);
	/* Marked woken before we sleep: no sleep at all. */
	k = kthread_run(woken_setter, NULL, "woken");
	assert_false(IS_ERR(k));
	left = wait_woken(&wait, TASK_INTERRUPTIBLE, msecs_to_jiffies(10000));
	assert_true(left > 0);
	remove_wait_queue(&wq, &wait);
	assert_int_equal(kthread_stop(k), 0);
	assert_true(list_empty(&wq.head));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_event_timeout_times_out_on_time),
		cmocka_unit_test(test_wait_event_timeout_condition_already_true),
		cmocka_unit_test(test_wait_event_timeout_returns_remaining),
		cmocka_unit_test(test_wait_event_and_lock_irq),
		cmocka_unit_test(test_wait_event_cmd),
		cmocka_unit_test(test_exclusive_wakeup_wakes_one),
		cmocka_unit_test(test_lost_wakeup_stress),
		cmocka_unit_test(test_wait_woken),
	};
	return UMC_TEST_RUN(tests);
}
