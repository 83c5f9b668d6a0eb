/* SPDX-License-Identifier: GPL-2.0 */
/* linux/kmod.h - as in the kernel, the user-mode helper API (linux/umh.h). */
#ifndef _UMC_LINUX_KMOD_H
#define _UMC_LINUX_KMOD_H
#include <linux/umh.h>
#endif
