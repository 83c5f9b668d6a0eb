// SPDX-License-Identifier: GPL-2.0
/* test_idr.c - ID allocation, lookup, iteration and RCU readers (umc/src/idr.c). */
#include "umc_test.h"

#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/string.h>

struct obj {
	int id;
};

#define NOBJ 6000
static struct obj objs[NOBJ];

static void *obj(int id)
{
	objs[id].id = id;
	return &objs[id];
}

static void test_alloc_ranges(void **state)
{
	DEFINE_IDR(idr);

	assert_true(idr_is_empty(&idr));
	assert_int_equal(idr_alloc(&idr, obj(0), 0, 0, GFP_KERNEL), 0);
	assert_int_equal(idr_alloc(&idr, obj(1), 0, 0, GFP_KERNEL), 1);
	assert_false(idr_is_empty(&idr));
	/* DRBD's pattern: exactly one ID, [minor, minor + 1) */
	assert_int_equal(idr_alloc(&idr, obj(5), 5, 6, GFP_KERNEL), 5);
	assert_int_equal(idr_alloc(&idr, obj(5), 5, 6, GFP_KERNEL), -ENOSPC);
	assert_int_equal(idr_alloc(&idr, obj(2), 0, 0, GFP_KERNEL), 2);
	assert_int_equal(idr_alloc(&idr, obj(6), 5, 0, GFP_KERNEL), 6);
	assert_int_equal(idr_alloc(&idr, obj(3), 0, 3, GFP_KERNEL), -ENOSPC);
	assert_int_equal(idr_alloc(&idr, obj(0), -1, 0, GFP_KERNEL), -EINVAL);
	/* far IDs grow the tree; near ones stay found */
	assert_int_equal(idr_alloc(&idr, obj(1000), 1 << 20, (1 << 20) + 1, GFP_KERNEL), 1 << 20);
	assert_int_equal(idr_alloc(&idr, obj(999), INT_MAX, 0, GFP_KERNEL), INT_MAX);
	assert_int_equal(idr_alloc(&idr, obj(999), INT_MAX, 0, GFP_KERNEL), -ENOSPC);
	assert_ptr_equal(idr_find(&idr, 0), &objs[0]);
	assert_ptr_equal(idr_find(&idr, 5), &objs[5]);
	assert_ptr_equal(idr_find(&idr, 1 << 20), &objs[1000]);
	assert_ptr_equal(idr_find(&idr, INT_MAX), &objs[999]);
	assert_null(idr_find(&idr, 4));
	assert_null(idr_find(&idr, (1 << 20) + 1));
	assert_null(idr_find(&idr, 1UL << 40));
	assert_int_equal(idr_alloc(&idr, obj(3), 0, 0, GFP_KERNEL), 3);
	idr_destroy(&idr);
	assert_true(idr_is_empty(&idr));
	assert_null(idr_find(&idr, 0));
}

static void test_get_next_iteration(void **state)
{
	static const int ids[] = { 3, 70, 4100, 262143, 262144, 300000 };
	struct obj *o;
	int id, n = 0;
	DEFINE_IDR(idr);

	for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++)
		assert_int_equal(idr_alloc(&idr, obj(i), ids[i], ids[i] + 1, GFP_KERNEL), ids[i]);

	idr_for_each_entry(&idr, o, id) {
		assert_int_equal(id, ids[n]);
		assert_ptr_equal(o, &objs[n]);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(ids));

	id = 71;
	assert_ptr_equal(idr_get_next(&idr, &id), &objs[2]);
	assert_int_equal(id, 4100);
	id = 300001;
	assert_null(idr_get_next(&idr, &id));
	assert_int_equal(id, 300001); /* unchanged when nothing follows */

	/* _continue starts at the given ID itself */
	id = 4100;
	n = 0;
	idr_for_each_entry_continue(&idr, o, id)
		n++;
	assert_int_equal(n, 4);

	for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++)
		assert_ptr_equal(idr_remove(&idr, ids[i]), &objs[i]);
	assert_true(idr_is_empty(&idr));
	idr_destroy(&idr);
}

static int count_cb(int id, void *p, void *data)
{
	int *count = data;

	assert_ptr_equal(p, &objs[id]);
	return ++*count == 3 ? 42 : 0;
}

static void test_remove_replace_null_for_each(void **state)
{
	DEFINE_IDR(idr);
	int count = 0;

	for (int i = 0; i < 10; i++)
		assert_int_equal(idr_alloc(&idr, obj(i), 0, 0, GFP_KERNEL), i);
	assert_ptr_equal(idr_remove(&idr, 4), &objs[4]);
	assert_null(idr_remove(&idr, 4));
	assert_null(idr_remove(&idr, 12345));
	/* the lowest free ID is reused */
	assert_int_equal(idr_alloc(&idr, obj(4), 0, 0, GFP_KERNEL), 4);

	assert_ptr_equal(idr_replace(&idr, &objs[100], 4), &objs[4]);
	assert_ptr_equal(idr_find(&idr, 4), &objs[100]);
	assert_ptr_equal(idr_replace(&idr, &objs[4], 4), &objs[100]);
	assert_ptr_equal(idr_replace(&idr, &objs[4], 77), ERR_PTR(-ENOENT));

	/* idr_for_each stops at a non-zero return */
	assert_int_equal(idr_for_each(&idr, count_cb, &count), 42);
	assert_int_equal(count, 3);

	/* NULL reserves an ID: not found, skipped by iteration, not empty */
	for (int i = 0; i < 10; i++)
		idr_remove(&idr, i);
	assert_true(idr_is_empty(&idr));
	assert_int_equal(idr_alloc(&idr, NULL, 0, 0, GFP_KERNEL), 0);
	assert_false(idr_is_empty(&idr));
	assert_null(idr_find(&idr, 0));
	{
		int id = 0;

		assert_null(idr_get_next(&idr, &id));
	}
	assert_int_equal(idr_alloc(&idr, obj(1), 0, 0, GFP_KERNEL), 1);
	assert_null(idr_remove(&idr, 0));
	assert_int_equal(idr_alloc(&idr, obj(0), 0, 0, GFP_KERNEL), 0);
	idr_destroy(&idr);
}

static void test_base_and_cyclic(void **state)
{
	struct idr idr;

	idr_init_base(&idr, 1);
	assert_int_equal(idr_alloc(&idr, obj(1), 0, 0, GFP_KERNEL), 1);
	assert_int_equal(idr_alloc(&idr, obj(2), 0, 0, GFP_KERNEL), 2);
	assert_ptr_equal(idr_find(&idr, 1), &objs[1]);
	assert_null(idr_find(&idr, 0));
	idr_destroy(&idr);

	idr_init(&idr);
	assert_int_equal(idr_alloc_cyclic(&idr, obj(0), 0, 4, GFP_KERNEL), 0);
	assert_int_equal(idr_alloc_cyclic(&idr, obj(1), 0, 4, GFP_KERNEL), 1);
	idr_remove(&idr, 0);
	assert_int_equal(idr_alloc_cyclic(&idr, obj(2), 0, 4, GFP_KERNEL), 2);
	assert_int_equal(idr_alloc_cyclic(&idr, obj(3), 0, 4, GFP_KERNEL), 3);
	/* wraps around to the free ID 0 */
	assert_int_equal(idr_alloc_cyclic(&idr, obj(0), 0, 4, GFP_KERNEL), 0);
	assert_int_equal(idr_alloc_cyclic(&idr, obj(0), 0, 4, GFP_KERNEL), -ENOSPC);
	idr_destroy(&idr);
}

/* Random operations against a plain array model: every alloc gives the lowest free ID. */
static void test_model(void **state)
{
	static bool used[NOBJ];
	DEFINE_IDR(idr);

	memset(used, 0, sizeof(used));
	for (int op = 0; op < 40000; op++) {
		int start = get_random_u32_below(NOBJ);
		int end = start + 1 + get_random_u32_below(NOBJ - start);

		if (get_random_u32_below(3)) {
			int expect = -ENOSPC, got;

			for (int i = start; i < end; i++)
				if (!used[i]) {
					expect = i;
					break;
				}
			got = idr_alloc(&idr, obj(expect < 0 ? 0 : expect), start, end, GFP_KERNEL);
			assert_int_equal(got, expect);
			if (got >= 0)
				used[got] = true;
		} else {
			void *p = idr_remove(&idr, start);

			assert_ptr_equal(p, used[start] ? &objs[start] : NULL);
			used[start] = false;
		}
	}
	/* iteration sees exactly the model's set */
	{
		struct obj *o;
		int id, expect = 0;

		idr_for_each_entry(&idr, o, id) {
			while (!used[expect])
				expect++;
			assert_int_equal(id, expect);
			assert_ptr_equal(o, &objs[id]);
			expect++;
		}
		while (expect < NOBJ)
			assert_false(used[expect++]);
	}
	idr_destroy(&idr);
}

/* ---- RCU readers against one writer ---- */

#define ANCHORS 64
#define ANCHOR_ID(k) (100000 + (k) * 4099)

struct rcu_ctx {
	struct idr idr;
	struct obj anchors[ANCHORS];
	int stop;
	long reader_loops;
	long errors; /* checked by the main thread: cmocka asserts only work there */
	struct completion started;
};

static int reader_fn(void *data)
{
	struct rcu_ctx *c = data;
	long loops = 0, errors = 0;

	complete(&c->started);
	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		struct obj *o;
		int id, seen = 0, last = -1;

		rcu_read_lock();
		for (int k = 0; k < ANCHORS; k++)
			if (idr_find(&c->idr, ANCHOR_ID(k)) != &c->anchors[k])
				errors++;
		idr_for_each_entry(&c->idr, o, id) {
			if (id <= last)
				errors++;
			last = id;
			if (id >= 100000) {
				if (seen >= ANCHORS || o != &c->anchors[seen])
					errors++;
				seen++;
			} else if (o->id != id) {
				errors++;
			}
		}
		rcu_read_unlock();
		if (seen != ANCHORS)
			errors++;
		loops++;
	}
	__atomic_add_fetch(&c->reader_loops, loops, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->errors, errors, __ATOMIC_RELAXED);
	return umc_test_idle_until_stop(0);
}

static void test_rcu_readers_vs_writer(void **state)
{
	struct rcu_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct task_struct *readers[2];
	static bool used[4096];

	assert_non_null(c);
	init_completion(&c->started);
	idr_init(&c->idr);
	for (int k = 0; k < ANCHORS; k++) {
		c->anchors[k].id = ANCHOR_ID(k);
		assert_int_equal(idr_alloc(&c->idr, &c->anchors[k], ANCHOR_ID(k), ANCHOR_ID(k) + 1,
					   GFP_KERNEL), ANCHOR_ID(k));
	}
	for (int i = 0; i < 4096; i++)
		objs[i].id = i; /* written before the readers start, never again */
	for (int r = 0; r < 2; r++) {
		readers[r] = kthread_run(reader_fn, c, "idr-reader%d", r);
		assert_false(IS_ERR(readers[r]));
	}
	for (int r = 0; r < 2; r++)
		wait_for_completion(&c->started);
	/* the writer (this thread) allocates and removes below the anchors; leaves and
	 * interior nodes are created and freed all the time */
	memset(used, 0, sizeof(used));
	for (int op = 0; op < (int)(200000 / umc_test_slowdown()); op++) {
		int id = get_random_u32_below(4096);

		if (used[id]) {
			assert_ptr_equal(idr_remove(&c->idr, id), &objs[id]);
			used[id] = false;
		} else {
			assert_int_equal(idr_alloc(&c->idr, &objs[id], id, id + 1, GFP_KERNEL), id);
			used[id] = true;
		}
	}
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
	for (int r = 0; r < 2; r++)
		assert_int_equal(kthread_stop(readers[r]), 0);
	assert_true(__atomic_load_n(&c->reader_loops, __ATOMIC_RELAXED) > 0);
	assert_int_equal(__atomic_load_n(&c->errors, __ATOMIC_RELAXED), 0);
	idr_destroy(&c->idr);
	kfree(c);
	rcu_barrier(); /* freed nodes go back before the leak check */
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_ranges),
		cmocka_unit_test(test_get_next_iteration),
		cmocka_unit_test(test_remove_replace_null_for_each),
		cmocka_unit_test(test_base_and_cyclic),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_rcu_readers_vs_writer),
	};
	return UMC_TEST_RUN(tests);
}
