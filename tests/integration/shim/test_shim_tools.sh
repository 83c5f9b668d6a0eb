#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_shim_tools.sh DRBD_UM FAKE_DAEMON
#
# Runs the REAL drbd-utils (drbdsetup-84, drbdmeta, drbdadm) and coreutils through the shim
# (via the drbd-um wrapper) against fake_drbd_daemon, a test double of the daemon's control
# socket. Checks the netlink conversation (family lookup, config commands, dumps larger than
# drbdsetup's first receive buffer, multicast events, error replies), /proc/drbd, backing files
# as block devices, drbdmeta create-md/dump-md/apply-al, the exclusive claim, the lock/lib
# redirections, /dev/drbdN mapping, and the behaviour when the daemon is gone.
# Output: one "ok N - ..." / "not ok N - ..." line per check. Exit 0, 1 (failure) or 77 (skip).
set -u

UM=$1
FAKE=$2
SETUP=/usr/lib/drbd/drbdsetup-84
META=/sbin/drbdmeta
[ -x "$META" ] || META=/usr/sbin/drbdmeta

for p in "$SETUP" "$META"; do
	if [ ! -x "$p" ]; then
		echo "SKIP: $p not installed (Debian package drbd-utils)"
		exit 77
	fi
done
command -v drbdadm >/dev/null || { echo "SKIP: drbdadm not installed"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/shim-test.XXXXXX")
RUN=$T/run
mkdir -p "$RUN"
FAKE_PID=""
EV_PID=""
cleanup() {
	[ -n "$EV_PID" ] && kill "$EV_PID" 2>/dev/null
	[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() { local d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }

um() { timeout 30 "$UM" --run-dir "$RUN" "$@"; }

# ---- start the fake daemon; it prints "ready" once it listens ----------------------------
mkfifo "$T/ready"
"$FAKE" "$RUN" > "$T/ready" 2> "$T/fake.err" &
FAKE_PID=$!
read -r -t 10 line < "$T/ready"
if [ "${line:-}" != ready ]; then
	echo "Bail out! fake daemon did not start: $(cat "$T/fake.err")"
	exit 1
fi

# ---- netlink: config command, dumps, errors ---------------------------------------------
out=$(um "$SETUP" new-resource r0 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then ok "drbdsetup-84 new-resource r0"
else nok "drbdsetup-84 new-resource r0" "rc=$rc" "$out"; fi

out=$(um "$SETUP" status r0 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "r0 role:Secondary" ]; then ok "drbdsetup-84 status r0 (three dumps)"
else nok "drbdsetup-84 status r0 (three dumps)" "rc=$rc" "$out"; fi

out=$(um "$SETUP" del-resource nope 2>&1); rc=$?
if [ $rc -eq 10 ] && grep -q '(158) Unknown resource' <<<"$out" &&
   grep -q 'fake daemon: no such resource' <<<"$out"; then
	ok "drbdsetup-84 del-resource of an unknown resource: ret_code and info text"
else nok "drbdsetup-84 del-resource of an unknown resource" "rc=$rc" "$out"; fi

out=$(um "$SETUP" primary 0 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -qi 'Operation not supported' <<<"$out"; then
	ok "NLMSG_ERROR reply reaches drbdsetup-84 (primary -> EOPNOTSUPP)"
else nok "NLMSG_ERROR reply reaches drbdsetup-84" "rc=$rc" "$out"; fi

grep -q "pid 4096 cmd 3 dump 0" "$RUN/fake.log"
check "requests carry the portid from getsockname as nlmsg_pid" test $? -eq 0

# ---- events: membership in band, ordered before the dump; multicast --------------------
out=$(um "$SETUP" events2 --now all 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$out" = $'exists resource name:r0 role:Secondary suspended:no\nexists -' ]; then
	ok "drbdsetup-84 events2 --now all"
else nok "drbdsetup-84 events2 --now all" "rc=$rc" "$out"; fi

ev_port=$(awk '/ join 5$/ { p = $2 } END { print p }' "$RUN/fake.log")
if [ -n "$ev_port" ] && awk -v p="$ev_port" '
	$2 == p && / join 5$/ { joined = 1 }
	$2 == p && / cmd 38 dump 1$/ { ok = joined }
	END { exit !ok }' "$RUN/fake.log"; then
	ok "NETLINK_ADD_MEMBERSHIP forwarded before the GET_INITIAL_STATE dump"
else nok "NETLINK_ADD_MEMBERSHIP forwarded before the dump" "$(cat "$RUN/fake.log")"; fi

mkfifo "$T/ev"
timeout 60 "$UM" --run-dir "$RUN" "$SETUP" events2 all > "$T/ev" 2> "$T/ev.err" &
EV_PID=$!
exec 5< "$T/ev"
got_done=0
while read -r -t 20 -u 5 line; do
	[ "$line" = "exists -" ] && { got_done=1; break; }
done
um "$SETUP" new-resource r1 >/dev/null 2>&1
line=""
read -r -t 20 -u 5 line
if [ $got_done -eq 1 ] && [ "$line" = "create resource name:r1 role:Secondary suspended:no" ]; then
	ok "multicast: events2 sees the resource another drbdsetup-84 created"
else nok "multicast event delivered" "initial done=$got_done line=$line" "$(cat "$T/ev.err")"; fi
kill "$EV_PID" 2>/dev/null
wait "$EV_PID" 2>/dev/null
EV_PID=""
exec 5<&-

# A reply larger than drbdsetup's 8 KiB first buffer (10000-byte info text): drbdsetup must see
# MSG_TRUNC on its MSG_PEEK and grow the buffer before the real receive.
out=$(um "$SETUP" del-resource long-info 2>&1); rc=$?
if [ $rc -eq 10 ] && grep -qx 'y\{10000\}' <<<"$out"; then
	ok "12 KiB reply: MSG_PEEK/MSG_TRUNC sizing of drbdsetup-84 works"
else nok "12 KiB reply: MSG_PEEK/MSG_TRUNC sizing" "rc=$rc" "$(head -c 300 <<<"$out")"; fi

# 70 resources with 100-character names: the GET_RESOURCES dump spans several datagrams.
long=$(printf 'x%.0s' $(seq 1 96))
for i in $(seq 10 79); do
	um "$SETUP" new-resource "r$i$long" >/dev/null 2>&1 || break
done
out=$(um "$SETUP" status all 2>&1); rc=$?
lines=$(grep -c 'role:Secondary' <<<"$out")
if [ $rc -eq 0 ] && [ "$lines" -eq 72 ]; then ok "status of 72 resources (dump of several datagrams)"
else nok "status of 72 resources (dump of several datagrams)" "rc=$rc lines=$lines" "$(head -c 600 <<<"$out")"; fi

# ---- /proc/drbd ---------------------------------------------------------------------------
out=$(um cat /proc/drbd 2>&1)
check "cat /proc/drbd shows the daemon's text" \
	grep -qx 'version: 8.4.11 (api:1/proto:86-101)' <<<"$out"
out=$(um stat -c '%F %a' /proc/drbd 2>&1)
check "stat /proc/drbd: empty regular file, mode 444 (as procfs)" \
	test "$out" = "regular empty file 444"
um sh -c 'echo x > /proc/drbd' 2>/dev/null
check "/proc/drbd is read-only" test $? -ne 0
# shellcheck disable=SC2016 # awk program, not shell
out=$(um awk '/^version:/ { print $2 }' /proc/drbd 2>&1)
check "fopen/getline readers see /proc/drbd (awk)" test "$out" = "8.4.11"

# ---- backing files as block devices --------------------------------------------------------
IMG=$T/disk0.img
OTHER=$T/other.img
truncate -s 64M "$IMG" "$OTHER"
out=$(um --bdev "$IMG" stat -c '%F %t' "$IMG")
check "stat of a DRBD_UM_BDEVS file: block special file, major 0xf0" test "$out" = "block special file f0"
out=$(um --bdev "$IMG" stat -c '%F' "$OTHER")
check "stat of another file: regular file" test "$out" = "regular file"
out=$(stat -c '%F' "$IMG")
check "without the shim the backing file is a regular file" test "$out" = "regular file"
um --bdev "$IMG" sh -c "test -b '$IMG'"
check "sh test -b sees the backing file as a block device" test $? -eq 0
if command -v blockdev >/dev/null; then
	out=$(um --bdev "$IMG" blockdev --getsize64 --getss --getpbsz "$IMG" 2>&1 | tr '\n' ' ')
	check "blockdev ioctls BLKGETSIZE64/BLKSSZGET/BLKPBSZGET" \
		test "$out" = "67108864 512 $(stat -c %o "$IMG") "
fi

out=$(um "$META" 0 v08 "$IMG" internal create-md 2>&1 </dev/null); rc=$?
if [ $rc -ne 0 ] && grep -q 'is not a block device' <<<"$out"; then
	ok "drbdmeta refuses a backing file not in DRBD_UM_BDEVS"
else nok "drbdmeta refuses a backing file not in DRBD_UM_BDEVS" "rc=$rc" "$out"; fi

out=$(um --bdev "$IMG" "$META" 0 v08 "$IMG" internal create-md 2>&1 </dev/null); rc=$?
if [ $rc -eq 0 ] && grep -q 'New drbd meta data block successfully created' <<<"$out" &&
   ! grep -q -e 'BLKSSZGET' -e 'BLKZEROOUT' <<<"$out"; then
	ok "drbdmeta create-md on a 64 MiB file (BLKSSZGET, BLKZEROOUT emulated)"
else nok "drbdmeta create-md" "rc=$rc" "$out"; fi

out=$(um --bdev "$IMG" "$META" 0 v08 "$IMG" internal dump-md 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q '^version "v08";' <<<"$out" && grep -q '^la-size-sect 0;' <<<"$out"; then
	ok "drbdmeta dump-md"
else nok "drbdmeta dump-md" "rc=$rc" "$out"; fi

out=$(um --bdev "$IMG" "$META" 0 v08 "$IMG" internal apply-al 2>&1); rc=$?
check "drbdmeta apply-al without --force (as drbdadm up runs it)" test $rc -eq 0

check "drbdmeta's lock file is in RUN/lock" test -f "$RUN/lock/drbd-147-0"
check "drbdmeta's last-known-bdev file is in RUN/lib/drbd" \
	grep -q "	$IMG\$" "$RUN/lib/drbd/drbd-minor-0.lkbd"

if command -v flock >/dev/null; then
	out=$(flock -x "$IMG" "$UM" --run-dir "$RUN" --bdev "$IMG" "$META" 0 v08 "$IMG" internal \
		dump-md 2>&1 </dev/null); rc=$?
	if [ $rc -ne 0 ] && grep -q 'Device or resource busy' <<<"$out"; then
		ok "O_EXCL open of a claimed backing file fails with EBUSY"
	else nok "O_EXCL open of a claimed backing file fails with EBUSY" "rc=$rc" "$out"; fi
fi

# drbdadm: the wrapper collects the node's disks (sh-ll-dev) into DRBD_UM_BDEVS itself.
DISK=$T/hw1.img
truncate -s 64M "$DISK" "$T/hw2.img"
cat > "$T/r9.res" <<EOF
global { usage-count no; }
resource r9 {
  on hw1 { device /dev/drbd9; disk $DISK; address 127.0.0.1:7790; meta-disk internal; }
  on hw2 { device /dev/drbd9; disk $T/hw2.img; address 127.0.0.2:7790; meta-disk internal; }
}
EOF
out=$(um --node hw1 drbdadm -c "$T/r9.res" create-md r9 2>&1 </dev/null); rc=$?
if [ $rc -eq 0 ] && grep -q 'successfully created' <<<"$out"; then
	ok "drbd-um drbdadm create-md (disks collected from the configuration)"
else nok "drbd-um drbdadm create-md" "rc=$rc" "$out"; fi
out=$(um --node hw1 drbdadm -c "$T/r9.res" dump-md r9 2>/dev/null); rc=$?
check "drbd-um drbdadm dump-md" grep -q '^version "v08";' <<<"$out"

# ---- /dev/drbdN -> RUN/mnt/dev/drbdN ----------------------------------------------------------
out=$(um stat -c '%F' /dev/drbd7 2>&1)
check "/dev/drbd7 without a device file stays untouched" grep -q 'No such file' <<<"$out"
mkdir -p "$RUN/mnt/dev"
truncate -s 1M "$RUN/mnt/dev/drbd7"
out=$(um stat -c '%F %t:%T' /dev/drbd7 2>&1)
check "/dev/drbd7 stats as block device 147:7 (0x93:7)" test "$out" = "block special file 93:7"
if command -v blockdev >/dev/null; then
	out=$(um blockdev --getsize64 /dev/drbd7 2>&1)
	check "BLKGETSIZE64 on /dev/drbd7 answers the device file's size" test "$out" = "1048576"
fi
echo hello | um dd of=/dev/drbd7 conv=notrunc status=none 2>/dev/null
check "writes to /dev/drbd7 land in the device file" grep -q hello "$RUN/mnt/dev/drbd7"

# ---- daemon gone -----------------------------------------------------------------------------
kill "$FAKE_PID"
wait "$FAKE_PID" 2>/dev/null
FAKE_PID=""
out=$(um "$SETUP" status 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q 'cannot reach the drbd-usermode daemon' <<<"$out" &&
   ! grep -qi modprobe <<<"$out"; then
	ok "no daemon: drbdsetup-84 fails cleanly and never runs modprobe"
else nok "no daemon: drbdsetup-84 fails cleanly" "rc=$rc" "$out"; fi
um cat /proc/drbd >/dev/null 2>&1
check "no daemon: reading /proc/drbd fails" test $? -ne 0

echo "1..$n"
[ $failed -eq 0 ]
