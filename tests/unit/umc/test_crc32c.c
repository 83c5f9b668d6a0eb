// SPDX-License-Identifier: GPL-2.0
/* test_crc32c.c - CRC-32C / CRC-32 library functions and the "crc32c" / "crc32" shash
 * algorithms (umc/src/crc32c.c). */
#include "umc_test.h"

#include <linux/crc32c.h>
#include <linux/crc32.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <crypto/hash.h>
#include <asm/unaligned.h>
#include "../../../umc/src/crypto_internal.h"

/* RFC 3720 B.4 (iSCSI) test vectors: 32-byte buffers and their CRC-32C */
static void rfc3720_buffers(u8 bufs[4][32])
{
	memset(bufs[0], 0, 32);
	memset(bufs[1], 0xff, 32);
	for (int i = 0; i < 32; i++) {
		bufs[2][i] = i;
		bufs[3][i] = 31 - i;
	}
}
static const u32 rfc3720_crc[4] = { 0x8a9136aa, 0x62a8ab43, 0x46dd794e, 0x113fdb5c };

/* the 48-byte iSCSI read command PDU of RFC 3720 B.4 */
static const u8 iscsi_pdu[48] = {
	0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
	0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void test_crc32c_function(void **state)
{
	u8 bufs[4][32];

	rfc3720_buffers(bufs);
	for (int i = 0; i < 4; i++)
		assert_int_equal(~crc32c(~0u, bufs[i], 32), rfc3720_crc[i]);
	assert_int_equal(~crc32c(~0u, iscsi_pdu, sizeof(iscsi_pdu)), 0xd9963a56);
	assert_int_equal(~crc32c(~0u, "123456789", 9), 0xe3069283);
	/* the raw register continues across calls */
	assert_int_equal(crc32c(crc32c(~0u, "1234", 4), "56789", 5), crc32c(~0u, "123456789", 9));
	assert_int_equal(__crc32c_le(~0u, (const u8 *)"123456789", 9), ~0xe3069283u);
	assert_int_equal(crc32c(1234, "", 0), 1234);
}

/* DRBD's activity-log checksum: crc32c(0, 4 KiB), the raw register drbdmeta computes */
static void test_al_checksum(void **state)
{
	u8 *buf = kmalloc(4096, GFP_KERNEL);

	assert_non_null(buf);
	for (int i = 0; i < 4096; i++)
		buf[i] = i & 0xff;
	assert_int_equal(crc32c(0, buf, 4096), 0x0488bfbb);
	memset(buf, 0, 4096);
	assert_int_equal(crc32c(0, buf, 4096), 0);
	kfree(buf);
}

/* both implementations agree on every alignment and length */
static void test_hw_and_table_agree(void **state)
{
	u8 *buf = kmalloc(9000, GFP_KERNEL);

	assert_non_null(buf);
	get_random_bytes(buf, 9000);
	if (!umc_crc32c_hw_available())
		print_message("no SSE4.2 here: only the table implementation is checked\n");
	for (int off = 0; off < 16; off++) {
		for (int len = 0; len < 300; len += 1 + len / 8) {
			u32 seed = get_random_u32();
			u32 sw = umc_crc32c_slice8(seed, buf + off, len);

			assert_int_equal(crc32c(seed, buf + off, len), sw);
			if (umc_crc32c_hw_available())
				assert_int_equal(umc_crc32c_hw(seed, buf + off, len), sw);
		}
	}
	/* around the three-stream round size (3 * 1360 bytes) */
	{
		static const unsigned int sizes[] = { 4079, 4080, 4081, 4096, 8159, 8160, 8997 };

		for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++)
			assert_int_equal(crc32c(7, buf + 3, sizes[i]),
					 umc_crc32c_slice8(7, buf + 3, sizes[i]));
	}
	assert_string_equal(crc32c_impl(),
			    umc_crc32c_hw_available() ? "crc32c-sse4.2" : "crc32c-slice8");
	kfree(buf);
}

static void test_crc32_function(void **state)
{
	/* raw register: the zlib CRC of "123456789" is 0xcbf43926 with both inversions */
	assert_int_equal(~crc32_le(~0u, (const u8 *)"123456789", 9), 0xcbf43926);
	assert_int_equal(crc32_le(0, (const u8 *)"123456789", 9), 0x2dfd2d88);
	assert_int_equal(crc32(~0u, "123456789", 9), 0x340bc6d9);
}

static void test_crc32c_shash(void **state)
{
	struct crypto_shash *tfm = crypto_alloc_shash("crc32c", 0, 0);
	u8 bufs[4][32], out[4], key[4];
	SHASH_DESC_ON_STACK(desc, tfm);

	assert_false(IS_ERR(tfm));
	assert_int_equal(crypto_shash_digestsize(tfm), 4);
	assert_int_equal(crypto_shash_blocksize(tfm), 1);
	assert_int_equal(crypto_shash_descsize(tfm), 4);
	assert_false(crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY); /* optional key */
	desc->tfm = tfm;
	rfc3720_buffers(bufs);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(crypto_shash_digest(desc, bufs[i], 32, out), 0);
		/* the digest is ~crc, little endian */
		assert_int_equal(get_unaligned_le32(out), rfc3720_crc[i]);
	}
	/* split update */
	assert_int_equal(crypto_shash_init(desc), 0);
	assert_int_equal(crypto_shash_update(desc, iscsi_pdu, 17), 0);
	assert_int_equal(crypto_shash_update(desc, iscsi_pdu + 17, 31), 0);
	assert_int_equal(crypto_shash_final(desc, out), 0);
	assert_int_equal(get_unaligned_le32(out), 0xd9963a56);
	/* the desc context is the raw register, as libcrc32c relies on */
	assert_int_equal(crypto_shash_init(desc), 0);
	assert_int_equal(*(u32 *)shash_desc_ctx(desc), ~0u);
	/* a 4-byte key is the seed */
	put_unaligned_le32(0, key);
	assert_int_equal(crypto_shash_setkey(tfm, key, 4), 0);
	assert_int_equal(crypto_shash_digest(desc, (const u8 *)"123456789", 9, out), 0);
	assert_int_equal(get_unaligned_le32(out), ~crc32c(0, "123456789", 9));
	assert_int_equal(crypto_shash_setkey(tfm, key, 3), -EINVAL);
	crypto_free_shash(tfm);
}

static void test_crc32_shash(void **state)
{
	struct crypto_shash *tfm = crypto_alloc_shash("crc32", 0, 0);
	u8 out[4], key[4];
	SHASH_DESC_ON_STACK(desc, tfm);

	assert_false(IS_ERR(tfm));
	desc->tfm = tfm;
	/* seed 0, no inversion at all (the kernel's crc32_generic) */
	assert_int_equal(crypto_shash_digest(desc, (const u8 *)"123456789", 9, out), 0);
	assert_int_equal(get_unaligned_le32(out), 0x2dfd2d88);
	put_unaligned_le32(~0u, key);
	assert_int_equal(crypto_shash_setkey(tfm, key, 4), 0);
	assert_int_equal(crypto_shash_init(desc), 0);
	assert_int_equal(crypto_shash_update(desc, (const u8 *)"1234", 4), 0);
	assert_int_equal(crypto_shash_finup(desc, (const u8 *)"56789", 5, out), 0);
	assert_int_equal(get_unaligned_le32(out), 0x340bc6d9);
	crypto_free_shash(tfm);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32c_function),
		cmocka_unit_test(test_al_checksum),
		cmocka_unit_test(test_hw_and_table_agree),
		cmocka_unit_test(test_crc32_function),
		cmocka_unit_test(test_crc32c_shash),
		cmocka_unit_test(test_crc32_shash),
	};
	return UMC_TEST_RUN(tests);
}
