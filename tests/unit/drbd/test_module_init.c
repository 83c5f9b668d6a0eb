// SPDX-License-Identifier: GPL-2.0
/*
 * test_module_init.c - the unmodified DRBD 8.4.11 objects in a process (issue 4, item 6):
 * DRBD's module_init runs (block major, generic netlink family, mempools, /proc/drbd,
 * retry workqueue), /proc/drbd reads as the kernel's does, and module_exit undoes all of it.
 * The memory accounting of the test environment fails the program if anything leaked.
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/major.h>
#include <umc/module.h>
#include <umc/procfs.h>

static const char expected_proc[] = "version: 8.4.11 (api:1/proto:86-101)\nbuilt-in\n";

static void test_init_proc_exit(void **state)
{
	unsigned int mode = 0;
	size_t len = 0;
	char *buf = NULL;

	assert_int_equal(umc_proc_stat("drbd", &mode), -ENOENT);
	assert_int_equal(umc_module_init_all(), 0);

	/* drbd_init registered block major 147: nobody else can have it now */
	assert_int_equal(register_blkdev(DRBD_MAJOR, "other"), -EBUSY);
	assert_string_equal(umc_module_info("drbd", "version"), "8.4.11");

	assert_int_equal(umc_proc_stat("drbd", &mode), 0);
	assert_int_equal(mode & S_IFMT, S_IFREG);
	assert_int_equal(mode & 0777, 0444);
	assert_int_equal(umc_proc_read("/proc/drbd", &buf, &len), 0);
	assert_non_null(buf);
	/* no resources yet: exactly the version line and the build tag */
	assert_int_equal(len, strlen(expected_proc));
	assert_string_equal(buf, expected_proc);
	umc_proc_free(buf);

	assert_int_equal(umc_module_exit_all(), 0);
	assert_int_equal(umc_proc_stat("drbd", &mode), -ENOENT);
	/* drbd_cleanup gave the major back */
	assert_int_equal(register_blkdev(DRBD_MAJOR, "other"), 0);
	unregister_blkdev(DRBD_MAJOR, "other");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_proc_exit),
	};

	return UMC_TEST_RUN(tests);
}
