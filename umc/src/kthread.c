// SPDX-License-Identifier: GPL-2.0
/*
 * kthread.c - kernel threads on provider threads (linux/kthread.h).
 *
 * Life of a kthread: kthread_create() allocates the task in TASK_UNINTERRUPTIBLE and starts
 * a host thread, which binds the task, publishes its pid (the `created` completion) and
 * sleeps in schedule() until wake_up_process(). It then runs the thread function unless
 * kthread_stop() came first (as in the kernel, kthread_stop() right after kthread_run() may
 * win that race), stores the result, puts itself on the zombie list and completes `exited`. Zombies are joined (sys->thread_join) and their thread reference dropped by
 * umc_kthread_reap(), which runs at every kthread_create() and at umc_exit(); the task is
 * freed when the last reference (kthread_stop() holds one while it waits) is gone.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "sched_internal.h"

static DEFINE_SPINLOCK(zombie_lock);
static LIST_HEAD(zombies);    /* struct umc_kthread.zombie, under zombie_lock */
static unsigned int live_kthreads;
static DECLARE_WAIT_QUEUE_HEAD(kthread_exit_wq); /* woken whenever a kthread exits */

void umc_kthread_free(struct umc_kthread *kt)
{
	sys->mem_free(kt);
}

unsigned int umc_kthread_live(void)
{
	return __atomic_load_n(&live_kthreads, __ATOMIC_SEQ_CST);
}

bool umc_kthread_wait_all(long timeout)
{
	return wait_event_timeout(kthread_exit_wq, umc_kthread_live() == 0, timeout) != 0;
}

void umc_kthread_reap(void)
{
	struct umc_kthread *kt, *n;
	LIST_HEAD(list);

	spin_lock(&zombie_lock);
	list_splice_init(&zombies, &list);
	spin_unlock(&zombie_lock);
	list_for_each_entry_safe(kt, n, &list, zombie) {
		list_del_init(&kt->zombie);
		sys->thread_join(kt->thread);
		kt->thread = NULL;
		put_task_struct(kt->task);
	}
}

static void kthread_main(void *arg)
{
	struct task_struct *t = arg;
	struct umc_kthread *kt = t->umc_kthread;
	int ret = -EINTR;

	umc_task_bind(t);
	t->pid = sys->thread_id();
	complete(&kt->created);
	/* Created in TASK_UNINTERRUPTIBLE: wait for wake_up_process() (or kthread_stop()). */
	schedule();
	if (!__atomic_load_n(&kt->should_stop, __ATOMIC_SEQ_CST))
		ret = kt->threadfn(kt->data);

	__atomic_fetch_or(&t->flags, PF_EXITING, __ATOMIC_RELAXED);
	kt->result = ret;
	/*
	 * Queue for reaping before announcing the exit: whoever sees `exited` (kthread_stop,
	 * then umc_exit) finds the thread on the list. A reaper joins the host thread before
	 * dropping the thread's reference, so nothing is freed while this thread still runs.
	 */
	spin_lock(&zombie_lock);
	list_add_tail(&kt->zombie, &zombies);
	__atomic_fetch_sub(&live_kthreads, 1, __ATOMIC_SEQ_CST);
	spin_unlock(&zombie_lock);
	complete(&kt->exited);
	wake_up_all(&kthread_exit_wq);
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	char name[TASK_COMM_LEN];
	struct umc_kthread *kt;
	struct task_struct *t;
	va_list args;
	int rc;

	va_start(args, namefmt);
	vsnprintf(name, sizeof(name), namefmt, args);
	va_end(args);

	umc_kthread_reap();
	kt = sys->mem_zalloc(sizeof(*kt), 0, "kthread");
	if (!kt)
		return ERR_PTR(-ENOMEM);
	t = umc_task_alloc(name, PF_KTHREAD | PF_NOFREEZE);
	if (!t) {
		sys->mem_free(kt);
		return ERR_PTR(-ENOMEM);
	}
	kt->task = t;
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->exited);
	init_completion(&kt->created);
	INIT_LIST_HEAD(&kt->zombie);
	t->umc_kthread = kt;
	t->umc_sigaccept = 0;  /* kthreads discard signals until they allow them */
	t->__state = TASK_UNINTERRUPTIBLE;

	__atomic_fetch_add(&live_kthreads, 1, __ATOMIC_SEQ_CST);
	rc = sys->thread_create(&kt->thread, name, kthread_main, t);
	if (rc) {
		__atomic_fetch_sub(&live_kthreads, 1, __ATOMIC_SEQ_CST);
		pr_err("kthread_create: cannot start thread %s: %d\n", name, rc);
		put_task_struct(t);
		return ERR_PTR(rc == -ENOMEM ? -ENOMEM : -EAGAIN);
	}
	wait_for_completion(&kt->created);
	return t;
}

bool kthread_should_stop(void)
{
	struct umc_kthread *kt = current->umc_kthread;

	return kt && __atomic_load_n(&kt->should_stop, __ATOMIC_SEQ_CST);
}

void *kthread_data(struct task_struct *k)
{
	return k->umc_kthread ? k->umc_kthread->data : NULL;
}

int kthread_stop(struct task_struct *k)
{
	struct umc_kthread *kt = k->umc_kthread;
	int ret;

	if (WARN_ON(!kt))
		return -EINVAL;
	get_task_struct(k);
	__atomic_store_n(&kt->should_stop, 1, __ATOMIC_SEQ_CST);
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	put_task_struct(k);
	return ret;
}

void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	set_cpus_allowed_ptr(k, cpumask_of(cpu));
}
