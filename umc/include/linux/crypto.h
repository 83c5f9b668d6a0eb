/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/crypto.h - the generic part of the crypto API that the shash inlines use
 * (umc/src/crypto.c). Only synchronous hashes (shash) exist in umc; see crypto/hash.h.
 * Struct layouts keep the kernel's field names the inline helpers read (crt_flags,
 * __crt_alg, cra_name, cra_blocksize ...); fields umc has no use for are left out.
 */
#ifndef _UMC_LINUX_CRYPTO_H
#define _UMC_LINUX_CRYPTO_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>

#define CRYPTO_ALG_TYPE_MASK 0x0000000f
#define CRYPTO_ALG_TYPE_CIPHER 0x00000001
#define CRYPTO_ALG_TYPE_COMPRESS 0x00000002
#define CRYPTO_ALG_TYPE_AEAD 0x00000003
#define CRYPTO_ALG_TYPE_SKCIPHER 0x00000005
#define CRYPTO_ALG_TYPE_HASH 0x0000000e
#define CRYPTO_ALG_TYPE_SHASH 0x0000000e
#define CRYPTO_ALG_TYPE_AHASH 0x0000000f
#define CRYPTO_ALG_TYPE_HASH_MASK 0x0000000e
#define CRYPTO_ALG_TYPE_AHASH_MASK 0x0000000e

#define CRYPTO_ALG_LARVAL 0x00000010
#define CRYPTO_ALG_DEAD 0x00000020
#define CRYPTO_ALG_DYING 0x00000040
#define CRYPTO_ALG_ASYNC 0x00000080
#define CRYPTO_ALG_NEED_FALLBACK 0x00000100
#define CRYPTO_ALG_TESTED 0x00000400
#define CRYPTO_ALG_INSTANCE 0x00000800
#define CRYPTO_ALG_KERN_DRIVER_ONLY 0x00001000
#define CRYPTO_ALG_INTERNAL 0x00002000
#define CRYPTO_ALG_OPTIONAL_KEY 0x00004000 /* has setkey, but works without a key */
#define CRYPTO_ALG_ALLOCATES_MEMORY 0x00010000
#define CRYPTO_ALG_FIPS_INTERNAL 0x00020000

#define CRYPTO_TFM_NEED_KEY 0x00000001 /* keyed algorithm whose key is not set yet */
#define CRYPTO_TFM_REQ_MASK 0x000fff00
#define CRYPTO_TFM_REQ_FORBID_WEAK_KEYS 0x00000100
#define CRYPTO_TFM_REQ_MAY_SLEEP 0x00000200
#define CRYPTO_TFM_REQ_MAY_BACKLOG 0x00000400

#define CRYPTO_MAX_ALG_NAME 128
#define CRYPTO_MINALIGN 8
#define CRYPTO_MINALIGN_ATTR __attribute__((__aligned__(CRYPTO_MINALIGN)))

struct crypto_tfm;

struct crypto_alg {
	u32 cra_flags;
	unsigned int cra_blocksize;
	unsigned int cra_ctxsize; /* bytes of per-tfm context (crypto_tfm_ctx) */
	unsigned int cra_alignmask;
	int cra_priority;
	char cra_name[CRYPTO_MAX_ALG_NAME];
	char cra_driver_name[CRYPTO_MAX_ALG_NAME];
	int (*cra_init)(struct crypto_tfm *tfm);
	void (*cra_exit)(struct crypto_tfm *tfm);
} CRYPTO_MINALIGN_ATTR;

struct crypto_tfm {
	int refcnt;
	u32 crt_flags;
	int node;
	void (*exit)(struct crypto_tfm *tfm);
	struct crypto_alg *__crt_alg;
	void *__crt_ctx[] CRYPTO_MINALIGN_ATTR;
};

/*
 * crypto_destroy_tfm - free a transform allocated by crypto_alloc_shash (@mem is the
 * struct crypto_shash, @tfm its base). NULL and error pointers are ignored. Never sleeps.
 */
void crypto_destroy_tfm(void *mem, struct crypto_tfm *tfm);

/* crypto_has_alg - 1 if @alg_name names an algorithm umc provides, else 0. */
int crypto_has_alg(const char *alg_name, u32 type, u32 mask);

static inline const char *crypto_tfm_alg_name(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_name;
}
static inline const char *crypto_tfm_alg_driver_name(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_driver_name;
}
static inline int crypto_tfm_alg_priority(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_priority;
}
static inline u32 crypto_tfm_alg_type(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_flags & CRYPTO_ALG_TYPE_MASK;
}
static inline unsigned int crypto_tfm_alg_blocksize(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_blocksize;
}
static inline unsigned int crypto_tfm_alg_alignmask(struct crypto_tfm *tfm)
{
	return tfm->__crt_alg->cra_alignmask;
}
static inline u32 crypto_tfm_get_flags(struct crypto_tfm *tfm)
{
	return tfm->crt_flags;
}
static inline void crypto_tfm_set_flags(struct crypto_tfm *tfm, u32 flags)
{
	tfm->crt_flags |= flags;
}
static inline void crypto_tfm_clear_flags(struct crypto_tfm *tfm, u32 flags)
{
	tfm->crt_flags &= ~flags;
}
static inline void *crypto_tfm_ctx(struct crypto_tfm *tfm)
{
	return tfm->__crt_ctx;
}
static inline void crypto_free_tfm(struct crypto_tfm *tfm)
{
	crypto_destroy_tfm(tfm, tfm);
}

#endif
