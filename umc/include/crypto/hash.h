/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypto/hash.h - synchronous message digests (shash), implemented in umc/src/crypto.c.
 *
 * Algorithms (crypto_alloc_shash by cra_name or cra_driver_name):
 *   "crc32c" (SSE4.2 instruction when the CPU has it, else slicing-by-8 tables), "crc32",
 *   "md5", "sha1", "sha224", "sha256", "sha384", "sha512" (OpenSSL's libcrypto through a
 *   host-world adapter), and "hmac(<md5|sha1|sha224|sha256|sha384|sha512>)".
 *   Anything else, including hmac of a CRC (the kernel's hmac template refuses a digest larger
 *   than the block size), gives ERR_PTR(-ENOENT) as the kernel does.
 *
 * The layouts of struct crypto_shash, shash_alg and shash_desc are the ones the kernel's
 * inlines read (crypto_shash_init, crypto_shash_digestsize, crypto_shash_descsize,
 * SHASH_DESC_ON_STACK). The whole running state of a hash lives in the desc context
 * (descsize bytes), so a desc on the stack needs no allocation and nothing to free;
 * a tfm is read-only after setkey and may be shared by threads that use their own descs.
 * No function sleeps; every one may be called with spinlocks held.
 * Errors: -ENOKEY (keyed hash used before setkey), -EINVAL (bad key length for crc32/crc32c),
 * -ENOSYS (setkey on an unkeyed hash), -ENOMEM, -ENOENT (unknown algorithm).
 */
#ifndef _UMC_CRYPTO_HASH_H
#define _UMC_CRYPTO_HASH_H

#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/container_of.h>
#include <linux/string.h>

struct crypto_shash;

struct shash_desc {
	struct crypto_shash *tfm;
	void *__ctx[] __aligned(8);
};

#define HASH_MAX_DIGESTSIZE 64
/* as the kernel's (its worst case is hmac(sha3-224)); umc's largest is far below */
#define HASH_MAX_DESCSIZE (sizeof(struct shash_desc) + 360)
#define HASH_MAX_STATESIZE 512

#define SHASH_DESC_ON_STACK(shash, ctx) \
	char __##shash##_desc[sizeof(struct shash_desc) + HASH_MAX_DESCSIZE] \
		__aligned(__alignof__(struct shash_desc)); \
	struct shash_desc *shash = (struct shash_desc *)__##shash##_desc

struct shash_alg {
	int (*init)(struct shash_desc *desc);
	int (*update)(struct shash_desc *desc, const u8 *data, unsigned int len);
	int (*final)(struct shash_desc *desc, u8 *out);
	int (*finup)(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);
	int (*digest)(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);
	int (*export)(struct shash_desc *desc, void *out);
	int (*import)(struct shash_desc *desc, const void *in);
	int (*setkey)(struct crypto_shash *tfm, const u8 *key, unsigned int keylen);
	int (*init_tfm)(struct crypto_shash *tfm);
	void (*exit_tfm)(struct crypto_shash *tfm);
	unsigned int descsize;
	unsigned int digestsize;
	unsigned int statesize;
	struct crypto_alg base;
};

struct crypto_shash {
	unsigned int descsize;
	struct crypto_tfm base;
};

/*
 * crypto_alloc_shash - a transform of the algorithm @alg_name. @type/@mask select on
 * cra_flags as in the kernel ((flags ^ type) & mask must be 0); DRBD passes 0, 0.
 * Returns the tfm or ERR_PTR(-ENOENT / -ENOMEM). Free with crypto_free_shash.
 */
struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32 type, u32 mask);
/* crypto_has_shash - 1 if crypto_alloc_shash(@alg_name, ...) would succeed. */
int crypto_has_shash(const char *alg_name, u32 type, u32 mask);

static inline struct crypto_tfm *crypto_shash_tfm(struct crypto_shash *tfm)
{
	return &tfm->base;
}

/* crypto_free_shash - free @tfm; NULL and error pointers are ignored. */
static inline void crypto_free_shash(struct crypto_shash *tfm)
{
	/* no &tfm->base of a NULL/error pointer: undefined behaviour (UBSan reports it) */
	if (IS_ERR_OR_NULL(tfm))
		return;
	crypto_destroy_tfm(tfm, crypto_shash_tfm(tfm));
}

static inline const char *crypto_shash_alg_name(struct crypto_shash *tfm)
{
	return crypto_tfm_alg_name(crypto_shash_tfm(tfm));
}
static inline const char *crypto_shash_driver_name(struct crypto_shash *tfm)
{
	return crypto_tfm_alg_driver_name(crypto_shash_tfm(tfm));
}
static inline unsigned int crypto_shash_alignmask(struct crypto_shash *tfm)
{
	return crypto_tfm_alg_alignmask(crypto_shash_tfm(tfm));
}
static inline unsigned int crypto_shash_blocksize(struct crypto_shash *tfm)
{
	return crypto_tfm_alg_blocksize(crypto_shash_tfm(tfm));
}
static inline struct shash_alg *__crypto_shash_alg(struct crypto_alg *alg)
{
	return container_of(alg, struct shash_alg, base);
}
static inline struct shash_alg *crypto_shash_alg(struct crypto_shash *tfm)
{
	return __crypto_shash_alg(crypto_shash_tfm(tfm)->__crt_alg);
}
static inline unsigned int crypto_shash_digestsize(struct crypto_shash *tfm)
{
	return crypto_shash_alg(tfm)->digestsize;
}
static inline unsigned int crypto_shash_statesize(struct crypto_shash *tfm)
{
	return crypto_shash_alg(tfm)->statesize;
}
static inline u32 crypto_shash_get_flags(struct crypto_shash *tfm)
{
	return crypto_tfm_get_flags(crypto_shash_tfm(tfm));
}
static inline void crypto_shash_set_flags(struct crypto_shash *tfm, u32 flags)
{
	crypto_tfm_set_flags(crypto_shash_tfm(tfm), flags);
}
static inline void crypto_shash_clear_flags(struct crypto_shash *tfm, u32 flags)
{
	crypto_tfm_clear_flags(crypto_shash_tfm(tfm), flags);
}
static inline unsigned int crypto_shash_descsize(struct crypto_shash *tfm)
{
	return tfm->descsize;
}
static inline void *crypto_shash_ctx(struct crypto_shash *tfm)
{
	return crypto_tfm_ctx(&tfm->base);
}
static inline void *shash_desc_ctx(struct shash_desc *desc)
{
	return desc->__ctx;
}

/* crypto_shash_alg_has_setkey - false for unkeyed algorithms (setkey gives -ENOSYS). */
bool crypto_shash_alg_has_setkey(struct shash_alg *alg);

/* crypto_shash_setkey - set the key; on success CRYPTO_TFM_NEED_KEY is cleared. */
int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen);
/* crypto_shash_digest - init + update + final in one call; -ENOKEY if a key is missing. */
int crypto_shash_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);
/* crypto_shash_tfm_digest - crypto_shash_digest with a desc on the stack. */
int crypto_shash_tfm_digest(struct crypto_shash *tfm, const u8 *data, unsigned int len, u8 *out);
int crypto_shash_update(struct shash_desc *desc, const u8 *data, unsigned int len);
int crypto_shash_final(struct shash_desc *desc, u8 *out);
int crypto_shash_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);

static inline int crypto_shash_export(struct shash_desc *desc, void *out)
{
	return crypto_shash_alg(desc->tfm)->export(desc, out);
}

static inline int crypto_shash_import(struct shash_desc *desc, const void *in)
{
	struct crypto_shash *tfm = desc->tfm;

	if (crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY)
		return -ENOKEY;
	return crypto_shash_alg(tfm)->import(desc, in);
}

static inline int crypto_shash_init(struct shash_desc *desc)
{
	struct crypto_shash *tfm = desc->tfm;

	if (crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY)
		return -ENOKEY;
	return crypto_shash_alg(tfm)->init(desc);
}

/* shash_desc_zero - wipe the desc and its state (for keyed hashes). */
static inline void shash_desc_zero(struct shash_desc *desc)
{
	memzero_explicit(desc, sizeof(*desc) + crypto_shash_descsize(desc->tfm));
}

#endif
