/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kthread.h - kernel threads. Implemented in umc/src/kthread.c.
 *
 * kthread_create*() start a host thread (sys->thread_create) whose task is created sleeping:
 * it runs @threadfn only after wake_up_process() (kthread_run() does both). The name is
 * formatted with the kernel's printf into task->comm (15 characters). Returns the task or
 * ERR_PTR(-ENOMEM / -EAGAIN). May sleep (it waits until the thread exists, so its pid is
 * known on return).
 *
 * kthread_stop(k) sets the stop flag, wakes @k (wake_up_process) and waits until @threadfn
 * returned; it returns that value, or -EINTR if @k was never woken (then @threadfn never
 * runs). @k must not have exited on its own before (as in the kernel). May sleep.
 * kthread_should_stop() tells the running thread to return. A thread that returns without
 * kthread_stop() is reaped by umc (its task is freed once nobody holds a reference).
 * Signals: a kthread discards all signals except those it allowed (linux/signal.h).
 */
#ifndef _UMC_LINUX_KTHREAD_H
#define _UMC_LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

#define NUMA_NO_NODE (-1)

__printf(4, 5) struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
							   int node, const char namefmt[], ...);

#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

/* kthread_run - kthread_create() then wake_up_process(). */
#define kthread_run(threadfn, data, namefmt, ...) ({ \
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k)) \
		wake_up_process(__k); \
	__k; })

int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
void *kthread_data(struct task_struct *k);
/* kthread_bind - pin @k to @cpu (applied by @k, see set_cpus_allowed_ptr()). */
void kthread_bind(struct task_struct *k, unsigned int cpu);

#endif
