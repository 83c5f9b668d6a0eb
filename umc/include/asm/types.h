/* SPDX-License-Identifier: GPL-2.0 */
/* asm/types.h - the fixed-size integer types (__u8 ... __s64), from <linux/types.h>. */
#ifndef _UMC_ASM_TYPES_H
#define _UMC_ASM_TYPES_H

#include <linux/types.h>

#endif
