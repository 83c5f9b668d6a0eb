/* SPDX-License-Identifier: GPL-2.0 */
/*
 * control_proto.h - the drbd-usermode control socket protocol, version 1.
 *
 * Shared by the daemon (server side) and the LD_PRELOAD shim (client side). Host world:
 * libc and the uapi <linux/netlink.h> only. Documented for users in docs/shim.md.
 *
 * Transport: the daemon listens on RUN_DIR/control.sock (DRBD_UM_CONTROL_SOCK), an AF_UNIX
 * SOCK_SEQPACKET socket of mode 0600. Every accepted connection is checked with SO_PEERCRED:
 * only the daemon's own uid and root are served.
 *
 * Framing: a datagram carries what one netlink datagram would carry: one or more netlink
 * messages, each starting with a struct nlmsghdr whose nlmsg_len covers header and payload.
 *
 *   client -> daemon: exactly the bytes a netlink client passed to send()/write() on its
 *       NETLINK_GENERIC socket, or one out-of-band request (below) in a datagram of its own.
 *   daemon -> client: exactly one datagram the kernel would deliver to that netlink socket
 *       (replies, NLMSG_ERROR acks, dump parts; NLMSG_DONE starts a datagram of its own;
 *       multicast notifications of the groups the client joined), or an out-of-band message.
 *
 * Out-of-band (OOB) messages use nlmsg_type values below NLMSG_MIN_TYPE (0x10) that the kernel
 * never sends or accepts (it uses 1..4): DRBD_UM_MSG_*. Their nlmsg_flags, nlmsg_seq and
 * nlmsg_pid are 0 when sent and ignored when received. Like every netlink message they are sent
 * padded to NLMSG_ALIGN(nlmsg_len) with zero bytes; receivers accept a missing final padding.
 *
 * Conversation:
 *  1. On accept the daemon sends one datagram: DRBD_UM_MSG_HELLO (struct drbd_um_hello) when it
 *     serves the client, or DRBD_UM_MSG_STATUS with a negative errno (-EACCES for a refused
 *     uid) followed by closing the connection.
 *  2. The client then speaks netlink. The portid of this "netlink socket" is hello.portid:
 *     clients put it in nlmsg_pid; replies to this connection carry it in nlmsg_pid.
 *  3. Rules the daemon keeps so the client side needs no reordering buffer:
 *     - it processes each connection's datagrams in order; a DRBD_UM_MSG_SETSOCKOPT takes effect
 *       before any later datagram of the same connection is processed;
 *     - after HELLO it sends OOB messages only as replies to a DRBD_UM_MSG_PROC_READ of that
 *       connection, and DRBD_UM_MSG_OVERRUN; it never sends zero-length datagrams.
 *  4. Multicast overrun, as netlink does it: the daemon queues notifications without blocking
 *     (MSG_DONTWAIT). When one does not fit, it is dropped and, unless the client set
 *     NETLINK_NO_ENOBUFS, the daemon sends one DRBD_UM_MSG_OVERRUN (no payload) as the next
 *     datagram of that connection once there is room. The shim turns it into one receive call
 *     failing with ENOBUFS (the kernel's sk_err), which drbdsetup reports as an overrun.
 *     Dump parts and replies may block the daemon's thread serving that client, never others.
 *  5. Closing the connection closes the netlink socket (memberships dropped, dumps abandoned).
 *
 * Versioning: DRBD_UM_PROTO_VERSION changes when the meaning of a message changes. Structures
 * only grow at their end; a receiver accepts a payload longer than the structure it knows and
 * ignores the excess, and rejects one that is shorter.
 */
#ifndef DRBD_UM_CONTROL_PROTO_H
#define DRBD_UM_CONTROL_PROTO_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/netlink.h>

#define DRBD_UM_CONTROL_SOCK    "control.sock"
#define DRBD_UM_PROTO_MAGIC     0x4452554dU     /* "DRUM" */
#define DRBD_UM_PROTO_VERSION   1

/* Largest payload of one DRBD_UM_MSG_DATA datagram. */
#define DRBD_UM_DATA_MAX        8192

/* Out-of-band nlmsg_type values (all < NLMSG_MIN_TYPE). */
enum drbd_um_msg_type {
	/* daemon -> client: notifications for this connection were dropped. No payload. */
	DRBD_UM_MSG_OVERRUN     = 0x0a,
	/* daemon -> client, first datagram of a served connection: struct drbd_um_hello. */
	DRBD_UM_MSG_HELLO       = 0x0b,
	/* client -> daemon: struct drbd_um_setsockopt (+ option value). No reply. */
	DRBD_UM_MSG_SETSOCKOPT  = 0x0c,
	/* client -> daemon: struct drbd_um_proc_read. Reply: DRBD_UM_MSG_DATA* DRBD_UM_MSG_STATUS. */
	DRBD_UM_MSG_PROC_READ   = 0x0d,
	/* daemon -> client: up to DRBD_UM_DATA_MAX bytes of a reply's content. */
	DRBD_UM_MSG_DATA        = 0x0e,
	/* daemon -> client: struct drbd_um_status; ends a reply, or refuses a connection. */
	DRBD_UM_MSG_STATUS      = 0x0f,
};

struct drbd_um_hello {
	uint32_t magic;         /* DRBD_UM_PROTO_MAGIC */
	uint32_t version;       /* DRBD_UM_PROTO_VERSION of the daemon */
	uint32_t portid;        /* netlink portid of this connection, != 0, unique per daemon */
	uint32_t daemon_pid;    /* informational */
};

/*
 * setsockopt(fd, SOL_NETLINK, optname, value, optlen) of the client, forwarded in band.
 * optname: NETLINK_ADD_MEMBERSHIP / NETLINK_DROP_MEMBERSHIP (value: u32 group id != 0) must be
 * honoured; NETLINK_BROADCAST_ERROR, NETLINK_NO_ENOBUFS, NETLINK_CAP_ACK, NETLINK_EXT_ACK and
 * NETLINK_GET_STRICT_CHK (value: int 0/1) may be. Unknown options or groups: ignored (the daemon
 * logs them once); the shim has already validated what the kernel validates locally.
 */
struct drbd_um_setsockopt {
	uint32_t level;         /* SOL_NETLINK (270) */
	uint32_t optname;
	uint32_t optlen;        /* bytes of value following this structure */
	uint32_t reserved;      /* 0 */
	/* uint8_t value[optlen]; */
};

/*
 * Read a file of the daemon's /proc: path is relative to /proc and NUL-terminated inside the
 * payload ("drbd" for /proc/drbd). The daemon answers with the file's content in DATA
 * datagrams and a STATUS (0, or -ENOENT for an unknown path).
 */
struct drbd_um_proc_read {
	uint32_t reserved;      /* 0 */
	char path[];            /* NUL-terminated */
};

struct drbd_um_status {
	int32_t error;          /* 0 or a negative errno */
	uint32_t reserved;      /* 0 */
};

/* Fill in the netlink header of an OOB message with payload_len bytes of payload. */
static inline void drbd_um_msg_init(struct nlmsghdr *nlh, uint16_t type, size_t payload_len)
{
	nlh->nlmsg_len = (uint32_t)NLMSG_LENGTH(payload_len);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = 0;
	nlh->nlmsg_seq = 0;
	nlh->nlmsg_pid = 0;
}

/*
 * Validate a received OOB datagram of @len bytes in @buf: its first message must be complete
 * and of @type with at least @min_payload bytes of payload. Returns the payload or NULL
 * (errno EPROTO).
 */
static inline const void *drbd_um_msg_payload(const void *buf, size_t len, uint16_t type,
					      size_t min_payload)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_LENGTH(min_payload) ||
	    nlh->nlmsg_len > len || nlh->nlmsg_type != type) {
		errno = EPROTO;
		return NULL;
	}
	return (const char *)buf + NLMSG_HDRLEN;
}

/* Payload length of a message validated with drbd_um_msg_payload(). */
static inline size_t drbd_um_msg_payload_len(const void *buf)
{
	return ((const struct nlmsghdr *)buf)->nlmsg_len - NLMSG_HDRLEN;
}

#endif /* DRBD_UM_CONTROL_PROTO_H */
