/* SPDX-License-Identifier: GPL-2.0 */
/* linux/pkt_sched.h - the TC_PRIO_* socket priorities DRBD assigns (header-only). */
#ifndef _UMC_LINUX_PKT_SCHED_H
#define _UMC_LINUX_PKT_SCHED_H
#define TC_PRIO_BESTEFFORT 0
#define TC_PRIO_FILLER 1
#define TC_PRIO_BULK 2
#define TC_PRIO_INTERACTIVE_BULK 4
#define TC_PRIO_INTERACTIVE 6
#define TC_PRIO_CONTROL 7
#define TC_PRIO_MAX 15
#endif
