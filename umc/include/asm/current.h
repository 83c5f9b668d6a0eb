/* SPDX-License-Identifier: GPL-2.0 */
/* asm/current.h - `current`, the calling thread's task (umc/src/sched.c, see linux/sched.h). */
#ifndef _UMC_ASM_CURRENT_H
#define _UMC_ASM_CURRENT_H
struct task_struct;
struct task_struct *get_current(void);
#define current get_current()
#endif
