// SPDX-License-Identifier: GPL-2.0
/*
 * test_bio.c - bios (umc/src/bio.c): bio_set allocation with front padding and vector
 * reserves, bio_add_page merging and limits, segment iteration, references, chained
 * completion with error propagation, clones and splits.
 */
#include "umc_test.h"

#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

struct padded_io {
	int cookie;
	struct bio bio; /* last: the bio_set's front_pad puts the bio here */
};

static void test_alloc_sizes(void **state)
{
	struct bio *bio;

	bio = bio_alloc(NULL, 0, REQ_OP_WRITE | REQ_PREFLUSH, GFP_NOIO);
	assert_non_null(bio);
	assert_int_equal(bio_op(bio), REQ_OP_WRITE);
	assert_true(bio->bi_opf & REQ_PREFLUSH);
	assert_int_equal(bio->bi_max_vecs, 0);
	assert_int_equal(bio->bi_iter.bi_size, 0);
	assert_int_equal(bio_data_dir(bio), WRITE);
	bio_put(bio);

	bio = bio_alloc(NULL, 4, REQ_OP_READ, GFP_NOIO);
	assert_ptr_equal(bio->bi_io_vec, bio->bi_inline_vecs);
	assert_int_equal(bio_data_dir(bio), READ);
	bio_put(bio);

	bio = bio_alloc(NULL, BIO_MAX_VECS, REQ_OP_READ, GFP_NOIO);
	assert_non_null(bio);
	assert_int_equal(bio->bi_max_vecs, BIO_MAX_VECS);
	bio_put(bio);

	assert_null(bio_alloc(NULL, BIO_MAX_VECS + 1, REQ_OP_READ, GFP_NOIO));
}

static void test_bioset_front_pad_and_reserve(void **state)
{
	struct bio_set bs;
	struct bio *bios[3];
	struct padded_io *io;

	assert_int_equal(bioset_init(&bs, 2, offsetof(struct padded_io, bio), 0), 0);
	for (int i = 0; i < 3; i++) {
		bios[i] = bio_alloc_bioset(NULL, 0, REQ_OP_READ, GFP_NOIO, &bs);
		assert_non_null(bios[i]);
		io = container_of(bios[i], struct padded_io, bio);
		io->cookie = i; /* the padding is the caller's */
		assert_ptr_equal(bios[i]->bi_pool, &bs);
	}
	for (int i = 0; i < 3; i++) {
		assert_int_equal(container_of(bios[i], struct padded_io, bio)->cookie, i);
		bio_put(bios[i]);
	}
	/* a set without BIOSET_NEED_BVECS cannot take more vectors than fit inline ... */
	bios[0] = bio_alloc_bioset(NULL, BIO_INLINE_VECS, REQ_OP_READ, GFP_NOIO, &bs);
	assert_non_null(bios[0]);
	bio_put(bios[0]);
	/* ... but kmalloc's them */
	bios[0] = bio_alloc_bioset(NULL, 16, REQ_OP_READ, GFP_NOIO, &bs);
	assert_non_null(bios[0]);
	assert_int_equal(bios[0]->bi_max_vecs, 16);
	bio_put(bios[0]);
	bioset_exit(&bs);
}

static void test_add_page_merge_and_full(void **state)
{
	struct page *two = alloc_pages(GFP_KERNEL, 1);
	struct page *other = alloc_page(GFP_KERNEL);
	struct bio *bio = bio_alloc(NULL, 2, REQ_OP_WRITE, GFP_NOIO);

	assert_non_null(two);
	assert_non_null(other);
	/* same page, contiguous: merged */
	assert_int_equal(bio_add_page(bio, two, 512, 0), 512);
	assert_int_equal(bio_add_page(bio, two, 512, 512), 512);
	assert_int_equal(bio->bi_vcnt, 1);
	assert_int_equal(bio->bi_io_vec[0].bv_len, 1024);
	/* a gap: new vector */
	assert_int_equal(bio_add_page(bio, two, 512, 2048), 512);
	assert_int_equal(bio->bi_vcnt, 2);
	/* continuing into the next page of the same block: merged into vector 1 */
	assert_int_equal(bio_add_page(bio, two, PAGE_SIZE - 2560, 2560), PAGE_SIZE - 2560);
	assert_int_equal(bio_add_page(bio, two + 1, PAGE_SIZE, 0), PAGE_SIZE);
	assert_int_equal(bio->bi_vcnt, 2);
	/* inline vectors (BIO_INLINE_VECS) allow two more, at 2048 and 3072 of another page */
	assert_int_equal(bio->bi_max_vecs, BIO_INLINE_VECS);
	assert_int_equal(bio_add_page(bio, other, 512, 2048), 512);
	assert_int_equal(bio_add_page(bio, other, 512, 3072), 512);
	assert_int_equal(bio->bi_vcnt, 4);
	/* full: a new vector is refused, but bytes continuing the last one still merge */
	assert_int_equal(bio_add_page(bio, other, 512, 0), 0);
	assert_int_equal(bio_add_page(bio, other, 512, 3584), 512);
	assert_int_equal(bio->bi_iter.bi_size, 1024 + 512 + (PAGE_SIZE - 2560) + PAGE_SIZE + 3 * 512);
	bio_put(bio);
	__free_pages(two, 1);
	__free_page(other);
}

/* bio_for_each_segment gives page-sized pieces of a multi-page vector, in order. */
static void test_segments_of_multipage_vector(void **state)
{
	struct page *four = alloc_pages(GFP_KERNEL, 2);
	struct bio *bio = bio_alloc(NULL, 1, REQ_OP_WRITE, GFP_NOIO);
	struct bvec_iter iter;
	struct bio_vec bv;
	unsigned int n = 0, total = 0;

	assert_int_equal(bio_add_page(bio, four, 100, PAGE_SIZE - 100), 100);
	assert_int_equal(bio_add_page(bio, four + 1, 2 * PAGE_SIZE + 50, 0), 2 * PAGE_SIZE + 50);
	assert_int_equal(bio->bi_vcnt, 1);
	bio_for_each_segment(bv, bio, iter) {
		assert_true(bv.bv_offset + bv.bv_len <= PAGE_SIZE);
		assert_ptr_equal((char *)bvec_kmap_local(&bv),
				 (char *)page_address(four) + PAGE_SIZE - 100 + total);
		if (bio_iter_last(bv, iter))
			assert_int_equal(bv.bv_len, 50);
		total += bv.bv_len;
		n++;
	}
	assert_int_equal(n, 4); /* 100 | 4096 | 4096 | 50 */
	assert_int_equal(total, bio->bi_iter.bi_size);
	assert_int_equal(bio_segments(bio), 4);
	/* advancing keeps the iteration exact */
	bio->bi_iter.bi_sector = 10;
	bio_advance(bio, 612);
	assert_int_equal(bio->bi_iter.bi_sector, 11);
	bv = bio_iovec(bio);
	assert_int_equal(bv.bv_offset, 512);
	assert_ptr_equal(bv.bv_page, four + 1);
	bio_put(bio);
	__free_pages(four, 2);
}

static int endio_calls;
static blk_status_t endio_status;

static void count_endio(struct bio *bio)
{
	endio_calls++;
	endio_status = bio->bi_status;
}

static void test_get_put_and_endio(void **state)
{
	struct bio *bio = bio_alloc(NULL, 0, REQ_OP_READ, GFP_NOIO);

	endio_calls = 0;
	bio->bi_end_io = count_endio;
	bio_get(bio);
	assert_int_equal(atomic_read(&bio->__bi_cnt), 2);
	bio_io_error(bio);
	assert_int_equal(endio_calls, 1);
	assert_int_equal(endio_status, BLK_STS_IOERR);
	bio_put(bio);
	assert_int_equal(atomic_read(&bio->__bi_cnt), 1); /* still ours */
	bio_put(bio);
}

static void test_chain_completes_parent_last(void **state)
{
	struct bio *parent = bio_alloc(NULL, 0, REQ_OP_WRITE, GFP_NOIO);
	struct bio *c1 = bio_alloc(NULL, 0, REQ_OP_WRITE, GFP_NOIO);
	struct bio *c2 = bio_alloc(NULL, 0, REQ_OP_WRITE, GFP_NOIO);

	endio_calls = 0;
	parent->bi_end_io = count_endio;
	bio_chain(c1, parent);
	bio_chain(c2, parent);
	bio_endio(parent);       /* the parent's own part */
	assert_int_equal(endio_calls, 0);
	c2->bi_status = BLK_STS_NOSPC;
	bio_endio(c2);           /* child error goes to the parent; c2 is freed */
	assert_int_equal(endio_calls, 0);
	bio_endio(c1);
	assert_int_equal(endio_calls, 1);
	assert_int_equal(endio_status, BLK_STS_NOSPC);
	bio_put(parent);
}

static void test_clone_and_split(void **state)
{
	struct page *pages = alloc_pages(GFP_KERNEL, 2);
	struct bio *bio = bio_alloc(NULL, 4, REQ_OP_WRITE | REQ_FUA, GFP_NOIO);
	struct bio *clone, *split;

	for (int i = 0; i < 4; i++)
		memset(page_address(pages + i), 'a' + i, PAGE_SIZE);
	bio->bi_iter.bi_sector = 100;
	/* separate vectors: add in reverse page order so nothing merges */
	for (int i = 3; i >= 0; i--)
		assert_int_equal(bio_add_page(bio, pages + i, PAGE_SIZE, 0), PAGE_SIZE);
	assert_int_equal(bio->bi_vcnt, 4);

	clone = bio_alloc_clone(NULL, bio, GFP_NOIO, &fs_bio_set);
	assert_true(bio_flagged(clone, BIO_CLONED));
	assert_ptr_equal(clone->bi_io_vec, bio->bi_io_vec);
	assert_int_equal(clone->bi_opf, bio->bi_opf);
	assert_int_equal(clone->bi_iter.bi_sector, 100);
	assert_int_equal(clone->bi_iter.bi_size, 4 * PAGE_SIZE);

	split = bio_split(clone, 12, GFP_NOIO, &fs_bio_set); /* 1.5 pages */
	assert_int_equal(split->bi_iter.bi_sector, 100);
	assert_int_equal(split->bi_iter.bi_size, 12 << 9);
	assert_int_equal(clone->bi_iter.bi_sector, 112);
	assert_int_equal(clone->bi_iter.bi_size, 4 * PAGE_SIZE - (12 << 9));
	/* the remainder starts in the middle of the second vector (page 2, 'c') */
	assert_int_equal(*(char *)bvec_kmap_local(&(struct bio_vec){ bio_iovec(clone).bv_page,
					bio_iovec(clone).bv_len, bio_iovec(clone).bv_offset }), 'c');
	assert_int_equal(bio_iovec(clone).bv_offset, 2048);
	bio_trim(clone, 2, 4);
	assert_int_equal(clone->bi_iter.bi_sector, 114);
	assert_int_equal(clone->bi_iter.bi_size, 4 << 9);
	bio_put(split);
	bio_put(clone);
	bio_put(bio);
	__free_pages(pages, 2);
}

static void test_bio_list(void **state)
{
	struct bio_list a = BIO_EMPTY_LIST, b;
	struct bio *x = bio_alloc(NULL, 0, REQ_OP_READ, GFP_NOIO);
	struct bio *y = bio_alloc(NULL, 0, REQ_OP_READ, GFP_NOIO);
	struct bio *z = bio_alloc(NULL, 0, REQ_OP_READ, GFP_NOIO);

	bio_list_init(&b);
	bio_list_add(&a, x);
	bio_list_add(&b, y);
	bio_list_add_head(&b, z);
	bio_list_merge(&a, &b);
	assert_ptr_equal(bio_list_pop(&a), x);
	assert_ptr_equal(bio_list_pop(&a), z);
	assert_ptr_equal(bio_list_pop(&a), y);
	assert_null(bio_list_pop(&a));
	assert_true(bio_list_empty(&a));
	bio_put(x);
	bio_put(y);
	bio_put(z);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_sizes),
		cmocka_unit_test(test_bioset_front_pad_and_reserve),
		cmocka_unit_test(test_add_page_merge_and_full),
		cmocka_unit_test(test_segments_of_multipage_vector),
		cmocka_unit_test(test_get_put_and_endio),
		cmocka_unit_test(test_chain_completes_parent_last),
		cmocka_unit_test(test_clone_and_split),
		cmocka_unit_test(test_bio_list),
	};

	return UMC_TEST_RUN(tests);
}
