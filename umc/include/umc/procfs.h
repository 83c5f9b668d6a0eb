/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/procfs.h - reading the in-process /proc (umc/src/procfs.c) from the daemon or FUSE.
 * Usable from host-world code. Paths are relative to /proc ("drbd"); a leading "/proc/" or
 * "/" is accepted. Call from a thread known to umc; may sleep (runs the entry's show
 * function, which takes DRBD's locks).
 */
#ifndef _UMC_UMC_PROCFS_H
#define _UMC_UMC_PROCFS_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stddef.h>
#endif

/*
 * umc_proc_read - run the show function of @path into a buffer that grows until the output
 * fits. *@buf (free it with umc_proc_free) holds *@len bytes plus a NUL. Returns 0,
 * -ENOENT, -EISDIR, -ENOMEM or the show function's error.
 */
int umc_proc_read(const char *path, char **buf, size_t *len);
void umc_proc_free(char *buf);
/* umc_proc_stat - 0 and the mode (S_IFREG|perm or S_IFDIR|perm) of @path, or -ENOENT. */
int umc_proc_stat(const char *path, unsigned int *mode);
/* umc_proc_readdir - call @fn for each entry of directory @path ("" = root) until it
 * returns non-zero (returned). -ENOENT / -ENOTDIR for a bad @path. */
int umc_proc_readdir(const char *path, int (*fn)(void *ctx, const char *name, unsigned int mode),
		     void *ctx);

#endif
