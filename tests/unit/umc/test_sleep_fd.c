// SPDX-License-Identifier: GPL-2.0
/*
 * test_sleep_fd.c - a task sleeping on a host fd (umc_task_sleep_fd in umc/src/sched.c, the
 * provider's fd_wait/waker in mte/src/fd_wait.c): ended by readiness, by wake_up_process, by
 * a signal, by its deadline (never early); a wake-up before the sleep is not lost, a stale
 * kick does not end a later sleep, and a ping-pong of wake-ups never hangs. The fd is the
 * host socket under a kernel socket of a loopback pair.
 */
#include "umc_test.h"

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/kthread.h>
#include <linux/signal.h>
#include <linux/jiffies.h>
#include "../../../umc/src/socket_internal.h"
#include "../../../umc/src/sched_internal.h"
#include "socket_test_pair.h"

#define MS (1000ull * 1000ull)

static int host_fd(struct socket *s)
{
	return s->sk->umc->fd;
}

static void test_readiness_ends_sleep(void **state)
{
	struct socket *c, *s;
	int r;

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	assert_int_equal(socket_test_send(c, "x", 1, 0), 1);
	set_current_state(TASK_INTERRUPTIBLE);
	r = umc_task_sleep_fd(host_fd(s), SYS_EV_IN, umc_test_now_ns() + 10000 * MS);
	assert_true(r > 0);
	assert_true(r & SYS_EV_IN);
	assert_int_equal(get_current_state(), TASK_RUNNING);
	socket_test_close(c, s);
}

static void test_deadline_never_early(void **state)
{
	struct socket *c, *s;
	u64 t0 = umc_test_now_ns();
	int r;

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	set_current_state(TASK_INTERRUPTIBLE);
	r = umc_task_sleep_fd(host_fd(s), SYS_EV_IN, t0 + 50 * MS);
	assert_int_equal(r, -ETIMEDOUT);
	assert_true(umc_test_now_ns() - t0 >= 50 * MS);
	assert_int_equal(get_current_state(), TASK_RUNNING);
	socket_test_close(c, s);
}

/* A wake-up between set_current_state() and the sleep makes the sleep return at once. */
static void test_wakeup_before_sleep_not_lost(void **state)
{
	struct socket *c, *s;
	u64 t0 = umc_test_now_ns();

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	set_current_state(TASK_INTERRUPTIBLE);
	assert_int_equal(wake_up_process(current), 1);
	assert_int_equal(umc_task_sleep_fd(host_fd(s), SYS_EV_IN, t0 + 10000 * MS), 0);
	assert_true(umc_test_now_ns() - t0 < 5000 * MS);
	socket_test_close(c, s);
}

/* A kick left over from an earlier wake-up (the task was already running) is consumed by
 * the next sleep without ending it. */
static void test_stale_kick_does_not_end_sleep(void **state)
{
	struct socket *c, *s;
	u64 t0;

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	set_current_state(TASK_INTERRUPTIBLE);
	assert_int_equal(umc_task_sleep_fd(host_fd(s), SYS_EV_IN, umc_test_now_ns() + MS),
			 -ETIMEDOUT); /* makes the task's waker */
	assert_non_null(current->umc_waker);
	sys->waker_kick(current->umc_waker);
	t0 = umc_test_now_ns();
	set_current_state(TASK_INTERRUPTIBLE);
	assert_int_equal(umc_task_sleep_fd(host_fd(s), SYS_EV_IN, t0 + 30 * MS), -ETIMEDOUT);
	assert_true(umc_test_now_ns() - t0 >= 30 * MS);
	socket_test_close(c, s);
}

struct sleeper {
	struct socket *s;
	int ret;
	bool got_signal;
	int rounds;
	struct task_struct *partner;
};

static int sleeper_fn(void *data)
{
	struct sleeper *a = data;

	allow_kernel_signal(SIGHUP);
	set_current_state(TASK_INTERRUPTIBLE);
	a->ret = umc_task_sleep_fd(host_fd(a->s), SYS_EV_IN, 0);
	a->got_signal = signal_pending(current);
	return umc_test_idle_until_stop(0);
}

static void run_sleeper(bool by_signal)
{
	struct socket *c, *s;
	struct sleeper a = { 0 };
	struct task_struct *t;

	socket_test_pair(&c, &s, 0, 0);
	a.s = s;
	t = kthread_run(sleeper_fn, &a, "fd-sleeper");
	assert_false(IS_ERR(t));
	umc_test_wait_asleep(t);
	assert_true(__atomic_load_n(&t->__state, __ATOMIC_SEQ_CST) & __UMC_TASK_FDWAIT);
	if (by_signal)
		send_sig(SIGHUP, t, 1);
	else
		assert_int_equal(wake_up_process(t), 1);
	assert_int_equal(kthread_stop(t), 0);
	assert_int_equal(a.ret, 0);
	assert_int_equal(a.got_signal, by_signal);
	socket_test_close(c, s);
}

static void test_wake_up_process_ends_sleep(void **state)
{
	(void)state;
	run_sleeper(false);
}

static void test_signal_ends_sleep(void **state)
{
	(void)state;
	run_sleeper(true);
}

/* Two tasks hand a turn back and forth, each sleeping on an fd that never becomes ready:
 * every hand-over depends on the kick reaching a task that is just going to sleep. A lost
 * kick shows as a sleep that reaches its 10 s deadline. */
#define PINGPONG 20000

struct pingpong {
	struct socket *s;
	struct task_struct *task[2];
	int turn;
	int rounds[2];
	bool hung;
};

struct pp_arg {
	struct pingpong *pp;
	int me;
};

static int pingpong_fn(void *data)
{
	struct pp_arg *a = data;
	struct pingpong *pp = a->pp;

	while (pp->rounds[a->me] < PINGPONG) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(pp->turn) == a->me) {
			__set_current_state(TASK_RUNNING);
			WRITE_ONCE(pp->rounds[a->me], pp->rounds[a->me] + 1);
			WRITE_ONCE(pp->turn, !a->me);
			wake_up_process(pp->task[!a->me]);
			continue;
		}
		if (umc_task_sleep_fd(host_fd(pp->s), SYS_EV_IN,
				      umc_test_now_ns() + 10000 * MS * umc_test_slowdown()) ==
		    -ETIMEDOUT) {
			WRITE_ONCE(pp->hung, true);
			break;
		}
	}
	return umc_test_idle_until_stop(0);
}

static void test_pingpong_never_hangs(void **state)
{
	struct socket *c, *s;
	struct pingpong pp = { 0 };
	struct pp_arg args[2] = { { &pp, 0 }, { &pp, 1 } };

	(void)state;
	socket_test_pair(&c, &s, 0, 0);
	pp.s = s;
	for (int i = 0; i < 2; i++) {
		pp.task[i] = kthread_create(pingpong_fn, &args[i], "pingpong%d", i);
		assert_false(IS_ERR(pp.task[i]));
	}
	wake_up_process(pp.task[0]);
	wake_up_process(pp.task[1]);
	/* kthread_stop waits for each to finish its rounds (or to give up as hung) */
	while (!READ_ONCE(pp.hung) &&
	       (READ_ONCE(pp.rounds[0]) < PINGPONG || READ_ONCE(pp.rounds[1]) < PINGPONG))
		schedule_timeout_uninterruptible(msecs_to_jiffies(10));
	assert_int_equal(kthread_stop(pp.task[0]), 0);
	assert_int_equal(kthread_stop(pp.task[1]), 0);
	assert_false(pp.hung);
	assert_int_equal(pp.rounds[0], PINGPONG);
	assert_int_equal(pp.rounds[1], PINGPONG);
	socket_test_close(c, s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readiness_ends_sleep),
		cmocka_unit_test(test_deadline_never_early),
		cmocka_unit_test(test_wakeup_before_sleep_not_lost),
		cmocka_unit_test(test_stale_kick_does_not_end_sleep),
		cmocka_unit_test(test_wake_up_process_ends_sleep),
		cmocka_unit_test(test_signal_ends_sleep),
		cmocka_unit_test(test_pingpong_never_hangs),
	};

	return UMC_TEST_RUN(tests);
}
