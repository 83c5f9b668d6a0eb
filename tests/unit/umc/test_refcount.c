// SPDX-License-Identifier: GPL-2.0
/* test_refcount.c - refcount_t and kref (umc/src/refcount.c, linux/kref.h). */
#include "umc_test.h"

#include <linux/refcount.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct obj {
	struct kref kref;
	int released;
};

static void release(struct kref *k)
{
	container_of(k, struct obj, kref)->released++;
}

static void test_kref(void **state)
{
	struct obj o = { .released = 0 };

	kref_init(&o.kref);
	kref_get(&o.kref);
	assert_int_equal(kref_read(&o.kref), 2);
	assert_int_equal(kref_put(&o.kref, release), 0);
	assert_int_equal(o.released, 0);
	assert_int_equal(kref_get_unless_zero(&o.kref), 1);
	assert_int_equal(kref_put(&o.kref, release), 0);
	assert_int_equal(kref_put(&o.kref, release), 1);
	assert_int_equal(o.released, 1);
	assert_int_equal(kref_get_unless_zero(&o.kref), 0);
}

static void test_saturation(void **state)
{
	refcount_t r = REFCOUNT_INIT(1);

	assert_true(refcount_dec_and_test(&r));
	/* underflow: saturates (and warns) instead of wrapping */
	assert_false(refcount_dec_and_test(&r));
	assert_int_equal((int)refcount_read(&r), REFCOUNT_SATURATED);
	refcount_set(&r, 0);
	refcount_inc(&r); /* increment from 0: use after free */
	assert_int_equal((int)refcount_read(&r), REFCOUNT_SATURATED);
	refcount_set(&r, REFCOUNT_MAX);
	refcount_inc(&r);
	assert_int_equal((int)refcount_read(&r), REFCOUNT_SATURATED);
}

static void test_dec_and_lock(void **state)
{
	DEFINE_SPINLOCK(l);
	DEFINE_MUTEX(m);
	refcount_t r = REFCOUNT_INIT(2);

	assert_false(refcount_dec_and_lock(&r, &l));
	assert_false(spin_is_locked(&l));
	assert_true(refcount_dec_and_lock(&r, &l));
	assert_true(spin_is_locked(&l));
	spin_unlock(&l);

	refcount_set(&r, 2);
	assert_false(refcount_dec_and_mutex_lock(&r, &m));
	assert_true(refcount_dec_and_mutex_lock(&r, &m));
	assert_true(mutex_is_locked(&m));
	mutex_unlock(&m);

	refcount_set(&r, 1);
	assert_false(refcount_dec_not_one(&r));
	assert_true(refcount_dec_if_one(&r));
	assert_int_equal(refcount_read(&r), 0);
	assert_true(refcount_inc_not_zero(&r) == false);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kref),
		cmocka_unit_test(test_saturation),
		cmocka_unit_test(test_dec_and_lock),
	};
	return UMC_TEST_RUN(tests);
}
