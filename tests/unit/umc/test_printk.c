// SPDX-License-Identifier: GPL-2.0
/* test_printk.c - printk levels, KERN_CONT joining, debug switches (umc/src/printk.c). */
#define KBUILD_MODNAME "umctest"
#include "umc_test.h"

#include <linux/printk.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/dynamic_debug.h>
#include <linux/device.h>
#include <linux/err.h>
#include <umc/debug.h>

#include "umc_test_capture.h"

static bool capture_wanted(const char *subsys)
{
	return !strncmp(subsys, "umctest", 7) || !strcmp(subsys, "kernel");
}

/* shorthands for the recorded lines */
#define ncap cap_count
#define cap cap_lines

static void expect_line(int i, int level, const char *subsys, const char *text)
{
	assert_true(i < ncap);
	assert_int_equal(cap[i].level, level);
	assert_string_equal(cap[i].subsys, subsys);
	assert_string_equal(cap[i].text, text);
}

static void test_levels(void **state)
{
	ncap = 0;
	printk(KERN_ERR "error %d\n", 1);
	printk(KERN_INFO "info\n");
	pr_warn("warn %s\n", "w");
	pr_emerg("emerg\n");
	printk("no level\n");
	printk(KERN_DEFAULT "default\n");
	printk(KERN_DEBUG "debug\n");
	assert_int_equal(ncap, 7);
	expect_line(0, SYS_LOG_ERR, "umctest", "error 1");
	expect_line(1, SYS_LOG_INFO, "umctest", "info");
	expect_line(2, SYS_LOG_WARNING, "umctest", "warn w");
	expect_line(3, SYS_LOG_EMERG, "umctest", "emerg");
	expect_line(4, console_printk[1], "umctest", "no level");
	expect_line(5, console_printk[1], "umctest", "default");
	expect_line(6, SYS_LOG_DEBUG, "umctest", "debug");
}

static void test_level_from_argument(void **state)
{
	/* the prefix is parsed from the formatted text, as dev_printk passes it in a %s */
	ncap = 0;
	printk("%sfrom arg\n", KERN_NOTICE);
	umc_printk("umctest.sub", KERN_CRIT "sub %pI4\n", (u8[]){ 10, 1, 2, 3 });
	_printk(KERN_ALERT "plain _printk\n");
	assert_int_equal(ncap, 3);
	expect_line(0, SYS_LOG_NOTICE, "umctest", "from arg");
	expect_line(1, SYS_LOG_CRIT, "umctest.sub", "sub 10.1.2.3");
	expect_line(2, SYS_LOG_ALERT, "kernel", "plain _printk");
}

static void test_cont_lines(void **state)
{
	ncap = 0;
	printk(KERN_INFO "a");
	pr_cont("b");
	printk(KERN_CONT "c%d", 1);
	assert_int_equal(ncap, 0); /* held until the newline */
	pr_cont("\n");
	assert_int_equal(ncap, 1);
	expect_line(0, SYS_LOG_INFO, "umctest", "abc1");

	/* a new message (not KERN_CONT) emits the unterminated line first */
	printk(KERN_ERR "first");
	printk(KERN_WARNING "second\n");
	assert_int_equal(ncap, 3);
	expect_line(1, SYS_LOG_ERR, "umctest", "first");
	expect_line(2, SYS_LOG_WARNING, "umctest", "second");

	/* KERN_CONT without anything pending starts a line at the default level */
	pr_cont("orphan\n");
	expect_line(3, console_printk[1], "umctest", "orphan");

	/* embedded newlines split lines; the flush helper emits a dangling one */
	printk(KERN_INFO "l1\nl2\nl3");
	assert_int_equal(ncap, 6);
	expect_line(4, SYS_LOG_INFO, "umctest", "l1");
	expect_line(5, SYS_LOG_INFO, "umctest", "l2");
	umc_printk_flush_thread();
	assert_int_equal(ncap, 7);
	expect_line(6, SYS_LOG_INFO, "umctest", "l3");
	umc_printk_flush_thread();
	assert_int_equal(ncap, 7);
}

static int cont_thread_fn(void *data)
{
	printk(KERN_INFO "other thread\n");
	complete(data);
	return umc_test_idle_until_stop(0);
}

static void test_cont_is_per_thread(void **state)
{
	struct task_struct *t;
	DECLARE_COMPLETION_ONSTACK(printed);

	ncap = 0;
	printk(KERN_INFO "mine ");
	t = kthread_run(cont_thread_fn, &printed, "printk-other");
	assert_false(IS_ERR(t));
	wait_for_completion(&printed);
	assert_int_equal(kthread_stop(t), 0);
	/* the other thread's line did not break ours */
	pr_cont("continued\n");
	assert_int_equal(ncap, 2);
	expect_line(0, SYS_LOG_INFO, "umctest", "other thread");
	expect_line(1, SYS_LOG_INFO, "umctest", "mine continued");
}

static void test_return_and_truncation(void **state)
{
	char big[2000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ncap = 0;
	assert_int_equal(printk(KERN_INFO "hello\n"), 6);
	printk(KERN_INFO "%s\n", big);
	assert_int_equal(ncap, 2);
	/* 1023 formatted characters, of which 2 were the level prefix */
	assert_int_equal(strlen(cap[1].text), 1021);
}

static void test_debug_switch(void **state)
{
	assert_int_equal(umc_debug_set(""), 0);
	assert_false(umc_debug_enabled("drbd"));
	ncap = 0;
	pr_debug("hidden\n");
	assert_int_equal(ncap, 0);

	assert_int_equal(umc_debug_set("drbd,umctest"), 0);
	assert_true(umc_debug_enabled("drbd"));
	assert_true(umc_debug_enabled("umctest"));
	assert_true(umc_debug_enabled("umctest.sub")); /* below a module */
	assert_false(umc_debug_enabled("umctestx"));
	assert_false(umc_debug_enabled("umc"));
	pr_debug("shown %d\n", 5);
	assert_int_equal(ncap, 1);
	expect_line(0, SYS_LOG_DEBUG, "umctest", "shown 5");

	assert_int_equal(umc_debug_set("all -umc.sock"), 0);
	assert_true(umc_debug_enabled("anything"));
	assert_true(umc_debug_enabled("umc"));
	assert_false(umc_debug_enabled("umc.sock"));
	assert_true(umc_debug_enabled("drbd"));

	assert_int_equal(umc_debug_set("umc -umc.sock"), 0);
	assert_true(umc_debug_enabled("umc.net"));
	assert_false(umc_debug_enabled("umc.sock"));
	assert_false(umc_debug_enabled("drbd"));

	assert_int_equal(umc_debug_set("a-name-that-is-far-too-long-for-the-table"), -EINVAL);
	assert_int_equal(umc_debug_set(NULL), 0);
	assert_false(umc_debug_enabled("umc"));
}

static void test_dynamic_dev_dbg(void **state)
{
	struct device *nodev = NULL;

	assert_int_equal(umc_debug_set(""), 0);
	dynamic_dev_dbg(nodev, "hidden %d\n", 1);
	assert_int_equal(ncap, 0);
	assert_int_equal(umc_debug_set("umctest"), 0);
	dynamic_dev_dbg(nodev, "shown %d\n", 2);
	assert_int_equal(umc_debug_set(""), 0);
	assert_int_equal(ncap, 1);
	assert_int_equal(cap[0].level, SYS_LOG_DEBUG);
	assert_string_equal(cap[0].subsys, "umctest");
	assert_non_null(strstr(cap[0].text, "shown 2"));
}

static void test_console_printk_default(void **state)
{
	int saved = console_printk[1];

	console_printk[1] = SYS_LOG_NOTICE;
	ncap = 0;
	printk("now notice\n");
	console_printk[1] = saved;
	expect_line(0, SYS_LOG_NOTICE, "umctest", "now notice");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		CAPTURE_TEST(test_levels),
		CAPTURE_TEST(test_level_from_argument),
		CAPTURE_TEST(test_cont_lines),
		CAPTURE_TEST(test_cont_is_per_thread),
		CAPTURE_TEST(test_return_and_truncation),
		CAPTURE_TEST(test_debug_switch),
		CAPTURE_TEST(test_dynamic_dev_dbg),
		CAPTURE_TEST(test_console_printk_default),
	};
	return CAPTURE_RUN(tests);
}
