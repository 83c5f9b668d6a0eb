#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuse_drbd_discard.sh DAEMON DRBD_UM - fallocate on the device file: PUNCH_HOLE|KEEP_SIZE
# becomes a discard and ZERO_RANGE a write-zeroes through DRBD; both read back as zeros,
# data around them is kept. Exit 0, 1 or 77.
set -u
. "$(dirname "$0")/drbd_fuse_lib.sh"
fuse_lib_init "$@"
require fallocate cmp dd

start_daemon || { echo "Bail out! daemon did not start"; exit 1; }
make_resource 64 || { echo "Bail out! create-md failed"; exit 1; }
up_primary || { echo "Bail out! up/primary failed: $(cat "$T"/up.log "$T"/primary.log)"; exit 1; }

dd if=/dev/urandom of="$T/data" bs=1M count=4 status=none
chmod 644 "$T/data"
as_user dd if="$T/data" of="$DEV" bs=1M conv=notrunc,fsync status=none
head -c $((1 << 20)) /dev/zero > "$T/zero1m"

check "fallocate --punch-hole 1 MiB at 1 MiB" as_user fallocate -p -o $((1 << 20)) -l $((1 << 20)) "$DEV"
as_user dd if="$DEV" of="$T/back" bs=1M count=4 status=none
check "the discarded range reads back as zeros" cmp -n $((1 << 20)) -i $((1 << 20)):0 "$T/back" "$T/zero1m"
check "the data before it is kept" cmp -n $((1 << 20)) "$T/back" "$T/data"
check "the data after it is kept" cmp -n $((2 << 20)) -i $((2 << 20)):$((2 << 20)) "$T/back" "$T/data"

check "fallocate --zero-range 1 MiB at 3 MiB" as_user fallocate -z -o $((3 << 20)) -l $((1 << 20)) "$DEV"
as_user dd if="$DEV" of="$T/back" bs=1M count=4 status=none
check "the zeroed range reads back as zeros" cmp -n $((1 << 20)) -i $((3 << 20)):0 "$T/back" "$T/zero1m"
check "the data before it is kept" cmp -n $((1 << 20)) -i $((2 << 20)):$((2 << 20)) "$T/back" "$T/data"
out=$(as_user fallocate -o 0 -l 4096 "$DEV" 2>&1); rc=$?
check "plain fallocate (allocation) is not supported" test $rc -ne 0
finish
