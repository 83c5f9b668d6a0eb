/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blk_internal.h - what the block layer files of umc share (not for other users).
 *   blkdev.c       disks, majors, opening, holders
 *   blk_settings.c limits
 *   blk_core.c     submission, plugging, accounting, splitting, synchronous helpers
 *   bdev_file.c    backing disks over sys->bdev_*
 *   device.c       struct device naming/printing, uevents
 */
#ifndef _UMC_BLK_INTERNAL_H
#define _UMC_BLK_INTERNAL_H

#include <linux/blkdev.h>
#include <sys_service.h>

/* One backing disk opened by path (bdev_file.c). */
struct umc_bdev_file {
	struct sys_bdev *sb;
	struct sys_bdev_info info;
	struct gendisk *disk;
	fmode_t mode;            /* FMODE_READ/WRITE it was opened with */
	int openers;             /* blkdev_get_by_path calls not yet put (blkdev.c's mutex) */
	struct list_head node;   /* blkdev.c's table of opened paths */
	char path[];
};

/* blkdev.c */
/* A gendisk + request queue + part0 with default limits (what __blk_alloc_disk returns). */
struct gendisk *umc_disk_alloc(void);
/* for blk_host.c (fuse workstream): visit the added disks under blk_mutex (see blkdev.c) */
int umc_disk_for_each(int (*fn)(struct gendisk *disk, void *ctx), void *ctx);
/* block_class, the type of whole-disk devices */
extern struct class block_class;
extern const struct device_type disk_type;

/* blk_settings.c */
/*
 * Queue limits change in place (a driver reconfigures a live queue, as DRBD does when a peer
 * reports new sizes) while the I/O path (bio_split_to_limits) and host queries (blk_host.c,
 * like sysfs in Linux) read them without a lock. Every change in blk_settings.c is made on a
 * copy and stored with umc_limits_publish(); lock-free readers take umc_limits_snapshot() or
 * READ_ONCE one field. A reader then sees each field old or new, never torn, and
 * ThreadSanitizer sees these accesses as the atomic ones they are.
 */
void umc_limits_publish(struct queue_limits *dst, const struct queue_limits *src);
void umc_limits_snapshot(struct queue_limits *dst, const struct queue_limits *src);

/* blk_core.c */
int umc_blk_core_init(void);
void umc_blk_core_exit(void);
/* the zeroed page blkdev_issue_zeroout writes from */
extern struct page *umc_blk_zero_page;
/* update_io_ticks for a completion at @now jiffies on @part */
void umc_blk_account_done(struct block_device *part, enum req_op op, unsigned int sectors,
			  u64 duration_ns);
void umc_blk_account_start(struct block_device *part, enum req_op op);

/* bdev_file.c */
/*
 * umc_bdev_file_open - open @path with @mode on the host and build its disk (capacity,
 * block sizes, discard/write-zeroes limits, write cache). Returns the disk or ERR_PTR.
 * Sleeps.
 */
struct gendisk *umc_bdev_file_open(const char *path, fmode_t mode);
/* umc_bdev_file_close - wait for its I/O, close the host file, free the disk. Sleeps. */
void umc_bdev_file_close(struct gendisk *disk);
/* umc_bdev_file_submit - start @bio on a backing disk (submit_bio_noacct checked it). */
void umc_bdev_file_submit(struct bio *bio);
int umc_bdev_file_init(void);
void umc_bdev_file_exit(void);

/* bdev_fault.c (fault tests: the parameter umc.disk_faults) */
/*
 * umc_bdev_fault_hit - true if an injected fault fails the request of @nr_sectors at
 * @sector of the backing disk opened as @path (counted as injected). Any context; takes a
 * spinlock briefly.
 */
bool umc_bdev_fault_hit(const char *path, bool write, sector_t sector, unsigned int nr_sectors);
/* umc_bdev_fault_exit - drop the rules (umc exit). */
void umc_bdev_fault_exit(void);

/* device.c */
int umc_device_init(void);

#endif
