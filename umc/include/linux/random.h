/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/random.h - cryptographically strong random numbers (umc/src/random.c).
 * Every value comes from the host's CSPRNG through sys->random_bytes (getrandom on Linux).
 * Callable from any context; never blocks after the host's entropy pool is initialised.
 */
#ifndef _UMC_LINUX_RANDOM_H
#define _UMC_LINUX_RANDOM_H

#include <linux/types.h>
#include <linux/compiler.h>

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}
static inline u32 get_random_int(void)
{
	return get_random_u32();
}

/*
 * get_random_u32_below - uniform in [0, @ceil) (0 when @ceil <= 1), by multiply-and-shift
 * with rejection of the biased low part, as the kernel does.
 */
u32 __get_random_u32_below(u32 ceil);
static inline u32 get_random_u32_below(u32 ceil)
{
	return __get_random_u32_below(ceil);
}
/* get_random_u32_above - uniform in (@floor, U32_MAX]; @floor < U32_MAX. */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + get_random_u32_below(~0U - floor);
}
/* get_random_u32_inclusive - uniform in [@floor, @ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

static inline int wait_for_random_bytes(void)
{
	return 0;
}

#include <linux/prandom.h>

#endif
