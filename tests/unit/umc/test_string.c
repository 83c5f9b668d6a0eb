// SPDX-License-Identifier: GPL-2.0
/* test_string.c - the kernel-only string helpers (umc/src/string.c) and <linux/ctype.h>. */
#include "umc_test.h"

#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/errno.h>

static void test_strscpy(void **state)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(strscpy(buf, "abc", sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(buf[4], 'X'); /* no padding */
	assert_int_equal(strscpy(buf, "1234567", sizeof(buf)), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(strscpy(buf, "12345678", sizeof(buf)), -E2BIG);
	assert_string_equal(buf, "1234567");
	assert_int_equal(strscpy(buf, "xyz", 0), -E2BIG);
	assert_string_equal(buf, "1234567"); /* untouched */
	assert_int_equal(strscpy(buf, "xyz", 1), -E2BIG);
	assert_string_equal(buf, "");
	assert_int_equal(strscpy(buf, "", sizeof(buf)), 0);

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(strscpy_pad(buf, "ab", sizeof(buf)), 2);
	for (int i = 2; i < 8; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(strscpy_pad(buf, "123456789", sizeof(buf)), -E2BIG);
	assert_string_equal(buf, "1234567");
}

static void test_strlcpy_strlcat(void **state)
{
	char buf[8];

	assert_int_equal(strlcpy(buf, "hello world", sizeof(buf)), 11);
	assert_string_equal(buf, "hello w");
	assert_int_equal(strlcpy(buf, "hi", sizeof(buf)), 2);
	assert_string_equal(buf, "hi");
	assert_int_equal(strlcpy(buf, "zzz", 0), 3);
	assert_string_equal(buf, "hi");

	assert_int_equal(strlcat(buf, "-there", sizeof(buf)), 8);
	assert_string_equal(buf, "hi-ther");
	assert_int_equal(strlcat(buf, "more", sizeof(buf)), 11);
	assert_string_equal(buf, "hi-ther");
	strcpy(buf, "a");
	assert_int_equal(strlcat(buf, "b", sizeof(buf)), 2);
	assert_string_equal(buf, "ab");
	/* no NUL within size: nothing appended */
	memset(buf, 'Y', sizeof(buf));
	assert_int_equal(strlcat(buf, "abc", 4), 7);
	assert_int_equal(buf[3], 'Y');
}

static void test_search(void **state)
{
	const char *s = "drbd0,drbd1";

	assert_ptr_equal(strnchr(s, 5, '0'), s + 4);
	assert_null(strnchr(s, 4, '0'));
	assert_null(strnchr("ab", 10, 'z'));
	assert_ptr_equal(strnchrnul(s, 20, ','), s + 5);
	assert_ptr_equal(strnchrnul(s, 3, ','), s + 3);
	{
		const char *ab = "ab";

		assert_ptr_equal(strnchrnul(ab, 10, 'z'), ab + 2); /* stops at the NUL */
	}
	assert_ptr_equal(strnstr(s, "drbd1", strlen(s)), s + 6);
	assert_null(strnstr(s, "drbd1", 10));
	assert_ptr_equal(strnstr(s, "", 0), s);
	assert_ptr_equal(memscan((void *)s, ',', 11), s + 5);
	assert_ptr_equal(memscan((void *)s, 'q', 11), s + 11);
}

static void test_spaces(void **state)
{
	char a[] = "  \t hello world \n ";
	char b[] = "   ";
	char c[] = "x";

	assert_string_equal(skip_spaces("\n\t x "), "x ");
	assert_string_equal(strim(a), "hello world");
	assert_string_equal(strstrip(b), "");
	assert_string_equal(strim(c), "x");
}

static void test_memchr_inv(void **state)
{
	u8 buf[100];

	memset(buf, 0xaa, sizeof(buf));
	assert_null(memchr_inv(buf, 0xaa, sizeof(buf)));
	for (int at = 0; at < 100; at += 7) {
		buf[at] = 1;
		for (int off = 0; off < 9 && off <= at; off++)
			assert_ptr_equal(memchr_inv(buf + off, 0xaa, sizeof(buf) - off), buf + at);
		buf[at] = 0xaa;
	}
	assert_null(memchr_inv(buf, 0, 0));
	memset(buf, 0, sizeof(buf));
	assert_true(mem_is_zero(buf, sizeof(buf)));
	buf[99] = 1;
	assert_false(mem_is_zero(buf, sizeof(buf)));
}

static void test_misc(void **state)
{
	static const char *const names[] = { "primary", "secondary", NULL, "unknown" };
	char s[] = "a/b/c";
	u16 w[4];
	u32 d[3];
	u64 q[2];

	assert_true(sysfs_streq("abc", "abc"));
	assert_true(sysfs_streq("abc\n", "abc"));
	assert_true(sysfs_streq("abc", "abc\n"));
	assert_false(sysfs_streq("abc\n\n", "abc"));
	assert_false(sysfs_streq("ab", "abc"));

	assert_int_equal(match_string(names, ARRAY_SIZE(names), "secondary"), 1);
	assert_int_equal(match_string(names, ARRAY_SIZE(names), "unknown"), -EINVAL);
	assert_int_equal(__sysfs_match_string(names, ARRAY_SIZE(names), "unknown\n"), 3);

	assert_ptr_equal(strreplace(s, '/', '!'), s + 5);
	assert_string_equal(s, "a!b!c");

	memset16(w, 0xbeef, 4);
	memset32(d, 0xdeadbeef, 3);
	memset64(q, 0x0123456789abcdefULL, 2);
	assert_int_equal(w[3], 0xbeef);
	assert_int_equal(d[2], 0xdeadbeef);
	assert_true(q[1] == 0x0123456789abcdefULL);

	assert_int_equal(memweight("\xff\x01\x00\x80\xff\xff\xff\xff\xff\x03", 10), 8 + 1 + 1 + 40 + 2);
	assert_true(strstarts("drbd0", "drbd"));
	assert_false(strstarts("drb", "drbd"));
	assert_string_equal(kbasename("/dev/drbd0"), "drbd0");
	assert_string_equal(kbasename("drbd0"), "drbd0");

	{
		char secret[8] = "key";

		memzero_explicit(secret, sizeof(secret));
		assert_true(mem_is_zero(secret, sizeof(secret)));
	}
}

static void test_dup(void **state)
{
	char *p;
	const char *c;
	void *m;

	p = kstrdup("resource r0", GFP_KERNEL);
	assert_string_equal(p, "resource r0");
	kfree(p);
	assert_null(kstrdup(NULL, GFP_KERNEL));

	p = kstrndup("abcdef", 3, GFP_KERNEL);
	assert_string_equal(p, "abc");
	kfree(p);
	p = kstrndup("ab", 10, GFP_KERNEL);
	assert_string_equal(p, "ab");
	kfree(p);

	m = kmemdup("\x01\x02\x03", 3, GFP_KERNEL);
	assert_memory_equal(m, "\x01\x02\x03", 3);
	kfree(m);

	p = kmemdup_nul("xyz123", 3, GFP_KERNEL);
	assert_string_equal(p, "xyz");
	kfree(p);

	c = kstrdup_const("const", GFP_KERNEL);
	assert_string_equal(c, "const");
	kfree_const(c);
}

static void test_ctype(void **state)
{
	/* ASCII classes */
	assert_true(isdigit('7') && !isdigit('a'));
	assert_true(isxdigit('F') && isxdigit('a') && !isxdigit('g'));
	assert_true(isalpha('Q') && !isalpha('1'));
	assert_true(isspace(' ') && isspace('\t') && isspace('\n') && isspace('\v') &&
		    isspace('\f') && isspace('\r') && !isspace('x'));
	assert_true(ispunct('!') && ispunct('~') && !ispunct('a'));
	assert_true(iscntrl('\x7f') && iscntrl('\x1f') && !iscntrl(' '));
	assert_true(isprint(' ') && !isprint('\n') && isgraph('x') && !isgraph(' '));
	assert_int_equal(tolower('A'), 'a');
	assert_int_equal(toupper('z'), 'Z');
	assert_int_equal(tolower('1'), '1');
	assert_int_equal(_tolower('X'), 'x');
	assert_true(isodigit('7') && !isodigit('8'));
	/* the kernel's Latin-1 table */
	assert_true(isspace(0xa0));
	assert_true(isupper(0xc0) && !isupper(0xd7) && ispunct(0xd7));
	assert_true(islower(0xff) && !islower(0xf7));
	assert_int_equal(tolower(0xc9), 0xe9);
	assert_int_equal(toupper(0xe9), 0xc9);
	assert_true(isascii('a') && !isascii(0x80));
	/* each argument is evaluated once */
	{
		const char *p = "A1";

		assert_true(isalnum(*p++));
		assert_true(isalnum(*p++));
		assert_int_equal(*p, '\0');
	}
	/* a signed char argument is taken as unsigned */
	assert_true(isspace((char)0xa0));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strscpy),
		cmocka_unit_test(test_strlcpy_strlcat),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_memchr_inv),
		cmocka_unit_test(test_misc),
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_ctype),
	};
	return UMC_TEST_RUN(tests);
}
