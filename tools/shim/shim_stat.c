// SPDX-License-Identifier: GPL-2.0
/*
 * shim_stat.c - the stat family: /proc/drbd exists, backing files are block devices, /dev/drbdN
 * is the FUSE device file presented as block device 147:N, drbd-utils' lock/run/lib files live
 * in the run dir.
 *
 * Covers every entry point a binary may import: the glibc >= 2.33 symbols (stat, stat64, lstat,
 * lstat64, fstat, fstat64, fstatat, fstatat64), the older __xstat family that binaries built
 * against glibc < 2.33 call, and statx (coreutils).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "shim.h"

_Static_assert(sizeof(struct stat) == sizeof(struct stat64),
	       "stat and stat64 must share one layout (64-bit targets)");

/* _STAT_VER_LINUX of the __xstat interface on 64-bit targets */
#define SHIM_STAT_VER 1

REAL_SLOT(fstatat);
REAL_SLOT(fstat);
REAL_SLOT(statx);

static void adjust_fd_stat(int fd, struct stat *st)
{
	struct shim_fd_info info;

	if (!S_ISREG(st->st_mode))
		return;
	if (shim_fd_tracked(fd) && shim_fd_get(fd, &info)) {
		if (info.kind == SHIM_FD_PROC)
			shim_proc_stat(st);
		else if (info.kind == SHIM_FD_DRBD)
			shim_stat_as_drbd(st, info.minor);
		return;
	}
	if (shim_bdev_match(st->st_dev, st->st_ino))
		shim_stat_as_bdev(st);
}

static int do_fstat(int fd, struct stat *st)
{
	int r = REAL(fstat)(fd, st);

	if (r == 0 && shim_active())
		adjust_fd_stat(fd, st);
	return r;
}

static int do_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct shim_path sp;
	int r;

	if (!shim_active())
		return REAL(fstatat)(dirfd, path, st, flags);
	if (path && !path[0] && (flags & AT_EMPTY_PATH))
		return do_fstat(dirfd, st);
	if (!shim_map_path(path, true, &sp))
		return -1;
	if (sp.kind == SHIM_PATH_PROC_DRBD) {
		shim_proc_stat(st);
		return 0;
	}
	r = REAL(fstatat)(dirfd, sp.path, st, flags);
	if (r != 0 || !S_ISREG(st->st_mode))
		return r;
	if (sp.kind == SHIM_PATH_DRBD_DEV)
		shim_stat_as_drbd(st, sp.minor);
	else if (shim_bdev_match(st->st_dev, st->st_ino))
		shim_stat_as_bdev(st);
	return r;
}

SHIM_EXPORT int stat(const char *restrict path, struct stat *restrict st)
{
	return do_fstatat(AT_FDCWD, path, st, 0);
}

SHIM_EXPORT int stat64(const char *restrict path, struct stat64 *restrict st)
{
	return do_fstatat(AT_FDCWD, path, (struct stat *)st, 0);
}

SHIM_EXPORT int lstat(const char *restrict path, struct stat *restrict st)
{
	return do_fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

SHIM_EXPORT int lstat64(const char *restrict path, struct stat64 *restrict st)
{
	return do_fstatat(AT_FDCWD, path, (struct stat *)st, AT_SYMLINK_NOFOLLOW);
}

SHIM_EXPORT int fstat(int fd, struct stat *st)
{
	return do_fstat(fd, st);
}

SHIM_EXPORT int fstat64(int fd, struct stat64 *st)
{
	return do_fstat(fd, (struct stat *)st);
}

SHIM_EXPORT int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	return do_fstatat(dirfd, path, st, flags);
}

SHIM_EXPORT int fstatat64(int dirfd, const char *restrict path, struct stat64 *restrict st,
			  int flags)
{
	return do_fstatat(dirfd, path, (struct stat *)st, flags);
}

/* glibc < 2.33 binaries: stat() was an inline calling __xstat(_STAT_VER, ...). */
static int check_ver(int ver)
{
	if (ver != SHIM_STAT_VER && ver != 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

SHIM_EXPORT int __xstat(int ver, const char *path, struct stat *st);
SHIM_EXPORT int __xstat(int ver, const char *path, struct stat *st)
{
	return check_ver(ver) ? -1 : do_fstatat(AT_FDCWD, path, st, 0);
}

SHIM_EXPORT int __xstat64(int ver, const char *path, struct stat64 *st);
SHIM_EXPORT int __xstat64(int ver, const char *path, struct stat64 *st)
{
	return check_ver(ver) ? -1 : do_fstatat(AT_FDCWD, path, (struct stat *)st, 0);
}

SHIM_EXPORT int __lxstat(int ver, const char *path, struct stat *st);
SHIM_EXPORT int __lxstat(int ver, const char *path, struct stat *st)
{
	return check_ver(ver) ? -1 : do_fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

SHIM_EXPORT int __lxstat64(int ver, const char *path, struct stat64 *st);
SHIM_EXPORT int __lxstat64(int ver, const char *path, struct stat64 *st)
{
	return check_ver(ver) ? -1 :
		do_fstatat(AT_FDCWD, path, (struct stat *)st, AT_SYMLINK_NOFOLLOW);
}

SHIM_EXPORT int __fxstat(int ver, int fd, struct stat *st);
SHIM_EXPORT int __fxstat(int ver, int fd, struct stat *st)
{
	return check_ver(ver) ? -1 : do_fstat(fd, st);
}

SHIM_EXPORT int __fxstat64(int ver, int fd, struct stat64 *st);
SHIM_EXPORT int __fxstat64(int ver, int fd, struct stat64 *st)
{
	return check_ver(ver) ? -1 : do_fstat(fd, (struct stat *)st);
}

SHIM_EXPORT int __fxstatat(int ver, int dirfd, const char *path, struct stat *st, int flags);
SHIM_EXPORT int __fxstatat(int ver, int dirfd, const char *path, struct stat *st, int flags)
{
	return check_ver(ver) ? -1 : do_fstatat(dirfd, path, st, flags);
}

SHIM_EXPORT int __fxstatat64(int ver, int dirfd, const char *path, struct stat64 *st, int flags);
SHIM_EXPORT int __fxstatat64(int ver, int dirfd, const char *path, struct stat64 *st, int flags)
{
	return check_ver(ver) ? -1 : do_fstatat(dirfd, path, (struct stat *)st, flags);
}

/* ---- statx ------------------------------------------------------------------------------ */

static void statx_from_stat(struct statx *stx, const struct stat *st)
{
	memset(stx, 0, sizeof(*stx));
	stx->stx_mask = STATX_BASIC_STATS;
	stx->stx_blksize = (uint32_t)st->st_blksize;
	stx->stx_nlink = (uint32_t)st->st_nlink;
	stx->stx_uid = st->st_uid;
	stx->stx_gid = st->st_gid;
	stx->stx_mode = (uint16_t)st->st_mode;
	stx->stx_ino = st->st_ino;
	stx->stx_size = (uint64_t)st->st_size;
	stx->stx_blocks = (uint64_t)st->st_blocks;
	stx->stx_atime.tv_sec = st->st_atim.tv_sec;
	stx->stx_atime.tv_nsec = (uint32_t)st->st_atim.tv_nsec;
	stx->stx_mtime.tv_sec = st->st_mtim.tv_sec;
	stx->stx_mtime.tv_nsec = (uint32_t)st->st_mtim.tv_nsec;
	stx->stx_ctime.tv_sec = st->st_ctim.tv_sec;
	stx->stx_ctime.tv_nsec = (uint32_t)st->st_ctim.tv_nsec;
	stx->stx_dev_major = major(st->st_dev);
	stx->stx_dev_minor = minor(st->st_dev);
	stx->stx_rdev_major = major(st->st_rdev);
	stx->stx_rdev_minor = minor(st->st_rdev);
}

/* Apply the adjustments @st received (mode, rdev, size) to a real statx result. */
static void statx_adjust(struct statx *stx, const struct stat *st)
{
	stx->stx_mode = (uint16_t)st->st_mode;
	stx->stx_rdev_major = major(st->st_rdev);
	stx->stx_rdev_minor = minor(st->st_rdev);
	stx->stx_size = (uint64_t)st->st_size;
	stx->stx_blocks = (uint64_t)st->st_blocks;
}

SHIM_EXPORT int statx(int dirfd, const char *restrict path, int flags, unsigned int mask,
		      struct statx *restrict stx)
{
	struct shim_path sp;
	struct stat st;
	bool by_fd;
	int r;

	if (!shim_active())
		return REAL(statx)(dirfd, path, flags, mask, stx);
	by_fd = path && !path[0] && (flags & AT_EMPTY_PATH);
	if (by_fd) {
		sp.kind = SHIM_PATH_PLAIN;
		sp.path = path;
	} else if (!shim_map_path(path, true, &sp)) {
		return -1;
	}
	if (sp.kind == SHIM_PATH_PROC_DRBD) {
		shim_proc_stat(&st);
		statx_from_stat(stx, &st);
		return 0;
	}
	r = REAL(statx)(dirfd, sp.path, flags, mask, stx);
	if (r != 0 || !S_ISREG(stx->stx_mode) || !(stx->stx_mask & STATX_INO))
		return r;
	memset(&st, 0, sizeof(st));
	st.st_mode = stx->stx_mode;
	st.st_dev = makedev(stx->stx_dev_major, stx->stx_dev_minor);
	st.st_ino = stx->stx_ino;
	st.st_size = (off_t)stx->stx_size;
	st.st_blocks = (blkcnt_t)stx->stx_blocks;
	if (by_fd)
		adjust_fd_stat(dirfd, &st);
	else if (sp.kind == SHIM_PATH_DRBD_DEV)
		shim_stat_as_drbd(&st, sp.minor);
	else if (shim_bdev_match(st.st_dev, st.st_ino))
		shim_stat_as_bdev(&st);
	else
		return r;
	statx_adjust(stx, &st);
	return r;
}
