// SPDX-License-Identifier: GPL-2.0
/* test_jiffies.c - jiffies and conversions (linux/jiffies.h, umc/src/jiffies.c). */
#include "umc_test.h"

#include <linux/jiffies.h>
#include <linux/sched.h>

static void test_jiffies_follow_the_clock(void **state)
{
	u64 ns = umc_test_now_ns();
	unsigned long j = jiffies;
	u64 ns2 = umc_test_now_ns();

	assert_int_equal(HZ, 1000);
	assert_true(j >= ns / NSEC_PER_JIFFY && j <= ns2 / NSEC_PER_JIFFY);
	assert_true(get_jiffies_64() >= j);
	/* 64 bits, never wrapping: a later reading is never "before" */
	schedule_timeout_uninterruptible(3);
	assert_true(time_after(jiffies, j));
	assert_true(time_after_eq(jiffies, j + 3));
	assert_true(time_before(j, jiffies));
	assert_true(time_in_range(j + 1, j, j + 2));
	assert_false(time_in_range_open(j + 2, j, j + 2));
	assert_true(time_is_before_jiffies(j));
}

static void test_conversions(void **state)
{
	assert_int_equal(msecs_to_jiffies(0), 0);
	assert_int_equal(msecs_to_jiffies(1), 1);
	assert_int_equal(msecs_to_jiffies(1500), 1500);
	assert_int_equal(msecs_to_jiffies(-1), MAX_JIFFY_OFFSET);   /* "forever" */
	assert_int_equal(usecs_to_jiffies(1), 1);                    /* rounds up */
	assert_int_equal(usecs_to_jiffies(1000), 1);
	assert_int_equal(usecs_to_jiffies(1001), 2);
	assert_int_equal(jiffies_to_msecs(HZ), 1000);
	assert_int_equal(jiffies_to_usecs(2), 2000);
	assert_int_equal(nsecs_to_jiffies(2500000), 2);
	assert_int_equal(jiffies_to_nsecs(3), 3000000);
	assert_int_equal(jiffies64_to_nsecs(5), 5000000);
	assert_int_equal(jiffies_to_clock_t(HZ), USER_HZ);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jiffies_follow_the_clock),
		cmocka_unit_test(test_conversions),
	};
	return UMC_TEST_RUN(tests);
}
