#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_ko_count.sh - net { timeout; ko-count; } with a secondary that stops answering (issue 10,
# item 2). Protocol C, alpha Primary. Beta's daemon is frozen (SIGSTOP): its host TCP stack
# still acknowledges the packets, so only DRBD's own timers can notice. A 64 KiB O_DIRECT write
# on alpha then waits for beta's P_WRITE_ACK.
#   1. timeout 1 s, ko-count 3, ping-int 20 s: drbd.conf(5) of 8.4 says a secondary that fails
#      to complete a write within ko-count x timeout is expelled ("the primary node will kill
#      and restart the connection"). Alpha logs "Remote failed to finish a request within N ms
#      > ko-count (3) * timeout (10 * 0.1s)", goes Connected -> Timeout after 3 s (not before;
#      long before the keep-alive could, at 20.5 s), the write completes, alpha goes on
#      degraded (Primary/Unknown, WFConnection, writes succeed).
#   2. ko-count 0 ("to disable this feature"), ping-int 5 s, ping-timeout 0.5 s (set with
#      drbdadm adjust): no request-timer expulsion; the write waits until the keep-alive fails
#      ("PingAck did not arrive in time", at most ping-int + ping-timeout after the last packet
#      from beta), i.e. longer than the 3 s of case 1; then the same degraded service.
# After each case beta is thawed (SIGCONT): the nodes reconnect by themselves, alpha resyncs
# what changed, the data areas are identical and beta holds every write.
. "$(dirname "$0")/../twonode/tn_lib.sh"
. "$(dirname "$0")/fault_lib.sh"
tn_init 7990

# w64 KIB_OFFSET PATTERN: one 64 KiB O_DIRECT write to alpha's device at KIB_OFFSET KiB
w64() {
	tn_as dd if="$2" of="$(tn_dev alpha)" bs=64K seek=$(($1 / 64)) count=1 oflag=direct \
		conv=notrunc status=none
}
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}
# frozen_write KIB_OFFSET PATTERN: freeze beta, start w64 in the background; sets T_FREEZE
# (ms) and WRITER; the writer leaves "EXIT MS" in $T/writer.done when it returns
frozen_write() {
	rm -f "$T/writer.done"
	fault_freeze beta || return 1
	T_FREEZE=$(now_ms)
	( w64 "$1" "$2"; echo "$? $(now_ms)" >"$T/writer.done" ) &
	WRITER=$!
}
# thaw_and_resync CASE: thaw beta, wait for the resync, compare data
thaw_and_resync() {
	check "$1: beta thawed (SIGCONT)" fault_thaw beta
	check "$1: reconnected and resynced: Connected Primary/Secondary UpToDate/UpToDate" \
		tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 60
	check "$1: beta UpToDate" tn_wait beta 'cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate' 30
	check "$1: data areas identical" tn_data_same $((SIZE_KB * 1024))
}
# degraded CASE MB_OFFSET: alpha serves a 1 MiB write while beta is away
degraded() {
	check "$1: alpha goes on degraded: Primary/Unknown UpToDate/DUnknown" \
		tn_wait alpha 'ro:Primary/Unknown ds:UpToDate/DUnknown' 20
	check "$1: a 1 MiB write while beta is frozen succeeds" tn_write alpha "$2" 1 "$T/p1m"
	check "$1: ... and is on alpha's backing file" tn_backing_has "$DISK_A" "$2" 1 "$T/p1m"
}

tn_res -p C -n "ping-int 20; ping-timeout 5; timeout 10; ko-count 3; connect-int 2;" ||
	fail "resource file"
fault_sync_up 16 || { fail "two nodes synced"; itest_done; }
ok "alpha Primary, beta Secondary, UpToDate/UpToDate"
SIZE_KB=$(tn_size_kb alpha)
tn_as dd if=/dev/urandom of="$T/pa" bs=64K count=1 status=none
tn_as dd if=/dev/urandom of="$T/pb" bs=64K count=1 status=none
tn_pattern "$T/p1m" 1
check "ko-count 3 and timeout 10 are in force on alpha" tn_show_has alpha 'ko-count[[:space:]]+3;'

# --- 1: ko-count 3 x timeout 1 s
check "1: a replicated write while beta answers" w64 1024 "$T/pb"
check "1: beta frozen, a 64 KiB write started on alpha" frozen_write 2048 "$T/pa"
check "1: alpha drops beta (cstate leaves Connected)" \
	wait_for 30 "alpha leaves Connected" tn_not tn_state alpha 'cs:Connected'
t_drop=$(($(now_ms) - T_FREEZE))
wait "$WRITER"
read -r wrc t_done <"$T/writer.done"
w_ms=$((t_done - T_FREEZE))
check "1: the write completed successfully (exit $wrc) after $w_ms ms" test "$wrc" = 0
ko_ms=$(tn_log alpha | sed -n 's/.*Remote failed to finish a request within \([0-9]*\)ms > ko-count (3) \* timeout (10 \* 0.1s).*/\1/p' | tail -n 1)
# the kernel expels once the request timer runs after ko-count x timeout (its timers fire in
# the tick after their expiry); a whole timer period late (>= 6000 ms) would be a timer bug
check "1: alpha logged the ko-count expulsion: request pending ${ko_ms:-?} ms > 3 x 1 s, < 5 s" \
	test -n "$ko_ms" -a "${ko_ms:-0}" -ge 3000 -a "${ko_ms:-0}" -lt 5000
check "1: alpha went Connected -> Timeout" tn_log_has alpha 'conn\( Connected -> Timeout \)'
check "1: the write waited at least ko-count x timeout and far less than the keep-alive ($w_ms ms, 3000..10000)" \
	test "$w_ms" -ge 3000 -a "$w_ms" -lt 10000
check "1: the keep-alive did not fire (ping-int 20 s)" tn_not tn_log_has alpha 'PingAck did not arrive'
degraded 1 6
check "1: alpha waits for beta: WFConnection" tn_state alpha 'cs:WFConnection'
thaw_and_resync 1
tn_as sh -c 'dd if="$1" bs=64K skip=32 count=1 status=none | cmp -s - "$2"' sh "$DISK_B" "$T/pa"
check "1: beta has the 64 KiB written at the freeze" test $? -eq 0
check "1: beta has the degraded write" tn_backing_has "$DISK_B" 6 1 "$T/p1m"
echo "# case 1: write returned after $w_ms ms, cstate change seen after $t_drop ms, DRBD: ${ko_ms} ms"

# --- 2: ko-count 0, the keep-alive decides
tn_res -p C -n "ping-int 5; ping-timeout 5; timeout 10; ko-count 0; connect-int 2;" &&
	check "2: ko-count 0, ping-int 5 s set with drbdadm adjust on both" \
		eval 'tn_adm alpha adjust r0 && tn_adm beta adjust r0'
check "2: ping-int 5 in force on alpha" tn_show_has alpha 'ping-int[[:space:]]+5;'
# DRBD applies a new ping-int to a live connection only at the next PingAck (it sets the meta
# socket's receive timeout there); a reconnect puts it in force at once.
check "2: alpha disconnects and connects again" \
	eval 'tn_adm alpha disconnect r0 && tn_adm alpha connect r0'
check "2: Connected, UpToDate/UpToDate again" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 30
ko_lines=$(tn_logcount alpha 'Remote failed to finish a request')
ping_lines=$(tn_logcount alpha 'PingAck did not arrive in time')
check "2: a replicated write while beta answers" w64 1024 "$T/pa"
check "2: beta frozen, a 64 KiB write started on alpha" frozen_write 4096 "$T/pb"
check "2: alpha drops beta (cstate leaves Connected)" \
	wait_for 40 "alpha leaves Connected" tn_not tn_state alpha 'cs:Connected'
t_drop2=$(($(now_ms) - T_FREEZE))
wait "$WRITER"
read -r wrc t_done <"$T/writer.done"
w2_ms=$((t_done - T_FREEZE))
check "2: the write completed successfully (exit $wrc) after $w2_ms ms" test "$wrc" = 0
check "2: the keep-alive dropped beta: 'PingAck did not arrive in time'" \
	tn_logcount_ge alpha 'PingAck did not arrive in time' $((ping_lines + 1))
check "2: no ko-count expulsion with ko-count 0" \
	test "$(tn_logcount alpha 'Remote failed to finish a request')" -eq "$ko_lines"
check "2: the write waited longer than case 1's ko-count x timeout and about ping-int + ping-timeout ($w2_ms ms, 3000..20000)" \
	test "$w2_ms" -ge 3000 -a "$w2_ms" -lt 20000
degraded 2 8
thaw_and_resync 2
tn_as sh -c 'dd if="$1" bs=64K skip=64 count=1 status=none | cmp -s - "$2"' sh "$DISK_B" "$T/pb"
check "2: beta has the 64 KiB written at the freeze" test $? -eq 0
check "2: beta has the degraded write" tn_backing_has "$DISK_B" 8 1 "$T/p1m"
check "no split brain" tn_not tn_log_has alpha 'Split-Brain detected'
echo "# case 2: write returned after $w2_ms ms, cstate change seen after $t_drop2 ms"
itest_done
