/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/overflow.h - overflow-checked arithmetic on the compiler builtins (header-only).
 * check_*_overflow() return true on overflow; size_mul/size_add/array_size/struct_size
 * saturate at SIZE_MAX so that an allocation of the result fails instead of being too small.
 */
#ifndef _UMC_LINUX_OVERFLOW_H
#define _UMC_LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

static inline size_t __must_check size_mul(size_t a, size_t b)
{
	size_t r;

	if (check_mul_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

static inline size_t __must_check size_add(size_t a, size_t b)
{
	size_t r;

	if (check_add_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

static inline size_t __must_check size_sub(size_t a, size_t b)
{
	size_t r;

	if (a == SIZE_MAX || b == SIZE_MAX || check_sub_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

#define array_size(a, b) size_mul(a, b)
#define array3_size(a, b, c) size_mul(size_mul(a, b), c)
#define flex_array_size(p, member, count) size_mul(count, sizeof(*(p)->member))
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), size_mul(count, sizeof(*(p)->member)))

#endif
