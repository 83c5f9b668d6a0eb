// SPDX-License-Identifier: GPL-2.0
/*
 * random.c - <linux/random.h>: every value is drawn from the host CSPRNG through
 * sys->random_bytes (getrandom(2) for the mte provider). The kernel batches per CPU; umc
 * asks the host each time, which keeps the values unpredictable across fork and costs one
 * system call (well under a microsecond) per call. Any context; never blocks after boot.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <sys_service.h>

void get_random_bytes(void *buf, size_t len)
{
	if (len)
		sys->random_bytes(buf, len);
}

u8 get_random_u8(void)
{
	u8 v;

	sys->random_bytes(&v, sizeof(v));
	return v;
}

u16 get_random_u16(void)
{
	u16 v;

	sys->random_bytes(&v, sizeof(v));
	return v;
}

u32 get_random_u32(void)
{
	u32 v;

	sys->random_bytes(&v, sizeof(v));
	return v;
}

u64 get_random_u64(void)
{
	u64 v;

	sys->random_bytes(&v, sizeof(v));
	return v;
}

/*
 * Uniform in [0, ceil): the high half of ceil * r (r uniform 32-bit) is uniform except for
 * a bias from the low half; reject the values whose low half falls below 2^32 mod ceil
 * (Lemire's method, as the kernel's __get_random_u32_below).
 */
u32 __get_random_u32_below(u32 ceil)
{
	u64 mult;

	if (ceil <= 1)
		return 0;
	mult = (u64)ceil * get_random_u32();
	if ((u32)mult < ceil) {
		u32 bound = -ceil % ceil;

		while ((u32)mult < bound)
			mult = (u64)ceil * get_random_u32();
	}
	return mult >> 32;
}
