/* SPDX-License-Identifier: GPL-2.0 */
/*
 * digest_backend.h - the narrow interface between umc's kernel-world crypto
 * (umc/src/crypto_digest.c) and the host-world digest implementation
 * (umc/src/host/digest_openssl.c, OpenSSL libcrypto). Basic C types only, so it compiles in
 * both worlds. The running state of a digest is an opaque block of memory of
 * UMC_DIGEST_*_STATE bytes, 8-byte aligned, owned by the caller (it lives in a shash desc):
 * no allocation, no I/O, no locks; every function may be called from any thread.
 */
#ifndef _UMC_DIGEST_BACKEND_H
#define _UMC_DIGEST_BACKEND_H

enum umc_digest_alg {
	UMC_DIGEST_MD5,
	UMC_DIGEST_SHA1,
	UMC_DIGEST_SHA224,
	UMC_DIGEST_SHA256,
	UMC_DIGEST_SHA384,
	UMC_DIGEST_SHA512,
	UMC_DIGEST_COUNT
};

/* State sizes (bytes): checked against the library's structures by the adapter. */
#define UMC_DIGEST_MD5_STATE 92
#define UMC_DIGEST_SHA1_STATE 96
#define UMC_DIGEST_SHA256_STATE 112 /* also SHA-224 */
#define UMC_DIGEST_SHA512_STATE 216 /* also SHA-384 */
#define UMC_DIGEST_STATE_MAX 216

/* umc_digest_init - start a digest of @alg in @state. */
void umc_digest_init(int alg, void *state);
/* umc_digest_update - hash @len bytes at @data. */
void umc_digest_update(int alg, void *state, const void *data, unsigned long len);
/* umc_digest_final - write the digest (digest size of @alg) to @out; @state is spent. */
void umc_digest_final(int alg, void *state, unsigned char *out);
/* umc_digest_impl - a short name of the implementation, e.g. "openssl-3.0.11". */
const char *umc_digest_impl(void);

#endif
