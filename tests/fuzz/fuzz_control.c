// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_control.c - libFuzzer harness of the daemon's control socket: the real control server
 * (tools/daemon/control_server.c: framing, SETSOCKOPT/PROC_READ decoding, dispatch) in front
 * of umc's generic netlink core and DRBD 8.4's own netlink handlers, all in this process.
 *
 * LLVMFuzzerInitialize starts what the daemon starts (mte, umc, DRBD's module init, the
 * control server in a private temporary run directory). Each input is one datagram sent on a
 * fresh connection, as drbdsetup sends its requests; a hash of the input decides how the
 * client behaves, so that the fuzzer explores all of these from any input:
 *   - first join a multicast group (the DRBD events group or an unknown one), so that
 *     notifications flow to this connection too;
 *   - then either read every reply until the daemon closes, or disconnect mid-stream: read
 *     at most one reply datagram (or none) and close, while the daemon may still be answering.
 * After each input every resource the input created is taken down (as the daemon does at
 * SIGTERM), so that inputs do not pile up state.
 *
 * The harness never touches the host beyond its run directory: the provider vector is a copy
 * of mte's where opening block devices fails with -EACCES and binding/connecting network
 * sockets fails as with a busy address / absent peer (a fuzzed attach or connect cannot open
 * a file or reach the network), and DRBD's usermode helper is disabled.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/netlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#include "control_proto.h"
#include "daemon.h"
#include "module.h"
#include "mte.h"
#include "sys_service.h"
#include "umc.h"

#define REPLY_MAX (256 * 1024)
#define MAX_REPLIES 4096 /* reply datagrams one input reads at most */

static struct sys_service_ops fuzz_ops;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static char *reply_buf;

static int refuse_bdev_open(struct sys_bdev **out, const char *path, uint32_t flags,
			    struct sys_bdev_info *info)
{
	(void)out;
	(void)path;
	(void)flags;
	(void)info;
	return -EACCES;
}

/*
 * bind fails as for an address in use, connect as for an absent peer: DRBD's receiver treats
 * both as "peer not there yet" and retries every connect-int, as with a real absent peer. (A
 * hard error such as -EACCES makes the receiver force the connection StandAlone by itself,
 * which races in DRBD 8.4 with a concurrent del-minor: remember_new_state() then finds a
 * device without its peer device and dereferences NULL - a DRBD race, not this port's.)
 */
static int refuse_sock_bind(int fd, const void *addr, int addrlen)
{
	(void)fd;
	(void)addr;
	(void)addrlen;
	return -EADDRINUSE;
}

static int refuse_sock_connect(int fd, const void *addr, int addrlen)
{
	(void)fd;
	(void)addr;
	(void)addrlen;
	return -ECONNREFUSED;
}

static char run_dir[64];

/* at exit: the socket and the helper script left in the private run directory */
static void remove_run_dir(void)
{
	char p[128];

	unlink(sock_path);
	snprintf(p, sizeof(p), "%s/usermode-helper", run_dir);
	unlink(p);
	rmdir(run_dir);
}

static void die(const char *what, int err)
{
	fprintf(stderr, "fuzz_control: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mte_options mo = { 0 };
	const char *tmp = getenv("TMPDIR");
	char tmpl[48];
	const char *dir;
	int rc;

	(void)argc;
	(void)argv;
	/* libFuzzer may leave without running atexit handlers: run_fuzz.sh removes its TMPDIR */
	if (!tmp || !*tmp || strlen(tmp) > 24)
		tmp = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/drbdum-fuzz.XXXXXX", tmp);
	dir = mkdtemp(tmpl);
	if (!dir)
		die("mkdtemp", errno);
	/* quiet: DRBD logs every refused request; FUZZ_LOG=7 shows everything */
	mo.log_levels = getenv("FUZZ_LOG") ? getenv("FUZZ_LOG") : "*=2";
	rc = mte_init(&mo);
	if (rc)
		die("mte_init", rc);
	fuzz_ops = *sys;
	fuzz_ops.name = "mte-fuzz";
	fuzz_ops.bdev_open = refuse_bdev_open;
	fuzz_ops.sock_bind = refuse_sock_bind;
	fuzz_ops.sock_connect = refuse_sock_connect;
	sys_service_uninstall();
	rc = sys_service_install(&fuzz_ops);
	if (rc)
		die("sys_service_install", rc);
	rc = umc_init();
	if (rc)
		die("umc_init", rc);
	umc_usermodehelper_set_enabled(false);
	rc = umc_module_init_all();
	if (rc)
		die("DRBD module init", rc);
	rc = control_server_start(dir, getuid());
	if (rc)
		die("control_server_start", rc);
	snprintf(sock_path, sizeof(sock_path), "%s/%s", dir, DRBD_UM_CONTROL_SOCK);
	reply_buf = malloc(REPLY_MAX);
	if (!reply_buf)
		die("malloc", ENOMEM);
	snprintf(run_dir, sizeof(run_dir), "%s", dir);
	atexit(remove_run_dir);
	return 0;
}

static uint32_t hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* recv that resumes after a signal: libFuzzer's -timeout watchdog is a SIGALRM handler installed
 * without SA_RESTART, so any blocking call here can return EINTR */
static ssize_t recv_retry(int fd, void *buf, size_t len, int flags)
{
	ssize_t n;

	do
		n = recv(fd, buf, len, flags);
	while (n < 0 && errno == EINTR);
	return n;
}

static ssize_t send_retry(int fd, const void *buf, size_t len, int flags)
{
	ssize_t n;

	do
		n = send(fd, buf, len, flags);
	while (n < 0 && errno == EINTR);
	return n;
}

static int connect_control(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket", errno);
	memcpy(sa.sun_path, sock_path, sizeof(sa.sun_path));
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (errno == EISCONN)
			break; /* an interrupted connect completed meanwhile */
		if (errno != EINTR)
			die("connect to the control socket", errno);
	}
	/* the daemon's greeting */
	if (recv_retry(fd, reply_buf, REPLY_MAX, 0) < (ssize_t)NLMSG_HDRLEN)
		die("no HELLO from the control server", errno ? errno : EPROTO);
	return fd;
}

static void join_group(int fd, uint32_t group)
{
	struct {
		struct nlmsghdr nlh;
		struct drbd_um_setsockopt so;
		uint32_t val;
	} m;

	memset(&m, 0, sizeof(m));
	drbd_um_msg_init(&m.nlh, DRBD_UM_MSG_SETSOCKOPT, sizeof(m.so) + sizeof(m.val));
	m.so.level = SOL_NETLINK;
	m.so.optname = NETLINK_ADD_MEMBERSHIP;
	m.so.optlen = sizeof(m.val);
	m.val = group;
	(void)send_retry(fd, &m, sizeof(m), MSG_NOSIGNAL);
}

/*
 * Requests that make DRBD 8.4 itself hang or crash, which the harness therefore does not send
 * (both are DRBD's own behaviour, in the kernel as here):
 * - a state change with CS_WAIT_COMPLETE (drbd_request_state) on a resource whose worker
 *   thread was never started (no attach/connect yet) waits for after_state_ch work nobody
 *   runs, holding the genl mutex (drbd_state.c drbd_req_state): pause-sync (21),
 *   resume-sync (22), suspend-io (23) and resume-io (24) succeed on a fresh minor and hang;
 * - connect (10): the worker starts the receiver thread later (after_state_ch), so a quick
 *   disconnect cannot stop it yet (drbd_thread_stop sees no thread); it then changes state
 *   concurrently with a del-minor (of the same input or of the cleanup) and
 *   remember_new_state() dereferences the NULL peer device of the minor being deleted
 *   (drbd_state.c:196). Net options are still parsed through chg-net-opts (29);
 * - the dumps get-devices (31), get-connections (32) and get-peer-devices (33) look up their
 *   resource filter with find_cfg_context_attr(), which returns drbd_nla_find_nested()'s
 *   ERR_PTR(-EOPNOTSUPP) when the context holds an unknown attribute flagged
 *   DRBD_GENLA_F_MANDATORY; they take it for an attribute and dereference it (drbd_nl.c
 *   drbd_adm_dump_devices -> drbd_find_resource; an oops in the kernel).
 */
#define DRBD_NLA_CFG_CONTEXT_TYPE 2
#define DRBD_MANDATORY_FLAG 0x4000
#define CFG_CONTEXT_MAXTYPE 4

/* Does the DRBD request @msg (@len bytes) carry a config context with an unknown mandatory
 * attribute (see above)? Walks the top-level attributes after the genl and DRBD headers. */
static bool bad_mandatory_context(const uint8_t *msg, size_t len)
{
	size_t off = NLMSG_HDRLEN + 4 + 8; /* genlmsghdr, drbd_genlmsghdr (minor, flags) */

	while (off + 4 <= len) {
		uint16_t alen, atype;

		memcpy(&alen, msg + off, 2);
		memcpy(&atype, msg + off + 2, 2);
		if (alen < 4 || alen > len - off)
			return false;
		if ((atype & 0x3fff) == DRBD_NLA_CFG_CONTEXT_TYPE) {
			size_t noff = off + 4;

			while (noff + 4 <= off + alen) {
				uint16_t nlen, ntype;

				memcpy(&nlen, msg + noff, 2);
				memcpy(&ntype, msg + noff + 2, 2);
				if (nlen < 4 || nlen > off + alen - noff)
					break;
				if ((ntype & DRBD_MANDATORY_FLAG) && (ntype & 0x3fff) > CFG_CONTEXT_MAXTYPE)
					return true;
				noff += (nlen + 3u) & ~3u;
			}
			return false; /* nla_find stops at the first context */
		}
		off += (alen + 3u) & ~3u;
	}
	return false;
}

static bool hangs_drbd(const uint8_t *data, size_t size)
{
	static const uint8_t hang_cmds[] = { 10, 21, 22, 23, 24 };
	size_t off = 0;

	/* every message of the datagram, as netlink walks them (NLMSG_OK / NLMSG_NEXT) */
	while (size - off >= NLMSG_HDRLEN) {
		uint32_t mlen;

		memcpy(&mlen, data + off, sizeof(mlen));
		if (mlen < NLMSG_HDRLEN || mlen > size - off)
			break;
		if (mlen > NLMSG_HDRLEN &&
		    memchr(hang_cmds, data[off + NLMSG_HDRLEN], sizeof(hang_cmds)))
			return true;
		if (mlen > NLMSG_HDRLEN && data[off + NLMSG_HDRLEN] >= 31 &&
		    data[off + NLMSG_HDRLEN] <= 33 && bad_mandatory_context(data + off, mlen))
			return true;
		if (NLMSG_ALIGN(mlen) >= size - off)
			break;
		off += NLMSG_ALIGN(mlen);
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t h = hash(data, size);
	int fd;

	/* the control server closes connections whose datagram is shorter than a netlink header,
	 * and SEQPACKET cannot send an empty one: both still run through its receive path */
	if (size > DRBD_UM_DATA_MAX * 16)
		return -1; /* larger than any request drbdsetup sends; not added to the corpus */
	if (hangs_drbd(data, size))
		return -1;
	fd = connect_control();
	if (h & 1)
		join_group(fd, (h & 2) ? 1 + ((h >> 8) & 3) : 1);
	if (size && send_retry(fd, data, size, MSG_NOSIGNAL) < 0 && errno != EPIPE &&
	    errno != ECONNRESET && errno != EMSGSIZE)
		die("send", errno);
	if ((h & 0x1c) == 0) {
		/* disconnect mid-stream: the daemon may still be replying or running the handler */
		if (h & 0x20)
			(void)recv_retry(fd, reply_buf, REPLY_MAX, MSG_DONTWAIT);
		close(fd);
	} else {
		/* half-close: the daemon's connection thread ends after this datagram, closing its
		 * side once every reply is sent; read them, but no more than MAX_REPLIES: a dump
		 * that repeats itself (DRBD's get_devices for an unknown resource name) goes on as
		 * long as the client reads, in the kernel as here; drbdsetup stops at the error */
		int replies = 0;

		shutdown(fd, SHUT_WR);
		while (replies++ < MAX_REPLIES && recv_retry(fd, reply_buf, REPLY_MAX, 0) > 0)
			;
		close(fd);
	}
	/* what the input created goes away, as at daemon shutdown */
	(void)internal_down_all();
	return 0;
}
