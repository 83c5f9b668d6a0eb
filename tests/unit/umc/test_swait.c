// SPDX-License-Identifier: GPL-2.0
/* test_swait.c - simple wait queues (umc/src/swait.c). */
#include "umc_test.h"

#include <linux/swait.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>

static DECLARE_SWAIT_QUEUE_HEAD(sq);

struct sw {
	unsigned int tokens;     /* each waiter consumes one */
	struct completion *through;
};

static bool take_token(struct sw *s)
{
	unsigned int t = __atomic_load_n(&s->tokens, __ATOMIC_SEQ_CST);

	while (t)
		if (__atomic_compare_exchange_n(&s->tokens, &t, t - 1, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return true;
	return false;
}

static int sw_waiter(void *arg)
{
	struct sw *s = arg;

	swait_event_exclusive(sq, take_token(s));
	complete(s->through);
	return umc_test_idle_until_stop(0);
}

static unsigned int queued(void)
{
	unsigned int n = 0;
	struct list_head *p;

	raw_spin_lock(&sq.lock);
	list_for_each(p, &sq.task_list)
		n++;
	raw_spin_unlock(&sq.lock);
	return n;
}

static void test_swake_up_one_and_all(void **state)
{
	DECLARE_COMPLETION_ONSTACK(through);
	struct sw s = { .tokens = 0, .through = &through };
	struct task_struct *k[3];

	for (int i = 0; i < 3; i++) {
		k[i] = kthread_run(sw_waiter, &s, "sw%d", i);
		assert_false(IS_ERR(k[i]));
		umc_test_wait_asleep(k[i]);
	}
	assert_true(swait_active(&sq));
	__atomic_store_n(&s.tokens, 1, __ATOMIC_SEQ_CST);
	swake_up_one(&sq);
	wait_for_completion(&through);
	assert_int_equal(queued(), 2);
	__atomic_store_n(&s.tokens, 2, __ATOMIC_SEQ_CST);
	swake_up_all(&sq);
	wait_for_completion(&through);
	wait_for_completion(&through);
	assert_int_equal(queued(), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(kthread_stop(k[i]), 0);
}

static void test_swait_timeout(void **state)
{
	assert_int_equal(swait_event_timeout_exclusive(sq, 0, 10), 0);
	assert_int_equal(swait_event_timeout_exclusive(sq, 1, 10), 10);
	assert_false(swait_active(&sq));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swake_up_one_and_all),
		cmocka_unit_test(test_swait_timeout),
	};
	return UMC_TEST_RUN(tests);
}
