/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/init.h - initcalls. A module_init()/module_exit() pair is recorded in the
 * "umc_initcalls" section so the daemon finds and runs it (umc/src/module.c).
 */
#ifndef _UMC_LINUX_INIT_H
#define _UMC_LINUX_INIT_H
#include <linux/compiler.h>
#include <linux/types.h>
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);
#define __initconst
#define __exit_p(x) x
#define __init_or_module
#endif
