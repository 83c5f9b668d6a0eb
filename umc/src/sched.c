// SPDX-License-Identifier: GPL-2.0
/*
 * sched.c - tasks, `current`, sleeping and waking (linux/sched.h, linux/sched/task.h).
 *
 * Each task sleeps on its own __state word with the provider futex. The protocol:
 *  - the task sets its state (set_current_state: seq_cst store), tests its condition, then
 *    calls schedule();
 *  - schedule() returns as soon as __state is TASK_RUNNING; before sleeping it adds
 *    __UMC_TASK_SLEEPING to the word so wakers know a futex_wake is needed;
 *  - try_to_wake_up() moves a state matching the wake mask to TASK_RUNNING with a CAS
 *    (seq_cst: the waker's earlier stores are visible to the woken task) and calls
 *    futex_wake only if the sleeping bit was set.
 * A wake-up between set_current_state() and schedule() therefore makes schedule() return at
 * once; a pending signal (tested after the state was published, and the sender tests the
 * state after publishing the signal) does the same for interruptible states.
 * A task may instead sleep on a host fd (umc_task_sleep_fd, for socket waits: the thread
 * that waits for bytes polls its socket itself, without an event-loop thread in between):
 * it adds __UMC_TASK_SLEEPING | __UMC_TASK_FDWAIT and blocks in the provider's fd_wait; a
 * waker that finds FDWAIT kicks the task's waker instead of futex_wake.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <umc/umc.h>

#include "sched_internal.h"

static DEFINE_SPINLOCK(tasks_lock);
static LIST_HEAD(all_tasks);  /* every task_struct, under tasks_lock */
static pid_t umc_tgid;        /* thread id of the thread that ran umc_init() */

struct task_struct *umc_task_alloc(const char *comm, unsigned int flags)
{
	struct task_struct *t = sys->mem_zalloc(sizeof(*t), 0, "task_struct");

	if (!t)
		return NULL;
	t->__state = TASK_RUNNING;
	t->flags = flags;
	t->tgid = umc_tgid;
	t->prio = t->static_prio = t->normal_prio = 120;
	t->umc_usage = 1;
	strscpy(t->comm, comm, sizeof(t->comm));
	spin_lock(&tasks_lock);
	list_add_tail(&t->umc_tasks, &all_tasks);
	spin_unlock(&tasks_lock);
	return t;
}

void __put_task_struct(struct task_struct *t)
{
	spin_lock(&tasks_lock);
	list_del(&t->umc_tasks);
	spin_unlock(&tasks_lock);
	if (t->umc_kthread)
		umc_kthread_free(t->umc_kthread);
	if (t->umc_waker)
		sys->waker_destroy(t->umc_waker);
	sys->mem_free(t);
}

void umc_task_bind(struct task_struct *t)
{
	sys->thread_slot_set(t);
}

/* A thread umc did not create uses `current` for the first time: give it a task. */
static struct task_struct *adopt_current(void)
{
	char name[TASK_COMM_LEN];
	struct task_struct *t;

	sys->thread_register();
	sys->thread_get_name(name, sizeof(name));
	t = umc_task_alloc(name, 0);
	if (!t)
		sys->panic("umc: out of memory for the task_struct of a new thread");
	t->pid = sys->thread_id();
	if (!t->tgid)
		t->tgid = t->pid;
	/* A caller from user context: every signal is delivered (see linux/signal.h). */
	t->umc_sigaccept = ~0UL;
	umc_task_bind(t);
	return t;
}

struct task_struct *get_current(void)
{
	struct task_struct *t = sys->thread_slot_get();

	if (likely(t))
		return t;
	return adopt_current();
}

void umc_current_release(void)
{
	struct task_struct *t = sys->thread_slot_get();

	if (!t)
		return;
	if (WARN_ON_ONCE(t->umc_kthread))
		return;
	sys->thread_slot_set(NULL);
	put_task_struct(t);
	sys->thread_unregister();
}

/* Pin the calling thread as recorded by set_cpus_allowed_ptr() from another task. */
static void apply_pending_affinity(struct task_struct *t)
{
	struct cpumask mask;

	if (likely(!__atomic_load_n(&t->umc_affinity_set, __ATOMIC_ACQUIRE)))
		return;
	spin_lock(&tasks_lock);
	cpumask_copy(&mask, &t->umc_affinity);
	__atomic_store_n(&t->umc_affinity_set, 0, __ATOMIC_RELAXED);
	spin_unlock(&tasks_lock);
	sys->thread_set_affinity(cpumask_bits(&mask), nr_cpu_ids);
}

bool umc_task_sleep(struct task_struct *t, u64 deadline_ns)
{
	bool in_time = true;

	for (;;) {
		unsigned int s = __atomic_load_n(&t->__state, __ATOMIC_SEQ_CST);

		if ((s & ~__UMC_TASK_FLAGS) == TASK_RUNNING)
			break;
		if (signal_pending_state(s, t)) {
			__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
			break;
		}
		if (!(s & __UMC_TASK_SLEEPING)) {
			if (!__atomic_compare_exchange_n(&t->__state, &s, s | __UMC_TASK_SLEEPING,
							 false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				continue;
			s |= __UMC_TASK_SLEEPING;
		}
		if (sys->futex_wait(&t->__state, s, deadline_ns) == -ETIMEDOUT) {
			/* A waker racing with the timeout also sets TASK_RUNNING: same result. */
			__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
			in_time = false;
			break;
		}
	}
	apply_pending_affinity(t);
	return in_time;
}

static void sched_submit_work(struct task_struct *t);

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned int s;

	/*
	 * Full barrier first, as the kernel's try_to_wake_up (smp_mb__after_spinlock): the
	 * caller's `cond = true` must be visible before we read the state, or we could read a
	 * stale TASK_RUNNING while the sleeper, having published its state, reads a stale cond
	 * (store-load reordering; a release store followed by a load allows it) and both miss.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	s = __atomic_load_n(&p->__state, __ATOMIC_SEQ_CST);

	do {
		if (!(s & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &s, TASK_RUNNING, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	if (s & __UMC_TASK_FDWAIT)
		sys->waker_kick(p->umc_waker);
	else if (s & __UMC_TASK_SLEEPING)
		sys->futex_wake(&p->__state, 1);
	return 1;
}

int umc_task_sleep_fd(int fd, u32 events, u64 deadline_ns)
{
	struct task_struct *t = current;
	int ret = 0;

	if (unlikely(!t->umc_waker)) {
		/* only the task itself makes its waker, before it first publishes FDWAIT */
		ret = sys->waker_create(&t->umc_waker);
		if (ret) {
			__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
			return ret;
		}
	}
	sched_submit_work(t);
	for (;;) {
		unsigned int s = __atomic_load_n(&t->__state, __ATOMIC_SEQ_CST);
		int r;

		if ((s & ~__UMC_TASK_FLAGS) == TASK_RUNNING) {
			ret = 0;
			break;
		}
		if (signal_pending_state(s, t)) {
			ret = 0;
			break;
		}
		if (!(s & __UMC_TASK_FDWAIT)) {
			/* from here a waker's cmpxchg to RUNNING sees FDWAIT and kicks */
			if (!__atomic_compare_exchange_n(&t->__state, &s,
							 s | __UMC_TASK_SLEEPING | __UMC_TASK_FDWAIT,
							 false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				continue;
		}
		r = sys->fd_wait(fd, events, t->umc_waker, deadline_ns);
		if (r == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		if (r < 0) {
			ret = r;
			break;
		}
		if (r & ~(int)SYS_EV_KICK) {
			ret = r & ~(int)SYS_EV_KICK;
			break;
		}
		/* a kick: woken (the loop sees RUNNING), or a stale kick of an earlier sleep */
	}
	/* A waker racing with this end also sets TASK_RUNNING and may kick: a stale kick only
	 * makes a later sleep look once more (above). */
	__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
	apply_pending_affinity(t);
	return ret;
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state, 0);
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

/*
 * As the kernel's sched_submit_work(): a task about to sleep with a block plug open flushes
 * the plug's callbacks first (from_schedule = true), so I/O held back by the plug (DRBD's
 * unplug of its receiver plug, for example) is not delayed by the sleep.
 */
struct blk_plug;
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule);

static void sched_submit_work(struct task_struct *t)
{
	if (t->plug && (__atomic_load_n(&t->__state, __ATOMIC_RELAXED) & ~__UMC_TASK_FLAGS) !=
			       TASK_RUNNING)
		__blk_flush_plug(t->plug, true);
}

void schedule(void)
{
	struct task_struct *t = current;

	sched_submit_work(t);
	umc_task_sleep(t, 0);
}

void schedule_preempt_disabled(void)
{
	schedule();
}

void io_schedule(void)
{
	schedule();
}

/* Jiffies still to go until @deadline_ns: 0 once reached, else rounded up (>= 1). */
static long jiffies_left(u64 deadline_ns)
{
	u64 now = sys->time_monotonic_ns();

	if (now >= deadline_ns)
		return 0;
	return (long)DIV_ROUND_UP(deadline_ns - now, (u64)NSEC_PER_JIFFY);
}

long schedule_timeout(long timeout)
{
	u64 now, span;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (unlikely(timeout < 0)) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", (unsigned long)timeout);
		dump_stack();
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	now = sys->time_monotonic_ns();
	/* More than ~580 years away: the deadline is not representable, sleep without one. */
	if ((u64)timeout > (U64_MAX - now) / NSEC_PER_JIFFY) {
		schedule();
		return timeout;
	}
	span = (u64)timeout * NSEC_PER_JIFFY;
	sched_submit_work(current);
	if (!umc_task_sleep(current, now + span))
		return 0;
	return jiffies_left(now + span);
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

long io_schedule_timeout(long timeout)
{
	return schedule_timeout(timeout);
}

void yield(void)
{
	__set_current_state(TASK_RUNNING);
	sys->thread_yield();
}

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk)
{
	spin_lock(&tasks_lock);
	strscpy(to, tsk->comm, len);
	spin_unlock(&tasks_lock);
	return to;
}

void __set_task_comm(struct task_struct *tsk, const char *from, bool exec)
{
	spin_lock(&tasks_lock);
	strscpy(tsk->comm, from, sizeof(tsk->comm));
	spin_unlock(&tasks_lock);
	if (tsk == current)
		sys->thread_set_name(tsk->comm);
}

int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	struct cpumask mask;

	if (!cpumask_and(&mask, new_mask, cpu_online_mask))
		return -EINVAL;
	if (p == current) {
		__atomic_store_n(&p->umc_affinity_set, 0, __ATOMIC_RELAXED);
		return sys->thread_set_affinity(cpumask_bits(&mask), nr_cpu_ids);
	}
	spin_lock(&tasks_lock);
	cpumask_copy(&p->umc_affinity, &mask);
	__atomic_store_n(&p->umc_affinity_set, 1, __ATOMIC_RELEASE);
	spin_unlock(&tasks_lock);
	return 0;
}

static void priority_not_applied(struct task_struct *p, const char *what)
{
	static bool logged;

	if (!__atomic_exchange_n(&logged, true, __ATOMIC_RELAXED))
		pr_info("umc: %s(%s) is advisory here: thread priorities are left to the host\n",
			what, p->comm);
}

void sched_set_fifo_low(struct task_struct *p)
{
	p->policy = 1; /* SCHED_FIFO, recorded only */
	priority_not_applied(p, "sched_set_fifo_low");
}

void sched_set_fifo(struct task_struct *p)
{
	p->policy = 1;
	priority_not_applied(p, "sched_set_fifo");
}

void sched_set_normal(struct task_struct *p, int nice)
{
	p->policy = 0;
	priority_not_applied(p, "sched_set_normal");
}

void set_user_nice(struct task_struct *p, long nice)
{
	priority_not_applied(p, "set_user_nice");
}

int umc_sched_init(void)
{
	umc_cpumask_init();
	umc_tgid = sys->thread_id();
	(void)get_current();  /* the calling thread becomes a task */
	return 0;
}

void umc_sched_exit(void)
{
	struct task_struct *me = sys->thread_slot_get();
	struct task_struct *t, *n;
	LIST_HEAD(adopted);
	unsigned int live;

	/* Threads that are returning right now (their work is done) get a moment to finish. */
	if (!umc_kthread_wait_all(5 * HZ)) {
		live = umc_kthread_live();
		pr_err("umc: %u kthread(s) still running at umc_exit; their tasks stay allocated\n",
		       live);
	}
	umc_kthread_reap();
	/* Adopted threads: drop the reference their thread held. */
	spin_lock(&tasks_lock);
	list_for_each_entry_safe(t, n, &all_tasks, umc_tasks) {
		if (!t->umc_kthread && t != me)
			list_move_tail(&t->umc_tasks, &adopted);
	}
	spin_unlock(&tasks_lock);
	list_for_each_entry_safe(t, n, &adopted, umc_tasks) {
		spin_lock(&tasks_lock);
		list_move_tail(&t->umc_tasks, &all_tasks);
		spin_unlock(&tasks_lock);
		put_task_struct(t);
	}
	if (me && !me->umc_kthread) {
		sys->thread_slot_set(NULL);
		put_task_struct(me);
	}
}
