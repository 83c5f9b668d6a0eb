/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/types.h - the kernel's integer and common types (header-only).
 * The C99 names (uint64_t, size_t, ...) use the compiler's predefined types so that they are
 * identical to glibc's; kernel-world test programs may include libc headers first.
 */
#ifndef _UMC_LINUX_TYPES_H
#define _UMC_LINUX_TYPES_H

#include <linux/compiler_types.h>

typedef __signed__ char __s8;
typedef unsigned char __u8;
typedef __signed__ short __s16;
typedef unsigned short __u16;
typedef __signed__ int __s32;
typedef unsigned int __u32;
typedef __signed__ long long __s64;
typedef unsigned long long __u64;

typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;
typedef unsigned __poll_t;

typedef __INT8_TYPE__ int8_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __INT16_TYPE__ int16_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __INT32_TYPE__ int32_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef long ssize_t;
typedef __UINT8_TYPE__ u_int8_t;
typedef __UINT16_TYPE__ u_int16_t;
typedef __UINT32_TYPE__ u_int32_t;
typedef __UINT64_TYPE__ u_int64_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char unchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;

#ifndef __bool_true_false_are_defined
typedef _Bool bool;
#endif

typedef unsigned long __kernel_ulong_t;
typedef long __kernel_long_t;
typedef __SIZE_TYPE__ __kernel_size_t;
typedef long __kernel_ssize_t;
typedef int __kernel_pid_t;
typedef long long __kernel_loff_t;
typedef long __kernel_time_t;
typedef long long time64_t;
typedef unsigned int __kernel_uid32_t;
typedef unsigned int __kernel_gid32_t;
typedef unsigned short __kernel_sa_family_t;

typedef u32 __kernel_dev_t;
typedef __kernel_dev_t dev_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef int pid_t;
typedef unsigned short umode_t;
typedef unsigned int mode_t;
typedef long long loff_t;
typedef long off_t;
typedef unsigned long ino_t;
typedef unsigned int nlink_t;
typedef long clock_t;
typedef unsigned long long sector_t;
typedef unsigned long long blkcnt_t;
typedef unsigned int __bitwise gfp_t;
typedef unsigned int __bitwise slab_flags_t;
typedef unsigned int __bitwise fmode_t;
typedef u64 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef unsigned long irq_hw_number_t;
typedef u64 dma_addr_t;
typedef unsigned short __kernel_sa_family_t_compat;

typedef struct {
	int counter;
} atomic_t;
#define ATOMIC_INIT(i) { (i) }

typedef struct {
	s64 counter;
} atomic64_t;
#define ATOMIC64_INIT(i) { (i) }
typedef atomic64_t atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

/* rcu_head: the storage call_rcu() needs; sized for sys_service rcu_call (4 pointers). */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
	void *sys_priv[4];
};
#define rcu_head callback_head
typedef void (*rcu_callback_t)(struct rcu_head *head);

#define DECLARE_BITMAP(name, bits) unsigned long name[((bits) + 63) / 64]

#endif
