#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_split_brain.sh - both nodes Primary and written while disconnected: on reconnect DRBD
# detects the split brain and drops the connection (default policies); `connect
# --discard-my-data` on beta resolves it with a resync from alpha. Then the automatic policy
# after-sb-0pri discard-zero-changes: beta was Primary but wrote nothing, so it is discarded
# without an operator.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7770

tn_res || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial
size=$(tn_size_kb alpha)

tn_pattern "$T/pa" 2
tn_pattern "$T/pb" 2
check "alpha disconnects" tn_adm alpha disconnect r0
check "beta disconnects" tn_adm beta disconnect r0
check "beta: primary while disconnected" tn_adm beta primary r0
wait_for 10 "beta's device file" tn_as test -w "$(tn_dev beta)"
check "alpha writes" tn_write alpha 4 2 "$T/pa"
check "beta writes" tn_write beta 12 2 "$T/pb"
check "beta: secondary" tn_adm beta secondary r0
check "alpha connects" tn_adm alpha connect r0
check "beta connects" tn_adm beta connect r0
check "split brain detected" wait_for 20 "Split-Brain" tn_log_has alpha 'Split-Brain detected but unresolved'
check "beta detects it too" wait_for 10 "Split-Brain on beta" tn_log_has beta 'Split-Brain detected'
check "connection dropped: beta StandAlone" tn_wait beta 'cs:StandAlone' 10
tn_wait alpha 'cs:(StandAlone|WFConnection)' 10
check "beta: connect --discard-my-data" tn_adm beta connect --discard-my-data r0
tn_state alpha 'cs:StandAlone' && tn_adm alpha connect r0
check "resolved: resync to beta, UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 20
check "beta logs the manual resolution" tn_log_has beta 'Split-Brain detected, manually solved'
check "beta has alpha's writes" tn_backing_has "$DISK_B" 4 2 "$T/pa"
check "beta's own writes were discarded" tn_not tn_backing_has "$DISK_B" 12 2 "$T/pb"
check "data areas identical" tn_data_same $((size * 1024))

# automatic: after-sb-0pri discard-zero-changes; beta Primary without writing
tn_res -n "after-sb-0pri discard-zero-changes;"
check "adjust alpha to the new policy" tn_adm alpha adjust r0
check "adjust beta" tn_adm beta adjust r0
tn_wait alpha 'cs:Connected' 20
check "alpha disconnects" tn_adm alpha disconnect r0
check "beta disconnects" tn_adm beta disconnect r0
check "beta: primary (new data generation, no writes)" tn_adm beta primary r0
check "beta: secondary" tn_adm beta secondary r0
tn_pattern "$T/pc" 1
check "alpha writes" tn_write alpha 20 1 "$T/pc"
check "alpha: secondary" tn_adm alpha secondary r0
before=$(tn_logcount alpha 'Split-Brain detected')
check "alpha connects" tn_adm alpha connect r0
check "beta connects" tn_adm beta connect r0
check "split brain solved automatically" \
	wait_for 20 "automatic split-brain" tn_log_has beta 'Split-Brain detected, 0 primaries, automatically solved'
check "Connected, UpToDate/UpToDate, no operator" \
	tn_wait alpha 'cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate' 20
check "beta has alpha's write" tn_backing_has "$DISK_B" 20 1 "$T/pc"
check "data areas identical" tn_data_same $((size * 1024))
echo "# split-brain lines on alpha before/after: $before/$(tn_logcount alpha 'Split-Brain detected')"
itest_done
