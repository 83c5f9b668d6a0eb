#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_integrity.sh - data-integrity-alg crc32c: every replicated write carries a checksum the
# peer verifies; the setting is in effect on both nodes and replication works (initial sync,
# O_DIRECT writes through the device file, identical data areas, no integrity errors logged).
. "$(dirname "$0")/tn_lib.sh"
tn_init 7760

tn_res -n "data-integrity-alg crc32c;" || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
tn_need_fuse
check "initial sync" tn_initial
check "drbdsetup show: data-integrity-alg crc32c on alpha" \
	tn_show_has alpha 'data-integrity-alg.*crc32c'
check "and on beta" tn_show_has beta 'data-integrity-alg.*crc32c'
tn_pattern "$T/pat" 8
check "alpha writes 8 MiB (O_DIRECT)" tn_write alpha 2 8 "$T/pat"
check "beta's backing file has them" wait_for 10 "data on beta" tn_backing_has "$DISK_B" 2 8 "$T/pat"
size=$(tn_size_kb alpha)
check "data areas identical ($size KiB)" tn_data_same $((size * 1024))
check "no integrity check failures" tn_not tn_log_has beta 'Digest integrity check FAILED|integrity'
check "still Connected" tn_state alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate'
itest_done
