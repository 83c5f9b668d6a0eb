/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/slab.h - kmalloc family, kvmalloc family and kmem_cache (umc/src/slab.c).
 *
 * Every object is one sys->mem_alloc allocation tagged "kmalloc" or "kmem_cache:<name>", so
 * the provider's leak report names the allocator. None of these functions sleeps (the host
 * allocator never does), whatever the gfp flags: callable with spinlocks held. They return
 * NULL when out of memory (logged unless __GFP_NOWARN).
 *
 * As in Linux 6.1: kmalloc(0) returns ZERO_SIZE_PTR (kfree and ksize accept it); sizes above
 * KMALLOC_MAX_SIZE (4 MiB) fail; the memory is aligned to ARCH_KMALLOC_MINALIGN and a
 * power-of-two size up to PAGE_SIZE is aligned to its size; ksize() returns the usable size
 * (umc: exactly the size requested). kvmalloc() tries kmalloc and falls back to vmalloc for
 * GFP_KERNEL-compatible flags; kvfree() frees either.
 */
#ifndef _UMC_LINUX_SLAB_H
#define _UMC_LINUX_SLAB_H

#include <linux/types.h>
#include <linux/stddef.h> /* drbd-block addition: NULL (drbd_actlog.c includes slab.h first) */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <asm/page.h>

#define ARCH_KMALLOC_MINALIGN __alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN __alignof__(unsigned long long)
#define KMALLOC_MIN_SIZE 8
#define KMALLOC_SHIFT_MAX (MAX_ORDER + PAGE_SHIFT - 1)
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE (1UL << (PAGE_SHIFT + 1))

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* kmem_cache_create flags. umc honours SLAB_HWCACHE_ALIGN (64-byte alignment), SLAB_PANIC
 * (BUG if creation fails) and SLAB_TYPESAFE_BY_RCU (a freed object's memory is only released
 * after an RCU grace period); the rest is accepted and has no effect. */
#define SLAB_CONSISTENCY_CHECKS ((__force slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE ((__force slab_flags_t)0x00000400U)
#define SLAB_POISON ((__force slab_flags_t)0x00000800U)
#define SLAB_HWCACHE_ALIGN ((__force slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA ((__force slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32 ((__force slab_flags_t)0x00008000U)
#define SLAB_STORE_USER ((__force slab_flags_t)0x00010000U)
#define SLAB_RECLAIM_ACCOUNT ((__force slab_flags_t)0x00020000U)
#define SLAB_PANIC ((__force slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU ((__force slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD ((__force slab_flags_t)0x00100000U)
#define SLAB_TRACE ((__force slab_flags_t)0x00200000U)
#define SLAB_NOLEAKTRACE ((__force slab_flags_t)0x00800000U)
#define SLAB_ACCOUNT ((__force slab_flags_t)0x04000000U)
#define SLAB_TEMPORARY SLAB_RECLAIM_ACCOUNT

/* ---- kmalloc ---- */
void *__kmalloc(size_t size, gfp_t flags) __malloc;
/* kfree - free kmalloc/kmem_cache-less memory; NULL and ZERO_SIZE_PTR are ignored. */
void kfree(const void *objp);
/* kfree_sensitive - zero the object (its full ksize) and free it. */
void kfree_sensitive(const void *objp);
size_t ksize(const void *objp);
/* krealloc - resize, keeping the contents; krealloc(NULL, ...) allocates, krealloc(p, 0)
 * frees p and returns ZERO_SIZE_PTR. On failure p is left untouched and NULL returned. */
void *krealloc(const void *p, size_t new_size, gfp_t flags) __must_check;

static inline __malloc void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static inline __malloc void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO);
}

static inline __malloc void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	(void)node;
	return __kmalloc(size, flags);
}

static inline __malloc void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	(void)node;
	return __kmalloc(size, flags | __GFP_ZERO);
}

static inline __malloc void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

static inline __malloc void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline __must_check void *krealloc_array(void *p, size_t new_n, size_t new_size,
						gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

#define kmalloc_track_caller(size, flags) __kmalloc(size, flags)
#define kmalloc_node_track_caller(size, flags, node) __kmalloc(size, flags)

/* ---- kvmalloc ---- */
void *kvmalloc_node(size_t size, gfp_t flags, int node) __malloc;
/* kvfree - free memory from kvmalloc, kmalloc or vmalloc; NULL is ignored. */
void kvfree(const void *addr);
/* kvfree_sensitive - zero @len bytes, then kvfree. */
void kvfree_sensitive(const void *addr, size_t len);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags) __must_check;

static inline __malloc void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, -1);
}

static inline __malloc void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, -1);
}

static inline __malloc void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc_node(bytes, flags, -1);
}

static inline __malloc void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

/* ---- kmem_cache ---- */
struct kmem_cache;

/*
 * kmem_cache_create - a cache of @size-byte objects named @name (the string is copied).
 * @ctor, if set, runs on every object handed out by kmem_cache_alloc (umc does not keep
 * constructed free objects). Returns NULL on failure (BUG with SLAB_PANIC). May sleep.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
/*
 * kmem_cache_destroy - free the cache. Objects still allocated from it are reported and the
 * cache is then kept (leaked), as Linux does. NULL is ignored. May sleep.
 */
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *s);

static inline __malloc void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

static inline __malloc void *kmem_cache_alloc_node(struct kmem_cache *k, gfp_t flags, int node)
{
	(void)node;
	return kmem_cache_alloc(k, flags);
}

#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), \
			  (__flags), NULL)

#endif
