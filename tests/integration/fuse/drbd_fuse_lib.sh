# SPDX-License-Identifier: GPL-2.0
# drbd_fuse_lib.sh - shared by the DRBD-level FUSE tests (fuse_drbd_*.sh): start the real
# daemon on a temporary run directory, bring up a one-node resource r0 (the peer address is
# never answered: the node stays StandAlone/WFConnection) with a file as backing disk, and
# clean everything up on exit. Sourced; the test calls fuse_lib_init "$@" first.
#
#   fuse_lib_init DAEMON DRBD_UM   skip (77) unless the daemon is built and the tools exist
#   require CMD...                 skip unless every command is installed
#   start_daemon / stop_daemon / kill9_daemon
#   um CMD...                      run CMD through drbd-um (the shim) as node hw1
#   make_resource SIZE_MB          backing file + drbd.conf; create-md
#   up_primary                     drbdadm up r0, primary --force; waits for $DEV
#   ok/nok/check DESCRIPTION ...   TAP lines; finish exits 0 or 1
#
# Tests run as the invoking user. When that is root and /dev/fuse is usable by others
# (chmod 666, as CI may set it up), everything runs as "nobody" instead, to show that no
# privilege is needed; otherwise the unprivileged part is reported as not exercised.

DRBD_UTILS_84=/usr/lib/drbd/drbdsetup-84
# shellcheck source=../sanitizer_scan.sh
. "$(dirname "${BASH_SOURCE[0]}")/../sanitizer_scan.sh"

skip() {
	echo "SKIP: $*"
	exit 77
}

require() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift
	local l; for l in "$@"; do echo "#   $l"; done
}
check() { local d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
# quiet CMD...: CMD with its output dropped (drbdadm is chatty about __DRBD_NODE__)
quiet() { "$@" >/dev/null 2>&1; }
finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit $?
}

# as_user CMD...: run CMD as the test user (nobody in unprivileged mode)
as_user() {
	if [ -n "$RUNAS" ]; then
		setpriv --reuid="$RUNAS" --regid="$RUNAS_GROUP" --clear-groups -- "$@"
	else
		"$@"
	fi
}

fuse_lib_init() {
	DAEMON=$1
	DRBD_UM=$2
	[ -x "$DAEMON" ] || skip "the daemon ($DAEMON) is not built yet"
	[ -x "$DRBD_UM" ] || skip "drbd-um ($DRBD_UM) is not there"
	[ -e /dev/fuse ] || skip "no /dev/fuse on this machine"
	[ -x "$DRBD_UTILS_84" ] || skip "$DRBD_UTILS_84 not installed (Debian package drbd-utils)"
	require drbdadm drbdmeta fusermount3 timeout
	RUNAS=""
	RUNAS_GROUP=""
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
	   [ "$(stat -c %a /dev/fuse)" = 666 ]; then
		RUNAS=nobody
		RUNAS_GROUP=$(id -gn nobody)
	fi
	T=$(mktemp -d "${TMPDIR:-/tmp}/fuse-drbd.XXXXXX")
	chmod 755 "$T"
	[ -n "$RUNAS" ] && chown "$RUNAS:$RUNAS_GROUP" "$T"
	RUN=$T/run
	MNT=$RUN/mnt
	DEV=$MNT/dev/drbd0
	BACKING=$T/backing.img
	CONF=$T/r0.res
	PORT=$((20000 + $$ % 20000))
	trap fuse_lib_cleanup EXIT
	echo "# run dir $RUN, user ${RUNAS:-$(id -un)}"
	[ -z "$RUNAS" ] && echo "# unprivileged mode not exercised (needs root and /dev/fuse mode 666)"
	return 0
}

daemon_pid() {
	cat "$RUN/daemon.pid" 2>/dev/null
}

start_daemon() {
	as_user "$DAEMON" --run-dir "$RUN" --node hw1 --no-helpers
}

# Wait (bounded) until process $1 is gone.
wait_gone() {
	timeout 60 tail --pid="$1" -f /dev/null
}

stop_daemon() {
	local pid
	pid=$(daemon_pid)
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	wait_gone "$pid"
}

kill9_daemon() {
	local pid
	pid=$(daemon_pid)
	kill -KILL "$pid"
	wait_gone "$pid"
}

fuse_lib_cleanup() {
	local rc=$? pid
	pid=$(daemon_pid)
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null && wait_gone "$pid"
	fi
	for m in "$T"/fs "$MNT"; do
		grep -q " $m " /proc/self/mounts 2>/dev/null && fusermount3 -u -z "$m" 2>/dev/null
	done
	if ! sanitizer_scan "$RUN/daemon.log"; then
		echo "not ok - the daemon reported sanitizer findings (above)"
		failed=$((${failed:-0} + 1))
		rc=1
	fi
	if [ "${failed:-0}" -ne 0 ] && [ -f "$RUN/daemon.log" ]; then
		echo "# --- daemon.log (last lines) ---"
		tail -n 30 "$RUN/daemon.log" | sed 's/^/#   /'
	fi
	rm -rf "$T"
	exit "$rc"
}

um() {
	as_user timeout 60 "$DRBD_UM" --run-dir "$RUN" --node hw1 "$@"
}

make_resource() {
	as_user truncate -s "${1}M" "$BACKING"
	cat > "$CONF" <<EOF
resource r0 {
  protocol C;
  net { }
  on hw1 {
    device /dev/drbd0 minor 0;
    disk $BACKING;
    address 127.0.0.1:$PORT;
    meta-disk internal;
  }
  on hw2 {
    device /dev/drbd0 minor 0;
    disk $T/peer.img;
    address 127.0.0.1:$((PORT + 1));
    meta-disk internal;
  }
}
EOF
	chmod 644 "$CONF"
	yes yes | um drbdadm -c "$CONF" create-md --force r0 >"$T/create-md.log" 2>&1
}

up_primary() {
	um drbdadm -c "$CONF" up r0 >"$T/up.log" 2>&1 || return 1
	um drbdadm -c "$CONF" primary --force r0 >"$T/primary.log" 2>&1 || return 1
	as_user test -f "$DEV"
}
