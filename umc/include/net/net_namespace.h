/* SPDX-License-Identifier: GPL-2.0 */
/* net/net_namespace.h - one network namespace, the host's: init_net (umc/src/socket.c). */
#ifndef _UMC_NET_NET_NAMESPACE_H
#define _UMC_NET_NET_NAMESPACE_H
#include <linux/types.h>
struct sock;
struct net {
	struct sock *genl_sock; /* always NULL: netlink delivery does not use a kernel sock */
};
extern struct net init_net;
static inline struct net *get_net(struct net *net) { return net; }
static inline void put_net(struct net *net) { (void)net; }
#define sock_net(sk) (&init_net)
#endif
