// SPDX-License-Identifier: GPL-2.0
/*
 * test_blk_settings.c - queue limits (umc/src/blk_settings.c): defaults, the setters' rules,
 * stacking a backing device's limits into a stacked device's as DRBD does
 * (drbd_setup_queue_param: blk_set_stacking_limits, own settings, blk_stack_limits).
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/backing-dev.h>

static struct gendisk *new_disk(void)
{
	struct gendisk *disk = blk_alloc_disk(NUMA_NO_NODE);

	assert_non_null(disk);
	return disk;
}

static void test_defaults(void **state)
{
	struct gendisk *disk = new_disk();
	struct request_queue *q = disk->queue;

	assert_int_equal(queue_logical_block_size(q), 512);
	assert_int_equal(queue_physical_block_size(q), 512);
	assert_int_equal(queue_io_min(q), 512);
	assert_int_equal(queue_io_opt(q), 0);
	assert_int_equal(queue_max_hw_sectors(q), BLK_SAFE_MAX_SECTORS);
	assert_int_equal(queue_max_segments(q), BLK_MAX_SEGMENTS);
	assert_int_equal(bdev_max_discard_sectors(disk->part0), 0);
	assert_false(bdev_write_cache(disk->part0));
	assert_int_equal(bdev_alignment_offset(disk->part0), 0);
	put_disk(disk);
}

static void test_setters(void **state)
{
	struct gendisk *disk = new_disk();
	struct request_queue *q = disk->queue;

	/* max_sectors follows max_hw_sectors, capped at BLK_DEF_MAX_SECTORS */
	blk_queue_max_hw_sectors(q, 1 << 16);
	assert_int_equal(queue_max_hw_sectors(q), 1 << 16);
	assert_int_equal(queue_max_sectors(q), BLK_DEF_MAX_SECTORS);
	assert_int_equal(disk->bdi->io_pages, BLK_DEF_MAX_SECTORS >> (PAGE_SHIFT - 9));
	/* below a page: raised to a page */
	blk_queue_max_hw_sectors(q, 1);
	assert_int_equal(queue_max_hw_sectors(q), PAGE_SIZE >> 9);
	/* logical block size raises the others and rounds the maximum */
	blk_queue_max_hw_sectors(q, 2047);
	blk_queue_logical_block_size(q, 4096);
	assert_int_equal(queue_physical_block_size(q), 4096);
	assert_int_equal(queue_io_min(q), 4096);
	assert_int_equal(queue_max_hw_sectors(q), 2040);
	blk_queue_max_segments(q, 0);
	assert_int_equal(queue_max_segments(q), 1);
	blk_queue_segment_boundary(q, 0);
	assert_int_equal(queue_segment_boundary(q), PAGE_SIZE - 1);
	blk_queue_write_cache(q, true, false);
	assert_true(bdev_write_cache(disk->part0));
	assert_false(bdev_fua(disk->part0));
	blk_queue_flag_set(QUEUE_FLAG_STABLE_WRITES, q);
	assert_true(bdev_stable_writes(disk->part0));
	blk_queue_flag_clear(QUEUE_FLAG_STABLE_WRITES, q);
	assert_false(bdev_stable_writes(disk->part0));
	put_disk(disk);
}

/* DRBD over a 4K-sector backing device with discard (drbd_setup_queue_param). */
static void test_stacking_like_drbd(void **state)
{
	struct gendisk *top = new_disk(), *bottom = new_disk();
	struct queue_limits *t = &top->queue->limits, *b = &bottom->queue->limits;

	blk_queue_logical_block_size(bottom->queue, 4096);
	blk_queue_max_hw_sectors(bottom->queue, 2048);
	blk_queue_max_segments(bottom->queue, 256);
	blk_queue_io_opt(bottom->queue, 64 * 1024);
	blk_queue_max_discard_sectors(bottom->queue, 1 << 20);
	b->discard_granularity = 4096;
	blk_queue_max_write_zeroes_sectors(bottom->queue, 1 << 20);

	blk_set_stacking_limits(t);
	assert_int_equal(t->max_hw_sectors, UINT_MAX);
	assert_int_equal(t->max_segments, USHRT_MAX);
	blk_queue_max_hw_sectors(top->queue, 1 << 11);
	blk_queue_max_segments(top->queue, BLK_MAX_SEGMENTS);
	blk_queue_segment_boundary(top->queue, PAGE_SIZE - 1);
	t->discard_granularity = 512;
	blk_queue_max_discard_sectors(top->queue, 1 << 11);
	blk_queue_max_write_zeroes_sectors(top->queue, 1 << 11);

	assert_int_equal(blk_stack_limits(t, b, 0), 0);
	assert_int_equal(t->logical_block_size, 4096);
	assert_int_equal(t->physical_block_size, 4096);
	assert_int_equal(t->io_min, 4096);
	assert_int_equal(t->io_opt, 64 * 1024);
	assert_int_equal(t->max_hw_sectors, 2048);
	assert_int_equal(t->max_sectors, min(2048u, BLK_DEF_MAX_SECTORS));
	assert_int_equal(t->max_segments, BLK_MAX_SEGMENTS);
	assert_int_equal(t->seg_boundary_mask, PAGE_SIZE - 1);
	assert_int_equal(t->max_discard_sectors, 1 << 11);
	assert_int_equal(t->discard_granularity, 4096);
	assert_int_equal(t->max_write_zeroes_sectors, 1 << 11);
	assert_int_equal(t->misaligned, 0);
	disk_update_readahead(top);
	assert_int_equal(top->bdi->ra_pages, 2 * 64 * 1024 / PAGE_SIZE);

	/* an optimal I/O size that is no multiple of the block size is dropped: misaligned */
	b->io_opt = 6000;
	blk_set_stacking_limits(t);
	assert_int_equal(blk_stack_limits(t, b, 0), -1);
	assert_int_equal(t->io_opt, 0);
	assert_int_equal(t->misaligned, 1);
	assert_int_equal(bdev_alignment_offset(top->part0), -1);
	put_disk(top);
	put_disk(bottom);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_setters),
		cmocka_unit_test(test_stacking_like_drbd),
	};

	return UMC_TEST_RUN(tests);
}
