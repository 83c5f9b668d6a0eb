/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mte_internal.h - shared declarations between the files of the mte provider.
 * Each op of struct sys_service_ops is implemented by one mte_<op> function below; mte_init.c
 * assembles the vector. Semantics: see the op comments in sys_service.h.
 */
#ifndef MTE_INTERNAL_H
#define MTE_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mte.h"
#include "sys_service.h"

/* ThreadSanitizer cannot see ordering established inside liburcu, libaio or the kernel;
 * these annotations tell it about the hand-offs the provider relies on. */
#if defined(__SANITIZE_THREAD__)
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define MTE_TSAN_RELEASE(p) __tsan_release((void *)(p))
#define MTE_TSAN_ACQUIRE(p) __tsan_acquire((void *)(p))
#else
#define MTE_TSAN_RELEASE(p) ((void)(p))
#define MTE_TSAN_ACQUIRE(p) ((void)(p))
#endif

#define MTE_LOG(level, ...) mte_logf(level, "mte", __VA_ARGS__)

/* log.c */
int mte_log_setup(const struct mte_options *opts);
void mte_log_teardown(void);
void mte_log_write(enum sys_log_level level, const char *subsys, const char *msg, size_t len);
bool mte_log_enabled(enum sys_log_level level, const char *subsys);
void mte_logf(enum sys_log_level level, const char *subsys, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mte_backtrace_log(enum sys_log_level level);
void mte_panic(const char *msg) __attribute__((noreturn));
/* log once per call site: `static bool once; if (mte_once(&once)) ...` */
static inline bool mte_once(bool *flag)
{
	return !__atomic_exchange_n(flag, true, __ATOMIC_RELAXED);
}

/* memory.c */
void *mte_mem_alloc(size_t size, size_t align, const char *tag);
void *mte_mem_zalloc(size_t size, size_t align, const char *tag);
void mte_mem_free(void *p);
size_t mte_mem_size(const void *p);
void mte_mem_stats(struct sys_mem_stats *out);
uint64_t mte_mem_report(enum sys_log_level level);
void *mte_vm_reserve(size_t bytes, size_t align);
void mte_vm_release(void *base, size_t bytes);
void mte_vm_discard(void *addr, size_t bytes);
size_t mte_page_size(void);

/* futex_time.c */
uint64_t mte_time_monotonic_ns(void);
uint64_t mte_time_realtime_ns(void);
int mte_futex_wait(uint32_t *addr, uint32_t val, uint64_t deadline_ns);
void mte_futex_wake(uint32_t *addr, int n);
int mte_waker_create(struct sys_waker **out);
void mte_waker_destroy(struct sys_waker *w);
void mte_waker_kick(struct sys_waker *w);
int mte_fd_wait(int fd, uint32_t events, struct sys_waker *w, uint64_t deadline_ns);
void mte_random_bytes(void *buf, size_t len);

/* thread.c */
int mte_thread_create(struct sys_thread **out, const char *name, sys_fn fn, void *arg);
int mte_thread_join(struct sys_thread *t);
void mte_thread_set_name(const char *name);
void mte_thread_get_name(char *buf, size_t len);
int mte_thread_set_affinity(const unsigned long *mask, unsigned int nbits);
int mte_thread_id(void);
unsigned int mte_cpu_count(void);
void *mte_thread_slot_get(void);
void mte_thread_slot_set(void *value);
void mte_thread_register(void);
void mte_thread_unregister(void);
void mte_thread_yield(void);
int mte_thread_setup(void);
/* the calling thread's name for log lines (cached, never NULL) */
const char *mte_thread_name_cached(void);

/* rcu.c */
void mte_rcu_read_lock(void);
void mte_rcu_read_unlock(void);
void mte_rcu_synchronize(void);
void mte_rcu_call(void *head, sys_fn fn, void *arg);
void mte_rcu_barrier(void);
void mte_rcu_register(void);
void mte_rcu_unregister(void);

/* event_loop.c */
int mte_event_loop_create(struct sys_event_loop **out, const char *name);
void mte_event_loop_destroy(struct sys_event_loop *loop);
int mte_task_create(struct sys_event_task **out, struct sys_event_loop *loop, sys_fn fn,
		    void *arg);
bool mte_task_schedule(struct sys_event_task *t);
bool mte_task_cancel_sync(struct sys_event_task *t);
void mte_task_destroy(struct sys_event_task *t);
int mte_fd_watch_create(struct sys_event_fd **out, struct sys_event_loop *loop, int fd,
			sys_fd_fn fn, void *arg);
int mte_fd_watch_enable(struct sys_event_fd *w, uint32_t events);
void mte_fd_watch_disable_sync(struct sys_event_fd *w);
void mte_fd_watch_destroy(struct sys_event_fd *w);
int mte_loops_start(void);
void mte_loops_stop(void);
struct sys_event_loop *mte_default_loop(void);
struct sys_event_loop *mte_aio_loop(void);
/* the loop whose thread is the caller, or NULL */
struct sys_event_loop *mte_current_loop(void);

/* timer.c */
int mte_timer_create(struct sys_timer **out, struct sys_event_loop *loop, sys_fn fn, void *arg);
bool mte_timer_arm(struct sys_timer *t, uint64_t deadline_ns);
bool mte_timer_cancel(struct sys_timer *t);
bool mte_timer_cancel_sync(struct sys_timer *t);
bool mte_timer_pending(struct sys_timer *t);
void mte_timer_destroy(struct sys_timer *t);

/* bdev.c, bdev_aio.c, bdev_pool.c */
int mte_bdev_open(struct sys_bdev **out, const char *path, uint32_t flags,
		  struct sys_bdev_info *info);
void mte_bdev_submit(struct sys_bdev *b, struct sys_bio_req *req);
int mte_bdev_refresh(struct sys_bdev *b, struct sys_bdev_info *info);
void mte_bdev_close(struct sys_bdev *b);
int mte_bdev_start(const struct mte_options *opts);
void mte_bdev_stop(void);

/* socket.c */
int mte_sock_open(int family, int type, int protocol);
int mte_sock_bind(int fd, const void *addr, int addrlen);
int mte_sock_listen(int fd, int backlog);
int mte_sock_connect(int fd, const void *addr, int addrlen);
int mte_sock_accept(int fd, void *addr, int *addrlen);
long mte_sock_sendmsg(int fd, const struct sys_iovec *iov, int iovcnt, int flags);
long mte_sock_recvmsg(int fd, const struct sys_iovec *iov, int iovcnt, int flags);
int mte_sock_shutdown(int fd, int how);
int mte_sock_setsockopt(int fd, int level, int optname, const void *val, int len);
int mte_sock_getsockopt(int fd, int level, int optname, void *val, int *len);
int mte_sock_getname(int fd, void *addr, int *addrlen, bool peer);
int mte_sock_error(int fd);
int mte_fd_close(int fd);

/* proc.c */
int mte_proc_run(const char *const *argv, const char *const *envp);

#endif /* MTE_INTERNAL_H */
