// SPDX-License-Identifier: GPL-2.0
/*
 * test_fuse_frontend.c - the FUSE front end seen from the host, over a memory-backed test
 * disk "drbd0" (memdisk.c) instead of DRBD: the device file's size and mode, pwrite/pread
 * with O_DIRECT and without, unaligned reads, block-device errors (EINVAL, ENOSPC), fsync and
 * close-after-write reaching the driver as flushes, fallocate punch hole / zero range reading
 * back zeros, DRBD's open refusals while Secondary, resize and disks appearing/disappearing,
 * many requests in flight from several threads, proc and module parameter files, stop
 * unmounting, and a stale mount left by a killed instance being cleared at start.
 *
 * Exits 77 (skipped) when /dev/fuse is missing or mounting is not possible here.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 312
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/falloc.h>

#include <cmocka.h>
#include <fuse_lowlevel.h>

#include "fuse_frontend.h"
#include "memdisk.h"
#include "mte.h"
#include "umc.h"

#define DISK_BYTES (64u << 20)
#define FUSE_SUPER_MAGIC 0x65735546

static char tmpdir[64], mnt[128];
static struct memdisk *disk0;

static void path_of(char *out, size_t len, const char *rel)
{
	snprintf(out, len, "%s/%s", mnt, rel);
}

static int open_rel(const char *rel, int flags)
{
	char p[256];

	path_of(p, sizeof(p), rel);
	return open(p, flags);
}

static void *aligned_buf(size_t len)
{
	void *p = NULL;

	assert_int_equal(posix_memalign(&p, 4096, len), 0);
	return p;
}

static void fill(char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(seed * 31 + i * 13 + (i >> 12));
}

static bool is_fuse_mount(const char *dir)
{
	struct statfs sf;

	return statfs(dir, &sf) == 0 && (unsigned long)sf.f_type == FUSE_SUPER_MAGIC;
}

/* ---------------------------------------------------------------- tests */
static void test_device_file_attributes(void **state)
{
	char p[256];
	struct stat st;

	path_of(p, sizeof(p), "dev/drbd0");
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, DISK_BYTES);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_uid, getuid());
	path_of(p, sizeof(p), "dev/drbd9");
	assert_int_equal(stat(p, &st), -1);
	assert_int_equal(errno, ENOENT);
}

static void test_write_read_direct(void **state)
{
	const size_t len = 1u << 20;
	char *w = aligned_buf(len), *r = aligned_buf(len), *peek = malloc(len);
	int fd = open_rel("dev/drbd0", O_RDWR | O_DIRECT);

	assert_true(fd >= 0);
	fill(w, len, 1);
	assert_int_equal(pwrite(fd, w, len, 4u << 20), (ssize_t)len);
	memdisk_peek(disk0, 4u << 20, peek, len);
	assert_memory_equal(peek, w, len);
	assert_int_equal(pread(fd, r, len, 4u << 20), (ssize_t)len);
	assert_memory_equal(r, w, len);
	/* unaligned reads are served from the covering blocks */
	assert_int_equal(pread(fd, r, 100, (4u << 20) + 7), 100);
	assert_memory_equal(r, w + 7, 100);
	close(fd);
	free(w);
	free(r);
	free(peek);
}

/* Writes that do not cover whole blocks are read-modify-writes (e2fsprogs writes 2 bytes of
 * the superblock), also while aligned writes to the same blocks run from other threads. */
struct rmw_arg {
	int fd;
	bool stop;
	int errors;
	unsigned int rounds;
};

static void *aligned_writer(void *arg)
{
	struct rmw_arg *a = arg;
	char *b = aligned_buf(4096);

	while (!__atomic_load_n(&a->stop, __ATOMIC_ACQUIRE)) {
		/* the block next to the one being patched, and the patched one's other half */
		memset(b, 0x11, 4096);
		if (pwrite(a->fd, b, 4096, (12u << 20) + 4096) != 4096)
			a->errors++;
		a->rounds++;
	}
	free(b);
	return NULL;
}

static void test_unaligned_writes(void **state)
{
	char buf[4096], peek[8192], sb[2] = { 0x6c, 0xa7 };
	struct rmw_arg a = { 0 };
	pthread_t t;
	int fd = open_rel("dev/drbd0", O_RDWR);

	assert_true(fd >= 0);
	memset(buf, 0x22, 3000);
	assert_int_equal(pwrite(fd, buf, 3000, 12u << 20), 3000);
	/* two bytes inside one block, as e2fsprogs updates a superblock field */
	assert_int_equal(pwrite(fd, sb, 2, (12u << 20) + 1036), 2);
	memdisk_peek(disk0, 12u << 20, peek, 4096);
	assert_int_equal((unsigned char)peek[1035], 0x22);
	assert_int_equal(peek[1036], 0x6c);
	assert_int_equal((unsigned char)peek[1037], 0xa7);
	assert_int_equal((unsigned char)peek[1038], 0x22);
	assert_int_equal(peek[3000], 0);

	/* across a block boundary, with aligned writes to the neighbouring block running */
	a.fd = fd;
	assert_int_equal(pthread_create(&t, NULL, aligned_writer, &a), 0);
	for (int i = 0; i < 50; i++) {
		memset(buf, 0x30 + i, 3000);
		assert_int_equal(pwrite(fd, buf, 3000, (12u << 20) + 2500), 3000);
	}
	__atomic_store_n(&a.stop, true, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	assert_int_equal(a.errors, 0);
	/* the last patch [2500, 5500) over the neighbour's 0x11 block [4096, 8192) */
	memset(buf, 0x11, 4096);
	assert_int_equal(pwrite(fd, buf, 4096, (12u << 20) + 4096), 4096);
	memset(buf, 0x30 + 49, 3000);
	assert_int_equal(pwrite(fd, buf, 3000, (12u << 20) + 2500), 3000);
	memdisk_peek(disk0, 12u << 20, peek, sizeof(peek));
	assert_int_equal(peek[1036], 0x6c);
	for (int i = 2500; i < 5500; i++)
		assert_int_equal(peek[i], 0x30 + 49);
	for (int i = 5500; i < 8192; i++)
		assert_int_equal(peek[i], 0x11);
	close(fd);
}

static void test_buffered_descriptor_and_end_of_device(void **state)
{
	char buf[8192], back[8192];
	int fd = open_rel("dev/drbd0", O_RDWR);

	assert_true(fd >= 0);
	fill(buf, sizeof(buf), 2);
	/* direct_io: no page cache even without O_DIRECT; any buffer alignment */
	assert_int_equal(pwrite(fd, buf + 1, 4096, 8192), 4096);
	assert_int_equal(pread(fd, back, 4096, 8192), 4096);
	assert_memory_equal(back, buf + 1, 4096);
	/* at the end: reads return 0, writes ENOSPC; a write across the end is shortened */
	assert_int_equal(pread(fd, back, 4096, DISK_BYTES), 0);
	assert_int_equal(pwrite(fd, buf, 4096, DISK_BYTES), -1);
	assert_int_equal(errno, ENOSPC);
	assert_int_equal(pwrite(fd, buf, 8192, DISK_BYTES - 4096), 4096);
	assert_int_equal(pread(fd, back, 8192, DISK_BYTES - 4096), 4096);
	assert_memory_equal(back, buf, 4096);
	close(fd);
}

static void test_fsync_and_close_flush(void **state)
{
	char buf[4096] = { 1 };
	unsigned int before = memdisk_flushes(disk0);
	int fd = open_rel("dev/drbd0", O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(memdisk_flushes(disk0), before + 1);
	assert_int_equal(fdatasync(fd), 0);
	assert_int_equal(memdisk_flushes(disk0), before + 2);
	/* close() of a descriptor that did not write: no flush */
	assert_int_equal(close(dup(fd)), 0);
	assert_int_equal(memdisk_flushes(disk0), before + 2);
	/* after a write, close() flushes */
	assert_int_equal(pwrite(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_int_equal(close(fd), 0);
	assert_int_equal(memdisk_flushes(disk0), before + 3);
}

static void test_fallocate(void **state)
{
	const size_t len = 256u << 10;
	char *w = aligned_buf(len), *r = aligned_buf(len), *zeros = calloc(1, len);
	unsigned int discards = memdisk_discards(disk0), zeroes = memdisk_write_zeroes(disk0);
	int fd = open_rel("dev/drbd0", O_RDWR | O_DIRECT);

	assert_true(fd >= 0);
	fill(w, len, 3);
	assert_int_equal(pwrite(fd, w, len, 8u << 20), (ssize_t)len);
	assert_int_equal(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (8u << 20) + 4096,
				   64u << 10), 0);
	assert_int_equal(memdisk_discards(disk0), discards + 1);
	assert_int_equal(pread(fd, r, len, 8u << 20), (ssize_t)len);
	assert_memory_equal(r, w, 4096);
	assert_memory_equal(r + 4096, zeros, 64u << 10);
	assert_memory_equal(r + 4096 + (64u << 10), w + 4096 + (64u << 10), len - 4096 - (64u << 10));

	assert_int_equal(fallocate(fd, FALLOC_FL_ZERO_RANGE, 8u << 20, len), 0);
	assert_int_equal(memdisk_write_zeroes(disk0), zeroes + 1);
	assert_int_equal(pread(fd, r, len, 8u << 20), (ssize_t)len);
	assert_memory_equal(r, zeros, len);

	assert_int_equal(fallocate(fd, 0, 0, 4096), -1);
	assert_int_equal(errno, EOPNOTSUPP);
	assert_int_equal(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100, 4096), -1);
	assert_int_equal(errno, EINVAL);
	close(fd);
	free(w);
	free(r);
	free(zeros);
}

static void test_secondary_refuses_opens(void **state)
{
	char p[256];
	struct stat st;
	int fd;

	memdisk_set_primary(disk0, false);
	path_of(p, sizeof(p), "dev/drbd0");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0400); /* read-only disk */
	fd = open(p, O_RDWR);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, EROFS);
	fd = open(p, O_WRONLY);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, EROFS);
	fd = open(p, O_RDONLY);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, EMEDIUMTYPE);
	memdisk_set_primary(disk0, true);
	fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static bool dir_has(const char *rel, const char *name)
{
	char p[256];
	struct dirent *de;
	bool found = false;
	DIR *d;

	path_of(p, sizeof(p), rel);
	d = opendir(p);
	if (!d)
		return false;
	while ((de = readdir(d)))
		if (!strcmp(de->d_name, name))
			found = true;
	closedir(d);
	return found;
}

static void test_resize_add_remove(void **state)
{
	struct memdisk *d1 = NULL;
	char p[256];
	struct stat st;

	path_of(p, sizeof(p), "dev/drbd0");
	memdisk_resize(disk0, DISK_BYTES / 2);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, DISK_BYTES / 2);
	memdisk_resize(disk0, DISK_BYTES);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, DISK_BYTES);

	assert_false(dir_has("dev", "drbd1"));
	assert_int_equal(memdisk_create(1, 1u << 20, &d1), 0);
	assert_true(dir_has("dev", "drbd1"));
	path_of(p, sizeof(p), "dev/drbd1");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 1u << 20);
	memdisk_destroy(d1);
	assert_false(dir_has("dev", "drbd1"));
	assert_int_equal(stat(p, &st), -1);
	assert_int_equal(errno, ENOENT);
}

/* Several writers and readers at once on one file, each on its own region, verified. */
struct worker_arg {
	int fd;
	unsigned int id;
	int errors;
};

static void *io_worker(void *arg)
{
	struct worker_arg *a = arg;
	char *w = aligned_buf(16384), *r = aligned_buf(16384);
	uint64_t base = (16u << 20) + (uint64_t)a->id * (2u << 20);

	for (unsigned int i = 0; i < 200; i++) {
		uint64_t off = base + (uint64_t)((i * 7919u) % 128) * 16384;

		fill(w, 16384, a->id * 1000 + i);
		if (pwrite(a->fd, w, 16384, (off_t)off) != 16384 ||
		    pread(a->fd, r, 16384, (off_t)off) != 16384 || memcmp(w, r, 16384))
			a->errors++;
	}
	free(w);
	free(r);
	return NULL;
}

static void test_parallel_io(void **state)
{
	struct worker_arg args[8];
	pthread_t t[8];
	int fd = open_rel("dev/drbd0", O_RDWR | O_DIRECT);

	assert_true(fd >= 0);
	for (unsigned int i = 0; i < 8; i++) {
		args[i] = (struct worker_arg){ .fd = fd, .id = i };
		assert_int_equal(pthread_create(&t[i], NULL, io_worker, &args[i]), 0);
	}
	for (unsigned int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(args[i].errors, 0);
	}
	close(fd);
}

static ssize_t read_rel(const char *rel, char *buf, size_t len)
{
	int fd = open_rel(rel, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

static void test_proc(void **state)
{
	char buf[1024];

	assert_true(dir_has("proc", "memdisk"));
	assert_true(read_rel("proc/memdisk", buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "memdisk test driver"));
	assert_non_null(strstr(buf, "drbd0: 131072 sectors, Primary"));
	assert_int_equal(open_rel("proc/memdisk", O_WRONLY), -1);
	assert_int_equal(errno, EACCES);
	assert_int_equal(read_rel("proc/nonexistent", buf, sizeof(buf)), -ENOENT);
}

static void test_module_parameters(void **state)
{
	char buf[256], p[256];
	struct stat st;
	int fd;

	assert_true(dir_has("sys/module", "memdisk"));
	assert_true(dir_has("sys/module/memdisk/parameters", "test_knob"));
	assert_true(dir_has("sys/module/memdisk/parameters", "ro_knob"));
	path_of(p, sizeof(p), "sys/module/memdisk/parameters/test_knob");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(read_rel("sys/module/memdisk/parameters/test_knob", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "5\n");
	assert_int_equal(read_rel("sys/module/memdisk/parameters/ro_knob", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "Y\n");

	/* as `echo 7 > test_knob`: O_TRUNC is ignored, the write stores the value */
	fd = open(p, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "7\n", 2), 2);
	assert_int_equal(write(fd, "x\n", 2), -1);
	assert_int_equal(errno, EINVAL);
	close(fd);
	assert_int_equal(read_rel("sys/module/memdisk/parameters/test_knob", buf, sizeof(buf)), 2);
	assert_string_equal(buf, "7\n");
	assert_true(read_rel("proc/memdisk", buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "knob 7"));

	assert_int_equal(open_rel("sys/module/memdisk/parameters/ro_knob", O_WRONLY), -1);
	assert_int_equal(errno, EACCES);
}

/* ---------------------------------------------------------------- stale mounts */
static void noop_init(void *userdata, struct fuse_conn_info *conn)
{
}

/* --make-stale DIR: mount a FUSE file system at DIR and die without unmounting it. */
static int stale_child(const char *dir)
{
	static const struct fuse_lowlevel_ops ops = { .init = noop_init };
	char *argv[] = { "stale", NULL };
	struct fuse_args args = FUSE_ARGS_INIT(1, argv);
	struct fuse_session *se = fuse_session_new(&args, &ops, sizeof(ops), NULL);

	if (!se || fuse_session_mount(se, dir))
		return 1;
	raise(SIGKILL);
	return 2;
}

/* Run this program as a child that leaves a dead mount at @dir (as a killed daemon). */
static int make_stale_mount(const char *dir)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execl("/proc/self/exe", "test_fuse_frontend", "--make-stale", dir, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -EIO;
}

static void test_stop_and_stale_mount(void **state)
{
	struct fuse_frontend_opts o = { .mountpoint = mnt };
	struct stat st;
	char p[256];

	fuse_frontend_stop();
	assert_false(is_fuse_mount(mnt));
	/* a killed instance leaves a dead mount behind */
	assert_int_equal(make_stale_mount(mnt), 0);
	assert_int_equal(stat(mnt, &st), -1);
	assert_int_equal(errno, ENOTCONN);
	assert_int_equal(fuse_frontend_start(&o), 0);
	assert_true(is_fuse_mount(mnt));
	path_of(p, sizeof(p), "dev/drbd0");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, DISK_BYTES);
}

/* ---------------------------------------------------------------- main */
static int skip_test(const char *why)
{
	printf("SKIP: %s\n", why);
	return 77;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_device_file_attributes),
		cmocka_unit_test(test_write_read_direct),
		cmocka_unit_test(test_unaligned_writes),
		cmocka_unit_test(test_buffered_descriptor_and_end_of_device),
		cmocka_unit_test(test_fsync_and_close_flush),
		cmocka_unit_test(test_fallocate),
		cmocka_unit_test(test_secondary_refuses_opens),
		cmocka_unit_test(test_resize_add_remove),
		cmocka_unit_test(test_parallel_io),
		cmocka_unit_test(test_proc),
		cmocka_unit_test(test_module_parameters),
		cmocka_unit_test(test_stop_and_stale_mount),
	};
	struct mte_options mo = { .log_levels = getenv("FUSE_TEST_LOG") ? NULL : "*=3" };
	struct fuse_frontend_opts o = { 0 };
	uint64_t leaked;
	int rc;

	if (argc == 3 && !strcmp(argv[1], "--make-stale"))
		return stale_child(argv[2]);
	if (access("/dev/fuse", F_OK))
		return skip_test("no /dev/fuse on this machine");
	if (geteuid() != 0 && access("/dev/fuse", R_OK | W_OK) &&
	    access("/usr/bin/fusermount3", X_OK) && access("/bin/fusermount3", X_OK))
		return skip_test("/dev/fuse is not accessible and fusermount3 is not installed");
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/fuse-frontend-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return skip_test("cannot create a temporary directory");
	snprintf(mnt, sizeof(mnt), "%s/mnt", tmpdir);
	signal(SIGPIPE, SIG_IGN);
	if (mte_init(&mo) || umc_init()) {
		fprintf(stderr, "cannot start mte/umc\n");
		return 1;
	}
	if (memdisk_create(0, DISK_BYTES, &disk0) || memdisk_proc_init()) {
		fprintf(stderr, "cannot create the test disk\n");
		return 1;
	}
	o.mountpoint = mnt;
	rc = fuse_frontend_start(&o);
	if (rc) {
		char why[320];

		snprintf(why, sizeof(why), "cannot mount FUSE at %s: %s", mnt, strerror(-rc));
		memdisk_proc_exit();
		memdisk_destroy(disk0);
		umc_exit();
		mte_shutdown();
		rmdir(mnt);
		rmdir(tmpdir);
		return skip_test(why);
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	fuse_frontend_stop();
	if (is_fuse_mount(mnt)) {
		fprintf(stderr, "still mounted after fuse_frontend_stop\n");
		rc = 1;
	}
	memdisk_proc_exit();
	memdisk_destroy(disk0);
	umc_exit();
	leaked = mte_shutdown();
	if (leaked) {
		fprintf(stderr, "%llu bytes leaked\n", (unsigned long long)leaked);
		rc = 1;
	}
	rmdir(mnt);
	rmdir(tmpdir);
	return rc;
}
