// SPDX-License-Identifier: GPL-2.0
/*
 * mempool.c - memory pools with a reserve (linux/mempool.h).
 *
 * The reserve is a stack of elements under pool->lock. mempool_alloc sleeps (uninterruptibly,
 * as Linux does) on the futex word pool->umc_free_seq, which mempool_free bumps and wakes
 * whenever it puts an element into the reserve while sleepers are registered
 * (pool->umc_waiters, under the lock): a sleeper registered before a refill is always woken,
 * and every sleeper retries the allocator and the reserve when woken.
 * curr_nr is read without the lock on mempool_free's fast path (the reserve is full): an
 * element taken from the reserve reaches its freer through some synchronisation, so that
 * freer sees the reserve below min_nr and refills it.
 */
#include <linux/kernel.h>
#include <linux/mempool.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <sys_service.h>

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	pool->elements[pool->curr_nr] = element;
	WRITE_ONCE(pool->curr_nr, pool->curr_nr + 1);
}

static void *remove_element(mempool_t *pool)
{
	int n = pool->curr_nr - 1;

	BUG_ON(n < 0);
	WRITE_ONCE(pool->curr_nr, n);
	return pool->elements[n];
}

void mempool_exit(mempool_t *pool)
{
	while (pool->curr_nr) {
		void *element = remove_element(pool);

		pool->free(element, pool->pool_data);
	}
	kfree(pool->elements);
	pool->elements = NULL;
}

int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data, gfp_t gfp_mask, int node_id)
{
	(void)node_id;
	spin_lock_init(&pool->lock);
	pool->min_nr = min_nr;
	pool->curr_nr = 0;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	pool->umc_free_seq = 0;
	pool->umc_waiters = 0;
	pool->elements = kmalloc_array(min_nr, sizeof(void *), gfp_mask);
	if (!pool->elements)
		return -ENOMEM;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(gfp_mask, pool->pool_data);

		if (unlikely(!element)) {
			mempool_exit(pool);
			return -ENOMEM;
		}
		add_element(pool, element);
	}
	return 0;
}

int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
		 void *pool_data)
{
	return mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL, -1);
}

mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			       void *pool_data, gfp_t gfp_mask, int node_id)
{
	mempool_t *pool = kzalloc(sizeof(*pool), gfp_mask);

	if (!pool)
		return NULL;
	if (mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, gfp_mask, node_id)) {
		kfree(pool);
		return NULL;
	}
	return pool;
}

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL, -1);
}

void mempool_destroy(mempool_t *pool)
{
	if (unlikely(!pool))
		return;
	mempool_exit(pool);
	kfree(pool);
}

/* Put @element into the reserve and wake the sleepers (lock held). */
static void refill_and_wake(mempool_t *pool, void *element)
{
	add_element(pool, element);
	if (pool->umc_waiters) {
		__atomic_add_fetch(&pool->umc_free_seq, 1, __ATOMIC_RELEASE);
		sys->futex_wake(&pool->umc_free_seq, INT_MAX);
	}
}

int mempool_resize(mempool_t *pool, int new_min_nr)
{
	void *element, **new_elements;
	unsigned long flags;

	BUG_ON(new_min_nr <= 0);
	might_sleep();
	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (new_min_nr < pool->curr_nr) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		goto out_unlock;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kmalloc_array(new_min_nr, sizeof(*new_elements), GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;
	spin_lock_irqsave(&pool->lock, flags);
	if (unlikely(new_min_nr <= pool->min_nr)) {
		/* raced with another resize */
		spin_unlock_irqrestore(&pool->lock, flags);
		kfree(new_elements);
		goto out;
	}
	memcpy(new_elements, pool->elements, pool->curr_nr * sizeof(*new_elements));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			goto out;
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			refill_and_wake(pool, element);
		} else {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			goto out;
		}
	}
out_unlock:
	spin_unlock_irqrestore(&pool->lock, flags);
out:
	return 0;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	void *element;
	unsigned long flags;
	gfp_t gfp_temp;
	u32 seq;

	WARN_ON_ONCE(gfp_mask & __GFP_ZERO);
	might_sleep_if(gfp_mask & __GFP_DIRECT_RECLAIM);
	gfp_mask |= __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	/* First try without reclaim or I/O; the full flags only after the reserve ran dry. */
	gfp_temp = gfp_mask & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);
	for (;;) {
		element = pool->alloc(gfp_temp, pool->pool_data);
		if (likely(element))
			return element;

		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr)) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			return element;
		}
		if (gfp_temp != gfp_mask) {
			spin_unlock_irqrestore(&pool->lock, flags);
			gfp_temp = gfp_mask;
			continue;
		}
		if (!(gfp_mask & __GFP_DIRECT_RECLAIM)) {
			spin_unlock_irqrestore(&pool->lock, flags);
			return NULL;
		}
		/* Sleep until mempool_free refills the reserve, then retry everything. */
		seq = __atomic_load_n(&pool->umc_free_seq, __ATOMIC_RELAXED);
		pool->umc_waiters++;
		spin_unlock_irqrestore(&pool->lock, flags);
		sys->futex_wait(&pool->umc_free_seq, seq, 0);
		spin_lock_irqsave(&pool->lock, flags);
		pool->umc_waiters--;
		spin_unlock_irqrestore(&pool->lock, flags);
	}
}

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (unlikely(!element))
		return;
	if (unlikely(READ_ONCE(pool->curr_nr) < pool->min_nr)) {
		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr < pool->min_nr)) {
			refill_and_wake(pool, element);
			spin_unlock_irqrestore(&pool->lock, flags);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	pool->free(element, pool->pool_data);
}

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

void mempool_kfree(void *element, void *pool_data)
{
	(void)pool_data;
	kfree(element);
}

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}
