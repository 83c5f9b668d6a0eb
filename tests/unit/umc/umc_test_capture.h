/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc_test_capture.h - for umc tests that must see what umc logs (printk, WARN, ratelimit
 * reports) or must survive a panic. Include after umc_test.h and run the tests with
 * CAPTURE_RUN(tests) instead of UMC_TEST_RUN.
 *
 * The program starts mte itself, installs a copy of the provider's vector whose log_write,
 * backtrace_log and panic are recorders, and only then starts umc: no umc thread ever sees
 * `sys` change (so ThreadSanitizer has nothing to report). Messages of the subsystems that
 * capture_wanted() accepts are recorded in cap_lines (others go to the real log); the panic
 * recorder stores the message and longjmps to cap_panic_env, which the test must have set.
 * At the end umc and mte are stopped and leaked memory fails the program, as UMC_TEST_RUN.
 */
#ifndef UMC_TEST_CAPTURE_H
#define UMC_TEST_CAPTURE_H

#include <mte.h>
#include <umc/umc.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <sys_service.h>

#define CAP_MAX 64
#define CAP_LEN 1100

struct cap_line {
	int level;
	char subsys[32];
	char text[CAP_LEN];
};

static struct sys_service_ops cap_wrap;
static const struct sys_service_ops *cap_real;
static struct cap_line cap_lines[CAP_MAX];
static int cap_count;     /* lines recorded */
static int cap_backtraces; /* backtrace_log calls */
static char cap_panic_msg[1024];
static jmp_buf cap_panic_env;
static DEFINE_SPINLOCK(cap_lock);
static bool cap_failed;

/* which subsystems to record: defined by the test */
static bool capture_wanted(const char *subsys);

static void cap_log_write(enum sys_log_level level, const char *subsys, const char *msg,
			  size_t len)
{
	if (!capture_wanted(subsys)) {
		cap_real->log_write(level, subsys, msg, len);
		return;
	}
	spin_lock(&cap_lock);
	if (cap_count < CAP_MAX) {
		struct cap_line *c = &cap_lines[cap_count++];

		c->level = level;
		strscpy(c->subsys, subsys, sizeof(c->subsys));
		if (len >= sizeof(c->text))
			len = sizeof(c->text) - 1;
		memcpy(c->text, msg, len);
		c->text[len] = '\0';
	}
	spin_unlock(&cap_lock);
}

static void cap_backtrace_log(enum sys_log_level level)
{
	__atomic_add_fetch(&cap_backtraces, 1, __ATOMIC_RELAXED);
}

static void __attribute__((noreturn)) cap_panic(const char *msg)
{
	strscpy(cap_panic_msg, msg, sizeof(cap_panic_msg));
	longjmp(cap_panic_env, 1);
}

/* forget what was recorded (between tests) */
static inline void cap_reset(void)
{
	spin_lock(&cap_lock);
	cap_count = 0;
	cap_backtraces = 0;
	cap_panic_msg[0] = '\0';
	spin_unlock(&cap_lock);
}

static int cap_group_setup(void **state)
{
	struct mte_options opts = { .log_levels = "*=3" };

	if (mte_init(&opts)) {
		cap_failed = true;
		return -1;
	}
	cap_real = sys;
	cap_wrap = *cap_real;
	cap_wrap.log_write = cap_log_write;
	cap_wrap.backtrace_log = cap_backtrace_log;
	cap_wrap.panic = cap_panic;
	/* before umc_init: no umc thread exists yet to read `sys` */
	__atomic_store_n(&sys, &cap_wrap, __ATOMIC_RELEASE);
	if (umc_init()) {
		__atomic_store_n(&sys, cap_real, __ATOMIC_RELEASE);
		mte_shutdown();
		cap_failed = true;
		return -1;
	}
	return 0;
}

static int cap_group_teardown(void **state)
{
	umc_exit();
	__atomic_store_n(&sys, cap_real, __ATOMIC_RELEASE);
	if (mte_shutdown()) {
		print_error("capture teardown: memory still allocated (leak)\n");
		cap_failed = true;
		return -1;
	}
	return 0;
}

static int cap_test_setup(void **state)
{
	cap_reset();
	return 0;
}

#define CAPTURE_TEST(fn) cmocka_unit_test_setup_teardown(fn, cap_test_setup, NULL)
#define CAPTURE_RUN(tests) \
	({ int __rc = cmocka_run_group_tests(tests, cap_group_setup, cap_group_teardown); \
	   __rc ? __rc : cap_failed ? 1 : 0; })

#endif
