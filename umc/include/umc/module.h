/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/module.h - the daemon's side of module glue (umc/src/module.c, moduleparam.c).
 * Usable from host-world code (only basic types). All of these may sleep; call them from a
 * thread known to umc (after umc_init()).
 */
#ifndef _UMC_UMC_MODULE_H
#define _UMC_UMC_MODULE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#endif

/*
 * umc_module_init_all - run every module_init() function linked into the program, in link
 * order. If one fails, the exit functions of the modules already initialised run (in
 * reverse order) and its error is returned. 0 on success; -EBUSY if already initialised.
 */
int umc_module_init_all(void);
/*
 * umc_module_exit_all - refuse with -EBUSY while module references are held
 * (try_module_get), else mark the module going and run every module_exit() in reverse
 * order. 0 on success, -ENOENT if nothing was initialised.
 */
int umc_module_exit_all(void);
/* umc_module_refcount - references currently held on THIS_MODULE. */
int umc_module_refcount(void);
/*
 * umc_module_wait_unused - sleep until no reference is held on THIS_MODULE (threads such as
 * DRBD's worker drop theirs as they exit), at most @timeout_ms. 0, or -EBUSY on timeout.
 * The caller must be a umc task (e.g. the thread that called umc_init).
 */
int umc_module_wait_unused(unsigned int timeout_ms);
/* umc_module_info - the value of MODULE_<KEY>(...) of module @modname (e.g. "drbd",
 * "version"), or NULL. */
const char *umc_module_info(const char *modname, const char *key);

/*
 * Module parameters. @name is "<module>.<param>" or just "<param>" when unambiguous.
 * umc_param_set - set from a string like the kernel command line: ignores the permission
 * bits. umc_param_write - set like a write to /sys/module/<m>/parameters/<p>: -EACCES
 * unless the parameter is writable (perm & 0222). Both return 0, -ENOENT (unknown),
 * -EINVAL/-ERANGE/-ENOSPC (conversion) .
 * umc_param_get - the kernel's text form (with the trailing newline) into @buf (NUL
 * terminated, truncated to @len); returns the full length or -ENOENT.
 */
int umc_param_set(const char *name, const char *val);
int umc_param_write(const char *name, const char *val);
int umc_param_get(const char *name, char *buf, size_t len);
/*
 * umc_param_for_each - call @fn for every parameter (full name, permission bits, the
 * MODULE_PARM_DESC text or NULL) until it returns non-zero, which is then returned.
 */
int umc_param_for_each(int (*fn)(void *ctx, const char *name, unsigned int perm,
				 const char *desc),
		       void *ctx);

/* umc_usermodehelper_set_enabled - allow or refuse call_usermodehelper (refused: -EBUSY). */
void umc_usermodehelper_set_enabled(bool enabled);

#endif
