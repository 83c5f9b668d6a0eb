// SPDX-License-Identifier: GPL-2.0
/*
 * bdev_pool.c - worker threads ("mte_io/N") running block requests synchronously:
 * preadv/pwritev (short transfers continued; end of file -> -EIO), FUA as pwritev2(RWF_DSYNC)
 * or pwritev + fdatasync, FLUSH as fdatasync, DISCARD/WRITE_ZEROES as fallocate on files
 * (write-zeroes without ZERO_RANGE support: punch a hole, then allocate it) and
 * BLKDISCARD/BLKZEROOUT on block devices. The queue is a FIFO under a mutex; idle workers
 * sleep on a condition variable.
 */
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mte_bdev.h"

#define MAX_WORKERS 64
#define IOV_WINDOW 64

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct sys_bio_req *head, *tail;
	bool stop;
	unsigned int nworkers;
	struct sys_thread *workers[MAX_WORKERS];
} pool = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

void mte_pool_queue(struct sys_bio_req *req)
{
	pool_work_of(req)->next = NULL;
	pthread_mutex_lock(&pool.lock);
	if (pool.tail)
		pool_work_of(pool.tail)->next = req;
	else
		pool.head = req;
	pool.tail = req;
	pthread_cond_signal(&pool.cond);
	pthread_mutex_unlock(&pool.lock);
}

/* Transfer req's iov from byte @done on; returns the total or -errno. */
static long rw_loop(int fd, struct sys_bio_req *req, uint64_t done, bool write, bool dsync,
		    bool *dsync_ok)
{
	const uint64_t total = mte_bio_bytes(req);
	struct iovec win[IOV_WINDOW];

	while (done < total) {
		/* locate the iov segment holding byte `done` and build a window from there */
		int i = 0;
		uint64_t skip = done;
		while (skip >= req->iov[i].len) {
			skip -= req->iov[i].len;
			i++;
		}
		int n = 0;
		for (; i < req->iovcnt && n < IOV_WINDOW; i++) {
			if (req->iov[i].len == skip)
				continue;
			win[n].iov_base = (char *)req->iov[i].base + skip;
			win[n].iov_len = req->iov[i].len - skip;
			skip = 0;
			n++;
		}
		off_t off = (off_t)(req->offset + done);
		ssize_t r;
		if (!write)
			r = preadv(fd, win, n, off);
		else if (dsync && __atomic_load_n(dsync_ok, __ATOMIC_RELAXED)) {
			r = pwritev2(fd, win, n, off, RWF_DSYNC);
			if (r < 0 && (errno == EOPNOTSUPP || errno == EINVAL)) {
				__atomic_store_n(dsync_ok, false, __ATOMIC_RELAXED);
				continue;
			}
		} else
			r = pwritev(fd, win, n, off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -EIO; /* end of file inside the device */
		done += (uint64_t)r;
	}
	if (write && dsync && !__atomic_load_n(dsync_ok, __ATOMIC_RELAXED) && fdatasync(fd))
		return -errno;
	return (long)total;
}

static long range_op(struct sys_bdev *b, struct sys_bio_req *req)
{
	static bool unsupported_logged;
	int rc;
	if (b->is_blk) {
		uint64_t range[2] = { req->offset, req->len };
		rc = ioctl(b->bfd, req->op == SYS_BIO_DISCARD ? BLKDISCARD : BLKZEROOUT, range);
	} else if (req->op == SYS_BIO_WRITE_ZEROES && b->zero_by_punch) {
		rc = fallocate(b->bfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			       (off_t)req->offset, (off_t)req->len);
		if (!rc)
			rc = fallocate(b->bfd, FALLOC_FL_KEEP_SIZE, (off_t)req->offset,
				       (off_t)req->len);
	} else {
		int mode = FALLOC_FL_KEEP_SIZE | (req->op == SYS_BIO_DISCARD ? FALLOC_FL_PUNCH_HOLE
									    : FALLOC_FL_ZERO_RANGE);
		rc = fallocate(b->bfd, mode, (off_t)req->offset, (off_t)req->len);
	}
	if (!rc)
		return 0;
	int e = errno;
	if (e == EOPNOTSUPP || e == ENOTTY) {
		if (mte_once(&unsupported_logged))
			MTE_LOG(SYS_LOG_WARNING, "%s: %s not supported by the host (logged once)",
				b->path, req->op == SYS_BIO_DISCARD ? "discard" : "write-zeroes");
		return -EOPNOTSUPP;
	}
	return -e;
}

static long run_request(struct sys_bio_req *req)
{
	struct pool_work *w = pool_work_of(req);
	struct sys_bdev *b = w->b;
	int fd = w->use_direct_fd ? b->fd : b->bfd;

	if (w->kind == POOL_FAIL)
		return w->error;
	switch (req->op) {
	case SYS_BIO_READ:
		return rw_loop(fd, req, w->done, false, false, NULL);
	case SYS_BIO_WRITE:
		return rw_loop(fd, req, w->done, true, req->flags & SYS_BIO_FUA, &b->rwf_dsync);
	case SYS_BIO_FLUSH:
		return fdatasync(b->bfd) ? -errno : 0;
	case SYS_BIO_DISCARD:
	case SYS_BIO_WRITE_ZEROES:
		return range_op(b, req);
	}
	return -EINVAL;
}

static void worker_main(void *unused)
{
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		while (!pool.head && !pool.stop)
			pthread_cond_wait(&pool.cond, &pool.lock);
		if (!pool.head)
			break; /* stop requested and nothing left */
		struct sys_bio_req *req = pool.head;
		pool.head = pool_work_of(req)->next;
		if (!pool.head)
			pool.tail = NULL;
		pthread_mutex_unlock(&pool.lock);
		long res = run_request(req);
		mte_bdev_complete(pool_work_of(req)->b, req, res);
		pthread_mutex_lock(&pool.lock);
	}
	pthread_mutex_unlock(&pool.lock);
}

int mte_pool_start(unsigned int workers)
{
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	pool.stop = false;
	for (unsigned int i = 0; i < workers; i++) {
		char name[16];
		snprintf(name, sizeof(name), "mte_io/%u", i % 100u);
		int rc = mte_thread_create(&pool.workers[i], name, worker_main, NULL);
		if (rc) {
			pool.nworkers = i;
			mte_pool_stop();
			return rc;
		}
	}
	pool.nworkers = workers;
	return 0;
}

void mte_pool_stop(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.stop = true;
	pthread_cond_broadcast(&pool.cond);
	pthread_mutex_unlock(&pool.lock);
	for (unsigned int i = 0; i < pool.nworkers; i++)
		mte_thread_join(pool.workers[i]);
	pool.nworkers = 0;
}
