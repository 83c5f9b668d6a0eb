// SPDX-License-Identifier: GPL-2.0
/* test_hexdump.c - hex digits, hex2bin/bin2hex, hex_dump_to_buffer, print_hex_dump
 * (umc/src/hexdump.c). */
#define KBUILD_MODNAME "umctest"
#include "umc_test.h"

#include <linux/printk.h>
#include <linux/string.h>
#include <linux/errno.h>

static void test_digits(void **state)
{
	u8 bin[4];
	char txt[9];

	assert_int_equal(hex_to_bin('0'), 0);
	assert_int_equal(hex_to_bin('9'), 9);
	assert_int_equal(hex_to_bin('a'), 10);
	assert_int_equal(hex_to_bin('F'), 15);
	assert_int_equal(hex_to_bin('g'), -1);
	assert_int_equal(hex_to_bin(' '), -1);
	assert_int_equal(hex_to_bin(0xc1), -1);
	assert_int_equal(hex_asc_hi(0xa5), 'a');
	assert_int_equal(hex_asc_lo(0xa5), '5');
	assert_int_equal(hex_asc_upper_hi(0xa5), 'A');

	assert_int_equal(hex2bin(bin, "DEADbeef", 4), 0);
	assert_memory_equal(bin, "\xde\xad\xbe\xef", 4);
	assert_int_equal(hex2bin(bin, "12x4", 2), -EINVAL);
	*bin2hex(txt, "\x01\xab\xff\x10", 4) = '\0';
	assert_string_equal(txt, "01abff10");
}

static void test_hex_dump_to_buffer(void **state)
{
	char line[200];
	u8 data[32];

	for (int i = 0; i < 32; i++)
		data[i] = 0x40 + i;
	assert_int_equal(hex_dump_to_buffer(data, 4, 16, 1, line, sizeof(line), false), 11);
	assert_string_equal(line, "40 41 42 43");
	/* groups print as host-order numbers */
	hex_dump_to_buffer(data, 8, 16, 4, line, sizeof(line), false);
	assert_string_equal(line, "43424140 47464544");
	hex_dump_to_buffer(data, 8, 16, 2, line, sizeof(line), false);
	assert_string_equal(line, "4140 4342 4544 4746");
	hex_dump_to_buffer(data, 8, 16, 8, line, sizeof(line), false);
	assert_string_equal(line, "4746454443424140");
	/* a length that does not divide into groups falls back to bytes */
	hex_dump_to_buffer(data, 3, 16, 4, line, sizeof(line), false);
	assert_string_equal(line, "40 41 42");
	/* the ASCII column starts at rowsize*2 + rowsize/groupsize + 1 */
	hex_dump_to_buffer("ab\x01", 3, 16, 1, line, sizeof(line), true);
	assert_string_equal(line, "61 62 01                                         ab.");
	assert_int_equal(strlen(line), 49 + 3);
	/* at most one row */
	hex_dump_to_buffer(data, 32, 16, 1, line, sizeof(line), false);
	assert_int_equal(strlen(line), 16 * 3 - 1);
	/* truncation keeps a terminated prefix and returns the full length */
	assert_int_equal(hex_dump_to_buffer(data, 4, 16, 1, line, 5, false), 11);
	assert_string_equal(line, "40 4");
}

/* print_hex_dump goes to the log (subsystem "umc": it is a umc function) */
#include "umc_test_capture.h"

static bool capture_wanted(const char *subsys)
{
	return !strcmp(subsys, "umc");
}

static void test_print_hex_dump(void **state)
{
	u8 data[20];

	for (int i = 0; i < 20; i++)
		data[i] = i;
	print_hex_dump(KERN_INFO, "blk: ", DUMP_PREFIX_OFFSET, 16, 1, data, sizeof(data), false);
	assert_int_equal(cap_count, 2);
	assert_string_equal(cap_lines[0].text, "blk: 00000000: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");
	assert_string_equal(cap_lines[1].text, "blk: 00000010: 10 11 12 13");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_hex_dump_to_buffer),
		CAPTURE_TEST(test_print_hex_dump),
	};
	return CAPTURE_RUN(tests);
}
