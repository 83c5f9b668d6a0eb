// SPDX-License-Identifier: GPL-2.0
/*
 * moduleparam.c - module parameters (linux/moduleparam.h, umc/module.h): the kernel_param
 * table in section "umc_params", the standard kernel_param_ops with the kernel's text
 * formats, and the daemon's lookup/set/get. One mutex (kernel_param_lock) serialises
 * every set and get, as sysfs does.
 */
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <asm/page.h>
#include <umc/module.h>

extern struct kernel_param __start_umc_params[] __weak;
extern struct kernel_param __stop_umc_params[] __weak;

const char *umc_module_parmdesc(const char *modname, size_t modlen, const char *param);

static DEFINE_MUTEX(param_lock);

void kernel_param_lock(struct module *mod)
{
	(void)mod;
	mutex_lock(&param_lock);
}

void kernel_param_unlock(struct module *mod)
{
	(void)mod;
	mutex_unlock(&param_lock);
}

/* ---------------------------------------------------------------- standard ops */

/* compare through long double so that unsigned types do not warn about "< 0" */
#define PARAM_IN_RANGE(v, lo, hi) \
	((long double)(v) >= (long double)(lo) && (long double)(v) <= (long double)(hi))

#define PARAM_INT(name, type, fmt, parse_t, parse, lo, hi) \
	static int param_set_##name(const char *val, const struct kernel_param *kp) \
	{ \
		parse_t v; \
		int err = parse(val, 0, &v); \
		if (err) \
			return err; \
		if (!PARAM_IN_RANGE(v, lo, hi)) \
			return -ERANGE; \
		*(type *)kp->arg = (type)v; \
		return 0; \
	} \
	static int param_get_##name(char *buffer, const struct kernel_param *kp) \
	{ \
		return scnprintf(buffer, PAGE_SIZE, fmt "\n", *(type *)kp->arg); \
	} \
	const struct kernel_param_ops param_ops_##name = { \
		.set = param_set_##name, .get = param_get_##name, \
	}

PARAM_INT(byte, unsigned char, "%hhu", unsigned long, kstrtoul, 0, U8_MAX);
PARAM_INT(short, short, "%hi", long, kstrtol, S16_MIN, S16_MAX);
PARAM_INT(ushort, unsigned short, "%hu", unsigned long, kstrtoul, 0, U16_MAX);
PARAM_INT(long, long, "%li", long, kstrtol, LONG_MIN, LONG_MAX);
PARAM_INT(ulong, unsigned long, "%lu", unsigned long, kstrtoul, 0, ULONG_MAX);
PARAM_INT(ullong, unsigned long long, "%llu", unsigned long long, kstrtoull, 0, ULLONG_MAX);

int param_set_int(const char *val, const struct kernel_param *kp)
{
	return kstrtoint(val, 0, kp->arg);
}

int param_get_int(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%i\n", *(int *)kp->arg);
}

const struct kernel_param_ops param_ops_int = {
	.set = param_set_int,
	.get = param_get_int,
};

int param_set_uint(const char *val, const struct kernel_param *kp)
{
	return kstrtouint(val, 0, kp->arg);
}

int param_get_uint(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%u\n", *(unsigned int *)kp->arg);
}

const struct kernel_param_ops param_ops_uint = {
	.set = param_set_uint,
	.get = param_get_uint,
};

int param_set_bool(const char *val, const struct kernel_param *kp)
{
	/* a bare "param" means true */
	if (!val)
		val = "1";
	return kstrtobool(val, kp->arg);
}

int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool,
	.get = param_get_bool,
};

static int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err = param_set_bool(val, &(struct kernel_param){ .arg = &v });

	if (!err)
		*(bool *)kp->arg = !v;
	return err;
}

static int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}

const struct kernel_param_ops param_ops_invbool = {
	.set = param_set_invbool,
	.get = param_get_invbool,
};

int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (strlen(val) + 1 > kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strcpy(kps->string, val);
	return 0;
}

int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%s\n", kp->str->string);
}

const struct kernel_param_ops param_ops_string = {
	.set = param_set_copystring,
	.get = param_get_string,
};

/* ---------------------------------------------------------------- registry */

static int n_params(void)
{
	if (!__start_umc_params || !__stop_umc_params)
		return 0;
	return (int)(__stop_umc_params - __start_umc_params);
}

/* "<mod>.<param>" exactly, or "<param>" if exactly one module has it. */
static struct kernel_param *param_find(const char *name)
{
	struct kernel_param *found = NULL;
	int i, hits = 0;

	for (i = 0; i < n_params(); i++) {
		struct kernel_param *kp = &__start_umc_params[i];
		const char *dot = strchr(kp->name, '.');

		if (!strcmp(kp->name, name))
			return kp;
		if (dot && !strcmp(dot + 1, name)) {
			found = kp;
			hits++;
		}
	}
	return hits == 1 ? found : NULL;
}

static int param_set(const char *name, const char *val, bool check_perm)
{
	struct kernel_param *kp = param_find(name);
	int err;

	if (!kp)
		return -ENOENT;
	if (check_perm && !(kp->perm & 0222))
		return -EACCES;
	if (!val && !(kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
		return -EINVAL;
	kernel_param_lock(kp->mod);
	err = kp->ops->set(val, kp);
	kernel_param_unlock(kp->mod);
	return err;
}

int umc_param_set(const char *name, const char *val)
{
	return param_set(name, val, false);
}

int umc_param_write(const char *name, const char *val)
{
	return param_set(name, val, true);
}

int umc_param_get(const char *name, char *buf, size_t len)
{
	struct kernel_param *kp = param_find(name);
	char *tmp;
	int n;

	if (!kp)
		return -ENOENT;
	tmp = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	kernel_param_lock(kp->mod);
	n = kp->ops->get(tmp, kp);
	kernel_param_unlock(kp->mod);
	if (n >= 0 && len) {
		size_t c = min_t(size_t, (size_t)n, len - 1);

		memcpy(buf, tmp, c);
		buf[c] = '\0';
	}
	kfree(tmp);
	return n;
}

int umc_param_for_each(int (*fn)(void *ctx, const char *name, unsigned int perm,
				 const char *desc),
		       void *ctx)
{
	int i, ret = 0;

	for (i = 0; i < n_params() && !ret; i++) {
		struct kernel_param *kp = &__start_umc_params[i];
		const char *dot = strchr(kp->name, '.');
		const char *desc = NULL;

		if (dot)
			desc = umc_module_parmdesc(kp->name, (size_t)(dot - kp->name), dot + 1);
		ret = fn(ctx, kp->name, kp->perm, desc);
	}
	return ret;
}
