// SPDX-License-Identifier: GPL-2.0
/* test_ratelimit.c - ___ratelimit (umc/src/ratelimit.c): burst per interval, the
 * "callbacks suppressed" report, disabled state, refusal on contention. */
#define KBUILD_MODNAME "umctest"
#include "umc_test.h"

#include <linux/ratelimit.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/spinlock.h>

#include "umc_test_capture.h"

static bool capture_wanted(const char *subsys)
{
	return !strcmp(subsys, "umc") || !strcmp(subsys, "umctest");
}

#define nlines cap_count
#define lines(i) cap_lines[i].text
#define levels(i) cap_lines[i].level

/* sleep until jiffies has passed @until */
static void sleep_past(unsigned long until)
{
	while (time_before_eq(jiffies, until))
		schedule_timeout_uninterruptible(until + 1 - jiffies);
}

static void test_burst_and_interval(void **state)
{
	static DEFINE_RATELIMIT_STATE(rs, HZ / 10, 3);
	int passed = 0;
	unsigned long start;

	for (int i = 0; i < 10; i++)
		passed += __ratelimit(&rs);
	start = rs.begin;
	/* all within one interval unless this thread was descheduled for 100 ms */
	if (time_before(jiffies, start + HZ / 10)) {
		assert_int_equal(passed, 3);
		assert_int_equal(rs.missed, 7);
		assert_int_equal(nlines, 0);
	}
	sleep_past(start + HZ / 10);
	assert_int_equal(__ratelimit(&rs), 1);
	/* the new interval reports what the old one suppressed */
	assert_int_equal(nlines, 1);
	assert_string_equal(lines(0), "test_burst_and_interval: 7 callbacks suppressed");
	assert_int_equal(levels(0), SYS_LOG_WARNING);
	assert_int_equal(rs.missed, 0);
	assert_int_equal(rs.printed, 1);
}

static void test_disabled_and_zero_burst(void **state)
{
	struct ratelimit_state rs;

	ratelimit_state_init(&rs, 0, 1);
	for (int i = 0; i < 100; i++)
		assert_int_equal(__ratelimit(&rs), 1);
	ratelimit_state_init(&rs, HZ, 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(__ratelimit(&rs), 0);
	assert_int_equal(rs.missed, 5);
}

static void test_contention_refuses(void **state)
{
	struct ratelimit_state rs;

	ratelimit_default_init(&rs);
	assert_int_equal(rs.interval, 5 * HZ);
	assert_int_equal(rs.burst, 10);
	raw_spin_lock(&rs.lock);
	assert_int_equal(__ratelimit(&rs), 0); /* does not wait for the lock */
	raw_spin_unlock(&rs.lock);
	assert_int_equal(__ratelimit(&rs), 1);
}

static void test_msg_on_release(void **state)
{
	struct ratelimit_state rs;
	unsigned long start;

	ratelimit_state_init(&rs, HZ / 20, 1);
	ratelimit_set_flags(&rs, RATELIMIT_MSG_ON_RELEASE);
	assert_int_equal(__ratelimit(&rs), 1);
	assert_int_equal(__ratelimit(&rs), 0);
	start = rs.begin;
	sleep_past(start + HZ / 20);
	assert_int_equal(__ratelimit(&rs), 1);
	assert_int_equal(nlines, 0);  /* not reported at the interval */
	assert_true(rs.missed >= 1); /* kept for the release */
	ratelimit_state_exit(&rs);
	assert_int_equal(nlines, 1);
	assert_non_null(strstr(lines(0), "output lines suppressed due to ratelimiting"));
	assert_int_equal(rs.missed, 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		CAPTURE_TEST(test_burst_and_interval),
		CAPTURE_TEST(test_disabled_and_zero_burst),
		CAPTURE_TEST(test_contention_refuses),
		CAPTURE_TEST(test_msg_on_release),
	};
	return CAPTURE_RUN(tests);
}
