/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/idr.h - integer ID to pointer maps (umc/src/idr.c).
 *
 * Semantics of Linux 6.1 (lib/idr.c), on umc's own structure: a radix tree of 64-way nodes
 * with per-node "used" and "full" bitmaps, so allocation of the lowest free ID in a range and
 * lookup are O(log64 n).
 *
 * Concurrency, as in the kernel:
 *  - writers (idr_alloc*, idr_remove, idr_replace, idr_destroy) must be serialised by the
 *    caller (DRBD holds a mutex or spinlock);
 *  - readers (idr_find, idr_get_next*, idr_for_each*, idr_is_empty) may run under
 *    rcu_read_lock() concurrently with one writer: they see each entry either before or
 *    after a concurrent change, and nodes a writer unlinks are freed only after an RCU grace
 *    period (sys->rcu_call). Without RCU protection readers need the writers' lock.
 * No function sleeps: node memory comes from sys->mem_alloc, which never blocks, so the gfp
 * argument only matters for its failure case (-ENOMEM) and idr_preload has nothing to do.
 */
#ifndef _UMC_LINUX_IDR_H
#define _UMC_LINUX_IDR_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>

struct umc_idr_node; /* private to idr.c */

struct idr {
	struct umc_idr_node __rcu *idr_top; /* NULL while no ID is allocated */
	unsigned int idr_base;             /* lowest ID (idr_init_base) */
	unsigned int idr_next;             /* cursor of idr_alloc_cyclic */
};

#define IDR_INIT_BASE(name, base) { .idr_top = NULL, .idr_base = (base), .idr_next = 0 }
#define IDR_INIT(name) IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name) struct idr name = IDR_INIT(name)

static inline void idr_init_base(struct idr *idr, int base)
{
	idr->idr_top = NULL;
	idr->idr_base = base;
	idr->idr_next = 0;
}

static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

/* idr_is_empty - true if no ID is allocated (an ID allocated for a NULL pointer counts). */
static inline bool idr_is_empty(const struct idr *idr)
{
	return __atomic_load_n(&idr->idr_top, __ATOMIC_ACQUIRE) == NULL;
}

static inline unsigned int idr_get_cursor(const struct idr *idr)
{
	return READ_ONCE(idr->idr_next);
}

static inline void idr_set_cursor(struct idr *idr, unsigned int val)
{
	WRITE_ONCE(idr->idr_next, val);
}

/*
 * idr_preload / idr_preload_end - the kernel preallocates nodes so that an idr_alloc with
 * GFP_NOWAIT under a spinlock succeeds. umc's node allocation never sleeps and is as likely
 * to succeed under a lock as outside it, so there is nothing to preload.
 */
static inline void idr_preload(gfp_t gfp)
{
	(void)gfp;
}

static inline void idr_preload_end(void)
{
}

/*
 * idr_alloc - allocate the lowest free ID in [@start, @end) (@end <= 0: up to INT_MAX) and
 * associate @ptr with it (NULL is allowed: the ID is reserved and idr_find returns NULL).
 * Returns the ID, -ENOSPC when the range is full, -ENOMEM, -EINVAL for @start < 0.
 */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* idr_alloc_u32 - lowest free ID in [*@nextid, @max], stored in *@nextid. 0 or -errno. */
int __must_check idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
			       gfp_t gfp);
/* idr_alloc_cyclic - as idr_alloc, searching from the ID after the last one allocated and
 * wrapping around to @start. */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* idr_remove - free @id; returns the pointer that was stored, NULL if @id was not allocated. */
void *idr_remove(struct idr *idr, unsigned long id);
/* idr_find - the pointer stored for @id, NULL if none. RCU reader. */
void *idr_find(const struct idr *idr, unsigned long id);
/* idr_for_each - call @fn(id, ptr, @data) for each non-NULL entry in ID order; stops and
 * returns the first non-zero value @fn returns, else 0. RCU reader. */
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data);
/* idr_get_next - the non-NULL entry with the smallest ID >= *@nextid; *@nextid is set to that
 * ID. NULL (and *@nextid unchanged) when there is none. RCU reader. */
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
/* idr_replace - store @ptr for the allocated @id; returns the old pointer, or
 * ERR_PTR(-ENOENT) if @id is not allocated. */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
/* idr_destroy - free the internal memory (not the stored pointers); the IDR is empty after. */
void idr_destroy(struct idr *idr);

#define idr_for_each_entry(idr, entry, id) \
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)

#define idr_for_each_entry_ul(idr, entry, tmp, id) \
	for (tmp = 0, id = 0; \
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)

#define idr_for_each_entry_continue(idr, entry, id) \
	for ((entry) = idr_get_next((idr), &(id)); entry; ++id, (entry) = idr_get_next((idr), &(id)))

#define idr_for_each_entry_continue_ul(idr, entry, tmp, id) \
	for (tmp = id; \
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)

#endif
