// SPDX-License-Identifier: GPL-2.0
/*
 * test_bdev_file.c - backing disks opened by path (umc/src/bdev_file.c, blkdev.c opening):
 * bio round trips to a file through mte's asynchronous I/O, flush/FUA, discard and zero-out
 * reading back zeros, errors surfaced as bio status, exclusive opens, statistics, the size
 * following the host file while open.
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/part_stat.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/string.h>

/*
 * The few libc calls the test makes on the host file, declared here: libc's own headers
 * cannot follow the kernel headers in one translation unit (types such as loff_t and dev_t
 * differ), and these prototypes only use basic types (x86-64 LP64: off_t is long).
 */
extern int mkstemp(char *template_path);
extern int ftruncate(int fd, long length);
extern int truncate(const char *p, long length);
extern int open(const char *pathname, int flags, ...);
extern long pread(int fd, void *buf, unsigned long count, long offset);
extern int close(int fd);
extern int unlink(const char *pathname);
#define HOST_O_RDONLY 0

#define DISK_BYTES (4u << 20)
#define RW_EXCL (FMODE_READ | FMODE_WRITE | FMODE_EXCL)

static char path[64];
static int holder_a, holder_b;

static int make_file(void **state)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/umc-bdev-file-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, DISK_BYTES) != 0)
		return -1;
	close(fd);
	return 0;
}

static int remove_file(void **state)
{
	unlink(path);
	return 0;
}

/* host view of the file, to check that data really landed there */
static void host_pread(void *buf, size_t len, long off)
{
	int fd = open(path, HOST_O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, buf, len, off), (long)len);
	close(fd);
}

static void fill_pages(struct page **pages, int n, unsigned char seed)
{
	for (int i = 0; i < n; i++)
		for (unsigned int b = 0; b < PAGE_SIZE; b++)
			((unsigned char *)page_address(pages[i]))[b] = (unsigned char)(seed + i * 7 + b);
}

static void alloc_pages_n(struct page **pages, int n)
{
	for (int i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		assert_non_null(pages[i]);
	}
}

static void free_pages_n(struct page **pages, int n)
{
	for (int i = 0; i < n; i++)
		__free_page(pages[i]);
}

/* Synchronous bio of @n pages at @sector; returns the errno of the bio status. */
static int rw_pages(struct block_device *bdev, blk_opf_t opf, sector_t sector,
		    struct page **pages, int n)
{
	struct bio *bio = bio_alloc(bdev, n, opf, GFP_NOIO);
	int ret;

	bio->bi_iter.bi_sector = sector;
	for (int i = 0; i < n; i++)
		assert_int_equal(bio_add_page(bio, pages[i], PAGE_SIZE, 0), PAGE_SIZE);
	ret = submit_bio_wait(bio);
	bio_put(bio);
	return ret;
}

static bool pages_equal(struct page **a, struct page **b, int n)
{
	for (int i = 0; i < n; i++)
		if (memcmp(page_address(a[i]), page_address(b[i]), PAGE_SIZE))
			return false;
	return true;
}

static bool pages_zero(struct page **p, int n)
{
	for (int i = 0; i < n; i++)
		if (memchr_inv(page_address(p[i]), 0, PAGE_SIZE))
			return false;
	return true;
}

static void test_geometry(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);

	assert_false(IS_ERR(bdev));
	assert_int_equal(bdev_nr_sectors(bdev), DISK_BYTES >> 9);
	assert_int_equal(get_capacity(bdev->bd_disk), DISK_BYTES >> 9);
	assert_true(bdev_logical_block_size(bdev) >= 512);
	assert_true(bdev_physical_block_size(bdev) >= bdev_logical_block_size(bdev));
	assert_true(bdev_write_cache(bdev));
	assert_true(queue_max_hw_sectors(bdev_get_queue(bdev)) >= 2048);
	assert_ptr_equal(bdev->bd_holder, &holder_a);
	blkdev_put(bdev, RW_EXCL);
}

/* The host file grows and shrinks while open: bdev_nr_sectors (what DRBD asks at resize and
 * when the peer sends its sizes) reports the current size and records it as the capacity;
 * the bio path's end-of-device check uses that recorded size. */
static void test_size_follows_host_file(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	struct page *pg[1];

	assert_false(IS_ERR(bdev));
	alloc_pages_n(pg, 1);
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, DISK_BYTES >> 9, pg, 1), -EIO);
	assert_int_equal(truncate(path, 2 * DISK_BYTES), 0);
	assert_int_equal(bdev_nr_sectors(bdev), (2 * DISK_BYTES) >> 9);
	assert_int_equal(get_capacity(bdev->bd_disk), (2 * DISK_BYTES) >> 9);
	assert_int_equal(bdev_nr_bytes(bdev), 2 * DISK_BYTES);
	/* beyond the old end now works */
	fill_pages(pg, 1, 0x5a);
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, DISK_BYTES >> 9, pg, 1), 0);
	assert_int_equal(truncate(path, DISK_BYTES), 0);
	assert_int_equal(bdev_nr_sectors(bdev), DISK_BYTES >> 9);
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, DISK_BYTES >> 9, pg, 1), -EIO);
	free_pages_n(pg, 1);
	blkdev_put(bdev, RW_EXCL);
}

static void test_write_read_roundtrip(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	struct page *out[4], *in[4];
	unsigned long sectors_before;
	char host[PAGE_SIZE];

	assert_false(IS_ERR(bdev));
	alloc_pages_n(out, 4);
	alloc_pages_n(in, 4);
	fill_pages(out, 4, 0x31);
	sectors_before = part_stat_read_accum(bdev, sectors);

	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, 64, out, 4), 0);
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 64, in, 4), 0);
	assert_true(pages_equal(out, in, 4));
	/* the host file holds the data at sector 64 */
	host_pread(host, sizeof(host), 64 * 512 + PAGE_SIZE);
	assert_memory_equal(host, page_address(out[1]), PAGE_SIZE);
	/* completed I/O is counted on the backing disk (DRBD's resync throttle reads this) */
	assert_int_equal(part_stat_read_accum(bdev, sectors) - sectors_before, 2 * 32);
	assert_int_equal(part_in_flight(bdev), 0);

	free_pages_n(out, 4);
	free_pages_n(in, 4);
	blkdev_put(bdev, RW_EXCL);
}

/* Same data in two runs of the arena: half pages and a multi-page vector. */
static void test_partial_pages_and_multipage_vector(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, FMODE_READ | FMODE_WRITE, NULL);
	struct page *big = alloc_pages(GFP_KERNEL, 1); /* two consecutive pages */
	struct page *in[2];
	struct bio *bio;

	assert_false(IS_ERR(bdev));
	assert_non_null(big);
	memset(page_address(big), 0x5a, 2 * PAGE_SIZE);
	bio = bio_alloc(bdev, 4, REQ_OP_WRITE, GFP_NOIO);
	bio->bi_iter.bi_sector = 256;
	assert_int_equal(bio_add_page(bio, big, PAGE_SIZE / 2, 0), PAGE_SIZE / 2);
	assert_int_equal(bio_add_page(bio, big, PAGE_SIZE / 2, PAGE_SIZE / 2), PAGE_SIZE / 2);
	assert_int_equal(bio_add_page(bio, big + 1, PAGE_SIZE, 0), PAGE_SIZE);
	assert_int_equal(bio->bi_vcnt, 1); /* all three merged: consecutive memory */
	assert_int_equal(submit_bio_wait(bio), 0);
	bio_put(bio);

	alloc_pages_n(in, 2);
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 256, in, 2), 0);
	assert_memory_equal(page_address(in[0]), page_address(big), PAGE_SIZE);
	assert_memory_equal(page_address(in[1]), page_address(big + 1), PAGE_SIZE);
	free_pages_n(in, 2);
	__free_pages(big, 1);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

static void test_flush_and_fua(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	unsigned long flushes = part_stat_read(bdev, ios[STAT_FLUSH]);
	struct page *out[1], *in[1];

	assert_false(IS_ERR(bdev));
	alloc_pages_n(out, 1);
	alloc_pages_n(in, 1);
	fill_pages(out, 1, 0x77);
	/* flush before the data, data durable at completion (DRBD's meta data writes) */
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA | REQ_SYNC, 8, out, 1), 0);
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 8, in, 1), 0);
	assert_true(pages_equal(out, in, 1));
	/* an empty flush reaches the host and is counted as a flush */
	assert_int_equal(blkdev_issue_flush(bdev), 0);
	assert_int_equal(part_stat_read(bdev, ios[STAT_FLUSH]), flushes + 1);
	free_pages_n(out, 1);
	free_pages_n(in, 1);
	blkdev_put(bdev, RW_EXCL);
}

static void test_discard_reads_back_zeros(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	struct page *out[4], *in[4];

	assert_false(IS_ERR(bdev));
	if (!bdev_max_discard_sectors(bdev)) {
		blkdev_put(bdev, RW_EXCL);
		skip(); /* the file system of /tmp cannot punch holes */
	}
	alloc_pages_n(out, 4);
	alloc_pages_n(in, 4);
	fill_pages(out, 4, 0x10);
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, 512, out, 4), 0);
	assert_int_equal(blkdev_issue_discard(bdev, 512 + 8, 16, GFP_KERNEL), 0);
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 512, in, 4), 0);
	assert_memory_equal(page_address(in[0]), page_address(out[0]), PAGE_SIZE);
	assert_true(pages_zero(in + 1, 2));
	assert_memory_equal(page_address(in[3]), page_address(out[3]), PAGE_SIZE);
	/* misaligned or empty ranges are refused as Linux refuses them */
	assert_int_equal(blkdev_issue_discard(bdev, 512, 0, GFP_KERNEL), -EINVAL);
	free_pages_n(out, 4);
	free_pages_n(in, 4);
	blkdev_put(bdev, RW_EXCL);
}

static void test_zeroout(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	struct page *out[4], *in[4];

	assert_false(IS_ERR(bdev));
	alloc_pages_n(out, 4);
	alloc_pages_n(in, 4);
	fill_pages(out, 4, 0x99);
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, 1024, out, 4), 0);
	assert_int_equal(blkdev_issue_zeroout(bdev, 1024, 16, GFP_KERNEL, 0), 0);
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 1024, in, 4), 0);
	assert_true(pages_zero(in, 2));
	assert_memory_equal(page_address(in[2]), page_address(out[2]), PAGE_SIZE);
	/* the same through WRITE_ZEROES only (BLKDEV_ZERO_NOUNMAP keeps the blocks) */
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, 1024, out, 4), 0);
	if (bdev_write_zeroes_sectors(bdev)) {
		assert_int_equal(blkdev_issue_zeroout(bdev, 1024 + 16, 16, GFP_KERNEL,
						      BLKDEV_ZERO_NOUNMAP | BLKDEV_ZERO_NOFALLBACK), 0);
		assert_int_equal(rw_pages(bdev, REQ_OP_READ, 1024, in, 4), 0);
		assert_true(pages_zero(in + 2, 2));
		assert_memory_equal(page_address(in[0]), page_address(out[0]), PAGE_SIZE);
	}
	free_pages_n(out, 4);
	free_pages_n(in, 4);
	blkdev_put(bdev, RW_EXCL);
}

static void test_errors_become_bio_status(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, FMODE_READ, NULL);
	struct page *p[1];
	struct bio *bio;

	assert_false(IS_ERR(bdev));
	alloc_pages_n(p, 1);
	/* reading past the end of the disk */
	bio = bio_alloc(bdev, 1, REQ_OP_READ, GFP_NOIO);
	bio->bi_iter.bi_sector = (DISK_BYTES >> 9) - 4;
	bio_add_page(bio, p[0], PAGE_SIZE, 0);
	assert_int_equal(submit_bio_wait(bio), -EIO);
	assert_int_equal(bio->bi_status, BLK_STS_IOERR);
	bio_put(bio);
	/* writing through a read-only open: the host refuses, the bio fails */
	assert_int_equal(rw_pages(bdev, REQ_OP_WRITE, 0, p, 1), -EIO);
	/* reading works */
	assert_int_equal(rw_pages(bdev, REQ_OP_READ, 0, p, 1), 0);
	free_pages_n(p, 1);
	blkdev_put(bdev, FMODE_READ);
}

static void test_exclusive_open(void **state)
{
	struct block_device *a, *a2, *b, *shared;

	a = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	assert_false(IS_ERR(a));
	/* another holder: busy */
	b = blkdev_get_by_path(path, RW_EXCL, &holder_b);
	assert_true(IS_ERR(b));
	assert_int_equal(PTR_ERR(b), -EBUSY);
	/* the same holder again (DRBD: internal meta data on the backing device): same bdev */
	a2 = blkdev_get_by_path(path, RW_EXCL, &holder_a);
	assert_ptr_equal(a2, a);
	assert_int_equal(a->bd_holders, 2);
	/* a non-exclusive open is allowed */
	shared = blkdev_get_by_path(path, FMODE_READ | FMODE_WRITE, NULL);
	assert_ptr_equal(shared, a);
	blkdev_put(shared, FMODE_READ | FMODE_WRITE);
	blkdev_put(a2, RW_EXCL);
	b = blkdev_get_by_path(path, RW_EXCL, &holder_b);
	assert_true(IS_ERR(b)); /* holder_a still has one claim */
	blkdev_put(a, RW_EXCL);
	/* all claims gone: holder_b may have it */
	b = blkdev_get_by_path(path, RW_EXCL, &holder_b);
	assert_false(IS_ERR(b));
	assert_ptr_equal(b->bd_holder, &holder_b);
	blkdev_put(b, RW_EXCL);
}

static void test_open_errors(void **state)
{
	struct block_device *bdev = blkdev_get_by_path("/nonexistent/umc-disk", FMODE_READ, NULL);

	assert_true(IS_ERR(bdev));
	assert_int_equal(PTR_ERR(bdev), -ENOENT);
	bdev = blkdev_get_by_path("/tmp", FMODE_READ, NULL);
	assert_true(IS_ERR(bdev));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_size_follows_host_file),
		cmocka_unit_test(test_write_read_roundtrip),
		cmocka_unit_test(test_partial_pages_and_multipage_vector),
		cmocka_unit_test(test_flush_and_fua),
		cmocka_unit_test(test_discard_reads_back_zeros),
		cmocka_unit_test(test_zeroout),
		cmocka_unit_test(test_errors_become_bio_status),
		cmocka_unit_test(test_exclusive_open),
		cmocka_unit_test(test_open_errors),
	};

	if (make_file(NULL))
		return 1;
	int rc = UMC_TEST_RUN(tests);
	remove_file(NULL);
	return rc;
}
