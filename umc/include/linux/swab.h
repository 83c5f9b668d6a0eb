/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UMC_LINUX_SWAB_H
#define _UMC_LINUX_SWAB_H
#include <linux/types.h>
#define swab16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#define swab32(x) ((__u32)__builtin_bswap32((__u32)(x)))
#define swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))
#define __swab16 swab16
#define __swab32 swab32
#define __swab64 swab64
static inline __u32 swahw32(__u32 x) { return (x << 16) | (x >> 16); }
static inline __u32 swahb32(__u32 x) { return ((x & 0x00ff00ffU) << 8) | ((x & 0xff00ff00U) >> 8); }
static inline void swab16s(__u16 *p) { *p = swab16(*p); }
static inline void swab32s(__u32 *p) { *p = swab32(*p); }
static inline void swab64s(__u64 *p) { *p = swab64(*p); }
#endif
