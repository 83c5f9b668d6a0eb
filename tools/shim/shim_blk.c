// SPDX-License-Identifier: GPL-2.0
/*
 * shim_blk.c - backing files shown as block devices, and /dev/drbdN device files.
 *
 * drbdsetup-84 attach and drbdmeta insist on S_ISBLK and size the device with BLK* ioctls.
 * The regular files named in DRBD_UM_BDEVS (colon-separated; each resolved to its (st_dev,
 * st_ino) so symlinks, relative names and hard links all match) therefore:
 *   - stat/fstat/statx as S_IFBLK with st_rdev = makedev(SHIM_BDEV_MAJOR, f(inode)) and size 0,
 *     as block device inodes do;
 *   - answer the block ioctls below from fstat/fallocate/fdatasync;
 *   - opened with O_EXCL (without O_CREAT) take flock(LOCK_EX|LOCK_NB), failing with EBUSY
 *     like an exclusive open of a claimed block device. The daemon (mte bdev_open with
 *     SYS_BDEV_EXCL) holds the same kind of lock while a disk is attached.
 * Descriptors of /dev/drbdN opened through the FUSE device file answer the same ioctls and
 * stat as block device 147:N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "shim.h"

/* 240-254: "local/experimental use" in the Linux device list; never a real driver. */
#define SHIM_BDEV_MAJOR 240
#define DRBD_MAJOR      147     /* LANANA_DRBD_MAJOR */
#define SHIM_MAX_BDEVS  64
#define SECTOR_SIZE     512

REAL_SLOT(stat);
REAL_SLOT(fstat);
REAL_SLOT(close);
REAL_SLOT(ioctl);

struct bdev_entry {
	const char *path;
	bool resolved;
	dev_t dev;
	ino_t ino;
};

static char bdev_names[8192];
static struct bdev_entry bdevs[SHIM_MAX_BDEVS];
static size_t nr_bdevs;
static _Atomic bool bdevs_unresolved;   /* some entry did not exist when last looked at */
static pthread_mutex_t bdev_lock = PTHREAD_MUTEX_INITIALIZER;

/* Caller holds bdev_lock (or runs in the constructor). */
static void resolve_locked(void)
{
	bool missing = false;
	struct stat st;
	size_t i;

	for (i = 0; i < nr_bdevs; i++) {
		if (bdevs[i].resolved)
			continue;
		if (REAL(stat)(bdevs[i].path, &st) == 0) {
			bdevs[i].dev = st.st_dev;
			bdevs[i].ino = st.st_ino;
			bdevs[i].resolved = true;
		} else {
			missing = true;
		}
	}
	atomic_store(&bdevs_unresolved, missing);
}

void shim_bdev_init(void)
{
	const char *env = getenv("DRBD_UM_BDEVS");
	char *p, *save = NULL;
	size_t len;

	if (!env || !*env)
		return;
	len = strlen(env);
	if (len >= sizeof(bdev_names)) {
		shim_log("DRBD_UM_BDEVS longer than %zu bytes; ignored", sizeof(bdev_names) - 1);
		return;
	}
	memcpy(bdev_names, env, len + 1);
	for (p = strtok_r(bdev_names, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		if (p[0] != '/') {
			shim_log("DRBD_UM_BDEVS: %s is not an absolute path; ignored", p);
			continue;
		}
		if (nr_bdevs == SHIM_MAX_BDEVS) {
			shim_log("DRBD_UM_BDEVS: more than %d entries; the rest is ignored",
				 SHIM_MAX_BDEVS);
			break;
		}
		bdevs[nr_bdevs++].path = p;
	}
	resolve_locked();
}

bool shim_bdev_match(dev_t dev, ino_t ino)
{
	bool found = false;
	size_t i;

	if (!nr_bdevs)
		return false;
	pthread_mutex_lock(&bdev_lock);
	if (atomic_load(&bdevs_unresolved))
		resolve_locked();
	for (i = 0; i < nr_bdevs && !found; i++)
		found = bdevs[i].resolved && bdevs[i].dev == dev && bdevs[i].ino == ino;
	pthread_mutex_unlock(&bdev_lock);
	return found;
}

void shim_stat_as_bdev(struct stat *st)
{
	uint64_t ino = (uint64_t)st->st_ino;

	st->st_mode = S_IFBLK | (st->st_mode & 07777);
	st->st_rdev = makedev(SHIM_BDEV_MAJOR, (unsigned int)((ino ^ (ino >> 20)) & 0xfffff));
	st->st_size = 0;
	st->st_blocks = 0;
}

void shim_stat_as_drbd(struct stat *st, unsigned int minor)
{
	st->st_mode = S_IFBLK | (st->st_mode & 07777);
	st->st_rdev = makedev(DRBD_MAJOR, minor);
	st->st_size = 0;
	st->st_blocks = 0;
}

int shim_bdev_claim(int fd, int flags)
{
	if (!(flags & O_EXCL) || (flags & O_CREAT))
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK) {
		REAL(close)(fd);
		errno = EBUSY;
		return -1;
	}
	return 0;       /* filesystems without flock: no claim, as before */
}

int shim_after_open(int fd, int flags, const struct shim_path *sp)
{
	struct stat st;

	if (fd < 0)
		return fd;
	if (sp->kind == SHIM_PATH_DRBD_DEV) {
		struct shim_fd_info info = { .kind = SHIM_FD_DRBD, .minor = sp->minor };

		if (!shim_fd_set(fd, &info))
			shim_log_once("descriptor %d of %s beyond %d: not tracked", fd, sp->path,
				      SHIM_MAX_FD);
		return fd;
	}
	shim_fd_clear(fd);      /* a fresh descriptor: forget whatever was tracked there */
	if (nr_bdevs && (flags & O_EXCL) && !(flags & O_CREAT) &&
	    REAL(fstat)(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    shim_bdev_match(st.st_dev, st.st_ino) && shim_bdev_claim(fd, flags) < 0)
		return -1;
	return fd;
}

/* ---- ioctls ----------------------------------------------------------------------------- */

static _Alignas(4096) const char zeroes[65536];

static int check_range(int fd, const uint64_t *range, uint64_t size, bool need_write)
{
	int fl = fcntl(fd, F_GETFL);
	uint64_t start = range[0], len = range[1], end = start + len;

	if (need_write && (fl < 0 || (fl & O_ACCMODE) == O_RDONLY))
		return EBADF;
	if ((start | len) & (SECTOR_SIZE - 1))
		return EINVAL;
	if (end < start || end > size)
		return EINVAL;
	return 0;
}

static int zero_out(int fd, off_t start, off_t len)
{
	if (len == 0)
		return 0;
	if (fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, start, len) == 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != ENOSYS)
		return errno;
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, start, len) == 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != ENOSYS)
		return errno;
	while (len > 0) {
		size_t chunk = len > (off_t)sizeof(zeroes) ? sizeof(zeroes) : (size_t)len;
		ssize_t n = pwrite(fd, zeroes, chunk, start);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		start += n;
		len -= n;
	}
	return 0;
}

/*
 * Emulate block ioctl @req on a backing file / drbd device file of @size bytes and preferred
 * I/O size @blksize. Returns 0 or a positive errno; ENOTTY means "not a block ioctl we know".
 */
static int blk_ioctl(int fd, unsigned long req, void *arg, uint64_t size, unsigned int blksize)
{
	uint64_t range[2];
	int err;

	switch (req) {
	case BLKGETSIZE64:
		memcpy(arg, &size, sizeof(size));
		return 0;
	case BLKGETSIZE: {
		unsigned long sectors = (unsigned long)(size / SECTOR_SIZE);

		memcpy(arg, &sectors, sizeof(sectors));
		return 0;
	}
	case BLKSSZGET: {
		int v = SECTOR_SIZE;

		memcpy(arg, &v, sizeof(v));
		return 0;
	}
	case BLKBSZGET: {
		int v = (int)(blksize >= 4096 && size % 4096 == 0 ? 4096 : SECTOR_SIZE);

		memcpy(arg, &v, sizeof(v));
		return 0;
	}
	case BLKPBSZGET:
	case BLKIOMIN:
		memcpy(arg, &blksize, sizeof(blksize));
		return 0;
	case BLKIOOPT:
	case BLKDISCARDZEROES: {
		unsigned int v = 0;

		memcpy(arg, &v, sizeof(v));
		return 0;
	}
	case BLKALIGNOFF:
	case BLKROGET: {
		int v = 0;

		memcpy(arg, &v, sizeof(v));
		return 0;
	}
	case BLKFLSBUF:
		return fdatasync(fd) == 0 ? 0 : errno;
	case BLKZEROOUT:
	case BLKDISCARD:
		memcpy(range, arg, sizeof(range));
		err = check_range(fd, range, size, true);
		if (err)
			return err;
		if (req == BLKZEROOUT)
			return zero_out(fd, (off_t)range[0], (off_t)range[1]);
		if (range[1] == 0)
			return 0;
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)range[0],
			      (off_t)range[1]) == 0)
			return 0;
		return (errno == ENOSYS) ? EOPNOTSUPP : errno;
	case BLKSECDISCARD:
		return EOPNOTSUPP;
	default:
		return ENOTTY;
	}
}

static bool is_blk_ioctl(unsigned long req)
{
	switch (req) {
	case BLKGETSIZE64: case BLKGETSIZE: case BLKSSZGET: case BLKBSZGET: case BLKPBSZGET:
	case BLKIOMIN: case BLKIOOPT: case BLKDISCARDZEROES: case BLKALIGNOFF: case BLKROGET:
	case BLKFLSBUF: case BLKZEROOUT: case BLKDISCARD: case BLKSECDISCARD:
		return true;
	default:
		return false;
	}
}

SHIM_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct shim_fd_info info;
	struct stat st;
	va_list ap;
	void *arg;
	int err;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (!shim_active() || !is_blk_ioctl(req))
		return REAL(ioctl)(fd, req, arg);
	if (REAL(fstat)(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return REAL(ioctl)(fd, req, arg);
	if (!shim_bdev_match(st.st_dev, st.st_ino) &&
	    !(shim_fd_get(fd, &info) && info.kind == SHIM_FD_DRBD))
		return REAL(ioctl)(fd, req, arg);
	if (!arg && req != BLKFLSBUF && req != BLKSECDISCARD) {
		errno = EFAULT;
		return -1;
	}
	err = blk_ioctl(fd, req, arg, (uint64_t)st.st_size,
			st.st_blksize > 0 ? (unsigned int)st.st_blksize : 4096);
	shim_dbg("ioctl(%d, 0x%lx) on backing file: %s", fd, req, err ? strerror(err) : "ok");
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}
