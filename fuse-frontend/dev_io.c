// SPDX-License-Identifier: GPL-2.0
/*
 * dev_io.c - device files: a FUSE open is a blkdev open of the disk (the driver may refuse:
 * DRBD Secondary -> EROFS for writing, EMEDIUMTYPE for reading without allow_oos), and
 * every read, write, fsync, flush and fallocate becomes bios through umc/blk_host.h,
 * answered from the bio completion (any thread) so that many requests are in flight.
 *
 * Zero copy: the request loop (fuse_loop.c) received the request into a page-aligned buffer
 * of umc's page arena; a write's payload is handed to the bios where it lies, and read data
 * is placed in the same buffer and sent from there. The handler keeps the buffer (ffl_keep)
 * until the reply went out; the request's state lives in the buffer's scratch area.
 *
 * Semantics follow a Linux block device file: writes starting at or beyond the end fail with
 * ENOSPC and are shortened at the end; reads there return 0 bytes; writing to a read-only disk
 * gives EPERM. Requests need not be aligned to the logical block size (the kernel's page
 * cache makes that work on a block device; programs such as e2fsprogs write single bytes of
 * the superblock): reads fetch the covering blocks and return the asked part; an unaligned
 * write is a read-modify-write of its first and last block, done while no other write to the
 * disk is in flight and none starts (struct fe_disk), so that it cannot undo a concurrent
 * write to the same block. fsync/fdatasync send an empty REQ_PREFLUSH bio, and so does the flush at close() if
 * the descriptor wrote since its last flush. fallocate: PUNCH_HOLE|KEEP_SIZE -> discard,
 * ZERO_RANGE -> write zeroes, other modes EOPNOTSUPP.
 */
#define _GNU_SOURCE
#include "fe_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "blk_host.h"
#include "fuse_loop.h"

/*
 * One disk, shared by its open files: the gate between writes in flight and an unaligned
 * write's read-modify-write. Writes (and discards, zero-outs) count themselves in flight
 * from submission to completion; a read-modify-write waits until none is in flight and
 * holds new ones back until it is done.
 */
struct fe_disk {
	uint32_t major, minor;
	int refs;                /* open files (disks_lock) */
	struct fe_disk *next;    /* disks */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int writes;     /* in flight */
	unsigned int rmw_waiting;
	bool rmw_active;
};

/* One open device file (fuse_file_info::fh). */
struct fe_devfile {
	struct umc_blk_handle *h;
	struct fe_disk *disk;
	fuse_ino_t ino;
	bool writable;
	bool dirty;              /* wrote since the last flush (atomic access) */
	struct fe_devfile *prev, *next; /* open_files */
};

/* State of one request in flight, in the scratch area of its receive buffer. */
struct fe_io {
	struct umc_blk_io io;
	struct umc_blk_iovec iov;
	fuse_req_t req;
	struct ffl_buf *buf;
	struct fe_disk *gate;    /* counted in gate->writes until completion, or NULL */
	enum { FE_IO_READ, FE_IO_WRITE, FE_IO_STATUS } kind;
	const char *data;        /* READ: the asked bytes within the buffer */
	size_t count;            /* READ/WRITE: bytes to report */
};

_Static_assert(sizeof(struct fe_io) <= FFL_CTX_BYTES, "fe_io must fit in the scratch area");

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fe_devfile *open_files;
static pthread_mutex_t disks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fe_disk *disks;

/* ---------------------------------------------------------------- the write gate */
static struct fe_disk *disk_get(uint32_t major, uint32_t minor)
{
	struct fe_disk *d;

	pthread_mutex_lock(&disks_lock);
	for (d = disks; d; d = d->next)
		if (d->major == major && d->minor == minor)
			break;
	if (!d) {
		d = calloc(1, sizeof(*d));
		if (d) {
			d->major = major;
			d->minor = minor;
			pthread_mutex_init(&d->lock, NULL);
			pthread_cond_init(&d->cond, NULL);
			d->next = disks;
			disks = d;
		}
	}
	if (d)
		d->refs++;
	pthread_mutex_unlock(&disks_lock);
	return d;
}

static void disk_put(struct fe_disk *d)
{
	struct fe_disk **pp;

	pthread_mutex_lock(&disks_lock);
	if (--d->refs) {
		pthread_mutex_unlock(&disks_lock);
		return;
	}
	for (pp = &disks; *pp != d; pp = &(*pp)->next)
		;
	*pp = d->next;
	pthread_mutex_unlock(&disks_lock);
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->cond);
	free(d);
}

/* An aligned write starts: wait while a read-modify-write runs or waits. */
static void gate_write_begin(struct fe_disk *d)
{
	pthread_mutex_lock(&d->lock);
	while (d->rmw_active || d->rmw_waiting)
		pthread_cond_wait(&d->cond, &d->lock);
	d->writes++;
	pthread_mutex_unlock(&d->lock);
}

/* ... and completes (on a completion thread: only a short critical section). */
static void gate_write_end(struct fe_disk *d)
{
	pthread_mutex_lock(&d->lock);
	if (!--d->writes && d->rmw_waiting)
		pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(&d->lock);
}

static void gate_rmw_begin(struct fe_disk *d)
{
	pthread_mutex_lock(&d->lock);
	d->rmw_waiting++;
	while (d->writes || d->rmw_active)
		pthread_cond_wait(&d->cond, &d->lock);
	d->rmw_waiting--;
	d->rmw_active = true;
	pthread_mutex_unlock(&d->lock);
}

static void gate_rmw_end(struct fe_disk *d)
{
	pthread_mutex_lock(&d->lock);
	d->rmw_active = false;
	pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(&d->lock);
}

/* ---------------------------------------------------------------- attributes */
int fe_dev_stat(const struct fe_node *n, struct stat *st)
{
	struct umc_blk_disk_info info;

	if (umc_blk_disk_get(n->major, n->minor, &info))
		return -ENOENT;
	memset(st, 0, sizeof(*st));
	st->st_ino = n->ino;
	/* a read-only disk (DRBD Secondary) shows without write permission */
	st->st_mode = S_IFREG | (info.read_only ? fe.dev_mode & 0444 : fe.dev_mode);
	st->st_nlink = 1;
	st->st_uid = fe.uid;
	st->st_gid = fe.gid;
	st->st_size = (off_t)info.capacity;
	st->st_blksize = info.physical_block_size > 4096 ? info.physical_block_size : 4096;
	st->st_blocks = (blkcnt_t)(info.capacity >> 9);
	st->st_atime = st->st_mtime = st->st_ctime = fe.mounted;
	return 0;
}

/* ---------------------------------------------------------------- open / close */
static void open_list_add(struct fe_devfile *df)
{
	pthread_mutex_lock(&open_lock);
	df->prev = NULL;
	df->next = open_files;
	if (open_files)
		open_files->prev = df;
	open_files = df;
	pthread_mutex_unlock(&open_lock);
}

static void open_list_del(struct fe_devfile *df)
{
	pthread_mutex_lock(&open_lock);
	if (df->prev)
		df->prev->next = df->next;
	else
		open_files = df->next;
	if (df->next)
		df->next->prev = df->prev;
	pthread_mutex_unlock(&open_lock);
}

void fe_dev_open(fuse_req_t req, const struct fe_node *n, struct fuse_file_info *fi)
{
	unsigned int mode;
	struct fe_devfile *df;
	int rc;

	switch (fi->flags & O_ACCMODE) {
	case O_RDONLY: mode = UMC_BLK_OPEN_READ; break;
	case O_WRONLY: mode = UMC_BLK_OPEN_WRITE; break;
	default: mode = UMC_BLK_OPEN_READ | UMC_BLK_OPEN_WRITE; break;
	}
	df = calloc(1, sizeof(*df));
	if (!df) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	df->disk = disk_get(n->major, n->minor);
	if (!df->disk) {
		free(df);
		fuse_reply_err(req, ENOMEM);
		return;
	}
	rc = umc_blk_open(n->major, n->minor, mode, &df->h);
	if (rc) {
		/* DRBD Secondary: EROFS (open for writing), EMEDIUMTYPE (reading, no allow_oos) */
		disk_put(df->disk);
		free(df);
		fuse_reply_err(req, rc == -ENXIO ? ENOENT : -rc);
		return;
	}
	df->ino = n->ino;
	df->writable = mode & UMC_BLK_OPEN_WRITE;
	open_list_add(df);
	fi->fh = (uint64_t)(uintptr_t)df;
	fi->direct_io = 1;
	fi->keep_cache = 0;
	ffl_set_open_flags(FFL_FOPEN_PARALLEL_DIRECT_WRITES);
	if (fuse_reply_open(req, fi)) {
		/* the open was interrupted: no RELEASE will come for it */
		open_list_del(df);
		umc_blk_close(df->h);
		disk_put(df->disk);
		free(df);
	}
}

static void devfile_close(struct fe_devfile *df)
{
	umc_blk_close(df->h);
	disk_put(df->disk);
	free(df);
}

void fe_dev_release(fuse_req_t req, struct fuse_file_info *fi)
{
	struct fe_devfile *df = (struct fe_devfile *)(uintptr_t)fi->fh;

	/* the kernel sends RELEASE once every request of the file was answered */
	open_list_del(df);
	devfile_close(df);
	fuse_reply_err(req, 0);
}

void fe_dev_close_all(void)
{
	struct fe_devfile *df;

	pthread_mutex_lock(&open_lock);
	df = open_files;
	open_files = NULL;
	pthread_mutex_unlock(&open_lock);
	while (df) {
		struct fe_devfile *next = df->next;

		devfile_close(df);
		df = next;
	}
}

/* ---------------------------------------------------------------- requests */
static void io_done(struct umc_blk_io *io, int error)
{
	struct fe_io *r = io->priv;
	const void *saved;

	/* before the reply: once it is out, the file may be released */
	if (r->gate)
		gate_write_end(r->gate);
	saved = ffl_route_push(r->buf);
	if (error)
		fuse_reply_err(r->req, -error);
	else if (r->kind == FE_IO_READ)
		fuse_reply_buf(r->req, r->data, r->count);
	else if (r->kind == FE_IO_WRITE)
		fuse_reply_write(r->req, r->count);
	else
		fuse_reply_err(r->req, 0);
	ffl_route_pop(saved);
	ffl_release(r->buf);
}

/* Keep the current receive buffer and set up the request state in it. */
static struct fe_io *start_io(fuse_req_t req, int kind)
{
	struct ffl_buf *b = ffl_keep();
	struct fe_io *r;

	if (!b)
		return NULL;
	r = ffl_buf_ctx(b);
	memset(r, 0, sizeof(*r));
	r->req = req;
	r->buf = b;
	r->kind = kind;
	r->io.priv = r;
	r->io.done = io_done;
	return r;
}

static struct fe_devfile *devfile(struct fuse_file_info *fi)
{
	return (struct fe_devfile *)(uintptr_t)fi->fh;
}

void fe_dev_read(fuse_req_t req, size_t size, off_t off, struct fuse_file_info *fi)
{
	struct fe_devfile *df = devfile(fi);
	struct umc_blk_disk_info info;
	uint64_t start, end, lbs;
	struct fe_io *r;
	size_t cap;
	char *data;

	umc_blk_handle_info(df->h, &info);
	if (off < 0 || (uint64_t)off >= info.capacity || !size) {
		fuse_reply_buf(req, NULL, 0);
		return;
	}
	if (size > info.capacity - (uint64_t)off)
		size = (size_t)(info.capacity - (uint64_t)off);
	lbs = info.logical_block_size;
	start = (uint64_t)off & ~(lbs - 1);
	end = ((uint64_t)off + size + lbs - 1) & ~(lbs - 1);
	r = start_io(req, FE_IO_READ);
	if (!r) {
		fuse_reply_err(req, EIO);
		return;
	}
	data = ffl_buf_data(r->buf, &cap);
	if (end - start > cap) {
		ffl_release(r->buf);
		fuse_reply_err(req, EINVAL);
		return;
	}
	r->data = data + ((uint64_t)off - start);
	r->count = size;
	r->iov.base = data;
	r->iov.len = (size_t)(end - start);
	r->io.op = UMC_BLK_READ;
	r->io.offset = start;
	r->io.iov = &r->iov;
	r->io.iovcnt = 1;
	umc_blk_submit(df->h, &r->io);
}

/* ---- synchronous requests (read-modify-write, on a worker) ---- */
struct sync_io {
	struct umc_blk_io io;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
	int error;
};

static void sync_done(struct umc_blk_io *io, int error)
{
	struct sync_io *s = io->priv;

	pthread_mutex_lock(&s->lock);
	s->error = error;
	s->done = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static int sync_rw(struct fe_devfile *df, enum umc_blk_op op, uint64_t off, void *buf,
		   size_t len)
{
	struct umc_blk_iovec v = { buf, len };
	struct sync_io s = { .io = { .op = op, .offset = off, .iov = &v, .iovcnt = 1,
				     .done = sync_done } };

	s.io.priv = &s;
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	umc_blk_submit(df->h, &s.io);
	pthread_mutex_lock(&s.lock);
	while (!s.done)
		pthread_cond_wait(&s.cond, &s.lock);
	pthread_mutex_unlock(&s.lock);
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
	return s.error;
}

/*
 * A write that does not cover whole blocks: read its first and last block, put the data in,
 * write the blocks back, with the disk's other writes held off meanwhile. Replies itself.
 */
static void write_rmw(fuse_req_t req, struct fe_devfile *df, const char *data, size_t size,
		      uint64_t off, uint32_t lbs)
{
	uint64_t start = off & ~((uint64_t)lbs - 1);
	uint64_t end = (off + size + lbs - 1) & ~((uint64_t)lbs - 1);
	size_t len = (size_t)(end - start);
	char *buf = umc_blk_buf_alloc(len);
	int rc = 0;

	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	gate_rmw_begin(df->disk);
	if (start != off)
		rc = sync_rw(df, UMC_BLK_READ, start, buf, lbs);
	if (!rc && (off + size) != end && (end - lbs != start || start == off))
		rc = sync_rw(df, UMC_BLK_READ, end - lbs, buf + len - lbs, lbs);
	if (!rc) {
		memcpy(buf + (off - start), data, size);
		rc = sync_rw(df, UMC_BLK_WRITE, start, buf, len);
	}
	gate_rmw_end(df->disk);
	umc_blk_buf_free(buf, len);
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_write(req, size);
}

void fe_dev_write(fuse_req_t req, struct fuse_bufvec *bufv, off_t off, struct fuse_file_info *fi)
{
	struct fe_devfile *df = devfile(fi);
	struct umc_blk_disk_info info;
	size_t size = fuse_buf_size(bufv);
	struct fe_io *r;

	if (bufv->count != 1 || (bufv->buf[0].flags & FUSE_BUF_IS_FD)) {
		fuse_reply_err(req, EIO);
		return;
	}
	if (!df->writable) {
		fuse_reply_err(req, EBADF);
		return;
	}
	if (!size) {
		fuse_reply_write(req, 0);
		return;
	}
	umc_blk_handle_info(df->h, &info);
	if (off < 0 || (uint64_t)off >= info.capacity) {
		fuse_reply_err(req, ENOSPC);
		return;
	}
	if (info.read_only) {
		fuse_reply_err(req, EPERM);
		return;
	}
	if (size > info.capacity - (uint64_t)off)
		size = (size_t)(info.capacity - (uint64_t)off);
	__atomic_store_n(&df->dirty, true, __ATOMIC_RELAXED);
	if (((uint64_t)off | size) & (info.logical_block_size - 1)) {
		write_rmw(req, df, bufv->buf[0].mem, size, (uint64_t)off, info.logical_block_size);
		return;
	}
	r = start_io(req, FE_IO_WRITE);
	if (!r) {
		fuse_reply_err(req, EIO);
		return;
	}
	r->count = size;
	r->iov.base = bufv->buf[0].mem;
	r->iov.len = size;
	r->io.op = UMC_BLK_WRITE;
	r->io.offset = (uint64_t)off;
	r->io.iov = &r->iov;
	r->io.iovcnt = 1;
	gate_write_begin(df->disk);
	r->gate = df->disk;
	umc_blk_submit(df->h, &r->io);
}

static void submit_status(fuse_req_t req, struct fe_devfile *df, enum umc_blk_op op,
			  uint64_t off, uint64_t len)
{
	struct fe_io *r = start_io(req, FE_IO_STATUS);

	if (!r) {
		fuse_reply_err(req, EIO);
		return;
	}
	r->io.op = op;
	r->io.offset = off;
	r->io.len = len;
	if (op != UMC_BLK_FLUSH) {
		gate_write_begin(df->disk);
		r->gate = df->disk;
	}
	umc_blk_submit(df->h, &r->io);
}

void fe_dev_flush(fuse_req_t req, struct fuse_file_info *fi, bool fsync)
{
	struct fe_devfile *df = devfile(fi);
	bool dirty = __atomic_exchange_n(&df->dirty, false, __ATOMIC_RELAXED);

	/* close(): only a descriptor that wrote pays for a device flush */
	if (!fsync && !dirty) {
		fuse_reply_err(req, 0);
		return;
	}
	submit_status(req, df, UMC_BLK_FLUSH, 0, 0);
}

void fe_dev_fallocate(fuse_req_t req, int mode, off_t off, off_t len, struct fuse_file_info *fi)
{
	struct fe_devfile *df = devfile(fi);
	struct umc_blk_disk_info info;
	enum umc_blk_op op;
	uint64_t end;

	switch (mode) {
	case FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE:
		op = UMC_BLK_DISCARD;
		break;
	case FALLOC_FL_ZERO_RANGE:
	case FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE:
		op = UMC_BLK_WRITE_ZEROES;
		break;
	default:
		fuse_reply_err(req, EOPNOTSUPP);
		return;
	}
	if (!df->writable) {
		fuse_reply_err(req, EBADF);
		return;
	}
	umc_blk_handle_info(df->h, &info);
	/* the range checks of blkdev_fallocate */
	if (off < 0 || len <= 0 || (uint64_t)off >= info.capacity) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	end = (uint64_t)off + (uint64_t)len;
	if (end > info.capacity) {
		if (!(mode & FALLOC_FL_KEEP_SIZE)) {
			fuse_reply_err(req, EINVAL);
			return;
		}
		end = info.capacity;
	}
	if (((uint64_t)off | end) & (info.logical_block_size - 1)) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	__atomic_store_n(&df->dirty, true, __ATOMIC_RELAXED);
	submit_status(req, df, op, (uint64_t)off, end - (uint64_t)off);
}
