// SPDX-License-Identifier: GPL-2.0
/*
 * module.c - module_init/module_exit registry, MODULE_* strings and the module reference
 * count (linux/module.h, umc/module.h).
 *
 * The refcount works like the kernel's: a live module holds a base reference of 1;
 * try_module_get increments unless the count is 0 (the module is going away);
 * umc_module_exit_all removes the base reference only if nobody else holds one.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <umc/module.h>

struct module __this_module = {
	.state = MODULE_STATE_UNFORMED,
	.name = "umc",
	.version = NULL,
	.srcversion = "",
	.refcnt = ATOMIC_INIT(0),
};

extern const struct umc_initcall __start_umc_initcalls[] __weak;
extern const struct umc_initcall __stop_umc_initcalls[] __weak;
extern const struct umc_modinfo __start_umc_modinfo[] __weak;
extern const struct umc_modinfo __stop_umc_modinfo[] __weak;

static DEFINE_MUTEX(module_mutex);

#define MAX_MODULES 16
static const char *live_modules[MAX_MODULES]; /* initialised, in init order */
static int n_live;

static int n_initcalls(void)
{
	if (!__start_umc_initcalls || !__stop_umc_initcalls)
		return 0;
	return (int)(__stop_umc_initcalls - __start_umc_initcalls);
}

/* Distinct module names of the initcall table, in link order. */
static int module_names(const char **names)
{
	int i, j, n = 0;

	for (i = 0; i < n_initcalls(); i++) {
		const char *m = __start_umc_initcalls[i].modname;

		for (j = 0; j < n; j++)
			if (!strcmp(names[j], m))
				break;
		if (j == n && n < MAX_MODULES)
			names[n++] = m;
	}
	return n;
}

static initcall_t find_init(const char *mod)
{
	int i;

	for (i = 0; i < n_initcalls(); i++)
		if (!strcmp(__start_umc_initcalls[i].modname, mod) && __start_umc_initcalls[i].init)
			return __start_umc_initcalls[i].init;
	return NULL;
}

static exitcall_t find_exit(const char *mod)
{
	int i;

	for (i = 0; i < n_initcalls(); i++)
		if (!strcmp(__start_umc_initcalls[i].modname, mod) && __start_umc_initcalls[i].exit)
			return __start_umc_initcalls[i].exit;
	return NULL;
}

static void run_exits(void)
{
	while (n_live > 0) {
		exitcall_t fn = find_exit(live_modules[--n_live]);

		if (fn)
			fn();
	}
}

int umc_module_init_all(void)
{
	const char *names[MAX_MODULES];
	int i, n, err = 0;

	mutex_lock(&module_mutex);
	if (__this_module.state == MODULE_STATE_LIVE || __this_module.state == MODULE_STATE_COMING) {
		mutex_unlock(&module_mutex);
		return -EBUSY;
	}
	n = module_names(names);
	if (n > 0) {
		__this_module.name = names[0];
		__this_module.version = umc_module_info(names[0], "version");
	}
	__this_module.state = MODULE_STATE_COMING;
	atomic_set(&__this_module.refcnt, 1);
	for (i = 0; i < n; i++) {
		initcall_t fn = find_init(names[i]);

		err = fn ? fn() : 0;
		if (err) {
			pr_warn("%s: module init failed: %d\n", names[i], err);
			break;
		}
		live_modules[n_live++] = names[i];
	}
	if (err) {
		__this_module.state = MODULE_STATE_GOING;
		run_exits();
		atomic_set(&__this_module.refcnt, 0);
		__this_module.state = MODULE_STATE_UNFORMED;
	} else {
		__this_module.state = MODULE_STATE_LIVE;
	}
	mutex_unlock(&module_mutex);
	return err;
}

int umc_module_exit_all(void)
{
	mutex_lock(&module_mutex);
	if (__this_module.state != MODULE_STATE_LIVE) {
		mutex_unlock(&module_mutex);
		return -ENOENT;
	}
	/* drop the base reference only if it is the last one */
	if (atomic_cmpxchg(&__this_module.refcnt, 1, 0) != 1) {
		mutex_unlock(&module_mutex);
		return -EBUSY;
	}
	__this_module.state = MODULE_STATE_GOING;
	run_exits();
	__this_module.state = MODULE_STATE_UNFORMED;
	mutex_unlock(&module_mutex);
	return 0;
}

int umc_module_refcount(void)
{
	return module_refcount(&__this_module);
}

int module_refcount(struct module *mod)
{
	int c = atomic_read(&mod->refcnt);

	return c > 0 ? c - 1 : 0;
}

bool try_module_get(struct module *module)
{
	if (!module)
		return true;
	return atomic_inc_not_zero(&module->refcnt);
}

void __module_get(struct module *module)
{
	if (module)
		atomic_inc(&module->refcnt);
}

/* woken when a module's count falls back to its base reference (umc_module_wait_unused) */
static DECLARE_WAIT_QUEUE_HEAD(module_unused_wq);

void module_put(struct module *module)
{
	int left;

	if (!module)
		return;
	left = atomic_dec_return(&module->refcnt);
	WARN_ON(left < 0);
	if (left <= 1)
		wake_up_all(&module_unused_wq);
}

int umc_module_wait_unused(unsigned int timeout_ms)
{
	long left = wait_event_timeout(module_unused_wq, module_refcount(&__this_module) == 0,
				       msecs_to_jiffies(timeout_ms));

	return left ? 0 : -EBUSY;
}

const char *umc_module_info(const char *modname, const char *key)
{
	const struct umc_modinfo *i;

	if (!__start_umc_modinfo || !__stop_umc_modinfo)
		return NULL;
	for (i = __start_umc_modinfo; i < __stop_umc_modinfo; i++)
		if (!i->name && !strcmp(i->modname, modname) && !strcmp(i->key, key))
			return i->value;
	return NULL;
}

/* MODULE_PARM_DESC text of parameter @param of module @modname, or NULL. */
const char *umc_module_parmdesc(const char *modname, size_t modlen, const char *param);
const char *umc_module_parmdesc(const char *modname, size_t modlen, const char *param)
{
	const struct umc_modinfo *i;

	if (!__start_umc_modinfo || !__stop_umc_modinfo)
		return NULL;
	for (i = __start_umc_modinfo; i < __stop_umc_modinfo; i++)
		if (i->name && !strcmp(i->key, "parmdesc") && !strcmp(i->name, param) &&
		    strlen(i->modname) == modlen && !strncmp(i->modname, modname, modlen))
			return i->value;
	return NULL;
}
