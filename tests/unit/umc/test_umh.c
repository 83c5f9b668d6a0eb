// SPDX-License-Identifier: GPL-2.0
/* test_umh.c - call_usermodehelper (umc/src/umh.c). */
#include "umc_test.h"

#include <linux/kmod.h>
#include <umc/module.h>

static char *env_bar[] = { "HOME=/", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "FOO=bar", NULL };

static int run_sh(const char *script, char **envp, int wait)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };

	return call_usermodehelper("/bin/sh", argv, envp, wait);
}

static void test_exit_status(void **state)
{
	int ret;

	(void)state;
	ret = run_sh("exit 3", env_bar, UMH_WAIT_PROC);
	/* the kernel's wait status: DRBD reads the exit code as (ret >> 8) & 0xff */
	assert_int_equal(ret, 3 << 8);
	assert_int_equal((ret >> 8) & 0xff, 3);
	assert_int_equal(run_sh("exit 0", env_bar, UMH_WAIT_PROC), 0);
	assert_int_equal(run_sh("exit 255", env_bar, UMH_WAIT_PROC), 255 << 8);
}

static void test_environment(void **state)
{
	char *env_baz[] = { "FOO=baz", NULL };

	(void)state;
	assert_int_equal(run_sh("test \"$FOO\" = bar && test \"$HOME\" = /", env_bar,
				UMH_WAIT_PROC), 0);
	assert_int_equal(run_sh("test \"$FOO\" = bar", env_baz, UMH_WAIT_PROC), 1 << 8);
	/* argv reaches the program */
	{
		char *argv[] = { "/bin/sh", "-c", "test \"$0\" = fence-peer && test \"$1\" = r0",
				 "fence-peer", "r0", NULL };

		assert_int_equal(call_usermodehelper("/bin/sh", argv, env_bar, UMH_WAIT_PROC), 0);
	}
}

static void test_errors_and_switch(void **state)
{
	char *argv[] = { "/nonexistent/helper", "x", NULL };

	int ret;

	(void)state;
	/* not startable: an errno (under valgrind posix_spawn reports it as exit code 127) */
	ret = call_usermodehelper("/nonexistent/helper", argv, env_bar, UMH_WAIT_PROC);
	assert_true(ret == -ENOENT || ret == 127 << 8);
	/* an empty path runs nothing and succeeds, as in the kernel */
	assert_int_equal(call_usermodehelper("", argv, env_bar, UMH_WAIT_PROC), 0);
	assert_int_equal(run_sh("exit 1", env_bar, UMH_NO_WAIT), -EOPNOTSUPP);
	umc_usermodehelper_set_enabled(false);
	assert_int_equal(run_sh("exit 0", env_bar, UMH_WAIT_PROC), -EBUSY);
	umc_usermodehelper_set_enabled(true);
	assert_int_equal(run_sh("exit 4", env_bar, UMH_WAIT_PROC), 4 << 8);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_errors_and_switch),
	};
	return UMC_TEST_RUN(tests);
}
