/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/umc.h - starting and stopping the kernel emulation (umc/src/umc_init.c).
 *
 * umc_init() is called once, after a sys_service provider is installed (mte_init()), on the
 * thread that will call umc_exit(); that thread becomes a task. It brings the subsystems up
 * in dependency order and returns 0 or the first -errno (having undone what it started).
 * umc_exit() brings them down in reverse order; every kthread, workqueue, timer... the
 * program created must be gone before. Threads other than the caller must not use umc after
 * umc_exit() (their tasks are freed). Both may sleep.
 *
 * Adding a subsystem: declare its hooks here (int umc_<x>_init(void); void umc_<x>_exit(void))
 * and add one line to the table in umc/src/umc_init.c at its place in the order.
 */
#ifndef _UMC_UMC_H
#define _UMC_UMC_H

int umc_init(void);
void umc_exit(void);

/* ---- entry points for host-world code (daemon, FUSE frontend); basic types only ---- */

/* A thread umc did not create, about to exit after using umc (see linux/sched.h). */
void umc_current_release(void);
/* Enable pr_debug output per module, e.g. "drbd,umc" (see umc/debug.h). Returns 0/-EINVAL. */
int umc_debug_set(const char *spec);

/* ---- subsystem hooks, in init order (exit runs in reverse) ---- */

/* sched (umc/src/sched.c, cpumask.c, kthread.c): CPU masks, the caller becomes a task;
 * exit reaps exited kthreads and frees all remaining tasks. */
int umc_sched_init(void);
void umc_sched_exit(void);

/* mem (umc/src/page_alloc.c, slab.c, vmalloc.c): reserves the page arena; exit waits for
 * pending RCU frees and reports leaked pages and vmalloc blocks (see umc/mem.h). */
int umc_mem_init(void);
void umc_mem_exit(void);

/* timer (umc/src/timer.c): starts the "ktimers" thread; exit stops it (pending timers are
 * dropped with a warning). */
int umc_timer_init(void);
void umc_timer_exit(void);

/* workqueue (umc/src/workqueue.c): creates system_wq & co; exit destroys them (drains). */
int umc_workqueue_init(void);
void umc_workqueue_exit(void);

/* block (umc/src/blkdev.c, bio.c, blk_*.c, bdev_file.c): fs_bio_set, the zero page, the
 * backing-file request pool; exit reports disks, open files and majors still present. */
int umc_blk_init(void);
void umc_blk_exit(void);

#endif
