// SPDX-License-Identifier: GPL-2.0
/*
 * shim_proc.c - /proc/drbd.
 *
 * stat() of /proc/drbd succeeds whenever the shim is active, so drbdsetup-84 and drbdmeta never
 * run "/sbin/modprobe drbd": the daemon plays the loaded module. Opening it asks the daemon for
 * the text DRBD's drbd_seq_show() produces (DRBD_UM_MSG_PROC_READ on a connection of its own)
 * and returns a sealed memfd holding it, so read(), fgets(), fscanf() and mmap() all work. If
 * the daemon is unreachable the open fails with ENOENT, as it does with the module unloaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shim.h"
#include "control_proto.h"

REAL_SLOT(stat);
REAL_SLOT(close);
REAL_SLOT(send);
REAL_SLOT(recv);
REAL_SLOT(write);

/* Inode number reported for /proc/drbd (procfs numbers are dynamic anyway). */
#define SHIM_PROC_INO 0x44524244u

void shim_proc_stat(struct stat *st)
{
	struct timespec now;
	struct stat proc;

	memset(st, 0, sizeof(*st));
	if (REAL(stat)("/proc", &proc) == 0)
		st->st_dev = proc.st_dev;
	clock_gettime(CLOCK_REALTIME, &now);
	st->st_ino = SHIM_PROC_INO;
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = 1;
	st->st_blksize = 1024;
	st->st_atim = now;
	st->st_mtim = now;
	st->st_ctim = now;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = REAL(write)(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Ask the daemon for /proc/@name and copy the answer into @memfd. 0 or -1 with errno. */
static int proc_fetch(const char *name, int memfd)
{
	union {
		struct nlmsghdr nlh;
		char bytes[NLMSG_HDRLEN + DRBD_UM_DATA_MAX];
	} buf;
	struct drbd_um_proc_read *req = (struct drbd_um_proc_read *)(buf.bytes + NLMSG_HDRLEN);
	struct drbd_um_hello hello;
	size_t name_len = strlen(name) + 1;
	int sock, ret = -1, err = EIO;

	sock = shim_control_connect(true, &hello);
	if (sock < 0)
		return -1;

	memset(buf.bytes, 0, NLMSG_SPACE(sizeof(*req) + name_len));
	drbd_um_msg_init(&buf.nlh, DRBD_UM_MSG_PROC_READ, sizeof(*req) + name_len);
	memcpy(req->path, name, name_len);
	if (REAL(send)(sock, buf.bytes, NLMSG_ALIGN(buf.nlh.nlmsg_len), MSG_NOSIGNAL) < 0) {
		err = errno;
		goto out;
	}
	for (;;) {
		ssize_t n = REAL(recv)(sock, buf.bytes, sizeof(buf.bytes), 0);
		const struct drbd_um_status *status;
		const void *data;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : ECONNRESET;
			break;
		}
		data = drbd_um_msg_payload(buf.bytes, (size_t)n, DRBD_UM_MSG_DATA, 0);
		if (data) {
			if (write_all(memfd, data, drbd_um_msg_payload_len(buf.bytes)) < 0) {
				err = errno;
				break;
			}
			continue;
		}
		status = drbd_um_msg_payload(buf.bytes, (size_t)n, DRBD_UM_MSG_STATUS,
					     sizeof(*status));
		if (!status) {
			err = EPROTO;
			break;
		}
		if (status->error < 0) {
			err = -status->error;
			break;
		}
		ret = 0;
		break;
	}
out:
	REAL(close)(sock);
	if (ret)
		errno = err;
	return ret;
}

int shim_proc_open(int flags)
{
	struct shim_fd_info info = { .kind = SHIM_FD_PROC };
	int fd, err;

	if ((flags & O_ACCMODE) != O_RDONLY) {
		errno = EACCES;
		return -1;
	}
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		errno = EEXIST;
		return -1;
	}
	if (flags & O_DIRECTORY) {
		errno = ENOTDIR;
		return -1;
	}
	fd = memfd_create("drbd-usermode:/proc/drbd",
			  MFD_ALLOW_SEALING | ((flags & O_CLOEXEC) ? MFD_CLOEXEC : 0));
	if (fd < 0)
		return -1;
	if (proc_fetch("drbd", fd) < 0) {
		err = errno;
		REAL(close)(fd);
		shim_log_once("cannot read /proc/drbd from the daemon in %s: %s", shim_run_dir(),
			      strerror(err));
		errno = (err == ECONNREFUSED || err == ENOENT) ? ENOENT : err;
		return -1;
	}
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0 ||
	    lseek(fd, 0, SEEK_SET) < 0) {
		err = errno;
		REAL(close)(fd);
		errno = err;
		return -1;
	}
	if (!shim_fd_set(fd, &info))
		shim_log_once("descriptor %d of /proc/drbd beyond %d: not tracked", fd, SHIM_MAX_FD);
	return fd;
}
