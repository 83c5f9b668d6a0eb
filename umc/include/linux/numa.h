/* SPDX-License-Identifier: GPL-2.0 */
/* linux/numa.h - NUMA node numbers (header-only). umc has one node; node arguments are
 * accepted and ignored. */
#ifndef _UMC_LINUX_NUMA_H
#define _UMC_LINUX_NUMA_H

#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES 1

#endif
