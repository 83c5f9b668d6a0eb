// SPDX-License-Identifier: GPL-2.0
/* test_random.c - get_random_* and the bounded variants (umc/src/random.c). */
#include "umc_test.h"

#include <linux/random.h>
#include <linux/string.h>

static void test_bytes_change(void **state)
{
	u8 a[64], b[64];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	get_random_bytes(a, sizeof(a));
	get_random_bytes(b, sizeof(b));
	/* 2^-512 chance of a false failure */
	assert_memory_not_equal(a, b, sizeof(a));
	get_random_bytes(a, 0); /* nothing to do */
}

static void test_widths_cover_their_range(void **state)
{
	u8 or8 = 0, and8 = 0xff;
	u16 or16 = 0, and16 = 0xffff;
	u32 or32 = 0, and32 = ~0u;
	u64 or64 = 0, and64 = ~0ull;

	/* every bit is seen both set and clear within 200 draws (fails with p < 2^-190) */
	for (int i = 0; i < 200; i++) {
		u8 v8 = get_random_u8();
		u16 v16 = get_random_u16();
		u32 v32 = get_random_u32();
		u64 v64 = get_random_u64();

		or8 |= v8, and8 &= v8;
		or16 |= v16, and16 &= v16;
		or32 |= v32, and32 &= v32;
		or64 |= v64, and64 &= v64;
	}
	assert_int_equal(or8, 0xff);
	assert_int_equal(and8, 0);
	assert_int_equal(or16, 0xffff);
	assert_int_equal(and16, 0);
	assert_true(or32 == ~0u && and32 == 0);
	assert_true(or64 == ~0ull && and64 == 0);
}

static void test_below_is_bounded_and_uniform(void **state)
{
	static const u32 ceilings[] = { 2, 3, 7, 10, 1000, 0x80000001u, ~0u };
	unsigned int hist[10] = { 0 };

	assert_int_equal(get_random_u32_below(0), 0);
	assert_int_equal(get_random_u32_below(1), 0);
	for (unsigned int c = 0; c < ARRAY_SIZE(ceilings); c++)
		for (int i = 0; i < 2000; i++)
			assert_true(get_random_u32_below(ceilings[c]) < ceilings[c]);
	/* 10 buckets, 20000 draws: each bucket 2000 +- 300 (about 7 sigma) */
	for (int i = 0; i < 20000; i++)
		hist[prandom_u32_max(10)]++;
	for (int i = 0; i < 10; i++) {
		assert_true(hist[i] > 1700);
		assert_true(hist[i] < 2300);
	}
	for (int i = 0; i < 1000; i++) {
		u32 v = get_random_u32_inclusive(5, 7);

		assert_true(v >= 5 && v <= 7);
		assert_true(get_random_u32_above(~0u - 2) > ~0u - 2);
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes_change),
		cmocka_unit_test(test_widths_cover_their_range),
		cmocka_unit_test(test_below_is_bounded_and_uniform),
	};
	return UMC_TEST_RUN(tests);
}
