/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/capability.h - capable() (umc/src/capability.c).
 * Inside a generic netlink request (doit/dumpit/done running on the transport's thread)
 * capable() answers from the requesting client's credentials, which the host transport
 * supplied (<umc/genl_transport.h>). Everywhere else - DRBD's own threads, module init -
 * it returns true, as for a kernel thread. Never sleeps.
 */
#ifndef _UMC_LINUX_CAPABILITY_H
#define _UMC_LINUX_CAPABILITY_H

#include <linux/types.h>

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_NET_BIND_SERVICE 10
#define CAP_NET_BROADCAST 11
#define CAP_NET_ADMIN 12
#define CAP_NET_RAW 13
#define CAP_IPC_LOCK 14
#define CAP_SYS_MODULE 16
#define CAP_SYS_RAWIO 17
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_LAST_CAP 40
#define cap_valid(x) ((x) >= 0 && (x) <= CAP_LAST_CAP)

struct user_namespace;
struct file;
extern struct user_namespace init_user_ns;

bool capable(int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap);

#endif
