// SPDX-License-Identifier: GPL-2.0
/* test_vsscanf.c - sscanf with the kernel's rules (umc/src/vsscanf.c). */
#include "umc_test.h"

#include <linux/sprintf.h>
#include <linux/string.h>

static void test_numbers(void **state)
{
	int d = 0, i = 0;
	unsigned int u = 0, x = 0, o = 0;
	unsigned long lu = 0;
	unsigned long long llu = 0;
	long long lld = 0;
	short h = 0;
	unsigned char hhu = 0;
	size_t z = 0;

	assert_int_equal(sscanf("-12 34 ff 17", "%d %u %x %o", &d, &u, &x, &o), 4);
	assert_int_equal(d, -12);
	assert_int_equal(u, 34);
	assert_int_equal(x, 255);
	assert_int_equal(o, 15);
	assert_int_equal(sscanf("0x1A 010 12", "%i %i %i", &i, &d, &x), 3);
	assert_int_equal(i, 26);
	assert_int_equal(d, 8);
	assert_int_equal(x, 12);
	assert_int_equal(sscanf("18446744073709551615 -9000000000", "%llu %lld", &llu, &lld), 2);
	assert_true(llu == ~0ULL);
	assert_true(lld == -9000000000LL);
	assert_int_equal(sscanf("4294967296 -3 300 77", "%lu %hd %hhu %zu", &lu, &h, &hhu, &z), 4);
	assert_true(lu == 4294967296UL);
	assert_int_equal(h, -3);
	assert_int_equal(hhu, 300 & 0xff);
	assert_int_equal(z, 77);
	/* "0x" prefix with %x */
	assert_int_equal(sscanf("0xdead", "%x", &x), 1);
	assert_int_equal(x, 0xdead);
}

static void test_widths_and_literals(void **state)
{
	int a = 0, b = 0, c = 0;
	unsigned int maj = 0, min = 0;

	assert_int_equal(sscanf("12345", "%2d%3d", &a, &b), 2);
	assert_int_equal(a, 12);
	assert_int_equal(b, 345);
	assert_int_equal(sscanf("147:0", "%u:%u", &maj, &min), 2);
	assert_int_equal(maj, 147);
	assert_int_equal(min, 0);
	/* a mismatch stops the scan; earlier assignments stay */
	assert_int_equal(sscanf("1-2", "%d:%d", &a, &b), 1);
	assert_int_equal(a, 1);
	/* whitespace in the format matches any amount, including none */
	assert_int_equal(sscanf("  7\t\n8", " %d %d", &a, &b), 2);
	assert_int_equal(b, 8);
	/* no digits: no assignment */
	a = 99;
	assert_int_equal(sscanf("abc", "%d", &a), 0);
	assert_int_equal(a, 99);
	assert_int_equal(sscanf("-", "%d", &a), 0);
	assert_int_equal(sscanf("", "%d", &a), 0);
	/* %u refuses a sign, as the kernel */
	assert_int_equal(sscanf("-5", "%u", &maj), 0);
	/* %% and %n */
	assert_int_equal(sscanf("50% done", "%d%% %n", &a, &c), 1);
	assert_int_equal(a, 50);
	assert_int_equal(c, 4);
	/* %* skips a word */
	assert_int_equal(sscanf("skip 42", "%*s %d", &a), 1);
	assert_int_equal(a, 42);
}

static void test_strings_chars_sets(void **state)
{
	char s1[16], s2[16], cbuf[4];
	char set[16];

	assert_int_equal(sscanf("  drbd0 r0", "%s %s", s1, s2), 2);
	assert_string_equal(s1, "drbd0");
	assert_string_equal(s2, "r0");
	assert_int_equal(sscanf("abcdefgh", "%3s", s1), 1);
	assert_string_equal(s1, "abc");
	memset(cbuf, 'Z', sizeof(cbuf));
	assert_int_equal(sscanf("xyz", "%c%2c", &cbuf[0], &cbuf[1]), 2);
	assert_memory_equal(cbuf, "xyzZ", 4); /* %c adds no NUL */
	assert_int_equal(sscanf("abc123", "%10[a-z]", set), 1);
	assert_int_equal(sscanf("aab:c", "%10[ab]", set), 1);
	assert_string_equal(set, "aab");
	assert_int_equal(sscanf("key=value", "%10[^=]=%s", set, s1), 2);
	assert_string_equal(set, "key");
	assert_string_equal(s1, "value");
	/* %[ needs a width, and a non-empty match */
	assert_int_equal(sscanf("abc", "%[abc]", set), 0);
	assert_int_equal(sscanf("xyz", "%5[abc]", set), 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_widths_and_literals),
		cmocka_unit_test(test_strings_chars_sets),
	};
	return UMC_TEST_RUN(tests);
}
