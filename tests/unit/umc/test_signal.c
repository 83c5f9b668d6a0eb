// SPDX-License-Identifier: GPL-2.0
/* test_signal.c - send_sig, signal_pending, flush_signals, allow_kernel_signal (umc/src/signal.c). */
#include "umc_test.h"

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/jiffies.h>

#define MS (1000ull * 1000ull)

static DECLARE_WAIT_QUEUE_HEAD(wq);

enum how { WAIT_INTERRUPTIBLE, WAIT_INTERRUPTIBLE_TIMEOUT, SLEEP_INTERRUPTIBLE, WAIT_KILLABLE,
	   WAIT_UNINTERRUPTIBLE };

struct victim {
	enum how how;
	int allow;              /* signal to allow (0: none) */
	long result;
	u64 elapsed_ns;
	int cond;
	bool pending_after;
	struct completion done;
};

static int victim_fn(void *arg)
{
	struct victim *v = arg;
	u64 t0;

	if (v->allow)
		allow_kernel_signal(v->allow);
	if (v->how == WAIT_KILLABLE)
		allow_kernel_signal(SIGKILL);
	t0 = umc_test_now_ns();
	switch (v->how) {
	case WAIT_INTERRUPTIBLE:
		v->result = wait_event_interruptible(wq, READ_ONCE(v->cond));
		break;
	case WAIT_INTERRUPTIBLE_TIMEOUT:
		v->result = wait_event_interruptible_timeout(wq, READ_ONCE(v->cond), 100000);
		break;
	case SLEEP_INTERRUPTIBLE:
		v->result = schedule_timeout_interruptible(msecs_to_jiffies(100000));
		break;
	case WAIT_KILLABLE:
		v->result = wait_event_killable(wq, READ_ONCE(v->cond));
		break;
	case WAIT_UNINTERRUPTIBLE:
		wait_event(wq, READ_ONCE(v->cond));
		v->result = 0;
		break;
	}
	v->elapsed_ns = umc_test_now_ns() - t0;
	v->pending_after = signal_pending(current);
	complete(&v->done);
	return umc_test_idle_until_stop(0);
}

static struct task_struct *start_victim(struct victim *v, enum how how, int allow)
{
	struct task_struct *k;

	*v = (struct victim){ .how = how, .allow = allow };
	init_completion(&v->done);
	k = kthread_run(victim_fn, v, "victim");
	assert_false(IS_ERR(k));
	umc_test_wait_asleep(k);
	return k;
}

static void test_send_sig_interrupts_wait_event_interruptible(void **state)
{
	struct victim v;
	struct task_struct *k = start_victim(&v, WAIT_INTERRUPTIBLE, SIGHUP);

	assert_int_equal(send_sig(SIGHUP, k, 1), 0);
	wait_for_completion(&v.done);
	assert_int_equal(v.result, -ERESTARTSYS);
	assert_true(v.pending_after); /* stays pending until flush_signals() */
	assert_true(list_empty(&wq.head));
	assert_int_equal(kthread_stop(k), 0);

	k = start_victim(&v, WAIT_INTERRUPTIBLE_TIMEOUT, SIGHUP);
	assert_int_equal(send_sig(SIGHUP, k, 1), 0);
	wait_for_completion(&v.done);
	assert_int_equal(v.result, -ERESTARTSYS);
	assert_int_equal(kthread_stop(k), 0);
}

static void test_send_sig_ends_interruptible_sleep_early(void **state)
{
	struct victim v;
	struct task_struct *k = start_victim(&v, SLEEP_INTERRUPTIBLE, SIGXCPU);

	assert_int_equal(send_sig(SIGXCPU, k, 1), 0);
	wait_for_completion(&v.done);
	/* returned long before the 100 s, with nearly all of it left */
	assert_true(v.result > 0);
	assert_true(v.result <= 100000);
	assert_true(v.result >= 100000 - (long)(v.elapsed_ns / MS) - 2);
	assert_true(v.elapsed_ns < 10000 * MS);
	assert_int_equal(kthread_stop(k), 0);
}

static void test_kthread_discards_signals_it_did_not_allow(void **state)
{
	struct victim v;
	struct task_struct *k = start_victim(&v, WAIT_INTERRUPTIBLE, 0);

	assert_int_equal(send_sig(SIGHUP, k, 1), 0);
	assert_false(signal_pending(k));
	/* still asleep: the signal was discarded without a wake-up */
	assert_true(__atomic_load_n(&k->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_SLEEPING);
	WRITE_ONCE(v.cond, 1);
	wake_up(&wq);
	wait_for_completion(&v.done);
	assert_int_equal(v.result, 0);
	assert_int_equal(kthread_stop(k), 0);
}

static void test_signal_does_not_end_uninterruptible_waits(void **state)
{
	struct victim v;
	struct task_struct *k = start_victim(&v, WAIT_UNINTERRUPTIBLE, SIGHUP);

	assert_int_equal(send_sig(SIGHUP, k, 1), 0);
	assert_true(signal_pending(k));
	/* the sender's wake-up only targets interruptible sleeps: k still sleeps */
	assert_true(__atomic_load_n(&k->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_SLEEPING);
	WRITE_ONCE(v.cond, 1);
	wake_up(&wq);
	wait_for_completion(&v.done);
	assert_int_equal(v.result, 0);
	assert_int_equal(kthread_stop(k), 0);
}

static void test_killable_only_by_sigkill(void **state)
{
	struct victim v;
	struct task_struct *k = start_victim(&v, WAIT_KILLABLE, SIGHUP);

	send_sig(SIGHUP, k, 1);
	assert_true(signal_pending(k));
	assert_true(__atomic_load_n(&k->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_SLEEPING);
	send_sig(SIGKILL, k, 1);
	wait_for_completion(&v.done);
	assert_int_equal(v.result, -ERESTARTSYS);
	assert_int_equal(kthread_stop(k), 0);
}

/* The calling (adopted) thread accepts every signal; a pending one ends sleeps at once. */
static void test_pending_signal_on_current(void **state)
{
	u64 t0;
	long left;

	assert_false(signal_pending(current));
	assert_int_equal(send_sig(SIGUSR2, current, 0), 0);
	assert_true(signal_pending(current));
	assert_true(umc_signal_is_pending(current, SIGUSR2));
	assert_false(fatal_signal_pending(current));

	t0 = umc_test_now_ns();
	left = schedule_timeout_interruptible(msecs_to_jiffies(5000));
	assert_int_equal(left, 5000);
	assert_true(umc_test_now_ns() - t0 < 1000 * MS);
	assert_int_equal(wait_event_interruptible(wq, 0), -ERESTARTSYS);
	assert_int_equal(wait_event_interruptible_timeout(wq, 0, 10), -ERESTARTSYS);
	/* a true condition wins over a pending signal */
	assert_int_equal(wait_event_interruptible(wq, 1), 0);
	/* uninterruptible sleeps are not affected */
	assert_int_equal(schedule_timeout_uninterruptible(5), 0);

	flush_signals(current);
	assert_false(signal_pending(current));

	/* disallow_signal: later ones are discarded, a pending one dropped */
	send_sig(SIGUSR1, current, 0);
	disallow_signal(SIGUSR1);
	assert_false(signal_pending(current));
	send_sig(SIGUSR1, current, 0);
	assert_false(signal_pending(current));
	allow_signal(SIGUSR1);
	assert_int_equal(send_sig(0, current, 0), -EINVAL);
	assert_int_equal(send_sig(65, current, 0), -EINVAL);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_send_sig_interrupts_wait_event_interruptible),
		cmocka_unit_test(test_send_sig_ends_interruptible_sleep_early),
		cmocka_unit_test(test_kthread_discards_signals_it_did_not_allow),
		cmocka_unit_test(test_signal_does_not_end_uninterruptible_waits),
		cmocka_unit_test(test_killable_only_by_sigkill),
		cmocka_unit_test(test_pending_signal_on_current),
	};
	return UMC_TEST_RUN(tests);
}
