/* SPDX-License-Identifier: GPL-2.0 */
/* linux/sched/types.h - scheduling parameter structs (types only). */
#ifndef _UMC_LINUX_SCHED_TYPES_H
#define _UMC_LINUX_SCHED_TYPES_H
#include <uapi/linux/sched/types.h>
#endif
