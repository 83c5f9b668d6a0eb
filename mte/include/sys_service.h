/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sys_service.h - the only door from the kernel emulation (umc/) to the host.
 *
 * umc/ calls the host exclusively through the function pointers of the one installed
 * `struct sys_service_ops` (the global `sys`). The Linux/POSIX provider lives in mte/src; a
 * deterministic simulator or another OS can provide the same vector without touching umc/.
 *
 * General contract (applies to every op unless its comment says otherwise):
 *  - int-returning ops return 0 (or a non-negative count) on success and a negative errno
 *    value (Linux numbering, e.g. -ENOMEM, -EAGAIN) on failure. void ops cannot fail.
 *  - "May block" says whether the caller's thread can be put to sleep. Ops marked
 *    "never blocks" may be called with umc spinlocks held and from any callback.
 *  - Callbacks run on provider-owned threads (event-loop, timer, aio threads). A callback must
 *    not block for long: it should hand work off (wake a waiter, queue work) and return.
 *  - Handles are opaque; a handle may be used from any thread unless stated otherwise.
 *  - Numeric constants that cross this interface (errno, MSG_*, SOL_*, socket options, address
 *    families, struct sockaddr layouts) use Linux values. A provider for another OS translates.
 *
 * This header compiles in both worlds: against libc (mte, tools) and in the kernel world of
 * umc/ (-nostdinc, __KERNEL__), where the types come from <linux/types.h>.
 *
 * Versioning: fields are only ever appended. `size` is sizeof(struct sys_service_ops) as the
 * provider was built; `version` is SYS_SERVICE_VERSION it was built against.
 * sys_service_install() refuses a vector that is older (smaller, lower version) than what the
 * consumer needs.
 */
#ifndef SYS_SERVICE_H
#define SYS_SERVICE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#define SYS_SERVICE_VERSION 2

#ifndef __sys_printf
#define __sys_printf(a, b) __attribute__((format(printf, a, b)))
#endif

/* ---------------------------------------------------------------------------------------- */
/* Opaque handles                                                                            */
struct sys_thread;      /* a host thread created by thread_create */
struct sys_waker;       /* ends an fd_wait from another thread (waker_create) */
struct sys_event_loop;  /* an epoll loop thread */
struct sys_event_task;  /* a callback that can be scheduled onto a loop */
struct sys_event_fd;    /* fd readiness watch on a loop */
struct sys_timer;       /* one-shot timer with ns deadline */
struct sys_bdev;        /* an opened backing file / block device for asynchronous I/O */

/* Scatter/gather element; same layout as struct iovec on Linux. */
struct sys_iovec {
	void *base;
	size_t len;
};

/* Log levels: the kernel's printk levels. */
enum sys_log_level {
	SYS_LOG_EMERG = 0,
	SYS_LOG_ALERT = 1,
	SYS_LOG_CRIT = 2,
	SYS_LOG_ERR = 3,
	SYS_LOG_WARNING = 4,
	SYS_LOG_NOTICE = 5,
	SYS_LOG_INFO = 6,
	SYS_LOG_DEBUG = 7,
};

/* fd readiness bits (same values as EPOLLIN/EPOLLOUT/EPOLLERR/EPOLLHUP/EPOLLRDHUP). */
#define SYS_EV_IN 0x001u
#define SYS_EV_OUT 0x004u
#define SYS_EV_ERR 0x008u
#define SYS_EV_HUP 0x010u
#define SYS_EV_RDHUP 0x2000u
/* fd_wait only: the waker was kicked (not an fd readiness bit). */
#define SYS_EV_KICK 0x40000000u

/* Block I/O operations for bdev_submit. */
enum sys_bio_op {
	SYS_BIO_READ = 0,
	SYS_BIO_WRITE = 1,
	SYS_BIO_FLUSH = 2,        /* fdatasync: durable all writes that completed before submit */
	SYS_BIO_DISCARD = 3,      /* punch hole; reads of the range afterwards return zeros */
	SYS_BIO_WRITE_ZEROES = 4, /* allocate-and-zero the range */
};

/* bdev_submit flags */
#define SYS_BIO_FUA 0x1u /* WRITE: durable when completed (RWF_DSYNC or write+fdatasync) */

/* bdev_open flags */
#define SYS_BDEV_READ 0x1u
#define SYS_BDEV_WRITE 0x2u
#define SYS_BDEV_EXCL 0x4u   /* exclusive: O_EXCL on a block device, flock(LOCK_EX) on a file */
#define SYS_BDEV_NODIRECT 0x8u /* do not try O_DIRECT (default: try it, fall back if refused) */

struct sys_bdev_info {
	uint64_t size_bytes;        /* capacity */
	uint32_t logical_block_size;  /* 512 for files; BLKSSZGET for devices */
	uint32_t physical_block_size; /* st_blksize / BLKPBSZGET */
	bool is_block_device;
	bool direct;                /* O_DIRECT + libaio in use (else buffered + worker pool) */
	bool discard;               /* discard (punch hole) supported */
	bool write_zeroes;          /* zero-range supported */
};

/* One asynchronous block request. Owned by the caller until `done` is called; the provider
 * does not copy it. `iov` must stay valid until completion. */
struct sys_bio_req {
	enum sys_bio_op op;
	uint32_t flags;           /* SYS_BIO_FUA */
	uint64_t offset;          /* bytes */
	uint64_t len;             /* bytes, for DISCARD / WRITE_ZEROES; ignored for READ/WRITE */
	const struct sys_iovec *iov;
	int iovcnt;
	/* Completion: result is bytes transferred (READ/WRITE: the full length, short transfers
	 * are completed internally or reported as -EIO), 0 for FLUSH/DISCARD/WRITE_ZEROES, or a
	 * negative errno. Runs on a provider aio thread; must not block. */
	void (*done)(struct sys_bio_req *req, long result);
	void *priv;
	/* provider-private scratch space; the caller must not touch it */
	uint64_t provider_priv[8];
};

/* Run-time statistics of the memory accounting. */
struct sys_mem_stats {
	uint64_t live_bytes;   /* bytes currently allocated through mem_alloc */
	uint64_t live_allocs;  /* allocations currently live */
	uint64_t peak_bytes;   /* high-water mark of live_bytes */
	uint64_t total_allocs; /* allocations ever made */
};

typedef void (*sys_fn)(void *arg);
typedef void (*sys_fd_fn)(void *arg, uint32_t revents);

struct sys_service_ops {
	/* Must be sizeof(struct sys_service_ops) and SYS_SERVICE_VERSION of the provider. */
	uint32_t size;
	uint32_t version;
	/* Provider name for logs, e.g. "mte-posix". */
	const char *name;

	/* ----------------------------------------------------------------------- memory */
	/**
	 * mem_alloc - allocate @size bytes aligned to @align (power of two, 0 = natural 16).
	 * @tag: a static string naming the caller (e.g. "kmalloc"); live bytes are accounted per
	 * tag and listed by mem_report. Returns NULL when out of memory. Never blocks.
	 */
	void *(*mem_alloc)(size_t size, size_t align, const char *tag);
	/** mem_zalloc - as mem_alloc, memory zeroed. */
	void *(*mem_zalloc)(size_t size, size_t align, const char *tag);
	/** mem_free - free memory from mem_alloc/mem_zalloc; NULL is ignored. Never blocks. */
	void (*mem_free)(void *p);
	/** mem_size - the size requested for @p at allocation (what ksize() reports). */
	size_t (*mem_size)(const void *p);
	/** mem_stats - current accounting totals. Never blocks. */
	void (*mem_stats)(struct sys_mem_stats *out);
	/**
	 * mem_report - log every tag with live allocations at @level and return the live byte
	 * count. Called at shutdown as a leak report: non-zero means something leaked.
	 */
	uint64_t (*mem_report)(enum sys_log_level level);

	/**
	 * vm_reserve - reserve @bytes of address space, readable and writable, committed lazily
	 * by the host (untouched pages cost nothing), aligned to @align (power of two >= page
	 * size). Used by umc's page allocator so that virt_to_page() is O(1). Returns NULL on
	 * failure. May block (briefly, in the host's mmap).
	 */
	void *(*vm_reserve)(size_t bytes, size_t align);
	/** vm_release - give back a whole reservation. */
	void (*vm_release)(void *base, size_t bytes);
	/**
	 * vm_discard - the range (page aligned) is no longer needed: the host may reclaim it and
	 * later reads return zeros. Never blocks for long.
	 */
	void (*vm_discard)(void *addr, size_t bytes);
	/** page_size - the host page size (4096 on x86_64). */
	size_t (*page_size)(void);

	/* ------------------------------------------------------------------------- time */
	/** time_monotonic_ns - monotonic clock in ns, never goes back. Never blocks. */
	uint64_t (*time_monotonic_ns)(void);
	/** time_realtime_ns - wall clock in ns since the Unix epoch. Never blocks. */
	uint64_t (*time_realtime_ns)(void);

	/* ---------------------------------------------------------------------- threads */
	/**
	 * thread_create - start a host thread named @name (truncated to 15 chars) running
	 * @fn(@arg). Returns 0 and the handle in *@out, or -EAGAIN/-ENOMEM. The thread is
	 * registered with the RCU implementation before @fn runs and unregistered after.
	 * The handle must be passed to thread_join exactly once.
	 */
	int (*thread_create)(struct sys_thread **out, const char *name, sys_fn fn, void *arg);
	/** thread_join - wait until the thread's function returned, free the handle. Blocks. */
	int (*thread_join)(struct sys_thread *t);
	/** thread_set_name - rename the calling thread (for logs and the host's tools). */
	void (*thread_set_name)(const char *name);
	/** thread_get_name - copy the calling thread's name into @buf (NUL terminated). */
	void (*thread_get_name)(char *buf, size_t len);
	/**
	 * thread_set_affinity - pin the calling thread to the CPUs whose bits are set in @mask
	 * (@nbits bits, unsigned long words). -EINVAL if no allowed CPU is set.
	 */
	int (*thread_set_affinity)(const unsigned long *mask, unsigned int nbits);
	/** thread_id - host thread id of the caller (Linux: gettid). Never blocks. */
	int (*thread_id)(void);
	/** cpu_count - number of CPUs the process may run on. */
	unsigned int (*cpu_count)(void);
	/**
	 * thread_slot_get/set - one pointer per host thread, owned by umc (it holds the
	 * task_struct that `current` returns). NULL on a thread that never set it. Never blocks.
	 */
	void *(*thread_slot_get)(void);
	void (*thread_slot_set)(void *value);
	/**
	 * thread_register/unregister - a thread umc did not create (FUSE worker, daemon main
	 * thread) announces itself before it calls into umc (needed for RCU read-side sections).
	 * Idempotent. Threads from thread_create and provider callback threads are registered.
	 */
	void (*thread_register)(void);
	void (*thread_unregister)(void);
	/** thread_yield - give up the CPU to other runnable threads (sched_yield). */
	void (*thread_yield)(void);

	/* ------------------------------------------------------- futex (blocking primitive) */
	/**
	 * futex_wait - if *@addr still equals @val, sleep until futex_wake on @addr, until the
	 * monotonic clock reaches @deadline_ns (0 = no deadline), or spuriously.
	 * Returns 0 (woken or spurious), -EAGAIN (*addr != val at entry), -ETIMEDOUT.
	 * Blocks. The word is process-private. The caller re-checks its condition in a loop.
	 */
	int (*futex_wait)(uint32_t *addr, uint32_t val, uint64_t deadline_ns);
	/** futex_wake - wake up to @n waiters on @addr (INT32_MAX = all). Never blocks. */
	void (*futex_wake)(uint32_t *addr, int n);

	/* -------------------------------------------------------------------------- RCU */
	/**
	 * rcu_read_lock/unlock - read-side critical section (nests). Never blocks. The calling
	 * thread must be registered (see thread_register).
	 */
	void (*rcu_read_lock)(void);
	void (*rcu_read_unlock)(void);
	/**
	 * rcu_synchronize - wait until every read-side section that started before the call has
	 * ended. Blocks; must not be called inside a read-side section.
	 */
	void (*rcu_synchronize)(void);
	/**
	 * rcu_call - run @fn(@arg) on a provider thread after a grace period. Never blocks.
	 * @head is caller-owned storage of at least 4 pointers that stays valid until @fn runs.
	 */
	void (*rcu_call)(void *head, sys_fn fn, void *arg);
	/** rcu_barrier - wait until all rcu_call callbacks queued so far have run. Blocks. */
	void (*rcu_barrier)(void);

	/* ---------------------------------------------------------------- event loops */
	/**
	 * event_loop_create - start a loop thread named @name. Tasks, fd watches and timers are
	 * bound to a loop and their callbacks run on its thread, one at a time, in order of
	 * readiness. Returns 0 or -errno. The provider owns a default loop (NULL everywhere
	 * a loop is taken).
	 */
	int (*event_loop_create)(struct sys_event_loop **out, const char *name);
	/**
	 * event_loop_destroy - stop the loop thread and join it. Every task, fd watch and timer
	 * of the loop must already be destroyed. Blocks. Must not be called from the loop.
	 */
	void (*event_loop_destroy)(struct sys_event_loop *loop);

	/**
	 * task_create - a callback @fn(@arg) that can be scheduled onto @loop (NULL: default).
	 * Returns 0 or -ENOMEM.
	 */
	int (*task_create)(struct sys_event_task **out, struct sys_event_loop *loop, sys_fn fn,
			   void *arg);
	/**
	 * task_schedule - make the task run once, soon, on its loop thread. Callable from any
	 * thread and from callbacks; never blocks. Scheduling a task that is already pending
	 * does nothing (returns false); scheduling it while it runs makes it run once more after.
	 * Returns true if it was not pending before.
	 */
	bool (*task_schedule)(struct sys_event_task *t);
	/**
	 * task_cancel_sync - unschedule the task and wait until it is not running. After return
	 * the callback is neither pending nor running (when called from the task's own callback
	 * it only unschedules). Returns true if it was pending. Blocks.
	 */
	bool (*task_cancel_sync)(struct sys_event_task *t);
	/** task_destroy - cancel_sync, then free. */
	void (*task_destroy)(struct sys_event_task *t);

	/**
	 * fd_watch_create - watch @fd on @loop (NULL: default). The watch starts disabled.
	 * @fn(@arg, revents) runs on the loop thread while enabled events are ready
	 * (level-triggered). Returns 0, -ENOMEM or the epoll error.
	 */
	int (*fd_watch_create)(struct sys_event_fd **out, struct sys_event_loop *loop, int fd,
			       sys_fd_fn fn, void *arg);
	/** fd_watch_enable - set the SYS_EV_* events of interest (0 disables). Never blocks. */
	int (*fd_watch_enable)(struct sys_event_fd *w, uint32_t events);
	/**
	 * fd_watch_disable_sync - disable the watch and wait until its callback is not running
	 * (from within the callback itself: only disables). Blocks.
	 */
	void (*fd_watch_disable_sync)(struct sys_event_fd *w);
	/** fd_watch_destroy - disable_sync, remove from the loop, free. Does not close the fd. */
	void (*fd_watch_destroy)(struct sys_event_fd *w);

	/* ----------------------------------------------------------------------- timers */
	/**
	 * timer_create - a one-shot timer whose callback @fn(@arg) runs on @loop (NULL: the
	 * default loop). Returns 0 or -ENOMEM.
	 */
	int (*timer_create)(struct sys_timer **out, struct sys_event_loop *loop, sys_fn fn,
			    void *arg);
	/**
	 * timer_arm - (re)arm to fire at monotonic time @deadline_ns. The callback never runs
	 * before the deadline. Re-arming a pending timer moves it. Returns true if the timer was
	 * pending before (the kernel's mod_timer return value). Never blocks; callable from the
	 * timer's own callback.
	 */
	bool (*timer_arm)(struct sys_timer *t, uint64_t deadline_ns);
	/** timer_cancel - disarm; returns true if it was pending. Does not wait. Never blocks. */
	bool (*timer_cancel)(struct sys_timer *t);
	/**
	 * timer_cancel_sync - disarm and wait for a running callback to return (from within the
	 * callback: only disarms). Returns true if it was pending. Blocks.
	 */
	bool (*timer_cancel_sync)(struct sys_timer *t);
	/** timer_pending - true while armed and not yet fired. Never blocks. */
	bool (*timer_pending)(struct sys_timer *t);
	/** timer_destroy - cancel_sync and free. */
	void (*timer_destroy)(struct sys_timer *t);

	/* --------------------------------------------------------------- block devices */
	/**
	 * bdev_open - open @path (regular file or block device) for asynchronous I/O with the
	 * SYS_BDEV_* @flags. Tries O_DIRECT + libaio first unless SYS_BDEV_NODIRECT; falls back to
	 * buffered I/O on a worker pool when the filesystem refuses O_DIRECT (logged once).
	 * SYS_BDEV_EXCL: -EBUSY if another opener holds it exclusively.
	 * Returns 0 and fills *@info, or -ENOENT, -EACCES, -EBUSY, -ENOTBLK (not a file or
	 * block device), ... May block.
	 */
	int (*bdev_open)(struct sys_bdev **out, const char *path, uint32_t flags,
			 struct sys_bdev_info *info);
	/**
	 * bdev_submit - start @req. Never blocks for long (may wait for a free submission slot).
	 * Misaligned buffers on an O_DIRECT device are handled by the provider (bounce buffer
	 * or the buffered path). @req->done is always called exactly once, on a provider thread,
	 * also for errors detected at submission.
	 */
	void (*bdev_submit)(struct sys_bdev *b, struct sys_bio_req *req);
	/**
	 * bdev_refresh - re-read the size (a file or device grown or shrunk while open; block
	 * sizes and alignment are fixed at open) and fill @info. Any thread, concurrent with I/O;
	 * one fstat (and BLKGETSIZE64) on the host. Returns 0 or -errno.
	 */
	int (*bdev_refresh)(struct sys_bdev *b, struct sys_bdev_info *info);
	/**
	 * bdev_close - wait for every request in flight on @b to complete, then close and free.
	 * Blocks.
	 */
	void (*bdev_close)(struct sys_bdev *b);

	/* ---------------------------------------------------------------------- sockets */
	/* All socket fds are non-blocking and close-on-exec. Readiness is learnt through
	 * fd_watch_*; blocking, timeouts and signals are the caller's business. Addresses are
	 * Linux struct sockaddr_in / sockaddr_in6 / sockaddr_un layouts. */
	/** sock_open - socket(@family, @type, @protocol). Returns fd or -errno. */
	int (*sock_open)(int family, int type, int protocol);
	int (*sock_bind)(int fd, const void *addr, int addrlen);
	int (*sock_listen)(int fd, int backlog);
	/** sock_connect - returns 0, -EINPROGRESS (wait for SYS_EV_OUT then sock_error), -errno. */
	int (*sock_connect)(int fd, const void *addr, int addrlen);
	/** sock_accept - returns a new non-blocking fd, -EAGAIN if none is pending, -errno. */
	int (*sock_accept)(int fd, void *addr, int *addrlen);
	/**
	 * sock_sendmsg / sock_recvmsg - one non-blocking sendmsg/recvmsg with Linux MSG_* @flags
	 * (MSG_DONTWAIT is implied; MSG_NOSIGNAL is always added to sends).
	 * Returns bytes (0 = orderly shutdown by peer for recv), -EAGAIN, or -errno.
	 */
	long (*sock_sendmsg)(int fd, const struct sys_iovec *iov, int iovcnt, int flags);
	long (*sock_recvmsg)(int fd, const struct sys_iovec *iov, int iovcnt, int flags);
	int (*sock_shutdown)(int fd, int how);
	int (*sock_setsockopt)(int fd, int level, int optname, const void *val, int len);
	int (*sock_getsockopt)(int fd, int level, int optname, void *val, int *len);
	/** sock_getname - getsockname (peer == false) or getpeername (peer == true). */
	int (*sock_getname)(int fd, void *addr, int *addrlen, bool peer);
	/** sock_error - fetch and clear SO_ERROR: 0 or -errno (result of a connect). */
	int (*sock_error)(int fd);
	/** fd_close - close any fd this vector returned. */
	int (*fd_close)(int fd);

	/* -------------------------------------------------------------------- processes */
	/**
	 * proc_run - run the program @argv[0] (absolute path) with @envp, wait for it and return
	 * its exit status (0..255), 128+signal if killed, or -errno if it could not be started.
	 * Blocks until the program ends.
	 */
	int (*proc_run)(const char *const *argv, const char *const *envp);

	/* ----------------------------------------------------------------------- random */
	/** random_bytes - fill @buf with cryptographically strong random bytes. May block
	 * (only at boot, for entropy). */
	void (*random_bytes)(void *buf, size_t len);

	/* ---------------------------------------------------------------------- logging */
	/**
	 * log_write - emit one complete message (no trailing newline needed) at @level for
	 * subsystem @subsys (e.g. "drbd", "umc.sock"). The provider adds time and thread name.
	 * Messages above the configured level of @subsys are dropped. Never blocks for long;
	 * safe with locks held.
	 */
	void (*log_write)(enum sys_log_level level, const char *subsys, const char *msg,
			  size_t len);
	/** log_enabled - would a message at @level for @subsys be written? Never blocks. */
	bool (*log_enabled)(enum sys_log_level level, const char *subsys);
	/** backtrace_log - log the calling thread's stack at @level. */
	void (*backtrace_log)(enum sys_log_level level);
	/** panic - log @msg and a backtrace, then abort the process. Never returns. */
	void (*panic)(const char *msg) __attribute__((noreturn));

	/* ------------------------------------------------ sleeping on an fd (version 2) */
	/*
	 * A thread that waits for one fd polls it itself, without an event-loop thread in
	 * between (umc's socket waits). A provider that cannot returns -EOPNOTSUPP from
	 * waker_create or fd_wait; umc then waits through fd watches on the event loop.
	 *
	 * waker_create - a waker for one sleeping thread. Returns 0, -ENOMEM or -EMFILE.
	 * waker_destroy - free it; no fd_wait on it may be running.
	 * waker_kick - make the current or the next fd_wait on @w return SYS_EV_KICK. Never
	 *   blocks; callable from any thread and from callbacks. Kicks do not count: several
	 *   before one fd_wait end that one wait only.
	 * fd_wait - block the calling thread until @fd is ready for one of @events (SYS_EV_IN /
	 *   SYS_EV_OUT; SYS_EV_ERR and SYS_EV_HUP always count), until @w is kicked, or until the
	 *   monotonic clock reaches @deadline_ns (0 = no deadline). Returns the SYS_EV_* bits of
	 *   @fd that are ready, plus SYS_EV_KICK if the waker was kicked (and consumes the kick);
	 *   0 at the deadline; or a negative errno (-EBADF, -ENOMEM). A host signal does not end
	 *   the wait. Blocks.
	 */
	int (*waker_create)(struct sys_waker **out);
	void (*waker_destroy)(struct sys_waker *w);
	void (*waker_kick)(struct sys_waker *w);
	int (*fd_wait)(int fd, uint32_t events, struct sys_waker *w, uint64_t deadline_ns);
};

/* The installed provider. NULL until sys_service_install() succeeded. */
extern const struct sys_service_ops *sys;

/**
 * sys_service_install - make @ops the provider. Checks that @ops->size and @ops->version are
 * at least what this build needs and that every op is set. Returns 0, -EINVAL (NULL op or
 * bad size/version: the reason is printed to stderr) or -EBUSY (a provider is installed).
 */
int sys_service_install(const struct sys_service_ops *ops);

/** sys_service_uninstall - forget the provider (at shutdown, after umc stopped). */
void sys_service_uninstall(void);

/** sys_logf - printf-style helper over sys->log_write (plain C formats only). */
void sys_logf(enum sys_log_level level, const char *subsys, const char *fmt, ...)
	__sys_printf(3, 4);

#endif /* SYS_SERVICE_H */
