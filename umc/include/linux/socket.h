/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/socket.h - socket addresses, struct msghdr and the Linux values of AF_*, PF_*, MSG_*,
 * SOL_* (header-only). The values are Linux's: they cross sys_service unchanged.
 */
#ifndef _UMC_LINUX_SOCKET_H
#define _UMC_LINUX_SOCKET_H

#include <linux/types.h>
#include <linux/uio.h>

typedef __kernel_sa_family_t sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

#define _K_SS_MAXSIZE 128
struct __kernel_sockaddr_storage {
	union {
		struct {
			__kernel_sa_family_t ss_family;
			char __data[_K_SS_MAXSIZE - sizeof(unsigned short)];
		};
		void *__align;
	};
};
#define sockaddr_storage __kernel_sockaddr_storage

struct linger {
	int l_onoff;
	int l_linger;
};

struct kiocb;
struct ubuf_info;
struct sock;
struct sk_buff;

struct msghdr {
	void *msg_name;     /* peer address for recvmsg/sendmsg, or NULL */
	int msg_namelen;
	int msg_inq;
	struct iov_iter msg_iter; /* data; advanced by the bytes transferred */
	union {
		void *msg_control;
		void __user *msg_control_user;
	};
	bool msg_control_is_user : 1;
	bool msg_get_inq : 1;
	unsigned int msg_flags; /* recvmsg: flags of the received message (MSG_TRUNC...) */
	__kernel_size_t msg_controllen;
	struct kiocb *msg_iocb;
	struct ubuf_info *msg_ubuf;
};

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL 1
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_INET_SDP 27 /* historical, as DRBD's "sdp" address family; not supported */
#define AF_MAX 46

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define PF_NETLINK AF_NETLINK
#define PF_PACKET AF_PACKET
#define PF_MAX AF_MAX

#define SOMAXCONN 4096

#define MSG_OOB 1
#define MSG_PEEK 2
#define MSG_DONTROUTE 4
#define MSG_TRYHARD 4
#define MSG_CTRUNC 8
#define MSG_PROBE 0x10
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_FIN 0x200
#define MSG_SYN 0x400
#define MSG_CONFIRM 0x800
#define MSG_RST 0x1000
#define MSG_ERRQUEUE 0x2000
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_WAITFORONE 0x10000
#define MSG_SENDPAGE_NOPOLICY 0x10000
#define MSG_SENDPAGE_NOTLAST 0x20000
#define MSG_BATCH 0x40000
#define MSG_EOF MSG_FIN
#define MSG_NO_SHARED_FRAGS 0x80000
#define MSG_SENDPAGE_DECRYPTED 0x100000
#define MSG_ZEROCOPY 0x4000000
#define MSG_FASTOPEN 0x20000000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SOL_IP 0
#define SOL_TCP 6
#define SOL_UDP 17
#define SOL_IPV6 41
#define SOL_SOCKET 1
#define SOL_NETLINK 270

/* SOL_SOCKET options (asm-generic values, as on x86-64) */
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33

#endif
