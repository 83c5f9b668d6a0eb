// SPDX-License-Identifier: GPL-2.0
/*
 * blk_merge.c - bio_split_to_limits(): cut a bio down to what its queue's limits allow, as
 * Linux 6.1 does for bio based drivers. Read/write bios are measured in segments (a segment
 * ends at a page that does not follow, at the queue's segment boundary and at
 * max_segment_size) and in bytes (max_sectors, kept aligned to the physical block size);
 * discards in multiples of the discard granularity; write-zeroes in max_write_zeroes_sectors.
 * The front part is returned; the rest is chained to it and resubmitted with
 * submit_bio_noacct(), which queues it on current->bio_list while a driver's submit_bio
 * runs. Split bios come from the disk's own bio_set (GFP_NOIO: may sleep).
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/mm.h>

#include "blk_internal.h"

/* Largest bio in sectors starting at @bio's sector: max_sectors, ending on a physical block
 * boundary when possible, else a multiple of the logical block size. */
static unsigned int max_io_sectors(struct bio *bio, const struct queue_limits *lim)
{
	unsigned int pbs = lim->physical_block_size >> SECTOR_SHIFT;
	unsigned int lbs = lim->logical_block_size >> SECTOR_SHIFT;
	unsigned int max_sectors = lim->max_sectors, start, end;

	if (lim->chunk_sectors) {
		unsigned int left = lim->chunk_sectors -
				    (unsigned int)(bio->bi_iter.bi_sector % lim->chunk_sectors);

		max_sectors = min(max_sectors, left);
	}
	start = (unsigned int)(bio->bi_iter.bi_sector & (pbs - 1));
	end = (start + max_sectors) & ~(pbs - 1);
	if (end > start)
		return end - start;
	return max_sectors & ~(lbs - 1);
}

/* Bytes of a segment that may start at address @addr: up to the segment boundary, at most
 * max_segment_size. */
static unsigned int max_segment_bytes(const struct queue_limits *lim, unsigned long addr)
{
	unsigned long mask = lim->seg_boundary_mask;
	unsigned long to_boundary = mask - (addr & mask) + 1; /* 0 if mask is ULONG_MAX: none */

	return min_not_zero(to_boundary, (unsigned long)lim->max_segment_size);
}

/*
 * Count the segments of one vector that does not fit the fast path (several pages, or the
 * limits reached). Returns true if the bio has to be split within or before this vector.
 */
static bool bvec_count_segments(const struct queue_limits *lim, const struct bio_vec *bv,
				unsigned int *nsegs, unsigned int *bytes, unsigned int max_bytes)
{
	unsigned int max_len = max_bytes - *bytes;
	unsigned int len = min(bv->bv_len, max_len);
	unsigned long addr = (unsigned long)page_address(bv->bv_page) + bv->bv_offset;
	unsigned int total = 0;

	while (len && *nsegs < lim->max_segments) {
		unsigned int seg = min_t(unsigned long, max_segment_bytes(lim, addr + total), len);

		(*nsegs)++;
		total += seg;
		len -= seg;
	}
	*bytes += total;
	return len > 0 || bv->bv_len > max_len;
}

/*
 * Walk the data vectors of @bio; return how many sectors fit the limits, or 0 if all do.
 * Each vector within one page is one segment (boundary and segment size are at least a
 * page); longer vectors are cut at the boundary and at max_segment_size.
 */
static unsigned int rw_split_sectors(struct bio *bio, const struct queue_limits *lim)
{
	unsigned int max_bytes = max_io_sectors(bio, lim) << SECTOR_SHIFT;
	unsigned int nsegs = 0, bytes = 0;
	struct bvec_iter iter;
	struct bio_vec bv;

	bio_for_each_bvec(bv, bio, iter) {
		if (nsegs < lim->max_segments && bytes + bv.bv_len <= max_bytes &&
		    bv.bv_offset + bv.bv_len <= PAGE_SIZE) {
			nsegs++;
			bytes += bv.bv_len;
		} else if (bvec_count_segments(lim, &bv, &nsegs, &bytes, max_bytes)) {
			/* keep every part a whole number of logical blocks */
			return round_down(bytes, lim->logical_block_size) >> SECTOR_SHIFT;
		}
	}
	return 0;
}

static unsigned int discard_split_sectors(struct bio *bio, const struct queue_limits *lim)
{
	unsigned int granularity = max(lim->discard_granularity >> SECTOR_SHIFT, 1U);
	unsigned int max_discard = min(lim->max_discard_sectors, UINT_MAX >> SECTOR_SHIFT);
	unsigned int split, tail;
	sector_t end;

	max_discard -= max_discard % granularity;
	if (!max_discard || bio_sectors(bio) <= max_discard)
		return 0;
	split = max_discard;
	/* end the front part on a granularity boundary when that leaves something */
	end = bio->bi_iter.bi_sector + split -
	      ((lim->discard_alignment >> SECTOR_SHIFT) % granularity);
	tail = (unsigned int)(end % granularity);
	if (split > tail)
		split -= tail;
	return split;
}

struct bio *bio_split_to_limits(struct bio *bio)
{
	struct queue_limits snap, *lim = &snap;
	unsigned int sectors;
	struct bio *split;

	/* the limits may change under us (blk_internal.h): work on one consistent-per-field copy */
	umc_limits_snapshot(&snap, &bdev_get_queue(bio->bi_bdev)->limits);

	switch (bio_op(bio)) {
	case REQ_OP_DISCARD:
	case REQ_OP_SECURE_ERASE:
		sectors = discard_split_sectors(bio, lim);
		break;
	case REQ_OP_WRITE_ZEROES:
		sectors = 0;
		if (lim->max_write_zeroes_sectors && bio_sectors(bio) > lim->max_write_zeroes_sectors)
			sectors = lim->max_write_zeroes_sectors;
		break;
	default:
		sectors = bio_has_data(bio) ? rw_split_sectors(bio, lim) : 0;
		break;
	}
	if (!sectors || sectors >= bio_sectors(bio))
		return bio;
	if (bio->bi_opf & REQ_NOWAIT) {
		bio_wouldblock_error(bio);
		return NULL;
	}
	split = bio_split(bio, sectors, GFP_NOIO, &bio->bi_bdev->bd_disk->bio_split);
	split->bi_opf |= REQ_NOMERGE;
	bio_chain(split, bio);
	submit_bio_noacct(bio);
	return split;
}
