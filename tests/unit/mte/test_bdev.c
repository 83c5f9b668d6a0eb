// SPDX-License-Identifier: GPL-2.0
/*
 * Conformance: asynchronous block I/O round trips (write/read/FUA/flush/discard/zeroes) on a
 * file on disk (/var/tmp) and on tmpfs (/dev/shm), through both paths: O_DIRECT + libaio
 * where the filesystem accepts it (detected independently and checked against info.direct)
 * and the buffered worker pool (SYS_BDEV_NODIRECT, and misaligned buffers on a direct bdev).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mte_test.h"

#define DEV_SIZE (4u << 20)

static const char *const dirs[] = { "/var/tmp", "/dev/shm" };

struct io {
	struct sys_bio_req req;
	struct sys_iovec iov[4];
	long result;
	int tid;
	struct completion done;
};

static void io_done(struct sys_bio_req *req, long result)
{
	struct io *io = req->priv;
	io->result = result;
	io->tid = sys->thread_id();
	complete(&io->done);
}

static void io_prep(struct io *io, enum sys_bio_op op, uint64_t off)
{
	memset(&io->req, 0, sizeof(io->req));
	io->req.op = op;
	io->req.offset = off;
	io->req.iov = io->iov;
	io->req.done = io_done;
	io->req.priv = io;
	io->result = 1234567;
	completion_init(&io->done);
}

/* submit and wait; returns the result */
static long io_run(struct sys_bdev *b, struct io *io)
{
	sys->bdev_submit(b, &io->req);
	assert_true(wait_for(&io->done, slow(30 * SEC)));
	assert_int_not_equal(io->tid, sys->thread_id()); /* completion on a provider thread */
	return io->result;
}

static long rw(struct sys_bdev *b, enum sys_bio_op op, uint64_t off, void *buf, size_t len,
	       uint32_t flags)
{
	struct io io;
	io_prep(&io, op, off);
	io.iov[0].base = buf;
	io.iov[0].len = len;
	io.req.iovcnt = 1;
	io.req.flags = flags;
	return io_run(b, &io);
}

static long range(struct sys_bdev *b, enum sys_bio_op op, uint64_t off, uint64_t len)
{
	struct io io;
	io_prep(&io, op, off);
	io.req.len = len;
	return io_run(b, &io);
}

static void make_file(char *path, size_t plen, const char *dir)
{
	snprintf(path, plen, "%s/mte_test_bdev.%d.XXXXXX", dir, (int)getpid());
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, DEV_SIZE), 0);
	close(fd);
}

/* Does this filesystem accept O_DIRECT? (independent of the provider) */
static bool fs_takes_odirect(const char *path)
{
	int fd = open(path, O_RDWR | O_DIRECT);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 9));
}

static void round_trips(struct sys_bdev *b, const struct sys_bdev_info *info)
{
	const size_t len = 64 * 1024;
	unsigned char *wbuf = sys->mem_alloc(len + 4096, 4096, "test.bdev");
	unsigned char *rbuf = sys->mem_alloc(len + 4096, 4096, "test.bdev");
	unsigned char *zero = sys->mem_zalloc(len, 0, "test.bdev");

	/* aligned write + read */
	fill(wbuf, len, 1);
	assert_int_equal(rw(b, SYS_BIO_WRITE, 0, wbuf, len, 0), (long)len);
	memset(rbuf, 0, len);
	assert_int_equal(rw(b, SYS_BIO_READ, 0, rbuf, len, 0), (long)len);
	assert_memory_equal(wbuf, rbuf, len);

	/* FUA write, flush */
	fill(wbuf, len, 2);
	assert_int_equal(rw(b, SYS_BIO_WRITE, 1 << 20, wbuf, len, SYS_BIO_FUA), (long)len);
	assert_int_equal(range(b, SYS_BIO_FLUSH, 0, 0), 0);
	assert_int_equal(rw(b, SYS_BIO_READ, 1 << 20, rbuf, len, 0), (long)len);
	assert_memory_equal(wbuf, rbuf, len);

	/* misaligned buffer and length (a direct bdev must cope: bounce or buffered path) */
	fill(wbuf + 1, 3 * 512 + 100, 3);
	assert_int_equal(rw(b, SYS_BIO_WRITE, 8192, wbuf + 1, 3 * 512 + 100, 0), 3 * 512 + 100);
	memset(rbuf, 0, len);
	assert_int_equal(rw(b, SYS_BIO_READ, 8192, rbuf + 3, 3 * 512 + 100, 0), 3 * 512 + 100);
	assert_memory_equal(wbuf + 1, rbuf + 3, 3 * 512 + 100);
	/* misaligned offset; read back through an aligned request */
	fill(wbuf, 1000, 4);
	assert_int_equal(rw(b, SYS_BIO_WRITE, 3 * 4096 + 100, wbuf, 1000, SYS_BIO_FUA), 1000);
	assert_int_equal(rw(b, SYS_BIO_READ, 3 * 4096, rbuf, 4096, 0), 4096);
	assert_memory_equal(rbuf + 100, wbuf, 1000);

	/* vectored aligned write, read back as one piece */
	struct io io;
	io_prep(&io, SYS_BIO_WRITE, 2 << 20);
	fill(wbuf, 3 * 4096, 5);
	io.iov[0] = (struct sys_iovec){ wbuf + 2 * 4096, 4096 };
	io.iov[1] = (struct sys_iovec){ wbuf, 2 * 4096 };
	io.req.iovcnt = 2;
	assert_int_equal(io_run(b, &io), 3 * 4096);
	assert_int_equal(rw(b, SYS_BIO_READ, 2 << 20, rbuf, 3 * 4096, 0), 3 * 4096);
	assert_memory_equal(rbuf, wbuf + 2 * 4096, 4096);
	assert_memory_equal(rbuf + 4096, wbuf, 2 * 4096);

	/* discard and write-zeroes: ext4 and tmpfs both support them */
	assert_true(info->discard);
	assert_true(info->write_zeroes);
	fill(wbuf, len, 6);
	assert_int_equal(rw(b, SYS_BIO_WRITE, 0, wbuf, len, 0), (long)len);
	assert_int_equal(range(b, SYS_BIO_DISCARD, 0, 16384), 0);
	assert_int_equal(range(b, SYS_BIO_WRITE_ZEROES, 32768, 8192), 0);
	assert_int_equal(rw(b, SYS_BIO_READ, 0, rbuf, len, 0), (long)len);
	assert_memory_equal(rbuf, zero, 16384);
	assert_memory_equal(rbuf + 16384, wbuf + 16384, 16384);
	assert_memory_equal(rbuf + 32768, zero, 8192);
	assert_memory_equal(rbuf + 40960, wbuf + 40960, len - 40960);

	/* beyond the end: -EIO like the block layer */
	assert_int_equal(rw(b, SYS_BIO_READ, DEV_SIZE - 4096, rbuf, 8192, 0), -EIO);
	assert_int_equal(range(b, SYS_BIO_DISCARD, DEV_SIZE, 4096), -EIO);
	/* the last block is fine */
	assert_int_equal(rw(b, SYS_BIO_READ, DEV_SIZE - 4096, rbuf, 4096, 0), 4096);

	sys->mem_free(wbuf);
	sys->mem_free(rbuf);
	sys->mem_free(zero);
}

static void run_on(const char *dir, uint32_t extra_flags)
{
	char path[128];
	struct sys_bdev *b;
	struct sys_bdev_info info;
	make_file(path, sizeof(path), dir);
	bool odirect = fs_takes_odirect(path);
	assert_int_equal(sys->bdev_open(&b, path, SYS_BDEV_READ | SYS_BDEV_WRITE | extra_flags,
					&info),
			 0);
	print_message("%s: O_DIRECT %s by the fs, %s path in use%s\n", dir,
		      odirect ? "accepted" : "refused", info.direct ? "libaio" : "worker pool",
		      extra_flags & SYS_BDEV_NODIRECT ? " (NODIRECT)" : "");
	assert_int_equal(info.direct, odirect && !(extra_flags & SYS_BDEV_NODIRECT));
	assert_int_equal(info.size_bytes, DEV_SIZE);
	assert_int_equal(info.logical_block_size, 512);
	assert_false(info.is_block_device);
	round_trips(b, &info);
	sys->bdev_close(b);
	unlink(path);
}

static void test_disk_default(void **state)
{
	run_on(dirs[0], 0);
}

static void test_disk_buffered(void **state)
{
	run_on(dirs[0], SYS_BDEV_NODIRECT);
}

static void test_tmpfs_default(void **state)
{
	run_on(dirs[1], 0);
}

static void test_tmpfs_buffered(void **state)
{
	run_on(dirs[1], SYS_BDEV_NODIRECT);
}

/* /var/tmp is ext4 here: the libaio path must really be exercised somewhere. */
static void test_direct_path_available(void **state)
{
	char path[128];
	make_file(path, sizeof(path), dirs[0]);
	bool d0 = fs_takes_odirect(path);
	unlink(path);
	make_file(path, sizeof(path), dirs[1]);
	bool d1 = fs_takes_odirect(path);
	unlink(path);
	assert_true(d0 || d1);
}

static void test_excl_and_errors(void **state)
{
	char path[128];
	struct sys_bdev *a, *b;
	make_file(path, sizeof(path), dirs[0]);
	uint32_t fl = SYS_BDEV_READ | SYS_BDEV_WRITE | SYS_BDEV_EXCL;
	assert_int_equal(sys->bdev_open(&a, path, fl, NULL), 0);
	assert_int_equal(sys->bdev_open(&b, path, fl, NULL), -EBUSY);
	/* a non-exclusive opener is allowed */
	assert_int_equal(sys->bdev_open(&b, path, SYS_BDEV_READ, NULL), 0);
	sys->bdev_close(b);
	sys->bdev_close(a);
	assert_int_equal(sys->bdev_open(&b, path, fl, NULL), 0);
	sys->bdev_close(b);

	assert_int_equal(sys->bdev_open(&b, "/nonexistent/mte", SYS_BDEV_READ, NULL), -ENOENT);
	assert_int_equal(sys->bdev_open(&b, "/var/tmp", SYS_BDEV_READ, NULL), -ENOTBLK);
	assert_int_equal(sys->bdev_open(&b, "/dev/null", SYS_BDEV_READ, NULL), -ENOTBLK);

	/* refresh sees growth */
	struct sys_bdev_info info;
	assert_int_equal(sys->bdev_open(&b, path, SYS_BDEV_READ | SYS_BDEV_WRITE, &info), 0);
	assert_int_equal(truncate(path, 2 * DEV_SIZE), 0);
	assert_int_equal(sys->bdev_refresh(b, &info), 0);
	assert_int_equal(info.size_bytes, 2 * DEV_SIZE);
	sys->bdev_close(b);
	unlink(path);
}

/* Many requests in flight at once; bdev_close waits for all of them. */
static void test_parallel_and_close_waits(void **state)
{
	enum { N = 300 };
	char path[128];
	struct sys_bdev *b;
	struct sys_bdev_info info;
	static struct io io[N];
	make_file(path, sizeof(path), dirs[0]);
	assert_int_equal(sys->bdev_open(&b, path, SYS_BDEV_READ | SYS_BDEV_WRITE, &info), 0);
	unsigned char *buf = sys->mem_alloc((size_t)N * 4096, 4096, "test.bdev");
	unsigned char *mis = sys->mem_alloc((size_t)N * 4097 + 1, 4096, "test.bdev");
	for (int i = 0; i < N; i++) {
		unsigned char *src = buf + (size_t)i * 4096;
		fill(src, 4096, (unsigned int)i);
		io_prep(&io[i], SYS_BIO_WRITE, (uint64_t)i * 4096);
		/* every third one from a misaligned copy, to mix both paths */
		if (i % 3 == 0) {
			memcpy(mis + (size_t)i * 4097 + 1, src, 4096);
			src = mis + (size_t)i * 4097 + 1;
		}
		io[i].iov[0].base = src;
		io[i].iov[0].len = 4096;
		io[i].req.iovcnt = 1;
		sys->bdev_submit(b, &io[i].req);
	}
	sys->bdev_close(b);
	for (int i = 0; i < N; i++) {
		assert_true(completion_done(&io[i].done));
		assert_int_equal(io[i].result, 4096);
	}
	/* verify with a fresh buffered open */
	assert_int_equal(sys->bdev_open(&b, path, SYS_BDEV_READ | SYS_BDEV_NODIRECT, &info), 0);
	unsigned char *rbuf = sys->mem_alloc((size_t)N * 4096, 4096, "test.bdev");
	assert_int_equal(rw(b, SYS_BIO_READ, 0, rbuf, (size_t)N * 4096, 0), N * 4096);
	assert_memory_equal(rbuf, buf, (size_t)N * 4096);
	sys->bdev_close(b);
	sys->mem_free(rbuf);
	sys->mem_free(buf);
	sys->mem_free(mis);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct_path_available),
		cmocka_unit_test(test_disk_default),
		cmocka_unit_test(test_disk_buffered),
		cmocka_unit_test(test_tmpfs_default),
		cmocka_unit_test(test_tmpfs_buffered),
		cmocka_unit_test(test_excl_and_errors),
		cmocka_unit_test(test_parallel_and_close_waits),
	};
	return cmocka_run_group_tests(tests, mte_test_start, mte_test_stop);
}
