/* SPDX-License-Identifier: GPL-2.0 */
/* linux/backing-dev.h - struct backing_dev_info (defined with the disk in linux/blkdev.h:
 * readahead and I/O size hints, set by disk_update_readahead()). No writeback in umc. */
#ifndef _UMC_LINUX_BACKING_DEV_H
#define _UMC_LINUX_BACKING_DEV_H

#include <linux/blkdev.h>

#define VM_READAHEAD_PAGES ((128 * 1024) / PAGE_SIZE)

#endif
