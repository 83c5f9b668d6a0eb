// SPDX-License-Identifier: GPL-2.0
/* test_module.c - module init/exit registry, refcount, MODULE_* info and module parameters
 * (umc/src/module.c, moduleparam.c). */
#include "umc_test.h"

#undef KBUILD_MODNAME
#define KBUILD_MODNAME "testmod"
#include <linux/string.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <umc/module.h>

static unsigned int t_count = 7;
static bool t_flag;
static char t_helper[16] = "/sbin/drbdadm";
static int t_level = -1;

MODULE_VERSION("1.2");
MODULE_LICENSE("GPL");
MODULE_PARM_DESC(count, "how many");
module_param_named(count, t_count, uint, 0444);
module_param_named(flag, t_flag, bool, 0644);
module_param_string(helper, t_helper, sizeof(t_helper), 0644);
module_param_named(level, t_level, int, 0644);

static int inits, exits, fail_init;

static int __init t_init(void)
{
	if (fail_init)
		return -ENOMEM;
	inits++;
	return 0;
}

static void __exit t_exit(void)
{
	exits++;
}

module_init(t_init)
module_exit(t_exit)

static void test_params(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(umc_param_get("count", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "7\n");
	assert_int_equal(umc_param_set("testmod.count", "12"), 0);
	assert_int_equal(t_count, 12);
	assert_int_equal(umc_param_set("count", "-1"), -EINVAL);
	assert_int_equal(umc_param_set("count", "0x10"), 0);
	assert_int_equal(t_count, 16);
	/* 0444: not writable at run time, but settable like a command-line option */
	assert_int_equal(umc_param_write("count", "3"), -EACCES);
	assert_int_equal(t_count, 16);

	assert_int_equal(umc_param_get("flag", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "N\n");
	assert_int_equal(umc_param_write("flag", "y"), 0);
	assert_true(t_flag);
	assert_int_equal(umc_param_set("flag", "off"), 0);
	assert_false(t_flag);
	assert_int_equal(umc_param_set("flag", NULL), 0);
	assert_true(t_flag);
	assert_int_equal(umc_param_set("flag", "maybe"), -EINVAL);

	assert_int_equal(umc_param_get("helper", buf, sizeof(buf)), 14);
	assert_string_equal(buf, "/sbin/drbdadm\n");
	assert_int_equal(umc_param_set("helper", "/usr/local/sbin/x"), -ENOSPC);
	assert_string_equal(t_helper, "/sbin/drbdadm");
	assert_int_equal(umc_param_write("helper", "/bin/true"), 0);
	assert_string_equal(t_helper, "/bin/true");
	assert_int_equal(umc_param_set("helper", NULL), -EINVAL);

	assert_int_equal(umc_param_set("level", "-5"), 0);
	assert_int_equal(t_level, -5);
	assert_int_equal(umc_param_get("level", buf, 3), 3);
	assert_string_equal(buf, "-5");

	assert_int_equal(umc_param_set("nosuch", "1"), -ENOENT);
	assert_int_equal(umc_param_get("nosuch", buf, sizeof(buf)), -ENOENT);
}

struct seen {
	int n;
	bool count_desc_ok;
	unsigned int helper_perm;
};

static int visit(void *ctx, const char *name, unsigned int perm, const char *desc)
{
	struct seen *s = ctx;

	/* other umc modules (e.g. the "umc" fault injector) have parameters too */
	if (!strncmp(name, "testmod.", 8))
		s->n++;
	if (!strcmp(name, "testmod.count"))
		s->count_desc_ok = desc && !strcmp(desc, "how many") && perm == 0444;
	if (!strcmp(name, "testmod.helper"))
		s->helper_perm = perm;
	return 0;
}

static void test_param_iteration(void **state)
{
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(umc_param_for_each(visit, &s), 0);
	assert_int_equal(s.n, 4);
	assert_true(s.count_desc_ok);
	assert_int_equal(s.helper_perm, 0644);
}

static void test_init_exit_refcount(void **state)
{
	(void)state;
	assert_string_equal(umc_module_info("testmod", "version"), "1.2");
	assert_string_equal(umc_module_info("testmod", "license"), "GPL");
	assert_null(umc_module_info("testmod", "author"));

	assert_int_equal(umc_module_exit_all(), -ENOENT);
	assert_int_equal(umc_module_init_all(), 0);
	assert_int_equal(inits, 1);
	assert_int_equal(umc_module_init_all(), -EBUSY);
	assert_string_equal(THIS_MODULE->name, "testmod");

	/* a held reference blocks unloading */
	assert_true(try_module_get(THIS_MODULE));
	assert_int_equal(umc_module_refcount(), 1);
	assert_int_equal(umc_module_exit_all(), -EBUSY);
	assert_int_equal(exits, 0);
	module_put(THIS_MODULE);
	assert_int_equal(umc_module_exit_all(), 0);
	assert_int_equal(exits, 1);
	/* gone: no new references */
	assert_false(try_module_get(THIS_MODULE));

	/* a failing init leaves nothing initialised and runs no exit of its own */
	fail_init = 1;
	assert_int_equal(umc_module_init_all(), -ENOMEM);
	assert_int_equal(exits, 1);
	assert_false(try_module_get(THIS_MODULE));
	fail_init = 0;
	assert_int_equal(umc_module_init_all(), 0);
	assert_int_equal(inits, 2);
	assert_int_equal(umc_module_exit_all(), 0);
	assert_int_equal(exits, 2);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_param_iteration),
		cmocka_unit_test(test_init_exit_refcount),
	};
	return UMC_TEST_RUN(tests);
}
