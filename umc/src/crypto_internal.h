/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypto_internal.h - what umc's crypto files share (crc32c.c, crypto.c, crypto_digest.c),
 * and the two crc32c implementations for tests and benchmarks. Not kernel API.
 */
#ifndef _UMC_SRC_CRYPTO_INTERNAL_H
#define _UMC_SRC_CRYPTO_INTERNAL_H

#include <linux/types.h>
#include <crypto/hash.h>

/* The unkeyed-setkey marker: crypto_shash_alg_has_setkey() is false for algorithms using it. */
int umc_shash_no_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen);

/* crc32c.c */
extern struct shash_alg umc_crc32c_alg; /* "crc32c" */
extern struct shash_alg umc_crc32_alg;  /* "crc32" */
/* raw CRC-32C register updates (no inversion): table-driven, and SSE4.2 (only call it when
 * umc_crc32c_hw_available()) */
u32 umc_crc32c_slice8(u32 crc, const void *p, size_t len);
u32 umc_crc32c_hw(u32 crc, const void *p, size_t len);
bool umc_crc32c_hw_available(void);

/* crypto_digest.c: md5, sha1, sha224, sha256, sha384, sha512 (OpenSSL behind the host adapter);
 * NULL-terminated */
extern struct shash_alg *const umc_digest_algs[];

#endif
