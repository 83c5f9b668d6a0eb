/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/crc32c.h - CRC-32C (Castagnoli, reflected polynomial 0x82f63b78), umc/src/crc32c.c.
 *
 * crc32c(crc, p, len) has the kernel's lib/libcrc32c.c semantics: it continues the raw CRC
 * register @crc over @len bytes with NO initial or final inversion (the "crc32c" shash adds
 * them: seed ~0 and ~crc at final). So the standard CRC-32C of a buffer is
 * ~crc32c(~0, p, len), and DRBD's activity-log checksum crc32c(0, buf, 4096) is the raw
 * register value drbdmeta computes the same way. Pure function; SSE4.2 when available.
 */
#ifndef _UMC_LINUX_CRC32C_H
#define _UMC_LINUX_CRC32C_H

#include <linux/types.h>

u32 crc32c(u32 crc, const void *address, unsigned int length);
/* __crc32c_le - the same raw update under the kernel's lib/crc32.c name. */
u32 __crc32c_le(u32 crc, const unsigned char *p, size_t len);
/* crc32c_impl - "crc32c-sse4.2" or "crc32c-slice8": which implementation runs. */
const char *crc32c_impl(void);

#endif
