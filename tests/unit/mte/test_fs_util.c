// SPDX-License-Identifier: GPL-2.0
/* mte_mkdir_p: nested creation with the mode asked for, existing directories kept, errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mte_test.h"

static char base[] = "/tmp/mte_test_fs.XXXXXX";

static int start(void **state)
{
	(void)state;
	return mkdtemp(base) ? 0 : -1;
}

static int stop(void **state)
{
	char cmd[64];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", base);
	return system(cmd) == 0 ? 0 : -1;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	return st.st_mode & 07777;
}

static void test_nested_and_existing(void **state)
{
	char path[128];

	(void)state;
	umask(022);
	snprintf(path, sizeof(path), "%s/a/b/c", base);
	assert_int_equal(mte_mkdir_p(path, 0700), 0);
	assert_int_equal(mode_of(path), 0700);
	snprintf(path, sizeof(path), "%s/a", base);
	assert_int_equal(mode_of(path), 0700);
	/* existing: success, mode untouched */
	assert_int_equal(chmod(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/a/b/c", base);
	assert_int_equal(mte_mkdir_p(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/a", base);
	assert_int_equal(mode_of(path), 0755);
	/* a trailing slash is fine */
	snprintf(path, sizeof(path), "%s/d/", base);
	assert_int_equal(mte_mkdir_p(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/d", base);
	assert_int_equal(mode_of(path), 0700);
}

static void test_errors(void **state)
{
	char path[128];
	char *longp;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/file", base);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/file/sub", base);
	assert_int_equal(mte_mkdir_p(path, 0700), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/file", base);
	assert_int_equal(mte_mkdir_p(path, 0700), -EEXIST);

	longp = malloc(8192);
	assert_non_null(longp);
	memset(longp, 'x', 8191);
	longp[0] = '/';
	longp[8191] = 0;
	assert_int_equal(mte_mkdir_p(longp, 0700), -ENAMETOOLONG);
	free(longp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_and_existing),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, start, stop);
}
