// SPDX-License-Identifier: GPL-2.0
/*
 * fuse_loop.c - the multithreaded request loop (see fuse_loop.h for the why and the
 * contract).
 *
 * Buffer layout (one allocation of `bufsize` bytes, page aligned):
 *   [0, HDR_OFF)         struct ffl_buf + the handler's scratch space
 *   [HDR_OFF, PAGE)      fuse_in_header + fuse_write_in (80 bytes) of a write request
 *   [PAGE, bufsize)      the write payload, page aligned; read data for replies
 * The kernel writes a request at HDR_OFF; requests other than writes simply lie there too.
 *
 * Reply routing: libfuse calls our writev hook for every message it sends. A thread-local
 * route (the descriptor the request was read from, plus FOPEN_* bits to add to an open
 * reply) chooses where it goes; without one (notifications from other threads) the
 * session's own descriptor is used.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 312
#include "fuse_loop.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <syslog.h>
#include <unistd.h>

#include <fuse_lowlevel.h>

#define PAGE 4096u
#define HDR_BYTES (sizeof(struct fuse_in_header) + sizeof(struct fuse_write_in))
#define HDR_OFF (PAGE - HDR_BYTES)
#define POOL_KEEP_MIN 16u

struct ffl_route {
	int fd;
	uint32_t open_flags;
};

struct ffl_buf {
	struct ffl_buf *next; /* free list */
	struct ffl *loop;
	struct ffl_route route;
	bool foreign;         /* posix_memalign memory (cfg.buf_alloc failed) */
	_Alignas(16) char ctx[FFL_CTX_BYTES];
};

_Static_assert(sizeof(struct ffl_buf) <= HDR_OFF, "ffl_buf must fit before the header");
_Static_assert(HDR_BYTES == 80, "fuse_in_header + fuse_write_in is 80 bytes");

struct ffl_worker {
	struct ffl *loop;
	pthread_t thread;
	int fd;        /* /dev/fuse descriptor it reads (cloned or the session's) */
	bool own_fd;
	int epfd;
	bool kept;     /* the handler kept the current buffer */
	unsigned int index;
};

struct ffl {
	struct fuse_session *se;
	struct ffl_config cfg;
	int se_fd;
	int stop_fd;   /* eventfd: readable once stopping */
	size_t bufsize, read_len;
	unsigned int nworkers;
	struct ffl_worker *workers;
	bool stopping;
	bool exited;

	pthread_mutex_t lock;
	pthread_cond_t idle;     /* outstanding reached 0 */
	struct ffl_buf *free;    /* pool (LIFO) */
	unsigned int nfree, keep;
	unsigned int outstanding; /* buffers not in the pool */
};

static __thread struct ffl_worker *tls_worker;
static __thread struct ffl_buf *tls_current;
static __thread struct ffl_route *tls_route;

/* ---------------------------------------------------------------- logging */
static void ffl_log(struct ffl *l, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void ffl_log(struct ffl *l, int level, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (l->cfg.log)
		l->cfg.log(level, msg);
	else
		fprintf(stderr, "fuse: %s\n", msg);
}

/* ---------------------------------------------------------------- buffers */
static char *buf_base(struct ffl_buf *b)
{
	return (char *)b;
}

void *ffl_buf_ctx(struct ffl_buf *b)
{
	return b->ctx;
}

void *ffl_buf_data(struct ffl_buf *b, size_t *cap)
{
	if (cap)
		*cap = b->loop->bufsize - PAGE;
	return buf_base(b) + PAGE;
}

static struct ffl_buf *buf_get(struct ffl *l)
{
	struct ffl_buf *b;
	void *mem = NULL;
	bool foreign = false;

	pthread_mutex_lock(&l->lock);
	b = l->free;
	if (b) {
		l->free = b->next;
		l->nfree--;
	}
	l->outstanding++;
	pthread_mutex_unlock(&l->lock);
	if (b)
		return b;
	if (l->cfg.buf_alloc)
		mem = l->cfg.buf_alloc(l->bufsize, l->cfg.ctx);
	if (!mem) {
		if (posix_memalign(&mem, PAGE, l->bufsize)) {
			ffl_log(l, LOG_ERR, "out of memory for a %zu byte request buffer", l->bufsize);
			pthread_mutex_lock(&l->lock);
			l->outstanding--;
			pthread_mutex_unlock(&l->lock);
			return NULL;
		}
		foreign = true;
	}
	b = mem;
	memset(b, 0, sizeof(*b));
	b->loop = l;
	b->foreign = foreign;
	return b;
}

static void buf_free_mem(struct ffl *l, struct ffl_buf *b)
{
	if (b->foreign)
		free(b);
	else
		l->cfg.buf_free(b, l->bufsize, l->cfg.ctx);
}

void ffl_release(struct ffl_buf *b)
{
	struct ffl *l = b->loop;
	bool drop;

	pthread_mutex_lock(&l->lock);
	drop = l->nfree >= l->keep || l->stopping;
	if (!drop) {
		b->next = l->free;
		l->free = b;
		l->nfree++;
	}
	if (--l->outstanding == 0)
		pthread_cond_broadcast(&l->idle);
	pthread_mutex_unlock(&l->lock);
	if (drop)
		buf_free_mem(l, b);
}

/* ---------------------------------------------------------------- routing */
struct ffl_buf *ffl_current(void)
{
	return tls_current;
}

struct ffl_buf *ffl_keep(void)
{
	if (!tls_worker || !tls_current)
		return NULL;
	tls_worker->kept = true;
	return tls_current;
}

void ffl_set_open_flags(uint32_t flags)
{
	if (tls_route)
		tls_route->open_flags |= flags;
}

const void *ffl_route_push(struct ffl_buf *b)
{
	struct ffl_route *saved = tls_route;

	tls_route = &b->route;
	return saved;
}

void ffl_route_pop(const void *saved)
{
	tls_route = (struct ffl_route *)saved;
}

static ssize_t hook_writev(int fd, struct iovec *iov, int count, void *userdata)
{
	struct ffl_route *r = tls_route;

	(void)userdata;
	if (r) {
		fd = r->fd;
		if (r->open_flags && count >= 2 && iov[1].iov_len == sizeof(struct fuse_open_out) &&
		    ((struct fuse_out_header *)iov[0].iov_base)->error == 0) {
			((struct fuse_open_out *)iov[1].iov_base)->open_flags |= r->open_flags;
			r->open_flags = 0;
		}
	}
	return writev(fd, iov, count);
}

static ssize_t hook_read(int fd, void *buf, size_t len, void *userdata)
{
	(void)userdata;
	return read(fd, buf, len);
}

/* ---------------------------------------------------------------- workers */
/* Sleep until a request may be there (false) or the loop stops (true). */
static bool wait_ready(struct ffl_worker *w)
{
	struct epoll_event ev[2];
	int n;

	for (;;) {
		n = epoll_wait(w->epfd, ev, 2, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return true;
		for (int i = 0; i < n; i++)
			if (ev[i].data.fd == w->loop->stop_fd)
				return true;
		return false;
	}
}

static void *worker_main(void *arg)
{
	struct ffl_worker *w = arg;
	struct ffl *l = w->loop;
	struct ffl_buf *b = NULL;

	if (l->cfg.thread_init)
		l->cfg.thread_init(l->cfg.ctx);
	tls_worker = w;
	while (!__atomic_load_n(&l->stopping, __ATOMIC_ACQUIRE)) {
		struct fuse_buf fb = { 0 };
		ssize_t n;

		if (!b) {
			b = buf_get(l);
			if (!b)
				break;
		}
		n = read(w->fd, buf_base(b) + HDR_OFF, l->read_len);
		if (n < 0) {
			int e = errno;

			if (e == EAGAIN) {
				if (wait_ready(w))
					break;
				continue;
			}
			if (e == EINTR || e == ENOENT)
				continue;
			if (e != ENODEV)
				ffl_log(l, LOG_ERR, "reading /dev/fuse: %s", strerror(e));
			__atomic_store_n(&l->exited, true, __ATOMIC_RELEASE);
			fuse_session_exit(l->se);
			break;
		}
		b->route.fd = w->fd;
		b->route.open_flags = 0;
		fb.mem = buf_base(b) + HDR_OFF;
		fb.size = (size_t)n;
		w->kept = false;
		tls_current = b;
		tls_route = &b->route;
		fuse_session_process_buf(l->se, &fb);
		tls_route = NULL;
		tls_current = NULL;
		if (w->kept)
			b = NULL;
		if (fuse_session_exited(l->se))
			break;
	}
	if (b)
		ffl_release(b);
	tls_worker = NULL;
	if (l->cfg.thread_exit)
		l->cfg.thread_exit(l->cfg.ctx);
	return NULL;
}

static int epoll_add(int epfd, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

/* A descriptor of its own for worker @w, attached to the session's connection. */
static int clone_fd(struct ffl *l, struct ffl_worker *w)
{
	uint32_t master = (uint32_t)l->se_fd;
	int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -errno;
	if (ioctl(fd, FUSE_DEV_IOC_CLONE, &master) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	w->fd = fd;
	w->own_fd = true;
	return 0;
}

static int worker_setup(struct ffl *l, struct ffl_worker *w, bool *clone_ok)
{
	int rc;

	w->loop = l;
	w->fd = l->se_fd;
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (w->epfd < 0)
		return -errno;
	if (*clone_ok) {
		rc = clone_fd(l, w);
		if (rc) {
			ffl_log(l, LOG_NOTICE,
				"cannot clone the /dev/fuse descriptor (%s): workers share one",
				strerror(-rc));
			*clone_ok = false;
		}
	}
	rc = epoll_add(w->epfd, w->fd, EPOLLIN | EPOLLEXCLUSIVE);
	if (!rc)
		rc = epoll_add(w->epfd, l->stop_fd, EPOLLIN);
	return rc;
}

static void worker_teardown(struct ffl_worker *w)
{
	if (w->epfd >= 0)
		close(w->epfd);
	if (w->own_fd)
		close(w->fd);
	w->epfd = -1;
	w->own_fd = false;
}

static void ffl_free(struct ffl *l)
{
	struct ffl_buf *b;

	for (unsigned int i = 0; i < l->nworkers; i++)
		worker_teardown(&l->workers[i]);
	while ((b = l->free)) {
		l->free = b->next;
		buf_free_mem(l, b);
	}
	if (l->stop_fd >= 0)
		close(l->stop_fd);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->idle);
	free(l->workers);
	free(l);
}

int ffl_start(struct ffl **out, struct fuse_session *se, const struct ffl_config *cfg)
{
	static const struct fuse_custom_io io = { .writev = hook_writev, .read = hook_read };
	struct ffl *l = calloc(1, sizeof(*l));
	bool clone_ok;
	unsigned int started = 0;
	int rc, flags;

	if (!l)
		return -ENOMEM;
	l->se = se;
	l->cfg = *cfg;
	if (!l->cfg.threads)
		l->cfg.threads = 2;
	if (!l->cfg.name)
		l->cfg.name = "fuse";
	if (!l->cfg.buf_alloc)
		l->cfg.buf_free = NULL;
	/* header page + payload + two pages of slack (a read widened to whole blocks) */
	l->bufsize = PAGE + ((cfg->max_write + PAGE - 1) & ~(size_t)(PAGE - 1)) + 2 * PAGE;
	l->read_len = l->bufsize - HDR_OFF;
	l->keep = l->cfg.threads + POOL_KEEP_MIN + 64;
	l->se_fd = fuse_session_fd(se);
	l->stop_fd = -1;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->idle, NULL);
	l->workers = calloc(l->cfg.threads, sizeof(*l->workers));
	if (!l->workers) {
		ffl_free(l);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < l->cfg.threads; i++)
		l->workers[i].epfd = -1;
	l->nworkers = l->cfg.threads;
	if (fuse_session_custom_io(se, &io, l->se_fd)) {
		ffl_free(l);
		return -EINVAL;
	}
	flags = fcntl(l->se_fd, F_GETFL);
	if (flags < 0 || fcntl(l->se_fd, F_SETFL, flags | O_NONBLOCK) < 0) {
		rc = -errno;
		ffl_free(l);
		return rc;
	}
	l->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (l->stop_fd < 0) {
		rc = -errno;
		ffl_free(l);
		return rc;
	}
	clone_ok = cfg->clone_fd;
	for (unsigned int i = 0; i < l->nworkers; i++) {
		l->workers[i].index = i;
		rc = worker_setup(l, &l->workers[i], &clone_ok);
		if (rc) {
			ffl_free(l);
			return rc;
		}
	}
	for (; started < l->nworkers; started++) {
		struct ffl_worker *w = &l->workers[started];
		char name[24];

		rc = -pthread_create(&w->thread, NULL, worker_main, w);
		if (rc)
			break;
		snprintf(name, sizeof(name), "%.10s/%u", l->cfg.name, started % 100);
		pthread_setname_np(w->thread, name);
	}
	if (started < l->nworkers) {
		l->nworkers = started;
		ffl_stop(l);
		return rc;
	}
	*out = l;
	return 0;
}

bool ffl_exited(struct ffl *l)
{
	return __atomic_load_n(&l->exited, __ATOMIC_ACQUIRE);
}

void ffl_stop(struct ffl *l)
{
	uint64_t one = 1;

	if (!l)
		return;
	pthread_mutex_lock(&l->lock);
	__atomic_store_n(&l->stopping, true, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&l->lock);
	if (write(l->stop_fd, &one, sizeof(one)) != sizeof(one))
		ffl_log(l, LOG_ERR, "waking the FUSE workers: %s", strerror(errno));
	for (unsigned int i = 0; i < l->nworkers; i++)
		pthread_join(l->workers[i].thread, NULL);
	/* every kept buffer comes back once its asynchronous reply was sent */
	pthread_mutex_lock(&l->lock);
	while (l->outstanding)
		pthread_cond_wait(&l->idle, &l->lock);
	pthread_mutex_unlock(&l->lock);
	ffl_free(l);
}
