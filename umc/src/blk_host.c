// SPDX-License-Identifier: GPL-2.0
/*
 * blk_host.c - the block layer's disks for host-world code (umc/blk_host.h): enumeration,
 * uevent-based change notification, opening through the driver's fops->open, and
 * asynchronous bios built over caller memory (zero copy for arena memory, bounce pages
 * otherwise).
 *
 * A request becomes one or more bios sharing a completion count (one extra count held by
 * the submitter while it builds them, so that a bio completing inside submit_bio() cannot
 * finish the request early). The first error of any bio is the request's result.
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/printk.h>
#include <linux/log2.h>
#include <umc/uevent.h>
#include <umc/blk_host.h>
#include <sys_service.h>

#include "blk_internal.h"

struct umc_blk_handle {
	struct block_device *bdev;
	fmode_t mode;
};

struct umc_blk_watch {
	struct umc_uevent_listener listener;
	umc_blk_event_fn fn;
	void *ctx;
};

/* The bridge's state of one request, kept in umc_blk_io::bridge_priv. */
struct io_state {
	atomic_t pending;      /* bios in flight + the submitter's count */
	int error;             /* first error (cmpxchg from 0) */
	char *bounce;          /* arena copy of foreign data, or NULL */
	unsigned int bounce_order;
};

/* Discard / write-zeroes bios carry at most this many bytes (a multiple of 4 KiB). */
#define RANGE_PIECE_BYTES (1U << 30)

/* ---------------------------------------------------------------- enumeration */
static bool disk_visible(struct gendisk *disk)
{
	return !disk->umc_file && !(disk->flags & GENHD_FL_HIDDEN);
}

static void fill_info(struct gendisk *disk, struct umc_blk_disk_info *out)
{
	struct request_queue *q = disk->queue;

	memset(out, 0, sizeof(*out));
	strscpy(out->name, disk->disk_name, sizeof(out->name));
	out->major = disk->major;
	out->minor = disk->first_minor;
	out->capacity = (u64)get_capacity(disk) << SECTOR_SHIFT;
	out->logical_block_size = queue_logical_block_size(q);
	out->physical_block_size = queue_physical_block_size(q);
	out->max_io_bytes = queue_max_sectors(q) << SECTOR_SHIFT;
	out->read_only = get_disk_ro(disk);
	out->discard = READ_ONCE(q->limits.max_discard_sectors) != 0;
	out->write_zeroes = READ_ONCE(q->limits.max_write_zeroes_sectors) != 0;
	out->write_cache = test_bit(QUEUE_FLAG_WC, &q->queue_flags);
	out->openers = atomic_read(&disk->part0->bd_openers);
}

struct list_ctx {
	struct umc_blk_disk_info *out;
	unsigned int max;
	unsigned int n;
};

static int list_one(struct gendisk *disk, void *arg)
{
	struct list_ctx *c = arg;

	if (!disk_visible(disk))
		return 0;
	if (c->n < c->max)
		fill_info(disk, &c->out[c->n]);
	c->n++;
	return 0;
}

int umc_blk_disk_list(struct umc_blk_disk_info *out, unsigned int max)
{
	struct list_ctx c = { .out = out, .max = max };

	umc_disk_for_each(list_one, &c);
	return (int)c.n;
}

struct get_ctx {
	dev_t devt;
	struct umc_blk_disk_info *out;
};

static int get_one(struct gendisk *disk, void *arg)
{
	struct get_ctx *c = arg;

	if (!disk_visible(disk) || disk_devt(disk) != c->devt)
		return 0;
	fill_info(disk, c->out);
	return 1;
}

int umc_blk_disk_get(uint32_t major, uint32_t minor, struct umc_blk_disk_info *out)
{
	struct get_ctx c = { .devt = MKDEV(major, minor), .out = out };

	return umc_disk_for_each(get_one, &c) ? 0 : -ENXIO;
}

/* ---------------------------------------------------------------- change notification */
static void watch_event(struct umc_uevent_listener *l, struct kobject *kobj,
			enum kobject_action action, char *const envp[])
{
	struct umc_blk_watch *w = container_of(l, struct umc_blk_watch, listener);
	struct gendisk *disk = umc_kobj_to_disk(kobj);
	struct umc_blk_disk_info info;
	enum umc_blk_event ev;

	(void)envp;
	if (!disk || !disk_visible(disk))
		return;
	switch (action) {
	case KOBJ_ADD:
		ev = UMC_BLK_EV_ADD;
		break;
	case KOBJ_REMOVE:
		ev = UMC_BLK_EV_REMOVE;
		break;
	case KOBJ_CHANGE:
		ev = UMC_BLK_EV_CHANGE;
		break;
	default:
		return;
	}
	fill_info(disk, &info);
	w->fn(w->ctx, ev, &info);
}

int umc_blk_watch_start(struct umc_blk_watch **out, umc_blk_event_fn fn, void *ctx)
{
	struct umc_blk_watch *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return -ENOMEM;
	w->listener.event = watch_event;
	w->fn = fn;
	w->ctx = ctx;
	umc_uevent_listen(&w->listener);
	*out = w;
	return 0;
}

void umc_blk_watch_stop(struct umc_blk_watch *w)
{
	if (!w)
		return;
	umc_uevent_unlisten(&w->listener);
	kfree(w);
}

/* ---------------------------------------------------------------- opening */
int umc_blk_open(uint32_t major, uint32_t minor, unsigned int mode, struct umc_blk_handle **out)
{
	struct umc_blk_handle *h;
	struct block_device *bdev;
	fmode_t fmode = 0;

	if (!(mode & (UMC_BLK_OPEN_READ | UMC_BLK_OPEN_WRITE)))
		return -EINVAL;
	if (mode & UMC_BLK_OPEN_READ)
		fmode |= FMODE_READ;
	if (mode & UMC_BLK_OPEN_WRITE)
		fmode |= FMODE_WRITE;
	if (mode & UMC_BLK_OPEN_EXCL)
		fmode |= FMODE_EXCL;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	bdev = blkdev_get_by_dev(MKDEV(major, minor), fmode, h);
	if (IS_ERR(bdev)) {
		kfree(h);
		return PTR_ERR(bdev);
	}
	if (bdev->bd_disk->umc_file || (bdev->bd_disk->flags & GENHD_FL_HIDDEN)) {
		blkdev_put(bdev, fmode);
		kfree(h);
		return -ENXIO;
	}
	h->bdev = bdev;
	h->mode = fmode;
	*out = h;
	return 0;
}

void umc_blk_close(struct umc_blk_handle *h)
{
	blkdev_put(h->bdev, h->mode);
	kfree(h);
}

void umc_blk_handle_info(struct umc_blk_handle *h, struct umc_blk_disk_info *out)
{
	fill_info(h->bdev->bd_disk, out);
}

/* ---------------------------------------------------------------- completion */
static struct io_state *io_state(struct umc_blk_io *io)
{
	BUILD_BUG_ON(sizeof(struct io_state) > sizeof(io->bridge_priv));
	return (struct io_state *)io->bridge_priv;
}

static void set_error(struct io_state *st, int error)
{
	if (error)
		cmpxchg(&st->error, 0, error);
}

static void copy_bounce(struct umc_blk_io *io, char *bounce, bool to_bounce)
{
	for (int i = 0; i < io->iovcnt; i++) {
		if (to_bounce)
			memcpy(bounce, io->iov[i].base, io->iov[i].len);
		else
			memcpy(io->iov[i].base, bounce, io->iov[i].len);
		bounce += io->iov[i].len;
	}
}

static void io_put(struct umc_blk_io *io)
{
	struct io_state *st = io_state(io);
	int error;

	if (!atomic_dec_and_test(&st->pending))
		return;
	error = READ_ONCE(st->error);
	if (st->bounce) {
		if (!error && io->op == UMC_BLK_READ)
			copy_bounce(io, st->bounce, false);
		free_pages((unsigned long)st->bounce, st->bounce_order);
		st->bounce = NULL;
	}
	io->done(io, error);
}

static void host_end_io(struct bio *bio)
{
	struct umc_blk_io *io = bio->bi_private;

	if (bio->bi_status)
		set_error(io_state(io), blk_status_to_errno(bio->bi_status));
	bio_put(bio);
	io_put(io);
}

static struct bio *new_bio(struct umc_blk_handle *h, struct umc_blk_io *io, unsigned int vecs,
			   blk_opf_t opf, sector_t sector)
{
	struct bio *bio = bio_alloc(h->bdev, vecs, opf, GFP_NOIO);

	bio->bi_iter.bi_sector = sector;
	bio->bi_end_io = host_end_io;
	bio->bi_private = io;
	atomic_inc(&io_state(io)->pending);
	return bio;
}

/* ---------------------------------------------------------------- submission */
/* Can the data go into bios as it is? Arena memory on 512-byte boundaries. */
static bool iov_zero_copy(const struct umc_blk_io *io)
{
	for (int i = 0; i < io->iovcnt; i++) {
		const struct umc_blk_iovec *v = &io->iov[i];

		if (((unsigned long)v->base | v->len) & (SECTOR_SIZE - 1))
			return false;
		if (v->len && !umc_blk_buf_is_arena(v->base, v->len))
			return false;
	}
	return true;
}

static unsigned int pages_spanned(const void *p, size_t len)
{
	unsigned long start = (unsigned long)p >> PAGE_SHIFT;
	unsigned long end = ((unsigned long)p + len + PAGE_SIZE - 1) >> PAGE_SHIFT;

	return len ? (unsigned int)(end - start) : 0;
}

/*
 * Build and submit the bios of a READ/WRITE over @nseg segments of arena memory. A bio is
 * cut only between pages, and every segment starts and ends on a sector boundary, so each
 * bio covers whole sectors.
 */
static void submit_rw(struct umc_blk_handle *h, struct umc_blk_io *io,
		      const struct umc_blk_iovec *seg, int nseg, blk_opf_t opf)
{
	unsigned int pages_left = 0;
	sector_t sector = io->offset >> SECTOR_SHIFT;
	struct bio *bio = NULL;

	for (int i = 0; i < nseg; i++)
		pages_left += pages_spanned(seg[i].base, seg[i].len);
	for (int i = 0; i < nseg; i++) {
		char *p = seg[i].base;
		size_t len = seg[i].len;

		while (len) {
			unsigned int off = offset_in_page(p);
			unsigned int n = min_t(size_t, len, PAGE_SIZE - off);

			if (!bio)
				bio = new_bio(h, io, bio_max_segs(pages_left), opf, sector);
			if (bio_add_page(bio, virt_to_page(p), n, off) != (int)n) {
				/* full: send it and continue in a new bio */
				submit_bio(bio);
				bio = NULL;
				continue;
			}
			sector += n >> SECTOR_SHIFT;
			pages_left--;
			p += n;
			len -= n;
		}
	}
	if (bio)
		submit_bio(bio);
}

/* DISCARD / native WRITE_ZEROES: data-less bios of at most RANGE_PIECE_BYTES. */
static void submit_range(struct umc_blk_handle *h, struct umc_blk_io *io, blk_opf_t opf)
{
	u64 pos = io->offset, left = io->len;

	while (left) {
		unsigned int n = (unsigned int)min_t(u64, left, RANGE_PIECE_BYTES);
		struct bio *bio = new_bio(h, io, 0, opf, pos >> SECTOR_SHIFT);

		bio->bi_iter.bi_size = n;
		submit_bio(bio);
		pos += n;
		left -= n;
	}
}

/* WRITE_ZEROES on a disk without it: writes of the shared zero page, as blkdev_issue_zeroout. */
static void submit_zero_pages(struct umc_blk_handle *h, struct umc_blk_io *io)
{
	u64 pos = io->offset, left = io->len;

	while (left) {
		u64 pages = DIV_ROUND_UP(left, PAGE_SIZE);
		struct bio *bio = new_bio(h, io, bio_max_segs(pages > BIO_MAX_VECS ? BIO_MAX_VECS :
							      (unsigned int)pages),
					  REQ_OP_WRITE | REQ_SYNC, pos >> SECTOR_SHIFT);

		while (left) {
			unsigned int n = (unsigned int)min_t(u64, left, PAGE_SIZE);

			if (bio_add_page(bio, umc_blk_zero_page, n, 0) != (int)n)
				break;
			pos += n;
			left -= n;
		}
		submit_bio(bio);
	}
}

static int check_io(struct umc_blk_handle *h, struct umc_blk_io *io, u64 *bytes)
{
	unsigned int lbs = bdev_logical_block_size(h->bdev);
	u64 len = 0;

	switch (io->op) {
	case UMC_BLK_READ:
	case UMC_BLK_WRITE:
		if (io->iovcnt < 0 || (io->iovcnt && !io->iov))
			return -EINVAL;
		for (int i = 0; i < io->iovcnt; i++)
			len += io->iov[i].len;
		if (len > UINT_MAX)
			return -EINVAL;
		break;
	case UMC_BLK_FLUSH:
		break;
	case UMC_BLK_DISCARD:
	case UMC_BLK_WRITE_ZEROES:
		len = io->len;
		break;
	default:
		return -EINVAL;
	}
	if ((io->offset | len) & (lbs - 1))
		return -EINVAL;
	/* FLUSH is allowed on any handle (fsync of a read-only block device fd works) */
	if (io->op != UMC_BLK_READ && io->op != UMC_BLK_FLUSH) {
		if (!(h->mode & FMODE_WRITE))
			return -EBADF;
		/* as blkdev_write_iter / blkdev_fallocate: no writes to a read-only disk */
		if (bdev_read_only(h->bdev))
			return -EPERM;
	}
	*bytes = len;
	return 0;
}

void umc_blk_submit(struct umc_blk_handle *h, struct umc_blk_io *io)
{
	struct io_state *st = io_state(io);
	struct blk_plug plug;
	u64 bytes = 0;
	int ret;

	atomic_set(&st->pending, 1);
	st->error = 0;
	st->bounce = NULL;
	ret = check_io(h, io, &bytes);
	if (ret) {
		set_error(st, ret);
		io_put(io);
		return;
	}
	blk_start_plug(&plug);
	switch (io->op) {
	case UMC_BLK_READ:
	case UMC_BLK_WRITE: {
		blk_opf_t opf = io->op == UMC_BLK_READ ? REQ_OP_READ : REQ_OP_WRITE | REQ_SYNC | REQ_IDLE;

		if (io->op == UMC_BLK_WRITE && (io->flags & UMC_BLK_IO_FUA))
			opf |= REQ_FUA;
		if (!bytes)
			break;
		if (iov_zero_copy(io)) {
			submit_rw(h, io, io->iov, io->iovcnt, opf);
		} else {
			struct umc_blk_iovec seg;

			st->bounce_order = order_base_2(DIV_ROUND_UP(bytes, PAGE_SIZE));
			st->bounce = (char *)__get_free_pages(GFP_NOIO, st->bounce_order);
			if (!st->bounce) {
				set_error(st, -ENOMEM);
				break;
			}
			if (io->op == UMC_BLK_WRITE)
				copy_bounce(io, st->bounce, true);
			seg.base = st->bounce;
			seg.len = bytes;
			submit_rw(h, io, &seg, 1, opf);
		}
		break;
	}
	case UMC_BLK_FLUSH:
		submit_bio(new_bio(h, io, 0, REQ_OP_WRITE | REQ_PREFLUSH | REQ_SYNC, 0));
		break;
	case UMC_BLK_DISCARD:
		submit_range(h, io, REQ_OP_DISCARD);
		break;
	case UMC_BLK_WRITE_ZEROES:
		if (bdev_write_zeroes_sectors(h->bdev))
			submit_range(h, io, REQ_OP_WRITE_ZEROES | REQ_NOUNMAP);
		else
			submit_zero_pages(h, io);
		break;
	}
	blk_finish_plug(&plug);
	io_put(io);
}

/* ---------------------------------------------------------------- data buffers */
static unsigned int buf_order(size_t size)
{
	return order_base_2(DIV_ROUND_UP(size ? size : 1, PAGE_SIZE));
}

void *umc_blk_buf_alloc(size_t size)
{
	unsigned int order = buf_order(size);

	if (order >= MAX_ORDER)
		return NULL;
	return (void *)__get_free_pages(GFP_KERNEL | __GFP_NOWARN, order);
}

void umc_blk_buf_free(void *buf, size_t size)
{
	if (buf)
		free_pages((unsigned long)buf, buf_order(size));
}

size_t umc_blk_buf_alloc_size(size_t size)
{
	return PAGE_SIZE << buf_order(size);
}

bool umc_blk_buf_is_arena(const void *p, size_t len)
{
	return virt_addr_valid(p) && (!len || virt_addr_valid((const char *)p + len - 1));
}

/* ---------------------------------------------------------------- host threads */
void umc_blk_thread_attach(void)
{
	(void)current; /* adopts the thread (and registers it with RCU) on first use */
}

void umc_blk_thread_detach(void)
{
	umc_current_release();
}
