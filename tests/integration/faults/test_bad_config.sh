#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_bad_config.sh - bad input from the configuration and from the network does not hurt the
# daemon:
#   1. a drbd.conf with a syntax error: drbdadm (through drbd-um) prints its parse error and
#      exits non-zero; the daemon is alive and answers the next command (drbdsetup-84 status);
#   2. a resource whose backing disk path does not exist: attach (drbdadm up) fails with
#      drbdadm's error (its drbdmeta cannot open it), non-zero; drbdsetup-84 attach of the
#      missing file gives drbdsetup's error, non-zero; the daemon is alive and serves commands;
#      down, then the correct resource file brings it up normally;
#   3. a peer that sends garbage: while alpha is WFConnection, plain TCP clients connect to its
#      DRBD port and write random bytes (and one a truncated header), then close; alpha drops
#      them (it logs the bad packets) and stays up; then beta comes up and the two connect and
#      sync normally.
. "$(dirname "$0")/../twonode/tn_lib.sh"
tn_init 7960
DRBDSETUP84=$(command -v drbdsetup-84 || true)
[ -n "$DRBDSETUP84" ] || DRBDSETUP84=/usr/lib/drbd/drbdsetup-84
[ -x "$DRBDSETUP84" ] || skip "drbdsetup-84 not found (drbd-utils 9 with 8.4 support)"

alive() {
	kill -0 "$(node_pid alpha)" 2>/dev/null
}
status_works() {
	tn_um alpha "$DRBDSETUP84" status >/dev/null 2>&1 || tn_um alpha "$DRBDSETUP84" status
}

tn_res -p C || fail "resource file"
tn_as truncate -s 16M "$DISK_A" "$DISK_B"
check "alpha's daemon starts" tn_start alpha
GOOD=$CONF

# --- 1: syntax error
BAD=$T/bad-syntax.res
tn_as sh -c 'sed "s/protocol C;/protocol C/; s/meta-disk internal;/meta-disk internal; }}} garbage {/" "$1" >"$2"' \
	sh "$GOOD" "$BAD"
out=$(tn_um alpha drbdadm -c "$BAD" up r0 2>&1 </dev/null)
rc=$?
echo "$out" | head -n 3 | sed 's/^/#   drbdadm: /'
check "malformed drbd.conf: drbdadm exits non-zero ($rc)" test "$rc" -ne 0 -a "$rc" -ne 124
check "... with its own parse error message" grep -qiE 'parse error|syntax|expected|unexpected' <<<"$out"
check "the daemon is still alive" alive
check "and serves the next command (drbdsetup-84 status)" status_works

# --- 2: a backing disk path that does not exist
WRONG=$T/wrong-disk.res
tn_as sh -c 'sed "s#disk $1;#disk $1.does-not-exist/x.img;#" "$2" >"$3"' sh "$DISK_A" "$GOOD" "$WRONG"
check "create-md on the good file" tn_adm alpha create-md --force r0
out=$(tn_um alpha drbdadm -c "$WRONG" up r0 2>&1 </dev/null)
rc=$?
echo "$out" | head -n 4 | sed 's/^/#   drbdadm: /'
check "wrong backing path: drbdadm up exits non-zero ($rc)" test "$rc" -ne 0 -a "$rc" -ne 124
check "... with an error naming the failure" grep -qiE 'not found|No such file|Failure|failed|open' <<<"$out"
check "the daemon is still alive" alive
check "and serves the next command (drbdsetup-84 status)" status_works
out=$(tn_um alpha "$DRBDSETUP84" attach 0 "$DISK_A.does-not-exist/x.img" \
	"$DISK_A.does-not-exist/x.img" internal 2>&1 </dev/null)
rc=$?
echo "$out" | head -n 2 | sed 's/^/#   drbdsetup-84 attach: /'
check "drbdsetup-84 attach of a missing backing file: non-zero ($rc)" \
	test "$rc" -ne 0 -a "$rc" -ne 124
check "... with drbdsetup's error" grep -qiE 'open|not found|Failure' <<<"$out"
check "the daemon is still alive" alive
tn_um alpha drbdadm -c "$WRONG" down r0 >/dev/null 2>&1 </dev/null
check "the correct resource file: up works" tn_adm alpha up r0
check "alpha is WFConnection, Secondary, Inconsistent" \
	tn_wait alpha 'cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown' 20

# --- 3: a peer that sends garbage
garbage() {
	# $1: bytes of random data; sent on a fresh connection, which is then closed
	timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$1 || exit 1
		head -c "$2" /dev/urandom 2>/dev/null >&3
		exec 3>&-' bash "$PORT_A" "$1"
}
half_header() {
	# DRBD's header magic (0x83740267) and then the connection closes mid-header
	timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$1 || exit 1
		printf "\x83\x74\x02\x67" >&3
		exec 3>&-' bash "$PORT_A"
}
ng=0
for bytes in 64 4096 100000; do
	garbage "$bytes" && ng=$((ng + 1))
done
half_header && ng=$((ng + 1))
garbage 16 && ng=$((ng + 1))
check "5 garbage connections were accepted by alpha's port ($ng)" test "$ng" -eq 5
check "alpha's daemon is still alive" alive
check "alpha logged the bad peers" \
	wait_for 10 "a log line about the garbage" tn_log_has alpha \
	'Wrong magic|Unexpected data packet|Error receiving initial packet|Initial packet|short read|magic|Connection closed'
check "alpha is WFConnection again" tn_wait alpha 'cs:WFConnection' 20
check "and serves commands (drbdsetup-84 status)" status_works

check "beta's daemon starts" tn_start beta
check "create-md and up on beta" eval 'tn_adm beta create-md --force r0 && tn_adm beta up r0'
check "alpha and beta connect normally" tn_wait alpha 'cs:Connected' 30
check "primary --force on alpha" tn_adm alpha primary --force r0
check "initial sync completes: UpToDate/UpToDate" \
	tn_wait alpha 'cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate' 60
SIZE_KB=$(tn_size_kb alpha)
check "data areas identical" tn_data_same $((SIZE_KB * 1024))
echo "# alpha's log about the garbage peers:"
tn_log alpha | grep -E 'Wrong magic|Unexpected|initial packet|magic|short read' | head -n 6 | sed 's/^/#   /'
itest_done
