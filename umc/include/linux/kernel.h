/* SPDX-License-Identifier: GPL-2.0 */
/* linux/kernel.h - the kernel's catch-all header: pulls in the basics, as 6.1 does. */
#ifndef _UMC_LINUX_KERNEL_H
#define _UMC_LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/align.h>
#include <linux/limits.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/bitops.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>
#include <linux/printk.h>
#include <linux/build_bug.h>
#include <linux/sprintf.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <asm/byteorder.h>

#define STACK_MAGIC 0xdeadbeef
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))
#define u64_to_user_ptr(x) ((void __user *)(uintptr_t)(x))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n) & 0xffff))
#define _RET_IP_ (unsigned long)__builtin_return_address(0)
#define _THIS_IP_ ({ __label__ __here; __here: (unsigned long)&&__here; })
#define __FUNCTION__ (__func__)

/* might_sleep & co: debugging annotations in the kernel; umc checks nothing here. */
#define might_sleep() do { } while (0)
#define might_sleep_if(cond) do { } while (0)
#define might_resched() do { } while (0)
#define might_fault() do { } while (0)
#define sched_annotate_sleep() do { } while (0)

extern const char hex_asc[];
#define hex_asc_lo(x) hex_asc[((x) & 0x0f)]
#define hex_asc_hi(x) hex_asc[((x) & 0xf0) >> 4]
int hex_to_bin(unsigned char ch);
/* umc-lib addition (umc/src/hexdump.c): the rest of the kernel's hex helpers. */
extern const char hex_asc_upper[];
#define hex_asc_upper_lo(x) hex_asc_upper[((x) & 0x0f)]
#define hex_asc_upper_hi(x) hex_asc_upper[((x) & 0xf0) >> 4]
int __must_check hex2bin(u8 *dst, const char *src, size_t count);
char *bin2hex(char *dst, const void *src, size_t count);

enum system_states { SYSTEM_BOOTING, SYSTEM_SCHEDULING, SYSTEM_RUNNING, SYSTEM_HALT,
		     SYSTEM_POWER_OFF, SYSTEM_RESTART, SYSTEM_SUSPEND };
extern enum system_states system_state;

#endif
