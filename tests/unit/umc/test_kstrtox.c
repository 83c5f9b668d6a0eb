// SPDX-License-Identifier: GPL-2.0
/* test_kstrtox.c - kstrto*() and simple_strto*() (umc/src/kstrtox.c). */
#include "umc_test.h"

#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/errno.h>

static void test_kstrtoull(void **state)
{
	unsigned long long v;

	assert_int_equal(kstrtoull("0", 10, &v), 0);
	assert_true(v == 0);
	assert_int_equal(kstrtoull("18446744073709551615", 10, &v), 0);
	assert_true(v == ULLONG_MAX);
	assert_int_equal(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	assert_int_equal(kstrtoull("+42\n", 10, &v), 0);
	assert_true(v == 42);
	assert_int_equal(kstrtoull("42\n\n", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("42 ", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull(" 42", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("0x1F", 16, &v), 0);
	assert_true(v == 31);
	assert_int_equal(kstrtoull("1f", 16, &v), 0);
	assert_true(v == 31);
	assert_int_equal(kstrtoull("0x", 16, &v), -EINVAL);
	assert_int_equal(kstrtoull("0x10", 0, &v), 0);
	assert_true(v == 16);
	assert_int_equal(kstrtoull("010", 0, &v), 0);
	assert_true(v == 8);
	assert_int_equal(kstrtoull("09", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("0", 0, &v), 0);
	assert_int_equal(kstrtoull("777", 8, &v), 0);
	assert_true(v == 511);
	assert_int_equal(kstrtoull("ffffffffffffffff", 16, &v), 0);
	assert_true(v == ULLONG_MAX);
	assert_int_equal(kstrtoull("10000000000000000", 16, &v), -ERANGE);
}

static void test_signed(void **state)
{
	long long ll;
	int i;
	long l;
	s64 s;

	assert_int_equal(kstrtoll("-9223372036854775808", 10, &ll), 0);
	assert_true(ll == LLONG_MIN);
	assert_int_equal(kstrtoll("-9223372036854775809", 10, &ll), -ERANGE);
	assert_int_equal(kstrtoll("9223372036854775807", 10, &ll), 0);
	assert_true(ll == LLONG_MAX);
	assert_int_equal(kstrtoll("9223372036854775808", 10, &ll), -ERANGE);
	assert_int_equal(kstrtoll("-0", 10, &ll), 0);
	assert_true(ll == 0);
	assert_int_equal(kstrtoll("--1", 10, &ll), -EINVAL);
	assert_int_equal(kstrtoint("-2147483648", 10, &i), 0);
	assert_int_equal(i, INT_MIN);
	assert_int_equal(kstrtoint("2147483648", 10, &i), -ERANGE);
	assert_int_equal(kstrtoint("-0x10", 16, &i), 0);
	assert_int_equal(i, -16);
	assert_int_equal(kstrtol("-5\n", 10, &l), 0);
	assert_int_equal(l, -5);
	assert_int_equal(kstrtos64("123", 10, &s), 0);
	assert_true(s == 123);
}

static void test_unsigned_ranges(void **state)
{
	unsigned int u;
	unsigned long ul;
	u32 u32v;
	u16 u16v;
	u8 u8v;
	u64 u64v;
	s32 s32v;

	assert_int_equal(kstrtouint("4294967295", 10, &u), 0);
	assert_true(u == UINT_MAX);
	assert_int_equal(kstrtouint("4294967296", 10, &u), -ERANGE);
	assert_int_equal(kstrtoul("18446744073709551615", 10, &ul), 0);
	assert_true(ul == ULONG_MAX);
	assert_int_equal(kstrtou32("7", 10, &u32v), 0);
	assert_int_equal(u32v, 7);
	assert_int_equal(kstrtou16("65535", 10, &u16v), 0);
	assert_int_equal(u16v, 65535);
	assert_int_equal(kstrtou16("65536", 10, &u16v), -ERANGE);
	assert_int_equal(kstrtou8("255", 10, &u8v), 0);
	assert_int_equal(u8v, 255);
	assert_int_equal(kstrtou8("256", 10, &u8v), -ERANGE);
	assert_int_equal(kstrtou64("0x8000000000000000", 0, &u64v), 0);
	assert_true(u64v == 1ULL << 63);
	assert_int_equal(kstrtos32("-2147483649", 10, &s32v), -ERANGE);
	/* result untouched on error */
	u8v = 9;
	assert_int_equal(kstrtou8("x", 10, &u8v), -EINVAL);
	assert_int_equal(u8v, 9);
}

static void test_kstrtobool(void **state)
{
	static const char *const yes[] = { "y", "Y", "yes", "1", "t", "true", "on", "ON" };
	static const char *const no[] = { "n", "N", "no", "0", "f", "false", "off", "OFF",
					  "nonsense" };
	bool b;

	for (unsigned int i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		assert_int_equal(kstrtobool(yes[i], &b), 0);
		assert_true(b);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		assert_int_equal(kstrtobool(no[i], &b), 0);
		assert_false(b);
	}
	assert_int_equal(kstrtobool("o", &b), -EINVAL);
	assert_int_equal(kstrtobool("2", &b), -EINVAL);
	assert_int_equal(kstrtobool("", &b), -EINVAL);
	assert_int_equal(kstrtobool(NULL, &b), -EINVAL);
}

static void test_simple_strto(void **state)
{
	char *end;
	const char *s = "123abc";

	assert_int_equal(simple_strtoul(s, &end, 10), 123);
	assert_ptr_equal(end, s + 3);
	assert_int_equal(simple_strtoul(s, &end, 16), 0x123abc);
	assert_ptr_equal(end, s + 6);
	assert_int_equal(simple_strtoul("0x1fz", &end, 0), 0x1f);
	assert_int_equal(*end, 'z');
	assert_int_equal(simple_strtoul("0755", NULL, 0), 0755);
	assert_int_equal(simple_strtol("-42x", &end, 10), -42);
	assert_int_equal(*end, 'x');
	assert_true(simple_strtoll("-9000000000", NULL, 10) == -9000000000LL);
	assert_true(simple_strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX);
	/* no digits: 0 and end at the start */
	assert_int_equal(simple_strtoul("zz", &end, 10), 0);
	assert_int_equal(*end, 'z');
	/* overflow wraps, consuming every digit */
	s = "18446744073709551617";
	assert_true(simple_strtoull(s, &end, 10) == 1);
	assert_ptr_equal(end, s + 20);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kstrtoull),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned_ranges),
		cmocka_unit_test(test_kstrtobool),
		cmocka_unit_test(test_simple_strto),
	};
	return UMC_TEST_RUN(tests);
}
