#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_verify.sh - online verify (verify-alg sha256): no out-of-sync blocks on identical data;
# then beta's daemon is stopped, three 4 KiB blocks of its backing file's data area are
# overwritten, beta comes back, and a second verify finds exactly those three blocks; a
# disconnect/connect resyncs them and the data areas are identical again.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7740

tn_res -n "verify-alg sha256;" || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
check "initial sync" tn_initial

check "drbdadm verify" tn_adm alpha verify r0
check "verify done" wait_for 30 "Online verify done" tn_log_has alpha 'Online verify done'
echo "# $(tn_log alpha | grep -m1 'Online verify done' | sed 's/.*: //')"
check "no out-of-sync blocks found" tn_not tn_log_has alpha 'Online verify found'
check "Connected, oos:0" tn_wait alpha 'cs:Connected .*' 10
check "oos:0" tn_state alpha 'oos:0$'

check "beta's daemon stops cleanly" node_stop beta
for blk in 100 2000 5000; do   # 4 KiB blocks, well inside the 32 MiB data area
	tn_as dd if=/dev/urandom of="$DISK_B" bs=4096 seek=$blk count=1 conv=notrunc status=none
done
check "beta's daemon restarts" tn_start beta
check "beta: up" tn_adm beta up r0
check "reconnected, no resync (the damage is unknown to DRBD)" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 20
size=$(tn_size_kb alpha)
check "data areas now differ" tn_not tn_data_same $((size * 1024))
check "drbdadm verify again" tn_adm alpha verify r0
check "second verify done" wait_for 30 "second verify" tn_logcount_ge alpha 'Online verify done' 2
check "verify found the 3 damaged blocks" tn_log_has alpha 'Online verify found 3 4k block out of sync'
check "/proc/drbd: oos:12" tn_wait alpha 'oos:12$' 5
check "disconnect" tn_adm alpha disconnect r0
check "connect" tn_adm alpha connect r0
check "resync of the found blocks" tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 20
check "resync moved 12 KB" test "$(tn_resync_kb alpha)" = 12
check "data areas identical again" tn_data_same $((size * 1024))
itest_done
