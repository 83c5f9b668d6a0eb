// SPDX-License-Identifier: GPL-2.0
/*
 * refcount.c - the out-of-line part of refcount_t (linux/refcount.h): saturation reports
 * and the decrement-and-lock helpers.
 */
#include <linux/kernel.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	refcount_set(r, REFCOUNT_SATURATED);
	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
		WARN_ONCE(1, "refcount_t overflow: counter saturated, object leaked");
		break;
	case REFCOUNT_ADD_UAF:
		WARN_ONCE(1, "refcount_t increment from 0: use after free");
		break;
	case REFCOUNT_SUB_UAF:
		WARN_ONCE(1, "refcount_t underflow: use after free");
		break;
	case REFCOUNT_DEC_LEAK:
		WARN_ONCE(1, "refcount_t plain decrement reached 0: object leaked");
		break;
	default:
		WARN_ONCE(1, "refcount_t saturated (event %d)", (int)t);
	}
}

bool refcount_dec_if_one(refcount_t *r)
{
	int one = 1;

	return __atomic_compare_exchange_n(&r->refs.counter, &one, 0, false, __ATOMIC_RELEASE,
					   __ATOMIC_RELAXED);
}

bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		if (unlikely(val <= 0)) {
			WARN_ONCE(1, "refcount_t underflow: use after free");
			return true;
		}
	} while (!__atomic_compare_exchange_n(&r->refs.counter, &val, val - 1, true,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	return true;
}

bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	mutex_lock(lock);
	if (!refcount_dec_and_test(r)) {
		mutex_unlock(lock);
		return false;
	}
	return true;
}

bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock(lock);
	if (!refcount_dec_and_test(r)) {
		spin_unlock(lock);
		return false;
	}
	return true;
}

bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags)
{
	*flags = 0;
	return refcount_dec_and_lock(r, lock);
}
