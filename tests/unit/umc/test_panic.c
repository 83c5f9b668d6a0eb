// SPDX-License-Identifier: GPL-2.0
/* test_panic.c - BUG(), WARN() and panic() (umc/src/panic.c), with the provider's panic
 * and log replaced by recorders (panic longjmps back into the test instead of aborting). */
#define KBUILD_MODNAME "umctest"
#include "umc_test.h"

#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/spinlock.h>

#include "umc_test_capture.h"

static bool capture_wanted(const char *subsys)
{
	return !strcmp(subsys, "kernel") || !strcmp(subsys, "umctest");
}

#define nlines cap_count
#define nbacktraces cap_backtraces
#define panic_msg cap_panic_msg
#define panic_env cap_panic_env
#define lines(i) cap_lines[i].text
#define levels(i) cap_lines[i].level

static int warn_line;

static bool do_warn(int v)
{
	warn_line = __LINE__ + 1;
	return WARN(v > 2, "value %d too big\n", v);
}

static void test_warn(void **state)
{
	char where[128];

	assert_false(do_warn(1));
	assert_int_equal(nlines, 0);
	assert_true(do_warn(7));
	assert_int_equal(nbacktraces, 1);
	assert_int_equal(nlines, 4);
	assert_string_equal(lines(0), "------------[ cut here ]------------");
	assert_string_equal(lines(1), "value 7 too big");
	snprintf(where, sizeof(where), "at %s:%d do_warn", __FILE__, warn_line);
	assert_non_null(strstr(lines(2), where));
	assert_non_null(strstr(lines(2), "WARNING: thread "));
	assert_string_equal(lines(3), "---[ end trace ]---");
	for (int i = 0; i < 4; i++)
		assert_int_equal(levels(i), SYS_LOG_WARNING);
}

static void test_warn_on_once(void **state)
{
	for (int i = 0; i < 3; i++)
		assert_true(WARN_ON_ONCE(i >= 0));
	assert_int_equal(nbacktraces, 1);
	assert_non_null(strstr(lines(1), "WARN_ON_ONCE(i >= 0)"));
	assert_false(WARN_ON(0));
	assert_int_equal(nbacktraces, 1);
}

static void test_bug(void **state)
{
	volatile int line = 0;

	if (!setjmp(panic_env)) {
		line = __LINE__ + 1;
		BUG_ON(line > 0);
		fail_msg("BUG_ON returned");
	}
	{
		char expect[256];

		snprintf(expect, sizeof(expect), "kernel BUG at %s:%d! (test_bug, thread ", __FILE__,
			 line);
		assert_memory_equal(panic_msg, expect, strlen(expect));
	}
}

static void test_panic_message(void **state)
{
	if (!setjmp(panic_env)) {
		printk(KERN_INFO "unterminated");
		panic("disk %s lost: %d\n", "r0", -5);
		fail_msg("panic returned");
	}
	assert_string_equal(panic_msg, "Kernel panic - not syncing: disk r0 lost: -5");
	/* the thread's pending line went out before */
	assert_int_equal(nlines, 1);
	assert_string_equal(lines(0), "unterminated");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		CAPTURE_TEST(test_warn),
		CAPTURE_TEST(test_warn_on_once),
		CAPTURE_TEST(test_bug),
		CAPTURE_TEST(test_panic_message),
	};
	return CAPTURE_RUN(tests);
}
