#!/bin/bash
# Interop 3: disconnect, write on the primary, reconnect: only the blocks written while
# disconnected are resynced (bitmap-based resync), first ours -> kernel, then kernel -> ours,
# each time started from the side that disconnected.
. "$(dirname "$0")/interop_lib.sh"
iop_init

iop_write_res r0 'protocol C;'
check "both sides up and connected" iop_up r0
check "initial sync skipped (new-current-uuid --clear-bitmap)" iop_skip_initial_sync
check "ours primary" ours drbdadm -c "$T/r0.res" primary r0
iop_snap
check "8 MiB written on ours while connected" ours_write 8 0
iop_compare "connected writes"

# ours -> kernel
check "ours: disconnect" ours drbdadm -c "$T/r0.res" disconnect r0
check "ours StandAlone, kernel waiting" wait_for 20 "kernel WFConnection" kern_grep 'cs:WFConnection'
check "12 MiB written on ours while disconnected" ours_write 12 40
check "ours: 12 MiB out of sync (oos:12288)" ours_grep 'oos:12288'
check "ours: connect" ours drbdadm -c "$T/r0.res" connect r0
check "bitmap resync ours -> kernel done" \
	iop_timed "resync of 12 MiB ours -> kernel" wait_for 60 "resync" both_grep 'ds:UpToDate/UpToDate'
iop_snap
check "kernel resynced only the 12 MiB" kern_log_grep 'Began resync as SyncTarget (will sync 12288 KB'
iop_compare "after resync ours -> kernel"

# kernel -> ours
check "kernel primary" iop_roles kern
check "kernel: disconnect" kern "drbdadm -c $GUEST_RES disconnect r0"
check "ours waiting for the kernel" wait_for 20 "ours WFConnection" ours_grep 'cs:WFConnection'
check "20 MiB written on the kernel while disconnected" kern_write 20 80
check "kernel: 20 MiB out of sync (oos:20480)" kern_grep 'oos:20480'
check "kernel: connect" kern "drbdadm -c $GUEST_RES connect r0"
check "bitmap resync kernel -> ours done" \
	iop_timed "resync of 20 MiB kernel -> ours" wait_for 60 "resync" both_grep 'ds:UpToDate/UpToDate'
iop_snap
check "ours resynced only the 20 MiB" ours_log_grep 'Began resync as SyncTarget (will sync 20480 KB'
iop_compare "after resync kernel -> ours"
itest_done
