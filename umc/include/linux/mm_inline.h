/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mm_inline.h - DRBD includes it for nothing it calls; Linux keeps LRU-list helpers
 * here, which umc (no page reclaim, no LRU lists) does not have. Pulls in linux/mm.h.
 */
#ifndef _UMC_LINUX_MM_INLINE_H
#define _UMC_LINUX_MM_INLINE_H

#include <linux/mm.h>

#endif
