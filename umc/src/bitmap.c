// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap.c - out-of-line bitmap operations of <linux/bitmap.h> and bitmap_parse.
 * Word-at-a-time loops; the bits beyond @nbits in the last word are masked out of every
 * result, as in the kernel. Pure computation (bitmap_alloc uses kmalloc).
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/errno.h>

#define LAST_MASK(nbits) BITMAP_LAST_WORD_MASK(nbits)

bool __bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;

	for (k = 0; k < lim; k++)
		if (a[k] != b[k])
			return false;
	if (nbits % BITS_PER_LONG && ((a[k] ^ b[k]) & LAST_MASK(nbits)))
		return false;
	return true;
}

void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	for (unsigned int k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = ~src[k];
}

bool __bitmap_and(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		  unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;
	unsigned long any = 0;

	for (k = 0; k < lim; k++)
		any |= (dst[k] = a[k] & b[k]);
	if (nbits % BITS_PER_LONG)
		any |= (dst[k] = a[k] & b[k] & LAST_MASK(nbits));
	return any != 0;
}

void __bitmap_or(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		 unsigned int nbits)
{
	for (unsigned int k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = a[k] | b[k];
}

void __bitmap_xor(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		  unsigned int nbits)
{
	for (unsigned int k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = a[k] ^ b[k];
}

bool __bitmap_andnot(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		     unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;
	unsigned long any = 0;

	for (k = 0; k < lim; k++)
		any |= (dst[k] = a[k] & ~b[k]);
	if (nbits % BITS_PER_LONG)
		any |= (dst[k] = a[k] & ~b[k] & LAST_MASK(nbits));
	return any != 0;
}

bool __bitmap_intersects(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;

	for (k = 0; k < lim; k++)
		if (a[k] & b[k])
			return true;
	if (nbits % BITS_PER_LONG && (a[k] & b[k] & LAST_MASK(nbits)))
		return true;
	return false;
}

bool __bitmap_subset(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG;

	for (k = 0; k < lim; k++)
		if (a[k] & ~b[k])
			return false;
	if (nbits % BITS_PER_LONG && (a[k] & ~b[k] & LAST_MASK(nbits)))
		return false;
	return true;
}

unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int k, lim = nbits / BITS_PER_LONG, w = 0;

	for (k = 0; k < lim; k++)
		w += hweight_long(bitmap[k]);
	if (nbits % BITS_PER_LONG)
		w += hweight_long(bitmap[k] & LAST_MASK(nbits));
	return w;
}

void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_set = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_set >= 0) {
		*p++ |= mask;
		len -= bits_to_set;
		bits_to_set = BITS_PER_LONG;
		mask = ~0UL;
	}
	if (len) {
		mask &= LAST_MASK(size);
		*p |= mask;
	}
}

void __bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_clear = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_clear >= 0) {
		*p++ &= ~mask;
		len -= bits_to_clear;
		bits_to_clear = BITS_PER_LONG;
		mask = ~0UL;
	}
	if (len) {
		mask &= LAST_MASK(size);
		*p &= ~mask;
	}
}

void __bitmap_shift_right(unsigned long *dst, const unsigned long *src, unsigned int shift,
			  unsigned int nbits)
{
	unsigned int lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;
	unsigned long mask = LAST_MASK(nbits);

	for (unsigned int k = 0; off + k < lim; k++) {
		unsigned long upper, lower;

		/* the last word of src contributes only its bits below nbits */
		if (!rem || off + k + 1 >= lim)
			upper = 0;
		else {
			upper = src[off + k + 1];
			if (off + k + 1 == lim - 1)
				upper &= mask;
			upper <<= (BITS_PER_LONG - rem);
		}
		lower = src[off + k];
		if (off + k == lim - 1)
			lower &= mask;
		lower >>= rem;
		dst[k] = lower | upper;
	}
	if (off)
		memset(&dst[lim - off], 0, off * sizeof(unsigned long));
}

void __bitmap_shift_left(unsigned long *dst, const unsigned long *src, unsigned int shift,
			 unsigned int nbits)
{
	int k;
	unsigned int lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;

	for (k = lim - off - 1; k >= 0; k--) {
		unsigned long upper, lower;

		if (rem && k > 0)
			lower = src[k - 1] >> (BITS_PER_LONG - rem);
		else
			lower = 0;
		upper = src[k] << rem;
		dst[k + off] = lower | upper;
	}
	if (off)
		memset(dst, 0, off * sizeof(unsigned long));
}

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return bitmap_alloc(nbits, flags | __GFP_ZERO);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}

void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits)
{
	unsigned int i, halfwords = BITS_TO_U32(nbits);

	for (i = 0; i < halfwords; i++) {
		bitmap[i / 2] = (unsigned long)buf[i];
		if (++i < halfwords)
			bitmap[i / 2] |= ((unsigned long)buf[i]) << 32;
	}
	if (nbits % BITS_PER_LONG)
		bitmap[(halfwords - 1) / 2] &= LAST_MASK(nbits);
}

void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int i, halfwords = BITS_TO_U32(nbits);

	for (i = 0; i < halfwords; i++) {
		buf[i] = (u32)(bitmap[i / 2] & 0xffffffffUL);
		if (++i < halfwords)
			buf[i] = (u32)(bitmap[i / 2] >> 32);
	}
	if (nbits % 32)
		buf[halfwords - 1] &= (u32)(~0U >> (32 - nbits % 32));
}

static bool chunk_separator(char c)
{
	return isspace(c) || c == ',';
}

/*
 * Parse backwards from @end (the last character) one chunk of up to 8 hex digits into *@num.
 * Returns the position before the chunk (may be before @start), or an ERR_PTR.
 */
static const char *parse_chunk_reverse(const char *start, const char *end, u32 *num)
{
	u32 v = 0;

	for (int shift = 0; shift < 32; shift += 4) {
		int d = hex_to_bin(*end--);

		if (d < 0)
			return ERR_PTR(-EINVAL);
		v |= (u32)d << shift;
		if (start > end || chunk_separator(*end)) {
			*num = v;
			return end;
		}
	}
	if (hex_to_bin(*end) >= 0)
		return ERR_PTR(-EOVERFLOW);
	*num = v;
	return end;
}

int bitmap_parse(const char *buf, unsigned int buflen, unsigned long *maskp, int nmaskbits)
{
	const char *end = strnchrnul(buf, buflen, '\n') - 1;
	int chunks = BITS_TO_U32(nmaskbits), used = 0;
	int unset_bit;

	for (;;) {
		u32 v;

		while (buf <= end && chunk_separator(*end))
			end--;
		if (buf > end)
			break;
		if (used == chunks)
			return -EOVERFLOW;
		end = parse_chunk_reverse(buf, end, &v);
		if (IS_ERR(end))
			return PTR_ERR(end);
		/* chunk n holds bits 32n..32n+31 (little-endian halves of the longs) */
		if (used % 2 == 0)
			maskp[used / 2] = (maskp[used / 2] & ~0xffffffffUL) | v;
		else
			maskp[used / 2] = (maskp[used / 2] & 0xffffffffUL) | ((unsigned long)v << 32);
		used++;
	}

	unset_bit = used * 32;
	if (unset_bit < nmaskbits) {
		bitmap_clear(maskp, unset_bit, nmaskbits - unset_bit);
		return 0;
	}
	if (find_next_bit(maskp, unset_bit, nmaskbits) != (unsigned long)unset_bit)
		return -EOVERFLOW;
	return 0;
}
