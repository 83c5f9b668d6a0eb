// SPDX-License-Identifier: GPL-2.0
/*
 * socket.c - thin non-blocking socket wrappers. Every fd is SOCK_NONBLOCK|SOCK_CLOEXEC,
 * sends carry MSG_NOSIGNAL, all calls carry MSG_DONTWAIT. Errors come back as -errno;
 * EWOULDBLOCK is reported as -EAGAIN (same value on Linux).
 */
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mte_internal.h"

_Static_assert(sizeof(struct sys_iovec) == sizeof(struct iovec) &&
		       offsetof(struct sys_iovec, len) == offsetof(struct iovec, iov_len),
	       "sys_iovec has the layout of struct iovec");

static inline int neg_errno(long rc)
{
	return rc < 0 ? -errno : (int)rc;
}

int mte_sock_open(int family, int type, int protocol)
{
	return neg_errno(socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol));
}

int mte_sock_bind(int fd, const void *addr, int addrlen)
{
	return neg_errno(bind(fd, addr, (socklen_t)addrlen));
}

int mte_sock_listen(int fd, int backlog)
{
	return neg_errno(listen(fd, backlog));
}

int mte_sock_connect(int fd, const void *addr, int addrlen)
{
	int rc;
	do
		rc = connect(fd, addr, (socklen_t)addrlen);
	while (rc < 0 && errno == EINTR);
	return neg_errno(rc);
}

int mte_sock_accept(int fd, void *addr, int *addrlen)
{
	socklen_t len = addrlen ? (socklen_t)*addrlen : 0;
	int rc;
	do
		rc = accept4(fd, addr, addr ? &len : NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	while (rc < 0 && errno == EINTR);
	if (rc >= 0 && addrlen)
		*addrlen = (int)len;
	return neg_errno(rc);
}

long mte_sock_sendmsg(int fd, const struct sys_iovec *iov, int iovcnt, int flags)
{
	struct msghdr msg = { .msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovcnt };
	ssize_t n;
	do
		n = sendmsg(fd, &msg, flags | MSG_DONTWAIT | MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

long mte_sock_recvmsg(int fd, const struct sys_iovec *iov, int iovcnt, int flags)
{
	struct msghdr msg = { .msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovcnt };
	ssize_t n;
	do
		n = recvmsg(fd, &msg, flags | MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

int mte_sock_shutdown(int fd, int how)
{
	return neg_errno(shutdown(fd, how));
}

int mte_sock_setsockopt(int fd, int level, int optname, const void *val, int len)
{
	return neg_errno(setsockopt(fd, level, optname, val, (socklen_t)len));
}

int mte_sock_getsockopt(int fd, int level, int optname, void *val, int *len)
{
	socklen_t l = (socklen_t)*len;
	int rc = getsockopt(fd, level, optname, val, &l);
	if (rc == 0)
		*len = (int)l;
	return neg_errno(rc);
}

int mte_sock_getname(int fd, void *addr, int *addrlen, bool peer)
{
	socklen_t l = (socklen_t)*addrlen;
	int rc = peer ? getpeername(fd, addr, &l) : getsockname(fd, addr, &l);
	if (rc == 0)
		*addrlen = (int)l;
	return neg_errno(rc);
}

int mte_sock_error(int fd)
{
	int err = 0;
	socklen_t l = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l))
		return -errno;
	return -err;
}

int mte_fd_close(int fd)
{
	/* Linux releases the fd even when close reports EINTR: never retry */
	int rc = close(fd);
	return rc < 0 && errno != EINTR ? -errno : 0;
}
