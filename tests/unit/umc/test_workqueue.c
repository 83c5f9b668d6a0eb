// SPDX-License-Identifier: GPL-2.0
/* test_workqueue.c - workqueues (umc/src/workqueue.c). */
#include "umc_test.h"

#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>

#define MS (1000ull * 1000ull)
#define SHORT_WAIT msecs_to_jiffies(100)
#define LONG_WAIT msecs_to_jiffies(10000 * umc_test_slowdown())

/* A work item that records its runs and can be held inside its function by a gate. */
struct item {
	struct work_struct work;
	int id;
	int runs;
	int running, max_running;
	struct completion started;  /* completed at every start */
	struct completion *gate;    /* if set, the function waits for it */
	struct completion finished; /* completed at every end */
	int *log, *log_pos;
};

static void item_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);
	int r = __atomic_add_fetch(&it->running, 1, __ATOMIC_SEQ_CST);

	if (r > __atomic_load_n(&it->max_running, __ATOMIC_SEQ_CST))
		__atomic_store_n(&it->max_running, r, __ATOMIC_SEQ_CST);
	if (it->log)
		it->log[__atomic_fetch_add(it->log_pos, 1, __ATOMIC_SEQ_CST)] = it->id;
	complete(&it->started);
	if (it->gate)
		wait_for_completion(it->gate);
	__atomic_add_fetch(&it->runs, 1, __ATOMIC_SEQ_CST);
	__atomic_sub_fetch(&it->running, 1, __ATOMIC_SEQ_CST);
	complete(&it->finished);
}

static void item_init(struct item *it, int id)
{
	memset(it, 0, sizeof(*it));
	INIT_WORK(&it->work, item_fn);
	it->id = id;
	init_completion(&it->started);
	init_completion(&it->finished);
}

static int runs(struct item *it)
{
	return __atomic_load_n(&it->runs, __ATOMIC_SEQ_CST);
}

/* An ordered queue runs its items one at a time, in queueing order. */
#define NORD 100
static void test_ordered_queue_order(void **state)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("test_ord%d", WQ_MEM_RECLAIM, 1);
	struct item *it = kcalloc(NORD, sizeof(*it), GFP_KERNEL);
	static int log[NORD];
	int pos = 0, i, maxrun = 0;

	(void)state;
	assert_non_null(wq);
	assert_non_null(it);
	for (i = 0; i < NORD; i++) {
		item_init(&it[i], i);
		it[i].log = log;
		it[i].log_pos = &pos;
	}
	for (i = 0; i < NORD; i++)
		assert_true(queue_work(wq, &it[i].work));
	flush_workqueue(wq);
	assert_int_equal(pos, NORD);
	for (i = 0; i < NORD; i++) {
		assert_int_equal(log[i], i);
		assert_int_equal(runs(&it[i]), 1);
		assert_false(work_pending(&it[i].work));
		if (it[i].max_running > maxrun)
			maxrun = it[i].max_running;
	}
	assert_int_equal(maxrun, 1);
	destroy_workqueue(wq);
	kfree(it);
}

struct opener {
	struct timer_list timer;
	struct completion *gate;
};
static struct opener gate_opener;

static void open_gate_fn(struct timer_list *t)
{
	struct opener *o = from_timer(o, t, timer);

	complete(o->gate);
}

/* queue_work on a pending item returns false and the item runs once. */
static void test_queue_pending_returns_false(void **state)
{
	struct workqueue_struct *wq = create_singlethread_workqueue("test_single");
	struct completion gate;
	struct item blocker, x;

	(void)state;
	assert_non_null(wq);
	init_completion(&gate);
	item_init(&blocker, 0);
	item_init(&x, 1);
	blocker.gate = &gate;
	assert_true(queue_work(wq, &blocker.work));
	wait_for_completion(&blocker.started);
	assert_true(queue_work(wq, &x.work));
	assert_true(work_pending(&x.work));
	assert_false(queue_work(wq, &x.work));
	assert_false(queue_work(system_wq, &x.work));
	/* open the gate from a timer while we flush the still pending x */
	gate_opener.gate = &gate;
	timer_setup(&gate_opener.timer, open_gate_fn, 0);
	mod_timer(&gate_opener.timer, jiffies + msecs_to_jiffies(30));
	assert_true(flush_work(&x.work));
	assert_int_equal(runs(&x), 1);
	assert_false(flush_work(&x.work)); /* idle now */
	del_timer_sync(&gate_opener.timer);
	destroy_workqueue(wq);
}

/* cancel_work_sync removes a pending item (returns true) and it never runs. */
static void test_cancel_pending(void **state)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("test_cancel", 0);
	struct completion gate;
	struct item blocker, x;

	(void)state;
	assert_non_null(wq);
	init_completion(&gate);
	item_init(&blocker, 0);
	item_init(&x, 1);
	blocker.gate = &gate;
	queue_work(wq, &blocker.work);
	wait_for_completion(&blocker.started);
	queue_work(wq, &x.work);
	assert_true(cancel_work_sync(&x.work));
	assert_false(work_pending(&x.work));
	assert_false(cancel_work_sync(&x.work));
	complete(&gate);
	flush_workqueue(wq);
	assert_int_equal(runs(&x), 0);
	assert_int_equal(runs(&blocker), 1);
	/* it can be queued again afterwards */
	assert_true(queue_work(wq, &x.work));
	flush_workqueue(wq);
	assert_int_equal(runs(&x), 1);
	destroy_workqueue(wq);
}

struct canceller {
	struct work_struct *work;
	struct item *it;
	struct completion done;
	bool ret;
	int runs_at_return;
};

static int canceller_fn(void *arg)
{
	struct canceller *c = arg;

	c->ret = cancel_work_sync(c->work);
	c->runs_at_return = runs(c->it);
	complete(&c->done);
	return umc_test_idle_until_stop(0);
}

/* cancel_work_sync waits for the running instance and reports "not pending". */
static void test_cancel_waits_for_running(void **state)
{
	struct workqueue_struct *wq = alloc_workqueue("test_cws", 0, 0);
	struct completion gate;
	struct canceller c;
	struct task_struct *k;
	struct item x;

	(void)state;
	assert_non_null(wq);
	init_completion(&gate);
	item_init(&x, 1);
	x.gate = &gate;
	queue_work(wq, &x.work);
	wait_for_completion(&x.started);
	c.work = &x.work;
	c.it = &x;
	init_completion(&c.done);
	k = kthread_run(canceller_fn, &c, "canceller");
	assert_false(IS_ERR(k));
	assert_int_equal(wait_for_completion_timeout(&c.done, SHORT_WAIT), 0);
	/* while it cancels, nobody can queue the item */
	assert_false(queue_work(wq, &x.work));
	complete(&gate);
	assert_int_not_equal(wait_for_completion_timeout(&c.done, LONG_WAIT), 0);
	assert_false(c.ret);
	assert_int_equal(c.runs_at_return, 1);
	assert_false(work_pending(&x.work));
	assert_int_equal(kthread_stop(k), 0);
	destroy_workqueue(wq);
}

/* flush_work waits for its own item only, not for a long item elsewhere. */
static void test_flush_work_exactness(void **state)
{
	struct workqueue_struct *wq = alloc_workqueue("test_exact", WQ_UNBOUND, 4);
	struct workqueue_struct *wq2 = alloc_ordered_workqueue("test_exact2", 0);
	struct completion gate;
	struct item longb, a, c;
	u64 t0;

	(void)state;
	assert_non_null(wq);
	assert_non_null(wq2);
	init_completion(&gate);
	item_init(&longb, 0);
	item_init(&a, 1);
	item_init(&c, 2);
	longb.gate = &gate;
	queue_work(wq, &longb.work);
	wait_for_completion(&longb.started);
	/* A on the same (concurrent) queue runs on another worker */
	t0 = umc_test_now_ns();
	queue_work(wq, &a.work);
	flush_work(&a.work); /* true, or false if it already finished: either way done now */
	assert_int_equal(runs(&a), 1);
	/* C on another queue */
	queue_work(wq2, &c.work);
	flush_work(&c.work);
	assert_int_equal(runs(&c), 1);
	assert_true(umc_test_now_ns() - t0 < 2000ull * umc_test_slowdown() * MS);
	assert_int_equal(runs(&longb), 0);
	/* flush_work on the running long item does wait */
	assert_int_equal(wait_for_completion_timeout(&longb.finished, msecs_to_jiffies(30)), 0);
	complete(&gate);
	flush_work(&longb.work);
	assert_int_equal(runs(&longb), 1);
	destroy_workqueue(wq);
	destroy_workqueue(wq2);
}

struct flusher {
	struct workqueue_struct *wq;
	struct completion calling, done;
};

static int flusher_fn(void *arg)
{
	struct flusher *f = arg;

	complete(&f->calling);
	flush_workqueue(f->wq);
	complete(&f->done);
	return umc_test_idle_until_stop(0);
}

/* flush_workqueue waits for items queued before it, not for later ones. */
static void test_flush_workqueue_scope(void **state)
{
	struct workqueue_struct *wq = alloc_workqueue("test_flushwq", 0, 0);
	struct completion gate_e, gate_l;
	struct item early, late;
	struct flusher f;
	struct task_struct *k;

	(void)state;
	assert_non_null(wq);
	init_completion(&gate_e);
	init_completion(&gate_l);
	item_init(&early, 0);
	item_init(&late, 1);
	early.gate = &gate_e;
	late.gate = &gate_l;
	queue_work(wq, &early.work);
	wait_for_completion(&early.started);
	f.wq = wq;
	init_completion(&f.calling);
	init_completion(&f.done);
	k = kthread_run(flusher_fn, &f, "flusher");
	assert_false(IS_ERR(k));
	wait_for_completion(&f.calling);
	assert_int_equal(wait_for_completion_timeout(&f.done, SHORT_WAIT), 0);
	queue_work(wq, &late.work);
	wait_for_completion(&late.started);
	complete(&gate_e);
	assert_int_not_equal(wait_for_completion_timeout(&f.done, LONG_WAIT), 0);
	assert_int_equal(runs(&late), 0);
	complete(&gate_l);
	flush_workqueue(wq);
	assert_int_equal(runs(&late), 1);
	assert_int_equal(kthread_stop(k), 0);
	destroy_workqueue(wq);
}

/* An item requeued while it runs never runs twice at once, even with spare workers. */
struct requeuer {
	struct work_struct work;
	struct workqueue_struct *wq;
	int left;
	int running, overlap;
};

static void requeue_fn(struct work_struct *w)
{
	struct requeuer *r = container_of(w, struct requeuer, work);

	if (__atomic_add_fetch(&r->running, 1, __ATOMIC_SEQ_CST) > 1)
		__atomic_store_n(&r->overlap, 1, __ATOMIC_SEQ_CST);
	if (--r->left > 0)
		queue_work(r->wq, &r->work);
	/* let another worker try to pick the requeued item while we still run */
	sys->thread_yield();
	__atomic_sub_fetch(&r->running, 1, __ATOMIC_SEQ_CST);
}

static void test_no_reentrancy_and_destroy_drains(void **state)
{
	struct workqueue_struct *wq = alloc_workqueue("test_reent", 0, 8);
	struct requeuer r;

	(void)state;
	assert_non_null(wq);
	memset(&r, 0, sizeof(r));
	INIT_WORK(&r.work, requeue_fn);
	r.wq = wq;
	r.left = 200;
	queue_work(wq, &r.work);
	/* destroy drains, including the chain the item requeues itself into */
	destroy_workqueue(wq);
	assert_int_equal(r.left, 0);
	assert_int_equal(r.overlap, 0);
}

/* Delayed work: not before its delay; cancel before the timer; flush_delayed_work. */
struct ditem {
	struct delayed_work dw;
	u64 ran_ns;
	int runs;
	struct completion done;
};

static void ditem_fn(struct work_struct *w)
{
	struct ditem *d = container_of(to_delayed_work(w), struct ditem, dw);

	d->ran_ns = umc_test_now_ns();
	__atomic_add_fetch(&d->runs, 1, __ATOMIC_SEQ_CST);
	complete(&d->done);
}

static void test_delayed_work(void **state)
{
	struct ditem d;
	u64 t0;

	(void)state;
	memset(&d, 0, sizeof(d));
	INIT_DELAYED_WORK(&d.dw, ditem_fn);
	init_completion(&d.done);
	t0 = umc_test_now_ns();
	assert_true(queue_delayed_work(system_wq, &d.dw, msecs_to_jiffies(30)));
	assert_true(delayed_work_pending(&d.dw));
	assert_false(queue_delayed_work(system_wq, &d.dw, 1));
	assert_int_not_equal(wait_for_completion_timeout(&d.done, LONG_WAIT), 0);
	assert_true(d.ran_ns - t0 >= 29 * MS);
	assert_int_equal(d.runs, 1);

	/* cancelled before its timer: never runs */
	assert_true(queue_delayed_work(system_wq, &d.dw, msecs_to_jiffies(50)));
	assert_true(cancel_delayed_work_sync(&d.dw));
	assert_false(delayed_work_pending(&d.dw));
	assert_int_equal(wait_for_completion_timeout(&d.done, msecs_to_jiffies(80)), 0);
	assert_int_equal(d.runs, 1);

	/* mod_delayed_work moves it; flush_delayed_work runs it now */
	assert_false(mod_delayed_work(system_wq, &d.dw, msecs_to_jiffies(10000)));
	assert_true(mod_delayed_work(system_wq, &d.dw, msecs_to_jiffies(20000)));
	t0 = umc_test_now_ns();
	flush_delayed_work(&d.dw); /* queued at once, done on return */
	assert_int_equal(d.runs, 2);
	assert_true(umc_test_now_ns() - t0 < 5000ull * umc_test_slowdown() * MS);
	assert_false(cancel_delayed_work_sync(&d.dw));
}

/* schedule_work runs on system_wq; an item that sleeps does not block another one. */
static void test_system_wq_concurrency(void **state)
{
	struct completion gate;
	struct item sleeper, other;

	(void)state;
	init_completion(&gate);
	item_init(&sleeper, 0);
	item_init(&other, 1);
	sleeper.gate = &gate;
	assert_true(schedule_work(&sleeper.work));
	wait_for_completion(&sleeper.started);
	assert_true(schedule_work(&other.work));
	assert_int_not_equal(wait_for_completion_timeout(&other.finished, LONG_WAIT), 0);
	complete(&gate);
	flush_work(&sleeper.work);
	assert_int_equal(runs(&sleeper), 1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordered_queue_order),
		cmocka_unit_test(test_queue_pending_returns_false),
		cmocka_unit_test(test_cancel_pending),
		cmocka_unit_test(test_cancel_waits_for_running),
		cmocka_unit_test(test_flush_work_exactness),
		cmocka_unit_test(test_flush_workqueue_scope),
		cmocka_unit_test(test_no_reentrancy_and_destroy_drains),
		cmocka_unit_test(test_delayed_work),
		cmocka_unit_test(test_system_wq_concurrency),
	};

	return UMC_TEST_RUN(tests);
}
