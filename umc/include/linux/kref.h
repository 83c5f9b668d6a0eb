/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kref.h - reference-counted objects on refcount_t (header-only; see refcount.h for
 * saturation and ordering). kref_put() calls @release when the count drops to 0 and returns
 * 1, else 0. kref_get_unless_zero() returns 0 if the object is already being released.
 * kref_put_mutex()/kref_put_lock() call @release with the lock held (and the release function
 * must drop it). None blocks except kref_put_mutex().
 */
#ifndef _UMC_LINUX_KREF_H
#define _UMC_LINUX_KREF_H

#include <linux/spinlock.h>
#include <linux/refcount.h>
#include <linux/mutex.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n) { .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

static inline int kref_put_mutex(struct kref *kref, void (*release)(struct kref *kref),
				 struct mutex *lock)
{
	if (refcount_dec_and_mutex_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

static inline int kref_put_lock(struct kref *kref, void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	if (refcount_dec_and_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#endif
