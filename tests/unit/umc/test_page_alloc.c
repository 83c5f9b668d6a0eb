// SPDX-License-Identifier: GPL-2.0
/* test_page_alloc.c - the page allocator, struct page, kmap (umc/src/page_alloc.c). */
#include "umc_test.h"

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/string.h>
#include <umc/mem.h>

static unsigned long in_use(void)
{
	struct umc_page_stats st;

	umc_page_stats(&st);
	return st.in_use;
}

static void test_address_round_trip_and_alignment(void **state)
{
	unsigned long base = in_use();
	struct page *p, *q;
	char *a;
	unsigned int order;

	(void)state;
	p = alloc_page(GFP_KERNEL);
	assert_non_null(p);
	a = page_address(p);
	assert_true(PAGE_ALIGNED(a));
	assert_ptr_equal(virt_to_page(a), p);
	assert_ptr_equal(virt_to_page(a + PAGE_SIZE - 1), p);
	assert_ptr_equal(pfn_to_page(page_to_pfn(p)), p);
	assert_true(virt_addr_valid(a));
	assert_int_equal(page_count(p), 1);
	assert_int_equal(page_private(p), 0);
	set_page_private(p, 0xabcUL);
	assert_int_equal(page_private(p), 0xabc);
	assert_ptr_equal(kmap(p), a);
	kunmap(p);
	assert_ptr_equal(kmap_atomic(p), a);
	kunmap_atomic(a);
	assert_ptr_equal(kmap_local_page(p), a);
	kunmap_local(a);
	memset(a, 0x5a, PAGE_SIZE); /* the page is really ours */
	assert_int_equal(in_use(), base + 1);

	for (order = 1; order < MAX_ORDER; order++) {
		q = alloc_pages(GFP_KERNEL, order);
		assert_non_null(q);
		/* a block of 2^order pages is aligned to its size */
		assert_int_equal((unsigned long)page_address(q) & ((PAGE_SIZE << order) - 1), 0);
		assert_ptr_equal(virt_to_page((char *)page_address(q) + (PAGE_SIZE << order) - 1),
				 q + (1 << order) - 1);
		assert_int_equal(in_use(), base + 1 + (1UL << order));
		__free_pages(q, order);
		assert_int_equal(in_use(), base + 1);
	}
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	__free_page(p);
	assert_int_equal(in_use(), base);
}

static void test_refcount_and_free_paths(void **state)
{
	unsigned long base = in_use();
	struct page *p;
	unsigned long addr;

	(void)state;
	p = alloc_page(GFP_NOIO);
	get_page(p);
	assert_int_equal(page_count(p), 2);
	put_page(p);
	assert_int_equal(page_count(p), 1);
	assert_int_equal(in_use(), base + 1);
	put_page(p);
	assert_int_equal(in_use(), base);

	/* __free_pages while someone else holds the first page: the rest is freed now */
	p = alloc_pages(GFP_KERNEL, 2);
	get_page(p);
	__free_pages(p, 2);
	assert_int_equal(in_use(), base + 1);
	put_page(p);
	assert_int_equal(in_use(), base);

	addr = __get_free_pages(GFP_KERNEL, 1);
	assert_int_not_equal(addr, 0);
	assert_true(IS_ALIGNED(addr, 2 * PAGE_SIZE));
	free_pages(addr, 1);
	addr = __get_free_page(GFP_KERNEL);
	free_page(addr);
	free_page(0);
	assert_int_equal(in_use(), base);
	assert_false(PageSlab(virt_to_page((void *)addr)));
	assert_false(PageHighMem(virt_to_page((void *)addr)));
}

static void test_zeroing_and_copy(void **state)
{
	struct page *p, *q;
	char *a;
	size_t i;
	unsigned long z;

	(void)state;
	p = alloc_page(GFP_KERNEL);
	memset(page_address(p), 0xff, PAGE_SIZE);
	q = alloc_page(GFP_KERNEL);
	copy_highpage(q, p);
	assert_int_equal(memcmp(page_address(p), page_address(q), PAGE_SIZE), 0);
	__free_page(q);
	__free_page(p);
	/* the freed dirty page comes back first: zeroed when asked */
	z = get_zeroed_page(GFP_KERNEL);
	a = (char *)z;
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(a[i], 0);
	free_page(z);
}

/* Freed pages merge back into big blocks; surplus free 4 MiB blocks go back to the host. */
#define NBIG 16
static void test_buddy_merge_and_discard(void **state)
{
	struct umc_page_stats st0, st;
	struct page *small[2 * MAX_ORDER_NR_PAGES];
	struct page *big[NBIG];
	unsigned int i;
	char *a;

	(void)state;
	umc_page_stats(&st0);
	for (i = 0; i < ARRAY_SIZE(small); i++) {
		small[i] = alloc_page(GFP_KERNEL);
		assert_non_null(small[i]);
	}
	for (i = 0; i < ARRAY_SIZE(small); i++)
		__free_page(small[i]);
	umc_page_stats(&st);
	assert_int_equal(st.in_use, st0.in_use);
	/* two max-order blocks worth of single pages merged back: no fresh memory needed */
	big[0] = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	big[1] = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	umc_page_stats(&st);
	assert_true(st.untouched + 2 * MAX_ORDER_NR_PAGES >= st0.untouched);
	for (i = 2; i < NBIG; i++) {
		big[i] = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
		assert_non_null(big[i]);
		memset(page_address(big[i]), 0x77, PAGE_SIZE);
	}
	for (i = 0; i < NBIG; i++)
		__free_pages(big[i], MAX_ORDER - 1);
	umc_page_stats(&st);
	assert_int_equal(st.in_use, st0.in_use);
	assert_true(st.discarded >= (NBIG - 8) * MAX_ORDER_NR_PAGES);
	/* zeroed allocations from discarded blocks read as zero */
	for (i = 0; i < NBIG; i++) {
		big[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, MAX_ORDER - 1);
		a = page_address(big[i]);
		assert_int_equal(a[0], 0);
		assert_int_equal(a[PAGE_SIZE * MAX_ORDER_NR_PAGES - 1], 0);
	}
	for (i = 0; i < NBIG; i++)
		__free_pages(big[i], MAX_ORDER - 1);
}

/* Two threads allocate and free concurrently; the accounting comes back to the start. */
static int churn_fn(void *arg)
{
	struct page *held[64];
	unsigned int i, round, order;

	complete(arg); /* started */
	for (round = 0; round < 200; round++) {
		for (i = 0; i < ARRAY_SIZE(held); i++) {
			order = (i + round) % 4;
			held[i] = alloc_pages(GFP_KERNEL, order);
			if (!held[i])
				return umc_test_idle_until_stop(-ENOMEM);
			*(unsigned long *)page_address(held[i]) = i;
		}
		for (i = 0; i < ARRAY_SIZE(held); i++) {
			if (*(unsigned long *)page_address(held[i]) != i)
				return umc_test_idle_until_stop(-EIO);
			__free_pages(held[i], (i + round) % 4);
		}
	}
	return umc_test_idle_until_stop(0);
}

static void test_concurrent_alloc_free(void **state)
{
	unsigned long base = in_use();
	struct task_struct *a, *b;
	struct completion sa, sb;

	(void)state;
	init_completion(&sa);
	init_completion(&sb);
	a = kthread_run(churn_fn, &sa, "pg-churn-a");
	b = kthread_run(churn_fn, &sb, "pg-churn-b");
	assert_false(IS_ERR(a));
	assert_false(IS_ERR(b));
	wait_for_completion(&sa);
	wait_for_completion(&sb);
	assert_int_equal(kthread_stop(a), 0);
	assert_int_equal(kthread_stop(b), 0);
	assert_int_equal(in_use(), base);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_round_trip_and_alignment),
		cmocka_unit_test(test_refcount_and_free_paths),
		cmocka_unit_test(test_zeroing_and_copy),
		cmocka_unit_test(test_buddy_merge_and_discard),
		cmocka_unit_test(test_concurrent_alloc_free),
	};

	return UMC_TEST_RUN(tests);
}
