// SPDX-License-Identifier: GPL-2.0
/*
 * test_blk_core.c - submission (umc/src/blk_core.c, blk_merge.c): the per-task bio list of
 * stacked drivers, checks done at submission (end of device, unsupported operations, flushes
 * on disks without a write cache), bio_split_to_limits, plugging callbacks, accounting,
 * status codes, and del_gendisk waiting for submitters inside the driver.
 * The disks here are bio based test drivers that record what reaches them.
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/part_stat.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/string.h>

#define LOG_MAX 32

/* What reached the test drivers, in order. */
static struct {
	struct gendisk *disk;
	sector_t sector;
	unsigned int size;
	int tag;
	bool nested; /* submitted while a driver's submit_bio was running */
} seen[LOG_MAX];
static int nseen;
static int completed;
static blk_status_t last_status;

static struct gendisk *upper, *lower;

static void count_done(struct bio *bio)
{
	completed++;
	last_status = bio->bi_status;
	bio_put(bio);
}

static struct bio *tagged_bio(struct gendisk *disk, blk_opf_t opf, sector_t sector,
			      unsigned int sectors, int tag)
{
	struct bio *bio = bio_alloc(disk->part0, 0, opf, GFP_NOIO);

	bio->bi_iter.bi_sector = sector;
	bio->bi_iter.bi_size = sectors << 9; /* no data pages: the test drivers do not look */
	bio->bi_private = (void *)(long)tag;
	bio->bi_end_io = count_done;
	return bio;
}

static void record(struct bio *bio)
{
	assert_true(nseen < LOG_MAX);
	seen[nseen].disk = bio->bi_bdev->bd_disk;
	seen[nseen].sector = bio->bi_iter.bi_sector;
	seen[nseen].size = bio->bi_iter.bi_size;
	seen[nseen].tag = (int)(long)bio->bi_private;
	seen[nseen].nested = current->bio_list != NULL;
	nseen++;
}

/* Lower disk: records and completes. */
static void lower_submit(struct bio *bio)
{
	record(bio);
	bio_endio(bio);
}

/* Upper disk: tag 1 makes it submit two bios below and one more to itself first. */
static void upper_submit(struct bio *bio)
{
	record(bio);
	if (seen[nseen - 1].tag == 1) {
		submit_bio_noacct(tagged_bio(lower, REQ_OP_WRITE, 0, 8, 10));
		submit_bio_noacct(tagged_bio(upper, REQ_OP_WRITE, 8, 8, 2));
		submit_bio_noacct(tagged_bio(lower, REQ_OP_WRITE, 8, 8, 11));
		/* nothing of that ran yet: we are still inside the driver */
		assert_int_equal(nseen, 1);
	}
	bio_endio(bio);
}

/* Splitting disk: cuts every bio to its limits, records the pieces, completes them. */
static void split_submit(struct bio *bio)
{
	bio = bio_split_to_limits(bio);
	if (!bio)
		return;
	record(bio);
	bio_endio(bio);
}

static const struct block_device_operations upper_ops = { .submit_bio = upper_submit };
static const struct block_device_operations lower_ops = { .submit_bio = lower_submit };
static const struct block_device_operations split_ops = { .submit_bio = split_submit };

static struct gendisk *test_disk(const struct block_device_operations *ops, sector_t capacity)
{
	struct gendisk *disk = blk_alloc_disk(NUMA_NO_NODE);

	assert_non_null(disk);
	disk->fops = ops;
	snprintf(disk->disk_name, sizeof(disk->disk_name), "test%p", disk);
	set_capacity(disk, capacity);
	return disk;
}

static void reset_log(void)
{
	nseen = 0;
	completed = 0;
	last_status = BLK_STS_OK;
}

static void test_stacked_submission_order(void **state)
{
	upper = test_disk(&upper_ops, 1 << 20);
	lower = test_disk(&lower_ops, 1 << 20);
	reset_log();
	submit_bio(tagged_bio(upper, REQ_OP_WRITE, 0, 8, 1));
	/* the upper bio first, then the bios it made for the lower disk, then its own */
	assert_int_equal(nseen, 4);
	assert_int_equal(seen[0].tag, 1);
	assert_int_equal(seen[1].tag, 10);
	assert_int_equal(seen[2].tag, 11);
	assert_int_equal(seen[3].tag, 2);
	for (int i = 0; i < 4; i++)
		assert_true(seen[i].nested); /* drivers always run with the list active */
	assert_null(current->bio_list);
	assert_int_equal(completed, 4);
	put_disk(upper);
	put_disk(lower);
}

static void test_checks_at_submission(void **state)
{
	struct gendisk *d = test_disk(&lower_ops, 100);

	reset_log();
	/* beyond the end */
	submit_bio(tagged_bio(d, REQ_OP_READ, 96, 8, 0));
	assert_int_equal(completed, 1);
	assert_int_equal(last_status, BLK_STS_IOERR);
	/* discard and write-zeroes on a disk that has neither */
	submit_bio(tagged_bio(d, REQ_OP_DISCARD, 0, 8, 0));
	assert_int_equal(last_status, BLK_STS_NOTSUPP);
	submit_bio(tagged_bio(d, REQ_OP_WRITE_ZEROES, 0, 8, 0));
	assert_int_equal(last_status, BLK_STS_NOTSUPP);
	/* an empty flush to a disk without a volatile cache has nothing to do */
	submit_bio(tagged_bio(d, REQ_OP_WRITE | REQ_PREFLUSH, 0, 0, 0));
	assert_int_equal(completed, 4);
	assert_int_equal(last_status, BLK_STS_OK);
	assert_int_equal(nseen, 0);
	/* with a write cache it reaches the driver, flag intact */
	blk_queue_write_cache(d->queue, true, true);
	submit_bio(tagged_bio(d, REQ_OP_WRITE | REQ_PREFLUSH, 0, 0, 7));
	assert_int_equal(nseen, 1);
	assert_int_equal(seen[0].tag, 7);
	/* discard once the disk supports it */
	blk_queue_max_discard_sectors(d->queue, 64);
	submit_bio(tagged_bio(d, REQ_OP_DISCARD, 0, 8, 8));
	assert_int_equal(nseen, 2);
	assert_int_equal(last_status, BLK_STS_OK);
	put_disk(d);
}

/* A bio of @n separate pages (none adjacent to the next) at sector 0. */
static struct bio *pages_bio(struct gendisk *d, struct page **pages, int n)
{
	struct bio *bio = bio_alloc(d->part0, n, REQ_OP_WRITE, GFP_NOIO);

	for (int i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		assert_non_null(pages[i]);
	}
	for (int i = n - 1; i >= 0; i--)
		assert_int_equal(bio_add_page(bio, pages[i], PAGE_SIZE, 0), PAGE_SIZE);
	bio->bi_end_io = count_done;
	return bio;
}

static void test_split_to_limits(void **state)
{
	struct gendisk *d = test_disk(&split_ops, 1 << 20);
	struct page *pages[4];

	/* max_sectors: 8 sectors per bio */
	reset_log();
	blk_queue_max_hw_sectors(d->queue, 8);
	assert_int_equal(queue_max_sectors(d->queue), 8);
	submit_bio(pages_bio(d, pages, 4));
	assert_int_equal(nseen, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(seen[i].sector, 8 * i);
		assert_int_equal(seen[i].size, PAGE_SIZE);
	}
	assert_int_equal(completed, 1); /* the original completes once, after all parts */
	assert_int_equal(last_status, BLK_STS_OK);
	for (int i = 0; i < 4; i++)
		__free_page(pages[i]);

	/* max_segments: two separate pages per bio */
	reset_log();
	blk_queue_max_hw_sectors(d->queue, 1024);
	blk_queue_max_segments(d->queue, 2);
	submit_bio(pages_bio(d, pages, 4));
	assert_int_equal(nseen, 2);
	assert_int_equal(seen[0].size, 2 * PAGE_SIZE);
	assert_int_equal(seen[1].sector, 16);
	assert_int_equal(completed, 1);
	for (int i = 0; i < 4; i++)
		__free_page(pages[i]);

	/* discards: at most 16 sectors, pieces ending on the 8-sector granularity */
	reset_log();
	blk_queue_max_discard_sectors(d->queue, 16);
	d->queue->limits.discard_granularity = 4096;
	submit_bio(tagged_bio(d, REQ_OP_DISCARD, 4, 40, 0));
	assert_int_equal(nseen, 3);
	assert_int_equal(seen[0].sector, 4);
	assert_int_equal(seen[0].size, 12 << 9);
	assert_int_equal(seen[1].sector, 16);
	assert_int_equal(seen[1].size, 16 << 9);
	assert_int_equal(seen[2].sector, 32);
	assert_int_equal(seen[2].size, 12 << 9);
	assert_int_equal(completed, 1);
	put_disk(d);
}

static int unplugged;
static bool unplug_from_schedule;

struct test_plug_cb {
	struct blk_plug_cb cb;
	int value;
};

static void test_unplug(struct blk_plug_cb *cb, bool from_schedule)
{
	unplugged += container_of(cb, struct test_plug_cb, cb)->value;
	unplug_from_schedule = from_schedule;
	kfree(cb);
}

static void test_plugging(void **state)
{
	struct blk_plug plug, inner;
	struct blk_plug_cb *a, *b, *c;
	int data1, data2;

	assert_null(blk_check_plugged(test_unplug, &data1, sizeof(struct test_plug_cb)));
	unplugged = 0;
	blk_start_plug(&plug);
	assert_ptr_equal(current->plug, &plug);
	blk_start_plug(&inner); /* nested: the outer plug stays */
	assert_ptr_equal(current->plug, &plug);
	a = blk_check_plugged(test_unplug, &data1, sizeof(struct test_plug_cb));
	b = blk_check_plugged(test_unplug, &data1, sizeof(struct test_plug_cb));
	c = blk_check_plugged(test_unplug, &data2, sizeof(struct test_plug_cb));
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);
	assert_ptr_equal(a->data, &data1);
	container_of(a, struct test_plug_cb, cb)->value = 1;
	container_of(c, struct test_plug_cb, cb)->value = 10;
	blk_finish_plug(&inner); /* not the task's plug: nothing happens */
	assert_int_equal(unplugged, 0);
	blk_finish_plug(&plug);
	assert_int_equal(unplugged, 11);
	assert_false(unplug_from_schedule);
	assert_null(current->plug);
}

static void test_accounting(void **state)
{
	struct gendisk *d = test_disk(&lower_ops, 1 << 20);
	struct bio *bio = tagged_bio(d, REQ_OP_WRITE, 0, 16, 0);
	struct bio *rd = tagged_bio(d, REQ_OP_READ, 0, 8, 0);
	unsigned long start, start_rd;

	start = bio_start_io_acct(bio);
	start_rd = bio_start_io_acct(rd);
	assert_int_equal(part_in_flight(d->part0), 2);
	assert_int_equal(part_stat_read(d->part0, ios[STAT_WRITE]), 1);
	assert_int_equal(part_stat_read(d->part0, sectors[STAT_WRITE]), 16);
	assert_int_equal(part_stat_read_accum(d->part0, sectors), 24);
	bio_end_io_acct(bio, start);
	bio_end_io_acct(rd, start_rd);
	assert_int_equal(part_in_flight(d->part0), 0);
	bio_put(bio);
	bio_put(rd);
	put_disk(d);
}

static void test_status_codes(void **state)
{
	assert_int_equal(blk_status_to_errno(BLK_STS_OK), 0);
	assert_int_equal(blk_status_to_errno(BLK_STS_IOERR), -EIO);
	assert_int_equal(blk_status_to_errno(BLK_STS_NOTSUPP), -EOPNOTSUPP);
	assert_int_equal(blk_status_to_errno(BLK_STS_RESOURCE), -ENOMEM);
	assert_int_equal(errno_to_blk_status(0), BLK_STS_OK);
	assert_int_equal(errno_to_blk_status(-ENOSPC), BLK_STS_NOSPC);
	assert_int_equal(errno_to_blk_status(-EAGAIN), BLK_STS_AGAIN);
	assert_int_equal(errno_to_blk_status(-EBADF), BLK_STS_IOERR); /* anything else */
	assert_string_equal(blk_status_to_str(BLK_STS_IOERR), "I/O");
}

/* ------------------------------------------------ del_gendisk and submitters inside */
static DECLARE_COMPLETION(entered);
static DECLARE_COMPLETION(release);
static DECLARE_COMPLETION(deleted);

static void blocking_submit(struct bio *bio)
{
	complete(&entered);
	wait_for_completion(&release);
	record(bio);
	bio_endio(bio);
}

static const struct block_device_operations blocking_ops = { .submit_bio = blocking_submit };

static int submitter(void *disk)
{
	submit_bio(tagged_bio(disk, REQ_OP_WRITE, 0, 8, 5));
	return umc_test_idle_until_stop(0);
}

static int deleter(void *disk)
{
	del_gendisk(disk);
	complete(&deleted);
	return umc_test_idle_until_stop(0);
}

static void test_del_gendisk_waits_for_driver(void **state)
{
	struct gendisk *d = test_disk(&blocking_ops, 1 << 20);
	struct task_struct *s, *k;
	int major = register_blkdev(0, "umc-test");

	assert_true(major > 0);
	d->major = major;
	d->first_minor = 0;
	d->minors = 1;
	assert_int_equal(add_disk(d), 0);
	reset_log();
	s = kthread_run(submitter, d, "submitter");
	wait_for_completion(&entered);
	k = kthread_run(deleter, d, "deleter");
	/* the submitter is inside the driver: del_gendisk may not return */
	assert_int_equal(wait_for_completion_timeout(&deleted, msecs_to_jiffies(100)), 0);
	complete(&release);
	wait_for_completion(&deleted);
	assert_int_equal(nseen, 1);
	assert_int_equal(completed, 1);
	assert_int_equal(get_capacity(d), 0);
	/* new I/O fails */
	submit_bio(tagged_bio(d, REQ_OP_WRITE, 0, 0, 6));
	assert_int_equal(completed, 2);
	assert_int_equal(last_status, BLK_STS_IOERR);
	kthread_stop(s);
	kthread_stop(k);
	put_disk(d);
	unregister_blkdev(major, "umc-test");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stacked_submission_order),
		cmocka_unit_test(test_checks_at_submission),
		cmocka_unit_test(test_split_to_limits),
		cmocka_unit_test(test_plugging),
		cmocka_unit_test(test_accounting),
		cmocka_unit_test(test_status_codes),
		cmocka_unit_test(test_del_gendisk_waits_for_driver),
	};

	return UMC_TEST_RUN(tests);
}
