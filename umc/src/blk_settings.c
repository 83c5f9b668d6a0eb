// SPDX-License-Identifier: GPL-2.0
/*
 * blk_settings.c - request queue limits: defaults, setters, stacking of a bottom device's
 * limits into a stacked device's, queue flags (Linux 6.1 semantics, no zones/integrity).
 * Setters only write fields of the queue; callers serialise changes of one queue as in
 * Linux (DRBD does under its state/config mutexes). Lock-free readers run at the same time:
 * every change is computed on a copy and published word by word (umc_limits_publish,
 * blk_internal.h). Never sleep.
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/printk.h>
#include <linux/limits.h>

#include "blk_internal.h"

static unsigned long gcd_ul(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* least common multiple, where 0 means "no constraint" */
static unsigned long lcm_not_zero(unsigned long a, unsigned long b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a / gcd_ul(a, b) * b;
}

/* Word-wise copies of struct queue_limits with relaxed atomic accesses (blk_internal.h). */
typedef unsigned long __attribute__((__may_alias__)) limits_word;
_Static_assert(sizeof(struct queue_limits) % sizeof(limits_word) == 0,
	       "queue_limits is copied in whole words");

void umc_limits_publish(struct queue_limits *dst, const struct queue_limits *src)
{
	limits_word *d = (limits_word *)dst;
	const limits_word *s = (const limits_word *)src;
	size_t i;

	for (i = 0; i < sizeof(*dst) / sizeof(*d); i++)
		__atomic_store_n(&d[i], s[i], __ATOMIC_RELAXED);
}

void umc_limits_snapshot(struct queue_limits *dst, const struct queue_limits *src)
{
	limits_word *d = (limits_word *)dst;
	const limits_word *s = (const limits_word *)src;
	size_t i;

	for (i = 0; i < sizeof(*dst) / sizeof(*d); i++)
		d[i] = __atomic_load_n(&s[i], __ATOMIC_RELAXED);
}

static void default_limits(struct queue_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->max_segments = BLK_MAX_SEGMENTS;
	lim->max_discard_segments = 1;
	lim->seg_boundary_mask = BLK_SEG_BOUNDARY_MASK;
	lim->max_segment_size = BLK_MAX_SEGMENT_SIZE;
	lim->max_sectors = BLK_SAFE_MAX_SECTORS;
	lim->max_hw_sectors = BLK_SAFE_MAX_SECTORS;
	lim->logical_block_size = 512;
	lim->physical_block_size = 512;
	lim->io_min = 512;
	lim->bounce = BLK_BOUNCE_NONE;
	lim->zoned = BLK_ZONED_NONE;
	lim->dma_alignment = 511;
}

void blk_set_default_limits(struct queue_limits *lim)
{
	struct queue_limits l;

	default_limits(&l);
	umc_limits_publish(lim, &l);
}

void blk_set_stacking_limits(struct queue_limits *lim)
{
	struct queue_limits l;

	default_limits(&l);
	/* a stacked device takes what its components allow */
	l.max_segments = USHRT_MAX;
	l.max_discard_segments = USHRT_MAX;
	l.max_hw_sectors = UINT_MAX;
	l.max_segment_size = UINT_MAX;
	l.max_sectors = UINT_MAX;
	l.max_dev_sectors = UINT_MAX;
	l.max_write_zeroes_sectors = UINT_MAX;
	l.max_zone_append_sectors = UINT_MAX;
	umc_limits_publish(lim, &l);
}

static unsigned int round_down_to_lbs(unsigned int sectors, unsigned int lbs)
{
	unsigned int per = lbs >> SECTOR_SHIFT;

	return per > 1 ? sectors - sectors % per : sectors;
}

void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors)
{
	struct queue_limits l = q->limits, *lim = &l;
	unsigned int max_sectors;

	if ((max_hw_sectors << 9) < PAGE_SIZE) {
		max_hw_sectors = 1 << (PAGE_SHIFT - 9);
		pr_info("%s: set to minimum %u\n", __func__, max_hw_sectors);
	}
	max_hw_sectors = round_down_to_lbs(max_hw_sectors, lim->logical_block_size);
	lim->max_hw_sectors = max_hw_sectors;
	max_sectors = min_not_zero(max_hw_sectors, lim->max_dev_sectors);
	max_sectors = min(max_sectors, BLK_DEF_MAX_SECTORS);
	lim->max_sectors = round_down_to_lbs(max_sectors, lim->logical_block_size);
	umc_limits_publish(&q->limits, lim);
	if (q->disk && q->disk->bdi)
		q->disk->bdi->io_pages = lim->max_sectors >> (PAGE_SHIFT - 9);
}

void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments)
{
	if (!max_segments) {
		max_segments = 1;
		pr_info("%s: set to minimum %u\n", __func__, max_segments);
	}
	WRITE_ONCE(q->limits.max_segments, max_segments);
}

void blk_queue_max_segment_size(struct request_queue *q, unsigned int max_size)
{
	if (max_size < PAGE_SIZE) {
		max_size = PAGE_SIZE;
		pr_info("%s: set to minimum %u\n", __func__, max_size);
	}
	WRITE_ONCE(q->limits.max_segment_size, max_size);
}

void blk_queue_segment_boundary(struct request_queue *q, unsigned long mask)
{
	if (mask < PAGE_SIZE - 1) {
		mask = PAGE_SIZE - 1;
		pr_info("%s: set to minimum %lx\n", __func__, mask);
	}
	WRITE_ONCE(q->limits.seg_boundary_mask, mask);
}

void blk_queue_max_discard_sectors(struct request_queue *q, unsigned int max_discard_sectors)
{
	WRITE_ONCE(q->limits.max_hw_discard_sectors, max_discard_sectors);
	WRITE_ONCE(q->limits.max_discard_sectors, max_discard_sectors);
}

void blk_queue_max_write_zeroes_sectors(struct request_queue *q, unsigned int max_sectors)
{
	WRITE_ONCE(q->limits.max_write_zeroes_sectors, max_sectors);
}

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size)
{
	struct queue_limits l = q->limits, *lim = &l;

	lim->logical_block_size = size;
	if (lim->physical_block_size < size)
		lim->physical_block_size = size;
	if (lim->io_min < lim->physical_block_size)
		lim->io_min = lim->physical_block_size;
	lim->max_hw_sectors = round_down_to_lbs(lim->max_hw_sectors, size);
	lim->max_sectors = round_down_to_lbs(lim->max_sectors, size);
	umc_limits_publish(&q->limits, lim);
}

void blk_queue_physical_block_size(struct request_queue *q, unsigned int size)
{
	struct queue_limits l = q->limits, *lim = &l;

	lim->physical_block_size = size;
	if (lim->physical_block_size < lim->logical_block_size)
		lim->physical_block_size = lim->logical_block_size;
	if (lim->io_min < lim->physical_block_size)
		lim->io_min = lim->physical_block_size;
	umc_limits_publish(&q->limits, lim);
}

void blk_queue_alignment_offset(struct request_queue *q, unsigned int offset)
{
	WRITE_ONCE(q->limits.alignment_offset, offset & (q->limits.physical_block_size - 1));
	WRITE_ONCE(q->limits.misaligned, 0);
}

void blk_queue_io_min(struct request_queue *q, unsigned int min)
{
	const struct queue_limits *lim = &q->limits;

	if (min < lim->logical_block_size)
		min = lim->logical_block_size;
	if (min < lim->physical_block_size)
		min = lim->physical_block_size;
	WRITE_ONCE(q->limits.io_min, min);
}

void blk_queue_io_opt(struct request_queue *q, unsigned int opt)
{
	WRITE_ONCE(q->limits.io_opt, opt);
	if (q->disk && q->disk->bdi)
		q->disk->bdi->ra_pages = max(opt * 2 / PAGE_SIZE, (unsigned long)(128 * 1024 / PAGE_SIZE));
}

void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua)
{
	if (wc)
		blk_queue_flag_set(QUEUE_FLAG_WC, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_WC, q);
	if (fua)
		blk_queue_flag_set(QUEUE_FLAG_FUA, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_FUA, q);
}

void blk_queue_flag_set(unsigned int flag, struct request_queue *q)
{
	set_bit(flag, &q->queue_flags);
}

void blk_queue_flag_clear(unsigned int flag, struct request_queue *q)
{
	clear_bit(flag, &q->queue_flags);
}

bool blk_queue_flag_test_and_set(unsigned int flag, struct request_queue *q)
{
	return test_and_set_bit(flag, &q->queue_flags);
}

/* Offset of the first naturally aligned block of @lim's device at sector @sector. */
static unsigned int limit_alignment_offset(const struct queue_limits *lim, sector_t sector)
{
	unsigned int granularity = max(lim->physical_block_size, lim->io_min);
	unsigned int alignment = (unsigned int)((sector << SECTOR_SHIFT) % granularity);

	return (granularity + lim->alignment_offset - alignment) % granularity;
}

static unsigned int limit_discard_alignment(const struct queue_limits *lim, sector_t sector)
{
	unsigned int granularity, offset;

	if (!lim->max_discard_sectors)
		return 0;
	granularity = lim->discard_granularity >> SECTOR_SHIFT;
	if (!granularity)
		return 0;
	offset = (unsigned int)(sector % granularity);
	return ((granularity - offset) % granularity) << SECTOR_SHIFT;
}

int bdev_alignment_offset(struct block_device *bdev)
{
	struct queue_limits lim;

	umc_limits_snapshot(&lim, &bdev_get_queue(bdev)->limits);
	if (lim.misaligned)
		return -1;
	if (bdev_is_partition(bdev))
		return limit_alignment_offset(&lim, bdev->bd_start_sect);
	return lim.alignment_offset;
}

unsigned int bdev_discard_alignment(struct block_device *bdev)
{
	struct queue_limits lim;

	umc_limits_snapshot(&lim, &bdev_get_queue(bdev)->limits);
	if (bdev_is_partition(bdev))
		return limit_discard_alignment(&lim, bdev->bd_start_sect);
	return lim.discard_alignment;
}

/* Do two (size + offset) periods line up? */
static bool periods_line_up(unsigned int top, unsigned int bottom)
{
	unsigned int hi = max(top, bottom), lo = min(top, bottom);

	return lo && hi % lo == 0;
}

int blk_stack_limits(struct queue_limits *top, struct queue_limits *b, sector_t start)
{
	struct queue_limits tl = *top, *t = &tl;
	unsigned int alignment;
	int ret = 0;

	t->max_sectors = min_not_zero(t->max_sectors, b->max_sectors);
	t->max_hw_sectors = min_not_zero(t->max_hw_sectors, b->max_hw_sectors);
	t->max_dev_sectors = min_not_zero(t->max_dev_sectors, b->max_dev_sectors);
	t->max_write_zeroes_sectors = min(t->max_write_zeroes_sectors, b->max_write_zeroes_sectors);
	t->max_zone_append_sectors = min(t->max_zone_append_sectors, b->max_zone_append_sectors);
	t->bounce = max(t->bounce, b->bounce);
	t->seg_boundary_mask = min_not_zero(t->seg_boundary_mask, b->seg_boundary_mask);
	t->virt_boundary_mask = min_not_zero(t->virt_boundary_mask, b->virt_boundary_mask);
	t->max_segments = min_not_zero(t->max_segments, b->max_segments);
	t->max_discard_segments = min_not_zero(t->max_discard_segments, b->max_discard_segments);
	t->max_integrity_segments = min_not_zero(t->max_integrity_segments,
						 b->max_integrity_segments);
	t->max_segment_size = min_not_zero(t->max_segment_size, b->max_segment_size);
	t->misaligned |= b->misaligned;

	alignment = limit_alignment_offset(b, start);
	if (t->alignment_offset != alignment &&
	    !periods_line_up(max(t->physical_block_size, t->io_min) + t->alignment_offset,
			     max(b->physical_block_size, b->io_min) + alignment)) {
		t->misaligned = 1;
		ret = -1;
	}

	t->logical_block_size = max(t->logical_block_size, b->logical_block_size);
	t->physical_block_size = max(t->physical_block_size, b->physical_block_size);
	t->io_min = max(t->io_min, b->io_min);
	t->io_opt = lcm_not_zero(t->io_opt, b->io_opt);
	t->dma_alignment = max(t->dma_alignment, b->dma_alignment);
	if (b->chunk_sectors)
		t->chunk_sectors = gcd_ul(t->chunk_sectors, b->chunk_sectors);

	/* each size must be a multiple of the next smaller one */
	if (t->physical_block_size & (t->logical_block_size - 1)) {
		t->physical_block_size = t->logical_block_size;
		t->misaligned = 1;
		ret = -1;
	}
	if (t->io_min & (t->physical_block_size - 1)) {
		t->io_min = t->physical_block_size;
		t->misaligned = 1;
		ret = -1;
	}
	if (t->io_opt & (t->physical_block_size - 1)) {
		t->io_opt = 0;
		t->misaligned = 1;
		ret = -1;
	}
	if (t->chunk_sectors % (t->physical_block_size >> SECTOR_SHIFT)) {
		t->chunk_sectors = 0;
		t->misaligned = 1;
		ret = -1;
	}
	t->raid_partial_stripes_expensive = max(t->raid_partial_stripes_expensive,
						b->raid_partial_stripes_expensive);

	t->alignment_offset = lcm_not_zero(t->alignment_offset, alignment) %
			      max(t->physical_block_size, t->io_min);
	if (t->alignment_offset & (t->logical_block_size - 1)) {
		t->misaligned = 1;
		ret = -1;
	}
	t->max_sectors = round_down_to_lbs(t->max_sectors, t->logical_block_size);
	t->max_hw_sectors = round_down_to_lbs(t->max_hw_sectors, t->logical_block_size);
	t->max_dev_sectors = round_down_to_lbs(t->max_dev_sectors, t->logical_block_size);

	if (b->discard_granularity) {
		alignment = limit_discard_alignment(b, start);
		if (t->discard_granularity != 0 && t->discard_alignment != alignment &&
		    !periods_line_up(t->discard_granularity + t->discard_alignment,
				     b->discard_granularity + alignment))
			t->discard_misaligned = 1;
		t->max_discard_sectors = min_not_zero(t->max_discard_sectors, b->max_discard_sectors);
		t->max_hw_discard_sectors = min_not_zero(t->max_hw_discard_sectors,
							 b->max_hw_discard_sectors);
		t->discard_granularity = max(t->discard_granularity, b->discard_granularity);
		t->discard_alignment = lcm_not_zero(t->discard_alignment, alignment) %
				       t->discard_granularity;
	}
	t->max_secure_erase_sectors = min_not_zero(t->max_secure_erase_sectors,
						   b->max_secure_erase_sectors);
	t->zone_write_granularity = max(t->zone_write_granularity, b->zone_write_granularity);
	t->zoned = max(t->zoned, b->zoned);
	if (!t->zoned) {
		t->zone_write_granularity = 0;
		t->max_zone_append_sectors = 0;
	}
	umc_limits_publish(top, t);
	return ret;
}

void disk_update_readahead(struct gendisk *disk)
{
	struct request_queue *q = disk->queue;

	if (!disk->bdi)
		return;
	disk->bdi->ra_pages = max(queue_io_opt(q) * 2 / PAGE_SIZE,
				  (unsigned long)(128 * 1024 / PAGE_SIZE));
	disk->bdi->io_pages = queue_max_sectors(q) >> (PAGE_SHIFT - 9);
}
