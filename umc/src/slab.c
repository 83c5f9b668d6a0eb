// SPDX-License-Identifier: GPL-2.0
/*
 * slab.c - kmalloc, kvmalloc and kmem_cache (linux/slab.h) over sys->mem_alloc.
 *
 * Every object is one host allocation, tagged for the provider's leak report: "kmalloc" for
 * the kmalloc family, "kmem_cache:<name>" for cache objects. Tags must stay valid for the
 * life of the process (the provider keys its accounting on the pointer), so cache tags are
 * interned in a static table. Nothing here sleeps except kmem_cache_destroy of a
 * SLAB_TYPESAFE_BY_RCU cache (rcu_barrier) and kvmalloc's vmalloc fallback (never, in umc).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/ratelimit.h>
#include <linux/printk.h>
#include <sys_service.h>

static DEFINE_RATELIMIT_STATE(kmalloc_fail_rs, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

static void alloc_failed(const char *what, size_t size, gfp_t flags)
{
	if (!(flags & __GFP_NOWARN) && __ratelimit(&kmalloc_fail_rs))
		pr_warn("umc: %s of %zu bytes failed (gfp %#x)\n", what, size, (unsigned int)flags);
}

/* Natural alignment for power-of-two sizes up to a page, as Linux guarantees. */
static size_t kmalloc_align(size_t size)
{
	if (size >= 16 && !(size & (size - 1)))
		return size < PAGE_SIZE ? size : PAGE_SIZE;
	return 0;
}

void *__kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		alloc_failed("kmalloc (above KMALLOC_MAX_SIZE)", size, flags);
		return NULL;
	}
	if (flags & __GFP_ZERO)
		p = sys->mem_zalloc(size, kmalloc_align(size), "kmalloc");
	else
		p = sys->mem_alloc(size, kmalloc_align(size), "kmalloc");
	if (unlikely(!p))
		alloc_failed("kmalloc", size, flags);
	return p;
}

void kfree(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	sys->mem_free((void *)objp);
}

size_t ksize(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	return sys->mem_size(objp);
}

void kfree_sensitive(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	memzero_explicit((void *)objp, ksize(objp));
	kfree(objp);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks;
	void *n;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = ksize(p);
	if (ks >= new_size)
		return (void *)p;
	n = __kmalloc(new_size, flags);
	if (n && ks) {
		memcpy(n, p, ks);
		kfree(p);
	}
	return n;
}

/* ---- kvmalloc ---- */

void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	gfp_t kflags = flags;
	void *p;

	(void)node;
	/* Only GFP_KERNEL-compatible callers may fall back to vmalloc (Linux's rule). */
	if ((flags & GFP_KERNEL) != GFP_KERNEL)
		return __kmalloc(size, flags);
	if (size > PAGE_SIZE) {
		kflags |= __GFP_NOWARN;
		if (!(kflags & __GFP_RETRY_MAYFAIL))
			kflags |= __GFP_NORETRY;
	}
	p = __kmalloc(size, kflags);
	if (p || size <= PAGE_SIZE)
		return p;
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	return __vmalloc(size, flags);
}

void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}

void kvfree_sensitive(const void *addr, size_t len)
{
	if (likely(!ZERO_OR_NULL_PTR(addr))) {
		memzero_explicit((void *)addr, len);
		kvfree(addr);
	}
}

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	void *n;

	if (oldsize >= newsize)
		return (void *)p;
	n = kvmalloc_node(newsize, flags, -1);
	if (!n)
		return NULL;
	memcpy(n, p, oldsize);
	kvfree(p);
	return n;
}

/* ---- kmem_cache ---- */

#define KMEM_TAG_PREFIX "kmem_cache:"
#define KMEM_TAG_LEN 48
#define KMEM_TAG_SLOTS 128

/* Interned "kmem_cache:<name>" tags: static storage, never freed (see the file comment). */
static char kmem_tags[KMEM_TAG_SLOTS][KMEM_TAG_LEN];
static unsigned int kmem_tags_used;
static DEFINE_SPINLOCK(kmem_tags_lock);

static const char *kmem_intern_tag(const char *name)
{
	char want[KMEM_TAG_LEN];
	const char *tag = KMEM_TAG_PREFIX "(other)";
	unsigned int i;

	strscpy(want, KMEM_TAG_PREFIX, sizeof(want));
	strlcat(want, name, sizeof(want));
	spin_lock(&kmem_tags_lock);
	for (i = 0; i < kmem_tags_used; i++) {
		if (!strcmp(kmem_tags[i], want)) {
			tag = kmem_tags[i];
			goto out;
		}
	}
	if (kmem_tags_used < KMEM_TAG_SLOTS) {
		memcpy(kmem_tags[kmem_tags_used], want, sizeof(want));
		tag = kmem_tags[kmem_tags_used++];
	}
out:
	spin_unlock(&kmem_tags_lock);
	return tag;
}

struct kmem_cache {
	const char *tag;      /* "kmem_cache:<name>", interned */
	char name[32];
	unsigned int object_size; /* what the user asked for */
	unsigned int size;        /* allocated: object, plus the rcu_head for TYPESAFE_BY_RCU */
	unsigned int align;
	unsigned int rcu_offset;  /* SLAB_TYPESAFE_BY_RCU: where the rcu_head lies */
	slab_flags_t flags;
	void (*ctor)(void *);
	atomic_long_t live;       /* objects allocated and not freed */
};

static unsigned int kmem_align(unsigned int size, unsigned int align, slab_flags_t flags)
{
	unsigned int ralign = ARCH_SLAB_MINALIGN;

	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = 64;
		while (size <= ralign / 2 && ralign > ARCH_SLAB_MINALIGN)
			ralign /= 2;
	}
	if (align < ralign)
		align = ralign;
	return ALIGN(align, sizeof(void *));
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (WARN_ON(!name || !size || (align & (align - 1))))
		goto fail;
	s = sys->mem_zalloc(sizeof(*s), 0, "kmem_cache");
	if (!s)
		goto fail;
	s->tag = kmem_intern_tag(name);
	strscpy(s->name, name, sizeof(s->name));
	s->object_size = size;
	s->align = kmem_align(size, align, flags);
	s->size = size;
	if (flags & SLAB_TYPESAFE_BY_RCU) {
		s->rcu_offset = ALIGN(size, __alignof__(struct rcu_head));
		s->size = s->rcu_offset + sizeof(struct rcu_head);
	}
	s->flags = flags;
	s->ctor = ctor;
	atomic_long_set(&s->live, 0);
	return s;
fail:
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: failed to create slab '%s'\n", name ? name : "(null)");
	return NULL;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	long live;

	if (!s)
		return;
	if (s->flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();
	live = atomic_long_read(&s->live);
	if (live) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects (%ld); keeping it\n",
		       s->name, live);
		dump_stack();
		return;
	}
	sys->mem_free(s);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p;

	if (flags & __GFP_ZERO)
		p = sys->mem_zalloc(s->size, s->align, s->tag);
	else
		p = sys->mem_alloc(s->size, s->align, s->tag);
	if (unlikely(!p)) {
		alloc_failed(s->tag, s->object_size, flags);
		return NULL;
	}
	atomic_long_inc(&s->live);
	if (s->ctor)
		s->ctor(p);
	return p;
}

static void kmem_rcu_free(struct rcu_head *head)
{
	sys->mem_free(head->next); /* the object, stored by kmem_cache_free */
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (unlikely(!objp))
		return;
	atomic_long_dec(&s->live);
	if (s->flags & SLAB_TYPESAFE_BY_RCU) {
		struct rcu_head *head = (struct rcu_head *)((char *)objp + s->rcu_offset);

		head->next = objp;
		call_rcu(head, kmem_rcu_free);
		return;
	}
	sys->mem_free(objp);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
