// SPDX-License-Identifier: GPL-2.0
/*
 * bio.c - bio allocation from bio_sets, data pages, reference counts, completion with
 * chaining, cloning and splitting (Linux 6.1 semantics; see linux/bio.h for the contracts).
 *
 * Memory: a bio_set owns a slab cache of elements [front_pad | struct bio | BIO_INLINE_VECS
 * bio_vecs] with a mempool reserve on top, and with BIOSET_NEED_BVECS a second cache/pool
 * of BIO_MAX_VECS-entry vector arrays. A bio needing more than the inline vectors takes an
 * array from that pool, or (sets without it) from kmalloc. With a gfp that may block,
 * mempool_alloc() waits for an element to come back instead of failing, which is what lets
 * I/O make progress under memory pressure in Linux too.
 */
#include <linux/kernel.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/printk.h>

#include "blk_internal.h"

struct bio_set fs_bio_set;

static unsigned int bio_elem_size(const struct bio_set *bs)
{
	return bs->front_pad + sizeof(struct bio) + BIO_INLINE_VECS * sizeof(struct bio_vec);
}

void bioset_exit(struct bio_set *bs)
{
	if (mempool_initialized(&bs->bio_pool))
		mempool_exit(&bs->bio_pool);
	if (mempool_initialized(&bs->bvec_pool))
		mempool_exit(&bs->bvec_pool);
	if (bs->bio_slab)
		kmem_cache_destroy(bs->bio_slab);
	if (bs->bvec_slab)
		kmem_cache_destroy(bs->bvec_slab);
	bs->bio_slab = NULL;
	bs->bvec_slab = NULL;
}

int bioset_init(struct bio_set *bs, unsigned int pool_size, unsigned int front_pad, int flags)
{
	memset(bs, 0, sizeof(*bs));
	bs->front_pad = front_pad;
	snprintf(bs->bio_slab_name, sizeof(bs->bio_slab_name), "bio-%u", bio_elem_size(bs));
	bs->bio_slab = kmem_cache_create(bs->bio_slab_name, bio_elem_size(bs),
					 __alignof__(struct bio), 0, NULL);
	if (!bs->bio_slab)
		goto fail;
	if (mempool_init_slab_pool(&bs->bio_pool, pool_size, bs->bio_slab))
		goto fail;
	if (flags & BIOSET_NEED_BVECS) {
		bs->bvec_slab = kmem_cache_create("biovec-max", BIO_MAX_VECS * sizeof(struct bio_vec),
						  __alignof__(struct bio_vec), 0, NULL);
		if (!bs->bvec_slab)
			goto fail;
		if (mempool_init_slab_pool(&bs->bvec_pool, pool_size, bs->bvec_slab))
			goto fail;
	}
	return 0;
fail:
	bioset_exit(bs);
	return -ENOMEM;
}

void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf)
{
	bio->bi_next = NULL;
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_flags = 0;
	bio->bi_ioprio = 0;
	bio->bi_status = BLK_STS_OK;
	atomic_set(&bio->__bi_remaining, 1);
	memset(&bio->bi_iter, 0, sizeof(bio->bi_iter));
	bio->bi_cookie = 0;
	bio->bi_end_io = NULL;
	bio->bi_private = NULL;
	bio->bi_vcnt = 0;
	atomic_set(&bio->__bi_cnt, 1);
	bio->bi_max_vecs = max_vecs;
	bio->bi_io_vec = table;
	bio->bi_pool = NULL;
}

/* Linux releases cgroup and integrity state here; umc has neither, so nothing is held. */
void bio_uninit(struct bio *bio)
{
	(void)bio;
}

void bio_reset(struct bio *bio, struct block_device *bdev, blk_opf_t opf)
{
	bio_uninit(bio);
	memset(bio, 0, BIO_RESET_BYTES);
	atomic_set(&bio->__bi_remaining, 1);
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
}

static void bvecs_free(struct bio_set *bs, struct bio *bio)
{
	if (bio_flagged(bio, BIO_CLONED) || bio->bi_io_vec == bio->bi_inline_vecs ||
	    !bio->bi_io_vec)
		return;
	if (mempool_initialized(&bs->bvec_pool))
		mempool_free(bio->bi_io_vec, &bs->bvec_pool);
	else
		kfree(bio->bi_io_vec);
}

struct bio *bio_alloc_bioset(struct block_device *bdev, unsigned short nr_vecs, blk_opf_t opf,
			     gfp_t gfp, struct bio_set *bs)
{
	struct bio_vec *table;
	unsigned short max_vecs = nr_vecs;
	struct bio *bio;
	void *p;

	if (nr_vecs > BIO_MAX_VECS)
		return NULL;
	if (WARN_ON_ONCE(!bioset_initialized(bs)))
		return NULL;
	p = mempool_alloc(&bs->bio_pool, gfp);
	if (!p)
		return NULL;
	bio = (struct bio *)((char *)p + bs->front_pad);
	if (nr_vecs <= BIO_INLINE_VECS) {
		table = nr_vecs ? bio->bi_inline_vecs : NULL;
		if (nr_vecs)
			max_vecs = BIO_INLINE_VECS;
	} else if (mempool_initialized(&bs->bvec_pool)) {
		table = mempool_alloc(&bs->bvec_pool, gfp);
		max_vecs = BIO_MAX_VECS;
	} else {
		table = kmalloc_array(nr_vecs, sizeof(*table), gfp);
	}
	if (nr_vecs && !table) {
		mempool_free(p, &bs->bio_pool);
		return NULL;
	}
	bio_init(bio, bdev, table, max_vecs, opf);
	bio->bi_pool = bs;
	return bio;
}

static void bio_free(struct bio *bio)
{
	struct bio_set *bs = bio->bi_pool;

	if (WARN_ON_ONCE(!bs))
		return;
	bio_uninit(bio);
	bvecs_free(bs, bio);
	mempool_free((char *)bio - bs->front_pad, &bs->bio_pool);
}

void bio_put(struct bio *bio)
{
	if (unlikely(bio_flagged(bio, BIO_REFFED))) {
		BUG_ON(!atomic_read(&bio->__bi_cnt));
		if (!atomic_dec_and_test(&bio->__bi_cnt))
			return;
	}
	bio_free(bio);
}

struct bio *bio_alloc_clone(struct block_device *bdev, struct bio *bio_src, gfp_t gfp,
			    struct bio_set *bs)
{
	struct bio *bio = bio_alloc_bioset(bdev, 0, bio_src->bi_opf, gfp, bs);

	if (!bio)
		return NULL;
	bio_set_flag(bio, BIO_CLONED);
	bio->bi_ioprio = bio_src->bi_ioprio;
	bio->bi_iter = bio_src->bi_iter;
	if (bio->bi_bdev == bio_src->bi_bdev && bio_flagged(bio_src, BIO_REMAPPED))
		bio_set_flag(bio, BIO_REMAPPED);
	bio->bi_io_vec = bio_src->bi_io_vec;
	return bio;
}

void __bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	struct bio_vec *bv = &bio->bi_io_vec[bio->bi_vcnt];

	WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED));
	WARN_ON_ONCE(bio->bi_vcnt >= bio->bi_max_vecs);
	bv->bv_page = page;
	bv->bv_offset = off;
	bv->bv_len = len;
	bio->bi_iter.bi_size += len;
	bio->bi_vcnt++;
}

/* The new bytes start where the last vector ends (same page, or the next page of the
 * arena: struct pages are consecutive exactly when their addresses are). */
static bool bio_try_merge_page(struct bio *bio, struct page *page, unsigned int len,
			       unsigned int off)
{
	struct bio_vec *bv;
	char *end;

	if (!bio->bi_vcnt)
		return false;
	bv = &bio->bi_io_vec[bio->bi_vcnt - 1];
	end = (char *)page_address(bv->bv_page) + bv->bv_offset + bv->bv_len;
	if (end != (char *)page_address(page) + off)
		return false;
	bv->bv_len += len;
	bio->bi_iter.bi_size += len;
	return true;
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset)
{
	if (WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED)))
		return 0;
	if (bio->bi_iter.bi_size > UINT_MAX - len)
		return 0;
	if (bio_try_merge_page(bio, page, len, offset))
		return len;
	if (bio->bi_vcnt >= bio->bi_max_vecs)
		return 0;
	__bio_add_page(bio, page, len, offset);
	return len;
}

static void bio_chain_endio(struct bio *bio);

/* A chained child is done: pass its error up, free it, return the parent. */
static struct bio *bio_chain_complete_child(struct bio *bio)
{
	struct bio *parent = bio->bi_private;

	if (bio->bi_status && !parent->bi_status)
		parent->bi_status = bio->bi_status;
	bio_put(bio);
	return parent;
}

static void bio_chain_endio(struct bio *bio)
{
	bio_endio(bio_chain_complete_child(bio));
}

void bio_chain(struct bio *bio, struct bio *parent)
{
	BUG_ON(bio->bi_private || bio->bi_end_io);
	bio->bi_private = parent;
	bio->bi_end_io = bio_chain_endio;
	/* Set only once: when a bio is split again (bio_split_to_limits), children chained
	 * before may already be completing and reading the parent's bi_flags
	 * (bio_remaining_done); the flag is cleared only by the last completion. */
	if (!bio_flagged(parent, BIO_CHAIN))
		bio_set_flag(parent, BIO_CHAIN);
	smp_mb__before_atomic();
	atomic_inc(&parent->__bi_remaining);
}

/* For a chained bio only the last expected completion proceeds. */
static bool bio_remaining_done(struct bio *bio)
{
	if (!bio_flagged(bio, BIO_CHAIN))
		return true;
	BUG_ON(atomic_read(&bio->__bi_remaining) <= 0);
	if (atomic_dec_and_test(&bio->__bi_remaining)) {
		bio_clear_flag(bio, BIO_CHAIN);
		return true;
	}
	return false;
}

void bio_endio(struct bio *bio)
{
	for (;;) {
		if (!bio_remaining_done(bio))
			return;
		/* walk up chains iteratively instead of recursing through bio_chain_endio */
		if (bio->bi_end_io != bio_chain_endio)
			break;
		bio = bio_chain_complete_child(bio);
	}
	bio_uninit(bio);
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

struct bio *bio_split(struct bio *bio, int sectors, gfp_t gfp, struct bio_set *bs)
{
	struct bio *split;

	BUG_ON(sectors <= 0);
	BUG_ON((unsigned int)sectors >= bio_sectors(bio));
	if (WARN_ON_ONCE(bio_op(bio) == REQ_OP_ZONE_APPEND))
		return NULL;
	split = bio_alloc_clone(bio->bi_bdev, bio, gfp, bs);
	if (!split)
		return NULL;
	split->bi_iter.bi_size = sectors << 9;
	bio_advance(bio, split->bi_iter.bi_size);
	return split;
}

void bio_trim(struct bio *bio, sector_t offset, sector_t size)
{
	if (WARN_ON_ONCE(offset > BIO_MAX_SECTORS || size > BIO_MAX_SECTORS ||
			 offset + size > bio_sectors(bio)))
		return;
	size <<= 9;
	if (offset == 0 && size == bio->bi_iter.bi_size)
		return;
	bio_advance(bio, offset << 9);
	bio->bi_iter.bi_size = size;
}
