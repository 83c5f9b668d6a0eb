/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/signal.h - signal numbers and the kthread signal policy. Implemented in
 * umc/src/signal.c. Signals in umc are a per-task pending mask and nothing else: no handlers
 * run; a pending signal makes interruptible sleeps return (see linux/sched/signal.h).
 *
 * Which signals a task accepts: adopted threads (user-context callers) accept all; kthreads
 * discard every signal (as the kernel's kthreads ignore them) until they call
 * allow_signal()/allow_kernel_signal() for it; disallow_signal() reverts that and drops a
 * pending one. kernel_sigaction() acts on the calling task only.
 */
#ifndef _UMC_LINUX_SIGNAL_H
#define _UMC_LINUX_SIGNAL_H

#include <linux/types.h>
#include <linux/bug.h>

#ifndef SIGHUP
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
#endif
/* umc tracks the 64 signals of one unsigned long. */
#ifndef _NSIG
#define _NSIG 64
#endif
#define _NSIG_BPW 64
#define _NSIG_WORDS 1

typedef void __signalfn_t(int);
typedef __signalfn_t *__sighandler_t;

#ifndef SIG_DFL
#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)
#define SIG_ERR ((__sighandler_t)-1)
#endif
/* Linux 6.1 values: accept the signal in a kthread (from anybody / from the kernel only). */
#define SIG_KTHREAD ((__sighandler_t)2)
#define SIG_KTHREAD_KERNEL ((__sighandler_t)3)

/* Kernel-internal "restart" codes of interrupted sleeps (never reach a user here). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

/* kernel_sigaction - set the calling task's policy for @sig (SIG_IGN drops it). */
void kernel_sigaction(int sig, __sighandler_t action);

static inline void allow_signal(int sig)
{
	kernel_sigaction(sig, SIG_KTHREAD);
}
static inline void allow_kernel_signal(int sig)
{
	kernel_sigaction(sig, SIG_KTHREAD_KERNEL);
}
static inline void disallow_signal(int sig)
{
	kernel_sigaction(sig, SIG_IGN);
}

#ifndef sigmask
#define sigmask(sig) (1UL << ((sig) - 1))
#endif

#endif
