// SPDX-License-Identifier: GPL-2.0
/*
 * bdev_file.c - the driver of backing disks: a host file or block device opened with
 * sys->bdev_open, whose bios become asynchronous host requests (sys->bdev_submit).
 *
 * Mapping of a bio (checked by submit_bio_noacct already):
 *   READ / WRITE      one request with the bio's data vectors as iovecs (pages of umc's
 *                     arena are mapped at page_address(), consecutive pages consecutively)
 *   REQ_PREFLUSH      first a SYS_BIO_FLUSH (durable: every write that completed before it),
 *                     the data only after the flush completed (Linux: flush, then data)
 *   REQ_FUA           the data request carries SYS_BIO_FUA (durable when it completes)
 *   DISCARD           SYS_BIO_DISCARD (punch hole: reads return zeros afterwards)
 *   WRITE_ZEROES      SYS_BIO_WRITE_ZEROES (zero range)
 * Host errors become bi_status through errno_to_blk_status() (-EBADF on a read-only open:
 * BLK_STS_IOERR; -EOPNOTSUPP: BLK_STS_NOTSUPP). Completion runs on a provider aio thread,
 * which calls bio_endio(); the disk's part_stat counts the I/O when it completes.
 *
 * Injected faults (bdev_fault.c): a read or write the rules fail is not done; a flush goes to
 * the host instead (completion on the aio thread as for real I/O) and the bio ends with -EIO.
 *
 * Per-bio state comes from a mempool (GFP_NOIO: the submitter may sleep briefly when the
 * reserve is empty, never fails); bios with more than BDEV_FILE_INLINE_IOV separate data
 * runs take a kmalloc'ed iovec array (on failure: BLK_STS_RESOURCE).
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/part_stat.h>
#include <linux/mempool.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/major.h>

#include "blk_internal.h"

#define BDEV_FILE_INLINE_IOV 8
#define BDEV_FILE_IO_RESERVE 16

enum bdev_file_stage {
	STAGE_PREFLUSH, /* the flush before the data is in flight */
	STAGE_DATA,     /* the data (or the only) request is in flight */
};

struct bdev_file_io {
	struct sys_bio_req req;
	struct bio *bio;
	struct umc_bdev_file *f;
	u64 start_ns;
	enum bdev_file_stage stage;
	bool fault;             /* injected error: complete with -EIO */
	int iovcnt;
	struct sys_iovec *iov;
	struct sys_iovec inline_iov[BDEV_FILE_INLINE_IOV];
};

static mempool_t io_pool;
static atomic_t file_disk_seq = ATOMIC_INIT(0);
static DEFINE_RATELIMIT_STATE(io_err_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

/* ---------------------------------------------------------------- open / close */
static void name_disk(struct gendisk *disk, const char *path)
{
	const char *base = strrchr(path, '/');

	base = base && base[1] ? base + 1 : path;
	strscpy(disk->disk_name, base, sizeof(disk->disk_name));
}

static void set_file_limits(struct gendisk *disk, const struct sys_bdev_info *info)
{
	struct request_queue *q = disk->queue;
	unsigned int lbs = info->logical_block_size ? info->logical_block_size : 512;
	unsigned int pbs = info->physical_block_size ? info->physical_block_size : lbs;

	blk_queue_logical_block_size(q, lbs);
	blk_queue_physical_block_size(q, pbs);
	blk_queue_io_min(q, pbs);
	/* one full bio of BIO_MAX_VECS pages per request, any page layout */
	blk_queue_max_hw_sectors(q, BIO_MAX_VECS << (PAGE_SHIFT - SECTOR_SHIFT));
	blk_queue_max_segments(q, BIO_MAX_VECS);
	blk_queue_max_segment_size(q, UINT_MAX);
	if (info->discard) {
		blk_queue_max_discard_sectors(q, UINT_MAX >> SECTOR_SHIFT);
		q->limits.discard_granularity = lbs;
	}
	if (info->write_zeroes)
		blk_queue_max_write_zeroes_sectors(q, UINT_MAX >> SECTOR_SHIFT);
	/* host files and devices have volatile caches: flushes and FUA are meaningful */
	blk_queue_write_cache(q, true, true);
	if (!info->is_block_device)
		blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
}

struct gendisk *umc_bdev_file_open(const char *path, fmode_t mode)
{
	uint32_t flags = 0;
	struct umc_bdev_file *f;
	struct gendisk *disk;
	int ret;

	if (mode & FMODE_READ)
		flags |= SYS_BDEV_READ;
	if (mode & FMODE_WRITE)
		flags |= SYS_BDEV_WRITE;
	if (mode & FMODE_EXCL)
		flags |= SYS_BDEV_EXCL;
	f = kzalloc(sizeof(*f) + strlen(path) + 1, GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	strcpy(f->path, path);
	f->mode = mode & (FMODE_READ | FMODE_WRITE);
	INIT_LIST_HEAD(&f->node);
	ret = sys->bdev_open(&f->sb, path, flags, &f->info);
	if (ret) {
		kfree(f);
		return ERR_PTR(ret);
	}
	disk = umc_disk_alloc();
	if (!disk) {
		sys->bdev_close(f->sb);
		kfree(f);
		return ERR_PTR(-ENOMEM);
	}
	f->disk = disk;
	disk->umc_file = f;
	disk->major = BLOCK_EXT_MAJOR;
	disk->first_minor = atomic_inc_return(&file_disk_seq) & MINORMASK;
	disk->minors = 1;
	disk->flags |= GENHD_FL_NO_PART | GENHD_FL_HIDDEN;
	disk->part0->bd_dev = MKDEV(disk->major, disk->first_minor);
	name_disk(disk, path);
	set_file_limits(disk, &f->info);
	set_capacity(disk, f->info.size_bytes >> SECTOR_SHIFT);
	set_bit(GD_ADDED, &disk->state); /* live, though not in the list of added disks */
	return disk;
}

void umc_bdev_file_close(struct gendisk *disk)
{
	struct umc_bdev_file *f = disk->umc_file;

	sys->bdev_close(f->sb); /* waits for every request in flight */
	disk->umc_file = NULL;
	put_disk(disk);
	kfree(f);
}

/* ---------------------------------------------------------------- I/O */
static void bdev_file_done(struct sys_bio_req *req, long result);

/* Count the runs of consecutive memory in the bio's data; fill @iov if not NULL. */
static int map_bio_data(struct bio *bio, struct sys_iovec *iov)
{
	struct bvec_iter iter;
	struct bio_vec bv;
	char *end = NULL;
	int n = 0;

	bio_for_each_bvec(bv, bio, iter) {
		char *addr = (char *)page_address(bv.bv_page) + bv.bv_offset;

		if (addr == end) {
			if (iov)
				iov[n - 1].len += bv.bv_len;
		} else {
			if (iov) {
				iov[n].base = addr;
				iov[n].len = bv.bv_len;
			}
			n++;
		}
		end = addr + bv.bv_len;
	}
	return n;
}

static void finish_io(struct bdev_file_io *io, long result)
{
	struct bio *bio = io->bio;
	struct block_device *part = io->f->disk->part0;
	u64 ns = sys->time_monotonic_ns() - io->start_ns;
	enum req_op op = bio_op(bio);

	if (result < 0) {
		bio->bi_status = errno_to_blk_status((int)result);
		if (!bio_flagged(bio, BIO_QUIET) && !(bio->bi_opf & REQ_RAHEAD) &&
		    __ratelimit(&io_err_rs))
			pr_err("%s error, dev %s, sector %llu op 0x%x flags 0x%x: %ld\n",
			       blk_status_to_str(bio->bi_status), io->f->disk->disk_name,
			       (unsigned long long)bio->bi_iter.bi_sector, op,
			       bio->bi_opf & ~REQ_OP_MASK, result);
	}
	if (!bio_sectors(bio) && (bio->bi_opf & REQ_PREFLUSH)) {
		/* an empty flush: counted as Linux counts flush requests */
		part_stat_inc(part, ios[STAT_FLUSH]);
		part_stat_add(part, nsecs[STAT_FLUSH], ns);
		part_stat_local_dec(part, in_flight[1]);
	} else {
		umc_blk_account_done(part, op, bio_sectors(bio), ns);
	}
	if (io->iov != io->inline_iov)
		kfree(io->iov);
	mempool_free(io, &io_pool);
	bio_endio(bio);
}

static void start_data(struct bdev_file_io *io)
{
	struct bio *bio = io->bio;

	io->stage = STAGE_DATA;
	memset(&io->req, 0, sizeof(io->req));
	io->req.offset = (u64)bio->bi_iter.bi_sector << SECTOR_SHIFT;
	io->req.done = bdev_file_done;
	io->req.priv = io;
	switch (bio_op(bio)) {
	case REQ_OP_READ:
		io->req.op = SYS_BIO_READ;
		break;
	case REQ_OP_WRITE:
		io->req.op = SYS_BIO_WRITE;
		if (bio->bi_opf & REQ_FUA)
			io->req.flags |= SYS_BIO_FUA;
		break;
	case REQ_OP_DISCARD:
		io->req.op = SYS_BIO_DISCARD;
		break;
	case REQ_OP_WRITE_ZEROES:
		io->req.op = SYS_BIO_WRITE_ZEROES;
		break;
	default:
		finish_io(io, -EOPNOTSUPP);
		return;
	}
	if (umc_bdev_fault_hit(io->f->path, io->req.op != SYS_BIO_READ, bio->bi_iter.bi_sector,
			       bio_sectors(bio))) {
		io->fault = true;
		io->req.op = SYS_BIO_FLUSH;
		io->req.flags = 0;
	} else if (io->req.op == SYS_BIO_READ || io->req.op == SYS_BIO_WRITE) {
		io->req.iov = io->iov;
		io->req.iovcnt = io->iovcnt;
	} else {
		io->req.len = bio->bi_iter.bi_size;
	}
	sys->bdev_submit(io->f->sb, &io->req);
}

/* Provider aio thread: next stage or completion. */
static void bdev_file_done(struct sys_bio_req *req, long result)
{
	struct bdev_file_io *io = req->priv;

	if (io->stage == STAGE_PREFLUSH && result >= 0 && bio_sectors(io->bio)) {
		start_data(io); /* bdev_submit from a completion: allowed, never waits there */
		return;
	}
	if (io->fault)
		result = -EIO;
	finish_io(io, result < 0 ? result : 0);
}

void umc_bdev_file_submit(struct bio *bio)
{
	struct umc_bdev_file *f = bio->bi_bdev->bd_disk->umc_file;
	struct bdev_file_io *io = mempool_alloc(&io_pool, GFP_NOIO);
	bool flush_only = !bio_sectors(bio) && (bio->bi_opf & REQ_PREFLUSH);

	io->bio = bio;
	io->f = f;
	io->start_ns = sys->time_monotonic_ns();
	io->iov = io->inline_iov;
	io->iovcnt = 0;
	io->fault = false;
	if (flush_only)
		part_stat_local_inc(f->disk->part0, in_flight[1]);
	else
		umc_blk_account_start(f->disk->part0, bio_op(bio));

	if (bio_has_data(bio)) {
		int n = map_bio_data(bio, NULL);

		if (n > BDEV_FILE_INLINE_IOV) {
			io->iov = kmalloc_array(n, sizeof(*io->iov), GFP_NOIO);
			if (!io->iov) {
				io->iov = io->inline_iov;
				finish_io(io, -ENOMEM);
				return;
			}
		}
		io->iovcnt = map_bio_data(bio, io->iov);
	}
	if ((bio->bi_opf & REQ_PREFLUSH) && op_is_write(bio_op(bio))) {
		io->stage = STAGE_PREFLUSH;
		memset(&io->req, 0, sizeof(io->req));
		io->req.op = SYS_BIO_FLUSH;
		io->req.done = bdev_file_done;
		io->req.priv = io;
		sys->bdev_submit(f->sb, &io->req);
		return;
	}
	start_data(io);
}

int umc_bdev_file_init(void)
{
	return mempool_init_kmalloc_pool(&io_pool, BDEV_FILE_IO_RESERVE, sizeof(struct bdev_file_io));
}

void umc_bdev_file_exit(void)
{
	umc_bdev_fault_exit();
	mempool_exit(&io_pool);
}
