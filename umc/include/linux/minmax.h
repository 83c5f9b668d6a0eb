/* SPDX-License-Identifier: GPL-2.0 */
/* linux/minmax.h - type-checked min/max/clamp (header-only). */
#ifndef _UMC_LINUX_MINMAX_H
#define _UMC_LINUX_MINMAX_H
#include <linux/compiler.h>
#define __typecheck(x, y) (!!(sizeof((typeof(x) *)1 == (typeof(y) *)1)))
#define __cmp(x, y, op) ((x)op(y) ? (x) : (y))
#define __cmp_once(x, y, op) ({ typeof(x) __x = (x); typeof(y) __y = (y); \
	(void)__typecheck(__x, __y); __cmp(__x, __y, op); })
#define min(x, y) __cmp_once(x, y, <)
#define max(x, y) __cmp_once(x, y, >)
#define min3(x, y, z) min((typeof(x))min(x, y), z)
#define max3(x, y, z) max((typeof(x))max(x, y), z)
/* drbd-block fix: own names, since min() declares __x/__y itself (`typeof(__x) __x = (__x)`
 * initialised the variable from itself: min_not_zero returned garbage) */
#define min_not_zero(x, y) ({ typeof(x) __mnz_x = (x); typeof(y) __mnz_y = (y); \
	__mnz_x == 0 ? __mnz_y : ((__mnz_y == 0) ? __mnz_x : min(__mnz_x, __mnz_y)); })
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define min_t(type, x, y) ({ type __x = (x); type __y = (y); __x < __y ? __x : __y; })
#define max_t(type, x, y) ({ type __x = (x); type __y = (y); __x > __y ? __x : __y; })
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#endif
