/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kconfig.h - force-included into every kernel-world translation unit (as the kernel's
 * build does). Holds the configuration umc emulates and the IS_ENABLED() machinery.
 */
#ifndef _UMC_LINUX_KCONFIG_H
#define _UMC_LINUX_KCONFIG_H

#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_BLK_DEV_DRBD 1
#define CONFIG_CRYPTO_HMAC 1
#define CONFIG_HZ 1000
#define CONFIG_NR_CPUS 64
#define CONFIG_BASE_SMALL 0
#define CONFIG_PAGE_SHIFT 12
/* Not emulated: CONFIG_DEBUG_FS, CONFIG_DRBD_FAULT_INJECTION, CONFIG_HIGHMEM, CONFIG_MODULES. */

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define __or(x, y) ___or(x, y)
#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), IS_MODULE(option))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))

#endif
