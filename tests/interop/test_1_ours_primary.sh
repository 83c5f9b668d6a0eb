#!/bin/bash
# Interop 1: our daemon is primary, the kernel's DRBD 8.4.11 secondary. Full initial sync from
# our (random-filled) disk, then 64 MiB of O_DIRECT writes through our device; the kernel's
# backing device must then hold exactly our data area.
. "$(dirname "$0")/interop_lib.sh"
iop_init

head -c "$((DISK_MIB * 1048576))" /dev/urandom > "$OURS_IMG"
iop_write_res r0 'protocol C;'
check "both sides up and connected" iop_up r0
check "new disks are Inconsistent/Inconsistent" ours_grep 'ds:Inconsistent/Inconsistent'
iop_snap
check "ours: primary --force" ours drbdadm -c "$T/r0.res" primary --force r0
check "initial sync ours -> kernel finished" \
	iop_timed "initial sync of ${DISK_MIB} MiB" wait_for 120 "initial sync" both_grep 'ds:UpToDate/UpToDate'
check "kernel is SyncTarget of ours" kern_log_grep 'Began resync as SyncTarget'
check "roles Primary/Secondary seen from the kernel" kern_grep 'ro:Secondary/Primary'
iop_compare "after initial sync"

iop_snap
check "64 MiB written through our device (O_DIRECT)" iop_timed "dd 64 MiB, protocol C" ours_write 64 16
iop_compare "after 64 MiB of writes on ours"
check "payload present on the kernel's backing device" \
	cmp -s -n $((64 * 1048576)) "$T/payload" <(tail -c +$((16 * 1048576 + 1)) "$NODE_A_DISK")
itest_done
