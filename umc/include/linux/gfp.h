/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/gfp.h - the page allocator (umc/src/page_alloc.c).
 *
 * Pages come from one arena of address space reserved at umc_init (sys->vm_reserve) with a
 * parallel array of struct page, so page_address()/virt_to_page() are arithmetic. Blocks of
 * 2^order pages (order < MAX_ORDER) are managed by a buddy allocator under one spinlock.
 * None of these functions ever sleeps (there is no reclaim): they may be called with
 * spinlocks held, whatever the gfp flags; they return NULL / 0 when the arena is exhausted
 * (logged unless __GFP_NOWARN). A block is returned with page_count() == 1 on its first page.
 */
#ifndef _UMC_LINUX_GFP_H
#define _UMC_LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/mmzone.h>

struct page;

/* Can an allocation with these flags sleep (and so wait, e.g. in mempool_alloc)? */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

static inline bool gfp_has_io_fs(gfp_t gfp)
{
	return (gfp & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS);
}

/* alloc_pages - a block of 2^@order pages; NULL if none (or order >= MAX_ORDER). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
#define alloc_pages_node(nid, gfp, order) alloc_pages(gfp, order)

/* __get_free_pages - as alloc_pages, returning the address (0 on failure). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)

/*
 * __free_pages - drop the reference of the caller on the first page; the block goes back to
 * the allocator when the count reaches zero. If other references remain on the first page,
 * the remaining 2^order - 1 pages are freed now (as Linux does for non-compound blocks).
 */
void __free_pages(struct page *page, unsigned int order);
/* free_pages - as __free_pages, by address; 0 is ignored. */
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

#endif
