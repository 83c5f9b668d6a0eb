/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuse_frontend.h - the FUSE3 mount of drbd-usermode (host world; docs/fuse-frontend.md).
 *
 *   MOUNT/dev/<disk>                       every disk umc's block layer has (DRBD: drbdN), a
 *                                          regular file the size of the device; I/O becomes
 *                                          bios to the driver (direct_io, no page cache)
 *   MOUNT/proc/<entry>                     umc's /proc (drbd), read at open
 *   MOUNT/sys/module/<m>/parameters/<p>    module parameters, writable where perm allows
 *
 * One front end per process. Both calls must come from a thread known to umc (the daemon's
 * main thread), after umc_init() and the module init; they sleep.
 */
#ifndef DRBDUM_FUSE_FRONTEND_H
#define DRBDUM_FUSE_FRONTEND_H

#include <stdbool.h>

struct fuse_frontend_opts {
	const char *mountpoint; /* created if missing (mode 0700) */
	/* -o allow_other,default_permissions: other users may use the mount as the file modes
	 * allow (for a user, /etc/fuse.conf needs user_allow_other). Off by default. */
	bool allow_other;
	unsigned int dev_mode;  /* permission bits of device files (0: 0600) */
	unsigned int threads;   /* FUSE worker threads (0: 2) */
	bool no_clone_fd;       /* workers share one /dev/fuse descriptor */
};

/*
 * fuse_frontend_start - mount and serve. A stale mount left at the mount point by a crashed
 * instance (stat fails with ENOTCONN) is unmounted first (fusermount3 -u -z). Returns 0,
 * -EBUSY (already started), -ENODEV (no /dev/fuse), -EPERM/-EACCES (mounting refused), -EIO
 * (mount failed, reason logged), -ENOTDIR, -ENOMEM.
 */
int fuse_frontend_start(const struct fuse_frontend_opts *o);
/*
 * fuse_frontend_stop - stop serving: wait for I/O in flight to be answered, unmount (lazily:
 * programs still holding files get ENOTCONN), close the disks the mount had open. No-op if
 * not started.
 */
void fuse_frontend_stop(void);

#endif
