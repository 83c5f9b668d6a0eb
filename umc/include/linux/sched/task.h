/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sched/task.h - task reference counting (umc/src/sched.c). A task_struct stays
 * allocated while referenced; kthreads hold one reference for as long as their thread runs.
 * Never blocks.
 */
#ifndef _UMC_LINUX_SCHED_TASK_H
#define _UMC_LINUX_SCHED_TASK_H

#include <linux/sched.h>

void __put_task_struct(struct task_struct *t);

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	__atomic_fetch_add(&t->umc_usage, 1, __ATOMIC_RELAXED);
	return t;
}

static inline void put_task_struct(struct task_struct *t)
{
	if (__atomic_sub_fetch(&t->umc_usage, 1, __ATOMIC_ACQ_REL) == 0)
		__put_task_struct(t);
}

#endif
