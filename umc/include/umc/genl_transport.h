/* SPDX-License-Identifier: GPL-2.0 */
/*
 * umc/genl_transport.h - how a host transport (the daemon's control socket) talks generic
 * netlink to the families registered in umc (umc/src/genetlink.c). Usable from host-world
 * code (basic types only).
 *
 * A transport registers one client per connection, with the credentials it verified (they
 * answer GENL_ADMIN_PERM and capable() during that client's requests) and a deliver
 * callback. It then submits every message buffer the client sends; umc parses it as the
 * kernel parses a netlink datagram (several nlmsghdr possible), answers the controller
 * family (CTRL_CMD_GETFAMILY) itself, runs doit/dumpit/done of the target family, and
 * delivers replies, NLMSG_DONE, NLMSG_ERROR acks and multicast notifications through the
 * deliver callback, one datagram per call.
 */
#ifndef _UMC_UMC_GENL_TRANSPORT_H
#define _UMC_UMC_GENL_TRANSPORT_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

struct umc_genl_client;

/* Credentials of a client, as the transport verified them (e.g. SO_PEERCRED). */
struct umc_genl_cred {
	uint32_t pid;
	uint32_t uid;
	uint32_t gid;
	uint64_t caps; /* bit (1ULL << CAP_x) set for each capability the client holds */
};

/*
 * deliver - hand one datagram (@len bytes: one or more complete netlink messages) to the
 * client. @group is the multicast group for notifications, 0 for unicast. Called on the
 * submitting thread (replies) or on any DRBD thread (notifications), possibly concurrently
 * and with umc spinlocks held: it must copy the data and return without blocking. Return 0,
 * or a negative errno (e.g. -ENOBUFS when the client's queue is full: the datagram is lost
 * as on an overrun netlink socket).
 */
typedef int (*umc_genl_deliver_fn)(void *priv, const void *data, size_t len, uint32_t group);

/*
 * umc_genl_client_register - a new client with port id @portid (0: choose one, as netlink
 * autobind does). Returns 0 and *@out, -EADDRINUSE (port taken) or -ENOMEM.
 */
int umc_genl_client_register(struct umc_genl_client **out, uint32_t portid,
			     const struct umc_genl_cred *cred, umc_genl_deliver_fn deliver,
			     void *priv);
/* umc_genl_client_portid - the client's port id (the nl_pid getsockname reports). */
uint32_t umc_genl_client_portid(const struct umc_genl_client *c);
/*
 * umc_genl_client_unregister - forget the client and free it. Waits until no delivery to it
 * is running; after return deliver is never called again. Must not run concurrently with
 * umc_genl_submit() for the same client (the transport's connection thread does both).
 */
void umc_genl_client_unregister(struct umc_genl_client *c);
/* Multicast membership (NETLINK_ADD/DROP_MEMBERSHIP): 0 or -EINVAL for a bad group. */
int umc_genl_client_add_membership(struct umc_genl_client *c, uint32_t group);
int umc_genl_client_drop_membership(struct umc_genl_client *c, uint32_t group);
/*
 * umc_genl_submit - process the datagram @data/@len the client sent. Runs the handlers on
 * the calling thread (which must be known to umc) and returns when all replies were
 * delivered. Returns 0 (errors of individual messages are reported to the client as
 * NLMSG_ERROR, as the kernel does) or -ENOMEM.
 */
int umc_genl_submit(struct umc_genl_client *c, const void *data, size_t len);

#endif
