/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/part_stat.h - per-disk I/O statistics (header-only; updated by umc/src/blk_core.c
 * and umc/src/bdev_file.c).
 *
 * Linux keeps them per CPU; umc keeps one struct disk_stats per disk whose counters are
 * updated with relaxed atomic additions, so part_stat_read() (any time, no lock) never sees
 * a torn value. part_stat_lock()/unlock() are kept for callers and do nothing.
 * DRBD reads part_stat_read_accum(backing disk, sectors) to notice application I/O on its
 * backing device (resync throttling): backing disks count their completed I/O here.
 */
#ifndef _UMC_LINUX_PART_STAT_H
#define _UMC_LINUX_PART_STAT_H

#include <linux/blkdev.h>

struct disk_stats {
	u64 nsecs[NR_STAT_GROUPS];
	unsigned long sectors[NR_STAT_GROUPS];
	unsigned long ios[NR_STAT_GROUPS];
	unsigned long merges[NR_STAT_GROUPS];
	unsigned long io_ticks;
	long in_flight[2];
};

#define part_stat_lock() do { } while (0)
#define part_stat_unlock() do { } while (0)

#define part_stat_read(part, field) __atomic_load_n(&(part)->bd_stats->field, __ATOMIC_RELAXED)

#define part_stat_read_accum(part, field) \
	(part_stat_read(part, field[STAT_READ]) + part_stat_read(part, field[STAT_WRITE]) + \
	 part_stat_read(part, field[STAT_DISCARD]))

#define part_stat_add(part, field, addnd) \
	((void)__atomic_fetch_add(&(part)->bd_stats->field, (addnd), __ATOMIC_RELAXED))
#define part_stat_inc(part, field) part_stat_add(part, field, 1)
#define part_stat_dec(part, field) part_stat_add(part, field, -1)
#define part_stat_sub(part, field, subnd) part_stat_add(part, field, -(subnd))

#define part_stat_local_inc(part, field) part_stat_add(part, field, 1)
#define part_stat_local_dec(part, field) part_stat_add(part, field, -1)
#define part_stat_local_read(part, field) part_stat_read(part, field)

/* part_in_flight - bios started (bio_start_io_acct) and not yet ended on @part */
static inline unsigned int part_in_flight(struct block_device *part)
{
	long n = part_stat_read(part, in_flight[0]) + part_stat_read(part, in_flight[1]);

	return n < 0 ? 0 : (unsigned int)n;
}

#endif
