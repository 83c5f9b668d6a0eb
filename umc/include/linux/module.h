/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/module.h - module glue (umc/src/module.c).
 * module_init()/module_exit() record their function in the "umc_initcalls" section;
 * the daemon runs them with umc_module_init_all()/umc_module_exit_all() (<umc/module.h>).
 * MODULE_VERSION/LICENSE/AUTHOR/DESCRIPTION/ALIAS/INFO keep their strings in the
 * "umc_modinfo" section (umc_module_info() looks them up). THIS_MODULE is one struct module
 * for the process with a real reference count: try_module_get fails once unloading began,
 * and umc_module_exit_all refuses (-EBUSY) while references are held.
 * try_module_get/module_put never sleep.
 */
#ifndef _UMC_LINUX_MODULE_H
#define _UMC_LINUX_MODULE_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/stringify.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/kmod.h> /* drbd-block addition: as Linux's module.h (UMH_* in drbd_nl.c) */

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "umc"
#endif

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

struct module {
	enum module_state state;
	const char *name;
	const char *version;
	const char *srcversion;
	atomic_t refcnt;
};

extern struct module __this_module;

/* One module_init or module_exit of a module, in section "umc_initcalls". */
struct umc_initcall {
	const char *modname;
	initcall_t init;
	exitcall_t exit;
};

/* One MODULE_* string, in section "umc_modinfo". */
struct umc_modinfo {
	const char *modname;
	const char *key;
	const char *name; /* parameter name for "parmdesc"/"parmtype", else NULL */
	const char *value;
};

#define __UMC_INITCALL(fn_init, fn_exit, id) \
	static const struct umc_initcall id __used __section("umc_initcalls") __aligned(8) = { \
		.modname = KBUILD_MODNAME, .init = fn_init, .exit = fn_exit };

#define module_init(initfn) \
	static inline initcall_t __maybe_unused __inittest(void) { return initfn; } \
	__UMC_INITCALL(initfn, NULL, __UNIQUE_ID(umc_initcall_))
#define module_exit(exitfn) \
	static inline exitcall_t __maybe_unused __exittest(void) { return exitfn; } \
	__UMC_INITCALL(NULL, exitfn, __UNIQUE_ID(umc_exitcall_))

#define __UMC_MODINFO(k, n, v) \
	static const struct umc_modinfo __UNIQUE_ID(umc_modinfo_) __used \
		__section("umc_modinfo") __aligned(8) = { \
		.modname = KBUILD_MODNAME, .key = k, .name = n, .value = v }

#define MODULE_INFO(tag, info) __UMC_MODINFO(__stringify(tag), NULL, info)
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, #ns)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_ALIAS_BLOCKDEV(major, minor) \
	MODULE_ALIAS("block-major-" __stringify(major) "-" __stringify(minor))
#define MODULE_ALIAS_BLOCKDEV_MAJOR(major) \
	MODULE_ALIAS("block-major-" __stringify(major) "-*")
#define MODULE_PARM_DESC(_parm, desc) __UMC_MODINFO("parmdesc", #_parm, desc)

/* try_module_get - take a reference unless the module is going away. NULL: true. */
bool try_module_get(struct module *module);
void __module_get(struct module *module);
void module_put(struct module *module);
int module_refcount(struct module *mod);
#define module_name(mod) ((mod) ? (mod)->name : "kernel")
#define symbol_get(x) (&(x))
#define symbol_put(x) do { } while (0)

#endif
