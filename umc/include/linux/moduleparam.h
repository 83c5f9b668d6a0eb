/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/moduleparam.h - module parameters (umc/src/moduleparam.c).
 * module_param_named/module_param_string/module_param_cb place a struct kernel_param named
 * "<KBUILD_MODNAME>.<name>" in the "umc_params" section. The daemon sets them before module
 * init (--param) and reads/writes them later (sys/module/<mod>/parameters) through
 * <umc/module.h>; the kernel_param_ops get/set do the conversions with the kernel's formats
 * (get appends "\n", bools read back as Y/N). Sets and gets are serialised by one mutex
 * (kernel_param_lock); they may sleep.
 */
#ifndef _UMC_LINUX_MODULEPARAM_H
#define _UMC_LINUX_MODULEPARAM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "umc"
#endif
#define MODULE_PARAM_PREFIX KBUILD_MODNAME "."

struct kernel_param;
struct module;

enum {
	KERNEL_PARAM_OPS_FL_NOARG = (1 << 0),
};

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp); /* buffer: PAGE_SIZE bytes */
	void (*free)(void *arg);
};

enum {
	KERNEL_PARAM_FL_UNSAFE = (1 << 0),
	KERNEL_PARAM_FL_HWPARAM = (1 << 1),
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
	};
};

extern const struct kernel_param_ops param_ops_byte;
extern const struct kernel_param_ops param_ops_short;
extern const struct kernel_param_ops param_ops_ushort;
extern const struct kernel_param_ops param_ops_int;
extern const struct kernel_param_ops param_ops_uint;
extern const struct kernel_param_ops param_ops_long;
extern const struct kernel_param_ops param_ops_ulong;
extern const struct kernel_param_ops param_ops_ullong;
extern const struct kernel_param_ops param_ops_bool;
extern const struct kernel_param_ops param_ops_invbool;
extern const struct kernel_param_ops param_ops_string;

int param_set_int(const char *val, const struct kernel_param *kp);
int param_get_int(char *buffer, const struct kernel_param *kp);
int param_set_uint(const char *val, const struct kernel_param *kp);
int param_get_uint(char *buffer, const struct kernel_param *kp);
int param_set_bool(const char *val, const struct kernel_param *kp);
int param_get_bool(char *buffer, const struct kernel_param *kp);
int param_set_copystring(const char *val, const struct kernel_param *kp);
int param_get_string(char *buffer, const struct kernel_param *kp);

#define __param_check(name, p, type) \
	static inline type __always_unused *__check_##name(void) { return (p); }
#define param_check_byte(name, p) __param_check(name, p, unsigned char)
#define param_check_short(name, p) __param_check(name, p, short)
#define param_check_ushort(name, p) __param_check(name, p, unsigned short)
#define param_check_int(name, p) __param_check(name, p, int)
#define param_check_uint(name, p) __param_check(name, p, unsigned int)
#define param_check_long(name, p) __param_check(name, p, long)
#define param_check_ulong(name, p) __param_check(name, p, unsigned long)
#define param_check_ullong(name, p) __param_check(name, p, unsigned long long)
#define param_check_bool(name, p) __param_check(name, p, bool)
#define param_check_invbool(name, p) __param_check(name, p, bool)

#define __module_param_call(prefix, name, ops, arg, perm, level, flags) \
	static const char __param_str_##name[] = prefix #name; \
	static struct kernel_param __param_##name __used __section("umc_params") \
		__aligned(8) = { __param_str_##name, NULL, ops, (u16)(perm), level, flags, \
				 { arg } }

#define module_param_cb(name, ops, arg, perm) \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)
#define module_param_named(name, value, type, perm) \
	param_check_##type(name, &(value)); \
	module_param_cb(name, &param_ops_##type, &value, perm)
#define module_param(name, type, perm) module_param_named(name, name, type, perm)
#define module_param_string(name, string, len, perm) \
	static const struct kparam_string __param_string_##name = { len, string }; \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string, \
			    .str = &__param_string_##name, perm, -1, 0)
#define core_param(name, var, type, perm) module_param_named(name, var, type, perm)

void kernel_param_lock(struct module *mod);
void kernel_param_unlock(struct module *mod);

#endif
