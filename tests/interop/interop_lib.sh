# shellcheck shell=bash
# tests/interop/interop_lib.sh - helpers for the interoperability tests: one drbd-usermode
# daemon ("ours", drbd.conf host "umpeer", 10.99.0.1) against the kernel's DRBD 8.4.11 in a
# User-Mode Linux guest ("kernel", host drbd-a, 10.99.0.11) started by uml-drbd-peer.
#
#   . "$(dirname "$0")/interop_lib.sh"
#   iop_init [uml-drbd-peer up options]   # skip (77) if the peer cannot run; cleanup trap
#   iop_write_res r0 'protocol C;'        # $T/r0.res, used by both sides
#   iop_up r0                             # create-md + up on both sides, wait Connected
#   ours drbdadm -c "$T/r0.res" primary --force r0
#   kern "drbdadm -c \$GUEST_RES secondary r0"
#   iop_compare "after writes"            # drained, then sha256 of both data areas
#
# Environment: DRBDUM_BIN (build/bin), DRBDUM_PEER (path of uml-drbd-peer), both set by CTest.
# Our daemon and every drbd-um call run in the peer's network namespace through
# `nsenter --net` only: `ip netns exec` would also give a private mount namespace and hide the
# daemon's FUSE mount. Cleanup (also on failure): our daemon is stopped, then `uml-drbd-peer
# down`.

# shellcheck source=../integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"

OURS=umpeer
DISK_MIB=${IOP_DISK_MIB:-128}
# resync settings for both sides: a fixed rate instead of the slow-starting controller
IOP_DISK_OPTS=${IOP_DISK_OPTS:-'c-plan-ahead 0; resync-rate 200M;'}

iop_init() {
	local src rc attempt
	itest_init
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	PEER=${DRBDUM_PEER:-$src/../shared/peer/uml-drbd-peer}
	[ -x "$PEER" ] || skip "reference peer not found at $PEER (set DRBDUM_PEER)"
	command -v nsenter >/dev/null || skip "nsenter (util-linux) not installed"
	PRUN=$T/peer
	ITEST_NODES_SAVED=$NODES	# the peer's env file sets NODES too
	IOP_T0=$(date +%s.%N)
	trap iop_cleanup EXIT
	# up is tried up to three times: its boot watch can read /proc/PID/cmdline of the launching
	# subshell before the exec of linux.uml and then reports "UML exited during boot" for a guest
	# that is in fact booting (seen once in CI on a loaded machine); each failed attempt is shown
	for attempt in 1 2 3; do
		"$PEER" up --run "$PRUN" --nodes 1 --disk-mib "$DISK_MIB" "$@" > "$T/peer-up.out" 2> "$T/peer-up.err"
		rc=$?
		[ "$rc" -eq 0 ] || [ "$rc" -eq 77 ] || [ "$attempt" -eq 3 ] && break
		sed 's/^/# /' "$T/peer-up.err"
		echo "# uml-drbd-peer up attempt $attempt failed with status $rc; trying again"
		"$PEER" down --run "$PRUN" > /dev/null 2>&1
		rm -rf "$PRUN"
	done
	if [ "$rc" -eq 77 ]; then
		sed 's/^/# /' "$T/peer-up.err"
		skip "uml-drbd-peer cannot run here (see above)"
	fi
	if [ "$rc" -ne 0 ]; then
		sed 's/^/# /' "$T/peer-up.err"
		echo "# uml-drbd-peer up failed with status $rc"
		exit 1
	fi
	# shellcheck source=/dev/null
	. "$PRUN/env"
	NODES=$ITEST_NODES_SAVED
	NSENTER=(nsenter "--net=/run/netns/$NETNS")
	OURS_IMG=$T/ours.img
	truncate -s "${DISK_MIB}M" "$OURS_IMG"
	echo "# kernel peer: DRBD $DRBD_VERSION in UML $UML_KERNEL, namespace $NETNS, boot ${NODE_A_BOOT_S}s"
}

iop_cleanup() {
	local rc=$? n
	if [ -n "${NETNS:-}" ] && { [ "${ITEST_FAILS:-0}" -ne 0 ] || [ "$rc" -ne 0 ]; }; then
		echo "# --- kernel peer: /proc/drbd and last kernel messages ---"
		"$PEER" exec --run "$PRUN" --timeout 10 A 'cat /proc/drbd; dmesg | grep -i drbd | tail -n 40' 2>&1 | sed 's/^/# /'
		ITEST_FAILS=$((${ITEST_FAILS:-0} + 1))
	fi
	for n in $NODES; do
		node_stop "$n" >/dev/null 2>&1
	done
	[ -n "${PRUN:-}" ] && "$PEER" down --run "$PRUN" > /dev/null 2>&1
	echo "# wall time $(iop_elapsed)s"
	itest_cleanup "$rc"
}

iop_elapsed() {
	awk -v a="$IOP_T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# ours CMD...: run CMD through drbd-um for our node, inside the peer's network namespace
# (drbdadm checks that the node's address is local)
ours() {
	"${NSENTER[@]}" "$BIN/drbd-um" --run-dir "$T/$OURS" --node "$OURS" "$@" \
		2> >(grep -v -e 'found __DRBD_NODE__' -e 'PRETENDING that I am' -e '^$' >&2)
}

# kern 'shell command': run it in guest A (stdout, stderr and status passed on)
kern() {
	"$PEER" exec --run "$PRUN" --timeout "${IOP_EXEC_TIMEOUT:-120}" A "$1"
}

# iop_start_ours: our daemon inside the namespace (detaches when ready)
iop_start_ours() {
	mkdir -p "$T/$OURS"
	"${NSENTER[@]}" "$BIN/drbd-usermode" --run-dir "$T/$OURS" --node "$OURS" --no-helpers || return 1
	NODES="$NODES $OURS"
}

# iop_write_res NAME [net options] [disk options]: $T/NAME.res for resource r0, port 7789
iop_write_res() {
	local name=$1 net=${2:-'protocol C;'} disk=${3:-$IOP_DISK_OPTS}
	cat > "$T/$name.res" <<EOF
resource r0 {
    net  { $net }
    disk { $disk }
    on $NODE_A_HOSTNAME {
        device /dev/drbd0 minor 0; disk $NODE_A_GUEST_DISK; meta-disk internal;
        address $NODE_A_IP:7789;
    }
    on $OURS {
        device /dev/drbd0 minor 0; disk $OURS_IMG; meta-disk internal;
        address $BRIDGE_IP:7789;
    }
}
EOF
}

# iop_config_kern NAME: install $T/NAME.res in the guest as $GUEST_RES
iop_config_kern() {
	"$PEER" config --run "$PRUN" A "$T/$1.res" > /dev/null
}

# iop_up NAME: create-md and up on both sides with $T/NAME.res, start our daemon if needed,
# wait until connected
iop_up() {
	local name=$1
	iop_config_kern "$name" || return 1
	kern "drbdadm -c $GUEST_RES create-md --force r0 >/dev/null 2>&1 && drbdadm -c $GUEST_RES up r0" || return 1
	[ -n "$(node_pid "$OURS")" ] || iop_start_ours || return 1
	ours drbdadm -c "$T/$name.res" create-md --force r0 > /dev/null 2>&1 || return 1
	ours drbdadm -c "$T/$name.res" up r0 || return 1
	wait_for 30 "connected" both_grep 'cs:Connected'
}

# iop_skip_initial_sync: both disks hold the same (zero) data; skip the full sync
iop_skip_initial_sync() {
	ours drbdadm -c "$T/r0.res" -- --clear-bitmap new-current-uuid r0 || return 1
	wait_for 30 "UpToDate without sync" both_grep 'ds:UpToDate/UpToDate'
}

ours_proc() { node_proc "$OURS"; }
kern_proc() { kern 'cat /proc/drbd'; }
ours_grep() { ours_proc | grep -q -- "$1"; }
kern_grep() { kern_proc | grep -q -- "$1"; }
both_grep() { ours_grep "$1" && kern_grep "$1"; }

# proc_field FIELD < /proc/drbd text: the number after "FIELD:" of minor 0
proc_field() {
	sed -n "s/.* $1:\([0-9]*\).*/\1/p" | head -n 1
}

# iop_snap: remember the traffic counters of both sides (before writes). A connect resets the
# counters of the side that runs it: snapshot again after every (re)connect.
iop_snap() {
	local o k
	o=$(ours_proc)
	k=$(kern_proc)
	SNAP_ONS=$(proc_field ns <<< "$o")
	SNAP_ONR=$(proc_field nr <<< "$o")
	SNAP_KNS=$(proc_field ns <<< "$k")
	SNAP_KNR=$(proc_field nr <<< "$k")
}

# drained: everything one side sent since iop_snap has arrived at the other, no request is in
# flight and nothing is out of sync (needed for protocol A, where the writer returns before
# the peer has the data)
drained() {
	local o k
	o=$(ours_proc)
	k=$(kern_proc)
	[ $(($(proc_field ns <<< "$o") - SNAP_ONS)) -eq $(($(proc_field nr <<< "$k") - SNAP_KNR)) ] &&
	[ $(($(proc_field ns <<< "$k") - SNAP_KNS)) -eq $(($(proc_field nr <<< "$o") - SNAP_ONR)) ] &&
	for t in "$o" "$k"; do
		grep -q 'ds:UpToDate/UpToDate' <<< "$t" &&
		grep -q 'cs:Connected' <<< "$t" &&
		grep -q ' lo:0 pe:0 ua:0 ap:0 ' <<< "$t" &&
		grep -q ' oos:0' <<< "$t" || return 1
	done
}

# data_bytes: size of the replicated data area (the device size, metadata excluded)
data_bytes() {
	kern 'cat /sys/block/drbd0/size' | awk '{ print $1 * 512 }'
}

ours_sha() {
	head -c "$(data_bytes)" "$OURS_IMG" | sha256sum | cut -c1-64
}

# the kernel's view: its backing device read with O_DIRECT inside the guest
kern_sha() {
	kern "dd if=$NODE_A_GUEST_DISK bs=1M iflag=direct,count_bytes count=$(data_bytes) status=none | sha256sum" | cut -c1-64
}

# iop_compare DESCRIPTION: wait until drained (iop_snap first), then the data areas must match
iop_compare() {
	local a b
	if ! wait_for 60 "both sides drained ($1)" drained; then
		fail "$1: both sides drained and in sync"
		ours_proc | sed 's/^/# ours: /'
		kern_proc | sed 's/^/# kernel: /'
		return 1
	fi
	a=$(ours_sha)
	b=$(kern_sha)
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		ok "$1: data areas identical (sha256 ${a:0:16}, $(($(data_bytes) / 1024)) KiB)"
	else
		fail "$1: data areas differ (ours ${a:0:16}, kernel ${b:0:16})"
		return 1
	fi
}

# ours_write MIB SEEK_MIB: MIB MiB of random data to our device at SEEK_MIB, O_DIRECT
ours_write() {
	head -c "$(($1 * 1048576))" /dev/urandom > "$T/payload"
	dd if="$T/payload" of="$T/$OURS/mnt/dev/drbd0" bs=1M seek="$2" oflag=direct status=none
}

# kern_write MIB SEEK_MIB: the same in the guest (payload staged in guest tmpfs)
kern_write() {
	kern "head -c $(($1 * 1048576)) /dev/urandom > /tmp/payload &&
	      dd if=/tmp/payload of=/dev/drbd0 bs=1M seek=$2 oflag=direct status=none"
}

# iop_roles PRIMARY: make "ours" or "kern" the primary (the other one secondary first)
iop_roles() {
	if [ "$1" = ours ]; then
		kern "drbdadm -c $GUEST_RES secondary r0" && ours drbdadm -c "$T/r0.res" primary r0
	else
		ours drbdadm -c "$T/r0.res" secondary r0 && kern "drbdadm -c $GUEST_RES primary r0"
	fi
}

# ours_log_grep / kern_log_grep PATTERN: in our daemon log / the guest's kernel log
ours_log_grep() { grep -q -- "$1" "$T/$OURS/daemon.log"; }
kern_log_grep() { kern 'dmesg' | grep -q -- "$1"; }

# iop_timed DESCRIPTION CMD...: run CMD, print its duration as a figure
iop_timed() {
	local desc=$1 s rc
	shift
	s=$(date +%s.%N)
	"$@"
	rc=$?
	echo "# $desc: $(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')s"
	return $rc
}

# not CMD...: succeeds when CMD fails (for check)
not() { ! "$@"; }
