#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_auth.sh - peer authentication (cram-hmac-alg sha256, shared-secret): with the same
# secret the nodes connect; when beta comes back with a different secret, alpha logs the
# authentication failure and the connection is never established.
. "$(dirname "$0")/tn_lib.sh"
tn_init 7750

tn_res -n 'cram-hmac-alg sha256; shared-secret "right-secret";' || fail "resource file"
tn_setup 32 || { fail "daemons up, create-md, up"; itest_done; }
check "same secret: Connected" tn_wait alpha 'cs:Connected' 20
check "same secret: beta Connected" tn_wait beta 'cs:Connected' 5
check "no authentication failure logged" tn_not tn_log_has alpha 'Authentication of peer failed'

check "beta: down" tn_adm beta down r0
check "alpha waits for the peer" tn_wait alpha 'cs:WFConnection' 10
good=$CONF
CONF=$T/wrong.res
tn_res -n 'cram-hmac-alg sha256; shared-secret "wrong-secret";'
connected=$(tn_logcount alpha 'conn\( [A-Za-z]+ -> Connected \)')
check "beta: up with a different secret" tn_adm beta up r0
check "alpha logs the authentication failure" \
	wait_for 20 "auth failure" tn_log_has alpha 'Authentication of peer failed'
check "beta logs it too" wait_for 10 "auth failure on beta" tn_log_has beta 'Authentication of peer failed'
check "alpha gives up: StandAlone (as the kernel does on a failed authentication)" \
	tn_wait alpha 'cs:StandAlone' 10
check "never Connected with the wrong secret" \
	test "$(tn_logcount alpha 'conn\( [A-Za-z]+ -> Connected \)')" = "$connected"
check "alpha is not Connected" tn_not tn_state alpha 'cs:Connected'

check "beta: down" tn_adm beta down r0
CONF=$good
check "beta: up with the right secret" tn_adm beta up r0
check "alpha: connect" tn_adm alpha connect r0
check "Connected again" tn_wait alpha 'cs:Connected' 20
itest_done
