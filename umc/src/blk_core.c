// SPDX-License-Identifier: GPL-2.0
/*
 * blk_core.c - bio submission and what surrounds it: the per-task bio list that keeps
 * stacked drivers from recursing, plugging with unplug callbacks, splitting to queue limits,
 * I/O accounting, status codes, and the synchronous helpers (flush, discard, zero-out).
 * Linux 6.1 semantics, see linux/blkdev.h and linux/bio.h for the contracts.
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/part_stat.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/ratelimit.h>

#include "blk_internal.h"

struct page *umc_blk_zero_page;

static DEFINE_RATELIMIT_STATE(blk_msg_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
#define blk_msg_ratelimited(fmt, ...) \
	do { \
		if (__ratelimit(&blk_msg_rs)) \
			printk(fmt, ##__VA_ARGS__); \
	} while (0)

/* ---------------------------------------------------------------- status codes */
static const struct {
	int err;
	const char *name;
} blk_errors[] = {
	[BLK_STS_OK] = { 0, "" },
	[BLK_STS_NOTSUPP] = { -EOPNOTSUPP, "operation not supported" },
	[BLK_STS_TIMEOUT] = { -ETIMEDOUT, "timeout" },
	[BLK_STS_NOSPC] = { -ENOSPC, "critical space allocation" },
	[BLK_STS_TRANSPORT] = { -ENOLINK, "recoverable transport" },
	[BLK_STS_TARGET] = { -EREMOTEIO, "critical target" },
	[BLK_STS_NEXUS] = { -EBADE, "critical nexus" },
	[BLK_STS_MEDIUM] = { -ENODATA, "critical medium" },
	[BLK_STS_PROTECTION] = { -EILSEQ, "protection" },
	[BLK_STS_RESOURCE] = { -ENOMEM, "kernel resource" },
	[BLK_STS_DEV_RESOURCE] = { -EBUSY, "device resource" },
	[BLK_STS_AGAIN] = { -EAGAIN, "nonblocking retry" },
	[BLK_STS_OFFLINE] = { -ENODEV, "device offline" },
	[BLK_STS_DM_REQUEUE] = { -EREMCHG, "dm internal retry" },
	[BLK_STS_ZONE_OPEN_RESOURCE] = { -ETOOMANYREFS, "open zones exceeded" },
	[BLK_STS_ZONE_ACTIVE_RESOURCE] = { -EOVERFLOW, "active zones exceeded" },
	[BLK_STS_IOERR] = { -EIO, "I/O" },
};

blk_status_t errno_to_blk_status(int errno)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(blk_errors); i++)
		if (blk_errors[i].name && blk_errors[i].err == errno)
			return (__force blk_status_t)i;
	return BLK_STS_IOERR;
}

int blk_status_to_errno(blk_status_t status)
{
	unsigned int idx = (__force unsigned int)status;

	if (WARN_ON_ONCE(idx >= ARRAY_SIZE(blk_errors) || !blk_errors[idx].name))
		return -EIO;
	return blk_errors[idx].err;
}

const char *blk_status_to_str(blk_status_t status)
{
	unsigned int idx = (__force unsigned int)status;

	if (WARN_ON_ONCE(idx >= ARRAY_SIZE(blk_errors) || !blk_errors[idx].name))
		return "<null>";
	return blk_errors[idx].name;
}

/* ---------------------------------------------------------------- submission */
/*
 * Hand one bio to its disk's driver. The queue's usage count covers the driver call, so
 * that del_gendisk() can wait until no submitter is inside the driver any more (Linux:
 * bio_queue_enter/blk_queue_exit around ->submit_bio).
 */
static void dispatch_bio(struct bio *bio)
{
	struct gendisk *disk = bio->bi_bdev->bd_disk;
	struct request_queue *q = disk->queue;

	atomic_inc(&q->q_usage_counter);
	if (unlikely(test_bit(GD_DEAD, &disk->state)))
		bio_io_error(bio);
	else if (disk->fops && disk->fops->submit_bio)
		disk->fops->submit_bio(bio);
	else if (disk->umc_file)
		umc_bdev_file_submit(bio);
	else
		bio_io_error(bio);
	if (atomic_dec_and_test(&q->q_usage_counter) && test_bit(GD_DEAD, &disk->state))
		wake_up_all(&q->mq_freeze_wq);
}

/*
 * Run @bio and everything the drivers submit meanwhile. current->bio_list[0] collects bios
 * submitted during one driver call; after it returns they are sorted so that bios for lower
 * disks run before further bios for the same disk, then the bios queued before this call.
 */
static void submit_bio_list(struct bio *bio)
{
	struct bio_list on_stack[2];

	bio_list_init(&on_stack[0]);
	current->bio_list = on_stack;
	do {
		struct request_queue *q = bdev_get_queue(bio->bi_bdev);
		struct bio_list lower, same;

		on_stack[1] = on_stack[0];
		bio_list_init(&on_stack[0]);
		dispatch_bio(bio);
		bio_list_init(&lower);
		bio_list_init(&same);
		while ((bio = bio_list_pop(&on_stack[0])) != NULL) {
			if (q == bdev_get_queue(bio->bi_bdev))
				bio_list_add(&same, bio);
			else
				bio_list_add(&lower, bio);
		}
		bio_list_merge(&on_stack[0], &lower);
		bio_list_merge(&on_stack[0], &same);
		bio_list_merge(&on_stack[0], &on_stack[1]);
	} while ((bio = bio_list_pop(&on_stack[0])));
	current->bio_list = NULL;
}

static bool bio_beyond_eod(struct bio *bio)
{
	unsigned int nr_sectors = bio_sectors(bio);
	sector_t maxsector = bdev_cached_nr_sectors(bio->bi_bdev);

	if (!nr_sectors || !maxsector)
		return false;
	if (nr_sectors <= maxsector && bio->bi_iter.bi_sector <= maxsector - nr_sectors)
		return false;
	blk_msg_ratelimited(KERN_INFO "%s: attempt to access beyond end of device\n"
			    "%s: rw=%d, sector=%llu, nr_sectors = %u limit=%llu\n",
			    current->comm, bio->bi_bdev->bd_disk->disk_name, bio->bi_opf,
			    (unsigned long long)bio->bi_iter.bi_sector, nr_sectors,
			    (unsigned long long)maxsector);
	return true;
}

void submit_bio_noacct(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	struct request_queue *q = bdev_get_queue(bdev);
	blk_status_t status = BLK_STS_IOERR;

	if (WARN_ON_ONCE(bio->bi_next))
		goto end_io;
	if (unlikely(bio_beyond_eod(bio)))
		goto end_io;
	if (op_is_write(bio_op(bio)) && bdev_read_only(bdev) &&
	    !(op_is_flush(bio->bi_opf) && !bio_sectors(bio)))
		blk_msg_ratelimited(KERN_WARNING "Trying to write to read-only block-device %s\n",
				    bdev->bd_disk->disk_name);
	/* A disk without a volatile write cache needs no flush (as Linux strips them). */
	if (op_is_flush(bio->bi_opf) && !test_bit(QUEUE_FLAG_WC, &q->queue_flags)) {
		bio->bi_opf &= ~(REQ_PREFLUSH | REQ_FUA);
		if (!bio_sectors(bio)) {
			status = BLK_STS_OK;
			goto end_io;
		}
	}
	if (!test_bit(QUEUE_FLAG_FUA, &q->queue_flags) && (bio->bi_opf & REQ_FUA) &&
	    !bio_sectors(bio))
		bio->bi_opf &= ~REQ_FUA;
	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		break;
	case REQ_OP_DISCARD:
		if (!bdev_max_discard_sectors(bdev))
			goto not_supported;
		break;
	case REQ_OP_WRITE_ZEROES:
		if (!READ_ONCE(q->limits.max_write_zeroes_sectors))
			goto not_supported;
		break;
	default:
		/* FLUSH is only built inside blk-mq; zones, secure erase, passthrough: none here */
		goto not_supported;
	}
	if (current->bio_list)
		bio_list_add(&current->bio_list[0], bio);
	else
		submit_bio_list(bio);
	return;

not_supported:
	status = BLK_STS_NOTSUPP;
end_io:
	bio->bi_status = status;
	bio_endio(bio);
}

void submit_bio(struct bio *bio)
{
	submit_bio_noacct(bio);
}

static void submit_bio_wait_endio(struct bio *bio)
{
	complete(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->bi_private = &done;
	bio->bi_end_io = submit_bio_wait_endio;
	bio->bi_opf |= REQ_SYNC;
	submit_bio(bio);
	wait_for_completion_io(&done);
	return blk_status_to_errno(bio->bi_status);
}

/* ---------------------------------------------------------------- plugging */
void blk_start_plug_nr_ios(struct blk_plug *plug, unsigned short nr_ios)
{
	struct task_struct *tsk = current;

	(void)nr_ios;
	if (tsk->plug)
		return; /* nested: the outermost plug stays in charge */
	INIT_LIST_HEAD(&plug->cb_list);
	plug->nowait = false;
	tsk->plug = plug;
}

void blk_start_plug(struct blk_plug *plug)
{
	blk_start_plug_nr_ios(plug, 1);
}

void __blk_flush_plug(struct blk_plug *plug, bool from_schedule)
{
	LIST_HEAD(callbacks);

	/* callbacks may add new callbacks to the plug: repeat until it stays empty */
	while (!list_empty(&plug->cb_list)) {
		list_splice_init(&plug->cb_list, &callbacks);
		while (!list_empty(&callbacks)) {
			struct blk_plug_cb *cb = list_first_entry(&callbacks, struct blk_plug_cb, list);

			list_del(&cb->list);
			cb->callback(cb, from_schedule);
		}
	}
}

void blk_finish_plug(struct blk_plug *plug)
{
	if (plug == current->plug) {
		__blk_flush_plug(plug, false);
		current->plug = NULL;
	}
}

struct blk_plug_cb *blk_check_plugged(blk_plug_cb_fn unplug, void *data, int size)
{
	struct blk_plug *plug = current->plug;
	struct blk_plug_cb *cb;

	if (!plug)
		return NULL;
	list_for_each_entry(cb, &plug->cb_list, list)
		if (cb->callback == unplug && cb->data == data)
			return cb;
	BUG_ON(size < (int)sizeof(*cb));
	cb = kzalloc(size, GFP_ATOMIC);
	if (cb) {
		cb->data = data;
		cb->callback = unplug;
		list_add(&cb->list, &plug->cb_list);
	}
	return cb;
}

/* ---------------------------------------------------------------- accounting */
/* io_ticks: time during which at least one I/O was in flight, in jiffies. */
static void update_io_ticks(struct block_device *part, unsigned long now, bool end)
{
	unsigned long stamp = READ_ONCE(part->bd_stamp);

	if (time_after(now, stamp) &&
	    __atomic_compare_exchange_n(&part->bd_stamp, &stamp, now, false, __ATOMIC_RELAXED,
					__ATOMIC_RELAXED)) {
		if (end || part_in_flight(part))
			part_stat_add(part, io_ticks, now - stamp);
	}
}

void umc_blk_account_start(struct block_device *part, enum req_op op)
{
	update_io_ticks(part, jiffies, false);
	part_stat_local_inc(part, in_flight[op_is_write(op)]);
}

void umc_blk_account_done(struct block_device *part, enum req_op op, unsigned int sectors,
			  u64 duration_ns)
{
	const int sgrp = op_stat_group(op);

	update_io_ticks(part, jiffies, true);
	part_stat_inc(part, ios[sgrp]);
	part_stat_add(part, sectors[sgrp], sectors);
	part_stat_add(part, nsecs[sgrp], duration_ns);
	part_stat_local_dec(part, in_flight[op_is_write(op)]);
}

unsigned long bio_start_io_acct(struct bio *bio)
{
	struct block_device *part = bio->bi_bdev;
	enum req_op op = bio_op(bio);
	const int sgrp = op_stat_group(op);
	unsigned long start = jiffies;

	/* Linux 6.1 counts ios and sectors of bio based drivers when they start */
	update_io_ticks(part, start, false);
	part_stat_inc(part, ios[sgrp]);
	part_stat_add(part, sectors[sgrp], bio_sectors(bio));
	part_stat_local_inc(part, in_flight[op_is_write(op)]);
	return start;
}

void bio_end_io_acct_remapped(struct bio *bio, unsigned long start_time,
			      struct block_device *orig_bdev)
{
	enum req_op op = bio_op(bio);
	unsigned long now = jiffies;

	update_io_ticks(orig_bdev, now, true);
	part_stat_add(orig_bdev, nsecs[op_stat_group(op)], jiffies_to_nsecs(now - start_time));
	part_stat_local_dec(orig_bdev, in_flight[op_is_write(op)]);
}

/* ---------------------------------------------------------------- synchronous helpers */
/* Allocate the next bio of a series; the previous one is chained to it and submitted. */
static struct bio *blk_next_bio(struct bio *bio, struct block_device *bdev,
				unsigned int nr_pages, blk_opf_t opf, gfp_t gfp)
{
	struct bio *new = bio_alloc(bdev, nr_pages, opf, gfp);

	if (bio) {
		bio_chain(bio, new);
		submit_bio(bio);
	}
	return new;
}

static int submit_last_and_wait(struct bio *bio)
{
	int ret = 0;

	if (bio) {
		ret = submit_bio_wait(bio);
		bio_put(bio);
	}
	return ret;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio bio;

	bio_init(&bio, bdev, NULL, 0, REQ_OP_WRITE | REQ_PREFLUSH);
	return submit_bio_wait(&bio);
}

static int check_range(struct block_device *bdev, sector_t sector, sector_t nr_sects)
{
	sector_t bs_mask = (bdev_logical_block_size(bdev) >> 9) - 1;

	if ((sector | nr_sects) & bs_mask)
		return -EINVAL;
	return 0;
}

int blkdev_issue_discard(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask)
{
	unsigned int granularity = max(bdev_discard_granularity(bdev) >> 9, 1U);
	sector_t max_piece = (UINT_MAX >> 9) - (UINT_MAX >> 9) % granularity;
	struct blk_plug plug;
	struct bio *bio = NULL;
	int ret;

	if (bdev_read_only(bdev))
		return -EPERM;
	if (!bdev_max_discard_sectors(bdev))
		return -EOPNOTSUPP;
	ret = check_range(bdev, sector, nr_sects);
	if (ret)
		return ret;
	if (!nr_sects)
		return -EINVAL;
	blk_start_plug(&plug);
	while (nr_sects) {
		sector_t n = min(nr_sects, max_piece);

		bio = blk_next_bio(bio, bdev, 0, REQ_OP_DISCARD, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		bio->bi_iter.bi_size = n << 9;
		sector += n;
		nr_sects -= n;
	}
	ret = submit_last_and_wait(bio);
	if (ret == -EOPNOTSUPP)
		ret = 0; /* as Linux: a device that stopped discarding is not an error */
	blk_finish_plug(&plug);
	return ret;
}

static int issue_write_zeroes(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			      gfp_t gfp_mask, unsigned int flags)
{
	unsigned int max = bdev_write_zeroes_sectors(bdev);
	struct bio *bio = NULL;

	if (!max)
		return -EOPNOTSUPP;
	while (nr_sects) {
		sector_t n = min(nr_sects, (sector_t)max);

		bio = blk_next_bio(bio, bdev, 0, REQ_OP_WRITE_ZEROES, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		if (flags & BLKDEV_ZERO_NOUNMAP)
			bio->bi_opf |= REQ_NOUNMAP;
		bio->bi_iter.bi_size = n << 9;
		sector += n;
		nr_sects -= n;
	}
	return submit_last_and_wait(bio);
}

static int issue_zero_pages(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			    gfp_t gfp_mask)
{
	struct bio *bio = NULL;

	while (nr_sects) {
		sector_t pages = DIV_ROUND_UP(nr_sects, PAGE_SIZE >> 9);

		bio = blk_next_bio(bio, bdev, bio_max_segs(pages > UINT_MAX ? UINT_MAX : pages),
				   REQ_OP_WRITE, gfp_mask);
		bio->bi_iter.bi_sector = sector;
		while (nr_sects) {
			unsigned int sz = min_t(sector_t, PAGE_SIZE, nr_sects << 9);

			if (bio_add_page(bio, umc_blk_zero_page, sz, 0) < (int)sz)
				break;
			nr_sects -= sz >> 9;
			sector += sz >> 9;
		}
	}
	return submit_last_and_wait(bio);
}

int blkdev_issue_zeroout(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask, unsigned int flags)
{
	bool try_write_zeroes = !!bdev_write_zeroes_sectors(bdev);
	struct blk_plug plug;
	int ret;

	ret = check_range(bdev, sector, nr_sects);
	if (ret)
		return ret;
	if (bdev_read_only(bdev))
		return -EPERM;
	for (;;) {
		blk_start_plug(&plug);
		if (try_write_zeroes)
			ret = issue_write_zeroes(bdev, sector, nr_sects, gfp_mask, flags);
		else if (!(flags & BLKDEV_ZERO_NOFALLBACK))
			ret = issue_zero_pages(bdev, sector, nr_sects, gfp_mask);
		else
			ret = -EOPNOTSUPP;
		blk_finish_plug(&plug);
		if (!ret || !try_write_zeroes)
			return ret;
		/* the device refused WRITE_ZEROES: fall back to writing zero pages */
		if (flags & BLKDEV_ZERO_NOFALLBACK)
			return bdev_write_zeroes_sectors(bdev) ? ret : -EOPNOTSUPP;
		try_write_zeroes = false;
	}
}

/* ---------------------------------------------------------------- set-up */
int umc_blk_core_init(void)
{
	umc_blk_zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	return umc_blk_zero_page ? 0 : -ENOMEM;
}

void umc_blk_core_exit(void)
{
	if (umc_blk_zero_page)
		__free_page(umc_blk_zero_page);
	umc_blk_zero_page = NULL;
}
