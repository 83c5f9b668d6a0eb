#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_valgrind_2node.sh - a two-node scenario with both daemons under valgrind memcheck
# (--error-exitcode=99, suppressions: tests/valgrind.supp, which may only name findings inside
# DRBD's own code): create-md, up, initial sync of a 16 MiB device at a fixed resync rate,
# writes through alpha's device file (replicated, protocol C), a disconnect/reconnect with a
# resync of what changed, then SIGTERM to both. Each daemon must exit with a status other than
# 99 and its valgrind log must say "ERROR SUMMARY: 0 errors". Skipped without valgrind.
. "$(dirname "$0")/../twonode/tn_lib.sh"
tn_init 7970
command -v valgrind >/dev/null || skip "valgrind not installed"
ldd "$BIN/drbd-usermode" | grep -Eq 'lib(a|t|ub)san' &&
	skip "this daemon is a sanitizer build, which valgrind cannot run (the plain build runs this test)"
SRC=${DRBDUM_SOURCE_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)}
SUPP=$SRC/tests/valgrind.supp
[ -r "$SUPP" ] || skip "no suppression file $SUPP"

# vg_start NODE: NODE's daemon under valgrind in the foreground, in the background of this
# script (its pid in VG_PID_<NODE>); waits (120 s at most: valgrind is slow to start)
vg_start() {
	local n=$1 pid
	tn_as mkdir -p "$T/$n"
	local pre=()
	[ -n "$TN_RUNAS" ] && pre=(setpriv --reuid="$TN_RUNAS" --regid="$TN_RUNAS_GROUP" --clear-groups --)
	# exec: $! is valgrind's own pid (setpriv execs too), so SIGTERM reaches the daemon
	(exec "${pre[@]}" valgrind --error-exitcode=99 --leak-check=no --track-fds=no \
		--suppressions="$SUPP" --log-file="$T/$n/valgrind.log" \
		"$BIN/drbd-usermode" --run-dir "$T/$n" --node "$n" --foreground \
		>>"$T/$n/daemon.log" 2>&1) &
	pid=$!
	eval "VG_PID_$n=$pid"
	NODES="$NODES $n"
	wait_for 120 "control socket of $n under valgrind" tn_as test -S "$T/$n/control.sock"
}

# vg_stop NODE: SIGTERM to the daemon (valgrind passes it on), wait (180 s) for the exit status
vg_stop() {
	local n=$1 pid_var=VG_PID_$1 rc
	kill -TERM "${!pid_var}" 2>/dev/null
	wait_pid 180 "${!pid_var}"
	rc=$?
	eval "VG_RC_$n=$rc"
	[ "$rc" -ne 124 ]
}

tn_res -p C || fail "resource file"
tn_as truncate -s 16M "$DISK_A" "$DISK_B"
check "alpha's daemon starts under valgrind" vg_start alpha
check "beta's daemon starts under valgrind" vg_start beta
for n in alpha beta; do
	check "create-md and up on $n" eval "tn_adm $n create-md --force r0 && tn_adm $n up r0"
done
check "connected" tn_wait alpha 'cs:Connected' 120
check "primary --force on alpha" tn_adm alpha primary --force r0
check "initial sync done: UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 240
tn_need_fuse
tn_pattern "$T/p" 2
check "2 MiB written through alpha's device file" tn_write alpha 3 2 "$T/p"
check "... and replicated to beta's backing file" tn_backing_has "$DISK_B" 3 2 "$T/p"
check "disconnect on alpha" tn_adm alpha disconnect r0
check "a write while disconnected" tn_write alpha 9 1 "$T/p"
check "connect again" tn_adm alpha connect r0
check "resynced: UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 240
SIZE_KB=$(tn_size_kb alpha)
check "data areas identical" tn_data_same $((SIZE_KB * 1024))
check "secondary on alpha" tn_adm alpha secondary r0

check "SIGTERM: alpha's daemon exits" vg_stop alpha
check "SIGTERM: beta's daemon exits" vg_stop beta
NODES=""
for n in alpha beta; do
	check "$n's daemon shut down on the signal (logged)" tn_log_has "$n" 'signal 15: taking all resources down'
done
for n in alpha beta; do
	rc_var=VG_RC_$n
	check "$n: valgrind exit status ${!rc_var} (0: clean exit, not 99: no error)" test "${!rc_var}" -eq 0
	check "$n: valgrind reports ERROR SUMMARY: 0 errors" grep -q 'ERROR SUMMARY: 0 errors' "$T/$n/valgrind.log"
	if [ "$ITEST_FAILS" -ne 0 ]; then
		echo "# --- $n's valgrind log ---"
		sed 's/^/# /' "$T/$n/valgrind.log" | head -n 200
	fi
done
itest_done
