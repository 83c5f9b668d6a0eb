// SPDX-License-Identifier: GPL-2.0
/*
 * shim_fs.c - opening files and the path calls drbd-utils make, plus the descriptor
 * bookkeeping (close, dup*, fcntl(F_DUPFD*), fclose).
 *
 *   /proc/drbd          -> the daemon's text in a memfd (shim_proc.c)
 *   /dev/drbdN          -> RUN_DIR/mnt/dev/drbdN when that FUSE device file exists
 *   /var/lock/drbd-*    -> RUN_DIR/lock/drbd-*       (also /run/lock/drbd-*)
 *   /var/run/drbd[/...] -> RUN_DIR/run/drbd[/...]    (also /run/drbd)
 *   /var/lib/drbd[/...] -> RUN_DIR/lib/drbd[/...]
 *   backing files (DRBD_UM_BDEVS) opened O_EXCL -> exclusive claim (shim_blk.c)
 * Relative paths and everything else pass through unchanged.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim.h"

REAL_SLOT(openat);
REAL_SLOT(close);
REAL_SLOT(fclose);
REAL_SLOT(fopen);
REAL_SLOT(fopen64);
REAL_SLOT(dup);
REAL_SLOT(dup2);
REAL_SLOT(dup3);
REAL_SLOT(fcntl);
REAL_SLOT(access);
REAL_SLOT(faccessat);
REAL_SLOT(unlink);
REAL_SLOT(unlinkat);
REAL_SLOT(mkdir);
REAL_SLOT(mkdirat);
REAL_SLOT(rmdir);
REAL_SLOT(symlink);
REAL_SLOT(symlinkat);
REAL_SLOT(readlink);
REAL_SLOT(readlinkat);
REAL_SLOT(rename);
REAL_SLOT(renameat);
REAL_SLOT(opendir);

#define NEEDS_MODE(flags) (((flags) & O_CREAT) || ((flags) & __O_TMPFILE) == __O_TMPFILE)

/* ---- open ---------------------------------------------------------------------------- */

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
	struct shim_path sp;
	int fd;

	if (!shim_active())
		return REAL(openat)(dirfd, path, flags, mode);
	if (!shim_map_path(path, true, &sp))
		return -1;
	if (sp.kind == SHIM_PATH_PROC_DRBD)
		return shim_proc_open(flags);
	fd = REAL(openat)(dirfd, sp.path, flags, mode);
	return shim_after_open(fd, flags, &sp);
}

#define VA_MODE(flags, last) ({ mode_t m_ = 0; if (NEEDS_MODE(flags)) { va_list ap_; \
	va_start(ap_, last); m_ = (mode_t)va_arg(ap_, int); va_end(ap_); } m_; })

SHIM_EXPORT int open(const char *path, int flags, ...)
{
	return do_open(AT_FDCWD, path, flags, VA_MODE(flags, flags));
}

SHIM_EXPORT int open64(const char *path, int flags, ...)
{
	return do_open(AT_FDCWD, path, flags | O_LARGEFILE, VA_MODE(flags, flags));
}

SHIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	return do_open(dirfd, path, flags, VA_MODE(flags, flags));
}

SHIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	return do_open(dirfd, path, flags | O_LARGEFILE, VA_MODE(flags, flags));
}

/* _FORTIFY_SOURCE variants (no mode argument by definition). */
SHIM_EXPORT int __open_2(const char *path, int flags);
SHIM_EXPORT int __open_2(const char *path, int flags)
{
	return do_open(AT_FDCWD, path, flags, 0);
}

SHIM_EXPORT int __open64_2(const char *path, int flags);
SHIM_EXPORT int __open64_2(const char *path, int flags)
{
	return do_open(AT_FDCWD, path, flags | O_LARGEFILE, 0);
}

SHIM_EXPORT int __openat_2(int dirfd, const char *path, int flags);
SHIM_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return do_open(dirfd, path, flags, 0);
}

SHIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags);
SHIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return do_open(dirfd, path, flags | O_LARGEFILE, 0);
}

SHIM_EXPORT int creat(const char *path, mode_t mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SHIM_EXPORT int creat64(const char *path, mode_t mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE, mode);
}

/* open(2) flags equivalent to an fopen() mode string. */
static int fopen_flags(const char *mode)
{
	int flags;
	const char *c;

	switch (mode[0]) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default: return -1;
	}
	for (c = mode + 1; *c && *c != ','; c++) {
		if (*c == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*c == 'e')
			flags |= O_CLOEXEC;
		else if (*c == 'x')
			flags |= O_EXCL;
	}
	return flags;
}

static FILE *do_fopen(const char *path, const char *mode, bool large)
{
	FILE *(*real)(const char *, const char *) = large ? REAL(fopen64) : REAL(fopen);
	struct shim_path sp;
	FILE *f;
	int flags, fd;

	if (!shim_active() || !path || !mode)
		return real(path, mode);
	if (!shim_map_path(path, true, &sp))
		return NULL;
	if (sp.kind != SHIM_PATH_PROC_DRBD) {
		f = real(sp.path, mode);
		if (f && shim_after_open(fileno(f), 0, &sp) < 0) {
			REAL(fclose)(f);
			return NULL;
		}
		return f;
	}
	flags = fopen_flags(mode);
	if (flags < 0) {
		errno = EINVAL;
		return NULL;
	}
	fd = shim_proc_open(flags);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f) {
		int err = errno;

		shim_fd_clear(fd);
		REAL(close)(fd);
		errno = err;
	}
	return f;
}

SHIM_EXPORT FILE *fopen(const char *restrict path, const char *restrict mode)
{
	return do_fopen(path, mode, false);
}

SHIM_EXPORT FILE *fopen64(const char *restrict path, const char *restrict mode)
{
	return do_fopen(path, mode, true);
}

/* ---- descriptor bookkeeping --------------------------------------------------------- */

SHIM_EXPORT int close(int fd)
{
	shim_fd_clear(fd);
	return REAL(close)(fd);
}

SHIM_EXPORT int fclose(FILE *f)
{
	if (f && shim_active()) {
		int fd = fileno(f);

		if (fd >= 0)
			shim_fd_clear(fd);
	}
	return REAL(fclose)(f);
}

SHIM_EXPORT int dup(int fd)
{
	int n = REAL(dup)(fd);

	if (n >= 0 && shim_active())
		shim_fd_copy(fd, n);
	return n;
}

SHIM_EXPORT int dup2(int fd, int newfd)
{
	int n = REAL(dup2)(fd, newfd);

	if (n >= 0 && shim_active())
		shim_fd_copy(fd, n);
	return n;
}

SHIM_EXPORT int dup3(int fd, int newfd, int flags)
{
	int n = REAL(dup3)(fd, newfd, flags);

	if (n >= 0 && shim_active())
		shim_fd_copy(fd, n);
	return n;
}

static int do_fcntl(int fd, int cmd, void *arg)
{
	int n = REAL(fcntl)(fd, cmd, arg);

	if (n >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && shim_active())
		shim_fd_copy(fd, n);
	return n;
}

/* The argument is an int or a pointer; both travel in one register/slot of the va_list. */
SHIM_EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return do_fcntl(fd, cmd, arg);
}

SHIM_EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return do_fcntl(fd, cmd, arg);
}

/* ---- path calls ---------------------------------------------------------------------- */

/* Path for calls that only need the lock/run/lib redirections. NULL: errno set. */
static const char *redir(const char *path, struct shim_path *sp)
{
	if (!shim_active() || !path)
		return path;
	if (!shim_map_path(path, false, sp))
		return NULL;
	return sp->kind == SHIM_PATH_REDIRECT ? sp->path : path;
}

static int proc_access(int mode)
{
	if (mode & (W_OK | X_OK)) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

SHIM_EXPORT int access(const char *path, int mode)
{
	struct shim_path sp;

	if (!shim_active())
		return REAL(access)(path, mode);
	if (!shim_map_path(path, true, &sp))
		return -1;
	if (sp.kind == SHIM_PATH_PROC_DRBD)
		return proc_access(mode);
	return REAL(access)(sp.path, mode);
}

SHIM_EXPORT int faccessat(int dirfd, const char *path, int mode, int flags)
{
	struct shim_path sp;

	if (!shim_active())
		return REAL(faccessat)(dirfd, path, mode, flags);
	if (!shim_map_path(path, true, &sp))
		return -1;
	if (sp.kind == SHIM_PATH_PROC_DRBD)
		return proc_access(mode);
	return REAL(faccessat)(dirfd, sp.path, mode, flags);
}

#define REDIR_OR_FAIL(var, path, sp) const char *var = redir(path, sp); if (!var) return -1

SHIM_EXPORT int unlink(const char *path)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(unlink)(p);
}

SHIM_EXPORT int unlinkat(int dirfd, const char *path, int flags)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(unlinkat)(dirfd, p, flags);
}

SHIM_EXPORT int mkdir(const char *path, mode_t mode)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(mkdir)(p, mode);
}

SHIM_EXPORT int mkdirat(int dirfd, const char *path, mode_t mode)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(mkdirat)(dirfd, p, mode);
}

SHIM_EXPORT int rmdir(const char *path)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(rmdir)(p);
}

/* The link's own path is mapped; its target text is stored as given. */
SHIM_EXPORT int symlink(const char *target, const char *linkpath)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, linkpath, &sp);

	return REAL(symlink)(target, p);
}

SHIM_EXPORT int symlinkat(const char *target, int dirfd, const char *linkpath)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, linkpath, &sp);

	return REAL(symlinkat)(target, dirfd, p);
}

SHIM_EXPORT ssize_t readlink(const char *restrict path, char *restrict buf, size_t len)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(readlink)(p, buf, len);
}

SHIM_EXPORT ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
			       size_t len)
{
	struct shim_path sp;
	REDIR_OR_FAIL(p, path, &sp);

	return REAL(readlinkat)(dirfd, p, buf, len);
}

SHIM_EXPORT int rename(const char *from, const char *to)
{
	struct shim_path sp_from, sp_to;
	REDIR_OR_FAIL(f, from, &sp_from);
	REDIR_OR_FAIL(t, to, &sp_to);

	return REAL(rename)(f, t);
}

SHIM_EXPORT int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	struct shim_path sp_from, sp_to;
	REDIR_OR_FAIL(f, from, &sp_from);
	REDIR_OR_FAIL(t, to, &sp_to);

	return REAL(renameat)(fromfd, f, tofd, t);
}

SHIM_EXPORT DIR *opendir(const char *path)
{
	struct shim_path sp;
	const char *p = redir(path, &sp);

	return p ? REAL(opendir)(p) : NULL;
}
