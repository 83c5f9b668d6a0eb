#!/bin/bash
# Interop 2: roles switched. The kernel's DRBD is primary: full initial sync from its
# random-filled disk to ours, 64 MiB of O_DIRECT writes in the guest; our backing file must then
# hold exactly the kernel's data area. Then ours becomes primary and reads it back through our
# device.
. "$(dirname "$0")/interop_lib.sh"
iop_init --fill-a random

iop_write_res r0 'protocol C;'
check "both sides up and connected" iop_up r0
iop_snap
check "kernel: primary --force" kern "drbdadm -c $GUEST_RES primary --force r0"
check "initial sync kernel -> ours finished" \
	iop_timed "initial sync of ${DISK_MIB} MiB" wait_for 120 "initial sync" both_grep 'ds:UpToDate/UpToDate'
check "ours is SyncTarget of the kernel" ours_log_grep 'Began resync as SyncTarget'
check "roles Secondary/Primary seen from ours" ours_grep 'ro:Secondary/Primary'
iop_compare "after initial sync"

iop_snap
check "64 MiB written in the guest (O_DIRECT)" iop_timed "dd 64 MiB in the guest, protocol C" kern_write 64 32
iop_compare "after 64 MiB of writes on the kernel"

check "roles switched: ours primary" iop_roles ours
a=$(head -c "$(data_bytes)" "$OURS_IMG" | sha256sum | cut -c1-64)
b=$(dd if="$T/$OURS/mnt/dev/drbd0" bs=1M iflag=direct status=none | sha256sum | cut -c1-64)
check "our device reads back the replicated data (${b:0:16})" test "$a" = "$b"
itest_done
