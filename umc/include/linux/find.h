/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/find.h - find_{first,next}_{,zero_}bit over unsigned long bitmaps (header-only, the
 * kernel's lib/find_bit.c algorithm: a word at a time). Return @size when nothing is found.
 */
#ifndef _UMC_LINUX_FIND_H
#define _UMC_LINUX_FIND_H

#include <linux/bits.h>
#include <linux/types.h>

#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

static inline unsigned long __umc_find_next(const unsigned long *addr, unsigned long size,
					    unsigned long start, unsigned long invert)
{
	unsigned long tmp;

	if (start >= size)
		return size;
	tmp = addr[start / BITS_PER_LONG] ^ invert;
	tmp &= BITMAP_FIRST_WORD_MASK(start);
	start &= ~(BITS_PER_LONG - 1);
	while (!tmp) {
		start += BITS_PER_LONG;
		if (start >= size)
			return size;
		tmp = addr[start / BITS_PER_LONG] ^ invert;
	}
	start += __builtin_ctzl(tmp);
	return start < size ? start : size;
}

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return __umc_find_next(addr, size, offset, 0UL);
}
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	return __umc_find_next(addr, size, offset, ~0UL);
}
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return __umc_find_next(addr, size, 0, 0UL);
}
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return __umc_find_next(addr, size, 0, ~0UL);
}
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	if (size) {
		unsigned long val = BITMAP_LAST_WORD_MASK(size);
		unsigned long idx = (size - 1) / BITS_PER_LONG;
		do {
			val &= addr[idx];
			if (val)
				return idx * BITS_PER_LONG + (BITS_PER_LONG - 1 - __builtin_clzl(val));
			val = ~0UL;
		} while (idx--);
	}
	return size;
}
/* the kernel's out-of-line names, used by some inlines */
#define _find_first_bit find_first_bit
#define _find_next_bit find_next_bit
#define _find_next_zero_bit find_next_zero_bit

#endif
