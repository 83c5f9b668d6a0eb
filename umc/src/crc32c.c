// SPDX-License-Identifier: GPL-2.0
/*
 * crc32c.c - CRC-32C and CRC-32: the library functions crc32c(), __crc32c_le(), crc32_le()
 * and the "crc32c" and "crc32" shash algorithms.
 *
 * Both CRCs are reflected (LSB-first) and computed as a raw register update without
 * inversion; the shash wrappers add the kernel's conventions:
 *   "crc32c": key (seed) ~0 unless set, final = ~crc, little endian (= standard CRC-32C)
 *   "crc32":  key (seed) 0 unless set, final = crc as is, little endian (no inversion at
 *             all, as the kernel's crc32_generic)
 * The CRC-32C register update uses the SSE4.2 crc32 instruction when the CPU has it (three
 * interleaved streams for buffers of 4080 bytes and more), else slicing-by-8 tables. The tables are computed
 * by a constructor before main(). Pure computation, any context.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/crc32c.h>
#include <linux/crc32.h>
#include <linux/errno.h>
#include <asm/unaligned.h>
#include "crypto_internal.h"

#define CRC32C_POLY 0x82f63b78u /* Castagnoli, reflected */
#define CRC32_POLY 0xedb88320u  /* IEEE 802.3, reflected */

static u32 crc32c_table[8][256];
static u32 crc32_table[8][256];
static bool crc32c_have_sse42;

static void make_tables(u32 table[8][256], u32 poly)
{
	for (unsigned int i = 0; i < 256; i++) {
		u32 c = i;

		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (poly & -(c & 1));
		table[0][i] = c;
	}
	for (unsigned int i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

static void make_shift_table(void);

__attribute__((constructor)) static void crc_tables_init(void)
{
	make_tables(crc32c_table, CRC32C_POLY);
	make_tables(crc32_table, CRC32_POLY);
	make_shift_table();
	__builtin_cpu_init();
	crc32c_have_sse42 = __builtin_cpu_supports("sse4.2");
}

static u32 slice8(const u32 t[8][256], u32 crc, const u8 *p, size_t len)
{
	while (len && ((uintptr_t)p & 7)) {
		crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
		len--;
	}
	while (len >= 8) {
		u64 w = get_unaligned_le64(p) ^ crc;

		crc = t[7][w & 0xff] ^ t[6][(w >> 8) & 0xff] ^ t[5][(w >> 16) & 0xff] ^
		      t[4][(w >> 24) & 0xff] ^ t[3][(w >> 32) & 0xff] ^ t[2][(w >> 40) & 0xff] ^
		      t[1][(w >> 48) & 0xff] ^ t[0][w >> 56];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

u32 umc_crc32c_slice8(u32 crc, const void *p, size_t len)
{
	return slice8(crc32c_table, crc, p, len);
}

bool umc_crc32c_hw_available(void)
{
	return crc32c_have_sse42;
}

/*
 * SSE4.2: the crc32 instruction takes 8 bytes per step but has a latency of 3 cycles, so
 * buffers of at least 3 * STREAM bytes are hashed as three independent streams that the CPU
 * overlaps, then joined: for the raw register, crc(x, A || B) = shift(crc(x, A), |B|) ^
 * crc(0, B), where shift(v, n) runs v through n zero bytes. shift by STREAM bytes is linear
 * in v and tabulated per input byte (crc32c_shift_table, built by the constructor).
 */
#define STREAM 1360 /* 3 * 1360 = 4080: a 4 KiB block is one round plus 16 bytes */

static u32 crc32c_shift_table[4][256];

__attribute__((target("sse4.2"))) static u32 hw_seq(u32 crc, const u8 *p, size_t len)
{
	u64 c;

	while (len && ((uintptr_t)p & 7)) {
		crc = __builtin_ia32_crc32qi(crc, *p++);
		len--;
	}
	c = crc;
	while (len >= 8) {
		c = __builtin_ia32_crc32di(c, get_unaligned_le64(p));
		p += 8;
		len -= 8;
	}
	crc = (u32)c;
	while (len--)
		crc = __builtin_ia32_crc32qi(crc, *p++);
	return crc;
}

static inline u32 shift_stream(u32 v)
{
	return crc32c_shift_table[0][v & 0xff] ^ crc32c_shift_table[1][(v >> 8) & 0xff] ^
	       crc32c_shift_table[2][(v >> 16) & 0xff] ^ crc32c_shift_table[3][v >> 24];
}

__attribute__((target("sse4.2"))) static u32 hw_bytes(u32 crc, const u8 *p, size_t len)
{
	while (len >= 3 * STREAM) {
		u64 c0 = crc, c1 = 0, c2 = 0;

		for (size_t i = 0; i < STREAM; i += 8) {
			c0 = __builtin_ia32_crc32di(c0, get_unaligned_le64(p + i));
			c1 = __builtin_ia32_crc32di(c1, get_unaligned_le64(p + STREAM + i));
			c2 = __builtin_ia32_crc32di(c2, get_unaligned_le64(p + 2 * STREAM + i));
		}
		crc = shift_stream(shift_stream((u32)c0) ^ (u32)c1) ^ (u32)c2;
		p += 3 * STREAM;
		len -= 3 * STREAM;
	}
	return hw_seq(crc, p, len);
}

static void make_shift_table(void)
{
	static const u8 zeros[STREAM];

	for (int j = 0; j < 4; j++)
		for (unsigned int b = 0; b < 256; b++)
			crc32c_shift_table[j][b] = slice8(crc32c_table, b << (8 * j), zeros, STREAM);
}

u32 umc_crc32c_hw(u32 crc, const void *p, size_t len)
{
	return hw_bytes(crc, p, len);
}

u32 __crc32c_le(u32 crc, const unsigned char *p, size_t len)
{
	if (crc32c_have_sse42)
		return hw_bytes(crc, p, len);
	return slice8(crc32c_table, crc, p, len);
}

u32 crc32c(u32 crc, const void *address, unsigned int length)
{
	return __crc32c_le(crc, address, length);
}

const char *crc32c_impl(void)
{
	return crc32c_have_sse42 ? "crc32c-sse4.2" : "crc32c-slice8";
}

u32 crc32_le(u32 crc, const unsigned char *p, size_t len)
{
	return slice8(crc32_table, crc, p, len);
}

/* ---- shash wrappers: tfm context = u32 seed, desc context = u32 register ---- */

static int crc32c_cra_init(struct crypto_tfm *tfm)
{
	*(u32 *)crypto_tfm_ctx(tfm) = ~0u;
	return 0;
}

static int crc32_cra_init(struct crypto_tfm *tfm)
{
	*(u32 *)crypto_tfm_ctx(tfm) = 0;
	return 0;
}

static int crc_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen)
{
	if (keylen != sizeof(u32))
		return -EINVAL;
	*(u32 *)crypto_shash_ctx(tfm) = get_unaligned_le32(key);
	return 0;
}

static int crc_init(struct shash_desc *desc)
{
	*(u32 *)shash_desc_ctx(desc) = *(u32 *)crypto_shash_ctx(desc->tfm);
	return 0;
}

static int crc_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), sizeof(u32));
	return 0;
}

static int crc_import(struct shash_desc *desc, const void *in)
{
	memcpy(shash_desc_ctx(desc), in, sizeof(u32));
	return 0;
}

static int crc32c_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	u32 *crc = shash_desc_ctx(desc);

	*crc = __crc32c_le(*crc, data, len);
	return 0;
}

static int crc32c_final(struct shash_desc *desc, u8 *out)
{
	put_unaligned_le32(~*(u32 *)shash_desc_ctx(desc), out);
	return 0;
}

static int crc32c_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	put_unaligned_le32(~__crc32c_le(*(u32 *)shash_desc_ctx(desc), data, len), out);
	return 0;
}

static int crc32c_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	put_unaligned_le32(~__crc32c_le(*(u32 *)crypto_shash_ctx(desc->tfm), data, len), out);
	return 0;
}

static int crc32_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	u32 *crc = shash_desc_ctx(desc);

	*crc = crc32_le(*crc, data, len);
	return 0;
}

static int crc32_final(struct shash_desc *desc, u8 *out)
{
	put_unaligned_le32(*(u32 *)shash_desc_ctx(desc), out);
	return 0;
}

static int crc32_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	put_unaligned_le32(crc32_le(*(u32 *)shash_desc_ctx(desc), data, len), out);
	return 0;
}

static int crc32_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	put_unaligned_le32(crc32_le(*(u32 *)crypto_shash_ctx(desc->tfm), data, len), out);
	return 0;
}

struct shash_alg umc_crc32c_alg = {
	.init = crc_init,
	.update = crc32c_update,
	.final = crc32c_final,
	.finup = crc32c_finup,
	.digest = crc32c_digest,
	.export = crc_export,
	.import = crc_import,
	.setkey = crc_setkey,
	.descsize = sizeof(u32),
	.digestsize = 4,
	.statesize = sizeof(u32),
	.base = {
		.cra_name = "crc32c",
		.cra_driver_name = "crc32c-umc",
		.cra_priority = 200,
		.cra_flags = CRYPTO_ALG_TYPE_SHASH | CRYPTO_ALG_OPTIONAL_KEY,
		.cra_blocksize = 1,
		.cra_ctxsize = sizeof(u32),
		.cra_init = crc32c_cra_init,
	},
};

struct shash_alg umc_crc32_alg = {
	.init = crc_init,
	.update = crc32_update,
	.final = crc32_final,
	.finup = crc32_finup,
	.digest = crc32_digest,
	.export = crc_export,
	.import = crc_import,
	.setkey = crc_setkey,
	.descsize = sizeof(u32),
	.digestsize = 4,
	.statesize = sizeof(u32),
	.base = {
		.cra_name = "crc32",
		.cra_driver_name = "crc32-umc",
		.cra_priority = 100,
		.cra_flags = CRYPTO_ALG_TYPE_SHASH | CRYPTO_ALG_OPTIONAL_KEY,
		.cra_blocksize = 1,
		.cra_ctxsize = sizeof(u32),
		.cra_init = crc32_cra_init,
	},
};
