// SPDX-License-Identifier: GPL-2.0
/*
 * control_server.c - the daemon side of the control socket (tools/common/control_proto.h).
 *
 * An accept thread takes connections on RUN_DIR/control.sock; each served connection gets a
 * thread that reads its datagrams in order and hands netlink datagrams to umc's generic
 * netlink core (umc_genl_submit), which runs DRBD's handlers on that thread. Replies and
 * notifications come back through deliver(): unicast replies may block the connection's own
 * thread (bounded by a send timeout), multicast notifications never block (an overrun is
 * reported as DRBD_UM_MSG_OVERRUN, netlink's ENOBUFS).
 */
#define _GNU_SOURCE
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "control_proto.h"
#include "sys_service.h"
#include "genl_transport.h"
#include "procfs.h"
#include "umc.h"

#define RECV_MAX (128 * 1024)
#define CLIENT_SNDBUF (4 * 1024 * 1024)
#define UNICAST_SEND_TIMEOUT_S 30
#define CAP_NET_ADMIN_BIT 12
#define CAP_SYS_ADMIN_BIT 21

struct client {
	int fd;
	pthread_t thread;
	struct umc_genl_client *genl;
	uint32_t portid;
	bool no_enobufs;
	int overrun;               /* atomic: a notification was dropped */
	struct client *next;       /* server list, under server.lock */
	bool done;                 /* thread finished; joined by the reaper */
};

static struct {
	pthread_mutex_t lock;
	int listen_fd;
	int wake_pipe[2];          /* wakes the accept thread at stop */
	pthread_t accept_thread;
	bool running;
	uid_t uid;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct client *clients;
} server = { .lock = PTHREAD_MUTEX_INITIALIZER, .listen_fd = -1, .wake_pipe = { -1, -1 } };

static void send_overrun_if_pending(struct client *c)
{
	struct nlmsghdr nlh;

	if (!__atomic_load_n(&c->overrun, __ATOMIC_ACQUIRE))
		return;
	drbd_um_msg_init(&nlh, DRBD_UM_MSG_OVERRUN, 0);
	if (send(c->fd, &nlh, sizeof(nlh), MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)sizeof(nlh))
		__atomic_store_n(&c->overrun, 0, __ATOMIC_RELEASE);
}

/* umc_genl_deliver_fn: see umc/genl_transport.h for when it runs. */
static int deliver(void *priv, const void *data, size_t len, uint32_t group)
{
	struct client *c = priv;
	ssize_t n;

	send_overrun_if_pending(c);
	if (group) {
		n = send(c->fd, data, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
			if (!c->no_enobufs)
				__atomic_store_n(&c->overrun, 1, __ATOMIC_RELEASE);
			return -ENOBUFS;
		}
	} else {
		/* blocking with SO_SNDTIMEO, like netlink_unicast with a full receive queue */
		n = send(c->fd, data, len, MSG_NOSIGNAL);
	}
	if (n < 0)
		return -errno;
	return 0;
}

static void send_status(int fd, int32_t error)
{
	struct {
		struct nlmsghdr nlh;
		struct drbd_um_status st;
	} m;

	memset(&m, 0, sizeof(m));
	drbd_um_msg_init(&m.nlh, DRBD_UM_MSG_STATUS, sizeof(m.st));
	m.st.error = error;
	(void)send(fd, &m, sizeof(m), MSG_NOSIGNAL);
}

static void handle_proc_read(struct client *c, const void *buf, size_t len)
{
	const struct drbd_um_proc_read *req;
	char *text = NULL;
	size_t text_len = 0, plen;
	char path[256];
	int rc;

	req = drbd_um_msg_payload(buf, len, DRBD_UM_MSG_PROC_READ, sizeof(*req) + 1);
	if (!req) {
		send_status(c->fd, -EINVAL);
		return;
	}
	plen = drbd_um_msg_payload_len(buf) - sizeof(*req);
	if (plen >= sizeof(path) || !memchr(req->path, 0, plen)) {
		send_status(c->fd, -ENAMETOOLONG);
		return;
	}
	memcpy(path, req->path, plen);
	path[plen] = 0;
	rc = umc_proc_read(path, &text, &text_len);
	if (rc) {
		send_status(c->fd, rc);
		return;
	}
	for (size_t off = 0; off < text_len; off += DRBD_UM_DATA_MAX) {
		size_t chunk = text_len - off < DRBD_UM_DATA_MAX ? text_len - off : DRBD_UM_DATA_MAX;
		static __thread char out[NLMSG_HDRLEN + DRBD_UM_DATA_MAX + 4];
		struct nlmsghdr *nlh = (struct nlmsghdr *)out;

		drbd_um_msg_init(nlh, DRBD_UM_MSG_DATA, chunk);
		memcpy(out + NLMSG_HDRLEN, text + off, chunk);
		if (send(c->fd, out, NLMSG_ALIGN(nlh->nlmsg_len), MSG_NOSIGNAL) < 0)
			break;
	}
	umc_proc_free(text);
	send_status(c->fd, 0);
}

static void handle_setsockopt(struct client *c, const void *buf, size_t len)
{
	const struct drbd_um_setsockopt *req;
	uint32_t val = 0;

	req = drbd_um_msg_payload(buf, len, DRBD_UM_MSG_SETSOCKOPT, sizeof(*req));
	if (!req || drbd_um_msg_payload_len(buf) < sizeof(*req) + req->optlen)
		return;
	if (req->optlen >= sizeof(val))
		memcpy(&val, (const char *)(req + 1), sizeof(val));
	switch (req->optname) {
	case NETLINK_ADD_MEMBERSHIP:
		if (umc_genl_client_add_membership(c->genl, val))
			sys_logf(SYS_LOG_INFO, DAEMON_LOG, "client %u: join of unknown group %u",
				 c->portid, val);
		break;
	case NETLINK_DROP_MEMBERSHIP:
		(void)umc_genl_client_drop_membership(c->genl, val);
		break;
	case NETLINK_NO_ENOBUFS:
		c->no_enobufs = val != 0;
		break;
	default:
		break; /* NETLINK_BROADCAST_ERROR, EXT_ACK, ...: no effect on this transport */
	}
}

static void *client_thread(void *arg)
{
	struct client *c = arg;
	char *buf = malloc(RECV_MAX);

	sys->thread_register();
	sys->thread_set_name("drbd-um-ctl");
	while (buf) {
		ssize_t n = recv(c->fd, buf, RECV_MAX, 0);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		if ((size_t)n < NLMSG_HDRLEN) {
			sys_logf(SYS_LOG_WARNING, DAEMON_LOG,
				 "client %u: %zd-byte datagram is shorter than a netlink header; closing",
				 c->portid, n);
			break;
		}
		switch (((struct nlmsghdr *)buf)->nlmsg_type) {
		case DRBD_UM_MSG_SETSOCKOPT:
			handle_setsockopt(c, buf, (size_t)n);
			break;
		case DRBD_UM_MSG_PROC_READ:
			handle_proc_read(c, buf, (size_t)n);
			break;
		default:
			if (umc_genl_submit(c->genl, buf, (size_t)n) == -ENOMEM)
				sys_logf(SYS_LOG_ERR, DAEMON_LOG, "client %u: out of memory", c->portid);
			break;
		}
	}
	free(buf);
	umc_genl_client_unregister(c->genl);
	c->genl = NULL;
	shutdown(c->fd, SHUT_RDWR);
	umc_current_release();
	sys->thread_unregister();
	__atomic_store_n(&c->done, true, __ATOMIC_RELEASE);
	return NULL;
}

/* Join and free the threads of clients that disconnected. Caller holds server.lock. */
static void reap_clients_locked(void)
{
	struct client **pp = &server.clients;

	while (*pp) {
		struct client *c = *pp;

		if (__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
			*pp = c->next;
			pthread_join(c->thread, NULL);
			close(c->fd);
			free(c);
		} else {
			pp = &c->next;
		}
	}
}

static void refuse(int fd, int error, const struct ucred *cred)
{
	sys_logf(SYS_LOG_WARNING, DAEMON_LOG,
		 "control socket: refused pid %d uid %u: only uid %u and root may control this daemon",
		 (int)cred->pid, (unsigned)cred->uid, (unsigned)server.uid);
	send_status(fd, error);
	close(fd);
}

static void accept_one(int fd)
{
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	struct umc_genl_cred gc;
	struct client *c;
	int sndbuf = CLIENT_SNDBUF;
	struct timeval tv = { .tv_sec = UNICAST_SEND_TIMEOUT_S };
	int rc;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) < 0) {
		close(fd);
		return;
	}
	if (cred.uid != server.uid && cred.uid != 0) {
		refuse(fd, -EACCES, &cred);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		send_status(fd, -ENOMEM);
		close(fd);
		return;
	}
	c->fd = fd;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));

	/* Peers we serve act with the daemon's full authority over DRBD, as root does with the
	 * kernel module: they get CAP_SYS_ADMIN and CAP_NET_ADMIN. */
	gc.pid = (uint32_t)cred.pid;
	gc.uid = cred.uid;
	gc.gid = cred.gid;
	gc.caps = (1ULL << CAP_SYS_ADMIN_BIT) | (1ULL << CAP_NET_ADMIN_BIT);
	rc = umc_genl_client_register(&c->genl, 0, &gc, deliver, c);
	if (rc) {
		send_status(fd, rc);
		close(fd);
		free(c);
		return;
	}
	c->portid = umc_genl_client_portid(c->genl);

	struct {
		struct nlmsghdr nlh;
		struct drbd_um_hello hello;
	} m;
	memset(&m, 0, sizeof(m));
	drbd_um_msg_init(&m.nlh, DRBD_UM_MSG_HELLO, sizeof(m.hello));
	m.hello.magic = DRBD_UM_PROTO_MAGIC;
	m.hello.version = DRBD_UM_PROTO_VERSION;
	m.hello.portid = c->portid;
	m.hello.daemon_pid = (uint32_t)getpid();
	if (send(fd, &m, sizeof(m), MSG_NOSIGNAL) != (ssize_t)sizeof(m)) {
		umc_genl_client_unregister(c->genl);
		close(fd);
		free(c);
		return;
	}

	pthread_mutex_lock(&server.lock);
	reap_clients_locked();
	if (pthread_create(&c->thread, NULL, client_thread, c)) {
		pthread_mutex_unlock(&server.lock);
		umc_genl_client_unregister(c->genl);
		close(fd);
		free(c);
		return;
	}
	c->next = server.clients;
	server.clients = c;
	pthread_mutex_unlock(&server.lock);
}

static void *accept_thread(void *arg)
{
	(void)arg;
	sys->thread_set_name("drbd-um-accept");
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = server.listen_fd, .events = POLLIN },
			{ .fd = server.wake_pipe[0], .events = POLLIN },
		};

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents)
			break;
		if (pfd[0].revents & POLLIN) {
			int fd = accept4(server.listen_fd, NULL, NULL, SOCK_CLOEXEC);

			if (fd >= 0)
				accept_one(fd);
			else if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED)
				sys_logf(SYS_LOG_ERR, DAEMON_LOG, "control socket accept: %s",
					 strerror(errno));
		}
	}
	return NULL;
}

int control_server_start(const char *run_dir, uid_t uid)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, rc;

	if ((size_t)snprintf(server.path, sizeof(server.path), "%s/%s", run_dir,
			     DRBD_UM_CONTROL_SOCK) >= sizeof(server.path))
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, server.path, sizeof(server.path));
	server.uid = uid;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	/* the run dir is locked by us: a leftover socket is stale */
	(void)unlink(server.path);
	mode_t old = umask(077);
	rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc < 0 || chmod(server.path, 0600) < 0 || listen(fd, 64) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (pipe2(server.wake_pipe, O_CLOEXEC) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	server.listen_fd = fd;
	rc = pthread_create(&server.accept_thread, NULL, accept_thread, NULL);
	if (rc) {
		close(fd);
		server.listen_fd = -1;
		return -rc;
	}
	server.running = true;
	return 0;
}

void control_server_stop(void)
{
	if (!server.running)
		return;
	(void)!write(server.wake_pipe[1], "x", 1);
	pthread_join(server.accept_thread, NULL);
	close(server.listen_fd);
	(void)unlink(server.path);

	pthread_mutex_lock(&server.lock);
	for (struct client *c = server.clients; c; c = c->next)
		shutdown(c->fd, SHUT_RDWR); /* the client thread's recv returns 0 */
	while (server.clients) {
		struct client *c = server.clients;

		server.clients = c->next;
		pthread_join(c->thread, NULL);
		close(c->fd);
		free(c);
	}
	pthread_mutex_unlock(&server.lock);
	close(server.wake_pipe[0]);
	close(server.wake_pipe[1]);
	server.running = false;
}
