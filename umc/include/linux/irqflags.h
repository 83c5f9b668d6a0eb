/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/irqflags.h - local interrupt control (header-only).
 *
 * There are no interrupts in umc: timer callbacks, I/O completions and socket events run on
 * ordinary host threads and synchronise with locks. local_irq_*() are compiler barriers;
 * the saved flags are always 0 and irqs_disabled() is always false. Locks taken with the
 * _irq/_irqsave forms still provide full mutual exclusion (see spinlock.h).
 */
#ifndef _UMC_LINUX_IRQFLAGS_H
#define _UMC_LINUX_IRQFLAGS_H

#include <linux/compiler.h>
#include <linux/typecheck.h>

#define local_irq_enable() barrier()
#define local_irq_disable() barrier()
#define local_irq_save(flags) do { typecheck(unsigned long, flags); (flags) = 0; barrier(); } while (0)
#define local_irq_restore(flags) do { typecheck(unsigned long, flags); (void)(flags); barrier(); } while (0)
#define local_save_flags(flags) do { typecheck(unsigned long, flags); (flags) = 0; } while (0)
#define irqs_disabled() 0
#define irqs_disabled_flags(flags) ((void)(flags), 0)
#define raw_local_irq_save(flags) local_irq_save(flags)
#define raw_local_irq_restore(flags) local_irq_restore(flags)
#define hard_irq_disable() do { } while (0)

#endif
