/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sprintf.h - the kernel's string formatting, with its %p extensions (%pI4, %pI6,
 * %pS, %ps, %pg, %pK, %p hashed as plain pointers). Implemented in umc/src/vsprintf.c.
 * The names are macros for umc_* functions so that they never interpose libc's own in the
 * rest of the process. None of them blocks; kasprintf allocates with the given gfp.
 */
#ifndef _UMC_LINUX_SPRINTF_H
#define _UMC_LINUX_SPRINTF_H

#include <linux/compiler_types.h>
#include <linux/types.h>
#include <linux/stdarg.h>

#undef sprintf
#undef snprintf
#undef vsnprintf
#undef vsprintf
#define sprintf umc_sprintf
#define snprintf umc_snprintf
#define vsnprintf umc_vsnprintf
#define vsprintf umc_vsprintf
#define scnprintf umc_scnprintf
#define vscnprintf umc_vscnprintf
#define kasprintf umc_kasprintf
#define kvasprintf umc_kvasprintf
#define sscanf umc_sscanf

__printf(2, 3) int umc_sprintf(char *buf, const char *fmt, ...);
__printf(3, 4) int umc_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int umc_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 0) int umc_vsprintf(char *buf, const char *fmt, va_list args);
__printf(3, 4) int umc_scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int umc_vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *umc_kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *umc_kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__scanf(2, 3) int umc_sscanf(const char *buf, const char *fmt, ...);
__scanf(2, 0) int umc_vsscanf(const char *buf, const char *fmt, va_list args);
#define vsscanf umc_vsscanf

#endif
