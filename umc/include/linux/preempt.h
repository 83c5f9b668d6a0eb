/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/preempt.h - preemption control (header-only).
 *
 * umc code runs on host threads that the host scheduler preempts at any time, and there are
 * no interrupts or softirqs: every umc context is "process context". preempt_disable() and
 * friends are therefore compiler barriers only (they delimit nothing the host could honour),
 * in_interrupt()/in_irq()/in_softirq()/in_nmi() are always false, and in_task() is true.
 * Code that needs exclusion must use a lock, exactly as on a preemptible kernel.
 */
#ifndef _UMC_LINUX_PREEMPT_H
#define _UMC_LINUX_PREEMPT_H

#include <linux/compiler.h>

#define preempt_count() 0
#define preempt_disable() barrier()
#define preempt_enable() barrier()
#define preempt_enable_no_resched() barrier()
#define preempt_disable_notrace() barrier()
#define preempt_enable_notrace() barrier()
#define preempt_check_resched() do { } while (0)
#define preemptible() 1

#define in_interrupt() 0
#define in_irq() 0
#define in_hardirq() 0
#define in_softirq() 0
#define in_serving_softirq() 0
#define in_nmi() 0
#define in_task() 1
#define in_atomic() 0
#define irq_count() 0
#define softirq_count() 0
#define hardirq_count() 0

#define local_bh_disable() barrier()
#define local_bh_enable() barrier()

#endif
