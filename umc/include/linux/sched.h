/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sched.h - tasks and sleeping. Implemented in umc/src/sched.c.
 *
 * Every host thread that calls into umc has a struct task_struct: kthreads get one from
 * kthread_create(); any other thread (daemon main thread, FUSE workers, provider callback
 * threads) is adopted on its first use of `current` (the task is kept in the provider's
 * per-thread slot, sys->thread_slot_get). A foreign thread that exits before umc_exit() calls
 * umc_current_release() first.
 *
 * Sleeping has the kernel's lost-wakeup-free protocol: set_current_state(TASK_*) (a full
 * barrier), test the condition, schedule(). __state is the futex word the task sleeps on;
 * wake_up_process()/wake_up_state() move it to TASK_RUNNING and wake the futex, so a wake-up
 * that lands between set_current_state() and schedule() makes schedule() return at once.
 * schedule() in TASK_INTERRUPTIBLE (or TASK_WAKEKILL for SIGKILL) returns at once while a
 * signal is pending. Wake-ups may be spurious only in the kernel's sense: callers re-check.
 *
 * schedule_timeout(t) sleeps until woken or until t jiffies (t ms) have passed on the
 * monotonic clock, never earlier; it returns 0 when the time is up, else the remaining
 * jiffies rounded up (>= 1). MAX_SCHEDULE_TIMEOUT sleeps without limit.
 *
 * cond_resched() is a no-op returning 0: the host preempts threads anyway.
 * sched_set_fifo_low() is advisory: realtime priority is not applied (logged once).
 */
#ifndef _UMC_LINUX_SCHED_H
#define _UMC_LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/limits.h>
#include <linux/bug.h>
#include <asm/current.h>

/* Task states (Linux 6.1 values). */
#define TASK_RUNNING 0x00000000
#define TASK_INTERRUPTIBLE 0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define __TASK_STOPPED 0x00000004
#define __TASK_TRACED 0x00000008
#define EXIT_DEAD 0x00000010
#define EXIT_ZOMBIE 0x00000020
#define TASK_PARKED 0x00000040
#define TASK_DEAD 0x00000080
#define TASK_WAKEKILL 0x00000100
#define TASK_WAKING 0x00000200
#define TASK_NOLOAD 0x00000400
#define TASK_NEW 0x00000800
#define TASK_FREEZABLE 0x00002000
#define TASK_STATE_MAX 0x00010000
#define TASK_ANY (TASK_STATE_MAX - 1)
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED (TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
/* umc-private bits of __state: the task sleeps (or is about to) on the futex; with
 * __UMC_TASK_FDWAIT it sleeps on an fd instead and a waker must kick its umc_waker. */
#define __UMC_TASK_SLEEPING 0x40000000
#define __UMC_TASK_FDWAIT 0x20000000
#define __UMC_TASK_FLAGS (__UMC_TASK_SLEEPING | __UMC_TASK_FDWAIT)

/* Task flags (Linux 6.1 values). */
#define PF_IDLE 0x00000002
#define PF_EXITING 0x00000004
#define PF_WQ_WORKER 0x00000020
#define PF_MEMALLOC 0x00000800
#define PF_NOFREEZE 0x00008000
#define PF_MEMALLOC_NOIO 0x00080000
#define PF_KTHREAD 0x00200000

#define TASK_COMM_LEN 16
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct blk_plug;
struct bio_list;
struct umc_kthread;

struct task_struct {
	unsigned int __state;      /* TASK_*; futex word the task sleeps on */
	unsigned int flags;        /* PF_* */
	pid_t pid;                 /* host thread id */
	pid_t tgid;                /* host process id (thread id of the first adopted task) */
	char comm[TASK_COMM_LEN];  /* name; kthreads: formatted by kthread_create */
	struct blk_plug *plug;     /* current block plug (blk_start_plug) */
	/* drbd-block addition: bios submitted while this task is inside a ->submit_bio are
	 * queued here and dispatched after it returns (umc/src/blk_core.c) */
	struct bio_list *bio_list;
	int prio, static_prio, normal_prio;
	unsigned int rt_priority;
	unsigned int policy;

	/* umc private state */
	unsigned long umc_sigpending;   /* bit (sig - 1) per pending signal */
	unsigned long umc_sigaccept;    /* signals delivered; others are discarded */
	unsigned int umc_usage;         /* get_task_struct / put_task_struct */
	unsigned int umc_affinity_set;  /* umc_affinity holds a mask to apply (see sched.c) */
	struct cpumask umc_affinity;
	struct umc_kthread *umc_kthread; /* NULL for adopted threads */
	struct sys_waker *umc_waker;    /* for sleeps on an fd; made at the first (sched.c) */
	struct list_head umc_tasks;     /* all tasks (umc/src/sched.c) */
};

/* get_current - the calling thread's task; adopts a foreign thread on first use. */
struct task_struct *get_current(void);

/*
 * umc_current_release - a thread not created by umc (FUSE worker...) that is about to exit
 * drops its task and unregisters from RCU. No umc call may follow on this thread.
 */
void umc_current_release(void);

#define __set_current_state(state_value) \
	__atomic_store_n(&current->__state, (state_value), __ATOMIC_RELAXED)
/* set_current_state - store the state, then a full barrier (before testing the condition). */
#define set_current_state(state_value) \
	__atomic_store_n(&current->__state, (state_value), __ATOMIC_SEQ_CST)
#define get_current_state() (__atomic_load_n(&current->__state, __ATOMIC_RELAXED) & ~__UMC_TASK_FLAGS)
#define task_is_running(task) \
	((__atomic_load_n(&(task)->__state, __ATOMIC_RELAXED) & ~__UMC_TASK_FLAGS) == TASK_RUNNING)
#define task_is_stopped(task) 0
#define task_is_traced(task) 0

/* May sleep. See the header comment for the exact semantics. */
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
void io_schedule(void);
long io_schedule_timeout(long timeout);
void schedule_preempt_disabled(void);
void yield(void);

/*
 * wake_up_process / wake_up_state - wake @tsk if its state is in TASK_NORMAL / @state.
 * Returns 1 if it was woken, 0 if it was running already (or in another state). Never
 * blocks; callable with spinlocks held.
 */
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
int try_to_wake_up(struct task_struct *tsk, unsigned int state, int wake_flags);

static inline int _cond_resched(void) { return 0; }
#define cond_resched() _cond_resched()
#define cond_resched_lock(lock) ({ (void)(lock); 0; })
#define cond_resched_rcu() do { } while (0)
static inline int need_resched(void) { return 0; }
static inline void set_tsk_need_resched(struct task_struct *tsk) { (void)tsk; }
#define sched_annotate_sleep() do { } while (0)

static inline pid_t task_pid_nr(struct task_struct *tsk) { return tsk->pid; }
static inline pid_t task_tgid_nr(struct task_struct *tsk) { return tsk->tgid; }
static inline pid_t task_pid_vnr(struct task_struct *tsk) { return tsk->pid; }
static inline int task_nice(const struct task_struct *p) { (void)p; return 0; }
static inline unsigned int task_cpu(const struct task_struct *p) { (void)p; return 0; }
static inline bool is_idle_task(const struct task_struct *p) { return p->flags & PF_IDLE; }

/* get_task_comm - copy @tsk's name into @buf (TASK_COMM_LEN bytes). */
char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
#define get_task_comm(buf, tsk) __get_task_comm(buf, sizeof(buf), tsk)
/* set_task_comm - rename @tsk (also the host thread's name if @tsk is current). */
void __set_task_comm(struct task_struct *tsk, const char *from, bool exec);
#define set_task_comm(tsk, from) __set_task_comm(tsk, from, false)

/*
 * set_cpus_allowed_ptr - restrict @p to the CPUs of @new_mask (intersected with the online
 * CPUs). Returns -EINVAL if none is left. Applied at once (sys->thread_set_affinity) when @p
 * is current; for another task it is recorded and applied by @p when it next returns from
 * schedule() (tasks run on their own host threads; only a thread can pin itself).
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);

/* sched_set_fifo_low / sched_set_fifo / sched_set_normal: advisory, logged once. */
void sched_set_fifo_low(struct task_struct *p);
void sched_set_fifo(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
void set_user_nice(struct task_struct *p, long nice);

/* Task state dumps (sysrq) do not exist here; kept for code that calls them. */
static inline void show_state(void) { }

#endif
