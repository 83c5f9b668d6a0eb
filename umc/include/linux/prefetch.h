/* SPDX-License-Identifier: GPL-2.0 */
/* linux/prefetch.h - cache prefetch hints (header-only; prefetch()/prefetchw() are the
 * compiler builtins defined in <linux/compiler.h>). */
#ifndef _UMC_LINUX_PREFETCH_H
#define _UMC_LINUX_PREFETCH_H

#include <linux/compiler.h>

#define PREFETCH_STRIDE 256

static inline void prefetch_range(void *addr, size_t len)
{
	char *cp, *end = (char *)addr + len;

	for (cp = addr; cp < end; cp += PREFETCH_STRIDE)
		prefetch(cp);
}

#endif
