#!/bin/bash
# test_commands.sh - issue 5 item 5, single node: drbdsetup-84/drbdadm commands beyond
# up/down, each checked for its effect as against the kernel: resize (grown backing file),
# pause-sync/resume-sync, suspend-io/resume-io, new-current-uuid, show-gi/get-gi,
# role/cstate/dstate/state, sh-status, disk-/net-/resource-options visible in show (and
# reverted by adjust), detach/attach, disconnect/connect, secondary, outdate, invalidate,
# check-resize, new-/del-resource and -minor, and drbdmeta dump-md/get-gi/apply-al on the
# backing file after down. Runs as nobody when started as root. Ports 7806-7807.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
itest_unprivileged "$@"
itest_init
ctl_init

RES=$T/r0.res
ctl_write_res "$RES" r0 0 7806 7807
truncate -s 8M "$T/alpha.img"
node_start alpha --no-mount || { fail "daemon starts"; itest_done; }
check "create-md" adm alpha create-md r0 </dev/null
check "up" adm alpha up r0
check "primary --force" adm alpha primary --force r0

# state queries
expect_eq "role" "Primary/Unknown" "$(s84 alpha role 0)"
expect_eq "cstate" "WFConnection" "$(s84 alpha cstate 0)"
expect_eq "dstate" "UpToDate/DUnknown" "$(s84 alpha dstate 0)"
expect_eq "state (deprecated alias of role)" "Primary/Unknown" "$(s84 alpha state 0 2>/dev/null)"
expect_eq "drbdadm role" "Primary/Unknown" "$(adm alpha role r0)"
out=$(s84 alpha sh-status 0)
expect_match "sh-status: _cstate" '^_cstate=WFConnection$' "$out"
expect_match "sh-status: _role" '^_role=Primary$' "$out"
expect_match "sh-status: _disk" '^_disk=UpToDate$' "$out"

# generation identifiers
gi1=$(s84 alpha get-gi 0)
expect_match "get-gi" '^[0-9A-F]{16}:[0-9A-F]{16}:[0-9A-F]{16}:[0-9A-F]{16}:1:1:1:0:0:0:0$' "$gi1"
out=$(s84 alpha show-gi 0)
expect_match "show-gi: the UUIDs" "^${gi1}\$" "$out"
expect_match "show-gi: the flags" '^flags: Primary, StandAlone, UpToDate$' "$out"
out=$(s84 alpha new-current-uuid 0 2>&1) && rc=0 || rc=$?
expect_match "new-current-uuid while WFConnection: refused as by the kernel (rc $rc)" \
	'Failure: \(151\) Need to be StandAlone' "$out"
check "disconnect" adm alpha disconnect r0
check "new-current-uuid (StandAlone)" s84 alpha new-current-uuid 0
check "connect" adm alpha connect r0
gi2=$(s84 alpha get-gi 0)
check "new-current-uuid: new current UUID, old one becomes the bitmap UUID" \
	test "${gi2%%:*}" != "${gi1%%:*}" -a "$(echo "$gi2" | cut -d: -f2)" = "${gi1%%:*}"

# resize after growing the backing file (not connected: the peer's size is assumed)
size_of() { s84 alpha events2 --now --statistics all | sed -n 's/^exists device .* size:\([0-9]*\) .*/\1/p'; }
s1=$(size_of)
truncate -s 12M "$T/alpha.img"
check "drbdsetup-84 check-resize" um alpha --bdev "$T/alpha.img" "$DRBDSETUP84" check-resize 0
check "drbdadm resize --assume-peer-has-space" adm alpha -- --assume-peer-has-space resize r0
s2=$(size_of)
echo "# size before $s1 KiB, after $s2 KiB"
check "resize: the device grew by 4 MiB" test "$s2" -eq $((s1 + 4096))
expect_match "/proc/drbd after resize" '^ 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown' \
	"$(node_proc alpha)"

# sync pause flags, I/O suspension
check "pause-sync" s84 alpha pause-sync 0
expect_match "pause-sync: user_isp set" '^_flags_user_isp=1$' "$(s84 alpha sh-status 0)"
out=$(s84 alpha pause-sync 0 2>&1) && rc=0 || rc=$?
expect_match "pause-sync again: refused like the kernel (rc $rc)" 'Sync-pause flag is already set' "$out"
check "resume-sync" s84 alpha resume-sync 0
expect_match "resume-sync: user_isp cleared" '^_flags_user_isp=$' "$(s84 alpha sh-status 0)"
check "suspend-io" s84 alpha suspend-io 0
expect_match "suspend-io: events2 shows suspended:user" '^exists resource name:r0 role:Primary suspended:user$' \
	"$(s84 alpha events2 --now all)"
expect_match "suspend-io: /proc/drbd flag s" '^ 0: cs:WFConnection .* C s' "$(node_proc alpha)"
check "resume-io" s84 alpha resume-io 0
expect_match "resume-io: suspended:no" '^exists resource name:r0 role:Primary suspended:no$' \
	"$(s84 alpha events2 --now all)"

# option changes are visible in show; adjust sees them and reverts them
check "disk-options --al-extents=3001 --resync-rate=1M" s84 alpha disk-options 0 --al-extents=3001 --resync-rate=1M
check "net-options --ping-int=7 --max-buffers=5000" s84 alpha net-options 127.0.0.1:7806 127.0.0.1:7807 --ping-int=7 --max-buffers=5000
check "resource-options --on-no-data-accessible=suspend-io" s84 alpha resource-options r0 --on-no-data-accessible=suspend-io
out=$(s84 alpha show r0)
expect_match "show: al-extents" '^ +al-extents +	3001;$' "$out"
expect_match "show: resync-rate" '^ +resync-rate +	1024k; # bytes/second$' "$out"
expect_match "show: ping-int" '^ +ping-int +	7; # seconds$' "$out"
expect_match "show: max-buffers" '^ +max-buffers +	5000;$' "$out"
expect_match "show: on-no-data-accessible" '^ +on-no-data-accessible	suspend-io;$' "$out"
out=$(adm alpha -d adjust r0)
expect_match "adjust -d: would reset the disk options" '^drbdsetup-84 disk-options 0 --set-defaults$' "$out"
expect_match "adjust -d: would reset the net options" \
	'^drbdsetup-84 net-options ipv4:127.0.0.1:7806 ipv4:127.0.0.1:7807 --set-defaults --protocol=C$' "$out"
expect_match "adjust -d: would reset the resource options" '^drbdsetup-84 resource-options r0 --set-defaults$' "$out"
check "adjust" adm alpha adjust r0
expect_eq "adjust -d afterwards: nothing to do" "" "$(adm alpha -d adjust r0)"

# disconnect/connect, detach/attach, secondary, outdate, invalidate
check "disconnect" adm alpha disconnect r0
expect_eq "disconnect: StandAlone" "StandAlone" "$(s84 alpha cstate 0)"
check "connect" adm alpha connect r0
expect_eq "connect: WFConnection" "WFConnection" "$(s84 alpha cstate 0)"
check "secondary" adm alpha secondary r0
check "detach" adm alpha detach r0
expect_eq "detach: Diskless" "Diskless/DUnknown" "$(s84 alpha dstate 0)"
check "attach" adm alpha attach r0
expect_eq "attach: UpToDate again" "UpToDate/DUnknown" "$(s84 alpha dstate 0)"
check "outdate" adm alpha outdate r0
expect_eq "outdate: Outdated" "Outdated/DUnknown" "$(s84 alpha dstate 0)"
check "disconnect" adm alpha disconnect r0
check "invalidate (StandAlone Secondary)" adm alpha invalidate r0
expect_eq "invalidate: Inconsistent" "Inconsistent/DUnknown" "$(s84 alpha dstate 0)"
check "primary --force makes it UpToDate" adm alpha primary --force r0
expect_eq "dstate after primary --force" "UpToDate/DUnknown" "$(s84 alpha dstate 0)"

# resources and minors by hand
check "new-resource r9" s84 alpha new-resource r9
check "new-minor r9 9 0" s84 alpha new-minor r9 9 0
expect_match "events2: the new diskless minor" '^exists device name:r9 volume:0 minor:9 disk:Diskless$' \
	"$(s84 alpha events2 --now all)"
check "del-minor 9" s84 alpha del-minor 9
check "del-resource r9" s84 alpha del-resource r9
check "events2: r9 gone" bash -c "! printf '%s' \"\$1\" | grep -q r9" _ "$(s84 alpha events2 --now all)"

# after down: the meta data tools on the backing file
gi3=$(s84 alpha get-gi 0)
check "down" adm alpha down r0
out=$(adm alpha get-gi r0 2>&1)
expect_match "drbdadm get-gi (drbdmeta) after down: the same current UUID" "^${gi3%%:*}:" "$out"
check "drbdadm apply-al" adm alpha apply-al r0
out=$(adm alpha dump-md r0 2>&1)
expect_match "drbdadm dump-md: version" '^version "v08";$' "$out"
expect_match "drbdadm dump-md: the grown size" '^la-size-sect 24[0-9]{3};$' "$out"
expect_match "drbdadm dump-md: meta data at the new end (12 MiB - 4 KiB)" '^# md_offset 12578816$' "$out"

itest_done
