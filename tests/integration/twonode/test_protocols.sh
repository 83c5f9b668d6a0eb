#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_protocols.sh - replication with protocols C, B and A: for each, the resource is brought
# down and up again with the new protocol (no resync needed: the disks are in sync), alpha
# becomes Primary and writes 4 MiB through its DRBD device file with O_DIRECT; the data shows
# up in beta's backing file at the same offset.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7710

tn_res -p C || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial

off=1
for p in C B A; do
	if [ "$p" != C ]; then
		tn_adm alpha secondary r0
		tn_adm alpha down r0
		tn_adm beta down r0
		tn_res -p "$p"
		tn_adm alpha up r0
		tn_adm beta up r0
		check "protocol $p: reconnected without a resync" \
			tn_wait alpha "cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate $p " 20
		check "protocol $p: alpha Primary" tn_adm alpha primary r0
		wait_for 10 "alpha's device file" tn_as test -w "$(tn_dev alpha)"
	fi
	check "protocol $p in /proc/drbd on both" tn_state_both " $p r"
	tn_pattern "$T/pat$p" 4
	check "protocol $p: 4 MiB written through alpha's device (O_DIRECT)" tn_write alpha "$off" 4 "$T/pat$p"
	check "protocol $p: the data is in beta's backing file" \
		wait_for 10 "protocol $p data on beta" tn_backing_has "$DISK_B" "$off" 4 "$T/pat$p"
	check "protocol $p: and in alpha's" tn_backing_has "$DISK_A" "$off" 4 "$T/pat$p"
	off=$((off + 5))
done
check "nothing out of sync on alpha" tn_state alpha 'oos:0$'
itest_done
