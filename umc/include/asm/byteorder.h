/* SPDX-License-Identifier: GPL-2.0 */
/* asm/byteorder.h - little-endian host (x86_64, aarch64): cpu_to_* conversions. */
#ifndef _UMC_ASM_BYTEORDER_H
#define _UMC_ASM_BYTEORDER_H
#include <linux/types.h>
#include <linux/swab.h>
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "umc supports little-endian hosts only"
#endif
#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#define __LITTLE_ENDIAN_BITFIELD
#define cpu_to_le64(x) ((__le64)(__u64)(x))
#define le64_to_cpu(x) ((__u64)(__le64)(x))
#define cpu_to_le32(x) ((__le32)(__u32)(x))
#define le32_to_cpu(x) ((__u32)(__le32)(x))
#define cpu_to_le16(x) ((__le16)(__u16)(x))
#define le16_to_cpu(x) ((__u16)(__le16)(x))
#define cpu_to_be64(x) ((__be64)swab64((x)))
#define be64_to_cpu(x) swab64((__u64)(__be64)(x))
#define cpu_to_be32(x) ((__be32)swab32((x)))
#define be32_to_cpu(x) swab32((__u32)(__be32)(x))
#define cpu_to_be16(x) ((__be16)swab16((x)))
#define be16_to_cpu(x) swab16((__u16)(__be16)(x))
#define __cpu_to_le64 cpu_to_le64
#define __le64_to_cpu le64_to_cpu
#define __cpu_to_le32 cpu_to_le32
#define __le32_to_cpu le32_to_cpu
#define __cpu_to_le16 cpu_to_le16
#define __le16_to_cpu le16_to_cpu
#define __cpu_to_be64 cpu_to_be64
#define __be64_to_cpu be64_to_cpu
#define __cpu_to_be32 cpu_to_be32
#define __be32_to_cpu be32_to_cpu
#define __cpu_to_be16 cpu_to_be16
#define __be16_to_cpu be16_to_cpu
#define htonl(x) cpu_to_be32(x)
#define ntohl(x) be32_to_cpu(x)
#define htons(x) cpu_to_be16(x)
#define ntohs(x) be16_to_cpu(x)
static inline void be32_add_cpu(__be32 *var, u32 val) { *var = cpu_to_be32(be32_to_cpu(*var) + val); }
static inline void be64_add_cpu(__be64 *var, u64 val) { *var = cpu_to_be64(be64_to_cpu(*var) + val); }
static inline void le32_add_cpu(__le32 *var, u32 val) { *var = cpu_to_le32(le32_to_cpu(*var) + val); }
#endif
