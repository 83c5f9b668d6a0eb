// SPDX-License-Identifier: GPL-2.0
/*
 * bdev_aio.c - libaio for aligned requests on O_DIRECT bdevs. One kernel aio context shared
 * by all bdevs; every iocb notifies one eventfd, watched by an fd watch on the "mte_aio"
 * loop, whose callback reaps completions and calls req->done there.
 *
 * Submission slots: at most `depth` iocbs are in flight; a submitter waits on a futex for a
 * free slot, except on the aio loop thread itself (it reaps completions, so it would wait on
 * itself): there the request goes to the worker pool instead. Anything libaio refuses
 * (io_submit error, -EINVAL for FDSYNC or RWF_DSYNC, short transfers) continues on the pool.
 */
#include <libaio.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "mte_bdev.h"

#ifndef RWF_DSYNC
#define RWF_DSYNC 0x2
#endif

_Static_assert(sizeof(struct iocb) <= sizeof(((struct sys_bio_req *)0)->provider_priv),
	       "struct iocb fits the provider scratch area");

static struct {
	io_context_t ctx;
	int evfd;
	struct sys_event_fd *watch;
	uint32_t slots;  /* futex: free submission slots */
	uint32_t slot_waiters;
	bool started;
} aio = { .evfd = -1 };

static inline struct sys_bio_req *req_of(struct iocb *cb)
{
	return (struct sys_bio_req *)((char *)cb - offsetof(struct sys_bio_req, provider_priv));
}

static bool slot_get(void)
{
	uint32_t v = __atomic_load_n(&aio.slots, __ATOMIC_RELAXED);
	for (;;) {
		if (v == 0) {
			if (mte_current_loop() == mte_aio_loop())
				return false;
			__atomic_add_fetch(&aio.slot_waiters, 1, __ATOMIC_SEQ_CST);
			mte_futex_wait(&aio.slots, 0, 0);
			__atomic_sub_fetch(&aio.slot_waiters, 1, __ATOMIC_SEQ_CST);
			v = __atomic_load_n(&aio.slots, __ATOMIC_RELAXED);
			continue;
		}
		if (__atomic_compare_exchange_n(&aio.slots, &v, v - 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	}
}

static void slot_put(void)
{
	__atomic_add_fetch(&aio.slots, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&aio.slot_waiters, __ATOMIC_SEQ_CST))
		mte_futex_wake(&aio.slots, 1);
}

/* continue @req on the pool, @done bytes already transferred */
static void to_pool(struct sys_bdev *b, struct sys_bio_req *req, uint64_t done)
{
	struct pool_work *w = pool_work_of(req);
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->kind = POOL_RUN;
	w->done = done;
	w->use_direct_fd = true;
	mte_pool_queue(req);
}

bool mte_aio_submit(struct sys_bdev *b, struct sys_bio_req *req)
{
	static bool submit_err_logged;
	struct iocb *cb = (struct iocb *)req->provider_priv;

	if (!aio.started)
		return false;
	if (req->op == SYS_BIO_FLUSH && !__atomic_load_n(&b->aio_fdsync, __ATOMIC_RELAXED))
		return false;
	if (!slot_get())
		return false;
	memset(cb, 0, sizeof(*cb));
	switch (req->op) {
	case SYS_BIO_READ:
		io_prep_preadv(cb, b->fd, (const struct iovec *)req->iov, req->iovcnt,
			       (long long)req->offset);
		break;
	case SYS_BIO_WRITE:
		io_prep_pwritev(cb, b->fd, (const struct iovec *)req->iov, req->iovcnt,
				(long long)req->offset);
		if (req->flags & SYS_BIO_FUA)
			cb->aio_rw_flags = RWF_DSYNC;
		break;
	case SYS_BIO_FLUSH:
		io_prep_fdsync(cb, b->fd);
		break;
	default:
		slot_put();
		return false;
	}
	cb->data = b;
	io_set_eventfd(cb, aio.evfd);
	MTE_TSAN_RELEASE(req);
	struct iocb *list[1] = { cb };
	int rc;
	do
		rc = io_submit(aio.ctx, 1, list);
	while (rc == -EINTR);
	if (rc == 1)
		return true;
	slot_put();
	if (rc == -EINVAL && req->op == SYS_BIO_FLUSH) {
		__atomic_store_n(&b->aio_fdsync, false, __ATOMIC_RELAXED);
		return false;
	}
	if (mte_once(&submit_err_logged))
		MTE_LOG(SYS_LOG_NOTICE, "%s: io_submit: %s; using worker threads (logged once)",
			b->path, strerror(-rc));
	return false;
}

static void complete_one(struct io_event *ev)
{
	struct iocb *cb = ev->obj;
	struct sys_bio_req *req = req_of(cb);
	MTE_TSAN_ACQUIRE(req); /* the submitter's writes, handed over through the kernel */
	struct sys_bdev *b = cb->data;
	long res = (long)ev->res;

	slot_put();
	if (req->op == SYS_BIO_FLUSH) {
		if (res == -EINVAL) {
			__atomic_store_n(&b->aio_fdsync, false, __ATOMIC_RELAXED);
			return to_pool(b, req, 0);
		}
		return mte_bdev_complete(b, req, res < 0 ? res : 0);
	}
	if (res == -EINVAL || res == -EOPNOTSUPP) /* RWF_DSYNC or O_DIRECT refused late */
		return to_pool(b, req, 0);
	if (res < 0)
		return mte_bdev_complete(b, req, res);
	uint64_t total = mte_bio_bytes(req);
	if ((uint64_t)res < total)
		return to_pool(b, req, (uint64_t)res); /* short transfer: finish synchronously */
	mte_bdev_complete(b, req, res);
}

static void reap(void *arg, uint32_t revents)
{
	struct io_event evs[64];
	struct timespec zero = { 0, 0 };
	uint64_t cnt;
	while (read(aio.evfd, &cnt, sizeof(cnt)) < 0 && errno == EINTR)
		;
	for (;;) {
		int n = io_getevents(aio.ctx, 0, 64, evs, &zero);
		if (n == -EINTR)
			continue;
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++)
			complete_one(&evs[i]);
		if (n < 64)
			break;
	}
}

int mte_aio_start(unsigned int depth)
{
	int rc;
	memset(&aio.ctx, 0, sizeof(aio.ctx));
	rc = io_setup((int)depth, &aio.ctx);
	if (rc < 0) {
		MTE_LOG(SYS_LOG_ERR, "io_setup(%u): %s", depth, strerror(-rc));
		return rc;
	}
	aio.evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (aio.evfd < 0) {
		rc = -errno;
		goto fail;
	}
	rc = mte_fd_watch_create(&aio.watch, mte_aio_loop(), aio.evfd, reap, NULL);
	if (rc)
		goto fail;
	rc = mte_fd_watch_enable(aio.watch, SYS_EV_IN);
	if (rc)
		goto fail;
	aio.slots = depth;
	aio.started = true;
	return 0;
fail:
	if (aio.watch)
		mte_fd_watch_destroy(aio.watch);
	aio.watch = NULL;
	if (aio.evfd >= 0)
		close(aio.evfd);
	aio.evfd = -1;
	io_destroy(aio.ctx);
	return rc;
}

void mte_aio_stop(void)
{
	if (!aio.started)
		return;
	aio.started = false;
	mte_fd_watch_destroy(aio.watch);
	aio.watch = NULL;
	close(aio.evfd);
	aio.evfd = -1;
	io_destroy(aio.ctx);
}
