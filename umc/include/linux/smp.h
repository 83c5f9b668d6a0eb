/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/smp.h - CPU identity. umc threads are host threads that may migrate at any time, so
 * smp_processor_id() is only a hint, as in preemptible kernel code (it is always 0 here: the
 * provider has no cheap "current CPU" operation and nothing in umc relies on per-CPU data).
 */
#ifndef _UMC_LINUX_SMP_H
#define _UMC_LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>

#define smp_processor_id() 0
#define raw_smp_processor_id() 0
#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()

#endif
