// SPDX-License-Identifier: GPL-2.0
/*
 * bdev.c - bdev_open/refresh/close and the routing of bdev_submit:
 *   aligned READ/WRITE and FLUSH on an O_DIRECT bdev -> libaio (bdev_aio.c);
 *   everything else (buffered bdevs, misaligned buffers, DISCARD, WRITE_ZEROES, errors found
 *   at submission, libaio refusals) -> the worker pool (bdev_pool.c).
 * Requests beyond the end of the device fail with -EIO, as the kernel's block layer does.
 */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mte_bdev.h"

uint64_t mte_bio_bytes(const struct sys_bio_req *req)
{
	uint64_t n = 0;
	for (int i = 0; i < req->iovcnt; i++)
		n += req->iov[i].len;
	return n;
}

bool mte_bio_aligned(const struct sys_bdev *b, const struct sys_bio_req *req)
{
	uint64_t mask = b->dio_align - 1;
	if (req->offset & mask)
		return false;
	for (int i = 0; i < req->iovcnt; i++)
		if (((uintptr_t)req->iov[i].base | req->iov[i].len) & mask)
			return false;
	return true;
}

void mte_bdev_complete(struct sys_bdev *b, struct sys_bio_req *req, long result)
{
	req->done(req, result);
	if (__atomic_sub_fetch(&b->inflight, 1, __ATOMIC_ACQ_REL) == BDEV_CLOSING)
		mte_futex_wake(&b->inflight, INT32_MAX);
}

/* ---------------------------------------------------------------------- geometry */

static uint64_t sysfs_queue_value(const struct stat *st, const char *attr)
{
	char path[96], buf[32];
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/%s", major(st->st_rdev),
		 minor(st->st_rdev), attr);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return strtoull(buf, NULL, 10);
}

static int read_geometry(struct sys_bdev *b)
{
	struct stat st;
	if (fstat(b->bfd, &st))
		return -errno;
	if (b->is_blk) {
		uint64_t size;
		int lbs = 512;
		unsigned int pbs = 512;
		if (ioctl(b->bfd, BLKGETSIZE64, &size))
			return -errno;
		if (ioctl(b->bfd, BLKSSZGET, &lbs) || lbs <= 0)
			lbs = 512;
		if (ioctl(b->bfd, BLKPBSZGET, &pbs) || !pbs)
			pbs = (unsigned int)lbs;
		__atomic_store_n(&b->size, size, __ATOMIC_RELAXED);
		b->lbs = (uint32_t)lbs;
		b->pbs = pbs;
		b->dio_align = b->lbs;
		b->discard = sysfs_queue_value(&st, "discard_max_bytes") > 0;
		b->write_zeroes = true; /* BLKZEROOUT writes zeros where the device cannot */
	} else {
		__atomic_store_n(&b->size, (uint64_t)st.st_size, __ATOMIC_RELAXED);
		b->lbs = 512;
		b->pbs = st.st_blksize > 0 ? (uint32_t)st.st_blksize : 4096;
		b->dio_align = 512;
#ifdef STATX_DIOALIGN
		struct statx sx;
		if (b->direct && !statx(b->fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) &&
		    (sx.stx_mask & STATX_DIOALIGN)) {
			uint32_t a = sx.stx_dio_offset_align > sx.stx_dio_mem_align
					     ? sx.stx_dio_offset_align
					     : sx.stx_dio_mem_align;
			if (a > b->dio_align)
				b->dio_align = a;
		}
#endif
	}
	return 0;
}

/* Can the filesystem punch holes / zero ranges? Probed beyond EOF (KEEP_SIZE), where it
 * cannot change what the file holds; the zero-range probe's block is punched again. Without
 * ZERO_RANGE (tmpfs) write-zeroes is a hole punch followed by a plain allocation. */
static void probe_file_ops(struct sys_bdev *b, bool writable)
{
	if (!writable) {
		b->discard = b->write_zeroes = false;
		return;
	}
	off_t end = (off_t)__atomic_load_n(&b->size, __ATOMIC_RELAXED);
	off_t pos = (end + (off_t)b->pbs - 1) / (off_t)b->pbs * (off_t)b->pbs + (off_t)b->pbs;
	b->discard = !fallocate(b->bfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, pos, b->pbs);
	b->write_zeroes = !fallocate(b->bfd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, pos, b->pbs);
	if (!b->write_zeroes && b->discard &&
	    !fallocate(b->bfd, FALLOC_FL_KEEP_SIZE, pos, b->pbs)) {
		b->write_zeroes = true;
		b->zero_by_punch = true;
	}
	if (b->write_zeroes && b->discard)
		fallocate(b->bfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, pos, b->pbs);
}

static void fill_info(const struct sys_bdev *b, struct sys_bdev_info *info)
{
	if (!info)
		return;
	memset(info, 0, sizeof(*info));
	info->size_bytes = __atomic_load_n(&b->size, __ATOMIC_RELAXED);
	info->logical_block_size = b->lbs;
	info->physical_block_size = b->pbs;
	info->is_block_device = b->is_blk;
	info->direct = b->direct;
	info->discard = b->discard;
	info->write_zeroes = b->write_zeroes;
}

/* ---------------------------------------------------------------------- open/close */

int mte_bdev_open(struct sys_bdev **out, const char *path, uint32_t flags,
		  struct sys_bdev_info *info)
{
	static bool direct_refused_logged;
	struct stat st;
	int acc, rc;

	if (!(flags & (SYS_BDEV_READ | SYS_BDEV_WRITE)))
		return -EINVAL;
	if (stat(path, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
		return -ENOTBLK;
	acc = (flags & SYS_BDEV_WRITE) ? ((flags & SYS_BDEV_READ) ? O_RDWR : O_WRONLY) : O_RDONLY;
	acc |= O_CLOEXEC;

	size_t plen = strlen(path) + 1;
	struct sys_bdev *b = mte_mem_zalloc(sizeof(*b) + plen, 0, "mte.bdev");
	if (!b)
		return -ENOMEM;
	memcpy(b->path, path, plen);
	b->is_blk = S_ISBLK(st.st_mode);
	b->fd = b->bfd = -1;
	b->aio_fdsync = true;
	b->rwf_dsync = true;
	int excl = (b->is_blk && (flags & SYS_BDEV_EXCL)) ? O_EXCL : 0;

	if (!(flags & SYS_BDEV_NODIRECT)) {
		b->fd = open(path, acc | excl | O_DIRECT);
		if (b->fd >= 0) {
			b->direct = true;
		} else if (errno == EINVAL) {
			if (mte_once(&direct_refused_logged))
				MTE_LOG(SYS_LOG_NOTICE,
					"%s: O_DIRECT refused by the filesystem, using buffered I/O "
					"on worker threads (logged once)", path);
		} else {
			rc = -errno;
			goto fail;
		}
	}
	/* the buffered fd: the only fd, or the companion of the O_DIRECT one */
	b->bfd = open(path, acc | (b->direct ? 0 : excl));
	if (b->bfd < 0) {
		rc = errno == EBUSY ? -EBUSY : -errno;
		goto fail;
	}
	if (!b->direct)
		b->fd = b->bfd;
	if (!b->is_blk && (flags & SYS_BDEV_EXCL) && flock(b->fd, LOCK_EX | LOCK_NB)) {
		rc = errno == EWOULDBLOCK ? -EBUSY : -errno;
		goto fail;
	}
	rc = read_geometry(b);
	if (rc)
		goto fail;
	if (!b->is_blk)
		probe_file_ops(b, flags & SYS_BDEV_WRITE);
	fill_info(b, info);
	*out = b;
	return 0;
fail:
	if (b->fd >= 0 && b->fd != b->bfd)
		close(b->fd);
	if (b->bfd >= 0)
		close(b->bfd);
	mte_mem_free(b);
	return rc;
}

/* The size is all that changes while a file or block device is open (a file grows or
 * shrinks, an LV is extended); block sizes and alignment stay what open() found, so the I/O
 * path may read them without a lock while this runs on any thread. */
static int read_size(struct sys_bdev *b)
{
	struct stat st;
	uint64_t size;

	if (fstat(b->bfd, &st))
		return -errno;
	if (b->is_blk) {
		if (ioctl(b->bfd, BLKGETSIZE64, &size))
			return -errno;
	} else {
		size = (uint64_t)st.st_size;
	}
	__atomic_store_n(&b->size, size, __ATOMIC_RELAXED);
	return 0;
}

int mte_bdev_refresh(struct sys_bdev *b, struct sys_bdev_info *info)
{
	int rc = read_size(b);
	if (!rc)
		fill_info(b, info);
	return rc;
}

void mte_bdev_close(struct sys_bdev *b)
{
	if (!b)
		return;
	uint32_t v = __atomic_or_fetch(&b->inflight, BDEV_CLOSING, __ATOMIC_ACQ_REL);
	while (v != BDEV_CLOSING) {
		mte_futex_wait(&b->inflight, v, 0);
		v = __atomic_load_n(&b->inflight, __ATOMIC_ACQUIRE);
	}
	if (b->fd != b->bfd)
		close(b->fd);
	close(b->bfd); /* also drops the flock */
	mte_mem_free(b);
}

/* ---------------------------------------------------------------------- submission */

static void submit_error(struct sys_bdev *b, struct sys_bio_req *req, long err)
{
	struct pool_work *w = pool_work_of(req);
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->kind = POOL_FAIL;
	w->error = err;
	mte_pool_queue(req);
}

void mte_bdev_submit(struct sys_bdev *b, struct sys_bio_req *req)
{
	__atomic_add_fetch(&b->inflight, 1, __ATOMIC_ACQ_REL);
	uint64_t size = __atomic_load_n(&b->size, __ATOMIC_RELAXED);
	uint64_t len = 0;

	switch (req->op) {
	case SYS_BIO_READ:
	case SYS_BIO_WRITE:
		if (req->iovcnt < 0 || (req->iovcnt && !req->iov))
			return submit_error(b, req, -EINVAL);
		len = mte_bio_bytes(req);
		break;
	case SYS_BIO_DISCARD:
	case SYS_BIO_WRITE_ZEROES:
		len = req->len;
		if ((req->op == SYS_BIO_DISCARD && !b->discard) ||
		    (req->op == SYS_BIO_WRITE_ZEROES && !b->write_zeroes))
			return submit_error(b, req, -EOPNOTSUPP);
		break;
	case SYS_BIO_FLUSH:
		break;
	default:
		return submit_error(b, req, -EINVAL);
	}
	if (req->offset > size || len > size - req->offset)
		return submit_error(b, req, -EIO);

	bool aligned = b->direct && req->op != SYS_BIO_DISCARD &&
		       req->op != SYS_BIO_WRITE_ZEROES && mte_bio_aligned(b, req);
	if (aligned && mte_aio_submit(b, req))
		return;
	struct pool_work *w = pool_work_of(req);
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->kind = POOL_RUN;
	w->use_direct_fd = aligned;
	mte_pool_queue(req);
}

int mte_bdev_start(const struct mte_options *opts)
{
	unsigned int workers = opts && opts->aio_workers ? opts->aio_workers : 4;
	unsigned int depth = opts && opts->aio_depth ? opts->aio_depth : 256;
	int rc = mte_pool_start(workers);
	if (rc)
		return rc;
	rc = mte_aio_start(depth);
	if (rc)
		mte_pool_stop();
	return rc;
}

void mte_bdev_stop(void)
{
	mte_aio_stop();
	mte_pool_stop();
}
