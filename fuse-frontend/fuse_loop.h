/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuse_loop.h - a multithreaded request loop for a libfuse 3.14 low-level session, used by
 * the FUSE front end and by the no-op benchmark server (bench/fuse_noop.c) so that both run
 * the same I/O path.
 *
 * Why not fuse_session_loop_mt(): it lets libfuse choose the receive buffer, and libfuse 3.14
 * puts a write's data 80 bytes (fuse_in_header + fuse_write_in) after a malloc'ed start, so
 * the data is never page aligned and every O_DIRECT write downstream needs a bounce copy.
 * Here each request is read into a buffer of ours whose header area ends exactly on a page
 * boundary: the write payload starts page aligned, in memory the caller chose (umc's page
 * arena for the front end), and a handler may keep the buffer after it returned to answer
 * later from another thread (asynchronous I/O). Read data is placed in the same buffer.
 *
 * Threads: cfg.threads workers, each with its own /dev/fuse descriptor when clone_fd is set
 * (FUSE_DEV_IOC_CLONE; falls back to the shared one, logged, when /dev/fuse cannot be opened,
 * e.g. as a user mounting through fusermount3). A reply must go to the descriptor the
 * request was read from: replies made on a worker inside the handler go there by
 * themselves; a reply made later from another thread is framed by ffl_route_push/pop.
 * Workers read non-blocking and sleep in epoll (EPOLLEXCLUSIVE: one worker woken per
 * request), so that ffl_stop() can wake them whatever the state of the mount.
 */
#ifndef DRBDUM_FUSE_LOOP_H
#define DRBDUM_FUSE_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fuse_session;
struct ffl;
struct ffl_buf;

struct ffl_config {
	unsigned int threads; /* workers (0: 2) */
	bool clone_fd;        /* one /dev/fuse descriptor per worker */
	size_t max_write;     /* the largest write payload the session allows (1 MiB) */
	/*
	 * Page-aligned memory for receive buffers of @size bytes (NULL: posix_memalign). May
	 * return NULL: the loop then uses posix_memalign memory for that buffer.
	 */
	void *(*buf_alloc)(size_t size, void *ctx);
	void (*buf_free)(void *p, size_t size, void *ctx);
	/* Run first/last on every worker (e.g. make the thread known to umc). May be NULL. */
	void (*thread_init)(void *ctx);
	void (*thread_exit)(void *ctx);
	void *ctx;
	const char *name;     /* worker thread name prefix (<= 10 chars), e.g. "fuse" */
	/* Log sink (level: syslog numbering); NULL: stderr. */
	void (*log)(int level, const char *msg);
};

/*
 * ffl_start - run @se (mounted, not yet initialised) on @cfg->threads workers. Replaces the
 * session's I/O with the loop's own (fuse_session_custom_io). Returns 0 or -errno.
 */
int ffl_start(struct ffl **out, struct fuse_session *se, const struct ffl_config *cfg);
/*
 * ffl_stop - stop the workers (requests still queued in the kernel stay unanswered and fail
 * when the session's descriptor closes), wait until every buffer a handler kept was
 * released (the asynchronous replies were sent), close the cloned descriptors, free the
 * buffers. Does not unmount. Blocks. Must not be called from a worker.
 */
void ffl_stop(struct ffl *l);
/* ffl_exited - true once the session ended by itself (unmounted from outside). */
bool ffl_exited(struct ffl *l);

/* ---- inside a handler (on a worker, while libfuse dispatches the request) ---- */
/* ffl_current - the buffer the request being dispatched was read into. */
struct ffl_buf *ffl_current(void);
/*
 * ffl_keep - the handler keeps the current buffer after it returns (it will answer
 * asynchronously); it must ffl_release() it after the reply. The worker reads its next
 * request into a fresh buffer.
 */
struct ffl_buf *ffl_keep(void);
/* FOPEN_PARALLEL_DIRECT_WRITES of the kernel ABI (linux/fuse.h 7.36, Linux 6.2): several
 * direct writes to the file may run at once (else the kernel serialises them per inode). */
#define FFL_FOPEN_PARALLEL_DIRECT_WRITES (1u << 6)

/* ffl_set_open_flags - OR these FOPEN_* bits into the open reply this handler sends next
 * (libfuse 3.14 has no field for FOPEN_PARALLEL_DIRECT_WRITES). */
void ffl_set_open_flags(uint32_t flags);

/* ---- buffers ---- */
#define FFL_CTX_BYTES 2048 /* scratch space per buffer for the handler's request state */
/* ffl_buf_ctx - FFL_CTX_BYTES of 16-byte aligned memory, the handler's while it keeps it. */
void *ffl_buf_ctx(struct ffl_buf *b);
/*
 * ffl_buf_data - the page-aligned data area (*@cap bytes, >= max_write): a write's payload
 * is here when libfuse hands it over; a handler may put read data here (max_write plus
 * two pages of room).
 */
void *ffl_buf_data(struct ffl_buf *b, size_t *cap);
/* ffl_release - give a kept buffer back (any thread, after its reply was sent). */
void ffl_release(struct ffl_buf *b);

/*
 * ffl_route_push / ffl_route_pop - around a fuse_reply_*() call made on a thread other than
 * the worker that read the request (e.g. an I/O completion): sends the reply to the
 * descriptor @b came from. Nests.
 */
const void *ffl_route_push(struct ffl_buf *b);
void ffl_route_pop(const void *saved);

#endif
