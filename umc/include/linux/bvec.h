/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bvec.h - bio data vectors and their iterator (header-only; used by umc/src/bio.c,
 * blk_core.c, bdev_file.c).
 *
 * A struct bio_vec names a byte range of one page or of several pages that follow each
 * other in umc's page arena (a "multi-page" vector, as in Linux 6.1). A struct bvec_iter is
 * a position in an array of bio_vecs: how many bytes remain (bi_size), which vector
 * (bi_idx) and how far into it (bi_bvec_done), plus the device sector of that position.
 * The "segment" helpers (bvec_iter_page/offset/len, bio_for_each_segment) never cross a
 * page boundary; the "mp" (multi-page) helpers return whole vectors.
 * Everything here is pure computation: no locks, never sleeps.
 */
#ifndef _UMC_LINUX_BVEC_H
#define _UMC_LINUX_BVEC_H

#include <linux/types.h>
#include <linux/minmax.h>
#include <linux/bug.h>
#include <linux/highmem.h>
#include <asm/page.h>

struct page;

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct bvec_iter {
	sector_t bi_sector;        /* device address in 512-byte sectors */
	unsigned int bi_size;      /* residual I/O count in bytes */
	unsigned int bi_idx;       /* current index into the bio_vec array */
	unsigned int bi_bvec_done; /* bytes of the current bio_vec already consumed */
} __attribute__((packed, aligned(4)));

/* whole (multi-page) vector at the iterator position */
#define __bvec_iter_bvec(bvec, iter) (&(bvec)[(iter).bi_idx])
#define mp_bvec_iter_page(bvec, iter) (__bvec_iter_bvec((bvec), (iter))->bv_page)
#define mp_bvec_iter_len(bvec, iter) \
	min((iter).bi_size, __bvec_iter_bvec((bvec), (iter))->bv_len - (iter).bi_bvec_done)
#define mp_bvec_iter_offset(bvec, iter) \
	(__bvec_iter_bvec((bvec), (iter))->bv_offset + (iter).bi_bvec_done)
#define mp_bvec_iter_page_idx(bvec, iter) (mp_bvec_iter_offset((bvec), (iter)) / PAGE_SIZE)
#define mp_bvec_iter_bvec(bvec, iter) \
	((struct bio_vec){ \
		.bv_page = mp_bvec_iter_page((bvec), (iter)), \
		.bv_len = mp_bvec_iter_len((bvec), (iter)), \
		.bv_offset = mp_bvec_iter_offset((bvec), (iter)), \
	})

/* single-page segment at the iterator position */
#define bvec_iter_offset(bvec, iter) (mp_bvec_iter_offset((bvec), (iter)) % PAGE_SIZE)
#define bvec_iter_len(bvec, iter) \
	min_t(unsigned int, mp_bvec_iter_len((bvec), (iter)), PAGE_SIZE - bvec_iter_offset((bvec), (iter)))
#define bvec_iter_page(bvec, iter) \
	(mp_bvec_iter_page((bvec), (iter)) + mp_bvec_iter_page_idx((bvec), (iter)))
#define bvec_iter_bvec(bvec, iter) \
	((struct bio_vec){ \
		.bv_page = bvec_iter_page((bvec), (iter)), \
		.bv_len = bvec_iter_len((bvec), (iter)), \
		.bv_offset = bvec_iter_offset((bvec), (iter)), \
	})

/*
 * bvec_iter_advance - move @iter forward by @bytes within @bv. Returns false (and logs a
 * warning) if @bytes is more than the iterator has left; the iterator then ends.
 */
static inline bool bvec_iter_advance(const struct bio_vec *bv, struct bvec_iter *iter,
				     unsigned int bytes)
{
	unsigned int idx = iter->bi_idx;

	if (WARN_ONCE(bytes > iter->bi_size, "attempted to advance past end of bvec iter\n")) {
		iter->bi_size = 0;
		return false;
	}
	iter->bi_size -= bytes;
	bytes += iter->bi_bvec_done;
	while (bytes && bytes >= bv[idx].bv_len) {
		bytes -= bv[idx].bv_len;
		idx++;
	}
	iter->bi_idx = idx;
	iter->bi_bvec_done = bytes;
	return true;
}

/* bvec_iter_advance_single - advance by @bytes that do not leave the current vector. */
static inline void bvec_iter_advance_single(const struct bio_vec *bv, struct bvec_iter *iter,
					    unsigned int bytes)
{
	unsigned int done = iter->bi_bvec_done + bytes;

	if (done == bv[iter->bi_idx].bv_len) {
		done = 0;
		iter->bi_idx++;
	}
	iter->bi_bvec_done = done;
	iter->bi_size -= bytes;
}

#define for_each_bvec(bvl, bio_vec, iter, start) \
	for (iter = (start); (iter).bi_size && ((bvl = bvec_iter_bvec((bio_vec), (iter))), 1); \
	     bvec_iter_advance_single((bio_vec), &(iter), (bvl).bv_len))

/* bvec_kmap_local - map the first byte of the (single-page) segment @bvec. */
static inline void *bvec_kmap_local(struct bio_vec *bvec)
{
	return (char *)kmap_local_page(bvec->bv_page) + bvec->bv_offset;
}

/* bvec_virt - address of the segment (umc has no highmem: always mapped). */
static inline void *bvec_virt(struct bio_vec *bvec)
{
	return (char *)page_address(bvec->bv_page) + bvec->bv_offset;
}

#endif
