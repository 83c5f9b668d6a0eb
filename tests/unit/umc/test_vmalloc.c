// SPDX-License-Identifier: GPL-2.0
/* test_vmalloc.c - vmalloc/vfree and is_vmalloc_addr (umc/src/vmalloc.c). */
#include "umc_test.h"

#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <umc/mem.h>

#define NB 40

static void test_vmalloc_registry(void **state)
{
	unsigned long base = umc_vmalloc_live_bytes();
	char *blocks[NB];
	char *k;
	int i;

	(void)state;
	for (i = 0; i < NB; i++) {
		blocks[i] = i % 2 ? vzalloc(1 + i * 3000) : vmalloc(1 + i * 3000);
		assert_non_null(blocks[i]);
		assert_true(PAGE_ALIGNED(blocks[i]));
		blocks[i][i * 3000] = 1; /* last byte asked for */
	}
	assert_int_equal(blocks[3][5], 0);
	assert_true(umc_vmalloc_live_bytes() > base);
	k = kmalloc(64, GFP_KERNEL);
	assert_false(is_vmalloc_addr(k));
	assert_false(is_vmalloc_addr(NULL));
	for (i = 0; i < NB; i++) {
		assert_true(is_vmalloc_addr(blocks[i]));
		assert_true(is_vmalloc_addr(blocks[i] + i * 3000));
	}
	/* free in a scrambled order */
	for (i = 0; i < NB; i += 2)
		vfree(blocks[i]);
	for (i = 0; i < NB; i += 2)
		assert_false(is_vmalloc_addr(blocks[i]) && blocks[i] != blocks[i + 1]);
	for (i = NB - 1; i > 0; i -= 2)
		vfree(blocks[i]);
	vfree(NULL);
	kfree(k);
	assert_int_equal(umc_vmalloc_live_bytes(), base);
	assert_null(__vmalloc(0, GFP_KERNEL | __GFP_NOWARN));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmalloc_registry),
	};

	return UMC_TEST_RUN(tests);
}
