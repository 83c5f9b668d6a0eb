// SPDX-License-Identifier: GPL-2.0
/* test_slab.c - kmalloc family, kvmalloc, kmem_cache (umc/src/slab.c). */
#include "umc_test.h"

#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <sys_service.h>

static u64 live_bytes(void)
{
	struct sys_mem_stats st;

	sys->mem_stats(&st);
	return st.live_bytes;
}

static void test_kmalloc_basics(void **state)
{
	u64 base = live_bytes();
	unsigned int sz;
	char *p;
	size_t i;

	(void)state;
	p = kmalloc(0, GFP_KERNEL);
	assert_ptr_equal(p, ZERO_SIZE_PTR);
	assert_int_equal(ksize(p), 0);
	kfree(p);
	kfree(NULL);

	/* power-of-two sizes are naturally aligned up to a page */
	for (sz = 16; sz <= 2 * PAGE_SIZE; sz *= 2) {
		p = kmalloc(sz, GFP_KERNEL);
		assert_non_null(p);
		assert_int_equal((unsigned long)p & ((sz < PAGE_SIZE ? sz : PAGE_SIZE) - 1), 0);
		assert_true(ksize(p) >= sz);
		kfree(p);
	}
	p = kmalloc(13, GFP_ATOMIC);
	assert_int_equal((unsigned long)p % ARCH_KMALLOC_MINALIGN, 0);
	kfree(p);

	p = kzalloc(1000, GFP_KERNEL);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	p = kcalloc(10, 100, GFP_KERNEL);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	assert_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX / 8, 16, GFP_KERNEL));
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	assert_non_null(p);
	kfree(p);
	assert_int_equal(live_bytes(), base);
}

static void test_krealloc_and_sensitive(void **state)
{
	u64 base = live_bytes();
	char *p, *q;

	(void)state;
	p = krealloc(NULL, 10, GFP_KERNEL);
	assert_non_null(p);
	memcpy(p, "abcdefghi", 10);
	q = krealloc(p, 5, GFP_KERNEL); /* shrinking keeps the block */
	assert_ptr_equal(q, p);
	p = krealloc(q, 4000, GFP_KERNEL | __GFP_ZERO);
	assert_non_null(p);
	assert_string_equal(p, "abcdefghi");
	assert_int_equal(p[3999], 0);
	q = krealloc(p, 0, GFP_KERNEL);
	assert_ptr_equal(q, ZERO_SIZE_PTR);
	p = kmalloc(64, GFP_KERNEL);
	memset(p, 0x11, 64);
	kfree_sensitive(p);
	kfree_sensitive(NULL);
	assert_int_equal(live_bytes(), base);
}

static void test_kvmalloc_paths(void **state)
{
	u64 base = live_bytes();
	char *small, *large, *noio;

	(void)state;
	small = kvmalloc(100, GFP_KERNEL);
	large = kvzalloc(KMALLOC_MAX_SIZE * 2, GFP_KERNEL);
	/* not GFP_KERNEL-compatible: no vmalloc fallback, so too large fails */
	noio = kvmalloc(KMALLOC_MAX_SIZE * 2, GFP_NOIO | __GFP_NOWARN);
	assert_non_null(small);
	assert_non_null(large);
	assert_null(noio);
	assert_false(is_vmalloc_addr(small));
	assert_true(is_vmalloc_addr(large));
	assert_true(is_vmalloc_addr(large + KMALLOC_MAX_SIZE * 2 - 1));
	assert_int_equal(large[KMALLOC_MAX_SIZE], 0);
	kvfree(small);
	kvfree(large);
	kvfree(NULL);
	small = kvmalloc_array(10, 10, GFP_KERNEL);
	kvfree_sensitive(small, 100);
	assert_int_equal(live_bytes(), base);
}

static int ctor_calls;
static void obj_ctor(void *p)
{
	memset(p, 0x42, 24);
	__atomic_add_fetch(&ctor_calls, 1, __ATOMIC_SEQ_CST);
}

struct obj {
	char bytes[24];
};

static void test_kmem_cache(void **state)
{
	u64 base = live_bytes();
	struct kmem_cache *c, *h;
	struct obj *a, *b;

	(void)state;
	c = kmem_cache_create("test_obj", sizeof(struct obj), 0, 0, obj_ctor);
	assert_non_null(c);
	assert_int_equal(kmem_cache_size(c), sizeof(struct obj));
	a = kmem_cache_alloc(c, GFP_NOIO);
	assert_non_null(a);
	assert_int_equal(a->bytes[23], 0x42);
	assert_int_equal(ctor_calls, 1);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	/* a cache with live objects is reported and kept, as in Linux */
	kmem_cache_destroy(c);
	assert_int_equal(b->bytes[0], 0x42);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
	kmem_cache_destroy(NULL);

	h = kmem_cache_create("test_hw", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	a = kmem_cache_zalloc(h, GFP_KERNEL);
	assert_int_equal((unsigned long)a % 64, 0);
	assert_int_equal(a->bytes[5], 0);
	kmem_cache_free(h, a);
	kmem_cache_destroy(h);

	/* SLAB_TYPESAFE_BY_RCU: memory is released only after a grace period */
	h = kmem_cache_create("test_rcu", sizeof(struct obj), 8, SLAB_TYPESAFE_BY_RCU, NULL);
	a = kmem_cache_alloc(h, GFP_KERNEL);
	kmem_cache_free(h, a);
	kmem_cache_destroy(h); /* waits for the pending free */
	assert_int_equal(live_bytes(), base);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kmalloc_basics),
		cmocka_unit_test(test_krealloc_and_sensitive),
		cmocka_unit_test(test_kvmalloc_paths),
		cmocka_unit_test(test_kmem_cache),
	};

	return UMC_TEST_RUN(tests);
}
