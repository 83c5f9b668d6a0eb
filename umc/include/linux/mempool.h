/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mempool.h - memory pools with a guaranteed reserve (umc/src/mempool.c).
 *
 * A pool keeps min_nr preallocated elements. mempool_alloc first tries the underlying
 * allocator and only then takes an element from the reserve; when both fail and the gfp
 * flags allow blocking (__GFP_DIRECT_RECLAIM, e.g. GFP_NOIO/GFP_KERNEL), it sleeps until
 * mempool_free returns an element (a futex wake, no polling, no timeout) and retries, so it
 * never returns NULL then; without __GFP_DIRECT_RECLAIM (GFP_ATOMIC, GFP_NOWAIT) it returns
 * NULL. mempool_free refills the reserve first and hands surplus elements back to the
 * allocator; it never sleeps. mempool_init/create and resize may sleep.
 */
#ifndef _UMC_LINUX_MEMPOOL_H
#define _UMC_LINUX_MEMPOOL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/spinlock_types.h>

struct kmem_cache;

typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	spinlock_t lock;
	int min_nr;    /* reserve size */
	int curr_nr;   /* elements in the reserve now */
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	/* umc: futex word bumped by mempool_free when sleepers wait for an element */
	u32 umc_free_seq;
	u32 umc_waiters;
} mempool_t;

static inline bool mempool_initialized(mempool_t *pool)
{
	return pool->elements != NULL;
}

static inline bool mempool_is_saturated(mempool_t *pool)
{
	return __atomic_load_n(&pool->curr_nr, __ATOMIC_RELAXED) >= pool->min_nr;
}

/* mempool_init / mempool_create: fill the reserve with @min_nr elements; -ENOMEM / NULL on
 * failure (nothing is left allocated). */
int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
		 void *pool_data);
int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data, gfp_t gfp_mask, int node_id);
/* mempool_exit - free the reserve of an initialised (or zeroed) pool. */
void mempool_exit(mempool_t *pool);
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			       void *pool_data, gfp_t gfp_mask, int nid);
void mempool_destroy(mempool_t *pool);
/* mempool_resize - change the reserve size; may sleep. */
int mempool_resize(mempool_t *pool, int new_min_nr);

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask) __malloc;
void mempool_free(void *element, mempool_t *pool);

/* Ready-made element allocators: a kmem_cache, kmalloc of a fixed size, pages of an order. */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);

static inline int mempool_init_slab_pool(mempool_t *pool, int min_nr, struct kmem_cache *kc)
{
	return mempool_init(pool, min_nr, mempool_alloc_slab, mempool_free_slab, (void *)kc);
}

static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *kc)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, (void *)kc);
}

static inline int mempool_init_kmalloc_pool(mempool_t *pool, int min_nr, size_t size)
{
	return mempool_init(pool, min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

static inline int mempool_init_page_pool(mempool_t *pool, int min_nr, int order)
{
	return mempool_init(pool, min_nr, mempool_alloc_pages, mempool_free_pages,
			    (void *)(long)order);
}

static inline mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages, (void *)(long)order);
}

#endif
