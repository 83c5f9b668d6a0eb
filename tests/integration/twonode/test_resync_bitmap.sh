#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_resync_bitmap.sh - after the initial sync, alpha (Primary) disconnects, writes 5 MiB in
# two places, and reconnects: the resync is bitmap based (it moves about the 5 MiB changed, not
# the whole device) and the data areas are identical afterwards.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7720

tn_res || fail "resource file"
tn_setup 64 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial
full=$(tn_resync_kb alpha)

check "alpha disconnects" tn_adm alpha disconnect r0
check "alpha StandAlone, beta waiting" tn_wait alpha 'cs:StandAlone ro:Primary/Unknown' 10
check "beta WFConnection" tn_wait beta 'cs:WFConnection' 10
tn_pattern "$T/pat" 4
check "4 MiB written at 8 MiB" tn_write alpha 8 4 "$T/pat"
check "1 MiB written at 40 MiB" tn_write alpha 40 1 "$T/pat"
check "the bitmap counts 5120 KiB out of sync" tn_state alpha 'oos:5120$'
check "beta's backing file does not have it yet" tn_not tn_backing_has "$DISK_B" 8 4 "$T/pat"

check "alpha reconnects" tn_adm alpha connect r0
check "resync done" tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 30
check "beta UpToDate" tn_wait beta 'ds:UpToDate/UpToDate' 10
kb=$(tn_resync_kb alpha)
echo "# initial sync: $full KB; resync after reconnect: $kb KB"
check "the resync moved about what changed ($kb KB ~ 5120 KB, full device $full KB)" \
	test -n "$kb" -a "${kb:-0}" -ge 5120 -a "${kb:-0}" -le 5632
size=$(tn_size_kb alpha)
check "data areas identical ($size KiB)" tn_data_same $((size * 1024))
itest_done
