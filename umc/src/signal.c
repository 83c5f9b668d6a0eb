// SPDX-License-Identifier: GPL-2.0
/*
 * signal.c - signals as DRBD uses them (linux/signal.h, linux/sched/signal.h).
 *
 * A signal is a bit in task->umc_sigpending. Delivery sets the bit (seq_cst), then wakes the
 * task if it sleeps interruptibly (TASK_INTERRUPTIBLE; SIGKILL also TASK_WAKEKILL). The
 * sleeper publishes its state before testing for signals (see sched.c), so a signal sent
 * while a task is going to sleep is never missed. No handlers run; the bit stays set until
 * flush_signals().
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

#include "sched_internal.h"

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

static unsigned long sig_bit(int sig)
{
	return 1UL << (sig - 1);
}

int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	unsigned int wake = TASK_INTERRUPTIBLE;

	if (!valid_signal(sig))
		return -EINVAL;
	/* Not accepted (a kthread that did not allow it): discarded, as an ignored signal. */
	if (!(__atomic_load_n(&p->umc_sigaccept, __ATOMIC_SEQ_CST) & sig_bit(sig)))
		return 0;
	__atomic_fetch_or(&p->umc_sigpending, sig_bit(sig), __ATOMIC_SEQ_CST);
	if (sig == SIGKILL)
		wake |= TASK_WAKEKILL;
	try_to_wake_up(p, wake, 0);
	return 0;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, p);
}

void flush_signals(struct task_struct *t)
{
	__atomic_store_n(&t->umc_sigpending, 0, __ATOMIC_SEQ_CST);
}

void kernel_sigaction(int sig, __sighandler_t action)
{
	struct task_struct *t = current;

	if (WARN_ON(!valid_signal(sig)))
		return;
	if (action == SIG_IGN) {
		__atomic_fetch_and(&t->umc_sigaccept, ~sig_bit(sig), __ATOMIC_SEQ_CST);
		__atomic_fetch_and(&t->umc_sigpending, ~sig_bit(sig), __ATOMIC_SEQ_CST);
	} else {
		__atomic_fetch_or(&t->umc_sigaccept, sig_bit(sig), __ATOMIC_SEQ_CST);
	}
}
