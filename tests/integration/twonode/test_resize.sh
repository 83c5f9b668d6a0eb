#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_resize.sh - online grow: both backing files grow from 32 to 48 MiB (truncate) while the
# resource is up; `drbdadm resize r0` on the Primary moves the internal metadata, the new size
# shows in the log (on beta without any command there), in /proc/drbd's resync of the new area and in the FUSE device file, and the
# old data stays intact.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7780

tn_res || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial
old=$(tn_size_kb alpha)
tn_pattern "$T/pat" 8
check "alpha writes 8 MiB" tn_write alpha 8 8 "$T/pat"
old_bytes=$(tn_as stat -c %s "$(tn_dev alpha)")
check "device file size matches DRBD's ($old_bytes bytes = $old KiB)" test "$old_bytes" = $((old * 1024))

check "backing files grown to 48 MiB" tn_as truncate -s 48M "$DISK_A" "$DISK_B"
# No command on beta: like the kernel, beta's DRBD sees its grown backing file as soon as it
# asks for the size (when alpha's resize sends the new sizes).
check "drbdadm resize r0" tn_adm alpha resize r0
check "the size grew" wait_for 10 "size grew on alpha" tn_size_grew alpha "$old"
new=$(tn_size_kb alpha)
echo "# size $old KiB -> $new KiB"
check "new size between 47 and 48 MiB" test "${new:-0}" -gt $((47 * 1024)) -a "${new:-0}" -lt $((48 * 1024))
check "beta has the new size too" wait_for 10 "size on beta" test "$(tn_size_kb beta)" = "$new"
check "synced: UpToDate/UpToDate" tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 20
check "device file shows the new size" \
	wait_for 10 "device file size" tn_file_size_is "$(tn_dev alpha)" $((new * 1024))
check "old data intact on alpha" \
	tn_as sh -c "dd if='$(tn_dev alpha)' bs=1M skip=8 count=8 iflag=direct status=none | cmp -s - '$T/pat'"
check "write beyond the old end" tn_write alpha 40 4 "$T/pat"
check "it reaches beta" wait_for 10 "data on beta" tn_backing_has "$DISK_B" 40 4 "$T/pat"
check "data areas identical ($new KiB)" tn_data_same $((new * 1024))
itest_done
