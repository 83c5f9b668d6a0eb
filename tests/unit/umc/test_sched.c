// SPDX-License-Identifier: GPL-2.0
/* test_sched.c - tasks, current, schedule/wake_up_process, schedule_timeout (umc/src/sched.c). */
#include "umc_test.h"

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/string.h>

#define MS (1000ull * 1000ull)

static void test_current_is_stable(void **state)
{
	struct task_struct *me = current;

	assert_non_null(me);
	assert_ptr_equal(me, current);
	assert_int_equal(task_pid_nr(me), sys->thread_id());
	assert_int_equal(get_current_state(), TASK_RUNNING);
	assert_false(me->flags & PF_KTHREAD);
	assert_null(me->plug);
}

/* A wake-up between set_current_state() and schedule() must make schedule() return. */
static void test_wakeup_before_schedule_is_not_lost(void **state)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up_process(current), 1);
	assert_int_equal(get_current_state(), TASK_RUNNING);
	schedule(); /* returns at once */
	assert_int_equal(get_current_state(), TASK_RUNNING);
	/* Waking a running task does nothing and says so. */
	assert_int_equal(wake_up_process(current), 0);
	/* wake_up_state() only wakes the given states. */
	set_current_state(TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up_state(current, TASK_INTERRUPTIBLE), 0);
	assert_int_equal(get_current_state(), TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up_state(current, TASK_UNINTERRUPTIBLE), 1);
	schedule();
}

static void test_schedule_timeout_on_time(void **state)
{
	const long t = msecs_to_jiffies(50);
	u64 t0 = umc_test_now_ns();
	long left;
	u64 el;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(t);
	el = umc_test_now_ns() - t0;
	assert_int_equal(left, 0);
	assert_true(el >= 50 * MS);                               /* never early */
	assert_true(el <= (50 + 100ull * umc_test_slowdown()) * MS); /* late by a bounded margin */
	assert_int_equal(get_current_state(), TASK_RUNNING);

	/* Running state: no sleep, the whole timeout is left. */
	__set_current_state(TASK_RUNNING);
	left = schedule_timeout(1000);
	assert_true(left > 990 && left <= 1000);
}

static void test_schedule_timeout_zero(void **state)
{
	set_current_state(TASK_INTERRUPTIBLE);
	assert_int_equal(schedule_timeout(0), 0);
	assert_int_equal(get_current_state(), TASK_RUNNING);
}

struct waker {
	struct task_struct *target;
	unsigned int delay_ms;
};

static int waker_fn(void *arg)
{
	struct waker *w = arg;

	schedule_timeout_uninterruptible(msecs_to_jiffies(w->delay_ms));
	wake_up_process(w->target);
	return umc_test_idle_until_stop(0);
}

static void test_schedule_timeout_returns_remaining(void **state)
{
	struct waker w = { .target = current, .delay_ms = 30 };
	struct task_struct *k;
	u64 t0, el_ms;
	long left;

	k = kthread_run(waker_fn, &w, "waker");
	assert_false(IS_ERR(k));
	t0 = umc_test_now_ns();
	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(msecs_to_jiffies(10000));
	el_ms = (umc_test_now_ns() - t0) / MS;
	/* Woken well before the timeout: remaining = timeout - elapsed (rounded up). */
	assert_true(left > 0);
	assert_true((u64)left <= 10000 - el_ms + 1);
	assert_true((u64)left + el_ms + 2 >= 10000);
	assert_true(el_ms >= 29);
	assert_int_equal(kthread_stop(k), 0);
}

/* Ping-pong through raw task states many times: a lost wake-up would hang the test. */
struct pingpong {
	struct task_struct *a, *b;
	unsigned int turn; /* 0: a's turn, 1: b's turn */
	unsigned int rounds;
	struct completion done;
};

static void pp_wait_turn(struct pingpong *pp, unsigned int mine)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (__atomic_load_n(&pp->turn, __ATOMIC_ACQUIRE) == mine)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int pp_b(void *arg)
{
	struct pingpong *pp = arg;

	for (unsigned int i = 0; i < pp->rounds; i++) {
		pp_wait_turn(pp, 1);
		__atomic_store_n(&pp->turn, 0, __ATOMIC_RELEASE);
		wake_up_process(pp->a);
	}
	return umc_test_idle_until_stop(7);
}

static void test_lost_wakeup_stress(void **state)
{
	struct pingpong pp = { .a = current, .turn = 0 };
	struct task_struct *k;

	pp.rounds = umc_test_slowdown() > 1 ? 2000 : 50000;
	k = kthread_create(pp_b, &pp, "pp_b");
	assert_false(IS_ERR(k));
	pp.b = k;
	wake_up_process(k);
	for (unsigned int i = 0; i < pp.rounds; i++) {
		pp_wait_turn(&pp, 0);
		__atomic_store_n(&pp.turn, 1, __ATOMIC_RELEASE);
		wake_up_process(pp.b);
	}
	pp_wait_turn(&pp, 0);
	assert_int_equal(kthread_stop(k), 7);
}

static void foreign_thread(void *arg)
{
	int *out = arg;
	struct task_struct *t = current; /* adopted here */

	out[0] = t->pid == sys->thread_id();
	out[1] = !(t->flags & PF_KTHREAD);
	/* An adopted thread accepts signals. */
	send_sig(SIGUSR1, t, 0);
	out[2] = signal_pending(t);
	flush_signals(t);
	umc_current_release();
}

static void test_foreign_thread_adoption(void **state)
{
	struct sys_thread *th;
	int out[3] = { 0, 0, 0 };

	assert_int_equal(sys->thread_create(&th, "foreign", foreign_thread, out), 0);
	assert_int_equal(sys->thread_join(th), 0);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 1);
}

struct affinity_result {
	long word[3];
	struct completion done;
};

static int affinity_fn(void *arg)
{
	struct affinity_result *res = arg;
	long *word = res->word;
	cpumask_var_t mask;

	assert_true(zalloc_cpumask_var(&mask, GFP_KERNEL));
	cpumask_set_cpu(0, mask);
	word[0] = set_cpus_allowed_ptr(current, mask);
	word[1] = umc_test_affinity_word();
	cpumask_clear(mask);
	word[2] = set_cpus_allowed_ptr(current, mask);
	free_cpumask_var(mask);
	complete(&res->done);
	return umc_test_idle_until_stop(0);
}

static void test_set_cpus_allowed_ptr(void **state)
{
	struct affinity_result res;
	struct task_struct *k;

	init_completion(&res.done);
	k = kthread_run(affinity_fn, &res, "affinity");
	assert_false(IS_ERR(k));
	/* kthread_stop() right after kthread_run() may stop it before it ran (as in the
	 * kernel): wait for its work first. */
	wait_for_completion(&res.done);
	assert_int_equal(kthread_stop(k), 0);
	assert_int_equal(res.word[0], 0);
	assert_int_equal(res.word[1], 1);        /* really pinned to CPU 0 */
	assert_int_equal(res.word[2], -EINVAL);  /* empty mask refused */
}

static void test_task_refcount_and_comm(void **state)
{
	char buf[TASK_COMM_LEN];
	struct task_struct *me = get_task_struct(current);

	put_task_struct(me);
	get_task_comm(buf, me);
	assert_int_equal(strlen(buf) < TASK_COMM_LEN, 1);
	sched_set_fifo_low(me); /* advisory; must not change anything else */
	assert_int_equal(get_current_state(), TASK_RUNNING);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_current_is_stable),
		cmocka_unit_test(test_wakeup_before_schedule_is_not_lost),
		cmocka_unit_test(test_schedule_timeout_on_time),
		cmocka_unit_test(test_schedule_timeout_zero),
		cmocka_unit_test(test_schedule_timeout_returns_remaining),
		cmocka_unit_test(test_lost_wakeup_stress),
		cmocka_unit_test(test_foreign_thread_adoption),
		cmocka_unit_test(test_set_cpus_allowed_ptr),
		cmocka_unit_test(test_task_refcount_and_comm),
	};
	return UMC_TEST_RUN(tests);
}
