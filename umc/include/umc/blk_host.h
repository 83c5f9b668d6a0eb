/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/blk_host.h - the disks of umc's block layer as seen from host-world code (the FUSE
 * front end, benchmarks, tests). Implemented by umc/src/blk_host.c. Basic types only, so it
 * compiles in both worlds.
 *
 * It offers what a block device node offers a program on Linux: enumerate the disks drivers
 * added (DRBD's drbdN), learn of disks appearing, changing (size, read-only/role) and going
 * away, open a disk the way blkdev_open() does (the driver's fops->open decides: DRBD refuses
 * a write open while Secondary with -EROFS and a read-only open with -EMEDIUMTYPE unless its
 * allow_oos parameter is set), and asynchronous I/O on it: READ/WRITE over caller memory,
 * FLUSH (an empty REQ_PREFLUSH bio), DISCARD and WRITE_ZEROES.
 *
 * Backing disks that umc opened by path (blkdev_get_by_path) and GENHD_FL_HIDDEN disks are
 * not listed and cannot be opened here.
 *
 * Threads: every call except umc_blk_buf_is_arena() must come from a thread known to umc. A
 * host thread (FUSE worker) calls umc_blk_thread_attach() once before its first call and
 * umc_blk_thread_detach() before it exits. Calls that may sleep say so.
 *
 * Errors are negative errno values (Linux numbering), as in the kernel.
 */
#ifndef _UMC_UMC_BLK_HOST_H
#define _UMC_UMC_BLK_HOST_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#define UMC_BLK_NAME_MAX 32

/* What a program could learn from the device node and its sysfs directory. */
struct umc_blk_disk_info {
	char name[UMC_BLK_NAME_MAX]; /* disk_name, e.g. "drbd0" */
	uint32_t major;
	uint32_t minor;
	uint64_t capacity;           /* bytes (get_capacity() << 9) */
	uint32_t logical_block_size; /* I/O offsets and lengths must be multiples of it */
	uint32_t physical_block_size;
	uint32_t max_io_bytes;       /* max_sectors << 9: larger requests are split by umc */
	bool read_only;              /* get_disk_ro(): DRBD sets it while Secondary */
	bool discard;                /* max_discard_sectors != 0 */
	bool write_zeroes;           /* native WRITE_ZEROES; else the bridge writes zero pages */
	bool write_cache;            /* QUEUE_FLAG_WC: FLUSH reaches the driver (else no-op) */
	int openers;                 /* current opens (of everyone) */
};

/*
 * umc_blk_disk_list - fill up to @max entries of @out with the added disks, in the order
 * they were added. Returns the number of disks (may be larger than @max). Sleeps (mutex).
 */
int umc_blk_disk_list(struct umc_blk_disk_info *out, unsigned int max);
/* umc_blk_disk_get - the disk @major:@minor: 0, or -ENXIO if no such disk is added. Sleeps. */
int umc_blk_disk_get(uint32_t major, uint32_t minor, struct umc_blk_disk_info *out);

/* ---------------------------------------------------------------- change notification */
enum umc_blk_event {
	UMC_BLK_EV_ADD,    /* add_disk(): the disk can be opened now */
	UMC_BLK_EV_CHANGE, /* a size change (set_capacity_and_notify), set_disk_ro (DRBD: role
			    * change) or a driver's own KOBJ_CHANGE (DRBD: attach) */
	UMC_BLK_EV_REMOVE, /* del_gendisk() started: the disk is going away */
};

/*
 * Called synchronously in the thread that changed the disk (a DRBD thread, the control
 * socket thread...), with umc's uevent mutex held and @info filled at the time of the event.
 * It must not block or call into this bridge or the block layer: copy what it needs and wake
 * a thread of its own.
 */
typedef void (*umc_blk_event_fn)(void *ctx, enum umc_blk_event event,
				 const struct umc_blk_disk_info *info);

struct umc_blk_watch;
/* umc_blk_watch_start - call @fn for every event from now on. 0 or -ENOMEM. Sleeps. */
int umc_blk_watch_start(struct umc_blk_watch **out, umc_blk_event_fn fn, void *ctx);
/* umc_blk_watch_stop - after return @fn is not running and is never called again. Sleeps. */
void umc_blk_watch_stop(struct umc_blk_watch *w);

/* ---------------------------------------------------------------- opening */
#define UMC_BLK_OPEN_READ 0x1u  /* FMODE_READ */
#define UMC_BLK_OPEN_WRITE 0x2u /* FMODE_WRITE */
#define UMC_BLK_OPEN_EXCL 0x4u  /* FMODE_EXCL, the handle is the holder (O_EXCL on Linux) */

struct umc_blk_handle;
/*
 * umc_blk_open - open disk @major:@minor with UMC_BLK_OPEN_* @mode as blkdev_open() does:
 * the driver's fops->open runs and may refuse (DRBD: -EROFS, -EMEDIUMTYPE). Returns 0 and
 * the handle, -ENXIO (no such disk), -EBUSY (claimed exclusively by someone else), -EINVAL
 * (neither READ nor WRITE), -ENOMEM, or the driver's error. Sleeps.
 */
int umc_blk_open(uint32_t major, uint32_t minor, unsigned int mode, struct umc_blk_handle **out);
/*
 * umc_blk_close - the driver's fops->release, then free the handle. No I/O of the handle may
 * be in flight (the caller waits for its completions first). Sleeps.
 */
void umc_blk_close(struct umc_blk_handle *h);
/* umc_blk_handle_info - current information about the handle's disk (never fails). */
void umc_blk_handle_info(struct umc_blk_handle *h, struct umc_blk_disk_info *out);

/* ---------------------------------------------------------------- I/O */
enum umc_blk_op {
	UMC_BLK_READ,
	UMC_BLK_WRITE,
	UMC_BLK_FLUSH,        /* empty REQ_PREFLUSH write: writes completed before are durable */
	UMC_BLK_DISCARD,      /* REQ_OP_DISCARD over [offset, offset + len) */
	UMC_BLK_WRITE_ZEROES, /* REQ_OP_WRITE_ZEROES (REQ_NOUNMAP), or zero-page writes when the
			       * disk has no WRITE_ZEROES */
};

#define UMC_BLK_IO_FUA 0x1u /* WRITE: REQ_FUA, durable when completed */

struct umc_blk_iovec {
	void *base;
	size_t len;
};

/*
 * One request. The caller owns it (and @iov and the memory it names) until @done ran.
 * Data memory from umc_blk_buf_alloc() goes into the bios as it is (zero copy) when every
 * segment starts and ends on a 512-byte boundary; any other memory is copied through pages
 * of umc's arena (bounce: the write data is copied before submission, read data after
 * completion).
 */
struct umc_blk_io {
	enum umc_blk_op op;
	uint32_t flags;                   /* UMC_BLK_IO_* */
	uint64_t offset;                  /* bytes, multiple of the logical block size */
	uint64_t len;                     /* DISCARD/WRITE_ZEROES: bytes (same rule); READ/WRITE:
					   * ignored (the sum of iov) */
	const struct umc_blk_iovec *iov;  /* READ/WRITE: total a multiple of the block size */
	int iovcnt;
	/*
	 * Called exactly once with 0 or a negative errno: -EINVAL (misaligned, bad op), -EBADF
	 * (write through a handle opened without UMC_BLK_OPEN_WRITE), -EPERM (write to a
	 * read-only disk, as blkdev_write_iter), -EOPNOTSUPP (the disk cannot discard), -EIO
	 * (beyond the end of the disk, disk deleted, or the driver's error), -ENOMEM.
	 * Runs on whatever thread completes the last bio (a DRBD or provider thread), or on the
	 * submitting thread before umc_blk_submit() returns. Must not block.
	 */
	void (*done)(struct umc_blk_io *io, int error);
	void *priv;
	uint64_t bridge_priv[6];          /* the bridge's: do not touch while in flight */
};

/*
 * umc_blk_submit - start @io on @h's disk. The bios are submitted under a plug (one batch for
 * the driver). May sleep briefly (bio allocation waits for a bio of the reserve when memory
 * is short); never waits for the I/O itself.
 */
void umc_blk_submit(struct umc_blk_handle *h, struct umc_blk_io *io);

/* ---------------------------------------------------------------- data buffers */
/*
 * umc_blk_buf_alloc - @size bytes (rounded up to a power-of-two number of pages) of umc's
 * page arena, page aligned: I/O on it is zero copy. NULL if the arena is exhausted. Never
 * sleeps. umc_blk_buf_free takes the same @size.
 */
void *umc_blk_buf_alloc(size_t size);
void umc_blk_buf_free(void *buf, size_t size);
/* umc_blk_buf_alloc_size - what umc_blk_buf_alloc(@size) really reserves. */
size_t umc_blk_buf_alloc_size(size_t size);
/* umc_blk_buf_is_arena - does [@p, @p + @len) lie in umc's page arena? Any thread. */
bool umc_blk_buf_is_arena(const void *p, size_t len);

/* ---------------------------------------------------------------- host threads */
/* umc_blk_thread_attach - make the calling host thread known to umc (idempotent). */
void umc_blk_thread_attach(void);
/* umc_blk_thread_detach - before a thread that attached exits; no umc call may follow. */
void umc_blk_thread_detach(void);

#endif
