#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_failover.sh - alpha (Primary) writes, then goes down cleanly (secondary + down); beta is
# promoted and reads alpha's data through its own device file, writes more; alpha comes back
# and resyncs from beta. Then the other way round with the daemon stopped (SIGTERM): beta's
# daemon exits, alpha is promoted and has beta's data; beta's daemon restarts and catches up.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7730

tn_res || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial

tn_pattern "$T/p1" 8
tn_pattern "$T/p2" 2
tn_pattern "$T/p3" 2
check "alpha writes 8 MiB" tn_write alpha 4 8 "$T/p1"
check "alpha: secondary" tn_adm alpha secondary r0
check "alpha: down" tn_adm alpha down r0
check "beta sees the peer gone" tn_wait beta 'cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown' 10
check "beta: primary (no --force needed: UpToDate)" tn_adm beta primary r0
wait_for 10 "beta's device file" tn_as test -w "$(tn_dev beta)"
check "beta reads alpha's 8 MiB through its device" \
	tn_as sh -c "dd if='$(tn_dev beta)' bs=1M skip=4 count=8 iflag=direct status=none | cmp -s - '$T/p1'"
check "beta writes 2 MiB while alpha is away" tn_write beta 20 2 "$T/p2"
check "alpha: up again" tn_adm alpha up r0
check "alpha resyncs from beta" tn_wait alpha 'cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate' 20
check "alpha's backing file has beta's write" tn_backing_has "$DISK_A" 20 2 "$T/p2"
kb=$(tn_resync_kb beta)
check "the resync was bitmap based ($kb KB)" test -n "$kb" -a "${kb:-0}" -le 4096

# the other way: beta's daemon stops (SIGTERM takes r0 down cleanly), alpha takes over
check "beta's daemon stops cleanly" node_stop beta
check "alpha sees the peer gone" tn_wait alpha 'cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown' 10
check "alpha: primary" tn_adm alpha primary r0
wait_for 10 "alpha's device file" tn_as test -w "$(tn_dev alpha)"
check "alpha reads beta's 2 MiB through its device" \
	tn_as sh -c "dd if='$(tn_dev alpha)' bs=1M skip=20 count=2 iflag=direct status=none | cmp -s - '$T/p2'"
check "and the older 8 MiB" \
	tn_as sh -c "dd if='$(tn_dev alpha)' bs=1M skip=4 count=8 iflag=direct status=none | cmp -s - '$T/p1'"
check "alpha writes 2 MiB" tn_write alpha 26 2 "$T/p3"
check "beta's daemon restarts" tn_start beta
check "beta: up" tn_adm beta up r0
check "beta catches up" tn_wait beta 'cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate' 20
size=$(tn_size_kb alpha)
check "data areas identical ($size KiB)" tn_data_same $((size * 1024))
itest_done
