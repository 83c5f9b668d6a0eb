// SPDX-License-Identifier: GPL-2.0
/*
 * crypto.c - the shash API of <crypto/hash.h>: algorithm lookup by name, transform
 * allocation, the out-of-line shash calls, and the HMAC template (RFC 2104).
 *
 * Algorithms are static tables (crc32c.c, crypto_digest.c); an HMAC instance exists for
 * every digest whose block size is at least its digest size (md5, sha1, sha224, sha256,
 * sha384, sha512), as the kernel's hmac template requires. Lookup accepts cra_name or
 * cra_driver_name, and "hmac(<either of those>)".
 *
 * A transform is one sys->mem_zalloc block (tag "crypto"): struct crypto_shash followed by
 * the algorithm's context. HMAC keeps in its context the inner digest's transform and the
 * digest states after absorbing the ipad and opad blocks, so crypto_shash_init only copies
 * a state and a desc needs no allocation. No function sleeps.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <crypto/hash.h>
#include <sys_service.h>
#include "crypto_internal.h"
#include "host/digest_backend.h"

#define HMAC_IPAD 0x36
#define HMAC_OPAD 0x5c
#define HMAC_MAX 8
#define HMAC_MAX_BLOCK 128

int umc_shash_no_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen)
{
	return -ENOSYS;
}

bool crypto_shash_alg_has_setkey(struct shash_alg *alg)
{
	return alg->setkey != umc_shash_no_setkey;
}

static bool alg_needs_key(struct shash_alg *alg)
{
	return crypto_shash_alg_has_setkey(alg) && !(alg->base.cra_flags & CRYPTO_ALG_OPTIONAL_KEY);
}

/* ---------------------------------------------------------------- HMAC template */

struct hmac_alg {
	struct shash_alg alg;
	struct shash_alg *inner;
};

/* tfm context: the inner transform, then ipad state and opad state (inner descsize each) */
struct hmac_ctx {
	struct crypto_shash *inner;
	u64 states[] __aligned(8);
};

static struct hmac_alg hmac_algs[HMAC_MAX];
static unsigned int hmac_count;

static struct hmac_ctx *hmac_ctx(struct crypto_shash *tfm)
{
	return crypto_shash_ctx(tfm);
}

static void *hmac_ipad(struct hmac_ctx *ctx)
{
	return ctx->states;
}

static void *hmac_opad(struct hmac_ctx *ctx)
{
	return (u8 *)ctx->states + crypto_shash_descsize(ctx->inner);
}

/* the desc context of an hmac desc is a desc of the inner digest */
static struct shash_desc *hmac_inner_desc(struct shash_desc *desc)
{
	return shash_desc_ctx(desc);
}

static int hmac_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen)
{
	struct hmac_ctx *ctx = hmac_ctx(tfm);
	struct crypto_shash *inner = ctx->inner;
	unsigned int bs = crypto_shash_blocksize(inner);
	unsigned int ds = crypto_shash_digestsize(inner);
	u8 pad[HMAC_MAX_BLOCK];
	SHASH_DESC_ON_STACK(d, inner);
	int err;

	d->tfm = inner;
	if (keylen > bs) {
		err = crypto_shash_digest(d, key, keylen, pad);
		if (err)
			return err;
		keylen = ds;
	} else if (keylen) {
		memcpy(pad, key, keylen);
	}
	memset(pad + keylen, 0, bs - keylen);
	for (unsigned int i = 0; i < bs; i++)
		pad[i] ^= HMAC_IPAD;
	err = crypto_shash_init(d) ?: crypto_shash_update(d, pad, bs) ?:
	      crypto_shash_export(d, hmac_ipad(ctx));
	if (!err) {
		for (unsigned int i = 0; i < bs; i++)
			pad[i] ^= HMAC_IPAD ^ HMAC_OPAD;
		err = crypto_shash_init(d) ?: crypto_shash_update(d, pad, bs) ?:
		      crypto_shash_export(d, hmac_opad(ctx));
	}
	memzero_explicit(pad, sizeof(pad));
	shash_desc_zero(d);
	return err;
}

static int hmac_init(struct shash_desc *desc)
{
	struct hmac_ctx *ctx = hmac_ctx(desc->tfm);
	struct shash_desc *in = hmac_inner_desc(desc);

	in->tfm = ctx->inner;
	return crypto_shash_import(in, hmac_ipad(ctx));
}

static int hmac_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	return crypto_shash_update(hmac_inner_desc(desc), data, len);
}

static int hmac_final(struct shash_desc *desc, u8 *out)
{
	struct hmac_ctx *ctx = hmac_ctx(desc->tfm);
	struct shash_desc *in = hmac_inner_desc(desc);
	unsigned int ds = crypto_shash_digestsize(ctx->inner);
	u8 inner_digest[HASH_MAX_DIGESTSIZE];
	int err;

	err = crypto_shash_final(in, inner_digest) ?: crypto_shash_import(in, hmac_opad(ctx)) ?:
	      crypto_shash_finup(in, inner_digest, ds, out);
	memzero_explicit(inner_digest, sizeof(inner_digest));
	return err;
}

static int hmac_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	return hmac_update(desc, data, len) ?: hmac_final(desc, out);
}

static int hmac_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	return hmac_init(desc) ?: hmac_finup(desc, data, len, out);
}

static int hmac_export(struct shash_desc *desc, void *out)
{
	return crypto_shash_export(hmac_inner_desc(desc), out);
}

static int hmac_import(struct shash_desc *desc, const void *in)
{
	struct shash_desc *d = hmac_inner_desc(desc);

	d->tfm = hmac_ctx(desc->tfm)->inner;
	return crypto_shash_import(d, in);
}

static int hmac_init_tfm(struct crypto_shash *tfm)
{
	struct hmac_alg *h = container_of(crypto_shash_alg(tfm), struct hmac_alg, alg);
	struct crypto_shash *inner = crypto_alloc_shash(h->inner->base.cra_driver_name, 0, 0);

	if (IS_ERR(inner))
		return PTR_ERR(inner);
	hmac_ctx(tfm)->inner = inner;
	tfm->descsize = sizeof(struct shash_desc) + crypto_shash_descsize(inner);
	return 0;
}

static void hmac_exit_tfm(struct crypto_shash *tfm)
{
	crypto_free_shash(hmac_ctx(tfm)->inner);
}

static void hmac_instance(struct hmac_alg *h, struct shash_alg *inner)
{
	struct shash_alg *a = &h->alg;

	h->inner = inner;
	a->init = hmac_init;
	a->update = hmac_update;
	a->final = hmac_final;
	a->finup = hmac_finup;
	a->digest = hmac_digest;
	a->export = hmac_export;
	a->import = hmac_import;
	a->setkey = hmac_setkey;
	a->init_tfm = hmac_init_tfm;
	a->exit_tfm = hmac_exit_tfm;
	a->descsize = sizeof(struct shash_desc) + inner->descsize;
	a->digestsize = inner->digestsize;
	a->statesize = inner->statesize;
	a->base.cra_flags = CRYPTO_ALG_TYPE_SHASH;
	a->base.cra_blocksize = inner->base.cra_blocksize;
	a->base.cra_ctxsize = sizeof(struct hmac_ctx) + 2 * inner->descsize;
	a->base.cra_priority = inner->base.cra_priority;
	umc_snprintf(a->base.cra_name, sizeof(a->base.cra_name), "hmac(%s)",
		     inner->base.cra_name);
	umc_snprintf(a->base.cra_driver_name, sizeof(a->base.cra_driver_name), "hmac(%s)",
		     inner->base.cra_driver_name);
}

/* Build the HMAC instances before main(): the tables are then read-only. */
__attribute__((constructor)) static void hmac_instances_init(void)
{
	for (unsigned int i = 0; umc_digest_algs[i]; i++) {
		struct shash_alg *inner = umc_digest_algs[i];

		/* the kernel's template condition: digest no larger than a block */
		if (inner->digestsize > inner->base.cra_blocksize || hmac_count == HMAC_MAX)
			continue;
		hmac_instance(&hmac_algs[hmac_count++], inner);
	}
}

/* ---------------------------------------------------------------- lookup */

static bool name_is(const struct shash_alg *alg, const char *name, size_t len)
{
	return (strlen(alg->base.cra_name) == len && !memcmp(alg->base.cra_name, name, len)) ||
	       (strlen(alg->base.cra_driver_name) == len &&
		!memcmp(alg->base.cra_driver_name, name, len));
}

static struct shash_alg *lookup_plain(const char *name, size_t len)
{
	if (name_is(&umc_crc32c_alg, name, len))
		return &umc_crc32c_alg;
	if (name_is(&umc_crc32_alg, name, len))
		return &umc_crc32_alg;
	for (unsigned int i = 0; umc_digest_algs[i]; i++)
		if (name_is(umc_digest_algs[i], name, len))
			return umc_digest_algs[i];
	return NULL;
}

static struct shash_alg *lookup(const char *name)
{
	size_t len = strnlen(name, CRYPTO_MAX_ALG_NAME);
	struct shash_alg *inner;

	if (len == CRYPTO_MAX_ALG_NAME)
		return NULL;
	if (len > 6 && !memcmp(name, "hmac(", 5) && name[len - 1] == ')') {
		inner = lookup_plain(name + 5, len - 6);
		for (unsigned int i = 0; inner && i < hmac_count; i++)
			if (hmac_algs[i].inner == inner)
				return &hmac_algs[i].alg;
		return NULL;
	}
	return lookup_plain(name, len);
}

int crypto_has_alg(const char *alg_name, u32 type, u32 mask)
{
	struct shash_alg *alg = lookup(alg_name);

	return alg && !((alg->base.cra_flags ^ type) & mask);
}

int crypto_has_shash(const char *alg_name, u32 type, u32 mask)
{
	return crypto_has_alg(alg_name, type, mask);
}

/* ---------------------------------------------------------------- transforms */

struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32 type, u32 mask)
{
	struct shash_alg *alg = lookup(alg_name);
	struct crypto_shash *tfm;
	int err;

	if (!alg || ((alg->base.cra_flags ^ type) & mask))
		return ERR_PTR(-ENOENT);
	tfm = sys->mem_zalloc(sizeof(*tfm) + alg->base.cra_ctxsize, 0, "crypto");
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	tfm->base.refcnt = 1;
	tfm->base.__crt_alg = &alg->base;
	tfm->descsize = alg->descsize;
	if (alg->base.cra_init) {
		err = alg->base.cra_init(&tfm->base);
		if (err)
			goto fail;
	}
	if (alg->init_tfm) {
		err = alg->init_tfm(tfm);
		if (err) {
			if (alg->base.cra_exit)
				alg->base.cra_exit(&tfm->base);
			goto fail;
		}
	}
	if (alg_needs_key(alg))
		crypto_shash_set_flags(tfm, CRYPTO_TFM_NEED_KEY);
	return tfm;
fail:
	sys->mem_free(tfm);
	return ERR_PTR(err);
}

void crypto_destroy_tfm(void *mem, struct crypto_tfm *tfm)
{
	struct shash_alg *alg;
	struct crypto_shash *shash;

	if (IS_ERR_OR_NULL(mem))
		return;
	shash = mem;
	alg = __crypto_shash_alg(tfm->__crt_alg);
	if (alg->exit_tfm)
		alg->exit_tfm(shash);
	if (alg->base.cra_exit)
		alg->base.cra_exit(tfm);
	/* keys live in the context: wipe before the memory goes back */
	memzero_explicit(crypto_tfm_ctx(tfm), alg->base.cra_ctxsize);
	sys->mem_free(mem);
}

int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen)
{
	struct shash_alg *alg = crypto_shash_alg(tfm);
	int err = alg->setkey(tfm, key, keylen);

	if (err) {
		if (alg_needs_key(alg))
			crypto_shash_set_flags(tfm, CRYPTO_TFM_NEED_KEY);
		return err;
	}
	crypto_shash_clear_flags(tfm, CRYPTO_TFM_NEED_KEY);
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	return crypto_shash_alg(desc->tfm)->update(desc, data, len);
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	return crypto_shash_alg(desc->tfm)->final(desc, out);
}

int crypto_shash_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	return crypto_shash_alg(desc->tfm)->finup(desc, data, len, out);
}

int crypto_shash_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	struct crypto_shash *tfm = desc->tfm;

	if (crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY)
		return -ENOKEY;
	return crypto_shash_alg(tfm)->digest(desc, data, len, out);
}

int crypto_shash_tfm_digest(struct crypto_shash *tfm, const u8 *data, unsigned int len, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	int err;

	desc->tfm = tfm;
	err = crypto_shash_digest(desc, data, len, out);
	shash_desc_zero(desc);
	return err;
}
