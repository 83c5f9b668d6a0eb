/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/blk_types.h - the block layer's core types: struct bio, struct block_device, the
 * request operation and flag bits, blk_status_t. Layouts follow Linux 6.1 for every field
 * DRBD touches (cgroup, crypto and integrity members are left out). Implemented by
 * umc/src/bio.c (bios), umc/src/blkdev.c (block devices), umc/src/blk_core.c (submission).
 */
#ifndef _UMC_LINUX_BLK_TYPES_H
#define _UMC_LINUX_BLK_TYPES_H

#include <linux/types.h>
#include <linux/bvec.h>
#include <linux/device.h>
#include <linux/atomic.h>

struct bio_set;
struct bio;
struct gendisk;
struct request_queue;
struct disk_stats;

typedef void(bio_end_io_t)(struct bio *);

/*
 * struct block_device - a whole disk (umc has no partitions: bd_partno is always 0).
 * bd_nr_sectors is the capacity (set_capacity() / the backing file's size).
 * bd_holder/bd_holders: the exclusive claim of blkdev_get_by_path(FMODE_EXCL).
 */
struct block_device {
	sector_t bd_start_sect;
	sector_t bd_nr_sectors;
	struct disk_stats *bd_stats;
	unsigned long bd_stamp;
	bool bd_read_only;
	dev_t bd_dev;
	atomic_t bd_openers;
	void *bd_holder;
	int bd_holders;
	bool bd_write_holder;
	struct device bd_device;
	u8 bd_partno;
	struct gendisk *bd_disk;
	struct request_queue *bd_queue;
};

#define bdev_whole(_bdev) ((_bdev)->bd_disk->part0)
#define dev_to_bdev(device) container_of((device), struct block_device, bd_device)
#define bdev_kobj(_bdev) (&((_bdev)->bd_device.kobj))

/* ---------------------------------------------------------------- status codes */
typedef u8 __bitwise blk_status_t;
#define BLK_STS_OK 0
#define BLK_STS_NOTSUPP ((__force blk_status_t)1)
#define BLK_STS_TIMEOUT ((__force blk_status_t)2)
#define BLK_STS_NOSPC ((__force blk_status_t)3)
#define BLK_STS_TRANSPORT ((__force blk_status_t)4)
#define BLK_STS_TARGET ((__force blk_status_t)5)
#define BLK_STS_NEXUS ((__force blk_status_t)6)
#define BLK_STS_MEDIUM ((__force blk_status_t)7)
#define BLK_STS_PROTECTION ((__force blk_status_t)8)
#define BLK_STS_RESOURCE ((__force blk_status_t)9)
#define BLK_STS_IOERR ((__force blk_status_t)10)
#define BLK_STS_DM_REQUEUE ((__force blk_status_t)11)
#define BLK_STS_AGAIN ((__force blk_status_t)12)
#define BLK_STS_DEV_RESOURCE ((__force blk_status_t)13)
#define BLK_STS_ZONE_RESOURCE ((__force blk_status_t)14)
#define BLK_STS_ZONE_OPEN_RESOURCE ((__force blk_status_t)15)
#define BLK_STS_ZONE_ACTIVE_RESOURCE ((__force blk_status_t)16)
#define BLK_STS_OFFLINE ((__force blk_status_t)17)

typedef unsigned int blk_qc_t;

/* ---------------------------------------------------------------- struct bio */
typedef __u32 __bitwise blk_opf_t;

struct bio {
	struct bio *bi_next;         /* bio_list link */
	struct block_device *bi_bdev;
	blk_opf_t bi_opf;            /* REQ_OP_* in the low 8 bits, REQ_* flags above */
	unsigned short bi_flags;     /* BIO_* bits */
	unsigned short bi_ioprio;
	blk_status_t bi_status;
	atomic_t __bi_remaining;     /* chained bios: completions still expected */
	struct bvec_iter bi_iter;
	blk_qc_t bi_cookie;
	bio_end_io_t *bi_end_io;
	void *bi_private;
	unsigned short bi_vcnt;      /* bio_vecs in use */
	unsigned short bi_max_vecs;  /* bio_vecs bi_io_vec can hold */
	atomic_t __bi_cnt;           /* pin count (bio_get/bio_put) */
	struct bio_vec *bi_io_vec;
	struct bio_set *bi_pool;     /* where bio_put returns the memory */
	struct bio_vec bi_inline_vecs[];
};

#define BIO_RESET_BYTES offsetof(struct bio, bi_max_vecs)
#define BIO_MAX_SECTORS (UINT_MAX >> SECTOR_SHIFT)

/* bio->bi_flags bits */
enum {
	BIO_NO_PAGE_REF,
	BIO_CLONED,       /* shares another bio's bi_io_vec */
	BIO_BOUNCED,
	BIO_QUIET,
	BIO_CHAIN,        /* __bi_remaining counts chained children */
	BIO_REFFED,       /* __bi_cnt was raised by bio_get */
	BIO_BPS_THROTTLED,
	BIO_TRACE_COMPLETION,
	BIO_CGROUP_ACCT,
	BIO_QOS_THROTTLED,
	BIO_QOS_MERGED,
	BIO_REMAPPED,
	BIO_ZONE_WRITE_LOCKED,
	BIO_FLAG_LAST
};

#define REQ_OP_BITS 8
#define REQ_OP_MASK ((__force blk_opf_t)((1 << REQ_OP_BITS) - 1))
#define REQ_FLAG_BITS 24

/* Operations: an odd number transfers data to the device. */
enum req_op {
	REQ_OP_READ = (__force blk_opf_t)0,
	REQ_OP_WRITE = (__force blk_opf_t)1,
	REQ_OP_FLUSH = (__force blk_opf_t)2,
	REQ_OP_DISCARD = (__force blk_opf_t)3,
	REQ_OP_SECURE_ERASE = (__force blk_opf_t)5,
	REQ_OP_ZONE_APPEND = (__force blk_opf_t)7,
	REQ_OP_WRITE_ZEROES = (__force blk_opf_t)9,
	REQ_OP_ZONE_OPEN = (__force blk_opf_t)11,
	REQ_OP_ZONE_CLOSE = (__force blk_opf_t)13,
	REQ_OP_ZONE_FINISH = (__force blk_opf_t)15,
	REQ_OP_ZONE_RESET = (__force blk_opf_t)17,
	REQ_OP_ZONE_RESET_ALL = (__force blk_opf_t)19,
	REQ_OP_DRV_IN = (__force blk_opf_t)34,
	REQ_OP_DRV_OUT = (__force blk_opf_t)35,
	REQ_OP_LAST = (__force blk_opf_t)36,
};

enum req_flag_bits {
	__REQ_FAILFAST_DEV = REQ_OP_BITS,
	__REQ_FAILFAST_TRANSPORT,
	__REQ_FAILFAST_DRIVER,
	__REQ_SYNC,
	__REQ_META,
	__REQ_PRIO,
	__REQ_NOMERGE,
	__REQ_IDLE,
	__REQ_INTEGRITY,
	__REQ_FUA,      /* data durable when the bio completes */
	__REQ_PREFLUSH, /* flush the volatile cache before the data */
	__REQ_RAHEAD,
	__REQ_BACKGROUND,
	__REQ_NOWAIT,
	__REQ_CGROUP_PUNT,
	__REQ_POLLED,
	__REQ_ALLOC_CACHE,
	__REQ_SWAP,
	__REQ_DRV,
	__REQ_NOUNMAP,  /* WRITE_ZEROES: keep the blocks allocated */
	__REQ_NR_BITS,
};

#define REQ_FAILFAST_DEV ((__force blk_opf_t)(1ULL << __REQ_FAILFAST_DEV))
#define REQ_FAILFAST_TRANSPORT ((__force blk_opf_t)(1ULL << __REQ_FAILFAST_TRANSPORT))
#define REQ_FAILFAST_DRIVER ((__force blk_opf_t)(1ULL << __REQ_FAILFAST_DRIVER))
#define REQ_SYNC ((__force blk_opf_t)(1ULL << __REQ_SYNC))
#define REQ_META ((__force blk_opf_t)(1ULL << __REQ_META))
#define REQ_PRIO ((__force blk_opf_t)(1ULL << __REQ_PRIO))
#define REQ_NOMERGE ((__force blk_opf_t)(1ULL << __REQ_NOMERGE))
#define REQ_IDLE ((__force blk_opf_t)(1ULL << __REQ_IDLE))
#define REQ_INTEGRITY ((__force blk_opf_t)(1ULL << __REQ_INTEGRITY))
#define REQ_FUA ((__force blk_opf_t)(1ULL << __REQ_FUA))
#define REQ_PREFLUSH ((__force blk_opf_t)(1ULL << __REQ_PREFLUSH))
#define REQ_RAHEAD ((__force blk_opf_t)(1ULL << __REQ_RAHEAD))
#define REQ_BACKGROUND ((__force blk_opf_t)(1ULL << __REQ_BACKGROUND))
#define REQ_NOWAIT ((__force blk_opf_t)(1ULL << __REQ_NOWAIT))
#define REQ_CGROUP_PUNT ((__force blk_opf_t)(1ULL << __REQ_CGROUP_PUNT))
#define REQ_NOUNMAP ((__force blk_opf_t)(1ULL << __REQ_NOUNMAP))
#define REQ_POLLED ((__force blk_opf_t)(1ULL << __REQ_POLLED))
#define REQ_ALLOC_CACHE ((__force blk_opf_t)(1ULL << __REQ_ALLOC_CACHE))
#define REQ_DRV ((__force blk_opf_t)(1ULL << __REQ_DRV))
#define REQ_SWAP ((__force blk_opf_t)(1ULL << __REQ_SWAP))

#define REQ_FAILFAST_MASK (REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT | REQ_FAILFAST_DRIVER)
#define REQ_NOMERGE_FLAGS (REQ_NOMERGE | REQ_PREFLUSH | REQ_FUA)

/* I/O statistics groups (struct disk_stats, linux/part_stat.h) */
enum stat_group {
	STAT_READ,
	STAT_WRITE,
	STAT_DISCARD,
	STAT_FLUSH,
	NR_STAT_GROUPS
};

static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

static inline void bio_set_op_attrs(struct bio *bio, enum req_op op, blk_opf_t op_flags)
{
	bio->bi_opf = op | op_flags;
}

static inline bool op_is_write(blk_opf_t op)
{
	return !!(op & (__force blk_opf_t)1);
}

/* op_is_flush - the request asks for a cache flush before or durability after it */
static inline bool op_is_flush(blk_opf_t op)
{
	return op & (REQ_FUA | REQ_PREFLUSH);
}

static inline bool op_is_sync(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_READ || (op & (REQ_SYNC | REQ_FUA | REQ_PREFLUSH));
}

static inline bool op_is_discard(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_DISCARD;
}

static inline int op_stat_group(enum req_op op)
{
	if (op_is_discard(op))
		return STAT_DISCARD;
	return op_is_write(op);
}

#endif
