/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched_internal.h - what sched.c, kthread.c, signal.c and cpumask.c share (umc-private).
 */
#ifndef _UMC_SCHED_INTERNAL_H
#define _UMC_SCHED_INTERNAL_H

#include <linux/sched.h>
#include <linux/completion.h>
#include <sys_service.h>

/* The kthread part of a task (task->umc_kthread), freed with the task. */
struct umc_kthread {
	struct task_struct *task;
	int (*threadfn)(void *data);
	void *data;
	int result;                 /* threadfn's return value, or -EINTR if it never ran */
	unsigned int should_stop;   /* set by kthread_stop() */
	struct completion exited;   /* completed when the thread function returned */
	struct completion created;  /* the new thread knows its pid and is about to sleep */
	struct sys_thread *thread;  /* host thread; joined by the reaper */
	struct list_head zombie;    /* on the reap list after exit */
};

/*
 * umc_task_alloc - a new task named @comm with one reference, on the task list; not yet
 * bound to a thread. Returns NULL when out of memory.
 */
struct task_struct *umc_task_alloc(const char *comm, unsigned int flags);

/* umc_task_sleep - sleep until woken (state RUNNING) or until @deadline_ns (0 = none).
 * Returns false if the deadline passed. The state is TASK_RUNNING on return. */
bool umc_task_sleep(struct task_struct *t, u64 deadline_ns);

/*
 * umc_task_sleep_fd - as umc_task_sleep for the calling task, which also ends when @fd is
 * ready for @events (SYS_EV_IN / SYS_EV_OUT; errors and hang-up always count). The caller
 * set its state (set_current_state) and checked its condition; a wake-up of any kind
 * (try_to_wake_up, a signal for an interruptible state) ends the sleep as for schedule().
 * Returns the SYS_EV_* bits of @fd (> 0) when it became ready, 0 when woken, -ETIMEDOUT at
 * @deadline_ns (0 = none), or -EOPNOTSUPP / -ENOMEM / -EBADF when the provider cannot sleep
 * on the fd (state already TASK_RUNNING: the caller sleeps the usual way). Always returns
 * with the state TASK_RUNNING.
 */
int umc_task_sleep_fd(int fd, u32 events, u64 deadline_ns);

/* umc_task_bind - make @t the calling thread's task (provider slot). */
void umc_task_bind(struct task_struct *t);

/* kthread.c */
void umc_kthread_free(struct umc_kthread *kt);
void umc_kthread_reap(void);
unsigned int umc_kthread_live(void);
/* umc_kthread_wait_all - wait up to @timeout jiffies until no kthread runs; false on timeout. */
bool umc_kthread_wait_all(long timeout);

/* cpumask.c */
void umc_cpumask_init(void);

#endif
