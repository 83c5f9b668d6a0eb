/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mm.h - pages: address <-> struct page, reference counts, page_private
 * (header-only, over umc/src/page_alloc.c).
 *
 * Every page handed out by alloc_pages() and __get_free_pages() lies in one arena reserved at
 * umc_init (sys->vm_reserve) and has its struct page at the same index in umc_mem_map, so
 * page_address() and virt_to_page() are O(1) arithmetic. virt_to_page() is only valid for
 * arena addresses (pages, not kmalloc or vmalloc memory: the same rule as Linux for
 * vmalloc); other addresses BUG. There is no highmem: every page is always mapped.
 * Reference counts are atomic; put_page() frees the block when the count reaches zero.
 */
#ifndef _UMC_LINUX_MM_H
#define _UMC_LINUX_MM_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/align.h>
#include <linux/overflow.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/pfn.h>
#include <asm/page.h>

/* The arena (set once by umc_mem_init, read-only afterwards). */
extern struct page *umc_mem_map;
extern unsigned long umc_arena_start;
extern unsigned long umc_arena_pages;

#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

static inline bool virt_addr_valid(const void *addr)
{
	return (unsigned long)addr - umc_arena_start < (umc_arena_pages << PAGE_SHIFT);
}

static inline void *page_address(const struct page *page)
{
	return (void *)(umc_arena_start + ((unsigned long)(page - umc_mem_map) << PAGE_SHIFT));
}
#define page_to_virt(page) page_address(page)
#define lowmem_page_address(page) page_address(page)

static inline struct page *virt_to_page(const void *addr)
{
	BUG_ON(!virt_addr_valid(addr));
	return umc_mem_map + (((unsigned long)addr - umc_arena_start) >> PAGE_SHIFT);
}
#define virt_to_head_page(addr) virt_to_page(addr)

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - umc_mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return umc_mem_map + pfn;
}
#define nth_page(page, n) ((page) + (n))

#define page_private(page) ((page)->private)
static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}
#define page_count(page) page_ref_count(page)

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) <= 0);
	atomic_inc(&page->_refcount);
}

static inline bool get_page_unless_zero(struct page *page)
{
	return atomic_inc_not_zero(&page->_refcount);
}

static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) <= 0);
	return atomic_dec_and_test(&page->_refcount);
}

/* umc_page_block_free - return the block headed by @page (count already zero). */
void umc_page_block_free(struct page *page);

static inline void put_page(struct page *page)
{
	if (put_page_testzero(page))
		umc_page_block_free(page);
}

/* umc pages are never slab, compound, high or reserved pages. */
static inline bool PageSlab(const struct page *page) { (void)page; return false; }
static inline bool PageHighMem(const struct page *page) { (void)page; return false; }
static inline bool PageCompound(const struct page *page) { (void)page; return false; }
static inline bool PageTail(const struct page *page) { (void)page; return false; }
static inline bool PageReserved(const struct page *page) { (void)page; return false; }
static inline struct page *compound_head(struct page *page) { return page; }

/* is_vmalloc_addr - does @addr lie inside a live vmalloc() block? (umc/src/vmalloc.c) */
bool is_vmalloc_addr(const void *addr);

/* copy_page - copy one page (page-aligned addresses). */
static inline void copy_page(void *to, void *from)
{
	__builtin_memcpy(to, from, PAGE_SIZE);
}

#endif
