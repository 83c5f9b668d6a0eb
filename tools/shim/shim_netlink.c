// SPDX-License-Identifier: GPL-2.0
/*
 * shim_netlink.c - socket(AF_NETLINK, *, NETLINK_GENERIC) as a connection to the daemon.
 *
 * The descriptor the program gets is a connected AF_UNIX SOCK_SEQPACKET socket: datagram
 * boundaries, MSG_PEEK, MSG_TRUNC (flag and return value) and MSG_DONTWAIT behave as on a
 * netlink socket, and poll/select/epoll work unchanged. What differs is patched here:
 *   - addresses: bind/connect/getsockname/getpeername speak sockaddr_nl; received datagrams
 *     come from {AF_NETLINK, nl_pid 0} (msg_namelen 12); destinations other than the kernel
 *     (nl_pid 0) are refused with ECONNREFUSED, multicast sends with EPERM;
 *   - SOL_NETLINK options are forwarded in band (control_proto.h) and mirrored for getsockopt;
 *     SO_TYPE/SO_DOMAIN/SO_PROTOCOL answer as netlink; other SOL_SOCKET options (SO_SNDBUF,
 *     SO_RCVBUF, SO_PASSCRED, filters) apply to the UNIX socket;
 *   - the daemon going away: sends fail with ECONNREFUSED instead of raising SIGPIPE, and
 *     receives fail with ECONNRESET instead of returning 0 (netlink sockets never see EOF);
 *   - the daemon's DRBD_UM_MSG_OVERRUN marker becomes one receive failing with ENOBUFS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "shim.h"
#include "control_proto.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* How long socket() waits for the daemon's HELLO before giving up. */
#define SHIM_HELLO_TIMEOUT_S 30

REAL_SLOT(socket);
REAL_SLOT(connect);
REAL_SLOT(bind);
REAL_SLOT(close);
REAL_SLOT(getsockname);
REAL_SLOT(getpeername);
REAL_SLOT(setsockopt);
REAL_SLOT(getsockopt);
REAL_SLOT(send);
REAL_SLOT(sendto);
REAL_SLOT(sendmsg);
REAL_SLOT(recv);
REAL_SLOT(recvfrom);
REAL_SLOT(recvmsg);
REAL_SLOT(read);
REAL_SLOT(write);

/* ---- connecting --------------------------------------------------------------------- */

static int set_rcvtimeo(int fd, time_t sec)
{
	struct timeval tv = { .tv_sec = sec };

	return REAL(setsockopt)(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

int shim_control_connect(bool cloexec, struct drbd_um_hello *hello)
{
	union {
		struct nlmsghdr nlh;
		char bytes[256];
	} buf;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct ucred cred;
	socklen_t cred_len = sizeof(cred);
	const struct drbd_um_hello *h;
	const struct drbd_um_status *status;
	int fd, n, err;
	ssize_t got;

	n = snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s", shim_run_dir(),
		     DRBD_UM_CONTROL_SOCK);
	if (n < 0 || (size_t)n >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = REAL(socket)(AF_UNIX, SOCK_SEQPACKET | (cloexec ? SOCK_CLOEXEC : 0), 0);
	if (fd < 0)
		return -1;
	while (REAL(connect)(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		if (errno != EINTR)
			goto fail;
	}
	/* Only a daemon of our own uid (or root) may play the kernel for us; root may use any
	 * user's daemon (the daemon serves root, as the kernel module does). */
	if (REAL(getsockopt)(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) != 0)
		goto fail;
	if (cred.uid != geteuid() && cred.uid != 0 && geteuid() != 0) {
		shim_log("%s belongs to uid %u, not to us: refusing it", sun.sun_path,
			 (unsigned int)cred.uid);
		errno = EACCES;
		goto fail;
	}
	if (set_rcvtimeo(fd, SHIM_HELLO_TIMEOUT_S) != 0)
		goto fail;
	do {
		got = REAL(recv)(fd, buf.bytes, sizeof(buf.bytes), 0);
	} while (got < 0 && errno == EINTR);
	if (got < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			shim_log("no HELLO from the daemon at %s within %d s", sun.sun_path,
				 SHIM_HELLO_TIMEOUT_S);
			errno = ETIMEDOUT;
		}
		goto fail;
	}
	if (got == 0) {
		errno = ECONNRESET;
		goto fail;
	}
	if (set_rcvtimeo(fd, 0) != 0)
		goto fail;
	status = drbd_um_msg_payload(buf.bytes, (size_t)got, DRBD_UM_MSG_STATUS, sizeof(*status));
	if (status) {
		errno = status->error < 0 ? -status->error : EPROTO;
		shim_log("the daemon at %s refused us: %s", sun.sun_path, strerror(errno));
		goto fail;
	}
	h = drbd_um_msg_payload(buf.bytes, (size_t)got, DRBD_UM_MSG_HELLO, sizeof(*h));
	if (!h || h->magic != DRBD_UM_PROTO_MAGIC || h->portid == 0) {
		shim_log("%s does not speak the drbd-usermode control protocol", sun.sun_path);
		errno = EPROTO;
		goto fail;
	}
	if (h->version != DRBD_UM_PROTO_VERSION) {
		shim_log("daemon at %s speaks control protocol %u, this shim %u", sun.sun_path,
			 h->version, DRBD_UM_PROTO_VERSION);
		errno = EPROTONOSUPPORT;
		goto fail;
	}
	*hello = *h;
	return fd;
fail:
	err = errno;
	REAL(close)(fd);
	errno = err;
	return -1;
}

/* ---- helpers ------------------------------------------------------------------------- */

static bool nl_get(int fd, struct shim_fd_info *info)
{
	return shim_active() && shim_fd_tracked(fd) && shim_fd_get(fd, info) &&
	       info->kind == SHIM_FD_NETLINK;
}

static void fill_nl_addr(void *name, socklen_t *namelen, uint32_t pid, uint32_t groups)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = pid, .nl_groups = groups };
	socklen_t n;

	if (!name || !namelen)
		return;
	n = *namelen < sizeof(nl) ? *namelen : (socklen_t)sizeof(nl);
	memcpy(name, &nl, n);
	*namelen = sizeof(nl);
}

/* Validate a destination address: only the kernel (nl_pid 0, no groups) is reachable. */
static int check_dest(const struct sockaddr *addr, socklen_t len)
{
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)addr;

	if (!addr || !len)
		return 0;
	if (len < sizeof(*nl) || nl->nl_family != AF_NETLINK)
		return EINVAL;
	if (nl->nl_groups)
		return EPERM;
	if (nl->nl_pid)
		return ECONNREFUSED;
	return 0;
}

static ssize_t send_result(ssize_t n)
{
	if (n < 0 && errno == EPIPE) {
		shim_log_once("the daemon closed the control connection");
		errno = ECONNREFUSED;
	}
	return n;
}

/* A receive returned @n for a buffer of @len bytes: 0 on a non-empty buffer means EOF. */
static ssize_t recv_result(ssize_t n, size_t len, int msg_flags)
{
	if (n == 0 && len > 0 && !(msg_flags & MSG_TRUNC)) {
		shim_log_once("the daemon closed the control connection");
		errno = ECONNRESET;
		return -1;
	}
	return n;
}

/*
 * The datagram just received (@n bytes, @avail of them copied to @data) is the daemon's
 * DRBD_UM_MSG_OVERRUN marker: consume it if it was only peeked and report ENOBUFS, as netlink
 * reports a dropped multicast once through sk_err. A receive into fewer than NLMSG_HDRLEN bytes
 * cannot recognise the marker; the next, larger receive does.
 */
static bool overrun(int fd, const void *data, size_t avail, ssize_t n, int flags)
{
	struct nlmsghdr h;
	char sink[NLMSG_HDRLEN];

	if (n < (ssize_t)NLMSG_HDRLEN || avail < NLMSG_HDRLEN || !data)
		return false;
	memcpy(&h, data, sizeof(h));
	if (h.nlmsg_type != DRBD_UM_MSG_OVERRUN || h.nlmsg_len != NLMSG_HDRLEN)
		return false;
	if (flags & MSG_PEEK)
		(void)REAL(recv)(fd, sink, sizeof(sink), MSG_DONTWAIT);
	shim_dbg("fd %d: multicast overrun reported as ENOBUFS", fd);
	errno = ENOBUFS;
	return true;
}

/* Send one out-of-band request on the netlink connection, blocking until it is queued. */
static int send_oob(int fd, const void *buf, size_t len)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };

		if (REAL(send)(fd, buf, len, MSG_NOSIGNAL) >= 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return (int)send_result(-1);
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			return -1;
	}
}

static int forward_sockopt(int fd, int optname, int val)
{
	union {
		struct nlmsghdr nlh;
		char bytes[NLMSG_HDRLEN + sizeof(struct drbd_um_setsockopt) + sizeof(int)];
	} buf;
	struct drbd_um_setsockopt *so = (struct drbd_um_setsockopt *)(buf.bytes + NLMSG_HDRLEN);

	drbd_um_msg_init(&buf.nlh, DRBD_UM_MSG_SETSOCKOPT, sizeof(*so) + sizeof(val));
	so->level = SOL_NETLINK;
	so->optname = (uint32_t)optname;
	so->optlen = sizeof(val);
	so->reserved = 0;
	memcpy(so + 1, &val, sizeof(val));
	return send_oob(fd, buf.bytes, buf.nlh.nlmsg_len);
}

static int set_membership(int fd, struct shim_fd_info *info, int optname, uint32_t group)
{
	if (forward_sockopt(fd, optname, (int)group) < 0)
		return -1;
	if (group <= 64) {
		uint64_t bit = 1ULL << (group - 1);

		if (optname == NETLINK_ADD_MEMBERSHIP)
			info->groups |= bit;
		else
			info->groups &= ~bit;
		shim_fd_update(fd, info);
	}
	shim_dbg("fd %d: %s group %u", fd, optname == NETLINK_ADD_MEMBERSHIP ? "join" : "leave",
		 group);
	return 0;
}

/* ---- socket calls -------------------------------------------------------------------- */

SHIM_EXPORT int socket(int domain, int type, int protocol)
{
	struct shim_fd_info info = { .kind = SHIM_FD_NETLINK };
	struct drbd_um_hello hello;
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	int fd;

	if (!shim_active() || domain != AF_NETLINK || protocol != NETLINK_GENERIC)
		return REAL(socket)(domain, type, protocol);
	if (base != SOCK_DGRAM && base != SOCK_RAW) {
		errno = ESOCKTNOSUPPORT;
		return -1;
	}
	fd = shim_control_connect(type & SOCK_CLOEXEC, &hello);
	if (fd < 0) {
		shim_log("cannot reach the drbd-usermode daemon at %s/%s: %s", shim_run_dir(),
			 DRBD_UM_CONTROL_SOCK, strerror(errno));
		return -1;
	}
	if ((type & SOCK_NONBLOCK) && fcntl(fd, F_SETFL, O_NONBLOCK) != 0)
		goto fail;
	info.sock_type = base;
	info.portid = hello.portid;
	if (!shim_fd_set(fd, &info)) {
		errno = EMFILE;
		goto fail;
	}
	shim_dbg("netlink socket fd %d, portid %u", fd, hello.portid);
	return fd;
fail: {
		int err = errno;

		REAL(close)(fd);
		errno = err;
		return -1;
	}
}

SHIM_EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)addr;
	struct shim_fd_info info;
	uint32_t g;

	if (!nl_get(fd, &info))
		return REAL(bind)(fd, addr, len);
	if (!addr || len < sizeof(*nl) || nl->nl_family != AF_NETLINK ||
	    (nl->nl_pid && nl->nl_pid != info.portid)) {
		/* the socket is bound to its portid since creation */
		errno = EINVAL;
		return -1;
	}
	for (g = 1; g <= 32; g++) {
		if ((nl->nl_groups & (1U << (g - 1))) && !(info.groups & (1ULL << (g - 1))) &&
		    set_membership(fd, &info, NETLINK_ADD_MEMBERSHIP, g) < 0)
			return -1;
	}
	return 0;
}

SHIM_EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)addr;
	struct shim_fd_info info;

	if (!nl_get(fd, &info))
		return REAL(connect)(fd, addr, len);
	if (!addr || len < sizeof(addr->sa_family)) {
		errno = EINVAL;
		return -1;
	}
	if (addr->sa_family == AF_UNSPEC) {
		info.dst_portid = 0;
		shim_fd_update(fd, &info);
		return 0;
	}
	if (len < sizeof(*nl) || nl->nl_family != AF_NETLINK) {
		errno = EINVAL;
		return -1;
	}
	if (nl->nl_groups) {
		errno = EPERM;
		return -1;
	}
	info.dst_portid = nl->nl_pid;
	shim_fd_update(fd, &info);
	return 0;
}

SHIM_EXPORT int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	struct shim_fd_info info;

	if (!nl_get(fd, &info))
		return REAL(getsockname)(fd, addr, len);
	if (!addr || !len) {
		errno = EFAULT;
		return -1;
	}
	fill_nl_addr(addr, len, info.portid, (uint32_t)info.groups);
	return 0;
}

SHIM_EXPORT int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	struct shim_fd_info info;

	if (!nl_get(fd, &info))
		return REAL(getpeername)(fd, addr, len);
	if (!addr || !len) {
		errno = EFAULT;
		return -1;
	}
	fill_nl_addr(addr, len, info.dst_portid, 0);
	return 0;
}

SHIM_EXPORT int setsockopt(int fd, int level, int optname, const void *val, socklen_t len)
{
	struct shim_fd_info info;
	int v = 0;

	if (!nl_get(fd, &info) || level == SOL_SOCKET)
		return REAL(setsockopt)(fd, level, optname, val, len);
	if (level != SOL_NETLINK) {
		errno = ENOPROTOOPT;
		return -1;
	}
	if (len >= sizeof(int)) {
		if (!val) {
			errno = EFAULT;
			return -1;
		}
		memcpy(&v, val, sizeof(v));
	}
	switch (optname) {
	case NETLINK_ADD_MEMBERSHIP:
	case NETLINK_DROP_MEMBERSHIP:
		if (v <= 0) {
			errno = EINVAL;
			return -1;
		}
		return set_membership(fd, &info, optname, (uint32_t)v);
	case NETLINK_BROADCAST_ERROR:
	case NETLINK_NO_ENOBUFS:
	case NETLINK_CAP_ACK:
	case NETLINK_EXT_ACK:
	case NETLINK_GET_STRICT_CHK:
		if (forward_sockopt(fd, optname, v ? 1 : 0) < 0)
			return -1;
		if (v)
			info.nl_flags |= 1U << optname;
		else
			info.nl_flags &= ~(1U << optname);
		shim_fd_update(fd, &info);
		return 0;
	default:
		/* NETLINK_PKTINFO (needs per-datagram group info), LISTEN_ALL_NSID, rings */
		shim_log_once("SOL_NETLINK option %d is not supported over the control socket",
			      optname);
		errno = ENOPROTOOPT;
		return -1;
	}
}

SHIM_EXPORT int getsockopt(int fd, int level, int optname, void *restrict val,
			   socklen_t *restrict len)
{
	struct shim_fd_info info;
	int v;

	if (!nl_get(fd, &info))
		return REAL(getsockopt)(fd, level, optname, val, len);
	if (level == SOL_SOCKET) {
		switch (optname) {
		case SO_TYPE:
			v = info.sock_type;
			break;
		case SO_DOMAIN:
			v = AF_NETLINK;
			break;
		case SO_PROTOCOL:
			v = NETLINK_GENERIC;
			break;
		default:
			return REAL(getsockopt)(fd, level, optname, val, len);
		}
	} else if (level == SOL_NETLINK) {
		if (!len || !val) {
			errno = EFAULT;
			return -1;
		}
		if (optname == NETLINK_LIST_MEMBERSHIPS) {
			uint32_t words[2] = { (uint32_t)info.groups, (uint32_t)(info.groups >> 32) };
			socklen_t n = *len - *len % sizeof(uint32_t);

			if (n > sizeof(words))
				n = sizeof(words);
			memcpy(val, words, n);
			*len = sizeof(words);
			return 0;
		}
		switch (optname) {
		case NETLINK_BROADCAST_ERROR:
		case NETLINK_NO_ENOBUFS:
		case NETLINK_CAP_ACK:
		case NETLINK_EXT_ACK:
		case NETLINK_GET_STRICT_CHK:
			v = !!(info.nl_flags & (1U << optname));
			break;
		case NETLINK_PKTINFO:
		case NETLINK_LISTEN_ALL_NSID:
			v = 0;
			break;
		default:
			errno = ENOPROTOOPT;
			return -1;
		}
	} else {
		errno = ENOPROTOOPT;
		return -1;
	}
	if (!len || !val) {
		errno = EFAULT;
		return -1;
	}
	if (*len < sizeof(int)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

/* ---- data transfer ------------------------------------------------------------------- */

SHIM_EXPORT ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	struct shim_fd_info info;

	if (!nl_get(fd, &info))
		return REAL(send)(fd, buf, len, flags);
	if (info.dst_portid) {
		errno = ECONNREFUSED;
		return -1;
	}
	return send_result(REAL(send)(fd, buf, len, flags | MSG_NOSIGNAL));
}

SHIM_EXPORT ssize_t sendto(int fd, const void *buf, size_t len, int flags,
			   const struct sockaddr *addr, socklen_t alen)
{
	struct shim_fd_info info;
	int err;

	if (!nl_get(fd, &info))
		return REAL(sendto)(fd, buf, len, flags, addr, alen);
	err = check_dest(addr, alen);
	if (!err && (!addr || !alen) && info.dst_portid)
		err = ECONNREFUSED;
	if (err) {
		errno = err;
		return -1;
	}
	return send_result(REAL(send)(fd, buf, len, flags | MSG_NOSIGNAL));
}

SHIM_EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct shim_fd_info info;
	struct msghdr m;
	int err;

	if (!nl_get(fd, &info))
		return REAL(sendmsg)(fd, msg, flags);
	if (!msg) {
		errno = EFAULT;
		return -1;
	}
	err = check_dest(msg->msg_name, msg->msg_namelen);
	if (!err && (!msg->msg_name || !msg->msg_namelen) && info.dst_portid)
		err = ECONNREFUSED;
	if (err) {
		errno = err;
		return -1;
	}
	m = *msg;
	m.msg_name = NULL;
	m.msg_namelen = 0;
	return send_result(REAL(sendmsg)(fd, &m, flags | MSG_NOSIGNAL));
}

SHIM_EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
	struct shim_fd_info info;

	if (!shim_fd_tracked(fd) || !nl_get(fd, &info))
		return REAL(write)(fd, buf, len);
	if (info.dst_portid) {
		errno = ECONNREFUSED;
		return -1;
	}
	return send_result(REAL(send)(fd, buf, len, MSG_NOSIGNAL));
}

SHIM_EXPORT ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct shim_fd_info info;

	ssize_t n;

	if (!nl_get(fd, &info))
		return REAL(recv)(fd, buf, len, flags);
	n = recv_result(REAL(recv)(fd, buf, len, flags), len, 0);
	return overrun(fd, buf, len, n, flags) ? -1 : n;
}

SHIM_EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	struct shim_fd_info info;

	ssize_t n;

	if (!shim_fd_tracked(fd) || !nl_get(fd, &info))
		return REAL(read)(fd, buf, len);
	n = recv_result(REAL(read)(fd, buf, len), len, 0);
	return overrun(fd, buf, len, n, 0) ? -1 : n;
}

SHIM_EXPORT ssize_t recvfrom(int fd, void *restrict buf, size_t len, int flags,
			     struct sockaddr *restrict addr, socklen_t *restrict alen)
{
	struct shim_fd_info info;
	ssize_t n;

	if (!nl_get(fd, &info))
		return REAL(recvfrom)(fd, buf, len, flags, addr, alen);
	n = recv_result(REAL(recv)(fd, buf, len, flags), len, 0);
	if (overrun(fd, buf, len, n, flags))
		return -1;
	if (n >= 0 && addr)
		fill_nl_addr(addr, alen, 0, 0);
	return n;
}

SHIM_EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct shim_fd_info info;
	struct msghdr m;
	size_t total = 0;
	ssize_t n;
	size_t i;

	if (!nl_get(fd, &info))
		return REAL(recvmsg)(fd, msg, flags);
	if (!msg) {
		errno = EFAULT;
		return -1;
	}
	m = *msg;
	m.msg_name = NULL;
	m.msg_namelen = 0;
	n = REAL(recvmsg)(fd, &m, flags);
	if (n < 0)
		return n;
	for (i = 0; i < m.msg_iovlen; i++)
		total += m.msg_iov[i].iov_len;
	n = recv_result(n, total, m.msg_flags);
	if (n < 0)
		return n;
	if (m.msg_iovlen && overrun(fd, m.msg_iov[0].iov_base, m.msg_iov[0].iov_len, n, flags))
		return -1;
	msg->msg_flags = m.msg_flags;
	msg->msg_controllen = m.msg_controllen;
	if (msg->msg_name)
		fill_nl_addr(msg->msg_name, &msg->msg_namelen, 0, 0);
	else
		msg->msg_namelen = 0;
	return n;
}
