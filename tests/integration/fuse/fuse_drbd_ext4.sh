#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuse_drbd_ext4.sh DAEMON DRBD_UM - a file system on the DRBD device file: mkfs.ext4 on
# MNT/dev/drbd0, mount it with fuse2fs, write and read files, unmount, e2fsck -fn clean,
# mount again and find the files intact. Exit 0, 1 or 77 (skipped, with the reason).
set -u
. "$(dirname "$0")/drbd_fuse_lib.sh"
fuse_lib_init "$@"
require mkfs.ext4 fuse2fs e2fsck md5sum

start_daemon || { echo "Bail out! daemon did not start"; exit 1; }
make_resource 128 || { echo "Bail out! create-md failed: $(cat "$T/create-md.log")"; exit 1; }
up_primary || { echo "Bail out! up/primary failed: $(cat "$T"/up.log "$T"/primary.log)"; exit 1; }
ok "r0 is Primary, $DEV exists"

check "mkfs.ext4 on the device file" as_user mkfs.ext4 -q -F "$DEV"

FS=$T/fs
as_user mkdir -p "$FS"
as_user fuse2fs -f "$DEV" "$FS" -o fakeroot >"$T/fuse2fs.log" 2>&1 &
F2=$!
timeout 20 bash -c "until grep -q ' $FS ' /proc/self/mounts; do sleep 0.1; done" ||
	{ echo "Bail out! fuse2fs did not mount: $(cat "$T/fuse2fs.log")"; exit 1; }
ok "fuse2fs mounted the device file"

as_user dd if=/dev/urandom of="$FS/big" bs=1M count=16 status=none
as_user mkdir "$FS/dir"
for i in 1 2 3 4 5; do as_user sh -c "seq 1 $((i * 1000)) > '$FS/dir/f$i'"; done
# (a mount of another user is closed even to root: read as the test user)
sums=$(as_user sh -c "cd '$FS' && md5sum big dir/f1 dir/f5")
check "files written and read back" test "$(wc -l <<<"$sums")" -eq 3
as_user fusermount3 -u "$FS"
wait "$F2"; rc=$?
check "fuse2fs unmounted cleanly (exit $rc)" test "$rc" -eq 0

out=$(as_user e2fsck -fn "$DEV" 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "e2fsck -fn: clean"
else nok "e2fsck -fn: clean" "rc=$rc" "$out"; fi

as_user fuse2fs -f "$DEV" "$FS" -o fakeroot,ro >"$T/fuse2fs2.log" 2>&1 &
F2=$!
timeout 20 bash -c "until grep -q ' $FS ' /proc/self/mounts; do sleep 0.1; done"
sums2=$(as_user sh -c "cd '$FS' && md5sum big dir/f1 dir/f5")
check "the files read back the same after a remount" test -n "$sums2" -a "$sums" = "$sums2"
as_user fusermount3 -u "$FS"
wait "$F2"
finish
