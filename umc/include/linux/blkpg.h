/* SPDX-License-Identifier: GPL-2.0 */
/* linux/blkpg.h - partition ioctls (BLKPG). DRBD includes it and uses nothing of it; umc
 * disks have no partitions, so only the ioctl number is defined. */
#ifndef _UMC_LINUX_BLKPG_H
#define _UMC_LINUX_BLKPG_H

#define BLKPG 0x1269

#endif
