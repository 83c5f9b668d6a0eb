# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# tests/integration/twonode/tn_lib.sh - helpers for the two-node tests (test_*.sh here): two
# drbd-usermode daemons, alpha and beta, on 127.0.0.1 with one resource r0 between them, driven
# by the real drbdadm through drbd-um. Builds on ../lib.sh (itest_init, ok/fail/check,
# itest_done, wait_for, node_stop, the cleanup trap). Sourced; a test calls tn_init PORT first.
#
#   tn_init PORT              temp dir, user, ports PORT (alpha) and PORT+1 (beta); each test
#                             owns a block of 10 ports in 7700-7799 (tests may run in parallel)
#   tn_as CMD...              run CMD as the test user
#   tn_res [-p PROTO] [-n NET-OPTS] [-d DISK-OPTS] [-s HANDLERS]
#                             write $CONF (net/disk/handler options as drbd.conf text)
#   tn_setup SIZE_MB          backing files, daemons, create-md and up on both
#   tn_adm NODE ARGS...       drbdadm -c $CONF ARGS as NODE (output in $T/adm.log)
#   tn_proc NODE              /proc/drbd of NODE;   tn_state NODE REGEX: /proc/drbd matches
#   tn_wait NODE REGEX SECS   wait until NODE's /proc/drbd matches
#   tn_dev NODE               NODE's DRBD device file (FUSE)
#   tn_size_kb NODE           usable size of r0 on NODE in KiB (the last "size =" log line)
#   tn_data_same BYTES        the first BYTES of both backing files are equal
#
# User: the invoking user; when that is root, everything (daemons, drbdadm, dd, cmp) runs as
# "nobody" instead, with the temp dir owned by nobody and /dev/fuse made usable for others
# (chmod 666, as the FUSE tests of CI expect), to show that no privilege is needed.

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

tn_init() {
	local base=$1
	itest_init
	PORT_A=$base
	PORT_B=$((base + 1))
	TN_RUNAS=""
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		TN_RUNAS=nobody
		TN_RUNAS_GROUP=$(id -gn nobody)
		chown "$TN_RUNAS:$TN_RUNAS_GROUP" "$T"
		[ -e /dev/fuse ] && [ "$(stat -c %a /dev/fuse)" = 600 ] && chmod 666 /dev/fuse
	fi
	CONF=$T/r0.res
	DISK_A=$T/alpha.img
	DISK_B=$T/beta.img
	echo "# temp dir $T, user ${TN_RUNAS:-$(id -un)}, ports $PORT_A/$PORT_B"
}

tn_as() {
	if [ -n "$TN_RUNAS" ]; then
		setpriv --reuid="$TN_RUNAS" --regid="$TN_RUNAS_GROUP" --clear-groups -- "$@"
	else
		"$@"
	fi
}

# tn_res [-p PROTO] [-n NET] [-d DISK] [-s HANDLERS]: the resource file. Without -d the resync
# runs at a fixed high rate, so the syncs of the tests take seconds.
tn_res() {
	local proto=C net="" disk="c-plan-ahead 0; resync-rate 400M;" handlers="" opt
	OPTIND=1
	while getopts "p:n:d:s:" opt; do
		case $opt in
		p) proto=$OPTARG ;;
		n) net=$OPTARG ;;
		d) disk=$OPTARG ;;
		s) handlers=$OPTARG ;;
		*) return 2 ;;
		esac
	done
	tn_as tee "$CONF" >/dev/null <<EOF
resource r0 {
  protocol $proto;
  net { $net }
  disk { $disk }
  handlers { $handlers }
  on alpha {
    device /dev/drbd0 minor 0;
    disk $DISK_A;
    address 127.0.0.1:$PORT_A;
    meta-disk internal;
  }
  on beta {
    device /dev/drbd0 minor 0;
    disk $DISK_B;
    address 127.0.0.1:$PORT_B;
    meta-disk internal;
  }
}
EOF
}

# tn_start NODE: the daemon of NODE (run dir $T/NODE); stopped by the cleanup trap
tn_start() {
	local name=$1
	shift
	tn_as mkdir -p "$T/$name" || return 1
	tn_as "$BIN/drbd-usermode" --run-dir "$T/$name" --node "$name" "$@" || return 1
	case " $NODES " in *" $name "*) ;; *) NODES="$NODES $name" ;; esac
}

# tn_um NODE CMD...: CMD through drbd-um as NODE, drbdadm's __DRBD_NODE__ chatter dropped
tn_um() {
	local name=$1
	shift
	tn_as timeout 60 "$BIN/drbd-um" --run-dir "$T/$name" --node "$name" "$@" \
		2> >(grep -v -e '__DRBD_NODE__' -e 'PRETENDING that I am' -e '^$' >&2)
}

# tn_adm NODE ARGS...: drbdadm -c $CONF ARGS as NODE; output appended to $T/adm.log
tn_adm() {
	local name=$1 rc
	shift
	echo "### $name: drbdadm $*" >>"$T/adm.log"
	tn_as timeout 60 "$BIN/drbd-um" --run-dir "$T/$name" --node "$name" \
		drbdadm -c "$CONF" "$@" >>"$T/adm.log" 2>&1 </dev/null
	rc=$?
	[ $rc -eq 0 ] || echo "# drbdadm $* on $name: exit $rc (see below)" >&2
	[ $rc -eq 0 ] || tail -n 5 "$T/adm.log" | sed 's/^/#   /' >&2
	return $rc
}

tn_proc() {
	tn_um "$1" cat /proc/drbd 2>/dev/null
}

tn_state() {
	tn_proc "$1" | grep -Eq -- "$2"
}

tn_wait() {
	wait_for "$3" "$1: /proc/drbd ~ $2" tn_state "$1" "$2" || { tn_proc "$1" | sed 's/^/#   /'; return 1; }
}

tn_dev() {
	echo "$T/$1/mnt/dev/drbd0"
}

# tn_setup SIZE_MB: backing files, both daemons, create-md and up on both (tn_res first)
tn_setup() {
	local n
	tn_as truncate -s "${1}M" "$DISK_A" "$DISK_B" || return 1
	for n in alpha beta; do
		tn_start "$n" || return 1
		tn_adm "$n" create-md --force r0 || return 1
		tn_adm "$n" up r0 || return 1
	done
}

# tn_log NODE: NODE's daemon log (kernel messages of DRBD)
tn_log() {
	cat "$T/$1/daemon.log" 2>/dev/null
}

# tn_size_kb NODE: the size of r0 in KiB as DRBD last logged it ("size = 64 MB (65496 KB)")
tn_size_kb() {
	tn_log "$1" | sed -n 's/.*drbd0: size = .*(\([0-9]*\) KB).*/\1/p' | tail -n 1
}

# tn_data_same BYTES: the data areas (first BYTES) of both backing files are identical
tn_data_same() {
	[ -n "$1" ] && [ "$1" -gt 0 ] && tn_as cmp -s -n "$1" "$DISK_A" "$DISK_B"
}

# tn_write NODE OFFSET_MB COUNT_MB PATTERN_FILE: dd PATTERN_FILE to NODE's device at OFFSET
tn_write() {
	tn_as dd if="$4" of="$(tn_dev "$1")" bs=1M seek="$2" count="$3" oflag=direct conv=notrunc \
		status=none
}

# tn_backing_has DISK OFFSET_MB COUNT_MB PATTERN_FILE: DISK holds the pattern at OFFSET
tn_backing_has() {
	tn_as sh -c 'dd if="$1" bs=1M skip="$2" count="$3" status=none | cmp -s -n $(($3 * 1048576)) "$4" -' \
		sh "$@"
}

# tn_pattern FILE MB: a file of MB MiB of random data, readable by the test user
tn_pattern() {
	tn_as dd if=/dev/urandom of="$1" bs=1M count="$2" status=none
}

# tn_need_fuse: skip unless alpha's device file appeared (FUSE usable)
tn_need_fuse() {
	wait_for 10 "alpha's device file" tn_as test -e "$(tn_dev alpha)" ||
		skip "no FUSE device file (FUSE unusable here: $(grep -m1 'without the FUSE mount' "$T/alpha/daemon.log"))"
}

# tn_initial: make alpha Primary with `primary --force` and wait for the initial sync
tn_initial() {
	tn_wait alpha 'cs:Connected' 20 &&
		tn_adm alpha primary --force r0 &&
		tn_wait alpha 'ro:Primary/Secondary ds:UpToDate/UpToDate' 40 &&
		tn_wait beta 'ds:UpToDate/UpToDate' 10
}

# tn_state_both REGEX: both nodes' /proc/drbd match REGEX
tn_state_both() {
	tn_state alpha "$1" && tn_state beta "$1"
}

# tn_logcount NODE REGEX: how many lines of NODE's log match REGEX
tn_logcount() {
	tn_log "$1" | grep -cE -- "$2"
}

# tn_log_has NODE REGEX: NODE's log has a line matching REGEX
tn_log_has() {
	tn_log "$1" | grep -qE -- "$2"
}

# tn_resync_kb NODE: KB of the last "Began resync as SyncSource (will sync N KB" line
tn_resync_kb() {
	tn_log "$1" | sed -n 's/.*Began resync as SyncSource (will sync \([0-9]*\) KB.*/\1/p' | tail -n 1
}

# tn_not CMD...: succeeds when CMD fails
tn_not() {
	! "$@"
}

# tn_logcount_ge NODE REGEX N: at least N lines of NODE's log match REGEX
tn_logcount_ge() {
	[ "$(tn_logcount "$1" "$2")" -ge "$3" ]
}

# tn_size_grew NODE OLD_KB: DRBD logged a size larger than OLD_KB for NODE
tn_size_grew() {
	local s
	s=$(tn_size_kb "$1")
	[ -n "$s" ] && [ "$s" -gt "$2" ]
}

# tn_file_size_is FILE BYTES: stat size of FILE (as the test user) is BYTES
tn_file_size_is() {
	[ "$(tn_as stat -c %s "$1")" = "$2" ]
}

# tn_show_has NODE REGEX: `drbdsetup show r0` (the kernel's view of the configuration) on NODE
# matches REGEX
tn_show_has() {
	tn_um "$1" drbdsetup show r0 2>/dev/null | grep -qE -- "$2"
}
