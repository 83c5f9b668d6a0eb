#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_partition.sh - a network partition between the two daemons, protocol C. Each daemon runs
# in its own network namespace (alpha 10.77.0.1, beta 10.77.0.2, one veth pair; root only, else
# skipped). The net section sets short timeouts (ping-int 1 s, ping-timeout 0.5 s, timeout 1 s,
# ko-count 2). Beta's end of the link is set down while alpha (Primary) is connected:
#   - alpha notices within the configured timeouts (its connection state leaves Connected, the
#     log names the cause: PingAck timeout, ko-count, or a send/receive error),
#   - a write started right at the cut completes (it waits at most for the timeouts), and
#     alpha keeps serving writes degraded (Primary/Unknown, UpToDate/DUnknown),
#   - the link is restored: the nodes reconnect by themselves, alpha resyncs only the blocks
#     written during the partition ("will sync N KB"), and the data areas are identical.
. "$(dirname "$0")/../twonode/tn_lib.sh"
. "$(dirname "$0")/fault_lib.sh"
tn_init 7950
fault_netns_init

tn_res -p C -n "ping-int 1; ping-timeout 5; timeout 10; ko-count 2; connect-int 1;" &&
	fault_res_netns || fail "resource file"
fault_sync_up 32 || { fail "two nodes synced over the veth pair"; itest_done; }
ok "two nodes in their namespaces, alpha Primary, UpToDate/UpToDate"
SIZE_KB=$(tn_size_kb alpha)
tn_pattern "$T/p1" 1
tn_pattern "$T/p4" 4

# --- cut: beta's end of the link goes down; a write on alpha starts at once
t0=$(date +%s%N)
check "beta's end of the link set down" fault_link beta down
tn_write alpha 2 1 "$T/p1" &
writer=$!
check "alpha notices the partition: cstate leaves Connected" \
	wait_for 20 "alpha disconnected" tn_not tn_state alpha 'cs:Connected'
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
why=$(tn_log alpha | grep -oE 'PingAck did not arrive in time|peer.*not responding|sock_sendmsg time expired|sock was shut down by peer|short read|Connection closed|error receiving' | head -n 1)
check "... within the configured timeouts: ${ms} ms (< 8000), cause: ${why:-none logged}" \
	test "$ms" -lt 8000 -a -n "$why"
wait $writer
check "the write started at the cut completed" test $? -eq 0
check "alpha goes on degraded: Primary/Unknown UpToDate/DUnknown" \
	tn_wait alpha 'ro:Primary/Unknown ds:UpToDate/DUnknown' 20
check "a 4 MiB write to alpha's device succeeds during the partition" tn_write alpha 8 4 "$T/p4"
check "... and is on alpha's backing file" tn_backing_has "$DISK_A" 8 4 "$T/p4"
oos=$(tn_proc alpha | sed -n 's/.*oos:\([0-9]*\).*/\1/p')
check "alpha tracks what changed: oos ${oos:-?} KB (>= 4096)" test "${oos:-0}" -ge 4096
check "beta is not Connected either, still Secondary" \
	wait_for 20 "beta disconnected" tn_state beta 'ro:Secondary/Unknown'

# --- heal: the link comes back; the nodes reconnect by themselves and resync the changes
check "beta's end of the link set up again" fault_link beta up
check "reconnected and resynced: Connected Primary/Secondary UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 60
check "beta UpToDate too" tn_wait beta 'cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate' 20
synced=$(tn_resync_kb alpha)
check "only what changed was resynced: ${synced:-?} KB (oos was ${oos:-?} KB, device $SIZE_KB KB)" \
	test -n "$synced" -a "${synced:-0}" -ge 4096 -a "${synced:-0}" -le $((oos + 1024))
check "data areas identical" tn_data_same $((SIZE_KB * 1024))
check "beta's backing file has the partition-time writes" tn_backing_has "$DISK_B" 8 4 "$T/p4"
check "... and the write started at the cut" tn_backing_has "$DISK_B" 2 1 "$T/p1"
check "no split brain" tn_not tn_log_has alpha 'Split-Brain detected'
echo "# partition noticed after $ms ms (${why:-?}); resynced $synced KB of $SIZE_KB KB"
itest_done
