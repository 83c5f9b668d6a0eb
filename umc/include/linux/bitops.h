/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bitops.h - bit operations on unsigned long arrays (header-only).
 * set_bit/clear_bit/change_bit are atomic and unordered; test_and_* are atomic and fully
 * ordered; clear_bit_unlock has release and test_and_set_bit_lock acquire semantics;
 * the __ variants are non-atomic. The _le variants address bits in little-endian order,
 * which is the native order on the supported hosts.
 */
#ifndef _UMC_LINUX_BITOPS_H
#define _UMC_LINUX_BITOPS_H

#include <linux/bits.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_TO_U64(nr) (((nr) + 63) / 64)
#define BITS_TO_U32(nr) (((nr) + 31) / 32)
#define BITS_TO_BYTES(nr) (((nr) + 7) / 8)

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and((unsigned long *)addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and((unsigned long *)addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}
static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and((unsigned long *)addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}
static inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	clear_bit_unlock(nr, addr);
}
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n((const unsigned long *)addr + BIT_WORD(nr), __ATOMIC_RELAXED) >> (nr & (BITS_PER_LONG - 1)));
}
static inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n((const unsigned long *)addr + BIT_WORD(nr), __ATOMIC_ACQUIRE) >> (nr & (BITS_PER_LONG - 1)));
}

/* non-atomic variants */
static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] |= BIT_MASK(nr);
}
static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}
static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] ^= BIT_MASK(nr);
}
static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;
	*p = old | BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}
static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;
	*p = old & ~BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}
static inline bool __test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;
	*p = old ^ BIT_MASK(nr);
	return (old & BIT_MASK(nr)) != 0;
}

/* bit searching in one word; undefined for 0 where the kernel says so */
static inline unsigned long __ffs(unsigned long word) { return __builtin_ctzl(word); }
static inline unsigned long __fls(unsigned long word) { return BITS_PER_LONG - 1 - __builtin_clzl(word); }
static inline unsigned long ffz(unsigned long word) { return __ffs(~word); }
static inline int ffs(int x) { return __builtin_ffs(x); }
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline int fls_long(unsigned long l) { return fls64(l); }
static inline unsigned int __ffs64(u64 word) { return __builtin_ctzll(word); }

static inline unsigned int hweight8(unsigned int w) { return __builtin_popcount(w & 0xff); }
static inline unsigned int hweight16(unsigned int w) { return __builtin_popcount(w & 0xffff); }
static inline unsigned int hweight32(unsigned int w) { return __builtin_popcount(w); }
static inline unsigned long hweight64(u64 w) { return __builtin_popcountll(w); }
static inline unsigned long hweight_long(unsigned long w) { return __builtin_popcountl(w); }
/* the out-of-line fallback the kernel exports (lib/hweight.c); same result */
static inline unsigned long __sw_hweight64(u64 w) { return __builtin_popcountll(w); }

static inline u32 rol32(u32 word, unsigned int shift) { return (word << (shift & 31)) | (word >> ((-shift) & 31)); }
static inline u32 ror32(u32 word, unsigned int shift) { return (word >> (shift & 31)) | (word << ((-shift) & 31)); }
static inline u64 rol64(u64 word, unsigned int shift) { return (word << (shift & 63)) | (word >> ((-shift) & 63)); }
static inline u64 ror64(u64 word, unsigned int shift) { return (word >> (shift & 63)) | (word << ((-shift) & 63)); }

/* little-endian bit numbering == native numbering on little-endian hosts */
static inline int test_bit_le(int nr, const void *addr) { return test_bit(nr, (const unsigned long *)addr); }
static inline void set_bit_le(int nr, void *addr) { set_bit(nr, (unsigned long *)addr); }
static inline void clear_bit_le(int nr, void *addr) { clear_bit(nr, (unsigned long *)addr); }
static inline void __set_bit_le(int nr, void *addr) { __set_bit(nr, (unsigned long *)addr); }
static inline void __clear_bit_le(int nr, void *addr) { __clear_bit(nr, (unsigned long *)addr); }
static inline int test_and_set_bit_le(int nr, void *addr) { return test_and_set_bit(nr, (unsigned long *)addr); }
static inline int test_and_clear_bit_le(int nr, void *addr) { return test_and_clear_bit(nr, (unsigned long *)addr); }
static inline int __test_and_set_bit_le(int nr, void *addr) { return __test_and_set_bit(nr, (unsigned long *)addr); }
static inline int __test_and_clear_bit_le(int nr, void *addr) { return __test_and_clear_bit(nr, (unsigned long *)addr); }

#include <linux/find.h>

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)
#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

static inline unsigned long find_next_bit_le(const void *addr, unsigned long size, unsigned long offset)
{
	return find_next_bit((const unsigned long *)addr, size, offset);
}
static inline unsigned long find_next_zero_bit_le(const void *addr, unsigned long size, unsigned long offset)
{
	return find_next_zero_bit((const unsigned long *)addr, size, offset);
}
static inline unsigned long find_first_zero_bit_le(const void *addr, unsigned long size)
{
	return find_next_zero_bit((const unsigned long *)addr, size, 0);
}

#endif
