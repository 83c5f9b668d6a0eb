// SPDX-License-Identifier: GPL-2.0
/*
 * socket.c - kernel TCP sockets over non-blocking host sockets (linux/net.h, net/sock.h).
 *
 * Every socket has a readiness watch on the provider's default event loop. A thread that
 * must wait enables the events it needs (SYS_EV_IN / SYS_EV_OUT) and sleeps on the
 * socket's wait queue until the watch callback bumps the matching generation counter.
 * The callback turns off the events that fired (the watch is level-triggered), so an idle
 * socket costs nothing. Listening sockets keep SYS_EV_IN enabled: the callback accepts
 * each incoming connection from the host into an accept queue and calls the new sock's
 * sk_state_change (inherited from the listener, as a kernel clone inherits it) with the
 * listener's sk_callback_lock held for reading.
 */
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/moduleparam.h>
#include <linux/jiffies.h>
#include "socket_internal.h"
#include "sched_internal.h"

#define O_NONBLOCK_FLAG 04000

static const struct proto_ops umc_inet_stream_ops;

/* Default callbacks: wake whoever sleeps on the socket. */
static void sock_def_wakeup(struct sock *sk)
{
	wake_up_interruptible_all(&sk->umc->wq);
}

static void sock_ready(void *arg, uint32_t revents);

/* Wrap a host fd into socket + sock + umc_sock. Does not take ownership of @fd on error. */
static struct socket *sock_wrap(int fd, int family, int type, int protocol, gfp_t gfp)
{
	struct socket *sock = kzalloc(sizeof(*sock), gfp);
	struct sock *sk = kzalloc(sizeof(*sk), gfp);
	struct umc_sock *us = kzalloc(sizeof(*us), gfp);
	int val = 0, len = sizeof(val);

	if (!sock || !sk || !us)
		goto fail;
	if (sys->fd_watch_create(&us->watch, NULL, fd, sock_ready, us))
		goto fail;
	us->sk = sk;
	us->fd = fd;
	spin_lock_init(&us->lock);
	spin_lock_init(&us->tx_lock);
	spin_lock_init(&us->rx_lock);
	spin_lock_init(&us->opts_lock);
	init_waitqueue_head(&us->wq);
	INIT_LIST_HEAD(&us->accept_q);
	INIT_LIST_HEAD(&us->accept_node);

	sk->umc = us;
	sk->sk_family = (unsigned short)family;
	sk->sk_type = (unsigned short)type;
	sk->sk_protocol = (unsigned short)protocol;
	sk->sk_state = TCP_CLOSE;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_allocation = GFP_KERNEL;
	sk->sk_use_task_frag = true;
	rwlock_init(&sk->sk_callback_lock);
	sk->sk_state_change = sock_def_wakeup;
	sk->sk_data_ready = sock_def_wakeup;
	sk->sk_write_space = sock_def_wakeup;
	/* the host's buffer sizes are the starting values, as Linux reports them */
	if (!sys->sock_getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val, &len))
		sk->sk_sndbuf = val;
	len = sizeof(val);
	if (!sys->sock_getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &val, &len))
		sk->sk_rcvbuf = val;
	us->applied_sndbuf = sk->sk_sndbuf;
	us->applied_rcvbuf = sk->sk_rcvbuf;

	sk->sk_socket = sock;
	sock->sk = sk;
	sock->type = (short)type;
	sock->state = SS_UNCONNECTED;
	sock->ops = &umc_inet_stream_ops;
	return sock;
fail:
	kfree(sock);
	kfree(sk);
	kfree(us);
	return NULL;
}

int sock_create_kern(struct net *net, int family, int type, int protocol, struct socket **res)
{
	struct socket *sock;
	int fd;

	(void)net;
	*res = NULL;
	if (family != AF_INET && family != AF_INET6) {
		pr_warn_once("umc: socket family %d not supported\n", family);
		return -EAFNOSUPPORT;
	}
	if (type != SOCK_STREAM || (protocol != 0 && protocol != IPPROTO_TCP)) {
		pr_warn_once("umc: only TCP stream sockets are supported (type %d proto %d)\n",
			     type, protocol);
		return -EPROTONOSUPPORT;
	}
	fd = sys->sock_open(family, type, IPPROTO_TCP);
	if (fd < 0)
		return fd;
	sock = sock_wrap(fd, family, type, IPPROTO_TCP, GFP_KERNEL);
	if (!sock) {
		sys->fd_close(fd);
		return -ENOMEM;
	}
	*res = sock;
	return 0;
}

static void sock_free(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct umc_sock *us = sk->umc;

	umc_sock_wmem_fini(us);
	umc_sock_tx_fini(us);
	umc_sock_rx_fini(us);
	sys->fd_close(us->fd);
	kfree(us);
	kfree(sk);
	kfree(sock);
}

void sock_release(struct socket *sock)
{
	struct umc_sock *us, *child, *tmp;
	LIST_HEAD(orphans);

	if (!sock)
		return;
	us = sock->sk->umc;
	/* held bytes go out as a close sends queued data (without waiting); then the send
	 * queue's timer, which enables events on the watch, stops before the watch goes */
	if (!us->listening)
		umc_sock_tx_push(us);
	umc_sock_tx_fini(us);
	/* after this the readiness callback neither runs nor will run */
	sys->fd_watch_destroy(us->watch);
	us->watch = NULL;
	spin_lock(&us->lock);
	list_splice_init(&us->accept_q, &orphans);
	us->accept_qlen = 0;
	spin_unlock(&us->lock);
	list_for_each_entry_safe(child, tmp, &orphans, accept_node) {
		list_del(&child->accept_node);
		sys->fd_watch_destroy(child->watch);
		sock_free(child->sk->sk_socket);
	}
	sock_free(sock);
}

/* Enable @events on the watch in addition to what is enabled (caller holds us->lock). */
static void watch_enable_locked(struct umc_sock *us, u32 events)
{
	if ((us->interest & events) == events || !us->watch)
		return;
	us->interest |= events;
	sys->fd_watch_enable(us->watch, us->interest);
}

void umc_sock_watch_enable(struct umc_sock *us, u32 events)
{
	spin_lock(&us->lock);
	watch_enable_locked(us, events);
	spin_unlock(&us->lock);
}

bool umc_sock_direct_wait = true;
module_param_named(sock_direct_wait, umc_sock_direct_wait, bool, 0644);

/*
 * A direct wait (the waiting thread polls the host socket itself) is used when nobody else
 * needs to hear of the readiness: not a listener (its callback accepts), and the callback the
 * event would run is the default one, which only wakes the socket's waiters. DRBD keeps the
 * defaults on connected sockets; hang-ups still reach sk_state_change through the watch.
 */
static bool direct_wait_ok(const struct umc_sock *us, u32 events)
{
	const struct sock *sk = us->sk;

	if (!READ_ONCE(umc_sock_direct_wait) || us->listening)
		return false;
	if (events == SYS_EV_IN)
		return READ_ONCE(sk->sk_data_ready) == sock_def_wakeup;
	return READ_ONCE(sk->sk_write_space) == sock_def_wakeup;
}

/* The direct wait: same results as the watch wait below; -EOPNOTSUPP if it cannot be done. */
static long sock_wait_direct(struct umc_sock *us, u32 events, long timeo)
{
	u64 deadline = 0, now;
	int r;

	if (timeo != MAX_SCHEDULE_TIMEOUT) {
		now = sys->time_monotonic_ns();

		if ((u64)timeo > (U64_MAX - now) / NSEC_PER_JIFFY)
			timeo = MAX_SCHEDULE_TIMEOUT;
		else
			deadline = now + (u64)timeo * NSEC_PER_JIFFY;
	}
	set_current_state(TASK_INTERRUPTIBLE);
	r = umc_task_sleep_fd(us->fd, events, deadline);
	if (r == -ETIMEDOUT)
		return 0;
	if (r < 0)
		return -EOPNOTSUPP; /* no waker, or the provider cannot: wait through the watch */
	if (r & SYS_EV_ERR)
		umc_sock_tx_broken(us);
	if (!r && signal_pending(current))
		return -ERESTARTSYS;
	/* ready or woken: the caller tries again (a wake-up for another reason is spurious) */
	if (timeo == MAX_SCHEDULE_TIMEOUT)
		return timeo;
	now = sys->time_monotonic_ns();
	if (now >= deadline)
		return 1; /* as wait_event_*_timeout when the condition came true at the end */
	return (long)DIV_ROUND_UP_ULL(deadline - now, NSEC_PER_JIFFY);
}

long umc_sock_wait(struct umc_sock *us, u32 events, long timeo)
{
	u32 *gen = events == SYS_EV_IN ? &us->gen_in : &us->gen_out;
	u32 seen;

	if (direct_wait_ok(us, events)) {
		long left = sock_wait_direct(us, events, timeo);

		if (left != -EOPNOTSUPP)
			return left;
	}

	spin_lock(&us->lock);
	seen = *gen;
	watch_enable_locked(us, events);
	spin_unlock(&us->lock);
	return wait_event_interruptible_timeout(us->wq, READ_ONCE(*gen) != seen, timeo);
}

long umc_sock_wait_retry(struct umc_sock *us, u32 events, long *timeo)
{
	long left;

	if (!*timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return umc_sock_intr_errno(*timeo);
	left = umc_sock_wait(us, events, *timeo);
	if (left == -ERESTARTSYS)
		return umc_sock_intr_errno(*timeo);
	*timeo = left;
	return 0;
}

/* A listener became readable: take every pending connection off the host socket. */
static void listener_ready(struct umc_sock *ls)
{
	struct sock *lsk = ls->sk;

	for (;;) {
		struct __kernel_sockaddr_storage addr;
		int addrlen = sizeof(addr);
		struct socket *nsock;
		struct sock *nsk;
		int fd;

		spin_lock(&ls->lock);
		if (ls->accept_qlen >= ls->backlog) {
			/* queue full: stop listening for more until kernel_accept makes room */
			ls->interest &= ~SYS_EV_IN;
			sys->fd_watch_enable(ls->watch, ls->interest);
			spin_unlock(&ls->lock);
			return;
		}
		spin_unlock(&ls->lock);

		fd = sys->sock_accept(ls->fd, &addr, &addrlen);
		if (fd < 0) {
			if (fd != -EAGAIN && fd != -ECONNABORTED)
				pr_warn_once("umc: accept on a listening socket failed: %d\n", fd);
			return;
		}
		nsock = sock_wrap(fd, lsk->sk_family, lsk->sk_type, lsk->sk_protocol, GFP_ATOMIC);
		if (!nsock) {
			sys->fd_close(fd);
			return;
		}
		nsk = nsock->sk;
		nsk->sk_state = TCP_ESTABLISHED;
		nsock->state = SS_CONNECTED;

		read_lock_bh(&lsk->sk_callback_lock);
		/* the new sock starts as a copy of the listener, callbacks included */
		nsk->sk_state_change = lsk->sk_state_change;
		nsk->sk_user_data = lsk->sk_user_data;
		nsk->sk_rcvtimeo = lsk->sk_rcvtimeo;
		nsk->sk_sndtimeo = lsk->sk_sndtimeo;
		nsk->sk_priority = lsk->sk_priority;
		/* it became established: tell the owner before anyone can accept it */
		nsk->sk_state_change(nsk);
		spin_lock(&ls->lock);
		list_add_tail(&nsk->umc->accept_node, &ls->accept_q);
		ls->accept_qlen++;
		WRITE_ONCE(ls->gen_in, ls->gen_in + 1);
		spin_unlock(&ls->lock);
		read_unlock_bh(&lsk->sk_callback_lock);
		wake_up_interruptible_all(&ls->wq);
	}
}

/* Readiness callback, on the event-loop thread. */
static void sock_ready(void *arg, uint32_t revents)
{
	struct umc_sock *us = arg;
	struct sock *sk = us->sk;
	bool hup = revents & (SYS_EV_ERR | SYS_EV_HUP);

	if (us->listening) {
		listener_ready(us);
		return;
	}
	spin_lock(&us->lock);
	if (hup || (revents & (SYS_EV_IN | SYS_EV_RDHUP)))
		WRITE_ONCE(us->gen_in, us->gen_in + 1);
	if (hup || (revents & SYS_EV_OUT))
		WRITE_ONCE(us->gen_out, us->gen_out + 1);
	/* one shot: waiters enable again what they still need */
	us->interest &= hup ? 0 : ~(revents & (SYS_EV_IN | SYS_EV_OUT));
	sys->fd_watch_enable(us->watch, us->interest);
	spin_unlock(&us->lock);

	if (revents & SYS_EV_ERR)
		umc_sock_tx_broken(us);
	else if (revents & SYS_EV_OUT)
		umc_sock_tx_writable(us); /* a push of held bytes may be waiting for room */

	read_lock_bh(&sk->sk_callback_lock);
	if (revents & (SYS_EV_IN | SYS_EV_RDHUP))
		sk->sk_data_ready(sk);
	if (revents & SYS_EV_OUT)
		sk->sk_write_space(sk);
	if (hup)
		sk->sk_state_change(sk);
	read_unlock_bh(&sk->sk_callback_lock);
	wake_up_interruptible_all(&us->wq);
}

void umc_sock_apply_opts(struct sock *sk)
{
	struct umc_sock *us = sk->umc;
	unsigned char locks = READ_ONCE(sk->sk_userlocks);
	int sndbuf = READ_ONCE(sk->sk_sndbuf), rcvbuf = READ_ONCE(sk->sk_rcvbuf);
	u32 prio = READ_ONCE(sk->sk_priority);
	unsigned char reuse = READ_ONCE(sk->sk_reuse);
	int val, err;

	spin_lock(&us->opts_lock);
	/* Linux doubles SO_SNDBUF/SO_RCVBUF values: pass half to end up with sk_sndbuf */
	if ((locks & SOCK_SNDBUF_LOCK) && sndbuf != us->applied_sndbuf) {
		val = sndbuf / 2;
		err = sys->sock_setsockopt(us->fd, SOL_SOCKET, SO_SNDBUF, &val, sizeof(val));
		if (err)
			pr_warn_once("umc: SO_SNDBUF %d: %d\n", sndbuf, err);
		us->applied_sndbuf = sndbuf;
	}
	if ((locks & SOCK_RCVBUF_LOCK) && rcvbuf != us->applied_rcvbuf) {
		val = rcvbuf / 2;
		err = sys->sock_setsockopt(us->fd, SOL_SOCKET, SO_RCVBUF, &val, sizeof(val));
		if (err)
			pr_warn_once("umc: SO_RCVBUF %d: %d\n", rcvbuf, err);
		us->applied_rcvbuf = rcvbuf;
	}
	if (prio != us->applied_priority) {
		val = (int)prio;
		err = sys->sock_setsockopt(us->fd, SOL_SOCKET, SO_PRIORITY, &val, sizeof(val));
		if (err)
			pr_warn_once("umc: SO_PRIORITY %u: %d\n", prio, err);
		us->applied_priority = prio;
	}
	if (reuse != us->applied_reuse) {
		val = reuse != SK_NO_REUSE;
		err = sys->sock_setsockopt(us->fd, SOL_SOCKET, SO_REUSEADDR, &val, sizeof(val));
		if (err)
			pr_warn_once("umc: SO_REUSEADDR: %d\n", err);
		us->applied_reuse = reuse;
	}
	spin_unlock(&us->opts_lock);
}

static int umc_inet_release(struct socket *sock)
{
	sock_release(sock);
	return 0;
}

static int umc_inet_bind(struct socket *sock, struct sockaddr *addr, int addrlen)
{
	umc_sock_apply_opts(sock->sk);
	return sys->sock_bind(sock->sk->umc->fd, addr, addrlen);
}

static int umc_inet_connect(struct socket *sock, struct sockaddr *addr, int addrlen, int flags)
{
	struct sock *sk = sock->sk;
	struct umc_sock *us = sk->umc;
	long timeo;
	int err;

	umc_sock_apply_opts(sk);
	if (sock->state == SS_CONNECTED)
		return -EISCONN;
	err = sys->sock_connect(us->fd, addr, addrlen);
	if (err == 0)
		goto connected;
	if (err != -EINPROGRESS)
		return err;
	sk->sk_state = TCP_SYN_SENT;
	sock->state = SS_CONNECTING;
	timeo = (flags & O_NONBLOCK_FLAG) ? 0 : READ_ONCE(sk->sk_sndtimeo);
	for (;;) {
		long left;

		if (!timeo)
			return -EINPROGRESS;
		if (signal_pending(current))
			return umc_sock_intr_errno(timeo);
		left = umc_sock_wait(us, SYS_EV_OUT, timeo);
		if (left == -ERESTARTSYS)
			return umc_sock_intr_errno(timeo);
		err = sys->sock_error(us->fd);
		if (err) {
			sk->sk_state = TCP_CLOSE;
			sock->state = SS_UNCONNECTED;
			return err;
		}
		/* writable without error: connected (a timeout also lands here: check) */
		{
			struct __kernel_sockaddr_storage peer;
			int plen = sizeof(peer);

			if (sys->sock_getname(us->fd, &peer, &plen, true) == 0)
				goto connected;
		}
		timeo = left;
	}
connected:
	sk->sk_state = TCP_ESTABLISHED;
	sock->state = SS_CONNECTED;
	return 0;
}

static int umc_inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct umc_sock *us = sk->umc;
	int err;

	umc_sock_apply_opts(sk);
	err = sys->sock_listen(us->fd, backlog);
	if (err)
		return err;
	sk->sk_state = TCP_LISTEN;
	spin_lock(&us->lock);
	us->backlog = backlog > 0 ? backlog : 1;
	us->listening = true;
	watch_enable_locked(us, SYS_EV_IN);
	spin_unlock(&us->lock);
	return 0;
}

/* Take the oldest accepted connection of listener @sock, waiting up to sk_rcvtimeo. */
static int accept_one(struct socket *sock, struct socket **newsock, int flags)
{
	struct sock *sk = sock->sk;
	struct umc_sock *us = sk->umc;
	long timeo = (flags & O_NONBLOCK_FLAG) ? 0 : READ_ONCE(sk->sk_rcvtimeo);

	if (!us->listening)
		return -EINVAL;
	for (;;) {
		struct umc_sock *child = NULL;
		u32 seen;
		long left;

		spin_lock(&us->lock);
		if (!list_empty(&us->accept_q)) {
			child = list_first_entry(&us->accept_q, struct umc_sock, accept_node);
			list_del_init(&child->accept_node);
			us->accept_qlen--;
			watch_enable_locked(us, SYS_EV_IN);
		}
		seen = us->gen_in;
		spin_unlock(&us->lock);
		if (child) {
			*newsock = child->sk->sk_socket;
			return 0;
		}
		if (!timeo)
			return -EAGAIN;
		if (signal_pending(current))
			return umc_sock_intr_errno(timeo);
		left = wait_event_interruptible_timeout(us->wq, READ_ONCE(us->gen_in) != seen, timeo);
		if (left == -ERESTARTSYS)
			return umc_sock_intr_errno(timeo);
		timeo = left;
	}
}

int kernel_accept(struct socket *sock, struct socket **newsock, int flags)
{
	*newsock = NULL;
	return accept_one(sock, newsock, flags);
}

/* proto_ops->accept: move the accepted connection into the caller's @newsock. */
static int umc_inet_accept(struct socket *sock, struct socket *newsock, int flags, bool kern)
{
	struct socket *child;
	int err;

	(void)kern;
	err = accept_one(sock, &child, flags);
	if (err)
		return err;
	newsock->sk = child->sk;
	newsock->sk->sk_socket = newsock;
	newsock->ops = child->ops;
	newsock->type = child->type;
	newsock->state = SS_CONNECTED;
	kfree(child);
	return 0;
}

static int umc_inet_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	int len = sizeof(struct sockaddr_in6);
	int err = sys->sock_getname(sock->sk->umc->fd, addr, &len, peer != 0);

	return err ? err : len;
}

static int umc_inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	struct umc_sock *us = sk->umc;
	int err;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (how != SHUT_RD)
		umc_sock_tx_push(us); /* held bytes go before the FIN, as queued data does */
	err = sys->sock_shutdown(us->fd, how);
	sk->sk_shutdown |= (u8)(how + 1); /* SHUT_RD -> RCV, SHUT_WR -> SEND, both */
	/* wake local waiters, as the kernel's shutdown does through sk_state_change */
	spin_lock(&us->lock);
	WRITE_ONCE(us->gen_in, us->gen_in + 1);
	WRITE_ONCE(us->gen_out, us->gen_out + 1);
	spin_unlock(&us->lock);
	wake_up_interruptible_all(&us->wq);
	return err;
}

static const struct proto_ops umc_inet_stream_ops = {
	.family = AF_INET,
	.release = umc_inet_release,
	.bind = umc_inet_bind,
	.connect = umc_inet_connect,
	.accept = umc_inet_accept,
	.getname = umc_inet_getname,
	.listen = umc_inet_listen,
	.shutdown = umc_inet_shutdown,
	.setsockopt = umc_inet_setsockopt,
	.sendmsg = umc_inet_sendmsg,
	.recvmsg = umc_inet_recvmsg,
	.sendpage = umc_inet_sendpage,
};

int kernel_bind(struct socket *sock, struct sockaddr *addr, int addrlen)
{
	return sock->ops->bind(sock, addr, addrlen);
}

int kernel_listen(struct socket *sock, int backlog)
{
	return sock->ops->listen(sock, backlog);
}

int kernel_connect(struct socket *sock, struct sockaddr *addr, int addrlen, int flags)
{
	return sock->ops->connect(sock, addr, addrlen, flags);
}

int kernel_getsockname(struct socket *sock, struct sockaddr *addr)
{
	return sock->ops->getname(sock, addr, 0);
}

int kernel_getpeername(struct socket *sock, struct sockaddr *addr)
{
	return sock->ops->getname(sock, addr, 1);
}

int kernel_sock_shutdown(struct socket *sock, enum sock_shutdown_cmd how)
{
	return sock->ops->shutdown(sock, how);
}
