// SPDX-License-Identifier: GPL-2.0
/*
 * test_bdev_fault.c - injected backing-disk errors (umc/src/bdev_fault.c, the parameter
 * umc.disk_faults): spec parsing, sector ranges per operation, every-N rates, the injected
 * count, and that a failed write never reaches the host file.
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/string.h>
#include <umc/module.h>

/* libc calls on the host file (libc headers cannot follow the kernel headers; LP64 types) */
extern int mkstemp(char *template_path);
extern int ftruncate(int fd, long length);
extern int open(const char *pathname, int flags, ...);
extern long pread(int fd, void *buf, unsigned long count, long offset);
extern int close(int fd);
extern int unlink(const char *pathname);
#define HOST_O_RDONLY 0

#define DISK_BYTES (1u << 20)
#define RW_EXCL (FMODE_READ | FMODE_WRITE | FMODE_EXCL)

static char path[64];
static const char *base;
static int holder;

static int set_faults(const char *fmt, const char *file)
{
	char spec[160];

	snprintf(spec, sizeof(spec), fmt, file);
	return umc_param_set("umc.disk_faults", spec);
}

static long injected(void)
{
	char buf[32];
	long v = -1;

	assert_true(umc_param_get("umc.disk_faults_injected", buf, sizeof(buf)) > 0);
	assert_int_equal(kstrtol(strim(buf), 10, &v), 0);
	return v;
}

/* one-page bio at @sector; returns the errno of its status */
static int rw_page(struct block_device *bdev, blk_opf_t opf, sector_t sector, struct page *p)
{
	struct bio *bio = bio_alloc(bdev, 1, opf, GFP_NOIO);
	int ret;

	bio->bi_iter.bi_sector = sector;
	assert_int_equal(bio_add_page(bio, p, PAGE_SIZE, 0), PAGE_SIZE);
	ret = submit_bio_wait(bio);
	bio_put(bio);
	return ret;
}

static void test_spec_parsing(void **state)
{
	static const char *const bad[] = {
		"nocolon", ":read=1", "f:", "f:read", "f:read=", "f:read=5-3", "f:bogus=1",
		"f:read-every=0", "f:read=1,", "f:write=x", "f:rw-every=-1",
	};
	char buf[256];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(umc_param_set("umc.disk_faults", bad[i]), -EINVAL);
	assert_int_equal(umc_param_set("umc.disk_faults",
				       "a.img:read=1-2,write=7 ; /x/b.img:rw-every=3"), 0);
	assert_true(umc_param_get("umc.disk_faults", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "a.img:read=1-2,write=7 ; /x/b.img:rw-every=3\n");
	/* a rejected spec leaves the rules as they were */
	assert_int_equal(umc_param_set("umc.disk_faults", "f:read=9-1"), -EINVAL);
	assert_true(umc_param_get("umc.disk_faults", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "a.img:read=1-2,write=7 ; /x/b.img:rw-every=3\n");
	assert_int_equal(umc_param_set("umc.disk_faults", "off"), 0);
	assert_true(umc_param_get("umc.disk_faults", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "\n");
	/* the count is read only */
	assert_int_equal(umc_param_write("umc.disk_faults_injected", "0"), -EACCES);
}

static void test_ranges(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder);
	struct page *p = alloc_page(GFP_KERNEL), *q = alloc_page(GFP_KERNEL);
	char host[PAGE_SIZE];
	long n0;

	assert_false(IS_ERR(bdev));
	memset(page_address(p), 0xa5, PAGE_SIZE);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 16, p), 0);

	/* sectors 20..20 of this file (by its last component) fail for writes only */
	n0 = injected();
	assert_int_equal(set_faults("%s:write=20", base), 0);
	memset(page_address(p), 0x5a, PAGE_SIZE);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 16, p), -EIO);   /* 16..23 touches 20 */
	assert_int_equal(injected(), n0 + 1);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 24, p), 0);      /* 24..31 does not */
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE | REQ_FUA, 8, p), 0); /* 8..15 neither */
	assert_int_equal(rw_page(bdev, REQ_OP_READ, 16, q), 0);       /* reads are not affected */
	assert_int_equal(((unsigned char *)page_address(q))[0], 0xa5); /* the failed write did nothing */
	int fd = open(path, HOST_O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, host, PAGE_SIZE, 16 * 512), PAGE_SIZE);
	close(fd);
	assert_int_equal((unsigned char)host[0], 0xa5);

	/* by full path, both directions, a range */
	assert_int_equal(set_faults("%s:rw=100-107", path), 0);
	assert_int_equal(rw_page(bdev, REQ_OP_READ, 96, q), -EIO);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 104, p), -EIO);
	assert_int_equal(rw_page(bdev, REQ_OP_READ, 108, q), 0);
	assert_int_equal(injected(), n0 + 3);

	/* another file's rules do not apply */
	assert_int_equal(set_faults("other-%s:rw=0-2047", base), 0);
	assert_int_equal(rw_page(bdev, REQ_OP_READ, 96, q), 0);
	assert_int_equal(umc_param_set("umc.disk_faults", ""), 0);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 16, p), 0);
	assert_int_equal(injected(), n0 + 3);

	__free_page(p);
	__free_page(q);
	blkdev_put(bdev, RW_EXCL);
}

static void test_every_n(void **state)
{
	struct block_device *bdev = blkdev_get_by_path(path, RW_EXCL, &holder);
	struct page *p = alloc_page(GFP_KERNEL);
	int failed = 0, i;
	long n0 = injected();

	assert_false(IS_ERR(bdev));
	assert_int_equal(set_faults("%s:read-every=3", base), 0);
	for (i = 0; i < 9; i++) {
		int ret = rw_page(bdev, REQ_OP_READ, (sector_t)i * 8, p);

		assert_int_equal(ret, (i % 3 == 2) ? -EIO : 0);
		failed += ret != 0;
	}
	assert_int_equal(failed, 3);
	assert_int_equal(rw_page(bdev, REQ_OP_WRITE, 0, p), 0); /* writes are not counted */
	assert_int_equal(injected(), n0 + 3);
	assert_int_equal(umc_param_set("umc.disk_faults", "off"), 0);
	__free_page(p);
	blkdev_put(bdev, RW_EXCL);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_parsing),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_every_n),
	};
	int fd, rc;

	snprintf(path, sizeof(path), "/tmp/umc-bdev-fault-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, DISK_BYTES) != 0)
		return 1;
	close(fd);
	base = strrchr(path, '/') + 1;
	rc = UMC_TEST_RUN(tests);
	unlink(path);
	return rc;
}
