// SPDX-License-Identifier: GPL-2.0
/*
 * test_blk_host.c - the host bridge to umc's disks (umc/src/blk_host.c): enumeration,
 * change notification, opening through the driver's fops->open with DRBD's refusals, and
 * asynchronous READ/WRITE (zero copy and bounced), FLUSH, DISCARD and WRITE_ZEROES round
 * trips, against a memory-backed test disk whose driver completes bios synchronously or from
 * a workqueue (as DRBD does from its own threads).
 */
#include "umc_test.h"

#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <umc/blk_host.h>

#define TEST_MAJOR 147
#define DISK_BYTES (8u << 20)

/* ---------------------------------------------------------------- the memory disk */
struct memdisk {
	struct gendisk *disk;
	char *data;
	bool primary;         /* open: writes need it; reads need it unless allow_oos */
	bool allow_oos;
	bool async;           /* complete bios from a work item */
	spinlock_t lock;
	struct bio_list pending;
	struct work_struct work;
	int flushes, discards, zeroes, writes, reads, releases;
	/* zero-copy check: did every data page of the last bio lie in [watch, watch + len)? */
	const char *watch;
	size_t watch_len;
	bool outside_watch;
};

static struct memdisk md;

static int md_open(struct block_device *bdev, fmode_t mode)
{
	struct memdisk *m = bdev->bd_disk->private_data;

	if (!m->primary) {
		if (mode & FMODE_WRITE)
			return -EROFS;
		if (!m->allow_oos)
			return -EMEDIUMTYPE;
	}
	return 0;
}

static void md_release(struct gendisk *disk, fmode_t mode)
{
	struct memdisk *m = disk->private_data;

	m->releases++;
}

static void md_do_bio(struct memdisk *m, struct bio *bio)
{
	u64 pos = (u64)bio->bi_iter.bi_sector << SECTOR_SHIFT;
	struct bvec_iter iter;
	struct bio_vec bv;

	if (bio->bi_opf & REQ_PREFLUSH)
		m->flushes++;
	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		bio_op(bio) == REQ_OP_READ ? m->reads++ : m->writes++;
		bio_for_each_segment(bv, bio, iter) {
			char *p = bvec_virt(&bv);

			if (m->watch && (p < m->watch || p + bv.bv_len > m->watch + m->watch_len))
				m->outside_watch = true;
			if (bio_op(bio) == REQ_OP_READ)
				memcpy(p, m->data + pos, bv.bv_len);
			else
				memcpy(m->data + pos, p, bv.bv_len);
			pos += bv.bv_len;
		}
		break;
	case REQ_OP_DISCARD:
		m->discards++;
		memset(m->data + pos, 0, bio->bi_iter.bi_size);
		break;
	case REQ_OP_WRITE_ZEROES:
		m->zeroes++;
		memset(m->data + pos, 0, bio->bi_iter.bi_size);
		break;
	default:
		bio->bi_status = BLK_STS_NOTSUPP;
	}
	bio_endio(bio);
}

static void md_work(struct work_struct *w)
{
	struct memdisk *m = container_of(w, struct memdisk, work);
	struct bio *bio;

	for (;;) {
		spin_lock(&m->lock);
		bio = bio_list_pop(&m->pending);
		spin_unlock(&m->lock);
		if (!bio)
			break;
		md_do_bio(m, bio);
	}
}

static void md_submit_bio(struct bio *bio)
{
	struct memdisk *m = bio->bi_bdev->bd_disk->private_data;

	if (!m->async) {
		md_do_bio(m, bio);
		return;
	}
	spin_lock(&m->lock);
	bio_list_add(&m->pending, bio);
	spin_unlock(&m->lock);
	schedule_work(&m->work);
}

static const struct block_device_operations md_ops = {
	.submit_bio = md_submit_bio,
	.open = md_open,
	.release = md_release,
};

static void md_create(unsigned int minor, bool add)
{
	memset(&md, 0, sizeof(md));
	spin_lock_init(&md.lock);
	bio_list_init(&md.pending);
	INIT_WORK(&md.work, md_work);
	md.data = vzalloc(DISK_BYTES);
	assert_non_null(md.data);
	md.disk = blk_alloc_disk(NUMA_NO_NODE);
	assert_non_null(md.disk);
	md.disk->major = TEST_MAJOR;
	md.disk->first_minor = minor;
	md.disk->minors = 1;
	md.disk->fops = &md_ops;
	md.disk->private_data = &md;
	snprintf(md.disk->disk_name, sizeof(md.disk->disk_name), "tdisk%u", minor);
	blk_queue_write_cache(md.disk->queue, true, false);
	blk_queue_max_discard_sectors(md.disk->queue, 1u << 20);
	blk_queue_max_write_zeroes_sectors(md.disk->queue, 1u << 20);
	set_capacity(md.disk, DISK_BYTES >> SECTOR_SHIFT);
	md.primary = true;
	if (add)
		assert_int_equal(add_disk(md.disk), 0);
}

static void md_destroy(bool added)
{
	if (added)
		del_gendisk(md.disk);
	flush_work(&md.work);
	put_disk(md.disk);
	vfree(md.data);
}

static int setup_disk(void **state)
{
	md_create(0, true);
	return 0;
}

static int teardown_disk(void **state)
{
	md_destroy(true);
	return 0;
}

/* ---------------------------------------------------------------- helpers */
struct waiter {
	struct umc_blk_io io;
	struct completion done;
	int error;
};

static void waiter_done(struct umc_blk_io *io, int error)
{
	struct waiter *w = container_of(io, struct waiter, io);

	w->error = error;
	complete(&w->done);
}

/* Submit one request and wait for it; returns its result. */
static int run_io(struct umc_blk_handle *h, enum umc_blk_op op, u64 offset, u64 len,
		  struct umc_blk_iovec *iov, int iovcnt)
{
	struct waiter w = { 0 };

	init_completion(&w.done);
	w.io.op = op;
	w.io.offset = offset;
	w.io.len = len;
	w.io.iov = iov;
	w.io.iovcnt = iovcnt;
	w.io.done = waiter_done;
	umc_blk_submit(h, &w.io);
	wait_for_completion(&w.done);
	return w.error;
}

static struct umc_blk_handle *open_rw(void)
{
	struct umc_blk_handle *h = NULL;

	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ | UMC_BLK_OPEN_WRITE, &h), 0);
	return h;
}

static void fill_pattern(char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(seed + i * 7 + (i >> 9));
}

/* ---------------------------------------------------------------- tests */
static void test_enumeration(void **state)
{
	struct umc_blk_disk_info info[4];
	int n;

	n = umc_blk_disk_list(info, 4);
	assert_int_equal(n, 1);
	assert_string_equal(info[0].name, "tdisk0");
	assert_int_equal(info[0].major, TEST_MAJOR);
	assert_int_equal(info[0].minor, 0);
	assert_int_equal(info[0].capacity, DISK_BYTES);
	assert_int_equal(info[0].logical_block_size, 512);
	assert_true(info[0].discard);
	assert_true(info[0].write_zeroes);
	assert_true(info[0].write_cache);
	assert_false(info[0].read_only);
	assert_int_equal(info[0].openers, 0);

	memset(info, 0, sizeof(info));
	assert_int_equal(umc_blk_disk_get(TEST_MAJOR, 0, &info[0]), 0);
	assert_string_equal(info[0].name, "tdisk0");
	assert_int_equal(umc_blk_disk_get(TEST_MAJOR, 9, &info[0]), -ENXIO);
	/* more disks than room: the count is still right */
	assert_int_equal(umc_blk_disk_list(NULL, 0), 1);
}

struct event_log {
	int n;
	enum umc_blk_event ev[8];
	struct umc_blk_disk_info info[8];
};

static void log_event(void *ctx, enum umc_blk_event ev, const struct umc_blk_disk_info *info)
{
	struct event_log *log = ctx;

	if (log->n < 8) {
		log->ev[log->n] = ev;
		log->info[log->n] = *info;
	}
	log->n++;
}

static void test_change_notification(void **state)
{
	struct event_log log = { 0 };
	struct umc_blk_watch *w = NULL;

	assert_int_equal(umc_blk_watch_start(&w, log_event, &log), 0);
	md_create(3, false);
	assert_int_equal(add_disk(md.disk), 0);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.ev[0], UMC_BLK_EV_ADD);
	assert_string_equal(log.info[0].name, "tdisk3");
	assert_int_equal(log.info[0].minor, 3);
	assert_int_equal(log.info[0].capacity, DISK_BYTES);

	/* resize: the new size is visible in the event */
	assert_true(set_capacity_and_notify(md.disk, (DISK_BYTES / 2) >> SECTOR_SHIFT));
	assert_int_equal(log.n, 2);
	assert_int_equal(log.ev[1], UMC_BLK_EV_CHANGE);
	assert_int_equal(log.info[1].capacity, DISK_BYTES / 2);
	/* the same size again: no event (as Linux) */
	assert_false(set_capacity_and_notify(md.disk, (DISK_BYTES / 2) >> SECTOR_SHIFT));
	assert_int_equal(log.n, 2);

	/* role change as DRBD does it: set_disk_ro, then its own KOBJ_CHANGE */
	set_disk_ro(md.disk, true);
	assert_int_equal(log.n, 3);
	assert_int_equal(log.ev[2], UMC_BLK_EV_CHANGE);
	assert_true(log.info[2].read_only);
	kobject_uevent(&disk_to_dev(md.disk)->kobj, KOBJ_CHANGE);
	assert_int_equal(log.n, 4);
	assert_true(log.info[3].read_only);

	del_gendisk(md.disk);
	assert_int_equal(log.n, 5);
	assert_int_equal(log.ev[4], UMC_BLK_EV_REMOVE);
	assert_string_equal(log.info[4].name, "tdisk3");
	assert_int_equal(umc_blk_disk_list(NULL, 0), 0);

	umc_blk_watch_stop(w);
	md_destroy(false);
}

static void test_open_modes(void **state)
{
	struct umc_blk_disk_info info;
	struct umc_blk_handle *h = NULL, *h2 = NULL;

	/* Secondary: write opens -EROFS, read-only opens -EMEDIUMTYPE (DRBD without allow_oos) */
	md.primary = false;
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ | UMC_BLK_OPEN_WRITE, &h),
			 -EROFS);
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_WRITE, &h), -EROFS);
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ, &h), -EMEDIUMTYPE);
	md.allow_oos = true;
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ, &h), 0);
	umc_blk_handle_info(h, &info);
	assert_int_equal(info.openers, 1);
	umc_blk_close(h);
	assert_int_equal(md.releases, 1);
	md.allow_oos = false;
	md.primary = true;

	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, 0, &h), -EINVAL);
	assert_int_equal(umc_blk_open(TEST_MAJOR, 7, UMC_BLK_OPEN_READ, &h), -ENXIO);

	/* exclusive: a second exclusive opener is refused, a shared one is not */
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ | UMC_BLK_OPEN_EXCL, &h), 0);
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ | UMC_BLK_OPEN_EXCL, &h2),
			 -EBUSY);
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ, &h2), 0);
	umc_blk_handle_info(h2, &info);
	assert_int_equal(info.openers, 2);
	umc_blk_close(h2);
	umc_blk_close(h);
	assert_int_equal(md.releases, 3);
	assert_int_equal(umc_blk_disk_get(TEST_MAJOR, 0, &info), 0);
	assert_int_equal(info.openers, 0);
}

/*
 * Zero copy: arena memory goes into the bios as it is. A contiguous 2 MiB buffer needs one
 * (multi-page) vector; 300 separate 4 KiB pieces need 300 vectors: two bios.
 */
static void rw_arena(bool async)
{
	const size_t len = 2u << 20, nseg = 300;
	struct umc_blk_handle *h = open_rw();
	char *buf = umc_blk_buf_alloc(len);
	char *sg = umc_blk_buf_alloc(nseg * 2 * PAGE_SIZE);
	struct umc_blk_iovec v = { buf, len };
	static struct umc_blk_iovec segs[300];

	md.async = async;
	assert_non_null(buf);
	assert_non_null(sg);
	assert_true(umc_blk_buf_is_arena(buf, len));
	assert_int_equal((unsigned long)buf & (PAGE_SIZE - 1), 0);
	fill_pattern(buf, len, async ? 11 : 5);
	md.watch = buf;
	md.watch_len = len;
	md.outside_watch = false;
	md.writes = 0;
	assert_int_equal(run_io(h, UMC_BLK_WRITE, 1 << 20, 0, &v, 1), 0);
	assert_int_equal(md.writes, 1);
	assert_false(md.outside_watch);
	assert_memory_equal(md.data + (1 << 20), buf, len);

	memset(buf, 0, len);
	assert_int_equal(run_io(h, UMC_BLK_READ, 1 << 20, 0, &v, 1), 0);
	assert_false(md.outside_watch);
	assert_memory_equal(md.data + (1 << 20), buf, len);

	/* scatter/gather over every other page of sg */
	for (size_t i = 0; i < nseg; i++) {
		segs[i].base = sg + i * 2 * PAGE_SIZE;
		segs[i].len = PAGE_SIZE;
		fill_pattern(segs[i].base, PAGE_SIZE, (unsigned int)i);
	}
	md.watch = sg;
	md.watch_len = nseg * 2 * PAGE_SIZE;
	md.writes = 0;
	assert_int_equal(run_io(h, UMC_BLK_WRITE, 0, 0, segs, (int)nseg), 0);
	assert_int_equal(md.writes, 2);
	assert_false(md.outside_watch);
	for (size_t i = 0; i < nseg; i++)
		assert_memory_equal(md.data + i * PAGE_SIZE, segs[i].base, PAGE_SIZE);
	for (size_t i = 0; i < nseg; i++)
		memset(segs[i].base, 0, PAGE_SIZE);
	md.reads = 0;
	assert_int_equal(run_io(h, UMC_BLK_READ, 0, 0, segs, (int)nseg), 0);
	assert_int_equal(md.reads, 2);
	for (size_t i = 0; i < nseg; i++)
		assert_memory_equal(md.data + i * PAGE_SIZE, segs[i].base, PAGE_SIZE);

	md.watch = NULL;
	md.async = false;
	umc_blk_buf_free(sg, nseg * 2 * PAGE_SIZE);
	umc_blk_buf_free(buf, len);
	umc_blk_close(h);
}

static void test_rw_zero_copy_sync(void **state)
{
	rw_arena(false);
}

static void test_rw_zero_copy_async(void **state)
{
	rw_arena(true);
}

/* Foreign memory (not in the arena) and odd segment sizes are bounced through arena pages. */
static void test_rw_bounce_scatter_gather(void **state)
{
	static char a[1000], b[3096 + 512], back_a[1000], back_b[3096 + 512];
	struct umc_blk_iovec w[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct umc_blk_iovec r[2] = { { back_a, sizeof(back_a) }, { back_b, sizeof(back_b) } };
	struct umc_blk_handle *h = open_rw();

	assert_false(umc_blk_buf_is_arena(a, sizeof(a)));
	fill_pattern(a, sizeof(a), 1);
	fill_pattern(b, sizeof(b), 2);
	md.async = true;
	assert_int_equal(run_io(h, UMC_BLK_WRITE, 4096 * 3, 0, w, 2), 0);
	assert_memory_equal(md.data + 4096 * 3, a, sizeof(a));
	assert_memory_equal(md.data + 4096 * 3 + sizeof(a), b, sizeof(b));
	assert_int_equal(run_io(h, UMC_BLK_READ, 4096 * 3, 0, r, 2), 0);
	assert_memory_equal(back_a, a, sizeof(a));
	assert_memory_equal(back_b, b, sizeof(b));
	md.async = false;
	umc_blk_close(h);
}

static void test_flush(void **state)
{
	struct umc_blk_handle *h = open_rw(), *ro = NULL;

	md.flushes = 0;
	assert_int_equal(run_io(h, UMC_BLK_FLUSH, 0, 0, NULL, 0), 0);
	assert_int_equal(md.flushes, 1);
	/* fsync of a read-only descriptor flushes too, as on Linux */
	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ, &ro), 0);
	md.async = true;
	assert_int_equal(run_io(ro, UMC_BLK_FLUSH, 0, 0, NULL, 0), 0);
	assert_int_equal(md.flushes, 2);
	md.async = false;
	/* without a volatile write cache the block layer completes the flush itself */
	blk_queue_write_cache(md.disk->queue, false, false);
	assert_int_equal(run_io(h, UMC_BLK_FLUSH, 0, 0, NULL, 0), 0);
	assert_int_equal(md.flushes, 2);
	blk_queue_write_cache(md.disk->queue, true, false);
	umc_blk_close(ro);
	umc_blk_close(h);
}

static void test_discard_and_write_zeroes(void **state)
{
	struct umc_blk_handle *h = open_rw();
	struct umc_blk_disk_info info;
	static char zeros[64 << 10];

	memset(md.data, 0x5a, DISK_BYTES);
	md.discards = md.zeroes = md.writes = 0;
	assert_int_equal(run_io(h, UMC_BLK_DISCARD, 64 << 10, 64 << 10, NULL, 0), 0);
	assert_int_equal(md.discards, 1);
	assert_memory_equal(md.data + (64 << 10), zeros, sizeof(zeros));
	assert_int_equal((unsigned char)md.data[(64 << 10) - 1], 0x5a);
	assert_int_equal((unsigned char)md.data[128 << 10], 0x5a);

	assert_int_equal(run_io(h, UMC_BLK_WRITE_ZEROES, 256 << 10, 64 << 10, NULL, 0), 0);
	assert_int_equal(md.zeroes, 1);
	assert_memory_equal(md.data + (256 << 10), zeros, sizeof(zeros));

	/* a disk without WRITE_ZEROES: the bridge writes zero pages instead */
	blk_queue_max_write_zeroes_sectors(md.disk->queue, 0);
	umc_blk_handle_info(h, &info);
	assert_false(info.write_zeroes);
	assert_int_equal(run_io(h, UMC_BLK_WRITE_ZEROES, 512 << 10, 64 << 10, NULL, 0), 0);
	assert_int_equal(md.zeroes, 1);
	assert_int_equal(md.writes, 1);
	assert_memory_equal(md.data + (512 << 10), zeros, sizeof(zeros));
	blk_queue_max_write_zeroes_sectors(md.disk->queue, 1u << 20);

	/* a disk that cannot discard: -EOPNOTSUPP from the block layer */
	blk_queue_max_discard_sectors(md.disk->queue, 0);
	assert_int_equal(run_io(h, UMC_BLK_DISCARD, 0, 4096, NULL, 0), -EOPNOTSUPP);
	blk_queue_max_discard_sectors(md.disk->queue, 1u << 20);
	umc_blk_close(h);
}

static void test_errors(void **state)
{
	static char buf[4096];
	struct umc_blk_iovec v = { buf, sizeof(buf) };
	struct umc_blk_iovec odd = { buf, 100 };
	struct umc_blk_handle *h = open_rw(), *ro = NULL;

	assert_int_equal(run_io(h, UMC_BLK_READ, 100, 0, &v, 1), -EINVAL);
	assert_int_equal(run_io(h, UMC_BLK_WRITE, 0, 0, &odd, 1), -EINVAL);
	assert_int_equal(run_io(h, UMC_BLK_DISCARD, 0, 1000, NULL, 0), -EINVAL);
	assert_int_equal(run_io(h, (enum umc_blk_op)42, 0, 0, NULL, 0), -EINVAL);
	/* beyond the end of the disk */
	assert_int_equal(run_io(h, UMC_BLK_READ, DISK_BYTES, 0, &v, 1), -EIO);
	/* zero-length read: nothing to do */
	assert_int_equal(run_io(h, UMC_BLK_READ, 0, 0, NULL, 0), 0);

	assert_int_equal(umc_blk_open(TEST_MAJOR, 0, UMC_BLK_OPEN_READ, &ro), 0);
	assert_int_equal(run_io(ro, UMC_BLK_WRITE, 0, 0, &v, 1), -EBADF);
	assert_int_equal(run_io(ro, UMC_BLK_DISCARD, 0, 4096, NULL, 0), -EBADF);
	assert_int_equal(run_io(ro, UMC_BLK_READ, 0, 0, &v, 1), 0);
	umc_blk_close(ro);

	/* a read-only disk (DRBD Secondary) refuses writes: -EPERM as blkdev_write_iter */
	set_disk_ro(md.disk, true);
	assert_int_equal(run_io(h, UMC_BLK_WRITE, 0, 0, &v, 1), -EPERM);
	assert_int_equal(run_io(h, UMC_BLK_WRITE_ZEROES, 0, 4096, NULL, 0), -EPERM);
	assert_int_equal(run_io(h, UMC_BLK_FLUSH, 0, 0, NULL, 0), 0);
	set_disk_ro(md.disk, false);
	umc_blk_close(h);
}

static void test_buffers(void **state)
{
	void *p = umc_blk_buf_alloc(1);
	void *q = umc_blk_buf_alloc((1 << 20) + 4096);

	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal(umc_blk_buf_alloc_size(1), PAGE_SIZE);
	assert_int_equal(umc_blk_buf_alloc_size((1 << 20) + 4096), 2u << 20);
	assert_true(umc_blk_buf_is_arena(q, 2u << 20));
	assert_ptr_equal(virt_to_page(q) + 1, virt_to_page((char *)q + PAGE_SIZE));
	assert_null(umc_blk_buf_alloc(64u << 20)); /* beyond the largest block */
	umc_blk_buf_free(q, (1 << 20) + 4096);
	umc_blk_buf_free(p, 1);
	umc_blk_buf_free(NULL, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enumeration, setup_disk, teardown_disk),
		cmocka_unit_test(test_change_notification),
		cmocka_unit_test_setup_teardown(test_open_modes, setup_disk, teardown_disk),
		cmocka_unit_test_setup_teardown(test_rw_zero_copy_sync, setup_disk, teardown_disk),
		cmocka_unit_test_setup_teardown(test_rw_zero_copy_async, setup_disk, teardown_disk),
		cmocka_unit_test_setup_teardown(test_rw_bounce_scatter_gather, setup_disk,
						teardown_disk),
		cmocka_unit_test_setup_teardown(test_flush, setup_disk, teardown_disk),
		cmocka_unit_test_setup_teardown(test_discard_and_write_zeroes, setup_disk,
						teardown_disk),
		cmocka_unit_test_setup_teardown(test_errors, setup_disk, teardown_disk),
		cmocka_unit_test(test_buffers),
	};

	return UMC_TEST_RUN(tests);
}
