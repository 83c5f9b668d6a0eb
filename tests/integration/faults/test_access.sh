#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_access.sh - secrets and identities, two daemons with debug logging:
#   - the shared secret of a cram-hmac-alg connection appears nowhere in the daemons' run
#     directories (daemon.log at log level 7 with DRBD's pr_debug on), although the peers
#     authenticated with it ("Peer authenticated using ... HMAC");
#   - DRBD's usermode helper (handlers before-resync-source/-target) runs with the daemon's
#     own identity: the handler records its uid/gid, which equal the daemon process's.
. "$(dirname "$0")/../twonode/tn_lib.sh"
. "$(dirname "$0")/fault_lib.sh"
tn_init 7930

secret="S3cr3t-$$-$RANDOM-x9"
printf '#!/bin/sh\n# a DRBD handler (drbdadm, run by the daemon'"'"'s usermode helper): who am I?\necho "$(id -u) $(id -g) $1" >>"%s"\n' \
	"$T/helper-ids" | tn_as tee "$T/record-id.sh" >/dev/null
tn_as chmod 755 "$T/record-id.sh"
tn_res -n "cram-hmac-alg sha1; shared-secret \"$secret\";" \
	-s "before-resync-target \"$T/record-id.sh target\"; before-resync-source \"$T/record-id.sh source\";" ||
	fail "resource file"

tn_as truncate -s 16M "$DISK_A" "$DISK_B" || fail "backing files"
for n in alpha beta; do
	tn_start "$n" --log-level 7 --debug drbd || fail "daemon $n"
	tn_adm "$n" create-md --force r0 || fail "create-md on $n"
	tn_adm "$n" up r0 || fail "up on $n"
done
check "connected with cram-hmac-alg sha1" \
	tn_wait alpha 'cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent' 20
check "alpha's log: peer authenticated with the HMAC" \
	grep -q "Peer authenticated using .* bytes HMAC" "$T/alpha/daemon.log"
check "primary --force on alpha (initial sync: handlers run)" tn_adm alpha primary --force r0
check "sync done" tn_wait beta 'ds:UpToDate/UpToDate' 60

check "the shared secret appears in no file of alpha's or beta's run dir" \
	sh -c "! grep -r -l -F -e '$secret' --exclude-dir=mnt '$T/alpha' '$T/beta'"
check "logs are not empty (debug level: $(wc -l <"$T/alpha/daemon.log") lines on alpha)" \
	test "$(wc -l <"$T/alpha/daemon.log")" -gt 50

wait_for 10 "both handlers ran" sh -c "[ \$(wc -l <'$T/helper-ids' 2>/dev/null || echo 0) -ge 2 ]"
echo "# handler identities: $(tr '\n' ';' <"$T/helper-ids" 2>/dev/null)"
for pair in "alpha source" "beta target"; do
	set -- $pair
	pid=$(node_pid "$1")
	duid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
	dgid=$(awk '/^Gid:/ { print $2 }' "/proc/$pid/status")
	check "$1's helper ($2) ran as the daemon's uid/gid $duid/$dgid" \
		grep -qx "$duid $dgid $2" "$T/helper-ids"
done
if [ -n "$TN_RUNAS" ]; then
	check "and that identity is not root (daemons run as $TN_RUNAS)" sh -c "! grep -q '^0 ' '$T/helper-ids'"
fi
itest_done
