/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib_internal.h - helpers shared between umc's library files (kstrtox.c, vsprintf.c,
 * printk.c, panic.c). Not part of the kernel API.
 */
#ifndef _UMC_SRC_LIB_INTERNAL_H
#define _UMC_SRC_LIB_INTERNAL_H

#include <linux/types.h>

/* kstrtox.c: simple_strtoull limited to @max_chars characters (sscanf field widths). */
unsigned long long umc_simple_strntoull(const char *cp, char **endp, unsigned int base,
					size_t max_chars);

/* printk.c: write one complete line (no trailing newline) at @level for @modname. */
void umc_log_line(int level, const char *modname, const char *msg, size_t len);

#endif
