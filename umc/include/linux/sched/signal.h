/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sched/signal.h - sending and testing signals. Implemented in umc/src/signal.c.
 *
 * send_sig(sig, p, priv) marks @sig pending on @p (if @p accepts it, see linux/signal.h) and
 * wakes @p from any interruptible sleep at once: schedule() in TASK_INTERRUPTIBLE returns,
 * wait_event_interruptible*() return -ERESTARTSYS, mutex_lock_interruptible() returns
 * -EINTR, and sleeps on wait queues elsewhere (sockets) end the same way. SIGKILL also ends
 * TASK_KILLABLE sleeps. The signal stays pending until flush_signals(). Returns 0, or
 * -EINVAL for a bad signal number. Never blocks; callable with spinlocks held.
 */
#ifndef _UMC_LINUX_SCHED_SIGNAL_H
#define _UMC_LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/signal.h>
/* drbd-block addition: Linux's sched/signal.h includes rculist.h; DRBD relies on it */
#include <linux/rculist.h>

struct kernel_siginfo;
#define SEND_SIG_NOINFO ((struct kernel_siginfo *)0)
#define SEND_SIG_PRIV ((struct kernel_siginfo *)1)

int send_sig(int sig, struct task_struct *p, int priv);
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p);
void flush_signals(struct task_struct *t);

static inline int signal_pending(struct task_struct *p)
{
	return unlikely(__atomic_load_n(&p->umc_sigpending, __ATOMIC_SEQ_CST) != 0);
}

static inline int __fatal_signal_pending(struct task_struct *p)
{
	return unlikely((__atomic_load_n(&p->umc_sigpending, __ATOMIC_SEQ_CST) &
			 (1UL << (SIGKILL - 1))) != 0);
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return __fatal_signal_pending(p);
}

/* signal_pending_state - would a pending signal end a sleep in @state? */
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

/* sigismember-style test of one pending signal (umc extension used by tests and socket code). */
static inline bool umc_signal_is_pending(struct task_struct *p, int sig)
{
	return (__atomic_load_n(&p->umc_sigpending, __ATOMIC_SEQ_CST) & (1UL << (sig - 1))) != 0;
}

#endif
