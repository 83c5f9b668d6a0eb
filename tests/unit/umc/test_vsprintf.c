// SPDX-License-Identifier: GPL-2.0
/* test_vsprintf.c - the printf family and its kernel %p extensions (umc/src/vsprintf.c). */
#include "umc_test.h"

#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/blkdev.h>

/* Format into a roomy buffer; the string and the return value must both match. */
#define CHECK(expected, fmt, ...) \
	do { \
		char __b[512]; \
		int __n = snprintf(__b, sizeof(__b), fmt, ##__VA_ARGS__); \
		assert_string_equal(__b, expected); \
		assert_int_equal(__n, (int)strlen(expected)); \
	} while (0)

static void test_integers(void **state)
{
	CHECK("0", "%d", 0);
	CHECK("-1", "%d", -1);
	CHECK("2147483647 -2147483648", "%d %i", INT_MAX, INT_MIN);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("ff FF 377", "%x %X %o", 255, 255, 255);
	CHECK("0xff 0XFF 0377", "%#x %#X %#o", 255, 255, 255);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("ffffffffffffffff", "%lx", ~0UL);
	CHECK("12345678901", "%zu", (size_t)12345678901ULL);
	CHECK("-5", "%zd", (ssize_t)-5);
	CHECK("-7", "%td", (ptrdiff_t)-7);
	CHECK("-1 255", "%hhd %hhu", -1, 255);
	CHECK("-1 65535 ffff", "%hd %hu %hx", 65535, 65535, -1);
	CHECK("-128 128", "%hhd %hhu", 128, 128);
	CHECK("123", "%Lu", 123ULL);
}

static void test_flags_width_precision(void **state)
{
	CHECK("   42|42   |00042|+42| 42", "%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
	CHECK("  -42|-42  |-0042", "%5d|%-5d|%05d", -42, -42, -42);
	CHECK("00042|  00042", "%.5d|%7.5d", 42, 42);
	CHECK("  0x2a|0x002a|0x2a  ", "%#6x|%#06x|%#-6x", 42, 42, 42);
	CHECK("   42|42   ", "%*d|%-*d", 5, 42, 5, 42);
	CHECK("42   ", "%*d", -5, 42);
	CHECK("00042", "%.*d", 5, 42);
	CHECK("42", "%.*d", -3, 42); /* negative precision: as if omitted */
	CHECK("100", "%2d", 100);
	/* the kernel's differences from ISO C */
	CHECK("0", "%.0d", 0);
	CHECK("0x0", "%#x", 0);
	CHECK("0", "%#o", 0);
	{
		const char *zero_and_prec = "%05.3d"; /* gcc warns about the literal */

		CHECK("00042", zero_and_prec, 42);
	}
	CHECK("+0", "%+d", 0);
}

/* hide a value from the compiler's format checks */
static const char *opaque(const char *p)
{
	__asm__("" : "+r"(p));
	return p;
}

static void test_chars_and_strings(void **state)
{
	const char *null_str = opaque(NULL);

	CHECK("a|  b|c  ", "%c|%3c|%-3c", 'a', 'b', 'c');
	CHECK("hello", "%s", "hello");
	CHECK("  abc|abc  |ab", "%5s|%-5s|%.2s", "abc", "abc", "abc");
	CHECK("   ab", "%5.2s", "abcdef");
	CHECK("(null)", "%s", null_str);
	CHECK("(efault)", "%s", (const char *)16);
	CHECK("(efault)", "%s", (const char *)ERR_PTR(-EINVAL));
	CHECK("(nu", "%.3s", null_str);
	CHECK("100%", "%d%%", 100);
	CHECK("", "%s", "");
	CHECK("x\x01y", "x%cy", 1);
}

static void test_plain_pointers(void **state)
{
	void *p = (void *)0x12345678abcdefUL;

	CHECK("0012345678abcdef", "%p", p);
	CHECK("0012345678abcdef", "%px", p);
	CHECK("0012345678abcdef", "%pK", p);
	CHECK("0000000000000000", "%p", NULL);
	CHECK("          12345678abcdef", "%24p", p);
	/* %pS / %ps: the kernel's output without a symbol table */
	CHECK("0x0012345678abcdef", "%pS", p);
	CHECK("0x0012345678abcdef", "%ps", p);
	CHECK("0x0012345678abcdef", "%pSR", p);
	/* %pe: error pointers in decimal, others as %p */
	CHECK("-12", "%pe", ERR_PTR(-ENOMEM));
	CHECK("0012345678abcdef", "%pe", p);
	/* the letters of an extension are consumed */
	CHECK("0012345678abcdef!", "%pZZ9!", p);
}

static void test_ipv4(void **state)
{
	u8 a[4] = { 192, 168, 1, 1 };
	u8 b[4] = { 10, 0, 0, 254 };
	u8 z[4] = { 0, 0, 0, 0 };

	CHECK("192.168.1.1", "%pI4", a);
	CHECK("10.0.0.254", "%pI4", b);
	CHECK("0.0.0.0", "%pI4", z);
	CHECK("192.168.001.001", "%pi4", a);
	CHECK("  10.0.0.254|", "%12pI4|", b);
	CHECK("10.0.0.254  |", "%-12pI4|", b);
	CHECK("peer 192.168.1.1:7789", "peer %pI4:%d", a, 7789);
	CHECK("(null)", "%pI4", NULL);
}

static void test_ipv6(void **state)
{
	u8 ll[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	u8 doc[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
	u8 loop[16] = { [15] = 1 };
	u8 any[16] = { 0 };
	u8 mapped[16] = { [10] = 0xff, [11] = 0xff, [12] = 192, [13] = 168, [14] = 1, [15] = 1 };
	u8 isatap[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x5e, 0xfe, 192, 168, 1, 1 };
	u8 tail[16] = { 0, 1 };
	u8 single[16] = { 0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7 };
	u8 full[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
			0x0f, 0xed, 0xcb, 0xa9, 0x87, 0x65, 0x43, 0x21 };

	CHECK("fe80:0000:0000:0000:0000:0000:0000:0001", "%pI6", ll);
	CHECK("fe800000000000000000000000000001", "%pi6", ll);
	CHECK("fe80::1", "%pI6c", ll);
	/* first of two equally long zero runs is compressed */
	CHECK("2001:db8::1:0:0:1", "%pI6c", doc);
	CHECK("::1", "%pI6c", loop);
	CHECK("::", "%pI6c", any);
	CHECK("::ffff:192.168.1.1", "%pI6c", mapped);
	CHECK("fe80::5efe:192.168.1.1", "%pI6c", isatap);
	CHECK("1::", "%pI6c", tail);
	CHECK("1:0:2:3:4:5:6:7", "%pI6c", single); /* a single zero group stays */
	CHECK("1234:5678:9abc:def0:fed:cba9:8765:4321", "%pI6c", full);
	CHECK("[fe80::1]", "[%pI6c]", ll);
}

static void test_sockaddr(void **state)
{
	/* struct sockaddr_in / sockaddr_in6 byte layouts (family in host order) */
	u8 sin[16] = { 2, 0, 0x1e, 0x6d, 192, 168, 1, 1 };
	u8 sin6[28] = { 10, 0, 0x1e, 0x6d, 0, 0, 0, 0,
			0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

	CHECK("192.168.1.1", "%pIS", sin);
	CHECK("192.168.1.1:7789", "%pISp", sin);
	CHECK("fe80::1", "%pISc", sin6);
	CHECK("[fe80::1]:7789", "%pISpc", sin6);
	CHECK("fe80:0000:0000:0000:0000:0000:0000:0001", "%pIS", sin6);
}

static void test_hex_and_escape(void **state)
{
	u8 data[5] = { 0x00, 0x01, 0xab, 0xff, 0x10 };
	const char esc[] = "a\nb\x01\\";

	CHECK("00 01 ab ff 10", "%*ph", 5, data);
	CHECK("00:01:ab", "%*phC", 3, data);
	CHECK("00-01", "%*phD", 2, data);
	CHECK("0001abff10", "%*phN", 5, data);
	CHECK("00", "%ph", data);
	CHECK("", "%*ph", 0, data); /* width 0: nothing ("%0ph" is the 0 flag, one byte) */
	CHECK("a\\nb\\001\\", "%*pE", 5, esc);
	CHECK("a\\x0ab\\x01\\", "%*pEh", 5, esc);
}

static int vaf_helper(char *buf, size_t size, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;
	int n;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	n = snprintf(buf, size, "<%pV>", &vaf);
	va_end(args);
	return n;
}

static void test_va_format(void **state)
{
	char buf[64];

	assert_int_equal(vaf_helper(buf, sizeof(buf), "%d-%s", 7, "x"), 5);
	assert_string_equal(buf, "<7-x>");
	/* truncated inside the nested format: the count is still the full length */
	assert_int_equal(vaf_helper(buf, 4, "%s", "abcdef"), 8);
	assert_string_equal(buf, "<ab");
}

static void test_phys_addr(void **state)
{
	phys_addr_t pa = 0x1234;

	CHECK("0x0000000000001234", "%pa", &pa);
	CHECK("0x0000000000001234", "%pap", &pa);
}

static void test_snprintf_truncation(void **state)
{
	char buf[8];
	int n;

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, sizeof(buf), "%s", "0123456789");
	assert_int_equal(n, 10);
	assert_string_equal(buf, "0123456");

	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 1, "%d", 12345);
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'X');

	/* size 0: nothing is written, not even the NUL */
	memset(buf, 'X', sizeof(buf));
	n = snprintf(buf, 0, "%d", 12345);
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], 'X');
	assert_int_equal(snprintf(NULL, 0, "%s-%d", "ab", 42), 5);

	/* exact fit */
	n = snprintf(buf, sizeof(buf), "%s", "1234567");
	assert_int_equal(n, 7);
	assert_string_equal(buf, "1234567");
}

static void test_scnprintf(void **state)
{
	char buf[8];

	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "0123456789"), 7);
	assert_string_equal(buf, "0123456");
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
	assert_int_equal(scnprintf(buf, 1, "%s", "abc"), 0);
	assert_string_equal(buf, "");
	assert_int_equal(scnprintf(buf, 0, "%s", "abc"), 0);

	/* the usual accumulate pattern never runs past the buffer */
	{
		char out[10];
		int len = 0;

		for (int i = 0; i < 10; i++)
			len += scnprintf(out + len, sizeof(out) - len, "%d,", i);
		assert_int_equal(len, 9);
		assert_string_equal(out, "0,1,2,3,4");
	}
}

static void test_sprintf_and_kasprintf(void **state)
{
	char buf[32];
	char *p;

	assert_int_equal(sprintf(buf, "minor %u: %s", 3, "drbd3"), 14);
	assert_string_equal(buf, "minor 3: drbd3");

	p = kasprintf(GFP_KERNEL, "%s/%d/%pI4", "r0", 7, (u8[]){ 1, 2, 3, 4 });
	assert_non_null(p);
	assert_string_equal(p, "r0/7/1.2.3.4");
	kfree(p);
}

static void test_invalid_conversion_stops(void **state)
{
	char buf[32];
	int written = 0;
	const char *fmt_n = "ab%ncd";
	const char *fmt_bad = "x%qy";
	const char *fmt_end = "tail%";

	/* %n is refused: output stops there and nothing is written through the pointer */
	assert_int_equal(snprintf(buf, sizeof(buf), fmt_n, &written), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(written, 0);
	assert_int_equal(snprintf(buf, sizeof(buf), fmt_bad, 1), 1);
	assert_string_equal(buf, "x");
	assert_int_equal(snprintf(buf, sizeof(buf), fmt_end), 4);
	assert_string_equal(buf, "tail");
}

static void test_bdev_name(void **state)
{
	static struct gendisk disk, nvme;
	static struct block_device whole, part, npart;
	char buf[32];

	strscpy(disk.disk_name, "sda", sizeof(disk.disk_name));
	strscpy(nvme.disk_name, "nvme0n1", sizeof(nvme.disk_name));
	whole.bd_disk = &disk;
	part.bd_disk = &disk;
	part.bd_partno = 1;
	npart.bd_disk = &nvme;
	npart.bd_partno = 2;
	CHECK("sda", "%pg", &whole);
	CHECK("sda1", "%pg", &part);
	CHECK("nvme0n1p2", "%pg", &npart);
	CHECK("(null)", "%pg", NULL);
	snprintf(buf, sizeof(buf), "[%pg]", &whole);
	assert_string_equal(buf, "[sda]");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_flags_width_precision),
		cmocka_unit_test(test_chars_and_strings),
		cmocka_unit_test(test_plain_pointers),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_sockaddr),
		cmocka_unit_test(test_hex_and_escape),
		cmocka_unit_test(test_va_format),
		cmocka_unit_test(test_phys_addr),
		cmocka_unit_test(test_snprintf_truncation),
		cmocka_unit_test(test_scnprintf),
		cmocka_unit_test(test_sprintf_and_kasprintf),
		cmocka_unit_test(test_invalid_conversion_stops),
		cmocka_unit_test(test_bdev_name),
	};
	return UMC_TEST_RUN(tests);
}
