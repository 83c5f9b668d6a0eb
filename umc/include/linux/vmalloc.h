/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/vmalloc.h - virtually contiguous allocations (umc/src/vmalloc.c).
 *
 * umc's vmalloc memory is one page-aligned sys->mem_alloc allocation tagged "vmalloc"; the
 * live blocks are recorded so that is_vmalloc_addr() (linux/mm.h) answers exactly and
 * kvfree() picks the right path. Unlike Linux, the pages behind a vmalloc block have no
 * struct page (vmalloc_to_page is not provided). vmalloc and friends may sleep (Linux: yes);
 * umc's never do, but callers must not rely on that. They return NULL on failure (logged
 * unless __GFP_NOWARN). vfree(NULL) is ignored; vfree of anything else than a vmalloc block
 * BUGs.
 */
#ifndef _UMC_LINUX_VMALLOC_H
#define _UMC_LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/mm.h>

void *__vmalloc(unsigned long size, gfp_t gfp_mask) __malloc;
void vfree(const void *addr);

static inline __malloc void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL);
}

static inline __malloc void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO);
}

static inline __malloc void *vmalloc_node(unsigned long size, int node)
{
	(void)node;
	return __vmalloc(size, GFP_KERNEL);
}

static inline __malloc void *vzalloc_node(unsigned long size, int node)
{
	(void)node;
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO);
}

static inline __malloc void *vmalloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __vmalloc(bytes, GFP_KERNEL);
}

static inline __malloc void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __vmalloc(bytes, GFP_KERNEL | __GFP_ZERO);
}

#endif
