// SPDX-License-Identifier: GPL-2.0
/* test_mempool.c - mempools: reserve, blocking allocation, refill (umc/src/mempool.c). */
#include "umc_test.h"

#include <linux/mempool.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/jiffies.h>

#define SHORT_WAIT msecs_to_jiffies(100)
#define LONG_WAIT msecs_to_jiffies(10000 * umc_test_slowdown())

/* An element allocator that can be switched off, counting what it hands out and takes back. */
static int allocator_on = 1;
static int backend_allocs, backend_frees;

static void *elem_alloc(gfp_t gfp, void *data)
{
	(void)gfp;
	if (!__atomic_load_n(&allocator_on, __ATOMIC_SEQ_CST))
		return NULL;
	__atomic_add_fetch(&backend_allocs, 1, __ATOMIC_SEQ_CST);
	return kmalloc((size_t)data, GFP_KERNEL);
}

static void elem_free(void *element, void *data)
{
	(void)data;
	__atomic_add_fetch(&backend_frees, 1, __ATOMIC_SEQ_CST);
	kfree(element);
}

static void test_reserve_used_only_when_allocator_fails(void **state)
{
	mempool_t *pool;
	void *a, *b, *c;

	(void)state;
	allocator_on = 1;
	backend_allocs = backend_frees = 0;
	pool = mempool_create(2, elem_alloc, elem_free, (void *)64);
	assert_non_null(pool);
	assert_int_equal(pool->curr_nr, 2);
	a = mempool_alloc(pool, GFP_NOIO);
	assert_int_equal(pool->curr_nr, 2); /* from the allocator, reserve untouched */
	__atomic_store_n(&allocator_on, 0, __ATOMIC_SEQ_CST);
	b = mempool_alloc(pool, GFP_NOIO);
	c = mempool_alloc(pool, GFP_ATOMIC);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal(pool->curr_nr, 0);
	/* empty reserve, failing allocator, no blocking allowed: NULL */
	assert_null(mempool_alloc(pool, GFP_NOWAIT));
	assert_null(mempool_alloc(pool, GFP_ATOMIC));
	/* frees refill the reserve first, then go back to the allocator */
	mempool_free(b, pool);
	mempool_free(c, pool);
	assert_int_equal(pool->curr_nr, 2);
	assert_int_equal(backend_frees, 0);
	mempool_free(a, pool);
	assert_int_equal(backend_frees, 1);
	mempool_destroy(pool);
	assert_int_equal(backend_frees, 3);
	assert_int_equal(backend_allocs, 3);
	__atomic_store_n(&allocator_on, 1, __ATOMIC_SEQ_CST);
}

struct taker {
	mempool_t *pool;
	struct completion calling, got;
	struct completion *got_one; /* shared by the takers */
	void *element;
};

static int taker_fn(void *arg)
{
	struct taker *t = arg;

	complete(&t->calling);
	t->element = mempool_alloc(t->pool, GFP_NOIO);
	complete(&t->got);
	complete(t->got_one);
	return umc_test_idle_until_stop(0);
}

/* mempool_alloc blocks while the pool is empty and is woken by mempool_free. */
static void test_alloc_blocks_until_free(void **state)
{
	struct taker t1, t2;
	struct completion got_one;
	struct task_struct *k1, *k2;
	mempool_t *pool;
	void *a, *b;

	(void)state;
	pool = mempool_create(2, elem_alloc, elem_free, (void *)32);
	assert_non_null(pool);
	__atomic_store_n(&allocator_on, 0, __ATOMIC_SEQ_CST);
	a = mempool_alloc(pool, GFP_NOIO);
	b = mempool_alloc(pool, GFP_NOIO);

	init_completion(&got_one);
	t1.got_one = t2.got_one = &got_one;
	t1.pool = t2.pool = pool;
	init_completion(&t1.calling);
	init_completion(&t1.got);
	init_completion(&t2.calling);
	init_completion(&t2.got);
	k1 = kthread_run(taker_fn, &t1, "taker1");
	k2 = kthread_run(taker_fn, &t2, "taker2");
	assert_false(IS_ERR(k1));
	assert_false(IS_ERR(k2));
	wait_for_completion(&t1.calling);
	wait_for_completion(&t2.calling);
	assert_int_equal(wait_for_completion_timeout(&t1.got, SHORT_WAIT), 0);
	assert_false(completion_done(&t2.got));

	/* one free wakes the sleepers; exactly one of them gets the element */
	mempool_free(a, pool);
	assert_int_not_equal(wait_for_completion_timeout(&got_one, LONG_WAIT), 0);
	assert_int_equal(wait_for_completion_timeout(&got_one, SHORT_WAIT), 0);
	assert_true(completion_done(&t1.got) != completion_done(&t2.got));
	mempool_free(b, pool);
	assert_int_not_equal(wait_for_completion_timeout(&t1.got, LONG_WAIT), 0);
	assert_int_not_equal(wait_for_completion_timeout(&t2.got, LONG_WAIT), 0);
	assert_true((t1.element == a && t2.element == b) || (t1.element == b && t2.element == a));
	assert_int_equal(kthread_stop(k1), 0);
	assert_int_equal(kthread_stop(k2), 0);
	mempool_free(t1.element, pool);
	mempool_free(t2.element, pool);
	__atomic_store_n(&allocator_on, 1, __ATOMIC_SEQ_CST);
	mempool_destroy(pool);
}

static void test_slab_page_kmalloc_pools_and_resize(void **state)
{
	struct kmem_cache *cache = kmem_cache_create("test_pool_obj", 48, 0, 0, NULL);
	mempool_t slab_pool, page_pool, km_pool;
	struct page *pg;
	void *o, *k;

	(void)state;
	assert_non_null(cache);
	assert_int_equal(mempool_init_slab_pool(&slab_pool, 4, cache), 0);
	assert_int_equal(mempool_init_page_pool(&page_pool, 3, 0), 0);
	assert_int_equal(mempool_init_kmalloc_pool(&km_pool, 2, 100), 0);
	assert_true(mempool_initialized(&slab_pool));
	o = mempool_alloc(&slab_pool, GFP_NOIO);
	pg = mempool_alloc(&page_pool, GFP_NOIO);
	k = mempool_alloc(&km_pool, GFP_KERNEL);
	assert_non_null(o);
	assert_non_null(pg);
	assert_non_null(k);
	assert_ptr_equal(virt_to_page(page_address(pg)), pg);
	mempool_free(o, &slab_pool);
	mempool_free(pg, &page_pool);
	mempool_free(k, &km_pool);

	assert_int_equal(mempool_resize(&km_pool, 6), 0);
	assert_int_equal(km_pool.min_nr, 6);
	assert_int_equal(km_pool.curr_nr, 6);
	assert_int_equal(mempool_resize(&km_pool, 1), 0);
	assert_int_equal(km_pool.curr_nr, 1);

	mempool_exit(&slab_pool);
	mempool_exit(&page_pool);
	mempool_exit(&km_pool);
	assert_false(mempool_initialized(&slab_pool));
	kmem_cache_destroy(cache);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_used_only_when_allocator_fails),
		cmocka_unit_test(test_alloc_blocks_until_free),
		cmocka_unit_test(test_slab_page_kmalloc_pools_and_resize),
	};

	return UMC_TEST_RUN(tests);
}
