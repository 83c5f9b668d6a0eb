/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/umh.h - user-mode helpers (umc/src/umh.c): call_usermodehelper runs @path with
 * @argv/@envp through sys->proc_run. Only UMH_WAIT_PROC is supported (what DRBD uses); it
 * sleeps until the program ends and returns the wait status as the kernel does
 * (exit code << 8; (ret >> 8) & 0xff is the exit code), 0 for an empty @path, -EBUSY when
 * helpers are disabled (umc_usermodehelper_set_enabled), or a negative errno when the
 * program could not be started (the kernel reports 0 there; DRBD ignores both).
 * Other wait modes return -EOPNOTSUPP (logged once).
 */
#ifndef _UMC_LINUX_UMH_H
#define _UMC_LINUX_UMH_H

#include <linux/types.h>

#define UMH_NO_WAIT 0x00
#define UMH_WAIT_EXEC 0x01
#define UMH_WAIT_PROC 0x02
#define UMH_KILLABLE 0x04
#define UMH_FREEZABLE 0x08

int call_usermodehelper(const char *path, char **argv, char **envp, int wait);

#endif
