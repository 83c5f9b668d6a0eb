/* SPDX-License-Identifier: GPL-2.0 */
/* linux/unistd.h - system call numbers. umc code makes no system calls (the host is reached
 * through sys_service), so there are none here; DRBD includes the header without using it. */
#ifndef _UMC_LINUX_UNISTD_H
#define _UMC_LINUX_UNISTD_H

#endif
