/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/atomic.h - atomic_t, atomic64_t, atomic_long_t and cmpxchg/xchg on GCC __atomic
 * builtins (header-only). As in the kernel: atomic_read/set and the void RMW ops
 * (atomic_add, atomic_inc, ...) are unordered (relaxed); value-returning RMW ops
 * (atomic_inc_return, atomic_dec_and_test, atomic_cmpxchg, atomic_xchg, ...) are fully
 * ordered; _acquire/_release/_relaxed variants have those orderings.
 */
#ifndef _UMC_LINUX_ATOMIC_H
#define _UMC_LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <linux/stddef.h> /* false/true used below (umc-net: added) */

#define __UMC_ATOMIC_OPS(pfx, at, t) \
static inline t pfx##_read(const at *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); } \
static inline t pfx##_read_acquire(const at *v) { return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); } \
static inline void pfx##_set(at *v, t i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_set_release(at *v, t i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); } \
static inline void pfx##_add(t i, at *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_sub(t i, at *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_inc(at *v) { __atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED); } \
static inline void pfx##_dec(at *v) { __atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELAXED); } \
static inline void pfx##_and(t i, at *v) { __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_or(t i, at *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); } \
static inline t pfx##_add_return(t i, at *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_sub_return(t i, at *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_add_return_relaxed(t i, at *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_RELAXED); } \
static inline t pfx##_fetch_add(t i, at *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_sub(t i, at *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_or(t i, at *v) { return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_and(t i, at *v) { return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_inc_return(at *v) { return pfx##_add_return(1, v); } \
static inline t pfx##_dec_return(at *v) { return pfx##_sub_return(1, v); } \
static inline bool pfx##_dec_and_test(at *v) { return pfx##_sub_return(1, v) == 0; } \
static inline bool pfx##_inc_and_test(at *v) { return pfx##_add_return(1, v) == 0; } \
static inline bool pfx##_sub_and_test(t i, at *v) { return pfx##_sub_return(i, v) == 0; } \
static inline bool pfx##_add_negative(t i, at *v) { return pfx##_add_return(i, v) < 0; } \
static inline t pfx##_xchg(at *v, t n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); } \
static inline t pfx##_cmpxchg(at *v, t old, t n) { \
	__atomic_compare_exchange_n(&v->counter, &old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	return old; } \
static inline bool pfx##_try_cmpxchg(at *v, t *old, t n) { \
	return __atomic_compare_exchange_n(&v->counter, old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_add_unless(at *v, t a, t u) { \
	t c = pfx##_read(v); \
	do { if (unlikely(c == u)) break; } while (!pfx##_try_cmpxchg(v, &c, c + a)); \
	return c; } \
static inline bool pfx##_add_unless(at *v, t a, t u) { return pfx##_fetch_add_unless(v, a, u) != u; } \
static inline bool pfx##_inc_not_zero(at *v) { return pfx##_add_unless(v, 1, 0); } \
static inline t pfx##_dec_if_positive(at *v) { \
	t c = pfx##_read(v); \
	do { if (unlikely(c - 1 < 0)) return c - 1; } while (!pfx##_try_cmpxchg(v, &c, c - 1)); \
	return c - 1; }

__UMC_ATOMIC_OPS(atomic, atomic_t, int)
__UMC_ATOMIC_OPS(atomic64, atomic64_t, s64)

#define atomic_long_read atomic64_read
#define atomic_long_set atomic64_set
#define atomic_long_add atomic64_add
#define atomic_long_sub atomic64_sub
#define atomic_long_inc atomic64_inc
#define atomic_long_dec atomic64_dec
#define atomic_long_add_return atomic64_add_return
#define atomic_long_sub_return atomic64_sub_return
#define atomic_long_inc_return atomic64_inc_return
#define atomic_long_dec_return atomic64_dec_return
#define atomic_long_xchg atomic64_xchg
#define atomic_long_cmpxchg atomic64_cmpxchg
#define atomic_long_dec_and_test atomic64_dec_and_test
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)

/* cmpxchg/xchg on plain scalars: fully ordered; return the previous value. */
#define cmpxchg(ptr, o, n) ({ \
	__typeof__(*(ptr)) __o = (o); \
	__atomic_compare_exchange_n((ptr), &__o, (n), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	__o; })
#define cmpxchg_relaxed(ptr, o, n) ({ \
	__typeof__(*(ptr)) __o = (o); \
	__atomic_compare_exchange_n((ptr), &__o, (n), false, __ATOMIC_RELAXED, __ATOMIC_RELAXED); \
	__o; })
#define try_cmpxchg(ptr, po, n) \
	__atomic_compare_exchange_n((ptr), (po), (n), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg64 cmpxchg

#endif
