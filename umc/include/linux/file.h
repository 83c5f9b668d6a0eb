/* SPDX-License-Identifier: GPL-2.0 */
/* linux/file.h - file reference helpers. DRBD includes it but uses nothing of it: umc has
 * no file table, so there is nothing else here (see linux/fs.h). */
#ifndef _UMC_LINUX_FILE_H
#define _UMC_LINUX_FILE_H

#include <linux/fs.h>

#endif
