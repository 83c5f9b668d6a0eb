/* SPDX-License-Identifier: GPL-2.0 */
/* linux/rwlock.h - rwlock_t operations live in linux/spinlock.h (umc/src/spinlock.c). */
#ifndef _UMC_LINUX_RWLOCK_H
#define _UMC_LINUX_RWLOCK_H
#include <linux/spinlock.h>
#endif
