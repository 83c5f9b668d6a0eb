/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/debug.h - umc's per-module debug switch and printk plumbing (umc/src/printk.c).
 *
 * pr_debug(), dev_dbg()/dynamic_dev_dbg() print only when umc_debug_enabled(KBUILD_MODNAME)
 * is true (the kernel's dynamic debug, switched per module instead of per call site).
 * Module names are KBUILD_MODNAME values ("drbd", "umc") or subsystem names below them
 * ("umc.sock"): enabling "umc" enables "umc.sock" too.
 */
#ifndef _UMC_DEBUG_H
#define _UMC_DEBUG_H

#include <linux/types.h>
#include <linux/stdarg.h>

/*
 * umc_debug_set - replace the set of modules with debug output. @spec is a list separated by
 * commas or spaces: "drbd,umc" enables both, "all" (or "*") every module, "" none; a name
 * prefixed with '-' is excluded even under "all". Returns 0, -EINVAL (a name longer than 31
 * characters) or -ENOSPC (more than 32 distinct names over the process lifetime).
 * Takes a spinlock; may be called from any thread at any time.
 */
int umc_debug_set(const char *spec);

/* umc_debug_enabled - is debug output on for @modname? Lock-free; any context. */
bool umc_debug_enabled(const char *modname);

/*
 * umc_vprintk - the body of printk: @modname is the log subsystem (the caller's
 * KBUILD_MODNAME, passed by the printk() macro). Parses the KERN_ level prefix, joins
 * KERN_CONT continuations per thread until a newline, and writes each complete line with
 * sys->log_write. Returns the number of characters of the formatted message.
 */
int umc_vprintk(const char *modname, const char *fmt, va_list args) __attribute__((format(printf, 2, 0)));
int umc_printk(const char *modname, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * umc_printk_flush_thread - emit the calling thread's unterminated line, if any (a line
 * without newline waits for a KERN_CONT continuation until the thread's next printk).
 * Called by umc when a kernel thread exits.
 */
void umc_printk_flush_thread(void);

#endif
