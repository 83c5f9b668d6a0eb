// SPDX-License-Identifier: GPL-2.0
/* test_crypto.c - shash lookup, digests (md5, sha*) and HMAC against published vectors
 * (RFC 1321, FIPS 180, RFC 2202, RFC 4231) (umc/src/crypto.c, crypto_digest.c). */
#include "umc_test.h"

#include <linux/string.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <crypto/hash.h>

static void hex(const u8 *d, unsigned int n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned int i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* one-shot digest of @len bytes of @data with @alg (key if @key), as hex */
static void digest_hex(const char *alg, const void *key, unsigned int keylen, const void *data,
		       unsigned int len, char *out)
{
	struct crypto_shash *tfm = crypto_alloc_shash(alg, 0, 0);
	u8 d[HASH_MAX_DIGESTSIZE];
	SHASH_DESC_ON_STACK(desc, tfm);

	assert_false(IS_ERR(tfm));
	if (key)
		assert_int_equal(crypto_shash_setkey(tfm, key, keylen), 0);
	desc->tfm = tfm;
	assert_int_equal(crypto_shash_digest(desc, data, len, d), 0);
	hex(d, crypto_shash_digestsize(tfm), out);
	shash_desc_zero(desc);
	crypto_free_shash(tfm);
}

#define EXPECT_DIGEST(alg, str, expected) \
	do { \
		char __h[2 * HASH_MAX_DIGESTSIZE + 1]; \
		digest_hex(alg, NULL, 0, str, strlen(str), __h); \
		assert_string_equal(__h, expected); \
	} while (0)

static void test_md5_rfc1321(void **state)
{
	EXPECT_DIGEST("md5", "", "d41d8cd98f00b204e9800998ecf8427e");
	EXPECT_DIGEST("md5", "abc", "900150983cd24fb0d6963f7d28e17f72");
	EXPECT_DIGEST("md5", "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
	EXPECT_DIGEST("md5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		      "57edf4a22be3c955ac49da2e2107b67a");
}

static void test_sha_fips180(void **state)
{
	static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	EXPECT_DIGEST("sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
	EXPECT_DIGEST("sha1", two_blocks, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	EXPECT_DIGEST("sha224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
	EXPECT_DIGEST("sha256", "abc",
		      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	EXPECT_DIGEST("sha256", two_blocks,
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	EXPECT_DIGEST("sha384", "abc",
		      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		      "8086072ba1e7cc2358baeca134c825a7");
	EXPECT_DIGEST("sha512", "abc",
		      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

/* one million 'a' fed in 1000-byte updates */
static void test_million_a(void **state)
{
	static const struct { const char *alg, *hex; } v[] = {
		{ "md5", "7707d6ae4e027c70eea2a935c2296f21" },
		{ "sha1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
		{ "sha256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	};
	u8 chunk[1000], d[HASH_MAX_DIGESTSIZE];
	char h[2 * HASH_MAX_DIGESTSIZE + 1];

	memset(chunk, 'a', sizeof(chunk));
	for (unsigned int i = 0; i < ARRAY_SIZE(v); i++) {
		struct crypto_shash *tfm = crypto_alloc_shash(v[i].alg, 0, 0);
		SHASH_DESC_ON_STACK(desc, tfm);

		assert_false(IS_ERR(tfm));
		desc->tfm = tfm;
		assert_int_equal(crypto_shash_init(desc), 0);
		for (int k = 0; k < 1000; k++)
			assert_int_equal(crypto_shash_update(desc, chunk, sizeof(chunk)), 0);
		assert_int_equal(crypto_shash_final(desc, d), 0);
		hex(d, crypto_shash_digestsize(tfm), h);
		assert_string_equal(h, v[i].hex);
		crypto_free_shash(tfm);
	}
}

static void test_hmac_rfc2202_rfc4231(void **state)
{
	static const char large_key_data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char jefe_data[] = "what do ya want for nothing?";
	u8 k0b[20], kaa[131], ddd[50];
	char h[2 * HASH_MAX_DIGESTSIZE + 1];

	memset(k0b, 0x0b, sizeof(k0b));
	memset(kaa, 0xaa, sizeof(kaa));
	memset(ddd, 0xdd, sizeof(ddd));

	/* RFC 2202, HMAC-MD5 test cases 1, 2, 3, 6 */
	digest_hex("hmac(md5)", k0b, 16, "Hi There", 8, h);
	assert_string_equal(h, "9294727a3638bb1c13f48ef8158bfc9d");
	digest_hex("hmac(md5)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "750c783e6ab0b503eaa86e310a5db738");
	digest_hex("hmac(md5)", kaa, 16, ddd, 50, h);
	assert_string_equal(h, "56be34521d144c88dbb8c733f0e8b3f6");
	digest_hex("hmac(md5)", kaa, 80, large_key_data, strlen(large_key_data), h);
	assert_string_equal(h, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");

	/* RFC 2202, HMAC-SHA1 test cases 1, 2, 3, 6 */
	digest_hex("hmac(sha1)", k0b, 20, "Hi There", 8, h);
	assert_string_equal(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	digest_hex("hmac(sha1)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	digest_hex("hmac(sha1)", kaa, 20, ddd, 50, h);
	assert_string_equal(h, "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
	digest_hex("hmac(sha1)", kaa, 80, large_key_data, strlen(large_key_data), h);
	assert_string_equal(h, "aa4ae5e15272d00e95705637ce8a3b55ed402112");

	/* RFC 4231, HMAC-SHA-256 test cases 1, 2, 3, 6; SHA-224/384/512 test case 2 */
	digest_hex("hmac(sha256)", k0b, 20, "Hi There", 8, h);
	assert_string_equal(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	digest_hex("hmac(sha256)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	digest_hex("hmac(sha256)", kaa, 20, ddd, 50, h);
	assert_string_equal(h, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	digest_hex("hmac(sha256)", kaa, 131, large_key_data, strlen(large_key_data), h);
	assert_string_equal(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	digest_hex("hmac(sha224)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
	digest_hex("hmac(sha384)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec373"
			       "6322445e8e2240ca5e69e2c78b3239ecfab21649");
	digest_hex("hmac(sha512)", "Jefe", 4, jefe_data, strlen(jefe_data), h);
	assert_string_equal(h, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
			       "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

/* init + updates split at odd boundaries + final == digest, for every algorithm */
static void test_split_updates(void **state)
{
	static const char *const algs[] = { "crc32c", "crc32", "md5", "sha1", "sha224", "sha256",
					    "sha384", "sha512", "hmac(md5)", "hmac(sha1)",
					    "hmac(sha256)", "hmac(sha512)" };
	static const unsigned int cuts[] = { 0, 1, 3, 63, 64, 65, 127, 128, 129, 1000 };
	u8 *data = kmalloc(3000, GFP_KERNEL);

	assert_non_null(data);
	get_random_bytes(data, 3000);
	for (unsigned int a = 0; a < ARRAY_SIZE(algs); a++) {
		struct crypto_shash *tfm = crypto_alloc_shash(algs[a], 0, 0);
		u8 whole[HASH_MAX_DIGESTSIZE], parts[HASH_MAX_DIGESTSIZE];
		u8 state_buf[HASH_MAX_STATESIZE];
		SHASH_DESC_ON_STACK(desc, tfm);

		assert_false(IS_ERR(tfm));
		assert_true(sizeof(struct shash_desc) + crypto_shash_descsize(tfm) <= HASH_MAX_DESCSIZE);
		if (!strncmp(algs[a], "hmac", 4))
			assert_int_equal(crypto_shash_setkey(tfm, data + 2000, 37), 0);
		desc->tfm = tfm;
		assert_int_equal(crypto_shash_digest(desc, data, 3000, whole), 0);
		for (unsigned int c = 0; c < ARRAY_SIZE(cuts); c++) {
			unsigned int pos = 0, step = cuts[c];

			assert_int_equal(crypto_shash_init(desc), 0);
			/* pieces of size cuts[c], cuts[c]+1, ... then the rest via finup */
			while (pos + step < 2500) {
				assert_int_equal(crypto_shash_update(desc, data + pos, step), 0);
				pos += step;
				step++;
			}
			/* export/import midway keeps the state */
			assert_int_equal(crypto_shash_export(desc, state_buf), 0);
			memset(shash_desc_ctx(desc), 0x5a, crypto_shash_descsize(tfm));
			assert_int_equal(crypto_shash_import(desc, state_buf), 0);
			assert_int_equal(crypto_shash_finup(desc, data + pos, 3000 - pos, parts), 0);
			assert_memory_equal(whole, parts, crypto_shash_digestsize(tfm));
		}
		assert_int_equal(crypto_shash_tfm_digest(tfm, data, 3000, parts), 0);
		assert_memory_equal(whole, parts, crypto_shash_digestsize(tfm));
		crypto_free_shash(tfm);
	}
	kfree(data);
}

static void test_lookup_and_errors(void **state)
{
	struct crypto_shash *tfm;
	u8 out[HASH_MAX_DIGESTSIZE];

	assert_ptr_equal(crypto_alloc_shash("nosuchalg", 0, 0), ERR_PTR(-ENOENT));
	assert_ptr_equal(crypto_alloc_shash("hmac(nosuchalg)", 0, 0), ERR_PTR(-ENOENT));
	assert_ptr_equal(crypto_alloc_shash("hmac(crc32c)", 0, 0), ERR_PTR(-ENOENT));
	assert_ptr_equal(crypto_alloc_shash("hmac(hmac(sha1))", 0, 0), ERR_PTR(-ENOENT));
	assert_ptr_equal(crypto_alloc_shash("hmac(sha1", 0, 0), ERR_PTR(-ENOENT));
	assert_ptr_equal(crypto_alloc_shash("", 0, 0), ERR_PTR(-ENOENT));
	/* type/mask select on the algorithm flags: shash algorithms are synchronous */
	assert_ptr_equal(crypto_alloc_shash("md5", CRYPTO_ALG_ASYNC, CRYPTO_ALG_ASYNC),
			 ERR_PTR(-ENOENT));
	tfm = crypto_alloc_shash("md5", 0, CRYPTO_ALG_ASYNC);
	assert_false(IS_ERR(tfm));
	crypto_free_shash(tfm);
	assert_true(crypto_has_alg("sha256", 0, 0));
	assert_false(crypto_has_alg("sha3-256", 0, 0));

	/* driver names work too, and the tfm reports the canonical name */
	tfm = crypto_alloc_shash("sha256-openssl", 0, 0);
	assert_false(IS_ERR(tfm));
	assert_string_equal(crypto_shash_alg_name(tfm), "sha256");
	crypto_free_shash(tfm);
	tfm = crypto_alloc_shash("hmac(sha1-openssl)", 0, 0);
	assert_false(IS_ERR(tfm));
	assert_string_equal(crypto_shash_alg_name(tfm), "hmac(sha1)");
	crypto_free_shash(tfm);

	/* unkeyed digests refuse a key */
	tfm = crypto_alloc_shash("md5", 0, 0);
	assert_false(crypto_shash_alg_has_setkey(crypto_shash_alg(tfm)));
	assert_int_equal(crypto_shash_setkey(tfm, (const u8 *)"k", 1), -ENOSYS);
	assert_int_equal(crypto_shash_digestsize(tfm), 16);
	assert_int_equal(crypto_shash_blocksize(tfm), 64);
	crypto_free_shash(tfm);

	/* keyed: -ENOKEY until setkey */
	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	assert_false(IS_ERR(tfm));
	assert_true(crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY);
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		assert_int_equal(crypto_shash_init(desc), -ENOKEY);
		assert_int_equal(crypto_shash_digest(desc, out, 1, out), -ENOKEY);
		assert_int_equal(crypto_shash_setkey(tfm, (const u8 *)"", 0), 0); /* empty key is a key */
		assert_false(crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY);
		assert_int_equal(crypto_shash_digest(desc, out, 1, out), 0);
	}
	assert_int_equal(crypto_shash_digestsize(tfm), 32);
	crypto_free_shash(tfm);

	/* freeing NULL or an error pointer does nothing */
	crypto_free_shash(NULL);
	crypto_free_shash(ERR_PTR(-ENOENT));
}

/* DRBD allocates the cram-hmac desc with kmalloc(sizeof(desc) + descsize) */
static void test_kmalloc_desc(void **state)
{
	struct crypto_shash *tfm = crypto_alloc_shash("hmac(sha1)", 0, 0);
	struct shash_desc *desc;
	u8 out[20];
	char h[41];

	assert_false(IS_ERR(tfm));
	desc = kmalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_KERNEL);
	assert_non_null(desc);
	desc->tfm = tfm;
	assert_int_equal(crypto_shash_setkey(tfm, (const u8 *)"Jefe", 4), 0);
	assert_int_equal(crypto_shash_digest(desc, (const u8 *)"what do ya want for nothing?", 28,
					     out), 0);
	hex(out, 20, h);
	assert_string_equal(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	shash_desc_zero(desc);
	kfree(desc);
	crypto_free_shash(tfm);
}

/* one tfm shared by threads, each with its own desc (DRBD's csums/verify tfms) */
struct share_ctx {
	struct crypto_shash *tfm;
	const u8 *data;
	u8 expect[32];
	long errors;
	struct completion done;
};

static int share_fn(void *arg)
{
	struct share_ctx *c = arg;
	long errors = 0;

	for (int i = 0; i < 300; i++) {
		u8 out[32];
		SHASH_DESC_ON_STACK(desc, c->tfm);

		desc->tfm = c->tfm;
		if (crypto_shash_init(desc) || crypto_shash_update(desc, c->data, 1000) ||
		    crypto_shash_update(desc, c->data + 1000, 3096) || crypto_shash_final(desc, out) ||
		    memcmp(out, c->expect, 32))
			errors++;
	}
	__atomic_add_fetch(&c->errors, errors, __ATOMIC_RELAXED);
	complete(&c->done);
	return umc_test_idle_until_stop(0);
}

static void test_shared_tfm(void **state)
{
	struct share_ctx c = { 0 };
	struct task_struct *t[2];
	u8 *data = kmalloc(4096, GFP_KERNEL);

	assert_non_null(data);
	get_random_bytes(data, 4096);
	c.tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	assert_false(IS_ERR(c.tfm));
	assert_int_equal(crypto_shash_setkey(c.tfm, (const u8 *)"shared-secret", 13), 0);
	c.data = data;
	init_completion(&c.done);
	assert_int_equal(crypto_shash_tfm_digest(c.tfm, data, 4096, c.expect), 0);
	for (int i = 0; i < 2; i++) {
		t[i] = kthread_run(share_fn, &c, "crypto-share%d", i);
		assert_false(IS_ERR(t[i]));
	}
	for (int i = 0; i < 2; i++)
		wait_for_completion(&c.done);
	for (int i = 0; i < 2; i++)
		assert_int_equal(kthread_stop(t[i]), 0);
	assert_int_equal(c.errors, 0);
	crypto_free_shash(c.tfm);
	kfree(data);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md5_rfc1321),
		cmocka_unit_test(test_sha_fips180),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_hmac_rfc2202_rfc4231),
		cmocka_unit_test(test_split_updates),
		cmocka_unit_test(test_lookup_and_errors),
		cmocka_unit_test(test_kmalloc_desc),
		cmocka_unit_test(test_shared_tfm),
	};
	return UMC_TEST_RUN(tests);
}
