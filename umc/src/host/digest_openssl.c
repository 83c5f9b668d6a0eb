// SPDX-License-Identifier: GPL-2.0
/*
 * digest_openssl.c - host-world digest backend of umc's shash crypto (digest_backend.h),
 * on OpenSSL libcrypto's one-shot-state APIs (MD5_CTX, SHA_CTX, SHA256_CTX, SHA512_CTX).
 * Those APIs are deprecated in OpenSSL 3 in favour of EVP, but EVP contexts must be
 * allocated and freed, and a shash desc on the stack has no destructor; the structure APIs
 * keep the whole state in caller memory and run the same assembly (SHA-NI, AVX2).
 * Pure computation: no I/O, no allocation, no global state.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <stdalign.h>
#include "digest_backend.h"

_Static_assert(sizeof(MD5_CTX) == UMC_DIGEST_MD5_STATE, "MD5_CTX size");
_Static_assert(sizeof(SHA_CTX) == UMC_DIGEST_SHA1_STATE, "SHA_CTX size");
_Static_assert(sizeof(SHA256_CTX) == UMC_DIGEST_SHA256_STATE, "SHA256_CTX size");
_Static_assert(sizeof(SHA512_CTX) == UMC_DIGEST_SHA512_STATE, "SHA512_CTX size");
_Static_assert(alignof(SHA512_CTX) <= 8 && alignof(MD5_CTX) <= 8, "state alignment");

void umc_digest_init(int alg, void *state)
{
	switch (alg) {
	case UMC_DIGEST_MD5: MD5_Init(state); break;
	case UMC_DIGEST_SHA1: SHA1_Init(state); break;
	case UMC_DIGEST_SHA224: SHA224_Init(state); break;
	case UMC_DIGEST_SHA256: SHA256_Init(state); break;
	case UMC_DIGEST_SHA384: SHA384_Init(state); break;
	case UMC_DIGEST_SHA512: SHA512_Init(state); break;
	}
}

void umc_digest_update(int alg, void *state, const void *data, unsigned long len)
{
	switch (alg) {
	case UMC_DIGEST_MD5: MD5_Update(state, data, len); break;
	case UMC_DIGEST_SHA1: SHA1_Update(state, data, len); break;
	case UMC_DIGEST_SHA224: SHA224_Update(state, data, len); break;
	case UMC_DIGEST_SHA256: SHA256_Update(state, data, len); break;
	case UMC_DIGEST_SHA384: SHA384_Update(state, data, len); break;
	case UMC_DIGEST_SHA512: SHA512_Update(state, data, len); break;
	}
}

void umc_digest_final(int alg, void *state, unsigned char *out)
{
	switch (alg) {
	case UMC_DIGEST_MD5: MD5_Final(out, state); break;
	case UMC_DIGEST_SHA1: SHA1_Final(out, state); break;
	case UMC_DIGEST_SHA224: SHA224_Final(out, state); break;
	case UMC_DIGEST_SHA256: SHA256_Final(out, state); break;
	case UMC_DIGEST_SHA384: SHA384_Final(out, state); break;
	case UMC_DIGEST_SHA512: SHA512_Final(out, state); break;
	}
}

const char *umc_digest_impl(void)
{
	return OPENSSL_VERSION_TEXT;
}
