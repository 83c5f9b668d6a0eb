// SPDX-License-Identifier: GPL-2.0
/*
 * mount.c - getting the mount point ready: create it, or clear the stale mount a crashed
 * previous instance left there (its FUSE connection is dead: stat() fails with ENOTCONN),
 * and find out early whether this process can mount at all.
 */
#define _GNU_SOURCE
#include "fe_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mte.h"

extern char **environ;

/* Run fusermount3 -u -z @dir and wait for it; its exit status, or -errno. */
static int run_fusermount_unmount(const char *dir)
{
	char *argv[] = { "fusermount3", "-u", "-z", (char *)dir, NULL };
	pid_t pid;
	int status, rc;

	rc = posix_spawnp(&pid, "fusermount3", NULL, NULL, argv, environ);
	if (rc)
		return -rc;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int fe_prepare_mountpoint(const char *dir)
{
	struct stat st;
	int rc;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
	if (errno == ENOENT)
		return mte_mkdir_p(dir, 0700);
	if (errno != ENOTCONN)
		return -errno;
	fe_logf(SYS_LOG_NOTICE, "%s: stale mount of a previous instance, unmounting it", dir);
	rc = run_fusermount_unmount(dir);
	if (rc && geteuid() == 0 && umount2(dir, MNT_DETACH) == 0)
		rc = 0;
	if (rc) {
		fe_logf(SYS_LOG_ERR, "%s: cannot unmount the stale mount (fusermount3: %d)", dir, rc);
		return -EBUSY;
	}
	if (stat(dir, &st) < 0)
		return errno == ENOENT ? mte_mkdir_p(dir, 0700) : -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int fe_check_fuse_device(void)
{
	int fd;

	if (access("/dev/fuse", F_OK) < 0) {
		fe_logf(SYS_LOG_WARNING, "no /dev/fuse: the FUSE mount is not available");
		return -ENODEV;
	}
	fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno != EACCES && errno != EPERM) {
		int e = errno;

		fe_logf(SYS_LOG_WARNING, "/dev/fuse: %s: the FUSE mount is not available",
			strerror(e));
		return -e;
	}
	/* not openable by us: libfuse mounts through the setuid fusermount3 instead */
	return 0;
}
