/* SPDX-License-Identifier: GPL-2.0 */
/* linux/reboot.h - reboot event codes (header-only). A umc process does not see the host
 * reboot; DRBD includes the header without using it. */
#ifndef _UMC_LINUX_REBOOT_H
#define _UMC_LINUX_REBOOT_H

#include <linux/notifier.h>

#define SYS_DOWN 0x0001
#define SYS_RESTART SYS_DOWN
#define SYS_HALT 0x0002
#define SYS_POWER_OFF 0x0003

#endif
