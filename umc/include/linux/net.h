/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/net.h - struct socket, struct proto_ops and the kernel socket calls DRBD makes.
 * Implemented in umc/src/socket.c over non-blocking host sockets (sys->sock_*) whose
 * readiness (sys->fd_watch_*) wakes a per-socket wait queue.
 *
 * Contract (as Linux 6.1 TCP):
 *  - sock_sendmsg/sock_recvmsg/kernel_accept/ops->connect may sleep (TASK_INTERRUPTIBLE);
 *    they read sk->sk_sndtimeo / sk->sk_rcvtimeo (jiffies, MAX_SCHEDULE_TIMEOUT = forever) at
 *    each call. Expiry with nothing transferred gives -EAGAIN (connect: -EINPROGRESS); a
 *    pending signal gives -EINTR (finite timeout) or -ERESTARTSYS (infinite timeout); when
 *    some bytes were transferred the count is returned instead.
 *  - MSG_DONTWAIT never sleeps; MSG_WAITALL receives until the iterator is full, EOF, error,
 *    timeout or signal; MSG_PEEK leaves the data queued.
 *  - MSG_MORE, and any send while corked (tcp_sock_set_cork), copies the bytes into the
 *    socket's send queue (umc/src/socket_txq.c, at most 64 KiB) and returns at once when
 *    they fit; they leave with the next send that is neither, at uncork, nodelay, shutdown
 *    or after 200 ms. Receives read ahead up to 64 KiB (umc/src/socket_rxq.c).
 *    MSG_OOB and MSG_TRUNC receives give -EOPNOTSUPP.
 *  - Call without spinlocks held. Different threads may send and receive on one socket at
 *    the same time; two concurrent senders (or receivers) must serialise themselves, as DRBD
 *    does with its socket mutexes.
 *  - Only AF_INET/AF_INET6 SOCK_STREAM sockets are supported (-EAFNOSUPPORT otherwise).
 */
#ifndef _UMC_LINUX_NET_H
#define _UMC_LINUX_NET_H

#include <linux/types.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <linux/random.h> /* drbd-block addition: as Linux's net.h (drbd_nl.c) */

struct net;
struct sock;
struct file;
struct page;
struct module;
struct socket;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

enum sock_type {
	SOCK_STREAM = 1,
	SOCK_DGRAM = 2,
	SOCK_RAW = 3,
	SOCK_RDM = 4,
	SOCK_SEQPACKET = 5,
	SOCK_DCCP = 6,
	SOCK_PACKET = 10,
};
#define SOCK_MAX (SOCK_PACKET + 1)
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC 02000000
#define SOCK_NONBLOCK 04000

enum sock_shutdown_cmd {
	SHUT_RD,
	SHUT_WR,
	SHUT_RDWR,
};

/* struct socket::flags bits */
#define SOCKWQ_ASYNC_NOSPACE 0
#define SOCKWQ_ASYNC_WAITDATA 1
#define SOCK_NOSPACE 2
#define SOCK_PASSCRED 3
#define SOCK_PASSSEC 4

struct socket {
	socket_state state;
	short type;
	unsigned long flags;
	struct file *file; /* always NULL: kernel sockets have no file */
	struct sock *sk;
	const struct proto_ops *ops;
};

/* The operations DRBD calls through sock->ops. Flags of accept: O_NONBLOCK (04000). */
struct proto_ops {
	int family;
	struct module *owner;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *myaddr, int sockaddr_len);
	int (*connect)(struct socket *sock, struct sockaddr *vaddr, int sockaddr_len, int flags);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags, bool kern);
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	int (*listen)(struct socket *sock, int len);
	int (*shutdown)(struct socket *sock, int flags);
	int (*setsockopt)(struct socket *sock, int level, int optname, void *optval,
			  unsigned int optlen);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t total_len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t total_len, int flags);
	ssize_t (*sendpage)(struct socket *sock, struct page *page, int offset, size_t size,
			    int flags);
};

/* sock_create_kern - a new socket of @family/@type/@proto in *@res. -EAFNOSUPPORT,
 * -EPROTONOSUPPORT, -ENOMEM, or the host's socket() error. May sleep. */
int sock_create_kern(struct net *net, int family, int type, int proto, struct socket **res);
/* sock_release - close and free; wakes and fails any waiter first. May sleep. */
void sock_release(struct socket *sock);
/* sock_sendmsg - send all of msg->msg_iter (advanced by what was sent). */
int sock_sendmsg(struct socket *sock, struct msghdr *msg);
/* sock_recvmsg - receive into msg->msg_iter; @flags: MSG_PEEK/DONTWAIT/WAITALL. */
int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags);
int kernel_sendmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec, size_t num,
		   size_t len);
int kernel_recvmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec, size_t num,
		   size_t len, int flags);
int kernel_bind(struct socket *sock, struct sockaddr *addr, int addrlen);
int kernel_listen(struct socket *sock, int backlog);
/* kernel_accept - take one connection off @sock's accept queue; @flags O_NONBLOCK or 0. */
int kernel_accept(struct socket *sock, struct socket **newsock, int flags);
int kernel_connect(struct socket *sock, struct sockaddr *addr, int addrlen, int flags);
int kernel_getsockname(struct socket *sock, struct sockaddr *addr);
int kernel_getpeername(struct socket *sock, struct sockaddr *addr);
int kernel_sock_shutdown(struct socket *sock, enum sock_shutdown_cmd how);
int kernel_sendpage(struct socket *sock, struct page *page, int offset, size_t size, int flags);

/* sendpage_ok - may @page be handed to sendpage (not slab, referenced)? needs linux/mm.h */
#define sendpage_ok(page) (!PageSlab(page) && page_count(page) >= 1)

#define net_ratelimit() 1

#endif
