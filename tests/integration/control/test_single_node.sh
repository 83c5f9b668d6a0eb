#!/bin/bash
# test_single_node.sh - issue 5, single node: the real drbdadm/drbdsetup-84/drbdmeta through
# drbd-um against a daemon of the same unprivileged user (nobody when started as root):
# create-md, up, primary --force, status, show (complete: adjust is a no-op), events2 --now,
# down, and a SIGTERM that takes a Primary down cleanly and exits 0 leaving nothing behind.
# Ports 7800-7801.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
itest_unprivileged "$@"
itest_init
ctl_init

RES=$T/r0.res
ctl_write_res "$RES" r0 0 7800 7801 '
  options { on-no-data-accessible suspend-io; }
  net { max-buffers 4000; ping-timeout 10; after-sb-0pri discard-zero-changes; }
  disk { al-extents 3001; resync-rate 40M; }'
truncate -s 16M "$T/alpha.img"

node_start_fg alpha --no-mount || { fail "daemon starts"; itest_done; }
ok "daemon starts as $(id -un) (uid $(id -u))"
dpid=$NODE_FG_PID
check "pid file names the daemon" test "$(node_pid alpha)" = "$dpid"

check "drbdadm create-md" adm alpha create-md r0 </dev/null
check "drbdadm up" adm alpha up r0
check "drbdadm primary --force" adm alpha primary --force r0

out=$(adm alpha status r0)
expect_eq "drbdadm status: Primary, UpToDate" "r0 role:Primary
  disk:UpToDate
  peer connection:Connecting" "$(printf '%s\n' "$out" | sed '/^$/d')"

tab=$(printf '\t')
expected_show="resource r0 {
    options {
        on-no-data-accessible${tab}suspend-io;
    }
    net {
        max-buffers     ${tab}4000;
        after-sb-0pri   ${tab}discard-zero-changes;
        ping-timeout    ${tab}10; # 1/10 seconds
    }
    _remote_host {
        address${tab}${tab}${tab}ipv4 127.0.0.1:7801;
    }
    _this_host {
        address${tab}${tab}${tab}ipv4 127.0.0.1:7800;
        volume 0 {
            device${tab}${tab}${tab}minor 0;
            disk${tab}${tab}${tab}\"$T/alpha.img\";
            meta-disk${tab}${tab}${tab}internal;
            disk {
                resync-rate     ${tab}40960k; # bytes/second
                al-extents      ${tab}3001;
            }
        }
    }
}"
expect_eq "drbdsetup-84 show prints the full configuration" "$expected_show" "$(s84 alpha show r0)"

out=$(adm alpha -d adjust r0) && rc=0 || rc=$?
expect_eq "drbdadm -d adjust: nothing to do (rc $rc)" "" "$out"

expected_events="exists resource name:r0 role:Primary suspended:no
exists connection name:r0 peer-node-id:0 conn-name:peer connection:Connecting role:Unknown
exists device name:r0 volume:0 minor:0 disk:UpToDate
exists peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:Off peer-disk:DUnknown resync-suspended:no
exists -"
expect_eq "drbdsetup-84 events2 --now all" "$expected_events" "$(s84 alpha events2 --now all)"

out=$(node_proc alpha)
expect_match "/proc/drbd shows minor 0 Primary UpToDate" \
	'^ 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C ' "$out"

check "drbdadm down" adm alpha down r0
expect_eq "events2 --now after down: no objects" "exists -" "$(s84 alpha events2 --now all)"
out=$(node_proc alpha)
expect_eq "/proc/drbd after down: version lines only" "version: 8.4.11 (api:1/proto:86-101)" \
	"$(printf '%s\n' "$out" | sed -n 1p)"
check "/proc/drbd after down has no minor" test "$(printf '%s\n' "$out" | grep -c '^ *0:')" -eq 0

# SIGTERM with a Primary up: everything goes down cleanly, exit 0, nothing left behind.
check "up again" adm alpha up r0
check "primary again" adm alpha primary r0
kill -TERM "$dpid"
wait_pid 30 "$dpid" && rc=0 || rc=$?
expect_eq "daemon exits 0 on SIGTERM" 0 "$rc"
check "no daemon process left" bash -c "! kill -0 $dpid 2>/dev/null"
check "control socket removed" test ! -e "$T/alpha/control.sock"
check "pid file removed" test ! -e "$T/alpha/daemon.pid"
check "log: resource r0 is down" grep -q 'resource r0 is down' "$T/alpha/daemon.log"
# metadata was flushed: clean, not primary any more, no activity log to apply
out=$(um alpha --bdev "$T/alpha.img" drbdmeta 0 v08 "$T/alpha.img" internal get-gi 2>&1)
expect_match "drbdmeta get-gi after SIGTERM: consistent, up to date, not primary" \
	'^[0-9A-F]{16}:[0-9A-F]{16}:[0-9A-F]{16}:[0-9A-F]{16}:1:1:0:0:0:0:0$' "$out"
# DRBD 8.4 (in-tree) never marks the activity log clean, so drbdmeta wants apply-al first, as
# after a kernel `drbdadm down`; drbdadm up/attach does that itself.
check "drbdadm apply-al" adm alpha apply-al r0
out=$(um alpha --bdev "$T/alpha.img" drbdmeta 0 v08 "$T/alpha.img" internal dump-md 2>&1)
expect_match "drbdmeta dump-md: the size DRBD recorded" '^la-size-sect 32688;$' "$out"
expect_match "drbdmeta dump-md: the UUIDs" '^uuid \{$' "$out"
itest_done
