/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/prandom.h - the 6.1 name prandom_u32_max (umc/src/random.c via random.h).
 * As in 6.1 it is an alias of get_random_u32_below: uniform in [0, @ep_ro).
 */
#ifndef _UMC_LINUX_PRANDOM_H
#define _UMC_LINUX_PRANDOM_H

#include <linux/random.h>

static inline u32 prandom_u32_max(u32 ep_ro)
{
	return get_random_u32_below(ep_ro);
}

static inline u32 prandom_u32(void)
{
	return get_random_u32();
}

#endif
