// SPDX-License-Identifier: GPL-2.0
/* test_kthread.c - kthread_create/run/stop/should_stop (umc/src/kthread.c). */
#include "umc_test.h"

#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/string.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);

struct info {
	struct task_struct *self;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	bool is_kthread;
	bool stop_seen_early;
	int ran;
	struct completion started;
};

static int info_fn(void *arg)
{
	struct info *in = arg;

	in->self = current;
	in->pid = task_pid_nr(current);
	strscpy(in->comm, current->comm, sizeof(in->comm));
	in->is_kthread = current->flags & PF_KTHREAD;
	in->stop_seen_early = kthread_should_stop();
	in->ran++;
	complete(&in->started);
	/* block in wait_event_interruptible until kthread_stop() */
	wait_event_interruptible(wq, kthread_should_stop());
	return 42;
}

static void test_run_and_stop(void **state)
{
	struct info in = { .ran = 0 };
	struct task_struct *k;

	init_completion(&in.started);
	k = kthread_run(info_fn, &in, "drbd_%c_%s", 'w', "r0-with-a-long-name");
	assert_false(IS_ERR(k));
	assert_true(k->pid > 0);
	assert_int_not_equal(k->pid, current->pid);
	wait_for_completion(&in.started);
	assert_ptr_equal(in.self, k);
	assert_int_equal(in.pid, k->pid);
	assert_string_equal(in.comm, "drbd_w_r0-with-"); /* 15 characters, as TASK_COMM_LEN */
	assert_true(in.is_kthread);
	assert_false(in.stop_seen_early);
	/* k blocks in wait_event_interruptible(); kthread_stop wakes it and gets its result */
	umc_test_wait_asleep(k);
	assert_int_equal(kthread_stop(k), 42);
	assert_int_equal(in.ran, 1);
}

static void test_created_thread_sleeps_until_woken(void **state)
{
	struct info in = { .ran = 0 };
	struct task_struct *k;

	init_completion(&in.started);
	k = kthread_create(info_fn, &in, "sleeper");
	assert_false(IS_ERR(k));
	assert_true(k->pid > 0); /* known on return */
	umc_test_wait_asleep(k);
	/* never woken: kthread_stop() stops it before the function runs */
	assert_int_equal(kthread_stop(k), -EINTR);
	assert_int_equal(in.ran, 0);

	k = kthread_create(info_fn, &in, "sleeper2");
	assert_false(IS_ERR(k));
	assert_int_equal(wake_up_process(k), 1);
	wait_for_completion(&in.started);
	assert_int_equal(kthread_stop(k), 42);
	assert_int_equal(in.ran, 1);
}

/* A thread that returns on its own: reaped by umc (no leak at teardown). */
static int quick_fn(void *arg)
{
	complete(arg);
	return 0;
}

static void test_self_exiting_threads_are_reaped(void **state)
{
	struct completion done;

	init_completion(&done);
	for (int i = 0; i < 8; i++) {
		struct task_struct *k = kthread_run(quick_fn, &done, "quick%d", i);

		assert_false(IS_ERR(k));
		wait_for_completion(&done);
	}
}

/* A reference keeps the task of an exited thread: kthread_stop() still gets the result. */
static int exit_fn(void *arg)
{
	complete(arg);
	return 9;
}

static void test_stop_after_exit_with_reference(void **state)
{
	struct completion ran;
	struct task_struct *k, *other;

	init_completion(&ran);
	k = kthread_create(exit_fn, &ran, "exiter");
	assert_false(IS_ERR(k));
	get_task_struct(k);
	wake_up_process(k);
	wait_for_completion(&ran);
	/* another kthread_create() reaps exited threads; our reference keeps k valid */
	other = kthread_run(quick_fn, &ran, "other");
	assert_false(IS_ERR(other));
	wait_for_completion(&ran);
	assert_int_equal(kthread_stop(k), 9);
	assert_true(k->flags & PF_EXITING);
	put_task_struct(k);
}

static void test_kthread_should_stop_outside_kthread(void **state)
{
	assert_false(kthread_should_stop());
	assert_null(kthread_data(current));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_and_stop),
		cmocka_unit_test(test_created_thread_sleeps_until_woken),
		cmocka_unit_test(test_self_exiting_threads_are_reaped),
		cmocka_unit_test(test_stop_after_exit_with_reference),
		cmocka_unit_test(test_kthread_should_stop_outside_kthread),
	};
	return UMC_TEST_RUN(tests);
}
