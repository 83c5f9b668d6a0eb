// SPDX-License-Identifier: GPL-2.0
/* Conformance (mte options): log levels per subsystem, log lines with thread names. */
#include <fcntl.h>
#include <unistd.h>

#include "mte_test.h"

static char log_path[] = "/tmp/mte_test_log.XXXXXX";

static int start(void **state)
{
	int fd = mkstemp(log_path);
	if (fd < 0)
		return -1;
	close(fd);
	struct mte_options o = {
		.log_level = SYS_LOG_NOTICE,
		.log_levels = "umc.sock=7,drbd=3",
		.log_file = log_path,
	};
	return mte_init(&o);
}

static int stop(void **state)
{
	unlink(log_path);
	return mte_test_stop(state);
}

static void test_levels(void **state)
{
	assert_true(sys->log_enabled(SYS_LOG_NOTICE, "other"));
	assert_false(sys->log_enabled(SYS_LOG_INFO, "other"));
	assert_true(sys->log_enabled(SYS_LOG_DEBUG, "umc.sock"));
	assert_true(sys->log_enabled(SYS_LOG_DEBUG, "umc.sock.tcp"));
	assert_false(sys->log_enabled(SYS_LOG_DEBUG, "umc.socket")); /* not a dotted child */
	assert_false(sys->log_enabled(SYS_LOG_INFO, "umc"));
	assert_true(sys->log_enabled(SYS_LOG_ERR, "drbd"));
	assert_false(sys->log_enabled(SYS_LOG_WARNING, "drbd"));
	assert_true(sys->log_enabled(SYS_LOG_EMERG, NULL));
}

static void test_lines(void **state)
{
	sys->thread_set_name("logtester");
	sys->log_write(SYS_LOG_ERR, "drbd", "visible message\n", 16);
	sys->log_write(SYS_LOG_WARNING, "drbd", "dropped message", 15);
	sys_logf(SYS_LOG_DEBUG, "umc.sock", "formatted %d", 42);
	sys->backtrace_log(SYS_LOG_ERR);

	char buf[16384];
	int fd = open(log_path, O_RDONLY);
	assert_true(fd >= 0);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n > 0);
	buf[n] = 0;
	char *line = strstr(buf, "visible message");
	assert_non_null(line);
	assert_non_null(strstr(buf, "drbd [logtester]: visible message\n"));
	assert_null(strstr(buf, "dropped message"));
	assert_non_null(strstr(buf, "umc.sock [logtester]: formatted 42\n"));
	assert_non_null(strstr(buf, "backtrace [logtester]:   #0 "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_lines),
	};
	return cmocka_run_group_tests(tests, start, stop);
}
