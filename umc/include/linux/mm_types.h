/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mm_types.h - struct page (header-only). One struct page per page of umc's page
 * arena, in an array parallel to it (see linux/mm.h). Owners of an allocated page may use
 * flags, lru, mapping, index and private as Linux allows; the umc_* fields belong to the
 * page allocator (umc/src/page_alloc.c).
 */
#ifndef _UMC_LINUX_MM_TYPES_H
#define _UMC_LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;

struct page {
	unsigned long flags;
	/* free for the owner while allocated; links the allocator's free lists while free */
	struct list_head lru;
	struct address_space *mapping;
	unsigned long index;
	/* the owner's word (page_private); DRBD chains pages through it */
	unsigned long private;
	atomic_t _refcount;
	/* page allocator: order of the block this page heads, and its state (UMC_PAGE_*) */
	unsigned short umc_order;
	unsigned short umc_state;
};

#endif
