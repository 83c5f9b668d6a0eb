/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm/page.h - page size constants (header-only). umc uses 4 KiB pages like x86-64; the page
 * allocator (umc/src/page_alloc.c) checks at init that the host page size is not larger.
 */
#ifndef _UMC_ASM_PAGE_H
#define _UMC_ASM_PAGE_H

#define PAGE_SHIFT CONFIG_PAGE_SHIFT
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#endif
