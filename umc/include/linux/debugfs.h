/* SPDX-License-Identifier: GPL-2.0 */
/* linux/debugfs.h - CONFIG_DEBUG_FS is off in umc: there is no debugfs. drbd_debugfs.h
 * provides its own empty inline functions in that case and drbd_debugfs.c is not built;
 * only the types its declarations mention are here. */
#ifndef _UMC_LINUX_DEBUGFS_H
#define _UMC_LINUX_DEBUGFS_H

#include <linux/types.h>

struct dentry;
struct file_operations;

#endif
