/* SPDX-License-Identifier: GPL-2.0 */
/* linux/major.h - the block major numbers umc's users register (header-only). */
#ifndef _UMC_LINUX_MAJOR_H
#define _UMC_LINUX_MAJOR_H

#define UNNAMED_MAJOR 0
#define LOOP_MAJOR 7
#define DRBD_MAJOR 147
#define BLOCK_EXT_MAJOR 259

#endif
