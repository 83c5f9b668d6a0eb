/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bitmap.h - operations on bitmaps of unsigned long words (umc/src/bitmap.c).
 *
 * Semantics of Linux 6.1: bits beyond @nbits in the last word are "don't care" for the
 * query functions (equal, empty, full, weight, intersects, subset) and may be changed by
 * bitmap_zero/fill/copy, as in the kernel. None of these functions is atomic, locks or sleeps
 * (bitmap_alloc/zalloc allocate with kmalloc and may sleep if @flags allow).
 */
#ifndef _UMC_LINUX_BITMAP_H
#define _UMC_LINUX_BITMAP_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/bitops.h>
#include <linux/find.h>
#include <linux/string.h>
#include <linux/align.h>

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags);
unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags);
void bitmap_free(const unsigned long *bitmap);

bool __bitmap_equal(const unsigned long *bitmap1, const unsigned long *bitmap2, unsigned int nbits);
void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits);
/* __bitmap_and / __bitmap_andnot return true if the result has a bit set */
bool __bitmap_and(unsigned long *dst, const unsigned long *bitmap1, const unsigned long *bitmap2,
		  unsigned int nbits);
void __bitmap_or(unsigned long *dst, const unsigned long *bitmap1, const unsigned long *bitmap2,
		 unsigned int nbits);
void __bitmap_xor(unsigned long *dst, const unsigned long *bitmap1, const unsigned long *bitmap2,
		  unsigned int nbits);
bool __bitmap_andnot(unsigned long *dst, const unsigned long *bitmap1,
		     const unsigned long *bitmap2, unsigned int nbits);
bool __bitmap_intersects(const unsigned long *bitmap1, const unsigned long *bitmap2,
			 unsigned int nbits);
bool __bitmap_subset(const unsigned long *bitmap1, const unsigned long *bitmap2,
		     unsigned int nbits);
unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits);
void __bitmap_set(unsigned long *map, unsigned int start, int len);
void __bitmap_clear(unsigned long *map, unsigned int start, int len);
void __bitmap_shift_right(unsigned long *dst, const unsigned long *src, unsigned int shift,
			  unsigned int nbits);
void __bitmap_shift_left(unsigned long *dst, const unsigned long *src, unsigned int shift,
			 unsigned int nbits);

/*
 * bitmap_parse - parse a hex mask: comma-separated chunks of up to 8 hex digits, the last
 * chunk being bits 0..31 (e.g. "ff,00000001" sets bits 0 and 32..39). Whitespace and empty
 * chunks are allowed. The string ends at NUL, newline or after @buflen bytes. Bits above
 * the parsed chunks are cleared. Returns 0, -EINVAL (bad character) or -EOVERFLOW (a chunk
 * wider than 32 bits, more chunks than fit, or a set bit at or above @nmaskbits).
 */
int bitmap_parse(const char *buf, unsigned int buflen, unsigned long *maskp, int nmaskbits);

/* bitmap_from_arr32 / bitmap_to_arr32 - convert to and from arrays of u32 (low word first). */
void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits);
void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits);

#define small_const_nbits(nbits) \
	(__builtin_constant_p(nbits) && (nbits) <= BITS_PER_LONG && (nbits) > 0)
#define bitmap_size(nbits) (ALIGN(nbits, BITS_PER_LONG) / BITS_PER_BYTE)

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

/* bitmap_copy_clear_tail - copy and clear the bits beyond @nbits in the last word */
static inline void bitmap_copy_clear_tail(unsigned long *dst, const unsigned long *src,
					  unsigned int nbits)
{
	bitmap_copy(dst, src, nbits);
	if (nbits % BITS_PER_LONG)
		dst[nbits / BITS_PER_LONG] &= BITMAP_LAST_WORD_MASK(nbits);
}

static inline bool bitmap_and(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	return __bitmap_and(dst, src1, src2, nbits);
}
static inline void bitmap_or(unsigned long *dst, const unsigned long *src1,
			     const unsigned long *src2, unsigned int nbits)
{
	__bitmap_or(dst, src1, src2, nbits);
}
static inline void bitmap_xor(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	__bitmap_xor(dst, src1, src2, nbits);
}
static inline bool bitmap_andnot(unsigned long *dst, const unsigned long *src1,
				 const unsigned long *src2, unsigned int nbits)
{
	return __bitmap_andnot(dst, src1, src2, nbits);
}
static inline void bitmap_complement(unsigned long *dst, const unsigned long *src,
				     unsigned int nbits)
{
	__bitmap_complement(dst, src, nbits);
}
static inline bool bitmap_equal(const unsigned long *src1, const unsigned long *src2,
				unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return !((*src1 ^ *src2) & BITMAP_LAST_WORD_MASK(nbits));
	return __bitmap_equal(src1, src2, nbits);
}
static inline bool bitmap_intersects(const unsigned long *src1, const unsigned long *src2,
				     unsigned int nbits)
{
	return __bitmap_intersects(src1, src2, nbits);
}
static inline bool bitmap_subset(const unsigned long *src1, const unsigned long *src2,
				 unsigned int nbits)
{
	return __bitmap_subset(src1, src2, nbits);
}
static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}
static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) == nbits;
}
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	if (small_const_nbits(nbits))
		return hweight_long(*src & BITMAP_LAST_WORD_MASK(nbits));
	return __bitmap_weight(src, nbits);
}
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	if (nbits == 1)
		__set_bit(start, map);
	else
		__bitmap_set(map, start, nbits);
}
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	if (nbits == 1)
		__clear_bit(start, map);
	else
		__bitmap_clear(map, start, nbits);
}
static inline void bitmap_shift_right(unsigned long *dst, const unsigned long *src,
				      unsigned int shift, unsigned int nbits)
{
	__bitmap_shift_right(dst, src, shift, nbits);
}
static inline void bitmap_shift_left(unsigned long *dst, const unsigned long *src,
				     unsigned int shift, unsigned int nbits)
{
	__bitmap_shift_left(dst, src, shift, nbits);
}
static inline void bitmap_from_u64(unsigned long *dst, u64 mask)
{
	dst[0] = mask;
}

#endif
