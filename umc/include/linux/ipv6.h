/* SPDX-License-Identifier: GPL-2.0 */
/* linux/ipv6.h - only the address definitions (linux/in6.h) are used. */
#ifndef _UMC_LINUX_IPV6_H
#define _UMC_LINUX_IPV6_H
#include <linux/in6.h>
#endif
