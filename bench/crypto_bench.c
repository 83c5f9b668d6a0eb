// SPDX-License-Identifier: GPL-2.0
/*
 * crypto_bench.c - throughput of umc's shash algorithms on 4 KiB blocks (DRBD hashes one
 * page at a time for csums/verify/data-integrity), and of the two crc32c implementations.
 * Usage: bench-crypto [milliseconds per algorithm, default 300]. Prints MB/s and ns/block.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/crc32c.h>
#include <linux/crc32.h>
#include <crypto/hash.h>
#include <mte.h>
#include "../umc/src/crypto_internal.h"

/* libc, declared here: the kernel-world headers shadow libc's own */
extern int printf(const char *fmt, ...);
extern int atoi(const char *s);

#define BLOCK 4096

static u8 block[BLOCK] __aligned(64);
static u64 budget_ns = 300ull * 1000 * 1000;
static volatile u32 sink;

static void report(const char *name, u64 blocks, u64 ns)
{
	double mbps = (double)blocks * BLOCK / ((double)ns / 1e9) / 1e6;

	printf("%-22s %9.0f MB/s %9.0f ns/4KiB\n", name, mbps, (double)ns / blocks);
}

static void bench_crc(const char *name, u32 (*fn)(u32, const void *, size_t))
{
	u64 start = sys->time_monotonic_ns(), now, n = 0;
	u32 crc = 0;

	do {
		for (int i = 0; i < 256; i++)
			crc = fn(crc, block, BLOCK);
		n += 256;
		now = sys->time_monotonic_ns();
	} while (now - start < budget_ns);
	sink = crc;
	report(name, n, now - start);
}

static u32 crc32_wrap(u32 crc, const void *p, size_t len)
{
	return crc32_le(crc, p, len);
}

static void bench_shash(const char *alg)
{
	struct crypto_shash *tfm = crypto_alloc_shash(alg, 0, 0);
	u8 out[HASH_MAX_DIGESTSIZE];
	u64 start, now, n = 0;

	if (IS_ERR(tfm)) {
		printf("%-22s unavailable (%ld)\n", alg, PTR_ERR(tfm));
		return;
	}
	if (crypto_shash_get_flags(tfm) & CRYPTO_TFM_NEED_KEY)
		crypto_shash_setkey(tfm, (const u8 *)"benchmark-secret", 16);
	{
		/* DRBD's pattern (drbd_csum_bio): init, update per page, final */
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		start = sys->time_monotonic_ns();
		do {
			for (int i = 0; i < 64; i++) {
				crypto_shash_init(desc);
				crypto_shash_update(desc, block, BLOCK);
				crypto_shash_final(desc, out);
			}
			n += 64;
			now = sys->time_monotonic_ns();
		} while (now - start < budget_ns);
		shash_desc_zero(desc);
	}
	sink = out[0];
	report(alg, n, now - start);
	crypto_free_shash(tfm);
}

int main(int argc, char **argv)
{
	static const char *const algs[] = { "crc32c", "crc32", "md5", "sha1", "sha256",
					    "sha512", "hmac(md5)", "hmac(sha1)", "hmac(sha256)" };
	struct mte_options opts = { .log_level = SYS_LOG_WARNING };

	if (argc > 1 && atoi(argv[1]) > 0)
		budget_ns = (u64)atoi(argv[1]) * 1000 * 1000;
	if (mte_init(&opts))
		return 1;
	for (int i = 0; i < BLOCK; i++)
		block[i] = (u8)(i * 131 + 7);

	printf("crc32c in use: %s\n", crc32c_impl());
	if (umc_crc32c_hw_available())
		bench_crc("crc32c() sse4.2", umc_crc32c_hw);
	bench_crc("crc32c() slice-by-8", umc_crc32c_slice8);
	bench_crc("crc32_le() slice-by-8", crc32_wrap);
	for (unsigned int i = 0; i < ARRAY_SIZE(algs); i++)
		bench_shash(algs[i]);
	return mte_shutdown() ? 1 : 0;
}
