// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_digest.c - the "md5", "sha1", "sha224", "sha256", "sha384" and "sha512" shash
 * algorithms. The computation is OpenSSL's, reached through the host adapter
 * (host/digest_backend.h); the whole running state lives in the desc context, so a
 * SHASH_DESC_ON_STACK desc needs no allocation. Unkeyed (setkey: -ENOSYS). Any context.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <crypto/hash.h>
#include "crypto_internal.h"
#include "host/digest_backend.h"

_Static_assert(sizeof(struct shash_desc) + UMC_DIGEST_STATE_MAX <= HASH_MAX_DESCSIZE,
	       "digest state must fit SHASH_DESC_ON_STACK");

struct digest_alg {
	int backend; /* enum umc_digest_alg */
	struct shash_alg alg;
};

static int backend_of(struct crypto_shash *tfm)
{
	return container_of(crypto_shash_alg(tfm), struct digest_alg, alg)->backend;
}

static int digest_init(struct shash_desc *desc)
{
	umc_digest_init(backend_of(desc->tfm), shash_desc_ctx(desc));
	return 0;
}

static int digest_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	umc_digest_update(backend_of(desc->tfm), shash_desc_ctx(desc), data, len);
	return 0;
}

static int digest_final(struct shash_desc *desc, u8 *out)
{
	umc_digest_final(backend_of(desc->tfm), shash_desc_ctx(desc), out);
	return 0;
}

static int digest_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	int b = backend_of(desc->tfm);

	umc_digest_update(b, shash_desc_ctx(desc), data, len);
	umc_digest_final(b, shash_desc_ctx(desc), out);
	return 0;
}

static int digest_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	int b = backend_of(desc->tfm);

	umc_digest_init(b, shash_desc_ctx(desc));
	umc_digest_update(b, shash_desc_ctx(desc), data, len);
	umc_digest_final(b, shash_desc_ctx(desc), out);
	return 0;
}

static int digest_export(struct shash_desc *desc, void *out)
{
	memcpy(out, shash_desc_ctx(desc), crypto_shash_descsize(desc->tfm));
	return 0;
}

static int digest_import(struct shash_desc *desc, const void *in)
{
	memcpy(shash_desc_ctx(desc), in, crypto_shash_descsize(desc->tfm));
	return 0;
}

#define DIGEST_ALG(var, id, name, dsize, bsize, state) \
	static struct digest_alg var = { \
		.backend = id, \
		.alg = { \
			.init = digest_init, \
			.update = digest_update, \
			.final = digest_final, \
			.finup = digest_finup, \
			.digest = digest_digest, \
			.export = digest_export, \
			.import = digest_import, \
			.setkey = umc_shash_no_setkey, \
			.descsize = state, \
			.digestsize = dsize, \
			.statesize = state, \
			.base = { \
				.cra_name = name, \
				.cra_driver_name = name "-openssl", \
				.cra_priority = 300, \
				.cra_flags = CRYPTO_ALG_TYPE_SHASH, \
				.cra_blocksize = bsize, \
			}, \
		}, \
	}

DIGEST_ALG(md5_alg, UMC_DIGEST_MD5, "md5", 16, 64, UMC_DIGEST_MD5_STATE);
DIGEST_ALG(sha1_alg, UMC_DIGEST_SHA1, "sha1", 20, 64, UMC_DIGEST_SHA1_STATE);
DIGEST_ALG(sha224_alg, UMC_DIGEST_SHA224, "sha224", 28, 64, UMC_DIGEST_SHA256_STATE);
DIGEST_ALG(sha256_alg, UMC_DIGEST_SHA256, "sha256", 32, 64, UMC_DIGEST_SHA256_STATE);
DIGEST_ALG(sha384_alg, UMC_DIGEST_SHA384, "sha384", 48, 128, UMC_DIGEST_SHA512_STATE);
DIGEST_ALG(sha512_alg, UMC_DIGEST_SHA512, "sha512", 64, 128, UMC_DIGEST_SHA512_STATE);

struct shash_alg *const umc_digest_algs[] = {
	&md5_alg.alg, &sha1_alg.alg, &sha224_alg.alg, &sha256_alg.alg,
	&sha384_alg.alg, &sha512_alg.alg, NULL,
};
