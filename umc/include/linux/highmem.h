/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/highmem.h - kmap and friends (header-only). umc has no highmem: every page is always
 * mapped at page_address(), so mapping returns that address and unmapping does nothing.
 * Linux's kmap_atomic also disables preemption and page faults; umc has neither to disable,
 * so code inside a kmap_atomic section must (as in Linux) simply not sleep.
 */
#ifndef _UMC_LINUX_HIGHMEM_H
#define _UMC_LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <linux/string.h>

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
	(void)page;
}

static inline void *kmap_atomic(struct page *page)
{
	return page_address(page);
}
#define kunmap_atomic(addr) ((void)(addr))

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}
#define kmap_local_folio(folio, offset) ((void)(folio), (void *)(offset))
#define kunmap_local(addr) ((void)(addr))

static inline void clear_highpage(struct page *page)
{
	memset(page_address(page), 0, PAGE_SIZE);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	copy_page(page_address(to), page_address(from));
}

static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	memcpy(to, (char *)page_address(page) + offset, len);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const char *from,
				  size_t len)
{
	memcpy((char *)page_address(page) + offset, from, len);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	memset((char *)page_address(page) + offset, 0, len);
}

static inline void zero_user(struct page *page, unsigned int start, unsigned int size)
{
	memzero_page(page, start, size);
}

#endif
