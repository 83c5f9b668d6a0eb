/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bio.h - bios: allocation from bio_sets, pages, completion, chaining and splitting
 * (umc/src/bio.c); submission is in umc/src/blk_core.c.
 *
 * Contracts (as Linux 6.1):
 *  - bio_alloc_bioset() with a gfp that allows blocking (GFP_NOIO, GFP_KERNEL) never fails
 *    for nr_vecs <= BIO_MAX_VECS: it waits for a bio of the set's reserve to come back.
 *    With GFP_NOWAIT/GFP_ATOMIC it may return NULL. Must not be called with a spinlock held
 *    when the gfp allows blocking.
 *  - bio_endio() may be called from any thread, also provider (aio) threads, with spinlocks
 *    held by the caller; it runs ->bi_end_io in the calling thread.
 *  - bio_put() frees the bio when the last reference goes; never sleeps.
 */
#ifndef _UMC_LINUX_BIO_H
#define _UMC_LINUX_BIO_H

#include <linux/blk_types.h>
#include <linux/mempool.h>
#include <linux/gfp.h>

#ifndef READ
#define READ 0
#define WRITE 1
#endif

#define BIO_MAX_VECS 256U
#define BIO_INLINE_VECS 4 /* bio_vecs allocated together with the bio itself */

#define bio_prio(bio) ((bio)->bi_ioprio)
#define bio_set_prio(bio, prio) ((bio)->bi_ioprio = (prio))

static inline unsigned int bio_max_segs(unsigned int nr_segs)
{
	return nr_segs < BIO_MAX_VECS ? nr_segs : BIO_MAX_VECS;
}

static inline bool bio_flagged(const struct bio *bio, unsigned int bit)
{
	return (bio->bi_flags & (1U << bit)) != 0;
}

static inline void bio_set_flag(struct bio *bio, unsigned int bit)
{
	bio->bi_flags |= (1U << bit);
}

static inline void bio_clear_flag(struct bio *bio, unsigned int bit)
{
	bio->bi_flags &= ~(1U << bit);
}

#define bio_iter_iovec(bio, iter) bvec_iter_bvec((bio)->bi_io_vec, (iter))
#define bio_iter_page(bio, iter) bvec_iter_page((bio)->bi_io_vec, (iter))
#define bio_iter_len(bio, iter) bvec_iter_len((bio)->bi_io_vec, (iter))
#define bio_iter_offset(bio, iter) bvec_iter_offset((bio)->bi_io_vec, (iter))
#define bio_page(bio) bio_iter_page((bio), (bio)->bi_iter)
#define bio_offset(bio) bio_iter_offset((bio), (bio)->bi_iter)
#define bio_iovec(bio) bio_iter_iovec((bio), (bio)->bi_iter)

#define bvec_iter_sectors(iter) ((iter).bi_size >> 9)
#define bvec_iter_end_sector(iter) ((iter).bi_sector + bvec_iter_sectors((iter)))
#define bio_sectors(bio) bvec_iter_sectors((bio)->bi_iter)
#define bio_end_sector(bio) bvec_iter_end_sector((bio)->bi_iter)

/* Discard and write-zeroes bios carry a size but no data pages. */
static inline bool bio_no_advance_iter(const struct bio *bio)
{
	return bio_op(bio) == REQ_OP_DISCARD || bio_op(bio) == REQ_OP_SECURE_ERASE ||
	       bio_op(bio) == REQ_OP_WRITE_ZEROES;
}

static inline bool bio_has_data(struct bio *bio)
{
	return bio && bio->bi_iter.bi_size && !bio_no_advance_iter(bio);
}

static inline void bio_advance_iter(const struct bio *bio, struct bvec_iter *iter,
				    unsigned int bytes)
{
	iter->bi_sector += bytes >> 9;
	if (bio_no_advance_iter(bio))
		iter->bi_size -= bytes;
	else
		bvec_iter_advance(bio->bi_io_vec, iter, bytes);
}

static inline void bio_advance_iter_single(const struct bio *bio, struct bvec_iter *iter,
					   unsigned int bytes)
{
	iter->bi_sector += bytes >> 9;
	if (bio_no_advance_iter(bio))
		iter->bi_size -= bytes;
	else
		bvec_iter_advance_single(bio->bi_io_vec, iter, bytes);
}

/* bio_advance - consume @nbytes from the front of the bio's remaining data. */
static inline void bio_advance(struct bio *bio, unsigned int nbytes)
{
	if (!nbytes)
		return;
	bio_advance_iter(bio, &bio->bi_iter, nbytes);
}

/* Iterate over single-page segments of the bio's remaining data (bi_iter). */
#define __bio_for_each_segment(bvl, bio, iter, start) \
	for (iter = (start); (iter).bi_size && ((bvl = bio_iter_iovec((bio), (iter))), 1); \
	     bio_advance_iter_single((bio), &(iter), (bvl).bv_len))
#define bio_for_each_segment(bvl, bio, iter) __bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)

/* Iterate over whole (multi-page) vectors of the bio's remaining data. */
#define __bio_for_each_bvec(bvl, bio, iter, start) \
	for (iter = (start); \
	     (iter).bi_size && ((bvl = mp_bvec_iter_bvec((bio)->bi_io_vec, (iter))), 1); \
	     bio_advance_iter_single((bio), &(iter), (bvl).bv_len))
#define bio_for_each_bvec(bvl, bio, iter) __bio_for_each_bvec(bvl, bio, iter, (bio)->bi_iter)

#define bio_iter_last(bvec, iter) ((iter).bi_size == (bvec).bv_len)

static inline unsigned int bio_segments(struct bio *bio)
{
	unsigned int segs = 0;
	struct bio_vec bv;
	struct bvec_iter iter;

	if (bio_no_advance_iter(bio))
		return bio_op(bio) == REQ_OP_WRITE_ZEROES ? 0 : 1;
	bio_for_each_segment(bv, bio, iter)
		segs++;
	return segs;
}

/* The bio's own vector array (not for clones, which share their parent's). */
static inline struct bio_vec *bio_first_bvec_all(struct bio *bio)
{
	WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED));
	return bio->bi_io_vec;
}

static inline struct page *bio_first_page_all(struct bio *bio)
{
	return bio_first_bvec_all(bio)->bv_page;
}

static inline struct bio_vec *bio_last_bvec_all(struct bio *bio)
{
	WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED));
	return &bio->bi_io_vec[bio->bi_vcnt - 1];
}

#define bio_for_each_bvec_all(bvl, bio, i) \
	for (i = 0, bvl = bio_first_bvec_all(bio); i < (bio)->bi_vcnt; i++, bvl++)

static inline int bio_data_dir(const struct bio *bio)
{
	return op_is_write(bio_op(bio)) ? WRITE : READ;
}

/* bio_get - take an extra reference; bio_put drops it. */
static inline void bio_get(struct bio *bio)
{
	bio->bi_flags |= (1U << BIO_REFFED);
	smp_mb__before_atomic();
	atomic_inc(&bio->__bi_cnt);
}

static inline void bio_cnt_set(struct bio *bio, unsigned int count)
{
	if (count != 1) {
		bio->bi_flags |= (1U << BIO_REFFED);
		smp_mb();
	}
	atomic_set(&bio->__bi_cnt, count);
}

/* ---------------------------------------------------------------- bio_set */
enum {
	BIOSET_NEED_BVECS = 1 << 0,   /* keep a reserve of BIO_MAX_VECS vector arrays */
	BIOSET_NEED_RESCUER = 1 << 1, /* accepted; umc never needs a rescuer thread */
	BIOSET_PERCPU_CACHE = 1 << 2, /* accepted; no per-cpu cache in umc */
};

#define BIO_POOL_SIZE 2

/*
 * struct bio_set - a reserve of bios (and, with BIOSET_NEED_BVECS, of vector arrays) so
 * that I/O can make progress when memory is short. Each bio is preceded by front_pad bytes
 * the owner uses (DRBD: none). bio_slab/bvec_slab are umc's caches of the element sizes.
 */
struct bio_set {
	struct kmem_cache *bio_slab;
	unsigned int front_pad;
	mempool_t bio_pool;
	mempool_t bvec_pool;
	struct kmem_cache *bvec_slab;
	char bio_slab_name[24];
};

/* The general purpose set bio_alloc() allocates from (set up by umc_blk_init()). */
extern struct bio_set fs_bio_set;

static inline bool bioset_initialized(struct bio_set *bs)
{
	return bs->bio_slab != NULL;
}

/*
 * bioset_init - set up @bs with a reserve of @pool_size bios, @front_pad bytes before each
 * bio, and @flags BIOSET_*. Returns 0 or -ENOMEM. Sleeps.
 */
int bioset_init(struct bio_set *bs, unsigned int pool_size, unsigned int front_pad, int flags);
/* bioset_exit - free the reserve; every bio of the set must have been put. Sleeps. */
void bioset_exit(struct bio_set *bs);

/* bio_init - set up caller-provided bio memory with @table of @max_vecs vectors. */
void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf);
void bio_uninit(struct bio *bio);
/* bio_reset - forget the data and state of @bio (keeps its vectors and pool) for reuse. */
void bio_reset(struct bio *bio, struct block_device *bdev, blk_opf_t opf);

/*
 * bio_alloc_bioset - a bio for @bdev with room for @nr_vecs page vectors, operation @opf.
 * Returns NULL only if @gfp does not allow blocking and memory is short, or if @nr_vecs is
 * more than BIO_MAX_VECS (or than 0 for a set without BIOSET_NEED_BVECS where the vectors
 * do not fit inline).
 */
struct bio *bio_alloc_bioset(struct block_device *bdev, unsigned short nr_vecs, blk_opf_t opf,
			     gfp_t gfp, struct bio_set *bs);

static inline struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs,
				    blk_opf_t opf, gfp_t gfp)
{
	return bio_alloc_bioset(bdev, nr_vecs, opf, gfp, &fs_bio_set);
}

/*
 * bio_alloc_clone - a bio for @bdev that shares @bio_src's data vectors (BIO_CLONED) and
 * copies its operation, flags and position. @bio_src must outlive the clone.
 */
struct bio *bio_alloc_clone(struct block_device *bdev, struct bio *bio_src, gfp_t gfp,
			    struct bio_set *bs);

/* bio_put - drop a reference; the last one returns the bio to its set. */
void bio_put(struct bio *bio);

/*
 * bio_add_page - append @len bytes of @page at @offset. Merges with the last vector when
 * the bytes follow it directly in the same page. Returns @len, or 0 if the bio is full
 * (bi_vcnt == bi_max_vecs) or would exceed UINT_MAX bytes. Not for cloned bios.
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset);
void __bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off);

/*
 * bio_endio - end I/O on @bio: for a chained bio, only the last of the expected
 * completions goes on; then ->bi_end_io runs (a chained child passes its error to the
 * parent and completes it, iteratively). Runs in the caller's thread.
 */
void bio_endio(struct bio *bio);

static inline void bio_io_error(struct bio *bio)
{
	bio->bi_status = BLK_STS_IOERR;
	bio_endio(bio);
}

static inline void bio_wouldblock_error(struct bio *bio)
{
	bio_set_flag(bio, BIO_QUIET);
	bio->bi_status = BLK_STS_AGAIN;
	bio_endio(bio);
}

/*
 * bio_chain - @parent completes only after @bio (and the parent's own I/O) completed; the
 * first error of either is the parent's status. @bio must not have a ->bi_end_io.
 */
void bio_chain(struct bio *bio, struct bio *parent);

/*
 * bio_split - a clone of the first @sectors of @bio, allocated from @bs; @bio is advanced
 * past them. The caller chains and submits. Returns NULL if @gfp forbids blocking and
 * memory is short. @sectors must be > 0 and less than bio_sectors(@bio).
 */
struct bio *bio_split(struct bio *bio, int sectors, gfp_t gfp, struct bio_set *bs);

/* bio_trim - keep only the @size sectors at @offset sectors of @bio's range. */
void bio_trim(struct bio *bio, sector_t offset, sector_t size);

/* ------------------------------------------------------------ lists of bios */
struct bio_list {
	struct bio *head;
	struct bio *tail;
};

static inline int bio_list_empty(const struct bio_list *bl)
{
	return bl->head == NULL;
}

static inline void bio_list_init(struct bio_list *bl)
{
	bl->head = bl->tail = NULL;
}

#define BIO_EMPTY_LIST { NULL, NULL }

static inline void bio_list_add(struct bio_list *bl, struct bio *bio)
{
	bio->bi_next = NULL;
	if (bl->tail)
		bl->tail->bi_next = bio;
	else
		bl->head = bio;
	bl->tail = bio;
}

static inline void bio_list_add_head(struct bio_list *bl, struct bio *bio)
{
	bio->bi_next = bl->head;
	bl->head = bio;
	if (!bl->tail)
		bl->tail = bio;
}

static inline void bio_list_merge(struct bio_list *bl, struct bio_list *bl2)
{
	if (!bl2->head)
		return;
	if (bl->tail)
		bl->tail->bi_next = bl2->head;
	else
		bl->head = bl2->head;
	bl->tail = bl2->tail;
}

static inline struct bio *bio_list_pop(struct bio_list *bl)
{
	struct bio *bio = bl->head;

	if (bio) {
		bl->head = bl->head->bi_next;
		if (!bl->head)
			bl->tail = NULL;
		bio->bi_next = NULL;
	}
	return bio;
}

static inline struct bio *bio_list_get(struct bio_list *bl)
{
	struct bio *bio = bl->head;

	bl->head = bl->tail = NULL;
	return bio;
}

#define bio_list_for_each(bio, bl) for (bio = (bl)->head; bio; bio = bio->bi_next)

/* ------------------------------------------------------------ submission */
/*
 * submit_bio - account and start I/O on @bio (blk_core.c); completion is reported through
 * ->bi_end_io, possibly before submit_bio returns. Never fails: errors complete the bio.
 */
void submit_bio(struct bio *bio);
/* submit_bio_wait - submit and sleep until completion; returns the errno of bi_status. */
int submit_bio_wait(struct bio *bio);

#endif
