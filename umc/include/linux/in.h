/* SPDX-License-Identifier: GPL-2.0 */
/* linux/in.h - IPv4 addresses and protocol numbers, Linux values (header-only). */
#ifndef _UMC_LINUX_IN_H
#define _UMC_LINUX_IN_H

#include <linux/types.h>
#include <linux/socket.h>
#include <asm/byteorder.h>

enum {
	IPPROTO_IP = 0,
	IPPROTO_ICMP = 1,
	IPPROTO_TCP = 6,
	IPPROTO_UDP = 17,
	IPPROTO_IPV6 = 41,
	IPPROTO_SCTP = 132,
	IPPROTO_RAW = 255,
	IPPROTO_MAX
};

struct in_addr {
	__be32 s_addr;
};

#define __SOCK_SIZE__ 16
struct sockaddr_in {
	__kernel_sa_family_t sin_family;
	__be16 sin_port;
	struct in_addr sin_addr;
	unsigned char __pad[__SOCK_SIZE__ - sizeof(short int) - sizeof(unsigned short int) -
			    sizeof(struct in_addr)];
};
#define sin_zero __pad

#define INADDR_ANY ((unsigned long int)0x00000000)
#define INADDR_BROADCAST ((unsigned long int)0xffffffff)
#define INADDR_NONE ((unsigned long int)0xffffffff)
#define INADDR_LOOPBACK 0x7f000001
#define IN_LOOPBACKNET 127

#define IP_TOS 1

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & cpu_to_be32(0xff000000)) == cpu_to_be32(0x7f000000);
}

#endif
