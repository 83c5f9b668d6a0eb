/* SPDX-License-Identifier: GPL-2.0 */
/* linux/mmzone.h - the buddy allocator's order limit (header-only); see linux/gfp.h. */
#ifndef _UMC_LINUX_MMZONE_H
#define _UMC_LINUX_MMZONE_H

/* Orders 0 .. MAX_ORDER-1 are valid: the largest block is 4 MiB, as on x86-64 Linux 6.1. */
#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1 << (MAX_ORDER - 1))

#endif
