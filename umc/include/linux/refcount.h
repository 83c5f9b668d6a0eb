/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/refcount.h - saturating reference counters. refcount_warn_saturate() and the
 * out-of-line helpers are in umc/src/refcount.c.
 *
 * Linux 6.1 semantics: the counter never wraps; an increment from 0 (use after free), an
 * overflow past INT_MAX or a decrement below 1 sets it to REFCOUNT_SATURATED (where it stays,
 * leaking the object instead of freeing it twice) and logs a warning with a backtrace once
 * per kind. Orderings: increments are relaxed; *_dec_and_test() has release ordering and, when
 * it returns true, acquire ordering. Never blocks (except refcount_dec_and_mutex_lock()).
 */
#ifndef _UMC_LINUX_REFCOUNT_H
#define _UMC_LINUX_REFCOUNT_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/spinlock_types.h>

struct mutex;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* refcount_warn_saturate - saturate @r and report what went wrong (@t). */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}
static inline void refcount_set_release(refcount_t *r, int n)
{
	atomic_set_release(&r->refs, n);
}
static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

/* old + i with two's complement wrap-around (no signed-overflow UB). */
static inline int __umc_refcount_sum(int old, int i)
{
	return (int)((unsigned int)old + (unsigned int)i);
}

/* refcount_add_not_zero - add @i unless the count is 0; true if added. */
static inline __must_check bool __refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = atomic_read(&r->refs);

	do {
		if (old == 0)
			break;
	} while (!__atomic_compare_exchange_n(&r->refs.counter, &old, __umc_refcount_sum(old, i), true,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	if (oldp)
		*oldp = old;
	if (unlikely(old < 0 || __umc_refcount_sum(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old != 0;
}
static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}
static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_add_not_zero(1, r, NULL);
}
static inline __must_check bool __refcount_inc_not_zero(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero(1, r, oldp);
}

static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = __atomic_fetch_add(&r->refs.counter, i, __ATOMIC_RELAXED);

	if (oldp)
		*oldp = old;
	if (unlikely(old == 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __umc_refcount_sum(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}
static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}
static inline void refcount_inc(refcount_t *r)
{
	__refcount_add(1, r, NULL);
}
static inline void __refcount_inc(refcount_t *r, int *oldp)
{
	__refcount_add(1, r, oldp);
}

/* refcount_sub_and_test - subtract @i; true if the count reached 0 (then acquire-ordered). */
static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r, int *oldp)
{
	/* acq_rel rather than release + acquire fence on the last put (TSan has no fences). */
	int old = __atomic_fetch_sub(&r->refs.counter, i, __ATOMIC_ACQ_REL);

	if (oldp)
		*oldp = old;
	if (old == i)
		return true;
	if (unlikely(old < 0 || __umc_refcount_sum(old, -i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}
static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}
static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_sub_and_test(1, r, NULL);
}
static inline __must_check bool __refcount_dec_and_test(refcount_t *r, int *oldp)
{
	return __refcount_sub_and_test(1, r, oldp);
}

/* refcount_dec - decrement; reaching 0 here is a leak (warned and saturated). */
static inline void __refcount_dec(refcount_t *r, int *oldp)
{
	int old = __atomic_fetch_sub(&r->refs.counter, 1, __ATOMIC_RELEASE);

	if (oldp)
		*oldp = old;
	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}
static inline void refcount_dec(refcount_t *r)
{
	__refcount_dec(r, NULL);
}

/* Out of line (umc/src/refcount.c). */
bool __must_check refcount_dec_if_one(refcount_t *r);
bool __must_check refcount_dec_not_one(refcount_t *r);
/* With @lock taken (and returning true) only if the count dropped to 0. May sleep. */
bool __must_check refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
bool __must_check refcount_dec_and_lock(refcount_t *r, spinlock_t *lock);
bool __must_check refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock,
						unsigned long *flags);

#endif
