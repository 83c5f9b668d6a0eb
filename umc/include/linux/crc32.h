/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/crc32.h - CRC-32 (IEEE 802.3, reflected polynomial 0xedb88320), umc/src/crc32c.c.
 * crc32_le continues the raw register @crc with no inversion, as the kernel's lib/crc32.c
 * (the zlib/Ethernet CRC of a buffer is ~crc32_le(~0, p, len)). Pure functions.
 */
#ifndef _UMC_LINUX_CRC32_H
#define _UMC_LINUX_CRC32_H

#include <linux/types.h>
#include <linux/crc32c.h>

u32 crc32_le(u32 crc, const unsigned char *p, size_t len);
#define crc32(seed, data, length) crc32_le(seed, (const unsigned char *)(data), length)

#endif
