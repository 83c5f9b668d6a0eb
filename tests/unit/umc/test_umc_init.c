// SPDX-License-Identifier: GPL-2.0
/* test_umc_init.c - umc_init/umc_exit (umc/src/umc_init.c). */
#include "umc_test.h"

#include <umc/umc.h>
#include <linux/sched.h>
#include <sys_service.h>

static void test_init_state(void **state)
{
	/* umc_test_setup ran umc_init(): a second call is refused, the caller is a task. */
	assert_int_equal(umc_init(), -EBUSY);
	assert_non_null(current);
	assert_int_equal(current->pid, sys->thread_id());
	assert_true(nr_cpu_ids >= 1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_state),
	};
	return UMC_TEST_RUN(tests);
}
