// SPDX-License-Identifier: GPL-2.0
/* test_completion.c - completions (umc/src/completion.c). */
#include "umc_test.h"

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/jiffies.h>

#define MS (1000ull * 1000ull)

static void test_counts_and_try_wait(void **state)
{
	struct completion c = COMPLETION_INITIALIZER_ONSTACK(c);

	assert_false(completion_done(&c));
	assert_false(try_wait_for_completion(&c));
	complete(&c);
	complete(&c);
	assert_true(completion_done(&c));
	wait_for_completion(&c);        /* consumes one */
	assert_true(try_wait_for_completion(&c));
	assert_false(try_wait_for_completion(&c));
	complete_all(&c);
	for (int i = 0; i < 5; i++)
		wait_for_completion(&c);    /* all pass until reinit */
	assert_true(completion_done(&c));
	reinit_completion(&c);
	assert_false(completion_done(&c));
}

static void test_timeout_on_time(void **state)
{
	DECLARE_COMPLETION_ONSTACK(c);
	u64 t0 = umc_test_now_ns(), el;

	assert_int_equal(wait_for_completion_timeout(&c, msecs_to_jiffies(40)), 0);
	el = umc_test_now_ns() - t0;
	assert_true(el >= 40 * MS);
	assert_true(el <= (40 + 100ull * umc_test_slowdown()) * MS);
	assert_int_equal(wait_for_completion_interruptible_timeout(&c, 5), 0);
	complete(&c);
	assert_int_equal(wait_for_completion_timeout(&c, 77), 77);
}

struct waiter {
	struct completion *c;
	unsigned int mode;  /* 0 plain, 1 interruptible_timeout */
	long result;
	struct completion *finished;
};

static int waiter_fn(void *arg)
{
	struct waiter *w = arg;

	allow_kernel_signal(SIGHUP);
	if (w->mode == 0) {
		wait_for_completion(w->c);
		w->result = 0;
	} else {
		w->result = wait_for_completion_interruptible_timeout(w->c, msecs_to_jiffies(100000));
	}
	complete(w->finished);
	return umc_test_idle_until_stop(0);
}

static struct task_struct *start_waiter(struct waiter *w, struct completion *c, unsigned int mode,
					struct completion *finished)
{
	struct task_struct *k;

	*w = (struct waiter){ .c = c, .mode = mode, .finished = finished };
	k = kthread_run(waiter_fn, w, "cwait");
	assert_false(IS_ERR(k));
	umc_test_wait_asleep(k);
	return k;
}

static unsigned int queued(struct completion *c)
{
	unsigned int n = 0;
	struct list_head *p;

	raw_spin_lock(&c->wait.lock);
	list_for_each(p, &c->wait.task_list)
		n++;
	raw_spin_unlock(&c->wait.lock);
	return n;
}

static void test_complete_wakes_one_complete_all_wakes_all(void **state)
{
	enum { N = 4 };
	DECLARE_COMPLETION_ONSTACK(c);
	DECLARE_COMPLETION_ONSTACK(finished);
	struct waiter w[N];
	struct task_struct *k[N];

	for (int i = 0; i < N; i++)
		k[i] = start_waiter(&w[i], &c, 0, &finished);
	assert_int_equal(queued(&c), N);
	complete(&c);
	wait_for_completion(&finished);     /* one waiter got through ... */
	assert_int_equal(queued(&c), N - 1); /* ... and only one */
	assert_false(completion_done(&finished));
	complete_all(&c);
	for (int i = 0; i < N - 1; i++)
		wait_for_completion(&finished);
	assert_int_equal(queued(&c), 0);
	for (int i = 0; i < N; i++)
		assert_int_equal(kthread_stop(k[i]), 0);
}

static void test_interruptible_timeout(void **state)
{
	DECLARE_COMPLETION_ONSTACK(c);
	DECLARE_COMPLETION_ONSTACK(finished);
	struct waiter w;
	struct task_struct *k;

	k = start_waiter(&w, &c, 1, &finished);
	send_sig(SIGHUP, k, 1);
	wait_for_completion(&finished);
	assert_int_equal(w.result, -ERESTARTSYS);
	assert_int_equal(kthread_stop(k), 0);

	k = start_waiter(&w, &c, 1, &finished);
	complete(&c);
	wait_for_completion(&finished);
	assert_true(w.result > 0 && w.result <= 100000);
	assert_int_equal(kthread_stop(k), 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_and_try_wait),
		cmocka_unit_test(test_timeout_on_time),
		cmocka_unit_test(test_complete_wakes_one_complete_all_wakes_all),
		cmocka_unit_test(test_interruptible_timeout),
	};
	return UMC_TEST_RUN(tests);
}
