// SPDX-License-Identifier: GPL-2.0
/* test_bitmap.c - bitmap operations and bitmap_parse (umc/src/bitmap.c). */
#include "umc_test.h"

#include <linux/bitmap.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/errno.h>

#define NB 200

/* bit-by-bit reference model */
static bool bit(const unsigned long *m, unsigned int n)
{
	return (m[n / BITS_PER_LONG] >> (n % BITS_PER_LONG)) & 1;
}

static void random_map(unsigned long *m, unsigned int nbits)
{
	get_random_bytes(m, BITS_TO_LONGS(nbits) * sizeof(long));
}

static void test_logic_ops(void **state)
{
	DECLARE_BITMAP(a, NB);
	DECLARE_BITMAP(b, NB);
	DECLARE_BITMAP(d, NB);

	for (int round = 0; round < 50; round++) {
		unsigned int nbits = 1 + get_random_u32_below(NB);
		unsigned int w = 0;
		bool any_and = false, any_andnot = false, inter = false, subset = true;

		random_map(a, NB);
		random_map(b, NB);
		if (round % 5 == 0)
			bitmap_copy(b, a, NB);
		for (unsigned int i = 0; i < nbits; i++) {
			w += bit(a, i);
			any_and |= bit(a, i) && bit(b, i);
			any_andnot |= bit(a, i) && !bit(b, i);
			inter |= bit(a, i) && bit(b, i);
			subset &= !bit(a, i) || bit(b, i);
		}
		assert_int_equal(bitmap_weight(a, nbits), w);
		assert_int_equal(__bitmap_weight(a, nbits), w);
		assert_int_equal(bitmap_intersects(a, b, nbits), inter);
		assert_int_equal(bitmap_subset(a, b, nbits), subset);
		assert_int_equal(bitmap_and(d, a, b, nbits), any_and);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(d, i), bit(a, i) && bit(b, i));
		assert_int_equal(bitmap_andnot(d, a, b, nbits), any_andnot);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(d, i), bit(a, i) && !bit(b, i));
		bitmap_or(d, a, b, nbits);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(d, i), bit(a, i) || bit(b, i));
		bitmap_xor(d, a, b, nbits);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(d, i), bit(a, i) != bit(b, i));
		bitmap_complement(d, a, nbits);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(d, i), !bit(a, i));
		/* equality ignores the bits beyond nbits */
		bitmap_copy(d, a, NB);
		d[(nbits - 1) / BITS_PER_LONG] ^= nbits % BITS_PER_LONG ? ~BITMAP_LAST_WORD_MASK(nbits) : 0;
		assert_true(bitmap_equal(a, d, nbits));
		assert_true(__bitmap_equal(a, d, nbits));
		d[(nbits - 1) / BITS_PER_LONG] ^= 1UL << ((nbits - 1) % BITS_PER_LONG);
		assert_false(bitmap_equal(a, d, nbits));
	}
	/* constant small sizes take the inline path */
	a[0] = 0xf0f0;
	b[0] = 0x1f0f0;
	assert_true(bitmap_equal(a, b, 16));
	assert_false(bitmap_equal(a, b, 17));
	assert_int_equal(bitmap_weight(a, 8), 4);
}

static void test_set_clear_fill(void **state)
{
	DECLARE_BITMAP(m, NB);

	for (int round = 0; round < 200; round++) {
		unsigned int start = get_random_u32_below(NB);
		unsigned int len = get_random_u32_below(NB - start + 1);
		DECLARE_BITMAP(before, NB);

		random_map(m, NB);
		bitmap_copy(before, m, NB);
		if (round & 1) {
			bitmap_set(m, start, len);
			for (unsigned int i = 0; i < NB; i++)
				assert_int_equal(bit(m, i),
						 (i >= start && i < start + len) ? 1 : bit(before, i));
		} else {
			bitmap_clear(m, start, len);
			for (unsigned int i = 0; i < NB; i++)
				assert_int_equal(bit(m, i),
						 (i >= start && i < start + len) ? 0 : bit(before, i));
		}
	}
	bitmap_zero(m, NB);
	assert_true(bitmap_empty(m, NB));
	assert_false(bitmap_full(m, NB));
	bitmap_fill(m, NB);
	assert_true(bitmap_full(m, NB));
	assert_int_equal(bitmap_weight(m, NB), NB);
	__clear_bit(NB - 1, m);
	assert_false(bitmap_full(m, NB));
	assert_true(bitmap_full(m, NB - 1));
}

static void test_shifts(void **state)
{
	DECLARE_BITMAP(src, NB);
	DECLARE_BITMAP(dst, NB);

	for (int round = 0; round < 100; round++) {
		unsigned int nbits = 1 + get_random_u32_below(NB);
		unsigned int shift = get_random_u32_below(nbits + 10);

		random_map(src, NB);
		bitmap_shift_right(dst, src, shift, nbits);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(dst, i), i + shift < nbits ? bit(src, i + shift) : 0);
		bitmap_shift_left(dst, src, shift, nbits);
		for (unsigned int i = 0; i < nbits; i++)
			assert_int_equal(bit(dst, i), i >= shift ? bit(src, i - shift) : 0);
	}
}

static void test_arr32(void **state)
{
	u32 arr[3] = { 0x11111111, 0x22222222, 0x00000033 };
	u32 back[3];
	DECLARE_BITMAP(m, 72);

	bitmap_from_arr32(m, arr, 72);
	assert_true(m[0] == 0x2222222211111111UL);
	assert_true(m[1] == 0x33UL);
	memset(back, 0xff, sizeof(back));
	bitmap_to_arr32(back, m, 70);
	assert_int_equal(back[0], 0x11111111);
	assert_int_equal(back[1], 0x22222222);
	assert_int_equal(back[2], 0x33 & 0x3f);
}

static void test_alloc(void **state)
{
	unsigned long *m = bitmap_zalloc(1000, GFP_KERNEL);

	assert_non_null(m);
	assert_true(bitmap_empty(m, 1000));
	bitmap_set(m, 990, 10);
	assert_int_equal(bitmap_weight(m, 1000), 10);
	bitmap_free(m);
	m = bitmap_alloc(64, GFP_KERNEL);
	assert_non_null(m);
	bitmap_free(m);
}

static void test_parse(void **state)
{
	DECLARE_BITMAP(m, 128);

	memset(m, 0xee, sizeof(m));
	assert_int_equal(bitmap_parse("ff", 32, m, 64), 0);
	assert_true(m[0] == 0xff);
	/* the last chunk holds bits 0..31; each comma-separated chunk is 32 bits */
	assert_int_equal(bitmap_parse("1,00000002", 32, m, 64), 0);
	assert_true(m[0] == (1UL << 32 | 2));
	assert_int_equal(bitmap_parse("3,0,f", 32, m, 128), 0);
	assert_true(m[0] == 0xf);
	assert_true(m[1] == 3);
	/* whitespace, empty chunks, a trailing newline */
	assert_int_equal(bitmap_parse(" a , ,\n", 32, m, 64), 0);
	assert_true(m[0] == 0xa);
	assert_int_equal(bitmap_parse("DEADBEEF", 32, m, 64), 0);
	assert_true(m[0] == 0xdeadbeef);
	/* the string ends after buflen bytes */
	assert_int_equal(bitmap_parse("123456", 2, m, 64), 0);
	assert_true(m[0] == 0x12);
	assert_int_equal(bitmap_parse("", 32, m, 64), 0);
	assert_true(m[0] == 0);
	/* errors */
	assert_int_equal(bitmap_parse("xyz", 32, m, 64), -EINVAL);
	assert_int_equal(bitmap_parse("123456789", 32, m, 64), -EOVERFLOW);
	assert_int_equal(bitmap_parse("1,2,3", 32, m, 64), -EOVERFLOW);
	/* a set bit at or above nmaskbits (DRBD masks it out and goes on) */
	assert_int_equal(bitmap_parse("f0", 32, m, 4), -EOVERFLOW);
	assert_int_equal(bitmap_parse("3", 32, m, 2), 0);
	assert_true((m[0] & 3) == 3);
	/* DRBD cpu-mask strings */
	assert_int_equal(bitmap_parse("0", 32, m, 2), 0);
	assert_true((m[0] & 3) == 0);
	assert_int_equal(bitmap_parse("2", 32, m, 2), 0);
	assert_true((m[0] & 3) == 2);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logic_ops),
		cmocka_unit_test(test_set_clear_fill),
		cmocka_unit_test(test_shifts),
		cmocka_unit_test(test_arr32),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_parse),
	};
	return UMC_TEST_RUN(tests);
}
