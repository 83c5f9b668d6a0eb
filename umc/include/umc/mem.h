/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/mem.h - configuration and statistics of umc's memory subsystem (umc/src/page_alloc.c,
 * vmalloc.c). Not kernel API: for the daemon (arena size) and tests (accounting).
 */
#ifndef _UMC_MEM_H
#define _UMC_MEM_H

#include <linux/types.h>

/*
 * Size of the address space reserved for the page allocator (set before umc_init; default
 * UMC_PAGE_ARENA_DEFAULT). It is only reserved: untouched pages cost no memory. If the host
 * refuses the reservation, umc_mem_init halves it down to 64 MiB.
 */
#define UMC_PAGE_ARENA_DEFAULT (8ULL << 30)
extern u64 umc_page_arena_bytes;

/* umc_mem_init/umc_mem_exit, umc_timer_*, umc_workqueue_*: declared in umc/umc.h. At exit
 * the page arena is released only if no page is still allocated (else it is reported). */

struct umc_page_stats {
	unsigned long arena_pages; /* pages in the arena */
	unsigned long in_use;      /* pages allocated now */
	unsigned long peak;        /* high-water mark of in_use */
	unsigned long free;        /* pages on the free lists */
	unsigned long untouched;   /* pages never handed out yet */
	unsigned long discarded;   /* free pages given back to the host (vm_discard) */
};
void umc_page_stats(struct umc_page_stats *out);
/* Bytes in live vmalloc blocks. */
unsigned long umc_vmalloc_live_bytes(void);

#endif
