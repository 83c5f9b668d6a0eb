/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/blkdev.h - disks, request queues and their limits, block device opening, plugging,
 * I/O accounting (Linux 6.1 names and semantics; no partitions, no blk-mq).
 *
 * Implemented in:
 *   umc/src/blkdev.c      majors, gendisk life cycle, capacity, read-only, holders, opening
 *                         (blkdev_get_by_path/dev, blkdev_put)
 *   umc/src/blk_settings.c queue limits and their stacking, queue flags
 *   umc/src/blk_core.c    submit_bio/submit_bio_noacct, plugging, accounting, splitting,
 *                         blkdev_issue_discard/zeroout/flush, blk_status <-> errno
 *   umc/src/bdev_file.c   the driver of disks opened by path: bios -> sys->bdev_submit
 *
 * Two kinds of disk exist: those a driver allocates and adds (DRBD's drbdN: bios go to
 * fops->submit_bio), and the backing disks blkdev_get_by_path() creates for a file or host
 * block device (bios become asynchronous host I/O, completed on a provider aio thread).
 *
 * Locking: the majors table, the disk list and the opened-path table are protected by one
 * mutex (may sleep); functions that sleep say so. Inlines only read fields.
 */
#ifndef _UMC_LINUX_BLKDEV_H
#define _UMC_LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/blk_types.h>
#include <linux/bio.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/stringify.h>
#include <linux/kdev_t.h>
#include <linux/numa.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/bitops.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <asm/page.h>

struct module;
struct attribute_group;
struct backing_dev_info;
struct umc_bdev_file;

#ifndef SECTOR_SHIFT
#define SECTOR_SHIFT 9
#endif
#ifndef SECTOR_SIZE
#define SECTOR_SIZE (1 << SECTOR_SHIFT)
#endif

#define DISK_NAME_LEN 32

enum {
	GENHD_FL_REMOVABLE = 1 << 0,
	GENHD_FL_HIDDEN = 1 << 1,   /* no events, cannot be opened by path */
	GENHD_FL_NO_PART = 1 << 2,  /* no partitions (umc never has any) */
};

/* ---------------------------------------------------------------- queue limits */
enum blk_zoned_model {
	BLK_ZONED_NONE = 0,
	BLK_ZONED_HA,
	BLK_ZONED_HM,
};

enum blk_bounce {
	BLK_BOUNCE_NONE,
	BLK_BOUNCE_HIGH,
};

struct queue_limits {
	enum blk_bounce bounce;
	unsigned long seg_boundary_mask;
	unsigned long virt_boundary_mask;
	unsigned int max_hw_sectors;
	unsigned int max_dev_sectors;
	unsigned int chunk_sectors;
	unsigned int max_sectors;
	unsigned int max_segment_size;
	unsigned int physical_block_size;
	unsigned int logical_block_size;
	unsigned int alignment_offset;
	unsigned int io_min;
	unsigned int io_opt;
	unsigned int max_discard_sectors;
	unsigned int max_hw_discard_sectors;
	unsigned int max_secure_erase_sectors;
	unsigned int max_write_zeroes_sectors;
	unsigned int max_zone_append_sectors;
	unsigned int discard_granularity;
	unsigned int discard_alignment;
	unsigned int zone_write_granularity;
	unsigned short max_segments;
	unsigned short max_integrity_segments;
	unsigned short max_discard_segments;
	unsigned char misaligned;
	unsigned char discard_misaligned;
	unsigned char raid_partial_stripes_expensive;
	enum blk_zoned_model zoned;
	unsigned int dma_alignment;
};

enum blk_default_limits {
	BLK_MAX_SEGMENTS = 128,
	BLK_SAFE_MAX_SECTORS = 255,
	BLK_MAX_SEGMENT_SIZE = 65536,
	BLK_SEG_BOUNDARY_MASK = 0xFFFFFFFFUL,
};
#define BLK_DEF_MAX_SECTORS 2560u

/* A request queue: the limits and flags of one disk (bio based: no request lists). */
struct request_queue {
	void *queuedata;
	unsigned long queue_flags;  /* QUEUE_FLAG_* bits, atomic bit operations */
	struct queue_limits limits;
	struct gendisk *disk;
	int node;
	spinlock_t queue_lock;
	/* submitters inside the driver's submit_bio; del_gendisk waits for 0 (blk_core.c) */
	atomic_t q_usage_counter;
	struct wait_queue_head mq_freeze_wq;
};

#define QUEUE_FLAG_STOPPED 0
#define QUEUE_FLAG_DYING 1
#define QUEUE_FLAG_HAS_SRCU 2
#define QUEUE_FLAG_NOMERGES 3
#define QUEUE_FLAG_SAME_COMP 4
#define QUEUE_FLAG_FAIL_IO 5
#define QUEUE_FLAG_NONROT 6
#define QUEUE_FLAG_VIRT QUEUE_FLAG_NONROT
#define QUEUE_FLAG_IO_STAT 7
#define QUEUE_FLAG_NOXMERGES 9
#define QUEUE_FLAG_ADD_RANDOM 10
#define QUEUE_FLAG_SAME_FORCE 12
#define QUEUE_FLAG_HW_WC 13
#define QUEUE_FLAG_INIT_DONE 14
#define QUEUE_FLAG_STABLE_WRITES 15
#define QUEUE_FLAG_POLL 16
#define QUEUE_FLAG_WC 17
#define QUEUE_FLAG_FUA 18
#define QUEUE_FLAG_DAX 19
#define QUEUE_FLAG_STATS 20
#define QUEUE_FLAG_REGISTERED 22
#define QUEUE_FLAG_QUIESCED 24
#define QUEUE_FLAG_NOWAIT 29

void blk_queue_flag_set(unsigned int flag, struct request_queue *q);
void blk_queue_flag_clear(unsigned int flag, struct request_queue *q);
bool blk_queue_flag_test_and_set(unsigned int flag, struct request_queue *q);
#define blk_queue_dying(q) test_bit(QUEUE_FLAG_DYING, &(q)->queue_flags)
#define blk_queue_nonrot(q) test_bit(QUEUE_FLAG_NONROT, &(q)->queue_flags)
#define blk_queue_io_stat(q) test_bit(QUEUE_FLAG_IO_STAT, &(q)->queue_flags)
#define blk_queue_stable_writes(q) test_bit(QUEUE_FLAG_STABLE_WRITES, &(q)->queue_flags)

/* ---------------------------------------------------------------- gendisk */
struct block_device_operations {
	/* bio based driver entry: called by submit_bio with current->bio_list active */
	void (*submit_bio)(struct bio *bio);
	/* open/release of the disk (blkdev_get_by_dev / blkdev_put); open may fail */
	int (*open)(struct block_device *bdev, fmode_t mode);
	void (*release)(struct gendisk *disk, fmode_t mode);
	int (*ioctl)(struct block_device *bdev, fmode_t mode, unsigned int cmd, unsigned long arg);
	struct module *owner;
};

struct backing_dev_info {
	unsigned long ra_pages; /* readahead window (disk_update_readahead) */
	unsigned long io_pages; /* max_sectors in pages */
};

struct gendisk {
	int major;
	int first_minor;
	int minors;
	char disk_name[DISK_NAME_LEN];
	unsigned short events;
	unsigned short event_flags;
	struct block_device *part0;
	const struct block_device_operations *fops;
	struct request_queue *queue;
	void *private_data;
	struct bio_set bio_split; /* bio_split_to_limits() allocates split bios here */
	int flags;             /* GENHD_FL_* */
	unsigned long state;   /* GD_* bits */
#define GD_NEED_PART_SCAN 0
#define GD_READ_ONLY 1
#define GD_DEAD 2
#define GD_NATIVE_CAPACITY 3
#define GD_ADDED 4
#define GD_SUPPRESS_PART_SCAN 5
#define GD_OWNS_QUEUE 6
	struct mutex open_mutex;
	unsigned int open_partitions;
	struct backing_dev_info *bdi;
	int node_id;
	/* umc: */
	struct list_head umc_disks;        /* all added disks (blkdev.c) */
	struct list_head umc_holders;      /* bd_link_disk_holder relations (blkdev.c) */
	struct umc_bdev_file *umc_file;    /* backing disks only (bdev_file.c) */
	struct kref umc_ref;               /* put_disk and blkdev_get_by_dev/blkdev_put */
};

#define disk_to_dev(disk) (&((disk)->part0->bd_device))

/*
 * umc_bdev_file_nr_sectors - the current size of a backing file or host block device, re-read
 * from the host (one fstat) and stored as the disk's capacity: Linux always knows a lower
 * device's size (lvextend, losetup -c), and DRBD asks only at attach, resize and when the peer
 * sends its sizes. Any context (no lock taken); a failed fstat returns the last known size.
 */
sector_t umc_bdev_file_nr_sectors(struct block_device *bdev);

/* bdev_nr_sectors - a disk's size; backing files report their current size (see above). The
 * bio path uses the last known size (bdev_cached_nr_sectors). */
static inline sector_t bdev_nr_sectors(struct block_device *bdev)
{
	if (unlikely(bdev->bd_disk && bdev->bd_disk->umc_file))
		return umc_bdev_file_nr_sectors(bdev);
	return READ_ONCE(bdev->bd_nr_sectors);
}

/* bdev_cached_nr_sectors - umc: the size last set or read, without asking the host */
static inline sector_t bdev_cached_nr_sectors(struct block_device *bdev)
{
	return READ_ONCE(bdev->bd_nr_sectors);
}

static inline loff_t bdev_nr_bytes(struct block_device *bdev)
{
	return (loff_t)bdev_nr_sectors(bdev) << SECTOR_SHIFT;
}

static inline sector_t get_capacity(struct gendisk *disk)
{
	return bdev_nr_sectors(disk->part0);
}

static inline int get_disk_ro(struct gendisk *disk)
{
	return disk->part0->bd_read_only || test_bit(GD_READ_ONLY, &disk->state);
}

static inline int bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_read_only || get_disk_ro(bdev->bd_disk);
}

static inline bool disk_live(struct gendisk *disk)
{
	return test_bit(GD_ADDED, &disk->state) && !test_bit(GD_DEAD, &disk->state);
}

static inline dev_t disk_devt(struct gendisk *disk)
{
	return disk->part0->bd_dev;
}

static inline bool bdev_is_partition(struct block_device *bdev)
{
	return bdev->bd_partno;
}

/* Majors. major 0: a free major is chosen and returned. -EBUSY if taken, -EINVAL if >= 512. */
int __register_blkdev(unsigned int major, const char *name, void (*probe)(dev_t devt));
#define register_blkdev(major, name) __register_blkdev(major, name, NULL)
void unregister_blkdev(unsigned int major, const char *name);
#define MODULE_ALIAS_BLOCKDEV(major, minor) \
	MODULE_ALIAS("block-major-" __stringify(major) "-" __stringify(minor))
#define MODULE_ALIAS_BLOCKDEV_MAJOR(major) MODULE_ALIAS("block-major-" __stringify(major) "-*")

/*
 * __blk_alloc_disk - a gendisk with its own request queue (default limits), capacity 0,
 * not yet visible. Returns NULL if out of memory. Sleeps.
 */
struct gendisk *__blk_alloc_disk(int node, struct lock_class_key *lkclass);
#define blk_alloc_disk(node_id) __blk_alloc_disk(node_id, NULL)
/*
 * device_add_disk - make @disk visible: it can be opened (blkdev_get_by_dev), its kobject
 * gets the disk name and KOBJ_ADD goes to the uevent listeners. -EBUSY if a live disk has
 * the same devt. Sleeps.
 */
int device_add_disk(struct device *parent, struct gendisk *disk,
		    const struct attribute_group **groups);
static inline int add_disk(struct gendisk *disk)
{
	return device_add_disk(NULL, disk, NULL);
}
/* del_gendisk - KOBJ_REMOVE, then the disk can no longer be opened; new bios to it fail
 * with BLK_STS_IOERR. Sleeps. */
void del_gendisk(struct gendisk *disk);
/* put_disk - free the disk and its queue (after del_gendisk, or if never added). */
void put_disk(struct gendisk *disk);

/* set_capacity - set the size in 512-byte sectors. Never sleeps. */
void set_capacity(struct gendisk *disk, sector_t size);
/* set_capacity_and_notify - set_capacity, and for a live disk whose size changed between two
 * non-zero values, a KOBJ_CHANGE uevent with "RESIZE=1" (as Linux). Returns true if the size
 * changed on a live disk. Sleeps (listeners). */
bool set_capacity_and_notify(struct gendisk *disk, sector_t size);
/* set_disk_ro - change the read-only policy; a change sends KOBJ_CHANGE "DISK_RO=0|1". */
void set_disk_ro(struct gendisk *disk, bool read_only);
/* disk_update_readahead - recompute bdi readahead from io_opt and max_sectors. */
void disk_update_readahead(struct gendisk *disk);

/* umc_kobj_to_disk - the disk whose device kobject @kobj is, or NULL (uevent listeners). */
struct gendisk *umc_kobj_to_disk(struct kobject *kobj);

/* ---------------------------------------------------------------- opening */
/*
 * blkdev_get_by_path - open the file or host block device at @path as a backing disk.
 * @mode: FMODE_READ / FMODE_WRITE, plus FMODE_EXCL to claim it for @holder: -EBUSY if
 * another holder claimed it, in this process or (host lock) in another one. Opening the
 * same path again returns the same block_device (the kernel's one bdev per device), so a
 * second exclusive claim by the same holder succeeds (DRBD's internal meta data). Returns
 * the bdev or ERR_PTR(-ENOENT, -EACCES, -EBUSY, -ENOTBLK, -ENOMEM...). Sleeps.
 * umc identifies devices by the path string: two different paths naming the same file are
 * two devices here (the host lock still refuses the second exclusive open: -EBUSY).
 */
struct block_device *blkdev_get_by_path(const char *path, fmode_t mode, void *holder);
/*
 * blkdev_get_by_dev - open the added disk @dev (e.g. MKDEV(DRBD_MAJOR, minor)): calls the
 * driver's fops->open (DRBD: -EROFS/-EMEDIUMTYPE while Secondary). -ENXIO if no such disk.
 */
struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder);
/* blkdev_put - undo one blkdev_get_by_*(): release the claim (FMODE_EXCL in @mode), call
 * fops->release, close the host file when its last opener is gone (waits for its I/O). */
void blkdev_put(struct block_device *bdev, fmode_t mode);

/*
 * bd_link_disk_holder / bd_unlink_disk_holder - record that @disk is stacked on @bdev
 * (Linux shows it as sysfs holders/slaves links; umc has no sysfs and keeps the relation in
 * a list umc_disk_for_each_holder() walks). Linking twice counts twice, as Linux. 0/-ENOMEM.
 */
int bd_link_disk_holder(struct block_device *bdev, struct gendisk *disk);
void bd_unlink_disk_holder(struct block_device *bdev, struct gendisk *disk);
/* umc_bdev_holder_count - how many links from holders @bdev has (0 if none). */
int umc_bdev_holder_count(struct block_device *bdev, struct gendisk *disk);

/* ---------------------------------------------------------------- limits (blk_settings.c) */
/* The queue_*() and bdev_*() limit accessors below read one field with READ_ONCE: limits
 * change in place on a live queue (blk_settings.c publishes each change word by word). */
void blk_set_default_limits(struct queue_limits *lim);
void blk_set_stacking_limits(struct queue_limits *lim);
/* blk_stack_limits - combine bottom limits @b (at offset @start sectors) into top @t;
 * returns -1 if the result is misaligned, else 0. */
int blk_stack_limits(struct queue_limits *t, struct queue_limits *b, sector_t start);
void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors);
void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments);
void blk_queue_max_segment_size(struct request_queue *q, unsigned int max_size);
void blk_queue_segment_boundary(struct request_queue *q, unsigned long mask);
void blk_queue_max_discard_sectors(struct request_queue *q, unsigned int max_discard_sectors);
void blk_queue_max_write_zeroes_sectors(struct request_queue *q, unsigned int max_sectors);
void blk_queue_logical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_physical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_alignment_offset(struct request_queue *q, unsigned int offset);
void blk_queue_io_min(struct request_queue *q, unsigned int min);
void blk_queue_io_opt(struct request_queue *q, unsigned int opt);
void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua);
int bdev_alignment_offset(struct block_device *bdev);
unsigned int bdev_discard_alignment(struct block_device *bdev);

static inline struct request_queue *bdev_get_queue(struct block_device *bdev)
{
	return bdev->bd_queue;
}

static inline unsigned long queue_segment_boundary(const struct request_queue *q)
{
	return READ_ONCE(q->limits.seg_boundary_mask);
}

static inline unsigned int queue_max_sectors(const struct request_queue *q)
{
	return READ_ONCE(q->limits.max_sectors);
}

static inline unsigned int queue_max_hw_sectors(const struct request_queue *q)
{
	return READ_ONCE(q->limits.max_hw_sectors);
}

static inline unsigned short queue_max_segments(const struct request_queue *q)
{
	return READ_ONCE(q->limits.max_segments);
}

static inline unsigned int queue_max_segment_size(const struct request_queue *q)
{
	return READ_ONCE(q->limits.max_segment_size);
}

static inline unsigned int queue_logical_block_size(const struct request_queue *q)
{
	unsigned int lbs = q ? READ_ONCE(q->limits.logical_block_size) : 0;

	return lbs ? lbs : 512;
}

static inline unsigned int queue_physical_block_size(const struct request_queue *q)
{
	return READ_ONCE(q->limits.physical_block_size);
}

static inline unsigned int queue_io_min(const struct request_queue *q)
{
	return READ_ONCE(q->limits.io_min);
}

static inline unsigned int queue_io_opt(const struct request_queue *q)
{
	return READ_ONCE(q->limits.io_opt);
}

static inline unsigned int bdev_max_segments(struct block_device *bdev)
{
	return queue_max_segments(bdev_get_queue(bdev));
}

static inline unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return queue_logical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_physical_block_size(struct block_device *bdev)
{
	return queue_physical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_io_min(struct block_device *bdev)
{
	return queue_io_min(bdev_get_queue(bdev));
}

static inline int bdev_io_opt(struct block_device *bdev)
{
	return queue_io_opt(bdev_get_queue(bdev));
}

static inline unsigned int bdev_max_discard_sectors(struct block_device *bdev)
{
	return READ_ONCE(bdev_get_queue(bdev)->limits.max_discard_sectors);
}

static inline unsigned int bdev_discard_granularity(struct block_device *bdev)
{
	return READ_ONCE(bdev_get_queue(bdev)->limits.discard_granularity);
}

static inline unsigned int bdev_write_zeroes_sectors(struct block_device *bdev)
{
	return READ_ONCE(bdev_get_queue(bdev)->limits.max_write_zeroes_sectors);
}

static inline bool bdev_nonrot(struct block_device *bdev)
{
	return blk_queue_nonrot(bdev_get_queue(bdev));
}

static inline bool bdev_stable_writes(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_STABLE_WRITES, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_write_cache(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_WC, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_fua(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_FUA, &bdev_get_queue(bdev)->queue_flags);
}

static inline int queue_dma_alignment(const struct request_queue *q)
{
	return q ? READ_ONCE(q->limits.dma_alignment) : 511;
}

/* ---------------------------------------------------------------- submission (blk_core.c) */
/*
 * submit_bio_noacct - hand @bio to its disk's driver without accounting. Bios beyond the
 * end of the disk, or to a deleted disk, complete with BLK_STS_IOERR. While the calling
 * task is inside a driver's ->submit_bio, the bio is queued and dispatched after that
 * returns (bios to lower disks first), so stacked submission never recurses.
 */
void submit_bio_noacct(struct bio *bio);
/* bio_split_to_limits - split @bio to what its queue's limits allow (max_sectors,
 * max_segments, segment boundary, discard/write-zeroes sizes); the remainder is chained
 * and resubmitted. Returns the part to handle now (possibly @bio itself). */
struct bio *bio_split_to_limits(struct bio *bio);

blk_status_t errno_to_blk_status(int errno);
int blk_status_to_errno(blk_status_t status);
const char *blk_status_to_str(blk_status_t status);

/* ---------------------------------------------------------------- plugging */
struct blk_plug {
	struct list_head cb_list; /* blk_plug_cb callbacks run at flush */
	bool nowait;
};

struct blk_plug_cb;
typedef void (*blk_plug_cb_fn)(struct blk_plug_cb *, bool);
struct blk_plug_cb {
	struct list_head list;
	blk_plug_cb_fn callback;
	void *data;
};

/* blk_start_plug - make @plug the task's plug unless one is active already (nesting). */
void blk_start_plug(struct blk_plug *plug);
void blk_start_plug_nr_ios(struct blk_plug *plug, unsigned short nr_ios);
/* blk_finish_plug - if @plug is the task's plug: run its callbacks (from_schedule false)
 * and clear it. Callbacks free themselves (Linux: the callback owns the memory). */
void blk_finish_plug(struct blk_plug *plug);
/*
 * blk_check_plugged - the callback registered on the current plug for (@unplug, @data);
 * if none, a new one of @size bytes (zeroed, GFP_ATOMIC) is added. NULL if the task has
 * no plug (or out of memory).
 */
struct blk_plug_cb *blk_check_plugged(blk_plug_cb_fn unplug, void *data, int size);
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule);
static inline void blk_flush_plug(struct blk_plug *plug, bool async)
{
	if (plug)
		__blk_flush_plug(plug, async);
}

/* ---------------------------------------------------------------- accounting */
/* bio_start_io_acct - count @bio as started on its disk (in flight, ios); returns the
 * start time in jiffies for bio_end_io_acct. */
unsigned long bio_start_io_acct(struct bio *bio);
/* bio_end_io_acct_remapped - count it done: sectors, time spent, in flight, on @orig_bdev */
void bio_end_io_acct_remapped(struct bio *bio, unsigned long start_time,
			      struct block_device *orig_bdev);
static inline void bio_end_io_acct(struct bio *bio, unsigned long start_time)
{
	return bio_end_io_acct_remapped(bio, start_time, bio->bi_bdev);
}

/* ---------------------------------------------------------------- synchronous helpers */
#define BLKDEV_ZERO_NOUNMAP (1 << 0)    /* do not free blocks */
#define BLKDEV_ZERO_NOFALLBACK (1 << 1) /* do not write explicit zeroes */

/* blkdev_issue_flush - flush the device's volatile cache. Sleeps. 0 or -errno. */
int blkdev_issue_flush(struct block_device *bdev);
/* blkdev_issue_discard - discard @nr_sects at @sector, in pieces of max_discard_sectors;
 * waits for completion. -EOPNOTSUPP if the device cannot discard. Sleeps. */
int blkdev_issue_discard(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask);
/* blkdev_issue_zeroout - make the range read back zeros: WRITE_ZEROES if the device has it,
 * else (unless BLKDEV_ZERO_NOFALLBACK) writes of zero pages. Waits. Sleeps. */
int blkdev_issue_zeroout(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask, unsigned int flags);

/* ---------------------------------------------------------------- umc set-up */
/* umc_blk_init - fs_bio_set and the block layer tables (called by umc_init). 0/-ENOMEM. */
int umc_blk_init(void);
/* umc_blk_exit - free them; every disk must be gone (logs what is left). */
void umc_blk_exit(void);

#endif
