// SPDX-License-Identifier: GPL-2.0
/* Conformance: event loops, tasks (cross-thread, coalescing, cancel_sync), fd watches. */
#include <fcntl.h>
#include <unistd.h>

#include "mte_test.h"

struct task_ctx {
	struct sys_event_task *task;
	uint32_t runs;
	int tid;
	char thread[16];
	uint64_t sleep;        /* ns the callback sleeps */
	uint32_t in_callback;  /* 1 while the callback runs */
	struct completion started;
	int reschedule;        /* times the callback schedules itself again */
	bool cancel_self;
	bool cancel_self_ret;
	uint32_t *shared_inside; /* detects two callbacks of one loop running at once */
	uint32_t overlap;
};

static void task_fn(void *p)
{
	struct task_ctx *c = p;
	if (c->shared_inside && __atomic_add_fetch(c->shared_inside, 1, __ATOMIC_ACQ_REL) != 1)
		__atomic_store_n(&c->overlap, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&c->in_callback, 1, __ATOMIC_RELEASE);
	c->tid = sys->thread_id();
	sys->thread_get_name(c->thread, sizeof(c->thread));
	complete(&c->started);
	if (c->sleep)
		sleep_ns(c->sleep);
	if (c->reschedule > 0) {
		c->reschedule--;
		assert_true(sys->task_schedule(c->task));
	}
	if (c->cancel_self)
		c->cancel_self_ret = sys->task_cancel_sync(c->task);
	__atomic_store_n(&c->in_callback, 0, __ATOMIC_RELEASE);
	if (c->shared_inside)
		__atomic_sub_fetch(c->shared_inside, 1, __ATOMIC_ACQ_REL);
	counter_inc(&c->runs);
}

static void test_task_runs_on_loop(void **state)
{
	struct task_ctx c = { 0 };
	completion_init(&c.started);
	assert_int_equal(sys->task_create(&c.task, NULL, task_fn, &c), 0);
	assert_true(sys->task_schedule(c.task));
	assert_true(counter_wait(&c.runs, 1, slow(5 * SEC)));
	assert_int_not_equal(c.tid, sys->thread_id());
	assert_string_equal(c.thread, "mte_loop");
	/* self re-scheduling from the callback */
	c.reschedule = 3;
	assert_true(sys->task_schedule(c.task));
	assert_true(counter_wait(&c.runs, 5, slow(5 * SEC)));
	sys->task_destroy(c.task);
	assert_int_equal(c.runs, 5);
}

/* A gate task that blocks its loop until released, so others queue up behind it. */
struct gate {
	struct sys_event_task *task;
	struct completion entered;
	struct completion release;
};

static void gate_fn(void *p)
{
	struct gate *g = p;
	complete(&g->entered);
	assert_true(wait_for(&g->release, slow(10 * SEC)));
}

static void test_task_coalescing(void **state)
{
	struct gate g;
	struct task_ctx c = { 0 };
	struct sys_event_loop *loop;
	completion_init(&g.entered);
	completion_init(&g.release);
	completion_init(&c.started);
	assert_int_equal(sys->event_loop_create(&loop, "coalesce"), 0);
	assert_int_equal(sys->task_create(&g.task, loop, gate_fn, &g), 0);
	assert_int_equal(sys->task_create(&c.task, loop, task_fn, &c), 0);
	sys->task_schedule(g.task);
	assert_true(wait_for(&g.entered, slow(5 * SEC)));
	assert_true(sys->task_schedule(c.task));
	assert_false(sys->task_schedule(c.task));
	assert_false(sys->task_schedule(c.task));
	complete(&g.release);
	assert_true(counter_wait(&c.runs, 1, slow(5 * SEC)));
	/* a second schedule after it ran (not pending) runs it again, exactly once */
	sys->task_destroy(g.task);
	assert_string_equal(c.thread, "coalesce");
	/* destroy waits: afterwards runs must be final */
	sys->task_destroy(c.task);
	assert_int_equal(c.runs, 1);
	sys->event_loop_destroy(loop);
}

static void test_schedule_while_running(void **state)
{
	struct task_ctx c = { .sleep = 50 * MS };
	completion_init(&c.started);
	assert_int_equal(sys->task_create(&c.task, NULL, task_fn, &c), 0);
	sys->task_schedule(c.task);
	assert_true(wait_for(&c.started, slow(5 * SEC)));
	/* running, not pending: scheduling makes it run once more after */
	assert_true(sys->task_schedule(c.task));
	assert_false(sys->task_schedule(c.task));
	assert_true(counter_wait(&c.runs, 2, slow(5 * SEC)));
	sys->task_destroy(c.task);
	assert_int_equal(c.runs, 2);
}

static void test_cancel_sync_waits(void **state)
{
	struct task_ctx c = { .sleep = 100 * MS };
	completion_init(&c.started);
	assert_int_equal(sys->task_create(&c.task, NULL, task_fn, &c), 0);
	sys->task_schedule(c.task);
	assert_true(wait_for(&c.started, slow(5 * SEC)));
	assert_false(sys->task_cancel_sync(c.task)); /* running, not pending */
	assert_int_equal(__atomic_load_n(&c.in_callback, __ATOMIC_ACQUIRE), 0);
	assert_int_equal(c.runs, 1);
	/* cancel of a pending task: returns true, it never runs */
	struct gate g;
	completion_init(&g.entered);
	completion_init(&g.release);
	assert_int_equal(sys->task_create(&g.task, NULL, gate_fn, &g), 0);
	sys->task_schedule(g.task);
	assert_true(wait_for(&g.entered, slow(5 * SEC)));
	sys->task_schedule(c.task);
	assert_true(sys->task_cancel_sync(c.task));
	complete(&g.release);
	sys->task_destroy(g.task);
	sys->task_destroy(c.task);
	assert_int_equal(c.runs, 1);
}

static void test_cancel_sync_from_own_callback(void **state)
{
	struct task_ctx c = { .cancel_self = true, .reschedule = 1 };
	completion_init(&c.started);
	assert_int_equal(sys->task_create(&c.task, NULL, task_fn, &c), 0);
	sys->task_schedule(c.task);
	/* the callback schedules itself, then cancels: returns true, does not deadlock */
	assert_true(counter_wait(&c.runs, 1, slow(5 * SEC)));
	sys->task_destroy(c.task);
	assert_true(c.cancel_self_ret);
	assert_int_equal(c.runs, 1);
}

struct scheduler_arg {
	struct sys_event_task *task;
	int n;
};

static void scheduler_fn(void *p)
{
	struct scheduler_arg *a = p;
	for (int i = 0; i < a->n; i++)
		sys->task_schedule(a->task);
}

static void test_cross_thread_scheduling(void **state)
{
	enum { THREADS = 4, N = 2000 };
	uint32_t inside = 0;
	struct task_ctx c[THREADS];
	struct scheduler_arg a[THREADS];
	struct sys_thread *t[THREADS];
	memset(c, 0, sizeof(c));
	for (int i = 0; i < THREADS; i++) {
		completion_init(&c[i].started);
		c[i].shared_inside = &inside;
		assert_int_equal(sys->task_create(&c[i].task, NULL, task_fn, &c[i]), 0);
		a[i].task = c[i].task;
		a[i].n = N;
		assert_int_equal(sys->thread_create(&t[i], "sched", scheduler_fn, &a[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		sys->thread_join(t[i]);
	for (int i = 0; i < THREADS; i++) {
		/* at least once after the last schedule, at most once per schedule */
		assert_true(counter_wait(&c[i].runs, 1, slow(5 * SEC)));
		sys->task_destroy(c[i].task);
		assert_true(c[i].runs >= 1 && c[i].runs <= N);
		assert_int_equal(c[i].overlap, 0);
	}
}

/* Two passes through the loop with an epoll_wait between them. */
static void loop_barrier(struct sys_event_loop *loop)
{
	struct task_ctx c = { .reschedule = 1 };
	completion_init(&c.started);
	assert_int_equal(sys->task_create(&c.task, loop, task_fn, &c), 0);
	sys->task_schedule(c.task);
	assert_true(counter_wait(&c.runs, 2, slow(5 * SEC)));
	sys->task_destroy(c.task);
}

struct fd_ctx {
	int fd;
	uint32_t calls;
	uint32_t last_revents;
	char got;
	bool drain;
	uint32_t in_callback;
	uint64_t sleep;
	struct completion started;
};

static void fd_fn(void *p, uint32_t revents)
{
	struct fd_ctx *f = p;
	/* fields are atomic: the order between the test thread and the callbacks comes from
	 * the kernel (pipe -> epoll), which ThreadSanitizer does not see */
	__atomic_store_n(&f->in_callback, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&f->last_revents, revents, __ATOMIC_RELAXED);
	complete(&f->started);
	if (f->sleep)
		sleep_ns(f->sleep);
	char c;
	if (__atomic_load_n(&f->drain, __ATOMIC_RELAXED) && (revents & SYS_EV_IN))
		__atomic_store_n(&f->got, read(f->fd, &c, 1) == 1 ? c : '?', __ATOMIC_RELAXED);
	__atomic_store_n(&f->in_callback, 0, __ATOMIC_RELEASE);
	counter_inc(&f->calls);
}

#define GOT(f) __atomic_load_n(&(f).got, __ATOMIC_RELAXED)
#define REV(f) __atomic_load_n(&(f).last_revents, __ATOMIC_RELAXED)

static void test_fd_watch_pipe(void **state)
{
	int p[2];
	struct sys_event_fd *w;
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	struct fd_ctx f = { .fd = p[0], .drain = true };
	completion_init(&f.started);
	assert_int_equal(sys->fd_watch_create(&w, NULL, p[0], fd_fn, &f), 0);
	/* created disabled: data does not trigger the callback */
	assert_int_equal(write(p[1], "a", 1), 1);
	loop_barrier(NULL);
	assert_int_equal(__atomic_load_n(&f.calls, __ATOMIC_ACQUIRE), 0);
	assert_int_equal(sys->fd_watch_enable(w, SYS_EV_IN), 0);
	assert_true(counter_wait(&f.calls, 1, slow(5 * SEC)));
	assert_int_equal(GOT(f), 'a');
	assert_true(REV(f) & SYS_EV_IN);
	assert_int_equal(write(p[1], "b", 1), 1);
	assert_true(counter_wait(&f.calls, 2, slow(5 * SEC)));
	assert_int_equal(GOT(f), 'b');
	/* disabled again: no callbacks although data is ready */
	sys->fd_watch_disable_sync(w);
	uint32_t calls = __atomic_load_n(&f.calls, __ATOMIC_ACQUIRE);
	assert_int_equal(write(p[1], "c", 1), 1);
	loop_barrier(NULL);
	assert_int_equal(__atomic_load_n(&f.calls, __ATOMIC_ACQUIRE), calls);
	/* writer closed: HUP is reported */
	sys->fd_watch_enable(w, SYS_EV_IN);
	assert_true(counter_wait(&f.calls, calls + 1, slow(5 * SEC)));
	assert_int_equal(GOT(f), 'c');
	close(p[1]);
	__atomic_store_n(&f.drain, false, __ATOMIC_RELAXED);
	assert_true(counter_wait(&f.calls, calls + 2, slow(5 * SEC)));
	assert_true(REV(f) & SYS_EV_HUP);
	sys->fd_watch_destroy(w);
	close(p[0]);
}

static void test_fd_watch_disable_sync_waits(void **state)
{
	int p[2];
	struct sys_event_fd *w;
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	struct fd_ctx f = { .fd = p[0], .drain = true, .sleep = 100 * MS };
	completion_init(&f.started);
	assert_int_equal(sys->fd_watch_create(&w, NULL, p[0], fd_fn, &f), 0);
	assert_int_equal(sys->fd_watch_enable(w, SYS_EV_IN), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_true(wait_for(&f.started, slow(5 * SEC)));
	sys->fd_watch_disable_sync(w);
	assert_int_equal(__atomic_load_n(&f.in_callback, __ATOMIC_ACQUIRE), 0);
	assert_int_equal(f.calls, 1);
	sys->fd_watch_destroy(w);
	close(p[0]);
	close(p[1]);
}

static void test_fd_watch_errors(void **state)
{
	struct sys_event_fd *w;
	assert_int_equal(sys->fd_watch_create(&w, NULL, -1, fd_fn, NULL), -EBADF);
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	/* regular files cannot be polled */
	assert_int_equal(sys->fd_watch_create(&w, NULL, fd, fd_fn, NULL), -EPERM);
	close(fd);
}

/* Many watches destroyed from this thread while the loop polls all of them. */
static void test_fd_watch_destroy_race(void **state)
{
	enum { N = 32 };
	int p[N][2];
	struct sys_event_fd *w[N];
	struct fd_ctx f[N];
	memset(f, 0, sizeof(f));
	for (int i = 0; i < N; i++) {
		assert_int_equal(pipe2(p[i], O_NONBLOCK | O_CLOEXEC), 0);
		f[i].fd = p[i][0];
		completion_init(&f[i].started);
		assert_int_equal(sys->fd_watch_create(&w[i], NULL, p[i][0], fd_fn, &f[i]), 0);
		assert_int_equal(sys->fd_watch_enable(w[i], SYS_EV_IN), 0);
		/* level-triggered and never drained: ready on every epoll_wait */
		assert_int_equal(write(p[i][1], "z", 1), 1);
	}
	assert_true(counter_wait(&f[N - 1].calls, 3, slow(5 * SEC)));
	for (int i = 0; i < N; i++) {
		sys->fd_watch_destroy(w[i]);
		close(p[i][0]);
		close(p[i][1]);
	}
}

/* A callback may destroy its own task or fd watch (kernel work items may free themselves). */
struct self_destroy {
	struct sys_event_task *task;
	struct sys_event_fd *watch;
	int fd;
	struct completion done;
};

static void self_destroy_task(void *p)
{
	struct self_destroy *d = p;
	sys->task_destroy(d->task);
	complete(&d->done);
}

static void self_destroy_watch(void *p, uint32_t revents)
{
	struct self_destroy *d = p;
	sys->fd_watch_destroy(d->watch);
	complete(&d->done);
}

static void test_destroy_from_own_callback(void **state)
{
	struct self_destroy d;
	completion_init(&d.done);
	assert_int_equal(sys->task_create(&d.task, NULL, self_destroy_task, &d), 0);
	sys->task_schedule(d.task);
	assert_true(wait_for(&d.done, slow(5 * SEC)));

	int p[2];
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	completion_init(&d.done);
	assert_int_equal(sys->fd_watch_create(&d.watch, NULL, p[0], self_destroy_watch, &d), 0);
	assert_int_equal(sys->fd_watch_enable(d.watch, SYS_EV_IN), 0);
	assert_int_equal(write(p[1], "q", 1), 1);
	assert_true(wait_for(&d.done, slow(5 * SEC)));
	loop_barrier(NULL); /* the loop goes on polling without the watch */
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_task_runs_on_loop),
		cmocka_unit_test(test_task_coalescing),
		cmocka_unit_test(test_schedule_while_running),
		cmocka_unit_test(test_cancel_sync_waits),
		cmocka_unit_test(test_cancel_sync_from_own_callback),
		cmocka_unit_test(test_cross_thread_scheduling),
		cmocka_unit_test(test_fd_watch_pipe),
		cmocka_unit_test(test_fd_watch_disable_sync_waits),
		cmocka_unit_test(test_fd_watch_errors),
		cmocka_unit_test(test_fd_watch_destroy_race),
		cmocka_unit_test(test_destroy_from_own_callback),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
