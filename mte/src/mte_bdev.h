/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mte_bdev.h - block device state shared by bdev.c (open/close/routing), bdev_aio.c (libaio
 * on the O_DIRECT fd, completions on the "mte_aio" loop) and bdev_pool.c (worker threads
 * doing synchronous pread/pwrite/fdatasync/fallocate).
 *
 * Per-request state lives in req->provider_priv (64 bytes): while the request is in libaio it
 * holds the struct iocb; on the worker pool it holds struct pool_work. No allocation per
 * request.
 */
#ifndef MTE_BDEV_H
#define MTE_BDEV_H

#include "mte_internal.h"

#define BDEV_CLOSING 0x80000000u

struct sys_bdev {
	int fd;   /* O_DIRECT fd when `direct`, else the only fd */
	int bfd;  /* buffered fd (== fd when not direct) */
	bool direct;
	bool is_blk;
	bool discard;
	bool write_zeroes;
	bool zero_by_punch; /* no ZERO_RANGE (tmpfs): punch a hole, then allocate it again */
	bool aio_fdsync;   /* IOCB_CMD_FDSYNC accepted so far (atomic) */
	bool rwf_dsync;    /* pwritev2(RWF_DSYNC) accepted so far (atomic) */
	uint32_t lbs, pbs;
	uint32_t dio_align; /* alignment O_DIRECT needs for offsets, lengths and buffers */
	uint64_t size;      /* atomic: refreshed by bdev_refresh */
	uint32_t inflight;  /* futex: requests in flight | BDEV_CLOSING */
	char path[];
};

/* How the worker pool should run a request (stored in struct pool_work). */
enum pool_kind {
	POOL_RUN = 0,   /* execute req->op on the buffered fd (or the direct fd if aligned) */
	POOL_FAIL = 1,  /* complete with the stored error (detected at submission) */
};

struct pool_work {
	struct sys_bio_req *next;
	struct sys_bdev *b;
	uint64_t done;    /* bytes already transferred (after a short aio transfer) */
	long error;       /* POOL_FAIL result */
	uint32_t kind;
	bool use_direct_fd;
};
_Static_assert(sizeof(struct pool_work) <= sizeof(((struct sys_bio_req *)0)->provider_priv),
	       "pool_work fits the provider scratch area");

static inline struct pool_work *pool_work_of(struct sys_bio_req *req)
{
	return (struct pool_work *)req->provider_priv;
}

/* bdev.c */
uint64_t mte_bio_bytes(const struct sys_bio_req *req);
bool mte_bio_aligned(const struct sys_bdev *b, const struct sys_bio_req *req);
/* call req->done and drop the in-flight count (any provider thread) */
void mte_bdev_complete(struct sys_bdev *b, struct sys_bio_req *req, long result);

/* bdev_pool.c */
int mte_pool_start(unsigned int workers);
void mte_pool_stop(void);
/* queue @req; its pool_work must be filled in. Never blocks for long. */
void mte_pool_queue(struct sys_bio_req *req);

/* bdev_aio.c */
int mte_aio_start(unsigned int depth);
void mte_aio_stop(void);
/* try to start @req with libaio on b->fd; false: not taken (caller uses the pool) */
bool mte_aio_submit(struct sys_bdev *b, struct sys_bio_req *req);

#endif /* MTE_BDEV_H */
