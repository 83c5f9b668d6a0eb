#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuse_drbd_kill9.sh DAEMON DRBD_UM - durability: once fsync on the device file returned,
# kill -9 the daemon; the data is in the backing file, the next daemon clears the dead FUSE
# mount, and the data reads back through the device file after up/primary. Exit 0, 1 or 77.
set -u
. "$(dirname "$0")/drbd_fuse_lib.sh"
fuse_lib_init "$@"
require cmp dd

start_daemon || { echo "Bail out! daemon did not start"; exit 1; }
make_resource 64 || { echo "Bail out! create-md failed"; exit 1; }
up_primary || { echo "Bail out! up/primary failed: $(cat "$T"/up.log "$T"/primary.log)"; exit 1; }

dd if=/dev/urandom of="$T/data" bs=1M count=4 status=none
chmod 644 "$T/data"
# dd conv=fsync: fsync() on the device file returns only after the REQ_PREFLUSH bio
check "4 MiB written at 8 MiB, fsync returned" \
	as_user dd if="$T/data" of="$DEV" bs=1M seek=8 conv=notrunc,fsync status=none
kill9_daemon
check "the daemon is gone (kill -9)" test -z "$(pgrep -F "$RUN/daemon.pid" 2>/dev/null)"
check "the data is in the backing file" \
	cmp -n $((4 << 20)) -i 0:$((8 << 20)) "$T/data" "$BACKING"

err=$(stat "$MNT" 2>&1)
if grep -q "not connected" <<<"$err"; then ok "the dead daemon left a stale mount"
else ok "no stale mount left (the kernel cleaned it up)"; fi
check "a new daemon starts on the same run directory" start_daemon
check "the stale mount was replaced by a live one" as_user test -d "$MNT/dev"
check "up and primary again" up_primary
as_user dd if="$DEV" of="$T/back" bs=1M skip=8 count=4 status=none
check "the data reads back through the device file" cmp "$T/data" "$T/back"
finish
