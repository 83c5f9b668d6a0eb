# shellcheck shell=bash
# tests/integration/lib.sh - helpers for integration tests that run real drbd-usermode daemons
# driven by the real drbd-utils through tools/drbd-um. Source it from a bash test script:
#
#   . "$(dirname "$0")/../lib.sh"      (adjust the path)
#   itest_init                         # temp dir, cleanup trap, binaries found
#   node_start alpha                   # daemon with run dir $T/alpha
#   um alpha drbdadm -c "$T/r0.res" up r0
#   wait_for 30 "sync done" node_proc_grep beta 'ds:UpToDate/UpToDate'
#   ok "description" / fail "description"
#
# Environment: DRBDUM_BIN (build/bin with drbd-usermode and drbd-um), set by CTest.
# Exit codes: 0 pass, 1 fail, 77 skip (a prerequisite is missing; the reason is printed).

set -u

# shellcheck source=sanitizer_scan.sh
. "$(dirname "${BASH_SOURCE[0]}")/sanitizer_scan.sh"

itest_init() {
	BIN=${DRBDUM_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../build/bin" 2>/dev/null && pwd)}
	[ -x "$BIN/drbd-usermode" ] || skip "daemon not built at $BIN/drbd-usermode"
	[ -x "$BIN/drbd-um" ] || skip "drbd-um not found in $BIN"
	command -v drbdadm >/dev/null || skip "drbd-utils (drbdadm) not installed"
	T=$(mktemp -d "${TMPDIR:-/tmp}/drbdum-test.XXXXXX")
	chmod 755 "$T"
	ITEST_FAILS=0
	ITEST_COUNT=0
	NODES=""
	trap itest_cleanup EXIT
	trap 'exit 130' INT TERM
}

skip() {
	echo "SKIP: $*"
	exit 77
}

ok() {
	ITEST_COUNT=$((ITEST_COUNT + 1))
	echo "ok $ITEST_COUNT - $*"
}

fail() {
	ITEST_COUNT=$((ITEST_COUNT + 1))
	ITEST_FAILS=$((ITEST_FAILS + 1))
	echo "not ok $ITEST_COUNT - $*"
}

# check DESCRIPTION CMD...: ok if CMD succeeds, else fail
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else fail "$desc"; fi
}

itest_done() {
	echo "# $ITEST_COUNT checks, $ITEST_FAILS failed"
	[ "$ITEST_FAILS" -eq 0 ]
	exit $?
}

# node_start NAME [daemon options...]: start a daemon for drbd.conf host NAME, run dir $T/NAME
node_start() {
	local name=$1
	shift
	mkdir -p "$T/$name"
	"$BIN/drbd-usermode" --run-dir "$T/$name" --node "$name" "$@" || return 1
	NODES="$NODES $name"
}

node_pid() {
	cat "$T/$1/daemon.pid" 2>/dev/null
}

# node_stop NAME: SIGTERM and wait (at most 30 s) for a clean exit
node_stop() {
	local pid
	pid=$(node_pid "$1") || return 0
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	echo "# daemon $1 (pid $pid) did not exit in 30 s; killing" >&2
	kill -KILL "$pid" 2>/dev/null
	return 1
}

# node_kill NAME: SIGKILL (crash), wait until gone, clean a stale FUSE mount
node_kill() {
	local pid
	pid=$(node_pid "$1") || return 0
	kill -KILL "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	fusermount3 -u -z "$T/$1/mnt" 2>/dev/null || umount -l "$T/$1/mnt" 2>/dev/null || true
}

# um NAME CMD...: run CMD through drbd-um against node NAME (drbdadm chatter filtered)
um() {
	local name=$1
	shift
	"$BIN/drbd-um" --run-dir "$T/$name" --node "$name" "$@" 2> >(grep -v -e 'found __DRBD_NODE__' -e 'PRETENDING that I am' -e '^$' >&2)
}

node_proc() {
	um "$1" cat /proc/drbd
}

node_proc_grep() {
	node_proc "$1" | grep -q -- "$2"
}

# wait_for SECONDS DESCRIPTION CMD...: poll CMD every 0.2 s until it succeeds
wait_for() {
	local secs=$1 desc=$2 i
	shift 2
	for i in $(seq 1 $((secs * 5))); do
		"$@" && return 0
		sleep 0.2
	done
	echo "# timed out after ${secs}s waiting for: $desc" >&2
	return 1
}

# itest_cleanup [RC] (the EXIT trap; RC defaults to the exit status in flight): stop every daemon, show the logs of a failed test, fail the
# test (exit 1) when a daemon's log holds a sanitizer finding. ITEST_EXTRA_CLEANUP names a
# function run after the daemons stopped (e.g. removing network namespaces).
itest_cleanup() {
	local rc=${1:-$?} n logs=""
	for n in $NODES; do
		node_stop "$n" >/dev/null 2>&1
	done
	for n in $NODES; do
		logs="$logs $T/$n/daemon.log"
		if [ -n "${ITEST_KEEP:-}" ] || [ "${ITEST_FAILS:-0}" -ne 0 ]; then
			echo "# --- last lines of $n's log ($T/$n/daemon.log) ---"
			tail -n 40 "$T/$n/daemon.log" 2>/dev/null | sed 's/^/# /'
		fi
	done
	# shellcheck disable=SC2086
	if ! sanitizer_scan $logs; then
		echo "not ok - a daemon reported sanitizer findings (above)"
		rc=1
	fi
	[ -n "${ITEST_EXTRA_CLEANUP:-}" ] && "$ITEST_EXTRA_CLEANUP"
	[ -n "${ITEST_KEEP:-}" ] || rm -rf "$T"
	exit $rc
}

# ---- added by the control-plane workstream (issue 5) ----

# as_user USER CMD...: run CMD as USER (and USER's primary group, no supplementary groups).
# Needs root.
as_user() {
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --clear-groups "$@"
}

# itest_unprivileged "$@": call first, before itest_init. When the script runs as root (CI),
# re-run it as nobody:nogroup so that the daemon and drbd-utils run unprivileged; skip (77)
# with the reason when nobody cannot use the build directory or setpriv is missing.
itest_unprivileged() {
	local bin self
	[ "$(id -u)" -eq 0 ] || return 0
	command -v setpriv >/dev/null || skip "setpriv missing: cannot drop root to nobody"
	id nobody >/dev/null 2>&1 || skip "no user nobody to drop root to"
	bin=${DRBDUM_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../build/bin" 2>/dev/null && pwd)}
	self=$(readlink -f -- "$0")
	as_user nobody test -x "$bin/drbd-usermode" -a -r "$bin/../lib/libdrbd-usermode-shim.so" \
		-a -r "$self" ||
		skip "user nobody cannot use the build directory $bin (make it world-readable)"
	if [ -n "${TMPDIR:-}" ] && ! as_user nobody test -w "$TMPDIR"; then
		export TMPDIR=/tmp
	fi
	cd / || exit 1
	export DRBDUM_BIN="$bin" HOME=/
	exec setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups bash "$self" "$@"
}

# node_start_fg NAME [daemon options...]: start a daemon for host NAME with --foreground as a
# child of this shell (log in $T/NAME/daemon.log), wait (10 s at most) until its control
# socket exists; its pid is in NODE_FG_PID, so `wait $NODE_FG_PID` yields its exit status.
node_start_fg() {
	local name=$1
	shift
	mkdir -p "$T/$name"
	"$BIN/drbd-usermode" --run-dir "$T/$name" --node "$name" --foreground "$@" \
		>>"$T/$name/daemon.log" 2>&1 &
	NODE_FG_PID=$!
	NODES="$NODES $name"
	wait_for 10 "control socket of $name" test -S "$T/$name/control.sock"
}

# wait_pid SECONDS PID: wait (at most SECONDS) for the child PID to exit; returns its exit
# status, or 124 (like timeout(1)) when it is still running.
wait_pid() {
	local secs=$1 pid=$2
	for _ in $(seq 1 $((secs * 10))); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && return 124
	wait "$pid"
}
