#!/bin/bash
# Interop 4: online verify (verify-alg sha1) between our daemon and the kernel's DRBD, started
# from either side: identical disks give no difference; one 4 KiB block changed behind DRBD's
# back on the kernel's backing device is found by both, and a reconnect resyncs exactly it.
. "$(dirname "$0")/interop_lib.sh"
iop_init

iop_write_res r0 'protocol C; verify-alg sha1;'
check "both sides up and connected" iop_up r0
check "initial sync skipped (new-current-uuid --clear-bitmap)" iop_skip_initial_sync
check "ours primary" ours drbdadm -c "$T/r0.res" primary r0
iop_snap
check "16 MiB written on ours" ours_write 16 8
iop_compare "before verify"

verify_done() { both_grep 'cs:Connected' && [ "$(ours_log_count 'Online verify done')" -ge "$1" ]; }
ours_log_count() { grep -c -- "$1" "$T/$OURS/daemon.log"; }
kern_log_count() { kern 'dmesg' | grep -c -- "$1"; }

check "verify started on ours" ours drbdadm -c "$T/r0.res" verify r0
check "verify from ours finished" iop_timed "verify of ${DISK_MIB} MiB from ours" wait_for 120 "verify" verify_done 1
# DRBD reports "Online verify found N 4k block out of sync" only for N > 0
check "ours (VerifyS): no difference found" not ours_log_grep 'Online verify found'
check "kernel (VerifyT) finished verify too" test "$(kern_log_count 'Online verify done')" -eq 1
check "kernel (VerifyT): no difference found" not kern_log_grep 'Online verify found'
check "verify started on the kernel" kern "drbdadm -c $GUEST_RES verify r0"
check "verify from the kernel finished" iop_timed "verify of ${DISK_MIB} MiB from the kernel" wait_for 120 "verify" verify_done 2
check "both: still no difference" both_grep ' oos:0'
check "kernel (VerifyS) finished" test "$(kern_log_count 'Online verify done')" -eq 2
check "kernel (VerifyS), ours (VerifyT): no difference found" not ours_log_grep 'Online verify found'
check "kernel (VerifyS): no difference found" not kern_log_grep 'Online verify found'

# inject one difference: 4 KiB at 20 MiB on the kernel's backing disk, written from the host
head -c 4096 /dev/urandom | dd of="$NODE_A_DISK" bs=4096 seek=$((20 * 256)) conv=notrunc oflag=direct status=none
check "verify from ours again" ours drbdadm -c "$T/r0.res" verify r0
check "verify finished" wait_for 120 "verify" verify_done 3
check "ours finds the injected block" ours_log_grep 'Online verify found 1 4k block out of sync'
check "ours reports its place (sector 40960)" ours_log_grep 'Out of sync: start=40960, size=8 (sectors)'
check "kernel marks it out of sync too" kern_log_grep 'Online verify found 1 4k block out of sync'
check "both: oos:4" both_grep ' oos:4'
check "verify from the kernel" kern "drbdadm -c $GUEST_RES verify r0"
check "verify finished" wait_for 120 "verify" verify_done 4
check "kernel finds the same block" kern_log_grep 'Out of sync: start=40960, size=8 (sectors)'
check "kernel (VerifyS) finds 1 block" test "$(kern_log_count 'Online verify found 1 4k block out of sync')" -eq 2
check "ours (VerifyT) marks it too" test "$(ours_log_count 'Online verify found 1 4k block out of sync')" -eq 2

check "ours: disconnect" ours drbdadm -c "$T/r0.res" disconnect r0
check "ours: connect" ours drbdadm -c "$T/r0.res" connect r0
check "resync of the found block" wait_for 60 "resync" both_grep 'ds:UpToDate/UpToDate'
check "kernel resyncs exactly 4 KiB" kern_log_grep 'Began resync as SyncTarget (will sync 4 KB'
iop_snap
iop_compare "after repairing the injected difference"
itest_done
