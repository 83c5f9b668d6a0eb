/* SPDX-License-Identifier: GPL-2.0 */
/* linux/rwlock_types.h - rwlock_t lives in linux/spinlock_types.h. */
#ifndef _UMC_LINUX_RWLOCK_TYPES_H
#define _UMC_LINUX_RWLOCK_TYPES_H
#include <linux/spinlock_types.h>
#endif
