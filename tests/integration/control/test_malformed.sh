#!/bin/bash
# test_malformed.sh - issue 5: malformed netlink on the control socket (nlfuzz_client: truncated
# headers, lengths past the end, unknown families/commands/attributes, oversized and deeply
# nested attributes, dumps abandoned mid-way, zero-length and huge datagrams, lying
# out-of-band requests) gets an error reply or a closed connection, and after every input a
# fresh client still gets a correct CTRL_CMD_GETFAMILY reply. Then the seed corpus
# tests/fuzz/corpus/control is replayed the same way, and the real drbdsetup-84 still works.
# Runs as nobody when started as root. No TCP ports.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/control_lib.sh"
itest_unprivileged "$@"
itest_init
ctl_init
[ -x "$BIN/nlfuzz_client" ] || skip "nlfuzz_client not built in $BIN"
corpus=$(cd "$(dirname "$0")/../../fuzz/corpus/control" 2>/dev/null && pwd)

node_start_fg alpha --no-mount || { fail "daemon starts"; itest_done; }
dpid=$NODE_FG_PID
sock=$T/alpha/control.sock

# enough minors that a status dump spans several datagrams
for i in $(seq 0 23); do
	s84 alpha new-resource "res$i" && s84 alpha new-minor "res$i" "$i" 0 || break
done
check "24 resources with one minor each" test "$(s84 alpha events2 --now all | grep -c '^exists device')" -eq 24

out=$("$BIN/nlfuzz_client" "$sock") && rc=0 || rc=$?
printf '%s\n' "$out" | grep -v '^ok ' | sed 's/^/# /'
expect_eq "every malformed input answered or refused; daemon kept serving" 0 "$rc"
check "daemon alive after the built-in cases" kill -0 "$dpid"

if [ -n "$corpus" ] && [ -n "$(ls "$corpus")" ]; then
	out=$("$BIN/nlfuzz_client" --replay "$sock" "$corpus"/*) && rc=0 || rc=$?
	printf '%s\n' "$out" | sed 's/^/# /'
	expect_eq "seed corpus replayed ($(ls "$corpus" | wc -l) inputs)" 0 "$rc"
else
	fail "seed corpus tests/fuzz/corpus/control is missing"
fi
check "daemon alive after the corpus" kill -0 "$dpid"

# the real tools still work, and the resources are intact
check "drbdsetup-84 events2 --now after the fuzzing" \
	test "$(s84 alpha events2 --now all | grep -c '^exists device')" -eq 24
for i in $(seq 0 23); do
	s84 alpha del-minor "$i" && s84 alpha del-resource "res$i" || break
done
expect_eq "all resources deleted" "exists -" "$(s84 alpha events2 --now all)"
check "no daemon warnings beyond the expected ones" \
	bash -c "! grep -E ' (ERR|CRIT|ALERT|EMERG) |BUG|WARNING:' '$T/alpha/daemon.log'"
kill -TERM "$dpid"
wait_pid 30 "$dpid" && rc=0 || rc=$?
expect_eq "daemon exits 0 on SIGTERM" 0 "$rc"
itest_done
