// SPDX-License-Identifier: GPL-2.0
/* test_rcu.c - RCU grace periods, call_rcu, kvfree_rcu, RCU lists (umc/src/rcu.c). */
#include "umc_test.h"

#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/jiffies.h>
#include <umc/mem.h>

#define SHORT_WAIT msecs_to_jiffies(100)
#define LONG_WAIT msecs_to_jiffies(10000 * umc_test_slowdown())

/*
 * A reader that stays in its read-side section until released. (It sleeps inside the section,
 * which Linux forbids; the provider's RCU allows it, and the test needs a long reader.)
 */
struct reader {
	struct completion entered, release, left;
	struct task_struct *task;
};

static int reader_fn(void *arg)
{
	struct reader *r = arg;

	rcu_read_lock();
	complete(&r->entered);
	wait_for_completion(&r->release);
	rcu_read_unlock();
	complete(&r->left);
	return umc_test_idle_until_stop(0);
}

static void reader_start(struct reader *r)
{
	init_completion(&r->entered);
	init_completion(&r->release);
	init_completion(&r->left);
	r->task = kthread_run(reader_fn, r, "rcu-reader");
	assert_false(IS_ERR(r->task));
	wait_for_completion(&r->entered);
}

static void reader_stop(struct reader *r)
{
	complete(&r->release);
	wait_for_completion(&r->left);
	assert_int_equal(kthread_stop(r->task), 0);
}

struct syncer {
	struct completion calling, done;
};

static int syncer_fn(void *arg)
{
	struct syncer *s = arg;

	complete(&s->calling);
	synchronize_rcu();
	complete(&s->done);
	return umc_test_idle_until_stop(0);
}

/* synchronize_rcu waits for a reader that started before it, not for one that started after. */
static void test_synchronize_waits_for_old_readers_only(void **state)
{
	struct reader old, young;
	struct syncer s;
	struct task_struct *k;

	(void)state;
	reader_start(&old);
	init_completion(&s.calling);
	init_completion(&s.done);
	k = kthread_run(syncer_fn, &s, "rcu-sync");
	assert_false(IS_ERR(k));
	wait_for_completion(&s.calling);
	/* blocked by the old reader */
	assert_int_equal(wait_for_completion_timeout(&s.done, SHORT_WAIT), 0);
	/* a reader that starts now (the grace period has begun) must not hold it up */
	reader_start(&young);
	assert_false(completion_done(&s.done));
	complete(&old.release);
	assert_int_not_equal(wait_for_completion_timeout(&s.done, LONG_WAIT), 0);
	/* the young reader is still inside its section */
	assert_false(completion_done(&young.left));
	wait_for_completion(&old.left);
	assert_int_equal(kthread_stop(old.task), 0);
	reader_stop(&young);
	assert_int_equal(kthread_stop(k), 0);
}

struct cb_obj {
	int value;
	struct rcu_head rcu;
	int *ran;
};

static void cb_fn(struct rcu_head *head)
{
	struct cb_obj *o = container_of(head, struct cb_obj, rcu);

	__atomic_store_n(o->ran, o->value, __ATOMIC_SEQ_CST);
}

static void test_call_rcu_after_grace_period(void **state)
{
	struct reader r;
	struct cb_obj o = { .value = 42 };
	int ran = 0;

	(void)state;
	o.ran = &ran;
	reader_start(&r);
	call_rcu(&o.rcu, cb_fn);
	/* a reader from before call_rcu is still inside: the callback must wait */
	assert_int_equal(wait_for_completion_timeout(&r.left, SHORT_WAIT), 0);
	assert_int_equal(__atomic_load_n(&ran, __ATOMIC_SEQ_CST), 0);
	reader_stop(&r);
	rcu_barrier();
	assert_int_equal(__atomic_load_n(&ran, __ATOMIC_SEQ_CST), 42);
}

struct big {
	struct rcu_head rcu;
	char data[];
};

/* Both kvfree_rcu forms free only after the grace period; vmalloc memory is watched. */
static void test_kvfree_rcu_forms(void **state)
{
	struct reader r;
	struct big *b;
	void *p;
	unsigned long base = umc_vmalloc_live_bytes();

	(void)state;
	b = vmalloc(3 * PAGE_SIZE);
	p = vmalloc(PAGE_SIZE);
	assert_non_null(b);
	assert_non_null(p);
	assert_int_equal(umc_vmalloc_live_bytes(), base + 4 * PAGE_SIZE);
	reader_start(&r);
	kvfree_rcu(b, rcu);
	kvfree_rcu(p);
	assert_int_equal(wait_for_completion_timeout(&r.left, SHORT_WAIT), 0);
	assert_int_equal(umc_vmalloc_live_bytes(), base + 4 * PAGE_SIZE);
	reader_stop(&r);
	rcu_barrier();
	assert_int_equal(umc_vmalloc_live_bytes(), base);

	/* kmalloc memory through kfree_rcu: freed by the barrier (teardown checks leaks) */
	b = kmalloc(sizeof(*b) + 16, GFP_KERNEL);
	assert_non_null(b);
	kfree_rcu(b, rcu);
	p = kmalloc(100, GFP_KERNEL);
	kfree_rcu(p);
	rcu_barrier();
}

struct item {
	int v;
	struct list_head node;
	struct rcu_head rcu;
};

static LIST_HEAD(items);
static struct item *published;

static void test_rcu_pointer_and_list_ops(void **state)
{
	struct item *it, *first, a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 };
	int sum = 0, n = 0;

	(void)state;
	assert_null(list_first_or_null_rcu(&items, struct item, node));
	list_add_tail_rcu(&a.node, &items);
	list_add_tail_rcu(&c.node, &items);
	list_add_rcu(&b.node, &a.node); /* a, b, c */
	rcu_read_lock();
	list_for_each_entry_rcu(it, &items, node) {
		sum = sum * 10 + it->v;
		n++;
	}
	first = list_first_or_null_rcu(&items, struct item, node);
	assert_ptr_equal(first, &a);
	it = first;
	list_for_each_entry_continue_rcu(it, &items, node)
		sum += 1000 * it->v;
	rcu_read_unlock();
	assert_int_equal(n, 3);
	assert_int_equal(sum, 123 + 5000);

	list_del_rcu(&b.node);
	synchronize_rcu();
	n = 0;
	rcu_read_lock();
	list_for_each_entry_rcu(it, &items, node)
		n++;
	rcu_read_unlock();
	assert_int_equal(n, 2);
	list_del_rcu(&a.node);
	list_del_rcu(&c.node);
	assert_true(list_empty(&items));

	rcu_assign_pointer(published, &a);
	rcu_read_lock();
	assert_ptr_equal(rcu_dereference(published), &a);
	rcu_read_unlock();
	assert_ptr_equal(rcu_access_pointer(published), &a);
	RCU_INIT_POINTER(published, NULL);
	assert_null(rcu_dereference_protected(published, 1));
}

static void test_hlist_rcu(void **state)
{
	HLIST_HEAD(head);
	struct hnode {
		int v;
		struct hlist_node h;
	} x = { .v = 1 }, y = { .v = 2 }, z = { .v = 3 }, *pos;
	int sum = 0;

	(void)state;
	hlist_add_head_rcu(&x.h, &head);
	hlist_add_behind_rcu(&z.h, &x.h);
	hlist_add_before_rcu(&y.h, &z.h); /* x, y, z */
	rcu_read_lock();
	hlist_for_each_entry_rcu(pos, &head, h)
		sum = sum * 10 + pos->v;
	rcu_read_unlock();
	assert_int_equal(sum, 123);
	hlist_del_rcu(&y.h);
	sum = 0;
	hlist_for_each_entry_rcu(pos, &head, h)
		sum = sum * 10 + pos->v;
	assert_int_equal(sum, 13);
}

/* Readers walk the list while a writer adds and removes entries (for TSan and valgrind). */
#define CHURN 300
static LIST_HEAD(churn_list);
static DEFINE_SPINLOCK(churn_lock);

static int churn_reader(void *arg)
{
	struct item *it;
	long seen = 0;

	complete(arg); /* started: kthread_stop now finds the function running */
	while (!kthread_should_stop()) {
		rcu_read_lock();
		list_for_each_entry_rcu(it, &churn_list, node)
			seen += it->v;
		rcu_read_unlock();
	}
	return seen >= 0 ? 0 : -1;
}

static void test_list_churn_with_readers(void **state)
{
	struct task_struct *r1, *r2;
	struct completion started1, started2;
	struct item *it;
	int i;

	(void)state;
	init_completion(&started1);
	init_completion(&started2);
	r1 = kthread_run(churn_reader, &started1, "churn-r1");
	r2 = kthread_run(churn_reader, &started2, "churn-r2");
	assert_false(IS_ERR(r1));
	assert_false(IS_ERR(r2));
	wait_for_completion(&started1);
	wait_for_completion(&started2);
	for (i = 0; i < CHURN; i++) {
		it = kzalloc(sizeof(*it), GFP_KERNEL);
		assert_non_null(it);
		it->v = i;
		spin_lock(&churn_lock);
		list_add_tail_rcu(&it->node, &churn_list);
		if (i % 3 == 2) {
			struct item *old = list_first_entry(&churn_list, struct item, node);

			list_del_rcu(&old->node);
			spin_unlock(&churn_lock);
			kvfree_rcu(old, rcu);
		} else {
			spin_unlock(&churn_lock);
		}
	}
	assert_int_equal(kthread_stop(r1), 0);
	assert_int_equal(kthread_stop(r2), 0);
	while (!list_empty(&churn_list)) {
		it = list_first_entry(&churn_list, struct item, node);
		list_del_rcu(&it->node);
		kvfree_rcu(it, rcu);
	}
	rcu_barrier();
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synchronize_waits_for_old_readers_only),
		cmocka_unit_test(test_call_rcu_after_grace_period),
		cmocka_unit_test(test_kvfree_rcu_forms),
		cmocka_unit_test(test_rcu_pointer_and_list_ops),
		cmocka_unit_test(test_hlist_rcu),
		cmocka_unit_test(test_list_churn_with_readers),
	};

	return UMC_TEST_RUN(tests);
}
