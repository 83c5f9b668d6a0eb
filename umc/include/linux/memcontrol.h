/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/memcontrol.h - memory cgroups. umc has none: DRBD includes this header and uses
 * nothing from it. Pulls in linux/mm.h as Linux does.
 */
#ifndef _UMC_LINUX_MEMCONTROL_H
#define _UMC_LINUX_MEMCONTROL_H

#include <linux/mm.h>

#endif
